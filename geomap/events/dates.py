"""Normalise date expressions ("January 5", "on Tuesday", "overnight") against a document's date.

:func:`normalise_date` returns the calendar date and ACLED's ``time_precision``
(1 the day is known, 2 only the week, 3 only the month), or ``None`` when the
expression cannot be placed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I
)
_MONTH_ONLY = re.compile(
    rf"\b(?:in|since|during|early|late|mid)\s*-?\s*({_MONTH_RE})\b(?:\s+(\d{{4}}))?", re.I
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_AGO = re.compile(r"\b(\d+|one|two|three|four|five|six|seven)\s+days?\s+ago\b", re.I)
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _year_for(month: int, day: int, ref: dt.date) -> int:
    """Return the year of a month-day that has none.

    It is the reference year, or the year before when that would put the date
    more than a week after the reference.
    """
    try:
        guess = dt.date(ref.year, month, day)
    except ValueError:
        return ref.year
    return ref.year - 1 if guess > ref + dt.timedelta(days=7) else ref.year


def normalise_date(expression: str, ref: dt.date | None) -> tuple[dt.date, int] | None:
    """Turn a date expression into ``(date, time_precision)`` relative to ``ref``.

    Parameters
    ----------
    expression
        Text such as "January 5", "5 Jan 2022", "on Tuesday", "yesterday",
        "earlier that day", "overnight", "last week", "in March".
    ref
        The document's date; relative expressions need it (``None`` -> absolute only).

    """
    try:
        return _normalise(expression, ref)
    except (OverflowError, ValueError):
        return None  # the result would fall outside the calendar datetime.date knows


def _normalise(expression: str, ref: dt.date | None) -> tuple[dt.date, int] | None:
    """Normalise a date expression; see :func:`normalise_date`."""
    text = expression.strip()
    low = text.lower()
    if m := _ISO.search(text):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])), 1
        except ValueError:
            return None
    for regex, order in ((_MONTH_DAY, "md"), (_DAY_MONTH, "dm")):
        if m := regex.search(text):
            month_s, day_s = (m[1], m[2]) if order == "md" else (m[2], m[1])
            month, day = _MONTHS[month_s.lower().rstrip(".")], int(day_s)
            year = int(m[3]) if m[3] else (_year_for(month, day, ref) if ref else None)
            if year is None:
                return None
            try:
                return dt.date(year, month, day), 1
            except ValueError:
                return None
    if ref is None:
        return None
    if "yesterday" in low or "last night" in low or "overnight" in low:
        return ref - dt.timedelta(days=1), 1
    if any(
        w in low
        for w in ("today", "this morning", "tonight", "this evening", "that day", "this afternoon")
    ):
        return ref, 1
    if m := _AGO.search(low):
        n = int(m[1]) if m[1].isdigit() else _SMALL[m[1]]
        return ref - dt.timedelta(days=n), 1
    if m := _WEEKDAY.search(low):
        target = _WEEKDAYS[m[1].lower()]
        back = (ref.weekday() - target) % 7
        if "last" in low and back == 0:
            back = 7
        return ref - dt.timedelta(days=back), 1
    if "last week" in low or "past week" in low:
        return ref - dt.timedelta(days=7), 2
    if "this week" in low or "recent days" in low or "past few days" in low:
        return ref, 2
    if "last month" in low:
        first = ref.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=15), 3
    if m := _MONTH_ONLY.search(text):
        month = _MONTHS[m[1].lower()]
        year = int(m[2]) if m[2] else (ref.year if month <= ref.month else ref.year - 1)
        return dt.date(year, month, 15), 3
    return None
