"""The geoparsing evaluator: metrics on a hand-made corpus, and the CLI on LGL."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED

from geomap.evaluate.geoparsing import (
    MAX_ERROR_KM,
    auc_log_error,
    format_report,
    match_overlap,
    parse_annotates,
    prf,
    run,
)

LGL = SHARED / "eval" / "geoparsing" / "lgl.jsonl"


def test_prf_by_hand():
    p, r, f = prf(3, 4, 3, 6)
    assert (p, r) == (0.75, 0.5)
    assert f == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert prf(0, 0, 0, 0) == (0.0, 0.0, 0.0)


def test_auc_by_hand():
    assert auc_log_error([0.0]) == 0.0
    assert auc_log_error([MAX_ERROR_KM]) == pytest.approx(
        math.log1p(MAX_ERROR_KM) / math.log(MAX_ERROR_KM)
    )
    # two errors: trapezoid between log(1+0) and log(1+99) over x in [0, 1]
    assert auc_log_error([99.0, 0.0]) == pytest.approx(math.log(100) / 2 / math.log(MAX_ERROR_KM))


def test_overlap_matching_is_one_to_one():
    pairs = match_overlap([(0, 5), (10, 20)], [(0, 5), (12, 14), (15, 18)])
    assert pairs == {0: 0, 1: 1}


def write_corpus(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_metrics_on_a_tiny_corpus(tmp_path, pipeline):
    t1 = "Protesters marched in Paris on Friday."
    t2 = "Officials in Berlin met the mayor of Nairobi."
    t3 = "Kenya is dry."
    paris, berlin = t1.index("Paris"), t2.index("Berlin")
    nairobi = t2.index("Nairobi")
    rows = [
        {
            "id": "a",
            "text": t1,
            "toponyms": [
                {"start": paris, "end": paris + 5, "name": "Paris", "lat": 48.85, "lon": 2.35}
            ],
        },
        {
            "id": "b",
            "text": t2,
            "toponyms": [
                # Berlin annotated with coordinates far away: a resolution error of ~1,870 km
                {"start": berlin, "end": berlin + 6, "name": "Berlin", "lat": 40.42, "lon": -3.7},
                # a gold span one character short: overlaps, but is no exact match
                {"start": nairobi, "end": nairobi + 6, "name": "Nairob", "lat": None, "lon": None},
            ],
        },
        # dropped gold rows: out of precision, still in recall
        {"id": "c", "text": t3, "n_dropped_toponyms": 1, "toponyms": []},
    ]
    corpus = tmp_path / "tiny.jsonl"
    write_corpus(corpus, rows)
    r = run(corpus, pipeline=pipeline, annotates=frozenset({"place"}))
    assert r["n_docs"] == 3 and r["n_gold"] == 3 and r["n_gold_with_coords"] == 2
    # predicted (docs a, b): Paris, Berlin, Nairobi; exact: Paris, Berlin
    assert r["precision"] == pytest.approx(2 / 3)
    assert r["recall"] == pytest.approx(2 / 3)
    assert r["overlap_precision"] == 1.0 and r["overlap_recall"] == 1.0
    assert r["acc161_resolution"] == 0.5 and r["acc161_end_to_end"] == 0.5
    assert r["geonameid_accuracy"] is None
    # Paris is right (~0 km), Berlin is ~1,870 km from the gold point in Madrid
    assert 850 < r["mean_error_km"] < 1000
    assert r["median_error_km"] == pytest.approx(r["mean_error_km"])
    assert 0.0 < r["auc"] < 0.5
    assert "acc@161km 0.500" in format_report(r)


@pytest.mark.skipif(not LGL.exists(), reason="../shared/eval/geoparsing/lgl.jsonl is absent")
def test_cli_on_the_first_20_lgl_documents():
    out = subprocess.run(
        [
            str(Path(sys.executable).parent / "geomap"),
            "evaluate",
            "geoparsing",
            str(LGL),
            "--json",
            "--limit",
            "20",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(out.stdout)
    keys = ("precision", "recall", "f1", "acc161_resolution", "acc161_end_to_end", "auc")
    for key in keys:
        assert 0.0 <= result[key] <= 1.0, key
    assert result["n_docs"] == 20 and result["n_gold"] > 0
    assert result["mean_error_km"] >= 0.0 and result["median_error_km"] >= 0.0
    assert result["f1"] > 0.3  # recognition works at all


def test_annotates_is_read_and_checked():
    assert parse_annotates("place, Region,demonym") == {"place", "region", "demonym"}
    with pytest.raises(ValueError, match="place, region, demonym, modifier"):
        parse_annotates("place,town")
    with pytest.raises(ValueError):
        parse_annotates(" , ")


def _demonym_corpus(path, source=None):
    text = "Georgian troops crossed into Gori on Monday."
    row = {
        "id": "d1",
        "text": text,
        "toponyms": [
            {"start": 0, "end": 8, "name": "Georgian", "lat": 42.0, "lon": 43.5},
            {"start": 29, "end": 33, "name": "Gori", "lat": 41.98, "lon": 44.11},
        ],
    }
    if source:
        row["source"] = source
    write_corpus(path, [row])


def test_annotated_kinds_come_from_the_option_or_the_rows_source_not_the_file_name(
    tmp_path, pipeline
):
    # named like LGL but declaring no source: the default kinds, demonyms not counted
    named = tmp_path / "lgl.jsonl"
    _demonym_corpus(named)
    r = run(named, pipeline=pipeline)
    assert r["counted_kinds"] == ["place", "region"] and r["annotates_from"] == "default"
    assert r["n_pred"] == 1 and r["recall"] == 0.5
    # any file name, rows that say they are LGL: LGL's convention counts the demonym
    declared = tmp_path / "mine.jsonl"
    _demonym_corpus(declared, source="lgl")
    r = run(declared, pipeline=pipeline)
    assert r["annotates_from"] == "lgl's convention" and "demonym" in r["counted_kinds"]
    assert r["n_pred"] == 2 and r["recall"] == 1.0
    # the option wins over the convention
    r = run(declared, pipeline=pipeline, annotates="place")
    assert r["counted_kinds"] == ["place"] and r["annotates_from"] == "given"
    assert "annotates: place (given)" in format_report(r)


def test_geonames_id_accuracy_is_reported_end_to_end(tmp_path, pipeline):
    text = "Shots were heard in Almaty and in Paris."
    almaty, paris = text.index("Almaty"), text.index("Paris")
    rows = [
        {
            "id": "g",
            "text": text,
            "toponyms": [
                {
                    "start": almaty,
                    "end": almaty + 6,
                    "name": "Almaty",
                    "lat": 43.25,
                    "lon": 76.92,
                    "geonameid": 1526384,
                },
                # a wrong id on purpose: right by distance, wrong by id
                {
                    "start": paris,
                    "end": paris + 5,
                    "name": "Paris",
                    "lat": 48.85,
                    "lon": 2.35,
                    "geonameid": 1,
                },
            ],
        }
    ]
    corpus = tmp_path / "ids.jsonl"
    write_corpus(corpus, rows)
    r = run(corpus, pipeline=pipeline)
    assert r["acc161_resolution"] == 1.0 and r["acc161_end_to_end"] == 1.0
    assert r["geonameid_accuracy"] == 0.5 and r["geonameid_accuracy_end_to_end"] == 0.5
    assert "GeoNames id accuracy 0.500" in format_report(r)


@pytest.mark.skipif(not LGL.exists(), reason="../shared/eval/geoparsing/lgl.jsonl is absent")
def test_cli_annotates_option():
    exe = str(Path(sys.executable).parent / "geomap")
    args = [exe, "evaluate", "geoparsing", str(LGL), "--json", "--limit", "5"]
    out = subprocess.run([*args, "--annotates", "place"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["counted_kinds"] == ["place"]
    bad = subprocess.run([*args, "--annotates", "place,town"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--annotates" in bad.stderr and "town" in bad.stderr
