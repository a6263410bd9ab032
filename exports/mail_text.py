"""The French text of each message: who writes and how to reach them, about which dates, where
and how to come, what the reader's place asks of them, and how and by when to answer — by the
buttons where the message has its one calendar part, otherwise by replying or by phone, each
date's file being there for the agendas that can open it (see docs/invitations.md).

A date no longer kept is said in one short paragraph, the date chosen first: nothing about the
wrong date (no « Quand / Où ») that a hurried reader could copy into their agenda. Each
abbreviation is spelled out at its first use in the message (`kernel.glossary.FirstUse`).
"""

from comite.exports import message_words as words
from comite.exports.agenda_lines import agenda_lines
from comite.exports.french import long_date, moment, span
from comite.exports.ical import CalendarMessage, Organizer, Purpose, clean_name, place
from comite.kernel.glossary import FirstUse
from comite.kernel.grammar import gender_of, gendered
from comite.kernel.i18n import _
from comite.store.meeting_models import MeetingDetail


def sender_of(organizer: Organizer) -> words.Sender:
    return words.Sender(name=clean_name(organizer.name), email=organizer.email,
                        phone=organizer.phone, role=clean_name(organizer.role))


def body(letter, detail: MeetingDetail, organizer: Organizer, numbers: dict[int, int]) -> str:
    """The text of `letter` (exports.mail.Letter) for its recipient."""
    meeting, invitee = detail.meeting, letter.invitee
    sender = sender_of(organizer)
    gender = gender_of(invitee.sex)
    names = {"title": meeting.title, "committee": words.committee_of(meeting)}
    lines = [_("Bonjour {name},").format(name=clean_name(invitee.name)), "",
             words.who_writes(sender, meeting)]
    if letter.purpose is Purpose.RELEASED:
        lines += ["", *_released(letter, detail)]
    else:
        lines += [gendered(_INTRO[letter.purpose], gender).format(**names)]
        coming = letter.purpose in (Purpose.HOLD, Purpose.CONVOCATION)
        lines += _dates(letter, detail, numbers, _where(detail, sender) if coming else [])
    if letter.purpose in (Purpose.HOLD, Purpose.CONVOCATION):
        lines += ["", words.your_place(meeting, invitee, detail.invitees)]
    lines += ["", *_answer(letter, detail, numbers)]
    if letter.purpose in (Purpose.HOLD, Purpose.CONVOCATION):
        if meeting.description.strip():
            lines += ["", meeting.description.strip()]
        if detail.agenda:
            lines += ["", _("Ordre du jour :"), *agenda_lines(detail)]
    lines += ["", _("Cordialement,"), *words.signature(sender, meeting)]
    return FirstUse(words.names_of(meeting))("\n".join(lines)) + "\n"


def _released(letter, detail: MeetingDetail) -> list[str]:
    """« La réunion … aura lieu le … . Le … n’est pas retenu : rien à noter dans votre agenda. »"""
    meeting = detail.meeting
    names = {"title": meeting.title, "committee": words.committee_of(meeting)}
    days = [long_date(part.slot.starts_at) for part in letter.parts]
    chosen = detail.chosen_slot
    first = (_("La réunion « {title} » {committee} aura lieu le {when}.").format(
        when=moment(chosen.starts_at), **names) if chosen is not None else
        _("Pour la réunion « {title} » {committee}, nous ne gardons pas toutes les dates "
          "proposées.").format(**names))
    if len(days) == 1:
        then = _("Le {day} n’est pas retenu : rien à noter dans votre agenda.").format(day=days[0])
    else:
        then = _("Ces dates ne sont pas retenues : {days}. Rien à noter dans votre agenda.").format(
            days=", ".join(days))
    return [first, then]


def _where(detail: MeetingDetail, sender: words.Sender) -> list[str]:
    """The address and the way in, then the video link and the number to call."""
    lines = [f"{label} : {text}" for label, text in (
        *words.where_lines(detail.meeting),
        *words.remote_lines(detail.meeting, on_paper=False, sender=sender))]
    return lines


def _dates(letter, detail: MeetingDetail, numbers: dict[int, int], where: list[str]) -> list[str]:
    """« Quand / Où » for the one date of the message, a numbered list when there are more;
    `where` (the address, the way in, the link and number) right under the place."""
    timezone = detail.meeting.timezone
    main = letter.main
    if main is not None and letter.purpose is not Purpose.HOLD:
        lines = ["", _("Quand : {when}").format(when=span(main.slot.starts_at, main.slot.ends_at,
                                                           timezone))]
        room = place(detail, main.slot)
        if room:
            lines += [_("Où : {place}").format(place=room)]
        lines += where
        others = [part for part in letter.parts if part is not main]
        if others:
            lines += ["", _("Les autres dates proposées ne sont pas retenues : rien à noter dans "
                            "votre agenda (elles en sont retirées) :"),
                      *_listed(others, detail, numbers)]
        return lines
    kept = [part for part in letter.parts if part.purpose is not Purpose.RELEASED]
    withdrawn = [part for part in letter.parts if part.purpose is Purpose.RELEASED]
    lines = []
    if kept:
        heading = _("Dates proposées :") if letter.purpose is Purpose.HOLD else _("Dates :")
        lines += ["", heading, *_listed(kept, detail, numbers)]
    if withdrawn:
        lines += ["", _("Dates retirées du sondage (plus besoin d’y répondre) :"),
                  *_listed(withdrawn, detail, numbers)]
    rooms = {place(detail, part.slot) for part in kept or letter.parts}
    if len(rooms) == 1 and (common := rooms.pop()):
        lines += ["", _("Où : {place}").format(place=common), *where]
    elif where:
        lines += ["", *where]
    return lines


def _listed(parts: list[CalendarMessage], detail: MeetingDetail, numbers: dict[int, int]) -> list[str]:
    """« 1. mardi 12 janvier 2027, 18 h – 20 h » and, when the dates are not all in one place,
    the place of each."""
    places = {place(detail, part.slot) for part in parts}
    lines = []
    for part in parts:
        when = span(part.slot.starts_at, part.slot.ends_at, detail.meeting.timezone)
        line = f"{numbers[part.slot.id]}. {when}"
        where = place(detail, part.slot)
        if len(places) > 1 and where:
            line += f" — {where}"
        lines.append(line)
    return lines


def _answer(letter, detail: MeetingDetail, numbers: dict[int, int]) -> list[str]:
    meeting = detail.meeting
    if letter.purpose is Purpose.HOLD:
        holds = [part for part in letter.parts if part.purpose is Purpose.HOLD]
        files = ", ".join(f"date-{numbers[part.slot.id]}.ics" for part in holds)
        example = [f"{numbers[part.slot.id]} : {word}" for part, word in zip(
            holds, (_("oui"), _("non"), _("oui si nécessaire")), strict=False)]
        deadline = words.reply_by(meeting)
        return [
            *([deadline] if deadline else []),
            _("Pour répondre, le plus simple : répondez à ce message en écrivant, pour chaque "
              "date, « oui », « oui si nécessaire » ou « non ». Par exemple :"),
            *example,
            _("Vous pouvez aussi nous appeler (numéro en bas de ce message)."),
            "",
            _("Ce que veut dire chaque réponse :"),
            *(f"- {line}" for line in words.answer_meanings()),
            "",
            _("Chaque date est aussi jointe à ce message ({files}) : si votre agenda sait ouvrir "
              "ces fichiers, il vous propose pour chacune Accepter (oui), Peut-être (oui si "
              "nécessaire) ou Refuser (non), et votre réponse nous parvient.").format(files=files),
            words.what_next(on_paper=False) + " " + _(
                "Les autres dates seront retirées de votre agenda."),
        ]
    if letter.purpose is Purpose.CONVOCATION:
        return [_("Pour répondre, utilisez les boutons de l’invitation dans votre messagerie ou "
                  "votre agenda :"),
                _("Accepter si vous venez, Refuser si vous ne pouvez pas venir."),
                _("Vous pouvez aussi répondre à ce message ou nous appeler (numéro en bas de ce "
                  "message).")]
    return [_("Aucune réponse n’est attendue : votre agenda vous propose de retirer ces dates.")
            if letter.main is None else
            _("Aucune réponse n’est attendue : votre agenda vous propose de retirer cette date.")]


_INTRO = {
    Purpose.HOLD: _("Nous vous proposons plusieurs dates pour la réunion « {title} » {committee} : "
                    "merci de nous dire lesquelles vous conviennent."),
    Purpose.CONVOCATION: _("Nous vous invitons à la réunion « {title} » {committee}."),
    Purpose.CANCELLED: _("La réunion « {title} » {committee} est annulée."),
    Purpose.REMOVED: _("Vous n’êtes plus invité(e) à la réunion « {title} » {committee}."),
}
