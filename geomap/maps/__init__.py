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

from geomap.maps import layers
from geomap.maps._assets import inline_assets
from geomap.maps._escape import escape_text

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["escape_text", "make_map", "map_html"]

#: view of an empty map
_WORLD_CENTER = (20.0, 0.0)


def make_map(
    events: gpd.GeoDataFrame,
    *,
    title: str | None = None,
    offline: bool = True,
    collapsed: bool = False,
    max_zoom: int = 10,
    carto_api_key: str | None = None,
) -> folium.Map:
    """Draw an events table as a layered Leaflet map.

    The map has one overlay per event type present (ACLED colours, with a
    small legend), light and dark base maps, a layer control (added last),
    and is fitted to the events. Writes no files: see
    :func:`geomap.export.save_map`.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        An events table with the columns of :data:`geomap.schema.COLUMNS`
        (any subset of rows, e.g. a filtered frame; possibly empty). Rows
        without valid coordinates are not drawn.
    title : str, optional
        Shown at the top of the map and as the page title.
    offline : bool
        If True (default), Leaflet's JavaScript and CSS are inlined and no CDN
        link is left in the page (tiles still come from the network). If
        False, folium's usual CDN links are used.
    collapsed : bool
        Whether the layer control starts collapsed.
    max_zoom : int
        The highest zoom the initial view may use (when all events are close).
    carto_api_key : str, optional
        A key for the CARTO base maps (CARTO now asks for one; without it the
        tiles are requested keyless and may be refused, the events still show).

    Returns
    -------
    folium.Map
        The map; the same frame and arguments always give byte-identical HTML.

    """
    figure = folium.Figure(title=escape_text(title) if title else None)
    bounds = _bounds(events)
    m = folium.Map(
        location=_center(bounds),
        zoom_start=2 if bounds is None else 6,
        tiles=None,
        control_scale=True,
    )
    figure.add_child(m)
    if offline:
        inline_assets(m)

    layers.light_tiles(api_key=carto_api_key).add_to(m)
    layers.dark_tiles(api_key=carto_api_key).add_to(m)
    layers.area_pane().add_to(m)
    counts = layers.event_counts(events)
    for event_type in counts:
        layers.event_layer(events, event_type).add_to(m)
    layers.legend(counts).add_to(m)
    layers.attribution().add_to(m)
    if title:
        layers.MapTitle(title).add_to(m)
    if bounds is not None:
        m.fit_bounds(bounds, padding=(30, 30), max_zoom=max_zoom)
    folium.LayerControl(collapsed=collapsed).add_to(m)

    prefix = _digest(
        events,
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


def _bounds(events: gpd.GeoDataFrame) -> list[list[float]] | None:
    locations = [
        location
        for location in (layers._location(record) for record in layers._records(events))
        if location is not None
    ]
    if not locations:
        return None
    lats = [lat for lat, _ in locations]
    lons = [lon for _, lon in locations]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _center(bounds: list[list[float]] | None) -> tuple[float, float]:
    if bounds is None:
        return _WORLD_CENTER
    (south, west), (north, east) = bounds
    return ((south + north) / 2, (west + east) / 2)


def _digest(
    events: gpd.GeoDataFrame,
    *,
    title: str | None,
    offline: bool,
    collapsed: bool,
    max_zoom: int,
    carto_api_key: str | None,
) -> str:
    """Return a short hash of the inputs, so maps of different frames have distinct names."""
    h = hashlib.sha256(f"{title!r}|{offline}|{collapsed}|{max_zoom}|{carto_api_key}|".encode())
    h.update(events.to_csv(index=True).encode("utf-8", "surrogatepass"))
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
