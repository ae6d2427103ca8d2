"""`geomap evaluate event-points` on rows written here, and on the real UCDP set."""

import json
import subprocess
import sys

import pytest
from conftest import SHARED

from geomap.evaluate.reports import country_code, format_report, note_text, run, summary_text

UCDP = SHARED / "eval" / "events" / "ucdp_ged_dev.jsonl"


def row(**fields):
    base = {
        "id": "r1",
        "subset": "global",
        "date": "2022-01-06",
        "source_date": "2022-01-07;2022-01-08",
        "text": "Gunmen kill two in overnight raid",
        "headlines": ["Gunmen kill two in overnight raid"],
        "where_description": "Taldykorgan town",
        "where_coordinates": "Taldykorgan town",
        "lat": 45.0156,
        "lon": 78.3739,
        "where_prec": 1,
        "type_of_violence": 1,
        "fatalities": 2,
        "country": "Kazakhstan",
        "adm_1": "Almaty province",
        "adm_2": None,
        "side_a": "Government of Kazakhstan",
        "side_b": "Unidentified gunmen",
        "text_names": "none",
    }
    return {**base, **fields}


def test_note_and_summary_name_the_location_chain_once():
    r = row(where_description="Seer village in Pulwama district", adm_1="Kazakhstan province")
    note = note_text(r)
    assert note.startswith("Government of Kazakhstan and Unidentified gunmen clashed in Seer")
    # "Kazakhstan province" starts with the country's name: the country is not repeated
    assert note.count("Kazakhstan") == 2
    assert note.endswith("2 people were killed.")
    civilians = note_text(row(type_of_violence=3, side_b="Civilians", fatalities=1))
    assert "attacked civilians in Taldykorgan town, Almaty province" in civilians
    assert civilians.endswith("1 person was killed.")
    # a description that starts with a preposition keeps it, in lower case
    near = summary_text(row(where_description="Near the market of Taldykorgan."))
    assert near == (
        "Gunmen kill two in overnight raid. The incident happened near the market of "
        "Taldykorgan, Almaty province, Kazakhstan."
    )


def test_country_code_reads_ucdp_country_names(gazetteer):
    assert country_code("DR Congo (Zaire)", gazetteer) == "CD"
    assert country_code("Myanmar (Burma)", gazetteer) == "MM"
    assert country_code("Yemen (North Yemen)", gazetteer) == "YE"
    assert country_code("Bosnia-Herzegovina", gazetteer) == "BA"
    assert country_code("Russia (Soviet Union)", gazetteer) == "RU"
    assert country_code("Atlantis", gazetteer) is None


def test_event_points_score_near_and_far_rows(pipeline, tmp_path):
    near = row(id="near")
    # the same text, coded 600 km away (Astana): the event lands in the right country only
    far = row(id="far", lat=51.1801, lon=71.446, where_prec=2)
    path = tmp_path / "ucdp.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in (near, far)), encoding="utf-8")
    got = run(path, pipeline=pipeline)
    assert got["rows"] == 2
    point = got["groups"]["point"]
    assert point["rows"] == 2
    assert point["within_25km"] == 0.5
    assert point["within_100km"] == 0.5
    assert point["right_country"] == 1.0
    assert got["groups"]["where_prec=1"]["within_25km"] == 1.0
    assert got["groups"]["where_prec=2"]["within_25km"] == 0.0
    assert got["events_abroad"] == 0.0
    assert got["groups"]["all"]["type_right"] == 1.0
    assert "within_25km" in format_report(got)
    with pytest.raises(ValueError, match="text_mode"):
        run(path, pipeline=pipeline, text_mode="tweet")


@pytest.mark.eval
def test_cli_event_points_on_the_real_ucdp_set(tmp_path):
    if not UCDP.exists():
        pytest.skip("../shared/eval/events/ucdp_ged_dev.jsonl is absent")
    out = subprocess.run(
        [sys.executable, "-m", "geomap", "evaluate", "event-points", str(UCDP)]
        + ["--limit", "40", "--json", "--text", "headline"],
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(out.stdout)
    assert got["rows"] == 40 and got["text_mode"] == "headline"
    assert got["unknown_countries"] == []
    assert 0.0 <= got["groups"]["all"]["right_country"] <= 1.0
    assert sum(got["rows_by_event_count"].values()) == 40
