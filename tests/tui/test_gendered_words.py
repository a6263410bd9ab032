"""Sentences about one person agree with the sex recorded on their card (« Léa a été
supprimée », « Paul est actif : il siégeait déjà »), and keep « (e) » when nothing is recorded
or « autre » is."""

import pytest

from comite.tui.dialogs.confirm import ConfirmScreen
from comite.tui.screens.person import PersonScreen
from comite.tui.wording import profile_line
from tests.example_store import edit
from tests.tui.conftest import make_app, told, wait_for

AGREED = {"female": ("supprimée", "Elle sera retirée"), "male": ("supprimé", "Il sera retiré"),
          "": ("supprimé(e)", "Il ou elle sera retiré(e)"),
          "other": ("supprimé(e)", "Il ou elle sera retiré(e)")}


def _seated_person(store) -> int:
    """Someone who sits in a committee: their deletion names what they leave."""
    committee = next(iter(store.committees.all())).committee
    return store.memberships.of_committee(committee.id)[0].person_id


@pytest.mark.parametrize("sex", AGREED)
async def test_deleting_a_person_agrees_with_their_recorded_sex(demo_store, sex):
    person = edit(demo_store, _seated_person(demo_store), sex=sex)
    deleted, leaves = AGREED[sex]
    app = make_app(demo_store)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(PersonScreen(person.id))
        await wait_for(pilot, lambda: isinstance(app.screen, PersonScreen))
        await pilot.press("delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        body = " ".join(str(w.render()) for w in app.screen.query(".dialog-body"))
        assert f"{leaves} de :" in body
        await pilot.press("right", "enter")
        await wait_for(pilot, lambda: f"{person.full_name} a été {deleted}." in told(app))


@pytest.mark.parametrize(("sex", "expected"), [
    ("female", "Profil : née en 1958 · Femme · Patiente"),
    ("male", "Profil : né en 1958 · Homme · Patient"),
    ("", "Profil : né(e) en 1958 · Patient(e)"),
    ("other", "Profil : né(e) en 1958 · Autre · Patient(e)"),
])
def test_the_profile_line_agrees_with_the_recorded_sex(example, sex, expected):
    person = edit(example, 1, sex=sex, birth_year=1958, territory="", lived_as="patient")
    assert profile_line(person) == expected
