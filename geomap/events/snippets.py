"""The type of a short text: every typed trigger votes (``geomap evaluate event-types``)."""

from __future__ import annotations

import dataclasses
from collections import Counter

from geomap.events import lexicon as lx
from geomap.events._syntax import Parse
from geomap.events.classify import (
    _ATTACKS,
    _VIOLENT_DEMO,
    _only_people,
    cue_lemmas,
    protest_subtype,
)
from geomap.events.detect import _Extractor
from geomap.events.strategic import _TERRITORY_SUBS
from geomap.model import Document, Token


def _typed_triggers(doc: Document) -> list[_Candidate]:
    """Every typed trigger of ``doc`` with whether it happened and where it stands."""
    if not doc.tokens:
        return []
    ex = _Extractor(doc)
    out: list[_Candidate] = []
    by_sent: list[list[Token]] = [[] for _ in doc.sentences]
    for tok in doc.tokens:
        by_sent[tok.sent].append(tok)
    for sent, sent_tokens in enumerate(by_sent):
        triggers = lx.match_triggers(sent_tokens)
        triggers = [f for f in triggers if not _only_people(f, triggers, doc.tokens)]
        trigger_tokens = {i for f in triggers for i in range(f.start, f.end)}
        for found in triggers:
            happened = not (
                ex._did_not_happen(found.start, found.end)
                or ex._is_background(found)
                or ex._is_consequence(found, trigger_tokens)
            )
            head_tok = next(
                (i for i in range(found.start, found.end) if doc.tokens[i].pos in ("VERB", "NOUN")),
                found.start,
            )
            typed = ex._classify(found, ex._governor(head_tok))
            if typed is None:
                continue
            first, last = doc.tokens[found.start], doc.tokens[found.end - 1]
            out.append(
                _Candidate(
                    confidence=found.trigger.confidence,
                    happened=happened,
                    event_type=typed[0],
                    sub_event_type=typed[1],
                    trigger=doc.text[first.start : last.end],
                    sent=sent,
                    lemma=doc.tokens[head_tok].lemma.lower(),
                )
            )
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class _Candidate:
    """A typed trigger of a snippet."""

    confidence: float
    happened: bool
    event_type: str
    sub_event_type: str
    trigger: str
    sent: int
    lemma: str


def type_candidates(doc: Document) -> list[tuple[float, bool, str, str, str]]:
    """Every typed trigger of ``doc``, whether or not it happened or has a place.

    Returns ``(confidence, happened, event_type, sub_event_type, trigger)`` tuples
    in text order; ``happened`` is false for negated, planned, hypothetical,
    background or consequence mentions.
    """
    return [
        (c.confidence, c.happened, c.event_type, c.sub_event_type, c.trigger)
        for c in _typed_triggers(doc)
    ]


#: events that, in a snippet about a protest, are part of the protest
_AT_PROTESTS = frozenset({_VIOLENT_DEMO, (lx.SD, "Arrests"), (lx.BATTLES, "Armed clash")})

#: weight of a trigger in the snippet's vote by its sentence (the lead tells the main event)
_SENTENCE_WEIGHT = (1.0, 0.6, 0.45)


def snippet_type(doc: Document) -> tuple[str, str] | None:
    """The ACLED (type, sub-type) a short text reports, or ``None`` when it reports none.

    The (type, sub-type) with most weight wins: every trigger that happened votes
    with its confidence, weighted by its sentence (the lead sentence most); when
    every trigger was filtered out as not happened, the highest-confidence of those.
    """
    cands = _typed_triggers(doc)
    if not cands:
        return None
    happened = [c for c in cands if c.happened]
    if not happened:
        best = max(cands, key=lambda c: c.confidence)
        return best.event_type, best.sub_event_type
    votes: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], int] = {}
    for k, c in enumerate(happened):
        key = (c.event_type, c.sub_event_type)
        weight = _SENTENCE_WEIGHT[min(c.sent, len(_SENTENCE_WEIGHT) - 1)]
        if c.event_type == lx.EXPLOSIONS:
            weight *= 1.5  # the weapon decides: ACLED codes remote violence by its means
        elif c.sub_event_type in _TERRITORY_SUBS:
            weight *= 1.4  # ACLED codes a fight that changes who holds ground as the change
        elif c.lemma in _ATTACKS:
            weight *= 0.8  # a generic attack or killing
        votes[key] += c.confidence * weight
        first.setdefault(key, k)
    best = max(votes, key=lambda key: (round(votes[key], 6), -first[key]))
    if best[0] == lx.EXPLOSIONS:
        # the most specific weapon: chlorine in a barrel bomb is a chemical attack
        for sub in ("Chemical weapon", "Suicide bomb"):
            if (lx.EXPLOSIONS, sub) in votes:
                return lx.EXPLOSIONS, sub
    protest = any(
        c.event_type == lx.PROTESTS or (c.event_type, c.sub_event_type) == _VIOLENT_DEMO
        for c in cands
    )
    if protest and (best[0] == lx.PROTESTS or best in _AT_PROTESTS):
        # arrests, clashes and force at a protest are the protest's: type it as a whole
        return protest_subtype(cue_lemmas(doc, Parse(doc)), doc.text.lower())
    return best
