"""Leaflet's JavaScript and CSS, inlined from the xstatic packages for offline maps."""

from __future__ import annotations

import base64
import functools
import json
import re
from pathlib import Path

import folium
from branca.element import Element

__all__ = [
    "LEAFLET_VERSION",
    "MARKERCLUSTER_CDN",
    "MARKERCLUSTER_VERSION",
    "inline_assets",
    "default_icon_script",
    "leaflet_css",
    "leaflet_js",
    "markercluster_css",
    "markercluster_js",
]

LEAFLET_VERSION = "1.9.3"
MARKERCLUSTER_VERSION = "1.4.1"
#: where ``offline=False`` maps load Leaflet.markercluster from
MARKERCLUSTER_CDN = (
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/"
    f"{MARKERCLUSTER_VERSION}/leaflet.markercluster.js",
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/"
    f"{MARKERCLUSTER_VERSION}/MarkerCluster.css",
)

_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_CSS_IMAGE = re.compile(r"url\((images/[A-Za-z0-9_.-]+\.png)\)")


def _leaflet_dir() -> Path:
    from xstatic.pkg import leaflet

    if leaflet.VERSION != LEAFLET_VERSION:  # folium 0.20's templates target 1.9.3
        raise RuntimeError(
            f"xstatic-leaflet {leaflet.VERSION} is installed; geomap needs {LEAFLET_VERSION}"
        )
    return Path(leaflet.BASE_DIR)


@functools.cache
def leaflet_js() -> str:
    """Return Leaflet's minified JavaScript, safe to place inside a ``<script>`` element.

    Returns
    -------
    str
        The contents of ``leaflet.js`` without its source-map comment.

    """
    text = (_leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    text = _SOURCE_MAP.sub("", text)
    # a literal "</script" would end the inline element early
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


@functools.cache
def default_icon_script() -> str:
    """Return a script giving Leaflet's default marker icon its images as data URIs.

    The runtime reads ``window.GEOMAP_ICONS`` so that a ``folium.Marker`` a
    user adds to an offline map shows its usual pin.
    """
    base = _leaflet_dir() / "images"
    icons = {}
    for key, name in (
        ("iconUrl", "marker-icon.png"),
        ("iconRetinaUrl", "marker-icon-2x.png"),
        ("shadowUrl", "marker-shadow.png"),
    ):
        data = base64.b64encode((base / name).read_bytes()).decode("ascii")
        icons[key] = f"data:image/png;base64,{data}"
    return "window.GEOMAP_ICONS = " + json.dumps(icons, separators=(",", ":")) + ";"


@functools.cache
def leaflet_css() -> str:
    """Return Leaflet's CSS with the images it references inlined as data URIs.

    Returns
    -------
    str
        The contents of ``leaflet.css``; ``url(images/...)`` references (the
        layer-control icon, the default marker) become ``data:`` URIs so that
        no relative file is needed next to the HTML.

    """
    base = _leaflet_dir()

    def to_data_uri(match: re.Match[str]) -> str:
        data = (base / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    text = (base / "leaflet.css").read_text(encoding="utf-8")
    text = _CSS_IMAGE.sub(to_data_uri, text)
    return re.sub(r"</(style)", r"<\\/\1", text, flags=re.IGNORECASE)


def _markercluster_dir() -> Path:
    from xstatic.pkg import leaflet_markercluster

    return Path(leaflet_markercluster.BASE_DIR)


def _script_safe(text: str) -> str:
    text = _SOURCE_MAP.sub("", text)
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


@functools.cache
def markercluster_js() -> str:
    """Return Leaflet.markercluster's minified JavaScript, safe inside ``<script>``."""
    return _script_safe((_markercluster_dir() / "leaflet.markercluster.js").read_text("utf-8"))


@functools.cache
def markercluster_css() -> str:
    """Return Leaflet.markercluster's animation CSS (geomap draws its own cluster icons)."""
    return _script_safe((_markercluster_dir() / "MarkerCluster.css").read_text("utf-8"))


def inline_assets(m: folium.Map) -> None:
    """Make ``m`` self-contained: inline Leaflet and Leaflet.markercluster, drop CDN links.

    Only this map instance is changed (its ``default_js``/``default_css`` are
    set on the instance, shadowing folium's class-level lists), so other maps
    built in the same process keep folium's normal behaviour. folium's
    ``Popup`` works through the runtime's small stand-in for jQuery; features
    that need Bootstrap or Font Awesome (folium's ``Icon``) do not work offline.

    Parameters
    ----------
    m : folium.Map
        A map attached to its :class:`branca.element.Figure`.

    """
    m.default_js = []
    m.default_css = []
    header = m.get_root().header
    header.add_child(Element(f"<style>{leaflet_css()}</style>"), name="geomap_leaflet_css")
    header.add_child(Element(f"<script>{leaflet_js()}</script>"), name="geomap_leaflet_js")
    header.add_child(
        Element(f"<script>{default_icon_script()}</script>"), name="geomap_leaflet_icons"
    )
    header.add_child(
        Element(f"<style>{markercluster_css()}</style>"), name="geomap_markercluster_css"
    )
    header.add_child(
        Element(f"<script>{markercluster_js()}</script>"), name="geomap_markercluster_js"
    )
