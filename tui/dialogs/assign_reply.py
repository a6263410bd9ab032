"""Which invitee a reply that named nobody known belongs to."""

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Select

from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.store.errors import ValidationError
from comite.store.meeting_models import PARTSTAT_ANSWERS, PendingReply
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class AssignReply(FormScreen[bool | None]):
    """Whose answer is it? The coordinator recognised the sender (a second address…)."""

    def __init__(self, reply: PendingReply) -> None:
        super().__init__()
        self.reply = reply

    def form_title(self) -> str:
        return _("Réponse {of_address}").format(of_address=de(self.reply.attendee))

    def fields(self) -> ComposeResult:
        detail = self.app.store.meetings.detail(self.reply.meeting_id)
        said = PARTSTAT_ANSWERS[self.reply.partstat].label + (
            f" — « {self.reply.comment} »" if self.reply.comment else "")
        yield Field(_("C’est *"), Select([(Text(i.name), i.id) for i in detail.invitees],
                                         id="invitee_id", prompt=_("Choisir la personne…")),
                    hint=_("Sa réponse : {said}").format(said=said))

    def submit(self, values: Mapping[str, object]) -> bool:
        if values.get("invitee_id") is None:
            raise ValidationError({"invitee_id": _("Choisissez la personne invitée qui a répondu.")})
        self.app.store.meetings.accept_pending(self.reply.id, int(values["invitee_id"]))
        return True
