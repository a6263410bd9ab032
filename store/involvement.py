"""The actions register for the ACI indicator « implication des usagers », per structure.

The coordinator records what the base cannot know (a satisfaction questionnaire, posters, an
ETP workshop co-led…) with who took part and the dated evidence; the year's register
(`InvolvementService.year`) adds, without her typing them, what the base already holds: the
held meetings of the structure's comités des usagers (level 2, presence by side as the séance
noted it: `attendees.read_attendees`, the meetings of the year as `store.year.figures` places
them), the points on their agendas by degree of participation, and the users seated in the
structure's working groups. The evidence files themselves are copied by
`comite.usecases.involvement`: the store keeps their path and sha256.
"""

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from comite.kernel import clock
from comite.kernel.clock import new_uid, utc_now_iso
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.attendees import read_attendees
from comite.store.audit import record
from comite.store.committee_models import CommitteeKind, Function
from comite.store.errors import NotFound, ValidationError
from comite.store.fragments import SIDE
from comite.store.involvement_models import (
    LEVELS,
    Action,
    ActionKind,
    Claim,
    ClaimSource,
    Evidence,
    Headcount,
    InvolvementYear,
    Participant,
    Proof,
    level_of_degree,
)
from comite.store.minutes_models import ItemKind, Participation, Side
from comite.store.service import Service, changed_fields
from comite.store.year_models import HeldMeeting

MAX_COUNT = 1_000_000
ENTITY = "involvement_action"


@dataclass(frozen=True, slots=True)
class ActionInput:
    """What the form types. `aci_level` and `participation` left empty take the kind's
    usual ones (`ActionKind.level`, `ActionKind.participation`)."""

    title: str
    kind: ActionKind | str
    started_on: date | str
    ended_on: date | str | None = None
    aci_level: int | str | None = None
    participation: Participation | str | None = None
    other_users: int | str = 0
    other_professionals: int | str = 0
    note: str = ""

    def validated(self) -> dict[str, object]:
        title, kind, started_on, ended_on, others, professionals, note = check.collect(
            lambda: check.required("title", self.title, _("L’intitulé de l’action")),
            lambda: _kind(self.kind),
            lambda: _day("started_on", self.started_on, required=True),
            lambda: _day("ended_on", self.ended_on),
            lambda: _count("other_users", self.other_users),
            lambda: _count("other_professionals", self.other_professionals),
            lambda: check.optional_text("note", self.note, limit=2000, prose=True),
        )
        level, participation = check.collect(
            lambda: _level(self.aci_level, kind),
            lambda: _participation(self.participation, kind),
            lambda: _in_order(started_on, ended_on),
        )[:2]
        return {"title": title, "kind": kind.value, "participation": participation.value,
                "aci_level": level, "started_on": started_on.isoformat(),
                "ended_on": ended_on.isoformat() if ended_on else None,
                "other_users": others, "other_professionals": professionals, "note": note}


@dataclass(frozen=True, slots=True)
class EvidenceInput:
    """A document already copied beside the database (`usecases.involvement`)."""

    dated_on: date | str
    path: str
    sha256: str
    label: str = ""

    def validated(self) -> dict[str, object]:
        label, dated_on = check.collect(
            lambda: check.optional_text("label", self.label),
            lambda: _day("dated_on", self.dated_on, required=True),
        )
        if not self.path or len(self.sha256) != 64:
            raise ValidationError({"path": _("Aucun fichier de preuve n’a été reçu.")})
        return {"label": label, "dated_on": dated_on.isoformat(), "path": self.path,
                "sha256": self.sha256}


def _kind(value: ActionKind | str) -> ActionKind:
    try:
        return ActionKind(value)
    except ValueError:
        raise check.FieldError("kind", _("Choisissez le type d’action.")) from None


def _day(field: str, value: date | str | None, *, required: bool = False) -> date | None:
    day = value if isinstance(value, date) or value is None else check.parse_date(field, value)
    if day is None and required:
        raise check.FieldError(field, _("Indiquez la date (JJ/MM/AAAA)."))
    return day


def _count(field: str, value: int | str) -> int:
    text = str(value).strip() or "0"
    if not text.isdigit():
        raise check.FieldError(field, _("Un nombre de personnes s’écrit en chiffres, 0 ou plus."))
    if int(text) > MAX_COUNT:
        raise check.FieldError(field, _("Ce nombre paraît trop grand."))
    return int(text)


def _level(value: int | str | None, kind: ActionKind | None) -> int:
    if value is None or str(value).strip() == "":
        return kind.level if kind else 1
    if str(value).strip() not in {str(level) for level in LEVELS}:
        raise check.FieldError("aci_level", _("Le niveau de l’ACI est 1 ou 2."))
    return int(value)


def _participation(value: Participation | str | None, kind: ActionKind | None) -> Participation:
    if value is None or value == "":
        return kind.participation if kind else Participation.INFORMATION
    try:
        return Participation(value)
    except ValueError:
        raise check.FieldError("participation",
                               _("Choisissez le degré de participation des usagers.")) from None


def _in_order(started_on: date | None, ended_on: date | None) -> None:
    if started_on and ended_on and ended_on < started_on:
        raise check.FieldError("ended_on", _("L’action ne peut pas finir avant d’avoir commencé."))


_FIELDS = ("title", "kind", "participation", "aci_level", "started_on", "ended_on",
           "other_users", "other_professionals", "note")


def _year_range(year: int) -> tuple[str, str]:
    return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()


class InvolvementService(Service):
    # ---- actions -------------------------------------------------------------------------

    def create(self, structure_id: int, action: ActionInput) -> Action:
        values = action.validated()
        now = utc_now_iso()
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM structures WHERE id = ?",
                            (structure_id,)).fetchone() is None:
                raise NotFound(_("Cette structure n’existe plus."))
            cursor = conn.execute(
                "INSERT INTO involvement_actions (uid, structure_id, created_at, updated_at, "
                + ", ".join(_FIELDS) + ") VALUES (?, ?, ?, ?" + ", ?" * len(_FIELDS) + ")",
                (new_uid(), structure_id, now, now, *(values[name] for name in _FIELDS)))
            record(conn, self._actor, "create", ENTITY, cursor.lastrowid,
                   [name for name, value in values.items() if value])
        return self.get(cursor.lastrowid)

    def update(self, action_id: int, action: ActionInput) -> Action:
        values = action.validated()
        with self._db.write() as conn:
            before = _row(conn, action_id)
            conn.execute("UPDATE involvement_actions SET updated_at = ?, "
                         + ", ".join(f"{name} = ?" for name in _FIELDS) + " WHERE id = ?",
                         (utc_now_iso(), *(values[name] for name in _FIELDS), action_id))
            record(conn, self._actor, "update", ENTITY, action_id,
                   changed_fields({name: before[name] for name in _FIELDS}, values))
        return self.get(action_id)

    def delete(self, action_id: int) -> Action:
        """Returns the action removed with its evidence, so the caller removes their files."""
        action = self.get(action_id)
        with self._db.write() as conn:
            conn.execute("DELETE FROM involvement_actions WHERE id = ?", (action_id,))
            record(conn, self._actor, "delete", ENTITY, action_id)
        return action

    def get(self, action_id: int) -> Action:
        conn = self._db.connection()
        return _action(conn, _row(conn, action_id))

    def of_year(self, structure_id: int, year: int) -> list[Action]:
        """The structure's actions that ran some time in `year` (begun by its end, not ended
        before it began), in date order."""
        conn = self._db.connection()
        first, last = _year_range(year)
        return [_action(conn, row) for row in conn.execute(
            "SELECT * FROM involvement_actions WHERE structure_id = ? AND started_on <= ? "
            "AND coalesce(ended_on, started_on) >= ? ORDER BY started_on, id",
            (structure_id, last, first))]

    # ---- who took part -------------------------------------------------------------------

    def add_participant(self, action_id: int, person_id: int) -> Action:
        with self._db.write() as conn:
            _row(conn, action_id)
            if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
                raise NotFound(_("Cette personne n’existe plus."))
            added = conn.execute("INSERT OR IGNORE INTO involvement_participants "
                                 "(action_id, person_id) VALUES (?, ?)",
                                 (action_id, person_id)).rowcount
            if added:
                record(conn, self._actor, "update", ENTITY, action_id, ["participants"])
        return self.get(action_id)

    def remove_participant(self, action_id: int, person_id: int) -> Action:
        with self._db.write() as conn:
            _row(conn, action_id)
            removed = conn.execute("DELETE FROM involvement_participants WHERE action_id = ? "
                                   "AND person_id = ?", (action_id, person_id)).rowcount
            if removed:
                record(conn, self._actor, "update", ENTITY, action_id, ["participants"])
        return self.get(action_id)

    # ---- evidence ------------------------------------------------------------------------

    def add_evidence(self, action_id: int, evidence: EvidenceInput) -> Evidence:
        values = evidence.validated()
        with self._db.write() as conn:
            _row(conn, action_id)
            evidence_id = conn.execute(
                "INSERT INTO involvement_evidence (action_id, label, dated_on, path, sha256, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (action_id, values["label"], values["dated_on"], values["path"],
                 values["sha256"], utc_now_iso())).lastrowid
            record(conn, self._actor, "update", ENTITY, action_id, ["evidence"])
        return self.evidence(evidence_id)

    def remove_evidence(self, evidence_id: int) -> Evidence:
        """Returns the row removed, so the caller removes its file."""
        evidence = self.evidence(evidence_id)
        with self._db.write() as conn:
            conn.execute("DELETE FROM involvement_evidence WHERE id = ?", (evidence_id,))
            record(conn, self._actor, "update", ENTITY, evidence.action_id, ["evidence"])
        return evidence

    def evidence(self, evidence_id: int) -> Evidence:
        row = self._db.connection().execute("SELECT * FROM involvement_evidence WHERE id = ?",
                                            (evidence_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette preuve n’existe plus."))
        return _evidence(row)

    # ---- the year's register -------------------------------------------------------------

    def year(self, structure_id: int, year: int, today: date | None = None) -> InvolvementYear:
        """The structure's register for `year`: the actions recorded and the lines the base
        holds already, in date order (a held meeting before the points of its agenda)."""
        today = today or clock.today()
        conn = self._db.connection()
        structure = conn.execute("SELECT name FROM structures WHERE id = ?",
                                 (structure_id,)).fetchone()
        if structure is None:
            raise NotFound(_("Cette structure n’existe plus."))
        claims = [_recorded(action) for action in self.of_year(structure_id, year)]
        claims += self._committees(conn, structure_id, year, today)
        claims += _working_groups(conn, structure_id, year)
        order = {source: rank for rank, source in enumerate(ClaimSource)}
        claims.sort(key=lambda claim: (claim.started_on, order[claim.source]))  # stable: agenda order kept
        return InvolvementYear(structure_id, structure["name"], year, tuple(claims))

    def _committees(self, conn: sqlite3.Connection, structure_id: int, year: int,
                    today: date) -> list[Claim]:
        from comite.store.year_figures import YearService

        figures = YearService(self._db, self._actor)
        claims: list[Claim] = []
        for committee in conn.execute(
                "SELECT id, name FROM committees WHERE structure_id = ? AND kind = ? ORDER BY id",
                (structure_id, CommitteeKind.USERS_COMMITTEE.value)):
            for meeting in figures.figures(committee["id"], year, today).held:
                claims += _meeting_claims(conn, committee["name"], meeting)
        return claims


def _row(conn: sqlite3.Connection, action_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM involvement_actions WHERE id = ?", (action_id,)).fetchone()
    if row is None:
        raise NotFound(_("Cette action n’existe plus."))
    return row


def _evidence(row: sqlite3.Row) -> Evidence:
    return Evidence(id=row["id"], action_id=row["action_id"], label=row["label"],
                    dated_on=date.fromisoformat(row["dated_on"]), path=row["path"],
                    sha256=row["sha256"])


def _action(conn: sqlite3.Connection, row: sqlite3.Row) -> Action:
    participants = tuple(Participant(p["id"], p["name"], Side(p["side"])) for p in conn.execute(
        f"SELECT p.id, trim(p.first_name || ' ' || p.last_name) AS name, {SIDE} "
        "FROM involvement_participants ip JOIN people p ON p.id = ip.person_id "
        "WHERE ip.action_id = ? ORDER BY p.sort_key, p.id", (row["id"],)))
    evidence = tuple(_evidence(e) for e in conn.execute(
        "SELECT * FROM involvement_evidence WHERE action_id = ? ORDER BY dated_on, id",
        (row["id"],)))
    return Action(
        id=row["id"], uid=row["uid"], structure_id=row["structure_id"], title=row["title"],
        kind=ActionKind(row["kind"]), participation=Participation(row["participation"]),
        aci_level=row["aci_level"], started_on=date.fromisoformat(row["started_on"]),
        ended_on=date.fromisoformat(row["ended_on"]) if row["ended_on"] else None,
        other_users=row["other_users"], other_professionals=row["other_professionals"],
        note=row["note"], participants=participants, evidence=evidence)


def _recorded(action: Action) -> Claim:
    return Claim(
        source=ClaimSource.RECORDED, title=action.title, kind_label=action.kind.label,
        level=action.aci_level, participation=action.participation,
        started_on=action.started_on, ended_on=action.ended_on, headcount=action.headcount,
        proofs=tuple(Proof(e.label or action.kind.label, e.dated_on, PurePath(e.path).name,
                           e.sha256, e.path) for e in action.evidence),
        action_id=action.id, participants=tuple(p.name for p in action.participants))


def _meeting_claims(conn: sqlite3.Connection, committee: str, meeting: HeldMeeting) -> list[Claim]:
    """A held meeting (level 2) and each point of its agenda where users were at least
    consulted (its level by its degree: a point where they were only informed proves no
    involvement), with who was present by side, as the séance checked them in."""
    present = [attendee.side for attendee in read_attendees(conn, meeting.meeting_id)
               if attendee.present]
    headcount = Headcount(users=present.count(Side.USERS),
                          professionals=present.count(Side.PROFESSIONALS),
                          others=present.count(Side.OTHERS))
    proofs = (Proof(_("Séance tenue, présences notées"), meeting.held_on),
              *_minutes_proofs(conn, meeting.meeting_id))
    claims = [Claim(source=ClaimSource.COMMITTEE_MEETING, title=meeting.title,
                    kind_label=ActionKind.USERS_COMMITTEE.label, level=2, participation=None,
                    started_on=meeting.held_on, ended_on=None, headcount=headcount,
                    proofs=proofs, detail=committee)]
    for item in conn.execute("SELECT title, participation FROM agenda_items WHERE meeting_id = ? "
                             "AND kind = ? ORDER BY position, id",
                             (meeting.meeting_id, ItemKind.TOPIC.value)):
        degree = Participation(item["participation"])
        if degree is Participation.INFORMATION:
            continue
        claims.append(Claim(
            source=ClaimSource.AGENDA_ITEM, title=item["title"],
            kind_label=ClaimSource.AGENDA_ITEM.label, level=level_of_degree(degree),
            participation=degree, started_on=meeting.held_on, ended_on=None,
            headcount=headcount, proofs=proofs,
            detail=_("{committee}, séance du {day}").format(
                committee=committee, day=meeting.held_on.strftime("%d/%m/%Y"))))
    return claims


def _minutes_proofs(conn: sqlite3.Connection, meeting_id: int) -> list[Proof]:
    row = conn.execute("SELECT status, adopted_at, signed_at, voided_at FROM minutes "
                       "WHERE meeting_id = ?", (meeting_id,)).fetchone()
    if row is None or row["voided_at"]:
        return []
    proofs = []
    if row["adopted_at"]:
        proofs.append(Proof(_("Compte rendu adopté"), date.fromisoformat(row["adopted_at"][:10])))
    if row["signed_at"]:
        proofs.append(Proof(_("Compte rendu signé"), date.fromisoformat(row["signed_at"][:10])))
    return proofs


def _working_groups(conn: sqlite3.Connection, structure_id: int, year: int) -> list[Claim]:
    """Per working group of the structure: its users (a person whose roles are among
    `USER_ROLES`, read through `fragments.SIDE`) seated some time in the year (a guest is no
    referent), each mandate a dated proof; the group's members counted by side."""
    first, last = _year_range(year)
    claims = []
    for group in conn.execute(
            "SELECT id, name FROM committees WHERE structure_id = ? AND kind = ? ORDER BY name, id",
            (structure_id, CommitteeKind.WORKING_GROUP.value)):
        seated = conn.execute(
            f"SELECT m.mandate_start, m.created_at, {SIDE} FROM memberships m "
            "JOIN people p ON p.id = m.person_id WHERE m.committee_id = ? AND m.function != ? "
            "AND (m.mandate_start IS NULL OR m.mandate_start <= ?) "
            "AND (m.mandate_end IS NULL OR m.mandate_end >= ?) ORDER BY m.id",
            (group["id"], Function.GUEST.value, last, first)).fetchall()
        sides = [Side(row["side"]) for row in seated]
        referents = [row for row in seated if row["side"] == Side.USERS.value]
        if not referents:
            continue
        since = [date.fromisoformat((row["mandate_start"] or row["created_at"])[:10])
                 for row in referents]
        claims.append(Claim(
            source=ClaimSource.WORKING_GROUP, title=ClaimSource.WORKING_GROUP.label,
            kind_label=ActionKind.WORKING_GROUP.label, level=2, participation=None,
            started_on=max(min(since), date(year, 1, 1)), ended_on=None,
            headcount=Headcount(sides.count(Side.USERS), sides.count(Side.PROFESSIONALS),
                                sides.count(Side.OTHERS)),
            proofs=tuple(Proof(_("Mandat d’un usager référent au groupe"), day)
                         for day in sorted(since)),
            detail=group["name"]))
    return claims
