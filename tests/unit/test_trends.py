"""Trends: the window, the flag rule on hand-computed cases, and the engine's table and series
against counts made directly with pandas from the CSV (synthetic, shipped and ACLED-imported data)."""

from __future__ import annotations

import math
import shutil
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest

from incidents import ROOT
from incidents.dataset import synth
from incidents.dataset.acled import import_acled
from incidents.filters import Filters
from incidents.store.queries import series_steps
from incidents.store.store import Store
from incidents.trends import (
    TOTAL,
    Window,
    flag,
    flagged,
    headline,
    poisson_cdf,
    rate,
    signed,
    tails,
    trend_table,
    undated_filters,
    window,
)

ALL = Filters(governorates=None, countries=())


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "store-cache"))


# -- the rule, by hand ----------------------------------------------------------------------------

def exact_cdf(n: int, mean: float) -> float:
    """P(X <= n), X ~ Poisson(mean), straight from the formula."""
    return sum(math.exp(-mean) * mean**k / math.factorial(k) for k in range(n + 1))


@pytest.mark.parametrize("n, mean", [(0, 3.0), (2, 0.5), (7, 3.04), (12, 11.5), (40, 25.0)])
def test_poisson_cdf_is_the_exact_sum(n, mean):
    assert poisson_cdf(n, mean) == pytest.approx(exact_cdf(n, mean), rel=1e-12)


def test_poisson_tails_edges_and_large_counts():
    assert poisson_cdf(-1, 2.0) == 0.0 and poisson_cdf(5, 0.0) == 1.0
    assert tails(0, 2.0) == (pytest.approx(1.0), pytest.approx(math.exp(-2.0)))
    # the median of Poisson(10,000) is 10,000: P(X <= 10,000) just above 1/2 (normal approximation
    # with continuity correction: 0.5 + 0.5/sqrt(2*pi*10000) = 0.50199)
    assert poisson_cdf(10_000, 10_000.0) == pytest.approx(0.50266, abs=2e-3)


def test_rate_adds_half_an_incident_over_the_periods():
    assert rate(0.0, 12) == pytest.approx(0.5 / 12)
    assert rate(3.0, 4) == pytest.approx(3.125)


@pytest.mark.parametrize("n, mean, periods, expected, why", [
    # rate 3 + 0.5/12 = 3.0417: P(X = 0) = exp(-3.0417) = 0.0477 < 0.05
    (0, 3.0, 12, "low", "none where about three a period were usual"),
    # rate 2.9417: exp(-2.9417) = 0.0528
    (0, 2.9, 12, "", "none where 2.9 were usual is within chance"),
    # rate 0.0417: P(X >= 1) = 1 - exp(-0.0417) = 0.0408
    (1, 0.0, 12, "high", "one after twelve empty periods"),
    # rate 0.125: P(X >= 1) = 0.1175; P(X >= 2) = 1 - exp(-0.125) * 1.125 = 0.0072
    (1, 0.0, 4, "", "one after only four empty periods"),
    (2, 0.0, 4, "high", "two after four empty periods"),
    # rate 3.0417: P(X >= 8) = 0.0120; P(X >= 6) = 0.0878
    (8, 3.0, 12, "high", "eight where three were usual"),
    (6, 3.0, 12, "", "six where three were usual"),
    (3, 3.0, 12, "", "as usual"),
    (10, 0.0, 3, "", "too little history to judge"),
    (5, None, 12, "", "no mean"),
])
def test_flag_rule_on_hand_computed_cases(n, mean, periods, expected, why):
    assert flag(n, mean, periods) == expected, why
    if mean is not None and periods >= 4:
        r = mean + 0.5 / periods
        high, low = 1 - exact_cdf(n - 1, r) if n else 1.0, exact_cdf(n, r)
        assert expected == ("high" if high < 0.05 else "low" if low < 0.05 else "")


# -- the window -----------------------------------------------------------------------------------

def test_window_of_a_date_range_is_that_range():
    w = window(Filters(date_from=date(2024, 1, 1), date_to=date(2024, 1, 31)), "week", date(2015, 1, 1),
               date(2024, 12, 31))
    assert (w.start(), w.end, w.days, w.from_filters) == (date(2024, 1, 1), date(2024, 1, 31), 31, True)
    assert (w.start(1), w.last(1)) == (date(2023, 12, 1), date(2023, 12, 31))
    assert w.start(12) == date(2024, 1, 1) - timedelta(days=12 * 31)


def test_window_without_dates_is_the_last_period_of_the_data():
    w = window(Filters(), None, date(2024, 10, 1), date(2024, 12, 9))
    assert (w.start(), w.end, w.days, w.from_filters) == (date(2024, 11, 10), date(2024, 12, 9), 30, False)
    assert w.words() == "2024-11-10 to 2024-12-09 (30 days)"
    # the data begins 2024-10-01: period 1 (10-11..11-09) is covered, period 2 (09-11..) is not
    assert w.covered(1) and not w.covered(2) and w.covered_count(12) == 1
    assert window(Filters(), "quarter", None, date(2024, 12, 9)).days == 91
    assert window(Filters(), "nonsense", None, date(2024, 12, 9)).days == 30
    assert window(Filters(), None, None, None) is None


def test_window_with_one_bound():
    w = window(Filters(date_from=date(2024, 12, 1)), None, date(2020, 1, 1), date(2024, 12, 9))
    assert (w.start(), w.end) == (date(2024, 12, 1), date(2024, 12, 9))
    w = window(Filters(date_to=date(2024, 6, 30)), "week", None, date(2024, 12, 9))
    assert (w.start(), w.end) == (date(2024, 6, 24), date(2024, 6, 30))


def test_undated_filters_keep_everything_but_the_dates():
    f = Filters(date_from=date(2024, 1, 1), include_undated=False, governorates=("Kirkuk",), min_fatalities=2)
    assert undated_filters(f) == Filters(governorates=("Kirkuk",), min_fatalities=2)


# -- the table from counts ------------------------------------------------------------------------

def test_trend_table_means_only_average_covered_periods():
    counts = pd.DataFrame([
        ("Kirkuk", 0, 9, 20), ("Kirkuk", 1, 2, 1), ("Kirkuk", 2, 4, 0), ("Kirkuk", 3, 1, 0),
        ("Kirkuk", 7, 50, 50),  # before the data began: left out of every mean
        ("Diyala", 1, 3, 3),
    ], columns=["group", "period", "incidents", "fatalities"])
    end = date(2024, 12, 31)
    w = Window(end, 10, data_start=end - timedelta(days=10 * 6 - 1))  # periods 1..5 covered
    t = trend_table(counts, w, groups=("Nineveh",)).set_index("group")
    assert list(t.index) == ["Kirkuk", "Diyala", "Nineveh", TOTAL]
    k = t.loc["Kirkuk"]
    assert (k.incidents, k.previous, k.mean4, k.mean12, k.change) == (9, 2, 1.75, 1.4, 7)
    assert (k.fatalities, k.fatalities_previous, k.fatalities_mean4) == (20, 1, 0.25)
    assert k.vs_mean12 == pytest.approx(7.6)
    assert t.loc["Nineveh"].incidents == 0 and t.loc["Nineveh"].flag == ""
    total = t.loc[TOTAL]
    assert (total.incidents, total.previous, total.mean12) == (9, 5, 2.0)
    # Kirkuk: 9 against rate 1.4 + 0.5/5 = 1.5 -> P(X >= 9) = 1.1e-4: high
    assert k.flag == "high" and k.p_high == pytest.approx(1 - exact_cdf(8, 1.5))
    assert flagged(trend_table(counts, w)) == [("Kirkuk", "high")]


def test_trend_table_without_history_gives_no_mean_and_no_flag():
    counts = pd.DataFrame([("Kirkuk", 0, 5, 1)], columns=["group", "period", "incidents", "fatalities"])
    w = Window(date(2024, 12, 31), 30, data_start=date(2024, 12, 15))
    t = trend_table(counts, w)
    assert t["previous"].isna().all() and t["mean12"].isna().all() and (t["flag"] == "").all()
    assert headline(t, w) == "Last 30 days (to 2024-12-31): 5 incidents (no data for the period before)"


def test_signed_words():
    assert [signed(5), signed(-2), signed(0), signed(1.25, 1), signed(None)] == ["+5", "−2", "±0", "+1.2", "–"]


# -- the engine against pandas --------------------------------------------------------------------

def read_incidents(folder) -> pd.DataFrame:
    df = pd.read_csv(folder / "incidents.csv", dtype=str, keep_default_na=False, na_values=[""],
                     encoding="utf-8-sig")
    df["day"] = pd.to_datetime(df["event_date"], errors="coerce")
    df["fat"] = pd.to_numeric(df["fatalities"], errors="coerce").fillna(0).astype(int)
    return df


def pandas_counts(df: pd.DataFrame, keep, end: date, days: int, by: str) -> pd.DataFrame:
    """Per group and period (0 the current ... 12) the incidents and fatalities, made directly."""
    rows = df[keep(df) & df["day"].notna()].copy()
    rows["period"] = (pd.Timestamp(end) - rows["day"]).dt.days // days
    rows = rows[(rows["period"] >= 0) & (rows["period"] <= 12)]
    rows["group"] = rows[by].fillna("Unknown")
    return rows.groupby(["group", "period"]).agg(incidents=("event_id", "size"), fatalities=("fat", "sum"))


def expected_row(counts: pd.DataFrame, group: str, end: date, days: int, first: pd.Timestamp) -> dict:
    def at(p, col):
        return int(counts[col].get((group, p), 0))

    covered = [k for k in range(1, 13) if pd.Timestamp(end) - pd.Timedelta(days=(k + 1) * days - 1) >= first]
    c4, c12 = [k for k in covered if k <= 4], covered
    return {"incidents": at(0, "incidents"), "fatalities": at(0, "fatalities"),
            "previous": at(1, "incidents") if 1 in covered else None,
            "mean4": round(sum(at(k, "incidents") for k in c4) / len(c4), 2) if c4 else None,
            "mean12": round(sum(at(k, "incidents") for k in c12) / len(c12), 2) if c12 else None,
            "fatalities_mean12": round(sum(at(k, "fatalities") for k in c12) / len(c12), 2) if c12 else None}


def check_against_pandas(store: Store, df: pd.DataFrame, f: Filters, keep, period: str | None, by: str):
    w = store.run("trend_window", f, period)
    dated = df["day"].dropna()
    assert (w.data_start, w.end if not w.from_filters else w.end) == (dated.min().date(), w.end)
    if not w.from_filters:
        assert w.end == dated.max().date()
    counts = pandas_counts(df, keep, w.end, w.days, by)
    table = store.run("trends", f, period, by).set_index("group")
    groups = sorted(set(counts.index.get_level_values("group")))
    assert set(groups) <= set(table.index) and TOTAL in table.index
    for g in groups:
        row = table.loc[g]
        want = expected_row(counts, g, w.end, w.days, dated.min())
        got = {k: (None if pd.isna(row[k]) else (int(row[k]) if k in ("incidents", "fatalities", "previous")
                                                 else float(row[k]))) for k in want}
        assert got == want, g
    total = table.loc[TOTAL]
    now = counts[counts.index.get_level_values("period") == 0]
    assert int(total["incidents"]) == int(now["incidents"].sum())
    assert int(total["incidents"]) == sum(int(table.loc[g, "incidents"]) for g in table.index if g != TOTAL)
    return table


@pytest.fixture(scope="module")
def synth_data(tmp_path_factory):
    d = tmp_path_factory.mktemp("trend-synth")
    synth.write(d, *synth.generate(20_000, seed=3, n_articles=40))
    mp = pytest.MonkeyPatch()
    mp.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "store-cache"))
    try:
        yield Store.open(d), read_incidents(d)
    finally:
        mp.undo()


FOCUS = ("Kirkuk", "Salah ad-Din", "Diyala", "Nineveh")
CASES = [
    ("focus, 30 days", Filters(), lambda d: d["admin1"].isin(FOCUS) & (d["country"] == "Iraq"), None),
    ("all, quarter", ALL, lambda d: d["admin1"].notna() | d["admin1"].isna(), "quarter"),
    ("week", replace(ALL, event_types=("Battles",)), lambda d: d["event_type"] == "Battles", "week"),
    ("acled, fatal", replace(ALL, datasets=("acled",), min_fatalities=2),
     lambda d: (d["dataset"] == "acled") & (d["fat"] >= 2), "year"),
    ("extracted only", replace(ALL, datasets=("extracted",)), lambda d: d["dataset"] == "extracted", "year"),
    ("a date range", replace(ALL, date_from=date(2020, 3, 1), date_to=date(2020, 5, 31), include_undated=False),
     lambda d: d["admin1"].notna() | d["admin1"].isna(), "week"),
]


@pytest.mark.parametrize("by", ["admin1", "event_type"])
@pytest.mark.parametrize("name, f, keep, period", CASES, ids=[c[0] for c in CASES])
def test_trends_equal_pandas_counts_on_synthetic_data(synth_data, name, f, keep, period, by):
    store, df = synth_data
    table = check_against_pandas(store, df, f, keep, period, by)
    assert table.loc[TOTAL, "incidents"] > 0, "the case has incidents in its period"
    if name == "a date range":
        # the period is the range; the periods before it are counted although the filter excludes them
        w = store.run("trend_window", f, period)
        assert (w.start(), w.end, w.days) == (date(2020, 3, 1), date(2020, 5, 31), 92)
        assert table.loc[TOTAL, "previous"] > 0
    if by == "admin1" and f.governorates:
        assert set(f.governorates) <= set(table.index), "chosen governorates listed even when empty"


def test_series_adds_up_to_the_table_and_tiles_the_window(synth_data):
    store, _ = synth_data
    for period in ("week", "30d", "quarter", "year"):
        w = store.run("trend_window", ALL, period)
        k = series_steps(w.days)
        series = store.run("trend_series", ALL, period)
        table = store.run("trends", ALL, period).set_index("group")
        now = series[series["period"] == 0].groupby("group")["incidents"].sum()
        for g, n in now.items():
            assert table.loc[g, "incidents"] == n, (period, g)
        steps = series.drop_duplicates("step").sort_values("step")
        for s, first, last in steps[["step", "first", "last"]].itertuples(index=False):
            assert date.fromisoformat(last) == w.end - timedelta(days=-(-s * w.days // k)), (period, s)
            assert date.fromisoformat(first) <= date.fromisoformat(last)
        assert series["step"].max() < 13 * k and series["step"].min() >= 0
    assert series_steps(7) == 1 and series_steps(30) == 4 and series_steps(91) == 3 and series_steps(365) == 4
    assert series_steps(60) == 2 and series_steps(3 * 365) == 4 and series_steps(1) == 1


def test_trends_on_the_shipped_data():
    store, df = Store.open(ROOT / "data"), read_incidents(ROOT / "data")
    for period in (None, "year"):
        check_against_pandas(store, df, ALL, lambda d: d["admin1"].notna() | d["admin1"].isna(), period, "admin1")
    table = store.run("trends", Filters(governorates=("Kirkuk",)), None)
    assert list(table["group"]) == ["Kirkuk", TOTAL]
    undated = store.run("summary", undated_filters(Filters(governorates=None)))["undated"]
    assert undated == int((df["day"].isna() & (df["country"] == "Iraq")).sum()) > 0


def test_trends_on_an_acled_import(tmp_path):
    for name in ("incidents.csv", "articles.csv"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    import_acled(ROOT / "tests" / "fixtures" / "acled" / "current.csv", tmp_path)
    store, df = Store.open(tmp_path), read_incidents(tmp_path)
    assert (df["dataset"] == "acled").sum() > 0
    for f, keep in ((ALL, lambda d: d["admin1"].notna() | d["admin1"].isna()),
                    (replace(ALL, datasets=("acled",)), lambda d: d["dataset"] == "acled")):
        table = check_against_pandas(store, df, f, keep, None, "admin1")
        assert table.loc[TOTAL, "incidents"] > 0


def test_no_dated_incident_gives_no_window_and_an_empty_table(tmp_path):
    from incidents.dataset.tables import empty_incidents, write_table
    from incidents.schema import INCIDENT_COLUMNS

    write_table(empty_incidents(), tmp_path / "incidents.csv", INCIDENT_COLUMNS)
    store = Store.open(tmp_path)
    assert store.run("trend_window", Filters(), None) is None
    assert store.run("trends", Filters()).empty and store.run("trend_series", Filters()).empty


def test_trends_reject_an_unknown_grouping(synth_data):
    with pytest.raises(ValueError):
        synth_data[0].run("trends", ALL, None, "notes")
