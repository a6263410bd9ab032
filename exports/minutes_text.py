"""The minutes as Markdown, to paste into an e-mail: the same content as the full PDF, and as
readable in a plain-text mail reader as once rendered (short tables, simple lists).

Confidential notes are left out unless the internal copy is asked for, which says so at its top.
The floor is counted by side; the speakers' names only when asked for (`floor_names`).
"""

from pathlib import Path

from comite.exports import minutes_parts as parts
from comite.exports.files import atomic_write
from comite.exports.french import day_month_year
from comite.kernel.glossary import FirstUse
from comite.kernel.i18n import _
from comite.store.minutes_models import AgendaItem, MinutesDocument

# Columns are padded for plain-text readers, up to this width: a long text is not worth a
# table as wide as itself.
PAD_LIMIT = 28


def write_minutes_text(doc: MinutesDocument, out: Path, *, floor_names: bool = False) -> Path:
    """Write the Markdown copy to `out` (UTF-8, written whole) and return it."""
    return atomic_write(out, minutes_markdown(doc, floor_names=floor_names).encode("utf-8"))


def minutes_markdown(doc: MinutesDocument, *, floor_names: bool = False) -> str:
    """The text meant to be pasted into an e-mail: never a confidential passage (members are
    bound by professional secrecy, art. L. 1112-3 CSP; an e-mail travels beyond them)."""
    every = parts.numbered(doc)
    spell = FirstUse(parts.names(doc))  # each abbreviation spelled out at its first use, as in the PDF
    blocks = [*_head(doc, spell), *_attendance(doc), *_carried(doc), f"## {_('Ordre du jour')}"]
    for item in doc.items:
        blocks += _item(item, parts.numbered_in(item, every), spell)
    blocks += [*_floor(doc, floor_names), *_relevé(every), *_signatures(doc)]
    return "\n\n".join(blocks) + "\n"


def _head(doc: MinutesDocument, spell: FirstUse) -> list[str]:
    blocks = [f"# {_line(parts.title(doc))}", _line(spell(parts.committee_line(doc)))]
    facts = [_("- Date : {day}").format(day=parts.held_from_to(doc))]
    if parts.where(doc):
        facts.append(_("- Lieu : {place}").format(place=_line(parts.where(doc))))
    facts.append(_("- Statut : {status}").format(status=parts.status_line(doc.state)))
    facts.append(_("- Prochaine réunion : {day}").format(day=parts.next_meeting(doc)))
    if not doc.adopted:
        facts.append(_("- Projet : ce compte rendu n’est pas encore adopté par le comité."))
    blocks.append("\n".join(facts))
    return blocks


def _attendance(doc: MinutesDocument) -> list[str]:
    blocks = [f"## {_('Présences')}"]
    if not doc.attendees:
        return [*blocks, _("Personne n’était invité à cette réunion.")]
    rows = [[a.name, " ".join(filter(None, (parts.seat(a), parts.seat_detail(a)))),
             parts.presence_noted(a, doc)] for a in doc.attendees]
    blocks.append(markdown_table([_("Nom"), _("Siège"), _("Présence")], rows))
    blocks.append("\n".join(filter(None, (parts.counts_line(doc.attendees), parts.quorum_line(doc.quorum)))))
    return blocks


def _carried(doc: MinutesDocument) -> list[str]:
    blocks = [f"## {_('Suite donnée aux conclusions précédentes')}"]
    if not doc.carried:
        return [*blocks, _("Aucune conclusion des réunions précédentes n’était encore ouverte.")]
    day = parts.meeting_day(doc)
    lines = []
    for carried in doc.carried:
        conclusion = carried.conclusion
        lines.append(f"- {conclusion.kind.label} — {_line(conclusion.text)}")
        lines.append("  " + " · ".join((
            _("qui : {owner}").format(owner=_line(parts.owner(conclusion))),
            _("échéance : {due}").format(due=parts.due(conclusion)),
            _line(parts.opened_line(conclusion)), carried.label,
            _line(parts.follow_up(carried, day)))))
    return [*blocks, "\n".join(lines)]


def _item(item: AgendaItem, taken: list[parts.Numbered], spell: FirstUse) -> list[str]:
    blocks = [f"### {item.position}. {_line(spell(item.title))}", _line(parts.item_facts(item))]
    if parts.outcome_line(item):
        blocks.append(f"**{parts.outcome_line(item)}**")
    if item.notes.strip():
        blocks.append(spell(item.notes.strip()))
    if taken:
        blocks.append("\n".join(
            f"- {entry.number} {entry.conclusion.kind.label} — {_line(entry.conclusion.text)} "
            + _("(qui : {owner} ; échéance : {due})").format(owner=_line(parts.owner(entry.conclusion)),
                                                             due=parts.due(entry.conclusion))
            for entry in taken))
    return blocks


def _floor(doc: MinutesDocument, names: bool) -> list[str]:
    """Turns by side and their share, overall and per item; each speaker's when `names`."""
    counted = parts.floor_rows(doc)
    if not counted:
        return []
    headers = [_("Point"), *(side.label for side in parts.SIDES), _("Total")]
    rows = [[row.label, *(parts.share_text(share) for share in row.shares), str(row.total)]
            for row in counted]
    blocks = [f"## {_('Prises de parole')}",
              _("Les tours de parole notés pendant la séance, par côté : usagers, professionnels, "
                "autres personnes (invitées sans rôle au comité)."),
              markdown_table(headers, rows)]
    if names:
        blocks.append(_("Par personne, sur toute la réunion :"))
        blocks.append(markdown_table([_("Nom"), _("Côté"), _("Prises de parole")], [
            [speaker.name, speaker.side.label, str(speaker.turns)] for speaker in parts.speakers(doc)]))
    return blocks


def _relevé(every: list[parts.Numbered]) -> list[str]:
    blocks = [f"## {_('Relevé de conclusions')}"]
    if not every:
        return [*blocks, _("Aucune conclusion n’a été prise à cette réunion.")]
    rows = [[entry.number, entry.conclusion.kind.label, entry.conclusion.text,
             parts.capitalized(parts.owner(entry.conclusion)), parts.due(entry.conclusion)]
            for entry in every]
    return [*blocks, markdown_table([_("N°"), _("Nature"), _("Conclusion"), _("Qui"), _("Échéance")], rows)]


def _signatures(doc: MinutesDocument) -> list[str]:
    lines = []
    for capacity, signature in parts.signature_slots(doc.state):
        if signature is None:
            lines.append(_("- {capacity} : pas encore signé").format(capacity=_line(capacity)))
        else:
            lines.append(_("- {capacity} : {name}, le {day}").format(
                capacity=_line(capacity), name=_line(signature.signer),
                day=day_month_year(signature.signed_on)))
    return [f"## {_('Signatures')}", "\n".join(lines)]


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table whose short columns line up in a plain-text reader too."""
    cells = [[_cell(text) for text in row] for row in [headers, *rows]]
    widths = [min(PAD_LIMIT, max(len(row[index]) for row in cells)) for index in range(len(headers))]

    def line(row: list[str]) -> str:
        return "| " + " | ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _cell(text: str) -> str:
    """One line, and a « | » typed by someone does not open a new column."""
    return _line(text).replace("|", "\\|")


def _line(text: str) -> str:
    return " ".join(text.split())
