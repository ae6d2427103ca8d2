"""Country outlines and areas from ``countryinfo``, for the offline base layer and area sizes."""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

__all__ = ["country_area_km2", "country_outlines", "equal_area_radius_m", "region_area_km2"]

#: simplification tolerance of the outlines, in degrees (~5 km at the equator)
_TOLERANCE = 0.05
#: decimals kept in the outlines' coordinates
_DECIMALS = 2


def _data_dir() -> Path:
    import countryinfo

    return Path(countryinfo.__file__).parent / "data"


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    """Return ``alpha2 -> {"area": km², "provinces": n, "geometry": GeoJSON or None}``."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(_data_dir().glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        code = (data.get("ISO") or {}).get("alpha2")
        if not isinstance(code, str) or len(code) != 2:
            continue
        geometry = None
        features = (data.get("geoJSON") or {}).get("features") or []
        if features and isinstance(features[0], dict):
            geometry = features[0].get("geometry")
        area = data.get("area")
        found[code.upper()] = {
            "area": float(area) if isinstance(area, (int, float)) and area > 0 else None,
            "provinces": len(data.get("provinces") or []),
            "geometry": geometry,
        }
    return found


def country_area_km2(country_code: Any) -> float | None:
    """Return a country's area in km² (from ``countryinfo``), or None if unknown.

    Parameters
    ----------
    country_code : Any
        ISO 3166-1 alpha-2 code, any case.

    """
    if not isinstance(country_code, str):
        return None
    entry = _countries().get(country_code.upper())
    return entry["area"] if entry else None


def region_area_km2(country_code: Any) -> float | None:
    """Return the mean area of a country's first-order regions in km², or None if unknown.

    The country's area divided by its number of provinces (``countryinfo``);
    a coarse size for drawing region-level events as areas.
    """
    area = country_area_km2(country_code)
    if area is None:
        return None
    provinces = _countries()[country_code.upper()]["provinces"]
    return area / max(provinces, 1)


@functools.cache
def country_outlines() -> str:
    """Return the world's country outlines as a compact GeoJSON string.

    Every country ``countryinfo`` has a shape for, simplified (about 5 km) and
    rounded to two decimals; properties are empty. Computed once per process.

    Returns
    -------
    str
        A GeoJSON ``FeatureCollection`` (no spaces), safe inside ``<script>``.

    """
    from shapely.geometry import mapping, shape

    features = []
    for code, entry in sorted(_countries().items()):
        geometry = entry["geometry"]
        if not geometry:
            continue
        try:
            simple = shape(geometry).simplify(_TOLERANCE, preserve_topology=True)
        except (ValueError, TypeError, AttributeError):
            continue
        if simple.is_empty:
            continue
        coords = _round(mapping(simple)["coordinates"])
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {},
                "geometry": {"type": simple.geom_type, "coordinates": coords},
            }
        )
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    return text.replace("</", "<\\/")


def _round(coords: Any) -> Any:
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), _DECIMALS) for c in coords[:2]]
    out = [_round(c) for c in coords]
    if out and isinstance(out[0], list) and out[0] and isinstance(out[0][0], float):
        # drop consecutive duplicates created by rounding
        out = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    return out


def equal_area_radius_m(area_km2: float) -> float:
    """Return the radius in metres of a circle of ``area_km2``."""
    return math.sqrt(area_km2 / math.pi) * 1000.0
