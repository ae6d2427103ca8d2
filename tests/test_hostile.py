"""Hostile documents through the command line: their text is data, shown as text everywhere.

The documents put markup, ``javascript:`` links and template syntax in the
text (so in ``notes`` and, through the pipeline, in the actors), in ``id``
(``doc_id``), in ``source``, and quotes in the place mentions. The map built by
``geomap map`` is opened in Debian's headless Chromium (see ``tests/_browser.py``:
skipped without it unless GEOMAP_REQUIRE_BROWSER=1), every marker's popup and
tooltip is opened, and no injected script may run. The events tables keep the
text verbatim.
"""

from __future__ import annotations

import csv
import json

import _browser
import pytest

from geomap.cli import EXIT_OK, main

pytestmark = pytest.mark.browser

DOCS = [
    {
        "id": "<script>window.__pwned=1;alert(1)</script>",
        "source": '<img src=x onerror="window.__pwned=2;alert(2)">',
        "date": "2022-01-05",
        "text": "Fighters of the <script>window.__pwned=3;alert(3)</script> Liberation Army "
        "clashed with Kazakh troops in Almaty on Monday.",
    },
    {
        "id": "javascript:window.__pwned=4",
        "source": "javascript:window.__pwned=5;alert(5)",
        "date": "2022-01-05",
        "text": "Police clashed with rebels in Cote d'Ivoire on Monday, "
        '<a href="javascript:window.__pwned=6">witnesses said</a>.',
    },
    {
        "id": "{{7*7}}",
        "source": "{{constructor.constructor('window.__pwned=7')()}}",
        "date": "2022-01-05",
        "text": 'The {{constructor.constructor("window.__pwned=8")()}} Front attacked '
        "civilians in Almaty on Tuesday.",
    },
    {
        "id": 'x\'"><svg onload="window.__pwned=9">',
        "source": 'https://example.org/"><svg onload=alert(10)>',
        "date": "2022-01-05",
        "text": "Protesters rallied in Xi'an on Monday. ${window.__pwned=11} "
        "`;window.__pwned=12;` </script><script>window.__pwned=13</script>",
    },
]

# the Leaflet map object of the page (its div id is its global variable's name)
MAP = "window[document.querySelector('.folium-map').id]"


@pytest.fixture(scope="module")
def built(tmp_path_factory, pipeline):
    """The hostile corpus, and the map and tables ``geomap map`` made of it."""
    folder = tmp_path_factory.mktemp("hostile")
    corpus = folder / "hostile.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    html, table, geojson = folder / "map.html", folder / "events.csv", folder / "events.geojson"
    assert main(["map", str(corpus), "-o", str(html), "--events", str(table), "-q"]) == EXIT_OK
    assert main(["extract", str(corpus), "-o", str(geojson), "-q"]) == EXIT_OK
    return html, table, geojson


def _rows(table):
    with table.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_hostile_document_gives_events(built):
    _, table, _ = built
    rows = _rows(table)
    assert {row["doc_id"] for row in rows} == {d["id"] for d in DOCS}
    assert any("'" in row["place_mention"] for row in rows)  # Cote d'Ivoire, Xi'an


def test_tables_keep_the_hostile_text_verbatim(built):
    _, table, geojson = built
    by_id = {d["id"]: d for d in DOCS}
    for rows in (
        _rows(table),
        [f["properties"] for f in json.loads(geojson.read_text(encoding="utf-8"))["features"]],
    ):
        for row in rows:
            doc = by_id[row["doc_id"]]
            assert row["source"] == doc["source"]
            assert row["notes"] and row["notes"] in doc["text"]
            assert row["place_mention"] in doc["text"]
    notes = " ".join(row["notes"] for row in _rows(table))
    for fragment in ("<script>window.__pwned=3", "javascript:window.__pwned=6", "{{constructor"):
        assert fragment in notes


@pytest.fixture(scope="module")
def context():
    _browser.skip_or_fail_without_browser()
    with _browser.chromium() as ctx:
        yield ctx


def test_hostile_map_runs_no_injected_script_and_shows_the_text(context, built):
    html, table, _ = built
    rows = _rows(table)
    page, log = _browser.open_offline(context, html)
    try:
        page.wait_for_function(f"{MAP}._geomap && {MAP}._geomap.ready")
        n_events = page.evaluate(
            f"{MAP}._geomap.layers.reduce((n, layer) => n + layer.events.length, 0)"
        )
        assert n_events >= 1
        popups, tooltips, seen = [], [], set()
        for i in range(n_events):
            # open each event's popup and tooltip through Leaflet, as a click and a hover do
            # (clustering keeps most markers out of the DOM until zoomed to)
            page.evaluate(
                f"""(i) => {{
                    const g = {MAP}._geomap;
                    const ev = g.layers.flatMap(layer => layer.events)[i];
                    {MAP}.openTooltip(g.tooltipHtml([ev]), [ev.lat, ev.lng]);
                    {MAP}.openPopup(g.popupHtml([ev]), [ev.lat, ev.lng]);
                }}""",
                i,
            )
            tooltip = page.locator(".leaflet-tooltip")
            tooltip.first.wait_for()
            tooltips.append(tooltip.first.inner_text())
            popup = page.locator(".leaflet-popup-content")
            popup.first.wait_for()
            popups.append(popup.first.inner_text())
            seen.update(
                page.eval_on_selector_all(
                    ".leaflet-popup-content [data-event-id]",
                    "els => els.map(e => e.dataset.eventId)",
                )
            )
            page.evaluate(f"{MAP}.closePopup()")
            page.evaluate("document.querySelectorAll('.leaflet-tooltip').forEach(t => t.remove())")
            page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
        page.wait_for_timeout(300)  # let any injected onerror/onload handler run
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert log.dialogs == []
        assert log.errors == []
        injected = page.evaluate(
            """() => ({
                handlers: document.querySelectorAll(
                    '[onerror], [onload], [onclick], [onmouseover]').length,
                links: document.querySelectorAll('a[href^="javascript:"]').length,
                images: document.querySelectorAll(
                    '.leaflet-container img:not(.leaflet-tile)').length,
                svgs: document.querySelectorAll('.leaflet-popup-pane svg').length,
                // an injected <script> would be one of its own; the map's data may quote it
                scripts: [...document.scripts].filter(
                    s => /^\\s*window\\.__pwned/.test(s.text)).length,
            })"""
        )
        assert injected == {"handlers": 0, "links": 0, "images": 0, "svgs": 0, "scripts": 0}
        shown = "\n".join(popups)
        shown_rows = [row for row in rows if row["event_id"] in seen]
        assert shown_rows, "no popup names its event"
        for row in shown_rows:  # the evidence is shown as text, markup and all
            assert row["notes"] in shown
        assert any("<" in row["notes"] for row in shown_rows)
        assert "49" not in shown  # "{{7*7}}" was never evaluated as a template
        assert all(tip.strip() for tip in tooltips)
    finally:
        page.close()
