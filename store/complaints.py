"""A commission des usagers' complaints register, pseudonymised: each case by the
establishment's own file reference, never by the patient's name; the cases put on a meeting
for examination; and, per meeting, the e-Satis scores and serious adverse events presented.

The reference, the service, the summary and what was done about adverse events are checked
against names (`no_name`): the full name of anyone in the base, a civility followed by a
capitalised word, an e-mail address or a phone number is refused on its field. What slipped in
before (or escapes the check) is free text, hence covered by the erasure sweep (`store.privacy`).
"""

import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from comite.kernel import clock
from comite.kernel.clock import new_uid, utc_now_iso
from comite.kernel.errors import FieldError
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.committee_models import CommitteeKind
from comite.store.complaint_models import (
    Channel,
    Complaint,
    ComplaintKind,
    EsatisScope,
    EsatisScore,
    Mediation,
    MeetingQuality,
    Outcome,
    Theme,
)
from comite.store.errors import NotFound, Refused, ValidationError
from comite.store.service import Service, changed_fields

SUMMARY_LIMIT = 1000
ACTIONS_LIMIT = 1000
NAMES_ADVICE = _("N’écrivez aucun nom : le registre est pseudonymisé, le dossier se désigne "
                 "par la référence de l’établissement.")

# « M. Dupont », « Mme Martin », « Madame X », « Dr Roux »: a civility, then a capitalised word.
_CIVILITY = re.compile(
    r"(?<![\w.])(?:M\.|MM\.|Mme|Mmes|Mlle|Mlles|Madame|Mesdames|Monsieur|Messieurs|Mademoiselle"
    r"|Dr\.?|Docteur|Pr\.?|Professeur)\s+([^\W\d_])")
_EMAIL = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[^\W\d_]{2,}")
# A French number (0X XX XX XX XX, +33 X…) with or without separators.
_PHONE = re.compile(r"(?<!\d)(?:\+33\s?(?:\(0\)\s?)?|0033\s?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\d)")
_NOT_A_LETTER = re.compile(r"[\W_]+")


def _words(text: str) -> str:
    """Folded, punctuation and hyphens as spaces, padded: « Jean-Paul Roux » is found as
    " jean paul roux " inside " ... jean paul roux ... "."""
    return " " + " ".join(_NOT_A_LETTER.sub(" ", check.fold(text)).split()) + " "


def full_names(conn: sqlite3.Connection) -> set[str]:
    """Everyone's first and last name, both orders, as `_words` writes them."""
    names = set()
    for row in conn.execute("SELECT first_name, last_name FROM people "
                            "WHERE trim(first_name) != '' AND trim(last_name) != ''"):
        names.add(_words(f"{row['first_name']} {row['last_name']}"))
        names.add(_words(f"{row['last_name']} {row['first_name']}"))
    return names


def no_name(field: str, text: str, names: Iterable[str]) -> str:
    """`text` as it is, unless it holds what names a person: raises FieldError on `field`."""
    if not text:
        return text
    why = None
    words = _words(text)
    if any(name in words for name in names):
        why = _("Ce texte contient le nom d’une personne de la base.")
    elif (match := _CIVILITY.search(text)) and match.group(1).isupper():
        why = _("« {civility} » suivi d’un nom : c’est désigner une personne.").format(
            civility=match.group(0).split()[0])
    elif _EMAIL.search(text):
        why = _("Ce texte contient une adresse e-mail.")
    elif _PHONE.search(text):
        why = _("Ce texte contient un numéro de téléphone.")
    if why:
        raise FieldError(field, f"{why} {NAMES_ADVICE}")
    return text


def _label_of(enum: type, field: str, value: object, what: str) -> str:
    try:
        return enum(value).value
    except ValueError:
        raise FieldError(field, _("Choisissez {what}.").format(what=what)) from None


def _day(field: str, value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return check.parse_date(field, value)


@dataclass(frozen=True, slots=True)
class ComplaintInput:
    reference: str
    received_on: date | str
    channel: Channel | str = Channel.LETTER
    theme: Theme | str = Theme.OTHER
    kind: ComplaintKind | str = ComplaintKind.COMPLAINT
    service: str = ""
    mediation: Mediation | str = Mediation.NONE
    referred_on: date | str | None = None
    mediation_on: date | str | None = None
    mediation_report_on: date | str | None = None
    acknowledged_on: date | str | None = None
    answered_on: date | str | None = None
    outcome: Outcome | str = Outcome.OPEN
    summary: str = ""
    examined_in_meeting_id: int | None = None

    def validated(self, names: Iterable[str], today: date | None = None) -> dict[str, object]:
        """The values to write, checked; `today` (the clock's when None) bounds the receipt."""
        names = tuple(names)
        (reference, received, channel, theme, kind, service, mediation, referred, met, report,
         acknowledged, answered, outcome, summary) = check.collect(
            lambda: no_name("reference", check.required(
                "reference", self.reference, _("La référence du dossier")), names),
            lambda: self._received(today or clock.today()),
            lambda: _label_of(Channel, "channel", self.channel, _("le canal")),
            lambda: _label_of(Theme, "theme", self.theme, _("le thème")),
            lambda: _label_of(ComplaintKind, "kind", self.kind, _("réclamation ou éloge")),
            lambda: no_name("service", check.optional_text("service", self.service, 80), names),
            lambda: _label_of(Mediation, "mediation", self.mediation, _("la médiation")),
            lambda: _day("referred_on", self.referred_on),
            lambda: _day("mediation_on", self.mediation_on),
            lambda: _day("mediation_report_on", self.mediation_report_on),
            lambda: _day("acknowledged_on", self.acknowledged_on),
            lambda: _day("answered_on", self.answered_on),
            lambda: _label_of(Outcome, "outcome", self.outcome, _("la suite donnée")),
            lambda: no_name("summary", check.optional_text(
                "summary", self.summary, SUMMARY_LIMIT, prose=True), names),
        )
        days = {"referred_on": referred, "mediation_on": met, "mediation_report_on": report,
                "acknowledged_on": acknowledged, "answered_on": answered}
        _check_order(received, mediation, days)
        return {"reference": reference, "received_on": received.isoformat(), "channel": channel,
                "theme": theme, "kind": kind, "service": service, "mediation": mediation,
                **{name: day.isoformat() if day else None for name, day in days.items()},
                "outcome": outcome, "summary": summary,
                "examined_in_meeting_id": self.examined_in_meeting_id}

    def _received(self, today: date) -> date:
        day = _day("received_on", self.received_on)
        if day is None:
            raise FieldError("received_on", _("Dites quand la réclamation a été reçue."))
        if day > today:
            raise FieldError("received_on", _("Cette date est à venir : une réclamation se "
                                              "note une fois reçue (vérifiez l’année)."))
        return day


def _check_order(received: date | None, mediation: str | None,
                 days: Mapping[str, date | None]) -> None:
    """Every date after the receipt; a mediation's dates only with a mediation, in order."""
    errors: dict[str, str] = {}
    if mediation == Mediation.NONE.value:
        for name in ("referred_on", "mediation_on", "mediation_report_on"):
            if days[name]:
                errors[name] = _("Sans médiation, pas de date de médiation : choisissez la "
                                 "médiation ou effacez cette date.")
    if received:
        for name, day in days.items():
            if day and day < received and name not in errors:
                errors[name] = _("Cette date est avant la réception de la réclamation.")
    for later, earlier, message in (
            ("mediation_on", "referred_on",
             _("La rencontre avec le médiateur est avant sa saisine.")),
            ("mediation_report_on", "mediation_on",
             _("Le compte rendu de médiation est avant la rencontre.")),
            ("mediation_report_on", "referred_on",
             _("Le compte rendu de médiation est avant la saisine du médiateur."))):
        if days[later] and days[earlier] and days[later] < days[earlier]:
            errors.setdefault(later, message)
    if errors:
        raise ValidationError(errors)


_FIELDS = ("reference", "received_on", "channel", "theme", "kind", "service", "mediation",
           "referred_on", "mediation_on", "mediation_report_on", "acknowledged_on", "answered_on",
           "outcome", "summary", "examined_in_meeting_id")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _complaint(row: sqlite3.Row) -> Complaint:
    return Complaint(
        id=row["id"], committee_id=row["committee_id"], reference=row["reference"],
        kind=ComplaintKind(row["kind"]), received_on=date.fromisoformat(row["received_on"]),
        channel=Channel(row["channel"]), theme=Theme(row["theme"]), service=row["service"],
        mediation=Mediation(row["mediation"]), referred_on=_date(row["referred_on"]),
        mediation_on=_date(row["mediation_on"]),
        mediation_report_on=_date(row["mediation_report_on"]),
        acknowledged_on=_date(row["acknowledged_on"]), answered_on=_date(row["answered_on"]),
        outcome=Outcome(row["outcome"]), summary=row["summary"],
        examined_in_meeting_id=row["examined_in_meeting_id"])


def _require_cdu(conn: sqlite3.Connection, committee_id: int) -> None:
    row = conn.execute("SELECT kind FROM committees WHERE id = ?", (committee_id,)).fetchone()
    if row is None:
        raise NotFound(_("Ce comité n’existe plus."))
    if row["kind"] != CommitteeKind.CDU.value:
        raise Refused(_("Le registre des plaintes et réclamations est celui d’une commission des "
                        "usagers (CDU) : ce comité n’en est pas une."))


def _require_cdu_meeting(conn: sqlite3.Connection, meeting_id: int,
                         committee_id: int | None = None) -> int:
    """The meeting's committee, a CDU (the complaint's own when `committee_id` is given)."""
    row = conn.execute("SELECT committee_id FROM meetings WHERE id = ?", (meeting_id,)).fetchone()
    if row is None:
        raise NotFound(_("Cette réunion n’existe plus."))
    if committee_id is not None and row["committee_id"] != committee_id:
        raise ValidationError({"examined_in_meeting_id": _(
            "Choisissez une réunion de la même commission des usagers.")})
    _require_cdu(conn, row["committee_id"])
    return row["committee_id"]


class ComplaintService(Service):
    # ---- the register ----------------------------------------------------------------------

    def add(self, committee_id: int, complaint: ComplaintInput,
            today: date | None = None) -> Complaint:
        """A case entered; `today` is the day it is for the app (the clock's when None)."""
        with self._db.write() as conn:
            _require_cdu(conn, committee_id)
            values = self._checked(conn, committee_id, complaint, None, today)
            now = utc_now_iso()
            cursor = conn.execute(
                "INSERT INTO complaints (uid, committee_id, created_at, updated_at, "
                + ", ".join(_FIELDS) + ") VALUES (?, ?, ?, ?" + ", ?" * len(_FIELDS) + ")",
                (new_uid(), committee_id, now, now, *(values[name] for name in _FIELDS)))
            record(conn, self._actor, "create", "complaint", cursor.lastrowid,
                   [name for name, value in values.items() if value])
        return self.get(cursor.lastrowid)

    def update(self, complaint_id: int, complaint: ComplaintInput,
               today: date | None = None) -> Complaint:
        with self._db.write() as conn:
            before = self._row(conn, complaint_id)
            values = self._checked(conn, before["committee_id"], complaint, complaint_id, today)
            conn.execute("UPDATE complaints SET updated_at = ?, "
                         + ", ".join(f"{name} = ?" for name in _FIELDS) + " WHERE id = ?",
                         (utc_now_iso(), *(values[name] for name in _FIELDS), complaint_id))
            record(conn, self._actor, "update", "complaint", complaint_id,
                   changed_fields({name: before[name] for name in _FIELDS}, values))
        return self.get(complaint_id)

    def remove(self, complaint_id: int) -> Complaint:
        complaint = self.get(complaint_id)
        with self._db.write() as conn:
            conn.execute("DELETE FROM complaints WHERE id = ?", (complaint_id,))
            record(conn, self._actor, "delete", "complaint", complaint_id)
        return complaint

    def examine(self, complaint_id: int, meeting_id: int | None) -> Complaint:
        """Put the case on a meeting of its CDU for examination, or (None) take it off."""
        with self._db.write() as conn:
            before = self._row(conn, complaint_id)
            if meeting_id is not None:
                _require_cdu_meeting(conn, meeting_id, before["committee_id"])
            conn.execute("UPDATE complaints SET examined_in_meeting_id = ?, updated_at = ? "
                         "WHERE id = ?", (meeting_id, utc_now_iso(), complaint_id))
            record(conn, self._actor, "update", "complaint", complaint_id,
                   ["examined_in_meeting_id"])
        return self.get(complaint_id)

    def get(self, complaint_id: int) -> Complaint:
        return _complaint(self._row(self._db.connection(), complaint_id))

    def of_committee(self, committee_id: int, year: int | None = None,
                     search: str = "") -> list[Complaint]:
        """The most recently received first; `year` by the day received, `search` in the
        reference (case and accents aside)."""
        sql, args = "SELECT * FROM complaints WHERE committee_id = ?", [committee_id]
        if year is not None:
            sql += " AND received_on >= ? AND received_on < ?"
            args += [date(year, 1, 1).isoformat(), date(year + 1, 1, 1).isoformat()]
        found = [_complaint(row) for row in self._db.connection().execute(
            sql + " ORDER BY received_on DESC, id DESC", args)]
        wanted = check.fold(search.strip())
        return [c for c in found if wanted in check.fold(c.reference)] if wanted else found

    def years(self, committee_id: int) -> list[int]:
        return [int(row[0]) for row in self._db.connection().execute(
            "SELECT DISTINCT substr(received_on, 1, 4) FROM complaints WHERE committee_id = ? "
            "ORDER BY 1", (committee_id,))]

    def examined_in(self, meeting_id: int) -> list[Complaint]:
        return [_complaint(row) for row in self._db.connection().execute(
            "SELECT * FROM complaints WHERE examined_in_meeting_id = ? "
            "ORDER BY received_on, id", (meeting_id,))]

    def is_cdu(self, committee_id: int) -> bool:
        row = self._db.connection().execute("SELECT kind FROM committees WHERE id = ?",
                                            (committee_id,)).fetchone()
        return row is not None and row["kind"] == CommitteeKind.CDU.value

    def _row(self, conn: sqlite3.Connection, complaint_id: int) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM complaints WHERE id = ?", (complaint_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette réclamation n’existe plus."))
        return row

    def _checked(self, conn: sqlite3.Connection, committee_id: int, complaint: ComplaintInput,
                 complaint_id: int | None, today: date | None) -> dict[str, object]:
        values = complaint.validated(full_names(conn), today)
        taken = conn.execute(
            "SELECT 1 FROM complaints WHERE committee_id = ? AND reference = ? AND id IS NOT ?",
            (committee_id, values["reference"], complaint_id)).fetchone()
        if taken:
            raise ValidationError({"reference": _(
                "Un autre dossier de cette commission porte déjà la référence « {reference} ».")
                .format(reference=values["reference"])})
        if values["examined_in_meeting_id"] is not None:
            _require_cdu_meeting(conn, int(values["examined_in_meeting_id"]), committee_id)
        return values

    # ---- quality and safety of care, per meeting ---------------------------------------------

    def quality(self, meeting_id: int) -> MeetingQuality:
        conn = self._db.connection()
        scores = {row["scope"]: row["score"] for row in conn.execute(
            "SELECT scope, score FROM esatis_scores WHERE meeting_id = ?", (meeting_id,))}
        events = conn.execute("SELECT count, actions FROM adverse_events WHERE meeting_id = ?",
                              (meeting_id,)).fetchone()
        return MeetingQuality(
            meeting_id, tuple(EsatisScore(scope, scores[scope.value]) for scope in EsatisScope
                              if scope.value in scores),
            events["count"] if events else None, events["actions"] if events else "")

    def set_quality(self, meeting_id: int, scores: Mapping[EsatisScope | str, float | str | None],
                    adverse_events: int | str | None, actions: str = "") -> MeetingQuality:
        """Replace what the meeting was told: a score per scope (empty: none recorded), the
        count of serious adverse events (empty: none recorded) and what was done about them."""
        names = full_names(self._db.connection())
        checked = check.collect(*(
            (lambda scope=scope: (scope.value, _score(scope, scores.get(scope.value,
                                                                        scores.get(scope)))))
            for scope in EsatisScope),
            lambda: _events(adverse_events),
            lambda: no_name("actions", check.optional_text(
                "actions", actions, ACTIONS_LIMIT, prose=True), names))
        *pairs, count, what = checked
        if count is None and what:
            raise ValidationError({"adverse_events": _(
                "Dites combien d’événements indésirables graves ont été présentés.")})
        with self._db.write() as conn:
            _require_cdu_meeting(conn, meeting_id)
            conn.execute("DELETE FROM esatis_scores WHERE meeting_id = ?", (meeting_id,))
            conn.executemany("INSERT INTO esatis_scores (meeting_id, scope, score) VALUES (?, ?, ?)",
                             [(meeting_id, scope, score) for scope, score in pairs
                              if score is not None])
            conn.execute("DELETE FROM adverse_events WHERE meeting_id = ?", (meeting_id,))
            if count is not None:
                conn.execute("INSERT INTO adverse_events (meeting_id, count, actions, updated_at) "
                             "VALUES (?, ?, ?, ?)", (meeting_id, count, what, utc_now_iso()))
            record(conn, self._actor, "update", "meeting_quality", meeting_id,
                   ["esatis_scores", "adverse_events", "actions"])
        return self.quality(meeting_id)


def _score(scope: EsatisScope, value: float | str | None) -> float | None:
    text = "" if value is None else str(value).strip().replace(",", ".").removesuffix("%").strip()
    if not text:
        return None
    try:
        score = float(text)
    except ValueError:
        raise FieldError(scope.value, _("« {value} » n’est pas un score.").format(
            value=str(value)[:12])) from None
    if not 0 <= score <= 100:
        raise FieldError(scope.value, _("Un score e-Satis va de 0 à 100."))
    return score


def _events(value: int | str | None) -> int | None:
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if not text.isdigit():
        raise FieldError("adverse_events", _("Un nombre d’événements : 0, 1, 2…"))
    return int(text)
