"""A learned check on event-location links: features of a trigger-mention pair, a logistic model.

The rules of :class:`geomap.events.locate.Locator` rank the places of a sentence for a
trigger. This module scores every (trigger, place mention) pair of the sentence with a
small logistic regression over what the rules found (ranked, chosen, level, score) and
over the syntax of the pair (the preposition above the mention, its dependency, the
dependency path and the tokens between them, clauses crossed, the mention's kind). The
model overrides the rules only where it is sure: a place the rules left out is added when
its probability is at least ``add``, a place they chose is dropped when it is below
``drop``.

The weights ship in ``linker.json`` next to this module (numbers only, no download). They
are learned by ``scripts/train_linker.py`` from the non-gold rows of the Halterman (2019)
event-location corpus (the re-annotated ``gold_relabel`` rows and the sentences they
share are left out of training, so that they stay a test set); the two thresholds are
chosen by cross-validation on the training rows.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.events.place_words import LOCATIVE, REPORTING

if TYPE_CHECKING:
    from geomap.events.locate import Link, Locator

MODEL_PATH = Path(__file__).with_name("linker.json")

#: prepositions given a feature of their own (others share "prep:other")
PREPOSITIONS = (
    "in", "at", "near", "from", "of", "on", "to", "into", "outside", "around", "across",
    "against", "for", "by", "with", "between", "towards", "toward", "throughout", "within",
    "over", "after", "during", "through", "inside", "along", "off",
)  # fmt: skip
#: dependency labels of the mention's root given a feature of their own
DEPS = (
    "pobj",
    "compound",
    "nsubj",
    "nsubjpass",
    "dobj",
    "appos",
    "conj",
    "poss",
    "amod",
    "npadvmod",
)
LEVELS = ("trigger", "clause", "subclause", "sentence")


def feature_names() -> list[str]:
    """The names of the features, in the order of :func:`pair_features`."""
    names = ["bias", "ranked", "top", "linked", "coordinated", "named", "score", "rank"]
    names += [f"level:{x}" for x in LEVELS]
    names += ["distance", "before", "path", "path_long", "between", "clauses", "lca_trigger"]
    names += ["lca_governor", "same_clause", "other_triggers", "reporting", "mentions"]
    names += [f"prep:{p}" for p in PREPOSITIONS] + ["prep:other", "prep:none", "locative"]
    names += [f"dep:{d}" for d in DEPS] + ["dep:other"]
    names += ["kind:region", "kind:unlisted", "resolved", "area", "country", "in_list"]
    names += ["parentheses", "trigger_noun", "trigger_verb"]
    return names


def _governor(locator: Locator, i: int) -> int:
    """The verb whose clause holds token ``i``."""
    for k in _path_up(locator, i):
        if locator.parse.tokens[k].pos in ("VERB", "AUX"):
            return k
    return i


def _path_up(locator: Locator, i: int) -> list[int]:
    return [i, *locator.parse.ancestors(i)]


def pair_features(
    locator: Locator,
    trigger: range,
    governor: int,
    mention: int,
    ranked: list[tuple[float, int, int, str]],
    links: list[Link],
    others: frozenset[int],
) -> list[float]:
    """The feature vector of one (trigger, mention) pair (see :func:`feature_names`)."""
    toks = locator.parse.tokens
    a, b = locator.spans[mention]
    m = locator.mentions[mention]
    root = locator.parse.span_root(a, b)
    head = next((i for i in trigger if toks[i].pos in ("VERB", "NOUN")), trigger.start)
    order = [k for _, k, _, _ in ranked]
    rank = order.index(mention) if mention in order else -1
    why = ranked[rank][3] if rank >= 0 else ""
    linked = [x for x in links if x.mention == mention]
    level = why.split("-level")[0] if why else ""
    up_m, up_t = _path_up(locator, root), _path_up(locator, head)
    common = next((i for i in up_m if i in set(up_t)), None)
    steps_m = up_m.index(common) if common is not None else len(up_m)
    steps_t = up_t.index(common) if common is not None else len(up_t)
    below = up_m[1:steps_m]
    prep = next((toks[i].text.lower() for i in below if toks[i].dep == "prep"), "")
    clauses = sum(1 for i in below if locator.parse.is_clause_head(i))
    lo, hi = sorted((root, head))
    f = [1.0, float(rank >= 0), float(rank == 0), float(bool(linked))]
    f.append(float(any("coordinated" in x.why for x in linked)))
    f.append(float("named by a place noun" in why))
    f.append(ranked[rank][0] / 3.0 if rank >= 0 else 0.0)
    f.append(1.0 / (1 + rank) if rank >= 0 else 0.0)
    f += [float(level == x) for x in LEVELS]
    f.append(max(-3.0, min(3.0, (root - head) / 10.0)))
    f.append(float(root < head))
    f.append(min(steps_m + steps_t, 12) / 6.0)
    f.append(float(steps_m + steps_t > 5))
    f.append(min(hi - lo, 30) / 10.0)
    f.append(min(clauses, 3) / 3.0)
    f.append(float(common in trigger))
    f.append(float(common == governor))
    f.append(float(_governor(locator, root) == governor))
    f.append(min(sum(1 for i in range(lo, hi) if i in others), 3) / 3.0)
    f.append(float(any(toks[i].lemma.lower() in REPORTING for i in below)))
    f.append(min(sum(1 for x in locator.mentions if x.sent == m.sent), 10) / 5.0)
    f += [float(prep == p) for p in PREPOSITIONS]
    f.append(float(bool(prep) and prep not in PREPOSITIONS))
    f.append(float(not prep))
    f.append(float(prep in LOCATIVE))
    dep = toks[root].dep
    f += [float(dep == d) for d in DEPS]
    f.append(float(dep not in DEPS))
    place = m.place
    f.append(float(m.kind == "region"))
    f.append(float(m.source == "EVENT"))
    f.append(float(place is not None))
    f.append(float(place is not None and place.is_area))
    f.append(float(place is not None and place.feature_code.startswith("PCL")))
    f.append(float(mention in locator.in_list))
    f.append(float(locator._in_parentheses(mention)))
    f.append(float(toks[head].pos == "NOUN"))
    f.append(float(toks[head].pos == "VERB"))
    return f


@functools.cache
def load_model(path: str | None = None) -> dict | None:
    """The shipped model (weights, feature names, thresholds), or ``None`` if absent."""
    target = Path(path) if path else MODEL_PATH
    if not target.exists():
        return None
    model = json.loads(target.read_text(encoding="utf-8"))
    if model.get("features") != feature_names():
        return None  # weights of another feature set: the rules alone decide
    return model


def probability(model: dict, features: list[float]) -> float:
    """The model's probability that the pair is a link."""
    z = sum(w * x for w, x in zip(model["weights"], features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
