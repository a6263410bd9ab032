"""Create or edit a structure: name, kind, town, and the address, phone and e-mail that head
every document it sends (its letterhead)."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from comite.kernel.i18n import _
from comite.store.committee_models import Structure, StructureKind
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class StructureForm(FormScreen[Structure | None]):
    def __init__(self, structure: Structure | None = None) -> None:
        super().__init__()
        self.structure = structure

    def form_title(self) -> str:
        return _("Modifier la structure") if self.structure else _("Nouvelle structure")

    def fields(self) -> ComposeResult:
        s = self.structure
        yield Field(_("Nom *"), Input(s.name if s else "", id="name",
                                      placeholder=_("ex. MSP des Tilleuls")))
        yield Field(_("Type *"), Select(StructureKind.choices(), id="kind",
                                        prompt=_("Choisir…"),
                                        value=s.kind.value if s else Select.NULL))
        yield Field(_("Commune"), Input(s.city if s else "", id="city"))
        yield Field(_("Adresse postale"), TextArea(s.address if s else "", id="address"),
                    hint=_("rue et code postal, sur l’en-tête des lettres et documents ; "
                           "sans e-mail, on vous répond par la poste"))
        yield Field(_("Téléphone"), Input(s.phone if s else "", id="phone",
                                          placeholder=_("ex. 04 78 00 00 00")))
        yield Field(_("E-mail"), Input(s.email if s else "", id="email",
                                       placeholder=_("ex. accueil@msp-tilleuls.fr")))

    def submit(self, values: Mapping[str, object]) -> Structure:
        service = self.app.store.structures
        args = (str(values["name"]), values["kind"] or "", str(values["city"]))
        contact = {name: str(values[name]) for name in ("address", "phone", "email")}
        if self.structure:
            return service.update(self.structure.id, *args, **contact)
        return service.create(*args, **contact)
