"""A committee's composition in counts: by role, age band, sex, territory, lived experience.

Counts only, never a list, and exact: they are the coordinator's, who knows every member by
name. In a small committee an exact small number can point at one person, so what is exported or
printed for others goes through `comite.store.disclosure` first.
"""

import sqlite3
from collections import Counter
from datetime import date

from comite.kernel.i18n import _
from comite.store.committee_models import Role
from comite.store.privacy_models import Composition, CountCell
from comite.store.profile import LivedAs, Sex

AGE_BANDS = ((25, _("Moins de 25 ans")), (45, _("25 à 44 ans")), (65, _("45 à 64 ans")),
             (75, _("65 à 74 ans")), (None, _("75 ans et plus")))
UNSAID = _("Non renseigné")


def age_band(birth_year: int | None, today: date) -> str:
    """The band of the age reached this year (a year of birth is all that is kept)."""
    if birth_year is None:
        return UNSAID
    age = today.year - birth_year
    return next(label for limit, label in AGE_BANDS if limit is None or age < limit)


def composition(conn: sqlite3.Connection, committee_id: int, today: date) -> Composition:
    members = conn.execute(
        "SELECT p.id, p.birth_year, p.sex, p.territory, p.lived_as FROM memberships m "
        "JOIN people p ON p.id = m.person_id WHERE m.committee_id = ? "
        "AND (m.mandate_end IS NULL OR m.mandate_end >= ?)",
        (committee_id, today.isoformat())).fetchall()
    roles: dict[int, set[str]] = {}
    for row in conn.execute(
            "SELECT r.person_id, r.role FROM person_roles r JOIN memberships m "
            "ON m.person_id = r.person_id WHERE m.committee_id = ?", (committee_id,)):
        roles.setdefault(row["person_id"], set()).add(row["role"])

    def role_of(person_id: int) -> str:
        held = roles.get(person_id, set())
        return next((role.label for role in Role if role.value in held), UNSAID)

    territories = Counter(row["territory"].strip() or UNSAID for row in members)
    by = (
        (_("Rôle"), _cells([role.label for role in Role] + [UNSAID],
                           Counter(role_of(row["id"]) for row in members))),
        (_("Âge"), _cells([label for _limit, label in AGE_BANDS] + [UNSAID],
                          Counter(age_band(row["birth_year"], today) for row in members))),
        (_("Sexe"), _cells([s.label for s in Sex if s is not Sex.UNSAID] + [UNSAID],
                           Counter(Sex(row["sex"]).label for row in members))),
        (_("Territoire"), _cells([*sorted(t for t in territories if t != UNSAID), UNSAID],
                                 territories)),
        (_("Vécu"), _cells([v.label for v in LivedAs if v is not LivedAs.UNSAID] + [UNSAID],
                           Counter(LivedAs(row["lived_as"]).label for row in members))),
    )
    return Composition(committee_id=committee_id, members=len(members), by=by, on=today)


def _cells(order: list[str], counts: Counter) -> tuple[CountCell, ...]:
    return tuple(CountCell(label, counts.get(label, 0)) for label in order)
