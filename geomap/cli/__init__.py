"""The ``geomap`` command line: extract events, draw maps, manage the gazetteer.

One module per concern: :mod:`~geomap.cli.parser` (the options),
:mod:`~geomap.cli.run` (``extract`` and ``map``), :mod:`~geomap.cli.journal`
(``--resume``), :mod:`~geomap.cli.report` (messages, problems, exit statuses),
:mod:`~geomap.cli.gazetteer` (``gazetteer``).
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from geomap.cli.parser import build_parser
from geomap.cli.report import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_SKIPPED,
    EXIT_USAGE,
)
from geomap.errors import GeomapError

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_SKIPPED",
    "EXIT_USAGE",
    "build_parser",
    "main",
]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``geomap`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    with _stop_on_sigterm():
        try:
            return args.func(args)
        except KeyboardInterrupt:
            output = getattr(args, "output", None)
            kept = output.with_name(output.name + ".progress") if output else None
            message = "interrupted; no output was left half-written"
            if kept is not None and kept.exists():
                message += f"; run the same command with --resume to go on (progress in {kept})"
            print(f"\ngeomap: {message}", file=sys.stderr)
            return EXIT_INTERRUPTED
        except GeomapError as exc:
            print(f"geomap: error: {exc}", file=sys.stderr)
            return EXIT_ERROR


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt while the command runs, so it stops as cleanly."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
