import codecs
import contextlib
import csv
import datetime as dt
import json
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap import ingest
from geomap.errors import InputError, InputNotFoundError
from geomap.ingest import (
    MAX_CHARS,
    decode_bytes,
    decode_text,
    parse_date,
    read_documents,
    sniff_encoding,
    split_dateline,
    split_text,
)
from tests.conftest import SEED

RUSSIAN = "Протестующие собрались в Алматы во вторник. Полиция задержала десятки человек."
KAZAKH = "Алматыда наразылық акциясы өтті. Полиция бірнеше адамды ұстады."
FRENCH = "Les manifestants se sont réunis à Almaty mardi ; la police a arrêté des dizaines."
GERMAN = "Demonstranten versammelten sich in Almaty. Die Polizei griff auf der Straße ein."


def test_seed_dateline_gives_the_document_date_and_is_removed_from_the_text():
    (doc,) = list(read_documents(SEED))
    assert doc.date == dt.date(2022, 1, 8)
    assert doc.doc_id == "kazakhstan-2022-01-08.txt"
    assert doc.text.startswith("The largest city in Kazakhstan")
    assert not doc.warnings


def test_split_dateline_without_dateline_keeps_text():
    assert split_dateline("Protests in Almaty.") == (None, "Protests in Almaty.", None)


def test_impossible_dateline_is_reported_not_invented():
    date, body, problem = split_dateline(" date 2022-02-30 Text here.")
    assert date is None and body == "Text here."
    assert "impossible" in problem


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-08", dt.date(2022, 1, 8)),
        ("2022-01-08T10:30:00Z", dt.date(2022, 1, 8)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("bad", ["yesterday", "2022-13-01", "2022-02-30"])
def test_parse_date_rejects_bad_dates(bad):
    with pytest.raises(InputError):
        parse_date(bad)


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(" date 2022-01-02 Second text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text(" date 2022-01-01 First text.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not news", encoding="utf-8")
    docs = list(read_documents(tmp_path))
    assert [d.doc_id for d in docs] == ["a.txt", "b/two.txt"]
    assert [d.date for d in docs] == [dt.date(2022, 1, 1), dt.date(2022, 1, 2)]


def test_jsonl_with_a_malformed_line_reports_it_and_goes_on(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Rally in Almaty.", "date": "2022-01-05"}),
        "{not json",
        json.dumps({"id": "b", "text": "Clashes in Aktobe.", "published": "2022-01-06T08:00:00"}),
        json.dumps({"id": "c", "title": "no text"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = []
    docs = list(read_documents(path, on_error=errors.append))
    assert [d.doc_id for d in docs] == ["a", "b"]
    assert docs[1].date == dt.date(2022, 1, 6)
    assert [(e.line, e.path) for e in errors] == [(2, str(path)), (4, str(path))]
    assert f"{path}:2" in str(errors[0])


def test_strict_raises_the_first_problem(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text('{"id": 1, "text": "ok"}\n{bad\n', encoding="utf-8")
    with pytest.raises(InputError, match=":2"):
        list(read_documents(path, strict=True))


def test_csv_reads_rows_and_rejects_a_file_without_text_column(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(
        'id,text,date\n1,"Protest in Almaty, Kazakhstan.",2022-01-05\n', encoding="utf-8"
    )
    (doc,) = list(read_documents(good))
    assert doc.doc_id == "1" and doc.date == dt.date(2022, 1, 5) and "Almaty" in doc.text
    bad = tmp_path / "bad.csv"
    bad.write_text("id,body\n1,hello\n", encoding="utf-8")
    errors = []
    assert list(read_documents(bad, on_error=errors.append)) == []
    assert "no 'text' column" in str(errors[0]) and str(bad) in str(errors[0])


def test_missing_path_and_empty_file_are_named(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    errors = []
    docs = list(read_documents([tmp_path / "nope.txt", empty], on_error=errors.append))
    assert docs == []
    assert isinstance(errors[0], InputNotFoundError) and "nope.txt" in str(errors[0])
    assert "empty" in str(errors[1]) and "empty.txt" in str(errors[1])


def test_decode_rejects_binary_and_reads_utf16_with_bom():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", path="x.txt")
    assert decode_bytes("Алматы".encode("utf-16"), path="x.txt") == "Алматы"
    assert decode_bytes("Almaty \xe9".encode("latin-1"), path="x.txt") == "Almaty \xe9"


@pytest.mark.parametrize(
    ("text", "encoding", "codec", "note"),
    [
        (RUSSIAN, "cp1251", "cp1251", "Windows-1251"),
        (FRENCH, "latin-1", "cp1252", "Windows-1252"),
        (GERMAN, "cp1252", "cp1252", "Windows-1252"),
        (RUSSIAN, "utf-8", "utf-8", None),
        (KAZAKH, "utf-8", "utf-8", None),
        (KAZAKH, "utf-8-sig", "utf-8-sig", None),
        (KAZAKH, "utf-16", "utf-16", None),
        (FRENCH, "utf-16-be", "utf-16", None),
        (RUSSIAN, "utf-32", "utf-32", None),
    ],
)
def test_encodings_are_detected_and_decoded(text, encoding, codec, note):
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert sniff_encoding(data) == codec
    decoded, notes = decode_text(data, path="x.txt")
    assert decoded == text
    assert notes == (() if note is None else (notes[0],))
    if note:
        assert note in notes[0] and "guessed" in notes[0]


def test_invalid_utf8_is_replaced_and_reported_with_its_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(
        " date 2022-01-05 Protest in Алматы.\nPolice in Ақтөбе.\n".encode() + b"Bad \xff here."
    )
    (doc,) = list(read_documents(path))
    assert doc.text.endswith("Bad \ufffd here.") and "Алматы" in doc.text
    assert doc.date == dt.date(2022, 1, 5)
    (warning,) = doc.warnings
    assert "not valid UTF-8: 1 invalid byte(s)" in warning and "line 3" in warning
    assert str(path) in warning


def test_png_renamed_txt_empty_and_whitespace_files_are_skipped_by_name(tmp_path):
    png = tmp_path / "picture.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\r\n   \n", encoding="utf-8")
    dateline_only = tmp_path / "dateline.txt"
    dateline_only.write_text(" date 2022-01-05  \n", encoding="utf-8")
    errors = []
    assert list(read_documents(tmp_path, on_error=errors.append)) == []
    reasons = {e.path.rsplit("/", 1)[-1]: e.reason for e in errors}
    assert reasons == {
        "blank.txt": "empty document (no text)",
        "dateline.txt": "empty document (no text)",
        "empty.txt": "empty document (no text)",
        "picture.txt": "binary file (not text)",
    }


def test_missing_invalid_and_impossible_dates_keep_the_document_with_a_warning(tmp_path):
    path = tmp_path / "news.jsonl"
    rows = [
        {"id": "none", "text": "Rally in Almaty."},
        {"id": "bad", "text": "Rally in Almaty.", "date": "last Tuesday"},
        {"id": "impossible", "text": "Rally in Almaty.", "date": "2022-02-30"},
        {"id": "ok", "text": "Rally in Almaty.", "published": "2022-02-28T23:59:59+05:00"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = {d.doc_id: d for d in read_documents(path)}
    assert [d.date for d in docs.values()] == [None, None, None, dt.date(2022, 2, 28)]
    assert "no document date" in docs["none"].warnings[0]
    assert "not an ISO date" in docs["bad"].warnings[0]
    assert "impossible date" in docs["impossible"].warnings[0]
    assert f"{path}:3" in docs["impossible"].warnings[0]
    assert docs["ok"].warnings == ()


def test_jsonl_malformed_line_in_the_middle_of_a_long_file(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": i, "text": f"Text {i}.", "date": "2022-01-05"}) for i in range(50)]
    lines[25] = '{"id": 25, "text": "cut in the mid'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = []
    docs = list(read_documents(path, on_error=errors.append))
    assert len(docs) == 49 and "25" not in {d.doc_id for d in docs}
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [(26, "malformed JSON")]


def test_jsonl_oddities_are_reported_not_raised(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_RECORD_CHARS", 200)
    path = tmp_path / "odd.jsonl"
    path.write_text(
        "\n".join(
            [
                '"just a string"',
                '{"text": 42}',
                "[" * 100_000,
                "1" * 5000,
                json.dumps({"id": "long", "text": "x" * 500}),
                '{"id": "sur\\ud800", "text": "Rally in Almaty \\udc00."}',
                json.dumps({"id": "after", "text": "Still read."}),
            ]
        ),
        encoding="utf-8",
    )
    errors = []
    docs = list(read_documents(path, on_error=errors.append))
    assert [d.doc_id for d in docs] == ["sur\ufffd", "after"]
    assert docs[0].text == "Rally in Almaty \ufffd." and "surrogate" in docs[0].warnings[0]
    assert [e.line for e in errors] == [1, 2, 3, 4, 5]
    assert "longer than 200 characters" in errors[4].reason


def test_csv_header_case_quoted_newlines_and_long_cells(tmp_path):
    path = tmp_path / "feed.csv"
    long_text = "Protesters rallied in Almaty. " * 10_000  # beyond csv's 131072 limit
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([" ID ", "Text", "Published"])
        writer.writerow(["1", "Line one\nline two in Almaty.", "2022-01-05"])
        writer.writerow(["2", long_text, "2022-01-06"])
        writer.writerow(["3", "", "2022-01-07"])
        writer.writerow(["4", "Last row.", "2022-01-08"])
    limit = csv.field_size_limit()
    errors = []
    docs = list(read_documents(path, on_error=errors.append))
    assert csv.field_size_limit() == limit  # the raised limit does not leak
    assert docs[0].text == "Line one\nline two in Almaty." and docs[0].date == dt.date(2022, 1, 5)
    parts = [d for d in docs if d.doc_id.startswith("2#part")]
    assert "".join(p.text for p in parts) == long_text and len(parts) >= 3
    assert docs[-1].doc_id == "4"
    assert [(e.line, e.reason) for e in errors] == [(5, "missing or empty 'text' field")]


def test_csv_without_header_or_text_column(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_text("id,body\n1,hello\n", encoding="utf-8")
    errors = []
    assert list(read_documents([empty, other], on_error=errors.append)) == []
    assert [(e.path, e.line) for e in errors] == [(str(empty), 1), (str(other), 1)]
    assert "no header" in errors[0].reason and "no 'text' column" in errors[1].reason


def test_split_text_cuts_at_paragraphs_and_joins_back():
    paragraphs = [f"Paragraph {i}. " + "Words and more words. " * (5 + i % 7) for i in range(40)]
    text = "\n\n".join(paragraphs)
    parts = split_text(text, max_chars=1000)
    assert "".join(parts) == text
    assert all(len(p) <= 1000 for p in parts) and len(parts) > 3
    assert all(p.endswith("\n\n") for p in parts[:-1])
    assert split_text("short", max_chars=1000) == ["short"]
    unbroken = "x" * 2500
    assert split_text(unbroken, max_chars=1000) == ["x" * 1000, "x" * 1000, "x" * 500]


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab .\n\t!?é"), max_size=3000),
    max_chars=st.integers(min_value=2, max_value=400),
    pieces=st.integers(min_value=1, max_value=500),
)
def test_split_does_not_depend_on_how_the_text_arrives(text, max_chars, pieces):
    whole = split_text(text, max_chars=max_chars)
    assert "".join(whole) == text and all(0 < len(p) <= max_chars for p in whole)
    chunks = [text[i : i + pieces] for i in range(0, len(text), pieces)]
    assert list(ingest._split_stream(chunks, max_chars=max_chars)) == whole


def test_a_50_mb_document_is_read_in_bounded_memory(tmp_path):
    path = tmp_path / "huge.txt"
    paragraph = "Protesters rallied in Almaty and police detained dozens near the square. " * 6
    with path.open("w", encoding="utf-8") as stream:
        stream.write(" date 2022-01-05 ")
        for _ in range(50_000_000 // (len(paragraph) + 2) + 1):
            stream.write(paragraph + "\n\n")
    size = path.stat().st_size
    assert size >= 50_000_000
    tracemalloc.start()
    try:
        count = total = longest = 0
        for doc in read_documents(path):
            count += 1
            total += len(doc.text)
            longest = max(longest, len(doc.text))
            assert doc.date == dt.date(2022, 1, 5)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert total == size - len(" date 2022-01-05 ")
    assert longest <= MAX_CHARS and count >= size // MAX_CHARS
    assert peak < 20_000_000  # a few blocks and parts, never the whole file


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".jsonl", ".csv"]))
def test_arbitrary_bytes_give_documents_or_input_errors_only(tmp_path, data, suffix):
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    errors = []
    docs = list(read_documents(path, on_error=errors.append, max_chars=500))
    assert all(isinstance(e, InputError) and str(path) in str(e) for e in errors)
    for doc in docs:
        assert doc.text.strip() and len(doc.text) <= 500
        doc.text.encode("utf-8")  # writable to every output
        doc.doc_id.encode("utf-8")
    with pytest.raises(InputError) if errors else contextlib.nullcontext():
        list(read_documents(path, strict=True, max_chars=500))
