"""A form's field: a label, the input, and the message that explains a refusal."""

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from comite.tui.widgets.person_picker import PersonPicker


class Field(Horizontal):
    """A label on the left; the input widget and the line for its error message on the right.

    Compact widgets keep a whole form within an 80×24 terminal.
    """

    DEFAULT_CSS = """
    Field { height: auto; margin-bottom: 1; }
    Field > .field-label { width: 18; padding-right: 1; }
    Field > .field-input { height: auto; width: 1fr; }
    Field .field-error { color: $error; height: auto; display: none; }
    Field .field-hint { color: $text-muted; height: auto; }
    Field.-invalid .field-error { display: block; }
    Field.-invalid .field-label { color: $error; text-style: bold; }
    """

    def __init__(self, label: str, widget: Widget, *, hint: str = "") -> None:
        super().__init__(id=f"field-{widget.id}")
        self.label = label
        self.widget = widget
        self.hint = hint
        if hasattr(widget, "compact"):
            widget.compact = True
        if isinstance(widget, Input):
            widget.select_on_focus = False  # one key must never replace a whole name

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        with Vertical(classes="field-input"):
            yield self.widget
            if self.hint:
                yield Static(self.hint, classes="field-hint", markup=False)
            yield Static("", classes="field-error", markup=False)

    class Corrected(Message):
        """The coordinator changed a field that showed an error: the form recounts them."""

    def show_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(message or "")

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    @on(PersonPicker.Picked)
    def _changed(self) -> None:
        # An error that stays beside a value already corrected says the form is still wrong:
        # it goes with the first change; the next save judges the field again.
        if self.has_class("-invalid"):
            self.show_error(None)
            self.post_message(self.Corrected())


def value_of(widget: Widget) -> object:
    """What the coordinator has entered in any of the form widgets used here."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, SelectionList):
        return tuple(widget.selected)
    if isinstance(widget, Checkbox):
        return widget.value
    if hasattr(widget, "form_value"):
        return widget.form_value
    raise TypeError(type(widget).__name__)
