"""How things read on screen, in French: dates, seats, mandates, counts, stages, statuses,
refusals. Plain functions and tables that every page, dialog and widget shares."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.table import Table
from rich.text import Text

from comite.exports.french import DAYS
from comite.kernel import plural
from comite.kernel.grammar import de, gendered
from comite.kernel.i18n import _
from comite.store.committee_models import Membership, Role, Seat
from comite.store.errors import Refused, ValidationError

if TYPE_CHECKING:
    from comite.store.audit_models import AuditEntry
    from comite.store.charter_models import Charter, CharterStatus, CharterTemplate
    from comite.store.committee_models import CduGap, QuarterCount
    from comite.store.minutes_models import Attendee, Quorum, Side
    from comite.store.people_models import Person
    from comite.store.recruitment_models import Stage


def day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def mandate(membership: Membership) -> str:
    start, end = membership.mandate_start, membership.mandate_end
    if start and end:
        return _("{start} → {end}").format(start=day(start), end=day(end))
    if end:
        return _("jusqu’au {end}").format(end=day(end))
    if start:
        return _("depuis le {start}").format(start=day(start))
    return ""


def seat(membership: Membership) -> str:
    """« Suppléante de Martine Perrin », « Titulaire »: agreed with the person's recorded sex."""
    if membership.seat == Seat.SUBSTITUTE:
        if membership.substitute_for_name:
            said = _("Suppléant(e) {of_name}").format(of_name=de(membership.substitute_for_name))
        else:
            said = _("Suppléant(e) — sans titulaire")
        return gendered(said, membership.gender)
    return gendered(membership.seat.label, membership.gender)


def function(membership: Membership) -> str:
    """« Présidente », « Vice-président », « Membre », as the person's recorded sex says."""
    return gendered(membership.function.label, membership.gender)


def days_left(days: int) -> str:
    if days == 0:
        return _("aujourd’hui")
    return _("dans {n} j").format(n=days)


def rhythm(year: int, quarters: list[QuarterCount]) -> Text:
    """« Réunions 2027 : T1 1 tenue · T2 1 prévue · T3 — · T4 — », the current quarter in bold."""
    line = Text(_("Réunions {year} : ").format(year=year))
    for number, quarter in enumerate(quarters, 1):
        counts = []
        if quarter.held:
            counts.append(plural.count(quarter.held, _("tenue"), _("tenues")))
        if quarter.planned:
            counts.append(plural.count(quarter.planned, _("prévue"), _("prévues")))
        if number > 1:
            line.append(" · ")
        line.append(_("T{n} {counts}").format(n=number, counts=", ".join(counts) or "—"),
                    style="bold" if quarter.current else "")
    return line


def quarters_met(quarters: list[QuarterCount]) -> str:
    """« réunie 3 trimestres sur 4 »: the quarters of the year begun so far (all four for a
    past year) in which a meeting was held."""
    begun = next((index for index, q in enumerate(quarters, 1) if q.current), len(quarters))
    held = sum(1 for q in quarters[:begun] if q.held)
    return _("réunie {n} sur {begun}").format(
        n=plural.count(held, _("trimestre"), _("trimestres")), begun=begun)


def cdu_gap_lines(gaps: list[CduGap]) -> Table:
    """What a CDU lacks (« ⚠ », first), then what to prepare (« → »), each sentence wrapped
    under its own first word; « Composition conforme » when nothing is missing."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    missing = [gap for gap in gaps if not gap.reminder]
    for gap in missing:
        grid.add_row(Text("⚠", style="bold yellow"), Text(gap.text, style="bold yellow"))
    if not missing:
        grid.add_row(Text("✓", style="green"), Text(
            _("Composition conforme (R. 1112-81)") + (_(" ; à prévoir :") if gaps else ""),
            style="green"))
    for gap in gaps:
        if gap.reminder:
            grid.add_row("→", Text(gap.text))
    return grid


def columns(values: tuple[str, ...], widths: tuple[int, ...]) -> str:
    """One line of fixed-width columns, each cut with … when too long, padded to full width."""
    cells = []
    for value, width in zip(values, widths, strict=True):
        text = value if len(value) <= width else value[: width - 1] + "…"
        cells.append(text.ljust(width))
    return " ".join(cells)



def moment(value: datetime | None) -> str:
    """« mar 12/01/2027 18:00 »: a list's date column."""
    return f"{DAYS[value.weekday()][:3]} {value:%d/%m/%Y %H:%M}" if value else ""


# Column titles: a narrow column has room for a word and the count.
# Keyed by the stored values, not the enums: the dashboard, which imports this module at
# start-up, needs neither vocabulary.
_STAGE_SHORT = {
    "spotted": _("Repéré"), "contacted": _("Contacté"), "met": _("Rencontré"),
    "training": _("Formation"), "charter_signed": _("Charte"), "active": _("Actif"),
    "not_retained": _("Non retenu"), "left": _("Sorti"),
}


def stage_short(stage: Stage) -> str:
    """A stage in a narrow column: « Rencontré »."""
    return _STAGE_SHORT[stage.value]


# A role as a narrow card names it, when even its short label does not fit.
ROLE_TINY = {Role.PATIENT_PARTNER: _("Pat. part."), Role.EXPERT_PATIENT: _("Pat. expert"),
             Role.PEER_MEDIATOR: _("Médiat. pair")}


STAGE_HELP = _(
    "Étapes : repéré(e) → contacté(e) → rencontré(e) → en formation (base RU obligatoire, 40 h "
    "pour l’ETP) → charte signée (celle signée des deux côtés est liée) → actif(ve) (le siège "
    "est créé ; mandat de trois ans pour un RU). À part : non retenu(e), sorti(e) (le siège "
    "est libéré).")


def one_line(text: str, style: str = "") -> Text:
    """A table cell shown as typed (a name like "Martin [/]" is data, never markup), on one
    line: cut with « … » when its column is narrower, never mid-word without a mark (the page's
    detail line, or the record's own page, says the whole)."""
    return Text(text, style=style, no_wrap=True, overflow="ellipsis")


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: cut with « … » when too long, padded otherwise."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def breakable(text: str, width: int) -> str:
    """A word wider than a wrapping column (« d’Auvergne-Lœwenbruck » in 20 cells) breaks after
    one of its hyphens rather than inside a name: a space goes where the line must end, and
    only there (each piece is as long as fits, so two never share a line)."""
    words = []
    for word in text.split(" "):
        if cell_len(word) <= width or "-" not in word:
            words.append(word)
            continue
        pieces = [piece + "-" for piece in word.split("-")]
        pieces[-1] = pieces[-1][:-1]
        lines = [pieces[0]]
        for piece in pieces[1:]:
            if cell_len(lines[-1] + piece) <= width:
                lines[-1] += piece
            else:
                lines.append(piece)
        words.append(" ".join(lines))
    return " ".join(words)


def short_name(full: str, width: int) -> str:
    """« Océane Fournier » as « O. Fournier » when the whole name does not fit."""
    first, _space, last = full.partition(" ")
    if cell_len(full) <= width or not last:
        return full
    return f"{first[:1]}. {last}"


def role_label(role: Role, width: int) -> str:
    short = role.short_label
    return short if cell_len(short) <= width else ROLE_TINY.get(role, short)


def short_day(day, today) -> str:
    """« 21/11 » this year, « 21/11/27 » another: a card has five cells for it."""
    if day is None:
        return ""
    return day.strftime("%d/%m") if day.year == today.year else day.strftime("%d/%m/%y")


def committee_in_column(committee_id: int, name: str, shorts: dict[int, str], width: int) -> str:
    """A committee in a list's column: its name when it fits, else as a card names it
    (`committee_shorts`); the cell ends with « … » if even that is too long."""
    return name if cell_len(name) <= width else shorts.get(committee_id, name)


def committee_shorts(summaries: list) -> dict[int, str]:
    """A committee as a card names it: its kind's short label (« CDU », « Comité ») when that
    tells it apart from the others, else its name."""
    kinds = [s.committee.kind for s in summaries]
    return {s.committee.id: (s.committee.kind.short_label if kinds.count(s.committee.kind) == 1
                             else s.committee.name) for s in summaries}


_CHARTER_STYLE = {"to_generate": "yellow", "to_sign": "cyan", "signed": "green",
                  "to_resign": "bold red"}


def charter_style(status: CharterStatus) -> str:
    """The colour of a charter's status, the same in every list."""
    return _CHARTER_STYLE[status.value]


def why_refused(error: Refused) -> str:
    """A refusal in one line: every field's message for a form's errors."""
    if isinstance(error, ValidationError):
        return " ".join(error.errors.values())
    return error.message


def problem_text(problem) -> str:
    """« fichier.md, ligne 8 : … »: the file named once, whether the message names it or not."""
    if not problem.file or problem.message.startswith(problem.file):
        return problem.message
    return f"{problem.file} : {problem.message}"


def short_titles(templates: list[CharterTemplate]) -> list[str]:
    """The titles without the words they all begin with (« Charte d’engagement réciproque — »):
    in a narrow column, what tells them apart comes first."""
    titles = [t.title for t in templates]
    parts = [title.split(" — ", 1) for title in titles]
    if len(titles) < 2 or any(len(p) < 2 or not p[1] for p in parts) or len({p[0] for p in parts}) > 1:
        return titles
    return [p[1] for p in parts]


SEAT_SHORT = {Seat.TITULAR: _("Tit."), Seat.SUBSTITUTE: _("Suppl.")}


TRAINING_SHORT = {"ru_basic": _("Base RU"), "etp_40h": _("ETP 40 h"), "other": _("Autre")}


def profile_line(person: Person) -> str:
    """« Profil : né(e) en 1958 · Femme · Valmont · Patient(e) », what the composition counts."""
    from comite.store.profile import LivedAs, Sex

    parts = []
    if person.birth_year:
        parts.append(gendered(_("né(e) en {year}"), person.gender).format(year=person.birth_year))
    if person.sex:
        parts.append(Sex(person.sex).label)
    if person.territory:
        parts.append(person.territory)
    if person.lived_as:
        parts.append(gendered(LivedAs(person.lived_as).label, person.gender))
    return _("Profil : {parts}").format(parts=" · ".join(parts)) if parts else ""


def format_hours(hours: float) -> str:
    """As typed: « 24 », « 1,5 », « 7,083333 ». Fifteen digits, not `g`'s six: the training form
    shows this in its field, and a value rounded there was saved rounded by the next edit."""
    return f"{hours:.15g}".replace(".", ",")


def charter_cell(is_user: bool, charters: list[Charter], committee_id: int) -> Text:
    """Where this seat's charter stands (its latest one); « aucune » for a seat that has none to
    sign (not a user)."""
    if not is_user:
        return Text(_("aucune"), style="dim")
    from comite.store.charter_models import CharterStatus

    latest = next((c for c in charters if c.committee_id == committee_id), None)
    status = latest.status if latest else CharterStatus.TO_GENERATE
    return Text(status.label, style=charter_style(status))



def quorum_text(quorum: Quorum) -> Text:
    """« Quorum : 5 sièges sur 8, 5 requis — atteint », green when reached, red when not."""
    line = _("Quorum : {covered} sur {seats}, {needed} requis — ").format(
        covered=plural.count(quorum.covered, _("siège"), _("sièges")), seats=quorum.seats,
        needed=quorum.needed)
    return Text.assemble(
        (line, "bold"),
        (_("atteint"), "bold green") if quorum.reached else (_("non atteint"), "bold red"))


def attendee_names(attendees: Iterable[Attendee]) -> list[tuple[Attendee, str]]:
    """Each attendee (in the order given) and their name as listed: « ↳ » for a suppléant(e)
    right under their titulaire, never for one whose titulaire is not in the list (it would
    read as the previous person's); guests marked."""
    from comite.store.meeting_models import InviteeSeat
    from comite.store.seating import invitee_place, marked

    named = []
    for attendee, under in marked(attendees, invitee_place):
        name = ("↳ " if under else "") + attendee.name
        if attendee.seat is InviteeSeat.GUEST:
            name += " " + _("(inv.)")
        named.append((attendee, name))
    return named


# The séance's presence column: a time for who is in the room, a short mark for the others.
# The legend is written from these same tables, so a mark cannot go unexplained.
def _presence_marks() -> dict:
    from comite.store.minutes_models import AttendanceStatus as Status

    return {Status.ANNOUNCED: (_("ann."), "dim"), Status.EXCUSED: (_("exc."), "yellow"),
            Status.NO_ANSWER: ("?", "dim"), Status.ABSENT: (_("abs."), "red"),
            Status.SUBSTITUTED: (_("supp."), "cyan"), Status.REPRESENTED: (_("pouv."), "cyan")}


def _side_marks() -> dict:
    from comite.store.minutes_models import Side

    return {Side.USERS: (_("U"), "bold cyan"), Side.PROFESSIONALS: (_("P"), ""),
            Side.OTHERS: (_("A"), "magenta")}


GONE_MARK = "→"  # before the time someone left: « →15:10 »


def presence_mark(attendee: Attendee, zone) -> Text:
    """« 14:05 » arrived then, « →15:10 » left then, else the short mark of their status."""
    if attendee.present and attendee.left_at:
        return Text(f"{GONE_MARK}{attendee.left_at.astimezone(zone):%H:%M}", style="dim")
    if attendee.present:
        at = attendee.arrived_at
        return Text(f"{at.astimezone(zone):%H:%M}" if at else "✓", style="bold green")
    mark, style = _presence_marks()[attendee.status]
    return Text(mark, style=style)


def side_mark(side: Side) -> Text:
    """« U » usagers, « P » professionnels, « A » autres: on whose side someone speaks."""
    mark, style = _side_marks()[side]
    return Text(mark, style=style)


def presence_legend() -> list[list[tuple[str, str]]]:
    """Every mark of the séance's list and what it means, in groups (times, statuses, names,
    sides), as the screen and its help say it."""
    from comite.store.minutes_models import AttendanceStatus as Status

    marks = _presence_marks()
    return [
        # ✓: present, noted without a time (by hand, in the minutes).
        [(_("14:05 ou ✓"), _("arrivé(e)")), (GONE_MARK + "15:10", _("parti(e) à"))],
        [(marks[status][0], status.label.lower()) for status in (
            Status.ANNOUNCED, Status.EXCUSED, Status.NO_ANSWER, Status.SUBSTITUTED,
            Status.ABSENT, Status.REPRESENTED)],
        [("↳", _("suppléant(e)")), (_("(inv.)"), _("invité(e)"))],
        [(mark, side.label.lower()) for side, (mark, _style) in _side_marks().items()],
    ]


def legend_lines(pairs: list[tuple[str, str]], width: int) -> list[str]:
    """« mark word » pairs joined by « · » into lines of at most `width` characters, a line
    broken between two pairs, never inside one."""
    lines: list[str] = []
    for mark, word in pairs:
        pair = f"{mark} {word}"
        if lines and cell_len(lines[-1]) + 3 + cell_len(pair) <= width:
            lines[-1] += " · " + pair
        else:
            lines.append(pair)
    return lines


def presence_detail(attendee: Attendee, zone) -> str:
    """The selected person's presence in words, agreed with their recorded sex, and what
    Espace does on them."""
    from comite.kernel.grammar import gendered
    from comite.store.minutes_models import AttendanceStatus as Status

    def hh_mm(moment: datetime) -> str:
        return f"{moment.astimezone(zone):%H:%M}"

    if attendee.present and attendee.left_at:
        said = _("Arrivé(e) à {arrived}, parti(e) à {left}.").format(
            arrived=hh_mm(attendee.arrived_at) if attendee.arrived_at else "?",
            left=hh_mm(attendee.left_at))
        return gendered(said, attendee.gender) + " " + _("Espace : son retour.")
    if attendee.present:
        said = _("Arrivé(e) à {at}.").format(at=hh_mm(attendee.arrived_at)) \
            if attendee.arrived_at else _("Présent(e).")
        return gendered(said, attendee.gender) + " " + _("d : son départ ; Espace : annuler l’arrivée.")
    if attendee.status is Status.SUBSTITUTED:
        said = _("Suppléé(e) par {name}.").format(name=attendee.represented_by_name)
    elif attendee.status is Status.REPRESENTED:
        said = _("A donné pouvoir à {name}.").format(name=attendee.represented_by_name)
    elif attendee.status is Status.ANNOUNCED:
        said = _("Annoncé(e) : a répondu oui.")
    else:
        said = attendee.status.label + "."
    return gendered(said, attendee.gender) + " " + _("Espace : son arrivée.")


# What the journal says, in the coordinator's words: the person's own report's names for
# actions and fields (store.access_journal), but about the person rather than to them.
AUDIT_ENTITIES = {"person": _("fiche"), "training": _("formation"), "candidate": _("candidature"),
                  "membership": _("siège"), "charter": _("charte")}
_ABOUT_THEM = {("membership", "substitute_for"): _("titulaire suppléé(e)")}


def audit_action(action: str) -> str:
    """« modification », « signature enregistrée »: an action of the journal."""
    from comite.store.access_journal import ACTIONS, OTHER_ACTION

    return ACTIONS.get(action, OTHER_ACTION)


def _audit_field(entity: str, field: str) -> str:
    from comite.store.access_journal import field_label

    return _ABOUT_THEM.get((entity, field)) or field_label(entity, field)


LOG_HELD = _("comite est ouvert ailleurs : fermez-le pour que les dernières traces quittent le "
             "journal de la base.")


def erasure_message(summary) -> str:
    return " ".join([_("{name} est effacé(e) de la base.").format(name=summary.name),
                     *_swept_parts(summary)])


def finished_erasure_message(summary) -> str:
    """An erasure stopped after the database part and finished at start: « la personne n° N »,
    the journal keeping no name."""
    return " ".join([_("Effacement interrompu {of_name}, terminé au démarrage :").format(
        of_name=de(summary.name)), *_swept_parts(summary)])


def _swept_parts(summary) -> list[str]:
    parts = [plural.count(len(summary.removed), _("fichier supprimé."), _("fichiers supprimés."))]
    if redacted := getattr(summary, "redacted", 0):
        parts.append(plural.count(redacted, _("mention remplacée dans d’autres écrits."),
                                  _("mentions remplacées dans d’autres écrits.")))
    if summary.not_removed:
        parts.append(plural.plural(
            len(summary.not_removed),
            _("{n} fichier n’a pas pu être supprimé : à supprimer à la main."),
            _("{n} fichiers n’ont pas pu être supprimés : à supprimer à la main.")).format(
                n=len(summary.not_removed)))
    if summary.collective:
        parts.append(plural.count(len(summary.collective), _("document collectif à refaire."),
                                  _("documents collectifs à refaire.")))
    if summary.kept_unreadable:
        parts.append(plural.count(len(summary.kept_unreadable),
                                  _("fichier illisible à vérifier."),
                                  _("fichiers illisibles à vérifier.")))
    if not summary.log_emptied:
        parts.append(LOG_HELD)
    return parts


def leftover_lines(summary) -> list[str]:
    """What the coordinator still has to do by hand after an erasure, path by path."""
    lines = []
    if summary.not_removed:
        lines.append(_("Fichiers qui la concernent mais n’ont pas pu être supprimés — "
                       "supprimez-les à la main :"))
        lines += [f"  {left.path} ({left.why})" for left in summary.not_removed]
    if summary.collective:
        lines.append(_("Documents collectifs qui la citent, à refaire (comptes rendus, "
                       "convocations ; invitations de la boîte d’envoi : réexportez celles de "
                       "la réunion) :"))
        lines += [f"  {path}" for path in summary.collective]
    if summary.kept_unreadable:
        lines.append(_("Fichiers illisibles, à vérifier et supprimer à la main :"))
        lines += [f"  {path}" for path in summary.kept_unreadable]
    if not summary.log_emptied:
        lines.append(LOG_HELD)
    return lines


def consent_state(store, consents: list, purpose) -> Text:
    """« accordé le 03/11/2026, à l’oral, texte 2026-1 », « retiré le … » or « pas d’accord »."""
    mine = [c for c in consents if c.purpose == purpose]  # the newest first
    active = next((c for c in mine if c.active), None)
    if active is not None:
        text = _("accordé le {day}, {method}, texte {version}").format(
            day=day(active.given_on), method=active.method.in_sentence,
            version=active.version)
        current = store.consents.text(purpose).version
        if current != active.version:
            text += _(" (nouveau texte {version} à lui faire lire)").format(version=current)
        return Text(text, style="green")
    if mine:
        return Text(_("retiré le {day} (accordé le {given})").format(
            day=day(mine[0].withdrawn_on), given=day(mine[0].given_on)),
            style="yellow")
    return Text(_("pas d’accord noté"), style="dim")


def reason_text(case, short: bool = False) -> str:
    """« Candidature non retenue depuis le 15/09/2024 (24 mois) »; shorter for a column."""
    from comite.store.privacy_models import RetentionReason

    if case.reason is RetentionReason.NOT_RETAINED:
        text = (_("Non retenue depuis le {day} ({months} mois)") if short
                else _("Candidature non retenue depuis le {day} ({months} mois)"))
    else:
        text = (_("Sans activité depuis le {day} ({months} mois)") if short
                else _("Aucune activité depuis le {day} ({months} mois)"))
    return text.format(day=day(case.since), months=case.months)


def in_sentence(text: str) -> str:
    return text[:1].lower() + text[1:]


def proposal_text(case) -> str:
    from comite.store.privacy_models import RetentionReason

    return (_("à effacer") if case.reason is RetentionReason.NOT_RETAINED else _("à examiner"))


def retention_line(store, person_id: int, today: date) -> str:
    """What the retention rules say of the person today, from what the store tells."""
    found = store.privacy.standing(person_id, today)
    if found.case is not None:
        return _("Conservation : {reason} — {proposal} (liste « Conservation », ^r dans "
                 "Personnes).").format(reason=in_sentence(reason_text(found.case)),
                                       proposal=proposal_text(found.case))
    if found.held:
        return _("Conservation : siège ou candidature en cours, rien à examiner.")
    return _("Conservation : dernière activité le {last} ; sera proposée à l’examen le "
             "{due}.").format(last=day(found.last_activity), due=day(found.due_on))


def entry_subject(entry: AuditEntry) -> str:
    """« fiche : e-mail, téléphone », « accord : Informations de santé »."""
    from comite.store.privacy_models import Purpose

    names = []
    for field in entry.fields:
        if field.startswith("consent."):
            try:
                names.append(_("accord « {p} »").format(p=Purpose(field[8:]).label))
            except ValueError:
                names.append(field)
        else:
            names.append(_audit_field(entry.entity, field))
    subject = AUDIT_ENTITIES.get(entry.entity, entry.entity)
    return f"{subject} : {', '.join(names)}" if names else subject


def local_moment(at: str, zone_name: str) -> str:
    """An audit time (ISO UTC) in the coordinator's zone: « 23/11/2026 14:05 »."""
    from comite.kernel.zones import DEFAULT_ZONE, zone

    try:
        tz = zone(zone_name)
    except ValueError:  # a zone the settings file got wrong: the default one says enough
        tz = zone(DEFAULT_ZONE)
    try:
        return datetime.fromisoformat(at).astimezone(tz).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return at[:16]


def backup_day(created_at: datetime, today: date) -> str:
    """« aujourd’hui », « hier », « le 27/11/2026 »: the day of a backup, in few letters."""
    from comite.kernel.zones import DEFAULT_ZONE, zone

    made = created_at.astimezone(zone(DEFAULT_ZONE)).date()
    return {0: _("aujourd’hui"), 1: _("hier")}.get((today - made).days, _("le {day}").format(day=day(made)))


def backup_moment(created_at: datetime, now: datetime) -> str:
    """When the last backup was made, in the coordinator's zone: « aujourd’hui à 08:35 »,
    « hier à 22:10 », « le 27/11/2026 à 08:35 (il y a 7 jours) »."""
    from comite.kernel.zones import DEFAULT_ZONE, zone

    local, today = created_at.astimezone(zone(DEFAULT_ZONE)), now.astimezone(zone(DEFAULT_ZONE)).date()
    days = (today - local.date()).days
    at = local.strftime("%H:%M")
    if days == 0:
        return _("aujourd’hui à {time}").format(time=at)
    if days == 1:
        return _("hier à {time}").format(time=at)
    return _("le {day} à {time} (il y a {n} jours)").format(day=day(local.date()), time=at, n=days)


# What a reading of the inbox folder or of the mailbox did: (one, many) read, then set aside.
INBOX_WORDS = ((_("fichier lu (réponses, chartes signées)"), _("fichiers lus (réponses, chartes signées)")),
               (_("fichier mis de côté"), _("fichiers mis de côté")))
MAILBOX_WORDS = ((_("message lu (réponses, sondages, chartes)"),
                  _("messages lus (réponses, sondages, chartes)")),
                 (_("message mis de côté"), _("messages mis de côté")))
