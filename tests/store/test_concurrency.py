"""Several writers on one file: nothing lost, no 'database is locked'."""

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from comite.store import PersonInput, open_store

ROOT = Path(__file__).resolve().parents[2]


def _write_people(store, prefix: str, n: int, errors: list, start: threading.Barrier) -> None:
    start.wait()
    try:
        for i in range(n):
            store.people.create(PersonInput(last_name=f"{prefix}{i:03d}", first_name="Camille"))
    except Exception as error:  # collected and reported by the test
        errors.append(error)


def _run_writers(stores_and_prefixes, n: int) -> list:
    errors: list = []
    start = threading.Barrier(len(stores_and_prefixes))
    threads = [threading.Thread(target=_write_people, args=(store, prefix, n, errors, start))
               for store, prefix in stores_and_prefixes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def _last_names(store) -> set[str]:
    return {row[0] for row in store.db.connection().execute("SELECT last_name FROM people")}


def test_two_stores_on_one_file_two_threads(db_path):
    """Two open_store on the same file, as two processes would have."""
    first, second = open_store(db_path), open_store(db_path)
    try:
        errors = _run_writers([(first, "Alpha"), (second, "Beta")], 200)
        assert errors == []
        expected = {f"Alpha{i:03d}" for i in range(200)} | {f"Beta{i:03d}" for i in range(200)}
        assert _last_names(first) == expected
        assert second.people.count() == 400
        assert first.people.page("alpha").total == 200  # the search index kept up too
        assert second.people.page("beta").total == 200
        assert len(first.audit.recent(limit=1000)) == 400
        assert first.integrity() == []
    finally:
        first.close()
        second.close()


def test_one_store_shared_by_two_threads(store):
    errors = _run_writers([(store, "Gamma"), (store, "Delta")], 200)
    assert errors == []
    assert store.people.count() == 400
    assert len(_last_names(store)) == 400


def test_a_second_process_writes_at_the_same_time(db_path):
    open_store(db_path).close()
    script = textwrap.dedent(f"""
        import sys
        from comite.store import PersonInput, open_store
        store = open_store({str(db_path)!r})
        print("prêt", flush=True)
        sys.stdin.readline()
        for i in range(100):
            store.people.create(PersonInput(last_name=f"Processus{{i:03d}}"))
        store.close()
        print("fini", flush=True)
    """)
    child = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    store = open_store(db_path)
    try:
        assert child.stdout.readline().strip() == "prêt"
        child.stdin.write("go\n")
        child.stdin.flush()
        for i in range(100):
            store.people.create(PersonInput(last_name=f"Test{i:03d}"))
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        assert "database is locked" not in err
        assert out.strip() == "fini"
        names = _last_names(store)
        assert len(names) == 200
        assert {f"Processus{i:03d}" for i in range(100)} <= names
        assert store.people.count() == 200
        assert store.integrity() == []
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        store.close()
