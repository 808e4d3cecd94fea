"""An incident in words: the one way to say its date, place, casualties, actors and kind.

Every view that words an incident asks this module: map tooltips, timeline hovers, incident
tables and cards, the latest list, the source view and the briefing. So an analyst reads the
same incident the same way on every page.

Each wording comes twice with the same answers: a function of one row (a mapping such as a dict
or a pandas row; absent fields count as missing) returning str, and a ``*_column`` function of a
frame returning a Series of str, for the views that word thousands of rows at once (the map, the
tables). tests/unit/test_words.py checks that both agree on the real and on synthetic tables.

The words:

- date: ``"3 Dec 2024"`` (day), ``"9–15 Dec 2024 (week)"``, ``"Dec 2024 (month)"``, ``"2024 (year)"``;
  a window of another length as a window (``"28 Nov – 4 Dec 2024"``); ``"undated"``.
- place: ``"Hawija, Kirkuk"``, ``"Kirkuk (governorate only)"``, a country other than Iraq named
  (``"Raqqa, Syria"``), ``"unknown place"``.
- fatalities: ``"5 killed"``, ``"5 killed (3–7)"`` (best and range), ``"3–7 killed"`` (a range
  only), ``"at least 5 killed"`` (no upper bound), ``"fatalities unknown"``.
- casualties: fatalities, then wounded and arrested where stated: ``"13 killed, 6 wounded"``.
- actors ``"Islamic State (Iraq) vs Military Forces of Iraq"``; kind ``"Battles / Armed clash"``;
  located_to (ACLED geo precision in words) ``"governorate only"``.

Plain text out, never markup: whoever renders it escapes it (cards and plotly hovers with
``html.escape``; Streamlit escapes deck.gl tooltip fields and table cells itself).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date as Day
from datetime import timedelta

import numpy as np
import pandas as pd

from incidents.cells import day, day_column, int_column, integer, short_text, text_column
from incidents.schema import GEO_PRECISION, TIME_PRECISION

Row = Mapping[str, object]  # a dict, or a pandas Series (both have .get)

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
UNDATED = "undated"
UNKNOWN_PLACE = "unknown place"
UNKNOWN_FATALITIES = "fatalities unknown"
UNKNOWN_TYPE = "unknown type"
UNKNOWN_PRECISION = "unknown"
HOME_COUNTRY = "Iraq"  # not named in a place; any other country is
LIMITS = {"location": 60, "admin1": 40, "country": 40, "actor": 70, "type": 60}


def _get(row: Row, name: str) -> object:
    return row.get(name)


def join(parts: Iterable[str], sep: str = ", ") -> str:
    """The non-empty parts joined by ``sep``: ``join(["a", "", "b"])`` -> ``"a, b"``."""
    return sep.join(p for p in parts if p)


def join_columns(parts: Iterable[pd.Series], sep: str = ", ") -> pd.Series:
    """``join`` row by row over Series of str with the same index."""
    out: pd.Series | None = None
    for part in parts:
        part = part.astype(object)
        if out is None:
            out = part
            continue
        both = (out != "") & (part != "")
        out = (out + part).where(~both, out + sep + part)
    if out is None:
        raise ValueError("join_columns needs at least one column")
    return out


# ---------------------------------------------------------------------------------------------
# date


def day_text(d: Day) -> str:
    """``date(2024, 12, 3)`` -> ``"3 Dec 2024"``."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def window_text(first: Day, last: Day) -> str:
    """A window of days as short as it reads: ``"9–15 Dec 2024"``, ``"28 Nov – 4 Dec 2024"``,
    ``"30 Dec 2024 – 5 Jan 2025"``; one day as ``day_text``."""
    if first == last:
        return day_text(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {last.day} {MONTHS[last.month - 1]} {last.year}"
    return f"{day_text(first)} – {day_text(last)}"


def _month_end(d: Day) -> Day:
    nxt = Day(d.year + d.month // 12, d.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def date(row: Row) -> str:
    """When the incident happened, with its precision (time_precision 1 day, 2 week, 3 month).

    In: event_date, date_start, date_end (ISO strings or dates), time_precision. The window is
    date_start..date_end (event_date when they are missing). A whole calendar month reads as the
    month, a whole year (dated by the text only to a year: no precision) as the year.

    >>> date({"event_date": "2024-12-03", "time_precision": 1})
    '3 Dec 2024'
    >>> date({"date_start": "2024-12-09", "date_end": "2024-12-15", "time_precision": 2})
    '9–15 Dec 2024 (week)'
    >>> date({"event_date": "2019-10-01", "date_start": "2019-10-01", "date_end": "2019-10-31", "time_precision": 3})
    'Oct 2019 (month)'
    >>> date({"date_start": "2024-01-01", "date_end": "2024-12-31"}), date({})
    ('2024 (year)', 'undated')
    """
    event, start, end = day(_get(row, "event_date")), day(_get(row, "date_start")), day(_get(row, "date_end"))
    p = integer(_get(row, "time_precision"))
    p = p if p in TIME_PRECISION else None
    first = start or event
    if first is None:
        return UNDATED
    if p == 1:
        return day_text(event or first)
    last = end if end is not None and end >= first else (_month_end(first) if p == 3 and end is None else first)
    word = TIME_PRECISION.get(p, "")
    if p == 2:
        text = window_text(first, last)
    elif first.day == 1 and last == _month_end(first):
        text = f"{MONTHS[first.month - 1]} {first.year}"
    elif (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        text, word = str(first.year), word or "year"
    else:
        text = window_text(first, last)
    return f"{text} ({word})" if word else text


def _texts(numbers: pd.Series) -> pd.Series:
    """Whole numbers (any numeric dtype, missing allowed) -> their text, '' for missing; object dtype."""
    return numbers.astype("Float64").round().astype("Int64").astype("string").fillna("").astype(object)


def _month_names(d: pd.Series) -> pd.Series:
    return d.dt.month.map(dict(enumerate(MONTHS, start=1))).fillna("").astype(object)


def _day_texts(d: pd.Series) -> pd.Series:
    return _texts(d.dt.day) + " " + _month_texts(d)


def _month_texts(d: pd.Series) -> pd.Series:
    return _month_names(d) + " " + _texts(d.dt.year)


def _window_texts(first: pd.Series, last: pd.Series) -> pd.Series:
    same_month = (first.dt.year == last.dt.year) & (first.dt.month == last.dt.month)
    same_year = first.dt.year == last.dt.year
    out = _day_texts(first) + " – " + _day_texts(last)
    out = out.where(~same_year, _texts(first.dt.day) + " " + _month_names(first) + " – " + _day_texts(last))
    out = out.where(~same_month, _texts(first.dt.day) + "–" + _day_texts(last))
    return out.where(first != last, _day_texts(first))


def date_column(df: pd.DataFrame) -> pd.Series:
    """``date`` of every row of ``df``."""
    event, start, end = day_column(df, "event_date"), day_column(df, "date_start"), day_column(df, "date_end")
    p = int_column(df, "time_precision")
    p = p.where(p.isin(list(TIME_PRECISION)), pd.NA).astype("Int64")
    first = start.fillna(event)
    month_end = first + pd.offsets.MonthEnd(0)
    last = end.where(end >= first, first.where(~((p == 3).fillna(False) & end.isna()), month_end))
    word = p.astype("float64").map({k: f" ({v})" for k, v in TIME_PRECISION.items()}).fillna("").astype(object)
    whole_month = (first.dt.day == 1) & (last == month_end)
    whole_year = (first.dt.month == 1) & (first.dt.day == 1) & (last.dt.month == 12) & (last.dt.day == 31) \
        & (first.dt.year == last.dt.year)
    week = (p == 2).fillna(False)
    text = _window_texts(first, last)
    text = text.where(week | ~whole_year, _texts(first.dt.year))
    word = word.where(week | ~whole_year | (word != ""), " (year)")
    text = text.where(week | ~whole_month, _month_texts(first))
    out = (text + word).where(~(p == 1).fillna(False), _day_texts(event.fillna(first)))
    return out.where(first.notna(), UNDATED).astype(object)


# ---------------------------------------------------------------------------------------------
# place


def place(row: Row) -> str:
    """Where: location and governorate (a location that only repeats the governorate once), a
    country other than Iraq, and "(governorate only)" when geo_precision is 3.

    >>> place({"location": "Hawija", "admin1": "Kirkuk", "geo_precision": 1})
    'Hawija, Kirkuk'
    >>> place({"location": "Salah ad-Din", "admin1": "Salah ad-Din", "geo_precision": 3})
    'Salah ad-Din (governorate only)'
    >>> place({"location": "Raqqa", "country": "Syria"}), place({})
    ('Raqqa, Syria', 'unknown place')
    """
    loc = short_text(_get(row, "location"), LIMITS["location"])
    adm = short_text(_get(row, "admin1"), LIMITS["admin1"])
    ctry = short_text(_get(row, "country"), LIMITS["country"])
    only_gov = integer(_get(row, "geo_precision")) == 3
    if only_gov and adm:
        loc = ""
    parts = [loc if loc != adm else "", adm, ctry if ctry not in (HOME_COUNTRY, loc, adm) else ""]
    text = join(parts) or UNKNOWN_PLACE
    return f"{text} ({GEO_PRECISION[3]})" if only_gov else text


def place_column(df: pd.DataFrame) -> pd.Series:
    """``place`` of every row of ``df``."""
    loc = text_column(df, "location", LIMITS["location"])
    adm = text_column(df, "admin1", LIMITS["admin1"])
    ctry = text_column(df, "country", LIMITS["country"])
    only_gov = (int_column(df, "geo_precision") == 3).fillna(False).astype(bool)
    loc = loc.where(~(only_gov & (adm != "")), "")
    loc_part = loc.where(loc != adm, "")
    ctry_part = ctry.where((ctry != HOME_COUNTRY) & (ctry != loc) & (ctry != adm), "")
    text = join_columns([loc_part, adm, ctry_part])
    text = text.where(text != "", UNKNOWN_PLACE)
    return text.where(~only_gov, text + f" ({GEO_PRECISION[3]})").astype(object)


def located_to(row: Row) -> str:
    """The geo precision in words: "town", "near a town / part of a region", "governorate only"
    or "unknown"."""
    return GEO_PRECISION.get(integer(_get(row, "geo_precision")), UNKNOWN_PRECISION)  # type: ignore[arg-type]


def located_to_column(df: pd.DataFrame) -> pd.Series:
    """``located_to`` of every row of ``df``."""
    codes = int_column(df, "geo_precision").astype("float64")
    return codes.map(GEO_PRECISION).fillna(UNKNOWN_PRECISION).astype(object)


# ---------------------------------------------------------------------------------------------
# casualties


def fatalities(row: Row) -> str:
    """How many were killed: the best estimate (``fatalities``) with the low–high range
    (``fatalities_low``, ``fatalities_high``) when they differ; an empty high means no upper bound.

    >>> [fatalities(r) for r in ({"fatalities": 4, "fatalities_low": 4, "fatalities_high": 4},
    ...                          {"fatalities": 5, "fatalities_low": 3, "fatalities_high": 7},
    ...                          {"fatalities_low": 3, "fatalities_high": 9},
    ...                          {"fatalities": 5, "fatalities_low": 5}, {})]
    ['4 killed', '5 killed (3–7)', '3–9 killed', 'at least 5 killed', 'fatalities unknown']
    """
    best = integer(_get(row, "fatalities"))
    low, high = integer(_get(row, "fatalities_low")), integer(_get(row, "fatalities_high"))
    if low is None and high is None:
        return UNKNOWN_FATALITIES if best is None else f"{best} killed"
    if high is None:  # open above ("at least 5")
        return f"at least {low} killed" if best is None or best == low else f"{best} killed (at least {low})"
    if low is None:
        low = high if best is None else best
    low, high = min(low, high), max(low, high)
    if low == high:
        return f"{low if best is None else best} killed"
    return f"{low}–{high} killed" if best is None else f"{best} killed ({low}–{high})"


def fatalities_column(df: pd.DataFrame) -> pd.Series:
    """``fatalities`` of every row of ``df``."""
    def floats(name: str) -> np.ndarray:
        return int_column(df, name).astype("Float64").to_numpy(dtype=float, na_value=np.nan)

    best, low, high = floats("fatalities"), floats("fatalities_low"), floats("fatalities_high")
    no_best, no_high = np.isnan(best), np.isnan(high)
    low = np.where(np.isnan(low) & ~no_high, np.where(no_best, high, best), low)
    no_low = np.isnan(low)
    low, high = np.where(no_high, low, np.fmin(low, high)), np.where(no_high, high, np.fmax(low, high))
    b, lo, hi = (_texts(pd.Series(v, dtype="Float64")).to_numpy() for v in (best, low, high))
    killed = " killed"
    choices = [
        np.where(no_best, UNKNOWN_FATALITIES, b + killed),
        np.where(no_best | (best == low), "at least " + lo + killed, b + killed + " (at least " + lo + ")"),
        np.where(no_best, lo, b) + killed,
        np.where(no_best, lo + "–" + hi + killed, b + killed + " (" + lo + "–" + hi + ")"),
    ]
    conditions = [no_low & no_high, no_high, low == high]
    out = np.select(conditions, choices[:3], default=choices[3])
    return pd.Series(out, index=df.index, dtype=object)


def _count(row: Row, name: str, word: str) -> str:
    n = integer(_get(row, name))
    return "" if n is None else f"{n} {word}"


def _count_column(df: pd.DataFrame, name: str, word: str) -> pd.Series:
    text = _texts(int_column(df, name))
    return text.where(text == "", text + f" {word}")


def casualties(row: Row) -> str:
    """Fatalities (as ``fatalities``), then wounded and arrested where stated.

    >>> casualties({"fatalities": 13, "fatalities_low": 13, "fatalities_high": 13, "wounded": 6})
    '13 killed, 6 wounded'
    >>> casualties({"arrested": 2})
    'fatalities unknown, 2 arrested'
    """
    return join([fatalities(row), _count(row, "wounded", "wounded"), _count(row, "arrested", "arrested")])


def casualties_column(df: pd.DataFrame) -> pd.Series:
    """``casualties`` of every row of ``df``."""
    return join_columns([fatalities_column(df), _count_column(df, "wounded", "wounded"),
                         _count_column(df, "arrested", "arrested")])


# ---------------------------------------------------------------------------------------------
# who and what


def actors(row: Row) -> str:
    """Who against whom: ``"Islamic State (Iraq) vs Military Forces of Iraq"``; one actor alone
    when only one is known; '' when none is.

    >>> actors({"actor1": "Islamic State (Iraq)", "actor2": "Civilians (Iraq)"}), actors({"actor1": "Unidentified Armed Group (Iraq)"})
    ('Islamic State (Iraq) vs Civilians (Iraq)', 'Unidentified Armed Group (Iraq)')
    """
    return join([short_text(_get(row, "actor1"), LIMITS["actor"]), short_text(_get(row, "actor2"), LIMITS["actor"])],
                " vs ")


def actors_column(df: pd.DataFrame) -> pd.Series:
    """``actors`` of every row of ``df``."""
    return join_columns([text_column(df, "actor1", LIMITS["actor"]), text_column(df, "actor2", LIMITS["actor"])],
                        " vs ")


def kind(row: Row) -> str:
    """Event type and sub-event type: ``"Battles / Armed clash"``; "unknown type" when neither is known.

    >>> kind({"event_type": "Battles", "sub_event_type": "Armed clash"}), kind({})
    ('Battles / Armed clash', 'unknown type')
    """
    text = join([short_text(_get(row, "event_type"), LIMITS["type"]),
                 short_text(_get(row, "sub_event_type"), LIMITS["type"])], " / ")
    return text or UNKNOWN_TYPE


def kind_column(df: pd.DataFrame) -> pd.Series:
    """``kind`` of every row of ``df``."""
    text = join_columns([text_column(df, "event_type", LIMITS["type"]),
                         text_column(df, "sub_event_type", LIMITS["type"])], " / ")
    return text.where(text != "", UNKNOWN_TYPE)
