"""Pure checks of what a coordinator types; each returns the clean value or raises FieldError.

Forms call them to show an error beside the field; services call them again so no path into
the database skips them.
"""

import re
import unicodedata
from collections.abc import Callable
from datetime import date

from comite.kernel.errors import FieldError
from comite.kernel.formulas import formula_start
from comite.kernel.grammar import ARTICLES
from comite.kernel.i18n import _
from comite.kernel.printable import first_unprintable
from comite.store.errors import ValidationError

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[^@\s\"<>,;:()\[\]]+@{_LABEL}(?:\.{_LABEL})+$")
_PHONE_CHARS = re.compile(r"^[+\d][\d\s.\-()]*$")
_DATE_FR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def required(field: str, value: str, what: str) -> str:
    cleaned = " ".join(unicodedata.normalize("NFC", value).split())
    if not cleaned:
        raise FieldError(field, _("{what} est obligatoire.").format(what=what))
    if len(cleaned) > 200:
        raise FieldError(field, _("{what} est trop long (200 caractères au plus).").format(what=what))
    return not_a_formula(field, printable(field, cleaned))


def optional_text(field: str, value: str, limit: int = 200, prose: bool = False) -> str:
    """`prose` is a note or a description: it may start as a list does (« - »), and no
    spreadsheet cell nor PDF title is made of it."""
    cleaned = unicodedata.normalize("NFC", value).strip()
    if len(cleaned) > limit:
        raise FieldError(
            field, _("Ce champ est trop long ({limit} caractères au plus).").format(limit=limit)
        )
    cleaned = printable(field, cleaned)
    return cleaned if prose else not_a_formula(field, cleaned)


def not_a_formula(field: str, value: str) -> str:
    """`value` as it is, unless a spreadsheet would run it (`comite.kernel.formulas`): every
    name and title may reach a CSV export or a PDF a reader copies into one."""
    start = formula_start(value)
    if start == "\t":
        raise FieldError(field, _("Un texte qui commence par une tabulation peut cacher une "
                                  "formule de tableur : retirez-la."))
    if start == "\r":
        raise FieldError(field, _("Un texte qui commence par un retour chariot peut cacher une "
                                  "formule de tableur : retirez-le."))
    if start is not None:
        raise FieldError(field, _("Un texte qui commence par {sign} est pris pour une formule par "
                                  "les tableurs : retirez le {sign} ou commencez "
                                  "autrement.").format(sign=start))
    return value


def printable(field: str, value: str) -> str:
    """`value` as it is, unless a character in it would print as an empty box in the PDFs."""
    if (character := first_unprintable(value)) is None:
        return value
    if unicodedata.category(character).startswith("C"):  # a control: nothing to show in « »
        raise FieldError(field, _("Un caractère invisible (U+{code:04X}), venu sans doute d’un "
                                  "copier-coller, ne s’imprime pas dans les documents de comite : "
                                  "retapez ce texte.").format(code=ord(character)))
    raise FieldError(field, _("Le caractère « {c} » (U+{code:04X}) ne s’imprime pas dans les "
                              "documents de comite : retirez-le ou remplacez-le.").format(
                                  c=character, code=ord(character)))


def article(value: str | None) -> str:
    """« le », « la », « l’ », « les », or empty for « as the name suggests »; a straight
    apostrophe is taken as the typographic one the app writes."""
    cleaned = (value or "").strip().replace("'", "’")
    if cleaned and cleaned not in ARTICLES:
        raise FieldError("article", _("Choisissez l’article : le, la, l’ ou les."))
    return cleaned


def email(field: str, value: str) -> str:
    """An empty string (no e-mail: paper and phone are first-class) or a plausible address."""
    cleaned = value.strip()
    if not cleaned:
        return ""
    local, _sep, domain = cleaned.rpartition("@")
    if not _EMAIL.match(cleaned) or len(cleaned) > 254 or ".." in cleaned:
        raise FieldError(
            field,
            _("« {value} » n’est pas une adresse e-mail valide (exemple : prenom.nom@example.org).")
            .format(value=cleaned[:60]),
        )
    return not_a_formula(field, f"{local}@{domain.lower()}")


def phone(field: str, value: str) -> str:
    """A French number (shown as 06 39 98 12 34) or an international one starting with + or 00."""
    cleaned = value.strip()
    if not cleaned:
        return ""
    if _PHONE_CHARS.match(cleaned):
        digits = re.sub(r"\D", "", cleaned)
        if cleaned.startswith("+"):
            international = digits
        elif digits.startswith("00"):
            international = digits[2:]
        else:
            international = None
        if international is None:
            national = digits
        elif international.startswith("33"):
            # +33 6…, and the common "+33 (0)6…" with its optional trunk 0.
            national = "0" + international[2:].removeprefix("0")
        else:
            national = None
            if 8 <= len(international) <= 15 and (cleaned.startswith("+") or len(international) >= 9):
                return "+" + international
        if national and len(national) == 10 and re.match(r"^0[1-9]", national):
            return " ".join(national[i : i + 2] for i in range(0, 10, 2))
    raise FieldError(
        field,
        _("« {value} » n’est pas un numéro de téléphone valide (exemple : 06 39 98 12 34 "
          "ou +32 2 123 45 67).").format(value=cleaned[:40]),
    )


def parse_date(field: str, value: str) -> date | None:
    """JJ/MM/AAAA (also with . or -) or AAAA-MM-JJ; empty means no date."""
    cleaned = value.strip()
    if not cleaned:
        return None
    if match := _DATE_FR.match(cleaned):
        day, month, year = (int(part) for part in match.groups())
    elif match := _DATE_ISO.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise FieldError(
            field, _("« {value} » n’est pas une date : écrivez JJ/MM/AAAA.").format(value=cleaned[:20])
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise FieldError(
            field, _("Le {value} n’existe pas dans le calendrier.").format(value=cleaned)
        ) from None


def mandate(field_end: str, start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise FieldError(field_end, _("La fin du mandat est avant son début."))


# Letters that carry no combining accent, so NFKD leaves them as they are.
# Typographic apostrophes fold to the one a keyboard types: « l’année » is found as "l'annee".
_UNDECOMPOSED = str.maketrans({"ø": "o", "œ": "oe", "æ": "ae", "ł": "l", "đ": "d", "þ": "th",
                               "’": "'", "‘": "'", "ʼ": "'"})


def fold(text: str) -> str:
    """Case and accents removed, so that "comite" finds "Comité" and Ørsted sorts with the O."""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_UNDECOMPOSED)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def sort_key(last_name: str, first_name: str) -> str:
    return fold(f"{last_name} {first_name}")


def collect(*checks: Callable[[], object]) -> list[object]:
    """Run every check, gather all the field errors at once so a form shows them together."""
    errors: dict[str, str] = {}
    values: list[object] = []
    for check in checks:
        try:
            values.append(check())
        except FieldError as error:
            errors.setdefault(error.field, error.message)
            values.append(None)
    if errors:
        raise ValidationError(errors)
    return values
