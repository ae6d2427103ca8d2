"""geomap.maps: layers, popups, escaping, determinism, offline assets (no browser)."""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import sys
import textwrap

import folium
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.maps import layers, make_map, map_html
from geomap.maps._assets import leaflet_css, leaflet_js, markercluster_js
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


def _features(frame, event_type, regions=()):
    return layers.event_features(frame, event_type, regions=regions)


def _props(collection, event_id):
    """The feature's properties with the interned strings looked up."""
    feature = next(f for f in collection["features"] if f["id"] == event_id)
    strings = collection["strings"]
    out = dict(feature["properties"])
    for key in ("st", "a1", "a2", "pm", "loc", "adm", "cty", "src", "doc", "url", "ttl"):
        if key in out:
            out[key] = strings[out[key]]
    return feature, out


def test_features_carry_what_the_popup_shows(kz_events):
    feature, props = _props(_features(kz_events, "Battles"), "kz-2")
    assert feature["geometry"] == {"type": "Point", "coordinates": [78.37, 45.02]}
    assert props == {
        "d": "2022-01-06",
        "tp": 2,
        "st": "Armed clash",
        "a1": "Military Forces of Kazakhstan (2019-)",
        "a2": "Unidentified Armed Group (Kazakhstan)",
        "pm": "Taldykorgan",
        "loc": "Taldykorgan",
        "adm": "Jetisu",
        "cty": "Kazakhstan",
        "src": "Reuters",
        "doc": "doc-1",
        "f": 2,
        "g": 1525798,
        "c": 0.8,
        "n": "Troops <mark>clashed</mark> with armed men near Taldykorgan.",
    }


def test_features_keep_only_the_popup_columns_rounded(events_factory):
    frame = events_factory(
        [{"event_id": "a", "location": "X", "latitude": 1.123456789, "longitude": -2.987654321}]
    )
    collection = _features(frame, "Protests")
    feature = collection["features"][0]
    assert feature["geometry"]["coordinates"] == [-2.98765, 1.12346]
    assert set(feature["properties"]) <= {
        "d", "tp", "gp", "st", "a1", "a2", "f", "pm", "loc", "adm", "cty", "src", "g", "c",
        "n", "r", "rg", "ak", "doc", "url", "ttl",
    }  # fmt: skip
    text = layers.script_json(collection)
    for absent in ("evidence_start", "latitude", "Protests"):
        assert absent not in text, absent


def test_repeated_strings_are_stored_once_per_layer(events_factory):
    rows = [
        {"event_id": f"e{i}", "location": "Almaty", "latitude": 43.0, "longitude": 76.0 + i / 10}
        for i in range(30)
    ]
    collection = _features(events_factory(rows), "Protests")
    assert collection["strings"].count("Almaty") == 1
    assert len(collection["features"]) == 30
    assert {f["properties"]["loc"] for f in collection["features"]} == {
        collection["strings"].index("Almaty")
    }


def test_region_level_event_gets_an_area_sized_radius(kz_events):
    from geomap.maps._outlines import country_area_km2, region_area_km2

    _, props = _props(_features(kz_events, "Protests"), "kz-4")
    assert props["gp"] == 3 and props["pm"] == "the Aktobe region"
    expected = (region_area_km2("KZ") / 3.141592653589793) ** 0.5 * 1000
    assert abs(props["r"] - expected) < 1
    _, exact = _props(_features(kz_events, "Protests"), "kz-1")
    assert "r" not in exact and "gp" not in exact  # exact places: precision 1 is the default
    # a country-level event (no admin1) is sized like the country, capped
    country = kz_events.copy()
    country.loc[country["event_id"] == "kz-4", "admin1"] = None
    _, props = _props(_features(country, "Protests"), "kz-4")
    assert props["r"] > expected
    assert props["r"] <= min((country_area_km2("KZ") / 3.14159) ** 0.5 * 1000, 900_000)


def test_region_keys_and_region_counts(kz_events):
    regions = layers.region_keys(kz_events)
    assert regions == [("KZ", "Aktobe"), ("KZ", "Almaty"), ("KZ", "Jetisu")]
    collection = _features(kz_events, "Protests", regions)
    assert {f["id"]: f["properties"]["rg"] for f in collection["features"]} == {
        "kz-1": regions.index(("KZ", "Almaty")),
        "kz-4": regions.index(("KZ", "Aktobe")),
    }


def test_region_points_from_the_gazetteer_or_the_events(kz_events, gazetteer):
    import json

    def points(layer):
        data = json.loads(layer.payload)
        return {f["properties"]["name"]: f["geometry"]["coordinates"] for f in data["features"]}

    runtime = layers.runtime()
    without = points(layers.region_layer(kz_events, runtime=runtime))
    # Jetisu: the mean of its two events; Aktobe: its region-level event's point
    assert without["Jetisu"] == [round((78.37 + 77.6) / 2, 5), round((45.02 + 44.6) / 2, 5)]
    assert without["Aktobe"] == [59.45, 48.26]
    with_gazetteer = points(layers.region_layer(kz_events, runtime=runtime, gazetteer=gazetteer))
    place = gazetteer.lookup("Almaty", feature_class="A", country_code="KZ")
    adm1 = [p for p in place if p.feature_code == "ADM1"]
    if adm1:
        assert with_gazetteer["Almaty"] == [round(adm1[0].longitude, 5), round(adm1[0].latitude, 5)]


def test_source_links_are_decided_in_the_browser_from_escaped_text(kz_events):
    frame = kz_events.copy()
    frame.loc[frame["event_id"] == "kz-1", "source"] = 'javascript:alert("x")'
    _, props = _props(_features(frame, "Protests"), "kz-1")
    assert props["src"] == "javascript:alert(&quot;x&quot;)"


# -- layers -----------------------------------------------------------------------


# -- layers -----------------------------------------------------------------------


def _type_layers(m: folium.Map) -> list[layers.EventTypeLayer]:
    return [c for c in m._children.values() if isinstance(c, layers.EventTypeLayer)]


def test_one_overlay_per_event_type_with_acled_colours(kz_events):
    m = make_map(kz_events)
    names = {re.sub(r"<[^>]+>", "", g.layer_name): g for g in _type_layers(m)}
    # ACLED's order, not the frame's
    assert list(names) == ["Battles (1)", "Violence against civilians (1)", "Protests (2)"]
    for label, layer in names.items():
        event_type = label.rsplit(" (", 1)[0]
        data = json.loads(layer.payload)
        assert len(data["rows"]) == layer.count == int(label.rsplit("(", 1)[1].rstrip(")"))
        assert layer.options["color"] == EVENT_COLORS[event_type]
        assert layer.options["slug"] == layers.type_slug(event_type)
        assert layer.overlay and layer.control and layer.show
    # one payload per layer, no folium object per marker
    assert not any(isinstance(c, folium.CircleMarker) for c in m._children.values())


def test_map_structure(kz_events):
    m = make_map(kz_events, title="Kazakhstan, January 2022")
    children = list(m._children.values())
    assert isinstance(children[-1], folium.LayerControl)
    assert isinstance(children[0], layers.Runtime)  # before everything that uses it
    tiles = [child for child in children if isinstance(child, folium.TileLayer)]
    assert [tile.layer_name for tile in tiles] == ["Light", "Dark"]
    assert "light_all" in tiles[0].tiles and "dark_all" in tiles[1].tiles
    assert tiles[0].show and not tiles[1].show
    bases = [c for c in children if isinstance(c, folium.map.Layer) and not c.overlay]
    assert [b.layer_name for b in bases] == ["Light", "Dark", "Country outlines (offline)"]
    overlays = [c.layer_name for c in children if isinstance(c, folium.map.Layer) and c.overlay]
    assert overlays[-3:] == [
        "Event density (heat map, exact places)",
        "Events per region",
        "Place names",
    ]
    fit = [child for child in children if isinstance(child, folium.map.FitBounds)]
    assert fit[0].bounds == [[43.25, 59.45], [48.26, 78.37]]
    page = map_html(m)
    assert (
        "GeoNames" in page and "CC BY 4.0" in page and "creativecommons.org/licenses/by/4.0" in page
    )
    assert "<title>Kazakhstan, January 2022</title>" in page
    for factory in (
        "legend",
        "timeControl",
        "searchControl",
        "fullscreenControl",
        "miniMap",
        "eventPanel",
        "areaData",
    ):
        assert f".{factory}(" in page, factory
    assert "control.scale" in page


def test_empty_frame_gives_an_empty_map():
    m = make_map(empty_events())
    assert _type_layers(m) == []
    assert not any(isinstance(c, folium.map.FitBounds) for c in m._children.values())
    page = map_html(m)
    assert "no events" in page and "L.control.layers" in page


def test_filtered_frame_and_rows_without_coordinates(kz_events):
    protests = kz_events[kz_events["event_type"] == "Protests"]
    assert list(protests.index) == [0, 3]
    assert [g.layer_name for g in _type_layers(make_map(protests))][0].endswith("Protests (2)")
    broken = kz_events.copy()
    broken.loc[1, "latitude"] = float("nan")
    labels = [re.sub(r"<[^>]+>", "", g.layer_name) for g in _type_layers(make_map(broken))]
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
    found = _type_layers(make_map(frame))
    assert len(found) == 2
    assert all(layer.options["color"] == layers.UNKNOWN_COLOR for layer in found)
    assert {layer.event_type for layer in found} == {"Odd", layers.UNKNOWN_TYPE}


def test_country_outlines_are_compact_and_cover_the_world():
    from geomap.maps._outlines import country_outlines

    data = json.loads(country_outlines())
    codes = {code for code, _ in data["shapes"]}
    # the territories countryinfo had no shape for are there (Natural Earth)
    assert {"KZ", "UA", "NG", "BR", "AU", "HU", "RS", "ME", "PS", "MM", "XK"} <= codes
    assert len(codes) > 230
    assert len(country_outlines()) < 400_000


def test_encoded_shapes_decode_to_the_country():
    from shapely.geometry import Point, Polygon

    from geomap.maps._outlines import country_shape

    shape = country_shape("HU")
    rings = []
    for polygon in shape:
        flat, x, y, ring = polygon[0], 0, 0, []
        for i in range(0, len(flat), 2):
            x += flat[i]
            y += flat[i + 1]
            ring.append((x / 100, y / 100))
        rings.append(Polygon(ring))
    assert any(r.contains(Point(19.04, 47.5)) for r in rings)  # Budapest
    assert not any(r.contains(Point(16.37, 48.21)) for r in rings)  # Vienna


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
    # no jQuery, no template literals
    assert "$(`" not in page


def test_every_string_in_the_payloads_is_escaped(hostile_events):
    m = make_map(hostile_events)
    for layer in _type_layers(m):
        data = json.loads(layer.payload)
        texts = list(data["strings"]) + [layer.options["name"]]
        for event_id, _lon, _lat, props in data["rows"]:
            texts.append(event_id)
            texts += [v for v in props.values() if isinstance(v, str)]
        for text in texts:
            stripped = re.sub(r"</?mark>", "", text)
            assert not set(stripped) & set("<>`$\\{}\"'"), stripped


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
    assert markercluster_js()[:2000] in page
    assert "url(data:image/png;base64," in leaflet_css()
    assert "images/layers.png" not in page


def test_online_map_keeps_folium_cdn_links(kz_events):
    page = map_html(make_map(kz_events, offline=False))
    refs = " ".join(_external_refs(page))
    assert "leaflet@1.9.3/dist/leaflet.js" in refs and "leaflet.css" in refs
    assert "leaflet.markercluster/1.4.1/leaflet.markercluster.js" in refs
    assert leaflet_js()[:2000] not in page and markercluster_js()[:2000] not in page


def test_leaflet_is_the_version_folium_expects():
    assert "1.9.3" in leaflet_js()[:200]
