"""Russian (and other Cyrillic) analysis into the same plain records as English.

Sentences and tokens come from ``razdel``; lemmas, parts of speech and grammemes
from ``pymorphy3`` with its Russian dictionary; named entities (LOC, ORG, PER)
and, for the sentences the event stage reads, a dependency parse from
``slovnet``'s news models, whose weights ship inside the ``natasha`` wheel
(nothing is downloaded). The output is a :class:`~geomap.model.Document` with
``sentences``, ``tokens`` and ``entities`` as :func:`geomap.nlp.analyse` gives
them for English, so the stages after ``nlp`` read both alike: ``Token.pos`` is
a Universal Dependencies tag, ``Token.tag`` pymorphy's grammemes
("NOUN,inan,femn,Geox sing,loct"), ``Token.dep`` a UD relation.

The natasha package itself is not imported (it imports pymorphy2, which does
not run on current Pythons): only its data folder is read.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from geomap.errors import GeomapError
from geomap.model import Document, Token

#: the slovnet models read from natasha's data folder
_EMBEDDING = "emb/navec_news_v1_1B_250K_300d_100q.tar"
_NER_MODEL = "model/slovnet_ner_news_v1.tar"
_SYNTAX_MODEL = "model/slovnet_syntax_news_v1.tar"

#: slovnet's entity labels, as geomap's (spaCy's) names
_LABELS = {"LOC": "LOC", "ORG": "ORG", "PER": "PERSON"}

#: pymorphy's parts of speech (OpenCorpora) as Universal Dependencies tags
_UPOS = {
    "NOUN": "NOUN",
    "ADJF": "ADJ",
    "ADJS": "ADJ",
    "COMP": "ADJ",
    "VERB": "VERB",
    "INFN": "VERB",
    "PRTF": "VERB",
    "PRTS": "VERB",
    "GRND": "VERB",
    "NUMR": "NUM",
    "ADVB": "ADV",
    "NPRO": "PRON",
    "PRED": "ADV",
    "PREP": "ADP",
    "CONJ": "CCONJ",
    "PRCL": "PART",
    "INTJ": "INTJ",
}

#: letters of Kazakh Cyrillic that Russian, Ukrainian and Belarusian lack
KAZAKH_LETTERS = frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ")
#: letters of Ukrainian and Belarusian Cyrillic that Russian lacks
_UK_BE_LETTERS = frozenset("іїєґўІЇЄҐЎ")

_CYRILLIC = re.compile("[\u0400-\u04ff]")

#: languages whose events geomap reads
EVENT_LANGUAGES = frozenset({"en", "ru"})


def detect_language(text: str) -> str:
    """The language of a document: "en", "ru", "kk" (Kazakh) or "uk" (other Cyrillic).

    A text is Cyrillic when at least 30 % of its first 5,000 letters are Cyrillic.
    Cyrillic text with Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ) making up 0.5 % of
    its letters or more is Kazakh; with і, ї, є, ґ or ў it is Ukrainian or
    Belarusian ("uk"); otherwise Russian. Anything else is read as English.
    """
    sample = text[:5000]
    if _CYRILLIC.search(sample) is None:
        return "en"  # the common case, at the cost of one scan
    letters = [ch for ch in sample if ch.isalpha()]
    cyrillic = sum(1 for ch in letters if "CYRILLIC" in unicodedata.name(ch, ""))
    if cyrillic < 0.3 * len(letters):
        return "en"
    kazakh = sum(1 for ch in letters if ch in KAZAKH_LETTERS)
    if kazakh >= 0.005 * cyrillic:
        return "kk"
    if any(ch in _UK_BE_LETTERS for ch in letters):
        return "uk"
    return "ru"


def _natasha_data() -> Path:
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise GeomapError(
            "Russian text needs the natasha package (its models ship in the wheel): "
            "pip install natasha slovnet pymorphy3 pymorphy3-dicts-ru"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@lru_cache(maxsize=1)
def morph_analyzer() -> Any:
    """pymorphy3's analyser with the Russian dictionary (loaded once)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's parses of ``word`` (lower-cased), best first; cached."""
    return tuple(morph_analyzer().parse(word.lower()))


def lemmas(word: str) -> list[str]:
    """Every dictionary form pymorphy3 gives ``word``, best first, without repeats."""
    out: list[str] = []
    for p in parses(word):
        if p.normal_form not in out:
            out.append(p.normal_form)
    return out


def inflect(word: str, grammemes: set[str], *, pos: str | None = None) -> str | None:
    """``word`` put into ``grammemes`` ({"nomn", "femn"}), or ``None`` when it cannot be.

    Only parses of part of speech ``pos`` ("ADJF") are tried when given.
    """
    for p in parses(word):
        if pos is not None and p.tag.POS != pos:
            continue
        form = p.inflect(grammemes)
        if form is not None:
            return form.word
    return None


def upos(word: str) -> tuple[str, str, str]:
    """(lemma, UD part of speech, grammemes) of a word out of context."""
    if not any(ch.isalnum() for ch in word):
        return word, "PUNCT", ""
    if word[0].isdigit():
        return word, "NUM", ""
    if not any("CYRILLIC" in unicodedata.name(ch, "") for ch in word if ch.isalpha()):
        return word.lower(), ("PROPN" if word[:1].isupper() else "X"), ""
    found = parses(word)
    if not found:
        return word.lower(), "X", ""
    best = found[0]
    pos = _UPOS.get(best.tag.POS or "", "X")
    tag = str(best.tag)
    if (
        pos == "NOUN"
        and word[:1].isupper()
        and {"Geox", "Name", "Surn", "Patr", "Orgn"} & set(best.tag.grammemes)
    ):
        pos = "PROPN"
    return best.normal_form, pos, tag


class RussianAnalyser:
    """Sentences, tokens, lemmas, entities and (where asked) parses of Cyrillic documents.

    The models load on first use (about 1.5 s). ``parse_if`` decides which
    sentences get a dependency parse: it is given the sentence's lemmas and
    returns whether the event stage needs its syntax; all are parsed by default.
    """

    def __init__(self) -> None:
        self._ner: Any = None
        self._syntax: Any = None

    def _load(self) -> None:
        if self._ner is not None:
            return
        from navec import Navec
        from slovnet import NER, Syntax

        data = _natasha_data()
        navec = Navec.load(str(data / _EMBEDDING))
        ner = NER.load(str(data / _NER_MODEL))
        ner.navec(navec)
        syntax = Syntax.load(str(data / _SYNTAX_MODEL))
        syntax.navec(navec)
        self._ner, self._syntax = ner, syntax

    def annotate(
        self,
        documents: Sequence[Document],
        *,
        parse_if: Callable[[list[str]], bool] | None = None,
    ) -> list[Document]:
        """Return each document with sentences, tokens and entities (and parses)."""
        from razdel import sentenize, tokenize

        self._load()
        out: list[Document] = []
        texts = [doc.text for doc in documents]
        markups = _in_length_order(self._ner.map, texts, len)
        for doc, markup in zip(documents, markups, strict=True):
            sentences: list[tuple[int, int]] = []
            tokens: list[Token] = []
            for sent in sentenize(doc.text):
                if not sent.text.strip():
                    continue
                index = len(sentences)
                sentences.append((sent.start, sent.stop))
                for piece in tokenize(sent.text):
                    start = sent.start + piece.start
                    lemma, pos, tag = upos(piece.text)
                    i = len(tokens)
                    tokens.append(
                        Token(
                            i=i,
                            start=start,
                            end=start + len(piece.text),
                            text=piece.text,
                            lemma=lemma,
                            pos=pos,
                            tag=tag,
                            dep="",
                            head=i,
                            sent=index,
                        )
                    )
            entities = _entities(tokens, markup.spans)
            labels = {i: label for a, b, label in entities for i in range(a, b)}
            tokens = [
                dataclasses.replace(t, ent_type=labels[t.i]) if t.i in labels else t for t in tokens
            ]
            out.append(
                dataclasses.replace(
                    doc,
                    sentences=tuple(sentences),
                    tokens=tuple(tokens),
                    entities=tuple(entities),
                )
            )
        return self._parse(out, parse_if)

    def _parse(
        self, docs: list[Document], parse_if: Callable[[list[str]], bool] | None
    ) -> list[Document]:
        """The documents with the chosen sentences parsed, all in one batch of the model."""
        chosen: list[tuple[int, list[Token]]] = []
        for k, doc in enumerate(docs):
            by_sent: list[list[Token]] = [[] for _ in doc.sentences]
            for tok in doc.tokens:
                by_sent[tok.sent].append(tok)
            chosen += [
                (k, toks)
                for toks in by_sent
                if toks and (parse_if is None or parse_if([t.lemma for t in toks]))
            ]
        if not chosen:
            return docs
        tokens = [list(doc.tokens) for doc in docs]
        parsed_sents = _in_length_order(
            self._syntax.map, [[t.text for t in toks] for _, toks in chosen], len
        )
        for (k, toks), markup in zip(chosen, parsed_sents, strict=True):
            first = toks[0].i
            for tok, parsed in zip(toks, markup.tokens, strict=True):
                head = int(parsed.head_id)
                tokens[k][tok.i] = dataclasses.replace(
                    tok,
                    dep=parsed.rel or "dep",
                    head=first + head - 1 if head > 0 else tok.i,
                )
        return [
            dataclasses.replace(doc, tokens=tuple(toks))
            for doc, toks in zip(docs, tokens, strict=True)
        ]


def _in_length_order(run: Callable[[list], Iterable[Any]], items: list, size: Callable) -> list:
    """``run`` over ``items`` sorted by size (the model pads each batch to its longest)."""
    order = sorted(range(len(items)), key=lambda k: size(items[k]))
    out: list[Any] = [None] * len(items)
    for k, result in zip(order, run([items[k] for k in order]), strict=True):
        out[k] = result
    return out


def _entities(tokens: Sequence[Token], spans: Iterable[Any]) -> list[tuple[int, int, str]]:
    """Slovnet's character spans as (first token, end token, label)."""
    out: list[tuple[int, int, str]] = []
    starts = [t.start for t in tokens]
    import bisect

    for span in spans:
        label = _LABELS.get(span.type)
        if label is None:
            continue
        a = bisect.bisect_left(starts, span.start)
        if a > 0 and tokens[a - 1].end > span.start:
            a -= 1
        b = a
        while b < len(tokens) and tokens[b].start < span.stop:
            b += 1
        if b > a:
            out.append((a, b, label))
    return out


#: words of a Cyrillic text, for callers that need them without an analysis
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
