"""Throughput of the whole pipeline on LGL, against spaCy's own pipeline on the same texts.

Prints documents/second, words/second, peak resident memory and cold-start time, for the
full geomap pipeline and for ``nlp.pipe`` alone (the floor geomap builds on), on one core.

Usage: ``python benchmarks/bench_pipeline.py [--corpus PATH] [--docs N] [--repeat K]``
(default corpus: ../shared/eval/geoparsing/lgl.jsonl; repeat > 1 makes a larger corpus
by repeating it).
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


def cold_start() -> float:
    """Return seconds to import geomap and load the gazetteer and the model in a new process."""
    code = (
        "import time; t=time.perf_counter(); import geomap;"
        "from geomap.pipeline import Pipeline; Pipeline();"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def run(mode: str, texts: list[str]) -> None:
    """Time one mode in this process and print a JSON line."""
    from geomap.model import Document
    from geomap.nlp import BATCH_SIZE, load_nlp

    nlp = load_nlp()
    words = sum(len(t.split()) for t in texts)
    if mode == "spacy":
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
    else:
        from geomap.pipeline import Pipeline

        pipeline = Pipeline(nlp=nlp)
        docs = (Document(doc_id=str(i), text=t) for i, t in enumerate(texts))
        start = time.perf_counter()
        events = 0
        for doc in pipeline.process(docs):
            events += len(doc.events)
    elapsed = time.perf_counter() - start
    print(
        json.dumps(
            {
                "mode": mode,
                "docs": len(texts),
                "seconds": round(elapsed, 2),
                "docs_per_s": round(len(texts) / elapsed, 1),
                "words_per_s": round(words / elapsed),
                "peak_rss_mb": round(peak_rss_mb()),
            }
        )
    )


def main() -> None:
    """Run each mode in a fresh single-threaded process and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--docs", type=int)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--mode", choices=["spacy", "geomap"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    texts = load_texts(args.corpus, args.docs, args.repeat)
    if args.mode:
        run(args.mode, texts)
        return
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    results = {}
    for mode in ("spacy", "geomap"):
        cmd = [
            sys.executable,
            __file__,
            "--corpus",
            str(args.corpus),
            "--repeat",
            str(args.repeat),
            "--mode",
            mode,
        ]
        if args.docs:
            cmd += ["--docs", str(args.docs)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env)
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"corpus: {args.corpus.name} x{args.repeat}, {len(texts)} documents, one core")
    print(f"{'mode':8} {'docs/s':>8} {'words/s':>9} {'peak MB':>8} {'seconds':>8}")
    for mode, r in results.items():
        row = (mode, r["docs_per_s"], r["words_per_s"], r["peak_rss_mb"], r["seconds"])
        print("{:8} {:8} {:9} {:8} {:8}".format(*row))
    ratio = results["geomap"]["docs_per_s"] / results["spacy"]["docs_per_s"]
    print(f"geomap / spaCy alone: {ratio:.2f}")
    print(f"cold start (import + gazetteer + model): {cold_start():.2f} s")


if __name__ == "__main__":
    main()
