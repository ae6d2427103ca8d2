"""geomap.maps: layers, popups, escaping, determinism, offline assets (no browser)."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
import textwrap

import folium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.maps import layers, make_map, map_html
from geomap.maps._assets import leaflet_css, leaflet_js
from geomap.maps._escape import escape_text
from geomap.schema import EVENT_COLORS, empty_events

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",
    "`${window.__pwned=1}`",
    "{{7*7}}",
    "\\u003cscript\\u003e",
    "</script><script>window.__pwned=1</script>",
    "\"'><svg onload=alert(1)>",
]


def _groups(m: folium.Map) -> list[folium.FeatureGroup]:
    return [child for child in m._children.values() if isinstance(child, folium.FeatureGroup)]


def _markers(group: folium.FeatureGroup) -> list[folium.CircleMarker]:
    return [child for child in group._children.values() if isinstance(child, folium.CircleMarker)]


def _decode_js_escapes(text: str) -> str:
    """Undo the \\uXXXX escapes JSON uses in the page's scripts (what the browser sees)."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def _record(frame, event_id):
    return frame[frame["event_id"] == event_id].drop(columns="geometry").to_dict("records")[0]


# -- escape_text --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ('"', "&quot;"),
        ("'", "&#39;"),
        ("`", "&#96;"),
        ("$", "&#36;"),
        ("\\", "&#92;"),
        ("{", "&#123;"),
        ("}", "&#125;"),
        ("Almaty · Алматы", "Almaty · Алматы"),
        ("&lt;", "&amp;lt;"),
    ],
)
def test_escape_text_characters(raw, escaped):
    assert escape_text(raw) == escaped


@pytest.mark.parametrize("missing", [None, float("nan"), __import__("pandas").NA])
def test_escape_text_missing_is_empty(missing):
    assert escape_text(missing) == ""


def test_escape_text_non_strings():
    assert escape_text(1526384) == "1526384"
    assert escape_text(0.5) == "0.5"


@given(st.text())
def test_escape_text_is_inert_and_reversible(text):
    out = escape_text(text)
    assert not set(out) & set("<>\"'`${}\\")
    assert html.unescape(out) == text


# -- trigger highlighting and popups --------------------------------------------


def test_highlight_trigger_marks_whole_words_case_insensitively():
    out = layers.highlight_trigger("Protesters PROTESTED; they protested again.", "protested")
    assert out == "Protesters <mark>PROTESTED</mark>; they <mark>protested</mark> again."


def test_highlight_trigger_falls_back_to_substring_and_multiword():
    assert layers.highlight_trigger("Gunmen attacked.", "attack") == "Gunmen <mark>attack</mark>ed."
    assert (
        layers.highlight_trigger("They  set   fire to it", "set fire")
        == "They  <mark>set   fire</mark> to it"
    )


def test_highlight_trigger_escapes_around_and_inside_the_mark():
    out = layers.highlight_trigger("<b>x</b> ${y} <i>", "${y}")
    assert out == "&lt;b&gt;x&lt;/b&gt; <mark>&#36;&#123;y&#125;</mark> &lt;i&gt;"
    assert layers.highlight_trigger("no trigger here", None) == "no trigger here"
    assert layers.highlight_trigger("absent", "zzz") == "absent"
    assert layers.highlight_trigger(None, "x") == ""


def test_popup_shows_every_field(kz_events):
    popup = layers.popup_html(_record(kz_events, "kz-2"))
    for expected in [
        "2022-01-06",
        "within a week",
        "Battles",
        "Armed clash",
        "Military Forces of Kazakhstan (2019-)",
        "Unidentified Armed Group (Kazakhstan)",
        "Fatalities",
        "“Taldykorgan”",
        "Taldykorgan, Jetisu, Kazakhstan",
        'href="https://www.geonames.org/1525798"',
        "exact place",
        "Troops <mark>clashed</mark> with armed men near Taldykorgan.",
        "Reuters",
        "0.80",
        'data-event-id="kz-2"',
    ]:
        assert expected in popup, expected


def test_popup_place_as_written_and_region_precision(kz_events):
    popup = layers.popup_html(_record(kz_events, "kz-4"))
    assert "“the Aktobe region”" in popup
    assert "Aktobe Region, Aktobe, Kazakhstan" in popup
    assert "representative point" in popup
    assert "Residents <mark>rallied</mark> across the Aktobe region." in popup
    assert "unknown" in popup  # no source
    assert "not named" not in popup


def test_popup_links_only_http_sources(kz_events):
    assert 'href="https://example.org/almaty"' in layers.popup_html(_record(kz_events, "kz-1"))
    record = {**_record(kz_events, "kz-1"), "source": "javascript:alert(1)"}
    popup = layers.popup_html(record)
    assert 'href="javascript' not in popup
    assert "javascript:alert(1)" in popup


def test_tooltip_is_date_type_location(kz_events):
    assert layers.tooltip_text(_record(kz_events, "kz-1")) == "2022-01-05 · Protests · Almaty"


# -- layers -----------------------------------------------------------------------


def test_one_overlay_per_event_type_with_acled_colours(kz_events):
    m = make_map(kz_events)
    groups = {group.layer_name: group for group in _groups(m)}
    names = {re.sub(r"<[^>]+>", "", name): group for name, group in groups.items()}
    assert set(names) == {"Battles (1)", "Violence against civilians (1)", "Protests (2)"}
    for label, group in names.items():
        event_type = label.rsplit(" (", 1)[0]
        markers = _markers(group)
        assert len(markers) == int(label.rsplit("(", 1)[1].rstrip(")"))
        assert all(marker.options["color"] == EVENT_COLORS[event_type] for marker in markers)
        assert group.overlay and group.control
    # ACLED's order, not the frame's
    assert list(names) == ["Battles (1)", "Violence against civilians (1)", "Protests (2)"]


def test_region_level_events_are_large_translucent_dashed_circles(kz_events):
    m = make_map(kz_events)
    markers = [marker for group in _groups(m) for marker in _markers(group)]
    by_precision = {
        int(re.search(r"precision-(\d)", mk.options["className"])[1]): mk for mk in markers
    }
    area, point = by_precision[3].options, by_precision[1].options
    assert area["radius"] >= 3 * point["radius"]
    assert area["fillOpacity"] <= 0.2 < point["fillOpacity"]
    assert area["dashArray"] and not point["dashArray"]
    assert area["pane"] == layers.AREA_PANE and "pane" not in point
    assert by_precision[3].location == [48.26, 59.45]


def test_map_structure(kz_events):
    m = make_map(kz_events, title="Kazakhstan, January 2022")
    children = list(m._children.values())
    assert isinstance(children[-1], folium.LayerControl)
    tiles = [child for child in children if isinstance(child, folium.TileLayer)]
    assert [tile.layer_name for tile in tiles] == ["Light", "Dark"]
    assert "light_all" in tiles[0].tiles and "dark_all" in tiles[1].tiles
    assert tiles[0].show and not tiles[1].show
    fit = [child for child in children if isinstance(child, folium.map.FitBounds)]
    assert fit[0].bounds == [[43.25, 59.45], [48.26, 78.37]]
    page = map_html(m)
    assert (
        "GeoNames" in page and "CC BY 4.0" in page and "creativecommons.org/licenses/by/4.0" in page
    )
    assert "<title>Kazakhstan, January 2022</title>" in page
    assert "geomap-legend" in page


def test_empty_frame_gives_an_empty_map():
    m = make_map(empty_events())
    assert _groups(m) == []
    assert not any(isinstance(c, folium.map.FitBounds) for c in m._children.values())
    page = map_html(m)
    assert "no events" in page and "L.control.layers" in page


def test_filtered_frame_and_rows_without_coordinates(kz_events):
    protests = kz_events[kz_events["event_type"] == "Protests"]
    assert list(protests.index) == [0, 3]
    assert [g.layer_name for g in _groups(make_map(protests))][0].endswith("Protests (2)")
    broken = kz_events.copy()
    broken.loc[1, "latitude"] = float("nan")
    labels = [re.sub(r"<[^>]+>", "", g.layer_name) for g in _groups(make_map(broken))]
    assert "Battles (1)" not in labels and "Protests (2)" in labels


def test_unknown_and_missing_event_types_get_grey_layers(events_factory):
    frame = events_factory(
        [
            {
                "event_id": "a",
                "location": "X",
                "latitude": 1.0,
                "longitude": 2.0,
                "event_type": "Odd",
            },
            {
                "event_id": "b",
                "location": "Y",
                "latitude": 1.5,
                "longitude": 2.5,
                "event_type": None,
            },
        ]
    )
    groups = _groups(make_map(frame))
    assert len(groups) == 2
    assert all(mk.options["color"] == layers.UNKNOWN_COLOR for g in groups for mk in _markers(g))


# -- escaping in the page -----------------------------------------------------------


@pytest.fixture
def hostile_events(events_factory):
    rows = []
    for i, payload in enumerate(HOSTILE):
        rows.append(
            {
                "event_id": f"h{i}{payload}",
                "location": f"Almaty {payload}",
                "place_mention": payload,
                "latitude": 43.25 + i / 100,
                "longitude": 76.91,
                "actor1": payload,
                "actor2": payload,
                "admin1": payload,
                "notes": f"Before {payload} protest {payload} after.",
                "trigger": payload if i % 2 else "protest",
                "source": f"https://example.org/{payload}",
                "event_date": "2022-01-05",
                "sub_event_type": payload,
                "event_type": "Protests" if i % 3 else payload,
            }
        )
    return events_factory(rows)


def test_hostile_text_never_reaches_the_page_unescaped(hostile_events):
    page = map_html(make_map(hostile_events, title=HOSTILE[0]))
    seen = _decode_js_escapes(page)
    for payload in HOSTILE:
        assert payload not in page, payload
        assert payload not in seen, payload
    for needle in ("alert(1)", "__pwned", "7*7"):
        for match in re.finditer(re.escape(needle), seen):
            context = seen[max(0, match.start() - 12) : match.end() + 12]
            assert not re.search(r"<(script|img|svg)|\$\{|\{\{|`", context), context
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in seen  # shown, as text
    assert "&#123;&#123;7*7&#125;&#125;" in seen
    # popups are JSON strings passed to bindPopup, never jQuery/template literals
    assert "$(`" not in page


def test_each_popup_and_tooltip_is_escaped(hostile_events):
    for record in hostile_events.drop(columns="geometry").to_dict("records"):
        for text in (layers.popup_html(record), layers.tooltip_text(record)):
            stripped = re.sub(
                r"</?(div|h4|small|span|table|tr|th|td|a|mark|blockquote)\b[^>]*>", "", text
            )
            assert not set(stripped) & set("<>`$\\{}"), stripped


# -- determinism ---------------------------------------------------------------------


def test_same_frame_gives_identical_html(kz_events):
    first = map_html(make_map(kz_events))
    second = map_html(make_map(kz_events.copy()))
    assert first == second
    assert not re.search(r"\b[0-9a-f]{32}\b", first)  # no branca uuid ids left


def test_rendering_twice_and_in_another_process_is_identical(kz_events, tmp_path):
    m = make_map(kz_events)
    page = map_html(m)
    assert map_html(m) == page  # map_html renders a copy: the map is unchanged
    frame_path = tmp_path / "events.parquet"
    kz_events.to_parquet(frame_path)
    code = textwrap.dedent(
        f"""
        import hashlib, geopandas
        from geomap.maps import make_map, map_html
        frame = geopandas.read_parquet({str(frame_path)!r})
        print(hashlib.sha256(map_html(make_map(frame)).encode()).hexdigest())
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == hashlib.sha256(page.encode()).hexdigest()


def test_different_frames_get_different_element_names(kz_events):
    a = make_map(kz_events).get_name()
    b = make_map(kz_events.iloc[:2]).get_name()
    assert a != b


def test_stable_ids_do_not_leak_into_other_folium_maps(kz_events):
    make_map(kz_events)
    one, two = folium.Map(), folium.Map()
    assert re.fullmatch(r"[0-9a-f]{32}", one._id) and one._id != two._id
    assert "jquery" in map_html(one)  # folium's own CDN links untouched


# -- offline assets ----------------------------------------------------------------------


def _external_refs(page: str) -> list[str]:
    return re.findall(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=[^>]*>", page, flags=re.IGNORECASE)


def test_offline_map_inlines_leaflet_and_has_no_cdn_link(kz_events):
    page = map_html(make_map(kz_events))
    assert _external_refs(page) == []
    for cdn in ("cdn.jsdelivr", "cdnjs", "jquery", "bootstrap", "fontawesome", "awesome-markers"):
        assert cdn not in page.lower(), cdn
    assert leaflet_js()[:2000] in page
    assert "url(data:image/png;base64," in leaflet_css()
    assert "images/layers.png" not in page


def test_online_map_keeps_folium_cdn_links(kz_events):
    page = map_html(make_map(kz_events, offline=False))
    refs = " ".join(_external_refs(page))
    assert "leaflet@1.9.3/dist/leaflet.js" in refs and "leaflet.css" in refs
    assert leaflet_js()[:2000] not in page


def test_leaflet_is_the_version_folium_expects():
    assert "1.9.3" in leaflet_js()[:200]
