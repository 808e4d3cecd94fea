"""incidents.figures.maps: pydeck decks from store frames (pure builders), offline by default."""

from __future__ import annotations

import json
import tomllib

import pandas as pd
import pytest

from incidents import ROOT
from incidents.dataset import synth
from incidents.figures.maps import (
    BLANK_STYLE_URL,
    DEFAULT_LAYERS,
    INCIDENT_LAYERS,
    NO_BASEMAP,
    POINT_LIMIT,
    TOOLTIP,
    bin_records,
    cell_size,
    deck_json_size,
    format_layers,
    governorate_bounds,
    incident_map,
    load_governorates,
    make_deck,
    map_mode,
    parse_layers,
    point_frame,
    point_layers,
    point_radius,
    point_records,
    view_for,
)
from incidents.filters import Filters
from incidents.places.governorates import GOVERNORATES
from incidents.schema import EVENT_TYPE_COLORS, FOCUS_GOVERNORATES
from incidents.store.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("maps")
    synth.write(folder, *synth.generate(1500, seed=9))
    return Store.open(folder, cache=False)


def spec(deck) -> dict:
    return json.loads(deck.to_json())


def test_boundaries_load_with_every_governorate():
    gj = load_governorates()
    assert sorted(f["properties"]["name"] for f in gj["features"]) == sorted(GOVERNORATES)


def test_offline_by_default_and_basemap_only_on_request(store):
    pts = store.run("map_points", Filters())
    off, on = spec(incident_map(points=pts)), spec(incident_map(points=pts, online_basemap=True))
    assert off["mapStyle"] == NO_BASEMAP and "mapProvider" not in off  # Streamlit draws no basemap: no MapLibre
    assert spec(make_deck([], blank_style_url=BLANK_STYLE_URL))["mapStyle"] == BLANK_STYLE_URL
    assert on["mapProvider"] == "carto" and "cartocdn" in on["mapStyle"]
    style = json.loads((ROOT / "static" / "blank_style.json").read_text(encoding="utf-8"))
    assert style["version"] == 8 and style["sources"] == {} and "glyphs" not in style and "sprite" not in style
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True
    assert BLANK_STYLE_URL == "app/static/" + "blank_style.json"


def test_layers_have_ids_and_points_match_the_store(store):
    f = Filters(governorates=None)
    pts = store.run("map_points", f)
    s = spec(incident_map(points=pts, by_governorate=store.run("by_governorate", f), show=DEFAULT_LAYERS))
    ids = [layer["id"] for layer in s["layers"]]
    assert ids == ["governorates", "points-governorate", "points", "counts", "labels"]
    data = {layer["id"]: layer["data"] for layer in s["layers"] if isinstance(layer["data"], list)}
    n = {k: sum(r.get("count", 1) for r in v) for k, v in data.items()}
    located = pts[pts["latitude"].notna()]
    assert n["points"] + n["points-governorate"] == len(located)
    assert n["points-governorate"] == int((located["geo_precision"] == 3).sum())
    assert n["labels"] == len(FOCUS_GOVERNORATES)
    rings = next(layer for layer in s["layers"] if layer["id"] == "points-governorate")
    discs = next(layer for layer in s["layers"] if layer["id"] == "points")
    assert rings["filled"] is False and rings["stroked"] is True and discs["filled"] is True
    assert rings["radiusUnits"] == discs["radiusUnits"] == "pixels"  # a quoted literal, not an accessor
    assert s["views"][0]["@@type"] == "MapView"


def test_point_records_colour_size_and_tooltip_fields():
    rows = pd.DataFrame([
        {"event_id": "A", "latitude": 35.4, "longitude": 44.3, "event_type": "Battles", "geo_precision": 1,
         "fatalities": 0, "event_date": "2024-01-02", "time_precision": 1, "location": "Kirkuk",
         "admin1": "Kirkuk", "quote": "<script>x</script> {tt_title}", "source": "Shafaq News",
         "actor1": "Islamic State (Iraq)", "actor2": "Military Forces of Iraq"},
        {"event_id": "B", "latitude": 34.6, "longitude": 45.3, "event_type": "Riots", "geo_precision": 3,
         "fatalities": 25, "fatalities_low": 20, "fatalities_high": 30, "date_start": "2024-01-01",
         "date_end": "2024-01-07", "time_precision": 2, "admin1": "Diyala"},
        {"event_id": "C", "latitude": None, "longitude": None, "event_type": "Battles"},
        {"event_id": "D", "latitude": 34.0, "longitude": 44.0, "event_type": None},
    ])
    recs = {r["event_id"]: r for r in point_records(rows)}
    assert set(recs) == {"A", "B", "D"}  # no coordinates, no point
    assert recs["A"]["color"][:3] == list(EVENT_TYPE_COLORS["Battles"])
    assert recs["D"]["color"][:3] == [127, 127, 127]
    assert recs["A"]["ring"] is False and recs["B"]["ring"] is True
    assert recs["B"]["radius"] > recs["A"]["radius"]
    # the words of every other page (incidents.words)
    assert recs["A"]["tt_title"] == "2 Jan 2024"
    assert recs["B"]["tt_title"] == "1–7 Jan 2024 (week)"
    assert recs["D"]["tt_title"] == "undated"
    assert recs["B"]["tt_body"] == "Riots\nDiyala (governorate only)\n25 killed (20–30)"
    assert recs["A"]["tt_body"] == ("Battles\nKirkuk\n0 killed\nIslamic State (Iraq) vs Military Forces of Iraq\n"
                                    "outlet: Shafaq News")
    # plain text (the frontend escapes it), with template braces neutralised
    assert recs["A"]["tt_quote"] == "“<script>x</script> (tt_title)”"
    assert all(set(r) >= {"tt_title", "tt_body", "tt_quote"} for r in recs.values())
    assert "{tt_title}" in TOOLTIP["html"] and "{tt_quote}" in TOOLTIP["html"]


@pytest.mark.parametrize(("fatalities", "radius"), [(0, 4.0), (1, 6.6), (4, 9.2), (100, 22.0), (None, 4.0)])
def test_point_radius_grows_with_fatalities_and_is_capped(fatalities, radius):
    assert point_radius(pd.Series([fatalities], dtype="Float64")).iloc[0] == radius


def test_bins_are_square_cells_around_their_centres(store):
    bins = store.run("map_bins", Filters(governorates=None), 0.5)
    recs = bin_records(bins, 0.5)
    assert len(recs) == len(bins) and sum(int(r["tt_title"].split()[0].replace(",", "")) for r in recs) \
        == int(bins["incidents"].sum())
    xs = [p[0] for p in recs[0]["polygon"]]
    ys = [p[1] for p in recs[0]["polygon"]]
    assert max(xs) - min(xs) == pytest.approx(0.5) and max(ys) - min(ys) == pytest.approx(0.5)


@pytest.mark.parametrize(("count", "layers", "drawn", "noted"), [
    (100, ("points", "shade"), ("points", "shade"), False),
    (POINT_LIMIT, ("points",), ("points",), False),
    (POINT_LIMIT + 1, ("points", "shade", "labels"), ("density", "shade", "labels"), True),
    (POINT_LIMIT + 1, ("points", "density"), ("density",), True),
    (10**6, ("shade",), ("shade",), False),
])
def test_map_mode_switches_to_server_bins_above_the_limit(count, layers, drawn, noted):
    got, note = map_mode(count, layers)
    assert got == drawn and bool(note) == noted


@pytest.mark.parametrize(("value", "layers", "basemap"), [
    (None, DEFAULT_LAYERS, False), ("", DEFAULT_LAYERS, False), ("density,basemap", ("density",), True),
    ("labels,points,bogus", ("points", "labels"), False), ("none", (), False),
])
def test_layers_setting_round_trip(value, layers, basemap):
    assert parse_layers(value) == (layers, basemap)
    assert parse_layers(format_layers(layers, basemap)) == (layers, basemap)


@pytest.mark.parametrize("names", [None, FOCUS_GOVERNORATES, ("Basra",), ("Nineveh", "Basra")])
def test_view_fits_the_filtered_governorates(names):
    bounds = governorate_bounds(load_governorates(), names)
    view = view_for(bounds)
    assert bounds[0] <= view["longitude"] <= bounds[2] and bounds[1] <= view["latitude"] <= bounds[3]
    assert 3.5 <= view["zoom"] <= 10
    if names is None:
        assert 4.5 <= view["zoom"] <= 6.0  # all of Iraq in a 900 px map


def test_cell_size_is_a_round_number():
    assert cell_size(governorate_bounds(load_governorates(), None)) in (0.1, 0.25, 0.5)
    assert cell_size((44.0, 35.0, 44.5, 35.4)) == 0.02


def test_deck_json_stays_bounded_at_the_point_limit():
    """A map never carries more than POINT_LIMIT points; at the limit its JSON stays far below
    Streamlit's 200 MB message limit (and is compact: no indentation)."""
    inc, _ = synth.generate(POINT_LIMIT, seed=4, n_articles=1)
    deck = incident_map(points=inc, quote_chars=80)
    size = deck_json_size(deck)
    s = json.loads(deck.to_json())
    assert sum(r["count"] for layer in s["layers"] if layer["id"] in INCIDENT_LAYERS for r in layer["data"]) \
        == int(inc["latitude"].notna().sum())
    assert size < 15_000_000, f"{size:,} characters for {POINT_LIMIT:,} points"
    assert "\n  " not in deck.to_json()[:2000]
    print(f"deck JSON at {POINT_LIMIT:,} points: {size / 1e6:.1f} MB")


def test_point_layers_from_a_frame_send_the_same_records_as_from_dicts(store):
    """The maps write a point_frame straight to JSON; what the browser gets equals the records
    of point_records, also for article text holding quotes, braces, non-ASCII and the token the
    deck uses to splice the records in."""
    pts = store.run("map_points", Filters(governorates=None), limit=300).copy()
    pts.loc[pts.index[0], "quote"] = 'He said "@@iim-records-1@@" {tt_body} \\ </script> ﻿الموصل'
    via_frame = spec(make_deck(point_layers(point_frame(pts))))
    via_dicts = spec(make_deck(point_layers(point_records(pts))))
    assert via_frame == via_dicts
    data = {layer["id"]: layer["data"] for layer in via_frame["layers"]}
    assert sum(r["count"] for r in data["points"] + data["points-governorate"]) == int(pts["latitude"].notna().sum())
    assert any("@@iim-records-1@@" in r["tt_quote"] and "(tt_body)" in r["tt_quote"] for r in data["points"]
               + data["points-governorate"])
