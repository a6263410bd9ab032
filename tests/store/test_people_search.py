"""People search through FTS5 and keyset paging (PeopleService.page)."""

import unicodedata

import pytest

from comite.store import PersonInput
from comite.store.people import fts_query


@pytest.fixture
def people(store, add_person):
    return {
        "helene": add_person("Dubois", "Hélène", email="helene.dubois@example.org",
                             note="allergique aux arachides, rappeler après 17 h"),
        "helena": add_person("Martin", "Helena", profession="Infirmière"),
        "eloise": add_person("Hélias", "Éloïse", association="UNAFAM"),
        "jean": add_person("Dupont", "Jean", email="jdupont@ch-valmont.fr",
                           profession="Médecin généraliste"),
        "zoe": add_person("Lefèvre", "Zoé", association="France Assos Santé"),
    }


def names(page) -> list[str]:
    return [row.full_name for row in page.rows]


@pytest.mark.parametrize("typed", ["hél", "hel", "HEL", "Hél", "HÉL", "  hél  "])
def test_three_letters_find_the_name_whatever_the_accents_and_case(store, people, typed):
    page = store.people.page(typed)
    assert names(page) == ["Hélène Dubois", "Éloïse Hélias", "Helena Martin"]
    assert page.total == 3


def test_one_or_two_letters_also_search(store, people):
    assert names(store.people.page("z")) == ["Zoé Lefèvre"]
    assert names(store.people.page("du")) == ["Hélène Dubois", "Jean Dupont"]


def test_several_words_must_all_match(store, people):
    assert names(store.people.page("hél dub")) == ["Hélène Dubois"]
    assert names(store.people.page("dub hél")) == ["Hélène Dubois"]
    assert store.people.page("hél dupont").total == 0
    assert store.people.page("hél zzz").rows == ()


def test_e_mail_profession_and_association_are_searchable(store, people):
    assert names(store.people.page("ch-valmont")) == ["Jean Dupont"]
    assert names(store.people.page("infirm")) == ["Helena Martin"]
    assert names(store.people.page("médecin")) == ["Jean Dupont"]
    assert names(store.people.page("unaf")) == ["Éloïse Hélias"]
    assert names(store.people.page("assos")) == ["Zoé Lefèvre"]


def test_the_free_note_is_not_searchable(store, people):
    for word in ("allergique", "arachides", "arach", "rappeler"):
        page = store.people.page(word)
        assert page.rows == ()
        assert page.total == 0
    assert store.people.get(people["helene"].id).note.startswith("allergique")


def test_deleted_person_leaves_the_search(store, people):
    store.people.delete(people["helene"].id)
    page = store.people.page("hél")
    assert names(page) == ["Éloïse Hélias", "Helena Martin"]
    assert page.total == 2
    assert store.people.page("dubois").total == 0


def test_renamed_person_is_found_by_the_new_name_only(store, people):
    jean = people["jean"]
    store.people.update(jean.id, PersonInput(last_name="Garnier", first_name="Jean",
                                             email="jgarnier@ch-valmont.fr"))
    assert store.people.page("dupont").total == 0
    assert names(store.people.page("garn")) == ["Jean Garnier"]
    # fields dropped by the update leave the index too
    assert store.people.page("médecin").total == 0


def test_total_counts_matches_not_the_page(store, add_person):
    for i in range(12):
        add_person("Moreau", f"Prénom{i:02d}")
        add_person("Mercier", f"Prénom{i:02d}")
    page = store.people.page("moreau", limit=5)
    assert len(page.rows) == 5
    assert page.total == 12
    assert page.has_more
    assert store.people.page("", limit=5).total == 24


def test_empty_or_blank_query_lists_everybody(store, people):
    assert store.people.page("").total == 5
    assert store.people.page("   ").total == 5


@pytest.mark.parametrize(
    "typed",
    ['"', '""', "'", "*", "hél*", "*hél", "NEAR(", "NEAR(hél dub)", "NEAR(hél, 2)", "-",
     "-hél", "hél -dub", ":", "last_name:", "last_name:hél", "^", "^hél", "(", ")", "()",
     "(hél", "AND", "OR", "NOT", "hél AND", "hél OR dub", "NOT hél", "{", "{last_name}: hél",
     "+", "\\", "%", "_", "__", "[", "]", ".", ",", ";", "hél;DROP TABLE people", "\x00",
     "²", "hél\"dub", "'hél'", "\"hél\"", "h\u00e9l\u0301"],
)
def test_fts_syntax_characters_never_raise(store, people, typed):
    page = store.people.page(typed)
    assert page.total >= len(page.rows)
    assert store.people.count() == 5


@pytest.mark.parametrize(
    "typed",
    ["hél*", "*hél", "-hél", "^hél", "(hél", "hél)", "'hél'", '"hél"', 'hél"dub', "hél -dub",
     "hél:dub", "hél^dub", "hél;", "hél,dub", "(hél)"],
)
def test_syntax_characters_are_ignored_and_the_words_still_match(store, people, typed):
    page = store.people.page(typed)
    assert "Hélène Dubois" in names(page)
    assert "Jean Dupont" not in names(page)


def test_decomposed_accents_are_found_too(store, people):
    """Text pasted from a macOS file name arrives decomposed (NFD): 'é' is 'e' + U+0301.

    (Regression: r'\\w+' does not match combining marks, so NFD 'hélène' became the three
    words 'he', 'le', 'ne' and found nobody.)
    """
    decomposed = unicodedata.normalize("NFD", "Hélène")
    assert decomposed != "Hélène"
    assert names(store.people.page(decomposed)) == ["Hélène Dubois"]


def test_fts_query_turns_words_into_quoted_prefixes():
    assert fts_query("  hél   dub ") == '"hél"* "dub"*'
    assert fts_query('NEAR("x" y)') == '"NEAR"* "x"* "y"*'
    assert fts_query(" -*:^()\" ") is None


# --- keyset paging --------------------------------------------------------------------------


def _fill(store, n: int) -> None:
    # few distinct names, so many rows share a sort_key and the id must break the tie
    lasts = ("Martin", "Émery", "Dupont", "Lefèvre", "Da Silva", "Nguyen", "Ébrard")
    firsts = ("Léa", "Hugo", "Zoé", "Éric")
    for i in range(n):
        store.people.create(PersonInput(last_name=lasts[i % 7], first_name=firsts[i % 4],
                                        profession="Infirmière" if i % 3 == 0 else ""))


def _walk(store, query: str, limit: int) -> list[int]:
    seen, after, pages = [], None, 0
    while True:
        page = store.people.page(query, after=after, limit=limit)
        pages += 1
        assert len(page.rows) <= limit
        seen.extend(row.id for row in page.rows)
        if not page.has_more:
            return seen
        assert len(page.rows) == limit
        last = page.rows[-1]
        after = (last.sort_key, last.id)
        assert pages < 100


def test_keyset_paging_has_no_overlap_and_no_gap(store):
    _fill(store, 300)
    expected = [row[0] for row in store.db.connection().execute(
        "SELECT id FROM people ORDER BY sort_key, id")]
    assert len(expected) == 300
    walked = _walk(store, "", limit=37)
    assert walked == expected


def test_keyset_paging_through_search_results(store):
    _fill(store, 300)
    expected = [row[0] for row in store.db.connection().execute(
        "SELECT id FROM people WHERE profession != '' ORDER BY sort_key, id")]
    assert len(expected) == 100
    assert _walk(store, "infirm", limit=9) == expected
    # total is the whole match count on every page, not what is left after the key
    first = store.people.page("infirm", limit=9)
    second = store.people.page("infirm", after=(first.rows[-1].sort_key, first.rows[-1].id),
                               limit=9)
    assert first.total == second.total == 100
    assert not {r.id for r in first.rows} & {r.id for r in second.rows}


def test_keyset_after_the_last_row_is_empty(store):
    _fill(store, 10)
    last = store.people.page(limit=10).rows[-1]
    page = store.people.page(after=(last.sort_key, last.id))
    assert page.rows == ()
    assert not page.has_more
