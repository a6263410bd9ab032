"""The example's actions of user involvement (ACI), for the MSP des Tilleuls: a satisfaction
questionnaire (212 answers), an idea box and posters (level 1), an ETP workshop co-led with a
patient partenaire of its comité (level 2). Invented, deterministic; no evidence files (the
example carries none). The example's comité des usagers and working group add their own lines
to the register by themselves."""

from datetime import date

from comite.kernel.i18n import _
from comite.store import Store
from comite.store.committee_models import CommitteeKind, Role
from comite.store.errors import NotFound
from comite.store.involvement import ActionInput
from comite.store.involvement_models import Action, ActionKind
from comite.store.minutes_models import Participation

STRUCTURE = "MSP des Tilleuls"


def fill_involvement(store: Store, today: date) -> list[Action]:
    """The actions of the MSP's last year begun by July (this one from July on), created in one
    transaction; NotFound when the base has no MSP des Tilleuls."""
    structure = next((s for s in store.structures.all() if s.name == STRUCTURE), None)
    if structure is None:
        raise NotFound(_("Aucune structure « {name} » dans l’exemple.").format(name=STRUCTURE))
    year = today.year if today >= date(today.year, 7, 1) else today.year - 1
    partner = _member(store, structure.id, Role.PATIENT_PARTNER)
    professional = _member(store, structure.id, Role.PROFESSIONAL)
    coordinator = structure.coordinator_id
    involvement = store.involvement
    with store.transaction():
        survey = involvement.create(structure.id, ActionInput(
            f"Questionnaire de satisfaction des patients {year}", ActionKind.SATISFACTION_SURVEY,
            date(year, 3, 1), date(year, 4, 30), other_users=212,
            note="Questionnaire papier à l’accueil et en ligne ; synthèse présentée au comité."))
        idea_box = involvement.create(structure.id, ActionInput(
            "Boîte à idées en salle d’attente", ActionKind.IDEA_BOX, date(year, 1, 6),
            note="Relevée chaque mois par la coordination."))
        posters = involvement.create(structure.id, ActionInput(
            "Affiches : droits des usagers et comité des usagers", ActionKind.POSTER,
            date(year, 1, 15), date(year, 12, 31)))
        workshop = involvement.create(structure.id, ActionInput(
            "Atelier d’ETP « bien vivre avec son diabète », co-animé avec une patiente partenaire",
            ActionKind.ETP_WORKSHOP, date(year, 6, 17), aci_level=2,
            participation=Participation.PARTNERSHIP, other_users=8))
        if coordinator is not None:
            involvement.add_participant(survey.id, coordinator)
        for person in (partner, professional):
            if person is not None:
                involvement.add_participant(workshop.id, person)
    return [involvement.get(action.id) for action in (survey, idea_box, posters, workshop)]


def _member(store: Store, structure_id: int, role: Role) -> int | None:
    """The first person (by number) with `role` seated in the structure's comité des usagers."""
    row = store.db.connection().execute(
        "SELECT min(m.person_id) FROM memberships m JOIN committees c ON c.id = m.committee_id "
        "JOIN person_roles r ON r.person_id = m.person_id WHERE c.structure_id = ? "
        "AND c.kind = ? AND r.role = ?",
        (structure_id, CommitteeKind.USERS_COMMITTEE.value, role.value)).fetchone()
    return row[0]
