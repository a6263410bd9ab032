"""Import a Framadate poll's CSV export: the file, how its dates read when the file leaves it
open, then every name not surely known, confirmed by the coordinator."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Input, Select

from comite.kernel import plural
from comite.kernel.errors import system_reason
from comite.kernel.french_dates import day_month_year
from comite.kernel.i18n import _
from comite.store.errors import Refused, ValidationError
from comite.store.meeting_models import AnswerSource
from comite.sync.framadate_languages import DateOrder
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


def import_framadate(app: App, meeting_id: int, imported: Callable[[], object]) -> None:
    """The steps, one after the other; `imported` runs once answers were recorded."""

    def read(step: object) -> None:
        if isinstance(step, DatesToSettle):
            app.push_screen(FramadateDateOrder(step), read)
        elif step is not None:
            app.push_screen(FramadateNames(step), lambda done: done and imported())

    app.push_screen(FramadateImport(meeting_id), read)


@dataclass(frozen=True, slots=True)
class DatesToSettle:
    """A file whose dates read both day first and month first: the coordinator says which."""

    meeting_id: int
    data: bytes
    examples: tuple[tuple[str, date, date], ...]  # (cell, day first, month first)


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
        """The plan (sync.framadate.FramadatePlan) for step 2, or the dates to settle first."""
        from comite.sync.framadate_dates import AmbiguousDates

        data = _read(Path(str(values["path"]).strip()).expanduser())
        try:
            return _plan(self.app, self.meeting_id, data, None, "path")
        except AmbiguousDates as ambiguous:
            return DatesToSettle(self.meeting_id, data, ambiguous.examples)


def _plan(app: App, meeting_id: int, data: bytes, order: DateOrder | None, field: str) -> object:
    """The export read and matched; a refusal is said beside `field`. AmbiguousDates passes."""
    from comite.sync.errors import InboxRefusal
    from comite.sync.framadate import match, parse_poll
    from comite.sync.framadate_dates import AmbiguousDates

    try:
        return match(parse_poll(data, order), app.store.meetings.detail(meeting_id))
    except AmbiguousDates:
        raise
    except InboxRefusal as refusal:
        raise ValidationError(
            {field: " ".join(filter(None, (refusal.reason, refusal.advice)))}) from None


def _read(path: Path) -> bytes:
    from comite.sync.framadate import MAX_BYTES

    if not str(path).strip() or not path.is_file():
        raise ValidationError({"path": _("Aucun fichier à cet endroit : vérifiez le chemin.")})
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError({"path": _("Ce fichier est trop gros pour un export de sondage.")})
    try:
        return path.read_bytes()
    except OSError as error:
        raise ValidationError({"path": _("Lecture impossible : {why}").format(
            why=system_reason(error))}) from None


class FramadateDateOrder(FormScreen[object]):
    """Step 1 bis: « 1/2/27 » is 1 February or 2 January; the file cannot tell, the coordinator
    can (Framadate wrote it in the language of the page that exported it)."""

    TITLE_TEXT = _("Dans quel ordre sont les dates ?")

    def __init__(self, dates: DatesToSettle) -> None:
        super().__init__()
        self.dates = dates

    def fields(self) -> ComposeResult:
        cell, day_first, month_first = self.dates.examples[0]
        choices = [(_("Le jour d’abord : « {cell} » est le {day}").format(
                        cell=cell, day=day_month_year(day_first)), DateOrder.DAY_FIRST.value),
                   (_("Le mois d’abord : « {cell} » est le {day}").format(
                        cell=cell, day=day_month_year(month_first)), DateOrder.MONTH_FIRST.value)]
        yield Field(_("Les dates du fichier se lisent *"),
                    Select(choices, id="order", prompt=_("— choisir")), hint=self._hint())

    def _hint(self) -> str:
        """Why the question, the other dates it changes, and what each order finds in the meeting."""
        lines = [_("Framadate écrit les dates dans la langue de la page qui a exporté le sondage "
                   "(le mois d’abord en anglais), et ce fichier ne permet pas de le savoir.")]
        lines += [_("« {cell} » : {day} ou {month}").format(
                      cell=cell, day=day_month_year(day), month=day_month_year(month))
                  for cell, day, month in self.dates.examples[:3]]
        for order in DateOrder:
            try:
                plan = _plan(self.app, self.dates.meeting_id, self.dates.data, order, "order")
            except ValidationError:
                continue
            found = len(plan.columns) - len(plan.unmatched_columns)
            lines.append(plural.plural(
                found, _("Lues {order}, {found} colonne sur {total} tombe sur un créneau de "
                         "cette réunion."),
                _("Lues {order}, {found} colonnes sur {total} tombent sur un créneau de cette "
                  "réunion.")).format(order=order.label, found=found, total=len(plan.columns)))
        return "\n".join(lines)

    def submit(self, values: Mapping[str, object]) -> object:
        """The plan, read in the order chosen."""
        if values["order"] is None:
            raise ValidationError({"order": _("Choisissez l’ordre des dates.")})
        return _plan(self.app, self.dates.meeting_id, self.dates.data, DateOrder(values["order"]),
                     "order")


class FramadateNames(FormScreen[bool | None]):
    """Step 2: one line per participant, who they are among the invitees."""

    def __init__(self, plan) -> None:
        super().__init__()
        self.plan = plan

    def form_title(self) -> str:
        return _("Qui a répondu ? ({lines})").format(
            lines=plural.count(len(self.plan.names), _("ligne"), _("lignes")))

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
        self.app.notify(_("{answers} de Framadate pour {people}.").format(
            answers=plural.count(count, _("réponse importée"), _("réponses importées")),
            people=plural.count(len(answers), _("personne"), _("personnes"))))
        return True
