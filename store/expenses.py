"""Expenses of the users who engage (défraiement): per person and meeting — or on a day of their
own, for a structure —, kilometres at the structure's rate, other costs with what they are, and
the receipts kept beside the database (copied by `comite.usecases.expenses`)."""

import re
import sqlite3
from dataclasses import dataclass
from datetime import date

from comite.kernel.clock import new_uid, utc_now_iso
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.errors import NotFound, Refused, ValidationError
from comite.store.expense_models import Expense, Receipt, euros
from comite.store.service import Service, changed_fields

MAX_KM = 5000
MAX_OTHER_CENTS = 1_000_000  # 10 000 €: past that, a typing slip

_FIELDS = ("meeting_id", "structure_id", "spent_on", "km", "km_rate_mills", "other_cents",
           "other_label", "note")

_SELECT = ("SELECT e.*, coalesce(m.title, '') AS meeting_title, "
           "coalesce(s.name, '') AS structure_name FROM expenses e "
           "LEFT JOIN meetings m ON m.id = e.meeting_id "
           "LEFT JOIN structures s ON s.id = e.structure_id ")
_ORDER = " ORDER BY e.spent_on, e.id"

# The day a meeting is held (its chosen slot, in its own zone) and the structure of its committee.
_MEETING = ("SELECT m.title, c.structure_id, (SELECT substr(local_start, 1, 10) FROM slots "
            "WHERE meeting_id = m.id AND status = 'chosen') AS day FROM meetings m "
            "JOIN committees c ON c.id = m.committee_id WHERE m.id = ?")


@dataclass(frozen=True, slots=True)
class ExpenseInput:
    """As typed. With a meeting, its day and structure are the meeting's (`spent_on` and
    `structure_id` are then ignored); without one, both are needed."""

    meeting_id: int | None = None
    spent_on: date | str = ""
    structure_id: int | None = None
    km: float | str = ""
    other: str = ""  # euros, « 4,50 »
    other_label: str = ""
    note: str = ""

    def typed(self) -> dict[str, object]:
        """The fields that need no database, checked together."""
        km, other_cents, other_label, note = check.collect(
            lambda: parse_km(self.km),
            lambda: parse_euros("other", self.other),
            lambda: _other_label(self.other_label, self.other),
            lambda: check.optional_text("note", self.note, limit=500, prose=True),
        )
        if not km and not other_cents:
            raise ValidationError({"km": _(
                "Indiquez des kilomètres ou d’autres frais : une dépense de 0 € ne se rembourse "
                "pas.")})
        return {"km": km, "other_cents": other_cents, "other_label": other_label, "note": note}


def _other_label(label: str, other: str) -> str:
    """What the other costs are: needed as soon as they are (an amount typed wrong says so
    itself)."""
    cleaned = check.optional_text("other_label", label, limit=80)
    try:
        amount = parse_euros("other", other)
    except check.FieldError:
        amount = 0
    if amount and not cleaned:
        raise check.FieldError("other_label", _(
            "Dites ce que couvrent les autres frais (Parking, Ticket de bus…)."))
    return cleaned


_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


def parse_km(value: float | str) -> float:
    """« 12,5 » → 12.5; empty is 0. One decimal at most, between 0 and MAX_KM."""
    text = str(value).strip().replace(" ", "").removesuffix("km").strip()
    if not text:
        return 0.0
    if text.startswith("-"):
        raise check.FieldError("km", _("Une distance ne peut pas être négative."))
    if not _NUMBER.match(text):
        raise check.FieldError("km", _("« {value} » n’est pas un nombre de kilomètres (exemple : "
                                       "12,5).").format(value=str(value)[:12]))
    whole, _sep, decimals = text.replace(",", ".").partition(".")
    if len(decimals.rstrip("0")) > 1:
        raise check.FieldError("km", _("Une décimale au plus pour les kilomètres (exemple : "
                                       "12,5)."))
    km = float(text.replace(",", "."))
    if km > MAX_KM:
        raise check.FieldError("km", _("{km} km : c’est plus de {limit} km, vérifiez la "
                                       "distance.").format(km=whole, limit=MAX_KM))
    return km


def parse_euros(field: str, value: str) -> int:
    """« 4,50 », « 4.5 », « 4,50 € » → 450 cents; empty is 0. Two decimals at most."""
    text = str(value).strip().removesuffix("€").strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return 0
    if text.startswith("-"):
        raise check.FieldError(field, _("Un montant ne peut pas être négatif."))
    whole, _sep, decimals = text.replace(",", ".").partition(".")
    if not _NUMBER.match(text) or len(decimals) > 2:
        raise check.FieldError(field, _("« {value} » n’est pas un montant en euros (exemple : "
                                        "4,50).").format(value=str(value)[:12]))
    cents = int(whole) * 100 + int(decimals.ljust(2, "0") or 0)
    if cents > MAX_OTHER_CENTS:
        raise check.FieldError(field, _("Plus de {limit} : vérifiez le montant.").format(
            limit=euros(MAX_OTHER_CENTS)))
    return cents


def _expense(row: sqlite3.Row, receipts: tuple[Receipt, ...]) -> Expense:
    return Expense(id=row["id"], uid=row["uid"], person_id=row["person_id"],
                   meeting_id=row["meeting_id"], structure_id=row["structure_id"],
                   spent_on=date.fromisoformat(row["spent_on"]), km=row["km"],
                   km_rate_mills=row["km_rate_mills"], other_cents=row["other_cents"],
                   other_label=row["other_label"], note=row["note"],
                   meeting_title=row["meeting_title"], structure_name=row["structure_name"],
                   receipts=receipts)


def _receipt(row: sqlite3.Row) -> Receipt:
    return Receipt(id=row["id"], expense_id=row["expense_id"], label=row["label"],
                   path=row["path"], sha256=row["sha256"])


class ExpenseService(Service):
    def create(self, person_id: int, expense: ExpenseInput) -> Expense:
        typed = expense.typed()
        now = utc_now_iso()
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
                raise NotFound(_("Cette personne n’existe plus."))
            values = {**_where_and_when(conn, expense), **typed}
            _one_per_meeting(conn, person_id, values["meeting_id"], None)
            values["km_rate_mills"] = _rate(conn, values, kept=None)
            cursor = conn.execute(
                "INSERT INTO expenses (uid, person_id, created_at, updated_at, "
                + ", ".join(_FIELDS) + ") VALUES (?, ?, ?, ?" + ", ?" * len(_FIELDS) + ")",
                (new_uid(), person_id, now, now, *(values[name] for name in _FIELDS)))
            record(conn, self._actor, "create", "expense", cursor.lastrowid,
                   [name for name in _FIELDS if values[name]])
        return self.get(cursor.lastrowid)

    def update(self, expense_id: int, expense: ExpenseInput) -> Expense:
        """The rate stays the one the row holds while its structure stays the same: a rate
        changed since rewrites no statement."""
        typed = expense.typed()
        with self._db.write() as conn:
            before = conn.execute("SELECT * FROM expenses WHERE id = ?", (expense_id,)).fetchone()
            if before is None:
                raise NotFound(_("Cette dépense n’existe plus."))
            values = {**_where_and_when(conn, expense), **typed}
            _one_per_meeting(conn, before["person_id"], values["meeting_id"], expense_id)
            values["km_rate_mills"] = _rate(conn, values, kept=before)
            conn.execute("UPDATE expenses SET updated_at = ?, "
                         + ", ".join(f"{name} = ?" for name in _FIELDS) + " WHERE id = ?",
                         (utc_now_iso(), *(values[name] for name in _FIELDS), expense_id))
            record(conn, self._actor, "update", "expense", expense_id,
                   changed_fields({name: before[name] for name in _FIELDS}, values))
        return self.get(expense_id)

    def delete(self, expense_id: int) -> Expense:
        """Returns the record removed, with its receipts, so the caller removes their files."""
        expense = self.get(expense_id)
        with self._db.write() as conn:
            conn.execute("DELETE FROM expenses WHERE id = ?", (expense_id,))
            record(conn, self._actor, "delete", "expense", expense_id)
        return expense

    def add_receipt(self, expense_id: int, label: str, path: str, sha256: str) -> Receipt:
        label = check.optional_text("label", label, limit=80)
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM expenses WHERE id = ?", (expense_id,)).fetchone() is None:
                raise NotFound(_("Cette dépense n’existe plus."))
            cursor = conn.execute(
                "INSERT INTO expense_receipts (expense_id, label, path, sha256, created_at) "
                "VALUES (?, ?, ?, ?, ?)", (expense_id, label, path, sha256, utc_now_iso()))
            record(conn, self._actor, "update", "expense", expense_id, ["receipt"])
        return self._receipt(cursor.lastrowid)

    def remove_receipt(self, receipt_id: int) -> Receipt:
        """Returns the receipt removed, so the caller removes its file."""
        receipt = self._receipt(receipt_id)
        with self._db.write() as conn:
            conn.execute("DELETE FROM expense_receipts WHERE id = ?", (receipt_id,))
            record(conn, self._actor, "update", "expense", receipt.expense_id, ["receipt"])
        return receipt

    def get(self, expense_id: int) -> Expense:
        found = self._read("WHERE e.id = ?", (expense_id,))
        if not found:
            raise NotFound(_("Cette dépense n’existe plus."))
        return found[0]

    def of_person(self, person_id: int, year: int) -> list[Expense]:
        """The person's expenses of the year, the oldest first."""
        return self._read("WHERE e.person_id = ? AND e.spent_on LIKE ?", (person_id, f"{year}-%"))

    def count_of(self, person_id: int) -> int:
        """How many expenses the person has, every year (what an erasure takes away)."""
        return self._db.connection().execute(
            "SELECT count(*) FROM expenses WHERE person_id = ?", (person_id,)).fetchone()[0]

    def of_meeting(self, meeting_id: int) -> list[Expense]:
        return self._read("WHERE e.meeting_id = ?", (meeting_id,))

    def at_meeting(self, meeting_id: int, person_id: int) -> Expense | None:
        """The person's expense for the meeting, if one is entered (one at most)."""
        found = self._read("WHERE e.meeting_id = ? AND e.person_id = ?", (meeting_id, person_id))
        return found[0] if found else None

    def meetings_of(self, person_id: int, limit: int = 40) -> list[tuple[int, str, date]]:
        """The meetings with a date the person was invited to, the latest first: (id, title,
        day), what an expense may be for."""
        return [(row["id"], row["title"], date.fromisoformat(row["day"]))
                for row in self._db.connection().execute(
                    "SELECT m.id, m.title, substr(s.local_start, 1, 10) AS day FROM invitees i "
                    "JOIN meetings m ON m.id = i.meeting_id JOIN slots s ON s.meeting_id = m.id "
                    "AND s.status = 'chosen' WHERE i.person_id = ? ORDER BY s.starts_at DESC, "
                    "m.id DESC LIMIT ?", (person_id, limit))]

    def of_year(self, year: int, structure_id: int | None = None) -> list[Expense]:
        """Everybody's expenses of the year (for one structure, when given)."""
        if structure_id is None:
            return self._read("WHERE e.spent_on LIKE ?", (f"{year}-%",))
        return self._read("WHERE e.spent_on LIKE ? AND e.structure_id = ?",
                          (f"{year}-%", structure_id))

    def _read(self, where: str, params: tuple[object, ...]) -> list[Expense]:
        conn = self._db.connection()
        rows = conn.execute(_SELECT + where + _ORDER, params).fetchall()
        receipts: dict[int, list[Receipt]] = {}
        if rows:
            ids = [row["id"] for row in rows]
            for row in conn.execute(
                    "SELECT * FROM expense_receipts WHERE expense_id IN ("
                    + ",".join("?" * len(ids)) + ") ORDER BY id", ids):
                receipts.setdefault(row["expense_id"], []).append(_receipt(row))
        return [_expense(row, tuple(receipts.get(row["id"], ()))) for row in rows]

    def _receipt(self, receipt_id: int) -> Receipt:
        row = self._db.connection().execute("SELECT * FROM expense_receipts WHERE id = ?",
                                            (receipt_id,)).fetchone()
        if row is None:
            raise NotFound(_("Ce justificatif n’existe plus."))
        return _receipt(row)


def _where_and_when(conn: sqlite3.Connection, expense: ExpenseInput) -> dict[str, object]:
    """The meeting, the structure and the day: the meeting's when there is one."""
    if expense.meeting_id is not None:
        meeting = conn.execute(_MEETING, (expense.meeting_id,)).fetchone()
        if meeting is None:
            raise NotFound(_("Cette réunion n’existe plus."))
        if meeting["day"] is None:
            raise Refused(_("La réunion « {title} » n’a pas encore de date choisie : ses frais "
                            "s’inscrivent une fois la date fixée.").format(title=meeting["title"]))
        return {"meeting_id": expense.meeting_id, "structure_id": meeting["structure_id"],
                "spent_on": meeting["day"]}
    day, structure_id = check.collect(lambda: _day(expense.spent_on),
                                      lambda: _structure(conn, expense.structure_id))
    return {"meeting_id": None, "structure_id": structure_id, "spent_on": day.isoformat()}


def _day(value: date | str) -> date:
    day = value if isinstance(value, date) else check.parse_date("spent_on", value)
    if day is None:
        raise check.FieldError("spent_on", _("Dites quel jour (JJ/MM/AAAA)."))
    return day


def _structure(conn: sqlite3.Connection, structure_id: int | None) -> int:
    if structure_id is None or conn.execute("SELECT 1 FROM structures WHERE id = ?",
                                            (structure_id,)).fetchone() is None:
        raise check.FieldError("structure_id", _("Choisissez la structure qui rembourse."))
    return structure_id


def _one_per_meeting(conn: sqlite3.Connection, person_id: int, meeting_id: int | None,
                     expense_id: int | None) -> None:
    """One expense per meeting and person (the table's unique index): said before it refuses."""
    if meeting_id is not None and conn.execute(
            "SELECT 1 FROM expenses WHERE meeting_id = ? AND person_id = ? AND id IS NOT ?",
            (meeting_id, person_id, expense_id)).fetchone():
        raise Refused(_("Les frais de cette personne pour cette réunion sont déjà inscrits : "
                        "modifiez-les plutôt (touche « e » dans ses frais)."))


def _rate(conn: sqlite3.Connection, values: dict[str, object], kept: sqlite3.Row | None) -> int:
    """The rate per km for the row: the one it holds while its structure stays the same, else the
    structure's now. Kilometres need a rate: refused, saying where to set it, when none is."""
    if kept is not None and kept["structure_id"] == values["structure_id"] and kept["km_rate_mills"]:
        return kept["km_rate_mills"]
    structure = conn.execute("SELECT name, km_rate_mills FROM structures WHERE id = ?",
                             (values["structure_id"],)).fetchone()
    rate = structure["km_rate_mills"] if structure else 0
    if values["km"] and not rate:
        raise ValidationError({"km": _(
            "{name} n’a pas d’indemnité kilométrique : indiquez-la d’abord dans la fiche de la "
            "structure (page Comités, touche « u »).").format(
                name=structure["name"] if structure else _("La structure"))})
    return rate
