"""The line at the top that names the sections and their keys, the current one highlighted."""

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

from comite.kernel.i18n import _

SECTIONS = (("dashboard", "1", _("Accueil")), ("committees", "2", _("Comités")),
            ("people", "3", _("Personnes")), ("meetings", "4", _("Réunions")),
            ("charters", "5", _("Chartes")), ("recruitment", "6", _("Recrutement")))

# From the roomiest line to the tightest: (the app's name, « F1 Aide », how the other sections
# show). The key bar at the bottom says « F1 Aide » too, and F1 lists every section: they give
# way first, then the sections draw closer (« snug »: one space between them), and only then do
# the names of the other sections shrink to their keys. At 80 columns the names stay, with
# the example's « exemple · F4 » beside them.
_LAYOUTS = ((True, True, "label"), (True, False, "label"), (False, False, "label"),
            (False, False, "snug"), (False, False, "key"), (False, False, "tight"))


class SectionBar(Widget):
    DEFAULT_CSS = """
    SectionBar { height: 1; background: $panel; }
    """

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def on_mount(self) -> None:
        # The sub-title says « exemple · F4 » once the example is opened; the mailbox its state.
        self.watch(self.app, "sub_title", lambda _title: self.refresh(), init=False)
        self.watch(self.app, "mailbox_status", lambda _status: self.refresh(), init=False)
        self.watch(self.app, "calendar_status", lambda _status: self.refresh(), init=False)

    def render(self) -> RenderResult:
        sub = " · ".join(part for part in (self.app.sub_title,
                                           getattr(self.app, "mailbox_status", ""),
                                           getattr(self.app, "calendar_status", "")) if part)
        line = Content("")
        for name, help_key, others in _LAYOUTS:
            # The « exemple · F4 » warning matters more than the name of the app.
            line = self._line(sub, name=name and not sub, help_key=help_key, others=others)
            if line.cell_length <= self.size.width:
                break
        return line

    def _line(self, sub: str, *, name: bool, help_key: bool, others: str) -> Content:
        parts: list[Content | str] = [Content.styled(" comite ", "bold $accent")] if name else []
        # Snug: one space between two sections; the current one's own margins, drawn in
        # reverse, stand for the spaces beside it.
        after_current = False
        for section, key, label in SECTIONS:
            if section == self.current:
                parts.append(Content.styled(f" {key} {label} ", "reverse bold"))
            elif others == "label":
                parts.append(Content(f" {key} {label} "))
            elif others == "snug":
                parts.append(Content(f"{key} {label}" if after_current else f" {key} {label}"))
            else:
                parts.append(Content(f" {key} " if others == "key" else f" {key}"))
            after_current = section == self.current
        if sub and others == "snug":
            parts.append(Content.styled(sub if after_current else f" {sub}", "bold $warning"))
        elif sub:
            parts.append(Content.styled(f"  {sub} ", "bold $warning"))
        if help_key:
            parts.append(Content.styled("  F1 " + _("Aide"), "dim"))
        return Content("").join(parts)
