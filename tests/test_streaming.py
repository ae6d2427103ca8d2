"""Streaming: documents are read, processed and written in batches; memory stays flat."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

#: a child process that writes N generated documents to a JSONL file, then streams
#: them through read -> process -> write, and prints its peak resident memory (MB)
CHILD = textwrap.dedent(
    """
    import itertools, json, resource, sys
    from pathlib import Path
    from geomap.ingest import read_documents
    from geomap.pipeline import Pipeline

    n, folder = int(sys.argv[1]), Path(sys.argv[2])
    places = ["Almaty", "Kabul", "Lagos", "Aleppo", "Karachi", "Nairobi", "Mosul", "Dhaka"]
    words = ("the council met again and residents said that prices of bread and fuel "
             "rose sharply during the winter while schools stayed open").split()
    src = folder / f"in-{n}.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for k in range(n):
            a, b = places[k % 8], places[(k * 3 + 1) % 8]
            filler = " ".join(words[(k + i) % len(words)] for i in range(60))
            text = (f"Police arrested protesters in {a} after a rally. {filler.capitalize()}. "
                    f"An explosion hit a market in {b}, witnesses said. {filler.capitalize()}.")
            f.write(json.dumps({"id": f"d{k}", "text": text, "date": "2022-01-05"}) + "\\n")
    pipeline = Pipeline()
    count = events = 0
    with (folder / f"out-{n}.jsonl").open("w", encoding="utf-8") as out:
        for doc in pipeline.process(read_documents([src])):
            count += 1
            events += len(doc.events)
            out.write(json.dumps({"id": doc.doc_id, "events": len(doc.events)}) + "\\n")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"docs": count, "events": events, "peak_mb": peak}))
    """
)


def _run(n: int, folder) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(n), str(folder)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_memory_does_not_grow_with_the_number_of_documents(tmp_path):
    small, large = _run(150, tmp_path), _run(1500, tmp_path)
    assert small["docs"] == 150 and large["docs"] == 1500
    assert large["events"] >= 1500  # every document was really processed
    # Keeping the processed documents costs about 55 kB each (some 70 MB more
    # for the large run); streaming keeps the peak within a few MB of the small run.
    per_doc_kb = (large["peak_mb"] - small["peak_mb"]) * 1024 / (1500 - 150)
    assert per_doc_kb < 8, (small, large)
