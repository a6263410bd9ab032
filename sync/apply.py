"""What a file from the inbox does to the store: calendar replies, or a Framadate poll export.

Called inside the caller's transaction: a refusal (InboxRefusal) rolls everything back.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from comite.kernel import plural
from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.store import NotFound, Store
from comite.store.meeting_models import (
    PARTSTAT_ANSWERS,
    AnswerSource,
    MeetingStatus,
    ReplyOutcome,
    ReplyResult,
)
from comite.sync import framadate, itip, mailparse
from comite.sync.errors import InboxRefusal
from comite.sync.framadate_languages import DateOrder
from comite.sync.itip import CalendarReply

_TOUCHE_I = _("Importez-le depuis l’écran de la réunion (touche i) : vous y choisirez la réunion "
              "et confirmerez les noms.")


class NoPollFits(InboxRefusal):
    """A Framadate export whose dates are those of no meeting in poll: not this base's."""


@dataclass(frozen=True, slots=True)
class Applied:
    reason: str  # French: what changed
    meeting_id: int | None
    replies: tuple[ReplyOutcome, ...] = ()


def apply_file(store: Store, name: str, data: bytes, organizers: Iterable[str] = ()) -> Applied:
    """`organizers`: the coordinator's known addresses (itip.parse_replies)."""
    suffix = name.lower().rsplit(".", 1)[-1]
    if suffix == "ics":
        return apply_replies(store, itip.parse_replies(data, organizers))
    if suffix == "eml":
        mail = mailparse.calendar_parts(data)
        replies = [reply for part in mail.parts for reply in itip.parse_replies(part, organizers)]
        return apply_replies(store, list(dict.fromkeys(replies)), mail.sender)
    return apply_poll(store, data)


def apply_replies(store: Store, replies: list[CalendarReply], sender: str = "") -> Applied:
    done: list[tuple[CalendarReply, ReplyResult]] = []
    for reply in replies:
        try:
            result = store.meetings.apply_reply(
                reply.uid, reply.attendee, reply.partstat, sequence=reply.sequence,
                stamp=reply.stamp, comment=reply.comment)
        except NotFound:
            raise InboxRefusal(
                _("Réponse à une invitation inconnue : cet événement n’a pas été envoyé par comite "
                  "depuis cette base (ou sa réunion a été supprimée)."),
                _("Si la réponse concerne bien une de vos réunions, saisissez-la vous-même dans "
                  "l’écran de la réunion.")) from None
        done.append((reply, result))
    titles = {result.meeting_id: store.meetings.get(result.meeting_id).title for _reply, result in done}
    sentences = [_sentence(reply, result, titles[result.meeting_id], sender) for reply, result in done]
    return Applied(
        reason=" ".join(sentences),
        meeting_id=done[0][1].meeting_id,
        replies=tuple(result.outcome for _reply, result in done))


def _sentence(reply: CalendarReply, result: ReplyResult, title: str, sender: str) -> str:
    if result.outcome is ReplyOutcome.PENDING:
        via = ""
        if sender and sender != reply.attendee:
            via = _(" (message envoyé par {sender})").format(sender=sender)
        return _("Réponse {of_address}{via} pour « {title} » : cette adresse n’est celle d’aucun "
                 "invité ; la réponse attend votre accord dans l’écran de la réunion.").format(
                     of_address=de(reply.attendee), via=via, title=title)
    if result.outcome is ReplyOutcome.STALE:
        return _("Réponse {of_name} pour « {title} » plus ancienne que celle déjà reçue (ou pour un "
                 "créneau retiré) : gardée dans l’historique, sans effet.").format(
                     of_name=de(result.invitee_name), title=title)
    return _("Réponse {of_name} pour « {title} » prise en compte : « {answer} ».").format(
        of_name=de(result.invitee_name), title=title, answer=PARTSTAT_ANSWERS[reply.partstat].label)


def apply_poll(store: Store, data: bytes) -> Applied:
    """Imported only when one open poll has exactly these slots and every name is sure;
    otherwise the coordinator decides, from the meeting's screen."""
    poll = framadate.parse_poll(data)
    plans = [framadate.match(poll, store.meetings.detail(meeting.id))
             for meeting in store.meetings.all(statuses=(MeetingStatus.POLL,))]
    fitting = [plan for plan in plans if not plan.unmatched_columns]
    if not fitting:
        raise NoPollFits(_("Aucune réunion en cours de sondage ne propose exactement ces {count} "
                             "créneaux.").format(count=len(poll.columns)), _TOUCHE_I)
    if len(fitting) > 1:
        raise InboxRefusal(_("Plusieurs réunions en cours de sondage proposent ces mêmes créneaux."),
                           _TOUCHE_I)
    return _import_when_sure(store, fitting[0])


def import_poll(store: Store, meeting_id: int, data: bytes,
                order: DateOrder | None = None) -> Applied:
    """A poll export into the meeting named, on the inbox's terms: every column one of its
    proposed slots, every name sure; otherwise InboxRefusal and nothing written. `order`: how
    the dates read, when the file leaves it open (framadate.parse_poll)."""
    plan = framadate.match(framadate.parse_poll(data, order), store.meetings.detail(meeting_id))
    if plan.unmatched_columns:
        raise InboxRefusal(
            plural.plural(
                len(plan.unmatched_columns),
                _("{count} colonne du sondage ne correspond à aucun créneau proposé de « {title} » "
                  ": {labels}."),
                _("{count} colonnes du sondage ne correspondent à aucun créneau proposé de "
                  "« {title} » : {labels}.")).format(count=len(plan.unmatched_columns),
                                    title=store.meetings.get(meeting_id).title,
                                    labels=", ".join(column.label for column in plan.unmatched_columns)),
            _("Vérifiez la réunion, ou importez-le depuis son écran (touche i) : les colonnes "
              "sans créneau y sont ignorées."), meeting_id)
    return _import_when_sure(store, plan)


def _import_when_sure(store: Store, plan: framadate.FramadatePlan) -> Applied:
    title = store.meetings.get(plan.meeting_id).title
    unsure = sum(1 for match in plan.names if match.certainty is not framadate.Certainty.SURE)
    if unsure or plan.warnings:
        problems = [plural.plural(unsure, _("{count} nom demande votre confirmation"),
                                  _("{count} noms demandent votre confirmation")).format(
            count=unsure)] if unsure else []
        raise InboxRefusal(
            _("Ce sondage Framadate correspond à « {title} », mais il faut votre regard : {what}."
              ).format(title=title, what=" ; ".join(problems + list(plan.warnings))),
            _("Importez-le depuis l’écran de cette réunion (touche i) : vous y confirmerez les noms "
              "avant que les réponses soient enregistrées."), plan.meeting_id)
    answers = plan.answers()
    count = store.meetings.import_votes(plan.meeting_id, answers, source=AnswerSource.FRAMADATE)
    return Applied(_("Sondage Framadate importé dans « {title} » : {answers} de {people}.").format(
        title=title, answers=plural.count(count, _("réponse"), _("réponses")),
        people=plural.count(len(answers), _("personne"), _("personnes"))), plan.meeting_id)
