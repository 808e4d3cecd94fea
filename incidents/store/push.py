"""``python -m incidents load``'s work: the data folder's tables into another engine, only what changed.

``push(url, data_dir)`` reads the data folder's CSV files as the dashboard does (``load.connect``:
the cached DuckDB database, the checks, ``load_problems``) and writes tables incidents, articles and
load_problems into the target of ``url`` (``incidents.store.engines``). Each table has a
fingerprint (``fingerprints``: a hash of the files it comes from and of the store's format), which
the target keeps (PostgreSQL: table ``store_meta``; Spark: the meta file of its folder); a table
whose fingerprint the target already has is not written again, so a second ``load`` of the same
folder writes nothing and a changed articles.csv replaces only articles.

PostgreSQL: each table is copied into a new table (``COPY … FROM STDIN``, CSV in batches) and put in
place of the old one with its meta row in one transaction, so readers see the old table or the
new one. Spark: Parquet files (``incidents.store.spark``).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from incidents.problems import printable
from incidents.progress import counting
from incidents.store import engines, spark
from incidents.store.checks import PROBLEMS_TABLE, quote_ident
from incidents.store.engines import META_TABLE, TABLES, Target
from incidents.store.load import (
    ARTICLES_FILE,
    INCIDENTS_FILE,
    STORE_FORMAT,
    StoreError,
    check_data_dir,
    connect,
)

PUSH_FORMAT = "1"  # bump when what load writes changes (every table is written again)
BATCH_ROWS = 50_000
_PG_TYPES = {"VARCHAR": "TEXT", "BIGINT": "BIGINT", "INTEGER": "INTEGER", "DOUBLE": "DOUBLE PRECISION",
             "DATE": "DATE", "BOOLEAN": "BOOLEAN", "FLOAT": "REAL", "SMALLINT": "SMALLINT"}


@dataclass
class PushReport:
    """What a ``push`` did: the target (masked URL), tables written with their rows, tables left
    as they were."""

    target: str
    written: dict[str, int] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # the load_problems rows written, as lines

    def summary(self) -> str:
        """One line: ``load: incidents written (600 rows); articles, load_problems unchanged -> URL``."""
        parts = [f"{name} written ({rows:,} row{'s' if rows != 1 else ''})" for name, rows in self.written.items()]
        if self.unchanged:
            parts.append(f"{', '.join(self.unchanged)} unchanged")
        if self.problems:
            parts.append(f"{len(self.problems):,} problem(s) of the data folder, all in table {PROBLEMS_TABLE}")
        return f"load: {'; '.join(parts)} -> {self.target}"


def _digest(path: Path) -> str:
    """sha256 of the file's bytes ("missing" when there is no such file)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except FileNotFoundError:
        return "missing"
    return h.hexdigest()


def fingerprints(data_dir: Path) -> dict[str, str]:
    """{table: fingerprint} of the tables ``data_dir`` gives: incidents from incidents.csv,
    articles from articles.csv, load_problems from both and the folder (its rows name the files)."""
    inc, art = _digest(data_dir / INCIDENTS_FILE), _digest(data_dir / ARTICLES_FILE)
    parts = {"incidents": (inc,), "articles": (art,), "load_problems": (inc, art, str(Path(data_dir).resolve()))}
    return {name: hashlib.sha256(repr((STORE_FORMAT, PUSH_FORMAT, name, p)).encode()).hexdigest()
            for name, p in parts.items()}


def push(url: str, data_dir: Path, progress: bool = False) -> PushReport:
    """Write the tables of ``data_dir`` that changed into the target of ``url`` (see the module
    docstring); what was done. With ``progress``, a bar of the rows written on a terminal
    (``incidents.progress``). Raises StoreError (masked URL, what to do) when the folder cannot be
    read or the target cannot be reached or written."""
    target = engines.parse(url)
    if target.default:
        raise StoreError(f"{target.shown} reads the CSV files of the data folder itself: there is nothing to load. "
                         "Give --to postgresql://user:password@host:port/database or pyspark:///folder.")
    check_data_dir(data_dir)
    wanted = fingerprints(data_dir)
    have = engines.read_meta(target)
    report = PushReport(target.shown)
    changed = [t for t in TABLES if have.get(t) != wanted[t]]
    report.unchanged = [t for t in TABLES if t not in changed]
    if not changed:
        return report
    con, _ = connect(data_dir)
    try:
        duck = con.con
        if PROBLEMS_TABLE in changed:
            report.problems = problem_lines(duck)
        total = sum(duck.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in changed)
        with counting(total, "load", "row", enabled=progress) as advance:
            if target.kind == "pyspark":
                report.written = _push_parquet(duck, target, changed, wanted, advance)
            else:
                report.written = _push_postgres(duck, target, changed, wanted, advance)
    finally:
        con.disconnect()
    return report


def problem_lines(duck) -> list[str]:
    """The rows of table load_problems as ``file:line:column: message`` lines (with the effect
    when the message does not say it; escaped, ``problems.printable``), in order."""
    rows = duck.execute(f'SELECT file, line, "column", message, effect FROM {PROBLEMS_TABLE} '
                        'ORDER BY file, line, "column"').fetchall()
    return [printable(f"{f}:{li}:{c}: {m}" + (f" ({e})" if e and e not in m else "")) for f, li, c, m, e in rows]


def _push_parquet(duck, target: Target, names: list[str], wanted: dict[str, str],
                  advance: Callable[[int], None]) -> dict[str, int]:
    """Tables ``names`` as Parquet files in the target's folder, then its meta file; rows written
    (``advance(rows)`` after each table)."""
    with engines.opened(target, "write the Parquet tables of"):
        meta = dict(spark.read_meta(target.folder))
        for name in names:
            meta[name] = spark.write_table(duck, name, wanted[name], target.folder)
            advance(meta[name]["rows"])
        spark.write_meta(target.folder, meta)
    return {name: meta[name]["rows"] for name in names}


def _push_postgres(duck, target: Target, names: list[str], wanted: dict[str, str],
                   advance: Callable[[int], None]) -> dict[str, int]:
    """Tables ``names`` into the target's database, one transaction each; rows written
    (``advance(rows)`` after each batch)."""

    def work(cur) -> dict[str, int]:
        cur.execute(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (name TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, "
                    "rows BIGINT NOT NULL)")
        cur.connection.commit()
        out = {}
        for name in names:
            out[name] = _pg_table(cur, duck, name, wanted[name], advance)
            cur.connection.commit()
        return out

    return engines.with_postgres(target, "write the tables into", work)


def pg_columns(duck, name: str) -> list[tuple[str, str]]:
    """(column, PostgreSQL type) of DuckDB table ``name``, in order (unknown types as TEXT)."""
    rows = duck.execute(f"DESCRIBE {name}").fetchall()
    return [(r[0], _PG_TYPES.get(str(r[1]).upper(), "TEXT")) for r in rows]


def _pg_table(cur, duck, name: str, fingerprint: str, advance: Callable[[int], None] = lambda n: None) -> int:
    """Copy DuckDB table ``name`` into a new PostgreSQL table, put it in place of ``name`` and
    record ``fingerprint`` (not committed: the caller commits); the rows copied (``advance(rows)``
    after each batch)."""
    import pyarrow.csv as pacsv

    cols = pg_columns(duck, name)
    new = quote_ident(f"{name}__load")
    cur.execute(f"DROP TABLE IF EXISTS {new}")
    cur.execute(f"CREATE TABLE {new} ({', '.join(f'{quote_ident(c)} {t}' for c, t in cols)})")
    rows = 0
    options = pacsv.WriteOptions(include_header=False, quoting_style="all_valid")
    names = ", ".join(quote_ident(c) for c, _ in cols)
    # duckdb 1.4 (requirements.txt) names it fetch_arrow_reader; 1.5 and later deprecate that for to_arrow_reader
    reader = duck.sql(f"SELECT * FROM {name}").fetch_arrow_reader(BATCH_ROWS)
    with cur.copy(f"COPY {new} ({names}) FROM STDIN WITH (FORMAT csv)") as copy:
        for batch in reader:
            buf = io.BytesIO()
            pacsv.write_csv(batch, buf, options)
            copy.write(buf.getvalue())
            rows += batch.num_rows
            advance(batch.num_rows)
    cur.execute(f"DROP TABLE IF EXISTS {quote_ident(name)}")
    cur.execute(f"ALTER TABLE {new} RENAME TO {quote_ident(name)}")
    cur.execute(f"INSERT INTO {META_TABLE} (name, fingerprint, rows) VALUES (%s, %s, %s) ON CONFLICT (name) "
                "DO UPDATE SET fingerprint = EXCLUDED.fingerprint, rows = EXCLUDED.rows", (name, fingerprint, rows))
    return rows
