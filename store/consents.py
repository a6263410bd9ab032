"""Consents per purpose, and the health note that only a given consent lets anyone write."""

import sqlite3
from datetime import date

from comite.kernel.clock import utc_now_iso
from comite.kernel.i18n import _
from comite.store import consent_texts
from comite.store.audit import record
from comite.store.errors import NotFound, Refused
from comite.store.privacy_models import Consent, ConsentMethod, ConsentText, Purpose
from comite.store.service import Service

HEALTH_NOTE_LIMIT = 2000


def _consent(row: sqlite3.Row) -> Consent:
    return Consent(id=row["id"], person_id=row["person_id"], purpose=Purpose(row["purpose"]),
                   version=row["version"], text=row["text"],
                   given_on=date.fromisoformat(row["given_on"]),
                   method=ConsentMethod(row["method"]),
                   withdrawn_on=date.fromisoformat(row["withdrawn_on"])
                   if row["withdrawn_on"] else None)


class ConsentService(Service):
    def text(self, purpose: Purpose | str) -> ConsentText:
        """The sentence to show (or read out) before asking."""
        return consent_texts.current(Purpose(purpose))

    def of_person(self, person_id: int) -> list[Consent]:
        """Every consent ever given, withdrawn ones included, the newest first."""
        return [_consent(row) for row in self._db.connection().execute(
            "SELECT * FROM consents WHERE person_id = ? ORDER BY given_on DESC, id DESC",
            (person_id,))]

    def active(self, person_id: int, purpose: Purpose | str) -> Consent | None:
        row = self._db.connection().execute(
            "SELECT * FROM consents WHERE person_id = ? AND purpose = ? AND withdrawn_on IS NULL "
            "ORDER BY id DESC LIMIT 1", (person_id, Purpose(purpose).value)).fetchone()
        return _consent(row) if row else None

    def give(self, person_id: int, purpose: Purpose | str, method: ConsentMethod | str,
             given_on: date, today: date) -> Consent:
        """Record a consent on the text shown today, in its current version."""
        purpose, method = Purpose(purpose), ConsentMethod(method)
        if given_on > today:
            raise Refused(_("Un accord se note quand il est donné : le {day} est à venir.").format(
                day=given_on.strftime("%d/%m/%Y")))
        shown = self.text(purpose)
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
                raise NotFound(_("Cette personne n’existe plus."))
            if conn.execute("SELECT 1 FROM consents WHERE person_id = ? AND purpose = ? AND "
                            "withdrawn_on IS NULL", (person_id, purpose.value)).fetchone():
                raise Refused(_("Un accord « {purpose} » est déjà en cours : retirez-le d’abord "
                                "pour en noter un nouveau.").format(purpose=purpose.label))
            cursor = conn.execute(
                "INSERT INTO consents (person_id, purpose, version, text, given_on, method, "
                "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (person_id, purpose.value, shown.version, shown.text, given_on.isoformat(),
                 method.value, utc_now_iso()))
            record(conn, self._actor, "consent", "person", person_id, [f"consent.{purpose}"])
            row = conn.execute("SELECT * FROM consents WHERE id = ?",
                               (cursor.lastrowid,)).fetchone()
        return _consent(row)

    def withdraw(self, consent_id: int, on: date, confirmed: bool = False) -> Consent:
        """Withdraw a consent. Withdrawing the health one erases the health note: raises
        NeedsConfirmation first (unless confirmed) when there is one."""
        from comite.store.errors import NeedsConfirmation

        with self._db.write() as conn:
            row = conn.execute("SELECT * FROM consents WHERE id = ?", (consent_id,)).fetchone()
            if row is None:
                raise NotFound(_("Cet accord n’existe plus."))
            if row["withdrawn_on"]:
                raise Refused(_("Cet accord a déjà été retiré le {day}.").format(
                    day=date.fromisoformat(row["withdrawn_on"]).strftime("%d/%m/%Y")))
            if on < date.fromisoformat(row["given_on"]):
                raise Refused(_("Un accord ne se retire pas avant d’avoir été donné (le {day})."
                                ).format(day=date.fromisoformat(row["given_on"]).strftime(
                                    "%d/%m/%Y")))
            person_id = row["person_id"]
            fields = [f"consent.{row['purpose']}"]
            if row["purpose"] == Purpose.HEALTH and _has_note(conn, person_id):
                if not confirmed:
                    raise NeedsConfirmation(_("Sans cet accord, la note de santé ne peut pas "
                                              "être gardée : elle sera effacée. Continuer ?"))
                conn.execute("DELETE FROM health_notes WHERE person_id = ?", (person_id,))
                fields.append("health_note")
            conn.execute("UPDATE consents SET withdrawn_on = ? WHERE id = ?",
                         (on.isoformat(), consent_id))
            record(conn, self._actor, "withdraw", "person", person_id, fields)
            row = conn.execute("SELECT * FROM consents WHERE id = ?", (consent_id,)).fetchone()
        return _consent(row)

    # ---- the health note --------------------------------------------------------------

    def has_health_note(self, person_id: int) -> bool:
        return _has_note(self._db.connection(), person_id)

    def set_health_note(self, person_id: int, text: str) -> None:
        """Write (or, empty, erase) the note; refused without an active health consent."""
        clean = text.strip()
        if len(clean) > HEALTH_NOTE_LIMIT:
            raise Refused(_("Note trop longue ({limit} caractères au plus) : quelques mots "
                            "suffisent.").format(limit=HEALTH_NOTE_LIMIT))
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
                raise NotFound(_("Cette personne n’existe plus."))
            if clean and not conn.execute(
                    "SELECT 1 FROM consents WHERE person_id = ? AND purpose = 'health' AND "
                    "withdrawn_on IS NULL", (person_id,)).fetchone():
                raise Refused(_("Pas d’information de santé sans son accord : notez d’abord "
                                "son consentement « Informations de santé » (texte lu, date, "
                                "manière). Rien n’a été enregistré."))
            if clean:
                conn.execute("INSERT INTO health_notes (person_id, text, updated_at) "
                             "VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET text = excluded.text, "
                             "updated_at = excluded.updated_at",
                             (person_id, clean, utc_now_iso()))
            else:
                conn.execute("DELETE FROM health_notes WHERE person_id = ?", (person_id,))
            record(conn, self._actor, "update" if clean else "delete", "person", person_id,
                   ["health_note"])

    def reveal_health_note(self, person_id: int) -> str:
        """The note's text; each reading is written in the audit log."""
        with self._db.write() as conn:
            row = conn.execute("SELECT text FROM health_notes WHERE person_id = ?",
                               (person_id,)).fetchone()
            if row is None:
                raise NotFound(_("Aucune note de santé pour cette personne."))
            record(conn, self._actor, "reveal", "person", person_id, ["health_note"])
        return row["text"]


def _has_note(conn: sqlite3.Connection, person_id: int) -> bool:
    return conn.execute("SELECT 1 FROM health_notes WHERE person_id = ?",
                        (person_id,)).fetchone() is not None
