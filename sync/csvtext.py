"""Spreadsheet exports as text: their encoding, their separator, and cells that must stay text."""

import csv
import io
import unicodedata

from comite.kernel.i18n import _
from comite.sync.errors import InboxRefusal

# What makes a spreadsheet evaluate a cell (and Framadate's own ' guard in front of them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def decode(data: bytes) -> tuple[str, str]:
    """The text and a warning ('' when none): UTF-8 with or without BOM, else Windows-1252
    (Excel's « CSV » on a French Windows); anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise InboxRefusal(
            _("Ce fichier n’est pas un export CSV lisible (encodage UTF-16 ou fichier binaire)."),
            _("Réexportez le sondage depuis Framadate (« Export Tableur (CSV) ») sans l’ouvrir "
              "dans un tableur, ou enregistrez-le en « CSV UTF-8 »."))
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InboxRefusal(
            _("Ce fichier CSV n’est ni en UTF-8 ni en Windows-1252 : ses accents seraient faux."),
            _("Réexportez le sondage depuis Framadate, ou enregistrez-le en « CSV UTF-8 »."),
        ) from None
    return text, _("Le fichier n’était pas en UTF-8 : il a été lu comme un fichier Windows-1252 "
                   "(enregistré par Excel) ; vérifiez les accents des noms.")


def rows(text: str) -> list[list[str]]:
    """The cells, split on ',' or ';' (whichever the first line uses), blank lines dropped."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    separator = max((",", ";"), key=lambda sep: len(next(csv.reader([first], delimiter=sep))))
    try:
        parsed = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True))
    except csv.Error:
        raise InboxRefusal(_("Ce fichier CSV est mal formé (guillemets non refermés)."),
                           _("Réexportez le sondage depuis Framadate.")) from None
    return [[cell.strip() for cell in row] for row in parsed if any(cell.strip() for cell in row)]


def plain_text(cell: str, limit: int = 200) -> tuple[str, bool]:
    """The cell as inert text, and whether a spreadsheet formula start had to be removed.

    The names are never written back to a spreadsheet here, but they are shown and stored:
    what looked like a formula must read as what it is, plain characters."""
    text = cell
    neutralised = False
    while text and text.startswith(FORMULA_STARTS):
        text = text[1:].lstrip(" ")
        neutralised = True
    kept = "".join(ch if unicodedata.category(ch) not in ("Cc", "Cf") else " " for ch in text)
    return " ".join(kept.split())[:limit], neutralised
