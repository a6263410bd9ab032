"""One meeting: the choice grid (invitees × slots), answers typed in, the slot chosen together."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from comite.kernel import plural
from comite.kernel.grammar import gender_of, gendered
from comite.kernel.i18n import _
from comite.store import NeedsConfirmation
from comite.store.errors import NotFound, Refused
from comite.store.meeting_models import (
    Answer,
    AnswerSource,
    MeetingDetail,
    MeetingStatus,
    PartStat,
    Slot,
    SlotScore,
    SlotStatus,
    Vote,
)
from comite.store.scoring import best
from comite.store.seating import invitee_place, marked
from comite.store.sending import Unsent, delivery
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.screens.base import BaseScreen
from comite.tui.widgets.lists import ListTable

TO_ASK_AGAIN = _("à redemander")
ANSWER_STYLE = {Answer.YES: "bold green", Answer.IF_NEED_BE: "yellow", Answer.NO: "red"}
ANSWER_SHORT = {Answer.YES: _("Oui"), Answer.IF_NEED_BE: _("Si néc."), Answer.NO: _("Non")}
SOURCE_MARK = {AnswerSource.PHONE: "tél", AnswerSource.PAPER: "pap", AnswerSource.CALENDAR: "agd",
               AnswerSource.FRAMADATE: "fra"}
PARTSTAT_STYLE = {PartStat.ACCEPTED: "green", PartStat.DECLINED: "red", PartStat.TENTATIVE: "yellow",
                  PartStat.NEEDS_ACTION: "dim"}
ATTENDANCE = {"yes": PartStat.ACCEPTED, "if_need_be": PartStat.TENTATIVE, "no": PartStat.DECLINED}
# The rows under the invitees: what the coordinator weighs before choosing.
SUMMARY_ROWS = ((-1, _("Oui / si néc.")), (-2, _("Sièges couverts")), (-3, _("Quorum")),
                (-4, _("Requis absents")))
FIXED_COLUMNS = 3  # name, seat, answer to the convocation
UNSENT_NAMES = 3  # beyond, the hint gives the count only: the grid's « Envoi » column says who


class MeetingScreen(BaseScreen):
    SECTION = "meetings"
    HERE: ClassVar = (
        commands.BACK,
        Command("answer('yes')", "o", _("Oui"), _("Noter « oui » pour la personne et le créneau "
                                                  "sous le curseur")),
        Command("answer('if_need_be')", "s", _("Si néc."), _("Noter « si nécessaire »")),
        Command("answer('no')", "n", _("Non"), _("Noter « non »")),
        Command("answer('')", "delete", _("Effacer"), _("Effacer la réponse (pas de réponse)"),
                key_display="Suppr", footer=False),
        Command("toggle_source", "t", _("Tél/papier"),
                _("Les réponses tapées viennent du téléphone ou d’un coupon papier")),
        Command("add_slot", "c", _("Créneau"), _("Proposer un créneau (date, heure, lieu)")),
        Command("edit_slot", "m", _("Modifier le créneau"),
                _("Changer la date, l’heure ou le lieu du créneau sous le curseur ; sur le créneau "
                  "retenu, déplace la réunion (l’invitation repart à tous)"), footer=False),
        Command("remove_slot", "r", _("Retirer le créneau"),
                _("Retirer le créneau sous le curseur (son annulation sera envoyée)"), footer=False),
        Command("open_poll", "p", _("Ouvrir le sondage"),
                _("Passer du brouillon au sondage : les créneaux partent comme options")),
        Command("choose", "v", _("Retenir"), _("Retenir le créneau sous le curseur et convoquer "
                                                "(après le sondage, ou directement depuis le brouillon)")),
        Command("invitations", "g", _("Invitations"),
                _("Écrire les invitations (.eml + .ics) dans la boîte d’envoi, et les envoyer si un "
                  "serveur est réglé")),
        Command("convocations", "f", _("Convocations papier"),
                _("PDF à imprimer avec coupon-réponse, pour les personnes sans e-mail"),
                footer=False),
        Command("import_framadate", "i", _("Importer Framadate"),
                _("Importer les réponses d’un sondage Framadate (export CSV)"), footer=False),
        Command("invite", "plus", _("Inviter"), _("Inviter une personne hors comité"),
                key_display="+", footer=False),
        Command("uninvite", "minus", _("Retirer"),
                _("Retirer la personne sous le curseur de la réunion (si son invitation est déjà "
                  "écrite, son annulation partira au prochain « g »)"), key_display="-",
                footer=False),
        Command("toggle_required", "asterisk", _("Requis"),
                _("Marquer la personne sous le curseur comme indispensable (ou non)"),
                key_display="*", footer=False),
        Command("agenda", "a", _("Ordre du jour"),
                _("Ordre du jour : points, durées, suite des conclusions précédentes"),
                footer=False),
        Command("session", "l", _("Séance"),
                _("Animer la séance : arrivées, point en cours, temps, prises de parole"),
                footer=False),
        Command("minutes", "d", _("Compte rendu"),
                _("Compte rendu : présences, notes, conclusions, adoption, signature"),
                footer=False),
        Command("edit", "e", _("Modifier"), _("Modifier le titre, le lieu, la durée, le message"),
                footer=False),
        Command("held", "h", _("Tenue"), _("Noter que la réunion a eu lieu"), footer=False),
        Command("cancel_meeting", "x", _("Annuler la réunion"),
                _("Annuler la réunion (l’annulation part dans les agendas) ; un brouillon, lui, "
                  "se supprime"), footer=False),
        Command("quality", "q", _("Qualité des soins"),
                _("Commission des usagers : les scores e-Satis et les événements indésirables "
                  "graves présentés à cette réunion"), footer=False),
        Command("keep_ours", "k", _("Agenda partagé"),
                _("Quand un·e collègue a modifié cette réunion dans l’agenda partagé : y remettre "
                  "la version de comite"), footer=False),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    # The columns take 79 of 80 cells: a one-cell scrollbar, when the rows overflow, still
    # leaves them room, and no horizontal scrollbar eats a row.
    DEFAULT_CSS = """
    MeetingScreen #grid { scrollbar-size-vertical: 1; }
    """
    HELP_TITLE = _("Une réunion")
    HELP_TEXT = _(
        "Une ligne par invité(e), une colonne par créneau ; « ↳ » : le ou la suppléant(e) "
        "de la personne au-dessus (sans titulaire invité(e), après tous les titulaires). "
        "« Envoi » : papier (pas d’e-mail : "
        "« f » fait sa convocation), à écrire, écrit (dans la boîte d’envoi), « à renv. » (à "
        "renvoyer : écrit avant un changement de date, de lieu ou de durée ; « g » le "
        "réécrit) ou envoyé ; une fois la réunion convoquée, « Convoc. » donne sa réponse "
        "d’agenda. Tapez o, s ou n pour "
        "la réponse donnée au téléphone ou sur papier (t change la source) ; les réponses "
        "d’agenda et de Framadate arrivent d’elles-mêmes. En bas : sièges couverts (un siège "
        "compte quand son ou sa titulaire ou un(e) suppléant(e) peut venir), quorum et personnes "
        "indispensables absentes ; une fois la réunion tenue, sous le créneau retenu, ceux "
        "de la séance (qui a été pointé(e) présent(e)). « v » retient le créneau. Pour une "
        "commission des usagers : « q » note les scores e-Satis et les événements indésirables "
        "graves présentés ; sous le titre, les dossiers de plainte examinés (par leur "
        "référence).")

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.detail: MeetingDetail | None = None
        self.scores: list[SlotScore] = []
        self.source = AnswerSource.PHONE
        self.unsent = Unsent()

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="about", classes="totals", markup=False)
        yield ListTable(id="grid", cursor_type="cell", zebra_stripes=True)
        yield Static(id="hint", classes="totals", markup=False)

    def reload(self) -> None:
        try:
            detail, scores = self.app.store.meetings.grid(self.meeting_id)
        except NotFound as error:
            self.record_gone(error)
            return
        self.detail, self.scores = detail, scores
        m = detail.meeting
        self.query_one("#title", Static).update(f"{m.title} — {m.status.label}")
        where = " · ".join(filter(None, (m.place, m.video_url)))
        about = [_("{committee} · {minutes} min · réponses {answered}/{invitees}").format(
            committee=m.committee_name, minutes=m.duration_minutes, answered=m.answered,
            invitees=m.invitees)]
        if m.status is MeetingStatus.POLL and m.reply_by:
            # What the invitees were told: the grid is read against it.
            about[0] += _(" d’ici le {day}").format(day=wording.day(m.reply_by))
        if m.starts_at:
            about.append(_("Le {when}").format(when=wording.moment(m.starts_at)) +
                         (f" · {where}" if where else ""))
        elif where:
            about.append(where)
        if examined := self.app.store.complaints.examined_in(self.meeting_id):
            about.append(_("Dossiers examinés : {references}").format(
                references=", ".join(case.reference for case in examined)))
        self.query_one("#about", Static).update("\n".join(about))
        self.unsent = self.app.store.meetings.unsent(self.meeting_id)
        self._fill(detail, scores)
        self.query_one("#hint", Static).update(self._hint(detail))

    def _fill(self, detail: MeetingDetail, scores: list[SlotScore]) -> None:
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        # Widths chosen so three slots fit an 80-column terminal.
        table.add_column(_("Invité(e)"), width=16)
        table.add_column(_("Siège"), width=6)
        convened = detail.meeting.status in (MeetingStatus.CONVENED, MeetingStatus.HELD)
        table.add_column(_("Convoc.") if convened else _("Envoi"), width=9)  # « excusé(e) »
        sent = delivery(self.app.store.meetings.invitations(detail.meeting.id))
        top = best(scores) if detail.meeting.status is MeetingStatus.POLL else None
        for slot in detail.slots:
            table.add_column(_slot_header(slot, top is not None and top.slot.id == slot.id),
                             width=12)
        votes = {(vote.invitee_id, vote.slot_id): vote for vote in detail.votes}
        # « ↳ »: under their titulaire. A suppléant(e) whose titulaire is not invited is listed
        # after every titulaire, unmarked, so as not to read as the last one's.
        for invitee, under in marked(detail.invitees, invitee_place):
            name = ("* " if invitee.required else "") + ("↳ " if under else "") + invitee.name
            cells = [Text(name), Text(invitee.seat.short_label),
                     Text(gendered(invitee.partstat.short_label, gender_of(invitee.sex)),
                          style=PARTSTAT_STYLE[invitee.partstat]) if convened
                     else _delivery(invitee.email, sent.get(invitee.id),
                                    invitee.id in self.unsent.invitee_ids)]
            for slot in detail.slots:
                vote = votes.get((invitee.id, slot.id))
                cells.append(_vote_cell(vote))
            table.add_row(*cells, key=str(invitee.id))
        for key, label in SUMMARY_ROWS:
            cells = [Text(label, style="bold"), Text(""), Text("")]
            cells += [Text(_summary_cell(key, score), style=_summary_style(key, score))
                      for score in scores]
            table.add_row(*cells, key=str(key))
        if table.row_count:
            table.cursor_coordinate = Coordinate(
                min(cursor.row, table.row_count - 1),
                min(max(cursor.column, FIXED_COLUMNS if detail.slots else 0),
                    len(table.columns) - 1))
        table.focus()

    def _hint(self, detail: MeetingDetail) -> str:
        hint = self._status_hint(detail)
        from comite.tui.shared_calendar import conflict_of

        if conflict_of(self.app, detail.meeting):
            hint = _("⚠ Modifiée dans l’agenda partagé par quelqu’un d’autre : « k » pour choisir "
                     "la version à garder.") + "\n" + hint
        if not (self.unsent.count and self.unsent.written_before):  # else « Envoi » says it
            return hint
        # Never a silent stale outbox: what changed reaches nobody until « g » writes it.
        names = self.unsent.people + self.unsent.removed
        who = f" ({', '.join(names)})" if len(names) <= UNSENT_NAMES else ""
        return _("⚠ {label}{who} : « g » les écrit.").format(label=self.unsent.label, who=who) + \
            "\n" + hint

    def _status_hint(self, detail: MeetingDetail) -> str:
        status = detail.meeting.status
        if status is MeetingStatus.DRAFT:
            return _("Brouillon : « c » propose un créneau (trois, c’est bien), puis « p » ouvre "
                     "le sondage ; ou « v » convoque directement sur le créneau sous le curseur.")
        if status is MeetingStatus.POLL:
            pending = len(self.app.store.meetings.pending_replies(self.meeting_id))
            extra = _(" · {replies} à confirmer : 4 puis b").format(replies=plural.count(
                pending, _("réponse d’expéditeur inconnu"), _("réponses d’expéditeurs inconnus"))
            ) if pending else ""
            return _("Réponses tapées : {source} (t pour changer) · « g » envoie les options, "
                     "« v » retient le créneau.").format(source=self.source.label.lower()) + extra
        if status is MeetingStatus.CONVENED:
            return _("Convoquée : « g » écrit les invitations ; les réponses d’agenda remplissent "
                     "« Convoc. », o / n y notent une réponse par téléphone ou coupon. "
                     "« a » : l’ordre du jour, « l » : la séance.")
        if status is MeetingStatus.HELD:
            return _("Tenue : sous ✓, le créneau retenu, sièges, quorum et requis absents sont "
                     "ceux de la séance. « d » ouvre le compte rendu, « a » l’ordre du jour.")
        return status.label

    # ---- what is under the cursor ---------------------------------------------------------

    def _cell(self) -> tuple[int | None, Slot | None]:
        """The invitee id and the slot under the cursor (None where there is none)."""
        table = self.query_one(DataTable)
        if self.detail is None or table.row_count == 0:
            return None, None
        row_key, _column = table.coordinate_to_cell_key(table.cursor_coordinate)
        invitee_id = int(row_key.value) if row_key.value and int(row_key.value) > 0 else None
        index = table.cursor_coordinate.column - FIXED_COLUMNS
        slot = self.detail.slots[index] if 0 <= index < len(self.detail.slots) else None
        return invitee_id, slot

    def _attempt(self, action, success: str | None = None) -> bool:
        try:
            action()
        except Refused as error:
            self.notify(error.message, severity="warning")
            return False
        if success:
            self.notify(success)
        self.reload()
        return True

    # ---- answers -------------------------------------------------------------------------

    def action_answer(self, answer: str) -> None:
        invitee_id, slot = self._cell()
        if invitee_id is not None and self.detail and (
                self.detail.meeting.status is MeetingStatus.CONVENED):
            # Once convened the question is « will you come? »: a phone call or the paper slip.
            self._attempt(lambda: self.app.store.meetings.record_attendance(
                invitee_id, ATTENDANCE.get(answer)))
            return
        if invitee_id is None or slot is None:
            self.notify(_("Placez le curseur sur la case d’une personne et d’un créneau."),
                        severity="warning")
            return
        self._attempt(lambda: self.app.store.meetings.record_vote(
            invitee_id, slot.id, answer or None, self.source))

    def action_toggle_source(self) -> None:
        self.source = AnswerSource.PAPER if self.source is AnswerSource.PHONE else AnswerSource.PHONE
        self.notify(_("Les réponses tapées seront notées « {source} ».").format(
            source=self.source.label.lower()))
        if self.detail:
            self.query_one("#hint", Static).update(self._hint(self.detail))

    def action_toggle_required(self) -> None:
        invitee_id, _slot = self._cell()
        if invitee_id is not None:
            invitee = self.app.store.meetings.invitee(invitee_id)
            self._attempt(lambda: self.app.store.meetings.set_required(invitee_id, not invitee.required))

    # ---- slots and lifecycle -------------------------------------------------------------

    def action_add_slot(self) -> None:
        from comite.tui.dialogs.slot_form import SlotForm

        if self.detail:
            self.app.push_screen(SlotForm(self.detail.meeting), self._slot_saved)

    def action_edit_slot(self) -> None:
        _invitee, slot = self._cell()
        if self.detail and slot:
            from comite.tui.dialogs.slot_form import SlotForm

            self.app.push_screen(SlotForm(self.detail.meeting, slot), self._slot_saved)

    def _slot_saved(self, slot: Slot | None) -> None:
        if slot is not None:
            self.reload()
            self.notify(_("Créneau du {when} enregistré.").format(when=wording.moment(slot.starts_at)))
            self._say_unsent()

    def action_remove_slot(self) -> None:
        _invitee, slot = self._cell()
        if slot is None:
            self.notify(_("Placez le curseur dans la colonne du créneau à retirer."), severity="warning")
            return
        if why := self.app.store.meetings.slot_removal_refusal(slot.id):
            self.notify(why, severity="warning")  # said instead of a question it would refuse
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        lines = [_("Les réponses déjà reçues pour ce créneau restent dans l’historique.")]
        if self.detail and self.detail.meeting.status is MeetingStatus.POLL:
            lines.append(_("Son annulation partira avec les prochaines invitations (« g »)."))
        ConfirmScreen.ask(
            self.app,
            _("Retirer le créneau du {when} ?").format(when=wording.moment(slot.starts_at)), lines,
            confirm=_("Retirer"),
            then=lambda: self._attempt(lambda: self.app.store.meetings.remove_slot(slot.id),
                                       _("Créneau retiré.")))

    def action_open_poll(self) -> None:
        self._attempt(lambda: self.app.store.meetings.open_poll(self.meeting_id),
                      _("Sondage ouvert : « g » écrit les invitations (une option d’agenda par "
                        "créneau), « f » les convocations papier."))

    def action_choose(self) -> None:
        _invitee, slot = self._cell()
        if slot is None or self.detail is None:
            self.notify(_("Placez le curseur dans la colonne du créneau à retenir."), severity="warning")
            return
        # Said before asking: no question whose answer the store would then refuse.
        why = self.app.store.meetings.convene_refusal(self.meeting_id, slot.id)
        if why is not None:
            self.notify(why, severity="warning")
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        if self.detail.meeting.status is MeetingStatus.DRAFT:
            lines = [_("Sans sondage : la réunion est convoquée directement à cette date.")]
            if len(self.detail.slots) > 1:
                lines.append(_("Les autres dates proposées, envoyées à personne, seront "
                               "supprimées."))
            lines.append(_("« g » écrira ensuite les invitations, « f » les convocations papier."))
        else:
            score = next(s for s in self.scores if s.slot.id == slot.id)
            lines = [
                _("Oui : {yes} · si nécessaire : {maybe} · non : {no} · sans réponse : {none}").format(
                    yes=score.yes, maybe=score.if_need_be, no=score.no, none=score.no_answer),
                _("Sièges couverts : {covered} sur {seats} — quorum {state}.").format(
                    covered=score.seats_covered, seats=score.seats,
                    state=_("atteint") if score.quorum_reached else _("non atteint ({n} requis)").format(
                        n=score.quorum_needed)),
                _("Les autres créneaux seront libérés : leur annulation partira avec les invitations."),
            ]
        ConfirmScreen.ask(
            self.app, _("Retenir le {when} ?").format(when=wording.moment(slot.starts_at)), lines,
            confirm=_("Retenir"), danger=False, then=lambda: self._choose(slot, confirmed=False))

    def _choose(self, slot: Slot, confirmed: bool) -> None:
        try:
            self.app.store.meetings.convene(self.meeting_id, slot.id, confirmed=confirmed)
        except NeedsConfirmation as question:
            from comite.tui.dialogs.confirm import ConfirmScreen

            ConfirmScreen.ask(self.app, _("Une personne indispensable a dit non"),
                              [question.message], confirm=_("Retenir quand même"),
                              then=lambda: self._choose(slot, confirmed=True))
            return
        except Refused as error:
            self.notify(error.message, severity="warning")
            return
        self.notify(_("Créneau retenu. « g » écrit les invitations confirmées et les annulations "
                      "des autres créneaux."))
        self.reload()

    def action_edit(self) -> None:
        if not self.detail:
            return
        meeting = self.detail.meeting
        if meeting.status in (MeetingStatus.HELD, MeetingStatus.CANCELLED):
            # Said before the form opens: nothing typed would be saved.
            self.notify(_("La réunion est « {status} » : elle ne se modifie plus. Son compte "
                          "rendu s’ouvre avec « d ».").format(status=meeting.status.label.lower())
                        if meeting.status is MeetingStatus.HELD else
                        _("La réunion est annulée : elle ne se modifie plus."), severity="warning")
            return
        from comite.tui.dialogs.meeting_form import MeetingForm

        self.app.push_screen(MeetingForm(meeting), self._edited)

    def _edited(self, saved: object) -> None:
        if saved:
            self.reload()
            self._say_unsent()

    def _say_unsent(self) -> None:
        """After a change people must see: who is now to write to again, said at once."""
        if self.unsent.count and self.unsent.written_before:
            self.notify(_("{label} : « g » les écrit.").format(label=self.unsent.label),
                        severity="warning")

    # ---- the meeting itself: its agenda, the séance, the minutes --------------------------

    def action_agenda(self) -> None:
        from comite.tui.screens.agenda import AgendaScreen

        self.app.push_screen(AgendaScreen(self.meeting_id))

    def action_session(self) -> None:
        from comite.tui.screens.sitting import SittingScreen

        self.app.push_screen(SittingScreen(self.meeting_id))

    def action_minutes(self) -> None:
        from comite.tui.screens.minutes import MinutesScreen

        self.app.push_screen(MinutesScreen(self.meeting_id))

    def action_held(self) -> None:
        self._attempt(lambda: self.app.store.meetings.mark_held(self.meeting_id),
                      _("Réunion notée comme tenue."))

    def action_cancel_meeting(self) -> None:
        from comite.tui.dialogs.confirm import ConfirmScreen

        if self.detail and self.detail.meeting.status is MeetingStatus.DRAFT:
            ConfirmScreen.ask(
                self.app, _("Supprimer ce brouillon ?"),
                [_("Il n’a été envoyé à personne : ses créneaux partent avec lui.")],
                confirm=_("Supprimer"), then=self._delete_draft)
            return

        ConfirmScreen.ask(
            self.app, _("Annuler cette réunion ?"),
            [_("Elle reste dans l’historique, marquée « annulée »."),
             _("« g » écrira ensuite l’annulation pour les agendas des invité(e)s.")],
            confirm=_("Annuler la réunion"), cancel=_("Garder la réunion"),
            then=lambda: self._attempt(lambda: self.app.store.meetings.cancel(self.meeting_id),
                                       _("Réunion annulée.")))

    def action_quality(self) -> None:
        """The e-Satis scores and serious adverse events told at this meeting, for a CDU's."""
        if self.detail is None:
            return
        meeting = self.detail.meeting
        if not self.app.store.complaints.is_cdu(meeting.committee_id):
            self.notify(_("Les scores e-Satis et les événements indésirables graves se notent aux "
                          "réunions d’une commission des usagers (CDU)."), severity="warning")
            return
        from comite.tui.dialogs.quality_form import QualityForm

        def saved(quality: object) -> None:
            if quality is not None:
                self.notify(_("Qualité et sécurité des soins notées pour cette réunion."))

        self.app.push_screen(QualityForm(self.meeting_id, meeting.title,
                                         self.app.store.complaints.quality(self.meeting_id)), saved)

    def action_keep_ours(self) -> None:
        from comite.tui.shared_calendar import keep_ours

        keep_ours(self.app, self.detail.meeting if self.detail else None)

    def _delete_draft(self) -> None:
        try:
            self.app.store.meetings.delete(self.meeting_id)
        except Refused as error:
            self.notify(error.message, severity="warning")
            return
        self.notify(_("Brouillon supprimé."))
        self.dismiss()

    def action_invite(self) -> None:
        from comite.tui.dialogs.invite_form import InviteForm

        self.app.push_screen(InviteForm(self.meeting_id), self._invited)

    def action_uninvite(self) -> None:
        from comite.tui.dialogs.confirm import ConfirmScreen

        invitee_id, _slot = self._cell()
        if invitee_id is None:
            self.notify(_("Placez le curseur sur la ligne de la personne à retirer."),
                        severity="warning")
            return
        try:
            invitee = self.app.store.meetings.invitee(invitee_id)
            cancels = self.app.store.meetings.will_cancel(invitee_id)
        except NotFound as error:
            self.notify(error.message, severity="warning")
            self.reload()
            return
        lines = [_("Ses réponses sont effacées avec son invitation.")]
        if cancels:
            lines.append(_("Son invitation lui a déjà été écrite : une annulation pour son agenda "
                           "sera écrite au prochain « g »."))
        else:
            lines.append(_("Rien ne lui a encore été envoyé : aucune annulation à écrire."))
        ConfirmScreen.ask(
            self.app, _("Retirer {name} de la réunion ?").format(name=invitee.name), lines,
            confirm=_("Retirer"),
            then=lambda: self._attempt(lambda: self.app.store.meetings.uninvite(invitee_id),
                                       _("{name} ne fait plus partie des invité(e)s.").format(
                                           name=invitee.name)))

    def _invited(self, invitee) -> None:
        if invitee is not None:
            self.reload()
            self.notify(_("{name} est invité(e).").format(name=invitee.name))
            self._say_unsent()

    # ---- documents and imports -----------------------------------------------------------

    def action_invitations(self) -> None:
        from comite.tui.documents import write_invitations

        write_invitations(self)

    def action_convocations(self) -> None:
        from comite.tui.documents import write_convocations

        write_convocations(self)

    def action_import_framadate(self) -> None:
        from comite.tui.dialogs.framadate import import_framadate

        import_framadate(self.app, self.meeting_id, self.reload)


def _delivery(email: str, sent: bool | None, outdated: bool) -> Text:
    if not email:
        return Text(_("papier"), style="yellow")
    if sent is None:
        return Text(_("à écrire"), style="dim")
    if outdated:  # written before the meeting last changed
        return Text(_("à renv."), style="bold yellow")  # « à renvoyer », cut to its column
    return Text(_("envoyé"), style="green") if sent else Text(_("écrit"))


def _vote_cell(vote: Vote | None) -> Text:
    if vote is None:
        return Text("—", style="dim")
    if vote.to_ask_again:  # given for the slot's earlier date: kept, not counted
        return Text(TO_ASK_AGAIN, style="italic magenta")
    return Text(f"{ANSWER_SHORT[vote.answer]} {SOURCE_MARK[vote.source]}", style=ANSWER_STYLE[vote.answer])


def _slot_header(slot: Slot, best_slot: bool) -> Text:
    label = slot.starts_at.strftime("%d/%m %H:%M")
    if slot.status is SlotStatus.CHOSEN:
        return Text("✓" + label, style="bold green")
    if slot.status is SlotStatus.RELEASED:
        return Text(label, style="dim strike")
    return Text(("★" if best_slot else "") + label, style="bold" if best_slot else "")


def _summary_cell(key: int, score: SlotScore) -> str:
    if key == -1:
        return f"{score.yes} / {score.if_need_be}"
    if key == -2:
        return f"{score.seats_covered}/{score.seats}"
    if key == -3:
        return _("atteint") if score.quorum_reached else _("non ({n})").format(n=score.quorum_needed)
    return str(len(score.required_missing)) if score.required_missing else _("aucun")


def _summary_style(key: int, score: SlotScore) -> str:
    if key == -3:
        return "green" if score.quorum_reached else "red"
    if key == -4:
        return "red" if score.required_missing else "green"
    return "bold"

