"""Why the system refused, said in French: its own words (strerror) are English and reached
people in toasts and on the command line."""

import errno

from comite.kernel.errors import system_reason
from tests.cli.run import in_subprocess


def test_the_common_refusals_have_their_french_words():
    assert system_reason(OSError(errno.ENOSPC, "No space left on device")) == "le disque est plein"
    assert system_reason(PermissionError(errno.EACCES, "Permission denied")) == (
        "l’accès est refusé (droits du dossier)")
    assert system_reason(OSError(errno.EROFS, "Read-only file system")) == (
        "le disque est en lecture seule")
    assert system_reason(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")) == (
        "le serveur refuse la connexion")
    assert system_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == (
        f"erreur du système (n° {errno.EXDEV})")


def test_the_command_line_says_a_disk_error_in_french(tmp_path, demo_db):
    """A file where the output folder should be: refused in French, no English, no traceback."""
    from comite.usecases.settings import Settings, save

    save(Settings(coordinator_name="Claire Martin", coordinator_email="coordination@example.org"))
    blocker = tmp_path / "envoi"
    blocker.write_text("un fichier, pas un dossier")
    result = in_subprocess("export", "convocations", "Prochain comité des usagers",
                           "--out", str(blocker / "c.pdf"), "--db", str(demo_db))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr == (f"comite : impossible d’écrire dans {blocker} : un fichier du même "
                             "nom est déjà là. Rien n’a été enregistré dans la base.\n")
