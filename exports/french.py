"""Dates and times written the French way (the dates themselves come from store.french_dates).

PDFs want no-break spaces (« 18 h 00 » must stay whole on a line); e-mail and calendar text
want plain ones, which every client shows alike.
"""

from datetime import datetime

from comite.kernel.french_dates import DAYS as DAYS
from comite.kernel.french_dates import MONTHS as MONTHS
from comite.kernel.french_dates import day_month_year as day_month_year
from comite.kernel.french_dates import long_date as long_date
from comite.kernel.grammar import de
from comite.kernel.i18n import _

# A no-break space: ReportLab never breaks a line there, and « 18 h 00 » must stay whole.
NBSP = "\u00a0"


def clock(moment: datetime, space: str = NBSP) -> str:
    """« 18 h 00 »."""
    return f"{moment.hour:02d}{space}h{space}{moment.minute:02d}"


def time_range(start: datetime, end: datetime) -> str:
    """« 18 h 00 – 20 h 00 »; a meeting that ends after midnight says so."""
    ending = clock(end)
    if end.date() != start.date():
        ending += f"{NBSP}(le lendemain)"
    return f"{clock(start)}{NBSP}– {ending}"


_TIGHT = str.maketrans({" ": NBSP})
_BEFORE = (" :", " ;", " !", " ?", " »")


def french_spaces(text: str) -> str:
    """No line break between a word and the « : ; ! ? » that follows it, nor inside « guillemets »."""
    for pair in _BEFORE:
        text = text.replace(pair, pair.translate(_TIGHT))
    return text.replace("« ", "«" + NBSP)


# ---- for e-mail and calendar text (plain spaces) ----------------------------------------

# Zones whose French name is not simply their last part (Indian/Reunion is « La Réunion »).
_PLACES = {
    "Indian/Reunion": "La Réunion", "Indian/Mayotte": "Mayotte", "America/Cayenne": "Guyane",
    "America/Miquelon": "Saint-Pierre-et-Miquelon", "Pacific/Noumea": "Nouméa",
    "Pacific/Tahiti": "Tahiti", "Pacific/Wallis": "Wallis-et-Futuna",
}


def zone_label(zone_name: str) -> str:
    """« heure de Paris », « heure de New York », « temps universel »."""
    if zone_name in ("UTC", "Etc/UTC", "Etc/GMT"):
        return _("temps universel")
    place = _PLACES.get(zone_name) or zone_name.rsplit("/", 1)[-1].replace("_", " ")
    return _("heure {of_place}").format(of_place=de(place))


def span(start: datetime, end: datetime, zone_name: str) -> str:
    """« mardi 12 janvier 2027 de 18 h 00 à 20 h 00 (heure de Paris) »; both ends aware."""
    end = end.astimezone(start.tzinfo)
    if start.date() == end.date():
        text = _("{day} de {start} à {end}").format(
            day=long_date(start), start=clock(start, " "), end=clock(end, " "))
    else:
        text = _("du {day} à {start} au {end_day} à {end}").format(
            day=long_date(start), start=clock(start, " "), end_day=long_date(end), end=clock(end, " "))
    return f"{text} ({zone_label(zone_name)})"


def moment(start: datetime) -> str:
    """« mardi 12 janvier 2027 à 18 h 00 », for subjects and one-line mentions."""
    return _("{day} à {time}").format(day=long_date(start), time=clock(start, " "))
