"""``geomap gazetteer build|info|lookup``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from geomap.cli.report import EXIT_ERROR, EXIT_OK
from geomap.errors import GeomapError


def add_gazetteer_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``geomap gazetteer build|info|lookup [NAME]`` to a subparsers object."""
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
    p_gaz.set_defaults(func=cmd_gazetteer)


def cmd_gazetteer(args: argparse.Namespace) -> int:
    """Run ``geomap gazetteer ACTION``; return the exit status."""
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
