"""Train the event-location linker model (``geomap/events/linker.json``).

Usage: ``python scripts/train_linker.py --corpus PATH [--cache FILE] [--out FILE]``.

The training rows are the non-gold rows of the Halterman (2019) corpus
(``event_location_halterman2019.jsonl``): rows of the re-annotated ``gold_relabel`` set,
and every row whose sentence is one of theirs, are left out, so that the gold rows stay a
test set (``geomap evaluate event-locations``); so is the under-annotated ``Masdar_RA``
batch. Each (trigger, place mention) pair of a training sentence is one example,
labelled by whether the mention's name overlaps a gold place span of the row. A
logistic regression (Newton's method, L2) learns the weights; the two thresholds of
:mod:`geomap.events.linker` (add a place the rules left out, drop one they chose) are
chosen by 5-fold cross-validation over sentences, maximising token F1. The feature
table can be cached (``--cache``) to retrain without reprocessing.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "eval" / "events" / "event_location_halterman2019.jsonl"
SKIP_BATCHES = frozenset({"Masdar_RA"})


def training_rows(path: Path) -> list[dict]:
    """The rows to learn from: not gold, not sharing a sentence with a gold row."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    gold_texts = {r["text"] for r in rows if r.get("gold_relabel")}
    return [
        r
        for r in rows
        if not r.get("gold_relabel")
        and r["text"] not in gold_texts
        and r.get("source") not in SKIP_BATCHES
        and r.get("verbs")
    ]


def extract(rows: list[dict]) -> list[dict]:
    """One record per (row, verb): the pairs' features, labels and spans."""
    from geomap.evaluate.events import name_span, span_tokens
    from geomap.events._syntax import token_range
    from geomap.events.lexicon import match_triggers
    from geomap.events.linker import pair_features
    from geomap.events.locate import Locator, governor_of, link_trigger, sentence_places
    from geomap.model import Document
    from geomap.pipeline import Pipeline

    pipeline = Pipeline(parse_all=True)
    texts = list(dict.fromkeys(r["text"] for r in rows))
    docs = dict(
        zip(
            texts,
            pipeline.process(Document(doc_id=str(k), text=t) for k, t in enumerate(texts)),
            strict=True,
        )
    )
    out = []
    for row in rows:
        doc = docs[row["text"]]
        locator = Locator(doc)
        gold = [(s["start"], s["end"]) for s in row.get("locations") or []]
        gold_tokens = span_tokens(doc.text, gold)
        for verb in row["verbs"]:
            first, stop = token_range(doc, verb["start"], verb["end"])
            if stop <= first:
                continue
            span = range(first, stop)
            head = next((i for i in span if doc.tokens[i].pos in ("VERB", "NOUN")), first)
            governor = governor_of(locator.parse, head)
            sent = doc.tokens[first].sent
            others = frozenset(
                i
                for f in match_triggers([t for t in doc.tokens if t.sent == sent])
                if not (f.start < stop and first < f.end)
                for i in range(f.start, f.end)
            )
            ranked = locator.candidates(span, governor, others=others, resolved_only=False)
            links = link_trigger(
                doc, verb["start"], verb["end"], resolved_only=False, locator=locator,
                others=others, learned=False,
            )  # fmt: skip
            pairs = []
            for k in sentence_places(locator, span, resolved_only=False):
                m = locator.mentions[k]
                name = name_span(doc.text, m.start, m.end)
                label = bool(span_tokens(doc.text, [name]) & gold_tokens)
                feats = pair_features(locator, span, governor, k, ranked, links, others)
                linked = any(x.mention == k for x in links)
                pairs.append({"x": feats, "y": label, "span": name, "rule": linked})
            out.append({"text": row["text"], "gold": gold, "pairs": pairs})
    return out


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 25) -> np.ndarray:
    """Logistic regression weights by Newton's method with an L2 penalty (bias unpenalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


def token_sets(records: list[dict]) -> list[tuple[list[frozenset[int]], frozenset[int]]]:
    """The word tokens of each pair's name and of the gold spans, per record."""
    from geomap.evaluate.events import span_tokens

    return [
        (
            [frozenset(span_tokens(r["text"], [tuple(p["span"])])) for p in r["pairs"]],
            frozenset(span_tokens(r["text"], [tuple(g) for g in r["gold"]])),
        )
        for r in records
    ]


def token_f1(
    records: list[dict],
    probs: list[list[float]],
    add: float,
    drop: float,
    tokens: list[tuple[list[frozenset[int]], frozenset[int]]],
) -> float:
    """Token F1 over the records when the model checks the rules with these thresholds."""
    tp = n_pred = n_gold = 0
    for rec, ps, (pair_tokens, want) in zip(records, probs, tokens, strict=True):
        got: set[int] = set()
        for pair, p, toks in zip(rec["pairs"], ps, pair_tokens, strict=True):
            if (pair["rule"] and p >= drop) or (not pair["rule"] and p >= add):
                got |= toks
        tp, n_pred, n_gold = tp + len(got & want), n_pred + len(got), n_gold + len(want)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    """Extract (or read) the pairs, cross-validate the thresholds, write the model."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--cache", type=Path, help="JSON file of extracted pairs (made once)")
    parser.add_argument("--out", type=Path, default=ROOT / "geomap" / "events" / "linker.json")
    args = parser.parse_args(argv)
    from geomap.events.linker import feature_names

    if args.cache and args.cache.exists():
        records = json.loads(args.cache.read_text(encoding="utf-8"))
    else:
        records = extract(training_rows(args.corpus))
        if args.cache:
            args.cache.write_text(json.dumps(records), encoding="utf-8")
    records = [r for r in records if r["pairs"] or r["gold"]]
    random.Random(16).shuffle(records)
    folds = [records[k::5] for k in range(5)]
    probs_by_id: dict[int, list[float]] = {}
    for k, fold in enumerate(folds):
        train = [r for j, f in enumerate(folds) if j != k for r in f]
        x = np.array([p["x"] for r in train for p in r["pairs"]], dtype=float)
        y = np.array([p["y"] for r in train for p in r["pairs"]], dtype=float)
        w = fit(x, y)
        for rec in fold:
            xs = np.array([p["x"] for p in rec["pairs"]], dtype=float).reshape(-1, len(w))
            probs_by_id[id(rec)] = list(1.0 / (1.0 + np.exp(-np.clip(xs @ w, -30, 30))))
    probs = [probs_by_id[id(r)] for r in records]
    tokens = token_sets(records)
    rules = token_f1(records, probs, 2.0, -1.0, tokens)
    grid = [(a / 100, d / 100) for a in range(40, 100, 5) for d in range(0, 60, 5)]
    best = max(grid, key=lambda ad: token_f1(records, probs, *ad, tokens))
    learned = token_f1(records, probs, *best, tokens)
    x = np.array([p["x"] for r in records for p in r["pairs"]], dtype=float)
    y = np.array([p["y"] for r in records for p in r["pairs"]], dtype=float)
    w = fit(x, y)
    model = {
        "features": feature_names(),
        "weights": [round(float(v), 6) for v in w],
        "add": best[0],
        "drop": best[1],
        "trained_on": "event_location_halterman2019.jsonl: rows not gold_relabel, not sharing "
        "a sentence with a gold_relabel row, not Masdar_RA",
        "training": {
            "records": len(records),
            "pairs": len(y),
            "positives": int(y.sum()),
            "cv_token_f1_rules": round(rules, 4),
            "cv_token_f1_learned": round(learned, 4),
        },
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model["training"]), f"add={best[0]} drop={best[1]}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
