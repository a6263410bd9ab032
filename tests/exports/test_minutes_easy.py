"""The easy-to-read minutes: large print, what was decided first, one idea a line, never a
confidential passage; read back by pypdf, measured and rendered by pdfium."""

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from comite.exports import minutes_parts as parts
from comite.exports.pdf.minutes_easy import (
    LONG_CHARACTERS,
    LONG_SENTENCES,
    MORE_IN_THE_FULL_COPY,
    render_minutes_easy,
    write_minutes_easy,
)
from comite.store import open_store
from comite.store.demo import fill_small
from comite.store.minutes_models import ConclusionKind, FloorCount, MinutesDocument, MinutesStatus, Side
from tests.exports.minutes_records import (
    CONCLUSIONS,
    FLOOR,
    HOSTILE,
    ITEMS,
    PUBLIC_NOTE,
    SECRET,
    SIGNED,
    WALK_IN,
    conclusion,
    document,
    long_document,
    sat,
    state,
)
from tests.exports.pdf_pages import assert_renders_well, flat, opened, reader, text_glyphs, texts


def whole(data: bytes | Path) -> str:
    return flat("\n".join(texts(data)))


def lines(data: bytes) -> list[str]:
    """The lines as printed, the bullets, the page footers and the draft's mark left out."""
    footer = re.compile(r"Compte rendu facile à lire — .*|page \d+ / \d+|" + parts.DRAFT_MARK)
    return [line.strip().removeprefix("• ") for page in texts(data) for line in page.splitlines()
            if line.strip() and not footer.fullmatch(line.strip())]


def test_what_was_decided_comes_first_then_who_was_there_then_the_points():
    text = whole(render_minutes_easy(document()))
    order = ["Compte rendu de la réunion", "Séance d’hiver", "Ce que nous avons décidé",
             "Ce que nous allons faire : qui, quand", "Ce que nous avions prévu aux réunions d’avant",
             "Qui était là ?", "Ce dont nous avons parlé"]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)
    decided = text[positions[2]:positions[3]]
    assert "Le compte rendu de la séance d’automne est adopté." in decided
    assert "L’affiche « Votre avis compte » est adoptée." in decided  # a full stop added
    assert "Écrire le bilan" not in decided


def test_each_action_says_who_and_when_one_idea_a_line():
    data = render_minutes_easy(document())
    said = lines(data)
    start = said.index("Écrire le bilan des réclamations pour la prochaine séance.")
    assert said[start:start + 3] == ["Écrire le bilan des réclamations pour la prochaine séance.",
                                    "Qui : Dr Hélène Kervella.", "Quand : avant le 1er mars 2027."]
    start = said.index("Rappeler « l’accueil téléphonique » aux secrétaires.")
    assert said[start + 1:start + 3] == ["Qui : tout le comité.", "Quand : pas de date fixée."]
    assert f"Imprimer l’affiche chez {HOSTILE}." in said
    earlier = said[said.index("Ce que nous avions prévu aux réunions d’avant"):]
    assert earlier[1:5] == ["Mettre à jour le livret d’accueil.", "Ce n’est pas encore fait.",
                            "Qui : Gérard Martin.", "Quand : avant le 1er décembre 2026."]
    # How it was done is no reason: « Pourquoi : » only before the reason an action stopped.
    assert earlier[5:8] == ["Installer une boîte à idées.", "C’est fait.", "Posée à l’accueil."]
    assert not any(line.startswith("Pourquoi") for line in said)


def test_who_was_there_gives_counts_and_names():
    said = lines(render_minutes_easy(document()))
    start = said.index("3 personnes étaient là :")
    assert said[start + 1:start + 4] == ["Élodie Lefèvre", "Jean-Noël Çelik", "Dr Hélène Kervella"]
    assert said[said.index("1 personne ne pouvait pas venir. Elle nous a prévenus :") + 1] == f"Zoé {HOSTILE}"
    assert said[said.index("1 personne n’est pas venue :") + 1] == "Thi Hoa Nguyen"
    assert "Jean-Noël Çelik a remplacé Gérard Martin." in said


def test_who_was_there_says_late_arrivals_and_early_departures_and_the_floor_in_a_sentence():
    said = lines(render_minutes_easy(sat()))
    start = said.index("3 personnes étaient là :")
    assert said[start + 1:start + 4] == [
        "Élodie Lefèvre",  # came before the start: no time to read
        "Dr Hélène Kervella : arrivée à 18 h 40, départ à 19 h 10",
        f"{WALK_IN} : arrivée à 18 h 05"]
    assert said[said.index("1 personne ne pouvait pas venir. Elle nous a prévenus :") + 1] == "Zoé Blanc"
    text = whole(render_minutes_easy(sat()))
    assert "Gérard Martin a demandé à Élodie Lefèvre de parler et de voter à sa place." in text
    assert ("Les usagers ont pris la parole 7 fois, les professionnels 4 fois, les autres personnes "
            "1 fois.") in text
    assert "%" not in text and "Kervella a pris" not in text  # one simple sentence, no names


def test_the_floor_sentence_says_when_a_side_never_spoke_and_nothing_when_nobody_was_counted():
    only_professionals = (FloorCount(502, 5, "Dr Hélène Kervella", Side.PROFESSIONALS, 3),)
    text = whole(render_minutes_easy(sat_with(floor=only_professionals)))
    assert "Les professionnels ont pris la parole 3 fois. Les usagers n’ont pas pris la parole." in text
    assert "pris la parole" not in whole(render_minutes_easy(sat_with(floor=())))
    assert "pris la parole" in whole(render_minutes_easy(sat_with(floor=FLOOR)))


def sat_with(**changes: object) -> MinutesDocument:
    return replace(sat(), **changes)


def test_points_discussed_give_their_title_and_every_sentence_of_the_notes():
    text = whole(render_minutes_easy(document()))
    points = text[text.index("Ce dont nous avons parlé"):]
    assert "1. Le compte rendu de la dernière réunion est-il juste ?" in points
    assert "2. Réclamations du trimestre Trois réclamations reçues ce trimestre." in points
    assert "3. Projet des usagers : affiche en salle d’attente" in points
    assert "4. Les autres questions" in points  # « Questions diverses », in plain words
    # Issue 16: reformatted, never dropped — every word of the public notes is in the copy.
    full = set(flat(" ".join(item.notes for item in ITEMS)).split())
    assert full <= set(points.split())


def note_words(text: str) -> set[str]:
    """The words of a text, a capital at the head of a sentence aside."""
    return set(flat(text).casefold().split())


def assert_every_word_of_every_note(doc: MinutesDocument, easy: str) -> None:
    """Issue 16: the easy copy keeps every note. A note of normal length has each of its words
    in the copy; a long one keeps its first sentence and says, right after what it kept, that
    the rest is in the full minutes."""
    printed = note_words(easy)
    for item in doc.items:
        sentences = parts.sentences(item.notes)
        long = len(sentences) > LONG_SENTENCES or sum(map(len, sentences)) > LONG_CHARACTERS
        if not long:
            assert note_words(item.notes) <= printed, item.title
        else:  # said within the point, before the next one's title
            start = easy.index(sentences[0])
            following = [easy.find(f"{other.position}. {other.title}", start) for other in doc.items
                         if other.position > item.position]
            end = min((found for found in following if found >= 0), default=len(easy))
            assert MORE_IN_THE_FULL_COPY in easy[start:end], item.title


def test_every_word_of_every_note_is_in_the_easy_copy():
    for doc in (document(), sat(), long_document()):
        easy = whole(render_minutes_easy(doc))
        assert MORE_IN_THE_FULL_COPY not in easy
        assert_every_word_of_every_note(doc, easy)


def test_a_long_note_is_shortened_only_visibly():
    long_notes = " ".join(f"Phrase numéro {n} de la discussion sur l’accueil." for n in range(200))
    doc = document(items=(replace(ITEMS[1], notes=long_notes), ITEMS[2]))
    said = lines(render_minutes_easy(doc))
    first = said.index("Phrase numéro 0 de la discussion sur l’accueil.")
    kept = said[first:said.index(MORE_IN_THE_FULL_COPY)]
    # The first sentences, whole and in order, then the sentence that says the rest is elsewhere,
    # right there, before the next point.
    assert kept == [f"Phrase numéro {n} de la discussion sur l’accueil." for n in range(len(kept))]
    assert 1 <= len(kept) <= 10
    assert said[said.index(MORE_IN_THE_FULL_COPY) + 1].startswith("3. Projet des usagers")
    assert "Phrase numéro 199" not in whole(render_minutes_easy(doc))
    assert_every_word_of_every_note(doc, whole(render_minutes_easy(doc)))


def test_a_note_at_the_threshold_is_kept_whole_and_one_long_sentence_is_never_cut():
    at_threshold = " ".join(f"Phrase {n} sur l’accueil." for n in range(LONG_SENTENCES))
    text = whole(render_minutes_easy(document(items=(replace(ITEMS[1], notes=at_threshold),))))
    assert f"Phrase {LONG_SENTENCES - 1} sur l’accueil." in text and MORE_IN_THE_FULL_COPY not in text
    one_sentence = "Le comité a relu " + " et ".join(f"la fiche {n}" for n in range(300)) + "."
    assert len(one_sentence) > LONG_CHARACTERS
    # Taller than a page: it breaks across pages (the footers left out here), whole, then says so.
    text = " ".join(lines(render_minutes_easy(document(items=(replace(ITEMS[1], notes=one_sentence),)))))
    assert f"{one_sentence} {MORE_IN_THE_FULL_COPY}" in text


def test_never_a_confidential_passage():
    data = render_minutes_easy(document(items=(replace(ITEMS[1], notes="", confidential_notes=SECRET),)))
    text = whole(data)
    assert "Rosière" not in text and "Confidentiel" not in text and "Version interne" not in text
    assert SECRET.encode() not in data
    assert PUBLIC_NOTE not in text


def test_the_committee_is_named_in_words_and_short_words_are_explained():
    text = whole(render_minutes_easy(document()))
    assert "C’est une réunion de la commission des usagers (CDU)." in text
    assert "Les mots à connaître" not in text  # nothing else printed needs explaining
    with_words = document(conclusions=(
        *CONCLUSIONS, replace(CONCLUSIONS[1], id=9, text="Envoyer le bilan à l’ARS et aux RU")))
    text = whole(render_minutes_easy(with_words))
    glossary = text[text.index("Les mots à connaître"):]
    assert "ARS veut dire l’agence régionale de santé." in glossary
    assert "RU veut dire un représentant ou une représentante des usagers." in glossary
    assert "CDU veut dire" not in glossary  # already said in the first lines
    comité = whole(render_minutes_easy(document(committee_kind="comite_usagers")))
    assert "C’est une réunion du comité des usagers." in comité


def test_the_status_is_said_simply():
    said = {status: whole(render_minutes_easy(document(state=minutes))) for status, minutes in (
        (MinutesStatus.DRAFT, state()),
        (MinutesStatus.CIRCULATED, state(MinutesStatus.CIRCULATED, remarks_until=date(2027, 2, 3))),
        (MinutesStatus.SIGNED, SIGNED))}
    assert ("Ce compte rendu est un projet : il n’est pas encore fini. Il peut encore changer."
            in said[MinutesStatus.DRAFT])
    assert ("Vous pouvez nous donner votre avis sur ce compte rendu. Vous avez jusqu’au 3 février 2027."
            in said[MinutesStatus.CIRCULATED])
    assert "Les membres ont accepté ce compte rendu. Il est signé." in said[MinutesStatus.SIGNED]


def test_large_print_everywhere_but_the_footer():
    with opened(render_minutes_easy(long_document())) as pdf:
        sizes = {round(glyph.size, 1) for index in range(len(pdf)) for glyph in text_glyphs(pdf[index])}
    assert sizes and min(sizes) >= 14, sizes


def test_metadata_and_language():
    pdf = reader(render_minutes_easy(document()))
    assert pdf.metadata.title == "Compte rendu facile à lire — Séance d’hiver"
    assert pdf.metadata.author == "Clinique des Tilleuls"
    assert pdf.metadata.subject.startswith("Ce que nous avons décidé à la réunion du mardi 12 janvier 2027")
    assert pdf.trailer["/Root"]["/Lang"] == "fr-FR"


def test_pages_render_well_and_a_long_meeting_breaks_cleanly(tmp_path: Path):
    assert assert_renders_well(render_minutes_easy(document()), tmp_path, "facile") == 3
    long = long_document()
    data = render_minutes_easy(long)
    count = assert_renders_well(data, tmp_path, "long")
    assert count > 10
    pages = texts(data)
    text = flat("\n".join(pages))
    for item in long.items:
        assert f"{item.position}. {item.title} Notes du point {item.position}." in text
    assert text.count("Qui : Marie-Françoise de La Tour d’Auvergne-Lœwenbruck.") == 20
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {count}" in page


def test_same_document_same_bytes(tmp_path: Path):
    first = write_minutes_easy(document(), tmp_path / "a.pdf").read_bytes()
    assert write_minutes_easy(document(), tmp_path / "b.pdf").read_bytes() == first
    assert render_minutes_easy(document(state=SIGNED)) != first


def test_the_demo_held_meeting(tmp_path: Path):
    store = open_store(tmp_path / "comite.sqlite")
    try:
        fill_small(store, date(2026, 11, 23))
        held = next(m.id for m in store.meetings.all() if "bilan" in m.title)
        doc = store.minutes.document(held)
    finally:
        store.close()
    out = write_minutes_easy(doc, tmp_path / "facile.pdf")
    text = whole(out)
    present = [a.name for a in doc.attendees if a.status.value == "present"]
    assert f"{len(present)} personnes étaient là :" in text
    assert all(name in text for name in present)
    assert all(c.text in text for c in doc.conclusions)
    assert "réclamation n° 4" not in text
    assert "SMS veut dire" in text  # « par SMS » is in a conclusion
    assert assert_renders_well(out, tmp_path, "demo") >= 2
    assert_every_word_of_every_note(doc, text)
    assert "pris la parole" in text and "%" not in text


def test_a_recommendation_is_never_left_out_and_says_to_whom():
    asked = conclusion(90, "Afficher les délais d’attente aux urgences", item_id=None,
                       kind=ConclusionKind.RECOMMENDATION, owner="Service des urgences",
                       due_on=date(2027, 6, 1))
    said = lines(render_minutes_easy(document(conclusions=(*CONCLUSIONS, asked))))
    start = said.index("Ce que nous demandons à l’établissement")
    assert said[start + 1:start + 4] == ["Afficher les délais d’attente aux urgences.",
                                        "À qui : Service des urgences.", "Quand : avant le 1er juin 2027."]
    assert "Ce que nous demandons à l’établissement" not in lines(render_minutes_easy(document()))
