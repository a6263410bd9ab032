"""ReportLab's ToUnicode map, right for characters past U+FFFF (😊, 👩, every emoji).

The map tells a reader which character each glyph is: copying text out of the PDF, searching
it, reading it aloud and our tests' pypdf depend on it. ReportLab (`ttfonts.makeToUnicodeCMap`,
5.1) writes such a character as five hex digits (`<1F469>`), which is no UTF-16 and which
readers drop; the PDF reference wants its UTF-16BE surrogate pair (`<D83DDC69>`). This module
holds the only replacement of a ReportLab function, applied once by `document.register_fonts`;
`tests/exports/test_fallback_font.py` fails if ReportLab's own map is right again, so the
replacement goes then.
"""

from reportlab.pdfbase import ttfonts

_REPORTLAB_MAP = ttfonts.makeToUnicodeCMap


def utf16_map(fontname: str, subset: list[int]) -> str:
    """ReportLab's map, with every character written as UTF-16BE hex."""
    broken = _REPORTLAB_MAP(fontname, subset)
    return "\n".join(_fixed(line, subset) for line in broken.split("\n"))


def _fixed(line: str, subset: list[int]) -> str:
    code, _space, character = line.partition(" ")
    if not (code.startswith("<") and character.startswith("<") and len(character) > 6):
        return line
    value = subset[int(code[1:-1], 16)]
    return f"{code} <{chr(value).encode('utf-16-be').hex().upper()}>"


def apply() -> None:
    ttfonts.makeToUnicodeCMap = utf16_map
