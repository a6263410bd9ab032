"""Issue 22: minutes that say what happened, and easy-to-read minutes a reader with low literacy
can follow. Every PDF is read back with pypdf: each item's outcome (and nothing where none was
said), the start and the end, the next meeting, the « PROJET » mark on every page until the
committee adopts the minutes, no internal metadata line, the plain titles, the pictograms (as
the named drawings on the page), whom to call and their number, attendance words agreed with
each person's recorded sex, abbreviations and hard words explained where first read."""

from dataclasses import replace
from datetime import date, datetime

import pytest

from comite.exports import minutes_parts as parts
from comite.exports.minutes_text import minutes_markdown
from comite.exports.pdf.minutes import render_minutes
from comite.exports.pdf.minutes_easy import render_minutes_easy
from comite.exports.pdf.pictograms import Picture
from comite.store.committee_models import Coordinator
from comite.store.minutes_models import (
    ConclusionKind,
    ConclusionStatus,
    ItemKind,
    MinutesStatus,
    Outcome,
)
from tests.exports.minutes_records import (
    ATTENDEES,
    CARRIED,
    ITEMS,
    PARIS,
    SIGNED,
    conclusion,
    document,
    long_document,
    state,
)
from tests.exports.pdf_pages import flat, reader, texts

ADOPTION = replace(ITEMS[0], title="Adoption du compte rendu du 17/05/2026", notes="")
NEXT = datetime(2027, 4, 8, 18, 30, tzinfo=PARIS)
ENDED = datetime(2027, 1, 12, 19, 42, tzinfo=PARIS)
CONTACT = Coordinator(person_id=None, name="Amélie Roux", email="coordination@example.org",
                      phone="04 67 12 34 56")
# Élodie, Gérard, Jean-Noël, Zoé, Hélène: sexes recorded; Thi Hoa: not said.
GENDERS = ("f", "m", "m", "f", "f", None)


def told(**changes: object):
    """The small meeting, its outcomes said, its end noted, the next one dated, sexes known."""
    items = (replace(ADOPTION, outcome=Outcome.ADOPTED), replace(ITEMS[1], outcome=Outcome.CONSULTED),
             replace(ITEMS[2], outcome=Outcome.POSTPONED), ITEMS[3])
    attendees = tuple(replace(a, gender=g) for a, g in zip(ATTENDEES, GENDERS, strict=True))
    return document(**{"items": items, "attendees": attendees, "ended_at": ENDED,
                       "next_meeting": NEXT, **changes})


def whole(data: bytes) -> str:
    return flat("\n".join(texts(data)))


# ---- what happened -------------------------------------------------------------------------

def test_each_item_says_its_outcome_and_an_item_with_none_says_nothing_false():
    text = whole(render_minutes(told()))
    assert "1. Adoption du compte rendu du 17/05/2026 Issue : compte rendu adopté" in text
    assert "Issue : avis du comité recueilli" in text
    assert "Issue : reporté à une prochaine réunion" in text
    # « Questions diverses »: no outcome said, none printed, and no note: it says so, only that.
    assert "4. Questions diverses Les usagers ont été informés. Pas de notes pour ce point." in text
    assert text.count("Issue :") == 3
    # The adoption with its outcome no longer reads « Pas de notes pour ce point. » alone.
    assert "17/05/2026 Pas de notes" not in text
    not_adopted = whole(render_minutes(told(items=(replace(ADOPTION, outcome=Outcome.NOT_ADOPTED),))))
    assert "Issue : compte rendu non adopté" in not_adopted
    unsaid = whole(render_minutes(told(items=(ADOPTION,), conclusions=())))
    assert "Issue" not in unsaid and "compte rendu adopté" not in unsaid
    assert "1. Adoption du compte rendu du 17/05/2026 Pas de notes pour ce point." in unsaid


def test_the_markdown_copy_says_the_same():
    text = minutes_markdown(told())
    assert "**Issue : compte rendu adopté**" in text
    assert "- Date : mardi 12 janvier 2027, de 18 h 00 à 19 h 42\n" in text
    assert "- Prochaine réunion : jeudi 8 avril 2027 à 18 h 30\n" in text
    assert "- Projet : ce compte rendu n’est pas encore adopté par le comité." in text
    assert "min ·" not in text and "participation des usagers :" not in text
    assert "- Projet" not in minutes_markdown(told(state=SIGNED))


def test_start_and_end_times_and_the_next_meeting():
    text = whole(render_minutes(told()))
    assert "Date mardi 12 janvier 2027, de 18 h 00 à 19 h 42" in text
    assert "Prochaine réunion Jeudi 8 avril 2027 à 18 h 30" in text
    # The séance not closed in the app: the planned end, said as planned; no next date yet.
    planned = whole(render_minutes(told(ended_at=None, next_meeting=None)))
    assert "de 18 h 00 à 20 h 00 (fin prévue)" in planned
    assert "Prochaine réunion Sa date n’est pas encore fixée" in planned


@pytest.mark.parametrize(("minutes", "marked"), [
    (state(), True),
    (state(MinutesStatus.CIRCULATED, remarks_until=date(2027, 2, 3)), True),
    (state(MinutesStatus.ADOPTED, adopted_in_meeting_id=13, adopted_in_title="Séance de printemps"),
     False),
    (SIGNED, False),
])
def test_projet_across_every_page_until_the_minutes_are_adopted(minutes, marked):
    # The minutes' own status records the adoption (noted « adopté » at the next meeting).
    long = replace(long_document(), state=minutes)
    for data in (render_minutes(long), render_minutes_easy(long)):
        pages = texts(data)
        assert len(pages) > 3
        for page in pages:
            assert (parts.DRAFT_MARK in page.split()) is marked


def test_no_internal_metadata_line_only_sentences():
    for data in (render_minutes(told()), render_minutes(long_document())):
        text = whole(data)
        assert "min ·" not in text and "participation des usagers :" not in text
        assert "· Décision ·" not in text and "· Information ·" not in text
    text = whole(render_minutes(told()))
    assert "Présenté par Dr Hélène Kervella. Les usagers ont été consultés." in text
    assert "Présenté par Élodie Lefèvre. Les usagers ont décidé avec les professionnels" in text


def test_attendance_words_agree_with_each_persons_sex():
    text = whole(render_minutes(told()))
    assert "Élodie Lefèvre Titulaire Présente" in text
    assert "Gérard Martin Titulaire Suppléé par Jean-Noël Çelik" in text
    assert "Jean-Noël Çelik Suppléant de Gérard Martin Présent" in text
    assert "Titulaire Excusée" in text
    assert "Thi Hoa Nguyen Invité(e) Absent(e)" in text  # not said: « (e) » stays
    assert "3 présentes" not in text and "3 présents, 1 suppléé, 1 excusée, 1 absent(e)" in text
    only_women = told(attendees=tuple(replace(a, gender="f") for a in ATTENDEES[:1]))
    assert "1 présente" in whole(render_minutes(only_women))


def test_abbreviations_are_spelled_out_at_their_first_use_only():
    doc = told(structure_name="MSP des Tilleuls", committee_kind="comite_usagers",
               meeting=replace(document().meeting, committee_name="Comité des usagers"),
               items=(replace(ITEMS[1], title="Bilan des RU", notes="Les RU ont parlé à l’ARS."),))
    text = whole(render_minutes(doc))
    assert "MSP des Tilleuls (maison de santé pluriprofessionnelle)" in text
    assert "Bilan des RU (représentant ou représentante des usagers)" in text
    assert "Les RU ont parlé à l’ARS (agence régionale de santé)." in text
    assert text.count("(maison de santé pluriprofessionnelle)") == 1
    assert text.count("(représentant ou représentante des usagers)") == 1


# ---- the easy-to-read copy -------------------------------------------------------------------

def test_easy_copy_gives_plain_titles_and_what_came_of_each_point():
    doc = told(items=(
        replace(ADOPTION, outcome=Outcome.ADOPTED), replace(ITEMS[1], outcome=Outcome.CONSULTED),
        replace(ITEMS[2], easy_title="L’affiche de la salle d’attente", outcome=Outcome.DECIDED),
        replace(ITEMS[3], title="Questions diverses")))
    text = whole(render_minutes_easy(doc, contact=CONTACT))
    points = text[text.index("Ce dont nous avons parlé"):]
    assert ("1. Le compte rendu de la réunion du 17 mai 2026 est-il juste ? "
            "Oui : nous avons dit que le compte rendu est juste.") in points
    assert "2. Réclamations du trimestre Nous avons donné notre avis." in points
    assert "3. L’affiche de la salle d’attente Nous avons pris une décision." in points
    assert "4. Les autres questions" in points
    assert "Projet des usagers : affiche" not in points  # its own plain title replaces it
    assert "Adoption du compte rendu" not in text


def test_easy_copy_says_when_the_next_meeting_is_and_whom_to_call():
    text = whole(render_minutes_easy(told(), contact=CONTACT))
    assert ("La réunion a eu lieu le mardi 12 janvier 2027. Elle a commencé à 18 h 00. "
            "Elle a fini à 19 h 42.") in text
    assert "La prochaine réunion aura lieu le jeudi 8 avril 2027. Elle commencera à 18 h 30." in text
    assert "Une question ? Vous pouvez poser vos questions à Amélie Roux. Téléphone : 04 67 12 34 56" in text
    assert "Adresse e-mail : coordination@example.org" in text
    undated = whole(render_minutes_easy(told(next_meeting=None, ended_at=None)))
    assert "La date de la prochaine réunion n’est pas encore fixée. Nous vous la dirons." in undated
    assert "Elle devait finir à 20 h 00." in undated
    assert "Une question ?" not in undated  # nobody to name: no empty contact


def pictograms(data: bytes) -> list[set[str]]:
    """The names of the pictograms drawn on each page (their form XObjects, as pypdf reads them)."""
    found = []
    for page in reader(data).pages:
        objects = page["/Resources"].get("/XObject", {})
        found.append({name for name in (str(key).split(".")[-1] for key in objects)
                      if name.startswith("Picto")})
    return found


def test_easy_copy_shows_its_pictograms_as_drawings_on_the_page():
    data = render_minutes_easy(told(), contact=CONTACT)
    every = set().union(*pictograms(data))
    assert every == {picture.form_name for picture in Picture}
    assert Picture.CALENDAR.form_name in pictograms(data)[0]  # beside the date, first page
    # Each is drawn once in the file, placed wherever it is used.
    assert data.count(b"/Subtype /Form") >= len(Picture)
    # The full copy has none: a table of who was there needs no pictures.
    assert not set().union(*pictograms(render_minutes(told())))


def test_easy_copy_explains_each_hard_word_where_it_is_first_read():
    doc = told(structure_name="MSP des Tilleuls",
               conclusions=(conclusion(1, "Envoyer le bilan à l’ARS", item_id=501,
                                       kind=ConclusionKind.DECISION),))
    lines = [line.strip() for page in texts(render_minutes_easy(doc)) for line in page.splitlines()]
    structure = lines.index("Structure : MSP des Tilleuls.")
    assert lines[structure + 1].startswith("MSP veut dire une maison de santé")
    decided = next(i for i, line in enumerate(lines) if line.startswith("Envoyer le bilan à l’ARS"))
    assert lines[decided + 1] == "ARS veut dire l’agence régionale de santé."
    # Once only where it is read; the list at the end says them all again.
    text = whole(render_minutes_easy(doc))
    glossary = text.index("Les mots à connaître")
    assert text[:glossary].count("ARS veut dire") == 1 and "ARS veut dire" in text[glossary:]


def test_pourquoi_only_before_the_reason_an_action_stopped():
    stopped = replace(CARRIED[1].conclusion, status=ConclusionStatus.ABANDONED,
                      closed_reason="plus de budget")
    text = whole(render_minutes_easy(told(carried=(CARRIED[0], replace(CARRIED[1], conclusion=stopped)))))
    assert "Nous avons arrêté. Pourquoi : Plus de budget." in text
    done = whole(render_minutes_easy(told()))
    assert "C’est fait. Posée à l’accueil." in done and "Pourquoi" not in done


def test_easy_copy_has_no_inclusive_endings_when_every_sex_is_known():
    attendees = tuple(replace(a, gender=g or "m") for a, g in zip(ATTENDEES, GENDERS, strict=True))
    text = whole(render_minutes_easy(told(attendees=attendees), contact=CONTACT))
    assert "(e)" not in text
    full = whole(render_minutes(told(attendees=attendees)))
    attendance = full[full.index("Présences"):full.index("Suite donnée")]
    assert "(e)" not in attendance


def test_an_adoption_with_its_own_kind_gets_its_plain_title_without_a_date():
    item = replace(ITEMS[0], kind=ItemKind.ADOPTION, title="Adoption du compte rendu précédent")
    text = whole(render_minutes_easy(told(items=(item,))))
    assert "1. Le compte rendu de la dernière réunion est-il juste ?" in text
