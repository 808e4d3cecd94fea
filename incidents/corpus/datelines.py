"""Datelines: the publication timestamp a header line states, with its precision, or None.

In: one short line of an article's header. Out: a :class:`Dateline` (ISO value, precision) or None;
:func:`is_relative_stamp` says whether the line is a stamp that only the time of saving could date.

The forms, each seen on real news pages (tests/unit/test_datelines.py quotes them):

- ISO, with or without a time: "2024-12-19 13:05:28", "Date: 2022-11-15T13:56:34+0000",
  "2023-06-11 | 07:16";
- a month name, with or without a weekday before it and a time after it: "Sat, 09 Nov 2019 16:20 GMT",
  "Tuesday, 9th July 2019", "Oct 28, 2021, 10:20 AM", "Sunday, 22 March, 2020 - 09:00",
  "August 25, 2019 at 5:45 pm", "20 December, 2022", "November 2019" (alone: month precision);
- numbers with dots, dashes or slashes, read only when the order is certain: year first ("2025/08/18
  14:35"), or a day above 12 ("13-08-2017 - 11:13 AM", "27-07-2025", "03/19/2019 10:54am"); "8/4/2020"
  (8 April or 4 August?) is not read, whatever the outlet's country: dates are never guessed;
- agency credits followed by a timestamp ("BAS News - 2017-09-06 11:38", "Source: Xinhua| 2019-02-08
  23:58:10|Editor: ..."): the date is read here, the outlet by the header rules;
- a line of more than 14 words is prose, not a dateline, unless it is a row of fields separated by
  " | " ("... Follow on Twitter | Posted by ... | Published: 12th June 2023 12:15 pm IST"): each field
  is then read as a line of its own;
- relative stamps ("2 hours ago", "Updated yesterday") and a time alone ("11:52pm") give no date.

A time keeps what the page prints (12-hour clocks turned to 24-hour); a time zone ("GMT", "IST",
"+0000") is not applied: the stamp stays in the page's own time. dateparser is not used here: it
resolves "2 hours ago" and "yesterday" against the clock, and reads "8/4/2020" in whatever order it
is set to, both of which are guesses this reader must not make.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<mn>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
# the date forms: named groups y, m / mn (month number / name), d; a / b (numbers in an order to decide)
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),                                   # ISO
    re.compile(r"\b(?P<y>\d{4})(?P<s>[/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)"),                    # 2025/08/18
    re.compile(r"\b(?P<d>\d{1,2})" + _ORDINAL + r"\s+" + _MONTH + r",?\s+(?P<y>\d{4})\b"),                # 9 Nov 2019
    re.compile(r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})" + _ORDINAL + r",?\s+(?P<y>\d{4})\b"),                # Nov 9, 2019
    re.compile(r"^\W*" + _MONTH + r",?\s+(?P<y>\d{4})\W*$"),                                               # November 2019
    re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})(?P<s>[-/.])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4})\b"),              # 16-03-2025
)
# a time right after the date: "T13:56:34", " 16:20", ", 10:20 AM", " - 09:00", " | 07:16", " at 5:45 pm"
_TIME = re.compile(r"(?:T|\s*[-–|,]\s*|\s+(?:at\s+)?)(?P<hh>\d{1,2}):(?P<mi>\d{2})(?::(?P<ss>\d{2}))?"
                   r"(?:\s*(?P<ampm>[AaPp])\.?\s?[Mm]\.?(?![A-Za-z]))?")
_PRECISION_RANK = {"second": 4, "minute": 3, "day": 2, "month": 1}
_MAX_WORDS = 14
_RELATIVE = re.compile(
    r"\b(?:\d+|an?|one|a\s+few|few)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago\b"
    r"|^\W*(?:(?:updated|published|posted|last\s+updated)\W*)?(?:yesterday|today|just\s+now)\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Dateline:
    """A publication timestamp read from a header line: ISO value and its precision."""

    iso: str
    precision: str  # "second" | "minute" | "day" | "month"


def parse_dateline(text: str) -> Dateline | None:
    """A short header line -> the most precise valid date it states, or None (forms in the module doc).

    "Sat, 09 Nov 2019 16:20 GMT" -> 2019-11-09T16:20 (minute);
    "date 2024-12-19 2024-12-19 13:05:28 - From: Shafaq News" -> 2024-12-19T13:05:28 (second);
    "2025/08/18 14:35" -> minute; "16-03-2025" -> day; "10/11/2025" -> None (never guessed).
    """
    if len(text.split()) > _MAX_WORDS:
        fields = [f for f in text.split("|") if f.strip()] if " | " in text else []
        if len(fields) < 2 or any(len(f.split()) > _MAX_WORDS for f in fields):
            return None
        return _best(_read(f) for f in fields)
    return _read(text)


def is_relative_stamp(text: str) -> bool:
    """Is ``text`` a short header stamp only the time of saving could date ("2 hours ago", "Yesterday")?"""
    return len(text.split()) <= 8 and bool(_RELATIVE.search(text)) and parse_dateline(text) is None


def _best(found) -> Dateline | None:
    best: Dateline | None = None
    for candidate in found:
        if candidate and (best is None or _PRECISION_RANK[candidate.precision] > _PRECISION_RANK[best.precision]):
            best = candidate
    return best


def _read(text: str) -> Dateline | None:
    return _best(_to_dateline(m, _TIME.match(text, m.end()) if kind != 4 else None)
                 for kind, pattern in enumerate(_DATE_PATTERNS) for m in pattern.finditer(text))


def _day_month_year(m: re.Match) -> tuple[int, int, int] | None:
    """(year, month, day) of a date match, or None when its day and month cannot be told apart."""
    g = m.groupdict()
    year = int(g["y"])
    if g.get("a"):
        first, second = int(g["a"]), int(g["b"])
        if first != second and (first > 12) == (second > 12):
            return None  # 10/11/2025: day-first or month-first? never guessed
        day, month = (first, second) if first >= second else (second, first)
        return year, month, day
    month = _MONTHS[g["mn"][:3].lower()] if g.get("mn") else int(g["m"])
    return year, month, int(g["d"]) if g.get("d") else 0


def _to_dateline(m: re.Match, time: re.Match | None) -> Dateline | None:
    """A date match (and the time after it) -> Dateline, or None when it is not a valid date."""
    try:
        found = _day_month_year(m)
        if found is None or not 1900 <= found[0] <= 2100:
            return None
        year, month, day = found
        if not day:
            datetime(year, month, 1)
            return Dateline(f"{year:04d}-{month:02d}", "month")
        if time is None:
            datetime(year, month, day)
            return Dateline(f"{year:04d}-{month:02d}-{day:02d}", "day")
        hour, minute, ampm = int(time["hh"]), int(time["mi"]), time["ampm"]
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
        second = int(time["ss"]) if time["ss"] else 0
        datetime(year, month, day, hour, minute, second)
        stamp = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"
        return Dateline(stamp + f":{second:02d}", "second") if time["ss"] else Dateline(stamp, "minute")
    except (ValueError, KeyError):
        return None
