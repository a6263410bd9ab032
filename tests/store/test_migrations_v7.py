"""Schema V6 → V7 (a structure's letterhead, a person's easy-to-read preference, the minutes
sent to each member): a database written before keeps its records, with empty letterheads,
nobody asking for easy-to-read yet, and no minutes sent."""

import sqlite3

from comite.store import PersonInput, open_store
from comite.store.migrations import LATEST, migrate


def test_a_v6_database_gets_letterheads_and_the_easy_read_preference(db_path):
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn, target=6)
    now = "2027-01-01T00:00:00+00:00"
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO structures VALUES (1, 's', 'MSP', 'msp', 'Lyon', ?, ?)", (now, now))
    conn.execute("INSERT INTO people (id, uid, first_name, last_name, email, sort_key, created_at,"
                 " updated_at) VALUES (1, 'p', 'Anne', 'Martin', 'anne@example.org', 'martin anne',"
                 " ?, ?)", (now, now))
    conn.execute("COMMIT")
    conn.close()

    store = open_store(db_path)
    try:
        assert store.schema_version() == LATEST >= 7
        assert store.integrity() == []
        structure = store.structures.get(1)
        assert (structure.address, structure.phone, structure.email, structure.logo) == ("",) * 4
        assert structure.letterhead.lines == ("Lyon",)
        assert store.people.get(1).easy_read is False
        store.people.update(1, PersonInput(last_name="Martin", first_name="Anne",
                                           email="anne@example.org", easy_read=True))
        assert store.people.get(1).easy_read is True
        assert store.db.connection().execute("SELECT count(*) FROM minutes_messages").fetchone()[0] == 0
    finally:
        store.close()


def test_a_letterhead_holds_what_was_typed_and_refuses_what_would_not_print(store):
    from comite.store.errors import ValidationError

    structure = store.structures.create(
        "MSP des Tilleuls", "msp", "Valmont-sur-Loire",
        address=" 12 rue des Tilleuls \n\n42990 Valmont-sur-Loire", phone="04 65 71 20 10",
        email="accueil@msp-tilleuls.example.org")
    assert structure.address == "12 rue des Tilleuls\n42990 Valmont-sur-Loire"
    assert structure.letterhead.lines == ("12 rue des Tilleuls", "42990 Valmont-sur-Loire",
                                          "04 65 71 20 10 · accueil@msp-tilleuls.example.org")
    for field, value in (("address", "a\nb\nc\nd\ne"), ("email", "pas une adresse"),
                         ("phone", "appelez-nous")):
        try:
            store.structures.update(structure.id, "MSP des Tilleuls", "msp", **{field: value})
        except ValidationError as error:
            assert field in error.errors
        else:
            raise AssertionError(f"{field} = {value!r} was accepted")
    assert store.structures.get(structure.id) == structure
