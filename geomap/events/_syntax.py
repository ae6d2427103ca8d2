"""Small helpers over the plain dependency parse of a document."""

from __future__ import annotations

from geomap.model import Document, Token

#: dependency labels that open a clause of its own
CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp", "conj", "pcomp"}
)


class Parse:
    """Children lists and head walks over ``Document.tokens``."""

    def __init__(self, doc: Document) -> None:
        self.tokens = doc.tokens
        self.children: list[list[int]] = [[] for _ in doc.tokens]
        for tok in doc.tokens:
            if tok.head != tok.i:
                self.children[tok.head].append(tok.i)

    def ancestors(self, i: int) -> list[int]:
        """Heads of token ``i`` from its own head up to the sentence root."""
        out: list[int] = []
        seen = {i}
        cur = self.tokens[i]
        while cur.head != cur.i and cur.head not in seen:
            seen.add(cur.head)
            out.append(cur.head)
            cur = self.tokens[cur.head]
        return out

    def span_root(self, start: int, end: int) -> int:
        """The token of ``tokens[start:end]`` whose head lies outside the span."""
        for i in range(start, end):
            head = self.tokens[i].head
            if head == i or not start <= head < end:
                return i
        return end - 1

    def child_texts(self, i: int, deps: frozenset[str] | set[str]) -> list[Token]:
        """Children of ``i`` with one of the dependency labels ``deps``."""
        return [self.tokens[c] for c in self.children[i] if self.tokens[c].dep in deps]

    def is_clause_head(self, i: int) -> bool:
        """Whether token ``i`` is a verb heading a clause of its own."""
        tok = self.tokens[i]
        return tok.pos in ("VERB", "AUX") and tok.dep in CLAUSE_DEPS

    def subtree(self, i: int) -> list[int]:
        """Token ``i`` and everything below it."""
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(self.children[k])
        return sorted(out)


def token_range(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Token indices ``[first, last + 1)`` covering the characters ``[start, end)``."""
    first = last = None
    for tok in doc.tokens:
        if tok.end > start and tok.start < end:
            if first is None:
                first = tok.i
            last = tok.i
    if first is None:
        return 0, 0
    return first, last + 1
