"""The form modal every form is: its fields (`comite.tui.widgets.field`), its buttons, the
errors shown beside their fields, and nothing typed lost on the way out."""

from collections.abc import Mapping
from typing import ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from comite.kernel.i18n import _
from comite.kernel.plural import plural
from comite.store.errors import Refused, ValidationError
from comite.tui.dialogs.window import Window
from comite.tui.widgets.field import Field, value_of

Result = TypeVar("Result")


class FormScreen(Window[Result]):
    """A modal form: Ctrl+S saves, Échap cancels (asking first if something was typed).

    Errors appear beside their field and what was typed stays; nothing is saved until the
    store accepts the whole form.
    """

    CSS_PATH = "dialogs.tcss"

    TITLE_TEXT: ClassVar[str] = ""
    # Refusals no field can show, kept while the fields are corrected one by one.
    _unplaced: str = ""
    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", _("Enregistrer")),
        Binding("escape", "cancel", _("Annuler")),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Label(self.form_title(), classes="form-title", markup=False)
            with VerticalScroll(classes="form-body", can_focus=False):
                yield from self.fields()
            yield Static("", classes="form-error", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button(_("Enregistrer (Ctrl+S)"), variant="primary", id="save")
                yield Button(_("Annuler (Échap)"), id="cancel")

    def form_title(self) -> str:
        return self.TITLE_TEXT

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def submit(self, values: Mapping[str, object]) -> Result:
        """Ask the store; raise ValidationError or Refused to keep the form open."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self._initial = self.values()
        # Start at the first required field still empty: a prefilled structure needs no visit.
        fields = list(self.query(Field))
        empty = [f for f in fields if f.label.endswith("*")
                 and self._initial.get(f.widget.id) in ("", None, ())]
        (empty or fields)[0].widget.focus()

    def values(self) -> dict[str, object]:
        return {field.widget.id: value_of(field.widget) for field in self.query(Field)}

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "cancel":
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        for field in self.query(Field):
            field.show_error(None)
        self._unplaced = ""
        self.query_one(".form-error", Static).update("")
        try:
            result = self.submit(self.values())
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        except Refused as error:
            self.query_one(".form-error", Static).update(error.message)
            self.app.bell()
            return
        self.accepted(result)

    def accepted(self, result: Result) -> None:
        """The store took the form: close it with `result` (a form may ask something first)."""
        self.dismiss(result)

    def show_errors(self, errors: Mapping[str, str]) -> None:
        fields = [(self.query(f"#field-{name}"), message) for name, message in errors.items()]
        shown = [(found.first(Field), message) for found, message in fields if found]
        for field, message in shown:
            field.show_error(message)
        self._unplaced = " ".join(message for found, message in fields if not found)
        self._say_flagged()
        if shown:
            shown[0][0].widget.focus()
            shown[0][0].scroll_visible()
        self.app.bell()

    def on_field_corrected(self) -> None:
        self._say_flagged()

    def _say_flagged(self) -> None:
        """The line above the buttons: what no field could show, else how many fields still
        wait for a correction (none left: nothing to say until the next save)."""
        flagged = sum(1 for field in self.query(Field) if field.has_class("-invalid"))
        said = self._unplaced
        if not said and flagged:
            said = plural(flagged, _("Rien n’a été enregistré : corrigez le champ signalé."),
                          _("Rien n’a été enregistré : corrigez les {n} champs signalés.")
                          ).format(n=flagged)
        self.query_one(".form-error", Static).update(said)

    def has_changes(self) -> bool:
        return self.values() != self._initial

    def action_cancel(self) -> None:
        if not self.has_changes():
            self.dismiss(None)
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        ConfirmScreen.ask(self.app, _("Abandonner la saisie ?"),
                          [_("Ce que vous avez tapé dans ce formulaire sera perdu.")],
                          confirm=_("Abandonner"), cancel=_("Continuer la saisie"),
                          then=lambda: self.dismiss(None))

