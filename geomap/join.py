"""Join events to places: the one place that builds geomap's GeoDataFrames.

:func:`events_frame` turns processed documents into the events table of
``EVENTS.md`` (validated); :func:`mentions_frame` gives every place mention, for
users who want all places and not only events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from geomap.model import Document, Event
from geomap.schema import COLUMNS, empty_events, validate_events

if TYPE_CHECKING:
    import geopandas as gpd


def event_id(doc: Document, event: Event) -> str:
    """A stable id: the same document and event give the same id on every run."""
    key = f"{doc.doc_id}\x1f{event.trigger_start}\x1f{event.event_type}\x1f{event.sub_event_type}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def event_row(doc: Document, event: Event) -> dict | None:
    """One row of the events table, or ``None`` for an event without a resolved place."""
    if event.mention is None:
        return None
    mention = doc.mentions[event.mention]
    place = mention.place
    if place is None:
        return None
    spans = [(event.evidence_start, event.evidence_end), *event.more_evidence]
    notes = " ".join(doc.text[a:b].strip() for a, b in sorted(set(spans)))
    admin1 = (
        place.admin1 if place.admin1 else (place.name if place.feature_code == "ADM1" else None)
    )
    return {
        "event_id": event_id(doc, event),
        "doc_id": doc.doc_id,
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "fatalities": event.fatalities,
        "country": place.country,
        "country_code": place.country_code,
        "admin1": admin1,
        "location": place.name,
        "place_mention": mention.text,
        "geonameid": place.geonameid,
        "latitude": round(place.latitude, 6),
        "longitude": round(place.longitude, 6),
        # an area, a continent or a world region ("the Middle East") is ACLED's precision 3
        "geo_precision": 3 if place.feature_class in ("A", "L") else event.geo_precision,
        "notes": notes,
        "evidence_start": event.evidence_start,
        "evidence_end": event.evidence_end,
        "trigger": event.trigger,
        "confidence": float(event.confidence),
        "source": doc.source,
        "lang": doc.lang or "en",
    }


def document_rows(doc: Document) -> list[dict]:
    """The events table rows of one processed document.

    Events without a document date get no row (their ``event_date`` would be
    invented); they stay on ``Document.events``.
    """
    rows = []
    for event in doc.events:
        row = event_row(doc, event)
        if row is not None and row["event_date"] is not None:
            rows.append(row)
    return rows


def frame_from_rows(rows: Iterable[dict]) -> gpd.GeoDataFrame:
    """Build the validated events GeoDataFrame (EPSG:4326) from event rows, sorted and typed."""
    import geopandas as gpd
    import pandas as pd

    rows = list(rows)
    if not rows:
        return empty_events()
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for name, kind in COLUMNS.items():
        if kind == "int?":
            frame[name] = frame[name].astype("Int64")
        elif kind == "int":
            frame[name] = frame[name].astype("int64")
        elif kind == "float":
            frame[name] = frame[name].astype("float64")
    frame = frame.sort_values(["doc_id", "evidence_start", "event_id"], kind="stable")
    frame = frame.reset_index(drop=True)
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    return validate_events(gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326"))


def events_frame(documents: Iterable[Document]) -> gpd.GeoDataFrame:
    """Build the validated events GeoDataFrame (EPSG:4326) from processed documents.

    Events without a document date get no row (their ``event_date`` would be
    invented); they stay on ``Document.events``.
    """
    return frame_from_rows(row for doc in documents for row in document_rows(doc))


#: columns of the mentions table, in order (the geometry is added last)
MENTION_COLUMNS: dict[str, str] = {
    "doc_id": "str",
    "start": "int",
    "end": "int",
    "sentence": "int",
    "place_mention": "str",
    "kind": "str",
    "found_by": "str",
    "location": "str?",
    "geonameid": "int?",
    "feature_code": "str?",
    "country_code": "str?",
    "admin1": "str?",
    "latitude": "float",
    "longitude": "float",
    "confidence": "float",
    "why": "str?",
    "in_event": "int",
    "lang": "str?",
}


def mention_rows(doc: Document) -> list[dict]:
    """The mentions table rows of one processed document: one per place mention.

    ``in_event`` counts the document's events placed at the mention; unresolved
    mentions have no ``location`` and NaN coordinates.
    """
    used: dict[int, int] = {}
    for event in doc.events:
        if event.mention is not None:
            used[event.mention] = used.get(event.mention, 0) + 1
    rows = []
    for index, m in enumerate(doc.mentions):
        p = m.place
        rows.append(
            {
                "doc_id": doc.doc_id,
                "start": m.start,
                "end": m.end,
                "sentence": m.sent,
                "place_mention": m.text,
                "kind": m.kind,
                "found_by": m.source,
                "location": p.name if p else None,
                "geonameid": p.geonameid if p else None,
                "feature_code": p.feature_code if p else None,
                "country_code": (p.country_code or None) if p else None,
                "admin1": (p.admin1 or None) if p else None,
                "latitude": round(p.latitude, 6) if p else None,
                "longitude": round(p.longitude, 6) if p else None,
                "confidence": float(m.score),
                "why": m.why or None,
                "in_event": used.get(index, 0),
                "lang": doc.lang or "en",
            }
        )
    return rows


def mentions_frame_from_rows(rows: Iterable[dict]) -> gpd.GeoDataFrame:
    """Build the mentions GeoDataFrame (EPSG:4326) from :func:`mention_rows` rows.

    Unresolved mentions have no geometry (``None``).
    """
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame(list(rows), columns=list(MENTION_COLUMNS))
    for name, kind in MENTION_COLUMNS.items():
        if kind in ("int", "int?"):
            frame[name] = frame[name].astype("Int64" if kind == "int?" else "int64")
        elif kind == "float":
            frame[name] = frame[name].astype("float64")
        else:
            frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    points = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    geometry = gpd.GeoSeries(points, index=frame.index, crs="EPSG:4326")
    geometry[frame["latitude"].isna() | frame["longitude"].isna()] = None
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def mentions_frame(documents: Iterable[Document]) -> gpd.GeoDataFrame:
    """Every place mention with what it resolved to, as a GeoDataFrame (EPSG:4326).

    One row per mention, with the columns of :data:`MENTION_COLUMNS`: where it is
    in the text, its kind, how it was found, the place it resolved to, the score
    and the reason it won (``why``), and how many events were placed there.
    Unresolved mentions have no geometry (``None``).
    """
    return mentions_frame_from_rows(row for doc in documents for row in mention_rows(doc))
