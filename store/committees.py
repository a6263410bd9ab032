"""Committees: comités des usagers, CDU, working groups… archived, never lost, once they met."""

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from comite.kernel import plural
from comite.kernel.clock import new_uid, utc_now_iso
from comite.kernel.grammar import likely_article
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.committee_models import (
    CduGap,
    Committee,
    CommitteeKind,
    CommitteeSummary,
    QuarterCount,
)
from comite.store.errors import NotFound, Refused
from comite.store.service import Service, changed_fields
from comite.store.validation import fold

if TYPE_CHECKING:
    from comite.store.privacy_models import Composition

_SELECT = """
    SELECT c.*, s.name AS structure_name, s.article AS structure_article,
        (SELECT count(*) FROM memberships m WHERE m.committee_id = c.id) AS members,
        (SELECT count(*) FROM memberships m WHERE m.committee_id = c.id
            AND m.seat = 'titulaire' AND m.function != 'invite') AS titulars,
        (SELECT count(*) FROM memberships m WHERE m.committee_id = c.id
            AND m.seat = 'suppleant') AS substitutes
    FROM committees c JOIN structures s ON s.id = c.structure_id
"""


def _meetings(conn: sqlite3.Connection, committee_id: int) -> int:
    return conn.execute("SELECT count(*) FROM meetings WHERE committee_id = ?",
                        (committee_id,)).fetchone()[0]


def _committee(row: sqlite3.Row) -> Committee:
    return Committee(
        id=row["id"], uid=row["uid"], structure_id=row["structure_id"],
        structure_name=row["structure_name"], name=row["name"], kind=CommitteeKind(row["kind"]),
        description=row["description"], archived=row["archived_at"] is not None,
        article=row["article"] or likely_article(row["name"]),
        structure_article=row["structure_article"] or likely_article(row["structure_name"]),
    )


def _summary(row: sqlite3.Row) -> CommitteeSummary:
    return CommitteeSummary(
        committee=_committee(row), members=row["members"], titulars=row["titulars"],
        substitutes=row["substitutes"],
    )


def _kind(kind: CommitteeKind | str) -> str:
    try:
        return CommitteeKind(kind).value
    except ValueError:
        raise check.FieldError("kind", _("Choisissez le type de comité.")) from None


def _validated(
    structure_id: int | None, name: str, kind: CommitteeKind | str, description: str,
    article: str,
) -> dict[str, object]:
    def structure() -> int:
        if structure_id is None:
            raise check.FieldError("structure_id", _("Choisissez la structure du comité."))
        return structure_id

    sid, clean_name, clean_kind, clean_description, clean_article = check.collect(
        structure,
        lambda: check.required("name", name, _("Le nom du comité")),
        lambda: _kind(kind),
        lambda: check.optional_text("description", description, limit=2000, prose=True),
        lambda: check.article(article),
    )
    return {"structure_id": sid, "name": clean_name, "kind": clean_kind,
            "description": clean_description, "article": clean_article}


class CommitteeService(Service):
    def create(
        self, structure_id: int | None, name: str, kind: CommitteeKind | str, description: str = "",
        *, article: str = "",
    ) -> Committee:
        values = _validated(structure_id, name, kind, description, article)
        now = utc_now_iso()
        with self._db.write() as conn:
            self._require_structure(conn, values["structure_id"])
            cursor = conn.execute(
                "INSERT INTO committees (uid, structure_id, name, kind, description, article,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (new_uid(), values["structure_id"], values["name"], values["kind"],
                 values["description"], values["article"], now, now),
            )
            record(conn, self._actor, "create", "committee", cursor.lastrowid, values)
        return self.get(cursor.lastrowid)

    def update(
        self, committee_id: int, structure_id: int | None, name: str, kind: CommitteeKind | str,
        description: str = "", *, article: str = "",
    ) -> Committee:
        """The whole committee as given (an article left out reads again as the name suggests)."""
        values = _validated(structure_id, name, kind, description, article)
        with self._db.write() as conn:
            before = conn.execute(
                "SELECT structure_id, name, kind, description, article FROM committees "
                "WHERE id = ?",
                (committee_id,),
            ).fetchone()
            if before is None:
                raise NotFound(_("Ce comité n’existe plus."))
            self._require_structure(conn, values["structure_id"])
            conn.execute(
                "UPDATE committees SET structure_id = ?, name = ?, kind = ?, description = ?,"
                " article = ?, updated_at = ? WHERE id = ?",
                (values["structure_id"], values["name"], values["kind"], values["description"],
                 values["article"], utc_now_iso(), committee_id),
            )
            record(conn, self._actor, "update", "committee", committee_id,
                   changed_fields(dict(before), values))
        return self.get(committee_id)

    def set_archived(self, committee_id: int, archived: bool) -> Committee:
        with self._db.write() as conn:
            cursor = conn.execute(
                "UPDATE committees SET archived_at = ?, updated_at = ? WHERE id = ?",
                (utc_now_iso() if archived else None, utc_now_iso(), committee_id),
            )
            if cursor.rowcount == 0:
                raise NotFound(_("Ce comité n’existe plus."))
            record(conn, self._actor, "archive" if archived else "unarchive", "committee",
                   committee_id, ["archived_at"])
        return self.get(committee_id)

    def meeting_count(self, committee_id: int) -> int:
        """How many meetings the committee has (any status): with one, it is archived, never
        deleted. Asked before the question, so that the question says so."""
        return _meetings(self._db.connection(), committee_id)

    def delete(self, committee_id: int) -> None:
        """Only a committee that never met: one with meetings is archived instead."""
        with self._db.write() as conn:
            if meetings := _meetings(conn, committee_id):
                raise Refused(
                    _("Ce comité a déjà {meetings} : son historique doit rester, "
                      "archivez-le plutôt que de le supprimer.").format(
                          meetings=plural.count(meetings, _("réunion"), _("réunions")))
                )
            if conn.execute("DELETE FROM committees WHERE id = ?", (committee_id,)).rowcount == 0:
                raise NotFound(_("Ce comité n’existe plus."))
            record(conn, self._actor, "delete", "committee", committee_id)

    def get(self, committee_id: int) -> Committee:
        return self.summary(committee_id).committee

    def summary(self, committee_id: int) -> CommitteeSummary:
        row = self._db.connection().execute(_SELECT + " WHERE c.id = ?", (committee_id,)).fetchone()
        if row is None:
            raise NotFound(_("Ce comité n’existe plus."))
        return _summary(row)

    def all(self, include_archived: bool = False, limit: int = 500) -> list[CommitteeSummary]:
        where = "" if include_archived else " WHERE c.archived_at IS NULL"
        rows = self._db.connection().execute(
            _SELECT + where + " ORDER BY c.archived_at IS NOT NULL, s.name COLLATE NOCASE,"
            " c.name COLLATE NOCASE, c.id LIMIT ?",
            (limit,),
        )
        return [_summary(row) for row in rows]

    def find(self, text: str, limit: int = 10) -> list[Committee]:
        """Committees whose name or structure contains `text`, for the global search."""
        escaped = fold(text.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        rows = self._db.connection().execute(
            _SELECT + " WHERE fold(c.name) LIKE ? ESCAPE '\\' OR fold(s.name) LIKE ? ESCAPE '\\'"
            " ORDER BY c.archived_at IS NOT NULL, c.name COLLATE NOCASE LIMIT ?",
            (pattern, pattern, limit),
        )
        return [_committee(row) for row in rows]

    def composition(self, committee_id: int, today: date) -> "Composition":
        """Its current members counted by role, age band, sex, territory and lived experience."""
        from comite.store.composition import composition

        self.get(committee_id)
        return composition(self._db.connection(), committee_id, today)

    def cdu_gaps(self, committee_id: int, today: date) -> list[CduGap]:
        """What a commission des usagers lacks, or soon needs (none for other kinds)."""
        from comite.store.cdu_composition import cdu_gaps
        from comite.store.memberships import MembershipService

        if self.get(committee_id).kind is not CommitteeKind.CDU:
            return []
        return cdu_gaps(MembershipService(self._db, self._actor).of_committee(committee_id), today)

    def quarters(self, committee_id: int, year: int, today: date) -> list[QuarterCount]:
        from comite.store.rhythm import year_quarters

        self.get(committee_id)
        return year_quarters(self._db.connection(), committee_id, year, today)

    def cdu_alerts(self, today: date) -> list[tuple[Committee, list[CduGap]]]:
        """Every active CDU with what it lacks or soon needs, and those with no meeting held
        or planned this quarter: for the dashboard."""
        found = []
        for summary in self.all():
            committee = summary.committee
            if committee.kind is not CommitteeKind.CDU:
                continue
            gaps = self.cdu_gaps(committee.id, today)
            this = next(q for q in self.quarters(committee.id, today.year, today) if q.current)
            if not this.held and not this.planned:
                gaps.insert(0, CduGap(_("Aucune réunion tenue ni prévue ce trimestre ({quarter}) : "
                                        "la CDU se réunit au moins une fois par trimestre.").format(
                    quarter=this.name)))
            if gaps:
                found.append((committee, gaps))
        return found

    def count(self) -> int:
        return self._db.connection().execute("SELECT count(*) FROM committees").fetchone()[0]

    @staticmethod
    def _require_structure(conn: sqlite3.Connection, structure_id: object) -> None:
        if conn.execute("SELECT 1 FROM structures WHERE id = ?", (structure_id,)).fetchone() is None:
            raise Refused(_("La structure choisie n’existe plus."))
