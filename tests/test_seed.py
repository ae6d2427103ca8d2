"""The worked example of EVENTS.md: the seed article, end to end."""

import datetime as dt

import pytest

from geomap.join import events_frame
from geomap.schema import COLUMNS, validate_events

NOT_EVENT_COUNTRIES = {"RU", "BY", "KG", "TJ", "AM"}


@pytest.fixture(scope="module")
def frame(seed_doc):
    return events_frame([seed_doc])


def rows(frame, **where):
    out = frame
    for column, value in where.items():
        out = out[out[column] == value]
    return out


def test_frame_has_the_events_md_columns_and_is_valid(frame):
    assert list(COLUMNS) == [c for c in frame.columns if c != "geometry"]
    validate_events(frame)
    assert frame.crs.to_epsg() == 4326
    assert (frame.geometry.x == frame["longitude"]).all()  # Point(lon, lat)


def test_no_event_is_placed_in_the_csto_member_states(frame):
    assert NOT_EVENT_COUNTRIES.isdisjoint(set(frame["country_code"]))
    assert set(frame["country_code"]) == {"KZ"}


def test_checkpoints_around_almaty(frame):
    sd = rows(
        frame, event_type="Strategic developments", location="Almaty", event_date="2022-01-08"
    )
    assert sd["trigger"].str.contains("checkpoint").any()


def test_shooting_in_almaty_and_in_taldykorgan_are_battles(frame):
    battles = rows(frame, event_type="Battles")
    assert {"Almaty", "Taldykorgan"} <= set(battles["location"])


def test_protests_began_on_january_2_at_country_level(frame):
    protests = rows(frame, event_type="Protests", event_date="2022-01-02")
    assert len(protests) == 1
    row = protests.iloc[0]
    assert row["location"] == "Kazakhstan" and row["geo_precision"] == 3
    assert row["time_precision"] == 1


def test_riots_in_almaty_with_the_burning_and_looting_evidence(frame):
    riots = rows(frame, event_type="Riots", location="Almaty")
    assert len(riots) >= 1
    notes = " ".join(riots["notes"])
    assert "set fire" in notes and "looting" in notes


def test_attack_on_detention_centre_in_taldykorgan(frame):
    tal = rows(frame, location="Taldykorgan")
    assert tal["notes"].str.contains("pre-trial detention").any()


def test_military_unit_in_the_aktobe_region_is_region_level(frame):
    aktobe = rows(frame, geonameid=610688)
    assert len(aktobe) == 1
    assert aktobe.iloc[0]["geo_precision"] == 3
    assert aktobe.iloc[0]["place_mention"] == "the Aktobe region"


def test_appeal_to_the_csto_on_january_5(frame):
    appeal = rows(frame, event_type="Strategic developments", event_date="2022-01-05")
    assert len(appeal) == 1
    assert appeal.iloc[0]["country_code"] == "KZ" and appeal.iloc[0]["geo_precision"] == 3
    assert "Collective Security Treaty Organization" in appeal.iloc[0]["notes"]


def test_peacekeepers_arrive_in_kazakhstan_and_take_almaty_airport(frame):
    sd = rows(frame, event_type="Strategic developments")
    arrival = sd[sd["notes"].str.contains("peacekeepers arrived")]
    assert (arrival["location"] == "Kazakhstan").all() and len(arrival) == 1
    airport = sd[sd["notes"].str.contains("airport")]
    assert list(airport["location"]) == ["Almaty"]
    assert airport.iloc[0]["geo_precision"] == 2


def test_event_ids_are_stable_and_unique(seed_doc, frame):
    again = events_frame([seed_doc])
    assert list(again["event_id"]) == list(frame["event_id"])
    assert frame["event_id"].is_unique


def test_evidence_offsets_point_into_the_text(seed_doc, frame):
    for _, row in frame.iterrows():
        sentence = seed_doc.text[row["evidence_start"] : row["evidence_end"]]
        assert sentence.strip() in row["notes"]
        assert row["trigger"] in sentence


def test_document_date_is_the_dateline(seed_doc):
    assert seed_doc.date == dt.date(2022, 1, 8)
