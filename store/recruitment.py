"""Recruitment of the users who engage: candidacies moved through their stages, the team's
criteria for a committee, and the opinions given before deciding together."""

import sqlite3
from dataclasses import dataclass
from datetime import date

from comite.kernel import plural
from comite.kernel.clock import date_or_none, utc_now_iso, years_after
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.committee_models import Role
from comite.store.errors import NotFound, Refused, ValidationError
from comite.store.memberships import MembershipInput, MembershipService
from comite.store.recruitment_models import (
    Candidate,
    Check,
    Criterion,
    CriterionKind,
    MoveResult,
    Opinion,
    OpinionKind,
    Source,
    Stage,
    StageMove,
    TrainingKind,
)
from comite.store.service import Service, changed_fields

RU_MANDATE_YEARS = 3
ETP_HOURS = 40

_SELECT = """
    SELECT k.*, trim(p.first_name || ' ' || p.last_name) AS person_name, p.sex AS person_sex,
        coalesce(c.name, '') AS committee_name
    FROM candidates k JOIN people p ON p.id = k.person_id
    LEFT JOIN committees c ON c.id = k.committee_id
"""


@dataclass(frozen=True, slots=True)
class CandidateInput:
    role: Role | str
    source: Source | str
    committee_id: int | None = None
    next_step: str = ""
    next_step_on: date | str | None = None
    notes: str = ""

    def validated(self) -> dict[str, object]:
        role, source, next_step, next_on, notes = check.collect(
            lambda: _member(Role, self.role, "role", _("Choisissez le rôle visé.")),
            lambda: _member(Source, self.source, "source",
                            _("Choisissez d’où vient la candidature.")),
            lambda: check.optional_text("next_step", self.next_step),
            lambda: (self.next_step_on if isinstance(self.next_step_on, date) or
                     self.next_step_on is None
                     else check.parse_date("next_step_on", self.next_step_on)),
            lambda: check.optional_text("notes", self.notes, limit=5000, prose=True),
        )
        if next_on and not next_step:
            raise ValidationError({"next_step": _(
                "Dites quelle est la prochaine étape prévue le {day}.").format(
                    day=next_on.strftime("%d/%m/%Y"))})
        return {"role": role, "source": source, "committee_id": self.committee_id,
                "next_step": next_step, "next_step_on": next_on.isoformat() if next_on else None,
                "notes": notes}


def _member(vocabulary: type, value: object, field: str, message: str) -> str:
    try:
        return vocabulary(value).value
    except ValueError:
        raise check.FieldError(field, message) from None


_FIELDS = ("role", "source", "committee_id", "next_step", "next_step_on", "notes")


def _candidate(row: sqlite3.Row) -> Candidate:
    return Candidate(
        id=row["id"], person_id=row["person_id"], person_name=row["person_name"],
        committee_id=row["committee_id"], committee_name=row["committee_name"],
        role=Role(row["role"]), source=Source(row["source"]), stage=Stage(row["stage"]),
        next_step=row["next_step"], next_step_on=date_or_none(row["next_step_on"]),
        notes=row["notes"], charter_id=row["charter_id"], membership_id=row["membership_id"],
        stage_since=date.fromisoformat(row["stage_since"][:10]), person_sex=row["person_sex"],
    )


class RecruitmentService(Service):
    # ---- candidacies -------------------------------------------------------------------

    def add(self, person_id: int, candidate: CandidateInput, today: date) -> Candidate:
        """A new candidacy starts at « repéré »."""
        values = candidate.validated()
        now = utc_now_iso()
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
                raise NotFound(_("Cette personne n’existe plus."))
            _require_committee(conn, values["committee_id"])
            cursor = conn.execute(
                "INSERT INTO candidates (person_id, stage, stage_since, created_at, updated_at, "
                + ", ".join(_FIELDS) + ") VALUES (?, ?, ?, ?, ?" + ", ?" * len(_FIELDS) + ")",
                (person_id, Stage.SPOTTED.value, today.isoformat(), now, now,
                 *(values[name] for name in _FIELDS)))
            conn.execute("INSERT INTO candidate_moves (candidate_id, stage, at) VALUES (?, ?, ?)",
                         (cursor.lastrowid, Stage.SPOTTED.value, today.isoformat()))
            record(conn, self._actor, "create", "candidate", cursor.lastrowid,
                   ["person", "stage", *(name for name, value in values.items() if value)])
        return self.get(cursor.lastrowid)

    def update(self, candidate_id: int, candidate: CandidateInput) -> Candidate:
        values = candidate.validated()
        with self._db.write() as conn:
            before = self._row(conn, candidate_id)
            _require_committee(conn, values["committee_id"])
            if (before["membership_id"] or before["charter_id"]) and \
                    values["committee_id"] != before["committee_id"]:
                raise Refused(_("Le comité ne change plus une fois la charte signée ou le siège "
                                "pris : ramenez d’abord la candidature à une étape antérieure."))
            conn.execute(
                "UPDATE candidates SET updated_at = ?, "
                + ", ".join(f"{name} = ?" for name in _FIELDS) + " WHERE id = ?",
                (utc_now_iso(), *(values[name] for name in _FIELDS), candidate_id))
            record(conn, self._actor, "update", "candidate", candidate_id,
                   changed_fields({name: before[name] for name in _FIELDS}, values))
        return self.get(candidate_id)

    def move(self, candidate_id: int, stage: Stage | str, today: date,
             confirmed: bool = False) -> MoveResult:
        """Move a candidacy to another stage. « Actif » gives the seat on the committee,
        « charte signée » links the signed charter; leaving « actif » frees the seat.

        Raises NeedsConfirmation (unless confirmed) when the team has something to weigh first.
        """
        from comite.store.errors import NeedsConfirmation

        stage = Stage(stage)
        with self._db.write() as conn:
            row = self._row(conn, candidate_id)
            current = Stage(row["stage"])
            if stage is current:
                raise Refused(_("La candidature est déjà à l’étape « {stage} ».").format(
                    stage=stage.label))
            if stage in (Stage.ACTIVE, Stage.CHARTER_SIGNED) and row["committee_id"] is None:
                raise Refused(_("Choisissez d’abord le comité visé (touche e) : c’est là que "
                                "la personne siégera."))
            if not confirmed:
                doubts = self._doubts(conn, row, stage)
                if doubts:
                    raise NeedsConfirmation(" ".join(doubts) + " " + _("Continuer quand même ?"))
            changes: dict[str, object] = {}
            if stage is Stage.CHARTER_SIGNED:
                changes["charter_id"] = self._signed_charter(conn, row)
            removed = False
            if current is Stage.ACTIVE and row["membership_id"] is not None:
                # A seat held before the candidacy is not the candidacy's to take back.
                if row["seat_created"]:
                    MembershipService(self._db, self._actor).remove(row["membership_id"])
                    removed = True
                changes["membership_id"], changes["seat_created"] = None, 0
            created = False
            if stage is Stage.ACTIVE:
                changes["membership_id"], created = self._seat(conn, row, today)
                changes["seat_created"] = int(created)
            conn.execute(
                "UPDATE candidates SET stage = ?, stage_since = ?, updated_at = ?"
                + "".join(f", {name} = ?" for name in changes) + " WHERE id = ?",
                (stage.value, today.isoformat(), utc_now_iso(), *changes.values(), candidate_id))
            conn.execute("INSERT INTO candidate_moves (candidate_id, stage, at) VALUES (?, ?, ?)",
                         (candidate_id, stage.value, today.isoformat()))
            record(conn, self._actor, "move", "candidate", candidate_id, ["stage", *changes])
        return MoveResult(self.get(candidate_id), membership_created=created,
                          membership_removed=removed, charter_linked="charter_id" in changes)

    def _doubts(self, conn: sqlite3.Connection, row: sqlite3.Row, stage: Stage) -> list[str]:
        """What the team would want to weigh before this move, in French; empty when nothing."""
        doubts = []
        if stage in (Stage.ACTIVE, Stage.NOT_RETAINED) and Stage(row["stage"]) is not Stage.ACTIVE:
            doubts += self.decision_doubts(row["id"], stage)
        if Stage(row["stage"]) is Stage.ACTIVE and row["membership_id"] is not None \
                and row["seat_created"]:
            seat = conn.execute(
                "SELECT c.name FROM memberships m JOIN committees c ON c.id = m.committee_id "
                "WHERE m.id = ?", (row["membership_id"],)).fetchone()
            if seat:
                doubts.append(_("{name} quittera son siège au comité « {committee} ».").format(
                    name=row["person_name"], committee=seat["name"]))
        return doubts

    def decision_doubts(self, candidate_id: int, stage: Stage | str = Stage.ACTIVE) -> list[str]:
        """Before deciding: no opinion of the team, unfavourable ones, a deal-breaker ticked,
        the mandatory training or the consent to take part missing."""
        stage = Stage(stage)
        conn = self._db.connection()
        row = self._row(conn, candidate_id)
        doubts = []
        opinions = self.opinions(candidate_id)
        if not opinions:
            doubts.append(_("Aucun avis de l’équipe n’est noté : on choisit ensemble."))
        against = sum(1 for o in opinions if o.opinion is OpinionKind.UNFAVOURABLE)
        if against and stage is Stage.ACTIVE:
            doubts.append(plural.count(against, _("avis défavorable."), _("avis défavorables.")))
        if stage is not Stage.ACTIVE:
            return doubts
        breakers = [c.criterion.text for c in self.checks(candidate_id)
                    if c.criterion.kind is CriterionKind.DEAL_BREAKER and c.met]
        if breakers:
            doubts.append(_("Critère rédhibitoire coché : « {text} ».").format(text=breakers[0]))
        role = Role(row["role"])
        trainings = conn.execute("SELECT kind, hours FROM trainings WHERE person_id = ?",
                                 (row["person_id"],)).fetchall()
        if role is Role.USER_REPRESENTATIVE and not any(
                t["kind"] == TrainingKind.RU_BASIC for t in trainings):
            doubts.append(_("La formation de base des représentants des usagers, obligatoire, "
                            "n’est pas notée."))
        etp = sum(t["hours"] for t in trainings if t["kind"] == TrainingKind.ETP_40H)
        if role is Role.EXPERT_PATIENT and etp < ETP_HOURS:
            doubts.append(_("{hours} h de formation ETP notées sur les 40 h demandées.").format(
                hours=f"{etp:g}"))
        if not conn.execute("SELECT 1 FROM consents WHERE person_id = ? AND purpose = "
                            "'membership' AND withdrawn_on IS NULL", (row["person_id"],)).fetchone():
            doubts.append(_("Son accord pour participer au comité n’est pas noté (onglet Vie "
                            "privée de sa fiche)."))
        return doubts

    def _signed_charter(self, conn: sqlite3.Connection, row: sqlite3.Row) -> int:
        found = conn.execute(
            "SELECT ch.id FROM charters ch WHERE ch.person_id = ? AND ch.committee_id = ? "
            "AND (SELECT count(*) FROM charter_signatures s WHERE s.charter_id = ch.id) = 2 "
            "ORDER BY ch.id DESC LIMIT 1", (row["person_id"], row["committee_id"])).fetchone()
        if found is None:
            raise Refused(_("Aucune charte signée des deux côtés pour ce comité : faites-la "
                            "produire et signer (touche c, ou section 5 Chartes), puis revenez."))
        return found["id"]

    def _seat(self, conn: sqlite3.Connection, row: sqlite3.Row, today: date) -> tuple[int, bool]:
        """The candidate's seat on the committee: the one they hold, or a new titular seat
        (a RU's mandate runs three years). The role sought becomes one of theirs."""
        conn.execute("INSERT OR IGNORE INTO person_roles (person_id, role) VALUES (?, ?)",
                     (row["person_id"], row["role"]))
        held = conn.execute("SELECT id FROM memberships WHERE committee_id = ? AND person_id = ?",
                            (row["committee_id"], row["person_id"])).fetchone()
        if held:
            return held["id"], False
        representative = Role(row["role"]) is Role.USER_REPRESENTATIVE
        seat = MembershipService(self._db, self._actor).add(
            row["committee_id"], row["person_id"], MembershipInput(
                mandate_start=today,
                mandate_end=years_after(today, RU_MANDATE_YEARS) if representative else None))
        return seat.id, True

    def remove(self, candidate_id: int) -> None:
        """Forget a candidacy entered by mistake; a seat it gave stays."""
        with self._db.write() as conn:
            if conn.execute("DELETE FROM candidates WHERE id = ?", (candidate_id,)).rowcount == 0:
                raise NotFound(_("Cette candidature n’existe plus."))
            record(conn, self._actor, "delete", "candidate", candidate_id)

    def get(self, candidate_id: int) -> Candidate:
        return _candidate(self._row(self._db.connection(), candidate_id))

    def _row(self, conn: sqlite3.Connection, candidate_id: int) -> sqlite3.Row:
        row = conn.execute(_SELECT + " WHERE k.id = ?", (candidate_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette candidature n’existe plus."))
        return row

    def board(self, committee_id: int | None = None,
              include_closed: bool = False) -> dict[Stage, list[Candidate]]:
        """Every stage with its candidacies, the most urgent next step first."""
        where, params = ["1"], []
        if committee_id is not None:
            where.append("k.committee_id = ?")
            params.append(committee_id)
        if not include_closed:
            where.append("k.stage NOT IN ('not_retained', 'left')")
        board: dict[Stage, list[Candidate]] = {
            stage: [] for stage in Stage if include_closed or not stage.closed}
        for row in self._db.connection().execute(
                _SELECT + " WHERE " + " AND ".join(where)
                + " ORDER BY k.next_step_on IS NULL, k.next_step_on, p.sort_key, k.id", params):
            board[Stage(row["stage"])].append(_candidate(row))
        return board

    def of_person(self, person_id: int) -> list[Candidate]:
        return [_candidate(row) for row in self._db.connection().execute(
            _SELECT + " WHERE k.person_id = ? ORDER BY k.id DESC", (person_id,))]

    def overdue(self, today: date) -> list[Candidate]:
        """Next steps whose day has passed, on candidacies still in progress, oldest first."""
        return [_candidate(row) for row in self._db.connection().execute(
            _SELECT + " WHERE k.stage NOT IN ('active', 'not_retained', 'left') "
            "AND k.next_step_on < ? ORDER BY k.next_step_on, p.sort_key",
            (today.isoformat(),))]

    def history(self, candidate_id: int) -> list[StageMove]:
        return [StageMove(Stage(row["stage"]), date.fromisoformat(row["at"]))
                for row in self._db.connection().execute(
                    "SELECT stage, at FROM candidate_moves WHERE candidate_id = ? ORDER BY id",
                    (candidate_id,))]

    # ---- the team's criteria ------------------------------------------------------------

    def criteria(self, committee_id: int, role: Role | str | None = None) -> list[Criterion]:
        """The committee's criteria: those for every role, and those for `role` if given."""
        rows = self._db.connection().execute(
            "SELECT * FROM criteria WHERE committee_id = ? AND (role IS NULL OR role = ?) "
            "ORDER BY kind = 'deal_breaker', position, id",
            (committee_id, Role(role).value if role else None))
        return [_criterion(row) for row in rows]

    def add_criterion(self, committee_id: int, kind: CriterionKind | str, text: str,
                      role: Role | str | None = None) -> Criterion:
        clean = check.collect(lambda: check.required("text", text, _("Le critère")))[0]
        kind = CriterionKind(kind)
        with self._db.write() as conn:
            _require_committee(conn, committee_id)
            position = conn.execute("SELECT coalesce(max(position), 0) + 1 FROM criteria "
                                    "WHERE committee_id = ?", (committee_id,)).fetchone()[0]
            cursor = conn.execute(
                "INSERT INTO criteria (committee_id, role, kind, text, position) "
                "VALUES (?, ?, ?, ?, ?)",
                (committee_id, Role(role).value if role else None, kind.value, clean, position))
            record(conn, self._actor, "create", "criterion", cursor.lastrowid, ["kind", "text"])
            row = conn.execute("SELECT * FROM criteria WHERE id = ?",
                               (cursor.lastrowid,)).fetchone()
        return _criterion(row)

    def update_criterion(self, criterion_id: int, kind: CriterionKind | str, text: str) -> None:
        clean = check.collect(lambda: check.required("text", text, _("Le critère")))[0]
        with self._db.write() as conn:
            if conn.execute("UPDATE criteria SET kind = ?, text = ? WHERE id = ?",
                            (CriterionKind(kind).value, clean, criterion_id)).rowcount == 0:
                raise NotFound(_("Ce critère n’existe plus."))
            record(conn, self._actor, "update", "criterion", criterion_id, ["kind", "text"])

    def remove_criterion(self, criterion_id: int) -> None:
        with self._db.write() as conn:
            if conn.execute("DELETE FROM criteria WHERE id = ?", (criterion_id,)).rowcount == 0:
                raise NotFound(_("Ce critère n’existe plus."))
            record(conn, self._actor, "delete", "criterion", criterion_id)

    def checks(self, candidate_id: int) -> list[Check]:
        """The checklist of the candidate's committee for the role sought, as judged so far."""
        candidate = self.get(candidate_id)
        if candidate.committee_id is None:
            return []
        judged = {row["criterion_id"]: bool(row["met"]) for row in self._db.connection().execute(
            "SELECT criterion_id, met FROM candidate_checks WHERE candidate_id = ?",
            (candidate_id,))}
        return [Check(c, judged.get(c.id))
                for c in self.criteria(candidate.committee_id, candidate.role)]

    def set_check(self, candidate_id: int, criterion_id: int, met: bool | None) -> None:
        """Tick (True), cross (False) or clear (None) one criterion for one candidate."""
        with self._db.write() as conn:
            self._row(conn, candidate_id)
            if met is None:
                conn.execute("DELETE FROM candidate_checks WHERE candidate_id = ? AND "
                             "criterion_id = ?", (candidate_id, criterion_id))
            else:
                if conn.execute("SELECT 1 FROM criteria WHERE id = ?",
                                (criterion_id,)).fetchone() is None:
                    raise NotFound(_("Ce critère n’existe plus."))
                conn.execute("INSERT INTO candidate_checks (candidate_id, criterion_id, met) "
                             "VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET met = excluded.met",
                             (candidate_id, criterion_id, int(met)))
            record(conn, self._actor, "update", "candidate", candidate_id, ["checks"])

    # ---- opinions -----------------------------------------------------------------------

    def opinions(self, candidate_id: int) -> list[Opinion]:
        return [_opinion(row) for row in self._db.connection().execute(
            "SELECT o.*, trim(p.first_name || ' ' || p.last_name) AS author_name "
            "FROM opinions o JOIN people p ON p.id = o.author_id WHERE o.candidate_id = ? "
            "ORDER BY o.given_on, o.id", (candidate_id,))]

    def give_opinion(self, candidate_id: int, author_id: int, opinion: OpinionKind | str,
                     comment: str, today: date) -> Opinion:
        """One opinion per team member and candidacy: giving it again replaces it."""
        clean, = check.collect(lambda: check.optional_text("comment", comment, limit=2000,
                                                                  prose=True))
        opinion = OpinionKind(opinion)
        with self._db.write() as conn:
            row = self._row(conn, candidate_id)
            if author_id == row["person_id"]:
                raise Refused(_("La personne candidate ne donne pas d’avis sur sa propre "
                                "candidature."))
            if conn.execute("SELECT 1 FROM people WHERE id = ?", (author_id,)).fetchone() is None:
                raise NotFound(_("Cette personne n’existe plus."))
            conn.execute(
                "INSERT INTO opinions (candidate_id, author_id, opinion, comment, given_on) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (candidate_id, author_id) DO UPDATE SET "
                "opinion = excluded.opinion, comment = excluded.comment, "
                "given_on = excluded.given_on",
                (candidate_id, author_id, opinion.value, clean, today.isoformat()))
            record(conn, self._actor, "update", "candidate", candidate_id, ["opinion"])
        return next(o for o in self.opinions(candidate_id) if o.author_id == author_id)

    def remove_opinion(self, opinion_id: int) -> None:
        with self._db.write() as conn:
            row = conn.execute("SELECT candidate_id FROM opinions WHERE id = ?",
                               (opinion_id,)).fetchone()
            if row is None:
                raise NotFound(_("Cet avis n’existe plus."))
            conn.execute("DELETE FROM opinions WHERE id = ?", (opinion_id,))
            record(conn, self._actor, "update", "candidate", row["candidate_id"], ["opinion"])


def _require_committee(conn: sqlite3.Connection, committee_id: object) -> None:
    if committee_id is not None and conn.execute(
            "SELECT 1 FROM committees WHERE id = ?", (committee_id,)).fetchone() is None:
        raise NotFound(_("Ce comité n’existe plus."))


def _criterion(row: sqlite3.Row) -> Criterion:
    return Criterion(id=row["id"], committee_id=row["committee_id"],
                     role=Role(row["role"]) if row["role"] else None,
                     kind=CriterionKind(row["kind"]), text=row["text"])


def _opinion(row: sqlite3.Row) -> Opinion:
    return Opinion(id=row["id"], candidate_id=row["candidate_id"], author_id=row["author_id"],
                   author_name=row["author_name"], opinion=OpinionKind(row["opinion"]),
                   comment=row["comment"], given_on=date.fromisoformat(row["given_on"]))
