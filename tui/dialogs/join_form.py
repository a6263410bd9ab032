"""Someone walks into the séance who was not invited (the coordinator, a doctor, the director):
found by name, or their record created on the spot (Ctrl+N), then seated at the table as a
guest and checked in now. Someone already invited is just checked in."""

from collections.abc import Mapping

from textual.app import ComposeResult

from comite.kernel.grammar import gendered
from comite.kernel.i18n import _
from comite.store.errors import ValidationError
from comite.tui.dialogs.person_pick import PersonPickForm
from comite.tui.widgets.field import Field
from comite.tui.widgets.person_picker import PersonPicker


class JoinForm(PersonPickForm[int | None]):
    """Returns the invitee id of the person now at the table."""

    TITLE_TEXT = _("Quelqu’un arrive")

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def fields(self) -> ComposeResult:
        yield Field(_("Personne *"), PersonPicker(id="person_id", can_create=True),
                    hint=_("Entrée prend la première trouvée, ↓ une autre ; absente : Ctrl+N crée "
                           "sa fiche. Son côté (U, P, A) vient de ses rôles."))

    def submit(self, values: Mapping[str, object]) -> int:
        person_id = self.picked(values)
        attendees, _quorum = self.app.store.minutes.attendance(self.meeting_id)
        here = next((a for a in attendees if a.person_id == person_id
                     and a.present and a.left_at is None), None)
        if here is not None:  # checked in again, their arrival time would be lost
            raise ValidationError({"person_id": gendered(_(
                "{name} est déjà noté(e) dans la salle."), here.gender).format(name=here.name)})
        return self.app.store.sitting.join(self.meeting_id, person_id)
