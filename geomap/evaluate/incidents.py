"""Events per report and violence type on UCDP GED rows (``geomap evaluate event-reports``).

Each row of the UCDP GED development set is ONE human-coded event of organised
lethal violence with the news headline(s) it was coded from. Two views:

- **single reports**: rows whose text is one headline that no other row shares
  (one report, one incident). Each is processed as a document dated by its
  publication date. Scored: the share of reports that give at least one event row
  (a located, dated row of the events table), the events per report among those, the
  share with exactly one, and whether the type of the report's first row fits UCDP's
  type of violence. UCDP's state-based (1) and non-state (2) violence are fights
  between armed sides: ACLED's Battles or Explosions/Remote violence; one-sided
  violence (3) is violence against civilians: ACLED's Violence against civilians or
  Explosions/Remote violence (a bomb or a shell that kills civilians is remote
  violence in ACLED). ``type_strict`` leaves Explosions out of type 3.
- **several reports**: rows coded from two or more headlines (several sources of one
  incident). Each headline is a document of its own; the rows of one UCDP event are
  counted with and without the cross-report merge (:func:`geomap.events.sources.merge_reports`).

Every figure is also given per ``subset`` (``global``, ``car``, ``syria``): the
rules were not tuned on any of them, and the CAR rows are largely French.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.model import Document

if TYPE_CHECKING:
    from geomap.pipeline import Pipeline

#: ACLED event types that fit each UCDP type of violence
FITS = {
    1: frozenset({"Battles", "Explosions/Remote violence"}),
    2: frozenset({"Battles", "Explosions/Remote violence"}),
    3: frozenset({"Violence against civilians", "Explosions/Remote violence"}),
}
#: the same without remote violence for one-sided violence
FITS_STRICT = {**FITS, 3: frozenset({"Violence against civilians"})}


def _date(row: dict[str, Any], k: int = 0) -> dt.date | None:
    """The publication date of headline ``k`` of a row (its event date when missing)."""
    dates = [d for d in str(row.get("source_date") or "").split(";") if d.strip()]
    text = dates[k] if k < len(dates) else (dates[0] if dates else row.get("date"))
    try:
        return dt.date.fromisoformat(str(text).strip()[:10])
    except ValueError:
        return None


def _rows(path: str | Path, limit: int | None) -> list[dict[str, Any]]:
    rows = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


class _Counts:
    """Figures of one set of single reports."""

    def __init__(self) -> None:
        self.reports = self.with_event = self.one = self.events = 0
        self.type_right = self.type_strict = 0

    def add(self, rows: list[dict], violence: int) -> None:
        self.reports += 1
        if not rows:
            return
        self.with_event += 1
        self.events += len(rows)
        self.one += len(rows) == 1
        self.type_right += rows[0]["event_type"] in FITS.get(violence, ())
        self.type_strict += rows[0]["event_type"] in FITS_STRICT.get(violence, ())

    def scores(self) -> dict[str, Any]:
        found = self.with_event or 1
        return {
            "reports": self.reports,
            "with_event": round(self.with_event / (self.reports or 1), 4),
            "events_per_report": round(self.events / found, 4),
            "exactly_one": round(self.one / found, 4),
            "type_right": round(self.type_right / found, 4),
            "type_strict": round(self.type_strict / found, 4),
        }


def run_event_reports(
    path: str | Path, *, limit: int | None = None, pipeline: Pipeline | None = None
) -> dict[str, Any]:
    """Score events per report and types on a UCDP GED style JSONL file.

    Parameters
    ----------
    path
        Rows ``{"id", "text", "headlines", "source_date", "type_of_violence", "subset"}``.
    limit
        Read only the first ``limit`` rows.
    pipeline
        The :class:`~geomap.pipeline.Pipeline` to use; the default one otherwise.

    Returns
    -------
    dict
        ``{"single": {...}, "single_by_subset": {...}, "several": {...}, ...}``.

    """
    from geomap.events.sources import merge_reports
    from geomap.join import document_rows

    if pipeline is None:
        from geomap.pipeline import default_pipeline

        pipeline = default_pipeline()
    rows = _rows(path, limit)
    texts = Counter(r["text"] for r in rows)
    single = [r for r in rows if texts[r["text"]] == 1 and len(r.get("headlines") or []) == 1]
    several = [r for r in rows if texts[r["text"]] == 1 and len(r.get("headlines") or []) > 1]
    docs = [Document(doc_id=r["id"], text=r["headlines"][0], date=_date(r)) for r in single]
    total, by_subset = _Counts(), defaultdict(_Counts)
    for row, doc in zip(single, pipeline.process(docs), strict=True):
        found = document_rows(doc)
        total.add(found, row["type_of_violence"])
        by_subset[row["subset"]].add(found, row["type_of_violence"])
    many = [
        Document(doc_id=f"{r['id']}#{k}", text=h, date=_date(r, k))
        for r in several
        for k, h in enumerate(r["headlines"])
    ]
    per_event: dict[str, list[dict]] = defaultdict(list)
    for doc in pipeline.process(many):
        per_event[doc.doc_id.rsplit("#", 1)[0]].extend(document_rows(doc))
    found = [r for r in several if per_event[r["id"]]]
    before = sum(len(per_event[r["id"]]) for r in found)
    after = sum(len(merge_reports(per_event[r["id"]])) for r in found)
    return {
        "task": "event-reports",
        "corpus": str(path),
        "rows": len(rows),
        "single": total.scores(),
        "single_by_subset": {k: v.scores() for k, v in sorted(by_subset.items())},
        "several": {
            "events": len(several),
            "headlines": len(many),
            "with_event": round(len(found) / (len(several) or 1), 4),
            "rows_per_event_unmerged": round(before / (len(found) or 1), 4),
            "rows_per_event_merged": round(after / (len(found) or 1), 4),
        },
        "date": dt.date.today().isoformat(),
    }


def format_report(result: dict[str, Any]) -> str:
    """Format the result of :func:`run_event_reports`."""
    lines = [f"events per report on {result['corpus']} ({result['rows']} rows)"]
    head = f"{'set':12} {'reports':>7} {'w/ event':>8} {'ev/report':>9} {'one':>6}"
    lines.append(head + f" {'type':>6} {'strict':>6}")
    sets = {"all": result["single"], **result["single_by_subset"]}
    for name, s in sets.items():
        lines.append(
            f"{name:12} {s['reports']:>7} {s['with_event']:>8.3f} {s['events_per_report']:>9.3f} "
            f"{s['exactly_one']:>6.3f} {s['type_right']:>6.3f} {s['type_strict']:>6.3f}"
        )
    m = result["several"]
    lines.append(
        f"several headlines of one event: {m['events']} events, {m['headlines']} headlines; "
        f"rows per event {m['rows_per_event_unmerged']:.3f} unmerged, "
        f"{m['rows_per_event_merged']:.3f} merged (events with a row: {m['with_event']:.3f})"
    )
    lines.append(
        "single reports: one headline, one coded event; figures over reports with a row, "
        "type of the first row (1/2 -> Battles or Explosions, 3 -> Violence against "
        "civilians or Explosions; strict: 3 -> Violence against civilians only)"
    )
    return "\n".join(lines)
