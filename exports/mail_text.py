"""The French text of each message: who writes, about which dates, and how to answer — by the
buttons where the message has its one calendar part, otherwise by replying or by phone, each
date's file being there for the agendas that can open it (see docs/invitations.md)."""

from comite.exports.agenda_lines import agenda_lines
from comite.exports.french import span
from comite.exports.ical import CalendarMessage, Organizer, Purpose, clean_name, place
from comite.kernel.i18n import _
from comite.store.meeting_models import InviteeSeat, MeetingDetail


def body(letter, detail: MeetingDetail, organizer: Organizer, numbers: dict[int, int]) -> str:
    """The text of `letter` (exports.mail.Letter) for its recipient."""
    meeting, invitee = detail.meeting, letter.invitee
    names = {"organizer": clean_name(organizer.name), "title": meeting.title,
             "committee": meeting.committee_name, "count": len(letter.parts)}
    lines = [_("Bonjour {name},").format(name=clean_name(invitee.name)), ""]
    intro = _INTRO[letter.purpose]
    if letter.purpose is Purpose.RELEASED and len(letter.parts) == 1:
        intro = _("Cette date n’est plus proposée pour la réunion « {title} » ({committee}) : "
                  "vous pouvez la retirer de votre agenda.")
    lines += [intro.format(**names)]
    lines += _dates(letter, detail, numbers)
    if meeting.video_url:
        lines += [_("Visio : {link}").format(link=meeting.video_url)]
    lines += ["", *_answer(letter, numbers)]
    if letter.purpose in (Purpose.HOLD, Purpose.CONVOCATION):
        if invitee.seat is InviteeSeat.SUBSTITUTE and invitee.substitute_for_name:
            lines += ["", _("Vous êtes invité(e) en tant que suppléant(e). Titulaire du siège : "
                            "{name}.").format(name=invitee.substitute_for_name)]
        if meeting.description.strip():
            lines += ["", meeting.description.strip()]
        if detail.agenda:
            lines += ["", _("Ordre du jour :"), *agenda_lines(detail)]
    lines += ["", _("Cordialement,"), names["organizer"], organizer.email]
    return "\n".join(lines) + "\n"


def _dates(letter, detail: MeetingDetail, numbers: dict[int, int]) -> list[str]:
    """« Quand / Où » for the one date of the message; a numbered list when there are more."""
    timezone = detail.meeting.timezone
    main = letter.main
    if main is not None and letter.purpose is not Purpose.HOLD:
        lines = ["", _("Quand : {when}").format(when=span(main.slot.starts_at, main.slot.ends_at,
                                                           timezone))]
        where = place(detail, main.slot)
        if where:
            lines += [_("Où : {place}").format(place=where)]
        others = [part for part in letter.parts if part is not main]
        if others:
            lines += ["", _("Les autres dates proposées ne sont pas retenues ; elles sont retirées "
                            "de votre agenda :"), *_listed(others, detail, numbers)]
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
    where = {place(detail, part.slot) for part in letter.parts}
    if len(where) == 1 and (common := where.pop()):
        lines += ["", _("Où : {place}").format(place=common)]
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


def _answer(letter, numbers: dict[int, int]) -> list[str]:
    if letter.purpose is Purpose.HOLD:
        holds = [part for part in letter.parts if part.purpose is Purpose.HOLD]
        files = ", ".join(f"date-{numbers[part.slot.id]}.ics" for part in holds)
        example = [f"{numbers[part.slot.id]} : {word}" for part, word in zip(
            holds, (_("oui"), _("non"), _("si nécessaire")), strict=False)]
        return [
            _("Pour répondre, le plus simple : répondez à ce message en écrivant, pour chaque "
              "date, « oui », « si nécessaire » ou « non ». Par exemple :"),
            *example,
            _("Vous pouvez aussi appeler la coordination."),
            "",
            _("Chaque date est aussi jointe à ce message ({files}) : si votre agenda sait ouvrir "
              "ces fichiers, il vous propose pour chacune Accepter (oui), Peut-être (si "
              "nécessaire) ou Refuser (non), et votre réponse nous parvient.").format(files=files),
            _("La date retenue vous sera confirmée par une invitation ; les autres seront "
              "retirées de votre agenda."),
        ]
    if letter.purpose is Purpose.CONVOCATION:
        return [_("Pour répondre, utilisez les boutons de l’invitation dans votre messagerie ou "
                  "votre agenda :"),
                _("Accepter si vous venez, Refuser si vous ne pouvez pas venir."),
                _("Vous pouvez aussi répondre à ce message ou appeler la coordination.")]
    return [_("Aucune réponse n’est attendue : votre agenda vous propose de retirer ces dates.")
            if letter.main is None else
            _("Aucune réponse n’est attendue : votre agenda vous propose de retirer cette date.")]


_INTRO = {
    Purpose.HOLD: _("{organizer} vous propose plusieurs dates pour la réunion « {title} » "
                    "({committee}) : merci de nous dire lesquelles vous conviennent."),
    Purpose.CONVOCATION: _("{organizer} vous invite à la réunion « {title} » ({committee})."),
    Purpose.RELEASED: _("Ces dates ne sont plus proposées pour la réunion « {title} » "
                        "({committee}) : vous pouvez les retirer de votre agenda."),
    Purpose.CANCELLED: _("La réunion « {title} » ({committee}) est annulée."),
    Purpose.REMOVED: _("Vous n’êtes plus invité(e) à la réunion « {title} » ({committee})."),
}
