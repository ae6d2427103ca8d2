"""The NLP stage: rule sentences, what is tagged and parsed, and POS asked by toponyms."""

from __future__ import annotations

import pytest

from geomap.model import Document
from geomap.pipeline import Pipeline


@pytest.fixture(scope="module")
def analyser(pipeline):
    if not pipeline.analyser.selective:
        pytest.skip("the installed spaCy model cannot run its parts separately")
    return pipeline.analyser


@pytest.fixture(scope="module")
def full(pipeline):
    """A pipeline that tags and parses every sentence."""
    return Pipeline(gazetteer=pipeline.gazetteer, nlp=pipeline.nlp, parse_all=True)


def _sentences(analyser, text: str) -> list[str]:
    ((doc, _),) = analyser.annotate([Document(doc_id="s", text=text)])
    return [text[a:b] for a, b in doc.sentences]


def test_sentences_by_rule_keep_opening_quotes_and_drop_leading_space(analyser):
    text = 'The mayor spoke. "We will rebuild," she said.\n\nThe river rose again.'
    # white space between sentences ends the sentence before, as with spaCy's parser
    assert [s.strip() for s in _sentences(analyser, text)] == [
        "The mayor spoke.",
        '"We will rebuild," she said.',
        "The river rose again.",
    ]
    assert _sentences(analyser, text)[2] == "The river rose again."


def test_trigger_test_reads_inflected_forms_before_tagging(analyser):
    test = analyser.may_trigger
    assert test("police arrested twelve protesters".split())  # arrest
    assert test("crowds rioted overnight".split())  # riot
    assert test("gunmen opened fire on the convoy".split())  # phrase: open fire
    assert not test("the weather was mild on monday".split())
    assert not test("the council opened a new library".split())


def test_trigger_test_asks_for_the_context_a_word_needs(analyser):
    test = analyser.may_trigger
    assert not test("the budget talks ended on friday without a result".split())
    assert not test("the airline moved its base to a new airport".split())
    assert test("talks with the rebels went on overnight".split())  # talk + rebel
    assert test("police seized weapons in a raid".split())  # weapon + seize


def test_sentence_without_trigger_or_list_is_neither_tagged_nor_parsed(pipeline):
    doc = pipeline.process_text(
        "The weather in Almaty was mild on Monday. "
        "Police arrested twelve protesters in Almaty on Tuesday."
    )
    first = [t for t in doc.tokens if t.sent == 0]
    second = [t for t in doc.tokens if t.sent == 1]
    assert all(t.dep == "" and t.tag == "" and t.lemma == t.text.lower() for t in first)
    assert {t.dep for t in second} >= {"nsubj", "dobj"}
    assert next(t for t in second if t.text == "arrested").lemma == "arrest"
    assert [e.trigger for e in doc.events] == ["arrested"]


def test_sentence_with_a_list_of_places_is_parsed(pipeline):
    doc = pipeline.process_text("The tour visits Almaty, Astana, Shymkent and Aktobe this year.")
    assert len(doc.mentions) >= 3
    assert any(t.dep for t in doc.tokens)


@pytest.mark.parametrize(
    "text",
    [
        "Fargo plans to give residents sandbags. Moorhead did the same on Friday.",
        "Officials met in Shymkent. Kazakhstani officials said the talks went well.",
        'He said: "Aktobe is quiet." Later, Taraz reported no damage either.',
    ],
)
def test_untagged_words_give_the_same_places_as_tagging_everything(pipeline, full, text):
    fast = pipeline.process_text(text)
    slow = full.process_text(text)
    assert [(m.start, m.end, m.kind) for m in fast.mentions] == [
        (m.start, m.end, m.kind) for m in slow.mentions
    ]


def test_recognition_asks_for_the_pos_it_needs(pipeline, analyser):
    from geomap.toponyms import recognise

    text = "Moorhead did the same on Friday."
    ((doc, _),) = analyser.annotate([Document(doc_id="a", text=text)])
    assumed: list = []
    recognise(doc, pipeline.gazetteer, assumed=assumed)
    asked = {i for i, _, _ in assumed}
    assert asked  # a capitalised gazetteer name outside any entity at a sentence start
    assert all(doc.tokens[i].pos == "" for i in asked)


def test_words_tagged_in_a_window_as_in_their_whole_sentence(analyser):
    text = (
        "After a long meeting on Tuesday evening the regional council of the northern "
        "district finally approved the new flood defences along the Ural river near Atyrau."
    )
    ((doc, state),) = analyser.annotate([Document(doc_id="w", text=text)])
    ((tagged, _),) = analyser.annotate([Document(doc_id="w", text=text)], tag_all=True)
    words = [0, 7, 13, len(doc.tokens) - 2]
    (windowed,) = analyser.tag_words([(doc, state, words)])
    for i in words:
        assert (windowed.tokens[i].pos, windowed.tokens[i].tag) == (
            tagged.tokens[i].pos,
            tagged.tokens[i].tag,
        )
    others = [t for k, t in enumerate(windowed.tokens) if k not in words]
    assert all(t.pos == "" for t in others)


def test_attribute_ruler_reach_before_the_parse():
    import spacy

    from geomap.nlp._ruler import FastAttributeRuler

    ruler = spacy.blank("en").add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"})
    ruler.add([[{"DEP": "expl"}, {"LOWER": "is"}]], {"POS": "VERB"}, index=1)
    assert FastAttributeRuler(ruler).pos_reach() == 0  # a lemma; a POS that needs a parse
    ruler.add([[{"LOWER": "the"}, {"LOWER": "us"}]], {"POS": "PROPN"}, index=1)
    assert FastAttributeRuler(ruler).pos_reach() == 1


def test_allocator_keeps_freed_memory_unless_told_otherwise(monkeypatch):
    import platform
    import sys

    from geomap.nlp import keep_freed_memory

    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "131072")
    assert keep_freed_memory() is False  # the user's own malloc settings win
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_")
    monkeypatch.delenv("GLIBC_TUNABLES", raising=False)
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert keep_freed_memory() is True


def test_models_multiply_with_numpy_blas_and_find_what_blis_finds(pipeline):
    import spacy
    from thinc.api import NumpyOps

    ops = pipeline.nlp.get_pipe("ner").model.ops
    assert isinstance(ops, NumpyOps) and ops.use_blis is False
    texts = [
        "Police in Almaty fired tear gas at protesters outside the akimat on Wednesday.",
        "Kassym-Jomart Tokayev asked the CSTO for help; Russian troops landed in Nur-Sultan.",
        "Floods hit Dhaka, Sylhet and the Sunamganj district of Bangladesh, the UN said.",
    ]
    with_blis = spacy.load(pipeline.nlp.path)  # thinc's default ops: blis
    assert with_blis.get_pipe("ner").model.ops.use_blis is True
    for text in texts:
        ours = [(e.text, e.label_) for e in pipeline.nlp(text).ents]
        assert ours and ours == [(e.text, e.label_) for e in with_blis(text).ents]


def test_blas_runs_on_one_thread_inside_the_block_only():
    from threadpoolctl import threadpool_info

    from geomap.nlp import one_blas_thread

    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    assert before, "numpy's BLAS is loaded"
    with one_blas_thread():
        assert blas_threads() == [1] * len(before)
    assert blas_threads() == before
