"""Importing candidates from a spreadsheet: a real file into a real database, all or nothing.

Each hostile file of tests/data/hostile/candidats is refused with a French message naming the
line and the column, and leaves the database as it was (people, candidacies, audit entries).
"""

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from comite.cli import recruit as cli_recruit
from comite.store import PersonInput, Store, open_store
from comite.store.committee_models import CommitteeKind, Role, StructureKind
from comite.store.recruitment_models import Source, Stage
from comite.sync.candidates_csv import (
    MAX_BYTES,
    MAX_ROWS,
    CandidatesRefused,
    formula_problem,
    import_candidates,
    read_candidates,
)

DATA = Path(__file__).resolve().parents[1] / "data"
GOOD = DATA / "candidats"
HOSTILE = DATA / "hostile" / "candidats"
TODAY = date(2026, 11, 23)
HEADER = "Nom;Prénom;E-mail;Téléphone;Rôle;Comité;Origine;Prochaine étape;Date;Notes"


@pytest.fixture
def store(tmp_path: Path):
    """Two committees of the names the files use, an archived one, and Claire Martin, who is
    already known (the good file links a candidacy to her by e-mail)."""
    opened = open_store(tmp_path / "comite.sqlite")
    structure = opened.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont")
    opened.committees.create(structure.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE)
    opened.committees.create(structure.id, "Commission des usagers (CDU)", CommitteeKind.CDU)
    old = opened.committees.create(structure.id, "Groupe de travail 2019",
                                   CommitteeKind.USERS_COMMITTEE)
    opened.committees.set_archived(old.id, True)
    opened.people.create(PersonInput(last_name="Martin", first_name="Claire",
                                     email="claire.martin@example.org", phone="06 01 02 03 04"))
    yield opened
    opened.close()


def counts(store: Store) -> tuple[int, int, int]:
    """People, candidacies, audit entries: what an import writes."""
    candidacies = sum(len(c) for c in store.recruitment.board(include_closed=True).values())
    return store.people.count(), candidacies, len(store.audit.recent(1_000_000))


def candidacies(store: Store) -> dict[str, object]:
    return {c.person_name: c for stage in store.recruitment.board(include_closed=True).values()
            for c in stage}


def parse(*argv: str) -> argparse.Namespace:
    """The command line as `comite` parses it, through the module's own parser."""
    parser = argparse.ArgumentParser()
    cli_recruit.add_parser(parser.add_subparsers(dest="command"),
                           argparse.ArgumentParser(add_help=False))
    return parser.parse_args(["recruit", *argv])


def write(tmp_path: Path, *rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "candidats.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


# ---- the hostile files ----------------------------------------------------------------------

# file → what the message must say (each piece), in French.
HOSTILE_CASES = {
    "formule-hyperlink-nom.csv": ("ligne 3, colonne « Nom »", "commence par =",
                                  "formule de tableur", "Retirez ce caractère"),
    "plus-prenom.csv": ("ligne 2, colonne « Prénom »", "commence par +", "formule de tableur"),
    "moins-notes.csv": ("ligne 2, colonne « Notes »", "commence par -", "formule de tableur"),
    "arobase-comite.csv": ("ligne 2, colonne « Comité »", "commence par @", "formule de tableur"),
    "tabulation-egal.csv": ("ligne 2, colonne « Prénom »", "commence par une tabulation",
                            "cacher une formule"),
    "espaces-egal.csv": ("ligne 2, colonne « Notes »", "commence par ="),
    "windows-1252.csv": ("n’est pas en UTF-8", "ligne 1",
                         "enregistrez le fichier en UTF-8 (dans Excel : Enregistrer sous → CSV "
                         "UTF-8)"),
    "utf16.csv": ("UTF-16", "enregistrez le fichier en UTF-8"),
    "sans-colonne-nom.csv": ("ligne 1", "il manque la colonne « nom », obligatoire"),
    "sans-colonne-origine.csv": ("ligne 1", "il manque la colonne « origine », obligatoire"),
    "colonne-inconnue.csv": ("ligne 1", "colonne « Pathologie » inconnue",
                             "Colonnes reconnues : nom, prénom, e-mail"),
    "classeur-renomme.csv": ("classeur Excel", "Enregistrer sous → CSV UTF-8"),
    "binaire.csv": ("pas un fichier texte", "CSV UTF-8"),
    "date-impossible.csv": ("ligne 3, colonne « Date »", "31/02/2026 n’existe pas",
                            "Corrigez la cellule"),
    "comite-inconnu.csv": ("ligne 2, colonne « Comité »", "« Comité de quartier » n’existe pas",
                           "Comités connus : Comité des usagers, Commission des usagers (CDU)"),
    "role-inconnu.csv": ("ligne 2, colonne « Rôle »", "« bénévole » n’est pas un rôle connu",
                         "RU, Patient part."),
    "trop-de-cellules.csv": ("ligne 3 :", "11 cellules pour 10 colonnes", "guillemets"),
    "trop-peu-de-cellules.csv": ("ligne 2 :", "5 cellules pour 10 colonnes"),
}


def test_every_hostile_file_has_its_case_and_its_readme_line():
    files = {path.name for path in HOSTILE.iterdir() if path.suffix == ".csv"}
    assert files == set(HOSTILE_CASES)
    readme = (DATA / "hostile" / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in files)


@pytest.mark.parametrize("name", sorted(HOSTILE_CASES))
def test_a_hostile_file_is_refused_in_french_and_nothing_is_written(store, name, capsys):
    before = counts(store)
    with pytest.raises(CandidatesRefused) as refused:
        import_candidates(store, HOSTILE / name, TODAY)
    message = refused.value.message
    assert message.startswith("Fichier de candidatures refusé, rien n’a été importé :")
    for piece in HOSTILE_CASES[name]:
        assert piece in message
    assert "Traceback" not in message
    assert counts(store) == before

    assert cli_recruit.run(store, parse("import", str(HOSTILE / name))) == 2
    err = capsys.readouterr().err
    assert err.startswith("comite : Fichier de candidatures refusé")
    assert HOSTILE_CASES[name][0] in err
    assert counts(store) == before
    assert cli_recruit.run(store, parse("import", str(HOSTILE / name), "--dry-run")) == 2


def test_a_refusal_lists_every_problem_of_the_file_at_once(store, tmp_path):
    path = write(tmp_path,
                 "Durand;=1+1;;;RU;Comité des usagers;association;;;",
                 "Leroy;Anne;anne@;;RU;Comité des usagers;ailleurs;;;",
                 "Roux;Élise;;;patient partenaire;;affiche;;12/13/2026;")
    with pytest.raises(CandidatesRefused) as refused:
        read_candidates(path, store)
    assert [(p.line, p.column) for p in refused.value.problems] == [
        (2, "Prénom"), (3, "Origine"), (3, "E-mail"), (4, "Date")]
    assert "« ailleurs » n’est pas une origine connue" in refused.value.message
    assert "Affiche en salle d’attente, Sélection dans la patientèle" in refused.value.message


def test_an_empty_file_an_oversized_one_and_too_many_rows_are_refused(store, tmp_path):
    before = counts(store)
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"\xef\xbb\xbf\r\n")
    with pytest.raises(CandidatesRefused, match="Le fichier est vide"):
        import_candidates(store, empty, TODAY)
    only_header = write(tmp_path)
    with pytest.raises(CandidatesRefused, match="que la ligne des titres"):
        import_candidates(store, only_header, TODAY)
    row = "Durand;Jean;;;RU;Comité des usagers;association;;;"
    many = write(tmp_path, *[row] * (MAX_ROWS + 1))
    assert many.stat().st_size < MAX_BYTES
    with pytest.raises(CandidatesRefused, match=f"{MAX_ROWS + 1} lignes : {MAX_ROWS} au plus"):
        import_candidates(store, many, TODAY)
    big = tmp_path / "gros.csv"
    big.write_text(HEADER + "\n" + row + ";" + "x" * MAX_BYTES + "\n", encoding="utf-8")
    with pytest.raises(CandidatesRefused, match="dépasse 2 Mo"):
        import_candidates(store, big, TODAY)
    with pytest.raises(CandidatesRefused, match="n’est pas un fichier"):
        import_candidates(store, tmp_path / "absent.csv", TODAY)
    assert counts(store) == before


def test_an_unclosed_quote_and_a_control_character_are_refused_with_their_line(store, tmp_path):
    unclosed = write(tmp_path, "Durand;Jean;;;RU;Comité des usagers;association;;;",
                     'Leroy;"Anne;;;RU;Comité des usagers;association;;;')
    with pytest.raises(CandidatesRefused, match="ligne 3 : le fichier est mal formé"):
        read_candidates(unclosed, store)
    hidden = write(tmp_path, "Durand;Je\u202ean;;;RU;Comité des usagers;association;;;")
    with pytest.raises(CandidatesRefused, match="caractère de contrôle U\\+202E ligne 2"):
        read_candidates(hidden, store)
    broken = write(tmp_path, 'Durand;"Jean\nPaul";;;RU;Comité des usagers;association;;;')
    with pytest.raises(CandidatesRefused, match="ligne 2, colonne « Prénom » : contient un "
                                                "caractère invisible"):
        read_candidates(broken, store)


def test_too_long_values_are_refused_with_the_store_s_own_limits(store, tmp_path):
    path = write(tmp_path, f"{'N' * 201};Jean;;;RU;Comité des usagers;association;;;",
                 f"Durand;Jean;;;RU;Comité des usagers;association;;;{'n' * 5001}",
                 "Durand;Jean;;0612;RU;Comité des usagers;association;;;")
    with pytest.raises(CandidatesRefused) as refused:
        read_candidates(path, store)
    said = [str(p) for p in refused.value.problems]
    assert said[0].startswith("ligne 2, colonne « Nom » : Le nom est trop long (200 caractères")
    assert said[1].startswith("ligne 3, colonne « Notes » : Ce champ est trop long (5000 ")
    assert said[2].startswith("ligne 4, colonne « Téléphone » : « 0612 » n’est pas un numéro")


def test_an_archived_or_ambiguous_committee_is_refused(store, tmp_path):
    path = write(tmp_path, "Durand;Jean;;;RU;groupe de travail 2019;association;;;",
                 "Leroy;Anne;;;RU;usagers;association;;;")
    with pytest.raises(CandidatesRefused) as refused:
        read_candidates(path, store)
    assert "le comité « Groupe de travail 2019 » est archivé" in refused.value.message
    assert "« usagers » désigne plusieurs comités" in refused.value.message


# ---- the formula rule, character by character -------------------------------------------

@pytest.mark.parametrize(("cell", "column", "refused"), [
    ("=1+1", "last_name", "commence par ="),
    ('=HYPERLINK("http://x","clic")', "notes", "commence par ="),
    ("   =1+1", "notes", "commence par ="),
    ("\u00a0=1+1", "notes", "commence par ="),
    ("\u2003=1+1", "last_name", "commence par ="),
    ("\u3000+cmd|x", "notes", "commence par +"),
    ("\n=HYPERLINK(\"http://x\")", "notes", "commence par ="),
    ("\u2028@SUM(1+1)", "notes", "commence par @"),
    ("+1+1", "first_name", "commence par +"),
    ("-2+3", "notes", "commence par -"),
    ("@SUM(A1)", "email", "commence par @"),
    ("\t=1+1", "first_name", "tabulation"),
    ("\r=1+1", "notes", "retour chariot"),
    ("+33 6 12 34 56 78", "phone", None),
    ("+32 2 123 45 67", "phone", None),
    ("+1+1", "phone", "n’est pas un numéro de téléphone"),
    ("+33 6 12 34 56 78", "notes", "commence par +"),
    ("-", "notes", None),
    (" -- ", "prénom", None),
    ("Jean-Paul", "first_name", None),
    ("a=b", "notes", None),
    ("", "notes", None),
])
def test_formula_rule(cell, column, refused):
    problem = formula_problem(cell, column)
    if refused is None:
        assert problem is None
    else:
        assert problem is not None and refused in problem


# ---- a good file ----------------------------------------------------------------------------

def test_the_excel_file_is_imported_and_an_e_mail_links_to_the_known_person(store, capsys):
    claire = store.people.page("claire").rows[0]
    people, _candidacies, _audit = counts(store)
    args = parse("import", str(GOOD / "candidats-excel.csv"))
    args.today = TODAY
    assert cli_recruit.run(store, args) == 0
    assert "4 candidatures importées depuis candidats-excel.csv : 3 personnes créées, " \
           "1 rattachée" in capsys.readouterr().out
    assert store.people.count() == people + 3
    found = candidacies(store)
    assert set(found) == {"Claire Martin", "Agnès Lefèvre", "Karim Benali", "Lucie Moreau"}
    assert found["Claire Martin"].person_id == claire.id, "linked by e-mail, case ignored"
    assert store.people.get(claire.id).phone == "06 01 02 03 04", "her record is left as it was"
    assert all(c.stage is Stage.SPOTTED and c.stage_since == TODAY for c in found.values())

    agnes = found["Agnès Lefèvre"]
    assert store.people.get(agnes.person_id).phone == "06 12 34 56 78", "+33 accepted"
    assert (agnes.role, agnes.source) == (Role.USER_REPRESENTATIVE, Source.ASSOCIATION)
    assert agnes.committee_name == "Commission des usagers (CDU)", "found by its acronym"
    assert agnes.next_step_on == date(2027, 1, 15)
    assert agnes.notes == "Proposée par l’association « Vivre avec » ; disponible le soir"
    karim = found["Karim Benali"]
    assert (karim.role, karim.source, karim.committee_id) == (Role.PEER_HELPER,
                                                              Source.SPONTANEOUS, None)
    assert karim.notes == "", "a lone dash means nothing"
    lucie = found["Lucie Moreau"]
    assert (lucie.role, lucie.source) == (Role.EXPERT_PATIENT, Source.PATIENT_LIST)
    assert lucie.committee_name == "Comité des usagers"
    assert lucie.notes.splitlines() == ["Deux lignes", "de notes"]
    assert found["Claire Martin"].source is Source.WAITING_ROOM

    # The same file again: those candidacies are already in progress; nothing more is written.
    before = counts(store)
    assert cli_recruit.run(store, args) == 2
    assert "a déjà une candidature en cours pour ce rôle et ce comité" in capsys.readouterr().err
    assert counts(store) == before


def test_a_comma_separated_file_with_only_the_required_columns(store):
    result = import_candidates(store, GOOD / "virgules.csv", TODAY)
    assert (result.created_people, result.linked_people, result.candidacies) == (2, 0, 2)
    found = candidacies(store)
    assert found["Petit"].role is Role.USER_REPRESENTATIVE
    assert found["Petit"].source is Source.OTHER_STRUCTURE
    assert found["Garnier"].role is Role.PATIENT_PARTNER
    assert found["Garnier"].source is Source.PATIENT_LIST


def test_dry_run_checks_everything_and_writes_nothing(store, capsys):
    before = counts(store)
    assert cli_recruit.run(store, parse("import", str(GOOD / "candidats-excel.csv"),
                                        "--dry-run")) == 0
    out = capsys.readouterr().out
    assert "4 candidatures (3 personnes à créer, 1 rattachée" in out
    assert "Rien n’a été écrit" in out
    assert counts(store) == before


def test_two_rows_with_one_e_mail_are_one_person_unless_the_names_differ(store, tmp_path):
    path = write(tmp_path,
                 "Roux;Élise;elise.roux@example.org;;RU;CDU;association;;;",
                 "ROUX;Elise;Elise.Roux@example.org;;patient partenaire;Comité des usagers;"
                 "affiche;;;")
    result = import_candidates(store, path, TODAY)
    assert (result.created_people, result.candidacies) == (1, 2)
    assert len({c.person_id for c in candidacies(store).values()}) == 1
    before = counts(store)
    shared = write(tmp_path, "Roux;Paul;paul.roux@example.org;;RU;CDU;association;;;",
                   "Martin;Jeanne;claire.martin@example.org;;RU;CDU;association;;;",
                   "Garnier;Luc;paul.roux@example.org;;RU;Comité des usagers;affiche;;;",
                   "Roux;Paul;paul.roux@example.org;;RU;CDU;association;;;")
    with pytest.raises(CandidatesRefused) as refused:
        import_candidates(store, shared, TODAY)
    said = [str(p) for p in refused.value.problems]
    assert said == [
        said[0],
        "ligne 4, colonne « E-mail » : même e-mail que la ligne 2, mais pas le même nom : une "
        "adresse partagée ? Laissez l’e-mail vide sur l’une des deux lignes.",
        "ligne 5, colonne « E-mail » : répète la candidature de la ligne 2 (même personne, même "
        "rôle, même comité) : supprimez l’une des deux lignes.",
    ]
    assert said[0].startswith("ligne 3, colonne « E-mail » : cet e-mail est celui de Claire "
                              "Martin, déjà enregistré(e), mais la ligne donne un autre nom")
    assert counts(store) == before


def test_recruit_ls_lists_every_candidacy_and_filters_by_stage(store, capsys):
    import_candidates(store, GOOD / "candidats-excel.csv", TODAY)
    moved = candidacies(store)["Lucie Moreau"]
    store.recruitment.move(moved.id, Stage.NOT_RETAINED, TODAY, confirmed=True)
    assert cli_recruit.run(store, parse("ls", "--json")) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 4, "closed candidacies too"
    assert set(rows[0]) == {"id", "person_id", "person", "role", "committee_id", "committee",
                            "source", "stage", "stage_since", "next_step", "next_step_on"}
    assert cli_recruit.run(store, parse("ls", "--stage", "non retenu")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{moved.id}\tNon retenu(e)\tLucie Moreau\tPatient expert\tComité des "
                   "usagers\tEntretien\t10/12/2026"]
    assert cli_recruit.run(store, parse("ls", "--stage", "plus tard")) == 2
    assert "« plus tard » n’est pas une étape" in capsys.readouterr().err


def test_comite_recruit_import_from_the_command_line(store, capsys):
    from comite.cli.main import main

    path = store.path
    store.close()
    assert main(["recruit", "import", str(HOSTILE / "formule-hyperlink-nom.csv"),
                 "--db", str(path)]) == 2
    assert "ligne 3, colonne « Nom » : commence par =" in capsys.readouterr().err
    assert main(["recruit", "import", str(GOOD / "candidats-excel.csv"), "--db", str(path)]) == 0
    reopened = open_store(path)
    try:
        assert len(candidacies(reopened)) == 4
    finally:
        reopened.close()


def test_two_candidacies_of_a_known_person_count_her_once(store, tmp_path):
    path = write(tmp_path, "Martin;Claire;claire.martin@example.org;;RU;CDU;association;;;",
                 "martin;claire;Claire.Martin@example.org;;patient partenaire;Comité des usagers;"
                 "affiche;;;")
    people = store.people.count()
    result = import_candidates(store, path, TODAY)
    assert (result.created_people, result.linked_people, result.candidacies) == (0, 1, 2)
    assert store.people.count() == people
    claire = store.people.page("claire").rows[0].id
    assert sorted(c.committee_name for c in store.recruitment.of_person(claire)) == [
        "Comité des usagers", "Commission des usagers (CDU)"]
