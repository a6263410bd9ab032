"""The sentences every message and letter to an invitee shares, e-mail or paper: who writes and
how to reach them, by when to answer and what comes next, what each answer means, where to
come and how to get in, and what the reader's own place at the table asks of them.

Plain text: the e-mail writes it as it is, the paper letters escape it (`markup`) before they
set it. The reader may be 72 and ill at ease with computers, or read with difficulty: each
sentence says one thing, with the words the reader uses (« Oui si nécessaire » explained, the
titulaire named, the date in full).
"""

from dataclasses import dataclass

from comite.kernel.french_dates import long_date
from comite.kernel.grammar import gender_of, gendered, of_the, the
from comite.kernel.i18n import _
from comite.store.meeting_models import Invitee, InviteeSeat, Meeting


@dataclass(frozen=True, slots=True)
class Sender:
    """Who writes, as the reader needs them to answer: name, role, phone, e-mail."""

    name: str
    email: str = ""
    phone: str = ""
    role: str = ""  # « coordinatrice de la MSP »: the settings' coordinator_role


def names_of(meeting: Meeting) -> tuple[str, str]:
    """The proper names a message prints (its structure's, its committee's): their
    abbreviations are spelled out after them (`glossary.FirstUse`)."""
    return meeting.structure_name, meeting.committee_name


def committee_of(meeting: Meeting) -> str:
    """« du Comité des usagers », « de la Commission des usagers »."""
    return of_the(meeting.committee_article, meeting.committee_name)


def who_writes(sender: Sender, meeting: Meeting) -> str:
    """« Martine Perrin, coordinatrice de la MSP, vous écrit pour la MSP des Tilleuls. »"""
    name = f"{sender.name}, {sender.role}," if sender.role else sender.name
    if meeting.structure_name and meeting.structure_name not in name:
        return _("{name} vous écrit pour {structure}.").format(
            name=name, structure=the(meeting.structure_article, meeting.structure_name))
    return _("{name} vous écrit.").format(name=name.rstrip(","))


def signature(sender: Sender, meeting: Meeting) -> list[str]:
    """The name, then the role and the structure, then a phone and an e-mail to answer."""
    lines = [sender.name]
    structure = meeting.structure_name if meeting.structure_name not in sender.name else ""
    where = [part for part in (sender.role[:1].upper() + sender.role[1:], structure) if part]
    if where:
        lines.append(" — ".join(where))
    if sender.phone:
        lines.append(_("Téléphone : {phone}").format(phone=sender.phone))
    if sender.email:
        lines.append(_("E-mail : {email}").format(email=sender.email))
    return lines


def reply_by(meeting: Meeting) -> str:
    """« Merci de répondre au plus tard le mardi 5 janvier 2027. »; "" without a date."""
    if meeting.reply_by is None:
        return ""
    return _("Merci de répondre au plus tard le {day}.").format(day=long_date(meeting.reply_by))


def what_next(on_paper: bool) -> str:
    """What follows the poll, said on the medium the reader receives."""
    return (_("Nous vous confirmerons la date retenue par courrier.") if on_paper
            else _("Nous vous confirmerons la date retenue par e-mail."))


# What each answer means, in the reader's words: « si nécessaire » alone reads as « I do not
# know yet », which is not what it counts as.
ANSWER_MEANINGS = (
    (_("Oui"), _("je peux venir")),
    (_("Oui si nécessaire"), _("je peux venir si aucune autre date ne convient")),
    (_("Non"), _("je ne peux pas venir")),
)


def answer_meanings() -> list[str]:
    """« Oui : je peux venir. », one line per answer."""
    return [f"{word} : {meaning}." for word, meaning in ANSWER_MEANINGS]


def where_lines(meeting: Meeting) -> list[tuple[str, str]]:
    """(label, text) for the address and the way in, when known. The structure's address is
    given with its name (« MSP des Tilleuls, 12 rue des Tilleuls… »): a date held elsewhere
    (« Mairie annexe ») must not read as being there."""
    lines = []
    if meeting.address.strip():
        lines.append((_("Adresse"), meeting.full_address))
    elif meeting.full_address:
        lines.append((_("Adresse"), f"{meeting.structure_name}, {meeting.full_address}"))
    if meeting.access:
        lines.append((_("Accès"), " ".join(meeting.access.split())))
    return lines


def remote_lines(meeting: Meeting, on_paper: bool,
                 sender: Sender | None = None) -> list[tuple[str, str]]:
    """(label, text) to take part from afar: the link on a screen, and a number to call beside
    it. On paper a link cannot be clicked: only the number, or whom to call for the link."""
    lines = []
    if meeting.video_url and not on_paper:
        lines.append((_("Visio"), meeting.video_url))
    if meeting.dial_in:
        lines.append((_("Par téléphone"), _("appelez le {number}").format(number=meeting.dial_in)))
    elif meeting.video_url and on_paper and sender is not None:
        ask = (_("demandez le lien à {name} ({phone})").format(
            name=sender.name, phone=sender.phone) if sender.phone else
            _("demandez le lien à {name}").format(name=sender.name))
        lines.append((_("À distance"), _("en visio : {ask}.").format(ask=ask)))
    return lines


def your_place(meeting: Meeting, invitee: Invitee, invitees: tuple[Invitee, ...] = ()) -> str:
    """What the reader's seat asks of them: a titulaire is counted on, and told whom to warn
    when they cannot come (their suppléant(e) among `invitees`); a suppléant(e) comes when their
    titulaire cannot (the committee's own rule, else the default); a guest is welcome."""
    gender = gender_of(invitee.sex)
    if invitee.seat is InviteeSeat.SUBSTITUTE:
        return gendered(_("Vous êtes suppléant(e)."), gender) + " " + substitute_rule(meeting, invitee)
    if invitee.seat is InviteeSeat.TITULAR:
        counted = _("Vous êtes membre titulaire : nous comptons sur vous.")
        backup = next((other for other in invitees if other.seat is InviteeSeat.SUBSTITUTE
                       and invitee.seat_key is not None and other.seat_key == invitee.seat_key),
                      None)
        if backup is None:
            return counted
        return counted + " " + gendered(_("Si vous ne pouvez pas venir, prévenez votre "
                                          "suppléant(e), {name}."),
                                        gender_of(backup.sex)).format(name=backup.name)
    welcome = {"f": _("la bienvenue"), "m": _("le bienvenu")}.get(gender or "",
                                                                 _("le ou la bienvenue"))
    return gendered(_("Vous êtes invité(e) à cette réunion : vous y êtes {welcome}."),
                    gender).format(welcome=welcome)


def substitute_rule(meeting: Meeting, invitee: Invitee) -> str:
    """The committee's rule for its suppléant(e)s, else « Venez si Martine Perrin ne peut pas
    venir : elle vous préviendra. »"""
    if meeting.substitute_rule.strip():
        return " ".join(meeting.substitute_rule.split())
    titular = invitee.substitute_for_name
    if not titular:
        return _("Venez si la personne que vous suppléez ne peut pas venir : elle vous préviendra.")
    pronoun = {"f": _("elle"), "m": _("il")}.get(gender_of(invitee.substitute_for_sex) or "",
                                                 _("il ou elle"))
    return _("Venez si {name} ne peut pas venir : {pronoun} vous préviendra.").format(
        name=titular, pronoun=pronoun)
