"""The domain and its persistence: knows nothing of files beyond its own, of UI or network."""

from contextlib import AbstractContextManager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from comite.store.audit import AuditService
from comite.store.committees import CommitteeService
from comite.store.db import Database, inspect_existing, switch_to_wal
from comite.store.errors import (
    DatabaseRefused,
    NeedsConfirmation,
    NotFound,
    Refused,
    StoreError,
    ValidationError,
)
from comite.store.memberships import MembershipInput, MembershipService
from comite.store.migrations import LATEST, migrate
from comite.store.people import PeopleService, PersonInput
from comite.store.structures import StructureService

if TYPE_CHECKING:
    from comite.store.agenda import AgendaService
    from comite.store.backups import BackupService
    from comite.store.calendar import CalendarService
    from comite.store.charters import CharterService
    from comite.store.complaints import ComplaintService
    from comite.store.conclusions import ConclusionService
    from comite.store.consents import ConsentService
    from comite.store.expenses import ExpenseService
    from comite.store.inbox import InboxService
    from comite.store.involvement import InvolvementService
    from comite.store.meetings import MeetingService
    from comite.store.minutes import MinutesService
    from comite.store.minutes_mail import MinutesMailService
    from comite.store.privacy import PrivacyService
    from comite.store.recruitment import RecruitmentService
    from comite.store.sitting import SittingService
    from comite.store.trainings import TrainingService
    from comite.store.year_figures import YearService

__all__ = [
    "DatabaseRefused", "MeetingInput", "MembershipInput", "NeedsConfirmation", "NotFound",
    "PersonInput", "Refused", "Store", "StoreError", "ValidationError", "open_store",
]


def __getattr__(name: str) -> object:
    # `from comite.store import MeetingInput` works without loading meetings at start-up.
    if name == "MeetingInput":
        from comite.store import meetings

        return getattr(meetings, name)
    raise AttributeError(f"module 'comite.store' has no attribute {name!r}")

DEFAULT_ACTOR = "coordination"


class Store:
    """One service object per aggregate, sharing the database."""

    def __init__(self, db: Database, actor: str) -> None:
        self.db = db
        self.actor = actor
        self.structures = StructureService(db, actor)
        self.committees = CommitteeService(db, actor)
        self.people = PeopleService(db, actor)
        self.memberships = MembershipService(db, actor)
        self.audit = AuditService(db)

    # Meetings and what happens in them load on first use: their records cost start-up time
    # the first frame can spare.
    @cached_property
    def meetings(self) -> "MeetingService":
        from comite.store.meetings import MeetingService

        return MeetingService(self.db, self.actor)

    @cached_property
    def inbox(self) -> "InboxService":
        from comite.store.inbox import InboxService

        return InboxService(self.db, self.actor)

    @cached_property
    def calendar(self) -> "CalendarService":
        from comite.store.calendar import CalendarService

        return CalendarService(self.db, self.actor)

    @cached_property
    def agenda(self) -> "AgendaService":
        from comite.store.agenda import AgendaService

        return AgendaService(self.db, self.actor)

    @cached_property
    def charters(self) -> "CharterService":
        from comite.store.charters import CharterService

        return CharterService(self.db, self.actor)

    @cached_property
    def conclusions(self) -> "ConclusionService":
        from comite.store.conclusions import ConclusionService

        return ConclusionService(self.db, self.actor)

    @cached_property
    def minutes(self) -> "MinutesService":
        from comite.store.minutes import MinutesService

        return MinutesService(self.db, self.actor)

    @cached_property
    def minutes_mail(self) -> "MinutesMailService":
        from comite.store.minutes_mail import MinutesMailService

        return MinutesMailService(self.db, self.actor)

    @cached_property
    def sitting(self) -> "SittingService":
        from comite.store.sitting import SittingService

        return SittingService(self.db, self.actor)

    @cached_property
    def recruitment(self) -> "RecruitmentService":
        from comite.store.recruitment import RecruitmentService

        return RecruitmentService(self.db, self.actor)

    @cached_property
    def trainings(self) -> "TrainingService":
        from comite.store.trainings import TrainingService

        return TrainingService(self.db, self.actor)

    @cached_property
    def complaints(self) -> "ComplaintService":
        """A CDU's complaints register, and the quality of care presented at its meetings."""
        from comite.store.complaints import ComplaintService

        return ComplaintService(self.db, self.actor)

    @cached_property
    def expenses(self) -> "ExpenseService":
        """Expenses of the users who engage (défraiement) and their receipts."""
        from comite.store.expenses import ExpenseService

        return ExpenseService(self.db, self.actor)

    @cached_property
    def year(self) -> "YearService":
        """A committee's year in figures (`year.figures(committee_id, year)`)."""
        from comite.store.year_figures import YearService

        return YearService(self.db, self.actor)

    @cached_property
    def involvement(self) -> "InvolvementService":
        """A structure's actions register for the ACI « implication des usagers »."""
        from comite.store.involvement import InvolvementService

        return InvolvementService(self.db, self.actor)

    @cached_property
    def consents(self) -> "ConsentService":
        from comite.store.consents import ConsentService

        return ConsentService(self.db, self.actor)

    @cached_property
    def privacy(self) -> "PrivacyService":
        from comite.store.privacy import PrivacyService

        return PrivacyService(self.db, self.actor)

    @cached_property
    def backups(self) -> "BackupService":
        from comite.store.backups import BackupService

        return BackupService(self.db, self.actor)

    @property
    def path(self) -> Path:
        return self.db.path

    def transaction(self) -> AbstractContextManager[object]:
        """Several use cases that must land together (a reply and the file it came from)."""
        return self.db.write()

    def schema_version(self) -> int:
        return self.db.connection().execute("PRAGMA user_version").fetchone()[0]

    def erasures_pending(self) -> bool:
        """Whether an erasure was interrupted before its files were swept: one cheap query,
        asked at every start (the sweep itself is in `comite.usecases.privacy`)."""
        return self.db.connection().execute(
            "SELECT EXISTS (SELECT 1 FROM erasure_journal)").fetchone()[0] == 1

    def is_empty(self) -> bool:
        return self.structures.count() == 0 and self.people.count() == 0

    def integrity(self) -> list[str]:
        """SQLite's integrity_check and foreign_key_check, as messages; empty when sound."""
        conn = self.db.connection()
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"]
        problems += [f"clé étrangère : {row[0]} ligne {row[1]}"
                     for row in conn.execute("PRAGMA foreign_key_check")]
        return problems

    def close(self) -> None:
        self.db.close()


def open_store(path: Path | str, *, actor: str = DEFAULT_ACTOR, check_location: bool = True) -> Store:
    """Open (create, migrate) the database at `path`; refuses, untouched, a file it must not use."""
    path = Path(path).expanduser()
    inspect_existing(path, LATEST, check_location=check_location)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from comite.kernel.errors import system_reason
        from comite.kernel.i18n import _

        raise DatabaseRefused(_("Impossible de créer le dossier {folder} : {why}.").format(
            folder=path.parent, why=system_reason(error))) from None
    new = not path.exists() or path.stat().st_size == 0
    db = Database(path)
    conn = db.connection()
    if new:
        # Health data may live here: readable by the user only (SQLite gives its -wal and
        # -shm the same mode as the database).
        path.chmod(0o600)
    switch_to_wal(conn)
    migrate(conn)
    return Store(db, actor)
