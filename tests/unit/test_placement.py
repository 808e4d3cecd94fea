"""Governorate names kept off the incident markers (incidents.figures.placement): on the overview's map as
vl-convert draws it, and on the deck.gl map at its first view."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from incidents import ROOT
from incidents.dataset import synth
from incidents.figures.maps import incident_map, label_points, load_governorates
from incidents.figures.placement import Mercator, deck_mercator, fit_mercator, label_box, place_labels
from incidents.figures.static import drawn_marks, render_svg
from incidents.figures.vegalite import LABEL_PX, map_spec
from incidents.filters import Filters
from incidents.schema import FOCUS_GOVERNORATES
from incidents.store.store import Store

TRANSLATE = re.compile(r"translate\(([-\d.e]+),([-\d.e]+)\)")


def _xy(el) -> tuple[float, float]:
    m = TRANSLATE.search(el.get("transform") or "")
    assert m, el.attrib
    return float(m.group(1)), float(m.group(2))


def _radius(el) -> float:
    return float(re.match(r"M([-\d.e]+),", el.get("d")).group(1))


def _gap(box, cx, cy) -> float:
    x0, y0, x1, y1 = box
    dx, dy = max(x0 - cx, 0, cx - x1), max(y0 - cy, 0, cy - y1)
    return float(np.hypot(dx, dy))


@pytest.fixture(scope="module")
def shipped() -> Store:
    return Store.open(ROOT / "data")


@pytest.mark.parametrize("governorates", [FOCUS_GOVERNORATES, None, ("Kirkuk",), ("Kirkuk", "Nineveh")])
def test_overview_names_touch_no_marker_as_drawn(shipped, governorates):
    f = Filters(governorates=governorates)
    svg = render_svg(map_spec(by_governorate=shipped.run("by_governorate", f), points=shipped.run("map_points", f),
                              governorates=governorates))
    symbols = [(*_xy(s), _radius(s)) for s in drawn_marks(svg, "symbol")]
    assert symbols
    names = [t for t in drawn_marks(svg, "text") if t.text in FOCUS_GOVERNORATES]
    assert {t.text for t in names} == set(FOCUS_GOVERNORATES)
    for t in names:
        x, y = _xy(t)
        y -= 0.3 * LABEL_PX  # Vega writes a middle-baseline text's transform 0.3 em below its anchor
        w, h = label_box(t.text, LABEL_PX)
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        for cx, cy, r in symbols:
            assert _gap(box, cx, cy) >= r, (t.text, (x, y), (cx, cy, r))


def test_fitted_mercator_matches_vega_projection(shipped):
    """Placement computes in the pixels Vega draws in: the distances between drawn discs equal
    those of their coordinates under ``fit_mercator``."""
    f = Filters(governorates=None)
    spec = map_spec(by_governorate=shipped.run("by_governorate", f), points=shipped.run("map_points", f))
    discs = spec["datasets"]["points"]
    assert len(discs) >= 3
    drawn = sorted(_xy(c) for c in drawn_marks(render_svg(spec), "symbol"))
    proj = fit_mercator(spec["projection"]["fit"]["coordinates"], spec["width"], spec["height"])
    pts = pd.concat([discs, spec["datasets"]["rings"]])
    x, y = proj.xy(pts["longitude"].to_numpy(), pts["latitude"].to_numpy())
    ours = sorted(zip(x, y, strict=True))
    assert len(drawn) == len(ours)
    for (dx, dy), (ox, oy) in zip(drawn, ours, strict=True):
        assert dx - drawn[0][0] == pytest.approx(ox - ours[0][0], abs=0.5)
        assert dy - drawn[0][1] == pytest.approx(oy - ours[0][1], abs=0.5)


def test_deck_names_touch_no_marker_at_the_first_view(tmp_path):
    synth.write(tmp_path, *synth.generate(300, seed=2))
    pts = Store.open(tmp_path, cache=False).run("map_points", Filters())
    deck = json.loads(incident_map(points=pts).to_json())
    zoom = deck["initialViewState"]["zoom"]
    proj = deck_mercator(zoom)
    marks = [p for layer in deck["layers"] if layer["id"] in ("points", "points-governorate") for p in layer["data"]]
    mx, my = proj.xy(np.array([p["position"][0] for p in marks]), np.array([p["position"][1] for p in marks]))
    labels = next(layer for layer in deck["layers"] if layer["id"] == "labels")["data"]
    assert {d["name"] for d in labels} == set(FOCUS_GOVERNORATES)
    free = 0
    for d in labels:
        x, y = proj.xy(np.array([d["position"][0]]), np.array([d["position"][1]]))
        w, h = label_box(d["name"], 15)
        box = (x[0] - w / 2, y[0] - h / 2, x[0] + w / 2, y[0] + h / 2)
        free += all(_gap(box, cx, cy) >= p["radius"] for cx, cy, p in zip(mx, my, marks, strict=True))
    assert free == len(labels)


def test_a_name_moves_only_as_far_as_it_must():
    proj = Mercator(1000.0)
    labels = pd.DataFrame({"name": ["Kirkuk"], "longitude": [44.0], "latitude": [35.0]})
    alone = place_labels(labels, None, proj, 14)
    assert (alone["longitude"].iloc[0], alone["latitude"].iloc[0]) == (44.0, 35.0)
    marker = pd.DataFrame({"longitude": [44.0], "latitude": [35.0], "radius": [8.0]})
    moved = place_labels(labels, marker, proj, 14)
    x, y = proj.xy(moved["longitude"].to_numpy(), moved["latitude"].to_numpy())
    x0, y0 = proj.xy(np.array([44.0]), np.array([35.0]))
    assert 0 < np.hypot(x[0] - x0[0], y[0] - y0[0]) <= 36  # the nearest free ring


def test_label_points_are_the_governorates_own():
    pts = label_points(load_governorates())
    assert sorted(pts["name"]) == sorted(FOCUS_GOVERNORATES)
