"""Schema V6 → V7 (a structure's letterhead, a person's easy-to-read preference, the minutes
sent to each member, « à redemander » as a column): a database written before keeps its
records, with empty letterheads, nobody asking for easy-to-read yet, no minutes sent, and its
answers marked by a negative SEQUENCE read as « à redemander » with the SEQUENCE answered."""

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
    conn.execute("INSERT INTO committees (id, uid, structure_id, name, kind, created_at, updated_at) "
                 "VALUES (1, 'c', 1, 'Comité', 'comite_usagers', ?, ?)", (now, now))
    conn.execute("INSERT INTO meetings (id, uid, committee_id, title, status, created_at, updated_at)"
                 " VALUES (1, 'm', 1, 'Comité', 'poll', ?, ?)", (now, now))
    for slot, start in ((1, "2027-03-01T17:00:00+00:00"), (2, "2027-03-08T17:00:00+00:00")):
        conn.execute("INSERT INTO slots (id, uid, meeting_id, starts_at, local_start, status, "
                     "sequence, created_at, updated_at) VALUES (?, ?, 1, ?, ?, 'proposed', 3, ?, ?)",
                     (slot, f"slot-{slot}", start, start[:16], now, now))
    conn.execute("INSERT INTO invitees (id, meeting_id, person_id, seat, created_at) "
                 "VALUES (1, 1, 1, 'titulaire', ?)", (now,))
    # Slot 1 moved after the answer given at SEQUENCE 2 (V6: -1 - 2); slot 2 answered at 3.
    for slot, sequence in ((1, -3), (2, 3)):
        conn.execute("INSERT INTO votes (invitee_id, slot_id, answer, source, sequence, stamp, "
                     "entered_by, entered_at) VALUES (1, ?, 'yes', 'phone', ?, ?, 'claire', ?)",
                     (slot, sequence, now, now))
    conn.execute("COMMIT")
    conn.close()

    store = open_store(db_path)
    try:
        assert store.schema_version() == LATEST >= 7
        rows = store.db.connection().execute(
            "SELECT slot_id, sequence, to_ask_again FROM votes ORDER BY slot_id").fetchall()
        assert [tuple(row) for row in rows] == [(1, 2, 1), (2, 3, 0)]
        detail = store.meetings.detail(1)
        assert [vote.to_ask_again for vote in detail.votes] == [True, False]
        assert store.meetings.get(1).answered == 1, "the answer still standing counts"
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
