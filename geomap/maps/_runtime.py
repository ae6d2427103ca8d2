"""The map's own JavaScript and CSS (written for geomap), inlined into every map page.

The sources are ``js/*.js`` and ``js/geomap.css`` in this package. The
scripts are joined, in :data:`SCRIPTS` order, into one function that defines
``window.GeomapRuntime``: a controller per map that turns one GeoJSON per
layer into clustered markers, areas, a heat layer, region counts, labels, an
event list, a timeline and the controls.

Every string property the runtime receives was escaped by
:func:`geomap.maps._escape.escape_text` in Python; the scripts only join such
strings with their own constant markup and numbers, and never evaluate them.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

__all__ = ["SCRIPTS", "runtime_css", "runtime_js", "script_source"]

#: the runtime's scripts, in the order they are joined
SCRIPTS = ("util.js", "layers.js", "areas.js", "controls.js", "panel.js", "controller.js")


def script_source(name: str) -> str:
    """Return the text of one of the package's ``js/`` files."""
    return resources.files("geomap.maps").joinpath("js", name).read_text(encoding="utf-8")


def _safe(text: str) -> str:
    # a literal "</script" or "</style" would end the inline element early
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)


@functools.cache
def runtime_js() -> str:
    """Return the runtime: the scripts joined inside one strict-mode function of ``L``."""
    body = "\n".join(script_source(name) for name in SCRIPTS)
    return _safe(f'(function (L) {{\n"use strict";\n{body}\n}})(L);\n')


@functools.cache
def runtime_css() -> str:
    """Return the runtime's stylesheet."""
    return _safe(script_source("geomap.css"))
