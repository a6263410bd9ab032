"""The minutes' messages in the outbox, in the meeting's folder under `compte-rendu/`: for the
present status, one e-mail per member with an address (« diffuse-jeanne-dupont.eml ») and one
batch of letters to print for the members without (« lettres-diffuse.pdf »), beside the PDFs
they carry.

The folder shows the present status only: the messages and letters of an earlier status (a
« pour remarques » message never sent, once the minutes are adopted) are removed, so nothing
stale can be sent or printed by mistake. What was already sent or printed for the present
status stays as it went (`kept`): it is not written again.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from comite.exports.files import atomic_write, remove_stale, slug, sync_folder
from comite.exports.ical import Organizer, checked_organizer
from comite.exports.minutes_mail import Attachment, build_minutes_email
from comite.exports.pdf.letterhead import Stationery
from comite.exports.pdf.minutes_letters import PrintedMinutes, write_minutes_letters
from comite.kernel.i18n import _
from comite.store.errors import Refused
from comite.store.minutes_models import (
    Channel,
    MinutesDocument,
    MinutesMessage,
    MinutesRecipient,
    MinutesStatus,
)

# The status in the files' names, so that each status's messages are told apart.
STATUS_WORDS = {MinutesStatus.CIRCULATED: "diffuse", MinutesStatus.ADOPTED: "adopte",
                MinutesStatus.SIGNED: "signe"}
_WRITTEN = (".eml", ".pdf")


@dataclass(frozen=True, slots=True)
class MinutesOutboxResult:
    folder: Path
    emails: tuple[Path, ...]  # one .eml per person written to now: the messages to send
    letters: Path | None  # the batch to print, when someone is reached on paper
    on_paper: tuple[str, ...]  # the names of those in it
    records: tuple[MinutesMessage, ...]  # for store.minutes_mail.record


def write_minutes_outbox(doc: MinutesDocument, people: list[MinutesRecipient], full: Attachment,
                         easy: Attachment | None, folder: Path, organizer: Organizer,
                         phone: str = "", *, kept: frozenset[str] = frozenset(),
                         now: datetime | None = None,
                         stationery: Stationery | None = None) -> MinutesOutboxResult:
    """Write to `folder` the messages of `people` (those not yet reached for this status) and
    remove what an earlier status left. `full` and `easy` are the PDFs already written in the
    folder; `kept` names the files of this status already sent or printed. Refused (French)
    without the coordinator's address for e-mails, or their name for letters."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    stamp = now.isoformat(timespec="seconds")
    status = doc.state.status
    sender = checked_sender(people, organizer)
    by_email = [p for p in people if p.channel is Channel.EMAIL]
    on_paper = [p for p in people if p.channel is Channel.PAPER]
    names = _file_names(by_email, STATUS_WORDS[status], kept)
    emails, records = [], []
    for person in by_email:
        attached = (full, easy) if person.easy_read and easy is not None else (full,)
        emails.append(atomic_write(folder / names[person.person_id], build_minutes_email(
            doc, person, sender, phone, attached, now), sync_parent=False))
        records.append(MinutesMessage(person.person_id, status, Channel.EMAIL,
                                      names[person.person_id], stamp, None))
    letters = None
    if on_paper:
        letters = write_minutes_letters(
            doc, on_paper, PrintedMinutes(full.data, easy.data if easy else None),
            folder / _batch_name(STATUS_WORDS[status], kept), organizer_name=organizer.name,
            organizer_phone=phone, now=now, stationery=stationery)
        # A letter is given once written: comite cannot know when it is posted.
        records += [MinutesMessage(p.person_id, status, Channel.PAPER, letters.name, stamp, stamp)
                    for p in on_paper]
    written = {path.name for path in emails} | ({letters.name} if letters else set())
    remove_stale(folder, _WRITTEN, keep=written | kept | {full.name} | ({easy.name} if easy else set()))
    sync_folder(folder)
    return MinutesOutboxResult(folder=folder, emails=tuple(emails), letters=letters,
                               on_paper=tuple(p.name for p in on_paper), records=tuple(records))


def checked_sender(people: list[MinutesRecipient], organizer: Organizer) -> Organizer:
    """The coordinator as e-mails and letters need them: their address for e-mails (From:, and
    where the remarks come back), their name to sign the letters; refused in French."""
    if any(p.channel is Channel.PAPER for p in people) and not organizer.name.strip():
        raise Refused(_("Indiquez votre nom dans les réglages (F2) : il signe chaque lettre du "
                        "compte rendu à imprimer."))
    if not any(p.channel is Channel.EMAIL for p in people):
        return organizer
    if not organizer.email.strip():
        raise Refused(_("Indiquez votre adresse e-mail de coordination dans les réglages (F2) : "
                        "le compte rendu part de cette adresse, et les remarques y reviennent."))
    return checked_organizer(organizer)


def _file_names(people: list[MinutesRecipient], word: str, kept: frozenset[str]) -> dict[int, str]:
    """« diffuse-jeanne-dupont.eml »; the person's number added when two share a name, or when
    the name is that of a message already sent to someone else."""
    names = {p.person_id: f"{word}-{slug(p.name)}.eml" for p in people}
    taken = Counter(names.values())
    return {key: name if taken[name] == 1 and name not in kept
            else f"{name.removesuffix('.eml')}-{key}.eml" for key, name in names.items()}


def _batch_name(word: str, kept: frozenset[str]) -> str:
    """« lettres-diffuse.pdf »; a later batch of the same status gets a number, so the letters
    printed before are never replaced by others."""
    name, number = f"lettres-{word}.pdf", 1
    while name in kept:
        number += 1
        name = f"lettres-{word}-{number}.pdf"
    return name
