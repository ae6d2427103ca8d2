"""The event stage: what happened, who acted, when and where, read from resolved documents."""

from geomap.events.dates import normalise_date
from geomap.events.detect import extract_events, merge_events

__all__ = ["extract_events", "merge_events", "normalise_date"]
