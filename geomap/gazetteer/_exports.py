"""Read GeoNames export files exactly as ``download.geonames.org/export/dump/`` has them.

Kinds of file, told apart by name and, for data files, by their column count:

- the *geoname* table (19 tab-separated columns, no header): ``allCountries.zip``,
  country files (``UA.zip``, ``NL.txt``), ``cities500.zip``, ``cities1000.zip``...;
- the *alternate names* table (10 columns in ``alternateNamesV2``, 8 in the older
  ``alternateNames``; per-country ``alternatenames/XX.zip`` has the same columns):
  ``alternateNameId, geonameid, isolanguage, name, isPreferredName, isShortName,
  isColloquial, isHistoric[, from, to]``;
- the companion tables ``admin1CodesASCII.txt``, ``admin2Codes.txt`` (``code, name,
  asciiname, geonameid``) and ``countryInfo.txt`` (``#`` comment lines, 19 columns).

A zip is read member by member (its ``readme.txt`` and ``iso-languagecodes.txt``
are not data). Data files are cut into chunks of lines that worker processes turn
into arrays (:func:`parse_chunk`), so no file is ever held whole in memory.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from geomap.errors import InputError, InputNotFoundError

#: columns of the geoname table
GEONAME_COLUMNS = 19
#: columns of alternateNamesV2 and of the older alternateNames
ALTERNATE_COLUMNS = (10, 8)
#: feature classes of GeoNames ("" appears on a few rows without a class)
FEATURE_CLASSES = frozenset("AHLPRSTUV") | {""}
#: "languages" of the alternate names table that are codes or links, not names
CODE_LANGUAGES = frozenset(
    {"post", "link", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "fr_1793", "phon", "piny"}
)
#: zip members that are not data
_NOT_DATA = frozenset({"readme.txt", "iso-languagecodes.txt"})
_TABLES = {
    "admin1codesascii.txt": "admin1",
    "admin1codes.txt": "admin1",
    "admin2codes.txt": "admin2",
    "countryinfo.txt": "countries",
}


@dataclass(frozen=True)
class Source:
    """One data stream of an export file: the file, the zip member, its kind."""

    path: Path
    member: str | None
    kind: str  # "geoname", "alternate", "admin1", "admin2", "countries"

    @property
    def label(self) -> str:
        """The file (and zip member) as error messages name it."""
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    def open(self) -> IO[bytes]:
        """Open the stream as bytes."""
        if self.member is None:
            return self.path.open("rb")
        archive = zipfile.ZipFile(self.path)
        return _ClosingMember(archive, archive.open(self.member))


class _ClosingMember(io.BufferedReader):
    """A zip member that closes its archive with it."""

    def __init__(self, archive: zipfile.ZipFile, member: IO[bytes]) -> None:
        super().__init__(member)  # type: ignore[arg-type]
        self._archive = archive

    def close(self) -> None:
        super().close()
        self._archive.close()


def _first_data_line(fh: IO[bytes]) -> bytes | None:
    for line in fh:
        if line.strip() and not line.startswith(b"#"):
            return line
    return None


def _sniff(path: Path, member: str | None, handle: IO[bytes]) -> str:
    label = f"{path}!{member}" if member else str(path)
    line = _first_data_line(handle)
    if line is None:
        raise InputError("no data lines: not a GeoNames export", path=label)
    fields = line.rstrip(b"\r\n").split(b"\t")
    if len(fields) == GEONAME_COLUMNS and fields[0].strip().isdigit():
        return "geoname"
    if len(fields) in ALTERNATE_COLUMNS and fields[0].isdigit() and fields[1].isdigit():
        return "alternate"
    raise InputError(
        f"not a GeoNames export: the first line has {len(fields)} tab-separated columns "
        f"(the geoname table has {GEONAME_COLUMNS}, alternate names "
        f"{ALTERNATE_COLUMNS[0]} or {ALTERNATE_COLUMNS[1]})",
        path=label,
        line=1,
    )


def sources(paths: list[Path]) -> list[Source]:
    """Return the data streams of the given export files, in the order given.

    Raises
    ------
    InputNotFoundError
        A file does not exist.
    InputError
        A file is neither a GeoNames table nor a zip of them (the message names it).

    """
    out: list[Source] = []
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise InputNotFoundError("no such file", path=str(path))
        table = _TABLES.get(path.name.lower())
        if table is not None:
            out.append(Source(path, None, table))
            continue
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = [
                    m
                    for m in archive.namelist()
                    if m.lower().endswith(".txt") and Path(m).name.lower() not in _NOT_DATA
                ]
                if not members:
                    raise InputError("the zip holds no GeoNames .txt table", path=str(path))
                for member in members:
                    with archive.open(member) as fh:
                        kind = _sniff(path, member, fh)  # type: ignore[arg-type]
                    out.append(Source(path, member, kind))
            continue
        with path.open("rb") as fh:
            out.append(Source(path, None, _sniff(path, None, fh)))
    return out


def line_chunks(source: Source, chunk_lines: int) -> Iterator[tuple[int, int, bytes]]:
    """Yield ``(chunk number, first line number, bytes of the lines)`` of a data stream."""
    with source.open() as fh:
        lines: list[bytes] = []
        first = 1
        number = 0
        chunk = 0
        for number, line in enumerate(fh, 1):  # noqa: B007 - used after the loop
            lines.append(line)
            if len(lines) >= chunk_lines:
                yield chunk, first, b"".join(lines)
                chunk += 1
                first = number + 1
                lines = []
        if lines:
            yield chunk, first, b"".join(lines)


def read_table(source: Source) -> list[list[str]]:
    """Return the rows of a small companion table (comments and blank lines skipped)."""
    rows: list[list[str]] = []
    with source.open() as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        for line in text:
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.rstrip("\r\n").split("\t"))
    if source.kind == "countries" and rows and rows[0][0] == "ISO":
        rows = rows[1:]  # a plain header line in place of GeoNames' comment preamble
    width = 19 if source.kind == "countries" else 4
    for number, row in enumerate(rows, 1):
        if len(row) < width:
            raise InputError(
                f"expected {width} tab-separated columns, found {len(row)}",
                path=source.label,
                line=number,
            )
    return rows


# --------------------------------------------------------------------------- chunks


def usable_alternate(name: str) -> bool:
    """Whether an alternate name is a name, not a code or a link.

    GeoNames' ``alternatenames`` column mixes names with airport codes ("AMS",
    "EHAM"), postal codes and links; short all-capital or digit strings and URLs
    are left out.
    """
    if not name or "://" in name or name.isdigit():
        return False
    return not (len(name) <= 4 and name.isascii() and name.upper() == name)


def _decode(data: bytes, label: str, first: int) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first + data.count(b"\n", 0, exc.start)
        raise InputError("not valid UTF-8", path=label, line=line) from None


class _Names:
    """Name keys of one chunk: two hashes, primary flag, owner, bytes."""

    def __init__(self) -> None:
        from geomap.gazetteer import _build

        self._norm = _build._fast_normalize
        self._hash = _build.key_hash
        self._seen: dict[str, tuple[str, int, int]] = {}
        self.h1: list[int] = []
        self.h2: list[int] = []
        self.owner: list[int] = []
        self.primary: list[int] = []
        self.keys: list[bytes] = []
        self.max_words = 0

    def add(self, raw: str, owner: int, primary: int) -> None:
        entry = self._seen.get(raw)
        if entry is None:
            key = self._norm(raw)
            blob = key.encode("utf-8")
            entry = (key, self._hash(key) if key else 0, zlib.crc32(blob))
            self._seen[raw] = entry
            if key:
                self.max_words = max(self.max_words, key.count(" ") + 1)
        key, h1, h2 = entry
        if not key:
            return
        self.h1.append(h1)
        self.h2.append(h2)
        self.owner.append(owner)
        self.primary.append(primary)
        self.keys.append(key.encode("utf-8"))


def _blob(np: Any, items: list[bytes]) -> tuple[Any, Any]:
    off = np.zeros(len(items) + 1, dtype=np.int64)
    off[1:] = np.cumsum([len(x) for x in items]) if items else []
    return np.frombuffer(b"".join(items), dtype=np.uint8), off


def parse_chunk(kind: str, label: str, first: int, data: bytes, out: str) -> dict[str, Any]:
    """Turn a chunk of lines into arrays, written atomically to ``out`` (``.npz``).

    Returns
    -------
    dict
        The chunk's summary (rows, feature classes, newest modification date),
        also stored in the file.

    Raises
    ------
    InputError
        A malformed line; the message names the file and the line.

    """
    import numpy as np

    from geomap.gazetteer._index_io import write_atomic

    text = _decode(data, label, first)
    names = _Names()
    summary: dict[str, Any] = {"kind": kind, "first": first, "lines": 0, "classes": {}}
    arrays: dict[str, Any] = {}
    if kind == "geoname":
        gid: list[int] = []
        lat: list[float] = []
        lon: list[float] = []
        pop: list[int] = []
        cc_i: list[int] = []
        code_i: list[int] = []
        a1_i: list[int] = []
        shown: list[bytes] = []
        ccs: dict[str, int] = {}
        codes: dict[str, int] = {}
        a1s: dict[tuple[str, str], int] = {}
        classes: dict[str, int] = {}
        newest = ""
        for number, line in enumerate(text.split("\n"), first):
            line = line.rstrip("\r")
            if not line:
                continue
            f = line.split("\t")
            if len(f) != GEONAME_COLUMNS:
                raise InputError(
                    f"expected {GEONAME_COLUMNS} tab-separated columns, found {len(f)}",
                    path=label,
                    line=number,
                )
            try:
                row_gid = int(f[0])
                row_lat, row_lon = float(f[4]), float(f[5])
                row_pop = int(f[14]) if f[14] else 0
            except ValueError as exc:
                raise InputError(f"bad number: {exc}", path=label, line=number) from None
            if not (-90.0 <= row_lat <= 90.0 and -180.0 <= row_lon <= 180.0):
                raise InputError(
                    f"coordinates out of range: {f[4]}, {f[5]}", path=label, line=number
                )
            fclass = f[6]
            if fclass not in FEATURE_CLASSES:
                raise InputError(f"unknown feature class {fclass!r}", path=label, line=number)
            row = len(gid)
            gid.append(row_gid)
            lat.append(row_lat)
            lon.append(row_lon)
            pop.append(max(row_pop, 0))
            cc = f[8]
            cc_i.append(ccs.setdefault(cc, len(ccs)))
            code = f"{fclass}.{f[7]}"
            code_i.append(codes.setdefault(code, len(codes)))
            a1_i.append(a1s.setdefault((cc, f[10]), len(a1s)) if f[10] else -1)
            classes[fclass] = classes.get(fclass, 0) + 1
            if f[18] > newest:
                newest = f[18]
            shown.append(f[1].encode("utf-8"))
            names.add(f[1], row, 1)
            if f[2] and f[2] != f[1]:
                names.add(f[2], row, 1)
            if f[3]:
                for alt in f[3].split(","):
                    if alt != f[1] and usable_alternate(alt):
                        names.add(alt, row, 0)
        summary.update(
            lines=len(gid),
            classes=classes,
            newest=newest,
            countries=list(ccs),
            codes=list(codes),
            admin1=[list(k) for k in a1s],
        )
        name_blob, name_off = _blob(np, shown)
        arrays.update(
            gid=np.asarray(gid, dtype=np.int64),
            lat=np.asarray(lat, dtype=np.float64),
            lon=np.asarray(lon, dtype=np.float64),
            pop=np.asarray(pop, dtype=np.int64),
            cc=np.asarray(cc_i, dtype=np.int32),
            code=np.asarray(code_i, dtype=np.int32),
            a1=np.asarray(a1_i, dtype=np.int32),
            name_blob=name_blob,
            name_off=name_off,
        )
    else:
        count = 0
        for number, line in enumerate(text.split("\n"), first):
            line = line.rstrip("\r")
            if not line:
                continue
            f = line.split("\t")
            if len(f) not in ALTERNATE_COLUMNS or not f[1].isdigit():
                raise InputError(
                    f"expected {ALTERNATE_COLUMNS[0]} or {ALTERNATE_COLUMNS[1]} tab-separated "
                    f"columns with a geonameid second, found {len(f)} columns",
                    path=label,
                    line=number,
                )
            count += 1
            if f[2] in CODE_LANGUAGES or not usable_alternate(f[3]):
                continue
            names.add(f[3], int(f[1]), 0)
        summary["lines"] = count
    summary["max_words"] = names.max_words
    key_blob, key_off = _blob(np, names.keys)
    arrays.update(
        h1=np.asarray(names.h1, dtype=np.uint64),
        h2=np.asarray(names.h2, dtype=np.uint32),
        owner=np.asarray(names.owner, dtype=np.int64),
        primary=np.asarray(names.primary, dtype=np.uint8),
        key_blob=key_blob,
        key_off=key_off,
    )
    arrays["summary"] = np.frombuffer(json.dumps(summary).encode("utf-8"), dtype=np.uint8)
    write_atomic(Path(out), arrays, np)
    return summary
