"""Maps in a real headless Chromium (Debian's), with every network request blocked.

Skipped when /usr/bin/chromium is absent, unless GEOMAP_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import _browser
import pytest

from geomap.export import save_map
from geomap.maps import make_map
from geomap.schema import empty_events

pytestmark = pytest.mark.browser

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "${window.__pwned=1}",
    "`;window.__pwned=1;`",
    "</script><script>window.__pwned=1;alert(2)</script>",
    "{{7*7}}",
    "';window.__pwned=1;//",
    '"><svg onload="window.__pwned=1">',
    "\\`);window.__pwned=1;//",
]

TYPES = {
    "battles": 1,
    "violence-against-civilians": 1,
    "protests": 2,
}

# the Leaflet map object of the page (its div id is its global variable's name)
MAP = "window[document.querySelector('.folium-map').id]"


@pytest.fixture(scope="module")
def context():
    _browser.skip_or_fail_without_browser()
    with _browser.chromium() as ctx:
        yield ctx


@pytest.fixture
def open_map(context, tmp_path):
    pages = []

    def _open(m, name="map.html"):
        page, log = _browser.open_offline(context, save_map(m, tmp_path / name))
        pages.append(page)
        return page, log

    yield _open
    for page in pages:
        page.close()


def _count(page, selector):
    return page.locator(selector).count()


def test_map_loads_offline_without_errors(open_map, kz_events):
    page, log = open_map(make_map(kz_events, title="Kazakhstan"))
    assert log.errors == []
    assert page.evaluate("L.version") == "1.9.3"
    assert _count(page, "path.geomap-event") == 4
    for slug, expected in TYPES.items():
        assert _count(page, f"path.geomap-type-{slug}") == expected, slug
    # only tiles were requested from the network, and they were refused
    assert log.blocked and all("basemaps.cartocdn.com" in url for url in log.blocked)
    attribution = page.inner_text(".leaflet-control-attribution")
    assert "GeoNames" in attribution and "CC BY 4.0" in attribution
    assert "Kazakhstan" in page.inner_text(".geomap-title")
    assert "Protests (2)" in page.inner_text(".geomap-legend")


def test_region_level_event_is_drawn_as_a_larger_circle(open_map, kz_events):
    page, _ = open_map(make_map(kz_events))
    area = page.locator("path.geomap-precision-3").bounding_box()
    point = page.locator("path.geomap-precision-1").first.bounding_box()
    assert area["width"] > 3 * point["width"]
    pane = page.evaluate(
        "getComputedStyle(document.querySelector('path.geomap-precision-3')"
        ".closest('.leaflet-pane')).zIndex"
    )
    assert int(pane) < 400  # beneath the overlay pane holding exact points


def test_toggling_a_layer_hides_its_markers(open_map, kz_events):
    page, log = open_map(make_map(kz_events))
    label = page.locator(".leaflet-control-layers-overlays label", has_text="Battles")
    checkbox = label.locator("input[type=checkbox]")
    assert checkbox.is_checked()
    label.click()
    assert not checkbox.is_checked()
    assert _count(page, "path.geomap-type-battles") == 0
    assert _count(page, "path.geomap-type-protests") == 2
    label.click()
    assert _count(page, "path.geomap-type-battles") == 1
    assert log.errors == []


def test_switching_to_the_dark_base_map(open_map, kz_events):
    page, log = open_map(make_map(kz_events))
    assert not any("dark_all" in url for url in log.blocked)
    page.locator(".leaflet-control-layers-base label", has_text="Dark").click()
    page.wait_for_function(
        "document.querySelectorAll('img.leaflet-tile[src*=dark_all]').length > 0"
    )
    assert _count(page, "path.geomap-event") == 4
    assert log.errors == []


def test_clicking_a_marker_opens_its_popup(open_map, kz_events):
    page, log = open_map(make_map(kz_events))
    page.locator("path.geomap-type-battles").click()
    popup = page.locator(".leaflet-popup-content .geomap-popup[data-event-id=kz-2]")
    popup.wait_for()
    text = popup.inner_text()
    assert "Troops clashed with armed men near Taldykorgan." in text
    assert popup.locator("mark").inner_text() == "clashed"
    for expected in ("2022-01-06", "Armed clash", "Taldykorgan, Jetisu", "1525798", "Reuters"):
        assert expected in text
    page.evaluate(f"{MAP}.closePopup()")
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
    page.locator("path.geomap-precision-3").click()
    area_popup = page.locator(".leaflet-popup-content .geomap-popup[data-event-id=kz-4]")
    assert "Residents rallied across the Aktobe region." in area_popup.inner_text()
    assert log.errors == []


def test_hovering_shows_the_tooltip(open_map, kz_events):
    page, _ = open_map(make_map(kz_events))
    page.locator("path.geomap-type-battles").hover()
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert tooltip.inner_text().strip() == "2022-01-06 · Battles · Taldykorgan"


def test_empty_map_loads(open_map):
    page, log = open_map(make_map(empty_events()))
    assert log.errors == []
    assert _count(page, "path.geomap-event") == 0
    assert "no events" in page.inner_text(".geomap-legend")


def test_hostile_documents_run_no_script(open_map, events_factory):
    rows = [
        {
            "event_id": f"h{i}",
            "event_type": "Protests" if i % 2 else payload,
            "sub_event_type": payload,
            "actor1": payload,
            "actor2": payload,
            "location": payload,
            "place_mention": payload,
            "admin1": payload,
            "latitude": 40.0 + 1.5 * i,
            "longitude": 60.0 + 3.0 * i,
            "notes": f"Before {payload} protest {payload} after.",
            "trigger": payload if i % 3 else "protest",
            "source": f"https://example.org/{payload}",
        }
        for i, payload in enumerate(HOSTILE)
    ]
    page, log = open_map(make_map(events_factory(rows), title=HOSTILE[0]))
    markers = page.locator("path.geomap-event")
    assert markers.count() == len(HOSTILE)
    shown = []
    for i in range(len(HOSTILE)):
        marker = markers.nth(i)
        marker.hover()
        marker.click()
        popup = page.locator(".leaflet-popup-content .geomap-popup")
        popup.wait_for()
        shown.append(popup.inner_text())
        page.evaluate(f"{MAP}.closePopup()")
        page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
    page.wait_for_timeout(300)  # let any injected onerror/onload handler run
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert log.dialogs == []
    assert log.errors == []
    # folium's switches, Leaflet inline and the map script: nothing injected
    assert page.locator("script").count() == 3
    assert page.locator(".leaflet-container img:not(.leaflet-tile)").count() == 0
    # the hostile text is displayed, as text
    everything = "\n".join(shown)
    for payload in HOSTILE:
        assert f"Before {payload} protest {payload} after." in everything, payload
    assert HOSTILE[0] in page.inner_text(".geomap-title")
    overlays = page.inner_text(".leaflet-control-layers-overlays")
    assert HOSTILE[2] in overlays and HOSTILE[4] in overlays  # event types as layer names


@pytest.mark.usefixtures("pipeline")
def test_seed_map_from_the_command_line_shows_the_kazakhstan_events(context, tmp_path):
    from geomap.cli import main
    from tests.conftest import DATA

    html = tmp_path / "map.html"
    assert main(["map", str(DATA), "-o", str(html), "--quiet"]) == 0
    page, log = _browser.open_offline(context, html)
    try:
        assert log.errors == []
        points = page.evaluate(
            f"""() => {{
                const out = [];
                {MAP}.eachLayer(l => {{
                    if (l.getLatLng && String(l.options.className || '').includes('geomap-event'))
                        out.push([l.getLatLng().lat, l.getLatLng().lng]);
                }});
                return out;
            }}"""
        )
        assert points, "no event markers on the map"

        def near(lat, lon):
            return any(abs(a - lat) < 0.3 and abs(b - lon) < 0.3 for a, b in points)

        assert near(43.25, 76.91), "no event at Almaty"
        assert near(45.02, 78.37), "no event at Taldykorgan"
        assert near(48.26, 59.45), "no event in the Aktobe region"
        # every event lies in Kazakhstan: none in Russia, Belarus, Kyrgyzstan, Tajikistan, Armenia
        assert all(40.5 < a < 55.5 and 46.5 < b < 87.5 for a, b in points)
        page.screenshot(path=str(tmp_path / "seed.png"))
    finally:
        page.close()
