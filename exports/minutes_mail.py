"""The e-mail that sends the minutes to one member: a French text saying what they are (to
reread until a date, adopted, signed) and the PDF of that version attached, with the
easy-to-read PDF for someone who asked for easy-to-read documents.

Laid out like the invitations (`exports.mail`): CRLF line ends, `X-Unsent: 1` so that a mail
client opens the .eml as a draft, a Message-ID made from the content, fixed boundaries (« =_ »
occurs in neither base64 nor quoted-printable text), so the same message written twice is the
same file.
"""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

from comite.exports.ical import Organizer, clean_name
from comite.exports.mail import address
from comite.exports.minutes_parts import DRAFT_MARK
from comite.kernel.french_dates import day_month_year, long_date
from comite.kernel.i18n import _
from comite.store.minutes_models import MinutesDocument, MinutesRecipient, MinutesStatus

_BOUNDARY = "=_comite_minutes"


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str  # as the recipient sees it: « compte-rendu-comite-de-printemps.pdf »
    data: bytes


def build_minutes_email(doc: MinutesDocument, recipient: MinutesRecipient, organizer: Organizer,
                        phone: str, attachments: tuple[Attachment, ...], now: datetime) -> bytes:
    """The .eml bytes for `recipient`; `organizer` already checked, `attachments` the minutes
    first, then the easy-to-read version when they get it."""
    chosen = policy.SMTP if recipient.email.isascii() else policy.SMTPUTF8
    mail = EmailMessage(policy=chosen)
    mail["From"] = address(organizer.name, organizer.email)
    mail["To"] = address(recipient.name, recipient.email)
    mail["Subject"] = subject(doc)
    mail["Date"] = format_datetime(now.astimezone(UTC).replace(microsecond=0))
    mail["Message-ID"] = _message_id(doc, recipient, organizer, attachments)
    mail["X-Unsent"] = "1"
    mail.set_content(body(doc, recipient, organizer, phone, attachments), cte="quoted-printable")
    for attachment in attachments:
        mail.add_attachment(attachment.data, maintype="application", subtype="pdf",
                            filename=attachment.name)
    for part in mail.iter_attachments():
        del part["MIME-Version"]  # the email package repeats it in each part: once is the rule
    mail.set_boundary(_BOUNDARY)
    return mail.as_bytes()


def subject(doc: MinutesDocument) -> str:
    heading = {MinutesStatus.CIRCULATED: _("Compte rendu à relire"),
               MinutesStatus.ADOPTED: _("Compte rendu adopté"),
               MinutesStatus.SIGNED: _("Compte rendu signé")}[doc.state.status]
    title = clean_name(doc.meeting.title)
    if doc.starts_at is None:
        return f"{heading} : {title}"
    return f"{heading} : {title} — {day_month_year(doc.starts_at.date())}"


def about(doc: MinutesDocument) -> str:
    """« la réunion « Comité de printemps » (Comité des usagers) du mardi 12 janvier 2027 »."""
    meeting = _("la réunion « {title} » ({committee})").format(
        title=doc.meeting.title, committee=doc.meeting.committee_name)
    if doc.starts_at is None:
        return meeting
    return _("{meeting} du {day}").format(meeting=meeting, day=long_date(doc.starts_at.date()))


def body(doc: MinutesDocument, recipient: MinutesRecipient, organizer: Organizer, phone: str,
         attachments: tuple[Attachment, ...]) -> str:
    state = doc.state
    lines = [_("Bonjour {name},").format(name=clean_name(recipient.name)), ""]
    if state.status is MinutesStatus.CIRCULATED:
        deadline = day_month_year(state.remarks_until) if state.remarks_until else ""
        lines += [_("Voici le compte rendu de {about}, pour vos remarques jusqu’au {day}.").format(
                      about=about(doc), day=deadline), "",
                  _("Relisez-le : une erreur, un oubli, une phrase à préciser ? Dites-le-nous "
                    "avant le {day}, en répondant à ce message").format(day=deadline)
                  + (_(" ou en appelant {name} au {phone}.").format(
                      name=clean_name(organizer.name), phone=phone) if phone else "."),
                  _("Le compte rendu sera ensuite adopté lors d’une prochaine réunion du comité ; "
                    "d’ici là, chaque page porte la mention « {mark} ».").format(mark=DRAFT_MARK)]
    elif state.status is MinutesStatus.ADOPTED:
        adopted = _("Le compte rendu de {about} a été adopté").format(about=about(doc))
        if state.adopted_in_title:
            adopted += _(" lors de la réunion « {title} »").format(title=state.adopted_in_title)
        lines += [adopted + ". " + _("En voici la version adoptée.")]
    else:
        lines += [_("Le compte rendu de {about} est signé. En voici la version définitive.")
                  .format(about=about(doc))]
    lines += ["", *_attached(attachments), "", _("Cordialement,"), clean_name(organizer.name),
              organizer.email]
    return "\n".join(lines) + "\n"


def _attached(attachments: tuple[Attachment, ...]) -> list[str]:
    if len(attachments) == 1:
        return [_("En pièce jointe : {name}.").format(name=attachments[0].name)]
    full, easy = attachments
    return [_("En pièces jointes : le compte rendu ({full}) et sa version facile à lire "
              "({easy}), comme vous l’avez demandé.").format(full=full.name, easy=easy.name)]


def _message_id(doc: MinutesDocument, recipient: MinutesRecipient, organizer: Organizer,
                attachments: tuple[Attachment, ...]) -> str:
    # From the content, as an invitation's: the same message written twice keeps its identity,
    # and no host name (often the coordinator's own) leaks into it.
    digest = hashlib.sha256(doc.state.status.encode() + recipient.email.encode()
                            + b"".join(a.data for a in attachments)).hexdigest()[:32]
    return f"<{digest}@{organizer.email.rpartition('@')[2]}>"
