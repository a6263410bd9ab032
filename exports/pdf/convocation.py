"""The printed letters for the invitees the coordinator reaches on paper (many users of a health
committee have no e-mail): whatever the others receive by e-mail, these receive on paper.

One part per invitee, each starting on a new page, and the letter follows the meeting's status:
- in a poll, the dates proposed, where and how to come, what the reader's seat asks of them,
  the meeting's message and its ordre du jour, by when to answer, what each answer means, where
  to send the slip (the structure's postal address) and what comes next; below a dashed cut
  line, a « Coupon-réponse » with « ○ Oui ○ Oui si nécessaire ○ Non » for each date;
- once convened, the date chosen, the place, its address and way in, the reader's seat, the
  message and the ordre du jour, and a slip « ○ Je viendrai ○ Je ne pourrai pas venir »;
- once cancelled, a short letter that says so, without a slip.
Every letter says who writes (name, role, structure) and signs with a phone and an e-mail. A
video link is never printed bare (nobody clicks paper): the dial-in, or whom to call for the
link. Each slip carries the person's name and, in small print « référence pour la
coordination », a code (R12-I34: meeting 12, invitee 34) so the coordinator can type the
answers in quickly. A long ordre du jour takes the letter to a
second page; the slip never splits (`letters.with_slip`).
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from comite.exports import message_words as words
from comite.exports.french import NBSP, clock, long_date, time_range
from comite.exports.pdf.document import RULE, SHADE, DocumentInfo, markup, styles, table, write_pdf
from comite.exports.pdf.letterhead import Stationery
from comite.exports.pdf.letters import (
    CIRCLE,
    NO_SIDE_PADDING,
    Letter,
    WritingLine,
    letterhead,
    paragraph,
    phone_number,
    ways_to_answer,
    widths,
    with_slip,
    written_on,
)
from comite.kernel.glossary import FirstUse
from comite.kernel.i18n import _
from comite.store.errors import Refused
from comite.store.meeting_models import (
    Invitee,
    Meeting,
    MeetingDetail,
    MeetingStatus,
    Slot,
    SlotStatus,
)
from comite.store.minutes_models import AgendaItem

# What one invitee receives: their letter, written from the batch's shared `Letter` and the
# meeting's ordre du jour.
Part = Callable[[Letter, Invitee, Sequence[AgendaItem]], Flowable]


def write_convocations(
    detail: MeetingDetail, out: Path, *, organizer_name: str, organizer_phone: str = "",
    organizer_email: str = "", organizer_role: str = "",
    agenda: Sequence[AgendaItem],
    invitee_ids: Iterable[int] | None = None, now: datetime | None = None,
    stationery: Stationery | None = None,
) -> Path:
    """Write to `out` one letter per invitee — with its reply slip, unless the meeting is
    cancelled — and return `out`. A draft and a meeting already held are refused.

    `agenda` is the meeting's ordre du jour (`store.agenda.agenda(id).items`): required, so
    that no caller can forget it — a member on paper reads the same items as one by e-mail.

    `invitee_ids` None means every invitee without an e-mail address. `now` dates the letters
    (today in the meeting's zone when None); the same inputs always give the same bytes.
    `stationery` heads each letter (`Letter.stationery`).
    """
    meeting = detail.meeting
    part = _part_for(meeting)
    if not organizer_name.strip():
        raise Refused(_("Indiquez le nom de la personne qui signe les lettres : il figure sur chacune.")
                      if meeting.status is MeetingStatus.CANCELLED else _(
                      "Indiquez le nom de la personne à qui rendre le coupon : il figure sur chaque "
                      "lettre."))
    letter = Letter(meeting, _dates(detail), organizer_name.strip(), organizer_phone.strip(),
                    written_on(meeting, now), stationery, organizer_email=organizer_email.strip(),
                    organizer_role=organizer_role.strip(), invitees=detail.invitees)
    story: list[Flowable] = []
    for invitee in _recipients(detail, invitee_ids):
        if story:
            story.append(PageBreak())
        story.append(part(letter, invitee, agenda))
    return write_pdf(out, story, _info(letter))


def reference(meeting_id: int, invitee_id: int) -> str:
    """The code printed on a slip, short enough to read out on the phone."""
    return f"R{meeting_id}-I{invitee_id}"


def _part_for(meeting: Meeting) -> Part:
    """The letter this status calls for; a draft went to nobody, a held meeting is over."""
    match meeting.status:
        case MeetingStatus.POLL:
            return _poll_part
        case MeetingStatus.CONVENED:
            return _convened_part
        case MeetingStatus.CANCELLED:
            return _cancelled_letter
        case MeetingStatus.DRAFT:
            raise Refused(_("Ouvrez d’abord le sondage de cette réunion : les coupons-réponses "
                            "servent à choisir sa date."))
    # Held: what remains to write is the minutes, not a letter.
    raise Refused(_("La réunion a déjà eu lieu : il n’y a plus de lettre à imprimer pour elle."))


def _dates(detail: MeetingDetail) -> tuple[Slot, ...]:
    """The dates the letters speak of (see `Letter.slots`)."""
    chosen = detail.chosen_slot
    if detail.meeting.status is MeetingStatus.POLL:
        slots = tuple(slot for slot in detail.slots if slot.status is SlotStatus.PROPOSED)
        if not slots:
            raise Refused(_("Aucun créneau n’est proposé pour cette réunion : ajoutez-en au moins un."))
        return slots
    if chosen is None and detail.meeting.status is MeetingStatus.CONVENED:
        raise Refused(_("Cette réunion n’a pas de date retenue : choisissez d’abord un créneau."))
    return () if chosen is None else (chosen,)


def _info(letter: Letter) -> DocumentInfo:
    meeting = letter.meeting
    if meeting.status is MeetingStatus.CANCELLED:
        title = _("Réunion annulée : {title}").format(title=meeting.title)
        subject = _("Lettres d’annulation : {committee}")
    else:
        title = (_("Choix de la date : {title}") if meeting.status is MeetingStatus.POLL
                 else _("Date retenue : {title}")).format(title=meeting.title)
        subject = _("Lettres et coupons-réponses : {committee}")
    return DocumentInfo(title=title, author=letter.organizer_name,
                        subject=subject.format(committee=meeting.committee_name))


def _recipients(detail: MeetingDetail, invitee_ids: Iterable[int] | None) -> list[Invitee]:
    if invitee_ids is None:
        chosen = [invitee for invitee in detail.invitees if not invitee.email.strip()]
        if not chosen:
            raise Refused(_(
                "Toutes les personnes invitées ont une adresse e-mail : il n’y a pas de lettre à "
                "imprimer. Choisissez les personnes à qui vous voulez écrire sur papier."))
        return chosen
    wanted = set(invitee_ids)
    if not wanted:
        raise Refused(_("Choisissez au moins une personne à qui écrire."))
    chosen = [invitee for invitee in detail.invitees if invitee.id in wanted]
    if len(chosen) != len(wanted):
        raise Refused(_(
            "Certaines personnes choisies ne sont plus invitées à cette réunion : "
            "rouvrez la réunion et choisissez à nouveau."))
    return chosen


def _greeting(letter: Letter, invitee: Invitee, spell: FirstUse, news: str) -> list[Flowable]:
    """The letterhead, « Bonjour … », then who writes and why (`news`, markup) in one paragraph:
    the reader knows both before anything else."""
    s = styles()
    return [letterhead(letter), Spacer(1, 4 * mm),
            paragraph(_("Bonjour {name},").format(name=markup(invitee.name)), s.body),
            paragraph(spell(markup(words.who_writes(letter.sender, letter.meeting)) + " " + news),
                      s.body)]


def _signature(letter: Letter, farewell: str) -> Flowable:
    """A word of goodbye, then the name, the role and structure, the phone and the e-mail: what
    to answer with. Tight, so that a letter and its slip keep to one page when they can."""
    s = styles()
    first, *rest = words.signature(letter.sender, letter.meeting)
    # Each piece whole (non-breaking spaces): a line never breaks inside « E-mail : … » or a
    # phone number, only between pieces.
    pieces = [markup(line).replace(" ", NBSP) if line.startswith((_("Téléphone"), _("E-mail")))
              else markup(line) for line in rest]
    lines = [f"<b>{markup(first)}</b>", *([" — ".join(pieces)] if pieces else [])]
    return KeepTogether([paragraph(farewell, s.body), paragraph("<br/>".join(lines), s.body)])


def _where(letter: Letter, spell: FirstUse) -> list[Flowable]:
    """The address and the way in, then how to take part from afar — on paper, a number to call,
    never a link nobody can click."""
    s = styles()
    lines = [*words.where_lines(letter.meeting),
             *words.remote_lines(letter.meeting, on_paper=True, sender=letter.sender)]
    return [paragraph(spell(f"<b>{markup(label)} :</b> {markup(text)}"), s.body)
            for label, text in lines]


def _your_place(letter: Letter, invitee: Invitee, spell: FirstUse) -> Flowable:
    return paragraph(spell(markup(words.your_place(letter.meeting, invitee, letter.invitees))),
                     styles().body)


def _slip_head(letter: Letter, invitee: Invitee, meeting_line: str) -> Table:
    """« Coupon-réponse » and the reference, then the person's name and the meeting."""
    s = styles()
    code = reference(letter.meeting.id, invitee.id)
    # The code is the coordinator's, to find the person fast: small, and said what it is for.
    return table(
        [[paragraph(_("Coupon-réponse"), s.title),
          paragraph(_("<font size=\"7\">référence pour la coordination :{nbsp}{code}</font>")
                    .format(nbsp=NBSP, code=code), s.body_right)],
         [paragraph(_("Nom : <b>{name}</b>").format(name=markup(invitee.name)), s.body), ""],
         [paragraph(meeting_line, s.body), ""]],
        widths(0.7, 0.3),
        [*NO_SIDE_PADDING, ("TOPPADDING", (0, 0), (-1, -1), 0),
         ("BOTTOMPADDING", (0, 0), (-1, -1), 1), ("SPAN", (0, 1), (1, 1)), ("SPAN", (0, 2), (1, 2)),
         ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])


def _place(meeting: Meeting, slot: Slot) -> str:
    """A proposed slot's own place wins over the meeting's; the chosen slot's place was copied to
    the meeting when it was chosen, and a change made since is the meeting's."""
    where = (meeting.place or slot.place) if slot.status is SlotStatus.CHOSEN else (
        slot.place or meeting.place)
    return where or _("lieu précisé plus tard")


def _agenda(meeting: Meeting, items: Sequence[AgendaItem]) -> list[Flowable]:
    """The meeting's message, then its ordre du jour, as the e-mail gives them (`mail_text`)."""
    s = styles()
    message = meeting.description.strip()
    if not items:
        return [paragraph(_("Au programme"), s.heading),
                paragraph(markup(message), s.body)] if message else []
    flow: list[Flowable] = [paragraph(_("Ordre du jour"), s.heading)]
    if message:
        flow.append(paragraph(markup(message), s.body))
    return [*flow, Spacer(1, 1 * mm), _agenda_table(items), Spacer(1, 2 * mm)]


def _agenda_table(items: Sequence[AgendaItem]) -> Table:
    """One row per item: the number and title the e-mail lists (`agenda_lines`), with the
    minutes planned and the purpose, so a reader knows what will be asked of them. Nothing
    more: neither the presenter nor any note — the notes, and a CDU's confidential passage,
    belong to the minutes, never to an invitation."""
    s = styles()
    rows = [[paragraph(_("Point"), s.cell_bold), "", paragraph(_("Durée"), s.cell_bold),
             paragraph(_("Objet"), s.cell_bold)]]
    rows += [[paragraph(f"{number}.", s.cell), paragraph(markup(item.title), s.cell),
              paragraph(_("{n} min").format(n=item.duration_minutes).replace(" ", NBSP), s.cell),
              paragraph(item.purpose.label, s.cell)]
             for number, item in enumerate(items, start=1)]
    return table(rows, widths(0.07, 0.61, 0.14, 0.18), [
        ("SPAN", (0, 0), (1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ], repeatRows=1)


# ---- in a poll: the dates proposed ---------------------------------------------------------


def _poll_part(letter: Letter, invitee: Invitee, items: Sequence[AgendaItem]) -> Flowable:
    return with_slip(_poll_letter(letter, invitee, items), _poll_slip(letter, invitee))


def _poll_letter(letter: Letter, invitee: Invitee, items: Sequence[AgendaItem]) -> list[Flowable]:
    s = styles()
    meeting = letter.meeting
    several = len(letter.slots) > 1
    spell = FirstUse(words.names_of(meeting))
    flow: list[Flowable] = [
        *_greeting(letter, invitee, spell, _(
            "Nous préparons une réunion {committee} : <b>« {title} »</b>.").format(
            title=markup(meeting.title), committee=markup(words.committee_of(meeting))) + " " + (_(
                "Nous voulons choisir la date ensemble : dites-nous lesquelles de ces dates vous "
                "conviennent, nous garderons celle qui arrange le plus de monde.") if several else _(
                "Voici la date que nous proposons : dites-nous si elle vous convient."))),
        Spacer(1, 1 * mm),
        _slot_table(letter),
        Spacer(1, 2 * mm),
        *_where(letter, spell),
        _your_place(letter, invitee, spell),
        *_agenda(meeting, items),
    ]
    deadline = words.reply_by(meeting)
    meanings = _(", ").join(f"<b>{markup(word)}</b> ({markup(meaning)})"
                            for word, meaning in words.ANSWER_MEANINGS)
    flow += [paragraph(_("Comment répondre ?"), s.heading),
             paragraph(" ".join([
                 *([f"<b>{markup(deadline)}</b>"] if deadline else []),
                 _("Pour chaque date, cochez sur le coupon : {meanings}. Découpez-le, puis :")
                 .format(meanings=meanings)]), s.body),
             *ways_to_answer(letter, _("ou appelez {name} au <b>{phone}</b> et dites-lui vos réponses.")),
             _signature(letter, markup(words.what_next(on_paper=True)) + " "
                        + _("Merci et à bientôt !"))]
    return flow


def _slot_table(letter: Letter) -> Table:
    s = styles()
    rows = [[paragraph(_("Date"), s.cell_bold), paragraph(_("Horaire"), s.cell_bold),
             paragraph(_("Lieu"), s.cell_bold)]]
    for number, slot in enumerate(letter.slots, start=1):
        rows.append([
            paragraph(f"{number}.{NBSP}{long_date(slot.starts_at)}", s.cell),
            paragraph(time_range(slot.starts_at, slot.ends_at), s.cell),
            paragraph(markup(_place(letter.meeting, slot)), s.cell),
        ])
    return table(rows, widths(0.36, 0.23, 0.41), [
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ], repeatRows=1)


def _poll_slip(letter: Letter, invitee: Invitee) -> list[Flowable]:
    s = styles()
    meeting_line = _("Réunion : {title}").format(title=markup(letter.meeting.title))
    return [_slip_head(letter, invitee, meeting_line), Spacer(1, 1 * mm),
            paragraph(_("Pour chaque date, cochez une seule case."), s.body),
            _answer_table(letter),
            Spacer(1, 2 * mm),
            paragraph(_("Un mot pour nous (facultatif) :"), s.body),
            Spacer(1, 5 * mm), WritingLine()]


def _answer_table(letter: Letter) -> Table:
    s = styles()
    # One line a date (its day and start; the letter gives the end): a slip that stays short
    # stays on the letter's page.
    rows = [[paragraph(_("{number}.{nbsp}{day} à {time}").format(
                number=number, nbsp=NBSP, day=long_date(slot.starts_at), time=clock(slot.starts_at)),
                       s.cell),
             paragraph(CIRCLE + _("Oui"), s.cell),
             paragraph(CIRCLE + _("Oui si nécessaire"), s.cell),
             paragraph(CIRCLE + _("Non"), s.cell)]
            for number, slot in enumerate(letter.slots, start=1)]
    return table(rows, widths(0.43, 0.16, 0.25, 0.16), [
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (0, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ])


# ---- convened: the date chosen -------------------------------------------------------------


def _convened_part(letter: Letter, invitee: Invitee, items: Sequence[AgendaItem]) -> Flowable:
    return with_slip(_convened_letter(letter, invitee, items), _presence_slip(letter, invitee))


def _convened_letter(letter: Letter, invitee: Invitee, items: Sequence[AgendaItem]) -> list[Flowable]:
    s = styles()
    meeting = letter.meeting
    spell = FirstUse(words.names_of(meeting))
    flow: list[Flowable] = [
        *_greeting(letter, invitee, spell, _(
            "Nous avons choisi ensemble la date de notre réunion {committee}, <b>« {title} »</b>. "
            "Merci à celles et ceux qui ont répondu ! La date retenue est :").format(
            title=markup(meeting.title), committee=markup(words.committee_of(meeting)))),
        _chosen_date(letter),
        Spacer(1, 2 * mm),
        _your_place(letter, invitee, spell),
        *_agenda(meeting, items),
    ]
    flow += [paragraph(_("Viendrez-vous ?"), s.heading),
             paragraph(_("Dites-le-nous : cochez une case du coupon-réponse, puis découpez-le. "
                         "Ensuite :"), s.body),
             *ways_to_answer(letter, _("ou appelez {name} au <b>{phone}</b> et dites-lui si vous "
                                       "viendrez.")),
             _signature(letter, _("Au plaisir de vous retrouver. À bientôt !"))]
    return flow


def _chosen_date(letter: Letter) -> Table:
    """The date, the time, the place (and the video link) in a shaded box: what the reader
    looks for first, and copies onto a calendar."""
    s = styles()
    meeting, slot = letter.meeting, letter.slots[0]
    rows = [[paragraph(_("Date"), s.cell), paragraph(f"<b>{long_date(slot.starts_at)}</b>", s.heading)],
            [paragraph(_("Horaire"), s.cell), paragraph(time_range(slot.starts_at, slot.ends_at), s.body)],
            [paragraph(_("Lieu"), s.cell), paragraph(markup(_place(meeting, slot)), s.body)]]
    for label, text in (*words.where_lines(meeting),
                        *words.remote_lines(meeting, on_paper=True, sender=letter.sender)):
        rows.append([paragraph(markup(label), s.cell), paragraph(markup(text), s.body)])
    return table(rows, widths(0.2, 0.8), [
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.8, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 3 * mm),
    ])


def _presence_slip(letter: Letter, invitee: Invitee) -> list[Flowable]:
    s = styles()
    slot = letter.slots[0]
    meeting_line = _("Réunion : {title}, {day} à {time}").format(
        title=markup(letter.meeting.title), day=long_date(slot.starts_at), time=clock(slot.starts_at))
    choices = table([[paragraph(_("Cochez une seule case :"), s.body),
                      paragraph(CIRCLE + _("Je viendrai"), s.body),
                      paragraph(CIRCLE + _("Je ne pourrai pas venir"), s.body)]],
                    widths(0.3, 0.28, 0.42),
                    [*NO_SIDE_PADDING, ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return [_slip_head(letter, invitee, meeting_line), Spacer(1, 2 * mm),
            choices,
            Spacer(1, 2 * mm),
            paragraph(_("Un mot pour nous (facultatif) :"), s.body),
            Spacer(1, 5 * mm), WritingLine()]


# ---- cancelled -----------------------------------------------------------------------------


def _cancelled_letter(letter: Letter, invitee: Invitee, _items: Sequence[AgendaItem]) -> Flowable:
    """No agenda: there is no meeting left to prepare."""
    s = styles()
    title = markup(letter.meeting.title)
    committee = markup(words.committee_of(letter.meeting))
    if letter.slots:
        start = letter.slots[0].starts_at
        news = _("Notre réunion {committee}, <b>« {title} »</b>, prévue le {day} à {time}, "
                 "<b>est annulée</b>.").format(title=title, committee=committee,
                                                day=long_date(start), time=clock(start))
    else:
        news = _("Notre réunion {committee}, <b>« {title} »</b>, <b>est annulée</b> : inutile de "
                 "nous renvoyer le coupon-réponse.").format(title=title, committee=committee)
    spell = FirstUse(words.names_of(letter.meeting))
    flow: list[Flowable] = [
        *_greeting(letter, invitee, spell, news),
        paragraph(_("Nous en sommes désolés. Nous vous proposerons bientôt une nouvelle date."), s.body),
    ]
    if letter.organizer_phone:
        flow.append(paragraph(_("Pour toute question, vous pouvez appeler {name} au <b>{phone}</b>.")
                              .format(name=markup(letter.organizer_name), phone=phone_number(letter)),
                              s.body))
    flow += [_signature(letter, _("Merci de votre compréhension. À bientôt !"))]
    return KeepTogether(flow)
