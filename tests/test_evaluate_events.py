"""`geomap evaluate event-locations|event-types` on tiny corpora made here, and on real ones."""

import json

import pytest
from conftest import SHARED

from geomap.evaluate.events import (
    f1_scores,
    format_report,
    prf,
    run_event_locations,
    run_event_types,
    span_tokens,
)

EVENTS = SHARED / "eval" / "events"


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def span(text, word):
    start = text.index(word)
    return {"start": start, "end": start + len(word), "text": word}


def test_span_tokens_counts_word_tokens_overlapping_spans():
    text = "Fighting in Oaxaca City, Mexico."
    assert span_tokens(text, [(12, 23)]) == {2, 3}
    assert span_tokens(text, []) == set()


def test_prf_and_f1_scores_by_hand():
    assert prf(1, 2, 4) == {"precision": 0.5, "recall": 0.25, "f1": 0.3333}
    # gold a a b, predicted a b none: a P 1 R 1/2 F1 2/3; b P 0 (its one prediction is
    # wrong) F1 0; macro 1/3, weighted (2/3 * 2 + 0 * 1) / 3 = 4/9
    got = f1_scores(["a", "a", "b"], ["a", "b", "none"], ["a", "b"])
    assert got["macro_f1"] == pytest.approx(0.3333)
    assert got["weighted_f1"] == pytest.approx(0.4444)
    assert got["accuracy"] == pytest.approx(0.3333)


def test_event_locations_on_a_tiny_corpus(pipeline, tmp_path):
    t1 = "Protesters rallied in Almaty on Tuesday."
    t2 = "Demonstrators protested against Libya."
    t3 = "Russia captured Bakhmut after months of fighting."
    rows = [
        # right: 1 token predicted, 1 gold
        {"text": t1, "verbs": [span(t1, "rallied")], "locations": [span(t1, "Almaty")],
         "source": "RELABEL", "gold_relabel": True},
        # no location, and geomap predicts none
        {"text": t2, "verbs": [span(t2, "protested")], "locations": [],
         "source": "RELABEL", "gold_relabel": True},
        # Masdar_RA: gold "Russia" (1 token) is not counted for recall on "all";
        # geomap predicts "Bakhmut": one wrong predicted token
        {"text": t3, "verbs": [span(t3, "captured")], "locations": [span(t3, "Russia")],
         "source": "Masdar_RA", "gold_relabel": False},
    ]  # fmt: skip
    result = run_event_locations(write_jsonl(tmp_path / "el.jsonl", rows), pipeline=pipeline)
    assert result["gold_relabel"]["precision"] == 1.0
    assert result["gold_relabel"]["recall"] == 1.0
    assert result["gold_relabel"]["none_accuracy"] == 1.0
    # all: TP 1, predicted 2 tokens, gold 1 token (Masdar left out of recall)
    assert result["all"]["precision"] == 0.5
    assert result["all"]["recall"] == 1.0
    assert result["all"]["f1"] == 0.6667
    assert result["recall_excludes"] == ["Masdar_RA"]
    assert "Masdar_RA" in format_report(result)
    limited = run_event_locations(tmp_path / "el.jsonl", limit=1, pipeline=pipeline)
    assert limited["rows"] == 1 and limited["all"]["f1"] == 1.0


def test_event_types_on_a_tiny_corpus(pipeline, tmp_path):
    def row(text, etype, sub, label_set="acled"):
        return {"text": text, "acled_event_type": etype, "acled_sub_event_type": sub,
                "label_set": label_set}  # fmt: skip

    rows = [
        row("Police arrested 12 people.", "Strategic developments", "Arrests"),
        row(
            "Armed men kidnapped a priest.",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),  # fmt: skip
        row("The weather was mild on Sunday.", "Protests", "Peaceful protest"),
        row("An earthquake hit the coast.", None, None, label_set="unseen_subtask2"),
    ]
    result = run_event_types(write_jsonl(tmp_path / "case.jsonl", rows), pipeline=pipeline)
    assert result["rows"] == 3 and result["no_event"] == 1
    # six types: SD and VAC F1 1, Protests 0 (predicted none), three absent types 0
    assert result["event_type"]["macro_f1"] == pytest.approx(2 / 6, abs=1e-4)
    assert result["event_type"]["weighted_f1"] == pytest.approx(2 / 3, abs=1e-4)
    # sub-types over the three gold labels: 1, 1, 0
    assert result["sub_event_type"]["macro_f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert "macro F1" in format_report(result)


@pytest.mark.skipif(not EVENTS.exists(), reason="../shared evaluation corpora absent")
def test_first_30_rows_of_the_real_corpora(pipeline):
    loc = run_event_locations(
        EVENTS / "event_location_halterman2019.jsonl", limit=30, pipeline=pipeline
    )
    assert loc["rows"] == 30
    assert 0.0 < loc["all"]["f1"] <= 1.0 and set(loc["gold_relabel"]) >= {"precision", "f1"}
    types = run_event_types(EVENTS / "case2021_task2_test.jsonl", limit=30, pipeline=pipeline)
    assert 0 < types["rows"] <= 30
    assert 0.0 < types["event_type"]["weighted_f1"] <= 1.0
    assert set(types["sub_event_type"]) >= {"macro_f1", "weighted_f1"}
