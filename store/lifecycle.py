"""The minutes' lifecycle: brouillon → diffusé pour remarques → adopté → signé (locked).
Pure rules, tested alone; the service applies them in its transactions."""

from comite.kernel.i18n import _
from comite.store.errors import Refused
from comite.store.minutes_models import MinutesStatus

_FROM = {
    "circulate": (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED),
    "adopt": (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED),
    "sign": (MinutesStatus.ADOPTED,),
}
_TO = {"circulate": MinutesStatus.CIRCULATED, "adopt": MinutesStatus.ADOPTED,
       "sign": MinutesStatus.SIGNED}
_WHY = {
    "circulate": _("Ce compte rendu est déjà adopté : il ne repart plus pour remarques."),
    "adopt": _("Ce compte rendu est déjà adopté."),
    "sign": _("Seul un compte rendu adopté se signe : faites-le adopter d’abord "
              "(à la réunion suivante)."),
}


def advance(status: MinutesStatus, step: str) -> MinutesStatus:
    """The status after `step` (circulate, adopt, sign), or Refused with the reason."""
    if status not in _FROM[step]:
        raise Refused(_WHY[step])
    return _TO[step]


def edit_voids_signatures(status: MinutesStatus) -> bool:
    """Signed minutes are locked: changing them voids the signatures (said before it happens)."""
    return status is MinutesStatus.SIGNED


def after_voiding() -> MinutesStatus:
    """Voided signatures leave adopted minutes waiting to be signed again."""
    return MinutesStatus.ADOPTED


def can_remove_conclusion(status: MinutesStatus) -> bool:
    """Once adopted, a conclusion is part of the record: it is closed, never deleted."""
    return status in (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED)
