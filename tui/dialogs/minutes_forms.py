"""The small windows of the minutes' lifecycle: circulate with a deadline for remarks, sign,
choose who represents an absent member, choose which document to export — and that export,
written in a worker thread."""

import logging
from collections.abc import Mapping
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.committee_models import Function
from comite.store.errors import ValidationError
from comite.store.minutes_models import Attendee, MinutesState
from comite.tui import wording
from comite.tui.dialogs.form import FormScreen
from comite.tui.dialogs.window import Window
from comite.tui.widgets.field import Field
from comite.usecases.organizer import organizer

log = logging.getLogger("comite.tui.minutes")

REMARKS_DAYS = 15  # the usual fortnight given to members to send their remarks
SECRETARY = _("Secrétaire de séance")
SIGNERS = 2


class CirculateForm(FormScreen[MinutesState | None]):
    TITLE_TEXT = _("Diffuser le compte rendu pour remarques")

    def __init__(self, meeting_id: int, today: date) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.today = today

    def fields(self) -> ComposeResult:
        yield Field(_("Remarques jusqu’au *"),
                    Input(wording.day(self.today + timedelta(days=REMARKS_DAYS)), id="remarks_until",
                          placeholder="JJ/MM/AAAA"),
                    hint=_("Les membres envoient leurs remarques avant cette date ; le compte rendu "
                           "est ensuite adopté à la réunion suivante."))

    def submit(self, values: Mapping[str, object]) -> MinutesState:
        minutes = self.app.store.minutes
        minutes.circulate(self.meeting_id, str(values["remarks_until"]), today=self.today)
        return minutes.state(self.meeting_id)


def default_signers(app, committee_id: int) -> list[tuple[str, str]]:
    """The committee's président(e), then a secrétaire de séance (its secretary, or the
    coordinator: the structure's, else the one of the settings)."""
    members = app.store.memberships.of_committee(committee_id)

    def holder(function: Function) -> str:
        return next((m.person_name for m in members if m.function is function), "")

    return [(holder(Function.PRESIDENT), Function.PRESIDENT.label),
            (holder(Function.SECRETARY) or organizer(app.store, committee_id, app.settings).name,
             SECRETARY)]


class SignForm(FormScreen[MinutesState | None]):
    TITLE_TEXT = _("Signer le compte rendu")

    def __init__(self, meeting_id: int, signers: list[tuple[str, str]], today: date) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.signers = (signers + [("", "")] * SIGNERS)[:SIGNERS]
        self.today = today

    def fields(self) -> ComposeResult:
        for n, (name, capacity) in enumerate(self.signers, start=1):
            yield Field(_("Signataire {n}").format(n=n) + (" *" if n == 1 else ""),
                        Input(name, id=f"name{n}", placeholder=_("Prénom Nom")))
            yield Field(_("En qualité de"), Input(capacity, id=f"capacity{n}",
                                                  placeholder=_("ex. Président(e)")))
        yield Field(_("Signé le *"), Input(wording.day(self.today), id="signed_on",
                                           placeholder="JJ/MM/AAAA"))

    def submit(self, values: Mapping[str, object]) -> MinutesState:
        signers, errors = [], {}
        for n in range(1, SIGNERS + 1):
            name, capacity = str(values[f"name{n}"]).strip(), str(values[f"capacity{n}"]).strip()
            if name and not capacity:
                errors[f"capacity{n}"] = _("Précisez en quelle qualité {name} signe.").format(
                    name=name)
            elif name:
                signers.append((name, capacity))
        if not signers:
            errors["name1"] = _("Au moins une personne signe le compte rendu.")
        try:
            signed_on = check.parse_date("signed_on", str(values["signed_on"])) or self.today
        except check.FieldError as error:
            errors[error.field] = error.message
        if errors:
            raise ValidationError(errors)
        minutes = self.app.store.minutes
        minutes.sign(self.meeting_id, signers, signed_on)
        return minutes.state(self.meeting_id)


class _Choice(Window):
    """A short modal list: Entrée picks, Échap closes without choosing."""

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CSS = """
    _Choice { align: center middle; }
    _Choice OptionList { height: auto; max-height: 12; }
    """
    BINDINGS: ClassVar = [Binding("escape", "dismiss(None)", _("Annuler"))]

    def __init__(self, title: str, about: str) -> None:
        super().__init__()
        self.title_text = title
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="form-title", markup=False)
            yield Static(self.about, classes="dialog-body", markup=False)
            yield OptionList(*self.options())
            yield Static(_("Entrée pour choisir · Échap pour annuler"), classes="dialog-body")

    def options(self) -> list[Option]:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class RepresentativePicker(_Choice):
    """To whom an absent member gave their pouvoir: another invitee of the meeting, those
    present first. A pouvoir is given; a suppléance follows from checking the suppléant(e) in."""

    def __init__(self, absent: Attendee, attendees: list[Attendee]) -> None:
        super().__init__(_("{name} a donné pouvoir à…").format(name=absent.name),
                         _("Choisissez la personne présente qui votera pour elle. Un pouvoir, "
                           "pas une suppléance : un(e) suppléant(e) pointé(e) à la séance "
                           "supplée d’office son ou sa titulaire."))
        self.absent = absent
        others = [a for a in attendees if a.invitee_id != absent.invitee_id]
        self.attendees = [a for a in others if a.present] + [a for a in others if not a.present]

    def options(self) -> list[Option]:
        return [Option(Text(f"{a.name}  ({a.status.label.lower()})"), id=str(a.invitee_id))
                for a in self.attendees]


EXPORTS = (("full", _("PDF complet — la version diffusée")),
           ("easy", _("PDF facile à lire — pour les usagers")),
           ("text", _("Texte (Markdown) — à coller dans un e-mail")),
           ("internal", _("PDF complet avec le passage confidentiel — usage interne")),
           ("messages", _("Messages aux membres — e-mails et lettres à imprimer (diffusé, adopté "
                          "ou signé)")))


class ExportChoice(_Choice):
    def __init__(self) -> None:
        super().__init__(_("Exporter le compte rendu"),
                         _("Le passage confidentiel n’est que dans le PDF à usage interne."))

    def options(self) -> list[Option]:
        return [Option(label, id=key) for key, label in EXPORTS]


FLOOR_CHOICES = (("sides", _("Par côté seulement : usagers, professionnels, autres — sans "
                              "nommer personne")),
                 ("names", _("Avec aussi le nombre de prises de parole de chacun, nommément")))


class FloorChoice(_Choice):
    """Asked when turns were counted: the minutes tell the floor by side; the names only if
    the coordinator chooses them here."""

    def __init__(self) -> None:
        super().__init__(_("Prises de parole dans le compte rendu"),
                         _("Des tours de parole ont été comptés pendant la séance. Le compte "
                           "rendu dit combien par côté, et leur part ; les noms n’y sont que si "
                           "vous le choisissez (fichier « …-parole-nominative »)."))

    def options(self) -> list[Option]:
        return [Option(label, id=key) for key, label in FLOOR_CHOICES]


# ---- documents ---------------------------------------------------------------------------------

