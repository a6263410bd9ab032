"""Local wall-clock times in an IANA zone, refused when they do not exist or are ambiguous."""

from datetime import UTC, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from comite.kernel.errors import FieldError
from comite.kernel.i18n import _

DEFAULT_ZONE = "Europe/Paris"


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    # OSError: a folder of the zone database ("Europe") or a name too long for a file name.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        shown = "".join(ch for ch in name[:40] if ch.isprintable())
        raise FieldError("timezone", _(
            "« {name} » n’est pas un fuseau horaire connu (exemple : Europe/Paris).").format(
                name=shown)) from None


def to_utc(local: datetime, zone_name: str, field: str = "start") -> datetime:
    """The UTC instant of a naive wall-clock time, refusing the hour skipped in spring and the
    hour that happens twice in autumn: a slot must mean one single moment to everyone.
    An aware datetime already is one instant: it is kept, never re-read in `zone_name`."""
    tz = zone(zone_name)
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    first = local.replace(tzinfo=tz, fold=0)
    second = local.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        shown = local.strftime("%d/%m/%Y à %H:%M")
        # In a gap, fold=0 takes the offset before the change, which is the larger one in spring.
        if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != local:
            raise FieldError(field, _(
                "Le {when} n’existe pas : les horloges avancent d’une heure cette nuit-là "
                "(passage à l’heure d’été). Choisissez une autre heure.").format(when=shown))
        raise FieldError(field, _(
            "Le {when} a lieu deux fois : les horloges reculent d’une heure cette nuit-là "
            "(passage à l’heure d’hiver). Choisissez une autre heure.").format(when=shown))
    return first.astimezone(UTC)


def local(instant: datetime, zone_name: str) -> datetime:
    return instant.astimezone(zone(zone_name))


def utc_iso(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat(timespec="seconds")


def from_utc_iso(text: str, zone_name: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(zone(zone_name))


def ends(start: datetime, minutes: int) -> datetime:
    """Real minutes later: adding to an aware datetime in its own zone is wall-clock arithmetic,
    an hour off when the clocks change during the meeting."""
    return (start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(start.tzinfo)
