"""The ordre du jour: ordered items, the committee's template, and the automatic item
« Adoption du compte rendu précédent »."""

import sqlite3
from dataclasses import dataclass

from comite.kernel.clock import utc_now_iso
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.agenda_rows import FIELDS, ITEM_FIELDS, read_items, usual_items
from comite.store.audit import record
from comite.store.errors import NotFound, Refused
from comite.store.meetings import MeetingService
from comite.store.minutes_guard import guard_edit
from comite.store.minutes_models import (
    ADOPTION_OUTCOMES,
    Agenda,
    AgendaItem,
    ItemKind,
    Outcome,
    Participation,
    Purpose,
)
from comite.store.service import Service


@dataclass(frozen=True, slots=True)
class ItemInput:
    title: str
    presenter: str = ""
    duration_minutes: int | str = 10
    purpose: Purpose | str = Purpose.INFORMATION
    participation: Participation | str = Participation.INFORMATION
    # None leaves what the item holds (a caller that does not know these fields keeps them).
    easy_title: str | None = None
    outcome: Outcome | str | None = None

    def validated(self, kind: ItemKind = ItemKind.TOPIC) -> dict[str, object]:
        """The values to write; `kind` says which outcomes fit (an adoption's are its own)."""
        def duration() -> int:
            text = str(self.duration_minutes).strip()
            if not (text.isdecimal() and len(text) <= 3 and 1 <= int(text) <= 600):
                raise check.FieldError("duration_minutes", _(
                    "Indiquez une durée en minutes, entre 1 et 600 (par exemple 15)."))
            return int(text)

        def outcome() -> str | None:
            if self.outcome is None:
                return None
            said = choice("outcome", Outcome, str(self.outcome))
            if kind is ItemKind.ADOPTION and Outcome(said) not in (Outcome.UNSAID, *ADOPTION_OUTCOMES):
                raise check.FieldError("outcome", _(
                    "Un compte rendu est adopté, non adopté ou son adoption est reportée : "
                    "choisissez l’une de ces issues."))
            return said

        def choice(field: str, vocabulary: type[Purpose] | type[Participation] | type[Outcome],
                   value: str) -> str:
            try:
                return vocabulary(value).value
            except ValueError:
                raise check.FieldError(field, _("Choisissez dans la liste.")) from None

        title, presenter, minutes, purpose, degree, easy, said = check.collect(
            lambda: check.required("title", self.title, _("Le titre du point")),
            lambda: check.optional_text("presenter", self.presenter, limit=120),
            duration,
            lambda: choice("purpose", Purpose, str(self.purpose)),
            lambda: choice("participation", Participation, str(self.participation)),
            lambda: None if self.easy_title is None else check.optional_text(
                "easy_title", self.easy_title, limit=EASY_TITLE_LIMIT),
            outcome,
        )
        values = {"title": title, "presenter": presenter, "duration_minutes": minutes,
                  "purpose": purpose, "participation": degree}
        if easy is not None:
            values["easy_title"] = easy
        if said is not None:
            values["outcome"] = said
        return values


# A plain title is short, or it is not plain: one line of the easy-to-read copy, about.
EASY_TITLE_LIMIT = 90


class AgendaService(Service):
    def agenda(self, meeting_id: int) -> Agenda:
        from comite.store.conclusions import ConclusionService

        meeting = MeetingService(self._db, self._actor).get(meeting_id)
        items = read_items(self._db.connection(), meeting_id)
        carried = ConclusionService(self._db, self._actor).carried(meeting_id)
        return Agenda(meeting=meeting, items=items, carried=tuple(carried))

    def item(self, item_id: int) -> AgendaItem:
        conn = self._db.connection()
        meeting_id = self._row(conn, item_id)["meeting_id"]
        return next(item for item in read_items(conn, meeting_id) if item.id == item_id)

    def add_item(self, meeting_id: int, item: ItemInput, confirmed: bool = False) -> AgendaItem:
        values = {"easy_title": "", "outcome": Outcome.UNSAID.value, **item.validated()}
        with self._db.write() as conn:
            status = conn.execute("SELECT status FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
            if status is None:
                raise NotFound(_("Cette réunion n’existe plus."))
            if status["status"] == "cancelled":
                raise Refused(_("Cette réunion est annulée : son ordre du jour ne change plus."))
            guard_edit(conn, self._actor, meeting_id, confirmed)
            position = conn.execute("SELECT coalesce(max(position), 0) + 1 FROM agenda_items "
                                    "WHERE meeting_id = ?", (meeting_id,)).fetchone()[0]
            now = utc_now_iso()
            cursor = conn.execute(
                "INSERT INTO agenda_items (meeting_id, position, " + ", ".join(ITEM_FIELDS)
                + ", created_at, updated_at) VALUES (?, ?" + ", ?" * len(ITEM_FIELDS) + ", ?, ?)",
                (meeting_id, position, *(values[name] for name in ITEM_FIELDS), now, now))
            record(conn, self._actor, "create", "agenda_item", cursor.lastrowid, values)
        return self.item(cursor.lastrowid)

    def update_item(self, item_id: int, item: ItemInput, confirmed: bool = False) -> AgendaItem:
        with self._db.write() as conn:
            before = self._row(conn, item_id)
            values = item.validated(ItemKind(before["kind"]))
            changed = [name for name in values if before[name] != values[name]]
            if changed:
                guard_edit(conn, self._actor, before["meeting_id"], confirmed)
                conn.execute("UPDATE agenda_items SET updated_at = ?, "
                             + ", ".join(f"{name} = ?" for name in changed) + " WHERE id = ?",
                             (utc_now_iso(), *(values[name] for name in changed), item_id))
                record(conn, self._actor, "update", "agenda_item", item_id, changed)
        return self.item(item_id)

    def removal_refusal(self, item_id: int) -> str | None:
        """Why the item cannot leave the agenda (conclusions were taken on it), or None: the
        app asks it before its question, so that it never asks and then refuses."""
        return _removal_refusal(self._db.connection(), item_id)

    def remove_item(self, item_id: int, confirmed: bool = False) -> None:
        with self._db.write() as conn:
            row = self._row(conn, item_id)
            if why := _removal_refusal(conn, item_id):
                raise Refused(why)
            guard_edit(conn, self._actor, row["meeting_id"], confirmed)
            conn.execute("DELETE FROM agenda_items WHERE id = ?", (item_id,))
            record(conn, self._actor, "delete", "agenda_item", item_id)

    def move_item(self, item_id: int, delta: int) -> AgendaItem:
        """Up (−1) or down (+1) by one place; the first and last stay put."""
        with self._db.write() as conn:
            meeting_id = self._row(conn, item_id)["meeting_id"]
            ids = [row["id"] for row in conn.execute(
                "SELECT id FROM agenda_items WHERE meeting_id = ? ORDER BY position, id",
                (meeting_id,))]
            here = ids.index(item_id)
            there = here + (1 if delta > 0 else -1)
            if delta and 0 <= there < len(ids):
                ids[here], ids[there] = ids[there], ids[here]
                conn.executemany("UPDATE agenda_items SET position = ? WHERE id = ?",
                                 [(position, each) for position, each in enumerate(ids, start=1)])
                record(conn, self._actor, "update", "agenda_item", item_id, ["position"])
        return self.item(item_id)

    def template(self, committee_id: int) -> list[ItemInput]:
        return [ItemInput(title, presenter, minutes, Purpose(purpose), Participation(degree))
                for title, presenter, minutes, purpose, degree
                in usual_items(self._db.connection(), committee_id)]

    def save_template(self, meeting_id: int) -> int:
        """This meeting's items (not the adoption) become the committee's usual agenda."""
        with self._db.write() as conn:
            meeting = conn.execute("SELECT committee_id FROM meetings WHERE id = ?",
                                   (meeting_id,)).fetchone()
            if meeting is None:
                raise NotFound(_("Cette réunion n’existe plus."))
            rows = conn.execute(
                "SELECT " + ", ".join(FIELDS) + " FROM agenda_items WHERE meeting_id = ? "
                "AND kind = 'topic' ORDER BY position, id", (meeting_id,)).fetchall()
            if not rows:
                raise Refused(_("L’ordre du jour est vide : ajoutez des points avant d’en faire "
                                "le modèle du comité."))
            committee = meeting["committee_id"]
            conn.execute("DELETE FROM agenda_templates WHERE committee_id = ?", (committee,))
            conn.executemany(
                "INSERT INTO agenda_templates (committee_id, position, " + ", ".join(FIELDS)
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(committee, position, *row) for position, row in enumerate(rows, start=1)])
            record(conn, self._actor, "update", "agenda_template", committee, ["items"])
        return len(rows)

    @staticmethod
    def _row(conn: sqlite3.Connection, item_id: int) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM agenda_items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise NotFound(_("Ce point de l’ordre du jour n’existe plus."))
        return row


def _removal_refusal(conn: sqlite3.Connection, item_id: int) -> str | None:
    if conn.execute("SELECT 1 FROM conclusions WHERE item_id = ?", (item_id,)).fetchone():
        return _("Des conclusions ont été prises sur ce point : il reste à l’ordre du jour.")
    return None
