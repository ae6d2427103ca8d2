"""The ``geomap`` command line: extract events, draw maps, manage the gazetteer."""

from __future__ import annotations

import argparse
import collections
import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from geomap.errors import GeomapError, InputError
from geomap.model import Document

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
#: some documents could not be read; the others were processed
EXIT_SKIPPED = 3
#: stopped by Ctrl-C (SIGINT) or SIGTERM; nothing half-written, progress kept for --resume
EXIT_INTERRUPTED = 130

#: the "path:line: " or "path: " that starts a warning
_LOCATION = re.compile(r"\A.*?(?::\d+)?(?:#part\d+)?: (?=[a-z'])")
#: problems printed as they happen (the rest are counted and go to the errors file)
_SHOWN = 20
#: documents processed between two writes of the progress journal
_JOURNAL_BATCH = 16
#: seconds between two writes of the progress journal
_JOURNAL_SECONDS = 2.0

_EPILOG = """\
inputs:
  A .txt file (an optional first line " date YYYY-MM-DD" gives the document date),
  a folder (read recursively: .txt, .jsonl, .csv), a .jsonl file (one JSON object
  per line with "id", "text" and "date" or "published"), or a .csv file with the
  same columns. Text that is not UTF-8 (UTF-16/32 with a BOM, Windows-1251,
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
  written); 1 an error (or the first problem with --strict); 130 interrupted.

interrupting and resuming:
  Ctrl-C stops cleanly: outputs are written only when the run is complete, so no
  half-written map or table is left. Progress is kept in OUTPUT.progress/; run the
  same command with --resume to skip the documents already processed.

examples:
  geomap map data/ -o out/map.html --events out/events.geojson
  geomap extract news.jsonl -o events.parquet
  geomap extract big-corpus/ -o events.gpkg --resume
  geomap gazetteer lookup "Alma-Ata"
"""


def _short(reason: str) -> str:
    """The gist of a problem for the summary: "malformed JSON (...)" -> "malformed JSON"."""
    gist = reason.split(" (", 1)[0].split(": ", 1)[0].split("; ", 1)[0].strip()
    return gist or reason


class _Reporter:
    """Collects input problems, prints the first ones, and remembers them for the summary.

    ``skipped`` are :class:`InputError` s of documents (or lines) that were not
    read; ``warned`` are documents read with problems (``Document.warnings``).
    """

    def __init__(self, *, quiet: bool, strict: bool, errors_path: Path, explicit: bool) -> None:
        self.quiet = quiet
        self.strict = strict
        self.errors: list[InputError] = []
        self.warned: list[Document] = []
        self.errors_path = errors_path
        self.explicit = explicit
        self.documents = 0
        self.parts = 0
        self.split = 0

    def __call__(self, error: InputError) -> None:
        self.errors.append(error)
        if len(self.errors) <= _SHOWN:
            _say(f"skipped {error}")
        elif len(self.errors) == _SHOWN + 1 and not self.quiet:
            _say(f"more documents skipped: see {self.errors_path}")

    def read(self, doc: Document) -> None:
        """Count a document read from the inputs; note (or, with --strict, raise) its problems."""
        from geomap.ingest import part_number

        part = part_number(doc.doc_id)
        if part is None or part == 1:
            self.documents += 1
        if part is not None:
            self.parts += 1
            self.split += part == 1
        if not doc.warnings:
            return
        if self.strict:
            raise InputError("; ".join(doc.warnings))
        self.warned.append(doc)
        if self.quiet:
            return
        if len(self.warned) <= _SHOWN:
            for warning in doc.warnings:
                _say(f"warning: {warning}")
        elif len(self.warned) == _SHOWN + 1:
            _say(f"more documents with warnings: see {self.errors_path}")

    def rows(self) -> list[dict]:
        """The errors file's rows: one per skipped or partly-read document."""
        from geomap.ingest import parse_origin

        rows = [
            {
                "status": "skipped",
                "path": e.path,
                "line": e.line,
                "doc_id": None,
                "error": e.reason,
            }
            for e in self.errors
        ]
        for doc in self.warned:
            path, line, _ = parse_origin(doc.origin)
            rows.append(
                {
                    "status": "partly read",
                    "path": path,
                    "line": line,
                    "doc_id": doc.doc_id,
                    "error": "; ".join(doc.warnings),
                }
            )
        return rows

    def write_errors(self) -> bool:
        """Write the errors file when there were problems (or it was asked for); say if written."""
        from geomap.export import write_text_atomic

        rows = self.rows()
        if not rows and not self.explicit:
            # a default errors file left by an earlier run would now be wrong
            self.errors_path.unlink(missing_ok=True)
            return False
        lines = [json.dumps(row, ensure_ascii=False) + "\n" for row in rows]
        write_text_atomic(self.errors_path, "".join(lines))
        return bool(rows)


def _say(message: str) -> None:
    print(f"geomap: {message}", file=sys.stderr, flush=True)


# -- the progress journal -----------------------------------------------------------


def _json_default(value: object) -> object:
    """JSON for numpy scalars and dates in event rows."""
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in the progress journal")


class _Journal:
    """The progress of a run, kept in ``<output>.progress/`` so that --resume can go on.

    ``done.jsonl`` holds one line per processed document: its key, its events
    table rows and (when the mentions table is asked for) its mention rows.
    Lines are appended in batches and flushed to disk; a line cut short by a
    crash is ignored on resume, so its document is processed again. The rows
    are not kept in memory: :meth:`rows` reads them back when the run is done.
    ``inputs.json`` fingerprints the inputs (paths, sizes, modification times,
    geomap's version, --max-chars, whether mentions are kept): the journal is
    reused only when they match.
    """

    def __init__(self, output: Path, *, fingerprint: str) -> None:
        self.folder = output.with_name(output.name + ".progress")
        self.fingerprint = fingerprint
        #: keys of documents the earlier run processed (with their counts), to skip
        self.previous: collections.Counter[str] = collections.Counter()
        self.resumed = 0
        self._pending: list[str] = []
        self._last_write = time.monotonic()
        self._stream = None

    @property
    def path(self) -> Path:
        """The journal file."""
        return self.folder / "done.jsonl"

    def open(self, *, resume: bool, quiet: bool) -> None:
        """Load an earlier run's progress (with ``resume``) or start afresh."""
        meta = self.folder / "inputs.json"
        if self.folder.exists():
            stored = None
            with contextlib.suppress(OSError, ValueError):
                stored = json.loads(meta.read_text(encoding="utf-8")).get("fingerprint")
            if resume and stored == self.fingerprint:
                self._load()
            elif resume:
                _say(f"the inputs changed since the run kept in {self.folder}; starting again")
            elif not quiet:
                _say(f"discarding the progress kept in {self.folder} (use --resume to go on)")
        elif resume and not quiet:
            _say(f"nothing to resume ({self.folder} does not exist); starting from the beginning")
        if not self.resumed:
            shutil.rmtree(self.folder, ignore_errors=True)
        from geomap.export import write_text_atomic

        write_text_atomic(meta, json.dumps({"fingerprint": self.fingerprint}) + "\n")
        self._stream = self.path.open("ab")

    def _entries(self) -> Iterator[dict]:
        """The complete lines of the journal file, parsed (a line cut short is left out)."""
        if not self.path.exists():
            return
        with self.path.open("rb") as stream:
            for raw in stream:
                try:
                    entry = json.loads(raw)
                except ValueError:
                    continue  # the line a crash cut short
                if isinstance(entry, dict) and isinstance(entry.get("key"), str):
                    yield entry

    def _load(self) -> None:
        for entry in self._entries():
            self.previous[entry["key"]] += 1
            self.resumed += 1
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        with self.path.open("rb+") as stream:
            stream.seek(-1, os.SEEK_END)
            if stream.read(1) != b"\n":  # end the line a crash cut short
                stream.write(b"\n")

    def add(self, key: str, rows: list[dict], mentions: list[dict] | None = None) -> None:
        """Record a processed document; write the batch when it is full or old."""
        entry: dict[str, object] = {"key": key, "rows": rows}
        if mentions is not None:
            entry["mentions"] = mentions
        self._pending.append(json.dumps(entry, ensure_ascii=False, default=_json_default))
        if (
            len(self._pending) >= _JOURNAL_BATCH
            or time.monotonic() - self._last_write >= _JOURNAL_SECONDS
        ):
            self.flush()

    def flush(self) -> None:
        """Append the pending lines to the journal and push them to disk."""
        if self._stream is None or not self._pending:
            return
        # taken off the list before writing: a Ctrl-C that lands after the write must
        # not leave them pending, or close() would write them a second time
        lines, self._pending = self._pending, []
        self._stream.write(("\n".join(lines) + "\n").encode("utf-8"))
        self._stream.flush()
        os.fsync(self._stream.fileno())
        self._last_write = time.monotonic()

    def close(self) -> None:
        """Flush and close the journal file (it stays on disk)."""
        if self._stream is not None:
            try:
                self.flush()
            finally:
                self._stream.close()
                self._stream = None

    def remove(self) -> None:
        """Delete the journal after the outputs were written."""
        self.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def rows(self, field: str = "rows") -> Iterator[dict]:
        """Every row of every processed document, read back from the journal file.

        ``field`` is ``"rows"`` for the events table, ``"mentions"`` for the mentions table.
        """
        self.flush()
        for entry in self._entries():
            yield from entry.get(field) or ()

    def skip(self, key: str) -> bool:
        """Whether the earlier run already processed this document (each time counted once)."""
        if self.previous[key] > 0:
            self.previous[key] -= 1
            return True
        return False


def _fingerprint(inputs: Sequence[str], *, max_chars: int, mentions: bool = False) -> str:
    """A hash of what the inputs are now: every file's path, size and modification time."""
    from geomap import __version__
    from geomap.ingest import files_in

    entries: list[object] = [__version__, max_chars, mentions]
    for item in inputs:
        path = Path(item)
        files = files_in(path) if path.is_dir() else [path]
        for file in files:
            try:
                stat = file.stat()
                entries.append([str(file.resolve()), stat.st_size, stat.st_mtime_ns])
            except OSError:
                entries.append([str(file), None])
    return hashlib.sha256(json.dumps(entries).encode("utf-8")).hexdigest()


def _doc_key(doc: Document) -> str:
    return f"{doc.origin}\x1f{doc.doc_id}"


# -- running the pipeline -----------------------------------------------------------


class _Run:
    """One ``extract`` or ``map`` run: read, process, journal, then write every output."""

    def __init__(self, args: argparse.Namespace, *, output: Path) -> None:
        self.args = args
        self.output = output
        self.started = time.perf_counter()
        self.gazetteer = None
        errors = args.errors or output.with_name(output.name + ".errors.jsonl")
        self.reporter = _Reporter(
            quiet=args.quiet,
            strict=args.strict,
            errors_path=errors,
            explicit=args.errors is not None,
        )
        self.keep_mentions = getattr(args, "mentions", None) is not None
        self.journal = _Journal(
            output,
            fingerprint=_fingerprint(
                args.inputs, max_chars=args.max_chars, mentions=self.keep_mentions
            ),
        )

    def process(self):  # noqa: ANN201 - a GeoDataFrame
        """Run the pipeline over the inputs and return the events table."""
        from geomap.gazetteer import load_gazetteer
        from geomap.ingest import read_documents
        from geomap.join import document_rows, frame_from_rows, mention_rows
        from geomap.pipeline import Pipeline

        args = self.args
        gazetteer = load_gazetteer(data_dir=args.data_dir, progress=not args.quiet)
        self.gazetteer = gazetteer
        pipeline = Pipeline(
            gazetteer=gazetteer, fallback=_online_fallback(args), lang=getattr(args, "lang", None)
        )
        self.journal.open(resume=args.resume, quiet=args.quiet)
        if self.journal.resumed and not args.quiet:
            _say(f"resuming: {self.journal.resumed} documents already done")
        documents = read_documents(
            args.inputs, on_error=self.reporter, strict=args.strict, max_chars=args.max_chars
        )
        from geomap._progress import progress_bar

        progress = progress_bar(not args.quiet, desc="documents", unit="doc")

        def todo() -> Iterator[Document]:
            for doc in documents:
                self.reporter.read(doc)
                if self.journal.skip(_doc_key(doc)):
                    progress.update()
                    continue
                yield doc

        told: set[str] = set()
        try:
            for doc in pipeline.process(todo(), jobs=args.jobs):
                if doc.lang not in ("en", "ru", *told) and not args.quiet:
                    told.add(doc.lang)  # once per language
                    _say(
                        f"note: {doc.doc_id} is in {doc.lang!r}: its places are read; "
                        "events are read for English and Russian only"
                    )
                mentions = mention_rows(doc) if self.keep_mentions else None
                self.journal.add(_doc_key(doc), document_rows(doc), mentions)
                progress.update()
        finally:
            progress.close()
            self.journal.close()
        return frame_from_rows(self.journal.rows())

    def mentions(self):  # noqa: ANN201 - a GeoDataFrame
        """The mentions table of every processed document (after :meth:`process`)."""
        from geomap.join import mentions_frame_from_rows

        return mentions_frame_from_rows(self.journal.rows("mentions"))

    def write_mentions(self) -> list[Path]:
        """Write the mentions table if ``--mentions`` asked for it; return what was written."""
        from geomap.export import write_mentions

        if not self.keep_mentions:
            return []
        write_mentions(self.mentions(), self.args.mentions)
        return [self.args.mentions]

    def finish(self, frame, *, wrote: list[Path]) -> int:  # noqa: ANN001 - a GeoDataFrame
        """Write the errors file, drop the journal, print the summary; return the exit status."""
        reporter = self.reporter
        listed = reporter.write_errors()
        self.journal.remove()
        if not reporter.quiet:
            counts = frame["event_type"].value_counts().to_dict() if len(frame) else {}
            kinds = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "none"
            _say(
                f"{reporter.documents} documents read, {len(reporter.errors)} skipped, "
                f"{len(frame)} events ({kinds}) in {time.perf_counter() - self.started:.1f} s"
            )
            if reporter.errors:
                why = collections.Counter(_short(e.reason) for e in reporter.errors)
                _say("skipped: " + ", ".join(f"{n} {k}" for k, n in sorted(why.items())))
            if reporter.warned:
                why = collections.Counter(
                    _short(_LOCATION.sub("", w, count=1))
                    for doc in reporter.warned
                    for w in doc.warnings
                )
                _say(
                    f"{len(reporter.warned)} documents read with problems: "
                    + ", ".join(f"{n} {k}" for k, n in sorted(why.items()))
                )
            if reporter.split:
                _say(
                    f"{reporter.split} long documents split into {reporter.parts} parts "
                    f"of at most {self.args.max_chars} characters"
                )
            if self.journal.resumed:
                _say(f"resumed: {self.journal.resumed} documents were done by the earlier run")
            if listed:
                _say(f"problems listed in {reporter.errors_path}")
            _say("wrote " + " and ".join(str(p) for p in wrote))
        return EXIT_SKIPPED if reporter.errors else EXIT_OK


def _cmd_extract_dask(args: argparse.Namespace) -> int:
    """``geomap extract --dask``: GeoParquet partitions written by a Dask cluster."""
    from geomap.distributed import extract_to_parquet

    if args.resume:
        raise GeomapError("--resume does not apply to --dask runs (partitions are rewritten)")
    if args.mentions:
        raise GeomapError("--mentions does not apply to --dask runs (they write events only)")
    started = time.perf_counter()
    errors: list[InputError] = []

    def report(error: InputError) -> None:
        if args.strict:
            raise error
        errors.append(error)
        print(f"geomap: skipped {error}", file=sys.stderr)

    client = None if args.dask == "local" else args.dask
    parts = extract_to_parquet(
        args.inputs,
        args.output,
        client=client,
        partition_size=args.partition_size,
        on_error=report,
        n_workers=args.jobs or None,
    )
    if not args.quiet:
        _say(
            f"wrote {len(parts)} GeoParquet partitions to {args.output} "
            f"in {time.perf_counter() - started:.1f} s ({len(errors)} inputs skipped)"
        )
    return EXIT_SKIPPED if errors else EXIT_OK


def _cmd_extract(args: argparse.Namespace) -> int:
    from geomap.export import check_events_path, write_events

    if args.dask:
        return _cmd_extract_dask(args)
    check_events_path(args.output)
    if args.mentions:
        check_events_path(args.mentions)
    run = _Run(args, output=args.output)
    frame = run.process()
    write_events(frame, args.output)
    return run.finish(frame, wrote=[args.output, *run.write_mentions()])


def _cmd_map(args: argparse.Namespace) -> int:
    from geomap.export import check_events_path, save_map, write_events
    from geomap.maps import make_map

    for table in (args.events, args.mentions):
        if table:
            check_events_path(table)
    run = _Run(args, output=args.output)
    frame = run.process()
    if args.events:
        write_events(frame, args.events)
    mentions = run.write_mentions()
    progress = not args.quiet
    the_map = make_map(
        frame,
        title=args.title,
        offline=not args.cdn,
        gazetteer=run.gazetteer,
        progress=progress,
    )
    save_map(the_map, args.output, progress=progress)
    wrote = [args.output, *([args.events] if args.events else []), *mentions]
    return run.finish(frame, wrote=wrote)


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


def _max_chars() -> int:
    from geomap.ingest import MAX_CHARS

    return MAX_CHARS


def _positive(text: str) -> int:
    value = int(text)
    if value < 1000:
        raise argparse.ArgumentTypeError(f"must be at least 1000, not {value}")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _online_fallback(args: argparse.Namespace):  # noqa: ANN202 - a Gazetteer or None
    """The online fallback gazetteer the options ask for, or ``None``."""
    if not getattr(args, "online", None):
        if getattr(args, "user_agent", None) or getattr(args, "nominatim_url", None):
            raise GeomapError("--user-agent and --nominatim-url need --online nominatim")
        return None
    if not args.user_agent:
        raise GeomapError(
            "--online nominatim needs --user-agent naming your application and a contact, "
            "as Nominatim's usage policy asks"
        )
    from geomap.gazetteer.nominatim import NominatimGazetteer

    options = {"url": args.nominatim_url} if args.nominatim_url else {}
    return NominatimGazetteer(args.data_dir, user_agent=args.user_agent, **options)


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
            "--lang",
            choices=("en", "ru", "kk", "uk"),
            help="language of the documents that have no 'lang' field "
            "(default: detected per document; events are read for en and ru)",
        )
        p.add_argument(
            "--jobs",
            type=int,
            default=1,
            metavar="N",
            help="worker processes (0: one per core; default 1)",
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
            "(e.g. 'newsroom-map/1.0 (maps@example.org)')",
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


if __name__ == "__main__":
    sys.exit(main())
