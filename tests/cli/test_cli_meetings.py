"""`comite ls meetings`, `show meeting`, `export` and `sync` as scripts use them: real subprocesses
on a database filled by `comite demo`, isolated XDG folders, a real SMTP server on 127.0.0.1."""

import email
import json
import re
import socket
from datetime import datetime, timedelta
from email import policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from comite.kernel.plural import count
from comite.store import open_store
from comite.store.meeting_models import MeetingStatus
from comite.usecases.settings import Settings, save
from tests.cli.run import in_subprocess
from tests.sync.conftest import HOSTILE, reply_bytes

ROOT = Path(__file__).resolve().parents[2]
POLL = "Prochain comité des usagers"
CONVENED = "CDU — réunion trimestrielle"
HELD = "Comité des usagers — bilan de l’année"
SPRING = "Comité des usagers — printemps"
SUMMARY_KEYS = {"id", "uid", "title", "committee", "status", "starts_at", "answers"}
SLOT_KEYS = {"id", "uid", "sequence", "status", "starts_at", "ends_at", "place", "yes", "if_need_be",
             "no", "no_answer", "seats_covered", "seats", "quorum_reached", "required_missing",
             "to_ask_again"}
INVITEE_KEYS = {"id", "person_id", "name", "email", "seat", "required", "reply", "comment", "votes"}
COORDINATOR = {"coordinator_name": "Claire Coordination", "coordinator_email": "coordination@example.org"}
SMTP_USER, SMTP_SECRET = "coordination", "s3cret-de-test-cli"




def show(db: Path, meeting: str | int) -> dict:
    result = in_subprocess("show", "meeting", str(meeting), "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# ---- the demo database, built once --------------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """Built once by the real command; tests that write work on a copy (`db`)."""
    home = tmp_path_factory.mktemp("demo-home")
    env = {name: str(home / name.lower())
           for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")}
    db = tmp_path_factory.mktemp("demo") / "exemple.sqlite"
    made = in_subprocess("demo", "--db", str(db), env=env)
    assert made.returncode == 0, made.stderr
    assert sorted(p.name for p in db.parent.iterdir()) == [db.name], "nothing left in a -wal file"
    return db


@pytest.fixture(scope="module")
def listing(demo_db) -> list[dict]:
    result = in_subprocess("ls", "meetings", "--json", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def ids(listing) -> dict[str, int]:
    return {row["title"]: row["id"] for row in listing}


@pytest.fixture(scope="module")
def records(demo_db, ids) -> dict[str, dict]:
    return {title: show(demo_db, number) for title, number in ids.items()}


@pytest.fixture
def coordinator() -> Path:
    """The settings file the subprocess reads (isolated XDG_CONFIG_HOME, see tests/conftest.py)."""
    return save(Settings(**COORDINATOR))


def organizer_of(db: Path, record: dict):
    """The coordinator designated on the structure of the meeting's committee (the example's MSP
    has one, its hospital none)."""
    store = open_store(db)
    try:
        committee = next(s.committee for s in store.committees.all()
                         if s.committee.name == record["committee"])
        return store.structures.committee_coordinator(committee.id)
    finally:
        store.close()


def with_email(record: dict) -> list[dict]:
    return [invitee for invitee in record["invitees"] if invitee["email"]]


def without_email(record: dict) -> list[str]:
    return [invitee["name"] for invitee in record["invitees"] if not invitee["email"]]


def files(folder: Path, suffix: str) -> list[Path]:
    return sorted(folder.rglob(f"*{suffix}")) if folder.exists() else []


# ---- ls meetings -------------------------------------------------------------------------


def test_ls_meetings_json_has_the_demo_meetings_with_stable_keys(demo_db, listing, records):
    assert {row["title"]: row["status"] for row in listing} == {
        POLL: "poll", CONVENED: "convened", HELD: "held", SPRING: "held",
        **dict.fromkeys(("CDU — projet des usagers", "CDU — rapport annuel et recommandations",
                         "CDU — examen des plaintes et réclamations",
                         "CDU — qualité et sécurité des soins"), "held")}
    assert all(set(row) == SUMMARY_KEYS for row in listing)
    by_title = {row["title"]: row for row in listing}
    assert by_title[POLL]["starts_at"] is None
    for title in (CONVENED, HELD):
        assert datetime.fromisoformat(by_title[title]["starts_at"]).tzinfo is not None
    # A poll counts who voted; a convened meeting counts who answered the convocation.
    poll = records[POLL]
    voters = sum(1 for i in poll["invitees"] if any(poll_vote for poll_vote in i["votes"].values()))
    assert by_title[POLL]["answers"] == f"{voters}/{len(poll['invitees'])}"
    convened = records[CONVENED]
    replied = sum(1 for i in convened["invitees"] if i["reply"] != "NEEDS-ACTION")
    assert by_title[CONVENED]["answers"] == f"{replied}/{len(convened['invitees'])}"
    assert 0 < voters < len(poll["invitees"]) and 0 < replied < len(convened["invitees"])
    again = in_subprocess("ls", "meetings", "--json", "--db", str(demo_db))
    assert json.loads(again.stdout) == listing, "the same database gives the same output"


def test_ls_meetings_text_is_one_tab_separated_line_per_meeting(demo_db, listing):
    result = in_subprocess("ls", "meetings", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # The JSON's codes in words: « Sondage », « 22/12/2026 14:00 ».
    assert [line.split("\t") for line in lines] == [
        [str(row["id"]), row["uid"], row["title"], row["committee"],
         MeetingStatus(row["status"]).label,
         f"{datetime.fromisoformat(row['starts_at']):%d/%m/%Y %H:%M}" if row["starts_at"] else "",
         row["answers"]]
        for row in listing]


# ---- show meeting ------------------------------------------------------------------------


def test_show_poll_json_gives_slots_with_scores_and_every_vote_source(records):
    poll = records[POLL]
    assert set(poll) >= SUMMARY_KEYS | {"slots", "invitees", "sequence", "place", "agenda", "quorum"}
    assert [(r["attendee"], r["partstat"]) for r in poll["pending_replies"]] == [
        ("adresse.inconnue@example.net", "ACCEPTED")], "the example's reply from an unknown address"
    assert poll["status"] == "poll" and poll["quorum"] is None
    assert len(poll["slots"]) == 3
    invitees = poll["invitees"]
    for slot in poll["slots"]:
        assert set(slot) == SLOT_KEYS
        assert re.fullmatch(r"[0-9a-f-]{36}", slot["uid"]) and slot["uid"] != poll["uid"]
        assert (slot["sequence"], slot["status"]) == (0, "proposed")
        answers = [i["votes"][str(slot["id"])] for i in invitees]
        given = [a["answer"] for a in answers if a]
        # The scores agree with the votes listed beside them.
        assert (slot["yes"], slot["if_need_be"], slot["no"], slot["no_answer"]) == (
            given.count("yes"), given.count("if_need_be"), given.count("no"), answers.count(None))
        assert 0 <= slot["seats_covered"] <= slot["seats"]
        assert slot["quorum_reached"] is (slot["seats_covered"] >= slot["seats"] // 2 + 1)
    assert {slot["quorum_reached"] for slot in poll["slots"]} == {True, False}
    assert any(slot["required_missing"] for slot in poll["slots"])
    assert all(set(i) == INVITEE_KEYS for i in invitees)
    assert all(set(i["votes"]) == {str(s["id"]) for s in poll["slots"]} for i in invitees)
    votes = [vote for i in invitees for vote in i["votes"].values() if vote]
    assert {vote["source"] for vote in votes} == {"phone", "paper", "framadate", "calendar"}
    assert all(set(vote) == {"answer", "source", "entered_by", "entered_at", "to_ask_again"}
               and vote["entered_by"] for vote in votes)
    assert not any(vote["to_ask_again"] for vote in votes), "no slot of the example has moved"
    assert all(slot["to_ask_again"] == [] for slot in poll["slots"])
    assert {i["reply"] for i in invitees} == {"NEEDS-ACTION"}, "nobody was convened yet"
    assert without_email(poll), "the demo poll has someone to reach on paper"


def test_show_convened_json_speaks_with_the_chosen_slots_calendar_identity(records, listing):
    convened = records[CONVENED]
    slots = {slot["status"]: slot for slot in convened["slots"]}
    assert sorted(slots) == ["chosen", "released"]
    chosen = slots["chosen"]
    assert (convened["calendar_uid"], convened["sequence"]) == (chosen["uid"], chosen["sequence"])
    assert convened["uid"] == next(row["uid"] for row in listing
                                   if row["id"] == convened["id"]), "the same uid as ls meetings"
    assert chosen["sequence"] >= 1 and slots["released"]["sequence"] >= 1
    assert convened["starts_at"] == chosen["starts_at"]
    assert {i["reply"] for i in convened["invitees"]} == {
        "ACCEPTED", "DECLINED", "TENTATIVE", "NEEDS-ACTION"}


def test_show_finds_a_meeting_by_number_title_piece_meeting_uid_and_slot_uid(demo_db, listing, records):
    for row in listing:
        record = records[row["title"]]
        assert record["id"] == row["id"]
        assert show(demo_db, row["uid"]) == record, "the UID `ls meetings` gives"
        assert show(demo_db, record["slots"][-1]["uid"]) == record, "a slot's UID (calendar reply)"
    assert show(demo_db, "prochain")["id"] == records[POLL]["id"]
    assert show(demo_db, "TRIMESTRIELLE")["id"] == records[CONVENED]["id"]
    assert show(demo_db, "bilan de l’annee")["id"] == records[HELD]["id"]


def test_show_text_is_readable_french(demo_db, records):
    poll = records[POLL]
    result = in_subprocess("show", "meeting", str(poll["id"]), "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"{POLL} — {poll['committee']}\n")
    assert f"Statut : Sondage · réponses {poll['answers']} · n° {poll['id']}" in text
    for index, slot in enumerate(poll["slots"], start=1):
        when = datetime.fromisoformat(slot["starts_at"]).strftime("%d/%m/%Y %H:%M")
        assert f"Créneau {index} (proposé) : {when} · oui {slot['yes']}," in text
    assert "quorum atteint" in text
    for invitee in poll["invitees"]:
        assert f"  {invitee['name']} (" in text
    for french in ("Oui", "Non", "Si nécessaire", "Pas de réponse", "titulaire"):
        assert french in text
    for english in ("yes", "if_need_be", "proposed", "poll", "NEEDS-ACTION", "None"):
        assert english not in text
    convened = in_subprocess("show", "meeting", str(records[CONVENED]["id"]), "--db", str(demo_db)).stdout
    assert "Statut : Convoquée" in convened and "(retenu)" in convened and "(libéré)" in convened


def test_show_json_names_per_slot_who_is_to_ask_again_after_a_move(db, records):
    """A slot moved to another date: its answers stay under "votes", marked, and no longer
    count; the slot lists who must be asked again (invitee ids, as under "invitees")."""
    poll = records[POLL]
    slot = max(poll["slots"], key=lambda s: s["yes"] + s["if_need_be"] + s["no"])
    voters = [i["id"] for i in poll["invitees"] if i["votes"][str(slot["id"])]]
    assert voters
    store = open_store(db)
    try:
        start = datetime.fromisoformat(slot["starts_at"]).astimezone(ZoneInfo(poll["timezone"]))
        store.meetings.update_slot(slot["id"], start.replace(tzinfo=None) + timedelta(days=1),
                                   slot["place"] if slot["place"] != poll["place"] else "")
    finally:
        store.close()
    moved = show(db, poll["id"])
    after = next(s for s in moved["slots"] if s["id"] == slot["id"])
    assert set(after) == SLOT_KEYS
    assert after["to_ask_again"] == voters
    assert (after["yes"], after["if_need_be"], after["no"], after["seats_covered"]) == (0, 0, 0, 0)
    assert after["no_answer"] == len(moved["invitees"])
    kept = {i["id"]: i["votes"][str(slot["id"])] for i in moved["invitees"] if i["id"] in voters}
    assert all(vote["to_ask_again"] and vote["answer"] for vote in kept.values())
    assert all(s["to_ask_again"] == [] for s in moved["slots"] if s["id"] != slot["id"])
    text = in_subprocess("show", "meeting", str(poll["id"]), "--db", str(db)).stdout
    assert "à redemander (" in text and "pour l’ancienne date)" in text


@pytest.mark.parametrize(("meeting", "says"), [
    ("999999", "Aucune réunion n° 999999"),
    ("réunion introuvable", "Aucune réunion ne correspond à « réunion introuvable »"),
    ("comité des usagers", "Plusieurs réunions correspondent"),
    ("  ", "Indiquez le numéro de la réunion"),
])
def test_show_refuses_in_french_with_exit_2_and_nothing_on_stdout(demo_db, meeting, says):
    for args in ((), ("--json",)):
        result = in_subprocess("show", "meeting", meeting, *args, "--db", str(demo_db))
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""
        assert result.stderr.startswith("comite : ") and says in result.stderr
        assert "Traceback" not in result.stderr


def test_a_missing_database_is_refused_by_every_meeting_command_and_never_created(tmp_path, coordinator):
    missing = tmp_path / "faute-de-frappe" / "comite.sqlite"
    out = tmp_path / "sortie"
    for args in (("ls", "meetings"), ("show", "meeting", "1"), ("export", "invitations", "1", "--out",
                 str(out)), ("export", "convocations", "1", "--out", str(out / "c.pdf")),
                 ("sync", "--inbox", str(out), "--once")):
        result = in_subprocess(*args, "--db", str(missing))
        assert result.returncode == 2, (args, result.stderr)
        assert result.stdout == ""
        assert "n’existe pas (rien n’a été créé)" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "neither the database nor the outputs"


# ---- export invitations ------------------------------------------------------------------


def test_export_invitations_writes_eml_and_ics_and_names_who_has_no_email(db, tmp_path, records,
                                                                          coordinator):
    poll = records[POLL]
    out = tmp_path / "envoi"
    result = in_subprocess("export", "invitations", str(poll["id"]), "--out", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    emails, calendars = files(out, ".eml"), files(out, ".ics")
    expected = len(with_email(poll))  # one message per person, a tentative hold per date in it
    assert len(emails) == expected and len(calendars) == expected * len(poll["slots"])
    assert {f"{p.stem}-date-{n}.ics" for p in emails for n in range(1, len(poll["slots"]) + 1)} == {
        p.name for p in calendars}
    assert f"{expected} invitations écrites dans {emails[0].parent}" in result.stdout
    paper = [line for line in result.stdout.splitlines() if line.startswith("Sans e-mail")]
    assert paper == [f"Sans e-mail (convocation papier : « comite export convocations {poll['id']} ») : "
                     + ", ".join(without_email(poll))]
    recipients = set()
    organizer = organizer_of(db, poll)  # the MSP's coordinator, not the settings
    assert organizer.email and organizer.email != COORDINATOR["coordinator_email"]
    for path in emails:
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        recipients.add(message["To"].addresses[0].addr_spec)
        assert message["From"].addresses[0].addr_spec == organizer.email
    assert recipients == {i["email"] for i in with_email(poll)}
    slot_uids = {slot["uid"] for slot in poll["slots"]}
    assert {re.search(rb"^UID:(.+)\r$", p.read_bytes(), re.M)[1].decode() for p in calendars} == slot_uids
    after = show(db, poll["id"])
    assert after["to_resend"] == {"people": [], "removed": [], "written_before": True}
    assert after | {"to_resend": poll["to_resend"]} == poll, "writing changes no vote nor reply"


def test_show_names_who_is_to_resend_after_a_poll_date_moved(db, tmp_path, records, coordinator):
    """Written, then a date moved: every invitee with an e-mail is owed the new date, in the
    JSON and in the text, until the invitations are written again."""
    poll = records[POLL]
    assert poll["to_resend"] == {"people": [i["name"] for i in with_email(poll)], "removed": [],
                                 "written_before": False}
    out = tmp_path / "envoi"
    assert in_subprocess("export", "invitations", str(poll["id"]), "--out", str(out),
                         "--db", str(db)).returncode == 0
    slot = poll["slots"][0]
    store = open_store(db)
    try:
        start = datetime.fromisoformat(slot["starts_at"]).astimezone(ZoneInfo(poll["timezone"]))
        store.meetings.update_slot(slot["id"], start.replace(tzinfo=None) + timedelta(days=1))
    finally:
        store.close()
    moved = show(db, poll["id"])["to_resend"]
    assert moved == {"people": [i["name"] for i in with_email(poll)], "removed": [],
                     "written_before": True}
    text = in_subprocess("show", "meeting", str(poll["id"]), "--db", str(db)).stdout
    owed = count(len(moved["people"]), "invitation", "invitations")
    assert f"{owed} à renvoyer : {moved['people'][0]}" in text
    assert in_subprocess("export", "invitations", str(poll["id"]), "--out", str(out),
                         "--db", str(db)).returncode == 0
    assert show(db, poll["id"])["to_resend"]["people"] == []


def test_export_invitations_without_a_coordinator_email_says_where_to_set_it(db, tmp_path, records):
    """The hospital designates nobody: the settings' e-mail is the organizer's, and it is empty."""
    save(Settings(coordinator_name=COORDINATOR["coordinator_name"]))
    out = tmp_path / "envoi"
    assert organizer_of(db, records[CONVENED]) is None
    result = in_subprocess("export", "invitations", str(records[CONVENED]["id"]), "--out", str(out),
                           "--db", str(db))
    assert result.returncode == 2
    assert "adresse e-mail de coordination" in result.stderr and "(F2)" in result.stderr
    assert result.stdout == "" and files(out, ".eml") == []


def test_export_invitations_of_the_held_meeting_has_nothing_to_send(db, tmp_path, records, coordinator):
    out = tmp_path / "envoi"
    result = in_subprocess("export", "invitations", str(records[HELD]["id"]), "--out", str(out),
                           "--db", str(db))
    assert result.returncode == 2
    assert "Rien à envoyer" in result.stderr and "eu lieu" in result.stderr
    assert result.stdout == "" and files(out, ".eml") == []


def test_send_without_a_server_keeps_the_messages_and_fails_in_french(db, tmp_path, records, coordinator):
    poll = records[POLL]
    out = tmp_path / "envoi"
    result = in_subprocess("export", "invitations", str(poll["id"]), "--out", str(out), "--send",
                           "--db", str(db))
    assert result.returncode == 1
    assert ("Aucun serveur d’envoi n’est réglé (F2 dans l’application) : les messages attendent "
            "dans la boîte d’envoi.") in result.stderr
    assert len(files(out, ".eml")) == len(with_email(poll))


class Mailbox:
    def __init__(self) -> None:
        self.received = []
        self.authenticated = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(envelope)
        self.authenticated.append(session.authenticated)
        return "250 Message accepted"


def authenticator(server, session, envelope, mechanism, auth_data):
    good = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        SMTP_USER.encode(), SMTP_SECRET.encode())
    return AuthResult(success=good, handled=False)


@pytest.fixture
def smtp_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, authenticator=authenticator,
                            auth_require_tls=False)
    controller.start()
    yield controller, mailbox
    controller.stop()


def test_send_through_a_real_smtp_server_delivers_every_message(db, tmp_path, records, smtp_server):
    controller, mailbox = smtp_server
    save(Settings(**COORDINATOR, smtp_host=controller.hostname, smtp_port=str(controller.port),
                  smtp_user=SMTP_USER, smtp_security="none"))
    poll = records[POLL]
    out = tmp_path / "envoi"
    result = in_subprocess("export", "invitations", str(poll["id"]), "--out", str(out), "--send",
                           "--db", str(db), env={"COMITE_SMTP_PASSWORD": SMTP_SECRET})
    assert result.returncode == 0, result.stderr
    total = len(files(out, ".eml"))
    assert total == len(with_email(poll)), "one message per person for the whole poll"
    assert f"{total} messages envoyés sur {total}." in result.stdout
    assert len(mailbox.received) == total and mailbox.authenticated == [True] * total
    assert {rcpt for envelope in mailbox.received for rcpt in envelope.rcpt_tos} == {
        i["email"] for i in with_email(poll)}
    assert all(envelope.mail_from == COORDINATOR["coordinator_email"] for envelope in mailbox.received)
    assert not any(b"X-Unsent" in envelope.content for envelope in mailbox.received)
    assert SMTP_SECRET not in result.stdout + result.stderr
    after = show(db, poll["id"])
    assert after["to_resend"]["people"] == [], "sent: written for the present state"
    assert after | {"to_resend": poll["to_resend"]} == poll, "readable, unchanged in substance"


# ---- export convocations -----------------------------------------------------------------


def test_convocations_of_the_poll_are_a_pdf_with_a_reply_slip(demo_db, tmp_path, records, coordinator):
    poll = records[POLL]
    target = tmp_path / "convocations.pdf"
    result = in_subprocess("export", "convocations", str(poll["id"]), "--out", str(target),
                           "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Convocations à imprimer : {target}"
    assert target.read_bytes().startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "Coupon-réponse" in text
    assert without_email(poll) and all(name in text for name in without_email(poll))
    organizer = organizer_of(demo_db, poll)  # the MSP's coordinator signs, with their number
    assert organizer.name in text and organizer.phone in text
    assert COORDINATOR["coordinator_name"] not in text


def test_convocations_of_a_convened_meeting_give_the_date_chosen(demo_db, tmp_path, records,
                                                                coordinator):
    convened = records[CONVENED]
    target = tmp_path / "convocations.pdf"
    result = in_subprocess("export", "convocations", str(convened["id"]), "--out", str(target),
                           "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    text = "".join(page.extract_text() for page in pypdf.PdfReader(target).pages)
    assert "La date retenue est" in text and "Je viendrai" in text
    assert without_email(convened) and all(name in text for name in without_email(convened))
    assert COORDINATOR["coordinator_name"] in text  # the hospital designates nobody: the settings


def test_convocations_of_a_held_meeting_are_refused_with_the_reason(demo_db, tmp_path, records):
    target = tmp_path / "convocations.pdf"
    result = in_subprocess("export", "convocations", str(records[HELD]["id"]), "--out", str(target),
                           "--db", str(demo_db))
    assert result.returncode == 2
    assert "a déjà eu lieu" in result.stderr
    assert result.stdout == "" and not target.exists()


# ---- sync --------------------------------------------------------------------------------


def test_sync_once_applies_a_calendar_reply_to_a_poll_slot(db, tmp_path, records):
    poll = records[POLL]
    slot = poll["slots"][0]
    invitee = next(i for i in with_email(poll) if i["votes"][str(slot["id"])] is None)
    inbox = tmp_path / "boite"
    inbox.mkdir()
    (inbox / "reponse.ics").write_bytes(reply_bytes(
        "gmail-tentative-comment.ics", slot["uid"], invitee["email"], slot["sequence"]))
    result = in_subprocess("sync", "--inbox", str(inbox), "--once", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("reponse.ics : traité — ")
    assert invitee["name"] in result.stdout
    assert (inbox / "processed" / "reponse.ics").is_file() and not (inbox / "reponse.ics").exists()
    after = show(db, poll["id"])
    vote = next(i for i in after["invitees"] if i["id"] == invitee["id"])["votes"][str(slot["id"])]
    assert (vote["answer"], vote["source"]) == ("if_need_be", "calendar")
    assert after["slots"][0]["if_need_be"] == slot["if_need_be"] + 1
    voted, total = map(int, poll["answers"].split("/"))
    assert after["answers"] == f"{voted + 1}/{total}"


def test_sync_once_quarantines_a_hostile_file_and_changes_nothing(db, tmp_path, records, listing):
    poll = records[POLL]
    inbox = tmp_path / "boite"
    inbox.mkdir()
    (inbox / "truncated.ics").write_bytes(reply_bytes(
        "truncated.ics", poll["slots"][0]["uid"], with_email(poll)[0]["email"], folder=HOSTILE))
    result = in_subprocess("sync", "--inbox", str(inbox), "--once", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("truncated.ics : mis de côté — ")
    why = inbox / "quarantine" / "truncated.ics.why.txt"
    assert why.is_file() and "Pourquoi :" in why.read_text(encoding="utf-8")
    assert (inbox / "quarantine" / "truncated.ics").is_file() and not (inbox / "truncated.ics").exists()
    assert files(inbox / "processed", ".ics") == []
    assert show(db, poll["id"]) == poll
    assert json.loads(in_subprocess("ls", "meetings", "--json", "--db", str(db)).stdout) == listing


def test_sending_again_after_one_more_invitee_reaches_only_them(db, tmp_path, records, smtp_server):
    """Nobody receives the same message twice: after someone is invited late, « --send »
    sends their message alone; the others, sent and unchanged, are rewritten but not sent."""
    from comite.store import PersonInput

    controller, mailbox = smtp_server
    save(Settings(**COORDINATOR, smtp_host=controller.hostname, smtp_port=str(controller.port),
                  smtp_user=SMTP_USER, smtp_security="none"))
    poll = records[POLL]
    out = tmp_path / "envoi"
    args = ("export", "invitations", str(poll["id"]), "--out", str(out), "--send", "--db", str(db))
    secret = {"COMITE_SMTP_PASSWORD": SMTP_SECRET}
    assert in_subprocess(*args, env=secret).returncode == 0
    first = len(mailbox.received)
    assert first == len(with_email(poll))
    again = in_subprocess(*args, env=secret)
    assert again.returncode == 0, again.stderr
    assert "Rien de nouveau à envoyer" in again.stdout and len(mailbox.received) == first
    store = open_store(db)
    try:
        late = store.people.create(PersonInput(last_name="Tardif", first_name="Noé",
                                               email="noe.tardif@example.org"))
        store.meetings.invite(poll["id"], late.id)
    finally:
        store.close()
    third = in_subprocess(*args, env=secret)
    assert third.returncode == 0, third.stderr
    assert f"{first} messages déjà envoyés et inchangés : pas renvoyés." in third.stdout
    assert "1 message envoyé sur 1." in third.stdout
    assert [e.rcpt_tos for e in mailbox.received[first:]] == [["noe.tardif@example.org"]]
    assert show(db, poll["id"])["to_resend"]["people"] == []
