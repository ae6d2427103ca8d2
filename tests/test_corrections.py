"""--corrections: not-a-place names, a name forced to a GeoNames id or a user's place, a country."""

from __future__ import annotations

import pytest

from geomap.corrections import load_corrections
from geomap.errors import InputError
from geomap.model import Document, Place
from geomap.pipeline import Pipeline

JORDAN = "Jordan scored 30 points as protesters rallied in Chicago on Tuesday."
KARAMENDY = "Police detained 20 people in Karamendy on Monday."
SPRINGFIELD = "Protesters rallied in Springfield on Tuesday."


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "fixes.csv"
    path.write_text(
        "name,correction,value,note\n"
        "Jordan,not a place,,a basketball player\n"
        "Karamendy,geonameid,1524577,Qaramengdi in Qostanay\n"
        "springfield,country,au,our Springfield is in Queensland\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def corrected(pipeline, table):
    return Pipeline(
        gazetteer=pipeline.gazetteer, nlp=pipeline.nlp, corrections=load_corrections(table)
    )


def places(doc):
    return {m.text: m.place.geonameid if m.place else None for m in doc.mentions}


def test_without_corrections_the_three_go_wrong(pipeline):
    assert places(pipeline.process_text(JORDAN, date="2022-01-05"))["Jordan"] is not None
    assert places(pipeline.process_text(KARAMENDY, date="2022-01-05"))["Karamendy"] is None
    spring = pipeline.process_text(SPRINGFIELD, date="2022-01-05").mentions[0]
    assert spring.place.country_code == "US"


def test_not_a_place_is_dropped_and_no_event_lands_there(corrected):
    doc = corrected.process_text(JORDAN, date="2022-01-05")
    assert "Jordan" not in places(doc)
    assert [doc.mentions[e.mention].text for e in doc.events if e.mention is not None] == [
        "Chicago"
    ]


def test_a_geonames_id_places_the_name_and_why_says_so(corrected):
    doc = corrected.process_text(KARAMENDY, date="2022-01-05")
    (mention,) = doc.mentions
    assert mention.place.geonameid == 1524577 and mention.score == 1.0
    assert mention.why.startswith("correction: geonameid 1524577 (fixes.csv:3)")
    assert [doc.mentions[e.mention].place.name for e in doc.events] == ["Qaramengdi"]


def test_a_preferred_country_wins_whatever_the_case(corrected):
    (mention,) = corrected.process_text(SPRINGFIELD, date="2022-01-05").mentions
    assert mention.place.country_code == "AU" and mention.place.name == "Springfield"
    assert (
        "correction: country AU (fixes.csv:4)" in mention.why and "was Springfield" in mention.why
    )


def test_held_out_sentences_with_the_same_names(corrected):
    """The corrections act on the names, in sentences they were not written for."""
    doc = corrected.process_text(
        "Jordan and Pippen left for Springfield, where riots broke out near Karamendy.",
        date="2022-01-05",
    )
    found = {m.text: m.place.country_code if m.place else None for m in doc.mentions}
    assert "Jordan" not in found
    assert found.get("Springfield") == "AU" and found.get("Karamendy") == "KZ"


def test_a_name_recognition_missed_is_added(gazetteer, tmp_path):
    path = tmp_path / "fixes.csv"
    path.write_text("name,correction,value\nold bazaar,geonameid,1526384\n", encoding="utf-8")
    corrections = load_corrections(path)
    text = "Traders met at the old bazaar. The Old Bazaar was closed; old bazaars reopen."
    doc = Document(doc_id="d", text=text, sentences=((0, 30), (31, len(text))))
    assert text[19:29] == "old bazaar"
    added = corrections.resolved(corrections.recognised(doc), gazetteer)
    assert [(m.start, m.sent, m.source, m.place.name) for m in added.mentions] == [
        (19, 0, "CORRECTION", "Almaty")
    ]  # as written: not "Old Bazaar" (another case) nor "old bazaars" (another word)


def test_a_place_of_the_users_own_list(gazetteer, tmp_path):
    path = tmp_path / "fixes.csv"
    path.write_text("name,correction,value\nCamp Alpha,place,camp-a\n", encoding="utf-8")
    corrections = load_corrections(path)
    assert corrections.needs_places()
    camp = Place(None, "Camp Alpha", 43.1, 76.8, "KZ", "S", "CMP")
    doc = Document(doc_id="d", text="Shots at Camp Alpha.", sentences=((0, 20),))
    doc = corrections.recognised(doc)
    mine = corrections.resolved(doc, gazetteer, places={"camp-a": camp}.get)
    assert mine.mentions[0].place == camp
    bound = corrections.with_places({"camp-a": camp}.get)  # how a --places file is bound
    assert bound.resolved(doc, gazetteer).mentions[0].place == camp
    without = corrections.resolved(doc, gazetteer)
    assert without.mentions[0].place is None and "found no such place" in without.mentions[0].why


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,value\nX,1\n", "fixes.csv:1: the corrections need the columns"),
        ("name,correction,value\nX,moved,1\n", "fixes.csv:2: unknown correction 'moved'"),
        ("name,correction,value\nX,country,Kazakhstan\n", "fixes.csv:2: country must be"),
        ("name,correction,value\n,not a place,\n", "fixes.csv:2: empty name"),
        ("name,correction,value\nX,not a place,\nx,country,KZ\n",
         "fixes.csv:3: 'x' is corrected twice"),
    ],
)  # fmt: skip
def test_a_bad_file_is_an_error_naming_the_line(tmp_path, content, message):
    path = tmp_path / "fixes.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_corrections(path)


@pytest.mark.usefixtures("pipeline")
def test_cli_corrections_in_the_events_and_mentions_tables(tmp_path, table):
    from geomap.cli import main
    from geomap.export import read_events, read_mentions

    news = tmp_path / "news.jsonl"
    news.write_text(
        "".join(
            f'{{"id": "{k}", "text": "{text}", "date": "2022-01-05"}}\n'
            for k, text in enumerate([JORDAN, KARAMENDY, SPRINGFIELD])
        ),
        encoding="utf-8",
    )
    events, mentions = tmp_path / "events.csv", tmp_path / "mentions.csv"
    argv = ["extract", str(news), "-o", str(events), "--mentions", str(mentions), "-q"]
    assert main([*argv, "--corrections", str(table)]) == 0
    assert set(read_events(events)["location"]) == {"Chicago", "Qaramengdi", "Springfield"}
    rows = read_mentions(mentions)
    assert "Jordan" not in set(rows["place_mention"])
    assert rows["why"].str.startswith("correction:").sum() == 2
