"""The whole flow, stage by stage: ingest -> nlp -> toponyms -> resolve -> events -> join."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import GeomapError
from geomap.events import extract_events
from geomap.ingest import ErrorHandler, read_documents
from geomap.model import Document, Mention
from geomap.resolve import resolve
from geomap.toponyms import recognise

if TYPE_CHECKING:
    import geopandas as gpd
    from spacy.language import Language

    from geomap.corrections import Corrections
    from geomap.gazetteer.base import Gazetteer
    from geomap.nlp import Analyser


class Pipeline:
    """geomap's text stages with their resources loaded once.

    Parameters
    ----------
    gazetteer
        A :class:`~geomap.gazetteer.base.Gazetteer`; the embedded GeoNames one by default.
    nlp
        A spaCy English pipeline; found by :func:`geomap.nlp.load_nlp` by default.
    fallback
        A second gazetteer, usually online (``NominatimGazetteer``), asked about the
        place and region mentions that ``gazetteer`` cannot resolve; never used
        unless given. Names are still recognised with ``gazetteer`` alone.
    corrections
        An analyst's :class:`~geomap.corrections.Corrections`, applied after
        recognition and after resolution.
    places
        Your own places files (CSV, GeoJSON, GeoPackage; see
        :mod:`geomap.gazetteer.own_places`), put in front of ``gazetteer``: they
        take precedence over it for their names.
    parse_all
        Parse every sentence. By default only the sentences that may hold an event
        (a trigger word, or a list of places) are parsed, which is what the event
        stage needs; evaluations that name their own event verbs parse all.
    lang
        The language of documents without a ``lang`` of their own ("en", "ru",
        "kk"); ``None`` detects it per document from the text.

    """

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | None = None,
        nlp: Language | None = None,
        fallback: Gazetteer | None = None,
        corrections: Corrections | None = None,
        parse_all: bool = False,
        places: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        lang: str | None = None,
    ) -> None:
        if gazetteer is None:
            from geomap.gazetteer import load_gazetteer

            gazetteer = load_gazetteer()
        if places is not None:
            from geomap.gazetteer.own_places import LayeredGazetteer

            gazetteer = LayeredGazetteer(places, gazetteer)
        if nlp is None:
            from geomap.nlp import load_nlp

            nlp = load_nlp()
        self.gazetteer = gazetteer
        self.nlp = nlp
        self.fallback = fallback
        self.corrections = corrections
        self.parse_all = parse_all
        #: language of the documents that do not name theirs (``None``: detected)
        self.lang = lang
        self._analyser: Analyser | None = None

    @property
    def analyser(self) -> Analyser:
        """The NLP stage over :attr:`nlp` (made on first use)."""
        if self._analyser is None or self._analyser.nlp is not self.nlp:
            from geomap.nlp import Analyser

            self._analyser = Analyser(self.nlp)
        return self._analyser

    def process(self, documents: Iterable[Document], *, jobs: int = 1) -> Iterator[Document]:
        """Yield each document with its mentions resolved and its events extracted.

        Documents are read, analysed and handed on in batches of
        :data:`geomap.nlp.BATCH_SIZE`, so memory does not grow with their number.

        Parameters
        ----------
        documents
            Documents with text; any iterable, read lazily.
        jobs
            Worker processes; with more than one, batches are processed in parallel
            by :func:`geomap.parallel.process` and still yielded in input order.

        """
        if jobs != 1:
            from geomap.parallel import process

            yield from process(documents, jobs=jobs, pipeline=self)
            return
        analyser = self.analyser
        for batch in batched(documents, analyser.batch_size):
            yield from self.process_batch(batch)

    def process_batch(self, batch: list[Document]) -> list[Document]:
        """Process one batch of documents in this process and return them in order.

        Python's cyclic garbage collector is paused meanwhile (see :func:`paused_gc`):
        the batch makes hundreds of thousands of small records, and collecting
        while they are made costs about 5 % of the pipeline's time. The BLAS
        runs on one thread (:func:`geomap.nlp.one_blas_thread`).
        """
        from geomap.nlp import one_blas_thread

        with paused_gc(), one_blas_thread():
            return self._process_batch(batch)

    def _process_batch(self, batch: list[Document]) -> list[Document]:
        from geomap.cyrillic import process_cyrillic, with_language

        batch = with_language(batch, default=self.lang)
        if any(doc.lang != "en" for doc in batch):
            # Russian and Kazakh documents go their own way up to the shared resolver
            other = [doc for doc in batch if doc.lang != "en"]
            done = iter(process_cyrillic(other, self))
            english = iter(self._process_batch([d for d in batch if d.lang == "en"]))
            return [next(done) if doc.lang != "en" else next(english) for doc in batch]
        if not batch:
            return []
        analyser = self.analyser
        annotated = analyser.annotate(batch, tag_all=self.parse_all)
        found = [self._recognise(doc) for doc, _ in annotated]
        for _ in range(TAG_ROUNDS):
            # recognition asked for the POS of untagged words: tag them, and recognise
            # again where a POS is not the one recognition assumed
            redo = [k for k, (_, assumed) in enumerate(found) if assumed]
            if not redo:
                break
            items = [(annotated[k][0], annotated[k][1], [a[0] for a in found[k][1]]) for k in redo]
            for k, doc in zip(redo, analyser.tag_words(items), strict=True):
                annotated[k] = (doc, annotated[k][1])
                tokens = doc.tokens
                if all((tokens[i].pos in tags) == answer for i, tags, answer in found[k][1]):
                    found[k] = (dataclasses.replace(found[k][0], tokens=tokens), [])
                else:
                    found[k] = self._recognise(doc)
        todo = []
        for (doc, _), (_, state) in zip(found, annotated, strict=True):
            if self.corrections:
                doc = self.corrections.recognised(doc)
            doc = resolve(doc, self.gazetteer)
            if self.fallback is not None:
                doc = resolve_unmatched(doc, self.fallback)
            if self.corrections:
                doc = self.corrections.resolved(doc, self.gazetteer)
            if self.parse_all:
                chosen: Iterable[int] = range(len(doc.sentences))
            else:
                chosen = sentences_to_parse(doc, triggers=state.triggers)
            todo.append((doc, state, list(chosen)))
        return [extract_events(doc) for doc in analyser.parse_many(todo)]

    def _recognise(self, doc: Document) -> tuple[Document, list[tuple[int, frozenset[str], bool]]]:
        """Recognised ``doc`` and what it assumed of the POS of untagged tokens.

        See the ``assumed`` argument of :func:`geomap.toponyms.recognise`.
        """
        assumed: list[tuple[int, frozenset[str], bool]] = []
        doc = recognise(doc, self.gazetteer, assumed=assumed)
        return doc, assumed

    def process_text(
        self, text: str, *, date: dt.date | str | None = None, doc_id: str = "text"
    ) -> Document:
        """Process one text (with an optional document date) and return the document."""
        from geomap.ingest import parse_date

        document = Document(doc_id=doc_id, text=text, date=parse_date(date, where=doc_id))
        return next(self.process([document]))


#: at most this many times recognition asks for untagged words to be tagged
TAG_ROUNDS = 3


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector inside the block (if it was running).

    Reference counting still frees everything that is not in a cycle; cycles
    made inside the block are collected by the collector's next run after it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def batched(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Yield lists of up to ``size`` items, reading ``items`` lazily."""
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


#: a sentence with this many place mentions may hold a list of places, which the
#: event stage recognises from the parse ("in A, B and C")
LIST_MENTIONS = 3


def sentences_to_parse(doc: Document, *, triggers: Iterable[int] | None = None) -> list[int]:
    """The sentences of an analysed, resolved document that the event stage reads parsed.

    Those that may hold a trigger word or phrase and those with
    :data:`LIST_MENTIONS` place mentions or more. ``triggers`` are the sentences
    that may hold a trigger when known (from the words alone,
    :attr:`geomap.nlp.Analysed.triggers`); by default they are found by lemma
    (:func:`geomap.events.lexicon.may_trigger`).
    """
    per_sentence = Counter(m.sent for m in doc.mentions)
    chosen = {index for index, count in per_sentence.items() if count >= LIST_MENTIONS}
    if triggers is not None:
        chosen.update(triggers)
        return sorted(chosen)
    from geomap.events.lexicon import may_trigger

    lemmas: list[list[str]] = [[] for _ in doc.sentences]
    texts: list[list[str]] = [[] for _ in doc.sentences]
    for tok in doc.tokens:
        lemmas[tok.sent].append(tok.lemma.lower())
        texts[tok.sent].append(tok.text.lower())
    chosen.update(i for i in range(len(doc.sentences)) if may_trigger(lemmas[i], texts[i]))
    return sorted(chosen)


#: confidence of a place found by the fallback gazetteer, in / outside the focus country
FALLBACK_SCORE = (0.6, 0.4)


def resolve_unmatched(doc: Document, fallback: Gazetteer) -> Document:
    """Resolve the place and region mentions left without a place with ``fallback``.

    Among the fallback's places, the first in the document's focus country (the
    country most resolved mentions are in) wins, else its first. The mention's
    ``why`` starts with "online: <backend name>". A fallback error (server down,
    rate limited) leaves the mention unresolved and adds a document warning.
    """
    todo = [m.place is None and m.kind in ("place", "region") for m in doc.mentions]
    if not any(todo):
        return doc
    votes = Counter(m.place.country_code for m in doc.mentions if m.place and m.place.country_code)
    focus = votes.most_common(1)[0][0] if votes else None
    source = fallback.name or type(fallback).__name__
    warnings = list(doc.warnings)
    failed: set[str] = set()
    mentions: list[Mention] = []
    for mention, unresolved in zip(doc.mentions, todo, strict=True):
        if not unresolved or mention.name in failed:
            mentions.append(mention)
            continue
        try:
            found = fallback.lookup(mention.name)
        except GeomapError as exc:
            failed.add(mention.name)
            warnings.append(f"online geocoding of {mention.name!r} failed: {exc}")
            mentions.append(mention)
            continue
        if mention.kind == "region":
            found = [p for p in found if p.is_area] or found
        if not found:
            mentions.append(dataclasses.replace(mention, why=f"no candidate; {source}: none"))
            continue
        in_focus = [p for p in found if focus and p.country_code == focus]
        place = (in_focus or found)[0]
        where = f"in the focus country {focus}" if in_focus else "its first"
        mentions.append(
            dataclasses.replace(
                mention,
                place=place,
                score=FALLBACK_SCORE[0] if in_focus else FALLBACK_SCORE[1],
                why=f"online: {source} ({where} of {len(found)})",
            )
        )
    return dataclasses.replace(doc, mentions=tuple(mentions), warnings=tuple(warnings))


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The shared pipeline with the embedded gazetteer and the default spaCy model."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def extract(
    inputs: Iterable[str | Path] | str | Path,
    *,
    pipeline: Pipeline | None = None,
    on_error: ErrorHandler | None = None,
    places: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    merge: bool = True,
) -> gpd.GeoDataFrame:
    """Read documents from files or folders and return their events as a GeoDataFrame.

    Parameters
    ----------
    inputs
        ``.txt`` files, folders, ``.jsonl`` or ``.csv`` files.
    pipeline
        The pipeline to use; :func:`default_pipeline` by default.
    on_error
        Called with each input problem; problems are raised when it is ``None``.
    places
        Your own places files, in front of the pipeline's gazetteer (see
        :class:`Pipeline`).
    merge
        Merge the events of different documents that tell one incident into one row
        listing every source (the default); ``False`` keeps one row per report.

    """
    from geomap.join import events_frame

    pipeline = pipeline or default_pipeline()
    if places is not None:
        pipeline = Pipeline(
            gazetteer=pipeline.gazetteer,
            nlp=pipeline.nlp,
            fallback=pipeline.fallback,
            parse_all=pipeline.parse_all,
            places=places,
        )
    documents = pipeline.process(read_documents(inputs, on_error=on_error))
    return events_frame(documents, merge=merge)
