"""The argument parser of the ``geomap`` command."""

from __future__ import annotations

import argparse
from pathlib import Path

from geomap.cli.gazetteer import add_gazetteer_parser
from geomap.cli.inputs import add_input_options
from geomap.cli.run import cmd_extract, cmd_map

_EPILOG = """\
inputs:
  A .txt file (an optional first line " date YYYY-MM-DD" gives the document date),
  a saved web page (.html, .htm: main text, title, date and URL, read offline), a
  folder (read recursively: .txt, .html, .htm, .jsonl, .csv), a .jsonl file (one
  JSON object per line with "id", "text" and "date" or "published", optionally
  "title", "url", "source"), or a .csv file with the same columns. With --fetch
  URLS.txt, also the pages and RSS/Atom feeds listed there (nothing is requested
  without it). Text that is not UTF-8 (UTF-16/32 with a BOM, Windows-1251,
  Windows-1252) is detected and decoded; a document longer than --max-chars is
  split into parts "<id>#partN" at paragraph boundaries.

problems:
  An unreadable document (or JSONL/CSV line) is skipped with a message naming the
  file and line; the run goes on. A document read with a problem (invalid or
  missing date, guessed encoding, bytes replaced) is kept and reported. Both are
  listed in the errors file (JSONL: status, path, line, doc_id, error), by default
  OUTPUT.errors.jsonl next to the output, written only when there was a problem.

exit status:
  0 every document was read; 3 some documents were skipped (the others were
  written); 1 an error (or the first problem with --strict): a mistake in the
  command (a missing input, an output of the wrong format) is found before any
  work and touches no output; 2 a usage error; 130 interrupted.

interrupting and resuming:
  Ctrl-C stops cleanly: outputs are written only when the run is complete, so no
  half-written map or table is left. Progress is kept in OUTPUT.progress/; run the
  same command with --resume to skip the documents already processed.

examples:
  geomap map data/ -o out/map.html --events out/events.geojson
  geomap extract news.jsonl -o events.parquet
  geomap extract saved-pages/ --corrections fixes.csv -o events.csv
  geomap map --fetch urls.txt -o out/map.html --user-agent "newsroom/1.0 (me@example.org)"
  geomap extract big-corpus/ -o events.gpkg --resume
  geomap gazetteer lookup "Alma-Ata"
"""


def _max_chars() -> int:
    from geomap.ingest import MAX_CHARS

    return MAX_CHARS


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None


def _positive(text: str) -> int:
    value = _integer(text)
    if value < 1000:
        raise argparse.ArgumentTypeError(f"must be at least 1000, not {value}")
    return value


def _jobs(text: str) -> int:
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per core) or more, not {value}")
    return value


def _count(text: str) -> int:
    value = _integer(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


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
        p.add_argument(
            "inputs",
            nargs="*",
            metavar="INPUT",
            help=".txt, .html/.htm (a saved web page), folder, .jsonl or .csv",
        )
        add_input_options(p)
        p.add_argument(
            "--places",
            type=Path,
            action="append",
            metavar="FILE",
            help="your own places (.csv with name, alternate_names, lat, lon, kind, country; "
            ".geojson or .gpkg with those properties); they take precedence over GeoNames for "
            "their names (repeat for several files)",
        )
        p.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            help="no progress bars, warnings or summary (skipped documents are still named)",
        )
        p.add_argument(
            "--strict",
            action="store_true",
            help="stop at the first problem (unreadable document, bad date, bad encoding): "
            "exit status 1",
        )
        p.add_argument(
            "--errors",
            type=Path,
            metavar="FILE",
            help="write skipped and partly-read documents to this JSONL file "
            "(default: OUTPUT.errors.jsonl, written when there was a problem)",
        )
        p.add_argument(
            "--resume",
            action="store_true",
            help="go on from an interrupted run of the same command (OUTPUT.progress/), "
            "skipping the documents it already processed",
        )
        p.add_argument(
            "--max-chars",
            type=_positive,
            default=_max_chars(),
            metavar="N",
            help="split documents longer than N characters into parts at paragraph "
            "boundaries (default: %(default)s)",
        )
        p.add_argument(
            "--data-dir",
            type=Path,
            help="where the gazetteer index lives (default: $GEOMAP_DATA_DIR or the user data dir)",
        )
        p.add_argument(
            "--jobs",
            type=_jobs,
            default=1,
            metavar="N",
            help="worker processes (0: one per core; default 1)",
        )
        p.add_argument(
            "--lang",
            choices=("en", "ru", "kk", "uk"),
            help="language of the documents that have no 'lang' field "
            "(default: detected per document; events are read for en and ru)",
        )
        p.add_argument(
            "--no-merge",
            action="store_true",
            help="keep one row per report: do not merge the events of different documents "
            "that tell one incident (same type, place, dates within days, actors)",
        )
        p.add_argument(
            "--mentions",
            type=Path,
            metavar="FILE",
            help="also write the mentions table: every place mention, resolved or not, with "
            "its place, score and reason (.geojson, .gpkg, .parquet or .csv)",
        )
        online = p.add_argument_group(
            "online geocoding (off by default)",
            "Place the names the offline gazetteer cannot resolve with OpenStreetMap's "
            "Nominatim, at most 1 request/second, every answer cached on disk.",
        )
        online.add_argument(
            "--online", choices=["nominatim"], help="turn on an online geocoder as a fallback"
        )
        online.add_argument(
            "--user-agent",
            metavar="TEXT",
            help="your application and contact, required by Nominatim's usage policy "
            "(e.g. 'newsroom-map/1.0 (maps@example.org)'); also sent by --fetch "
            "(default there: geomap's own)",
        )
        online.add_argument(
            "--nominatim-url", metavar="URL", help="a self-hosted Nominatim server to use instead"
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
        help="events file (.geojson, .gpkg, .parquet, .csv); with --dask, a folder",
    )
    p_extract.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="run on a Dask cluster ('tcp://host:8786', or 'local' for a cluster on this "
        "machine) and write one GeoParquet file per partition into the -o folder",
    )
    p_extract.add_argument(
        "--partition-size",
        type=_count,
        default=512,
        metavar="N",
        help="documents per Dask partition (default: %(default)s)",
    )
    p_extract.set_defaults(func=cmd_extract)

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
    assets = p_map.add_mutually_exclusive_group()
    assets.add_argument(
        "--offline",
        action="store_true",
        help="embed Leaflet and every script and style, so the page needs no network "
        "(the default; tiles still do, with country outlines as the offline base map)",
    )
    assets.add_argument(
        "--cdn", action="store_true", help="link Leaflet from a CDN instead of embedding it"
    )
    p_map.set_defaults(func=cmd_map)

    add_gazetteer_parser(sub)

    from geomap.evaluate.cli import add_evaluate_parser

    add_evaluate_parser(sub)
    return parser
