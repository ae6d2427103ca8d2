"""Reports of one incident across documents: merging rows, --no-merge, the UCDP evaluator."""

import json

from geomap.cli import EXIT_OK, main
from geomap.evaluate.incidents import format_report, run_event_reports
from geomap.events.sources import merge_reports, same_incident


def row(doc_id, **more):
    base = {
        "event_id": f"e-{doc_id}",
        "doc_id": doc_id,
        "event_date": "2023-03-14",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Unidentified Armed Group (Mali)",
        "actor2": "Military Forces of Mali",
        "fatalities": 4,
        "geonameid": 2457163,
        "location": "Gao",
        "country_code": "ML",
        "notes": f"Report {doc_id}.",
        "confidence": 0.7,
    }
    return {**base, **more}


def test_rows_of_different_documents_about_one_incident_merge():
    merged = merge_reports(
        [row("a"), row("b", fatalities=6, confidence=0.9, event_date="2023-03-15")]
    )
    assert len(merged) == 1
    one = merged[0]
    assert one["n_sources"] == 2 and one["sources"] == "a; b"
    assert one["fatalities"] == 4  # the lowest figure, as ACLED does
    assert one["notes"] == "Report b. | Report a."  # the leading (most confident) report first


def test_what_keeps_rows_apart():
    assert not same_incident(row("a"), row("a"))  # one document's events stay apart
    assert not same_incident(row("a"), row("b", event_type="Riots"))
    assert not same_incident(row("a"), row("b", geonameid=2460596, location="Bamako"))
    assert not same_incident(row("a"), row("b", event_date="2023-03-20"))
    assert same_incident(row("a"), row("b", event_date="2023-03-20", time_precision=2))
    assert not same_incident(
        row("a"), row("b", actor1="Police Forces of Mali", actor2="Rioters (Mali)")
    )
    assert same_incident(row("a"), row("b", actor1=None, actor2=None))
    assert len(merge_reports([row("a"), row("b"), row("c", event_date="2023-04-30")])) == 2


def test_the_command_line_merges_unless_told_not_to(tmp_path, pipeline):
    corpus = tmp_path / "wire.jsonl"
    lines = [
        {"id": "w1", "date": "2023-03-14", "text": "Gunmen killed four villagers near Maiduguri."},
        {"id": "w2", "date": "2023-03-14", "text": "Four villagers were killed near Maiduguri."},
    ]
    corpus.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out, apart = tmp_path / "merged.csv", tmp_path / "apart.csv"
    assert main(["extract", str(corpus), "-o", str(out), "--quiet"]) == EXIT_OK
    assert main(["extract", str(corpus), "-o", str(apart), "--quiet", "--no-merge"]) == EXIT_OK
    from geomap.export import read_events

    merged, rows = read_events(out), read_events(apart)
    assert len(merged) == 1 and merged.iloc[0]["n_sources"] == 2
    assert merged.iloc[0]["sources"] == "w1; w2"
    assert len(rows) == 2 and list(rows["n_sources"]) == [1, 1]


def test_the_reports_evaluator_counts_events_per_report_and_types(tmp_path, pipeline):
    rows = [
        {"id": "u1", "subset": "global", "text": "Gunmen killed two farmers near Jos.",
         "headlines": ["Gunmen killed two farmers near Jos."], "source_date": "2023-03-14",
         "date": "2023-03-14", "type_of_violence": 3},
        {"id": "u2", "subset": "global", "text": "Troops clashed with rebels in Goma.",
         "headlines": ["Troops clashed with rebels in Goma."], "source_date": "2023-03-14",
         "date": "2023-03-14", "type_of_violence": 1},
        {"id": "u3", "subset": "car", "text": "A; B",
         "headlines": ["Rebels attacked an army post in Bangui.",
                       "Rebels attacked an army post in Bangui on Monday."],
         "source_date": "2023-03-14;2023-03-15", "date": "2023-03-13", "type_of_violence": 1},
    ]  # fmt: skip
    path = tmp_path / "ucdp.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = run_event_reports(path, pipeline=pipeline)
    assert result["single"]["reports"] == 2 and result["single"]["with_event"] == 1.0
    assert result["single"]["events_per_report"] == 1.0 and result["single"]["type_right"] == 1.0
    several = result["several"]
    assert several["rows_per_event_unmerged"] == 2.0 and several["rows_per_event_merged"] == 1.0
    assert "events per report" in format_report(result)
