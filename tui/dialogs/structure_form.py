"""Create or edit a structure: name, kind, town."""

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.widgets import Input, Select

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

    def submit(self, values: Mapping[str, object]) -> Structure:
        service = self.app.store.structures
        args = (str(values["name"]), values["kind"] or "", str(values["city"]))
        if self.structure:
            return service.update(self.structure.id, *args)
        return service.create(*args)
