"""Periods of the time charts (week, month, quarter, year): their length, which one suits a span of
dates, and the x range charts share. Pure: no streamlit, no plotting library.

Why: a bar is drawn over its whole period (a week looks like a week), and every chart of a page
uses one x range, so a bar, a fatalities bar and an incident's date window line up. A range
that holds fewer than ``MIN_PERIODS`` periods is widened to that many, so one period is one bar
among empty neighbours, not a bar filling the plot.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

PERIODS = ("week", "month", "quarter", "year")
PERIOD_WORD = {"week": "week", "month": "month", "quarter": "quarter", "year": "year"}
MIN_PERIODS = 5  # the narrowest x range, in periods
MOST_BARS = 26  # a span is cut into the finest period that gives at most this many
DAY_MS = 86_400_000
_APPROX_DAYS = {"week": 7, "month": 30.44, "quarter": 91.31, "year": 365.25}


def period_start(when: pd.Series | pd.Timestamp, freq: str):
    """The first day of the period holding each date (weeks start on Monday, as the store counts them)."""
    ts = pd.to_datetime(when)
    scalar = isinstance(ts, pd.Timestamp)
    s = pd.Series([ts]) if scalar else pd.Series(ts)
    s = s.dt.normalize()
    if freq == "week":
        out = s - pd.to_timedelta(s.dt.day_of_week, unit="D")
    elif freq == "month":
        out = s.dt.to_period("M").dt.start_time
    elif freq == "quarter":
        out = s.dt.to_period("Q").dt.start_time
    elif freq == "year":
        out = s.dt.to_period("Y").dt.start_time
    else:
        raise ValueError(f"unknown period {freq!r}: use one of {', '.join(PERIODS)}")
    return out.iloc[0] if scalar else out


def period_end(starts: pd.Series | pd.Timestamp, freq: str, n: int = 1):
    """First day of each period -> the first day of the period ``n`` later (end exclusive)."""
    start = pd.to_datetime(starts)
    if freq == "week":
        return start + pd.Timedelta(days=7 * n)
    months = {"month": 1, "quarter": 3, "year": 12}.get(freq)
    if months is None:
        raise ValueError(f"unknown period {freq!r}: use one of {', '.join(PERIODS)}")
    return start + pd.DateOffset(months=months * n)


FEWEST_BARS = 6  # a handful of incidents still gets this many periods to fall in


def period_for_span(first: date | pd.Timestamp | None, last: date | pd.Timestamp | None,
                    most: int = MOST_BARS, incidents: int | None = None) -> str:
    """The finest period (week, month, quarter, year) that cuts first..last into at most ``most``
    periods: half a year is weekly, two years monthly, six years quarterly, more yearly. With
    ``incidents`` (how many are dated), at most that many periods (but FEWEST_BARS at least): a
    handful of incidents over five years falls in a few yearly bars, not in slivers of months.
    Unknown dates give "month"."""
    if first is None or last is None or pd.isna(first) or pd.isna(last):
        return "month"
    if incidents is not None:
        most = max(FEWEST_BARS, min(most, incidents))
    days = abs((pd.Timestamp(last) - pd.Timestamp(first)).days) + 1
    for freq in PERIODS:
        if days / _APPROX_DAYS[freq] <= most:
            return freq
    return "year"


def shared_range(freq: str, starts: Iterable = (), ends: Iterable = (),
                 min_periods: int = MIN_PERIODS) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The x range every chart of a page shares: from the start of the period holding the
    earliest date to the end of the period holding the latest (``starts``: period starts or
    first days of date windows; ``ends``: last days, inclusive), widened on both sides to at least
    ``min_periods`` periods. None when no date is given."""
    lo = pd.to_datetime(pd.Series(list(starts), dtype=object), errors="coerce").dropna()
    hi = pd.to_datetime(pd.Series(list(ends), dtype=object), errors="coerce").dropna()
    both = pd.concat([lo, hi])
    if both.empty:
        return None
    first = period_start(both.min(), freq)
    last = period_end(period_start(both.max(), freq), freq)
    n = 0
    while period_end(first, freq, n) < last:
        n += 1
    if n < min_periods:
        before = (min_periods - n) // 2
        first = period_end(first, freq, -before)
        last = period_end(first, freq, min_periods)
    return pd.Timestamp(first), pd.Timestamp(last)


def day_ticks(start: pd.Timestamp, end: pd.Timestamp, most: int = 10) -> dict:
    """Plotly x-axis settings that never show a clock time: date-only tick labels at every zoom
    (``tickformatstops``) and, for a range of four months or less, ticks a whole number of days
    (1, 2, 7, 14 or 28) apart from ``start``, at most ``most`` of them."""
    stops = [
        {"dtickrange": [None, "M1"], "value": "%d %b %Y"},
        {"dtickrange": ["M1", "M12"], "value": "%b %Y"},
        {"dtickrange": ["M12", None], "value": "%Y"},
    ]
    out: dict = {"type": "date", "range": [start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")],
                 "tickformatstops": stops, "hoverformat": "%d %b %Y"}
    days = (end - start).days
    if days <= 124:
        step = next((k for k in (1, 2, 7, 14, 28) if days / k <= most), 28)
        out.update(tick0=start.strftime("%Y-%m-%d"), dtick=step * DAY_MS, tickformat="%d %b %Y")
    return out


PERIOD_LABEL = {"month": "%b %Y", "quarter": "Q%q %Y", "year": "%Y"}  # d3/plotly time formats
MOST_LABELS = 12


def period_labels(start: pd.Timestamp, end: pd.Timestamp, freq: str, most: int = MOST_LABELS) -> pd.DataFrame:
    """Labels that name the periods between ``start`` and ``end`` (period starts), drawn in the
    middle of each (a yearly bar is labelled "2019" under itself, not "2020" at its right edge):
    columns start, mid (ISO timestamps) and label ("2019", "Q4 2019", "Oct 2019"), every k-th period
    so that at most ``most`` are labelled. Weeks get no labels here (their axis names days)."""
    cols = ["start", "mid", "label"]
    if freq not in PERIOD_LABEL:
        return pd.DataFrame(columns=cols)
    starts = []
    at = pd.Timestamp(start)
    while at < end:
        starts.append(at)
        at = period_end(at, freq)
    step = max(1, -(-len(starts) // most))
    rows = []
    for s in starts[::step]:
        mid = s + (period_end(s, freq) - s) / 2
        label = f"Q{(s.month - 1) // 3 + 1} {s.year}" if freq == "quarter" else s.strftime(PERIOD_LABEL[freq])
        rows.append({"start": s.strftime("%Y-%m-%d"), "mid": mid.strftime("%Y-%m-%dT%H:%M:%S"), "label": label})
    return pd.DataFrame(rows, columns=cols)
