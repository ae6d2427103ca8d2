"""Your own places (``--places``, ``Pipeline(places=...)``): files, precedence, ``why``, errors."""

from __future__ import annotations

import json

import pytest

from geomap.errors import InputError
from geomap.gazetteer import LayeredGazetteer, OwnPlacesGazetteer, backends
from geomap.gazetteer.own_places import OWN_PLACE_POPULATION, read_places

CSV = (
    "name,alternate_names,lat,lon,kind,country\n"
    "Kakuma,Kakuma Camp|Kakuma refugee camp,3.7167,34.8667,camp,KE\n"
    "Eastleigh,,-1.2746,36.8510,neighbourhood,KE\n"
    "Paris,,0.5,35.1,village,KE\n"
    "Zaatari,Za'atari,32.2950,36.3236,camp,JO\n"
)


@pytest.fixture
def camps(tmp_path):
    path = tmp_path / "camps.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_csv_places(camps):
    own = OwnPlacesGazetteer(camps)
    assert len(own) == 4 and {"own-places", "layered"} <= set(backends())
    kakuma = own.lookup("Kakuma refugee camp")[0]
    assert (kakuma.name, kakuma.feature_class, kakuma.feature_code) == ("Kakuma", "S", "CMPRF")
    assert kakuma.geonameid is None and kakuma.country_code == "KE"
    assert kakuma.source == "own places: camps.csv"
    assert kakuma.population == OWN_PLACE_POPULATION
    assert own.lookup("eastleigh")[0].feature_code == "PPLX"
    assert own.lookup("Kakuma", country_code="UG") == []


def test_geojson_places_with_polygons(tmp_path):
    square = [[[36.0, -1.0], [36.2, -1.0], [36.2, -1.2], [36.0, -1.2], [36.0, -1.0]]]
    data = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": "Block 9", "kind": "district", "country": "ke"},
                "geometry": {"type": "Polygon", "coordinates": square},
            },
            {
                "type": "Feature",
                "properties": {"name": "Gate 4", "alternate_names": "North Gate|Gate IV"},
                "geometry": {"type": "Point", "coordinates": [36.5, -1.5]},
            },
        ],
    }
    path = tmp_path / "sites.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    own = OwnPlacesGazetteer(path)
    block = own.lookup("Block 9")[0]
    assert block.feature_code == "ADM2" and block.country_code == "KE"
    assert -1.2 < block.latitude < -1.0 and 36.0 < block.longitude < 36.2  # inside the polygon
    gate = own.lookup("Gate IV")[0]
    assert (gate.latitude, gate.longitude, gate.feature_code) == (-1.5, 36.5, "LCTY")


def test_geopackage_places(tmp_path):
    import geopandas as gpd
    from shapely.geometry import Point

    frame = gpd.GeoDataFrame(
        {"name": ["Checkpoint Alpha"], "kind": ["checkpoint"], "country": ["SO"]},
        geometry=[Point(45.3, 2.05)],
        crs=4326,
    )
    path = tmp_path / "checkpoints.gpkg"
    frame.to_file(path, driver="GPKG")
    place = OwnPlacesGazetteer(path).lookup("Checkpoint Alpha")[0]
    assert (place.feature_code, place.country_code, place.latitude) == ("PSTB", "SO", 2.05)
    assert place.source == "own places: checkpoints.gpkg"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "name,lat,lon\nKakuma,3.7,34.8\nDadaab,north,40.3\n",
            r"bad\.csv:3: lat/lon must be numbers",
        ),
        ("name,lat,lon\nKakuma,95,34.8\n", r"bad\.csv:2: lat/lon out of range"),
        ("name,lat,lon,country\nKakuma,3.7,34.8,Kenya\n", r"bad\.csv:2: country must be an ISO"),
        ("name,lat,lon\n,3.7,34.8\n", r"bad\.csv:2: empty name"),
        ("name,latitude,lon\nKakuma,3.7,34.8\n", r"bad\.csv:1: missing column\(s\) lat"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_places(path)


def test_bad_geojson_feature_is_named(tmp_path):
    path = tmp_path / "bad.geojson"
    feature = {"type": "Feature", "properties": {"name": "X"}, "geometry": None}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    with pytest.raises(InputError, match=r"bad\.geojson: feature 1: no geometry"):
        read_places(path)
    with pytest.raises(InputError, match=r"places\.xlsx: a places file is \.csv"):
        (tmp_path / "places.xlsx").write_bytes(b"x")
        read_places(tmp_path / "places.xlsx")


def test_precedence_and_why(camps, pipeline):
    from geomap.pipeline import Pipeline

    own = Pipeline(gazetteer=pipeline.gazetteer, nlp=pipeline.nlp, places=camps)
    assert isinstance(own.gazetteer, LayeredGazetteer)
    doc = own.process_text(
        "Police raided shops in Eastleigh, Nairobi, on Friday.", date="2024-02-02"
    )
    found = {m.name: m for m in doc.mentions}
    eastleigh = found["Eastleigh"]
    assert eastleigh.place.source == "own places: camps.csv"
    assert eastleigh.place.country_code == "KE"  # not Eastleigh, England
    assert "own places: camps.csv" in eastleigh.why
    assert found["Nairobi"].place.geonameid == 184745  # other names still from GeoNames
    # "Paris" is one of your places: it takes precedence over the capital of France
    paris = own.process_text("Protesters marched in Paris on Monday.", date="2024-02-02")
    assert paris.mentions[0].place.source == "own places: camps.csv"
    plain = pipeline.process_text("Protesters marched in Paris on Monday.", date="2024-02-02")
    assert plain.mentions[0].place.country_code == "FR"
    # the model labels "Zaatari" a person here; a name you listed is still a place
    aid = own.process_text("Aid reached the Zaatari camp in Jordan.", date="2024-02-02")
    zaatari = next(m for m in aid.mentions if m.name == "Zaatari")
    assert zaatari.place.source == "own places: camps.csv"
    assert "kind 1.00" in zaatari.why  # "camp" after the name cues a camp


def test_events_and_mentions_tables(camps, pipeline):
    import pandas as pd

    from geomap.join import events_frame, mentions_frame
    from geomap.pipeline import Pipeline

    own = Pipeline(gazetteer=pipeline.gazetteer, nlp=pipeline.nlp, places=[camps])
    doc = own.process_text(
        "Clashes broke out in Kakuma refugee camp in northern Kenya on Monday.", date="2024-03-04"
    )
    events = events_frame([doc])
    row = events[events["location"] == "Kakuma"].iloc[0]
    assert pd.isna(row["geonameid"])  # empty
    assert (round(row.geometry.y, 4), round(row.geometry.x, 4)) == (3.7167, 34.8667)
    mentions = mentions_frame([doc])
    kakuma = mentions[mentions["location"] == "Kakuma"].iloc[0]
    assert "own places: camps.csv" in kakuma["why"]


def test_cli_places_option(camps, tmp_path):
    import pandas as pd

    from geomap.cli import EXIT_ERROR, EXIT_OK, main

    text = tmp_path / "news.txt"
    text.write_text("Clashes broke out in Kakuma refugee camp in Kenya on 4 March 2024.\n")
    out, mentions = tmp_path / "events.csv", tmp_path / "mentions.csv"
    args = ["extract", str(text), "-o", str(out), "--mentions", str(mentions), "--quiet"]
    assert main([*args, "--places", str(camps)]) == EXIT_OK
    table = pd.read_csv(mentions)
    row = table[table["location"] == "Kakuma"].iloc[0]
    assert pd.isna(row["geonameid"]) and "own places: camps.csv" in row["why"]
    bad = tmp_path / "broken.csv"
    bad.write_text("name,lat,lon\nKakuma,3.7,east\n")
    out2 = tmp_path / "events2.csv"
    args2 = ["extract", str(text), "-o", str(out2), "--quiet", "--places", str(bad)]
    assert main(args2) == EXIT_ERROR
    assert not out2.exists()  # refused before any work
