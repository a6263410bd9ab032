"""A character the PDFs cannot draw is refused by the store beside its field (it would print
as an empty box); what they draw, emoji included, is kept as typed."""

import pytest

from comite.store import PersonInput
from comite.store.errors import ValidationError


def test_the_store_refuses_it_beside_the_field_and_writes_nothing(store):
    before = store.people.count()
    with pytest.raises(ValidationError) as refused:
        store.people.create(PersonInput(last_name="Li", first_name="Wei 伟"))
    assert refused.value.errors == {"first_name": (
        "Le caractère « 伟 » (U+4F1F) ne s’imprime pas dans les documents de comite : "
        "retirez-le ou remplacez-le.")}
    assert store.people.count() == before
    kept = store.people.create(PersonInput(last_name="Martin", first_name="Claire 👩"))
    assert kept.first_name == "Claire 👩"


def test_an_invisible_control_is_named_by_its_code_and_not_shown(store):
    with pytest.raises(ValidationError) as refused:
        store.people.create(PersonInput(last_name="Mar\x07tin", first_name="Claire"))
    assert refused.value.errors == {"last_name": (
        "Un caractère invisible (U+0007), venu sans doute d’un copier-coller, ne s’imprime pas "
        "dans les documents de comite : retapez ce texte.")}
