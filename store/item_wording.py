"""What an agenda item says beyond its title, as pure rules: the plain title the easy-to-read
minutes give it when the coordinator wrote none, and the outcome proposed in the form once the
meeting is held (proposed to the coordinator, never printed unless they keep it)."""

import re
from datetime import date

from comite.kernel.french_dates import day_month_year
from comite.kernel.i18n import _
from comite.store.minutes_models import ItemKind, Outcome, Purpose

# « Adoption du compte rendu du 17/05/2026 », as the agenda writes the adoption's title.
_ADOPTION = re.compile(r"^adoption du compte rendu du (\d{2})/(\d{2})/(\d{4})\s*$", re.IGNORECASE)
_OTHER_QUESTIONS = re.compile(r"^questions diverses\b", re.IGNORECASE)

# The usual items (`agenda_defaults`), each in plain words.
_PLAIN = {
    "adoption du compte rendu précédent": _("Le compte rendu de la dernière réunion est-il juste ?"),
    "réclamations et plaintes du trimestre": _("Les plaintes des patients ces trois derniers mois"),
    "événements indésirables graves": _("Les problèmes graves pendant les soins"),
    "questionnaires de satisfaction des patients": _("Ce que les patients pensent de leurs soins"),
    "projet des usagers": _("Le projet des usagers"),
    "tour de table et nouvelles de la structure": _("Les nouvelles de chacun et de la structure"),
    "avancement des projets menés ensemble": _("Où en sont nos projets ?"),
    "idées et remarques recueillies auprès des usagers": _("Les idées et les remarques des usagers"),
}


def easy_title(title: str, kind: ItemKind = ItemKind.TOPIC) -> str:
    """The plain title of an item whose coordinator wrote none: « Adoption du compte rendu du
    17/05/2026 » → « Le compte rendu de la réunion du 17 mai 2026 est-il juste ? »,
    « Questions diverses… » → « Les autres questions »; any other title as it is."""
    words = " ".join(title.split())
    adoption = _ADOPTION.match(words)
    if adoption:
        day, month, year = (int(part) for part in adoption.groups())
        try:
            held = day_month_year(date(year, month, day))
        except ValueError:  # a title typed by hand with a date that does not exist
            held = adoption.group(0).split()[-1]
        return _("Le compte rendu de la réunion du {day} est-il juste ?").format(day=held)
    if kind is ItemKind.ADOPTION:
        return _("Le compte rendu de la dernière réunion est-il juste ?")
    if _OTHER_QUESTIONS.match(words):
        if "prochaine réunion" in words.casefold():
            return _("Les autres questions et la date de la prochaine réunion")
        return _("Les autres questions")
    return _PLAIN.get(words.casefold(), words)


def proposed_outcome(kind: ItemKind, purpose: Purpose) -> Outcome:
    """The outcome the form proposes: an adoption is adopted, a decision taken, a consultation
    heard, an information given — the coordinator changes it when it went otherwise."""
    if kind is ItemKind.ADOPTION:
        return Outcome.ADOPTED
    return {Purpose.DECISION: Outcome.DECIDED, Purpose.CONSULTATION: Outcome.CONSULTED,
            Purpose.INFORMATION: Outcome.INFORMED}[purpose]
