"""geopy geocoders backed by geomap's embedded gazetteer, usable wherever geopy's are.

:class:`OfflineGeoNames` answers ``geocode`` from the offline GeoNames gazetteer
and ``reverse`` with the nearest populated place, without any network access::

    from geopy.extra.rate_limiter import RateLimiter
    import geopandas

    coder = OfflineGeoNames()
    coder.geocode("Alma-Ata").address          # 'Almaty, Almaty, Kazakhstan'
    geopandas.tools.geocode(["Kiev", "Bombay"], provider=OfflineGeoNames)
"""

from __future__ import annotations

import dataclasses
import math
import os
import threading
from collections.abc import Mapping
from typing import Any

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderQueryError, GeocoderServiceError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.gazetteer.base import Gazetteer
from geomap.model import Place

__all__ = ["OfflineGeoNames", "place_address", "place_location"]

_EARTH_KM = 6371.0088
#: keys of a structured geopy query, most specific first
_STRUCTURED_KEYS = ("city", "county", "state", "country")


class _NoNetworkAdapter(BaseSyncAdapter):
    """A geopy adapter that refuses every request: the offline geocoder never needs one."""

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        """Refuse the request."""
        raise GeocoderServiceError(f"OfflineGeoNames makes no network requests (asked {url})")

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        """Refuse the request."""
        raise GeocoderServiceError(f"OfflineGeoNames makes no network requests (asked {url})")


def place_address(place: Place) -> str:
    """Return a geopy-style address for a place: name, first-order region, country.

    The region is left out for a region itself and the country for a country
    ("Almaty, Almaty, Kazakhstan", "Aktobe, Kazakhstan", "Kazakhstan").
    """
    parts = [place.name]
    if place.admin1 and not (place.feature_code == "ADM1" and place.admin1 == place.name):
        parts.append(place.admin1)
    if place.country and place.country != place.name:
        parts.append(place.country)
    return ", ".join(parts)


def place_location(place: Place, **extra: Any) -> Location:
    """Return a :class:`geopy.location.Location` for a place; ``raw`` holds its fields.

    ``raw`` is the place as a dict (geonameid, name, latitude, longitude,
    country_code, feature_class, feature_code, population, admin1_code, admin1,
    country) plus ``extra``.
    """
    raw = dataclasses.asdict(place)
    raw.update(extra)
    return Location(place_address(place), Point(place.latitude, place.longitude), raw)


class _NearestPlaces:
    """Populated places on a one-degree grid, for nearest-place queries.

    Cells are numbered ``(lat + 90) * 360 + (lon + 180)`` and the places sorted by
    cell, so the places in a row of cells are one slice.
    """

    def __init__(self, gazetteer: Any) -> None:
        import numpy as np

        # the index's arrays (memoryviews): numpy reads their item type from them
        lat = np.asarray(gazetteer._lat, dtype=np.float64)
        lon = np.asarray(gazetteer._lon, dtype=np.float64)
        codes = np.asarray(gazetteer._fcode)
        populated = np.array([c == "P" for c in gazetteer._fclass], dtype=bool)[codes]
        rows = np.nonzero(populated)[0]
        cells = self._cells(lat[rows], lon[rows])
        order = np.argsort(cells, kind="stable")
        self.rows = rows[order]
        self.cells = cells[order]
        self.lat = np.radians(lat[self.rows])
        self.lon = np.radians(lon[self.rows])
        self._gazetteer = gazetteer

    @staticmethod
    def _cells(lat: Any, lon: Any) -> Any:
        import numpy as np

        ilat = np.clip(np.floor(lat).astype(np.int64) + 90, 0, 179)
        ilon = np.mod(np.floor(lon).astype(np.int64) + 180, 360)
        return ilat * 360 + ilon

    def distances(self, lat: float, lon: float, index: Any) -> Any:
        """Great-circle distances (km) from a point to the places at ``index``."""
        import numpy as np

        p1, l1 = math.radians(lat), math.radians(lon)
        dp = self.lat[index] - p1
        dl = self.lon[index] - l1
        a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(self.lat[index]) * np.sin(dl / 2) ** 2
        return 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))

    def _in_box(self, lat: float, lon: float, radius_km: float) -> Any:
        """Indices of the places in the cells that cover every point within ``radius_km``."""
        import numpy as np

        r = radius_km / _EARTH_KM
        r_deg = math.degrees(r)
        lat_lo, lat_hi = lat - r_deg, lat + r_deg
        spread = math.sin(r) / max(math.cos(math.radians(lat)), 1e-12)
        if lat_lo <= -90 or lat_hi >= 90 or spread >= 1:
            lon_ranges = [(0, 359)]  # the circle reaches a pole or spans every meridian
            lat_lo, lat_hi = max(lat_lo, -90.0), min(lat_hi, 89.999)
        else:
            d_lon = math.degrees(math.asin(spread))
            lo = math.floor(lon - d_lon) + 180
            hi = math.floor(lon + d_lon) + 180
            if hi - lo >= 359:
                lon_ranges = [(0, 359)]
            elif lo < 0:
                lon_ranges = [(lo + 360, 359), (0, hi)]
            elif hi > 359:
                lon_ranges = [(lo, 359), (0, hi - 360)]
            else:
                lon_ranges = [(lo, hi)]
        rows = np.arange(math.floor(lat_lo) + 90, math.floor(lat_hi) + 91)
        rows = rows[(rows >= 0) & (rows <= 179)]
        firsts = np.concatenate([rows * 360 + a for a, _ in lon_ranges])
        lasts = np.concatenate([rows * 360 + b for _, b in lon_ranges])
        starts = np.searchsorted(self.cells, firsts, side="left")
        ends = np.searchsorted(self.cells, lasts, side="right")
        spans = [np.arange(s, e) for s, e in zip(starts, ends, strict=True) if e > s]
        return np.concatenate(spans) if spans else np.empty(0, dtype=np.int64)

    def nearest(self, lat: float, lon: float, k: int = 1) -> list[tuple[int, float]]:
        """Return the ``k`` nearest populated places as (gazetteer row, distance in km)."""
        import numpy as np

        k = max(1, min(k, len(self.rows)))
        radius = 25.0
        while radius < math.pi * _EARTH_KM:
            index = self._in_box(lat, lon, radius)
            if len(index) >= k:
                dist = self.distances(lat, lon, index)
                inside = dist <= radius
                # every place within ``radius`` is in the box, so these are the nearest
                if np.count_nonzero(inside) >= k:
                    index, dist = index[inside], dist[inside]
                    order = np.lexsort((self.rows[index], dist))[:k]
                    return [(int(self.rows[index[i]]), float(dist[i])) for i in order]
            radius *= 4
        index = np.arange(len(self.rows))
        dist = self.distances(lat, lon, index)
        order = np.lexsort((self.rows, dist))[:k]
        return [(int(self.rows[i]), float(dist[i])) for i in order]


class OfflineGeoNames(Geocoder):
    """A geopy geocoder answered by geomap's embedded GeoNames gazetteer, offline.

    Parameters
    ----------
    gazetteer
        The gazetteer to answer from; the embedded ``geonames`` one (loaded on
        first use) by default.
    data_dir
        Data directory of the default gazetteer (see
        :func:`geomap.gazetteer.load_gazetteer`).
    user_agent, timeout
        Accepted for compatibility with geopy; no request is ever made.

    Notes
    -----
    ``geopandas.tools.geocode(strings, provider=...)`` creates its geocoder by
    calling the provider with its keyword arguments: the class works, and so does
    an instance, since calling an instance without arguments returns it (with
    arguments, a new geocoder on the same gazetteer).

    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        data_dir: str | os.PathLike[str] | None = None,
        user_agent: str | None = None,
        timeout: float | object = DEFAULT_SENTINEL,
    ) -> None:
        super().__init__(
            user_agent=user_agent or "geomap-offline",
            timeout=timeout,
            adapter_factory=_NoNetworkAdapter,
        )
        self._gazetteer = gazetteer
        self._data_dir = data_dir
        self._nearest: _NearestPlaces | None = None
        self._lock = threading.Lock()

    def __call__(self, **options: Any) -> OfflineGeoNames:
        """Return this geocoder, or a new one on the same gazetteer with ``options``."""
        if not options:
            return self
        options.setdefault("data_dir", self._data_dir)
        return type(self)(self._gazetteer, **options)

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer that answers (loaded on first use)."""
        if self._gazetteer is None:
            from geomap.gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer("geonames", data_dir=self._data_dir)
        return self._gazetteer

    # ------------------------------------------------------------------ geocode

    def _qualify(self, qualifiers: list[str], country: str | None) -> tuple[str | None, str | None]:
        """Read "Kazakhstan", "Texas" after the name: return (country code, admin1 code)."""
        admin1: str | None = None
        for part in reversed(qualifiers):
            areas = self.gazetteer.lookup(part, feature_class="A", country_code=country)
            nation = next((p for p in areas if p.feature_code.startswith("PCL")), None)
            if nation is not None and country is None:
                country = nation.country_code
                continue
            region = next((p for p in areas if p.feature_code == "ADM1"), None)
            if region is not None and admin1 is None and region.admin1_code:
                country, admin1 = region.country_code, region.admin1_code
        return country, admin1

    def _search(
        self,
        query: str | Mapping[str, Any],
        *,
        country_codes: set[str] | None,
        feature_class: str | None,
    ) -> list[Place]:
        if isinstance(query, Mapping):
            parts = [str(query[k]).strip() for k in _STRUCTURED_KEYS if query.get(k)]
        elif isinstance(query, str):
            parts = [p.strip() for p in query.split(",")]
        else:
            raise GeocoderQueryError(f"a query must be a string or a mapping, not {query!r}")
        parts = [p for p in parts if p]
        if not parts:
            return []
        single = (
            None if country_codes is None or len(country_codes) != 1 else next(iter(country_codes))
        )
        gaz = self.gazetteer
        found = []
        if isinstance(query, str) and len(parts) > 1:
            # the whole string may itself be a name ("Washington, D.C.")
            found = gaz.lookup(query, country_code=single, feature_class=feature_class)
        if not found:
            country, admin1 = self._qualify(parts[1:], single)
            if single is not None and country != single:
                return []
            found = gaz.lookup(
                parts[0], country_code=country, feature_class=feature_class, admin1_code=admin1
            )
        if country_codes:
            found = [p for p in found if p.country_code in country_codes]
        return found

    def geocode(
        self,
        query: str | Mapping[str, Any],
        *,
        exactly_one: bool = True,
        timeout: float | object = DEFAULT_SENTINEL,
        country_codes: str | list[str] | None = None,
        feature_class: str | None = None,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """Return the place named ``query`` as a geopy :class:`~geopy.location.Location`.

        Parameters
        ----------
        query
            A place name ("Alma-Ata"), optionally qualified by a country or a
            first-order region after commas ("Paris, Texas", "Almaty, Kazakhstan");
            or a structured query with ``city``, ``county``, ``state``, ``country``.
        exactly_one
            Return the best place only, else a list of places best first.
        timeout
            Ignored: nothing is asked over the network.
        country_codes
            Keep only places in these countries (ISO alpha-2, any case).
        feature_class
            Keep only settlements ("P") or areas ("A").
        limit
            At most this many places when ``exactly_one`` is false.

        Returns
        -------
        Location, list of Location, or None
            ``None`` when no place has that name, as geopy's geocoders do. The
            ``raw`` dict holds the GeoNames fields of the place.

        Raises
        ------
        GeocoderQueryError
            ``query`` is neither a string nor a mapping (a ``ValueError``).

        """
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        wanted = {c.upper() for c in country_codes} if country_codes else None
        places = self._search(query, country_codes=wanted, feature_class=feature_class)
        if not places:
            return None
        if exactly_one:
            return place_location(places[0])
        if limit is not None:
            places = places[: max(int(limit), 0)]
        return [place_location(p) for p in places] or None

    # ------------------------------------------------------------------ reverse

    def _nearest_index(self) -> _NearestPlaces:
        with self._lock:
            if self._nearest is None:
                gaz = self.gazetteer
                if not all(hasattr(gaz, a) for a in ("_lat", "_lon", "_fcode", "_place")):
                    raise NotImplementedError(
                        f"reverse geocoding needs the 'geonames' gazetteer, not {gaz!r}"
                    )
                self._nearest = _NearestPlaces(gaz)
            return self._nearest

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: float | object = DEFAULT_SENTINEL,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """Return the nearest populated place to a point.

        Parameters
        ----------
        query
            A point: ``(latitude, longitude)``, ``"lat, lon"`` or a geopy ``Point``.
        exactly_one
            Return the nearest place only, else a list nearest first.
        timeout
            Ignored: nothing is asked over the network.
        limit
            How many places when ``exactly_one`` is false (10 by default).

        Returns
        -------
        Location or list of Location
            Places with ``raw["distance_km"]``, the great-circle distance to them.

        Raises
        ------
        ValueError
            ``query`` is not a point.
        NotImplementedError
            The gazetteer is not the embedded GeoNames one.

        """
        point = query if isinstance(query, Point) else Point(query)
        index = self._nearest_index()
        k = 1 if exactly_one else (10 if limit is None else max(int(limit), 1))
        gaz: Any = self.gazetteer
        found = [
            place_location(gaz._place(row), distance_km=round(dist, 3))
            for row, dist in index.nearest(point.latitude, point.longitude, k)
        ]
        if not found:
            return None
        return found[0] if exactly_one else found
