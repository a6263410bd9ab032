"""A CDU's complaints register (`store.complaints`): pseudonymised (names refused on their
field), dates in order, one reference per CDU, cases put on a meeting, the quality of care per
meeting; and a name that slipped in before the check existed goes with the erasure."""

from datetime import date, datetime

import pytest

from comite.kernel import clock
from comite.kernel.clock import utc_now_iso
from comite.store import PersonInput
from comite.store.committee_models import CommitteeKind
from comite.store.complaint_models import (
    Channel,
    ComplaintKind,
    EsatisScope,
    Mediation,
    Outcome,
    Theme,
)
from comite.store.complaints import ComplaintInput
from comite.store.errors import NotFound, Refused, ValidationError
from comite.store.privacy import REDACTED
from tests.store.meeting_setup import held, seat_members


@pytest.fixture(autouse=True)
def after_the_year(monkeypatch):
    """The cases of 2027 are received by the time the tests read them (a date to come is
    refused)."""
    monkeypatch.setattr(clock, "today", lambda: date(2027, 12, 31))


@pytest.fixture
def cdu(store, structure):
    return store.committees.create(structure.id, "Commission des usagers", CommitteeKind.CDU)


def _held(store, committee_id: int, start: datetime):
    seat_members(store, committee_id)
    return held(store, committee_id, start)


def _errors(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.errors


def test_a_complaint_is_recorded_with_its_delays(store, cdu):
    complaint = store.complaints.add(cdu.id, ComplaintInput(
        reference="REC-2026-014", received_on="02/03/2026", channel=Channel.EMAIL,
        theme=Theme.WAITING, service="Urgences", acknowledged_on="05/03/2026",
        answered_on="2026-03-31", mediation=Mediation.MEDICAL, referred_on="06/03/2026",
        mediation_on="16/03/2026", mediation_report_on="20/03/2026",
        outcome=Outcome.EXPLAINED, summary="Attente de 5 h aux urgences"))
    assert (complaint.reference, complaint.kind, complaint.theme.label) == (
        "REC-2026-014", ComplaintKind.COMPLAINT, "Accueil, attente, délais")
    assert complaint.days_to_acknowledge == 3  # 2 → 5 March
    assert complaint.days_to_answer == 29  # 2 → 31 March
    assert complaint.days_to_mediation == 10 and complaint.mediation_late  # 6 → 16: over 8
    assert complaint.days_to_report == 4 and not complaint.report_late  # 16 → 20
    assert store.complaints.of_committee(cdu.id) == [complaint]


def test_only_a_cdu_keeps_a_register(store, committee):
    with pytest.raises(Refused, match="commission des usagers"):
        store.complaints.add(committee.id, ComplaintInput("REC-1", "01/02/2026"))


def test_the_reference_is_required_and_unique_per_cdu(store, cdu, structure):
    assert "reference" in _errors(lambda: store.complaints.add(cdu.id, ComplaintInput(
        " ", "01/02/2026")))
    store.complaints.add(cdu.id, ComplaintInput("REC-1", "01/02/2026"))
    assert "déjà" in _errors(lambda: store.complaints.add(cdu.id, ComplaintInput(
        "REC-1", "03/02/2026")))["reference"]
    other = store.committees.create(structure.id, "CDU de l’autre site", CommitteeKind.CDU)
    assert store.complaints.add(other.id, ComplaintInput("REC-1", "03/02/2026")).reference == "REC-1"


def test_dates_are_checked_against_the_receipt_and_each_other(store, cdu):
    errors = _errors(lambda: store.complaints.add(cdu.id, ComplaintInput(
        "REC-2", "", acknowledged_on="31/02/2026")))
    assert set(errors) == {"received_on", "acknowledged_on"}
    errors = _errors(lambda: store.complaints.add(cdu.id, ComplaintInput(
        "REC-2", "10/03/2026", acknowledged_on="09/03/2026", answered_on="01/03/2026",
        mediation=Mediation.NON_MEDICAL, referred_on="12/03/2026", mediation_on="11/03/2026",
        mediation_report_on="10/03/2026")))
    assert set(errors) == {"acknowledged_on", "answered_on", "mediation_on", "mediation_report_on"}
    assert "avant sa saisine" in errors["mediation_on"]
    assert "avant la rencontre" in errors["mediation_report_on"]


def test_a_case_received_on_a_day_to_come_is_refused(store, cdu):
    # Today is 31/12/2027 here (the module's fixture): 2028 is a typing slip.
    errors = _errors(lambda: store.complaints.add(cdu.id, ComplaintInput("REC-3", "02/01/2028")))
    assert "à venir" in errors["received_on"]
    assert store.complaints.add(cdu.id, ComplaintInput("REC-3", "31/12/2027")).reference == "REC-3"


def test_a_mediations_dates_only_with_a_mediation(store, cdu):
    errors = _errors(lambda: store.complaints.add(cdu.id, ComplaintInput(
        "REC-3", "10/03/2026", referred_on="11/03/2026", mediation_report_on="12/03/2026")))
    assert set(errors) == {"referred_on", "mediation_report_on"}
    assert "Sans médiation" in errors["referred_on"]


@pytest.mark.parametrize(("field", "text", "why"), [
    ("summary", "La patiente, Jeanne Dupont, a attendu", "nom d’une personne"),
    ("summary", "Plainte de DUPONT jeanne", "nom d’une personne"),
    ("summary", "Madame dupont Jeanne se plaint", "nom d’une personne"),
    ("summary", "Jean-Éric Lefèvre-Roux mécontent", "nom d’une personne"),
    ("summary", "Courrier de M. Bernard", "« M. »"),
    ("service", "Chambre de Mme Martin", "« Mme »"),
    ("summary", "Madame X refuse le repas", "« Madame »"),
    ("summary", "Monsieur Y attend", "« Monsieur »"),
    ("summary", "Mlle Petit", "« Mlle »"),
    ("summary", "Le Dr Roux n’a pas répondu", "« Dr »"),
    ("summary", "Écrire à famille.b@example.org", "adresse e-mail"),
    ("summary", "Rappeler au 06 39 98 12 34", "téléphone"),
    ("summary", "Rappeler au +33 6 39 98 12 34", "téléphone"),
    ("reference", "REC Dupont Jeanne", "nom d’une personne"),
])
def test_a_name_is_refused_on_its_field(store, cdu, field, text, why):
    store.people.create(PersonInput(last_name="Dupont", first_name="Jeanne"))
    store.people.create(PersonInput(last_name="Lefèvre-Roux", first_name="Jean-Éric"))
    values = {"reference": "REC-4", "received_on": "10/03/2026", field: text}
    errors = _errors(lambda: store.complaints.add(cdu.id, ComplaintInput(**values)))
    assert set(errors) == {field}
    assert why in errors[field]
    assert "N’écrivez aucun nom" in errors[field] and "référence" in errors[field]


@pytest.mark.parametrize("text", [
    "Attente de 5 h aux urgences", "Madame la directrice a répondu", "M. le chef de service",
    "Repas froid, chambre 12, le 03/04/2026", "Dupont (nom de famille seul d’un homonyme)",
    "Jeanne, aide-soignante, très attentionnée", "Note 4/5 au questionnaire e-Satis",
])
def test_a_text_without_a_name_passes(store, cdu, text):
    store.people.create(PersonInput(last_name="Dupont", first_name="Jeanne"))
    complaint = store.complaints.add(cdu.id, ComplaintInput("REC-5", "10/03/2026", summary=text))
    assert complaint.summary == text


def test_update_keeps_its_reference_and_delete_removes(store, cdu):
    complaint = store.complaints.add(cdu.id, ComplaintInput("REC-6", "10/03/2026"))
    changed = store.complaints.update(complaint.id, ComplaintInput(
        "REC-6", "10/03/2026", kind=ComplaintKind.PRAISE, theme=Theme.NURSING_CARE,
        service="Maternité"))
    assert (changed.kind, changed.theme, changed.service) == (
        ComplaintKind.PRAISE, Theme.NURSING_CARE, "Maternité")
    store.complaints.remove(complaint.id)
    assert store.complaints.of_committee(cdu.id) == []
    with pytest.raises(NotFound):
        store.complaints.get(complaint.id)


def test_the_list_filters_by_year_and_reference(store, cdu):
    for reference, day in (("REC-2025-101", "20/12/2025"), ("REC-2026-001", "05/01/2026"),
                           ("REC-2026-014", "02/03/2026")):
        store.complaints.add(cdu.id, ComplaintInput(reference, day))
    assert [c.reference for c in store.complaints.of_committee(cdu.id)] == [
        "REC-2026-014", "REC-2026-001", "REC-2025-101"]
    assert [c.reference for c in store.complaints.of_committee(cdu.id, 2025)] == ["REC-2025-101"]
    assert [c.reference for c in store.complaints.of_committee(cdu.id, search="rec-2026-0")] == [
        "REC-2026-014", "REC-2026-001"]
    assert store.complaints.years(cdu.id) == [2025, 2026]


def test_a_case_is_put_on_a_meeting_of_its_cdu_and_taken_off(store, cdu, committee):
    meeting = _held(store, cdu.id, datetime(2027, 3, 9, 14, 0))
    elsewhere = _held(store, committee.id, datetime(2027, 3, 10, 14, 0))
    complaint = store.complaints.add(cdu.id, ComplaintInput("REC-7", "10/01/2027"))
    assert store.complaints.examine(complaint.id, meeting.id).examined_in_meeting_id == meeting.id
    assert store.complaints.examined_in(meeting.id) == [store.complaints.get(complaint.id)]
    assert "même commission" in _errors(
        lambda: store.complaints.examine(complaint.id, elsewhere.id))["examined_in_meeting_id"]
    assert store.complaints.examine(complaint.id, None).examined_in_meeting_id is None
    assert store.complaints.examined_in(meeting.id) == []
    # The form chooses it too.
    chosen = store.complaints.update(complaint.id, ComplaintInput(
        "REC-7", "10/01/2027", examined_in_meeting_id=meeting.id))
    assert chosen.examined_in_meeting_id == meeting.id


def test_the_quality_of_care_per_meeting(store, cdu, committee):
    meeting = _held(store, cdu.id, datetime(2027, 3, 9, 14, 0))
    assert store.complaints.quality(meeting.id).adverse_events is None
    quality = store.complaints.set_quality(
        meeting.id, {"mco_48h": "74,5", EsatisScope.HAD: "81", "smr": ""}, "2",
        "Revue de mortalité et de morbidité ; protocole de chute revu")
    assert quality.score(EsatisScope.MCO_48H) == 74.5
    assert quality.score(EsatisScope.HAD) == 81
    assert quality.score(EsatisScope.SMR) is None
    assert (quality.adverse_events, quality.actions[:5]) == (2, "Revue")
    errors = _errors(lambda: store.complaints.set_quality(
        meeting.id, {"mco_48h": "101", "smr": "beaucoup"}, "-1"))
    assert set(errors) == {"mco_48h", "smr", "adverse_events"}
    assert store.complaints.quality(meeting.id) == quality  # nothing changed
    store.people.create(PersonInput(last_name="Dupont", first_name="Jeanne"))
    assert "N’écrivez aucun nom" in _errors(lambda: store.complaints.set_quality(
        meeting.id, {}, "1", "Chute de Jeanne Dupont"))["actions"]
    cleared = store.complaints.set_quality(meeting.id, {}, "")
    assert (cleared.scores, cleared.adverse_events) == ((), None)
    elsewhere = _held(store, committee.id, datetime(2027, 3, 10, 14, 0))
    with pytest.raises(Refused, match="commission des usagers"):
        store.complaints.set_quality(elsewhere.id, {"smr": "50"}, "0")


def test_a_name_that_slipped_in_before_the_check_goes_with_the_erasure(store, cdu):
    person = store.people.create(PersonInput(last_name="Dupont", first_name="Jeanne",
                                             email="jeanne.dupont@example.org"))
    now = utc_now_iso()
    with store.transaction() as conn:  # written as an older comite would have: no name check
        conn.execute(
            "INSERT INTO complaints (uid, committee_id, reference, received_on, channel, theme, "
            "service, summary, created_at, updated_at) VALUES ('old-1', ?, 'REC-2025-003', "
            "'2025-11-02', 'letter', 'waiting', 'Urgences', ?, ?, ?)",
            (cdu.id, "Jeanne Dupont a attendu 6 h ; écrire à jeanne.dupont@example.org", now, now))
    store.privacy.erase(person.id)
    complaint = store.complaints.of_committee(cdu.id)[0]
    assert "Dupont" not in complaint.summary and "jeanne.dupont" not in complaint.summary
    assert REDACTED in complaint.summary and "a attendu 6 h" in complaint.summary
    assert complaint.received_on == date(2025, 11, 2)


def test_every_field_the_register_logs_has_a_french_name():
    from comite.store import complaints
    from comite.store.access_journal import OTHER_FIELD, field_label

    logged = {"complaint": complaints._FIELDS,
              "meeting_quality": ("esatis_scores", "adverse_events", "actions")}
    assert [(entity, field) for entity, fields in logged.items() for field in fields
            if field_label(entity, field) == OTHER_FIELD] == []


def test_the_log_says_which_fields_never_the_values(store, cdu):
    complaint = store.complaints.add(cdu.id, ComplaintInput("REC-8", "10/03/2026",
                                                            summary="Attente aux urgences"))
    store.complaints.update(complaint.id, ComplaintInput("REC-8", "10/03/2026",
                                                         summary="Attente de 5 h"))
    entries = [e for e in store.audit.recent() if e.entity == "complaint"]
    assert [e.action for e in entries] == ["update", "create"]
    assert entries[0].fields == ("summary",)
    assert all("Attente" not in str(e) for e in entries)
