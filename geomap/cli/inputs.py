"""Where ``extract`` and ``map`` get documents: INPUT paths, ``--fetch`` and ``--corrections``.

:func:`add_input_options` adds the options; :func:`check_input_options` reads the
URL list and the corrections file before any work (so a bad line is an error
naming it, before the models load); :func:`open_documents` chains the documents
of the paths and of the fetched URLs.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

from geomap.errors import GeomapError, InputError
from geomap.model import Document


def _delay(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0.1:
        raise argparse.ArgumentTypeError(f"must be at least 0.1 seconds, not {text}")
    return value


def add_input_options(p: argparse.ArgumentParser) -> None:
    """Add ``--fetch``, ``--fetch-delay`` and ``--corrections`` to a run's parser."""
    web = p.add_argument_group(
        "fetching pages and feeds (off by default)",
        "Nothing is requested without --fetch. With it, every site's robots.txt is read "
        "first and obeyed, one request per --fetch-delay seconds per site, failed "
        "requests tried again, every page kept in a cache in the data directory.",
    )
    web.add_argument(
        "--fetch",
        type=Path,
        metavar="URLS.txt",
        help="fetch the pages and RSS/Atom feeds listed in this file (one URL a line)",
    )
    web.add_argument(
        "--fetch-delay",
        type=_delay,
        default=1.0,
        metavar="SECONDS",
        help="least time between two requests to one site (default: %(default)s)",
    )
    p.add_argument(
        "--corrections",
        type=Path,
        metavar="FILE.csv",
        help="an analyst's corrections: names that are not places, a name's place "
        "(a GeoNames id), a name's preferred country (see the README)",
    )


def check_input_options(args: argparse.Namespace) -> None:
    """Read ``--fetch`` and ``--corrections`` now; an INPUT or ``--fetch`` is needed.

    Sets ``args.urls`` (a list, maybe empty) and ``args.correction_table``.
    """
    from geomap.corrections import load_corrections
    from geomap.fetch import read_url_list

    if not args.inputs and not args.fetch:
        raise GeomapError("nothing to read: give an INPUT (file or folder) or --fetch URLS.txt")
    if getattr(args, "user_agent", None) and not (args.fetch or getattr(args, "online", None)):
        raise GeomapError("--user-agent needs --fetch or --online nominatim")
    args.urls = read_url_list(args.fetch) if args.fetch else []
    table = load_corrections(args.corrections) if args.corrections else None
    if table is not None and table.needs_places() and not getattr(args, "places", None):
        line = next(c.where for c in table.by_name.values() if c.kind == "place")
        raise GeomapError(f"{line}: a 'place' correction needs a file of your own places")
    args.correction_table = table


def fetcher_for(args: argparse.Namespace):  # noqa: ANN201 - a Fetcher
    """The :class:`~geomap.fetch.Fetcher` of a run, its cache in the data directory."""
    from geomap.fetch import Fetcher
    from geomap.gazetteer._paths import resolve_data_dir

    cache = resolve_data_dir(args.data_dir) / "fetch-cache"
    return Fetcher(cache, user_agent=args.user_agent, delay=args.fetch_delay)


def open_documents(
    args: argparse.Namespace, *, on_error: Callable[[InputError], None]
) -> Iterator[Document]:
    """The documents of the INPUT paths, then those of the ``--fetch`` URLs."""
    from geomap.ingest import read_documents

    documents = read_documents(
        args.inputs, on_error=on_error, strict=args.strict, max_chars=args.max_chars
    )
    if not args.urls:
        return documents
    from geomap.fetch import fetch_documents

    def report(error: InputError) -> None:
        if args.strict:
            raise error
        on_error(error)

    fetched = fetch_documents(
        args.urls, fetcher_for(args), on_error=report, max_chars=args.max_chars
    )
    return itertools.chain(documents, fetched)
