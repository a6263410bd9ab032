"""ComiteApp: the sections, global commands, settings and the first-run welcome."""

import contextlib
import errno
import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import Notify
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from comite.kernel import clock, plural
from comite.kernel.errors import system_reason
from comite.kernel.i18n import _
from comite.store import Store, StoreError
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.messages import OpenCommittee, OpenPerson
from comite.tui.palette import SearchProvider
from comite.tui.textual_private import (
    ReportsUnexpectedErrors,
    forget_notification,
    french_palette,
    install_mode,
    notifications,
    screen_stacks,
)
from comite.usecases import logs
from comite.usecases import settings as settings_file

if TYPE_CHECKING:  # imported when a watcher starts: watchdog must not slow the app's start-up
    from comite.sync.charter_catalog import CatalogNews
    from comite.sync.watcher import FolderWatcher, Scanner

log = logging.getLogger("comite.tui")


def _dashboard() -> Screen:
    from comite.tui.screens.dashboard import DashboardScreen

    return DashboardScreen()


def _committees() -> Screen:
    from comite.tui.screens.committees import CommitteesScreen

    return CommitteesScreen()


def _people() -> Screen:
    from comite.tui.screens.people import PeopleScreen

    return PeopleScreen()


def _meetings() -> Screen:
    from comite.tui.screens.meetings import MeetingsScreen

    return MeetingsScreen()


def _charters() -> Screen:
    from comite.tui.screens.charters import ChartersScreen

    return ChartersScreen()


def _recruitment() -> Screen:
    from comite.tui.screens.recruitment import RecruitmentScreen

    return RecruitmentScreen()


# The sections whose screens (and the pages pushed over them) show one database's records.
SECTION_MODES = {"committees": _committees, "people": _people, "meetings": _meetings,
                 "charters": _charters, "recruitment": _recruitment}


class ComiteApp(ReportsUnexpectedErrors, App[None]):
    CSS_PATH = "comite.tcss"
    TITLE = "comite"
    BINDINGS: ClassVar = [*commands.bindings(*commands.GLOBAL),
                          # Over a window (a form, a question) Textual offers the app's keys
                          # only when they come first: F1 and F3 act there too (OVER_A_WINDOW).
                          Binding("f1", "help", show=False, priority=True),
                          Binding("f3", "change_theme", show=False, priority=True)]
    COMMANDS: ClassVar = {*App.COMMANDS, SearchProvider}
    # The mailbox's state after the sections (« ✉ hors ligne »); '' while all is well.
    mailbox_status: reactive[str] = reactive("")
    # The shared calendar's, after it (« 📅 2 en attente »); '' while all is published.
    calendar_status: reactive[str] = reactive("")
    # The dashboard is the default screen ("_default" mode, built by get_default_screen):
    # a mode listed in MODES makes Textual parse every style sheet again when its first
    # screen is made, which start-up cannot afford (see on_mount).
    DASHBOARD = "_default"
    MODES: ClassVar = dict(SECTION_MODES)

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
        # A name of its own: `_closing` is Textual's (MessagePump), never to be written here.
        self._unmounted = False
        self._inbox: FolderWatcher | None = None
        self._templates: FolderWatcher | None = None  # the charter templates folder's
        self._catalog_loaded = False  # the charter templates were read into this store
        self.template_problems: list = []  # the user's templates refused, with why (TemplateProblem)
        self.templates_watched = False
        # Backups (comite.tui.backups): the passphrase typed this session when no keyring keeps
        # it, why the last automatic backup failed (the dashboard says it), one at a time.
        self.backup_passphrase: str | None = None
        self.backup_problem: str | None = None
        self.backing_up = False
        self.mailbox_watcher = None  # comite.tui.mailbox: the coordinator's mailbox, read live
        self.calendar_keeper = None  # comite.tui.shared_calendar: publishes the meetings' dates

    @property
    def today(self) -> date:
        return self._today or clock.today()

    @property
    def example_open(self) -> bool:
        """The example data is open in place of the coordinator's own."""
        return self._real_path is not None

    def on_open_person(self, message: OpenPerson) -> None:
        from comite.tui.screens.person import PersonScreen

        self.push_screen(PersonScreen(message.person_id))

    def on_open_committee(self, message: OpenCommittee) -> None:
        from comite.tui.screens.committee import CommitteeScreen

        self.push_screen(CommitteeScreen(message.committee_id))

    def on_mount(self) -> None:
        # Once the dashboard is up, let switch_mode come back to it. Textual's add_mode
        # refuses the name "_default", hence its private table (see install_mode).
        install_mode(self, self.DASHBOARD, _dashboard)
        if self.settings.theme != self.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme  # a change of theme parses the styles again
        log.info("opened, schema v%s", self.store.schema_version())
        if self._settings_warning:
            self.notify(self._settings_warning, severity="warning", timeout=10)
        # After the first frame: the watchers' imports must not delay it.
        self.set_timer(0.5, self.start_inbox)
        self.set_timer(0.6, self.start_templates)
        self.set_timer(0.7, self.start_mailbox)
        self.set_timer(0.8, self.start_calendar)
        self.call_after_refresh(self.finish_erasures)
        from comite.tui import backups

        backups.start(self)
        self._welcome_if_empty()

    def _welcome_if_empty(self) -> None:
        """An empty base is greeted: create one's structure, or explore the example."""
        if self._welcome and self.store.is_empty():
            from comite.tui.dialogs.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), self._after_welcome)

    def finish_erasures(self) -> None:
        """An erasure stopped before its files were swept is finished now, in a thread."""
        from comite.tui.person_actions import finish_erasures

        finish_erasures(self)

    def on_unmount(self) -> None:
        self._unmounted = True  # a start-up timer firing now must not start a watcher
        # Waited for: the store closes next, under a scan that would otherwise fail midway.
        # (The watchers post nothing now: `is_running` is already False.)
        self.stop_watchers(wait=True)

    def start_inbox(self) -> None:
        """Watch the inbox folder in a thread: replies dropped there reach the open screens.

        A watcher already running is stopped: the new one starts with a full scan.
        """
        store, folder = self.store, self.settings.folder("inbox")
        organizers = (self.settings.coordinator_email,)
        # The data folder's own inbox is made at need; a folder chosen in F2 that is gone (a
        # drive unplugged, a share not mounted) is said, never made again in its place.
        chosen = bool(self.settings.inbox)

        def open_inbox() -> "Scanner[list] | None":
            from comite.sync.inbox import Inbox, InboxScanner
            from comite.usecases import paths

            try:
                if chosen and not folder.is_dir():
                    raise FileNotFoundError(errno.ENOENT, "", str(folder))
                folder.mkdir(parents=True, exist_ok=True)
                return InboxScanner(Inbox(folder, store, charter_pieces=paths.charter_pieces_dir(),
                                          trusted=paths.trusted_certificates(),
                                          organizers=organizers))
            except OSError as error:
                self.post_from_thread(self.notify, _("La boîte de réception {folder} n’est pas surveillée : "
                                          "{why}").format(folder=folder, why=system_reason(error)),
                           severity="warning", timeout=10)
                return None

        self._inbox = self._start_watcher(self._inbox, "comite-inbox", open_inbox,
                                          self._post_inbox_results, on_fault=self._post_inbox_fault)

    def start_mailbox(self) -> None:
        """Read the coordinator's mailbox, when the settings name one (comite.tui.mailbox)."""
        from comite.tui import mailbox

        mailbox.start(self)

    def start_calendar(self) -> None:
        """Publish the meetings' dates to the shared calendar and the feeds, when the settings
        name either (comite.tui.shared_calendar)."""
        if not self.watching:
            return
        if self.calendar_keeper is None:
            from comite.tui.shared_calendar import CalendarKeeper

            self.calendar_keeper = CalendarKeeper(self)
        self.calendar_keeper.start()

    @property
    def watching(self) -> bool:
        """Watchers may start: the app was made to watch, and is not closing."""
        return self._watch_inbox and not self._unmounted

    def stop_watchers(self, wait: bool = False) -> None:
        """Stop watching the inbox, the templates folder and the mailbox; with `wait`, until
        their threads end."""
        for watcher in (self._inbox, self._templates, self.mailbox_watcher):
            if watcher:
                watcher.stop(wait=wait)
        self.mailbox_watcher = None
        if self.calendar_keeper is not None:
            self.calendar_keeper.stop()

    def _start_watcher(self, previous: "FolderWatcher | None", name: str,
                       open_scanner: "Callable[[], Scanner | None]",
                       on_results: Callable[[Any], None],
                       on_fault: Callable[[str], None] | None = None) -> "FolderWatcher | None":
        """A watcher in place of `previous`, on a daemon thread of its own (not a worker: the event
        loop's shutdown never waits on it). The scanner is opened on that thread, where its
        imports and first reads do not hold the screen."""
        if not self._watch_inbox or self._unmounted:
            return previous
        from comite.sync.watcher import FolderWatcher

        if previous:
            previous.stop()

        def opened() -> "Scanner | None":
            if previous:
                previous.stop(wait=True)  # one watcher at a time on the folder
            return open_scanner()

        watcher = FolderWatcher(opened, on_results, name=name, on_fault=on_fault)
        watcher.start()
        return watcher

    # ---- charter templates: the catalogue, and the user's folder watched ------------------------

    def templates_folder(self) -> Path:
        """Where the coordinator keeps their own charter templates (they override shipped ones)."""
        from comite.usecases import paths

        return paths.charter_templates_dir()

    def load_charter_catalog(self, *, force: bool = False) -> None:
        """Read the shipped and the user's templates into the store (once per database)."""
        if self._catalog_loaded and not force:
            return
        from comite.sync.charter_catalog import load_catalog

        try:
            catalog = load_catalog(self.templates_folder())
            self.store.charters.sync_catalog(catalog.templates, keep=catalog.held)
        except (StoreError, OSError) as error:
            self.notify(_("Les modèles de charte n’ont pas pu être lus : {why}").format(
                why=system_reason(error) if isinstance(error, OSError) else error.message),
                severity="error", timeout=10)
            return
        self.template_problems = list(catalog.problems)
        self._catalog_loaded = True

    def start_templates(self) -> None:
        """Watch the user's templates folder in a thread: an edit there reaches the store at once.

        A watcher already running is stopped: the new one starts with a full read.
        """
        store, folder = self.store, self.templates_folder()

        def open_templates() -> "Scanner[CatalogNews] | None":
            from comite.sync.charter_catalog import CatalogScanner, sync_catalog

            try:
                # Read once quietly: the templates of a database opened for the first time are
                # no news. The watcher then reports only what changes from here on.
                _change, catalog = sync_catalog(store, folder)
            except (OSError, StoreError) as error:
                self.post_from_thread(self.notify, _("Le dossier de vos modèles de charte {folder} n’est pas "
                                          "surveillé : {why}").format(
                    folder=folder, why=getattr(error, "message", None) or system_reason(error)),
                           severity="warning", timeout=10)
                return None
            self.post_from_thread(self._templates_read, list(catalog.problems))
            return CatalogScanner(store, folder)

        self._templates = self._start_watcher(self._templates, "comite-templates", open_templates,
                                              self._post_templates_change)

    def _templates_read(self, problems: list) -> None:
        self.template_problems = problems
        self._catalog_loaded = True
        self.templates_watched = True  # from now on, a change in the folder is news
        if getattr(self.screen, "SECTION", "") == "charters":
            self.refresh_section()

    def _post_templates_change(self, news: "CatalogNews") -> None:
        change, problems = news
        self.post_from_thread(self._templates_changed, change, problems)

    def _templates_changed(self, change, problems: list) -> None:
        """Say what changed in the catalogue, in the words of the coordinator, then show it."""
        refused = [p for p in problems if p not in self.template_problems]
        self.template_problems = list(problems)
        self._catalog_loaded = True
        for message in template_change_messages(self.store, change):
            self.notify(message, severity="warning" if change.to_resign else "information",
                        timeout=10)
        if refused:
            from comite.tui.wording import problem_text

            for problem in refused:
                self.notify(_("Modèle refusé — {why}").format(why=problem_text(problem)),
                            severity="error", timeout=12)
        log.info("charter templates: %d added, %d changed, %d removed, %d refused",
                 len(change.added), len(change.changed), len(change.removed), len(problems))
        self.refresh_section()

    def post_from_thread(self, callback: Callable[..., object], *args: object,
                         **kwargs: object) -> None:
        # The watcher may report while the app shuts down: nothing is left to show it then.
        if self.is_running:
            with contextlib.suppress(RuntimeError):
                self.call_from_thread(callback, *args, **kwargs)

    def _post_inbox_results(self, results: list) -> None:
        self.post_from_thread(self._inbox_results, results)

    def _post_inbox_fault(self, message: str) -> None:
        """Once per fault (a full disk…): the watcher tries again, later and later, on its own."""
        self.post_from_thread(self.notify, _("Boîte de réception : {message} Nouvel essai "
                                             "automatique, de plus en plus espacé.").format(
            message=message), severity="error", timeout=15)

    def _inbox_results(self, results: list) -> None:
        from comite.tui.wording import INBOX_WORDS

        self.tell_results("inbox", _("Boîte de réception : "), results, INBOX_WORDS)

    def tell_results(self, label: str, where: str, results: list,
                     words: tuple[tuple[str, str], ...]) -> None:
        """What a reading of the inbox or the mailbox (`label`, for the log) did, in one toast;
        the screen shown again. `words`: (one, many) for what was read, then set aside."""
        done = sum(1 for r in results if r.outcome == "processed")
        aside = sum(1 for r in results if r.outcome == "quarantined")
        log.info("%s: %d processed, %d quarantined", label, done, aside)
        (read_one, read_many), (aside_one, aside_many) = words
        parts = [plural.count(done, read_one, read_many)] if done else []
        if aside:
            parts.append(plural.count(aside, aside_one, aside_many)
                         + _(" : voir la boîte de réception (4 puis b)"))
        if parts:
            self.notify(where + " ; ".join(parts) + ".",
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

    def on_notify(self, event: Notify) -> None:
        """One toast at a time of each kind: a newer information replaces the information shown,
        a newer warning the warning, so that three toasts never pile up over a grid or a form.
        An error stays its whole time (each says something failed) unless the same one comes
        again. Where they show, top right and below the section bar: comite.tcss."""
        new = event.notification
        for shown in notifications(self):
            if shown.identity != new.identity and shown.severity == new.severity and (
                    new.severity != "error" or shown.message == new.message):
                forget_notification(self, shown)

    def save_settings(self, new: settings_file.Settings) -> None:
        try:
            settings_file.save(new)
        except OSError as error:
            self.notify(_("Réglages non enregistrés : {why}").format(why=system_reason(error)),
                        severity="error")
            return
        self.settings = new

    def _after_welcome(self, choice: str | None) -> None:
        if choice == "example":
            self.open_example()
        elif choice == "structure":
            from comite.tui.dialogs.structure_form import StructureForm

            self.push_screen(StructureForm(), self._after_first_structure)

    def _after_first_structure(self, structure: object) -> None:
        if structure is not None:
            self.switch_mode("committees")
            self.notify(_("Structure créée. Créez maintenant son comité avec « n »."))

    def open_example(self) -> None:
        """Switch to the example database, filled on first use, kept apart from real data."""
        from comite.usecases import paths

        def fill(example: Store) -> None:
            if example.is_empty():  # people and charters in one transaction: never half filled
                from comite.usecases.demo import fill_demo

                fill_demo(example, self.today, paths.charter_templates_dir())

        if self._switch_to(paths.example_db(), prepare=fill):
            self._real_path = self._real_path or self._previous_path
            self.mailbox_status = ""  # the coordinator's mailbox is not read into the example
            self.start_calendar()  # nor is the example published
            # Short, so that the section bar keeps its names at 80 columns; the toast says it
            # in words.
            self.sub_title = _("exemple · F4")
            self.notify(_("Vous explorez des données d’exemple, rangées à part dans {path}. "
                          "F4 revient à vos données.").format(path=self.store.path), timeout=8)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F4 goes to the example data or back: only the one that can act is bound, and listed
        in the palette."""
        if action == "leave_example":
            return self.example_open
        if action == "open_example":
            return not self.example_open
        return True

    def action_open_example(self) -> None:
        if not self._no_window_open():
            return
        self.open_example()

    def action_leave_example(self) -> None:
        if not self._real_path:
            self.notify(_("Vous êtes déjà sur vos données."))
            return
        if not self._no_window_open():
            return
        if self._switch_to(self._real_path):
            self._real_path = None
            self.start_mailbox()
            self.start_calendar()
            self.sub_title = ""
            self.notify(_("Retour à vos données : {path}.").format(path=self.store.path))
            self._welcome_if_empty()  # an empty base is greeted again, as at the first start

    def _no_window_open(self) -> bool:
        """Another base replaces this one's pages: a form or a question open would go with them."""
        if isinstance(self.screen, ModalScreen):
            self.notify(_("Fermez d’abord cette fenêtre (Échap)."), severity="warning")
            return False
        return True

    def _switch_to(self, path: Path, prepare: Callable[[Store], None] | None = None) -> bool:
        """Open another database in place of the current one; say why if it cannot be."""
        from comite.store import open_store

        try:
            other = open_store(path, actor=self.store.actor)
            if prepare:
                prepare(other)
        except StoreError as error:
            self.notify(error.message, severity="error", timeout=10)
            return False
        self._previous_path = self.store.path
        self.stop_watchers(wait=True)  # their threads use the store about to be closed
        self.store.close()
        self.store = other
        self._catalog_loaded = False  # the templates are read into the other database when shown
        self._forget_screens()
        self.refresh_section()
        self.start_inbox()
        self.start_templates()
        self.finish_erasures()
        return True

    def _forget_screens(self) -> None:
        """Screens showing the other database's records go: back to a fresh dashboard."""
        if self.current_mode != self.DASHBOARD:
            self.switch_mode(self.DASHBOARD)
        while len(self.screen_stack) > 1:
            self.pop_screen()
        for name, factory in SECTION_MODES.items():
            self.remove_mode(name)
            self.add_mode(name, factory)

    def refresh_section(self) -> None:
        reload = getattr(self.screen, "reload", None)
        # A page pushed but not yet mounted has no widgets to fill; its mount reads the store.
        if reload and self.screen.is_mounted:
            reload()

    async def action_quit(self) -> None:
        """Quit, but never silently drop a form that has something typed in it."""
        from comite.tui.dialogs.form import FormScreen

        # Forms, and the pages that hold typing of their own (a charter's values) until it is used.
        typed = [screen for screen in self._every_screen()
                 if (isinstance(screen, FormScreen) or getattr(screen, "HOLDS_TYPING", False))
                 and screen.has_changes()]
        if not typed:
            self.exit()
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        ConfirmScreen.ask(
            self, _("Quitter sans enregistrer ?"),
            [_("Un formulaire contient une saisie non enregistrée ; elle sera perdue.")],
            confirm=_("Quitter quand même"), cancel=_("Revenir à la saisie"), then=self.exit)

    def _every_screen(self) -> list[Screen]:
        """The screens of every section, not only the one shown: typing waits in each."""
        stacks = screen_stacks(self, (self.DASHBOARD, *SECTION_MODES))  # one stack per mode
        return [screen for stack in stacks.values() for screen in stack]

    def get_default_screen(self) -> Screen:
        return _dashboard()

    def action_section(self, name: str) -> None:
        mode = self.DASHBOARD if name == "dashboard" else name
        if self.current_mode != mode:
            self.switch_mode(mode)
        elif len(self.screen_stack) > 1:
            self._back_to_section()

    def _back_to_section(self) -> None:
        """The key of the section one is in, on a page above its list: back to the list (asking
        first when a page holds typing not yet used, as a charter's values)."""
        def back() -> None:
            while len(self.screen_stack) > 1:
                self.pop_screen()

        if any(getattr(screen, "HOLDS_TYPING", False) and screen.has_changes()
               for screen in self.screen_stack[1:]):
            from comite.tui.dialogs.confirm import ConfirmScreen

            ConfirmScreen.ask(self, _("Abandonner les valeurs tapées ?"),
                              [_("Une page contient une saisie qui n’a pas encore servi ; elle "
                                 "sera perdue.")],
                              confirm=_("Abandonner"), cancel=_("Revenir à la saisie"), then=back)
            return
        back()

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if not CommandPalette.is_open(self):
            self.push_screen(french_palette(
                placeholder=_("Une action, une personne, un comité…"), id="--command-palette"))

    def action_change_theme(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(french_palette(providers=[ThemeProvider],
                                        placeholder=_("Choisir un thème de couleurs…")))

    def action_help(self) -> None:
        from comite.tui.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()  # F1 comes here first, even over the help it opened
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_settings(self) -> None:
        from comite.tui.dialogs.settings_form import SettingsForm

        last = None if self.example_open else self.store.backups.last()
        self.push_screen(SettingsForm(self.settings, last_backup=last), self._after_settings)

    def _after_settings(self, new: settings_file.Settings | None) -> None:
        if new is not None:
            # The watcher knows the inbox folder and the coordinator's address (the organizer).
            moved = (new.folder("inbox") != self.settings.folder("inbox")
                     or new.coordinator_email != self.settings.coordinator_email)
            chosen = new.backup_folder.strip() and new.backup_folder != self.settings.backup_folder
            mailbox = _mailbox_settings(new) != _mailbox_settings(self.settings)
            previous = self.settings
            self.save_settings(new)
            if moved:
                self.start_inbox()
            if mailbox or (moved and settings_file.mailbox_wanted(new)):
                self.start_mailbox()
            if _calendar_settings(new) != _calendar_settings(previous):
                self.start_calendar()
            self.notify(_("Réglages enregistrés dans {path}.").format(
                path=settings_file.settings_file()))
            if new.backup_folder.strip():
                from comite.tui import backups

                backups.ensure_passphrase(self, then=lambda: backups.back_up(self, now=bool(chosen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The page's commands, then the app's: each once, and only those that can act now."""
        offered = (commands.OVER_A_WINDOW if isinstance(screen, ModalScreen)
                   else (*getattr(screen, "HERE", ()), *commands.GLOBAL))
        for command in self.acting(*offered):
            yield SystemCommand(command.palette_name, command.help,
                                _runner(screen, command.action))

    def acting(self, *offered: Command) -> tuple[Command, ...]:
        """Each of the `offered` commands once, and only those that can act now (F4 opens the
        example or leaves it): what the palette and F1 list."""
        return tuple(command for command in commands.unique(*offered)
                     if not command.action.startswith("app.")
                     or self.check_action(command.action.removeprefix("app.").split("(")[0], ()))

    def unexpected_error_report(self, error: BaseException | None) -> Text:
        # In place of Textual's own report, whose local variables may hold personal data.
        if error is not None:
            logs.log_unexpected(error)
        return Text(_(
            "comite s’est arrêté sur une erreur inattendue ; vos saisies enregistrées sont "
            "dans la base. Le détail technique (sans données personnelles) est dans le "
            "journal : comite check indique où il se trouve."))


def _runner(screen: Screen, action: str):
    def run() -> None:
        screen.call_later(screen.run_action, action)

    return run


def template_change_messages(store: Store, change) -> list[str]:
    """« Modèle X modifié : N chartes à re-signer », and the templates added or gone."""
    def title(template_id: str) -> str:
        try:
            return store.charters.template(template_id).title
        except StoreError:
            return template_id

    messages = []
    for template_id in change.changed:
        messages.append(_("Modèle « {title} » modifié : {n} à re-signer.").format(
            title=title(template_id), n=_charters_count(change.to_resign)))
    for template_id in change.added:
        messages.append(_("Nouveau modèle de charte : « {title} ».").format(title=title(template_id)))
    for template_id in change.removed:
        messages.append(_("Modèle de charte retiré : {id} (les chartes déjà produites le gardent)."
                          ).format(id=template_id))
    return messages


def _charters_count(n: int) -> str:
    return _("aucune charte") if n == 0 else plural.count(n, _("charte"), _("chartes"))


def _mailbox_settings(settings: settings_file.Settings) -> tuple[str, ...]:
    """What the mailbox's reader is made from: a change restarts it."""
    return (settings.imap_host, settings.imap_port, settings.imap_user, settings.imap_security,
            settings.imap_folder, settings.imap_certificate, settings.coordinator_email)


def _calendar_settings(settings: settings_file.Settings) -> tuple[str, ...]:
    """What the publication to the shared calendar and the feeds is made from."""
    return (settings.caldav_url, settings.caldav_user, settings.caldav_certificate,
            settings.feed_folder)
