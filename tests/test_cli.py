"""The command line, end to end on the seed article and on bad inputs."""

import json
import subprocess
import sys

import pytest

from geomap.cli import EXIT_OK, EXIT_SKIPPED, main
from tests.conftest import DATA


def test_help_is_there_and_exits_zero():
    out = subprocess.run(
        [sys.executable, "-m", "geomap.cli", "--help"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0
    assert "geomap map data/" in out.stdout and "extract" in out.stdout


@pytest.mark.usefixtures("pipeline")
def test_map_writes_the_map_and_the_events_table(tmp_path):
    html, events = tmp_path / "out" / "map.html", tmp_path / "out" / "events.geojson"
    assert main(["map", str(DATA), "-o", str(html), "--events", str(events), "--quiet"]) == EXIT_OK
    collection = json.loads(events.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    props = collection["features"][0]["properties"]
    for column in (
        "doc_id",
        "event_date",
        "event_type",
        "sub_event_type",
        "location",
        "place_mention",
        "geonameid",
        "country_code",
        "geo_precision",
        "notes",
    ):
        assert column in props
    assert {f["properties"]["country_code"] for f in collection["features"]} == {"KZ"}
    page = html.read_text(encoding="utf-8")
    assert "Taldykorgan" in page and "Almaty" in page
    assert not list(tmp_path.glob("out/*.tmp*")) and not list(tmp_path.glob("out/.*"))


@pytest.mark.usefixtures("pipeline")
@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet", ".csv"])
def test_extract_writes_every_format(tmp_path, suffix):
    out = tmp_path / f"events{suffix}"
    assert main(["extract", str(DATA), "-o", str(out), "--quiet"]) == EXIT_OK
    from geomap.export import read_events

    frame = read_events(out)
    assert len(frame) > 5 and set(frame["country_code"]) == {"KZ"}


@pytest.mark.usefixtures("pipeline")
def test_bad_inputs_are_skipped_named_and_logged(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        " date 2022-01-05 Protesters rallied in Almaty on Tuesday.", encoding="utf-8"
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        '{"id": "x", "text": "Riots in Aktobe.", "date": "2022-01-06"}\n{oops\n', encoding="utf-8"
    )
    errors = tmp_path / "errors.jsonl"
    out = tmp_path / "events.csv"
    code = main(["extract", str(folder), "-o", str(out), "--errors", str(errors)])
    assert code == EXIT_SKIPPED
    logged = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert {(e["path"].rsplit("/", 1)[-1], e["line"]) for e in logged} == {
        ("empty.txt", None),
        ("feed.jsonl", 2),
    }
    err = capsys.readouterr().err
    assert "empty.txt" in err and "feed.jsonl:2" in err
    assert "2 documents read, 2 skipped" in err
    from geomap.export import read_events

    assert set(read_events(out)["location"]) >= {"Almaty"}


def test_unknown_output_format_is_a_clear_error(tmp_path, capsys):
    code = main(["extract", str(DATA), "-o", str(tmp_path / "events.xlsx"), "--quiet"])
    assert code == 1
    assert ".geojson" in capsys.readouterr().err


@pytest.mark.usefixtures("pipeline")
def test_jobs_2_gives_the_same_table_as_one_job(tmp_path):
    from geomap.export import read_events

    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    corpus = DATA.parent / "notebooks" / "sample_corpus.jsonl"
    assert main(["extract", str(corpus), "-o", str(one), "--quiet"]) == EXIT_OK
    assert main(["extract", str(corpus), "-o", str(two), "--quiet", "--jobs", "2"]) == EXIT_OK
    assert one.read_bytes() == two.read_bytes()
    assert len(read_events(two)) > 5


@pytest.mark.usefixtures("pipeline")
def test_dask_local_writes_geoparquet_partitions(tmp_path):
    pytest.importorskip("dask_geopandas")
    import geopandas

    out = tmp_path / "events"
    corpus = DATA.parent / "notebooks" / "sample_corpus.jsonl"
    args = ["extract", str(corpus), "-o", str(out), "--quiet", "--dask", "local"]
    assert main([*args, "--jobs", "1", "--partition-size", "4"]) == EXIT_OK
    parts = sorted(out.glob("part-*.parquet"))
    assert len(parts) == 2
    frame = geopandas.read_parquet(parts[0])
    assert frame.crs.to_epsg() == 4326 and "event_type" in frame.columns


@pytest.mark.usefixtures("pipeline")
def test_offline_is_the_default_and_cdn_links_instead(tmp_path):
    offline, default, cdn = (tmp_path / f"{n}.html" for n in ("offline", "default", "cdn"))
    assert main(["map", str(DATA), "-o", str(offline), "--offline", "--quiet"]) == EXIT_OK
    assert main(["map", str(DATA), "-o", str(default), "--quiet"]) == EXIT_OK
    assert main(["map", str(DATA), "-o", str(cdn), "--cdn", "--quiet"]) == EXIT_OK
    assert offline.read_bytes() == default.read_bytes()
    assert "<script src=" not in offline.read_text(encoding="utf-8")
    assert "<script src=" in cdn.read_text(encoding="utf-8")


@pytest.mark.usefixtures("pipeline")
def test_mentions_option_writes_every_place_mention(tmp_path):
    from geomap.export import read_events, read_mentions

    events, mentions = tmp_path / "events.parquet", tmp_path / "mentions.gpkg"
    argv = ["extract", str(DATA), "-o", str(events), "--mentions", str(mentions), "--quiet"]
    assert main(argv) == EXIT_OK
    table = read_mentions(mentions)
    assert {"Alma-Ata", "Taldykorgan", "Kazakhstan"} <= set(table["place_mention"])
    # the CSTO members are mentioned, but no event happened there
    members = table[table["country_code"].isin(["RU", "BY", "AM", "KG", "TJ"])]
    assert len(members) >= 4 and (members["in_event"] == 0).all()
    # every event's place is a mention in the table, counted by in_event
    placed = table[table["in_event"] > 0]
    assert set(read_events(events)["place_mention"]) <= set(placed["place_mention"])
    assert table["in_event"].sum() == len(read_events(events))


def test_mentions_option_rejects_an_unknown_format_before_any_work(tmp_path, capsys):
    out = tmp_path / "events.csv"
    assert main(["extract", str(DATA), "-o", str(out), "--mentions", str(tmp_path / "m.txt")]) == 1
    assert "m.txt" in capsys.readouterr().err and not out.exists()
