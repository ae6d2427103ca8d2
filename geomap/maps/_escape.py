"""The one escaping helper for document text on its way into HTML or JavaScript."""

from __future__ import annotations

import math
from typing import Any

__all__ = ["escape_text"]

#: every character that could end an HTML context, open a JavaScript template
#: interpolation, escape a JavaScript string, or start template syntax
_TABLE: dict[int, str] = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        "`": "&#96;",
        "$": "&#36;",
        "\\": "&#92;",
        "{": "&#123;",
        "}": "&#125;",
    }
)


def escape_text(s: Any) -> str:
    """Escape text so that it is inert in HTML, in JavaScript strings and in templates.

    Every piece of document text (notes, actors, place names, sources...)
    passes through this function before it reaches a folium element.

    Parameters
    ----------
    s : Any
        The text. ``None`` and missing values (NaN, ``pd.NA``) give ``""``;
        other non-strings are converted with :func:`str` first.

    Returns
    -------
    str
        ``s`` with ``& < > " '`` replaced by HTML entities and ``$``, backtick,
        backslash, ``{`` and ``}`` replaced by numeric character references, so
        that neither HTML tags, ``${...}`` interpolation in a JavaScript template
        literal, nor ``{{ ... }}`` template syntax survive.

    Examples
    --------
    >>> escape_text("<b>${x}</b> {{7*7}}")
    '&lt;b&gt;&#36;&#123;x&#125;&lt;/b&gt; &#123;&#123;7*7&#125;&#125;'

    """
    if _is_missing(s):
        return ""
    return str(s).translate(_TABLE)


def _is_missing(value: Any) -> bool:
    """Return whether ``value`` is None, NaN, ``pd.NA`` or ``pd.NaT``."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False
    return value is pd.NA or value is pd.NaT
