"""Memberships: who sits on which committee, on which seat, for which mandate."""

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from comite.kernel.clock import date_or_none, utc_now_iso
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.cdu_seats import carry_to_substitutes, check_cdu_seat
from comite.store.committee_models import (
    PRESIDING,
    CduSeat,
    Function,
    MandateEnding,
    Membership,
    Seat,
)
from comite.store.errors import NotFound, Refused, ValidationError
from comite.store.service import Service, changed_fields

_SELECT = """
    SELECT m.*, c.name AS committee_name,
        trim(p.first_name || ' ' || p.last_name) AS person_name, p.sex AS person_sex,
        coalesce(trim(tp.first_name || ' ' || tp.last_name), '') AS substitute_for_name
    FROM memberships m
    JOIN committees c ON c.id = m.committee_id
    JOIN people p ON p.id = m.person_id
    LEFT JOIN memberships t ON t.id = m.substitute_for
    LEFT JOIN people tp ON tp.id = t.person_id
"""
# By function (the présidente first, guests last), then by name: the order within each group
# of `seating.seating_order`, which puts each suppléant(e) under their titulaire.
_ORDER = """
    ORDER BY CASE m.function WHEN 'president' THEN 0 WHEN 'vice_president' THEN 1
            WHEN 'secretaire' THEN 2 WHEN 'membre' THEN 3 ELSE 4 END,
        p.sort_key, m.id
"""


def _membership(row: sqlite3.Row) -> Membership:
    return Membership(
        id=row["id"], committee_id=row["committee_id"], committee_name=row["committee_name"],
        person_id=row["person_id"], person_name=row["person_name"], seat=Seat(row["seat"]),
        substitute_for=row["substitute_for"], substitute_for_name=row["substitute_for_name"],
        function=Function(row["function"]), mandate_start=date_or_none(row["mandate_start"]),
        mandate_end=date_or_none(row["mandate_end"]), designated_by=row["designated_by"],
        cdu_seat=CduSeat(row["cdu_seat"]) if row["cdu_seat"] else None,
        elected_on=date_or_none(row["elected_on"]), act_reference=row["act_reference"],
        act_date=date_or_none(row["act_date"]), person_sex=row["person_sex"],
    )


def membership_rows(
    conn: sqlite3.Connection, where: str, params: tuple, order: str = _ORDER
) -> list[Membership]:
    return [_membership(row) for row in conn.execute(f"{_SELECT} WHERE {where} {order}", params)]


def _require_active(conn: sqlite3.Connection, committee_id: int) -> None:
    row = conn.execute(
        "SELECT archived_at FROM committees WHERE id = ?", (committee_id,)).fetchone()
    if row is None:
        raise NotFound(_("Ce comité n’existe plus."))
    if row["archived_at"] is not None:
        raise Refused(_("Ce comité est archivé : réactivez-le (touche « a » dans Comités) "
                        "avant de changer ses membres."))


@dataclass(frozen=True, slots=True)
class MembershipInput:
    """A seat as a form or a command gives it.

    `substitute_for` set makes the seat a suppléant(e)'s: a titulaire with one is refused on
    that field, saying why — never saved with the link silently dropped. (The member form
    keeps the two fields agreeing as they are chosen: « Suppléant(e) de » switches the seat
    to « Suppléant(e) », « Titulaire » empties « Suppléant(e) de ».) A guest stands in for
    nobody either: a meeting seats them as a guest, so the link would be lost there. Whom
    one may stand in for — a titulaire of this committee, not oneself — is checked against
    the base by the service.
    """

    seat: Seat | str = Seat.TITULAR
    function: Function | str = Function.MEMBER
    substitute_for: int | None = None
    mandate_start: date | None = None
    mandate_end: date | None = None
    designated_by: str = ""
    cdu_seat: CduSeat | str | None = None  # for a commission des usagers only
    elected_on: date | None = None  # for a président(e) or vice-président(e)
    act_reference: str = ""
    act_date: date | None = None

    def validated(self) -> dict[str, object]:
        def seat() -> str:
            try:
                return Seat(self.seat).value
            except ValueError:
                raise check.FieldError("seat", _("Choisissez titulaire ou suppléant(e).")) from None

        def function() -> str:
            try:
                return Function(self.function).value
            except ValueError:
                raise check.FieldError("function", _("Choisissez une fonction.")) from None

        def substitute_for() -> int | None:
            if self.substitute_for is None:
                return None
            if self.seat == Seat.TITULAR:
                raise check.FieldError("substitute_for", _(
                    "Un(e) titulaire ne supplée personne : choisissez « Suppléant(e) » comme "
                    "siège, ou laissez ce champ vide."))
            if self.function == Function.GUEST:
                raise check.FieldError("substitute_for", _(
                    "Un(e) invité(e) ne supplée personne : choisissez « Membre » comme "
                    "fonction, ou laissez ce champ vide."))
            return self.substitute_for

        def mandate() -> None:
            check.mandate("mandate_end", self.mandate_start, self.mandate_end)

        def cdu_seat() -> str | None:
            if not self.cdu_seat:
                return None
            try:
                return CduSeat(self.cdu_seat).value
            except ValueError:
                raise check.FieldError("cdu_seat", _("Choisissez une catégorie de la liste.")) \
                    from None

        def elected_on() -> str | None:
            if self.elected_on is None:
                return None
            if self.function not in PRESIDING:
                raise check.FieldError("elected_on", _(
                    "La date d’élection concerne la présidence et la vice-présidence : "
                    "laissez-la vide pour cette fonction."))
            return self.elected_on.isoformat()

        clean_seat, clean_function, titular, _ok, designated, category, elected, act = \
            check.collect(
                seat, function, substitute_for, mandate,
                lambda: check.optional_text("designated_by", self.designated_by),
                cdu_seat, elected_on,
                lambda: check.optional_text("act_reference", self.act_reference, limit=200),
            )
        if clean_seat == Seat.SUBSTITUTE and clean_function not in (Function.MEMBER, Function.GUEST):
            raise ValidationError({"function": _(
                "Une fonction (présidence, vice-présidence, secrétariat) revient à un(e) "
                "titulaire : un(e) suppléant(e) reste « membre ».")})
        return {
            "seat": clean_seat, "function": clean_function, "substitute_for": titular,
            "mandate_start": self.mandate_start.isoformat() if self.mandate_start else None,
            "mandate_end": self.mandate_end.isoformat() if self.mandate_end else None,
            "designated_by": designated, "cdu_seat": category, "elected_on": elected,
            "act_reference": act,
            "act_date": self.act_date.isoformat() if self.act_date else None,
        }


_FIELDS = ("seat", "function", "substitute_for", "mandate_start", "mandate_end", "designated_by",
           "cdu_seat", "elected_on", "act_reference", "act_date")


class MembershipService(Service):
    def add(self, committee_id: int, person_id: int, membership: MembershipInput) -> Membership:
        values = membership.validated()
        now = utc_now_iso()
        with self._db.write() as conn:
            _require_active(conn, committee_id)
            if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
                raise NotFound(_("Cette personne n’existe plus."))
            if conn.execute(
                "SELECT 1 FROM memberships WHERE committee_id = ? AND person_id = ?",
                (committee_id, person_id),
            ).fetchone():
                raise Refused(_("Cette personne est déjà membre de ce comité."))
            self._check_titular(conn, committee_id, None, values["substitute_for"])
            check_cdu_seat(conn, committee_id, None, values)
            cursor = conn.execute(
                "INSERT INTO memberships (committee_id, person_id, created_at, updated_at, "
                + ", ".join(_FIELDS) + ") VALUES (?, ?, ?, ?" + ", ?" * len(_FIELDS) + ")",
                (committee_id, person_id, now, now, *(values[name] for name in _FIELDS)),
            )
            record(conn, self._actor, "create", "membership", cursor.lastrowid,
                   [name for name, value in values.items() if value])
        return self.get(cursor.lastrowid)

    def update(self, membership_id: int, membership: MembershipInput) -> Membership:
        values = membership.validated()
        with self._db.write() as conn:
            before = conn.execute(
                "SELECT * FROM memberships WHERE id = ?", (membership_id,)
            ).fetchone()
            if before is None:
                raise NotFound(_("Cette appartenance n’existe plus."))
            _require_active(conn, before["committee_id"])
            self._check_titular(conn, before["committee_id"], membership_id, values["substitute_for"])
            self._check_keeps_substitutes(conn, membership_id, values)
            check_cdu_seat(conn, before["committee_id"], membership_id, values)
            conn.execute(
                "UPDATE memberships SET updated_at = ?, "
                + ", ".join(f"{name} = ?" for name in _FIELDS) + " WHERE id = ?",
                (utc_now_iso(), *(values[name] for name in _FIELDS), membership_id),
            )
            if values["seat"] == Seat.TITULAR:
                carry_to_substitutes(conn, membership_id, values["cdu_seat"])
            record(conn, self._actor, "update", "membership", membership_id,
                   changed_fields({name: before[name] for name in _FIELDS}, values))
        return self.get(membership_id)

    def remove(self, membership_id: int) -> None:
        """Takes the person off the committee; their suppléants stay, without a titulaire."""
        with self._db.write() as conn:
            row = conn.execute(
                "SELECT committee_id FROM memberships WHERE id = ?", (membership_id,)).fetchone()
            if row is None:
                raise NotFound(_("Cette appartenance n’existe plus."))
            _require_active(conn, row["committee_id"])
            conn.execute("DELETE FROM memberships WHERE id = ?", (membership_id,))
            record(conn, self._actor, "delete", "membership", membership_id)

    def get(self, membership_id: int) -> Membership:
        found = membership_rows(self._db.connection(), "m.id = ?", (membership_id,))
        if not found:
            raise NotFound(_("Cette appartenance n’existe plus."))
        return found[0]

    def of_committee(self, committee_id: int) -> list[Membership]:
        """Every member, in the table's order (`seating_order`)."""
        # Here, not at the top: seating reads the meetings' and minutes' vocabularies, which
        # the first frame (the dashboard) does not need.
        from comite.store.seating import membership_place, seating_order

        return seating_order(membership_rows(
            self._db.connection(), "m.committee_id = ?", (committee_id,)), membership_place)

    def of_person(self, person_id: int) -> list[Membership]:
        return membership_rows(self._db.connection(), "m.person_id = ?", (person_id,))

    def ending_within(self, days: int, today: date, limit: int = -1) -> list[MandateEnding]:
        """Mandates of active committees that end between today and today + days (all of
        them unless `limit` says how many), the nearest first."""
        found = membership_rows(
            self._db.connection(),
            "m.mandate_end BETWEEN ? AND ? AND c.archived_at IS NULL",
            (today.isoformat(), (today + timedelta(days=days)).isoformat(), limit),
            order="ORDER BY m.mandate_end, p.sort_key LIMIT ?",
        )
        return [MandateEnding(m, (m.mandate_end - today).days) for m in found if m.mandate_end]

    @staticmethod
    def _check_keeps_substitutes(
        conn: sqlite3.Connection, membership_id: int, values: dict[str, object]
    ) -> None:
        """A titulaire with suppléant(e)s keeps a seat for them to stand in: they would be
        left under nobody's, in every list and at every meeting."""
        if values["seat"] == Seat.TITULAR and values["function"] != Function.GUEST:
            return
        if conn.execute("SELECT 1 FROM memberships WHERE substitute_for = ?",
                        (membership_id,)).fetchone() is None:
            return
        if values["seat"] == Seat.SUBSTITUTE:
            raise ValidationError({"seat": _(
                "Cette personne a des suppléant(e)s : rattachez-les à un autre titulaire "
                "avant d’en faire un(e) suppléant(e).")})
        raise ValidationError({"function": _(
            "Cette personne a des suppléant(e)s : rattachez-les à un autre titulaire "
            "avant d’en faire un(e) invité(e).")})

    @staticmethod
    def _check_titular(
        conn: sqlite3.Connection, committee_id: int, membership_id: int | None, titular: object
    ) -> None:
        if titular is None:
            return
        if titular == membership_id:
            raise ValidationError({"substitute_for": _(
                "On ne se supplée pas soi-même : choisissez un(e) autre titulaire.")})
        row = conn.execute(
            "SELECT committee_id, seat, function FROM memberships WHERE id = ?", (titular,)
        ).fetchone()
        if row is None:
            raise ValidationError({"substitute_for": _(
                "Ce(tte) titulaire n’est plus membre du comité : choisissez-en un(e) autre.")})
        if row["committee_id"] != committee_id:
            raise ValidationError({"substitute_for": _(
                "Choisissez un(e) titulaire de ce comité : on ne supplée pas le membre "
                "d’un autre comité.")})
        if row["seat"] != Seat.TITULAR:
            raise ValidationError({"substitute_for": _(
                "On supplée un(e) titulaire, pas un(e) autre suppléant(e).")})
        if row["function"] == Function.GUEST:
            raise ValidationError({"substitute_for": _(
                "Un(e) invité(e) n’a pas de siège à suppléer.")})
