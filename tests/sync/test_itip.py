"""Calendar replies as real clients write them, and the files that are not replies."""

from datetime import UTC, datetime

import pytest

from comite.sync.errors import InboxRefusal
from comite.sync.itip import parse_replies
from tests.sync.conftest import HOSTILE, reply_bytes

UID = "7f0c7a7e-5b1e-4c55-9d7f-0d9a3c1e2b4a"


def minimal(*lines: str, method: str = "METHOD:REPLY") -> bytes:
    body = [method] if method else []
    body += ["BEGIN:VEVENT", f"UID:{UID}", "DTSTAMP:20261201T091500Z", *lines, "END:VEVENT"]
    return ("\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *body, "END:VCALENDAR"]) + "\r\n").encode()


def test_outlook_reply_without_organizer_with_a_windows_zone_and_a_prefixed_summary():
    (reply,) = parse_replies(reply_bytes("outlook-accepted.ics", UID, "jeanne.dupont@example.org", 3))
    assert reply.uid == UID
    assert reply.attendee == "jeanne.dupont@example.org"
    assert reply.partstat == "ACCEPTED"
    assert reply.sequence == 3
    assert reply.comment == ""  # Outlook's COMMENT is a bare line break
    assert reply.stamp == datetime(2025, 12, 1, 9, 15, tzinfo=UTC)


def test_gmail_reply_keeps_the_comment_and_folds_the_address():
    data = reply_bytes("gmail-tentative-comment.ics", UID, "Jeanne.DUPONT@Example.ORG")
    (reply,) = parse_replies(data)
    assert reply.attendee == "jeanne.dupont@example.org"
    assert reply.partstat == "TENTATIVE"
    assert reply.comment == "Je serai peut-être en retard, je sors du travail à 17 h 30."
    assert reply.sequence == 0


def test_apple_reply_declines():
    (reply,) = parse_replies(reply_bytes("apple-declined.ics", UID, "pierre.martin@example.org", 1))
    assert (reply.attendee, reply.partstat, reply.sequence) == ("pierre.martin@example.org", "DECLINED", 1)


def test_a_custom_time_zone_icalendar_cannot_read_does_not_break_the_reply():
    # The VTIMEZONE has an offset of +2500 and a broken RRULE; DTSTAMP uses that zone too.
    (reply,) = parse_replies(reply_bytes("unknown-tzid.ics", UID, "jeanne.dupont@example.org",
                                         folder=HOSTILE))
    assert reply.partstat == "ACCEPTED"
    assert reply.stamp == datetime(2026, 12, 1, 10, 15, tzinfo=UTC)  # unknown zone: read as UTC


def test_a_windows_zone_name_on_dtstamp_is_converted():
    data = minimal("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org").replace(
        b"DTSTAMP:20261201T091500Z", b"DTSTAMP;TZID=Romance Standard Time:20261201T101500")
    assert parse_replies(data)[0].stamp == datetime(2026, 12, 1, 9, 15, tzinfo=UTC)


def test_without_method_a_single_attendee_with_partstat_is_a_reply():
    (reply,) = parse_replies(minimal("ATTENDEE;PARTSTAT=declined:MAILTO:A@Example.org", method=""))
    assert (reply.attendee, reply.partstat) == ("a@example.org", "DECLINED")


def test_sequence_and_stamp_may_be_absent():
    data = minimal("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org").replace(
        b"DTSTAMP:20261201T091500Z\r\n", b"")
    (reply,) = parse_replies(data)
    assert (reply.sequence, reply.stamp) == (0, None)


def test_apple_urn_uuid_attendee_uses_the_email_parameter():
    data = minimal('ATTENDEE;EMAIL="Pierre.Martin@example.org";PARTSTAT=TENTATIVE:urn:uuid:'
                   "3f5b1c1e-9a49-4c3b-8a57-2d0f8a1b7c11")
    assert parse_replies(data)[0].attendee == "pierre.martin@example.org"


def test_only_the_reply_fields_are_taken_from_the_file():
    # An alarm's attendee, a hostile summary and organizer: none of them is read.
    data = minimal(
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org",
        "ORGANIZER:mailto:pirate@example.org",
        "SUMMARY:<script>alert(1)</script>",
        "BEGIN:VALARM", "ACTION:EMAIL", "ATTENDEE:mailto:autre@example.org", "END:VALARM",
    )
    (reply,) = parse_replies(data)
    assert reply.attendee == "a@example.org"


def test_comment_loses_control_characters_and_is_capped():
    escape = "\x1b[31m"
    data = minimal("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org",
                   f"COMMENT:{escape}rouge\u202e " + "x" * 600)
    comment = parse_replies(data)[0].comment
    assert "\x1b" not in comment and "\u202e" not in comment
    assert comment.startswith("[31mrouge")
    assert len(comment) == 500


def test_two_identical_events_count_once():
    event = minimal("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org")
    doubled = event.replace(b"END:VEVENT\r\n", b"END:VEVENT\r\n" + event.split(b"METHOD:REPLY\r\n")[1]
                            .split(b"END:VCALENDAR")[0])
    assert len(parse_replies(doubled)) == 1


@pytest.mark.parametrize(("method", "said"), [
    ("REQUEST", "une invitation (REQUEST)"),
    ("CANCEL", "une annulation (CANCEL)"),
    ("PUBLISH", "un événement publié (PUBLISH)"),
    ("COUNTER", "une proposition d’un autre horaire"),
])
def test_a_file_that_is_not_a_reply_is_refused(method, said):
    with pytest.raises(InboxRefusal) as refused:
        parse_replies(minimal("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", method=f"METHOD:{method}"))
    assert said in refused.value.reason
    assert "pas une réponse" in refused.value.reason


@pytest.mark.parametrize(("lines", "said"), [
    ((), "ne dit pas qui répond"),
    (("ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:a@example.org",), "statut « NEEDS-ACTION »"),
    (("ATTENDEE:mailto:a@example.org",), "statut « absent »"),
    (("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:b@example.org"),
     "plusieurs personnes"),
    (("ATTENDEE;PARTSTAT=ACCEPTED:mailto:pas-une-adresse",), "adresse"),
    (("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "SEQUENCE:-1"), "SEQUENCE"),
    (("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org", "SEQUENCE:deux"), "SEQUENCE"),
])
def test_an_unusable_event_is_refused_in_french(lines, said):
    with pytest.raises(InboxRefusal) as refused:
        parse_replies(minimal(*lines))
    assert said in refused.value.reason
    assert refused.value.advice


def test_a_calendar_without_event_is_refused():
    with pytest.raises(InboxRefusal, match="aucun événement"):
        parse_replies(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nEND:VCALENDAR\r\n")


def test_a_missing_uid_is_refused():
    data = minimal("ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org").replace(f"UID:{UID}\r\n".encode(), b"")
    with pytest.raises(InboxRefusal, match="UID"):
        parse_replies(data)


@pytest.mark.parametrize(("name", "said"), [
    ("truncated.ics", "incomplet"),
    ("bad-dtstamp.ics", "DTSTAMP"),
    ("not-utf8.ics", "UTF-8"),
    ("photo.ics", "pas un fichier d’agenda"),
    ("notes.ics", "pas un fichier d’agenda"),
    ("request.ics", "REQUEST"),
    ("two-attendees.ics", "plusieurs personnes"),
    ("relayed-two-attendees.ics", "parle pour plusieurs personnes à la fois (2)"),
])
def test_hostile_calendar_files_are_refused(name, said):
    data = (HOSTILE / name).read_bytes().replace(b"{{UID}}", UID.encode()).replace(
        b"{{EMAIL}}", b"jeanne.dupont@example.org")
    with pytest.raises(InboxRefusal) as refused:
        parse_replies(data)
    assert said in refused.value.reason


# ---- a reply relayed by a CalDAV server also lists the organizer (RFC 5546 §3.2.3: one ATTENDEE)

ORGANIZER = "coordination@example.org"


def relayed(email: str = "pierre.martin@example.org") -> bytes:
    return reply_bytes("apple-relayed-organizer.ics", UID, email, 2)


def test_a_reply_relayed_with_the_organizer_among_the_attendees_speaks_for_the_other_one():
    (reply,) = parse_replies(relayed())
    assert (reply.attendee, reply.partstat, reply.sequence) == ("pierre.martin@example.org", "TENTATIVE", 2)


def test_the_organizer_is_recognised_whatever_the_case_and_the_mailto_prefix():
    data = relayed().replace(b" mailto:coordination@example.org", b" MAILTO:Coordination@Example.ORG")
    assert b"MAILTO:Coordination@Example.ORG" in data
    (reply,) = parse_replies(data)
    assert reply.attendee == "pierre.martin@example.org"


def test_the_organizer_attendee_may_be_an_apple_urn_with_its_address_in_email():
    data = relayed().replace(b" mailto:coordination@example.org\r\n",
                             b" urn:uuid:0b1e2d3c-4f5a-6b7c-8d9e-0f1a2b3c4d5e\r\n", 1)
    assert b"urn:uuid" in data
    assert parse_replies(data)[0].attendee == "pierre.martin@example.org"


def without_organizer_property(data: bytes) -> bytes:
    cut = data.replace(b'ORGANIZER;CN="Coordination du comit\xc3\xa9";EMAIL="coordination@example.org";\r\n'
                       b" SCHEDULE-AGENT=SERVER:mailto:coordination@example.org\r\n", b"")
    assert b"ORGANIZER" not in cut
    return cut


def test_the_organizer_known_from_the_settings_counts_when_the_reply_names_none():
    data = without_organizer_property(relayed())
    (reply,) = parse_replies(data, organizers=["MAILTO:Coordination@Example.org"])
    assert reply.attendee == "pierre.martin@example.org"


def test_without_any_organizer_known_two_attendees_are_still_two_people():
    with pytest.raises(InboxRefusal, match=r"plusieurs personnes à la fois \(2\)"):
        parse_replies(without_organizer_property(relayed()))


def test_besides_the_organizer_two_attendees_are_refused_in_french():
    data = minimal(f"ORGANIZER:mailto:{ORGANIZER}",
                   f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ORGANIZER.upper()}",
                   "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org",
                   "ATTENDEE;PARTSTAT=DECLINED:mailto:b@example.org")
    with pytest.raises(InboxRefusal) as refused:
        parse_replies(data, organizers=[ORGANIZER])
    assert refused.value.reason == "Cette réponse d’agenda parle pour plusieurs personnes à la fois (2)."
    assert "saisissez ces réponses vous-même" in refused.value.advice


def test_a_forged_organizer_only_narrows_who_the_reply_speaks_for():
    # Naming an invitee as ORGANIZER sets that invitee's line aside: it is never applied.
    data = minimal("ORGANIZER:mailto:jeanne.dupont@example.org",
                   "ATTENDEE;PARTSTAT=ACCEPTED:mailto:jeanne.dupont@example.org",
                   "ATTENDEE;PARTSTAT=DECLINED:mailto:pierre.martin@example.org")
    (reply,) = parse_replies(data)
    assert (reply.attendee, reply.partstat) == ("pierre.martin@example.org", "DECLINED")


def test_the_organizer_alone_still_answers_for_itself():
    (reply,) = parse_replies(minimal(f"ORGANIZER:mailto:{ORGANIZER}",
                                     f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ORGANIZER}"))
    assert reply.attendee == ORGANIZER


def test_the_organizer_listed_twice_is_no_reply_at_all():
    data = minimal(f"ORGANIZER:mailto:{ORGANIZER}", f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ORGANIZER}",
                   f"ATTENDEE;PARTSTAT=DECLINED:mailto:{ORGANIZER.upper()}")
    with pytest.raises(InboxRefusal, match="plusieurs personnes"):
        parse_replies(data)
