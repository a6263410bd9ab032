"""People who engage: users, RU, patients partenaires, professionals — and their search."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from comite.kernel.clock import new_uid, utc_now_iso
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.committee_models import Labelled, Role
from comite.store.errors import NotFound
from comite.store.memberships import membership_rows
from comite.store.profile import LivedAs, Sex
from comite.store.service import Service, changed_fields

if TYPE_CHECKING:
    from comite.store.people_models import PeoplePage, Person, PersonDeletionImpact, PersonRow

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class PersonInput:
    """What a form or a script hands in; checked by `validated()`."""

    last_name: str
    first_name: str = ""
    email: str = ""
    phone: str = ""
    profession: str = ""
    association: str = ""
    note: str = ""
    roles: Iterable[Role | str] = field(default_factory=tuple)
    # For the committee's composition (counts only): year of birth, sex, territory, lived as.
    birth_year: int | str | None = None
    sex: Sex | str = Sex.UNSAID
    territory: str = ""
    lived_as: LivedAs | str = LivedAs.UNSAID
    # Documents in the easy-to-read version (« facile à lire et à comprendre ») as well.
    easy_read: bool = False

    def validated(self) -> dict[str, object]:
        (last, first, email, phone, profession, association, note, roles, birth_year, sex,
         territory, lived_as) = check.collect(
            lambda: check.required("last_name", self.last_name, _("Le nom")),
            lambda: check.optional_text("first_name", self.first_name),
            lambda: check.email("email", self.email),
            lambda: check.phone("phone", self.phone),
            lambda: check.optional_text("profession", self.profession),
            lambda: check.optional_text("association", self.association),
            lambda: check.optional_text("note", self.note, limit=5000, prose=True),
            lambda: _roles(self.roles),
            lambda: _birth_year(self.birth_year),
            lambda: _choice("sex", Sex, self.sex, _("Choisissez femme, homme, autre ou non "
                                                      "renseigné.")),
            lambda: check.optional_text("territory", self.territory, limit=80),
            lambda: _choice("lived_as", LivedAs, self.lived_as, _("Choisissez patient(e), "
                                                                  "aidant(e), les deux ou non "
                                                                  "renseigné.")),
        )
        return {
            "last_name": last, "first_name": first, "email": email, "phone": phone,
            "profession": profession, "association": association, "note": note, "roles": roles,
            "birth_year": birth_year, "sex": sex, "territory": territory, "lived_as": lived_as,
            "easy_read": bool(self.easy_read),
        }


def _birth_year(value: int | str | None) -> int | None:
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise check.FieldError("birth_year", _("« {value} » n’est pas une année de naissance : "
                                               "écrivez-la sur quatre chiffres (1958).").format(
                                                   value=text[:12]))
    return int(text)


def _choice(name: str, vocabulary: type[Labelled], value: object, message: str) -> str:
    try:
        return vocabulary(value or "").value
    except ValueError:
        raise check.FieldError(name, message) from None


def _roles(roles: Iterable[Role | str]) -> tuple[Role, ...]:
    try:
        chosen = {Role(role) for role in roles}
    except ValueError:
        raise check.FieldError("roles", _("Rôle inconnu.")) from None
    return tuple(role for role in Role if role in chosen)


def fts_query(text: str) -> str | None:
    """Each word the coordinator typed becomes a prefix term; all must match."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


_COLUMNS = ("last_name", "first_name", "email", "phone", "profession", "association", "note",
            "birth_year", "sex", "territory", "lived_as", "easy_read")


class PeopleService(Service):
    def create(self, person: PersonInput) -> Person:
        values = person.validated()
        now = utc_now_iso()
        with self._db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO people (uid, sort_key, created_at, updated_at, "
                + ", ".join(_COLUMNS) + ") VALUES (?, ?, ?, ?" + ", ?" * len(_COLUMNS) + ")",
                (new_uid(), check.sort_key(values["last_name"], values["first_name"]), now, now,
                 *(values[name] for name in _COLUMNS)),
            )
            person_id = cursor.lastrowid
            _write_roles(conn, person_id, values["roles"])
            record(conn, self._actor, "create", "person", person_id,
                   [name for name, value in values.items() if value])
        return self.get(person_id)

    def update(self, person_id: int, person: PersonInput) -> Person:
        values = person.validated()
        with self._db.write() as conn:
            before = conn.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
            if before is None:
                raise NotFound(_("Cette personne n’existe plus."))
            old = {name: before[name] for name in _COLUMNS}
            old["roles"] = _read_roles(conn, person_id)
            conn.execute(
                "UPDATE people SET sort_key = ?, updated_at = ?, "
                + ", ".join(f"{name} = ?" for name in _COLUMNS) + " WHERE id = ?",
                (check.sort_key(values["last_name"], values["first_name"]), utc_now_iso(),
                 *(values[name] for name in _COLUMNS), person_id),
            )
            conn.execute("DELETE FROM person_roles WHERE person_id = ?", (person_id,))
            _write_roles(conn, person_id, values["roles"])
            changed = changed_fields(old, values)
            if set(changed) & _INDEXED:
                _forget_old_index_entries(conn)
            record(conn, self._actor, "update", "person", person_id, changed)
        return self.get(person_id)

    def get(self, person_id: int) -> Person:
        conn = self._db.connection()
        row = conn.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette personne n’existe plus."))
        values = {name: row[name] for name in _COLUMNS}
        values["sex"], values["lived_as"] = Sex(values["sex"]), LivedAs(values["lived_as"])
        values["easy_read"] = bool(values["easy_read"])
        from comite.store.people_models import Person

        return Person(id=row["id"], uid=row["uid"], roles=_read_roles(conn, person_id), **values)

    def by_email(self, email: str) -> Person | None:
        """The person with this e-mail, whatever its case; None when nobody has it."""
        row = self._db.connection().execute(
            "SELECT id FROM people WHERE lower(email) = lower(?) AND email != '' "
            "ORDER BY id LIMIT 1", (email.strip(),)).fetchone()
        return self.get(row["id"]) if row else None

    def by_uid(self, uid: str) -> Person:
        row = self._db.connection().execute("SELECT id FROM people WHERE uid = ?",
                                            (uid.strip().lower(),)).fetchone()
        if row is None:
            raise NotFound(_("Aucune personne n’a la référence « {uid} ».").format(uid=uid[:40]))
        return self.get(row["id"])

    def deletion_impact(self, person_id: int) -> PersonDeletionImpact:
        conn = self._db.connection()
        person = self.get(person_id)
        memberships = tuple(membership_rows(conn, "m.person_id = ?", (person_id,)))
        orphans = tuple(membership_rows(
            conn,
            "m.substitute_for IN (SELECT id FROM memberships WHERE person_id = ?)",
            (person_id,),
        ))
        from comite.store.people_models import PersonDeletionImpact

        return PersonDeletionImpact(
            person=person, memberships=memberships, substitutes_left_without_titular=orphans
        )

    def delete(self, person_id: int) -> None:
        """Deletes the person, their roles and memberships; their suppléants keep their seat."""
        with self._db.write() as conn:
            memberships = [row[0] for row in conn.execute(
                "SELECT id FROM memberships WHERE person_id = ?", (person_id,))]
            if conn.execute("DELETE FROM people WHERE id = ?", (person_id,)).rowcount == 0:
                raise NotFound(_("Cette personne n’existe plus."))
            _forget_old_index_entries(conn)
            for membership_id in memberships:
                record(conn, self._actor, "delete", "membership", membership_id)
            record(conn, self._actor, "delete", "person", person_id)

    def count(self) -> int:
        return self._db.connection().execute("SELECT count(*) FROM people").fetchone()[0]

    def page(self, query: str = "", after: tuple[str, int] | None = None, limit: int = 50) -> PeoplePage:
        """One page of people in name order, filtered by the words typed, after a keyset.

        Every word typed must start a word of the name, e-mail, profession or association.
        Hits are sorted through a covering index, so thousands of them never load whole rows.
        """
        conn = self._db.connection()
        keyset = "(p.sort_key, p.id) > (?, ?)" if after else "1"
        after_params = tuple(after or ())
        params: tuple
        if match := fts_query(query):
            hits = ("SELECT p.id FROM people_fts f JOIN people p INDEXED BY people_id_sort"
                    " ON p.id = f.rowid WHERE people_fts MATCH ? AND " + keyset
                    + " ORDER BY p.sort_key, p.id LIMIT ?")
            params = (match, *after_params)
            count_sql, count_params = (
                "SELECT count(*) FROM people_fts WHERE people_fts MATCH ?", (match,))
        else:
            hits = ("SELECT p.id FROM people p WHERE " + keyset
                    + " ORDER BY p.sort_key, p.id LIMIT ?")
            params = after_params
            count_sql, count_params = "SELECT count(*) FROM people", ()
        rows = conn.execute(
            "WITH hits AS (" + hits + ")"
            " SELECT p.id, p.first_name, p.last_name, p.email, p.phone, p.sort_key,"
            " (SELECT group_concat(role) FROM person_roles r WHERE r.person_id = p.id) AS roles"
            " FROM hits JOIN people p ON p.id = hits.id ORDER BY p.sort_key, p.id",
            (*params, limit + 1),
        ).fetchall()
        total = conn.execute(count_sql, count_params).fetchone()[0]
        from comite.store.people_models import PeoplePage

        return PeoplePage(
            rows=tuple(_row(row) for row in rows[:limit]), total=total, has_more=len(rows) > limit
        )


def _row(row: sqlite3.Row) -> PersonRow:
    from comite.store.people_models import PersonRow

    roles = set((row["roles"] or "").split(","))
    return PersonRow(
        id=row["id"], full_name=f"{row['first_name']} {row['last_name']}".strip(),
        email=row["email"], phone=row["phone"],
        roles=tuple(role for role in Role if role.value in roles), sort_key=row["sort_key"],
    )


_INDEXED = {"first_name", "last_name", "email", "profession", "association"}


def _forget_old_index_entries(conn: sqlite3.Connection) -> None:
    """FTS5 only marks a removed row as deleted; its words stay on disk until the index is
    merged. A deletion the coordinator was told is final must not leave the name behind."""
    conn.execute("INSERT INTO people_fts(people_fts) VALUES ('optimize')")


def _read_roles(conn: sqlite3.Connection, person_id: int) -> tuple[Role, ...]:
    found = {row[0] for row in conn.execute(
        "SELECT role FROM person_roles WHERE person_id = ?", (person_id,)
    )}
    return tuple(role for role in Role if role.value in found)


def _write_roles(conn: sqlite3.Connection, person_id: int, roles: Iterable[Role]) -> None:
    conn.executemany(
        "INSERT INTO person_roles (person_id, role) VALUES (?, ?)",
        [(person_id, Role(role).value) for role in roles],
    )
