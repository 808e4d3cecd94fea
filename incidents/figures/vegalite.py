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

from incidents.cells import int_column, text_column
from incidents.figures.charts import _group_order, group_colors
from incidents.figures.colors import rgb_hex, sequential_rgb, shade_rgb, type_hex
from incidents.figures.maps import (
    governorate_bounds,
    governorate_counts,
    label_points,
    load_governorates,
    located,
)
from incidents.figures.periods import period_end as periods_end
from incidents.figures.periods import period_labels, shared_range
from incidents.figures.placement import Mercator, fit_mercator, inside_governorate, place_labels
from incidents.figures.stacks import stack_points
from incidents.schema import EVENT_TYPES, FOCUS_GOVERNORATES

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier only: nothing fetches it
NO_INCIDENTS_FILL = "#ebebeb"
FOCUS_STROKE, OTHER_STROKE = "#464646", "#969696"
FREQ_WORD = {"week": "Week", "month": "Month", "quarter": "Quarter", "year": "Year"}
# the dashboard's font (the SVG is shown as a picture: the browser falls back to a system sans-serif)
CONFIG: dict = {"view": {"stroke": None}, "font": "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif",
                "axis": {"labelFontSize": 13, "titleFontSize": 13, "titleFontWeight": "normal"},
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
    """Incident rows -> the overview map's marks, one per place (``stacks.stack_points``: incidents
    at the same coordinates are drawn once): event_id (the newest there), longitude, latitude,
    color (hex of the event type most of them have), size (circle area in px², growing with the
    square root of their fatalities, and room for the number on a stack), ring (True when located
    only to the governorate), count (incidents there) and event_type. Rows without coordinates
    are dropped."""
    cols = ["event_id", "longitude", "latitude", "color", "size", "ring", "count", "event_type"]
    df = located(points)
    if df.empty:
        return pd.DataFrame(columns=cols)
    fat = int_column(df, "fatalities")
    rows = pd.DataFrame({
        "event_id": df["event_id"].astype(str).to_numpy(),
        "longitude": df["longitude"].astype(float).round(4).to_numpy(),
        "latitude": df["latitude"].astype(float).round(4).to_numpy(),
        "ring": (int_column(df, "geo_precision") == 3).fillna(False).astype(bool).to_numpy(),
        "event_type": text_column(df, "event_type").to_numpy(),
        "fatalities": fat.where(fat.notna(), int_column(df, "fatalities_high")).fillna(0).clip(lower=0)
        .astype(float).to_numpy(),
    })
    st = stack_points(rows)
    radius = (2.5 + 1.5 * st["fatalities"].astype(float).pow(0.5)).clip(upper=12)
    room = st["count"].map(lambda n: 0.0 if n < 2 else (8.0 if n < 10 else (9.5 if n < 100 else 11.5)))
    radius = radius.where(radius >= room, room)
    out = pd.DataFrame({
        "event_id": st["event_id"], "longitude": st["longitude"], "latitude": st["latitude"],
        "color": [type_hex(t or None) for t in st["event_type"]],
        "size": (math.pi * radius * radius).round(1),
        "ring": st["ring"].astype(bool), "count": st["count"].astype(int),
        "event_type": st["event_type"].where(st["event_type"] != "", "Unknown type"),
    }, columns=cols)
    return out.reset_index(drop=True)


def projection_fit(geojson: Mapping, wanted: set[str] | None) -> dict:
    """The two corners the map's projection fits: the bounds of the ``wanted`` governorates (None =
    all) with a margin of 6 % plus 0.05 degrees, as a GeoJSON MultiPoint."""
    min_lon, min_lat, max_lon, max_lat = governorate_bounds(geojson, wanted)
    pad_lon, pad_lat = 0.06 * (max_lon - min_lon) + 0.05, 0.06 * (max_lat - min_lat) + 0.05
    return {"type": "MultiPoint", "coordinates": [[min_lon - pad_lon, min_lat - pad_lat],
                                                 [max_lon + pad_lon, max_lat + pad_lat]]}


def map_height(fit: Mapping, width: int, low: int = 300, high: int = 400) -> int:
    """The height (px) at which the fitted region fills a map ``width`` px wide, kept in low..high."""
    x, y = Mercator(1.0).xy(*zip(*fit["coordinates"], strict=True))
    aspect = float(abs(y[1] - y[0]) / max(abs(x[1] - x[0]), 1e-9))
    return int(min(high, max(low, round(width * aspect))))


LABEL_PX = 14  # the governorate names on the overview map


def placed_labels(geojson: Mapping, pts: pd.DataFrame, fit: Mapping, width: int, height: int) -> pd.DataFrame:
    """name, longitude, latitude of the focus governorates' names, moved off the marks
    (``placement.place_labels`` in the pixels of the drawn map)."""
    markers = pd.DataFrame({"longitude": pts["longitude"], "latitude": pts["latitude"],
                            "radius": (pts["size"].astype(float) / math.pi).pow(0.5) + 1})
    return place_labels(focus_labels(geojson), markers, fit_mercator(fit["coordinates"], width, height),
                        LABEL_PX, inside_governorate)


def focus_labels(geojson: Mapping) -> pd.DataFrame:
    """name, longitude, latitude of the label point of each focus governorate that has one."""
    return label_points(geojson, FOCUS_GOVERNORATES)


_GEO = {"longitude": {"field": "longitude", "type": "quantitative"},
        "latitude": {"field": "latitude", "type": "quantitative"}}
_LABEL_TEXT = {"type": "text", "fontSize": LABEL_PX, "fontWeight": "bold", "clip": True}
_COUNT_TEXT = {"type": "text", "fontSize": 11, "fontWeight": "bold", "clip": True, "baseline": "middle",
               "align": "center"}
_LEGEND = {"orient": "bottom", "direction": "horizontal", "title": None, "labelFontSize": 13, "titleFontSize": 13}


def shade_scale(top: int) -> dict:
    """The governorate shading as a Vega scale: square root of the count, through the ramp's stops
    exactly where ``colors.shade_rgb`` puts them (pale cream at 1 incident to khaki at ``top``)."""
    stops = [0.0, 0.25, 0.5, 0.75, 1.0]
    domain = [top * max(0.0, (f - 0.15) / 0.85) ** 2 for f in stops if f >= 0.15]
    colors = [rgb_hex(sequential_rgb(0.15))] + [rgb_hex(sequential_rgb(f)) for f in stops if f > 0.15]
    return {"type": "sqrt", "domain": [0.0] + domain[1:], "range": colors, "interpolate": "rgb"}


def shade_legend_layer(top: int) -> dict:
    """A layer that draws nothing but the shading's legend ("incidents per governorate", 0..top)."""
    return {"data": {"values": []}, "mark": {"type": "square"},
            "encoding": {"fill": {"field": "n", "type": "quantitative", "scale": shade_scale(top),
                                  "legend": {**_LEGEND, "title": "incidents per governorate", "gradientLength": 140,
                                             "values": sorted({1, max(top, 1)}), "format": ",d"}}}}


def type_color(types: Iterable[str]) -> dict:
    """The colour channel of the incident marks: their event type, in taxonomy order, with the
    legend the overview needs (a circle per type shown)."""
    present = set(types)
    domain = [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))
    return {"field": "event_type", "type": "nominal",
            "scale": {"domain": domain, "range": [type_hex(t if t in EVENT_TYPES else None) for t in domain]},
            "legend": {**_LEGEND, "symbolType": "circle", "columns": 2, "labelLimit": 240}}


def point_layers(types: Iterable[str]) -> list[dict]:
    """Rings ("rings" dataset), discs ("points") and the number on each stack ("counts", with a white halo)."""
    color = type_color(types)
    size = {"field": "size", "type": "quantitative", "scale": None}
    return [
        {"data": {"name": "rings"}, "mark": {"type": "circle", "filled": False, "strokeWidth": 2.2,
                                             "opacity": 0.95, "clip": True},
         "encoding": {**_GEO, "color": color, "size": size}},
        {"data": {"name": "points"}, "mark": {"type": "circle", "opacity": 0.9, "stroke": "#ffffff",
                                              "strokeWidth": 1, "clip": True},
         "encoding": {**_GEO, "color": color, "size": size}},
        {"data": {"name": "counts"}, "mark": {**_COUNT_TEXT, "stroke": "#ffffff", "strokeWidth": 3},
         "encoding": {**_GEO, "text": {"field": "label", "type": "nominal"}}},
        {"data": {"name": "counts"}, "mark": {**_COUNT_TEXT, "color": "#141414"},
         "encoding": {**_GEO, "text": {"field": "label", "type": "nominal"}}},
    ]


def map_layers(features: list[dict], types: Iterable[str] | None, top: int = 0) -> list[dict]:
    """The map's layers, bottom up: shaded governorates (``features``), the shading's legend (when
    any governorate has incidents), then, with ``types`` (the event types of the drawn marks;
    None draws no marks), rings, discs and stack numbers, then the governorate names with a white
    halo ("labels")."""
    layers: list[dict] = [{
        "data": {"values": features},
        "mark": {"type": "geoshape", "clip": True},
        "encoding": {
            "fill": {"field": "properties.fill", "type": "nominal", "scale": None},
            "stroke": {"field": "properties.stroke", "type": "nominal", "scale": None},
            "strokeWidth": {"field": "properties.stroke_width", "type": "quantitative", "scale": None},
        },
    }]
    if top > 0:
        layers.append(shade_legend_layer(top))
    if types is not None:
        layers += point_layers(types)
    return layers + [
        {"data": {"name": "labels"},
         "mark": {**_LABEL_TEXT, "stroke": "#ffffff", "strokeWidth": 3, "strokeOpacity": 0.9},
         "encoding": {**_GEO, "text": {"field": "name", "type": "nominal"}}},
        {"data": {"name": "labels"}, "mark": {**_LABEL_TEXT, "color": "#282828"},
         "encoding": {**_GEO, "text": {"field": "name", "type": "nominal"}}},
    ]


MAP_WIDTH = 480  # px the overview's pictures are drawn at (shown about as wide, so text keeps its size)


def map_spec(*, by_governorate: pd.DataFrame | None = None, points: pd.DataFrame | None = None,
             governorates: Iterable[str] | None = None, geojson: Mapping | None = None,
             width: int = MAP_WIDTH, height: int | None = None) -> dict:
    """The overview map as a Vega-Lite spec.

    In: ``by_governorate`` (admin1, incidents) for the shading; ``points`` (incident rows, see
    ``map_points``; None draws shading only, as for sets too big to draw point by point);
    ``governorates``: the filtered governorates (None = all of Iraq), which the projection fits
    into ``width`` x ``height`` px (None: the height at which the region fills the width, see
    ``map_height``). Out: a layered spec (Mercator): shaded governorate polygons, incidents as
    discs coloured by event type and sized by fatalities, one per place with the number of
    incidents there on it, governorate-only incidents as rings, the focus governorates' names
    placed off the marks, and a legend of the event types and of the shading. Tables are in
    ``spec["datasets"]`` ("points", "rings", "counts", "labels").
    """
    gj = geojson or load_governorates()
    counts = governorate_counts(by_governorate)
    features = governorate_features(gj, counts)
    fit = projection_fit(gj, set(governorates) if governorates else None)
    height = height or map_height(fit, width)
    pts = map_points(points)
    ring = pts["ring"].astype(bool)
    stacks = pts[pts["count"] > 1]
    return {
        "$schema": SCHEMA,
        "width": width, "height": height,
        "projection": {"type": "mercator", "fit": fit},
        "datasets": {"points": pts[~ring].reset_index(drop=True), "rings": pts[ring].reset_index(drop=True),
                     "counts": pd.DataFrame({"longitude": stacks["longitude"], "latitude": stacks["latitude"],
                                             "label": stacks["count"].map("{:,}".format)}).reset_index(drop=True),
                     "labels": placed_labels(gj, pts, fit, width, height)},
        "layer": map_layers(features, None if points is None else list(pts["event_type"].unique()),
                            max(counts.values(), default=0)),
        "resolve": {"scale": {"fill": "independent"}},
        "config": CONFIG,
    }


def period_end(periods: pd.Series, freq: str) -> pd.Series:
    """First day of each period -> the first day of the next one (bars span their whole period)."""
    return periods_end(pd.to_datetime(periods), freq)


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


def time_ticks(months: int, freq: str = "month") -> dict:
    """Axis ticks for a time axis spanning ``months``: a tick a year over three years ('2019'),
    else every month, second or third month ('Mar 2024'); weekly bars over four months or less
    get a tick a week ('9 Dec'). No label repeats and none shows a clock time."""
    if freq == "week" and months <= 4:
        return {"format": "%d %b", "tickCount": {"interval": "week", "step": 1 if months <= 2 else 2}}
    if months > 36:
        return {"format": "%Y", "tickCount": {"interval": "year", "step": 1 if months <= 180 else 2}}
    step = 1 if months <= 8 else (2 if months <= 16 else 3)
    return {"format": "%b %Y", "tickCount": {"interval": "month", "step": step}}


def timeline_spec(frame: pd.DataFrame | None, by: str = "event_type", freq: str = "month",
                  height: int = 380) -> dict:
    """Incidents per period, stacked by group, as a Vega-Lite spec.

    In: ``Store.timeline`` rows (period, group, incidents); ``by`` "event_type" or "admin1" (colours
    and legend order as on the Timeline page); ``freq`` "week", "month", "quarter" or "year"
    (the overview picks it from the span of the data: ``periods.period_for_span``). Out: a bar
    spec whose bars span their period on a UTC time axis over the periods that hold data
    (widened to ``periods.MIN_PERIODS`` at least) and sit where ``timeline_table`` stacks them
    (the table is ``spec["datasets"]["bars"]``); an empty frame gives a spec that says
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
    first, last = shared_range(freq, bars["start"], bars["start"])
    months = (last.year - first.year) * 12 + last.month - first.month
    labels = period_labels(first, last, freq)
    axis = {**time_ticks(months, freq), "labelOverlap": True, "grid": False}
    if not labels.empty:
        axis.update(labels=False, ticks=False)  # the periods are named under their middle (layer 2)
    layers = [{
        "data": {"name": "bars"},
        "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 0.2},
        "encoding": {
            "x": {"field": "start", "type": "temporal", "title": None,
                  "scale": {"type": "utc", "domain": [first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")]},
                  "axis": axis},
            "x2": {"field": "end"},
            "y": {"field": "low", "type": "quantitative", "title": f"incidents per {unit}",
                  "scale": {"zero": True}, "axis": {"tickMinStep": 1}},
            "y2": {"field": "high"},
            "color": {"field": "group", "type": "nominal", "title": None,
                      "scale": {"domain": groups, "range": [colors[g] for g in groups]},
                      "legend": {"orient": "bottom", "columns": 2, "labelLimit": 260}}
        },
    }]
    if not labels.empty:
        layers.append({"data": {"name": "periods"},
                       "mark": {"type": "text", "baseline": "top", "dy": 5, "fontSize": 13, "color": "#333333"},
                       "encoding": {"x": {"field": "mid", "type": "temporal"}, "y": {"value": height},
                                    "text": {"field": "label", "type": "nominal"}}})
    return {"$schema": SCHEMA, "width": "container", "height": height,
            "datasets": {"bars": bars, "periods": labels}, "layer": layers, "config": CONFIG}
