"""geomap.export: round trips of the four formats, atomic writes, errors, save_map."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal
from pandas.testing import assert_series_equal

from geomap.errors import ExportError, InputError, InputNotFoundError
from geomap.export import SUPPORTED_EXTENSIONS, read_events, save_map, write_events
from geomap.maps import make_map, map_html
from geomap.schema import COLUMNS, empty_events, validate_events

FORMATS = [".geojson", ".gpkg", ".parquet", ".csv"]


def _listing(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("ext", FORMATS)
def test_round_trip(kz_events, tmp_path, ext):
    path = write_events(kz_events, tmp_path / f"events{ext}")
    back = read_events(path)
    assert_geodataframe_equal(back, kz_events, check_less_precise=False)
    assert list(back.columns) == [*COLUMNS, "geometry"]
    assert back["fatalities"].dtype == "Int64" and back["geonameid"].dtype == "Int64"
    assert back["event_date"].dtype == "datetime64[ms]"
    assert back["event_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2022-01-05",
        "2022-01-06",
        "2022-01-05",
        "2022-01-07",
    ]
    assert back.crs.to_epsg() == 4326
    validate_events(back)


@pytest.mark.parametrize("ext", FORMATS)
def test_round_trip_of_an_empty_table(tmp_path, ext):
    empty = empty_events()
    assert_geodataframe_equal(read_events(write_events(empty, tmp_path / f"e{ext}")), empty)


@pytest.mark.parametrize("ext", FORMATS)
def test_awkward_values_survive(events_factory, tmp_path, ext):
    frame = events_factory(
        [
            {
                "event_id": "001",
                "location": "Nan",  # Nan province, Thailand
                "country": "Namibia",
                "country_code": "NA",
                "latitude": 0.1 + 0.2,
                "longitude": -179.99999999999997,
                "notes": 'Line one,\nline "two"; NULL, null, None — «Алматы» ${x} \\ é',
                "actor1": "",
                "geonameid": 2**40,
                "fatalities": 0,
                "confidence": 1 / 3,
            },
        ]
    )
    back = read_events(write_events(frame, tmp_path / f"odd{ext}"))
    for column in ("event_id", "location", "country_code", "notes", "geonameid", "fatalities"):
        assert_series_equal(back[column], frame[column])
    assert back["latitude"][0] == 0.1 + 0.2 and back["confidence"][0] == 1 / 3
    assert back.geometry[0].equals_exact(frame.geometry[0], 0)
    if ext != ".csv":  # CSV cannot tell an empty string from a missing value
        assert back["actor1"][0] == ""


def test_pandas_string_columns_read_back_as_object(kz_events, tmp_path):
    frame = kz_events.copy()
    frame["notes"] = frame["notes"].astype("str")
    back = read_events(write_events(frame, tmp_path / "s.parquet"))
    assert back["notes"].dtype == object
    assert back["actor2"].tolist()[0] is None


def test_geojson_is_a_feature_collection_carrying_every_column(kz_events, tmp_path):
    path = write_events(kz_events, tmp_path / "events.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 4
    feature = data["features"][0]
    assert list(feature["properties"]) == list(COLUMNS)
    assert feature["geometry"] == {"type": "Point", "coordinates": [76.91, 43.25]}
    assert feature["properties"]["fatalities"] is None and feature["properties"]["actor2"] is None


def test_csv_has_coordinates_and_wkt(kz_events, tmp_path):
    path = write_events(kz_events, tmp_path / "events.csv")
    table = pd.read_csv(path, keep_default_na=False)
    assert {"latitude", "longitude", "geometry"} <= set(table.columns)
    assert table["geometry"][0] == "POINT (76.91 43.25)"


def test_extension_is_case_insensitive_and_parents_are_created(kz_events, tmp_path):
    path = write_events(kz_events, tmp_path / "a" / "b" / "EVENTS.GeoJSON")
    assert path.is_file()
    assert len(read_events(path)) == 4


def test_unknown_extension(kz_events, tmp_path):
    with pytest.raises(ExportError) as info:
        write_events(kz_events, tmp_path / "events.xlsx")
    message = str(info.value)
    assert ".xlsx" in message
    for ext in SUPPORTED_EXTENSIONS:
        assert ext in message
    assert _listing(tmp_path) == []
    with pytest.raises(InputError, match="supported"):
        read_events(tmp_path / "events.shp")


def test_not_a_geodataframe(kz_events, tmp_path):
    with pytest.raises(ExportError, match="GeoDataFrame"):
        write_events(pd.DataFrame(kz_events.drop(columns="geometry")), tmp_path / "x.csv")


def test_missing_file(tmp_path):
    with pytest.raises(InputNotFoundError):
        read_events(tmp_path / "nothing.gpkg")


def test_unreadable_file(tmp_path):
    path = tmp_path / "broken.gpkg"
    path.write_text("not a geopackage")
    with pytest.raises(InputError, match="broken.gpkg"):
        read_events(path)


@pytest.mark.parametrize("ext", FORMATS)
def test_write_leaves_only_the_target(kz_events, tmp_path, ext):
    write_events(kz_events, tmp_path / f"events{ext}")
    write_events(kz_events, tmp_path / f"events{ext}")  # replacing an existing file
    assert _listing(tmp_path) == [f"events{ext}"]


def test_failed_write_leaves_no_partial_file_and_keeps_the_old_one(kz_events, tmp_path):
    target = tmp_path / "events.parquet"
    write_events(kz_events, target)
    before = target.read_bytes()
    bad = kz_events.copy()
    bad["extra"] = [{"a": 1}, 3, "x", None]  # pyarrow cannot store this column
    with pytest.raises(ExportError, match="events.parquet"):
        write_events(bad, target)
    assert target.read_bytes() == before
    assert _listing(tmp_path) == ["events.parquet"]
    with pytest.raises(ExportError):
        write_events(bad, tmp_path / "new" / "fresh.parquet")
    assert _listing(tmp_path) == ["events.parquet", "new"]


def test_write_into_an_unwritable_place(kz_events, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError):
        write_events(kz_events, blocker / "events.csv")


def test_save_map(kz_events, tmp_path):
    m = make_map(kz_events)
    path = save_map(m, tmp_path / "maps" / "events.html")
    first = path.read_bytes()
    assert first.decode("utf-8") == map_html(m)
    assert save_map(m, path).read_bytes() == first
    assert _listing(tmp_path) == ["maps", "maps/events.html"]


# -- the mentions table ------------------------------------------------------------

_MENTIONS_TEXT = (
    "Police detained protesters in Almaty on Monday, officials in Qarastan said. "
    "Farmers rallied outside Taldykorgan."
)


@pytest.fixture(scope="module")
def mentions(pipeline):
    from geomap.join import mentions_frame

    doc = pipeline.process_text(_MENTIONS_TEXT, date="2022-01-05", doc_id="m1")
    return mentions_frame([doc])


def test_mentions_table_has_every_mention_resolved_or_not(mentions):
    from geomap.join import MENTION_COLUMNS

    assert list(mentions.columns) == [*MENTION_COLUMNS, "geometry"]
    by_name = mentions.set_index("place_mention")
    assert by_name.loc["Almaty", "location"] == "Almaty"
    assert by_name.loc["Almaty", "in_event"] == 1  # the detentions happened there
    assert by_name.loc["Qarastan", "location"] is None  # an invented name: no match
    assert by_name.loc["Qarastan", "in_event"] == 0
    assert mentions.geometry.isna().tolist() == mentions["location"].isna().tolist()
    assert mentions.crs.to_epsg() == 4326
    text_spans = [
        _MENTIONS_TEXT[a:b] for a, b in zip(mentions["start"], mentions["end"], strict=True)
    ]
    assert text_spans == mentions["place_mention"].tolist()


@pytest.mark.parametrize("ext", FORMATS)
def test_mentions_round_trip(mentions, tmp_path, ext):
    from geomap.export import read_mentions, write_mentions

    back = read_mentions(write_mentions(mentions, tmp_path / f"mentions{ext}"))
    assert_geodataframe_equal(back, mentions, check_less_precise=False)
    assert back["geonameid"].dtype == "Int64" and back["start"].dtype == "int64"


@pytest.mark.parametrize("ext", FORMATS)
def test_an_empty_mentions_table_round_trips(tmp_path, ext):
    from geomap.export import read_mentions, write_mentions
    from geomap.join import mentions_frame

    empty = mentions_frame([])
    back = read_mentions(write_mentions(empty, tmp_path / f"m{ext}"))
    assert len(back) == 0 and list(back.columns) == list(empty.columns)


def test_csv_cells_a_spreadsheet_would_run_are_quoted_and_read_back_exactly(
    events_factory, tmp_path
):
    hostile = ['=HYPERLINK("http://x.invalid","click")', "+1+1", "-2", "@SUM(A1)", "'=quoted", "'"]
    frame = events_factory(
        [
            {
                "event_id": f"e{i}",
                "location": "Almaty",
                "latitude": 43.25,
                "longitude": -76.91 - i,
                "notes": text,
                "actor1": text,
            }
            for i, text in enumerate(hostile)
        ]
    )
    path = write_events(frame, tmp_path / "events.csv")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in raw["notes"])
    assert raw["notes"].tolist() == ["'" + text for text in hostile]
    assert raw["longitude"].astype(float).tolist() == frame["longitude"].tolist()  # numbers
    back = read_events(path)
    assert back["notes"].tolist() == hostile and back["actor1"].tolist() == hostile


# -- real types: dates and timestamps ----------------------------------------------


def test_event_date_is_a_date_in_every_reader_of_the_files(kz_events, tmp_path):
    import geopandas as gpd
    import pyogrio

    write_events(kz_events, tmp_path / "e.parquet")
    write_events(kz_events, tmp_path / "e.gpkg")
    write_events(kz_events, tmp_path / "e.csv")
    write_events(kz_events, tmp_path / "e.geojson")
    # plain geopandas, not geomap's reader: .dt works on the Parquet and GeoPackage columns
    plain = gpd.read_parquet(tmp_path / "e.parquet")
    assert plain["event_date"].dt.day.tolist() == [5, 6, 5, 7]
    assert str(plain["published"].dt.tz) == "UTC"
    assert gpd.read_file(tmp_path / "e.gpkg")["event_date"].dt.month.tolist() == [1, 1, 1, 1]
    info = pyogrio.read_info(tmp_path / "e.gpkg", layer="events")
    types = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert types["event_date"] == "datetime64[D]"  # a GeoPackage DATE field
    assert types["published"].startswith("datetime64")  # a DATETIME field
    # CSV and GeoJSON: ACLED's column names, ISO dates and ISO 8601 UTC times
    raw = pd.read_csv(tmp_path / "e.csv", dtype=str, keep_default_na=False)
    assert raw["event_date"].tolist()[:2] == ["2022-01-05", "2022-01-06"]
    assert raw["published"].tolist()[0] == "2022-01-05T09:30:00Z"
    assert list(raw.columns[: len(COLUMNS)]) == list(COLUMNS)
    feature = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))["features"][0]
    assert feature["properties"]["event_date"] == "2022-01-05"
    assert feature["properties"]["published"] == "2022-01-05T09:30:00Z"


@pytest.mark.parametrize("ext", FORMATS)
def test_dates_far_from_today_and_times_round_trip_exactly(events_factory, tmp_path, ext):
    frame = events_factory(
        [
            {"event_id": "a", "location": "A", "latitude": 1.0, "longitude": 2.0,
             "event_date": "1066-10-14", "published": "1066-10-14T23:59:59Z"},
            {"event_id": "b", "location": "B", "latitude": 1.0, "longitude": 2.0,
             "event_date": "2262-04-12", "published": None},
        ]
    )  # fmt: skip
    back = read_events(write_events(frame, tmp_path / f"far{ext}"))
    assert_series_equal(back["event_date"], frame["event_date"])
    assert_series_equal(back["published"], frame["published"])


def test_a_frame_with_iso_strings_as_dates_is_written_with_dates(kz_events, tmp_path):
    frame = kz_events.copy()
    frame["event_date"] = frame["event_date"].dt.strftime("%Y-%m-%d").astype(object)
    back = read_events(write_events(frame, tmp_path / "s.gpkg"))
    assert_series_equal(back["event_date"], kz_events["event_date"])
