"""The event stage: what happened, who acted, when and where, read from resolved documents."""

from geomap.events.dates import normalise_date
from geomap.events.detect import extract_events
from geomap.events.incidents import merge_events
from geomap.events.locate import link_trigger
from geomap.events.snippets import snippet_type, type_candidates

__all__ = [
    "extract_events",
    "link_trigger",
    "merge_events",
    "normalise_date",
    "snippet_type",
    "type_candidates",
]
