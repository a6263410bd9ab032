"""A certificate of attendance (« attestation de présence »): one page that a person who took
part in a held meeting hands to their employer (a user representative's « congé de
représentation ») or keeps as proof of their time.

The structure's letterhead; « Attestation de présence »; the coordinator's statement, agreed
with the recorded sex of each (« Je soussignée … atteste que Paul Martin était présent … »);
the facts in a shaded box — the person, their role and seat, the meeting, its committee, the
day, the place, the hours planned and the hours of presence as noted at the door (a time that
was not noted says what stands in for it); what the certificate is for; then « Fait à …, le … »
and the coordinator's name, role and a box to sign and stamp.

Every text from the database goes through `markup`, so a name such as `Dupont & <b>Fils</b>`
prints as typed. The same `Attestation` always gives the same bytes.
"""

import enum
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from comite.exports.french import NBSP, clock, day_month_year, long_date, time_range
from comite.exports.pdf.document import (
    FONT_BOLD,
    RULE,
    SHADE,
    DocumentInfo,
    markup,
    render_pdf,
    styles,
    table,
)
from comite.exports.pdf.letterhead import Stationery, letterhead_block
from comite.exports.pdf.letters import NO_SIDE_PADDING, paragraph, widths
from comite.kernel.glossary import FirstUse
from comite.kernel.grammar import Gender, de, elides, gendered, of_the
from comite.kernel.i18n import _
from comite.store.committee_models import Function, Role
from comite.store.meeting_models import InviteeSeat, Meeting


class Until(enum.Enum):
    """What the end of someone's presence is read from: their departure as noted at the door;
    else the end of the séance, when the coordinator closed it in the app; else the end the
    meeting had planned."""

    DEPARTURE = "departure"
    SITTING_END = "sitting_end"
    PLANNED_END = "planned_end"


@dataclass(frozen=True, slots=True)
class Presence:
    """The hours a certificate gives, in the meeting's time. `arrival_noted` False: nobody noted
    the arrival (present by hand in the minutes), and `arrived` is the meeting's start."""

    arrived: datetime
    left: datetime
    arrival_noted: bool
    until: Until

    @property
    def minutes(self) -> int:
        return max(0, round((self.left - self.arrived).total_seconds() / 60))


@dataclass(frozen=True, slots=True)
class Signer:
    """Who signs: the committee's organizer (`usecases.organizer`); `gender` agrees « Je
    soussignée »."""

    name: str
    role: str = ""
    gender: Gender = None


@dataclass(frozen=True, slots=True)
class Attestation:
    """Everything one certificate prints. `starts_at` and `ends_at` are the meeting's planned
    hours, in its zone; `issued_at` the town it is made in ("" when the structure has none);
    `for_employer` adds the sentence on the congé de représentation (users' side)."""

    person_name: str
    gender: Gender
    roles: tuple[Role, ...]
    seat: InviteeSeat
    substitute_for_name: str
    function: Function | None
    meeting: Meeting
    starts_at: datetime
    ends_at: datetime
    presence: Presence
    signer: Signer
    issued_on: date
    issued_at: str
    stationery: Stationery
    for_employer: bool = False


def attestation_pdf(attestation: Attestation) -> bytes:
    """The certificate as the bytes of a one-page PDF."""
    return render_pdf(_story(attestation), _info(attestation))


def write_attestation(attestation: Attestation, out: Path) -> Path:
    """Write the certificate to `out` at once (never half a file) and return `out`."""
    from comite.exports.files import atomic_write

    atomic_write(out, attestation_pdf(attestation))
    return out


def duration(minutes: int) -> str:
    """« 1 h 05 », « 2 h », « 45 min »: how long someone was there, as a French form reads."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("{m} min").format(m=rest)
    if not rest:
        return _("{h} h").format(h=hours)
    return _("{h} h {m:02d}").format(h=hours, m=rest)


# ---- the page ---------------------------------------------------------------------------------


def _story(attestation: Attestation) -> list[Flowable]:
    s = styles()
    spell = FirstUse((attestation.meeting.structure_name, attestation.meeting.committee_name))
    return [
        letterhead_block(attestation.stationery),
        Spacer(1, 8 * mm),
        paragraph(_("Attestation de présence"), _title_style()),
        Spacer(1, 6 * mm),
        paragraph(spell(_statement(attestation)), s.body),
        Spacer(1, 3 * mm),
        _facts(attestation),
        Spacer(1, 5 * mm),
        *[paragraph(spell(text), s.body) for text in _purpose(attestation)],
        Spacer(1, 8 * mm),
        _signature(attestation),
    ]


def _title_style() -> ParagraphStyle:
    return ParagraphStyle("attestation_title", parent=styles().title, fontName=FONT_BOLD,
                          fontSize=20, leading=25, alignment=TA_CENTER)


def _statement(attestation: Attestation) -> str:
    """« Je soussignée Martine Perrin, coordinatrice de la MSP, atteste que Paul Martin était
    présent à la réunion « … » du Comité des usagers de la MSP des Tilleuls, le mardi … ».
    Each half agrees with its own person."""
    signer = attestation.signer
    meeting = attestation.meeting
    who = gendered(_("Je soussigné(e) {name}"), signer.gender).format(name=f"<b>{markup(signer.name)}</b>")
    if signer.role:
        who += f", {markup(signer.role)},"
    where = of_the(meeting.committee_article, markup(meeting.committee_name))
    if meeting.structure_name and meeting.structure_name not in meeting.committee_name:
        where += " " + of_the(meeting.structure_article, markup(meeting.structure_name))
    name = f"<b>{markup(attestation.person_name)}</b>"
    said = gendered(_("atteste {that_name} était présent(e) à la réunion « {title} » {where}, "
                      "le {day}."), attestation.gender).format(
        that_name=(_("qu’{name}") if elides(attestation.person_name) else _("que {name}"))
        .format(name=name), title=markup(meeting.title), where=where,
        day=long_date(attestation.starts_at).replace(" ", NBSP))  # the date whole, on one line
    return f"{who} {said}"


def _facts(attestation: Attestation) -> Table:
    """The facts an employer checks, one per line, in a shaded box."""
    s = styles()
    rows = [[paragraph(label, s.cell), paragraph(text, s.body)]
            for label, text in _fact_lines(attestation)]
    return table(rows, widths(0.27, 0.73), [
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.8, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 3 * mm),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 2 * mm),
    ])


def _fact_lines(attestation: Attestation) -> list[tuple[str, str]]:
    """(label, markup) for each fact the certificate holds; a role nobody recorded is left out."""
    meeting = attestation.meeting
    lines = [(_("Nom"), f"<b>{markup(attestation.person_name)}</b>")]
    if attestation.roles:
        lines.append((_("Qualité"), markup(" ; ".join(
            gendered(role.label, attestation.gender) for role in attestation.roles))))
    lines += [
        (_("Siège"), markup(_seat(attestation))),
        (_("Réunion"), markup(meeting.title)),
        (_("Instance"), markup(" — ".join(part for part in (
            meeting.committee_name, meeting.structure_name) if part))),
        (_("Date"), f"<b>{long_date(attestation.starts_at)}</b>"),
    ]
    if place := _place(meeting):
        lines.append((_("Lieu"), markup(place)))
    lines += [
        (_("Horaire prévu"), time_range(attestation.starts_at, attestation.ends_at)),
        (_("Présence"), _hours(attestation)),
        (_("Durée de présence"), duration(attestation.presence.minutes).replace(" ", NBSP)),
    ]
    return lines


def _seat(attestation: Attestation) -> str:
    """« Titulaire », « Suppléante de Jean Martin », « Invité », then a function other than
    member: « Titulaire, présidente »."""
    seat = gendered(attestation.seat.label, attestation.gender)
    if attestation.seat is InviteeSeat.SUBSTITUTE and attestation.substitute_for_name:
        seat += " " + de(attestation.substitute_for_name)
    if attestation.function not in (None, Function.MEMBER, Function.GUEST):
        seat += ", " + gendered(attestation.function.label, attestation.gender).lower()
    return seat


def _place(meeting: Meeting) -> str:
    """The room, then the address: « Salle de réunion de la MSP, 12 rue des Lilas, Lyon »."""
    return ", ".join(part for part in (meeting.place.strip(), meeting.full_address) if part)


def _hours(attestation: Attestation) -> str:
    """« de 17 h 55 à 19 h 10 », each end saying what it was read from when it was not noted at
    the door, so that nobody takes a planned hour for a noted one."""
    presence = attestation.presence
    gender = attestation.gender
    arrived = clock(presence.arrived)
    if not presence.arrival_noted:
        arrived += " " + gendered(_("(début de la réunion : arrivée non notée)"), gender)
    left = clock(presence.left)
    if presence.until is Until.SITTING_END:
        left += " " + gendered(_("(fin de la séance : départ non noté)"), gender)
    elif presence.until is Until.PLANNED_END:
        left += " " + gendered(_("(fin prévue de la réunion : départ non noté)"), gender)
    return _("de {arrived} à {left}").format(arrived=f"<b>{arrived}</b>" if presence.arrival_noted
                                               else arrived,
                                               left=f"<b>{left}</b>" if presence.until
                                               is Until.DEPARTURE else left)


def _purpose(attestation: Attestation) -> list[str]:
    said = [_("Cette attestation est délivrée pour servir et valoir ce que de droit.")]
    if attestation.for_employer:
        # The congé de représentation is the employer's to grant (art. L. 3142-60 and following
        # of the Code du travail: a representative of an association, in an instance set up by
        # law or regulation); the certificate only says it may serve for it.
        said.append(_("Elle peut être remise à l’employeur, notamment au titre du congé de "
                      "représentation (articles L.{nbsp}3142-60 et suivants du code du travail), "
                      "lorsque celui-ci s’applique.").format(nbsp=NBSP))
    return said


def _signature(attestation: Attestation) -> Flowable:
    """On the right: where and when it was made, who signs and as what, and a box to sign
    and stamp by hand."""
    s = styles()
    signer = attestation.signer
    day = day_month_year(attestation.issued_on).replace(" ", NBSP)
    made = (_("Fait à {town}, le {day}").format(town=markup(attestation.issued_at), day=day)
            if attestation.issued_at else _("Fait le {day}").format(day=day))
    lines = [f"<b>{markup(signer.name)}</b>"]
    role = signer.role[:1].upper() + signer.role[1:]
    lines += [markup(part) for part in (role, attestation.meeting.structure_name) if part
              and part not in signer.name]
    block = table(
        [[paragraph(made, s.body)],
         [paragraph("<br/>".join(lines), s.body)],
         [paragraph(_("Signature et cachet :"), s.small)],
         [""]],
        widths(0.55),
        [*NO_SIDE_PADDING, ("TOPPADDING", (0, 0), (-1, -1), 0),
         ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
         ("BOX", (0, 3), (0, 3), 0.6, RULE)],
        rowHeights=[None, None, None, 28 * mm])
    return KeepTogether([table([["", block]], widths(0.45, 0.55), [*NO_SIDE_PADDING])])


def _info(attestation: Attestation) -> DocumentInfo:
    title = _("Attestation de présence — {name}").format(name=attestation.person_name)
    return DocumentInfo(
        title=title, author=attestation.signer.name,
        subject=_("{title}, le {day}").format(title=attestation.meeting.title,
                                              day=day_month_year(attestation.starts_at)))

