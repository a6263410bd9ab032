"""« Compte rendu » of one meeting: attendance, notes per agenda item, the conclusions taken in
each item, and the lifecycle brouillon → diffusé pour remarques → adopté → signé.

A list on the left (Présences, the agenda items, the relevé of conclusions) chooses what the
right side edits. Notes are saved as they are typed; Échap leaves a text area first, so letters
typed there are never taken for commands.
"""

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, ContentSwitcher, DataTable, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from comite.exports import minutes_parts as parts
from comite.kernel.grammar import gendered
from comite.kernel.i18n import _
from comite.store import NeedsConfirmation
from comite.store.audit_models import AuditEntry
from comite.store.errors import NotFound, Refused
from comite.store.minutes_models import (
    AgendaItem,
    AttendanceStatus,
    Attendee,
    Conclusion,
    ConclusionKind,
    MinutesDocument,
    MinutesState,
    MinutesStatus,
    Outcome,
)
from comite.tui import commands, wording
from comite.tui.commands import Command
from comite.tui.dialogs.confirm import ask_signed_edit
from comite.tui.notes_keeper import NotesKeeper
from comite.tui.screens.base import BaseScreen, keep_cursor, selected_id
from comite.tui.widgets.lists import ListTable
from comite.tui.wording import attendee_names, quorum_text

log = logging.getLogger("comite.tui.minutes")

# Every status its colour; what is only read from the convocation's answer (not noted yet) is
# shown dimmed and in italics, in the colour of what it announces.
STATUS_STYLE = {AttendanceStatus.PRESENT: "green", AttendanceStatus.SUBSTITUTED: "cyan",
                AttendanceStatus.REPRESENTED: "magenta", AttendanceStatus.EXCUSED: "yellow",
                AttendanceStatus.ABSENT: "red", AttendanceStatus.ANNOUNCED: "green",
                AttendanceStatus.NO_ANSWER: ""}
KIND_SHORT = {ConclusionKind.DECISION: _("Déc."), ConclusionKind.ACTION: _("Act."),
              ConclusionKind.RECOMMENDATION: _("Reco.")}
# Keys that change a text: on signed minutes they ask before anything changes.
EDIT_KEYS = {"enter", "backspace", "delete", "ctrl+v", "ctrl+x", "ctrl+k", "ctrl+u", "ctrl+w",
             "ctrl+d", "ctrl+z", "ctrl+y", "ctrl+shift+k", "alt+delete", "ctrl+backspace"}
ATTENDANCE = "attendance"
# The attendance table's columns, within the 58 cells right of the sections at 80 columns.
NAME_WIDTH, PRESENCE_WIDTH = 20, 32
# Under the attendance table: the keys, and how to read the dimmed rows (F1 says each word).
ATTENDANCE_LEGEND = _("p présent(e) · e excusé(e) · a absent(e) · r pouvoir à…\n"
                      "en pâle : la réponse, présence à noter · ↳ suppléant(e)\n"
                      "F1 : ce que dit chaque mot")
CARRIED = "carried"
ALL_CONCLUSIONS = "conclusions"


# ---- shared with the séance screen -----------------------------------------------------------


# ---- the screen -----------------------------------------------------------------------------

LEAVE = Command("leave", "escape", _("Retour"),
                _("Sortir de la zone de texte vers la liste ; depuis la liste, revenir à la "
                  "réunion (tout est déjà enregistré)"), key_display="Échap")
CONCLUSION = Command("new_conclusion", "c,ctrl+n", _("Conclusion"),
                     _("Écrire une conclusion (décision ou action) dans le point affiché ; Ctrl+N "
                       "marche aussi pendant la frappe"), key_display="c / ^n")
SAVE = Command("save", "ctrl+s", _("Enregistrer"),
               _("Enregistrer maintenant (les notes s’enregistrent déjà au fil de la frappe)"),
               footer=False)


class MinutesScreen(BaseScreen):
    SECTION = "meetings"
    HERE: ClassVar = (
        LEAVE,
        CONCLUSION,
        Command("edit_conclusion", "enter", _("Modifier la conclusion"),
                _("Sur une conclusion : la modifier"), footer=False, key_display="Entrée"),
        Command("remove_conclusion", "delete", _("Retirer la conclusion"),
                _("Sur une conclusion : la retirer (impossible une fois le compte rendu adopté : "
                  "on la ferme alors)"), footer=False, key_display="Suppr"),
        Command("attend('present')", "p", _("Présent(e)"),
                _("Présences : noter la personne présente (confirme aussi une valeur d’après la "
                  "réponse)"), footer=False),
        Command("attend('excused')", "e", _("Excusé(e)"), _("Présences : noter la personne excusée"),
                footer=False),
        Command("attend('absent')", "a", _("Absent(e)"), _("Présences : noter la personne absente"),
                footer=False),
        Command("attend('represented')", "r", _("Pouvoir"),
                _("Présences : la personne a donné pouvoir à une personne présente, qui votera "
                  "pour elle — pas une suppléance : un(e) suppléant(e) pointé(e) à la séance "
                  "supplée d’office son ou sa titulaire"), footer=False),
        Command("item_outcome", "i", _("Issue"),
                _("Sur un point : dire ce qui en est sorti (adopté, décision prise, reporté…), "
                  "son titre facile à lire"), footer=False),
        Command("circulate", "d", _("Diffuser"),
                _("Diffuser le compte rendu pour remarques, avec une date limite"), footer=False),
        Command("adopt", "o", _("Adopter"), _("Noter le compte rendu adopté"), footer=False),
        Command("sign", "s", _("Signer"),
                _("Noter les signatures (président(e), secrétaire de séance) : le compte rendu est "
                  "verrouillé"), footer=False),
        Command("export", "x", _("Exporter"),
                _("Écrire le compte rendu : PDF complet, PDF facile à lire, texte pour l’e-mail ; "
                  "ou préparer à nouveau les messages aux membres")),
        SAVE,
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    TYPING: ClassVar = (commands.while_typing(LEAVE, "escape", "Échap", _("Sortir du texte")),
                        commands.while_typing(CONCLUSION, "ctrl+n", "^n"),
                        commands.while_typing(SAVE, "ctrl+s", "^s"))
    HELP_TITLE = _("Compte rendu")
    HELP_TEXT = _(
        "À gauche : les présences, les points de l’ordre du jour et le relevé des conclusions ; "
        "à droite, ce que vous modifiez. Entrée ou Tab entre dans la partie droite, Échap en "
        "ressort. Les notes s’enregistrent au fil de la frappe. Le passage confidentiel (une "
        "réclamation qui nomme un patient…) est retiré de la version diffusée ; couvert par le "
        "secret professionnel, il reste masqué jusqu’à ce que vous demandiez à le lire (Entrée "
        "sur « Passage confidentiel masqué »), et chaque lecture comme chaque export interne est "
        "noté au journal (qui, quand — jamais le texte). "
        "Cycle : d diffuse pour remarques, o adopte, s fait signer ; à chaque étape, comite "
        "prépare un e-mail pour chaque membre et les lettres à imprimer pour ceux qui n’ont pas "
        "d’e-mail, et propose de les envoyer. Une fois signé, toute modification annule les "
        "signatures, et comite le dit avant.") + "\n\n" + _(
        "Présences, ce que disent les mots :\n"
        "• Présent(e) : pointé(e) à la séance, avec l’heure, ou noté(e) ici (p).\n"
        "• Suppléé(e) par … : sa ou son suppléant(e) a été pointé(e) à la séance ; cela "
        "découle du pointage, rien à noter.\n"
        "• A donné pouvoir à … (r, Pouvoir) : un pouvoir donné à une personne présente, qui "
        "vote pour elle. Ce n’est pas une suppléance.\n"
        "• Excusé(e) (e) : a prévenu. Absent(e) (a) : n’est pas venu(e).\n"
        "• En italique pâle, la réponse à la convocation (Annoncé(e), Excusé(e), Sans "
        "réponse) : la présence reste à noter, sinon le compte rendu dira Absent(e), ou "
        "Excusé(e) pour qui a répondu non.\n"
        "Le compte rendu donne l’heure d’une arrivée en retard et d’un départ avant la fin, "
        "et les prises de parole par côté (les noms seulement si vous le choisissez à l’export).")

    DEFAULT_CSS = """
    MinutesScreen #lifecycle { height: 1; padding: 0 1; }
    MinutesScreen #quorum { height: auto; padding: 0 1; }
    MinutesScreen #main { height: 1fr; }
    MinutesScreen #sections { width: 22; height: 1fr; border: none; padding: 0;
                              border-right: vkey $panel-lighten-2; }
    MinutesScreen #panes { width: 1fr; height: 1fr; }
    MinutesScreen .pane { height: 1fr; }
    MinutesScreen .pane-title { height: auto; max-height: 2; padding: 0 1; text-style: bold; }
    MinutesScreen .pane-hint { height: auto; padding: 0 1; color: $text-muted; }
    MinutesScreen #notes { height: 1fr; min-height: 4; border: round $primary 50%; }
    MinutesScreen #notes:focus { border: round $primary; }
    MinutesScreen #confidential { height: 4; border: round $warning 50%;
                                  border-title-color: $warning; }
    MinutesScreen #confidential:focus { border: round $warning; }
    MinutesScreen #reveal { width: 1fr; height: 4; }
    MinutesScreen #item-conclusions-box { height: 6; border: round $secondary 50%; }
    MinutesScreen #item-conclusions-box:focus-within { border: round $secondary; }
    """

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.document: MinutesDocument | None = None
        self.item: AgendaItem | None = None  # the item shown on the right
        self.notes = TextArea(id="notes", placeholder=_("Les notes de ce point…"))
        self.confidential = TextArea(id="confidential",
                                     placeholder=_("Ce qui ne doit pas être diffusé…"))
        self.keeper = NotesKeeper(self, self._signed_notes, self._maybe_voided)
        self.revealed: set[int] = set()  # items whose confidential passage was asked for
        self._asking = False

    def body(self) -> ComposeResult:
        yield Static(id="title", classes="page-title", markup=False)
        yield Static(id="lifecycle")
        yield Static(id="quorum")
        with Horizontal(id="main"):
            yield OptionList(id="sections")
            with ContentSwitcher(id="panes", initial=ATTENDANCE):
                with Vertical(id=ATTENDANCE, classes="pane"):
                    yield ListTable(id="attendees", cursor_type="row", zebra_stripes=True)
                    yield Static(ATTENDANCE_LEGEND, classes="pane-hint")
                with Vertical(id="item", classes="pane"):
                    yield Static(id="item-title", classes="pane-title", markup=False)
                    yield self.notes
                    yield self.confidential
                    yield Button(id="reveal", variant="warning")
                    with Vertical(id="item-conclusions-box"):
                        yield ListTable(id="item-conclusions", cursor_type="row")
                with Vertical(id=CARRIED, classes="pane"):
                    yield Static(_("Suite donnée aux conclusions précédentes"), classes="pane-title")
                    yield ListTable(id="carried-table", cursor_type="row", zebra_stripes=True)
                    yield Static(_("Elles se ferment, se réattribuent ou se redatent depuis "
                                   "l’ordre du jour de la réunion."), classes="pane-hint")
                with Vertical(id=ALL_CONCLUSIONS, classes="pane"):
                    yield Static(_("Relevé des conclusions"), classes="pane-title")
                    yield ListTable(id="all-conclusions", cursor_type="row", zebra_stripes=True)
                    yield Static(_("Entrée modifie · Suppr retire · une conclusion s’écrit "
                                   "dans son point (c)"), classes="pane-hint")

    def prepare(self) -> None:
        self.notes.border_title = _("Notes")
        self.confidential.border_title = _("Passage confidentiel — retiré de la version diffusée")
        self.query_one("#item-conclusions-box").border_title = _(
            "Conclusions — c ajoute · Entrée modifie")
        widths = {
            "#attendees": ((_("Nom"), NAME_WIDTH), (_("Présence"), PRESENCE_WIDTH)),
            "#item-conclusions": ((_("Nat."), 4), (_("Conclusion"), 21), (_("Resp."), 10),
                                  (_("Échéance"), 10)),
            "#carried-table": ((_("Conclusion"), 22), (_("Resp."), 11), (_("Échéance"), 10),
                               (_("Rep."), 4)),
            "#all-conclusions": ((_("Pt"), 2), (_("Nat."), 4), (_("Conclusion"), 20),
                                 (_("Resp."), 10), (_("Échéance"), 10)),
        }
        for selector, columns in widths.items():
            table = self.query_one(selector, DataTable)
            for label, width in columns:
                table.add_column(label, width=width)

    # ---- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        self.keeper.flush()
        try:
            document = self.app.store.minutes.document(self.meeting_id)
        except NotFound as error:
            self.record_gone(error)
            return
        first = self.document is None
        self.document = document
        m = document.meeting
        when = wording.day(document.starts_at.date()) if document.starts_at else ""
        self.query_one("#title", Static).update(
            " · ".join(filter(None, (_("Compte rendu — {title}").format(title=m.title), when))))
        self.query_one("#lifecycle", Static).update(lifecycle_text(document.state))
        self.query_one("#quorum", Static).update(
            Text.assemble(quorum_text(document.quorum), "   ", next_step(document.state)))
        self._fill_sections(document)
        # As noted so far (the document says « absent(e) » for whoever is still to note).
        self._fill_attendees(tuple(self.app.store.minutes.attendance(self.meeting_id)[0]))
        self._fill_conclusions(self.query_one("#all-conclusions", DataTable), document.conclusions,
                               with_item=True)
        self._fill_carried(document)
        if self.item is not None:
            self.item = next((i for i in document.items if i.id == self.item.id), None)
            if self.item is None:
                self._show(ATTENDANCE)
            else:
                self._show_item(self.item)
        self._lock(document.state)
        if first:
            self.query_one("#sections", OptionList).focus()

    def _fill_sections(self, document: MinutesDocument) -> None:
        options = [Option(_("Présences"), id=ATTENDANCE)]
        if document.carried:
            options.append(Option(_("Suite donnée ({n})").format(n=len(document.carried)),
                                  id=CARRIED))
        for item in document.items:
            count = len(document.conclusions_of(item.id))
            mark = f" ({count})" if count else ""
            options.append(Option(Text(f"{item.position}. {item.title}{mark}"),
                                  id=f"item-{item.id}"))
        options.append(Option(_("Relevé des conclusions ({n})").format(
            n=len(document.conclusions)), id=ALL_CONCLUSIONS))
        sections = self.query_one("#sections", OptionList)
        highlighted = sections.highlighted_option.id if sections.highlighted_option else None
        sections.clear_options()
        sections.add_options(options)
        ids = [option.id for option in options]
        sections.highlighted = ids.index(highlighted) if highlighted in ids else 0

    def _fill_attendees(self, attendees: tuple[Attendee, ...]) -> None:
        table = self.query_one("#attendees", DataTable)
        current = selected_id(table)
        table.clear()
        for a, name in attendee_names(attendees):
            # A long name or a presence with its times wraps: no word is cut.
            table.add_row(Text(wording.breakable(name, NAME_WIDTH)),
                          attendance_cell(a, self.document), key=str(a.invitee_id), height=None)
        keep_cursor(table, current)

    def _fill_conclusions(self, table: DataTable, conclusions: tuple[Conclusion, ...],
                          with_item: bool = False) -> None:
        current = selected_id(table)
        today = self.app.today
        table.clear()
        positions = {item.id: item.position for item in self.document.items} if self.document else {}
        for c in conclusions:
            cells = [Text(KIND_SHORT[c.kind], style="bold" if c.kind is ConclusionKind.DECISION
                          else ""),
                     Text(c.text), Text(c.owner_name),
                     Text(wording.day(c.due_on), style="bold red" if c.overdue(today) else "")]
            if with_item:
                cells.insert(0, Text(str(positions.get(c.item_id, "")) if c.item_id else ""))
            table.add_row(*cells, key=str(c.id), height=None)  # the whole text, wrapped
        keep_cursor(table, current)

    def _fill_carried(self, document: MinutesDocument) -> None:
        table = self.query_one("#carried-table", DataTable)
        table.clear()
        for carried in document.carried:
            c = carried.conclusion
            table.add_row(Text(c.text), Text(c.owner_name), Text(wording.day(c.due_on)),
                          Text(f"×{carried.times}"), key=str(c.id), height=None)

    # ---- which part is shown --------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#sections")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show(event.option.id or ATTENDANCE)

    @on(OptionList.OptionSelected, "#sections")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._show(event.option.id or ATTENDANCE)
        self._enter_pane()

    def _show(self, section: str) -> None:
        if section.startswith("item-") and self.document:
            item = next((i for i in self.document.items if f"item-{i.id}" == section), None)
            if item is not None:
                self.item = item
                self._show_item(item)
                self.query_one(ContentSwitcher).current = "item"
                return
        self.keeper.flush()
        self.item = None
        self.query_one(ContentSwitcher).current = section

    def _show_item(self, item: AgendaItem) -> None:
        self.keeper.bind(self.notes, item.id, False, item.notes)
        self._show_confidential(item)
        about = [item.purpose.label]
        if item.presenter:
            about.append(_("présenté par {name}").format(name=item.presenter))
        # What came of it, or the key that says it (the minutes print nothing until then).
        about.append(_("issue : {outcome}").format(outcome=item.outcome.label.lower())
                     if item.outcome is not Outcome.UNSAID else _("issue à dire (i)"))
        self.query_one("#item-title", Static).update(
            f"{item.position}. {item.title} — " + ", ".join(about))
        if self.document:
            self._fill_conclusions(self.query_one("#item-conclusions", DataTable),
                                   self.document.conclusions_of(item.id))

    # ---- the confidential passage: masked until asked for, each reading in the journal ------

    def _show_confidential(self, item: AgendaItem) -> None:
        """An empty passage can be written at once (writing is not reading); one already
        written stays masked until the coordinator asks to read it."""
        reveal = self.query_one("#reveal", Button)
        masked = bool(item.confidential_notes.strip()) and item.id not in self.revealed
        self.confidential.display = not masked
        reveal.display = masked
        if not masked:
            self.keeper.bind(self.confidential, item.id, True, item.confidential_notes)
            return
        self.keeper.unbind(self.confidential)
        trail = self.app.store.minutes.confidential_trail(self.meeting_id)
        reveal.label = _("Passage confidentiel masqué — Entrée pour le lire\n"
                         "(la lecture est notée au journal{trail})").format(trail=trail_text(trail))

    @on(Button.Pressed, "#reveal")
    def _reveal(self, event: Button.Pressed) -> None:
        event.stop()
        item = self.item
        if item is None:
            return
        try:
            text = self.app.store.minutes.reveal_confidential(item.id)
        except NotFound as error:
            self.record_gone(error)
            return
        self.revealed.add(item.id)
        self.item = item = replace(item, confidential_notes=text)
        self._show_confidential(item)
        self.confidential.focus()

    def _enter_pane(self) -> None:
        current = self.query_one(ContentSwitcher).current
        target = {ATTENDANCE: "#attendees", "item": "#notes", CARRIED: "#carried-table",
                  ALL_CONCLUSIONS: "#all-conclusions"}.get(current or "", "#attendees")
        self.query_one(target).focus()

    def action_leave(self) -> None:
        sections = self.query_one("#sections", OptionList)
        if self.focused is not sections:
            self.keeper.flush()
            sections.focus()
            return
        self.keeper.flush()
        self.app.pop_screen()

    def action_save(self) -> None:
        self.keeper.flush()
        self.notify(_("Tout est enregistré."))

    # ---- saving as it is typed, and never lost -------------------------------------------

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        self.keeper.changed()

    def on_screen_suspend(self) -> None:
        self.keeper.flush()
        super().on_screen_suspend()

    def on_unmount(self) -> None:
        # The screen is closed, or the app quits (Ctrl+Q): what was typed is written first.
        self.keeper.flush()

    # ---- signed minutes: ask before the first change -------------------------------------

    def _lock(self, state: MinutesState) -> None:
        locked = state.locked and not self.keeper.confirmed
        self.notes.read_only = self.confidential.read_only = locked

    def on_key(self, event: events.Key) -> None:
        area = self.focused
        if not (isinstance(area, TextArea) and area.read_only and self.item is not None):
            return
        if not (event.is_printable or event.key in EDIT_KEYS):
            return
        # Stopped here, before the text area or a command sees it.
        event.stop()
        event.prevent_default()
        self._ask_to_unlock(area, event.character if event.is_printable else None)

    def _ask_to_unlock(self, area: TextArea, typed: str | None) -> None:
        if self._asking or self.item is None:
            return
        # The store asks only when a text changes; here nothing has changed yet.
        message = self.app.store.minutes.edit_question(self.meeting_id) or ""

        def unlock() -> None:
            self._asking = False
            self.keeper.confirmed = True
            self.notes.read_only = self.confidential.read_only = False
            area.focus()
            if typed:
                area.insert(typed)  # the key that asked is not lost

        def keep() -> None:
            self._asking = False

        self._asking = True
        ask_signed_edit(self.app, message, unlock, keep)

    def _maybe_voided(self) -> None:
        """Notes written on signed minutes voided the signatures: the lifecycle line says so."""
        if self.document and self.document.state.locked:
            self.call_later(self.reload)

    def _signed_notes(self, message: str) -> None:
        """A save of notes met signed minutes (changed elsewhere meanwhile): ask, then save."""
        if self._asking:
            return
        self._asking = True

        def unlock() -> None:
            self._asking = False
            self.keeper.confirmed = True
            self.keeper.flush()
            self.reload()

        def keep() -> None:
            self._asking = False
            self.reload()

        ask_signed_edit(self.app, message, unlock, keep)

    def _guarded(self, change: Callable[[bool], object], success: str = "",
                 then: Callable[[], object] | None = None) -> None:
        """Run a change; on signed minutes, ask with the store's words, then run it confirmed;
        `then` after it succeeded."""
        def run(confirmed: bool) -> None:
            try:
                change(confirmed or self.keeper.confirmed)
            except NeedsConfirmation as question:
                ask_signed_edit(self.app, question.message, lambda: run(True))
                return
            except Refused as error:
                self.notify(error.message, severity="warning")
                return
            if confirmed:
                self.keeper.confirmed = True
            if success:
                self.notify(success)
            self.reload()
            if then is not None:
                then()

        run(False)

    # ---- attendance -----------------------------------------------------------------------

    def _attendee(self) -> Attendee | None:
        table = self.query_one("#attendees", DataTable)
        if self.focused is not table or self.document is None:
            # A letter typed elsewhere must not mark whoever the hidden cursor is on.
            self.notify(_("Les présences se notent dans « Présences » : choisissez-la à gauche, "
                          "Entrée, puis la personne."), severity="warning")
            return None
        invitee_id = selected_id(table)
        return next((a for a in self.document.attendees if a.invitee_id == invitee_id), None)

    def action_attend(self, status: str) -> None:
        attendee = self._attendee()
        if attendee is None:
            return
        wanted = AttendanceStatus(status)
        minutes = self.app.store.minutes
        if wanted is AttendanceStatus.REPRESENTED:
            from comite.tui.dialogs.minutes_forms import RepresentativePicker

            def picked(proxy: str | None) -> None:
                if proxy:
                    self._guarded(lambda confirmed: minutes.set_attendance(
                        attendee.invitee_id, wanted, represented_by=int(proxy), confirmed=confirmed))

            self.app.push_screen(RepresentativePicker(attendee, list(self.document.attendees)),
                                 picked)
            return
        self._guarded(lambda confirmed: minutes.set_attendance(
            attendee.invitee_id, wanted, confirmed=confirmed))

    # ---- conclusions ------------------------------------------------------------------------

    def action_item_outcome(self) -> None:
        """The item's form, where its outcome and its easy-to-read title are said."""
        from comite.tui.dialogs.agenda_item_form import AgendaItemForm

        if self.item is None:
            self.notify(_("Choisissez d’abord, à gauche, le point dont vous dites l’issue."),
                        severity="warning")
            return
        self.keeper.flush()

        def saved(result: AgendaItem | None) -> None:
            if result is not None:
                self.notify(_("Point modifié."))
                self.reload()

        self.app.push_screen(AgendaItemForm(self.meeting_id, self.item), saved)

    def action_new_conclusion(self) -> None:
        if self.item is None:
            self.notify(_("Choisissez d’abord, à gauche, le point où la conclusion a été prise."),
                        severity="warning")
            return
        self._conclusion_form(None)

    def _conclusion_form(self, conclusion: Conclusion | None) -> None:
        from comite.tui.dialogs.conclusion_form import ConclusionForm

        item_id = conclusion.item_id if conclusion and conclusion.item_id else (
            self.item.id if self.item else None)
        if item_id is None:
            return
        title = conclusion.item_title if conclusion else self.item.title if self.item else ""
        self.keeper.flush()

        def saved(result: Conclusion | None) -> None:
            if result is not None:
                self.notify(_("Conclusion modifiée.") if conclusion else _("Conclusion ajoutée."))
                self.reload()

        self.app.push_screen(ConclusionForm(self.meeting_id, item_id, title, conclusion), saved)

    def _focused_conclusion(self) -> Conclusion | None:
        table = self.focused
        if not (isinstance(table, DataTable) and table.id in ("item-conclusions", "all-conclusions")):
            return None
        conclusion_id = selected_id(table)
        if conclusion_id is None or self.document is None:
            return None
        return next((c for c in self.document.conclusions if c.id == conclusion_id), None)

    @on(DataTable.RowSelected, "#item-conclusions, #all-conclusions")
    def _conclusion_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_conclusion()

    def action_edit_conclusion(self) -> None:
        conclusion = self._focused_conclusion()
        if conclusion is not None:
            self._conclusion_form(conclusion)

    def action_remove_conclusion(self) -> None:
        conclusion = self._focused_conclusion()
        if conclusion is None:
            self.notify(_("Placez-vous sur la conclusion à retirer (Tab), puis Suppr."),
                        severity="warning")
            return
        if why := self.app.store.conclusions.removal_refusal(conclusion.id):
            self._say_not_removable(why)  # said instead of a question it would refuse
            return
        from comite.tui.dialogs.confirm import ConfirmScreen

        def remove() -> None:
            try:
                self.app.store.conclusions.remove(conclusion.id)
            except Refused as error:  # the minutes adopted meanwhile, elsewhere
                self._say_not_removable(error.message)
                return
            self.notify(_("Conclusion retirée."))
            self.reload()

        ConfirmScreen.ask(self.app, _("Retirer cette conclusion ?"), [conclusion.text],
                          confirm=_("Retirer"), then=remove)

    def _say_not_removable(self, why: str) -> None:
        self.notify(why + " " + _(
            "Fermez-la plutôt (faite ou abandonnée, avec un mot pourquoi) depuis "
            "l’ordre du jour de la réunion suivante."), severity="warning", timeout=10)

    # ---- lifecycle ------------------------------------------------------------------------

    def action_circulate(self) -> None:
        from comite.tui.dialogs.minutes_forms import CirculateForm

        self.keeper.flush()

        def done(state: MinutesState | None) -> None:
            if state is not None:
                self.notify(_("Compte rendu diffusé pour remarques jusqu’au {day}.").format(
                    day=wording.day(state.remarks_until)))
                self.reload()
                self._send_to_members()

        self.app.push_screen(CirculateForm(self.meeting_id, self.app.today), done)

    def action_adopt(self) -> None:
        from comite.tui.dialogs.confirm import ConfirmScreen

        self.keeper.flush()
        lines = [_("Il devient la version approuvée par le comité."),
                 _("Ses conclusions ne pourront plus être supprimées, seulement fermées.")]
        until = self.document.state.remarks_until if self.document else None
        early = until is not None and until >= self.app.today
        if early:
            # The members were told they had until then: adopting now cuts their time short.
            lines.insert(0, _("Les remarques sont attendues jusqu’au {day} : des membres n’ont "
                              "peut-être pas encore répondu.").format(day=wording.day(until)))
        ConfirmScreen.ask(
            self.app, _("Adopter avant la fin des remarques ?") if early
            else _("Adopter le compte rendu ?"), lines,
            confirm=_("Adopter quand même") if early else _("Adopter"), danger=early,
            then=lambda: self._guarded(
                lambda _confirmed: self.app.store.minutes.adopt(self.meeting_id),
                _("Compte rendu adopté ; « s » pour noter les signatures."),
                then=self._send_to_members))

    def action_sign(self) -> None:
        from comite.tui.dialogs.minutes_forms import SignForm, default_signers

        if self.document is None:
            return
        self.keeper.flush()

        def done(state: MinutesState | None) -> None:
            if state is not None:
                self.keeper.confirmed = False
                self.notify(_("Compte rendu signé et verrouillé : le modifier annulerait les "
                              "signatures."))
                self.reload()
                self._send_to_members()

        signers = default_signers(self.app, self.document.meeting.committee_id)
        self.app.push_screen(SignForm(self.meeting_id, signers, self.app.today), done)

    def action_export(self) -> None:
        from comite.tui.dialogs.minutes_forms import ExportChoice
        from comite.tui.documents import export_minutes

        self.keeper.flush()

        def chosen(kind: str | None) -> None:
            if kind == "messages":
                self._send_to_members()
            elif kind and kind != "easy" and self._turns_counted():
                self._ask_floor(kind)
            elif kind:
                export_minutes(self, kind)

        self.app.push_screen(ExportChoice(), chosen)

    def _turns_counted(self) -> bool:
        return self.document is not None and any(count.turns for count in self.document.floor)

    def _ask_floor(self, kind: str) -> None:
        """Turns were counted: by side only, or each speaker named too (never by default)."""
        from comite.tui.dialogs.minutes_forms import FloorChoice
        from comite.tui.documents import export_minutes

        def chosen(floor: str | None) -> None:
            if floor:
                export_minutes(self, kind, floor_names=floor == "names")

        self.app.push_screen(FloorChoice(), chosen)

    def _send_to_members(self) -> None:
        """The members get the minutes' present version: e-mails, letters to print."""
        from comite.tui.documents import prepare_minutes_mail

        prepare_minutes_mail(self)


# ---- how things read -----------------------------------------------------------------------

def trail_text(trail: list[AuditEntry]) -> str:
    """« ; lu 2 fois, exporté 1 fois » — what the journal already holds for this meeting."""
    read = sum(1 for entry in trail if entry.action == "reveal")
    exported = len(trail) - read
    said = [text.format(n=n) for n, text in ((read, _("lu {n} fois")),
                                             (exported, _("exporté {n} fois"))) if n]
    return ("\u202f; " + ", ".join(said)) if said else ""


def attendance_cell(a: Attendee, document: MinutesDocument | None = None) -> Text:
    """What was noted, in its colour, with the times the minutes print (a late arrival, an
    early departure); before anything is noted, the answer's word, dimmed: the minutes will
    say « absent(e) » unless it is noted."""
    if not a.confirmed and a.status is not AttendanceStatus.SUBSTITUTED:
        return Text(_("{answer} — présence à noter").format(answer=gendered(a.status.label, a.gender)),
                    style=f"{STATUS_STYLE[a.status]} dim italic".strip())
    said = parts.presence(a) if document is None else parts.presence_noted(a, document)
    return Text(wording.breakable(said, PRESENCE_WIDTH), style=STATUS_STYLE[a.status])


STEPS = (MinutesStatus.DRAFT, MinutesStatus.CIRCULATED, MinutesStatus.ADOPTED, MinutesStatus.SIGNED)


def lifecycle_text(state: MinutesState) -> Text:
    """Brouillon → Diffusé pour remarques (jusqu’au 12/12) → Adopté → Signé, the current step
    highlighted, the past ones in green."""
    reached = STEPS.index(state.status)
    text = Text(" ")
    for index, step in enumerate(STEPS):
        label = step.label
        if step is MinutesStatus.CIRCULATED and state.remarks_until and reached >= index:
            label += _(" (jusqu’au {day})").format(day=state.remarks_until.strftime("%d/%m"))
        if index:
            text.append(" → ", style="dim")
        style = "bold reverse" if index == reached else "green" if index < reached else "dim"
        text.append(f" {label} " if index == reached else label, style=style)
    return text


def next_step(state: MinutesState) -> Text:
    """The key to the next step, or the warning that the signatures were voided."""
    if state.voided_at and state.status is MinutesStatus.ADOPTED:
        return Text(_("signatures annulées (s signe)"), style="bold yellow")
    return Text({
        MinutesStatus.DRAFT: _("d diffuser · o adopter"),
        MinutesStatus.CIRCULATED: _("o adopter"),
        MinutesStatus.ADOPTED: _("s signer"),
        MinutesStatus.SIGNED: _("signé, verrouillé"),
    }[state.status], style="dim")
