"""The store: loads the incident and article tables and answers the pages' queries.

``Store.open(data_dir)`` reads ``incidents.csv`` and ``articles.csv`` from the data directory
(argument, else the INCIDENTS_DATA_DIR environment variable, else data/) into DuckDB, once.
The loaded tables are kept in a DuckDB file in a cache folder (INCIDENTS_CACHE_DIR, else
$XDG_CACHE_HOME/iraq-incident-monitor, else ~/.cache/iraq-incident-monitor) named after the
files' path, size and modification time, so a restarted server opens it instantly and never
writes into the user's data directory; when the cache folder is not writable the tables are
loaded in memory instead. Next to the cached file, ``<name>.options.json`` keeps
``Store.options()`` (the filter widgets' values), so a restarted server's first page does not
scan the table for them.

``Store.from_backend(con)`` uses any Ibis backend holding tables ``incidents`` and
``articles`` (PostgreSQL in the tests). Every query is one Ibis expression built by
``incidents.store.queries`` from a ``Filters`` value, so the same code runs on both; results are
aggregates or limited rows, never a copy of the whole table.

Dates come back as ISO strings (``None`` when missing), except ``period`` in timelines
(pandas datetime64, the period's first day). Integer columns are pandas ``Int64``.
"""

from __future__ import annotations

import csv
import hashlib
import os
import tempfile
import threading
import warnings
from datetime import date
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pandas as pd

from incidents import DEFAULT_DATA_DIR
from incidents.atomic import atomic_path
from incidents.dataset.tables import REQUIRED_INCIDENT_COLUMNS, check_header
from incidents.filters import Filters
from incidents.schema import ARTICLE_COLUMNS, ARTICLE_DTYPES, INCIDENT_COLUMNS, INCIDENT_DTYPES
from incidents.store import queries

INCIDENTS_FILE = "incidents.csv"
ARTICLES_FILE = "articles.csv"
STORE_FORMAT = "2"  # bump when the loaded table layout changes (invalidates caches)
DATE_COLUMNS = ("event_date", "date_start", "date_end")
_SQL_TYPES = {"Int64": "BIGINT", "Float64": "DOUBLE"}

# ibis 12 with pandas 3 and duckdb 2 warns on every result; the warnings are about ibis itself.
warnings.filterwarnings("ignore", message=r"The 'future.infer_string' option is deprecated")
warnings.filterwarnings("ignore", message=r"fetch_arrow_table\(\) is deprecated")


class StoreError(Exception):
    """The data directory or its tables cannot be used; the message names the path and says
    what to do. Pages show it instead of a traceback."""


def data_dir_from_env(data_dir: Path | str | None = None) -> Path:
    """The data directory: the argument, else $INCIDENTS_DATA_DIR, else the repository's data/."""
    if data_dir is not None:
        return Path(data_dir)
    env = os.environ.get("INCIDENTS_DATA_DIR", "").strip()
    return Path(env) if env else DEFAULT_DATA_DIR


def fingerprint(data_dir: Path | str | None = None) -> tuple:
    """(data dir, (name, size, mtime_ns) of each table file): a cache key that changes when a
    table file is replaced. Missing files count as (name, -1, -1)."""
    d = data_dir_from_env(data_dir).resolve()
    out: list[tuple] = [str(d)]
    for name in (INCIDENTS_FILE, ARTICLES_FILE):
        try:
            st = (d / name).stat()
            out.append((name, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((name, -1, -1))
    return tuple(out)


def cache_dir() -> Path:
    """Folder of cached DuckDB files (see module docstring)."""
    env = os.environ.get("INCIDENTS_CACHE_DIR", "").strip()
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "iraq-incident-monitor"


# ---------------------------------------------------------------------------------------------
# loading CSV into DuckDB


def _header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [h.strip() for h in next(csv.reader(fh), [])]


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _select_sql(path: Path, columns: tuple[str, ...], dtypes: dict[str, str], dates: tuple[str, ...]) -> str:
    """SQL reading ``path`` as text and casting every schema column (missing ones NULL)."""
    present = set(_header(path))
    parts = []
    for c in columns:
        q = _quote_ident(c)
        sql_type = "DATE" if c in dates else _SQL_TYPES.get(dtypes.get(c, ""), "VARCHAR")
        if c not in present:
            parts.append(f"CAST(NULL AS {sql_type}) AS {q}")
        elif sql_type == "VARCHAR":
            parts.append(f"NULLIF({q}, '') AS {q}" if c != "text" else f"{q}")
        elif sql_type == "BIGINT":
            # "3.0" is read as 3; anything else that is not a number becomes NULL
            parts.append(f"CAST(TRY_CAST(NULLIF(trim({q}), '') AS DOUBLE) AS BIGINT) AS {q}")
        else:
            parts.append(f"TRY_CAST(NULLIF(trim({q}), '') AS {sql_type}) AS {q}")
    src = str(path).replace("'", "''")
    return (
        f"SELECT {', '.join(parts)} FROM read_csv('{src}', header=true, all_varchar=true, "
        f"quote='\"', escape='\"', delim=',')"
    )


def _empty_sql(columns: tuple[str, ...], dtypes: dict[str, str]) -> str:
    parts = [
        f"CAST(NULL AS {_SQL_TYPES.get(dtypes.get(c, ''), 'VARCHAR')}) AS {_quote_ident(c)}" for c in columns
    ]
    return f"SELECT {', '.join(parts)} WHERE false"


def _load_into(con, data_dir: Path) -> None:
    """Create tables incidents and articles in DuckDB connection ``con`` from the CSV files."""
    inc = data_dir / INCIDENTS_FILE
    # Stored newest first: DuckDB's zone maps then let "latest N" and date-range queries skip
    # most of the table (top-N on 1M rows: 1.2 s -> 0.15 s).
    con.execute(f"CREATE TABLE incidents AS {_select_sql(inc, INCIDENT_COLUMNS, INCIDENT_DTYPES, DATE_COLUMNS)} "
                f"ORDER BY event_date DESC NULLS LAST, event_id")
    art = data_dir / ARTICLES_FILE
    if art.is_file() and _header(art):
        sql = _select_sql(art, ARTICLE_COLUMNS, ARTICLE_DTYPES, ())
    else:
        sql = _empty_sql(ARTICLE_COLUMNS, ARTICLE_DTYPES)
    con.execute(f"CREATE TABLE articles AS {sql}")


def _check_data_dir(data_dir: Path) -> None:
    if not data_dir.exists():
        raise StoreError(
            f"The data directory {data_dir} does not exist. Set INCIDENTS_DATA_DIR to a folder "
            f"holding {INCIDENTS_FILE} (and {ARTICLES_FILE}), or run `python -m incidents build`."
        )
    inc = data_dir / INCIDENTS_FILE
    if not inc.is_file():
        raise StoreError(
            f"No incident table at {inc}. Run `python -m incidents build`, import an ACLED export "
            f"with `python -m incidents import-acled FILE.csv --data {data_dir}`, or point "
            f"INCIDENTS_DATA_DIR at a folder holding {INCIDENTS_FILE}."
        )
    problems = check_header(inc, REQUIRED_INCIDENT_COLUMNS)
    if problems:
        raise StoreError("The incident table cannot be read: " + "; ".join(str(p) for p in problems))


def _cached_database(data_dir: Path) -> Path | None:
    """Path of an up-to-date DuckDB file holding the tables (built now if needed), or None
    when the cache folder cannot be written."""
    import duckdb

    fp = fingerprint(data_dir)
    dir_key = hashlib.sha256(fp[0].encode()).hexdigest()[:16]
    stamp = hashlib.sha256(repr((STORE_FORMAT, fp)).encode()).hexdigest()[:16]
    folder = cache_dir()
    target = folder / f"{dir_key}-{stamp}.duckdb"
    if target.is_file():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{dir_key}-", suffix=".duckdb", dir=folder)
        os.close(fd)
        os.unlink(tmp)  # duckdb wants to create the file itself
    except OSError:
        return None
    try:
        con = duckdb.connect(tmp)
        con.execute("SET enable_progress_bar = false")
        try:
            _load_into(con, data_dir)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, target)
    except Exception:
        for leftover in (Path(tmp), Path(tmp + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    for old in folder.glob(f"{dir_key}-*.duckdb"):
        if old != target:
            old.unlink(missing_ok=True)
            options_path(old).unlink(missing_ok=True)
    return target


def options_path(db: Path) -> Path:
    """The file next to cached database ``db`` that keeps ``Store.options()``."""
    return db.with_name(db.stem + ".options.json")


def _read_options(path: Path) -> dict | None:
    """Options saved by ``_write_options`` (dates back to datetime.date), or None when the file
    is missing or unreadable."""
    import json

    try:
        out = json.loads(path.read_text(encoding="utf-8"))
        for k in ("date_min", "date_max"):
            out[k] = None if out.get(k) is None else date.fromisoformat(out[k])
        return out
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def _write_options(path: Path, options: dict) -> None:
    """Save options as JSON (dates ISO), atomically; a cache folder that cannot be written is
    no error (the next start computes them again)."""
    import json

    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in options.items()}
    try:
        with atomic_path(path) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    except OSError:
        return


def _scalar(v):
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, pd.Timestamp):
        return v.date()
    if hasattr(v, "item"):
        return v.item()
    return v


# ---------------------------------------------------------------------------------------------


class Store:
    """Queries over the incident and article tables (see the module docstring)."""

    def __init__(self, con, incidents: ir.Table, articles: ir.Table, source: str = "",
                 options_file: Path | None = None):
        self.con = con
        self.t = incidents
        self.a = articles
        self.source = source  # where the tables came from, for messages
        self.options_file = options_file  # where options() keeps its answer next to a cached database
        self._lock = threading.Lock()  # one DuckDB connection is not safe across threads

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path | str | None = None, cache: bool = True) -> Store:
        """Open the tables of ``data_dir`` (default: INCIDENTS_DATA_DIR or data/).

        Raises StoreError (message names the path) when the folder or incidents.csv is
        missing or its header lacks required columns. articles.csv is optional.
        """
        d = data_dir_from_env(data_dir)
        _check_data_dir(d)
        db = None
        if cache:
            try:
                db = _cached_database(d)
            except Exception as exc:  # noqa: BLE001 - report as a store problem, not a traceback
                raise StoreError(f"Could not read the tables in {d}: {exc}") from exc
        if db is not None:
            con = ibis.duckdb.connect(str(db), read_only=True)
            con.raw_sql("SET enable_progress_bar = false")
        else:
            con = ibis.duckdb.connect()
            con.raw_sql("SET enable_progress_bar = false")
            try:
                _load_into(con.con, d)
            except Exception as exc:  # noqa: BLE001
                raise StoreError(f"Could not read the tables in {d}: {exc}") from exc
        store = cls(con, con.table("incidents"), con.table("articles"), source=str(d),
                    options_file=None if db is None else options_path(db))
        if store.options_file is not None and not store.options_file.is_file():
            store.options()  # part of loading the tables: once per data change, not on a first page
        return store

    @classmethod
    def from_backend(cls, con) -> Store:
        """A store over any Ibis backend that holds tables ``incidents`` and ``articles``."""
        return cls(con, con.table("incidents"), con.table("articles"), source=getattr(con, "name", ""))

    # -- execution helpers -------------------------------------------------------------------
    def _df(self, expr: ir.Table, limit: int | None = None) -> pd.DataFrame:
        with self._lock:
            table = expr.to_pyarrow(limit=limit) if limit is not None else expr.to_pyarrow()
        return _frame(table)

    def _value(self, expr):
        with self._lock:
            return _scalar(expr.execute())

    # -- queries --------------------------------------------------------------------------------
    def count(self, f: Filters) -> int:
        """How many incidents ``f`` selects."""
        return int(self._value(queries.filtered(self.t, f).count()) or 0)

    def summary(self, f: Filters) -> dict:
        """Counts under ``f``: incidents, fatalities, fatalities_low, fatalities_high,
        governorates, articles, undated, governorate_only (ints) and date_min/date_max
        (datetime.date or None)."""
        with self._lock:
            row = _frame(queries.summary(self.t, f).to_pyarrow()).iloc[0].to_dict()
        out = {k: _scalar(v) for k, v in row.items()}
        for k in ("incidents", "fatalities", "fatalities_low", "fatalities_high", "governorates",
                  "articles", "undated", "governorate_only"):
            out[k] = int(out[k] or 0)
        for k in ("date_min", "date_max"):
            v = out[k]
            out[k] = v if isinstance(v, date) or v is None else pd.Timestamp(v).date()
        return out

    def incidents(
        self, f: Filters, limit: int | None = None, order: str = "latest",
        columns: tuple[str, ...] | list[str] | None = None,
    ) -> pd.DataFrame:
        """The incidents ``f`` selects, all columns (or ``columns``) in schema order, sorted by
        ``order`` ("latest": newest first, undated last; "oldest"; "fatalities"), at most
        ``limit`` rows."""
        s = queries.order_by(queries.filtered(self.t, f), order)
        if columns is not None:
            s = s.select(*columns)
        return self._df(s, limit)

    def latest(self, f: Filters, n: int = 10) -> pd.DataFrame:
        """The ``n`` newest dated-or-undated incidents under ``f`` (newest first)."""
        return self.incidents(f, limit=n, order="latest")

    def undated(self, f: Filters, limit: int | None = None) -> pd.DataFrame:
        """Incidents under ``f`` without an event_date (empty when f excludes undated ones)."""
        s = queries.filtered(self.t, f, self.t.event_date.isnull()).order_by("event_id")
        return self._df(s, limit)

    def incident(self, event_id: str) -> dict | None:
        """One incident by event_id (all columns), or None."""
        df = self._df(self.t.filter(self.t.event_id == event_id), limit=1)
        return None if df.empty else {k: _scalar(v) for k, v in df.iloc[0].to_dict().items()}

    def timeline(self, f: Filters, freq: str = "week", by: str = "event_type") -> pd.DataFrame:
        """Dated incidents per period: columns period (datetime64, Monday of the week or first
        of the month), group, incidents, fatalities, fatalities_low, fatalities_high.
        ``by``: "event_type", "admin1", "sub_event_type", "dataset" or "country"."""
        df = self._df(queries.timeline(self.t, f, freq, by))
        df["period"] = pd.to_datetime(df["period"])
        return df

    def fatalities_timeline(self, f: Filters, freq: str = "week") -> pd.DataFrame:
        """Dated incidents per period, not grouped: period, incidents, fatalities,
        fatalities_low, fatalities_high."""
        df = self._df(queries.timeline(self.t, f, freq, None))
        df["period"] = pd.to_datetime(df["period"])
        return df

    def by_governorate(self, f: Filters) -> pd.DataFrame:
        """admin1, incidents, fatalities under ``f``; most incidents first."""
        return self._df(queries.by_governorate(self.t, f))

    def map_bins(self, f: Filters, cell_deg: float) -> pd.DataFrame:
        """Grid aggregates computed in the engine: longitude, latitude (cell centres),
        incidents, fatalities, governorate_only."""
        return self._df(queries.map_bins(self.t, f, cell_deg))

    def map_points(self, f: Filters, limit: int | None = 5_000) -> pd.DataFrame:
        """Located incidents for a point map (queries.POINT_COLUMNS + a short quote), newest
        first, at most ``limit``. Compare ``count(f)`` with the limit before drawing points."""
        return self._df(queries.map_points(self.t, f), limit)

    def options(self) -> dict[str, list]:
        """Values for the filter widgets: governorates, countries, event_types,
        sub_event_types, actors, outlets, datasets, geo_precision (sorted lists), and
        date_min/date_max (datetime.date or None) and fatalities_max (int).

        With a cached database (``Store.open``) the answer is kept in a JSON file next to it
        (``options_path``), so a restarted server's first page skips these nine scans."""
        if self.options_file is not None:
            saved = _read_options(self.options_file)
            if saved is not None:
                return saved
        out = self._compute_options()
        if self.options_file is not None:
            _write_options(self.options_file, out)
        return out

    def _compute_options(self) -> dict[str, list]:
        t = self.t
        out: dict[str, list] = {}
        for key, col in (("governorates", "admin1"), ("countries", "country"), ("event_types", "event_type"),
                         ("sub_event_types", "sub_event_type"), ("datasets", "dataset"),
                         ("geo_precision", "geo_precision")):
            out[key] = [_scalar(v) for v in self._df(queries.distinct(t, col))["value"].tolist()]
        actors = set()
        for col in ("actor1", "actor2"):
            actors.update(self._df(queries.distinct(t, col))["value"].tolist())
        out["actors"] = sorted(actors)
        outlets = set()
        for joined in self._df(queries.distinct(t, "source"))["value"].tolist():
            outlets.update(o.strip() for o in str(joined).split(queries.SEP) if o.strip())
        out["outlets"] = sorted(outlets)
        with self._lock:
            row = _frame(t.aggregate(
                date_min=t.event_date.min(), date_max=t.event_date.max(),
                fatalities_max=t.fatalities.max(),
            ).to_pyarrow()).iloc[0]
        for k in ("date_min", "date_max"):
            v = _scalar(row[k])
            out[k] = None if v is None else (v if isinstance(v, date) else pd.Timestamp(v).date())
        out["fatalities_max"] = int(_scalar(row["fatalities_max"]) or 0)
        return out

    def articles(self) -> pd.DataFrame:
        """Every article without its text, plus ``incidents`` (how many incidents cite it as
        their article), sorted by published date, newest first."""
        a, t = self.a, self.t
        cols = [c for c in ARTICLE_COLUMNS if c != "text"]
        cited = t.filter(t.article_id.notnull())
        counts = cited.group_by("article_id").aggregate(incidents=cited.count())
        j = a.select(*cols).left_join(counts, "article_id").select(
            *cols, incidents=ibis.coalesce(counts.incidents, 0)
        )
        return self._df(j.order_by([ibis.desc(j.published, nulls_first=False), j.article_id]))

    def article(self, article_id: str) -> dict | None:
        """One article with its text, as a dict of ARTICLE_COLUMNS, or None when unknown."""
        df = self._df(self.a.filter(self.a.article_id == article_id), limit=1)
        return None if df.empty else {k: _scalar(v) for k, v in df.iloc[0].to_dict().items()}

    def article_incidents(self, article_id: str) -> pd.DataFrame:
        """Incidents whose provenance span is in this article (article_id equal) first, by
        span_start; then incidents that only list it among their source_articles."""
        t = self.t
        own = (t.article_id == article_id).fill_null(False)
        listed = queries.in_list(t.source_articles, (article_id,))
        s = t.filter(own | listed).mutate(_own=ibis.ifelse(own, 0, 1))
        s = s.order_by(["_own", "span_start", "event_id"]).drop("_own")
        return self._df(s)


def _frame(table) -> pd.DataFrame:
    """Arrow result -> pandas: dates as ISO strings (None when missing), integers Int64, floats
    Float64, strings str. (Ibis's own DuckDB to_pandas turns every column holding a NULL into
    Python objects one by one, which is slow for tens of thousands of rows.)"""
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


_DATE_NAMES = frozenset(DATE_COLUMNS) | {"period", "date_min", "date_max"}
