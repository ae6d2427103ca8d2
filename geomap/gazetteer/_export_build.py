"""Build the gazetteer index from GeoNames exports: streamed, bounded, resumable.

:func:`build_from_exports` reads each data file in chunks of lines; worker
processes turn every chunk into arrays saved in a work directory inside the data
directory (``.geonames-build/<inputs>/``). An interrupted build finds the chunks
it already made there and goes on from them. When every chunk is there, the
arrays are merged (:mod:`geomap.gazetteer._export_merge`) into
``geonames-full.npz``, written atomically, and the work directory is removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError
from geomap.gazetteer import _exports
from geomap.gazetteer._paths import full_index_path, resolve_data_dir

#: lines per chunk: a worker holds one chunk's rows (about 30 MB of text at most)
CHUNK_LINES = 200_000
#: bump when chunk files change, so that a resumed build never mixes layouts
CHUNK_FORMAT = 1
#: the work directory's parent inside the data directory
WORK_DIRNAME = ".geonames-build"
MODES = ("extend", "replace")


def _fingerprint(srcs: list[_exports.Source], chunk_lines: int) -> str:
    parts = []
    for src in srcs:
        stat = src.path.stat()
        parts.append(
            [str(src.path.resolve()), src.member, src.kind, stat.st_size, stat.st_mtime_ns]
        )
    blob = json.dumps([CHUNK_FORMAT, chunk_lines, parts]).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def _read_summary(path: Path) -> dict[str, Any] | None:
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as npz:
            return json.loads(npz["summary"].tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError):
        return None
    except Exception:  # noqa: BLE001 - a half-written zip raises many things
        return None


def build_from_exports(
    files: Sequence[str | os.PathLike[str]],
    data_dir: str | os.PathLike[str] | None = None,
    *,
    mode: str = "extend",
    jobs: int | None = None,
    chunk_lines: int = CHUNK_LINES,
    progress: bool = False,
    on_chunk: Callable[[str, int], None] | None = None,
) -> dict[str, Any]:
    """Build ``geonames-full.npz`` in the data directory from GeoNames export files.

    Parameters
    ----------
    files
        Export files as geonames.org publishes them (see :mod:`._exports`).
    data_dir
        The data directory (as :func:`geomap.gazetteer._paths.resolve_data_dir`).
    mode
        ``"extend"``: the embedded index (countries, regions, demonyms, aliases)
        plus every export row, with GeoNames' own point for an id both hold;
        ``"replace"``: the export rows alone (demonyms still point to their
        countries when the export has them).
    jobs
        Worker processes (default: up to 2); 1 parses in this process.
    chunk_lines
        Lines per chunk.
    progress
        Show progress bars.
    on_chunk
        Called with (file label, chunk number) after each chunk is saved.

    Returns
    -------
    dict
        The new index's ``meta`` record; ``meta["resumed_chunks"]`` counts the
        chunks found from an interrupted build.

    Raises
    ------
    InputError
        A file is not a GeoNames export or has a malformed line (file and line named).
    GazetteerError
        The index cannot be written.

    """
    from geomap.gazetteer import _export_merge

    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    started = time.perf_counter()
    cpu_started = _cpu_seconds()
    srcs = _exports.sources([Path(f) for f in files])
    tables = {src.kind: _exports.read_table(src) for src in srcs if src.kind not in _DATA}
    data = [src for src in srcs if src.kind in _DATA]
    if not any(src.kind == "geoname" for src in data):
        raise GazetteerError(
            "no geoname table among the files: give allCountries.zip, a country file "
            "(UA.zip, NL.txt) or a cities file (cities1000.zip)"
        )
    root = resolve_data_dir(data_dir)
    base = root / WORK_DIRNAME
    work = base / _fingerprint(srcs, chunk_lines)
    try:
        work.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GazetteerError(f"cannot create the build directory {work}: {exc}") from exc
    for stale in base.iterdir():
        if stale != work and stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)  # an older build of other inputs

    jobs = jobs if jobs is not None else min(2, os.cpu_count() or 1)
    chunks, resumed = _make_chunks(data, work, jobs, chunk_lines, progress, on_chunk)
    meta = _export_merge.merge(
        data, chunks, tables, root=root, mode=mode, data_dir=data_dir, progress=progress
    )
    meta["build_seconds"] = round(time.perf_counter() - started, 2)
    meta["build_cpu_seconds"] = round(_cpu_seconds() - cpu_started, 2)
    meta["resumed_chunks"] = resumed
    _export_merge.write(full_index_path(data_dir), meta)
    shutil.rmtree(work, ignore_errors=True)
    try:
        base.rmdir()
    except OSError:
        pass
    from geomap.gazetteer import forget_loaded

    forget_loaded()
    meta.pop("_arrays", None)
    return meta


_DATA = ("geoname", "alternate")


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished workers (user + system)."""
    try:
        import resource
    except ImportError:  # not on Unix
        return time.process_time()
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _make_chunks(
    data: list[_exports.Source],
    work: Path,
    jobs: int,
    chunk_lines: int,
    progress: bool,
    on_chunk: Callable[[str, int], None] | None,
) -> tuple[list[list[Path]], int]:
    """Parse every chunk not already in ``work``; return the chunk files per source."""
    out: list[list[Path]] = []
    resumed = 0
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    pending: deque[tuple[Future[dict[str, Any]], str, int]] = deque()

    def settle(limit: int) -> None:
        while len(pending) > limit:
            future, label, number = pending.popleft()
            future.result()
            if on_chunk is not None:
                on_chunk(label, number)

    try:
        for index, src in enumerate(data):
            done_file = work / f"{index:03d}.done"
            if done_file.exists():
                count = int(done_file.read_text() or 0)
                files = [work / f"{index:03d}-{n:06d}.npz" for n in range(count)]
                if all(_read_summary(f) is not None for f in files):
                    out.append(files)
                    resumed += count
                    continue
            files = []
            bar = None
            if progress:
                from tqdm.auto import tqdm

                bar = tqdm(desc=src.path.name, unit=" lines", unit_scale=True)
            for number, first, blob in _exports.line_chunks(src, chunk_lines):
                target = work / f"{index:03d}-{number:06d}.npz"
                files.append(target)
                if bar is not None:
                    bar.update(blob.count(b"\n"))
                if target.exists() and _read_summary(target) is not None:
                    resumed += 1
                    continue
                args = (src.kind, src.label, first, blob, str(target))
                if pool is None:
                    _exports.parse_chunk(*args)
                    if on_chunk is not None:
                        on_chunk(src.label, number)
                else:
                    pending.append((pool.submit(_exports.parse_chunk, *args), src.label, number))
                    settle(2 * jobs)
            settle(0)
            if bar is not None:
                bar.close()
            done_file.write_text(str(len(files)))
            out.append(files)
    except BaseException:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    return out, resumed
