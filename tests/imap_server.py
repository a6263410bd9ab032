"""A real IMAP server on 127.0.0.1 for the tests that read the coordinator's mailbox: pymap's
in-memory backend (IMAP4rev1 with IDLE, MOVE, UIDPLUS), run on an event loop of its own thread,
one per test, stopped after it. `imap_server` is given to every test by tests/conftest.py.

What the tests look at on the server (UIDs, flags, folders) is read with the standard library's
imaplib, a client written apart from the one comite uses (imapclient).
"""

import asyncio
import imaplib
import re
import ssl
import threading
from argparse import Namespace
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

USER = "coordination@example.org"
PASSWORD = "mot de passe de test"


class ImapServer:
    """pymap on 127.0.0.1: `stop()` closes the port and drops every open connection (a server
    gone mid-session), `start()` opens it again on the same port with the same mailboxes."""

    def __init__(self, *, idle: bool = True, tls: ssl.SSLContext | None = None,
                 starttls: ssl.SSLContext | None = None) -> None:
        self.idle = idle
        self.tls = tls
        self.starttls = starttls
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="imap-server",
                                        daemon=True)
        self._thread.start()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._callback = self._run(self._prepare())

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(30)

    async def _prepare(self):
        from proxyprotocol.reader import ProxyProtocolReader
        from pymap.backend.dict import DictBackend
        from pymap.backend.dict.filter import FilterSet
        from pymap.backend.dict.mailbox import MailboxSet
        from pymap.imap import IMAPServer

        args = Namespace(host="127.0.0.1", port=0, debug=False, cert=None, key=None,
                         tls=self.starttls is not None, passlib_cfg=None, proxy_protocol=None,
                         inherited_sockets=None, demo_data=False, demo_user=USER,
                         demo_password=PASSWORD)
        overrides = {"invalid_user_sleep": 0.0, "reject_dnsbl": False,
                     "disable_idle": not self.idle, "secure_auth": False}
        if self.starttls is not None:
            overrides["ssl_context"] = self.starttls
        backend, config = await DictBackend.init(args, **overrides)
        config.apply_context()
        self._mailboxes = MailboxSet()
        config.set_cache[USER] = (self._mailboxes, FilterSet())
        server = IMAPServer(backend.login, config)

        # The connection runs as a task of its own once the PROXY header is read: tracked there.
        async def tracked(reader, writer, sock_info):
            self._writers.add(writer)
            try:
                await server(reader, writer, sock_info)
            finally:
                self._writers.discard(writer)

        return ProxyProtocolReader(config.proxy_protocol).get_callback(tracked)

    def start(self) -> "ImapServer":
        async def listen():
            self._server = await asyncio.start_server(self._callback, "127.0.0.1", self.port,
                                                      ssl=self.tls, reuse_address=True)
            self.port = self._server.sockets[0].getsockname()[1]

        self._run(listen())
        return self

    def stop(self) -> None:
        async def close():
            if self._server is not None:
                self._server.close()
                self._server = None
            for writer in list(self._writers):
                writer.transport.abort()

        self._run(close())

    def shut(self) -> None:
        self.stop()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    # ---- what the tests do and look at, through imaplib ----------------------------------

    @contextmanager
    def client(self) -> Iterator[imaplib.IMAP4]:
        if self.tls is not None:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            connection = imaplib.IMAP4_SSL("127.0.0.1", self.port, ssl_context=context, timeout=10)
        else:
            connection = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        try:
            connection.login(USER, PASSWORD)
            yield connection
        finally:
            with suppress(OSError, imaplib.IMAP4.error):
                connection.logout()

    def append(self, raw: bytes, folder: str = "INBOX", flags: str = "") -> None:
        with self.client() as connection:
            typ, _data = connection.append(_quoted(folder), f"({flags})" if flags else None,
                                           None, raw)
            assert typ == "OK"

    def append_many(self, messages: list[bytes]) -> None:
        """Straight into the server's INBOX, as a flood arrives (APPEND one by one takes ~50 ms
        each on pymap): the server tells its clients of them as of any new message."""
        from pymap.parsing.message import AppendMessage

        async def append():
            inbox = await self._mailboxes.get_mailbox("INBOX")
            for raw in messages:
                await inbox.append(AppendMessage(raw), recent=True)

        self._run(append())

    def folders(self) -> set[str]:
        with self.client() as connection:
            _typ, lines = connection.list()
        return {_folder_name(line) for line in lines if line}

    def messages(self, folder: str = "INBOX") -> dict[int, tuple[frozenset[str], bytes]]:
        """UID → (flags but \\Recent, whole message), read without changing anything."""
        with self.client() as connection:
            typ, _data = connection.select(_quoted(folder), readonly=True)
            if typ != "OK":
                return {}
            _typ, lines = connection.uid("FETCH", "1:*", "(FLAGS)")
            found = {}
            for line in lines:
                if not line:
                    continue
                uid = int(re.search(rb"UID (\d+)", line).group(1))
                flags = re.search(rb"FLAGS \(([^)]*)\)", line).group(1).decode().split()
                _typ, body = connection.uid("FETCH", str(uid), "(BODY.PEEK[])")
                whole = next(item[1] for item in body if isinstance(item, tuple))
                found[uid] = (frozenset(flag for flag in flags if flag != "\\Recent"), whole)
        return found


def _quoted(folder: str) -> str:
    from imapclient.imap_utf7 import encode

    return '"' + encode(folder).decode("ascii") + '"'


def _folder_name(line: bytes) -> str:
    from imapclient.imap_utf7 import decode

    name = re.match(rb'\([^)]*\) (?:"[^"]*"|NIL) (.*)$', line).group(1)
    return decode(name.strip(b'"'))


@pytest.fixture
def imap_server():
    """`imap_server(idle=True, tls=None, starttls=None)`: a started server; every one is shut
    after the test."""
    started: list[ImapServer] = []

    def start(**options) -> ImapServer:
        server = ImapServer(**options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.shut()


def self_signed(folder: Path) -> tuple[Path, ssl.SSLContext]:
    """A certificate for 127.0.0.1 that no authority signed (a structure's own server): its PEM
    file, to trust or not, and the server's TLS context."""
    from datetime import UTC, datetime, timedelta
    from ipaddress import IPv4Address

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "imap.msp-test.invalid")])
    now = datetime.now(UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=30))
                   .add_extension(x509.SubjectAlternativeName([
                       x509.IPAddress(IPv4Address("127.0.0.1")), x509.DNSName("localhost")]),
                       critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    pem, private = folder / "serveur-imap.pem", folder / "serveur-imap.key"
    pem.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pem, private)
    return pem, context
