"""The short words a reader of comite's documents may not know, spelled out once per document.

Every document that people receive (e-mails, letters, minutes, charters, reports) shares this
list, so that « CDU » reads the same everywhere: `SPELLED_OUT` is the words behind the letters,
written into the running text at the first use (« la CDU (commission des usagers) »);
`EASY_MEANINGS` explains a word in plain French for the easy-to-read documents.
"""

import re
from collections.abc import Iterable

from comite.kernel.i18n import _

SPELLED_OUT = {
    "ACI": _("accord conventionnel interprofessionnel"),
    "ARS": _("agence régionale de santé"),
    "CDS": _("centre de santé"),
    "CDU": _("commission des usagers"),
    "CNIL": _("Commission nationale de l’informatique et des libertés"),
    "COPIL": _("comité de pilotage"),
    "CPTS": _("communauté professionnelle territoriale de santé"),
    "EIG": _("événement indésirable grave"),
    "ESP": _("équipe de soins primaires"),
    "ETP": _("éducation thérapeutique du patient"),
    "HAS": _("Haute Autorité de santé"),
    "MSP": _("maison de santé pluriprofessionnelle"),
    "RGPD": _("règlement général sur la protection des données"),
    "RU": _("représentant ou représentante des usagers"),
}

EASY_MEANINGS = {
    "ARS": _("l’agence régionale de santé."),
    "Asalée": _("des infirmiers et des infirmières qui suivent, avec le médecin, les personnes "
                "qui ont une maladie de longue durée."),
    "CDS": _("un centre de santé."),
    "CDU": _("la commission des usagers."),
    "COPIL": _("le comité de pilotage."),
    "CPTS": _("une communauté professionnelle territoriale de santé : les soignants d’un territoire "
              "qui travaillent ensemble."),
    "ESP": _("une équipe de soins primaires."),
    "ETP": _("l’éducation thérapeutique du patient : apprendre à vivre avec sa maladie."),
    "HAS": _("la Haute Autorité de santé."),
    "MSP": _("une maison de santé : des soignants qui travaillent ensemble au même endroit."),
    "RU": _("un représentant ou une représentante des usagers."),
    "SMS": _("un message écrit envoyé sur un téléphone portable."),
}

_WORD = re.compile(r"\b(" + "|".join(sorted(SPELLED_OUT, key=len, reverse=True)) + r")\b")


class FirstUse:
    """One document's reading: each abbreviation spelled out the first time it appears, never
    again; an abbreviation the text already spells out (« Commission des usagers (CDU) ») counts
    as explained there."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        """`names`: proper names the document prints (its structure's, its committee's), whose
        abbreviations are spelled out after the whole name rather than inside it."""
        self.seen: set[str] = set()
        self.names = [name for name in names if name and _WORD.search(name)]

    def __call__(self, text: str) -> str:
        """`text` with the abbreviations this document has not yet explained spelled out."""
        for known in self.names:
            if known in text and any(m.group(1) not in self.seen for m in _WORD.finditer(known)):
                text = text.replace(known, self.name(known), 1)
        def spell(match: re.Match[str]) -> str:
            word = match.group(1)
            if word in self.seen:
                return word
            self.seen.add(word)
            if _already_explained(text, match):
                return word
            return f"{word} ({SPELLED_OUT[word]})"
        return _WORD.sub(spell, text)

    def name(self, name: str) -> str:
        """A proper name keeps its words together: its abbreviations not yet explained are
        spelled out after it (« MSP des Tilleuls (maison de santé pluriprofessionnelle) »,
        « Groupe ETP diabète (ETP : éducation thérapeutique du patient) »)."""
        new = [match for match in _WORD.finditer(name) if match.group(1) not in self.seen]
        explained = [match for match in new if not _already_explained(name, match)]
        self.seen.update(match.group(1) for match in new)
        if not explained:
            return name
        if len(explained) == 1 and explained[0].start() == 0:
            return f"{name} ({SPELLED_OUT[explained[0].group(1)]})"
        words = "; ".join(f"{m.group(1)} : {SPELLED_OUT[m.group(1)]}" for m in explained)
        return f"{name} ({words})"


def _already_explained(text: str, match: re.Match[str]) -> bool:
    """« … (CDU) » right after its words, or « CDU (commission…) » as written by hand."""
    before, after = text[:match.start()], text[match.end():]
    return (before.endswith("(") and after.startswith(")")) or after.startswith(" (")
