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


#: event types of violence: a casualty or an "attack" told later belongs to one of them
VIOLENT = frozenset(
    {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Riots",
    }
)
#: event types of crowds
CROWDS = frozenset({"Protests", "Riots"})
#: sentences apart a casualty report may follow the incident it counts
CASUALTY_GAP = 3


@dataclasses.dataclass(frozen=True, slots=True)
class Report:
    """An event as one sentence tells it, before incidents are formed.

    ``kind`` is ``"report"`` (a happening told with its own trigger), ``"anaphor"``
    (a definite noun that refers back: "the attack", "the blast") or ``"casualty"``
    (a toll with no actor: "three people were killed", "no one was hurt");
    ``inherited`` says the place came from discourse, not the sentence; ``additive``
    that the sentence adds to a toll told before ("two others were also killed").
    """

    event: Event
    kind: str = "report"
    inherited: bool = False
    additive: bool = False


def _place_fits(incident: Mention | None, report: Mention | None, inherited: bool) -> bool:
    """Whether a later report's place can be the incident's (the same, or one holds the other)."""
    if inherited or _same_place(incident, report):
        return True
    if incident is None or report is None or incident.place is None or report.place is None:
        return False
    big, small = incident.place, report.place
    if not big.is_area:
        big, small = small, big
    if not big.is_area or big.country_code != small.country_code:
        return False
    return big.feature_code.startswith("PCL") or (
        bool(big.admin1_code) and big.admin1_code == small.admin1_code
    )


def _types_fit(incident: Event, report: Report) -> bool:
    if report.kind == "casualty":
        return incident.event_type in VIOLENT | CROWDS
    kind = report.event.event_type
    for group in (VIOLENT, CROWDS):
        if kind in group:
            return incident.event_type in group
    return (incident.event_type, incident.sub_event_type) == (kind, report.event.sub_event_type)


def _toll(first: int | None, more: int | None, additive: bool) -> int | None:
    """The fatalities of an incident told in two sentences, counted once."""
    if first is None or more is None:
        return more if first is None else first
    return first + more if additive else max(first, more)


def _attach(incident: Event, report: Report) -> Event:
    event = report.event
    spans = {*incident.more_evidence, (event.evidence_start, event.evidence_end)}
    spans.discard((incident.evidence_start, incident.evidence_end))
    same_sentence = event.sent == incident.sent
    return dataclasses.replace(
        incident,
        more_evidence=tuple(sorted(spans)),
        fatalities=incident.fatalities
        if same_sentence
        else _toll(incident.fatalities, event.fatalities, report.additive),
        actor1=incident.actor1 or event.actor1,
        actor2=incident.actor2 or event.actor2,
    )


def group_incidents(reports: list[Report], mentions: tuple[Mention, ...]) -> list[Event]:
    """Attach what later sentences tell of an incident to it: one incident, one event.

    A casualty report ("three people were killed", "no one was hurt") or a definite
    noun that refers back ("the attack", "the blast") joins the latest incident
    before it whose type fits (violence with violence, crowds with crowds) and whose
    place fits (the same place, a place the other holds, or no place of its own);
    a casualty report only within :data:`CASUALTY_GAP` sentences. Its sentence
    becomes evidence of the incident and its toll is counted once. Anything else,
    or a report with no incident to join, is an event of its own.
    """
    events: list[Event] = []
    # within a sentence the happening first, its toll after ("killed in an airstrike")
    order = sorted(
        range(len(reports)), key=lambda k: (reports[k].event.sent, reports[k].kind != "report", k)
    )
    for report in (reports[k] for k in order):
        target = None
        if report.kind != "report":
            for k in range(len(events) - 1, -1, -1):
                incident = events[k]
                if report.event.sent < incident.sent:
                    continue
                if report.kind == "casualty" and report.event.sent - incident.sent > CASUALTY_GAP:
                    break
                if not _types_fit(incident, report):
                    continue
                place = mentions[incident.mention] if incident.mention is not None else None
                other = mentions[report.event.mention] if report.event.mention is not None else None
                if _place_fits(place, other, report.inherited):
                    target = k
                    break
        if target is None:
            events.append(report.event)
        else:
            events[target] = _attach(events[target], report)
    return events
