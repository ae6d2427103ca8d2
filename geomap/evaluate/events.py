r"""Event scores: event-location linking (Halterman 2019) and ACLED event types (CASE 2021).

**Event locations** (``geomap evaluate event-locations``). Each row of the corpus is a
sentence, an event verb span and the place spans where *that* event happened (maybe
none). geomap processes the sentence (NLP, toponyms, resolution) and links the verb
with :func:`geomap.events.link_trigger`, the sentence-level linker of the event stage.
Scores are token-level, as in Halterman (2019): the word tokens (``\w+``) covered by
predicted spans against those covered by gold spans, summed over rows. A predicted span
is the place name of the linked mention, without a leading "the" and a trailing region
noun ("the Aleppo province" scores as "Aleppo"): the corpus's gold spans mark names
alone (none of the 372 gold spans of the re-annotated rows holds "the", "province",
"region" or "district").

- ``all``: precision over every row; recall over every row except the under-annotated
  ``Masdar_RA`` batch (the corpus README advises it), F1 from the two.
- ``gold_relabel``: the re-annotated test rows only.
- ``none_accuracy``: on rows whose gold list is empty, the share where geomap also
  predicts no place.
- ``span``: exact-span precision, recall and F1 on the ``gold_relabel`` rows.

The headline figures also link mentions that resolve to no gazetteer place and the
names that :class:`geomap.events.locate.Locator` finds in a place slot ("in X", "the
village of X"); ``variants`` also reports linking resolved mentions only (what the
event table can map) and, as ``learned``, the headline policy with the learned linker
of :mod:`geomap.events.linker` checking the rules.

**Event types** (``geomap evaluate event-types``). Each CASE 2021 Task 2 snippet is
processed as an undated document and typed with :func:`geomap.events.snippet_type`:
the highest-confidence event the snippet reports, whether or not it has a place; when
every trigger was filtered out as not happened (negated, planned, ...), the
highest-confidence of those; with no trigger at all the prediction is ``"none"``,
which counts as wrong. Only ``label_set == "acled"`` rows are scored: macro and
support-weighted F1 over the six ACLED event types and over the sub-event types of
the gold labels.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.model import Document

if TYPE_CHECKING:
    from geomap.events.locate import Locator
    from geomap.pipeline import Pipeline

#: the annotation batch left out of recall on "all" (under-annotated, see the corpus README)
UNDER_ANNOTATED = frozenset({"Masdar_RA"})
#: the prediction of a snippet in which no event was found
NONE_LABEL = "none"
_WORD = re.compile(r"\w+")


def _read_jsonl(path: str | Path, limit: int | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def _processed(texts: Iterable[str], pipeline: Pipeline) -> Iterator[Document]:
    """Process each text as an undated document through NLP, toponyms and resolution."""
    docs = (Document(doc_id=str(k), text=text) for k, text in enumerate(texts))
    yield from pipeline.process(docs)


def _pipeline(pipeline: Pipeline | None) -> Pipeline:
    if pipeline is None:
        from geomap.pipeline import default_pipeline

        pipeline = default_pipeline()
    return pipeline


# ---------------------------------------------------------------------- metrics


def span_tokens(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    r"""Indices of the word tokens (``\w+``) of ``text`` that overlap one of ``spans``."""
    spans = list(spans)
    return {
        k
        for k, m in enumerate(_WORD.finditer(text))
        if any(m.start() < b and a < m.end() for a, b in spans)
    }


def prf(tp: int, n_pred: int, n_gold: int, *, tp_recall: int | None = None) -> dict[str, float]:
    """Precision, recall and F1 from counts (recall may have its own true positives)."""
    tp_r = tp if tp_recall is None else tp_recall
    p = tp / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def f1_scores(gold: list[str], pred: list[str], labels: Iterable[str]) -> dict[str, Any]:
    """Macro and support-weighted F1 over ``labels``, with each label's F1 and support.

    A prediction outside ``labels`` (such as ``"none"``) is a false negative of its
    row's gold label and a false positive of no label.
    """
    labels = sorted(set(labels))
    per: dict[str, dict[str, float]] = {}
    exact: dict[str, float] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        n_pred = sum(1 for p in pred if p == label)
        n_gold = sum(1 for g in gold if g == label)
        per[label] = {**prf(tp, n_pred, n_gold), "support": n_gold}
        exact[label] = 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0
    total = sum(v["support"] for v in per.values())
    macro = sum(exact.values()) / len(exact) if exact else 0.0
    weighted = sum(exact[k] * per[k]["support"] for k in per) / total if total else 0.0
    accuracy = sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / len(gold) if gold else 0
    return {
        "macro_f1": round(macro, 4),
        "weighted_f1": round(weighted, 4),
        "accuracy": round(accuracy, 4),
        "per_label": per,
    }


# ------------------------------------------------------------- event locations


class _Tally:
    """Token counts of one scoring set."""

    def __init__(self) -> None:
        self.tp = self.n_pred = self.tp_recall = self.n_gold = 0
        self.none_right = self.none_total = 0
        self.span_tp = self.span_pred = self.span_gold = 0

    def add(
        self,
        text: str,
        pred: list[tuple[int, int]],
        gold: list[tuple[int, int]],
        *,
        for_recall: bool = True,
    ) -> None:
        p, g = span_tokens(text, pred), span_tokens(text, gold)
        self.tp += len(p & g)
        self.n_pred += len(p)
        if for_recall:
            self.tp_recall += len(p & g)
            self.n_gold += len(g)
        if not gold:
            self.none_total += 1
            self.none_right += not pred
        self.span_tp += len(set(pred) & set(gold))
        self.span_pred += len(set(pred))
        self.span_gold += len(set(gold))

    def scores(self) -> dict[str, Any]:
        out: dict[str, Any] = prf(self.tp, self.n_pred, self.n_gold, tp_recall=self.tp_recall)
        out["none_accuracy"] = (
            round(self.none_right / self.none_total, 4) if self.none_total else None
        )
        out["rows_without_location"] = self.none_total
        out["span"] = prf(self.span_tp, self.span_pred, self.span_gold)
        return out


#: words around a place name that the corpus's gold spans never include: its spans
#: mark the name alone ("Aleppo", not "the Aleppo province"; "Sadr" in "Sadr city")
_NAME_FRAME = re.compile(
    r"^(?:the\s+)?(?P<name>.+?)(?:\s+(?:region|oblast|province|governorate|state|district|"
    r"county|prefecture|department|territory|krai|republic|emirate|canton|parish))?$",
    re.IGNORECASE,
)


def name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The characters of the name inside a place mention ``text[start:end]``."""
    match = _NAME_FRAME.match(text[start:end])
    if match is None:
        return start, end
    return start + match.start("name"), start + match.end("name")


def predict_locations(
    doc: Document,
    start: int,
    end: int,
    *,
    resolved_only: bool = True,
    locator: Locator | None = None,
    learned: bool = False,
) -> list[tuple[int, int]]:
    """Character spans of the places where the event of trigger ``[start, end)`` happened.

    Each span is the place name of the linked mention, without "the" and a trailing
    region noun, which is how the corpus marks places.
    """
    from geomap.events import link_trigger
    from geomap.events.locate import Locator

    locator = locator or Locator(doc)
    links = link_trigger(
        doc, start, end, resolved_only=resolved_only, locator=locator, learned=learned
    )
    mentions = [locator.mentions[x.mention] for x in links if x.mention is not None]
    return sorted({name_span(doc.text, m.start, m.end) for m in mentions})


def run_event_locations(
    path: str | Path, *, limit: int | None = None, pipeline: Pipeline | None = None
) -> dict[str, Any]:
    """Score event-location linking on a Halterman (2019) style JSONL corpus.

    Parameters
    ----------
    path
        The corpus: rows ``{"text", "verbs": [{start, end}], "locations": [{start, end}],
        "source", "gold_relabel"}``.
    limit
        Score only the first ``limit`` rows.
    pipeline
        The :class:`~geomap.pipeline.Pipeline` to use; the default one otherwise.

    Returns
    -------
    dict
        ``{"all": {...}, "gold_relabel": {...}, "variants": {...}, "rows": n, ...}``.

    """
    pipeline = _pipeline(pipeline)
    rows = _read_jsonl(path, limit)
    texts = list(dict.fromkeys(r["text"] for r in rows))
    # the given verbs need not be trigger words: parse every sentence
    from geomap.events.locate import Locator
    from geomap.pipeline import Pipeline as FullParse

    full = FullParse(gazetteer=pipeline.gazetteer, nlp=pipeline.nlp, parse_all=True)
    docs = dict(zip(texts, _processed(texts, full), strict=True))
    variants = {"with_unresolved": False, "resolved_only": True, "learned": False}
    tallies = {name: {"all": _Tally(), "gold_relabel": _Tally()} for name in variants}
    skipped = 0
    for row in rows:
        verbs = row.get("verbs") or []
        if not verbs:
            skipped += 1
            continue
        doc = docs[row["text"]]
        locator = Locator(doc)
        gold = sorted({(s["start"], s["end"]) for s in row.get("locations") or []})
        for name, resolved_only in variants.items():
            pred: set[tuple[int, int]] = set()
            for verb in verbs:
                pred.update(
                    predict_locations(
                        doc,
                        verb["start"],
                        verb["end"],
                        resolved_only=resolved_only,
                        locator=locator,
                        learned=name == "learned",
                    )
                )
            spans = sorted(pred)
            tallies[name]["all"].add(
                row["text"], spans, gold, for_recall=row.get("source") not in UNDER_ANNOTATED
            )
            if row.get("gold_relabel"):
                tallies[name]["gold_relabel"].add(row["text"], spans, gold)
    scored = {name: {k: t.scores() for k, t in sets.items()} for name, sets in tallies.items()}
    main = scored["with_unresolved"]
    return {
        "task": "event-locations",
        "corpus": str(path),
        "rows": len(rows),
        "rows_skipped_without_verb": skipped,
        "gold_relabel_rows": sum(1 for r in rows if r.get("gold_relabel")),
        "recall_excludes": sorted(UNDER_ANNOTATED),
        "policy": "resolved and unresolved mentions",
        "all": main["all"],
        "gold_relabel": main["gold_relabel"],
        "variants": scored,
        "date": dt.date.today().isoformat(),
    }


# ------------------------------------------------------------------ event types


def run_event_types(
    path: str | Path, *, limit: int | None = None, pipeline: Pipeline | None = None
) -> dict[str, Any]:
    """Score geomap's event typing on the CASE 2021 Task 2 test set.

    Parameters
    ----------
    path
        The corpus: rows ``{"text", "acled_event_type", "acled_sub_event_type",
        "label_set"}``; rows with ``label_set == "acled"`` are scored.
    limit
        Read only the first ``limit`` rows.
    pipeline
        The :class:`~geomap.pipeline.Pipeline` to use; the default one otherwise.

    Returns
    -------
    dict
        ``{"event_type": {"macro_f1", "weighted_f1", ...}, "sub_event_type": {...}, ...}``.

    """
    from geomap.events import snippet_type

    pipeline = _pipeline(pipeline)
    rows = [r for r in _read_jsonl(path, limit) if r.get("label_set") == "acled"]
    gold_t, gold_s, pred_t, pred_s = [], [], [], []
    for row, doc in zip(rows, _processed((r["text"] for r in rows), pipeline), strict=True):
        typed = snippet_type(doc)
        gold_t.append(row["acled_event_type"])
        gold_s.append(row["acled_sub_event_type"])
        pred_t.append(typed[0] if typed else NONE_LABEL)
        pred_s.append(typed[1] if typed else NONE_LABEL)
    from geomap.events.lexicon import EVENT_TYPES

    return {
        "task": "event-types",
        "corpus": str(path),
        "rows": len(rows),
        "no_event": sum(1 for p in pred_t if p == NONE_LABEL),
        "event_type": f1_scores(gold_t, pred_t, EVENT_TYPES),
        "sub_event_type": f1_scores(gold_s, pred_s, set(gold_s)),
        "confusion": {
            f"{g} -> {p}": n for (g, p), n in Counter(zip(gold_t, pred_t, strict=True)).items()
        },
        "date": dt.date.today().isoformat(),
    }


# ---------------------------------------------------------------------- report


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(result: dict[str, Any]) -> str:
    """Format the result of :func:`run_event_locations` or :func:`run_event_types`."""
    lines: list[str] = []
    if result.get("task") == "event-locations":
        lines.append(f"event-location linking on {result['corpus']} ({result['rows']} rows)")
        lines.append(f"{'set / variant':34} {'P':>6} {'R':>6} {'F1':>6} {'none acc':>9}")
        for name, sets in result["variants"].items():
            for key, s in sets.items():
                lines.append(
                    f"{key + ' / ' + name:34} {_fmt(s['precision']):>6} {_fmt(s['recall']):>6} "
                    f"{_fmt(s['f1']):>6} {_fmt(s['none_accuracy']):>9}"
                )
        span = result["gold_relabel"]["span"]
        lines.append(
            f"gold_relabel exact spans ({result['policy']}): P {_fmt(span['precision'])} "
            f"R {_fmt(span['recall'])} F1 {_fmt(span['f1'])}"
        )
        lines.append(
            "token-level scores; recall on 'all' excludes "
            + ", ".join(result["recall_excludes"])
            + " (under-annotated); headline = "
            + result["policy"]
        )
        return "\n".join(lines)
    lines.append(f"event types on {result['corpus']} ({result['rows']} ACLED rows)")
    lines.append(f"{'level':16} {'macro F1':>9} {'weighted F1':>12} {'accuracy':>9}")
    for level in ("event_type", "sub_event_type"):
        s = result[level]
        lines.append(
            f"{level:16} {_fmt(s['macro_f1']):>9} {_fmt(s['weighted_f1']):>12} "
            f"{_fmt(s['accuracy']):>9}"
        )
    lines.append(f"snippets with no event ('none', counted wrong): {result['no_event']}")
    for label, s in result["event_type"]["per_label"].items():
        lines.append(f"  {label:34} F1 {_fmt(s['f1'])}  (n={s['support']})")
    return "\n".join(lines)
