"""Incidents at one place drawn once with their number (incidents.figures.stacks), and the governorate
shading in colours no event type uses (incidents.figures.colors)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from incidents import ROOT
from incidents.figures.colors import SHADE_MIN_DELTA_E, delta_e, sequential_rgb, shade_rgb
from incidents.figures.maps import incident_map, point_frame
from incidents.figures.stacks import main_type, stack_points
from incidents.filters import Filters
from incidents.schema import EVENT_TYPE_COLORS, UNKNOWN_TYPE_COLOR
from incidents.store.store import Store


def rows(*items) -> pd.DataFrame:
    return pd.DataFrame([dict(zip(("event_id", "longitude", "latitude", "ring", "event_type", "fatalities"), x,
                                  strict=True)) for x in items])


def test_rows_at_one_place_become_one_stack_with_their_count_ids_and_fatalities():
    st = stack_points(rows(
        ("a", 44.39222, 35.46806, False, "Strategic developments", 0),
        ("b", 44.1, 35.0, False, "Battles", 2),
        ("c", 44.392221, 35.468059, False, "Battles", 4),  # the same place once rounded to 4 decimals
        ("d", 44.39222, 35.46806, True, "Battles", None),  # a ring at the same point is another mark
        ("e", 44.39222, 35.46806, False, "Strategic developments", 1),
    ))
    assert list(st["event_id"]) == ["a", "b", "d"]  # one per place, named by its first (newest) row
    assert list(st["count"]) == [3, 1, 1]
    assert list(st["event_ids"]) == ["a c e", "b", "d"]
    assert list(st["fatalities"]) == [5, 2, 0]
    assert st["event_type"].iloc[0] == "Strategic developments"  # the type most of them have


@pytest.mark.parametrize(("types", "expected"), [
    (["Battles", "Riots", "Riots"], "Riots"),
    (["Riots", "Battles"], "Battles"),  # a tie goes to the type first in the taxonomy
    (["Something else", "Protests"], "Protests"),
    ([None, None], ""),
])
def test_main_type(types, expected):
    assert main_type(pd.Series(types, dtype=object)) == expected


def test_empty_frame_gives_no_stack():
    assert stack_points(rows()).empty


SHIPPED = ROOT / "data"


def test_shipped_kirkuk_incidents_at_kirkuk_city_are_one_disc_with_their_number():
    pts = Store.open(SHIPPED).run("map_points", Filters(governorates=("Kirkuk",)))
    frame = point_frame(pts)
    here = pts[(pts["latitude"].round(4) == 35.4681) & (pts["longitude"].round(4) == 44.3922)
               & (pts["geo_precision"] != 3)]
    assert len(here) >= 2
    at_city = pd.Series([p == [44.3922, 35.4681] for p in frame["position"]], index=frame.index)
    stack = frame[at_city & ~frame["ring"].astype(bool)]
    assert len(stack) == 1 and int(stack["count"].iloc[0]) == len(here)
    assert set(stack["event_ids"].iloc[0].split()) == set(here["event_id"])
    assert stack["tt_title"].iloc[0].startswith(f"{len(here)} incidents at ")
    assert len(stack["tt_body"].iloc[0].split("\n")) == len(here)  # a line per incident
    deck = json.loads(incident_map(points=pts, governorates=("Kirkuk",)).to_json())
    counts = next(layer for layer in deck["layers"] if layer["id"] == "counts")
    assert {"position": [44.3922, 35.4681], "text": str(len(here))} in counts["data"]
    assert counts["pickable"] is False


def test_governorate_shading_is_far_from_every_event_type_colour():
    """The shading ramp uses no event type's colour: every shade is at least SHADE_MIN_DELTA_E
    (CIE76) from every type (Battles' red included) and from the grey of unknown types."""
    shades = [sequential_rgb(i / 20) for i in range(21)]
    for rgb in [*EVENT_TYPE_COLORS.values(), UNKNOWN_TYPE_COLOR]:
        assert min(delta_e(rgb, s) for s in shades) >= SHADE_MIN_DELTA_E
    assert delta_e(EVENT_TYPE_COLORS["Battles"], (179, 0, 0)) < 30  # the old ramp's end: red on red
    light = [sum(s) for s in shades]
    assert light == sorted(light, reverse=True)  # more incidents, darker
    assert shade_rgb(0, 10) is None and shade_rgb(10, 10) == sequential_rgb(1.0)
