"""pydeck map builders: frames in, a ``pydeck.Deck`` out. Pure (no streamlit, no store).

The base layer is the governorate polygons (``incidents.places.boundaries``), so a map renders
with no tile server and, offline (the default), with no basemap at all: the deck keeps pydeck's
"no style" value, for which Streamlit draws deck.gl alone, without starting MapLibre (a second
WebGL context, a style to fetch and its shaders, a large share of the first draw in a browser
without a GPU); the page gives the map's box its background colour (``MAP_BACKGROUND``). The
online (Carto) basemap is drawn only when the user turns it on.
Layers: shaded governorates, focus governorate labels, incident points (filled discs coloured by
event type and sized by fatalities; rings for incidents located only to their governorate), and
grid cells from ``Store.map_bins`` for large sets. Every layer has an ``id`` (selections persist).

Tooltips: one HTML template for all layers, filled from ``tt_title``, ``tt_body`` and ``tt_quote``
fields that every pickable object carries (an incident's worded by ``incidents.words``, as on
every other page). Streamlit's frontend HTML-escapes each field value
before it goes into the template (Streamlit 1.67, DeckGlJsonChart), and the values here are plain
text, so article text shows as text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import pydeck as pdk

from incidents import words
from incidents.cells import int_column, integer, text_column
from incidents.figures.colors import density_rgb, shade_rgb, type_rgb
from incidents.figures.placement import deck_mercator, inside_governorate, place_labels
from incidents.figures.stacks import stack_lines, stack_points
from incidents.places.boundaries import simplified_geojson
from incidents.schema import EVENT_TYPE_COLORS, FOCUS_GOVERNORATES

BLANK_STYLE_URL = "app/static/blank_style.json"  # relative: any server base path; a plain background style
NO_BASEMAP = "__MAP_STYLE__"  # pydeck's "no map_style given" value: Streamlit then draws no basemap
MAP_BACKGROUND = "#eef2f5"  # the offline map's background (the colour of static/blank_style.json)
ONLINE_STYLE = "light"  # pydeck's Carto "light" (positron) style, only when the user asks for it
POINT_LIMIT = 5_000  # above this many incidents the map draws grid cells, not points
LAYER_IDS = ("governorates", "labels", "bins", "points", "points-governorate")
INCIDENT_LAYERS = ("points", "points-governorate")
TOOLTIP = {
    "html": '<div style="white-space: pre-line; max-width: 24rem; font-size: 0.8rem; line-height: 1.35">'
            "<b>{tt_title}</b><br/>{tt_body}<br/><i>{tt_quote}</i></div>",
    "style": {"backgroundColor": "#ffffff", "color": "#222222", "border": "1px solid #bbb",
              "borderRadius": "4px", "padding": "6px 8px"},
}
IRAQ_VIEW = {"latitude": 33.2, "longitude": 43.7, "zoom": 5.0}


def _plain(value: object) -> str:
    """Tooltip field text: one line-ish plain string, braces replaced (they delimit template fields)."""
    return str(value).replace("{", "(").replace("}", ")")


def load_governorates(tolerance: float = 0.01) -> dict:
    """The governorate polygons the browser receives: ``boundaries.simplified_geojson`` (simplified
    by ``tolerance`` degrees, 3 decimals; properties name, label_lat, label_lon). Cached: do not change it."""
    return simplified_geojson(tolerance)


def governorate_bounds(geojson: Mapping, names: Iterable[str] | None) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) of the named governorates (None or empty = all)."""
    wanted = set(names) if names else None
    xs: list[float] = []
    ys: list[float] = []

    def walk(coords: object) -> None:
        if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
            xs.append(float(coords[0]))
            ys.append(float(coords[1]))
        elif isinstance(coords, (list, tuple)):
            for c in coords:
                walk(c)

    for feat in geojson["features"]:
        if wanted is None or feat["properties"]["name"] in wanted:
            walk(feat["geometry"]["coordinates"])
    if not xs:
        return (38.8, 29.0, 48.6, 37.4)
    return (min(xs), min(ys), max(xs), max(ys))


def view_for(bounds: tuple[float, float, float, float], width_px: int = 900, height_px: int = 560) -> dict:
    """A view (latitude, longitude, zoom) that fits ``bounds`` into a map of the given size."""
    min_lon, min_lat, max_lon, max_lat = bounds
    lon_span = max(max_lon - min_lon, 0.2)
    lat_span = max(max_lat - min_lat, 0.2)
    # deck.gl's world is 512 px wide at zoom 0; latitude degrees stretch by ~1/cos(lat) in Mercator.
    stretch = 1 / math.cos(math.radians((min_lat + max_lat) / 2))
    zoom_x = math.log2(width_px * 360 / (512 * lon_span))
    zoom_y = math.log2(height_px * 360 / (512 * lat_span * stretch))
    return {"latitude": round((min_lat + max_lat) / 2, 4), "longitude": round((min_lon + max_lon) / 2, 4),
            "zoom": round(max(3.5, min(10.0, min(zoom_x, zoom_y) - 0.2)), 2)}


def governorate_layer(geojson: Mapping, counts: Mapping[str, int] | None = None, shaded: bool = True,
                      focus: Iterable[str] = FOCUS_GOVERNORATES) -> pdk.Layer:
    """Governorate polygons (id "governorates").

    ``counts``: admin1 -> incidents under the filters; with ``shaded`` each polygon's fill goes from
    pale (few) to dark red (most), polygons with none stay light grey; without ``shaded`` every
    polygon gets the same pale fill. Focus governorates get a darker outline.
    """
    counts = dict(counts or {})
    top = max(counts.values(), default=0)
    focus = set(focus)
    features = []
    for feat in geojson["features"]:
        name = feat["properties"]["name"]
        n = int(counts.get(name, 0))
        shade = shade_rgb(n, top)
        if shaded and shade is not None:
            fill = [*shade, 170]
        elif shaded:
            fill = [235, 235, 235, 150]
        else:
            fill = [245, 243, 238, 170]
        line = [70, 70, 70, 255] if name in focus else [150, 150, 150, 255]
        features.append({"type": "Feature", "geometry": feat["geometry"], "properties": {
            "name": name, "fill": fill, "line": line, "lw": 2 if name in focus else 1,
            "tt_title": _plain(name),
            "tt_body": f"{n:,} incident{'s' if n != 1 else ''} under the filters" if counts else "",
            "tt_quote": "",
        }})
    return pdk.Layer(
        "GeoJsonLayer", data={"type": "FeatureCollection", "features": features}, id="governorates",
        pickable=True, stroked=True, filled=True, get_fill_color="properties.fill",
        get_line_color="properties.line", get_line_width="properties.lw", line_width_units="'pixels'",
        auto_highlight=True, highlight_color=[255, 255, 255, 60],
    )


def label_points(geojson: Mapping, names: Iterable[str] = FOCUS_GOVERNORATES) -> pd.DataFrame:
    """name, longitude, latitude of the label point of each named governorate that has one."""
    wanted = list(names)
    return pd.DataFrame([
        {"name": f["properties"]["name"], "longitude": f["properties"]["label_lon"],
         "latitude": f["properties"]["label_lat"]}
        for f in geojson["features"]
        if f["properties"]["name"] in wanted and f["properties"].get("label_lat") is not None
    ], columns=["name", "longitude", "latitude"])


LABEL_PX = 15  # font size of the governorate names on the deck.gl map


def labels_layer(geojson: Mapping, names: Iterable[str] = FOCUS_GOVERNORATES,
                 positions: pd.DataFrame | None = None) -> pdk.Layer:
    """Names of the given governorates (id "labels"; not pickable), at ``positions`` (name,
    longitude, latitude: see ``placement.place_labels``) or else at their label points. The font
    atlas holds only the characters of those names (``character_set``): the browser draws each
    glyph's distance field once, 20-odd rather than the default 96."""
    where = label_points(geojson, names) if positions is None else positions
    data = [{"name": n, "position": [float(lon), float(lat)]}
            for n, lon, lat in zip(where["name"], where["longitude"], where["latitude"], strict=True)]
    return pdk.Layer(
        "TextLayer", data=data, id="labels", get_position="position", get_text="name", get_size=LABEL_PX,
        get_color=[40, 40, 40, 230], font_weight=700, outline_width=3, outline_color=[255, 255, 255, 230],
        font_settings={"sdf": True}, get_alignment_baseline="'center'", pickable=False,
        font_family="'Helvetica Neue, Helvetica, Arial, sans-serif'",
        character_set="'" + "".join(sorted({ch for row in data for ch in row["name"] if ch != "'"})) + "'",
    )


def counts_layer(frame: pd.DataFrame) -> pdk.Layer:
    """The number of incidents on each stack of more than one (id "counts"; not pickable, so a
    click goes to the disc under it). In: a ``point_frame``."""
    several = frame[frame["count"] > 1] if not frame.empty else frame
    data = [{"position": pos, "text": f"{int(n):,}"} for pos, n in zip(several["position"], several["count"],
                                                                      strict=True)]
    return pdk.Layer(
        "TextLayer", data=data, id="counts", get_position="position", get_text="text", get_size=12,
        get_color=[20, 20, 20, 255], font_weight=700, outline_width=4, outline_color=[255, 255, 255, 235],
        font_settings={"sdf": True}, get_alignment_baseline="'center'", get_text_anchor="'middle'",
        pickable=False, font_family="'Helvetica Neue, Helvetica, Arial, sans-serif'",
    )


def point_radius(fatalities: pd.Series) -> pd.Series:
    """Fatalities -> disc radius in pixels: 4 px for none, growing with the square root, at most 22."""
    f = pd.to_numeric(fatalities, errors="coerce").fillna(0).clip(lower=0)
    return (4 + 2.6 * f.pow(0.5)).clip(upper=22).round(1)


POINT_KEYS = ("event_id", "position", "color", "radius", "ring", "count", "event_ids", "tt_title", "tt_body",
              "tt_quote")


def located(points: pd.DataFrame | None) -> pd.DataFrame:
    """Incident rows with numeric latitude and longitude; rows without both are dropped (a copy)."""
    if points is None or points.empty:
        return pd.DataFrame(columns=["latitude", "longitude"])
    df = points.copy()
    df["latitude"] = pd.to_numeric(df["latitude"], errors="coerce")
    df["longitude"] = pd.to_numeric(df["longitude"], errors="coerce")
    return df[df["latitude"].notna() & df["longitude"].notna()]


def _plain_list(series: pd.Series) -> list[str]:
    """Tooltip field texts with template braces replaced (see ``_plain``)."""
    return series.astype(str).str.replace("{", "(", regex=False).str.replace("}", ")", regex=False).tolist()


def incident_points(df: pd.DataFrame, quote_chars: int = 140) -> pd.DataFrame:
    """Located incident rows -> one row per incident with what a point and its tooltip need:
    event_id, longitude, latitude, ring, event_type, fatalities (best, else high), place, and the
    tooltip texts title (date), body (kind, place, casualties, actors, outlet), quote and line
    (date · kind · casualties: its line in a stack's list), worded by ``incidents.words``."""
    fat = int_column(df, "fatalities")
    src = text_column(df, "source")
    src = src.where(src == "", "outlet: " + src)
    place = words.place_column(df)
    kind, casualties, when = words.kind_column(df), words.casualties_column(df), words.date_column(df)
    return pd.DataFrame({
        "event_id": df["event_id"].astype(str).to_numpy(),
        "longitude": df["longitude"].astype(float).round(4).to_numpy(),
        "latitude": df["latitude"].astype(float).round(4).to_numpy(),
        "ring": (int_column(df, "geo_precision") == 3).fillna(False).astype(bool).to_numpy(),
        "event_type": text_column(df, "event_type").to_numpy(),
        "fatalities": fat.where(fat.notna(), int_column(df, "fatalities_high")).astype(float).to_numpy(),
        "place": place.to_numpy(),
        "title": when.to_numpy(),
        "body": words.join_columns([kind, place, casualties, words.actors_column(df), src], "\n").to_numpy(),
        "quote": words.quote_column(df, quote_chars).to_numpy(),
        "line": words.join_columns([when, kind, casualties], " · ").to_numpy(),
    })


def stack_radius(fatalities: pd.Series, count: pd.Series) -> pd.Series:
    """Disc radius of a stack: ``point_radius`` of its summed fatalities, and room for its number
    when it holds more than one incident (9 px, 11 px from 100 on)."""
    radius = point_radius(fatalities)
    room = np.where(count >= 100, 11.0, np.where(count > 1, 9.0, 0.0))
    return pd.Series(np.maximum(radius.to_numpy(dtype=float), room), index=radius.index)


def point_frame(points: pd.DataFrame, quote_chars: int = 140) -> pd.DataFrame:
    """Incident rows -> one row per drawable mark with the columns POINT_KEYS (see
    ``point_records``): incidents at the same place are one mark (``stacks.stack_points``) with
    their ``count`` and space-joined ``event_ids``, whose tooltip lists them. Rows without
    coordinates are dropped; an empty or missing frame gives an empty frame with those columns."""
    df = located(points)
    if df.empty:
        return pd.DataFrame(columns=list(POINT_KEYS))
    rows = incident_points(df, quote_chars)
    st = stack_points(rows)
    several = (st["count"] > 1).to_numpy()
    lines = stack_lines(rows, rows["line"])
    title = np.where(several, st["count"].map(lambda n: f"{n:,} incidents at ") + st["place"], st["title"])
    body = np.where(several, lines.reindex(st.index).fillna(""), st["body"])
    quote = np.where(several, "", st["quote"])
    palette = {t: [*type_rgb(t or None), 215] for t in st["event_type"].unique()}
    return pd.DataFrame({
        "event_id": st["event_id"].tolist(),
        "position": [[a, b] for a, b in zip(st["longitude"].tolist(), st["latitude"].tolist(), strict=True)],
        "color": [palette[t] for t in st["event_type"].tolist()],
        "radius": stack_radius(st["fatalities"], st["count"]).astype(float).tolist(),
        "ring": st["ring"].astype(bool).tolist(),
        "count": st["count"].astype(int).tolist(),
        "event_ids": np.where(several, st["event_ids"], "").tolist(),
        "tt_title": _plain_list(pd.Series(title)),
        "tt_body": _plain_list(pd.Series(body)),
        "tt_quote": _plain_list(pd.Series(quote)),
    }, columns=list(POINT_KEYS))


def point_records(points: pd.DataFrame, quote_chars: int = 140) -> list[dict]:
    """Incident rows -> the small records the point layers draw (plain text, JSON-safe).

    In: rows with event_id, latitude, longitude, event_type and (optional) event_date, date_start,
    date_end, time_precision, sub_event_type, location, admin1, country, geo_precision,
    fatalities(_low/_high), wounded, arrested, actor1, actor2, source, quote. Rows without
    coordinates are dropped. Out: dicts with event_id, position [lon, lat], color [r, g, b, a],
    radius (px), ring (True when located only to the governorate), count (incidents at that
    place), event_ids (theirs, space-joined, when more than one; else '') and the tooltip fields:
    for one incident the date (title), kind, place, casualties, actors and outlet (body), all
    worded by ``incidents.words``, and the quote; for several "N incidents at <place>" and a
    line per incident (date · kind · casualties). The maps themselves use ``point_frame``, which
    skips the dicts (``point_layers`` writes a frame straight to JSON).
    """
    frame = point_frame(points, quote_chars)
    return [dict(zip(POINT_KEYS, row, strict=True)) for row in zip(*(frame[k].tolist() for k in POINT_KEYS),
                                                                   strict=True)]


class RecordsJSON(str):
    """Layer data already written as a JSON array of records; ``CompactDeck.to_json`` inserts it
    as it is (pydeck would otherwise turn a frame into dicts and serialise them slowly)."""


def records_json(frame: pd.DataFrame) -> RecordsJSON:
    """A frame -> RecordsJSON (pandas' C JSON writer, non-ASCII kept)."""
    if frame.empty:
        return RecordsJSON("[]")
    return RecordsJSON(frame.to_json(orient="records", force_ascii=False, double_precision=6))


def point_layers(records: list[dict] | pd.DataFrame) -> list[pdk.Layer]:
    """Point records (``point_records``) or a ``point_frame`` -> two ScatterplotLayers: filled discs
    (id "points") for incidents located to a town or near one, hollow rings (id
    "points-governorate") for those located only to a governorate; then the numbers on the
    stacks of more than one (id "counts", ``counts_layer``)."""
    frame = records if isinstance(records, pd.DataFrame) else pd.DataFrame(records, columns=list(POINT_KEYS))
    ring = frame["ring"].astype(bool)
    if isinstance(records, pd.DataFrame):
        discs, rings = records_json(records[~ring]), records_json(records[ring])
    else:
        discs = [r for r in records if not r["ring"]]
        rings = [r for r in records if r["ring"]]
    common = {"get_position": "position", "radius_units": "'pixels'", "get_radius": "radius",
              "pickable": True, "auto_highlight": True}
    return [
        pdk.Layer("ScatterplotLayer", data=rings, id="points-governorate", stroked=True, filled=False,
                  get_line_color="color", line_width_min_pixels=2.5, **common),
        pdk.Layer("ScatterplotLayer", data=discs, id="points", stroked=True, filled=True,
                  get_fill_color="color", get_line_color=[255, 255, 255, 230], line_width_min_pixels=1,
                  **common),
        counts_layer(frame),
    ]


def bin_records(bins: pd.DataFrame, cell_deg: float) -> list[dict]:
    """``Store.map_bins`` rows (longitude, latitude = cell centre, incidents, fatalities) -> square
    cell polygons coloured by the log of their count (``colors.density_rgb``) with tooltip fields."""
    if bins is None or bins.empty:
        return []
    counts = pd.to_numeric(bins["incidents"], errors="coerce").fillna(0)
    top = math.log1p(float(counts.max())) or 1.0
    half = cell_deg / 2
    out = []
    for lon, lat, n, fat in zip(bins["longitude"], bins["latitude"], counts,
                                bins.get("fatalities", pd.Series(0, index=bins.index)), strict=True):
        lon, lat = float(lon), float(lat)
        n = int(n)
        out.append({
            "polygon": [[round(lon - half, 4), round(lat - half, 4)], [round(lon + half, 4), round(lat - half, 4)],
                        [round(lon + half, 4), round(lat + half, 4)], [round(lon - half, 4), round(lat + half, 4)]],
            "color": [*density_rgb(math.log1p(n) / top), 210],
            "tt_title": f"{n:,} incident{'s' if n != 1 else ''}",
            "tt_body": f"cell of {cell_deg:g}° around {lat:.2f} N, {lon:.2f} E"
                       + (f"\nfatalities: {int(fat):,}" if integer(fat) else ""),
            "tt_quote": "",
        })
    return out


def bins_layer(records: list[dict]) -> pdk.Layer:
    """Grid cell records -> a PolygonLayer (id "bins")."""
    return pdk.Layer("PolygonLayer", data=records, id="bins", get_polygon="polygon", get_fill_color="color",
                     get_line_color=[255, 255, 255, 120], line_width_min_pixels=0.5, stroked=True,
                     filled=True, pickable=True, auto_highlight=True)


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation: pydeck indents by 2 and sorts keys, which makes about
    40% of a big map's message whitespace. Streamlit sends ``to_json()`` as it is."""

    def to_json(self) -> str:
        """The deck as compact JSON. Layer data (plain lists of JSON-native records, or
        RecordsJSON text) is left out of pydeck's slow generic serialisation and written straight
        by ``json.dumps`` (or inserted as it is)."""
        stash = []
        for layer in self.layers:
            stash.append(layer._data)
            layer._data = None
        try:
            spec = json.loads(super().to_json())
        finally:
            for layer, data in zip(self.layers, stash, strict=True):
                layer._data = data
        raw = {}
        for i, (layer_spec, data) in enumerate(zip(spec.get("layers", []), stash, strict=True)):
            if isinstance(data, RecordsJSON):
                token = f"@@iim-records-{i}@@"
                raw[json.dumps(token)] = str(data)
                layer_spec["data"] = token
            elif data is not None:
                layer_spec["data"] = data
        text = json.dumps(spec, separators=(",", ":"), ensure_ascii=False)
        for token, data in raw.items():
            text = text.replace(token, data, 1)
        return text


def make_deck(layers: list[pdk.Layer], view: Mapping | None = None, online_basemap: bool = False,
              blank_style_url: str | None = None) -> pdk.Deck:
    """Layers -> a Deck with our tooltip. Offline by default: no basemap (NO_BASEMAP; deck.gl draws
    alone on the page's MAP_BACKGROUND), or ``blank_style_url`` (a style the app serves, e.g.
    BLANK_STYLE_URL) as a MapLibre basemap; ``online_basemap`` switches to Carto's light style
    (fetched from the internet)."""
    v = dict(view or IRAQ_VIEW)
    state = pdk.ViewState(latitude=v["latitude"], longitude=v["longitude"], zoom=v["zoom"], pitch=0, bearing=0)
    if online_basemap:
        return CompactDeck(layers=layers, initial_view_state=state, map_provider="carto",
                           map_style=ONLINE_STYLE, tooltip=TOOLTIP)
    return CompactDeck(layers=layers, initial_view_state=state, map_provider=None,
                       map_style=blank_style_url or NO_BASEMAP, tooltip=TOOLTIP)


def governorate_counts(by_governorate: pd.DataFrame | None) -> dict[str, int]:
    """``Store.by_governorate`` rows (admin1, incidents) -> {governorate: incidents}; rows without a
    governorate are left out; None or an empty frame gives {}."""
    if by_governorate is None or by_governorate.empty:
        return {}
    return {str(a): int(n) for a, n in zip(by_governorate["admin1"], by_governorate["incidents"], strict=True)
            if isinstance(a, str)}


MAP_HEIGHT_PX = 620  # the Map page's map
FIT_WIDTH_PX = 600  # the narrowest the Map page's map is drawn (1366 px wide window, sidebar open)


def incident_map(*, points: pd.DataFrame | None = None, by_governorate: pd.DataFrame | None = None,
                 bins: pd.DataFrame | None = None, cell_deg: float = 0.25,
                 show: Iterable[str] = ("points", "shade", "labels"), governorates: Iterable[str] | None = None,
                 online_basemap: bool = False, geojson: Mapping | None = None,
                 width_px: int = FIT_WIDTH_PX, height_px: int = MAP_HEIGHT_PX, quote_chars: int = 140) -> pdk.Deck:
    """The whole incident map in one call.

    In: ``points`` (incident rows, see ``point_records``) and/or ``bins`` (``Store.map_bins`` rows
    for ``cell_deg``), ``by_governorate`` (admin1, incidents) for shading; ``show``: any of
    "points", "shade" (governorates shaded by count), "density" (grid cells), "labels";
    ``governorates``: the filtered governorates (None = all of Iraq), which the first view fits
    into a map of ``width_px`` x ``height_px``. Incidents at one place are one mark with their
    number; the names are placed off the marks (``placement.place_labels``) at that view.
    Out: a Deck whose layers always start with the governorate polygons.
    """
    show = set(show)
    gj = geojson or load_governorates()
    names = list(governorates) if governorates else None
    view = view_for(governorate_bounds(gj, names), width_px, height_px)
    layers = [governorate_layer(gj, governorate_counts(by_governorate), shaded="shade" in show)]
    if "density" in show and bins is not None:
        layers.append(bins_layer(bin_records(bins, cell_deg)))
    frame = point_frame(points, quote_chars=quote_chars) if "points" in show and points is not None else None
    if frame is not None:
        layers.extend(point_layers(frame))
    if "labels" in show:
        markers = None if frame is None else pd.DataFrame({
            "longitude": [p[0] for p in frame["position"]], "latitude": [p[1] for p in frame["position"]],
            "radius": frame["radius"]})
        where = place_labels(label_points(gj), markers, deck_mercator(view["zoom"]), LABEL_PX, inside_governorate)
        layers.append(labels_layer(gj, positions=where))
    return make_deck(layers, view, online_basemap)


def deck_json_size(deck: pdk.Deck) -> int:
    """Characters of the JSON Streamlit sends for this deck (``deck.to_json()``)."""
    return len(deck.to_json())


def background_css(color: str = MAP_BACKGROUND) -> str:
    """A style element that gives every deck.gl map box of the page ``color`` behind its canvas
    (the offline map has no basemap to paint it)."""
    return f"<style>[data-testid='stDeckGlJsonChart'] {{ background-color: {color}; }}</style>"


def legend_items() -> list[tuple[str, str]]:
    """(label, CSS colour) for each event type, in the taxonomy's order."""
    return [(name, "#{:02x}{:02x}{:02x}".format(*rgb)) for name, rgb in EVENT_TYPE_COLORS.items()]


def cell_size(bounds: tuple[float, float, float, float], cells_across: int = 60) -> float:
    """A grid cell size in degrees (a round number: 0.05, 0.1, 0.25, 0.5, 1) giving about
    ``cells_across`` cells over the wider side of ``bounds``."""
    span = max(bounds[2] - bounds[0], bounds[3] - bounds[1], 0.1)
    target = span / cells_across
    for size in (0.02, 0.05, 0.1, 0.25, 0.5, 1.0):
        if size >= target:
            return size
    return 1.0


LAYER_CHOICES: dict[str, str] = {
    "points": "Incidents (points)",
    "shade": "Governorates shaded by count",
    "density": "Density (grid cells)",
    "labels": "Focus governorate names",
}
DEFAULT_LAYERS: tuple[str, ...] = ("points", "shade", "labels")


def parse_layers(value: str | None) -> tuple[tuple[str, ...], bool]:
    """The ``layers`` URL setting ("points,shade,basemap") -> (known layer names in
    LAYER_CHOICES order, online basemap on?). None or '' -> the defaults, basemap off."""
    if not value:
        return DEFAULT_LAYERS, False
    names = {v.strip() for v in value.split(",")}
    return tuple(k for k in LAYER_CHOICES if k in names), "basemap" in names


def format_layers(layers: Iterable[str], basemap: bool) -> str:
    """Inverse of ``parse_layers``; '' for the defaults."""
    chosen = tuple(k for k in LAYER_CHOICES if k in set(layers))
    if chosen == DEFAULT_LAYERS and not basemap:
        return ""
    return ",".join(chosen + (("basemap",) if basemap else ())) or "none"


def map_mode(count: int, layers: Iterable[str], limit: int = POINT_LIMIT) -> tuple[tuple[str, ...], str]:
    """Which layers to draw for ``count`` filtered incidents: above ``limit`` the points give way
    to server-side grid cells ("density"). Returns (layers to draw, a note for the user or '')."""
    want = [x for x in LAYER_CHOICES if x in set(layers)]
    if "points" in want and count > limit:
        want = [x for x in want if x != "points"]
        if "density" not in want:
            want.insert(0, "density")
        return tuple(want), (f"{count:,} incidents are more than the {limit:,} the map draws as points: "
                             "showing them as grid cells computed on the server. Narrow the filters to see "
                             "individual incidents.")
    return tuple(want), ""
