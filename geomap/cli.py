"""The ``geomap`` command line: extract events, draw maps, manage the gazetteer."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from geomap.errors import GeomapError, InputError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
#: some documents could not be read; the others were processed
EXIT_SKIPPED = 3

_EPILOG = """\
inputs:
  A .txt file (an optional first line " date YYYY-MM-DD" gives the document date),
  a folder (read recursively: .txt, .jsonl, .csv), a .jsonl file (one JSON object
  per line with "id", "text" and "date" or "published"), or a .csv file with the
  same columns.

examples:
  geomap map data/ -o out/map.html --events out/events.geojson
  geomap extract news.jsonl -o events.parquet
  geomap gazetteer lookup "Alma-Ata"
"""


class _Reporter:
    """Collects input problems, prints each one, and remembers them for the summary."""

    def __init__(self, *, quiet: bool, errors_path: Path | None) -> None:
        self.quiet = quiet
        self.errors: list[InputError] = []
        self.errors_path = errors_path

    def __call__(self, error: InputError) -> None:
        self.errors.append(error)
        print(f"geomap: skipped {error}", file=sys.stderr)

    def write_errors(self) -> None:
        if self.errors_path is None or not self.errors:
            return
        from geomap.export import write_text_atomic

        lines = [
            json.dumps({"path": e.path, "line": e.line, "error": e.reason}, ensure_ascii=False)
            for e in self.errors
        ]
        write_text_atomic(self.errors_path, "\n".join(lines) + "\n")


def _process(args: argparse.Namespace, reporter: _Reporter):
    """Run the pipeline over the inputs; return (events frame, documents read, warnings)."""
    from geomap.gazetteer import load_gazetteer
    from geomap.ingest import read_documents
    from geomap.join import events_frame
    from geomap.pipeline import Pipeline

    gazetteer = load_gazetteer(data_dir=args.data_dir, progress=not args.quiet)
    pipeline = Pipeline(gazetteer=gazetteer)
    documents = read_documents(args.inputs, on_error=reporter, strict=args.strict)
    processed = []
    warnings: list[str] = []
    iterator = pipeline.process(documents)
    if not args.quiet:
        from tqdm import tqdm

        iterator = tqdm(iterator, desc="documents", unit="doc", file=sys.stderr, leave=False)
    for doc in iterator:
        processed.append(doc)
        warnings.extend(doc.warnings)
    return events_frame(processed), processed, warnings


def _summary(frame, processed, warnings, reporter: _Reporter, started: float) -> None:
    if reporter.quiet:
        return
    for warning in warnings:
        print(f"geomap: warning: {warning}", file=sys.stderr)
    counts = frame["event_type"].value_counts().to_dict() if len(frame) else {}
    kinds = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "none"
    print(
        f"geomap: {len(processed)} documents read, {len(reporter.errors)} skipped, "
        f"{len(frame)} events ({kinds}) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )


def _cmd_extract(args: argparse.Namespace) -> int:
    from geomap.export import check_events_path, write_events

    check_events_path(args.output)
    started = time.perf_counter()
    reporter = _Reporter(quiet=args.quiet, errors_path=args.errors)
    frame, processed, warnings = _process(args, reporter)
    write_events(frame, args.output)
    reporter.write_errors()
    _summary(frame, processed, warnings, reporter, started)
    if not args.quiet:
        print(f"geomap: wrote {args.output}", file=sys.stderr)
    return EXIT_SKIPPED if reporter.errors else EXIT_OK


def _cmd_map(args: argparse.Namespace) -> int:
    from geomap.export import check_events_path, save_map, write_events
    from geomap.maps import make_map

    if args.events:
        check_events_path(args.events)
    started = time.perf_counter()
    reporter = _Reporter(quiet=args.quiet, errors_path=args.errors)
    frame, processed, warnings = _process(args, reporter)
    if args.events:
        write_events(frame, args.events)
    the_map = make_map(frame, title=args.title, offline=not args.cdn)
    save_map(the_map, args.output)
    reporter.write_errors()
    _summary(frame, processed, warnings, reporter, started)
    if not args.quiet:
        wrote = f"{args.output}" + (f" and {args.events}" if args.events else "")
        print(f"geomap: wrote {wrote}", file=sys.stderr)
    return EXIT_SKIPPED if reporter.errors else EXIT_OK


def _cmd_gazetteer(args: argparse.Namespace) -> int:
    from geomap.gazetteer import build_index, index_info, load_gazetteer

    if args.action == "build":
        path = build_index(args.data_dir, force=True, progress=not args.quiet)
        print(path)
        return EXIT_OK
    if args.action == "info":
        print(json.dumps(index_info(args.data_dir), indent=2, default=str))
        return EXIT_OK
    if not args.name:
        raise GeomapError("'geomap gazetteer lookup' needs a NAME")
    gazetteer = load_gazetteer(data_dir=args.data_dir, progress=not args.quiet)
    places = gazetteer.lookup(args.name, country_code=args.country, limit=args.limit)
    demonym = gazetteer.demonym(args.name)
    if not places and demonym is not None:
        places = [demonym]
    if not places:
        print(f"no place called {args.name!r}", file=sys.stderr)
        return EXIT_ERROR
    for p in places:
        print(
            f"{p.name}, {p.country_code}, {p.latitude:.2f}, {p.longitude:.2f}  "
            f"geonameid={p.geonameid} {p.feature_class}.{p.feature_code} "
            f"population={p.population} admin1={p.admin1 or ''}"
        )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``geomap`` command."""
    parser = argparse.ArgumentParser(
        prog="geomap",
        description="Turn news text into maps of events, offline: find places, resolve them "
        "with the embedded GeoNames gazetteer, extract ACLED-style events, draw a map.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from geomap import __version__

    parser.add_argument("--version", action="version", version=f"geomap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt, folder, .jsonl or .csv")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bars or summary")
        p.add_argument(
            "--strict", action="store_true", help="stop at the first unreadable document"
        )
        p.add_argument(
            "--errors", type=Path, metavar="FILE", help="write skipped documents to this JSONL file"
        )
        p.add_argument(
            "--data-dir",
            type=Path,
            help="where the gazetteer index lives (default: $GEOMAP_DATA_DIR or the user data dir)",
        )

    p_extract = sub.add_parser(
        "extract",
        help="write the events table",
        description="Extract events and write the events table; the format follows the "
        "extension of -o: .geojson, .gpkg, .parquet (GeoParquet) or .csv.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p_extract)
    p_extract.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="events file (.geojson, .gpkg, .parquet, .csv)",
    )
    p_extract.set_defaults(func=_cmd_extract)

    p_map = sub.add_parser(
        "map",
        help="extract events and draw the map",
        description="Extract events and write a layered interactive map (HTML).",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(p_map)
    p_map.add_argument("-o", "--output", type=Path, required=True, help="map file (.html)")
    p_map.add_argument("--events", type=Path, metavar="FILE", help="also write the events table")
    p_map.add_argument("--title", help="title shown on the map")
    p_map.add_argument(
        "--cdn", action="store_true", help="link Leaflet from a CDN instead of embedding it"
    )
    p_map.set_defaults(func=_cmd_map)

    p_gaz = sub.add_parser(
        "gazetteer",
        help="build, inspect or query the embedded gazetteer",
        description="Build the offline GeoNames index, show its info, or look a name up.",
    )
    p_gaz.add_argument("action", choices=["build", "info", "lookup"])
    p_gaz.add_argument("name", nargs="?", help="place name for 'lookup'")
    p_gaz.add_argument("--country", help="ISO alpha-2 country code to restrict 'lookup'")
    p_gaz.add_argument("--limit", type=int, default=5, help="how many places 'lookup' prints")
    p_gaz.add_argument("--data-dir", type=Path, help="where the gazetteer index lives")
    p_gaz.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p_gaz.set_defaults(func=_cmd_gazetteer)

    from geomap.evaluate.cli import add_evaluate_parser

    add_evaluate_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``geomap`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("geomap: interrupted; outputs already written are complete", file=sys.stderr)
        return 130
    except GeomapError as exc:
        print(f"geomap: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
