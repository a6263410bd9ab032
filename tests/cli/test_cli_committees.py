"""`comite ls recommendations COMITE` and `comite ls committees --json` (issue 17): a committee's
recommendations of a year, for its annual report, and what a CDU lacks with its meetings quarter
by quarter. In this process, on a copy of the example database."""

import json

from comite.store import open_store
from comite.store.conclusions import ConclusionInput
from comite.store.minutes_models import ConclusionKind, ConclusionStatus
from tests.cli.run import in_process

HELD = "Comité des usagers — bilan de l’année"


def recommend(db) -> tuple[int, int]:
    """Two recommendations in the example's held meeting: one to a service named in words, due
    in spring, the other to a person, done since."""
    store = open_store(db)
    try:
        meeting = next(m for m in store.meetings.all() if m.title == HELD)
        item = store.agenda.agenda(meeting.id).items[1]
        person = store.conclusions.owners(meeting.id)[0][0]
        to_service = store.conclusions.add(item.id, ConclusionInput(
            "Afficher les délais d’attente", ConclusionKind.RECOMMENDATION,
            owner_text="Service des urgences", due_on="31/03/2027"))
        to_person = store.conclusions.add(item.id, ConclusionInput(
            "Relire le livret d’accueil avec les RU", ConclusionKind.RECOMMENDATION,
            owner_id=person))
        store.conclusions.add(item.id, ConclusionInput("Une action", ConclusionKind.ACTION))
        store.conclusions.close(to_person.id, ConclusionStatus.DONE, "relu en novembre")
        return to_service.id, to_person.id
    finally:
        store.close()


def test_a_years_recommendations_as_json(capsys, db):
    service, person = recommend(db)
    code, out, err = in_process(capsys, "ls", "recommendations", "Comité des usagers",
                                "--year", "2026", "--json", "--db", str(db))
    assert code == 0, err
    found = json.loads(out)
    assert [r["id"] for r in found] == [service, person], "as made, the action left out"
    first, second = found
    assert set(first) == {"id", "uid", "text", "owner", "owner_id", "owner_text", "due_on",
                          "status", "closed_reason", "meeting"}
    assert (first["text"], first["owner"], first["owner_id"], first["due_on"], first["status"]) == (
        "Afficher les délais d’attente", "Service des urgences", None, "2027-03-31", "open")
    assert first["meeting"]["title"] == HELD and first["meeting"]["date"].startswith("2026-")
    assert (second["owner_text"], second["status"], second["closed_reason"]) == (
        "", "done", "relu en novembre")
    assert second["owner"] and second["owner_id"]
    code, out, _err = in_process(capsys, "ls", "recommendations", "1", "--year", "2025",
                                 "--json", "--db", str(db))
    assert (code, json.loads(out)) == (0, [])


def test_a_years_recommendations_as_text(capsys, db):
    recommend(db)
    code, out, err = in_process(capsys, "ls", "recommendations", "comite des usagers",
                                "--year", "2026", "--db", str(db))
    assert code == 0, err
    head, *rows = out.splitlines()
    assert head == "Comité des usagers — recommandations 2026 : 2"
    cells = rows[0].split("\t")
    assert cells[1:] == ["Afficher les délais d’attente", "Service des urgences", "31/03/2027",
                         "ouverte", HELD]
    assert rows[1].split("\t")[4] == "faite (relu en novembre)"


def test_the_committee_is_named_once_and_only_for_recommendations(capsys, db):
    code, _out, err = in_process(capsys, "ls", "recommendations", "--db", str(db))
    assert code == 2 and "le comité se donne pour ses recommandations" in err
    code, _out, err = in_process(capsys, "ls", "people", "CDU", "--db", str(db))
    assert code == 2
    code, _out, err = in_process(capsys, "ls", "recommendations", "usagers", "--db", str(db))
    assert code == 2 and "Plusieurs comités correspondent à « usagers »" in err
    assert "(n° 1)" in err and "(n° 2)" in err
    code, _out, err = in_process(capsys, "ls", "recommendations", "Bureau", "--db", str(db))
    assert code == 2 and "Aucun comité ne correspond à « Bureau »" in err
    code, _out, err = in_process(capsys, "ls", "recommendations", "99", "--db", str(db))
    assert code == 2 and "Aucun comité n° 99" in err


def test_committees_json_says_what_a_cdu_lacks_and_the_years_quarters(capsys, db):
    store = open_store(db)
    try:
        cdu = next(s.committee for s in store.committees.all() if s.committee.kind.value == "cdu")
        suppleant = next(m for m in store.memberships.of_committee(cdu.id)
                         if m.cdu_seat and m.cdu_seat.value == "mediator_doctor"
                         and m.seat.value == "suppleant")
        store.memberships.remove(suppleant.id)
    finally:
        store.close()
    code, out, err = in_process(capsys, "ls", "committees", "--json", "--db", str(db))
    assert code == 0, err
    rows = {row["name"]: row for row in json.loads(out)}
    gaps = rows[cdu.name]["cdu_gaps"]
    assert {"text": f"{suppleant.substitute_for_name} (médiateur(rice) médecin) n’a pas de "
                    "suppléant(e).", "reminder": False} in gaps
    assert all(row["cdu_gaps"] == [] for name, row in rows.items() if name != cdu.name)
    for row in rows.values():
        quarters = row["quarters"]
        assert [set(q) for q in quarters] == [{"name", "held", "planned", "current"}] * 4
        assert sum(q["current"] for q in quarters) == 1
    code, out, _err = in_process(capsys, "ls", "committees", "--db", str(db))
    assert "cdu_gaps" not in out and "trimestre" not in out, "the text keeps its columns"
