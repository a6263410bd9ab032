"""The minutes PDF, full variant: built from records made by hand and from the demo store, read
back by pypdf, located and rendered by pdfium."""

from dataclasses import replace
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from comite.exports.pdf.minutes import render_minutes, write_minutes
from comite.store import open_store
from comite.store.demo import fill_small
from comite.store.minutes_models import ConclusionStatus, MinutesStatus
from tests.exports.minutes_records import (
    ATTENDEES,
    CARRIED,
    ITEMS,
    LONG_NAME,
    PUBLIC_NOTE,
    SECRET,
    SIGNED,
    WALK_IN,
    document,
    long_document,
    sat,
    state,
)
from tests.exports.pdf_pages import (
    assert_renders_well,
    flat,
    opened,
    reader,
    same_row,
    texts,
    where,
)

INTERNAL = "Version interne — contient des passages confidentiels"


def test_the_minutes_read_back_with_their_accents_and_every_part():
    pages = texts(render_minutes(document()))
    assert len(pages) == 2
    whole = flat("\n".join(pages))
    for expected in (
        "Compte rendu — Séance d’hiver", "Commission des usagers (CDU) · Clinique des Tilleuls",
        "mardi 12 janvier 2027, de 18 h 00 à 20 h 00 (fin prévue)", "Salle du conseil, 2ᵉ étage",
        "Statut Brouillon", "Prochaine réunion Sa date n’est pas encore fixée",
        "Présences", "Nom Siège Présence", "Suppléé(e) par Jean-Noël Çelik", "de Gérard Martin",
        "3 présent(e)s, 1 suppléé(e), 1 excusé(e), 1 absent(e)",
        "Quorum atteint : 3 sièges sur 4 (3 requis)",
        "Suite donnée aux conclusions précédentes", "Mettre à jour le livret d’accueil",
        "Ouverte le 6 octobre 2026 (« Séance d’automne »)", "reportée ×2", "Ouverte, en retard",
        "reportée ×1", "Faite : posée à l’accueil",
        "Ordre du jour", "1. Adoption du compte rendu précédent",
        "Présenté par Dr Hélène Kervella. Les usagers ont été consultés.", PUBLIC_NOTE,
        "La CDU demande un bilan écrit.",
        "2.1 Action — Écrire le bilan des réclamations pour la prochaine séance",
        "Qui : Dr Hélène Kervella · pour le 1er mars 2027", "Qui : le comité · sans échéance",
        "3.2 Action — Imprimer l’affiche chez Dupont & <b>Fils</b>",
        "4. Questions diverses", "Pas de notes pour ce point.",
        "Relevé de conclusions", "N° Nature Conclusion Qui Échéance",
        "Signatures", "Président(e)", "Secrétaire de séance", "Date et signature",
    ):
        assert expected in whole, expected
    assert "&amp;" not in whole and "&lt;" not in whole
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / 2" in page and "Compte rendu — Séance d’hiver" in page


def test_the_attendance_and_conclusions_are_tables_with_one_row_each():
    with opened(render_minutes(document())) as pdf:
        first, second = pdf[0], pdf[1]
        assert same_row(first, "Nom", "Siège", "Présence")
        for attendee, seat, presence in zip(ATTENDEES, ("Titulaire", "Titulaire", "Suppléant(e)", "Titulaire",
                                                        "Titulaire", "Invité(e)"),
                                            ("Présent(e)", "Suppléé(e) par", "Présent(e)", "Excusé(e)",
                                             "Présent(e)", "Absent(e)"), strict=True):
            assert same_row(first, attendee.name, seat, presence), attendee.name
        assert same_row(first, "Conclusion", "Qui", "Échéance", "Suivi")
        assert same_row(first, "Mettre à jour", "Gérard Martin", "1er décembre", "reportée ×2")
        assert same_row(second, "N°", "Nature", "Conclusion", "Qui", "Échéance")
        for number, kind, owner, due in (("1.1", "Décision", "Le comité", "sans"),
                                         ("2.1", "Action", "Dr Hélène", "1er mars"),
                                         ("3.2", "Action", "Élodie Lefèvre", "15 février")):
            assert same_row(second, number, kind, owner, due), number


def test_the_attendance_says_how_each_one_was_there_with_the_times_in_the_meetings_zone():
    """Issue 16: a pouvoir is given to someone, a late arrival and an early departure are in
    Paris time (stored UTC), an arrival before the start is no news, the walk-in sits as a
    guest, and someone excused is never « absent »."""
    data = render_minutes(sat())
    whole = flat("\n".join(texts(data)))
    assert "A donné pouvoir à Élodie Lefèvre" in whole
    assert "Présent(e) (arrivé(e) à 18 h 40, parti(e) à 19 h 10)" in whole
    assert "Présent(e) (arrivé(e) à 18 h 05)" in whole  # the walk-in
    assert "17 h 55" not in whole and "16 h" not in whole and "17 h 40" not in whole
    assert "3 présent(e)s, 1 ayant donné pouvoir, 1 excusé(e), 1 absent(e)" in whole
    with opened(data) as pdf:
        page = pdf[0]
        assert same_row(page, "Élodie Lefèvre", "Titulaire", "Présent(e)")
        assert same_row(page, "Gérard Martin", "Titulaire", "A donné pouvoir")
        assert same_row(page, "Zoé Blanc", "Titulaire", "Excusé(e)")
        assert not same_row(page, "Zoé Blanc", "Absent(e)")
        assert same_row(page, "Karim Benali", "Titulaire", "Absent(e)")
        assert same_row(page, "Dr Hélène Kervella", "Titulaire", "Présent(e) (arrivé(e) à 18 h 40,")
        assert same_row(page, WALK_IN.split()[0], "Invité(e)", "Présent(e) (arrivé(e) à 18 h 05)")


def test_the_floor_is_told_by_side_overall_and_per_item_without_names():
    whole = flat("\n".join(texts(render_minutes(sat()))))
    section = whole[whole.index("Prises de parole"):whole.index("Relevé de conclusions")]
    assert "Point Usagers Professionnels Autres Total" in section
    assert "Toute la réunion 7 (58 %) 4 (33 %) 1 (8 %) 12" in section
    assert "2. Réclamations du trimestre 5 (63 %) 3 (38 %) 0 (0 %) 8" in section
    assert "Projet des usagers : affiche en salle d’attente 2 (50 %) 1 (25 %) 1 (25 %) 4" in section
    assert "Questions diverses" not in section  # no turn counted there
    # The speakers are named elsewhere in the minutes, but never in this section.
    for name in ("Élodie", "Kervella", WALK_IN):
        assert name not in section, name
    assert "Par personne" not in whole


def test_the_coordinator_may_ask_for_each_speakers_turns():
    data = render_minutes(sat(), floor_names=True)
    whole = flat("\n".join(texts(data)))
    section = whole[whole.index("Prises de parole"):whole.index("Relevé de conclusions")]
    assert "Toute la réunion 7 (58 %) 4 (33 %) 1 (8 %) 12" in section
    assert "Par personne, sur toute la réunion : Nom Côté Prises de parole" in section
    with opened(data) as pdf:
        page = next(pdf[i] for i in range(len(pdf)) if where(pdf[i], "Par personne"))
        assert same_row(page, "Élodie Lefèvre", "Usagers", "7")
        assert same_row(page, "Dr Hélène Kervella", "Professionnels", "4")
        assert same_row(page, WALK_IN, "Autres", "1")


def test_no_floor_section_when_no_turn_was_counted():
    for names in (False, True):
        whole = flat("\n".join(texts(render_minutes(document(), floor_names=names))))
        assert "Prises de parole" not in whole and "Par personne" not in whole


def test_metadata_fonts_and_language():
    pdf = reader(render_minutes(document()))
    meta = pdf.metadata
    assert meta.title == "Compte rendu — Séance d’hiver"
    assert meta.author == "Clinique des Tilleuls"
    assert meta.subject == ("Compte rendu de la réunion du mardi 12 janvier 2027 à 18 h 00 : "
                            "Commission des usagers (CDU)")
    assert meta.creator == "comite"
    assert pdf.trailer["/Root"]["/Lang"] == "fr-FR"
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "DejaVuSans" in font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_confidential_notes_are_left_out_of_the_circulated_copy():
    data = render_minutes(document())
    whole = flat("\n".join(texts(data)))
    assert PUBLIC_NOTE in whole
    for secret in (SECRET, "Rosière", "Confidentiel", "Version interne"):
        assert secret not in whole, secret
    assert SECRET.encode() not in data  # not hidden either: absent from the file


def test_the_internal_copy_prints_them_in_a_marked_box_and_says_so_on_every_page():
    data = render_minutes(document(), include_confidential=True)
    pages = texts(data)
    whole = flat("\n".join(pages))
    assert f"Confidentiel — ne pas diffuser {SECRET}" in whole
    assert whole.index(PUBLIC_NOTE) < whole.index(SECRET) < whole.index("2.1 Action")
    for page in pages:
        assert INTERNAL in page
    assert reader(data).metadata.title == f"{INTERNAL} · Compte rendu — Séance d’hiver"


def test_without_confidential_notes_the_internal_copy_is_the_circulated_one():
    plain = document(items=tuple(replace(item, confidential_notes="") for item in ITEMS))
    assert render_minutes(plain, include_confidential=True) == render_minutes(plain)


@pytest.mark.parametrize(("minutes", "line"), [
    (state(MinutesStatus.CIRCULATED, remarks_until=date(2027, 2, 3)),
     "Diffusé pour remarques jusqu’au 3 février 2027"),
    (state(MinutesStatus.ADOPTED, adopted_in_meeting_id=13, adopted_in_title="Séance de printemps"),
     "Adopté lors de la réunion « Séance de printemps »"),
    (SIGNED, "Signé le 7 avril 2027"),
])
def test_the_status_line_follows_the_lifecycle(minutes, line):
    assert f"Statut {line}" in flat(texts(render_minutes(document(state=minutes)))[0])


def test_signed_minutes_name_the_signers_on_their_lines():
    data = render_minutes(document(state=SIGNED))
    whole = flat("\n".join(texts(data)))
    signatures = whole[whole.index("Signatures"):]
    # « Présidente » as signed, on the line printed « Président(e) ».
    assert "Président(e) Élodie Lefèvre, le 6 avril 2027" in signatures
    assert "Secrétaire de séance Dr Hélène Kervella, le 7 avril 2027" in signatures
    assert "Nom :" not in signatures and "Date et signature" not in signatures
    with opened(data) as pdf:
        assert same_row(pdf[len(pdf) - 1], "Président(e)", "Secrétaire de séance")
        assert same_row(pdf[len(pdf) - 1], "Élodie Lefèvre, le", "Dr Hélène Kervella, le")


def test_a_meeting_with_nothing_yet_says_so_in_each_part():
    bare = document(attendees=(), items=(), conclusions=(), carried=())
    whole = flat("\n".join(texts(render_minutes(bare))))
    for sentence in ("Personne n’était invité à cette réunion.",
                     "Aucune conclusion des réunions précédentes n’était encore ouverte.",
                     "L’ordre du jour est vide.", "Aucune conclusion n’a été prise à cette réunion."):
        assert sentence in whole
    assert "Quorum" not in whole or "Quorum atteint" in whole


def test_pages_render_without_ink_in_the_margins(tmp_path: Path):
    assert assert_renders_well(render_minutes(document(state=SIGNED), include_confidential=True),
                               tmp_path, "minutes") == 2


def test_a_long_meeting_breaks_across_pages_cleanly(tmp_path: Path):
    long = long_document()
    data = render_minutes(long)
    count = assert_renders_well(data, tmp_path, "long")
    assert count > 15
    pages = texts(data)
    whole = flat("\n".join(pages))
    for item in long.items:
        assert f"{item.position}. {item.title}" in whole
    relevé = whole[whole.index("Relevé de conclusions"):]
    for item in range(1, 31):
        for index in (1, 2):
            assert f"{item}.{index} " in relevé
    assert "l’œuvre sociale" in whole and "« journée portes ouvertes »" in whole
    assert whole.count(LONG_NAME) >= 30 + 24
    started = next(index for index, page in enumerate(pages) if "Relevé de conclusions" in page)
    ended = max(index for index, page in enumerate(pages, start=1) if "30.2 " in flat(page))
    for number, page in enumerate(pages, start=1):
        # The header row heads each page the relevé runs onto, and only once per page: its
        # heading never alone at the foot of a page.
        header = flat(page).count("N° Nature Conclusion Qui Échéance")
        assert header == (1 if started < number <= ended else 0), number
        assert f"page {number} / {count}" in page
    # The signature block is whole, on the last page.
    last = flat(pages[-1])
    assert "Signatures Président(e) Nom :" in last and last.count("Date et signature") == 2
    with opened(data) as pdf:
        assert same_row(pdf[count - 1], "Président(e)", "Secrétaire de séance")


def test_an_overlong_text_breaks_inside_its_row_instead_of_failing():
    huge = "Un texte « très » long, tapé d’une traite par une personne pressée. " * 120
    conclusion = replace(CARRIED[0].conclusion, text=huge)
    data = render_minutes(document(carried=(replace(CARRIED[0], conclusion=conclusion),),
                                   items=(replace(ITEMS[0], notes=huge), *ITEMS[1:])))
    assert flat("\n".join(texts(data))).count("tapé d’une traite") == 240


def test_same_document_same_bytes(tmp_path: Path):
    first = write_minutes(document(), tmp_path / "a.pdf").read_bytes()
    assert write_minutes(document(), tmp_path / "b.pdf").read_bytes() == first
    assert render_minutes(document(state=SIGNED)) != first


# ---- from the demo store --------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("minutes") / "comite.sqlite")
    fill_small(store, date(2026, 11, 23))
    yield store
    store.close()


def meeting_titled(store, piece: str) -> int:
    return next(m.id for m in store.meetings.all() if piece in m.title)


def test_the_demo_held_meeting_prints_its_attendance_conclusions_and_carry_over(demo, tmp_path: Path):
    doc = demo.minutes.document(meeting_titled(demo, "bilan"))
    out = write_minutes(doc, tmp_path / "compte-rendu.pdf")
    whole = flat("\n".join(texts(out)))
    for attendee in doc.attendees:
        assert attendee.name in whole
    for conclusion in doc.conclusions:
        assert conclusion.text in whole
    carried = doc.carried[0]
    assert carried.conclusion.text in whole and f"reportée ×{carried.times}" in whole
    done = next(c for c in doc.carried if c.conclusion.status is ConclusionStatus.DONE)
    assert f"Faite : {done.conclusion.closed_reason}" in whole
    assert "réclamation n° 4" not in whole
    internal = flat("\n".join(texts(write_minutes(doc, tmp_path / "interne.pdf", include_confidential=True))))
    assert "réclamation n° 4" in internal and INTERNAL in internal
    with opened(out) as pdf:
        assert same_row(pdf[0], "Nom", "Siège", "Présence")
        assert where(pdf[0], doc.attendees[0].name)
    assert assert_renders_well(out, tmp_path, "demo") >= 2
    # The example's séance: whoever left early says when (Paris time), turns were counted.
    zone = ZoneInfo(doc.meeting.timezone)
    left = [a for a in doc.attendees if a.left_at]
    assert left, "the example has someone leave before the end"
    for attendee in left:
        at = attendee.left_at.astimezone(zone)
        # Agreed with their recorded sex: « (e) » only when it is not known.
        said = {"f": "partie", "m": "parti", None: "parti(e)"}[attendee.gender]
        assert f"{said} à {at:%H} h {at:%M})" in whole
    assert doc.floor and "Prises de parole" in whole and "Toute la réunion" in whole
    named = flat("\n".join(texts(write_minutes(doc, tmp_path / "n.pdf", floor_names=True))))
    assert "Par personne" in named and "Par personne" not in whole
    assert all(count.name in named for count in doc.floor)


def test_the_demo_signed_minutes_print_their_signers(demo):
    doc = demo.minutes.document(meeting_titled(demo, "printemps"))
    assert doc.state.status is MinutesStatus.SIGNED
    whole = flat("\n".join(texts(render_minutes(doc))))
    assert "Statut Signé le" in whole
    for signature in doc.state.signatures:
        assert f"{signature.signer}, le " in whole
