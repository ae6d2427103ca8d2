"""The pieces of an events map; each public function returns one element of the map.

The data travel as JSON payloads (:mod:`geomap.maps.features`) that the
inlined runtime (``geomap/maps/js/``) turns into markers, areas, the heat map,
the event list, the timeline and the controls in the browser. The element
classes are in :mod:`geomap.maps.elements`; this module re-exports them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import folium

from geomap.maps._escape import escape_text
from geomap.maps._frame import (
    UNKNOWN_COLOR,
    UNKNOWN_TYPE,
    bounds,
    event_color,
    event_counts,
    event_types_in,
    highlight_trigger,
    layer_label,
    type_slug,
)
from geomap.maps._outlines import NATURAL_EARTH_CREDIT
from geomap.maps.elements import (
    AREA_PANE,
    REGION_PANE,
    Attribution,
    DataLayer,
    EventMap,
    EventTypeLayer,
    GeomapLayerControl,
    HeatLayer,
    Legend,
    MapControl,
    MapTitle,
    OutlineLayer,
    RegionLayer,
    Runtime,
    RuntimeData,
    TileFallback,
)
from geomap.maps.features import (
    area_keys,
    areas_payload,
    compact_features,
    event_features,
    labels_payload,
    region_features,
    region_keys,
    script_json,
)

if TYPE_CHECKING:
    import geopandas as gpd

    from geomap.gazetteer.base import Gazetteer

__all__ = [
    "AREA_PANE",
    "REGION_PANE",
    "UNKNOWN_COLOR",
    "UNKNOWN_TYPE",
    "Attribution",
    "DataLayer",
    "EventMap",
    "EventTypeLayer",
    "GeomapLayerControl",
    "HeatLayer",
    "Legend",
    "MapControl",
    "MapTitle",
    "OutlineLayer",
    "RegionLayer",
    "Runtime",
    "RuntimeData",
    "TileFallback",
    "area_data",
    "area_keys",
    "area_pane",
    "attribution",
    "bounds",
    "compact_features",
    "dark_tiles",
    "event_color",
    "event_counts",
    "event_features",
    "event_layer",
    "event_panel",
    "event_types_in",
    "fullscreen_control",
    "heat_layer",
    "highlight_trigger",
    "label_layer",
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

CARTO_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    ' &copy; <a href="https://carto.com/attributions">CARTO</a>'
)
GEONAMES_ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a>'
    ' (<a href="https://creativecommons.org/licenses/by/4.0/" target="_blank"'
    ' rel="noopener">CC BY 4.0</a>)'
)

# -- base maps and panes -------------------------------------------------------------------


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
    """Return the offline base map: simplified Natural Earth outlines of every country (~320 kB)."""
    return OutlineLayer(runtime, show=show)


def tile_fallback(
    runtime: Runtime, tiles: folium.TileLayer, fallback: OutlineLayer
) -> TileFallback:
    """Return the element that shows ``fallback`` when ``tiles`` cannot load (no network)."""
    return TileFallback(runtime, tiles, fallback)


def runtime(*, offline: bool = True, **options: Any) -> Runtime:
    """Return the map's controller (add it before the layers and controls)."""
    return Runtime(offline=offline, **options)


def area_pane() -> folium.map.CustomPane:
    """Return the pane holding region-level circles, beneath the exact points."""
    return folium.map.CustomPane(AREA_PANE, z_index=390, pointer_events=True)


def region_pane() -> folium.map.CustomPane:
    """Return the pane of the per-region count circles, above areas, beneath points."""
    return folium.map.CustomPane(REGION_PANE, z_index=395, pointer_events=True)


def attribution() -> Attribution:
    """Return the GeoNames (CC BY 4.0) and Natural Earth credits for the attribution control."""
    return Attribution(GEONAMES_ATTRIBUTION + " &middot; " + NATURAL_EARTH_CREDIT)


# -- data layers -------------------------------------------------------------------------------


def event_layer(
    events: gpd.GeoDataFrame,
    event_type: str,
    *,
    runtime: Runtime,
    regions: Sequence[tuple[str, str]] = (),
    areas: Sequence[tuple[str, ...]] = (),
    show: bool = True,
) -> EventTypeLayer:
    """Return the overlay of the events of one type (clustered points, shared areas).

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
    areas : sequence of area keys
        The map's areas, see :func:`area_keys`.
    show : bool
        Whether the layer is visible when the map opens.

    Returns
    -------
    EventTypeLayer
        A named overlay; its label in the layer control shows the type's colour
        and the number of events drawn.

    """
    collection = event_features(events, event_type, regions=regions, areas=areas)
    return EventTypeLayer(
        runtime,
        script_json(compact_features(collection)),
        event_type=event_type,
        count=len(collection["features"]),
        show=show,
    )


def area_data(
    events: gpd.GeoDataFrame, *, runtime: Runtime, areas: Sequence[tuple[str, ...]]
) -> RuntimeData:
    """Return the areas of the region- and country-level events (add before the event layers).

    One shape per place, listing its events of every type: a country-level
    place is its country's Natural Earth shape, any other area a circle sized
    like a first-order region of its country.
    """
    return RuntimeData(runtime, "areaData", script_json(areas_payload(events, areas)))


def label_layer(
    runtime: Runtime,
    *,
    gazetteer: Gazetteer | None = None,
    bounds: list[list[float]] | None = None,
    show: bool = True,
) -> DataLayer:
    """Return the offline place names: countries (Natural Earth), major places (gazetteer)."""
    payload = script_json(labels_payload(gazetteer, bounds=bounds))
    return DataLayer(runtime, "labelLayer", payload, name="Place names", show=show)


def region_layer(
    events: gpd.GeoDataFrame,
    *,
    runtime: Runtime,
    regions: Sequence[tuple[str, str]] | None = None,
    gazetteer: Gazetteer | None = None,
    show: bool = False,
) -> RegionLayer:
    """Return graduated, named circles counting the events per first-order region.

    Events are grouped on ``country_code`` + ``admin1``. A region's point is
    the gazetteer's first-order division of that name when a gazetteer is
    given and knows it, else the point of a region-level event placed at the
    region itself, else the mean of the region's event points. The counts
    follow the layer toggles and the filters.

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
    payload = script_json(region_features(events, keys, gazetteer=gazetteer))
    return RegionLayer(runtime, payload, show=show)


def heat_layer(runtime: Runtime, *, show: bool = False) -> HeatLayer:
    """Return the heat-map overlay of event density (exact and near places; hidden)."""
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


def event_panel(runtime: Runtime, *, list_panel: bool = True, timeline: bool = True) -> MapControl:
    """Return the event list beside the map and the timeline beneath it.

    The list (``role="table"``) has a row per event (date, type, place,
    actors, a line of evidence), filters by type, date range, country and
    free text, and flies to an event when its row is chosen. The timeline
    (accessible name "Timeline") stacks the events per day, week or month by
    type; dragging across it (older to newer) filters the map and the list.
    """
    return MapControl(runtime, "eventPanel", list=bool(list_panel), timeline=bool(timeline))
