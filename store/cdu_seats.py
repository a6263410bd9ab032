"""The rules of a commission des usagers' seats (Code de la santé publique, R. 1112-81 to
R. 1112-83), checked when a seat is written: the category only in a CDU, a suppléant(e) in
their titulaire's category, one président(e) and one vice-président(e), both among the
members of categories 1° to 3° and not of the same one, a RU's ARS mandate of three years."""

import sqlite3
from datetime import date

from comite.kernel import clock
from comite.kernel.i18n import _
from comite.store.committee_models import PRESIDING, CduSeat, CommitteeKind, Function, Seat
from comite.store.errors import ValidationError

# R. 1112-83: a RU is designated by the ARS for three years; R. 1112-81-1: a presidency too.
TERM_YEARS = 3


def years_after(day: date, years: int) -> date:
    """The same day `years` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def check_cdu_seat(conn: sqlite3.Connection, committee_id: int, membership_id: int | None,
                   values: dict[str, object]) -> None:
    """Refuses a seat that breaks a rule, on the field to change; a suppléant(e) with no
    category takes their titulaire's (`values` is completed)."""
    kind = conn.execute("SELECT kind FROM committees WHERE id = ?", (committee_id,)).fetchone()
    is_cdu = kind is not None and kind["kind"] == CommitteeKind.CDU
    _one_presidency(conn, committee_id, membership_id, values)
    if not is_cdu:
        if values["cdu_seat"]:
            raise ValidationError({"cdu_seat": _(
                "Ces catégories sont celles d’une commission des usagers (art. R. 1112-81) : "
                "laissez ce champ vide pour ce comité.")})
        return
    if values["function"] == Function.GUEST and values["cdu_seat"]:
        raise ValidationError({"cdu_seat": _(
            "Un(e) invité(e) n’occupe pas de siège de la commission : laissez ce champ vide.")})
    if values["seat"] == Seat.SUBSTITUTE and values["substitute_for"] is not None:
        _as_titular(conn, values)
    _presidency(conn, committee_id, membership_id, values)
    _ars_mandate(values)


def carry_to_substitutes(conn: sqlite3.Connection, membership_id: int, cdu_seat: object) -> None:
    """A titulaire's category changed: their suppléant(e)s sit in it too."""
    conn.execute("UPDATE memberships SET cdu_seat = ? WHERE substitute_for = ?",
                 (cdu_seat, membership_id))


def _one_presidency(conn: sqlite3.Connection, committee_id: int, membership_id: int | None,
                    values: dict[str, object]) -> None:
    if values["function"] not in PRESIDING:
        return
    other = conn.execute(
        "SELECT trim(p.first_name || ' ' || p.last_name) AS name FROM memberships m "
        "JOIN people p ON p.id = m.person_id WHERE m.committee_id = ? AND m.function = ? "
        "AND m.id IS NOT ? AND (m.mandate_end IS NULL OR m.mandate_end >= ?)",
        (committee_id, values["function"], membership_id, clock.today().isoformat())).fetchone()
    if other is not None:
        raise ValidationError({"function": _(
            "{name} est déjà {function} : un comité en a un(e) à la fois. Changez d’abord sa "
            "fonction sur sa fiche.").format(
                name=other["name"], function=Function(values["function"]).label.lower())})


def _as_titular(conn: sqlite3.Connection, values: dict[str, object]) -> None:
    titular = conn.execute("SELECT cdu_seat FROM memberships WHERE id = ?",
                           (values["substitute_for"],)).fetchone()
    theirs = titular["cdu_seat"] if titular else None
    if values["cdu_seat"] is None:
        values["cdu_seat"] = theirs
    elif theirs is not None and values["cdu_seat"] != theirs:
        raise ValidationError({"cdu_seat": _(
            "Un(e) suppléant(e) siège dans la catégorie de son ou sa titulaire ({category}) : "
            "choisissez-la, ou laissez ce champ vide.").format(category=CduSeat(theirs).label)})


def _presidency(conn: sqlite3.Connection, committee_id: int, membership_id: int | None,
                values: dict[str, object]) -> None:
    if values["function"] not in PRESIDING:
        return
    mine = CduSeat(values["cdu_seat"]).category if values["cdu_seat"] else None
    if mine is None:
        raise ValidationError({"function": _(
            "La présidence et la vice-présidence reviennent au représentant légal, à un(e) "
            "médiateur(rice) ou à un(e) représentant(e) des usagers (art. R. 1112-81-1) : "
            "choisissez d’abord la catégorie de ce siège.")})
    other_function = (Function.VICE_PRESIDENT if values["function"] == Function.PRESIDENT
                      else Function.PRESIDENT)
    other = conn.execute(
        "SELECT m.cdu_seat, trim(p.first_name || ' ' || p.last_name) AS name FROM memberships m "
        "JOIN people p ON p.id = m.person_id WHERE m.committee_id = ? AND m.function = ? "
        "AND m.id IS NOT ?", (committee_id, other_function, membership_id)).fetchone()
    if other is not None and other["cdu_seat"] and CduSeat(other["cdu_seat"]).category == mine:
        raise ValidationError({"function": _(
            "La présidence et la vice-présidence viennent de deux catégories différentes "
            "(art. R. 1112-81-1) : {name} ({function}) est déjà de celle-ci.").format(
                name=other["name"], function=other_function.label.lower())})


def _ars_mandate(values: dict[str, object]) -> None:
    start, end = values["mandate_start"], values["mandate_end"]
    if values["cdu_seat"] != CduSeat.USER_REPRESENTATIVE or not (start and end):
        return
    if date.fromisoformat(str(end)) > years_after(date.fromisoformat(str(start)), TERM_YEARS):
        raise ValidationError({"mandate_end": _(
            "Un(e) représentant(e) des usagers est désigné(e) par l’ARS pour trois ans "
            "(art. R. 1112-83) : la fin du mandat tombe au plus tard trois ans après son début.")})
