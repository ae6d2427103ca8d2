"""Toponym recognition and resolution scores on the common geoparsing JSONL format.

Each line of a corpus is a document ``{"id", "text", "toponyms": [{"start", "end",
"name", "lat", "lon", "geonameid"}, ...]}`` (see ``../shared/eval/geoparsing/README.md``).
Documents go through :meth:`geomap.pipeline.Pipeline.process` in batches and
the mentions geomap finds are compared with the gold toponyms:

- **recognition**: precision, recall and F1 with exact span match, and with overlap
  match (one-to-one). Documents with ``n_dropped_toponyms`` are left out of precision
  (some of their place names lost their annotation) but kept for recall.
- **resolution only**: each gold span is resolved as a mention by
  :func:`geomap.resolve.resolve` with the document as context; accuracy@161 km and the
  share of exact GeoNames ids (where the corpus gives ids).
- **end to end**: the share of gold toponyms with coordinates that a predicted mention
  overlaps and resolves within 161 km, and of those with an id that it resolves to
  that id.
- **error**: mean and median error in km, and the AUC of the log error curve of
  Gritta et al. (2018, "What's missing in geographical parsing?"): the errors of all
  gold toponyms with coordinates are sorted, ``log(1 + km)`` is integrated over them
  (trapezoid rule, the x axis scaled to [0, 1]) and divided by ``log(20039)``, the log
  of the largest possible error (half the Earth's circumference). 0 is perfect, 1 the
  worst; lower is better. A toponym left unresolved ("no match") counts as the
  largest error, 20039 km.

Which mention kinds count as toponyms is an option (``annotates``, the command's
``--annotates place,region,demonym,modifier``): a corpus annotates some of
:data:`MENTION_KINDS` and not others, and a mention of a kind it does not annotate
counts neither as a hit nor as an error. Without the option, the convention of the
corpus the rows name in their ``source`` field is used (:data:`ANNOTATION_CONVENTIONS`),
else :data:`DEFAULT_KINDS`.

GeoNames-id accuracy stands beside acc@161 because two sources' points for one large
area (a country, a province) can lie hundreds of kilometres apart: the right id may
score as a distance error, and a wrong namesake nearby as a hit.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.gazetteer.base import normalize_name
from geomap.model import Document, Mention

if TYPE_CHECKING:
    from geomap.gazetteer.base import Gazetteer
    from geomap.pipeline import Pipeline

#: distance under which a resolution counts as correct (100 miles)
ACC_KM = 161.0
#: the largest possible great-circle error on Earth (km)
MAX_ERROR_KM = 20039.0
#: documents handed to the pipeline at once
BATCH = 64

#: the kinds of mention recognition makes (see :mod:`geomap.toponyms`)
MENTION_KINDS = ("place", "region", "demonym", "modifier")
#: what the public corpora annotate, by the ``source`` their rows name. LGL annotates
#: adjectives of nationality ("Israeli") and place names inside organisation names
#: ("the *Texas* Department of Health"); GeoVirus, GeoCorpora and TUD-Loc-2013
#: almost never do.
ANNOTATION_CONVENTIONS: dict[str, frozenset[str]] = {
    "lgl": frozenset(MENTION_KINDS),
    "geovirus": frozenset({"place", "region"}),
    "geocorpora": frozenset({"place", "region"}),
    "tudloc2013": frozenset({"place", "region"}),
}
DEFAULT_KINDS = frozenset({"place", "region"})


# ---------------------------------------------------------------------------- metrics


def parse_annotates(value: str) -> frozenset[str]:
    """Read a comma-separated list of mention kinds ("place,region,demonym").

    Raises
    ------
    ValueError
        When the list is empty or names a kind recognition does not make.

    """
    kinds = frozenset(k.strip().lower() for k in value.split(",") if k.strip())
    unknown = sorted(kinds - set(MENTION_KINDS))
    if unknown or not kinds:
        raise ValueError(
            f"--annotates takes a comma-separated list of {', '.join(MENTION_KINDS)}; got {value!r}"
        )
    return kinds


def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    """Return precision, recall and F1 from true-positive and total counts.

    Precision and recall may be counted over different document sets (documents with
    dropped gold rows count for recall only), so each has its own true positives.
    """
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def auc_log_error(errors_km: Iterable[float]) -> float:
    """Area under the sorted ``log(1 + error)`` curve, normalised to [0, 1] (lower is better).

    Gritta et al. (2018): the errors are sorted, the curve of ``log(1 + km)`` over them
    is integrated with the trapezoid rule on an x axis scaled to [0, 1], and the area is
    divided by ``log(20039)``. Errors above 20039 km are capped. One error gives its own
    normalised log; no error gives 0.
    """
    ys = sorted(math.log1p(min(max(e, 0.0), MAX_ERROR_KM)) for e in errors_km)
    if not ys:
        return 0.0
    if len(ys) == 1:
        return ys[0] / math.log(MAX_ERROR_KM)
    dx = 1.0 / (len(ys) - 1)
    area = sum((a + b) / 2 * dx for a, b in zip(ys, ys[1:], strict=False))
    return area / math.log(MAX_ERROR_KM)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    from geomap.resolve import haversine_km as _hav

    return _hav(lat1, lon1, lat2, lon2)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_overlap(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> dict[int, int]:
    """Pair predicted and gold spans one to one by overlap, in text order.

    Exact matches are paired first, then each remaining gold span takes the first
    unpaired predicted span it overlaps. Returns ``{gold index: pred index}``.
    """
    pairs: dict[int, int] = {}
    used: set[int] = set()
    where = {span: k for k, span in enumerate(pred)}
    for g, span in enumerate(gold):
        k = where.get(span)
        if k is not None and k not in used:
            pairs[g] = k
            used.add(k)
    for g, span in enumerate(gold):
        if g in pairs:
            continue
        for k, p in enumerate(pred):
            if k not in used and _overlaps(span, p):
                pairs[g] = k
                used.add(k)
                break
    return pairs


def eval_span(mention: Mention, text: str) -> tuple[int, int]:
    """The span a mention is scored on, as the corpora annotate it.

    A leading "the" is dropped, and so is a lower-case region noun ("the Nyanza
    province" -> "Nyanza"); a capitalised one is part of the name ("Laurel County").
    """
    start, end = mention.start, mention.end
    if text[start : start + 4].lower() == "the " and mention.kind != "demonym":
        start += 4
    if mention.kind == "region":
        head, _, noun = text[start:end].rpartition(" ")
        if head and noun[:1].islower():
            end = start + len(head)
    return start, end


# ---------------------------------------------------------------------------- corpus


def read_corpus(path: str | Path, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Yield the JSON rows of a geoparsing corpus, at most ``limit`` of them."""
    with open(path, encoding="utf-8") as handle:
        count = 0
        for line in handle:
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            count += 1
            yield json.loads(line)


def _sentence_of(doc: Document, offset: int) -> int:
    for index, (start, end) in enumerate(doc.sentences):
        if start <= offset < end:
            return index
    return max(0, len(doc.sentences) - 1)


def gold_mentions(
    doc: Document, toponyms: list[dict[str, Any]], gazetteer: Gazetteer
) -> tuple[Mention, ...]:
    """Build unresolved mentions for the gold spans of a document.

    A gold name that is a demonym and no place name ("Israeli") becomes a
    ``demonym`` mention, as recognition would make it; every other one a ``place``.
    """
    out = []
    for t in toponyms:
        name = t["name"]
        demonym = gazetteer.demonym(name) is not None and not gazetteer.has_key(
            normalize_name(name)
        )
        out.append(
            Mention(
                start=t["start"],
                end=t["end"],
                text=name,
                name=name,
                kind="demonym" if demonym else "place",
                source="GOLD",
                sent=_sentence_of(doc, t["start"]),
            )
        )
    return tuple(out)


def _batched(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _error_km(place: Any, lat: float, lon: float) -> float:
    if place is None:
        return MAX_ERROR_KM
    return haversine_km(place.latitude, place.longitude, lat, lon)


def run(
    path: str | Path,
    *,
    limit: int | None = None,
    pipeline: Pipeline | None = None,
    annotates: frozenset[str] | str | None = None,
    kinds: frozenset[str] | None = None,
    details: bool = False,
) -> dict[str, Any]:
    """Evaluate geomap's geoparsing on a corpus in the common JSONL format.

    Parameters
    ----------
    path
        The corpus file (``lgl.jsonl``, ``geovirus.jsonl``, ...).
    limit
        Evaluate only the first ``limit`` documents.
    pipeline
        The pipeline to run; :func:`geomap.pipeline.default_pipeline` by default.
    annotates
        The mention kinds the corpus annotates, which count as toponyms (a set, or a
        comma-separated string as :func:`parse_annotates` reads it); by default the
        convention of :data:`ANNOTATION_CONVENTIONS` for the corpus the rows name in
        their ``source`` field, else :data:`DEFAULT_KINDS`.
    kinds
        The same as ``annotates`` (the older name).
    details
        Also return the per-toponym errors (``"errors"``: false positives, false
        negatives, wrong resolutions) and every resolution error distance
        (``"resolution_errors_km"``), for error analysis.

    Returns
    -------
    dict
        JSON-ready scores: ``precision``, ``recall``, ``f1`` (exact spans),
        ``overlap_precision``, ``overlap_recall``, ``overlap_f1``,
        ``acc161_resolution``, ``geonameid_accuracy``, ``acc161_end_to_end``,
        ``geonameid_accuracy_end_to_end`` (the share of gold toponyms with an id that a
        predicted mention overlaps and resolves to that id),
        ``mean_error_km``, ``median_error_km``, ``auc`` (resolution with gold spans),
        the end-to-end error figures with an ``e2e_`` prefix, and counts.

    """
    from geomap.resolve import resolve

    if pipeline is None:
        from geomap.pipeline import default_pipeline

        pipeline = default_pipeline()
    gazetteer = pipeline.gazetteer
    path = Path(path)
    corpus = path.stem
    if isinstance(annotates, str):
        annotates = parse_annotates(annotates)
    chosen = annotates or kinds
    counted = chosen or DEFAULT_KINDS
    convention = "given" if chosen else "default"
    c = {
        k: 0
        for k in (
            "docs",
            "gold",
            "gold_for_precision",
            "pred",
            "pred_for_precision",
            "tp_exact_p",
            "tp_exact_r",
            "tp_overlap_p",
            "tp_overlap_r",
            "gold_coords",
            "res_ok",
            "gold_ids",
            "id_ok",
            "e2e_ok",
            "e2e_id_ok",
        )
    }
    res_errors: list[float] = []
    e2e_errors: list[float] = []
    samples: dict[str, list[dict[str, Any]]] = {"fp": [], "fn": [], "wrong": []}

    rows = read_corpus(path, limit=limit)
    for batch in _batched(rows, BATCH):
        source = batch[0].get("source")
        if source:
            corpus = source
        if not chosen and source in ANNOTATION_CONVENTIONS:
            counted = ANNOTATION_CONVENTIONS[source]
            convention = f"{source}'s convention"
        documents = [
            Document(doc_id=str(row.get("id", f"{corpus}-{k}")), text=row["text"], date=None)
            for k, row in enumerate(batch)
        ]
        for row, doc in zip(batch, pipeline.process(documents), strict=True):
            gold = row.get("toponyms") or []
            for_precision = not row.get("n_dropped_toponyms")
            pred_mentions = [m for m in doc.mentions if m.kind in counted]
            pred = [eval_span(m, doc.text) for m in pred_mentions]
            gspans = [(t["start"], t["end"]) for t in gold]
            c["docs"] += 1
            c["gold"] += len(gold)
            c["pred"] += len(pred)
            exact = set(pred) & set(gspans)
            pairs = match_overlap(pred, gspans)
            c["tp_exact_r"] += len(exact)
            c["tp_overlap_r"] += len(pairs)
            if for_precision:
                c["gold_for_precision"] += len(gold)
                c["pred_for_precision"] += len(pred)
                c["tp_exact_p"] += len(exact)
                c["tp_overlap_p"] += len(pairs)

            # resolution with the gold spans as mentions
            resolved = resolve(
                Document(
                    doc_id=doc.doc_id,
                    text=doc.text,
                    sentences=doc.sentences,
                    tokens=doc.tokens,
                    entities=doc.entities,
                    mentions=gold_mentions(doc, gold, gazetteer),
                ),
                gazetteer,
            ).mentions
            for g, (t, m) in enumerate(zip(gold, resolved, strict=True)):
                if t.get("geonameid") is not None:
                    c["gold_ids"] += 1
                    if m.place is not None and m.place.geonameid == t["geonameid"]:
                        c["id_ok"] += 1
                    k = pairs.get(g)
                    found = None if k is None else pred_mentions[k].place
                    if found is not None and found.geonameid == t["geonameid"]:
                        c["e2e_id_ok"] += 1
                if t.get("lat") is None or t.get("lon") is None:
                    continue
                c["gold_coords"] += 1
                err = _error_km(m.place, t["lat"], t["lon"])
                res_errors.append(err)
                if err <= ACC_KM:
                    c["res_ok"] += 1
                elif details:
                    samples["wrong"].append(
                        {
                            "doc": doc.doc_id,
                            "name": t["name"],
                            "got": None if m.place is None else m.place.name,
                            "got_cc": None if m.place is None else m.place.country_code,
                            "got_code": None if m.place is None else m.place.feature_code,
                            "km": round(err),
                            "why": m.why,
                            "context": doc.text[max(0, t["start"] - 60) : t["end"] + 60],
                        }
                    )
                k = pairs.get(g)
                e2e = (
                    MAX_ERROR_KM
                    if k is None
                    else _error_km(pred_mentions[k].place, t["lat"], t["lon"])
                )
                e2e_errors.append(e2e)
                if e2e <= ACC_KM:
                    c["e2e_ok"] += 1
            if details:
                gold_set = set(gspans)
                for m, span in zip(pred_mentions, pred, strict=True):
                    if span not in gold_set and for_precision:
                        samples["fp"].append(
                            {
                                "doc": doc.doc_id,
                                "text": doc.text[span[0] : span[1]],
                                "kind": m.kind,
                                "source": m.source,
                                "overlap": any(_overlaps(span, s) for s in gspans),
                                "context": doc.text[max(0, span[0] - 60) : span[1] + 60],
                            }
                        )
                pred_set = set(pred)
                for t, span in zip(gold, gspans, strict=True):
                    if span not in pred_set:
                        samples["fn"].append(
                            {
                                "doc": doc.doc_id,
                                "text": t["name"],
                                "overlap": any(_overlaps(span, s) for s in pred),
                                "context": doc.text[max(0, span[0] - 60) : span[1] + 60],
                            }
                        )

    p, r, f = prf(c["tp_exact_p"], c["pred_for_precision"], c["tp_exact_r"], c["gold"])
    op, orc, of = prf(c["tp_overlap_p"], c["pred_for_precision"], c["tp_overlap_r"], c["gold"])
    result: dict[str, Any] = {
        "corpus": corpus,
        "n_docs": c["docs"],
        "n_gold": c["gold"],
        "n_pred": c["pred"],
        "n_gold_with_coords": c["gold_coords"],
        "n_gold_with_geonameid": c["gold_ids"],
        "precision": p,
        "recall": r,
        "f1": f,
        "overlap_precision": op,
        "overlap_recall": orc,
        "overlap_f1": of,
        "acc161_resolution": c["res_ok"] / c["gold_coords"] if c["gold_coords"] else None,
        "geonameid_accuracy": c["id_ok"] / c["gold_ids"] if c["gold_ids"] else None,
        "acc161_end_to_end": c["e2e_ok"] / c["gold_coords"] if c["gold_coords"] else None,
        "geonameid_accuracy_end_to_end": c["e2e_id_ok"] / c["gold_ids"] if c["gold_ids"] else None,
        "mean_error_km": statistics.fmean(res_errors) if res_errors else None,
        "median_error_km": statistics.median(res_errors) if res_errors else None,
        "auc": auc_log_error(res_errors) if res_errors else None,
        "e2e_mean_error_km": statistics.fmean(e2e_errors) if e2e_errors else None,
        "e2e_median_error_km": statistics.median(e2e_errors) if e2e_errors else None,
        "e2e_auc": auc_log_error(e2e_errors) if e2e_errors else None,
        "counted_kinds": [k for k in MENTION_KINDS if k in counted],
        "annotates_from": convention,
    }
    if details:
        result["errors"] = samples
        result["resolution_errors_km"] = res_errors
    return result


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def format_report(result: dict[str, Any]) -> str:
    """Return the scores of :func:`run` as a short text report."""
    r = result
    lines = [
        f"geoparsing: {r['corpus']} ({r['n_docs']} documents, {r['n_gold']} gold toponyms, "
        f"{r['n_pred']} predicted; annotates: {','.join(r['counted_kinds'])}"
        f" ({r.get('annotates_from', 'given')}))",
        "recognition (exact):   "
        f"P {_fmt(r['precision'])}  R {_fmt(r['recall'])}  F1 {_fmt(r['f1'])}",
        "recognition (overlap): "
        f"P {_fmt(r['overlap_precision'])}  R {_fmt(r['overlap_recall'])}  "
        f"F1 {_fmt(r['overlap_f1'])}",
        f"resolution with gold spans ({r['n_gold_with_coords']} with coordinates): "
        f"acc@161km {_fmt(r['acc161_resolution'])}  "
        f"GeoNames id accuracy {_fmt(r['geonameid_accuracy'])} "
        f"(of {r['n_gold_with_geonameid']} with ids)",
        f"  error km: mean {_fmt(r['mean_error_km'], 0)}  median {_fmt(r['median_error_km'], 0)}"
        f"  AUC {_fmt(r['auc'])} (lower is better)",
        f"end to end: acc@161km {_fmt(r['acc161_end_to_end'])}  "
        f"GeoNames id accuracy {_fmt(r.get('geonameid_accuracy_end_to_end'))}  "
        f"error km: mean {_fmt(r['e2e_mean_error_km'], 0)}  "
        f"median {_fmt(r['e2e_median_error_km'], 0)}  AUC {_fmt(r['e2e_auc'])}",
    ]
    return "\n".join(lines)
