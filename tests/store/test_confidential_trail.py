"""Professional secrecy (art. L. 1112-3 CSP): every reading of a confidential passage in the app
and every internal export is in the audit log — who, when, which meeting — and never its text."""

from datetime import datetime

import pytest

from comite.store.errors import NotFound
from tests.store.meeting_setup import first_topic, held

SECRET = "Mme X., chambre 12, se plaint de son traitement"


def test_reading_and_exporting_a_confidential_passage_leave_a_trail(store, committee, members):
    meeting = held(store, committee.id, datetime(2027, 1, 12, 18, 0))
    item = first_topic(store, meeting.id)
    store.minutes.write_notes(item, SECRET, confidential=True)
    assert store.minutes.confidential_trail(meeting.id) == []
    assert store.minutes.reveal_confidential(item) == SECRET
    store.minutes.record_confidential_export(meeting.id)
    trail = store.minutes.confidential_trail(meeting.id)
    assert [(e.action, e.entity, e.entity_id) for e in trail] == [
        ("export", "minutes", meeting.id), ("reveal", "agenda_item", item)]
    assert all(e.actor and e.at for e in trail)
    rows = store.db.connection().execute("SELECT * FROM audit_log").fetchall()
    assert not any("Mme X." in str(tuple(row)) for row in rows), "never the text"
    other = held(store, committee.id, datetime(2027, 2, 12, 18, 0), "Autre")
    assert store.minutes.confidential_trail(other.id) == []


def test_a_passage_of_an_item_gone_is_said_so(store):
    with pytest.raises(NotFound, match="n’existe plus"):
        store.minutes.reveal_confidential(999)
