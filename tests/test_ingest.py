import datetime as dt
import json

import pytest

from geomap.errors import InputError, InputNotFoundError
from geomap.ingest import decode_bytes, parse_date, read_documents, split_dateline
from tests.conftest import SEED


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
    with pytest.raises(InputError, match="UTF-8"):
        decode_bytes("Almaty \xe9".encode("latin-1"), path="x.txt")
