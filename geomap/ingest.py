"""Read news documents from text files, folders, JSONL and CSV exports.

Every reader yields :class:`~geomap.model.Document` records. A problem with one
document (or one line of a JSONL/CSV file) is reported as an
:class:`~geomap.errors.InputError` that names the file and line, and reading goes
on with the rest, unless ``strict=True``. A document that was read but not
perfectly (its date was invalid, its text was not UTF-8, bytes were replaced)
carries the problems in ``Document.warnings``.

Encodings
    UTF-8 (with or without BOM) and UTF-16/UTF-32 with a BOM are read as such.
    Other text is decoded by a documented heuristic (:func:`sniff_encoding`):
    mostly-valid UTF-8 with a few bad bytes is UTF-8 with those bytes replaced
    by U+FFFD; otherwise the text is an 8-bit legacy encoding, Windows-1251
    (Cyrillic) when the Windows-1252 reading would be made of words of accented
    letters only, Windows-1252 (or Latin-1) otherwise. Files with NUL bytes or
    many control characters are binary and skipped.

Long documents
    Text files are read in blocks of :data:`BLOCK_BYTES` (memory stays bounded
    whatever the file size) and a document longer than ``max_chars``
    (:data:`MAX_CHARS` by default) is split at paragraph boundaries into parts
    ``"<doc_id>#part1"``, ``"#part2"``... (see :func:`split_text`), so that the NLP
    stage never meets a text above spaCy's ``max_length``. Evidence offsets of
    a part's events are relative to the part. A single JSONL line or CSV field
    may hold at most :data:`MAX_RECORD_CHARS` characters; longer records are
    skipped with a message (put very long texts in ``.txt`` files).
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from geomap.errors import InputError, InputNotFoundError
from geomap.model import Document

#: file endings read from folders
SUFFIXES = (".txt", ".jsonl", ".csv", ".html", ".htm")
#: longest text (characters) handed to the NLP stage as one document; longer ones are split
MAX_CHARS = 100_000
#: longest JSONL line or CSV field (characters); longer records are skipped
MAX_RECORD_CHARS = 16 * 1024 * 1024
#: document dates accepted; others are reported (and relative dates could not be placed)
DATE_RANGE = (dt.date(1000, 1, 1), dt.date(8999, 12, 31))
#: bytes read at a time from a file
BLOCK_BYTES = 1024 * 1024
#: bytes looked at to choose a file's encoding
SNIFF_BYTES = 1024 * 1024

_DATELINE = re.compile(r"\A\s*date\s+(\S+)[ \t]*")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PART = re.compile(r"#part(\d+)\Z")
_ORIGIN = re.compile(r"\A(?P<path>.*?)(?::(?P<line>\d+))?(?:#part(?P<part>\d+))?\Z", re.S)
_WORD = re.compile(r"[^\W\d_]+")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_SENTENCE_BREAK = re.compile(r"[.!?][\"')\]»”’]*\s+")
_SPACE = re.compile(r"\s+")
#: control characters allowed in text
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1a")
_LEGIT_REPLACEMENT = "\ufffd".encode()
_ENCODING_NAMES = {
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1252": "Windows-1252 (Western European)",
    "latin-1": "Latin-1",
}

ErrorHandler = Callable[[InputError], None]


def parse_date(value: object, *, where: str = "") -> dt.date | None:
    """Parse an ISO date or date-time ("2022-01-08", "2022-01-08T10:00:00Z").

    Returns ``None`` for an empty value; raises :class:`InputError` for a value
    that is not a date, is impossible ("2022-02-30") or lies outside
    :data:`DATE_RANGE` ("0001-01-01").
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
        shown = text if len(text) <= 40 else text[:40] + "..."
        raise InputError(f"not an ISO date (YYYY-MM-DD): {shown!r}", path=where)
    try:
        date = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise InputError(f"impossible date: {match[0]!r} ({exc})", path=where) from None
    if not DATE_RANGE[0] <= date <= DATE_RANGE[1]:
        raise InputError(
            f"implausible date: {match[0]!r} (years {DATE_RANGE[0].year}-{DATE_RANGE[1].year} "
            "are accepted)",
            path=where,
        )
    return date


# -- encodings -------------------------------------------------------------------


def _is_binary(text: str) -> bool:
    """Whether decoded text looks like binary data (NULs or many control characters)."""
    if "\x00" in text:
        return True
    controls = sum(
        1
        for ch in text
        if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc" and ord(ch) < 0xA0
    )
    return controls > max(2, len(text) // 100)


def _legacy_encoding(sample: bytes) -> str:
    """Choose Windows-1251, Windows-1252 or Latin-1 for 8-bit text.

    Read as Windows-1252, Cyrillic text is made of words of accented letters
    only ("Ïðîòåñò"), while Western text has its accented letters inside words
    of plain ones ("café"). Windows-1251 wins when the first kind of word is
    the more common.
    """
    try:
        western = sample.decode("cp1252")
        western_codec = "cp1252"
    except UnicodeDecodeError:
        western = sample.decode("latin-1")
        western_codec = "latin-1"
    accented_only = mixed = 0
    for word in _WORD.findall(western):
        high = sum(1 for ch in word if ord(ch) > 127)
        if not high:
            continue
        if high == len(word):
            accented_only += high >= 2
        else:
            mixed += 1
    return "cp1251" if accented_only > mixed else western_codec


def sniff_encoding(sample: bytes, *, path: str = "", final: bool = True) -> str:
    """Choose the codec of a file from its first bytes.

    Parameters
    ----------
    sample
        The file's first bytes (the whole file when ``final``).
    path
        The file, named in errors.
    final
        Whether ``sample`` is the whole file (a multi-byte character cut at its
        end is then an error).

    Returns
    -------
    str
        A Python codec name: ``utf-8-sig``, ``utf-8``, ``utf-16``, ``utf-32``,
        ``cp1251``, ``cp1252`` or ``latin-1``. UTF-8 is chosen even with a few
        invalid bytes when it has more valid multi-byte characters than invalid
        bytes (the invalid ones are then replaced by the readers, with a warning).

    Raises
    ------
    InputError
        When the sample is binary data (NUL bytes, many control characters).

    """
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        codec = "utf-32"
    elif sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16"
    elif sample.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    elif b"\x00" in sample:
        raise InputError("binary file (not text)", path=path)
    else:
        text = codecs.getincrementaldecoder("utf-8")("replace").decode(sample, final)
        bad = text.count("\ufffd") - sample.count(_LEGIT_REPLACEMENT)
        good = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
        codec = "utf-8" if bad <= 0 or good >= bad else _legacy_encoding(sample)
    if _is_binary(codecs.getincrementaldecoder(codec)("replace").decode(sample, final)):
        raise InputError("binary file (not text)", path=path)
    return codec


class _TextStream:
    """Decode a binary stream block by block, noting guessed encodings and replaced bytes."""

    def __init__(self, handle: BinaryIO, *, where: str, block: int = BLOCK_BYTES) -> None:
        self._handle = handle
        self._where = where
        self._block = block
        self._first = handle.read(SNIFF_BYTES)
        self.codec = sniff_encoding(self._first, path=where, final=len(self._first) < SNIFF_BYTES)
        self._decoder = codecs.getincrementaldecoder(self.codec)("replace")
        self.replaced = 0
        self._bytes_seen = 0
        self._lines_seen = 0
        self._first_bad_line: int | None = None
        self._tail = b""
        self._reported = 0
        self.notes: list[str] = []
        if self.codec in _ENCODING_NAMES:
            self.notes.append(
                f"not UTF-8: decoded as {_ENCODING_NAMES[self.codec]}, guessed from the text"
            )

    def pieces(self) -> Iterator[str]:
        """Yield the decoded text, a block at a time."""
        data = self._first
        self._first = b""
        while True:
            final = not data
            text = self._decoder.decode(data, final)
            bad = text.count("\ufffd")
            if self.codec.startswith("utf-8") and bad:
                bad -= (self._tail + data).count(_LEGIT_REPLACEMENT)
            if bad > 0:
                self._note_bad(text, bad)
            self._bytes_seen += len(data)
            self._lines_seen += data.count(b"\n")
            self._tail = data[-2:]
            if text:
                yield text
            if final:
                return
            data = self._handle.read(self._block)

    def _note_bad(self, text: str, bad: int) -> None:
        self.replaced += bad
        if self._first_bad_line is None:
            # newlines decode one to one, so the decoded text gives the line
            self._first_bad_line = self._lines_seen + text[: text.find("\ufffd")].count("\n") + 1

    def new_notes(self) -> tuple[str, ...]:
        """Return the problems found since the last call (for the document being built)."""
        notes = list(self.notes)
        self.notes.clear()
        if self.replaced > self._reported:
            what = (
                "UTF-8"
                if self.codec.startswith("utf-8")
                else _ENCODING_NAMES.get(self.codec, self.codec)
            )
            notes.append(
                f"not valid {what}: {self.replaced - self._reported} invalid byte(s) replaced "
                f"with U+FFFD (first at line {self._first_bad_line})"
            )
            self._reported = self.replaced
        return tuple(notes)


def decode_text(data: bytes, *, path: str = "") -> tuple[str, tuple[str, ...]]:
    """Decode a whole file's bytes; return the text and the problems met.

    The encoding is chosen by :func:`sniff_encoding`; problems are a guessed
    legacy encoding or bytes replaced by U+FFFD.

    Raises
    ------
    InputError
        For binary data.

    """
    import io

    stream = _TextStream(io.BytesIO(data), where=path)
    text = "".join(stream.pieces())
    return text, stream.new_notes()


def decode_bytes(data: bytes, *, path: str = "") -> str:
    """Decode a file's bytes as text (see :func:`decode_text`), dropping the problems."""
    return decode_text(data, path=path)[0]


# -- long texts ------------------------------------------------------------------


def _cut(text: str, start: int, max_chars: int) -> int:
    """Return where to end the part of ``text`` that begins at ``start`` (at most max_chars).

    The end is the last paragraph break in the second half of the window, else
    the last line break, sentence end or space, else ``start + max_chars``.
    """
    end = start + max_chars
    low = start + max_chars // 2
    for pattern in (_PARAGRAPH_BREAK, None, _SENTENCE_BREAK, _SPACE):
        if pattern is None:
            newline = text.rfind("\n", low, end)
            if newline >= 0:
                return newline + 1
            continue
        last = None
        for last in pattern.finditer(text, low, end):  # noqa: B007 - keep the last match
            pass
        if last is not None:
            return last.end()
    return end


def _split_stream(pieces: Iterable[str], *, max_chars: int) -> Iterator[str]:
    """Cut a stream of text into parts of at most ``max_chars``; they join back to the text.

    The cuts depend only on the text, not on how it arrives in pieces.
    """
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    buffer = ""
    start = 0
    for piece in pieces:
        buffer = buffer[start:] + piece
        start = 0
        while len(buffer) - start > max_chars:
            end = _cut(buffer, start, max_chars)
            yield buffer[start:end]
            start = end
    if start < len(buffer):
        yield buffer[start:]


def split_text(text: str, *, max_chars: int = MAX_CHARS) -> list[str]:
    """Split a text into parts of at most ``max_chars`` characters, at paragraph boundaries.

    Each cut falls on the last paragraph break (a blank line) in the second
    half of the allowed window, else on the last line break, sentence end or
    space there, else exactly at ``max_chars``. ``"".join(parts) == text``.
    """
    return list(_split_stream([text], max_chars=max_chars))


def part_number(doc_id: str) -> int | None:
    """The part number of a document split by :func:`split_text` ("a.txt#part2" -> 2)."""
    match = _PART.search(doc_id)
    return int(match[1]) if match else None


def parse_origin(origin: str) -> tuple[str, int | None, int | None]:
    """Split ``Document.origin`` into (path, line, part): "news.jsonl:12#part2" -> (..., 12, 2)."""
    match = _ORIGIN.match(origin)
    assert match is not None  # the pattern matches any string
    line, part = match["line"], match["part"]
    return match["path"], int(line) if line else None, int(part) if part else None


def _parts(
    base: Document, pieces: Iterable[str], *, max_chars: int, notes: Callable[[], tuple[str, ...]]
) -> Iterator[Document]:
    """Yield ``base`` with its text from ``pieces``, split into parts when it is long."""
    pending: str | None = None
    pending_notes: tuple[str, ...] = ()
    number = 0
    warnings = base.warnings

    def make(text: str, part: int | None, extra: tuple[str, ...]) -> Document:
        if part is None:
            return dataclasses.replace(base, text=text, warnings=warnings + extra)
        return dataclasses.replace(
            base,
            doc_id=f"{base.doc_id}#part{part}",
            origin=f"{base.origin}#part{part}",
            text=text,
            warnings=(warnings if part == 1 else ()) + extra,
        )

    for text in _split_stream(pieces, max_chars=max_chars):
        if not text.strip():
            continue
        if pending is not None:
            number += 1
            yield make(pending, number, pending_notes + notes())
            pending_notes = ()
        pending = text
    if pending is None:
        raise InputError("empty document (no text)", path=base.origin)
    yield make(pending, number + 1 if number else None, pending_notes + notes())


def split_document(document: Document, *, max_chars: int = MAX_CHARS) -> list[Document]:
    """Return ``[document]``, or its parts when its text is longer than ``max_chars``."""
    if len(document.text) <= max_chars:
        return [document]
    return list(_parts(document, [document.text], max_chars=max_chars, notes=tuple))


# -- readers ---------------------------------------------------------------------


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


def _with_dateline(pieces: Iterator[str]) -> tuple[dt.date | None, str | None, Iterator[str]]:
    """Take the dateline off the start of a stream of text pieces."""
    head = ""
    for piece in pieces:
        head += piece
        if len(head) >= 4096:
            break
    date, body, problem = split_dateline(head.lstrip("\ufeff"))

    def rest() -> Iterator[str]:
        yield body
        yield from pieces

    return date, problem, rest()


def read_text_file(
    path: Path, *, doc_id: str | None = None, max_chars: int = MAX_CHARS
) -> Iterator[Document]:
    """Read one ``.txt`` document, with its optional leading dateline.

    The file is read in blocks, so memory stays bounded; a text longer than
    ``max_chars`` is yielded as parts (see :func:`split_text`).

    Raises
    ------
    InputError
        The file cannot be read, is binary, or holds no text.

    """
    where = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=where) from None
    with handle:
        try:
            stream = _TextStream(handle, where=where)
            date, problem, pieces = _with_dateline(stream.pieces())
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=where) from None
        if problem is not None:
            warnings: tuple[str, ...] = (f"{where}:1: {problem}",)
        elif date is None:
            warnings = (f"{where}: no document date (dateline ' date YYYY-MM-DD' missing)",)
        else:
            warnings = ()
        base = Document(
            doc_id=doc_id or path.name,
            text="",
            date=date,
            source=path.name,
            origin=where,
            warnings=warnings,
        )
        notes = stream.new_notes

        def located() -> tuple[str, ...]:
            return tuple(f"{where}: {note}" for note in notes())

        try:
            yield from _parts(base, pieces, max_chars=max_chars, notes=located)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=where) from None


def _record_to_document(
    record: object, *, where: str, fallback_id: str, notes: tuple[str, ...] = ()
) -> Document:
    if not isinstance(record, dict):
        raise InputError("expected a JSON object with a 'text' field")
    text = record.get("text")
    if text is None or text == "":
        raise InputError("missing or empty 'text' field")
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InputError("empty 'text' field (whitespace only)")
    raw_date = record.get("date") or record.get("published")
    published = None
    try:
        date = parse_date(raw_date, where=where)
    except InputError as exc:
        date, problem = None, str(exc)
    else:
        problem = None if date else f"{where}: no document date ('date' or 'published' missing)"
        if date is not None and isinstance(raw_date, str):
            from geomap.webpages import parse_timestamp

            published = parse_timestamp(raw_date)[1]
    raw_id = record.get("id")
    lang = record.get("lang") or ""
    if not isinstance(lang, str) or lang.lower() not in ("", "auto", "en", "ru", "kk", "uk"):
        raise InputError(f"unknown 'lang' {lang!r} (expected en, ru, kk, uk or auto)")
    source = record.get("source")
    title = record.get("title")
    url = record.get("url")
    fields = {
        "text": text,
        "doc_id": fallback_id if raw_id is None or raw_id == "" else str(raw_id),
        "source": None if source is None or source == "" else str(source),
        "title": title if isinstance(title, str) and title else None,
        "url": url if isinstance(url, str) and url else None,
    }
    cleaned = {name: _without_surrogates(value) for name, value in fields.items()}
    if cleaned != fields:
        notes = (*notes, f"{where}: lone surrogate escapes replaced with U+FFFD")
    return Document(
        doc_id=cleaned["doc_id"],
        text=cleaned["text"],
        date=date,
        source=cleaned["source"],
        origin=where,
        title=cleaned["title"],
        url=cleaned["url"],
        published=published,
        warnings=notes if problem is None else (*notes, problem),
        lang=lang.lower(),
    )


def _without_surrogates(value: str | None) -> str | None:
    """Replace lone surrogates (from JSON escapes of half a pair) so the text encodes as UTF-8."""
    if value is None or value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def _lines(pieces: Iterable[str], *, limit: int) -> Iterator[str | None]:
    """Split decoded text into lines (ends kept); a line longer than ``limit`` is ``None``."""
    buffer: list[str] = []
    size = 0
    too_long = False
    for piece in pieces:
        start = 0
        while True:
            newline = piece.find("\n", start)
            end = len(piece) if newline < 0 else newline + 1
            if not too_long:
                buffer.append(piece[start:end])
                size += end - start
                if size > limit:
                    too_long, buffer, size = True, [], 0
            if newline < 0:
                break
            yield None if too_long else "".join(buffer)
            buffer, size, too_long = [], 0, False
            start = end
    if too_long:
        yield None
    elif buffer:
        yield "".join(buffer)


def _open_stream(path: Path) -> tuple[BinaryIO, _TextStream]:
    where = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=where) from None
    try:
        return handle, _TextStream(handle, where=where)
    except (InputError, OSError) as exc:
        handle.close()
        if isinstance(exc, OSError):
            raise InputError(f"cannot read: {exc.strerror}", path=where) from None
        raise


def read_jsonl(
    path: Path, *, on_error: ErrorHandler, max_chars: int = MAX_CHARS
) -> Iterator[Document]:
    """Read a JSONL file: one document per line with ``id``, ``text`` and ``date``/``published``.

    A bad line (malformed JSON, no text, longer than :data:`MAX_RECORD_CHARS`)
    is reported to ``on_error`` with its line number, and reading goes on.
    """
    where = str(path)
    handle, stream = _open_stream(path)
    with handle:
        number = 0
        for line in _lines(stream.pieces(), limit=MAX_RECORD_CHARS):
            number += 1
            notes = tuple(f"{where}:{number}: {note}" for note in stream.new_notes())
            if line is None:
                on_error(
                    InputError(
                        f"line longer than {MAX_RECORD_CHARS} characters; "
                        "put very long texts in .txt files",
                        path=where,
                        line=number,
                    )
                )
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                document = _record_to_document(
                    record, where=f"{where}:{number}", fallback_id=f"{path.stem}-{number}",
                    notes=notes,
                )  # fmt: skip
            except json.JSONDecodeError as exc:
                on_error(InputError(f"malformed JSON ({exc.msg})", path=where, line=number))
                continue
            except (ValueError, RecursionError) as exc:
                reason = exc.reason if isinstance(exc, InputError) else f"malformed JSON ({exc})"
                on_error(InputError(reason, path=where, line=number))
                continue
            yield from split_document(document, max_chars=max_chars)


def _normalise_header(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower()


def read_csv(
    path: Path, *, on_error: ErrorHandler, max_chars: int = MAX_CHARS
) -> Iterator[Document]:
    """Read a CSV file with a header row and columns ``id``, ``text``, ``date``/``published``.

    Column names are matched without regard to case or surrounding spaces.
    A file without a ``text`` column is skipped as a whole; a bad row is
    reported with its line number and reading goes on.
    """
    where = str(path)
    handle, stream = _open_stream(path)
    with handle:
        lines = _lines(stream.pieces(), limit=MAX_RECORD_CHARS)
        physical = 0

        def counted() -> Iterator[str]:
            nonlocal physical
            for line in lines:
                physical += 1
                if line is None:
                    raise InputError(
                        f"line longer than {MAX_RECORD_CHARS} characters; the rest of the "
                        "file was not read (put very long texts in .txt files)",
                        path=where,
                        line=physical,
                    )
                yield line

        reader = csv.reader(counted())

        def next_row() -> list[str] | None:
            old = csv.field_size_limit(MAX_RECORD_CHARS)
            try:
                return next(reader, None)
            except csv.Error as exc:
                raise InputError(
                    f"malformed CSV ({exc}); the rest of the file was not read",
                    path=where,
                    line=physical,
                ) from None
            finally:
                csv.field_size_limit(old)

        header = next_row()
        if header is None:
            raise InputError("empty CSV file (no header row)", path=where, line=1)
        fields = [_normalise_header(name) for name in header]
        if "text" not in fields:
            shown = ", ".join(name for name in header if name.strip()) or "none"
            raise InputError(f"no 'text' column (columns: {shown[:200]})", path=where, line=1)
        while True:
            start = physical + 1
            try:
                row = next_row()
            except InputError as exc:
                on_error(exc)
                return
            if row is None:
                return
            if not any(cell.strip() for cell in row):
                continue
            notes = tuple(f"{where}:{start}: {note}" for note in stream.new_notes())
            record = dict(zip(fields, row, strict=False))
            try:
                document = _record_to_document(
                    record, where=f"{where}:{start}", fallback_id=f"{path.stem}-{start}",
                    notes=notes,
                )  # fmt: skip
            except InputError as exc:
                on_error(InputError(exc.reason, path=where, line=start))
                continue
            yield from split_document(document, max_chars=max_chars)


def _hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def files_in(folder: Path) -> list[Path]:
    """The files :func:`read_documents` reads from a folder, in the order it reads them."""
    found = [
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in SUFFIXES and not _hidden(p, folder) and p.is_file()
    ]
    return sorted(found)


def read_documents(
    inputs: Iterable[str | Path] | str | Path,
    *,
    on_error: ErrorHandler | None = None,
    strict: bool = False,
    max_chars: int = MAX_CHARS,
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
    max_chars
        Documents longer than this are yielded as parts ``"<doc_id>#partN"``
        cut at paragraph boundaries (see :func:`split_text`).

    Yields
    ------
    Document
        One per readable document (or part), with ``doc_id``, ``text`` and
        ``date``; problems that did not stop it are in ``warnings``.

    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]

    def report(error: InputError) -> None:
        if strict or on_error is None:
            raise error
        on_error(error)

    return unique_ids(_read_inputs(inputs, report=report, max_chars=max_chars))


def unique_ids(documents: Iterable[Document]) -> Iterator[Document]:
    """Pass documents on; one whose id an earlier one had gets a warning naming both origins.

    Two documents with one id would give their events the same ``event_id``; the
    second is kept (its rows are its own) but reported, so the inputs can be mended.
    """
    seen: dict[str, str] = {}
    for doc in documents:
        first = seen.setdefault(doc.doc_id, doc.origin)
        if first != doc.origin:
            problem = f"{doc.origin}: duplicate document id {doc.doc_id!r} (also {first})"
            doc = dataclasses.replace(doc, warnings=(*doc.warnings, problem))
        yield doc


def _read_inputs(
    inputs: Iterable[str | Path], *, report: ErrorHandler, max_chars: int
) -> Iterator[Document]:
    for item in inputs:
        path = Path(item)
        if not path.exists():
            report(InputNotFoundError("no such file or folder", path=str(path)))
            continue
        if path.is_dir():
            try:
                files = files_in(path)
            except OSError as exc:
                report(InputError(f"cannot list folder: {exc.strerror}", path=str(path)))
                continue
            if not files:
                report(
                    InputError(
                        f"no readable files ({', '.join(SUFFIXES)}) in folder", path=str(path)
                    )
                )
            for file in files:
                yield from _read_file(
                    file, report=report, doc_id=str(file.relative_to(path)), max_chars=max_chars
                )
        else:
            yield from _read_file(path, report=report, doc_id=None, max_chars=max_chars)


def _read_file(
    path: Path, *, report: ErrorHandler, doc_id: str | None, max_chars: int
) -> Iterator[Document]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".html", ".htm"):
            from geomap.webpages import read_html_file

            yield from read_html_file(path, doc_id=doc_id, max_chars=max_chars)
        elif suffix == ".jsonl":
            yield from read_jsonl(path, on_error=report, max_chars=max_chars)
        elif suffix == ".csv":
            yield from read_csv(path, on_error=report, max_chars=max_chars)
        else:
            yield from read_text_file(path, doc_id=doc_id, max_chars=max_chars)
    except InputError as exc:
        report(exc)


def count_documents(inputs: Iterable[str | Path]) -> int:
    """About how many documents :func:`read_documents` will yield (for a progress bar).

    A ``.txt`` or web page counts one, a JSONL file its non-blank lines, a CSV file
    its records after the header. Long documents split into parts and bad lines
    make the real number differ a little. Unreadable inputs count nothing.
    """
    total = 0
    for item in inputs:
        path = Path(item)
        try:
            files = files_in(path) if path.is_dir() else [path]
            for file in files:
                total += _count_file(file)
        except (OSError, csv.Error, UnicodeError):
            continue
    return total


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        with path.open("rb") as stream:
            return sum(1 for line in stream if line.strip())
    if suffix == ".csv":
        old = csv.field_size_limit(MAX_RECORD_CHARS)
        try:
            with path.open(encoding="utf-8", errors="replace", newline="") as stream:
                return max(0, sum(1 for row in csv.reader(stream) if any(row)) - 1)
        finally:
            csv.field_size_limit(old)
    return 1 if path.is_file() else 0
