"""Records of the actions register for the ACI indicator « implication des usagers »
(`comite.store.involvement`): the actions a structure recorded, and its year as a register of
claims, level by level, each with its dated evidence.

Level 1 of the ACI continuum informs and consults the users (questionnaires, surveys, an idea
box, posters, a website, information meetings); level 2 builds and decides with them (users in
working groups, ETP workshops co-led, a comité des usagers, a mediator). Counts are exact, the
coordinator's: what is printed for others goes through `store.disclosure` first.
"""

from dataclasses import dataclass
from datetime import date

from comite.kernel.i18n import _
from comite.store.committee_models import Labelled
from comite.store.minutes_models import Participation, Side

LEVELS = (1, 2)


def level_label(level: int) -> str:
    return {1: _("Niveau 1 — informer et consulter les usagers"),
            2: _("Niveau 2 — co-construire et co-décider avec les usagers")}[level]


class ActionKind(Labelled):
    """What an action of user involvement is: the CHECK list of `involvement_actions.kind`."""

    SATISFACTION_SURVEY = "satisfaction_survey"
    SURVEY = "survey"
    IDEA_BOX = "idea_box"
    POSTER = "poster"
    WEBSITE = "website"
    INFORMATION = "information"
    WORKING_GROUP = "working_group"
    ETP_WORKSHOP = "etp_workshop"
    USERS_COMMITTEE = "users_committee"
    MEDIATOR = "mediator"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "satisfaction_survey": "Questionnaire de satisfaction",
            "survey": "Enquête",
            "idea_box": "Boîte à idées",
            "poster": "Affichage",
            "website": "Site internet",
            "information": "Réunion d’information",
            "working_group": "Groupe de travail avec des usagers",
            "etp_workshop": "Atelier d’ETP co-animé",
            "users_committee": "Comité des usagers",
            "mediator": "Médiateur(rice) / pair",
            "other": "Autre",
        }

    @property
    def level(self) -> int:
        """The ACI level such an action usually supports, proposed until the coordinator
        chooses: co-construction is level 2, informing and consulting level 1."""
        return 2 if self in _CO_CONSTRUCTION else 1

    @property
    def participation(self) -> Participation:
        """The degree of participation such an action usually reaches, proposed likewise."""
        if self in _CO_CONSTRUCTION:
            return Participation.COLLABORATION
        if self in _CONSULTING:
            return Participation.CONSULTATION
        return Participation.INFORMATION


_CO_CONSTRUCTION = frozenset({ActionKind.WORKING_GROUP, ActionKind.ETP_WORKSHOP,
                              ActionKind.USERS_COMMITTEE, ActionKind.MEDIATOR})
_CONSULTING = frozenset({ActionKind.SATISFACTION_SURVEY, ActionKind.SURVEY, ActionKind.IDEA_BOX})


def level_of_degree(degree: Participation) -> int:
    """The level an agenda item supports by its degree: a point where the users were informed
    or consulted is level 1, one built with them level 2."""
    return 2 if degree in (Participation.COLLABORATION, Participation.PARTNERSHIP) else 1


class ClaimSource(Labelled):
    """Where a line of the register comes from: typed by the coordinator, or read from what the
    base already holds (those lines are read-only in the register)."""

    RECORDED = "recorded"
    COMMITTEE_MEETING = "committee_meeting"
    AGENDA_ITEM = "agenda_item"
    WORKING_GROUP = "working_group"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"recorded": "Action enregistrée",
                "committee_meeting": "Séance du comité des usagers",
                "agenda_item": "Point à l’ordre du jour du comité des usagers",
                "working_group": "Usager référent dans un groupe de travail"}


@dataclass(frozen=True, slots=True)
class Participant:
    """A person of the base who took part, on the side their roles give (`fragments.SIDE`)."""

    person_id: int
    name: str
    side: Side


@dataclass(frozen=True, slots=True)
class Evidence:
    """A dated document kept beside the database (checked by content), by its sha256."""

    id: int
    action_id: int
    label: str
    dated_on: date
    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Headcount:
    """Who took part, by side: the people of the base by their roles, plus those only
    counted (`other_users`, `other_professionals`)."""

    users: int = 0
    professionals: int = 0
    others: int = 0  # people of the base with no role that gives a side

    @property
    def total(self) -> int:
        return self.users + self.professionals + self.others


@dataclass(frozen=True, slots=True)
class Action:
    id: int
    uid: str
    structure_id: int
    title: str
    kind: ActionKind
    participation: Participation
    aci_level: int
    started_on: date
    ended_on: date | None
    other_users: int
    other_professionals: int
    note: str
    participants: tuple[Participant, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def headcount(self) -> Headcount:
        sides = [participant.side for participant in self.participants]
        return Headcount(users=sides.count(Side.USERS) + self.other_users,
                         professionals=sides.count(Side.PROFESSIONALS) + self.other_professionals,
                         others=sides.count(Side.OTHERS))


@dataclass(frozen=True, slots=True)
class Proof:
    """What supports a claim, dated: a file kept (its name and sha256), or a fact the base
    holds (a séance noted, minutes adopted, a mandate) with no file."""

    label: str
    dated_on: date
    file_name: str = ""
    sha256: str = ""
    path: str = ""  # the copy beside the database, for a document that shows it


@dataclass(frozen=True, slots=True)
class Claim:
    """One line of the register: an action the coordinator recorded (`action_id`), or one
    derived from the base (`action_id` None: read-only)."""

    source: ClaimSource
    title: str
    kind_label: str
    level: int
    participation: Participation | None
    started_on: date
    ended_on: date | None
    headcount: Headcount
    proofs: tuple[Proof, ...]
    detail: str = ""  # the committee, the séance an item was discussed at
    action_id: int | None = None
    # Who of the base took part in a recorded action, by name: for the coordinator's screen
    # only (the pack for others counts them by side).
    participants: tuple[str, ...] = ()

    @property
    def derived(self) -> bool:
        return self.action_id is None


@dataclass(frozen=True, slots=True)
class InvolvementYear:
    """A structure's year of user involvement: every claim, in date order."""

    structure_id: int
    structure_name: str
    year: int
    claims: tuple[Claim, ...]

    def level(self, level: int) -> tuple[Claim, ...]:
        return tuple(claim for claim in self.claims if claim.level == level)

    @property
    def recorded(self) -> tuple[Claim, ...]:
        return tuple(claim for claim in self.claims if not claim.derived)
