"""The forms of the actions register (ACI « implication des usagers »): an action — title, type,
level and degree proposed by its type until the coordinator chooses, dates, the users and
professionals who came without a record in the base, a note —; a person of the base who took
part (counted on the side their roles give); and a piece of evidence attached to an action (a
PDF, PNG or JPEG checked by its content and copied beside the database, Ctrl+O to look for it),
with its date and label."""

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Select, Static

from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.store.errors import Refused, ValidationError
from comite.store.involvement import ActionInput
from comite.store.involvement_models import LEVELS, Action, ActionKind, Evidence, level_label
from comite.store.minutes_models import Participation
from comite.tui import wording
from comite.tui.dialogs.form import FormScreen
from comite.tui.dialogs.person_pick import PersonPickForm
from comite.tui.widgets.field import Field
from comite.tui.widgets.path_input import PathInput
from comite.tui.widgets.person_picker import PersonPicker
from comite.tui.workers import run_in_thread

EVIDENCE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")


class InvolvementForm(FormScreen[Action | None]):
    """A new action of the structure (`action` None), or an action as recorded: every value
    not changed is saved as it was."""

    def __init__(self, structure_id: int, action: Action | None = None,
                 today: date | None = None) -> None:
        super().__init__()
        self.structure_id = structure_id
        self.action = action
        self.today = today
        self._kind = action.kind if action else ActionKind.SATISFACTION_SURVEY

    def form_title(self) -> str:
        return _("Modifier l’action") if self.action else _("Nouvelle action d’implication")

    def fields(self) -> ComposeResult:
        a = self.action
        kind = self._kind
        yield Field(_("Intitulé *"), Input(a.title if a else "", id="title",
                                           placeholder=_("ex. Questionnaire de satisfaction 2026")))
        yield Field(_("Type"), Select(ActionKind.choices(), id="kind", allow_blank=False,
                                      value=kind.value),
                    hint=_("le niveau et le degré se proposent selon le type"))
        yield Field(_("Niveau ACI"), Select([(level_label(level), str(level)) for level in LEVELS],
                                            id="aci_level", allow_blank=False,
                                            value=str(a.aci_level if a else kind.level)))
        yield Field(_("Participation"), Select(
            Participation.choices(), id="participation", allow_blank=False,
            value=(a.participation if a else kind.participation).value),
            hint=_("degré de participation des usagers"))
        yield Field(_("Début *"), Input(wording.day(a.started_on if a else self.today),
                                        id="started_on", placeholder="JJ/MM/AAAA"))
        yield Field(_("Fin"), Input(wording.day(a.ended_on) if a else "", id="ended_on",
                                    placeholder="JJ/MM/AAAA"), hint=_("vide : un seul jour"))
        yield Field(_("Autres usagers"), Input(str(a.other_users) if a else "0", id="other_users"),
                    hint=_("venus sans fiche dans la base (ex. réponses au questionnaire)"))
        yield Field(_("Autres pros"), Input(str(a.other_professionals) if a else "0",
                                            id="other_professionals"),
                    hint=_("professionnels venus sans fiche dans la base"))
        yield Field(_("Note"), Input(a.note if a else "", id="note",
                                     placeholder=_("facultatif : ce qui a été fait, ce qui en est "
                                                   "sorti")))

    def on_select_changed(self, event: Select.Changed) -> None:
        """Another type proposes its level and degree, unless the coordinator chose others."""
        if event.select.id != "kind" or event.value == self._kind.value:
            return
        before, self._kind = self._kind, ActionKind(str(event.value))
        level = self.query_one("#aci_level", Select)
        degree = self.query_one("#participation", Select)
        if level.value == str(before.level) and degree.value == before.participation.value:
            level.value = str(self._kind.level)
            degree.value = self._kind.participation.value

    def submit(self, values: Mapping[str, object]) -> Action:
        action = ActionInput(
            title=str(values["title"]), kind=str(values["kind"]),
            started_on=str(values["started_on"]), ended_on=str(values["ended_on"]),
            aci_level=str(values["aci_level"]), participation=str(values["participation"]),
            other_users=str(values["other_users"]),
            other_professionals=str(values["other_professionals"]), note=str(values["note"]))
        service = self.app.store.involvement
        if self.action is None:
            return service.create(self.structure_id, action)
        return service.update(self.action.id, action)


class ParticipantForm(PersonPickForm[Action | None]):
    """Someone of the base who took part in the action (a new one may be created, Ctrl+N)."""

    def __init__(self, action: Action) -> None:
        super().__init__()
        self.action = action

    def form_title(self) -> str:
        return _("Qui a participé : {title}").format(title=self.action.title)

    def fields(self) -> ComposeResult:
        yield Field(_("Personne *"), PersonPicker(id="person_id", can_create=True),
                    hint=_("compté(e) du côté des usagers ou des professionnels selon ses "
                           "rôles ; Ctrl+N pour une nouvelle fiche"))

    def submit(self, values: Mapping[str, object]) -> Action:
        return self.app.store.involvement.add_participant(self.action.id, self.picked(values))


class TakeOffForm(FormScreen[Action | None]):
    """Take a participant or a piece of evidence off the action (the evidence's copy beside
    the database goes with its row)."""

    def __init__(self, action: Action) -> None:
        super().__init__()
        self.action = action

    def form_title(self) -> str:
        return _("Retirer de : {title}").format(title=self.action.title)

    def fields(self) -> ComposeResult:
        yield Field(_("Retirer *"), Select(_what_may_go(self.action), id="what", allow_blank=False),
                    hint=_("une preuve retirée est effacée du dossier des données"))

    def submit(self, values: Mapping[str, object]) -> Action:
        kind, _sep, number = str(values["what"]).partition(":")
        if kind == "participant":
            return self.app.store.involvement.remove_participant(self.action.id, int(number))
        from comite.usecases.involvement import remove_evidence

        remove_evidence(self.app.store, int(number))
        return self.app.store.involvement.get(self.action.id)


def _what_may_go(action: Action) -> list[tuple[str, str]]:
    return ([(_("Participant(e) : {name}").format(name=p.name), f"participant:{p.person_id}")
             for p in action.participants]
            + [(_("Preuve du {day} : {label}").format(day=wording.day(e.dated_on),
                                                       label=e.label or Path(e.path).name),
                f"evidence:{e.id}") for e in action.evidence])


class EvidenceForm(FormScreen[Evidence | None]):
    """A file attached to an action as its evidence: checked and copied in a thread; the form
    stays open, what was typed with it, until it is accepted or refused."""

    BINDINGS: ClassVar = [*FormScreen.BINDINGS,
                          Binding("ctrl+o", "browse", _("Choisir le fichier"), show=False)]

    def __init__(self, action: Action, today: date) -> None:
        super().__init__()
        self.action = action
        self.today = today
        self._copying = False

    def form_title(self) -> str:
        return _("Joindre une preuve : {title}").format(title=self.action.title)

    def fields(self) -> ComposeResult:
        yield Field(_("Fichier *"),
                    PathInput(_("Choisir la preuve (PDF, PNG ou JPEG)"), Path.home(), id="source",
                              suffixes=EVIDENCE_SUFFIXES,
                              placeholder=_("Chemin du PDF ou de l’image")),
                    hint=_("PDF, PNG ou JPEG (20 Mo au plus), copié dans les données ; Ctrl+O "
                           "pour le chercher"))
        yield Field(_("Daté du *"), Input(wording.day(self.today), id="dated_on",
                                          placeholder="JJ/MM/AAAA"),
                    hint=_("le jour du document (synthèse, photo, compte rendu)"))
        yield Field(_("Libellé"), Input("", id="label",
                                        placeholder=_("ex. Synthèse des réponses")))

    def action_browse(self) -> None:
        self.query_one(PathInput).browse()

    def action_save(self) -> None:
        if self._copying:
            return
        values = self.values()
        for field in self.query(Field):
            field.show_error(None)
        source = str(values["source"]).strip()
        if not source:
            self.show_errors({"source": _("Indiquez le fichier de la preuve.")})
            return
        self.query_one(".form-error", Static).update(_("Copie de la preuve…"))
        self._copying = True
        store, action_id = self.app.store, self.action.id

        def work() -> Evidence:
            from comite.sync.errors import InboxRefusal
            from comite.usecases.involvement import add_evidence

            try:
                return add_evidence(store, action_id, Path(source).expanduser(),
                                    str(values["dated_on"]), str(values["label"]))
            except InboxRefusal as error:  # said beside the file's field
                raise ValidationError({"source": " ".join(
                    filter(None, (error.reason, error.advice)))}) from None
            except OSError as error:
                raise ValidationError({"source": _(
                    "La preuve n’a pas pu être copiée : {why}").format(
                        why=system_reason(error))}) from None

        run_in_thread(self, work, group="involvement-evidence", done=self._accepted,
                      on_refusal=self._refusal,
                      failed=lambda message: self._refused({"": message}),
                      unexpected=_("La preuve n’a pas pu être jointe (erreur inattendue, notée "
                                   "dans le journal) ; rien n’a été gardé. Réessayez."))

    def _refusal(self, error: Refused) -> None:
        self._refused(error.errors if isinstance(error, ValidationError) else {"": error.message})

    def _accepted(self, evidence: Evidence) -> None:
        self._copying = False
        if self.is_attached:
            self.dismiss(evidence)

    def _refused(self, errors: dict[str, str]) -> None:
        self._copying = False
        if not self.is_attached:
            return
        self.query_one(".form-error", Static).update("")
        if "" in errors:
            self.query_one(".form-error", Static).update(errors[""])
            self.app.bell()
            return
        self.show_errors(errors)
