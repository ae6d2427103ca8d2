"""Process documents on several cores of one machine, yielding them in input order.

Batches of documents go to a pool of worker processes. Where the platform can
fork (Linux), the workers are forked from a process that has already loaded the
gazetteer and the spaCy model, so their memory pages (the gazetteer's numpy
arrays above all) are shared copy-on-write instead of copied per worker; elsewhere
each worker loads its own. At most ``2 * jobs`` batches are in flight, so memory
stays flat however many documents stream through.
"""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing as mp
import operator
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from geomap.model import Document, Token

if TYPE_CHECKING:
    from geomap.pipeline import Pipeline

#: the pipeline of a worker process (inherited by fork, or loaded by the initializer)
_WORKER: Pipeline | None = None

#: batches waiting or running per worker; bounds the memory of a long stream
IN_FLIGHT_PER_JOB = 2


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(gazetteer_data_dir: str | None) -> None:
    """Load a pipeline in a worker that was not forked from a loaded one."""
    global _WORKER
    if _WORKER is None:
        from geomap.gazetteer import load_gazetteer
        from geomap.pipeline import Pipeline

        _WORKER = Pipeline(gazetteer=load_gazetteer(data_dir=gazetteer_data_dir))


#: a token's fields in order, read at once
_TOKEN_FIELDS = operator.attrgetter(*(f.name for f in dataclasses.fields(Token)))

#: a processed document as sent back by a worker: the document without its tokens,
#: and each token's fields as a tuple (pickled several times faster than ``Token``s)
_Packed = tuple[Document, list[tuple]]


def _pack(doc: Document) -> _Packed:
    """A processed document as a worker sends it back."""
    return dataclasses.replace(doc, tokens=()), [_TOKEN_FIELDS(t) for t in doc.tokens]


def _unpack(packed: _Packed) -> Document:
    """The document a worker sent back."""
    doc, rows = packed
    return dataclasses.replace(doc, tokens=tuple(Token(*row) for row in rows))


def _unpack_batch(packed: list[_Packed]) -> list[Document]:
    """The documents of a batch a worker sent back (the garbage collector paused)."""
    from geomap.pipeline import paused_gc

    with paused_gc():
        return [_unpack(doc) for doc in packed]


def _work(batch: list[Document]) -> list[_Packed]:
    """Process one batch in a worker."""
    assert _WORKER is not None, "worker pipeline not initialised"
    return [_pack(doc) for doc in _WORKER.process_batch(batch)]


def _context() -> mp.context.BaseContext:
    if "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context("spawn")


def process(
    documents: Iterable[Document],
    *,
    jobs: int | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int | None = None,
) -> Iterator[Document]:
    """Yield processed documents (mentions resolved, events extracted) in input order.

    Parameters
    ----------
    documents
        Documents with text; read lazily, a few batches ahead of the output.
    jobs
        Worker processes; all usable cores by default. One runs in this process.
    pipeline
        The pipeline the workers use (forked with it where the platform allows);
        :func:`geomap.pipeline.default_pipeline` by default. Where workers cannot
        be forked they load the default model and the gazetteer of the same
        data directory, and ``fallback`` is not used.
    batch_size
        Documents per task; the NLP batch size by default.

    """
    from geomap.nlp import BATCH_SIZE
    from geomap.pipeline import batched, default_pipeline

    jobs = default_jobs() if jobs is None or jobs < 1 else jobs
    pipeline = pipeline or default_pipeline()
    if jobs == 1:
        yield from pipeline.process(documents)
        return
    global _WORKER
    ctx = _context()
    forked = ctx.get_start_method() == "fork"
    if forked:
        _ = pipeline.analyser  # load it before forking, so the workers share it
        _WORKER = pipeline
    data_dir = getattr(pipeline.gazetteer, "data_dir", None)
    # the garbage collectors never visit what was loaded before: the workers' (they
    # inherit it: less work, and fewer shared memory pages copied because a visit
    # wrote to them) and this process's, until the end of the run
    gc.freeze()
    try:
        pool = ctx.Pool(
            jobs,
            initializer=None if forked else _init_worker,
            initargs=() if forked else (str(data_dir) if data_dir else None,),
        )
    except BaseException:
        gc.unfreeze()
        raise
    finished = False
    try:
        pending: deque = deque()
        for batch in batched(documents, batch_size or BATCH_SIZE):
            pending.append(pool.apply_async(_work, (batch,)))
            while len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                yield from _unpack_batch(pending.popleft().get())
        while pending:
            yield from _unpack_batch(pending.popleft().get())
        finished = True
    finally:
        gc.unfreeze()
        if forked:
            _WORKER = None
        if finished:
            pool.close()
        else:
            pool.terminate()
        pool.join()
