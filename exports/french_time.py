"""Dates and hours in French for e-mail and calendar text: plain spaces, where the PDF's
`exports.pdf.french` (whose day and month names this reuses) puts no-break spaces."""

from datetime import datetime

from exports.pdf.french import long_date
from store.i18n import _

# Zones whose French name is not simply their last part (Indian/Reunion is « La Réunion »).
_PLACES = {
    "Indian/Reunion": "La Réunion", "Indian/Mayotte": "Mayotte", "America/Cayenne": "Guyane",
    "America/Miquelon": "Saint-Pierre-et-Miquelon", "Pacific/Noumea": "Nouméa",
    "Pacific/Tahiti": "Tahiti", "Pacific/Wallis": "Wallis-et-Futuna",
}


def clock(moment: datetime) -> str:
    """« 18 h 00 »."""
    return f"{moment.hour:02d} h {moment.minute:02d}"


def zone_label(zone_name: str) -> str:
    """« heure de Paris », « heure de New York », « temps universel »."""
    if zone_name in ("UTC", "Etc/UTC", "Etc/GMT"):
        return _("temps universel")
    place = _PLACES.get(zone_name) or zone_name.rsplit("/", 1)[-1].replace("_", " ")
    return _("heure de {place}").format(place=place)


def span(start: datetime, end: datetime, zone_name: str) -> str:
    """« mardi 12 janvier 2027 de 18 h 00 à 20 h 00 (heure de Paris) »; both ends aware."""
    end = end.astimezone(start.tzinfo)
    if start.date() == end.date():
        text = _("{day} de {start} à {end}").format(
            day=long_date(start), start=clock(start), end=clock(end))
    else:
        text = _("du {day} à {start} au {end_day} à {end}").format(
            day=long_date(start), start=clock(start), end_day=long_date(end), end=clock(end))
    return f"{text} ({zone_label(zone_name)})"


def moment(start: datetime) -> str:
    """« mardi 12 janvier 2027 à 18 h 00 », for subjects and one-line mentions."""
    return _("{day} à {time}").format(day=long_date(start), time=clock(start))
