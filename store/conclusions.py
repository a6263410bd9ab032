"""The relevé de conclusions: decisions and actions taken in a meeting, followed from one
meeting to the next until they are closed (faite / abandonnée, with a word why)."""

import sqlite3
from dataclasses import dataclass
from datetime import date

from comite.kernel.clock import date_or_none, new_uid, utc_now_iso
from comite.kernel.i18n import _
from comite.kernel.zones import from_utc_iso
from comite.store import validation as check
from comite.store.audit import record
from comite.store.carryover import UNDATED, Dated, Facts, carried
from comite.store.errors import NotFound, Refused, ValidationError
from comite.store.lifecycle import can_remove_conclusion
from comite.store.minutes_guard import guard_edit
from comite.store.minutes_models import (
    COMMITTEE_OWNER,
    CarriedConclusion,
    Conclusion,
    ConclusionKind,
    ConclusionStatus,
    MinutesStatus,
)
from comite.store.service import Service

_SELECT = """
    SELECT c.*, m.title AS meeting_title, m.timezone, s.starts_at AS meeting_start,
        coalesce(a.title, '') AS item_title,
        coalesce(trim(p.first_name || ' ' || p.last_name), '') AS owner_name
    FROM conclusions c JOIN meetings m ON m.id = c.meeting_id
    LEFT JOIN slots s ON s.meeting_id = m.id AND s.status = 'chosen'
    LEFT JOIN agenda_items a ON a.id = c.item_id
    LEFT JOIN people p ON p.id = c.owner_id
"""
_FIELDS = ("kind", "text", "owner_id", "owner_text", "due_on")
DECIDED = "Décision prise en séance"


@dataclass(frozen=True, slots=True)
class ConclusionInput:
    text: str
    kind: ConclusionKind | str = ConclusionKind.ACTION
    owner_id: int | None = None  # None: a service named in `owner_text`, or the committee
    due_on: date | str | None = None
    owner_text: str = ""  # « Service des urgences », « Direction des soins »…

    def validated(self) -> dict[str, object]:
        def text() -> str:
            cleaned = check.optional_text("text", self.text, limit=2000)
            if not cleaned:
                raise check.FieldError("text", _("Écrivez la conclusion."))
            return cleaned

        def kind() -> str:
            try:
                return ConclusionKind(str(self.kind)).value
            except ValueError:
                raise check.FieldError("kind", _(
                    "Choisissez décision, action ou recommandation.")) from None

        def owner_text() -> str:
            cleaned = check.optional_text("owner_text", self.owner_text, limit=200)
            if cleaned and self.owner_id is not None:
                raise check.FieldError("owner_text", _(
                    "Une personne ou un service, pas les deux : videz l’un des deux champs."))
            return cleaned

        def due() -> str | None:
            value = self.due_on
            if isinstance(value, str):
                value = check.parse_date("due_on", value)
            return value.isoformat() if value else None

        clean_text, clean_kind, due_on, named = check.collect(text, kind, due, owner_text)
        return {"kind": clean_kind, "text": clean_text, "owner_id": self.owner_id,
                "owner_text": named, "due_on": due_on}


def _conclusion(row: sqlite3.Row) -> Conclusion:
    start = row["meeting_start"]
    return Conclusion(
        id=row["id"], uid=row["uid"], meeting_id=row["meeting_id"],
        meeting_title=row["meeting_title"],
        meeting_date=from_utc_iso(start, row["timezone"]) if start else None,
        item_id=row["item_id"], item_title=row["item_title"], kind=ConclusionKind(row["kind"]),
        text=row["text"], owner_id=row["owner_id"], owner_text=row["owner_text"],
        owner_name=row["owner_name"] or row["owner_text"] or _(COMMITTEE_OWNER),
        due_on=date_or_none(row["due_on"]),
        status=ConclusionStatus(row["status"]), closed_reason=row["closed_reason"],
        closed_at=row["closed_at"], closed_in_meeting_id=row["closed_in_meeting_id"],
    )


def _overdue_first(conclusion: Conclusion, today: date) -> tuple[bool, date, int]:
    return (not conclusion.overdue(today), conclusion.due_on or date.max, conclusion.id)


class ConclusionService(Service):
    # ---- reading -----------------------------------------------------------------------

    def get(self, conclusion_id: int) -> Conclusion:
        row = self._db.connection().execute(_SELECT + " WHERE c.id = ?", (conclusion_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette conclusion n’existe plus."))
        return _conclusion(row)

    def for_meeting(self, meeting_id: int) -> list[Conclusion]:
        """Taken in this meeting, in the order of its agenda."""
        rows = self._db.connection().execute(
            _SELECT + " WHERE c.meeting_id = ? ORDER BY a.position IS NULL, a.position, c.id",
            (meeting_id,))
        return [_conclusion(row) for row in rows]

    def carried(self, meeting_id: int) -> list[CarriedConclusion]:
        """« Suite donnée aux conclusions précédentes » of this meeting, oldest first."""
        conn = self._db.connection()
        meeting = conn.execute("SELECT committee_id FROM meetings WHERE id = ?",
                               (meeting_id,)).fetchone()
        if meeting is None:
            raise NotFound(_("Cette réunion n’existe plus."))
        timeline = [Dated(row["id"], row["at"]) for row in conn.execute(
            "SELECT m.id, coalesce(s.starts_at, ?) AS at FROM meetings m LEFT JOIN slots s "
            "ON s.meeting_id = m.id AND s.status = 'chosen' WHERE m.committee_id = ? "
            "AND m.status != 'cancelled'", (UNDATED, meeting["committee_id"]))]
        facts = [Facts(row["id"], row["meeting_id"], row["status"] == "open",
                       row["closed_in_meeting_id"], row["closed_at"]) for row in conn.execute(
            "SELECT c.id, c.meeting_id, c.status, c.closed_in_meeting_id, c.closed_at "
            "FROM conclusions c JOIN meetings m ON m.id = c.meeting_id "
            "WHERE m.committee_id = ? AND c.meeting_id != ? ORDER BY c.meeting_id, c.id",
            (meeting["committee_id"], meeting_id))]
        shown = carried(timeline, facts, meeting_id)
        if not shown:
            return []
        times = dict(shown)
        rows = conn.execute(
            _SELECT + f" WHERE c.id IN ({', '.join('?' * len(times))})", tuple(times)).fetchall()
        records = {row["id"]: _conclusion(row) for row in rows}
        return [CarriedConclusion(records[cid], count) for cid, count in shown]

    def owners(self, meeting_id: int) -> list[tuple[int, str]]:
        """Whom a conclusion can be given to: the invitees, the committee's members and the
        coordinator of its structure (invited or not)."""
        rows = self._db.connection().execute(
            "SELECT DISTINCT p.id, trim(p.first_name || ' ' || p.last_name) AS name, p.sort_key "
            "FROM people p WHERE p.id IN (SELECT person_id FROM invitees WHERE meeting_id = ?) "
            "OR p.id IN (SELECT ms.person_id FROM memberships ms JOIN meetings m "
            "ON m.committee_id = ms.committee_id WHERE m.id = ?) "
            "OR p.id = (SELECT s.coordinator_id FROM meetings m JOIN committees co "
            "ON co.id = m.committee_id JOIN structures s ON s.id = co.structure_id WHERE m.id = ?) "
            "ORDER BY p.sort_key, p.id",
            (meeting_id, meeting_id, meeting_id))
        return [(row["id"], row["name"]) for row in rows]

    def recommendations(self, committee_id: int, year: int) -> list[Conclusion]:
        """The recommendations a committee made in meetings of `year`, for its annual report,
        in the order they were made."""
        rows = self._db.connection().execute(
            _SELECT + " WHERE m.committee_id = ? AND c.kind = 'recommendation' "
            "AND s.starts_at >= ? AND s.starts_at < ? ORDER BY s.starts_at, a.position, c.id",
            (committee_id, f"{year - 1}-12-31", f"{year + 1}-01-02"))
        return [c for c in map(_conclusion, rows)
                if c.meeting_date is not None and c.meeting_date.year == year]

    def open_by_owner(self, today: date) -> list[tuple[str, list[Conclusion]]]:
        """Every open conclusion, grouped by owner; owners with overdue ones first."""
        rows = self._db.connection().execute(
            _SELECT + " JOIN committees co ON co.id = m.committee_id "
            "WHERE c.status = 'open' AND co.archived_at IS NULL")
        groups: dict[str, list[Conclusion]] = {}
        for row in rows:
            conclusion = _conclusion(row)
            groups.setdefault(conclusion.owner_name, []).append(conclusion)
        for conclusions in groups.values():
            conclusions.sort(key=lambda c: _overdue_first(c, today))
        return sorted(groups.items(), key=lambda group: (
            -sum(c.overdue(today) for c in group[1]), check.fold(group[0])))

    # ---- writing ------------------------------------------------------------------------

    def add(self, item_id: int, conclusion: ConclusionInput, confirmed: bool = False) -> Conclusion:
        """A conclusion taken on an agenda item of a meeting held (or in session).

        A decision with no due date is done once taken: only what remains to be done is
        carried to the next meetings."""
        values = conclusion.validated()
        with self._db.write() as conn:
            item = conn.execute(
                "SELECT a.meeting_id, m.status FROM agenda_items a JOIN meetings m "
                "ON m.id = a.meeting_id WHERE a.id = ?", (item_id,)).fetchone()
            if item is None:
                raise NotFound(_("Ce point de l’ordre du jour n’existe plus."))
            if item["status"] != "held":
                raise Refused(_("Les conclusions se prennent en séance : ouvrez la séance "
                                "ou notez la réunion comme tenue."))
            self._check_owner(conn, values["owner_id"])
            guard_edit(conn, self._actor, item["meeting_id"], confirmed)
            now = utc_now_iso()
            settled = values["kind"] == ConclusionKind.DECISION and values["due_on"] is None
            cursor = conn.execute(
                "INSERT INTO conclusions (uid, meeting_id, item_id, kind, text, owner_id, "
                "owner_text, due_on, status, closed_reason, closed_at, closed_in_meeting_id, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uid(), item["meeting_id"], item_id, values["kind"], values["text"],
                 values["owner_id"], values["owner_text"], values["due_on"],
                 ConclusionStatus.DONE if settled else ConclusionStatus.OPEN,
                 _(DECIDED) if settled else "", now if settled else None,
                 item["meeting_id"] if settled else None, now, now))
            record(conn, self._actor, "create", "conclusion", cursor.lastrowid, values)
        return self.get(cursor.lastrowid)

    def update(self, conclusion_id: int, conclusion: ConclusionInput,
               confirmed: bool = False) -> Conclusion:
        """An edit of the conclusion as its own meeting's minutes record it."""
        values = conclusion.validated()
        with self._db.write() as conn:
            before = self._row(conn, conclusion_id)
            changed = [name for name in _FIELDS if before[name] != values[name]]
            if changed:
                self._check_owner(conn, values["owner_id"])
                guard_edit(conn, self._actor, before["meeting_id"], confirmed)
                self._write(conn, conclusion_id, values, changed)
        return self.get(conclusion_id)

    def follow_up(self, conclusion_id: int, owner_id: int | None, due_on: date | str | None,
                  in_meeting_id: int | None = None, owner_text: str | None = None) -> Conclusion:
        """Reassigned or re-dated as a later meeting decides: the follow-up, not an edit of
        the minutes where it was taken. A service named in words stays, unless a person or
        another `owner_text` is given."""
        with self._db.write() as conn:
            before = self._row(conn, conclusion_id)
            if owner_text is None:
                owner_text = before["owner_text"] if owner_id is None else ""
            values = ConclusionInput(before["text"], before["kind"], owner_id, due_on,
                                     owner_text).validated()
            self._check_owner(conn, owner_id)
            self._check_later(conn, before, in_meeting_id)
            changed = [name for name in ("owner_id", "owner_text", "due_on")
                       if before[name] != values[name]]
            if changed:
                self._write(conn, conclusion_id, values, changed)
        return self.get(conclusion_id)

    def close(self, conclusion_id: int, status: ConclusionStatus | str, reason: str,
              in_meeting_id: int | None = None) -> Conclusion:
        status = ConclusionStatus(status)
        if status is ConclusionStatus.OPEN:
            raise Refused(_("Pour rouvrir une conclusion, utilisez « rouvrir »."))
        why = check.collect(lambda: check.optional_text("reason", reason, limit=500, prose=True))[0]
        if not why:
            raise ValidationError({"reason": _(
                "Dites en un mot pourquoi : ce qui a été fait, ou pourquoi on y renonce.")})
        with self._db.write() as conn:
            before = self._row(conn, conclusion_id)
            if before["status"] != ConclusionStatus.OPEN:
                raise Refused(_("Cette conclusion est déjà close."))
            self._check_later(conn, before, in_meeting_id)
            now = utc_now_iso()
            conn.execute("UPDATE conclusions SET status = ?, closed_reason = ?, closed_at = ?, "
                         "closed_in_meeting_id = ?, updated_at = ? WHERE id = ?",
                         (status, why, now, in_meeting_id, now, conclusion_id))
            record(conn, self._actor, "close", "conclusion", conclusion_id, ["status"])
        return self.get(conclusion_id)

    def reopen(self, conclusion_id: int) -> Conclusion:
        with self._db.write() as conn:
            self._row(conn, conclusion_id)
            conn.execute("UPDATE conclusions SET status = 'open', closed_reason = '', "
                         "closed_at = NULL, closed_in_meeting_id = NULL, updated_at = ? "
                         "WHERE id = ?", (utc_now_iso(), conclusion_id))
            record(conn, self._actor, "reopen", "conclusion", conclusion_id, ["status"])
        return self.get(conclusion_id)

    def removal_refusal(self, conclusion_id: int) -> str | None:
        """Why the conclusion can no longer be removed, or None: the app asks it before its
        question, so that it never asks and then refuses."""
        return self._removal_refusal(self._db.connection(), conclusion_id)

    def remove(self, conclusion_id: int) -> None:
        """Only while its minutes are a draft: afterwards it is closed, never deleted."""
        with self._db.write() as conn:
            if why := self._removal_refusal(conn, conclusion_id):
                raise Refused(why)
            conn.execute("DELETE FROM conclusions WHERE id = ?", (conclusion_id,))
            record(conn, self._actor, "delete", "conclusion", conclusion_id)

    # ---- helpers ------------------------------------------------------------------------

    def _write(self, conn: sqlite3.Connection, conclusion_id: int, values: dict[str, object],
               changed: list[str]) -> None:
        conn.execute("UPDATE conclusions SET updated_at = ?, "
                     + ", ".join(f"{name} = ?" for name in _FIELDS) + " WHERE id = ?",
                     (utc_now_iso(), *(values[name] for name in _FIELDS), conclusion_id))
        record(conn, self._actor, "update", "conclusion", conclusion_id, changed)

    @staticmethod
    def _check_owner(conn: sqlite3.Connection, owner_id: int | None) -> None:
        if owner_id is not None and conn.execute(
                "SELECT 1 FROM people WHERE id = ?", (owner_id,)).fetchone() is None:
            raise ValidationError({"owner_id": _("Cette personne n’existe plus.")})

    @staticmethod
    def _check_later(conn: sqlite3.Connection, conclusion: sqlite3.Row,
                     in_meeting_id: int | None) -> None:
        """A follow-up decided in a meeting belongs to a meeting of the same committee."""
        if in_meeting_id is None:
            return
        rows = conn.execute("SELECT id, committee_id FROM meetings WHERE id IN (?, ?)",
                            (conclusion["meeting_id"], in_meeting_id)).fetchall()
        if len({row["committee_id"] for row in rows}) != 1 or len(rows) != 2:
            raise Refused(_("Cette conclusion n’appartient pas à ce comité."))

    @classmethod
    def _removal_refusal(cls, conn: sqlite3.Connection, conclusion_id: int) -> str | None:
        row = cls._row(conn, conclusion_id)
        status = conn.execute("SELECT status FROM minutes WHERE meeting_id = ?",
                              (row["meeting_id"],)).fetchone()
        if status and not can_remove_conclusion(MinutesStatus(status["status"])):
            return _("Le compte rendu de cette réunion est adopté : la conclusion ne se supprime "
                     "plus. Fermez-la (faite ou abandonnée) en disant pourquoi.")
        return None

    @staticmethod
    def _row(conn: sqlite3.Connection, conclusion_id: int) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM conclusions WHERE id = ?", (conclusion_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette conclusion n’existe plus."))
        return row
