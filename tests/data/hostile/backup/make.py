"""Make the hostile backups of this folder again: `.venv/bin/python tests/data/hostile/backup/make.py`.

Each is what someone — or a broken copy — could hand to `comite restore`; README.md says what
each must give. They are written here with pyzipper and json by hand, not with comite's own
writer, so that a manifest can say what comite never would. The encrypted ones use PASSPHRASE
(tests/usecases/test_backup_hostile.py restores them with it). pyzipper draws a new salt at
every run: the bytes change, what they hold does not.
"""

import hashlib
import json
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

import pyzipper

HERE = Path(__file__).resolve().parent
PASSPHRASE = "phrase de passe des fichiers hostiles"
OUTSIDE = "/tmp/comite-sauvegarde-hostile/hors-du-dossier.txt"
CREATED_AT = "2026-11-23T07:00:00+00:00"
EVIL = "Ce fichier ne devait jamais être écrit.\n".encode()


def comite_base(folder: Path, user_version: int | None = None) -> bytes:
    """A small real comite base (today's schema, one person), or one that says another version."""
    from comite.store import PersonInput, open_store

    path = folder / "base.sqlite"
    store = open_store(path)
    try:
        store.people.create(PersonInput(last_name="Dupont", first_name="Jeanne"))
    finally:
        store.close()
    conn = sqlite3.connect(path, isolation_level=None)
    if user_version is not None:
        conn.execute(f"PRAGMA user_version = {user_version}")
    conn.execute("VACUUM")
    conn.close()
    data = path.read_bytes()
    path.unlink()
    return data


def other_application(folder: Path) -> bytes:
    path = folder / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT)")
    conn.execute("INSERT INTO moz_places (url, title) VALUES ('https://example.org', 'Accueil')")
    conn.commit()
    conn.close()
    return path.read_bytes()


def manifest(database: bytes, files: list[dict], schema: int) -> bytes:
    return json.dumps({
        "format": 1, "created_at": CREATED_AT, "schema": schema, "data_dir": "/home/ancien/comite",
        "database": {"entry": "comite.sqlite", "sha256": hashlib.sha256(database).hexdigest(),
                     "size": len(database)},
        "files": files}, ensure_ascii=False, indent=1).encode()


def a_file(entry: str, root: str, path: str, data: bytes, sha256: str | None = None) -> dict:
    return {"entry": entry, "root": root, "path": path,
            "sha256": sha256 or hashlib.sha256(data).hexdigest(), "size": len(data)}


def encrypted(name: str, entries: list[tuple[str, bytes]], passphrase: str = PASSPHRASE) -> None:
    with pyzipper.AESZipFile(HERE / name, "w", compression=pyzipper.ZIP_DEFLATED,
                             encryption=pyzipper.WZ_AES) as archive:
        archive.setpassword(passphrase.encode())
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        for entry, data in entries:
            archive.writestr(entry, data)


def backup(name: str, database: bytes, *, path: str = "formations/attestation.txt", root: str = "donnees",
           entry: str = "fichiers/0001.txt", sha256: str | None = None, schema: int = 11,
           passphrase: str = PASSPHRASE) -> None:
    """An encrypted backup as comite lays one out, with one file to put back where `path` says."""
    listed = a_file(entry, root, path, EVIL, sha256)
    encrypted(name, [("comite.sqlite", database), (entry, EVIL),
                     ("manifest.json", manifest(database, [listed], schema))], passphrase)


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        base = comite_base(Path(scratch))
        newer = comite_base(Path(scratch), user_version=99)
        other = other_application(Path(scratch))
    (HERE / "pas-un-zip.zip").write_text("Compte rendu de la réunion du 12 mars : trois points.\n",
                                         encoding="utf-8")
    (HERE / "vide.zip").write_bytes(b"")
    with zipfile.ZipFile(HERE / "non-chiffree.zip", "w", zipfile.ZIP_DEFLATED) as plain:
        plain.writestr("comite.sqlite", base)
        plain.writestr("manifest.json", manifest(base, [], 11))
    encrypted("sans-manifeste.zip", [("comite.sqlite", base)])
    backup("autre-phrase.zip", base, passphrase="une phrase que personne ne donnera")
    backup("chemin-remontant.zip", base, path="../../hors-du-dossier.txt")
    backup("chemin-remontant-envoi.zip", base, root="envoi", path="reunion/../../../hors-du-dossier.txt")
    backup("chemin-absolu.zip", base, path=OUTSIDE)
    backup("antislash.zip", base, path="..\\..\\hors-du-dossier.txt")
    backup("entree-remontante.zip", base, entry="../../hors-du-dossier.txt")
    backup("vise-la-base.zip", base, path="comite.sqlite")
    backup("vise-le-registre.zip", base, path="effacements.txt")
    backup("vise-les-modeles.zip", base, path="modeles-charte/charte.md")
    backup("racine-inconnue.zip", base, root="maison", path="hors-du-dossier.txt")
    backup("empreinte-fausse.zip", base, sha256=hashlib.sha256(b"autre chose").hexdigest())
    backup("schema-futur.zip", base, schema=99)
    backup("base-plus-recente.zip", newer)
    backup("autre-application.zip", other)
    backup("base-illisible.zip", "Notes de réunion, pas une base.\n".encode() * 40)
    whole = (HERE / "empreinte-fausse.zip").read_bytes()
    backup("tronquee.zip", base)
    (HERE / "tronquee.zip").write_bytes((HERE / "tronquee.zip").read_bytes()[: len(whole) // 2])
    print(f"{len(list(HERE.glob('*.zip')))} archives written in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
