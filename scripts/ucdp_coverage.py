"""How many of UCDP's coded place names the embedded index holds, and near the coded point.

Usage: ``python scripts/ucdp_coverage.py [CORPUS] [--data-dir DIR] [--json] [--misses N]``.

For each row of the UCDP GED development set (default
``../shared/eval/events/ucdp_ged_dev.jsonl``; see its ``README_ucdp.md``), the name UCDP
placed the point on (``where_coordinates``: "Rami village", "Ouaka province", "Kabul
airport") is stripped of a trailing settlement or administrative word ("village",
"town", "province"...; words that name another kind of place, such as "airport" or
"camp", stay) and looked up in the gazetteer. Two shares per group:

- ``held``: the index has the name at all;
- ``within_25km``: one of the places of that name lies within 25 km of UCDP's point
  (``where_prec`` 1-2 rows only: the other precisions put the point at an area's
  centroid, where a distance means little).

Groups: the ``global`` subset (many countries), ``car`` and ``syria``, and by
``where_prec``. Nothing is tuned here: it reads the corpus and the index.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "eval" / "events" / "ucdp_ged_dev.jsonl"
if not DEFAULT_CORPUS.exists():
    DEFAULT_CORPUS = ROOT.parent.parent / "shared" / "eval" / "events" / "ucdp_ged_dev.jsonl"

#: trailing words that say what kind of settlement or area a name is, not part of it
_KIND_WORDS = frozenset(
    """
    town village city suburb region governorate district province township state oblast
    locality municipality commune lga territory sub-district subdistrict area
    neighbourhood neighborhood quarter prefecture county department
    """.split()
)
_PAREN = re.compile(r"\s*\([^)]*\)")


def place_name(where: str) -> str:
    """Return the name in a ``where_coordinates`` value ("Rami village" -> "Rami")."""
    name = _PAREN.sub("", where or "").strip()
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in _KIND_WORDS:
        words.pop()
    return " ".join(words).strip(" ,.")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def coverage(rows: list[dict[str, Any]], gazetteer: Any) -> tuple[dict[str, Any], list[str]]:
    """Return the shares per group and the names of the point rows not held within 25 km."""
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses: list[str] = []
    for row in rows:
        name = place_name(row.get("where_coordinates") or "")
        if not name:
            continue
        places = gazetteer.lookup(name)
        held = bool(places)
        point = row.get("where_prec") in (1, 2)
        near = point and any(
            km(p.latitude, p.longitude, row["lat"], row["lon"]) <= 25.0 for p in places
        )
        groups = [f"subset={row['subset']}", f"where_prec={row['where_prec']}", "all"]
        for group in groups:
            t = tally[group]
            t["rows"] += 1
            t["held"] += held
            if point:
                t["point_rows"] += 1
                t["within_25km"] += near
        if point and not near:
            misses.append(f"{row['subset']}\t{row['country']}\t{name}\t{'held' if held else '-'}")
    out: dict[str, Any] = {}
    for group in sorted(tally):
        t = tally[group]
        out[group] = {
            "rows": t["rows"],
            "held": round(t["held"] / t["rows"], 3),
            "point_rows": t["point_rows"],
            "within_25km": round(t["within_25km"] / t["point_rows"], 3)
            if t["point_rows"]
            else None,
        }
    return out, misses


def main(argv: list[str] | None = None) -> int:
    """Print the coverage table (or JSON) of a UCDP corpus; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--data-dir", default=None, help="where the gazetteer index lives")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--misses", type=int, default=0, help="list N point rows missed")
    args = parser.parse_args(argv)
    path = Path(args.corpus)
    if not path.exists():
        print(f"corpus not found: {path}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    from geomap.gazetteer import load_gazetteer

    rows = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    print(f"{path}:{number}: not JSON: {exc}", file=sys.stderr)
                    return 1
    shares, misses = coverage(rows, load_gazetteer(data_dir=args.data_dir))
    if args.json:
        print(json.dumps(shares, indent=1))
    else:
        print(f"{'group':<16} {'rows':>6} {'held':>6} {'point rows':>11} {'within 25 km':>13}")
        for group, s in shares.items():
            w = "" if s["within_25km"] is None else f"{s['within_25km']:.3f}"
            print(f"{group:<16} {s['rows']:>6} {s['held']:>6.3f} {s['point_rows']:>11} {w:>13}")
    for line in misses[: args.misses]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
