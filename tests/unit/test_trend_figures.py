"""The Trends figures: the small multiples drawn to SVG hold one bar per step with incidents and one
panel per governorate on one scale, drawn from the period that holds the data's first day; the
tables in words and escaped; the briefing's rows; the briefing command's checks of trend and
trend_period."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import date

import pandas as pd
import pytest

from incidents import ROOT
from incidents.dataset import synth
from incidents.figures.briefing import ArgumentError, parse_query
from incidents.figures.static import SVG_NS, render_svg
from incidents.figures.trend_tables import (
    BRIEFING_COLUMNS,
    briefing_rows,
    flag_words,
    table_html,
    trend_asked,
    trend_param_problems,
)
from incidents.figures.trends import (
    CURRENT,
    EARLIER,
    facet_label,
    figure_table,
    first_drawn,
    shown_width,
    small_multiples_spec,
    step_words,
)
from incidents.filters import Filters
from incidents.store.queries import series_steps
from incidents.store.store import Store
from incidents.trends import TOTAL, Window, trend_table

ALL = Filters(governorates=None, countries=())


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "store-cache"))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("trend-fig")
    synth.write(d, *synth.generate(8_000, seed=9, n_articles=20))
    mp = pytest.MonkeyPatch()
    mp.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "store-cache"))
    try:
        yield Store.open(d)
    finally:
        mp.undo()


def all_texts(svg: str) -> list:
    """Every text element of a drawn figure, headers and axes included (``drawn_marks`` has the data
    marks only)."""
    return list(ET.fromstring(svg).iter(f"{SVG_NS}text"))


def layer_rects(svg: str, layer: int) -> list:
    """The rect paths of layer ``layer`` of every panel (Vega names them child_layer_N_marks)."""
    out = []
    for g in ET.fromstring(svg).iter(f"{SVG_NS}g"):
        classes = (g.get("class") or "").split()
        if "mark-rect" in classes and f"child_layer_{layer}_marks" in classes:
            out.extend(c for c in g if c.tag == f"{SVG_NS}path")
    return out


@pytest.mark.parametrize("f, period", [(Filters(), None), (ALL, "quarter"), (ALL, "week")])
def test_small_multiples_draw_every_step_in_its_panel(store, f, period):
    w = store.run("trend_window", f, period)
    table, series = store.run("trends", f, period), store.run("trend_series", f, period)
    k = series_steps(w.days)
    svg = render_svg(small_multiples_spec(series, table, w, k))
    panels = [g for g in table["group"] if g != TOTAL]
    bars = layer_rects(svg, 2)
    assert len(bars) == len(series) > 0
    fills = [b.get("fill") for b in bars]
    assert fills.count(CURRENT) == int((series["period"] == 0).sum()) and EARLIER in fills
    assert len(layer_rects(svg, 1)) == len(panels), "one band of the current period per panel"
    titles = [t.text for t in all_texts(svg)]
    for _, row in table[table["group"] != TOTAL].iterrows():
        assert facet_label(row) in titles
    # one shared y scale: one axis per row of panels (the leftmost), every row with the same labels
    axis = [t.text for t in all_texts(svg) if t.text and t.text.isdigit()]
    rows = -(-len(panels) // 4)
    assert len(axis) == rows * len(set(axis)) and axis[: len(set(axis))] * rows == axis


def test_figure_table_marks_the_current_period_and_the_time_before_the_data():
    w = Window(date(2024, 12, 31), 30, data_start=date(2024, 6, 1))
    counts = pd.DataFrame([("Kirkuk", 0, 4, 1)], columns=["group", "period", "incidents", "fatalities"])
    series = pd.DataFrame([("Kirkuk", 0, "2024-12-24", "2024-12-31", 0, 3, 1),
                           ("Kirkuk", 9, "2024-09-25", "2024-10-02", 2, 1, 0)],
                          columns=["group", "step", "first", "last", "period", "incidents", "fatalities"])
    data = figure_table(series, trend_table(counts, w), w, 4).set_index("kind")
    assert data.loc["band", ["start", "end"]].tolist() == ["2024-12-02", "2025-01-01"]
    # 2024-06-01 is 213 days before the end: in period 7 (days 210-239), which starts on 2024-05-06
    assert first_drawn(w) == 7 and w.start(7) == date(2024, 5, 6)
    assert data.loc["nodata", ["start", "end"]].tolist() == ["2024-05-06", "2024-06-01"]
    assert first_drawn(Window(date(2024, 12, 31), 30, data_start=date(2020, 1, 1))) == 12
    assert first_drawn(Window(date(2024, 12, 31), 30, data_start=date(2024, 12, 20))) == 0
    assert first_drawn(Window(date(2024, 12, 31), 30)) == 12
    bars = data.loc["bar"]
    assert bars["end"].tolist() == ["2025-01-01", "2024-10-03"] and bars["current"].tolist() == [True, False]
    assert step_words(30, 4) == "7–8 days" and step_words(7, 1) == "7 days"


def test_table_html_writes_every_column_and_the_flag_in_words(store):
    table = store.run("trends", ALL, "quarter")
    out = table_html(table, "Governorate")
    heads = re.findall(r"<th(?: [^>]*)?>(.*?)</th>", out)
    assert heads == ["Governorate", "Incidents", "Before", "Change", "Mean of 4", "Mean of 12", "vs mean of 12",
                     "Flag", "Fatalities", "Fatalities before", "Fatalities, mean of 12"]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in out.split("<tbody>")[1].split("</tr>") if "<td" in r]
    assert [r[0] for r in rows] == table["group"].tolist()
    assert [r[1] for r in rows] == [f"{n:,}" for n in table["incidents"]]
    assert [r[7] for r in rows] == [html.escape(flag_words(r)) for _, r in table.iterrows()]
    row = pd.Series({"flag": "high", "p_high": 0.0123, "p_low": 0.99})
    assert flag_words(row) == "▲ unusually high (p = 0.012)"
    assert flag_words(pd.Series({"flag": "low", "p_high": 1.0, "p_low": 0.0001})) == "▼ unusually low (p < 0.001)"
    assert flag_words(pd.Series({"flag": "", "p_high": 0.5, "p_low": 0.5})) == ""


def test_briefing_rows_list_flagged_first_and_end_with_the_total_and_names_are_escaped():
    w = Window(date(2024, 12, 31), 30, data_start=date(2020, 1, 1))
    rows = [("<b>Kirkuk</b>", 0, 2, 0)] + [("Quiet", p, 3, 0) for p in range(13)] + [("Rising", 0, 9, 2)]
    rows += [("Rising", p, 1, 0) for p in range(1, 13)]
    table = trend_table(pd.DataFrame(rows, columns=["group", "period", "incidents", "fatalities"]), w)
    # Rising (9 against 1) and Kirkuk (2 against 0) are flagged: listed before Quiet (3 as always)
    assert briefing_rows(table, 3)["group"].tolist() == ["Rising", "<b>Kirkuk</b>", "Quiet", TOTAL]
    assert briefing_rows(table, 2)["group"].tolist() == ["Rising", "<b>Kirkuk</b>", TOTAL]
    out = table_html(briefing_rows(table, 3), "Governorate", BRIEFING_COLUMNS)
    assert "&lt;b&gt;Kirkuk&lt;/b&gt;" in out and "<b>Kirkuk</b>" not in out
    assert "unusually high" in out and out.count("<tr") == 5
    last = out.split("<tbody>")[1].split("<tr")[-1]
    assert last.startswith(' class="iim-trend-total"><td class="name">All</td><td>14</td><td>4</td><td>+10</td><td>4.0</td><td>4.0</td><td>2</td>')


def test_briefing_query_checks_trend_parameters():
    params, f = parse_query("governorates=Kirkuk&trend=1&trend_period=quarter")
    assert params == {"governorates": "Kirkuk", "trend": "1", "trend_period": "quarter"}
    assert f == Filters(governorates=("Kirkuk",))
    with pytest.raises(ArgumentError, match="trend=maybe"):
        parse_query("trend=maybe")
    with pytest.raises(ArgumentError, match="trend_period=fortnight"):
        parse_query("trend=1&trend_period=fortnight")
    assert trend_param_problems({"trend": "0"}) == [] and trend_asked("1") and not trend_asked("0")


def test_small_multiples_on_the_shipped_data():
    s = Store.open(ROOT / "data")
    w = s.run("trend_window", ALL, "year")
    svg = render_svg(small_multiples_spec(s.run("trend_series", ALL, "year"), s.run("trends", ALL, "year"), w,
                                          series_steps(w.days)))
    assert len(layer_rects(svg, 0)) == 5, "the years before the data began are grey in each of the 5 panels"
    assert "Kirkuk: 3 (+3) ▲" in [t.text for t in all_texts(svg)]


def test_shown_width_follows_the_drawn_width(store):
    w = store.run("trend_window", ALL, None)
    table = store.run("trends", ALL, None)
    series = store.run("trend_series", ALL, None)
    few = render_svg(small_multiples_spec(series, table.iloc[[0, 1, -1]], w, series_steps(w.days)))
    many = render_svg(small_multiples_spec(series, table, w, series_steps(w.days)))
    assert shown_width(few) < shown_width(many), "three panels are shown narrower than a full row of four"
    assert shown_width('<svg width="500" height="90">', 1.2) == 600 and shown_width("<svg>") == 1300
