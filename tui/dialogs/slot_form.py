"""Propose a slot (or change one): a date, a time, and a place when it differs."""

import re
from collections.abc import Mapping
from datetime import date, datetime, time

from textual.app import ComposeResult
from textual.widgets import Input

from comite.kernel.i18n import _
from comite.store import validation as check
from comite.store.meeting_models import Meeting, Slot, SlotStatus
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field

_TIME = re.compile(r"^(\d{1,2})\s*(?:[h:.]\s*(\d{2})?)?$", re.IGNORECASE)


def parse_time(field: str, value: str) -> time:
    """18:30, 18h30, 18 h 30, 18h or 18."""
    match = _TIME.match(value.strip())
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise check.FieldError(field, _("Écrivez l’heure ainsi : 18:30 ou 18h30."))


class SlotForm(FormScreen[Slot | None]):
    def __init__(self, meeting: Meeting, slot: Slot | None = None) -> None:
        super().__init__()
        self.meeting = meeting
        self.slot = slot

    def form_title(self) -> str:
        if self.slot and self.slot.status is SlotStatus.CHOSEN:
            return _("Déplacer la réunion")
        return _("Modifier le créneau") if self.slot else _("Proposer un créneau")

    def fields(self) -> ComposeResult:
        s = self.slot
        yield Field(_("Date *"), Input(s.starts_at.strftime("%d/%m/%Y") if s else "", id="date",
                                       placeholder="JJ/MM/AAAA"))
        yield Field(_("Heure *"), Input(s.starts_at.strftime("%H:%M") if s else "", id="start",
                                        placeholder=_("ex. 18:30")),
                    hint=_("durée : {n} minutes").format(n=self.meeting.duration_minutes))
        # A slot with no place of its own uses the meeting's: the field stays empty and says
        # so, and an empty field keeps that place (it never erases it).
        moving = s is not None and s.status is SlotStatus.CHOSEN
        yield Field(_("Lieu"), Input(s.place if s else "", id="place", placeholder=(
            _("lieu de la réunion : {place}").format(place=self.meeting.place)
            if self.meeting.place else _("lieu de la réunion : pas encore fixé"))),
            hint=_("vide : la réunion garde son lieu") if moving
            else _("vide : le lieu de la réunion"))

    def submit(self, values: Mapping[str, object]) -> Slot:
        def day() -> date:
            found = check.parse_date("date", str(values["date"]))
            if found is None:
                raise check.FieldError("date", _("La date est obligatoire (JJ/MM/AAAA)."))
            return found

        when, hour = check.collect(day, lambda: parse_time("start", str(values["start"])))
        local = datetime.combine(when, hour)
        service = self.app.store.meetings
        place = str(values["place"]).strip()
        if self.slot and self.slot.status is SlotStatus.CHOSEN:
            # Moving a convened meeting: everyone gets the new time, and answers again. An
            # empty place is "keep the meeting's place" (None), never "erase it".
            service.reschedule(self.meeting.id, local, place or None)
            return service.slot(self.slot.id)
        if self.slot:
            return service.update_slot(self.slot.id, local, place)
        return service.add_slot(self.meeting.id, local, place)
