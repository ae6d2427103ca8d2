"""Extract events from archives with Dask: one machine's cores or a whole cluster.

The documents of the input files are cut into partitions of ``partition_size``
documents (a ``dask.bag`` of ``(file, first, stop)`` ranges, so no document text
travels from the client). Each Dask worker reads its range, runs geomap's
pipeline (loaded once per worker process) and writes the events of its partition
as one GeoParquet file ``part-NNNNN.parquet`` in the output folder; read them
back as one ``dask_geopandas.GeoDataFrame`` with :func:`read_events`.

The same code runs on a ``LocalCluster`` on one machine and on a real cluster
(``Client("tcp://scheduler:8786")``), as long as every worker can read the inputs
and write to the output folder at the same paths (a shared file system) and has
geomap and its spaCy model installed.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.ingest import ErrorHandler, read_documents

if TYPE_CHECKING:
    import dask_geopandas
    import geopandas as gpd
    from distributed import Client

#: documents per partition (and per output file) by default
PARTITION_SIZE = 512


def _ignore(_problem: Any) -> None:
    """Problems were reported by the client's first pass; workers skip them silently."""


def _input_files(inputs: Iterable[str | Path] | str | Path) -> list[Path]:
    from geomap.ingest import SUFFIXES, files_in

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files.extend(p for p in files_in(path) if p.suffix.lower() in SUFFIXES)
        else:
            files.append(path)
    return files


def plan_partitions(
    inputs: Iterable[str | Path] | str | Path,
    *,
    partition_size: int = PARTITION_SIZE,
    on_error: ErrorHandler | None = None,
) -> list[tuple[str, int, int]]:
    """Cut the documents of ``inputs`` into ``(file, first, stop)`` ranges of documents.

    The files are read once here, in the client, to count their documents and
    report input problems (raised when ``on_error`` is ``None``).
    """
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, not {partition_size}")
    ranges = []
    for path in _input_files(inputs):
        count = sum(1 for _ in read_documents([path], on_error=on_error))
        for first in range(0, count, partition_size):
            ranges.append((str(path), first, min(count, first + partition_size)))
    return ranges


_PIPELINE = None


def _worker_pipeline() -> Any:
    """The pipeline of this worker process, loaded on its first partition."""
    global _PIPELINE
    if _PIPELINE is None:
        from geomap.pipeline import Pipeline

        _PIPELINE = Pipeline()
    return _PIPELINE


def _write_part(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write one partition as GeoParquet with a fixed schema, atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(frame.to_arrow(index=False, geometry_encoding="WKB"))
    geo = {
        "version": "1.0.0",
        "primary_column": "geometry",
        "columns": {
            "geometry": {
                "encoding": "WKB",
                "geometry_types": ["Point"],
                "crs": frame.crs.to_json_dict() if frame.crs is not None else None,
            }
        },
    }
    metadata = {**(table.schema.metadata or {}), b"geo": json.dumps(geo).encode()}
    fields = []
    for field in table.schema:
        if pa.types.is_null(field.type):
            field = field.with_type(pa.large_string())  # text columns empty in this partition
        if field.name == "geometry":
            field = pa.field("geometry", pa.binary(), nullable=True)
        fields.append(field)
    table = table.cast(pa.schema(fields, metadata=metadata))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def process_partition(task: tuple[int, str, int, int], out_dir: str) -> tuple[str, int]:
    """Process one ``(number, file, first, stop)`` range and write its events file.

    Returns the file written and its number of events.
    """
    from geomap.join import events_frame

    number, path, first, stop = task
    pipeline = _worker_pipeline()
    documents = itertools.islice(read_documents([path], on_error=_ignore), first, stop)
    frame = events_frame(pipeline.process(documents))
    target = Path(out_dir) / f"part-{number:05d}.parquet"
    _write_part(frame, target)
    return str(target), len(frame)


def extract_to_parquet(
    inputs: Iterable[str | Path] | str | Path,
    out_dir: str | Path,
    *,
    client: Client | str | None = None,
    partition_size: int = PARTITION_SIZE,
    on_error: ErrorHandler | None = None,
    n_workers: int | None = None,
) -> list[Path]:
    """Extract the events of archives into a folder of GeoParquet partitions with Dask.

    Parameters
    ----------
    inputs
        ``.txt`` files, folders, ``.jsonl`` or ``.csv`` files, readable by every worker.
    out_dir
        The output folder (created); gets one ``part-NNNNN.parquet`` per partition.
        Earlier ``part-*.parquet`` files there are removed first.
    client
        A ``distributed.Client``, or a scheduler address (``"tcp://host:8786"``)
        to connect to. ``None`` starts a ``LocalCluster`` of ``n_workers``
        single-threaded processes for this call.
    partition_size
        Documents per partition.
    on_error
        Called with each input problem; problems are raised when it is ``None``.
    n_workers
        Workers of the local cluster (all usable cores by default); only without ``client``.

    Returns
    -------
    list of Path
        The partition files, in input order.

    """
    import dask.bag as db
    from distributed import Client, LocalCluster

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.parquet"):
        old.unlink()
    ranges = plan_partitions(inputs, partition_size=partition_size, on_error=on_error)
    tasks = [(k, *r) for k, r in enumerate(ranges)]
    if not tasks:
        return []
    own_cluster = None
    if client is None:
        from geomap.parallel import default_jobs

        own_cluster = LocalCluster(
            n_workers=n_workers or default_jobs(), threads_per_worker=1, processes=True
        )
        client = Client(own_cluster)
    elif isinstance(client, str):
        client = Client(client)
    try:
        bag = db.from_sequence(tasks, npartitions=len(tasks))
        results = bag.map(process_partition, str(out.resolve())).compute(scheduler=client)
    finally:
        if own_cluster is not None:
            client.close()
            own_cluster.close()
    return [Path(path) for path, _ in sorted(results)]


def read_events(out_dir: str | Path) -> dask_geopandas.GeoDataFrame:
    """The events written by :func:`extract_to_parquet`, as a lazy ``dask_geopandas`` frame."""
    import dask_geopandas

    return dask_geopandas.read_parquet(sorted(str(p) for p in Path(out_dir).glob("part-*.parquet")))
