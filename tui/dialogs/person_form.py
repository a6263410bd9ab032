"""Create or edit a person: name, contact, roles, profession, association, the profile the
committee's composition counts (year of birth, sex, territory, lived experience), whether they
want the easy-to-read version of documents, free note."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea

from comite.kernel.i18n import _
from comite.store.committee_models import Role
from comite.store.people import PersonInput
from comite.store.people_models import Person
from comite.store.profile import LivedAs, Sex
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class PersonForm(FormScreen[Person | None]):
    def __init__(self, person: Person | None = None, typed: str = "") -> None:
        """`typed`: what was searched for before asking to create the person, as their name."""
        super().__init__()
        self.person = person
        self.typed = typed

    def form_title(self) -> str:
        return _("Modifier {name}").format(name=self.person.full_name) if self.person else (
            _("Nouvelle personne"))

    def fields(self) -> ComposeResult:
        p = self.person
        yield Field(_("Nom *"), Input(p.last_name if p else self.typed, id="last_name"))
        yield Field(_("Prénom"), Input(p.first_name if p else "", id="first_name"))
        yield Field(_("E-mail"), Input(p.email if p else "", id="email",
                                       placeholder=_("ex. prenom.nom@example.org")),
                    hint=_("laisser vide si la personne n’a pas d’e-mail"))
        yield Field(_("Téléphone"), Input(p.phone if p else "", id="phone",
                                          placeholder=_("ex. 06 39 98 12 34")))
        roles = p.roles if p else ()
        yield Field(_("Rôles"), SelectionList[str](
            *((role.label, role.value, role in roles) for role in Role), id="roles"),
            hint=_("Espace pour cocher"))
        yield Field(_("Profession"), Input(p.profession if p else "", id="profession",
                                           placeholder=_("ex. infirmier(e), pharmacien(ne)…")))
        yield Field(_("Association"), Input(p.association if p else "", id="association"))
        yield Field(_("Naissance (année)"), Input(
            str(p.birth_year) if p and p.birth_year else "", id="birth_year", placeholder=_("ex. 1958")),
            hint=_("pour la composition du comité : des comptes seulement"))
        yield Field(_("Sexe"), Select([(s.label, s.value) for s in Sex], id="sex",
                                      allow_blank=False, value=p.sex if p else Sex.UNSAID.value))
        yield Field(_("Territoire"), Input(p.territory if p else "", id="territory",
                                           placeholder=_("commune ou quartier")))
        yield Field(_("Vécu"), Select([(v.label, v.value) for v in LivedAs], id="lived_as",
                                      allow_blank=False,
                                      value=p.lived_as if p else LivedAs.UNSAID.value),
                    hint=_("l’expérience qui fonde sa participation : la sienne, celle d’un "
                           "proche, ou les deux"))
        yield Field(_("Facile à lire"), Checkbox(_("envoyer aussi la version facile à lire"),
                                                 p.easy_read if p else False, id="easy_read"),
                    hint=_("des comptes rendus et des documents du comité"))
        yield Field(_("Note"), TextArea(p.note if p else "", id="note"),
                    hint=_("pas d’information de santé sans consentement"))

    def submit(self, values: Mapping[str, object]) -> Person:
        person = PersonInput(**{name: values[name] for name in (
            "last_name", "first_name", "email", "phone", "profession", "association", "note",
            "roles", "birth_year", "sex", "territory", "lived_as", "easy_read")})
        service = self.app.store.people
        if self.person:
            return service.update(self.person.id, person)
        return service.create(person)
