"""Schema V11 → V12 (structures and committees take the article their name reads with): the
example data written under V11 opens migrated, every row still there, the base sound; each
structure and committee reads with the article its name suggests until the coordinator chooses
one, and a choice is kept."""

import sqlite3
from datetime import date

import pytest

from comite.kernel.grammar import likely_article, of_the, to_the
from comite.store import open_store
from comite.store.demo import fill_small
from comite.store.errors import ValidationError
from comite.store.migrations import LATEST
from tests.store.older_schema import as_version, row_counts

TODAY = date(2026, 11, 23)


@pytest.fixture
def v11(tmp_path):
    source, old = tmp_path / "v12.sqlite", tmp_path / "v11.sqlite"
    store = open_store(source)
    try:
        fill_small(store, TODAY)
    finally:
        store.close()
    as_version(source, old, 11)
    return old


def test_v11_opens_as_v12_with_every_row_and_the_articles_the_names_suggest(v11):
    conn = sqlite3.connect(v11)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 11
    assert "article" not in {row[1] for row in conn.execute("PRAGMA table_info(structures)")}
    conn.close()
    before = row_counts(v11)

    store = open_store(v11)
    try:
        assert store.schema_version() == LATEST >= 12
        assert store.integrity() == []
        structures = {s.name: s for s in store.structures.all()}
        committees = {s.committee.name: s.committee for s in store.committees.all()}
    finally:
        store.close()
    assert row_counts(v11) == before
    assert structures["MSP des Tilleuls"].article == "la"
    assert structures["Centre hospitalier de Valmont"].article == "le"
    assert committees["Commission des usagers (CDU)"].article == "la"
    assert committees["Comité des usagers"].article == "le"
    assert all(s.article == likely_article(name) for name, s in structures.items())
    cdu = committees["Commission des usagers (CDU)"]
    assert to_the(cdu.article, cdu.name) == "à la Commission des usagers (CDU)"
    assert of_the(cdu.structure_article, cdu.structure_name) == "du Centre hospitalier de Valmont"


def test_a_chosen_article_is_kept_and_a_wrong_one_refused(v11):
    store = open_store(v11)
    try:
        msp = next(s for s in store.structures.all() if s.name == "MSP des Tilleuls")
        kept = store.structures.update(msp.id, "Les Tilleuls", msp.kind, msp.city,
                                       address=msp.address, phone=msp.phone, email=msp.email,
                                       coordinator_id=msp.coordinator_id, article="les")
        assert (kept.name, kept.article) == ("Les Tilleuls", "les")
        assert of_the(kept.article, "Tilleuls") == "des Tilleuls"
        with pytest.raises(ValidationError) as refused:
            store.structures.update(msp.id, "Les Tilleuls", msp.kind, article="du")
        assert "article" in refused.value.errors
        committee = next(s.committee for s in store.committees.all()
                         if s.committee.structure_id == msp.id)
        straight = store.committees.update(committee.id, committee.structure_id, committee.name,
                                           committee.kind, committee.description, article="l'")
        assert straight.article == "l’" and straight.structure_article == "les"
    finally:
        store.close()
