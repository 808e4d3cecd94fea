"""The Trends page and the overview's trends line under AppTest: the numbers shown equal counts made
directly with pandas from the CSV (synthetic, shipped and ACLED-imported data), the period and the
filters survive the URL, the empty state, the undated count."""

from __future__ import annotations

import base64
import html
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from incidents import ROOT
from incidents.dataset.acled import import_acled
from incidents.dataset.synth_acled import write_acled_export
from incidents.figures.static import SVG_NS
from incidents.figures.trends import CURRENT
from incidents.filters import from_query_params
from incidents.store.queries import series_steps
from incidents.store.store import Store
from incidents.trends import HISTORY, PERIODS, headline, signed

PAGE = "pages/6_Trends.py"
CELL_WIDTH = 230  # px of one small multiple (small_multiples_spec's default)
BRIEFING_CELL = 170  # in the briefing (incidents.ui.trends)


def read(folder) -> pd.DataFrame:
    df = pd.read_csv(folder / "incidents.csv", dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig")
    df["day"] = pd.to_datetime(df["event_date"], errors="coerce")
    df["fat"] = pd.to_numeric(df["fatalities"], errors="coerce").fillna(0).astype(int)
    return df


def periods(df: pd.DataFrame, end: date, days: int) -> pd.Series:
    """The period of each dated row (0 the one ending on ``end``), NaN for undated rows."""
    return (pd.Timestamp(end) - df["day"]).dt.days // days


def html_table(text: str) -> pd.DataFrame:
    """The first HTML table of ``text`` as text cells (entities decoded), headed by its header row
    and indexed by its first column."""
    head = [html.unescape(h) for h in re.findall(r"<th(?: [^>]*)?>(.*?)</th>", text)]
    body = text.split("<tbody>")[1].split("</tbody>")[0]
    rows = [[html.unescape(c) for c in re.findall(r"<td(?: [^>]*)?>(.*?)</td>", r)] for r in body.split("</tr>")]
    return pd.DataFrame([r for r in rows if r], columns=head).set_index(head[0])


def shown(at, name: str = "Governorate") -> pd.DataFrame:
    """The trends table on the page whose first column is ``name``, indexed by it (text cells)."""
    testid = f'data-testid="iim-trends-{name.lower().replace(" ", "-")}"'
    return html_table(next(h.value for h in at.html if testid in h.value))


def num(cell: str) -> int:
    """A count as the tables write it ("1,234") -> 1234."""
    return int(cell.replace(",", ""))


def days_shown(at) -> str:
    """The caption's "Compared with the N days before" (the period's length)."""
    return next(c.value for c in at.caption if c.value.startswith("Compared with the")).split(" before")[0]


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
            assert num(table.loc[g, col]) == int(got.get(g, 0)), (g, col)
        assert num(table.loc["All", col]) == int(got.sum()), col
    fat = rows[rows["period"] == 0].groupby("admin1")["fat"].sum()
    for g in table.index.drop("All"):
        assert num(table.loc[g, "Fatalities"]) == int(fat.get(g, 0)), g
    assert metric(at, "Incidents") == f"{int((rows['period'] == 0).sum()):,}"


def test_numbers_equal_pandas_counts_on_synthetic_data(run_page, synth_dir):
    df = read(synth_dir)
    at = run_page(synth_dir, PAGE, {"governorates": "all", "trend_period": "year"})
    assert not at.exception, [e.value for e in at.exception]
    end = df["day"].max().date()
    assert at.title[0].value.endswith(f"to {end.isoformat()}") and days_shown(at) == "Compared with the 365 days"
    check_numbers(at, df, end, 365, lambda d: d["country"] == "Iraq")
    types = shown(at, "Event type")
    rows = df[(df["country"] == "Iraq") & (periods(df, end, 365) == 0)]
    now = types.drop("All")["Incidents"].map(num)
    assert now[now > 0].to_dict() == rows.groupby("event_type").size().to_dict()
    assert at.get("image"), "the small multiples"


def test_a_date_range_is_the_period_on_shipped_data(run_page):
    params = {"governorates": "Kirkuk", "from": "2024-01-01", "to": "2024-12-31"}
    at = run_page(ROOT / "data", PAGE, params)
    assert not at.exception
    assert at.title[0].value == "What changed: 2024-01-01 to 2024-12-31" and days_shown(at).endswith("366 days")
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
    assert days_shown(at).endswith(" 91 days")
    assert at.query_params["trend_period"] == "quarter" and at.query_params["governorates"] == "Kirkuk,Diyala"
    at.get("button_group")[0].set_value("week").run()
    assert not at.exception
    assert days_shown(at).endswith(" 7 days")
    assert at.query_params["trend_period"] == "week" and at.query_params["governorates"] == "Kirkuk,Diyala"
    assert list(shown(at).index)[-1] == "All" and {"Kirkuk", "Diyala"} <= set(shown(at).index)
    at = run_page(synth_dir, PAGE, {"trend_period": "fortnight"})  # unknown: the default, no crash
    assert not at.exception and days_shown(at).endswith(" 30 days")


def test_empty_state(run_page, synth_dir):
    at = run_page(synth_dir, PAGE, {"q": "no incident says this 7f3k"})
    assert not at.exception
    assert any("No incidents match these filters" in i.value for i in at.info)
    assert not at.get("image") and not [h for h in at.html if "iim-trends" in h.value]
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


# -- the small multiples and the briefing's table against pandas, on shipped and imported ACLED data --

@pytest.fixture(scope="module")
def acled_dir(tmp_path_factory) -> Path:
    """The shipped tables with 2,000 synthetic ACLED rows imported (current 31-column export)."""
    folder = tmp_path_factory.mktemp("trends-acled")
    for name in ("incidents.csv", "articles.csv"):
        shutil.copy(ROOT / "data" / name, folder / name)
    result = import_acled(write_acled_export(folder / "export.csv", 2_000, seed=4), folder)
    assert result.added > 1_800
    return folder


def keep_rows(df: pd.DataFrame, params: dict[str, str]) -> pd.Series:
    """The rows the filters of ``params`` keep, but for the dates (the trend window places those),
    written straight from the filters' meaning: Iraq; governorates named or all; event types;
    datasets; fatalities at least min_fatalities."""
    keep = df["country"] == "Iraq"
    names = params.get("governorates", "")
    if names != "all":
        keep &= df["admin1"].isin(names.split(","))
    for key, column in (("event_types", "event_type"), ("datasets", "dataset")):
        if key in params:
            keep &= df[column].isin(params[key].split(","))
    return keep & (df["fat"] >= int(params.get("min_fatalities", 0)))


def pandas_window(df: pd.DataFrame, params: dict[str, str]) -> tuple[date, int]:
    """(last day, days) of the current period: the filters' date range, else the last trend_period
    days up to the latest dated incident of the whole table."""
    if "from" in params and "to" in params:
        lo, hi = date.fromisoformat(params["from"]), date.fromisoformat(params["to"])
        return hi, (hi - lo).days + 1
    return df["day"].max().date(), PERIODS[params.get("trend_period", "30d")]


def pandas_steps(rows: pd.DataFrame, end: date, days: int, steps: int) -> pd.DataFrame:
    """Incidents per governorate and step of the 13 periods (step s: the days d before ``end`` with
    floor(d * steps / days) == s), with the step's first day."""
    d = (pd.Timestamp(end) - rows["day"]).dt.days
    inside = rows[(d >= 0) & (d < (HISTORY + 1) * days)].copy()
    inside["step"] = (d[inside.index] * steps) // days
    out = inside.groupby([inside["admin1"].fillna("Unknown"), "step"]).size().rename("n").reset_index()
    out["first"] = [end - timedelta(days=-(-(s + 1) * days // steps) - 1) for s in out["step"]]
    return out


def svg_panels(at) -> dict[str, list[tuple[float, float, str]]]:
    """The small multiples drawn on the page (the SVG of its image): per panel title, its bars as
    (x, height, fill), left to right."""
    url = at.get("image")[0].proto.imgs[0].url
    assert url.startswith("data:image/svg+xml;base64,")
    root = ET.fromstring(base64.b64decode(url.split(",", 1)[1]))
    cells = next(g for g in root.iter(f"{SVG_NS}g") if "cell" in (g.get("class") or "").split())
    out = {}
    for panel in cells:
        title = next(t.text for t in panel.iter(f"{SVG_NS}text") if t.text and ": " in t.text)
        bars = [p for g in panel.iter(f"{SVG_NS}g") if "child_layer_2_marks" in (g.get("class") or "")
                for p in g]
        out[title] = sorted((float(m[1]), float(m[2]), b.get("fill")) for b in bars
                            for m in [re.match(r"M([\d.]+),[\d.]+h[\d.]+v([\d.]+)", b.get("d"))])
    return out


def drawn_days(df: pd.DataFrame, end: date, days: int) -> int:
    """Days the x axis spans: the current period and the earlier ones back to the one holding the
    table's first dated day (at most 12 before)."""
    back = (pd.Timestamp(end) - df["day"].min()).days // days
    return (min(HISTORY, back) + 1) * days


def check_figure(at, df: pd.DataFrame, params: dict[str, str], every: bool = True, cell: int = CELL_WIDTH) -> None:
    """Every panel's title says the governorate's incidents now and their change on the period
    before; its bars stand at the steps pandas finds incidents in, CURRENT in the current period;
    their heights are the pandas counts on one scale shared by every panel. ``every``: a panel for
    each governorate with incidents (the page; the briefing draws those its table lists); ``cell``:
    the width of a panel in px."""
    end, days = pandas_window(df, params)
    k = series_steps(days)
    counts = pandas_steps(df[keep_rows(df, params)], end, days, k)
    panels = svg_panels(at)
    if every:
        assert {t.rsplit(": ", 1)[0] for t in panels} >= set(counts["admin1"]), "a panel per governorate with incidents"
    tallest = counts[counts["admin1"].isin([t.rsplit(": ", 1)[0] for t in panels])]["n"].max()
    unit = max(h for bars in panels.values() for _, h, _ in bars) / tallest
    span = drawn_days(df, end, days)
    for title, bars in panels.items():
        name, rest = title.rsplit(": ", 1)
        mine = counts[counts["admin1"] == name].sort_values("step", ascending=False)
        now, before = int(mine.loc[mine["step"] < k, "n"].sum()), int(mine.loc[(mine["step"] >= k) & (mine["step"] < 2 * k), "n"].sum())
        assert rest.split(" ")[0] == f"{now:,}" and f"({signed(now - before)})" in rest, title
        assert [round(h / unit, 6) for _, h, _ in bars] == [float(n) for n in mine["n"]], title
        assert [fill == CURRENT for *_, fill in bars] == (mine["step"] < k).tolist(), title
        start = end - timedelta(days=span - 1)
        firsts = [(start + timedelta(days=round(x / cell * span))) for x, _, _ in bars]
        assert firsts == mine["first"].tolist(), title


FIGURE_CASES = [
    ("shipped", {"governorates": "all", "trend_period": "year"}),
    ("acled", {"governorates": "all", "datasets": "acled"}),
    ("acled", {"governorates": "all", "event_types": "Battles,Explosions/Remote violence", "trend_period": "quarter"}),
    ("acled", {"governorates": "Kirkuk,Diyala,Nineveh", "min_fatalities": "1", "trend_period": "year"}),
    ("acled", {"governorates": "all", "from": "2024-07-01", "to": "2024-09-30"}),
]


@pytest.mark.parametrize("where, params", FIGURE_CASES)
def test_small_multiples_and_tables_equal_pandas_counts(run_page, acled_dir, where, params):
    folder = ROOT / "data" if where == "shipped" else acled_dir
    df = read(folder)
    at = run_page(folder, PAGE, params)
    assert not at.exception, [e.value for e in at.exception]
    end, days = pandas_window(df, params)
    check_numbers(at, df, end, days, lambda d: keep_rows(d, params))
    check_figure(at, df, params)


def briefing_table(at, by: str) -> pd.DataFrame:
    """The briefing's trends table per ``by`` (admin1 or event_type), text cells."""
    return html_table(next(m.value for m in at.markdown if f'data-testid="iim-trends-{by}"' in m.value))


@pytest.mark.parametrize("where, params", [FIGURE_CASES[0], FIGURE_CASES[1], FIGURE_CASES[3]])
def test_briefing_with_trend_shows_pandas_counts(run_page, acled_dir, where, params):
    folder = ROOT / "data" if where == "shipped" else acled_dir
    df = read(folder)
    at = run_page(folder, "pages/5_Briefing.py", {**params, "trend": "1"})
    assert not at.exception, [e.value for e in at.exception]
    end, days = pandas_window(df, params)
    rows = df[keep_rows(df, params)].copy()
    rows["period"] = periods(rows, end, days)
    for by in ("admin1", "event_type"):
        table = briefing_table(at, by)
        now = rows[rows["period"] == 0].groupby(by).size()
        before = rows[rows["period"] == 1].groupby(by).size()
        assert list(table.index)[-1] == "All" and len(table) <= 9
        for name, cells in table.iterrows():
            n = int(now.sum()) if name == "All" else int(now.get(name, 0))
            b = int(before.sum()) if name == "All" else int(before.get(name, 0))
            assert (num(cells["Incidents"]), num(cells["Before"]), cells["Change"]) == (n, b, signed(n - b)), (name, cells)
    text = "".join(m.value for m in at.markdown)
    assert f"What changed: {end - timedelta(days=days - 1)} to {end} ({days} days) against" in text
    assert "What changed by governorate" in text and "What changed by event type" in text
    assert "Deadliest incidents" not in text and not at.get("plotly_chart"), "the trends take their places"
    check_figure(at, df, params, every=False, cell=BRIEFING_CELL)
    assert {t.rsplit(": ", 1)[0] for t in svg_panels(at)} == set(briefing_table(at, "admin1").index) - {"All"}
    assert at.query_params["trend"] == "1"
    at = run_page(folder, "pages/5_Briefing.py", params)  # not asked: the timeline and the deadliest
    assert not any("iim-trends" in m.value for m in at.markdown) and len(at.get("plotly_chart")) == 1
