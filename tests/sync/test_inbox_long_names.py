"""Files with names of 250 bytes (most file systems allow 255): filed under a shorter name,
the extension kept, so that a .why.txt fits beside them; never applied twice."""

import os

from comite.sync import inbox as inbox_module
from comite.sync import inbox_files
from comite.sync.inbox import Outcome
from tests.sync.conftest import HOSTILE, reply_bytes, settle

JEANNE = "jeanne.dupont@example.org"


def replies(store) -> int:
    return store.db.connection().execute("SELECT count(*) FROM replies").fetchone()[0]


def long_name(suffix: str, length: int = 250) -> str:
    """`length` bytes in UTF-8, accents included (two bytes each), ending in `suffix`."""
    stem = "Réponse de Jeanne Dupont à l’invitation du comité des usagers "
    while len((stem + suffix).encode()) < length:
        stem += "é" if len((stem + suffix).encode()) + 2 <= length else "e"
    name = stem + suffix
    assert len(name.encode()) == length
    return name


def test_a_reply_with_a_250_byte_name_is_filed_under_a_shorter_one_and_never_applied_again(
        poll, inbox, inbox_dir, monkeypatch):
    """Before, it was applied, never moved (its .why.txt name too long), and every later scan
    said « Erreur inattendue… rien n’a été modifié »."""
    name = long_name(".ics")
    data = reply_bytes("outlook-accepted.ics", poll.slots["janvier"].uid, JEANNE)
    (inbox_dir / name).write_bytes(data)
    (result,) = settle(inbox)
    assert (result.name, result.outcome) == (name, Outcome.PROCESSED)
    (filed,) = os.listdir(inbox_dir / "processed")
    assert filed == inbox_files.filed_name(name) != name
    assert filed.endswith(".ics") and filed.startswith("Réponse de Jeanne Dupont")
    assert len(os.fsencode(filed)) <= inbox_files.FILED_MAX
    assert os.listdir(inbox_dir) == ["processed"]
    assert settle(inbox) == []  # no false « erreur inattendue » at the next scans

    monkeypatch.setattr(inbox_module, "FILING_GRACE_SECONDS", -10.0)
    (inbox_dir / name).write_bytes(data)  # the same file, dropped again
    (again,) = settle(inbox)
    assert again.reason.startswith("Déjà traité le ")
    assert sorted(os.listdir(inbox_dir / "processed")) == sorted(
        [filed, filed.removesuffix(".ics") + " (2).ics"])
    assert replies(poll.store) == 1


def test_a_refused_file_with_a_250_byte_name_gets_its_why_file_beside_it(poll, inbox, inbox_dir):
    name = long_name(".ics")
    (inbox_dir / name).write_bytes((HOSTILE / "notes.ics").read_bytes())
    (result,) = settle(inbox)
    assert result.outcome is Outcome.QUARANTINED
    filed = inbox_files.filed_name(name)
    assert sorted(os.listdir(inbox_dir / "quarantine")) == [filed, filed + ".why.txt"]
    why = (inbox_dir / "quarantine" / (filed + ".why.txt")).read_text(encoding="utf-8")
    assert why.startswith(f"Fichier : {name}\n")
    assert not [path for path in inbox_dir.rglob("*.tmp")]


def test_a_filed_name_keeps_its_extension_stays_unique_and_leaves_room():
    short = "reponse.ics"
    assert inbox_files.filed_name(short) == short
    first, second = long_name("-1.ics", 254), long_name("-2.ics", 254)
    assert first[:-6] == second[:-6]
    one, two = inbox_files.filed_name(first), inbox_files.filed_name(second)
    assert one != two and inbox_files.filed_name(first) == one
    for filed in (one, two, inbox_files.filed_name(long_name("", 255)), inbox_files.filed_name("é" * 127)):
        assert len(os.fsencode(filed)) <= inbox_files.FILED_MAX
        assert len(os.fsencode(filed.replace(".ics", " (99999).ics") + ".why.txt")) <= 255
        filed.encode("utf-8")  # no character cut in two
    assert one.endswith(".ics") and not inbox_files.filed_name(long_name("", 255)).endswith(".ics")
