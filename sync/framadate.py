"""A Framadate « Export Tableur (CSV) »: its columns and answers, and how they map onto a meeting.

The format, as framasoft/framadate writes it (exportcsv.php and Utils::csvEscape, 1.x):
UTF-8 with a BOM, ',' separated, CRLF, every cell quoted, a trailing ',' on each line.
Row 1: an empty cell, then the date of each column, repeated for each time proposed that day,
in the language of the page that exported it (« 12/01/2027 » in French, « 1/12/27 » in English,
« 12.01.27 » in German: sync.framadate_dates). Row 2: an empty cell, then the times as the
author typed them (« 18h », « 18:30 », « 8h-10h », « soir »). Then one row per participant: the
name, then the answers in that language (« Oui », « Yes », « Ja »… : sync.framadate_languages;
« Under reserve » where untranslated). A cell that starts with = + - @ gets a ' in front. Older
STUdS/OpenSondage exports: ';' separated, dates « 12/1/2027 », the times row only when there
are times, « OK » or an empty cell (no). docs/framadate.md gives the sources.
"""

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import NamedTuple

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.committee_models import Labelled
from comite.store.meeting_models import Answer, MeetingDetail, SlotStatus
from comite.store.validation import fold
from comite.sync import csvtext, framadate_dates, names
from comite.sync.errors import InboxRefusal
from comite.sync.framadate_languages import ANSWERS, STUDS, DateOrder, languages_of

MAX_BYTES = 2 * 1024 * 1024  # a poll of a few hundred people stays far below
MAX_COLUMNS = 300
MAX_ROWS = 2000
_MERIDIEM = re.compile(r"\d\s*([ap])\.?\s*m\b")
_TIME = re.compile(r"^(?:de\s+|a\s+|from\s+)?(\d{1,2})\s*(?:uhr|h|:|\.)\s*(\d{2})?"
                   r"|^(\d{1,2})\s*(?:[ap]\.?\s*m\b.*)?$")


# ---- the export --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Column:
    label: str  # as the export shows it, for the coordinator
    day: date
    at: time | None  # None when the author gave no time (or « soir »)

    @property
    def starts_at(self) -> datetime | None:
        """The naive local date and time of the column."""
        return datetime.combine(self.day, self.at) if self.at is not None else None


class Participant(NamedTuple):
    name: str  # plain text: a formula start was removed (see the poll's warnings)
    answers: tuple[Answer | None, ...]  # one per column; None: no answer


@dataclass(frozen=True, slots=True)
class FramadatePoll:
    columns: tuple[Column, ...]
    rows: tuple[Participant, ...]
    warnings: tuple[str, ...]


def parse_poll(data: bytes, order: DateOrder | None = None) -> FramadatePoll:
    """Columns and participants of a Framadate date poll export; InboxRefusal (French) when the
    file is not one, so that nothing is ever imported from half a file. `order`: how the
    coordinator said its dates read, heard only when the file leaves it open (when it does and
    `order` is None: comite.sync.framadate_dates.AmbiguousDates)."""
    text, encoding_warning = csvtext.decode(data)
    table = _table(text)
    cells = _date_cells(table[0])
    has_times = len(table) > 1 and not table[1][0]
    times = _cells(table[1], len(cells), 2, _("les horaires")) if has_times else [""] * len(cells)
    first = 3 if has_times else 2
    lines = [(line, row[0], _cells(row, len(cells), line, _("les réponses")))
             for line, row in enumerate(table[first - 1:], start=first)]
    languages = languages_of(_token(cell) for _line, _name, answers in lines for cell in answers)
    participants, warnings = _participants(lines, legacy=STUDS in languages)
    days = framadate_dates.days(cells, languages, order)
    columns = tuple(Column(label=f"{cells[i]} {times[i]}".strip(), day=days[i], at=_time(times[i]))
                    for i in range(len(cells)))
    return FramadatePoll(columns=columns, rows=participants,
                         warnings=(encoding_warning,) * bool(encoding_warning) + warnings)


def _table(text: str) -> list[list[str]]:
    table = csvtext.rows(text)
    if not table:
        raise InboxRefusal(_("Ce fichier CSV est vide."), _("Réexportez le sondage depuis Framadate."))
    if len(table) > MAX_ROWS:
        raise InboxRefusal(_("Ce fichier CSV a trop de lignes pour un sondage ({count}).").format(
            count=len(table)), _("Vérifiez que c’est bien l’export du sondage Framadate."))
    return table


def _participants(lines: list[tuple[int, str, list[str]]],
                  legacy: bool) -> tuple[tuple[Participant, ...], tuple[str, ...]]:
    """Each named row with its answers, and what the coordinator must know about them."""
    participants, warnings = [], []
    unknown_answers: Counter[str] = Counter()
    for line, raw_name, cells in lines:
        name, neutralised = csvtext.plain_text(raw_name)
        if neutralised:
            warnings.append(_(
                "Ligne {line} : le nom commençait par un caractère de formule de tableur "
                "(=, +, -, @) ; ce caractère a été retiré et le nom est traité comme du texte : "
                "« {name} ».").format(line=line, name=name[:60]))
        if not name:
            warnings.append(_("Ligne {line} : réponses sans nom, ignorées.").format(line=line))
            continue
        answers = tuple(_answer(cell, legacy, unknown_answers) for cell in cells)
        participants.append(Participant(name, answers))
    warnings += [_("« {value} » n’est pas une réponse connue ({cells}) : compté comme "
                   "« pas de réponse ».").format(value=csvtext.plain_text(value, 30)[0],
                                                 cells=plural.count(count, _("case"), _("cases")))
                 for value, count in unknown_answers.items()]
    if not participants:
        raise InboxRefusal(_("Ce sondage Framadate ne contient encore aucune réponse."),
                           _("Réexportez-le quand les participants auront répondu."))
    return tuple(participants), tuple(warnings)


def _date_cells(row: list[str]) -> list[str]:
    """The first row's cells, once it is known to hold the dates of a date poll."""
    cells = _trimmed(row[1:])
    if not cells or not any(framadate_dates.read_cell(cell) for cell in cells):
        raise InboxRefusal(
            _("Ce fichier CSV ne ressemble pas à un export de sondage de dates Framadate : "
              "sa première ligne devrait porter les dates des colonnes."),
            _("Dans Framadate, ouvrez le sondage et choisissez « Export Tableur (CSV) » ; "
              "un sondage « classique » (sans dates) ne peut pas être importé."))
    if len(cells) > MAX_COLUMNS:
        raise InboxRefusal(_("Ce sondage a trop de colonnes ({count}).").format(count=len(cells)),
                           _("Vérifiez que c’est bien l’export du sondage Framadate."))
    return cells


def _cells(row: list[str], count: int, line: int, what: str) -> list[str]:
    values = row[1:]
    if len(values) < count or any(values[count:]):
        raise InboxRefusal(
            _("Ligne {line} : {found} cases pour {what} alors que le sondage a {count} colonnes ; "
              "le fichier semble incomplet ou modifié.").format(
                  line=line, found=len(_trimmed(values)), what=what, count=count),
            _("Réexportez le sondage depuis Framadate ; rien n’a été importé."))
    return values[:count]


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _time(cell: str) -> time | None:
    text = fold(cell).strip()
    if text in ("midi", "noon"):
        return time(12, 0)
    match = _TIME.match(text)
    if not match:
        return None
    hour = int(match.group(1) or match.group(3))
    minute = int(match.group(2) or 0)
    # « 6pm », « 6:30 PM », « 6-8 p.m. »: an English author's hours, the first one's half of the day.
    if meridiem := _MERIDIEM.search(text):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.group(1) == "p" else 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def _token(cell: str) -> str:
    return " ".join(fold(cell).split())


def _answer(cell: str, legacy: bool, unknown: Counter[str]) -> Answer | None:
    """STUdS wrote « OK » or nothing: there, an empty cell is a no."""
    token = _token(cell)
    if not token:
        return Answer.NO if legacy else None
    if token in ANSWERS:
        return ANSWERS[token]
    unknown[cell] += 1
    return None


# ---- onto a meeting ----------------------------------------------------------------------

class Certainty(Labelled):
    SURE = "sure"
    UNSURE = "unsure"
    UNKNOWN = "unknown"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"sure": "Reconnu(e)", "unsure": "À confirmer", "unknown": "Inconnu(e)"}


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    column: Column
    slot_id: int | None  # the proposed slot at the same local date and time; None: unmatched


@dataclass(frozen=True, slots=True)
class NameMatch:
    row: int  # index in poll.rows
    name: str
    certainty: Certainty
    invitee_id: int | None  # when sure
    candidates: tuple[int, ...]  # invitee ids to offer when unsure
    why: str  # French, for the coordinator


@dataclass(frozen=True, slots=True)
class FramadatePlan:
    """What an import would do, to show the coordinator before anything is written."""

    meeting_id: int
    poll: FramadatePoll
    columns: tuple[ColumnMatch, ...]
    names: tuple[NameMatch, ...]
    warnings: tuple[str, ...]
    invitee_ids: frozenset[int]

    @property
    def unmatched_columns(self) -> tuple[Column, ...]:
        return tuple(match.column for match in self.columns if match.slot_id is None)

    @property
    def all_sure(self) -> bool:
        return all(match.certainty is Certainty.SURE for match in self.names)

    def answers(self, confirmed: Mapping[int, int | None] | None = None) -> dict[int, dict[int, Answer]]:
        """invitee id → slot id → answer, for `store.meetings.import_votes`. The sure names
        count unless `confirmed` says otherwise; `confirmed` maps a row to the invitee the
        coordinator recognised (None: leave that row out)."""
        chosen = {match.row: match.invitee_id for match in self.names if match.certainty is Certainty.SURE}
        for row, invitee_id in (confirmed or {}).items():
            if not 0 <= row < len(self.poll.rows):
                raise InboxRefusal(_("Cette ligne n’existe pas dans le sondage importé."))
            if invitee_id is not None and invitee_id not in self.invitee_ids:
                raise InboxRefusal(_("Cette personne n’est pas invitée à cette réunion."))
            chosen[row] = invitee_id
        picked = [invitee for invitee in chosen.values() if invitee is not None]
        if len(picked) != len(set(picked)):
            raise InboxRefusal(_("Deux lignes du sondage ont été attribuées à la même personne : "
                                 "rien n’a été importé."), _("Corrigez l’attribution des noms."))
        result: dict[int, dict[int, Answer]] = {}
        for row, invitee_id in chosen.items():
            if invitee_id is None:
                continue
            by_slot = {match.slot_id: answer for match, answer in zip(
                self.columns, self.poll.rows[row].answers, strict=True)
                if match.slot_id is not None and answer is not None}
            if by_slot:
                result[invitee_id] = by_slot
        return result


def match(poll: FramadatePoll, detail: MeetingDetail) -> FramadatePlan:
    """Each column onto a proposed slot of the meeting, each name onto an invitee."""
    columns, column_warnings = _match_columns(poll, detail)
    return FramadatePlan(
        meeting_id=detail.meeting.id, poll=poll, columns=columns, names=_match_names(poll, detail),
        warnings=poll.warnings + column_warnings,
        invitee_ids=frozenset(invitee.id for invitee in detail.invitees))


def _match_columns(
    poll: FramadatePoll, detail: MeetingDetail
) -> tuple[tuple[ColumnMatch, ...], tuple[str, ...]]:
    proposed = [slot for slot in detail.slots if slot.status is SlotStatus.PROPOSED]
    taken: set[int] = set()
    matches, warnings = [], []
    for column in poll.columns:
        if column.at is not None:
            found = [slot for slot in proposed if slot.starts_at.replace(tzinfo=None) == column.starts_at]
        else:
            found = [slot for slot in proposed if slot.starts_at.date() == column.day]
            if len(found) == 1:
                warnings.append(_("La colonne « {label} » n’a pas d’heure : elle a été rapprochée du "
                                  "seul créneau proposé ce jour-là.").format(label=column.label[:40]))
        slot_id = found[0].id if len(found) == 1 else None
        if slot_id in taken:
            warnings.append(_("La colonne « {label} » répète un créneau déjà lu : ignorée.").format(
                label=column.label[:40]))
            slot_id = None
        if slot_id is not None:
            taken.add(slot_id)
        matches.append(ColumnMatch(column, slot_id))
    return tuple(matches), tuple(warnings)


def _match_names(poll: FramadatePoll, detail: MeetingDetail) -> tuple[NameMatch, ...]:
    known = [(invitee.id, names.words(invitee.name)) for invitee in detail.invitees]
    matches = [_match_name(row, participant.name, known) for row, participant in enumerate(poll.rows)]
    counts = Counter(match.invitee_id for match in matches if match.invitee_id is not None)
    return tuple(
        NameMatch(match.row, match.name, Certainty.UNSURE, None, (match.invitee_id,),
                  _("plusieurs lignes du sondage désignent cette personne"))
        if match.invitee_id is not None and counts[match.invitee_id] > 1 else match
        for match in matches)


def _match_name(row: int, name: str, known: list[tuple[int, tuple[str, ...]]]) -> NameMatch:
    typed = names.words(name)
    exact = tuple(invitee for invitee, words in known if names.same_name(typed, words))
    if len(exact) == 1:
        return NameMatch(row, name, Certainty.SURE, exact[0], exact, _("nom complet identique"))
    if exact:
        return NameMatch(row, name, Certainty.UNSURE, None, exact,
                         _("plusieurs personnes invitées portent ce nom"))
    scores = {invitee: names.resemblance(typed, words) for invitee, words in known}
    best = max(scores.values(), default=0)
    if best == 0:
        return NameMatch(row, name, Certainty.UNKNOWN, None, (),
                         _("aucune personne invitée ne porte ce nom"))
    candidates = tuple(invitee for invitee, score in scores.items() if score == best)
    why = _("nom incomplet ou initiales") if best == 2 else _("seule une partie du nom correspond")
    return NameMatch(row, name, Certainty.UNSURE, None, candidates, why)
