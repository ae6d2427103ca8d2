"""Representative points of countries and regions for the embedded index."""

from __future__ import annotations

import math
from typing import Any

#: GeoNames' own country points where countryinfo's rounded ``latlng`` lies more than
#: 150 km from them (for every other country the two agree to the degree)
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5),
    "KW": (29.5, 47.75),
}
#: a country's rounded point moves halfway to the centroid of its largest polygon when
#: the two lie between these distances (km): closer, the point is central enough;
#: further apart, the shape misleads (archipelagos, Canada)
COUNTRY_CENTROID_KM = (150.0, 250.0)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _shape_centroid(info: dict[str, Any]) -> tuple[float, float] | None:
    """Return the centroid (lat, lon) of the largest polygon of a countryinfo outline."""
    from shapely.geometry import shape

    features = (info.get("geoJSON") or {}).get("features") or []
    if not features or not features[0].get("geometry"):
        return None
    try:
        geometry = shape(features[0]["geometry"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    parts = list(getattr(geometry, "geoms", [geometry]))
    if not parts:
        return None
    point = max(parts, key=lambda g: g.area).centroid
    return (point.y, point.x) if not point.is_empty else None


def country_point(latlng: tuple[float, float], info: dict[str, Any]) -> tuple[float, float]:
    """Return the representative point of a country.

    countryinfo's rounded point, moved halfway to the centroid of the country's
    largest polygon when the two lie :data:`COUNTRY_CENTROID_KM` apart (the rounded
    point can be a degree or two off the middle of the land).
    """
    centroid = _shape_centroid(info)
    low, high = COUNTRY_CENTROID_KM
    if centroid is None or not low <= _km(*latlng, *centroid) < high:
        return latlng
    return (latlng[0] + centroid[0]) / 2, (latlng[1] + centroid[1]) / 2


def _mean_point(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Return the population-weighted mean of (lat, lon, pop) on the sphere."""
    x = y = z = 0.0
    for lat, lon, pop in points:
        w = max(pop, 1)
        phi, lam = math.radians(lat), math.radians(lon)
        x += w * math.cos(phi) * math.cos(lam)
        y += w * math.cos(phi) * math.sin(lam)
        z += w * math.sin(phi)
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    lon = math.degrees(math.atan2(y, x))
    return lat, lon
