"""The line at the top that names the sections and their keys, the current one highlighted."""

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

from store.i18n import _

SECTIONS = (("dashboard", "1", _("Accueil")), ("committees", "2", _("Comités")),
            ("people", "3", _("Personnes")), ("meetings", "4", _("Réunions")),
            ("charters", "5", _("Chartes")))


class SectionBar(Widget):
    DEFAULT_CSS = """
    SectionBar { height: 1; background: $panel; }
    """

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def on_mount(self) -> None:
        # The sub-title says "données d’exemple" once the example is opened.
        self.watch(self.app, "sub_title", lambda _title: self.refresh(), init=False)

    def render(self) -> RenderResult:
        sub = self.app.sub_title
        line = self._line(sub, compact=False)
        if sub and line.cell_length > self.size.width:
            # The "données d’exemple — F4…" warning matters more than the names of the other
            # sections (F1 lists them): they shrink to their keys.
            line = self._line(sub, compact=True)
        return line

    def _line(self, sub: str, compact: bool) -> Content:
        # At 80 columns the name of the app gives way to the "données d’exemple" warning.
        parts: list[Content | str] = [] if sub else [Content.styled(" comite ", "bold $accent")]
        for name, key, label in SECTIONS:
            current = name == self.current
            style = "reverse bold" if current else ""
            parts.append(Content.styled(f" {key} {label} " if current or not compact else f" {key} ",
                                        style))
        if sub:
            parts.append(Content.styled(f"  {sub} ", "bold $warning"))
        if not compact:
            parts.append(Content.styled("  F1 " + _("Aide"), "dim"))
        return Content("").join(parts)
