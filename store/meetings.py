"""Meetings: draft → sondage → convoquée → tenue (or annulée), their slots, invitees and votes.

Calendar identity: each proposed slot goes out as a tentative hold with its own UID; choosing
a slot confirms that hold (same UID, SEQUENCE + 1) and releases the others (SEQUENCE + 1, to
be cancelled). From then on the chosen slot's UID is the meeting's in every calendar.
A draft may also be convened directly on one of its slots, without a poll: the same
convocation goes out, and its other slots, never sent, are deleted (`convening.py`).

An answer records the SEQUENCE of the slot it answered. When a slot's date or time moves
(`update_slot` in a poll, `reschedule` once convened), its answers are kept but no longer
count: they are « à redemander » (`votes.to_ask_again`) until the person answers again; any
new answer clears the mark. A new place, link or duration (or time zone: the instant is kept)
bumps the SEQUENCE for the calendars but leaves the date as it was: the answers still hold.
"""

import re
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar

from comite.kernel import clock
from comite.kernel.clock import new_uid, utc_now_iso
from comite.kernel.grammar import likely_article
from comite.kernel.i18n import _
from comite.kernel.zones import DEFAULT_ZONE, ends, from_utc_iso, local, to_utc, utc_iso, zone
from comite.store import convening
from comite.store import validation as check
from comite.store.agenda_rows import follow_held_meeting, seed_agenda
from comite.store.attendance import quorum
from comite.store.attendees import read_attendees
from comite.store.audit import record
from comite.store.committee_models import Function
from comite.store.errors import NeedsConfirmation, NotFound, Refused, ValidationError
from comite.store.fragments import SUBSTITUTE_FOR_NAME, SUBSTITUTE_FOR_SEX
from comite.store.meeting_models import (
    PARTSTAT_ANSWERS,
    Answer,
    AnswerSource,
    Cancellation,
    InvitationRecord,
    Invitee,
    InviteeSeat,
    Meeting,
    MeetingDetail,
    MeetingStatus,
    PartStat,
    PendingReply,
    ReplyOutcome,
    ReplyResult,
    Slot,
    SlotScore,
    SlotStatus,
    Vote,
)
from comite.store.scoring import score_meeting
from comite.store.seating import invitee_place, seat_at_table, seating_order
from comite.store.sending import Unsent, unsent
from comite.store.service import Service, changed_fields
from comite.store.validation import fold

T = TypeVar("T")


_SELECT = """
    SELECT m.*, c.name AS committee_name, c.article AS committee_article, c.substitute_rule,
        st.name AS structure_name, st.article AS structure_article,
        st.address AS structure_address, st.city AS structure_city,
        st.access_notes AS structure_access_notes,
        (SELECT s.starts_at FROM slots s WHERE s.meeting_id = m.id AND s.status = 'chosen')
            AS chosen_start,
        (SELECT count(*) FROM invitees i WHERE i.meeting_id = m.id) AS invitee_count,
        CASE WHEN m.status = 'poll' THEN
            (SELECT count(DISTINCT v.invitee_id) FROM votes v JOIN invitees i ON i.id = v.invitee_id
             WHERE i.meeting_id = m.id AND NOT v.to_ask_again)
        ELSE (SELECT count(*) FROM invitees i WHERE i.meeting_id = m.id
              AND i.partstat != 'NEEDS-ACTION') END AS answered
    FROM meetings m JOIN committees c ON c.id = m.committee_id
        JOIN structures st ON st.id = c.structure_id
"""
_INVITEES = f"""
    SELECT i.*, trim(p.first_name || ' ' || p.last_name) AS name, p.email, p.phone, p.sort_key,
        p.sex, {SUBSTITUTE_FOR_NAME}, {SUBSTITUTE_FOR_SEX}
    FROM invitees i JOIN people p ON p.id = i.person_id
    WHERE i.meeting_id = ?
    ORDER BY NOT i.required, p.sort_key, i.id
"""
# The dates an invitee holds in their calendar: each UID whose latest message written to them
# was a REQUEST, with the SEQUENCE a CANCEL must exceed (theirs, or the slot's if bumped since).
_HELD_BY = """
    SELECT v.uid, max(v.sequence, s.sequence) AS sequence
    FROM invitations v JOIN slots s ON s.uid = v.uid AND s.meeting_id = v.meeting_id
    WHERE v.id IN (SELECT max(id) FROM invitations WHERE invitee_id = ? GROUP BY uid)
        AND v.method = 'REQUEST'
    ORDER BY s.starts_at
"""
_OPEN = (MeetingStatus.DRAFT, MeetingStatus.POLL)
_FIELDS = ("title", "place", "video_url", "duration_minutes", "timezone", "description", "quorum",
           "reply_by", "address", "access_notes", "dial_in")
# What a calendar shows (its place, link, phone line, hours): a change goes out as a new version.
_SIGNIFICANT = ("place", "video_url", "duration_minutes", "timezone", "address", "dial_in")
# A dial-in is a number to call, and maybe a code to type after it: digits and the signs a
# phone's keypad or a number's layout uses, nothing a reader would have to work out.
_DIAL_IN = re.compile(r"^[0-9 +().#*,;/-]+$")


@dataclass(frozen=True, slots=True)
class MeetingInput:
    title: str
    place: str = ""
    video_url: str = ""
    duration_minutes: int | str = 120
    timezone: str = DEFAULT_ZONE
    description: str = ""
    quorum: int | str | None = None
    reply_by: str = ""  # JJ/MM/AAAA or AAAA-MM-JJ; "" for the default the poll sets
    address: str = ""
    access_notes: str = ""
    dial_in: str = ""

    def validated(self) -> dict[str, object]:
        def duration() -> int:
            try:
                minutes = int(str(self.duration_minutes).strip())
            except ValueError:
                minutes = 0
            if not 5 <= minutes <= 1440:
                raise check.FieldError("duration_minutes", _(
                    "Indiquez une durée en minutes, entre 5 et 1440 (par exemple 120)."))
            return minutes

        def timezone() -> str:
            name = self.timezone.strip() or DEFAULT_ZONE
            zone(name)
            return name

        def quorum() -> int | None:
            text = "" if self.quorum is None else str(self.quorum).strip()
            if not text:
                return None
            # isdigit() alone lets "²" through to int(); the bound keeps SQLite's INTEGER range.
            if not (text.isdecimal() and len(text) <= 4):
                raise check.FieldError("quorum", _(
                    "Le quorum est un nombre de sièges (laissez vide : la majorité des sièges)."))
            return int(text)

        def video_url() -> str:
            url = check.optional_text("video_url", self.video_url, limit=500)
            # No space nor line break: the link goes into e-mail and calendar lines as it is.
            if url and (not url.lower().startswith(("https://", "http://"))
                        or any(ch.isspace() or not ch.isprintable() for ch in url)):
                raise check.FieldError("video_url", _(
                    "Le lien de visio commence par https:// et ne contient pas d’espace "
                    "(exemple : https://visio.example.org/comite)."))
            return url

        def reply_by() -> str:
            day = check.parse_date("reply_by", self.reply_by)
            return day.isoformat() if day else ""

        def address() -> str:
            lines = [line.strip() for line in check.optional_text(
                "address", self.address, limit=300).splitlines() if line.strip()]
            if len(lines) > 4:
                raise check.FieldError("address", _("L’adresse tient en quatre lignes au plus."))
            return "\n".join(lines)

        def dial_in() -> str:
            number = check.optional_text("dial_in", self.dial_in, limit=80)
            if number and (not _DIAL_IN.match(number)
                           or sum(ch.isdigit() for ch in number) < 8):
                raise check.FieldError("dial_in", _(
                    "Écrivez le numéro à appeler en chiffres, et s’il y en a un le code à taper "
                    "après, sans lettres (exemple : 01 86 99 00 00 ; 123456#)."))
            return number

        (title, place, url, minutes, tz, description, seats, reply, where, access,
         number) = check.collect(
            lambda: check.required("title", self.title, _("Le titre")),
            lambda: check.optional_text("place", self.place, limit=300),
            video_url, duration, timezone,
            lambda: check.optional_text("description", self.description, limit=10_000,
                                              prose=True),
            quorum, reply_by, address,
            lambda: check.optional_text("access_notes", self.access_notes, limit=500,
                                        prose=True),
            dial_in,
        )
        return {"title": title, "place": place, "video_url": url, "duration_minutes": minutes,
                "timezone": tz, "description": description, "quorum": seats,
                "reply_by": reply, "address": where, "access_notes": access, "dial_in": number}


def _meeting(row: sqlite3.Row) -> Meeting:
    tz = row["timezone"]
    return Meeting(
        id=row["id"], uid=row["uid"], committee_id=row["committee_id"],
        committee_name=row["committee_name"], title=row["title"],
        status=MeetingStatus(row["status"]), place=row["place"], video_url=row["video_url"],
        duration_minutes=row["duration_minutes"], timezone=tz, description=row["description"],
        quorum=row["quorum"],
        starts_at=from_utc_iso(row["chosen_start"], tz) if row["chosen_start"] else None,
        invitees=row["invitee_count"], answered=row["answered"],
        reply_by=date.fromisoformat(row["reply_by"]) if row["reply_by"] else None,
        address=row["address"], access_notes=row["access_notes"], dial_in=row["dial_in"],
        committee_article=row["committee_article"] or likely_article(row["committee_name"]),
        substitute_rule=row["substitute_rule"], structure_name=row["structure_name"],
        structure_article=row["structure_article"] or likely_article(row["structure_name"]),
        structure_address=row["structure_address"], structure_city=row["structure_city"],
        structure_access_notes=row["structure_access_notes"],
    )


def _slot(row: sqlite3.Row, tz: str, minutes: int) -> Slot:
    start = from_utc_iso(row["starts_at"], tz)
    return Slot(
        id=row["id"], uid=row["uid"], meeting_id=row["meeting_id"], starts_at=start,
        ends_at=ends(start, minutes), place=row["place"], sequence=row["sequence"],
        status=SlotStatus(row["status"]),
    )


def _invitee(row: sqlite3.Row) -> Invitee:
    return Invitee(
        id=row["id"], person_id=row["person_id"], name=row["name"], email=row["email"],
        phone=row["phone"], seat=InviteeSeat(row["seat"]), seat_key=row["seat_key"],
        substitute_for_name=row["substitute_for_name"], required=bool(row["required"]),
        partstat=PartStat(row["partstat"]), comment=row["comment"],
        sex=row["sex"], substitute_for_sex=row["substitute_for_sex"],
    )


def _vote(row: sqlite3.Row) -> Vote:
    return Vote(
        invitee_id=row["invitee_id"], slot_id=row["slot_id"], answer=Answer(row["answer"]),
        source=AnswerSource(row["source"]), entered_by=row["entered_by"],
        entered_at=row["entered_at"], comment=row["comment"], to_ask_again=bool(row["to_ask_again"]),
    )


def _first_day(conn: sqlite3.Connection, meeting_id: int) -> date | None:
    """The day of the meeting's first date still open to answers (proposed or chosen), in its
    own zone."""
    row = conn.execute("SELECT min(s.starts_at) AS first, m.timezone FROM slots s JOIN meetings m "
                       "ON m.id = s.meeting_id WHERE s.meeting_id = ? AND s.status != 'released'",
                       (meeting_id,)).fetchone()
    return from_utc_iso(row["first"], row["timezone"]).date() if row["first"] else None


def _check_reply_by(conn: sqlite3.Connection, meeting_id: int, day: date) -> None:
    """A reply-by date typed by hand: not past, and not after the first date it asks about."""
    if day < clock.today():
        raise ValidationError({"reply_by": _(
            "Cette date est passée : choisissez aujourd’hui ou un jour à venir.")})
    first = _first_day(conn, meeting_id)
    if first is not None and day > first:
        raise ValidationError({"reply_by": _(
            "La date limite de réponse doit tomber avant la première date proposée ({day}).")
            .format(day=first.strftime("%d/%m/%Y"))})


def _set_reply_by(conn: sqlite3.Connection, meeting_id: int) -> None:
    """When the poll opens without a reply-by date (or with one gone by): a week before its
    first date, so that a letter has time to come back; never in the past."""
    current = conn.execute("SELECT reply_by FROM meetings WHERE id = ?", (meeting_id,)).fetchone()[0]
    today = clock.today()
    if current and date.fromisoformat(current) >= today:
        return
    first = _first_day(conn, meeting_id)
    if first is None:
        return
    day = min(max(first - timedelta(days=7), today), first)
    conn.execute("UPDATE meetings SET reply_by = ? WHERE id = ?", (day.isoformat(), meeting_id))


def _ask_again(conn: sqlite3.Connection, slot_id: int) -> None:
    """The slot's date or time moved: the answers it has were given for another date. Kept
    (history), marked « à redemander »."""
    conn.execute("UPDATE votes SET to_ask_again = 1 WHERE slot_id = ?", (slot_id,))


def _wall_clock(start: datetime, tz: str) -> str:
    """The local time as the coordinator typed it, whatever form the datetime was given in."""
    return local(start, tz).replace(tzinfo=None).isoformat(timespec="minutes")


def _address(attendee: str) -> str:
    """An ATTENDEE's bare address for comparison: the "mailto:" scheme is case-insensitive."""
    address = attendee.strip()
    if address[:7].casefold() == "mailto:":
        address = address[7:]
    return address.strip().casefold()[:320]


def _stamp(instant: datetime | None) -> str:
    return utc_iso(instant) if instant is not None else utc_now_iso()


class MeetingService(Service):
    # ---- reading -----------------------------------------------------------------------

    def get(self, meeting_id: int) -> Meeting:
        row = self._db.connection().execute(_SELECT + " WHERE m.id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette réunion n’existe plus."))
        return _meeting(row)

    def detail(self, meeting_id: int) -> MeetingDetail:
        conn = self._db.connection()
        meeting = self.get(meeting_id)
        slots = tuple(
            _slot(row, meeting.timezone, meeting.duration_minutes) for row in conn.execute(
                "SELECT * FROM slots WHERE meeting_id = ? ORDER BY starts_at, id", (meeting_id,)))
        invitees = tuple(seating_order(
            (_invitee(row) for row in conn.execute(_INVITEES, (meeting_id,))), invitee_place))
        votes = tuple(_vote(row) for row in conn.execute(
            "SELECT v.* FROM votes v JOIN slots s ON s.id = v.slot_id WHERE s.meeting_id = ?",
            (meeting_id,)))
        agenda = tuple(row["title"] for row in conn.execute(
            "SELECT title FROM agenda_items WHERE meeting_id = ? ORDER BY position, id",
            (meeting_id,)))
        return MeetingDetail(meeting=meeting, slots=slots, invitees=invitees, votes=votes,
                             agenda=agenda)

    def all(
        self, committee_id: int | None = None, statuses: tuple[MeetingStatus, ...] = (),
        limit: int = 500,
    ) -> list[Meeting]:
        """Meetings to come first (by date; polls and drafts by creation), then past ones."""
        where, params = ["1"], []
        if committee_id is not None:
            where.append("m.committee_id = ?")
            params.append(committee_id)
        if statuses:
            where.append(f"m.status IN ({', '.join('?' * len(statuses))})")
            params.extend(status.value for status in statuses)
        rows = self._db.connection().execute(
            f"SELECT * FROM ({_SELECT} WHERE {' AND '.join(where)}) ORDER BY "
            "status IN ('held', 'cancelled'), "
            "CASE WHEN status IN ('held', 'cancelled') THEN -julianday(coalesce(chosen_start, "
            "updated_at)) ELSE julianday(coalesce(chosen_start, created_at)) END, id LIMIT ?",
            (*params, limit),
        )
        return [_meeting(row) for row in rows]

    def knows_uid(self, uid: str) -> bool:
        """The calendar UID is one comite sent (a meeting's slot): a reply to it is this base's."""
        return self._db.connection().execute(
            "SELECT 1 FROM slots WHERE uid = ?", (uid.strip(),)).fetchone() is not None

    def resolve(self, text: str) -> Meeting:
        """A meeting named on a command line: its number, its UID or a piece of its title."""
        text = text.strip()
        if not text:  # would match every title
            raise Refused(_("Indiquez le numéro de la réunion ou un mot de son titre "
                            "(voir « comite ls meetings »)."))
        conn = self._db.connection()
        if text.isdigit():
            if conn.execute("SELECT 1 FROM meetings WHERE id = ?", (int(text),)).fetchone() is None:
                raise NotFound(_("Aucune réunion n° {n} (voir « comite ls meetings »).").format(
                    n=text[:12]))
            return self.get(int(text))
        row = conn.execute("SELECT id FROM meetings WHERE uid = ?", (text,)).fetchone()
        row = row or conn.execute(
            "SELECT meeting_id AS id FROM slots WHERE uid = ?", (text,)).fetchone()
        if row:
            return self.get(row["id"])
        pattern = "%" + fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        matches = conn.execute(
            "SELECT id, fold(title) = ? AS whole FROM meetings WHERE fold(title) LIKE ? ESCAPE '\\' "
            "ORDER BY whole DESC, id LIMIT 6", (fold(text), pattern)).fetchall()
        # A title given whole wins over the longer titles it is a piece of ("Comité").
        found = [row for row in matches if row["whole"]] or matches
        if not found:
            raise NotFound(_("Aucune réunion ne correspond à « {text} » "
                             "(voir « comite ls meetings »).").format(text=text[:60]))
        if len(found) > 1:
            raise Refused(_("Plusieurs réunions correspondent à « {text} » : donnez son numéro "
                            "(voir « comite ls meetings »).").format(text=text[:60]))
        return self.get(found[0]["id"])

    def grid(self, meeting_id: int) -> tuple[MeetingDetail, list[SlotScore]]:
        """The detail and one score per slot, as the choice grid shows them. Once the meeting
        is held, its slot's seats, quorum and missing required people are the séance's (who
        was checked in), as the séance and the minutes count them: no longer who said they
        could come."""
        detail = self.detail(meeting_id)
        scores = score_meeting(detail)
        if detail.meeting.status is not MeetingStatus.HELD:
            return detail, scores
        attendees = read_attendees(self._db.connection(), meeting_id)
        held = quorum(attendees, detail.meeting.quorum)
        # As when choosing: a required titulaire's seat held by their suppléant(e) is there.
        seats = {a.seat_key for a in attendees if a.present and a.seat_key is not None}
        present = {a.invitee_id for a in attendees if a.present}
        missing = tuple(i.name for i in detail.invitees if i.required and not (
            i.seat_key in seats if i.seat_key is not None else i.id in present))
        return detail, [
            replace(score, seats_covered=held.covered, seats=held.seats, quorum_needed=held.needed,
                    required_missing=missing, required_refused=())
            if score.slot.status is SlotStatus.CHOSEN else score for score in scores]

    # ---- the meeting itself -------------------------------------------------------------

    def create(self, committee_id: int, meeting: MeetingInput) -> Meeting:
        """A draft meeting; every member of the committee is invited (suppléants included)."""
        values = meeting.validated()
        now = utc_now_iso()
        with self._db.write() as conn:
            committee = conn.execute(
                "SELECT archived_at FROM committees WHERE id = ?", (committee_id,)).fetchone()
            if committee is None:
                raise NotFound(_("Ce comité n’existe plus."))
            if committee["archived_at"] is not None:
                raise Refused(_("Ce comité est archivé : réactivez-le avant de le réunir."))
            cursor = conn.execute(
                "INSERT INTO meetings (uid, committee_id, created_at, updated_at, "
                + ", ".join(_FIELDS) + ") VALUES (?, ?, ?, ?" + ", ?" * len(_FIELDS) + ")",
                (new_uid(), committee_id, now, now, *(values[name] for name in _FIELDS)),
            )
            meeting_id = cursor.lastrowid
            # A mandate that has ended is no seat any more: its holder is not invited.
            for member in conn.execute(
                "SELECT * FROM memberships WHERE committee_id = ? AND (mandate_end IS NULL "
                "OR mandate_end >= ?)", (committee_id, clock.today().isoformat())
            ).fetchall():
                seat, key = seat_at_table(member["id"], member["seat"], member["function"],
                                          member["substitute_for"])
                conn.execute(
                    "INSERT INTO invitees (meeting_id, person_id, seat, seat_key, required,"
                    " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (meeting_id, member["person_id"], seat, key,
                     int(member["function"] == Function.PRESIDENT), now),
                )
            seed_agenda(conn, meeting_id, committee_id)
            record(conn, self._actor, "create", "meeting", meeting_id, values)
        return self.get(meeting_id)

    def update(self, meeting_id: int, meeting: MeetingInput) -> Meeting:
        """Place, link or duration changed after the convocation: SEQUENCE + 1 and everyone is
        asked again (their earlier acceptance was for another meeting)."""
        values = meeting.validated()
        with self._db.write() as conn:
            before = self._require(conn, meeting_id, {
                MeetingStatus.DRAFT, MeetingStatus.POLL, MeetingStatus.CONVENED})
            if not values["reply_by"] and before["status"] != MeetingStatus.DRAFT:
                # A poll keeps a deadline (and a convened meeting the one its poll had): left
                # empty, the one it has stays.
                values["reply_by"] = before["reply_by"]
            changed = changed_fields({name: before[name] for name in _FIELDS}, values)
            if not changed:
                return self.get(meeting_id)
            if "reply_by" in changed and values["reply_by"]:
                _check_reply_by(conn, meeting_id, date.fromisoformat(str(values["reply_by"])))
            conn.execute(
                "UPDATE meetings SET updated_at = ?, " + ", ".join(f"{n} = ?" for n in _FIELDS)
                + " WHERE id = ?",
                (utc_now_iso(), *(values[name] for name in _FIELDS), meeting_id),
            )
            # Place, link, duration or zone: the same day and hour, so the poll's answers stand
            # (nothing « à redemander »); only the calendars get the new version.
            if set(changed) & set(_SIGNIFICANT):
                if before["status"] == MeetingStatus.CONVENED:
                    self._significant_change(conn, meeting_id)
                elif before["status"] == MeetingStatus.POLL:
                    conn.execute("UPDATE slots SET sequence = sequence + 1 WHERE meeting_id = ?"
                                 " AND status = 'proposed'", (meeting_id,))
            record(conn, self._actor, "update", "meeting", meeting_id, changed)
        return self.get(meeting_id)

    def delete(self, meeting_id: int) -> None:
        """Only a draft goes away: anything sent must be cancelled instead."""
        with self._db.write() as conn:
            self._require(conn, meeting_id, {MeetingStatus.DRAFT})
            conn.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))
            record(conn, self._actor, "delete", "meeting", meeting_id)

    def open_poll(self, meeting_id: int) -> Meeting:
        with self._db.write() as conn:
            self._require(conn, meeting_id, {MeetingStatus.DRAFT})
            slots = conn.execute(
                "SELECT count(*) FROM slots WHERE meeting_id = ?", (meeting_id,)).fetchone()[0]
            people = conn.execute(
                "SELECT count(*) FROM invitees WHERE meeting_id = ?", (meeting_id,)).fetchone()[0]
            if slots < 1:
                raise Refused(_("Proposez au moins un créneau avant d’ouvrir le sondage."))
            if people < 1:
                raise Refused(_("Invitez au moins une personne avant d’ouvrir le sondage."))
            self._set_status(conn, meeting_id, MeetingStatus.POLL)
            _set_reply_by(conn, meeting_id)
        return self.get(meeting_id)

    def choose_slot(self, slot_id: int, confirmed: bool = False, now: datetime | None = None) -> Meeting:
        """Convene the meeting of this slot on it (see `convene`)."""
        meeting_id = self._slot_row(self._db.connection(), slot_id)["meeting_id"]
        return self.convene(meeting_id, slot_id, confirmed=confirmed, now=now)

    def convene_refusal(self, meeting_id: int, slot_id: int, now: datetime | None = None) -> str | None:
        """Why `convene` would refuse this slot (French), or None: asked before the question."""
        conn = self._db.connection()
        try:
            return self._convene_refusal(conn, meeting_id, slot_id, now)
        except Refused as error:  # NotFound included: the meeting or the slot has gone
            return error.message

    def convene(
        self, meeting_id: int, slot_id: int, *, confirmed: bool = False, now: datetime | None = None,
    ) -> Meeting:
        """Convene the meeting on this slot, after a poll or straight from the draft (rules in
        `convening.py`). The slot is confirmed (SEQUENCE + 1: the convocation is the same
        message whichever way it came); after a poll the other slots are released (their
        cancellation goes out), in a draft they went to nobody and are deleted. A required
        member who said no in the poll must be confirmed."""
        with self._db.write() as conn:
            why = self._convene_refusal(conn, meeting_id, slot_id, now)
            if why is not None:
                raise Refused(why)
            meeting = conn.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
            slot = self._slot_row(conn, slot_id)
            status = MeetingStatus(meeting["status"])
            if status is MeetingStatus.POLL and not confirmed:
                detail = self.detail(meeting_id)
                score = next(s for s in score_meeting(detail) if s.slot.id == slot_id)
                if len(score.required_refused) == 1:
                    raise NeedsConfirmation(_(
                        "Sur ce créneau, {names} a répondu non et son siège n’est pas couvert. "
                        "Retenir quand même ce créneau ?").format(names=score.required_refused[0]))
                if score.required_refused:
                    raise NeedsConfirmation(_(
                        "Sur ce créneau, {names} ont répondu non et personne ne les remplace. "
                        "Retenir quand même ce créneau ?").format(
                            names=" et ".join((", ".join(score.required_refused[:-1]),
                                               score.required_refused[-1]))))
            conn.execute("UPDATE slots SET status = 'chosen', sequence = sequence + 1, updated_at = ?"
                         " WHERE id = ?", (utc_now_iso(), slot_id))
            others = [row["id"] for row in conn.execute(
                "SELECT id FROM slots WHERE meeting_id = ? AND id != ? AND status = 'proposed'",
                (meeting_id, slot_id))]
            if convening.releases_others(status):
                conn.execute("UPDATE slots SET status = 'released', sequence = sequence + 1, "
                             "updated_at = ? WHERE meeting_id = ? AND id != ? AND status = 'proposed'",
                             (utc_now_iso(), meeting_id, slot_id))
            else:
                conn.executemany("DELETE FROM slots WHERE id = ?", [(other,) for other in others])
                for other in others:
                    record(conn, self._actor, "delete", "slot", other)
            if slot["place"] and slot["place"] != meeting["place"]:
                conn.execute("UPDATE meetings SET place = ? WHERE id = ?", (slot["place"], meeting_id))
            self._set_status(conn, meeting_id, MeetingStatus.CONVENED)
            record(conn, self._actor, "choose", "slot", slot_id)
        return self.get(meeting_id)

    def reschedule(self, meeting_id: int, local_start: datetime, place: str | None = None) -> Meeting:
        """Move a convened meeting: a significant change, so SEQUENCE + 1 and everyone is asked
        again. The same time and place is no change: nobody's acceptance is thrown away.

        An empty place (None, "" or blanks) keeps the meeting's place: a slot with no place of
        its own uses the meeting's, so moving only the date must never erase it (issue 14).
        Removing the place is the meeting form's business, not a move's."""
        with self._db.write() as conn:
            meeting = self._require(conn, meeting_id, {MeetingStatus.CONVENED})
            start, clean_place = check.collect(
                lambda: to_utc(local_start, meeting["timezone"], "start"),
                lambda: None if place is None else check.optional_text("place", place, limit=300))
            clean_place = clean_place or None
            chosen = conn.execute("SELECT id, starts_at FROM slots WHERE meeting_id = ? AND "
                                  "status = 'chosen'", (meeting_id,)).fetchone()
            if utc_iso(start) == chosen["starts_at"] and clean_place in (None, meeting["place"]):
                return self.get(meeting_id)
            conn.execute("UPDATE slots SET starts_at = ?, local_start = ?, updated_at = ? WHERE id = ?",
                         (utc_iso(start), _wall_clock(start, meeting["timezone"]), utc_now_iso(),
                          chosen["id"]))
            if clean_place is not None:
                conn.execute("UPDATE meetings SET place = ? WHERE id = ?", (clean_place, meeting_id))
                conn.execute("UPDATE slots SET place = ? WHERE id = ?", (clean_place, chosen["id"]))
            if utc_iso(start) != chosen["starts_at"]:
                # The poll's answers on this slot were for the old date; a new place alone
                # keeps the date, so it keeps them.
                _ask_again(conn, chosen["id"])
            self._significant_change(conn, meeting_id)
            record(conn, self._actor, "reschedule", "meeting", meeting_id, ["starts_at"])
        return self.get(meeting_id)

    def cancel(self, meeting_id: int) -> Meeting:
        """Every hold or convocation still standing gets SEQUENCE + 1, to go out as a CANCEL.
        A draft went to nobody: it is deleted, not cancelled."""
        with self._db.write() as conn:
            row = self._require(conn, meeting_id, {MeetingStatus.DRAFT, MeetingStatus.POLL,
                                                   MeetingStatus.CONVENED})
            if row["status"] == MeetingStatus.DRAFT:
                raise Refused(_("Ce brouillon n’a été envoyé à personne : supprimez-le plutôt "
                                "(Suppr dans la liste des réunions, ou x dans la réunion)."))
            conn.execute("UPDATE slots SET sequence = sequence + 1, updated_at = ? "
                         "WHERE meeting_id = ? AND status != 'released'", (utc_now_iso(), meeting_id))
            self._set_status(conn, meeting_id, MeetingStatus.CANCELLED)
        return self.get(meeting_id)

    def mark_held(self, meeting_id: int, now: datetime | None = None) -> Meeting:
        with self._db.write() as conn:
            self._require(conn, meeting_id, {MeetingStatus.CONVENED})
            start = conn.execute("SELECT starts_at FROM slots WHERE meeting_id = ? AND status = "
                                 "'chosen'", (meeting_id,)).fetchone()["starts_at"]
            if datetime.fromisoformat(start) > (now or datetime.now(UTC)):
                raise Refused(_("Cette réunion n’a pas encore commencé : elle sera « tenue » "
                                "le jour venu."))
            self._set_status(conn, meeting_id, MeetingStatus.HELD)
            follow_held_meeting(conn, meeting_id)
        return self.get(meeting_id)

    # ---- invitees -----------------------------------------------------------------------

    def invite(self, meeting_id: int, person_id: int) -> Invitee:
        """A guest: someone from outside the committee (a speaker, a professional…)."""
        with self._db.write() as conn:
            self._require(conn, meeting_id, {MeetingStatus.DRAFT, MeetingStatus.POLL,
                                             MeetingStatus.CONVENED})
            if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
                raise NotFound(_("Cette personne n’existe plus."))
            if conn.execute("SELECT 1 FROM invitees WHERE meeting_id = ? AND person_id = ?",
                            (meeting_id, person_id)).fetchone():
                raise Refused(_("Cette personne est déjà invitée."))
            cursor = conn.execute(
                "INSERT INTO invitees (meeting_id, person_id, seat, created_at) VALUES (?, ?, ?, ?)",
                (meeting_id, person_id, InviteeSeat.GUEST, utc_now_iso()))
            self._back_after_removal(conn, meeting_id, person_id)
            record(conn, self._actor, "create", "invitee", cursor.lastrowid)
        return self._get_invitee(cursor.lastrowid)

    def uninvite(self, invitee_id: int) -> None:
        """The invitee goes; if an invitation was written to them, a CANCEL for each date they
        still hold in their calendar waits for the next outbox write (RFC 5546 §3.2.5)."""
        with self._db.write() as conn:
            row = self._invitee_row(conn, invitee_id)
            self._require(conn, row["meeting_id"], {MeetingStatus.DRAFT, MeetingStatus.POLL,
                                                    MeetingStatus.CONVENED})
            held = conn.execute(_HELD_BY, (invitee_id,)).fetchall()
            now = utc_now_iso()
            conn.executemany(
                "INSERT INTO cancellations (meeting_id, person_id, uid, sequence, removed_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(row["meeting_id"], row["person_id"], h["uid"], h["sequence"] + 1, now) for h in held])
            conn.execute("DELETE FROM invitees WHERE id = ?", (invitee_id,))
            record(conn, self._actor, "delete", "invitee", invitee_id)

    def will_cancel(self, invitee_id: int) -> bool:
        """Whether removing this invitee writes them a cancellation (the confirmation says so)."""
        conn = self._db.connection()
        self._invitee_row(conn, invitee_id)
        return conn.execute(_HELD_BY, (invitee_id,)).fetchone() is not None

    def set_required(self, invitee_id: int, required: bool) -> Invitee:
        with self._db.write() as conn:
            row = self._invitee_row(conn, invitee_id)
            self._require(conn, row["meeting_id"], {MeetingStatus.DRAFT, MeetingStatus.POLL})
            conn.execute("UPDATE invitees SET required = ? WHERE id = ?", (int(required), invitee_id))
            record(conn, self._actor, "update", "invitee", invitee_id, ["required"])
        return self._get_invitee(invitee_id)

    def invitee(self, invitee_id: int) -> Invitee:
        return self._get_invitee(invitee_id)

    # ---- slots --------------------------------------------------------------------------

    def add_slot(self, meeting_id: int, local_start: datetime, place: str = "") -> Slot:
        with self._db.write() as conn:
            meeting = self._require(conn, meeting_id, set(_OPEN))
            start, clean_place = self._slot_values(conn, meeting, local_start, place, None)
            now = utc_now_iso()
            cursor = conn.execute(
                "INSERT INTO slots (uid, meeting_id, starts_at, local_start, place, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (new_uid(), meeting_id, utc_iso(start), _wall_clock(start, meeting["timezone"]),
                 clean_place, now, now))
            record(conn, self._actor, "create", "slot", cursor.lastrowid)
        return self.slot(cursor.lastrowid)

    def update_slot(self, slot_id: int, local_start: datetime, place: str = "") -> Slot:
        """A new time or place for a proposed slot: SEQUENCE + 1, its answers are kept. A new date
        or time makes them « à redemander » (they no longer count); a new place alone does not:
        the date is the same."""
        with self._db.write() as conn:
            slot = self._slot_row(conn, slot_id)
            meeting = self._require(conn, slot["meeting_id"], set(_OPEN))
            if slot["status"] != SlotStatus.PROPOSED:
                raise Refused(_("Ce créneau a été retiré du sondage."))
            start, clean_place = self._slot_values(conn, meeting, local_start, place, slot_id)
            changed = [name for name, moved in (("starts_at", utc_iso(start) != slot["starts_at"]),
                                                ("place", clean_place != slot["place"])) if moved]
            if changed:
                conn.execute(
                    "UPDATE slots SET starts_at = ?, local_start = ?, place = ?, updated_at = ?,"
                    " sequence = sequence + 1 WHERE id = ?",
                    (utc_iso(start), _wall_clock(start, meeting["timezone"]), clean_place,
                     utc_now_iso(), slot_id))
                if "starts_at" in changed:
                    _ask_again(conn, slot_id)
                record(conn, self._actor, "update", "slot", slot_id, changed)
        return self.slot(slot_id)

    def slot_removal_refusal(self, slot_id: int) -> str | None:
        """Why the slot cannot be removed, or None: the app asks it before its question, so
        that it never asks and then refuses."""
        try:
            self._removable_slot(self._db.connection(), slot_id)
        except Refused as error:
            return error.message
        return None

    def remove_slot(self, slot_id: int) -> None:
        """In a draft the slot goes; once the poll is open its hold must be cancelled, so it is
        released (SEQUENCE + 1) and its answers kept."""
        with self._db.write() as conn:
            meeting = self._removable_slot(conn, slot_id)
            if meeting["status"] == MeetingStatus.DRAFT:
                conn.execute("DELETE FROM slots WHERE id = ?", (slot_id,))
            else:
                conn.execute("UPDATE slots SET status = 'released', sequence = sequence + 1, "
                             "updated_at = ? WHERE id = ?", (utc_now_iso(), slot_id))
            record(conn, self._actor, "delete", "slot", slot_id)

    def slot(self, slot_id: int) -> Slot:
        conn = self._db.connection()
        row = self._slot_row(conn, slot_id)
        meeting = conn.execute("SELECT timezone, duration_minutes FROM meetings WHERE id = ?",
                               (row["meeting_id"],)).fetchone()
        return _slot(row, meeting["timezone"], meeting["duration_minutes"])

    # ---- answers ------------------------------------------------------------------------

    def record_vote(
        self, invitee_id: int, slot_id: int, answer: Answer | str | None,
        source: AnswerSource | str = AnswerSource.PHONE, comment: str = "",
    ) -> None:
        """An answer given by phone or on paper, entered by the coordinator; None clears it."""
        source = AnswerSource(source)
        text = _collect_one(lambda: check.optional_text("comment", comment, limit=500, prose=True))
        with self._db.write() as conn:
            invitee = self._invitee_row(conn, invitee_id)
            slot = self._slot_row(conn, slot_id)
            if slot["meeting_id"] != invitee["meeting_id"]:
                raise Refused(_("Ce créneau n’appartient pas à la réunion de cette personne."))
            self._require(conn, slot["meeting_id"], {MeetingStatus.POLL})
            if slot["status"] != SlotStatus.PROPOSED:
                raise Refused(_("Ce créneau a été retiré du sondage."))
            if answer is None:
                conn.execute("DELETE FROM votes WHERE invitee_id = ? AND slot_id = ?",
                             (invitee_id, slot_id))
            else:
                self._write_vote(conn, invitee_id, slot_id, Answer(answer), source, slot["sequence"],
                                 utc_now_iso(), text)
            record(conn, self._actor, "vote", "invitee", invitee_id, ["answer", "source"])

    def record_attendance(self, invitee_id: int, partstat: PartStat | str | None) -> None:
        """Whether someone comes to a convened meeting, said by phone or on the paper slip;
        None puts them back to « en attente »."""
        status = PartStat(partstat) if partstat else PartStat.NEEDS_ACTION
        with self._db.write() as conn:
            invitee = self._invitee_row(conn, invitee_id)
            self._require(conn, invitee["meeting_id"], {MeetingStatus.CONVENED})
            chosen = conn.execute("SELECT sequence FROM slots WHERE meeting_id = ? AND status = "
                                  "'chosen'", (invitee["meeting_id"],)).fetchone()
            known = status is not PartStat.NEEDS_ACTION
            conn.execute("UPDATE invitees SET partstat = ?, partstat_sequence = ?, partstat_stamp = ?"
                         " WHERE id = ?", (status, chosen["sequence"] if known else None,
                                           utc_now_iso() if known else None, invitee_id))
            record(conn, self._actor, "attendance", "invitee", invitee_id, ["partstat"])

    def import_votes(
        self, meeting_id: int, answers: Mapping[int, Mapping[int, Answer]],
        source: AnswerSource = AnswerSource.FRAMADATE,
    ) -> int:
        """Answers of several invitees at once (invitee id → slot id → answer), all or none."""
        count = 0
        with self._db.write() as conn:
            self._require(conn, meeting_id, {MeetingStatus.POLL})
            slots = {row["id"]: row for row in conn.execute(
                "SELECT * FROM slots WHERE meeting_id = ? AND status = 'proposed'", (meeting_id,))}
            invitees = {row["id"] for row in conn.execute(
                "SELECT id FROM invitees WHERE meeting_id = ?", (meeting_id,))}
            stamp = utc_now_iso()
            for invitee_id, by_slot in answers.items():
                if invitee_id not in invitees:
                    raise Refused(_("Une des personnes n’est plus invitée : rien n’a été importé."))
                for slot_id, answer in by_slot.items():
                    if slot_id not in slots:
                        raise Refused(_("Un des créneaux n’est plus proposé : rien n’a été importé."))
                    self._write_vote(conn, invitee_id, slot_id, Answer(answer), source,
                                     slots[slot_id]["sequence"], stamp, "")
                    count += 1
            record(conn, self._actor, "import", "meeting", meeting_id, ["votes"])
        return count

    def apply_reply(
        self, uid: str, attendee: str, partstat: str, *, sequence: int = 0,
        stamp: datetime | None = None, comment: str = "",
    ) -> ReplyResult:
        """A calendar's REPLY for one of our UIDs. Only PARTSTAT and COMMENT are taken from it;
        an older answer is kept on record but never overwrites a fresher one."""
        partstat = partstat.strip().upper()
        if partstat not in PARTSTAT_ANSWERS:
            raise Refused(_("Réponse d’agenda sans statut de participation utilisable "
                            "(PARTSTAT « {value} »).").format(value=partstat[:20]))
        received = utc_now_iso()
        # A sender's clock set ahead must not make their later replies look older than this one.
        reply_stamp = min(_stamp(stamp), received)
        # Text from outside: a long COMMENT is cut, never a reason to lose the answer.
        text = comment.strip()[:500]
        address = _address(attendee)
        with self._db.write() as conn:
            slot = conn.execute("SELECT * FROM slots WHERE uid = ?", (uid.strip(),)).fetchone()
            if slot is None:
                raise NotFound(_("Cette réponse concerne un événement inconnu (UID {uid}) : "
                                 "elle ne répond à aucune invitation envoyée par comite.").format(
                                     uid=uid[:80]))
            meeting = conn.execute("SELECT * FROM meetings WHERE id = ?", (slot["meeting_id"],)).fetchone()
            invitee = self._invitee_by_address(conn, meeting["id"], address)
            if invitee is None:
                outcome = ReplyOutcome.PENDING
                name = ""
            else:
                name = invitee["name"]
                outcome = self._apply(conn, meeting, slot, invitee, partstat, sequence, reply_stamp, text)
            conn.execute(
                "INSERT INTO replies (meeting_id, slot_id, invitee_id, attendee, partstat, comment,"
                " sequence, stamp, outcome, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (meeting["id"], slot["id"], invitee["id"] if invitee else None, address, partstat,
                 text, sequence, reply_stamp, outcome, received))
            record(conn, self._actor, "reply", "meeting", meeting["id"], [outcome.value])
        return ReplyResult(outcome=outcome, meeting_id=meeting["id"], invitee_name=name)

    def pending_replies(self, meeting_id: int | None = None) -> list[PendingReply]:
        rows = self._db.connection().execute(
            "SELECT r.*, m.title FROM replies r JOIN meetings m ON m.id = r.meeting_id "
            "WHERE r.outcome = 'pending' AND (? IS NULL OR r.meeting_id = ?) ORDER BY r.id",
            (meeting_id, meeting_id))
        return [PendingReply(id=row["id"], meeting_id=row["meeting_id"], meeting_title=row["title"],
                             slot_id=row["slot_id"], attendee=row["attendee"], partstat=row["partstat"],
                             comment=row["comment"], received_at=row["received_at"]) for row in rows]

    def accept_pending(self, reply_id: int, invitee_id: int) -> ReplyOutcome:
        """The coordinator recognised the sender: the reply counts as that invitee's."""
        with self._db.write() as conn:
            reply = self._pending_row(conn, reply_id)
            invitee = conn.execute(
                "SELECT i.* FROM invitees i WHERE i.id = ? AND i.meeting_id = ?",
                (invitee_id, reply["meeting_id"])).fetchone()
            if invitee is None:
                raise Refused(_("Cette personne n’est pas invitée à cette réunion."))
            meeting = conn.execute("SELECT * FROM meetings WHERE id = ?", (reply["meeting_id"],)).fetchone()
            slot = self._slot_row(conn, reply["slot_id"])
            outcome = self._apply(conn, meeting, slot, invitee, reply["partstat"], reply["sequence"],
                                  reply["stamp"], reply["comment"])
            conn.execute("UPDATE replies SET outcome = ?, invitee_id = ? WHERE id = ?",
                         (outcome, invitee_id, reply_id))
            record(conn, self._actor, "accept", "reply", reply_id)
        return outcome

    def dismiss_pending(self, reply_id: int) -> None:
        with self._db.write() as conn:
            self._pending_row(conn, reply_id)
            conn.execute("UPDATE replies SET outcome = 'dismissed' WHERE id = ?", (reply_id,))
            record(conn, self._actor, "dismiss", "reply", reply_id)

    # ---- invitations written and sent ---------------------------------------------------

    def record_invitations(self, meeting_id: int, records: list[InvitationRecord]) -> None:
        with self._db.write() as conn:
            conn.executemany(
                "INSERT INTO invitations (meeting_id, invitee_id, uid, method, sequence, file_name,"
                " written_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(meeting_id, r.invitee_id, r.uid, r.method, r.sequence, r.file_name, r.written_at,
                  r.sent_at) for r in records])
            record(conn, self._actor, "export", "meeting", meeting_id, ["invitations"])

    def mark_sent(self, meeting_id: int, file_name: str, sent_at: str) -> None:
        with self._db.write() as conn:
            # The same file name is written again at each state: only its latest message left,
            # which carries every date of the meeting (one record per date).
            conn.execute("UPDATE invitations SET sent_at = ? WHERE id IN (SELECT max(id) FROM "
                         "invitations WHERE meeting_id = ? AND file_name = ? GROUP BY invitee_id, uid)",
                         (sent_at, meeting_id, file_name))
            conn.execute("UPDATE cancellations SET sent_at = ? WHERE meeting_id = ? AND "
                         "file_name = ? AND sent_at IS NULL", (sent_at, meeting_id, file_name))

    def cancellations(self, meeting_id: int, pending: bool = False) -> list[Cancellation]:
        """The cancellations owed to people removed from the meeting (only those not yet written
        with `pending`), oldest first."""
        rows = self._db.connection().execute(
            "SELECT c.*, trim(p.first_name || ' ' || p.last_name) AS name, p.email, p.sex "
            "FROM cancellations c JOIN people p ON p.id = c.person_id WHERE c.meeting_id = ? "
            + ("AND c.written_at IS NULL " if pending else "") + "ORDER BY c.id", (meeting_id,))
        return [Cancellation(id=row["id"], person_id=row["person_id"], name=row["name"],
                             email=row["email"], uid=row["uid"], sequence=row["sequence"],
                             file_name=row["file_name"], written_at=row["written_at"],
                             sent_at=row["sent_at"], sex=row["sex"]) for row in rows]

    def record_cancellations(self, meeting_id: int, written: list[Cancellation]) -> None:
        """Cancellations written to the outbox: done, never written again."""
        with self._db.write() as conn:
            conn.executemany(
                "UPDATE cancellations SET file_name = ?, written_at = ? WHERE id = ? "
                "AND meeting_id = ? AND written_at IS NULL",
                [(c.file_name, c.written_at, c.id, meeting_id) for c in written])
            if written:
                record(conn, self._actor, "export", "meeting", meeting_id, ["cancellations"])

    def invitations(self, meeting_id: int) -> list[InvitationRecord]:
        """The latest message written for each invitee and UID."""
        rows = self._db.connection().execute(
            "SELECT * FROM invitations WHERE id IN (SELECT max(id) FROM invitations "
            "WHERE meeting_id = ? GROUP BY invitee_id, uid) ORDER BY invitee_id, uid", (meeting_id,))
        return [InvitationRecord(invitee_id=row["invitee_id"], uid=row["uid"], method=row["method"],
                                 sequence=row["sequence"], file_name=row["file_name"],
                                 written_at=row["written_at"], sent_at=row["sent_at"]) for row in rows]

    def unsent(self, meeting_id: int) -> Unsent:
        """Who the outbox has not written to since the meeting last changed (`sending.py`)."""
        return unsent(self.detail(meeting_id), self.invitations(meeting_id),
                      self.cancellations(meeting_id, pending=True))

    # ---- rules and helpers --------------------------------------------------------------

    def _apply(
        self, conn: sqlite3.Connection, meeting: sqlite3.Row, slot: sqlite3.Row,
        invitee: sqlite3.Row, partstat: str, sequence: int, stamp: str, comment: str,
    ) -> ReplyOutcome:
        if sequence < slot["sequence"]:
            # iTIP: a reply to an earlier version of the event (another time, another place,
            # or the poll's hold answered after the convocation) says nothing about this one.
            return ReplyOutcome.STALE
        # A SEQUENCE above ours is the sender's error, not a fresher answer: were it kept, every
        # later and correct reply of this person would look stale.
        sequence = slot["sequence"]
        fresh_for_slot = (sequence, stamp)
        if slot["status"] == SlotStatus.PROPOSED and meeting["status"] == MeetingStatus.POLL:
            old = conn.execute("SELECT sequence, stamp FROM votes WHERE invitee_id = ? AND slot_id = ?",
                               (invitee["id"], slot["id"])).fetchone()
            if old is not None and fresh_for_slot < (old["sequence"], old["stamp"]):
                return ReplyOutcome.STALE
            self._write_vote(conn, invitee["id"], slot["id"], PARTSTAT_ANSWERS[partstat],
                             AnswerSource.CALENDAR, sequence, stamp, comment)
            return ReplyOutcome.APPLIED
        if slot["status"] == SlotStatus.CHOSEN and meeting["status"] in (
                MeetingStatus.CONVENED, MeetingStatus.HELD):
            old = (invitee["partstat_sequence"], invitee["partstat_stamp"])
            if old[0] is not None and fresh_for_slot < old:
                return ReplyOutcome.STALE
            conn.execute("UPDATE invitees SET partstat = ?, partstat_sequence = ?, partstat_stamp = ?,"
                         " comment = ? WHERE id = ?", (partstat, sequence, stamp, comment, invitee["id"]))
            return ReplyOutcome.APPLIED
        # A reply to a hold that was released, or to a cancelled meeting: kept, not obeyed.
        return ReplyOutcome.STALE

    def _write_vote(
        self, conn: sqlite3.Connection, invitee_id: int, slot_id: int, answer: Answer,
        source: AnswerSource, sequence: int, stamp: str, comment: str,
    ) -> None:
        conn.execute(
            "INSERT INTO votes (invitee_id, slot_id, answer, source, sequence, stamp, entered_by,"
            " entered_at, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (invitee_id, slot_id) DO UPDATE SET to_ask_again = 0, "
            "answer = excluded.answer, "
            "source = excluded.source, sequence = excluded.sequence, stamp = excluded.stamp, "
            "entered_by = excluded.entered_by, entered_at = excluded.entered_at, "
            "comment = excluded.comment",
            (invitee_id, slot_id, answer, source, sequence, stamp, self._actor, utc_now_iso(), comment))

    def _slot_values(
        self, conn: sqlite3.Connection, meeting: sqlite3.Row, local_start: datetime, place: str,
        slot_id: int | None,
    ) -> tuple[datetime, str]:
        start = _collect_one(lambda: to_utc(local_start, meeting["timezone"], "start"))
        clean_place = _collect_one(lambda: check.optional_text("place", place, limit=300))
        clash = conn.execute(
            "SELECT 1 FROM slots WHERE meeting_id = ? AND starts_at = ? AND status != 'released' "
            "AND id IS NOT ?", (meeting["id"], utc_iso(start), slot_id)).fetchone()
        if clash:
            raise ValidationError({"start": _("Un créneau est déjà proposé à cette heure-là.")})
        return start, clean_place

    @staticmethod
    def _back_after_removal(conn: sqlite3.Connection, meeting_id: int, person_id: int) -> None:
        """Invited again: a cancellation not yet written is moot; one already written set their
        calendar's SEQUENCE, which the new invitation must exceed to be taken."""
        conn.execute("DELETE FROM cancellations WHERE meeting_id = ? AND person_id = ? AND "
                     "written_at IS NULL", (meeting_id, person_id))
        conn.execute(
            "UPDATE slots SET sequence = (SELECT max(c.sequence) FROM cancellations c "
            "WHERE c.meeting_id = slots.meeting_id AND c.uid = slots.uid AND c.person_id = ?) + 1 "
            "WHERE meeting_id = ? AND status != 'released' AND sequence <= (SELECT max(c.sequence) "
            "FROM cancellations c WHERE c.meeting_id = slots.meeting_id AND c.uid = slots.uid "
            "AND c.person_id = ?)", (person_id, meeting_id, person_id))

    def _significant_change(self, conn: sqlite3.Connection, meeting_id: int) -> None:
        conn.execute("UPDATE slots SET sequence = sequence + 1 WHERE meeting_id = ? "
                     "AND status = 'chosen'", (meeting_id,))
        conn.execute("UPDATE invitees SET partstat = 'NEEDS-ACTION', partstat_sequence = NULL, "
                     "partstat_stamp = NULL WHERE meeting_id = ?", (meeting_id,))

    @staticmethod
    def _convene_refusal(
        conn: sqlite3.Connection, meeting_id: int, slot_id: int, now: datetime | None,
    ) -> str | None:
        meeting = conn.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
        if meeting is None:
            raise NotFound(_("Cette réunion n’existe plus."))
        slot = MeetingService._slot_row(conn, slot_id)
        if slot["meeting_id"] != meeting_id:
            return _("Ce créneau n’appartient pas à cette réunion.")
        invitees = conn.execute("SELECT count(*) FROM invitees WHERE meeting_id = ?",
                                (meeting_id,)).fetchone()[0]
        return convening.refusal(
            MeetingStatus(meeting["status"]), SlotStatus(slot["status"]),
            datetime.fromisoformat(slot["starts_at"]), meeting["timezone"], invitees,
            now or datetime.now(UTC))

    def _set_status(self, conn: sqlite3.Connection, meeting_id: int, status: MeetingStatus) -> None:
        conn.execute("UPDATE meetings SET status = ?, updated_at = ? WHERE id = ?",
                     (status, utc_now_iso(), meeting_id))
        record(conn, self._actor, "status", "meeting", meeting_id, [status.value])

    @staticmethod
    def _require(
        conn: sqlite3.Connection, meeting_id: int, allowed: set[MeetingStatus]
    ) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette réunion n’existe plus."))
        status = MeetingStatus(row["status"])
        if status not in allowed:
            raise Refused(_("Impossible : la réunion est « {status} ».").format(
                status=status.label.lower()))
        return row

    @staticmethod
    def _invitee_by_address(conn: sqlite3.Connection, meeting_id: int, address: str) -> sqlite3.Row | None:
        """The one invitee with this address. Compared in Python: SQLite's lower() knows only
        ASCII. Two invitees sharing a mailbox (a couple): the coordinator says whose it is."""
        if not address:
            return None
        rows = conn.execute(
            "SELECT i.*, trim(p.first_name || ' ' || p.last_name) AS name, p.email FROM invitees i "
            "JOIN people p ON p.id = i.person_id WHERE i.meeting_id = ? AND p.email != ''",
            (meeting_id,)).fetchall()
        found = [row for row in rows if row["email"].casefold() == address]
        return found[0] if len(found) == 1 else None

    def _removable_slot(self, conn: sqlite3.Connection, slot_id: int) -> sqlite3.Row:
        """The meeting of a slot that may be removed; Refused saying why it may not."""
        slot = self._slot_row(conn, slot_id)
        meeting = self._require(conn, slot["meeting_id"], set(_OPEN))
        if slot["status"] != SlotStatus.PROPOSED:  # its hold was cancelled already
            raise Refused(_("Ce créneau a été retiré du sondage."))
        if meeting["status"] != MeetingStatus.DRAFT and conn.execute(
                "SELECT count(*) FROM slots WHERE meeting_id = ? AND status = 'proposed'",
                (meeting["id"],)).fetchone()[0] <= 1:
            raise Refused(_("C’est le dernier créneau du sondage : proposez-en un autre "
                            "avant de retirer celui-ci, ou annulez la réunion."))
        return meeting

    @staticmethod
    def _slot_row(conn: sqlite3.Connection, slot_id: int) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM slots WHERE id = ?", (slot_id,)).fetchone()
        if row is None:
            raise NotFound(_("Ce créneau n’existe plus."))
        return row

    @staticmethod
    def _invitee_row(conn: sqlite3.Connection, invitee_id: int) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM invitees WHERE id = ?", (invitee_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette personne n’est plus invitée."))
        return row

    @staticmethod
    def _pending_row(conn: sqlite3.Connection, reply_id: int) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM replies WHERE id = ? AND outcome = 'pending'",
                           (reply_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette réponse a déjà été traitée."))
        return row

    def _get_invitee(self, invitee_id: int) -> Invitee:
        conn = self._db.connection()
        meeting_id = self._invitee_row(conn, invitee_id)["meeting_id"]
        return next(_invitee(row) for row in conn.execute(_INVITEES, (meeting_id,))
                    if row["id"] == invitee_id)


def _collect_one(check_one: Callable[[], T]) -> T:
    return check.collect(check_one)[0]
