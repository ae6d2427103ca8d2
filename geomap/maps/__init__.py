"""Layered, self-contained Folium maps of an events table.

>>> from geomap.maps import make_map
>>> m = make_map(events, title="Kazakhstan, January")   # doctest: +SKIP
>>> from geomap.export import save_map
>>> save_map(m, "events.html")                          # doctest: +SKIP
"""

from __future__ import annotations

import copy
import hashlib
import itertools
from collections import OrderedDict
from typing import TYPE_CHECKING

import folium
from branca.element import Element

from geomap._progress import progress_bar
from geomap.maps import layers
from geomap.maps._assets import inline_assets
from geomap.maps._escape import escape_text

if TYPE_CHECKING:
    import geopandas as gpd

    from geomap.gazetteer.base import Gazetteer

__all__ = ["escape_text", "make_map", "map_html"]

#: view of an empty map
_WORLD_CENTER = (20.0, 0.0)
#: the map's deepest zoom (the cluster group needs one; same-place events spiderfy there)
_MAX_ZOOM = 18


def make_map(
    events: gpd.GeoDataFrame,
    *,
    title: str | None = None,
    offline: bool = True,
    collapsed: bool = False,
    max_zoom: int = 10,
    carto_api_key: str | None = None,
    gazetteer: Gazetteer | None = None,
    progress: bool = False,
    panel: bool = True,
) -> folium.Map:
    """Draw an events table as a layered Leaflet map.

    The map has one clustered overlay per event type present (ACLED colours;
    same-place events spread out when their cluster is opened, and each
    opens its popup); region- and country-level events drawn as areas (one
    shape per place listing its events: countries as their Natural Earth
    shapes, regions as circles of a region's size); a heat map of the exact
    places; named event counts per region; offline place names;
    light/dark/offline-outline base maps (with a notice when tiles cannot
    load); a legend that follows the layer toggles; a day-by-day time
    control; a place search; full screen, a minimap, a scale bar and a layer
    control. Beside the map, an event list with filters (type, dates,
    country, text) and beneath it a timeline whose brushed range filters the
    map and the list. It is fitted to the events, inside the controls.
    Writes no files: see :func:`geomap.export.save_map`.

    The result is a :class:`folium.Map`: add your own layers, markers, tiles
    and controls to it as usual.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        An events table with the columns of :data:`geomap.schema.COLUMNS`
        (any subset of rows, e.g. a filtered frame; possibly empty). Rows
        without valid coordinates are not drawn.
    title : str, optional
        Shown at the top of the map and as the page title.
    offline : bool
        If True (default), Leaflet, Leaflet.markercluster, the runtime and the
        country outlines are inlined and no CDN link is left in the page (tiles still
        come from the network; without it the outline base map is shown). If
        False, Leaflet and Leaflet.markercluster come from CDNs.
    collapsed : bool
        Whether the layer control starts collapsed.
    max_zoom : int
        The highest zoom the initial view may use (when all events are close).
    carto_api_key : str, optional
        A key for the CARTO base maps (CARTO now asks for one; without it the
        tiles are requested keyless and may be refused, the events still show).
    gazetteer : Gazetteer, optional
        Places the per-region count circles at the regions' gazetteer points
        (else at region-level events' points or the mean of the events' points),
        and labels its capitals and large towns.
    progress : bool
        Show a progress bar (on standard error) over the layers as they are built.
    panel : bool
        Show the event list beside the map and the timeline beneath it.

    Returns
    -------
    folium.Map
        The map; the same frame and arguments always give byte-identical HTML.

    """
    figure = folium.Figure(title=escape_text(title) if title else None)
    bounds = layers.bounds(events)
    m = layers.EventMap(
        location=_center(bounds),
        zoom_start=2 if bounds is None else 6,
        tiles=None,
        control_scale=True,
    )
    m.options["max_zoom"] = _MAX_ZOOM  # folium passes max_zoom to tiles only
    figure.add_child(m)
    if offline:
        inline_assets(m)

    runtime = layers.runtime(
        offline=offline, bounds=bounds, maxZoom=int(max_zoom), collapsed=bool(collapsed)
    ).add_to(m)
    light = layers.light_tiles(api_key=carto_api_key).add_to(m)
    dark = layers.dark_tiles(api_key=carto_api_key).add_to(m)
    outlines = layers.outline_layer(runtime).add_to(m)
    layers.tile_fallback(runtime, light, outlines).add_to(m)
    layers.tile_fallback(runtime, dark, outlines).add_to(m)
    layers.area_pane().add_to(m)
    layers.region_pane().add_to(m)
    regions = layers.region_keys(events)
    areas = layers.area_keys(events)
    layers.area_data(events, runtime=runtime, areas=areas).add_to(m)
    counts = layers.event_counts(events)
    bar = progress_bar(progress, total=len(counts) + 1, desc="map layers", unit="layer")
    for event_type in counts:
        layers.event_layer(
            events, event_type, runtime=runtime, regions=regions, areas=areas
        ).add_to(m)
        bar.update()
    layers.heat_layer(runtime).add_to(m)
    layers.region_layer(events, runtime=runtime, regions=regions, gazetteer=gazetteer).add_to(m)
    layers.label_layer(runtime, gazetteer=gazetteer, bounds=bounds).add_to(m)
    bar.update()
    bar.close()
    layers.legend(counts, runtime=runtime).add_to(m)
    layers.time_control(runtime).add_to(m)
    layers.fullscreen_control(runtime).add_to(m)
    layers.search_control(runtime).add_to(m)
    layers.minimap(runtime).add_to(m)
    layers.attribution().add_to(m)
    if title:
        layers.MapTitle(title).add_to(m)
    if panel:
        layers.event_panel(runtime).add_to(m)
    if bounds is not None:
        m.fit_bounds(bounds, padding=(30, 30), max_zoom=max_zoom)
    layers.GeomapLayerControl(collapsed=collapsed).add_to(m)

    prefix = _digest(
        m,
        title=title,
        offline=offline,
        collapsed=collapsed,
        max_zoom=max_zoom,
        carto_api_key=carto_api_key,
    )
    _stable_ids(figure, prefix=prefix)
    return m


def map_html(m: folium.Map | Element) -> str:
    """Return the complete HTML page of a map.

    A copy of the map's figure is rendered, so the map itself is not changed
    and rendering it again gives the same bytes (rendering a folium figure in
    place adds elements to it, so a second in-place render differs).

    Parameters
    ----------
    m : folium.Map or branca.element.Element
        The map (or any element of a figure).

    Returns
    -------
    str
        The HTML document.

    """
    return copy.deepcopy(m.get_root()).render()


def _center(bounds: list[list[float]] | None) -> tuple[float, float]:
    if bounds is None:
        return _WORLD_CENTER
    (south, west), (north, east) = bounds
    return ((south + north) / 2, (west + east) / 2)


def _digest(
    m: folium.Map,
    *,
    title: str | None,
    offline: bool,
    collapsed: bool,
    max_zoom: int,
    carto_api_key: str | None,
) -> str:
    """Return a short hash of the inputs, so maps of different frames have distinct names."""
    h = hashlib.sha256(f"{title!r}|{offline}|{collapsed}|{max_zoom}|{carto_api_key}|".encode())
    for child in m._children.values():
        if isinstance(child, layers.DataLayer):
            h.update(child.layer_name.encode("utf-8", "surrogatepass"))
        if isinstance(child, layers.DataLayer | layers.RuntimeData):
            h.update(child.payload.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:6]


def _stable_ids(root: Element, *, prefix: str) -> None:
    """Replace the random ids of ``root`` and its descendants by a counter.

    Branca gives every element a random ``_id``; renumbering this one tree (in
    its deterministic depth-first order) makes the rendered HTML reproducible
    without touching how other maps get their ids. Children are re-keyed under
    their new names, as ``add_child`` would have keyed them.
    """
    counter = itertools.count()
    elements: list[Element] = []

    def walk(element: Element) -> None:
        elements.append(element)
        for attr in ("header", "html", "script"):
            part = getattr(element, attr, None)
            if isinstance(part, Element) and part._parent is element:
                walk(part)
        for child in element._children.values():
            walk(child)

    walk(root)
    old_names = {id(element): element.get_name() for element in elements}
    for element in elements:
        element._id = f"{prefix}{next(counter)}"
    for element in elements:
        element._children = OrderedDict(
            (child.get_name() if key == old_names[id(child)] else key, child)
            for key, child in element._children.items()
        )
        if isinstance(element, folium.map.Layer) and element.layer_name == old_names[id(element)]:
            element.layer_name = element.get_name()
