"""Note a candidacy (a person already known, or a new one typed here) or change one: the role
sought, the committee, where it came from, the next step and its day, notes."""

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.store.committee_models import USER_ROLES
from comite.store.errors import ValidationError
from comite.store.people import PersonInput
from comite.store.recruitment import CandidateInput
from comite.store.recruitment_models import Candidate, Source
from comite.tui import wording
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field
from comite.tui.widgets.person_picker import PersonPicker

NEW_PERSON = ("last_name", "first_name", "email", "phone")


class CandidateForm(FormScreen[Candidate | None]):
    def __init__(self, candidate: Candidate | None = None, *,
                 committee_id: int | None = None) -> None:
        super().__init__()
        self.candidate = candidate
        self.committee_id = candidate.committee_id if candidate else committee_id

    def form_title(self) -> str:
        if self.candidate:
            return _("Candidature {of_name}").format(of_name=de(self.candidate.person_name))
        return _("Nouvelle candidature")

    def fields(self) -> ComposeResult:
        c = self.candidate
        if c is None:
            yield Field(_("Personne *"), PersonPicker(id="person_id"),
                        hint=_("Déjà connue : tapez son nom, puis Entrée (la première "
                               "trouvée, ↓ une autre). Nouvelle : remplissez les champs "
                               "ci-dessous."))
            yield Field(_("Ou bien : nom"), Input(id="last_name"))
            yield Field(_("Prénom"), Input(id="first_name"))
            yield Field(_("E-mail"), Input(id="email", placeholder=_("ex. prenom.nom@example.org")))
            yield Field(_("Téléphone"), Input(id="phone", placeholder=_("ex. 06 39 98 12 34")))
        yield Field(_("Rôle visé *"), Select(
            [(role.label, role.value) for role in USER_ROLES], id="role",
            prompt=_("— choisir"), value=c.role.value if c else Select.NULL))
        yield Field(_("Comité"), Select(self._committees(), id="committee_id",
                                        prompt=_("— à choisir plus tard"),
                                        value=self.committee_id or Select.NULL),
                    hint=_("obligatoire pour « charte signée » et « actif »"))
        yield Field(_("Source *"), Select(Source.choices(), id="source", prompt=_("— choisir"),
                                          value=c.source.value if c else Select.NULL))
        yield Field(_("Prochaine étape"), Input(c.next_step if c else "", id="next_step",
                                                 placeholder=_("ex. premier appel")))
        yield Field(_("Le"), Input(wording.day(c.next_step_on) if c else "", id="next_step_on",
                                   placeholder="JJ/MM/AAAA"))
        yield Field(_("Notes"), TextArea(c.notes if c else "", id="notes"),
                    hint=_("pas d’information de santé ici (onglet Vie privée de sa fiche)"))

    def _committees(self) -> list[tuple[Text, int]]:
        summaries = self.app.store.committees.all(include_archived=True)
        return [(Text(s.committee.name), s.committee.id) for s in summaries
                if not s.committee.archived or s.committee.id == self.committee_id]

    def submit(self, values: Mapping[str, object]) -> Candidate:
        candidate = CandidateInput(
            role=str(values["role"] or ""), source=str(values["source"] or ""),
            committee_id=values["committee_id"], next_step=str(values["next_step"]),
            next_step_on=str(values["next_step_on"]), notes=str(values["notes"]))
        store = self.app.store
        if self.candidate:
            return store.recruitment.update(self.candidate.id, candidate)
        # Every field checked before anything is written: the person is created only with the
        # candidacy, in one transaction.
        errors: dict[str, str] = {}
        person = self._new_person(values, errors)
        try:
            candidate.validated()
        except ValidationError as error:
            errors.update(error.errors)
        if errors:
            raise ValidationError(errors)
        with store.transaction():
            person_id = values["person_id"] or store.people.create(person).id
            return store.recruitment.add(person_id, candidate, self.app.today)

    def _new_person(self, values: Mapping[str, object], errors: dict[str, str]) -> PersonInput | None:
        typed = any(str(values[name]).strip() for name in NEW_PERSON)
        if values["person_id"]:
            if typed:
                errors["person_id"] = _("Une personne est choisie dans la liste et une autre "
                                        "tapée : videz les champs de la nouvelle, ou la "
                                        "recherche.")
            return None
        if not typed:
            errors["person_id"] = _("Choisissez la personne dans la liste, ou tapez le nom "
                                    "d’une nouvelle personne.")
            return None
        person = PersonInput(**{name: str(values[name]) for name in NEW_PERSON})
        try:
            person.validated()
        except ValidationError as error:
            errors.update(error.errors)
        return person
