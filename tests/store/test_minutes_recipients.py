"""Who receives the minutes, and the record of what was written and sent to each of them."""

from datetime import date

from comite.store.memberships import MembershipInput
from comite.store.minutes_models import Channel, MinutesMessage, MinutesStatus

CONVENED = "CDU — réunion trimestrielle"  # on 11 December 2026, its committee's members invited


def meeting_named(store, title: str):
    return next(m for m in store.meetings.all() if m.title == title)


def test_the_minutes_go_to_the_members_of_the_day_and_to_everyone_invited(example):
    meeting = meeting_named(example, CONVENED)
    detail = example.meetings.detail(meeting.id)
    members = {m.person_id for m in example.memberships.of_committee(meeting.committee_id)}
    outsiders = [p for p in range(25, 41) if p not in members]
    guest, later, former, undated = outsiders[:4]
    # A suppléant not invited to this meeting still follows the committee's work.
    substitute = next(i for i in detail.invitees if i.seat.value == "suppleant")
    example.meetings.uninvite(substitute.id)
    example.meetings.invite(meeting.id, guest)
    add = example.memberships.add
    add(meeting.committee_id, later, MembershipInput(mandate_start=date(2027, 1, 1)))
    add(meeting.committee_id, former, MembershipInput(mandate_start=date(2020, 1, 1),
                                                      mandate_end=date(2023, 1, 1)))
    add(meeting.committee_id, undated, MembershipInput())

    recipients = example.minutes_mail.recipients(meeting.id)

    assert {r.person_id for r in recipients} == members | {guest, undated}
    assert substitute.person_id in {r.person_id for r in recipients}
    assert later not in {r.person_id for r in recipients}, "joined after the meeting"
    assert former not in {r.person_id for r in recipients}, "mandate over before it"
    assert len(recipients) == len({r.person_id for r in recipients}), "each person once"
    people = {p: example.people.get(p) for p in members | {guest, undated}}
    for r in recipients:
        assert (r.email, r.easy_read) == (people[r.person_id].email, people[r.person_id].easy_read)
        assert r.channel is (Channel.EMAIL if r.email else Channel.PAPER)


def test_a_message_is_recorded_once_per_person_and_status_and_marked_sent(example):
    meeting = meeting_named(example, CONVENED)
    mail = example.minutes_mail
    written = MinutesMessage(13, MinutesStatus.CIRCULATED, Channel.EMAIL, "diffuse-a.eml",
                             "2026-12-12T10:00:00+00:00", None)
    letter = MinutesMessage(14, MinutesStatus.CIRCULATED, Channel.PAPER, "lettres-diffuse.pdf",
                            "2026-12-12T10:00:00+00:00", "2026-12-12T10:00:00+00:00")
    mail.record(meeting.id, [written, letter])
    rewritten = MinutesMessage(13, MinutesStatus.CIRCULATED, Channel.EMAIL, "diffuse-a.eml",
                               "2026-12-13T10:00:00+00:00", None)
    mail.record(meeting.id, [rewritten])
    assert mail.messages(meeting.id) == [rewritten, letter]

    mail.mark_sent(meeting.id, "diffuse-a.eml", "2026-12-13T10:05:00+00:00")
    mail.mark_sent(meeting.id, "lettres-diffuse.pdf", "2027-01-01T00:00:00+00:00")
    sent, kept = mail.messages(meeting.id)
    assert sent.sent_at == "2026-12-13T10:05:00+00:00"
    assert kept == letter, "a letter is not an e-mail: nothing to mark"

    adopted = MinutesMessage(13, MinutesStatus.ADOPTED, Channel.EMAIL, "adopte-a.eml",
                             "2027-01-20T10:00:00+00:00", None)
    mail.record(meeting.id, [adopted])
    assert mail.messages(meeting.id) == [sent, letter, adopted], "another status, another record"
    assert [e.fields for e in example.audit.recent(3)
            if e.entity == "minutes"] == [("messages",)] * 3
