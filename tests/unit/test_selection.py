"""incidents.figures.selection: chart and table selections -> incident ids (pure)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from incidents.figures.selection import (
    deck_event_ids,
    deck_governorate,
    period_end,
    plotly_event_ids,
    plotly_periods,
    table_event_ids,
)


def _deck(objects: dict) -> dict:
    return {"selection": {"indices": {k: list(range(len(v))) for k, v in objects.items()}, "objects": objects}}


@pytest.mark.parametrize(("state", "layers", "expected"), [
    (None, None, []),
    ({}, None, []),
    ({"selection": {"indices": {}, "objects": {}}}, None, []),
    (_deck({"points": [{"event_id": "IIM1", "tt_title": "x"}]}), None, ["IIM1"]),
    (_deck({"points": [{"event_id": "IIM1"}], "points-governorate": [{"event_id": "IIM2"}]}),
     ("points", "points-governorate"), ["IIM1", "IIM2"]),
    (_deck({"points": [{"event_id": "IIM1"}], "bins": [{"tt_title": "3 incidents"}]}), None, ["IIM1"]),
    (_deck({"governorates": [{"properties": {"name": "Kirkuk"}}]}), ("points",), []),
    (_deck({"points": [{"event_id": "IIM1"}, {"event_id": "IIM1"}, {"event_id": 5}, "junk"]}), None, ["IIM1"]),
    (_deck({"other": [{"event_id": "IIM9"}]}), ("points",), []),
    ({"selection": {"objects": "garbage"}}, None, []),
    (_deck({"points": [{"event_id": "IIM1", "event_ids": "IIM1 IIM2 IIM3", "count": 3}]}), None,
     ["IIM1", "IIM2", "IIM3"]),  # a stack of three incidents at one place
    (_deck({"points": [{"event_id": "IIM1", "event_ids": "", "count": 1}]}), None, ["IIM1"]),
])
def test_deck_event_ids(state, layers, expected):
    assert deck_event_ids(state, layers) == expected


@pytest.mark.parametrize(("state", "expected"), [
    (_deck({"governorates": [{"type": "Feature", "properties": {"name": "Diyala"}}]}), "Diyala"),
    (_deck({"points": [{"event_id": "IIM1"}]}), None),
    (None, None),
])
def test_deck_governorate(state, expected):
    assert deck_governorate(state) == expected


@pytest.mark.parametrize(("points", "expected"), [
    ([], []),
    ([{"customdata": ["IIM1"], "x": "2024-01-01"}], ["IIM1"]),
    ([{"customdata": "IIM2"}], ["IIM2"]),
    ([{"customdata": ["IIM1"]}, {"customdata": ["IIM3", "extra"]}, {"customdata": ["IIM1"]}], ["IIM1", "IIM3"]),
    ([{"x": 3}, {"customdata": []}, {"customdata": [7]}, "junk"], []),
])
def test_plotly_event_ids(points, expected):
    assert plotly_event_ids({"selection": {"points": points, "point_indices": []}}) == expected


@pytest.mark.parametrize(("points", "freq", "expected"), [
    ([{"x": "2024-01-01", "customdata": ["Battles"]}], "week", [(date(2024, 1, 1), date(2024, 1, 7), "Battles")]),
    ([{"x": "2024-02-01", "customdata": ["Kirkuk"]}], "month", [(date(2024, 2, 1), date(2024, 2, 29), "Kirkuk")]),
    ([{"x": "2023-12-01 00:00", "customdata": "Riots"}], "month", [(date(2023, 12, 1), date(2023, 12, 31), "Riots")]),
    ([{"x": "2024-01-08", "legendgroup": "Battles", "curve_number": 1}], "week",
     [(date(2024, 1, 8), date(2024, 1, 14), "Battles")]),
    ([{"x": "2024-01-01"}, {"x": "2024-01-01"}], "week", [(date(2024, 1, 1), date(2024, 1, 7), "")]),
    ([{"x": "not a date"}, {"customdata": ["Battles"]}], "week", []),
])
def test_plotly_periods(points, freq, expected):
    assert plotly_periods({"selection": {"points": points}}, freq) == expected


@pytest.mark.parametrize(("start", "freq", "end"), [
    (date(2024, 12, 30), "week", date(2025, 1, 5)),
    (date(2024, 12, 1), "month", date(2024, 12, 31)),
    (date(2023, 2, 1), "month", date(2023, 2, 28)),
])
def test_period_end(start, freq, end):
    assert period_end(start, freq) == end


@pytest.mark.parametrize(("rows", "expected"), [
    ([], []), ([1], ["IIMb"]), ([0, 2, 0], ["IIMa", "IIMc"]), ([5, -1, True], []),
])
def test_table_event_ids(rows, expected):
    frame = pd.DataFrame({"event_id": ["IIMa", "IIMb", "IIMc"], "x": [1, 2, 3]})
    assert table_event_ids({"selection": {"rows": rows, "columns": []}}, frame) == expected


def test_table_event_ids_without_an_id_column_is_empty():
    assert table_event_ids({"selection": {"rows": [0]}}, pd.DataFrame({"x": [1]})) == []
