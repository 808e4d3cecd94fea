"""Loading the CSV tables into DuckDB, and the cached database files that keep them.

``connect(data_dir)`` reads ``incidents.csv`` and ``articles.csv`` of a data directory into
DuckDB once. The loaded tables are kept in a DuckDB file in a cache folder
(INCIDENTS_CACHE_DIR, else $XDG_CACHE_HOME/iraq-incident-monitor, else
~/.cache/iraq-incident-monitor) named after the files' path, size and modification time and the
version of DuckDB (a file another DuckDB wrote is never opened), so a restarted server opens it
instantly and never writes into the user's data directory; when the cache folder is not writable
the tables are loaded in memory instead.

The files are read by DuckDB without guessing their format (``incidents.store.csvfile``): a
record that cannot be read (a field too many or too few, a quote not closed, bytes that are not
UTF-8) is left out and every good row is kept. Every column of the schema is created with its
engine type and its values checked (``incidents.store.checks``: a value that breaks a rule is
NULL, a repeated id's later rows are left out). What was left out or emptied is kept, by file,
line and column, in table ``load_problems`` of the same database, so a restarted server still has
it. Only a missing folder or incidents.csv, or a header without the required columns, stops the
loading (StoreError).

The two tables are read as one unit (``incidents.dataset.folder``): through the journal of a switch
a killed writer committed to and did not carry out, and again when a writer switched them while
they were being read (``load_unit``), so incidents never come with the articles of another build.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import ibis

from incidents import data_dir_from_env  # re-exported for the store's callers
from incidents.dataset.folder import table_paths
from incidents.dataset.rules import DATE_COLUMNS as DATE_COLUMNS  # where results.py looks
from incidents.dataset.tables import REQUIRED_INCIDENT_COLUMNS, check_header, header_names
from incidents.problems import Problem
from incidents.schema import ARTICLE_COLUMNS, ARTICLE_DTYPES
from incidents.store.checks import PROBLEMS_SQL, PROBLEMS_TABLE, clean_table, quote_ident, typed_table
from incidents.store.csvfile import RowProblem, read_sql, read_text
from incidents.store.options_file import options_path

INCIDENTS_FILE = "incidents.csv"
ARTICLES_FILE = "articles.csv"
CORRECTIONS_FILE = "corrections.csv"  # laid over the loaded table (incidents.store.corrected), not loaded here
TABLE_FILES = (INCIDENTS_FILE, ARTICLES_FILE)
STORE_FORMAT = "5"  # bump when the loaded table layout changes (invalidates caches)
ATTEMPTS = 3  # loadings of a folder whose tables a writer switched meanwhile
_SQL_TYPES = {"Int64": "BIGINT", "Float64": "DOUBLE"}


class StoreError(Exception):
    """The data directory or its tables cannot be used; the message names the path and says
    what to do. Pages show it instead of a traceback."""


def snapshot(data_dir: Path | str | None = None, files: tuple[str, ...] = TABLE_FILES) -> tuple[tuple, dict[str, Path]]:
    """(fingerprint, the file holding each of ``files`` now): the tables as one unit, through the
    journal of a switch not carried out yet (``incidents.dataset.folder.table_paths``); other files
    (corrections.csv) where they lie. The fingerprint is (data dir, (name, size, mtime_ns) of each
    file); missing files count as (name, -1, -1)."""
    d = data_dir_from_env(data_dir).resolve()
    paths = {name: d / name for name in files} | table_paths(d, tuple(f for f in files if f in TABLE_FILES))
    out: list[tuple] = [str(d)]
    for name in files:
        try:
            st = paths[name].stat()
            out.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((name, -1, -1))
    return tuple(out), paths


def fingerprint(data_dir: Path | str | None = None, files: tuple[str, ...] = (*TABLE_FILES, CORRECTIONS_FILE)) -> tuple:
    """A cache key (``snapshot``'s fingerprint) that changes when one of ``files`` is replaced (a
    switch keeps size and time: the key stays valid when it is carried out). By default the tables
    and corrections.csv (a new correction is a new state of the data); the cached database is keyed
    by the tables alone."""
    return snapshot(data_dir, files)[0]


def cache_dir() -> Path:
    """Folder of cached DuckDB files (see the module docstring)."""
    env = os.environ.get("INCIDENTS_CACHE_DIR", "").strip()
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "iraq-incident-monitor"


def connect(data_dir: Path, cache: bool = True) -> tuple[object, Path | None]:
    """An Ibis DuckDB connection holding tables ``incidents`` and ``articles`` read from
    ``data_dir``, and the cached database file it opened (None when the tables are in memory:
    ``cache`` False or a cache folder that cannot be written).

    Raises StoreError (message names the path) when the folder or incidents.csv is missing,
    its header lacks required columns, or the files cannot be read. articles.csv is optional.
    """
    check_data_dir(data_dir)
    db = None
    if cache:
        try:
            db = cached_database(data_dir)
        except Exception as exc:  # noqa: BLE001 - report as a store problem, not a traceback
            raise StoreError(f"Could not read the tables in {data_dir}: {exc}") from exc
    if db is not None:
        con = ibis.duckdb.connect(str(db), read_only=True)
        con.raw_sql("SET enable_progress_bar = false")
        return con, db
    con = ibis.duckdb.connect()
    con.raw_sql("SET enable_progress_bar = false")
    try:
        load_unit(con.con, data_dir)
    except Exception as exc:  # noqa: BLE001
        raise StoreError(f"Could not read the tables in {data_dir}: {exc}") from exc
    return con, None


def check_data_dir(data_dir: Path) -> None:
    """Raise StoreError, saying what to do, unless ``data_dir`` holds a readable incidents.csv
    with the required columns."""
    if not data_dir.exists():
        raise StoreError(
            f"The data directory {data_dir} does not exist. Set INCIDENTS_DATA_DIR to a folder "
            f"holding {INCIDENTS_FILE} (and {ARTICLES_FILE}), or run `python -m incidents build`."
        )
    inc = snapshot(data_dir)[1][INCIDENTS_FILE]
    if not inc.is_file():
        raise StoreError(
            f"No incident table at {data_dir / INCIDENTS_FILE}. Run `python -m incidents build`, import an ACLED export "
            f"with `python -m incidents import-acled FILE.csv --data {data_dir}`, or point "
            f"INCIDENTS_DATA_DIR at a folder holding {INCIDENTS_FILE}."
        )
    problems = check_header(inc, REQUIRED_INCIDENT_COLUMNS)
    if problems:
        raise StoreError("The incident table cannot be read: " + "; ".join(str(p) for p in problems))


# ---------------------------------------------------------------------------------------------
# CSV -> DuckDB


def _empty_sql(columns: tuple[str, ...], dtypes: dict[str, str]) -> str:
    parts = [
        f"CAST(NULL AS {_SQL_TYPES.get(dtypes.get(c, ''), 'VARCHAR')}) AS {quote_ident(c)}" for c in columns
    ]
    return f"SELECT {', '.join(parts)} WHERE false"


def _add_problems(con, file: str, problems) -> None:
    """Add ``problems`` (``RowProblem``s of ``file``) to the problems table."""
    if problems:
        con.executemany(f"INSERT INTO {PROBLEMS_TABLE} VALUES (?, ?, ?, ?, ?)",
                        [[file, p.line, p.column, p.message, p.effect] for p in problems])


def _header_notes(names: tuple[str, ...]) -> list[RowProblem]:
    """A problem for each header name that repeats an earlier one (the first column is read)."""
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names, start=1):
        if name in seen:
            out.append(RowProblem(1, i, f"column '{name}' appears twice in the header (columns {seen[name]} "
                                  f"and {i}): column {i} is not read", ""))
        seen.setdefault(name, i)
    return out


def _load_file(con, path: Path, kind: str, shown: Path | None = None) -> None:
    """Table ``kind`` (incidents or articles) from CSV file ``path``, its problems listed under the
    name ``shown`` (default ``path``): first the quick way, straight from the file (most files have
    nothing to report); if it had something to report, again through a table of text, which finds
    the lines."""
    shown = str(shown or path)
    names = tuple(header_names(path))
    if len(set(names)) == len(names) and _quick(con, path, kind, names):
        return
    text = read_text(con, path, f"{kind}_text", _had_long_lines(con, f"{kind}_quick_rejects"))
    _add_problems(con, shown, list(text.problems) + _header_notes(text.names))
    typed_table(con, text, kind, kind, shown)
    con.execute(f"DROP TABLE IF EXISTS {text.table}_lines")
    con.execute(f"DROP TABLE {text.table}")


def _quick(con, path: Path, kind: str, names: tuple[str, ...]) -> bool:
    """``checks.clean_table`` of ``path``; False also when DuckDB's strict reader refuses it."""
    try:
        return clean_table(con, read_sql(path, len(names), f"{kind}_quick_rejects"), kind, names, kind)
    except Exception as exc:  # noqa: BLE001 - a lone carriage return: read_text reads it another way
        if "invalid state" not in str(exc):
            raise
        con.execute(f"DROP TABLE IF EXISTS {kind}")
        return False


def _had_long_lines(con, rejects: str) -> bool:
    """Did the quick read leave out a record longer than its limit (``csvfile.line_limit``)?"""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [rejects]).fetchall()[0][0]:
        return False
    return bool(con.execute(f"SELECT count(*) FROM {rejects} WHERE error_type = 'LINE SIZE OVER MAXIMUM'")
                .fetchall()[0][0])


def load_into(con, data_dir: Path, paths: dict[str, Path] | None = None) -> None:
    """Create tables incidents, articles and load_problems in DuckDB connection ``con`` (a duckdb,
    not an Ibis, connection) from the CSV files of ``data_dir`` (see ``incidents.store.csvfile``
    and ``incidents.store.checks``). ``paths``: the file holding each table (``snapshot``; default:
    as the folder's journal says now)."""
    paths = paths or snapshot(data_dir)[1]
    con.execute(PROBLEMS_SQL)
    _load_file(con, paths[INCIDENTS_FILE], "incidents", data_dir / INCIDENTS_FILE)
    art, shown = paths[ARTICLES_FILE], data_dir / ARTICLES_FILE
    header = check_header(art, ()) if art.is_file() else [Problem(str(shown), 0, 0, "no such file")]
    if not header:
        _load_file(con, art, "articles", shown)
        return
    if art.is_file():
        _add_problems(con, str(shown), [RowProblem(p.line, p.column, f"{p.message}: no article is shown",
                                                   "not shown") for p in header])
    con.execute(f"CREATE TABLE articles AS {_empty_sql(ARTICLE_COLUMNS, ARTICLE_DTYPES)}")


def load_unit(con, data_dir: Path) -> None:
    """``load_into`` the tables of one unit: when a writer switches them during the loading (the
    folder's fingerprint changed), the tables are dropped and loaded again (at most ``ATTEMPTS``
    times), so incidents and articles always come from the same switch."""
    for attempt in range(ATTEMPTS):
        fp, paths = snapshot(data_dir)
        try:
            load_into(con, data_dir, paths)
        except Exception:
            if snapshot(data_dir)[0] == fp or attempt == ATTEMPTS - 1:
                raise
        else:
            if snapshot(data_dir)[0] == fp:
                return
        for table in ("incidents", "articles", PROBLEMS_TABLE):
            con.execute(f"DROP TABLE IF EXISTS {table}")


# ---------------------------------------------------------------------------------------------
# cached database files


def cache_file_name(dir_key: str, stamp: str) -> str:
    """The cached database's file name: the folder's key, the tables' stamp and the version of the
    DuckDB that writes it, so a file written by another DuckDB (whose storage it may not read, or
    read otherwise) is never opened: it is rebuilt, and the old one removed."""
    import duckdb

    return f"{dir_key}-{stamp}-duckdb{duckdb.__version__}.duckdb"


def cached_database(data_dir: Path) -> Path | None:
    """Path of an up-to-date DuckDB file holding the tables of ``data_dir`` (built now if
    needed; older copies for the same folder, and their options files, are removed), or None
    when the cache folder cannot be written."""
    fp = fingerprint(data_dir, TABLE_FILES)
    dir_key = hashlib.sha256(fp[0].encode()).hexdigest()[:16]
    stamp = hashlib.sha256(repr((STORE_FORMAT, fp)).encode()).hexdigest()[:16]
    folder = cache_dir()
    target = folder / cache_file_name(dir_key, stamp)
    if target.is_file():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dir_key}-", suffix=".duckdb", dir=folder)
        os.close(fd)
        os.unlink(tmp)  # duckdb wants to create the file itself
    except OSError:
        return None
    _write_database(Path(tmp), target, data_dir)
    for old in folder.glob(f"{dir_key}-*.duckdb"):
        if old != target:
            old.unlink(missing_ok=True)
            options_path(old).unlink(missing_ok=True)
    return target


def _write_database(path: Path, target: Path, data_dir: Path) -> None:
    """Write the tables of ``data_dir`` into a new DuckDB file at ``path``, then move it to
    ``target``; on any failure the partial file (and its WAL) is removed and the error raised."""
    import duckdb

    try:
        con = duckdb.connect(str(path))
        con.execute("SET enable_progress_bar = false")
        try:
            load_unit(con, data_dir)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(path, target)
    except Exception:
        for leftover in (path, Path(str(path) + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
