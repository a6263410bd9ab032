"""French counts: 0 and 1 take the singular, the plural starts at 2; and no sentence of the app
keeps « (s) » beside its number (« 1 message(s) envoyé(s) »)."""

import ast
from pathlib import Path

import pytest

from comite.exports.minutes_parts import quorum_line
from comite.kernel.plural import count, plural
from comite.store.minutes_models import Quorum


@pytest.mark.parametrize(("n", "form"), [(0, "membre"), (1, "membre"), (2, "membres"), (1000, "membres")])
def test_zero_and_one_are_singular_two_and_more_plural(n, form):
    assert plural(n, "membre", "membres") == form


@pytest.mark.parametrize(("n", "text"), [
    (0, "0 membre"),
    (1, "1 membre"),
    (2, "2 membres"),
    (12, "12 membres"),
    (1000, "1\u202f000 membres"),  # thousands parted by a narrow no-break space
    (1234567, "1\u202f234\u202f567 membres"),
])
def test_count_spells_the_number_then_the_form(n, text):
    assert count(n, "membre", "membres") == text


def test_plural_returns_the_form_untouched_for_a_sentence_to_fill():
    assert plural(1, "{n} personne était là :", "{n} personnes étaient là :").format(n=1) == \
        "1 personne était là :"


@pytest.mark.parametrize(("covered", "seats"), [(0, "0 siège"), (1, "1 siège"), (2, "2 sièges")])
def test_the_minutes_count_seats_by_the_same_rule(covered, seats):
    assert quorum_line(Quorum(seats=4, covered=covered, needed=3)) == \
        f"Quorum non atteint : {seats} sur 4 (3 requis)"


ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kernel", "store", "exports", "sync", "usecases", "cli", "tui")


def _literals(path: Path):
    """Each string literal of a module, with its line."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


@pytest.mark.parametrize("package", PACKAGES)
def test_no_sentence_counts_with_an_s_in_brackets(package):
    found = [f"{path.relative_to(ROOT)}:{line}: {text!r}"
             for path in sorted((ROOT / package).rglob("*.py"))
             for line, text in _literals(path)
             if "(s)" in text and "{" in text]
    assert not found, "\n".join(found)
