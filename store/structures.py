"""Structures: the MSP, centre de santé, hospital… that a committee belongs to, and the person
who coordinates it (the organizer of its committees' meetings)."""

import sqlite3

from comite.kernel import plural
from comite.kernel.clock import new_uid, utc_now_iso
from comite.kernel.grammar import likely_article
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.committee_models import Coordinator, Letterhead, Role, Structure, StructureKind
from comite.store.errors import NotFound, Refused
from comite.store.service import Service, changed_fields

_FIELDS = ("name", "kind", "city", "address", "phone", "email", "coordinator_id", "article",
           "access_notes", "dpo_contact", "report_due", "km_rate_mills")
MAX_KM_RATE_MILLS = 5000  # 5 € per km: past that, a typing slip

# The coordinator of each structure `s` that has one.
_COORDINATOR = ("SELECT s.id AS structure_id, p.id AS person_id, p.email, p.phone, "
                "trim(p.first_name || ' ' || p.last_name) AS name "
                "FROM structures s JOIN people p ON p.id = s.coordinator_id")


def _structure(row: sqlite3.Row) -> Structure:
    return Structure(
        id=row["id"], uid=row["uid"], name=row["name"], kind=StructureKind(row["kind"]),
        city=row["city"], address=row["address"], phone=row["phone"], email=row["email"],
        logo=row["logo"], coordinator_id=row["coordinator_id"],
        article=row["article"] or likely_article(row["name"]),
        access_notes=row["access_notes"], dpo_contact=row["dpo_contact"],
        report_due=row["report_due"],
    )


def _coordinator(row: sqlite3.Row) -> Coordinator:
    return Coordinator(person_id=row["person_id"], name=row["name"], email=row["email"],
                       phone=row["phone"])


def _validated(conn: sqlite3.Connection, name: str, kind: StructureKind | str, city: str,
               address: str, phone: str, email: str,
               coordinator_id: int | None, article: str, access_notes: str = "",
               dpo_contact: str = "", report_due: str = "",
               km_rate: str | None = None) -> dict[str, object]:
    values = check.collect(
        lambda: check.required("name", name, _("Le nom de la structure")),
        lambda: _kind(kind),
        lambda: check.optional_text("city", city),
        lambda: _address(address),
        lambda: check.phone("phone", phone),
        lambda: check.email("email", email),
        lambda: _person(conn, coordinator_id),
        lambda: check.article(article),
        lambda: check.optional_text("access_notes", access_notes, limit=500, prose=True),
        lambda: _dpo_contact(dpo_contact),
        lambda: _report_due(report_due),
        lambda: None if km_rate is None else _km_rate(km_rate),
    )
    return dict(zip(_FIELDS, values, strict=True))


def _report_due(text: str) -> str:
    """A day and a month typed « 31/03 » (or « 31/3 »), kept as '03-31'; '' for none. The 29
    February is refused: a report due every year needs a day every year has."""
    import re
    from datetime import date

    typed = text.strip()
    if not typed:
        return ""
    found = re.fullmatch(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})", typed)
    try:
        day = date(2027, int(found.group(2)), int(found.group(1))) if found else None
    except ValueError:
        day = None
    if day is None:
        raise check.FieldError("report_due", _(
            "Écrivez le jour et le mois où le bilan est à remettre chaque année, par exemple "
            "31/03."))
    return day.strftime("%m-%d")


def _km_rate(text: str) -> int:
    """The rate per km paid to the users who engage, typed « 0,32 » or « 0.321 » (euros), kept
    in thousandths of a euro; '' for none (their kilometres cannot be entered then)."""
    import re

    typed = str(text).strip().removesuffix("€/km").removesuffix("€").strip()
    if not typed:
        return 0
    if typed.startswith("-"):
        raise check.FieldError("km_rate_mills", _("L’indemnité kilométrique ne peut pas être "
                                                  "négative."))
    found = re.fullmatch(r"(\d+)(?:[.,](\d{1,3}))?", typed)
    if found is None:
        raise check.FieldError("km_rate_mills", _(
            "Écrivez l’indemnité en euros par kilomètre, trois décimales au plus, par exemple "
            "0,32."))
    mills = int(found.group(1)) * 1000 + int((found.group(2) or "").ljust(3, "0"))
    if mills > MAX_KM_RATE_MILLS:
        raise check.FieldError("km_rate_mills", _(
            "Plus de 5 € par kilomètre : vérifiez l’indemnité (par exemple 0,32)."))
    return mills


def _address(address: str) -> str:
    """Up to four lines, as they will print under the letterhead."""
    lines = [line.strip() for line in check.optional_text("address", address, limit=300).splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 4:
        raise check.FieldError("address", _("L’adresse tient en quatre lignes au plus."))
    return "\n".join(lines)


def _dpo_contact(text: str) -> str:
    """A name, a role, an e-mail, a phone or an address: up to four lines, as printed in the
    answer to a right-of-access request."""
    lines = [line.strip() for line in
             check.optional_text("dpo_contact", text, limit=300).splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 4:
        raise check.FieldError("dpo_contact", _(
            "Le contact pour les données personnelles tient en quatre lignes au plus."))
    return "\n".join(lines)


def _kind(kind: StructureKind | str) -> str:
    try:
        return StructureKind(kind).value
    except ValueError:
        raise check.FieldError("kind", _("Choisissez le type de structure.")) from None


def _person(conn: sqlite3.Connection, person_id: int | None) -> int | None:
    """The coordinator designated: None for none, else a person of the base."""
    if person_id is None:
        return None
    if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
        raise check.FieldError("coordinator_id", _(
            "Cette personne n’est plus dans la base : cherchez à nouveau la personne qui "
            "coordonne la structure."))
    return person_id


def _give_the_role(conn: sqlite3.Connection, actor: str, person_id: int | None) -> None:
    """The coordinator designated holds the coordinator's role: the tally of a séance reads the
    roles, and counts them with the professionals (unless they also hold a user's role)."""
    if person_id is not None and conn.execute(
            "INSERT OR IGNORE INTO person_roles (person_id, role) VALUES (?, ?)",
            (person_id, Role.COORDINATOR.value)).rowcount:
        record(conn, actor, "update", "person", person_id, ["roles"])


class StructureService(Service):
    def create(self, name: str, kind: StructureKind | str, city: str = "", *, address: str = "",
               phone: str = "", email: str = "", coordinator_id: int | None = None,
               article: str = "", access_notes: str = "", dpo_contact: str = "",
               report_due: str = "", km_rate: str = "") -> Structure:
        now = utc_now_iso()
        with self._db.write() as conn:
            values = _validated(conn, name, kind, city, address, phone, email, coordinator_id,
                                 article, access_notes, dpo_contact, report_due, km_rate)
            cursor = conn.execute(
                "INSERT INTO structures (uid, created_at, updated_at, " + ", ".join(_FIELDS)
                + ") VALUES (?, ?, ?" + ", ?" * len(_FIELDS) + ")",
                (new_uid(), now, now, *(values[name] for name in _FIELDS)),
            )
            record(conn, self._actor, "create", "structure", cursor.lastrowid, values)
            _give_the_role(conn, self._actor, values["coordinator_id"])
        return self.get(cursor.lastrowid)

    def update(self, structure_id: int, name: str, kind: StructureKind | str, city: str = "", *,
               address: str = "", phone: str = "", email: str = "",
               coordinator_id: int | None = None, article: str = "",
               access_notes: str = "", dpo_contact: str = "", report_due: str = "",
               km_rate: str | None = None) -> Structure:
        """The whole structure as given: a field left out is emptied, the coordinator too (an
        article left out reads again as the name suggests). The rate per km alone stays as it
        is when not given (None): it is no part of the letterhead the other callers rewrite."""
        with self._db.write() as conn:
            values = _validated(conn, name, kind, city, address, phone, email, coordinator_id,
                                 article, access_notes, dpo_contact, report_due, km_rate)
            before = conn.execute(
                "SELECT " + ", ".join(_FIELDS) + " FROM structures WHERE id = ?", (structure_id,)
            ).fetchone()
            if before is None:
                raise NotFound(_("Cette structure n’existe plus."))
            if values["km_rate_mills"] is None:
                values["km_rate_mills"] = before["km_rate_mills"]
            conn.execute(
                "UPDATE structures SET updated_at = ?, " + ", ".join(f"{n} = ?" for n in _FIELDS)
                + " WHERE id = ?",
                (utc_now_iso(), *(values[name] for name in _FIELDS), structure_id),
            )
            record(conn, self._actor, "update", "structure", structure_id,
                   changed_fields(dict(before), values))
            _give_the_role(conn, self._actor, values["coordinator_id"])
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

    def set_km_rate(self, structure_id: int, km_rate: str) -> int:
        """The rate per km alone, typed as in the form (« 0,32 »); returns it in thousandths."""
        mills = check.collect(lambda: _km_rate(km_rate))[0]
        with self._db.write() as conn:
            before = conn.execute("SELECT km_rate_mills FROM structures WHERE id = ?",
                                  (structure_id,)).fetchone()
            if before is None:
                raise NotFound(_("Cette structure n’existe plus."))
            conn.execute("UPDATE structures SET km_rate_mills = ?, updated_at = ? WHERE id = ?",
                         (mills, utc_now_iso(), structure_id))
            record(conn, self._actor, "update", "structure", structure_id,
                   ["km_rate_mills"] if before[0] != mills else [])
        return mills

    def km_rate_mills(self, structure_id: int) -> int:
        """The rate per km the structure pays now, in thousandths of a euro; 0 when none is set
        (an expense copies it when entered: `comite.store.expenses`)."""
        row = self._db.connection().execute(
            "SELECT km_rate_mills FROM structures WHERE id = ?", (structure_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette structure n’existe plus."))
        return row[0]

    def letterhead(self, structure_id: int) -> Letterhead:
        return self.get(structure_id).letterhead

    def committee_coordinator(self, committee_id: int) -> Coordinator | None:
        """Who coordinates the committee's structure (so organizes its meetings); None when
        nobody is designated."""
        row = self._db.connection().execute(
            _COORDINATOR + " JOIN committees c ON c.structure_id = s.id WHERE c.id = ?",
            (committee_id,)).fetchone()
        return _coordinator(row) if row else None

    def coordinators(self) -> dict[int, Coordinator]:
        """The coordinator of every structure that has one, by structure id."""
        return {row["structure_id"]: _coordinator(row)
                for row in self._db.connection().execute(_COORDINATOR)}

    def delete(self, structure_id: int) -> None:
        with self._db.write() as conn:
            used = conn.execute(
                "SELECT count(*) FROM committees WHERE structure_id = ?", (structure_id,)
            ).fetchone()[0]
            if used:
                raise Refused(
                    plural.plural(
                        used, _("Cette structure a {n} comité (archivé ou non) : rattachez-le à une "
                                "autre structure (touche « e » sur le comité) avant de la "
                                "supprimer."),
                        _("Cette structure a {n} comités, archivés compris : rattachez-les à une "
                          "autre structure (touche « e » sur le comité) avant de la supprimer."))
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
