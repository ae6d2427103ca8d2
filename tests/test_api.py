"""geomap.extract / make_map / documents: every form news comes in, errors= like --strict."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import geomap
from geomap.errors import InputError
from tests.conftest import DATA, SEED

ALMATY = "Protesters rallied in Almaty on Tuesday."
AKTOBE = "Police detained 20 people in Aktobe on Monday."


def test_the_public_names_are_listed():
    for name in ("extract", "make_map", "documents", "Document", "read_events", "InputWarning"):
        assert name in geomap.__all__ and name in dir(geomap)
        assert getattr(geomap, name) is not None


def test_a_dataframe_with_named_columns(pipeline):
    frame = pd.DataFrame(
        {
            "body": [ALMATY, AKTOBE],
            "when": ["2022-01-05", pd.Timestamp("2022-01-04T10:00:00+06:00")],
            "key": ["k-almaty", "k-aktobe"],
            "url": ["https://x.example/a", None],
        }
    )
    events = geomap.extract(frame, text="body", date="when", id="key", pipeline=pipeline)
    assert set(events["doc_id"]) == {"k-almaty", "k-aktobe"}
    assert set(events["location"]) == {"Almaty", "Aktobe"}
    by_doc = events.set_index("doc_id")
    assert by_doc.loc["k-almaty", "url"] == "https://x.example/a"
    assert str(by_doc.loc["k-aktobe", "published"]) == "2022-01-04 04:00:00+00:00"
    assert events["event_date"].dtype == "datetime64[ms]"


def test_a_dataframe_with_the_default_column_names_and_its_index_as_ids(pipeline):
    frame = pd.DataFrame({"text": [ALMATY], "date": ["2022-01-05"]}, index=["row-7"])
    events = geomap.extract(frame, pipeline=pipeline)
    assert events["doc_id"].tolist() == ["row-7"]


def test_a_dataframe_without_the_text_column_is_a_clear_error(pipeline):
    with pytest.raises(geomap.GeomapError, match="no text column 'text'.*name it with text="):
        geomap.extract(pd.DataFrame({"body": [ALMATY]}), pipeline=pipeline)


def test_a_list_of_texts_and_a_list_of_documents(pipeline):
    texts = [ALMATY, AKTOBE]
    docs = list(geomap.documents(texts))
    assert [d.text for d in docs] == texts and [d.doc_id for d in docs] == ["text-0", "text-1"]
    dated = [
        geomap.Document(doc_id=f"d{k}", text=t, date="2022-01-05") for k, t in enumerate(texts)
    ]
    events = geomap.extract(dated, pipeline=pipeline)
    assert set(events["doc_id"]) == {"d0", "d1"}


def test_a_path_and_a_list_of_paths(pipeline, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(f" date 2022-01-05 {ALMATY}", encoding="utf-8")
    one = geomap.extract(SEED, pipeline=pipeline)
    both = geomap.extract([str(DATA), other], pipeline=pipeline)
    assert len(both) == len(one) + 1
    assert set(both["doc_id"]) == {SEED.name, "other.txt"}


def test_a_mistyped_path_is_an_error_not_a_text():
    with pytest.raises(geomap.InputError, match="kazakstan.txt: no such file"):
        list(geomap.documents(str(DATA / "kazakstan.txt")))
    with pytest.raises(geomap.InputError, match="no such file"):
        list(geomap.documents(["data/kazakstan"]))


def test_a_malformed_jsonl_line_is_skipped_with_a_warning_by_default(pipeline, tmp_path):
    news = tmp_path / "news.jsonl"
    news.write_text(
        f'{{"id": "a", "text": "{ALMATY}", "date": "2022-01-05"}}\n{{oops\n', encoding="utf-8"
    )
    with pytest.warns(geomap.InputWarning, match="news.jsonl:2: malformed JSON"):
        events = geomap.extract(news, pipeline=pipeline)
    assert events["doc_id"].tolist() == ["a"]
    with pytest.raises(InputError, match="news.jsonl:2"):
        geomap.extract(news, errors="raise", pipeline=pipeline)


def test_errors_raise_also_stops_at_a_document_read_with_a_problem(tmp_path):
    page = tmp_path / "nodate.txt"
    page.write_text(ALMATY, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(list(geomap.documents(page))) == 1
    with pytest.raises(InputError, match="no document date"):
        list(geomap.documents(page, errors="raise"))
    with pytest.raises(ValueError, match="errors must be"):
        geomap.documents(page, errors="ignore")


def test_make_map_maps_what_it_is_given(pipeline):
    events = geomap.extract(SEED, pipeline=pipeline)
    riots = events[events.event_type == "Riots"]
    html = geomap.make_map(riots).get_root().render()
    assert "Violent demonstration" in html and "Armed clash" not in html
    from_texts = geomap.make_map(
        [geomap.Document(doc_id="a", text=ALMATY, date="2022-01-05")], pipeline=pipeline
    )
    assert "Almaty" in from_texts.get_root().render()
