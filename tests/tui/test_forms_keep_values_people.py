"""Issue 14: a form opened on a record changes what the coordinator changed, and nothing else.

People and recruitment. Each test opens the form from its page by the key the page names, on a
record of the example data, changes one field as a person would (typing, or a Select chosen by
keyboard), saves with Ctrl+S and reads the record back: equal to the record before but for that
field. The field is one a form could lose a neighbour on: a Select beside empty fields, a date,
a list of a person's roles.

Forms here that only create, so have nothing to keep: the consent form (a new consent each
time, its withdrawal is its own action), the access export form (a choice, no record). The
stage picker moves a candidacy (a list to pick from, no field of the record shown).
"""

import hashlib
from dataclasses import replace
from datetime import date

from textual.widgets import Checkbox, DataTable, Input, Select, SelectionList, TextArea

from comite.store import PersonInput
from comite.store.committee_models import Role
from comite.store.profile import LivedAs, Sex
from comite.store.recruitment_models import CriterionKind, OpinionKind, Source, Stage, TrainingKind
from comite.store.trainings import TrainingInput
from comite.tui.dialogs.candidate_form import CandidateForm
from comite.tui.dialogs.criterion_form import CriterionForm
from comite.tui.dialogs.health_note_form import HealthNoteForm
from comite.tui.dialogs.opinion_form import OpinionForm
from comite.tui.dialogs.person_form import PersonForm
from comite.tui.dialogs.policy_form import PolicyForm
from comite.tui.dialogs.training_form import TrainingForm
from comite.tui.screens.candidate import CandidateScreen
from comite.tui.screens.criteria import CriteriaScreen
from comite.tui.screens.person import FICHE, JOURNEY, PRIVACY, PersonScreen
from comite.usecases import paths
from tests.tui.conftest import (
    TODAY,
    choose,
    cursor_on,
    make_app,
    open_form,
    retype,
    save_form,
    type_text,
    wait_for,
)
from tests.tui.test_privacy_flows import open_queue, open_tab
from tests.tui.test_recruitment_flows import open_page

SIZE = (100, 30)


# ---- a person's card ---------------------------------------------------------------------------

async def test_person_form_changes_the_lived_experience_and_keeps_the_rest(demo_store):
    # The trap: a Select below a blank year of birth, and roles in a list.
    person = next(p for p in map(demo_store.people.get, range(1, 41))
                  if p.birth_year is None and p.lived_as and p.email)
    assert person.roles and person.phone
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_tab(pilot, person.id, "f", FICHE)
        await open_form(pilot, "e", PersonForm)
        form = app.screen
        assert form.query_one("#birth_year", Input).value == "", "no year: nothing made up"
        assert set(form.query_one("#roles", SelectionList).selected) == {r.value for r in person.roles}
        new = LivedAs.BOTH if person.lived_as is not LivedAs.BOTH else LivedAs.CARER
        await choose(pilot, "lived_as", new.label)
        await save_form(pilot, page)
    assert demo_store.people.get(person.id) == replace(person, lived_as=new)


async def test_person_form_keeps_a_sex_and_a_note_when_the_phone_is_emptied(demo_store):
    # Emptying a field must not empty its neighbours, nor put the placeholder in its place.
    person = next(p for p in map(demo_store.people.get, range(1, 41))
                  if p.note and p.sex is not Sex.UNSAID)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_tab(pilot, person.id, "f", FICHE)
        await open_form(pilot, "e", PersonForm)
        assert app.screen.query_one("#note", TextArea).text == person.note
        await retype(pilot, "phone", "")
        await save_form(pilot, page)
    assert demo_store.people.get(person.id) == replace(person, phone="")


async def test_person_form_ticks_the_easy_to_read_preference_and_keeps_the_rest(demo_store):
    person = next(p for p in map(demo_store.people.get, range(1, 41))
                  if p.roles and p.note and p.birth_year and not p.easy_read)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_tab(pilot, person.id, "f", FICHE)
        await open_form(pilot, "e", PersonForm)
        box = app.screen.query_one("#easy_read", Checkbox)
        assert box.value is False
        box.focus()
        await pilot.press("space")
        await save_form(pilot, page)
        assert "la version facile à lire aussi" in str(page.query_one("#details").render())
    assert demo_store.people.get(person.id) == replace(person, easy_read=True)


async def test_person_form_keeps_the_easy_to_read_preference_when_the_email_changes(demo_store):
    # The trap: a form that rebuilds the person from its fields and forgets one it did not show.
    before = next(p for p in map(demo_store.people.get, range(1, 41)) if p.email and p.roles)
    person = demo_store.people.update(before.id, PersonInput(**{
        name: getattr(before, name) for name in PersonInput.__dataclass_fields__}
        | {"easy_read": True}))
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_tab(pilot, person.id, "f", FICHE)
        await open_form(pilot, "e", PersonForm)
        assert app.screen.query_one("#easy_read", Checkbox).value is True
        await retype(pilot, "email", "nouvelle.adresse@example.org")
        await save_form(pilot, page)
    assert demo_store.people.get(person.id) == replace(person, email="nouvelle.adresse@example.org")


# ---- a training --------------------------------------------------------------------------------

async def edit_training(pilot, person_id: int, course: str) -> PersonScreen:
    """The person's « Parcours », the cursor on the training, « m »: its form over the page."""
    page = await open_tab(pilot, person_id, "p", JOURNEY)
    await cursor_on(pilot, "#trainings", course, column=1)  # Le, Formation…
    await open_form(pilot, "m", TrainingForm)
    return page


async def test_training_form_changes_the_kind_and_keeps_the_certificate(demo_store):
    person_id, training = next((p, t) for p in range(1, 41)
                               for t in demo_store.trainings.of_person(p))
    # The trap: an attestation attached. Saving without touching it must neither drop it nor
    # copy it again, nor delete the file the record points at.
    folder = paths.training_certificates_dir()
    folder.mkdir(parents=True)
    certificate = folder / "attestation-etp.pdf"
    certificate.write_bytes(b"%PDF-1.4 attestation")
    sha = hashlib.sha256(certificate.read_bytes()).hexdigest()
    before = demo_store.trainings.update(training.id, TrainingInput(
        course=training.course, held_on=training.held_on, hours=training.hours,
        kind=training.kind, organisation=training.organisation,
        certificate_path=str(certificate), certificate_sha256=sha))
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_training(pilot, person_id, training.course)
        await choose(pilot, "kind", TrainingKind.OTHER.label)
        await save_form(pilot, page)
    assert demo_store.trainings.get(training.id) == replace(before, kind=TrainingKind.OTHER)
    assert certificate.read_bytes() == b"%PDF-1.4 attestation", "the file it points at stays"
    assert sorted(folder.iterdir()) == [certificate], "and no second copy"


async def test_training_form_changes_the_organisation_and_keeps_hours_to_the_minute(demo_store):
    # The trap: hours typed to the minute, 7 h 05 as « 7,083333 », shown again rounded to six
    # digits (« 7,08333 ») and saved so by the next edit of anything else.
    person_id, training = next((p, t) for p in range(1, 41)
                               for t in demo_store.trainings.of_person(p))
    before = demo_store.trainings.update(training.id, TrainingInput(
        course=training.course, held_on=training.held_on, hours="7,083333", kind=training.kind,
        organisation=training.organisation))
    assert before.hours == 7.083333
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_training(pilot, person_id, training.course)
        assert app.screen.query_one("#hours", Input).value == "7,083333"
        await retype(pilot, "organisation", "Pôle ETP de Valmont")
        await save_form(pilot, page)
    assert demo_store.trainings.get(training.id) == replace(before, organisation="Pôle ETP de Valmont")


# ---- a candidacy, an opinion, a criterion -------------------------------------------------------

async def edit_candidate(pilot, candidate_id: int) -> CandidateScreen:
    """From the board to the candidacy's page, then « e »: its form over the page."""
    page = await open_page(pilot, candidate_id)
    await open_form(pilot, "e", CandidateForm)
    return page


async def test_candidate_form_changes_the_next_steps_day_and_keeps_the_rest(demo_store):
    # The trap: a date beside three Selects (role, committee, source) and empty notes.
    candidate = demo_store.recruitment.board()[Stage.CONTACTED][0]
    assert candidate.committee_id and candidate.next_step_on and candidate.notes == ""
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_candidate(pilot, candidate.id)
        assert app.screen.query_one("#source", Select).value == candidate.source.value
        await retype(pilot, "next_step_on", "15/01/2027")
        await save_form(pilot, page)
    assert demo_store.recruitment.get(candidate.id) == replace(
        candidate, next_step_on=date(2027, 1, 15))


async def test_candidate_form_changes_the_source_and_keeps_the_committee(demo_store):
    candidate = demo_store.recruitment.board()[Stage.MET][0]
    assert candidate.committee_id is not None and candidate.source is not Source.OTHER_STRUCTURE
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await edit_candidate(pilot, candidate.id)
        await choose(pilot, "source", Source.OTHER_STRUCTURE.label)
        await save_form(pilot, page)
    assert demo_store.recruitment.get(candidate.id) == replace(
        candidate, source=Source.OTHER_STRUCTURE)


async def test_opinion_form_changes_the_opinion_and_keeps_who_and_why(demo_store):
    candidate = demo_store.recruitment.board()[Stage.MET][0]
    opinions = demo_store.recruitment.opinions(candidate.id)
    opinion = next(o for o in opinions if o.opinion is OpinionKind.RESERVED)
    assert opinion.comment
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_page(pilot, candidate.id)
        page.query_one("#opinions", DataTable).focus()
        await cursor_on(pilot, "#opinions", opinion.author_name)
        await open_form(pilot, "enter", OpinionForm)
        assert app.screen.query_one("#author_id", Select).value == opinion.author_id
        await choose(pilot, "opinion", OpinionKind.FAVOURABLE.label)
        await save_form(pilot, page)
    # given_on is the day the opinion is given again: the store sets it to the app's today,
    # which is the example's today too, so the whole record compares.
    assert opinion.given_on == TODAY
    assert demo_store.recruitment.opinions(candidate.id) == [
        replace(o, opinion=OpinionKind.FAVOURABLE) if o.id == opinion.id else o for o in opinions]


async def test_criterion_form_changes_the_kind_and_keeps_the_role_it_does_not_show(demo_store):
    committee = next(s.committee for s in demo_store.committees.all()
                     if demo_store.recruitment.criteria(s.committee.id))
    # The trap: the role is chosen when the criterion is written and not shown after; a
    # criterion for expert patients, written as the page does, must stay theirs.
    criterion = demo_store.recruitment.add_criterion(
        committee.id, CriterionKind.QUALITY, "A suivi les 40 heures d’ETP", role=Role.EXPERT_PATIENT)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(CriteriaScreen(committee.id))
        await wait_for(pilot, lambda: isinstance(app.screen, CriteriaScreen) and app.screen.criteria)
        page = app.screen
        await cursor_on(pilot, "#criteria", criterion.text, column=2)  # Type, Pour, Critère
        await open_form(pilot, "e", CriterionForm)
        assert app.screen.query_one("#text", Input).value == criterion.text
        await choose(pilot, "kind", CriterionKind.DEAL_BREAKER.label)
        await save_form(pilot, page)
    [after] = [c for c in demo_store.recruitment.criteria(committee.id, Role.EXPERT_PATIENT)
               if c.id == criterion.id]
    assert after == replace(criterion, kind=CriterionKind.DEAL_BREAKER)


# ---- privacy: the health note, the retention durations -----------------------------------------

async def test_health_note_form_shows_the_note_and_keeps_it_when_a_line_is_added(demo_store):
    person = next(row.id for row in demo_store.people.page(limit=100).rows
                  if demo_store.consents.has_health_note(row.id))
    note = demo_store.consents.reveal_health_note(person)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_tab(pilot, person, "r", PRIVACY)
        await open_form(pilot, "h", HealthNoteForm)
        area = app.screen.query_one("#health_note", TextArea)
        assert area.text == note, "the note is shown as it is, to be edited, not written anew"
        area.focus()
        await pilot.press("pagedown", "end")  # to the end of the note (it wraps)
        await type_text(pilot, " Suivie.")
        await save_form(pilot, page)
    assert demo_store.consents.reveal_health_note(person) == note + " Suivie."


async def test_policy_form_changes_one_duration_and_keeps_the_other(demo_store):
    before = demo_store.privacy.set_policy(not_retained_months=18, inactive_months=30)
    app = make_app(demo_store)
    async with app.run_test(size=SIZE) as pilot:
        page = await open_queue(pilot)
        await open_form(pilot, "p", PolicyForm)
        await retype(pilot, "inactive_months", "48")
        await save_form(pilot, page)
    assert demo_store.privacy.policy() == replace(before, inactive_months=48)
