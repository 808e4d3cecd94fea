"""The store: the incident and article tables on one Ibis backend, and the way to query them.

``Store.open(data_dir, url=URL)`` opens the tables where connection URL ``URL`` says (argument,
else INCIDENTS_DB, else ``duckdb://``; ``incidents.store.engines``): by default it loads
``incidents.csv`` and ``articles.csv`` of the data directory (argument, else INCIDENTS_DATA_DIR,
else data/) into DuckDB through a cached database file (``incidents.store.load``); a
``postgresql://`` or ``pyspark://`` URL opens the tables ``python -m incidents load`` wrote there.
``Store.from_backend(con)`` uses any Ibis backend holding tables ``incidents`` and ``articles``.

The incident table is the loaded one with the analyst corrections of the folder's corrections.csv
laid over it (``incidents.store.corrected``; ``store.corrections`` says what was applied and what
was not). ``store.run(name, *args, **kw)`` runs the query ``name`` of ``incidents.store.queries`` (for
example ``store.run("count", f)``, ``store.run("timeline", f, freq="month", by="admin1")``,
``store.run("article", article_id)``); the queries are written there once and work on every
backend. One connection is used by one thread at a time.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import ibis.expr.types as ir
import pandas as pd

from incidents.problems import Problem
from incidents.store import engines, queries
from incidents.store.checks import PROBLEMS_TABLE
from incidents.store.corrected import CorrectionState, overlay
from incidents.store.load import StoreError, connect, data_dir_from_env
from incidents.store.options_file import options_path
from incidents.store.results import frame, scalar

__all__ = ["Store", "StoreError"]


class Store:
    """The tables (``incidents``, ``articles``: Ibis tables on ``con``) and ``run`` for the
    queries (see the module docstring)."""

    def __init__(self, con, incidents: ir.Table, articles: ir.Table, source: str = "",
                 options_file: Path | None = None, load_problems: ir.Table | None = None):
        self.con = con
        self.incidents = incidents
        self.articles = articles
        self.load_problems = load_problems  # what loading left out or changed (None: not loaded from files)
        self.source = source  # where the tables came from, for messages
        self.options_file = options_file  # where the options query keeps its answer (cached database)
        self.corrections: CorrectionState | None = None  # corrections.csv as laid over (None: not from files)
        self._lock = threading.Lock()  # one DuckDB connection is not safe across threads

    @classmethod
    def open(cls, data_dir: Path | str | None = None, cache: bool = True, url: str | None = None) -> Store:
        """Open the tables where connection URL ``url`` says (None: INCIDENTS_DB, else
        ``duckdb://``; see the module docstring).

        ``duckdb://``: the tables of ``data_dir`` (default: INCIDENTS_DATA_DIR or data/), through a
        cached database unless ``cache`` is False; a new cached database gets its options file now
        (once per data change, not on a first page). Raises StoreError (message names the path)
        when the folder or incidents.csv is missing or its header lacks required columns.
        articles.csv is optional. Rows that cannot be read and values that break a rule do not stop
        it: see ``problems``.

        Another URL: the tables ``load`` wrote there; StoreError (naming the URL, password masked)
        when it cannot be understood or opened or holds no incident table.
        """
        target = engines.parse(os.environ.get("INCIDENTS_DB", "") if url is None else url)
        if not target.default:
            return cls.from_backend(engines.connect(target), source=target.shown)
        d = data_dir_from_env(data_dir)
        con, db = connect(d, cache)
        table, state = overlay(con.con, d)
        kept = db is not None and not state.applied  # the options of corrected rows are computed, not kept
        store = cls(con, con.table(table), con.table("articles"), source=str(d),
                    options_file=options_path(db) if kept else None, load_problems=con.table(PROBLEMS_TABLE))
        store.corrections = state
        if store.options_file is not None and not store.options_file.is_file():
            store.run("options")
        return store

    @classmethod
    def from_backend(cls, con, source: str = "") -> Store:
        """A store over any Ibis backend that holds tables ``incidents`` and ``articles`` (and
        ``load_problems`` when it was loaded by ``incidents.store.load``); ``source`` names it in
        messages (default: the backend's name)."""
        problems = con.table(PROBLEMS_TABLE) if PROBLEMS_TABLE in con.list_tables() else None
        return cls(con, con.table("incidents"), con.table("articles"), source=source or getattr(con, "name", ""),
                   load_problems=problems)

    def problems(self, limit: int | None = None) -> list[Problem]:
        """What loading the data files left out or changed, as ``Problem``s (file, physical line,
        1-based column of the header, message saying what was done), by file, line and column;
        the first ``limit`` of them (all with None)."""
        return self.run("load_problems", limit=limit)["first"]

    def run(self, name: str, *args, **kw):
        """The answer of query ``name`` of ``incidents.store.queries`` to ``args``/``kw`` (its
        own arguments, after the tables). Unknown names raise ValueError."""
        return queries.lookup(name)(self, *args, **kw)

    def frame(self, expr: ir.Table, limit: int | None = None) -> pd.DataFrame:
        """Run table expression ``expr`` (at most ``limit`` rows) -> pandas frame
        (``incidents.store.results.frame``)."""
        return frame(self._arrow(expr, limit))

    def value(self, expr: ir.Scalar):
        """Run scalar expression ``expr`` -> a plain Python value (None when missing)."""
        if self.con.name == "pyspark":
            return scalar(self._arrow(expr).column(0)[0].as_py())
        with self._lock:
            return scalar(expr.execute())

    def _arrow(self, expr: ir.Expr, limit: int | None = None):
        """Run ``expr`` (at most ``limit`` rows) -> a pyarrow Table (on Spark through its own Arrow
        output, ``incidents.store.spark.to_arrow``)."""
        with self._lock:
            if self.con.name == "pyspark":
                from incidents.store import spark

                return spark.to_arrow(self.con, expr, limit)
            return expr.to_pyarrow(limit=limit) if limit is not None else expr.to_pyarrow()
