"""The overview's figures drawn to SVG on the server (incidents.figures.static, vl-convert): the
SVG holds one mark per governorate, incident and bar the store counts, and no article text."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from incidents import ROOT
from incidents.figures.static import drawn_marks, inline_datasets, render_svg
from incidents.figures.vegalite import map_spec, timeline_spec
from incidents.filters import Filters
from incidents.store.store import Store

marks = drawn_marks


@pytest.fixture(scope="module")
def shipped() -> Store:
    return Store.open(ROOT / "data")


def test_map_svg_draws_every_governorate_and_every_located_incident(shipped):
    f = Filters(governorates=None, countries=())
    points = shipped.run("map_points", f)
    svg = render_svg(map_spec(by_governorate=shipped.run("by_governorate", f), points=points, width=640), width=640)
    assert svg.startswith("<svg") and 'width="650"' in svg  # 640 px plus Vega's padding
    assert len(marks(svg, "shape")) == 18  # Natural Earth's governorates of Iraq
    located = points[points["latitude"].notna()]
    places = located.assign(ring=located["geo_precision"] == 3).round({"latitude": 4, "longitude": 4})
    assert len(marks(svg, "symbol")) == len(places.drop_duplicates(["latitude", "longitude", "ring"])) > 0
    labels = {t.text for t in marks(svg, "text")}
    assert {"Kirkuk", "Salah ad-Din", "Diyala", "Nineveh"} <= labels


def test_map_svg_fills_governorates_with_their_shade(shipped):
    f = Filters()
    by = shipped.run("by_governorate", f)
    spec = map_spec(by_governorate=by, points=None)
    fills = {ft["properties"]["fill"] for ft in spec["layer"][0]["data"]["values"]}
    svg = render_svg(spec)
    drawn = {p.get("fill") for p in marks(svg, "shape")}
    assert drawn == fills and len(drawn) >= 2


def test_timeline_svg_draws_one_bar_per_period_and_group(shipped):
    f = Filters(governorates=None, countries=())
    frame = shipped.run("timeline", f, "month", "event_type")
    svg = render_svg(timeline_spec(frame))
    assert len(marks(svg, "rect")) == len(frame) > 0
    assert all(t in svg for t in frame["group"].unique())  # the legend names every event type


def test_no_article_text_reaches_the_figures(tmp_path):
    from appdata import HOSTILE_EVENT_ID, write_hostile  # tests/app helper: an article full of markup

    store = Store.open(write_hostile(tmp_path / "hostile"))
    f = Filters(governorates=None)
    points = store.run("map_points", f)
    assert HOSTILE_EVENT_ID in set(points["event_id"])
    svg = render_svg(map_spec(by_governorate=store.run("by_governorate", f), points=points))
    svg += render_svg(timeline_spec(store.run("timeline", f, "month", "event_type")))
    quote = str(points.set_index("event_id").loc[HOSTILE_EVENT_ID, "quote"])
    assert "<img" in quote
    assert quote[:30] not in svg and "<img" not in svg and "<script" not in svg
    assert not re.search(r"\son[a-z]+=", svg)  # no event handler attributes anywhere


def test_inline_datasets_writes_frames_as_records():
    frame = pd.DataFrame({"a": [1, None], "when": pd.to_datetime(["2024-01-02", None])})
    spec = {"mark": "point", "datasets": {"t": frame}, "data": {"name": "t"}}
    out = inline_datasets(spec)
    assert out["datasets"]["t"][0]["a"] == 1 and out["datasets"]["t"][1]["a"] is None
    assert out["datasets"]["t"][0]["when"].startswith("2024-01-02") and out["datasets"]["t"][1]["when"] is None
    assert spec["datasets"]["t"] is frame  # the caller's spec is left alone
    assert "datasets" not in inline_datasets({"mark": "point"})


def test_a_spec_that_is_not_vega_lite_says_so():
    with pytest.raises(ValueError, match="could not be drawn"):
        render_svg({"mark": "no-such-mark", "data": {"values": [{"a": 1}]}})


def test_sessions_drawing_at_once_get_the_same_figures(shipped):
    """Streamlit runs each browser session's script in its own thread: figures drawn at the same time
    are the same figures (Vega numbers its clip paths and gradients per drawing; nothing else differs)."""
    from concurrent.futures import ThreadPoolExecutor

    f = Filters(governorates=None, countries=())
    specs = [map_spec(by_governorate=shipped.run("by_governorate", f), points=shipped.run("map_points", f)),
             timeline_spec(shipped.run("timeline", f, "month", "event_type"))] * 4
    with ThreadPoolExecutor(4) as pool:
        drawn = list(pool.map(render_svg, specs))
    unique = {re.sub(r"(clip|gradient_)\d+", r"\1", svg) for svg in drawn}
    assert len(unique) == 2
