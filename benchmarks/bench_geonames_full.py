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
import bisect
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
#: per class: its codes and their cumulative weights
CODE_CUM = {
    cls: ([c for c, _ in codes], list(itertools.accumulate(w for _, w in codes)))
    for cls, (_, codes) in CLASSES.items()
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


_SHARED: dict = {}


def _setup(rows: int, seed: int) -> None:
    """Make the name vocabulary once, before the part writers fork."""
    import numpy as np

    rng = random.Random(seed)
    vocab = make_vocab(rng, max(1000, rows // 4))
    # Zipf-like reuse: common names ("Mill Creek", "Novoselivka") repeat a lot
    weights = 1.0 / (np.arange(len(vocab)) + 10.0) ** 0.8
    weights /= weights.sum()
    alt_pool = [
        "".join(rng.choice(CYRILLIC) for _ in range(rng.randint(5, 9))) for _ in range(200_000)
    ]
    _SHARED.update(vocab=vocab, weights=weights, alt_pool=alt_pool)


def write_export(path: Path, rows: int, seed: int = 7, parts: int = 4) -> int:
    """Write a synthetic ``allCountries.zip``; return the number of names it holds.

    ``parts`` processes write the rows (a shared machine gives each process a share).
    """
    import multiprocessing as mp

    _setup(rows, seed)
    bounds = [
        (rows * k // parts, rows * (k + 1) // parts, seed + k, str(path)) for k in range(parts)
    ]
    with mp.get_context("fork").Pool(parts) as pool:
        results = pool.starmap(_write_part, bounds)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        with zf.open("allCountries.txt", "w", force_zip64=True) as raw:
            for part, _ in results:
                with open(part, "rb") as fh:
                    shutil.copyfileobj(fh, raw, 1 << 22)
                os.unlink(part)
    os.replace(tmp, path)
    return sum(n for _, n in results)


def _write_part(first: int, stop: int, seed: int, path: str) -> tuple[str, int]:
    import numpy as np

    gen = np.random.default_rng(seed)
    vocab, weights, alt_pool = _SHARED["vocab"], _SHARED["weights"], _SHARED["alt_pool"]
    cls_names = list(CLASSES)
    cls_p = np.asarray([CLASSES[c][0] for c in cls_names])
    cls_p /= cls_p.sum()
    total_names = 0
    batch = 100_000
    part = f"{path}.part{first}"
    with open(part, "wb") as raw:
        for start in range(first, stop, batch):
            n = min(batch, stop - start)
            name_i = gen.choice(len(vocab), size=n, p=weights)
            second = gen.choice(len(vocab), size=n, p=weights)
            cls_i = gen.choice(len(cls_names), size=n, p=cls_p)
            form = gen.random(n)
            lat = gen.uniform(-60, 75, n)
            lon = gen.uniform(-180, 180, n)
            pop = np.where(
                (cls_i == 0) & (gen.random(n) < 0.3), (gen.pareto(1.1, n) + 1) * 100, 0
            ).astype(np.int64)
            n_alt = np.where(gen.random(n) < 0.2, 1 + gen.geometric(0.55, n), 0)
            n_alt = np.minimum(n_alt, 12)
            alt_kind = gen.random(int(n_alt.sum()))
            alt_vocab = gen.choice(len(vocab), size=len(alt_kind), p=weights)
            alt_cyr = gen.integers(0, len(alt_pool), len(alt_kind))
            code_r = gen.random(n)
            cc_i = gen.integers(0, len(COUNTRIES), n)
            a1 = gen.integers(1, 31, n)
            elev = gen.integers(0, 2000, n)
            month = gen.integers(1, 10, n)
            lines = []
            k = 0
            for i in range(n):
                cls = cls_names[cls_i[i]]
                base = vocab[name_i[i]]
                if cls != "P" and form[i] < 0.6:
                    word = GENERIC[len(base) % len(GENERIC)]
                    name = f"{word} {base}" if word in ("Lake", "Mount") else f"{base} {word}"
                elif form[i] > 0.9:
                    name = f"{base}-{vocab[second[i]]}"
                else:
                    name = base
                alts = []
                for _ in range(n_alt[i]):
                    r = alt_kind[k]
                    if r < 0.3:
                        alts.append(alt_pool[alt_cyr[k]])
                    elif r < 0.5:
                        alts.append(name.replace("a", "\u00e1", 1))
                    else:
                        alts.append(vocab[alt_vocab[k]])
                    k += 1
                total_names += 1 + len(alts)
                codes, cum = CODE_CUM[cls]
                code = codes[bisect.bisect(cum, code_r[i] * cum[-1])]
                lines.append(
                    f"{1_000_000 + start + i}\t{name}\t{name}\t{','.join(alts)}\t"
                    f"{lat[i]:.5f}\t{lon[i]:.5f}\t{cls}\t{code}\t{COUNTRIES[cc_i[i]]}\t\t"
                    f"{a1[i]:02d}\t\t\t\t{pop[i]}\t\t{elev[i]}\tEtc/UTC\t2024-0{month[i]}-15\n"
                )
            raw.write("".join(lines).encode("utf-8"))
    return part, total_names


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
