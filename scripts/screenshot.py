"""Draw the seed data's map and save a PNG screenshot of it for the README (docs/map.png).

Equivalent to ``geomap map data/ -o out/map.html`` through the Python API,
then the page is opened in Debian's headless Chromium (1200x800) with every
network request blocked, so tiles never load and the offline country-outline
base map shows: the picture is the same on every run.

Usage::

    python scripts/screenshot.py [--data data/] [--html out/map.html] [--png docs/map.png]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

READY = """() => {
    const el = document.querySelector('.folium-map');
    const m = el && window[el.id];
    return !!(m && m._geomap && m._geomap.ready &&
              document.querySelector('.leaflet-container.geomap-offline-base'));
}"""


def build_map(data: Path, html: Path, *, title: str | None) -> Path:
    """Process ``data`` with the pipeline and save its map to ``html``."""
    from geomap.export import save_map
    from geomap.ingest import read_documents
    from geomap.join import events_frame
    from geomap.maps import make_map
    from geomap.pipeline import Pipeline

    pipeline = Pipeline()
    documents = list(pipeline.process(read_documents(data)))
    frame = events_frame(documents)
    the_map = make_map(frame, title=title, gazetteer=pipeline.gazetteer)
    return save_map(the_map, html)


def screenshot(html: Path, png: Path, *, width: int = 1200, height: int = 800) -> Path:
    """Open ``html`` with the network blocked and save a PNG of the page."""
    import _browser

    png.parent.mkdir(parents=True, exist_ok=True)
    with _browser.chromium() as context:
        page, log = _browser.open_offline(context, html)
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_function(READY, timeout=30_000)
        page.wait_for_timeout(800)  # let the fit and fade animations finish
        if log.errors:
            raise RuntimeError(f"the map page reported errors: {log.errors}")
        page.screenshot(path=str(png))
        page.close()
    return png


def main(argv: list[str] | None = None) -> int:
    """Build the map and take the screenshot; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--html", type=Path, default=ROOT / "out" / "map.html")
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "map.png")
    parser.add_argument("--title", default="Kazakhstan, January 2022")
    args = parser.parse_args(argv)
    html = build_map(args.data, args.html, title=args.title)
    png = screenshot(html, args.png)
    print(f"wrote {html} and {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
