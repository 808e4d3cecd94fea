"""The store's queries, case by case, for comparing one engine's answers with DuckDB's.

``FILTERS`` x ``QUERIES`` are the cases (each query with its own arguments under each filter);
``lookups`` are the queries that take an id. ``data_folders`` writes the two data folders every
engine tier loads (the hand-written tiny table and 5,000 synthetic incidents); ``same`` compares
two answers. Used by tests/postgres and tests/spark (imported by name: tests/ is on sys.path).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from builders import tiny

from incidents.dataset import synth
from incidents.filters import Filters

FILTERS = [
    Filters(),
    Filters(governorates=None, countries=()),
    Filters(include_undated=False, date_from=date(2016, 1, 1), date_to=date(2024, 12, 31)),
    Filters(governorates=None, text="Hawija"),
    Filters(governorates=None, text="mosul"),
    Filters(outlets=("Rudaw", "AFP")),
    Filters(actors=("Popular Mobilization Forces", "Islamic State (Iraq)")),
    Filters(min_fatalities=3, geo_precision=(1, 2), datasets=("acled",)),
    Filters(governorates=("Anbar", "Baghdad"), event_types=("Battles", "Explosions/Remote violence")),
    Filters(article_id="a2"),
    Filters(governorates=()),
]

QUERIES = {
    "count": lambda s, f: s.run("count", f),
    "summary": lambda s, f: s.run("summary", f),
    "incidents_latest": lambda s, f: s.run("incidents", f, limit=40),
    "incidents_oldest": lambda s, f: s.run("incidents", f, limit=40, order="oldest"),
    "incidents_fatalities": lambda s, f: s.run("incidents", f, limit=40, order="fatalities"),
    "timeline_week_type": lambda s, f: s.run("timeline", f, "week", "event_type"),
    "timeline_month_admin1": lambda s, f: s.run("timeline", f, "month", "admin1"),
    "fatalities_timeline": lambda s, f: s.run("fatalities_timeline", f, "month"),
    "by_governorate": lambda s, f: s.run("by_governorate", f),
    "map_bins": lambda s, f: s.run("map_bins", f, 0.25),
    "map_points": lambda s, f: s.run("map_points", f, limit=60),
    "undated": lambda s, f: s.run("undated", f, limit=30),
}

DATASETS = ("tiny", "synthetic")


def data_folders(root: Path) -> dict[str, Path]:
    """{name: data folder} of ``DATASETS`` written under ``root``."""
    out = {}
    for name, tables in (("tiny", tiny()), ("synthetic", synth.generate(5_000, seed=21))):
        out[name] = root / name
        out[name].mkdir(parents=True, exist_ok=True)
        synth.write(out[name], *tables)
    return out


def lookups(duck) -> dict[str, tuple]:
    """The id-taking queries, with ids from ``duck`` (the DuckDB store): {label: (query, *args)}."""
    aid = duck.run("articles")["article_id"].iloc[0]
    eid = duck.run("incidents", Filters(), limit=1)["event_id"].iloc[0]
    return {"options": ("options",), "articles": ("articles",), "article": ("article", aid),
            "article_incidents": ("article_incidents", aid), "incident": ("incident", eid),
            "article_missing": ("article", "missing"), "incident_missing": ("incident", "missing"),
            "load_problems": ("load_problems",)}


def same(a, b) -> None:
    """Assert two answers are equal (frames: same columns, values, order; dtypes may differ)."""
    if isinstance(a, pd.DataFrame):
        assert list(a.columns) == list(b.columns)
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)
    else:
        assert a == b
