"""A system keyring for tests: a real `keyring` backend that keeps its secrets in a dict, set
with `keyring.set_keyring` for one test (the `restore_keyring` fixture of tests/conftest.py
puts the machine's back)."""

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self, secrets: dict[tuple[str, str], str] | None = None) -> None:
        super().__init__()
        self.secrets = {} if secrets is None else secrets

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[service, username] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)

