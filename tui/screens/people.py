"""Personnes: a paged list searched as you type (FTS5), never the whole table at once."""

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from comite.kernel import plural
from comite.kernel.i18n import _
from comite.store.people_models import PeoplePage
from comite.tui import commands
from comite.tui.commands import Command
from comite.tui.latest import LatestOnly
from comite.tui.messages import OpenPerson
from comite.tui.screens.base import BaseScreen, add_plain_row, selected_id
from comite.tui.widgets.people_table import PeopleTable

PAGE_SIZE = 25


class PeopleScreen(BaseScreen):
    SECTION = "people"
    HERE: ClassVar = (
        Command("search", "slash", _("Rechercher"), _("Rechercher une personne par son nom"),
                key_display="/"),
        Command("open", "enter", _("Ouvrir"), _("Ouvrir la fiche de la personne"), footer=False),
        Command("new", "n,ctrl+n", _("Nouvelle"),
                _("Enregistrer une nouvelle personne (Ctrl+N marche aussi dans la recherche)"),
                key_display="n"),
        Command("delete", "delete", _("Supprimer"), _("Supprimer la personne sélectionnée"),
                key_display="Suppr"),
        Command("next_page", "f8", _("Page suiv."),
                _("Page suivante (ou PgSuiv en bas de la liste)"), footer=False, key_display="F8"),
        Command("previous_page", "f7", _("Page préc."),
                _("Page précédente (ou PgPréc en haut de la liste)"), footer=False,
                key_display="F7"),
        Command("retention", "ctrl+r", _("Conservation"),
                _("Conservation des données : les personnes à effacer ou à réexaminer, et les "
                  "durées"), footer=False, key_display="^r"),
    )
    # Shown while the search has the focus; the search field itself answers these keys.
    TYPING: ClassVar = (
        Command("leave_search", "escape", _("Liste"),
                _("Dans la recherche : revenir à la liste (les lettres et les chiffres "
                  "redeviennent des touches)"), key_display="Échap"),
        Command("open", "enter", _("1re fiche"),
                _("Dans la recherche : ouvrir la fiche de la première personne trouvée"),
                key_display="Entrée"),
        Command("to_list", "down", _("Choisir"), _("Dans la recherche : descendre dans la liste"),
                key_display="↓"),
        Command("new", "ctrl+n", _("Nouvelle"), _("Enregistrer une nouvelle personne"),
                key_display="^n"),
    )
    BINDINGS: ClassVar = commands.bindings(*HERE)
    # The list, never the search: letters are commands until « / » (or nothing, while empty).
    AUTO_FOCUS = "#people"
    HELP_TITLE = _("Personnes")
    HELP_TEXT = _("« / » pour chercher : tapez quelques lettres d’un nom, d’un e-mail, d’une "
                  "profession ou d’une association, la liste se filtre à mesure. Dans la "
                  "recherche, Entrée ouvre la fiche de la première personne trouvée, flèche bas "
                  "descend dans la liste pour en choisir une autre, Échap revient à la liste "
                  "(les lettres et les chiffres redeviennent des touches). PgSuiv en bas de la "
                  "liste passe à la page suivante.")

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.page_starts: list[tuple[str, int] | None] = [None]
        self.page: PeoplePage | None = None
        self.shown_text = ""  # the search whose answer the list shows
        self.first_wanted = False  # Entrée in the search: open the first person once shown

    def body(self) -> ComposeResult:
        yield Input(placeholder=_("Rechercher : nom, e-mail, profession, association…"),
                    id="search")
        yield Static(id="status", classes="totals", markup=False)
        yield PeopleTable(id="people", cursor_type="row", zebra_stripes=True)

    def prepare(self) -> None:
        self._searches = LatestOnly("people-search")
        table = self.query_one(PeopleTable)
        # 79 cells with their padding, a one-cell scrollbar beside (comite.tcss): the e-mail
        # ends with « … » rather than at the screen's edge; the person's page has it whole.
        for label, width in ((_("Nom"), 19), (_("Rôles"), 14), (_("Téléphone"), 14),
                             (_("E-mail"), 23)):
            table.add_column(label, width=width)

    def reload(self) -> None:
        self.load(self.query_text, self.page_starts[-1])

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.page_starts = [None]
        self.load(event.value, None)

    @on(Input.Submitted, "#search")
    def _open_first(self) -> None:
        """The first person found, as soon as the answer to what was typed is there."""
        self.first_wanted = True
        self._first_if_shown()

    def _first_if_shown(self) -> None:
        if not self.first_wanted or self.page is None or self.shown_text != self.query_text:
            return
        self.first_wanted = False
        table = self.query_one(PeopleTable)
        if not table.row_count:
            self.app.bell()  # the status line says that nobody matches
            return
        table.move_cursor(row=0)
        self.action_open()

    def on_key(self, event) -> None:
        # ↓ and Échap leave the search for the list (Échap on the list itself closes nothing:
        # a section has nothing to go back to).
        if event.key in ("down", "escape") and self.focused is self.query_one("#search"):
            self.leave_field(self.query_one(PeopleTable))
            event.stop()

    def on_screen_suspend(self) -> None:
        # Left for another page (a person's, a section): back here, letters are commands again.
        # A dialog over the list (F1, a form) leaves the focus where it was.
        if not isinstance(self.app.screen, ModalScreen):
            self.leave_field(self.query_one(PeopleTable))

    def on_unmount(self) -> None:
        self._searches.close()

    def load(self, text: str, after: tuple[str, int] | None) -> None:
        """Off the UI thread; a newer search replaces this one if it has not started yet."""
        app = self.app

        def search() -> None:
            page = app.store.people.page(text, after=after, limit=PAGE_SIZE)
            app.call_from_thread(self.show_page, text, after, page)

        self._searches.submit(search)

    def show_page(self, text: str, after: tuple[str, int] | None, page: PeoplePage) -> None:
        if text != self.query_text or after != self.page_starts[-1]:
            return  # an answer to a search the coordinator has already typed past
        self.page, self.shown_text = page, text
        if not page.rows and len(self.page_starts) > 1:
            self.action_previous_page()  # its last person was deleted: show the one before
            return
        table = self.query_one(PeopleTable)
        current = selected_id(table)
        table.clear()
        for row in page.rows:
            add_plain_row(table, row.full_name, ", ".join(r.short_label for r in row.roles),
                          row.phone, row.email, key=str(row.id))
        if current is not None and any(r.id == current for r in page.rows):
            table.move_cursor(row=table.get_row_index(str(current)))
        first = (len(self.page_starts) - 1) * PAGE_SIZE + 1
        if page.rows:
            status = _("{first}–{last} sur {total}").format(
                first=first, last=first + len(page.rows) - 1,
                total=plural.count(page.total, _("personne"), _("personnes")))
            if page.has_more:
                status += _(" · PgSuiv en bas de liste : page suivante")
        elif text.strip():
            status = _("Personne ne correspond à « {text} ».").format(text=text.strip())
        else:
            status = _("Aucune personne : « n » pour en enregistrer une.")
        self.query_one("#status", Static).update(status)
        self.settle_focus()
        self._first_if_shown()

    @on(PeopleTable.Turn)
    def _turn(self, event: PeopleTable.Turn) -> None:
        if event.forward:
            self.action_next_page()
        else:
            self.action_previous_page()

    def action_next_page(self) -> None:
        if self.page and self.page.has_more and self.page.rows:
            last = self.page.rows[-1]
            self.page_starts.append((last.sort_key, last.id))
            self.page = None  # until the next page arrives, more key presses turn nothing
            self.query_one(PeopleTable).move_cursor(row=0)
            self.load(self.query_text, self.page_starts[-1])

    def action_previous_page(self) -> None:
        if len(self.page_starts) > 1 and self.page is not None:
            self.page_starts.pop()
            self.page = None
            self.load(self.query_text, self.page_starts[-1])

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def _selected(self) -> int | None:
        return selected_id(self.query_one(PeopleTable))

    def action_open(self) -> None:
        if (person_id := self._selected()) is not None:
            self.leave_field(self.query_one(PeopleTable))  # back from the page: on the list
            self.post_message(OpenPerson(person_id))

    def action_new(self) -> None:
        from comite.tui.dialogs.person_form import PersonForm

        def created(person: object) -> None:
            if person is not None:
                self.notify(_("{name} est enregistré(e).").format(name=person.full_name))
                self.post_message(OpenPerson(person.id))

        self.app.push_screen(PersonForm(), created)

    def action_retention(self) -> None:
        from comite.tui.screens.retention import RetentionScreen

        self.app.push_screen(RetentionScreen())

    def action_delete(self) -> None:
        if (person_id := self._selected()) is not None:
            from comite.tui.person_actions import confirm_deletion

            confirm_deletion(self, person_id, self.reload)
