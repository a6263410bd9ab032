"""The agenda's rows as a meeting's own transactions write them: read, seeded from the
committee's template, and the adoption of the last minutes. Below both the meetings and the
agenda services, so that neither imports the other to write an agenda."""

import sqlite3

from comite.kernel.clock import utc_now_iso
from comite.kernel.i18n import _
from comite.kernel.zones import from_utc_iso
from comite.store.agenda_defaults import defaults_for
from comite.store.errors import NotFound
from comite.store.minutes_models import AgendaItem, ItemKind, Outcome, Participation, Purpose

# What an item and the committee's template share; an item also has its own (`ITEM_FIELDS`).
FIELDS = ("title", "presenter", "duration_minutes", "purpose", "participation")
# The plain title and the outcome belong to one meeting's item, never to the template.
ITEM_FIELDS = (*FIELDS, "easy_title", "outcome")


def _item(row: sqlite3.Row, position: int) -> AgendaItem:
    return AgendaItem(
        id=row["id"], meeting_id=row["meeting_id"], position=position, kind=ItemKind(row["kind"]),
        title=row["title"], presenter=row["presenter"], duration_minutes=row["duration_minutes"],
        purpose=Purpose(row["purpose"]), participation=Participation(row["participation"]),
        notes=row["notes"], confidential_notes=row["confidential_notes"],
        adopts_meeting_id=row["adopts_meeting_id"], spent_seconds=row["spent_seconds"],
        easy_title=row["easy_title"], outcome=Outcome(row["outcome"]),
    )


def read_items(conn: sqlite3.Connection, meeting_id: int) -> tuple[AgendaItem, ...]:
    rows = conn.execute("SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position, id",
                        (meeting_id,))
    return tuple(_item(row, index) for index, row in enumerate(rows, start=1))


def seed_agenda(conn: sqlite3.Connection, meeting_id: int, committee_id: int) -> None:
    """A new meeting's agenda: the committee's template (or its kind's usual items), preceded
    by the adoption of the last minutes not yet adopted."""
    now = utc_now_iso()
    for position, values in enumerate(usual_items(conn, committee_id), start=1):
        conn.execute(
            "INSERT INTO agenda_items (meeting_id, position, " + ", ".join(FIELDS)
            + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (meeting_id, position, *values, now, now))
    last = conn.execute(
        "SELECT m.id FROM meetings m JOIN slots s ON s.meeting_id = m.id AND s.status = 'chosen' "
        "LEFT JOIN minutes mi ON mi.meeting_id = m.id WHERE m.committee_id = ? AND m.id != ? "
        "AND m.status = 'held' AND coalesce(mi.status, 'draft') IN ('draft', 'circulated') "
        "ORDER BY s.starts_at DESC LIMIT 1", (committee_id, meeting_id)).fetchone()
    if last is not None:
        add_adoption_item(conn, meeting_id, last["id"])


def usual_items(conn: sqlite3.Connection, committee_id: int) -> list[tuple[object, ...]]:
    """The committee's template as (title, presenter, minutes, purpose, degree) rows, or the
    usual items of its kind when it saved none."""
    rows = conn.execute("SELECT " + ", ".join(FIELDS) + " FROM agenda_templates "
                        "WHERE committee_id = ? ORDER BY position, id", (committee_id,)).fetchall()
    if rows:
        return [tuple(row) for row in rows]
    kind = conn.execute("SELECT kind FROM committees WHERE id = ?", (committee_id,)).fetchone()
    if kind is None:
        raise NotFound(_("Ce comité n’existe plus."))
    return [(title, "", minutes, purpose.value, degree.value)
            for title, minutes, purpose, degree in defaults_for(kind["kind"])]


def add_adoption_item(conn: sqlite3.Connection, meeting_id: int, adopts: int) -> None:
    """« Adoption du compte rendu du … » first on the agenda, once. A meeting planned long
    ahead may hold the adoption of minutes another meeting adopted since: its item then
    moves on to these minutes, unless the séance already said what came of it."""
    existing = conn.execute(
        "SELECT a.id, a.outcome, coalesce(mi.status, 'draft') AS adopted FROM agenda_items a "
        "LEFT JOIN minutes mi ON mi.meeting_id = a.adopts_meeting_id "
        "WHERE a.meeting_id = ? AND a.kind = 'adoption'", (meeting_id,)).fetchone()
    if existing is not None and (existing["outcome"] or existing["adopted"] in ("draft",
                                                                              "circulated")):
        return
    row = conn.execute(
        "SELECT m.timezone, s.starts_at FROM meetings m LEFT JOIN slots s ON s.meeting_id = m.id "
        "AND s.status = 'chosen' WHERE m.id = ?", (adopts,)).fetchone()
    title = _("Adoption du compte rendu précédent")
    if row["starts_at"]:
        title = _("Adoption du compte rendu du {date}").format(
            date=from_utc_iso(row["starts_at"], row["timezone"]).strftime("%d/%m/%Y"))
    now = utc_now_iso()
    if existing is not None:
        conn.execute("UPDATE agenda_items SET adopts_meeting_id = ?, title = ?, updated_at = ? "
                     "WHERE id = ?", (adopts, title, now, existing["id"]))
        return
    conn.execute(
        "INSERT INTO agenda_items (meeting_id, position, kind, adopts_meeting_id, title, "
        "duration_minutes, purpose, participation, created_at, updated_at) "
        "VALUES (?, 0, 'adoption', ?, ?, 5, 'decision', 'consultation', ?, ?)",
        (meeting_id, adopts, title, now, now))


def follow_held_meeting(conn: sqlite3.Connection, meeting_id: int) -> None:
    """A meeting just held: the committee's meetings still to come will adopt its minutes."""
    committee = conn.execute("SELECT committee_id FROM meetings WHERE id = ?",
                             (meeting_id,)).fetchone()["committee_id"]
    for row in conn.execute("SELECT id FROM meetings WHERE committee_id = ? AND id != ? AND "
                            "status IN ('draft', 'poll', 'convened')",
                            (committee, meeting_id)).fetchall():
        add_adoption_item(conn, row["id"], meeting_id)
