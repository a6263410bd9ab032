"""How dates, seats and mandates read in French."""

from datetime import date, datetime

from comite.exports.french import DAYS
from comite.kernel.i18n import _
from comite.store.committee_models import Membership, Seat


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def mandate(membership: Membership) -> str:
    start, end = membership.mandate_start, membership.mandate_end
    if start and end:
        return _("{start} → {end}").format(start=day(start), end=day(end))
    if end:
        return _("jusqu’au {end}").format(end=day(end))
    if start:
        return _("depuis le {start}").format(start=day(start))
    return ""


def seat(membership: Membership) -> str:
    if membership.seat == Seat.SUBSTITUTE:
        if membership.substitute_for_name:
            return _("Suppléant(e) de {name}").format(name=membership.substitute_for_name)
        return _("Suppléant(e) — sans titulaire")
    return membership.seat.label


def days_left(days: int) -> str:
    if days == 0:
        return _("aujourd’hui")
    return _("dans {n} j").format(n=days)


def count(n: int, one: str, many: str) -> str:
    return f"{n:,}".replace(",", "\u202f") + " " + (one if n == 1 else many)


def columns(values: tuple[str, ...], widths: tuple[int, ...]) -> str:
    """One line of fixed-width columns, each cut with … when too long, padded to full width."""
    cells = []
    for value, width in zip(values, widths, strict=True):
        text = value if len(value) <= width else value[: width - 1] + "…"
        cells.append(text.ljust(width))
    return " ".join(cells)



def moment(value: datetime | None) -> str:
    """« mar 12/01/2027 18:00 »: a list's date column."""
    return f"{DAYS[value.weekday()][:3]} {value:%d/%m/%Y %H:%M}" if value else ""
