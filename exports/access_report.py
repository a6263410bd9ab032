"""The answer to a right-of-access request as files: the report as JSON (for a program, or to
hand over as it is), named so that the person's earlier answers are found again.

The readable PDF of the same report is `exports.pdf.access_report`.
"""

import json
from datetime import date
from pathlib import Path

from comite.exports.files import atomic_write, slug

FOLDER = "droit-d-acces"
PREFIX = "acces"


def file_stem(person_name: str, on: date) -> str:
    """« acces-2026-11-23-anais-quenardel »: the day first, so a person's answers sort by date."""
    return f"{PREFIX}-{on.isoformat()}-{slug(person_name)}"


def person_name(report: dict[str, object]) -> str:
    person = report["personne"]
    return f"{person['prenom']} {person['nom']}".strip()


def access_json(report: dict[str, object]) -> bytes:
    """UTF-8 as the person reads it (« Anaïs », not « Ana\\u00efs »), indented, one final newline."""
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_access_json(report: dict[str, object], path: Path) -> Path:
    """Write the report to `path` at once: never a half-written file."""
    return atomic_write(Path(path), access_json(report))
