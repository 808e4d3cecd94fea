"""The analyst corrections laid over the loaded incident table: what every page reads.

The dashboard never writes the incident table (``build`` and ``add`` do, applying corrections.csv);
a Review action only appends to corrections.csv. So that the change shows on every page at once, the
store lays the corrections of the data folder's corrections.csv over the incident table it loaded:
``overlay(con, data_dir)`` reads the file (``incidents.dataset.corrections.load_corrections``), takes
the few rows the corrections touch out of the loaded table, replays the corrections on them with
``restore=True`` (the table may hold older corrections already, some of which may since be undone:
``incidents.dataset.correction_rules``) and creates a temporary view, ``incidents_corrected``: the
loaded rows without the touched ones, plus the corrected ones, cast to the table's own column types.
The loaded table and its cached database file stay as they are; a new corrections file costs one
read of it and a query of the touched rows, not a reload of the table.

The store's cache key (``incidents.store.load.fingerprint``) includes corrections.csv, so a new
correction opens a new Store with a new overlay. A corrections file that cannot be used at all (not
UTF-8, a header without the columns) lays nothing over the table; its problem is in the state, as
are the bad lines and the orphans (corrections whose incident is in no row), for the Review page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from incidents.dataset.correction_rules import row_text
from incidents.dataset.corrections import Correction, apply_corrections, load_corrections, unusable
from incidents.problems import Problem
from incidents.store.checks import quote_ident

CORRECTIONS_FILE = "corrections.csv"
VIEW = "incidents_corrected"
_FIXES, _IDS, _TEXT = "_corrected_rows", "_corrected_ids", "_corrected_text"


@dataclass(frozen=True)
class CorrectionState:
    """What the store made of corrections.csv: its path, the usable corrections in file order, the
    problems of bad lines (file:line:column), the orphans, and whether anything is laid over."""

    path: Path
    corrections: tuple[Correction, ...] = ()
    problems: tuple[Problem, ...] = ()
    orphans: tuple[Problem, ...] = ()
    applied: bool = False
    touched: frozenset[str] = field(default_factory=frozenset)


def touched_ids(corrections: list[Correction]) -> set[str]:
    """Every event_id a correction names: its own and, for a merge, the one merged away."""
    ids = {c.event_id for c in corrections}
    ids.update(c.value for c in corrections if c.action == "merge")
    return ids


def _fetch(raw, ids: list[str]) -> tuple[list[str], list[str], list[dict]]:
    """(column names, their engine types, rows of ``incidents`` whose event_id is in ``ids`` as text)."""
    described = raw.execute("DESCRIBE incidents").fetchall()
    names, types = [d[0] for d in described], [d[1] for d in described]
    raw.execute(f"CREATE OR REPLACE TEMP TABLE {_IDS} (event_id VARCHAR)")
    raw.executemany(f"INSERT INTO {_IDS} VALUES (?)", [[i] for i in ids])
    cur = raw.execute(f"SELECT * FROM incidents WHERE event_id IN (SELECT event_id FROM {_IDS})")
    rows = [{**dict(zip(names, r, strict=True)), **row_text(dict(zip(names, r, strict=True)))} for r in cur.fetchall()]
    return names, types, rows


def _create_view(raw, names: list[str], types: list[str], rows: list[dict]) -> None:
    """The temporary view: untouched rows of ``incidents`` plus ``rows`` (text) cast to ``types``."""
    cols = ", ".join(f"{quote_ident(n)} VARCHAR" for n in names)
    raw.execute(f"CREATE OR REPLACE TEMP TABLE {_TEXT} ({cols})")
    if rows:
        marks = ", ".join("?" for _ in names)
        raw.executemany(f"INSERT INTO {_TEXT} VALUES ({marks})",
                        [[(row_text(r).get(n, r.get(n)) or None) for n in names] for r in rows])  # "" is NULL
    casts = ", ".join(f"CAST({quote_ident(n)} AS {t}) AS {quote_ident(n)}" for n, t in zip(names, types, strict=True))
    raw.execute(f"CREATE OR REPLACE TEMP TABLE {_FIXES} AS SELECT {casts} FROM {_TEXT}")
    raw.execute(f"CREATE OR REPLACE TEMP VIEW {VIEW} AS SELECT * FROM incidents "
                f"WHERE event_id IS NULL OR event_id NOT IN (SELECT event_id FROM {_IDS}) "
                f"UNION ALL SELECT * FROM {_FIXES}")


def overlay(raw, data_dir: Path) -> tuple[str, CorrectionState]:
    """Lay the corrections of ``data_dir``/corrections.csv over table ``incidents`` of DuckDB
    connection ``raw`` (a duckdb connection, read-only is fine: only temporary objects are made).
    Out: (the name of the table the pages read: ``incidents`` when there is nothing to lay over,
    else ``incidents_corrected``; the CorrectionState)."""
    path = Path(data_dir) / CORRECTIONS_FILE
    corrections, problems = load_corrections(path)
    if unusable(problems) or not corrections:
        return "incidents", CorrectionState(path, tuple(corrections), tuple(problems))
    ids = touched_ids(corrections)
    names, types, rows = _fetch(raw, sorted(ids))
    fixed, orphans = apply_corrections(rows, corrections, restore=True)
    if _same(rows, fixed):  # the table already holds every correction (the last build applied them)
        return "incidents", CorrectionState(path, tuple(corrections), tuple(problems), tuple(orphans), False,
                                            frozenset(ids))
    _create_view(raw, names, types, fixed)
    return VIEW, CorrectionState(path, tuple(corrections), tuple(problems), tuple(orphans), True, frozenset(ids))


def _same(before: list[dict], after: list[dict]) -> bool:
    """Do two lists of rows hold the same rows (as text), whatever their order?"""
    key = lambda rows: sorted(tuple(sorted(row_text(r).items())) for r in rows)  # noqa: E731
    return key(before) == key(after)
