"""Trainings a person followed: course, organisation, hours, day, and the certificate kept."""

import sqlite3
from dataclasses import dataclass
from datetime import date

from comite.kernel.clock import utc_now_iso
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.audit import record
from comite.store.errors import NotFound
from comite.store.recruitment_models import Training, TrainingKind
from comite.store.service import Service, changed_fields

MAX_HOURS = 2000


@dataclass(frozen=True, slots=True)
class TrainingInput:
    course: str
    held_on: date | str
    hours: float | str
    kind: TrainingKind | str = TrainingKind.OTHER
    organisation: str = ""
    certificate_path: str = ""
    certificate_sha256: str = ""

    def validated(self) -> dict[str, object]:
        course, held_on, hours, kind, organisation = check.collect(
            lambda: check.required("course", self.course, _("L’intitulé de la formation")),
            lambda: self._day(),
            lambda: _hours(self.hours),
            lambda: _kind(self.kind),
            lambda: check.optional_text("organisation", self.organisation),
        )
        return {"course": course, "held_on": held_on.isoformat(), "hours": hours, "kind": kind,
                "organisation": organisation, "certificate_path": self.certificate_path,
                "certificate_sha256": self.certificate_sha256}

    def _day(self) -> date:
        day = self.held_on if isinstance(self.held_on, date) else check.parse_date(
            "held_on", self.held_on)
        if day is None:
            raise check.FieldError("held_on", _("Dites quand la formation a eu lieu."))
        return day


def _hours(value: float | str) -> float:
    text = str(value).strip().replace(",", ".").removesuffix("h").strip()
    if not text:
        raise check.FieldError("hours", _("Combien d’heures a duré la formation ?"))
    try:
        hours = float(text)
    except ValueError:
        raise check.FieldError("hours", _("« {value} » n’est pas un nombre d’heures.").format(
            value=str(value)[:12])) from None
    if not 0 < hours <= MAX_HOURS:
        raise check.FieldError("hours", _("Entre 0,5 et {limit} heures.").format(limit=MAX_HOURS))
    return hours


def _kind(value: TrainingKind | str) -> str:
    try:
        return TrainingKind(value).value
    except ValueError:
        raise check.FieldError("kind", _("Choisissez le type de formation.")) from None


_FIELDS = ("course", "held_on", "hours", "kind", "organisation", "certificate_path",
           "certificate_sha256")


def _training(row: sqlite3.Row) -> Training:
    return Training(id=row["id"], person_id=row["person_id"], course=row["course"],
                    kind=TrainingKind(row["kind"]), organisation=row["organisation"],
                    hours=row["hours"], held_on=date.fromisoformat(row["held_on"]),
                    certificate_path=row["certificate_path"],
                    certificate_sha256=row["certificate_sha256"])


class TrainingService(Service):
    def add(self, person_id: int, training: TrainingInput) -> Training:
        values = training.validated()
        with self._db.write() as conn:
            if conn.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is None:
                raise NotFound(_("Cette personne n’existe plus."))
            cursor = conn.execute(
                "INSERT INTO trainings (person_id, created_at, " + ", ".join(_FIELDS)
                + ") VALUES (?, ?" + ", ?" * len(_FIELDS) + ")",
                (person_id, utc_now_iso(), *(values[name] for name in _FIELDS)))
            record(conn, self._actor, "create", "training", cursor.lastrowid,
                   [name for name, value in values.items() if value])
        return self.get(cursor.lastrowid)

    def update(self, training_id: int, training: TrainingInput) -> Training:
        values = training.validated()
        with self._db.write() as conn:
            before = conn.execute("SELECT * FROM trainings WHERE id = ?", (training_id,)).fetchone()
            if before is None:
                raise NotFound(_("Cette formation n’existe plus."))
            conn.execute("UPDATE trainings SET " + ", ".join(f"{name} = ?" for name in _FIELDS)
                         + " WHERE id = ?", (*(values[name] for name in _FIELDS), training_id))
            record(conn, self._actor, "update", "training", training_id,
                   changed_fields({name: before[name] for name in _FIELDS}, values))
        return self.get(training_id)

    def remove(self, training_id: int) -> Training:
        """Returns the record removed, so the caller can remove its certificate file."""
        training = self.get(training_id)
        with self._db.write() as conn:
            conn.execute("DELETE FROM trainings WHERE id = ?", (training_id,))
            record(conn, self._actor, "delete", "training", training_id)
        return training

    def get(self, training_id: int) -> Training:
        row = self._db.connection().execute("SELECT * FROM trainings WHERE id = ?",
                                            (training_id,)).fetchone()
        if row is None:
            raise NotFound(_("Cette formation n’existe plus."))
        return _training(row)

    def of_person(self, person_id: int) -> list[Training]:
        """The most recent first."""
        return [_training(row) for row in self._db.connection().execute(
            "SELECT * FROM trainings WHERE person_id = ? ORDER BY held_on DESC, id DESC",
            (person_id,))]
