"""Event location linking: the place where an event happened, from syntax first.

For each trigger, the candidate places are the resolved mentions that the parse
attaches to it (or to the verb that governs it) without crossing into another
clause: "shooting **in Taldykorgan**", "an attack on a detention centre in the
city of **Taldykorgan**". A mention is not a location when it is only an origin
("peacekeepers **from Russia**"), an affiliation ("the President **of
Kazakhstan**", "the Aerospace Forces of the **Russian Federation**"), a member
of a long list ("the CSTO, which includes Russia, Belarus, ..."), a demonym, or
the source of a report ("traders **in London** said"). When the syntax gives
nothing, anaphora ("in **the city**", "in **the republic**") and then the
paragraph's previous event location are used; never the nearest mention alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from geomap.events._syntax import Parse, token_range
from geomap.events.clauses import ClauseWalker
from geomap.events.linker import load_model, pair_features, probability
from geomap.events.lists import ListRules
from geomap.events.place_words import (
    AFFILIATION,
    CITY_ANAPHORA,
    CONJOINED_COST,
    COUNTRY_ANAPHORA,
    DIRECTIONS,
    INSTITUTION_TOWN,
    INSTITUTIONS,
    LEVEL_SCORES,
    LOCATION_KINDS,
    LOCATIVE,
    MIN_SCORE,
    NAMED_LIST,
    NOT_LOCATIONS,
    NOT_PLACE,
    OWNER_ENTS,
    PATH_COST,
    PLACE_NOUNS,
    REGION_ANAPHORA,
    REPORTING,
    VICINITY,
)
from geomap.events.slots import shared_borders, unlisted_names
from geomap.model import Document, Mention


@dataclass(frozen=True, slots=True)
class Link:
    """The place chosen for an event and why."""

    mention: int | None
    precision: int
    why: str
    #: a place given by anaphora or discourse rather than a mention in the sentence
    inherited: bool = False


class Locator(ClauseWalker, ListRules):
    """Links triggers of one document to the mentions where their events happened."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.parse = Parse(doc)
        #: the document's mentions, then the unlisted names (see :func:`unlisted_names`)
        self.mentions: list[Mention] = list(doc.mentions)
        self.spans = [token_range(doc, m.start, m.end) for m in doc.mentions]
        names = [s for m, s in zip(doc.mentions, self.spans, strict=True) if m.kind != "modifier"]
        found = unlisted_names(doc, self.parse, names) + shared_borders(doc, self.spans)
        for a, b in found:
            tok_a, tok_b = doc.tokens[a], doc.tokens[b - 1]
            text = doc.text[tok_a.start : tok_b.end]
            self.mentions.append(
                Mention(tok_a.start, tok_b.end, text, text, "place", "EVENT", tok_a.sent)
            )
            self.spans.append((a, b))
        self.in_list = self._list_members()

    def _list_members(self) -> set[int]:
        """Mentions that are members of a list of three or more places."""
        heads: dict[int, int] = {}
        roots = {}
        for index, (a, b) in enumerate(self.spans):
            if b > a:
                roots[index] = self.parse.span_root(a, b)
        root_to_mention = {r: k for k, r in roots.items()}
        members: set[int] = set()
        for index, root in roots.items():
            # climb conj chain to its first member
            cur = root
            while (
                self.parse.tokens[cur].dep == "conj"
                and self.parse.tokens[cur].head in root_to_mention
            ):
                cur = self.parse.tokens[cur].head
            heads[index] = cur
        groups: dict[int, list[int]] = {}
        for index, head in heads.items():
            groups.setdefault(head, []).append(index)
        for group in groups.values():
            if len(group) >= 3:
                members.update(group)
        return members

    def _describe(self, mention: int, path: list[int]) -> tuple[str, bool, int]:
        """Return (preposition, excluded?, precision) for a mention reached by ``path``."""
        toks = self.parse.tokens
        m = self.mentions[mention]
        a, _ = self.spans[mention]
        prep = ""
        excluded = False
        precision = 3 if (m.place is not None and m.place.is_area) else 1
        for k, i in enumerate(path):
            tok = toks[i]
            if tok.dep == "prep" or tok.pos == "ADP":
                word = tok.text.lower()
                if not prep:
                    prep = word
                if word == "from" and k <= 2:
                    excluded = True
                if word in ("of", "from") and k + 1 < len(path) and self._distance(path[k + 1]):
                    excluded = True  # "a town 100 km northeast of X": X is a reference point
                if word == "of" and k + 1 < len(path) and k <= 3:
                    owner = toks[path[k + 1]]
                    noun = owner.lemma.lower()
                    placed = any(toks[path[j]].text.lower() in LOCATIVE for j in range(1, k))
                    if (
                        noun not in PLACE_NOUNS
                        and not placed  # "the offices of radio stations in X": X places them
                        and (
                            owner.pos == "PROPN"
                            or noun in AFFILIATION
                            or owner.ent_type in OWNER_ENTS
                        )
                    ):
                        excluded = True  # affiliation: "the President of X"
                    elif noun in VICINITY and precision == 1:
                        precision = 2
                    if noun in PLACE_NOUNS:
                        prep = ""  # "in the suburbs of X": the governing preposition counts
                if word in VICINITY and precision == 1:
                    precision = 2
            elif tok.lemma.lower() in VICINITY and precision == 1 and tok.i > a:
                precision = 2  # "the Alma-Ata airport"
        return prep, excluded, precision

    def candidates(
        self,
        trigger: range,
        governor: int,
        *,
        others: frozenset[int] = frozenset(),
        resolved_only: bool = True,
    ) -> list[tuple[float, int, int, str]]:
        """Scored (score, mention, precision, why) for the mentions linked to a trigger.

        ``trigger`` is the token range of the trigger word or phrase. Mentions
        linked to it syntactically score highest, then those in the clause of
        its governing verb, then (only through a locative preposition) others of
        the sentence that are not in a reporting clause above the trigger nor
        attached to one of the sentence's ``others`` triggers (token indices).
        Actors (the subject, "U.S. forces", "Mexico's army"), qualifiers of a
        more specific place ("Syria's Aleppo province") and mentions below
        :data:`MIN_SCORE` are left out.
        """
        out: list[tuple[float, int, int, str]] = []
        paths: dict[int, list[int]] = {}
        bare: set[int] = set()
        toks = self.parse.tokens
        first = trigger.start
        sent = toks[first].sent
        above = set(self.parse.ancestors(first))
        heads = {first, governor, *self._conjoined(first)}
        carrier = self._carrier(governor)
        targets = set(trigger) | self._conjoined(first)
        for index, mention in enumerate(self.mentions):
            if mention.sent != sent or mention.kind in NOT_LOCATIONS:
                continue
            if mention.place is None and resolved_only:
                continue
            a, b = self.spans[index]
            if b <= a or (a < trigger.stop and trigger.start < b):
                continue
            if self._institution(index):
                continue  # "marched towards Congress": a body that sits there, not a town
            if any(
                c <= a and b <= d and (c, d) != (a, b) and self.mentions[k].kind in LOCATION_KINDS
                for k, (c, d) in enumerate(self.spans)
            ):
                continue  # "Casas" inside "San Cristobal de las Casas": the whole name
            level = "trigger"
            path = self._path(index, targets)
            if path is None and governor not in trigger:
                path, level = self._path(index, {governor}), "clause"
            if path is None and carrier is not None:
                path, level = self._path(index, {carrier}), "clause"
            crossed: list[int] = []
            if path is None:
                path, crossed = self._subclause_path(index, heads | targets, others)
                level = "subclause"
            if path is None:
                path, level = self._sentence_path(index), "sentence"
                if any(
                    toks[i].lemma.lower() in REPORTING
                    and i in above
                    and k > 0
                    and path[k - 1] not in above | {first}
                    for k, i in enumerate(path)
                ):
                    continue  # "traders in London said ...": the source, not the place
                if any(i in others and i not in heads for i in path):
                    continue  # the place of another event of the sentence
                if any(
                    toks[i].dep == "conj" and toks[i].head in heads and i not in heads
                    for i in path
                    if toks[i].pos == "VERB"
                ):
                    continue  # "was captured and appeared before a judge in X": another act
            if self._after_other_event(path, others, heads):
                continue
            acting = heads | set(crossed) | ({carrier} if carrier is not None else set())
            if self._is_actor(index, path, acting) or self._is_source(path, trigger):
                continue
            prep, excluded, precision = self._describe(index, path)
            if excluded or self._in_parentheses(index):
                continue
            named = any(
                toks[i].text.lower() == "of" and toks[j].lemma.lower() in PLACE_NOUNS
                for i, j in zip(path, path[1:], strict=False)
            )  # "shelled the settlements of A, B and C": a list of the event's places
            named = named or (
                len(path) > 1
                and toks[path[0]].dep == "compound"
                and toks[path[1]].lemma.lower() in PLACE_NOUNS
            )  # "the X and Y villages"
            if (
                index in self.in_list
                and not named
                and (prep not in LOCATIVE or level == "sentence")
            ):
                continue  # "the CSTO, which includes Russia, Belarus, ..."
            score = LEVEL_SCORES[level]
            if level == "trigger" and toks[path[-1]].head not in trigger:
                score -= CONJOINED_COST  # the place of a verb told beside the trigger
            if prep in LOCATIVE:
                score += 1.0
            elif not prep and self._is_target(index, path, acting):
                score += 0.6
            elif prep in NOT_PLACE or any(
                toks[i].text.lower() in NOT_PLACE and toks[i].dep == "prep" for i in path
            ):
                continue  # "protested against X", "demonstrated for the release of X"
            elif prep:
                score -= 0.5  # "for X", "against X", "by X": rarely where it happened
            if self._describes_subject(path, acting) and not (
                mention_is_city(mention) and self.anaphora(first, governor) == "city"
            ):
                continue  # "the head of the forces in X was killed": the post, not the place
            if any(
                toks[i].dep in ("nsubj", "nsubjpass") and toks[i].head in acting for i in path[1:]
            ):
                score -= 0.5  # "the people of X were killed": describes who
            place = mention.place
            if place is None:
                score -= 0.2 if prep or named else 0.5  # "captured Abu Zubaydah": a person?
            elif place.feature_code.startswith("PCL"):
                score -= 0.3
            elif place.is_area:
                score -= 0.15
            score -= 0.01 * abs(a - first) / 10
            if score < MIN_SCORE:
                continue
            score -= PATH_COST * max(0, len(path) - 3)  # a place attached closer ranks first
            why = f"{level}-level link" + (f" via '{prep}'" if prep else "")
            if named and any(
                toks[i].lemma.lower() in PLACE_NOUNS and toks[i].tag == "NNS" for i in path[1:4]
            ):
                why += NAMED_LIST  # "the settlements of A, B", "the A and B villages"
            out.append((score, index, precision, why))
            paths[index] = path
            if mention.place is None and not prep and not named:
                bare.add(index)  # "captured Abu Zubaydah": maybe a person
        out = [c for c in out if not self._qualifies_other(c[1], paths)]
        out = [c for c in out if not self._frames_other(c[1], [k for _, k, _, _ in out])]
        areas = {k for _, k, _, _ in out if self._is_area(k, paths[k])}
        towns = [
            k
            for _, k, _, why in out
            if k not in areas and k not in bare and why.startswith(("trigger", "clause"))
        ]
        # the town, not its province ("in the province of X, they shelled the town of Y"),
        # unless they are two members of one list ("in X city - 6 times; in Y province")
        out = [
            c
            for c in out
            if c[1] not in areas
            or not any(self._holds(c[1], t) and not self.parallel(c[1], t) for t in towns)
        ]
        out.sort(key=lambda item: (-item[0], item[1]))
        return out

    def _institution(self, index: int) -> bool:
        """Whether a one-word mention is an institution's common noun ("Congress", "Parliament").

        A capitalised "Congress" or "Senate" names the body and the building it sits in;
        the small towns of that name in the gazetteer are no event place.
        """
        mention = self.mentions[index]
        a, b = self.spans[index]
        if b - a != 1 or mention.text.lower() not in INSTITUTIONS:
            return False
        return mention.place is None or mention.place.population < INSTITUTION_TOWN

    def _in_parentheses(self, index: int) -> bool:
        m = self.mentions[index]
        sent_start, _ = self.doc.sentences[m.sent]
        before = self.doc.text[sent_start : m.start]
        return before.count("(") > before.count(")")

    def anaphora(self, trigger: int, governor: int) -> str | None:
        """Return "city", "country" or "region" when the trigger's clause says "in the city"."""
        toks = self.parse.tokens
        in_mention = {i for a, b in self.spans for i in range(a, b)}
        for root in {trigger, governor}:
            for i in self.parse.subtree(root):
                tok = toks[i]
                prep = toks[tok.head]
                # "in the city", "west of the city"
                where = prep.text.lower() in LOCATIVE or (
                    prep.text.lower() == "of" and toks[prep.head].lemma.lower() in DIRECTIONS
                )
                if tok.dep != "pobj" or not where:
                    continue
                if i in in_mention or any(c in in_mention for c in self.parse.children[i]):
                    continue
                lemma = tok.lemma.lower()
                has_the = any(
                    toks[c].text.lower() in ("the", "this", "that") for c in self.parse.children[i]
                )
                if not has_the:
                    continue
                if lemma in CITY_ANAPHORA:
                    return "city"
                if lemma in COUNTRY_ANAPHORA:
                    return "country"
                if lemma in REGION_ANAPHORA:
                    return "region"
        return None


def mention_is_city(mention: Mention) -> bool:
    """Whether a resolved mention is a settlement."""
    return mention.place is not None and not mention.place.is_area


def governor_of(parse: Parse, i: int) -> int:
    """The verb whose clause holds token ``i`` (``i`` itself for a verb)."""
    tok = parse.tokens[i]
    if tok.pos in ("VERB", "AUX"):
        return i
    for head in parse.ancestors(i):
        if parse.tokens[head].pos in ("VERB", "AUX"):
            return head
    return i


def link_trigger(
    doc: Document,
    start: int,
    end: int,
    *,
    resolved_only: bool = True,
    locator: Locator | None = None,
    others: frozenset[int] | None = None,
    learned: bool = False,
) -> list[Link]:
    """Link the trigger at characters ``[start, end)`` to the places of its sentence.

    This is the sentence-level step of event location, shared by the event stage
    and ``geomap evaluate event-locations``: no anaphora and no discourse.

    Parameters
    ----------
    doc
        A document processed up to resolution (tokens, sentences, mentions).
    start, end
        Character offsets of the trigger word or phrase.
    resolved_only
        Link only mentions resolved to a gazetteer place (``False`` also links
        mentions with no match, e.g. villages the gazetteer does not know).
    locator
        A :class:`Locator` of ``doc`` to reuse.
    others
        Token indices of the sentence's other triggers; by default the lexicon's
        triggers of the sentence other than this one.
    learned
        Let the shipped linker model (:mod:`geomap.events.linker`) check the rules'
        links. Off by default: on the re-annotated test rows it does not beat the
        rules (see the README's evaluation table, variant ``learned``).

    Returns
    -------
    list of Link
        The place where the event happened first, then places coordinated with
        it ("in X and Y"); empty when the sentence names no place for the event.

    """
    from geomap.events.lexicon import match_triggers

    first, stop = token_range(doc, start, end)
    if stop <= first:
        return []
    locator = locator or Locator(doc)
    span = range(first, stop)
    head = next((i for i in span if doc.tokens[i].pos in ("VERB", "NOUN")), first)
    governor = governor_of(locator.parse, head)
    if others is None:
        sent = doc.tokens[first].sent
        sent_tokens = [t for t in doc.tokens if t.sent == sent]
        others = frozenset(
            i
            for f in match_triggers(sent_tokens)
            if not (f.start < stop and first < f.end)
            for i in range(f.start, f.end)
        )
    ranked = locator.candidates(span, governor, others=others, resolved_only=resolved_only)
    links = _rule_links(locator, ranked, span) if ranked else []
    model = load_model() if learned else None
    if model is None:
        return links
    return _learned_links(model, locator, span, governor, ranked, links, others, resolved_only)


def sentence_places(locator: Locator, span: range, *, resolved_only: bool = True) -> list[int]:
    """The mentions of the trigger's sentence that may be its place (the linker's candidates)."""
    toks = locator.parse.tokens
    sent = toks[span.start].sent
    out = []
    for index, mention in enumerate(locator.mentions):
        if mention.sent != sent or mention.kind in NOT_LOCATIONS:
            continue
        if resolved_only and mention.place is None:
            continue
        a, b = locator.spans[index]
        if b <= a or (a < span.stop and span.start < b):
            continue
        out.append(index)
    return out


def _learned_links(
    model: dict,
    locator: Locator,
    span: range,
    governor: int,
    ranked: list[tuple[float, int, int, str]],
    links: list[Link],
    others: frozenset[int],
    resolved_only: bool,
) -> list[Link]:
    """The rules' links checked by the learned model: unsure ones dropped, sure ones added."""
    chosen = {x.mention for x in links}
    scores = {
        k: probability(model, pair_features(locator, span, governor, k, ranked, links, others))
        for k in sentence_places(locator, span, resolved_only=resolved_only)
    }
    kept = [x for x in links if scores.get(x.mention, 1.0) >= model["drop"]]
    added = sorted(
        (k for k, p in scores.items() if k not in chosen and p >= model["add"]),
        key=lambda k: -scores[k],
    )
    for k in added:
        place = locator.mentions[k].place
        precision = 3 if place is not None and place.is_area else 1
        kept.append(Link(k, precision, f"learned link (p={scores[k]:.2f})"))
    return kept


def _rule_links(
    locator: Locator, ranked: list[tuple[float, int, int, str]], span: range
) -> list[Link]:
    """The rules' choice: the best-ranked place, then the places listed with it."""
    _, mention, precision, why = ranked[0]
    links = [Link(mention, precision, why)]
    level = why.split("-level")[0]

    def listed(other_why: str) -> bool:
        # "shelled the settlements of A and B, and the districts of C and D": every
        # name a place noun of the event's own clause names is one of its places
        return (
            why.endswith(NAMED_LIST)
            and other_why.endswith(NAMED_LIST)
            and other_why.split("-level")[0] == level
        )

    chosen = {mention}
    rest = ranked[1:]
    grown = True
    while grown:  # a list's members join in any order ("A, B, C and D")
        grown = False
        for item in rest:
            _, other, other_precision, other_why = item
            if other not in chosen and (
                any(locator.coordinated(other, k) for k in chosen)
                or locator.same_target(other, mention, span)
                or listed(other_why)
                or (
                    other_why.split("-level")[0] == level
                    and any(locator.parallel(other, k) for k in chosen)
                )
            ):
                links.append(Link(other, other_precision, other_why + ", coordinated"))
                chosen.add(other)
                grown = True
    return links
