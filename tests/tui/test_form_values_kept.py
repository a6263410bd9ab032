"""Issue 14: a form changes what the coordinator changed, and nothing else.

Moving a convened meeting by its date alone kept nothing of its place; a placeholder such as
« 18:30 » or « coordination@example.org » looked like a value already typed. Here: the slot
form and F2 keep every field not touched, and every placeholder in the app says it is an
example (« ex. … »), a default (« par défaut : … ») or an instruction listed below with why.
"""

import ast
from dataclasses import replace
from pathlib import Path

from textual.widgets import Input

from comite.store.meeting_models import MeetingStatus, SlotStatus
from comite.tui.dialogs.charter_forms import VALUE_FIELDS
from comite.tui.dialogs.settings_form import SettingsForm
from comite.tui.dialogs.slot_form import SlotForm
from comite.tui.screens.meeting import MeetingScreen
from comite.usecases import settings
from comite.usecases.settings import Settings
from tests.tui.conftest import make_app, move_to, retype, type_text, wait_for

TUI = Path(__file__).resolve().parents[2] / "tui"

# ---- the slot form ---------------------------------------------------------------------------


async def test_moving_a_convened_meeting_by_its_date_keeps_its_place_and_the_rest(demo_store):
    convened = next(m for m in demo_store.meetings.all()
                    if m.status is MeetingStatus.CONVENED and m.place)
    before = demo_store.meetings.detail(convened.id)
    chosen = before.chosen_slot
    assert chosen.place == "", "the trap: the chosen slot uses the meeting's place"
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(MeetingScreen(convened.id))
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.screen.detail)
        column = next(i for i, s in enumerate(app.screen.detail.slots)
                      if s.status is SlotStatus.CHOSEN)
        await move_to(pilot, 0, column)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, SlotForm))
        place = app.screen.query_one("#place", Input)
        assert place.value == "", "the field stays empty: the slot has no place of its own"
        assert place.placeholder == f"lieu de la réunion : {convened.place}"
        await retype(pilot, "date", "15/12/2026")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingScreen))
    after = demo_store.meetings.detail(convened.id)
    assert after.meeting.place == convened.place
    assert after.chosen_slot.starts_at.date().isoformat() == "2026-12-15"
    assert after.chosen_slot.starts_at.time() == chosen.starts_at.time()
    assert after.chosen_slot.place == ""
    moved_only = replace(convened, starts_at=after.meeting.starts_at, answered=after.meeting.answered)
    assert after.meeting == moved_only, "only the start (and the answers, asked again) changed"


# ---- F2 -------------------------------------------------------------------------------------


async def test_settings_change_one_field_and_keep_every_other(demo_store, tmp_path):
    saved = Settings(coordinator_name="Claire Coordination",
                     coordinator_email="claire@msp-tilleuls.fr", coordinator_phone="",
                     timezone="America/Cayenne", inbox="", outbox=str(tmp_path / "envoi"),
                     exports="", smtp_host="", smtp_port="465", smtp_user="claire",
                     smtp_security="ssl")
    settings.save(saved)
    loaded = settings.load()[0]
    assert loaded == saved
    app = make_app(demo_store, settings=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsForm))
        phone = app.screen.query_one("#coordinator_phone", Input)
        phone.focus()
        await type_text(pilot, "05 94 00 00 00")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, SettingsForm))
    assert settings.load()[0] == replace(saved, coordinator_phone="05 94 00 00 00"), \
        "empty fields stay empty: no placeholder is ever saved"


# ---- placeholders ---------------------------------------------------------------------------

EXAMPLE = ("ex. ", "par ex. ")
DEFAULT = "par défaut : "  # what an empty field means, said as such (settings)

# Instructions, formats and descriptions: none could be taken for something already typed.
INSTRUCTIONS = {
    "JJ/MM/AAAA": "a date's format, in letters",
    "Prénom Nom": "what to write, not anybody's name",
    "Prénom Nom, fonction": "what to write, not anybody's name",
    "commune ou quartier": "what to write",
    "vide : écrit à la main": "says what an empty field does",
    "lieu de la réunion : {place}": "the slot's place when empty: the meeting's, named as such",
    "lieu de la réunion : pas encore fixé": "the slot's place when empty: the meeting's, none yet",
    "Chemin du PDF, puis Entrée": "an instruction",
    "Chemin du PDF ou de l’image (facultatif)": "an instruction",
    "Chemin de l’image (facultatif)": "an instruction",
    "Chemin du fichier PDF (facultatif)": "an instruction",
    "Chemin du fichier CSV, puis Entrée": "an instruction",
    "Chemin du PDF ou de l’image": "an instruction",
    "Chemin du PDF ou de la photo, puis Entrée": "an instruction",
    "facultatif : ce qui a été fait, ce qui en est sorti": "what to write, said optional",
    "Une action, une personne, un comité…": "the palette's search line",
    "Choisir un thème de couleurs…": "the theme picker's search line",
    "Rechercher : nom, e-mail, profession, association…": "a search line",
    "Tapez quelques lettres du nom…": "a search line",
    "Les notes du point en cours…": "an empty notes area, described",
    "Les notes de ce point…": "an empty notes area, described",
    "Ce qui ne doit pas être diffusé…": "an empty notes area, described",
}

# Placeholders that are not written where they are used: each is checked where it comes from.
PASSED_THROUGH = {
    ("dialogs/charter_forms.py", "placeholder"): "VALUE_FIELDS, checked below",
    ("dialogs/file_picker.py", "self.placeholder"): "the parameter's default, checked",
    ("widgets/path_input.py", "self.placeholder"): "the parameter's default, checked",
}


def _texts(node: ast.expr) -> list[str] | None:
    """The literal texts a placeholder expression can show, or None if it is not literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
        return _texts(node.args[0])
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "format":
        return _texts(node.func.value)
    if isinstance(node, ast.IfExp):
        body, orelse = _texts(node.body), _texts(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def _placeholders() -> list[tuple[str, ast.expr]]:
    found = []
    for path in sorted(TUI.rglob("*.py")):
        where = path.relative_to(TUI).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "placeholder":
                found.append((where, node.value))
            elif isinstance(node, ast.arguments):
                named = [*node.posonlyargs, *node.args]
                pairs = [*zip(named[len(named) - len(node.defaults):], node.defaults, strict=True),
                         *((a, d) for a, d in zip(node.kwonlyargs, node.kw_defaults, strict=True)
                           if d is not None)]
                found += [(where, default) for arg, default in pairs if arg.arg == "placeholder"]
    return found


def _refusal(text: str) -> str | None:
    if text.startswith(EXAMPLE) or text.startswith(DEFAULT) or text in INSTRUCTIONS:
        return None
    return f"« {text} » looks like a value: write « ex. {text} », or list it with a reason"


def test_every_placeholder_says_it_is_an_example_or_an_instruction():
    refused, passed, seen = [], set(), set()
    for where, node in _placeholders():
        texts = _texts(node)
        if texts is None:
            key = (where, ast.unparse(node))
            if key not in PASSED_THROUGH:
                refused.append(f"{where}: placeholder={key[1]} is not literal: list it")
            passed.add(key)
            continue
        seen.update(texts)
        refused += [f"{where}: {why}" for why in map(_refusal, texts) if why]
    refused += [f"charter_forms.py VALUE_FIELDS: {why}"
                for why in (_refusal(hint) for _key, _label, hint in VALUE_FIELDS) if why]
    seen.update(hint for _key, _label, hint in VALUE_FIELDS)
    assert not refused, "\n".join(refused)
    assert not set(PASSED_THROUGH) - passed, "stale entries in PASSED_THROUGH"
    assert not set(INSTRUCTIONS) - seen, "stale entries in INSTRUCTIONS"


def test_the_scan_finds_the_placeholders_it_should():
    texts = {text for _where, node in _placeholders() for text in (_texts(node) or ())}
    assert {"ex. 18:30", "ex. coordination@example.org", "JJ/MM/AAAA"} <= texts
    assert _refusal("18:30") and _refusal("coordination@example.org")


def test_no_code_reads_a_placeholder_into_a_value():
    """A placeholder is only ever handed on as a placeholder: never read into a value."""
    for path in sorted(TUI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        handed_on = {id(k.value) for k in ast.walk(tree)
                     if isinstance(k, ast.keyword) and k.arg == "placeholder"}
        reads = [node for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                 and node.attr == "placeholder" and isinstance(node.ctx, ast.Load)]
        assert all(id(node) in handed_on for node in reads), path
