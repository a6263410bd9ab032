"""Create or edit a structure: name, kind, town, the person who coordinates it (the organizer
of its committees' meetings), the address, phone, e-mail and logo that head every document
it sends (its letterhead), how to get in (every invitation says it), and the rate per km it
pays the users who engage."""

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Select, TextArea

from comite.kernel.i18n import _
from comite.store.committee_models import Structure, StructureKind
from comite.store.expense_models import rate_text
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.article_select import ARTICLE_HINT, ArticleSelect
from comite.tui.widgets.field import Field
from comite.tui.widgets.path_input import PathInput
from comite.tui.widgets.person_picker import PersonPicker, label
from comite.usecases import paths


class StructureForm(FormScreen[Structure | None]):
    BINDINGS: ClassVar = [*FormScreen.BINDINGS,
                          Binding("ctrl+o", "browse", _("Choisir le logo"), show=False)]

    def __init__(self, structure: Structure | None = None) -> None:
        super().__init__()
        self.structure = structure
        # The logo kept as it is while its field shows this path.
        self.current_logo = str(paths.logos_dir() / structure.logo) if structure and structure.logo else ""

    def form_title(self) -> str:
        return _("Modifier la structure") if self.structure else _("Nouvelle structure")

    def fields(self) -> ComposeResult:
        from comite.usecases.letterhead import SUFFIXES

        s = self.structure
        yield Field(_("Nom *"), Input(s.name if s else "", id="name",
                                      placeholder=_("ex. MSP des Tilleuls")))
        yield Field(_("Article"), ArticleSelect(s.article if s else "le", s.name if s else ""),
                    hint=ARTICLE_HINT)
        yield Field(_("Type *"), Select(StructureKind.choices(), id="kind",
                                        prompt=_("Choisir…"),
                                        value=s.kind.value if s else Select.NULL))
        yield Field(_("Commune"), Input(s.city if s else "", id="city"))
        yield Field(_("Coordination"),
                    PersonPicker(id="coordinator_id", can_clear=True, picked=self._coordinator()),
                    hint=_("organise les réunions, sinon vos réglages (F2) ; Suppr dans le "
                           "champ vide la retire"))
        yield Field(_("Adresse postale"), TextArea(s.address if s else "", id="address"),
                    hint=_("rue et code postal, sur l’en-tête des lettres et documents ; "
                           "sans e-mail, on vous répond par la poste"))
        yield Field(_("Accès"), TextArea(s.access_notes if s else "", id="access_notes"),
                    hint=_("étage, bus, parking, accès en fauteuil : dans chaque invitation"))
        yield Field(_("Téléphone"), Input(s.phone if s else "", id="phone",
                                          placeholder=_("ex. 04 78 00 00 00")))
        yield Field(_("E-mail"), Input(s.email if s else "", id="email",
                                       placeholder=_("ex. accueil@msp-tilleuls.fr")))
        yield Field(_("Logo"),
                    PathInput(_("Choisir le logo (PNG ou JPEG)"), paths.documents_folder(),
                              id="logo", value=self.current_logo,
                              suffixes=(*SUFFIXES, ".jpeg"),
                              placeholder=_("Chemin de l’image (facultatif)")),
                    hint=_("facultatif : PNG ou JPEG, 2 Mo au plus, en haut de chaque document ; "
                           "copié dans le dossier de données ; Ctrl+O pour le chercher, champ "
                           "vidé pour l’enlever"))
        yield Field(_("Contact données personnelles"),
                    TextArea(s.dpo_contact if s else "", id="dpo_contact"),
                    hint=_("qui répond aux questions sur les données personnelles (délégué à la "
                           "protection des données : nom, e-mail, téléphone) ; vide, c’est vous"))
        yield Field(_("Bilan annuel à remettre le"),
                    Input(_shown_day(s.report_due) if s else "", id="report_due",
                          placeholder=_("ex. 31/03")),
                    hint=_("facultatif : jour et mois où le bilan de l’année de ses comités est à "
                           "remettre ; l’accueil le rappelle deux mois avant (b sur un comité "
                           "écrit le bilan)"))
        yield Field(_("Indemnité kilométrique (€/km)"),
                    Input(rate_text(self.app.store.structures.km_rate_mills(s.id)) if s else "",
                          id="km_rate_mills", placeholder=_("ex. 0,32")),
                    hint=_("facultatif : ce que la structure rembourse par kilomètre aux usagers "
                           "qui s’engagent ; chaque dépense garde celle du jour où elle est "
                           "inscrite"))

    @on(Input.Changed, "#name")
    def _named(self, event: Input.Changed) -> None:
        self.query_one(ArticleSelect).follow(event.value)

    def _coordinator(self) -> tuple[int, str] | None:
        if self.structure is None or self.structure.coordinator_id is None:
            return None
        person = self.app.store.people.get(self.structure.coordinator_id)
        return person.id, label(person.full_name, person.email)

    def action_browse(self) -> None:
        self.query_one(PathInput).browse()

    def submit(self, values: Mapping[str, object]) -> Structure:
        """A new logo is checked before anything is saved, and copied before the structure
        points at it; an empty field takes the logo off."""
        from comite.usecases.letterhead import check_logo, keep

        source = str(values["logo"]).strip()
        logo = check_logo(Path(source)) if source and source != self.current_logo else None
        if logo is not None:
            keep(logo)
        saved = self._save(values)
        if logo is not None:
            return self.app.store.structures.set_logo(saved.id, logo.file_name)
        if not source and saved.logo:
            return self.app.store.structures.set_logo(saved.id, "")
        return saved

    def _save(self, values: Mapping[str, object]) -> Structure:
        service = self.app.store.structures
        args = (str(values["name"]), values["kind"] or "", str(values["city"]))
        contact = {name: str(values[name]) for name in ("address", "phone", "email", "access_notes")}
        kept = {"coordinator_id": values["coordinator_id"], "article": str(values["article"]),
                "dpo_contact": str(values["dpo_contact"]), "report_due": str(values["report_due"]),
                "km_rate": str(values["km_rate_mills"])}
        if self.structure:
            return service.update(self.structure.id, *args, **contact, **kept)
        return service.create(*args, **contact, **kept)


def _shown_day(stored: str) -> str:
    """'03-31' as the coordinator types it: « 31/03 »."""
    month, _dash, day = stored.partition("-")
    return f"{day}/{month}" if stored else ""
