"""Every key a screen names does something (issue 20: « at 80×24, every key does what the screen
says »). For each screen of the example data, and the main dialogs, the keys its footer shows and
its F1 help lists (the `Command` objects, the dialog's bindings) are pressed one by one, from the
screen as a coordinator finds it (a row under the cursor where a key needs one): each must change
what is shown (another screen, a dialog, a notification, the focus, or anything visible), and
none may end the app. A key going « to » where one already is (the section's own key on its list,
a tab's key on that tab) must leave one there.

When a key here does nothing, the screen is what needs fixing, not this test.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, OptionList

from comite.tui import commands
from comite.tui.app import SECTION_MODES
from comite.tui.commands import Command
from comite.tui.screens.base import BaseScreen, is_text_field
from comite.tui.textual_private import notifications, painted_lines
from comite.tui.widgets.key_bar import KeyBar
from tests.tui.conftest import make_app, move_to, type_text, wait_for

Pilot = object  # textual.pilot.Pilot
Step = Callable[[Pilot], Awaitable[None]]


@dataclass(frozen=True)
class Stop:
    """A screen as a coordinator finds it: its section, the page pushed over the section's list
    (if any), and what to do once it is shown (a row under the cursor, the focus in a field)."""

    name: str
    section: str
    page: Callable[[object], Screen] | None = None
    then: Step | None = None
    typing: bool = False  # the keys of the screen's text field (TYPING), the focus in it
    last: tuple[str, ...] = ()  # actions pressed after all others: they take the row away
    data: Callable[[object], None] | None = None  # more example data, before the app starts
    before: tuple[tuple[str, Step], ...] = ()  # (action, what it needs first: a page before…)
    # The app's own keys (sections, F1, F2, Ctrl+P…) are pressed on the screens named in issue
    # 20; elsewhere a test checks that no key of the page hides one of them.
    everywhere: bool = True


# ---- getting there ------------------------------------------------------------------------------

async def settle(pilot) -> None:
    """Until what is shown stops changing (a list filled in a thread, a preview after a delay)."""
    app = pilot.app
    before = painted_lines(app, styled=True)
    for _ in range(50):
        await pilot.pause(0.02)
        now = painted_lines(app, styled=True)
        if now == before:
            return
        before = now


async def idle(pilot) -> None:
    """Until the work a key started in a thread is over (a PDF, an import: run_in_thread, on a
    page, a dialog or the app; a folder tree's loader runs as long as its tree)."""
    await wait_for(pilot, lambda: all(worker.is_finished for worker in pilot.app.workers
                                      if isinstance(worker.node, Screen | App)), timeout=30)


async def arrive(pilot, stop: Stop) -> None:
    app = pilot.app
    await idle(pilot)
    while isinstance(app.screen, ModalScreen):
        app.pop_screen()
        await pilot.pause()
    mode = app.DASHBOARD if stop.section == "dashboard" else stop.section
    if stop.page is None and stop.section != "dashboard":
        # A fresh section list each time: a filter or a toggle an earlier key left there is
        # not this key's doing.
        if app.current_mode == mode:
            await app.switch_mode(app.DASHBOARD)
        await app.remove_mode(mode)
        app.add_mode(mode, SECTION_MODES[mode])
    if app.current_mode != mode:
        await app.switch_mode(mode)
    while len(app.screen_stack) > 1:
        app.pop_screen()
    if stop.page is not None:
        page = stop.page(app)
        app.push_screen(page)
        await wait_for(pilot, lambda: app.screen is page and page.is_mounted)
    await pilot.pause()
    if stop.then is not None:
        await stop.then(pilot)
    await settle(pilot)
    app.clear_notifications()
    await pilot.pause()


def cursor(selector: str, row: int = 0) -> Step:
    async def place(pilot) -> None:
        widget = pilot.app.screen.query_one(selector)
        await wait_for(pilot, lambda: (widget.row_count if isinstance(widget, DataTable)
                                       else widget.option_count) > row)
        pilot.app.screen.set_focus(widget)
        if isinstance(widget, DataTable):
            widget.move_cursor(row=row)
        else:
            widget.highlighted = row
        await pilot.pause()
    return place


def steps(*all_steps: Step) -> Step:
    async def run(pilot) -> None:
        for step in all_steps:
            await step(pilot)
    return run


async def next_page(pilot) -> None:
    """« Page précédente » needs a page before: the next one first."""
    screen = pilot.app.screen
    await pilot.press("f8")
    await wait_for(pilot, lambda: len(screen.page_starts) == 2 and screen.page is not None)


async def search_typed(pilot) -> None:
    await pilot.press("slash", "end", "ctrl+u")  # what an earlier key left typed goes
    await type_text(pilot, "ma")
    await wait_for(pilot, lambda: pilot.app.screen.shown_text == "ma")


_CELLS: dict[int, tuple[int, int]] = {}  # per app: the grid's cell the walk works on


async def on_a_grid_cell(pilot) -> None:
    """A person and a slot with no answer at first: « o », « s », « n », then Suppr, each
    change it (the same cell at every arrival)."""
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.detail is not None)
    detail = screen.detail
    if id(pilot.app) not in _CELLS:
        _CELLS[id(pilot.app)] = next((row, column) for row, invitee in enumerate(detail.invitees)
                                     for column, slot in enumerate(detail.slots)
                                     if detail.vote(invitee.id, slot.id) is None)
    await move_to(pilot, *_CELLS[id(pilot.app)])


_CARDS: dict[int, int] = {}  # per app: the candidacy the walk works on


def three_contacted(store) -> None:
    """Three cards in « Contacté(e) », a column in the middle: ←, →, ↑ and ↓ all have somewhere
    to go from the middle one."""
    from comite.store.committee_models import Role
    from comite.store.recruitment import CandidateInput
    from comite.store.recruitment_models import Source, Stage
    from tests.example_store import TODAY

    candidates = {c.person_id for cards in store.recruitment.board(include_closed=True).values()
                  for c in cards}
    for person in [r for r in store.people.page(limit=100).rows if r.id not in candidates][:2]:
        added = store.recruitment.add(person.id, CandidateInput(
            role=Role.PEER_HELPER, source=Source.SPONTANEOUS), TODAY)
        store.recruitment.move(added.id, Stage.CONTACTED, TODAY)


async def on_a_card(pilot) -> None:
    """The middle card of « Contacté(e) »; the same candidacy at every arrival, wherever the
    keys have moved it (« > » then « < » bring it back)."""
    screen = pilot.app.screen
    await wait_for(pilot, lambda: any(screen.board.values()))
    if id(pilot.app) not in _CARDS:
        _CARDS[id(pilot.app)] = next(cards[1].id for stage, cards in screen.board.items()
                                     if stage.value == "contacted")
    screen.select(_CARDS[id(pilot.app)])
    screen.show()
    await pilot.pause()


async def in_the_notes(pilot) -> None:
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.query("#notes"))
    screen.query_one("#sections", OptionList).focus()
    await pilot.pause()
    sections = screen.query_one("#sections", OptionList)
    item = next(i for i in range(sections.option_count)
                if (sections.get_option_at_index(i).id or "").startswith("item"))
    sections.highlighted = item
    await pilot.press("enter")
    await wait_for(pilot, lambda: is_text_field(pilot.app.focused))


async def out_of_the_fields(pilot) -> None:
    await wait_for(pilot, lambda: is_text_field(pilot.app.focused))  # its first empty field
    await pilot.press("escape")


def member_of(app, committee_id: int) -> int:
    return app.store.memberships.of_committee(committee_id)[0].person_id


def page(factory: Callable[[object], Screen]) -> Callable[[object], Screen]:
    return factory


def _committee(app):
    from comite.tui.screens.committee import CommitteeScreen
    return CommitteeScreen(1)


def _person(app):
    from comite.tui.screens.person import PersonScreen
    return PersonScreen(member_of(app, 1))


def _meeting(app):
    from comite.tui.screens.meeting import MeetingScreen
    return MeetingScreen(_poll(app))


def _poll(app) -> int:
    return next(m.id for m in app.store.meetings.all() if m.status.value == "poll")


def _held(app) -> int:
    return next(m.id for m in app.store.meetings.all() if m.status.value == "held")


def _agenda(app):
    from comite.tui.screens.agenda import AgendaScreen
    return AgendaScreen(_poll(app))


def _minutes(app):
    from comite.tui.screens.minutes import MinutesScreen
    return MinutesScreen(_held(app))


def _charter(app):
    from comite.tui.screens.charter import CharterScreen
    e = next(e for e in app.store.charters.engagements() if e.charter_id is None)
    return CharterScreen(e.person_id, e.committee_id)


def _candidate(app):
    from comite.tui.screens.candidate import CandidateScreen
    board = app.store.recruitment.board(include_closed=True)
    return CandidateScreen(next(c.id for cards in board.values() for c in cards))


def _composition(app):
    from comite.tui.screens.composition import CompositionScreen
    return CompositionScreen(1)


def _criteria(app):
    from comite.tui.screens.criteria import CriteriaScreen
    return CriteriaScreen(1)


def _inbox(app):
    from comite.tui.screens.inbox import InboxScreen
    return InboxScreen()


def _retention(app):
    from comite.tui.screens.retention import RetentionScreen
    return RetentionScreen()


# The screens issue 20 names first (every key they name, the app's own included), then the
# other pages of the example data (their own keys).
STOPS = [
    Stop("dashboard", "dashboard", then=cursor("#committees")),
    Stop("committees", "committees", then=cursor("#committees")),
    Stop("committee", "committees", _committee, cursor("#members", 1)),
    Stop("people", "people", then=cursor("#people", 1), before=(("previous_page", next_page),)),
    Stop("person", "people", _person, cursor("#memberships")),
    Stop("meetings", "meetings", then=cursor("#meetings")),
    Stop("meeting", "meetings", _meeting, on_a_grid_cell),
    Stop("charters", "charters", then=cursor("#engagements")),
    Stop("recruitment", "recruitment", then=on_a_card, data=three_contacted,
         last=("move(1)", "move(-1)", "move_to")),
    Stop("people-search", "people", then=search_typed, typing=True, everywhere=False),
    Stop("retention", "people", _retention, cursor("#queue"), last=("keep",), everywhere=False),
    Stop("agenda", "meetings", _agenda, cursor("#items", 1), everywhere=False),  # « - »: a row above
    Stop("minutes", "meetings", _minutes, cursor("#sections"), everywhere=False),
    Stop("minutes-notes", "meetings", _minutes, in_the_notes, typing=True, everywhere=False),
    Stop("inbox", "meetings", _inbox, everywhere=False),
    Stop("charter", "charters", _charter, out_of_the_fields, everywhere=False),
    Stop("charter-values", "charters", _charter, typing=True, everywhere=False),
    Stop("candidate", "recruitment", _candidate, everywhere=False),
    Stop("criteria", "committees", _criteria, cursor("#criteria"), everywhere=False),
    Stop("composition", "committees", _composition, everywhere=False),
]
STOP = {stop.name: stop for stop in STOPS}


# ---- what each key must do ----------------------------------------------------------------------

def named_keys(screen: Screen, stop: Stop) -> list[tuple[Command, str]]:
    """The keys the footer shows and F1 lists: one entry per key of each command."""
    if stop.typing:
        listed = list(screen.TYPING)
    else:
        footer = screen.query_one(KeyBar).shown
        listed = [*footer, *(c for c in (*getattr(screen, "HERE", ()), *commands.GLOBAL)
                             if c not in footer)]
        if not stop.everywhere:
            listed = [c for c in listed if c not in commands.GLOBAL]
    seen, keys = set(), []
    for command in listed:
        for key in command.keys.split(","):
            if (command.action, key) not in seen and command is not commands.QUIT:
                seen.add((command.action, key))
                keys.append((command, key))
    return keys


def state(app) -> tuple:
    return (app.current_mode, tuple(map(id, app.screen_stack)),
            tuple(map(id, notifications(app))), id(app.focused),
            tuple(painted_lines(app, styled=True)))


async def press_and_see(pilot, key: str, before: tuple, done=None) -> bool:
    """The key, then until what is shown changes (or `done()` holds): False after 1.5 s."""
    await pilot.press(key)
    for _ in range(75):
        if (done() if done else state(pilot.app) != before):
            return True
        await pilot.pause(0.02)
    return False


def outcome(app, command: Command) -> bool | None:
    """For a key that goes « to » a place: is one there? None for every other key."""
    if command.action.startswith("app.section("):
        name = command.action.split("'")[1]
        mode = app.DASHBOARD if name == "dashboard" else name
        return app.current_mode == mode and len(app.screen_stack) == 1
    if command.action.startswith("show_tab("):
        return app.screen.active_tab() == command.action.split("'")[1]
    return None


async def walk(pilot, stop: Stop) -> list[str]:
    app = pilot.app
    await arrive(pilot, stop)
    # Typing into a field changes what is shown too: the keys of a field are walked with the
    # focus in it (TYPING), every other key with the focus out of any.
    assert is_text_field(app.focused) == stop.typing, f"{stop.name}: the focus is {app.focused}"
    failures = []
    keys = named_keys(app.screen, stop)
    needs = dict(stop.before)
    for command, key in sorted(keys, key=lambda pair: pair[0].action in stop.last):
        await arrive(pilot, stop)
        if command.action in needs:
            await needs[command.action](pilot)
            await settle(pilot)
        where = app.screen
        goes_to = outcome(app, command) is not None
        done = await press_and_see(pilot, key, state(app),
                                   (lambda command=command: outcome(app, command)) if goes_to
                                   else None)
        await idle(pilot)
        assert app.is_running and app.return_code is None, \
            f"{stop.name}: « {key} » ({command.help}) ended the app"
        if not done:
            failures.append(f"{stop.name} ({type(where).__name__}): « {key} » — {command.help}")
    return failures


@pytest.mark.parametrize("stop", STOPS, ids=[s.name for s in STOPS])
async def test_every_key_a_screen_names_does_something(demo_store, stop):
    if stop.data is not None:
        stop.data(demo_store)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        failures = await walk(pilot, stop)
    assert not failures, "\n".join(failures)


# ---- the main dialogs ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Dialog:
    name: str
    stop: Stop
    key: str  # the page's key that opens it


DIALOGS = [
    Dialog("person-form", STOP["people"], "n"),
    Dialog("committee-form", STOP["committees"], "n"),
    Dialog("committee-edit", STOP["committees"], "e"),
    Dialog("membership-form", STOP["committee"], "a"),
    Dialog("meeting-form", STOP["meetings"], "n"),
    Dialog("confirm", STOP["people"], "delete"),
    Dialog("help", STOP["dashboard"], "f1"),
    Dialog("settings", STOP["dashboard"], "f2"),
    Dialog("csv-import", STOP["recruitment"], "i"),
    Dialog("stage-picker", STOP["recruitment"], "m"),
    Dialog("candidate-form", STOP["recruitment"], "n"),
]


def dialog_keys(screen: ModalScreen) -> list[tuple[Binding, str]]:
    """The dialog's own bindings (its buttons name them: « Enregistrer (Ctrl+S) »…)."""
    keys, seen = [], set()
    for cls in type(screen).__mro__:
        if not cls.__module__.startswith("comite."):
            continue  # Textual's own (Tab, copy…): not named by the dialog
        for binding in cls.__dict__.get("BINDINGS", ()):
            for key in binding.key.split(","):
                if key not in seen:
                    seen.add(key)
                    keys.append((binding, key))
    return keys


@pytest.mark.parametrize("dialog", DIALOGS, ids=[d.name for d in DIALOGS])
async def test_every_key_a_dialog_names_does_something(demo_store, dialog):
    if dialog.stop.data is not None:
        dialog.stop.data(demo_store)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        async def open_it() -> ModalScreen:
            await arrive(pilot, dialog.stop)
            await pilot.press(dialog.key)
            await wait_for(pilot, lambda: isinstance(app.screen, ModalScreen))
            await settle(pilot)
            app.clear_notifications()
            await pilot.pause()
            return app.screen

        failures = []
        for binding, key in dialog_keys(await open_it()):
            shown = await open_it()
            changed = await press_and_see(pilot, key, state(app))
            await idle(pilot)
            assert app.is_running and app.return_code is None, f"« {key} » ended the app"
            if not changed:
                failures.append(f"{dialog.name} ({type(shown).__name__}): « {key} » — "
                                f"{binding.description or binding.action}")
    assert not failures, "\n".join(failures)


async def test_ctrl_q_named_everywhere_quits(demo_store):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await arrive(pilot, STOP["person"])
        assert isinstance(app.screen, BaseScreen)
        await pilot.press(commands.QUIT.keys)
        await pilot.pause()
        assert app.return_code == 0


def test_no_page_key_hides_a_key_of_the_app():
    """Where the app's keys are not pressed one by one, they still reach the app: no page binds
    one of them to something else (a digit, F1, Ctrl+P…)."""
    import importlib
    import pkgutil

    import comite.tui.screens as screens

    for module in pkgutil.iter_modules(screens.__path__):
        importlib.import_module(f"comite.tui.screens.{module.name}")
    app_keys = {key: command for command in commands.GLOBAL for key in command.keys.split(",")}
    pages = [cls for cls in _subclasses(BaseScreen) if cls.__module__.startswith("comite.tui.")]
    assert len(pages) > 15
    hidden = [f"{page.__name__}: « {key} » ({command.help})"
              for page in pages for command in page.HERE for key in command.keys.split(",")
              if key in app_keys and command != app_keys[key]]
    assert hidden == []


def _subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]
