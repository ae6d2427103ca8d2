"""Reliability of ``geomap map``/``extract``: bad input, interruption, resuming, determinism.

Every test runs the real pipeline (spaCy model, gazetteer) through the real
command, in-process or as a subprocess.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.cli import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_SKIPPED, main
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.usefixtures("pipeline")

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
CITIES = ["Almaty", "Aktobe", "Taldykorgan", "Shymkent", "Karaganda", "Pavlodar", "Atyrau"]


def _corpus(folder, count):
    """Write ``count`` short dated news texts, each with an event in a Kazakh city."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        city = CITIES[i % len(CITIES)]
        (folder / f"doc-{i:04d}.txt").write_text(
            f" date 2022-01-{1 + i % 28:02d} Hundreds of protesters rallied in {city} on "
            f"Tuesday, witnesses said. Police detained {i + 2} people near the main square.\n\n"
            f"Later, clashes broke out between police and rioters in {city}.",
            encoding="utf-8",
        )
    return folder


def _bad_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        " date 2022-01-05 Protesters rallied in Almaty on Tuesday.", encoding="utf-8"
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\n  ", encoding="utf-8")
    (folder / "picture.txt").write_bytes(PNG + bytes(range(256)) * 4)
    (folder / "nodate.txt").write_text("Riots broke out in Aktobe on Monday.", encoding="utf-8")
    (folder / "badday.txt").write_text(
        " date 2022-02-30 Police clashed with protesters in Aktobe.", encoding="utf-8"
    )
    (folder / "russian.txt").write_bytes(
        " date 2022-01-06 Protesters rallied in Алматы on Monday.".encode("cp1251")
    )
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "x", "text": "Riots in Aktobe on Monday.", "date": "2022-01-06"})
        + "\n{oops\n"
        + json.dumps({"id": "y", "text": "Rally in Almaty.", "date": "2022-13-45"})
        + "\n",
        encoding="utf-8",
    )
    (folder / "table.csv").write_text("id,body\n1,Protest in Almaty\n", encoding="utf-8")
    return folder


def test_bad_inputs_are_named_and_listed_and_the_rest_is_written(tmp_path, capsys):
    folder = _bad_folder(tmp_path)
    out = tmp_path / "out" / "events.csv"
    code = main(["extract", str(folder), "-o", str(out)])
    assert code == EXIT_SKIPPED
    err = capsys.readouterr().err
    for name in ("empty.txt", "blank.txt", "picture.txt", "feed.jsonl:2", "table.csv:1"):
        assert name in err, name
    assert "binary file" in err and "no 'text' column" in err
    assert "6 documents read, 5 skipped" in err  # 4 .txt files and 2 JSONL lines
    assert "skipped: 1 binary file, 2 empty document" in err
    errors = out.with_name("events.csv.errors.jsonl")
    assert f"problems listed in {errors}" in err
    rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    by_file = {(r["path"].rsplit("/", 1)[-1], r["line"], r["status"]): r for r in rows}
    assert set(by_file) == {
        ("empty.txt", None, "skipped"),
        ("blank.txt", None, "skipped"),
        ("picture.txt", None, "skipped"),
        ("feed.jsonl", 2, "skipped"),
        ("table.csv", 1, "skipped"),
        ("nodate.txt", None, "partly read"),
        ("badday.txt", None, "partly read"),
        ("russian.txt", None, "partly read"),
        ("feed.jsonl", 3, "partly read"),
    }
    assert "impossible date" in by_file[("badday.txt", None, "partly read")]["error"]
    assert "Windows-1251" in by_file[("russian.txt", None, "partly read")]["error"]
    assert by_file[("feed.jsonl", 3, "partly read")]["doc_id"] == "y"
    from geomap.export import read_events

    table = read_events(out)
    assert {"Almaty", "Aktobe"} <= set(table["location"])
    # the Cyrillic place of the Windows-1251 file was decoded and found
    assert "Алматы" in set(table.loc[table["doc_id"] == "russian.txt", "place_mention"])


def test_clean_run_exits_zero_without_errors_file_and_removes_a_stale_one(tmp_path, capsys):
    out = tmp_path / "events.geojson"
    stale = tmp_path / "events.geojson.errors.jsonl"
    stale.write_text('{"status": "skipped"}\n', encoding="utf-8")
    assert main(["extract", str(DATA), "-o", str(out)]) == EXIT_OK
    assert not stale.exists()
    assert not (tmp_path / "events.geojson.progress").exists()
    err = capsys.readouterr().err
    assert "1 documents read, 0 skipped" in err and "problems listed" not in err


def test_explicit_errors_file_is_written_even_when_empty(tmp_path):
    errors = tmp_path / "problems.jsonl"
    out = tmp_path / "events.csv"
    assert main(["extract", str(DATA), "-o", str(out), "--errors", str(errors), "-q"]) == 0
    assert errors.read_text(encoding="utf-8") == ""


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.jsonl", '{"id": "a", "text": "Rally in Almaty.", "date": "2022-01-05"}\n{bad\n', ":2"),
        ("b.txt", b"", "empty document"),
        ("c.txt", " date 2022-02-30 Rally in Almaty.", "impossible date"),
    ],
)
def test_strict_stops_at_the_first_problem_with_exit_status_1(
    tmp_path, capsys, name, content, expected
):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    out = tmp_path / "events.csv"
    assert main(["extract", str(path), "-o", str(out), "--strict", "-q"]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "geomap: error:" in err and expected in err and name in err
    assert not out.exists()


@pytest.mark.parametrize("mistake", ["empty-folder", "nope.txt"])
def test_a_folder_without_readable_files_or_a_missing_path_is_an_error(tmp_path, capsys, mistake):
    folder = tmp_path / "empty-folder"
    folder.mkdir()
    (folder / "notes.md").write_text("not news", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(" date 2022-01-05 Protesters rallied in Almaty.", encoding="utf-8")
    out = tmp_path / "map.html"
    out.write_text("the old map", encoding="utf-8")
    code = main(["map", str(good), str(tmp_path / mistake), "-o", str(out), "-q"])
    assert code == EXIT_ERROR
    err = capsys.readouterr().err
    assert ("no readable files" if mistake == "empty-folder" else "no such file") in err
    assert out.read_text(encoding="utf-8") == "the old map"  # untouched


def test_long_document_is_split_for_spacy_and_its_events_kept(tmp_path, pipeline, monkeypatch):
    """A text longer than spaCy's max_length goes through in parts (the limit lowered here)."""
    from geomap.ingest import read_documents

    monkeypatch.setattr(pipeline.nlp, "max_length", 5000)
    paragraphs = [
        f"Protesters rallied in {CITIES[i % len(CITIES)]} on Tuesday. "
        + "The crowd stayed calm for hours. " * 20
        for i in range(24)
    ]
    path = tmp_path / "long.txt"
    path.write_text(" date 2022-01-05 " + "\n\n".join(paragraphs), encoding="utf-8")
    assert path.stat().st_size > 3 * 5000
    with pytest.raises(ValueError, match="E088"):  # what splitting protects against
        list(pipeline.process(read_documents(path, max_chars=10**9)))
    docs = list(pipeline.process(read_documents(path, max_chars=2000)))
    assert len(docs) > 5 and all(len(d.text) <= 2000 for d in docs)
    assert [d.doc_id for d in docs][:2] == ["long.txt#part1", "long.txt#part2"]
    assert all(d.date is not None for d in docs)
    places = {e.mention and d.mentions[e.mention].text for d in docs for e in d.events}
    assert set(CITIES) <= places


def test_long_document_through_the_command_line(tmp_path, capsys):
    path = tmp_path / "long.txt"
    body = "\n\n".join(
        f"Protesters rallied in {CITIES[i % len(CITIES)]} on Tuesday. " + "Calm returned. " * 30
        for i in range(10)
    )
    path.write_text(" date 2022-01-05 " + body, encoding="utf-8")
    out = tmp_path / "events.csv"
    assert main(["extract", str(path), "-o", str(out), "--max-chars", "1000"]) == EXIT_OK
    err = capsys.readouterr().err
    assert "1 documents read, 0 skipped" in err and "1 long documents split into" in err
    from geomap.export import read_events

    table = read_events(out)
    assert set(CITIES) <= set(table["place_mention"])
    assert all(doc_id.startswith("long.txt#part") for doc_id in table["doc_id"])


def test_command_line_table_equals_the_library_table(tmp_path, pipeline):
    from geomap.export import write_events
    from geomap.ingest import read_documents
    from geomap.join import events_frame

    corpus = _corpus(tmp_path / "corpus", 12)
    out, direct = tmp_path / "cli.geojson", tmp_path / "lib.geojson"
    assert main(["extract", str(corpus), str(DATA), "-o", str(out), "-q"]) == EXIT_OK
    write_events(events_frame(pipeline.process(read_documents([corpus, DATA]))), direct)
    assert out.read_bytes() == direct.read_bytes()


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".parquet", ".gpkg"])
def test_the_same_input_gives_the_same_bytes(tmp_path, suffix, monkeypatch):
    corpus = _corpus(tmp_path / "corpus", 6)
    outputs = []
    for run in ("one", "two"):
        out = tmp_path / run / f"events{suffix}"
        html = tmp_path / run / "map.html"
        assert main(["map", str(corpus), str(DATA), "-o", str(html), "--events", str(out)]) == 0
        outputs.append((out, html))
        time.sleep(1.1)  # a timestamp written to the file would now differ
    (first, first_map), (second, second_map) = outputs
    assert first_map.read_bytes() == second_map.read_bytes()
    if suffix != ".gpkg":
        assert first.read_bytes() == second.read_bytes()
        return
    # GeoPackage records when its table last changed (gpkg_contents.last_change):
    # the content is the same, and the bytes too once GDAL's clock is fixed
    import sqlite3

    from geomap.export import read_events

    assert read_events(first).equals(read_events(second))
    stamps = [
        sqlite3.connect(path).execute("SELECT last_change FROM gpkg_contents").fetchall()
        for path in (first, second)
    ]
    assert stamps[0] != stamps[1]
    monkeypatch.setenv("OGR_CURRENT_DATE", "2022-01-01T00:00:00Z")
    fixed = []
    for run in ("three", "four"):
        out = tmp_path / run / "events.gpkg"
        assert main(["extract", str(corpus), str(DATA), "-o", str(out), "-q"]) == 0
        fixed.append(out.read_bytes())
        time.sleep(1.1)
    assert fixed[0] == fixed[1]


# -- interrupting and resuming ---------------------------------------------------------


def _geomap(*args, **kwargs):
    """Start ``python -m geomap.cli`` with SIGINT handled as by a terminal's Ctrl-C."""
    return subprocess.Popen(
        [sys.executable, "-m", "geomap.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW0108
        **kwargs,
    )


def _done_lines(journal):
    done = journal / "done.jsonl"
    if not done.exists():
        return 0
    return done.read_bytes().count(b"\n")


def test_ctrl_c_leaves_no_partial_output_and_resume_gives_the_same_table(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 120)
    reference = tmp_path / "ref" / "events.csv"
    ref_mentions = tmp_path / "ref" / "mentions.csv"
    extract = ["extract", str(corpus), "-o", str(reference), "--mentions", str(ref_mentions)]
    assert main([*extract, "-q"]) == EXIT_OK

    out = tmp_path / "out" / "events.csv"
    mentions = tmp_path / "out" / "mentions.csv"
    html = tmp_path / "out" / "map.html"
    journal = tmp_path / "out" / "map.html.progress"
    args = ["map", str(corpus), "-o", str(html), "--events", str(out), "--mentions", str(mentions)]
    process = _geomap(*args)
    deadline = time.monotonic() + 300
    while _done_lines(journal) < 1:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no progress written"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=300)
    assert process.returncode == EXIT_INTERRUPTED, err
    assert "interrupted" in err and "--resume" in err
    assert not html.exists() and not out.exists() and not mentions.exists()
    leftovers = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert leftovers == ["map.html.progress"]  # no temporary or half-written file
    done = _done_lines(journal)
    assert 1 <= done < 120

    process = _geomap(*args, "--resume")
    _, err = process.communicate(timeout=600)
    assert process.returncode == EXIT_OK, err
    resumed = int(err.split("resuming: ", 1)[1].split()[0])
    assert resumed >= done
    assert f"resumed: {resumed} documents were done" in err
    assert out.read_bytes() == reference.read_bytes()
    assert mentions.read_bytes() == ref_mentions.read_bytes()
    assert html.exists() and not journal.exists()


def _journal_for(out, corpus, entries):
    from geomap.cli.journal import fingerprint as _fingerprint
    from geomap.ingest import MAX_CHARS

    journal = out.with_name(out.name + ".progress")
    journal.mkdir(parents=True)
    fingerprint = _fingerprint([str(corpus)], max_chars=MAX_CHARS)
    (journal / "inputs.json").write_text(json.dumps({"fingerprint": fingerprint}), "utf-8")
    (journal / "done.jsonl").write_text(entries, encoding="utf-8")
    return journal


def test_resume_ignores_a_cut_line_and_a_journal_of_other_inputs(tmp_path, capsys):
    corpus = _corpus(tmp_path / "corpus", 4)
    reference = tmp_path / "ref.csv"
    assert main(["extract", str(corpus), "-o", str(reference), "-q"]) == EXIT_OK

    # a journal whose last line a crash cut short: that document is processed again
    out = tmp_path / "a" / "events.csv"
    first = corpus / "doc-0000.txt"
    key = f"{first}\x1fdoc-0000.txt"
    _journal_for(out, corpus, json.dumps({"key": key, "rows": []}) + '\n{"key": "cut')
    assert main(["extract", str(corpus), "-o", str(out), "--resume"]) == EXIT_OK
    assert "resuming: 1 documents already done" in capsys.readouterr().err
    # doc-0000's events were journaled as none, so they are missing: the journal was used
    from geomap.export import read_events

    assert "doc-0000.txt" not in set(read_events(out)["doc_id"])
    assert "doc-0000.txt" in set(read_events(reference)["doc_id"])

    # the same journal after the inputs changed is not used
    out = tmp_path / "b" / "events.csv"
    _journal_for(out, corpus, json.dumps({"key": key, "rows": []}) + "\n")
    (corpus / "doc-0003.txt").write_text(" date 2022-01-09 Changed text.", encoding="utf-8")
    assert main(["extract", str(corpus), "-o", str(out), "--resume"]) == EXIT_OK
    assert "inputs changed" in capsys.readouterr().err
    assert "doc-0000.txt" in set(read_events(out)["doc_id"])

    # without --resume an old journal is discarded
    out = tmp_path / "c" / "events.csv"
    _journal_for(out, corpus, json.dumps({"key": key, "rows": []}) + "\n")
    assert main(["extract", str(corpus), "-o", str(out)]) == EXIT_OK
    assert "discarding the progress" in capsys.readouterr().err
    assert "doc-0000.txt" in set(read_events(out)["doc_id"])


# -- languages -----------------------------------------------------------------------


def test_cyrillic_place_names_in_english_text_are_found(pipeline):
    doc = pipeline.process_text("Protesters rallied in Алматы on Tuesday.", date="2022-01-05")
    assert [(m.text, m.place and m.place.name) for m in doc.mentions] == [("Алматы", "Almaty")]


@pytest.mark.parametrize(
    "text",
    [
        "Протестующие собрались в Алматы во вторник.",
        "Алматы қаласында наразылық акциясы өтті.",
    ],
)
def test_cyrillic_place_names_in_russian_and_kazakh_text(pipeline, text):
    doc = pipeline.process_text(text, date="2022-01-05")
    assert "Almaty" in {m.place.name for m in doc.mentions if m.place}


def test_words_of_other_scripts_are_not_taken_for_small_places(pipeline):
    # capitalised Cyrillic words that are alternate names of villages only are no places
    doc = pipeline.process_text("Протестующие собрались в Алматы во вторник.", date="2022-01-05")
    assert [m.text for m in doc.mentions] == ["Алматы"]


# -- the date normaliser, on any text ----------------------------------------------------

_DATE_WORDS = [
    "January 5",
    "5 Jan 2022",
    "on Tuesday",
    "yesterday",
    "overnight",
    "last week",
    "in March",
    "3 days ago",
    "2022-02-30",
    "0000-01-01",
    "9999-12-31",
    "Feb 29",
    "31st of September, 1",
    "early December 9999",
]

_CALENDAR_EDGES = [
    ("yesterday", dt.date.min),
    ("on Tuesday", dt.date.min),
    ("in March", dt.date.min),
    ("January 5", dt.date.max),
    ("Dec 31", dt.date.max),
]


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=60),
        st.lists(st.sampled_from(_DATE_WORDS) | st.text(max_size=8), max_size=4).map(" ".join),
    ),
    ref=st.one_of(
        st.none(), st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(8999, 12, 31))
    ),
)
def test_normalise_date_never_raises_and_gives_real_dates(text, ref):
    from geomap.events.dates import normalise_date

    result = normalise_date(text, ref)
    if result is not None:
        date, precision = result
        assert isinstance(date, dt.date) and precision in (1, 2, 3)


@pytest.mark.parametrize(("text", "ref"), _CALENDAR_EDGES)
def test_normalise_date_at_the_ends_of_the_calendar(text, ref):
    from geomap.events.dates import normalise_date

    result = normalise_date(text, ref)
    assert result is None or isinstance(result[0], dt.date)


def test_a_document_dated_in_year_one_is_kept_without_its_date(tmp_path, pipeline):
    from geomap.ingest import read_documents

    path = tmp_path / "old.jsonl"
    path.write_text(
        json.dumps(
            {"id": "a", "text": "Protesters rallied in Almaty yesterday.", "date": "0001-01-01"}
        )
        + "\n",
        encoding="utf-8",
    )
    (doc,) = list(pipeline.process(read_documents(path)))
    assert doc.date is None and "implausible date" in doc.warnings[0]
