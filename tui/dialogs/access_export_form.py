"""The right of access: what the export of a person's data holds, the health note only if asked."""

from collections.abc import Mapping
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Button, Select

from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.tui.dialogs.form import FormScreen
from comite.tui.widgets.field import Field


class ExportForm(FormScreen[bool | None]):
    """Only asked when there is a health note: it leaves only when the person asked for it."""

    def __init__(self, name: str, folder: Path) -> None:
        super().__init__()
        self.person_name = name
        self.folder = folder

    def on_mount(self) -> None:
        self.query_one("#save", Button).label = _("Exporter (Ctrl+S)")

    def form_title(self) -> str:
        return _("Exporter les données {of_name}").format(of_name=de(self.person_name))

    def fields(self) -> ComposeResult:
        yield Field(_("Note de santé"), Select(
            [(_("Ne pas l’inclure"), "no"), (_("L’inclure (la personne l’a demandé)"), "yes")],
            id="include_health", allow_blank=False, value="no"),
            hint=_("Un fichier JSON et un PDF lisible seront écrits dans {folder}.").format(
                folder=self.folder))

    def submit(self, values: Mapping[str, object]) -> bool:
        return values["include_health"] == "yes"
