"""The pieces of an events map; each public function returns one element of the map.

The events travel as ONE GeoJSON per layer (coordinates rounded to 5 decimals,
only what the popup shows, repeated strings stored once per layer); the
inlined runtime (:mod:`geomap.maps._runtime`) builds markers, clusters,
popups, the heat map and the controls from it in the browser. All document
text goes through :func:`geomap.maps._escape.escape_text` here, before it is
put in any payload, and nothing uses folium features that need jQuery,
Bootstrap or Font Awesome, so a map built from these pieces works offline.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import folium
import numpy as np
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from geomap.maps._assets import MARKERCLUSTER_CDN
from geomap.maps._escape import _is_missing, escape_text
from geomap.maps._outlines import (
    country_area_km2,
    country_outlines,
    equal_area_radius_m,
    region_area_km2,
)
from geomap.maps._runtime import RUNTIME_CSS, RUNTIME_JS
from geomap.schema import EVENT_COLORS, EVENT_TYPES

if TYPE_CHECKING:
    import geopandas as gpd

    from geomap.gazetteer.base import Gazetteer

__all__ = [
    "AREA_PANE",
    "REGION_PANE",
    "UNKNOWN_COLOR",
    "UNKNOWN_TYPE",
    "Attribution",
    "EventTypeLayer",
    "HeatLayer",
    "Legend",
    "MapControl",
    "MapTitle",
    "OutlineLayer",
    "RegionLayer",
    "Runtime",
    "TileFallback",
    "area_pane",
    "attribution",
    "dark_tiles",
    "event_color",
    "event_counts",
    "event_features",
    "event_layer",
    "event_types_in",
    "fullscreen_control",
    "heat_layer",
    "highlight_trigger",
    "layer_label",
    "legend",
    "light_tiles",
    "minimap",
    "outline_layer",
    "region_keys",
    "region_layer",
    "region_pane",
    "runtime",
    "search_control",
    "tile_fallback",
    "time_control",
    "type_slug",
]

#: colour of event types that are not in :data:`geomap.schema.EVENT_COLORS`
UNKNOWN_COLOR = "#7f7f7f"
#: layer name for events whose ``event_type`` is missing
UNKNOWN_TYPE = "(no event type)"
#: Leaflet pane (below the default overlay pane) for region- and country-level
#: areas, so that the large translucent circles never cover exact points
AREA_PANE = "geomapAreas"
#: Leaflet pane for the per-region count circles (between areas and points)
REGION_PANE = "geomapRegions"
#: decimals kept in event coordinates (about 1 m)
DECIMALS = 5

CARTO_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    ' &copy; <a href="https://carto.com/attributions">CARTO</a>'
)
GEONAMES_ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a>'
    ' (<a href="https://creativecommons.org/licenses/by/4.0/" target="_blank"'
    ' rel="noopener">CC BY 4.0</a>)'
)

#: largest drawn radius of a country-level area, and of a region-level one (metres)
_MAX_COUNTRY_RADIUS = 900_000.0
_MAX_REGION_RADIUS = 300_000.0
#: radius of a region-level area when the country's size is unknown (metres)
_DEFAULT_REGION_RADIUS = 60_000.0

#: the columns the popup, tooltip, time control and search read
_COLUMNS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "fatalities",
    "country",
    "country_code",
    "admin1",
    "location",
    "place_mention",
    "geonameid",
    "geo_precision",
    "notes",
    "trigger",
    "confidence",
    "source",
)
#: columns stored once per layer in its ``strings`` table (they repeat a lot)
_INTERNED = {
    "sub_event_type": "st",
    "actor1": "a1",
    "actor2": "a2",
    "place_mention": "pm",
    "location": "loc",
    "admin1": "adm",
    "country": "cty",
    "source": "src",
}


def _script_json(value: Any) -> str:
    """Return compact JSON that is safe inside an inline ``<script>`` (code or data block)."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    # only "</script" and "<!--" can end or disturb an inline script
    text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)
    return text.replace("<!--", "<\\u0021--")


class Runtime(JSCSSMixin, MacroElement):
    """The map's controller: the inlined geomap runtime, the shared cluster group.

    It must be added to the map before the layers and controls that use it.

    Parameters
    ----------
    offline : bool
        If False, Leaflet.markercluster is loaded from its CDN (if True it is
        inlined by :func:`geomap.maps._assets.inline_assets`).
    cluster_radius : int
        Leaflet.markercluster's ``maxClusterRadius`` in pixels.

    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
            <script>{{ this.js }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = GeomapRuntime.controller(
                {{ this._parent.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, *, offline: bool = True, cluster_radius: int = 40) -> None:
        super().__init__()
        self._name = "GeomapRuntime"
        self.css = RUNTIME_CSS
        self.js = RUNTIME_JS.replace("</", "<\\/")
        self.options = {
            "areaPane": AREA_PANE,
            "regionPane": REGION_PANE,
            "clusterRadius": int(cluster_radius),
        }
        # instance lists, so that folium's class-level defaults are never changed
        self.default_js = [] if offline else [("leaflet_markercluster", MARKERCLUSTER_CDN[0])]
        self.default_css = [] if offline else [("leaflet_markercluster_css", MARKERCLUSTER_CDN[1])]


class _RuntimeLayer(folium.map.Layer):
    """A layer created by the runtime from one JSON payload (``this.payload``).

    The payload sits in a ``<script type="application/json">`` data block and
    is read with ``JSON.parse`` (much faster than a JavaScript literal for
    megabytes of data, and never executed).
    """

    _factory = ""
    _template = Template(
        """
        {% macro html(this, kwargs) %}
            <script type="application/json" id="{{ this.get_name() }}_data">
            {{- this.payload -}}
            </script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = {{ this.runtime.get_name() }}.{{ this._factory }}(
                JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent));
        {% endmacro %}
        """
    )

    def __init__(
        self, runtime: Runtime, payload: str, *, name: str, overlay: bool, show: bool
    ) -> None:
        super().__init__(name=name, overlay=overlay, control=True, show=show)
        self.runtime = runtime
        self.payload = payload


class EventTypeLayer(_RuntimeLayer):
    """The overlay of one event type: one GeoJSON, drawn by the runtime.

    Points (``geo_precision`` 1 and 2) join the map's shared cluster group,
    where same-place events are spiderfied; region- and country-level events
    are translucent circles sized like their area.
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
            <script type="application/json" id="{{ this.get_name() }}_data">
            {{- this.payload -}}
            </script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = {{ this.runtime.get_name() }}.typeLayer(
                JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent),
                {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        runtime: Runtime,
        payload: str,
        *,
        event_type: str,
        count: int,
        show: bool = True,
    ) -> None:
        super().__init__(
            runtime, payload, name=layer_label(event_type, count), overlay=True, show=show
        )
        self._name = "EventTypeLayer"
        self.event_type = event_type
        self.count = count
        self.options = {
            "slug": type_slug(event_type),
            "color": event_color(event_type),
            "name": escape_text(event_type),
        }


class HeatLayer(_RuntimeLayer):
    """A canvas heat map of the events shown (follows the type toggles and the time control)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = {{ this.runtime.get_name() }}.heatLayer(
                {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, runtime: Runtime, *, show: bool = False, radius: int = 22) -> None:
        super().__init__(runtime, "", name="Event density (heat map)", overlay=True, show=show)
        self._name = "HeatLayer"
        self.options = {"radius": int(radius)}


class RegionLayer(_RuntimeLayer):
    """Graduated circles: the number of events shown per first-order region."""

    _factory = "regionLayer"

    def __init__(self, runtime: Runtime, payload: str, *, show: bool = False) -> None:
        super().__init__(runtime, payload, name="Events per region", overlay=True, show=show)
        self._name = "RegionLayer"


class OutlineLayer(_RuntimeLayer):
    """The offline base map: country outlines (from ``countryinfo``) on a plain sea."""

    _factory = "outlineLayer"

    def __init__(self, runtime: Runtime, *, show: bool = False) -> None:
        super().__init__(
            runtime,
            country_outlines(),
            name="Country outlines (offline)",
            overlay=False,
            show=show,
        )
        self._name = "OutlineLayer"


class TileFallback(MacroElement):
    """Switch to the outline base map when the first tiles of a tile layer all fail."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this.runtime.get_name() }}.tileFallback(
                {{ this.tiles.get_name() }}, {{ this.fallback.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, runtime: Runtime, tiles: folium.TileLayer, fallback: OutlineLayer) -> None:
        super().__init__()
        self._name = "TileFallback"
        self.runtime = runtime
        self.tiles = tiles
        self.fallback = fallback


class MapControl(MacroElement):
    """A control made by the runtime (``factory``), with constant options only."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = {{ this.runtime.get_name() }}.{{ this.factory }}(
                {{ this.options|tojson }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, runtime: Runtime, factory: str, **options: Any) -> None:
        super().__init__()
        self._name = "MapControl"
        self.runtime = runtime
        self.factory = factory
        self.options = options


class Legend(MacroElement):
    """The legend control; its entries grey out when their layer is hidden.

    Parameters
    ----------
    runtime : Runtime
        The map's controller.
    html : str
        The legend's HTML, already escaped.
    position : str
        Leaflet control position.

    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = {{ this.runtime.get_name() }}.legend(
                {{ this.html|tojavascript }}, {position: {{ this.position|tojson }}}
            ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, runtime: Runtime, html: str, *, position: str = "bottomleft") -> None:
        super().__init__()
        self._name = "Legend"
        self.runtime = runtime
        self.html = html
        self.position = position


class Attribution(MacroElement):
    """Add a credit to the map's attribution control (kept whatever base map is shown).

    Parameters
    ----------
    html : str
        The attribution HTML (trusted, not document text).

    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.attributionControl.addAttribution(
                {{ this.html|tojavascript }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str = GEONAMES_ATTRIBUTION) -> None:
        super().__init__()
        self._name = "Attribution"
        self.html = html


class MapTitle(MacroElement):
    """A title box centred at the top of the map.

    Parameters
    ----------
    title : str
        The title as plain text; it is escaped here.

    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
            <div class="geomap-title">{{ this.text }}</div>
        {% endmacro %}
        """
    )

    def __init__(self, title: str) -> None:
        super().__init__()
        self._name = "MapTitle"
        self.text = escape_text(title)


# -- base maps ------------------------------------------------------------------------------


def light_tiles(*, api_key: str | None = None) -> folium.TileLayer:
    """Return the light base map (CARTO Positron), shown by default.

    Parameters
    ----------
    api_key : str, optional
        A CARTO basemaps key; CARTO asks for one (see
        https://carto.com/basemaps/apikey/), tiles are requested without it
        otherwise.

    """
    return _carto_tiles("light_all", name="Light", show=True, api_key=api_key)


def dark_tiles(*, api_key: str | None = None) -> folium.TileLayer:
    """Return the dark base map (CARTO Dark Matter), hidden until chosen.

    Parameters
    ----------
    api_key : str, optional
        A CARTO basemaps key, as for :func:`light_tiles`.

    """
    return _carto_tiles("dark_all", name="Dark", show=False, api_key=api_key)


def _carto_tiles(variant: str, *, name: str, show: bool, api_key: str | None) -> folium.TileLayer:
    # built from the URL rather than xyzservices' "CartoDB ..." names, whose
    # build_url() warns on every map when no key is given
    url = f"https://{{s}}.basemaps.cartocdn.com/{variant}/{{z}}/{{x}}/{{y}}{{r}}.png"
    if api_key:
        url += "?key=" + quote(api_key, safe="")
    return folium.TileLayer(
        url,
        attr=CARTO_ATTRIBUTION,
        name=name,
        show=show,
        subdomains="abcd",
        max_zoom=20,
    )


def outline_layer(runtime: Runtime, *, show: bool = False) -> OutlineLayer:
    """Return the offline base map of simplified country outlines (all countries, ~150 kB)."""
    return OutlineLayer(runtime, show=show)


def tile_fallback(
    runtime: Runtime, tiles: folium.TileLayer, fallback: OutlineLayer
) -> TileFallback:
    """Return the element that shows ``fallback`` when ``tiles`` cannot load (no network)."""
    return TileFallback(runtime, tiles, fallback)


def runtime(*, offline: bool = True) -> Runtime:
    """Return the map's controller (add it before the layers and controls)."""
    return Runtime(offline=offline)


def area_pane() -> folium.map.CustomPane:
    """Return the pane holding region-level circles, beneath the exact points."""
    return folium.map.CustomPane(AREA_PANE, z_index=390, pointer_events=True)


def region_pane() -> folium.map.CustomPane:
    """Return the pane of the per-region count circles, above areas, beneath points."""
    return folium.map.CustomPane(REGION_PANE, z_index=395, pointer_events=True)


def attribution() -> Attribution:
    """Return the GeoNames (CC BY 4.0) credit for the map's attribution control."""
    return Attribution()


# -- event types -------------------------------------------------------------------------------


def event_color(event_type: Any) -> str:
    """Return the ACLED colour of ``event_type`` (grey when unknown)."""
    if not isinstance(event_type, str):
        return UNKNOWN_COLOR
    return EVENT_COLORS.get(event_type, UNKNOWN_COLOR)


def type_slug(event_type: Any) -> str:
    """Return a CSS-class-safe slug of an event type, e.g. ``explosions-remote-violence``.

    Types outside ACLED's list get a short hash of their name appended, so
    that two such types never share a slug (``"a b"`` and ``"a-b"``).
    """
    text = event_type if isinstance(event_type, str) and event_type else "unknown"
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"
    if text in EVENT_COLORS or text == "unknown":
        return slug
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    return f"{slug[:40]}-{digest}"


def event_types_in(events: gpd.GeoDataFrame) -> list[str]:
    """Return the event types present in ``events``: ACLED's order first, then others sorted.

    Missing types are reported as :data:`UNKNOWN_TYPE`.
    """
    if len(events) == 0 or "event_type" not in events.columns:
        return [UNKNOWN_TYPE] if len(events) else []
    present = {_type_key(value) for value in events["event_type"].unique()}
    known = [name for name in EVENT_TYPES if name in present]
    return known + sorted(present - set(known))


def event_counts(events: gpd.GeoDataFrame) -> dict[str, int]:
    """Return the number of drawable events (with coordinates) per type, in display order.

    The order is that of :func:`event_types_in`; types without a drawable
    event are left out.
    """
    if len(events) == 0:
        return {}
    lat, lon = _coordinates(events)
    ok = _valid(lat, lon)
    keys = _type_keys(events)
    found: dict[str, int] = {}
    for key, good in zip(keys, ok, strict=True):
        if good:
            found[key] = found.get(key, 0) + 1
    return {name: found[name] for name in event_types_in(events) if name in found}


def layer_label(event_type: str, count: int) -> str:
    """Return the (escaped) HTML label of an event-type layer: swatch, name, count."""
    color = event_color(event_type)
    return (
        f'<span class="geomap-swatch" style="background:{color}"></span>'
        f"{escape_text(event_type)} ({count})"
    )


# -- the events' GeoJSON ---------------------------------------------------------------------


def region_keys(events: gpd.GeoDataFrame) -> list[tuple[str, str]]:
    """Return the first-order regions of ``events`` as sorted ``(country_code, admin1)`` keys.

    Rows without ``admin1`` count under ``(country_code, "")``: the country as
    a whole. Rows without coordinates are left out.
    """
    if len(events) == 0:
        return []
    lat, lon = _coordinates(events)
    ok = _valid(lat, lon)
    codes = _column(events, "country_code")
    admin1 = _column(events, "admin1")
    keys = {_region_key(cc, a1) for cc, a1, good in zip(codes, admin1, ok, strict=True) if good}
    return sorted(keys)


def event_features(
    events: gpd.GeoDataFrame,
    event_type: str,
    *,
    regions: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """Return the GeoJSON ``FeatureCollection`` of the events of one type.

    Every string is escaped (:func:`escape_text`); the evidence sentence
    (``n``) is escaped HTML with the trigger in ``<mark>``. Repeated strings
    (sub-type, actors, places, source) are stored once in the collection's
    ``strings`` member and referenced by index.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        An events table; rows of other types and rows without coordinates are
        left out.
    event_type : str
        The type (:data:`UNKNOWN_TYPE` selects rows without a type).
    regions : sequence of (country_code, admin1)
        The map's region keys (:func:`region_keys`); each feature's ``rg`` is
        its region's index there.

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "strings": [...], "features": [...]}``;
        feature properties: ``d`` date, ``tp`` time precision, ``gp`` geo
        precision, ``st`` sub-type, ``a1``/``a2`` actors, ``f`` fatalities,
        ``pm`` place as written, ``loc``/``adm``/``cty`` place as resolved,
        ``g`` GeoNames id, ``c`` confidence, ``src`` source (a link when it
        is an http(s) URL), ``n`` evidence, ``r`` area radius in metres (geo
        precision 3), ``rg`` region index. Missing values, and precisions of
        1, are left out.

    """
    region_index = {key: i for i, key in enumerate(regions)}
    strings: list[str] = []
    interned: dict[str, int] = {}

    def intern(value: Any) -> int | None:
        text = escape_text(value)
        if not text:
            return None
        index = interned.get(text)
        if index is None:
            index = interned[text] = len(strings)
            strings.append(text)
        return index

    features = []
    if len(events):
        lat, lon = _coordinates(events)
        mask = _valid(lat, lon) & (np.asarray(_type_keys(events), dtype=object) == event_type)
        rows = np.flatnonzero(mask)
        columns = {name: _column(events, name, rows) for name in _COLUMNS}
        lats, lons = lat[rows], lon[rows]
        for i in range(len(rows)):
            row = {name: values[i] for name, values in columns.items()}
            props: dict[str, Any] = {}
            if not _is_missing(row["event_date"]):
                props["d"] = escape_text(str(row["event_date"])[:10])
            # precisions: 1 (the usual value) is left out
            time_precision = _as_int(row["time_precision"])
            if time_precision in (2, 3):
                props["tp"] = time_precision
            geo_precision = _geo_precision(row["geo_precision"])
            if geo_precision != 1:
                props["gp"] = geo_precision
            for column, key in _INTERNED.items():
                index = intern(row[column])
                if index is not None:
                    props[key] = index
            for key, column in (("f", "fatalities"), ("g", "geonameid")):
                value = _as_int(row[column])
                if value is not None:
                    props[key] = value
            confidence = _as_float(row["confidence"])
            if confidence is not None:
                props["c"] = round(confidence, 2)
            props["n"] = highlight_trigger(row["notes"], row["trigger"])
            if geo_precision == 3:
                props["r"] = round(_area_radius_m(row))
            region = region_index.get(_region_key(row["country_code"], row["admin1"]))
            if region is not None:
                props["rg"] = region
            features.append(
                {
                    "type": "Feature",
                    "id": escape_text(row["event_id"]),
                    "geometry": {
                        "type": "Point",
                        "coordinates": [
                            round(float(lons[i]), DECIMALS),
                            round(float(lats[i]), DECIMALS),
                        ],
                    },
                    "properties": props,
                }
            )
    return {"type": "FeatureCollection", "strings": strings, "features": features}


def event_layer(
    events: gpd.GeoDataFrame,
    event_type: str,
    *,
    runtime: Runtime,
    regions: Sequence[tuple[str, str]] = (),
    show: bool = True,
) -> EventTypeLayer:
    """Return the overlay of the events of one type (clustered points, area circles).

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        An events table (any subset of rows); rows of other types and rows
        without coordinates are left out.
    event_type : str
        The type to draw (:data:`UNKNOWN_TYPE` selects rows without a type).
    runtime : Runtime
        The map's controller.
    regions : sequence of (country_code, admin1)
        The map's region keys, see :func:`event_features`.
    show : bool
        Whether the layer is visible when the map opens.

    Returns
    -------
    EventTypeLayer
        A named overlay; its label in the layer control shows the type's colour
        and the number of events drawn.

    """
    collection = event_features(events, event_type, regions=regions)
    return EventTypeLayer(
        runtime,
        _script_json(collection),
        event_type=event_type,
        count=len(collection["features"]),
        show=show,
    )


def region_layer(
    events: gpd.GeoDataFrame,
    *,
    runtime: Runtime,
    regions: Sequence[tuple[str, str]] | None = None,
    gazetteer: Gazetteer | None = None,
    show: bool = False,
) -> RegionLayer:
    """Return graduated circles counting the events per first-order region.

    Events are grouped on ``country_code`` + ``admin1``. A region's point is
    the gazetteer's first-order division of that name when a gazetteer is
    given and knows it, else the point of a region-level event placed at the
    region itself, else the mean of the region's event points. The counts
    follow the layer toggles and the time control.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        An events table.
    runtime : Runtime
        The map's controller.
    regions : sequence of (country_code, admin1), optional
        The region keys the event layers index into (default:
        :func:`region_keys` of ``events``).
    gazetteer : Gazetteer, optional
        E.g. ``geomap.gazetteer.load_gazetteer()``.
    show : bool
        Whether the layer is visible when the map opens.

    """
    keys = list(region_keys(events) if regions is None else regions)
    points: dict[tuple[str, str], list[tuple[float, float]]] = {key: [] for key in keys}
    exact: dict[tuple[str, str], tuple[float, float]] = {}
    names: dict[tuple[str, str], Any] = {}
    if len(events):
        lat, lon = _coordinates(events)
        ok = _valid(lat, lon)
        codes = _column(events, "country_code")
        admin1 = _column(events, "admin1")
        location = _column(events, "location")
        precision = _column(events, "geo_precision")
        country = _column(events, "country")
        for i in np.flatnonzero(ok):
            key = _region_key(codes[i], admin1[i])
            if key not in points:
                continue
            points[key].append((float(lat[i]), float(lon[i])))
            names.setdefault(key, country[i])
            if _geo_precision(precision[i]) == 3 and key[1] and location[i] == admin1[i]:
                exact.setdefault(key, (float(lat[i]), float(lon[i])))
    features = []
    for key in keys:
        code, admin = key
        point = _gazetteer_point(gazetteer, code, admin) or exact.get(key)
        if point is None and points[key]:
            lats, lons = zip(*points[key], strict=True)
            point = (sum(lats) / len(lats), sum(lons) / len(lons))
        if point is None:
            point = (0.0, 0.0)
        props = {
            "name": escape_text(admin or names.get(key) or code),
            "cty": escape_text(names.get(key)),
        }
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(point[1], DECIMALS), round(point[0], DECIMALS)],
                },
                "properties": props,
            }
        )
    payload = _script_json({"type": "FeatureCollection", "features": features})
    return RegionLayer(runtime, payload, show=show)


def heat_layer(runtime: Runtime, *, show: bool = False) -> HeatLayer:
    """Return the heat-map overlay of event density (hidden until chosen)."""
    return HeatLayer(runtime, show=show)


# -- controls ---------------------------------------------------------------------------------


def legend(
    counts: Mapping[str, int] | Iterable[tuple[str, int]],
    *,
    runtime: Runtime,
    position: str = "bottomleft",
) -> Legend:
    """Return the legend: one entry per event type drawn, and the marker styles.

    Entries follow the layer control: a hidden layer's entry is greyed and
    struck through; with a day chosen in the time control, counts read "n of N".

    Parameters
    ----------
    counts : Mapping or iterable of (event type, count)
        The event types drawn, in display order, with their number of events.
    runtime : Runtime
        The map's controller.
    position : str
        Leaflet control position.

    """
    items = list(counts.items()) if isinstance(counts, Mapping) else list(counts)
    lines = ["<h5>Events</h5>"]
    if not items:
        lines.append('<div class="geomap-muted">no events</div>')
    for event_type, count in items:
        color = event_color(event_type)
        lines.append(
            f'<div class="geomap-legend-item" data-geomap-type="{type_slug(event_type)}">'
            f'<span class="geomap-swatch" style="background:{color}"></span>'
            f'{escape_text(event_type)} (<span class="geomap-count">{count}</span>)</div>'
        )
    lines.append(
        '<div class="geomap-muted">'
        '<span class="geomap-swatch" style="background:#999"></span>exact or near place<br>'
        '<span class="geomap-swatch geomap-swatch-area"></span>region or country '
        "(approximate area)<br>"
        '<span class="geomap-swatch geomap-swatch-cluster"></span>cluster (click to open)</div>'
    )
    return Legend(runtime, "".join(lines), position=position)


def time_control(
    runtime: Runtime, *, position: str = "bottomleft", interval_ms: int = 700
) -> MapControl:
    """Return the time control: a day slider, a play button and "All dates".

    A chosen day shows the events that may have happened on it: exact dates
    on the day, ``time_precision`` 2 within three days of it, 3 in its month.
    """
    return MapControl(runtime, "timeControl", position=position, interval=int(interval_ms))


def search_control(runtime: Runtime, *, position: str = "topleft") -> MapControl:
    """Return the place search: matches the events' resolved and written place names."""
    return MapControl(runtime, "searchControl", position=position)


def fullscreen_control(runtime: Runtime, *, position: str = "topleft") -> MapControl:
    """Return the full-screen button (a full-window fallback where the API is refused)."""
    return MapControl(runtime, "fullscreenControl", position=position)


def minimap(runtime: Runtime, *, position: str = "bottomright") -> MapControl:
    """Return the overview minimap (country outlines, offline) with the view's rectangle.

    Add it after :func:`outline_layer`, whose outlines it shows.
    """
    return MapControl(runtime, "miniMap", position=position)


# -- evidence ----------------------------------------------------------------------------------


def highlight_trigger(notes: Any, trigger: Any) -> str:
    """Escape ``notes`` and wrap every occurrence of ``trigger`` in ``<mark>``.

    Whole-word occurrences are preferred (case-insensitive, any run of
    whitespace between the trigger's words); when there is none, any
    occurrence is marked (e.g. the trigger "attack" inside "attacked").

    Parameters
    ----------
    notes : Any
        The evidence text (document text).
    trigger : Any
        The word(s) that signal the event (document text).

    Returns
    -------
    str
        Escaped HTML.

    """
    text = "" if _is_missing(notes) else str(notes)
    words = [] if _is_missing(trigger) else str(trigger).split()
    if not text or not words:
        return escape_text(text)
    core = r"\s+".join(re.escape(word) for word in words)
    matches = list(re.finditer(rf"(?<!\w){core}(?!\w)", text, flags=re.IGNORECASE))
    if not matches:
        matches = list(re.finditer(core, text, flags=re.IGNORECASE))
    out: list[str] = []
    last = 0
    for match in matches:
        out.append(escape_text(text[last : match.start()]))
        out.append(f"<mark>{escape_text(match.group())}</mark>")
        last = match.end()
    out.append(escape_text(text[last:]))
    return "".join(out)


# -- helpers -------------------------------------------------------------------------------------


def bounds(events: gpd.GeoDataFrame) -> list[list[float]] | None:
    """Return ``[[south, west], [north, east]]`` of the drawable events, or None."""
    if len(events) == 0:
        return None
    lat, lon = _coordinates(events)
    ok = _valid(lat, lon)
    if not ok.any():
        return None
    return [
        [float(lat[ok].min()), float(lon[ok].min())],
        [float(lat[ok].max()), float(lon[ok].max())],
    ]


def _coordinates(events: Any) -> tuple[np.ndarray, np.ndarray]:
    """Return latitude and longitude arrays (NaN where unknown).

    The ``latitude``/``longitude`` columns when present, else the point geometry.
    """
    n = len(events)
    if {"latitude", "longitude"} <= set(events.columns):
        return _floats(events["latitude"]), _floats(events["longitude"])
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    if _has_geometry(events):
        for i, point in enumerate(events.geometry):
            if point is not None and not point.is_empty and point.geom_type == "Point":
                lat[i], lon[i] = point.y, point.x
    return lat, lon


def _floats(series: Any) -> np.ndarray:
    import pandas as pd

    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return np.array(values, dtype=float)  # a writable copy


def _valid(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)


def _column(events: Any, name: str, rows: np.ndarray | None = None) -> list[Any]:
    if name not in events.columns:
        return [None] * (len(events) if rows is None else len(rows))
    values = events[name].to_numpy(dtype=object)
    return list(values if rows is None else values[rows])


def _type_keys(events: Any) -> list[str]:
    return [_type_key(value) for value in _column(events, "event_type")]


def _has_geometry(events: Any) -> bool:
    try:
        return events.geometry is not None
    except AttributeError:  # not a GeoDataFrame, or one without an active geometry column
        return False


def _type_key(value: Any) -> str:
    return UNKNOWN_TYPE if _is_missing(value) or value == "" else str(value)


def _region_key(country_code: Any, admin1: Any) -> tuple[str, str]:
    code = "" if _is_missing(country_code) else str(country_code).upper()
    return (code, "" if _is_missing(admin1) else str(admin1))


def _geo_precision(value: Any) -> int:
    number = _as_int(value)
    return number if number in (1, 2, 3) else 2


def _as_int(value: Any) -> int | None:
    number = _as_float(value)
    return int(number) if number is not None and number == int(number) else None


def _as_float(value: Any) -> float | None:
    if _is_missing(value) or isinstance(value, (bool, np.bool_)):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _is_country_level(row: Mapping[str, Any]) -> bool:
    admin1, location, country = row.get("admin1"), row.get("location"), row.get("country")
    if _is_missing(admin1) or admin1 == "":
        return True
    return not _is_missing(location) and location == country


def _area_radius_m(row: Mapping[str, Any]) -> float:
    """Return the radius of a region- or country-level event's circle, from the area's size."""
    code = row.get("country_code")
    if _is_country_level(row):
        area = country_area_km2(code)
        if area is None:
            return _MAX_REGION_RADIUS
        return min(equal_area_radius_m(area), _MAX_COUNTRY_RADIUS)
    area = region_area_km2(code)
    if area is None:
        return _DEFAULT_REGION_RADIUS
    return min(equal_area_radius_m(area), _MAX_REGION_RADIUS)


def _gazetteer_point(gazetteer: Any, country_code: str, admin1: str) -> tuple[float, float] | None:
    if gazetteer is None or not admin1 or not country_code:
        return None
    try:
        places = gazetteer.lookup(admin1, feature_class="A", country_code=country_code)
    except (KeyError, ValueError, LookupError):
        return None
    for place in places:
        if getattr(place, "feature_code", "") == "ADM1":
            return (float(place.latitude), float(place.longitude))
    return None
