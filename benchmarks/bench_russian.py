"""Throughput of the pipeline on Russian documents, on one core.

Reads our Russian reports (``tests/data/ru_reports.jsonl``) and the Russian
translation of the example article (``tests/data/kazakhstan-2022-01-08.ru.txt``),
repeats them to ``--docs`` documents, and prints documents/second (wall clock and
per CPU-second), characters/second and the share of time in each stage: the
natasha NER, razdel + pymorphy3, the parse of trigger sentences, recognition,
resolution and events. Models load before the clock starts (their load time is
printed apart).

Usage: ``python benchmarks/bench_russian.py [--docs N] [--article-share F]``
(default 600 documents, of which 10 % are the article, about 5,800 characters
each; the reports are 150-300 characters).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def documents(count: int, article_share: float) -> list:
    """``count`` Russian documents: the reports and the article, repeated."""
    import datetime as dt

    from geomap.model import Document

    reports = [json.loads(line) for line in (DATA / "ru_reports.jsonl").open(encoding="utf-8")]
    article = (DATA / "kazakhstan-2022-01-08.ru.txt").read_text(encoding="utf-8")
    article = article.split(" ", 2)[2]  # without the dateline
    every = max(1, round(1 / article_share)) if article_share > 0 else 0
    out = []
    for k in range(count):
        if every and k % every == 0:
            out.append(Document(f"article-{k}", article, date=dt.date(2022, 1, 8)))
        else:
            r = reports[k % len(reports)]
            out.append(Document(f"{r['id']}-{k}", r["text"], date=dt.date.fromisoformat(r["date"])))
    return out


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=600)
    parser.add_argument("--article-share", type=float, default=0.1)
    args = parser.parse_args()

    from geomap import cyrillic
    from geomap import resolve as res
    from geomap import toponyms_ru as top
    from geomap.events import russian as ev
    from geomap.pipeline import Pipeline

    t0 = time.perf_counter()
    pipeline = Pipeline()
    cyrillic.analyser()._load()
    load = time.perf_counter() - t0
    docs = documents(args.docs, args.article_share)
    chars = sum(len(d.text) for d in docs)
    pipeline.process_batch(docs[:8])  # warm the caches of the first words

    stages = {"annotate": 0.0, "recognise": 0.0, "resolve": 0.0, "events": 0.0}

    def timed(name, fn):
        def wrapper(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                stages[name] += time.process_time() - t

        return wrapper

    analyser = cyrillic.analyser()
    analyser.annotate = timed("annotate", analyser.annotate)
    top.recognise_ru = timed("recognise", top.recognise_ru)
    res.resolve = timed("resolve", res.resolve)
    ev.extract_events_ru = timed("events", ev.extract_events_ru)

    wall, cpu = time.perf_counter(), time.process_time()
    events = sum(len(d.events) for d in pipeline.process(docs))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"Russian documents: {len(docs)} ({chars:,} characters), {events} events")
    print(f"models and gazetteer load: {load:.1f} s")
    print(
        f"one core: {len(docs) / wall:.1f} docs/s wall, {len(docs) / cpu:.1f} docs/CPU-s, "
        f"{chars / cpu:,.0f} chars/CPU-s"
    )
    for name, seconds in stages.items():
        print(f"  {name:<10} {seconds:6.2f} CPU-s ({seconds / cpu:5.1%})")


if __name__ == "__main__":
    main()
