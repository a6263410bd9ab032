"""Invite someone from outside the committee (a speaker, a professional) to one meeting."""

from collections.abc import Mapping

from textual.app import ComposeResult

from comite.kernel.i18n import _
from comite.store.meeting_models import Invitee
from comite.tui.dialogs.person_pick import PersonPickForm
from comite.tui.widgets.field import Field
from comite.tui.widgets.person_picker import PersonPicker


class InviteForm(PersonPickForm[Invitee | None]):
    TITLE_TEXT = _("Inviter une personne")

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def fields(self) -> ComposeResult:
        yield Field(_("Personne *"), PersonPicker(id="person_id"),
                    hint=_("Entrée prend la première trouvée, ↓ une autre ; la fiche se crée "
                           "dans Personnes"))

    def submit(self, values: Mapping[str, object]) -> Invitee:
        return self.app.store.meetings.invite(self.meeting_id, self.picked(values))
