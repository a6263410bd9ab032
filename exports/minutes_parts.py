"""What every copy of the minutes says alike — the full PDF, the easy-to-read PDF and the e-mail
text: the title, the status line, each person's seat and presence (with a late arrival or an
early departure, in the meeting's time), the quorum, the balance of the floor between the
sides, who owns a conclusion and for when, how an earlier conclusion was followed up, the
signature lines.

Plain strings with plain spaces: each copy adds its own layout (and the PDFs their no-break
spaces). No ReportLab here, so the e-mail text never loads it.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from comite.exports.french import clock, day_month_year, long_date
from comite.kernel import plural
from comite.kernel.grammar import Gender, de, gendered
from comite.kernel.i18n import _
from comite.kernel.zones import ends, local
from comite.store.meeting_models import InviteeSeat
from comite.store.minutes_models import (
    COMMITTEE_OWNER,
    AgendaItem,
    AttendanceStatus,
    Attendee,
    CarriedConclusion,
    Conclusion,
    ConclusionStatus,
    ItemKind,
    MinutesDocument,
    MinutesState,
    MinutesStatus,
    Outcome,
    Participation,
    Quorum,
    Side,
    Signature,
)
from comite.store.sitting import floor_totals

CHAIR = _("Président(e)")
SECRETARY = _("Secrétaire de séance")
CONFIDENTIAL = _("Confidentiel — ne pas diffuser")
INTERNAL = _("Version interne — contient des passages confidentiels")
# At the top of every page of an internal copy.
# Short enough to print whole (the footer already says « Version interne »).
# Across every page of the minutes until the committee adopts them (`MinutesDocument.adopted`).
DRAFT_MARK = _("PROJET")
SECRECY = _("Document couvert par le secret professionnel (art. L. 1112-3 du code de la santé "
            "publique)")


def title(doc: MinutesDocument) -> str:
    """« Compte rendu — Comité de printemps »."""
    return _("Compte rendu — {title}").format(title=doc.meeting.title)


def committee_line(doc: MinutesDocument) -> str:
    """« Comité des usagers · MSP des Tilleuls »; the structure once, when it has a name."""
    parts = [doc.meeting.committee_name, doc.structure_name]
    return " · ".join(part for part in parts if part.strip())


def author(doc: MinutesDocument) -> str:
    """The PDF's author: the structure the committee belongs to."""
    return doc.structure_name.strip() or doc.meeting.committee_name


def names(doc: MinutesDocument) -> tuple[str, str]:
    """The proper names the minutes print: their abbreviations are spelled out after them
    (`glossary.FirstUse`), never inside (« MSP des Tilleuls (maison de santé…) »)."""
    return doc.structure_name, doc.meeting.committee_name


def held_on(doc: MinutesDocument) -> str:
    """« mardi 12 janvier 2027 à 18 h 00 », or a plain word when no date was ever chosen."""
    if doc.starts_at is None:
        return _("date non fixée")
    return _("{day} à {time}").format(day=long_date(doc.starts_at), time=clock(doc.starts_at, " "))


def end_of(doc: MinutesDocument) -> tuple[datetime | None, bool]:
    """When the meeting ended and whether that was noted: the séance's end as closed in the
    app, else the end planned from its length (said as planned); None with no date."""
    if doc.ended_at is not None:
        return local(doc.ended_at, doc.meeting.timezone), True
    if doc.starts_at is None:
        return None, False
    return ends(doc.starts_at, doc.meeting.duration_minutes), False


def hours(doc: MinutesDocument, space: str = " ") -> str:
    """« de 18 h 00 à 19 h 42 », or « de 18 h 00 à 20 h 00 (fin prévue) » when the end was not
    noted; empty with no date."""
    end, noted = end_of(doc)
    if doc.starts_at is None or end is None:
        return ""
    said = _("de {start} à {end}").format(start=clock(doc.starts_at, space), end=clock(end, space))
    return said if noted else _("{hours} (fin prévue)").format(hours=said)


def held_from_to(doc: MinutesDocument, space: str = " ") -> str:
    """« mardi 12 janvier 2027, de 18 h 00 à 19 h 42 »; « date non fixée » with no date."""
    if doc.starts_at is None:
        return _("date non fixée")
    return _("{day}, {hours}").format(day=long_date(doc.starts_at), hours=hours(doc, space))


def next_meeting(doc: MinutesDocument, space: str = " ") -> str:
    """« jeudi 8 avril 2027 à 18 h 00 », or that it is not fixed yet."""
    if doc.next_meeting is None:
        return _("sa date n’est pas encore fixée")
    return _("{day} à {time}").format(day=long_date(doc.next_meeting),
                                      time=clock(doc.next_meeting, space))


def where(doc: MinutesDocument) -> str:
    """The place and, when there was one, the video link; empty when neither is known."""
    meeting = doc.meeting
    return " · ".join(part for part in (meeting.place.strip(), meeting.video_url.strip()) if part)


def status_line(state: MinutesState) -> str:
    """« Brouillon », « Diffusé pour remarques jusqu’au 3 février 2027 », « Adopté lors de la
    réunion « … » », « Signé le 5 mars 2027 »."""
    match state.status:
        case MinutesStatus.CIRCULATED if state.remarks_until is not None:
            return _("Diffusé pour remarques jusqu’au {day}").format(
                day=day_month_year(state.remarks_until))
        case MinutesStatus.ADOPTED if state.adopted_in_title:
            return _("Adopté lors de la réunion « {title} »").format(title=state.adopted_in_title)
        case MinutesStatus.SIGNED if state.signatures:
            return _("Signé le {day}").format(day=day_month_year(signed_on(state)))
    return state.status.label


def signed_on(state: MinutesState) -> date:
    """The day the last signature was given."""
    return max(signature.signed_on for signature in state.signatures)


# ---- attendance --------------------------------------------------------------------------


def seat(attendee: Attendee) -> str:
    """« Titulaire », « Suppléante », « Invité », « Suppléant(e) » when the sex is not known."""
    return gendered(attendee.seat.label, attendee.gender)


def seat_detail(attendee: Attendee) -> str:
    """Whose seat a suppléant(e) can fill: « de Jean Martin »; empty for the others."""
    if attendee.seat is InviteeSeat.SUBSTITUTE and attendee.substitute_for_name:
        return de(attendee.substitute_for_name)
    return ""


def presence(attendee: Attendee) -> str:
    """« Présente », « Suppléé par Léa Durand », « A donné pouvoir à Jean Martin »,
    « Excusée », « Absent »; before the séance « Annoncée », « Sans réponse ». Agreed with the
    person's recorded sex; « (e) » only when it is not known."""
    said = attendee.status.label
    if attendee.represented_by_name:
        if attendee.status is AttendanceStatus.SUBSTITUTED:
            said = _("Suppléé(e) par {name}").format(name=attendee.represented_by_name)
        if attendee.status is AttendanceStatus.REPRESENTED:
            said = _("A donné pouvoir à {name}").format(name=attendee.represented_by_name)
    return gendered(said, attendee.gender)


def moments(attendee: Attendee, doc: MinutesDocument) -> tuple[datetime | None, datetime | None]:
    """When someone present arrived late and when they left, as noted, in the meeting's time.
    An arrival by the start is no news (everyone checks in before it): only one after the
    start's minute is given; a departure, whenever it was noted."""
    if not attendee.present:
        return None, None
    arrived = left = None
    if attendee.arrived_at is not None:
        arrived = local(attendee.arrived_at, doc.meeting.timezone)
        start = None if doc.starts_at is None else local(doc.starts_at, doc.meeting.timezone)
        if start is not None and arrived.replace(second=0, microsecond=0) <= start:
            arrived = None
    if attendee.left_at is not None:
        left = local(attendee.left_at, doc.meeting.timezone)
    return arrived, left


def presence_noted(attendee: Attendee, doc: MinutesDocument, space: str = " ") -> str:
    """The presence and its times: « Présent(e) (arrivé(e) à 18 h 40, parti(e) à 19 h 10) »;
    `space` inside « 18 h 40 » (a no-break one in a PDF)."""
    arrived, left = moments(attendee, doc)
    times = []
    if arrived is not None:
        times.append(gendered(_("arrivé(e) à{space}{time}"), attendee.gender).format(
            space=space, time=clock(arrived, space)))
    if left is not None:
        times.append(gendered(_("parti(e) à{space}{time}"), attendee.gender).format(
            space=space, time=clock(left, space)))
    said = presence(attendee)
    return f"{said} ({', '.join(times)})" if times else said


def by_status(attendees: tuple[Attendee, ...], status: AttendanceStatus) -> list[Attendee]:
    return [attendee for attendee in attendees if attendee.status is status]


def counts_line(attendees: tuple[Attendee, ...]) -> str:
    """« 6 présent(e)s, 1 suppléé(e), 2 excusé(e)s, 1 absent(e) »: only the statuses met, each
    agreed when the sex of everyone it counts is known (« 2 présentes », « 3 présents »)."""
    words = {
        AttendanceStatus.PRESENT: (_("présent(e)"), _("présent(e)s")),
        AttendanceStatus.SUBSTITUTED: (_("suppléé(e)"), _("suppléé(e)s")),
        AttendanceStatus.REPRESENTED: (_("ayant donné pouvoir"), _("ayant donné pouvoir")),
        AttendanceStatus.EXCUSED: (_("excusé(e)"), _("excusé(e)s")),
        AttendanceStatus.ABSENT: (_("absent(e)"), _("absent(e)s")),
        AttendanceStatus.ANNOUNCED: (_("annoncé(e)"), _("annoncé(e)s")),
        AttendanceStatus.NO_ANSWER: (_("sans réponse"), _("sans réponse")),
    }
    parts = []
    for status, (one, many) in words.items():
        counted = by_status(attendees, status)
        if counted:
            parts.append(gendered(plural.count(len(counted), one, many), group_gender(counted)))
    return ", ".join(parts)


def group_gender(people: list[Attendee]) -> Gender:
    """The gender a word about all of `people` takes: feminine when all are women, masculine
    when everyone's is known and one is a man (the French rule), else unknown (« (e)s »)."""
    genders = {person.gender for person in people}
    if None in genders or not genders:
        return None
    return "f" if genders == {"f"} else "m"


def quorum_line(quorum: Quorum) -> str:
    """« Quorum atteint : 6 sièges sur 8 (4 requis) »; empty when the committee has no seats."""
    if quorum.seats == 0:
        return ""
    sentence = _("Quorum atteint : {covered} sur {seats} ({needed} requis)") if quorum.reached \
        else _("Quorum non atteint : {covered} sur {seats} ({needed} requis)")
    covered = plural.count(quorum.covered, _("siège"), _("sièges"))
    return sentence.format(covered=covered, seats=quorum.seats, needed=quorum.needed)


# ---- the floor: who took it, by side -----------------------------------------------------

SIDES = (Side.USERS, Side.PROFESSIONALS, Side.OTHERS)


@dataclass(frozen=True, slots=True)
class Share:
    """The turns one side took, and their part of all turns in percent."""

    side: Side
    turns: int
    percent: int


@dataclass(frozen=True, slots=True)
class FloorRow:
    """The balance of the floor over the whole meeting (`item` None) or on one item."""

    item: AgendaItem | None
    shares: tuple[Share, ...]

    @property
    def label(self) -> str:
        if self.item is None:
            return _("Toute la réunion")
        return f"{self.item.position}. {self.item.title}"

    @property
    def total(self) -> int:
        return sum(share.turns for share in self.shares)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Someone who took the floor, and how many times in the whole meeting."""

    name: str
    side: Side
    turns: int


def shares(totals: dict[Side, int]) -> tuple[Share, ...]:
    """Each side's turns and percent, empty when nobody took the floor. Each percent is rounded
    on its own (half up), so that a reader finds it again from the counts: 7 turns of 12 are
    58 %, even when the row then adds up to 99 or 101."""
    total = sum(totals.get(side, 0) for side in SIDES)
    if total == 0:
        return ()
    return tuple(Share(side, totals.get(side, 0), (200 * totals.get(side, 0) + total) // (2 * total))
                 for side in SIDES)


def floor_rows(doc: MinutesDocument) -> list[FloorRow]:
    """The whole meeting, then each item where turns were counted; empty when none was."""
    overall = shares(floor_totals(doc.floor))
    if not overall:
        return []
    rows = [FloorRow(None, overall)]
    for item in doc.items:
        counted = shares(floor_totals(doc.floor, item.id))
        if counted:
            rows.append(FloorRow(item, counted))
    return rows


def speakers(doc: MinutesDocument) -> list[Speaker]:
    """Everyone who took the floor, side by side (users first), the most turns first."""
    found: dict[int, Speaker] = {}
    for count in doc.floor:
        known = found.get(count.invitee_id)
        found[count.invitee_id] = Speaker(count.name, count.side,
                                          count.turns + (known.turns if known else 0))
    return sorted((s for s in found.values() if s.turns),
                  key=lambda s: (SIDES.index(s.side), -s.turns, s.name.casefold()))


def share_text(share: Share, space: str = " ") -> str:
    """« 7 (58 %) »."""
    return f"{share.turns} ({share.percent}{space}%)"


def floor_sentence(doc: MinutesDocument) -> str:
    """« Les usagers ont pris la parole 7 fois, les professionnels 5 fois. », the others
    when they spoke, a side that never did said so; empty when no turn was counted."""
    totals = floor_totals(doc.floor)
    if not any(totals.values()):
        return ""
    names = {Side.USERS: _("les usagers"), Side.PROFESSIONALS: _("les professionnels"),
             Side.OTHERS: _("les autres personnes")}
    spoke = [side for side in SIDES if totals[side]]
    said = [_("{who} ont pris la parole {n} fois").format(who=names[spoke[0]], n=totals[spoke[0]])]
    said += [_("{who} {n} fois").format(who=names[side], n=totals[side]) for side in spoke[1:]]
    sentence = capitalized(", ".join(said)) + "."
    for side in (Side.USERS, Side.PROFESSIONALS):
        if not totals[side]:
            sentence += " " + capitalized(_("{who} n’ont pas pris la parole.").format(who=names[side]))
    return sentence


# ---- agenda and conclusions --------------------------------------------------------------


_TAKING_PART = {
    Participation.INFORMATION: _("Les usagers ont été informés."),
    Participation.CONSULTATION: _("Les usagers ont été consultés."),
    Participation.COLLABORATION: _("Les usagers ont travaillé sur ce point avec les professionnels."),
    Participation.PARTNERSHIP: _("Les usagers ont décidé avec les professionnels, à parts égales."),
}


def item_facts(item: AgendaItem) -> str:
    """Who presented the item and what part the users took, in words: « Présenté par Hélène
    Kervella. Les usagers ont été consultés. » (no minutes nor internal tags: what members read)."""
    said = []
    if item.presenter.strip():
        said.append(_("Présenté par {name}.").format(name=item.presenter.strip()))
    if item.kind is not ItemKind.ADOPTION:  # the committee adopts its minutes: no degree to say
        said.append(_TAKING_PART[item.participation])
    return " ".join(said)


_OUTCOMES = {
    Outcome.ADOPTED: _("adopté"),
    Outcome.NOT_ADOPTED: _("non adopté"),
    Outcome.DECIDED: _("décision prise"),
    Outcome.INFORMED: _("information donnée"),
    Outcome.CONSULTED: _("avis du comité recueilli"),
    Outcome.POSTPONED: _("reporté à une prochaine réunion"),
}
_ADOPTION_OUTCOMES = {
    Outcome.ADOPTED: _("compte rendu adopté"),
    Outcome.NOT_ADOPTED: _("compte rendu non adopté"),
    Outcome.POSTPONED: _("adoption reportée à une prochaine réunion"),
}


def outcome(item: AgendaItem) -> str:
    """« compte rendu adopté », « décision prise »…: what came of the item as the coordinator
    said it; empty while they have not (never a guess)."""
    return outcome_in(item, _OUTCOMES, _ADOPTION_OUTCOMES)


def outcome_in(item: AgendaItem, words: Mapping[Outcome, str],
               adoption_words: Mapping[Outcome, str]) -> str:
    """The item's outcome in one copy's words, an adoption's own first; empty while unsaid."""
    if item.outcome is Outcome.UNSAID:
        return ""
    if item.kind is ItemKind.ADOPTION:
        return adoption_words.get(item.outcome, words[item.outcome])
    return words[item.outcome]


def outcome_line(item: AgendaItem) -> str:
    """« Issue : compte rendu adopté »; empty while no outcome was said."""
    said = outcome(item)
    return _("Issue : {outcome}").format(outcome=said) if said else ""


@dataclass(frozen=True, slots=True)
class Numbered:
    """A conclusion with the number it is known by in these minutes: « 2.1 » is the first
    conclusion of item 2, the same in the item and in the relevé."""

    number: str
    conclusion: Conclusion


def numbered(doc: MinutesDocument) -> list[Numbered]:
    """Every conclusion of the meeting in agenda order, numbered after its item."""
    result = []
    placed: set[int] = set()
    for item in doc.items:
        for index, conclusion in enumerate(doc.conclusions_of(item.id), start=1):
            result.append(Numbered(f"{item.position}.{index}", conclusion))
            placed.add(conclusion.id)
    # A conclusion whose item was taken off the agenda still belongs to the record.
    loose = [c for c in doc.conclusions if c.id not in placed]
    result += [Numbered(str(len(doc.items) + index), c) for index, c in enumerate(loose, start=1)]
    return result


def numbered_in(item: AgendaItem, every: list[Numbered]) -> list[Numbered]:
    """The conclusions taken on `item`, with their numbers."""
    return [entry for entry in every if entry.conclusion.item_id == item.id]


def owner(conclusion: Conclusion) -> str:
    """The person in charge, the service named in words, or « le comité » as a whole."""
    if conclusion.owner_id is None:
        return conclusion.owner_text or COMMITTEE_OWNER
    return conclusion.owner_name or COMMITTEE_OWNER


def due(conclusion: Conclusion) -> str:
    """« 12 mars 2027 », or « sans échéance »."""
    if conclusion.due_on is None:
        return _("sans échéance")
    return day_month_year(conclusion.due_on)


def capitalized(text: str) -> str:
    """« le comité » at the head of a table cell: « Le comité »."""
    return text[:1].upper() + text[1:]


def opened_line(conclusion: Conclusion) -> str:
    """« ouverte le 12 janvier 2027 (« Comité d’hiver ») »: where a carried conclusion comes from."""
    if conclusion.meeting_date is None:
        return _("ouverte à la réunion « {title} »").format(title=conclusion.meeting_title)
    return _("ouverte le {day} (« {title} »)").format(
        day=day_month_year(conclusion.meeting_date), title=conclusion.meeting_title)


def follow_up(carried: CarriedConclusion, on: date | None) -> str:
    """« Ouverte, en retard », « Faite : affiche posée », « Abandonnée : plus de budget »."""
    conclusion = carried.conclusion
    state = conclusion.status.label
    if conclusion.status is ConclusionStatus.OPEN:
        if on is not None and conclusion.overdue(on):
            return _("{state}, en retard").format(state=state)
        return state
    if conclusion.closed_reason.strip():
        return f"{state} : {conclusion.closed_reason.strip()}"
    return state


def meeting_day(doc: MinutesDocument) -> date | None:
    return None if doc.starts_at is None else doc.starts_at.date()


# ---- signatures and confidential notes ---------------------------------------------------


def signature_slots(state: MinutesState) -> list[tuple[str, Signature | None]]:
    """The chair's and the secretary's lines, signed or empty, then any other signer's."""
    left = list(state.signatures)
    slots: list[tuple[str, Signature | None]] = []
    for capacity in (CHAIR, SECRETARY):
        found = next((s for s in left if _same(s.capacity, capacity)), None)
        if found is not None:
            left.remove(found)
        slots.append((capacity, found))
    slots += [(signature.capacity, signature) for signature in left]
    return slots


def _same(one: str, other: str) -> bool:
    """« Présidente », « président » and « Président(e) » name the same line."""
    return _bare(one) == _bare(other)


def _bare(capacity: str) -> tuple[str, ...]:
    return tuple(word.removesuffix("e") for word in capacity.casefold().replace("(e)", "").split())


def has_confidential(doc: MinutesDocument) -> bool:
    return any(item.confidential_notes.strip() for item in doc.items)


def sentences(text: str) -> list[str]:
    """The notes one sentence a line, for the easy-to-read copy: each line typed, cut after
    « . ! ? … » followed by a space. Every word stays: reformatted, never dropped."""
    found = []
    for line in text.splitlines():
        start = 0
        line = line.strip()
        for index, char in enumerate(line):
            if char in ".!?…" and (index + 1 == len(line) or line[index + 1] == " "):
                found.append(line[start:index + 1].strip())
                start = index + 1
        if line[start:].strip():
            found.append(line[start:].strip())
    return [sentence for sentence in found if sentence]
