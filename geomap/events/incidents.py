"""Incidents: the reports of one happening in a document merged into one event."""

from __future__ import annotations

import dataclasses

from geomap.model import Event, Mention


def _same_place(a: Mention | None, b: Mention | None) -> bool:
    if a is None or b is None or a.place is None or b.place is None:
        return False
    return a.place.geonameid == b.place.geonameid and a.place.name == b.place.name


def merge_events(events: list[Event], mentions: tuple[Mention, ...]) -> tuple[Event, ...]:
    """Merge events of one type at one place on one date into one event, keeping all evidence.

    Two events merge when their type, sub-type, place and date agree (an
    undated report inherits the date of its paragraph's dated one first).
    """
    merged: list[Event] = []
    for event in events:
        target = None
        for k, other in enumerate(merged):
            if other.event_type != event.event_type or other.sub_event_type != event.sub_event_type:
                continue
            if not _same_place(mentions[other.mention], mentions[event.mention]):
                continue
            if other.event_date == event.event_date:
                target = k
                break
        if target is None:
            merged.append(event)
            continue
        other = merged[target]
        spans = {(other.evidence_start, other.evidence_end), *other.more_evidence}
        spans.add((event.evidence_start, event.evidence_end))
        spans.discard((other.evidence_start, other.evidence_end))
        best_date = (other.event_date, other.time_precision)
        if event.time_precision < other.time_precision:
            best_date = (event.event_date, event.time_precision)
        merged[target] = dataclasses.replace(
            other,
            more_evidence=tuple(sorted(spans)),
            event_date=best_date[0],
            time_precision=best_date[1],
            geo_precision=min(other.geo_precision, event.geo_precision),
            fatalities=max(filter(None, (other.fatalities, event.fatalities)), default=None),
            actor1=other.actor1 or event.actor1,
            actor2=other.actor2 or event.actor2,
            confidence=round(min(1.0, max(other.confidence, event.confidence) + 0.05), 3),
        )
    return tuple(merged)
