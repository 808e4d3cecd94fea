"""The Trends figures: small multiples per governorate (a Vega-Lite spec, drawn to SVG by
``incidents.figures.static`` as the overview's figures are), the trends table in words, and the
briefing's compact trends table (escaped HTML). Pure: frames in, spec / frame / HTML out.

In: the answers of the store's ``trends`` (the table of ``incidents.trends.trend_table``) and
``trend_series`` queries, and the ``incidents.trends.Window`` they were made for.
"""

from __future__ import annotations

import html
from datetime import timedelta

import pandas as pd

from incidents.figures.vegalite import CONFIG, SCHEMA
from incidents.trends import FLAG_WORDS, HISTORY, PERIODS, TOTAL, Window, days_words, signed

EARLIER = "#7b8ea3"    # bars of the earlier periods
CURRENT = "#c8553d"    # bars of the current period
BAND = "#fbe3d6"       # behind the current period
NO_DATA = "#eeeeee"    # before the data begins
MEAN = "#333333"       # the dashed mean of the 12 earlier periods (per step)
FLAG_MARK = {"high": "▲", "low": "▼"}
FIGURE_COLUMNS = ("kind", "label", "order", "start", "end", "incidents", "mean_step")


def step_words(days: int, steps: int) -> str:
    """``"7–8 days"`` (what one bar of the small multiples counts)."""
    short, long = days // steps, -(-days // steps)
    return days_words(short) if short == long else f"{short}–{long} days"


def facet_label(row: pd.Series) -> str:
    """``"Kirkuk: 12 (+5) ▲"``: name, incidents now, change on the period before, flag mark."""
    mark = FLAG_MARK.get(row["flag"], "")
    return f"{row['group']}: {int(row['incidents']):,} ({signed(row['change'])}){' ' + mark if mark else ''}"


def figure_table(series: pd.DataFrame, table: pd.DataFrame, w: Window, steps: int) -> pd.DataFrame:
    """The small multiples' one table, FIGURE_COLUMNS: per governorate of ``table`` (totals row left
    out; its order) its bars ("bar": a step's first day to the day after its last, incidents), the
    band of the current period ("band"), the stretch before the data begins ("nodata") and the
    12-period mean per step ("mean": ``mean_step`` over the earlier periods)."""
    groups = table[table["group"] != TOTAL].reset_index(drop=True)
    span_start, span_end = w.start(HISTORY), w.end + timedelta(days=1)
    rows: list[dict] = []
    for order, row in groups.iterrows():
        label = facet_label(row)
        base = {"label": label, "order": order}
        rows.append({**base, "kind": "band", "start": w.start(), "end": span_end})
        if w.data_start is not None and w.data_start > span_start:
            rows.append({**base, "kind": "nodata", "start": span_start, "end": w.data_start})
        if pd.notna(row["mean12"]):
            first = max(span_start, w.data_start) if w.data_start else span_start
            rows.append({**base, "kind": "mean", "start": first, "end": w.start(),
                         "mean_step": float(row["mean12"]) / steps})
        mine = series[series["group"] == row["group"]]
        for first, last, n in mine[["first", "last", "incidents"]].itertuples(index=False):
            rows.append({**base, "kind": "bar", "start": pd.Timestamp(first).date(),
                         "end": pd.Timestamp(last).date() + timedelta(days=1), "incidents": int(n),
                         "current": pd.Timestamp(first).date() >= w.start()})
    out = pd.DataFrame(rows).reindex(columns=[*FIGURE_COLUMNS, "current"])
    for col in ("start", "end"):
        out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%d")
    return out


def _layer(kind: str, mark: dict, encoding: dict) -> dict:
    return {"transform": [{"filter": {"field": "kind", "equal": kind}}], "mark": mark, "encoding": encoding}


def small_multiples_spec(series: pd.DataFrame, table: pd.DataFrame, w: Window, steps: int,
                         columns: int = 4, cell_width: int = 230, cell_height: int = 80) -> dict:
    """One small bar chart per governorate of ``table`` (in its order), on one shared y scale: the
    incidents per step (``trend_series``) over the current period and the 12 before it, the current
    period's bars in CURRENT on a BAND, the 12-period mean per step as a dashed line, the stretch
    before the data begins in grey. Facet titles: ``facet_label``. No governorate: a spec that says
    so."""
    data = figure_table(series, table, w, steps)
    if data.empty:
        return {"$schema": SCHEMA, "width": "container", "height": 60,
                "data": {"values": [{"text": "No governorate to draw"}]},
                "mark": {"type": "text", "fontSize": 14, "color": "#666666"},
                "encoding": {"text": {"field": "text", "type": "nominal"}}, "config": CONFIG}
    x = {"field": "start", "type": "temporal", "title": None, "scale": {"type": "utc",
         "domain": [w.start(HISTORY).isoformat(), (w.end + timedelta(days=1)).isoformat()]},
         "axis": {"format": "%b %Y" if w.days * (HISTORY + 1) > 120 else "%d %b", "tickCount": 4,
                  "labelOverlap": True, "grid": False, "labelFontSize": 11}}
    top = max(1, int(data.loc[data["kind"] == "bar", "incidents"].max(skipna=True) or 0))
    y = {"type": "quantitative", "title": None, "scale": {"domain": [0, top], "nice": True},
         "axis": {"tickMinStep": 1, "tickCount": 3, "labelFontSize": 11}}
    layers = [
        _layer("nodata", {"type": "rect", "color": NO_DATA}, {"x": x, "x2": {"field": "end"}}),
        _layer("band", {"type": "rect", "color": BAND}, {"x": x, "x2": {"field": "end"}}),
        _layer("bar", {"type": "rect"}, {
            "x": x, "x2": {"field": "end"}, "y": {**y, "field": "incidents"}, "y2": {"datum": 0},
            "color": {"field": "current", "type": "nominal", "legend": None,
                      "scale": {"domain": [False, True], "range": [EARLIER, CURRENT]}}}),
        _layer("mean", {"type": "rule", "color": MEAN, "strokeDash": [4, 3], "strokeWidth": 1.2},
               {"x": x, "x2": {"field": "end"}, "y": {**y, "field": "mean_step"}}),
    ]
    n = data["order"].nunique()
    return {
        "$schema": SCHEMA, "datasets": {"cells": data}, "data": {"name": "cells"},
        "columns": max(1, min(columns, n)),
        "facet": {"field": "label", "type": "nominal", "sort": {"field": "order", "op": "min"},
                  "header": {"title": None, "labelFontSize": 13, "labelFontWeight": "bold",
                             "labelAnchor": "start", "labelLimit": cell_width + 20}},
        "spec": {"width": cell_width, "height": cell_height, "layer": layers},
        "resolve": {"scale": {"y": "shared", "x": "shared"}},
        "config": {**CONFIG, "facet": {"spacing": 18}},
    }


# ---------------------------------------------------------------------------------------------
# the table in words


def flag_words(row: pd.Series) -> str:
    """``"▲ unusually high (p = 0.012)"``, ``"▼ unusually low (p = 0.03)"`` or ""."""
    kind = row["flag"]
    if not kind:
        return ""
    p = row["p_high"] if kind == "high" else row["p_low"]
    return f"{FLAG_MARK[kind]} {FLAG_WORDS[kind]} (p {'< 0.001' if p < 0.001 else f'= {p:.3f}'})"


def display_frame(table: pd.DataFrame, name: str = "Governorate") -> pd.DataFrame:
    """The trends table as the page shows it: ``name`` (the group; the totals row "All"),
    Incidents, Before (the period before), Change, Mean of 4, Mean of 12, vs 12, Flag, Fatalities,
    Fatalities before, Fatalities mean of 12. Numbers stay numbers (sortable); the flag in words."""
    return pd.DataFrame({
        name: table["group"],
        "Incidents": table["incidents"].astype("int64"),
        "Before": table["previous"].astype("Int64"),
        "Change": table["change"].astype("Int64"),
        "Mean of 4": table["mean4"].astype(float).round(1),
        "Mean of 12": table["mean12"].astype(float).round(1),
        "vs mean of 12": table["vs_mean12"].astype(float).round(1),
        "Flag": [flag_words(r) for _, r in table.iterrows()],
        "Fatalities": table["fatalities"].astype("int64"),
        "Fatalities before": table["fatalities_previous"].astype("Int64"),
        "Fatalities, mean of 12": table["fatalities_mean12"].astype(float).round(1),
    }).reset_index(drop=True)


def briefing_table_html(table: pd.DataFrame, w: Window, limit: int = 8) -> str:
    """The briefing's compact trends table (escaped): the period in words, then per governorate
    (at most ``limit``, flagged ones first, then most incidents) and the totals row: incidents,
    change on the period before, mean of the 12 before, fatalities, flag."""
    body = table[table["group"] != TOTAL]
    body = pd.concat([body[body["flag"] != ""], body[body["flag"] == ""]]).head(limit)
    rows = []
    for _, r in pd.concat([body, table[table["group"] == TOTAL]]).iterrows():
        mean = "–" if pd.isna(r["mean12"]) else f"{float(r['mean12']):.1f}"
        cls = ' class="iim-trend-total"' if r["group"] == TOTAL else ""
        rows.append(f"<tr{cls}><td>{html.escape(str(r['group']))}</td><td>{int(r['incidents']):,}</td>"
                    f"<td>{html.escape(signed(r['change']))}</td><td>{mean}</td><td>{int(r['fatalities']):,}</td>"
                    f"<td>{html.escape(flag_words(r))}</td></tr>")
    head = ("<tr><th>Governorate</th><th>Incidents</th><th>vs before</th><th>Mean of 12</th>"
            "<th>Fatalities</th><th>Flag</th></tr>")
    return (f'<div class="iim-brief-caption">What changed, {html.escape(w.words())}: against the period '
            'before and the mean of the 12 before</div>'
            f'<table class="iim-brief-trends" data-testid="iim-trends"><thead>{head}</thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


TRENDS_CSS = """
<style>
  table.iim-brief-trends { width: 100%; border-collapse: collapse; font-size: 0.9rem; }
  table.iim-brief-trends th { text-align: left; border-bottom: 2px solid #999; padding: 0.1rem 0.4rem; }
  table.iim-brief-trends td { border-bottom: 1px solid #e5e5e5; padding: 0.1rem 0.4rem; white-space: nowrap; }
  table.iim-brief-trends tr.iim-trend-total td { font-weight: 700; border-top: 1px solid #999; }
</style>
"""
TREND_ON = ("1", "true", "yes", "on")
TREND_OFF = ("", "0", "false", "no", "off")


def trend_asked(value: object) -> bool:
    """Does a ``trend`` URL value ask the briefing for its trends table? ("1", "true", "yes", "on")"""
    return str(value or "").strip().lower() in TREND_ON


def trend_param_problems(params: dict[str, str]) -> list[str]:
    """What is wrong with the ``trend`` and ``trend_period`` parameters of a briefing query (the
    briefing command is strict: a value the page would quietly ignore is an error), one sentence each."""
    out = []
    trend = str(params.get("trend", "")).strip().lower()
    if trend not in TREND_ON + TREND_OFF:
        out.append(f"'trend={params['trend']}': use 1 (add the trends table) or 0.")
    period = params.get("trend_period")
    if period is not None and period not in PERIODS:
        out.append(f"'trend_period={period}': use one of {', '.join(PERIODS)}.")
    return out
