"""The answer to a right-of-access request, readable: everything comite holds about one person,
section by section, from the report `store.privacy.access_report` made.

The person reads it, maybe on paper: plain French labels, dates written out, each consent
with the exact text they agreed to, and a word for each empty section rather than a blank.
Every value comes from the database and is escaped: a name typed as `Dupont & <b>Fils</b>`
prints as typed.
"""

from datetime import date, datetime
from functools import cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from comite.exports.access_report import person_name
from comite.exports.french import clock, day_month_year
from comite.exports.pdf.document import (
    MUTED,
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
from comite.exports.pdf.letters import NO_SIDE_PADDING, paragraph, widths
from comite.kernel.glossary import FirstUse
from comite.kernel.grammar import Gender, gendered, of_the, the
from comite.kernel.i18n import _
from comite.kernel.zones import DEFAULT_ZONE, zone
from comite.store.charter_template import NAME_FORMS, PLACEHOLDERS
from comite.store.charters import RECORDED_KEYS
from comite.store.meeting_models import MeetingStatus
from comite.store.profile import Sex

EMPTY = "—"
# Where a person sends a complaint about their data, as the CNIL gives its own address.
CNIL = _("Commission nationale de l’informatique et des libertés (CNIL), 3 place de Fontenoy, "
         "TSA 80715, 75334 Paris Cedex 07, www.cnil.fr")


def write_access_pdf(report: dict[str, object], path: Path, author: str, *,
                     stationery: Stationery | None = None) -> Path:
    """Write the readable report to `path` at once and return it, under the structure's
    letterhead when `stationery` is given."""
    return write_pdf(Path(path), access_story(report, stationery), access_info(report, author))


def render_access_pdf(report: dict[str, object], author: str, *,
                      stationery: Stationery | None = None) -> bytes:
    return render_pdf(access_story(report, stationery), access_info(report, author))


def access_info(report: dict[str, object], author: str) -> DocumentInfo:
    name = person_name(report)
    return DocumentInfo(
        title=_("Vos données personnelles — {name}").format(name=name),
        author=author,
        subject=_("Réponse à une demande d’accès (RGPD, article 15) : tout ce que comite "
                  "enregistre sur {name}").format(name=name),
        keywords=_("droit d’accès, RGPD, données personnelles"),
        header=_("Confidentiel · réservé à {name}").format(name=name),
    )


def access_story(report: dict[str, object], stationery: Stationery | None = None) -> list[Flowable]:
    s = styles()
    made = _moment(str(report["produit_le"]))
    reading = _Reading(report)
    story: list[Flowable] = [letterhead_block(stationery)] if stationery else []
    story += [
        paragraph(markup(_("Vos données personnelles — {name}").format(name=person_name(report))),
                  s.title),
        reading.paragraph(_(
            "Voici la réponse à votre demande d’accès à vos données, que prévoit l’article 15 du "
            "RGPD. Elle a été établie le {day}. Ce document contient tout ce que le comité "
            "enregistre à votre sujet ; le fichier .json qui "
            "l’accompagne contient les mêmes données sous une forme lisible par un programme, "
            "avec en plus les numéros internes qui servent seulement au logiciel à retrouver "
            "votre fiche.").format(day=made)),
        Spacer(1, 2 * mm),
    ]
    story += _rights(report, reading)
    for build in (_identity, _health, _consents, _memberships, _candidacies, _trainings,
                  _involvement, _expenses, _charters, _meetings, _minutes_sent, _conclusions,
                  _opinions_given, _journal):
        story += build(report, reading)
    return story


class _Reading:
    """One reading of the report: the person's gender for the words about them (« invitée »,
    « Désigné par »), and the abbreviations spelled out the first time the text uses them."""

    def __init__(self, report: dict[str, object]) -> None:
        self.gender = person_gender(report)
        self.first_use = FirstUse([str(s["nom"]) for s in _records(report, "structures")]
                                  + [str(c["comite"]) for c in _records(report, "comites")])

    def __call__(self, text: str) -> str:
        """A sentence of the document's own, agreed and with its abbreviations explained."""
        return self.first_use(gendered(text, self.gender))

    def paragraph(self, text: str, style: ParagraphStyle | None = None) -> Flowable:
        return paragraph(markup(self(text)), style or styles().body)


def person_gender(report: dict[str, object]) -> Gender:
    """The gender the report's words agree with, from the sex it records (none for « autre »
    or « non renseigné »)."""
    recorded = report["personne"]["sexe"]
    return next((sex.gender for sex in Sex if sex.label == recorded), None)


# ---- building blocks ---------------------------------------------------------------------------


@cache
def _section_style() -> ParagraphStyle:
    return ParagraphStyle("access_section", parent=styles().heading, fontSize=13, leading=17,
                          spaceBefore=10, spaceAfter=4, keepWithNext=1)


@cache
def _item_style() -> ParagraphStyle:
    return ParagraphStyle("access_item", parent=styles().body, fontName=styles().cell_bold.fontName,
                          spaceBefore=4, spaceAfter=2, keepWithNext=1)


@cache
def _quote_style() -> ParagraphStyle:
    return ParagraphStyle("access_quote", parent=styles().body, leftIndent=6 * mm,
                          textColor=styles().body.textColor, borderPadding=0)


def _heading(title: str) -> Paragraph:
    return paragraph(markup(title), _section_style())


def _item(title: str) -> Paragraph:
    return paragraph(markup(title), _item_style())


def _none(text: str) -> Paragraph:
    return paragraph(markup(text), styles().small)


def _text(value: object) -> str:
    """A value as the person reads it: dates written out, yes/no, lists joined, « — » for nothing."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, list):
        return ", ".join(_text(each) for each in value)
    if isinstance(value, str) and _looks_dated(value):
        return _moment(value)
    return str(value)


def _looks_dated(text: str) -> bool:
    return len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit()


def _moment(text: str) -> str:
    """« 23 novembre 2026 », or « 23 novembre 2026 à 18 h 00 » in Paris time for an instant."""
    try:
        if len(text) == 10:
            return day_month_year(date.fromisoformat(text))
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(zone(DEFAULT_ZONE))
    return _("{day} à {time}").format(day=day_month_year(moment.date()), time=clock(moment))


def _fields(rows: list[tuple[str, object]]) -> Flowable:
    """Label and value, one row each, the labels muted on the left."""
    s = styles()
    cells = [[paragraph(markup(label), s.cell), paragraph(markup(_text(value)), s.cell)]
             for label, value in rows]
    return table(cells, widths(0.32, 0.68), [
        *NO_SIDE_PADDING, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, SHADE)])


@cache
def _small_cells() -> tuple[ParagraphStyle, ParagraphStyle]:
    s = styles()
    return (ParagraphStyle("access_cell_small", parent=s.cell, fontSize=9, leading=11.5),
            ParagraphStyle("access_cell_small_bold", parent=s.cell_bold, fontSize=9, leading=11.5))


def _grid(headers: tuple[str, ...], rows: list[list[object]], fractions: tuple[float, ...],
          small: bool = False) -> Flowable:
    """A ruled table with a shaded header row, repeated on every page it runs onto; `small` for
    a long log whose columns are many."""
    cell, bold = _small_cells() if small else (styles().cell, styles().cell_bold)
    cells = [[paragraph(markup(header), bold) for header in headers]]
    cells += [[paragraph(markup(_text(value)), cell) for value in row] for row in rows]
    return table(cells, widths(*fractions), [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4)], repeatRows=1)


def _records(report: dict[str, object], key: str) -> list[dict[str, object]]:
    return list(report.get(key) or [])


# ---- the sections -----------------------------------------------------------------------------


def _rights(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    """What the person can do with this answer: have data corrected or erased, whom to ask,
    where to complain."""
    return [
        _heading(_("Vos droits, et à qui vous adresser")),
        reading.paragraph(_(
            "Vous pouvez demander à tout moment que l’on corrige une information inexacte ou "
            "incomplète, ou que l’on efface vos données. Vous pouvez aussi retirer un accord que "
            "vous avez donné, ou vous opposer à l’usage de vos données.")),
        *(reading.paragraph(line) for line in _contacts(report)),
        reading.paragraph(_(
            "Si vous pensez que vos données ne sont pas traitées comme elles le devraient, vous "
            "pouvez adresser une réclamation à la {cnil}.").format(cnil=CNIL)),
    ]


def _contacts(report: dict[str, object]) -> list[str]:
    """Who answers for each structure: its data-protection contact, else the coordinator (the
    settings), else the structure's own phone and e-mail."""
    coordinator = report.get("coordination") or {}
    named = ", ".join(filter(None, (coordinator.get("nom"), coordinator.get("telephone"),
                                    coordinator.get("email"))))
    lines = []
    for structure in _records(report, "structures"):
        of_structure = of_the(str(structure["article"]), str(structure["nom"]))
        contact = ", ".join(line.strip() for line in
                            str(structure["contact_donnees_personnelles"]).splitlines())
        if contact:
            lines.append(_("Pour vos données {of_structure}, adressez-vous au contact chargé de "
                           "leur protection : {contact}.").format(of_structure=of_structure,
                                                                   contact=contact))
            continue
        reach = ", ".join(filter(None, (structure["telephone"], structure["email"])))
        if named or not reach:
            lines.append(_("Pour vos données {of_structure}, adressez-vous à la personne qui "
                           "coordonne le comité{contact}.").format(
                               of_structure=of_structure, contact=f" : {named}" if named else ""))
        else:
            lines.append(_("Pour vos données {of_structure}, adressez-vous à {structure} : "
                           "{contact}.").format(
                               of_structure=of_structure, contact=reach,
                               structure=the(str(structure["article"]), str(structure["nom"]))))
    if not lines:
        lines.append(_("Pour cela, adressez-vous à la personne qui coordonne le comité{contact}.")
                     .format(contact=f" : {named}" if named else ""))
    return lines


def _identity(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    p = report["personne"]
    return [_heading(_("Identité")), _fields([
        (_("Prénom"), p["prenom"]), (_("Nom"), p["nom"]), (_("E-mail"), p["email"]),
        (_("Téléphone"), p["telephone"]), (_("Profession"), p["profession"]),
        (_("Association"), p["association"]), (_("Rôles"), p["roles"]),
        (_("Année de naissance"), p["annee_de_naissance"]), (_("Sexe"), p["sexe"]),
        (_("Territoire"), p["territoire"]), (_("Vécu"), p["vecu"]),
        (_("Documents faciles à lire"), p["documents_faciles_a_lire"]),
        (_("Note de l’équipe"), p["note"]),
        (_("Fiche créée le"), p["fiche_creee_le"]), (_("Fiche modifiée le"), p["fiche_modifiee_le"]),
    ])]


def _health(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    note = report["note_de_sante"]
    s = styles()
    if note["incluse"]:
        body = paragraph(markup(str(note["texte"])), _quote_style())
    elif note["existe"]:
        body = paragraph(markup(_("Une note de santé est enregistrée ; elle vous est remise sur "
                                  "demande expresse.")), s.body)
    else:
        body = paragraph(markup(_("Aucune note de santé n’est enregistrée.")), s.body)
    return [_heading(_("Note de santé")), body]


def _consents(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Consentements"))]
    consents = _records(report, "consentements")
    if not consents:
        return [*flow, _none(_("Aucun consentement enregistré."))]
    for consent in consents:
        state = (_("retiré le {day}").format(day=_text(consent["retire_le"]))
                 if consent["retire_le"] else _("en cours"))
        flow.append(KeepTogether([
            _item(f"{consent['objet']} — {state}"),
            _fields([(_("Donné le"), consent["donne_le"]), (_("Manière"), consent["maniere"]),
                     (_("Version du texte"), consent["version"])]),
            Spacer(1, 1 * mm),
            paragraph(markup(_("Texte lu : « {text} »").format(text=consent["texte"])),
                      _quote_style()),
        ]))
    return flow


def _memberships(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Rôles, comités et mandats"))]
    seats = _records(report, "comites")
    if not seats:
        return [*flow, _none(_("Vous ne siégez dans aucun comité."))]
    rows = [[m["comite"], m["siege"], m["fonction"], m["debut_mandat"], m["fin_mandat"],
             m["designe_par"]] for m in seats]
    return [*flow, _grid((_("Comité"), _("Siège"), _("Fonction"), _("Début du mandat"),
                          _("Fin du mandat"), reading(_("Désigné(e) par"))), rows,
                         (0.22, 0.17, 0.15, 0.15, 0.15, 0.16))]


def _candidacies(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Candidatures"))]
    candidacies = _records(report, "candidatures")
    if not candidacies:
        return [*flow, _none(_("Aucune candidature enregistrée."))]
    s = styles()
    for candidacy in candidacies:
        flow += [_item(_("{role} — {committee}").format(role=candidacy["role_vise"],
                                                        committee=_text(candidacy["comite"]))),
                 _fields([(_("Origine"), candidacy["origine"]),
                          (_("Étape"), _("{stage} depuis le {day}").format(
                              stage=candidacy["etape"], day=_text(candidacy["depuis_le"]))),
                          (_("Prochaine étape"), candidacy["prochaine_etape"]),
                          (_("Prévue le"), candidacy["prevue_le"]),
                          (_("Notes de l’équipe"), candidacy["notes"])])]
        steps = [f"{_text(move['le'])} : {move['etape']}" for move in candidacy["parcours"]]
        flow.append(paragraph(markup(_("Parcours : {steps}.").format(
            steps=" ; ".join(steps) if steps else EMPTY)), s.body))
        if candidacy["criteres"]:
            flow.append(_grid((_("Critère de l’équipe"), _("Nature"), _("Rempli")),
                              [[c["critere"], c["nature"], c["rempli"]] for c in candidacy["criteres"]],
                              (0.62, 0.22, 0.16)))
        else:
            flow.append(_none(_("Aucun critère coché.")))
        flow.append(Spacer(1, 2 * mm))
        if candidacy["avis_de_l_equipe"]:
            flow.append(_grid((_("Avis de l’équipe"), _("De"), _("Commentaire"), _("Le")),
                              [[o["avis"], o["de"], o["commentaire"], o["le"]]
                               for o in candidacy["avis_de_l_equipe"]], (0.18, 0.24, 0.38, 0.20)))
        else:
            flow.append(_none(_("Aucun avis de l’équipe.")))
    return flow


def _trainings(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Formations"))]
    trainings = _records(report, "formations")
    if not trainings:
        return [*flow, _none(_("Aucune formation enregistrée."))]
    for training in trainings:
        flow += [_item(str(training["formation"])),
                 _fields([(_("Type"), training["type"]), (_("Organisme"), training["organisme"]),
                          (_("Heures"), training["heures"]), (_("Le"), training["le"]),
                          (_("Attestation gardée"), training["attestation"])])]
    return flow


def _involvement(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Actions d’implication des usagers"))]
    actions = _records(report, "actions_d_implication")
    if not actions:
        return [*flow, _none(_("Aucune action enregistrée avec vous."))]
    return [*flow, _grid((_("Action"), _("Structure"), _("Début"), _("Fin")),
                         [[a["action"], a["structure"], a["debut"], a["fin"] or ""]
                          for a in actions], (0.46, 0.30, 0.12, 0.12))]


def _expenses(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Frais (défraiement)"))]
    expenses = _records(report, "frais")
    if not expenses:
        return [*flow, _none(_("Aucun frais enregistré."))]
    return [*flow, _grid(
        (_("Le"), _("Réunion ou structure"), _("Km"), _("Autres frais"), _("Montant"),
         _("Justificatifs")),
        [[e["le"], e["reunion"] or e["structure"], e["kilometres"],
          " ".join(str(part) for part in (e["autres_frais"], e["nature_des_autres_frais"])
                   if part), e["montant"], e["justificatifs"]] for e in expenses],
        (0.13, 0.35, 0.10, 0.20, 0.12, 0.10), small=True)]


def _charters(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Chartes d’engagement"))]
    charters = _records(report, "chartes")
    if not charters:
        return [*flow, _none(_("Aucune charte enregistrée."))]
    for charter in charters:
        values = charter["valeurs"] or {}
        flow += [_item(_("Charte « {template} »").format(template=charter["modele"])),
                 _fields([(_("Numéro de la charte"), _(
                              "{reference} (imprimé au bas de chaque page de votre charte)").format(
                                  reference=charter["reference"])),
                          (_("Produite le"), charter["produite_le"]),
                          (_("Fin de l’engagement"), charter["fin_engagement"]),
                          *((_value_label(key), value) for key, value in values.items()
                            if key not in NAME_FORMS)])]
        signatures = charter["signatures"]
        if signatures:
            flow.append(_grid((_("Signature"), _("Manière"), _("Signataire"), _("Le")),
                              [[x["cote"], x["maniere"], x["signataire"], x["le"]] for x in signatures],
                              (0.28, 0.22, 0.30, 0.20)))
        else:
            flow.append(_none(_("Pas encore signée.")))
    return flow


def _value_label(key: str) -> str:
    """A charter's field as its template describes it (« Le lieu de signature »)."""
    described = PLACEHOLDERS.get(key) or RECORDED_KEYS.get(key) or _("autre valeur")
    return described[:1].upper() + described[1:]


def _meetings(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Réunions"))]
    meetings = _records(report, "reunions")
    if not meetings:
        return [*flow, _none(reading(_("Vous n’avez été invité(e) à aucune réunion.")))]
    for meeting in meetings:
        title, committee = str(meeting["reunion"]), str(meeting["comite"])
        # « Comité des usagers — printemps » needs no « — Comité des usagers » after it.
        named = title if committee.casefold() in title.casefold() else _(
            "{title} — {committee}").format(title=title, committee=committee)
        flow += [_item(named),
                 _fields([(_("Date"), meeting["date"] or (
                              EMPTY if meeting["etape"] == MeetingStatus.CANCELLED.label
                              else _("pas encore choisie"))),
                          (_("Où vous en êtes"), meeting["ou_vous_en_etes"]),
                          (_("Votre commentaire"), meeting["commentaire"])])]
        answers = meeting["reponses_au_sondage"]
        if answers:
            flow.append(_none(_("Vos réponses au sondage des dates :") if meeting["date"] is None
                              else _("Avant que la date soit choisie, vous aviez répondu au "
                                     "sondage des dates :")))
            flow.append(_grid((_("Date proposée"), _("Votre réponse"), _("Commentaire")),
                              [[a["creneau"], _answer(a), a["commentaire"]] for a in answers],
                              (0.34, 0.24, 0.42)))
    return flow


def _minutes_sent(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    sent = _records(report, "comptes_rendus_envoyes")
    if not sent:
        return []  # nothing sent yet: the meetings above say the rest
    rows = [[m["reunion"], m["version"], m["par"], m["prepare_le"],
             m["envoye_le"] or _("pas encore envoyé")] for m in sent]
    return [_heading(_("Comptes rendus qui vous ont été adressés")),
            _grid((_("Réunion"), _("Version"), _("Par"), _("Préparé le"), _("Envoyé le")), rows,
                  (0.32, 0.2, 0.12, 0.18, 0.18))]


def _answer(answer: dict[str, object]) -> str:
    if answer["a_redemander"]:
        return _("{answer} (donnée avant que la date change : à redemander)").format(
            answer=answer["reponse"])
    return str(answer["reponse"])


def _conclusions(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    flow: list[Flowable] = [_heading(_("Conclusions à votre charge"))]
    conclusions = _records(report, "conclusions_a_sa_charge")
    if not conclusions:
        return [*flow, _none(_("Aucune conclusion à votre charge."))]
    rows = [[c["texte"], c["reunion"], c["echeance"], c["statut"]] for c in conclusions]
    return [*flow, _grid((_("Conclusion"), _("Réunion"), _("Échéance"), _("Statut")), rows,
                         (0.44, 0.26, 0.16, 0.14))]


def _opinions_given(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    opinions = _records(report, "avis_donnes")
    if not opinions:
        return []  # only for members of the team: a section of nothing would puzzle others
    rows = [[o["avis"], o["commentaire"], o["le"]] for o in opinions]
    return [_heading(_("Avis que vous avez donnés sur des candidatures")),
            _grid((_("Avis"), _("Commentaire"), _("Le")), rows, (0.2, 0.58, 0.22))]


def _journal(report: dict[str, object], reading: _Reading) -> list[Flowable]:
    flow: list[Flowable] = [
        _heading(_("Journal des accès et des modifications")),
        paragraph(markup(_("Qui a consulté, exporté ou modifié vos données, et quand : les "
                           "champs concernés sont nommés, jamais leurs valeurs.")), styles().small)]
    entries = _records(report, "journal")
    if not entries:
        return [*flow, _none(_("Aucune entrée."))]
    rows = [[e["le"], e["par"], e["action"], e["objet"], ", ".join(e["champs"])] for e in entries]
    return [*flow, _grid((_("Le"), _("Par"), _("Action"), _("Sur"), _("Champs")), rows,
                         (0.2, 0.16, 0.2, 0.14, 0.3), small=True)]
