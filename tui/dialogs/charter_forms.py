"""The small windows around a charter: its values (fields shown on its page), a paper
signature, the common value asked before a batch, a file picker for a scan or a signed PDF, a
choice of side, and a window that lists facts (a batch's refusals, a verdict, where files are)."""

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from comite.kernel import plural
from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.charter_models import Charter, Side, SignatureMethod
from comite.store.errors import Refused, ValidationError
from comite.tui import wording
from comite.tui.dialogs.form import FormScreen
from comite.tui.dialogs.window import Window
from comite.tui.widgets.field import Field
from comite.tui.widgets.path_input import PathInput

# ---- the values of a charter ----------------------------------------------------------------

VALUE_FIELDS = (
    ("team_signatory", _("Signe pour l’équipe *"), _("Prénom Nom, fonction")),
    ("start_date", _("Début *"), _("ex. 1er février 2027")),
    ("duration", _("Durée *"), _("ex. trois ans")),
    ("place", _("Fait à"), _("vide : écrit à la main")),
    ("signature_date", _("Le"), _("vide : écrit à la main")),
    ("compensation", _("Défraiement *"), _("ex. Frais remboursés sur justificatif")),
    ("retention", _("Conservation *"), _("ex. deux ans")),
)


def value_fields(values: Mapping[str, str]) -> ComposeResult:
    """One field per value the coordinator chooses; the ids are the placeholders' names, so the
    store's errors land beside them."""
    for key, label, placeholder in VALUE_FIELDS:
        yield Field(label, Input(values.get(key, ""), id=key, placeholder=placeholder))


def template_select(choices: list, value: str | None) -> Select:
    return Select(choices, id="template_id", allow_blank=not choices, prompt=_("Aucun modèle"),
                  value=value if value is not None else Select.NULL)


# ---- a paper signature -------------------------------------------------------------------

BOTH = "both"
SIDE_CHOICES = ((_("Les deux parties"), BOTH), (Side.STRUCTURE.label, Side.STRUCTURE.value),
                (Side.PERSON.label, Side.PERSON.value))


class PaperSignatureForm(FormScreen[Charter | None]):
    """A printed copy came back signed: who signed, for which side, when, and its scan."""

    BINDINGS: ClassVar = [*FormScreen.BINDINGS,
                          Binding("ctrl+o", "browse", _("Choisir le scan"), show=False)]

    def __init__(self, charter: Charter, today: date, scans_from: Path, pieces: Path) -> None:
        super().__init__()
        self.charter = charter
        self.today = today
        self.scans_from = scans_from
        self.pieces = pieces
        self._reading = False

    def form_title(self) -> str:
        return _("Signature sur papier — {name} ({uid})").format(name=self.charter.person_name,
                                                               uid=self.charter.uid)

    def fields(self) -> ComposeResult:
        missing = [side for side in Side if not self.charter.signature(side)]
        side = missing[0].value if len(missing) == 1 else BOTH
        yield Field(_("Qui a signé *"), Select(SIDE_CHOICES, id="sides", allow_blank=False,
                                               value=side))
        yield Field(_("Pour la structure"),
                    Input(self.charter.data.get("team_signatory", ""), id="signer_structure",
                          placeholder=_("Prénom Nom")))
        yield Field(_("La personne"), Input(self.charter.person_name, id="signer_person",
                                            placeholder=_("Prénom Nom")))
        yield Field(_("Signée le *"), Input(wording.day(self.today), id="signed_on",
                                            placeholder="JJ/MM/AAAA"))
        yield Field(_("Scan"), PathInput(_("Choisir le scan de la charte signée"), self.scans_from,
                                         id="scan"),
                    hint=_("Facultatif : le PDF scanné de la copie signée, gardé avec la charte "
                           "(Ctrl+O pour le chercher)."))

    def action_browse(self) -> None:
        self.query_one(PathInput).browse()

    def sides(self, values: Mapping[str, object]) -> list[Side]:
        chosen = values["sides"]
        return list(Side) if chosen == BOTH else [Side(str(chosen))]

    def action_save(self) -> None:
        """Without a scan, as any form. With one, the scan is read and checked in a thread (a
        PDF reader is slow to load); the form stays open, what was typed with it, until it is
        accepted or refused."""
        values = self.values()
        if not str(values["scan"]).strip():
            super().action_save()
            return
        if self._reading:
            return
        for field in self.query(Field):
            field.show_error(None)
        try:
            signers, signed_on, scan = self.checked(values)
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        status = self.query_one(".form-error", Static)
        status.update(_("Lecture du scan…"))
        self._reading = True
        app, store, charter, pieces, form = self.app, self.app.store, self.charter, self.pieces, self

        def work() -> None:
            try:
                result = record_paper(store, charter, signers, signed_on, scan, pieces)
            except ValidationError as error:
                app.call_from_thread(form._scan_refused, error.errors, "")
                return
            except Refused as error:
                app.call_from_thread(form._scan_refused, {}, error.message)
                return
            except OSError as error:
                app.call_from_thread(form._scan_refused, {}, _(
                    "Le scan n’a pas pu être lu ou copié : {why}").format(why=system_reason(error)))
                return
            app.call_from_thread(form._scan_accepted, result)

        self.run_worker(work, thread=True, group="charter-scan", exit_on_error=False)

    def _scan_accepted(self, result: Charter) -> None:
        self._reading = False
        if not self.is_attached:
            return
        if self.is_current:
            self.dismiss(result)
        else:  # a question is open above the form: the signature is recorded all the same
            self.notify(_("Signature notée avec son scan."))

    def _scan_refused(self, errors: dict[str, str], message: str) -> None:
        self._reading = False
        if errors:
            self.show_errors(errors)
            return
        self.query_one(".form-error", Static).update(message)
        self.app.bell()

    def submit(self, values: Mapping[str, object]) -> Charter:
        signers, signed_on, scan = self.checked(values)
        return record_paper(self.app.store, self.charter, signers, signed_on, scan, self.pieces)

    def checked(self, values: Mapping[str, object]) -> tuple[dict[Side, str], date, Path | None]:
        """The signers of the chosen sides, the day and the scan; ValidationError otherwise."""
        sides = self.sides(values)
        errors: dict[str, str] = {}
        signers = {}
        for side in sides:
            name = " ".join(str(values[f"signer_{side.value}"]).split())
            if not name:
                errors[f"signer_{side.value}"] = _("Qui a signé ? Indiquez son nom.")
            signers[side] = name
        try:
            signed_on = check.parse_date("signed_on", str(values["signed_on"]))
            if signed_on is None:
                errors["signed_on"] = _("Indiquez la date de signature.")
            elif signed_on > self.today:
                errors["signed_on"] = _("Cette date est à venir : la signature a eu lieu avant.")
            elif signed_on < self.charter.generated_on:
                errors["signed_on"] = _("La charte a été produite le {day} : elle a été signée "
                                        "après.").format(day=wording.day(self.charter.generated_on))
        except check.FieldError as error:
            errors[error.field] = error.message
            signed_on = None
        scan = str(values["scan"]).strip()
        scan_path = Path(scan).expanduser() if scan else None
        if scan_path is not None and not scan_path.is_file():
            errors["scan"] = _("Aucun fichier à cet endroit : vérifiez le chemin, ou Ctrl+O.")
        if errors:
            raise ValidationError(errors)
        return signers, signed_on, scan_path


def record_paper(store, charter: Charter, signers: Mapping[Side, str], signed_on: date,
                 scan: Path | None, pieces: Path) -> Charter:
    """Each side's paper signature, with the scan kept beside the charter when there is one.

    The scan is received (checked, copied into `pieces`) with the first side; the other side
    points to the same copy. All of it lands together or not at all.
    """
    from comite.sync.errors import InboxRefusal

    piece, sha = "", ""
    try:
        with store.transaction():
            for side, signer in signers.items():
                if scan is not None and not piece:
                    from comite.sync.charter_returns import receive

                    receipt = receive(store, scan, pieces, charter_id=charter.id, side=side,
                                      signer=signer, signed_on=signed_on)
                    piece, sha = str(receipt.piece), receipt.sha256
                    continue
                store.charters.sign(charter.id, side, SignatureMethod.PAPER, signer, signed_on,
                                    scan_path=piece, scan_sha256=sha)
    except ValidationError as error:
        # The store names its fields « signer » and « signed_on »: here there is one per side.
        raise ValidationError({(f"signer_{side.value}" if key == "signer" else key): message
                               for key, message in error.errors.items()}) from None
    except InboxRefusal as error:
        raise Refused(" ".join(filter(None, (error.reason, error.advice)))) from None
    return store.charters.get(charter.id)


# ---- before a batch ------------------------------------------------------------------------

class BatchForm(FormScreen[str | None]):
    """The one value the records cannot give: who signs for the team."""

    def __init__(self, count: int, signatory: str, folder: Path) -> None:
        super().__init__()
        self.count = count
        self.signatory = signatory
        self.folder = folder

    def on_mount(self) -> None:
        # (FormScreen's own on_mount runs too: Textual calls each class's handler.)
        self.query_one("#save", Button).label = _("Produire (Ctrl+S)")

    def form_title(self) -> str:
        return _("Produire {charters}").format(charters=plural.count(self.count, _("charte"), _("chartes")))

    def fields(self) -> ComposeResult:
        yield Field(_("Signe pour l’équipe *"),
                    Input(self.signatory, id="team_signatory", placeholder=_("Prénom Nom, fonction")),
                    hint=_("Pour les chartes dont la structure n’a pas encore de signataire. Les "
                           "PDF seront écrits dans {folder}.").format(folder=self.folder))

    def submit(self, values: Mapping[str, object]) -> str:
        name = " ".join(str(values["team_signatory"]).split())
        if not name:
            raise ValidationError({"team_signatory": _("Qui signe pour l’équipe ? Par exemple « "
                                                       "Dr Claire Martin, coordinatrice ».")})
        return name


# ---- a choice, and facts to read ------------------------------------------------------------

class SideChoice(Window[str | None]):
    """Which side's signature: Entrée picks, Échap closes without choosing."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CSS = """
    SideChoice { align: center middle; }
    SideChoice OptionList { height: auto; max-height: 6; }
    """
    BINDINGS: ClassVar = [Binding("escape", "dismiss(None)", _("Annuler"))]

    def __init__(self, title: str, charter: Charter) -> None:
        super().__init__()
        self.title_text = title
        self.charter = charter

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="form-title", markup=False)
            yield OptionList(*(Option(Text(f"{s.side.label} — {s.signer}, {wording.day(s.signed_on)}"),
                                      id=s.side.value) for s in self.charter.signatures))
            yield Static(_("Entrée pour choisir · Échap pour annuler"), classes="dialog-body")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


def refusal_lines(error: Refused) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.errors.values())
    return [error.message]
