"""ComiteApp: the sections, global commands, settings and the first-run welcome."""

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.screen import ModalScreen, Screen

from store import Store, StoreError
from store.i18n import _
from tui import commands, logs
from tui import settings as settings_file
from tui.palette import SearchProvider

log = logging.getLogger("comite.tui")


def _dashboard() -> Screen:
    from tui.screens.dashboard import DashboardScreen

    return DashboardScreen()


def _committees() -> Screen:
    from tui.screens.committees import CommitteesScreen

    return CommitteesScreen()


def _people() -> Screen:
    from tui.screens.people import PeopleScreen

    return PeopleScreen()


def _meetings() -> Screen:
    from tui.screens.meetings import MeetingsScreen

    return MeetingsScreen()


class ComiteApp(App[None]):
    CSS_PATH = "comite.tcss"
    TITLE = "comite"
    BINDINGS: ClassVar = commands.bindings(*commands.GLOBAL)
    COMMANDS: ClassVar = {*App.COMMANDS, SearchProvider}
    # The dashboard is the default screen ("_default" mode, built by get_default_screen):
    # a mode listed in MODES makes Textual parse every style sheet again when its first
    # screen is made, which start-up cannot afford (see on_mount).
    DASHBOARD = "_default"
    MODES: ClassVar = {"committees": _committees, "people": _people, "meetings": _meetings}

    def __init__(
        self,
        store: Store,
        *,
        settings: settings_file.Settings | None = None,
        today: date | None = None,
        welcome: bool = True,
        watch_inbox: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        if settings is None:
            settings, self._settings_warning = settings_file.load()
        else:
            self._settings_warning = None
        self.settings = settings
        self._today = today
        self._welcome = welcome
        self._real_path: Path | None = None  # set while the example data is open
        self._previous_path: Path | None = None
        self._watch_inbox = watch_inbox
        self._closing = False
        self._inbox: tuple[threading.Event, threading.Event] | None = None  # (stop, finished)

    @property
    def today(self) -> date:
        return self._today or date.today()

    def on_mount(self) -> None:
        # Once the dashboard is up, let switch_mode come back to it. Textual's add_mode
        # refuses the name "_default", hence its private table.
        self._modes[self.DASHBOARD] = _dashboard
        if self.settings.theme != self.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme  # a change of theme parses the styles again
        log.info("opened, schema v%s", self.store.schema_version())
        if self._settings_warning:
            self.notify(self._settings_warning, severity="warning", timeout=10)
        # After the first frame: the watcher's imports must not delay it.
        self.set_timer(0.5, self.start_inbox)
        if self._welcome and self.store.is_empty():
            from tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), self._after_welcome)

    def on_unmount(self) -> None:
        self._closing = True  # a start-up timer firing now must not start a watcher
        # Waited for: the store closes next, under a scan that would otherwise fail midway.
        # (The watcher posts nothing now: `is_running` is already False.)
        self.stop_inbox(wait=True)

    def start_inbox(self) -> None:
        """Watch the inbox folder in a thread: replies dropped there reach the open screens.

        A watcher already running is stopped: the new one starts with a full scan.
        """
        if not self._watch_inbox or self._closing:
            return
        stop, finished = threading.Event(), threading.Event()
        previous, self._inbox = self._inbox, (stop, finished)
        if previous:
            previous[0].set()
        store, folder = self.store, self.settings.folder("inbox")

        def work() -> None:
            try:
                if previous:
                    previous[1].wait(10)  # one watcher at a time on the folder
                from sync.inbox import Inbox
                from sync.watcher import watch

                watch(Inbox(folder, store), stop, self._post_inbox_results)
            except OSError as error:
                self._post(self.notify, _("La boîte de réception {folder} n’est pas surveillée : "
                                          "{why}").format(folder=folder, why=error.strerror),
                           severity="warning", timeout=10)
            finally:
                finished.set()

        # A daemon thread of its own, not a worker: the event loop's shutdown never waits on it.
        threading.Thread(target=work, name="comite-inbox", daemon=True).start()

    def stop_inbox(self, wait: bool = False) -> None:
        if self._inbox:
            stop, finished = self._inbox
            stop.set()
            if wait:
                finished.wait(10)

    def _post(self, callback: Callable[..., object], *args: object, **kwargs: object) -> None:
        # The watcher may report while the app shuts down: nothing is left to show it then.
        if self.is_running:
            with contextlib.suppress(RuntimeError):
                self.call_from_thread(callback, *args, **kwargs)

    def _post_inbox_results(self, results: list) -> None:
        self._post(self._inbox_results, results)

    def _inbox_results(self, results: list) -> None:
        done = sum(1 for r in results if r.outcome == "processed")
        aside = sum(1 for r in results if r.outcome == "quarantined")
        log.info("inbox: %d processed, %d quarantined", done, aside)
        parts = []
        if done:
            parts.append(_("{n} fichier(s) de réponses lu(s)").format(n=done))
        if aside:
            parts.append(_("{n} fichier(s) mis de côté : voir la boîte de réception (4 puis b)")
                         .format(n=aside))
        if parts:
            self.notify(_("Boîte de réception : ") + " ; ".join(parts) + ".",
                        severity="warning" if aside else "information", timeout=8)
            self.refresh_section()

    def watch_theme(self, theme: str) -> None:
        if getattr(self, "settings", None) and theme != self.settings.theme:
            self.save_settings(replace(self.settings, theme=theme))

    def notify(self, message: str, *, markup: bool = False, **options) -> None:
        """Messages often quote a name: always shown as typed, never read as markup.

        Widget.notify passes markup=True on its own, so the flag is overridden here.
        """
        super().notify(message, markup=False, **options)

    def save_settings(self, new: settings_file.Settings) -> None:
        try:
            settings_file.save(new)
        except OSError as error:
            self.notify(_("Réglages non enregistrés : {why}").format(why=error.strerror),
                        severity="error")
            return
        self.settings = new

    def _after_welcome(self, choice: str | None) -> None:
        if choice == "example":
            self.open_example()
        elif choice == "structure":
            from tui.screens.structure_form import StructureForm

            self.push_screen(StructureForm(), self._after_first_structure)

    def _after_first_structure(self, structure: object) -> None:
        if structure is not None:
            self.switch_mode("committees")
            self.notify(_("Structure créée. Créez maintenant son comité avec « n »."))

    def open_example(self) -> None:
        """Switch to the example database, filled on first use, kept apart from real data."""
        from store import demo
        from tui import paths

        def fill(example: Store) -> None:
            if example.is_empty():
                demo.fill_small(example, self.today)

        if self._switch_to(paths.example_db(), prepare=fill):
            self._real_path = self._real_path or self._previous_path
            self.sub_title = _("données d’exemple — F4 pour revenir à vos données")
            self.notify(_("Vous explorez des données d’exemple, rangées à part dans {path}.")
                        .format(path=self.store.path), timeout=8)

    def action_leave_example(self) -> None:
        if not self._real_path:
            self.notify(_("Vous êtes déjà sur vos données."))
            return
        if isinstance(self.screen, ModalScreen):
            self.notify(_("Fermez d’abord cette fenêtre (Échap)."), severity="warning")
            return
        if self._switch_to(self._real_path):
            self._real_path = None
            self.sub_title = ""
            self.notify(_("Retour à vos données : {path}.").format(path=self.store.path))

    def _switch_to(self, path: Path, prepare: Callable[[Store], None] | None = None) -> bool:
        """Open another database in place of the current one; say why if it cannot be."""
        from store import open_store

        try:
            other = open_store(path, actor=self.store.actor)
            if prepare:
                prepare(other)
        except StoreError as error:
            self.notify(error.message, severity="error", timeout=10)
            return False
        self._previous_path = self.store.path
        self.stop_inbox(wait=True)  # its thread uses the store about to be closed
        self.store.close()
        self.store = other
        self._forget_screens()
        self.refresh_section()
        self.start_inbox()
        return True

    def _forget_screens(self) -> None:
        """Screens showing the other database's records go: back to a fresh dashboard."""
        if self.current_mode != self.DASHBOARD:
            self.switch_mode(self.DASHBOARD)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        for name, factory in (("committees", _committees), ("people", _people)):
            self.remove_mode(name)
            self.add_mode(name, factory)

    def refresh_section(self) -> None:
        reload = getattr(self.screen, "reload", None)
        if reload:
            reload()

    async def action_quit(self) -> None:
        """Quit, but never silently drop a form that has something typed in it."""
        from tui.widgets.form import FormScreen

        typed = [screen for screen in self.screen_stack
                 if isinstance(screen, FormScreen) and screen.has_changes()]
        if not typed:
            self.exit()
            return
        from tui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(
            _("Quitter sans enregistrer ?"),
            [_("Un formulaire contient une saisie non enregistrée ; elle sera perdue.")],
            confirm=_("Quitter quand même"), cancel=_("Revenir à la saisie")),
            lambda leave: self.exit() if leave else None)

    def get_default_screen(self) -> Screen:
        return _dashboard()

    def action_section(self, name: str) -> None:
        mode = self.DASHBOARD if name == "dashboard" else name
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(
                placeholder=_("Une action, une personne, un comité…"), id="--command-palette"))

    def action_change_theme(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider],
                                        placeholder=_("Choisir un thème de couleurs…")))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_settings(self) -> None:
        from tui.screens.settings_form import SettingsForm

        self.push_screen(SettingsForm(self.settings), self._after_settings)

    def _after_settings(self, new: settings_file.Settings | None) -> None:
        if new is not None:
            moved = new.folder("inbox") != self.settings.folder("inbox")
            self.save_settings(new)
            if moved:
                self.start_inbox()
            self.notify(_("Réglages enregistrés dans {path}.").format(
                path=settings_file.settings_file()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in (*getattr(screen, "HERE", ()), *commands.GLOBAL):
            yield SystemCommand(command.label, command.help, _runner(screen, command.action))

    def _fatal_error(self) -> None:
        # Textual's own report shows local variables: they may hold personal data.
        from rich.text import Text

        error = self._exception
        if error is not None:
            logs.log_unexpected(error)
        self.bell()
        self._exit_renderables.append(Text(_(
            "comite s’est arrêté sur une erreur inattendue ; vos saisies enregistrées sont "
            "dans la base. Le détail technique (sans données personnelles) est dans le "
            "journal : comite check indique où il se trouve.")))
        self._close_messages_no_wait()


def _runner(screen: Screen, action: str):
    def run() -> None:
        screen.call_later(screen.run_action, action)

    return run
