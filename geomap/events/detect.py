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
from geomap.events import vocabulary as vc
from geomap.events._syntax import Parse
from geomap.events.actors import actor_name, owner_name
from geomap.events.classify import Classifier, _only_people
from geomap.events.dates import normalise_date
from geomap.events.incidents import Report, group_incidents, merge_events
from geomap.events.locate import NOT_LOCATIONS, Link, Locator, link_trigger
from geomap.events.place_words import LOCATIVE
from geomap.events.tolls import _ADDITIVE, _CASUALTY_WORDS, TollReader
from geomap.model import Document, Event, Token

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


class _Extractor(Classifier, TollReader):
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
    def _place_tokens(self) -> frozenset[int]:
        """Tokens of the place mentions (and place names) of the document."""
        return frozenset(i for a, b in self.locator.spans for i in range(a, b))

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
            if depth > 0 and tok.lemma.lower() in vc.NOT_HAPPENED:
                return f"governed by '{tok.text}'"
            for c in self.parse.children[i]:
                child = toks[c]
                word = child.text.lower()
                if child.dep == "neg" and depth <= 1:
                    return f"negated by '{child.text}'"
                if child.dep in ("det",) and word == "no" and depth == 0:
                    return "negated by 'no'"
                if child.dep in ("aux", "auxpass") and word in vc.MODALS and depth <= 1:
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
            toll = self.tokens[head.head].lemma.lower() in _CASUALTY_WORDS
            if toll and found.trigger.event_type in (lx.BATTLES, lx.EXPLOSIONS):
                return False  # "killed during clashes": the clashes that took the lives
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

    def run(self) -> tuple[Event, ...]:
        reports: list[Report] = []
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
                caused = self._caused_by(found, triggers)
                typed = caused or typed
                if typed is None:
                    continue
                span = range(found.start, found.end)
                others = frozenset(trigger_tokens - set(span))
                links = self._links(span, governor, sent, para, last_link, others)
                if not links:
                    continue
                acts = self._conjoined_acts(head_tok, typed[0], links, trigger_tokens)
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
                if not links[0].inherited:
                    last_link[para] = (links[0].mention, links[0].precision)
                subj, obj = self._participants(governor, exclude=trigger_tokens)
                if self.tokens[head_tok].pos != "VERB" and self.tokens[governor].lemma not in (
                    "impose",
                    "declare",
                ):
                    subj = [t for t in subj if t.dep == "pobj"]  # a nominal trigger: only "by X"
                if not subj:
                    subj = self._inherited_subject(head_tok, trigger_tokens)
                kind = "casualty" if caused else self._report_kind(found, head_tok, subj)
                first_tok, last_tok = self.tokens[found.start], self.tokens[found.end - 1]
                s_start, s_end = self.doc.sentences[sent]
                for act, link in [(None, k) for k in links] + acts:
                    if act is not None:
                        first_tok = last_tok = self.tokens[act]
                    place = self.doc.mentions[link.mention].place
                    country = place.country if place is not None else ""
                    confidence = found.trigger.confidence * (0.85 if link.inherited else 1.0)
                    if self.doc.date is None:
                        confidence *= 0.8
                    actor1, actor2 = self._actors(typed[0], head_tok, subj, obj, country)
                    event = Event(
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
                        actor1=actor1,
                        actor2=actor2,
                        fatalities=self._fatalities(sent) if typed[0] != lx.SD else None,
                        mention=link.mention,
                        geo_precision=link.precision,
                        confidence=round(min(1.0, confidence), 3),
                        location_why=link.why,
                    )
                    additive = bool(_ADDITIVE.search(self.doc.sentence_text(sent)))
                    reports.append(Report(event, kind, link.inherited, additive))
        incidents = group_incidents(reports, self.doc.mentions)
        return merge_events(incidents, self.doc.mentions)

    def _inherited_subject(self, head: int, exclude: set[int]) -> list[Token]:
        """The subject a verb shares with the verb it is coordinated with or completes.

        "Youths set cars on fire and **attacked** police stations", "protesters tried
        to **storm** the city hall": the actor is the subject of the first verb.
        """
        cur = self.tokens[head]
        for _ in range(3):
            if cur.pos != "VERB" or cur.dep not in ("conj", "xcomp"):
                return []
            cur = self.tokens[cur.head]
            subj, _ = self._participants(cur.i, exclude=exclude)
            if subj:
                return subj
        return []

    def _conjoined_acts(
        self, head: int, event_type: str, links: list[Link], triggers: set[int]
    ) -> list[tuple[int, Link]]:
        """Verbs coordinated with the trigger's that tell the same actors acting elsewhere.

        "Farmers blocked roads near A and dumped manure in B", "youths burned cars in A
        and looted shops in B": a coordinated verb with no subject of its own shares the
        trigger's actors and its kind of event; a place of its own is another event.
        """
        if event_type == lx.SD or self.tokens[head].pos != "VERB":
            return []
        taken = {k.mention for k in links}
        out: list[tuple[int, Link]] = []
        for c in self.parse.children[head]:
            tok = self.tokens[c]
            if tok.dep != "conj" or tok.pos != "VERB" or c in triggers:
                continue
            if any(self.tokens[g].dep in ("nsubj", "nsubjpass") for g in self.parse.children[c]):
                continue  # a subject of its own: someone else's act
            for index, mention in enumerate(self.doc.mentions):
                if index in taken or mention.place is None or mention.sent != tok.sent:
                    continue
                if mention.kind in NOT_LOCATIONS:
                    continue
                path = self.locator._path(index, range(c, c + 1))
                if path is None:
                    continue
                prep, excluded, precision = self.locator._describe(index, path)
                if excluded or prep not in LOCATIVE:
                    continue
                taken.add(index)
                why = f"trigger-level link via '{prep}' of a coordinated act"
                out.append((c, Link(index, precision, why)))
        return out

    def _actors(
        self, event_type: str, head: int, subj: list[Token], obj: list[Token], country: str
    ) -> tuple[str | None, str | None]:
        """ACLED-style actor1 (who acted) and actor2 (who was acted on) of an event."""
        places = self._place_tokens
        actor1 = actor_name(self.parse, subj, country, places=places)
        if actor1 is None and self.tokens[head].pos == "NOUN":
            # "an al-Shabaab attack", "a Taliban ambush": the group named on the noun
            actor1 = owner_name(self.parse, head)
        people = actor_name(self.parse, subj, country, victims=True, places=places)
        where = f" ({country})" if country else ""
        nouns = [t for t in subj if t.pos in ("NOUN", "PROPN") and t.i not in places]
        if event_type == lx.PROTESTS and nouns and (actor1 is None or people != actor1):
            actor1 = "Protesters" + where  # farmers, students, truckers or a crowd who protest
        elif event_type == lx.RIOTS and (people or "").startswith(("Civilians", "Protesters")):
            actor1 = "Rioters" + where
        if event_type == lx.SD:
            return actor1, None
        actor2 = actor_name(self.parse, obj, country, victims=True, places=places)
        if actor2 is None:
            harmed = self._harmed(self.tokens[head].sent)
            actor2 = actor_name(self.parse, harmed, country, victims=True, places=places)
        if event_type == lx.VAC and actor2 is None:
            actor2 = "Civilians" + where  # violence against civilians is against civilians
        return actor1, actor2

    def _links(
        self,
        trigger_span: range,
        governor: int,
        sent: int,
        para: int,
        last_link: dict[int, tuple[int, int]],
        others: frozenset[int],
    ) -> list[Link]:
        """Where the event happened: every place of its sentence, else one given by discourse."""
        first, last = self.tokens[trigger_span.start], self.tokens[trigger_span.stop - 1]
        links = link_trigger(self.doc, first.start, last.end, locator=self.locator, others=others)
        if links:
            return links
        link = self._discourse_link(trigger_span.start, governor, sent, para, last_link)
        return [] if link.mention is None else [link]

    def _discourse_link(
        self,
        trigger: int,
        governor: int,
        sent: int,
        para: int,
        last_link: dict[int, tuple[int, int]],
    ) -> Link:
        """The place of an event whose sentence names none: anaphora, then the paragraph's."""
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
