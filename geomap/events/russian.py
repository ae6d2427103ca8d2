"""Events in Russian text: triggers, negation and plans, place, date and actors.

The same ideas as the English stage, read from the UD parse that
:class:`geomap.nlp.russian.RussianAnalyser` gives the sentences with a trigger:

- a trigger word or phrase (:mod:`geomap.events.lexicon_ru`) gives ACLED's type
  and sub-type (in English); the actor can change it ("протестующие подожгли"
  is a riot, an attack on doctors violence against civilians);
- a clause with a negation ("зафиксировано не было") or a plan, request or
  condition ("планируют провести", "призвали", "если") holds no event, nor
  does a verb in the future tense;
- the place is a mention attached by a locative preposition to the trigger or
  to the verbs above it ("шествие прошло в Алматы"), with the mentions joined to
  it by a conjunction (one event each); else a locative mention in the same
  clause; else "в городе" / "в республике" read as the last city or country
  named; places of origin ("из России") and of affiliation ("президент
  Казахстана") are never the event's place;
- the date is the clause's or sentence's date expression
  (:func:`geomap.events.dates_ru.find_date_ru`), else the document's date.

Events of one type at one place on one day are merged, keeping every evidence span.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from geomap.events import lexicon_ru as lx
from geomap.events.dates_ru import find_date_ru
from geomap.events.lexicon import BATTLES, EXPLOSIONS, RIOTS, VAC
from geomap.model import Document, Event, Mention, Token

_CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "(", ")", "но", "а", "однако"})
_FATAL = (
    re.compile(
        r"(?:погибл[иоа]|погиб|убит[ыо]?|жертвами стали)\s+"
        r"(?:не менее\s+|более\s+|по меньшей мере\s+|около\s+)?(\d+)",
        re.I,
    ),
    re.compile(r"(\d+)\s+(?:\w+\s+){0,2}?(?:погибл|погиб|убит|человек погибл)", re.I),
)
_PARAGRAPH = re.compile(r"\n\s*\n")


def _norm(lemma: str) -> str:
    return lemma.replace("ё", "е")


_WORDS = {_norm(k): v for k, v in lx.WORDS.items()}
_PHRASES = {tuple(_norm(w) for w in k): v for k, v in lx.PHRASES.items()}
_FIRSTS = {p[0] for p in _PHRASES}


def may_trigger_ru(lemmas: list[str]) -> bool:
    """Whether a sentence (its lemmas) may hold a Russian trigger (so needs a parse)."""
    return any(_norm(lm) in _WORDS or _norm(lm) in _FIRSTS for lm in lemmas)


class _Sentence:
    """One sentence's tokens, children and clauses."""

    def __init__(self, doc: Document, index: int, tokens: Sequence[Token]) -> None:
        self.doc = doc
        self.index = index
        self.tokens = list(tokens)
        self.first = self.tokens[0].i if self.tokens else 0
        self.children: dict[int, list[int]] = {}
        for tok in self.tokens:
            if tok.head != tok.i:
                self.children.setdefault(tok.head, []).append(tok.i)
        # clause number of every token: a new clause after a comma or conjunction
        self.clause: dict[int, int] = {}
        number = 0
        for tok in self.tokens:
            if tok.text.lower() in _CLAUSE_BREAKS:
                number += 1
            self.clause[tok.i] = number

    def tok(self, i: int) -> Token:
        return self.doc.tokens[i]

    def ancestors(self, i: int, depth: int = 3) -> list[int]:
        out = []
        while depth and self.tok(i).head != i:
            i = self.tok(i).head
            out.append(i)
            depth -= 1
        return out

    def case_of(self, i: int) -> str:
        """The preposition governing token ``i`` ("в", "из"), or ""."""
        for c in self.children.get(i, []):
            if self.tok(c).dep == "case":
                # "в ходе", "во время": a preposition of several words
                fixed = [f for f in self.children.get(c, []) if self.tok(f).dep == "fixed"]
                return " ".join(self.tok(t).text.lower() for t in [c, *fixed])
        tok = self.tok(i)
        if tok.dep in ("appos", "conj", "flat", "flat:name") and tok.head != i:
            return self.case_of(tok.head)  # "в Гомеле и Бресте", "в штате Джорджия"
        if tok.dep:
            return ""  # parsed: the parse has no preposition for it
        j = i - 1
        while j >= self.first and self.tok(j).pos in ("ADJ", "PROPN", "NOUN") and i - j <= 3:
            j -= 1
        if j >= self.first and self.tok(j).pos == "ADP":
            return self.tok(j).text.lower()
        return ""


def _triggers(sent: _Sentence) -> list[tuple[int, int, tuple[str, str, float]]]:
    """(first token, end token, (type, sub-type, confidence)) of each trigger."""
    out = []
    toks = sent.tokens
    lemmas = [_norm(t.lemma) for t in toks]
    used: set[int] = set()
    for k, lemma in enumerate(lemmas):
        if lemma in _FIRSTS:
            for phrase, meaning in _PHRASES.items():
                n = len(phrase)
                if tuple(lemmas[k : k + n]) == phrase:
                    out.append((toks[k].i, toks[k + n - 1].i + 1, meaning))
                    used.update(range(k, k + n))
                    break
    for k, lemma in enumerate(lemmas):
        if k in used or lemma not in _WORDS:
            continue
        event_type, sub, conf, pos = _WORDS[lemma]
        if pos and toks[k].pos not in pos:
            continue
        if toks[k].tag.startswith("PRTF"):
            continue  # "протестующие", "погибшие": a participle names people, not a happening
        out.append((toks[k].i, toks[k].i + 1, (event_type, sub, conf)))
    return sorted(out)


def _referred(sent: _Sentence, start: int, end: int | None = None) -> bool:
    """Whether the trigger is only referred to, not reported.

    "подозреваемых в организации беспорядков" (a charge), "погибших в ходе
    протестов", "после митинга" (the background of another happening).
    """
    if any(_norm(sent.tok(a).lemma) in lx.REFERRING for a in sent.ancestors(start, 2)):
        return True
    # a phrase ("ракетного удара") is referred to through its noun
    nouns = [i for i in range(start, end or start + 1) if sent.tok(i).pos == "NOUN"]
    if not nouns:
        return False
    start = nouns[-1]
    if sent.case_of(start) in lx.BACKGROUND_PREPS:
        return True
    head = sent.tok(start).head
    return (
        head != start
        and sent.tok(start).dep == "nmod"
        and _norm(sent.tok(head).lemma) in lx.BACKGROUND_HEADS
        and sent.case_of(head) in ("в", "во", "по")
    )


def _governor(sent: _Sentence, i: int) -> int:
    """The verb that governs token ``i`` (itself when it is a verb)."""
    if sent.tok(i).pos == "VERB":
        return i
    for a in sent.ancestors(i):
        if sent.tok(a).pos in ("VERB", "ADJ") or sent.tok(a).dep == "root":
            return a
    return i


def _held_back(sent: _Sentence, start: int, end: int) -> str:
    """Why the trigger at ``start:end`` holds no event ("negated", "planned"), or ""."""
    verb = _governor(sent, start)
    scope = {start, verb, *sent.ancestors(verb, 2)}
    clauses = {sent.clause[i] for i in scope if i in sent.clause}
    for tok in sent.tokens:
        if sent.clause[tok.i] not in clauses:
            continue
        low, lemma = tok.text.lower(), _norm(tok.lemma)
        if low in lx.NEGATION or lemma in lx.NEGATION:
            return "negated"
        if lemma in lx.PLANNED:
            return "planned"
    for i in scope:
        tag = sent.tok(i).tag
        if "futr" in tag or sent.tok(i).text.lower() in ("будет", "будут"):
            return "planned"
    return ""


def _mention_at(doc: Document) -> dict[int, int]:
    out = {}
    for k, m in enumerate(doc.mentions):
        for tok in doc.tokens:
            if tok.start >= m.start and tok.end <= m.end:
                out[tok.i] = k
    return out


def _eventful(m: Mention) -> bool:
    return m.place is not None and m.kind in ("place", "region")


def _place(sent: _Sentence, start: int, mention_of: dict[int, int]) -> tuple[list[int], str]:
    """The mentions (indices) where the trigger at ``start`` happened, and why."""
    doc = sent.doc

    def ok(i: int) -> bool:
        k = mention_of.get(i)
        if k is None or not _eventful(doc.mentions[k]):
            return False
        if sent.case_of(i) in lx.ORIGIN:
            return False
        head = sent.tok(i).head
        if sent.tok(i).dep == "nmod" and head in mention_of:
            return False  # "Алматы, Казахстан" style qualifier: the first name counts
        if sent.tok(i).dep == "nmod" and _norm(sent.tok(head).lemma) not in lx.PLACE_NOUNS:
            # "президент Казахстана", "МВД Казахстана" — unless the head is the trigger
            if head != start and sent.case_of(i) not in lx.LOCATIVE:
                return False
        return True

    def with_list(i: int) -> list[int]:
        found = [mention_of[i]]
        for c in sent.children.get(i, []):
            if sent.tok(c).dep == "conj" and ok(c) and mention_of[c] not in found:
                found.append(mention_of[c])
        return found

    def placed(c: int, node: int) -> bool:
        tok = sent.tok(c)
        if sent.case_of(c) in lx.LOCATIVE or tok.dep in ("nmod", "appos"):
            return True
        # "обстреляли Харьков": the object of a verb of attack
        return tok.dep == "obj" and node == start and sent.tok(start).pos == "VERB"

    def below(node: int, depth: int = 2) -> list[int]:
        """Placed mentions among the dependents of ``node`` (through place nouns)."""
        hits = [c for c in sent.children.get(node, []) if ok(c) and placed(c, node)]
        if depth:
            for c in sent.children.get(node, []):
                tok = sent.tok(c)
                if (
                    tok.dep in ("obl", "nmod", "obj", "nsubj")
                    and _norm(tok.lemma) in lx.PLACE_NOUNS
                ):
                    hits += below(c, depth - 1)
        return hits

    for node in [start, *sent.ancestors(start, 3)]:
        hits = below(node)
        if not hits and _norm(sent.tok(node).lemma) in lx.UNDERGO:
            hits = [c for c in sent.children.get(node, []) if sent.tok(c).dep == "nsubj" and ok(c)]
        if hits:
            # the most precise of them: a settlement before a region before a country
            hit = min(hits, key=lambda c: (_rank(doc.mentions[mention_of[c]]), c))
            return with_list(hit), "syntax"
    clause = sent.clause.get(start)
    for tok in sent.tokens:
        if sent.clause[tok.i] == clause and ok(tok.i) and sent.case_of(tok.i) in lx.LOCATIVE:
            return with_list(tok.i), "clause"
    # "в городе", "в республике": the last place of that kind named before
    found = _anaphora(sent, doc.tokens[start].start, mention_of)
    if found is not None:
        return [found[0]], found[1]
    return [], ""


def _rank(m: Mention) -> int:
    place = m.place
    if place is None:
        return 3
    if place.feature_code.startswith("PCL"):
        return 2
    return 1 if place.is_area else 0


def _anaphora(sent: _Sentence, before: int, mention_of: dict[int, int]) -> tuple[int, str] | None:
    for tok in sent.tokens:
        kind = lx.ANAPHORA.get(_norm(tok.lemma))
        case = sent.case_of(tok.i)
        if not case and tok.dep == "nmod" and _norm(sent.tok(tok.head).lemma) in lx.PLACE_NOUNS:
            case = sent.case_of(tok.head)  # "на окраине города"
        if kind and case in lx.LOCATIVE and tok.i not in mention_of:
            k = _last_of_kind(sent.doc, kind, before)
            if k is not None:
                return k, f"anaphora: {tok.text}"
    return None


def _from_paragraph(
    sents: list[_Sentence], index: int, mention_of: dict[int, int]
) -> tuple[int, str] | None:
    """The place set by the sentences before ``index`` in its paragraph (two at most).

    The last mention after a locative preposition ("Особенно обострилась ситуация
    в Алма-Ате. Протестующие ворвались..."), or a "в городе" of that sentence.
    """
    doc = sents[index].doc
    start = doc.sentences[index][0]
    for back in (1, 2):
        j = index - back
        if j < 0 or not sents[j].tokens:
            return None
        a = doc.sentences[j][1]
        if _PARAGRAPH.search(doc.text[a:start]):
            return None
        sent = sents[j]
        for tok in reversed(sent.tokens):
            k = mention_of.get(tok.i)
            if k is not None and _eventful(doc.mentions[k]) and sent.case_of(tok.i) in lx.LOCATIVE:
                return k, "paragraph"
        found = _anaphora(sent, doc.sentences[j][0] + 1, mention_of)
        if found is not None:
            return found[0], "paragraph " + found[1]
    return None


def _affiliation(sent: _Sentence, start: int, mention_of: dict[int, int]) -> int | None:
    """The country of the actor of a strategic development ("президент Казахстана")."""
    verb = _governor(sent, start)
    for node in [verb, *sent.ancestors(verb, 2)]:
        for c in sent.children.get(node, []):
            if not sent.tok(c).dep.startswith("nsubj"):
                continue
            if c in mention_of and _eventful(sent.doc.mentions[mention_of[c]]):
                return mention_of[c]  # "Алма-Ата окружена блокпостами"
            kids = sent.children.get(c, [])
            for g in sorted(kids, key=lambda g: sent.tok(g).dep != "appos"):
                k = mention_of.get(g)
                if (
                    k is not None
                    and _eventful(sent.doc.mentions[k])
                    and sent.case_of(g) not in lx.ORIGIN
                ):
                    place = sent.doc.mentions[k].place
                    if sent.tok(g).dep == "appos" or place.feature_code.startswith("PCL"):
                        return k
    return None


def _paragraph_date(sents: list[_Sentence], index: int) -> tuple | None:
    """A date expression of an earlier sentence of the paragraph, at precision 2."""
    doc = sents[index].doc
    start = doc.sentences[index][0]
    for j in range(index - 1, max(-1, index - 3), -1):
        a, b = doc.sentences[j]
        if _PARAGRAPH.search(doc.text[b:start]):
            return None
        found = find_date_ru(doc.text[a:b], doc.date)
        if found is not None:
            return found[0], max(2, found[1])
    return None


def _last_of_kind(doc: Document, kind: str, before: int) -> int | None:
    for k in range(len(doc.mentions) - 1, -1, -1):
        m = doc.mentions[k]
        if m.start >= before or not _eventful(m):
            continue
        code = m.place.feature_code
        if kind == "country" and code.startswith("PCL"):
            return k
        if kind == "city" and m.place.feature_class == "P":
            return k
        if kind == "region" and code.startswith("ADM"):
            return k
    return None


def _actor(sent: _Sentence, start: int) -> tuple[str | None, str | None]:
    verb = _governor(sent, start)
    actor = None
    target = None
    for c in sent.children.get(verb, []):
        tok = sent.tok(c)
        if (
            tok.dep in ("nsubj", "nsubj:pass")
            and tok.pos in ("NOUN", "PROPN", "ADJ")
            and actor is None
        ):
            mods = [m for m in sent.children.get(c, []) if sent.tok(m).dep == "amod" and m < c]
            first = min([c, *mods])
            actor = sent.doc.text[sent.tok(first).start : tok.end]
        if tok.dep == "obj" and tok.pos in ("NOUN", "PROPN") and target is None:
            target = tok.text
    return actor, target


def _typed(
    sent: _Sentence,
    start: int,
    meaning: tuple[str, str, float],
    actor: str | None,
    target: str | None,
) -> tuple[str, str, float]:
    event_type, sub, conf = meaning
    verb = _governor(sent, start)
    near = [_norm(sent.tok(i).lemma) for i in [verb, *sent.children.get(verb, [])]]
    words = {_norm(w) for w in near}
    if actor:
        words.update(_norm(lm) for lm in _lemmas_of(sent, actor))
    remote = next((lx.REMOTE[w] for w in words if w in lx.REMOTE), None)
    if remote is not None and event_type in (BATTLES, VAC, RIOTS):
        return EXPLOSIONS, remote, conf
    if (
        event_type == VAC
        and sub == "Attack"
        and (words & lx.PROTESTERS or _inanimate_target(sent, verb))
    ):
        return RIOTS, "Violent demonstration", conf
    if event_type != VAC and target and words & lx.CIVILIANS:
        return VAC, "Attack", conf
    return event_type, sub, conf


def _inanimate_target(sent: _Sentence, verb: int) -> bool:
    """Whether the verb's "на"-object is a thing ("напасть на изолятор"), not people."""
    for c in sent.children.get(verb, []):
        tok = sent.tok(c)
        if tok.dep in ("obl", "obj") and sent.case_of(c) == "на" and tok.pos == "NOUN":
            return "inan" in tok.tag
    return False


def _lemmas_of(sent: _Sentence, text: str) -> list[str]:
    return [t.lemma for t in sent.tokens if t.text in text.split()]


def _fatalities(text: str) -> int | None:
    for regex in _FATAL:
        if m := regex.search(text):
            return int(m[1])
    return None


def extract_events_ru(doc: Document) -> Document:
    """Return a Russian ``doc`` (analysed, resolved) with its events."""
    by_sent: list[list[Token]] = [[] for _ in doc.sentences]
    for tok in doc.tokens:
        by_sent[tok.sent].append(tok)
    mention_of = _mention_at(doc)
    events: list[Event] = []
    sents = [_Sentence(doc, index, toks) for index, toks in enumerate(by_sent)]
    for index, toks in enumerate(by_sent):
        if not toks:
            continue
        sent = sents[index]
        for start, end, meaning in _triggers(sent):
            if _held_back(sent, start, end) or _referred(sent, start, end):
                continue
            places, how = _place(sent, start, mention_of)
            if not places:
                before = [
                    mention_of[t.i]
                    for t in toks
                    if t.i < start
                    and t.i in mention_of
                    and _eventful(doc.mentions[mention_of[t.i]])
                    and sent.case_of(t.i) in lx.LOCATIVE
                ]
                if before:
                    places, how = [before[-1]], "sentence"
            if not places:
                back = _from_paragraph(sents, index, mention_of)
                if back is not None:
                    places, how = [back[0]], back[1]
                elif meaning[0] == "Strategic developments":
                    k = _affiliation(sent, start, mention_of)
                    places, how = ([k], "actor's country") if k is not None else ([], "")
            if not places:
                continue
            a, b = doc.sentences[index]
            text = doc.text[a:b]
            clause_text = " ".join(t.text for t in toks if sent.clause[t.i] == sent.clause[start])
            found = (
                find_date_ru(clause_text, doc.date)
                or find_date_ru(text, doc.date)
                or _paragraph_date(sents, index)
            )
            date, precision = found if found else (doc.date, 1)
            actor, target = _actor(sent, start)
            event_type, sub, conf = _typed(sent, start, meaning, actor, target)
            trigger = doc.text[doc.tokens[start].start : doc.tokens[end - 1].end]
            for i in places:
                events.append(
                    Event(
                        event_type=event_type,
                        sub_event_type=sub,
                        trigger=trigger,
                        trigger_start=doc.tokens[start].start,
                        trigger_end=doc.tokens[end - 1].end,
                        evidence_start=a,
                        evidence_end=b,
                        sent=index,
                        event_date=date,
                        time_precision=precision,
                        actor1=actor,
                        actor2=target,
                        fatalities=_fatalities(text),
                        mention=i,
                        geo_precision=1 if how == "syntax" else 2,
                        confidence=round(conf if how == "syntax" else conf - 0.1, 3),
                        location_why=how,
                    )
                )
    return dataclasses.replace(doc, events=_merge(events, doc.mentions))


def _merge(events: list[Event], mentions: tuple[Mention, ...]) -> tuple[Event, ...]:
    """One event per type, sub-type, place and day, with every evidence span."""
    out: list[Event] = []
    seen: dict[tuple, int] = {}
    for event in events:
        place = mentions[event.mention].place if event.mention is not None else None
        key = (
            event.event_type,
            event.sub_event_type,
            place.geonameid if place else None,
            event.event_date,
        )
        if key in seen:
            k = seen[key]
            first = out[k]
            spans = {*first.more_evidence, (event.evidence_start, event.evidence_end)}
            spans.discard((first.evidence_start, first.evidence_end))
            out[k] = dataclasses.replace(
                first,
                more_evidence=tuple(sorted(spans)),
                fatalities=first.fatalities or event.fatalities,
                actor1=first.actor1 or event.actor1,
                confidence=max(first.confidence, event.confidence),
            )
            continue
        seen[key] = len(out)
        out.append(event)
    return tuple(out)
