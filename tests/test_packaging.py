"""What a fresh install ships: the console script, the styles, the charter templates."""

import shutil
import subprocess
import sys
import tomllib
from importlib import resources
from importlib.metadata import entry_points
from pathlib import Path


def test_charter_templates_are_package_data():
    templates = [f for f in resources.files("comite.templates.charte").iterdir() if f.name.endswith(".md")]
    assert templates, "at least one charter template is shipped"
    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert text.startswith("---\n"), template.name
        front = text.split("---\n")[1]
        assert "id:" in front and "version:" in front and "roles:" in front, template.name


def test_styles_are_package_data():
    assert resources.files("comite.tui").joinpath("comite.tcss").is_file()
    assert resources.files("comite.tui.dialogs").joinpath("dialogs.tcss").is_file()


def test_every_package_folder_is_in_the_wheel():
    """A folder with an __init__.py missing from pyproject's list would be left out of the wheel."""
    root = Path(__file__).resolve().parents[1]
    with (root / "pyproject.toml").open("rb") as handle:
        tool = tomllib.load(handle)["tool"]["setuptools"]
    folders = {folder: package for package, folder in tool["package-dir"].items()}
    found = {folders[init.parent.relative_to(root).parts[0]]
             + "".join("." + part for part in init.parent.relative_to(root).parts[1:])
             for folder in folders for init in (root / folder).rglob("__init__.py")}
    assert found == set(tool["packages"])


def test_console_script_is_declared():
    [script] = [e for e in entry_points(group="console_scripts") if e.name == "comite"]
    assert script.value == "comite.cli.main:main"


def test_textual_is_pinned_exactly():
    with (Path(__file__).resolve().parents[1] / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    textual = [d for d in project["dependencies"] if d.startswith("textual")]
    assert textual and "==" in textual[0], "snapshots change between Textual releases"


def test_installed_comite_command_runs():
    command = shutil.which("comite", path=str(sys.prefix) + "/bin")
    assert command, "make installs the comite command in .venv/bin"
    result = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and result.stdout.startswith("comite ")


def test_the_pdf_fonts_and_their_licences_are_package_data():
    fonts = resources.files("comite.exports.pdf").joinpath("fonts")
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt",
                 "NotoEmoji-subset.ttf", "LICENSE-NotoEmoji.txt"):
        assert fonts.joinpath(name).is_file(), name
