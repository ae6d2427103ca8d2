"""Throughput of the whole pipeline on LGL, against spaCy's own pipeline on the same texts.

Prints documents/second (wall clock and per CPU-second), words/second, peak resident
memory and cold-start time, for the full geomap pipeline, for ``nlp.pipe`` alone (the
whole spaCy small pipeline, as spaCy loads it: thinc's blis matrix products), for
spaCy's NER alone, and for the NER alone with the matrix products geomap uses
(numpy's BLAS on one thread, see ``geomap.nlp.load_nlp``), on one core; then geomap
with ``--jobs`` worker processes, with the memory the workers share.

Usage: ``python benchmarks/bench_pipeline.py [--corpus PATH] [--docs N] [--repeat K]
[--jobs J] [--modes spacy,ner,ner-numpy,geomap,parallel] [--max-seconds S]`` (default corpus:
../shared/eval/geoparsing/lgl.jsonl; repeat > 1 makes a larger corpus by repeating it;
``--max-seconds`` stops a mode after S seconds and reports what it processed, for the
memory of very long runs).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "geoparsing" / "lgl.jsonl"


def peak_rss_mb() -> float:
    """Return the peak resident set size of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_texts(path: Path, docs: int | None, repeat: int) -> list[str]:
    """Return the texts of a JSONL corpus, repeated ``repeat`` times, cut to ``docs``."""
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    texts = texts * repeat
    return texts[:docs] if docs else texts


def stream_texts(path: Path, docs: int | None, repeat: int):
    """Yield the texts of a JSONL corpus ``repeat`` times over, up to ``docs``, lazily."""
    count = 0
    for _ in range(repeat):
        with path.open(encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                if docs and count >= docs:
                    return
                count += 1
                yield json.loads(line)["text"]


def memory_of(pid: int) -> dict[str, float]:
    """Return RSS, PSS and USS (MB) of a process from /proc (Linux), or {} elsewhere."""
    out = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                    out[key] = int(rest.split()[0]) / 1024
    except OSError:
        return {}
    return {
        "rss_mb": round(out.get("Rss", 0)),
        "pss_mb": round(out.get("Pss", 0)),
        "uss_mb": round(out.get("Private_Clean", 0) + out.get("Private_Dirty", 0)),
    }


def cold_start() -> float:
    """Return seconds to import geomap and load the gazetteer and the model in a new process."""
    code = (
        "import time; t=time.perf_counter(); import geomap;"
        "from geomap.pipeline import Pipeline; Pipeline();"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def run(mode: str, texts, *, jobs: int = 1, max_seconds: float | None = None) -> None:
    """Time one mode in this process and print a JSON line."""
    import contextlib
    import multiprocessing as mp
    import threading

    import spacy

    from geomap.model import Document
    from geomap.nlp import BATCH_SIZE, MODEL_NAMES, load_nlp, one_blas_thread

    if mode in ("spacy", "ner"):
        # spaCy as it loads itself (blis), the model geomap would load
        nlp = spacy.load(next(n for n in MODEL_NAMES if spacy.util.is_package(n)))
    else:
        nlp = load_nlp()
    words = docs = events = 0
    workers: dict[int, dict[str, float]] = {}
    start = time.perf_counter()
    cpu = time.process_time()
    deadline = start + max_seconds if max_seconds else None

    def counted(stream):
        nonlocal words, docs
        for text in stream:
            if deadline and time.perf_counter() > deadline:
                return
            words += len(text.split())
            docs += 1
            yield text

    if mode in ("spacy", "ner", "ner-numpy"):
        disable = [n for n in nlp.pipe_names if n != "ner"] if mode != "spacy" else []
        blas = one_blas_thread() if mode == "ner-numpy" else contextlib.nullcontext()
        with nlp.select_pipes(disable=disable), blas:
            for _ in nlp.pipe(counted(texts), batch_size=BATCH_SIZE):
                pass
    else:
        from geomap.pipeline import Pipeline

        pipeline = Pipeline(nlp=nlp)
        stream = (Document(doc_id=str(i), text=t) for i, t in enumerate(counted(texts)))
        sampled = threading.Event()

        def sample() -> None:  # the workers' memory, once they are busy
            while not sampled.wait(1):
                for child in mp.active_children():
                    got = memory_of(child.pid)
                    if got and got["rss_mb"] > workers.get(child.pid, {}).get("rss_mb", 0):
                        workers[child.pid] = got

        threading.Thread(target=sample, daemon=True).start()
        for doc in pipeline.process(stream, jobs=jobs):
            events += len(doc.events)
        sampled.set()
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu
    result = {
        "mode": mode if jobs == 1 else f"{mode} --jobs {jobs}",
        "docs": docs,
        "seconds": round(elapsed, 2),
        "docs_per_s": round(docs / elapsed, 1),
        "docs_per_cpu_s": round(docs / cpu, 1) if jobs == 1 else None,
        "words_per_s": round(words / elapsed),
        "peak_rss_mb": round(peak_rss_mb()),
        "events": events,
    }
    if workers:
        result["workers"] = list(workers.values())
    print(json.dumps(result))


def main() -> None:
    """Run each mode in a fresh single-threaded process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--docs", type=int)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--modes", default="spacy,ner,ner-numpy,geomap,parallel")
    parser.add_argument("--max-seconds", type=float)
    parser.add_argument(
        "--mode", choices=["spacy", "ner", "ner-numpy", "geomap"], help=argparse.SUPPRESS
    )
    parser.add_argument("--mode-jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    texts = stream_texts(args.corpus, args.docs, args.repeat)
    if args.mode:
        run(args.mode, texts, jobs=args.mode_jobs, max_seconds=args.max_seconds)
        return
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    results = {}
    for mode in args.modes.split(","):
        jobs = args.jobs if mode == "parallel" else 1
        cmd = [sys.executable, __file__, "--corpus", str(args.corpus)]
        cmd += ["--repeat", str(args.repeat), "--mode", "geomap" if jobs > 1 else mode]
        cmd += ["--mode-jobs", str(jobs)]
        if args.docs:
            cmd += ["--docs", str(args.docs)]
        if args.max_seconds:
            cmd += ["--max-seconds", str(args.max_seconds)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"corpus: {args.corpus.name} x{args.repeat}, one core unless --jobs")
    header = ("mode", "docs", "docs/s", "docs/cpu-s", "words/s", "peak MB", "seconds")
    print("{:18} {:>7} {:>7} {:>10} {:>8} {:>8} {:>8}".format(*header))
    for r in results.values():
        row = (r["mode"], r["docs"], r["docs_per_s"], r["docs_per_cpu_s"] or "-")
        row += (r["words_per_s"], r["peak_rss_mb"], r["seconds"])
        print("{:18} {:>7} {:>7} {:>10} {:>8} {:>8} {:>8}".format(*row))
        for w in r.get("workers", []):
            print(f"  worker: RSS {w['rss_mb']} MB, PSS {w['pss_mb']} MB, private {w['uss_mb']} MB")
    if "geomap" in results and "spacy" in results:
        ratio = results["geomap"]["docs_per_s"] / results["spacy"]["docs_per_s"]
        print(f"geomap / spaCy alone: {ratio:.2f}")
    if "geomap" in results and "ner-numpy" in results:
        ratio = results["geomap"]["docs_per_s"] / results["ner-numpy"]["docs_per_s"]
        print(f"geomap / the NER alone with the same matrix products: {ratio:.2f}")
    if "geomap" in results and "parallel" in results:
        speedup = results["parallel"]["docs_per_s"] / results["geomap"]["docs_per_s"]
        print(f"--jobs {args.jobs} / --jobs 1: {speedup:.2f}")
    print(f"cold start (import + gazetteer + model): {cold_start():.2f} s")


if __name__ == "__main__":
    main()
