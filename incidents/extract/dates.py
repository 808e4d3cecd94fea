"""Dates in article text, resolved against the article's publication date.

``find_dates(text, published) -> list[DateMention]``: every date expression in ``text`` (a sentence or
a paragraph of the analysis text) with its span, resolved to a window ``date_start..date_end`` and an
ACLED ``time_precision`` (1 day, 2 week, 3 month). ``shift_after(mention, reference)`` resolves "two
days after <event>" once the pipeline knows which event is meant. ``best_date(mentions)`` picks the
mention that dates a sentence.

Decisions (tested in tests/unit/test_dates.py):

- Windows never end after publication: a window that reaches past it is clipped to end on the
  publication date; a date or window that starts after publication ("September 2026" in a 2024
  article, "next month", "in the coming months") has ``future=True`` and no dates at all: the
  pipeline uses the flag to reject plans and never gets an event date from it.
- ``event_date``: the day itself for precision 1; for week and month windows the window's FIRST day
  (``date_start``), so that event_date is never after publication and the same text always gives the
  same day (the ACLED codebook puts a week/month-precision event on a date inside the period; its exact
  rule could not be checked offline, so we chose the first day and say so).
- Years ("in 2024", "last year", "two years ago"): window = the year (clipped), ``event_date`` None,
  ``time_precision`` None: ACLED has no year precision and a year is too coarse to put on a timeline.
- Vague words ("recently", "in recent weeks", "the past few days", "during the week") give a mention
  with no dates (``rule="vague"``): the sentence stays undated; nothing is invented.
- No anchor (``published`` None): relative expressions ("yesterday", "on Friday", "last October",
  "November 23") give a mention with no dates and ``note`` saying why; absolute dates that carry a
  year ("8 November 2019", "2019-11-08", "November 2024") still resolve.
- Weekdays: "Friday"/"on Friday"/"this Friday" = the most recent Friday on or before publication (on
  the publication weekday: publication day); "last Friday" = the most recent Friday strictly before.
  "last October" = the most recent October strictly before the publication month; "in October" =
  the most recent October on or before it. "last week" = the previous Monday..Sunday week; "this
  week" = Monday..publication, "earlier this week" = Monday..the day before publication (likewise
  "earlier this month/year"). "last weekend" = the last Saturday..Sunday that
  ended before publication. "two days ago" = publication - 2 (precision 1); "two weeks ago" = the
  Monday..Sunday week containing publication - 14 (precision 2); "four months ago" = that month (3).
  "a few hours ago", "today", "tonight", "this morning" = publication day; "last night" = the day before.
  "over the weekend" = the last Saturday..Sunday on or before publication; "in the past 24 hours" =
  the day before publication..publication (precision 2: it spans two calendar days).
- Years ("mid-2024", "in early 2019", "the summer of 2024") give the year window; parts of a month
  ("mid-March", "late February", "the first week of March") give the month window, precision 3.
- Not handled on purpose: numeric day/month dates ("12/03/2025" is 12 March or 3 December depending
  on the outlet) and seasons; they stay undated rather than guessed.
- A weekday written next to a date ("Wednesday 19 June") is checked against the date when a year is
  known or inferred; a mismatch keeps the date (more specific) and says so in ``note``.
- Relative to another event ("two days after", "the day before", "the next day", "the same day",
  "in the same week", "the following week"): ``relative_to_event`` = offset in days (negative = before), no dates; the
  pipeline links it to the other event and calls ``shift_after``. "several days after" is vague.
- dateparser is not used at run time (a test checks that we agree with it where it is right):
  every expression is found by compiled regexes that already capture day, month and year, and
  dateparser 1.5 misses or gets wrong much of what news text uses: nothing for "last October", "the
  day before", "earlier this week"; "two days after" counted from publication; "last week" as one
  day; "on Thursday" in a Thursday article as the week before; no weekday check in "Friday
  November 8th". ``search_dates`` also took about 65 ms per seed article against about 1 ms here.
- Speed: the costly regexes run only in windows around keywords (``counts.keyword_windows``).
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import NamedTuple

from incidents.extract.counts import NUMBER, gate_table, keyword_windows, number_value

# English names written out: calendar.month_name follows the process locale.
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(MONTH_NAMES, start=1):
    MONTHS[_name.lower()] = _i
    MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(DAY_NAMES):
    WEEKDAYS[_name.lower()] = _i
    WEEKDAYS[_name[:3].lower()] = _i
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_MONTH_FULL = "|".join(MONTH_NAMES)
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# Month names must be capitalized ("may" is a verb); weekdays may be any case.
MONTH = rf"(?-i:{_MONTH_FULL}|{_MONTH_FULL.upper()}|(?:{_MONTH_ABBR})\.?)"
MONTH_FULL = rf"(?-i:{_MONTH_FULL})"
_WD_FULL = "|".join(DAY_NAMES)
WEEKDAY = rf"(?:{_WD_FULL})"
WEEKDAY_ANY = rf"(?:{_WD_FULL}|(?-i:Mon|Tues|Tue|Weds|Wed|Thurs|Thur|Thu|Fri|Sat|Sun))"
YEAR = r"(?:19|20)\d\d"
_ORD = r"(?:st|nd|rd|th)?"
_N = rf"(?:{NUMBER}|an?|one)"

PRECISION_DAY, PRECISION_WEEK, PRECISION_MONTH = 1, 2, 3


@dataclass(frozen=True)
class DateMention:
    """One date expression in a text and what it resolves to.

    start, end: span in the text given (end exclusive); surface == text[start:end].
    date_start, date_end: the window the event certainly falls in (None when unresolved).
    event_date: the single date to put in ``event_date`` (the day, or the first day of a week/month
    window); None for years, unresolved, vague, future and relative-to-event mentions.
    time_precision: 1 day, 2 week, 3 month (ACLED); None for years and unresolved mentions.
    relative_to_event: offset in days from another event ("two days after" = 2, "the day before" = -1),
    to be resolved with ``shift_after``; None otherwise. relative_unit: "day", or "week" for "in the
    same week". future: the expression points after publication (a plan, not an event).
    quoted: the expression stands inside quotation marks in the text given ("... killed today two
    members", said the captain): a relative expression there counts from the day the words were
    said, which may be before publication; it is still resolved against publication, and the flag
    lets the pipeline prefer a date the article gives for the statement.
    rule: which rule matched (iso, day_month, month_year, month, weekday, relative_day, ago, week,
    month_rel, year_rel, year, relative_event, vague, future). note: why it is unresolved, or a warning.
    """

    start: int
    end: int
    surface: str
    date_start: date | None = None
    date_end: date | None = None
    event_date: date | None = None
    time_precision: int | None = None
    relative_to_event: int | None = None
    future: bool = False
    rule: str = ""
    note: str = ""
    relative_unit: str = "day"
    quoted: bool = False

    @property
    def dated(self) -> bool:
        """True when the mention resolved to a window."""
        return self.date_start is not None


# ---------------------------------------------------------------- date arithmetic


def week_of(d: date) -> tuple[date, date]:
    """The Monday..Sunday week containing ``d``."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def month_of(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) shifted by ``delta`` months."""
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _safe_date(y: int, m: int, d: int) -> date | None:
    """A date, or None when the day does not exist (31 June)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


# ---------------------------------------------------------------- building mentions


def _window(start: int, end: int, text: str, lo: date, hi: date, precision: int | None, rule: str,
            published: date | None, note: str = "") -> DateMention:
    """A resolved mention, clipped to publication; future when it starts after publication."""
    surface = text[start:end]
    if published is not None and lo > published:
        return DateMention(start, end, surface, future=True, rule=rule,
                           note=f"after publication ({published.isoformat()})")
    if published is not None and hi > published:
        hi = published
    event = lo if precision is not None else None
    return DateMention(start, end, surface, lo, hi, event, precision, rule=rule, note=note)


def _unresolved(start: int, end: int, text: str, rule: str, note: str = "no publication date to resolve against",
                future: bool = False) -> DateMention:
    """A mention without dates."""
    return DateMention(start, end, text[start:end], rule=rule, note=note, future=future)


def _wd_name(wd: int) -> str:
    return DAY_NAMES[wd]


# a day given its year a few words on: "their June 10 blitzkrieg in 2014", "on August 3 of 2014"
_YEAR_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:in|of)\s+((?:19|20)\d\d)\b(?!\s*(?:km|people|members|militants))")


def _day_mention(m: re.Match[str], text: str, published: date | None, rule: str) -> DateMention:
    """'8 November 2019', 'Friday November 8th', 'November 23', 'Wednesday 19 June'; a year a few words on
    ("June 10 blitzkrieg in 2014") is the day's year."""
    start, end = m.span()
    month = _month_number(m.group("month"))
    day = int(m.group("d"))
    wd_text = m.group("wd")
    year_after = _YEAR_AFTER.match(text, end)
    if m.group("y") or year_after:
        d = _safe_date(int(m.group("y") or year_after.group(1)), month, day)
        inferred = False
    else:
        if published is None:
            return _unresolved(start, end, text, rule, "no year and no publication date")
        d = _safe_date(published.year, month, day)
        if d is not None and d > published:
            d = _safe_date(published.year - 1, month, day)
        inferred = True
    if d is None:
        return _unresolved(start, end, text, rule, "no such day")
    note = ""
    if wd_text:
        wd = WEEKDAYS.get(wd_text.lower(), WEEKDAYS[wd_text.lower()[:3]])
        if d.weekday() != wd:
            note = f"{wd_text} does not match {d.isoformat()} ({_wd_name(d.weekday())})" + (
                " (year inferred)" if inferred else "")
    return _window(start, end, text, d, d, PRECISION_DAY, rule, published, note)


def _h_iso(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    d = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if d is None:
        return None
    return _window(m.start(), m.end(), text, d, d, PRECISION_DAY, "iso", published)


def _h_day_month(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    return _day_mention(m, text, published, "day_month")


def _h_month_year(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    month = _month_number(m.group("month"))
    lo, hi = month_of(int(m.group("y")), month)
    return _window(m.start(), m.end(), text, lo, hi, PRECISION_MONTH, "month_year", published)


def _month_number(name: str) -> int:
    n = name.rstrip(".").lower()
    return MONTHS[n] if n in MONTHS else MONTHS[n[:3]]


def _h_month(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    """'last October', 'in October', 'early October', 'next October'; 'in January last year', 'in March of this
    year': that month of the year named."""
    rel = (m.group("rel") or "").lower().strip()
    year_rel = (m.group("yrel") or "").lower()
    start = m.start("rel") if rel in ("last", "this", "next", "previous") else m.start("month")
    end = m.end()
    month = _month_number(m.group("month"))
    if rel == "next":
        return _unresolved(start, end, text, "future", "a plan, after publication", future=True)
    if published is None:
        return _unresolved(start, end, text, "month")
    if year_rel:
        year = published.year if year_rel.endswith(("this", "current")) else published.year - 1
        if year == published.year and month > published.month:
            return _unresolved(start, end, text, "future", "a month after publication", future=True)
    elif rel in ("last", "previous"):
        year = published.year if month < published.month else published.year - 1
    else:
        year = published.year if month <= published.month else published.year - 1
    lo, hi = month_of(year, month)
    return _window(start, end, text, lo, hi, PRECISION_MONTH, "month", published)


def _h_weekday(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    """'on Friday', 'Friday', 'last Friday', 'this Friday', 'next Friday'."""
    rel = (m.group("rel") or "").lower()
    start = m.start("rel") if rel in ("last", "this", "next", "past", "previous") else m.start("wd")
    end = m.end("wd")
    wd = WEEKDAYS[m.group("wd").lower()]
    if rel == "next":
        return _unresolved(start, end, text, "future", "a plan, after publication", future=True)
    if published is None:
        return _unresolved(start, end, text, "weekday")
    back = (published.weekday() - wd) % 7
    if rel in ("last", "past", "previous") and back == 0:
        back = 7
    d = published - timedelta(days=back)
    return _window(start, end, text, d, d, PRECISION_DAY, "weekday", published)


_RELATIVE_DAY_OFFSETS = {
    "the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0, "this morning": 0,
    "this evening": 0, "this afternoon": 0, "last night": -1, "earlier today": 0,
    "earlier in the day": 0, "hours ago": 0, "an hour ago": 0, "overnight": -1,
}


def _h_relative_day(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    """'yesterday', 'today', 'last night', 'a few hours ago', 'the day before yesterday', 'tomorrow'."""
    key = re.sub(r"\s+", " ", m.group(0).lower())
    if key == "tomorrow":
        return _unresolved(m.start(), m.end(), text, "future", "a plan, after publication", future=True)
    if key.endswith("hours ago"):
        key = "hours ago"
    if published is None:
        return _unresolved(m.start(), m.end(), text, "relative_day")
    d = published + timedelta(days=_RELATIVE_DAY_OFFSETS[key])
    return _window(m.start(), m.end(), text, d, d, PRECISION_DAY, "relative_day", published)


def _h_ago(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    """'two days ago', 'a week ago', 'four months ago', 'two years ago'."""
    n = 1 if m.group("n").lower() in ("a", "an", "one") else number_value(m.group("n"))
    if n is None:
        return None
    unit = m.group("unit").lower().rstrip("s")
    if published is None:
        return _unresolved(m.start(), m.end(), text, "ago")
    if unit == "day":
        d = published - timedelta(days=n)
        return _window(m.start(), m.end(), text, d, d, PRECISION_DAY, "ago", published)
    if unit == "week":
        lo, hi = week_of(published - timedelta(days=7 * n))
        return _window(m.start(), m.end(), text, lo, hi, PRECISION_WEEK, "ago", published)
    if unit == "month":
        y, mo = _add_months(published.year, published.month, -n)
        lo, hi = month_of(y, mo)
        return _window(m.start(), m.end(), text, lo, hi, PRECISION_MONTH, "ago", published)
    y = published.year - n
    return _window(m.start(), m.end(), text, date(y, 1, 1), date(y, 12, 31), None, "ago", published)


def _h_period(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    """'last week', 'this week', 'earlier this week', 'the past week', 'last weekend', 'last month',
    'earlier this month', 'last year', 'this year', 'next week' (future)."""
    rel = m.group("rel").lower()
    unit = m.group("unit").lower()
    start, end = m.span()
    if rel == "next":
        return _unresolved(start, end, text, "future", "a plan, after publication", future=True)
    if published is None:
        return _unresolved(start, end, text, "period")
    p = published
    # "earlier this week/month/year": before publication day (unless that leaves nothing).
    this_end = p - timedelta(days=1) if (m.group("pre") or "").lower() == "earlier" else p
    if unit == "week":
        if rel in ("last", "previous"):
            lo, hi = week_of(p - timedelta(days=7))
        elif rel in ("past",):
            lo, hi = p - timedelta(days=7), p
        else:
            lo, hi = week_of(p)[0], max(week_of(p)[0], this_end)
        return _window(start, end, text, lo, hi, PRECISION_WEEK, "week", published)
    if unit == "weekend":
        sat = p - timedelta(days=(p.weekday() - 5) % 7)
        if rel in ("last", "past", "previous") and sat + timedelta(days=1) >= p:
            sat -= timedelta(days=7)
        return _window(start, end, text, sat, sat + timedelta(days=1), PRECISION_WEEK, "week", published)
    if unit == "month":
        if rel in ("last", "previous"):
            lo, hi = month_of(*_add_months(p.year, p.month, -1))
        elif rel == "past":
            lo, hi = p - timedelta(days=30), p
        else:
            lo = date(p.year, p.month, 1)
            hi = max(lo, this_end)
        return _window(start, end, text, lo, hi, PRECISION_MONTH, "month_rel", published)
    # year
    if rel in ("last", "previous"):
        lo, hi = date(p.year - 1, 1, 1), date(p.year - 1, 12, 31)
    elif rel == "past":
        lo, hi = p - timedelta(days=365), p
    else:
        lo = date(p.year, 1, 1)
        hi = max(lo, this_end)
    return _window(start, end, text, lo, hi, None, "year_rel", published)


def _h_year(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    """'in 2024', 'during 2019', 'of 2019', 'in early 2019'."""
    y = int(m.group("y"))
    start = m.start("part") if m.group("part") else m.start("part2") if m.group("part2") else m.start("y")
    return _window(start, m.end("y"), text, date(y, 1, 1), date(y, 12, 31), None, "year", published)


def _h_weekend(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    """'over the weekend': the last Saturday..Sunday on or before publication."""
    if published is None:
        return _unresolved(m.start(), m.end(), text, "week")
    sat = published - timedelta(days=(published.weekday() - 5) % 7)
    return _window(m.start(), m.end(), text, sat, sat + timedelta(days=1), PRECISION_WEEK, "week", published)


def _h_hours(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    """'in the past 24 hours': publication day and the day(s) before, precision 2 (a few days)."""
    if published is None:
        return _unresolved(m.start(), m.end(), text, "relative_day")
    days = max(1, (number_value(m.group("h")) or 24) // 24)
    return _window(m.start(), m.end(), text, published - timedelta(days=days), published, PRECISION_WEEK,
                   "relative_day", published)


_EVENT_WORDS = {
    "the day before": -1, "the day after": 1, "the next day": 1, "the following day": 1,
    "the previous day": -1, "the preceding day": -1, "a day earlier": -1, "a day later": 1,
    "the same day": 0, "that same day": 0, "later that day": 0, "later the same day": 0,
    "the night before": -1, "the previous night": -1, "hours later": 0, "hours after": 0,
    "hours before": 0, "hours earlier": 0, "the same week": 0, "the following week": 7, "the next week": 7,
}


def _h_relative_event(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    """'two days after', 'three days later', 'the day before', 'the next day', 'in the same week'."""
    start, end = m.span()
    surface = text[start:end]
    key = re.sub(r"\s+", " ", surface.lower())
    key = re.sub(r"^(?:on|in|during)\s+", "", key.strip())
    if key in _EVENT_WORDS:
        unit = "week" if key.endswith("week") else "day"
        return DateMention(start, end, surface, relative_to_event=_EVENT_WORDS[key], rule="relative_event",
                           relative_unit=unit)
    n_text = m.group("n")
    if n_text is None:
        return None
    if n_text.lower() in ("several", "a few", "some", "few"):
        return DateMention(start, end, surface, rule="vague", note="vague offset from another event")
    n = 1 if n_text.lower() in ("a", "an", "one") else number_value(n_text)
    if n is None:
        return None
    unit = m.group("unit").lower().rstrip("s")
    days = 0 if unit == "hour" else n * (7 if unit == "week" else 1)
    sign = -1 if m.group("dir").lower().split()[0] in ("before", "earlier", "prior") else 1
    return DateMention(start, end, surface, relative_to_event=sign * days, rule="relative_event")


def _h_vague(m: re.Match[str], text: str, published: date | None) -> DateMention | None:
    """'recently', 'in recent weeks', 'in the coming months' (future)."""
    key = m.group(0).lower()
    future = bool(re.search(r"coming|next|upcoming|soon", key))
    return DateMention(m.start(), m.end(), m.group(0), rule="future" if future else "vague",
                       future=future, note="a plan, after publication" if future else "vague")


class Rule(NamedTuple):
    """A date rule: the costly regex, its handler, and the keyword group that says where to run it."""

    regex: re.Pattern[str]
    handler: Callable[[re.Match[str], str, date | None], DateMention | None]
    gate: int
    before: int
    after: int


_YEARS = " ".join(str(y) for y in range(1900, 2100))
_GATE_WORDS = {
    "iso": _YEARS,
    "month": " ".join(MONTHS),
    "weekday": " ".join(WEEKDAYS),
    "relative_day": "yesterday today tonight morning evening afternoon night overnight tomorrow ago hours",
    "ago": "ago",
    "period": "week weekend month year",
    "year": _YEARS,
    "relative_event": "after before later earlier prior same next following previous preceding",
    "vague": "recent recently lately past last coming next upcoming during following",
}
_GATE_TABLE = gate_table(list(_GATE_WORDS.values()))
(_GATE_ISO, _GATE_MONTH, _GATE_WEEKDAY, _GATE_RELATIVE_DAY, _GATE_AGO, _GATE_PERIOD, _GATE_YEAR,
 _GATE_RELATIVE_EVENT, _GATE_VAGUE) = range(len(_GATE_WORDS))

_RULES: list[Rule] = [
    Rule(re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), _h_iso, _GATE_ISO, 0, 6),
    Rule(re.compile(
        rf"(?:\b(?P<wd>{WEEKDAY_ANY})\.?,?\s+)?(?<![\d,.])\b(?:the\s+)?(?P<d>[0-3]?\d){_ORD}(?:\s+of)?\s+"
        rf"(?P<month>{MONTH})(?![a-z])(?:,?\s*(?P<y>{YEAR})(?!\d))?", re.IGNORECASE), _h_day_month, _GATE_MONTH, 45, 16),
    Rule(re.compile(
        rf"(?:\b(?P<wd>{WEEKDAY_ANY})\.?,?\s+(?:the\s+)?)?\b(?P<month>{MONTH})(?![a-z])\s*(?P<d>[0-3]?\d){_ORD}"
        rf"(?!\d)\b(?:,?\s*(?P<y>{YEAR})(?!\d))?", re.IGNORECASE), _h_day_month, _GATE_MONTH, 30, 16),
    Rule(re.compile(rf"\b(?P<month>{MONTH})(?![a-z])(?:,?\s*|\s+of\s+)(?P<y>{YEAR})(?!\d)", re.IGNORECASE),
         _h_month_year, _GATE_MONTH, 0, 16),
    Rule(re.compile(
        rf"\b(?P<rel>last|this|next|previous|mid-|(?:(?:in|during|since|until|till|of|throughout|by|from|"
        rf"early|late|mid|end\s+of|beginning\s+of|start\s+of)\s+(?:early\s+|late\s+|mid-?)?))"
        rf"\s*(?P<month>{MONTH_FULL})\b(?!\s*\d)"
        r"(?:\s+(?:of\s+)?(?P<yrel>last|this|the\s+previous|the\s+past|the\s+current)\s+year\b(?!['’]))?",
        re.IGNORECASE), _h_month, _GATE_MONTH, 40, 30),
    Rule(re.compile(rf"\b(?:(?P<rel>last|this|on|past|next|previous)\s+)?(?P<wd>{WEEKDAY})(?:['’]s)?\b",
                re.IGNORECASE), _h_weekday, _GATE_WEEKDAY, 12, 4),
    Rule(re.compile(
        r"\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|this\s+(?:morning|evening|afternoon)"
        r"|last\s+night|earlier\s+today|earlier\s+in\s+the\s+day|overnight|tomorrow"
        rf"|(?:a\s+few|several|some|{NUMBER})\s+hours\s+ago|an\s+hour\s+ago|hours\s+ago)\b", re.IGNORECASE), _h_relative_day, _GATE_RELATIVE_DAY, 30, 12),
    Rule(re.compile(rf"\b(?P<n>{_N})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", re.IGNORECASE), _h_ago, _GATE_AGO, 45, 0),
    Rule(re.compile(
        r"\b(?:(?P<pre>earlier|later)\s+)?(?:(?:the|over\s+the|in\s+the|during\s+the)\s+)?"
        r"(?P<rel>last|this|past|previous|next)\s+(?P<unit>weekend|week|month|year)\b(?!s)", re.IGNORECASE), _h_period, _GATE_PERIOD, 35, 2),
    Rule(re.compile(
        rf"(?:\b(?:in|during|throughout|of|by)\s+(?:(?P<part>early|late|mid-?|the\s+(?:beginning|end|start)\s+of)\s*)?"
        rf"|\b(?P<part2>mid-|early\s+|late\s+))(?P<y>{YEAR})(?![\d-])\b", re.IGNORECASE), _h_year, _GATE_YEAR, 40, 0),
    Rule(re.compile(r"\b(?:over|during|at)\s+the\s+weekend\b", re.IGNORECASE), _h_weekend, _GATE_PERIOD, 20, 0),
    Rule(re.compile(
        r"\b(?:(?:in|over|during|within)\s+)?the\s+(?:past|last)\s+(?P<h>24|48|72|twenty-four|forty-eight|"
        r"seventy-two)\s+hours\b", re.IGNORECASE), _h_hours, _GATE_RELATIVE_DAY, 40, 0),
    Rule(re.compile(
        rf"\b(?:(?P<n>{_N}|several|a\s+few|few|some)\s+(?P<unit>days?|weeks?|hours?)\s+"
        r"(?P<dir>after|before|later|earlier|prior\s+to)"
        r"|the\s+(?:day|night)\s+(?:before|after)|the\s+(?:next|following|previous|preceding)\s+day"
        r"|a\s+day\s+(?:earlier|later)|(?:on\s+)?(?:the|that)\s+same\s+day|later\s+(?:that|the\s+same)\s+day"
        r"|the\s+previous\s+night|hours\s+(?:later|after|before|earlier)|(?:in|during)\s+the\s+same\s+week"
        r"|(?:in|during)?\s*the\s+(?:following|next)\s+week)\b",
        re.IGNORECASE), _h_relative_event, _GATE_RELATIVE_EVENT, 40, 25),
    Rule(re.compile(
        r"\b(?:recently|lately|in\s+recent\s+(?:days|weeks|months|years)"
        r"|(?:over\s+|in\s+|during\s+)?the\s+(?:past|last)\s+(?:few\s+|several\s+|couple\s+of\s+|"
        rf"(?:{NUMBER})\s+)?(?:days|weeks|months|years)"
        r"|(?:in\s+)?the\s+(?:coming|next|upcoming)\s+(?:few\s+)?(?:days|weeks|months|years)"
        r"|during\s+the\s+week|(?:in\s+|over\s+)?the\s+following\s+(?:days|weeks|months|years))\b",
        re.IGNORECASE), _h_vague, _GATE_VAGUE, 25, 50),
]
# Per keyword group: how far before and after a keyword its rules' expressions can reach.
_REACH: list[tuple[int, int]] = [
    (max((r.before for r in _RULES if r.gate == g), default=0), max((r.after for r in _RULES if r.gate == g), default=0))
    for g in range(len(_GATE_WORDS))
]


def _without_overlaps(found: list[tuple]) -> list[DateMention]:
    """The mentions of ``found`` ((start, end, order, mention), in order of preference) that overlap no
    mention preferred before them, sorted by (start, end). The kept spans are disjoint, so the one
    starting last before a candidate's end is the only one that can overlap it (found by bisection)."""
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[DateMention] = []
    for s, e, _o, mention in found:
        i = bisect_left(starts, e)   # kept spans starting before e: starts[:i]
        if i and ends[i - 1] > s:
            continue
        starts.insert(i, s)
        ends.insert(i, e)
        chosen.append(mention)
    chosen.sort(key=lambda c: (c.start, c.end))
    return chosen


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Find and resolve every date expression in ``text``.

    Input: a sentence or paragraph, and the article's publication date (None when unknown).
    Output: DateMentions sorted by start, not overlapping (the longest expression wins: "Friday
    November 8th" over "Friday"). See the module docstring for what each expression resolves to.
    """
    found: list[tuple[int, int, int, DateMention]] = []
    windows = keyword_windows(text, _GATE_TABLE, _REACH)
    for order, rule in enumerate(_RULES):
        for lo, hi in windows[rule.gate]:
            for m in rule.regex.finditer(text, lo, hi):
                try:
                    mention = rule.handler(m, text, published)
                except (OverflowError, ValueError):  # "9999 years ago": outside the calendar, not a date
                    continue
                if mention is not None and mention.end > mention.start:
                    found.append((mention.start, mention.end, order, mention))
    # Longest first, then earlier rules, then leftmost; keep what does not overlap.
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    chosen = _without_overlaps(found)
    quotes = [(q.start(), q.group()) for q in _QUOTE_RE.finditer(text)]
    if quotes:
        chosen = [replace(c, quoted=True) if _inside_quotes(quotes, c.start) else c for c in chosen]
    return chosen


_QUOTE_RE = re.compile(r'["“”«»]')


def _inside_quotes(quotes: list[tuple[int, str]], pos: int) -> bool:
    """Is ``pos`` inside a quotation, given the quote marks of the text and their offsets?

    Curly quotes and guillemets open and close; straight quotes toggle.
    """
    inside = False
    for at, ch in quotes:
        if at >= pos:
            break
        if ch in "“«":
            inside = True
        elif ch in "”»":
            inside = False
        else:
            inside = not inside
    return inside


def shift_after(mention: DateMention, reference: DateMention, published: date | None = None) -> DateMention:
    """Resolve a relative-to-event mention ("two days after <attack>") against the event's mention.

    Input: ``mention`` with ``relative_to_event`` set, ``reference`` the dated mention of the other
    event, and optionally the publication date to clip to. Output: a copy of ``mention`` with the
    reference window shifted by the offset (same precision; "in the same week" gives the reference's
    Monday..Sunday week with precision 2). A mention that is not relative, or a reference without
    dates, is returned unchanged; a result after publication is flagged future with no dates.
    """
    if mention.relative_to_event is None or reference.date_start is None or reference.date_end is None:
        return mention
    offset = timedelta(days=mention.relative_to_event)
    precision = reference.time_precision
    if mention.relative_unit == "week":
        lo, hi = week_of(reference.date_start + offset)
        if precision is None or precision > PRECISION_WEEK:
            lo, hi = reference.date_start, reference.date_end
        else:
            precision = PRECISION_WEEK
    else:
        lo, hi = reference.date_start + offset, reference.date_end + offset
    note = f"relative to {reference.surface!r}"
    if published is not None and lo > published:
        return replace(mention, future=True, note=note + ", after publication")
    if published is not None and hi > published:
        hi = published
    event = lo if precision is not None else None
    return replace(mention, date_start=lo, date_end=hi, event_date=event, time_precision=precision, note=note)


def best_date(mentions: Iterable[DateMention]) -> DateMention | None:
    """The mention that dates a sentence: the most precise resolved, non-future one (leftmost on ties).

    Input: mentions from ``find_dates`` (and ``shift_after``). Output: the chosen mention, or None when
    nothing resolved (the sentence is undated).
    """
    best: DateMention | None = None
    for m in mentions:
        if not m.dated or m.future:
            continue
        rank = m.time_precision if m.time_precision is not None else 4
        if best is None or rank < (best.time_precision if best.time_precision is not None else 4):
            best = m
    return best
