"""Reading an events frame for the map: coordinates, types, colours, precision, evidence.

Helpers shared by the payload builders (:mod:`geomap.maps.features`) and the
public layer functions (:mod:`geomap.maps.layers`).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from geomap.maps._escape import _is_missing, escape_text
from geomap.maps._outlines import country_area_km2, equal_area_radius_m, region_area_km2
from geomap.schema import EVENT_COLORS, EVENT_TYPES

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "UNKNOWN_COLOR",
    "UNKNOWN_TYPE",
    "bounds",
    "event_color",
    "event_counts",
    "event_types_in",
    "highlight_trigger",
    "layer_label",
    "type_slug",
]

#: colour of event types that are not in :data:`geomap.schema.EVENT_COLORS`
UNKNOWN_COLOR = "#7f7f7f"
#: layer name for events whose ``event_type`` is missing
UNKNOWN_TYPE = "(no event type)"

#: largest drawn radius of a country-level area, and of a region-level one (metres)
_MAX_COUNTRY_RADIUS = 900_000.0
_MAX_REGION_RADIUS = 300_000.0
#: radius of a region-level area when the country's size is unknown (metres)
_DEFAULT_REGION_RADIUS = 60_000.0


def event_color(event_type: Any) -> str:
    """Return the ACLED colour of ``event_type`` (grey when unknown)."""
    if not isinstance(event_type, str):
        return UNKNOWN_COLOR
    return EVENT_COLORS.get(event_type, UNKNOWN_COLOR)


def type_slug(event_type: Any) -> str:
    """Return a CSS-class-safe slug of an event type, e.g. ``explosions-remote-violence``.

    Types outside ACLED's list get a short hash of their name appended, so
    that two such types never share a slug (``"a b"`` and ``"a-b"``).
    """
    text = event_type if isinstance(event_type, str) and event_type else "unknown"
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"
    if text in EVENT_COLORS or text == "unknown":
        return slug
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{slug[:40]}-{digest}"


def event_types_in(events: gpd.GeoDataFrame) -> list[str]:
    """Return the event types present in ``events``: ACLED's order first, then others sorted.

    Missing types are reported as :data:`UNKNOWN_TYPE`.
    """
    if len(events) == 0 or "event_type" not in events.columns:
        return [UNKNOWN_TYPE] if len(events) else []
    present = {_type_key(value) for value in events["event_type"].unique()}
    known = [name for name in EVENT_TYPES if name in present]
    return known + sorted(present - set(known))


def event_counts(events: gpd.GeoDataFrame) -> dict[str, int]:
    """Return the number of drawable events (with coordinates) per type, in display order.

    The order is that of :func:`event_types_in`; types without a drawable
    event are left out.
    """
    if len(events) == 0:
        return {}
    lat, lon = _coordinates(events)
    ok = _valid(lat, lon)
    keys = _type_keys(events)
    found: dict[str, int] = {}
    for key, good in zip(keys, ok, strict=True):
        if good:
            found[key] = found.get(key, 0) + 1
    return {name: found[name] for name in event_types_in(events) if name in found}


def layer_label(event_type: str, count: int) -> str:
    """Return the (escaped) HTML label of an event-type layer: swatch, name, count."""
    color = event_color(event_type)
    return (
        f'<span class="geomap-swatch" style="background:{color}"></span>'
        f"{escape_text(event_type)} ({count})"
    )


def highlight_trigger(notes: Any, trigger: Any) -> str:
    """Escape ``notes`` and wrap every occurrence of ``trigger`` in ``<mark>``.

    Whole-word occurrences are preferred (case-insensitive, any run of
    whitespace between the trigger's words); when there is none, any
    occurrence is marked (e.g. the trigger "attack" inside "attacked").

    Parameters
    ----------
    notes : Any
        The evidence text (document text).
    trigger : Any
        The word(s) that signal the event (document text).

    Returns
    -------
    str
        Escaped HTML.

    """
    text = "" if _is_missing(notes) else str(notes)
    words = [] if _is_missing(trigger) else str(trigger).split()
    if not text or not words:
        return escape_text(text)
    core = r"\s+".join(re.escape(word) for word in words)
    matches = list(re.finditer(rf"(?<!\w){core}(?!\w)", text, flags=re.IGNORECASE))
    if not matches:
        matches = list(re.finditer(core, text, flags=re.IGNORECASE))
    out: list[str] = []
    last = 0
    for match in matches:
        out.append(escape_text(text[last : match.start()]))
        out.append(f"<mark>{escape_text(match.group())}</mark>")
        last = match.end()
    out.append(escape_text(text[last:]))
    return "".join(out)


def bounds(events: gpd.GeoDataFrame) -> list[list[float]] | None:
    """Return ``[[south, west], [north, east]]`` of the drawable events, or None."""
    if len(events) == 0:
        return None
    lat, lon = _coordinates(events)
    ok = _valid(lat, lon)
    if not ok.any():
        return None
    return [
        [float(lat[ok].min()), float(lon[ok].min())],
        [float(lat[ok].max()), float(lon[ok].max())],
    ]


def _coordinates(events: Any) -> tuple[np.ndarray, np.ndarray]:
    """Return latitude and longitude arrays (NaN where unknown).

    The ``latitude``/``longitude`` columns when present, else the point geometry.
    """
    n = len(events)
    if {"latitude", "longitude"} <= set(events.columns):
        return _floats(events["latitude"]), _floats(events["longitude"])
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    if _has_geometry(events):
        for i, point in enumerate(events.geometry):
            if point is not None and not point.is_empty and point.geom_type == "Point":
                lat[i], lon[i] = point.y, point.x
    return lat, lon


def _floats(series: Any) -> np.ndarray:
    import pandas as pd

    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return np.array(values, dtype=float)  # a writable copy


def _valid(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)


def _column(events: Any, name: str, rows: np.ndarray | None = None) -> list[Any]:
    if name not in events.columns:
        return [None] * (len(events) if rows is None else len(rows))
    values = events[name].to_numpy(dtype=object)
    return list(values if rows is None else values[rows])


def _type_keys(events: Any) -> list[str]:
    return [_type_key(value) for value in _column(events, "event_type")]


def _has_geometry(events: Any) -> bool:
    try:
        return events.geometry is not None
    except AttributeError:  # not a GeoDataFrame, or one without an active geometry column
        return False


def _type_key(value: Any) -> str:
    return UNKNOWN_TYPE if _is_missing(value) or value == "" else str(value)


def _region_key(country_code: Any, admin1: Any) -> tuple[str, str]:
    code = "" if _is_missing(country_code) else str(country_code).upper()
    return (code, "" if _is_missing(admin1) else str(admin1))


def _geo_precision(value: Any) -> int:
    number = _as_int(value)
    return number if number in (1, 2, 3) else 2


def _as_int(value: Any) -> int | None:
    number = _as_float(value)
    return int(number) if number is not None and number == int(number) else None


def _as_float(value: Any) -> float | None:
    if _is_missing(value) or isinstance(value, (bool, np.bool_)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _is_country_level(row: Mapping[str, Any]) -> bool:
    admin1, location, country = row.get("admin1"), row.get("location"), row.get("country")
    if _is_missing(admin1) or admin1 == "":
        return True
    return not _is_missing(location) and location == country


def _area_radius_m(row: Mapping[str, Any]) -> float:
    """Return the radius of a region- or country-level event's circle, from the area's size."""
    code = row.get("country_code")
    if _is_country_level(row):
        area = country_area_km2(code)
        if area is None:
            return _MAX_REGION_RADIUS
        return min(equal_area_radius_m(area), _MAX_COUNTRY_RADIUS)
    area = region_area_km2(code)
    if area is None:
        return _DEFAULT_REGION_RADIUS
    return min(equal_area_radius_m(area), _MAX_REGION_RADIUS)


def _gazetteer_point(gazetteer: Any, country_code: str, admin1: str) -> tuple[float, float] | None:
    if gazetteer is None or not admin1 or not country_code:
        return None
    try:
        places = gazetteer.lookup(admin1, feature_class="A", country_code=country_code)
    except (KeyError, ValueError, LookupError):
        return None
    for place in places:
        if getattr(place, "feature_code", "") == "ADM1":
            return (float(place.latitude), float(place.longitude))
    return None
