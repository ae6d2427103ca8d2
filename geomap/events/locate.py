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
from geomap.model import Document, Mention

#: prepositions that place an event
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "around",
        "across",
        "throughout",
        "into",
        "to",
        "on",
        "within",
        "over",
        "towards",
        "toward",
        "along",
        "between",
        "beyond",
    }
)

#: nouns naming a part or the surroundings of a place ("the suburbs of X")
PLACE_PARTS = frozenset(
    {
        "suburb",
        "outskirts",
        "outskirt",
        "centre",
        "center",
        "district",
        "neighbourhood",
        "neighborhood",
        "part",
        "street",
        "square",
        "area",
        "airport",
        "port",
        "village",
        "town",
        "city",
        "capital",
        "region",
        "province",
        "territory",
        "oblast",
        "state",
        "county",
        "border",
        "north",
        "south",
        "east",
        "west",
        "vicinity",
        "environs",
        "downtown",
    }
)

#: parts that make a place's precision 2 (a part or the vicinity of a town)
VICINITY = frozenset(
    {
        "suburb",
        "outskirts",
        "outskirt",
        "district",
        "neighbourhood",
        "neighborhood",
        "airport",
        "port",
        "vicinity",
        "environs",
        "border",
        "near",
        "outside",
        "around",
    }
)

REPORTING = frozenset(
    {
        "say",
        "report",
        "tell",
        "announce",
        "state",
        "claim",
        "add",
        "note",
        "stress",
        "write",
        "quote",
    }
)

#: anaphora that point back to an earlier place
CITY_ANAPHORA = frozenset({"city", "town", "capital"})
COUNTRY_ANAPHORA = frozenset({"republic", "country", "nation"})
REGION_ANAPHORA = frozenset({"region", "province", "oblast"})


@dataclass(frozen=True, slots=True)
class Link:
    """The place chosen for an event and why."""

    mention: int | None
    precision: int
    why: str
    #: a place given by anaphora or discourse rather than a mention in the sentence
    inherited: bool = False


class Locator:
    """Links triggers of one document to the mentions where their events happened."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.parse = Parse(doc)
        self.spans = [token_range(doc, m.start, m.end) for m in doc.mentions]
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

    def _path(self, mention: int, targets: range | set[int]) -> list[int] | None:
        """Tokens from the mention's root up to one of ``targets`` (exclusive), or None."""
        a, b = self.spans[mention]
        if b <= a:
            return None
        root = self.parse.span_root(a, b)
        path = [root]
        for head in self.parse.ancestors(root):
            if head in targets:
                return path
            if self.parse.is_clause_head(head):
                return None
            path.append(head)
        return None

    def _sentence_path(self, mention: int) -> list[int]:
        """Tokens from the mention's root up to its sentence root."""
        a, b = self.spans[mention]
        root = self.parse.span_root(a, b)
        return [root, *self.parse.ancestors(root)]

    def _describe(self, mention: int, path: list[int]) -> tuple[str, bool, int]:
        """Return (preposition, excluded?, precision) for a mention reached by ``path``."""
        toks = self.parse.tokens
        m = self.doc.mentions[mention]
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
                if word == "of" and k + 1 < len(path):
                    noun = toks[path[k + 1]].lemma.lower()
                    if noun not in PLACE_PARTS:
                        excluded = True  # affiliation: "the President of X"
                    elif noun in VICINITY and precision == 1:
                        precision = 2
                    if noun in PLACE_PARTS:
                        prep = ""  # "in the suburbs of X": the governing preposition counts
                if word in VICINITY and precision == 1:
                    precision = 2
            elif tok.lemma.lower() in VICINITY and precision == 1 and tok.i > a:
                precision = 2  # "the Alma-Ata airport"
        return prep, excluded, precision

    def candidates(
        self, trigger: range, governor: int, *, others: frozenset[int] = frozenset()
    ) -> list[tuple[float, int, int, str]]:
        """Scored (score, mention, precision, why) for the mentions linked to a trigger.

        ``trigger`` is the token range of the trigger word or phrase. Mentions
        linked to it syntactically score highest, then those in the clause of
        its governing verb, then (weakly) others of the sentence that are not
        in a reporting clause above the trigger nor attached to one of the
        sentence's ``others`` triggers (token indices).
        """
        out = []
        toks = self.parse.tokens
        first = trigger.start
        sent = toks[first].sent
        above = set(self.parse.ancestors(first))
        for index, mention in enumerate(self.doc.mentions):
            if mention.sent != sent or mention.place is None or mention.kind == "demonym":
                continue
            if index in self.in_list:
                continue
            a, b = self.spans[index]
            if a < trigger.stop and trigger.start < b:
                continue
            level = "trigger"
            path = self._path(index, trigger)
            if path is None and governor not in trigger:
                path, level = self._path(index, {governor}), "clause"
            if path is None:
                path, level = self._sentence_path(index), "sentence"
                if any(toks[i].lemma.lower() in REPORTING and i in above for i in path):
                    continue  # "traders in London said ...": the source, not the place
                if any(i in others for i in path):
                    continue  # the place of another event of the sentence
            prep, excluded, precision = self._describe(index, path)
            if excluded or self._in_parentheses(index):
                continue
            score = {"trigger": 2.0, "clause": 1.0, "sentence": 0.0}[level]
            if prep in LOCATIVE:
                score += 1.0
            elif prep:
                score -= 0.5
            place = mention.place
            if place.feature_code.startswith("PCL"):
                score -= 0.3
            elif place.is_area:
                score -= 0.15
            score -= 0.01 * abs(a - first) / 10
            why = f"{level}-level link" + (f" via '{prep}'" if prep else "")
            out.append((score, index, precision, why))
        out.sort(key=lambda item: (-item[0], item[1]))
        return out

    def _in_parentheses(self, index: int) -> bool:
        m = self.doc.mentions[index]
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
                if tok.dep != "pobj" or toks[tok.head].text.lower() not in LOCATIVE:
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
