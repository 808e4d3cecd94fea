"""Time charts that show time as it is (incidents.figures.periods, charts, vegalite): a bar as wide as its
period, date-only ticks, one x range per page, and the overview's period picked from the span of the data."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from incidents import ROOT
from incidents.figures.charts import (
    BAR_FILL,
    fatalities_figure,
    strip_figure,
    timeline_figure,
    timeline_range,
)
from incidents.figures.periods import (
    DAY_MS,
    MIN_PERIODS,
    day_ticks,
    period_end,
    period_for_span,
    shared_range,
)
from incidents.figures.vegalite import timeline_spec
from incidents.filters import Filters
from incidents.store.store import Store


@pytest.mark.parametrize(("first", "last", "freq"), [
    (date(2024, 12, 9), date(2024, 12, 15), "week"),
    (date(2024, 6, 1), date(2024, 11, 20), "week"),  # under half a year: weekly
    (date(2023, 1, 1), date(2024, 12, 31), "month"),  # two years: monthly
    (date(2019, 10, 1), date(2024, 12, 9), "quarter"),  # five years of many incidents: quarterly
    (date(2010, 1, 1), date(2024, 12, 9), "year"),
    (None, date(2024, 1, 1), "month"),
])
def test_period_for_span(first, last, freq):
    assert period_for_span(first, last) == freq


@pytest.mark.parametrize(("incidents", "freq"), [(9, "year"), (30, "quarter"), (2, "year"), (None, "quarter")])
def test_a_handful_of_incidents_gets_a_handful_of_bars(incidents, freq):
    assert period_for_span(date(2019, 10, 1), date(2024, 12, 9), incidents=incidents) == freq
    assert period_for_span(date(2024, 1, 1), date(2024, 2, 4), incidents=3) == "week"  # five weeks: still weekly


@pytest.mark.parametrize(("freq", "start", "end"), [
    ("week", "2024-12-09", "2024-12-16"), ("month", "2024-02-01", "2024-03-01"),
    ("quarter", "2024-10-01", "2025-01-01"), ("year", "2019-01-01", "2020-01-01"),
])
def test_period_end(freq, start, end):
    assert period_end(pd.Timestamp(start), freq) == pd.Timestamp(end)


def test_one_period_is_widened_to_a_range_of_several():
    lo, hi = shared_range("week", ["2024-12-09"], ["2024-12-09"])
    assert (hi - lo).days == 7 * MIN_PERIODS
    assert lo <= pd.Timestamp("2024-12-09") and hi >= pd.Timestamp("2024-12-16")
    assert lo.weekday() == 0  # weeks start on Monday, as the store counts them
    lo, hi = shared_range("month", ["2019-10-01", "2024-12-01"], ["2024-12-31"])
    assert (lo, hi) == (pd.Timestamp("2019-10-01"), pd.Timestamp("2025-01-01"))  # wide enough: left as it is
    assert shared_range("week", [], []) is None


@pytest.mark.parametrize(("start", "end"), [("2024-12-02", "2024-12-30"), ("2024-01-01", "2024-04-15"),
                                            ("2020-01-01", "2024-12-31")])
def test_ticks_never_show_a_clock_time(start, end):
    ticks = day_ticks(pd.Timestamp(start), pd.Timestamp(end))
    formats = [s["value"] for s in ticks["tickformatstops"]] + [ticks.get("tickformat", "")]
    assert all(not any(c in fmt for c in ("%H", "%M", "%S", "%L", "%I")) for fmt in formats)
    if "dtick" in ticks:
        assert ticks["dtick"] % DAY_MS == 0 and ticks["dtick"] >= DAY_MS  # whole days apart


def one_week() -> pd.DataFrame:
    return pd.DataFrame({"period": [pd.Timestamp("2024-12-09")] * 2, "group": ["Explosions/Remote violence",
                         "Strategic developments"], "incidents": [2, 1], "fatalities": [3, 0]})


def test_a_single_week_is_a_week_wide_bar_with_a_legend_and_date_ticks():
    fig = timeline_figure(one_week(), "event_type", "week")
    for trace in fig.data:
        assert list(trace.width) == [int(7 * DAY_MS * BAR_FILL)]
        assert list(trace.offset) == [int(7 * DAY_MS * (1 - BAR_FILL) / 2)]
        assert list(trace.x) == ["2024-12-09"]
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert (hi - lo).days == 7 * MIN_PERIODS  # the bar is a fifth of the plot, not all of it
    assert fig.layout.showlegend is True
    assert fig.layout.xaxis.tickformat == "%d %b %Y" and fig.layout.xaxis.dtick % DAY_MS == 0


def test_month_bars_are_as_wide_as_their_month():
    frame = pd.DataFrame({"period": pd.to_datetime(["2024-02-01", "2024-03-01"]), "group": ["Battles"] * 2,
                          "incidents": [1, 1], "fatalities": [0, 0]})
    for fig in (timeline_figure(frame, "event_type", "month"), fatalities_figure(frame, "month")):
        assert list(fig.data[0].width) == [int(29 * DAY_MS * BAR_FILL), int(31 * DAY_MS * BAR_FILL)]


def test_one_group_still_has_its_legend():
    fig = timeline_figure(one_week().head(1), "event_type", "week")
    assert len(fig.data) == 1 and fig.layout.showlegend is True


@pytest.fixture(scope="module")
def shipped() -> Store:
    return Store.open(ROOT / "data")


@pytest.mark.parametrize("freq", ["week", "month", "quarter", "year"])
def test_bars_fatalities_and_strip_share_one_x_range(shipped, freq):
    f = Filters(governorates=None)
    tl = shipped.run("timeline", f, freq, "event_type")
    strip = shipped.run("incidents", f, limit=300)
    x_range = timeline_range(tl, freq, strip)
    figs = [timeline_figure(tl, "event_type", freq, x_range=x_range), fatalities_figure(tl, freq, x_range=x_range),
            strip_figure(strip, x_range=x_range)]
    ranges = {tuple(fig.layout.xaxis.range) for fig in figs}
    assert len(ranges) == 1
    lo, hi = (pd.Timestamp(v) for v in ranges.pop())
    windows = pd.to_datetime(strip["date_start"].fillna(strip["event_date"])).dropna()
    assert lo <= windows.min() and hi >= windows.max()
    assert lo <= tl["period"].min() and hi >= period_end(tl["period"].max(), freq)
    assert {fig.layout.margin.l for fig in figs} == {figs[0].layout.margin.l}  # plot areas line up in pixels


@pytest.mark.parametrize("freq", ["quarter", "year"])
def test_store_counts_quarters_and_years(shipped, freq):
    f = Filters(governorates=None)
    tl = shipped.run("timeline", f, freq, "event_type")
    s = shipped.run("summary", f)
    assert int(tl["incidents"].sum()) == s["incidents"] - s["undated"]
    starts = pd.to_datetime(tl["period"])
    assert (starts.dt.day == 1).all() and starts.dt.month.isin([1, 4, 7, 10] if freq == "quarter" else [1]).all()


def test_overview_timeline_of_a_handful_over_five_years_is_yearly_over_the_range_that_holds_data(shipped):
    f = Filters(governorates=None)
    s = shipped.run("summary", f)
    dated = s["incidents"] - s["undated"]
    assert dated < 26 and (s["date_max"] - s["date_min"]).days > 4 * 365  # the case
    freq = period_for_span(s["date_min"], s["date_max"], incidents=dated)
    assert freq == "year"
    spec = timeline_spec(shipped.run("timeline", f, freq, "event_type"), "event_type", freq)
    lo, hi = (pd.Timestamp(d) for d in spec["layer"][0]["encoding"]["x"]["scale"]["domain"])
    assert lo <= pd.Timestamp(s["date_min"]) < lo + pd.DateOffset(years=1)
    assert hi - pd.DateOffset(years=1) <= pd.Timestamp(s["date_max"]) < hi
    assert spec["layer"][0]["encoding"]["y"]["title"] == "incidents per year"
    bars = spec["datasets"]["bars"]
    assert int(bars["incidents"].sum()) == dated and bars["start"].nunique() == 2  # 2019 and 2024


def test_years_are_named_under_their_bars_not_at_their_edges(shipped):
    f = Filters(governorates=None)
    tl = shipped.run("timeline", f, "year", "event_type")
    fig = timeline_figure(tl, "event_type", "year")
    ticks = dict(zip(fig.layout.xaxis.ticktext, fig.layout.xaxis.tickvals, strict=True))
    assert ticks["2019"].startswith("2019-07-02") and ticks["2024"].startswith("2024-07-02")
    from incidents.figures.static import drawn_marks, render_svg

    svg = render_svg(timeline_spec(tl, "event_type", "year"))
    texts = {t.text: t for t in drawn_marks(svg, "text")}
    bars = drawn_marks(svg, "rect")
    x_2019 = float(re.search(r"translate\(([\d.]+)", texts["2019"].get("transform")).group(1))
    first_bar = min(float(re.match(r"M([\d.]+),", b.get("d")).group(1)) for b in bars)
    assert first_bar < x_2019 < first_bar + 60  # under the 2019 bar
    assert "2020" in texts and "Q4 2019" not in texts
