"""Event points on real, human-coded event reports (the UCDP GED development set).

Each row of ``ucdp_ged_dev.jsonl`` (see ``../shared/eval/events/README_ucdp.md``) is
ONE real event: UCDP's point (``lat``, ``lon``) and its precision (``where_prec``),
the country, the first- and second-order regions, the type of violence and the news
headline(s) it was coded from. Each row becomes one document and goes through the
whole pipeline (:meth:`geomap.pipeline.Pipeline.process`); the events table rows
(:func:`geomap.join.document_rows`) are compared with the coded point.

Three ways to make the document's text (``text_mode``):

- ``"note"`` (default): an incident note in the way event datasets write them, made
  from the row's coded fields: who fought whom (or attacked civilians), where, as a
  chain "<where_description>, <adm_1>, <country>" (``where_coordinates`` where the row
  has no description; a level already named in the description is not repeated), and
  the deaths: "Government of Syria and Syrian insurgents clashed in the al-Rami
  village, Idlib governorate, Syria. 2 people were killed." The places and their
  wording are UCDP's, real and not tuned on; the sentence frame is ours. This tests
  reading the text's own geography (containment chains, admin suffixes, places the
  index lacks but whose container it has) and not going abroad.
- ``"summary"``: the headline followed by the same chain, "The incident happened in
  <chain>."
- ``"headline"``: the headline(s) alone, the news path. The headline often names only
  the country or nothing (the README's caveat 1): split the figures by ``text_names``.

Measures, each over the rows of a group (a row without any event counts as a miss):

- ``within_25km``, ``within_100km``: the nearest event to the coded point lies within
  25 / 100 km; reported on ``where_prec`` 1-2 (``point`` rows), where a distance means
  something, and per ``where_prec``;
- ``mention_within_25km``: the nearest *resolved place mention* (event or not) lies
  within 25 km: what resolution alone could have reached;
- ``right_country``: the nearest event lies in the coded country (rows with an event);
  ``events_abroad``: the share of all events outside the coded country;
- ``events_per_row``: events in the events table per row (each row is one incident),
  and ``one_event``: the share of rows with exactly one;
- ``type_right``: the highest-confidence event's ACLED type is compatible with UCDP's
  type of violence (3, one-sided: Violence against civilians; 1 and 2: Battles,
  Explosions/Remote violence, or Violence against civilians for 2, non-state
  violence that targets civilians).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.evaluate.geoparsing import haversine_km
from geomap.gazetteer.base import normalize_name
from geomap.model import Document

if TYPE_CHECKING:
    from geomap.gazetteer.base import Gazetteer
    from geomap.pipeline import Pipeline

#: ACLED types compatible with each UCDP type of violence
COMPATIBLE_TYPES: dict[int, frozenset[str]] = {
    1: frozenset({"Battles", "Explosions/Remote violence"}),
    2: frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"}),
    3: frozenset({"Violence against civilians", "Explosions/Remote violence"}),
}
#: UCDP country names whose plain name is no gazetteer name of the country
_COUNTRY_ALIASES = {"dr congo": "CD", "ivory coast": "CI", "bosnia herzegovina": "BA"}
_PAREN = re.compile(r"\s*\(([^)]*)\)")
_LEADING_PREPOSITION = re.compile(
    r"^(in|on|at|near|between|along|around|outside|inside|from|to|close|off|within|"
    r"across|north|south|east|west|northern|southern|eastern|western|central)\b",
    re.IGNORECASE,
)
TEXT_MODES = ("note", "summary", "headline")
BATCH = 64


def _read_rows(path: str | Path, limit: int | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
                if limit is not None and len(rows) >= limit:
                    break
    return rows


def country_code(name: str, gazetteer: Gazetteer) -> str | None:
    """ISO alpha-2 code of a UCDP country name ("DR Congo (Zaire)" -> "CD"), or ``None``."""
    plain = _PAREN.sub("", name).strip()
    inner = _PAREN.search(name)
    for candidate in (plain, inner.group(1) if inner else "", plain.replace("-", " and ")):
        if not candidate:
            continue
        alias = _COUNTRY_ALIASES.get(normalize_name(candidate))
        if alias:
            return alias
        for place in gazetteer.lookup(candidate, feature_class="A"):
            if place.feature_code.startswith("PCL"):
                return place.country_code
    return None


def _named(part: str, text: str) -> bool:
    """Whether the name of an admin unit ("Idlib governorate") already stands in ``text``."""
    words = normalize_name(part).split()
    return bool(words) and words[0] in normalize_name(text).split()


def location_chain(row: dict[str, Any]) -> str:
    """The coded location of a row as a phrase: "in X, Province, Country" ("" if none)."""
    where = (row.get("where_description") or row.get("where_coordinates") or "").strip(" .,;")
    where = re.sub(r"\s+", " ", where)
    chain = [where] if where else []
    for part in (row.get("adm_1"), row.get("country")):
        part = _PAREN.sub("", part or "").strip()
        if part and not _named(part, ", ".join(chain)):
            chain.append(part)
    if not chain:
        return ""
    location = ", ".join(chain)
    if _LEADING_PREPOSITION.match(location):
        return location[0].lower() + location[1:]
    return "in " + location


def summary_text(row: dict[str, Any]) -> str:
    """The incident summary of a row: the headline, then its location as a chain."""
    headline = (row.get("headlines") or [row.get("text") or ""])[0].strip().rstrip(".")
    location = location_chain(row)
    return f"{headline}. The incident happened {location}." if location else headline + "."


def note_text(row: dict[str, Any]) -> str:
    """The incident note of a row, from its coded sides, location and deaths."""
    side_a = (row.get("side_a") or "Unknown attackers").strip()
    side_b = (row.get("side_b") or "").strip()
    location = location_chain(row)
    if row.get("type_of_violence") == 3 or not side_b or side_b == "Civilians":
        text = f"{side_a} attacked civilians {location}".rstrip()
    else:
        text = f"{side_a} and {side_b} clashed {location}".rstrip()
    text += "."
    deaths = row.get("fatalities")
    if deaths:
        text += f" {deaths} {'person was' if deaths == 1 else 'people were'} killed."
    return text


def row_document(row: dict[str, Any], text_mode: str) -> Document:
    """The document of one row: its text in ``text_mode`` and the first source date."""
    if text_mode == "note":
        text = note_text(row)
    elif text_mode == "summary":
        text = summary_text(row)
    else:
        text = "\n\n".join(h.strip() for h in (row.get("headlines") or [row["text"]]))
    date = None
    for raw in [*(row.get("source_date") or "").split(";"), row.get("date") or ""]:
        try:
            date = dt.date.fromisoformat(raw.strip()[:10])
            break
        except ValueError:
            continue
    return Document(doc_id=str(row["id"]), text=text, date=date)


class _Group:
    """Counts of one group of rows."""

    def __init__(self) -> None:
        self.rows = 0
        self.c: Counter[str] = Counter()

    def add(self, **flags: bool) -> None:
        self.rows += 1
        for key, value in flags.items():
            self.c[key] += bool(value)

    def report(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rows": self.rows}
        for key in sorted(self.c):
            out[key] = round(self.c[key] / self.rows, 4) if self.rows else None
        return out


def _nearest(points: Iterable[tuple[float, float]], lat: float, lon: float) -> float | None:
    dists = [haversine_km(lat, lon, a, b) for a, b in points]
    return min(dists) if dists else None


def run(
    path: str | Path,
    *,
    limit: int | None = None,
    pipeline: Pipeline | None = None,
    text_mode: str = "note",
) -> dict[str, Any]:
    """Score geomap's event points on the UCDP GED development set.

    Parameters
    ----------
    path
        ``ucdp_ged_dev.jsonl``.
    limit
        Read only the first ``limit`` rows.
    pipeline
        The :class:`~geomap.pipeline.Pipeline` to use; the default one otherwise.
    text_mode
        ``"note"``, ``"summary"`` or ``"headline"`` (see the module docstring).

    Returns
    -------
    dict
        ``{"point": {...}, "by_where_prec": {...}, "by_subset": {...},
        "by_text_names": {...}, "all": {...}}``, each a dict of shares.

    """
    from geomap.join import document_rows

    if text_mode not in TEXT_MODES:
        raise ValueError(f"text_mode must be one of {TEXT_MODES}, not {text_mode!r}")
    if pipeline is None:
        from geomap.pipeline import default_pipeline

        pipeline = default_pipeline()
    rows = _read_rows(path, limit)
    codes = {name: country_code(name, pipeline.gazetteer) for name in {r["country"] for r in rows}}
    groups: dict[str, _Group] = defaultdict(_Group)
    n_events = n_abroad = 0
    per_row: Counter[int] = Counter()
    docs = pipeline.process(row_document(r, text_mode) for r in rows)
    for row, doc in zip(rows, docs, strict=True):
        events = document_rows(doc)
        per_row[min(len(events), 5)] += 1
        code = codes[row["country"]]
        lat, lon = row["lat"], row["lon"]
        best = None
        if events:
            best = min(events, key=lambda e: haversine_km(lat, lon, e["latitude"], e["longitude"]))
        dist = haversine_km(lat, lon, best["latitude"], best["longitude"]) if best else None
        mention_dist = _nearest(
            ((m.place.latitude, m.place.longitude) for m in doc.mentions if m.place), lat, lon
        )
        n_events += len(events)
        n_abroad += sum(1 for e in events if e["country_code"] != code)
        top = max(events, key=lambda e: e["confidence"]) if events else None
        flags = {
            "no_event": not events,
            "within_25km": dist is not None and dist <= 25,
            "within_100km": dist is not None and dist <= 100,
            "mention_within_25km": mention_dist is not None and mention_dist <= 25,
            "right_country": best is not None and best["country_code"] == code,
            "one_event": len(events) == 1,
            "type_right": top is not None
            and top["event_type"] in COMPATIBLE_TYPES.get(row["type_of_violence"], ()),
        }
        prec = row.get("where_prec")
        keys = ["all", f"where_prec={prec}", f"subset={row.get('subset')}"]
        keys.append(f"text_names={row.get('text_names')}")
        if prec in (1, 2):
            keys += ["point", f"point/subset={row.get('subset')}"]
            keys.append(f"point/text_names={row.get('text_names')}")
        for key in keys:
            groups[key].add(**flags)
    with_event = sum(n for k, n in per_row.items() if k > 0)
    result: dict[str, Any] = {
        "task": "event-points",
        "corpus": str(path),
        "text_mode": text_mode,
        "rows": len(rows),
        "events": n_events,
        "events_per_row": round(n_events / len(rows), 4) if rows else None,
        "events_abroad": round(n_abroad / n_events, 4) if n_events else None,
        "rows_by_event_count": {
            ("5+" if k == 5 else str(k)): n for k, n in sorted(per_row.items())
        },
        "right_country_of_rows_with_event": round(groups["all"].c["right_country"] / with_event, 4)
        if with_event
        else None,
        "unknown_countries": sorted(name for name, code in codes.items() if code is None),
        "date": dt.date.today().isoformat(),
    }
    result["groups"] = {key: groups[key].report() for key in sorted(groups)}
    return result


def format_report(result: dict[str, Any]) -> str:
    """Format the result of :func:`run` as a table of groups."""
    cols = [
        "within_25km",
        "within_100km",
        "mention_within_25km",
        "right_country",
        "one_event",
        "type_right",
        "no_event",
    ]
    lines = [
        f"event points on {result['corpus']} ({result['rows']} rows, text: {result['text_mode']})",
        f"events per row {result['events_per_row']}, events abroad {result['events_abroad']}, "
        f"nearest event in the right country (rows with an event) "
        f"{result['right_country_of_rows_with_event']}",
        f"{'group':28} {'rows':>5} " + " ".join(f"{c[:12]:>12}" for c in cols),
    ]
    for key, group in result["groups"].items():
        cells = " ".join(f"{'-' if group.get(c) is None else f'{group[c]:.3f}':>12}" for c in cols)
        lines.append(f"{key:28} {group['rows']:>5} {cells}")
    if result["unknown_countries"]:
        lines.append("countries not found: " + ", ".join(result["unknown_countries"]))
    return "\n".join(lines)
