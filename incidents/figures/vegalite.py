"""Vega-Lite spec builders for the overview's map and timeline: frames in, a spec dict out. Pure
(no streamlit, no store).

The overview is the page an analyst opens first, and it must be drawn fast: these specs are drawn
to SVG on the server (``incidents.figures.static``) and shown as pictures, so the browser needs no
chart code for them (deck.gl is 3.0 MB of script and WebGL in software on a machine without a GPU,
plotly 4.7 MB, vega-embed 0.8 MB). The Map and Timeline pages keep deck.gl and plotly for hovering,
panning, zooming and selections. No article text goes into these figures: governorate names,
counts, dates, event types and colours only.

Tables travel under ``spec["datasets"]`` as pandas frames (``static_figures.inline_datasets``
writes them as records). Colours are the ones every other view uses (``incidents.figures.colors``): event
types keep theirs, governorates are shaded pale to dark red by incident count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import pandas as pd

from incidents.cells import int_column
from incidents.figures.charts import _group_order, group_colors
from incidents.figures.colors import rgb_hex, shade_rgb, type_hex
from incidents.figures.maps import governorate_bounds, governorate_counts, load_governorates, located
from incidents.schema import FOCUS_GOVERNORATES

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier only: nothing fetches it
NO_INCIDENTS_FILL = "#ebebeb"
FOCUS_STROKE, OTHER_STROKE = "#464646", "#969696"
FREQ_WORD = {"week": "Week", "month": "Month"}
# the dashboard's font (the SVG is shown as a picture: the browser falls back to a system sans-serif)
CONFIG: dict = {"view": {"stroke": None}, "font": "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif",
                "axis": {"labelFontSize": 12, "titleFontSize": 13, "titleFontWeight": "normal"},
                "legend": {"labelFontSize": 13, "symbolSize": 120}}


def shade_hex(n: int, top: int) -> str:
    """Incident count -> the governorate fill: light grey for none, else ``colors.shade_rgb`` (pale
    sand for few to dark red for ``top``, the most any governorate has), as on the deck.gl map."""
    shade = shade_rgb(n, top)
    return NO_INCIDENTS_FILL if shade is None else rgb_hex(shade)


def governorate_features(geojson: Mapping, counts: Mapping[str, int],
                         focus: Iterable[str] = FOCUS_GOVERNORATES) -> list[dict]:
    """The governorate polygons as GeoJSON features whose properties are what the map draws:
    name, incidents (count under the filters), fill (``shade_hex``), stroke and stroke_width
    (focus governorates darker and wider)."""
    top = max(counts.values(), default=0)
    focus = set(focus)
    out = []
    for feat in geojson["features"]:
        name = feat["properties"]["name"]
        n = int(counts.get(name, 0))
        out.append({"type": "Feature", "geometry": feat["geometry"], "properties": {
            "name": name, "incidents": n, "fill": shade_hex(n, top),
            "stroke": FOCUS_STROKE if name in focus else OTHER_STROKE,
            "stroke_width": 1.6 if name in focus else 0.7,
        }})
    return out


def map_points(points: pd.DataFrame | None) -> pd.DataFrame:
    """Incident rows -> the overview map's point table: event_id, longitude, latitude, color (hex of
    the event type), size (circle area in px², growing with the square root of fatalities) and ring
    (True when located only to the governorate). Rows without coordinates are dropped."""
    cols = ["event_id", "longitude", "latitude", "color", "size", "ring"]
    df = located(points)
    if df.empty:
        return pd.DataFrame(columns=cols)
    fat = int_column(df, "fatalities")
    fat = fat.where(fat.notna(), int_column(df, "fatalities_high")).fillna(0).clip(lower=0).astype(float)
    radius = (2.5 + 1.5 * fat.pow(0.5)).clip(upper=12)
    etypes = df["event_type"] if "event_type" in df.columns else pd.Series("", index=df.index)
    out = pd.DataFrame({
        "event_id": df["event_id"].astype(str),
        "longitude": df["longitude"].astype(float).round(4),
        "latitude": df["latitude"].astype(float).round(4),
        "color": [type_hex(t if isinstance(t, str) else None) for t in etypes],
        "size": (math.pi * radius * radius).round(1),
        "ring": (int_column(df, "geo_precision") == 3).fillna(False).astype(bool),
    }, columns=cols)
    return out.reset_index(drop=True)


def projection_fit(geojson: Mapping, wanted: set[str] | None) -> dict:
    """The two corners the map's projection fits: the bounds of the ``wanted`` governorates (None =
    all) with a margin of 6 % plus 0.05 degrees, as a GeoJSON MultiPoint."""
    min_lon, min_lat, max_lon, max_lat = governorate_bounds(geojson, wanted)
    pad_lon, pad_lat = 0.06 * (max_lon - min_lon) + 0.05, 0.06 * (max_lat - min_lat) + 0.05
    return {"type": "MultiPoint", "coordinates": [[min_lon - pad_lon, min_lat - pad_lat],
                                                 [max_lon + pad_lon, max_lat + pad_lat]]}


def focus_labels(geojson: Mapping) -> pd.DataFrame:
    """name, longitude, latitude of the label point of each focus governorate that has one."""
    return pd.DataFrame([
        {"name": f["properties"]["name"], "longitude": f["properties"]["label_lon"],
         "latitude": f["properties"]["label_lat"]}
        for f in geojson["features"]
        if f["properties"]["name"] in FOCUS_GOVERNORATES and f["properties"].get("label_lat") is not None
    ], columns=["name", "longitude", "latitude"])


_GEO = {"longitude": {"field": "longitude", "type": "quantitative"},
        "latitude": {"field": "latitude", "type": "quantitative"}}
_LABEL_TEXT = {"type": "text", "fontSize": 13, "fontWeight": "bold", "clip": True}


def map_layers(features: list[dict], with_points: bool) -> list[dict]:
    """The map's layers, bottom up: shaded governorates (``features``), then, ``with_points``, rings
    ("rings" dataset) and discs ("points"), then the governorate names with a white halo ("labels")."""
    layers: list[dict] = [{
        "data": {"values": features},
        "mark": {"type": "geoshape", "clip": True},
        "encoding": {
            "fill": {"field": "properties.fill", "type": "nominal", "scale": None},
            "stroke": {"field": "properties.stroke", "type": "nominal", "scale": None},
            "strokeWidth": {"field": "properties.stroke_width", "type": "quantitative", "scale": None},
        },
    }]
    if with_points:
        layers += [
            {"data": {"name": "rings"}, "mark": {"type": "circle", "filled": False, "strokeWidth": 2,
                                                 "opacity": 0.9, "clip": True},
             "encoding": {**_GEO, "stroke": {"field": "color", "type": "nominal", "scale": None},
                          "size": {"field": "size", "type": "quantitative", "scale": None}}},
            {"data": {"name": "points"}, "mark": {"type": "circle", "opacity": 0.85, "stroke": "#ffffff",
                                                  "strokeWidth": 0.5, "clip": True},
             "encoding": {**_GEO, "fill": {"field": "color", "type": "nominal", "scale": None},
                          "size": {"field": "size", "type": "quantitative", "scale": None}}},
        ]
    return layers + [
        {"data": {"name": "labels"},
         "mark": {**_LABEL_TEXT, "stroke": "#ffffff", "strokeWidth": 3, "strokeOpacity": 0.9},
         "encoding": {**_GEO, "text": {"field": "name", "type": "nominal"}}},
        {"data": {"name": "labels"}, "mark": {**_LABEL_TEXT, "color": "#282828"},
         "encoding": {**_GEO, "text": {"field": "name", "type": "nominal"}}},
    ]


def map_spec(*, by_governorate: pd.DataFrame | None = None, points: pd.DataFrame | None = None,
             governorates: Iterable[str] | None = None, geojson: Mapping | None = None,
             height: int = 380) -> dict:
    """The overview map as a Vega-Lite spec.

    In: ``by_governorate`` (admin1, incidents) for the shading; ``points`` (incident rows, see
    ``map_points``; None draws shading only, as for sets too big to draw point by point);
    ``governorates``: the filtered governorates (None = all of Iraq), which the projection fits.
    Out: a layered spec (Mercator): shaded governorate polygons, incidents as discs coloured by
    event type and sized by fatalities, governorate-only incidents as rings, the focus
    governorates' names. Tables are in ``spec["datasets"]`` ("points", "rings", "labels").
    """
    gj = geojson or load_governorates()
    features = governorate_features(gj, governorate_counts(by_governorate))
    wanted = set(governorates) if governorates else None
    pts = map_points(points)
    discs, rings = pts[~pts["ring"].astype(bool)], pts[pts["ring"].astype(bool)]
    return {
        "$schema": SCHEMA,
        "width": "container", "height": height,
        "projection": {"type": "mercator", "fit": projection_fit(gj, wanted)},
        "datasets": {"points": discs.reset_index(drop=True), "rings": rings.reset_index(drop=True),
                     "labels": focus_labels(gj)},
        "layer": map_layers(features, points is not None),
        "config": CONFIG,
    }


def period_end(periods: pd.Series, freq: str) -> pd.Series:
    """First day of each period -> the first day of the next one (bars span their whole period)."""
    start = pd.to_datetime(periods)
    if freq == "month":
        return start + pd.offsets.MonthBegin(1)
    return start + pd.Timedelta(days=7)


def timeline_table(frame: pd.DataFrame | None, by: str = "event_type", freq: str = "month") -> pd.DataFrame:
    """``Store.timeline`` rows -> the stacked bars: start, end (ISO dates; end exclusive), group,
    incidents (int), low and high (where the bar sits in its period's stack, groups in legend
    order from the bottom). Stacks are computed here, not by Vega-Lite, so the figure is exactly this table."""
    cols = ["start", "end", "group", "incidents", "low", "high"]
    if frame is None or frame.empty:
        return pd.DataFrame(columns=cols)
    groups = frame["group"].fillna("(none)").astype(str)
    order = {g: i for i, g in enumerate(_group_order(by, list(groups.unique())))}
    start = pd.to_datetime(frame["period"])
    bars = pd.DataFrame({
        "start": start, "group": groups, "incidents": frame["incidents"].astype("int64"),
        "rank": groups.map(order),
    }).sort_values(["start", "rank"], kind="stable")
    bars["high"] = bars.groupby("start")["incidents"].cumsum()
    bars["low"] = bars["high"] - bars["incidents"]
    return pd.DataFrame({
        "start": bars["start"].dt.strftime("%Y-%m-%d"),
        "end": period_end(bars["start"], freq).dt.strftime("%Y-%m-%d"),
        "group": bars["group"], "incidents": bars["incidents"], "low": bars["low"], "high": bars["high"],
    }, columns=cols).reset_index(drop=True)


def time_ticks(months: int) -> dict:
    """Axis ticks for a time axis spanning ``months``: a tick a year over three years ('2019'),
    else every month, second or third month ('Mar 2024'), so no label repeats."""
    if months > 36:
        return {"format": "%Y", "tickCount": {"interval": "year", "step": 1 if months <= 180 else 2}}
    step = 1 if months <= 8 else (2 if months <= 16 else 3)
    return {"format": "%b %Y", "tickCount": {"interval": "month", "step": step}}


def timeline_spec(frame: pd.DataFrame | None, by: str = "event_type", freq: str = "month",
                  height: int = 380) -> dict:
    """Incidents per period, stacked by group, as a Vega-Lite spec.

    In: ``Store.timeline`` rows (period, group, incidents); ``by`` "event_type" or "admin1" (colours
    and legend order as on the Timeline page); ``freq`` "week" or "month". Out: a bar spec whose
    bars span their period on a UTC time axis and sit where ``timeline_table`` stacks them (the
    table is ``spec["datasets"]["bars"]``); an empty frame gives a spec that says
    "No dated incidents under these filters".
    """
    bars = timeline_table(frame, by, freq)
    if bars.empty:
        return {"$schema": SCHEMA, "width": "container", "height": height,
                "data": {"values": [{"text": "No dated incidents under these filters"}]},
                "mark": {"type": "text", "fontSize": 14, "color": "#666666"},
                "encoding": {"text": {"field": "text", "type": "nominal"}},
                "config": CONFIG}
    groups = _group_order(by, list(bars["group"].unique()))
    colors = group_colors(by, groups)
    unit = FREQ_WORD.get(freq, "Week").lower()
    first, last = pd.Timestamp(bars["start"].min()), pd.Timestamp(bars["end"].max())
    months = (last.year - first.year) * 12 + last.month - first.month
    return {
        "$schema": SCHEMA,
        "width": "container", "height": height,
        "datasets": {"bars": bars},
        "data": {"name": "bars"},
        "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 0.2},
        "encoding": {
            "x": {"field": "start", "type": "temporal", "title": None, "scale": {"type": "utc"},
                  "axis": {**time_ticks(months), "labelOverlap": True, "grid": False}},
            "x2": {"field": "end"},
            "y": {"field": "low", "type": "quantitative", "title": f"incidents per {unit}",
                  "scale": {"zero": True}, "axis": {"tickMinStep": 1}},
            "y2": {"field": "high"},
            "color": {"field": "group", "type": "nominal", "title": None,
                      "scale": {"domain": groups, "range": [colors[g] for g in groups]},
                      "legend": {"orient": "bottom", "columns": 2, "labelLimit": 260}}
        },
        "config": CONFIG,
    }
