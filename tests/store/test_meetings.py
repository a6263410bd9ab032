"""Finding meetings (resolve, all), the audit trail, the inbox's memory, invitations written,
and what happens to meetings when people or committees go."""

import sqlite3
from datetime import UTC, datetime

import pytest

from comite.kernel import clock
from comite.store import MeetingInput, NotFound, Refused
from comite.store.meeting_models import Answer, InvitationRecord, MeetingStatus
from tests.store.meeting_setup import (
    AFTER_ALL,
    MEMBER,
    PRESIDENT,
    WINTER,
    invitees,
    meeting_in,
    poll,
)

# ---- resolve ---------------------------------------------------------------------------------


@pytest.fixture
def three(store, committee, members):
    spring, (winter, _summer) = poll(store, committee.id, title="Comité des usagers de printemps")
    autumn = store.meetings.create(committee.id, MeetingInput(title="Comité des usagers d’automne"))
    cdu = store.meetings.create(committee.id, MeetingInput(title="CDU — réunion trimestrielle"))
    return spring, winter, autumn, cdu


@pytest.mark.parametrize("how", ["number", "number with spaces", "uid", "slot uid"])
def test_resolve_by_identity(store, three, how):
    spring, winter, _autumn, _cdu = three
    text = {"number": str(spring.id), "number with spaces": f"  {spring.id} ", "uid": spring.uid,
            "slot uid": winter.uid}[how]
    assert store.meetings.resolve(text) == store.meetings.get(spring.id)


@pytest.mark.parametrize(("text", "title"), [
    ("printemps", "Comité des usagers de printemps"),
    ("PRINTEMPS", "Comité des usagers de printemps"),
    ("comite des usagers d'automne", "Comité des usagers d’automne"),  # as a keyboard types it
    ("usagers d’AUTOMNE", "Comité des usagers d’automne"),
    ("trimestri", "CDU — réunion trimestrielle"),
    ("Réunion Trimestrielle", "CDU — réunion trimestrielle"),
])
def test_resolve_by_a_piece_of_the_title(store, three, text, title):
    if title is None:
        with pytest.raises(NotFound):
            store.meetings.resolve(text)
    else:
        assert store.meetings.resolve(text).title == title


def test_resolve_ambiguous(store, three):
    with pytest.raises(Refused) as caught:
        store.meetings.resolve("usagers")
    assert caught.value.message == ("Plusieurs réunions correspondent à « usagers » : donnez son "
                                    "numéro (voir « comite ls meetings »).")
    assert not isinstance(caught.value, NotFound)


def test_resolve_prefers_the_title_given_whole(store, committee, three):
    store.meetings.create(committee.id, MeetingInput(title="Comité"))
    store.meetings.create(committee.id, MeetingInput(title="Comité restreint"))
    assert store.meetings.resolve("comité").title == "Comité"


@pytest.mark.parametrize("text", ["assemblée", "4242", "50%", "_"])
def test_resolve_missing(store, three, text):
    with pytest.raises(NotFound) as caught:
        store.meetings.resolve(text)
    assert caught.value.message in (
        f"Aucune réunion ne correspond à « {text} » (voir « comite ls meetings »).",
        f"Aucune réunion n° {text} (voir « comite ls meetings »).")


@pytest.mark.parametrize("text", ["", "   "])
def test_resolve_nothing_typed(store, committee, text):
    store.meetings.create(committee.id, MeetingInput(title="La seule réunion"))
    with pytest.raises(Refused) as caught:
        store.meetings.resolve(text)
    assert caught.value.message == ("Indiquez le numéro de la réunion ou un mot de son titre "
                                    "(voir « comite ls meetings »).")


# ---- all -------------------------------------------------------------------------------------


def test_all_upcoming_first_then_past_most_recent_first(store, committee, members):
    def convened(title: str, start: datetime):
        _meeting, (slot,) = poll(store, committee.id, start, title=title)
        return store.meetings.choose_slot(slot.id)

    draft = store.meetings.create(committee.id, MeetingInput(title="Brouillon"))
    sondage, _slots = poll(store, committee.id, title="Sondage")
    later = convened("Convoquée plus tard", datetime(2098, 3, 3, 18, 0))
    sooner = convened("Convoquée bientôt", datetime(2098, 2, 2, 18, 0))
    held_long_ago = convened("Tenue il y a longtemps", datetime(2097, 1, 5, 18, 0))
    held_recently = convened("Tenue récemment", datetime(2097, 6, 5, 18, 0))
    cancelled = convened("Annulée", datetime(2097, 9, 5, 18, 0))
    after = datetime(2099, 1, 1, tzinfo=UTC)
    store.meetings.mark_held(held_recently.id, now=after)
    store.meetings.mark_held(held_long_ago.id, now=after)
    store.meetings.cancel(cancelled.id)

    assert [m.title for m in store.meetings.all()] == [
        draft.title, sondage.title, sooner.title, later.title,
        cancelled.title, held_recently.title, held_long_ago.title]
    assert [m.title for m in store.meetings.all(statuses=(MeetingStatus.HELD,))] == [
        held_recently.title, held_long_ago.title]
    assert [m.title for m in store.meetings.all(statuses=(MeetingStatus.DRAFT, MeetingStatus.POLL))] == [
        draft.title, sondage.title]
    assert len(store.meetings.all(limit=3)) == 3


def test_all_by_committee(store, structure, committee, members):
    other = store.committees.create(structure.id, "Groupe de travail", "groupe_travail")
    mine = store.meetings.create(committee.id, MeetingInput(title="Comité"))
    theirs = store.meetings.create(other.id, MeetingInput(title="Groupe"))
    assert [m.id for m in store.meetings.all(committee_id=committee.id)] == [mine.id]
    assert [m.id for m in store.meetings.all(committee_id=other.id)] == [theirs.id]
    assert store.meetings.all(committee_id=4242) == []


# ---- audit -----------------------------------------------------------------------------------


def test_every_use_case_is_audited_without_its_values(store, committee, members):
    secret_place, secret_comment = "Chez Mme Martin, 12 rue des Lilas", "Hospitalisée jusqu’au 10"
    meeting = store.meetings.create(committee.id, MeetingInput(
        title="Comité confidentiel", place=secret_place, description="Plainte de M. Roux"))
    slot = store.meetings.add_slot(meeting.id, WINTER, secret_place)
    store.meetings.update_slot(slot.id, WINTER, "Salle B")
    store.meetings.open_poll(meeting.id)
    people = invitees(store, meeting.id)
    store.meetings.record_vote(people[MEMBER].id, slot.id, Answer.NO, comment=secret_comment)
    store.meetings.import_votes(meeting.id, {people[PRESIDENT].id: {slot.id: Answer.YES}})
    store.meetings.apply_reply(slot.uid, "louise.martin@example.org", "ACCEPTED", comment=secret_comment)
    store.meetings.apply_reply(slot.uid, "inconnu@example.net", "ACCEPTED")
    store.meetings.dismiss_pending(store.meetings.pending_replies()[0].id)
    store.meetings.choose_slot(slot.id)
    store.meetings.update(meeting.id, MeetingInput(title="Comité confidentiel", place="Mairie",
                                                   description="Plainte de M. Roux"))
    store.meetings.reschedule(meeting.id, datetime(2027, 1, 19, 18, 0))
    store.meetings.mark_held(meeting.id, now=AFTER_ALL)

    entries = list(reversed(store.audit.recent(200)))
    done = [(e.action, e.entity) for e in entries]
    for expected in [("create", "meeting"), ("create", "slot"), ("status", "meeting"),
                     ("vote", "invitee"), ("import", "meeting"), ("reply", "meeting"),
                     ("dismiss", "reply"), ("choose", "slot"), ("update", "meeting"),
                     ("reschedule", "meeting")]:
        assert expected in done
    assert {e.actor for e in entries} == {"coordination"}
    by_action = {(e.action, e.entity): e for e in entries}
    assert by_action[("vote", "invitee")].entity_id == people[MEMBER].id
    assert by_action[("vote", "invitee")].fields == ("answer", "source")
    assert by_action[("update", "meeting")].fields == ("place",)
    assert by_action[("update", "slot")].fields == ("place",)
    assert "title" in by_action[("create", "meeting")].fields
    assert [e.fields for e in entries if e.action == "status"] == [("poll",), ("convened",), ("held",)]

    written = " ".join(f"{e.action} {e.entity} {' '.join(e.fields)}" for e in entries)
    for value in (secret_place, secret_comment, "Mairie", "Salle B", "confidentiel", "Roux", "example",
                  "Louise", "yes", "ACCEPTED", "2027"):
        assert value not in written


# ---- invitations written and sent -------------------------------------------------------------


def test_invitations_keep_the_latest_message_per_invitee_and_uid(store, committee, members):
    meeting, (winter, summer) = poll(store, committee.id)
    president = invitees(store, meeting.id)[PRESIDENT].id

    def written(uid: str, sequence: int, name: str, method: str = "REQUEST") -> InvitationRecord:
        return InvitationRecord(invitee_id=president, uid=uid, method=method, sequence=sequence,
                                file_name=name, written_at="2026-11-23T10:00:00+00:00", sent_at=None)

    store.meetings.record_invitations(meeting.id, [written(winter.uid, 0, "a.eml"),
                                                   written(summer.uid, 0, "b.eml")])
    store.meetings.record_invitations(meeting.id, [written(winter.uid, 1, "c.eml", "CANCEL")])
    store.meetings.mark_sent(meeting.id, "c.eml", "2026-11-23T10:05:00+00:00")
    latest = {record.uid: record for record in store.meetings.invitations(meeting.id)}
    assert (latest[winter.uid].method, latest[winter.uid].sequence, latest[winter.uid].sent_at) == (
        "CANCEL", 1, "2026-11-23T10:05:00+00:00")
    assert (latest[summer.uid].file_name, latest[summer.uid].sent_at) == ("b.eml", None)


def test_sending_marks_only_the_latest_message_of_a_reused_file_name(store, committee, members):
    meeting, (winter, _summer) = poll(store, committee.id)
    president = invitees(store, meeting.id)[PRESIDENT].id
    record = InvitationRecord(invitee_id=president, uid=winter.uid, method="REQUEST", sequence=0,
                              file_name="01-louise-martin.eml",
                              written_at="2026-11-23T10:00:00+00:00", sent_at=None)
    store.meetings.record_invitations(meeting.id, [record])
    store.meetings.record_invitations(meeting.id, [record])  # written again, same name
    store.meetings.mark_sent(meeting.id, record.file_name, "2026-11-23T10:05:00+00:00")
    sent = store.db.connection().execute(
        "SELECT sent_at FROM invitations WHERE meeting_id = ? ORDER BY id", (meeting.id,)).fetchall()
    assert [row["sent_at"] for row in sent] == [None, "2026-11-23T10:05:00+00:00"]


def test_a_new_place_on_rescheduling_is_the_chosen_slots_too(store, committee, members):
    meeting, (winter, _summer) = poll(store, committee.id)
    store.meetings.choose_slot(winter.id, confirmed=True)
    store.meetings.reschedule(meeting.id, datetime(2027, 1, 19, 18, 0), place="Mairie, salle 2")
    chosen = store.meetings.detail(meeting.id).chosen_slot
    assert chosen.place == "Mairie, salle 2"
    assert store.meetings.get(meeting.id).place == "Mairie, salle 2"


def test_a_member_whose_mandate_has_ended_is_not_invited(store, committee, add_person):
    from datetime import timedelta

    from comite.store import MembershipInput

    gone = add_person("Ancien", "Membre", email="ancien@example.org")
    store.memberships.add(committee.id, gone.id, MembershipInput(
        mandate_start=clock.today() - timedelta(days=1200),
        mandate_end=clock.today() - timedelta(days=1)))
    meeting = store.meetings.create(committee.id, MeetingInput(title="Après le mandat"))
    assert "Membre Ancien" not in {i.name for i in store.meetings.detail(meeting.id).invitees}


# ---- inbox -----------------------------------------------------------------------------------


def test_the_inbox_remembers_what_it_saw(store, committee, members):
    meeting, _slots = poll(store, committee.id)
    digest = "ab" * 32
    assert store.inbox.seen(digest) is None
    store.inbox.remember(digest, "reponse.ics", 1234, "processed", meeting_id=meeting.id)
    entry = store.inbox.seen(digest)
    assert (entry.sha256, entry.name, entry.size, entry.outcome, entry.reason, entry.meeting_id) == (
        digest, "reponse.ics", 1234, "processed", "", meeting.id)
    assert datetime.fromisoformat(entry.received_at).utcoffset() is not None

    store.inbox.remember(digest, "reponse.ics", 1234, "quarantined", "Fichier illisible")
    assert (store.inbox.seen(digest).outcome, store.inbox.seen(digest).reason) == (
        "quarantined", "Fichier illisible")
    assert len(store.inbox.recent()) == 1


def test_recent_newest_first_and_by_outcome(store, monkeypatch):
    times = iter(["2026-11-20T08:00:00+00:00", "2026-11-22T08:00:00+00:00", "2026-11-21T08:00:00+00:00"])
    monkeypatch.setattr("comite.store.inbox.utc_now_iso", lambda: next(times))
    store.inbox.remember("1" * 64, "lundi.ics", 10, "processed")
    store.inbox.remember("2" * 64, "mercredi.ics", 20, "quarantined", "Pas un fichier iCalendar")
    store.inbox.remember("3" * 64, "mardi.ics", 30, "processed")
    assert [e.name for e in store.inbox.recent()] == ["mercredi.ics", "mardi.ics", "lundi.ics"]
    assert [e.name for e in store.inbox.recent(limit=1)] == ["mercredi.ics"]
    assert [e.name for e in store.inbox.recent(outcome="processed")] == ["mardi.ics", "lundi.ics"]
    assert [e.name for e in store.inbox.recent(outcome="quarantined")] == ["mercredi.ics"]


def test_an_unknown_outcome_is_refused(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.inbox.remember("4" * 64, "x.ics", 1, "perdu")
    assert store.inbox.recent() == []


def test_a_reply_and_its_file_land_together_or_not_at_all(store, committee, members):
    meeting, (winter, _summer) = poll(store, committee.id)
    digest = "cd" * 32
    with pytest.raises(RuntimeError), store.transaction():
        store.meetings.apply_reply(winter.uid, "louise.martin@example.org", "ACCEPTED")
        store.inbox.remember(digest, "reponse.ics", 99, "processed", meeting_id=meeting.id)
        raise RuntimeError("coupure de courant")
    assert store.inbox.seen(digest) is None
    assert store.meetings.detail(meeting.id).votes == ()


def test_a_deleted_meeting_leaves_the_inbox_entry_without_it(store, committee, members):
    draft, _slots = meeting_in(store, committee.id, MeetingStatus.DRAFT)
    store.inbox.remember("ef" * 32, "reponse.ics", 5, "quarantined", "Réunion en brouillon",
                         meeting_id=draft.id)
    store.meetings.delete(draft.id)
    assert store.inbox.seen("ef" * 32).meeting_id is None


# ---- people and committees that go -----------------------------------------------------------


def test_deleting_a_person_takes_their_invitations_and_answers(store, committee, members):
    meeting, (winter, summer) = poll(store, committee.id)
    people = invitees(store, meeting.id)
    store.meetings.record_vote(people[MEMBER].id, winter.id, Answer.YES)
    store.meetings.apply_reply(summer.uid, "paul.petit@example.org", "DECLINED")
    store.meetings.record_vote(people[PRESIDENT].id, winter.id, Answer.NO)

    store.people.delete(members.member.person_id)

    detail = store.meetings.detail(meeting.id)
    assert MEMBER not in {i.name for i in detail.invitees}
    assert [(v.invitee_id, v.slot_id) for v in detail.votes] == [(people[PRESIDENT].id, winter.id)]
    assert (detail.meeting.invitees, detail.meeting.answered) == (4, 1)
    conn = store.db.connection()
    assert conn.execute("SELECT count(*) FROM replies WHERE invitee_id = ?",
                        (people[MEMBER].id,)).fetchone()[0] == 0
    assert store.integrity() == []


def test_a_committee_with_meetings_is_archived_not_deleted(store, committee, members):
    store.meetings.create(committee.id, MeetingInput(title="Comité"))
    with pytest.raises(Refused) as caught:
        store.committees.delete(committee.id)
    assert "1 réunion :" in caught.value.message
    assert store.committees.get(committee.id).name == "Comité des usagers"
