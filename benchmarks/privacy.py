"""Recruitment and privacy on the 20k-people database, each against a floor in the same run:

- erasure (`store.privacy.erase`: cascade, every text column scanned for mentions, index
  merged, log checkpointed) against a plain deletion (`store.people.delete`, which merges the
  index too) of another person;
- the purge queue (`store.privacy.retention_queue`: every person's last activity over a dozen
  tables) against one scan of the people table;
- the recruitment board with 2,000 candidacies against the bare SELECT of those rows.
"""

import shutil
from datetime import date, timedelta
from pathlib import Path

from benchmarks.common import Figure, median, timed

ROUNDS = 5
CANDIDACIES = 2000
ERASE_BUDGET = 3.0  # × a plain deletion
QUEUE_BUDGET_S = 2.0  # the coordinator opens the queue now and then: a few seconds is too long
BOARD_BUDGET_MS = 150.0


def run(database: Path, scratch: Path) -> list[Figure]:
    from comite.store import open_store

    path = scratch / "privacy.sqlite"
    shutil.copy(database, path)
    store = open_store(path)
    try:
        _candidacies(store)
        ids = [row[0] for row in store.db.connection().execute(
            "SELECT id FROM people ORDER BY id LIMIT ?", (2 * ROUNDS,))]
        erase, delete = [], []
        for round_ in range(ROUNDS):
            delete.append(timed(lambda i=ids[2 * round_]: store.people.delete(i)))
            erase.append(timed(lambda i=ids[2 * round_ + 1]: store.privacy.erase(i)))
        conn = store.db.connection()
        scan, queue, bare, board = [], [], [], []
        today = date.today() + timedelta(days=365 * 4)
        for _round in range(ROUNDS):
            scan.append(timed(lambda: conn.execute(
                "SELECT id, first_name, last_name, updated_at FROM people").fetchall()))
            queue.append(timed(lambda: store.privacy.retention_queue(today)))
            bare.append(timed(lambda: conn.execute(
                "SELECT * FROM candidates WHERE stage NOT IN ('not_retained', 'left')").fetchall()))
            board.append(timed(store.recruitment.board))
    finally:
        store.close()
    return [
        Figure("erase one person (20k people) vs plain deletion", median(delete), median(erase),
               "ms", f"≤ {ERASE_BUDGET:g}×", median(erase) <= ERASE_BUDGET * median(delete)),
        Figure("purge queue (20k people) vs one scan of people", median(scan), median(queue), "s",
               f"≤ {QUEUE_BUDGET_S:g} s", median(queue) <= QUEUE_BUDGET_S),
        Figure(f"recruitment board ({CANDIDACIES} candidacies) vs bare SELECT", median(bare),
               median(board), "ms", f"≤ {BOARD_BUDGET_MS:g} ms",
               median(board) * 1000 <= BOARD_BUDGET_MS),
    ]


def _candidacies(store) -> None:
    from comite.store.recruitment import CandidateInput
    from comite.store.recruitment_models import Source

    conn = store.db.connection()
    people = [row[0] for row in conn.execute(
        "SELECT id FROM people ORDER BY id DESC LIMIT ?", (CANDIDACIES,))]
    committee = conn.execute("SELECT id FROM committees LIMIT 1").fetchone()[0]
    sources = list(Source)
    with store.transaction():
        for n, person_id in enumerate(people):
            store.recruitment.add(person_id, CandidateInput(
                role="patient_partner", source=sources[n % len(sources)], committee_id=committee,
                next_step="Appeler", next_step_on=date.today() + timedelta(days=n % 60 - 30),
                notes="Rencontre au forum des associations"), date.today())
