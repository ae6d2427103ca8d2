"""Russian and Kazakh documents: language, places in every case, events, dates.

Every sentence here was written for these tests; none comes from the evaluation
reports in tests/data/ru_reports.txt.
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from geomap.events.dates_ru import find_date_ru
from geomap.model import Document
from geomap.nlp.russian import detect_language
from geomap.toponyms_ru import demonym_country

DATA = Path(__file__).parent / "data"
REF = dt.date(2022, 1, 8)  # a Saturday


def places(doc):
    return {m.text: (m.place.name if m.place else None) for m in doc.mentions}


def events(doc):
    return [
        (e.event_type, e.sub_event_type, doc.mentions[e.mention].place.name, e.event_date)
        for e in doc.events
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Протестующие собрались в центре города.", "ru"),
        ("Алматыда наразылық акциясы өтті, деп хабарлайды тілші.", "kk"),
        ("Protesters rallied in Almaty on Tuesday.", "en"),
        ("Protesters rallied in Алматы on Tuesday, police said in a statement.", "en"),
        ("Мітингувальники зібралися у Києві біля будівлі.", "uk"),
    ],
)
def test_language_is_detected_from_the_text(text, lang):
    assert detect_language(text) == lang


def test_declined_and_indeclinable_names_resolve(pipeline):
    doc = pipeline.process_text(
        "Колонна вышла из Талдыкоргана и к вечеру прибыла в Актау, а затем в Тбилиси.",
        date="2022-01-08",
    )
    assert places(doc) == {"Талдыкоргана": "Taldykorgan", "Актау": "Aktau", "Тбилиси": "Tbilisi"}
    assert doc.lang == "ru"


def test_adjective_and_area_noun_agree_to_the_nominative(pipeline):
    doc = pipeline.process_text(
        "Жители Актюбинской области и Краснодарского края жалуются на дороги.", date=REF
    )
    found = {m.text: (m.name, m.kind, m.place.name) for m in doc.mentions}
    assert found["Актюбинской области"] == ("Актюбинская область", "region", "Aqtöbe oblysy")
    assert found["Краснодарского края"][2] == "Krasnodarskiy kray"


@pytest.mark.parametrize(
    ("old", "new", "place"),
    [
        ("Алма-Ате", "Алматы", "Almaty"),
        ("Нур-Султане", "Астане", "Astana"),
        ("Киргизии", "Кыргызстане", "Kyrgyzstan"),
        ("Белоруссии", "Беларуси", "Belarus"),
    ],
)
def test_old_and_new_names_are_the_same_place(pipeline, old, new, place):
    doc = pipeline.process_text(f"Он жил в {old}, а теперь живёт в {new}.", date=REF)
    assert places(doc) == {old: place, new: place}


def test_georgia_the_state_and_georgia_the_country(pipeline):
    doc = pipeline.process_text(
        "Делегация из штата Джорджия посетила Грузию, а потом вернулась в Джорджию.", date=REF
    )
    found = {(m.text, m.place.country_code, m.place.feature_code) for m in doc.mentions}
    assert found == {
        ("Джорджия", "US", "ADM1"),
        ("Грузию", "GE", "PCLI"),
        ("Джорджию", "US", "ADM1"),
    }


def test_demonyms_are_their_country(pipeline):
    doc = pipeline.process_text(
        "Российские военные и казахстанский спецназ провели учения с киргизскими коллегами.",
        date=REF,
    )
    demonyms = {m.text: m.place.name for m in doc.mentions if m.kind == "demonym"}
    assert demonyms == {
        "Российские": "Russia",
        "казахстанский": "Kazakhstan",
        "киргизскими": "Kyrgyzstan",
    }
    assert demonym_country("узбекский") == "UZ"
    assert demonym_country("красивый") is None


def test_organisations_are_not_places(pipeline):
    doc = pipeline.process_text("В МИД и ОДКБ прокомментировали ситуацию.", date=REF)
    assert doc.mentions == ()


def test_kazakh_places_with_suffixes_and_no_events(pipeline):
    doc = pipeline.process_text(
        "Кеше Алматыда және Шымкентте наразылық акциялары өтті.", date="2022-01-05"
    )
    assert doc.lang == "kk"
    assert {m.place.name for m in doc.mentions if m.place} == {"Almaty", "Shymkent"}
    assert doc.events == ()
    assert any("events only for English and Russian" in w for w in doc.warnings)


def test_protest_with_date_and_place_of_the_clause(pipeline):
    doc = pipeline.process_text(
        "В пятницу в Уральске прошел митинг водителей, сообщили в Нур-Султане.", date=REF
    )
    assert events(doc) == [("Protests", "Peaceful protest", "Oral", dt.date(2022, 1, 7))]
    assert doc.events[0].trigger == "митинг"


def test_negated_and_planned_events_are_dropped(pipeline):
    doc = pipeline.process_text(
        "Беспорядков в Актобе зафиксировано не было. "
        "Активисты в Костанае планируют провести митинг в воскресенье. "
        "Профсоюз пригрозил забастовкой в Экибастузе.",
        date=REF,
    )
    assert doc.events == ()
    assert {m.place.name for m in doc.mentions} >= {"Aktobe", "Kostanay"}


def test_places_of_origin_and_affiliation_are_not_event_places(pipeline):
    doc = pipeline.process_text(
        "Военные из России и Белоруссии задержали в Таразе 12 мародеров, заявил министр обороны "
        "Казахстана.",
        date=REF,
    )
    assert events(doc) == [("Strategic developments", "Arrests", "Taraz", REF)]


def test_a_list_of_places_gives_one_event_each(pipeline):
    doc = pipeline.process_text(
        "В субботу акции протеста прошли в Гомеле, Могилёве и Бресте.", date="2020-08-16"
    )
    assert sorted(p for _, _, p, _ in events(doc)) == ["Brest", "Homyel'", "Mahilyow"]


def test_actor_changes_the_type(pipeline):
    doc = pipeline.process_text(
        "Ночью беспилотники атаковали склад в Курске. Толпа протестующих напала на здание "
        "суда в Бишкеке.",
        date="2022-10-10",
    )
    got = {(t, s, p) for t, s, p, _ in events(doc)}
    assert ("Explosions/Remote violence", "Air/drone strike", "Kursk") in got
    assert ("Riots", "Violent demonstration", "Bishkek") in got
    assert doc.events[0].event_date == dt.date(2022, 10, 9)


def test_the_place_of_the_previous_sentence_and_anaphora(pipeline):
    doc = pipeline.process_text(
        "Ситуация обострилась в Жезказгане.\nМолодые люди подожгли несколько машин. "
        "Полиция задержала в городе 15 человек.",
        date=REF,
    )
    assert {(t, p) for t, _, p, _ in events(doc)} == {
        ("Riots", "Zhezqazghan"),
        ("Strategic developments", "Zhezqazghan"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Протесты начались 2 января.", (dt.date(2022, 1, 2), 1)),
        ("Это случилось 30 декабря.", (dt.date(2021, 12, 30), 1)),
        ("Митинг прошел 5 мая 2021 года.", (dt.date(2021, 5, 5), 1)),
        ("Митинг прошел в пятницу.", (dt.date(2022, 1, 7), 1)),
        ("Накануне прошел митинг.", (dt.date(2022, 1, 7), 1)),
        ("Вчера вечером прошел митинг.", (dt.date(2022, 1, 7), 1)),
        ("В выходные прошли акции.", (dt.date(2022, 1, 8), 2)),
        ("Ночью слышалась стрельба.", (dt.date(2022, 1, 7), 1)),
        ("Три дня назад прошел митинг.", (dt.date(2022, 1, 5), 1)),
        ("На прошлой неделе прошел митинг.", (dt.date(2022, 1, 1), 2)),
        ("Никакой даты здесь нет.", None),
    ],
)
def test_russian_dates_against_the_document_date(text, expected):
    assert find_date_ru(text, REF) == expected


def test_the_example_article_in_russian_maps_like_the_english_one(pipeline, seed_doc):
    from geomap.ingest import read_documents
    from geomap.join import document_rows

    ru = next(pipeline.process(read_documents([DATA / "kazakhstan-2022-01-08.ru.txt"])))
    ru_rows, en_rows = document_rows(ru), document_rows(seed_doc)
    assert {r["lang"] for r in ru_rows} == {"ru"} and {r["lang"] for r in en_rows} == {"en"}
    key = {(r["event_type"], r["location"]) for r in ru_rows}
    english = {(r["event_type"], r["location"]) for r in en_rows}
    assert len(key & english) >= 0.8 * len(english)
    assert {r["country_code"] for r in ru_rows} == {"KZ"}  # CSTO members only mentioned
    almaty = [r for r in ru_rows if r["location"] == "Almaty"]
    assert any(r["place_mention"] == "Алма-Ате" for r in almaty)
    assert all(any("а" <= ch <= "я" for ch in r["notes"]) for r in ru_rows)


def test_lang_field_and_option(pipeline, tmp_path):
    from geomap.errors import InputError
    from geomap.ingest import read_documents

    path = tmp_path / "docs.jsonl"
    rows = [
        {"id": "a", "text": "В Алматы прошел митинг.", "date": "2022-01-05", "lang": "kk"},
        {"id": "b", "text": "В Алматы прошел митинг.", "date": "2022-01-05"},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    a, b = pipeline.process(read_documents([path]))
    assert (a.lang, len(a.events)) == ("kk", 0)
    assert (b.lang, len(b.events)) == ("ru", 1)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "c", "text": "x", "lang": "xx"}) + "\n", "utf-8")
    problems = []
    assert list(read_documents([bad], on_error=problems.append)) == []
    assert isinstance(problems[0], InputError) and "bad.jsonl:1" in str(problems[0])


def test_english_documents_keep_going_the_english_way(pipeline):
    doc = pipeline.process_text("Protesters rallied in Almaty on Tuesday.", date="2022-01-05")
    assert doc.lang == "en"
    assert events(doc) == [("Protests", "Peaceful protest", "Almaty", dt.date(2022, 1, 4))]


def test_gold_reports_evaluation_scores_the_russian_corpus(pipeline):
    from geomap.evaluate.gold_reports import run

    result = run(DATA / "ru_reports.jsonl", pipeline=pipeline)
    test = result["groups"]["test"]
    assert test["docs"] == 20 and test["gold_events"] > 0
    assert test["toponyms"]["f1"] >= 0.9
    assert test["events"]["precision"] >= 0.75 and test["events"]["recall"] >= 0.75


def test_documents_with_no_text_in_a_batch_of_both_languages(pipeline):
    docs = [
        Document("en", "Protesters rallied in Almaty on Tuesday.", date=REF),
        Document("ru", "Митинг прошел в Алматы.", date=REF),
        Document("en2", "Police arrested 20 people in Aktobe.", date=REF),
    ]
    out = list(pipeline.process(docs))
    assert [d.doc_id for d in out] == ["en", "ru", "en2"]
    assert [d.lang for d in out] == ["en", "ru", "en"]


def test_cli_says_events_are_read_for_english_and_russian_only(tmp_path):
    import os
    import subprocess
    import sys

    doc = tmp_path / "kz.txt"
    doc.write_text(" date 2022-01-05 Кеше Алматыда наразылық акциясы өтті.\n", encoding="utf-8")
    out = tmp_path / "events.csv"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "geomap",
            "extract",
            str(doc),
            "-o",
            str(out),
            "--mentions",
            str(tmp_path / "mentions.csv"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ},
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "events are read for English and Russian only" in run.stderr
    mentions = (tmp_path / "mentions.csv").read_text(encoding="utf-8")
    assert "Almaty" in mentions and ",kk" in mentions
