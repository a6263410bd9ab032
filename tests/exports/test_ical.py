"""iTIP messages built from the store's meetings, read back with `icalendar`."""

import re
from datetime import datetime, timedelta

import pytest
from icalendar import Calendar

from comite.exports.ical import CalendarMessage, Organizer, Purpose, build_messages
from comite.store.errors import Refused
from tests.exports.invitation_setup import HOSTILE, NOW, ORGANIZER

WINTER = datetime(2027, 1, 12, 18, 0)
SUMMER = datetime(2027, 7, 13, 18, 0)


def parsed(message: CalendarMessage) -> tuple[Calendar, object]:
    calendar = Calendar.from_ical(message.ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def by_email(messages: list[CalendarMessage], email: str) -> list[CalendarMessage]:
    return [message for message in messages if message.invitee.email == email]


def test_a_poll_holds_each_proposed_date_tentatively_for_each_invitee_with_an_email(make_meeting):
    detail = make_meeting([WINTER, (SUMMER, "Mairie de Valmont")])
    messages = build_messages(detail, ORGANIZER, NOW)

    emails = {invitee.email for invitee in detail.invitees if invitee.email}
    assert len(emails) == 4 and len(messages) == 2 * 4
    assert {(m.slot.uid, m.invitee.email) for m in messages} == {
        (slot.uid, email) for slot in detail.slots for email in emails}
    for message in messages:
        calendar, event = parsed(message)
        assert calendar["METHOD"] == "REQUEST" == message.method
        assert str(calendar["PRODID"]) == "-//comite//comite 0.1//FR"
        assert calendar["VERSION"] == "2.0" and calendar["CALSCALE"] == "GREGORIAN"
        assert message.purpose is Purpose.HOLD
        assert event["UID"] == message.slot.uid and event["SEQUENCE"] == 0
        assert event["STATUS"] == "TENTATIVE"
        assert event["SUMMARY"] == "Proposition de date (sondage) : Comité de printemps"
        assert event["DTSTAMP"].dt == NOW
        assert event["DTSTART"].dt == message.slot.starts_at
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=120)
        assert event["X-MICROSOFT-CDO-BUSYSTATUS"] == "TENTATIVE"
        description = str(event["DESCRIPTION"])
        assert "Accepter = oui, je peux venir" in description
        assert ("Peut-être = oui si nécessaire, si aucune autre date ne convient"
                in description)
        assert "Nous vous confirmerons la date retenue par e-mail." in description
        assert "Refuser = non" in description
        # The coordinator's message; the agenda is in the e-mail, and comes with the convocation.
        assert "\n\n1. Accueil\n2. Bilan des réclamations ; avis" in description
        assert "Ordre du jour :" not in description
        # A date the poll only proposes rings no reminder: it may never take place.
        assert not event.walk("VALARM")


def test_the_organizer_is_a_mailto_with_its_name_and_each_message_names_only_its_recipient(make_meeting):
    messages = build_messages(make_meeting([WINTER]), ORGANIZER, NOW)

    for message in messages:
        _calendar, event = parsed(message)
        assert str(event["ORGANIZER"]) == "mailto:coordination@example.org"
        assert event["ORGANIZER"].params["CN"] == "Coordination de la MSP des Tilleuls"
        attendee = event["ATTENDEE"]
        assert not isinstance(attendee, list), "one ATTENDEE: the recipient, no one else's address"
        assert str(attendee) == f"mailto:{message.invitee.email}"
        assert attendee.params["CN"] == message.invitee.name.replace('"', "'")
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "TRUE"
        assert attendee.params["CUTYPE"] == "INDIVIDUAL"


def test_titulaires_are_required_participants_suppleants_and_guests_optional(make_meeting):
    messages = build_messages(make_meeting([WINTER]), ORGANIZER, NOW)

    roles = {m.invitee.email: parsed(m)[1]["ATTENDEE"].params["ROLE"] for m in messages}
    assert roles == {
        "elodie.lefevre@example.org": "REQ-PARTICIPANT",  # titulaire, présidente
        "thi-hoa.nguyen@example.org": "REQ-PARTICIPANT",  # titulaire
        "jean-noel.celik@example.org": "OPT-PARTICIPANT",  # suppléant
        "zoe.dupont@example.org": "OPT-PARTICIPANT",  # invitée
    }


def test_sequence_follows_the_store_through_choice_reschedule_and_cancellation(store, make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    winter, summer = detail.slots
    first = by_email(build_messages(detail, ORGANIZER, NOW), "elodie.lefevre@example.org")
    assert [(m.uid, m.sequence, m.method) for m in first] == [
        (winter.uid, 0, "REQUEST"), (summer.uid, 0, "REQUEST")]

    store.meetings.choose_slot(summer.id)
    chosen = by_email(build_messages(store.meetings.detail(detail.meeting.id), ORGANIZER, NOW),
                      "elodie.lefevre@example.org")
    assert [(m.uid, m.sequence, m.method, m.purpose) for m in chosen] == [
        (winter.uid, 1, "CANCEL", Purpose.RELEASED), (summer.uid, 1, "REQUEST", Purpose.CONVOCATION)]
    released, convocation = (parsed(m)[1] for m in chosen)
    assert released["STATUS"] == "CANCELLED" and convocation["STATUS"] == "CONFIRMED"
    assert convocation["SUMMARY"] == "Comité de printemps"
    assert released["SUMMARY"] == "Date non retenue : Comité de printemps"
    # The date kept comes first, then the one not kept: nothing to note for it.
    assert str(released["DESCRIPTION"]).startswith(
        "La réunion « Comité de printemps » du Comité des usagers aura lieu le mardi 13 juillet "
        "2027 à 18 h 00.\n\nLe mardi 12 janvier 2027 n’est pas retenu : rien à noter dans "
        "votre agenda.")
    (alarm,) = convocation.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY" and alarm["TRIGGER"].dt == timedelta(days=-1)
    assert "Comité de printemps" in str(alarm["DESCRIPTION"])
    assert parsed(chosen[0])[1]["ATTENDEE"].params["RSVP"] == "FALSE", "a CANCEL expects no answer"
    assert not released.walk("VALARM") and convocation.walk("VALARM")

    store.meetings.reschedule(detail.meeting.id, datetime(2027, 7, 15, 17, 30), "Mairie, salle 2")
    moved = by_email(build_messages(store.meetings.detail(detail.meeting.id), ORGANIZER, NOW),
                     "elodie.lefevre@example.org")
    assert [(m.uid, m.sequence, m.method) for m in moved] == [
        (winter.uid, 1, "CANCEL"), (summer.uid, 2, "REQUEST")]
    event = parsed(moved[1])[1]
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime(2027, 7, 15, 17, 30)
    assert str(event["LOCATION"]).startswith("Mairie, salle 2")

    store.meetings.cancel(detail.meeting.id)
    cancelled = by_email(build_messages(store.meetings.detail(detail.meeting.id), ORGANIZER, NOW),
                         "elodie.lefevre@example.org")
    assert [(m.uid, m.sequence, m.method, m.purpose) for m in cancelled] == [
        (summer.uid, 3, "CANCEL", Purpose.CANCELLED)], "the released date was cancelled already"
    calendar, event = parsed(cancelled[0])
    assert calendar["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED"
    assert event["SUMMARY"] == "Annulée : Comité de printemps"
    assert cancelled[0].purpose is Purpose.CANCELLED


def test_a_date_withdrawn_from_the_poll_is_cancelled_with_its_bumped_sequence(store, make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    store.meetings.remove_slot(detail.slots[0].id)

    messages = by_email(build_messages(store.meetings.detail(detail.meeting.id), ORGANIZER, NOW),
                        "thi-hoa.nguyen@example.org")
    assert [(m.uid, m.sequence, m.method) for m in messages] == [
        (detail.slots[0].uid, 1, "CANCEL"), (detail.slots[1].uid, 0, "REQUEST")]


def test_cancelling_a_poll_cancels_every_hold_still_standing(store, make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    store.meetings.cancel(detail.meeting.id)

    messages = by_email(build_messages(store.meetings.detail(detail.meeting.id), ORGANIZER, NOW),
                        "thi-hoa.nguyen@example.org")
    assert [(m.uid, m.sequence, m.method) for m in messages] == [
        (detail.slots[0].uid, 1, "CANCEL"), (detail.slots[1].uid, 1, "CANCEL")]


def test_nothing_to_send_for_a_draft_or_a_held_meeting(store, make_meeting):
    draft = make_meeting([WINTER], poll=False)
    with pytest.raises(Refused, match="brouillon"):
        build_messages(draft, ORGANIZER, NOW)

    past = make_meeting([datetime(2026, 10, 6, 18, 0)], title="Comité d’automne")
    store.meetings.choose_slot(past.slots[0].id)
    store.meetings.mark_held(past.meeting.id, now=NOW)
    with pytest.raises(Refused, match="déjà eu lieu"):
        build_messages(store.meetings.detail(past.meeting.id), ORGANIZER, NOW)


def test_an_organizer_without_a_valid_email_is_refused_without_echoing_it(make_meeting):
    detail = make_meeting([WINTER])
    with pytest.raises(Refused) as missing:
        build_messages(detail, Organizer("Coordination", "  "), NOW)
    assert missing.value.message == (
        "Indiquez votre adresse e-mail de coordination dans les réglages (F2) : elle devient "
        "l’organisateur des invitations.")
    with pytest.raises(Refused, match="n’est pas valide") as invalid:
        build_messages(detail, Organizer("Coordination", "secret.coordinatrice@"), NOW)
    assert "secret.coordinatrice" not in invalid.value.message


def test_hostile_names_and_titles_survive_as_data(store, make_meeting):
    detail = make_meeting([WINTER], title=f"Bilan {HOSTILE}", place='Salle "A" ; bâtiment B, 1er : fond')
    (message,) = by_email(build_messages(detail, ORGANIZER, NOW), "zoe.dupont@example.org")

    _calendar, event = parsed(message)
    attendee = event["ATTENDEE"]
    assert attendee.params["CN"] == "Zoé Dupont & <b>Fils</b> 'Le Grand' ; , :"
    assert str(attendee) == "mailto:zoe.dupont@example.org"
    assert event["SUMMARY"] == f"Proposition de date (sondage) : Bilan {HOSTILE}"
    assert str(event["LOCATION"]).startswith('Salle "A" ; bâtiment B, 1er : fond')
    unfolded = message.ics.replace(b"\r\n ", b"").decode()
    (line,) = [line for line in unfolded.split("\r\n") if line.startswith("ATTENDEE")]
    assert "CN=\"Zoé Dupont & <b>Fils</b> 'Le Grand' ; , :\"" in line, "quoted, not cut at ; , :"


def test_line_breaks_and_control_characters_cannot_inject_properties(make_meeting, store):
    """The store refuses the controls now; a base written before that rule (or by another
    tool) may still hold them, and the invitation must not carry them."""
    import sqlite3

    detail = make_meeting([WINTER], title="Réunion piégée")
    with sqlite3.connect(store.path) as raw:
        raw.execute("UPDATE meetings SET title = ?, description = ? WHERE id = ?",
                    ("Réunion\x07 piégée",
                     "Point 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:pirate\rfin\x00",
                     detail.meeting.id))
    raw.close()
    detail = store.meetings.detail(detail.meeting.id)
    (message, *_rest) = build_messages(detail, ORGANIZER, NOW)

    lines = message.ics.split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 1 and not any(line.startswith(b"UID:pirate") for line in lines)
    event = parsed(message)[1]
    assert event["SUMMARY"] == "Proposition de date (sondage) : Réunion piégée"
    assert "Point 1\nEND:VEVENT\nBEGIN:VEVENT\nUID:pirate\nfin\n\n" in str(event["DESCRIPTION"])
    assert str(event["ATTENDEE"]) == f"mailto:{message.invitee.email}", "the recipient's line is in"


def test_the_wire_format_is_crlf_utf8_and_folded_at_75_octets(make_meeting):
    long_agenda = "\n".join(f"{n}. Point très détaillé numéro {n} — « équipe soignante » ; é" * 3
                            for n in range(1, 6))
    detail = make_meeting([WINTER, SUMMER], description=long_agenda,
                          video_url="https://visio.example.org/" + "salle-" * 20)
    for message in build_messages(detail, ORGANIZER, NOW):
        assert message.ics.endswith(b"\r\n")
        assert b"\n" not in message.ics.replace(b"\r\n", b""), "no bare LF"
        assert b"\r" not in message.ics.replace(b"\r\n", b""), "no bare CR"
        for line in message.ics.split(b"\r\n"):
            assert len(line) <= 75, line
            line.decode("utf-8")  # folding never splits a character
        assert Calendar.from_ical(message.ics).walk("VEVENT")[0]["DESCRIPTION"].count("équipe") == 15


def test_the_time_zone_is_written_as_yearly_rules_outlook_reads(make_meeting):
    (message, *_rest) = build_messages(make_meeting([WINTER]), ORGANIZER, NOW)

    calendar = Calendar.from_ical(message.ics)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Paris"
    rules = {part.name: part for part in zone.subcomponents}
    assert set(rules) == {"STANDARD", "DAYLIGHT"}
    assert dict(rules["DAYLIGHT"]["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert dict(rules["STANDARD"]["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert rules["DAYLIGHT"]["TZOFFSETTO"].td == timedelta(hours=2)
    assert rules["STANDARD"]["TZOFFSETTO"].td == timedelta(hours=1)
    assert b"RDATE" not in message.ics


def test_a_zone_whose_changes_follow_no_yearly_rule_travels_in_utc(make_meeting):
    # Casablanca leaves summer time for Ramadan: no RRULE can say when.
    detail = make_meeting([datetime(2027, 1, 12, 18, 0)], timezone="Africa/Casablanca")
    (message, *_rest) = build_messages(detail, ORGANIZER, NOW)

    assert b"VTIMEZONE" not in message.ics and b"TZID" not in message.ics
    assert re.search(rb"\r\nDTSTART:20270112T170000Z\r\n", message.ics)


def test_the_same_state_gives_the_same_bytes_and_uids_never_change(make_meeting):
    detail = make_meeting([WINTER, SUMMER])
    once = build_messages(detail, ORGANIZER, NOW)
    again = build_messages(detail, ORGANIZER, NOW)
    later = build_messages(detail, ORGANIZER, NOW + timedelta(days=2))

    assert [m.ics for m in once] == [m.ics for m in again]
    assert [m.uid for m in once] == [m.uid for m in later]
    for first, second in zip(once, later, strict=True):
        differ = set(first.ics.split(b"\r\n")) ^ set(second.ics.split(b"\r\n"))
        assert {line.split(b":")[0] for line in differ} == {b"DTSTAMP"}


def test_the_slot_place_wins_during_the_poll_and_the_video_link_goes_everywhere(make_meeting):
    detail = make_meeting([WINTER, (SUMMER, "Mairie de Valmont")],
                          video_url="https://visio.example.org/comite")
    winter, summer = (parsed(m)[1] for m in by_email(build_messages(detail, ORGANIZER, NOW),
                                                       "thi-hoa.nguyen@example.org"))
    # The structure's town follows the room: the structure has no street address here.
    assert winter["LOCATION"] == ("Salle du conseil, MSP des Tilleuls, Valmont-sur-Loire — visio : "
                                  "https://visio.example.org/comite")
    assert summer["LOCATION"] == ("Mairie de Valmont, Valmont-sur-Loire — visio : "
                                  "https://visio.example.org/comite")
    assert "Visio : https://visio.example.org/comite" in str(summer["DESCRIPTION"])
