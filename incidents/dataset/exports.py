"""Downloads of a filtered incident set: CSV in ACLED's column order, and GeoJSON. Pure functions."""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any

import pandas as pd

from incidents.schema import INCIDENT_COLUMNS


def export_columns(frame: pd.DataFrame) -> list[str]:
    """The column order of an export: every INCIDENT_COLUMNS name (ACLED's 31 first, then ours),
    then any other column of ``frame`` in its own order."""
    return list(INCIDENT_COLUMNS) + [c for c in frame.columns if c not in INCIDENT_COLUMNS]


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Incidents -> UTF-8 CSV bytes (RFC 4180: "\r\n" line ends) with ``export_columns`` as header.

    Columns the frame lacks are written empty; missing values are empty cells; dates are ISO.
    """
    out = frame.reindex(columns=export_columns(frame))
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    # RFC 4180 line ends: with "\r\n" as the line end, a value holding a lone "\r" is quoted (with
    # "\n" neither pandas nor Python 3.11's csv quotes it, and readers split the row there)
    return out.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may read as the start of a formula


def inert_cell(value: Any) -> Any:
    """A text cell a spreadsheet will not run: OWASP's CSV-injection advice, a text value that
    begins with ``= + - @``, a tab or a carriage return gets a leading apostrophe (shown as text,
    the value itself kept after it). Numbers, and texts that are plain numbers ("-5", "-2.5"),
    are left alone; so is everything else."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    try:
        float(value)
        return value
    except ValueError:
        return "'" + value


def to_spreadsheet_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Incidents -> CSV for spreadsheets: ``to_csv_bytes`` with every text cell made inert
    (:func:`inert_cell`) and a UTF-8 byte order mark, so Excel and LibreOffice read the encoding
    and run no imported text as a formula. Tools that read CSV as data take ``to_csv_bytes``."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(inert_cell)
    return b"\xef\xbb\xbf" + to_csv_bytes(out)


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.date().isoformat() if isinstance(value, (pd.Timestamp, datetime)) else value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return _json_value(value.item())
    return value


def to_geojson(frame: pd.DataFrame) -> dict:
    """Incidents -> a GeoJSON FeatureCollection (a dict).

    One Feature per row, in row order: a Point at [longitude, latitude] (geometry null when the
    row has no coordinates), properties = every column of ``export_columns`` except latitude and
    longitude, JSON-safe (missing -> null, numbers as numbers, dates as ISO strings).
    """
    cols = [c for c in export_columns(frame) if c not in ("latitude", "longitude")]
    data = frame.reindex(columns=cols + ["latitude", "longitude"])
    features = []
    for row in data.itertuples(index=False, name=None):
        rec = dict(zip(cols + ["latitude", "longitude"], row, strict=True))
        lat, lon = _json_value(rec.pop("latitude")), _json_value(rec.pop("longitude"))
        geometry = None
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
            geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]}
        features.append({
            "type": "Feature",
            "geometry": geometry,
            "properties": {k: _json_value(v) for k, v in rec.items()},
        })
    return {"type": "FeatureCollection", "features": features}


def to_geojson_bytes(frame: pd.DataFrame) -> bytes:
    """``to_geojson`` serialised compactly as UTF-8 bytes."""
    return json.dumps(to_geojson(frame), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
