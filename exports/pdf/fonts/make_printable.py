"""Write kernel/printable_ranges.py: the characters comite's PDFs can draw, as ranges.

Run from the repository's root after a font in this folder changes:

    .venv/bin/python -m comite.exports.pdf.fonts.make_printable

The store refuses, beside the field, a character outside these ranges (it would print as an
empty box); it may not read fonts itself (the layers: store sits below exports), hence a table
written here and checked against the fonts by tests/kernel/test_printable.py.
"""

from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont

FOLDER = Path(__file__).parent
TARGET = FOLDER.parents[2] / "kernel" / "printable_ranges.py"
# Drawn by every face: regular and bold (titles, labels), else by the emoji fallback.
BOTH_FACES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
FALLBACK = "NotoEmoji-subset.ttf"
# Typed, kept, never drawn as a box: line breaks and tabs in notes, the joiner and the variation
# selectors inside emoji sequences.
SILENT = "\n\r\t\u200d\ufe0e\ufe0f"


def characters() -> set[int]:
    def codes(name: str) -> set[int]:
        return set(TTFont(name, str(FOLDER / name)).face.charToGlyph)

    regular, bold = (codes(name) for name in BOTH_FACES)
    return (regular & bold) | codes(FALLBACK) | set(map(ord, SILENT))


def ranges(codes: set[int]) -> list[tuple[int, int]]:
    spans: list[list[int]] = []
    for code in sorted(codes):
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return [(first, last) for first, last in spans]


def source(spans: list[tuple[int, int]]) -> str:
    rows = "\n".join(f"    (0x{first:04X}, 0x{last:04X})," for first, last in spans)
    return ('"""The characters comite\'s PDFs can draw (first, last code point of each run).\n\n'
            "Written by exports/pdf/fonts/make_printable.py from the shipped fonts; do not edit.\n"
            '"""\n\nRANGES: tuple[tuple[int, int], ...] = (\n' + rows + "\n)\n")


if __name__ == "__main__":
    TARGET.write_text(source(ranges(characters())), encoding="utf-8")
    print(f"{TARGET}: {len(ranges(characters()))} ranges")
