"""geomap: turn news text into maps of events, offline.

The public API is small::

    import geomap
    events = geomap.extract("data/")          # GeoDataFrame, ACLED-style columns
    events = geomap.extract(frame, text="body", date="published", id="url")  # a DataFrame
    m = geomap.make_map(events)               # folium.Map (shows inline in Jupyter)
    doc = geomap.process_text("Protesters rallied in Almaty on Tuesday.", date="2022-01-05")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Event",
    "GeomapError",
    "InputError",
    "InputWarning",
    "Mention",
    "Pipeline",
    "Place",
    "__version__",
    "documents",
    "events_frame",
    "extract",
    "load_corrections",
    "make_map",
    "mentions_frame",
    "process",
    "process_text",
    "read_documents",
    "read_events",
    "read_mentions",
    "write_events",
    "write_mentions",
]

from geomap.errors import GeomapError, InputError
from geomap.model import Document, Event, Mention, Place

if TYPE_CHECKING:
    from geomap.api import InputWarning, documents, extract, make_map
    from geomap.corrections import load_corrections
    from geomap.export import read_events, read_mentions, write_events, write_mentions
    from geomap.ingest import read_documents
    from geomap.join import events_frame, mentions_frame
    from geomap.pipeline import Pipeline

_LAZY = {
    "read_documents": "geomap.ingest",
    "events_frame": "geomap.join",
    "mentions_frame": "geomap.join",
    "make_map": "geomap.api",
    "extract": "geomap.api",
    "documents": "geomap.api",
    "InputWarning": "geomap.api",
    "load_corrections": "geomap.corrections",
    "Pipeline": "geomap.pipeline",
    "read_events": "geomap.export",
    "write_events": "geomap.export",
    "read_mentions": "geomap.export",
    "write_mentions": "geomap.export",
}


def __getattr__(name: str) -> Any:
    """Import the heavier parts of the API on first use."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public API (``__all__``) and the module's own attributes, for ``dir(geomap)``."""
    return sorted(set(__all__) | set(globals()))


def process(documents):  # noqa: ANN001, ANN201 - thin wrapper, documented below
    """Run the default pipeline over documents and yield them processed.

    Parameters
    ----------
    documents : iterable of Document
        For example ``geomap.read_documents("data/")``.

    """
    from geomap.pipeline import default_pipeline

    return default_pipeline().process(documents)


def process_text(text: str, *, date=None, doc_id: str = "text") -> Document:  # noqa: ANN001
    """Process one text with the default pipeline and return the :class:`Document`.

    Parameters
    ----------
    text : str
        The news text.
    date : str or datetime.date, optional
        The document's date ("2022-01-08"), against which relative dates are read.
    doc_id : str
        Id for the document.

    """
    from geomap.pipeline import default_pipeline

    return default_pipeline().process_text(text, date=date, doc_id=doc_id)
