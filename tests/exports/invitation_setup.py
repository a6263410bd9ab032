"""What the exports tests share: the moment, the organizer, and a committee whose names test
every encoding (accents, a hostile name full of separators, a member without e-mail)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from comite.exports.ical import Organizer
from comite.store import MembershipInput, PersonInput
from comite.store.committee_models import CommitteeKind, Function, Seat, StructureKind

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ORGANIZER = Organizer("Coordination de la MSP des Tilleuls", "coordination@example.org")
# The organizer as the settings complete it: a role to sign with, a phone to call.
SIGNED = Organizer("Martine Perrin", "coordination@example.org", phone="04 78 00 00 00",
                   role="coordinatrice de la MSP")
HOSTILE = 'Dupont & <b>Fils</b> "Le Grand" ; , :'


@dataclass(frozen=True)
class Member:
    last_name: str
    first_name: str
    email: str
    seat: Seat = Seat.TITULAR
    function: Function = Function.MEMBER
    substitute_of: str = ""  # last name of the titulaire this suppléant(e) stands in for
    sex: str = ""  # people.sex: what « invitée », « elle vous préviendra » agree with


# A titulaire présidente (required), her suppléant, a guest with a hostile name, a titulaire
# without e-mail (paper convocation), and a plain titulaire.
MEMBERS = (
    Member("Lefèvre", "Élodie", "elodie.lefevre@example.org", function=Function.PRESIDENT,
           sex="female"),
    Member("Çelik", "Jean-Noël", "jean-noel.celik@example.org", Seat.SUBSTITUTE,
           substitute_of="Lefèvre", sex="male"),
    Member(HOSTILE, "Zoé", "zoe.dupont@example.org", function=Function.GUEST),
    Member("Martin", "Gérard", ""),
    Member("Nguyen", "Thi Hoa", "thi-hoa.nguyen@example.org"),
)


def add_committee(store, members: tuple[Member, ...], name: str = "Comité des usagers") -> int:
    structure = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")
    committee = store.committees.create(structure.id, name, CommitteeKind.USERS_COMMITTEE)
    seats: dict[str, int] = {}
    for number, member in enumerate(members):
        person = store.people.create(PersonInput(
            last_name=member.last_name, first_name=member.first_name, email=member.email,
            phone=f"06 39 98 {number // 100:02d} {number % 100:02d}", sex=member.sex))
        membership = store.memberships.add(committee.id, person.id, MembershipInput(
            seat=member.seat, function=member.function,
            substitute_for=seats.get(member.substitute_of)))
        seats[member.last_name] = membership.id
    return committee.id
