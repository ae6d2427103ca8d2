"""Shared fixtures: the real gazetteer, the real spaCy model, the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "kazakhstan-2022-01-08.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def gazetteer():
    """The embedded GeoNames gazetteer (built once into the data directory)."""
    from geomap.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def pipeline(gazetteer):
    """The full pipeline: real spaCy model, real gazetteer."""
    from geomap.pipeline import Pipeline

    return Pipeline(gazetteer=gazetteer)


@pytest.fixture(scope="session")
def seed_doc(pipeline):
    """The seed article, processed."""
    from geomap.ingest import read_documents

    return next(pipeline.process(read_documents(SEED)))


# -- events tables built by hand (maps, export, browser tests) -------------------

_EVENT_DEFAULTS = {
    "doc_id": "doc-1",
    "event_date": "2022-01-05",
    "time_precision": 1,
    "event_type": "Protests",
    "sub_event_type": "Peaceful protest",
    "actor1": "Protesters (Kazakhstan)",
    "actor2": None,
    "fatalities": None,
    "country": "Kazakhstan",
    "country_code": "KZ",
    "admin1": None,
    "geonameid": None,
    "geo_precision": 1,
    "evidence_start": 0,
    "evidence_end": 0,
    "trigger": "protest",
    "confidence": 0.8,
    "source": None,
    "url": None,
    "title": None,
    "published": None,
    "lang": "en",
}


def make_events(rows):
    """Return an events GeoDataFrame with the schema's dtypes built from row dicts.

    Each row needs ``event_id``, ``location``, ``latitude`` and ``longitude``;
    other columns default to the values of ``_EVENT_DEFAULTS`` (``place_mention``
    to the location, ``notes`` to a sentence naming it). Missing text is None.
    """
    import geopandas as gpd
    import pandas as pd

    from geomap.schema import COLUMNS, empty_events

    full = []
    for row in rows:
        record = {**_EVENT_DEFAULTS, **row}
        record.setdefault("place_mention", record["location"])
        record.setdefault("sources", record["doc_id"])
        record.setdefault("n_sources", 1)
        record.setdefault("notes", f"People protest in {record['location']}.")
        full.append({name: record[name] for name in COLUMNS})
    dtypes = empty_events().dtypes
    columns = {}
    for name in COLUMNS:
        columns[name] = pd.Series([record[name] for record in full], dtype=dtypes[name])
    frame = pd.DataFrame(columns)
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


@pytest.fixture
def events_factory():
    """The :func:`make_events` builder (row dicts -> events GeoDataFrame)."""
    return make_events


@pytest.fixture
def kz_events():
    """Four events in Kazakhstan: Protests 2 (one region-level), Battles 1, VAC 1."""
    return make_events(
        [
            {
                "event_id": "kz-1",
                "location": "Almaty",
                "admin1": "Almaty",
                "geonameid": 1526384,
                "latitude": 43.25,
                "longitude": 76.91,
                "notes": "Thousands of people protested in Almaty on Wednesday.",
                "trigger": "protested",
                "source": "https://example.org/almaty",
                "url": "https://example.org/almaty",
                "title": "Thousands protest in Almaty",
                "published": "2022-01-05T09:30:00Z",
                "confidence": 0.91,
            },
            {
                "event_id": "kz-2",
                "event_date": "2022-01-06",
                "time_precision": 2,
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "actor1": "Military Forces of Kazakhstan (2019-)",
                "actor2": "Unidentified Armed Group (Kazakhstan)",
                "fatalities": 2,
                "location": "Taldykorgan",
                "admin1": "Jetisu",
                "geonameid": 1525798,
                "latitude": 45.02,
                "longitude": 78.37,
                "notes": "Troops clashed with armed men near Taldykorgan.",
                "trigger": "clashed",
                "source": "Reuters",
            },
            {
                "event_id": "kz-3",
                "event_type": "Violence against civilians",
                "sub_event_type": "Attack",
                "actor1": "Unidentified Armed Group (Kazakhstan)",
                "actor2": "Civilians (Kazakhstan)",
                "fatalities": 0,
                "location": "Taldykorgan",
                "admin1": "Jetisu",
                "geonameid": 1525798,
                "latitude": 44.6,
                "longitude": 77.6,
                "geo_precision": 2,
                "notes": "Gunmen attacked a bus near Taldykorgan.",
                "trigger": "attacked",
            },
            {
                "event_id": "kz-4",
                "event_date": "2022-01-07",
                "location": "Aktobe Region",
                "place_mention": "the Aktobe region",
                "admin1": "Aktobe",
                "geonameid": 610688,
                "latitude": 48.26,
                "longitude": 59.45,
                "geo_precision": 3,
                "notes": "Residents rallied across the Aktobe region.",
                "trigger": "rallied",
                "confidence": 0.55,
            },
        ]
    )
