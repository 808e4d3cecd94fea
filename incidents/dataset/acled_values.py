"""The values of an ACLED export's cells, read one distinct value at a time (pure Python/pandas).

Each function takes a list of distinct cell values (stripped of white space, never empty) and
returns one result per value, None where the value cannot be read:

- ``dates``: event_date written 2020-12-31, 31-Dec-20, 31 December 2020 (DATE_FORMATS, tried in
  order) -> ``datetime.date``;
- ``inter_codes``: an actor category in ACLED's words ("Rebel group") or numbers (2) -> its code;
- ``interaction_codes``: an interaction in words ("State forces-Rebel group", "Rebel group only")
  or numbers (12) -> its code (lower category first: 12);
- ``event_types``: an event type in any case -> ours spelled (``schema.EVENT_TYPES``);
- ``governorates``: an Iraqi governorate in any of its spellings -> ours (``canonical_governorate``);
- ``numbers``: a number as pandas' ``to_numeric`` reads it -> float.

``register(con)`` makes them DuckDB functions of one VARCHAR (``acled_date_py``, ``acled_inter_py``,
``acled_interaction_py``, ``acled_event_type_py``, ``acled_governorate_py``, ``acled_py_number``) that
work on a vector of cells at a time and remember what they have read, so an export of a million
rows costs a call per distinct value. ``vocabulary()`` gives, per function, the cells ACLED writes
(its words for actor categories, interactions, event types; the governorates' spellings) read by
the function itself: ``acled_sql.define`` looks those up in SQL and calls Python only for the
others (a Python call per vector of 2,048 cells, holding the interpreter's lock, costs more than
the lookup: 1M rows 4 s less).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from incidents.places.governorates import GOVERNORATES, canonical_governorate, spellings
from incidents.schema import EVENT_TYPES
from incidents.wordlists import read_table

DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")
CACHE_LIMIT = 200_000  # distinct values remembered per function

# ACLED's actor categories: the current schema writes words, the old one numbers (ACLED codebook).
INTER_CODES: dict[str, int] = {word: int(code) for word, code in read_table(Path(__file__).with_name("acled_inter_codes.csv"))}
KNOWN_TYPES: dict[str, str] = {t.lower(): t for t in EVENT_TYPES}


def dates(values: list[str]) -> list:
    """Dates in any of DATE_FORMATS -> datetime.date (None when none reads it)."""
    s = pd.Series(values, dtype=object)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[s]")  # [ns] ends in 2262: a year 1500 crashed the import
    for fmt in DATE_FORMATS:
        todo = out.isna()
        if not todo.any():
            break
        out[todo] = pd.to_datetime(s[todo], format=fmt, errors="coerce")
    return [None if pd.isna(v) else v.date() for v in out.dt.normalize()]


def _whole(v: float) -> int | None:
    """A finite number rounded (half to even, as numpy) to an int; None for NaN or infinity."""
    return int(np.round(v)) if v is not None and math.isfinite(v) else None


def numbers(values: list[str]) -> list[float | None]:
    """Numbers as ``pd.to_numeric(errors="coerce")`` reads them (None when it does not)."""
    v = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").astype(float)
    return [None if math.isnan(x) else float(x) for x in v.tolist()]


def inter_codes(values: list[str]) -> list[int | None]:
    """Numeric or worded ACLED actor categories -> codes."""
    out = []
    for value, num in zip(values, numbers(values), strict=True):
        code = num if num is not None else INTER_CODES.get(value.strip().lower())
        out.append(_whole(code) if code is not None else None)
    return out


def _interaction_words(v: str) -> float | None:
    """A worded interaction ("State forces-Rebel group", "Rebel group only") -> its code."""
    parts = [INTER_CODES.get(p.strip().lower()) for p in v.replace("–", "-").split("-")]
    if "only" in v.lower() or len(parts) == 1:
        first = INTER_CODES.get(v.lower().replace("only", "").strip())
        return first * 10 if first else None
    if None in parts or len(parts) != 2:
        return None
    lo, hi = sorted(parts)
    return lo * 10 + hi


def interaction_codes(values: list[str]) -> list[int | None]:
    """Numeric (12) or worded ("State forces-Rebel group") interactions -> codes."""
    out = []
    for value, num in zip(values, numbers(values), strict=True):
        code = num if num is not None else _interaction_words(value)
        out.append(_whole(code) if code is not None else None)
    return out


def event_types(values: list[str]) -> list[str | None]:
    """Event types in any case -> ours spelled."""
    return [KNOWN_TYPES.get(v.lower()) for v in values]


def governorates(values: list[str]) -> list[str | None]:
    """Iraqi governorates in any spelling -> ours."""
    return [canonical_governorate(v, reading="any") for v in values]


def _acled_case(words: str) -> str:
    """An actor category as ACLED's exports write it: "state forces" -> "State forces",
    "external/other forces" -> "External/Other forces"."""
    return "/".join(part[:1].upper() + part[1:] for part in words.split("/"))


def vocabulary() -> dict[str, dict[str, object]]:
    """Per function (``register``'s name without ``_py``): the cells ACLED writes -> what the
    function reads in them (None left out). Built by the functions themselves, so a lookup
    answers as they would."""
    words = sorted({_acled_case(w) for w in INTER_CODES})
    pairs = [f"{a}-{b}" for a in words for b in words] + [f"{a} only" for a in words]
    places = list(dict.fromkeys(s for g in GOVERNORATES for s in (g, *spellings(g, "any"))))
    out = {}
    for name, fn, cells in (("acled_inter", inter_codes, words + [str(i) for i in range(10)]),
                            ("acled_interaction", interaction_codes, pairs + [str(i) for i in range(100)]),
                            ("acled_event_type", event_types, list(EVENT_TYPES)),
                            ("acled_governorate", governorates, places)):
        out[name] = {cell: v for cell, v in zip(cells, fn(cells), strict=True) if v is not None}
    return out


def _vectorised(fn: Callable[[list[str]], list], kind):
    """An Arrow function of one string column: ``fn`` on the distinct values not seen before."""
    import pyarrow as pa
    import pyarrow.compute as pc

    seen: dict[str, object] = {}

    def udf(cells):
        distinct = pc.unique(cells)
        keys = [v for v in distinct.to_pylist() if v is not None]
        todo = [v for v in keys if v not in seen]
        if todo:
            if len(seen) + len(todo) > CACHE_LIMIT:
                seen.clear()
            seen.update(zip(todo, fn(todo), strict=True))
        results = pa.array([seen[v] for v in keys], type=kind)
        return pc.take(results, pc.index_in(cells, value_set=pa.array(keys, type=pa.string())))

    return udf


def register(con) -> None:
    """Make the functions of the module docstring in DuckDB connection ``con``."""
    import duckdb
    import pyarrow as pa

    varchar = duckdb.sqltype("VARCHAR")
    for name, fn, kind, sql_kind in (
        ("acled_date_py", dates, pa.date32(), "DATE"),
        ("acled_inter_py", inter_codes, pa.int64(), "BIGINT"),
        ("acled_interaction_py", interaction_codes, pa.int64(), "BIGINT"),
        ("acled_event_type_py", event_types, pa.string(), "VARCHAR"),
        ("acled_governorate_py", governorates, pa.string(), "VARCHAR"),
        ("acled_py_number", numbers, pa.float64(), "DOUBLE"),
    ):
        con.create_function(name, _vectorised(fn, kind), [varchar], duckdb.sqltype(sql_kind), type="arrow", null_handling="special",
                            side_effects=False)
