"""Query results from the engine to Python: Arrow tables to pandas frames, cells to values.

Dates come back as ISO strings (``None`` when missing), integers as pandas ``Int64``, floats as
``Float64``, strings as ``str``. (Ibis's own DuckDB to_pandas turns every column holding a NULL
into Python objects one by one, which is slow for tens of thousands of rows.)
"""

from __future__ import annotations

import pandas as pd

from incidents.store.load import DATE_COLUMNS

_DATE_NAMES = frozenset(DATE_COLUMNS) | {"period", "date_min", "date_max"}


def scalar(v):
    """One cell -> a plain Python value: None for every kind of missing, a Timestamp as its
    datetime.date, numpy numbers as int/float; anything else unchanged."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, pd.Timestamp):
        return v.date()
    if hasattr(v, "item"):
        return v.item()
    return v


def frame(table) -> pd.DataFrame:
    """A pyarrow Table -> pandas frame with the types of the module docstring."""
    import pyarrow as pa

    cols = {}
    for name, col in zip(table.column_names, table.columns, strict=True):
        typ = col.type
        if pa.types.is_timestamp(typ):
            col = col.cast(pa.date32())
            typ = col.type
        if pa.types.is_date(typ):
            col = col.cast(pa.date32()).cast(pa.string())  # ISO YYYY-MM-DD
        elif pa.types.is_decimal(typ):
            col = col.cast(pa.float64())
        elif pa.types.is_null(typ):
            col = col.cast(pa.string())
        cols[name] = col
    table = pa.table(cols) if cols else table
    mapping = {pa.int8(): pd.Int64Dtype(), pa.int16(): pd.Int64Dtype(), pa.int32(): pd.Int64Dtype(),
               pa.int64(): pd.Int64Dtype(), pa.float32(): pd.Float64Dtype(), pa.float64(): pd.Float64Dtype()}
    df = table.to_pandas(types_mapper=mapping.get)
    for name in df.columns:
        if pd.api.types.is_integer_dtype(df[name]) and df[name].dtype != "Int64":
            df[name] = df[name].astype("Int64")
    for name in table.column_names:
        if pa.types.is_string(table.schema.field(name).type) and name in _DATE_NAMES:
            df[name] = df[name].astype(object).where(df[name].notna(), None)
    return df
