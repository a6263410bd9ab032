"""Every typed character prints or is refused: the table of what the PDFs draw is the fonts',
and the store refuses, beside the field, what would print as an empty box."""

from pathlib import Path

import pytest

from comite.exports.pdf.fonts import make_printable
from comite.kernel.printable import first_unprintable, printable
from comite.kernel.printable_ranges import RANGES

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "printed-characters.txt"


def test_the_table_is_what_the_shipped_fonts_draw():
    """Rewritten by make_printable.py when a font changes; this fails when it was not."""
    assert list(RANGES) == make_printable.ranges(make_printable.characters())


@pytest.mark.parametrize("character", ["é", "ễ", "Œ", "’", "«", "€", "\u202f", "👩", "😊", "⚕",
                                       "🇫", "👍", "\n", "\u200d", "\ufe0f", "й", "Ω", "א"])
def test_what_prints(character):
    assert printable(character)


@pytest.mark.parametrize("character", ["漢", "ก", "क", "\u2066", "\ue000", "ᚠ", "𝄞"])
def test_what_would_be_an_empty_box(character):
    assert not printable(character)


def test_every_line_the_pdf_tests_print_is_printable():
    for line in HOSTILE.read_text(encoding="utf-8").splitlines():
        assert first_unprintable(line) is None, line


def test_the_first_unprintable_character_is_named():
    assert first_unprintable("Li Wei 李 伟") == "李"
    assert first_unprintable("Claire Martin") is None
