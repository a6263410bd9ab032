"""Structures: the MSP, centre de santé, hospital… that a committee belongs to."""

import sqlite3

from comite.kernel.clock import new_uid, utc_now_iso
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.committee_models import Letterhead, Structure, StructureKind
from comite.store.errors import NotFound, Refused
from comite.store.service import Service, changed_fields

_FIELDS = ("name", "kind", "city", "address", "phone", "email")


def _structure(row: sqlite3.Row) -> Structure:
    return Structure(
        id=row["id"], uid=row["uid"], name=row["name"], kind=StructureKind(row["kind"]),
        city=row["city"], address=row["address"], phone=row["phone"], email=row["email"],
        logo=row["logo"],
    )


def _validated(name: str, kind: StructureKind | str, city: str, address: str, phone: str,
               email: str) -> dict[str, object]:
    values = check.collect(
        lambda: check.required("name", name, _("Le nom de la structure")),
        lambda: _kind(kind),
        lambda: check.optional_text("city", city),
        lambda: _address(address),
        lambda: check.phone("phone", phone),
        lambda: check.email("email", email),
    )
    return dict(zip(_FIELDS, values, strict=True))


def _address(address: str) -> str:
    """Up to four lines, as they will print under the letterhead."""
    lines = [line.strip() for line in check.optional_text("address", address, limit=300).splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 4:
        raise check.FieldError("address", _("L’adresse tient en quatre lignes au plus."))
    return "\n".join(lines)


def _kind(kind: StructureKind | str) -> str:
    try:
        return StructureKind(kind).value
    except ValueError:
        raise check.FieldError("kind", _("Choisissez le type de structure.")) from None


class StructureService(Service):
    def create(self, name: str, kind: StructureKind | str, city: str = "", *, address: str = "",
               phone: str = "", email: str = "") -> Structure:
        values = _validated(name, kind, city, address, phone, email)
        now = utc_now_iso()
        with self._db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO structures (uid, created_at, updated_at, " + ", ".join(_FIELDS)
                + ") VALUES (?, ?, ?" + ", ?" * len(_FIELDS) + ")",
                (new_uid(), now, now, *(values[name] for name in _FIELDS)),
            )
            record(conn, self._actor, "create", "structure", cursor.lastrowid, values)
        return self.get(cursor.lastrowid)

    def update(self, structure_id: int, name: str, kind: StructureKind | str, city: str = "", *,
               address: str = "", phone: str = "", email: str = "") -> Structure:
        values = _validated(name, kind, city, address, phone, email)
        with self._db.write() as conn:
            before = conn.execute(
                "SELECT " + ", ".join(_FIELDS) + " FROM structures WHERE id = ?", (structure_id,)
            ).fetchone()
            if before is None:
                raise NotFound(_("Cette structure n’existe plus."))
            conn.execute(
                "UPDATE structures SET updated_at = ?, " + ", ".join(f"{n} = ?" for n in _FIELDS)
                + " WHERE id = ?",
                (utc_now_iso(), *(values[name] for name in _FIELDS), structure_id),
            )
            record(conn, self._actor, "update", "structure", structure_id,
                   changed_fields(dict(before), values))
        return self.get(structure_id)

    def set_logo(self, structure_id: int, file_name: str) -> Structure:
        """The logo's file in the data folder's logos/ (copied and checked by
        `comite.usecases.letterhead`), or "" to print none."""
        with self._db.write() as conn:
            if conn.execute("UPDATE structures SET logo = ?, updated_at = ? WHERE id = ?",
                            (file_name, utc_now_iso(), structure_id)).rowcount == 0:
                raise NotFound(_("Cette structure n’existe plus."))
            record(conn, self._actor, "update", "structure", structure_id, ["logo"])
        return self.get(structure_id)

    def letterhead(self, structure_id: int) -> Letterhead:
        return self.get(structure_id).letterhead

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
