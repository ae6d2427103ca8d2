"""Event extraction: triggers -> typed events with place, date, actors and fatalities.

The stage runs on a document whose mentions are resolved. For every sentence it
finds trigger words (:mod:`geomap.events.lexicon`), drops those that did not
happen (negated, planned, hypothetical, denied), refines the type from context,
links the place (:mod:`geomap.events.locate`), normalises the date
(:mod:`geomap.events.dates`), reads actors and fatalities, and finally merges
reports of one happening into one event.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter

from geomap.events import lexicon as lx
from geomap.events._syntax import Parse
from geomap.events.classify import Classifier, _only_people
from geomap.events.dates import normalise_date
from geomap.events.incidents import merge_events
from geomap.events.locate import NOT_LOCATIONS, Link, Locator, link_trigger
from geomap.model import Document, Event, Token

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_NUM = r"(\d[\d,]*|" + "|".join(_NUMBER_WORDS) + r")"
_ABOUT = r"(?:(?:at least|more than|over|some|about|around|nearly|almost)\s+)?"
_FATAL = re.compile(
    r"\b" + _ABOUT + _NUM + r"\s+(?:[\w-]+\s+){0,3}?"
    r"(?:were\s+|have been\s+|had been\s+|was\s+)?(?:killed|dead|died|deaths?|lives)\b"
    r"|\b(?:killing|killed|kills|leaving)\s+" + _ABOUT + _NUM + r"\b",
    re.I,
)
_PARAGRAPH = re.compile(r"\n\s*\n")
#: people named by the event they take part in ("participants in the riots")
_PEOPLE_IN_EVENTS = frozenset(
    {
        "participant",
        "leader",
        "organizer",
        "organiser",
        "member",
        "victim",
        "instigator",
        "supporter",
    }
)
#: verbs whose object event is referred to, not reported ("caused the riots")
_REFERRING_VERBS = frozenset(
    {
        "cause",
        "provoke",
        "incite",
        "organize",
        "organise",
        "condemn",
        "blame",
        "investigate",
        "call",
        "defy",
        "violate",
        "flout",
    }
)
#: prepositions whose object names a known happening, not a new one
_BACKGROUND_PREPS = frozenset(
    {"during", "after", "before", "amid", "since", "following", "despite", "because"}
)
#: "because of X", "in the wake of X", "as a result of X", "due to X": X is a cause
_CAUSES = frozenset({("of", "because"), ("of", "wake"), ("of", "result"), ("to", "due")})


class _Extractor(Classifier):
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        breaks = [m.end() for m in _PARAGRAPH.finditer(doc.text)]
        starts = [s + len(doc.text[s:e]) - len(doc.text[s:e].lstrip()) for s, e in doc.sentences]
        self.paragraph = [sum(1 for b in breaks if b <= s) for s in starts]
        self.focus = self._focus_country()

    @functools.cached_property
    def parse(self) -> Parse:
        """The document's parse (made when a trigger needs it)."""
        return Parse(self.doc)

    @functools.cached_property
    def locator(self) -> Locator:
        """Where the document's events happened (made when a trigger needs it)."""
        return Locator(self.doc)

    # -- helpers -----------------------------------------------------------------
    def _focus_country(self) -> int | None:
        """Index of a mention of the document's focus country, if one dominates."""
        votes: Counter[str] = Counter()
        for m in self.doc.mentions:
            if m.place is not None and m.place.country_code:
                votes[m.place.country_code] += 1
        if not votes:
            return None
        code, _ = votes.most_common(1)[0]
        for index, m in enumerate(self.doc.mentions):
            if (
                m.place is not None
                and m.place.feature_code.startswith("PCL")
                and m.place.country_code == code
            ):
                return index
        return None

    def _governor(self, i: int) -> int:
        """The verb whose clause holds token ``i`` (``i`` itself for a verb)."""
        tok = self.tokens[i]
        if tok.pos in ("VERB", "AUX"):
            return i
        for head in self.parse.ancestors(i):
            if self.tokens[head].pos in ("VERB", "AUX"):
                return head
        return i

    def _did_not_happen(self, start: int, end: int) -> str:
        """A reason the trigger at ``start`` did not happen (empty when it did)."""
        toks = self.tokens
        trigger = start
        for i in range(start, end):
            if toks[i].pos in ("VERB", "NOUN"):
                trigger = i
                break
        chain = [trigger, *self.parse.ancestors(trigger)[:4]]
        for depth, i in enumerate(chain):
            tok = toks[i]
            if depth > 0 and tok.lemma.lower() in lx.NOT_HAPPENED:
                return f"governed by '{tok.text}'"
            for c in self.parse.children[i]:
                child = toks[c]
                word = child.text.lower()
                if child.dep == "neg" and depth <= 1:
                    return f"negated by '{child.text}'"
                if child.dep in ("det",) and word == "no" and depth == 0:
                    return "negated by 'no'"
                if child.dep in ("aux", "auxpass") and word in lx.MODALS and depth <= 1:
                    return f"modal '{child.text}'"
                if child.dep == "mark" and word in ("if", "unless") and depth <= 1:
                    return f"hypothetical '{child.text}'"
            if (
                self.parse.is_clause_head(i)
                and depth > 0
                and tok.dep not in ("xcomp", "conj", "pcomp")
            ):
                break
        return ""

    def _is_background(self, found: lx.Found) -> bool:
        """Whether a nominal trigger only refers to events told elsewhere.

        "during the protests", "the participants in the riots", "the bandits who
        caused the riots": the noun names a known happening, it does not report one.
        """
        tok = self.tokens[found.start]
        if tok.pos not in ("NOUN", "PROPN") or found.end - found.start > 1:
            return False
        head = self.tokens[tok.head]
        if tok.dep == "pobj":
            prep = head.text.lower()
            if prep in _BACKGROUND_PREPS:
                return True
            owner = self.tokens[head.head]
            if (prep, owner.text.lower()) in _CAUSES:
                return True  # "fled because of the attacks": a cause, told elsewhere
            return owner.lemma.lower() in _PEOPLE_IN_EVENTS
        return tok.dep == "dobj" and head.lemma.lower() in _REFERRING_VERBS

    def _is_consequence(self, found: lx.Found, trigger_tokens: set[int]) -> bool:
        """Whether a kill/injure trigger only tells the toll of another trigger's event."""
        tok = self.tokens[found.start]
        if tok.lemma.lower() not in lx.CONSEQUENCES:
            return False
        if any(head in trigger_tokens for head in self.parse.ancestors(found.start)[:3]):
            return True
        # "An airstrike hit a market, killing 12": a participle after another trigger
        others = trigger_tokens - set(range(found.start, found.end))
        return tok.tag == "VBG" and tok.dep in ("advcl", "xcomp", "conj", "acl") and bool(others)

    def _date(self, trigger: int, governor: int) -> tuple[object, int, bool]:
        """(date, precision, explicit?) for a trigger."""
        toks = self.tokens
        sent = toks[trigger].sent
        ref = self.doc.date
        dates = [
            e for e in self.doc.entities if e[2] in ("DATE", "TIME") and toks[e[0]].sent == sent
        ]
        # prefer a date inside the trigger's or its governor's subtree
        near = set(self.parse.subtree(governor)) | set(self.parse.subtree(trigger))
        dates.sort(key=lambda e: (0 if e[0] in near else 1, abs(e[0] - trigger)))
        for a, b, _ in dates:
            text = self.doc.text[toks[a].start : toks[b - 1].end]
            got = normalise_date(text, ref)
            if got is not None:
                return got[0], got[1], True
        sent_start, sent_end = self.doc.sentences[sent]
        sent_text = self.doc.text[sent_start:sent_end].lower()
        for phrase in ("earlier that day", "overnight", "yesterday", "today", "last night"):
            if phrase in sent_text:
                got = normalise_date(phrase, ref)
                if got:
                    return got[0], got[1], True
        return None, 1, False

    def _tense_precision(self, head: int) -> int:
        """1 for present or progressive reports, 2 for undated past ones."""
        tok = self.tokens[head]
        if tok.tag in ("VBZ", "VBP", "VBG"):
            return 1
        aux = [
            self.tokens[c]
            for c in self.parse.children[head]
            if self.tokens[c].dep in ("aux", "auxpass")
        ]
        if any(a.tag in ("VBZ", "VBP") and a.lemma != "have" for a in aux):
            return 1
        return 2

    def _actor(self, toks: list[Token], country: str) -> str | None:
        for tok in toks:
            lemma = tok.lemma.lower()
            if tok.pos in ("PRON", "DET"):
                continue
            if lemma in ("protester", "protestor", "demonstrator", "participant"):
                return f"Protesters ({country})" if country else "Protesters"
            if lemma in ("rioter", "criminal", "bandit", "looter", "mob", "attacker"):
                return f"Rioters ({country})" if country else "Rioters"
            if lemma in ("police", "policeman", "officer"):
                return f"Police Forces of {country}" if country else "Police Forces"
            if lemma in ("army", "military", "soldier", "troop"):
                return f"Military Forces of {country}" if country else "Military Forces"
            subtree = self.parse.subtree(tok.i)
            text = " ".join(
                self.tokens[i].text for i in subtree if self.tokens[i].dep not in ("det", "punct")
            )
            if len(subtree) <= 8 and text:
                return text
            return tok.text
        return None

    def _fatalities(self, sent: int) -> int | None:
        start, end = self.doc.sentences[sent]
        m = _FATAL.search(self.doc.text[start:end])
        if not m:
            return None
        raw = (m[1] or m[2]).lower().replace(",", "")
        return int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)

    # -- the stage ---------------------------------------------------------------
    def run(self) -> tuple[Event, ...]:
        events: list[Event] = []
        last_link: dict[int, tuple[int, int]] = {}  # paragraph -> (mention, precision)
        last_date: dict[int, tuple[object, int]] = {}
        by_sent: list[list[Token]] = [[] for _ in self.doc.sentences]
        for tok in self.tokens:
            by_sent[tok.sent].append(tok)
        for sent, sent_tokens in enumerate(by_sent):
            para = self.paragraph[sent]
            triggers = lx.match_triggers(sent_tokens)
            triggers = [f for f in triggers if not _only_people(f, triggers, self.tokens)]
            trigger_tokens = {i for f in triggers for i in range(f.start, f.end)}
            for found in triggers:
                if self._did_not_happen(found.start, found.end) or self._is_background(found):
                    continue
                if self._is_consequence(found, trigger_tokens):
                    continue
                head_tok = next(
                    (
                        i
                        for i in range(found.start, found.end)
                        if self.tokens[i].pos in ("VERB", "NOUN")
                    ),
                    found.start,
                )
                governor = self._governor(head_tok)
                typed = self._classify(found, governor)
                if typed is None:
                    continue
                span = range(found.start, found.end)
                others = frozenset(trigger_tokens - set(span))
                link = self._link(span, governor, sent, para, last_link, others)
                if link.mention is None:
                    continue
                date, precision, explicit = self._date(head_tok, governor)
                if explicit and self.doc.date is not None and date > self.doc.date:
                    continue  # a future date: planned, not happened
                if not explicit:
                    if para in last_date:
                        date, precision = last_date[para][0], max(2, last_date[para][1])
                    else:
                        date, precision = self.doc.date, self._tense_precision(governor)
                else:
                    last_date[para] = (date, precision)
                if not link.inherited:
                    last_link[para] = (link.mention, link.precision)
                place = self.doc.mentions[link.mention].place
                country = place.country if place is not None else ""
                subj, obj = self._participants(governor, exclude=trigger_tokens)
                if self.tokens[head_tok].pos != "VERB" and self.tokens[governor].lemma not in (
                    "impose",
                    "declare",
                ):
                    subj = [t for t in subj if t.dep == "pobj"]  # a nominal trigger: only "by X"
                confidence = found.trigger.confidence * (0.85 if link.inherited else 1.0)
                if self.doc.date is None:
                    confidence *= 0.8
                first_tok, last_tok = self.tokens[found.start], self.tokens[found.end - 1]
                s_start, s_end = self.doc.sentences[sent]
                events.append(
                    Event(
                        event_type=typed[0],
                        sub_event_type=typed[1],
                        trigger=self.doc.text[first_tok.start : last_tok.end],
                        trigger_start=first_tok.start,
                        trigger_end=last_tok.end,
                        evidence_start=s_start,
                        evidence_end=s_end,
                        sent=sent,
                        event_date=date,
                        time_precision=precision,
                        actor1=self._actor(subj, country),
                        actor2=self._actor(obj, country) if typed[0] != lx.SD else None,
                        fatalities=self._fatalities(sent) if typed[0] != lx.SD else None,
                        mention=link.mention,
                        geo_precision=link.precision,
                        confidence=round(min(1.0, confidence), 3),
                        location_why=link.why,
                    )
                )
        return merge_events(events, self.doc.mentions)

    def _link(
        self,
        trigger_span: range,
        governor: int,
        sent: int,
        para: int,
        last_link: dict[int, tuple[int, int]],
        others: frozenset[int],
    ) -> Link:
        trigger = trigger_span.start
        first, last = self.tokens[trigger_span.start], self.tokens[trigger_span.stop - 1]
        links = link_trigger(self.doc, first.start, last.end, locator=self.locator, others=others)
        if links:
            return links[0]
        kind = self.locator.anaphora(trigger, governor)
        mentions = self.doc.mentions
        before = [
            i
            for i, m in enumerate(mentions)
            if m.sent < sent and m.place is not None and m.kind not in NOT_LOCATIONS
        ]
        if kind == "country" and self.focus is not None:
            return Link(self.focus, 3, "'the republic/country': the document's focus country", True)
        if kind == "city":
            cities = [i for i in before if not mentions[i].place.is_area]
            if cities:
                return Link(cities[-1], 1, "'the city': the last city named before", True)
        if kind == "region":
            regions = [i for i in before if mentions[i].place.feature_code.startswith("ADM")]
            if regions:
                return Link(regions[-1], 3, "'the region': the last region named before", True)
        if para in last_link:
            mention, precision = last_link[para]
            return Link(mention, precision, "the paragraph's previous event location", True)
        in_para = [
            i
            for i in before
            if self.paragraph[mentions[i].sent] == para and i not in self.locator.in_list
        ]
        if in_para:
            m = mentions[in_para[-1]]
            return Link(in_para[-1], 3 if m.place.is_area else 1, "the paragraph's place", True)
        if self.focus is not None:
            return Link(
                self.focus, 3, "no place in the sentence: the document's focus country", True
            )
        return Link(None, 1, "no place", True)


def extract_events(doc: Document) -> Document:
    """Return ``doc`` with the events its text reports (mentions must be resolved)."""
    if not doc.tokens:
        return doc
    return dataclasses.replace(doc, events=_Extractor(doc).run())
