"""A coordinator's world worth backing up, in the test's own XDG folders: the example data with
its charters, and the files the base points to — two training certificates (hers and another
member's), the scan of her signed charter, a structure's logo, the poll's invitations in the
outbox — built through the app's own use cases. Her name is distinctive, so that any trace of
it can be looked for; she is the one erased in the tests."""

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from comite.kernel import clock
from comite.store import MembershipInput, PersonInput, Store, open_store
from comite.store.committee_models import Role
from comite.store.trainings import TrainingInput
from comite.usecases import paths
from comite.usecases.settings import Settings, save

PASSPHRASE = "cheval agrafe batterie correcte"
NAME = "Anaïs Quenardel"
EMAIL = "anais.quenardel@example.org"
POLL = "Prochain comité des usagers"
COMMITTEE = "Comité des usagers"
# Where the base points to files: the data folder's pieces, certificates and logos; the outbox.
KEPT = ("chartes/pieces", "formations", "logos", "boite-d-envoi")


@dataclass(frozen=True)
class World:
    db: Path
    settings: Settings
    her: int
    her_uid: str
    her_files: tuple[Path, ...]  # her certificate, her charter's scan, her invitation files


def build(scratch: Path) -> World:
    """The world in the current XDG folders; `scratch` holds what was handed to comite."""
    scratch.mkdir(parents=True, exist_ok=True)
    settings = Settings(coordinator_name="Claire Coordination",
                        coordinator_email="coordination@example.org")
    save(settings)  # the command line finds the same folders
    db = paths.default_db()
    store = open_store(db)
    try:
        from comite.usecases.demo import fill_demo

        fill_demo(store, clock.today(), paths.charter_templates_dir())
        committee = next(s.committee for s in store.committees.all() if s.committee.name == COMMITTEE)
        her = store.people.create(PersonInput(last_name="Quenardel", first_name="Anaïs", email=EMAIL,
                                              roles=(Role.PATIENT_PARTNER,)))
        store.memberships.add(committee.id, her.id, MembershipInput())
        other = store.people.page(limit=1).rows[0]
        certificate = _certificate(store, her.id, NAME, scratch / "attestation-anais.pdf")
        _certificate(store, other.id, "Un autre membre", scratch / "attestation-autre.pdf")
        scan = _signed_scan(store, her.id, scratch)
        _logo(store, committee.structure_id, scratch)
        poll = next(m for m in store.meetings.all() if m.title == POLL)
        store.meetings.invite(poll.id, her.id)
        from comite.usecases.outbox import write_invitations

        write_invitations(store, poll.id, settings)
        uid = store.db.connection().execute("SELECT uid FROM people WHERE id = ?", (her.id,)).fetchone()[0]
    finally:
        store.close()
    invitations = tuple(sorted(settings.folder("outbox").rglob("*quenardel*")))
    assert invitations, "her invitation is in the outbox"
    return World(db=db, settings=settings, her=her.id, her_uid=uid,
                 her_files=(certificate, scan, *invitations))


def _certificate(store: Store, person_id: int, name: str, source: Path) -> Path:
    from comite.sync.training_certificates import receive_certificate
    from tests.cli.test_cli_privacy import scan_pdf

    copy, sha256 = receive_certificate(scan_pdf(source, "Attestation de formation", name),
                                       paths.training_certificates_dir())
    store.trainings.add(person_id, TrainingInput(
        course="Formation de base des représentants des usagers", held_on=clock.today(), hours=14,
        kind="ru_basic", organisation="France Assos Santé", certificate_path=str(copy),
        certificate_sha256=sha256))
    return copy


def _signed_scan(store: Store, person_id: int, scratch: Path) -> Path:
    """Her charter made, printed, signed on paper, scanned and handed back."""
    from comite.sync.charter_returns import receive
    from comite.usecases.charters import produce
    from tests.cli.test_cli_privacy import scan_pdf

    engagement = next(e for e in store.charters.engagements() if e.person_id == person_id)
    produce(store, engagement, "Sophie Lambert, coordinatrice", clock.today(), scratch / "chartes")
    [charter] = store.charters.of_person(person_id)
    scan = scan_pdf(scratch / "scan.pdf", "Charte signée sur papier", NAME)
    return receive(store, scan, paths.charter_pieces_dir(), charter_id=charter.id, side=None,
                   signed_on=clock.today()).piece


def _logo(store: Store, structure_id: int, scratch: Path) -> None:
    from comite.usecases.letterhead import check_logo, keep
    from tests.exports.logos import make_logo

    kept = keep(check_logo(make_logo(scratch / "logo.png")))
    store.structures.set_logo(structure_id, kept.name)


# ---- what is compared after a restore ----------------------------------------------------------


def rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in an order that does not depend on how they were written."""
    conn = sqlite3.connect(db)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        return {table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
                for table in tables}
    finally:
        conn.close()


def kept_files(settings: Settings) -> dict[str, bytes]:
    """The bytes of every file where the base points to files, by path in the data folder."""
    data = paths.data_dir()
    roots = [data / folder for folder in KEPT[:-1]] + [settings.folder("outbox")]
    return {str(path.relative_to(data)): path.read_bytes()
            for root in roots for path in sorted(root.rglob("*")) if path.is_file()}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too), with its bytes: what a refusal must leave."""
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}
