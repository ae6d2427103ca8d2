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

import functools
from dataclasses import dataclass

from geomap.events._syntax import Parse, token_range
from geomap.model import Document, Mention, Token
from geomap.toponyms import SPATIAL_PREPOSITIONS

#: prepositions that place an event
LOCATIVE = SPATIAL_PREPOSITIONS | {"on", "within", "over", "along", "between", "beyond"}

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
        "island",
        "countryside",
        "edge",
        "heart",
        "coast",
        "northwest",
        "northeast",
        "southwest",
        "southeast",
        "municipality",
        "governorate",
        "camp",
        "section",
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

#: nouns that make "the N of X" an affiliation, not a place ("the government of X")
AFFILIATION = frozenset(
    {
        "president",
        "government",
        "minister",
        "ministry",
        "leader",
        "people",
        "citizen",
        "embassy",
        "ambassador",
        "army",
        "force",
        "police",
        "military",
        "troop",
        "soldier",
        "parliament",
        "king",
        "prime",
        "head",
        "member",
        "official",
        "representative",
        "delegation",
        "envoy",
        "spokesman",
        "spokeswoman",
        "national",
        "resident",
        "native",
        "governor",
        "mayor",
        "chief",
        "party",
        "team",
        "university",
        "bank",
        "company",
        "office",
        "foreign",
    }
)

#: nouns of settlements and sites whose name is a place: "the village of X", "X camp"
PLACE_NOUNS = PLACE_PARTS | {
    "settlement",
    "quarter",
    "base",
    "school",
    "hospital",
    "mosque",
    "church",
    "market",
    "road",
    "highway",
    "bridge",
    "crossing",
    "checkpoint",
    "prison",
    "station",
    "hotel",
    "palace",
    "stadium",
    "museum",
    "valley",
    "river",
    "lake",
    "mountain",
    "hill",
    "outpost",
    "compound",
    "countryside",
    "avenue",
    "refinery",
    "plant",
}

#: buildings whose name is a site an event acts on ("destroyed the U.S. Embassy")
SITE_NOUNS = frozenset({"embassy", "consulate", "airport", "airbase", "barracks", "headquarters"})

#: nouns of an assault whose object after "on" is the place assaulted ("the attack on X")
ASSAULT_NOUNS = frozenset({"attack", "assault", "offensive", "raid", "onslaught", "push"})

#: prepositions that make a proper name after them a place ("in X", "near X")
NAME_PREPOSITIONS = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into"}
    | {"through", "towards", "toward", "off", "from", "via"}
)

#: titles that make the name after them a person's
PERSON_TITLES = frozenset(
    {"president", "col", "gen", "general", "deputy", "minister", "mr", "mrs", "ms", "dr"}
    | {"lt", "capt", "maj", "sgt", "king", "prince", "commander", "governor"}
)

#: entity labels that are never a place name
NOT_NAME_ENTS = frozenset(
    {
        "DATE",
        "TIME",
        "MONEY",
        "PERCENT",
        "CARDINAL",
        "ORDINAL",
        "QUANTITY",
        "NORP",
        "LANGUAGE",
        "WORK_OF_ART",
        "LAW",
    }
)

#: proper nouns that are never a place name
NOT_NAME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "god"}
)

#: mention kinds that never locate an event: "Kazakhstani police", "the Texas Department of Health"
NOT_LOCATIONS = frozenset({"demonym", "modifier"})
#: mention kinds that can locate an event
LOCATION_KINDS = frozenset({"place", "region"})

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

#: nouns of a report's source: "sources in X", "a statement from the ministry in X"
SOURCE_NOUNS = frozenset(
    {
        "source",
        "media",
        "statement",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "television",
        "newspaper",
        "radio",
        "observatory",
        "correspondent",
        "reporter",
        "activist",
        "witness",
        "eyewitness",
    }
)

#: nouns of a country or region: "the province of X"
AREA_NOUNS = frozenset({"province", "region", "governorate", "oblast", "state", "country"})

#: anaphora that point back to an earlier place
CITY_ANAPHORA = frozenset({"city", "town", "capital"})
COUNTRY_ANAPHORA = frozenset({"republic", "country", "nation"})
REGION_ANAPHORA = frozenset({"region", "province", "oblast"})


#: dependencies of a place that the event acts on ("captured Knin", "Knin was taken")
TARGET_DEPS = frozenset({"dobj", "nsubjpass", "attr", "npadvmod"})

#: prepositions that never give the event's place
NOT_PLACE = frozenset({"against", "for", "about", "with", "by", "like", "than"})

#: the most tokens between a place and the larger area or reference point that frames it
FRAME_GAP = 18

#: clauses below the event's clause whose places can be the event's place
SUBCLAUSE_DEPS = frozenset({"advcl", "acl"})

#: conjunctions of a subordinate clause that tells of another time or a condition
OTHER_TIME_MARKS = frozenset({"since", "before", "until", "unless", "if", "although", "though"})

#: prepositions that put another event before or after this one
SEQUENCE = frozenset({"before", "since", "following", "until", "ahead"})

#: verbs of an attempt: "fighters who **tried** to break the siege of X"
ATTEMPT = frozenset({"try", "attempt", "seek"})

#: what a candidate's ``why`` ends with when a plural place noun names it ("the villages of X")
NAMED_LIST = ", named by a place noun"

#: nouns of a border that its two sides can name ("the Iraqi-Syrian border")
BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})

#: dependencies of a clause's subject
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})

#: words of direction and distance: "some 50 km northwest of X" names a reference point
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
    | {"away", "outside", "off"}
)
DISTANCE_UNITS = frozenset(
    {"km", "kilometer", "kilometre", "mile", "meter", "metre", "kms", "kilometers", "miles"}
)

#: verbs that count the victims of one attack ("two were killed and five were wounded")
CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "die", "hurt", "shoot"})

#: verbs told beside an event as part of it: "captured and leveled X", "killed and their
#: vehicles set ablaze in X", "shot and left for dead in X"
SEIZURE_VERBS = frozenset({"level", "annex", "occupy", "trample", "fire", "set", "leave"})

#: nouns of a person's post: a place attached to one tells where the post is
ROLE_NOUNS = frozenset(
    {"head", "leader", "chief", "commander", "member", "official", "governor", "mayor"}
    | {"minister", "president", "representative", "envoy", "ambassador", "spokesman"}
)

#: verbs whose object is what people protest, not a place ("protested Belgium's plans")
GRIEVANCE_VERBS = frozenset({"protest", "oppose", "condemn", "denounce", "support", "demand"})

#: entity labels of an owner that make "the N of X" an affiliation ("the Mayor of X"),
#: unlike a quantity ("half of X", "most of X")
OWNER_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "EVENT", "LAW"})

#: base score of a candidate by how it is attached to the trigger
LEVEL_SCORES = {"trigger": 2.0, "clause": 1.0, "subclause": 0.8, "sentence": 0.0}

#: what each step of the parse path beyond the third costs a candidate
PATH_COST = 0.1

#: the lowest candidate score that makes a place: sentence-level mentions need a
#: locative preposition, clause-level ones no non-locative one
MIN_SCORE = 0.9


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

    def _carrier(self, verb: int) -> int | None:
        """The verb a participle clause tells the outcome of ("blew up X, **killing** six").

        A bare participle (no subject, no subordinating conjunction) attached to a verb
        reports a result of that verb's event, which happened at its place.
        """
        toks = self.parse.tokens
        tok = toks[verb]
        if tok.tag != "VBG" or tok.dep not in ("advcl", "xcomp", "conj"):
            return None
        if self.parse.child_texts(verb, SUBJECTS | {"mark"}):
            return None
        head = toks[tok.head]
        if tok.dep == "conj" and head.tag == "VBG":
            return self._carrier(head.i)  # "killing six and **wounding** eight"
        if (
            head.dep == "advcl"
            and self.parse.child_texts(head.i, SUBJECTS)
            and self.parse.child_texts(head.i, frozenset({"mark"}))
        ):
            head = toks[head.head]  # "stormed X as residents were praying, killing 39"
        return head.i if head.pos in ("VERB", "AUX") else None

    def _subclause_path(
        self, mention: int, heads: set[int], events: frozenset[int] = frozenset()
    ) -> tuple[list[int] | None, list[int]]:
        """The path from a mention up to ``heads`` through subordinate clauses only.

        "killed **when** militants hit the village of X", "shot **while** covering the
        clashes in X", "killed fighters **who** tried to break the siege of X": a place
        in an adverbial clause of the event's clause, or in a relative clause of an
        event noun ("the clashes **that** broke out in X", ``events`` are the tokens
        of the sentence's triggers), is where it happened when its own clause names
        none. Returns ``(path, crossed clause heads)``.
        """
        a, b = self.spans[mention]
        toks = self.parse.tokens
        root = self.parse.span_root(a, b)
        path, crossed = [root], []
        for head in self.parse.ancestors(root):
            if head in heads:
                return path, crossed
            if self.parse.is_clause_head(head):
                tok = toks[head]
                event_clause = tok.dep == "relcl" and (
                    tok.head in events
                    or tok.head in heads
                    or (self._ongoing(head) and self._participant(tok.head, heads))
                )
                # "when experts were trying to defuse it on the road in X"
                complement = tok.dep == "xcomp" and toks[tok.head].dep in SUBCLAUSE_DEPS | {"relcl"}
                if (
                    tok.dep not in SUBCLAUSE_DEPS and not event_clause and not complement
                ) or tok.lemma.lower() in REPORTING:
                    return None, []
                marks = {toks[c].text.lower() for c in self.parse.children[head]}
                if marks & OTHER_TIME_MARKS:
                    return None, []  # "captured X since bombers hit Y": another time
                if "to" in marks and not complement:
                    return None, []  # "marched ... to protest at X": a purpose
                if len(crossed) >= 2:
                    return None, []
                crossed.append(head)
            path.append(head)
        return None, []

    def _participant(self, noun: int, heads: set[int]) -> bool:
        """Whether ``noun`` is the subject or object of one of the ``heads`` verbs.

        "killed dozens **of fighters** who tried to break the siege of X", "**militants**
        who tried to enter X were killed": what the victims or the actors were doing
        when the event happened tells where it happened.
        """
        toks = self.parse.tokens
        tok = toks[noun]
        for _ in range(4):
            if tok.dep == "appos":
                tok = toks[tok.head]  # "shot a farmer, Ali, who was riding home in X"
            elif tok.dep == "pobj" and toks[tok.head].text.lower() == "of":
                tok = toks[toks[tok.head].head]  # "dozens of fighters", "a number of militants"
            else:
                break
        if tok.dep == "pobj" and toks[tok.head].dep == "agent":
            tok = toks[tok.head]  # "shot by gunmen who were hiding near X"
        return tok.dep in ("nsubj", "nsubjpass", "dobj", "agent") and tok.head in heads

    def _ongoing(self, verb: int) -> bool:
        """Whether a clause tells what was being done or tried ("were preparing", "tried to")."""
        tok = self.parse.tokens[verb]
        if tok.lemma.lower() in ATTEMPT:
            return True
        return tok.tag == "VBG" and any(
            a.lemma.lower() == "be" for a in self.parse.child_texts(verb, frozenset({"aux"}))
        )

    def _sentence_path(self, mention: int) -> list[int]:
        """Tokens from the mention's root up to its sentence root."""
        a, b = self.spans[mention]
        root = self.parse.span_root(a, b)
        return [root, *self.parse.ancestors(root)]

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
                    if noun not in PLACE_NOUNS and (
                        owner.pos == "PROPN" or noun in AFFILIATION or owner.ent_type in OWNER_ENTS
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

    def _describes_subject(self, path: list[int], acting: set[int]) -> bool:
        """Whether the place tells the post of the subject ("X, the leader in Y, was killed")."""
        toks = self.parse.tokens
        role = False
        for i in path[1:]:
            tok = toks[i]
            role = role or tok.lemma.lower() in ROLE_NOUNS
            if tok.dep in ("nsubj", "nsubjpass") and tok.head in acting:
                return role
            if tok.dep not in ("pobj", "prep", "appos", "compound", "poss", "conj"):
                return False
        return False

    def _after_other_event(self, path: list[int], others: frozenset[int], heads: set[int]) -> bool:
        """Whether the mention places an event told as before or after this one.

        "patrolled X following an attack in Y", "arrested after the bombing in Y".
        """
        toks = self.parse.tokens
        for k, i in enumerate(path[:-1]):
            if i in others and i not in heads and toks[path[k + 1]].text.lower() in SEQUENCE:
                return True
        return False

    def _distance(self, i: int) -> bool:
        """Whether token ``i`` is a direction measured by a distance ("50 km north")."""
        toks = self.parse.tokens
        if toks[i].lemma.lower() not in DIRECTIONS:
            return False
        below = list(self.parse.children[i])
        below += [g for c in below for g in self.parse.children[c]]
        return any(toks[c].lemma.lower() in DISTANCE_UNITS for c in below)

    def _is_source(self, path: list[int], trigger: range) -> bool:
        """Whether the mention only says who reported ("according to X", "sources in X")."""
        toks = self.parse.tokens
        for i in path:
            if i in trigger:
                return False
            tok = toks[i]
            if tok.text.lower() == "according" or tok.lemma.lower() in SOURCE_NOUNS:
                return True
        return False

    def _conjoined(self, i: int) -> set[int]:
        """Verbs coordinated with verb ``i`` ("shot dead X and wounded five in Y")."""
        toks = self.parse.tokens
        if toks[i].pos != "VERB":
            return set()

        def eventful(k: int) -> bool:
            # "was captured and acknowledged before a judge in X": not the same happening
            word = toks[k].text.lower()
            forms = {toks[k].lemma.lower(), word[:-1], word[:-2]}  # "raped" read as "rap"
            return not forms.isdisjoint(_event_verbs())

        out = {
            c
            for c in self.parse.children[i]
            if toks[c].dep == "conj"
            and toks[c].pos == "VERB"
            and not self._own_clause(c)
            and eventful(c)
        }
        head = toks[i].head
        if (
            toks[i].dep == "conj"
            and toks[head].pos == "VERB"
            and not self._own_clause(i)
            and eventful(head)
        ):
            out.add(head)
        return out

    def _own_clause(self, i: int) -> bool:
        """Whether coordinated verb ``i`` has its own subject and tense: another event.

        "X was captured and Y **was killed** in Z" is two events; "nine were killed and
        24 others wounded in Z" shares the auxiliary and the place, and the dead and
        the wounded of one attack are told in two clauses of one event.
        """
        toks = self.parse.tokens
        if not self.parse.child_texts(i, SUBJECTS):
            return False
        head = toks[toks[i].head]
        if {toks[i].lemma.lower(), head.lemma.lower()} <= CASUALTY_VERBS:
            return False  # "a soldier was killed and four others were wounded by X in Y"
        finite = toks[i].tag in ("VBD", "VBZ", "VBP")
        return finite or bool(self.parse.child_texts(i, frozenset({"aux", "auxpass"})))

    def _is_actor(self, index: int, path: list[int], heads: set[int]) -> bool:
        """Whether the mention names who acted: the subject or its owner ("Mexico's army")."""
        toks = self.parse.tokens
        root = path[0]
        dep = toks[root].dep
        if dep in ("nsubj", "csubj") and toks[root].head in heads:
            return True
        if dep == "pobj" and toks[toks[root].head].dep == "agent":
            return True
        if dep in ("compound", "poss", "amod", "nmod") and len(path) > 1:
            owner = toks[path[1]]
            if owner.lemma.lower() in PLACE_PARTS:
                return False
            place = self.mentions[index].place
            country = place is not None and place.feature_code.startswith("PCL")
            if (
                toks[root].dep == "poss"
                and owner.dep == "pobj"
                and toks[owner.head].text.lower() in LOCATIVE
            ):
                return False  # "killed in Syria's conflict", "in Qamishli's suburbs"
            if (
                toks[root].dep == "poss"
                and owner.dep == "dobj"
                and owner.head in heads
                and toks[owner.head].lemma.lower() not in GRIEVANCE_VERBS
            ):
                return False  # "patrolled Venezuela's oil installations", not "protested X's plans"
            if owner.dep in ("nsubj", "csubj") or (
                owner.dep == "pobj" and toks[owner.head].dep == "agent"
            ):
                return True  # "U.S. forces captured", "killed by Syrian troops"
            return country  # "a U.S. airstrike", "a Kosovo war crimes suspect"
        return False

    def _is_target(self, index: int, path: list[int], heads: set[int]) -> bool:
        """Whether the mention is the object the event acts on ("captured Knin")."""
        toks = self.parse.tokens
        k = 0
        while k + 1 < len(path):
            if (
                k + 2 < len(path)
                and toks[path[k]].dep == "pobj"
                and toks[path[k + 1]].text.lower() == "of"
                and toks[path[k + 2]].lemma.lower() in PLACE_NOUNS
            ):
                k += 2  # "captured the village of X": the village is the target
            elif toks[path[k]].dep == "compound" and toks[path[k + 1]].lemma.lower() in PLACE_NOUNS:
                k += 1  # "hit the X and Y villages"
            elif toks[path[k]].dep == "conj":
                k += 1  # "captured X and Y"
            else:
                break
        tok = toks[path[k]]
        if self.parse.child_texts(tok.head, frozenset({"xcomp", "ccomp"})) and tok.dep == "dobj":
            return False  # "prompted Paris to raise": who is made to act, not a target
        return tok.dep in TARGET_DEPS and tok.head in heads

    def _qualifies_other(self, index: int, paths: dict[int, list[int]]) -> bool:
        """Whether the mention only qualifies a more specific candidate place.

        "Syria's Aleppo province", "Jerusalem's Old City", "the village of X in
        western Raqqa", "Taji, north of Baghdad": the owner or the larger area gives
        way to the place it qualifies (gold annotation keeps the most specific place).
        When two mentions seem to qualify each other ("Baghdad's district of X",
        "the Baghdad neighbourhood of X"), the later one names the place.
        """
        return any(
            not (self._qualifies(other, index, paths) and self.spans[index] > self.spans[other])
            for other in paths
            if other != index and self._qualifies(index, other, paths)
        )

    def _qualifies(self, index: int, other: int, paths: dict[int, list[int]]) -> bool:
        """Whether mention ``index`` qualifies the candidate place ``other``."""
        toks = self.parse.tokens
        path = paths[index]
        if toks[self.unit_root(index)].dep in ("conj", "appos") or len(path) < 2:
            return False
        other_path = paths[other]
        a, b = self.spans[other]
        nodes = set(range(a, b))
        if toks[other_path[0]].dep == "appos":
            other_path = other_path[:1]  # "X district, northern Iraq": Iraq is no part of it
        for k, i in enumerate(other_path[1:], start=1):
            tok = toks[i]
            if tok.text.lower() == "of" or (
                tok.lemma.lower() in PLACE_PARTS and toks[other_path[k - 1]].dep != "conj"
            ):
                nodes.add(i)
            elif k == 1 and toks[other_path[0]].dep == "compound":
                nodes.add(i)  # "Aziziyah district", "Umm al-Fahm junction"
            else:
                break
        return bool(set(path[1:]) & nodes)

    def _is_area(self, index: int, path: list[int]) -> bool:
        """Whether the mention names a country or region ("in the province of X")."""
        mention = self.mentions[index]
        if mention.kind == "region" or (mention.place is not None and mention.place.is_area):
            return True
        toks = self.parse.tokens
        return any(
            toks[i].text.lower() == "of" and toks[j].lemma.lower() in AREA_NOUNS
            for i, j in zip(path, path[1:], strict=False)
        )

    def _holds(self, area: int, town: int) -> bool:
        """Whether the area mention may hold the town mention (True when either is unresolved).

        "in Aleppo - 6 times; in Damascus province - 7 times": a province that does not
        hold the town is a place of its own.
        """
        big, small = self.mentions[area].place, self.mentions[town].place
        if big is None or small is None or not big.country_code:
            return True
        if big.country_code != small.country_code:
            return False
        if big.feature_code.startswith("PCL") or not big.admin1_code or not small.admin1_code:
            return True
        return big.admin1_code == small.admin1_code

    def _frames_other(self, index: int, chosen: list[int]) -> bool:
        """Whether the mention only frames a place named just before it.

        "in al-Tijara neighbourhood in central Damascus", "Kollupitiya, central
        Colombo", "the village of X in the countryside of Y, north of Z", "Dunya Pur,
        a town 100 km northeast of Multan", "in Gaza, near the Karni crossing": the
        larger area or the reference point after a place gives way to it (the gold
        convention keeps the most specific place), unless the two are coordinated.
        """
        toks = self.parse.tokens
        a, _ = self.spans[index]
        root = self.unit_root(index)
        if toks[root].dep == "conj" or (
            toks[root].dep == "appos" and self.parse.child_texts(root, frozenset({"conj"}))
        ):
            return False  # a member of a list ("the villages of A, B (twice) and C")
        for other in chosen:
            if other == index:
                continue
            _, ob = self.spans[other]
            if not 0 <= a - ob <= FRAME_GAP or self.coordinated(index, other):
                continue
            gap = toks[ob:a]
            if any(
                (t.pos in ("VERB", "AUX") and t.dep != "amod")
                or t.pos == "CCONJ"
                or t.text in (";", ":")
                for t in gap
            ):  # "in X, in the Israeli-occupied south of Y": a participle is no clause
                continue
            if not gap or any(t.text == "," or t.dep == "prep" for t in gap):
                if gap or toks[a].dep == "appos":
                    return True
        return False

    def unit_root(self, index: int) -> int:
        """The root of a mention with the place noun it names ("Khost" in "Khost province").

        In "in Kandahar and Khost provinces" or "in X and Y city" the second name hangs
        on the place noun, which is the conjunct.
        """
        toks = self.parse.tokens
        root = self.parse.span_root(*self.spans[index])
        head = toks[root].head
        if toks[root].dep == "compound" and toks[head].lemma.lower() in PLACE_NOUNS:
            return head
        return root

    def same_target(self, one: int, two: int, trigger: range) -> bool:
        """Whether two names are both in the list the event acts on.

        "shelled the settlements of A, B (twice) and C, and the districts of D, E": a
        list the parser splits still hangs from one object of the trigger.
        """
        toks = self.parse.tokens
        tops = []
        for k in (one, two):
            a, b = self.spans[k]
            if b <= a:
                return False
            cur = self.parse.span_root(a, b)
            steps = [cur]
            for head in self.parse.ancestors(cur):
                if head in trigger:
                    break
                if toks[head].dep == "prep" and toks[head].text.lower() != "of":
                    return False  # "in X", "near X": a place of its own, not a list member
                steps.append(head)
            else:
                return False
            tops.append(steps[-1])
        return tops[0] == tops[1] and toks[tops[0]].dep in ("dobj", "nsubjpass")

    def coordinated(self, one: int, two: int) -> bool:
        """Whether two mentions are joined by a conjunction ("in X and Y")."""
        toks = self.parse.tokens
        roots = []
        for k in (one, two):
            a, b = self.spans[k]
            if b <= a:
                return False
            roots.append(self.unit_root(k))
        r1, r2 = roots
        return (toks[r1].dep == "conj" and toks[r1].head == r2) or (
            toks[r2].dep == "conj" and toks[r2].head == r1
        )

    def parallel(self, one: int, two: int) -> bool:
        """Whether two mentions are objects of the same preposition in a list of phrases.

        "in Aleppo - 6 times; in Latakia - 2 times", "in X and in Y", "killed five, three
        in X and two in Y": the second phrase repeats the preposition after a semicolon
        or a conjunction, with no verb in between.
        """
        toks = self.parse.tokens
        one, two = sorted((one, two), key=lambda k: self.spans[k])
        (a1, b1), (a2, b2) = self.spans[one], self.spans[two]
        if b1 <= a1 or b2 <= a2:
            return False
        heads = []
        for k in (one, two):
            root = toks[self.unit_root(k)]
            if root.dep != "pobj":
                return False
            heads.append(toks[root.head])
        first, second = heads
        if first.text.lower() != second.text.lower() or not b1 <= second.i < a2:
            return False
        if second.i - b1 > FRAME_GAP or second.i == 0:
            return False
        gap = toks[b1 : second.i]
        if any(t.pos in ("VERB", "AUX") for t in gap):
            return False
        return any(t.text in (";", "and", "or") for t in gap)

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


@functools.cache
def _event_verbs() -> frozenset[str]:
    """Lemmas of verbs that tell of an event: the lexicon's words and the verbs above."""
    from geomap.events.lexicon import WORDS

    return frozenset(WORDS) | CASUALTY_VERBS | SEIZURE_VERBS


def _bare_word(text: str) -> str:
    return text.replace(".", "").lower()


def _name_token(tok: Token) -> bool:
    """Whether a token can be part of a place name: a proper noun, or a capitalised word."""
    if tok.ent_type in NOT_NAME_ENTS:
        return False
    if tok.pos == "PROPN":
        return tok.text[:1].isalpha() and tok.text.lower() not in NOT_NAME_WORDS
    return tok.text[:1].isupper() and tok.pos in ("NOUN", "ADJ") and bool(tok.ent_type)


def _place_slot(parse: Parse, root: int) -> bool:
    """Whether the head of a name puts it in a place slot.

    "in X", "at X" (a locative preposition); "the village of X", "the towns of X and
    Y" (a place noun); "X district", "X camp", "X neighbourhood" (a place noun it
    qualifies); or a conjunct or apposition of one of those.
    """
    toks = parse.tokens
    seen = 0
    while toks[root].dep in ("conj", "appos") and seen < 8:
        root, seen = toks[root].head, seen + 1
    tok = toks[root]
    head = toks[tok.head]
    if tok.dep == "pobj":
        word = head.text.lower()
        if word in NAME_PREPOSITIONS:
            return True
        if word == "on" and toks[head.head].lemma.lower() in ASSAULT_NOUNS:
            return True  # "the attack on X"

        if word in LOCATIVE and tok.lemma.lower() in PLACE_NOUNS:
            return True  # "on Castello Road", "to the Bardo Museum"
        if word == "of" and toks[head.head].lemma.lower() in PLACE_NOUNS:
            return True
    if tok.dep in ("compound", "nmod", "amod") and head.lemma.lower() in PLACE_NOUNS:
        return head.text[:1].islower() or head.dep == "pobj"
    if tok.dep in ("dobj", "nsubjpass") and head.pos == "VERB":
        # "patrolled Manger Square", "captured the Adiyat School": a site by its name
        lemma = tok.lemma.lower()
        return tok.ent_type in ("GPE", "LOC", "FAC") or lemma in PLACE_NOUNS | SITE_NOUNS
    return False


def unlisted_names(
    doc: Document, parse: Parse, taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Token ranges of proper names in a place slot that no mention covers.

    Villages, neighbourhoods, roads and buildings are often missing from the
    gazetteer or labelled as persons or organisations by the tagger, yet "in X",
    "the village of X" and "X district" say they are places. They are candidates for
    :func:`link_trigger` with ``resolved_only=False`` only (they have no coordinates).
    """
    covered = {i for a, b in taken for i in range(a, b)}
    toks = doc.tokens
    out: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if i in covered or not _name_token(toks[i]):
            i += 1
            continue
        j = i + 1
        while j < n and j not in covered and toks[j].sent == toks[i].sent:
            nxt = toks[j]
            glue = nxt.text in ("-", "/") and nxt.start == toks[j - 1].end
            glue = glue or nxt.text.isspace()  # "Baghdad International  Airport"
            if _name_token(nxt) or (glue and j + 1 < n and _name_token(toks[j + 1])):
                j += 1
                continue
            break
        root = parse.span_root(i, j)
        if j == i + 1 and toks[i].lemma.lower() in PLACE_NOUNS | SITE_NOUNS:
            i = j
            continue  # "the Israeli Embassy", "the City": a noun, not a name
        if _bare_word(toks[i].text) in PERSON_TITLES:
            i = j
            continue  # "President Bashar al-Assad", "Col."
        if _place_slot(parse, root):
            out.append((i, j))
        i = j
    return out


def shared_borders(doc: Document, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges of borders named by the two sides: "the Greek-Macedonian border".

    Two or more names joined by a hyphen or a slash right before "border" or
    "frontier", at least one of them a mention (a place or a demonym), name one
    place, the border between them.
    """
    ends = {b: a for a, b in taken if b > a}
    toks = doc.tokens

    def side(end: int) -> tuple[int, bool] | None:
        # the start of the name whose last token is ``end - 1``, and whether it is a mention
        if end in ends:
            return ends[end], True
        tok = toks[end - 1]
        if tok.text[:1].isupper() and tok.pos in ("PROPN", "ADJ"):
            return end - 1, False
        return None

    out: list[tuple[int, int]] = []
    for tok in toks:
        if tok.lemma.lower() not in BORDER_NOUNS or tok.i < 3:
            continue
        last = side(tok.i)
        if last is None:
            continue
        first, sides, known = last[0], 1, last[1]
        while first >= 2 and toks[first - 1].text in ("-", "/"):
            more = side(first - 1)
            if more is None:
                break
            first, sides, known = more[0], sides + 1, known or more[1]
        if sides >= 2 and known and all(toks[k].sent == tok.sent for k in range(first, tok.i)):
            out.append((first, tok.i + 1))
    return out


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
    if not ranked:
        return []
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
