"""The folium elements of a geomap map; the runtime (``js/*.js``) draws them in the browser.

Nothing here uses folium features that need jQuery, Bootstrap or Font Awesome,
so a map built from these pieces works offline. The map returned by
:func:`geomap.maps.make_map` is an :class:`EventMap`, a :class:`folium.Map`
that renders the layer control after every other element, so that layers a
user adds later are defined before the control lists them.
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from geomap.maps._assets import MARKERCLUSTER_CDN
from geomap.maps._escape import escape_text
from geomap.maps._frame import event_color, layer_label, type_slug
from geomap.maps._outlines import country_outlines
from geomap.maps._runtime import runtime_css, runtime_js

__all__ = [
    "AREA_PANE",
    "REGION_PANE",
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
]

#: Leaflet pane (below the default overlay pane) for region- and country-level
#: areas, so that they never cover exact points
AREA_PANE = "geomapAreas"
#: Leaflet pane for the per-region count circles (between areas and points)
REGION_PANE = "geomapRegions"


class EventMap(folium.Map):
    """A :class:`folium.Map` whose geomap layer control is rendered last.

    A user may add layers, markers, tiles and controls after
    :func:`geomap.maps.make_map`; the control still lists them. If the user
    adds a :class:`folium.LayerControl` of their own, geomap's is left out
    (one control, listing every layer).
    """

    def render(self, **kwargs: Any) -> None:
        """Render the map, moving geomap's layer control after the user's elements."""
        ours = [
            (key, child)
            for key, child in self._children.items()
            if isinstance(child, GeomapLayerControl)
        ]
        theirs = [
            child
            for child in self._children.values()
            if isinstance(child, folium.LayerControl) and not isinstance(child, GeomapLayerControl)
        ]
        for key, child in ours:
            del self._children[key]
            if not theirs:
                self._children[key] = child
        super().render(**kwargs)


class GeomapLayerControl(folium.LayerControl):
    """folium's layer control; the runtime collapses it on small screens."""

    def __init__(self, *, collapsed: bool = False) -> None:
        super().__init__(collapsed=collapsed)
        self._name = "GeomapLayerControl"


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
    options : Any
        Further options of the controller (e.g. ``panel=False``).

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

    def __init__(self, *, offline: bool = True, cluster_radius: int = 40, **options: Any) -> None:
        super().__init__()
        self._name = "GeomapRuntime"
        self.css = runtime_css()
        self.js = runtime_js()
        self.options = {
            "areaPane": AREA_PANE,
            "regionPane": REGION_PANE,
            "clusterRadius": int(cluster_radius),
            **options,
        }
        # instance lists, so that folium's class-level defaults are never changed
        self.default_js = [] if offline else [("leaflet_markercluster", MARKERCLUSTER_CDN[0])]
        self.default_css = [] if offline else [("leaflet_markercluster_css", MARKERCLUSTER_CDN[1])]


_DATA_HTML = """
        {% macro html(this, kwargs) %}
            <script type="application/json" id="{{ this.get_name() }}_data">
            {{- this.payload -}}
            </script>
        {% endmacro %}
"""


class RuntimeData(MacroElement):
    """A JSON payload handed to one runtime function (``factory``); not a layer.

    The payload sits in a ``<script type="application/json">`` data block and
    is read with ``JSON.parse`` (much faster than a JavaScript literal for
    megabytes of data, and never executed).
    """

    _template = Template(
        _DATA_HTML
        + """
        {% macro script(this, kwargs) %}
            {{ this.runtime.get_name() }}.{{ this.factory }}(
                JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent));
        {% endmacro %}
        """
    )

    def __init__(self, runtime: Runtime, factory: str, payload: str) -> None:
        super().__init__()
        self._name = "RuntimeData"
        self.runtime = runtime
        self.factory = factory
        self.payload = payload


class DataLayer(folium.map.Layer):
    """A layer created by the runtime (``factory``) from one JSON payload and options."""

    _template = Template(
        _DATA_HTML
        + """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = {{ this.runtime.get_name() }}.{{ this.factory }}(
                JSON.parse(document.getElementById("{{ this.get_name() }}_data").textContent),
                {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        runtime: Runtime,
        factory: str,
        payload: str,
        *,
        name: str,
        overlay: bool = True,
        show: bool = True,
        **options: Any,
    ) -> None:
        super().__init__(name=name, overlay=overlay, control=True, show=show)
        self._name = "DataLayer"
        self.runtime = runtime
        self.factory = factory
        self.payload = payload
        self.options = options


class EventTypeLayer(DataLayer):
    """The overlay of one event type: one GeoJSON, drawn by the runtime.

    Points (``geo_precision`` 1 and 2) join the map's shared cluster group,
    where same-place events are spiderfied; region- and country-level events
    join the shared areas (one shape per place, whatever the type).
    """

    def __init__(
        self, runtime: Runtime, payload: str, *, event_type: str, count: int, show: bool = True
    ) -> None:
        super().__init__(
            runtime,
            "typeLayer",
            payload,
            name=layer_label(event_type, count),
            show=show,
            slug=type_slug(event_type),
            color=event_color(event_type),
        )
        self._name = "EventTypeLayer"
        self.event_type = event_type
        self.count = count
        self.options["name"] = escape_text(event_type)


class HeatLayer(DataLayer):
    """A canvas heat map of the exact and near events shown (not the areas)."""

    def __init__(self, runtime: Runtime, *, show: bool = False, radius: int = 22) -> None:
        super().__init__(
            runtime,
            "heatLayer",
            "{}",
            name="Event density (heat map, exact places)",
            show=show,
            radius=int(radius),
        )
        self._name = "HeatLayer"


class RegionLayer(DataLayer):
    """Graduated circles: the number of events shown per first-order region, named."""

    def __init__(self, runtime: Runtime, payload: str, *, show: bool = False) -> None:
        super().__init__(runtime, "regionLayer", payload, name="Events per region", show=show)
        self._name = "RegionLayer"


class OutlineLayer(DataLayer):
    """The offline base map: Natural Earth country outlines on a plain sea."""

    def __init__(self, runtime: Runtime, *, show: bool = False) -> None:
        super().__init__(
            runtime,
            "outlineLayer",
            country_outlines(),
            name="Country outlines (offline)",
            overlay=False,
            show=show,
        )
        self._name = "OutlineLayer"


class TileFallback(MacroElement):
    """Show the outline base map, and a notice, when a tile layer's tiles all fail."""

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

    def __init__(self, html: str) -> None:
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
