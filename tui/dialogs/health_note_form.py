"""Write the health/experience note: a few words on what makes the person a patient partner.
Opened only with an active « Informations de santé » consent; the store refuses it otherwise."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import TextArea

from comite.kernel.i18n import _
from comite.store.people_models import Person
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class HealthNoteForm(FormScreen[str | None]):
    """Dismissed with "saved", "erased" (emptied), or None when cancelled."""

    def __init__(self, person: Person, text: str) -> None:
        super().__init__()
        self.person = person
        self.text = text

    def form_title(self) -> str:
        return _("Note de santé — {name}").format(name=self.person.full_name)

    def fields(self) -> ComposeResult:
        yield Field(_("Note"), TextArea(self.text, id="health_note"),
                    hint=_("Quelques mots sur l’expérience qui fonde sa participation (sa maladie, "
                           "celle d’un proche). Visible seulement sur demande, chaque lecture "
                           "journalisée ; jamais dans un export sans sa demande. Vide : la note "
                           "est effacée."))

    def submit(self, values: Mapping[str, object]) -> str:
        text = str(values["health_note"])
        self.app.store.consents.set_health_note(self.person.id, text)
        return "saved" if text.strip() else "erased"
