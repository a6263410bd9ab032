"""`comite privacy erase` killed at random (SIGKILL, as a power cut) never leaves her behind.

One scenario, built once: the example data, and a person with a health note whose files are
everywhere comite writes — her invitations in the outbox, her reply in the inbox, her access
export (JSON and PDF, health note included) and the minutes that name her (a shared document,
listed to be made again, never removed), among a few hundred files about others. Each run
restores it, starts the erasure in a subprocess, SIGKILLs it after a random delay, notes where
the kill fell (before the deletion's commit: she is still there; after it, during the sweep: her
erasure journal row is still there; after the sweep), then runs another command. Afterwards:
the database is sound; she is either wholly there (killed before the commit: nothing was done)
or gone with no file naming her left in the inbox, the outbox or the exports; no output shows a
traceback; a recovered erasure says what remains to make again.

The delays are spread over a window measured on this machine (one whole erasure, 0.3–0.5 s on
two cores), seeded: COMITE_KILL_SEED=<the printed seed> replays the same points of that window.
"""

import shutil
import sqlite3
from pathlib import Path

import pypdf
import pytest

from comite.exports.files import slug
from comite.kernel import clock
from comite.store import MembershipInput, PersonInput, open_store
from comite.store.privacy_models import ConsentMethod, Purpose
from comite.usecases.settings import Settings, save
from tests.cli.run import succeeded
from tests.cli.test_cli_privacy import EMAIL, HEALTH, HELD, NAME, NEEDLES, POLL
from tests.faults.kill import at_home, kill_after, run, seeded, spread, tracebacks

RUNS = 16
WHERE = {"before": "before the deletion's commit", "during": "after the commit, during the sweep",
         "after": "after the sweep"}
OTHERS = 300  # files about other people in the exports: the sweep reads each


def _build(home: Path) -> int:
    """The scenario in `home` (its XDG folders); her number."""
    from comite.usecases import paths

    save(Settings(coordinator_name="Claire Coordination",
                  coordinator_email="coordination@example.org"))
    succeeded("demo")
    store = open_store(paths.default_db())
    try:
        committee = next(s.committee.id for s in store.committees.all()
                         if s.committee.name == "Comité des usagers")
        her = store.people.create(PersonInput(last_name="Quenardel", first_name="Anaïs",
                                              email=EMAIL, phone="06 71 82 93 04"))
        store.memberships.add(committee, her.id, MembershipInput())
        today = clock.today()
        store.consents.give(her.id, Purpose.HEALTH, ConsentMethod.PAPER, today, today)
        store.consents.set_health_note(her.id, HEALTH)
        held = next(m for m in store.meetings.all() if m.title == HELD)
        item = store.minutes.document(held.id).items[0]
        store.minutes.write_notes(item.id, f"{NAME} présente le livret d’accueil.", confirmed=True)
        poll = next(m for m in store.meetings.all() if m.title == POLL)
        store.meetings.invite(poll.id, her.id)
    finally:
        store.close()
    succeeded("export", "invitations", str(poll.id))
    succeeded("export", "minutes", str(held.id))
    succeeded("privacy", "export", str(her.id), "--sante")
    data = paths.data_dir()
    inbox = data / "boite-de-reception"
    (inbox / "processed").mkdir(parents=True, exist_ok=True)
    (inbox / "processed" / "reponse-1.eml").write_text(
        f"From: {EMAIL}\r\nSubject: Accepté : {POLL}\r\n\r\nJe serai là.\r\n", encoding="utf-8")
    (inbox / "quarantine").mkdir(exist_ok=True)
    (inbox / "quarantine" / "reponse-2.ics").write_text(
        f"BEGIN:VCALENDAR\r\nATTENDEE;CN={NAME}:mailto:{EMAIL}\r\n", encoding="utf-8")
    (inbox / "quarantine" / "reponse-2.ics.why.txt").write_text("Réponse tronquée.\n")
    others = data / "exports" / "archives"
    others.mkdir(parents=True)
    for n in range(OTHERS):
        (others / f"presence-{n:03}.csv").write_text(f"Martin{n};present\n" * 20, encoding="utf-8")
    return her.id


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """The scenario built in `run/`, kept as `template/`; each run starts from a copy at the same
    place (the database records absolute paths)."""
    base = tmp_path_factory.mktemp("kill-erasure")
    home = base / "run"
    with at_home(home) as env:
        her = _build(home)
    shutil.copytree(home, base / "template")
    data = home / "xdg_data_home" / "comite"
    return {"base": base, "home": home, "env": {**env, "COMITE_DB": ""}, "her": her,
            "db": data / "comite.sqlite", "data": data,
            "minutes": data / "exports" / f"compte-rendu-{slug(HELD)}.pdf"}


def _restore(scenario) -> None:
    shutil.rmtree(scenario["home"])
    shutil.copytree(scenario["base"] / "template", scenario["home"])


def _where_killed(db: Path, her: int) -> str:
    """Read as the next program finds it: her row, and her erasure journal's row."""
    conn = sqlite3.connect(db)
    try:
        present = conn.execute("SELECT count(*) FROM people WHERE id = ?", (her,)).fetchone()[0]
        pending = conn.execute("SELECT count(*) FROM erasure_journal").fetchone()[0]
    finally:
        conn.close()
    if present:
        assert not pending
        return "before"
    return "during" if pending else "after"


def _naming_her(data: Path) -> dict[str, list[str]]:
    """The files of the inbox, outbox and exports that name her (their name, their bytes, the
    text of a PDF), as the sweep looks for her."""
    found = {}
    for folder in ("boite-de-reception", "boite-d-envoi", "exports"):
        for path in sorted(p for p in (data / folder).rglob("*") if p.is_file()):
            raw = (str(path.relative_to(data)).encode() + path.read_bytes()).lower()
            if path.suffix == ".pdf":
                reader = pypdf.PdfReader(path)
                raw += " ".join(page.extract_text() or "" for page in reader.pages).lower().encode()
            if hits := [n for n in NEEDLES if n.lower().encode() in raw]:
                found[str(path.relative_to(data))] = hits
    return found


def test_an_erasure_killed_at_random_is_finished_by_the_next_command(scenario):
    data, db, her, env = scenario["data"], scenario["db"], scenario["her"], scenario["env"]
    before = _naming_her(data)
    minutes = str(scenario["minutes"].relative_to(data))
    assert minutes in before and len(before) >= 6, before  # invitations, reply, exports, minutes
    whole = run("privacy", "erase", str(her), "--yes", env=env)  # the window, measured here
    assert whole.returncode == 0 and not tracebacks(whole.stdout, whole.stderr), whole
    assert _naming_her(data) == {minutes: ["quenardel"]}, "the uninterrupted erasure, for reference"

    rng, seed = seeded()
    counts = {"before": 0, "during": 0, "after": 0}
    for delay in spread(rng, RUNS, 0.1 * whole.elapsed, whole.elapsed):
        _restore(scenario)
        killed = kill_after(delay, "privacy", "erase", str(her), "--yes", env=env)
        where = _where_killed(db, her)
        counts[where] += 1
        said = f"seed {seed}, delay {delay:.3f} s, killed {WHERE[where]}"
        after = run("ls", "people", env=env)
        assert after.returncode == 0, (said, after)
        assert not tracebacks(killed.stdout, killed.stderr, after.stdout, after.stderr), (
            said, killed, after)
        store = open_store(db)
        try:
            assert store.integrity() == [] and not store.erasures_pending(), said
            present = [row for row in store.people.page(limit=1000).rows if row.id == her]
        finally:
            store.close()
        if where == "before":  # nothing was done: she and every file of hers are there
            assert present and _naming_her(data) == before, said
            assert NAME in after.stdout and "effacement interrompu" not in after.stderr, said
            continue
        assert not present and NAME not in after.stdout, said
        assert _naming_her(data) == {minutes: ["quenardel"]}, said
        if where == "during":
            assert f"un effacement interrompu est terminé — la personne n° {her}" in after.stderr
            assert f"  {scenario['minutes']}" in after.stderr, (said, after.stderr)
        else:
            assert after.stderr == "", (said, after.stderr)
    print(f"kill harness, erasure: {RUNS} runs killed {counts['before']} before the deletion's "
          f"commit, {counts['during']} during the sweep, {counts['after']} after it "
          f"(one whole erasure: {whole.elapsed:.2f} s)")
    assert counts["during"] + counts["after"] > 0, (seed, counts)
