"""`comite backup` and `comite restore`: an encrypted backup now, a backup put back.

Both open the database themselves: a restore must work when the current base does not.
"""

import argparse
import sys
from pathlib import Path

from comite.kernel.i18n import _
from comite.store import Refused

OK, FAILURE, REFUSED = 0, 1, 2


def add_parser(commands, db: argparse.ArgumentParser) -> None:
    backup = commands.add_parser("backup", parents=[db],
                                 help=_("sauvegarder maintenant la base et ses fichiers, chiffrés"))
    backup.add_argument("--to", type=Path, metavar="DOSSIER",
                        help=_("sinon le dossier des sauvegardes choisi dans les réglages"))
    restore = commands.add_parser("restore", parents=[db],
                                  help=_("remettre en place une sauvegarde (les personnes effacées "
                                         "depuis le restent)"))
    restore.add_argument("file", type=Path, metavar="FICHIER", help=_("la sauvegarde (.zip)"))


def run(db_path: Path, args: argparse.Namespace) -> int:
    if args.command == "backup":
        return _backup(db_path, args.to)
    return _restore(db_path, args.file)


def _backup(db_path: Path, to: Path | None) -> int:
    from comite.kernel.sizes import file_size
    from comite.store import open_store
    from comite.usecases import settings as settings_file
    from comite.usecases.backup import make_backup

    if not db_path.exists():
        print(_("comite : la base {path} n’existe pas : rien à sauvegarder.").format(path=db_path),
              file=sys.stderr)
        return REFUSED
    settings, _warning = settings_file.load()
    store = open_store(db_path, actor=settings_file.audit_actor())
    try:
        written = make_backup(store, settings, _new_or_kept_passphrase(), to=to)
    finally:
        store.close()
    print(_("Sauvegarde écrite : {path} ({size} ; la base et {files}).").format(
        path=written.path, size=file_size(written.size),
        files=_files(written.files)))
    if written.missing:
        from comite.kernel.plural import count, plural

        n = len(written.missing)  # « Introuvables … : 1 fichier cités » did not agree
        print(plural(n, _("{files} cité par la base est introuvable : il n’est pas dans la "
                          "sauvegarde."),
                     _("{files} cités par la base sont introuvables : ils ne sont pas dans la "
                       "sauvegarde.")).format(files=count(n, _("fichier"), _("fichiers"))))
    if written.removed:
        # The rule said whole: a short retention period removes backups « 12 mois » would keep.
        print(_("Rotation : {n} (restent la plus récente de chacun des 7 derniers jours, des 4 "
                "dernières semaines et des 12 derniers mois, aucune plus ancienne que la durée de "
                "conservation des données).").format(n=_backups(len(written.removed))))
    return OK


def _restore(db_path: Path, archive: Path) -> int:
    from comite.kernel.french_dates import day_month_year
    from comite.kernel.plural import count, plural
    from comite.kernel.zones import DEFAULT_ZONE, zone
    from comite.usecases import settings as settings_file
    from comite.usecases.backup_archive import WrongPassphrase
    from comite.usecases.backup_secret import stored
    from comite.usecases.restore import restore_backup

    settings, _warning = settings_file.load()
    passphrase = stored() or _asked(_("Phrase de passe de la sauvegarde : "))
    try:
        restored = restore_backup(archive, db_path, passphrase, settings)
    except WrongPassphrase:
        # The kept passphrase may be an older one: someone at the keyboard may know this one.
        if not sys.stdin.isatty():
            raise
        restored = restore_backup(archive, db_path, _asked(_("Phrase de passe de cette sauvegarde : ")),
                                  settings)
    made = restored.backup_of.astimezone(zone(DEFAULT_ZONE))
    print(_("Sauvegarde du {day} à {time} remise en place : {path}.").format(
        day=day_month_year(made.date()), time=made.strftime("%H:%M"), path=restored.database))
    if restored.aside:
        print(_("La base remplacée est gardée : {path}").format(path=restored.aside))
    if restored.migrated_from:
        print(_("Elle a été mise à jour depuis une version plus ancienne de comite (schéma {n}).")
              .format(n=restored.migrated_from))
    print(_("Fichiers remis en place : {n}.").format(n=restored.files))
    for kept in restored.files_aside:
        print(_("Un fichier différent était à sa place ; il est gardé : {path}").format(path=kept))
    if restored.erased_again:
        print(_("{people} depuis cette sauvegarde {verb} de nouveau.").format(
            people=count(restored.erased_again, _("personne effacée"), _("personnes effacées")),
            verb=plural(restored.erased_again, _("l’est"), _("le sont"))))
    return OK


def _new_or_kept_passphrase() -> str:
    """The passphrase kept (environment, keyring); else chosen now, at the keyboard, and kept."""
    from comite.kernel.errors import FieldError
    from comite.usecases.backup_secret import ENVIRONMENT, checked, keep, stored

    if found := stored():
        return found
    if not sys.stdin.isatty():
        raise Refused(_("Aucune phrase de passe pour chiffrer les sauvegardes : définissez "
                        "{env}, ou lancez « comite backup » dans un terminal pour la choisir.")
                      .format(env=ENVIRONMENT))
    print(_("Choisissez la phrase de passe des sauvegardes. Notez-la sur papier et rangez-la : "
            "sans elle, aucune sauvegarde ne pourra être ouverte."))
    while True:
        try:
            passphrase = checked(_asked(_("Phrase de passe : ")), _asked(_("La même, encore : ")))
            break
        except FieldError as error:
            print(error.message)
    if keep(passphrase):
        print(_("Phrase de passe gardée dans le trousseau du système."))
    else:
        print(_("Le trousseau du système n’est pas disponible : la phrase de passe sera redemandée "
                "(ou définissez {env}).").format(env=ENVIRONMENT))
    return passphrase


def _asked(prompt: str) -> str:
    if not sys.stdin.isatty():
        from comite.usecases.backup_secret import ENVIRONMENT

        raise Refused(_("Aucune phrase de passe : définissez {env} pour ouvrir cette sauvegarde.")
                      .format(env=ENVIRONMENT))
    import getpass

    return getpass.getpass(prompt)


def _files(n: int) -> str:
    from comite.kernel.plural import count

    return count(n, _("fichier"), _("fichiers"))


def _backups(n: int) -> str:
    from comite.kernel.plural import count

    return count(n, _("ancienne sauvegarde supprimée"), _("anciennes sauvegardes supprimées"))
