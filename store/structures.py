"""Structures: the MSP, centre de santé, hospital… that a committee belongs to."""

import sqlite3

from comite.kernel.clock import new_uid, utc_now_iso
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.committee_models import Structure, StructureKind
from comite.store.errors import NotFound, Refused
from comite.store.service import Service, changed_fields


def _structure(row: sqlite3.Row) -> Structure:
    return Structure(
        id=row["id"], uid=row["uid"], name=row["name"], kind=StructureKind(row["kind"]),
        city=row["city"],
    )


def _validated(name: str, kind: StructureKind | str, city: str) -> dict[str, object]:
    clean_name, clean_kind, clean_city = check.collect(
        lambda: check.required("name", name, _("Le nom de la structure")),
        lambda: _kind(kind),
        lambda: check.optional_text("city", city),
    )
    return {"name": clean_name, "kind": clean_kind, "city": clean_city}


def _kind(kind: StructureKind | str) -> str:
    try:
        return StructureKind(kind).value
    except ValueError:
        raise check.FieldError("kind", _("Choisissez le type de structure.")) from None


class StructureService(Service):
    def create(self, name: str, kind: StructureKind | str, city: str = "") -> Structure:
        values = _validated(name, kind, city)
        now = utc_now_iso()
        with self._db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO structures (uid, name, kind, city, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (new_uid(), values["name"], values["kind"], values["city"], now, now),
            )
            record(conn, self._actor, "create", "structure", cursor.lastrowid, values)
        return self.get(cursor.lastrowid)

    def update(self, structure_id: int, name: str, kind: StructureKind | str, city: str = "") -> Structure:
        values = _validated(name, kind, city)
        with self._db.write() as conn:
            before = conn.execute(
                "SELECT name, kind, city FROM structures WHERE id = ?", (structure_id,)
            ).fetchone()
            if before is None:
                raise NotFound(_("Cette structure n’existe plus."))
            conn.execute(
                "UPDATE structures SET name = ?, kind = ?, city = ?, updated_at = ? WHERE id = ?",
                (values["name"], values["kind"], values["city"], utc_now_iso(), structure_id),
            )
            record(conn, self._actor, "update", "structure", structure_id,
                   changed_fields(dict(before), values))
        return self.get(structure_id)

    def delete(self, structure_id: int) -> None:
        with self._db.write() as conn:
            used = conn.execute(
                "SELECT count(*) FROM committees WHERE structure_id = ?", (structure_id,)
            ).fetchone()[0]
            if used:
                raise Refused(
                    _("Cette structure a {n} comité(s), archivés compris : rattachez-les à une "
                      "autre structure (touche « e » sur le comité) avant de la supprimer.")
                    .format(n=used)
                )
            if conn.execute("DELETE FROM structures WHERE id = ?", (structure_id,)).rowcount == 0:
                raise NotFound(_("Cette structure n’existe plus."))
            record(conn, self._actor, "delete", "structure", structure_id)

    def get(self, structure_id: int) -> Structure:
        row = self._db.connection().execute(
            "SELECT * FROM structures WHERE id = ?", (structure_id,)
        ).fetchone()
        if row is None:
            raise NotFound(_("Cette structure n’existe plus."))
        return _structure(row)

    def all(self) -> list[Structure]:
        rows = self._db.connection().execute(
            "SELECT * FROM structures ORDER BY name COLLATE NOCASE, id"
        )
        return [_structure(row) for row in rows]

    def count(self) -> int:
        return self._db.connection().execute("SELECT count(*) FROM structures").fetchone()[0]
