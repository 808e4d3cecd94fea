"""The Trends page and the overview's trends line under AppTest: the numbers shown equal counts made
directly with pandas from the CSV (synthetic, shipped and ACLED-imported data), the period and the
filters survive the URL, the empty state, the undated count."""

from __future__ import annotations

import shutil
from datetime import date

import pandas as pd

from incidents import ROOT
from incidents.dataset.acled import import_acled
from incidents.filters import from_query_params
from incidents.store.store import Store
from incidents.trends import headline

PAGE = "pages/6_Trends.py"


def read(folder) -> pd.DataFrame:
    df = pd.read_csv(folder / "incidents.csv", dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    df["day"] = pd.to_datetime(df["event_date"], errors="coerce")
    df["fat"] = pd.to_numeric(df["fatalities"], errors="coerce").fillna(0).astype(int)
    return df


def periods(df: pd.DataFrame, end: date, days: int) -> pd.Series:
    """The period of each dated row (0 the one ending on ``end``), NaN for undated rows."""
    return (pd.Timestamp(end) - df["day"]).dt.days // days


def shown(at, name: str = "Governorate") -> pd.DataFrame:
    """The first trends table on the page whose first column is ``name``, indexed by it."""
    frame = next(d.value for d in at.dataframe if d.value.columns[0] == name)
    return frame.set_index(name)


def metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def check_numbers(at, df: pd.DataFrame, end: date, days: int, keep) -> None:
    """Incidents, Before and Fatalities per governorate and in total equal the pandas counts."""
    rows = df[keep(df)].copy()
    rows["period"] = periods(rows, end, days)
    table = shown(at)
    for p, col in ((0, "Incidents"), (1, "Before")):
        got = rows[rows["period"] == p].groupby("admin1").size()
        for g in table.index.drop("All"):
            assert int(table.loc[g, col]) == int(got.get(g, 0)), (g, col)
        assert int(table.loc["All", col]) == int(got.sum()), col
    fat = rows[rows["period"] == 0].groupby("admin1")["fat"].sum()
    for g in table.index.drop("All"):
        assert int(table.loc[g, "Fatalities"]) == int(fat.get(g, 0)), g
    assert metric(at, "Incidents") == f"{int((rows['period'] == 0).sum()):,}"


def test_numbers_equal_pandas_counts_on_synthetic_data(run_page, synth_dir):
    df = read(synth_dir)
    at = run_page(synth_dir, PAGE, {"governorates": "all", "trend_period": "year"})
    assert not at.exception, [e.value for e in at.exception]
    end = df["day"].max().date()
    assert at.title[0].value.endswith(f"to {end.isoformat()} (365 days)")
    check_numbers(at, df, end, 365, lambda d: d["country"] == "Iraq")
    types = shown(at, "Event type")
    rows = df[(df["country"] == "Iraq") & (periods(df, end, 365) == 0)]
    now = types.drop("All")["Incidents"]
    assert now[now > 0].to_dict() == rows.groupby("event_type").size().to_dict()
    assert at.get("image"), "the small multiples"


def test_a_date_range_is_the_period_on_shipped_data(run_page):
    params = {"governorates": "Kirkuk", "from": "2024-01-01", "to": "2024-12-31"}
    at = run_page(ROOT / "data", PAGE, params)
    assert not at.exception
    assert at.title[0].value == "What changed: 2024-01-01 to 2024-12-31 (366 days)"
    check_numbers(at, read(ROOT / "data"), date(2024, 12, 31), 366, lambda d: d["admin1"] == "Kirkuk")
    assert any("filters' date range" in c.value for c in at.caption)
    assert at.get("button_group")[0].proto.disabled, "the period presets give way to the date range"
    df = read(ROOT / "data")
    undated = int(((df["admin1"] == "Kirkuk") & df["day"].isna()).sum())
    assert undated > 0
    assert any(f"{undated} undated incident(s) match the other filters and are in no period" in c.value
               for c in at.caption)


def test_numbers_on_an_acled_import(run_page, tmp_path):
    for name in ("incidents.csv", "articles.csv"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    import_acled(ROOT / "tests" / "fixtures" / "acled" / "current.csv", tmp_path)
    df = read(tmp_path)
    at = run_page(tmp_path, PAGE, {"governorates": "all", "datasets": "acled"})
    assert not at.exception
    end = df["day"].max().date()
    check_numbers(at, df, end, 30, lambda d: (d["dataset"] == "acled") & (d["country"] == "Iraq"))
    assert metric(at, "Incidents") != "0"


def test_the_period_round_trips_through_the_url(run_page, synth_dir):
    at = run_page(synth_dir, PAGE, {"trend_period": "quarter", "governorates": "Kirkuk,Diyala"})
    assert "(91 days)" in at.title[0].value
    assert at.query_params["trend_period"] == "quarter" and at.query_params["governorates"] == "Kirkuk,Diyala"
    at.get("button_group")[0].set_value("week").run()
    assert not at.exception
    assert "(7 days)" in at.title[0].value
    assert at.query_params["trend_period"] == "week" and at.query_params["governorates"] == "Kirkuk,Diyala"
    assert list(shown(at).index)[-1] == "All" and {"Kirkuk", "Diyala"} <= set(shown(at).index)
    at = run_page(synth_dir, PAGE, {"trend_period": "fortnight"})  # unknown: the default, no crash
    assert not at.exception and "(30 days)" in at.title[0].value


def test_empty_state(run_page, synth_dir):
    at = run_page(synth_dir, PAGE, {"q": "no incident says this 7f3k"})
    assert not at.exception
    assert any("No incidents match these filters" in i.value for i in at.info)
    assert not at.get("image") and not [d for d in at.dataframe]
    # matching incidents, none dated: says so
    at = run_page(synth_dir, PAGE, {"governorates": "all", "from": "2031-01-01", "to": "2031-03-01"})
    assert not at.exception
    assert any("No dated incidents match these filters" in i.value for i in at.info)


def test_overview_line_says_what_the_store_says_and_links_to_trends(run_page, synth_dir):
    params = {"governorates": "all", "event_types": "Battles"}
    at = run_page(synth_dir, "dashboard.py", params)
    assert not at.exception
    f, _ = from_query_params(params)
    store = Store.open(synth_dir)
    line = headline(store.run("trends", f), store.run("trend_window", f))
    assert any(f">{line}<" in h.value for h in at.html), line
    link = next(p for p in at.get("page_link") if p.proto.page.endswith("6_Trends.py") or p.page == "Trends")
    assert "governorates=all" in link.proto.query_string and "event_types=Battles" in link.proto.query_string
