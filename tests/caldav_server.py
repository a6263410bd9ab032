"""A real CalDAV server on 127.0.0.1 for the tests that publish to the shared calendar:
Radicale (GPL-3.0, a test dependency only, never shipped), its WSGI application served by the
standard library on a thread of its own, its collections in the test's folder; one per test,
stopped after it. `caldav_server` is given to every test by tests/conftest.py.

What the tests look at on the server (objects, ETags) is read with plain HTTP (urllib), not
through comite's client."""

import base64
import re
import socketserver
import threading
import urllib.error
import urllib.request
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

USER = "coordination"
PASSWORD = "mot de passe agenda"
CALENDAR = f"/{USER}/comite/"


class _Threaded(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # the test's output is not the server's log
        pass


class CaldavServer:
    def __init__(self, folder: Path, tls=None) -> None:
        from radicale import Application, config

        self.tls = tls  # an ssl.SSLContext for https (tests/imap_server.self_signed)
        users = folder / "users"
        users.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
        configuration = config.load()
        configuration.update({
            "auth": {"type": "htpasswd", "htpasswd_filename": str(users),
                     "htpasswd_encryption": "plain"},
            "storage": {"filesystem_folder": str(folder / "collections")},
            "rights": {"type": "owner_only"},
            "logging": {"level": "warning", "mask_passwords": "True"},
        }, "test", privileged=True)
        self._application = Application(configuration)
        self.port = 0
        self._server: _Threaded | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}{CALENDAR}"

    def start(self) -> "CaldavServer":
        self._server = make_server("127.0.0.1", self.port, self._application,
                                   server_class=_Threaded, handler_class=_Quiet)
        self.port = self._server.server_address[1]
        if self.tls is not None:
            self._server.socket = self.tls.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, name="caldav-server",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # ---- what the tests do and look at -------------------------------------------------

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None) -> tuple[int, dict, bytes]:
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        scheme = "https" if self.tls else "http"
        request = urllib.request.Request(f"{scheme}://127.0.0.1:{self.port}{path}", data=body,
                                         method=method, headers={"Authorization": f"Basic {token}",
                                                                 **(headers or {})})
        context = None
        if self.tls is not None:  # the tests' own look at the server: no verification needed
            import ssl

            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        try:
            with urllib.request.urlopen(request, timeout=10, context=context) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def make_calendar(self) -> None:
        body = (b'<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" '
                b'xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>'
                b"Agenda de la MSP</D:displayname></D:prop></D:set></C:mkcalendar>")
        status, _headers, _body = self.request("MKCALENDAR", CALENDAR, body,
                                               {"Content-Type": "application/xml"})
        assert status == 201, status

    def objects(self) -> dict[str, bytes]:
        """Every object of the calendar: name → body."""
        status, _headers, body = self.request(
            "PROPFIND", CALENDAR, b'<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop>'
            b"<D:getetag/></D:prop></D:propfind>", {"Depth": "1", "Content-Type": "application/xml"})
        assert status == 207, status
        names = [href.rsplit(b"/", 1)[-1].decode() for href in re.findall(
            rb"<(?:D:)?href>([^<]+\.ics)</(?:D:)?href>", body)]
        return {name: self.request("GET", CALENDAR + name)[2] for name in names}


@pytest.fixture
def caldav_server(tmp_path):
    """`caldav_server(tls=None)`: a started Radicale with an empty calendar (https with an
    ssl.SSLContext); stopped after the test."""
    started: list[CaldavServer] = []

    def start(tls=None) -> CaldavServer:
        folder = tmp_path / f"radicale-{len(started)}"
        folder.mkdir()
        server = CaldavServer(folder, tls).start()
        server.make_calendar()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
