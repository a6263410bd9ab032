"""A form that picks a person (`PersonPicker`) and may create the one not found, without
leaving: Ctrl+N (or the picker's button) opens the person form on top; once saved, the new
person is the one picked, and everything typed in this form is still there (it was only
covered). Adding a member and seating someone who walks into the séance both work so."""

from collections.abc import Mapping
from typing import ClassVar

from textual.binding import Binding
from textual.widgets import Input

from comite.kernel.grammar import gendered
from comite.kernel.i18n import _
from comite.store.errors import ValidationError
from comite.store.people_models import Person
from comite.tui.dialogs.form import FormScreen, Result
from comite.tui.widgets.person_picker import PersonPicker, label


class PersonPickForm(FormScreen[Result]):
    BINDINGS: ClassVar = [Binding("ctrl+n", "new_person", _("Nouvelle personne"))]
    # Where the focus goes once the new person is picked: the next thing to fill.
    AFTER_NEW_PERSON: ClassVar[str] = "#save"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Only where a picker may create (a seat being edited has its person already).
        if action == "new_person":
            return any(picker.can_create for picker in self.query(PersonPicker))
        return True

    def on_person_picker_new_wanted(self, event: PersonPicker.NewWanted) -> None:
        event.stop()
        self.action_new_person()

    def action_new_person(self) -> None:
        from comite.tui.dialogs.person_form import PersonForm

        def created(person: Person | None) -> None:
            if person is None:
                return
            self.query_one(PersonPicker).pick(person.id, label(person.full_name, person.email))
            self.query_one(self.AFTER_NEW_PERSON).focus()
            self.notify(gendered(_("{name} est enregistré(e) dans « Personnes »."),
                                 person.gender).format(name=person.full_name))

        searched = self.query_one(PersonPicker).query_one(Input).value.strip()
        self.app.push_screen(PersonForm(typed=searched), created)

    @staticmethod
    def picked(values: Mapping[str, object], field: str = "person_id") -> int:
        """The person chosen in the picker `field`, or its error: nobody is chosen yet."""
        if not values[field]:
            raise ValidationError({field: _("Choisissez la personne dans la liste.")})
        return int(values[field])
