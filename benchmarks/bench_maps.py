"""Benchmark geomap.maps: HTML size, build time, time to interactive and filtering in Chromium.

Synthetic events frames (spread over several countries, all event types,
mixed time and geo precision) of 10,000 and 100,000 rows are drawn with
``make_map`` (with the event list and the timeline), saved, and opened in
Debian's Chromium with the network blocked. Filtering is timed in the page:
from the change (a type layer switched off; a 10-day date range set, as a
brush does) until the map, the list and the timeline are redrawn and the
browser has painted.

Targets: 10,000 events -> HTML < 6 MB, built < 3 s, interactive < 2 s;
100,000 events -> HTML < 40 MB, interactive < 5 s, filtering by type or date < 300 ms.

Usage::

    python benchmarks/bench_maps.py                 # 10,000 and 100,000
    python benchmarks/bench_maps.py --sizes 2000    # a quick run
    python benchmarks/bench_maps.py --no-browser    # size and build time only
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from geomap.export import save_map  # noqa: E402
from geomap.maps import make_map, map_html  # noqa: E402
from geomap.schema import EVENT_TYPES, empty_events  # noqa: E402

# (country, code, [(place, admin1, lat, lon)]): approximate coordinates
COUNTRIES = [
    (
        "Kazakhstan",
        "KZ",
        [
            ("Almaty", "Almaty", 43.25, 76.91),
            ("Taldykorgan", "Jetisu", 45.02, 78.37),
            ("Aktobe", "Aktobe", 50.28, 57.21),
            ("Zhanaozen", "Mangystau", 43.34, 52.86),
            ("Astana", "Astana", 51.17, 71.45),
        ],
    ),
    (
        "Ukraine",
        "UA",
        [
            ("Kharkiv", "Kharkivska", 49.99, 36.23),
            ("Mariupol", "Donetska", 47.10, 37.55),
            ("Kherson", "Khersonska", 46.64, 32.61),
            ("Kyiv", "Kyiv City", 50.45, 30.52),
            ("Bakhmut", "Donetska", 48.59, 38.00),
        ],
    ),
    (
        "Nigeria",
        "NG",
        [
            ("Maiduguri", "Borno", 11.85, 13.16),
            ("Kaduna", "Kaduna", 10.52, 7.44),
            ("Lagos", "Lagos", 6.45, 3.39),
            ("Jos", "Plateau", 9.90, 8.86),
        ],
    ),
    (
        "Syria",
        "SY",
        [
            ("Aleppo", "Aleppo", 36.20, 37.16),
            ("Idlib", "Idlib", 35.93, 36.63),
            ("Deir ez-Zor", "Deir ez-Zor", 35.34, 40.14),
        ],
    ),
    (
        "Colombia",
        "CO",
        [
            ("Cali", "Valle del Cauca", 3.45, -76.53),
            ("Medellín", "Antioquia", 6.24, -75.58),
            ("Cúcuta", "Norte de Santander", 7.89, -72.51),
        ],
    ),
    (
        "Myanmar",
        "MM",
        [
            ("Yangon", "Yangon", 16.87, 96.20),
            ("Mandalay", "Mandalay", 21.97, 96.08),
            ("Sagaing", "Sagaing", 21.88, 95.98),
        ],
    ),
]
ACTORS = [
    "Protesters (Kazakhstan)",
    "Police Forces of Kazakhstan (2019-)",
    "Military Forces of Ukraine (2019-)",
    "Military Forces of Russia (2000-)",
    "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
    "Islamic State (West Africa)",
    "Hayat Tahrir al-Sham",
    "Unidentified Armed Group",
    "Civilians",
    "Rioters",
]
SOURCES = ["Reuters", "AFP", "https://example.org/news/latest", "Associated Press", "BBC"]
VERBS = {
    "Battles": "clashed",
    "Explosions/Remote violence": "shelled",
    "Violence against civilians": "attacked",
    "Protests": "protested",
    "Riots": "rioted",
    "Strategic developments": "arrested",
}


def synthetic_events(n: int, *, seed: int = 0):
    """Return a valid events GeoDataFrame of ``n`` synthetic rows."""
    import geopandas as gpd
    import pandas as pd

    rng = random.Random(seed)
    start = dt.date(2022, 1, 1)
    types = list(EVENT_TYPES)
    rows = []
    for i in range(n):
        country, code, places = rng.choice(COUNTRIES)
        place, admin1, lat, lon = rng.choice(places)
        event_type = rng.choices(types, weights=[4, 3, 2, 5, 1, 1])[0]
        geo = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        if geo == 3:
            location, mention = admin1, f"the {admin1} region"
        else:
            location, mention = place, place
            lat += rng.uniform(-0.3, 0.3)
            lon += rng.uniform(-0.3, 0.3)
        verb = VERBS[event_type]
        day = start + dt.timedelta(days=rng.randrange(90))
        notes = (
            f"On {day:%A}, {rng.choice(ACTORS)} {verb} in {mention} after "
            f"{rng.randrange(2, 500)} people gathered near the main square, officials said."
        )
        rows.append(
            {
                "event_id": f"doc{i // 3:06d}-{i % 3}",
                "doc_id": f"doc{i // 3:06d}",
                "event_date": day.isoformat(),
                "time_precision": rng.choices([1, 2, 3], weights=[80, 15, 5])[0],
                "event_type": event_type,
                "sub_event_type": rng.choice(EVENT_TYPES[event_type]),
                "actor1": rng.choice(ACTORS),
                "actor2": rng.choice([None, *ACTORS]),
                "fatalities": rng.choice([None, 0, 1, 2, 5]),
                "country": country,
                "country_code": code,
                "admin1": admin1,
                "location": location,
                "place_mention": mention,
                "geonameid": rng.randrange(100_000, 9_000_000),
                "latitude": lat,
                "longitude": lon,
                "geo_precision": geo,
                "notes": notes,
                "evidence_start": 0,
                "evidence_end": len(notes),
                "trigger": verb,
                "confidence": round(rng.uniform(0.4, 1.0), 2),
                "source": rng.choice(SOURCES),
            }
        )
    frame = pd.DataFrame(rows, columns=list(empty_events().columns.drop("geometry")))
    frame["fatalities"] = frame["fatalities"].astype("Int64")
    frame["geonameid"] = frame["geonameid"].astype("Int64")
    return gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]), crs="EPSG:4326"
    )


READY = """() => {
    const el = document.querySelector('.folium-map');
    const m = el && window[el.id];
    return !!(m && m._geomap && m._geomap.ready &&
              document.querySelector('.geomap-cluster, path.geomap-event') &&
              document.querySelector('.geomap-list [role=row][data-event-id]'));
}"""

# ms from a filter change to the map, list and timeline redrawn and painted
FILTER = """kind => new Promise(resolve => {
    const m = window[document.querySelector('.folium-map').id], g = m._geomap;
    const t0 = performance.now();
    if (kind === 'type') {
        m.removeLayer(g.layers[0]);
    } else if (kind === 'type-back') {
        m.addLayer(g.layers[0]);
    } else if (kind === 'date') {
        const r = g.dateRange();
        g.setRange(r[0] + 20, r[0] + 29);
    } else {
        g.setRange(null, null);
    }
    const wait = () => {
        if (!g.ready) { setTimeout(wait, 1); return; }
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    };
    setTimeout(wait, 0);
})"""

RESPONDS = """() => new Promise(resolve => {
    const m = window[document.querySelector('.folium-map').id];
    const t0 = performance.now();
    m.once('moveend', () => resolve([performance.now(), performance.now() - t0]));
    m.panBy([40, 20], {animate: false});
})"""


def interactive_ms(path: Path) -> tuple[float, float, dict[str, float]]:
    """Return (ms to markers and list rows in the DOM and a pan answered, pan ms, filters)."""
    import _browser

    with _browser.chromium() as context:
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_() if route.request.url.startswith("file://") else route.abort()
            ),
        )
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=120_000)
        page.wait_for_function(READY, timeout=120_000, polling=20)
        done, pan = page.evaluate(RESPONDS)
        filters = {
            kind: page.evaluate(FILTER, kind) for kind in ("type", "type-back", "date", "all")
        }
        if errors:
            raise RuntimeError(f"page errors: {errors}")
        page.close()
    return done, pan, filters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    map_html(make_map(synthetic_events(50)))  # warm caches (outlines, assets, imports)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            frame = synthetic_events(n)
            started = time.perf_counter()
            the_map = make_map(frame, title=f"{n} synthetic events")
            built = time.perf_counter() - started
            path = save_map(the_map, Path(tmp) / f"map-{n}.html")
            total = time.perf_counter() - started
            size_mb = path.stat().st_size / 1e6
            line = (
                f"{n:>7} events: HTML {size_mb:6.2f} MB, make_map {built:5.2f} s, "
                f"make_map+save {total:5.2f} s"
            )
            if not args.no_browser:
                ready, pan, filters = interactive_ms(path)
                line += f", interactive in Chromium {ready / 1000:5.2f} s (pan {pan:.0f} ms)"
                line += ", filter ms: " + ", ".join(f"{k} {v:.0f}" for k, v in filters.items())
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
