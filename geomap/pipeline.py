"""The whole flow, stage by stage: ingest -> nlp -> toponyms -> resolve -> events -> join."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.events import extract_events
from geomap.ingest import ErrorHandler, read_documents
from geomap.model import Document
from geomap.resolve import resolve
from geomap.toponyms import recognise

if TYPE_CHECKING:
    import geopandas as gpd
    from spacy.language import Language

    from geomap.gazetteer.base import Gazetteer


class Pipeline:
    """geomap's text stages with their resources loaded once.

    Parameters
    ----------
    gazetteer
        A :class:`~geomap.gazetteer.base.Gazetteer`; the embedded GeoNames one by default.
    nlp
        A spaCy English pipeline; found by :func:`geomap.nlp.load_nlp` by default.

    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, nlp: Language | None = None) -> None:
        if gazetteer is None:
            from geomap.gazetteer import load_gazetteer

            gazetteer = load_gazetteer()
        if nlp is None:
            from geomap.nlp import load_nlp

            nlp = load_nlp()
        self.gazetteer = gazetteer
        self.nlp = nlp

    def process(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Yield each document with its mentions resolved and its events extracted."""
        from geomap.nlp import analyse

        for doc in analyse(documents, nlp=self.nlp):
            doc = recognise(doc, self.gazetteer)
            doc = resolve(doc, self.gazetteer)
            yield extract_events(doc)

    def process_text(
        self, text: str, *, date: dt.date | str | None = None, doc_id: str = "text"
    ) -> Document:
        """Process one text (with an optional document date) and return the document."""
        from geomap.ingest import parse_date

        document = Document(doc_id=doc_id, text=text, date=parse_date(date, where=doc_id))
        return next(self.process([document]))


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

    """
    from geomap.join import events_frame

    pipeline = pipeline or default_pipeline()
    return events_frame(pipeline.process(read_documents(inputs, on_error=on_error)))
