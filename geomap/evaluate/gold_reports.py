"""``geomap evaluate gold-reports``: places and events on reports with gold for both.

The corpus is JSONL, one report a line (``tests/data/ru_reports.jsonl`` is our
own, in Russian): ``id``, ``date``, ``text``, optional ``lang`` and ``split``,
``places`` (gold toponyms: ``start``, ``end``, ``geonameid``) and ``events``
(``event_type``, ``sub_event_type``, ``geonameid``, ``event_date``).

Scores, overall and per ``split``:

- toponym recognition, exact span match, of the place and region mentions
  (demonyms are not toponyms here), and resolution accuracy (the same
  GeoNames id, and within 161 km) on the matched spans;
- events: a predicted event (a row of the events table) matches an unmatched
  gold event of the same report with the same type and GeoNames id; precision
  and recall over all events, with the share of matches that also have the gold
  sub-type and date, and the predicted events placed where no gold event
  happened ("events at places only mentioned").
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import InputError

if TYPE_CHECKING:
    from geomap.pipeline import Pipeline


def read_reports(path: str | Path, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The reports of a gold-reports corpus, checked; errors name the file and line."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if limit is not None and number > limit:
                return
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row.get("text"), str) or not isinstance(row.get("places"), list):
                    raise ValueError("needs 'text' and 'places'")
            except ValueError as exc:
                raise InputError(f"bad report: {exc}", path=f"{path}:{number}") from None
            yield row


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def run(
    corpus: str | Path, *, limit: int | None = None, pipeline: Pipeline | None = None
) -> dict[str, Any]:
    """Run the pipeline on the reports and score places and events (a JSON-ready dict)."""
    from geomap.evaluate.geoparsing import haversine_km
    from geomap.join import document_rows
    from geomap.model import Document
    from geomap.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    reports = list(read_reports(corpus, limit=limit))
    from geomap.ingest import parse_date

    docs = [
        Document(
            doc_id=str(r.get("id", k)),
            text=r["text"],
            date=parse_date(r.get("date"), where=f"{corpus}:{k + 1}"),
            lang=r.get("lang", ""),
        )
        for k, r in enumerate(reports)
    ]
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[dict[str, Any]] = []
    for report, doc in zip(reports, pipeline.process(docs), strict=True):
        groups = ("all", str(report.get("split", "all")))
        gold = {(p["start"], p["end"]): p for p in report["places"]}
        pred = {(m.start, m.end): m for m in doc.mentions if m.kind in ("place", "region")}
        hits = set(gold) & set(pred)
        resolved = 0
        near = 0
        for span in hits:
            place = pred[span].place
            if place is not None and place.geonameid == gold[span]["geonameid"]:
                resolved += 1
            gold_place = pipeline.gazetteer.get(gold[span]["geonameid"])
            if place is not None and gold_place is not None:
                km = haversine_km(
                    place.latitude, place.longitude, gold_place.latitude, gold_place.longitude
                )
                near += km <= 161
        rows = document_rows(doc)
        open_gold = list(report.get("events", []))
        matched = full = 0
        gold_places = {e["geonameid"] for e in open_gold}
        for row in rows:
            k = next(
                (
                    i
                    for i, e in enumerate(open_gold)
                    if e["event_type"] == row["event_type"] and e["geonameid"] == row["geonameid"]
                ),
                None,
            )
            if k is None:
                misses.append(
                    {"id": doc.doc_id, "extra": f"{row['event_type']} @ {row['location']}"}
                )
                continue
            e = open_gold.pop(k)
            matched += 1
            full += (
                e.get("sub_event_type") == row["sub_event_type"]
                and e.get("event_date") == row["event_date"]
            )
        misses += [
            {"id": doc.doc_id, "missed": f"{e['event_type']} @ {e.get('location')}"}
            for e in open_gold
        ]
        for group in groups:
            c = counts[group]
            c["docs"] += 1
            c["gold_places"] += len(gold)
            c["pred_places"] += len(pred)
            c["place_hits"] += len(hits)
            c["resolved"] += resolved
            c["resolved_161"] += near
            c["gold_events"] += len(report.get("events", []))
            c["pred_events"] += len(rows)
            c["event_hits"] += matched
            c["event_full"] += full
            c["events_off_gold_places"] += sum(1 for r in rows if r["geonameid"] not in gold_places)
    result: dict[str, Any] = {"corpus": str(corpus), "groups": {}, "event_errors": misses}
    for group, c in counts.items():
        result["groups"][group] = {
            **dict(c),
            "toponyms": _prf(c["place_hits"], c["pred_places"], c["gold_places"]),
            "resolution_accuracy": round(c["resolved"] / c["place_hits"], 3)
            if c["place_hits"]
            else 0.0,
            "resolution_acc161": round(c["resolved_161"] / c["place_hits"], 3)
            if c["place_hits"]
            else 0.0,
            "events": _prf(c["event_hits"], c["pred_events"], c["gold_events"]),
            "events_subtype_and_date": round(c["event_full"] / c["event_hits"], 3)
            if c["event_hits"]
            else 0.0,
        }
    return result


def format_report(result: dict[str, Any]) -> str:
    """The scores as a short text table, one line per group."""
    lines = [
        f"corpus: {result['corpus']}",
        "group  docs  toponyms P/R/F1 (exact)  resolution acc (id / 161 km)  events P/R/F1  "
        "sub-type+date of matches  events off gold places",
    ]
    for group in sorted(result["groups"], key=lambda g: (g != "all", g)):
        g = result["groups"][group]
        t, e = g["toponyms"], g["events"]
        lines.append(
            f"{group:<6} {g['docs']:>4}  {t['precision']:.3f}/{t['recall']:.3f}/{t['f1']:.3f}"
            f"          {g['resolution_accuracy']:.3f} / {g['resolution_acc161']:.3f}"
            f"                 {e['precision']:.3f}/{e['recall']:.3f}/{e['f1']:.3f}"
            f"     {g['events_subtype_and_date']:.3f}                    "
            f"{g['events_off_gold_places']}"
        )
    for miss in result["event_errors"]:
        lines.append(
            f"  {miss['id']}: " + ", ".join(f"{k} {v}" for k, v in miss.items() if k != "id")
        )
    return "\n".join(lines)
