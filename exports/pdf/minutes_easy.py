"""The minutes, easy to read (following Inclusion Europe's « Information pour tous », the rules
of « facile à lire et à comprendre »), for the users of the committee: large print, short
sentences, one idea a line, what was decided first (each decision with a check mark), then who
was there (and how often each side took the floor), then the points discussed under plain titles
with what came of each, the next meeting's date and whom to call, with their number. A few
pictograms (`pictograms`) say when, who and how to call. Each hard word is explained on the line
after the one where the reader first meets it, and again in a list at the end.

Every note is kept, one sentence a line. A long note (more than `LONG_SENTENCES` sentences or
`LONG_CHARACTERS` characters) keeps its first sentences and says, right there, « La suite dans
le compte rendu complet. »: shortened only where the reader sees it.

Never a confidential passage: this copy is made to be handed out.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table

from comite.exports import minutes_parts as parts
from comite.exports.french import NBSP, clock, day_month_year, long_date
from comite.exports.pdf.document import (
    FONT,
    FONT_BOLD,
    INK,
    RULE,
    TEXT_WIDTH,
    DocumentInfo,
    markup,
    register_fonts,
    render_pdf,
    table,
    write_pdf,
)
from comite.exports.pdf.letterhead import Stationery, letterhead_block
from comite.exports.pdf.letters import paragraph
from comite.exports.pdf.pictograms import Picture, beside
from comite.kernel import plural
from comite.kernel.glossary import EASY_MEANINGS
from comite.kernel.i18n import _
from comite.store.committee_models import Coordinator
from comite.store.item_wording import easy_title
from comite.store.minutes_models import (
    COMMITTEE_OWNER,
    AgendaItem,
    AttendanceStatus,
    Attendee,
    CarriedConclusion,
    Conclusion,
    ConclusionKind,
    ConclusionStatus,
    MinutesDocument,
    MinutesState,
    MinutesStatus,
    Outcome,
)

# The committee named the way a reader understands it, its short name explained once.
_COMMITTEES = {
    "cdu": _("C’est une réunion de la commission des usagers (CDU)."),
    "comite_usagers": _("C’est une réunion du comité des usagers."),
    "groupe_travail": _("C’est une réunion du groupe de travail."),
    "copil": _("C’est une réunion du comité de pilotage (COPIL)."),
    "programme_etp": _("C’est une réunion du programme d’éducation thérapeutique (ETP)."),
}
_EXPLAINED = {"cdu": "CDU", "copil": "COPIL", "programme_etp": "ETP"}


# A note is long beyond either figure; it then keeps its first sentences, up to both of these
# (and at least one: a sentence is never cut).
LONG_SENTENCES = 15
LONG_CHARACTERS = 1500
KEPT_SENTENCES = 10
KEPT_CHARACTERS = 1000
MORE_IN_THE_FULL_COPY = _("La suite dans le compte rendu complet.")
# A first sentence up to this length stays on the page of its point's title.
WHOLE_WITH_THE_TITLE = 400


def write_minutes_easy(doc: MinutesDocument, out: Path, *, stationery: Stationery | None = None,
                       contact: Coordinator | None = None) -> Path:
    """Write the easy-to-read minutes to `out`, under the structure's letterhead when
    `stationery` is given, naming `contact` (the coordinator) as the person to call; the same
    document always gives the same bytes."""
    return write_pdf(out, easy_story(doc, stationery, contact), easy_info(doc))


def render_minutes_easy(doc: MinutesDocument, *, stationery: Stationery | None = None,
                        contact: Coordinator | None = None) -> bytes:
    return render_pdf(easy_story(doc, stationery, contact), easy_info(doc))


def easy_info(doc: MinutesDocument) -> DocumentInfo:
    return DocumentInfo(
        title=_("Compte rendu facile à lire — {title}").format(title=doc.meeting.title),
        author=parts.author(doc),
        subject=_("Ce que nous avons décidé à la réunion du {day}").format(day=parts.held_on(doc)),
        watermark="" if doc.adopted else parts.DRAFT_MARK)


def easy_story(doc: MinutesDocument, stationery: Stationery | None = None,
               contact: Coordinator | None = None) -> list[Flowable]:
    decided = [c for c in doc.conclusions if c.kind is ConclusionKind.DECISION]
    to_do = [c for c in doc.conclusions if c.kind is ConclusionKind.ACTION]
    asked = [c for c in doc.conclusions if c.kind is ConclusionKind.RECOMMENDATION]
    # The parts in reading order, so that each hard word is explained where it is first read.
    explain = Explainer(_EXPLAINED.get(doc.committee_kind, ""))
    story: list[Flowable] = [letterhead_block(stationery, large=True)] if stationery else []
    story += _head(doc, explain)
    story += _decided(decided, explain)
    story += _asked(asked, explain)
    story += _to_do(to_do, explain)
    story += _earlier(doc.carried, explain)
    story += _who(doc)
    story += _points(doc, explain)
    story += _next(doc)
    story += _contact(contact)
    return story + _glossary(_words(doc))


class Explainer:
    """One document's reading: the hard words of the glossary (`EASY_MEANINGS`) a text holds
    that the reader has not met yet, each explained once, right after that text."""

    def __init__(self, *known: str) -> None:
        self.seen = {word for word in known if word}

    def __call__(self, text: str) -> list[str]:
        """The lines explaining the words of `text` met here for the first time, in their order."""
        lines = []
        for word in _words_in_order(text):
            if word in EASY_MEANINGS and word not in self.seen:
                self.seen.add(word)
                lines.append(_("{word} veut dire {meaning}").format(word=word,
                                                                    meaning=EASY_MEANINGS[word]))
        return lines


def _words_in_order(text: str) -> list[str]:
    return "".join(char if char.isalnum() else " " for char in text).split()


@dataclass(frozen=True, slots=True)
class _Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    item: ParagraphStyle
    detail: ParagraphStyle
    point: ParagraphStyle
    point_detail: ParagraphStyle
    explained: ParagraphStyle
    outcome: ParagraphStyle


@cache
def _styles() -> _Styles:
    """Large print: 14 points at least, generous line spacing, nothing in light grey."""
    register_fonts()
    body = ParagraphStyle("easy_body", fontName=FONT, fontSize=14, leading=21, textColor=INK,
                          spaceAfter=4)
    return _Styles(
        title=ParagraphStyle("easy_title", parent=body, fontName=FONT_BOLD, fontSize=22, leading=28,
                             spaceAfter=6),
        heading=ParagraphStyle("easy_heading", parent=body, fontName=FONT_BOLD, fontSize=18, leading=24,
                               spaceBefore=14, spaceAfter=6),
        body=body,
        item=ParagraphStyle("easy_item", parent=body, leftIndent=9 * mm, bulletIndent=2 * mm,
                            bulletFontName=FONT_BOLD, bulletFontSize=16, spaceBefore=4, spaceAfter=1),
        detail=ParagraphStyle("easy_detail", parent=body, leftIndent=9 * mm, spaceAfter=1),
        # Room for « 30. » before the title.
        point=ParagraphStyle("easy_point", parent=body, leftIndent=12 * mm, bulletIndent=0,
                             bulletFontName=FONT_BOLD, bulletFontSize=14, spaceAfter=1),
        point_detail=ParagraphStyle("easy_point_detail", parent=body, leftIndent=12 * mm, spaceAfter=1),
        # A word explained: under the line that used it, set in from it.
        explained=ParagraphStyle("easy_explained", parent=body, leftIndent=9 * mm, spaceAfter=2),
        outcome=ParagraphStyle("easy_outcome", parent=body, fontName=FONT_BOLD, leftIndent=12 * mm,
                               spaceAfter=2),
    )


def _heading(text: str, *first: Flowable, rule: bool = False) -> Flowable:
    """A heading kept on the page of what follows it, with a rule above it when asked."""
    above = [HRFlowable(width="100%", thickness=0.8, color=RULE, spaceBefore=2, spaceAfter=2)] if rule else []
    return KeepTogether([*above, paragraph(text, _styles().heading), *first])


def _lines(*texts: str) -> list[Flowable]:
    """One idea a line."""
    return [paragraph(markup(text), _styles().body) for text in texts if text]


def _explained(explain: Explainer, *texts: str) -> list[Flowable]:
    """One idea a line, each followed by what its hard words mean, the first time."""
    flow: list[Flowable] = []
    for text in texts:
        if text:
            flow.append(paragraph(markup(text), _styles().body))
            flow += [paragraph(markup(line), _styles().explained) for line in explain(text)]
    return flow


def _sentence(text: str) -> str:
    """What was typed, as a sentence: a capital first, a full stop last."""
    text = " ".join(text.split())
    if text and text[-1] not in ".!?…»":
        text += "."
    return parts.capitalized(text)


# ---- head ----------------------------------------------------------------------------------


def _head(doc: MinutesDocument, explain: Explainer) -> list[Flowable]:
    s = _styles()
    committee = _COMMITTEES.get(doc.committee_kind)
    flow: list[Flowable] = [
        paragraph(_("Compte rendu de la réunion"), s.title),
        paragraph(f"<b>{markup(doc.meeting.title)}</b>", s.heading),
        *(paragraph(markup(line), s.body) for line in explain(doc.meeting.title)),
        *_lines(_("Un compte rendu dit ce que nous avons dit et décidé pendant une réunion.")),
    ]
    if committee:
        flow += _lines(committee)
    else:
        flow += _explained(explain, _("C’est une réunion du groupe « {name} ».").format(
            name=doc.meeting.committee_name))
    if doc.structure_name.strip():
        flow += _explained(explain, _("Structure : {name}.").format(name=doc.structure_name.strip()))
    if doc.starts_at is not None:
        end, noted = parts.end_of(doc)
        when = [_("La réunion a eu lieu le {day}.").format(day=long_date(doc.starts_at)),
                _("Elle a commencé à {time}.").format(time=clock(doc.starts_at))]
        if end is not None:
            when.append(_("Elle a fini à {time}.").format(time=clock(end)) if noted
                        else _("Elle devait finir à {time}.").format(time=clock(end)))
        flow.append(beside(Picture.CALENDAR, _lines(*when), TEXT_WIDTH))
    if doc.meeting.place.strip():
        flow += _explained(explain, _("Lieu : {place}.").format(place=doc.meeting.place.strip()))
    flow += [Spacer(1, 2 * mm), *_lines(*_status(doc.state))]
    return flow


def _status(state: MinutesState) -> tuple[str, ...]:
    match state.status:
        case MinutesStatus.DRAFT:
            return (_("Ce compte rendu est un projet : il n’est pas encore fini."),
                    _("Il peut encore changer."))
        case MinutesStatus.CIRCULATED if state.remarks_until is not None:
            return (_("Ce compte rendu est un projet."),
                    _("Vous pouvez nous donner votre avis sur ce compte rendu."),
                    _("Vous avez jusqu’au {day}.").format(day=day_month_year(state.remarks_until)))
        case MinutesStatus.CIRCULATED:
            return (_("Ce compte rendu est un projet."),
                    _("Vous pouvez nous donner votre avis sur ce compte rendu."))
        case MinutesStatus.ADOPTED:
            return (_("Les membres ont accepté ce compte rendu."),)
    return (_("Les membres ont accepté ce compte rendu."), _("Il est signé."))


# ---- what was decided, what we will do -----------------------------------------------------


def _decided(decided: list[Conclusion], explain: Explainer) -> list[Flowable]:
    title = _("Ce que nous avons décidé")
    if not decided:
        return [_heading(title, *_lines(_("Nous n’avons rien décidé à cette réunion.")))]
    bullets = [_checked(conclusion.text, explain) for conclusion in decided]
    return [_heading(title, bullets[0]), *bullets[1:]]


def _checked(text: str, explain: Explainer) -> Flowable:
    """A decision, a check mark on its left, its hard words explained under it."""
    s = _styles()
    said = _sentence(text)
    return beside(Picture.CHECK, [paragraph(markup(said), s.body),
                                  *(paragraph(markup(line), s.body) for line in explain(said))],
                  TEXT_WIDTH, size=7 * mm)


def _asked(recommendations: list[Conclusion], explain: Explainer) -> list[Flowable]:
    """A CDU's recommendations to the establishment: said only when there are some."""
    if not recommendations:
        return []
    bullets = [_bullet(c.text, _("À qui : {who}.").format(who=_who_does(c)), _when(c), explain=explain)
               for c in recommendations]
    return [_heading(_("Ce que nous demandons à l’établissement"), bullets[0]), *bullets[1:]]


def _to_do(actions: list[Conclusion], explain: Explainer) -> list[Flowable]:
    title = _("Ce que nous allons faire : qui, quand")
    if not actions:
        return [_heading(title, *_lines(_("Nous n’avons pas prévu de nouvelle action.")))]
    bullets = [_bullet(c.text, _("Qui : {who}.").format(who=_who_does(c)), _when(c), explain=explain)
               for c in actions]
    return [_heading(title, bullets[0]), *bullets[1:]]


def _who_does(conclusion: Conclusion) -> str:
    owner = parts.owner(conclusion)
    return _("tout le comité") if owner == COMMITTEE_OWNER else owner


def _when(conclusion: Conclusion) -> str:
    if conclusion.due_on is None:
        return _("Quand : pas de date fixée.")
    return _("Quand : avant le {day}.").format(day=day_month_year(conclusion.due_on))


def _bullet(text: str, *details: str, explain: Explainer | None = None) -> Flowable:
    """One thing, on its own line with a large dot, its details under it (and what its hard
    words mean, the first time); never cut in two."""
    s = _styles()
    said = _sentence(text)
    details = (*(explain(said) if explain else ()), *details)
    return _whole([paragraph(markup(said), s.item, bulletText="•"),
                   *(paragraph(markup(detail), s.detail) for detail in details)])


def _whole(flowables: list[Flowable]) -> Table:
    """Flowables that never break across pages (a one-cell table does not split), and that a
    heading's KeepTogether can still measure (a KeepTogether inside another cannot be)."""
    return table([[flowables]], [TEXT_WIDTH], [
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])


def _earlier(carried: tuple[CarriedConclusion, ...], explain: Explainer) -> list[Flowable]:
    """What earlier meetings had planned, and where it stands."""
    if not carried:
        return []
    bullets = []
    for entry in carried:
        conclusion = entry.conclusion
        match conclusion.status:
            case ConclusionStatus.DONE:
                news = [_("C’est fait.")]
            case ConclusionStatus.ABANDONED:
                news = [_("Nous avons arrêté.")]
            case _:
                news = [_("Ce n’est pas encore fait."), _("Qui : {who}.").format(who=_who_does(conclusion)),
                        _when(conclusion)]
        reason = conclusion.closed_reason.strip()
        # What was noted when it closed: for an action stopped, the reason why; for one done,
        # how it was done (« posée à l’accueil »), which is no reason.
        if conclusion.status is ConclusionStatus.ABANDONED and reason:
            news.append(_("Pourquoi : {why}").format(why=_sentence(reason)))
        elif conclusion.status is ConclusionStatus.DONE and reason:
            news.append(_sentence(reason))
        bullets.append(_bullet(conclusion.text, *news, explain=explain))
    return [_heading(_("Ce que nous avions prévu aux réunions d’avant"), bullets[0]), *bullets[1:]]


# ---- who was there -------------------------------------------------------------------------


def _who(doc: MinutesDocument) -> list[Flowable]:
    s = _styles()
    attendees = doc.attendees
    present = parts.by_status(attendees, AttendanceStatus.PRESENT)
    excused = parts.by_status(attendees, AttendanceStatus.EXCUSED)
    absent = parts.by_status(attendees, AttendanceStatus.ABSENT)
    substituted = parts.by_status(attendees, AttendanceStatus.SUBSTITUTED)
    represented = parts.by_status(attendees, AttendanceStatus.REPRESENTED)
    flow: list[Flowable] = []
    groups = (
        (present, _("{n} personne était là :"), _("{n} personnes étaient là :")),
        (excused, _("{n} personne ne pouvait pas venir. Elle nous a prévenus :"),
         _("{n} personnes ne pouvaient pas venir. Elles nous ont prévenus :")),
        (absent, _("{n} personne n’est pas venue :"), _("{n} personnes ne sont pas venues :")),
    )
    for people, one, many in groups:
        if not people:
            continue
        flow.append(paragraph(plural.plural(len(people), one, many).format(n=len(people)), s.body))
        flow += [paragraph(markup(_with_times(person, doc)), s.item, bulletText="•")
                 for person in people]
        flow.append(Spacer(1, 2 * mm))
    for person in substituted:
        flow += _lines(_("{holder} a remplacé {name}.").format(
            holder=person.represented_by_name or _("Une autre personne"), name=person.name))
    for person in represented:
        flow += _lines(_("{name} a demandé à {holder} de parler et de voter à sa place.").format(
            holder=person.represented_by_name or _("une autre personne"), name=person.name))
    if not flow:
        flow = _lines(_("Personne n’était invité à cette réunion."))
    if parts.floor_sentence(doc):
        flow += [Spacer(1, 2 * mm), *_lines(parts.floor_sentence(doc))]
    return [_heading(_("Qui était là ?"), flow[0]), *flow[1:]]


def _with_times(person: Attendee, doc: MinutesDocument) -> str:
    """« Jules Morin : arrivée à 18 h 40, départ à 19 h 10 » (nouns: no « (e) » to read)."""
    arrived, left = parts.moments(person, doc)
    times = []
    if arrived is not None:
        times.append(_("arrivée à {time}").format(time=clock(arrived, NBSP)))
    if left is not None:
        times.append(_("départ à {time}").format(time=clock(left, NBSP)))
    return f"{person.name} : {', '.join(times)}" if times else person.name


# ---- the points discussed ------------------------------------------------------------------


def _points(doc: MinutesDocument, explain: Explainer) -> list[Flowable]:
    s = _styles()
    if not doc.items:
        return []
    flow = []
    for item in doc.items:
        # The plain title, what came of the point, then every sentence of the notes, one a
        # line; a long note says where it stops. The title keeps its first lines with it;
        # the others may run on to the next page.
        kept, shortened = easy_notes(item.notes)
        said = []
        for line in kept:
            sentence = _sentence(line)
            said.append(paragraph(markup(sentence), s.point_detail))
            said += [paragraph(markup(meaning), s.point_detail) for meaning in explain(sentence)]
        if shortened:
            said.append(paragraph(f"<b>{MORE_IN_THE_FULL_COPY}</b>", s.point_detail))
        plain = plain_title(item)
        head = [paragraph(f"<b>{markup(plain)}</b>", s.point, bulletText=f"{item.position}."),
                *(paragraph(markup(meaning), s.point_detail) for meaning in explain(plain))]
        if easy_outcome(item):
            head.append(paragraph(markup(easy_outcome(item)), s.outcome))
        if kept and len(kept[0]) > WHOLE_WITH_THE_TITLE:
            # Too long to be held with the title (it may be taller than a page): the title
            # goes with it to the next page when it would be left alone, and it breaks.
            heading = _whole(head)
            heading.keepWithNext = True
            flow += [heading, *said]
        else:
            flow += [_whole([*head, *said[:1]]), *said[1:]]
    return [_heading(_("Ce dont nous avons parlé"), flow[0]), *flow[1:]]


def plain_title(item: AgendaItem) -> str:
    """The title the coordinator wrote for this copy, else one derived from the item's."""
    return item.easy_title.strip() or easy_title(item.title, item.kind)


_EASY_OUTCOMES = {
    Outcome.ADOPTED: _("Nous avons dit oui."),
    Outcome.NOT_ADOPTED: _("Nous avons dit non."),
    Outcome.DECIDED: _("Nous avons pris une décision."),
    Outcome.INFORMED: _("Nous avons reçu des nouvelles."),
    Outcome.CONSULTED: _("Nous avons donné notre avis."),
    Outcome.POSTPONED: _("Nous en parlerons à une prochaine réunion."),
}
_EASY_ADOPTION = {
    Outcome.ADOPTED: _("Oui : nous avons dit que le compte rendu est juste."),
    Outcome.NOT_ADOPTED: _("Non : le compte rendu doit être corrigé."),
    Outcome.POSTPONED: _("Nous répondrons à une prochaine réunion."),
}


def easy_outcome(item: AgendaItem) -> str:
    """What came of the point, in a short sentence; empty while the coordinator has not said."""
    return parts.outcome_in(item, _EASY_OUTCOMES, _EASY_ADOPTION)


# ---- the next meeting, whom to ask ---------------------------------------------------------


def _next(doc: MinutesDocument) -> list[Flowable]:
    if doc.next_meeting is None:
        said = _lines(_("La date de la prochaine réunion n’est pas encore fixée."),
                      _("Nous vous la dirons."))
    else:
        said = _lines(_("La prochaine réunion aura lieu le {day}.").format(
                          day=long_date(doc.next_meeting)),
                      _("Elle commencera à {time}.").format(time=clock(doc.next_meeting)))
    return [_heading(_("La prochaine réunion"), beside(Picture.CALENDAR, said, TEXT_WIDTH))]


def _contact(contact: Coordinator | None) -> list[Flowable]:
    """Whom to ask, and their number in large print; nothing when the settings name nobody."""
    if contact is None or not (contact.name.strip() or contact.phone.strip()):
        return []
    s = _styles()
    flow: list[Flowable] = []
    if contact.name.strip():
        flow.append(beside(Picture.PERSON, _lines(
            _("Vous pouvez poser vos questions à {name}.").format(name=contact.name.strip())),
            TEXT_WIDTH))
    reach = _lines(_("Adresse e-mail : {email}").format(email=contact.email.strip())) \
        if contact.email.strip() else []
    if contact.phone.strip():
        number = markup(contact.phone.strip()).replace(" ", NBSP)
        reach.insert(0, paragraph(_("Téléphone : <b>{number}</b>").format(number=number), s.body))
        flow.append(beside(Picture.PHONE, reach, TEXT_WIDTH))
    else:
        flow += reach
    return [_heading(_("Une question ?"), *flow)]


def easy_notes(notes: str) -> tuple[list[str], bool]:
    """The sentences of a note this copy prints, and whether it stops before the end (a long
    note: its first sentences, whole)."""
    every = parts.sentences(notes)
    if len(every) <= LONG_SENTENCES and sum(len(line) for line in every) <= LONG_CHARACTERS:
        return every, False
    kept, length = every[:1], len(every[0])
    for line in every[1:KEPT_SENTENCES]:
        length += len(line)
        if length > KEPT_CHARACTERS:
            break
        kept.append(line)
    return kept, True


# ---- short words ---------------------------------------------------------------------------


def _words(doc: MinutesDocument) -> list[str]:
    """The short words of the glossary that this copy prints, in alphabetical order; not the one
    the committee's own name explains in the first lines."""
    printed = [doc.meeting.title, doc.structure_name, doc.meeting.place,
               *(c.text for c in doc.conclusions), *(c.conclusion.text for c in doc.carried),
               *(plain_title(item) for item in doc.items),
               *(said for item in doc.items for said in easy_notes(item.notes)[0])]
    if doc.committee_kind not in _COMMITTEES:
        printed.append(doc.meeting.committee_name)
    found = {word for text in printed for word in _split_words(text) if word in EASY_MEANINGS}
    found.discard(_EXPLAINED.get(doc.committee_kind, ""))
    return sorted(found)


def _split_words(text: str) -> set[str]:
    cleaned = "".join(char if char.isalnum() else " " for char in text)
    return set(cleaned.split())


def _glossary(words: list[str]) -> list[Flowable]:
    if not words:
        return []
    s = _styles()
    said = _("<b>{word}</b> veut dire {meaning}")
    lines = [paragraph(said.format(word=word, meaning=markup(EASY_MEANINGS[word])), s.body) for word in words]
    return [Spacer(1, 4 * mm), _heading(_("Les mots à connaître"), lines[0], rule=True), *lines[1:]]
