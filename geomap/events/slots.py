"""Place slots: names in a position that makes them a place ("in X", "the village of X").

Villages, neighbourhoods, roads and buildings are often missing from the gazetteer,
yet the syntax says they are places; so are borders named by their two sides.
"""

from __future__ import annotations

from geomap.events._syntax import Parse
from geomap.events.place_words import (
    ASSAULT_NOUNS,
    BORDER_NOUNS,
    LOCATIVE,
    NAME_PREPOSITIONS,
    NOT_NAME_ENTS,
    NOT_NAME_WORDS,
    PERSON_TITLES,
    PLACE_NOUNS,
    SITE_NOUNS,
)
from geomap.model import Document, Token


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
