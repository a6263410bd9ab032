"""Find a person by typing part of their name (FTS5), then pick them: Enter takes the first one
found (once the search has answered), ↓ goes down the list to choose another; or, when the form
allows it, ask to create the one not found (the form opens the person form), or take the one
picked off (Suppr in the empty search field). The list of results is no Tab stop while empty."""

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from comite.kernel.i18n import _
from comite.store.people_models import PersonRow
from comite.tui.latest import LatestOnly
from comite.tui.widgets.lists import ChoiceList


class PersonPicker(Vertical):
    DEFAULT_CSS = """
    PersonPicker { height: auto; }
    PersonPicker > OptionList { height: auto; max-height: 6; }
    PersonPicker > .picked { color: $success; }
    """

    class Picked(Message):
        """The person chosen changed (someone, or nobody): the field's error may go."""

    class NewWanted(Message):
        """The person is not in the base yet: the form decides how to create them."""

    def __init__(self, id: str, *, can_create: bool = False, can_clear: bool = False,
                 picked: tuple[int, str] | None = None) -> None:
        """`picked`: the person chosen already (their id, and how they read)."""
        super().__init__(id=id)
        self.form_value: int | None = picked[0] if picked else None
        self._shown = picked[1] if picked else ""
        self.can_create = can_create
        self.can_clear = can_clear
        self._answered = ""  # the search whose results the list shows
        self._first_wanted = False  # Enter in the search: take the first one once shown

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("Tapez quelques lettres du nom…"), id=f"{self.id}-search",
                    compact=True)
        yield ChoiceList(id=f"{self.id}-results")
        yield Static(_picked(self._shown) if self.form_value else "", classes="picked",
                     markup=False)
        if self.can_create:
            new = Button(_("+ Nouvelle personne (Ctrl+N)"), id=f"{self.id}-new", compact=True)
            # For the mouse: out of the Tab order, so Enter on a picked name goes on to the
            # next field, never into a new person (the keyboard has Ctrl+N).
            new.can_focus = False
            yield new

    def focus(self, scroll_visible: bool = True) -> "PersonPicker":
        self.query_one(Input).focus(scroll_visible)
        return self

    @on(Input.Changed)
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        self._load(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self._focus_after()  # nothing searched: on to the next field, as in any form
            return
        self._first_wanted = True
        self._first_if_answered()

    def _first_if_answered(self) -> None:
        if not self._first_wanted or self._answered != self.query_one(Input).value:
            return
        self._first_wanted = False
        results = self.query_one(ChoiceList)
        if not results.option_count:
            self.app.bell()
            self.notify(_("Personne ne correspond à « {text} ».").format(text=self._answered.strip())
                        + (_(" Ctrl+N pour l’enregistrer.") if self.can_create else ""),
                        severity="warning")
            return
        first = results.get_option_at_index(0)
        results.highlighted = 0
        self.pick(int(first.id or 0) or None, str(first.prompt))
        self._focus_after()

    def _focus_after(self) -> None:
        """The focus on what follows the picker in the form (the next field, or Enregistrer)."""
        chain = self.screen.focus_chain
        inside = [index for index, widget in enumerate(chain) if self in widget.ancestors_with_self]
        if inside and inside[-1] + 1 < len(chain):
            chain[inside[-1] + 1].focus()

    def on_key(self, event: events.Key) -> None:
        search = self.screen.focused
        if event.key == "down" and isinstance(search, Input):
            event.stop()
            self._to_results()
        elif (event.key == "delete" and self.can_clear and self.form_value is not None
              and isinstance(search, Input) and not search.value):
            event.stop()
            self.pick(None, "")

    def _to_results(self) -> None:
        results = self.query_one(ChoiceList)
        if results.option_count:
            results.highlighted = results.highlighted or 0
            results.focus()

    def on_mount(self) -> None:
        self._searches = LatestOnly("person-picker")

    def on_unmount(self) -> None:
        self._searches.close()

    def _load(self, text: str) -> None:
        app = self.app

        def search() -> None:
            rows = app.store.people.page(text, limit=20).rows if text.strip() else ()
            app.call_from_thread(self._show, text, rows)

        self._searches.submit(search)

    def _show(self, text: str, rows: tuple[PersonRow, ...]) -> None:
        if text != self.query_one(Input).value:
            return
        results = self.query_one(ChoiceList)
        results.clear_options()
        results.add_options(
            Option(Text(label(r.full_name, r.email)), id=str(r.id)) for r in rows)
        self._answered = text
        self._first_if_answered()

    @on(Button.Pressed)
    def _new(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.NewWanted())

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick(int(event.option.id or 0) or None, str(event.option.prompt))
        self._focus_after()

    def pick(self, person_id: int | None, shown: str) -> None:
        """`person_id` is the one chosen, `shown` as it reads (a name, and an e-mail if any);
        None for nobody."""
        self.form_value = person_id
        self.query_one(".picked", Static).update(_picked(shown) if person_id else "")
        self.post_message(self.Picked())


def label(full_name: str, email: str) -> str:
    """How a person reads in the list and once picked."""
    return f"{full_name}  {email}".strip()


def _picked(shown: str) -> str:
    return "✓ " + shown
