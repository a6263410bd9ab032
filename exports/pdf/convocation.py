"""The printed letters for the invitees the coordinator reaches on paper (many users of a health
committee have no e-mail): whatever the others receive by e-mail, these receive on paper.

One part per invitee, each starting on a new page, and the letter follows the meeting's status:
- in a poll, the dates proposed, the meeting's message and its ordre du jour and, below a dashed
  cut line, a « Coupon-réponse » with « ○ Oui ○ Si nécessaire ○ Non » for each date;
- once convened, the date chosen, the place, the message and the ordre du jour, and a slip
  « ○ Je viendrai ○ Je ne pourrai pas venir »;
- once cancelled, a short letter that says so, without a slip.
Each slip carries the person's name and a reference (« Réf. R12-I34 »: meeting 12, invitee 34)
so the coordinator can type the answers in quickly. A long ordre du jour takes the letter to a
second page; the slip never splits (`letters.with_slip`).
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

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
from comite.kernel.i18n import _
from comite.store.errors import Refused
from comite.store.meeting_models import (
    Invitee,
    InviteeSeat,
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
                    written_on(meeting, now), stationery)
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


def _greeting(letter: Letter, invitee: Invitee) -> list[Flowable]:
    return [letterhead(letter), Spacer(1, 5 * mm),
            paragraph(_("Bonjour {name},").format(name=markup(invitee.name)), styles().body)]


def _signature(letter: Letter) -> Flowable:
    return paragraph(markup(letter.organizer_name), styles().heading)


def _slip_head(letter: Letter, invitee: Invitee, meeting_line: str) -> Table:
    """« Coupon-réponse » and the reference, then the person's name and the meeting."""
    s = styles()
    code = reference(letter.meeting.id, invitee.id)
    return table(
        [[paragraph(_("Coupon-réponse"), s.title),
          paragraph(_("<b>Réf.{nbsp}{code}</b>").format(nbsp=NBSP, code=code), s.body_right)],
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
    flow: list[Flowable] = [
        *_greeting(letter, invitee),
        paragraph(_("Nous préparons une réunion : <b>« {title} »</b>.").format(
            title=markup(meeting.title)), s.body),
        paragraph(_(
            "Nous voulons choisir la date ensemble. Voici les dates que nous proposons. "
            "Dites-nous lesquelles vous conviennent : nous garderons celle qui arrange le plus "
            "de monde.") if several else _(
            "Voici la date que nous proposons. Dites-nous si elle vous convient."), s.body),
        Spacer(1, 1 * mm),
        _slot_table(letter),
        Spacer(1, 2 * mm),
        *_agenda(meeting, items),
    ]
    if meeting.video_url:
        flow.append(paragraph(_("Vous pourrez aussi participer à distance, en visioconférence : {url}")
                              .format(url=markup(meeting.video_url)), s.body))
    flow += [paragraph(_("Comment répondre ?"), s.heading),
             paragraph(_("Remplissez le coupon-réponse, puis découpez-le. Ensuite :"), s.body),
             *ways_to_answer(letter, _("ou appelez {name} au <b>{phone}</b> et dites-lui vos réponses.")),
             Spacer(1, 1.5 * mm),
             paragraph(_("« Si nécessaire » veut dire : cette date ne m’arrange pas, mais je peux venir "
                         "s’il le faut."), s.body),
             paragraph(_("Merci pour votre réponse. À bientôt !"), s.body),
             _signature(letter)]
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
            Spacer(1, 3 * mm),
            paragraph(_("Un mot pour nous (facultatif) :"), s.body),
            Spacer(1, 6 * mm), WritingLine(), Spacer(1, 6 * mm), WritingLine()]


def _answer_table(letter: Letter) -> Table:
    s = styles()
    rows = [[paragraph(f"{number}.{NBSP}{long_date(slot.starts_at)}<br/>"
                       f"{time_range(slot.starts_at, slot.ends_at)}", s.cell),
             paragraph(CIRCLE + _("Oui"), s.cell),
             paragraph(CIRCLE + _("Si nécessaire"), s.cell),
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
    flow: list[Flowable] = [
        *_greeting(letter, invitee),
        paragraph(_("Nous avons choisi ensemble la date de notre réunion <b>« {title} »</b>. "
                    "Merci à toutes celles et à tous ceux qui ont répondu !").format(
                        title=markup(meeting.title)), s.body),
        paragraph(_("La date retenue est :"), s.body),
        _chosen_date(letter),
        Spacer(1, 3 * mm),
        *_agenda(meeting, items),
    ]
    if invitee.seat is InviteeSeat.TITULAR:
        flow.append(paragraph(_("Vous ne pouvez pas venir ? Votre suppléant(e) peut venir à votre "
                                "place : pensez à le ou la prévenir."), s.body))
    flow += [paragraph(_("Viendrez-vous ?"), s.heading),
             paragraph(_("Dites-le-nous : cochez une case du coupon-réponse, puis découpez-le. "
                         "Ensuite :"), s.body),
             *ways_to_answer(letter, _("ou appelez {name} au <b>{phone}</b> et dites-lui si vous "
                                       "viendrez.")),
             Spacer(1, 1.5 * mm),
             paragraph(_("Au plaisir de vous retrouver. À bientôt !"), s.body),
             _signature(letter)]
    return flow


def _chosen_date(letter: Letter) -> Table:
    """The date, the time, the place (and the video link) in a shaded box: what the reader
    looks for first, and copies onto a calendar."""
    s = styles()
    meeting, slot = letter.meeting, letter.slots[0]
    rows = [[paragraph(_("Date"), s.cell), paragraph(f"<b>{long_date(slot.starts_at)}</b>", s.heading)],
            [paragraph(_("Horaire"), s.cell), paragraph(time_range(slot.starts_at, slot.ends_at), s.body)],
            [paragraph(_("Lieu"), s.cell), paragraph(markup(_place(meeting, slot)), s.body)]]
    if meeting.video_url:
        rows.append([paragraph(_("À distance"), s.cell), paragraph(
            _("en visioconférence : {url}").format(url=markup(meeting.video_url)), s.body)])
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
    choices = table([[paragraph(CIRCLE + _("Je viendrai"), s.body),
                      paragraph(CIRCLE + _("Je ne pourrai pas venir"), s.body)]],
                    widths(0.4, 0.6), [*NO_SIDE_PADDING, ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return [_slip_head(letter, invitee, meeting_line), Spacer(1, 2 * mm),
            paragraph(_("Cochez une seule case."), s.body),
            choices,
            Spacer(1, 3 * mm),
            paragraph(_("Un mot pour nous (facultatif) :"), s.body),
            Spacer(1, 6 * mm), WritingLine()]


# ---- cancelled -----------------------------------------------------------------------------


def _cancelled_letter(letter: Letter, invitee: Invitee, _items: Sequence[AgendaItem]) -> Flowable:
    """No agenda: there is no meeting left to prepare."""
    s = styles()
    title = markup(letter.meeting.title)
    if letter.slots:
        start = letter.slots[0].starts_at
        news = _("Notre réunion <b>« {title} »</b>, prévue le {day} à {time}, <b>est annulée</b>.").format(
            title=title, day=long_date(start), time=clock(start))
    else:
        news = _("Notre réunion <b>« {title} »</b> <b>est annulée</b> : inutile de nous renvoyer le "
                 "coupon-réponse.").format(title=title)
    flow: list[Flowable] = [
        *_greeting(letter, invitee),
        paragraph(news, s.body),
        paragraph(_("Nous en sommes désolés. Nous vous proposerons bientôt une nouvelle date."), s.body),
    ]
    if letter.organizer_phone:
        flow.append(paragraph(_("Pour toute question, vous pouvez appeler {name} au <b>{phone}</b>.")
                              .format(name=markup(letter.organizer_name), phone=phone_number(letter)),
                              s.body))
    flow += [paragraph(_("Merci de votre compréhension. À bientôt !"), s.body), _signature(letter)]
    return KeepTogether(flow)
