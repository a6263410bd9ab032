"""What a later meeting decides about a carried conclusion: close it (faite / abandonnée, with a
word why), or give it to someone else (a person, or a service named in words), or a new due
date. The conclusion itself changes."""

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from comite.kernel.i18n import _
from comite.store.minutes_models import COMMITTEE_OWNER, Conclusion, ConclusionStatus
from comite.tui import wording
from comite.tui.dialogs.conclusion_form import owner_text_field
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field

# A Select cannot hold None: the committee as a whole is 0 in the list.
COMMITTEE = 0


def _about(conclusion: Conclusion) -> Static:
    opened = wording.day(conclusion.meeting_date.date()) if conclusion.meeting_date else ""
    lines = [f"« {conclusion.text} »",
             _("Ouverte le {date} ({meeting}) · {owner}").format(
                 date=opened or _("?"), meeting=conclusion.meeting_title,
                 owner=conclusion.owner_name)]
    return Static("\n".join(lines), classes="dialog-body", markup=False)


class CloseConclusionForm(FormScreen[Conclusion | None]):
    """Faite or abandonnée: the store wants a word why, kept in the minutes."""

    def __init__(self, conclusion: Conclusion, status: ConclusionStatus, meeting_id: int) -> None:
        super().__init__()
        self.conclusion = conclusion
        self.status = status
        self.meeting_id = meeting_id

    def form_title(self) -> str:
        if self.status is ConclusionStatus.DONE:
            return _("Conclusion faite")
        return _("Conclusion abandonnée")

    def fields(self) -> ComposeResult:
        yield _about(self.conclusion)
        yield Field(_("Pourquoi *"), Input("", id="reason", placeholder=(
            _("ex. panneau posé en octobre") if self.status is ConclusionStatus.DONE
            else _("ex. plus d’actualité, remplacée par…"))),
            hint=_("un mot, repris au compte rendu"))

    def submit(self, values: Mapping[str, object]) -> Conclusion:
        return self.app.store.conclusions.close(self.conclusion.id, self.status,
                                                str(values["reason"]), in_meeting_id=self.meeting_id)


class FollowUpForm(FormScreen[Conclusion | None]):
    """Reassign or re-date a conclusion carried to this meeting."""

    def __init__(self, conclusion: Conclusion, meeting_id: int) -> None:
        super().__init__()
        self.conclusion = conclusion
        self.meeting_id = meeting_id

    def form_title(self) -> str:
        return _("Suite donnée à la conclusion")

    def fields(self) -> ComposeResult:
        c = self.conclusion
        owners = self.app.store.conclusions.owners(self.meeting_id)
        if c.owner_id is not None and all(person != c.owner_id for person, _name in owners):
            owners.append((c.owner_id, c.owner_name))  # no longer on the committee: still theirs
        choices = [(Text(_(COMMITTEE_OWNER)), COMMITTEE)] + [(Text(name), person)
                                                             for person, name in owners]
        yield _about(c)
        yield Field(_("Responsable *"), Select(choices, id="owner_id", allow_blank=False,
                                               value=c.owner_id or COMMITTEE))
        yield owner_text_field(c.owner_text)
        yield Field(_("Échéance"), Input(wording.day(c.due_on), id="due_on", placeholder="JJ/MM/AAAA"),
                    hint=_("vide : sans échéance"))

    def submit(self, values: Mapping[str, object]) -> Conclusion:
        owner = values["owner_id"]
        return self.app.store.conclusions.follow_up(
            self.conclusion.id, int(owner) if owner else None, str(values["due_on"]),
            in_meeting_id=self.meeting_id, owner_text=str(values["owner_text"]))
