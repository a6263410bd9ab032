"""The charter catalogue: shipped templates, the coordinator's folder over them, hostile files
left out with a French message naming the line, and the watcher keeping the store in step."""

import os
import shutil
import threading
import time
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from comite.store import MembershipInput, PersonInput, ValidationError
from comite.store.charter_models import TemplateSource
from comite.store.charter_template import TemplateError, fill
from comite.store.committee_models import CommitteeKind, Role, StructureKind
from comite.sync import charter_catalog
from comite.sync.charter_catalog import CatalogScanner, TemplateProblem, load_catalog
from comite.sync.watcher import FolderWatcher
from tests.sync.conftest import wait_until

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile" / "charte"
TODAY = date(2027, 3, 1)
HEAD = "---\nid: {id}\ntitle: {title}\nversion: {version}\nroles: [patient_partner]\n---\n"
BODY = "\n# Charte\n\nEntre {{ structure }} et {{ person }}.\n"

# Each hostile file: the line named, and words of the message.
REFUSED = {
    "champ-inconnu.md": (11, "« {{ adresse }} » n’est pas un champ connu"),
    "echappement-classes.md": (11, "l’accès à un attribut"),
    "repetition-geante.md": (10, "la multiplication"),
    "inclusion-fichier.md": (10, "l’inclusion d’un autre fichier"),
    "boucles-imbriquees.md": (10, "une boucle « for »"),
    "filtre-geant.md": (10, "le filtre « center »"),
    "pas-utf8.md": (8, "n’est pas en UTF-8"),
    "identifiant-chemin.md": (2, "identifiant « ../../etc/passwd » refusé"),
    "sans-en-tete.md": (1, "doit commencer par « --- »"),
    "boucle-milliard.md": (10, "une boucle « for »"),
    # Refused from the tokens, before Jinja's recursive parser sees them.
    "parentheses-profondes.md": (10, "un champ ou une condition de plus de 16 mots"),
    "non-en-cascade.md": (10, "un champ ou une condition de plus de 16 mots"),
    "conditions-imbriquees.md": (10, "plus de 12 conditions imbriquées"),
    "filtres-en-chaine.md": (10, "un champ ou une condition de plus de 16 mots"),
}


def template_text(template_id: str, version: int = 1, title: str = "Charte d’essai",
                  body: str = BODY) -> str:
    return HEAD.format(id=template_id, title=title, version=version) + body


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def shipped_ids() -> list[str]:
    folder = resources.files("comite.templates.charte")
    return sorted(entry.name.removesuffix(".md") for entry in folder.iterdir() if entry.name.endswith(".md"))


def listing(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def catalogue(store) -> list[tuple[str, str, str]]:
    return [(t.template_id, t.content_hash, t.source.value) for t in store.charters.templates()]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "modeles-charte"
    made.mkdir()
    return made


# ---- loading ------------------------------------------------------------------------------


def test_the_shipped_templates_are_the_catalogue_of_an_empty_folder(tmp_path):
    catalog = load_catalog(tmp_path / "absent")
    assert catalog.problems == []
    assert [t.template_id for t in catalog.templates] == shipped_ids()
    assert len(catalog.templates) >= 3
    assert all(t.source is TemplateSource.SHIPPED for t in catalog.templates)


def test_a_template_of_the_folder_is_added_and_one_with_a_shipped_id_replaces_it(folder):
    shipped = shipped_ids()[0]
    write(folder, "ma-charte.md", template_text("ma-charte"))
    write(folder, f"{shipped}.md", template_text(shipped, version=7, title="Notre version"))
    catalog = load_catalog(folder)
    by_id = {t.template_id: t for t in catalog.templates}
    assert catalog.problems == []
    assert set(by_id) == {*shipped_ids(), "ma-charte"}
    assert (by_id[shipped].version, by_id[shipped].title, by_id[shipped].source) == (
        7, "Notre version", TemplateSource.USER)
    assert by_id["ma-charte"].source is TemplateSource.USER


def test_two_files_with_one_id_are_both_refused_and_the_current_one_stays(folder, store):
    shipped = shipped_ids()[0]
    charter_catalog.sync_catalog(store, folder)
    write(folder, f"{shipped}.md", template_text(shipped, version=2))
    write(folder, f"{shipped}.MD", template_text(shipped, version=3))
    catalog = load_catalog(folder)
    assert catalog.held == (shipped,) and shipped not in {t.template_id for t in catalog.templates}
    change, _catalog = charter_catalog.sync_catalog(store, folder)
    assert (change.changed, change.removed) == ((), ())
    assert store.charters.template(shipped).source is TemplateSource.SHIPPED
    assert sorted(p.file for p in catalog.problems) == [f"{shipped}.MD", f"{shipped}.md"]
    for problem in catalog.problems:
        assert f"« {shipped}.MD » et « {shipped}.md »" in problem.message
        assert "même identifiant" in problem.message


def test_the_id_must_be_the_file_name_and_the_message_names_its_line(folder):
    write(folder, "copie.md", "---\n# une copie\ntitle: Copie\nid: original\nversion: 1\n"
                              "roles: [patient_partner]\n---\n{{ person }}\n")
    catalog = load_catalog(folder)
    assert "original" not in {t.template_id for t in catalog.templates}
    assert catalog.problems == [TemplateProblem("copie.md", (
        "copie.md, ligne 4 : l’identifiant « original » doit être le nom du fichier : renommez le "
        "fichier en « original.md », ou changez la ligne « id: »."))]


def test_links_out_of_the_folder_special_files_subfolders_and_editor_files_are_left_alone(folder, tmp_path):
    outside = write(tmp_path, "dehors.md", template_text("dehors"))
    (folder / "dehors.md").symlink_to(outside)
    write(folder, "dedans.md", template_text("dedans"))
    (folder / "lien-dedans.md").symlink_to(folder / "dedans.md")  # inside: read, under its own name
    os.mkfifo(folder / "tube.md")  # opening it for reading would wait for a writer for ever
    (folder / "sous-dossier.md").mkdir()
    write(folder / "sous-dossier.md", "cache.md", template_text("cache"))
    write(folder, ".#dedans.md", "verrou d’Emacs")
    write(folder, "dedans.md~", "sauvegarde")
    write(folder, "notes.txt", "pas un modèle")
    started = time.monotonic()
    catalog = load_catalog(folder)
    assert time.monotonic() - started < 5
    ids = {t.template_id for t in catalog.templates}
    assert "dehors" not in ids and "cache" not in ids
    assert "dedans" in ids
    (problem,) = catalog.problems
    assert problem.file == "lien-dedans.md" and "doit être le nom du fichier" in problem.message


def test_a_file_over_the_size_limit_is_refused_unread_beyond_it(folder):
    big = template_text("enorme", body="\n" + "Une ligne de la charte, encore et encore.\n" * 6000)
    assert len(big.encode()) > 200_000
    write(folder, "enorme.md", big)
    catalog = load_catalog(folder)
    assert "enorme" not in {t.template_id for t in catalog.templates}
    (problem,) = catalog.problems
    assert problem.file == "enorme.md"
    assert problem.message.startswith("enorme.md, modèle trop volumineux (")
    assert "200 Ko au plus" in problem.message


# ---- hostile files ----------------------------------------------------------------------------


def test_the_readme_lists_every_hostile_template():
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    names = {path.name for path in HOSTILE.iterdir()} - {"README.md"}
    assert names == set(REFUSED) | {"champ-sans-valeur.md"}
    for name in names:
        assert f"`{name}`" in readme, name


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_template_is_refused_naming_its_line_and_nothing_is_written(store, folder, tmp_path, name):
    charter_catalog.sync_catalog(store, folder)
    before = catalogue(store)
    shutil.copy(HOSTILE / name, folder / name)
    files = listing(tmp_path)
    catalog = load_catalog(folder)
    change = store.charters.sync_catalog(catalog.templates)
    line, words = REFUSED[name]
    (problem,) = catalog.problems
    assert problem.file == name
    assert problem.message.startswith(f"{name}, ligne {line} : ")
    assert words in problem.message
    assert "Traceback" not in problem.message and "jinja" not in problem.message.lower()
    assert (change.added, change.changed, change.removed) == ((), (), ())
    assert catalogue(store) == before
    assert listing(tmp_path) == files


def test_a_missing_value_is_refused_when_the_charter_is_made_and_nothing_is_recorded(store, folder):
    shutil.copy(HOSTILE / "champ-sans-valeur.md", folder)
    catalog = load_catalog(folder)
    assert catalog.problems == []
    store.charters.sync_catalog(catalog.templates)
    template = store.charters.template("champ-sans-valeur")
    structure = store.structures.create("MSP des Tilleuls", StructureKind.MSP, "Valmont-sur-Loire")
    committee = store.committees.create(structure.id, "Comité des usagers", CommitteeKind.USERS_COMMITTEE)
    marie = store.people.create(PersonInput(last_name="Curie", first_name="Marie",
                                            roles=[Role.PATIENT_PARTNER]))
    store.memberships.add(committee.id, marie.id, MembershipInput())
    with pytest.raises(ValidationError) as refused:
        store.charters.draft(marie.id, committee.id, "champ-sans-valeur", {}, TODAY)
    assert set(refused.value.errors) == {"team_signatory"}
    assert "qui signe pour l’équipe" in refused.value.errors["team_signatory"]
    with pytest.raises(TemplateError) as unfilled:
        fill(template, {"structure": "MSP", "person": "Marie Curie"})
    assert unfilled.value.line == 10
    assert "« team_signatory »" in unfilled.value.message
    assert store.charters.of_person(marie.id) == []


# ---- watching the folder ------------------------------------------------------------------


@pytest.fixture
def watching(store, folder, watchers):
    """Start the templates folder's watcher; stopped and its threads checked at the end of the test."""
    calls: list[tuple] = []

    def listener(news) -> None:
        change, problems = news
        calls.append((change, problems, threading.current_thread()))

    def start(on_change=listener, **options):
        watchers(FolderWatcher(lambda: CatalogScanner(store, folder), on_change, **options))
        return calls

    return start


def test_the_watcher_syncs_at_start_then_follows_additions_edits_removals_and_problems(store, folder,
                                                                                       watching):
    calls = watching()
    assert wait_until(lambda: len(calls) == 1)
    first, problems, thread = calls[0]
    assert first.added == tuple(shipped_ids()) and problems == []
    assert thread is not threading.current_thread(), "scans run on the watcher's own thread"

    write(folder, "ma-charte.md", template_text("ma-charte"))
    assert wait_until(lambda: len(calls) == 2)
    assert calls[1][0].added == ("ma-charte",)
    assert store.charters.template("ma-charte").version == 1

    write(folder, "ma-charte.md", template_text("ma-charte", version=2, body=BODY + "\nEt ceci.\n"))
    assert wait_until(lambda: len(calls) == 3)
    assert calls[2][0].changed == ("ma-charte",)
    assert store.charters.template("ma-charte").version == 2

    shutil.copy(HOSTILE / "champ-inconnu.md", folder)
    assert wait_until(lambda: len(calls) == 4)
    change, problems, _thread = calls[3]
    assert (change.added, change.changed, change.removed) == ((), (), ())
    assert [p.file for p in problems] == ["champ-inconnu.md"]

    (folder / "ma-charte.md").unlink()
    (folder / "champ-inconnu.md").unlink()
    assert wait_until(lambda: len(calls) == 5)
    assert calls[4][0].removed == ("ma-charte",) and calls[4][1] == []
    assert "ma-charte" not in {t.template_id for t in store.charters.templates()}
    time.sleep(0.6)
    assert len(calls) == 5, "nothing changed: nothing reported"


def test_without_an_observer_the_timed_rescan_still_picks_templates_up(store, folder, watching, monkeypatch):
    from watchdog.observers.inotify import InotifyEmitter

    def refuse(self):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(InotifyEmitter, "on_thread_start", refuse)
    calls = watching(rescan_seconds=0.2)
    assert wait_until(lambda: len(calls) == 1)
    write(folder, "ma-charte.md", template_text("ma-charte"))
    assert wait_until(lambda: len(calls) == 2)
    assert calls[1][0].added == ("ma-charte",)


def test_the_watcher_outlives_a_failing_listener_and_creates_the_folder(store, tmp_path, watching, folder):
    folder.rmdir()
    seen = []

    def failing(news):
        seen.append(news[0])
        raise RuntimeError("l’écran a disparu")

    watching(on_change=failing)
    assert wait_until(lambda: len(seen) == 1)
    assert folder.is_dir()
    write(folder, "ma-charte.md", template_text("ma-charte"))
    assert wait_until(lambda: len(seen) == 2)
    assert seen[1].added == ("ma-charte",)


def test_a_broken_copy_keeps_its_last_good_version_current(folder, store):
    """A typo (or a save half done) in the coordinator's copy must neither bring the shipped
    text back nor turn the charters signed on the copy into « à re-signer »."""
    shipped = shipped_ids()[0]
    write(folder, f"{shipped}.md", template_text(shipped, version=2))
    charter_catalog.sync_catalog(store, folder)
    good = store.charters.template(shipped)
    assert good.source is TemplateSource.USER and good.version == 2
    write(folder, f"{shipped}.md", template_text(shipped, version=2) + "\n{{ oops }}\n")
    change, catalog = charter_catalog.sync_catalog(store, folder)
    assert catalog.held == (shipped,) and [p.file for p in catalog.problems] == [f"{shipped}.md"]
    assert (change.changed, change.removed, change.to_resign) == ((), (), 0)
    assert store.charters.template(shipped).content_hash == good.content_hash


# ---- templates that could hurt the app: their last good version stays ------------------------

DEEP = ("parentheses-profondes.md", "non-en-cascade.md", "conditions-imbriquees.md",
        "filtres-en-chaine.md")


@pytest.mark.parametrize("name", DEEP)
def test_a_good_template_overwritten_by_a_deep_one_keeps_its_last_good_version(folder, store,
                                                                                name):
    """The recursion that escaped the loader (issue 18): refused with its file and line, the
    version in use stays current, and the folder's watcher says the same on its next scan."""
    template_id = name.removesuffix(".md")
    write(folder, name, template_text(template_id, version=1))
    scanner = CatalogScanner(store, folder)
    scanner.scan()
    good = store.charters.template(template_id)
    shutil.copy(HOSTILE / name, folder / name)
    news = scanner.scan().news
    assert news is not None
    change, problems = news
    assert (change.added, change.changed, change.removed) == ((), (), ())
    assert [p.file for p in problems] == [name]
    assert problems[0].message.startswith(f"{name}, ligne 10 : ")
    assert store.charters.template(template_id).content_hash == good.content_hash


@pytest.mark.parametrize("failure", [RecursionError, MemoryError, ValueError])
def test_any_failure_while_reading_a_template_refuses_it_and_keeps_its_last_good_version(
        folder, store, monkeypatch, failure):
    """The checks turn what Jinja would choke on into a TemplateError; should anything slip past
    them, the loader still refuses the one file and goes on."""
    write(folder, "ma-charte.md", template_text("ma-charte"))
    charter_catalog.sync_catalog(store, folder)
    good = store.charters.template("ma-charte")
    write(folder, "ma-charte.md", template_text("ma-charte", version=2))
    real_parse = charter_catalog.parse

    def parse(text, source, name=""):
        if name == "ma-charte.md":
            raise failure()
        return real_parse(text, source, name=name)

    monkeypatch.setattr(charter_catalog, "parse", parse)
    change, catalog = charter_catalog.sync_catalog(store, folder)
    assert catalog.held == ("ma-charte",)
    (problem,) = catalog.problems
    assert problem.file == "ma-charte.md"
    assert problem.message.startswith("ma-charte.md, le modèle n’a pas pu être lu (")
    assert (change.changed, change.removed) == ((), ())
    assert store.charters.template("ma-charte").content_hash == good.content_hash


def test_filling_a_deep_template_recorded_before_the_checks_is_refused_not_a_crash():
    """A template stored before its shape was checked is filled without Jinja's recursion
    escaping: refused in French."""
    from dataclasses import replace

    good = load_catalog(Path("/nonexistent")).templates[0]
    deep = replace(good, body="{{ " + "(" * 3000 + "person" + ")" * 3000 + " }}\n")
    with pytest.raises(TemplateError) as refused:
        fill(deep, {"person": "Marie Curie"})
    assert "n’a pas pu être lu (trop imbriqué)" in refused.value.message
