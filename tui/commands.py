"""A command is one object that gives its key binding, footer label, palette entry and help line,
so the four can never drift apart.
"""

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.binding import Binding

from comite.kernel.i18n import _

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True, slots=True)
class Command:
    action: str
    keys: str
    label: str
    help: str
    footer: bool = True
    key_display: str | None = None
    priority: bool = False
    # The palette's name when the footer's short label is another command's too on the same
    # page (« Modifier » the record, « Modifier » the training): a palette lists no name twice.
    name: str = ""

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=self.footer,
                       key_display=self.key_display, priority=self.priority)

    @property
    def shown_keys(self) -> str:
        if self.key_display:
            return self.key_display
        return " / ".join(_key_name(key) for key in self.keys.split(","))


    @property
    def palette_name(self) -> str:
        return self.name or self.label


def _key_name(key: str) -> str:
    names = {"question_mark": "?", "delete": "Suppr", "escape": "Échap", "enter": "Entrée",
             "pagedown": "PgSuiv", "pageup": "PgPréc", "slash": "/"}
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    if key.startswith("ctrl+"):
        return "Ctrl+" + _key_name(key.removeprefix("ctrl+")).upper()
    return names.get(key, key)


def bindings(*commands: Command) -> list[Binding]:
    return [command.binding() for command in commands]


def unique(*commands: Command) -> list[Command]:
    """Each action once, the first given winning: a page that shows a global command in its
    footer (the dashboard's « Comités ») lists it once in the palette."""
    seen: set[str] = set()
    return [c for c in commands if c.action not in seen and not seen.add(c.action)]


HELP = Command("app.help", "f1,question_mark", _("Aide"), _("Afficher l’aide et les touches"),
               key_display="F1")
DASHBOARD = Command("app.section('dashboard')", "1", _("Accueil"),
                    _("Aller au tableau de bord"), footer=False)
COMMITTEES = Command("app.section('committees')", "2", _("Comités"),
                     _("Aller à la liste des comités"), footer=False)
PEOPLE = Command("app.section('people')", "3", _("Personnes"),
                 _("Aller à la liste des personnes"), footer=False)
MEETINGS = Command("app.section('meetings')", "4", _("Réunions"),
                   _("Aller aux réunions : sondages, convocations, réponses"), footer=False)
CHARTERS = Command("app.section('charters')", "5", _("Chartes"),
                   _("Aller aux chartes d’engagement : modèles, chartes à produire et à signer"),
                   footer=False)
RECRUITMENT = Command("app.section('recruitment')", "6", _("Recrutement"),
                      _("Aller au recrutement : les candidatures, de la première prise de contact "
                        "au siège au comité"), footer=False)
SETTINGS = Command("app.settings", "f2", _("Réglages"),
                   _("Modifier les réglages : coordinateur, dossiers, messagerie, agenda partagé"),
                   key_display="F2", footer=False)
THEME = Command("app.change_theme", "f3", _("Thème"), _("Changer le thème de couleurs"),
                footer=False, key_display="F3")
# F4 goes back and forth: the app enables one of the two (ComiteApp.check_action), so the
# palette offers only the one that can act.
LEAVE_EXAMPLE = Command("app.leave_example", "f4", _("Mes données"),
                        _("Quitter les données d’exemple et revenir à votre base"),
                        footer=False, key_display="F4")
OPEN_EXAMPLE = Command("app.open_example", "f4", _("Données d’exemple"),
                       _("Découvrir comite sur des données d’exemple, rangées à part de vos "
                         "données (F4 pour revenir)"), footer=False, key_display="F4")
QUIT = Command("app.quit", "ctrl+q", _("Quitter"), _("Quitter comite (tout est déjà enregistré)"),
               footer=False, priority=True, key_display="Ctrl+Q")
PALETTE = Command("app.command_palette", "ctrl+p", _("Commandes"),
                  _("Palette : les actions possibles ici, et la recherche d’une personne ou d’un comité"),
                  key_display="^p", priority=True, footer=False)
BACK = Command("app.pop_screen", "escape", _("Retour"), _("Revenir à l’écran précédent"),
               key_display="Échap")

GLOBAL = (HELP, SETTINGS, PALETTE, DASHBOARD, COMMITTEES, PEOPLE, MEETINGS, CHARTERS, RECRUITMENT,
          THEME, LEAVE_EXAMPLE, OPEN_EXAMPLE, QUIT)
# What the palette offers over a window (a form, a question): the rest would act behind it.
# Their keys act there too (`ComiteApp.OVER_A_WINDOW_KEYS`).
OVER_A_WINDOW = (HELP, THEME, QUIT)


def of_window(window: "Screen") -> tuple[Command, ...]:
    """What a window (a form, a question) answers to: its own keys as it shows them (a form's
    Ctrl+S and Échap), then those that act over any window. The page below keeps its keys for
    when the window is closed: its key bar and F1 say the window's meanwhile."""
    own = tuple(Command(b.action, b.key, b.description, b.tooltip or b.description,
                        key_display=b.key_display)
                for b in (active.binding for active in window.active_bindings.values())
                if b.show and b.description and not b.action.startswith("app."))
    return (*unique(*own), *OVER_A_WINDOW)


def while_typing(command: Command, keys: str, shown: str, label: str = "") -> Command:
    """`command` as the key bar shows it while the focus is in a text field: only its `keys` that
    the field leaves to the page (Échap, a control or function key), under `label` when the
    field needs other words (« Échap Liste » rather than « Échap Retour »)."""
    return replace(command, keys=keys, key_display=shown, label=label or command.label,
                   footer=True)
