"""The languages Framadate writes its CSV export in: each one's answer words, and whether its
numeric dates put the day or the month first.

Framadate writes the export in the language of the page that exported it, and nothing in the
file names that language: the answers tell it. The words and orders come from Framadate's own
locale files and date code; docs/framadate.md lists the sources.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from comite.kernel.i18n import _
from comite.store.meeting_models import Answer


class DateOrder(StrEnum):
    DAY_FIRST = "day_first"
    MONTH_FIRST = "month_first"

    @property
    def label(self) -> str:
        return _("le jour d’abord") if self is DateOrder.DAY_FIRST else _("le mois d’abord")


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    name: str  # French, for the coordinator: « anglais »
    words: Mapping[str, Answer | None]  # folded answer → answer (None: Framadate's « unknown »)
    order: DateOrder  # of « 1/2/27 »-like dates


def _language(code: str, name: str, yes: Iterable[str], if_need_be: Iterable[str],
              no: Iterable[str], unknown: Iterable[str] = (),
              order: DateOrder = DateOrder.DAY_FIRST) -> Language:
    words: dict[str, Answer | None] = {word: Answer.YES for word in yes}
    words |= {word: Answer.IF_NEED_BE for word in if_need_be}
    words |= {word: Answer.NO for word in no}
    words |= {word: None for word in unknown}
    return Language(code, name, words, order)


# Folded as sync.framadate folds a cell (no case, no accents). Older Framadate versions had other
# words for « if need be » (« wenn notwendig »), kept beside today's.
LANGUAGES = (
    _language("fr", _("français"), ["oui"], ["si necessaire", "sous reserve"], ["non"]),
    _language("en", _("anglais"), ["yes"], ["ifneedbe", "if need be"], ["no"],
              order=DateOrder.MONTH_FIRST),
    _language("de", _("allemand"), ["ja"], ["unter vorbehalt", "wenn notwendig"], ["nein"],
              ["unbekannt"]),
    _language("es", _("espagnol"), ["si"], ["en caso de ser necesario"], ["no"]),
    _language("it", _("italien"), ["si"], ["se necessario"], ["no"], ["sconosciuto"]),
    _language("oc", _("occitan"), ["oc"], ["se cal"], ["non"], ["inconnu"]),
    _language("br", _("breton"), ["ya"], ["marteze"], ["ket"], ["dianav"]),
    _language("ca", _("catalan"), ["si"], ["si es necessari"], ["no"], ["desconegut"]),
    _language("nl", _("néerlandais"), ["ja"], ["indien nodig"], ["nee"], ["onbekend"]),
)
# STUdS, Framadate's ancestor: « OK », « (OK) » or an empty cell (no); dates always day first.
STUDS = _language("studs", _("ancien format STUdS"), ["ok"], ["(ok)"], [])
# Written whatever the language: keys Framadate printed untranslated (« Under reserve » in 1.x,
# « unkown » for a column added after someone answered).
NEUTRAL: Mapping[str, Answer | None] = {"under reserve": Answer.IF_NEED_BE, "unknown": None,
                                        "unkown": None}
ANSWERS: Mapping[str, Answer | None] = {
    word: answer for language in (*LANGUAGES, STUDS) for word, answer in language.words.items()
} | NEUTRAL


def languages_of(tokens: Iterable[str]) -> tuple[Language, ...]:
    """The languages (STUdS among them) whose words hold every known answer of the file;
    unknown answers and neutral ones say nothing."""
    telling = {token for token in tokens if token in ANSWERS and token not in NEUTRAL}
    if not telling:
        return ()
    return tuple(language for language in (*LANGUAGES, STUDS) if telling <= language.words.keys())


def date_order(languages: Iterable[Language]) -> DateOrder | None:
    """The order these languages agree on; None when there are none or they differ."""
    orders = {language.order for language in languages}
    return orders.pop() if len(orders) == 1 else None


def names(languages: Iterable[Language]) -> str:
    """« anglais », « espagnol, italien ou catalan »."""
    shown = [language.name for language in languages]
    return shown[0] if len(shown) == 1 else _("{some} ou {last}").format(
        some=", ".join(shown[:-1]), last=shown[-1])
