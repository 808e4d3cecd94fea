"""Merging an export's converted rows into data/incidents.csv, in DuckDB, without either in Python.

The export's rows are table ``new`` (rowid: the row's number in the export; ``event_id``, ``ts``,
``keep`` and ``line``, as the conversion gives them: ``acled_sql``). ``open_table(con, target)``
reads the existing table as text (``Table``; None when there is none); ``plan(con, table, path)`` says
what happens (``Plan``): a new event is added (in the order of the export); one already imported
is replaced when the new row's timestamp is the same or newer and the row differs (their lines'
64-bit hashes differ), else left
unchanged; one of another dataset is never replaced (a problem). When the table holds an id twice,
its last row counts. ``write(con, out, table, plan)`` writes the merged table
to file ``out`` (the import switches it in with the folder's other tables): header, the table's rows (some replaced, their own extra columns kept), the added
rows (extra columns empty).

The bytes are those pandas' ``to_csv`` writes from the table read as text (Python's csv quoting,
"\\n" line ends): a row of the table comes back as it was read, whatever quoting it had on disk.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from incidents.dataset.acled_sql import DATASET, sql_str
from incidents.dataset.tables import header_names
from incidents.problems import Problem
from incidents.schema import INCIDENT_COLUMNS
from incidents.store.csvfile import Wording, read_text


class NotAcledExport(ValueError):
    """The file is not an ACLED export, or the table cannot take it (message says why, with the file name)."""


REFUSED = Wording(left_out="nothing imported", kept="read")
ADDED = "SELECT line FROM new WHERE keep"  # the lines of the rows to add, in export order


def csv_line(fields: list[str]) -> str:
    """``fields`` as one CSV line (Python's csv quoting), without its line end."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    return out.getvalue()[:-1]


def _dedup(names: list[str]) -> list[str]:
    """Repeated column names made unique as pandas reads them ("x", "x.1", ...)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        n = seen.get(name, 0)
        out.append(name if n == 0 else f"{name}.{n}")
        seen[name] = n + 1
    return out


@dataclass
class Table:
    """The existing table as table ``ex``, a row per row of the file (rowid: its number): ``id``
    (event_id), ``ds`` (dataset, '' when empty), ``old_ts`` (timestamp, as pandas reads it),
    ``own`` (the row's INCIDENT_COLUMNS as written back; ``h``: its hash) and ``extra`` (its other columns, each
    after a comma, '' when none); its column names (made unique) and its number of rows."""

    names: list[str]
    rows: int = 0

    @property
    def extras(self) -> list[str]:
        return [n for n in self.names if n not in INCIDENT_COLUMNS]

    def cell(self, name: str) -> str:
        """SQL: the text of column ``name`` (NULL when the table has none)."""
        return f"c{self.names.index(name) + 1}" if name in self.names else "NULL::VARCHAR"

    def query(self, source: str) -> str:
        """SQL: the rows of table ``ex`` from relation ``source`` (columns c1 .. cN of the file)."""
        own = f"concat_ws(',', {', '.join(f'csvq({self.cell(c)})' for c in INCIDENT_COLUMNS)})"
        extra = (f"',' || concat_ws(',', {', '.join(f'csvq({self.cell(c)})' for c in self.extras)})"
                 if self.extras else "''")
        return (f"SELECT {self.cell('event_id')} AS id, coalesce({self.cell('dataset')}, '') AS ds, "
                f"acled_number({self.cell('timestamp')}) AS old_ts, own, hash(own) AS h, {extra} AS extra "
                f"FROM (SELECT *, {own} AS own FROM {source})")

    @property
    def header(self) -> list[str]:
        """The columns written: ours, then the table's others (none when the table has no rows)."""
        return [*INCIDENT_COLUMNS, *self.extras] if self.rows else list(INCIDENT_COLUMNS)


def open_table(con, target: Path) -> Table | None:
    """Read ``target`` into table ``ex`` (None when there is no such file). Raises
    NotAcledExport when it cannot be read whole or has no event_id column."""
    if not target.is_file():
        return None
    try:
        table = Table(_dedup(header_names(target)))
        if "event_id" not in table.names:
            raise NotAcledExport(f"{target}: the existing incident table has no event_id column; nothing imported")
        text = read_text(con, target, "ex", wording=REFUSED, query=table.query)
    except (OSError, UnicodeDecodeError) as exc:
        raise NotAcledExport(f"{target}: the existing incident table cannot be read ({exc}); nothing imported") from exc
    if text.problems:
        first = text.problems[0]
        more = f" (and {len(text.problems) - 1} more)" if len(text.problems) > 1 else ""
        raise NotAcledExport(f"{target}:{first.line}:{first.column}: the existing incident table cannot be read: "
                             f"{first.message}{more}")
    table.rows = con.execute("SELECT count(*) FROM ex").fetchall()[0][0]
    return table


@dataclass
class Plan:
    """What the merge does: counts of the table's rows replaced, of the new rows already in the
    table (``not_added``; they are marked not kept in ``new``) and of those left unchanged, and
    the problems. Table ``decided`` (k, i, other, replace) holds the rows matched."""

    replaced: int = 0
    not_added: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)


def plan(con, table: Table | None, path: str) -> Plan:
    """Decide the merge (module docstring) of table ``new`` into ``table``; ``path`` (the export)
    names the problems."""
    if table is None or not table.rows:
        return Plan()
    con.execute(
        "CREATE OR REPLACE TEMP TABLE matched AS SELECT n.k, n.event_id, n.ts, n.h AS nh, e.i, e.ds, e.old_ts, e.h AS eh "
        "FROM (SELECT rowid AS k, event_id, ts, keep, h FROM new) n JOIN ("
        "SELECT i, id, ds, old_ts, h FROM (SELECT rowid AS i, id, ds, old_ts, h, "
        "row_number() OVER (PARTITION BY id ORDER BY rowid DESC) AS r FROM ex) WHERE r = 1"
        ") e ON e.id = n.event_id WHERE n.keep")
    newer = "(m.ts IS NULL OR m.old_ts IS NULL OR isnan(m.old_ts) OR m.ts >= m.old_ts)"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE decided AS SELECT m.k, m.i, m.event_id, m.ds, m.ds <> '{DATASET}' AS other, "
        f"m.ds = '{DATASET}' AND {newer} AND m.nh <> m.eh AS replace FROM matched m")
    n, other, replaced = con.execute("SELECT count(*), count(*) FILTER (other), count(*) FILTER (replace) "
                                     "FROM decided").fetchall()[0]
    problems = [Problem(path, 0, 0, f"event {eid} is already in the table as a {d or 'non-ACLED'} incident: "
                                    f"not replaced")
                for eid, d in con.execute("SELECT event_id, ds FROM decided WHERE other ORDER BY k").fetchall()]
    con.execute("UPDATE new SET keep = false WHERE rowid IN (SELECT k FROM decided)")
    return Plan(replaced, n, unchanged=n - other - replaced, problems=problems)


def _table_rows(con, table: Table, p: Plan) -> str:
    """SQL: the table's lines as written back, in its order (replaced rows from ``new``)."""
    if not p.replaced:
        return "SELECT own || extra AS line FROM ex"
    con.execute("CREATE OR REPLACE TEMP TABLE replacing AS SELECT d.i, v.line FROM decided d "
                "JOIN (SELECT rowid AS k, line FROM new) v ON v.k = d.k WHERE d.replace")
    con.execute("CREATE OR REPLACE TEMP TABLE ex_out AS SELECT coalesce(r.line, e.own) || e.extra AS line "
                "FROM (SELECT rowid AS i, own, extra FROM ex) e LEFT JOIN replacing r ON r.i = e.i ORDER BY e.i")
    return "SELECT line FROM ex_out"


def write(con, out: Path, table: Table | None, p: Plan) -> None:
    """Write the merged table to file ``out`` (module docstring; the caller makes it the table,
    ``incidents.dataset.folder``): the rows of ``new`` kept are added, in export order."""
    added = ADDED
    header = table.header if table is not None else list(INCIDENT_COLUMNS)
    parts = [f"SELECT {sql_str(csv_line(header))} AS line"]
    if table is not None and table.rows:
        parts.append(_table_rows(con, table, p))
    suffix = "," * (len(header) - len(INCIDENT_COLUMNS))
    parts.append(f"SELECT line || '{suffix}' FROM ({added})" if suffix else added)
    con.execute(f"COPY ({' UNION ALL '.join(parts)}) TO {sql_str(str(out))} "
                f"(FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER {sql_str(chr(31))})")

