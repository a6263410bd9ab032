"""A committee's year report as a PDF, for its board, its funders, the ARS: under the structure's
letterhead, first a page easy to read (large print, one short sentence a figure), then the
figures section by section — meetings held and planned (by quarter), attendance (with a chart per
meeting), the floor balance (a chart), conclusions taken, done, carried and abandoned, the
degrees of participation (the continuum, a chart), recruitment and trainings, the composition at
the year's end; for a CDU, its complaints, mediations and the quality of care told at its
meetings.

Every number comes from `store.year.figures` through the helpers of `exports.year_csv`, which
writes the same figures as a spreadsheet file: the two documents cannot disagree. Counts of
people go through `store.disclosure` (« < 5 »); meetings, turns, conclusions, sessions, hours and
rates are printed as they are. Charts are ReportLab's own graphics, drawn in the shipped font;
each repeats a table beside it, for whoever cannot read a chart.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from comite.exports import year_csv as words
from comite.exports.french import NBSP, day_month_year
from comite.exports.pdf.document import (
    FONT,
    FONT_BOLD,
    INK,
    RULE,
    SHADE,
    TEXT_WIDTH,
    DocumentInfo,
    markup,
    register_fonts,
    render_pdf,
    styles,
    table,
    write_pdf,
)
from comite.exports.pdf.letterhead import Stationery, letterhead_block
from comite.exports.pdf.letters import paragraph, widths
from comite.kernel import plural
from comite.kernel.glossary import FirstUse
from comite.kernel.grammar import gendered, likely_article, of_the, the
from comite.kernel.i18n import _
from comite.store.committee_models import CommitteeKind
from comite.store.complaint_models import MEDIATION_DAYS, EsatisScope
from comite.store.disclosure import NOTE, SMALL, WITHHELD
from comite.store.minutes_models import ConclusionStatus, Side
from comite.store.year_models import ComplaintFigures, YearFigures

# The most carried conclusions listed by name; the others are counted.
MOST_CARRIED = 10
# A section's heading moves to the next page with what follows when less than this is left.
ROOM_FOR_A_SECTION = 60 * mm
CHART_HEIGHT = 62 * mm
# Colours told apart by readers who see red and green alike (Okabe and Ito's palette).
SIDE_COLOURS = {Side.USERS: colors.HexColor("#0072B2"), Side.PROFESSIONALS: colors.HexColor("#E69F00"),
                Side.OTHERS: colors.HexColor("#999999")}
PRESENT = colors.HexColor("#0072B2")
EXPECTED = colors.HexColor("#BBBBBB")
CONTINUUM = colors.HexColor("#009E73")


@dataclass(frozen=True, slots=True)
class Names:
    """How the report names its committee: its name, the article it takes, its structure."""

    committee: str
    article: str
    structure: str

    @property
    def of_the(self) -> str:
        """« du Comité des usagers », « de la Commission des usagers »."""
        return of_the(self.article, self.committee)

    @property
    def the(self) -> str:
        return the(self.article, self.committee)


def write_year_report(figures: YearFigures, stationery: Stationery | None, path: Path, *,
                      article: str = "", structure_name: str = "", author: str = "") -> Path:
    """Write the year's report to `path` at once and return it, under the letterhead when
    `stationery` is given; `article` is the one the committee's name takes (as the name
    suggests when empty). The same figures always give the same bytes."""
    names = _names(figures, article, structure_name, stationery)
    return write_pdf(Path(path), year_story(figures, names, stationery), year_info(figures, names, author))


def render_year_report(figures: YearFigures, stationery: Stationery | None = None, *,
                       article: str = "", structure_name: str = "", author: str = "") -> bytes:
    """The same PDF as bytes, without touching the disk."""
    names = _names(figures, article, structure_name, stationery)
    return render_pdf(year_story(figures, names, stationery), year_info(figures, names, author))


def _names(figures: YearFigures, article: str, structure_name: str,
           stationery: Stationery | None) -> Names:
    structure = structure_name or (stationery.letterhead.name if stationery else "")
    return Names(figures.committee_name, article or likely_article(figures.committee_name), structure)


def year_info(figures: YearFigures, names: Names, author: str = "") -> DocumentInfo:
    return DocumentInfo(
        title=_("Bilan {year} — {committee}").format(year=figures.year, committee=names.committee),
        author=author or names.structure or names.committee,
        subject=_("L’année {year} {of_the} en chiffres").format(year=figures.year,
                                                                 of_the=names.of_the),
        keywords=_("bilan annuel, rapport d’activité, comité des usagers"))


def year_story(figures: YearFigures, names: Names,
               stationery: Stationery | None = None) -> list[Flowable]:
    # Abbreviations spelled out where the reader first meets them: on the easy page.
    spell = FirstUse([names.committee, names.structure])
    story: list[Flowable] = [letterhead_block(stationery, large=True)] if stationery else []
    story += _easy_page(figures, names, spell)
    story.append(PageBreak())
    story += [paragraph(markup(spell(_("Bilan {year} {of_the}").format(
        year=figures.year, of_the=names.of_the))), styles().title),
        paragraph(markup(_("Les chiffres de l’année, arrêtés le {day}.").format(
            day=day_month_year(figures.members.on))), styles().small)]
    story += _meetings(figures, spell)
    story += _attendance(figures)
    story += _floor(figures)
    story += _conclusions(figures, spell)
    story += _recommendations(figures, spell)
    story += _degrees(figures)
    story += _recruitment(figures)
    story += _composition(figures)
    story += _commission(figures, spell)
    story += _complaints(figures, spell)
    story += _quality(figures, spell)
    return story


# ---- the easy page ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Easy:
    title: ParagraphStyle
    body: ParagraphStyle


@cache
def _easy() -> _Easy:
    """Large print as the easy-to-read minutes have it: nothing under 14 points."""
    register_fonts()
    body = ParagraphStyle("year_easy_body", fontName=FONT, fontSize=15, leading=21, textColor=INK,
                          spaceAfter=6)
    return _Easy(ParagraphStyle("year_easy_title", parent=body, fontName=FONT_BOLD, fontSize=22,
                                leading=28, spaceAfter=10), body)


def _easy_page(figures: YearFigures, names: Names, spell: FirstUse) -> list[Flowable]:
    s = _easy()
    title = _("L’année {year} {of_the}").format(year=figures.year, of_the=names.of_the)
    return [paragraph(markup(spell(title)), s.title),
            *(paragraph(markup(spell(line)), s.body) for line in easy_sentences(figures, names))]


def easy_sentences(figures: YearFigures, names: Names) -> list[str]:
    """One short sentence a figure, in the order of the report."""
    we = _we(figures.kind)
    return [*_easy_meetings(figures), *_easy_attendance(figures), *_easy_conclusions(figures, we),
            *_easy_work(figures, we), *_easy_people(figures, names, we), *_easy_complaints(figures)]


def _we(kind: CommitteeKind) -> str:
    """How the easy page calls the committee in its sentences: by what it is, in two words."""
    return {CommitteeKind.CDU: _("La commission"), CommitteeKind.WORKING_GROUP: _("Le groupe"),
            CommitteeKind.ETP_PROGRAMME: _("Le programme")}.get(kind, _("Le comité"))


def _easy_meetings(figures: YearFigures) -> list[str]:
    held, planned = figures.meetings.held, figures.meetings.planned
    lines = [_("Il y a eu {n} cette année.").format(n=plural.count(held, _("réunion"), _("réunions")))
             if held else _("Il n’y a pas eu de réunion cette année.")]
    if planned and held:
        lines.append(plural.plural(planned, _("{n} autre réunion est prévue."),
                                   _("{n} autres réunions sont prévues.")).format(n=planned))
    elif planned:
        lines.append(plural.plural(planned, _("{n} réunion est prévue."),
                                   _("{n} réunions sont prévues.")).format(n=planned))
    if figures.kind is CommitteeKind.CDU:  # the one kind bound to meet every quarter
        lines += [_("Au {quarter}, il n’y a pas eu de réunion.").format(
            quarter=figures.quarters[number - 1].name) for number in figures.quarters_without_meeting]
    return lines


def _easy_attendance(figures: YearFigures) -> list[str]:
    average = words.average_present(figures)
    if average is None:
        return []
    covered, expected = words.seats_covered(figures)
    lines = [plural.plural(round(average), _("En moyenne, {n} personne est venue à chaque réunion."),
                           _("En moyenne, {n} personnes sont venues à chaque réunion.")).format(
        n=words.decimal(average))]
    if expected:
        lines.append(_("{rate} des places à la table étaient occupées.").format(
            rate=words.percent_text(covered, expected)))
    spoke = {side.side: side.turns for side in figures.floor}
    if figures.turns:
        lines.append(_("Les usagers ont pris la parole {n} fois.").format(n=spoke[Side.USERS]))
        lines.append(_("Les professionnels ont pris la parole {n} fois.").format(
            n=spoke[Side.PROFESSIONALS]))
        if spoke[Side.OTHERS]:
            lines.append(_("Les autres personnes ont pris la parole {n} fois.").format(
                n=spoke[Side.OTHERS]))
    return lines


def _easy_conclusions(figures: YearFigures, we: str) -> list[str]:
    found = figures.conclusions
    if not found.taken:
        return [_("{we} n’a rien décidé cette année.").format(we=we)]
    lines = [_("{we} a décidé {n}.").format(we=we, n=plural.count(found.taken, _("chose"),
                                                                  _("choses")))]
    for n, one, many in (
            (found.done, _("{n} est faite."), _("{n} sont faites.")),
            (found.open, _("{n} est encore à faire."), _("{n} sont encore à faire.")),
            (found.abandoned, _("{n} a été abandonnée."), _("{n} ont été abandonnées."))):
        if n:
            lines.append(plural.plural(n, one, many).format(n=n))
    if found.carried:
        most = found.carried[0]
        lines.append(plural.plural(len(found.carried),
                                   _("{n} chose a été suivie à une autre réunion."),
                                   _("{n} choses ont été suivies à une autre réunion.")).format(
            n=len(found.carried)))
        if most.times > 1:  # « the most carried » says nothing when each was carried once
            lines.append(_("La plus reportée a été suivie à {n} réunions : « {text} ».").format(
                n=most.times, text=most.conclusion.text))
    return lines


def _easy_work(figures: YearFigures, we: str) -> list[str]:
    items = sum(tally.count for tally in figures.degrees)
    if not items:
        return []
    together = sum(tally.count for tally in figures.degrees[2:])  # collaboration, partenariat
    lines = [_("{we} a parlé de {n}.").format(we=we, n=plural.count(items, _("sujet"), _("sujets")))]
    if together:
        lines.append(plural.plural(together, _("Sur {n} sujet, les usagers ont travaillé avec les "
                                               "professionnels."),
                                   _("Sur {n} sujets, les usagers ont travaillé avec les "
                                     "professionnels.")).format(n=together))
    return lines


def _easy_people(figures: YearFigures, names: Names, we: str) -> list[str]:
    lines = []
    spotted = figures.recruitment.begun
    if spotted:
        lines.append(_("{n} pour {join}.").format(join=_("rejoindre {we}").format(we=we.lower()),
                                                  n=_easy_people_count(
            spotted, _("nouvelle personne a été repérée"), _("nouvelles personnes ont été repérées"))))
    trained = figures.trainings
    if trained.sessions:
        lines.append(_("Les membres et les candidats ont suivi {n} de formation, {hours} heures "
                       "en tout.").format(
            n=plural.count(trained.sessions, _("séance"), _("séances")),
            hours=words.hours(trained.hours)))
    shown = words.members(figures).members
    members = (_("moins de 5 membres") if shown == SMALL
               else plural.count(int(shown), _("membre"), _("membres")))
    when = (_("À la fin de l’année") if figures.members.on.month == 12 and figures.members.on.day == 31
            else _("Aujourd’hui"))
    lines.append(_("{when}, {committee} compte {members}.").format(
        when=when, committee=names.the, members=members))
    return lines


def _easy_complaints(figures: YearFigures) -> list[str]:
    """A CDU's register in two sentences, once it holds something for the year."""
    found = figures.complaints
    if found is None or not (found.complaints or found.praise):
        return []
    lines = [_("La commission a reçu {complaints} et {praise}.").format(
        complaints=plural.count(found.complaints, _("réclamation"), _("réclamations")),
        praise=plural.count(found.praise, _("éloge"), _("éloges")))]
    if found.answered.done:
        lines.append(plural.plural(found.answered.done, _("{n} réclamation a reçu sa réponse."),
                                   _("{n} réclamations ont reçu leur réponse.")).format(
            n=found.answered.done))
    return lines


def _easy_people_count(n: int, one: str, many: str) -> str:
    """A count of people in a sentence: « Moins de 5 … » from 1 to 4, as the tables mask it."""
    if words.people(n) == SMALL:
        return _("Moins de 5 {what}").format(what=many)
    return f"{n} {plural.plural(n, one, many)}"


# ---- sections -------------------------------------------------------------------------------


def _section(title: str, *first: Flowable) -> list[Flowable]:
    """A heading that never stays alone at the foot of a page."""
    return [CondPageBreak(ROOM_FOR_A_SECTION),
            KeepTogether([paragraph(markup(title), styles().heading), *first])]


def _grid(rows: list[list[str]], fractions: Sequence[float], *, right_from: int = 1) -> Flowable:
    """A ruled table of plain text, its first row a header; text from the base goes through
    `markup` in a paragraph, numbers on the right."""
    s = styles()
    cells = [[paragraph(markup(cell), s.cell_bold if index == 0 else s.cell) for cell in row]
             for index, row in enumerate(rows)]
    grid = table(cells, widths(*fractions), [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)], repeatRows=1, spaceAfter=4 * mm)
    return grid


def _say(text: str) -> Flowable:
    return paragraph(markup(text), styles().body)


def _meetings(figures: YearFigures, spell: FirstUse) -> list[Flowable]:
    counts = figures.meetings
    status = _grid([[_("Réunions"), _("Nombre")],
                    [_("Tenues"), str(counts.held)],
                    [_("Convoquées, pas encore tenues"), str(counts.convened)],
                    [_("En sondage de dates"), str(counts.polled)],
                    [_("Brouillons (envoyés à personne)"), str(counts.drafts)],
                    [_("Annulées"), str(counts.cancelled)]], (0.75, 0.25))
    flow = _section(words.MEETINGS, status)
    if figures.kind is CommitteeKind.CDU:
        flow.append(_say(spell(_("La CDU se réunit au moins une fois par trimestre (article "
                                 "R. 1112-88 du code de la santé publique)."))))
    flow.append(_grid([[_("Trimestre"), _("Tenues"), _("Prévues")],
                       *([q.name, str(q.held), str(q.planned)] for q in figures.quarters)],
                      (0.5, 0.25, 0.25)))
    without = [figures.quarters[number - 1].name for number in figures.quarters_without_meeting]
    if without:
        flow.append(_say(plural.plural(len(without), _("Trimestre écoulé sans réunion tenue : {q}."),
                                       _("Trimestres écoulés sans réunion tenue : {q}.")).format(
            q=", ".join(without))))
    else:
        flow.append(_say(_("Chaque trimestre écoulé a eu au moins une réunion tenue.")))
    if figures.held:
        flow.append(_grid([[_("Date"), _("Réunion"), _("Présents"), _("Sièges occupés"), _("Quorum")],
                           *([day_month_year(m.held_on), m.title, str(m.present),
                              _("{covered} sur {seats}").format(covered=m.covered, seats=m.expected),
                              _("atteint") if m.quorum_reached else _("non atteint")]
                             for m in figures.held)], (0.2, 0.32, 0.14, 0.18, 0.16)))
    return flow


def _attendance(figures: YearFigures) -> list[Flowable]:
    if not figures.held:
        return _section(words.ATTENDANCE, _say(_("Aucune réunion tenue : pas d’assiduité à compter.")))
    covered, expected = words.seats_covered(figures)
    average = words.average_present(figures) or 0
    lines = [_say(_("Sièges occupés sur l’année : {rate} ({covered} sur {seats}).").format(
        rate=words.percent_text(covered, expected), covered=covered, seats=expected)),
        _say(_("Personnes présentes par réunion, en moyenne : {n}.").format(n=words.decimal(average)))]
    rows = [[_("Qui"), _("Présences"), _("Convocations"), _("Taux de présence")]]
    rows += [[words.seat_label(p.key), str(p.present), str(p.invited),
              words.percent_text(p.present, p.invited)] for p in figures.by_seat]
    rows += [[words.side_label(p.key), str(p.present), str(p.invited),
              words.percent_text(p.present, p.invited)] for p in figures.by_side]
    chart = _bar_chart([_short(m.held_on) for m in figures.held],
                       [(_("Présents"), [m.present for m in figures.held], PRESENT),
                        (_("Sièges à la table"), [m.expected for m in figures.held], EXPECTED)],
                       _("Présents et sièges à la table, réunion par réunion"))
    return [*_section(words.ATTENDANCE, *lines), _grid(rows, (0.4, 0.2, 0.2, 0.2)),
            KeepTogether([chart, Spacer(1, 4 * mm)])]


def _floor(figures: YearFigures) -> list[Flowable]:
    if not figures.turns:
        return _section(words.FLOOR, _say(_("Aucune prise de parole notée cette année.")))
    rows = [[_("Côté"), _("Prises de parole"), _("Part")]]
    rows += [[words.side_label(s.side), str(s.turns), words.percent_text(s.turns, figures.turns)]
             for s in figures.floor]
    rows.append([_("Toutes"), str(figures.turns), ""])
    chart = _bar_chart([_short(m.held_on) for m in figures.held],
                       [(words.side_label(side), [next(t.turns for t in m.floor if t.side is side)
                                                  for m in figures.held], SIDE_COLOURS[side])
                        for side in Side],
                       _("Prises de parole par côté, réunion par réunion"))
    return [*_section(words.FLOOR, _grid(rows, (0.5, 0.25, 0.25))),
            KeepTogether([chart, Spacer(1, 4 * mm)])]


def _conclusions(figures: YearFigures, spell: FirstUse) -> list[Flowable]:
    found = figures.conclusions
    rows = [[_("Conclusions prises dans l’année"), str(found.taken)],
            [_("Faites"), str(found.done)], [_("Abandonnées"), str(found.abandoned)],
            [_("Encore ouvertes"), str(found.open)],
            *([_("Dont : {kind}").format(kind=t.key.label), str(t.count)] for t in found.by_kind)]
    flow = _section(words.CONCLUSIONS, _grid([[_("Conclusions"), _("Nombre")], *rows], (0.75, 0.25)))
    if not found.carried:
        return [*flow, _say(_("Aucune conclusion n’a été suivie d’une réunion à l’autre."))]
    times = sorted({carried.times for carried in found.carried})
    flow.append(_say(_("Suivies à une réunion suivante : {n} ({detail}).").format(
        n=plural.count(len(found.carried), _("conclusion"), _("conclusions")),
        detail=", ".join(_("×{times} : {n}").format(times=t, n=found.carried_times(t)) for t in times))))
    listed = found.carried[:MOST_CARRIED]
    flow.append(_grid([[_("Reportée"), _("Conclusion"), _("Où elle en est")],
                       *([_("×{n}").format(n=c.times), spell(c.conclusion.text),
                          _status(c.conclusion.status)] for c in listed)], (0.14, 0.64, 0.22)))
    if len(found.carried) > len(listed):
        rest = len(found.carried) - len(listed)
        flow.append(paragraph(plural.plural(rest, _("Et {n} autre, moins reportée."),
                                            _("Et {n} autres, moins reportées.")).format(n=rest),
                              styles().small))
    return flow


def _recommendations(figures: YearFigures, spell: FirstUse) -> list[Flowable]:
    """The year's recommendations, and what became of the previous year's: what the CDU's
    annual report owes the establishment's board and the ARS."""
    if not figures.recommendations and not figures.earlier_recommendations:
        return []
    flow = _section(_("Recommandations"))
    for listed, title, empty in (
            (figures.recommendations, _("Faites en {year}").format(year=figures.year),
             _("Aucune recommandation faite en {year}.").format(year=figures.year)),
            (figures.earlier_recommendations,
             _("Suite donnée à celles de {year}").format(year=figures.year - 1),
             _("Aucune recommandation faite en {year}.").format(year=figures.year - 1))):
        if not listed:
            flow.append(_say(empty))
            continue
        flow.append(_grid([[title, _("Où elle en est")],
                           *([spell(c.text), _status(c.status)] for c in listed)], (0.75, 0.25)))
    return flow


def _status(status: ConclusionStatus) -> str:
    return {ConclusionStatus.OPEN: _("encore ouverte"), ConclusionStatus.DONE: _("faite"),
            ConclusionStatus.ABANDONED: _("abandonnée")}[status]


def _degrees(figures: YearFigures) -> list[Flowable]:
    intro = _say(_("Chaque point de l’ordre du jour des réunions tenues, selon la part que les "
                   "usagers y ont prise : de l’information (on les informe) à la consultation "
                   "(on leur demande leur avis), à la collaboration (ils travaillent avec les "
                   "professionnels) et au partenariat (ils décident avec eux)."))
    rows = [[_("Degré"), _("Points")], *([t.key.label, str(t.count)] for t in figures.degrees)]
    flow = [*_section(words.DEGREES, intro), _grid(rows, (0.75, 0.25))]
    if sum(t.count for t in figures.degrees):
        flow.append(KeepTogether([_bar_chart(
            [t.key.label for t in figures.degrees],
            [(_("Points de l’ordre du jour"), [t.count for t in figures.degrees], CONTINUUM)],
            _("De l’information au partenariat →")), Spacer(1, 4 * mm)]))
    return flow


def _recruitment(figures: YearFigures) -> list[Flowable]:
    found, trained = figures.recruitment, figures.trainings
    funnel = _grid([[_("Étape atteinte dans l’année"), _("Candidatures")],
                    *([t.key.label, words.people(t.count)] for t in found.reached)], (0.75, 0.25))
    sources = _grid([[_("Nouvelles candidatures venues par"), _("Personnes")],
                     *([t.key.label, words.people(t.count)] for t in found.sources)], (0.75, 0.25))
    courses = _grid([[_("Formation"), _("Séances"), _("Heures"), _("Personnes")],
                     *([t.kind.label, str(t.sessions), words.hours(t.hours), words.people(t.people)]
                       for t in trained.by_kind),
                     [_("En tout"), str(trained.sessions), words.hours(trained.hours),
                      words.people(trained.people)]], (0.52, 0.16, 0.16, 0.16))
    return [*_section(words.RECRUITMENT, funnel), sources, courses,
            paragraph(markup(NOTE), styles().small)]


def _commission(figures: YearFigures, spell: FirstUse) -> list[Flowable]:
    """A CDU's seats by the categories the law names (R. 1112-81), its présidence, and what it
    lacks at the year's end: seats, not characteristics of people, hence exact."""
    cdu = figures.cdu
    if cdu is None:
        return []
    seats = _grid([[_("Catégorie (R. 1112-81)"), _("Titulaires"), _("Suppléants")],
                   *([c.category.label, str(c.titulars), str(c.substitutes)]
                     for c in cdu.categories if c.titulars or c.substitutes)], (0.6, 0.2, 0.2))
    flow = _section(spell(_("La commission des usagers au {day}").format(
        day=day_month_year(figures.members.on))), seats)
    for held in cdu.presidency:
        elected = (gendered(_(", élu(e) le {day}"), held.gender).format(
            day=day_month_year(held.elected_on)) if held.elected_on else "")
        flow.append(_say(_("{function} : {name}{category}{elected}.").format(
            function=gendered(held.function.label, held.gender), name=held.name,
            category=f" ({held.category.label})" if held.category else "", elected=elected)))
    if not cdu.presidency:
        flow.append(_say(_("Présidence : personne n’est noté(e) président(e) ni vice-président(e).")))
    for gap in cdu.gaps:
        flow.append(_say("⚠ " + gap))
    return flow


def _complaints(figures: YearFigures, spell: FirstUse) -> list[Flowable]:
    """A CDU's register over the year: what came in, where from, about what, how fast it was
    answered, the mediations and their eight days (R. 1112-93 and 94), what came of it. Counts
    per service are masked as counts of people are (`words.complaints_by`), per theme exact."""
    found = figures.complaints
    if found is None:
        return []
    intro = _say(_("Reçues dans l’année : {complaints} et {praise}. Les thèmes, services, "
                   "canaux, délais et suites sont ceux des réclamations ; les éloges sont "
                   "comptés à part.").format(
        complaints=plural.count(found.complaints, _("réclamation"), _("réclamations")),
        praise=plural.count(found.praise, _("éloge"), _("éloges"))))
    flow = _section(words.COMPLAINTS, intro)
    for criterion in (words.complaint_themes(found), words.complaint_services(found)):
        cells = ([(_("tous"), WITHHELD)] if criterion.withheld
                 else [(cell.label, cell.shown) for cell in criterion.cells])
        if cells:
            flow.append(_grid([[criterion.title, _("Réclamations")], *cells], (0.75, 0.25)))
    flow.append(_grid([[_("Canal"), _("Réclamations")],
                       *([t.key.label, str(t.count)] for t in found.by_channel)], (0.75, 0.25)))
    flow.append(_grid([[_("Délai depuis la réception"), _("Réclamations"), _("Médiane"),
                        _("Moyenne")],
                       *([label, str(delay.done), _days(delay.median), _days(delay.mean)]
                         for label, delay in ((_("Accusé de réception"), found.acknowledged),
                                              (_("Réponse"), found.answered)))],
                      (0.4, 0.2, 0.2, 0.2)))
    flow += _mediations(found, spell)
    flow.append(_grid([[_("Suite donnée"), _("Réclamations")],
                       *([t.key.label, str(t.count)] for t in found.outcomes)], (0.75, 0.25)))
    flow.append(_say(plural.plural(found.examined,
                                   _("{n} dossier examiné en réunion de la commission."),
                                   _("{n} dossiers examinés en réunion de la commission."))
                     .format(n=found.examined)))
    flow.append(paragraph(markup(words.COMPLAINTS_NOTE), styles().small))
    return flow


def _days(value: float | None) -> str:
    return words.NONE if value is None else _("{n} j").format(n=words.days(value))


def _mediations(found: ComplaintFigures, spell: FirstUse) -> list[Flowable]:
    mediations = found.mediations
    if not mediations.total:
        return [_say(_("Aucune médiation dans l’année."))]
    days = MEDIATION_DAYS
    return [
        _grid([[_("Médiations"), _("Nombre")],
               *([words.mediation_label(t.key), str(t.count)] for t in mediations.by_kind),
               [_("En tout"), str(mediations.total)]], (0.75, 0.25)),
        _say(spell(_("Le médiateur rencontre le plaignant dans les {n} jours de sa saisine "
                     "(R. 1112-93) et adresse son compte rendu dans les {n} jours de la "
                     "rencontre (R. 1112-94).").format(n=days))),
        _grid([[_("Délai de {n} jours").format(n=days), _("Tenu"), _("Dépassé"), _("En attente")],
               [_("Rencontre après la saisine"), str(mediations.met_in_time),
                str(mediations.met_late), ""],
               [_("Compte rendu après la rencontre"), str(mediations.report_in_time),
                str(mediations.report_late), str(mediations.report_waiting)]],
              (0.46, 0.18, 0.18, 0.18))]


def _quality(figures: YearFigures, spell: FirstUse) -> list[Flowable]:
    """The e-Satis scores and serious adverse events told at each held meeting of the year."""
    found = figures.complaints
    if found is None:
        return []
    flow = _section(words.QUALITY, _say(spell(_(
        "À chaque réunion tenue : les scores e-Satis du trimestre (satisfaction des patients, "
        "sur 100) et les événements indésirables graves (EIG) présentés à la commission."))))
    if not found.quality:
        return [*flow, _say(_("Aucune réunion tenue : rien n’a été présenté."))]
    flow.append(_grid([[_("Réunion"), *(scope.label for scope in EsatisScope), _("EIG")],
                       *([_short(m.held_on) + " — " + _("T{n}").format(n=m.quarter),
                          *(words.score(next((s.score for s in m.scores if s.scope is scope),
                                             None)).replace(words.NOT_RECORDED, "—")
                            for scope in EsatisScope),
                          "—" if m.adverse_events is None else str(m.adverse_events)]
                         for m in found.quality)],
                      (0.2, 0.16, 0.2, 0.12, 0.14, 0.18)))
    flow.append(_say(plural.plural(found.adverse_events,
                                   _("{n} événement indésirable grave présenté dans l’année."),
                                   _("{n} événements indésirables graves présentés dans "
                                     "l’année.")).format(n=found.adverse_events)))
    for meeting in found.quality:
        if meeting.actions:
            flow.append(_say(_("{meeting} : {actions}").format(
                meeting=words.quality_label(meeting), actions=meeting.actions)))
    flow.append(paragraph(markup(_("« — » : rien de noté pour cette réunion.")), styles().small))
    return flow


def _composition(figures: YearFigures) -> list[Flowable]:
    shown = words.members(figures)
    lines = [_say(_("Membres au {day} : {n}.").format(day=day_month_year(shown.on),
                                                    n=shown.members.replace(" ", NBSP)))]
    flow = _section(_("{title} au {day}").format(title=words.COMPOSITION, day=day_month_year(shown.on)),
                    *lines)
    for criterion in shown.by:
        cells = ([(_("toutes catégories"), WITHHELD)] if criterion.withheld
                 else [(cell.label, cell.shown) for cell in criterion.cells])
        flow.append(_grid([[criterion.title, _("Membres")], *([label, n] for label, n in cells)],
                          (0.75, 0.25)))
    flow.append(paragraph(markup(NOTE), styles().small))
    return flow


# ---- charts ---------------------------------------------------------------------------------


def _short(day: date) -> str:
    """« 09/02 »: a chart's category, short enough for twelve meetings side by side."""
    return f"{day.day:02d}/{day.month:02d}"


def _bar_chart(categories: list[str], series: list[tuple[str, list[int], colors.Color]],
               caption: str) -> Drawing:
    """Bars side by side for each category, one colour a series, its value above each bar, a
    legend under the chart; every text in the shipped font (ReportLab's default, Helvetica,
    would slip into the file unembedded)."""
    register_fonts()
    height = CHART_HEIGHT
    drawing = Drawing(TEXT_WIDTH, height)
    # The renderer starts every drawing in Helvetica, whatever its strings say.
    drawing.initialFontName, drawing.initialFontSize = FONT, 8
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 16 * mm
    chart.width, chart.height = TEXT_WIDTH - 16 * mm, height - 26 * mm
    chart.data = [values for _label, values, _colour in series]
    chart.categoryAxis.categoryNames = categories
    top = max((max(values, default=0) for _label, values, _colour in series), default=0)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(top + 1, 2)
    chart.valueAxis.valueStep = max(1, (top + 1) // 5 or 1)
    chart.valueAxis.labelTextFormat = "%d"
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels, chart.barLabels):
        labels.fontName, labels.fontSize = FONT, 8
    chart.barLabelFormat = "%d"
    chart.barLabels.nudge = 5
    chart.groupSpacing = 8
    chart.barSpacing = 1
    for index, (_label, _values, colour) in enumerate(series):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    drawing.add(String(0, height - 6, caption, fontName=FONT_BOLD, fontSize=9.5, fillColor=INK))
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = 12 * mm, 4 * mm
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 38 * mm  # each entry its own column, wide enough for « Professionnels »
        legend.fontName, legend.fontSize = FONT, 8.5
        legend.colorNamePairs = [(colour, label) for label, _values, colour in series]
        drawing.add(legend)
    return drawing
