"""Messages, exit statuses and the reporting of input problems for the ``geomap`` command."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from geomap.errors import InputError
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


def short(reason: str) -> str:
    """The gist of a problem for the summary: "malformed JSON (...)" -> "malformed JSON"."""
    gist = reason.split(" (", 1)[0].split(": ", 1)[0].split("; ", 1)[0].strip()
    return gist or reason


class Reporter:
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
        """Note a skipped document (or line); print it while few have been."""
        self.errors.append(error)
        if len(self.errors) <= _SHOWN:
            say(f"skipped {error}")
        elif len(self.errors) == _SHOWN + 1 and not self.quiet:
            say(f"more documents skipped: see {self.errors_path}")

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
                say(f"warning: {warning}")
        elif len(self.warned) == _SHOWN + 1:
            say(f"more documents with warnings: see {self.errors_path}")

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


def say(message: str) -> None:
    """Print one message of the command on standard error, after ``geomap: ``.

    Printed with :meth:`tqdm.tqdm.write`: a progress bar on the terminal is
    cleared, the message printed on its own line, and the bar drawn again below it.
    """
    from tqdm import tqdm

    tqdm.write(f"geomap: {message}", file=sys.stderr)
    sys.stderr.flush()
