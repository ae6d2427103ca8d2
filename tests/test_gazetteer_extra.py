"""Airports from ``airportsdata`` in the embedded index (real data, real pipeline)."""

from __future__ import annotations

import math

import pytest

from geomap.gazetteer import _build, _extra
from geomap.gazetteer._extra import airport_names

pytest.importorskip("airportsdata")


def _km(a, lat, lon):
    p1, p2 = math.radians(a.latitude), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def test_airport_names_follow_news_usage():
    primary, others = airport_names("Bangui M'Poko International Airport", "Bangui")
    assert primary == "Bangui M'Poko International Airport"
    assert "Bangui M'Poko Airport" in others  # without "International"
    assert "Bangui airport" in others and "Bangui airfield" in others  # the city's airport
    assert "M'Poko airport" in others  # the name without its leading city
    assert "Bangui" not in others and "Bangui M'Poko" not in others  # never a bare name
    assert len({o.casefold() for o in others}) == len(others)
    assert airport_names("Lowell Field", "Anchor Point") == ("Lowell Field", [])
    _, base = airport_names("Shayrat Air Base", "")
    assert "Shayrat airport" in base and "Shayrat air base" not in base  # same as primary


def test_index_holds_airports_with_their_class_code_and_region(gazetteer):
    found = gazetteer.lookup("Shayrat air base")
    assert found and found[0].country_code == "SY"
    base = found[0]
    assert (base.feature_class, base.feature_code) == ("S", "AIRB")
    assert base.admin1_code == gazetteer.lookup("Homs", country_code="SY")[0].admin1_code
    kabul = gazetteer.lookup("Kabul airport")[0]
    assert (kabul.feature_code, kabul.country_code) == ("AIRP", "AF")
    assert _km(kabul, 34.5659, 69.2123) < 5  # the airport's reference point
    assert gazetteer.lookup("Deir ez-Zor airport")[0].country_code == "SY"
    counts = gazetteer.meta["counts"]
    assert counts["extra_AIRP"] > 5000 and counts["extra_AIRF"] > 5000
    assert gazetteer.meta["feature_classes"][gazetteer.meta["feature_codes"].index("AIRB")] == "S"


def test_scheduled_airport_ranks_before_a_strip_of_the_same_name(gazetteer):
    # a private strip in Texas is called "Heathrow Airport"; London's has an IATA code
    first = gazetteer.lookup("Heathrow airport")[0]
    assert (first.name, first.country_code) == ("London Heathrow Airport", "GB")


def test_a_city_keeps_its_name(gazetteer):
    for name in ("Kabul", "Aleppo", "Bangui", "Damascus"):
        found = gazetteer.lookup(name)
        assert found and found[0].feature_class != "S"
        assert all(p.feature_class != "S" for p in found)  # no airport under a bare name


def test_stamp_holds_the_airport_source_version(gazetteer):
    versions = _build.source_versions()
    assert versions["airportsdata"] is not None
    assert gazetteer.meta["sources"]["airportsdata"] == versions["airportsdata"]
    older = {**gazetteer.meta["sources"], "airportsdata": "19990101"}
    assert not _build.stamp_matches({**gazetteer.meta, "sources": older}, versions)
    assert set(_extra.EXTRA_PACKAGES) <= set(versions)


def test_an_airport_in_the_text_resolves_near_its_city(pipeline):
    doc = pipeline.process_text("Explosions were heard at Mezze Airport in Damascus.")
    places = {m.name: m.place for m in doc.mentions if m.place is not None}
    airport = places["Mezze Airport"]
    assert (airport.feature_class, airport.country_code) == ("S", "SY")
    assert _km(airport, places["Damascus"].latitude, places["Damascus"].longitude) < 15
