"""Add or edit a training a person followed: course, type, organisation, hours, day, and its
certificate (attestation), copied beside the database when one is pointed at (Ctrl+O)."""

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Select, Static

from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.store.errors import Refused, ValidationError
from comite.store.recruitment_models import Training, TrainingKind
from comite.store.trainings import TrainingInput
from comite.tui import wording
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field
from comite.tui.widgets.path_input import PathInput
from comite.tui.wording import format_hours
from comite.tui.workers import run_in_thread

CERTIFICATE_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")


class TrainingForm(FormScreen[Training | None]):
    BINDINGS: ClassVar = [*FormScreen.BINDINGS,
                          Binding("ctrl+o", "browse", _("Choisir l’attestation"), show=False)]

    def __init__(self, person_id: int, training: Training | None = None) -> None:
        super().__init__()
        self.person_id = person_id
        self.training = training
        self._copying = False

    def form_title(self) -> str:
        return _("Modifier la formation") if self.training else _("Nouvelle formation")

    def fields(self) -> ComposeResult:
        t = self.training
        yield Field(_("Formation *"), Input(t.course if t else "", id="course",
                                            placeholder=_("ex. Formation de base des RU")))
        yield Field(_("Type"), Select([(k.label, k.value) for k in TrainingKind], id="kind",
                                      allow_blank=False,
                                      value=t.kind.value if t else TrainingKind.OTHER.value),
                    hint=_("base RU : obligatoire pour un RU ; ETP : 40 h"))
        yield Field(_("Organisme"), Input(t.organisation if t else "", id="organisation",
                                          placeholder=_("ex. France Assos Santé")))
        yield Field(_("Heures *"), Input(format_hours(t.hours) if t else "", id="hours",
                                         placeholder=_("ex. 14")))
        yield Field(_("Le *"), Input(wording.day(t.held_on) if t else "", id="held_on",
                                     placeholder="JJ/MM/AAAA"), hint=_("jour de fin de la formation"))
        yield Field(_("Attestation"),
                    PathInput(_("Choisir l’attestation (PDF, PNG ou JPEG)"), Path.home(),
                              id="certificate", value=t.certificate_path if t else "",
                              suffixes=CERTIFICATE_SUFFIXES,
                              placeholder=_("Chemin du PDF ou de l’image (facultatif)")),
                    hint=_("facultatif : PDF, PNG ou JPEG (20 Mo au plus), copié avec sa fiche ; "
                           "Ctrl+O pour le chercher"))

    def action_browse(self) -> None:
        self.query_one(PathInput).browse()

    def _input(self, values: Mapping[str, object], path: str = "", sha: str = "") -> TrainingInput:
        return TrainingInput(course=str(values["course"]), held_on=str(values["held_on"]),
                             hours=str(values["hours"]), kind=str(values["kind"]),
                             organisation=str(values["organisation"]), certificate_path=path,
                             certificate_sha256=sha)

    def _kept(self, source: str) -> bool:
        """The certificate already attached, left as it was."""
        return bool(self.training and source == self.training.certificate_path)

    def action_save(self) -> None:
        """Without a new certificate, as any form. With one, it is checked and copied in a
        thread; the form stays open, what was typed with it, until it is accepted or refused."""
        values = self.values()
        source = str(values["certificate"]).strip()
        if not source or self._kept(source):
            super().action_save()
            return
        if self._copying:
            return
        for field in self.query(Field):
            field.show_error(None)
        try:
            self._input(values).validated()  # the fields first: no copy for a form in error
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        status = self.query_one(".form-error", Static)
        status.update(_("Copie de l’attestation…"))
        self._copying = True
        form = self

        def work() -> Training:
            from comite.sync.training_certificates import discard, receive_certificate
            from comite.usecases import paths

            folder = paths.training_certificates_dir()
            try:
                copy, sha = receive_certificate(Path(source), folder)
            except Refused as error:  # said beside the certificate's field
                advice = getattr(error, "advice", "")
                raise ValidationError({"certificate": " ".join(
                    filter(None, (error.message, advice)))}) from None
            except OSError as error:
                raise ValidationError({"certificate": _(
                    "L’attestation n’a pas pu être copiée : {why}").format(
                        why=system_reason(error))}) from None
            try:
                return form._record(values, str(copy), sha)
            except BaseException:  # nothing kept of a training that was not recorded
                discard(copy, folder)
                raise

        def refused(error: Refused) -> None:
            form._refused(error.errors if isinstance(error, ValidationError) else {"": error.message})

        run_in_thread(self, work, group="training-certificate", done=form._accepted,
                      on_refusal=refused, failed=lambda message: form._refused({"": message}),
                      unwritable=lambda error: _("La formation n’a pas pu être enregistrée : "
                                                 "{why}").format(why=system_reason(error)),
                      unexpected=_("La formation n’a pas pu être enregistrée (erreur inattendue, "
                                   "notée dans le journal) ; rien n’a été gardé. Réessayez."))

    def _accepted(self, training: Training) -> None:
        self._copying = False
        if self.is_attached:
            self.dismiss(training)

    def _refused(self, errors: dict[str, str]) -> None:
        self._copying = False
        if not self.is_attached:
            return
        if "" in errors:
            self.query_one(".form-error", Static).update(errors[""])
            self.app.bell()
            return
        self.show_errors(errors)

    def submit(self, values: Mapping[str, object]) -> Training:
        source = str(values["certificate"]).strip()
        if self._kept(source):
            return self._record(values, self.training.certificate_path,
                                self.training.certificate_sha256)
        return self._record(values, "", "")

    def _record(self, values: Mapping[str, object], path: str, sha: str) -> Training:
        """Save; an attestation replaced or taken off leaves nothing behind."""
        service = self.app.store.trainings
        training = self._input(values, path, sha)
        if self.training is None:
            return service.add(self.person_id, training)
        saved = service.update(self.training.id, training)
        old = self.training.certificate_path
        if old and old != path:
            from comite.sync.training_certificates import discard
            from comite.usecases import paths

            # The record no longer points at it: at worst a leftover, never a wrong link.
            with contextlib.suppress(OSError):
                discard(old, paths.training_certificates_dir())
        return saved
