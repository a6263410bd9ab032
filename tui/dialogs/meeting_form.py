"""Create or edit a meeting: committee, title, place, address and way in, video link and
dial-in, duration, zone, quorum, the date to answer by, and the message to the invitees."""

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from comite.kernel.i18n import _
from comite.store import MeetingInput
from comite.store.errors import ValidationError
from comite.store.meeting_models import Meeting, MeetingStatus
from comite.tui import wording
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class MeetingForm(FormScreen[Meeting | None]):
    def __init__(self, meeting: Meeting | None = None, committee_id: int | None = None) -> None:
        super().__init__()
        self.meeting = meeting
        self.committee_id = meeting.committee_id if meeting else committee_id

    def form_title(self) -> str:
        return _("Modifier la réunion") if self.meeting else _("Nouvelle réunion")

    def fields(self) -> ComposeResult:
        m = self.meeting
        if m is None:
            committees = [s.committee for s in self.app.store.committees.all()]
            default = self.committee_id or (committees[0].id if len(committees) == 1 else None)
            yield Field(_("Comité *"), Select([(Text(c.name), c.id) for c in committees],
                                              id="committee_id", prompt=_("Choisir…"),
                                              value=default or Select.NULL))
        yield Field(_("Titre *"), Input(m.title if m else "", id="title",
                                        placeholder=_("ex. Comité des usagers de mars")))
        sent = m is not None and m.status in (MeetingStatus.POLL, MeetingStatus.CONVENED)
        yield Field(_("Lieu"), Input(m.place if m else "", id="place",
                                     placeholder=_("ex. Salle de réunion de la MSP")),
                    hint=_("un nouveau lieu ou une autre durée : l’invitation sera à renvoyer à "
                           "tous (« g » sur la réunion)")
                    if sent else "")
        yield Field(_("Adresse"), TextArea(m.address if m else "", id="address"),
                    hint=_("rue, code postal et commune, si ce n’est pas celle de la structure"))
        yield Field(_("Accès"), TextArea(m.access_notes if m else "", id="access_notes"),
                    hint=_("étage, bus, parking, accès en fauteuil ; vide : ceux de la structure"))
        yield Field(_("Lien de visio"), Input(m.video_url if m else "", id="video_url",
                                              placeholder=_("ex. https://visio.example.org/comite")))
        yield Field(_("Numéro pour suivre par téléphone"),
                    Input(m.dial_in if m else "", id="dial_in",
                          placeholder=_("ex. 01 86 99 00 00 ; 123456#")),
                    hint=_("à côté du lien de visio : sur papier, il remplace le lien"))
        yield Field(_("Durée (minutes)"), Input(str(m.duration_minutes) if m else "120",
                                                id="duration_minutes"))
        yield Field(_("Fuseau horaire"), Input(m.timezone if m else self.app.settings.timezone,
                                               id="timezone"))
        yield Field(_("Répondre avant le"), Input(wording.day(m.reply_by) if m else "",
                                                  id="reply_by", placeholder="JJ/MM/AAAA"),
                    hint=_("vide : une semaine avant la première date, fixée à l’ouverture du "
                           "sondage"))
        yield Field(_("Quorum (sièges)"), Input("" if m is None or m.quorum is None else str(m.quorum),
                                                id="quorum"),
                    hint=_("vide : plus de la moitié des sièges"))
        yield Field(_("Message aux invités (l’ordre du jour se prépare à part : touche a)"),
                    TextArea(m.description if m else "", id="description"))

    def submit(self, values: Mapping[str, object]) -> Meeting:
        data = MeetingInput(
            title=str(values["title"]), place=str(values["place"]),
            video_url=str(values["video_url"]), duration_minutes=str(values["duration_minutes"]),
            timezone=str(values["timezone"]), description=str(values["description"]),
            quorum=str(values["quorum"]), reply_by=str(values["reply_by"]),
            address=str(values["address"]), access_notes=str(values["access_notes"]),
            dial_in=str(values["dial_in"]),
        )
        service = self.app.store.meetings
        if self.meeting:
            return service.update(self.meeting.id, data)
        if values.get("committee_id") is None:
            raise ValidationError({"committee_id": _("Choisissez le comité qui se réunit.")})
        return service.create(int(values["committee_id"]), data)
