"""Every CLI mistake is exit status 1 (2 for usage) with one line, before any work.

"Before any work" is checked for real: these commands run in a separate process
with an empty data directory, which any work would fill (the gazetteer index is
built there on first use); it must stay empty. An existing output must keep its bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import DATA, SEED


def geomap(*args, data_dir, cwd=None):
    env = {**os.environ, "GEOMAP_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "geomap", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def empty_data(tmp_path):
    folder = tmp_path / "gazdata"
    folder.mkdir()
    return folder


def assert_refused(result, data_dir, *, status=1, says):
    lines = result.stderr.strip().splitlines()
    assert result.returncode == status, result.stderr
    if status == 1:
        assert len(lines) == 1, lines
    assert says in result.stderr
    assert list(data_dir.iterdir()) == [], "work was done before the mistake was found"


def test_a_mistyped_sole_input_keeps_the_old_map(tmp_path, empty_data):
    old = tmp_path / "map.html"
    old.write_text("the old map")
    result = geomap("map", DATA / "kazakstan.txt", "-o", old, data_dir=empty_data)
    assert_refused(result, empty_data, says="kazakstan.txt: no such file or folder")
    assert old.read_text() == "the old map"


def test_a_mistyped_input_among_others_is_refused_too(tmp_path, empty_data):
    result = geomap(
        "extract", SEED, tmp_path / "nope", "-o", tmp_path / "e.csv", data_dir=empty_data
    )
    assert_refused(result, empty_data, says="nope: no such file or folder")


def test_a_near_miss_is_suggested(tmp_path, empty_data):
    result = geomap("extract", DATA / "kazakhstan-2022-01-80.txt", "-o", tmp_path / "e.csv",
                    data_dir=empty_data)  # fmt: skip
    assert_refused(result, empty_data, says="did you mean")
    assert "kazakhstan-2022-01-08.txt" in result.stderr


@pytest.mark.parametrize(
    ("command", "output", "says"),
    [
        ("map", "map.png", "unknown format '.png'; use one of .html, .htm"),
        ("map", "events.geojson", "unknown format '.geojson'"),
        ("extract", "map.html", "unknown format '.html'; use one of .csv"),
        ("extract", "events", "unknown format '(no extension)'"),
    ],
)
def test_the_output_format_is_checked_against_the_command(
    tmp_path, empty_data, command, output, says
):
    target = tmp_path / output
    result = geomap(command, SEED, "-o", target, data_dir=empty_data)
    assert_refused(result, empty_data, says=says)
    assert not target.exists()


@pytest.mark.parametrize("command", ["map", "extract"])
def test_a_folder_as_output_is_refused_and_nothing_is_left(tmp_path, empty_data, command):
    folder = tmp_path / "FOLDER"
    folder.mkdir()
    result = geomap(command, SEED, "-o", folder, data_dir=empty_data)
    assert_refused(result, empty_data, says="it is a folder")
    assert set(tmp_path.iterdir()) == {folder, empty_data}
    assert list(folder.iterdir()) == []


def test_an_unwritable_place_is_refused(tmp_path, empty_data):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = geomap("extract", SEED, "-o", blocker / "events.csv", data_dir=empty_data)
    assert_refused(result, empty_data, says="is not a folder")


def test_two_outputs_in_one_file_are_refused(tmp_path, empty_data):
    out = tmp_path / "events.csv"
    result = geomap("extract", SEED, "-o", out, "--mentions", out, data_dir=empty_data)
    assert_refused(result, empty_data, says="--mentions and -o are the same file")


def test_an_output_that_is_an_input_is_refused(tmp_path, empty_data):
    table = tmp_path / "news.csv"
    table.write_text("id,text,date\n1,Protesters rallied in Almaty.,2022-01-05\n")
    result = geomap("extract", table, "-o", table, data_dir=empty_data)
    assert_refused(result, empty_data, says="is also an input")
    assert table.read_text().startswith("id,text,date")


@pytest.mark.parametrize("jobs", ["-1", "two"])
def test_a_bad_jobs_count_is_a_usage_error(tmp_path, empty_data, jobs):
    result = geomap("extract", SEED, "-o", tmp_path / "e.csv", "--jobs", jobs, data_dir=empty_data)
    assert_refused(result, empty_data, status=2, says="--jobs")


def test_no_input_at_all_is_refused(tmp_path, empty_data):
    result = geomap("extract", "-o", tmp_path / "e.csv", data_dir=empty_data)
    assert_refused(result, empty_data, says="nothing to read")


def test_an_empty_folder_is_refused(tmp_path, empty_data):
    (tmp_path / "in").mkdir()
    result = geomap("extract", tmp_path / "in", "-o", tmp_path / "e.csv", data_dir=empty_data)
    assert_refused(result, empty_data, says="no readable files")


def test_a_bad_url_list_is_refused_naming_the_line(tmp_path, empty_data):
    urls = tmp_path / "urls.txt"
    urls.write_text("https://example.org/a\nexample.org/b\n")
    result = geomap("extract", "--fetch", urls, "-o", tmp_path / "e.csv", data_dir=empty_data)
    assert_refused(result, empty_data, says="urls.txt:2: not an http(s) URL")


def test_a_bad_corrections_file_is_refused_naming_the_line(tmp_path, empty_data):
    table = tmp_path / "fixes.csv"
    table.write_text("name,correction,value\nJordan,not a place,\nGeorgia,geonameid,six\n")
    result = geomap(
        "extract", SEED, "--corrections", table, "-o", tmp_path / "e.csv", data_dir=empty_data
    )
    assert_refused(result, empty_data, says="fixes.csv:3: geonameid must be a number")


def test_user_agent_without_fetch_or_online_is_refused(tmp_path, empty_data):
    result = geomap("extract", SEED, "-o", tmp_path / "e.csv", "--user-agent", "me/1.0",
                    data_dir=empty_data)  # fmt: skip
    assert_refused(result, empty_data, says="--user-agent needs --fetch or --online")


@pytest.mark.usefixtures("pipeline")
def test_a_failed_strict_run_leaves_no_progress_folder_and_no_output(tmp_path, capsys):
    from geomap.cli import EXIT_ERROR, main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(" date 2022-01-05 Protesters rallied in Almaty.")
    (folder / "b.jsonl").write_text('{"id": "x", "text": "Riots in Aktobe."}\n{oops\n')
    out = tmp_path / "events.csv"
    assert main(["extract", str(folder), "-o", str(out), "--strict", "-q"]) == EXIT_ERROR
    assert "b.jsonl:1" in capsys.readouterr().err  # no date: a problem under --strict
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


@pytest.mark.usefixtures("pipeline")
def test_the_progress_bar_has_a_total_and_messages_are_printed_above_it(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        (folder / f"{k}.txt").write_text(f" date 2022-01-0{k + 1} Protesters rallied in Almaty.")
    (folder / "x.txt").write_text("Police detained 3 people in Aktobe.")  # no date: a warning
    result = geomap("extract", folder, "-o", tmp_path / "e.csv",
                    data_dir=os.environ.get("GEOMAP_DATA_DIR", ""))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "/4 [" in result.stderr  # "n/4 [elapsed<remaining" : a total and an ETA
    assert "<" in result.stderr.split("/4 [", 1)[1].split("]", 1)[0]
    # every message starts a line of its own, never after a bar drawn on the same line
    for line in result.stderr.split("\n"):
        shown = line.rsplit("\r", 1)[-1]
        if "geomap:" in shown:
            assert shown.lstrip().startswith("geomap:"), repr(line)


@pytest.mark.usefixtures("pipeline")
def test_two_inputs_with_one_document_id_are_reported_naming_both(tmp_path, capsys):
    from geomap.cli import main

    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for path in (one, two):
        path.write_text(
            '{"id": "art-1", "text": "Protesters rallied in Almaty.", "date": "2022-01-05"}\n'
        )
    errors = tmp_path / "errors.jsonl"
    argv = ["extract", str(one), str(two), "-o", str(tmp_path / "e.csv"), "--errors", str(errors)]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "duplicate document id 'art-1'" in err
    assert f"{two}:1" in err and f"{one}:1" in err
    assert "duplicate document id" in errors.read_text()
    assert main([*argv, "--strict"]) == 1
