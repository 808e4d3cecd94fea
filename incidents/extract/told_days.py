"""The days a mention's own words name, read even when no publication date anchors them.

An article with no publication date leaves "on Thursday" and "On August 5" unresolved (no year, no week), yet
they still tell two mentions apart: ``told_weekdays(row)`` and ``told_month_days(row)`` read them from the row's
quote (``weekdays_in(text)`` from any text); ``month_days_disagree(a, b)`` says when two undated mentions name
different days.
"""

from __future__ import annotations

import re

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:km|kilomet|mile|%|per))|\b{_DAY}\s+(?:of\s+)?{_MONTH}(?=\W|$)", re.I)


def weekdays_in(text: str) -> set[int]:
    """The weekdays (0 Monday .. 6 Sunday) ``text`` names ("on Thursday evening" -> {3})."""
    return {_WEEKDAYS.index(m.group(1).lower()) for m in _WEEKDAY.finditer(text)}


def told_weekdays(row: dict) -> set[int]:
    """The weekdays (0 Monday .. 6 Sunday) the row's quote names ("on Thursday evening"); when it names none, the
    one weekday its undated article's lead names (``_lead_weekdays``: "... in two attacks on Wednesday" for the
    attacks told one by one after it)."""
    return weekdays_in(str(row.get("quote", ""))) or set(row.get("_lead_weekdays") or ())


_ANOTHER_DAY_BEFORE = re.compile(r"\b(?:after|since|following|before|until|prior to)\s+(?:the\s+)?$", re.I)


def told_month_days(row: dict) -> set[tuple[int, int]]:
    """The (month, day) pairs the row's quote names ("On August 5", "9 August", "Sept. 10th"); impossible days
    (a 32nd) and another event's day ("two days after the May 11 ambush") are left out."""
    out = set()
    quote = str(row.get("quote", ""))
    for m in _MONTH_DAY.finditer(quote):
        if _ANOTHER_DAY_BEFORE.search(quote, 0, m.start()):
            continue   # "two days after the May 11 ambush": another event's day
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if 1 <= int(day) <= 31:
            out.add((_MONTHS.index(month[:3].lower()) + 1, int(day)))
    return out


def month_days_disagree(a: dict, b: dict) -> bool:
    """Both rows name days of the month and share none ("Sunday (August 9)" / "On August 5"): two events."""
    da, db = told_month_days(a), told_month_days(b)
    return bool(da and db and not da & db)
