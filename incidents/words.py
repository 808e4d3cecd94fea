"""An incident in words: the one way to say its date, place, casualties, actors and kind.

Every view that words an incident asks this module: map tooltips, timeline hovers, incident
tables and cards, the latest list, the source view and the briefing. So an analyst reads the
same incident the same way on every page.

Each wording is written once, as a function of one row (a mapping such as a dict or a pandas row;
absent fields count as missing) returning str. Its ``*_column`` form words every row of a frame
(the map's 5,000 points, the tables) with that same function, called once per distinct
combination of the fields it reads (``FIELDS``, ``each_distinct``), so both give the same
strings by construction; tests/unit/test_words.py checks them on the real and on synthetic tables.

The words:

- date: ``"3 Dec 2024"`` (day), ``"9–15 Dec 2024 (week)"``, ``"Dec 2024 (month)"``, ``"2024 (year)"``;
  a window of another length as a window (``"28 Nov – 4 Dec 2024"``); ``"undated"``.
- place: ``"Hawija, Kirkuk"``, ``"Kirkuk (governorate only)"``, a country other than Iraq named
  (``"Raqqa, Syria"``), ``"unknown place"``.
- fatalities: ``"5 killed"``, ``"5 killed (3–7)"`` (best and range), ``"3–7 killed"`` (a range
  only), ``"at least 5 killed"`` (no upper bound), ``"fatalities unknown"``.
- casualties: fatalities, then wounded and arrested where stated: ``"13 killed, 6 wounded"``.
- actors ``"Islamic State (Iraq) vs Military Forces of Iraq"``; kind ``"Battles / Armed clash"``;
  located_to (ACLED geo precision in words) ``"governorate only"``; quote, in quotation marks
  unless it brings its own.

Plain text out, never markup: whoever renders it escapes it (cards and plotly hovers with
``html.escape``; Streamlit escapes deck.gl tooltip fields and table cells itself).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date as Day
from datetime import timedelta
from functools import lru_cache

import numpy as np
import pandas as pd

from incidents.cells import day, integer, short_text, text_column
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


def located_to(row: Row) -> str:
    """The geo precision in words: "town", "near a town / part of a region", "governorate only"
    or "unknown"."""
    return GEO_PRECISION.get(integer(_get(row, "geo_precision")), UNKNOWN_PRECISION)  # type: ignore[arg-type]


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


def _count(row: Row, name: str, word: str) -> str:
    n = integer(_get(row, name))
    return "" if n is None else f"{n} {word}"


def casualties(row: Row) -> str:
    """Fatalities (as ``fatalities``), then wounded and arrested where stated.

    >>> casualties({"fatalities": 13, "fatalities_low": 13, "fatalities_high": 13, "wounded": 6})
    '13 killed, 6 wounded'
    >>> casualties({"arrested": 2})
    'fatalities unknown, 2 arrested'
    """
    return join([fatalities(row), _count(row, "wounded", "wounded"), _count(row, "arrested", "arrested")])


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


def kind(row: Row) -> str:
    """Event type and sub-event type: ``"Battles / Armed clash"``; "unknown type" when neither is known.

    >>> kind({"event_type": "Battles", "sub_event_type": "Armed clash"}), kind({})
    ('Battles / Armed clash', 'unknown type')
    """
    text = join([short_text(_get(row, "event_type"), LIMITS["type"]),
                 short_text(_get(row, "sub_event_type"), LIMITS["type"])], " / ")
    return text or UNKNOWN_TYPE



QUOTE_MARKS = ("“", '"', "«", "‘", "'")


def quote(row: Row, limit: int = 140) -> str:
    """The quote on one line, cut at ``limit`` characters, in quotation marks unless it opens with
    one already; '' when there is none.

    >>> quote({"quote": "Gunmen attacked a checkpoint"}), quote({"quote": "“We won,” he said."})
    ('“Gunmen attacked a checkpoint”', '“We won,” he said.')
    """
    text = short_text(_get(row, "quote"), limit)
    return text if not text or text.startswith(QUOTE_MARKS) else f"“{text}”"


def description(row: Row, limit: int = 220) -> str:
    """What happened, on one line of at most ``limit`` characters: the quote, or the notes when
    there is none (an ACLED import has notes but no quote); '' when neither is there.

    >>> description({"quote": float("nan"), "notes": "On 2 December 2024, IS abducted two shepherds."})
    'On 2 December 2024, IS abducted two shepherds.'
    """
    quoted = short_text(_get(row, "quote"), limit)
    return quoted or short_text(_get(row, "notes"), limit)


def undated_apart(n: int, shown: bool = True) -> tuple[str, str]:
    """A date range's undated incidents, counted apart from its figures: (label, value) such as
    ``("Undated, not placed in time", "+4")``; ``("Undated", "left out")`` when the filters
    leave them out (``shown`` False)."""
    if not shown:
        return "Undated", "left out"
    return "Undated, not placed in time", f"+{int(n or 0):,}"


def quote_column(df: pd.DataFrame, limit: int = 140) -> pd.Series:
    """``quote`` of every row of ``df`` (quotes are mostly distinct: cut by pyarrow over the column)."""
    text = text_column(df, "quote", limit)
    bare = (text != "") & ~text.str.startswith(QUOTE_MARKS).fillna(False).astype(bool)
    return text.where(~bare, "“" + text + "”").astype(object)

# ---------------------------------------------------------------------------------------------
# the same words for every row of a frame

# The fields each wording reads: its column form groups a frame's rows by these and words each
# distinct combination once (a map of 5,000 incidents has a few hundred distinct places).
FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("event_date", "date_start", "date_end", "time_precision"),
    "place": ("location", "admin1", "country", "geo_precision"),
    "located_to": ("geo_precision",),
    "fatalities": ("fatalities", "fatalities_low", "fatalities_high"),
    "casualties": ("fatalities", "fatalities_low", "fatalities_high", "wounded", "arrested"),
    "actors": ("actor1", "actor2"),
    "kind": ("event_type", "sub_event_type"),
}


def each_distinct(df: pd.DataFrame, wording: Callable[[Row], str], fields: tuple[str, ...]) -> pd.Series:
    """``wording(row)`` for every row of ``df`` (Series of str on df's index), computed once per
    distinct combination of ``fields`` (absent columns count as missing). The wording is given
    only those fields, so one that read another would show in the tests as a disagreement."""
    if df.empty:
        return pd.Series([], index=df.index, dtype=object)
    key = np.zeros(len(df), dtype=np.int64)
    for name in (f for f in fields if f in df.columns):
        codes = pd.factorize(df[name], use_na_sentinel=False)[0]
        key = pd.factorize(key * (int(codes.max()) + 1) + codes)[0]  # stays below len(df): no overflow
    groups = int(key.max()) + 1
    first = np.empty(groups, dtype=np.int64)
    first[key[::-1]] = np.arange(len(df) - 1, -1, -1)  # each group's first row (the earliest write wins)
    columns = [df[f].iloc[first].tolist() if f in df.columns else [None] * groups for f in fields]
    texts = np.array([wording(dict(zip(fields, values, strict=True))) for values in zip(*columns, strict=True)],
                     dtype=object)
    return pd.Series(texts[key], index=df.index, dtype=object)


def date_column(df: pd.DataFrame) -> pd.Series:
    """``date`` of every row of ``df``."""
    return each_distinct(df, date, FIELDS["date"])


def place_column(df: pd.DataFrame) -> pd.Series:
    """``place`` of every row of ``df``."""
    return each_distinct(df, place, FIELDS["place"])


def located_to_column(df: pd.DataFrame) -> pd.Series:
    """``located_to`` of every row of ``df``."""
    return each_distinct(df, located_to, FIELDS["located_to"])


def fatalities_column(df: pd.DataFrame) -> pd.Series:
    """``fatalities`` of every row of ``df``."""
    return each_distinct(df, fatalities, FIELDS["fatalities"])


def casualties_column(df: pd.DataFrame) -> pd.Series:
    """``casualties`` of every row of ``df``."""
    return each_distinct(df, casualties, FIELDS["casualties"])


def actors_column(df: pd.DataFrame) -> pd.Series:
    """``actors`` of every row of ``df``."""
    return each_distinct(df, actors, FIELDS["actors"])


def kind_column(df: pd.DataFrame) -> pd.Series:
    """``kind`` of every row of ``df``."""
    return each_distinct(df, kind, FIELDS["kind"])


@lru_cache(maxsize=8192)
def display_text(text: str) -> str:
    """Text to read: the words a page extraction glued together split again with the analysis
    text's word breaks ("theHamrin" -> "the Hamrin", "JointOperations" -> "Joint Operations":
    ``corpus.analysis.glue_points``). For the short lists people read (the overview's latest
    incidents, a selected incident's card); provenance and the source view keep the text as found.
    About 4 ms a text, so it is not applied to whole tables."""
    from incidents.corpus.analysis import glue_points

    cuts = glue_points(text) if text else []
    if not cuts:
        return text
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    return " ".join(pieces)
