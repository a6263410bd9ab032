"""The app's start finishes an erasure that was stopped before its files were swept, and shows
what was done and the shared documents to make again, naming the person by number only."""

from textual.widgets import Static

from comite.tui.dialogs.info import InfoScreen
from comite.tui.textual_private import notifications
from tests.tui.conftest import make_app, told, wait_for
from tests.usecases.test_erasure_recovery import interrupted_erasure, opened


async def test_the_app_finishes_an_interrupted_erasure_and_lists_what_to_make_again(tmp_path):
    case = interrupted_erasure(tmp_path)
    with opened(case.db) as store:
        app = make_app(store, settings=case.settings, watch_inbox=False, welcome=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, InfoScreen)
                           and app.screen.query(".info-lines Static") and notifications(app))
            said = [str(n.message) for n in notifications(app)]
            assert said == [f"Effacement interrompu de la personne n° {case.person_id}, terminé "
                            "au démarrage : 2 fichiers supprimés. 1 document collectif "
                            "à refaire."]
            assert app.screen.title_text == (f"Effacement interrompu de la personne n° "
                                             f"{case.person_id}, terminé au démarrage : ce qui "
                                             "reste à faire")
            shown = str(app.screen.query_one(".info-lines Static", Static).render())
            assert "Documents collectifs qui la citent, à refaire" in shown
            assert str(case.collective) in shown and "quenardel" not in shown.lower()
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, InfoScreen))
        assert not store.erasures_pending()
    assert not any(path.exists() for path in case.theirs) and case.collective.is_file()


async def test_two_interrupted_erasures_are_told_in_one_notice(tmp_path):
    case = interrupted_erasure(tmp_path)
    with opened(case.db) as store:
        lina = store.people.page("Roy").rows[0].id
        store.privacy.erase(lina)  # stopped the same way
        app = make_app(store, settings=case.settings, watch_inbox=False, welcome=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, InfoScreen)
                           and app.screen.query(".info-lines Static")
                           and len(told(app)) == 2)
            assert app.screen.title_text == ("Effacements interrompus, terminés au démarrage : "
                                             "ce qui reste à faire")
            shown = str(app.screen.query_one(".info-lines Static", Static).render())
            assert f"La personne n° {case.person_id} :" in shown
            assert f"La personne n° {lina} :" in shown
        assert not store.erasures_pending()


async def test_an_empty_journal_is_one_query_and_shows_nothing(demo_store, monkeypatch):
    asked = []
    monkeypatch.setattr(type(demo_store), "erasures_pending",
                        lambda store: asked.append(True) or False)

    def never(*_args):
        raise AssertionError("nothing to finish: no sweep runs")

    monkeypatch.setattr("comite.usecases.privacy.finish_erasures", never)
    app = make_app(demo_store, watch_inbox=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: asked)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert notifications(app) == [] and not isinstance(app.screen, InfoScreen)
