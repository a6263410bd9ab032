"""The compte rendu: attendance, notes per item, and its lifecycle brouillon → diffusé pour
remarques → adopté (at the next meeting) → signé, locked."""

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from comite.kernel import clock
from comite.kernel.clock import date_or_none, utc_now_iso
from comite.kernel.i18n import _
from comite.kernel.zones import from_utc_iso
from comite.store import presence_rows
from comite.store import validation as check
from comite.store.agenda_rows import read_items
from comite.store.attendance import as_recorded, quorum
from comite.store.attendees import read_attendees
from comite.store.audit import audit_entry, record
from comite.store.audit_models import AuditEntry
from comite.store.errors import NotFound, Refused, ValidationError
from comite.store.lifecycle import advance
from comite.store.meeting_models import MeetingStatus
from comite.store.meetings import MeetingService
from comite.store.minutes_guard import guard_edit, signed_question
from comite.store.minutes_models import (
    WRITTEN_STATUSES,
    AgendaItem,
    AttendanceStatus,
    Attendee,
    ItemKind,
    MinutesDocument,
    MinutesState,
    MinutesStatus,
    Outcome,
    QuarterWithoutMeeting,
    Quorum,
    Signature,
    StaleMinutes,
)
from comite.store.presence_rows import held_invitee, utc_iso
from comite.store.service import Service

NOTES_LIMIT = 100_000


def quarter_of(day: date) -> tuple[date, date, str]:
    """The quarter holding `day`: first day, first day of the next one, French name."""
    first_month = (day.month - 1) // 3 * 3 + 1
    start = date(day.year, first_month, 1)
    end = date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    number = (first_month - 1) // 3 + 1
    ordinal = _("1er") if number == 1 else _("{n}e").format(n=number)
    return start, end, _("{ordinal} trimestre {year}").format(ordinal=ordinal, year=day.year)


def _with_recorded_adoptions(conn: sqlite3.Connection, meeting_id: int,
                             items: tuple[AgendaItem, ...]) -> tuple[AgendaItem, ...]:
    """An adoption item whose outcome was not typed, while the minutes it adopts are recorded
    adopted at this meeting (« o » on those minutes): adopted, as the record says — a fact,
    not a guess. Any outcome typed stands as typed."""
    adopted = {row["meeting_id"] for row in conn.execute(
        "SELECT meeting_id FROM minutes WHERE adopted_in_meeting_id = ? "
        "AND status IN ('adopted', 'signed')", (meeting_id,))}
    return tuple(replace(item, outcome=Outcome.ADOPTED)
                 if item.kind is ItemKind.ADOPTION and item.outcome is Outcome.UNSAID
                 and item.adopts_meeting_id in adopted else item for item in items)


def _ended_at(conn: sqlite3.Connection, meeting_id: int, zone: str) -> datetime | None:
    """When the séance was closed in the app (« Terminer »), in the meeting's time."""
    row = conn.execute("SELECT ended_at FROM sessions WHERE meeting_id = ?", (meeting_id,)).fetchone()
    if row is None or not row["ended_at"]:
        return None
    return from_utc_iso(row["ended_at"], zone)


def _next_meeting(conn: sqlite3.Connection, committee_id: int, meeting_id: int,
                  zone: str) -> datetime | None:
    """The start of the committee's next meeting after this one, once its date is chosen (not
    cancelled); None while none is planned or its date is still being chosen."""
    row = conn.execute(
        "SELECT n.timezone, ns.starts_at FROM slots this JOIN meetings n ON n.committee_id = ? "
        "AND n.id != this.meeting_id AND n.status != 'cancelled' JOIN slots ns "
        "ON ns.meeting_id = n.id AND ns.status = 'chosen' AND ns.starts_at > this.starts_at "
        "WHERE this.meeting_id = ? AND this.status = 'chosen' ORDER BY ns.starts_at LIMIT 1",
        (committee_id, meeting_id)).fetchone()
    return None if row is None else from_utc_iso(row["starts_at"], row["timezone"] or zone)


class MinutesService(Service):
    # ---- reading -----------------------------------------------------------------------

    def state(self, meeting_id: int) -> MinutesState:
        conn = self._db.connection()
        if conn.execute("SELECT 1 FROM meetings WHERE id = ?", (meeting_id,)).fetchone() is None:
            raise NotFound(_("Cette réunion n’existe plus."))
        row = conn.execute(
            "SELECT mi.*, coalesce(m.title, '') AS adopted_in_title FROM minutes mi "
            "LEFT JOIN meetings m ON m.id = mi.adopted_in_meeting_id WHERE mi.meeting_id = ?",
            (meeting_id,)).fetchone()
        signatures = tuple(
            Signature(row_["signer"], row_["capacity"], date.fromisoformat(row_["signed_on"]),
                      row_["voided_at"])
            for row_ in conn.execute("SELECT * FROM minutes_signatures WHERE meeting_id = ? "
                                     "AND voided_at IS NULL ORDER BY id", (meeting_id,)))
        if row is None:
            return MinutesState(meeting_id, MinutesStatus.DRAFT, None, None, "", (), None)
        return MinutesState(
            meeting_id=meeting_id, status=MinutesStatus(row["status"]),
            remarks_until=date_or_none(row["remarks_until"]),
            adopted_in_meeting_id=row["adopted_in_meeting_id"],
            adopted_in_title=row["adopted_in_title"], signatures=signatures,
            voided_at=row["voided_at"])

    def edit_question(self, meeting_id: int) -> str | None:
        """What an edit of these minutes asks first (signed ones: the signatures go), or None."""
        return signed_question(self._db.connection(), meeting_id)

    def attendance(self, meeting_id: int) -> tuple[list[Attendee], Quorum]:
        meeting = MeetingService(self._db, self._actor).get(meeting_id)
        attendees = read_attendees(self._db.connection(), meeting_id)
        return attendees, quorum(attendees, meeting.quorum)

    def document(self, meeting_id: int) -> MinutesDocument:
        from comite.store.conclusions import ConclusionService

        conn = self._db.connection()
        meeting = MeetingService(self._db, self._actor).get(meeting_id)
        committee = conn.execute(
            "SELECT c.kind, s.name FROM committees c JOIN structures s ON s.id = c.structure_id "
            "WHERE c.id = ?", (meeting.committee_id,)).fetchone()
        attendees = read_attendees(conn, meeting_id)
        if meeting.status is MeetingStatus.HELD:
            attendees = as_recorded(attendees)
        conclusions = ConclusionService(self._db, self._actor)
        from comite.store.sitting import read_floor

        return MinutesDocument(
            meeting=meeting, structure_name=committee["name"], committee_kind=committee["kind"],
            starts_at=meeting.starts_at, state=self.state(meeting_id),
            attendees=tuple(attendees), quorum=quorum(attendees, meeting.quorum),
            items=_with_recorded_adoptions(conn, meeting_id, read_items(conn, meeting_id)),
            conclusions=tuple(conclusions.for_meeting(meeting_id)),
            carried=tuple(conclusions.carried(meeting_id)), floor=tuple(read_floor(conn, meeting_id)),
            ended_at=_ended_at(conn, meeting_id, meeting.timezone),
            next_meeting=_next_meeting(conn, meeting.committee_id, meeting_id, meeting.timezone),
        )

    def stale_drafts(self, today: date, days: int = 15) -> list[StaleMinutes]:
        """Meetings held more than `days` ago whose minutes are still a draft."""
        rows = self._db.connection().execute(
            "SELECT m.id, m.timezone, s.starts_at FROM meetings m JOIN committees c "
            "ON c.id = m.committee_id AND c.archived_at IS NULL JOIN slots s "
            "ON s.meeting_id = m.id AND s.status = 'chosen' LEFT JOIN minutes mi "
            "ON mi.meeting_id = m.id WHERE m.status = 'held' "
            "AND coalesce(mi.status, 'draft') = 'draft' ORDER BY s.starts_at")
        meetings = MeetingService(self._db, self._actor)
        stale = []
        for row in rows:
            held_on = from_utc_iso(row["starts_at"], row["timezone"]).date()
            if (today - held_on).days > days:
                stale.append(StaleMinutes(meetings.get(row["id"]), held_on, (today - held_on).days))
        return stale

    def quarters_without_meeting(self, today: date) -> list[QuarterWithoutMeeting]:
        """CDUs that held no meeting in the last full quarter (the law asks one a quarter)."""
        start, end, name = quarter_of(quarter_of(today)[0] - timedelta(days=1))
        rows = self._db.connection().execute(
            "SELECT c.id, c.name, (SELECT max(s.starts_at) FROM meetings m JOIN slots s "
            "ON s.meeting_id = m.id AND s.status = 'chosen' WHERE m.committee_id = c.id "
            "AND m.status = 'held') AS last_held, (SELECT count(*) FROM meetings m JOIN slots s "
            "ON s.meeting_id = m.id AND s.status = 'chosen' WHERE m.committee_id = c.id "
            "AND m.status = 'held' AND s.starts_at >= ? AND s.starts_at < ?) AS held "
            "FROM committees c WHERE c.kind = 'cdu' AND c.archived_at IS NULL "
            "AND c.created_at < ? ORDER BY c.name",
            (start.isoformat(), end.isoformat(), end.isoformat()))
        return [QuarterWithoutMeeting(row["id"], row["name"], name,
                                      date.fromisoformat(row["last_held"][:10]) if row["last_held"]
                                      else None)
                for row in rows if not row["held"]]

    # ---- attendance ---------------------------------------------------------------------

    def set_attendance(self, invitee_id: int, status: AttendanceStatus | str,
                       represented_by: int | None = None, confirmed: bool = False) -> None:
        status = AttendanceStatus(status)
        if status not in WRITTEN_STATUSES:
            raise Refused(_("« {status} » se déduit de ce qui est noté : notez la présence de "
                            "chacun(e).").format(status=status.label))
        with self._db.write() as conn:
            invitee = held_invitee(conn, invitee_id)
            if status is AttendanceStatus.REPRESENTED:
                if represented_by is None:
                    raise ValidationError({"represented_by": _("Dites par qui.")})
                other = conn.execute("SELECT meeting_id FROM invitees WHERE id = ?",
                                     (represented_by,)).fetchone()
                if other is None or other["meeting_id"] != invitee["meeting_id"] \
                        or represented_by == invitee_id:
                    raise ValidationError({"represented_by": _(
                        "Choisissez une autre personne invitée à cette réunion.")})
            else:
                represented_by = None
            guard_edit(conn, self._actor, invitee["meeting_id"], confirmed)
            # Times belong to a check-in: present by hand keeps them, anything else drops them.
            times = "" if status is AttendanceStatus.PRESENT else ", arrived_at = NULL, left_at = NULL"
            conn.execute(f"UPDATE invitees SET attendance = ?, represented_by = ?{times} "
                         "WHERE id = ?", (status, represented_by, invitee_id))
            record(conn, self._actor, "update", "attendance", invitee_id, ["attendance"])

    def check_in(self, invitee_id: int, now: datetime | None = None) -> None:
        """Arrived at the meeting: present, with the time; back after leaving, the first
        arrival stands and the departure goes."""
        with self._db.write() as conn:
            presence_rows.check_in(conn, self._actor, invitee_id, now)

    def check_out(self, invitee_id: int, now: datetime | None = None) -> None:
        """Left before the end: still present at the meeting, with the time they left."""
        with self._db.write() as conn:
            invitee = held_invitee(conn, invitee_id)
            if invitee["attendance"] != AttendanceStatus.PRESENT:
                raise Refused(_("Son arrivée n’est pas notée : il n’y a pas de départ à noter."))
            guard_edit(conn, self._actor, invitee["meeting_id"], False)
            conn.execute("UPDATE invitees SET left_at = ? WHERE id = ?",
                         (utc_iso(now), invitee_id))
            record(conn, self._actor, "check_out", "attendance", invitee_id, ["left_at"])

    def forget_attendance(self, invitee_id: int) -> None:
        """A check-in noted by mistake: back to what their answer said, without times."""
        with self._db.write() as conn:
            invitee = held_invitee(conn, invitee_id)
            guard_edit(conn, self._actor, invitee["meeting_id"], False)
            conn.execute("UPDATE invitees SET attendance = NULL, represented_by = NULL, "
                         "arrived_at = NULL, left_at = NULL WHERE id = ?", (invitee_id,))
            record(conn, self._actor, "update", "attendance", invitee_id, ["attendance"])

    # ---- the confidential passage (secret professionnel, art. L. 1112-3 CSP) -------------

    def reveal_confidential(self, item_id: int) -> str:
        """An item's confidential passage, shown: the audit log keeps who read it and when
        (never what it says)."""
        with self._db.write() as conn:
            row = conn.execute("SELECT confidential_notes FROM agenda_items WHERE id = ?",
                               (item_id,)).fetchone()
            if row is None:
                raise NotFound(_("Ce point de l’ordre du jour n’existe plus."))
            record(conn, self._actor, "reveal", "agenda_item", item_id, ["confidential_notes"])
        return row["confidential_notes"]

    def record_confidential_export(self, meeting_id: int) -> None:
        """An internal version (with the confidential passages) was written to a file."""
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM meetings WHERE id = ?", (meeting_id,)).fetchone() is None:
                raise NotFound(_("Cette réunion n’existe plus."))
            record(conn, self._actor, "export", "minutes", meeting_id, ["confidential_notes"])

    def confidential_trail(self, meeting_id: int) -> list[AuditEntry]:
        """Who read (in the app) or exported this meeting's confidential passages, and when,
        the latest first."""
        rows = self._db.connection().execute(
            "SELECT * FROM audit_log WHERE fields = 'confidential_notes' AND ("
            "(action = 'reveal' AND entity = 'agenda_item' AND entity_id IN "
            "(SELECT id FROM agenda_items WHERE meeting_id = ?)) OR "
            "(action = 'export' AND entity = 'minutes' AND entity_id = ?)) ORDER BY id DESC",
            (meeting_id, meeting_id))
        return [audit_entry(row) for row in rows]

    # ---- notes --------------------------------------------------------------------------

    def write_notes(self, item_id: int, text: str, *, confidential: bool = False,
                    confirmed: bool = False) -> None:
        """Saved as typed: an unchanged text writes nothing."""
        if len(text) > NOTES_LIMIT:
            raise ValidationError({"notes": _("Ces notes dépassent {n} caractères : "
                                              "découpez-les en plusieurs points.").format(
                n=f"{NOTES_LIMIT:_}".replace("_", "\u202f"))})
        column = "confidential_notes" if confidential else "notes"
        with self._db.write() as conn:
            row = conn.execute(f"SELECT meeting_id, {column} AS text FROM agenda_items "
                               "WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                raise NotFound(_("Ce point de l’ordre du jour n’existe plus."))
            if row["text"] == text:
                return
            guard_edit(conn, self._actor, row["meeting_id"], confirmed)
            conn.execute(f"UPDATE agenda_items SET {column} = ?, updated_at = ? WHERE id = ?",
                         (text, utc_now_iso(), item_id))
            self._record_once(conn, item_id, column)

    # ---- lifecycle ----------------------------------------------------------------------

    def circulate(self, meeting_id: int, remarks_until: date | str,
                  today: date | None = None) -> MinutesState:
        """Sent to the members for remarks until a deadline."""
        deadline = remarks_until
        if isinstance(deadline, str):
            deadline = check.collect(lambda: check.parse_date("remarks_until", remarks_until))[0]
        if deadline is None:
            raise ValidationError({"remarks_until": _("Indiquez jusqu’à quand les remarques "
                                                      "sont attendues (JJ/MM/AAAA).")})
        if deadline < (today or clock.today()):
            raise ValidationError({"remarks_until": _("Cette date est passée.")})
        with self._db.write() as conn:
            status = self._lifecycle(conn, meeting_id, "circulate")
            conn.execute("UPDATE minutes SET status = ?, remarks_until = ?, circulated_at = ?, "
                         "updated_at = ? WHERE meeting_id = ?",
                         (status, deadline.isoformat(), utc_now_iso(), utc_now_iso(), meeting_id))
            record(conn, self._actor, "circulate", "minutes", meeting_id, ["status"])
        return self.state(meeting_id)

    def adopt(self, meeting_id: int, in_meeting_id: int | None = None) -> MinutesState:
        """Adopted by the committee, normally at its next meeting (the one whose agenda holds
        « Adoption du compte rendu »)."""
        with self._db.write() as conn:
            status = self._lifecycle(conn, meeting_id, "adopt")
            if in_meeting_id is None:
                found = conn.execute("SELECT meeting_id FROM agenda_items WHERE kind = 'adoption' "
                                     "AND adopts_meeting_id = ? ORDER BY id LIMIT 1",
                                     (meeting_id,)).fetchone()
                in_meeting_id = found["meeting_id"] if found else None
            elif conn.execute("SELECT 1 FROM meetings a JOIN meetings b ON a.committee_id = "
                              "b.committee_id WHERE a.id = ? AND b.id = ? AND a.id != b.id",
                              (meeting_id, in_meeting_id)).fetchone() is None:
                raise Refused(_("Un compte rendu s’adopte lors d’une autre réunion du même comité."))
            now = utc_now_iso()
            conn.execute("UPDATE minutes SET status = ?, adopted_at = ?, adopted_in_meeting_id = ?,"
                         " updated_at = ? WHERE meeting_id = ?",
                         (status, now, in_meeting_id, now, meeting_id))
            record(conn, self._actor, "adopt", "minutes", meeting_id, ["status"])
        return self.state(meeting_id)

    def sign(self, meeting_id: int, signers: Sequence[tuple[str, str]],
             signed_on: date | None = None) -> MinutesState:
        """Signed (on paper) by those named; from then on the minutes are locked."""
        names = [(check.collect(lambda name=name: check.required("signer", name, _("Le nom")))[0],
                  check.collect(lambda cap=capacity: check.required(
                      "capacity", cap, _("La qualité du signataire")))[0])
                 for name, capacity in signers]
        if not names:
            raise ValidationError({"signer": _("Indiquez au moins un signataire.")})
        day = signed_on or clock.today()
        with self._db.write() as conn:
            status = self._lifecycle(conn, meeting_id, "sign")
            conn.executemany("INSERT INTO minutes_signatures (meeting_id, signer, capacity, "
                             "signed_on) VALUES (?, ?, ?, ?)",
                             [(meeting_id, name, capacity, day.isoformat())
                              for name, capacity in names])
            now = utc_now_iso()
            conn.execute("UPDATE minutes SET status = ?, signed_at = ?, updated_at = ? "
                         "WHERE meeting_id = ?", (status, now, now, meeting_id))
            record(conn, self._actor, "sign", "minutes", meeting_id, ["status"])
        return self.state(meeting_id)

    # ---- helpers ------------------------------------------------------------------------

    def _lifecycle(self, conn: sqlite3.Connection, meeting_id: int, step: str) -> MinutesStatus:
        """The next status, after checking the meeting was held; the minutes row exists after."""
        meeting = conn.execute("SELECT status FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
        if meeting is None:
            raise NotFound(_("Cette réunion n’existe plus."))
        if meeting["status"] != MeetingStatus.HELD:
            raise Refused(_("Le compte rendu suit une réunion tenue : notez d’abord la réunion "
                            "comme tenue."))
        conn.execute("INSERT OR IGNORE INTO minutes (meeting_id, updated_at) VALUES (?, ?)",
                     (meeting_id, utc_now_iso()))
        current = conn.execute("SELECT status FROM minutes WHERE meeting_id = ?",
                               (meeting_id,)).fetchone()["status"]
        return advance(MinutesStatus(current), step)

    def _record_once(self, conn: sqlite3.Connection, item_id: int, column: str) -> None:
        """Notes saved as typed would fill the audit log: one line per run of edits."""
        last = conn.execute("SELECT actor, action, entity, entity_id, fields FROM audit_log "
                            "ORDER BY id DESC LIMIT 1").fetchone()
        if last is None or tuple(last) != (self._actor, "update", "agenda_item", item_id, column):
            record(conn, self._actor, "update", "agenda_item", item_id, [column])

