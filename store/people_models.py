"""Records of people: a person's card, a line of the people list and its pages, what goes with
a deletion. Apart from store.models so that opening the app, which only counts people, does
not build them (each frozen record costs the start-up most of a millisecond)."""

from dataclasses import dataclass

from comite.kernel.grammar import Gender, gender_of
from comite.store.committee_models import Membership, Role


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    uid: str
    first_name: str
    last_name: str
    email: str
    phone: str
    profession: str
    association: str
    note: str
    roles: tuple[Role, ...]
    birth_year: int | None = None
    sex: str = ""  # a profile.Sex
    territory: str = ""
    lived_as: str = ""  # a profile.LivedAs
    easy_read: bool = False  # sent the easy-to-read version of documents as well

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def gender(self) -> Gender:
        """What a sentence about this person agrees with (`grammar.gendered`)."""
        return gender_of(self.sex)


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One line of the people list: enough to show and to page, nothing more."""

    id: int
    full_name: str
    email: str
    phone: str
    roles: tuple[Role, ...]
    sort_key: str


@dataclass(frozen=True, slots=True)
class PeoplePage:
    rows: tuple[PersonRow, ...]
    total: int
    has_more: bool


@dataclass(frozen=True, slots=True)
class PersonDeletionImpact:
    """What goes with a person when they are deleted, to be said before it happens."""

    person: Person
    memberships: tuple[Membership, ...]
    substitutes_left_without_titular: tuple[Membership, ...]
