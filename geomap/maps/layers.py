"""The pieces of an events map: base maps, one overlay per event type, popups, legend.

Each public function returns one element to add to a :class:`folium.Map`.
All document text goes through :func:`geomap.maps._escape.escape_text` here,
and nothing in this module uses folium features that need jQuery, Bootstrap
or Font Awesome, so a map built from these pieces works fully offline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import folium
from branca.element import MacroElement
from folium.template import Template

from geomap.maps._escape import _is_missing, escape_text
from geomap.schema import EVENT_COLORS, EVENT_TYPES

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "AREA_PANE",
    "UNKNOWN_COLOR",
    "UNKNOWN_TYPE",
    "Attribution",
    "EventPopup",
    "Legend",
    "MapTitle",
    "area_pane",
    "attribution",
    "dark_tiles",
    "event_color",
    "event_counts",
    "event_layer",
    "event_marker",
    "event_types_in",
    "highlight_trigger",
    "layer_label",
    "legend",
    "light_tiles",
    "popup_html",
    "tooltip_text",
    "type_slug",
]

#: colour of event types that are not in :data:`geomap.schema.EVENT_COLORS`
UNKNOWN_COLOR = "#7f7f7f"
#: layer name for events whose ``event_type`` is missing
UNKNOWN_TYPE = "(no event type)"
#: Leaflet pane (below the default overlay pane) for region-level areas, so
#: that the large translucent circles never cover exact points
AREA_PANE = "geomapAreas"

CARTO_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    ' &copy; <a href="https://carto.com/attributions">CARTO</a>'
)
GEONAMES_ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/" target="_blank" rel="noopener">GeoNames</a>'
    ' (<a href="https://creativecommons.org/licenses/by/4.0/" target="_blank"'
    ' rel="noopener">CC BY 4.0</a>)'
)

_TIME_PRECISION = {1: "exact day", 2: "within a week", 3: "within a month"}
_GEO_PRECISION = {
    1: "exact place",
    2: "near the place (district level)",
    3: "region or country: the point is the area's representative point",
}
#: Leaflet path options per geo_precision (circle markers, radius in pixels)
_MARKER_STYLE: dict[int, dict[str, Any]] = {
    1: {"radius": 6, "weight": 1.5, "opacity": 1.0, "fill_opacity": 0.85},
    2: {"radius": 8, "weight": 2, "opacity": 0.9, "fill_opacity": 0.5, "dash_array": "2 3"},
    3: {"radius": 22, "weight": 2, "opacity": 0.8, "fill_opacity": 0.12, "dash_array": "6 5"},
}

_CSS = """
<style>
.geomap-popup { font: 13px/1.35 system-ui, sans-serif; max-width: 340px; }
.geomap-popup h4 { margin: 0 0 4px; font-size: 14px; }
.geomap-popup h4 small { font-weight: normal; color: #555; }
.geomap-popup table { border-collapse: collapse; margin: 4px 0; }
.geomap-popup th { text-align: left; vertical-align: top; padding: 1px 8px 1px 0;
  color: #555; font-weight: 600; white-space: nowrap; }
.geomap-popup td { padding: 1px 0; overflow-wrap: anywhere; }
.geomap-popup .geomap-muted { color: #777; }
.geomap-evidence { margin: 6px 0 0; padding: 4px 8px; border-left: 3px solid #bbb;
  background: #f6f6f6; overflow-wrap: anywhere; max-height: 12em; overflow-y: auto; }
.geomap-evidence mark { background: #ffe066; padding: 0 1px; }
.geomap-swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 4px; vertical-align: baseline; border: 1px solid rgba(0,0,0,.35); }
.geomap-swatch-area { background: transparent !important; border: 1px dashed #333;
  width: 14px; height: 14px; vertical-align: middle; }
.geomap-legend { background: rgba(255,255,255,.92); padding: 6px 8px; font: 12px/1.5
  system-ui, sans-serif; color: #222; }
.geomap-legend h5 { margin: 0 0 2px; font-size: 12px; }
.geomap-title { position: absolute; z-index: 1000; top: 10px; left: 50%;
  transform: translateX(-50%); max-width: 60%; pointer-events: none;
  background: rgba(255,255,255,.9); padding: 4px 12px; border-radius: 4px;
  font: 600 16px/1.3 system-ui, sans-serif; color: #222; text-align: center;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); }
</style>
"""


class EventPopup(MacroElement):
    """A popup bound to its parent layer, whose content is a ready HTML string.

    Unlike :class:`folium.Popup`, the content is passed to ``bindPopup`` as a
    JSON string literal (no jQuery, no JavaScript template literal), so it
    works offline and nothing in it is evaluated. The caller must build
    ``html`` from escaped parts (see :func:`popup_html`).

    Parameters
    ----------
    html : str
        The popup's HTML, already escaped.
    max_width : int
        Leaflet's ``maxWidth`` in pixels.

    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindPopup(
                {{ this.html|tojavascript }}, {{ this.options|tojavascript }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, max_width: int = 360) -> None:
        super().__init__()
        self._name = "EventPopup"
        self.html = html
        self.options = {"max_width": max_width, "class_name": "geomap-popup-wrapper"}


class Legend(MacroElement):
    """A small Leaflet control listing event colours and the marker styles.

    Parameters
    ----------
    html : str
        The legend's HTML, already escaped.
    position : str
        Leaflet control position.

    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            {{ this.css }}
        {% endmacro %}
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
            {{ this.get_name() }}.onAdd = function () {
                var div = L.DomUtil.create("div", "geomap-legend leaflet-bar");
                div.innerHTML = {{ this.html|tojavascript }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html: str, *, position: str = "bottomleft") -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html
        self.position = position
        self.css = _CSS


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


def area_pane() -> folium.map.CustomPane:
    """Return the pane holding region-level circles, beneath the exact points."""
    return folium.map.CustomPane(AREA_PANE, z_index=390, pointer_events=True)


def attribution() -> Attribution:
    """Return the GeoNames (CC BY 4.0) credit for the map's attribution control."""
    return Attribution()


def event_color(event_type: Any) -> str:
    """Return the ACLED colour of ``event_type`` (grey when unknown)."""
    if not isinstance(event_type, str):
        return UNKNOWN_COLOR
    return EVENT_COLORS.get(event_type, UNKNOWN_COLOR)


def type_slug(event_type: Any) -> str:
    """Return a CSS-class-safe slug of an event type, e.g. ``explosions-remote-violence``."""
    text = event_type if isinstance(event_type, str) and event_type else "unknown"
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"


def event_types_in(events: gpd.GeoDataFrame) -> list[str]:
    """Return the event types present in ``events``: ACLED's order first, then others sorted.

    Missing types are reported as :data:`UNKNOWN_TYPE`.
    """
    if len(events) == 0 or "event_type" not in events.columns:
        return [UNKNOWN_TYPE] if len(events) else []
    present = {_type_key(value) for value in events["event_type"]}
    known = [name for name in EVENT_TYPES if name in present]
    return known + sorted(present - set(known))


def event_counts(events: gpd.GeoDataFrame) -> dict[str, int]:
    """Return the number of drawable events (with coordinates) per type, in display order.

    The order is that of :func:`event_types_in`; types without a drawable
    event are left out.
    """
    found: dict[str, int] = {}
    for record in _records(events):
        if _location(record) is not None:
            key = _type_key(record.get("event_type"))
            found[key] = found.get(key, 0) + 1
    return {name: found[name] for name in event_types_in(events) if name in found}


def layer_label(event_type: str, count: int) -> str:
    """Return the (escaped) HTML label of an event-type layer: swatch, name, count."""
    color = event_color(event_type)
    return (
        f'<span class="geomap-swatch" style="background:{color}"></span>'
        f"{escape_text(event_type)} ({count})"
    )


def event_layer(
    events: gpd.GeoDataFrame, event_type: str, *, show: bool = True
) -> folium.FeatureGroup:
    """Return the overlay of the events of one type, one circle marker per event.

    Parameters
    ----------
    events : geopandas.GeoDataFrame
        An events table (any subset of rows); rows of other types and rows
        without coordinates are left out.
    event_type : str
        The type to draw (:data:`UNKNOWN_TYPE` selects rows without a type).
    show : bool
        Whether the layer is visible when the map opens.

    Returns
    -------
    folium.FeatureGroup
        A named overlay; its label in the layer control shows the type's colour
        and the number of events drawn.

    """
    records = [
        record
        for record in _records(events)
        if _type_key(record.get("event_type")) == event_type and _location(record) is not None
    ]
    # areas first, so that within the layer exact points are drawn on top
    records.sort(key=lambda record: -_geo_precision(record))
    group = folium.FeatureGroup(name=layer_label(event_type, len(records)), overlay=True, show=show)
    for record in records:
        event_marker(record).add_to(group)
    return group


def event_marker(record: Mapping[str, Any]) -> folium.CircleMarker:
    """Return the circle marker of one event, with its popup and tooltip.

    Exact and near points are small solid circles; region-level events
    (``geo_precision`` 3) are large, translucent, dashed circles in a pane
    beneath the points, so they never read as an exact location.

    Parameters
    ----------
    record : Mapping
        One row of the events table (column -> value).

    Returns
    -------
    folium.CircleMarker
        The marker; its SVG path has the classes ``geomap-event``,
        ``geomap-type-<slug>`` and ``geomap-precision-<1|2|3>``.

    """
    location = _location(record)
    if location is None:
        raise ValueError("event has no coordinates")
    precision = _geo_precision(record)
    color = event_color(record.get("event_type"))
    style = dict(_MARKER_STYLE[precision])
    options: dict[str, Any] = {
        "color": color,
        "fill": True,
        "fill_color": color,
        "class_name": (
            f"geomap-event geomap-type-{type_slug(record.get('event_type'))} "
            f"geomap-precision-{precision}"
        ),
    }
    marker = folium.CircleMarker(location=location, **style, **options)
    if precision == 3:
        # folium's path_options() drops options it does not know, such as pane
        marker.options["pane"] = AREA_PANE
    EventPopup(popup_html(record)).add_to(marker)
    folium.Tooltip(tooltip_text(record), sticky=True).add_to(marker)
    return marker


def tooltip_text(record: Mapping[str, Any]) -> str:
    """Return the tooltip's escaped text: ``date · type · location``."""
    parts = [
        escape_text(record.get("event_date")),
        escape_text(record.get("event_type")),
        escape_text(record.get("location")),
    ]
    return " · ".join(part for part in parts if part)


def popup_html(record: Mapping[str, Any]) -> str:
    """Return the popup's HTML for one event, every value escaped.

    The popup shows the date (and how precise it is), type and sub-type,
    actors, fatalities when known, the place as written and as resolved with
    its GeoNames id, the location precision, the confidence, the source and the
    evidence sentence with the trigger highlighted in ``<mark>``.

    Parameters
    ----------
    record : Mapping
        One row of the events table (column -> value); missing columns and
        null values are shown as empty.

    Returns
    -------
    str
        An HTML fragment (a ``div.geomap-popup``).

    """
    get = record.get
    rows: list[tuple[str, str]] = []

    date = escape_text(get("event_date"))
    time_precision = _as_int(get("time_precision"))
    if time_precision in _TIME_PRECISION:
        date += f' <span class="geomap-muted">({_TIME_PRECISION[time_precision]})</span>'
    rows.append(("Date", date))

    actors = [escape_text(get(name)) for name in ("actor1", "actor2")]
    actors = [actor for actor in actors if actor]
    rows.append(
        ("Actors", " — ".join(actors) if actors else '<span class="geomap-muted">not named</span>')
    )
    fatalities = _as_int(get("fatalities"))
    if fatalities is not None:
        rows.append(("Fatalities", escape_text(fatalities)))

    rows.append(("As written", f"“{escape_text(get('place_mention'))}”"))
    resolved = ", ".join(
        part
        for part in (escape_text(get(name)) for name in ("location", "admin1", "country"))
        if part
    )
    geonameid = _as_int(get("geonameid"))
    if geonameid is not None:
        gid = escape_text(geonameid)
        resolved += (
            f' <span class="geomap-muted">(GeoNames <a href="https://www.geonames.org/{gid}"'
            f' target="_blank" rel="noopener noreferrer">{gid}</a>)</span>'
        )
    rows.append(("Resolved to", resolved))

    geo_precision = _as_int(get("geo_precision"))
    precision_text = escape_text(
        _GEO_PRECISION.get(geo_precision, "unknown") if geo_precision else "unknown"
    )
    rows.append(("Precision", f"{escape_text(geo_precision) or '?'} — {precision_text}"))

    confidence = get("confidence")
    if isinstance(confidence, (int, float)) and not _is_missing(confidence):
        rows.append(("Confidence", escape_text(f"{float(confidence):.2f}")))
    elif not _is_missing(confidence):
        rows.append(("Confidence", escape_text(confidence)))
    rows.append(("Source", _source_html(get("source"))))

    event_type = _type_key(get("event_type"))
    sub_type = escape_text(get("sub_event_type"))
    body = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in rows)
    evidence = highlight_trigger(get("notes"), get("trigger"))
    return (
        f'<div class="geomap-popup" data-event-id="{escape_text(get("event_id"))}">'
        f'<h4><span class="geomap-swatch" style="background:{event_color(event_type)}"></span>'
        f"{escape_text(event_type)}"
        + (f" <small>· {sub_type}</small>" if sub_type else "")
        + f"</h4><table>{body}</table>"
        f'<blockquote class="geomap-evidence">{evidence}</blockquote></div>'
    )


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


def legend(
    counts: Mapping[str, int] | Iterable[tuple[str, int]], *, position: str = "bottomleft"
) -> Legend:
    """Return the legend: one colour per event type drawn, and the marker styles.

    Parameters
    ----------
    counts : Mapping or iterable of (event type, count)
        The event types drawn, in display order, with their number of events.
    position : str
        Leaflet control position.

    """
    items = list(counts.items()) if isinstance(counts, Mapping) else list(counts)
    lines = ["<h5>Events</h5>"]
    if not items:
        lines.append('<div class="geomap-muted">no events</div>')
    for event_type, count in items:
        lines.append(f"<div>{layer_label(event_type, count)}</div>")
    lines.append(
        '<div class="geomap-muted"><span class="geomap-swatch"></span>exact or near place<br>'
        '<span class="geomap-swatch geomap-swatch-area"></span>region or country '
        "(approximate)</div>"
    )
    return Legend("".join(lines), position=position)


def _records(events: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    frame = events.drop(columns=[events.geometry.name]) if _has_geometry(events) else events
    records = frame.to_dict("records")
    if _has_geometry(events) and not {"latitude", "longitude"} <= set(events.columns):
        for record, point in zip(records, events.geometry, strict=True):
            if point is not None and not point.is_empty and point.geom_type == "Point":
                record["latitude"], record["longitude"] = point.y, point.x
    return records


def _has_geometry(events: Any) -> bool:
    try:
        return events.geometry is not None
    except AttributeError:  # a GeoDataFrame without an active geometry column
        return False


def _location(record: Mapping[str, Any]) -> list[float] | None:
    try:
        lat, lon = float(record.get("latitude")), float(record.get("longitude"))
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return [lat, lon]


def _type_key(value: Any) -> str:
    return UNKNOWN_TYPE if _is_missing(value) or value == "" else str(value)


def _geo_precision(record: Mapping[str, Any]) -> int:
    value = _as_int(record.get("geo_precision"))
    return value if value in (1, 2, 3) else 2


def _as_int(value: Any) -> int | None:
    if _is_missing(value) or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if math.isfinite(number) and number == int(number) else None


def _source_html(source: Any) -> str:
    text = escape_text(source)
    if not text:
        return '<span class="geomap-muted">unknown</span>'
    if re.match(r"https?://", str(source), flags=re.IGNORECASE) and not re.search(
        r"\s", str(source)
    ):
        return f'<a href="{text}" target="_blank" rel="noopener noreferrer">{text}</a>'
    return text
