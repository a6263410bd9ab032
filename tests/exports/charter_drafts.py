"""Charter drafts made the way the app makes them: the shipped templates read as package data,
synced into a real store filled with the example people, drafted by store.charters."""

import importlib.resources
from dataclasses import dataclass
from datetime import date

from comite.store import MembershipInput, PersonInput, Store
from comite.store.charter_models import CharterTemplate, Engagement
from comite.store.charter_template import decode, parse
from comite.store.charters import CharterDraft
from comite.store.committee_models import Role
from comite.store.demo import fill_small

TODAY = date(2026, 3, 15)
SIGNATORY = "Dr Hélène Kervella"
# As typed into the person form: every character must print, none may turn into markup.
HOSTILE_LAST = "Dupont & <b>Fils</b> {{7*7}}"
HOSTILE_FIRST = "Zoé"
HOSTILE = f"{HOSTILE_FIRST} {HOSTILE_LAST}"


def shipped_templates() -> list[CharterTemplate]:
    """Every template of templates/charte, read as the installed package sees it."""
    folder = importlib.resources.files("comite.templates.charte")
    found = [parse(decode(entry.read_bytes(), entry.name), name=entry.name)
             for entry in folder.iterdir() if entry.name.endswith(".md")]
    return sorted(found, key=lambda template: template.template_id)


@dataclass(frozen=True, slots=True)
class Rendered:
    engagement: Engagement
    template: CharterTemplate
    draft: CharterDraft
    pdf: bytes


def fill_demo(store: Store) -> list[Engagement]:
    """The example people, the shipped catalogue, and a hostile name seated on the comité."""
    fill_small(store, TODAY)
    store.charters.sync_catalog(shipped_templates())
    comite = next(e.committee_id for e in store.charters.engagements()
                  if e.committee_name == "Comité des usagers")
    person = store.people.create(PersonInput(last_name=HOSTILE_LAST, first_name=HOSTILE_FIRST,
                                             roles=(Role.PATIENT_PARTNER,)))
    store.memberships.add(comite, person.id, MembershipInput())
    return store.charters.engagements()


def draft_for(store: Store, engagement: Engagement, template_id: str, **values: str) -> CharterDraft:
    return store.charters.draft(engagement.person_id, engagement.committee_id, template_id,
                                {"team_signatory": SIGNATORY, **values}, TODAY)
