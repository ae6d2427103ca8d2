"""Run the event evaluations on the full corpora and write their table into README.md.

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
REPORTS = "ucdp_ged_dev.jsonl"


def table(
    locations: dict, types: dict, *, today: dt.date, reports: dict | None = None
) -> list[str]:
    """The Markdown lines of the events table for the evaluation results."""
    lines = [
        f"Event evaluation, measured {today.isoformat()} with "
        "`python scripts/eval_events_table.py` (`geomap evaluate event-locations "
        f"../shared/eval/events/{LOCATIONS}`, `geomap evaluate event-types "
        f"../shared/eval/events/{TYPES}` and `geomap evaluate event-reports "
        f"../shared/eval/events/{REPORTS}`):",
        "",
        "| task | rows | metric | precision | recall | F1 |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for name, sets in locations["variants"].items():
        label = {
            "with_unresolved": "resolved + unresolved mentions",
            "resolved_only": "resolved only",
            "learned": "resolved + unresolved, learned linker",
        }.get(name, name)
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
    if reports is not None:
        lines += [
            "",
            "UCDP GED headlines, one coded incident each (single reports: one headline; "
            "figures over the reports that give an event row):",
            "",
            "| subset | reports | with an event | events per report | exactly one | "
            "type fits UCDP's | strict |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        sets = {"all": reports["single"], **reports["single_by_subset"]}
        for name, s in sets.items():
            lines.append(
                f"| {name} | {s['reports']} | {s['with_event']:.3f} | "
                f"{s['events_per_report']:.3f} | {s['exactly_one']:.3f} | "
                f"{s['type_right']:.3f} | {s['type_strict']:.3f} |"
            )
        m = reports["several"]
        lines += [
            "",
            f"UCDP events coded from several headlines ({m['events']} events, "
            f"{m['headlines']} headlines, each headline a document): "
            f"{m['rows_per_event_unmerged']:.3f} rows per event with `--no-merge`, "
            f"{m['rows_per_event_merged']:.3f} merged. Type fits: state-based and non-state "
            "violence as Battles or Explosions/Remote violence, one-sided violence as "
            "Violence against civilians or Explosions/Remote violence (strict: Violence "
            "against civilians only).",
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
    report_path = args.shared / REPORTS
    if not (loc_path.exists() and type_path.exists()):
        print(f"corpora not found in {args.shared}: README left as it is", file=sys.stderr)
        return 0
    from geomap.evaluate import incidents as ucdp
    from geomap.evaluate.events import format_report, run_event_locations, run_event_types
    from geomap.pipeline import Pipeline

    pipeline = Pipeline()
    locations = run_event_locations(loc_path, pipeline=pipeline)
    print(format_report(locations))
    types = run_event_types(type_path, pipeline=pipeline)
    print(format_report(types))
    reports = None
    if report_path.exists():
        reports = ucdp.run_event_reports(report_path, pipeline=pipeline)
        print(ucdp.format_report(reports))
    rewrite(args.readme, table(locations, types, today=dt.date.today(), reports=reports))
    print(f"wrote the events table into {args.readme}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
