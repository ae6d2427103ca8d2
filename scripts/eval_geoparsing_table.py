"""Measure geoparsing on every corpus in ../shared/eval/geoparsing and update README.md.

Rewrites only the lines between ``<!-- eval:geoparsing:start -->`` and
``<!-- eval:geoparsing:end -->`` with a table of the scores, the date and the command.
Run from anywhere: ``.venv/bin/python scripts/eval_geoparsing_table.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA_DIR = ROOT.parent / "shared" / "eval" / "geoparsing"
CORPORA = ("lgl", "geovirus", "geocorpora", "tudloc2013")
START, END = "<!-- eval:geoparsing:start -->", "<!-- eval:geoparsing:end -->"


def _f(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def table(results: list[dict]) -> list[str]:
    """Return the Markdown table lines for a list of :func:`run` results."""
    lines = [
        "| corpus | docs | gold toponyms | annotates | P | R | F1 exact | F1 overlap "
        "| acc@161 resolution | GeoNames id resolution | acc@161 end-to-end "
        "| GeoNames id end-to-end | mean / median km | AUC |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        kinds = ", ".join(r["counted_kinds"])
        lines.append(
            f"| {r['corpus']} | {r['n_docs']:,} | {r['n_gold']:,} | {kinds} "
            f"| {_f(r['precision'])} | {_f(r['recall'])} | {_f(r['f1'])} "
            f"| {_f(r['overlap_f1'])} | {_f(r['acc161_resolution'])} "
            f"| {_f(r['geonameid_accuracy'])} | {_f(r['acc161_end_to_end'])} "
            f"| {_f(r.get('geonameid_accuracy_end_to_end'))} "
            f"| {_f(r['mean_error_km'], 0)} / {_f(r['median_error_km'], 0)} | {_f(r['auc'])} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Evaluate each corpus present and rewrite the README section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="documents per corpus (default: all)")
    parser.add_argument(
        "--corpora",
        type=Path,
        default=CORPORA_DIR,
        help="the folder of the corpora (default: ../shared/eval/geoparsing)",
    )
    args = parser.parse_args(argv)

    from geomap.evaluate.geoparsing import run
    from geomap.pipeline import Pipeline

    pipeline = Pipeline()
    results = []
    for name in CORPORA:
        path = args.corpora / f"{name}.jsonl"
        if path.exists():
            results.append(run(path, limit=args.limit, pipeline=pipeline))
            print(f"{name}: F1 {results[-1]['f1']:.3f}", flush=True)
    if not results:
        print(f"no corpus found in {args.corpora}")
        return 1
    limit = f" --limit {args.limit}" if args.limit else ""
    body = [
        f"Measured on {dt.date.today().isoformat()} with "
        f"`.venv/bin/python scripts/eval_geoparsing_table.py{limit}` "
        "(each corpus: `geomap evaluate geoparsing ../shared/eval/geoparsing/NAME.jsonl`).",
        "Recognition counts mentions of the kinds each corpus annotates (the `annotates` "
        "column: each corpus' convention, `--annotates` to set another; LGL also counts "
        "demonyms and place names inside organisation names); resolution uses the gold "
        "spans; GeoNames id columns are the share of gold toponyms with an id resolved to "
        "that id (GeoVirus gives none), beside acc@161 because two sources' points for one "
        "large area can lie hundreds of kilometres apart; AUC is Gritta et al.'s (2018) "
        "area under the log error curve (lower is better).",
        "",
        *table(results),
    ]
    readme = ROOT / "README.md"
    lines = readme.read_text(encoding="utf-8").splitlines(keepends=True)
    begin = next(k for k, line in enumerate(lines) if line.strip() == START)
    end = next(k for k, line in enumerate(lines) if line.strip() == END)
    lines[begin + 1 : end] = [line + "\n" for line in body]
    readme.write_text("".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
