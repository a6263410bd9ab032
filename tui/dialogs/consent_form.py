"""Record a consent: the exact text to read to the person (or have them read) comes first, with
its version; then when and how they agreed. What is recorded is that very text, that version."""

from collections.abc import Mapping
from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.errors import ValidationError
from comite.store.people_models import Person
from comite.store.privacy_models import Consent, ConsentMethod, Purpose
from comite.tui import wording
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class ConsentForm(FormScreen[Consent | None]):
    DEFAULT_CSS = """
    ConsentForm #consent-text { border: round $accent; padding: 0 1; margin-bottom: 1;
                                height: auto; }
    ConsentForm #consent-version { color: $text-muted; }
    """

    def __init__(self, person: Person, purpose: Purpose | str, today: date) -> None:
        super().__init__()
        self.person = person
        self.purpose = Purpose(purpose)
        self.today = today

    def form_title(self) -> str:
        return _("Noter un accord — {name}").format(name=self.person.full_name)

    def fields(self) -> ComposeResult:
        yield Field(_("Accord pour *"), Select([(p.label, p.value) for p in Purpose],
                                               id="purpose", allow_blank=False,
                                               value=self.purpose.value))
        yield Static(id="consent-version", markup=False)
        yield Static(id="consent-text", markup=False)
        yield Field(_("Donné le *"), Input(wording.day(self.today), id="given_on",
                                           placeholder="JJ/MM/AAAA"))
        yield Field(_("Manière *"), Select([(m.label, m.value) for m in ConsentMethod],
                                           id="method", prompt=_("Choisir…")),
                    hint=_("sur papier (gardez-le), à l’oral (texte lu) ou par e-mail"))

    def on_mount(self) -> None:
        self._show_text(self.purpose)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "purpose" and event.value is not Select.NULL:
            self._show_text(Purpose(str(event.value)))

    def _show_text(self, purpose: Purpose) -> None:
        shown = self.app.store.consents.text(purpose)
        self.query_one("#consent-version", Static).update(
            _("Texte à lui lire ou à lui faire lire (version {version}) :").format(
                version=shown.version))
        self.query_one("#consent-text", Static).update(shown.text)

    def submit(self, values: Mapping[str, object]) -> Consent:
        errors: dict[str, str] = {}
        given_on = None
        try:
            given_on = check.parse_date("given_on", str(values["given_on"]))
            if given_on is None:
                errors["given_on"] = _("Quel jour a-t-elle donné son accord ?")
            elif given_on > self.today:
                errors["given_on"] = _("Ce jour est à venir : un accord se note quand il est "
                                       "donné.")
        except check.FieldError as error:
            errors[error.field] = error.message
        if values["method"] is None:
            errors["method"] = _("Comment a-t-elle donné son accord ?")
        if errors:
            raise ValidationError(errors)
        return self.app.store.consents.give(self.person.id, str(values["purpose"]),
                                            str(values["method"]), given_on, self.today)
