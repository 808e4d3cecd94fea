"""The rules a value of the incident and article tables must follow, and the words for one that
breaks them.

One home for what ``incidents.dataset.tables`` (pandas, for the pipeline's own reads) and the
store's loading (DuckDB SQL, ``incidents.store.checks``) check:

- ``DATE_COLUMNS``: dates written YYYY-MM-DD (a real calendar day, year 0001-9999);
- ``TIME_COLUMNS``: moments written YYYY-MM-DDTHH:MM:SSZ (UTC, to the second: articles'
  ``ingested_at``), ``TIME_PATTERN`` and ``TIME_FORMAT`` their form;
- whole-number and number columns: the schema's ``Int64`` / ``Float64`` dtypes; a number is finite
  (``inf`` and ``nan`` are not numbers of a table);
- ``RANGES``: latitude -90..90, longitude -180..180;
- ``CODES``: ACLED's precision codes;
- ``ID_COLUMNS``: every row has an id, and each id appears once (the first row keeps it).

``message(kind, **fields)`` words a broken rule (``MESSAGES[kind]`` filled in); ``template(kind,
**fields)`` fills in all but ``{value}``, for engines that put the value in themselves.
"""

from __future__ import annotations

from incidents.schema import GEO_PRECISION, TIME_PRECISION

DATE_COLUMNS: tuple[str, ...] = ("event_date", "date_start", "date_end")
TIME_COLUMNS: tuple[str, ...] = ("ingested_at",)
TIME_PATTERN = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
RANGES: dict[str, tuple[float, float]] = {"latitude": (-90.0, 90.0), "longitude": (-180.0, 180.0)}
CODES: dict[str, tuple[int, ...]] = {"time_precision": tuple(TIME_PRECISION), "geo_precision": tuple(GEO_PRECISION)}
ID_COLUMNS: dict[str, str] = {"incidents": "event_id", "articles": "article_id"}

MESSAGES: dict[str, str] = {
    "whole": "'{value}' in column '{column}' is not a whole number",
    "number": "'{value}' in column '{column}' is not a number",
    "finite": "'{value}' in column '{column}' is not a finite number",
    "range": "{column} {value} is outside {lo}..{hi}",
    "date": "'{value}' in column '{column}' is not a date in the form YYYY-MM-DD",
    "time": "'{value}' in column '{column}' is not a time in the form YYYY-MM-DDTHH:MM:SSZ (UTC)",
    "code": "{column} {value} is not one of {codes}",
    "empty_id": "{column} is empty",
    "repeated_id": "{column} '{value}' appears more than once",
}

# What happens to a row with a problem, said after its message.
NOT_SHOWN = "the row is not shown"
EMPTIED = "the value is left empty"


def _fields(kind: str, fields: dict) -> dict:
    out = dict(fields)
    if kind == "range":
        lo, hi = RANGES[out["column"]]
        out.setdefault("lo", f"{lo:g}")
        out.setdefault("hi", f"{hi:g}")
    if kind == "code":
        out.setdefault("codes", ", ".join(map(str, CODES[out["column"]])))
    return out


def message(kind: str, **fields) -> str:
    """``MESSAGES[kind]`` with ``fields`` filled in (``column``, ``value``; ``lo``/``hi`` of a
    range and the ``codes`` are looked up from the column). For example ``message("range",
    column="latitude", value="1000")`` -> ``"latitude 1000 is outside -90..90"``."""
    return MESSAGES[kind].format(**_fields(kind, fields))


def template(kind: str, **fields) -> str:
    """``MESSAGES[kind]`` with everything but ``{value}`` filled in (``{value}`` stays as is)."""
    return MESSAGES[kind].format(**_fields(kind, fields), value="{value}")
