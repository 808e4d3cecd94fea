"""The Trends figure: small multiples per governorate (a Vega-Lite spec, drawn to SVG by
``incidents.figures.static`` as the overview's figures are). Pure: frames in, spec out. The tables
are in ``incidents.figures.trend_tables``.

The x axis runs from the first period that holds data (at most the 12 before the current one) to
the end of the current period: periods wholly before the data begins are not drawn (they would
leave most of every panel grey when the data is younger than 13 periods); the part of that first
period before the data begins is grey.

In: the answers of the store's ``trends`` (the table of ``incidents.trends.trend_table``) and
``trend_series`` queries, and the ``incidents.trends.Window`` they were made for.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pandas as pd

from incidents.figures.trend_tables import FLAG_MARK
from incidents.figures.vegalite import CONFIG, SCHEMA
from incidents.trends import HISTORY, TOTAL, Window, days_words, signed

EARLIER = "#7b8ea3"    # bars of the earlier periods
CURRENT = "#c8553d"    # bars of the current period
BAND = "#fbe3d6"       # behind the current period
NO_DATA = "#eeeeee"    # before the data begins
MEAN = "#333333"       # the dashed mean of the 12 earlier periods (per step)
FIGURE_COLUMNS = ("kind", "label", "order", "start", "end", "incidents", "mean_step")


def step_words(days: int, steps: int) -> str:
    """``"7–8 days"`` (what one bar of the small multiples counts)."""
    short, long = days // steps, -(-days // steps)
    return days_words(short) if short == long else f"{short}–{long} days"


def facet_label(row: pd.Series) -> str:
    """``"Kirkuk: 12 (+5) ▲"``: name, incidents now, change on the period before, flag mark."""
    mark = FLAG_MARK.get(row["flag"], "")
    return f"{row['group']}: {int(row['incidents']):,} ({signed(row['change'])}){' ' + mark if mark else ''}"


def first_drawn(w: Window) -> int:
    """The earliest period the figure draws: the one holding the data's first day (``w.data_start``),
    at most HISTORY (0 the current period)."""
    if w.data_start is None or w.data_start <= w.start(HISTORY):
        return HISTORY
    return max(0, min(HISTORY, (w.end - w.data_start).days // w.days))


def figure_table(series: pd.DataFrame, table: pd.DataFrame, w: Window, steps: int) -> pd.DataFrame:
    """The small multiples' one table, FIGURE_COLUMNS: per governorate of ``table`` (totals row left
    out; its order) its bars ("bar": a step's first day to the day after its last, incidents), the
    band of the current period ("band"), the stretch before the data begins ("nodata") and the
    12-period mean per step ("mean": ``mean_step`` over the earlier periods)."""
    groups = table[table["group"] != TOTAL].reset_index(drop=True)
    span_start, span_end = w.start(first_drawn(w)), w.end + timedelta(days=1)
    rows: list[dict] = []
    for order, row in groups.iterrows():
        label = facet_label(row)
        base = {"label": label, "order": order}
        rows.append({**base, "kind": "band", "start": w.start(), "end": span_end})
        if w.data_start is not None and w.data_start > span_start:
            rows.append({**base, "kind": "nodata", "start": span_start, "end": w.data_start})
        if pd.notna(row["mean12"]):  # over the covered periods, those the mean averages
            rows.append({**base, "kind": "mean", "start": w.start(w.covered_count(HISTORY)), "end": w.start(),
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
    first = first_drawn(w)
    x = {"field": "start", "type": "temporal", "title": None, "scale": {"type": "utc",
         "domain": [w.start(first).isoformat(), (w.end + timedelta(days=1)).isoformat()]},
         "axis": {"format": "%b %Y" if w.days * (first + 1) > 120 else "%d %b", "tickCount": 4 if cell_width >= 200 else 3,
                  "labelOverlap": True, "labelSeparation": 10, "grid": False, "labelFontSize": 13}}
    top = max(1, int(data.loc[data["kind"] == "bar", "incidents"].max(skipna=True) or 0))
    y = {"type": "quantitative", "title": None, "scale": {"domain": [0, top], "nice": True},
         "axis": {"tickMinStep": 1, "tickCount": 3, "labelFontSize": 13}}
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
                  "header": {"title": None, "labelFontSize": 15, "labelFontWeight": "bold",
                             "labelAnchor": "start", "labelLimit": cell_width + 20}},
        "spec": {"width": cell_width, "height": cell_height, "layer": layers},
        # one scale for all; the dates under every panel (a shared axis would sit under empty slots)
        "resolve": {"scale": {"y": "shared", "x": "shared"}, "axis": {"x": "independent"}},
        "config": {**CONFIG, "facet": {"spacing": 18}},
    }


def shown_width(svg: str, scale: float = 1.3) -> int:
    """The width in px to show a drawn figure at: ``scale`` times the width the SVG was drawn at
    (its root ``width``; 1000 when absent). Shown at that width (no wider than the page makes room
    for) the text stays the same size whether the figure has 3 panels or 18: stretched to the
    page's width, three panels would carry 20 px titles."""
    m = re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg[:2000])
    return max(1, round((float(m.group(1)) if m else 1000.0) * scale))
