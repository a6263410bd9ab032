"""The evidence pack for the ACI indicator « implication des usagers »: what an MSP hands the
CPAM for a year, from its actions register (`store.involvement.year`).

Under the structure's letterhead, a first page sums up the claims of level 1 (informing and
consulting the users) and of level 2 (building and deciding with them); then, level by level,
each claim with its dates, its degree of participation, who took part counted by side, and its
dated evidence — a file kept (its label, date, the start of its sha256 and its file name, a
thumbnail for an image) or a fact the base holds (a séance noted, minutes adopted, a mandate).
A year with nothing recorded prints one clear page saying so.

Counts of people go through the year report's rule (`exports.year_csv.people`: 1 to 4 read
« < 5 »). Every text from the base goes through `markup`. The same register gives the same
bytes.
"""

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Spacer

from comite.exports.french import day_month_year
from comite.exports.pdf.document import (
    RULE,
    SHADE,
    DocumentInfo,
    markup,
    render_pdf,
    styles,
    table,
    write_pdf,
)
from comite.exports.pdf.letterhead import Stationery, letterhead_block
from comite.exports.pdf.letters import paragraph, widths
from comite.exports.year_csv import people
from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.involvement_models import LEVELS, Claim, Headcount, InvolvementYear, Proof, level_label

SHORT_SHA = 12
THUMBNAIL = 32 * mm
THUMBNAIL_MAX_BYTES = 20 * 1024 * 1024
MASK_NOTE = _("« < 5 » : de 1 à 4 personnes, nombre masqué pour que personne ne soit reconnu.")


def write_aci_pack(register: InvolvementYear, stationery: Stationery | None, path: Path, *,
                   today: date, author: str = "") -> Path:
    """Write the pack to `path` at once (never half a file) and return it."""
    return write_pdf(Path(path), aci_story(register, stationery, today), _info(register, author))


def render_aci_pack(register: InvolvementYear, stationery: Stationery | None = None, *,
                    today: date, author: str = "") -> bytes:
    return render_pdf(aci_story(register, stationery, today), _info(register, author))


def _info(register: InvolvementYear, author: str) -> DocumentInfo:
    return DocumentInfo(
        title=_("Implication des usagers {year} — {structure}").format(
            year=register.year, structure=register.structure_name),
        author=author or register.structure_name,
        subject=_("Preuves pour l’indicateur ACI « implication des usagers », année {year}")
        .format(year=register.year),
        keywords=_("ACI, implication des usagers, preuves, MSP"),
        footnote=MASK_NOTE)


def aci_story(register: InvolvementYear, stationery: Stationery | None,
              today: date) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [letterhead_block(stationery, large=True)] if stationery else []
    story += [paragraph(markup(_("Implication des usagers — année {year}").format(
                  year=register.year)), s.title),
              paragraph(markup(_("{structure} · indicateur ACI « implication des usagers » · "
                                 "registre arrêté le {day}").format(
                  structure=register.structure_name, day=day_month_year(today))), s.small),
              Spacer(1, 4 * mm)]
    if not register.claims:
        story.append(paragraph(markup(_(
            "Rien n’a été enregistré pour {year} : aucune action d’implication des usagers, "
            "aucune séance tenue d’un comité des usagers, aucun usager référent dans un groupe "
            "de travail. Ce dossier ne peut donc appuyer ni le niveau 1 ni le niveau 2.").format(
                year=register.year)), s.body))
        return story
    story += _summary(register)
    for level in LEVELS:
        claims = register.level(level)
        if claims:
            story += [PageBreak(), paragraph(markup(level_label(level)), s.heading)]
            story += [_claim(number, claim) for number, claim in enumerate(claims, start=1)]
    return story


# ---- the first page -----------------------------------------------------------------------


def _summary(register: InvolvementYear) -> list[Flowable]:
    s = styles()
    rows = [[_("Niveau"), _("Lignes"), _("saisies"), _("tirées des comités"), _("preuves datées")]]
    for level in LEVELS:
        claims = register.level(level)
        rows.append([level_label(level), str(len(claims)),
                     str(sum(1 for c in claims if not c.derived)),
                     str(sum(1 for c in claims if c.derived)),
                     str(sum(len(c.proofs) for c in claims))])
    story: list[Flowable] = [paragraph(markup(_("En résumé")), s.heading), _grid(rows)]
    for level in LEVELS:
        claims = register.level(level)
        story.append(paragraph(markup(level_label(level)), s.heading))
        if not claims:
            story.append(paragraph(markup(_("Aucune ligne à ce niveau pour l’année.")), s.body))
        story += [paragraph(markup(f"{_dates(claim)} — {claim.title}"), s.bullet, bulletText="•")
                  for claim in claims]
    return story


def _grid(rows: list[list[str]]) -> Flowable:
    s = styles()
    cells = [[paragraph(markup(cell), s.cell_bold if index == 0 else s.cell) for cell in row]
             for index, row in enumerate(rows)]
    return table(cells, widths(0.44, 0.12, 0.12, 0.16, 0.16),
                 [("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                  ("VALIGN", (0, 0), (-1, -1), "TOP")], repeatRows=1)


# ---- a claim ------------------------------------------------------------------------------


def _claim(number: int, claim: Claim) -> Flowable:
    s = styles()
    kind = claim.kind_label + (f" — {claim.detail}" if claim.detail else "")
    origin = (_("tiré de la base (comités, séances, mandats)") if claim.derived
              else _("action enregistrée par la coordination"))
    rows = [
        [_("Type"), kind],
        [_("Dates"), _dates(claim)],
        [_("Degré de participation"), claim.participation.label if claim.participation else "—"],
        [_("Participants"), _headcount(claim.headcount)],
        [_("Origine"), origin],
    ]
    body = table([[paragraph(markup(label), s.cell_bold), paragraph(markup(value), s.cell)]
                  for label, value in rows], widths(0.26, 0.74),
                 [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE)])
    parts: list[Flowable] = [
        paragraph(markup(f"{number}. {claim.title}"), s.cell_bold), body,
        paragraph(markup(_("Preuves")), s.cell_bold)]
    if not claim.proofs:
        parts.append(paragraph(markup(_("Aucune preuve jointe.")), s.small))
    for proof in claim.proofs:
        parts.append(paragraph(markup(_proof(proof)), s.bullet, bulletText="•"))
        if (image := _thumbnail(proof)) is not None:
            parts.append(image)
    parts.append(Spacer(1, 5 * mm))
    return KeepTogether(parts)


def _dates(claim: Claim) -> str:
    if claim.ended_on and claim.ended_on != claim.started_on:
        return _("du {start} au {end}").format(start=day_month_year(claim.started_on),
                                               end=day_month_year(claim.ended_on))
    return _("le {day}").format(day=day_month_year(claim.started_on))


def _headcount(headcount: Headcount) -> str:
    if not headcount.total:
        return _("non compté")
    parts = [_("usagers : {n}").format(n=people(headcount.users)),
             _("professionnels : {n}").format(n=people(headcount.professionals))]
    if headcount.others:
        parts.append(_("autres : {n}").format(n=people(headcount.others)))
    return " · ".join(parts)


def _proof(proof: Proof) -> str:
    line = _("{label}, daté du {day}").format(label=proof.label, day=day_month_year(proof.dated_on))
    if proof.file_name:
        line += _(" — fichier {name}, empreinte SHA-256 {sha}…").format(
            name=proof.file_name, sha=proof.sha256[:SHORT_SHA])
    return line


def _thumbnail(proof: Proof) -> Flowable | None:
    """A PNG or JPEG evidence drawn small, when its file is there and decodes whole; else
    nothing (its line above still names it and its sha256)."""
    path = Path(proof.path) if proof.path else None
    if path is None or path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        return None
    try:
        if not path.is_file() or path.stat().st_size > THUMBNAIL_MAX_BYTES:
            return None
        from PIL import Image as Picture

        with Picture.open(path) as picture:
            picture.load()
            width, height = picture.size
    except Exception:  # a damaged or strange image: the pack prints without it
        return None
    if not width or not height:
        return None
    scale = THUMBNAIL / max(width, height)
    return Image(str(path), width=width * scale, height=height * scale, hAlign="LEFT")


def count_line(register: InvolvementYear) -> str:
    """« 8 lignes au niveau 1, 6 au niveau 2 »: what the command line says it wrote."""
    one, two = (len(register.level(level)) for level in LEVELS)
    return _("{one} au niveau 1, {two} au niveau 2").format(
        one=plural.count(one, _("ligne"), _("lignes")), two=two)
