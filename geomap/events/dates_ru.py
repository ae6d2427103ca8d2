"""Russian date expressions, read against the document's date.

"8 января", "2 января 2022 года", "в пятницу", "накануне", "вчера", "в
выходные", "ночью", "на прошлой неделе", "в январе". The result is the same
``(date, time_precision)`` as :func:`geomap.events.dates.normalise_date` gives
for English: 1 a day, 2 a week or the days around, 3 a month.
"""

from __future__ import annotations

import datetime as dt
import re

#: month stems (genitive and nominative forms begin so)
_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_MONTH_WORD = (
    r"(январ[яеь]|феврал[яеь]|марта?|марте|апрел[яеь]|ма[яйе]|июн[яеь]|июл[яеь]"
    r"|августа?|августе|сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь])"
)
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:-?го)?\s+" + _MONTH_WORD + r"(?:\s+(\d{4}))?", re.I)
_IN_MONTH = re.compile(r"\bв\s+(?:начале\s+|конце\s+|середине\s+)?" + _MONTH_WORD + r"\b", re.I)
_WEEKDAYS = {
    "понедельник": 0,
    "вторник": 1,
    "сред": 2,
    "четверг": 3,
    "пятниц": 4,
    "суббот": 5,
    "воскресень": 6,
}
_WEEKDAY = re.compile(
    r"\bв\s*о?\s+(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b", re.I
)
_AGO = re.compile(r"\b(\d+|два|две|три|четыре|пять)\s+(?:дня|дней)\s+назад\b", re.I)
_SMALL = {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5}

#: relative words -> (days before the document's date, precision), first match wins
_RELATIVE = (
    (re.compile(r"\bпозавчера\b", re.I), 2, 1),
    (re.compile(r"\b(?:вчера|накануне)\b", re.I), 1, 1),
    (re.compile(r"\b(?:минувшей|прошлой|этой|сегодняшней|в)?\s*ночь(?:ю)?\b", re.I), 1, 1),
    (re.compile(r"\bна (?:прошлой|минувшей) неделе\b", re.I), 7, 2),
    (re.compile(r"\b(?:сегодня|утром|днём|днем|вечером|в тот же день|в этот день)\b", re.I), 0, 1),
)
_WEEKEND = re.compile(r"\bв (?:минувшие |прошедшие |эти )?выходные\b", re.I)


def _month(word: str) -> int:
    low = word.lower()
    for stem, number in sorted(_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if low.startswith(stem):
            return number
    raise ValueError(word)


def _year_for(month: int, day: int, ref: dt.date) -> int:
    try:
        guess = dt.date(ref.year, month, day)
    except ValueError:
        return ref.year
    return ref.year - 1 if guess > ref + dt.timedelta(days=7) else ref.year


def find_date_ru(text: str, ref: dt.date | None) -> tuple[dt.date, int] | None:
    """The first date expression in Russian ``text`` as ``(date, precision)``, or ``None``.

    Parameters
    ----------
    text
        A sentence or clause ("Протесты начались 2 января").
    ref
        The document's date; relative expressions need it.

    """
    try:
        return _find(text, ref)
    except (OverflowError, ValueError):
        return None


def _find(text: str, ref: dt.date | None) -> tuple[dt.date, int] | None:
    if m := _DAY_MONTH.search(text):
        month, day = _month(m[2]), int(m[1])
        year = int(m[3]) if m[3] else (_year_for(month, day, ref) if ref else None)
        return (dt.date(year, month, day), 1) if year else None
    if ref is None:
        return None
    if m := _WEEKDAY.search(text):
        target = next(v for k, v in _WEEKDAYS.items() if m[1].lower().startswith(k))
        back = (ref.weekday() - target) % 7
        return ref - dt.timedelta(days=back), 1
    if _WEEKEND.search(text):
        back = (ref.weekday() - 5) % 7
        return ref - dt.timedelta(days=back), 2
    if m := _AGO.search(text):
        n = int(m[1]) if m[1].isdigit() else _SMALL[m[1].lower()]
        return ref - dt.timedelta(days=n), 1
    for regex, days, precision in _RELATIVE:
        if regex.search(text):
            return ref - dt.timedelta(days=days), precision
    if m := _IN_MONTH.search(text):
        month = _month(m[1])
        return dt.date(_year_for(month, 1, ref), month, 1), 3
    return None
