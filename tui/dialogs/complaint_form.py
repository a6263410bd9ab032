"""Add or edit a case of a CDU's complaints register: the establishment's file reference, never
a name (the store refuses one on its field: a person of the base, « M. Dupont », an e-mail, a
phone); when and how it came, its theme and service, its mediation and answer, what came of it,
and the CDU meeting that examines it."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from comite.kernel.i18n import _
from comite.store.complaint_models import (
    Channel,
    Complaint,
    ComplaintKind,
    Mediation,
    Outcome,
    Theme,
)
from comite.store.complaints import ComplaintInput
from comite.store.meeting_models import MeetingStatus
from comite.tui import wording
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class ComplaintForm(FormScreen[Complaint | None]):
    def __init__(self, committee_id: int, complaint: Complaint | None = None) -> None:
        super().__init__()
        self.committee_id = committee_id
        self.complaint = complaint

    def form_title(self) -> str:
        if self.complaint:
            return _("Dossier {reference}").format(reference=self.complaint.reference)
        return _("Nouvelle plainte ou réclamation")

    def fields(self) -> ComposeResult:
        c = self.complaint
        yield Field(_("Référence *"), Input(c.reference if c else "", id="reference",
                                            placeholder=_("ex. REC-2026-014")),
                    hint=_("celle du dossier de l’établissement ; aucun nom de patient"))
        yield Field(_("Nature"), _select(ComplaintKind, "kind", c.kind if c else None))
        yield Field(_("Reçue le *"), _date("received_on", c.received_on if c else None))
        yield Field(_("Canal"), _select(Channel, "channel", c.channel if c else None))
        yield Field(_("Thème"), _select(Theme, "theme", c.theme if c else Theme.OTHER))
        yield Field(_("Service"), Input(c.service if c else "", id="service",
                                        placeholder=_("ex. Urgences")))
        yield Field(_("Accusé de récep."), _date("acknowledged_on",
                                                 c.acknowledged_on if c else None))
        yield Field(_("Réponse le"), _date("answered_on", c.answered_on if c else None))
        yield Field(_("Médiation"), _select(Mediation, "mediation", c.mediation if c else None))
        yield Field(_("Médiateur saisi"), _date("referred_on", c.referred_on if c else None),
                    hint=_("rencontre dans les 8 jours (R. 1112-93)"))
        yield Field(_("Rencontre le"), _date("mediation_on", c.mediation_on if c else None),
                    hint=_("compte rendu dans les 8 jours (R. 1112-94)"))
        yield Field(_("Compte rendu le"), _date("mediation_report_on",
                                                c.mediation_report_on if c else None))
        yield Field(_("Suite donnée"), _select(Outcome, "outcome", c.outcome if c else None))
        yield Field(_("Examinée à"), Select(
            self._meetings(), id="examined_in_meeting_id", allow_blank=True,
            prompt=_("pas encore mise à l’ordre du jour"),
            value=c.examined_in_meeting_id if c and c.examined_in_meeting_id else Select.NULL),
            hint=_("la réunion de la commission qui l’examine"))
        yield Field(_("Résumé"), TextArea(c.summary if c else "", id="summary"),
                    hint=_("les faits, sans aucun nom, e-mail ni téléphone"))

    def _meetings(self) -> list[tuple[str, int]]:
        meetings = self.app.store.meetings.all(self.committee_id)
        options = [(_meeting_label(m), m.id) for m in meetings
                   if m.status is not MeetingStatus.CANCELLED]
        chosen = self.complaint.examined_in_meeting_id if self.complaint else None
        if chosen and all(value != chosen for _label, value in options):
            options += [(_meeting_label(m), m.id) for m in meetings if m.id == chosen]
        return options

    def submit(self, values: Mapping[str, object]) -> Complaint:
        meeting = values["examined_in_meeting_id"]
        complaint = ComplaintInput(
            reference=str(values["reference"]), received_on=str(values["received_on"]),
            channel=str(values["channel"]), theme=str(values["theme"]), kind=str(values["kind"]),
            service=str(values["service"]), mediation=str(values["mediation"]),
            referred_on=str(values["referred_on"]), mediation_on=str(values["mediation_on"]),
            mediation_report_on=str(values["mediation_report_on"]),
            acknowledged_on=str(values["acknowledged_on"]),
            answered_on=str(values["answered_on"]), outcome=str(values["outcome"]),
            summary=str(values["summary"]),
            examined_in_meeting_id=int(meeting) if meeting is not None else None)
        service = self.app.store.complaints
        if self.complaint is None:
            return service.add(self.committee_id, complaint, self.app.today)
        return service.update(self.complaint.id, complaint, self.app.today)


def _select(vocabulary: type, field: str, value: object) -> Select:
    members = list(vocabulary)
    return Select(vocabulary.choices(), id=field, allow_blank=False,
                  value=(value or members[0]).value)


def _date(field: str, value: object) -> Input:
    return Input(wording.day(value), id=field, placeholder="JJ/MM/AAAA")


def _meeting_label(meeting: object) -> str:
    day = wording.day(meeting.starts_at.date()) if meeting.starts_at else _("date à fixer")
    return f"{day} — {meeting.title}"
