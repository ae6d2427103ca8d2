"""The pipeline's branch for Russian and Kazakh documents.

``nlp`` (:mod:`geomap.nlp.russian`) -> toponyms (:mod:`geomap.toponyms_ru`) ->
the shared resolver (:func:`geomap.resolve.resolve`) -> events
(:mod:`geomap.events.russian`, Russian only). Kazakh and other Cyrillic
documents get their places and a warning that their events are not read.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import TYPE_CHECKING

from geomap.model import Document
from geomap.nlp.russian import EVENT_LANGUAGES, RussianAnalyser, detect_language

if TYPE_CHECKING:
    from geomap.pipeline import Pipeline

#: the language codes a ``lang`` field or ``--lang`` may give
LANGUAGES = frozenset({"en", "ru", "kk", "uk"})


def with_language(batch: list[Document], *, default: str | None = None) -> list[Document]:
    """The documents with ``lang`` set: as given, else ``default``, else detected."""
    out = []
    for doc in batch:
        lang = (doc.lang or default or "").lower()
        if not lang or lang == "auto":
            lang = detect_language(doc.text)
        out.append(doc if lang == doc.lang else dataclasses.replace(doc, lang=lang))
    return out


@lru_cache(maxsize=1)
def analyser() -> RussianAnalyser:
    """The Russian analyser, shared by every pipeline of the process."""
    return RussianAnalyser()


def process_cyrillic(batch: list[Document], pipeline: Pipeline) -> list[Document]:
    """Analyse, recognise, resolve and (for Russian) extract the events of ``batch``."""
    from geomap.events.russian import extract_events_ru, may_trigger_ru
    from geomap.pipeline import resolve_unmatched
    from geomap.resolve import resolve
    from geomap.toponyms_ru import pin_places, recognise_ru

    analysed = analyser().annotate(batch, parse_if=may_trigger_ru)
    out = []
    for doc in analysed:
        doc = recognise_ru(doc, pipeline.gazetteer)
        doc = resolve(doc, pipeline.gazetteer)
        doc = pin_places(doc, pipeline.gazetteer)
        if pipeline.fallback is not None:
            doc = resolve_unmatched(doc, pipeline.fallback)
        if doc.lang in EVENT_LANGUAGES:
            doc = extract_events_ru(doc)
        else:
            warning = f"language {doc.lang!r}: places are read, events only for English and Russian"
            doc = dataclasses.replace(doc, warnings=(*doc.warnings, warning))
        out.append(doc)
    return out
