"""Processing on several cores: same documents, same order, as on one."""

from __future__ import annotations

import dataclasses

import pytest

from geomap.ingest import read_documents
from geomap.model import Document
from geomap.parallel import process
from tests.conftest import SEED

TEMPLATES = (
    "Police arrested 12 protesters in {a} on Monday after a rally near the city hall.",
    "An explosion hit a market in {a}, and clashes spread to {b} later that day.",
    "Officials in {a} said the weather in {b} was mild and the harvest was good.",
)
PLACES = ("Almaty", "Kabul", "Lagos", "Aleppo", "Karachi", "Nairobi", "Mosul")


def _documents(n: int) -> list[Document]:
    docs = []
    for k in range(n):
        text = " ".join(
            t.format(a=PLACES[(k + i) % len(PLACES)], b=PLACES[(k + i + 3) % len(PLACES)])
            for i, t in enumerate(TEMPLATES[: 1 + k % len(TEMPLATES)])
        )
        docs.append(Document(doc_id=f"d{k}", text=text, date=None))
    return docs


def test_two_jobs_give_the_same_documents_in_input_order(pipeline):
    docs = [*_documents(70), *read_documents(SEED)]
    serial = list(pipeline.process(docs))
    parallel = list(process(docs, jobs=2, pipeline=pipeline, batch_size=8))
    assert [d.doc_id for d in parallel] == [d.doc_id for d in docs]
    assert parallel == serial
    assert any(d.events for d in parallel) and any(d.mentions for d in parallel)


def test_pipeline_process_jobs_delegates_to_the_pool(pipeline):
    docs = _documents(20)
    assert list(pipeline.process(docs, jobs=2)) == list(pipeline.process(docs))


def test_an_abandoned_stream_stops_its_workers(pipeline):
    import multiprocessing as mp

    stream = process(_documents(200), jobs=2, pipeline=pipeline, batch_size=4)
    first = next(stream)
    assert first.doc_id == "d0"
    stream.close()
    assert not [p for p in mp.active_children() if p.is_alive()]


def test_selective_parse_only_parses_sentences_the_events_read(pipeline):
    from geomap.pipeline import sentences_to_parse
    from geomap.resolve import resolve
    from geomap.toponyms import recognise

    text = (
        "The weather in Almaty was mild on Monday. "
        "Police arrested twelve protesters in Almaty on Tuesday."
    )
    ((doc, spacy_doc),) = pipeline.analyser.annotate([Document(doc_id="x", text=text)])
    if not pipeline.analyser.selective:
        pytest.skip("the installed spaCy model cannot run its parts separately")
    assert all(t.dep == "" for t in doc.tokens)
    # no trigger word in the first sentence: it is not tagged
    assert all(t.pos == "" and t.lemma == t.text.lower() for t in doc.tokens if t.sent == 0)
    doc = resolve(recognise(doc, pipeline.gazetteer), pipeline.gazetteer)
    chosen = sentences_to_parse(doc, triggers=spacy_doc.triggers)
    assert chosen == [1]
    parsed = pipeline.analyser.parse(doc, spacy_doc, chosen)
    first = [t for t in parsed.tokens if t.sent == 0]
    second = [t for t in parsed.tokens if t.sent == 1]
    assert all(t.dep == "" for t in first)
    assert {t.dep for t in second} >= {"nsubj", "dobj"}
    assert all(second[0].i <= t.head <= second[-1].i for t in second)
    # the parse-dependent rules ran again: identical to spaCy's own order on this sentence
    full = pipeline.nlp(text)
    reference = [(t.text, t.pos_, t.lemma_, t.dep_) for t in full if t.sent.start > 0]
    assert [(t.text, t.pos, t.lemma, t.dep) for t in second] == reference
    events = dataclasses.replace(parsed, events=())
    assert events.tokens == parsed.tokens
