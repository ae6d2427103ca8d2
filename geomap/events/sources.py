"""One incident told by several reports: event rows of different documents merged into one.

Wire copies, follow-ups and other outlets tell the same incident again. Rows of the
events table (``geomap.join.event_row`` dicts) of different documents are one
incident when they agree on the event type and the place (the same GeoNames place),
their dates lie within a few days of each other, and their actors do not contradict
each other (one side names no actor, or the two share one). The merged row keeps
every source: ``sources`` lists the document ids, ``n_sources`` counts them, ``notes``
joins the evidence of each report. Fatalities take the lowest figure the reports give,
as ACLED does when sources disagree; the date is the most precise one, the earliest
of equal precision.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

#: days apart two reports of one incident may date it, by the coarser time precision
WINDOW_DAYS = {1: 2, 2: 7, 3: 31}
#: what separates the document ids of ``sources`` and the evidence of ``notes``
SOURCE_SEPARATOR = "; "
NOTES_SEPARATOR = " | "
_COUNTRY = re.compile(r"\s*\([^)]*\)$|\s+of\s+[A-Z][\w .'-]*$")


def _place_key(row: dict) -> tuple:
    if row.get("geonameid") is not None:
        return ("id", int(row["geonameid"]))
    return ("name", row.get("location"), row.get("country_code"))


def _actors(row: dict) -> set[str]:
    """The row's actors without their country qualifier ("Protesters (Kenya)" -> "protesters")."""
    return {
        _COUNTRY.sub("", str(row[k])).strip().lower()
        for k in ("actor1", "actor2")
        if row.get(k) not in (None, "")
    }


def _date(row: dict) -> dt.date | None:
    value = row.get("event_date")
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _sources(row: dict) -> list[str]:
    listed = row.get("sources")
    if listed:
        return [s for s in str(listed).split(SOURCE_SEPARATOR) if s]
    return [str(row["doc_id"])]


def same_incident(one: dict, two: dict) -> bool:
    """Whether two event rows of different documents tell one incident."""
    if set(_sources(one)) & set(_sources(two)):
        return False  # one report's events were told apart by the event stage
    if one["event_type"] != two["event_type"] or _place_key(one) != _place_key(two):
        return False
    d1, d2 = _date(one), _date(two)
    if d1 is None or d2 is None:
        return False
    coarse = max(int(one.get("time_precision") or 1), int(two.get("time_precision") or 1))
    if abs((d1 - d2).days) > WINDOW_DAYS.get(coarse, 2):
        return False
    a1, a2 = _actors(one), _actors(two)
    return not a1 or not a2 or bool(a1 & a2)


def _combine(rows: list[dict]) -> dict:
    """One row for the reports ``rows`` of one incident (the most confident one leads)."""
    lead = max(rows, key=lambda r: (float(r.get("confidence") or 0), -len(r["notes"] or "")))
    out = dict(lead)
    sources = list(dict.fromkeys(s for r in rows for s in _sources(r)))
    out["sources"] = SOURCE_SEPARATOR.join(sources)
    out["n_sources"] = len(sources)
    notes = list(dict.fromkeys(r["notes"] for r in [lead, *rows] if r.get("notes")))
    out["notes"] = NOTES_SEPARATOR.join(notes)
    deaths = [int(r["fatalities"]) for r in rows if r.get("fatalities") not in (None, "")]
    deaths = [d for d in deaths if d == d]  # NaN from a frame
    out["fatalities"] = min(deaths) if deaths else lead.get("fatalities")
    dated = [(int(r.get("time_precision") or 1), _date(r), r) for r in rows if _date(r)]
    if dated:
        precision, _, best = min(dated, key=lambda item: (item[0], item[1]))
        out["event_date"], out["time_precision"] = best["event_date"], precision
    for key in ("actor1", "actor2"):
        if out.get(key) in (None, ""):
            out[key] = next((r[key] for r in rows if r.get(key) not in (None, "")), None)
    bonus = 0.05 * (len(sources) - 1)
    out["confidence"] = round(min(1.0, float(lead.get("confidence") or 0) + bonus), 3)
    return out


def merge_reports(rows: Iterable[dict]) -> list[dict]:
    """Merge the event rows of different documents that tell one incident.

    Parameters
    ----------
    rows
        Event rows (dicts with the events table's columns); ``sources`` and
        ``n_sources`` are filled in when missing.

    Returns
    -------
    list of dict
        One row per incident, in the order of each incident's first row.

    """
    clusters: list[list[dict]] = []
    by_key: dict[tuple, list[int]] = {}
    for row in rows:
        row = {**row, "sources": row.get("sources") or str(row["doc_id"])}
        row["n_sources"] = len(_sources(row))
        key = (row["event_type"], _place_key(row))
        target = None
        for k in by_key.get(key, []):
            if all(same_incident(row, other) for other in clusters[k]):
                target = k
                break
        if target is None:
            by_key.setdefault(key, []).append(len(clusters))
            clusters.append([row])
        else:
            clusters[target].append(row)
    return [group[0] if len(group) == 1 else _combine(group) for group in clusters]
