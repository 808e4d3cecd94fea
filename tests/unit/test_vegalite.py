"""The overview's Vega-Lite figures (incidents.figures.vegalite) on the shipped data and on synthetic sets:
what they draw is what the store counts, stacks add up, colours and text come through unchanged."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from incidents import ROOT
from incidents.dataset import synth
from incidents.figures.colors import rgb_hex, sequential_rgb, type_hex
from incidents.figures.maps import governorate_bounds, load_governorates
from incidents.figures.vegalite import (
    NO_INCIDENTS_FILL,
    governorate_features,
    map_points,
    map_spec,
    period_end,
    shade_hex,
    time_ticks,
    timeline_spec,
    timeline_table,
)
from incidents.filters import Filters
from incidents.schema import EVENT_TYPES, FOCUS_GOVERNORATES
from incidents.store.store import Store

SHIPPED = ROOT / "data"


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("vl-synth")
    synth.write(folder, *synth.generate(800, seed=3))
    return Store.open(folder)


@pytest.fixture(scope="module")
def shipped() -> Store:
    return Store.open(SHIPPED)


def layer_marks(spec: dict) -> list[str]:
    return [layer["mark"]["type"] for layer in spec["layer"]]


def test_spec_is_json_once_its_tables_are_out(synth_store):
    f = Filters()
    for spec in (map_spec(by_governorate=synth_store.run("by_governorate", f), points=synth_store.run("map_points", f)),
                 timeline_spec(synth_store.run("timeline", f, "month", "event_type"))):
        tables = spec.pop("datasets")
        assert all(isinstance(t, pd.DataFrame) for t in tables.values())
        json.dumps(spec)  # what Streamlit sends besides the Arrow tables


# -- shading --------------------------------------------------------------------------------------

@pytest.mark.parametrize("n, top, want", [
    (0, 10, NO_INCIDENTS_FILL), (5, 0, NO_INCIDENTS_FILL), (10, 10, rgb_hex(sequential_rgb(1.0))),
    (40, 10, rgb_hex(sequential_rgb(1.0))), (1, 100, rgb_hex(sequential_rgb(0.15 + 0.85 * 0.1))),
])
def test_shade_hex(n, top, want):
    assert shade_hex(n, top) == want


def test_shading_darkens_with_the_count():
    greens = [int(shade_hex(n, 100)[3:5], 16) for n in (1, 10, 40, 100)]  # sand -> red: green falls
    assert greens == sorted(greens, reverse=True) and len(set(greens)) == 4


def test_every_governorate_is_drawn_with_its_count(synth_store):
    gj = load_governorates()
    by = synth_store.run("by_governorate", Filters(governorates=None))
    counts = dict(zip(by["admin1"], by["incidents"], strict=True))
    features = governorate_features(gj, counts)
    assert [f["properties"]["name"] for f in features] == [f["properties"]["name"] for f in gj["features"]]
    for feat in features:
        p = feat["properties"]
        assert p["incidents"] == counts.get(p["name"], 0)
        assert p["fill"] == shade_hex(p["incidents"], max(counts.values()))
        assert (p["stroke_width"] > 1) == (p["name"] in FOCUS_GOVERNORATES)


# -- points ---------------------------------------------------------------------------------------

def test_points_of_the_shipped_data_are_its_located_incidents_one_mark_per_place(shipped):
    rows = shipped.run("map_points", Filters(governorates=None, countries=()))
    located = rows[rows["latitude"].notna() & rows["longitude"].notna()].copy()
    located["ring"] = located["geo_precision"] == 3
    located["place"] = list(zip(located["longitude"].round(4), located["latitude"].round(4), located["ring"],
                                strict=True))
    pts = map_points(rows)
    assert int(pts["count"].sum()) == len(located) > len(pts) > 0  # the shipped data has incidents at one place
    by_place = located.groupby("place", sort=False)
    assert sorted(pts["count"]) == sorted(by_place.size())
    for p in pts.itertuples():
        here = located[located["place"] == (p.longitude, p.latitude, p.ring)]
        assert len(here) == p.count and p.event_id == here["event_id"].iloc[0]  # the newest one names it
        assert p.color == type_hex(p.event_type) and p.event_type in set(here["event_type"])
    assert pts["size"].between(19, 453).all()  # circle areas of radius 2.5 .. 12 px
    assert list(pts.columns) == ["event_id", "longitude", "latitude", "color", "size", "ring", "count",
                                 "event_type"]  # no article text


def test_more_fatalities_make_a_bigger_disc():
    rows = pd.DataFrame({"event_id": ["a", "b", "c"], "latitude": [35.0, 35.1, None], "longitude": [44.0, 44.1, 44.2],
                         "event_type": ["Battles", "Battles", "Battles"], "fatalities": [0, 25, 3],
                         "geo_precision": [1, 3, 1]})
    pts = map_points(rows)
    assert list(pts["event_id"]) == ["a", "b"]  # no coordinates, no point
    assert pts["size"].iloc[1] > pts["size"].iloc[0] and list(pts["ring"]) == [False, True]


def test_map_with_points_draws_discs_rings_and_labels(synth_store):
    f = Filters()
    pts = synth_store.run("map_points", f)
    spec = map_spec(by_governorate=synth_store.run("by_governorate", f), points=pts, governorates=f.governorates)
    assert layer_marks(spec) == ["geoshape", "square", "circle", "circle", "text", "text", "text", "text"]
    d = spec["datasets"]
    assert int(d["points"]["count"].sum() + d["rings"]["count"].sum()) == int(pts["latitude"].notna().sum())
    stacks = pd.concat([d["points"], d["rings"]]).query("count > 1")
    assert sorted(d["counts"]["label"]) == sorted(f"{n:,}" for n in stacks["count"])
    assert d["rings"]["ring"].all() and not d["points"]["ring"].any()
    assert sorted(d["labels"]["name"]) == sorted(FOCUS_GOVERNORATES)


def test_map_without_points_draws_only_the_shading(synth_store):
    spec = map_spec(by_governorate=synth_store.run("by_governorate", Filters()), points=None)
    assert layer_marks(spec) == ["geoshape", "square", "text", "text"]  # the square draws the shading's legend
    assert spec["datasets"]["points"].empty and spec["datasets"]["rings"].empty


@pytest.mark.parametrize("governorates", [("Kirkuk",), ("Diyala", "Basrah"), None])
def test_projection_fits_the_filtered_governorates_with_a_margin(governorates):
    gj = load_governorates()
    spec = map_spec(governorates=governorates, geojson=gj)
    (lo_lon, lo_lat), (hi_lon, hi_lat) = spec["projection"]["fit"]["coordinates"]
    min_lon, min_lat, max_lon, max_lat = governorate_bounds(gj, governorates)
    assert lo_lon < min_lon and lo_lat < min_lat and hi_lon > max_lon and hi_lat > max_lat
    assert hi_lon - lo_lon < (max_lon - min_lon) * 1.2 + 0.2


# -- timeline -------------------------------------------------------------------------------------

@pytest.mark.parametrize("freq", ["month", "week"])
def test_stacks_add_up_to_the_store_counts(synth_store, freq):
    f = Filters(governorates=None)
    frame = synth_store.run("timeline", f, freq, "event_type")
    bars = timeline_table(frame, "event_type", freq)
    assert int(bars["incidents"].sum()) == synth_store.run("summary", f)["incidents"] - synth_store.run("summary", f)["undated"]
    for _, one in bars.groupby("start"):
        assert one["low"].iloc[0] == 0
        assert list(one["low"].iloc[1:]) == list(one["high"].iloc[:-1])  # each bar sits on the one below
        assert (one["high"] - one["low"] == one["incidents"]).all()
        ranks = [list(EVENT_TYPES).index(g) for g in one["group"]]
        assert ranks == sorted(ranks)  # bottom-up in legend order


@pytest.mark.parametrize("freq, start, end", [
    ("month", "2024-01-01", "2024-02-01"), ("month", "2024-12-01", "2025-01-01"), ("week", "2024-12-09", "2024-12-16"),
])
def test_bars_span_their_period(freq, start, end):
    frame = pd.DataFrame({"period": [pd.Timestamp(start)], "group": ["Battles"], "incidents": [4]})
    row = timeline_table(frame, "event_type", freq).iloc[0]
    assert (row["start"], row["end"], row["low"], row["high"]) == (start, end, 0, 4)
    assert period_end(pd.Series([pd.Timestamp(start)]), freq).iloc[0] == pd.Timestamp(end)


def test_timeline_colours_follow_the_event_types(synth_store):
    spec = timeline_spec(synth_store.run("timeline", Filters(), "month", "event_type"))
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert scale["range"] == [type_hex(t) for t in scale["domain"]]
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "utc"


def test_timeline_by_governorate_names_its_groups(synth_store):
    spec = timeline_spec(synth_store.run("timeline", Filters(), "month", "admin1"), by="admin1")
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert set(scale["domain"]) <= set(FOCUS_GOVERNORATES) and scale["domain"] == sorted(scale["domain"])


def test_empty_timeline_says_so():
    spec = timeline_spec(pd.DataFrame(columns=["period", "group", "incidents"]))
    assert spec["mark"]["type"] == "text"
    assert spec["data"]["values"][0]["text"] == "No dated incidents under these filters"


@pytest.mark.parametrize("months, fmt, interval, step", [
    (1, "%b %Y", "month", 1), (8, "%b %Y", "month", 1), (12, "%b %Y", "month", 2), (30, "%b %Y", "month", 3),
    (37, "%Y", "year", 1), (120, "%Y", "year", 1), (240, "%Y", "year", 2),
])
def test_time_ticks(months, fmt, interval, step):
    assert time_ticks(months) == {"format": fmt, "tickCount": {"interval": interval, "step": step}}
