"""The state of one recognition run and the tests every pass shares."""

from __future__ import annotations

import re
from collections import Counter

from geomap.gazetteer.base import Gazetteer, normalize_name
from geomap.model import Document, Mention, Place, Token
from geomap.toponyms.abbreviations import _POSTAL_CUES, _WORD_CODES, US_STATE_POSTAL, us_state_code
from geomap.toponyms.names import known_spelling, name_units
from geomap.toponyms.vocabulary import (
    _EVENT_PREFIXES,
    _POSSESSIVE,
    _PROPER,
    _QUALIFIER_CODES,
    _STRONG_CUES,
    COMMON_WORDS,
    DISEASE_NOUNS,
    EVENT_NOUNS,
    LOCAL_NOUNS,
    MIN_POPULATION_CITY,
    MIN_POPULATION_UNSUPPORTED,
    PLACE_CUES,
    PLACE_NOUNS,
    REGION_NOUNS,
    RESIDENT_NOUNS,
    TITLES,
)


def _is_capitalised(tok: Token) -> bool:
    text = tok.text
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def _tokens_by_sentence(doc: Document) -> list[list[Token]]:
    out: list[list[Token]] = [[] for _ in doc.sentences] or [[]]
    for tok in doc.tokens:
        out[tok.sent].append(tok)
    return out


def _bare(text: str) -> str:
    return text.replace(".", "").casefold()


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance of two short strings, at least 3 when their lengths differ by 3."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous = list(range(len(b) + 1))
    for x, ca in enumerate(a, 1):
        current = [x]
        for y, cb in enumerate(b, 1):
            current.append(min(previous[y] + 1, current[y - 1] + 1, previous[y - 1] + (ca != cb)))
        previous = current
    return previous[-1]


#: tokens that end a name inside an NER span: a spaced dash or plus, a colon, a bar
_SEPARATORS = frozenset({"-", "\u2013", "\u2014", "--", "+", "|", ":", "/", "\u2026", "..."})
#: links, user names and hashtag marks, never part of a name
_LINK = re.compile(r"https?:|t\.co/|^@|^#$|^RT$")


def _entity_pieces(doc: Document, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """The NER spans of ``doc``, each cut into the names it runs together.

    Headlines and tweets make the model join names across a separator ("Golan
    Heights - BEIRUT", "Honduras + Mexico") or take in a link or a user name
    ("Harrow http://t.co/..."). A spaced dash or plus, a colon, a slash, a bar or
    an ellipsis, and a link or a user name, end a piece; a hyphen inside a word
    ("Alma-Ata") does not. The first piece keeps the label; a later one labelled
    a place only when it is written as a name and names a country, a first-order
    region or a city of :data:`MIN_POPULATION_CITY` people (the words after "East Midlands - " in
    "East Midlands - An earthquake ..." are the next sentence, "Jan" after
    "Treatment - " a given name).
    """
    tokens = doc.tokens
    out: list[tuple[int, int, str]] = []
    for start, end, label in doc.entities:
        pieces: list[tuple[int, int]] = []
        i = start
        for k in range(start, end):
            tok = tokens[k]
            cut = _LINK.search(tok.text) is not None
            if not cut and tok.text in _SEPARATORS:
                spaced = k > 0 and tokens[k - 1].end < tok.start
                cut = spaced or tok.text != "-"
            if cut:
                pieces.append((i, k))
                i = k + 1
        if i == start:
            out.append((start, end, label))
            continue
        pieces.append((i, end))
        for n, (a, b) in enumerate(pieces):
            while a < b and tokens[a].text.isspace():
                a += 1
            while b > a and tokens[b - 1].text.isspace():
                b -= 1
            if a >= b:
                continue
            if n and a > start and label in ("GPE", "LOC", "FAC"):
                first = tokens[a]
                name = doc.text[first.start : tokens[b - 1].end]
                if not _is_capitalised(first) or first.pos not in ("PROPN", ""):
                    continue
                places = gazetteer.lookup(name, limit=1)
                if (
                    not places
                    or len(name) < 4
                    or not (
                        places[0].feature_code in _QUALIFIER_CODES
                        or places[0].population >= MIN_POPULATION_CITY
                    )
                ):
                    continue
            out.append((a, b, label))
    return out


class Finder:
    """The state of one recognition run over one document."""

    def __init__(
        self,
        doc: Document,
        gazetteer: Gazetteer,
        assumed: list[tuple[int, frozenset[str], bool]] | None = None,
    ) -> None:
        self.doc = doc
        self.assumed = assumed
        self.gaz = gazetteer
        self.tokens = doc.tokens
        self.text = doc.text
        n = len(self.tokens)
        self.ent_of: list[tuple[int, int, str] | None] = [None] * n
        #: capitalised words of the document's person names
        self.person_words: set[str] = set()
        #: the same, from names of two words or more ("Michael Jordan"): stronger evidence
        self.full_name_words: set[str] = set()
        #: names the NER labels GPE or LOC somewhere in the document
        self.place_names: set[str] = set()
        votes: Counter[str] = Counter()  # person minus place labels of a word
        #: the NER's spans, cut at separators and links ("Golan Heights - BEIRUT")
        self.entities = _entity_pieces(doc, gazetteer)
        for ent in self.entities:
            for i in range(ent[0], ent[1]):
                self.ent_of[i] = ent
            if ent[2] == "PERSON":
                for i in range(ent[0], ent[1]):
                    word = self.tokens[i].text
                    if word[:1].isupper() and len(word) > 2:
                        self.person_words.add(word)
                        votes[word] += 1
                        if ent[1] - ent[0] > 1:
                            self.full_name_words.add(word)
            if ent[2] in ("GPE", "LOC") or (
                ent[0] > 0 and self.tokens[ent[0] - 1].text.lower() in _STRONG_CUES
            ):
                name = self.span_text(*self._trim(ent[0], ent[1]))
                self.place_names.add(name)
                votes[name] -= 1
        # a word the NER calls a place more often than part of a name is a place
        # ("Rethinking Egypt" in a headline, "Egypt" in every other sentence)
        self.full_name_words = {w for w in self.full_name_words if votes[w] > 0}
        self.taken = [False] * n
        self.caps = [_is_capitalised(tok) for tok in self.tokens]
        self.found: list[tuple[int, int, str, str]] = []
        self.extra: list[Mention] = []
        #: per token, the tokens of the whole name it belongs to ("Kot-e-Sangi")
        self.units = name_units(doc, gazetteer)
        #: the name to look up for a claim, where the index spells it otherwise
        self.names: dict[tuple[int, int], str] = {}

    def _trim(self, i: int, j: int) -> tuple[int, int]:
        """Token range ``[i, j)`` without a leading "the" and a trailing possessive."""
        tokens = self.tokens
        while i < j and tokens[i].text.lower() == "the":
            i += 1
        while j - i > 1 and tokens[j - 1].text in _POSSESSIVE:
            j -= 1
        return i, j

    def span_text(self, i: int, j: int) -> str:
        """The document's text of tokens ``[i, j)``."""
        return self.text[self.tokens[i].start : self.tokens[j - 1].end]

    def has_pos(self, tok: Token, tags: frozenset[str], guess: bool) -> bool:
        """Whether ``tok``'s POS is one of ``tags``; ``guess`` when it was not tagged.

        For an untagged token, ``(token, tags, guess)`` is noted in :attr:`assumed`.
        """
        if tok.pos:
            return tok.pos in tags
        if self.assumed is not None:
            self.assumed.append((tok.i, tags, guess))
        return guess

    def is_proper(self, k: int) -> bool:
        """A proper noun; untagged: capitalised and not the first word of its sentence."""
        tok = self.tokens[k]
        if tok.pos:
            return tok.pos == "PROPN"
        guess = False
        first = k
        while first > 0 and self.tokens[first - 1].sent == tok.sent:
            if self.tokens[first - 1].text.isalnum():
                guess = _is_capitalised(tok)
                break
            first -= 1
        return self.has_pos(tok, _PROPER, guess)

    def _whole_is_place(self, a: int, b: int) -> bool:
        """Whether the whole name ``[a, b)`` around a place found in it is a place too.

        It is when the index knows it (maybe under another spelling of its article),
        the NER labels a word of it a place, or a place cue precedes it ("in
        Kot-e-Sangi"); else the find was a word inside another name ("Riot-Hit").
        """
        name = self.span_text(a, b)
        if self.gaz.has_key(normalize_name(name)) or known_spelling(name, self.gaz):
            return True
        if any(self.ent_of[k] and self.ent_of[k][2] in ("GPE", "LOC") for k in range(a, b)):
            return True
        return self.cue_before(a)

    def whole(self, i: int, j: int) -> tuple[int, int]:
        """Token range ``[i, j)`` widened to the whole names it cuts (see :attr:`units`)."""
        return min(i, self.units[i][0]), max(j, self.units[j - 1][1])

    def claim(self, i: int, j: int, kind: str, source: str) -> None:
        """Take tokens ``[i, j)`` (less a trailing possessive) as a mention of ``kind``.

        A place never cuts a name: a claim inside a whole name ("Kot" of
        "Kot-e-Sangi") takes the whole name when that is a place too
        (:meth:`_whole_is_place`), else nothing, and nothing when another claim holds
        part of it; a demonym or modifier inside one ("Sino-Russian") is no claim.
        """
        while j - i > 1 and self.tokens[j - 1].text in _POSSESSIVE:
            j -= 1
        a, b = self.whole(i, j)
        if (a, b) != (i, j):
            if kind not in ("place", "region") or any(
                self.taken[k] for k in range(a, b) if not i <= k < j
            ):
                return
            if not self._whole_is_place(a, b):
                return
            i, j = a, b
        spelling = known_spelling(self.span_text(i, j), self.gaz)
        if spelling is not None:
            self.names[(i, j)] = spelling
        for k in range(i, j):
            self.taken[k] = True
        self.found.append((i, j, kind, source))

    def cue_before(self, i: int) -> bool:
        """A place cue before token ``i``: "in X", "near X", "the village of X"."""
        if i == 0:
            return False
        word = self.tokens[i - 1].text.lower()
        if word in PLACE_CUES:
            return True
        return word == "of" and i > 1 and self.tokens[i - 2].text.lower() in PLACE_NOUNS

    def qualified_after(self, j: int) -> bool:
        """Whether a country or first-order region follows after a comma ("X, Kenya")."""
        tokens = self.tokens
        if j + 1 >= len(tokens) or tokens[j].text != "," or not _is_capitalised(tokens[j + 1]):
            return False
        for m in (j + 3, j + 2):
            if m > len(tokens) or not all(_is_capitalised(t) for t in tokens[j + 1 : m]):
                continue
            name = self.span_text(j + 1, m)
            if us_state_code(name) is not None:
                return True
            best = self.gaz.lookup(name, limit=1)
            if best and best[0].feature_code in _QUALIFIER_CODES and self.primary(name):
                return True
        return False

    def title_before(self, i: int) -> bool:
        """Whether a title precedes token ``i`` ("coach Ripley", "Gov. Perry")."""
        return i > 0 and _bare(self.tokens[i - 1].text) in TITLES

    def is_person(self, i: int, j: int, *, full_names: bool = False) -> bool:
        """A person's name: after a title, or a word of a person's name elsewhere.

        With ``full_names``, only names of two words or more count as evidence
        ("Michael Jordan", not a lone "Jordan" the NER guessed to be a person).
        """
        if self.title_before(i):
            return True
        words = self.full_name_words if full_names else self.person_words
        if j - i == 1 and self.tokens[i].text in words:
            return not self.cue_before(i)
        return False

    def is_disease(self, j: int) -> bool:
        """Whether a disease noun follows, maybe after an adjective ("Marburg fever")."""
        tokens = self.tokens
        if j < len(tokens) and tokens[j].text.lower() in DISEASE_NOUNS:
            return True
        return (
            j + 1 < len(tokens)
            and tokens[j].text.islower()
            and tokens[j + 1].text.lower() in DISEASE_NOUNS
        )

    def primary(self, name: str) -> bool:
        """Whether ``name`` is the own name (not only an alias) of a likely place."""
        key = normalize_name(name)
        return any(normalize_name(p.name) == key for p in self.gaz.lookup(name, limit=8))

    def _postal_after_cue(self, i: int) -> bool:
        """Whether token ``i`` is a postal code after a place cue ("a storm in NJ").

        Codes that are also words or common abbreviations ("IN", "OR", "ME", "OK",
        "MT") never count so.
        """
        tokens = self.tokens
        return (
            i >= 1
            and tokens[i].text in US_STATE_POSTAL
            and tokens[i].text not in _WORD_CODES
            and tokens[i - 1].text in _POSTAL_CUES
        )

    def _postal_after_place(self, i: int) -> bool:
        """Whether token ``i`` follows "Place ," ("Modesto, CA")."""
        tokens = self.tokens
        return (
            i >= 2
            and tokens[i - 1].text == ","
            and _is_capitalised(tokens[i - 2])
            and tokens[i].text in US_STATE_POSTAL
        )

    def _claim_chars(self, start: int, end: int, name: str, tok: Token) -> None:
        """Add a place mention at character offsets that need not be token bounds."""
        for t in self.tokens[tok.i :]:
            if t.start >= end:
                break
            if t.end > start:
                self.taken[t.i] = True
        self.extra.append(
            Mention(
                start=start,
                end=end,
                text=self.text[start:end],
                name=name,
                kind="place",
                source="GAZ",
                sent=tok.sent,
            )
        )

    def event_after(self, i: int, j: int, name: str) -> bool:
        """Whether a disaster or unrest noun follows a place ("the Bohol earthquake").

        The name must be the own name of a country, a first- or second-order region
        or a town of :data:`MIN_POPULATION_UNSUPPORTED` people, not a word that only
        happens to be an alias ("the Book Riot", "a Monster tornado"); before a
        capitalised noun, it must not end a longer name ("Butler Golden Tornado").
        """
        tokens = self.tokens
        if j >= len(tokens) or tokens[j].text.lower() not in EVENT_NOUNS:
            return False
        if _is_capitalised(tokens[j]) and i > 0 and _is_capitalised(tokens[i - 1]):
            before = tokens[i - 1].text.lower()
            if before not in _EVENT_PREFIXES and not self._line_start(i):
                return False
        key = normalize_name(name)
        if key in COMMON_WORDS:
            return False
        for place in self.gaz.lookup(name, limit=4):
            if normalize_name(place.name) == key:
                if place.is_area:
                    return place.feature_code in _QUALIFIER_CODES or (
                        place.population >= MIN_POPULATION_UNSUPPORTED
                    )
                return place.population >= MIN_POPULATION_UNSUPPORTED
        return False

    @staticmethod
    def _notable(name: str, best: Place) -> bool:
        """Whether a one-word name is a large city under a close spelling ("Kiev", "Misrata").

        The gazetteer's aliases are often common words or given names ("Google" for
        Topeka, "Mina" for Minna), so only a close spelling of a large city counts:
        a capital's name differing by two letters at most from its own name, with the
        same first letter ("Kiev" for Kyiv, "Sana" for Sanaa), or a name of six
        letters or more, one letter off, of a city of :data:`MIN_POPULATION_CITY`
        people ("Misrata" for Misratah, "Odessa" for Odesa). A name spelt as the
        city but for its accents is another word ("Bush" is not "Būsh").
        """
        if best.is_area or best.population < MIN_POPULATION_CITY or len(name) < 4:
            return False
        if not (name[:1].isupper() and name[1:].islower()):
            return False
        own, key = normalize_name(best.name), normalize_name(name)
        if own == key or key in COMMON_WORDS or own[:1] != key[:1] or own == key + "s":
            return False
        if best.feature_code == "PPLC":
            return _edit_distance(own, key) <= 2
        return len(key) >= 6 and own[:2] == key[:2] and _edit_distance(own, key) <= 1

    def _resident_after(self, j: int) -> bool:
        """Whether a word for a resident follows ("a Winona man", "Gainesville residents").

        A lower-case word for a local body or service counts too ("Joplin police",
        "the Lagos hospital"); capitalised, it names an organisation ("Oxford Police").
        """
        if j >= len(self.tokens):
            return False
        word = self.tokens[j].text
        return word.lower() in RESIDENT_NOUNS or (word.islower() and word in LOCAL_NOUNS)

    def _region_after(self, j: int) -> bool:
        return j < len(self.tokens) and self.tokens[j].text.lower() in REGION_NOUNS

    def _line_start(self, i: int) -> bool:
        """Whether token ``i`` starts a sentence or a line."""
        if i == 0:
            return True
        prev, tok = self.tokens[i - 1], self.tokens[i]
        return prev.sent != tok.sent or prev.text in (".", "!", "?") or prev.text.isspace()

    def _dateline(self, j: int) -> bool:
        """A capitalised dateline: "COLUMBUS, Ohio (AP)", "KUALA LUMPUR -"."""
        return j < len(self.tokens) and self.tokens[j].text in (
            ",",
            ":",
            "(",
            "-",
            "--",
            "\u2014",
            "\u2013",
        )
