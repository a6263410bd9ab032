"""The charter templates in use: those shipped with comite and the coordinator's own folder.

A coordinator adds or edits a template by dropping a Markdown file in their templates folder;
a file there with the id of a shipped template replaces it. A file that cannot be used is left
out of the catalogue with a French problem naming it and its line: it never stops the others.
`CatalogScanner` keeps the store's catalogue in step while the app runs, scanned by the same
FolderWatcher as the inbox (sync.watcher).
"""

import logging
import os
import re
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Store
from comite.store.charter_models import CharterTemplate, TemplateSource
from comite.store.charter_template import MAX_TEMPLATE_BYTES, TemplateError, decode, parse
from comite.store.charters import CatalogChange
from comite.sync import inbox_files
from comite.sync.watcher import Scan

log = logging.getLogger("comite.sync")
SHIPPED_PACKAGE = "comite.templates.charte"
SUFFIX = ".md"
MAX_USER_TEMPLATES = 200  # a folder is read at every change: a runaway copy must not stall it
_ID_LINE = re.compile(r"^id\s*:", re.MULTILINE)
_CLAIMED_ID = re.compile(rb"^id\s*:\s*[\"']?([a-z0-9][a-z0-9-]{0,62}[a-z0-9]?)[\"']?\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    file: str  # the file's name in the templates folder (never a path: it may be shown anywhere)
    message: str  # French, with the line when there is one


@dataclass(frozen=True, slots=True)
class Catalog:
    templates: list[CharterTemplate] = field(default_factory=list)  # effective, by id
    problems: list[TemplateProblem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # template id → the file it was read from
    # Ids of the user's files that do not read now (a typo, a save half done): their last good
    # version stays current rather than the shipped one coming back under signed charters.
    held: tuple[str, ...] = ()


def load_catalog(user_folder: Path) -> Catalog:
    """The shipped templates, overridden by the coordinator's own with the same id."""
    shipped, problems = _shipped()
    mine, user_problems, claimed = _user_templates(Path(user_folder))
    held = claimed - {template.template_id for template, _file in mine}
    by_id = {template.template_id: template for template, _file in shipped}
    by_id.update({template.template_id: template for template, _file in mine})
    files = {template.template_id: file for template, file in shipped + mine}
    return Catalog(templates=[by_id[key] for key in sorted(by_id) if key not in held],
                   problems=problems + user_problems, files=files, held=tuple(sorted(held)))


def _shipped() -> tuple[list[tuple[CharterTemplate, str]], list[TemplateProblem]]:
    templates, problems = [], []
    entries = sorted(resources.files(SHIPPED_PACKAGE).iterdir(), key=lambda entry: entry.name)
    for entry in entries:
        if not entry.name.endswith(SUFFIX) or not entry.is_file():
            continue
        try:
            template = parse(decode(entry.read_bytes(), entry.name), TemplateSource.SHIPPED,
                             name=entry.name)
            _check_file_name(template, entry.name)
        except TemplateError as error:  # a packaging mistake: say so rather than stop
            problems.append(TemplateProblem(entry.name, error.message))
            continue
        except Exception as error:  # nor anything else
            problems.append(TemplateProblem(entry.name, _unreadable(entry.name, error)))
            continue
        templates.append((template, str(entry)))
    return templates, problems


def _user_templates(folder: Path) -> tuple[list[tuple[CharterTemplate, str]], list[TemplateProblem],
                                           set[str]]:
    """Each usable file of the folder (not its subfolders); two files with one id: neither.
    Also the ids claimed by the files that cannot be used."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except FileNotFoundError:
        return [], [], set()
    except OSError:
        return [], [TemplateProblem("", _("Le dossier des modèles {folder} ne peut pas être lu.")
                                    .format(folder=folder))], set()
    held: set[str] = set()
    found: dict[str, list[tuple[str, CharterTemplate]]] = {}  # id → (file name, template)
    problems = []
    names = [entry for entry in entries if _is_candidate(entry.name)]
    if len(names) > MAX_USER_TEMPLATES:
        problems.append(TemplateProblem("", _(
            "Le dossier des modèles contient {n} fichiers .md : seuls les {limit} premiers (par "
            "ordre alphabétique) sont lus.").format(n=len(names), limit=MAX_USER_TEMPLATES)))
    for entry in names[:MAX_USER_TEMPLATES]:
        try:
            template = _read_user_template(folder, entry)
        except Exception as error:  # a template file may hold anything
            message = error.message if isinstance(error, TemplateError) else _unreadable(
                entry.name, error)
            problems.append(TemplateProblem(entry.name, message))
            # Its id keeps its last good version: neither removed nor replaced meanwhile.
            held.update(_claimed_id(folder, entry))
            continue
        if template is not None:
            found.setdefault(template.template_id, []).append((entry.name, template))
    templates = []
    for template_id, files in found.items():
        if len(files) == 1:
            templates.append((files[0][1], str(folder / files[0][0])))
            continue
        names_of = _(" et ").join(f"« {name} »" for name, _template in files)
        for name, _template in files:
            problems.append(TemplateProblem(name, _(
                "{names} portent le même identifiant « {id} » : aucun de ces fichiers n’est "
                "utilisé ; gardez-en un seul.").format(names=names_of, id=template_id)))
        held.add(template_id)
    return templates, problems, held


def _unreadable(name: str, error: Exception) -> str:
    """A template that failed otherwise than by a TemplateError (which the checks should have
    made of it): refused all the same, and the kind of failure logged."""
    log.warning("charter templates: a template failed with %s", type(error).__name__)
    return _("{name}, le modèle n’a pas pu être lu ({why}) : il n’est pas utilisé.").format(
        name=name, why=_("trop imbriqué") if isinstance(error, RecursionError)
        else _("erreur inattendue"))


def _claimed_id(folder: Path, entry: os.DirEntry) -> list[str]:
    """The id a broken file's front matter gives, if it can be read at all."""
    try:
        raw = _read_limited(folder, entry) or b""
    except TemplateError:
        return []
    match = _CLAIMED_ID.search(raw[:4000])
    return [match.group(1).decode("ascii")] if match else []


def _is_candidate(name: str) -> bool:
    # Hidden files, editors' backups and locks (.#x.md, x.md~) are the editor's, not templates.
    return name.lower().endswith(SUFFIX) and not inbox_files.temporary_reason(name)


def _read_user_template(folder: Path, entry: os.DirEntry) -> CharterTemplate | None:
    """The template in this file; None for what is not a template file of this folder."""
    raw = _read_limited(folder, entry)
    if raw is None:
        return None
    template = parse(decode(raw, entry.name), TemplateSource.USER, name=entry.name)
    _check_file_name(template, entry.name)
    return template


def _read_limited(folder: Path, entry: os.DirEntry) -> bytes | None:
    """At most the size limit plus one byte; None for a link leading out of the folder or a
    file that is not a plain one (a FIFO would block the reader for ever)."""
    path = Path(entry.path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0)
    if entry.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if target.parent != folder.resolve():
            log.info("charter templates: a link leading out of the folder is ignored")
            return None
    else:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(MAX_TEMPLATE_BYTES + 1)
    finally:
        os.close(descriptor)


def _check_file_name(template: CharterTemplate, name: str) -> None:
    """The id is the file's name: one look at the folder tells which file is which template."""
    stem = name[: -len(SUFFIX)]
    if stem == template.template_id:
        return
    before_id = _ID_LINE.search(template.text)
    line = template.text[: before_id.start()].count("\n") + 1 if before_id else 1
    raise TemplateError(_("l’identifiant « {id} » doit être le nom du fichier : renommez le "
                          "fichier en « {id}.md », ou changez la ligne « id: ».")
                        .format(id=template.template_id), line, name)


# ---- keeping the store's catalogue in step ---------------------------------------------------

CatalogNews = tuple[CatalogChange, list[TemplateProblem]]  # the store's change, the current problems


def sync_catalog(store: Store, user_folder: Path) -> tuple[CatalogChange, Catalog]:
    """Load the folders and make their templates the store's current catalogue."""
    catalog = load_catalog(user_folder)
    return store.charters.sync_catalog(catalog.templates, keep=catalog.held), catalog


class CatalogScanner:
    """The templates folder as its FolderWatcher (sync.watcher) looks at it: every scan brings the
    store's catalogue in step; its news come when a template was added, changed or removed, or
    when the problems differ from the previous scan's. A scan that raises (a busy database, a
    passing disk error) changes nothing here: the next one retries."""

    burst = 0.2  # after a change: editors write a temporary file, then rename it over the old one
    label = "charter templates"

    def __init__(self, store: Store, user_folder: Path) -> None:
        self.store = store
        self.folder = Path(user_folder)
        self._seen: tuple | None = None  # what the last synced catalogue was made of
        self._problems: list[TemplateProblem] = []
        try:  # made at once, so the coordinator finds it where the app says it is
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("charter templates: folder not created (%s)", type(error).__name__)

    def scan(self) -> Scan[CatalogNews]:
        catalog = load_catalog(self.folder)
        now = (tuple((t.template_id, t.content_hash, t.source.value) for t in catalog.templates),
               catalog.held)
        change = CatalogChange((), (), (), 0)
        if now != self._seen:  # a timed rescan of an unchanged folder writes nothing
            change = self.store.charters.sync_catalog(catalog.templates, keep=catalog.held)
        news: CatalogNews | None = None
        if change.added or change.changed or change.removed or catalog.problems != self._problems:
            news = (change, list(catalog.problems))
        self._seen, self._problems = now, list(catalog.problems)
        return Scan(news)
