"""The ``geomap evaluate`` subcommands."""

from __future__ import annotations

import argparse
import importlib
import json
from pathlib import Path

#: subcommand -> (module, function) of the evaluator; each returns a JSON-ready dict
EVALUATORS: dict[str, tuple[str, str, str]] = {
    "geoparsing": (
        "geomap.evaluate.geoparsing",
        "run",
        "toponym recognition and resolution on a geoparsing corpus (JSONL)",
    ),
    "event-locations": (
        "geomap.evaluate.events",
        "run_event_locations",
        "event-location linking on the Halterman 2019 corpus (JSONL)",
    ),
    "event-types": (
        "geomap.evaluate.events",
        "run_event_types",
        "ACLED event types on the CASE 2021 Task 2 test set (JSONL)",
    ),
    "gold-reports": (
        "geomap.evaluate.gold_reports",
        "run",
        "places (exact-span F1) and events (P/R) on reports with gold for both, such as "
        "our Russian tests/data/ru_reports.jsonl (JSONL)",
    ),
    "event-points": (
        "geomap.evaluate.reports",
        "run",
        "event points on real coded event reports: the UCDP GED development set (JSONL)",
    ),
    "event-reports": (
        "geomap.evaluate.incidents",
        "run_event_reports",
        "events per report and violence types on UCDP GED rows (JSONL)",
    ),
}


def _annotates(value: str) -> frozenset[str]:
    """``--annotates``: the kinds of :func:`geomap.evaluate.geoparsing.parse_annotates`."""
    from geomap.evaluate.geoparsing import parse_annotates

    try:
        return parse_annotates(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_evaluate_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``geomap evaluate KIND CORPUS [--json] [--limit N]`` to a subparsers object."""
    p_eval = sub.add_parser(
        "evaluate",
        help="measure geomap on an evaluation corpus",
        description="Measure geomap on a public evaluation corpus and print the scores.",
    )
    kinds = p_eval.add_subparsers(dest="kind", metavar="KIND", required=True)
    for name, (_, _, help_text) in EVALUATORS.items():
        p = kinds.add_parser(name, help=help_text, description=help_text)
        p.add_argument("corpus", type=Path, help="the corpus file (JSONL)")
        p.add_argument("--json", action="store_true", help="print one JSON object")
        p.add_argument("--limit", type=int, help="evaluate only the first N documents/rows")
        p.add_argument("--data-dir", type=Path, help="where the gazetteer index lives")
        if name == "geoparsing":
            p.add_argument(
                "--annotates",
                metavar="KINDS",
                type=_annotates,
                help="the mention kinds the corpus annotates, comma-separated, of "
                "place,region,demonym,modifier (default: the convention of the corpus the "
                "rows name in their source field; place,region for an unknown corpus)",
            )
        if name == "event-points":
            p.add_argument(
                "--text",
                dest="text_mode",
                choices=("note", "summary", "headline"),
                default="note",
                help="the document of a row: an incident note made from its coded sides, "
                "location chain and deaths (default), the headline and the location chain, "
                "or the headline alone",
            )
        p.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    """Run the evaluator named by ``args.kind`` and print its report."""
    from geomap.errors import InputNotFoundError

    if not args.corpus.exists():
        raise InputNotFoundError("no such corpus file", path=str(args.corpus))
    module_name, function, _ = EVALUATORS[args.kind]
    module = importlib.import_module(module_name)
    from geomap.gazetteer import load_gazetteer
    from geomap.pipeline import Pipeline

    pipeline = Pipeline(gazetteer=load_gazetteer(data_dir=args.data_dir))
    options = {"text_mode": args.text_mode} if getattr(args, "text_mode", None) else {}
    if getattr(args, "annotates", None):
        options["annotates"] = args.annotates
    result = getattr(module, function)(args.corpus, limit=args.limit, pipeline=pipeline, **options)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True, default=str))
    else:
        print(module.format_report(result))
    return 0
