"""The séance en cours: which item is being discussed, the time it has taken, and who took
the floor — so the facilitator sees whether the users present were heard."""

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from comite.kernel.clock import utc_now_iso
from comite.kernel.grammar import gender_of, gendered
from comite.kernel.i18n import _
from comite.store import presence_rows
from comite.store.audit import record
from comite.store.errors import NeedsConfirmation, NotFound, Refused
from comite.store.fragments import SIDE
from comite.store.meeting_models import InviteeSeat, MeetingStatus
from comite.store.meetings import MeetingService
from comite.store.minutes_models import AgendaItem, FloorCount, MinutesStatus, Side, Sitting
from comite.store.service import Service

# A séance may open a little before the convened time: people arrive early.
EARLY_START = timedelta(hours=1)


def read_floor(conn: sqlite3.Connection, meeting_id: int) -> list[FloorCount]:
    rows = conn.execute(
        "SELECT t.item_id, t.invitee_id, count(*) AS turns, "
        f"trim(p.first_name || ' ' || p.last_name) AS name, {SIDE} "
        "FROM speaking_turns t JOIN agenda_items a ON a.id = t.item_id "
        "JOIN invitees i ON i.id = t.invitee_id JOIN people p ON p.id = i.person_id "
        "WHERE a.meeting_id = ? GROUP BY t.item_id, t.invitee_id "
        "ORDER BY a.position, turns DESC, p.sort_key", (meeting_id,))
    return [FloorCount(row["item_id"], row["invitee_id"], row["name"], Side(row["side"]),
                       row["turns"])
            for row in rows]


def floor_totals(floor: Sequence[FloorCount], item_id: int | None = None) -> dict[Side, int]:
    """Turns taken on each side (on one item, or in all); every side is there, 0 or more."""
    totals = dict.fromkeys(Side, 0)
    for count in floor:
        if item_id is None or count.item_id == item_id:
            totals[count.side] += count.turns
    return totals


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class SittingService(Service):
    def get(self, meeting_id: int) -> Sitting | None:
        row = self._db.connection().execute("SELECT * FROM sessions WHERE meeting_id = ?",
                                            (meeting_id,)).fetchone()
        if row is None:
            return None
        return Sitting(
            meeting_id=meeting_id, current_item_id=row["current_item_id"],
            item_started_at=datetime.fromisoformat(row["item_started_at"])
            if row["item_started_at"] else None,
            started_at=datetime.fromisoformat(row["started_at"]),
            ended_at=datetime.fromisoformat(row["ended_at"]) if row["ended_at"] else None,
        )

    def start(self, meeting_id: int, now: datetime | None = None) -> Sitting:
        """Open (or resume) the séance: the meeting becomes « tenue », the first item starts."""
        moment = _now(now)
        meeting = MeetingService(self._db, self._actor)
        status = meeting.get(meeting_id).status
        if status is MeetingStatus.CONVENED:
            meeting.mark_held(meeting_id, now=moment + EARLY_START)
        elif status is not MeetingStatus.HELD:
            raise Refused(_("La séance s’ouvre sur une réunion convoquée (créneau retenu) ; "
                            "celle-ci est « {status} ».").format(status=status.label.lower()))
        elif self._minutes_settled(meeting_id):
            raise Refused(_("Le compte rendu de cette réunion est adopté : la séance est close. "
                            "Les corrections se font dans le compte rendu (touche d)."))
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM sessions WHERE meeting_id = ?",
                            (meeting_id,)).fetchone() is None:
                first = conn.execute("SELECT id FROM agenda_items WHERE meeting_id = ? "
                                     "ORDER BY position, id LIMIT 1", (meeting_id,)).fetchone()
                conn.execute("INSERT INTO sessions (meeting_id, current_item_id, item_started_at,"
                             " started_at) VALUES (?, ?, ?, ?)",
                             (meeting_id, first["id"] if first else None,
                              _iso(moment) if first else None, _iso(moment)))
                record(conn, self._actor, "start", "session", meeting_id)
            else:
                conn.execute("UPDATE sessions SET ended_at = NULL, item_started_at = "
                             "coalesce(item_started_at, ?) WHERE meeting_id = ?",
                             (_iso(moment), meeting_id))
        return self._require(meeting_id)

    def move(self, meeting_id: int, delta: int, now: datetime | None = None) -> Sitting:
        """To the next (+1) or previous (−1) item; the first and last stay put."""
        session = self._require(meeting_id)
        ids = [row["id"] for row in self._db.connection().execute(
            "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", (meeting_id,))]
        if not ids:
            return session
        here = ids.index(session.current_item_id) if session.current_item_id in ids else -1
        there = min(max(here + delta, 0), len(ids) - 1)
        return self.go_to(meeting_id, ids[there], now)

    def go_to(self, meeting_id: int, item_id: int, now: datetime | None = None) -> Sitting:
        moment = _now(now)
        with self._db.write() as conn:
            session = self._require(meeting_id)
            item = conn.execute("SELECT meeting_id FROM agenda_items WHERE id = ?",
                                (item_id,)).fetchone()
            if item is None or item["meeting_id"] != meeting_id:
                raise NotFound(_("Ce point de l’ordre du jour n’existe plus."))
            if session.current_item_id == item_id:
                return session
            self._stop_clock(conn, session, moment)
            conn.execute("UPDATE sessions SET current_item_id = ?, item_started_at = ? "
                         "WHERE meeting_id = ?", (item_id, _iso(moment), meeting_id))
        return self._require(meeting_id)

    def end(self, meeting_id: int, now: datetime | None = None) -> Sitting:
        moment = _now(now)
        with self._db.write() as conn:
            session = self._require(meeting_id)
            self._stop_clock(conn, session, moment)
            conn.execute("UPDATE sessions SET item_started_at = NULL, ended_at = ? "
                         "WHERE meeting_id = ?", (_iso(moment), meeting_id))
            record(conn, self._actor, "end", "session", meeting_id)
        return self._require(meeting_id)

    @staticmethod
    def spent_seconds(item: AgendaItem, session: Sitting | None, now: datetime | None = None) -> int:
        """Time spent on the item so far, the running stretch included."""
        spent = item.spent_seconds
        if session and session.current_item_id == item.id and session.item_started_at:
            spent += max(0, int((_now(now) - session.item_started_at).total_seconds()))
        return spent

    # ---- the floor ----------------------------------------------------------------------

    def take_floor(self, item_id: int, invitee_id: int, now: datetime | None = None, *,
                   check_in: bool = False) -> None:
        """One more turn for someone in the room. Someone not checked in (or gone) is asked
        about first (NeedsConfirmation); `check_in` notes their arrival with the turn."""
        with self._db.write() as conn:
            same = conn.execute(
                "SELECT i.attendance, i.left_at, trim(p.first_name || ' ' || p.last_name) AS name, "
                "p.sex "
                "FROM agenda_items a JOIN invitees i ON i.meeting_id = a.meeting_id "
                "JOIN people p ON p.id = i.person_id WHERE a.id = ? AND i.id = ?",
                (item_id, invitee_id)).fetchone()
            if same is None:
                raise NotFound(_("Cette personne ou ce point n’est plus à cette réunion."))
            if same["attendance"] != "present" or same["left_at"] is not None:
                if not check_in:
                    raise NeedsConfirmation(gendered(_(
                        "{name} n’est pas noté(e) dans la salle : noter son arrivée, puis sa "
                        "prise de parole ?"), gender_of(same["sex"])).format(name=same["name"]))
                presence_rows.check_in(conn, self._actor, invitee_id, now)
            conn.execute("INSERT INTO speaking_turns (item_id, invitee_id, at) VALUES (?, ?, ?)",
                         (item_id, invitee_id, _iso(_now(now))))

    def undo_floor(self, item_id: int, invitee_id: int) -> None:
        """A turn noted by mistake: the last one goes."""
        with self._db.write() as conn:
            conn.execute("DELETE FROM speaking_turns WHERE id = (SELECT max(id) FROM "
                         "speaking_turns WHERE item_id = ? AND invitee_id = ?)",
                         (item_id, invitee_id))

    def floor(self, meeting_id: int) -> list[FloorCount]:
        return read_floor(self._db.connection(), meeting_id)

    # ---- who walks in -------------------------------------------------------------------

    def join(self, meeting_id: int, person_id: int, now: datetime | None = None) -> int:
        """Someone not invited comes into the room (the coordinator, a doctor, the director):
        at the table as a guest, checked in now. Someone already invited is just checked in.
        Returns their invitee id. Nothing is sent to them: the meeting is under way."""
        with self._db.write() as conn:
            self._require(meeting_id)
            if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
                raise NotFound(_("Cette personne n’existe plus."))
            row = conn.execute("SELECT id FROM invitees WHERE meeting_id = ? AND person_id = ?",
                               (meeting_id, person_id)).fetchone()
            if row is None:
                invitee_id = conn.execute(
                    "INSERT INTO invitees (meeting_id, person_id, seat, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    (meeting_id, person_id, InviteeSeat.GUEST, utc_now_iso())).lastrowid
                record(conn, self._actor, "create", "invitee", invitee_id)
            else:
                invitee_id = row["id"]
            presence_rows.check_in(conn, self._actor, invitee_id, now)
        return invitee_id

    # ---- helpers ------------------------------------------------------------------------

    @staticmethod
    def _stop_clock(conn: sqlite3.Connection, session: Sitting, moment: datetime) -> None:
        if session.current_item_id is None or session.item_started_at is None:
            return
        seconds = max(0, int((moment - session.item_started_at).total_seconds()))
        conn.execute("UPDATE agenda_items SET spent_seconds = spent_seconds + ? WHERE id = ?",
                     (seconds, session.current_item_id))

    def _minutes_settled(self, meeting_id: int) -> bool:
        row = self._db.connection().execute(
            "SELECT status FROM minutes WHERE meeting_id = ?", (meeting_id,)).fetchone()
        return row is not None and row["status"] in (MinutesStatus.ADOPTED, MinutesStatus.SIGNED)

    def _require(self, meeting_id: int) -> Sitting:
        session = self.get(meeting_id)
        if session is None:
            raise Refused(_("La séance n’est pas ouverte."))
        return session
