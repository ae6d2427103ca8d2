"""How far the index's point for a GeoNames id lies from a corpus's point for the same id.

Usage: ``python scripts/area_point_offsets.py [CORPUS ...] [--km 161] [--data-dir DIR]``
(default: every ``../shared/eval/geoparsing/*.jsonl``).

A corpus whose gold points are GeoNames' own scores a correct resolution of a large
area as an error when the index holds another representative point for the same id
(countryinfo's rounded country points, iso3166-2's region points). For each corpus
this prints how many gold toponyms have an id the index holds, how many of those lie
more than ``--km`` from the index's point, and the ids that account for them: the
most a resolver could gain in acc@161 from GeoNames' own points.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "eval" / "geoparsing"
if not CORPORA.exists():
    CORPORA = ROOT.parent.parent / "shared" / "eval" / "geoparsing"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def offsets(path: Path, gazetteer, limit_km: float) -> tuple[int, int, int, Counter]:
    """Return (gold with coordinates, of them with an id the index holds, of those far, by id)."""
    with_coords = held = 0
    far: Counter = Counter()
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{number}: not JSON: {exc}") from exc
            for t in doc.get("toponyms", []):
                if t.get("lat") is None or t.get("lon") is None:
                    continue
                with_coords += 1
                place = gazetteer.get(int(t["geonameid"])) if t.get("geonameid") else None
                if place is None:
                    continue
                held += 1
                d = km(place.latitude, place.longitude, t["lat"], t["lon"])
                if d > limit_km:
                    far[(place.name, place.feature_code, round(d))] += 1
    return with_coords, held, sum(far.values()), far


def main(argv: list[str] | None = None) -> int:
    """Print the offsets per corpus; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    parser.add_argument("--km", type=float, default=161.0)
    parser.add_argument("--data-dir", default=None, help="where the gazetteer index lives")
    args = parser.parse_args(argv)
    paths = args.corpora or sorted(CORPORA.glob("*.jsonl"))
    if not paths:
        print(f"no corpora found in {CORPORA}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(ROOT))
    from geomap.gazetteer import load_gazetteer

    gazetteer = load_gazetteer(data_dir=args.data_dir)
    for path in paths:
        if not path.exists():
            print(f"{path}: not found", file=sys.stderr)
            return 1
        total, held, n_far, far = offsets(path, gazetteer, args.km)
        share = f"{n_far / total:.3f}" if total else "n/a"
        print(
            f"{path.stem}: {total} gold points, {held} with an id the index holds, {n_far} "
            f"of them over {args.km:.0f} km from the index's point ({share} of the points)"
        )
        for (name, code, d), n in far.most_common(12):
            print(f"    {n:4d} x {name} ({code}), {d} km")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
