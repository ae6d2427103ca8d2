"""A small Nominatim-like HTTP server on 127.0.0.1, run as a separate process by the tests.

``python tests/_nominatim_server.py`` binds a free port, prints it on the first
line of stdout and serves until killed:

- ``GET /search?q=...&format=json&addressdetails=1&limit=N[&countrycodes=xx]``
  answers in Nominatim's ``format=json`` with the results of ``PLACES``;
- the query "Slowtown" sleeps ``SLOW_SECONDS`` before answering, "Busyville"
  answers HTTP 429 (``Retry-After: 0``), "Brokenburg" HTTP 500, and
  "Flakyton" HTTP 500 on its first request and results afterwards;
- ``GET /_log`` returns every search request as ``{"q", "params", "t"}``
  (``t`` from the server's monotonic clock), ``GET /_reset`` clears it.

Requests without ``format=json`` get HTTP 400, requests without a user agent 403.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

SLOW_SECONDS = 3.0
LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"


def _result(
    osm_id: int,
    name: str,
    lat: float,
    lon: float,
    *,
    cls: str,
    kind: str,
    addresstype: str,
    rank: int,
    importance: float,
    address: dict[str, str],
    extratags: dict[str, str] | None = None,
) -> dict[str, Any]:
    """One search result as Nominatim writes it (coordinates as strings)."""
    parts = [
        name,
        *[v for k, v in address.items() if k not in ("country_code",) and "ISO" not in k],
    ]
    display = ", ".join(dict.fromkeys(parts))
    return {
        "place_id": osm_id % 100000 + 1,
        "licence": LICENCE,
        "osm_type": "relation" if cls == "boundary" else "node",
        "osm_id": osm_id,
        "lat": f"{lat:.7f}",
        "lon": f"{lon:.7f}",
        "class": cls,
        "type": kind,
        "place_rank": rank,
        "importance": importance,
        "addresstype": addresstype,
        "name": name,
        "display_name": display,
        "address": address,
        "extratags": extratags or {},
        "boundingbox": [
            f"{lat - 0.1:.7f}",
            f"{lat + 0.1:.7f}",
            f"{lon - 0.1:.7f}",
            f"{lon + 0.1:.7f}",
        ],
    }


_KZ = {"country": "Kazakhstan", "country_code": "kz"}
_US = {"country": "United States", "country_code": "us"}

#: answers by lower-cased query
PLACES: dict[str, list[dict[str, Any]]] = {
    "london": [
        _result(
            65606,
            "London",
            51.5074456,
            -0.1277653,
            cls="place",
            kind="city",
            addresstype="city",
            rank=16,
            importance=0.87,
            address={
                "city": "London",
                "state_district": "Greater London",
                "state": "England",
                "ISO3166-2-lvl4": "GB-ENG",
                "country": "United Kingdom",
                "country_code": "gb",
            },
            extratags={"capital": "yes", "population": "8,799,800"},
        ),
        _result(
            20000001,
            "London Eye",
            51.5033,
            -0.1196,
            cls="tourism",
            kind="attraction",
            addresstype="tourism",
            rank=30,
            importance=0.5,
            address={"tourism": "London Eye", "country": "United Kingdom", "country_code": "gb"},
        ),
        _result(
            20000002,
            "London",
            42.9832406,
            -81.243372,
            cls="place",
            kind="city",
            addresstype="city",
            rank=16,
            importance=0.6,
            address={
                "city": "London",
                "state": "Ontario",
                "country": "Canada",
                "country_code": "ca",
            },
            extratags={"population": "422324"},
        ),
    ],
    "almaty": [
        _result(
            20000003,
            "Almaty",
            43.2363924,
            76.9457275,
            cls="place",
            kind="city",
            addresstype="city",
            rank=16,
            importance=0.7,
            address={"city": "Almaty", **_KZ},
            extratags={"population": "2000900"},
        ),
        _result(
            20000004,
            "Almaty Region",
            44.6,
            77.5,
            cls="boundary",
            kind="administrative",
            addresstype="state",
            rank=8,
            importance=0.5,
            address={"state": "Almaty Region", **_KZ},
        ),
    ],
    "kazakhstan": [
        _result(
            214665,
            "Kazakhstan",
            47.2286086,
            65.2093197,
            cls="boundary",
            kind="administrative",
            addresstype="country",
            rank=4,
            importance=0.85,
            address=dict(_KZ),
            extratags={"population": "19000000"},
        )
    ],
    "paris": [
        _result(
            7444,
            "Paris",
            48.8588897,
            2.320041,
            cls="boundary",
            kind="administrative",
            addresstype="city",
            rank=12,
            importance=0.88,
            address={
                "city": "Paris",
                "state": "Île-de-France",
                "country": "France",
                "country_code": "fr",
            },
            extratags={"capital": "yes", "population": "2145906"},
        ),
        _result(
            20000005,
            "Paris",
            33.6617962,
            -95.555513,
            cls="place",
            kind="town",
            addresstype="town",
            rank=16,
            importance=0.5,
            address={"town": "Paris", "county": "Lamar County", "state": "Texas", **_US},
            extratags={"population": "24476"},
        ),
    ],
    "texas": [
        _result(
            114690,
            "Texas",
            31.2638905,
            -98.5456116,
            cls="boundary",
            kind="administrative",
            addresstype="state",
            rank=8,
            importance=0.83,
            address={"state": "Texas", "ISO3166-2-lvl4": "US-TX", **_US},
            extratags={"population": "29145505"},
        )
    ],
    "north karamendy": [
        _result(
            20000006,
            "North Karamendy",
            51.55,
            64.2,
            cls="place",
            kind="village",
            addresstype="village",
            rank=19,
            importance=0.2,
            address={"village": "North Karamendy", "state": "Kostanay Region", **_KZ},
            extratags={"population": "1200"},
        )
    ],
}


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.log: list[dict[str, Any]] = []
        self.seen: dict[str, int] = {}


STATE = _State()


class Handler(BaseHTTPRequestHandler):
    """Answers ``/search`` like Nominatim, and ``/_log``, ``/_reset`` for the tests."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep the test output quiet."""

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout)

    def do_GET(self) -> None:  # noqa: N802
        """Route a GET request."""
        url = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(url.query).items()}
        if url.path == "/_log":
            with STATE.lock:
                self._send(200, list(STATE.log))
            return
        if url.path == "/_reset":
            with STATE.lock:
                STATE.log.clear()
                STATE.seen.clear()
            self._send(200, {"ok": True})
            return
        if url.path != "/search":
            self._send(404, {"error": f"no such endpoint {url.path}"})
            return
        query = params.get("q", "").strip()
        with STATE.lock:
            STATE.log.append({"q": query, "params": params, "t": time.monotonic()})
            STATE.seen[query.lower()] = STATE.seen.get(query.lower(), 0) + 1
            times_seen = STATE.seen[query.lower()]
        if not self.headers.get("User-Agent"):
            self._send(403, {"error": "a user agent is required"})
            return
        if params.get("format") != "json":
            self._send(400, {"error": "format=json expected"})
            return
        key = query.lower()
        if key == "slowtown":
            time.sleep(SLOW_SECONDS)
        elif key == "busyville":
            self._send(429, {"error": "Too Many Requests"}, {"Retry-After": "0"})
            return
        elif key == "brokenburg" or (key == "flakyton" and times_seen == 1):
            self._send(500, {"error": "Internal Server Error"})
            return
        elif key == "flakyton":
            key = "almaty"
        results = PLACES.get(key, [])
        wanted = {c.strip().lower() for c in params.get("countrycodes", "").split(",") if c}
        if wanted:
            results = [r for r in results if r["address"].get("country_code") in wanted]
        if params.get("addressdetails") != "1":
            results = [{k: v for k, v in r.items() if k != "address"} for r in results]
        if params.get("extratags") not in ("1", "True", "true"):
            results = [{k: v for k, v in r.items() if k != "extratags"} for r in results]
        limit = int(params.get("limit", "10") or 10)
        self._send(200, results[:limit])


def main() -> None:
    """Serve on a free loopback port; print the port first."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
