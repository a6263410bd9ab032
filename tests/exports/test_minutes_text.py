"""The minutes as Markdown for e-mail: read as plain text, and parsed by markdown-it (an
independent Markdown reader) to check the tables have the columns they claim."""

from dataclasses import replace
from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt

from comite.exports.minutes_text import minutes_markdown, write_minutes_text
from comite.store import open_store
from comite.store.demo import fill_small
from comite.store.minutes_models import ConclusionKind
from tests.exports.minutes_records import (
    ATTENDEES,
    CONCLUSIONS,
    HOSTILE,
    PUBLIC_NOTE,
    SECRET,
    SIGNED,
    WALK_IN,
    conclusion,
    document,
    long_document,
    sat,
)


def tables(markdown: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts, header row first, as markdown-it reads them."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found: list[list[list[str]]] = []
    row: list[str] | None = None
    for token in tokens:
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        elif token.type == "tr_close" and row is not None:
            found[-1].append(row)
            row = None
    return found


def headings(markdown: str) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return [tokens[index + 1].content for index, token in enumerate(tokens) if token.type == "heading_open"]


def test_the_same_parts_as_the_pdf_in_plain_text():
    text = minutes_markdown(document())
    assert text.startswith("# Compte rendu — Séance d’hiver\n")
    for line in ("- Date : mardi 12 janvier 2027, de 18 h 00 à 20 h 00 (fin prévue)",
                 "- Lieu : Salle du conseil, 2ᵉ étage",
                 "- Statut : Brouillon", "Quorum atteint : 3 sièges sur 4 (3 requis)",
                 "3 présent(e)s, 1 suppléé(e), 1 excusé(e), 1 absent(e)",
                 "- Action — Mettre à jour le livret d’accueil",
                 "- 2.1 Action — Écrire le bilan des réclamations pour la prochaine séance (qui : Dr Hélène "
                 "Kervella ; échéance : 1er mars 2027)",
                 "- Président(e) : pas encore signé", "- Secrétaire de séance : pas encore signé"):
        assert f"\n{line}\n" in text, line
    assert "reportée ×2 · Ouverte, en retard" in text
    assert PUBLIC_NOTE in text
    assert "\xa0" not in text  # plain spaces for mail readers
    assert headings(text) == [
        "Compte rendu — Séance d’hiver", "Présences", "Suite donnée aux conclusions précédentes",
        "Ordre du jour", "1. Adoption du compte rendu précédent", "2. Réclamations du trimestre",
        "3. Projet des usagers : affiche en salle d’attente", "4. Questions diverses",
        "Relevé de conclusions", "Signatures"]


def test_the_attendance_says_each_presence_with_its_times():
    attendance = tables(minutes_markdown(sat()))[0]
    assert attendance[1:] == [
        ["Élodie Lefèvre", "Titulaire", "Présent(e)"],
        ["Gérard Martin", "Titulaire", "A donné pouvoir à Élodie Lefèvre"],
        ["Zoé Blanc", "Titulaire", "Excusé(e)"],
        ["Dr Hélène Kervella", "Titulaire", "Présent(e) (arrivé(e) à 18 h 40, parti(e) à 19 h 10)"],
        ["Karim Benali", "Titulaire", "Absent(e)"],
        [WALK_IN, "Invité(e)", "Présent(e) (arrivé(e) à 18 h 05)"],
    ]


def test_the_floor_by_side_overall_and_per_item_names_only_when_asked():
    text = minutes_markdown(sat())
    assert "Prises de parole" in headings(text)
    floor = tables(text)[1]
    assert floor == [
        ["Point", "Usagers", "Professionnels", "Autres", "Total"],
        ["Toute la réunion", "7 (58 %)", "4 (33 %)", "1 (8 %)", "12"],
        ["2. Réclamations du trimestre", "5 (63 %)", "3 (38 %)", "0 (0 %)", "8"],
        ["3. Projet des usagers : affiche en salle d’attente", "2 (50 %)", "1 (25 %)", "1 (25 %)", "4"],
    ]
    section = text[text.index("## Prises de parole"):text.index("## Relevé de conclusions")]
    assert "Élodie" not in section and "Kervella" not in section and WALK_IN not in section
    named = minutes_markdown(sat(), floor_names=True)
    assert tables(named)[1] == floor
    assert tables(named)[2] == [["Nom", "Côté", "Prises de parole"], ["Élodie Lefèvre", "Usagers", "7"],
                                ["Dr Hélène Kervella", "Professionnels", "4"], [WALK_IN, "Autres", "1"]]
    for names in (False, True):
        assert "Prises de parole" not in minutes_markdown(document(), floor_names=names)


def test_the_attendance_and_conclusions_tables_parse_with_every_row():
    attendance, relevé = tables(minutes_markdown(document()))
    assert attendance[0] == ["Nom", "Siège", "Présence"]
    assert [row[0] for row in attendance[1:]] == [a.name for a in ATTENDEES]
    assert attendance[2] == ["Gérard Martin", "Titulaire", "Suppléé(e) par Jean-Noël Çelik"]
    assert attendance[3] == ["Jean-Noël Çelik", "Suppléant(e) de Gérard Martin", "Présent(e)"]
    assert relevé[0] == ["N°", "Nature", "Conclusion", "Qui", "Échéance"]
    assert [row[0] for row in relevé[1:]] == ["1.1", "2.1", "2.2", "3.1", "3.2"]
    assert relevé[2] == ["2.1", "Action", CONCLUSIONS[1].text, "Dr Hélène Kervella", "1er mars 2027"]
    assert relevé[1][3:] == ["Le comité", "sans échéance"]


def test_a_pipe_or_a_line_break_typed_in_a_name_does_not_break_a_table():
    odd = replace(ATTENDEES[0], name="Anne | Marie\nDupont")
    attendance = tables(minutes_markdown(document(attendees=(odd, *ATTENDEES[1:]))))[0]
    assert all(len(row) == 3 for row in attendance)
    assert attendance[1][0] == "Anne | Marie Dupont"


def test_short_columns_line_up_for_plain_text_readers():
    text = minutes_markdown(document())
    rows = [line for line in text.splitlines() if line.startswith("| ")][:len(ATTENDEES) + 1]
    bars = {tuple(index for index, char in enumerate(row) if char == "|") for row in rows
            if "Suppléé(e) par" not in row and "Suppléant(e) de" not in row}
    assert len(bars) == 1, rows


def test_the_text_for_an_email_never_holds_a_confidential_passage():
    text = minutes_markdown(document())
    assert SECRET not in text and "Confidentiel" not in text and "Version interne" not in text


def test_signed_minutes_name_their_signers():
    text = minutes_markdown(document(state=SIGNED))
    assert "- Statut : Signé le 7 avril 2027" in text
    assert "- Président(e) : Élodie Lefèvre, le 6 avril 2027" in text
    assert "- Secrétaire de séance : Dr Hélène Kervella, le 7 avril 2027" in text


def test_written_whole_in_utf8(tmp_path: Path):
    out = write_minutes_text(document(), tmp_path / "compte-rendu.md")
    assert out.read_bytes().decode("utf-8") == minutes_markdown(document())
    assert HOSTILE in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["compte-rendu.md"]


def test_a_long_meeting_keeps_every_conclusion():
    relevé = tables(minutes_markdown(long_document()))[-1]
    assert len(relevé) == 61
    assert all(len(row) == 5 for row in relevé)


def test_the_demo_held_meeting(tmp_path: Path):
    store = open_store(tmp_path / "comite.sqlite")
    try:
        fill_small(store, date(2026, 11, 23))
        held = next(m.id for m in store.meetings.all() if "bilan" in m.title)
        doc = store.minutes.document(held)
    finally:
        store.close()
    text = minutes_markdown(doc)
    attendance, floor, relevé = tables(text)  # the example's séance counted turns
    assert floor[1][0] == "Toute la réunion"
    assert [row[0] for row in attendance[1:]] == [a.name for a in doc.attendees]
    assert [row[2] for row in relevé[1:]] == [c.text for c in doc.conclusions]
    assert f"reportée ×{doc.carried[0].times}" in text
    assert "réclamation n° 4" not in text


def test_a_recommendation_names_the_service_in_charge():
    asked = conclusion(90, "Afficher les délais d’attente", item_id=None,
                       kind=ConclusionKind.RECOMMENDATION)
    asked = replace(asked, owner_text="Service des urgences", owner_name="Service des urgences")
    text = minutes_markdown(document(conclusions=(*CONCLUSIONS, asked)))
    relevé = tables(text)[-1]
    row = next(row for row in relevé if row[1] == "Recommandation")
    assert row[1:4] == ["Recommandation", "Afficher les délais d’attente", "Service des urgences"]
