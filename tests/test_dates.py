import datetime as dt

import pytest

from geomap.events.dates import normalise_date

WED = dt.date(2022, 1, 5)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January 5", (dt.date(2022, 1, 5), 1)),
        ("on January 2", (dt.date(2022, 1, 2), 1)),
        ("5 January 2021", (dt.date(2021, 1, 5), 1)),
        ("Jan. 3", (dt.date(2022, 1, 3), 1)),
        ("on Tuesday", (dt.date(2022, 1, 4), 1)),
        ("on Monday evening", (dt.date(2022, 1, 3), 1)),
        ("Wednesday", (WED, 1)),
        ("yesterday", (dt.date(2022, 1, 4), 1)),
        ("overnight", (dt.date(2022, 1, 4), 1)),
        ("earlier that day", (WED, 1)),
        ("three days ago", (dt.date(2022, 1, 2), 1)),
        ("last week", (dt.date(2021, 12, 29), 2)),
        ("in December", (dt.date(2021, 12, 15), 3)),
        ("December 30", (dt.date(2021, 12, 30), 1)),
    ],
)
def test_dates_are_normalised_against_the_document_date(text, expected):
    assert normalise_date(text, WED) == expected


def test_relative_dates_need_a_document_date():
    assert normalise_date("on Tuesday", None) is None
    assert normalise_date("January 5, 2022", None) == (dt.date(2022, 1, 5), 1)


def test_unknown_expressions_give_none():
    assert normalise_date("for decades", WED) is None
    assert normalise_date("February 30", WED) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Monday evening", (dt.date(2022, 1, 3), 1)),
        ("Tuesday night", (dt.date(2022, 1, 4), 1)),
        ("last Wednesday", (dt.date(2021, 12, 29), 1)),
        ("2 days ago", (dt.date(2022, 1, 3), 1)),
    ],
)
def test_weekdays_are_the_latest_such_day_up_to_the_document_date(text, expected):
    assert normalise_date(text, WED) == expected
