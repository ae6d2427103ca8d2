"""Benchmark an index built from a GeoNames export the size of ``allCountries``.

Writes a synthetic ``allCountries.zip`` (the 19 tab-separated columns of GeoNames'
geoname table, no header; feature classes, codes, populations and alternate names
drawn to resemble the real file), builds the index from it with
``geomap gazetteer build --geonames`` in a child process, and prints the build's
wall time, its peak memory (resident memory of the build process and its workers,
summed, sampled every 0.2 s), the load time of the index in a fresh process and
the median lookup time.

Usage::

    python benchmarks/bench_geonames_full.py                 # full size (~13M names)
    python benchmarks/bench_geonames_full.py --quick         # 200,000 rows, a smoke test
    python benchmarks/bench_geonames_full.py --rows N --work DIR --jobs 2 --keep

The export and the index go to ``--work`` (default: a temporary directory, removed
at the end unless ``--keep``); the export is reused when it is already there.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# allCountries' feature classes (shares of about 12.4M rows) and a few codes each
CLASSES = {
    "P": (0.38, [("PPL", 0.90), ("PPLX", 0.05), ("PPLA4", 0.02), ("PPLA3", 0.02), ("PPLL", 0.01)]),
    "H": (
        0.19,
        [
            ("STM", 0.55),
            ("LK", 0.15),
            ("SPNG", 0.08),
            ("RSV", 0.07),
            ("CNL", 0.05),
            ("BAY", 0.05),
            ("WLL", 0.05),
        ],
    ),  # fmt: skip
    "T": (
        0.16,
        [("MT", 0.35), ("HLL", 0.30), ("ISL", 0.10), ("PK", 0.10), ("VAL", 0.10), ("PEN", 0.05)],
    ),  # fmt: skip
    "S": (
        0.13,
        [
            ("CH", 0.25),
            ("SCH", 0.25),
            ("FRM", 0.15),
            ("HTL", 0.15),
            ("AIRP", 0.05),
            ("RSTN", 0.10),
            ("CMP", 0.05),
        ],
    ),  # fmt: skip
    "L": (0.05, [("LCTY", 0.5), ("AREA", 0.3), ("PRK", 0.2)]),
    "A": (0.04, [("ADM4", 0.5), ("ADM3", 0.35), ("ADM2", 0.12), ("ADMD", 0.03)]),
    "V": (0.03, [("FRST", 0.8), ("GRSLD", 0.2)]),
    "R": (0.015, [("RD", 0.7), ("TRL", 0.3)]),
    "U": (0.005, [("SMU", 1.0)]),
}
GENERIC = ["Creek", "River", "Hill", "Lake", "Mount", "Church", "School", "Farm", "Park"]
SYLLABLES = (
    "ka ri an el mo sa to ve lin dor bur gan ham ton vil ber ko sk ov ev iy no ra ta mi "
    "su de la po ne zu ar ol us im ek ul"
).split()
CYRILLIC = "абвгдежзиклмнопрстуфхцчшщюя"
COUNTRIES = "US CN IN RU BR ID MX FR DE UA NL AF SY NG KE ML SO YE PK IQ".split()


def make_vocab(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        n = rng.choice((2, 3, 3, 4, 4, 5))
        words.add("".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize())
    return sorted(words)


def write_export(path: Path, rows: int, seed: int = 7) -> int:
    """Write a synthetic ``allCountries.zip``; return the number of names it holds."""
    rng = random.Random(seed)
    vocab = make_vocab(rng, max(1000, rows // 4))
    # Zipf-like reuse: common names ("Mill Creek", "Novoselivka") repeat a lot
    weights = list(itertools.accumulate(1.0 / (i + 10) ** 0.8 for i in range(len(vocab))))
    codes = {cls: ([c for c, _ in cs], [w for _, w in cs]) for cls, (_, cs) in CLASSES.items()}
    cls_names = list(CLASSES)
    cls_weights = [CLASSES[c][0] for c in cls_names]
    total_names = 0
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("allCountries.txt", "w", force_zip64=True) as raw:
            buf: list[str] = []
            batch = 20_000
            for start in range(0, rows, batch):
                n = min(batch, rows - start)
                picks = rng.choices(vocab, cum_weights=weights, k=n * 2)
                classes = rng.choices(cls_names, weights=cls_weights, k=n)
                for i in range(n):
                    gid = 1_000_000 + start + i
                    cls = classes[i]
                    code = rng.choices(*codes[cls])[0]
                    base = picks[2 * i]
                    if cls != "P" and rng.random() < 0.6:
                        word = GENERIC[len(base) % len(GENERIC)]
                        name = f"{word} {base}" if word in ("Lake", "Mount") else f"{base} {word}"
                    elif rng.random() < 0.1:
                        name = f"{base}-{picks[2 * i + 1]}"
                    else:
                        name = base
                    alts: list[str] = []
                    r = rng.random()
                    if r < 0.2:
                        k = 1 + int(rng.expovariate(1.2))
                        for _ in range(min(k, 12)):
                            form = rng.random()
                            if form < 0.3:
                                alts.append("".join(rng.choice(CYRILLIC) for _ in range(7)))
                            elif form < 0.5:
                                alts.append(name.replace("a", "á", 1))
                            else:
                                alts.append(rng.choice(vocab))
                    total_names += 1 + len(alts)
                    pop = 0
                    if cls == "P":
                        pop = int(rng.paretovariate(1.1) * 100) if rng.random() < 0.3 else 0
                    lat = rng.uniform(-60, 75)
                    lon = rng.uniform(-180, 180)
                    cc = rng.choice(COUNTRIES)
                    buf.append(
                        f"{gid}\t{name}\t{name}\t{','.join(alts)}\t{lat:.5f}\t{lon:.5f}\t{cls}\t"
                        f"{code}\t{cc}\t\t{rng.randint(1, 30):02d}\t\t\t\t{pop}\t\t"
                        f"{rng.randint(0, 2000)}\tEtc/UTC\t"
                        f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
                    )
                raw.write("".join(buf).encode("utf-8"))
                buf.clear()
    os.replace(tmp, path)
    return total_names


def tree_rss(pid: int) -> tuple[int, int]:
    """Resident memory (bytes) of a process and all its descendants, and of the largest."""
    total = largest = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) * 1024
                    total += rss
                    largest = max(largest, rss)
            for task in Path(f"/proc/{p}/task").iterdir():
                kids = (task / "children").read_text().split()
                todo.extend(int(k) for k in kids)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total, largest


def run_build(export: Path, data_dir: Path, jobs: int) -> tuple[float, int, int]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), GEOMAP_DATA_DIR=str(data_dir))
    cmd = [sys.executable, "-m", "geomap", "gazetteer", "build", "--geonames", str(export)]
    cmd += ["--jobs", str(jobs), "--quiet", "--data-dir", str(data_dir)]
    peak = [0, 0]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env)

    def sample() -> None:
        while proc.poll() is None:
            total, largest = tree_rss(proc.pid)
            peak[0] = max(peak[0], total)
            peak[1] = max(peak[1], largest)
            time.sleep(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    proc.wait()
    wall = time.perf_counter() - t0
    thread.join()
    if proc.returncode:
        raise SystemExit(f"build failed with status {proc.returncode}")
    return wall, peak[0], peak[1]


PROBE = r"""
import json, random, statistics, sys, time
t0 = time.perf_counter()
from geomap.gazetteer.geonames import GeoNamesGazetteer
g = GeoNamesGazetteer(sys.argv[1])
load = time.perf_counter() - t0
rng = random.Random(1)
keys = [bytes(g._keys[g._key_off[i]:g._key_off[i + 1]]).decode()
        for i in rng.sample(range(len(g._key_hash)), 3000)]
names = [g._place(r).name for r in rng.sample(range(len(g)), 3000)]
g._cache.clear()
out = {"load_s": load, "rows": len(g), "n_keys": len(g._key_hash)}
for label, qs in (("keys", keys), ("names", names)):
    ts = []
    for q in qs:
        t = time.perf_counter_ns(); g.lookup(q); ts.append(time.perf_counter_ns() - t)
    ts.sort()
    out[label] = {"median_us": statistics.median(ts) / 1e3, "p99_us": ts[int(0.99 * len(ts))] / 1e3}
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--quick", action="store_true", help="200,000 rows")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    rows = 200_000 if args.quick else args.rows
    work = args.work or Path(tempfile.mkdtemp(prefix="geomap-full-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / f"allCountries-{rows}.zip"
    data_dir = work / "data"
    try:
        t0 = time.perf_counter()
        names_file = export.with_suffix(".names")
        if not export.exists():
            names = write_export(export, rows)
            names_file.write_text(str(names))
        names = int(names_file.read_text()) if names_file.exists() else -1
        print(
            f"export: {export} ({export.stat().st_size / 1e6:.0f} MB zipped, {rows:,} rows, "
            f"{names:,} names; {time.perf_counter() - t0:.0f} s)",
            flush=True,
        )
        if data_dir.exists():
            full = data_dir / "geonames-full.npz"
            full.unlink(missing_ok=True)
        # the embedded index first (built once; not part of the build time)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        subprocess.run(
            [sys.executable, "-m", "geomap", "gazetteer", "info", "--data-dir", str(data_dir)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        code = "from geomap.gazetteer import build_index; import sys; build_index(sys.argv[1])"
        subprocess.run([sys.executable, "-c", code, str(data_dir)], env=env, check=True)
        wall, peak_tree, peak_one = run_build(export, data_dir, args.jobs)
        size = (data_dir / "geonames-full.npz").stat().st_size
        probe = subprocess.run(
            [sys.executable, "-c", PROBE, str(data_dir)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        stats = json.loads(probe.stdout)
        print(f"build (--jobs {args.jobs}, wall):  {wall / 60:6.2f} min ({wall:.0f} s)")
        print(f"peak memory (build + workers): {peak_tree / 2**30:6.2f} GiB (RSS summed)")
        print(f"peak RSS of one process:       {peak_one / 2**30:6.2f} GiB")
        print(f"index on disk:                 {size / 2**30:6.2f} GiB")
        print(f"rows / names (keys):           {stats['rows']:,} / {stats['n_keys']:,}")
        print(f"load (fresh process):          {stats['load_s']:6.3f} s")
        for label in ("keys", "names"):
            s = stats[label]
            print(
                f"lookup ({label}, n=3000):        median {s['median_us']:.1f} µs, "
                f"p99 {s['p99_us']:.1f} µs"
            )
        print(f"load average after: {os.getloadavg()}")
    finally:
        if args.work is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
