"""At 80×24, every word the screen shows is whole: toasts, the dashboard's blocks, columns.

Each test reads what is painted (comite.tui.textual_private.painted_lines through
`painted`), as a person would read it.
"""

from comite.tui.dialogs.form import FormScreen
from comite.tui.screens.committee import CommitteeScreen
from comite.tui.textual_private import notifications, painted_lines
from tests.example_store import TODAY
from tests.tui.conftest import make_app, painted, wait_for


async def test_a_newer_toast_replaces_the_older_of_its_kind_and_none_hides_a_forms_buttons(
        demo_store):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.push_screen(CommitteeScreen(2))
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, FormScreen))
        for n in (1, 2, 3):
            app.notify(f"Message numéro {n}, assez long pour tenir sur deux lignes de toast.")
        app.notify("Un avertissement.", severity="warning")
        await pilot.pause(0.2)
        assert [(n.severity, n.message[:17]) for n in notifications(app)] == [
            ("information", "Message numéro 3,"), ("warning", "Un avertissement.")]
        lines = painted_lines(app)
        screen = "\n".join(lines)
        assert "Message numéro 3" in screen and "Un avertissement." in screen
        assert "Message numéro 1" not in screen and "Message numéro 2" not in screen
        buttons = app.screen.query_one(".form-buttons").region
        row = " ".join(lines[buttons.y:buttons.bottom])
        assert "Enregistrer (Ctrl+S)" in row and "Annuler (Échap)" in row, row


async def test_errors_each_stay_but_the_same_error_shows_once(demo_store):
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for message in ("Disque plein.", "Disque plein.", "Dossier introuvable."):
            app.notify(message, severity="error")
        await pilot.pause()
        assert [n.message for n in notifications(app)] == ["Disque plein.",
                                                            "Dossier introuvable."]


async def test_the_conclusions_header_stands_above_the_conclusions_not_above_the_alerts(demo_store):
    """« À suivre »: the alerts, then the open conclusions under their own column names (once
    the names topped the list, above « ⚠ » lines they did not describe)."""
    from textual.widgets import OptionList

    from comite.tui.screens.dashboard import DashboardScreen

    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DashboardScreen)
                       and app.screen.query("#follow")
                       and app.screen.query_one("#follow", OptionList).option_count)
        follow = app.screen.query_one("#follow", OptionList)
        follow.focus()
        # Down past the alerts to the first conclusion, its header in view.
        header_at = follow.get_option_index("header-conclusions")
        while follow.highlighted is None or follow.highlighted <= header_at:
            await pilot.press("down")
        await pilot.pause()
        lines = [line.strip() for line in painted_lines(app)]
        title = next(i for i, line in enumerate(lines) if line.startswith("À suivre"))
        assert lines[title + 1].startswith(("⚠", "→")) or "Responsable" not in lines[title + 1]
        # (« Responsable qualité » owns a conclusion: the header is the line naming the columns.)
        header = next(i for i, line in enumerate(lines) if line.split()[:2] == ["Responsable", "Échéance"])
        assert header > title + 1
        assert lines[header].split()[:5] == ["Responsable", "Échéance", "Conclusion", "Prise", "le"]
        below = lines[header + 1: header + 3]
        assert below and not any(line.startswith(("⚠", "→")) for line in below), below
        owners = {owner for owner, _group in demo_store.conclusions.open_by_owner(TODAY)}
        assert any(line.startswith(owner) for line in below for owner in owners), below


async def test_the_meetings_list_names_each_column_whole_and_says_the_title_below(demo_store):
    """« Réponses » was cut to « Répo » at the screen's edge."""
    from comite.tui.screens.meetings import MeetingsScreen

    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, MeetingsScreen))
        await pilot.pause()
        lines = painted_lines(app)
        header = next(line for line in lines if line.strip().startswith("Date"))
        assert header.split() == ["Date", "Réunion", "Comité", "Statut", "Réponses"]
        first = demo_store.meetings.all()[0]
        assert f"{first.title} — {first.committee_name}" in lines[-2]


async def test_a_committees_members_name_who_designated_them_in_a_whole_column(demo_store):
    """« Désigné(e) par » was cut to « Désigné(e) pa », and its names at the screen's edge."""
    from comite.store.committee_models import CommitteeKind

    committee = next(s.committee for s in demo_store.committees.all()
                     if s.committee.kind is not CommitteeKind.CDU
                     and any(m.designated_by for m in demo_store.memberships.of_committee(
                         s.committee.id)))
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CommitteeScreen(committee.id))
        await wait_for(pilot, lambda: isinstance(app.screen, CommitteeScreen))
        await pilot.pause()
        text = "\n".join(painted_lines(app))
        assert "Désigné(e) par" in text
        for member in demo_store.memberships.of_committee(committee.id):
            if 0 < len(member.designated_by) <= 19:
                assert member.designated_by in text, member.designated_by


async def test_the_inbox_says_why_a_file_was_set_aside_whole_below_its_row(demo_store):
    """« Pourquoi » ran past the screen's edge; now a cut cell ends with « … » and the line
    under the lists says the whole reason."""
    from textual.widgets import DataTable

    from comite.tui.screens.inbox import InboxScreen

    why = ("Fichier illisible : le calendrier est tronqué avant sa fin (il manque la ligne "
           "END:VCALENDAR).")
    demo_store.inbox.remember("ab" * 32, "reponse-de-quelqu-un.ics", 10, "quarantined", why)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(InboxScreen())
        await wait_for(pilot, lambda: isinstance(app.screen, InboxScreen)
                       and app.screen.query("#files")
                       and app.screen.query_one("#files", DataTable).row_count)
        app.screen.query_one("#files", DataTable).focus()
        await pilot.pause()
        lines = painted_lines(app)
        header = next(line for line in lines if line.strip().startswith("Reçu "))
        assert header.split() == ["Reçu", "Fichier", "Devenu", "Pourquoi"]
        row = next(line for line in lines if "mis de côté  Fichier" in line)
        assert row.rstrip().endswith("…") and len(row.rstrip()) < 80
        assert f"reponse-de-quelqu-un.ics — mis de côté : {why}" in painted(app)
