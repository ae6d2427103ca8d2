"""An online gazetteer backend: OpenStreetMap's Nominatim through geopy, turned on explicitly.

The backend only *resolves* names: recognising place names in text still relies
on the offline gazetteer, and the pipeline asks this backend only about the
names the offline gazetteer does not know (see ``Pipeline(fallback=...)``).
Every answer, found or not, is kept in a sqlite cache in the data directory, so
no name is asked twice; requests go through geopy's ``RateLimiter`` (one per
second by default, as Nominatim's usage policy asks).

Importing this module does not import geopy.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from geomap.errors import DataNotFoundError, GeomapError
from geomap.gazetteer._paths import resolve_data_dir
from geomap.gazetteer.base import Gazetteer, normalize_name, register
from geomap.model import Place

__all__ = [
    "CACHE_FILENAME",
    "GeocodingRateLimitError",
    "GeocodingServiceError",
    "GeocodingTimeoutError",
    "GeocodingUnavailableError",
    "NominatimConfigError",
    "NominatimGazetteer",
    "place_from_nominatim",
]

#: the public Nominatim server of the OpenStreetMap Foundation
PUBLIC_DOMAIN = "nominatim.openstreetmap.org"
#: file name of the answer cache inside the data directory
CACHE_FILENAME = "nominatim-cache.sqlite3"
#: longest server-requested wait (Retry-After) the backend sleeps through, in seconds
MAX_RETRY_AFTER = 60.0
_CACHE_SCHEMA = 1


class NominatimConfigError(DataNotFoundError, ValueError):
    """The Nominatim backend is not set up (no user agent, or a rate above the policy).

    It is a :class:`~geomap.errors.DataNotFoundError` so that code which loads
    every registered backend skips this one when it is not configured.
    """


class GeocodingServiceError(GeomapError, ConnectionError):
    """An online geocoding service did not answer usefully (HTTP error, refused, bad reply).

    Attributes
    ----------
    service
        The service's base URL.
    query
        The name that was asked.
    status
        The HTTP status, or ``None`` when there was no HTTP answer.
    attempts
        How many requests were made.

    """

    def __init__(
        self,
        message: str,
        *,
        service: str = "",
        query: str = "",
        status: int | None = None,
        attempts: int = 1,
    ) -> None:
        super().__init__(message)
        self.service = service
        self.query = query
        self.status = status
        self.attempts = attempts

    def __str__(self) -> str:  # OSError would format its arguments
        return str(self.args[0]) if self.args else ""


class GeocodingTimeoutError(GeocodingServiceError, TimeoutError):
    """The online geocoding service did not answer within the timeout."""


class GeocodingRateLimitError(GeocodingServiceError):
    """The online geocoding service refused the request as too frequent (HTTP 429)."""


class GeocodingUnavailableError(GeocodingServiceError):
    """The service failed several lookups in a row and is not asked again for a while.

    No request was made for this lookup (``attempts`` is 0); answers already in
    the cache are still served.
    """


# ---------------------------------------------------------------- mapping


_COUNTRY_TYPES = frozenset({"country"})
_ADM1_TYPES = frozenset({"state", "province", "region"})
_ADM2_TYPES = frozenset({"state_district", "county", "district"})
_ADM3_TYPES = frozenset({"municipality"})
_SETTLEMENT_TYPES = frozenset({"city", "town", "village", "hamlet", "isolated_dwelling"})
_SECTION_TYPES = frozenset(
    {"suburb", "borough", "city_district", "quarter", "neighbourhood", "city_block"}
)


def _feature(raw: dict[str, Any]) -> tuple[str, str] | None:
    """Return the GeoNames (feature class, feature code) of a Nominatim result, or ``None``."""
    kind = str(raw.get("addresstype") or raw.get("type") or "")
    extratags = raw.get("extratags") or {}
    capital = str(extratags.get("capital", "")).lower()
    if kind in _COUNTRY_TYPES:
        return "A", "PCLI"
    if kind in _ADM1_TYPES:
        return "A", "ADM1"
    if kind in _ADM2_TYPES:
        return "A", "ADM2"
    if kind in _ADM3_TYPES:
        return "A", "ADM3"
    if kind in _SETTLEMENT_TYPES:
        if capital in ("yes", "2"):
            return "P", "PPLC"
        if capital == "4":
            return "P", "PPLA"
        return "P", "PPL"
    if kind in _SECTION_TYPES:
        return "P", "PPLX"
    if kind == "locality":
        return "P", "PPLL"
    return None


def _population(extratags: dict[str, Any]) -> int:
    digits = "".join(ch for ch in str(extratags.get("population", "")) if ch.isdigit())
    return int(digits) if digits else 0


def place_from_nominatim(raw: dict[str, Any]) -> Place | None:
    """Map one Nominatim search result (``format=json&addressdetails=1``) to a :class:`Place`.

    The feature class and code come from ``addresstype`` (or ``type``): a country
    is "A"/"PCLI", a state, province or region "A"/"ADM1", a county or district
    "A"/"ADM2", a city, town, village or hamlet "P"/"PPL" ("PPLC" for a national
    capital in ``extratags``). The country code comes from
    ``address.country_code``, the population from ``extratags.population``.
    ``geonameid`` and ``admin1_code`` stay empty: OpenStreetMap has neither.

    Returns
    -------
    Place or None
        ``None`` for results that are neither an area nor a settlement (roads,
        shops, rivers, ...) and for results without coordinates.

    """
    feature = _feature(raw)
    if feature is None:
        return None
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    address = raw.get("address") or {}
    name = str(raw.get("name") or str(raw.get("display_name", "")).split(",")[0]).strip()
    if not name:
        return None
    feature_class, feature_code = feature
    if feature_code == "PCLI":
        admin1 = None
    elif feature_code == "ADM1":
        admin1 = name
    else:
        admin1 = address.get("state") or address.get("province") or address.get("region")
    return Place(
        geonameid=None,
        name=name,
        latitude=lat,
        longitude=lon,
        country_code=str(address.get("country_code", "")).upper(),
        feature_class=feature_class,
        feature_code=feature_code,
        population=_population(raw.get("extratags") or {}),
        admin1_code="",
        admin1=admin1,
        country=str(address.get("country", "")),
    )


def _places(results: Iterable[dict[str, Any]]) -> list[Place]:
    return [p for p in map(place_from_nominatim, results) if p is not None]


def _adapter_without_retries() -> Any:
    """Return geopy's default adapter class, set not to retry on its own.

    geopy's ``RequestsAdapter`` retries twice inside urllib3 (on timeouts and on
    429 with ``Retry-After``), which would bypass the rate limiter: retries are
    made by :class:`NominatimGazetteer` instead.
    """
    import functools

    from geopy.adapters import RequestsAdapter, URLLibAdapter
    from geopy.geocoders import options

    if options.default_adapter_factory is RequestsAdapter:
        return functools.partial(RequestsAdapter, max_retries=0)
    if options.default_adapter_factory is URLLibAdapter:
        return URLLibAdapter  # urllib does not retry
    return options.default_adapter_factory


def _timed_out(exc: BaseException) -> bool:
    """Whether an error was caused by a timeout (geopy's adapters wrap it differently)."""
    seen: set[int] = set()
    todo: list[object] = [exc]
    while todo:
        err = todo.pop()
        if not isinstance(err, BaseException) or id(err) in seen:
            continue
        seen.add(id(err))
        if isinstance(err, TimeoutError) or "timeout" in type(err).__name__.lower():
            return True
        todo.extend([err.__cause__, err.__context__, getattr(err, "reason", None), *err.args])
    return False


# ---------------------------------------------------------------- backend


@register("nominatim")
class NominatimGazetteer(Gazetteer):
    """Places from a Nominatim server, asked through geopy, rate-limited and cached.

    Parameters
    ----------
    data_dir
        Directory of the answer cache (``nominatim-cache.sqlite3``), resolved like
        the gazetteer index: this argument, ``$GEOMAP_DATA_DIR``, then the user
        data directory.
    user_agent
        Required: a user agent naming your application and how to reach you
        ("my-newsroom-map/1.0 (maps@example.org)"), as Nominatim's policy asks.
    domain, scheme
        Where the server is: the public OpenStreetMap one by default; for a
        self-hosted server e.g. ``domain="nominatim.example.org"`` or
        ``domain="localhost:8080", scheme="http"``.
    url
        The server as one URL ("http://localhost:8080"); overrides ``domain`` and
        ``scheme``.
    min_delay_seconds
        Least time between two requests (geopy's ``RateLimiter``). The public
        server allows at most one request per second, so it cannot go below 1.0
        there.
    timeout
        Seconds to wait for an answer.
    max_retries
        Retries after a timeout, a refused connection, HTTP 429 or a 5xx answer;
        other errors (HTTP 400, 403, ...) are not retried.
    error_wait_seconds
        Wait before a retry (longer when a 429 answer says ``Retry-After``).
    max_results
        Results asked per name (Nominatim's ``limit``); filters apply to these.
    max_failures
        After this many lookups in a row failed (each after its retries), the
        server is not asked again for ``pause_seconds``: lookups that the cache
        cannot answer raise :class:`GeocodingUnavailableError` at once, so a run
        against a server that is down does not wait out a timeout per name.
    pause_seconds
        How long the server is left alone after ``max_failures`` failures; the
        next lookup after the pause is sent, and one more failure pauses again.
    language
        Preferred language of the names (``accept-language``).
    cache
        Keep answers in the sqlite cache of ``data_dir``; with ``False`` they are
        kept in memory for the life of the object only.

    Raises
    ------
    NominatimConfigError
        No user agent, or ``min_delay_seconds`` below 1 on the public server.

    Notes
    -----
    :meth:`has_key` is true only for names already answered with a place (the
    backend cannot list every name), so recognition of names in text still relies
    on the offline gazetteer; use this backend as ``Pipeline(fallback=...)``.
    Errors are cached never, answers (found or not) always.

    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        user_agent: str | None = None,
        domain: str = PUBLIC_DOMAIN,
        scheme: str = "https",
        url: str | None = None,
        min_delay_seconds: float = 1.0,
        timeout: float = 10.0,
        max_retries: int = 2,
        error_wait_seconds: float = 2.0,
        max_results: int = 10,
        max_failures: int = 3,
        pause_seconds: float = 60.0,
        language: str | None = "en",
        cache: bool = True,
    ) -> None:
        if not user_agent or not user_agent.strip():
            raise NominatimConfigError(
                "the 'nominatim' backend is online and needs a user agent naming your "
                "application, as Nominatim's usage policy asks: "
                "NominatimGazetteer(user_agent='my-app/1.0 (me@example.org)')"
            )
        if url is not None:
            parts = urlsplit(url if "://" in url else f"https://{url}")
            scheme, domain = parts.scheme, parts.netloc + parts.path.rstrip("/")
        domain = domain.strip().strip("/")
        if domain == PUBLIC_DOMAIN and min_delay_seconds < 1.0:
            raise NominatimConfigError(
                f"the public Nominatim server allows at most 1 request per second; "
                f"min_delay_seconds={min_delay_seconds} is too small"
            )
        if max_retries < 0 or timeout <= 0 or max_results < 1 or max_failures < 1:
            raise NominatimConfigError(
                "max_retries must be >= 0, timeout > 0, max_results >= 1 and max_failures >= 1"
            )
        if pause_seconds < 0:
            raise NominatimConfigError("pause_seconds must be >= 0")
        from geopy.exc import ConfigurationError
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self.user_agent = user_agent.strip()
        self.endpoint = f"{scheme}://{domain}"
        self.min_delay_seconds = float(min_delay_seconds)
        self.timeout = float(timeout)
        self.max_retries = int(max_retries)
        self.error_wait_seconds = float(error_wait_seconds)
        self.max_results = int(max_results)
        self.max_failures = int(max_failures)
        self.pause_seconds = float(pause_seconds)
        self.failures = 0  # lookups failed in a row
        self._paused_until = 0.0  # time.monotonic() before which the server is not asked
        self._last_error: GeocodingServiceError | None = None
        self.language = language
        try:
            self.geocoder = Nominatim(
                user_agent=self.user_agent,
                domain=domain,
                scheme=scheme,
                timeout=self.timeout,
                adapter_factory=_adapter_without_retries(),
            )
        except ConfigurationError as exc:  # a sample user agent, an unknown scheme
            raise NominatimConfigError(f"cannot use Nominatim at {self.endpoint}: {exc}") from exc
        # retries are ours (only for errors worth retrying); the limiter spaces requests
        self._geocode = RateLimiter(
            self.geocoder.geocode,
            min_delay_seconds=self.min_delay_seconds,
            max_retries=0,
            error_wait_seconds=self.min_delay_seconds,
            swallow_exceptions=False,
        )
        self.requests = 0
        self._lock = threading.RLock()
        self._memory: dict[tuple[str, str], list[Place]] = {}
        self._known: set[str] = set()  # keys answered with at least one place
        if cache:
            directory = resolve_data_dir(data_dir)
            directory.mkdir(parents=True, exist_ok=True)
            self.cache_path: str = str(directory / CACHE_FILENAME)
        else:
            self.cache_path = ":memory:"
        self._db = sqlite3.connect(self.cache_path, timeout=30.0, check_same_thread=False)
        self._open_cache()

    # ------------------------------------------------------------------ cache

    def _open_cache(self) -> None:
        with self._lock, self._db:
            (version,) = self._db.execute("PRAGMA user_version").fetchone()
            if version != _CACHE_SCHEMA:
                self._db.execute("DROP TABLE IF EXISTS answers")
                self._db.execute(f"PRAGMA user_version = {_CACHE_SCHEMA}")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers ("
                " endpoint TEXT NOT NULL, key TEXT NOT NULL, country TEXT NOT NULL,"
                " body TEXT NOT NULL, hits INTEGER NOT NULL, fetched REAL NOT NULL,"
                " PRIMARY KEY (endpoint, key, country))"
            )

    def _cached(self, key: str, country: str) -> list[Place] | None:
        places = self._memory.get((key, country))
        if places is not None:
            return places
        with self._lock:
            row = self._db.execute(
                "SELECT body FROM answers WHERE endpoint = ? AND key = ? AND country = ?",
                (self.endpoint, key, country),
            ).fetchone()
        if row is None:
            return None
        places = _places(json.loads(row[0]))
        self._remember(key, country, places)
        return places

    def _remember(self, key: str, country: str, places: list[Place]) -> None:
        self._memory[(key, country)] = places
        if places:
            self._known.add(key)

    def _store(self, key: str, country: str, results: list[dict[str, Any]]) -> list[Place]:
        places = _places(results)
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                (
                    self.endpoint,
                    key,
                    country,
                    json.dumps(results, ensure_ascii=False),
                    len(places),
                    time.time(),
                ),
            )
        self._remember(key, country, places)
        return places

    def cache_size(self) -> int:
        """Return how many answers (found or not) the cache holds for this server."""
        with self._lock:
            (count,) = self._db.execute(
                "SELECT COUNT(*) FROM answers WHERE endpoint = ?", (self.endpoint,)
            ).fetchone()
        return int(count)

    def close(self) -> None:
        """Close the cache database."""
        with self._lock:
            self._db.close()

    # ------------------------------------------------------------------ requests

    def _fetch(self, name: str, country: str) -> list[dict[str, Any]]:
        """Ask the server about ``name`` with retries; return the raw results."""
        from geopy.exc import GeocoderQueryError, GeocoderServiceError

        attempts = 0
        while True:
            attempts += 1
            self.requests += 1
            try:
                found = self._geocode(
                    name,
                    exactly_one=False,
                    limit=self.max_results,
                    addressdetails=True,
                    extratags=True,
                    language=self.language or False,
                    country_codes=country.lower() or None,
                )
            except GeocoderServiceError as exc:
                status = getattr(exc.__cause__, "status_code", None)
                retry_after = getattr(exc, "retry_after", None)
                retriable = not isinstance(exc, GeocoderQueryError) and (
                    status is None or status in (408, 429) or status >= 500
                )
                wait = max(self.error_wait_seconds, float(retry_after or 0.0))
                if retriable and attempts <= self.max_retries and wait <= MAX_RETRY_AFTER:
                    time.sleep(wait)
                    continue
                raise self._error(exc, name, status, attempts) from exc
            if found is None:
                return []
            return [dict(location.raw) for location in found]

    def _fetch_guarded(self, name: str, country: str) -> list[dict[str, Any]]:
        """:meth:`_fetch`, unless the server failed ``max_failures`` lookups in a row."""
        now = time.monotonic()
        if self.failures >= self.max_failures and now < self._paused_until:
            last = self._last_error
            raise GeocodingUnavailableError(
                f"nominatim at {self.endpoint} is not asked about {name!r}: it failed "
                f"{self.failures} lookups in a row (last: {last}); asking again in "
                f"{self._paused_until - now:.0f} s",
                service=self.endpoint,
                query=name,
                status=last.status if last else None,
                attempts=0,
            )
        try:
            found = self._fetch(name, country)
        except GeocodingServiceError as exc:
            self.failures += 1
            self._last_error = exc
            if self.failures >= self.max_failures:
                self._paused_until = time.monotonic() + self.pause_seconds
            raise
        self.failures = 0
        return found

    def _error(
        self, exc: Exception, name: str, status: int | None, attempts: int
    ) -> GeocodingServiceError:
        from geopy.exc import GeocoderRateLimited, GeocoderTimedOut

        tries = f"after {attempts} attempt{'s' if attempts != 1 else ''}"
        where = f"nominatim at {self.endpoint}"
        info: dict[str, Any] = {
            "service": self.endpoint,
            "query": name,
            "status": status,
            "attempts": attempts,
        }
        if isinstance(exc, GeocoderRateLimited) or status == 429:
            return GeocodingRateLimitError(
                f"{where} refused {name!r} as too many requests (HTTP 429) {tries}; "
                f"keep to 1 request per second (min_delay_seconds >= 1) or use your own server",
                **info,
            )
        if status is None and (isinstance(exc, GeocoderTimedOut) or _timed_out(exc)):
            return GeocodingTimeoutError(
                f"{where} did not answer {name!r} within {self.timeout:g} s {tries}; "
                "raise timeout= or check the server",
                **info,
            )
        what = f"HTTP {status}" if status is not None else type(exc).__name__
        return GeocodingServiceError(f"{where} failed on {name!r}: {what} {tries}: {exc}", **info)

    # ------------------------------------------------------------------ API

    def lookup(
        self,
        name: str,
        *,
        country_code: str | None = None,
        feature_class: str | None = None,
        admin1_code: str | None = None,
        limit: int | None = None,
    ) -> list[Place]:
        """Return the places the server finds for ``name``, in its order of importance.

        A name is asked once per country filter (``countrycodes``); the answer is
        cached, and the other filters apply to it locally. ``admin1_code``
        matches nothing, since OpenStreetMap has no GeoNames codes. See
        :meth:`Gazetteer.lookup` for the parameters.

        Raises
        ------
        GeocodingServiceError
            The server failed (``GeocodingTimeoutError`` for a timeout,
            ``GeocodingRateLimitError`` for HTTP 429) after the retries.

        """
        key = normalize_name(name)
        if not key or (limit is not None and limit <= 0):
            return []
        country = (country_code or "").upper()
        with self._lock:
            places = self._cached(key, country)
            if places is None:
                places = self._store(key, country, self._fetch_guarded(name.strip(), country))
        out = [
            p
            for p in places
            if (not country or p.country_code == country)
            and (feature_class is None or p.feature_class == feature_class)
            and (admin1_code is None or p.admin1_code == admin1_code)
        ]
        return out if limit is None else out[:limit]

    def get(self, geonameid: int) -> Place | None:
        """Return ``None``: OpenStreetMap places have no GeoNames id."""
        return None

    def has_key(self, key: str) -> bool:
        """Whether ``key`` (a normalised name) was already answered with a place.

        The server is not asked: only names in the cache can be known.
        """
        if key in self._known:
            return True
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM answers WHERE endpoint = ? AND key = ? AND hits > 0 LIMIT 1",
                (self.endpoint, key),
            ).fetchone()
        return row is not None

    def country(self, country_code: str) -> Place | None:
        """Return ``None``: countries by code come from the offline gazetteer."""
        return None

    def __repr__(self) -> str:
        return f"NominatimGazetteer({self.endpoint}, cache={self.cache_path})"
