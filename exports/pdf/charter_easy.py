"""The easy-to-read page at the front of a patient partenaire's charter (layout « 3 »,
`store.charters.EASY_FIRST`): what I do, what the team does, how to stop, whom to call. Large
print (14 points and more), short sentences, one idea a line, in the spirit of « facile à lire
et à comprendre »; the full charter follows, and is what is signed.

Everything it prints comes from the charter's values (the names, the contact and its phone, kept
when the charter was issued): the same values always give the same page, so a charter renders
again byte for byte. These sentences are part of layout « 3 »: changing them makes another
layout, with its own number, or the charters already signed would no longer match their PDF.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from comite.exports.pdf.document import FONT, FONT_BOLD, INK, markup, register_fonts
from comite.exports.pdf.letters import paragraph
from comite.kernel.glossary import EASY_MEANINGS
from comite.kernel.i18n import _
from comite.store.charters import BLANK, EASY_CONTACT, EASY_PHONE

I_DO = (_("Je parle de ce que j’ai vécu, si je le veux."),
        _("Je viens aux réunions quand je peux."),
        _("Je préviens si je ne peux pas venir."),
        _("Je garde pour moi ce que j’apprends sur les autres."),
        _("Je ne donne pas d’avis sur les soins : c’est le travail des soignants."))
THE_TEAM_DOES = (_("L’équipe m’explique les mots difficiles."),
                 _("L’équipe me dit ce qu’elle fait de mes idées."),
                 _("L’équipe garde pour elle ce que je dis de ma vie."),
                 _("L’équipe me rembourse mes frais, comme la charte le dit."),
                 _("Une personne de l’équipe m’écoute si j’ai un souci."))
TO_STOP = (_("Je peux arrêter quand je veux."),
           _("Je n’ai pas besoin de dire pourquoi."),
           _("Je le dis à la personne à contacter."))


@dataclass(frozen=True, slots=True)
class _Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    contact: ParagraphStyle


@cache
def _styles() -> _Styles:
    """Large print: 14 points at least, lines well apart, nothing in light grey."""
    register_fonts()
    body = ParagraphStyle("charter_easy_body", fontName=FONT, fontSize=14, leading=20,
                          textColor=INK, spaceAfter=2)
    return _Styles(
        title=ParagraphStyle("charter_easy_title", parent=body, fontName=FONT_BOLD, fontSize=20,
                             leading=26, spaceAfter=6),
        heading=ParagraphStyle("charter_easy_heading", parent=body, fontName=FONT_BOLD,
                               fontSize=16, leading=22, spaceBefore=10, spaceAfter=3),
        body=body,
        contact=ParagraphStyle("charter_easy_contact", parent=body, fontName=FONT_BOLD,
                               fontSize=16, leading=22),
    )


def easy_page(data: Mapping[str, str]) -> list[Flowable]:
    """The page's flowables, from the charter's values; a page break follows it (the caller's)."""
    s = _styles()
    phone = data.get(EASY_PHONE) or BLANK
    story: list[Flowable] = [
        paragraph(markup(_("Ma charte en mots simples")), s.title),
        *_lines(_("Cette charte est entre {person} et {structure}.").format(
                    person=data["person"], structure=data["structure_le"]),
                _("Nous travaillons ensemble, d’égal à égal.")),
        *_meanings(data),
        _section(_("Ce que je fais"), I_DO),
        _section(_("Ce que fait l’équipe"), THE_TEAM_DOES),
        _section(_("Si je veux arrêter"), TO_STOP),
        KeepTogether([paragraph(markup(_("La personne à contacter")), s.heading),
                      paragraph(markup(data.get(EASY_CONTACT, "")), s.contact),
                      paragraph(markup(_("Téléphone : {phone}").format(phone=phone)), s.contact)]),
        Spacer(1, 4 * mm),
        *_lines(_("La charte complète est dans les pages suivantes.")),
    ]
    return story


def _lines(*texts: str) -> list[Flowable]:
    """One idea a line."""
    return [paragraph(markup(text), _styles().body) for text in texts]


def _section(title: str, lines: tuple[str, ...]) -> Flowable:
    return KeepTogether([paragraph(markup(title), _styles().heading), *_lines(*lines)])


def _meanings(data: Mapping[str, str]) -> list[Flowable]:
    """The short words in the structure's and the committee's names, explained once."""
    words = {word for name in (data["structure"], data["committee"])
             for word in "".join(c if c.isalnum() else " " for c in name).split()}
    return _lines(*(_("{word} veut dire {meaning}").format(word=word, meaning=EASY_MEANINGS[word])
                    for word in sorted(words & set(EASY_MEANINGS))))
