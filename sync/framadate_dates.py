"""The dates of a Framadate export's first row, and which of day and month comes first.

Framadate writes a numeric date in its page's language (« 1/2/27 » is 2 January in English,
1 February in French) and the file does not say which. The order comes from evidence only: the
language its answers are written in, or a part above 12; otherwise the dates are ambiguous and
the coordinator says which order is right. A guess would move answers to the wrong day.
"""

import re
from datetime import date
from typing import NamedTuple

from comite.kernel.french_dates import day_month_year
from comite.kernel.i18n import _
from comite.store.validation import fold
from comite.sync import csvtext
from comite.sync.errors import InboxRefusal
from comite.sync.framadate_languages import DateOrder, Language, date_order, names

_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1, "fevrier": 2, "fevr": 2, "fev": 2, "feb": 2,
    "february": 2, "mars": 3, "mar": 3, "march": 3, "avril": 4, "avr": 4, "apr": 4, "april": 4,
    "mai": 5, "may": 5, "juin": 6, "jun": 6, "june": 6, "juillet": 7, "juil": 7, "jul": 7,
    "july": 7, "aout": 8, "aug": 8, "august": 8, "septembre": 9, "sept": 9, "sep": 9,
    "september": 9, "octobre": 10, "oct": 10, "october": 10, "novembre": 11, "nov": 11,
    "november": 11, "decembre": 12, "dec": 12, "december": 12,
}
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_REEXPORT = _("Réexportez le sondage depuis Framadate sans le modifier dans un tableur ; rien n’a "
              "été importé.")


class Parts(NamedTuple):
    """A numeric date whose day and month the export's language orders: « 1/2/27 »."""

    first: int
    second: int
    year: int

    def read(self, order: DateOrder) -> date | None:
        day, month = (self.first, self.second) if order is DateOrder.DAY_FIRST else (
            self.second, self.first)
        try:
            return date(self.year, month, day)
        except ValueError:
            return None


class AmbiguousDates(InboxRefusal):
    """The dates read as well day first as month first, and nothing in the file settles it.
    `examples`: (cell, read day first, read month first) for the cells the order changes."""

    def __init__(self, examples: tuple[tuple[str, date, date], ...]) -> None:
        cell, day_first, month_first = examples[0]
        super().__init__(
            _("Les dates de cet export Framadate se lisent aussi bien le jour d’abord que le mois "
              "d’abord (« {cell} » : {day_first} ou {month_first}), et ses réponses ne disent pas "
              "dans quelle langue Framadate l’a écrit.").format(
                  cell=cell, day_first=day_month_year(day_first),
                  month_first=day_month_year(month_first)),
            _("Importez-le depuis l’écran de la réunion (touche « i ») : comite vous demandera "
              "l’ordre des dates ; ou en ligne de commande : « comite import framadate REUNION "
              "FICHIER --jour-d-abord » (ou --mois-d-abord)."))
        self.examples = examples


def read_cell(cell: str) -> date | Parts | None:
    """A date the cell says outright (ISO, a month in words), the parts of a numeric one, or
    None when it is no date."""
    text = fold(cell).strip()
    if match := _NUMERIC_DATE.match(text):
        first, second, year = (int(part) for part in match.groups())
        return Parts(first, second, year + (2000 if year < 100 else 0))
    if match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        # « mardi 12 janvier 2027 », « mar. 12 janv. 2027 », « January 12, 2027 »: the month is
        # the word beside the day (« mar » before it is Tuesday, not March).
        words = re.findall(r"[a-z]+|\d+", text)
        numbers = [index for index, word in enumerate(words) if word.isdigit()]
        if len(numbers) != 2 or len(words[numbers[1]]) != 4:
            return None
        at = numbers[0]
        beside = [words[index] for index in (at + 1, at - 1) if 0 <= index < len(words)]
        month = next((_MONTHS[word] for word in beside if word in _MONTHS), None)
        if month is None:
            return None
        day, year = int(words[at]), int(words[numbers[1]])
    try:
        return date(year, month, day)
    except ValueError:
        return None


def days(cells: list[str], languages: tuple[Language, ...],
         chosen: DateOrder | None = None) -> list[date]:
    """The date of each column. `languages`: those the answers may be written in; `chosen`: the
    order the coordinator gave, used only when the file leaves it open. InboxRefusal when a cell
    is no date or the evidence disagrees; AmbiguousDates when nothing settles the order."""
    read = [read_cell(cell) for cell in cells]
    numeric = [(index, parts) for index, parts in enumerate(read) if isinstance(parts, Parts)]
    expected = date_order(languages)
    possible = [order for order in DateOrder if all(parts.read(order) for _i, parts in numeric)]
    if not possible or None in read:
        raise _not_a_date(cells, read, expected or chosen or DateOrder.DAY_FIRST)
    if expected is not None and expected not in possible:
        raise _contradiction(cells, numeric, expected, names(languages))
    settled = expected or (possible[0] if len(possible) == 1 else None)
    if chosen is not None and settled not in (None, chosen):
        raise _overruled(chosen, expected, names(languages)) if expected else _contradiction(
            cells, numeric, chosen, "")
    order = settled or chosen
    if order is None:
        examples = tuple(dict.fromkeys(
            (cells[index], parts.read(DateOrder.DAY_FIRST), parts.read(DateOrder.MONTH_FIRST))
            for index, parts in numeric
            if parts.read(DateOrder.DAY_FIRST) != parts.read(DateOrder.MONTH_FIRST)))
        if examples:
            raise AmbiguousDates(examples)
        order = DateOrder.DAY_FIRST  # « 1/1/27 » and the like: both orders read the same
    return [found.read(order) if isinstance(found, Parts) else found for found in read]


def _not_a_date(cells: list[str], read: list[date | Parts | None], order: DateOrder) -> InboxRefusal:
    index = next(index for index, found in enumerate(read)
                 if found is None or (isinstance(found, Parts) and found.read(order) is None))
    return InboxRefusal(_("Colonne {number} : « {value} » n’est pas une date lisible.").format(
        number=index + 2, value=csvtext.plain_text(cells[index], 30)[0]), _REEXPORT)


def _contradiction(cells: list[str], numeric: list[tuple[int, Parts]], order: DateOrder,
                   language: str) -> InboxRefusal:
    """Read in `order`, a date is impossible: the file was edited, or the order is wrong."""
    index = next(index for index, parts in numeric if parts.read(order) is None)
    said = _("Cet export est en {language} : Framadate y écrit {order}").format(
        language=language, order=order.label) if language else _(
        "Vous avez indiqué que les dates s’écrivent {order}").format(order=order.label)
    return InboxRefusal(
        _("{said}, mais la colonne {number} porte « {value} », qui ne se lit pas ainsi : rien "
          "n’a été importé.").format(said=said, number=index + 2,
                                      value=csvtext.plain_text(cells[index], 30)[0]),
        _REEXPORT if language else _("Choisissez l’autre ordre, ou réexportez le sondage depuis "
                                     "Framadate."))


def _overruled(chosen: DateOrder, expected: DateOrder, language: str) -> InboxRefusal:
    return InboxRefusal(
        _("Vous avez indiqué que les dates s’écrivent {chosen}, mais cet export est en {language} : "
          "Framadate y écrit {expected}. Rien n’a été importé.").format(
              chosen=chosen.label, language=language, expected=expected.label),
        _("Relancez l’import sans préciser l’ordre des dates : la langue du fichier le donne."))
