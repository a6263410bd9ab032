"""`comite report aci`: the ACI evidence pack of a structure's year, by its name or number, into
the exports folder by default, read back; a wrong extension, an unknown or ambiguous structure, a
year cut short refused in French, exit code 2, nothing written."""

from pypdf import PdfReader

from tests.cli.run import in_subprocess


def test_the_pack_written_by_name_and_by_number(tmp_path):
    db = tmp_path / "c.sqlite"
    in_subprocess("demo", "--db", str(db))
    done = in_subprocess("report", "aci", "2026", "--structure", "tilleuls", "--db", str(db))
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    said, path = done.stdout.strip().split(" : ", 1)
    assert path.endswith("aci-2026-msp-des-tilleuls.pdf")
    assert said.startswith("Implication des usagers 2026 (") and "au niveau 2" in said
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Implication des usagers — année 2026" in text and "Comité des usagers" in text
    out = tmp_path / "preuves.pdf"
    again = in_subprocess("report", "aci", "2026", "--structure", "1", "--out", str(out),
                          "--db", str(db))
    assert again.returncode == 0 and out.read_bytes()[:5] == b"%PDF-"


def test_refusals_write_nothing(tmp_path):
    db = tmp_path / "c.sqlite"
    in_subprocess("demo", "--db", str(db))
    for args, said in ((["2026", "--structure", "Tilleuls", "--out", str(tmp_path / "a.txt")],
                        "s’écrit en .pdf"),
                       (["2026", "--structure", "Inconnue"], "Aucune structure ne correspond"),
                       (["2026", "--structure", " de"], "Plusieurs structures"),
                       (["2026", "--structure", "99"], "Aucune structure n° 99"),
                       (["26", "--structure", "Tilleuls"], "par exemple 2026")):
        done = in_subprocess("report", "aci", *args, "--db", str(db))
        assert done.returncode == 2 and said in done.stderr and "Traceback" not in done.stderr, (
            args, done.stderr)
    assert not (tmp_path / "a.txt").exists()
