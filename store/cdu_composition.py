"""Whether a commission des usagers is composed and presided as the law says (Code de la
santé publique, R. 1112-81 to R. 1112-83), from its seats on a given day. Pure functions,
tested alone; the committee page and the dashboard say what they find.

Required (R. 1112-81, I): the représentant légal or their delegate; two médiateurs, one
médecin and one non médecin, each with a suppléant(e); two représentant(e)s des usagers
designated by the ARS, each with a suppléant(e). The présidence and vice-présidence are
elected for three years among those (R. 1112-81-1), from two different categories; a RU's
mandate is three years (R. 1112-83): the ARS is asked before it ends.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from comite.kernel.grammar import de
from comite.kernel.i18n import _
from comite.kernel.plural import count
from comite.store.cdu_seats import TERM_YEARS, years_after
from comite.store.committee_models import CduGap, CduSeat, Function, Membership, Seat

# Asking the ARS for a renewal, or preparing an election, takes months.
AHEAD = timedelta(days=120)
_PAIRED = ((CduSeat.MEDIATOR_DOCTOR, 1), (CduSeat.MEDIATOR_OTHER, 1),
           (CduSeat.USER_REPRESENTATIVE, 2))


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def cdu_gaps(seats: Sequence[Membership], today: date) -> list[CduGap]:
    """What is missing first, then the reminders; empty when all is in order."""
    active = [m for m in seats if m.function is not Function.GUEST
              and (m.mandate_end is None or m.mandate_end >= today)]
    gaps = _required(active) + _uncategorised(active) + _lapsed(seats, today)
    gaps += _presidency(active, today) + _ars(active, today)
    return sorted(gaps, key=lambda gap: gap.reminder)


def _titulars(active: Sequence[Membership], category: CduSeat) -> list[Membership]:
    return [m for m in active if m.seat is Seat.TITULAR and m.cdu_seat is category]


def _required(active: Sequence[Membership]) -> list[CduGap]:
    gaps = []
    if not _titulars(active, CduSeat.LEGAL_REPRESENTATIVE):
        gaps.append(CduGap(_("Pas de représentant(e) légal(e) de l’établissement ni de "
                             "délégué(e) (R. 1112-81, I, 1°).")))
    for category, wanted in _PAIRED:
        titulars = _titulars(active, category)
        if len(titulars) < wanted:
            gaps.append(CduGap(_("{category} : {have} titulaire sur {wanted}.").format(
                category=category.label, have=len(titulars), wanted=wanted)))
        for titular in titulars:
            if not any(m.substitute_for == titular.id for m in active):
                gaps.append(CduGap(_("{name} ({category}) n’a pas de suppléant(e).").format(
                    name=titular.person_name, category=category.in_sentence)))
    return gaps


def _uncategorised(active: Sequence[Membership]) -> list[CduGap]:
    names = [m.person_name for m in active if m.cdu_seat is None]
    if not names:
        return []
    return [CduGap(_("Siège sans catégorie de la CDU : {names} — précisez-la sur leur "
                     "siège.").format(names=", ".join(names)))]


def _lapsed(seats: Sequence[Membership], today: date) -> list[CduGap]:
    return [CduGap(_("Mandat échu le {day} : {name} ({category}).").format(
                day=_day(m.mandate_end), name=m.person_name, category=m.cdu_seat.in_sentence))
            for m in seats if m.cdu_seat is not None and m.mandate_end and m.mandate_end < today
            and m.function is not Function.GUEST]


def _presidency(active: Sequence[Membership], today: date) -> list[CduGap]:
    gaps = []
    for function in (Function.PRESIDENT, Function.VICE_PRESIDENT):
        holder = next((m for m in active if m.function is function), None)
        if holder is None:
            gaps.append(CduGap(_("Pas de {function} élu(e) (R. 1112-81-1).").format(
                function=function.label.lower())))
        elif holder.elected_on is None:
            gaps.append(CduGap(_("{function} : la date de l’élection n’est pas notée "
                                 "({name}).").format(function=function.label,
                                                     name=holder.person_name)))
        else:
            ends = years_after(holder.elected_on, TERM_YEARS)
            if ends < today:
                gaps.append(CduGap(_("{function} : mandat de trois ans échu le {day} ({name}) — "
                                     "une élection est à tenir.").format(
                    function=function.label, day=_day(ends), name=holder.person_name)))
            elif ends - today <= AHEAD:
                gaps.append(CduGap(_("{function} : le mandat {of_name} finit le {day} — "
                                     "prévoyez l’élection.").format(
                    function=function.label, of_name=de(holder.person_name), day=_day(ends)),
                    reminder=True))
    return gaps


def _ars(active: Sequence[Membership], today: date) -> list[CduGap]:
    gaps = []
    users = [m for m in active if m.cdu_seat is CduSeat.USER_REPRESENTATIVE]
    unreferenced = [m.person_name for m in users if not m.act_reference.strip()]
    if unreferenced:
        gaps.append(CduGap(_("Arrêté de l’ARS non noté pour {names}.").format(
            names=", ".join(unreferenced)), reminder=True))
    for m in users:
        if m.mandate_end and m.mandate_end - today <= AHEAD:
            days = (m.mandate_end - today).days
            gaps.append(CduGap(_("Le mandat de RU {of_name} finit le {day} (dans {days}) : "
                                 "demandez son renouvellement ou une désignation à l’ARS.").format(
                of_name=de(m.person_name), day=_day(m.mandate_end),
                days=count(days, _("jour"), _("jours"))), reminder=True))
    return gaps
