"""Import a Framadate poll's CSV export: the coordinator confirms every name not surely known."""

from collections.abc import Mapping
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select

from comite.kernel.i18n import _
from comite.store.errors import Refused, ValidationError
from comite.store.meeting_models import AnswerSource
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field

MAX_BYTES = 2 * 1024 * 1024  # a poll of a few hundred people stays far below


class FramadateImport(FormScreen[object]):
    """Step 1: which file. The export is read and matched; nothing is written yet."""

    TITLE_TEXT = _("Importer un sondage Framadate")

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def fields(self) -> ComposeResult:
        yield Field(_("Fichier CSV *"), Input(id="path", placeholder=_("ex. ~/Téléchargements/sondage.csv")),
                    hint=_("Sur Framadate : « Export Tableur (CSV) » ; les dates du sondage doivent être "
                           "celles des créneaux proposés ici."))

    def submit(self, values: Mapping[str, object]) -> object:
        """The plan (sync.framadate.FramadatePlan), for step 2."""
        from comite.sync.errors import InboxRefusal
        from comite.sync.framadate import match, parse_poll

        path = Path(str(values["path"]).strip()).expanduser()
        data = _read(path)
        try:
            return match(parse_poll(data), self.app.store.meetings.detail(self.meeting_id))
        except InboxRefusal as refusal:
            raise ValidationError(
                {"path": " ".join(filter(None, (refusal.reason, refusal.advice)))}) from None


def _read(path: Path) -> bytes:
    if not str(path).strip() or not path.is_file():
        raise ValidationError({"path": _("Aucun fichier à cet endroit : vérifiez le chemin.")})
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError({"path": _("Ce fichier est trop gros pour un export de sondage.")})
    try:
        return path.read_bytes()
    except OSError as error:
        raise ValidationError({"path": _("Lecture impossible : {why}").format(why=error.strerror)}) from None


class FramadateNames(FormScreen[bool | None]):
    """Step 2: one line per participant, who they are among the invitees."""

    def __init__(self, plan) -> None:
        super().__init__()
        self.plan = plan

    def form_title(self) -> str:
        return _("Qui a répondu ? ({n} ligne(s))").format(n=len(self.plan.names))

    def fields(self) -> ComposeResult:
        from comite.sync.framadate import Certainty

        detail = self.app.store.meetings.detail(self.plan.meeting_id)
        choices = [(Text(invitee.name), invitee.id) for invitee in detail.invitees]
        notes = list(self.plan.warnings) + [
            _("Colonne sans créneau correspondant, ignorée : {label}").format(label=column.label)
            for column in self.plan.unmatched_columns]
        for index, name in enumerate(self.plan.names):
            value = name.invitee_id if name.certainty is Certainty.SURE else (
                name.candidates[0] if len(name.candidates) == 1 else None)
            hint = name.why if name.certainty is not Certainty.SURE else ""
            if index == 0 and notes:
                hint = "\n".join([*notes, hint]).strip()
            yield Field(name.name[:17], Select(choices, id=f"row-{name.row}",
                                               prompt=_("— ne pas importer"),
                                               value=value if value is not None else Select.NULL),
                        hint=hint)

    def submit(self, values: Mapping[str, object]) -> bool:
        confirmed = {int(key.removeprefix("row-")): (int(value) if value is not None else None)
                     for key, value in values.items()}
        # A refusal (one person on two lines…) is shown under the form by FormScreen.
        answers = self.plan.answers(confirmed)
        if not answers:
            raise Refused(_("Aucune ligne attribuée à une personne invitée : rien à importer."))
        count = self.app.store.meetings.import_votes(self.plan.meeting_id, answers,
                                                     AnswerSource.FRAMADATE)
        self.app.notify(_("{n} réponse(s) importée(s) de Framadate pour {people} personne(s).").format(
            n=count, people=len(answers)))
        return True
