"""Issue 23: the mailbox the replies are read from (IMAP) is set beside the sending server.
Each field is checked when saved, refused in French beside itself; a password never crosses a
network in clear and is never written in settings.toml."""

import os
import tomllib
from dataclasses import asdict, fields, replace

import pytest

from comite.exports.signature import make_certificate
from comite.store.errors import ValidationError
from comite.usecases.settings import (
    Settings,
    load,
    mailbox_wanted,
    save,
    trusted_certificate,
    validated,
)

REMOTE = "imap.msp-tilleuls.fr"
CLEAR_REFUSED = ("Sans chiffrement, seulement pour un serveur sur cet ordinateur (127.0.0.1) : "
                 "choisissez TLS ou STARTTLS.")


def refusal(**typed: str) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        validated(Settings(**typed))
    return refused.value.errors


def certificate_refusal(path) -> str:
    return refusal(imap_certificate=str(path))["imap_certificate"]


@pytest.fixture
def certificate(tmp_path):
    """A real self-signed certificate, as a structure's own server presents one."""
    return make_certificate(tmp_path / "serveur", "MSP des Tilleuls")


def test_by_default_the_mailbox_is_not_read():
    settings = Settings()
    assert (settings.imap_host, settings.imap_port, settings.imap_user, settings.imap_security,
            settings.imap_folder, settings.imap_certificate) == ("", "993", "", "tls", "INBOX", "")
    assert not mailbox_wanted(settings)
    assert not mailbox_wanted(Settings(imap_host="   "))
    assert mailbox_wanted(Settings(imap_host=f" {REMOTE} "))
    assert validated(settings) == settings


def test_a_whole_mailbox_is_accepted_and_cleaned(certificate):
    typed = validated(Settings(imap_host=f"  {REMOTE} ", imap_port=" 993 ", imap_user=" claire ",
                               imap_security=" TLS ", imap_folder=" INBOX/Réponses comite ",
                               imap_certificate=f" {certificate.cert} "))
    assert (typed.imap_host, typed.imap_port, typed.imap_user, typed.imap_security,
            typed.imap_folder, typed.imap_certificate) == (
        REMOTE, "993", "claire", "tls", "INBOX/Réponses comite", str(certificate.cert))
    assert trusted_certificate(typed) == certificate.cert
    assert trusted_certificate(Settings()) is None


@pytest.mark.parametrize(("security", "port"), [("tls", "993"), ("starttls", "143"),
                                                 ("none", "143")])
def test_an_empty_port_is_the_one_of_the_security_chosen(security, port):
    typed = validated(Settings(imap_host="localhost", imap_user="claire", imap_port="",
                               imap_security=security))
    assert typed.imap_port == port


def test_a_port_of_ones_own_is_kept_and_a_port_that_is_no_number_refused():
    typed = validated(Settings(imap_host=REMOTE, imap_user="claire", imap_port="10993"))
    assert typed.imap_port == "10993"
    for port in ("imap", "0", "70000", "-1"):
        assert refusal(imap_port=port) == {
            "imap_port": "Le port est un nombre : 993 (TLS) ou 143 (STARTTLS) le plus souvent."}


def test_the_port_of_the_other_security_is_refused():
    """STARTTLS spoken to 993 (TLS from the first byte) would wait for a greeting forever."""
    assert "Le port 993 attend TLS" in refusal(imap_security="starttls", imap_port="993")[
        "imap_port"]
    assert "Le port 143 attend STARTTLS" in refusal(imap_security="tls", imap_port="143")[
        "imap_port"]


def test_each_server_says_its_own_refusal_and_smtps_stay_as_they_were():
    errors = refusal(smtp_host="smtp example", smtp_port="x", imap_host="imap/example",
                     imap_port="y", imap_user="claire")
    assert errors == {
        "smtp_host": "Écrivez seulement le nom du serveur (exemple : smtp.example.org).",
        "smtp_port": "Le port est un nombre : 587 (STARTTLS) ou 465 (SSL) le plus souvent.",
        "imap_host": "Écrivez seulement le nom du serveur (exemple : imap.example.org).",
        "imap_port": "Le port est un nombre : 993 (TLS) ou 143 (STARTTLS) le plus souvent.",
    }


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_an_encrypted_connection_is_accepted_for_a_remote_server(security):
    typed = validated(Settings(imap_host=REMOTE, imap_user="claire", imap_port="",
                               imap_security=security))
    assert typed.imap_security == security


def test_no_encryption_is_refused_for_a_server_on_the_network():
    assert refusal(imap_host=REMOTE, imap_user="claire", imap_port="143",
                   imap_security="none") == {"imap_security": CLEAR_REFUSED}
    assert refusal(imap_host="192.168.1.10", imap_user="claire", imap_port="143",
                   imap_security="none") == {"imap_security": CLEAR_REFUSED}


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "LocalHost"])
def test_no_encryption_is_accepted_for_a_server_on_this_computer(host):
    typed = validated(Settings(imap_host=host, imap_user="claire", imap_port="1143",
                               imap_security="none"))
    assert typed.imap_security == "none" and typed.imap_port == "1143"


def test_a_security_the_form_does_not_offer_is_refused():
    """A settings.toml written by hand: « ssl » is the sending server's word, not this one's."""
    assert refusal(imap_security="ssl") == {"imap_security": "Choisissez tls, starttls ou none."}


def test_a_server_without_its_identifiant_is_refused():
    assert refusal(imap_host=REMOTE) == {"imap_user": "Indiquez l’identifiant de votre "
                                         "messagerie : le serveur de réception le demande."}
    assert refusal(imap_host=REMOTE, imap_user="   ")["imap_user"].startswith("Indiquez")
    assert validated(Settings(imap_user="claire")).imap_user == "claire", \
        "an identifiant kept while the server is left empty: nothing is read, nothing refused"


def test_the_folder_read_is_inbox_unless_told():
    assert validated(Settings(imap_folder="   ")).imap_folder == "INBOX"
    assert validated(Settings(imap_folder="Réponses.comite")).imap_folder == "Réponses.comite"
    assert "caractère invisible" in refusal(imap_folder="INBOX\x00")["imap_folder"]
    assert "caractère invisible" in refusal(imap_folder="IN\u200bBOX")["imap_folder"]
    assert "trop long (200 caractères au plus)" in refusal(imap_folder="x" * 201)["imap_folder"]
    assert validated(Settings(imap_folder="x" * 200)).imap_folder == "x" * 200


def test_a_certificate_under_the_home_folder_is_read_from_there(certificate, tmp_path,
                                                                monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    typed = validated(Settings(imap_certificate="~/serveur/certificat.pem"))
    assert typed.imap_certificate == "~/serveur/certificat.pem", "kept as typed, like a folder"
    assert trusted_certificate(typed) == certificate.cert


def test_a_certificate_that_is_not_a_readable_pem_file_is_refused(certificate, tmp_path):
    assert "chemin complet du fichier" in certificate_refusal("serveur.pem")
    assert certificate_refusal(tmp_path / "absent.pem") == ("Ce fichier n’existe pas : vérifiez "
                                                            "le chemin.")
    assert certificate_refusal(tmp_path) == "C’est un dossier, pas un fichier."
    assert "pas un fichier ordinaire" in certificate_refusal("/dev/null")
    not_pem = "n’est pas un certificat au format PEM"
    assert not_pem in certificate_refusal(certificate.key), "a key is no certificate"
    (tmp_path / "vide.pem").write_bytes(b"")
    assert not_pem in certificate_refusal(tmp_path / "vide.pem")
    (tmp_path / "notes.txt").write_text("le certificat est sur la clé", encoding="utf-8")
    assert not_pem in certificate_refusal(tmp_path / "notes.txt")
    assert "caractère invisible" in certificate_refusal(f"{certificate.cert}\x00")


def test_a_certificate_that_cannot_be_read_is_refused(certificate, monkeypatch):
    certificate.cert.chmod(0)
    if os.geteuid() == 0:  # root reads every file: the system answers as for anyone else
        monkeypatch.setattr(os, "access", lambda path, mode: False)
    assert refusal(imap_certificate=str(certificate.cert)) == {
        "imap_certificate": "Ce fichier ne peut pas être lu : vérifiez ses droits."}


def test_a_certificate_left_as_saved_is_not_checked_again(tmp_path):
    """Like a folder: a certificate on an unplugged key does not stop the phone from changing."""
    gone = str(tmp_path / "cle-usb" / "serveur.pem")
    saved = Settings(imap_certificate=gone)
    again = validated(replace(saved, coordinator_phone="05 94 00 00 00"), saved=saved)
    assert again.imap_certificate == gone and again.coordinator_phone == "05 94 00 00 00"
    assert "n’existe pas" in certificate_refusal(gone)


def test_the_mailbox_settings_go_through_settings_toml_and_come_back(certificate, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setenv("COMITE_IMAP_PASSWORD", "secret-de-la-messagerie")
    typed = validated(Settings(imap_host=REMOTE, imap_port="", imap_user="claire",
                               imap_security="starttls", imap_folder="INBOX/comite",
                               imap_certificate=str(certificate.cert)))
    path = save(typed, tmp_path / "settings.toml")
    assert load(path) == (typed, None)
    written = path.read_text(encoding="utf-8")
    raw = tomllib.loads(written)
    assert {k: v for k, v in raw.items() if k.startswith("imap_")} == {
        "imap_host": REMOTE, "imap_port": "143", "imap_user": "claire",
        "imap_security": "starttls", "imap_folder": "INBOX/comite",
        "imap_certificate": str(certificate.cert)}
    assert set(raw) == {f.name for f in fields(Settings)}, "no other key, no password"
    assert "secret-de-la-messagerie" not in written and "password" not in written


def test_a_settings_file_from_before_the_mailbox_reads_with_its_defaults(tmp_path):
    import tomli_w

    older = {k: v for k, v in asdict(Settings(coordinator_name="Claire")).items()
             if not k.startswith("imap_")}
    (tmp_path / "settings.toml").write_text(tomli_w.dumps(older), encoding="utf-8")
    settings, warning = load(tmp_path / "settings.toml")
    assert warning is None and settings == Settings(coordinator_name="Claire")
    assert not mailbox_wanted(settings)


def test_the_home_of_nobody_is_refused_not_a_crash():
    """« ~nom » names another person's home folder: one unknown here stopped the check (and
    the app) with pathlib's RuntimeError. The folders had the fault before the certificate."""
    nobody = "~personne-inconnue-ici"
    assert "chemin complet du fichier" in certificate_refusal(f"{nobody}/serveur.pem")
    assert "chemin complet du dossier" in refusal(outbox=f"{nobody}/envoi")["outbox"]
    assert trusted_certificate(Settings(imap_certificate=f"{nobody}/serveur.pem")) is not None


@pytest.mark.parametrize(("smtp", "imap", "read"), [
    ("SSL", "TLS", ("ssl", "tls")),
    (" StartTLS ", "STARTTLS", ("starttls", "starttls")),
    ("tsl", "ssl", ("starttls", "tls")),  # a typo, the other server's word: encrypted
    ("", "", ("starttls", "tls")),
    ("None", "NONE", ("none", "none")),  # said, not slipped in: the reader still asks the host
])
def test_a_security_written_by_hand_is_read_as_the_servers_code_knows_it(tmp_path, smtp, imap,
                                                                          read):
    """The sender and the mailbox's reader connect in clear on any word but their own: a
    capital or a typo in settings.toml must not send a password in clear."""
    import tomli_w

    path = tmp_path / "settings.toml"
    path.write_text(tomli_w.dumps({"smtp_security": smtp, "imap_security": imap}),
                    encoding="utf-8")
    settings, warning = load(path)
    assert warning is None and (settings.smtp_security, settings.imap_security) == read
