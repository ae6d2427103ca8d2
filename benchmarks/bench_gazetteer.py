"""Benchmark the embedded GeoNames gazetteer: build, load, memory, size, lookup speed, coverage.

Usage: ``python benchmarks/bench_gazetteer.py [--data-dir DIR] [--n 3000]``. Without
``--data-dir`` the first build goes to a fresh temporary directory (removed at the end).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LGL = ROOT.parent / "shared" / "eval" / "geoparsing" / "lgl.jsonl"
GEOCORPORA = LGL.with_name("geocorpora.jsonl")


def rss_mb() -> float:
    """Current resident set size of this process in MB (Linux /proc, else ru_maxrss)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def coverage(path: Path, gazetteer) -> str:
    if not path.exists():
        return f"{path.name}: skipped (file not found: {path})"
    total = found = 0
    missing: dict[int, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            for top in json.loads(line).get("toponyms", []):
                gid = top.get("geonameid")
                if gid is None:
                    continue
                total += 1
                if gazetteer.get(int(gid)) is not None:
                    found += 1
                else:
                    missing.setdefault(int(gid), top.get("name", ""))
    if not total:
        return f"{path.name}: no toponyms with a geonameid"
    some = ", ".join(f"{n} ({g})" for g, n in list(missing.items())[:8])
    return (
        f"{path.name}: {found}/{total} toponyms with a geonameid are in the gazetteer "
        f"({100 * found / total:.1f} %); {len(missing)} distinct ids missing, e.g. {some}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--n", type=int, default=3000, help="number of names to look up")
    args = parser.parse_args()
    tmp = None
    data_dir = args.data_dir
    if data_dir is None:
        tmp = tempfile.mkdtemp(prefix="geomap-bench-")
        data_dir = Path(tmp)
    try:
        run(data_dir, args.n)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def run(data_dir: Path, n: int) -> None:
    # first build, in a child process so that its garbage does not inflate our RSS
    code = (
        "import sys; from geomap.gazetteer import build_index; build_index(sys.argv[1], force=True)"
    )
    import resource

    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(data_dir)], check=True)
    build_s = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    build_cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)

    from geomap.gazetteer import index_info, load_gazetteer, normalize_name

    info = index_info(data_dir)
    rss0 = rss_mb()
    c0 = time.process_time()
    t0 = time.perf_counter()
    gaz = load_gazetteer(data_dir=data_dir)
    load_s = time.perf_counter() - t0
    load_cpu = time.process_time() - c0
    rss1 = rss_mb()

    print(
        f"first build (subprocess, wall): {build_s:6.2f} s   (in-build timer "
        f"{info['build_seconds']} s; CPU {build_cpu:.2f} s, peak RSS "
        f"{cpu1.ru_maxrss / 1024:.0f} MB)"
    )
    print(f"load:                           {load_s:6.3f} s  (CPU {load_cpu:.3f} s)")
    print(
        f"resident memory after load:     {rss1:6.1f} MB  (+{rss1 - rss0:.1f} MB for the "
        f"gazetteer; process before load {rss0:.1f} MB)"
    )
    print(f"index on disk:                  {info['size_bytes'] / 1e6:6.1f} MB  ({info['path']})")
    print(f"entries: {info['counts']}")
    print(f"max words in a key: {info['max_key_words']} (max_name_words = {gaz.max_name_words})")

    rng = random.Random(42)
    rows = rng.sample(range(len(gaz)), n)
    names = [gaz._place(r).name for r in rows]  # display names, as in text
    keys_blob, key_off = gaz._keys, gaz._key_off
    alt = [
        keys_blob[key_off[i] : key_off[i + 1]].decode()
        for i in rng.sample(range(len(gaz._key_hash)), n)
    ]
    gaz._cache.clear()
    for label, queries in (("names of random places", names), ("random index keys", alt)):
        times, cpu = [], []
        for q in queries:
            c = time.thread_time_ns()
            t = time.perf_counter_ns()
            gaz.lookup(q)
            times.append(time.perf_counter_ns() - t)
            cpu.append(time.thread_time_ns() - c)
        times.sort()
        p99 = times[int(0.99 * (len(times) - 1))]
        print(
            f"lookup ({label}, n={len(times)}): median {statistics.median(times) / 1e3:.1f} µs,"
            f" p99 {p99 / 1e3:.1f} µs, max {times[-1] / 1e3:.0f} µs; CPU median "
            f"{statistics.median(cpu) / 1e3:.1f} µs (a loaded machine inflates the wall times)"
        )
    times = []
    for q in alt:
        k = normalize_name(q)
        t = time.perf_counter_ns()
        gaz.has_key(k)
        times.append(time.perf_counter_ns() - t)
    times.sort()
    print(
        f"has_key: median {statistics.median(times) / 1e3:.1f} µs, "
        f"p99 {times[int(0.99 * (len(times) - 1))] / 1e3:.1f} µs"
    )
    print(coverage(LGL, gaz))
    print(coverage(GEOCORPORA, gaz))


if __name__ == "__main__":
    main()
