"""Charter templates as text: the front matter, the placeholders, the content hash, and filling.

A template is Markdown with a small front matter and `{{ placeholder }}` fields, filled by
Jinja's sandbox: a coordinator's template may hold anything, so it can neither reach Python
objects nor print a value other than as typed. Every value is escaped for Markdown, so a name
like `Dupont & <b>Fils</b> {{7*7}}` comes out letter for letter. Pure: no files, no database.
"""

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from comite.kernel.i18n import _
from comite.store.charter_models import CharterTemplate, TemplateSource
from comite.store.committee_models import CommitteeKind, Role
from comite.store.errors import Refused

if TYPE_CHECKING:
    from jinja2 import Template

MAX_TEMPLATE_BYTES = 200_000
MAX_FILLED_CHARS = 400_000
# A field or a condition is a few words (`{% if compensation and place %}`: 4). Jinja parses and
# compiles by recursion, slower than linearly with depth: `{{ ((( … ))) }}` 80 deep exhausts
# Python's stack, 300 `not` in a row take 7 s to compile. Counted before Jinja parses anything.
MAX_TAG_WORDS = 16
MAX_NESTED_BLOCKS = 12
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_KEY_VALUE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")
_FRONT_KEYS = ("id", "title", "version", "roles", "committee_kinds")
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_FENCE = "---"

# What a template may ask for; the French says what each is, for the help and the errors.
PLACEHOLDERS: dict[str, str] = {
    "structure": "le nom de la structure",
    "structure_city": "la ville de la structure",
    "committee": "le nom du comité",
    "structure_le": "la structure avec son article (« la MSP des Tilleuls »)",
    "structure_du": "de la structure (« de la MSP des Tilleuls », « du Centre… »)",
    "structure_au": "à la structure (« à la MSP des Tilleuls », « au Centre… »)",
    "committee_le": "le comité avec son article (« le Comité des usagers »)",
    "committee_du": "du comité (« du Comité des usagers », « de la Commission… »)",
    "committee_au": "au comité (« au Comité des usagers », « à la Commission… »)",
    "person": "le prénom et le nom de la personne",
    "role": "le rôle de la personne (représentant(e) des usagers…)",
    "team_signatory": "qui signe pour l’équipe",
    "start_date": "la date de début de l’engagement",
    "duration": "la durée de l’engagement",
    "place": "le lieu de signature",
    "signature_date": "la date de signature",
    "compensation": "les règles de défraiement",
    "retention": "la durée de conservation des données après la fin",
}

# The names with their article, as sentences take them: kept with a charter so it reads again as
# it was issued, but they say nothing the names above them do not (the access report skips them).
NAME_FORMS = frozenset({"structure_le", "structure_du", "structure_au",
                        "committee_le", "committee_du", "committee_au"})


class TemplateError(Refused):
    """A template that cannot be used; the message names the line when there is one."""

    def __init__(self, message: str, line: int | None = None, name: str = "") -> None:
        text = (_("ligne {line} : ").format(line=line) if line else "") + message
        # « modele.md, ligne 3 : … » — a file name keeps its case; a sentence starts with one.
        super().__init__(f"{name}, {text}" if name else text[:1].upper() + text[1:])
        self.line = line


def decode(raw: bytes, name: str = "") -> str:
    """The file's text: UTF-8 only, size-limited; line endings and the BOM normalised."""
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise TemplateError(_("modèle trop volumineux ({size} Ko ; {limit} Ko au plus).").format(
            size=len(raw) // 1000, limit=MAX_TEMPLATE_BYTES // 1000), name=name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TemplateError(_("le texte n’est pas en UTF-8 ; enregistrez-le en UTF-8 depuis votre "
                              "éditeur."), line, name) from None
    return normalise(text)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.removeprefix("\ufeff").replace("\r\n", "\n")
                                 .replace("\r", "\n"))


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def parse(text: str, source: TemplateSource = TemplateSource.SHIPPED, name: str = "") -> CharterTemplate:
    """A template from its text; refused, naming the line, if it could not be filled."""
    text = normalise(text)
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FENCE:
        raise TemplateError(_("le modèle doit commencer par « --- » et son en-tête (id, title, "
                              "version, roles)."), 1, name)
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == _FENCE)
    except StopIteration:
        raise TemplateError(_("l’en-tête n’est pas refermé par une ligne « --- »."), 1, name) from None
    front = _front_matter(lines[1:end], name)
    body_line = end + 2
    body = "\n".join(lines[end + 1:])
    template = CharterTemplate(
        template_id=front["id"], title=front["title"], version=front["version"],
        roles=front["roles"], committee_kinds=front["committee_kinds"], body=body, text=text,
        content_hash=content_hash(text), source=source, body_line=body_line)
    _check_placeholders(template, name)
    return template


def _front_matter(lines: list[str], name: str) -> dict:
    found: dict[str, tuple[str, int]] = {}
    for number, line in enumerate(lines, start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY_VALUE.match(line)
        if not match or match.group(1) not in _FRONT_KEYS:
            raise TemplateError(_("ligne d’en-tête inconnue ; seules {keys} sont permises.").format(
                keys=", ".join(_FRONT_KEYS)), number, name)
        found[match.group(1)] = (match.group(2).strip().strip("\"'"), number)
    for key in ("id", "title", "version", "roles"):
        if key not in found:
            raise TemplateError(_("l’en-tête n’a pas de « {key}: ».").format(key=key), 1, name)
    template_id, line = found["id"]
    if not _ID.match(template_id):
        raise TemplateError(_("identifiant « {id} » refusé : lettres minuscules sans accent, "
                              "chiffres et tirets seulement (il sert de nom de fichier).")
                            .format(id=template_id[:60]), line, name)
    title, line = found["title"]
    if not title or len(title) > 200:
        raise TemplateError(_("le titre est vide ou trop long (200 caractères au plus)."), line, name)
    version, line = found["version"]
    if not version.isdigit() or not 0 < int(version) < 10_000:
        raise TemplateError(_("la version doit être un nombre entier (1, 2, 3…)."), line, name)
    return {
        "id": template_id, "title": title, "version": int(version),
        "roles": _listed(found["roles"], Role, name),
        "committee_kinds": _listed(found.get("committee_kinds", ("", 0)), CommitteeKind, name),
    }


def _listed(entry: tuple[str, int], kind: type, name: str) -> tuple:
    value, line = entry
    items = [item.strip().strip("\"'") for item in value.strip("[]").split(",") if item.strip()]
    try:
        return tuple(kind(item) for item in items)
    except ValueError:
        raise TemplateError(_("valeur inconnue dans « {value} » ; valeurs possibles : {known}.")
                            .format(value=value[:80], known=", ".join(k.value for k in kind)),
                            line, name) from None


def _check_placeholders(template: CharterTemplate, name: str) -> None:
    """Refuse, naming the line, a template that could do more than print its fields.

    The sandbox already forbids reaching Python objects; this also keeps out what it lets
    through but a charter never needs and a hostile file could use to stall the app (nested
    loops, `lipsum(n=…)`, `center(10**9)`): a template prints fields, tests them, and may
    change their case."""
    from jinja2 import TemplateSyntaxError, nodes

    try:
        _check_shape(template, name)
        tree = _environment().parse(template.body)
    except TemplateSyntaxError as error:
        raise TemplateError(_("le modèle est mal formé : {why}.").format(why=error.message),
                            _file_line(template, error.lineno), name) from None
    except (RecursionError, MemoryError):  # the second wall: the shape is checked above
        raise TemplateError(_("le modèle est trop imbriqué pour être lu."), None, name) from None
    for node in tree.find_all(nodes.Node):
        what = _forbidden(node)
        if what:
            raise TemplateError(_("ce modèle utilise {what}, ce qui n’est pas permis : seuls les "
                                  "champs « {{{{ champ }}}} » et les conditions « {{% if champ %}} » "
                                  "le sont.").format(what=what), _file_line(template, node.lineno),
                                name)
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load" and node.name not in PLACEHOLDERS:
            raise TemplateError(_("« {{{{ {field} }}}} » n’est pas un champ connu ; champs "
                                  "possibles : {known}.").format(field=node.name[:40],
                                                                 known=", ".join(PLACEHOLDERS)),
                                _file_line(template, node.lineno), name)


_BLOCKS = ("if", "for", "macro", "call", "filter", "with", "block", "autoescape", "trans", "raw")


def _check_shape(template: CharterTemplate, name: str) -> None:
    """Refuse, naming its line, a field or condition too long, or conditions nested too deep,
    from the tokens alone: Jinja's lexer reads without recursion, its parser does not."""
    words, opened, blocks, tag_line = 0, False, 0, 0
    for line, kind, value in _environment().lex(template.body):
        if kind in ("variable_begin", "block_begin"):
            words, opened, tag_line = 0, kind == "block_begin", line
        elif kind not in ("whitespace", "variable_end", "block_end", "data", "comment"):
            words += 1
            if opened and kind == "name":
                blocks += 1 if value in _BLOCKS else -1 if value.startswith("end") else 0
                if blocks > MAX_NESTED_BLOCKS:
                    raise TemplateError(_("plus de {n} conditions imbriquées les unes dans les "
                                          "autres : simplifiez le modèle.").format(
                                              n=MAX_NESTED_BLOCKS),
                                        _file_line(template, line), name)
            opened = False
            if words > MAX_TAG_WORDS:
                raise TemplateError(_("un champ ou une condition de plus de {n} mots : "
                                      "simplifiez le modèle.").format(n=MAX_TAG_WORDS),
                                    _file_line(template, tag_line), name)


_ALLOWED_NODES = ("Template", "Output", "TemplateData", "Const", "If", "Compare", "Operand",
                  "And", "Or", "Not", "Concat", "CondExpr", "Name")
_ALLOWED_FILTERS = ("upper", "lower", "capitalize", "title", "trim")
_ALLOWED_TESTS = ("defined", "undefined", "none", "string")


def _forbidden(node: object) -> str:
    """What this node does, in French, when a template may not do it; '' when it may."""
    kind = type(node).__name__
    if kind == "Name":
        return "" if getattr(node, "ctx", "load") == "load" else _("« set »")
    if kind == "Filter":
        allowed = node.name in _ALLOWED_FILTERS and not node.args and not node.kwargs
        return "" if allowed else _("le filtre « {name} »").format(name=node.name[:40])
    if kind == "Test":
        return "" if node.name in _ALLOWED_TESTS else _("le test « {name} »").format(name=node.name[:40])
    if kind in _ALLOWED_NODES:
        return ""
    return _(_FRENCH_NODES.get(kind, "la construction « {kind} »")).format(kind=kind)


_FRENCH_NODES = {
    "For": "une boucle « for »", "Call": "un appel de fonction",
    "Getattr": "l’accès à un attribut (« . »)", "Getitem": "l’accès à un élément (« [ ] »)",
    "Assign": "« set »", "AssignBlock": "« set »", "Macro": "« macro »",
    "CallBlock": "« call »", "FilterBlock": "« filter »", "With": "« with »",
    "Mul": "la multiplication", "Pow": "la puissance",
    "Include": "l’inclusion d’un autre fichier", "Extends": "l’inclusion d’un autre fichier",
    "Import": "l’inclusion d’un autre fichier", "FromImport": "l’inclusion d’un autre fichier",
}


def _file_line(template: CharterTemplate, body_line: int | None) -> int | None:
    return None if body_line is None else template.body_line + body_line - 1


def placeholders_used(template: CharterTemplate) -> list[str]:
    """The fields this template asks for, in the order they first appear, each with the line
    of the file where it first appears."""
    return list(_first_uses(template.body, template.body_line))


@lru_cache(maxsize=32)
def _first_uses(body: str, body_line: int) -> dict[str, int]:
    # Cached: a batch of charters fills one template hundreds of times.
    from jinja2 import nodes

    seen: dict[str, int] = {}
    for node in _environment().parse(body).find_all(nodes.Name):
        if node.name in PLACEHOLDERS:
            seen.setdefault(node.name, body_line + node.lineno - 1)
    return seen


def escape_value(value: object) -> str:
    """A value as Markdown that reads back exactly as typed: one line, every ASCII punctuation
    character backslash-escaped (CommonMark reads `\\*` as `*`, `\\<` as `<`…)."""
    return _ASCII_PUNCTUATION.sub(r"\\\1", " ".join(str(value).split()))


def fill(template: CharterTemplate, values: Mapping[str, str]) -> str:
    """The template's Markdown with every placeholder filled; refused if one has no value."""
    try:
        uses = _first_uses(template.body, template.body_line)
    except Exception as error:  # a template recorded before its shape was checked
        raise TemplateError(_("le modèle n’a pas pu être lu ({why}).").format(
            why=_why(error))) from None
    for field, line in uses.items():
        if field not in values:
            raise TemplateError(_("le champ « {field} » ({what}) n’a pas de valeur.").format(
                field=field, what=PLACEHOLDERS[field]), line)
    try:
        filled = _compiled(template.body).render(dict(values))
    except Exception as error:  # a coordinator's template runs here: any failure is theirs
        raise TemplateError(_("le modèle n’a pas pu être rempli ({why}).").format(
            why=_why(error)), _file_line(template, _template_line(error))) from None
    if len(filled) > MAX_FILLED_CHARS:
        raise TemplateError(_("le texte obtenu est démesuré ({size} caractères).").format(
            size=len(filled)))
    return filled


def _why(error: Exception) -> str:
    from jinja2.exceptions import SecurityError

    if isinstance(error, SecurityError):
        return _("opération interdite dans un modèle")
    if isinstance(error, RecursionError):
        return _("trop imbriqué")
    if isinstance(error, MemoryError):
        return _("mémoire insuffisante")
    return type(error).__name__


def _template_line(error: Exception) -> int | None:
    traceback, line = error.__traceback__, None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


@lru_cache(maxsize=32)
def _compiled(body: str) -> "Template":
    return _environment().from_string(body)


@cache
def _environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # parse() lets through fields, conditions and case filters only; the sandbox stays as
    # the second wall should a construct slip past that list.
    return SandboxedEnvironment(undefined=StrictUndefined, finalize=escape_value, autoescape=False,
                    keep_trailing_newline=True)
