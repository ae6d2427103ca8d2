"""Draw the seed data's map and save the screenshot set of docs/ (the README's pictures).

Equivalent to ``geomap map data/ -o out/map.html`` through the Python API,
then the page is opened in Debian's headless Chromium with every network
request blocked, so tiles never load and the offline country-outline base
map shows: the pictures are the same on every run. The set:

- ``map.png``: the map as it opens (1400x850), with the event list and the timeline;
- ``map-cluster.png``: the Almaty cluster spread out, one of its events open;
- ``map-area.png``: a click in the Aktobe region: its riot and Kazakhstan's events;
- ``map-list.png``: "aktobe" typed in the list's filter, the row opened on the map;
- ``map-timeline.png``: 5-8 January brushed on the timeline;
- ``map-phone.png``: the page on a 390 px wide phone.

Usage::

    python scripts/screenshot.py [--data data/] [--html out/map.html] [--out docs/]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

MAP = "window[document.querySelector('.folium-map').id]"
G = f"{MAP}._geomap"
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


def _open(context, html: Path, width: int, height: int):
    import _browser

    page, log = _browser.open_offline(context, html)
    page.set_viewport_size({"width": width, "height": height})
    page.wait_for_function(READY, timeout=30_000)
    page.wait_for_timeout(900)  # let the fit and fade animations finish
    return page, log


def brush(page, first: str, last: str) -> None:
    """Drag across the timeline from day ``first`` to day ``last`` (ISO dates)."""
    xs = page.evaluate(
        f"""([a, b]) => {{
            const p = {G}.panel, day = s => Math.round(Date.parse(s) / 86400000);
            const x = d => p._pad + (p._bins.indexOf(d) + 0.5) * p._bw;
            return [x(day(a)), x(day(b))];
        }}""",
        [first, last],
    )
    box = page.locator(".geomap-timeline-canvas").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + xs[0], y)
    page.mouse.down()
    page.mouse.move(box["x"] + xs[1], y, steps=6)
    page.mouse.up()
    page.wait_for_function(f"() => {G}.ready")


def screenshots(html: Path, out: Path) -> list[Path]:
    """Open ``html`` with the network blocked and save the set of PNGs into ``out``."""
    import _browser

    out.mkdir(parents=True, exist_ok=True)
    done: list[Path] = []
    errors: list[str] = []
    with _browser.chromium() as context:

        def shot(page, name: str) -> None:
            path = out / name
            page.screenshot(path=str(path))
            done.append(path)

        page, log = _open(context, html, 1400, 850)
        shot(page, "map.png")
        # the Almaty cluster: spread it and read one of its events
        page.locator(".geomap-cluster").first.click()
        page.wait_for_timeout(1200)
        while page.locator(".geomap-cluster").count() and page.evaluate(
            f"{G}.map.getZoom() < {G}.map.getMaxZoom()"
        ):
            page.locator(".geomap-cluster").first.click()
            page.wait_for_timeout(1200)
        page.locator("path.geomap-event").first.click()
        page.wait_for_timeout(800)
        shot(page, "map-cluster.png")
        page.evaluate(f"{MAP}.closePopup()")
        # a click inside the Aktobe region, itself inside Kazakhstan
        page.evaluate(f"{G}.fit()")
        page.wait_for_timeout(500)
        point = page.evaluate(
            f"(() => {{ const p = {MAP}.latLngToContainerPoint([48.6, 59.0]);"
            " return [p.x, p.y]; })()"
        )
        box = page.locator(".folium-map").bounding_box()
        page.mouse.click(box["x"] + point[0], box["y"] + point[1])
        page.wait_for_timeout(800)
        shot(page, "map-area.png")
        page.evaluate(f"{MAP}.closePopup()")
        # the list: find the Aktobe riot and open it
        page.get_by_label("Filter events").fill("aktobe")
        page.wait_for_function(f"() => {G}.ready")
        page.locator(".geomap-list [role=row][data-event-id]").first.click()
        page.wait_for_timeout(1500)
        shot(page, "map-list.png")
        page.get_by_label("Filter events").fill("")
        page.evaluate(f"{MAP}.closePopup(); {G}.fit()")
        page.wait_for_timeout(500)
        brush(page, "2022-01-05", "2022-01-08")
        page.wait_for_timeout(800)
        shot(page, "map-timeline.png")
        errors += log.errors
        page.close()
        page, log = _open(context, html, 390, 844)
        page.screenshot(path=str(out / "map-phone.png"), full_page=True)
        done.append(out / "map-phone.png")
        errors += log.errors
        page.close()
    if errors:
        raise RuntimeError(f"the map page reported errors: {errors}")
    return done


def main(argv: list[str] | None = None) -> int:
    """Build the map and take the screenshots; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--html", type=Path, default=ROOT / "out" / "map.html")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--title", default="Kazakhstan, January 2022")
    args = parser.parse_args(argv)
    html = build_map(args.data, args.html, title=args.title)
    for png in screenshots(html, args.out):
        print(f"wrote {png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
