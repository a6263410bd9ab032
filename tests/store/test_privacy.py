"""Consents per purpose, the health note they gate, retention, the access report, and an
erasure that leaves no byte of the person in the file, its log or its search index."""

import sqlite3
from datetime import date, timedelta

import pytest

from comite.kernel import clock
from comite.kernel.clock import months_before
from comite.store import MembershipInput, NeedsConfirmation, PersonInput, Refused
from comite.store.committee_models import Role
from comite.store.privacy import REDACTED
from comite.store.privacy_models import ConsentMethod, Purpose, RetentionReason
from comite.store.recruitment import CandidateInput
from comite.store.recruitment_models import Source, Stage

TODAY = date(2027, 3, 15)
NAME, EMAIL = "Quenardel", "anais.quenardel@example.org"


@pytest.fixture
def anais(add_person):
    return add_person(NAME, "Anaïs", email=EMAIL, phone="06 12 34 56 78",
                      roles=[Role.PATIENT_PARTNER])


def give(store, person, purpose, on=TODAY):
    return store.consents.give(person.id, purpose, ConsentMethod.ORAL, on, TODAY)


# ---- consents and the health note -----------------------------------------------------------

def test_a_consent_keeps_the_exact_text_and_version_shown(store, anais):
    consent = give(store, anais, Purpose.PHOTO)
    shown = store.consents.text(Purpose.PHOTO)
    assert (consent.text, consent.version) == (shown.text, shown.version)
    assert "photographié" in consent.text and consent.active
    assert store.consents.active(anais.id, Purpose.PHOTO) == consent


def test_a_consent_in_the_future_or_twice_is_refused(store, anais):
    with pytest.raises(Refused, match="à venir"):
        give(store, anais, Purpose.CONTACT, on=TODAY + timedelta(days=1))
    give(store, anais, Purpose.CONTACT)
    with pytest.raises(Refused, match="déjà en cours"):
        give(store, anais, Purpose.CONTACT)


def test_the_health_note_needs_the_health_consent(store, anais):
    give(store, anais, Purpose.MEMBERSHIP)
    with pytest.raises(Refused, match="sans son accord"):
        store.consents.set_health_note(anais.id, "Sclérose en plaques")
    assert not store.consents.has_health_note(anais.id)
    give(store, anais, Purpose.HEALTH)
    store.consents.set_health_note(anais.id, "Sclérose en plaques")
    assert store.consents.has_health_note(anais.id)


def test_the_health_note_is_read_only_on_purpose_and_each_reading_is_logged(store, anais):
    give(store, anais, Purpose.HEALTH)
    store.consents.set_health_note(anais.id, "Sclérose en plaques")
    assert "Sclérose" not in repr(store.people.get(anais.id))
    assert store.consents.reveal_health_note(anais.id) == "Sclérose en plaques"
    entry = store.audit.recent(1)[0]
    assert (entry.action, entry.entity, entry.entity_id, entry.fields) == (
        "reveal", "person", anais.id, ("health_note",))
    assert all("Sclérose" not in ",".join(e.fields) for e in store.audit.recent())


def test_withdrawing_the_health_consent_erases_the_note_after_asking(store, anais):
    consent = give(store, anais, Purpose.HEALTH)
    store.consents.set_health_note(anais.id, "Sclérose en plaques")
    with pytest.raises(NeedsConfirmation):
        store.consents.withdraw(consent.id, TODAY)
    assert store.consents.has_health_note(anais.id)
    withdrawn = store.consents.withdraw(consent.id, TODAY, confirmed=True)
    assert withdrawn.withdrawn_on == TODAY and not withdrawn.active
    assert not store.consents.has_health_note(anais.id)
    with pytest.raises(Refused, match="déjà été retiré"):
        store.consents.withdraw(consent.id, TODAY)


# ---- retention -------------------------------------------------------------------------------

def test_a_candidate_not_retained_comes_up_after_the_policy_months(store, anais, committee):
    candidacy = store.recruitment.add(anais.id, CandidateInput(
        role="patient_partner", source=Source.WAITING_ROOM, committee_id=committee.id), TODAY)
    store.recruitment.move(candidacy.id, Stage.NOT_RETAINED, TODAY, confirmed=True)
    assert store.privacy.retention_queue(date(2029, 3, 14)) == []
    [due] = store.privacy.retention_queue(date(2029, 3, 15))
    assert (due.person_id, due.reason, due.since, due.months) == (
        anais.id, RetentionReason.NOT_RETAINED, TODAY, 24)
    store.privacy.set_policy(not_retained_months=12, inactive_months=36)
    assert [c.person_id for c in store.privacy.retention_queue(date(2028, 3, 15))] == [anais.id]


def test_someone_seated_or_in_progress_is_never_proposed(store, anais, committee):
    later = date(2040, 1, 1)
    store.memberships.add(committee.id, anais.id, MembershipInput())
    assert store.privacy.retention_queue(later) == []


def test_an_inactive_person_is_proposed_for_review_then_kept(store, anais, committee):
    far = clock.today() + timedelta(days=365 * 3 + 30)
    [due] = store.privacy.retention_queue(far)
    assert due.reason is RetentionReason.INACTIVE and due.months == 36
    store.privacy.keep(anais.id, far)
    assert store.privacy.retention_queue(far) == []
    assert store.privacy.retention_queue(far + timedelta(days=365 * 3 + 30)) != []


def test_a_policy_out_of_range_is_refused(store):
    with pytest.raises(Refused):
        store.privacy.set_policy(0, 36)
    assert store.privacy.policy().not_retained_months == 24


# ---- access ----------------------------------------------------------------------------------

def test_the_access_report_holds_everything_but_health_unless_asked(store, anais, committee):
    give(store, anais, Purpose.HEALTH)
    store.consents.set_health_note(anais.id, "Sclérose en plaques")
    store.recruitment.add(anais.id, CandidateInput(
        role="patient_partner", source="association", committee_id=committee.id,
        notes="Rencontrée au forum"), TODAY)
    report = store.privacy.access_report(anais.id)
    assert report["personne"]["email"] == EMAIL
    assert report["candidatures"][0]["notes"] == "Rencontrée au forum"
    assert report["consentements"][0]["texte"] == store.consents.text(Purpose.HEALTH).text
    assert report["note_de_sante"]["existe"] and report["note_de_sante"]["texte"] is None
    assert "Sclérose" not in repr(report)
    assert store.audit.recent(1)[0].action == "export"
    full = store.privacy.access_report(anais.id, include_health=True)
    assert full["note_de_sante"]["texte"] == "Sclérose en plaques"
    assert store.audit.recent(1)[0].fields == ("access", "health_note")


# ---- erasure ---------------------------------------------------------------------------------

def _holds(path, *needles: str) -> list[str]:
    raw = path.read_bytes().lower() if path.exists() else b""
    return [n for n in needles if n.lower().encode() in raw]


def test_erasure_leaves_nothing_in_the_file_the_log_or_the_index(store, db_path, anais, committee,
                                                                 add_person):
    for n in range(200):  # several index segments, as in a real file
        add_person(f"Martin{n}", email=f"m{n}@example.org")
    other = add_person("Roy", "Lina", note=f"Voir avec Anaïs {NAME} ; écrire à {EMAIL}")
    store.memberships.add(committee.id, anais.id, MembershipInput())
    give(store, anais, Purpose.HEALTH)
    store.consents.set_health_note(anais.id, "Sclérose en plaques")
    store.recruitment.add(anais.id, CandidateInput(
        role="patient_partner", source="association", committee_id=committee.id,
        notes=f"Mme {NAME} est motivée"), TODAY)
    store.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert _holds(db_path, NAME), "the check sees the name while it is there"

    erasure = store.privacy.erase(anais.id)
    # Until the files are swept, the erasure journal holds what the sweep looks for.
    assert store.privacy.erasure_swept(erasure.journal_id) is True

    wal = db_path.with_name(db_path.name + "-wal")
    assert _holds(db_path, NAME, EMAIL, "Sclérose") == []
    assert _holds(wal, NAME, EMAIL, "Sclérose") == []
    conn = store.db.connection()
    assert conn.execute("SELECT count(*) FROM people_fts WHERE people_fts MATCH ?",
                        (f'"{NAME.lower()}"',)).fetchone()[0] == 0
    conn.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, people_fts, 'row')")
    terms = {row[0] for row in conn.execute("SELECT term FROM temp.words")}
    assert not {t for t in terms if "quenardel" in t or "anais" in t}
    assert store.people.get(other.id).note == f"Voir avec {REDACTED} ; écrire à {REDACTED}"
    audit = conn.execute("SELECT * FROM audit_log").fetchall()
    assert all(NAME.lower() not in " ".join(map(str, tuple(row))).lower() for row in audit)
    assert conn.execute("SELECT count(*) FROM audit_log WHERE action = 'erase' AND "
                        "entity_id = ?", (anais.id,)).fetchone()[0] == 1
    assert erasure.redacted == 1 and store.integrity() == []
    store.close()
    assert _holds(db_path, NAME, EMAIL, "Sclérose") == []


def test_a_namesake_keeps_their_identity(store, anais, add_person):
    namesake = add_person("Quenardel", "Paul", email="paul.quenardel@example.org",
                          note="Frère d’Anaïs Quenardel")
    store.privacy.erase(anais.id)
    kept = store.people.get(namesake.id)
    assert (kept.last_name, kept.email) == ("Quenardel", "paul.quenardel@example.org")
    assert kept.note == f"Frère d’{REDACTED}"


def test_the_erasure_gives_the_files_that_were_theirs(store, anais, committee):
    from comite.store.trainings import TrainingInput
    from tests.store.test_charters import make

    store.trainings.add(anais.id, TrainingInput(course="RU", held_on=TODAY, hours=7,
                                                certificate_path="/d/formations/a.pdf"))
    store.charters.sync_catalog([make()])
    draft = store.charters.draft(anais.id, committee.id, "essai", {"team_signatory": "Dr Roy"},
                                 TODAY)
    charter = store.charters.record(draft, "0" * 64)
    store.charters.sign(charter.id, "person", "paper", "Anaïs Quenardel", TODAY,
                        scan_path="/d/chartes/pieces/scan.pdf", scan_sha256="1" * 64)
    erasure = store.privacy.erase(anais.id)
    assert set(erasure.files) == {"/d/formations/a.pdf", "/d/chartes/pieces/scan.pdf"}
    assert erasure.charter_uids == (charter.uid,)


def test_erasing_twice_says_the_person_is_gone(store, anais):
    store.privacy.erase(anais.id)
    with pytest.raises(Refused, match="n’existe plus"):
        store.privacy.erase(anais.id)
    assert len(store.privacy.pending_erasures()) == 1, "the refusal journals nothing"


def _journal_rows(store) -> list[dict]:
    return [dict(row) for row in store.db.connection().execute("SELECT * FROM erasure_journal")]


def test_the_erasure_journal_is_written_with_the_deletion_and_emptied_once_swept(store, anais,
                                                                                 add_person):
    add_person("Roy", "Lina", note=f"Voir avec Anaïs {NAME}")
    assert not store.erasures_pending() and store.privacy.pending_erasures() == []
    erasure = store.privacy.erase(anais.id)
    assert store.erasures_pending()
    [row] = _journal_rows(store)
    assert (row["id"], row["person_id"], row["redacted"]) == (erasure.journal_id, anais.id, 1)
    assert set(row) == {"id", "person_id", "person_uid", "files", "charter_uids", "invitation_files",
                        "pattern", "redacted", "erased_at"}, "no name beside the sweep's pattern"
    assert store.privacy.pending_erasures() == [erasure], "read back as it was written"
    assert store.privacy.erasure_swept(erasure.journal_id)
    assert _journal_rows(store) == [] and not store.erasures_pending()
    assert store.privacy.erasure_swept(erasure.journal_id), "said twice: harmless"


def test_the_journal_row_and_the_deletion_land_together_or_not_at_all(store, anais):
    """A failure inside the erasure's transaction rolls back the deletion and its journal row."""
    conn = store.db.connection()
    conn.execute("CREATE TEMP TRIGGER fail AFTER INSERT ON erasure_journal "
                 "BEGIN SELECT RAISE(ABORT, 'disque plein'); END")
    with pytest.raises(sqlite3.IntegrityError):
        store.privacy.erase(anais.id)
    conn.execute("DROP TRIGGER temp.fail")
    assert store.people.get(anais.id).last_name == NAME and _journal_rows(store) == []
    assert store.privacy.erase(anais.id).person_id == anais.id


def test_a_pending_sweep_keeps_its_pattern_from_another_erasure(store, anais, add_person):
    """Erasing someone else meanwhile leaves the first journal row as written."""
    first = store.privacy.erase(anais.id)
    paul = add_person(NAME, "Paul", email="paul.q@example.org")
    store.privacy.erase(paul.id)
    assert store.privacy.pending_erasures()[0] == first


def test_a_v4_database_migrates_to_v5_and_dates_its_charters(db_path):
    from comite.store import open_store
    from comite.store.migrations import migrate

    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    migrate(conn, target=4)
    now = "2027-01-01T00:00:00+00:00"
    conn.execute("INSERT INTO structures VALUES (1, 's', 'MSP', 'msp', 'Lyon', ?, ?)", (now, now))
    conn.execute("INSERT INTO committees (id, uid, structure_id, name, kind, created_at, "
                 "updated_at) VALUES (1, 'c', 1, 'Comité', 'comite_usagers', ?, ?)", (now, now))
    for pid, role in ((1, "user_representative"), (2, "patient_partner")):
        conn.execute("INSERT INTO people (id, uid, first_name, last_name, sort_key, created_at, "
                     "updated_at) VALUES (?, ?, 'A', 'B', 'b a', ?, ?)", (pid, f"p{pid}", now, now))
        conn.execute("INSERT INTO person_roles VALUES (?, ?)", (pid, role))
    conn.execute("INSERT INTO charter_templates (id, template_id, version, title, source, text, "
                 "content_hash, current, first_seen_at) VALUES (1, 't', 1, 'T', 'shipped', 'x', "
                 "'h', 1, ?)", (now,))
    for cid, pid in ((1, 1), (2, 2)):
        conn.execute("INSERT INTO charters (id, uid, person_id, committee_id, template_version_id,"
                     " data, pdf_sha256, generated_at) VALUES (?, ?, ?, 1, 1, '{}', 's', ?)",
                     (cid, f"CH-{cid}", pid, now))
    conn.close()
    store = open_store(db_path)
    try:
        assert store.schema_version() >= 5 and store.integrity() == []
        ends = dict(store.db.connection().execute("SELECT id, ends_on FROM charters"))
        assert ends == {1: "2030-01-01", 2: "2028-01-01"}
        assert store.people.get(1).birth_year is None and store.privacy.policy().inactive_months == 36
    finally:
        store.close()


def test_profile_fields_are_checked(store):
    from comite.store import ValidationError

    with pytest.raises(ValidationError) as refused:
        store.people.create(PersonInput(last_name="X", birth_year="58", sex="?", lived_as="?"))
    assert set(refused.value.errors) == {"birth_year", "sex", "lived_as"}


def test_the_standing_says_when_the_queue_will_bring_someone_up(store, anais, committee):
    later = clock.today()
    now = store.privacy.standing(anais.id, later)
    assert not now.held and now.reason is RetentionReason.INACTIVE
    assert now.due_on == months_before(now.last_activity, -36)
    store.memberships.add(committee.id, anais.id, MembershipInput())
    held = store.privacy.standing(anais.id, later)
    assert held.held and held.due_on is None


def test_the_journal_lists_what_was_done_on_the_person_never_values(store, anais):
    give(store, anais, Purpose.HEALTH)
    store.consents.set_health_note(anais.id, "Sclérose en plaques")
    store.consents.reveal_health_note(anais.id)
    actions = [(e.action, e.fields) for e in store.privacy.journal(anais.id)]
    assert actions[:3] == [("reveal", ("health_note",)), ("update", ("health_note",)),
                           ("consent", ("consent.health",))]
    assert actions[-1][0] == "create"


def test_keeping_a_person_not_retained_counts_again_from_the_review(store, anais, committee):
    candidacy = store.recruitment.add(anais.id, CandidateInput(
        role="patient_partner", source=Source.WAITING_ROOM, committee_id=committee.id), TODAY)
    store.recruitment.move(candidacy.id, Stage.NOT_RETAINED, TODAY, confirmed=True)
    due_day = date(2029, 3, 15)
    [due] = store.privacy.retention_queue(due_day)
    assert store.privacy.standing(anais.id, due_day).case == due
    store.privacy.keep(anais.id, due_day)
    assert store.privacy.retention_queue(due_day) == []
    assert store.privacy.standing(anais.id, due_day).due_on == date(2031, 3, 15)


def test_without_a_first_name_a_namesake_keeps_their_address_and_files(store, add_person):
    alone = add_person("Durand", email="durand.seul@example.org")
    bernard = add_person("Durand", "Bernard", email="bernard.durand@example.org",
                         note="Voisin de M. Durand")
    store.privacy.erase(alone.id)
    kept = store.people.get(bernard.id)
    assert (kept.email, kept.note) == ("bernard.durand@example.org", "Voisin de M. Durand")


def test_a_reader_holding_the_log_is_said(store, db_path, anais):
    other = sqlite3.connect(db_path)
    other.execute("BEGIN")
    other.execute("SELECT count(*) FROM people").fetchone()
    try:
        erasure = store.privacy.erase(anais.id)
        assert store.privacy.erasure_swept(erasure.journal_id) is False
        assert store.privacy.pending_erasures() == [], "the journal row goes all the same"
    finally:
        other.close()


def test_someone_not_retained_who_took_part_later_falls_under_inactivity(store, anais, committee,
                                                                         structure):
    from comite.store.committee_models import CommitteeKind

    candidacy = store.recruitment.add(anais.id, CandidateInput(
        role="patient_partner", source=Source.WAITING_ROOM, committee_id=committee.id),
        date(2023, 1, 15))
    store.recruitment.move(candidacy.id, Stage.NOT_RETAINED, date(2023, 1, 15), confirmed=True)
    group = store.committees.create(structure.id, "Groupe", CommitteeKind.WORKING_GROUP)
    store.memberships.add(group.id, anais.id, MembershipInput(
        mandate_start=date(2023, 6, 1), mandate_end=date(2026, 10, 1)))
    found = store.privacy.standing(anais.id, date(2026, 11, 23))
    assert found.case is None and found.reason is RetentionReason.INACTIVE


def test_a_phone_however_written_and_either_apostrophe_are_redacted(store, add_person):
    gone = add_person("D’Almeida", "Rosa", phone="06 12 34 56 78")
    other = add_person("Roy", "Lina", note="Rosa D'Almeida : 0612345678, ou 06.12.34.56.78, "
                                           "ou +33 6 12 34 56 78 ; pas le 06 12 34 56 79.")
    store.privacy.erase(gone.id)
    assert store.people.get(other.id).note == (
        f"{REDACTED} : {REDACTED}, ou {REDACTED}, ou {REDACTED} ; pas le 06 12 34 56 79.")


def test_the_access_report_marks_an_answer_given_before_its_date_moved(store, anais, committee):
    from datetime import datetime

    from comite.store import MeetingInput

    store.memberships.add(committee.id, anais.id, MembershipInput(seat="titulaire"))
    meeting = store.meetings.create(committee.id, MeetingInput(title="Comité de mars"))
    slot = store.meetings.add_slot(meeting.id, datetime(2027, 3, 9, 18, 0))
    kept = store.meetings.add_slot(meeting.id, datetime(2027, 3, 16, 18, 0))
    store.meetings.open_poll(meeting.id)
    (invitee,) = store.meetings.detail(meeting.id).invitees
    for each in (slot, kept):
        store.meetings.record_vote(invitee.id, each.id, "yes")
    store.meetings.update_slot(slot.id, datetime(2027, 3, 10, 18, 0))
    (report,) = store.privacy.access_report(anais.id)["reunions"]
    assert [(a["creneau"], a["reponse"], a["a_redemander"]) for a in report["reponses_au_sondage"]] == [
        ("2027-03-10T18:00", "Oui", True), ("2027-03-16T18:00", "Oui", False)]
