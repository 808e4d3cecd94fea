"""Datelines: the publication timestamp a header line states, with its precision, or None.

In: one short line of an article's header. Out: a :class:`Dateline` (ISO value, precision) or None.
Never guessed: a numeric date whose day and month could be swapped is not read.
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
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_TIME = r"(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?)?"
_NUM_TIME = r"(?:(?:\s*-\s*|,?\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
_DATE_PATTERNS = (
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?()"),  # ISO
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})\b" + _TIME),  # 9 Nov 2019
    re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b" + _TIME),  # Nov 9, 2019
    re.compile(r"^\W*" + _MONTH + r",?\s+(\d{4})\W*$"),  # November 2019 (alone)
    # 2025/08/18 14:35 (year first: unambiguous)
    re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})" + _NUM_TIME),
    # 16-03-2025, 10/11/2025 - 16:32: read only when day and month cannot be confused
    re.compile(r"\b(\d{1,2})([-/.])(\d{1,2})\2(\d{4})\b" + _NUM_TIME),
)
_PRECISION_RANK = {"second": 4, "minute": 3, "day": 2, "month": 1}


@dataclass(frozen=True)
class Dateline:
    """A publication timestamp read from a header line: ISO value and its precision."""

    iso: str
    precision: str  # "second" | "minute" | "day" | "month"


def parse_dateline(text: str) -> Dateline | None:
    """A short header line -> the most precise valid date it states, or None.

    "Sat, 09 Nov 2019 16:20 GMT" -> 2019-11-09T16:20 (minute);
    "date 2024-12-19 2024-12-19 13:05:28 - From: Shafaq News" -> 2024-12-19T13:05:28 (second);
    "2025/08/18 14:35" -> minute; "16-03-2025" -> day. A numeric date whose day and month could be
    swapped ("10/11/2025") is not read: the outlet's convention is unknown and dates are never guessed.
    Lines of more than 14 words are prose, not datelines.
    """
    if len(text.split()) > 14:
        return None
    best: Dateline | None = None
    for kind, pattern in enumerate(_DATE_PATTERNS):
        for m in pattern.finditer(text):
            found = _to_dateline(kind, m.groups())
            if found and (best is None or _PRECISION_RANK[found.precision] > _PRECISION_RANK[best.precision]):
                best = found
    return best


def _to_dateline(kind: int, g: tuple) -> Dateline | None:
    try:
        if kind == 0:
            year, month, day = int(g[0]), int(g[1]), int(g[2])
            hh, mm, ss, ampm = g[3], g[4], g[5], None
        elif kind == 1:
            day, month, year = int(g[0]), _MONTHS[g[1][:3].lower()], int(g[2])
            hh, mm, ss, ampm = g[3], g[4], g[5], g[6]
        elif kind == 2:
            month, day, year = _MONTHS[g[0][:3].lower()], int(g[1]), int(g[2])
            hh, mm, ss, ampm = g[3], g[4], g[5], g[6]
        elif kind == 3:
            month, year = _MONTHS[g[0][:3].lower()], int(g[1])
            datetime(year, month, 1)
            return Dateline(f"{year:04d}-{month:02d}", "month")
        elif kind == 4:
            year, month, day = int(g[0]), int(g[1]), int(g[2])
            hh, mm, ss, ampm = g[3], g[4], g[5], None
        else:
            first, second, year = int(g[0]), int(g[2]), int(g[3])
            if first == second or (first > 12) != (second > 12):
                day, month = (first, second) if first >= second else (second, first)
            else:
                return None  # 10/11/2025: day-first or month-first? never guessed
            hh, mm, ss, ampm = g[4], g[5], g[6], None
        if not 1900 <= year <= 2100:
            return None
        if hh is None:
            datetime(year, month, day)
            return Dateline(f"{year:04d}-{month:02d}-{day:02d}", "day")
        hour, minute = int(hh), int(mm)
        if ampm:
            hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
        second = int(ss) if ss else 0
        datetime(year, month, day, hour, minute, second)
        stamp = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"
        return Dateline(stamp + f":{second:02d}", "second") if ss else Dateline(stamp, "minute")
    except (ValueError, KeyError):
        return None
