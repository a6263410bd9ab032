"""Candidates from a spreadsheet: a CSV the team filled in (Excel, LibreOffice, a shared table)
becomes people and candidacies — every row checked first, then all written together or none.

The file, one header row then one candidacy per row. Titles are matched without case or
accents (« Prénom », « prenom », « PRÉNOM »); the separator is `;` (French Excel) or `,`:

    nom*, prénom, e-mail, téléphone, rôle*, comité, origine*, prochaine étape, date, notes

(* required). `rôle` is a role's label, short label or value (« RU », « patient partenaire »,
« pair-aidant »…); `comité` the name of an existing committee (or its acronym, « CDU »);
`origine` where the candidacy comes from (« affiche », « patientèle », « association »,
« spontanée », « autre structure »); `date` the day of the next step, JJ/MM/AAAA.

A row whose e-mail (case ignored) is a known person's adds the candidacy to that person — whose
record is left as it is — provided the names agree (last name, and first name when both have
one; case, accents and hyphens aside): a shared family address must not put a candidacy on the
wrong person. Rows without an e-mail always make a new person (homonyms are
common). Two rows of the file with the same e-mail are the same person.

Refused, with nothing written, and a French message naming the line and the column:
- a file that is not text: empty, binary (NUL or control bytes; an Excel workbook renamed
  .csv), UTF-16 (Excel's « Texte Unicode »), not UTF-8 (Excel's plain « CSV » on Windows is
  Windows-1252: its accents would come out wrong) — a UTF-8 BOM is fine;
  over MAX_BYTES or MAX_ROWS;
- a missing required column, an unknown or repeated one, a row with more or fewer cells than
  the header (a stray separator in a cell that was not quoted);
- a cell that a spreadsheet would run as a formula when the file is opened again: `=`, `+`,
  `-` or `@` first, behind any invisible start, or a tab or carriage return first — the rule
  of `comite.kernel.formulas`, the one the store applies to what is typed (a phone number's
  `+33…` is not one; a cell of dashes only is read as empty). The cell is refused rather than
  « neutralised » (a ' prepended, a character dropped): what is stored must be what the team
  typed, and they fix the source file once;
- control characters inside a cell (a line break is kept in notes only);
- a value the store refuses (too long, an e-mail or phone that is not one, a date that does
  not exist): the store's own checks (PersonInput / CandidateInput.validated) decide;
- an unknown role, origin or committee (the message lists the known ones);
- a candidacy the person already has in progress for the same role and committee (a file
  imported twice), or twice in the file.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from comite.kernel import plural
from comite.kernel.errors import system_reason
from comite.kernel.formulas import formula_start
from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.store.committee_models import Role
from comite.store.errors import Refused, ValidationError
from comite.store.people import PersonInput
from comite.store.recruitment import CandidateInput
from comite.store.recruitment_models import Source
from comite.store.validation import fold

if TYPE_CHECKING:
    from comite.store import Store

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_SHOWN = 20  # problems listed in the message; the rest counted
UTF8_ADVICE = _("enregistrez le fichier en UTF-8 (dans Excel : Enregistrer sous → CSV UTF-8)")


# ---- the columns ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str  # how the message names it when the file does not have it
    aliases: tuple[str, ...]
    required: bool = False


COLUMNS = (
    Column("last_name", _("nom"), ("nom", "nom de famille", "nom d usage"), required=True),
    Column("first_name", _("prénom"), ("prenom", "prenoms")),
    Column("email", _("e-mail"), ("e-mail", "email", "mail", "courriel", "adresse e-mail",
                                  "adresse mail", "adresse electronique")),
    Column("phone", _("téléphone"), ("telephone", "tel", "portable", "mobile", "numero")),
    Column("role", _("rôle"), ("role", "role vise", "role souhaite"), required=True),
    Column("committee", _("comité"), ("comite", "comite vise", "commission", "instance")),
    Column("source", _("origine"), ("origine", "source", "provenance"), required=True),
    Column("next_step", _("prochaine étape"), ("prochaine etape", "etape suivante",
                                               "prochaine action")),
    Column("next_step_on", _("date"), ("date", "date prochaine etape", "date de la prochaine "
                                       "etape", "prevue le", "echeance")),
    Column("notes", _("notes"), ("notes", "note", "remarques", "remarque", "commentaire",
                                 "commentaires")),
)


def _words(text: str) -> str:
    """Case, accents, (e)/(ve) endings and punctuation removed: what two spellings share."""
    folded = re.sub(r"\([^)]*\)", " ", fold(text))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split())


_BY_ALIAS = {_words(alias): column for column in COLUMNS for alias in column.aliases}


# ---- what a refusal says ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Problem:
    text: str
    line: int | None = None
    column: str = ""  # the column's title as the file writes it

    def __str__(self) -> str:
        if self.line is None:
            return self.text
        if self.column:
            return _("ligne {line}, colonne « {column} » : {text}").format(
                line=self.line, column=self.column, text=self.text)
        return _("ligne {line} : {text}").format(line=self.line, text=self.text)


class CandidatesRefused(Refused):
    """The file cannot be imported as it is; nothing was written. `problems` lists every one
    found (line and column when they apply); the message says them in French."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = [f"– {problem}" for problem in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            lines.append(_("… et {others}.").format(others=plural.count(
                len(problems) - MAX_SHOWN, _("autre problème"), _("autres problèmes"))))
        super().__init__("\n".join([_("Fichier de candidatures refusé, rien n’a été importé :"),
                                    *lines]))


def _refuse(text: str, line: int | None = None) -> CandidatesRefused:
    return CandidatesRefused([Problem(text, line)])


# ---- what a valid file holds ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CandidateRow:
    """One checked row: the person to create (or `person_id`, the one it links to) and the
    candidacy to add."""

    line: int
    person: PersonInput
    candidate: CandidateInput
    person_id: int | None = None  # an existing person with that e-mail
    same_as_line: int | None = None  # an earlier row of the file with that e-mail


@dataclass(frozen=True, slots=True)
class ImportResult:
    """How many people were created, how many known ones received a candidacy, how many
    candidacies were added (one per row)."""

    created_people: int
    linked_people: int
    candidacies: int
    rows: list[CandidateRow] = field(default_factory=list)


def read_candidates(path: Path, store: "Store") -> list[CandidateRow]:
    """Every row of the file, checked against the store; raises CandidatesRefused listing all
    the problems found, with their line and column. Writes nothing."""
    text = _text(_bytes(Path(path)))
    records = _records(text)
    header_line, header = records[0]
    columns = _header(header, header_line)
    data = [(line, cells) for line, cells in records[1:]]
    if not data:
        raise _refuse(_("Le fichier n’a que la ligne des titres : ajoutez une candidature par "
                        "ligne en dessous."))
    if len(data) > MAX_ROWS:
        raise _refuse(_("Le fichier a {n} lignes : {limit} au plus par import. Découpez-le en "
                        "plusieurs fichiers.").format(n=len(data), limit=MAX_ROWS))
    return _Reader(store, columns).rows(data)


def import_candidates(store: "Store", path: Path, today: date) -> ImportResult:
    """Read and check the whole file, then write every person and candidacy in one transaction:
    all of them or, on any refusal or error, none."""
    created, linked = 0, set()
    with store.transaction():
        rows = read_candidates(path, store)  # under the write lock: what it looked up holds
        made: dict[int, int] = {}  # line → person created there
        for row in rows:
            if row.person_id is not None:
                person_id = row.person_id
                linked.add(person_id)
            elif row.same_as_line is not None:
                person_id = made[row.same_as_line]
            else:
                person_id = store.people.create(row.person).id
                made[row.line] = person_id
                created += 1
            store.recruitment.add(person_id, row.candidate, today)
    return ImportResult(created_people=created, linked_people=len(linked), candidacies=len(rows),
                        rows=rows)


# ---- bytes → text → records -------------------------------------------------------------

def _bytes(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise _refuse(_("{name} n’est pas un fichier (ou n’existe pas) : vérifiez le chemin.")
                          .format(name=path.name))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise _refuse(_("{name} ne peut pas être lu ({why}).").format(
            name=path.name, why=system_reason(error))) from None
    if len(data) > MAX_BYTES:
        raise _refuse(_("Le fichier dépasse {mb} Mo : découpez-le en plusieurs fichiers.").format(
            mb=MAX_BYTES // (1024 * 1024)))
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise _refuse(_("Le fichier est vide : la première ligne donne les titres des colonnes "
                        "(nom, rôle, origine…), puis une candidature par ligne."))
    return data


def _text(data: bytes) -> str:
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise _refuse(_("C’est un classeur Excel ou LibreOffice, pas un fichier CSV : ouvrez-le "
                        "et faites Enregistrer sous → CSV UTF-8."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise _refuse(_("Le fichier est en UTF-16 (« Texte Unicode » d’Excel) : {advice}.")
                      .format(advice=UTF8_ADVICE))
    if b"\x00" in data:
        raise _refuse(_("Ce n’est pas un fichier texte (il contient des octets binaires) : "
                        "exportez le tableau en CSV UTF-8."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise _refuse(_("Le fichier n’est pas en UTF-8 (ses accents seraient faux, dès la ligne "
                        "{line}) : {advice}.").format(line=line, advice=UTF8_ADVICE)) from None
    if bad := next((ch for ch in text if _control(ch) and ch not in "\t\r\n"), None):
        line = text[:text.index(bad)].count("\n") + 1
        raise _refuse(_("Ce n’est pas un fichier texte (caractère de contrôle U+{code:04X} ligne "
                        "{line}) : exportez le tableau en CSV UTF-8.").format(code=ord(bad),
                                                                              line=line))
    return text


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without its mark: every other byte of ASCII text is a NUL."""
    head = data[:200]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) // 4
                               or head[0::2].count(0) > len(head) // 4)


def _control(ch: str) -> bool:
    # Cc: C0/C1 controls. The bidi overrides and isolates reorder what is shown: a name would
    # read differently from what is stored.
    return unicodedata.category(ch) == "Cc" or "\u202a" <= ch <= "\u202e" or \
        "\u2066" <= ch <= "\u2069"


def _records(text: str) -> list[tuple[int, list[str]]]:
    """(first line, cells) of each non-blank record, split on the header's separator."""
    first = next(line for line in text.splitlines() if line.strip())
    separator = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records, line = [], 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error:
        raise _refuse(_("le fichier est mal formé (guillemet non refermé, ou cellule démesurée) : "
                        "vérifiez cette ligne dans le tableur, puis réenregistrez en CSV UTF-8."),
                      line) from None
    return records


def _header(cells: list[str], line: int) -> list[tuple[Column | None, str]]:
    """Each cell's column (None: an empty title), with the title as the file writes it."""
    known = ", ".join(column.title for column in COLUMNS)
    problems, seen, columns = [], set(), []
    for cell in cells:
        title = cell.strip()
        column = _BY_ALIAS.get(_words(title))
        if not title:
            columns.append((None, ""))
            continue
        if column is None:
            problems.append(Problem(_("colonne « {title} » inconnue. Colonnes reconnues : {known}. "
                                      "Renommez-la ou supprimez-la, puis réimportez.").format(
                                          title=title[:40], known=known), line))
        elif column.key in seen:
            problems.append(Problem(_("la colonne « {title} » apparaît deux fois : gardez-en une.")
                                    .format(title=title[:40]), line))
        else:
            seen.add(column.key)
        columns.append((column, title))
    for column in COLUMNS:
        if column.required and column.key not in seen:
            problems.append(Problem(_("il manque la colonne « {title} », obligatoire : ajoutez-la "
                                      "à la première ligne (colonnes reconnues : {known}).")
                                    .format(title=column.title, known=known), line))
    if problems:
        raise CandidatesRefused(problems)
    return columns


# ---- the cells ------------------------------------------------------------------------------

_FORMULA = {
    "=": _("commence par = : ressemble à une formule de tableur"),
    "+": _("commence par + : ressemble à une formule de tableur"),
    "-": _("commence par - : ressemble à une formule de tableur"),
    "@": _("commence par @ : ressemble à une formule de tableur"),
    "\t": _("commence par une tabulation, qui peut cacher une formule de tableur"),
    "\r": _("commence par un retour chariot, qui peut cacher une formule de tableur"),
}
_FORMULA_ADVICE = _("(le tableur l’exécuterait à la prochaine ouverture du fichier). Retirez ce "
                    "caractère du début de la cellule, puis réimportez.")
_FIX = _("Corrigez la cellule, puis réimportez.")


def formula_problem(cell: str, column: str) -> str | None:
    """Why the cell would be run by a spreadsheet, or None: the kernel's rule
    (`comite.kernel.formulas`), said for a file to fix and import again."""
    start = formula_start(cell, phone=column == "phone")
    if start is None:
        return None
    if start == "+" and column == "phone":
        return _("commence par + mais n’est pas un numéro de téléphone (exemple : +33 6 12 34 "
                 "56 78) : une formule de tableur commence ainsi. Corrigez le numéro, puis "
                 "réimportez.")
    return _FORMULA[start] + " " + _FORMULA_ADVICE


def _role(text: str) -> Role | None:
    return _ROLES.get(_words(text))


def _names(member: Role | Source) -> set[str]:
    names = {member.value, member.label, member.short_label}
    for part in re.split(r"/| ou ", re.sub(r"\([^)]*\)", "", member.label)):
        names.add(part)
    return {_words(name) for name in names}


_ROLES = {name: role for role in Role for name in _names(role)} | {
    _words(name): role for name, role in (
        ("représentant des usagers", Role.USER_REPRESENTATIVE),
        ("représentante des usagers", Role.USER_REPRESENTATIVE),
        ("patient partenaire", Role.PATIENT_PARTNER), ("patiente partenaire", Role.PATIENT_PARTNER),
        ("aidant partenaire", Role.PATIENT_PARTNER), ("aidante partenaire", Role.PATIENT_PARTNER),
        ("patient expert", Role.EXPERT_PATIENT), ("patiente experte", Role.EXPERT_PATIENT),
        ("pair aidant", Role.PEER_HELPER), ("paire aidante", Role.PEER_HELPER),
        ("médiateur pair", Role.PEER_MEDIATOR), ("médiatrice pair", Role.PEER_MEDIATOR),
        ("médiateur de santé pair", Role.PEER_MEDIATOR),
        ("médiatrice de santé paire", Role.PEER_MEDIATOR),
    )}

# Words that say where a candidacy came from, looked for in the cell in this order.
_SOURCE_WORDS = (
    ("affiche", Source.WAITING_ROOM), ("salle d attente", Source.WAITING_ROOM),
    ("patientele", Source.PATIENT_LIST), ("selection", Source.PATIENT_LIST),
    ("spontane", Source.SPONTANEOUS), ("autre structure", Source.OTHER_STRUCTURE),
    ("association", Source.ASSOCIATION), ("asso", Source.ASSOCIATION),
    ("autre", Source.OTHER_STRUCTURE),
)


def _source(text: str) -> Source | None:
    words = _words(text)
    exact = {name: source for source in Source for name in _names(source)}
    if words in exact:
        return exact[words]
    return next((source for word, source in _SOURCE_WORDS
                 if re.search(rf"\b{word}", words)), None)


class _Reader:
    """Checks the data rows against what the store holds (committees, people by e-mail)."""

    def __init__(self, store: "Store", columns: list[tuple[Column | None, str]]) -> None:
        self.store = store
        self.columns = columns
        # Where the message points: the title as the file writes it, else the usual one.
        self.titles = {column.key: column.title for column in COLUMNS} | {
            column.key: title for column, title in columns if column}
        self.committees = [s.committee for s in store.committees.all(include_archived=True,
                                                                      limit=100_000)]
        # e-mail → (line, (last name, first name), role/committee) of its first row
        self.by_email: dict[str, tuple[int, tuple[str, str], str]] = {}
        self.problems: list[Problem] = []

    def rows(self, data: list[tuple[int, list[str]]]) -> list[CandidateRow]:
        rows = []
        for line, cells in data:
            row = self._row(line, cells)
            if row is not None:
                rows.append(row)
        if self.problems:
            raise CandidatesRefused(self.problems)
        return rows

    def _problem(self, line: int, key: str, text: str) -> None:
        self.problems.append(Problem(text, line, self.titles[key]))

    def _row(self, line: int, cells: list[str]) -> CandidateRow | None:
        if len(cells) != len(self.columns):
            self.problems.append(Problem(_(
                "{n} cellules pour {m} colonnes : une virgule ou un point-virgule de trop ou de "
                "moins ? Mettez entre guillemets une cellule qui en contient, puis réimportez.")
                .format(n=len(cells), m=len(self.columns)), line))
            return None
        values: dict[str, str] = {}
        flagged: set[str] = set()
        for (column, _title), cell in zip(self.columns, cells, strict=True):
            if column is None:
                if cell.strip():
                    self.problems.append(Problem(_("une valeur sous une colonne sans titre : "
                                                   "donnez-lui un titre ou videz-la."), line))
                continue
            if why := formula_problem(cell, column.key):
                self._problem(line, column.key, why)
                flagged.add(column.key)
            elif any(_control(ch) and not (ch in "\r\n" and column.key == "notes") for ch in cell):
                self._problem(line, column.key, _(
                    "contient un caractère invisible (retour à la ligne, tabulation…) : "
                    "retirez-le dans le tableur, puis réimportez."))
                flagged.add(column.key)
            value = cell.strip()
            values[column.key] = "" if value.strip("-") == "" else value
        return self._checked(line, values, flagged)

    def _checked(self, line: int, values: dict[str, str], flagged: set[str]) -> CandidateRow | None:
        before = len(self.problems)
        role = _role(values.get("role", ""))
        if role is None and "role" not in flagged:
            self._problem(line, "role", _(
                "« {value} » n’est pas un rôle connu. Écrivez l’un de : {known}.").format(
                    value=values.get("role", "")[:40],
                    known=", ".join(r.short_label for r in Role)) if values.get("role") else
                _("le rôle visé est obligatoire (exemple : RU, patient partenaire)."))
        source = _source(values.get("source", ""))
        if source is None and "source" not in flagged:
            self._problem(line, "source", _(
                "« {value} » n’est pas une origine connue. Écrivez l’une de : {known}.").format(
                    value=values.get("source", "")[:40],
                    known=", ".join(s.label for s in Source)) if values.get("source") else
                _("l’origine est obligatoire (affiche, patientèle, association, spontanée, autre "
                  "structure)."))
        committee_id = self._committee(line, values.get("committee", ""), flagged)
        person = PersonInput(last_name=values.get("last_name", ""),
                             first_name=values.get("first_name", ""),
                             email=values.get("email", ""), phone=values.get("phone", ""))
        candidate = CandidateInput(role=role or "", source=source or "", committee_id=committee_id,
                                   next_step=values.get("next_step", ""),
                                   next_step_on=values.get("next_step_on", ""),
                                   notes=values.get("notes", ""))
        for item, fields in ((person, _PERSON_FIELDS), (candidate, _CANDIDATE_FIELDS)):
            try:
                item.validated()
            except ValidationError as error:
                for name, message in error.errors.items():
                    key = fields.get(name, name)
                    if key not in flagged and key not in ("role", "source"):
                        self._problem(line, key, f"{message} {_FIX}")
        if len(self.problems) > before:
            return None
        person_id, same_as = self._same_person(line, person, role, committee_id)
        if len(self.problems) > before:
            return None
        return CandidateRow(line, person, candidate, person_id, same_as)

    def _committee(self, line: int, text: str, flagged: set[str]) -> int | None:
        if not text or "committee" in flagged:
            return None
        words = _words(text)
        found = [c for c in self.committees if _words(c.name) == words] or \
            [c for c in self.committees if re.search(r"\(([^)]*)\)", c.name)
             and _words(re.search(r"\(([^)]*)\)", c.name).group(1)) == words] or \
            ([c for c in self.committees if words in _words(c.name)] if len(words) >= 4 else [])
        active = [c for c in found if not c.archived]
        if len(active) == 1:
            return active[0].id
        if len(active) > 1:
            self._problem(line, "committee", _(
                "« {value} » désigne plusieurs comités ({names}) : écrivez le nom complet.")
                .format(value=text[:40], names=", ".join(c.name for c in active[:4])))
        elif found:
            self._problem(line, "committee", _(
                "le comité « {name} » est archivé : choisissez un comité actif, ou "
                "désarchivez-le d’abord (section 2 Comités).").format(name=found[0].name))
        else:
            names = [c.name for c in self.committees if not c.archived]
            self._problem(line, "committee", _(
                "le comité « {value} » n’existe pas. Comités connus : {names}. Corrigez le nom, "
                "ou créez le comité d’abord (section 2 Comités).").format(
                    value=text[:40], names=", ".join(names[:8]) or _("aucun")))
        return None

    def _same_person(self, line: int, person: PersonInput, role: Role | None,
                     committee_id: int | None) -> tuple[int | None, int | None]:
        """(existing person, earlier line of the file) this row's e-mail points to."""
        email = person.email.strip().casefold()
        if not email:
            return None, None
        name = (_words(person.last_name), _words(person.first_name))
        key = f"{role}/{committee_id}"
        if email in self.by_email:
            first_line, first_name, first_key = self.by_email[email]
            if not _same_name(first_name, name):
                self._problem(line, "email", _(
                    "même e-mail que la ligne {first}, mais pas le même nom : une adresse "
                    "partagée ? Laissez l’e-mail vide sur l’une des deux lignes.").format(
                        first=first_line))
            elif first_key == key:
                self._problem(line, "email", _(
                    "répète la candidature de la ligne {first} (même personne, même rôle, même "
                    "comité) : supprimez l’une des deux lignes.").format(first=first_line))
            existing = self._existing(email)
            return (existing.id if existing else None), (None if existing else first_line)
        self.by_email[email] = (line, name, key)
        existing = self._existing(email)
        if existing is None:
            return None, None
        known = f"{existing.first_name} {existing.last_name}".strip()
        if not _same_name((_words(existing.last_name), _words(existing.first_name)), name):
            self._problem(line, "email", _(
                "cet e-mail est celui {of_name}, déjà enregistré(e), mais la ligne donne un autre "
                "nom : corrigez le nom ou l’e-mail.").format(of_name=de(known)))
        elif any(c.role is role and c.committee_id == committee_id and not c.stage.closed
                 for c in self.store.recruitment.of_person(existing.id)):
            self._problem(line, "email", _(
                "{name} a déjà une candidature en cours pour ce rôle et ce comité (fichier déjà "
                "importé ?) : retirez la ligne, ou modifiez la candidature dans la section "
                "Recrutement.").format(name=known))
        return existing.id, None

    def _existing(self, email: str):
        """The person with that e-mail (case ignored), or None."""
        after = None
        while True:
            page = self.store.people.page(email, after=after, limit=200)
            for row in page.rows:
                if row.email.casefold() == email:
                    return self.store.people.get(row.id)
            if not page.has_more:
                return None
            after = (page.rows[-1].sort_key, page.rows[-1].id)


def _same_name(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """Same last name, and same first name unless one of them has none."""
    return one[0] == other[0] and (not one[1] or not other[1] or one[1] == other[1])


# The store's field names → the file's columns, to say where an error is.
_PERSON_FIELDS = {"last_name": "last_name", "first_name": "first_name", "email": "email",
                  "phone": "phone"}
_CANDIDATE_FIELDS = {"role": "role", "source": "source", "next_step": "next_step",
                     "next_step_on": "next_step_on", "notes": "notes"}
