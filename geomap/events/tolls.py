"""Tolls: who was killed or hurt, what took the lives, and whether a sentence only counts them.

"Four traders were killed." and "Nobody was injured in the assault." count the victims
of an incident told before; "killed **in a bomb explosion**" is the explosion's toll.
:class:`TollReader` is mixed into the extractor of :mod:`geomap.events.detect`.
"""

from __future__ import annotations

import re

from geomap.events import lexicon as lx
from geomap.events._syntax import Parse
from geomap.model import Document, Token

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
#: words of a toll that adds to one told before ("two others were also killed")
_ADDITIVE = re.compile(r"\b(?:also|another|other|others|more|further)\b", re.I)
#: prepositions whose object tells what took lives ("killed in/during/by/from X")
_CAUSE_PREPS = frozenset({"in", "during", "by", "from", "amid"})
#: dependencies of clauses of their own inside a noun phrase
_OWN_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "conj", "appos"})
#: verbs that tell the victims of an incident
_CASUALTY_WORDS = frozenset({"kill", "injure", "wound", "die"})


class TollReader:
    """Reads tolls over the ``doc``, ``tokens`` and ``parse`` of the extractor it serves."""

    doc: Document
    tokens: tuple[Token, ...]
    parse: Parse

    def _caused_by(self, found: lx.Found, triggers: list[lx.Found]) -> tuple[str, str] | None:
        """The type of the happening a casualty verb says took the lives, if a trigger tells it.

        "two policemen were killed **in a bomb explosion**", "**shelling** kills four":
        the toll is the explosion's, typed as it.
        """
        tok = self.tokens[found.start]
        if tok.lemma.lower() not in _CASUALTY_WORDS or tok.pos != "VERB":
            return None
        cause = set(self._cause(found.start))
        for other in triggers:
            if other is found or not cause & set(range(other.start, other.end)):
                continue
            head = next(
                (
                    i
                    for i in range(other.start, other.end)
                    if self.tokens[i].pos in ("VERB", "NOUN")
                ),
                other.start,
            )
            typed = self._classify(other, self._governor(head))
            if typed is not None and typed[0] in (lx.BATTLES, lx.EXPLOSIONS, lx.VAC, lx.RIOTS):
                return typed
        return None

    def _cause(self, verb: int) -> set[int]:
        """Tokens of what killed or wounded: "killed **in an airstrike**", "**a blast** killed".

        The subject of an active casualty verb, its agent and the objects of "in",
        "during", "by" and "from" tell the happening that took the lives.
        """
        out: set[int] = set()
        for c in self.parse.children[verb]:
            child = self.tokens[c]
            if child.dep in ("nsubj", "csubj") and self.tokens[verb].lemma.lower() != "die":
                out.update(self._phrase_tokens(c))
            elif child.dep == "agent" or (
                child.dep == "prep" and child.text.lower() in _CAUSE_PREPS
            ):
                for g in self.parse.children[c]:
                    if self.tokens[g].dep == "pobj":
                        out.update(self._phrase_tokens(g))
        return out

    def _phrase_tokens(self, head: int) -> list[int]:
        """The tokens of a noun phrase without its relative and participle clauses."""
        out, stack = [], [head]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(
                c for c in self.parse.children[k] if self.tokens[c].dep not in _OWN_CLAUSES
            )
        return out

    def _fatalities(self, sent: int) -> int | None:
        start, end = self.doc.sentences[sent]
        m = _FATAL.search(self.doc.text[start:end])
        if not m:
            return None
        raw = (m[1] or m[2]).lower().replace(",", "")
        return int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)

    # -- the stage ---------------------------------------------------------------
    def _harmed(self, sent: int) -> list[Token]:
        """Who was killed, wounded or shot in sentence ``sent`` (objects and passive subjects)."""
        return [
            self.tokens[c]
            for tok in self._sent_tokens(sent)
            if tok.lemma.lower() in _CASUALTY_WORDS | {"shoot", "hurt"}
            for c in [*self.parse.children[tok.i], *([tok.head] if tok.dep == "acl" else [])]
            if self.tokens[c].dep in ("dobj", "nsubjpass")
            or c == tok.head
            or (self.tokens[c].dep == "nsubj" and tok.lemma.lower() == "die")
        ]

    def _report_kind(self, found: lx.Found, head: int, subj: list[Token]) -> str:
        """Whether a trigger reports a happening, refers back to one or only counts its toll.

        "the attack", "this blast" (a definite event noun) refer back; "three people
        were killed", "two died", "no one was hurt in the attack" (a toll with no
        actor) count the victims of an incident told before.
        """
        tok = self.tokens[head]
        lemma = tok.lemma.lower()
        if lemma in _CASUALTY_WORDS and tok.pos == "VERB":
            actors = [t for t in subj if t.pos != "PRON" or t.dep == "pobj"]
            passive = any(self.tokens[c].dep == "nsubjpass" for c in self.parse.children[head])
            if lemma == "die" or (passive and not actors):
                return "casualty"
        if tok.pos == "NOUN" and found.end - found.start == 1:
            dets = {
                self.tokens[c].text.lower()
                for c in self.parse.children[head]
                if self.tokens[c].dep in ("det", "poss")
            }
            if dets & {"the", "this", "that", "these", "those", "its"}:
                if self._toll_sentence(tok.sent):
                    return "casualty"  # "No one was hurt in the attack"
                return "anaphor"
        return "report"

    def _toll_sentence(self, sent: int) -> bool:
        """Whether sentence ``sent`` tells the victims of something ("were hurt in the attack")."""
        return any(
            t.lemma.lower() in _CASUALTY_WORDS | {"hurt"} and t.pos == "VERB"
            for t in self._sent_tokens(sent)
        )
