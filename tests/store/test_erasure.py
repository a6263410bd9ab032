"""A deletion said to be final leaves no name or e-mail in the file, search index included."""

from comite.store import PersonInput, open_store


def _file_holds(path, *values: str) -> list[str]:
    raw = path.read_bytes().lower()
    return [value for value in values if value.lower().encode("utf-8") in raw]


def _crowded_store(path):
    store = open_store(path)
    for n in range(300):  # enough rows for the index to keep several segments
        store.people.create(PersonInput(last_name=f"Martin{n}", email=f"m{n}@example.org"))
    return store


def test_deleted_person_leaves_nothing_in_the_file(tmp_path):
    path = tmp_path / "comite.sqlite"
    store = _crowded_store(path)
    person = store.people.create(PersonInput(last_name="Quenardel", first_name="Anaïs",
                                             email="anais.quenardel@example.org"))
    store.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert _file_holds(path, "quenardel"), "the check can see the name while it is there"
    store.people.delete(person.id)
    store.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    assert _file_holds(path, "quenardel", "anais.quenardel") == []


def test_changed_email_leaves_the_old_one_nowhere(tmp_path):
    path = tmp_path / "comite.sqlite"
    store = _crowded_store(path)
    person = store.people.create(PersonInput(last_name="Berthelot",
                                             email="ancienne.adresse@example.org"))
    store.people.update(person.id, PersonInput(last_name="Berthelot",
                                               email="nouvelle.adresse@example.org"))
    store.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    assert _file_holds(path, "ancienne.adresse") == []
    assert _file_holds(path, "nouvelle.adresse") == ["nouvelle.adresse"]
