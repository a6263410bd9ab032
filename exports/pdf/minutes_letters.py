"""The minutes on paper, for the members without e-mail: one PDF to print holding, for each of
them, a cover letter on the stationery of every letter (`letters.letterhead`) — what the
document is, until when and how to send remarks: by phone, by post, at the reception desk —
followed by the very pages the others receive attached to their e-mail (and the easy-to-read
version for someone who asked for it).

The minutes' pages are those of the PDF files themselves, copied, not laid out again: the
member on paper reads the same pages, with the same page numbers, as the member by e-mail.
Each person's part starts on a new sheet: a blank page ends a part of an odd number of pages,
so a printer that prints both sides never puts the next person's letter on its back.
"""

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from comite.exports.files import atomic_write
from comite.exports.minutes_mail import about
from comite.exports.pdf.document import DocumentInfo, markup, render_pdf, styles
from comite.exports.pdf.letterhead import Stationery
from comite.exports.pdf.letters import Letter, letterhead, paragraph, phone_number, written_on
from comite.kernel.french_dates import day_month_year
from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.store.minutes_models import MinutesDocument, MinutesRecipient, MinutesStatus


@dataclass(frozen=True, slots=True)
class PrintedMinutes:
    """The PDFs that follow each cover letter: the minutes, and their easy-to-read version
    (None when nobody on paper asked for it)."""

    full: bytes
    easy: bytes | None


def write_minutes_letters(doc: MinutesDocument, people: list[MinutesRecipient],
                          minutes: PrintedMinutes, out: Path, *, organizer_name: str,
                          organizer_phone: str = "", now: datetime | None = None,
                          stationery: Stationery | None = None) -> Path:
    """Write the batch to `out` and return it; `people` are those reached on paper."""
    import pypdf

    # A letter about minutes speaks of no date to choose: no slots.
    letter = Letter(doc.meeting, (), organizer_name.strip(), organizer_phone.strip(),
                    written_on(doc.meeting, now), stationery)
    full = pypdf.PdfReader(io.BytesIO(minutes.full))
    easy = pypdf.PdfReader(io.BytesIO(minutes.easy)) if minutes.easy else None
    batch = pypdf.PdfWriter()
    for person in people:
        batch.append(pypdf.PdfReader(io.BytesIO(render_pdf(
            cover_letter(doc, letter, person, with_easy=bool(easy and person.easy_read)),
            _info(doc, letter)))))
        batch.append(full)
        if easy is not None and person.easy_read:
            batch.append(easy)
        if len(batch.pages) % 2:
            batch.add_blank_page()
    batch.add_metadata({"/Title": _info(doc, letter).title, "/Author": letter.organizer_name})
    data = io.BytesIO()
    batch.write(data)
    return atomic_write(out, data.getvalue())


def cover_letter(doc: MinutesDocument, letter: Letter, person: MinutesRecipient,
                 with_easy: bool) -> list[Flowable]:
    s = styles()
    flow: list[Flowable] = [
        letterhead(letter), Spacer(1, 5 * mm),
        paragraph(_("Bonjour {name},").format(name=markup(person.name)), s.body),
        *_news(doc),
        paragraph(_("Le compte rendu suit cette lettre, avec sa version facile à lire, comme vous "
                    "l’avez demandé.") if with_easy else _("Le compte rendu suit cette lettre."),
                  s.body),
    ]
    if doc.state.status is MinutesStatus.CIRCULATED:
        flow += _remarks(doc, letter)
    elif letter.organizer_phone:
        flow.append(paragraph(_("Pour toute question, vous pouvez appeler {name} au <b>{phone}</b>.")
                              .format(name=markup(letter.organizer_name),
                                      phone=phone_number(letter)), s.body))
    flow += [paragraph(_("Merci de votre engagement dans le comité. À bientôt !"), s.body),
             paragraph(markup(letter.organizer_name), s.heading)]
    return flow


def _news(doc: MinutesDocument) -> list[Flowable]:
    s = styles()
    state = doc.state
    if state.status is MinutesStatus.CIRCULATED:
        return [paragraph(markup(_("Voici le compte rendu de {about}.").format(about=about(doc))),
                          s.body),
                paragraph(_("Il n’est pas encore définitif : nous vous l’envoyons pour que vous "
                            "puissiez le relire et nous dire ce qu’il faut corriger."), s.body)]
    if state.status is MinutesStatus.ADOPTED:
        adopted = _("Le compte rendu de {about} a été adopté par le comité").format(about=about(doc))
        if state.adopted_in_title:
            adopted += _(" lors de la réunion « {title} »").format(title=state.adopted_in_title)
        return [paragraph(markup(adopted + "."), s.body),
                paragraph(_("Voici sa version adoptée."), s.body)]
    return [paragraph(markup(_("Le compte rendu de {about} est signé.").format(about=about(doc))),
                      s.body),
            paragraph(_("Voici sa version définitive."), s.body)]


def _remarks(doc: MinutesDocument, letter: Letter) -> list[Flowable]:
    """Until when, and the ways to send a remark without e-mail."""
    s = styles()
    deadline = doc.state.remarks_until
    name = markup(letter.organizer_name)
    ways = [_("donnez-la à l’accueil, par écrit ;"),
            _("ou envoyez-la par la poste, à l’attention {of_name}").format(of_name=de(name))]
    if letter.organizer_phone:
        ways[-1] += " ;"
        ways.append(_("ou appelez {name} au <b>{phone}</b>.").format(
            name=name, phone=phone_number(letter)))
    else:
        ways[-1] += "."
    heading = (_("Une remarque ? Dites-la-nous avant le <b>{day}</b>").format(
        day=day_month_year(deadline)) if deadline else _("Une remarque ?"))
    return [paragraph(heading, s.heading),
            paragraph(_("Une erreur, un oubli, une phrase à préciser : vos remarques comptent. "
                        "Pour nous les faire connaître :"), s.body),
            *(paragraph(way, s.bullet, bulletText="•") for way in ways),
            Spacer(1, 1.5 * mm),
            paragraph(_("Le compte rendu sera ensuite adopté lors d’une prochaine réunion du "
                        "comité."), s.body)]


def _info(doc: MinutesDocument, letter: Letter) -> DocumentInfo:
    return DocumentInfo(title=_("Compte rendu — {title} : lettres à imprimer").format(
                            title=doc.meeting.title),
                        author=letter.organizer_name,
                        subject=_("Le compte rendu, pour les membres sans e-mail : {committee}")
                        .format(committee=doc.meeting.committee_name))
