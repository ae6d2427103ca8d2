"""Clause walks of event location: how a place is attached to a trigger, and what it is to it.

:class:`ClauseWalker` is mixed into :class:`geomap.events.locate.Locator`: the path from
a mention up to the trigger, its clause or a subordinate clause; whether the place is
the actor, the target, the source of a report or the post of the subject; verbs
coordinated with the trigger that share its place.
"""

from __future__ import annotations

import functools

from geomap.events._syntax import Parse
from geomap.events.place_words import (
    ATTEMPT,
    CASUALTY_VERBS,
    DIRECTIONS,
    DISTANCE_UNITS,
    GRIEVANCE_VERBS,
    LOCATIVE,
    OTHER_TIME_MARKS,
    PLACE_NOUNS,
    PLACE_PARTS,
    REPORTING,
    ROLE_NOUNS,
    SEIZURE_VERBS,
    SEQUENCE,
    SOURCE_NOUNS,
    SUBCLAUSE_DEPS,
    SUBJECTS,
    TARGET_DEPS,
)
from geomap.model import Document, Mention


@functools.cache
def _event_verbs() -> frozenset[str]:
    """Lemmas of verbs that tell of an event: the lexicon's words and the verbs above."""
    from geomap.events.lexicon import WORDS

    return frozenset(WORDS) | CASUALTY_VERBS | SEIZURE_VERBS


class ClauseWalker:
    """Walks over the ``parse``, ``spans`` and ``mentions`` of the locator it is mixed into."""

    doc: Document
    parse: Parse
    mentions: list[Mention]
    spans: list[tuple[int, int]]

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
