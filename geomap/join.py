"""Join events to places: the one place that builds geomap's GeoDataFrames.

:func:`events_frame` turns processed documents into the events table of
``EVENTS.md`` (validated); :func:`mentions_frame` gives every place mention, for
users who want all places and not only events.
"""

from __future__ import annotations

import dataclasses
import hashlib
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING

from geomap.model import Document, Event
from geomap.schema import COLUMNS, as_dates, as_timestamps, empty_events, validate_events

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
        "url": doc.url,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "sources": doc.doc_id,
        "n_sources": 1,
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


def frame_from_rows(rows: Iterable[dict], *, merge: bool = True) -> gpd.GeoDataFrame:
    """Build the validated events GeoDataFrame (EPSG:4326) from event rows, sorted and typed.

    With ``merge`` (the default) rows of different documents that tell one incident
    become one row listing every source (:func:`geomap.events.sources.merge_reports`).
    """
    import geopandas as gpd
    import pandas as pd

    from geomap.events.sources import merge_reports

    rows = merge_reports(rows) if merge else list(rows)
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
        elif kind == "date":
            frame[name] = as_dates(frame[name])
        elif kind == "datetime?":
            frame[name] = as_timestamps(frame[name])
    frame = frame.sort_values(["doc_id", "evidence_start", "event_id"], kind="stable")
    frame = frame.reset_index(drop=True)
    geometry = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    return validate_events(gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326"))


def events_frame(documents: Iterable[Document], *, merge: bool = True) -> gpd.GeoDataFrame:
    """Build the validated events GeoDataFrame (EPSG:4326) from processed documents.

    Events without a document date get no row (their ``event_date`` would be
    invented); they stay on ``Document.events``. With ``merge`` (the default) the
    rows of different documents that tell one incident are merged into one
    (``sources``, ``n_sources``); ``merge=False`` keeps one row per report. A document
    id met twice is reported with a :class:`UserWarning` naming both origins (see
    :class:`DocumentIds`).
    """
    ids = DocumentIds()

    def rows() -> Iterable[dict]:
        for doc in documents:
            doc = ids.check(doc, warn=True)
            if doc is not None:
                yield from document_rows(doc)

    return frame_from_rows(rows(), merge=merge)


class DocumentIds:
    """Document ids seen so far, so that an id read twice is reported, never doubled.

    The same id with the same text (one document given twice) keeps the first copy;
    the same id with another text keeps both, the later one renamed ``"ID@ORIGIN"``.
    """

    def __init__(self) -> None:
        self.seen: dict[str, tuple[str, str]] = {}
        #: the problems found, one sentence each, naming both origins
        self.problems: list[str] = []

    def check(self, doc: Document, *, warn: bool = False) -> Document | None:
        """Return ``doc`` (renamed if its id was taken), or ``None`` for a repeated copy."""
        digest = hashlib.sha1(doc.text.encode("utf-8")).hexdigest()
        first = self.seen.get(doc.doc_id)
        if first is None:
            self.seen[doc.doc_id] = (doc.origin, digest)
            return doc
        origin = doc.origin or "?"
        if first[1] == digest:
            problem = (
                f"document id {doc.doc_id!r} read twice ({first[0] or '?'} and {origin}) "
                "with the same text: the second copy is skipped"
            )
            result = None
        else:
            new_id = f"{doc.doc_id}@{origin}"
            problem = (
                f"document id {doc.doc_id!r} is used by {first[0] or '?'} and {origin} "
                f"for different texts: the second is renamed {new_id!r}"
            )
            result = dataclasses.replace(doc, doc_id=new_id)
            self.seen[new_id] = (origin, digest)
        self.problems.append(problem)
        if warn:
            warnings.warn(problem, UserWarning, stacklevel=3)
        return result


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
    "url": "str?",
    "title": "str?",
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
                "url": doc.url,
                "title": doc.title,
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
