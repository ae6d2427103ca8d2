"""The checks ``extract`` and ``map`` make before any work: inputs, outputs, options.

Each mistake is one :class:`~geomap.errors.GeomapError` with one line that names
what is wrong, raised before the gazetteer or the models load and before any
output (or progress folder) is touched, so a mistyped command never costs a run
or an old map.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from geomap.errors import GeomapError, InputNotFoundError

#: extensions of a map page
MAP_EXTENSIONS = (".html", ".htm")


def check_inputs(inputs: list[str]) -> None:
    """Every INPUT must exist; a folder must hold something geomap reads."""
    from geomap.ingest import SUFFIXES, files_in

    for item in inputs:
        path = Path(item)
        if not path.exists():
            hint = _near(path)
            raise InputNotFoundError(
                "no such file or folder" + (f" (did you mean {hint}?)" if hint else ""),
                path=str(path),
            )
        if path.is_dir() and not files_in(path):
            raise GeomapError(f"{path}: no readable files ({', '.join(SUFFIXES)}) in folder")


def _near(path: Path) -> str | None:
    """An existing sibling whose name is close to ``path``'s, to suggest."""
    import difflib

    parent = path.parent if str(path.parent) else Path(".")
    try:
        names = [p.name for p in parent.iterdir()]
    except OSError:
        return None
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.75)
    return str(parent / close[0]) if close else None


def check_output(path: Path, *, kinds: tuple[str, ...], what: str) -> None:
    """``path`` must end in one of ``kinds``, not be a folder, and be writable."""
    if path.is_dir():
        example = path / (("map" if kinds == MAP_EXTENSIONS else "events") + kinds[0])
        raise GeomapError(
            f"cannot write {what} {str(path)!r}: it is a folder; give a file name (e.g. {example})"
        )
    if path.suffix.lower() not in kinds:
        raise GeomapError(
            f"cannot write {what} {str(path)!r}: unknown format "
            f"{path.suffix or '(no extension)'!r}; use one of {', '.join(kinds)}"
        )
    check_writable(path, what=what)


def check_writable(path: Path, *, what: str, folder: bool = False) -> None:
    """``path`` can be written: not a folder (unless ``folder``), in a writable place."""
    if path.is_dir() and not folder:
        raise GeomapError(f"cannot write {what} {str(path)!r}: it is a folder")
    if path.exists() and not path.is_dir() and folder:
        raise GeomapError(f"cannot write {what} into {str(path)!r}: it is a file, not a folder")
    if path.exists() and not os.access(path, os.W_OK):
        raise GeomapError(f"cannot write {what} {str(path)!r}: permission denied")
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise GeomapError(f"cannot write {what} {str(path)!r}: {ancestor} is not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise GeomapError(f"cannot write {what} {str(path)!r}: {ancestor} is not writable")


def check_distinct(outputs: dict[str, Path | None], inputs: list[str]) -> None:
    """No two outputs are one file, and no output is an input."""
    seen: dict[Path, str] = {}
    for option, path in outputs.items():
        if path is None:
            continue
        key = path.resolve()
        if key in seen:
            raise GeomapError(f"{option} and {seen[key]} are the same file: {path}")
        seen[key] = option
    for item in inputs:
        key = Path(item).resolve()
        if key in seen:
            raise GeomapError(f"{seen[key]} {item} is also an input; it would be overwritten")


def check_run(args: argparse.Namespace, *, command: str) -> None:
    """All the checks of ``geomap extract`` / ``geomap map``, before any work.

    Raises
    ------
    GeomapError
        The first mistake found, in one line.

    """
    from geomap.export import SUPPORTED_EXTENSIONS

    if getattr(args, "online", None) and not getattr(args, "user_agent", None):
        raise GeomapError(
            "--online nominatim needs --user-agent naming your application and a contact, "
            "as Nominatim's usage policy asks"
        )
    check_inputs(args.inputs)
    tables = SUPPORTED_EXTENSIONS
    if command == "map":
        check_output(args.output, kinds=MAP_EXTENSIONS, what="the map")
        if args.events:
            check_output(args.events, kinds=tables, what="the events table")
    elif getattr(args, "dask", None):
        check_writable(args.output, what="the partitions", folder=True)
    else:
        check_output(args.output, kinds=tables, what="the events table")
    if args.mentions:
        check_output(args.mentions, kinds=tables, what="the mentions table")
    if args.errors:
        check_writable(args.errors, what="the errors file")
    check_distinct(
        {
            "-o": args.output,
            "--events": getattr(args, "events", None),
            "--mentions": args.mentions,
            "--errors": args.errors,
        },
        args.inputs,
    )
