"""The data the map's runtime draws: the events' GeoJSON, areas, region counts and labels.

The events travel as ONE GeoJSON per event type (coordinates rounded to 5
decimals, only what the popup and the event list show, repeated strings
stored once per layer). Every piece of document text goes through
:func:`geomap.maps._escape.escape_text` here, before it is put in a payload.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from geomap.maps._escape import _is_missing, escape_text
from geomap.maps._frame import (
    _area_radius_m,
    _as_float,
    _as_int,
    _column,
    _coordinates,
    _gazetteer_point,
    _geo_precision,
    _is_country_level,
    _region_key,
    _type_keys,
    _valid,
    highlight_trigger,
)
from geomap.maps._outlines import country_labels, country_shape

if TYPE_CHECKING:
    import geopandas as gpd

    from geomap.gazetteer.base import Gazetteer

__all__ = [
    "DECIMALS",
    "area_keys",
    "areas_payload",
    "compact_features",
    "event_features",
    "labels_payload",
    "region_features",
    "region_keys",
    "script_json",
]

#: decimals kept in event coordinates (about 1 m)
DECIMALS = 5
#: the columns the popup, tooltip, list, time control and search read
_COLUMNS = (
    "event_id",
    "doc_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "fatalities",
    "country",
    "country_code",
    "admin1",
    "location",
    "place_mention",
    "geonameid",
    "geo_precision",
    "notes",
    "trigger",
    "confidence",
    "source",
    "url",
    "title",
)
#: columns stored once per layer in its ``strings`` table (they repeat a lot)
_INTERNED = {
    "sub_event_type": "st",
    "actor1": "a1",
    "actor2": "a2",
    "place_mention": "pm",
    "location": "loc",
    "admin1": "adm",
    "country": "cty",
    "source": "src",
    "doc_id": "doc",
    "url": "url",
    "title": "ttl",
}
#: largest number of gazetteer places labelled (the largest first)
_MAX_PLACE_LABELS = 600


def script_json(value: Any) -> str:
    """Return compact JSON that is safe inside an inline ``<script>`` (code or data block)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    # only "</script" and "<!--" can end or disturb an inline script
    text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)
    return text.replace("<!--", "<\\u0021--")


def region_keys(events: gpd.GeoDataFrame) -> list[tuple[str, str]]:
    """Return the first-order regions of ``events`` as sorted ``(country_code, admin1)`` keys.

    Rows without ``admin1`` count under ``(country_code, "")``: the country as
    a whole. Rows without coordinates are left out.
    """
    if len(events) == 0:
        return []
    lat, lon = _coordinates(events)
    ok = _valid(lat, lon)
    codes = _column(events, "country_code")
    admin1 = _column(events, "admin1")
    keys = {_region_key(cc, a1) for cc, a1, good in zip(codes, admin1, ok, strict=True) if good}
    return sorted(keys)


def _area_key(row: dict[str, Any], lat: float, lon: float) -> tuple[str, ...]:
    code = "" if _is_missing(row["country_code"]) else str(row["country_code"]).upper()
    if _is_country_level(row) and country_shape(code):
        return ("C", code)
    place = "" if _is_missing(row["location"]) else str(row["location"])
    return ("R", code, place, f"{lat:.3f}", f"{lon:.3f}")


def area_keys(events: gpd.GeoDataFrame) -> list[tuple[str, ...]]:
    """Return the places of the region- and country-level events: one area each, sorted.

    A country-level event's key is ``("C", code)`` (drawn as the country's
    shape); any other area's is ``("R", code, location, lat, lon)``, drawn as
    a circle sized like a first-order region of its country.
    """
    if len(events) == 0:
        return []
    lat, lon = _coordinates(events)
    ok = _valid(lat, lon)
    precision = _column(events, "geo_precision")
    columns = {name: _column(events, name) for name in ("country_code", "admin1", "location")}
    columns["country"] = _column(events, "country")
    keys = set()
    for i in np.flatnonzero(ok):
        if _geo_precision(precision[i]) != 3:
            continue
        row = {name: values[i] for name, values in columns.items()}
        keys.add(_area_key(row, float(lat[i]), float(lon[i])))
    return sorted(keys)


def areas_payload(events: gpd.GeoDataFrame, keys: Sequence[tuple[str, ...]]) -> dict[str, Any]:
    """Return the areas the map draws: ``{"areas": [...]}`` in the order of ``keys``.

    Each area: ``name`` and ``cty`` (escaped), ``kind`` ("country" or
    "region"), ``c`` its point ``[lat, lon]``, ``r`` a radius in metres
    (regions) or ``shape`` the country's encoded outline (countries).
    """
    index = {key: i for i, key in enumerate(keys)}
    found: dict[int, dict[str, Any]] = {}
    if len(events) and keys:
        lat, lon = _coordinates(events)
        ok = _valid(lat, lon)
        precision = _column(events, "geo_precision")
        names = ("country_code", "admin1", "location", "country")
        columns = {name: _column(events, name) for name in names}
        for i in np.flatnonzero(ok):
            if _geo_precision(precision[i]) != 3:
                continue
            row = {name: values[i] for name, values in columns.items()}
            at = index.get(_area_key(row, float(lat[i]), float(lon[i])))
            if at is None or at in found:
                continue
            key = keys[at]
            area: dict[str, Any] = {
                "name": escape_text(row["country"] if key[0] == "C" else row["location"]),
                "cty": escape_text(row["country"]),
                "kind": "country" if key[0] == "C" else "region",
                "c": [round(float(lat[i]), DECIMALS), round(float(lon[i]), DECIMALS)],
            }
            if key[0] == "C":
                area["shape"] = country_shape(key[1])
            else:
                area["r"] = round(_area_radius_m(row))
            found[at] = area
    return {"areas": [found.get(i, {"name": "", "kind": "region", "c": [0, 0], "r": 1})
                      for i in range(len(keys))]}  # fmt: skip


def event_features(
    events: gpd.GeoDataFrame,
    event_type: str,
    *,
    regions: Sequence[tuple[str, str]] = (),
    areas: Sequence[tuple[str, ...]] = (),
) -> dict[str, Any]:
    """Return the GeoJSON ``FeatureCollection`` of the events of one type.

    Every string is escaped (:func:`escape_text`); the evidence sentence
    (``n``) is escaped HTML with the trigger in ``<mark>``. Repeated strings
    (sub-type, actors, places, document, source) are stored once in the
    collection's ``strings`` member and referenced by index.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        An events table; rows of other types and rows without coordinates are
        left out. Optional ``url`` and ``title`` columns (the document's) are
        shown when present.
    event_type : str
        The type (:data:`geomap.maps._frame.UNKNOWN_TYPE` selects rows without a type).
    regions : sequence of (country_code, admin1)
        The map's region keys (:func:`region_keys`); each feature's ``rg`` is
        its region's index there.
    areas : sequence of area keys
        The map's areas (:func:`area_keys`); each region- or country-level
        feature's ``ak`` is its area's index there.

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "strings": [...], "features": [...]}``;
        feature properties: ``d`` date, ``tp`` time precision, ``gp`` geo
        precision, ``st`` sub-type, ``a1``/``a2`` actors, ``f`` fatalities,
        ``pm`` place as written, ``loc``/``adm``/``cty`` place as resolved,
        ``g`` GeoNames id, ``c`` confidence, ``doc`` document id, ``url`` and
        ``ttl`` its URL and title, ``src`` source (links are decided in the
        browser: only http(s)), ``n`` evidence, ``r`` area radius in metres
        (geo precision 3), ``ak`` area index, ``rg`` region index. Missing
        values, and precisions of 1, are left out.

    """
    region_index = {key: i for i, key in enumerate(regions)}
    area_index = {key: i for i, key in enumerate(areas)}
    strings: list[str] = []
    interned: dict[str, int] = {}

    def intern(value: Any) -> int | None:
        text = escape_text(value)
        if not text:
            return None
        index = interned.get(text)
        if index is None:
            index = interned[text] = len(strings)
            strings.append(text)
        return index

    features = []
    if len(events):
        lat, lon = _coordinates(events)
        mask = _valid(lat, lon) & (np.asarray(_type_keys(events), dtype=object) == event_type)
        rows = np.flatnonzero(mask)
        columns = {name: _column(events, name, rows) for name in _COLUMNS}
        lats, lons = lat[rows], lon[rows]
        for i in range(len(rows)):
            row = {name: values[i] for name, values in columns.items()}
            props: dict[str, Any] = {}
            if not _is_missing(row["event_date"]):
                props["d"] = escape_text(str(row["event_date"])[:10])
            # precisions: 1 (the usual value) is left out
            time_precision = _as_int(row["time_precision"])
            if time_precision in (2, 3):
                props["tp"] = time_precision
            geo_precision = _geo_precision(row["geo_precision"])
            if geo_precision != 1:
                props["gp"] = geo_precision
            for column, key in _INTERNED.items():
                index = intern(row[column])
                if index is not None:
                    props[key] = index
            for key, column in (("f", "fatalities"), ("g", "geonameid")):
                value = _as_int(row[column])
                if value is not None:
                    props[key] = value
            confidence = _as_float(row["confidence"])
            if confidence is not None:
                props["c"] = round(confidence, 2)
            props["n"] = highlight_trigger(row["notes"], row["trigger"])
            if geo_precision == 3:
                props["r"] = round(_area_radius_m(row))
                area = area_index.get(_area_key(row, float(lats[i]), float(lons[i])))
                if area is not None:
                    props["ak"] = area
            region = region_index.get(_region_key(row["country_code"], row["admin1"]))
            if region is not None:
                props["rg"] = region
            features.append(
                {
                    "type": "Feature",
                    "id": escape_text(row["event_id"]),
                    "geometry": {
                        "type": "Point",
                        "coordinates": [
                            round(float(lons[i]), DECIMALS),
                            round(float(lats[i]), DECIMALS),
                        ],
                    },
                    "properties": props,
                }
            )
    return {"type": "FeatureCollection", "strings": strings, "features": features}


def compact_features(collection: dict[str, Any]) -> dict[str, Any]:
    """Return an events collection as the page carries it: one array per event.

    ``{"strings": [...], "rows": [[id, lon, lat, properties], ...]}``: the
    same content as the GeoJSON of :func:`event_features` without its
    per-feature boilerplate (about 60 bytes an event). An area event's radius
    is left out when its area (``ak``) carries the shape.
    """
    rows = []
    for feature in collection["features"]:
        props = feature["properties"]
        if "ak" in props and "r" in props:
            props = {k: v for k, v in props.items() if k != "r"}
        lon, lat = feature["geometry"]["coordinates"]
        rows.append([feature["id"], lon, lat, props])
    return {"strings": collection["strings"], "rows": rows}


def region_features(
    events: gpd.GeoDataFrame,
    keys: Sequence[tuple[str, str]],
    *,
    gazetteer: Gazetteer | None = None,
) -> dict[str, Any]:
    """Return one point per first-order region (see :func:`geomap.maps.layers.region_layer`)."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = {key: [] for key in keys}
    exact: dict[tuple[str, str], tuple[float, float]] = {}
    names: dict[tuple[str, str], Any] = {}
    if len(events):
        lat, lon = _coordinates(events)
        ok = _valid(lat, lon)
        codes = _column(events, "country_code")
        admin1 = _column(events, "admin1")
        location = _column(events, "location")
        precision = _column(events, "geo_precision")
        country = _column(events, "country")
        for i in np.flatnonzero(ok):
            key = _region_key(codes[i], admin1[i])
            if key not in points:
                continue
            points[key].append((float(lat[i]), float(lon[i])))
            names.setdefault(key, country[i])
            if _geo_precision(precision[i]) == 3 and key[1] and location[i] == admin1[i]:
                exact.setdefault(key, (float(lat[i]), float(lon[i])))
    features = []
    for key in keys:
        code, admin = key
        point = _gazetteer_point(gazetteer, code, admin) or exact.get(key)
        if point is None and points[key]:
            lats, lons = zip(*points[key], strict=True)
            point = (sum(lats) / len(lats), sum(lons) / len(lons))
        if point is None:
            point = (0.0, 0.0)
        props = {
            "name": escape_text(admin or names.get(key) or code),
            "cty": escape_text(names.get(key)),
        }
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(point[1], DECIMALS), round(point[0], DECIMALS)],
                },
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def labels_payload(
    gazetteer: Gazetteer | None = None,
    *,
    bounds: list[list[float]] | None = None,
    min_population: int = 1_000_000,
    near_population: int = 100_000,
) -> dict[str, Any]:
    """Return the offline labels: every country, and the gazetteer's major places.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        A GeoNames gazetteer; without one only countries are labelled.
    bounds : [[south, west], [north, east]], optional
        The events' extent: places of ``near_population`` or more inside it
        (padded by 5 degrees) are labelled too.
    min_population, near_population : int
        Population thresholds of the places labelled everywhere, and near the events.

    Returns
    -------
    dict
        ``{"countries": [[name, lat, lon, min_zoom]...], "places": [[name, lat,
        lon, population]...]}``, names escaped, places largest first.

    """
    countries = [[escape_text(n), y, x, z] for n, y, x, z in country_labels()]
    places = _major_places(
        gazetteer, bounds, min_population=min_population, near_population=near_population
    )
    return {"countries": countries, "places": places}


def _major_places(
    gazetteer: Any,
    bounds: list[list[float]] | None,
    *,
    min_population: int,
    near_population: int,
) -> list[list[Any]]:
    """Return the gazetteer's capitals and large towns (a GeoNames gazetteer's arrays)."""
    arrays = ("_pop", "_lat", "_lon", "_fcode", "_fcodes", "_place")
    if gazetteer is None or not all(hasattr(gazetteer, name) for name in arrays):
        return []
    pop = np.asarray(gazetteer._pop, dtype=np.int64)
    lat = np.asarray(gazetteer._lat, dtype=float)
    lon = np.asarray(gazetteer._lon, dtype=float)
    codes = list(gazetteer._fcodes)
    fcode = np.frombuffer(gazetteer._fcode, dtype=np.uint8)
    town = np.array([c.startswith("PPL") for c in codes], dtype=bool)[fcode]
    capital = np.array([c == "PPLC" for c in codes], dtype=bool)[fcode]
    major = np.flatnonzero(town & ((pop >= min_population) | capital))
    major = major[np.argsort(-pop[major], kind="stable")][: _MAX_PLACE_LABELS // 2]
    rows = major
    if bounds is not None:
        (south, west), (north, east) = bounds
        near = (lat >= south - 5) & (lat <= north + 5) & (lon >= west - 5) & (lon <= east + 5)
        close = np.flatnonzero(town & near & (pop >= near_population))
        close = close[np.argsort(-pop[close], kind="stable")][: _MAX_PLACE_LABELS // 2]
        rows = np.union1d(major, close)
    rows = rows[np.argsort(-pop[rows], kind="stable")]
    out = []
    for row in rows:
        place = gazetteer._place(int(row))
        out.append(
            [escape_text(place.name), round(float(lat[row]), 3), round(float(lon[row]), 3),
             int(pop[row])]
        )  # fmt: skip
    return out
