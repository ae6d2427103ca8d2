"""Run both event evaluations on the full corpora and write their table into README.md.

Usage: ``python scripts/eval_events_table.py [--shared PATH] [--readme PATH]``.

The corpora are read from ``../shared/eval/events/`` (next to the repository). Only the
README lines between ``<!-- eval:events:start -->`` and ``<!-- eval:events:end -->`` are
rewritten; nothing happens when the corpora are absent.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- eval:events:start -->"
END = "<!-- eval:events:end -->"
LOCATIONS = "event_location_halterman2019.jsonl"
TYPES = "case2021_task2_test.jsonl"


def table(locations: dict, types: dict, *, today: dt.date) -> list[str]:
    """The Markdown lines of the events table for the two evaluation results."""
    lines = [
        f"Event evaluation, measured {today.isoformat()} with "
        "`python scripts/eval_events_table.py` (`geomap evaluate event-locations "
        f"../shared/eval/events/{LOCATIONS}` and `geomap evaluate event-types "
        f"../shared/eval/events/{TYPES}`):",
        "",
        "| task | rows | metric | precision | recall | F1 |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for name, sets in locations["variants"].items():
        label = "resolved + unresolved mentions" if name == "with_unresolved" else "resolved only"
        for key in ("gold_relabel", "all"):
            s = sets[key]
            rows = locations["gold_relabel_rows"] if key == "gold_relabel" else locations["rows"]
            lines.append(
                f"| event locations, {key} ({label}) | {rows} | token P/R/F1, "
                f"no-location accuracy {s['none_accuracy']:.3f} | {s['precision']:.3f} | "
                f"{s['recall']:.3f} | {s['f1']:.3f} |"
            )
    for level in ("event_type", "sub_event_type"):
        s = types[level]
        lines.append(
            f"| CASE 2021 Task 2, {level.replace('_', ' ')}s | {types['rows']} | "
            f"macro F1 {s['macro_f1']:.3f}, weighted F1 {s['weighted_f1']:.3f}, "
            f"accuracy {s['accuracy']:.3f} | | | |"
        )
    lines += [
        "",
        "Event-location recall on `all` leaves out the under-annotated `Masdar_RA` batch; "
        "`gold_relabel` is the re-annotated test set. CASE rows: the `acled` label set; a "
        "snippet with no event counts as wrong.",
    ]
    return lines


def rewrite(readme: Path, lines: list[str]) -> None:
    """Replace the lines between the events markers of ``readme`` with ``lines``."""
    text = readme.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [k for k, line in enumerate(text) if line.strip() == START]
    ends = [k for k, line in enumerate(text) if line.strip() == END]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise SystemExit(f"{readme}: expected one {START} ... {END} block")
    body = [line + "\n" for line in lines]
    out = text[: starts[0] + 1] + body + text[ends[0] :]
    readme.write_text("".join(out), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the evaluations and rewrite the README block."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "eval" / "events")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    loc_path, type_path = args.shared / LOCATIONS, args.shared / TYPES
    if not (loc_path.exists() and type_path.exists()):
        print(f"corpora not found in {args.shared}: README left as it is", file=sys.stderr)
        return 0
    from geomap.evaluate.events import format_report, run_event_locations, run_event_types
    from geomap.pipeline import Pipeline

    pipeline = Pipeline()
    locations = run_event_locations(loc_path, pipeline=pipeline)
    print(format_report(locations))
    types = run_event_types(type_path, pipeline=pipeline)
    print(format_report(types))
    rewrite(args.readme, table(locations, types, today=dt.date.today()))
    print(f"wrote the events table into {args.readme}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
