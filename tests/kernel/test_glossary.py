"""Abbreviations spelled out once per document, from one list every document shares."""

from comite.kernel.glossary import EASY_MEANINGS, SPELLED_OUT, FirstUse


def test_the_first_use_is_spelled_out_and_the_next_ones_are_not():
    first_use = FirstUse()
    assert first_use("La CDU se réunit.") == "La CDU (commission des usagers) se réunit."
    assert first_use("Ordre du jour de la CDU") == "Ordre du jour de la CDU"
    assert first_use("Un RU et l’ARS") == ("Un RU (représentant ou représentante des usagers) et "
                                           "l’ARS (agence régionale de santé)")


def test_each_document_starts_afresh():
    assert FirstUse()("MSP") == "MSP (maison de santé pluriprofessionnelle)"
    assert FirstUse()("MSP") == "MSP (maison de santé pluriprofessionnelle)"


def test_a_name_that_already_explains_its_letters_is_left_as_written():
    first_use = FirstUse()
    assert first_use("Commission des usagers (CDU)") == "Commission des usagers (CDU)"
    assert first_use("la CDU") == "la CDU"
    assert FirstUse()("l’ETP (apprendre à vivre avec sa maladie)") == \
        "l’ETP (apprendre à vivre avec sa maladie)"


def test_letters_inside_a_word_are_no_abbreviation():
    assert FirstUse()("ARSENAL, CDUX, RUE") == "ARSENAL, CDUX, RUE"


def test_every_easy_meaning_is_a_sentence_and_every_letter_has_its_words():
    assert all(meaning.endswith(".") for meaning in EASY_MEANINGS.values())
    assert all(words and words[0].isalpha() for words in SPELLED_OUT.values())


def test_a_name_keeps_its_words_together_and_is_explained_after():
    first_use = FirstUse()
    assert first_use.name("MSP des Tilleuls") == \
        "MSP des Tilleuls (maison de santé pluriprofessionnelle)"
    assert first_use("la MSP") == "la MSP"
    assert FirstUse().name("Groupe ETP diabète") == \
        "Groupe ETP diabète (ETP : éducation thérapeutique du patient)"
    assert FirstUse().name("Commission des usagers (CDU)") == "Commission des usagers (CDU)"
    assert FirstUse().name("Centre hospitalier de Valmont") == "Centre hospitalier de Valmont"


def test_the_names_a_document_prints_are_explained_after_them():
    first_use = FirstUse(names=("MSP des Tilleuls", "Comité des usagers"))
    assert first_use("Claire vous écrit pour la MSP des Tilleuls. La MSP vous invite.") == (
        "Claire vous écrit pour la MSP des Tilleuls (maison de santé pluriprofessionnelle). "
        "La MSP vous invite.")
    assert first_use("La MSP des Tilleuls") == "La MSP des Tilleuls"
