"""Read news documents from text files, folders, JSONL and CSV exports.

Every reader yields :class:`~geomap.model.Document` records. A problem with one
document (or one line of a JSONL/CSV file) is reported as an
:class:`~geomap.errors.InputError` that names the file and line, and reading goes
on with the rest, unless ``strict=True``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from geomap.errors import InputError, InputNotFoundError
from geomap.model import Document

#: file endings read from folders
SUFFIXES = (".txt", ".jsonl", ".csv")

_DATELINE = re.compile(r"\A\s*date\s+(\S+)[ \t]*")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

ErrorHandler = Callable[[InputError], None]


def parse_date(value: object, *, where: str = "") -> dt.date | None:
    """Parse an ISO date or date-time ("2022-01-08", "2022-01-08T10:00:00Z").

    Returns ``None`` for an empty value; raises :class:`InputError` for a value
    that is not a date or is impossible ("2022-02-30").
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if not match:
        raise InputError(f"date {text!r} is not an ISO date (YYYY-MM-DD)", path=where)
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise InputError(f"impossible date {text!r}: {exc}", path=where) from None


def decode_bytes(data: bytes, *, path: str = "") -> str:
    """Decode a file's bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Raises :class:`InputError` for binary data or text in another encoding.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 text ({exc.reason})", path=path) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}); convert the file to UTF-8", path=path, line=line
        ) from None


def split_dateline(text: str) -> tuple[dt.date | None, str, str | None]:
    """Split an optional leading dateline (" date YYYY-MM-DD") off a text.

    Returns ``(date, body, problem)``; ``problem`` describes a dateline whose
    date could not be read (the date is then ``None``).
    """
    match = _DATELINE.match(text)
    if not match:
        return None, text, None
    body = text[match.end() :]
    try:
        return parse_date(match[1]), body, None
    except InputError as exc:
        return None, body, exc.reason


def read_text_file(path: Path, *, doc_id: str | None = None) -> Document:
    """Read one ``.txt`` document (UTF-8), with its optional leading dateline."""
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=where) from None
    text = decode_bytes(data, path=where)
    date, body, problem = split_dateline(text)
    if not body.strip():
        raise InputError("empty document (no text)", path=where)
    warnings = () if problem is None else (f"{where}:1: {problem}",)
    if date is None and problem is None:
        warnings = (f"{where}: no document date (dateline ' date YYYY-MM-DD' missing)",)
    return Document(
        doc_id=doc_id or path.name,
        text=body,
        date=date,
        source=path.name,
        origin=where,
        warnings=warnings,
    )


def _record_to_document(record: dict, *, where: str, fallback_id: str) -> Document:
    if not isinstance(record, dict):
        raise InputError("expected a JSON object with a 'text' field", path=where)
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError("missing 'text' field", path=where)
    if not text.strip():
        raise InputError("empty 'text' field", path=where)
    raw_date = record.get("date") or record.get("published")
    warnings: tuple[str, ...] = ()
    try:
        date = parse_date(raw_date, where=where)
    except InputError as exc:
        date, warnings = None, (str(exc),)
    if date is None and not warnings:
        warnings = (f"{where}: no document date ('date' or 'published' missing)",)
    doc_id = record.get("id")
    doc_id = fallback_id if doc_id in (None, "") else str(doc_id)
    source = record.get("source")
    return Document(
        doc_id=doc_id,
        text=text,
        date=date,
        source=str(source) if source not in (None, "") else None,
        origin=where,
        title=record.get("title") if isinstance(record.get("title"), str) else None,
        warnings=warnings,
    )


def read_jsonl(path: Path, *, on_error: ErrorHandler) -> Iterator[Document]:
    """Read a JSONL file: one document per line with ``id``, ``text`` and ``date``/``published``."""
    where = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=where) from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            line_where = f"{where}:{number}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                record = json.loads(line)
                yield _record_to_document(
                    record, where=line_where, fallback_id=f"{path.stem}-{number}"
                )
            except UnicodeDecodeError:
                on_error(InputError("line is not valid UTF-8", path=where, line=number))
            except json.JSONDecodeError as exc:
                on_error(InputError(f"malformed JSON ({exc.msg})", path=where, line=number))
            except InputError as exc:
                on_error(InputError(exc.reason, path=where, line=number))


def read_csv(path: Path, *, on_error: ErrorHandler) -> Iterator[Document]:
    """Read a CSV file with a header row and columns ``id``, ``text``, ``date``/``published``."""
    where = str(path)
    try:
        text = decode_bytes(path.read_bytes(), path=where)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=where) from None
    reader = csv.DictReader(text.splitlines(keepends=True))
    fields = reader.fieldnames or []
    if "text" not in fields:
        raise InputError(
            f"no 'text' column (columns: {', '.join(fields) or 'none'})", path=where, line=1
        )
    for row in reader:
        number = reader.line_num
        try:
            yield _record_to_document(
                dict(row), where=f"{where}:{number}", fallback_id=f"{path.stem}-{number}"
            )
        except InputError as exc:
            on_error(InputError(exc.reason, path=where, line=number))


def _files_in(folder: Path) -> list[Path]:
    found = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(found)


def read_documents(
    inputs: Iterable[str | Path] | str | Path,
    *,
    on_error: ErrorHandler | None = None,
    strict: bool = False,
) -> Iterator[Document]:
    """Yield the documents of every input: ``.txt`` files, folders, ``.jsonl`` and ``.csv`` files.

    Parameters
    ----------
    inputs
        One path or several. Folders are read recursively (``.txt``, ``.jsonl``,
        ``.csv``; hidden files skipped), in sorted order.
    on_error
        Called with each :class:`InputError` (a skipped document or line). By
        default problems are raised, as with ``strict=True``.
    strict
        Raise the first problem instead of reporting it and going on.

    Yields
    ------
    Document
        One per readable document, with ``doc_id``, ``text`` and ``date``.

    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]

    def report(error: InputError) -> None:
        if strict or on_error is None:
            raise error
        on_error(error)

    for item in inputs:
        path = Path(item)
        if not path.exists():
            report(InputNotFoundError("no such file or folder", path=str(path)))
            continue
        if path.is_dir():
            files = _files_in(path)
            if not files:
                report(
                    InputError(
                        f"no readable files ({', '.join(SUFFIXES)}) in folder", path=str(path)
                    )
                )
            for file in files:
                yield from _read_file(file, report=report, doc_id=str(file.relative_to(path)))
        else:
            yield from _read_file(path, report=report, doc_id=None)


def _read_file(path: Path, *, report: ErrorHandler, doc_id: str | None) -> Iterator[Document]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            yield from read_jsonl(path, on_error=report)
        elif suffix == ".csv":
            yield from read_csv(path, on_error=report)
        else:
            yield read_text_file(path, doc_id=doc_id)
    except InputError as exc:
        report(exc)
