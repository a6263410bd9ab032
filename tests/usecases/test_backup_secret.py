"""The backups' passphrase: COMITE_BACKUP_PASSPHRASE first, else the system keyring (a real
keyring backend held in memory), none when neither has one or the keyring fails; a new one at
least 12 characters, typed the same twice."""

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from comite.kernel.errors import FieldError
from comite.usecases import backup_secret
from tests.exports.test_smtp import MemoryKeyring

KEPT = "phrase gardée dans le trousseau"


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.delenv(backup_secret.ENVIRONMENT, raising=False)
    before = keyring.get_keyring()
    secrets: dict[tuple[str, str], str] = {}
    keyring.set_keyring(MemoryKeyring(secrets))
    yield secrets
    keyring.set_keyring(before)


def test_the_environment_wins_over_the_keyring(memory_keyring, monkeypatch):
    assert backup_secret.stored() is None
    assert backup_secret.keep(KEPT)
    assert memory_keyring == {(backup_secret.KEYRING_SERVICE, backup_secret.KEYRING_USER): KEPT}
    assert backup_secret.stored() == KEPT
    monkeypatch.setenv(backup_secret.ENVIRONMENT, "phrase de l’environnement")
    assert backup_secret.stored() == "phrase de l’environnement"


def test_without_a_keyring_there_is_none_and_nothing_breaks(memory_keyring):
    keyring.set_keyring(NoKeyring())
    assert backup_secret.stored() is None
    assert backup_secret.keep(KEPT) is False


@pytest.mark.parametrize(("typed", "again", "field"), [
    ("onze lettre", None, "passphrase"),
    ("douze lettre", "douze lettrE", "confirmation"),
])
def test_a_new_passphrase_too_short_or_typed_differently_is_refused(typed, again, field):
    with pytest.raises(FieldError) as refusal:
        backup_secret.checked(typed, again)
    assert refusal.value.field == field and refusal.value.message.endswith(".")
    assert backup_secret.checked("douze lettre", "douze lettre") == "douze lettre"
