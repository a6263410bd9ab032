"""Issue 24: the structure's shared calendar (CalDAV) the meetings' dates are published into,
and the folder of each committee's read-only .ics feed. Each field is checked when saved,
refused in French beside itself; a password never crosses a network in clear, never sits in
the address and is never written in settings.toml."""

import tomllib
from dataclasses import asdict, fields, replace

import pytest

from comite.exports.signature import make_certificate
from comite.store.errors import ValidationError
from comite.usecases.settings import (
    FOLDER_EXAMPLES,
    FOLDERS,
    Settings,
    caldav_trusted_certificate,
    calendar_feed_folder,
    calendar_wanted,
    load,
    missing_folders,
    save,
    trusted_certificate,
    validated,
)

CALENDAR = "https://cloud.msp-tilleuls.fr/remote.php/dav/calendars/coordination/comite/"
NOT_AN_ADDRESS = ("Ce n’est pas l’adresse d’un calendrier (exemple : "
                  "https://cloud.example.org/remote.php/dav/calendars/coordination/comite/).")
CLEAR_REFUSED = ("L’adresse commence par https:// : http:// (sans chiffrement) seulement pour "
                 "un serveur sur cet ordinateur (127.0.0.1).")
PASSWORD_INSIDE = ("Ôtez « nom:…@ » de l’adresse : l’identifiant a son champ, et le mot de "
                   "passe ne s’écrit pas dans l’adresse.")
USER_MISSING = "Indiquez l’identifiant du compte de l’agenda : le serveur le demande."


def refusal(**typed: str) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        validated(Settings(**typed))
    return refused.value.errors


def address_refusal(url: str) -> str:
    return refusal(caldav_url=url, caldav_user="claire")["caldav_url"]


def address_kept(url: str) -> str:
    return validated(Settings(caldav_url=url, caldav_user="claire")).caldav_url


@pytest.fixture
def certificate(tmp_path):
    """A real self-signed certificate, as a structure's own server presents one."""
    return make_certificate(tmp_path / "serveur", "MSP des Tilleuls")


def test_by_default_nothing_is_published_and_no_feed_written():
    settings = Settings()
    assert (settings.caldav_url, settings.caldav_user, settings.caldav_certificate,
            settings.feed_folder) == ("", "", "", "")
    assert not calendar_wanted(settings)
    assert not calendar_wanted(Settings(caldav_url="   "))
    assert calendar_wanted(Settings(caldav_url=f" {CALENDAR} "))
    assert calendar_feed_folder(settings) is None
    assert calendar_feed_folder(Settings(feed_folder="  ")) is None
    assert caldav_trusted_certificate(settings) is None
    assert validated(settings) == settings


def test_a_whole_calendar_is_accepted_and_cleaned(certificate, tmp_path):
    typed = validated(Settings(caldav_url=f"  {CALENDAR} ", caldav_user=" claire ",
                               caldav_certificate=f" {certificate.cert} ",
                               feed_folder=f" {tmp_path} "))
    assert (typed.caldav_url, typed.caldav_user, typed.caldav_certificate, typed.feed_folder) == (
        CALENDAR, "claire", str(certificate.cert), str(tmp_path))
    assert caldav_trusted_certificate(typed) == certificate.cert
    assert trusted_certificate(typed) is None, "the mailbox's certificate is its own"
    assert calendar_feed_folder(typed) == tmp_path


@pytest.mark.parametrize(("typed", "kept"), [
    ("https://cloud.msp-tilleuls.fr/remote.php/dav/calendars/coordination/comite",
     CALENDAR),
    ("https://sogo.example.org/SOGo/dav/claire/Calendar/personal/",
     "https://sogo.example.org/SOGo/dav/claire/Calendar/personal/"),
    ("https://cloud.example.org:8443/remote.php/dav/calendars/claire@msp.fr/comite",
     "https://cloud.example.org:8443/remote.php/dav/calendars/claire@msp.fr/comite/"),
    ("HTTPS://Cloud.example.org/dav/comite", "https://Cloud.example.org/dav/comite/"),
])
def test_an_https_address_is_kept_as_a_collection_ending_in_a_slash(typed, kept):
    """A Nextcloud account may be named by its e-mail: « @ » in the path is no password."""
    assert address_kept(typed) == kept


@pytest.mark.parametrize("url", ["http://127.0.0.1:5232/claire/comite/",
                                 "http://[::1]:5232/claire/comite", "http://localhost/comite/",
                                 "http://LocalHost:5232/comite/"])
def test_http_is_accepted_for_a_server_on_this_computer(url):
    assert address_kept(url).endswith("/comite/")


@pytest.mark.parametrize("url", ["http://cloud.msp-tilleuls.fr/remote.php/dav/calendars/c/",
                                 "http://192.168.1.10:5232/comite/",
                                 "http://127.0.0.2/comite/"])
def test_http_is_refused_for_a_server_on_the_network(url):
    assert address_refusal(url) == CLEAR_REFUSED


@pytest.mark.parametrize("url", ["https://claire:secret@cloud.example.org/dav/comite/",
                                 "https://claire@cloud.example.org/dav/comite/",
                                 "http://claire:secret@localhost/comite/"])
def test_an_identifiant_or_a_password_inside_the_address_is_refused(url):
    assert address_refusal(url) == PASSWORD_INSIDE


@pytest.mark.parametrize("url", ["cloud.example.org/remote.php/dav/calendars/c/comite/",
                                 "ftp://cloud.example.org/comite/", "webcal://cloud.example.org/c",
                                 "https://", "https:///comite/", "https://:443/comite/",
                                 "https://cloud.example.org:port/comite/",
                                 "https://cloud.example.org:70000/comite/",
                                 "https://[::1/comite/"])
def test_what_is_no_address_is_refused_with_an_example(url):
    assert address_refusal(url) == NOT_AN_ADDRESS


def test_spaces_invisible_characters_queries_and_length_are_refused():
    spaces = ("Une adresse ne contient ni espace ni caractère invisible : copiez-la telle que le "
              "serveur la donne.")
    assert address_refusal("https://cloud.example.org/mon agenda/") == spaces
    assert address_refusal("https://cloud.example.org/\u200bcomite/") == spaces
    assert address_refusal("https://cloud.example.org/\tcomite/") == spaces
    marks = ("L’adresse d’un calendrier n’a ni « ? » ni « # » : copiez celle que le serveur "
             "donne pour l’agenda (CalDAV).")
    assert address_refusal("https://cloud.example.org/index.php/apps/calendar?view=week") == marks
    assert address_refusal("https://cloud.example.org/comite#semaine") == marks
    assert address_refusal("https://cloud.example.org/comite?") == marks
    start = "https://cloud.example.org/"
    longest = start + "c" * (499 - len(start)) + "/"
    assert len(longest) == 500 and address_kept(longest) == longest
    assert address_refusal(longest + "x") == "Cette adresse est trop longue (500 caractères au plus)."


def test_an_address_without_its_identifiant_is_refused():
    assert refusal(caldav_url=CALENDAR) == {"caldav_user": USER_MISSING}
    assert refusal(caldav_url=CALENDAR, caldav_user="   ") == {"caldav_user": USER_MISSING}
    assert validated(Settings(caldav_user="claire")).caldav_user == "claire", \
        "an identifiant kept while the address is left empty: nothing is published, nothing refused"
    assert "trop long" in refusal(caldav_user="c" * 201)["caldav_user"]


def test_the_certificate_is_checked_as_the_mailboxs_is(certificate, tmp_path):
    """The one check, said beside the calendar's own field."""
    def said(path) -> str:
        return refusal(caldav_certificate=str(path))["caldav_certificate"]

    assert "chemin complet du fichier" in said("serveur.pem")
    assert said(tmp_path / "absent.pem") == "Ce fichier n’existe pas : vérifiez le chemin."
    assert said(tmp_path) == "C’est un dossier, pas un fichier."
    assert "pas un fichier ordinaire" in said("/dev/null")
    assert "n’est pas un certificat au format PEM" in said(certificate.key)
    assert "caractère invisible" in said(f"{certificate.cert}\x00")
    both = refusal(imap_certificate=str(tmp_path / "a.pem"),
                   caldav_certificate=str(tmp_path / "b.pem"))
    assert set(both) == {"imap_certificate", "caldav_certificate"}, "each beside its own field"


def test_a_certificate_under_the_home_folder_is_read_from_there(certificate, tmp_path,
                                                                monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    typed = validated(Settings(caldav_certificate="~/serveur/certificat.pem"))
    assert typed.caldav_certificate == "~/serveur/certificat.pem", "kept as typed, like a folder"
    assert caldav_trusted_certificate(typed) == certificate.cert


def test_a_certificate_or_a_feed_folder_left_as_saved_is_not_checked_again(tmp_path):
    """On an unplugged key: the phone still changes; the publisher says so when it needs it."""
    gone_certificate = str(tmp_path / "cle-usb" / "serveur.pem")
    gone_folder = str(tmp_path / "cle-usb" / "agenda")
    saved = Settings(caldav_certificate=gone_certificate, feed_folder=gone_folder)
    again = validated(replace(saved, coordinator_phone="05 94 00 00 00"), saved=saved)
    assert (again.caldav_certificate, again.feed_folder) == (gone_certificate, gone_folder)
    assert "n’existe pas" in refusal(caldav_certificate=gone_certificate)["caldav_certificate"]
    assert "Ni ce dossier" in refusal(feed_folder=gone_folder)["feed_folder"]


def test_the_feed_folder_is_one_of_the_settings_folders(tmp_path, monkeypatch):
    """Checked as the others are (tests/usecases/test_settings.py goes through FOLDERS), and a
    missing one offered to be created."""
    assert "feed_folder" in FOLDERS and FOLDER_EXAMPLES["feed_folder"] == "~/Nextcloud/agenda-comite"
    assert refusal(feed_folder="agenda")["feed_folder"] == (
        "Indiquez le chemin complet du dossier (exemple : ~/Nextcloud/agenda-comite).")
    monkeypatch.setenv("HOME", str(tmp_path))
    typed = validated(Settings(feed_folder="~/agenda-comite"))
    assert typed.feed_folder == "~/agenda-comite"
    assert calendar_feed_folder(typed) == tmp_path / "agenda-comite"
    assert missing_folders(typed) == [("feed_folder", tmp_path / "agenda-comite")]


def test_the_feed_is_not_written_into_the_inbox(tmp_path):
    """The inbox reads every .ics as a reply, and sets aside what it cannot apply."""
    errors = refusal(inbox=str(tmp_path), feed_folder=str(tmp_path))
    assert errors == {"inbox": "La boîte de réception doit être un dossier à elle : comite met "
                      "de côté ce qu’il y trouve et ne sait pas lire (invitations, exports, "
                      "sauvegardes, flux d’agenda)."}
    validated(Settings(inbox=str(tmp_path / "reponses"), feed_folder=str(tmp_path)))


def test_the_calendar_settings_go_through_settings_toml_and_come_back(certificate, tmp_path,
                                                                      monkeypatch):
    monkeypatch.setenv("COMITE_CALDAV_PASSWORD", "secret-de-l-agenda")
    typed = validated(Settings(caldav_url=CALENDAR.rstrip("/"), caldav_user="claire",
                               caldav_certificate=str(certificate.cert),
                               feed_folder=str(tmp_path)))
    path = save(typed, tmp_path / "settings.toml")
    assert load(path) == (typed, None)
    written = path.read_text(encoding="utf-8")
    raw = tomllib.loads(written)
    assert {k: raw[k] for k in ("caldav_url", "caldav_user", "caldav_certificate",
                                "feed_folder")} == {
        "caldav_url": CALENDAR, "caldav_user": "claire",
        "caldav_certificate": str(certificate.cert), "feed_folder": str(tmp_path)}
    assert set(raw) == {f.name for f in fields(Settings)}, "no other key, no password"
    assert "secret-de-l-agenda" not in written and "password" not in written


def test_a_settings_file_from_before_the_calendar_reads_with_its_defaults(tmp_path):
    import tomli_w

    calendar = ("caldav_url", "caldav_user", "caldav_certificate", "feed_folder")
    older = {k: v for k, v in asdict(Settings(coordinator_name="Claire")).items()
             if k not in calendar}
    (tmp_path / "settings.toml").write_text(tomli_w.dumps(older), encoding="utf-8")
    settings, warning = load(tmp_path / "settings.toml")
    assert warning is None and settings == Settings(coordinator_name="Claire")
    assert not calendar_wanted(settings) and calendar_feed_folder(settings) is None
