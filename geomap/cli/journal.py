"""The progress journal of a run (``OUTPUT.progress/``), which ``--resume`` goes on from."""

from __future__ import annotations

import collections
import contextlib
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from geomap.cli.report import say
from geomap.model import Document

#: documents processed between two writes of the progress journal
_JOURNAL_BATCH = 16
#: seconds between two writes of the progress journal
_JOURNAL_SECONDS = 2.0


def json_default(value: object) -> object:
    """JSON for numpy scalars and dates in event rows."""
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in the progress journal")


class Journal:
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
                say(f"the inputs changed since the run kept in {self.folder}; starting again")
            elif not quiet:
                say(f"discarding the progress kept in {self.folder} (use --resume to go on)")
        elif resume and not quiet:
            say(f"nothing to resume ({self.folder} does not exist); starting from the beginning")
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
        self._pending.append(json.dumps(entry, ensure_ascii=False, default=json_default))
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


def fingerprint(
    inputs: Sequence[str | Path],
    *,
    max_chars: int,
    mentions: bool = False,
    corrections: Path | None = None,
) -> str:
    """A hash of what the inputs are now: every file's path, size and modification time."""
    from geomap import __version__
    from geomap.ingest import files_in

    entries: list[object] = [__version__, max_chars, mentions]
    for item in [*inputs, *([corrections] if corrections else [])]:
        path = Path(item)
        files = files_in(path) if path.is_dir() else [path]
        for file in files:
            try:
                stat = file.stat()
                entries.append([str(file.resolve()), stat.st_size, stat.st_mtime_ns])
            except OSError:
                entries.append([str(file), None])
    return hashlib.sha256(json.dumps(entries).encode("utf-8")).hexdigest()


def doc_key(doc: Document) -> str:
    """The key of a document in the journal: where it was read from, and its id."""
    return f"{doc.origin}\x1f{doc.doc_id}"
