"""geopy interoperability (OfflineGeoNames) and the online Nominatim backend.

The Nominatim backend is tested against a real HTTP server process on 127.0.0.1
(``tests/_nominatim_server.py``) that answers in Nominatim's JSON format; nothing
here touches the internet.
"""

from __future__ import annotations

import json
import random
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import test_gazetteer
from geopy.distance import distance
from geopy.exc import GeocoderQueryError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.errors import DataNotFoundError, GeomapError
from geomap.gazetteer import backends, get_gazetteer_class, load_gazetteer, normalize_name
from geomap.gazetteer.nominatim import (
    CACHE_FILENAME,
    GeocodingRateLimitError,
    GeocodingServiceError,
    GeocodingTimeoutError,
    GeocodingUnavailableError,
    NominatimConfigError,
    NominatimGazetteer,
    place_from_nominatim,
)
from geomap.geocoders import OfflineGeoNames, place_address
from geomap.pipeline import Pipeline

SERVER_SCRIPT = Path(__file__).with_name("_nominatim_server.py")
USER_AGENT = "geomap-tests/1.0 (tests@example.org)"
ALMATY, KYIV = 1526384, 703448
UNKNOWN_OFFLINE = "Protesters rallied in North Karamendy on Tuesday."


# ------------------------------------------------------------------ fixtures


class LoopbackNominatim:
    """The test server process: its URL and its request log."""

    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self.process = process
        self.url = f"http://127.0.0.1:{port}"

    def _get(self, path: str) -> object:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return json.loads(response.read())

    def log(self) -> list[dict]:
        """Every search request since the last reset, oldest first."""
        return self._get("/_log")  # type: ignore[return-value]

    def queries(self) -> list[str]:
        return [entry["q"] for entry in self.log()]

    def reset(self) -> None:
        self._get("/_reset")


@pytest.fixture(scope="module")
def loopback():
    process = subprocess.Popen(
        [sys.executable, str(SERVER_SCRIPT)], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(process.stdout.readline())
        yield LoopbackNominatim(process, port)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


@pytest.fixture
def server(loopback):
    loopback.reset()
    return loopback


@pytest.fixture
def online(server, tmp_path):
    """Build Nominatim backends on the loopback server, with a fresh cache directory."""

    def make(data_dir: Path = tmp_path, **options) -> NominatimGazetteer:
        settings = {
            "user_agent": USER_AGENT,
            "url": server.url,
            "min_delay_seconds": 0.01,
            "timeout": 5.0,
            "error_wait_seconds": 0.05,
            **options,
        }
        return NominatimGazetteer(data_dir, **settings)

    return make


@pytest.fixture(scope="module")
def coder(gazetteer):
    return OfflineGeoNames(gazetteer)


# ------------------------------------------------------------------ OfflineGeoNames


def test_offline_geocode_is_a_geopy_location(coder):
    assert isinstance(coder, Geocoder)
    loc = coder.geocode("Alma-Ata")
    assert isinstance(loc, Location) and isinstance(loc.point, Point)
    raw = loc.raw
    assert raw["geonameid"] == ALMATY and raw["name"] == "Almaty"
    assert raw["feature_class"] == "P" and raw["country_code"] == "KZ" and raw["admin1_code"]
    assert raw["population"] > 1_000_000
    assert loc.address == place_address(coder.gazetteer.get(ALMATY))
    assert loc.address.startswith("Almaty, ") and loc.address.endswith(", Kazakhstan")
    address, (lat, lon) = loc  # geopy's tuple protocol
    assert address == loc.address and (lat, lon) == (raw["latitude"], raw["longitude"])
    assert distance(loc.point, (43.25, 76.91)).km < 20


def test_offline_geocode_options(coder):
    many = coder.geocode("Paris", exactly_one=False)
    assert isinstance(many, list) and len(many) > 2 and many[0].raw["country_code"] == "FR"
    assert len(coder.geocode("Paris", exactly_one=False, limit=2)) == 2
    us = coder.geocode("Paris", exactly_one=False, country_codes="us")
    assert us and all(loc.raw["country_code"] == "US" for loc in us)
    both = coder.geocode("Paris", exactly_one=False, country_codes=["us", "CA"])
    assert both and {loc.raw["country_code"] for loc in both} <= {"US", "CA"}
    texas = coder.geocode("Paris, Texas")
    assert (texas.raw["country_code"], texas.raw["admin1_code"]) == ("US", "TX")
    assert coder.geocode("Almaty, Kazakhstan").raw["geonameid"] == ALMATY
    structured = coder.geocode({"city": "Paris", "state": "Texas", "country": "USA"})
    assert structured.raw["admin1_code"] == "TX"
    area = coder.geocode("Aktobe", feature_class="A")
    assert area.raw["feature_code"] == "ADM1" and area.address.endswith("Kazakhstan")
    country = coder.geocode("Kazakhstan")
    assert country.address == "Kazakhstan" and country.raw["feature_code"] == "PCLI"
    assert coder.geocode("zzqx no such place qxzz") is None
    assert coder.geocode("zzqx", exactly_one=False) is None
    assert coder.geocode("   ") is None
    with pytest.raises(GeocoderQueryError):
        coder.geocode(float("nan"))


def test_offline_geocoder_with_geopy_rate_limiter(coder):
    geocode = RateLimiter(coder.geocode, min_delay_seconds=0.0, swallow_exceptions=False)
    found = [geocode(name) for name in ("Kiev", "Bombay", "zzqx no such place qxzz")]
    assert found[0].raw["geonameid"] == KYIV
    assert found[1].raw["country_code"] == "IN"
    assert found[2] is None


@pytest.mark.parametrize("as_instance", [False, True], ids=["class", "instance"])
def test_geopandas_geocode(gazetteer, as_instance):
    import geopandas
    import pandas as pd
    from geopandas.tools import geocode

    provider = OfflineGeoNames(gazetteer) if as_instance else OfflineGeoNames
    frame = geocode(["Alma-Ata", "Kiev", "zzqx no such place qxzz", None], provider=provider)
    assert isinstance(frame, geopandas.GeoDataFrame) and list(frame.columns) == [
        "geometry",
        "address",
    ]
    assert frame.crs == "EPSG:4326"
    almaty = gazetteer.get(ALMATY)
    assert frame.geometry.iloc[0].x == pytest.approx(almaty.longitude)
    assert frame.geometry.iloc[0].y == pytest.approx(almaty.latitude)
    assert frame["address"].iloc[1].endswith("Ukraine")
    assert frame.geometry.iloc[2].is_empty and pd.isna(frame["address"].iloc[2])
    assert frame.geometry.iloc[3].is_empty


def test_calling_an_instance_returns_a_geocoder(gazetteer):
    coder = OfflineGeoNames(gazetteer)
    assert coder() is coder
    other = coder(user_agent="someone")
    assert isinstance(other, OfflineGeoNames) and other is not coder
    assert other.gazetteer is gazetteer and other.headers["User-Agent"] == "someone"


def test_reverse_finds_the_place_itself(coder, gazetteer):
    for name in ("Almaty", "Kiev", "London", "Sydney", "Reykjavik", "Anchorage"):
        place = gazetteer.lookup(name, feature_class="P")[0]
        loc = coder.reverse((place.latitude, place.longitude))
        assert isinstance(loc, Location) and loc.raw["feature_class"] == "P"
        assert loc.raw["distance_km"] == 0
        assert (loc.latitude, loc.longitude) == (place.latitude, place.longitude), name
    near = coder.reverse(Point(43.3, 76.9), exactly_one=False, limit=5)
    assert len(near) == 5
    dists = [loc.raw["distance_km"] for loc in near]
    assert dists == sorted(dists) and dists[0] < 15
    assert coder.reverse("43.3, 76.9").raw == near[0].raw


def test_reverse_grid_search_equals_brute_force(coder):
    import numpy as np

    index = coder._nearest_index()
    everything = np.arange(len(index.rows))
    rng = random.Random(7)
    points = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(60)]
    points += [(89.9, 10.0), (-89.9, -170.0), (0.0, 179.99), (0.0, -179.99), (-48.9, -123.4)]
    for lat, lon in points:
        best = float(index.distances(lat, lon, everything).min())
        got = coder.reverse((lat, lon)).raw["distance_km"]
        assert got == pytest.approx(best, abs=1e-3), (lat, lon)
    with pytest.raises(ValueError):
        coder.reverse("not a point")


# ------------------------------------------------------------------ Nominatim backend


def test_nominatim_is_registered_and_needs_a_user_agent(tmp_path):
    assert "nominatim" in backends()
    assert get_gazetteer_class("nominatim") is NominatimGazetteer
    with pytest.raises(NominatimConfigError, match="user agent") as info:
        NominatimGazetteer(tmp_path)
    assert isinstance(info.value, ValueError) and isinstance(info.value, DataNotFoundError)
    with pytest.raises(NominatimConfigError):
        load_gazetteer("nominatim", data_dir=tmp_path)
    with pytest.raises(NominatimConfigError, match="1 request per second"):
        NominatimGazetteer(tmp_path, user_agent=USER_AGENT, min_delay_seconds=0.2)
    with pytest.raises(NominatimConfigError, match="user_agent"):
        NominatimGazetteer(tmp_path, user_agent="my-application")  # geopy's sample name
    with pytest.raises(NominatimConfigError, match="scheme"):
        NominatimGazetteer(tmp_path, user_agent=USER_AGENT, url="ftp://127.0.0.1:9")
    assert list(tmp_path.iterdir()) == []  # nothing created before the checks pass


def test_importing_the_gazetteer_does_not_import_geopy():
    code = (
        "import sys, geomap.gazetteer as g;"
        "print('nominatim' in g.backends(), 'geopy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


def test_nominatim_result_mapping(online, server):
    backend = online()
    london = backend.lookup("London")
    # the attraction of the answer is neither an area nor a settlement
    assert [p.country_code for p in london] == ["GB", "CA"]
    top = london[0]
    assert (top.name, top.geonameid, top.feature_class) == ("London", None, "P")
    assert top.feature_code == "PPLC" and top.population == 8_799_800
    assert (top.latitude, top.longitude) == (51.5074456, -0.1277653)
    assert top.admin1 == "England" and top.country == "United Kingdom"
    country = backend.lookup("Kazakhstan")[0]
    assert (country.feature_class, country.feature_code, country.country_code) == (
        "A",
        "PCLI",
        "KZ",
    )
    texas = backend.lookup("Texas")[0]
    assert (texas.feature_code, texas.admin1, texas.country_code) == ("ADM1", "Texas", "US")
    assert [p.feature_code for p in backend.lookup("Almaty")] == ["PPL", "ADM1"]
    assert backend.lookup("Almaty", feature_class="A")[0].name == "Almaty Region"
    paris_us = backend.lookup("Paris", country_code="us")
    assert [(p.country_code, p.admin1) for p in paris_us] == [("US", "Texas")]
    assert backend.lookup("Paris", admin1_code="TX") == []  # OSM has no GeoNames codes
    params = [entry["params"] for entry in server.log()]
    assert all(p["format"] == "json" and p["addressdetails"] == "1" for p in params)
    assert [p.get("countrycodes") for p in params if p["q"] == "Paris"] == ["us", None]
    assert place_from_nominatim({"lat": "1", "lon": "2", "addresstype": "road"}) is None
    assert place_from_nominatim({"addresstype": "city", "name": "X"}) is None


def test_nominatim_cache_asks_nothing_twice(online, server, tmp_path):
    backend = online()
    assert not backend.has_key("almaty")  # not asked yet: unknown
    first = backend.lookup("Almaty")
    nothing = backend.lookup("zzqx no such place qxzz")
    assert first and nothing == []
    assert server.queries() == ["Almaty", "zzqx no such place qxzz"]
    assert backend.lookup("almaty") == first and backend.lookup("ALMATY", limit=1) == first[:1]
    assert backend.lookup("zzqx no such place qxzz") == []
    assert len(server.log()) == 2 and backend.requests == 2
    assert backend.has_key("almaty") and not backend.has_key(
        normalize_name("zzqx no such place qxzz")
    )
    backend.close()
    # a new backend on the same data directory answers from the sqlite cache
    again = online(tmp_path)
    assert (tmp_path / CACHE_FILENAME).is_file() and again.cache_size() == 2
    assert again.has_key("almaty")
    assert again.lookup("Almaty") == first and again.lookup("zzqx no such place qxzz") == []
    assert len(server.log()) == 2 and again.requests == 0
    # another server is another cache
    elsewhere = NominatimGazetteer(
        tmp_path, user_agent=USER_AGENT, url=server.url + "/", min_delay_seconds=0.01
    )
    assert elsewhere.cache_size() == 2
    other = NominatimGazetteer(
        tmp_path, user_agent=USER_AGENT, domain="127.0.0.2:9", scheme="http", cache=False
    )
    assert other.cache_size() == 0 and not other.has_key("almaty")


def test_nominatim_rate_limited_answer(online, server):
    backend = online(max_retries=2)
    with pytest.raises(GeocodingRateLimitError, match="429") as info:
        backend.lookup("Busyville")
    err = info.value
    assert isinstance(err, GeocodingServiceError) and isinstance(err, GeomapError)
    assert isinstance(err, ConnectionError)
    assert (err.status, err.attempts, err.query) == (429, 3, "Busyville")
    assert "1 request per second" in str(err) and server.url in str(err)
    assert server.queries() == ["Busyville"] * 3
    assert backend.cache_size() == 0  # errors are not cached


def test_nominatim_server_error(online, server):
    backend = online(max_retries=1)
    with pytest.raises(GeocodingServiceError, match="HTTP 500") as info:
        backend.lookup("Brokenburg")
    assert not isinstance(info.value, (GeocodingRateLimitError, GeocodingTimeoutError))
    assert (info.value.status, info.value.attempts) == (500, 2)
    assert server.queries() == ["Brokenburg"] * 2
    # a passing failure is retried and then answered
    assert backend.lookup("Flakyton")[0].name == "Almaty"
    assert server.queries()[2:] == ["Flakyton"] * 2


def test_nominatim_timeout(online, server):
    backend = online(timeout=0.3, max_retries=0)
    with pytest.raises(GeocodingTimeoutError, match="did not answer") as info:
        backend.lookup("Slowtown")
    assert isinstance(info.value, TimeoutError) and isinstance(info.value, GeocodingServiceError)
    assert info.value.status is None and info.value.attempts == 1
    assert server.queries() == ["Slowtown"]


def test_nominatim_refused_connection(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    backend = NominatimGazetteer(
        tmp_path, user_agent=USER_AGENT, url=f"http://127.0.0.1:{port}", max_retries=0
    )
    with pytest.raises(GeocodingServiceError, match=f"127.0.0.1:{port}") as info:
        backend.lookup("Almaty")
    assert info.value.status is None and info.value.attempts == 1


def test_nominatim_pauses_after_failures_in_a_row(online, server):
    backend = online(max_retries=0, max_failures=2, pause_seconds=600)
    assert backend.lookup("London")[0].name == "London"  # cached before the failures
    for _ in range(2):
        with pytest.raises(GeocodingServiceError, match="HTTP 500"):
            backend.lookup("Brokenburg")
    assert backend.failures == 2
    # the server is now left alone: no request, a clear error, the cache still answers
    with pytest.raises(GeocodingUnavailableError, match="failed 2 lookups in a row") as info:
        backend.lookup("Paris")
    assert info.value.attempts == 0 and info.value.status == 500
    assert "HTTP 500" in str(info.value) and server.url in str(info.value)
    assert backend.lookup("London")[0].name == "London"
    assert server.queries() == ["London", "Brokenburg", "Brokenburg"]


def test_nominatim_asks_again_after_the_pause(online, server):
    backend = online(max_retries=0, max_failures=1, pause_seconds=0)
    with pytest.raises(GeocodingServiceError, match="HTTP 500"):
        backend.lookup("Brokenburg")
    assert backend.failures == 1
    # the pause is over at once: the next lookup is sent, and a success resets the count
    assert backend.lookup("Paris")
    assert backend.failures == 0
    assert server.queries() == ["Brokenburg", "Paris"]


def test_nominatim_failure_settings_are_checked(tmp_path):
    for bad in ({"max_failures": 0}, {"pause_seconds": -1}):
        with pytest.raises(NominatimConfigError):
            NominatimGazetteer(tmp_path, user_agent=USER_AGENT, url="http://127.0.0.1:9", **bad)


def test_pipeline_with_a_server_down_asks_it_only_max_failures_times(
    pipeline, gazetteer, tmp_path, server, online
):
    backend = online(max_retries=0, max_failures=2, pause_seconds=600)
    for _ in range(2):  # the server is taken as down by two failed lookups
        with pytest.raises(GeocodingServiceError):
            backend.lookup("Brokenburg")
    doc = Pipeline(gazetteer=gazetteer, nlp=pipeline.nlp, fallback=backend).process_text(
        UNKNOWN_OFFLINE
    )
    assert _mention(doc, "North Karamendy").place is None
    assert any("North Karamendy" in w and "in a row" in w for w in doc.warnings)
    assert server.queries() == ["Brokenburg", "Brokenburg"]


def test_nominatim_requests_are_spaced(online, server):
    delay = 0.3
    backend = online(min_delay_seconds=delay)
    for name in ("London", "Paris", "Texas", "Kazakhstan"):
        assert backend.lookup(name)
    times = [entry["t"] for entry in server.log()]
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.8 * delay, gaps


@pytest.mark.parametrize("cache", ["fresh", "from-disk"])
def test_nominatim_backend_contract(online, server, tmp_path, gazetteer, monkeypatch, cache):
    backend = online()
    if cache == "from-disk":
        monkeypatch.setattr(test_gazetteer, "load_gazetteer", lambda name: backend)
        test_gazetteer.test_backend_contract("nominatim", gazetteer)
        asked = len(server.log())
        backend.close()
        backend = online(tmp_path)
        server.reset()
    monkeypatch.setattr(test_gazetteer, "load_gazetteer", lambda name: backend)
    test_gazetteer.test_backend_contract("nominatim", gazetteer)
    if cache == "from-disk":
        assert asked > 0 and server.log() == []
    else:
        assert set(server.queries()) >= set(test_gazetteer.PROBES)


# ------------------------------------------------------------------ pipeline fallback


def _mention(doc, text):
    return next(m for m in doc.mentions if m.text == text)


def test_pipeline_fallback_resolves_unknown_names(pipeline, gazetteer, online, server):
    offline_only = pipeline.process_text(UNKNOWN_OFFLINE, date="2022-01-05")
    assert _mention(offline_only, "North Karamendy").place is None
    with_online = Pipeline(gazetteer=gazetteer, nlp=pipeline.nlp, fallback=online())
    doc = with_online.process_text(
        UNKNOWN_OFFLINE + " Police also detained dozens in Almaty.", date="2022-01-05"
    )
    mention = _mention(doc, "North Karamendy")
    assert mention.place is not None and mention.place.country_code == "KZ"
    assert mention.place.geonameid is None and mention.why.startswith("online: nominatim")
    assert "focus country KZ" in mention.why and mention.score > 0
    # names the offline gazetteer knows are never asked
    assert _mention(doc, "Almaty").place.geonameid == ALMATY
    assert server.queries() == ["North Karamendy"]
    located = [e for e in doc.events if e.mention is not None]
    assert any(doc.mentions[e.mention].text == "North Karamendy" for e in located)
    with_online.process_text(UNKNOWN_OFFLINE, date="2022-01-05")
    assert server.queries() == ["North Karamendy"]  # answered from the cache


def test_pipeline_fallback_failure_is_a_warning(pipeline, gazetteer, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = NominatimGazetteer(
        tmp_path, user_agent=USER_AGENT, url=f"http://127.0.0.1:{port}", max_retries=0
    )
    doc = Pipeline(gazetteer=gazetteer, nlp=pipeline.nlp, fallback=down).process_text(
        UNKNOWN_OFFLINE
    )
    assert _mention(doc, "North Karamendy").place is None
    assert any("North Karamendy" in w and "failed" in w for w in doc.warnings)


def test_pipeline_has_no_fallback_by_default(pipeline):
    assert pipeline.fallback is None


# ------------------------------------------------------------------ command line


def test_cli_online_fallback_places_names_the_offline_gazetteer_lacks(gazetteer, server, tmp_path):
    from geomap.cli import main
    from geomap.export import read_events
    from geomap.gazetteer import index_info

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    built = Path(index_info()["path"])
    for file in built.parent.glob(built.stem + "*"):  # reuse the built index, keep a fresh cache
        (data_dir / file.name).symlink_to(file)
    source = tmp_path / "news.txt"
    source.write_text(" date 2022-01-05 " + UNKNOWN_OFFLINE, encoding="utf-8")
    out = tmp_path / "events.csv"
    common = [str(source), "-o", str(out), "--quiet", "--data-dir", str(data_dir)]
    assert main(["extract", *common]) == 0
    assert len(read_events(out)) == 0 and server.queries() == []
    online = ["--online", "nominatim", "--user-agent", USER_AGENT, "--nominatim-url", server.url]
    assert main(["extract", *common, *online]) == 0
    assert list(read_events(out)["place_mention"]) == ["North Karamendy"]
    assert server.queries() == ["North Karamendy"]


def test_cli_online_needs_a_user_agent(tmp_path, capsys):
    from geomap.cli import main

    code = main(["extract", str(tmp_path), "-o", str(tmp_path / "e.csv"), "--online", "nominatim"])
    assert code == 1 and "--user-agent" in capsys.readouterr().err
