"""`export_composition`: the CSV and the PDF side by side in the exports folder, or the one
file named; another suffix refused with nothing written."""

from datetime import date

import pytest

from comite.store import Refused, open_store
from comite.store.demo import fill_small
from comite.usecases.composition import export_composition
from comite.usecases.settings import Settings

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(tmp_path):
    store = open_store(tmp_path / "comite.sqlite")
    fill_small(store, TODAY)
    cdu = next(s.committee for s in store.committees.all() if s.committee.name.endswith("(CDU)"))
    yield store, cdu.id
    store.close()


def test_by_default_both_files_go_to_the_exports_folder_named_by_committee_and_day(demo, tmp_path):
    store, cdu = demo
    settings = Settings(exports=str(tmp_path / "exports"))
    written = export_composition(store, settings, cdu, TODAY)
    stem = "composition-commission-des-usagers-cdu-2026-11-23"
    assert written == (tmp_path / "exports" / f"{stem}.csv", tmp_path / "exports" / f"{stem}.pdf")
    assert all(path.stat().st_size > 0 for path in written)


def test_a_named_file_is_written_alone_in_its_format(demo, tmp_path):
    store, cdu = demo
    settings = Settings(exports=str(tmp_path / "exports"))
    assert export_composition(store, settings, cdu, TODAY, tmp_path / "cdu.CSV") == (
        tmp_path / "cdu.CSV",)
    assert (tmp_path / "cdu.CSV").read_bytes().startswith(b"\xef\xbb\xbfComposition du comit")
    assert export_composition(store, settings, cdu, TODAY, tmp_path / "cdu.pdf") == (
        tmp_path / "cdu.pdf",)
    assert (tmp_path / "cdu.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "exports").exists()


def test_another_suffix_is_refused_and_nothing_is_written(demo, tmp_path):
    store, cdu = demo
    with pytest.raises(Refused, match=r"\.csv \(tableur\) ou en \.pdf"):
        export_composition(store, Settings(exports=str(tmp_path / "exports")), cdu, TODAY,
                           tmp_path / "cdu.xlsx")
    assert not (tmp_path / "cdu.xlsx").exists() and not (tmp_path / "exports").exists()
