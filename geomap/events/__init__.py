"""The event stage: what happened, who acted, when and where, read from resolved documents."""

from geomap.events.dates import normalise_date
from geomap.events.detect import extract_events, merge_events, snippet_type, type_candidates
from geomap.events.locate import link_trigger

__all__ = [
    "extract_events",
    "link_trigger",
    "merge_events",
    "normalise_date",
    "snippet_type",
    "type_candidates",
]
