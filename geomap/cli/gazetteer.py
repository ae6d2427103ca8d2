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
    p_gaz.add_argument(
        "--geonames",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="'build': read GeoNames exports as geonames.org publishes them (allCountries.zip, "
        "UA.zip, NL.txt, cities1000.zip, alternateNamesV2.zip, admin1CodesASCII.txt, "
        "admin2Codes.txt, countryInfo.txt) into DATA_DIR/geonames-full.npz; by default it "
        "extends the embedded index (countries, regions, demonyms stay)",
    )
    p_gaz.add_argument(
        "--replace",
        action="store_true",
        help="'build --geonames': the exports' places alone, not added to the embedded index",
    )
    p_gaz.add_argument(
        "--drop-geonames",
        action="store_true",
        help="'build': remove the index built from exports and go back to the embedded one",
    )
    p_gaz.add_argument(
        "--jobs",
        type=_workers,
        default=None,
        help="'build --geonames': worker processes (default 2)",
    )
    p_gaz.set_defaults(func=cmd_gazetteer)


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def cmd_gazetteer(args: argparse.Namespace) -> int:
    """Run ``geomap gazetteer ACTION``; return the exit status."""
    from geomap.gazetteer import index_info, load_gazetteer

    if args.action == "build":
        return _build(args)
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


def _build(args: argparse.Namespace) -> int:
    """``geomap gazetteer build [--geonames FILE... [--replace]] [--drop-geonames]``."""
    from geomap.gazetteer import build_index, forget_loaded
    from geomap.gazetteer._paths import full_index_path

    if args.drop_geonames:
        full = full_index_path(args.data_dir)
        full.unlink(missing_ok=True)
        forget_loaded()
        print(f"removed {full}; the embedded index is used")
        return EXIT_OK
    if not args.geonames:
        if args.replace:
            raise GeomapError("--replace goes with --geonames FILE...")
        print(build_index(args.data_dir, force=True, progress=not args.quiet))
        return EXIT_OK
    from geomap.gazetteer._export_build import build_from_exports

    meta = build_from_exports(
        args.geonames,
        args.data_dir,
        mode="replace" if args.replace else "extend",
        jobs=args.jobs,
        progress=not args.quiet,
    )
    if not args.quiet:
        counts = meta["counts"]
        print(
            f"{full_index_path(args.data_dir)}: {counts['rows']:,} places, {counts['keys']:,} "
            f"names ({meta['mode']}; {meta['build_seconds']:.0f} s"
            + (f", {meta['resumed_chunks']} chunks resumed" if meta["resumed_chunks"] else "")
            + ")"
        )
    return EXIT_OK
