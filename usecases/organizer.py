"""Who organizes a committee's meetings, as its invitations, convocations, letters and minutes'
e-mails name them: the person designated to coordinate its structure; for what that person
lacks, or when nobody is designated (a new base), the name, e-mail and phone of the settings."""

from dataclasses import replace

from comite.store import Store
from comite.store.committee_models import Coordinator
from comite.usecases.settings import Settings


def organizer(store: Store, committee_id: int, settings: Settings) -> Coordinator:
    """The committee's organizer, field by field: the structure's coordinator (`person_id`
    theirs) where they have it, else the settings (`person_id` None when nobody is designated)."""
    fallback = Coordinator(person_id=None, name=settings.coordinator_name,
                           email=settings.coordinator_email, phone=settings.coordinator_phone,
                           role=settings.coordinator_role)
    person = store.structures.committee_coordinator(committee_id)
    if person is None:
        return fallback
    # The role of the settings is their author's: it signs for the person designated only when
    # that is the same person (or the settings name nobody).
    own = not settings.coordinator_name.strip() or " ".join(person.name.split()).casefold() == " ".join(
        settings.coordinator_name.split()).casefold()
    return replace(person, name=person.name or fallback.name, email=person.email or fallback.email,
                   phone=person.phone or fallback.phone, role=fallback.role if own else "")
