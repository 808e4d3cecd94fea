"""Import ACLED exports into the incident table, streaming through DuckDB: memory stays bounded
whatever the export's size.

``read_acled(path)`` reads an export in ACLED's current 31-column schema (2023-) or the older
schema (data_id, event_id_no_cnty, iso3, numeric inter codes, ...), with dates written
2020-12-31, 31-Dec-20 or 31 December 2020, a byte-order mark and Windows line endings, fields
separated by commas, semicolons, tabs or bars (the dialect is sniffed: ``dialect.sniff``; where
fields are not separated by commas, coordinates may be written with a decimal comma), and
returns rows in our schema (``incidents.schema.INCIDENT_COLUMNS``; what each column becomes:
``acled_sql``) with the problems found.

``import_acled(path, data_dir)`` merges them into data_dir/incidents.csv: an event already
imported is replaced when the new row's ACLED timestamp is the same or newer (so importing the
same file twice changes nothing and a newer export updates its events); rows of other datasets
are written back exactly as they were (``acled_merge``). The export and the table are read by
DuckDB's CSV reader into tables that spill to a temporary folder beyond ``MEMORY_LIMIT``; no row
passes through Python.

A bad row is reported as ``FILE:LINE:COLUMN: reason`` and skipped: among others a row cut short
(fewer fields than the header: the last row of a truncated file), one with more fields, a quote
that is not closed (the rows after it are read again), bytes that are not UTF-8. A file that does
not end with a line break gets a warning on its last row (its last value may be cut). A file that
is not an ACLED export raises ``NotAcledExport`` and nothing changes; so does the dashboard's own
CSV download (our columns dataset, quote, spans, ...): the message says how to open that one. The
table is written, only when something was added or updated, as one unit with the folder's other
tables (``incidents.dataset.folder``: the folder locked while the table is read and written).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from incidents.dataset.acled_merge import ADDED, NotAcledExport, open_table, plan, write
from incidents.dataset.acled_sql import CHECKS, DATASET, Conversion, define, sql_str
from incidents.dataset.acled_values import INTER_CODES
from incidents.dataset.dialect import CsvHeaderError, Dialect, sniff
from incidents.dataset.folder import writing
from incidents.problems import Problem
from incidents.schema import INCIDENT_COLUMNS, INCIDENT_DTYPES
from incidents.store import lines
from incidents.store.csvfile import TextFile, Wording, read_text

__all__ = ["DATASET", "INTER_CODES", "ImportResult", "NotAcledExport", "import_acled", "read_acled"]

REQUIRED = ("event_date", "event_type", "country", "latitude", "longitude", "fatalities")
ID_COLUMNS = ("event_id_cnty", "event_id")
# columns of our own incident table that no ACLED export has: a header with two of them is ours
OWN_COLUMNS = ("dataset", "method", "quote", "span_start", "span_end", "article_id", "source_articles",
               "fatalities_low", "fatalities_high", "date_start", "date_end")
OPEN_OURS = ("to open it in the dashboard, save it as incidents.csv in a folder of its own and run "
             "INCIDENTS_DATA_DIR=FOLDER python -m incidents serve")
MEMORY_LIMIT = os.environ.get("INCIDENTS_IMPORT_MEMORY", "400MB")  # DuckDB's; the process takes ~200 MB more
SKIPPED = Wording(left_out="row skipped", kept="imported")
TAIL_BYTES = 1 << 20  # read to find the last row of a file that does not end with a line break

Progress = Callable[[str, object], None]  # (stage in words, the DuckDB connection running it)


@dataclass
class ImportResult:
    """What an import did: counts of rows added, updated, left unchanged (already imported,
    same or newer there), skipped as bad; the problems found; the table written; the export's
    dialect (delimiter and quote)."""

    path: Path
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    dialect: Dialect = field(default_factory=Dialect)

    def summary(self) -> str:
        return (f"{self.path}: {self.read} ACLED rows read, {self.added} added, {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.skipped} skipped ({self.dialect.describe()})")


def _is_acled(names: list[str]) -> bool:
    return any(c in names for c in ID_COLUMNS) and all(c in names for c in REQUIRED)


def _refuse_ours(path: Path, names: list[str]) -> None:
    """Raise NotAcledExport when ``names`` are the header of our own incident table (a download)."""
    ours = [c for c in OWN_COLUMNS if c in names]
    if len(ours) >= 2 and "event_id_cnty" not in names:
        raise NotAcledExport(
            f"{path}: not an ACLED export but an incident table of this dashboard, such as its CSV download (its "
            f"header has {', '.join(ours)}): import-acled takes ACLED exports only, and would drop the table's "
            f"undated and extracted incidents and their sources; {OPEN_OURS}")


def _open_export(path: Path) -> tuple[Dialect, list[str], str]:
    """(dialect, lower-case header names, the event id column) of an export; raises NotAcledExport."""
    try:
        dialect, names = sniff(path, _is_acled)
    except CsvHeaderError as exc:
        if not exc.readable:
            raise NotAcledExport(str(exc)) from exc
        if not exc.names:
            raise NotAcledExport(f"{path}: not an ACLED export ({exc.reason})") from exc
        _refuse_ours(path, exc.names)
        missing = [c for c in REQUIRED if c not in exc.names]
        if not any(c in exc.names for c in ID_COLUMNS):
            missing.insert(0, "event_id_cnty")
        raise NotAcledExport(
            f"{path}: not an ACLED export: the header lacks {', '.join(missing)} "
            f"(ACLED exports have event_id_cnty, event_date, event_type, country, latitude, longitude, fatalities; "
            f"fields separated by commas, semicolons, tabs or bars)") from exc
    _refuse_ours(path, names)
    return dialect, names, next(c for c in ID_COLUMNS if c in names)


class _Session:
    """A DuckDB connection of its own (memory limited, spilling to a temporary folder), with the
    conversion's functions; closed, with its folder, at the end of the ``with`` block."""

    def __enter__(self):
        import duckdb

        self._tmp = tempfile.TemporaryDirectory(prefix="incidents-import-")
        self.con = duckdb.connect(":memory:", config={
            "memory_limit": MEMORY_LIMIT, "temp_directory": self._tmp.name, "preserve_insertion_order": True})
        self.con.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
        define(self.con)
        return self.con

    def __exit__(self, *exc) -> None:
        self.con.close()
        self._tmp.cleanup()


@dataclass
class _Export:
    """An export converted into table ``new`` (a row per record, rowid its number: event_id, ts,
    flags, keep, line, cells of rows with problems): its file, dialect, conversion, text (lines,
    reader problems) and the problems found."""

    path: Path
    dialect: Dialect
    conv: Conversion
    text: TextFile | None = None
    problems: list[tuple[int, int, int, Problem]] = field(default_factory=list)  # (line, column, order, problem)

    def report(self, line: int, column: int, order: int, message: str) -> None:
        self.problems.append((line, column, order, Problem(str(self.path), line, column, message)))


def _read_export(con, path: Path, progress: Progress | None) -> _Export:
    """Convert export ``path`` into table ``new``, with every problem of its rows."""
    dialect, names, id_col = _open_export(path)
    ex = _Export(path, dialect, Conversion(names, id_col, decimal_comma=dialect.delimiter != ","))
    if progress:
        progress(f"reading {path.name}", con)
    try:
        ex.text = read_text(con, path, "new", dialect=dialect, wording=SKIPPED, query=ex.conv.view_sql)
    except (OSError, UnicodeDecodeError) as exc:
        raise NotAcledExport(f"{path}: cannot read the file: {exc}") from exc
    for p in ex.text.problems:
        ex.report(p.line, p.column, -1, p.message)
    _row_problems(con, ex)
    _drop_repeats(con, ex)
    _last_line(ex)
    return ex


def _row_problems(con, ex: _Export) -> None:
    """The problems ``flags`` note, one per row and check, by the row's line."""
    cells = ex.conv.cell_columns()
    rows = con.execute(f"SELECT rowid, flags, {', '.join(f'r_{i}' for i in range(len(cells)))} FROM new "
                       f"WHERE flags <> 0").fetchall()
    if not rows:
        return
    starts = ex.text.line_numbers()
    for k, flags, *raw in rows:
        for check in CHECKS:
            if flags >> check.bit & 1:
                column = ex.conv.column(check)
                ex.report(int(starts[k]), ex.conv.col_no.get(column, 0), check.bit,
                          check.words.format(cell=raw[cells.index(column)], id=ex.conv.id_col))


def _drop_repeats(con, ex: _Export) -> None:
    """The same event twice in one export: the newest row kept (then the last); the others are
    reported and marked not kept."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE losers AS SELECT k, event_id FROM (SELECT rowid AS k, event_id, row_number() "
        "OVER (PARTITION BY event_id ORDER BY ts DESC NULLS LAST, rowid DESC) AS r FROM new WHERE keep) WHERE r > 1")
    losers = con.execute("SELECT k, event_id FROM losers ORDER BY k").fetchall()
    if not losers:
        return
    starts = ex.text.line_numbers()
    column = ex.conv.col_no[ex.conv.id_col]
    for k, eid in losers:
        ex.report(int(starts[k]), column, len(CHECKS), f"event {eid} appears again later in the file: this row skipped")
    con.execute("UPDATE new SET keep = false WHERE rowid IN (SELECT k FROM losers)")


def _last_line(ex: _Export) -> None:
    """A warning on the last row when the export does not end with a line break (its last value
    may have been cut with the file)."""
    size = ex.path.stat().st_size
    with open(ex.path, "rb") as fh:
        fh.seek(max(0, size - TAIL_BYTES))
        tail = fh.read()
    if not tail or tail.endswith((b"\n", b"\r")):
        return
    last = tail.replace(b"\r\n", b"\n").replace(b"\r", b"\n").rsplit(b"\n", 1)[-1].decode("utf-8", "replace")
    fields = next(csv.reader([last], delimiter=ex.dialect.delimiter, quotechar=ex.dialect.quotechar), [""])
    line = lines.scan(ex.path).content_lines
    if any(p_line == line and (order < 0 or p.message.endswith("skipped")) for p_line, _, order, p in ex.problems):
        return  # the row is left out already
    ex.report(line, len(ex.conv.names), len(CHECKS) + 1,
              f"the file ends without a line break after this row: if the file was cut, its last value "
              f"'{fields[-1] if fields else ''}' may be cut too (kept)")


def _problems(ex: _Export) -> list[Problem]:
    return [p for *_, p in sorted(ex.problems, key=lambda t: t[:3])]


def _skipped(ex: _Export) -> int:
    """How many rows were skipped: lines with a problem that skips the row."""
    return len({line for line, _, order, p in ex.problems if order < 0 or p.message.endswith("skipped")})


def import_acled(path: Path, data_dir: Path, progress: Progress | None = None) -> ImportResult:
    """Read ACLED export ``path`` and merge it into ``data_dir``/incidents.csv (created when
    missing). Raises NotAcledExport (nothing written) when the file is not an ACLED export or
    the existing table cannot be read. ``progress(stage, connection)`` is called as each stage
    starts (the connection's ``query_progress()`` tells how far it is)."""
    path, data_dir = Path(path), Path(data_dir)
    with _Session() as con:
        ex = _read_export(con, path, progress)
        with writing(data_dir) as unit:  # the folder's tables switch as one unit (incidents.dataset.folder)
            return _merge_into(con, unit, ex, progress)


def _merge_into(con, unit, ex: _Export, progress: Progress | None) -> ImportResult:
    """Merge the export read (table ``new``) into the locked folder's incidents.csv."""
    target = unit.folder / "incidents.csv"
    if progress:
        progress(f"comparing with {target.name}", con)
    table = open_table(con, target)
    p = plan(con, table, str(ex.path))
    kept = con.execute("SELECT count(*) FROM new WHERE keep").fetchall()[0][0]
    result = ImportResult(path=target, read=kept + p.not_added, problems=_problems(ex) + p.problems,
                          dialect=ex.dialect, skipped=_skipped(ex))
    result.added, result.updated, result.unchanged = kept, p.replaced, p.unchanged
    if result.added or result.updated or table is None:
        if progress:
            progress(f"writing {target.name}", con)
        unit.commit({target.name: lambda tmp: write(con, tmp, table, p)})
    return result


def _typed(text: pd.DataFrame) -> pd.DataFrame:
    """Rows as written (strings, '' for missing) -> INCIDENT_DTYPES."""
    out = {}
    for c in INCIDENT_COLUMNS:
        s = text[c].replace("", pd.NA)
        kind = INCIDENT_DTYPES.get(c, "string")
        out[c] = pd.to_numeric(s).astype(kind) if kind in ("Int64", "Float64") else s.astype("string")
    return pd.DataFrame(out, index=text.index)


def read_acled(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """An ACLED export -> (rows in INCIDENT_COLUMNS with INCIDENT_DTYPES, problems).

    Bad rows (no event id, unreadable date, coordinates or fatalities, unknown event type, cut or
    ragged rows) are left out and reported with their line and column; of an event given twice,
    the newest row is kept. Raises NotAcledExport when the file's header is not ACLED's. The
    rows are those ``import_acled`` adds to an empty folder (it holds them in memory: for tests
    and small files)."""
    path = Path(path)
    with _Session() as con, tempfile.TemporaryDirectory(prefix="incidents-acled-") as tmp:
        ex = _read_export(con, path, None)
        out = Path(tmp) / "rows.csv"
        con.execute(f"COPY ({ADDED}) TO {sql_str(str(out))} "
                    f"(FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER {sql_str(chr(31))})")
        text = (pd.read_csv(out, names=list(INCIDENT_COLUMNS), dtype=str, keep_default_na=False, na_values=[])
                if out.stat().st_size else pd.DataFrame({c: pd.Series([], dtype=str) for c in INCIDENT_COLUMNS}))
        return _typed(text).reset_index(drop=True), _problems(ex)

