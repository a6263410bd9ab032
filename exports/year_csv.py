"""A committee's year in figures as a spreadsheet file (CSV), one row a figure: section, figure,
value, unit. The same figures as the year's report (`exports.pdf.year_report`), which reads its
numbers through the helpers below so that the two never say different things.

Written as the other CSV exports are (`exports.composition`): UTF-8 with a byte order mark,
`;` between cells (the comma is the decimal mark), CR LF; a cell a spreadsheet would run as a
formula (`comite.kernel.formulas.formula_start`) gets an apostrophe before it.

What counts people (members, candidates, people trained) goes through `store.disclosure`
first: a count from 1 to 4 reads « < 5 », the composition follows the whole rule. Meetings,
turns of speech, conclusions, sessions, hours and rates are no count of people: printed as
they are. A CDU's complaints per service are masked by the same rule (`complaints_by`): a
complaint is a patient's, a small count in a service could point at one; per theme they are
exact (a theme names no place, and masked themes would leave the board nothing to read).
"""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from comite.exports.files import atomic_write
from comite.exports.french import day_month_year
from comite.kernel import plural
from comite.kernel.formulas import formula_start
from comite.kernel.i18n import _
from comite.store.complaint_models import MEDIATION_DAYS, EsatisScope, Mediation
from comite.store.disclosure import (
    NOTE,
    SMALL,
    SMALL_CELL,
    WITHHELD,
    disclose,
    disclose_criterion,
)
from comite.store.meeting_models import InviteeSeat
from comite.store.minutes_models import Side
from comite.store.privacy_models import (
    Composition,
    CountCell,
    ShownCell,
    ShownComposition,
    ShownCriterion,
)
from comite.store.year_models import (
    ComplaintFigures,
    Delay,
    HeldMeeting,
    MeetingQualityFigures,
    Presence,
    YearFigures,
)

NONE = _("sans objet")  # a rate with nothing to count: never « 0 % »
PERCENT = "%"
K = TypeVar("K")

# The sections, in the order of the report: the PDF titles its sections with the same words.
MEETINGS = _("Réunions tenues et prévues")
ATTENDANCE = _("Assiduité")
FLOOR = _("Équilibre de la parole")
CONCLUSIONS = _("Conclusions")
DEGREES = _("Degrés de participation")
RECRUITMENT = _("Recrutement et formations")
COMPOSITION = _("Composition")
SECTIONS = (MEETINGS, ATTENDANCE, FLOOR, CONCLUSIONS, DEGREES, RECRUITMENT, COMPOSITION)


@dataclass(frozen=True, slots=True)
class YearRow:
    section: str
    figure: str
    value: str
    unit: str = ""


# ---- numbers as a French reader writes them ------------------------------------------------


def percent(part: int, whole: int) -> int | None:
    """`part` of `whole` in percent, rounded half up on its own (as the minutes round the
    floor: a reader finds it again from the counts); None when there was nothing to count."""
    return (200 * part + whole) // (2 * whole) if whole else None


def percent_text(part: int, whole: int, space: str = "\u202f") -> str:
    """« 75 % », French-spaced; « sans objet » when there was nothing to count."""
    value = percent(part, whole)
    return NONE if value is None else f"{value}{space}%"


def decimal(value: float, places: int = 1) -> str:
    """« 3,7 », « 54 »: the decimal comma, no trailing « ,0 »."""
    text = f"{value:.{places}f}".replace(".", ",")
    return text.rstrip("0").rstrip(",") if "," in text else text


def people(count: int) -> str:
    """A count of people as it may be given to others: 1 to 4 read « < 5 », 0 is 0."""
    return SMALL if 0 < count < SMALL_CELL else str(count)


def average_present(figures: YearFigures) -> float | None:
    """How many people were present at a held meeting, on average; None without one."""
    if not figures.held:
        return None
    return sum(meeting.present for meeting in figures.held) / len(figures.held)


def seats_covered(figures: YearFigures) -> tuple[int, int]:
    """The year's seats covered and seats at the table, every held meeting together."""
    return (sum(m.covered for m in figures.held), sum(m.expected for m in figures.held))


def members(figures: YearFigures) -> ShownComposition:
    """The members at the year's end by seat and by side, masked by the composition's own rule
    (`store.disclosure.disclose`: fewer than five members publish nothing but « < 5 »)."""
    counted = figures.members
    by = ((_("Siège"), tuple(CountCell(seat_label(seat), counted.by_seat(seat))
                             for seat in InviteeSeat)),
          (_("Côté"), tuple(CountCell(side_label(side), counted.by_side(side)) for side in Side)))
    return disclose(Composition(figures.committee_id, counted.total, by, counted.on))


def seat_label(seat: InviteeSeat) -> str:
    """The seats in the plural, as a category of people (never « (e) » beside a count)."""
    return {InviteeSeat.TITULAR: _("Titulaires"),
            InviteeSeat.SUBSTITUTE: _("Suppléantes et suppléants"),
            InviteeSeat.GUEST: _("Invitées et invités")}[seat]


def side_label(side: Side) -> str:
    return {Side.USERS: _("Usagers"), Side.PROFESSIONALS: _("Professionnels"),
            Side.OTHERS: _("Autres")}[side]


def meeting_label(meeting: HeldMeeting) -> str:
    """« 9 février 2027 — Février »: the date first, then the title as the coordinator wrote it."""
    return f"{day_month_year(meeting.held_on)} — {meeting.title}"


def hours(value: float) -> str:
    return decimal(value)


# ---- the rows -------------------------------------------------------------------------------


def year_rows(figures: YearFigures) -> list[YearRow]:
    """Every figure of the year, section by section, in the report's order."""
    return [*_meetings(figures), *_attendance(figures), *_floor(figures), *_conclusions(figures),
            *_recommendations(figures), *_degrees(figures), *_recruitment(figures),
            *_composition(figures), *_commission(figures), *_complaints(figures),
            *_quality(figures)]


RECOMMENDATIONS = _("Recommandations")
COMMISSION = _("Commission des usagers")


def _recommendations(figures: YearFigures) -> list[YearRow]:
    """Each recommendation of the year, then each of the previous year's, with where it stands."""
    rows = []
    for year, listed in ((figures.year, figures.recommendations),
                         (figures.year - 1, figures.earlier_recommendations)):
        rows += [YearRow(RECOMMENDATIONS, conclusion.text, str(year),
                         conclusion.status.label.lower()) for conclusion in listed]
    return rows


def _commission(figures: YearFigures) -> list[YearRow]:
    """A CDU's seats by category (R. 1112-81) and its présidence: seats the law names, exact."""
    if figures.cdu is None:
        return []
    rows = []
    for category in figures.cdu.categories:
        if category.titulars or category.substitutes:
            rows += [YearRow(COMMISSION, _("{category} : titulaires").format(
                         category=category.category.label), str(category.titulars), _("sièges")),
                     YearRow(COMMISSION, _("{category} : suppléants").format(
                         category=category.category.label), str(category.substitutes), _("sièges"))]
    rows += [YearRow(COMMISSION, held.function.label, held.name,
                     held.category.label if held.category else "") for held in figures.cdu.presidency]
    return rows


# ---- a CDU's complaints and the quality of care ------------------------------------------------

COMPLAINTS = _("Plaintes, réclamations et éloges")
QUALITY = _("Qualité et sécurité des soins")
NO_SERVICE = _("Service non précisé")
NOT_RECORDED = _("non renseigné")
COMPLAINTS_NOTE = _("Réclamations par service : masquées comme les nombres de "
                    "personnes, pour qu’aucun patient ne soit reconnu : « < 5 » de 1 à 4 "
                    "réclamations ; « n.d. » (non diffusé) : nombre masqué pour qu’un petit "
                    "nombre ne se retrouve pas par différence avec le total ; moins de 5 "
                    "réclamations dans l’année : aucun détail.")


def complaints_by(title: str, cells: Sequence[CountCell]) -> ShownCriterion:
    """Complaints per service as they may be given to others: masked as the composition's
    counts of people are (`store.disclosure`), a complaint being a patient's."""
    if sum(cell.count for cell in cells) < SMALL_CELL:
        return ShownCriterion(title, (), withheld=True)
    return disclose_criterion(title, cells)


def complaint_themes(found: ComplaintFigures) -> ShownCriterion:
    """Per theme, exact: a theme names no place nor person, and masked themes leave the board
    nothing to read (seven complaints on seven themes would all be « < 5 »)."""
    return ShownCriterion(_("Thème"), tuple(ShownCell(t.key.label, str(t.count))
                                            for t in found.by_theme))


def complaint_services(found: ComplaintFigures) -> ShownCriterion:
    return complaints_by(_("Service"), [CountCell(t.key or NO_SERVICE, t.count)
                                        for t in found.by_service])


def mediation_label(kind: Mediation) -> str:
    return {Mediation.MEDICAL: _("Médiation médicale"),
            Mediation.NON_MEDICAL: _("Médiation non médicale"),
            Mediation.BOTH: _("Médiations médicale et non médicale")}[kind]


def days(value: float | None) -> str:
    """« 3 », « 4,5 »: a number of days; « sans objet » with nothing to count."""
    return NONE if value is None else decimal(value)


def score(value: float | None) -> str:
    return NOT_RECORDED if value is None else decimal(value)


def quality_label(meeting: MeetingQualityFigures) -> str:
    return f"{day_month_year(meeting.held_on)} — {meeting.title}"


def _complaints(figures: YearFigures) -> list[YearRow]:
    found = figures.complaints
    if found is None:
        return []

    def row(label: str, n: int, one: str = _("réclamation"),
            many: str = _("réclamations")) -> YearRow:
        return YearRow(COMPLAINTS, label, str(n), plural.plural(n, one, many))

    rows = [row(_("Réclamations reçues"), found.complaints),
            row(_("Éloges reçus"), found.praise, _("éloge"), _("éloges"))]
    for criterion in (complaint_themes(found), complaint_services(found)):
        if criterion.withheld:
            rows.append(YearRow(COMPLAINTS, _("{criterion} : tous").format(
                criterion=criterion.title), WITHHELD, _("réclamations")))
        rows += [YearRow(COMPLAINTS, f"{criterion.title} : {cell.label}", cell.shown,
                         _("réclamations")) for cell in criterion.cells]
    rows += [row(_("Canal : {channel}").format(channel=t.key.label), t.count)
             for t in found.by_channel]
    for label, delay in ((_("Accusé de réception"), found.acknowledged),
                         (_("Réponse"), found.answered)):
        rows += _delay_rows(label, delay)
    mediations = found.mediations
    rows.append(row(_("Médiations"), mediations.total, _("médiation"), _("médiations")))
    rows += [row(mediation_label(t.key), t.count, _("médiation"), _("médiations"))
             for t in mediations.by_kind]
    for label, n in (
            (_("Rencontre dans les {n} jours de la saisine (R. 1112-93)"), mediations.met_in_time),
            (_("Rencontre au-delà de {n} jours"), mediations.met_late),
            (_("Compte rendu dans les {n} jours de la rencontre (R. 1112-94)"),
             mediations.report_in_time),
            (_("Compte rendu au-delà de {n} jours"), mediations.report_late)):
        rows.append(row(label.format(n=MEDIATION_DAYS), n, _("médiation"), _("médiations")))
    rows.append(row(_("Compte rendu attendu"), mediations.report_waiting, _("médiation"),
                    _("médiations")))
    rows += [row(_("Suite donnée : {outcome}").format(outcome=t.key.in_sentence), t.count)
             for t in found.outcomes]
    rows.append(row(_("Examinées en réunion de la commission"), found.examined))
    return rows


def _delay_rows(label: str, delay: Delay) -> list[YearRow]:
    return [YearRow(COMPLAINTS, _("{step} : réclamations concernées").format(step=label),
                    str(delay.done), plural.plural(delay.done, _("réclamation"), _("réclamations"))),
            YearRow(COMPLAINTS, _("{step} : délai médian").format(step=label), days(delay.median),
                    _("jours")),
            YearRow(COMPLAINTS, _("{step} : délai moyen").format(step=label), days(delay.mean),
                    _("jours"))]


def _quality(figures: YearFigures) -> list[YearRow]:
    found = figures.complaints
    if found is None:
        return []
    rows = []
    for meeting in found.quality:
        label = quality_label(meeting)
        told = {s.scope: s.score for s in meeting.scores}
        rows += [YearRow(QUALITY, _("{meeting} : e-Satis {scope}").format(
                     meeting=label, scope=scope.label), score(told.get(scope)),
                     "/100" if scope in told else "") for scope in EsatisScope]
        events = meeting.adverse_events
        rows.append(YearRow(QUALITY, _("{meeting} : événements indésirables graves").format(
            meeting=label), NOT_RECORDED if events is None else str(events),
            "" if events is None else plural.plural(events, _("événement"), _("événements"))))
        if meeting.actions:
            rows.append(YearRow(QUALITY, _("{meeting} : ce qui a été fait").format(
                meeting=label), meeting.actions))
    rows.append(YearRow(QUALITY, _("Événements indésirables graves présentés dans l’année"),
                        str(found.adverse_events),
                        plural.plural(found.adverse_events, _("événement"), _("événements"))))
    return rows


def _meetings(figures: YearFigures) -> list[YearRow]:
    counts = figures.meetings
    rows = [YearRow(MEETINGS, label, str(n), plural.plural(n, _("réunion"), _("réunions")))
            for label, n in ((_("Tenues"), counts.held),
                             (_("Convoquées, pas encore tenues"), counts.convened),
                             (_("En sondage de dates"), counts.polled),
                             (_("Prévues (convoquées ou en sondage)"), counts.planned),
                             (_("Brouillons"), counts.drafts), (_("Annulées"), counts.cancelled))]
    for quarter in figures.quarters:
        rows.append(YearRow(MEETINGS, _("{quarter} : tenues").format(quarter=quarter.name),
                            str(quarter.held), plural.plural(quarter.held, _("réunion"), _("réunions"))))
        rows.append(YearRow(MEETINGS, _("{quarter} : prévues").format(quarter=quarter.name),
                            str(quarter.planned),
                            plural.plural(quarter.planned, _("réunion"), _("réunions"))))
    without = [figures.quarters[number - 1].name for number in figures.quarters_without_meeting]
    rows.append(YearRow(MEETINGS, _("Trimestres écoulés sans réunion tenue"),
                        str(len(without)), ", ".join(without)))
    return rows


def _attendance(figures: YearFigures) -> list[YearRow]:
    covered, expected = seats_covered(figures)
    average = average_present(figures)
    rows = [YearRow(ATTENDANCE, _("Sièges occupés sur l’année"), _rate(covered, expected),
                    _unit(expected)),
            YearRow(ATTENDANCE, _("Personnes présentes par réunion, en moyenne"),
                    NONE if average is None else decimal(average), _("personnes"))]
    rows += _presence(figures.by_seat, seat_label)
    rows += _presence(figures.by_side, side_label)
    for meeting in figures.held:
        label = meeting_label(meeting)
        rows += [
            YearRow(ATTENDANCE, _("{meeting} : présents").format(meeting=label),
                    str(meeting.present), _("personnes")),
            YearRow(ATTENDANCE, _("{meeting} : sièges à la table").format(meeting=label),
                    str(meeting.expected), _("sièges")),
            YearRow(ATTENDANCE, _("{meeting} : sièges occupés").format(meeting=label),
                    str(meeting.covered), _("sièges")),
            YearRow(ATTENDANCE, _("{meeting} : quorum").format(meeting=label),
                    _("atteint") if meeting.quorum_reached else _("non atteint"),
                    _("{n} requis").format(n=meeting.quorum_needed))]
    return rows


def _presence(tallies: Iterable[Presence[K]], label_of: Callable[[K], str]) -> list[YearRow]:
    rows = []
    for tally in tallies:
        label = label_of(tally.key)
        rows += [YearRow(ATTENDANCE, _("{who} : taux de présence").format(who=label),
                         _rate(tally.present, tally.invited), _unit(tally.invited)),
                 YearRow(ATTENDANCE, _("{who} : présences").format(who=label), str(tally.present),
                         _("sur {n} convocations").format(n=tally.invited))]
    return rows


def _floor(figures: YearFigures) -> list[YearRow]:
    rows = [YearRow(FLOOR, _("Prises de parole notées"), str(figures.turns),
                    plural.plural(figures.turns, _("prise de parole"), _("prises de parole")))]
    for side in figures.floor:
        label = side_label(side.side)
        rows += [YearRow(FLOOR, _("{side} : prises de parole").format(side=label), str(side.turns),
                         plural.plural(side.turns, _("prise de parole"), _("prises de parole"))),
                 YearRow(FLOOR, _("{side} : part de la parole").format(side=label),
                         _rate(side.turns, figures.turns), _unit(figures.turns))]
    return rows


def _conclusions(figures: YearFigures) -> list[YearRow]:
    found = figures.conclusions

    def row(label: str, n: int) -> YearRow:
        return YearRow(CONCLUSIONS, label, str(n), plural.plural(n, _("conclusion"), _("conclusions")))

    rows = [row(_("Prises dans l’année"), found.taken), row(_("Faites"), found.done),
            row(_("Abandonnées"), found.abandoned), row(_("Encore ouvertes"), found.open)]
    rows += [row(_("Dont : {kind}").format(kind=tally.key.label), tally.count)
             for tally in found.by_kind]
    rows.append(row(_("Reportées à une réunion suivante"), len(found.carried)))
    for times in sorted({carried.times for carried in found.carried}):
        rows.append(row(_("Reportées ×{n}").format(n=times), found.carried_times(times)))
    for carried in found.carried:
        rows.append(YearRow(_("Conclusions reportées"), carried.conclusion.text,
                            _("×{n}").format(n=carried.times),
                            carried.conclusion.status.label.lower()))
    return rows


def _degrees(figures: YearFigures) -> list[YearRow]:
    return [YearRow(DEGREES, tally.key.label, str(tally.count),
                    plural.plural(tally.count, _("point de l’ordre du jour"),
                                  _("points de l’ordre du jour")))
            for tally in figures.degrees]


def _recruitment(figures: YearFigures) -> list[YearRow]:
    found, trained = figures.recruitment, figures.trainings
    rows = [YearRow(RECRUITMENT, _("Candidatures à l’étape « {stage} »").format(stage=t.key.label),
                    people(t.count), _("personnes")) for t in found.reached]
    rows += [YearRow(RECRUITMENT, _("Nouvelles candidatures venues par : {source}").format(
        source=t.key.label), people(t.count), _("personnes")) for t in found.sources]
    for tally in trained.by_kind:
        rows += [YearRow(RECRUITMENT, _("{kind} : séances").format(kind=tally.kind.label),
                         str(tally.sessions), plural.plural(tally.sessions, _("séance"), _("séances"))),
                 YearRow(RECRUITMENT, _("{kind} : heures").format(kind=tally.kind.label),
                         hours(tally.hours), "h"),
                 YearRow(RECRUITMENT, _("{kind} : personnes formées").format(kind=tally.kind.label),
                         people(tally.people), _("personnes"))]
    rows += [YearRow(RECRUITMENT, _("Formations : séances en tout"), str(trained.sessions),
                     plural.plural(trained.sessions, _("séance"), _("séances"))),
             YearRow(RECRUITMENT, _("Formations : heures en tout"), hours(trained.hours), "h"),
             YearRow(RECRUITMENT, _("Personnes formées"), people(trained.people), _("personnes"))]
    return rows


def _composition(figures: YearFigures) -> list[YearRow]:
    shown = members(figures)
    on = day_month_year(shown.on)
    rows = [YearRow(COMPOSITION, _("Membres au {day}").format(day=on), shown.members, _("personnes"))]
    for criterion in shown.by:
        if criterion.withheld:
            rows.append(YearRow(COMPOSITION, _("{criterion} : toutes catégories").format(
                criterion=criterion.title), WITHHELD, _("personnes")))
        rows += [YearRow(COMPOSITION, f"{criterion.title} : {cell.label}", cell.shown,
                         _("personnes")) for cell in criterion.cells]
    return rows


def _rate(part: int, whole: int) -> str:
    value = percent(part, whole)
    return NONE if value is None else str(value)


def _unit(whole: int) -> str:
    return PERCENT if whole else ""


# ---- the file -------------------------------------------------------------------------------


def year_csv(figures: YearFigures, structure_name: str = "") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    heading = [[_("Bilan de l’année"), str(figures.year)],
               [_("Comité"), figures.committee_name],
               *([[_("Structure"), structure_name]] if structure_name else []),
               [_("Note"), NOTE],
               *([[_("Note"), COMPLAINTS_NOTE]] if figures.complaints is not None else []),
               [],
               [_("Rubrique"), _("Indicateur"), _("Valeur"), _("Unité")]]
    for row in heading:
        writer.writerow([as_text(cell) for cell in row])
    for row in year_rows(figures):
        writer.writerow([as_text(cell) for cell in (row.section, row.figure, row.value, row.unit)])
    return buffer.getvalue().encode("utf-8-sig")


def write_year_csv(figures: YearFigures, path: Path, *, structure_name: str = "") -> Path:
    """Write the file at once: never a half-written one."""
    return atomic_write(Path(path), year_csv(figures, structure_name))


def as_text(cell: str) -> str:
    """A cell a spreadsheet shows as text: an apostrophe before what it would run as a formula
    (the composition's export does the same)."""
    return f"'{cell}" if formula_start(cell) else cell
