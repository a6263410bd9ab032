"""Expenses of the users who engage: amounts computed by hand, the rate kept on the row, one
expense per meeting and person, refusals in French, the audit log, erasure and access report."""

from datetime import date

import pytest

from comite.store import NotFound, Refused, ValidationError
from comite.store.committee_models import StructureKind
from comite.store.expense_models import euros, km_cents, km_text, rate_text
from comite.store.expenses import ExpenseInput
from comite.store.meeting_models import MeetingStatus
from tests.store.meeting_setup import meeting_in, seat_members


@pytest.mark.parametrize(("km", "rate_mills", "cents"), [
    (12.5, 320, 400),     # 12,5 × 0,32 = 4,00 €
    (12.5, 321, 401),     # 4,0125 € → 4,01 €
    (15, 321, 482),       # 4,815 €: the half cent rounds up
    (0.5, 321, 16),       # 0,1605 € → 0,16 €
    (0.5, 250, 13),       # 0,125 €: half a cent → 0,13 €
    (33.3, 320, 1066),    # 10,656 € → 10,66 €
    (0.1, 5, 0),          # 0,0005 € → 0,00 €
    (4999.9, 5000, 2499950),
    (0, 320, 0),
])
def test_the_kilometres_are_rounded_to_the_nearest_cent_half_up(km, rate_mills, cents):
    assert km_cents(km, rate_mills) == cents


def test_amounts_and_rates_read_in_french():
    assert euros(1248) == "12,48\u00a0€"
    assert euros(123450) == "1\u202f234,50\u00a0€"
    assert euros(5) == "0,05\u00a0€"
    assert rate_text(320) == "0,32" and rate_text(321) == "0,321" and rate_text(1000) == "1,00"
    assert rate_text(0) == ""
    assert km_text(12.5) == "12,5" and km_text(40.0) == "40"


@pytest.fixture
def rated(store, structure):
    return store.structures.update(structure.id, structure.name, structure.kind,
                                   structure.city, km_rate="0,32")


@pytest.fixture
def louise(add_person):
    return add_person("Martin", "Louise")


def test_the_structure_rate_is_typed_in_euros_and_kept_in_thousandths(store, structure):
    assert store.structures.km_rate_mills(structure.id) == 0
    store.structures.update(structure.id, structure.name, structure.kind, km_rate="0.321")
    assert store.structures.km_rate_mills(structure.id) == 321
    # A caller that knows nothing of the rate (the letterhead's) leaves it as it is.
    store.structures.update(structure.id, structure.name, structure.kind, "Valmont")
    assert store.structures.km_rate_mills(structure.id) == 321
    store.structures.update(structure.id, structure.name, structure.kind, km_rate="")
    assert store.structures.km_rate_mills(structure.id) == 0
    created = store.structures.create("Centre hospitalier", StructureKind.HOSPITAL, km_rate="0,25 €")
    assert store.structures.km_rate_mills(created.id) == 250


@pytest.mark.parametrize(("typed", "said"), [
    ("-0,32", "négative"), ("trente", "par exemple 0,32"), ("0,3215", "trois décimales"),
    ("5,01", "Plus de 5 €"), ("12", "Plus de 5 €"),
])
def test_a_wrong_rate_is_refused_in_french(store, structure, typed, said):
    with pytest.raises(ValidationError) as refused:
        store.structures.update(structure.id, structure.name, structure.kind, km_rate=typed)
    assert said in refused.value.errors["km_rate_mills"]
    assert store.structures.km_rate_mills(structure.id) == 0


def test_a_day_of_its_own_with_kilometres_and_parking(store, rated, louise):
    expense = store.expenses.create(louise.id, ExpenseInput(
        spent_on="12/03/2026", structure_id=rated.id, km="12,5", other="4,50",
        other_label="Parking", note="Formation RU à Lyon"))
    assert expense.spent_on == date(2026, 3, 12) and expense.km == 12.5
    assert expense.km_rate_mills == 320 and expense.other_cents == 450
    assert expense.km_cents == 400 and expense.amount_cents == 850
    assert expense.label == "Formation RU à Lyon" and expense.structure_name == rated.name
    assert store.expenses.of_person(louise.id, 2026) == [expense]
    assert store.expenses.of_person(louise.id, 2025) == []


def test_a_later_rate_rewrites_no_past_row(store, rated, louise):
    expense = store.expenses.create(louise.id, ExpenseInput(
        spent_on="2026-03-12", structure_id=rated.id, km="15"))
    store.structures.update(rated.id, rated.name, rated.kind, km_rate="0,40")
    assert store.expenses.get(expense.id).amount_cents == 480
    # Editing the row keeps its rate too, while its structure stays the same.
    edited = store.expenses.update(expense.id, ExpenseInput(
        spent_on="2026-03-12", structure_id=rated.id, km="20"))
    assert edited.km_rate_mills == 320 and edited.amount_cents == 640
    assert store.expenses.create(louise.id, ExpenseInput(
        spent_on="2026-04-02", structure_id=rated.id, km="15")).amount_cents == 600


def test_kilometres_need_a_rate_and_the_refusal_says_where_to_set_it(store, structure, louise):
    with pytest.raises(ValidationError) as refused:
        store.expenses.create(louise.id, ExpenseInput(
            spent_on="12/03/2026", structure_id=structure.id, km="10"))
    assert "n’a pas d’indemnité kilométrique" in refused.value.errors["km"]
    assert "page Comités" in refused.value.errors["km"]
    # Other costs alone need none.
    assert store.expenses.create(louise.id, ExpenseInput(
        spent_on="12/03/2026", structure_id=structure.id, other="2",
        other_label="Ticket de bus")).amount_cents == 200


@pytest.mark.parametrize(("fields", "field", "said"), [
    ({"km": "-3"}, "km", "négative"),
    ({"km": "douze"}, "km", "n’est pas un nombre de kilomètres"),
    ({"km": "12,25"}, "km", "Une décimale au plus"),
    ({"km": "6000"}, "km", "vérifiez la distance"),
    ({"other": "4,505", "other_label": "Parking"}, "other", "n’est pas un montant"),
    ({"other": "-4", "other_label": "Parking"}, "other", "négatif"),
    ({"other": "4,50"}, "other_label", "Parking, Ticket de bus"),
    ({"km": "", "other": ""}, "km", "0 €"),
    ({"km": "3", "spent_on": "31/02/2026"}, "spent_on", "n’existe pas"),
    ({"km": "3", "spent_on": ""}, "spent_on", "quel jour"),
    ({"km": "3", "structure_id": None}, "structure_id", "structure qui rembourse"),
])
def test_what_is_typed_wrong_is_refused_field_by_field(store, rated, louise, fields, field, said):
    typed = {"spent_on": "12/03/2026", "structure_id": rated.id, **fields}
    with pytest.raises(ValidationError) as refused:
        store.expenses.create(louise.id, ExpenseInput(**typed))
    assert said in refused.value.errors[field]
    assert store.expenses.of_person(louise.id, 2026) == []


def test_at_a_meeting_the_day_and_structure_are_the_meetings_one_per_person(
        store, rated, committee, louise):
    seat_members(store, committee.id)
    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.HELD)
    day = store.meetings.detail(meeting.id).chosen_slot.starts_at.date()
    expense = store.expenses.create(louise.id, ExpenseInput(
        meeting_id=meeting.id, spent_on="01/01/2020", structure_id=None, km="8"))
    assert expense.spent_on == day and expense.structure_id == rated.id
    assert expense.label == meeting.title and expense.amount_cents == 256
    assert store.expenses.of_meeting(meeting.id) == [expense]
    assert store.expenses.at_meeting(meeting.id, louise.id) == expense
    with pytest.raises(Refused, match="déjà inscrits"):
        store.expenses.create(louise.id, ExpenseInput(meeting_id=meeting.id, km="9"))
    # Editing that one expense is no second one.
    assert store.expenses.update(expense.id, ExpenseInput(
        meeting_id=meeting.id, km="9")).amount_cents == 288


def test_a_meeting_without_a_date_takes_no_expense(store, rated, committee, louise):
    seat_members(store, committee.id)
    meeting, _slots = meeting_in(store, committee.id, MeetingStatus.POLL)
    with pytest.raises(Refused, match="pas encore de date choisie"):
        store.expenses.create(louise.id, ExpenseInput(meeting_id=meeting.id, km="8"))


def test_receipts_and_the_audit_log_in_french(store, rated, louise):
    expense = store.expenses.create(louise.id, ExpenseInput(
        spent_on="12/03/2026", structure_id=rated.id, other="4,50", other_label="Parking"))
    receipt = store.expenses.add_receipt(expense.id, "Ticket de parking", "/x/justificatif.pdf",
                                         "ab" * 32)
    assert store.expenses.get(expense.id).receipts == (receipt,)
    assert store.expenses.remove_receipt(receipt.id) == receipt
    removed = store.expenses.delete(expense.id)
    assert removed.id == expense.id
    with pytest.raises(NotFound, match="n’existe plus"):
        store.expenses.get(expense.id)
    entries = [(e.action, e.entity, e.fields) for e in store.audit.recent(4)][::-1]
    assert entries == [
        ("create", "expense", ("km_rate_mills", "other_cents", "other_label", "spent_on",
                               "structure_id")),
        ("update", "expense", ("receipt",)), ("update", "expense", ("receipt",)),
        ("delete", "expense", ())]


def test_the_erasure_lists_the_receipts_and_redacts_the_note(store, rated, louise, add_person):
    other = add_person("Roux", "Marc")
    expense = store.expenses.create(other.id, ExpenseInput(
        spent_on="12/03/2026", structure_id=rated.id, km="3",
        note="Covoiturage avec Louise Martin"))
    mine = store.expenses.create(louise.id, ExpenseInput(
        spent_on="12/03/2026", structure_id=rated.id, km="3"))
    store.expenses.add_receipt(mine.id, "", "/data/justificatifs/justificatif-1.pdf", "cd" * 32)
    erasure = store.privacy.erase(louise.id)
    assert "/data/justificatifs/justificatif-1.pdf" in erasure.files
    assert store.expenses.of_person(louise.id, 2026) == []
    assert "Louise" not in store.expenses.get(expense.id).note


def test_the_access_report_shows_expenses_and_actions_of_involvement(store, rated, louise):
    expense = store.expenses.create(louise.id, ExpenseInput(
        spent_on="12/03/2026", structure_id=rated.id, km="12,5", other="4,50",
        other_label="Parking"))
    store.expenses.add_receipt(expense.id, "", "/x.pdf", "ef" * 32)
    with store.transaction() as conn:
        # The register's own service is another's work: the table as the schema has it.
        action = conn.execute(
            "INSERT INTO involvement_actions (uid, structure_id, title, kind, participation, "
            "aci_level, started_on, created_at, updated_at) VALUES ('a1', ?, "
            "'Boîte à idées de la salle d’attente', 'idea_box', 'consultation', 1, "
            "'2026-02-01', '', '')", (rated.id,)).lastrowid
        conn.execute("INSERT INTO involvement_participants VALUES (?, ?)", (action, louise.id))
    report = store.privacy.access_report(louise.id)
    assert report["frais"] == [{
        "le": "2026-03-12", "reunion": "", "structure": rated.name, "kilometres": "12,5",
        "indemnite_par_km": "0,32", "autres_frais": "4,50\u00a0€",
        "nature_des_autres_frais": "Parking", "note": "", "montant": "8,50\u00a0€",
        "justificatifs": 1}]
    assert report["actions_d_implication"] == [{
        "action": "Boîte à idées de la salle d’attente", "debut": "2026-02-01", "fin": None,
        "structure": rated.name}]
    assert [(line["action"], line["objet"]) for line in report["journal"]][-2:] == [
        ("création", "frais"), ("modification", "frais")]


def test_the_rate_alone_is_set_refused_and_logged(store, structure):
    assert store.structures.set_km_rate(structure.id, "0,321") == 321
    entry = store.audit.recent(1)[0]
    assert (entry.action, entry.entity, entry.fields) == ("update", "structure", ("km_rate_mills",))
    with pytest.raises(ValidationError, match="Plus de 5 €"):
        store.structures.set_km_rate(structure.id, "7")
    assert store.structures.km_rate_mills(structure.id) == 321


def test_the_meetings_an_expense_may_be_for_are_the_persons_with_a_date(store, rated, committee):
    members = seat_members(store, committee.id)
    held, _slots = meeting_in(store, committee.id, MeetingStatus.HELD)
    meeting_in(store, committee.id, MeetingStatus.POLL)  # no date yet: not listed
    person_id = members.president.person_id
    day = store.meetings.detail(held.id).chosen_slot.starts_at.date()
    assert store.expenses.meetings_of(person_id) == [(held.id, held.title, day)]
