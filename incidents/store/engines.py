"""Where the tables live: a connection URL, what it names, and the engine it opens through Ibis.

The URL comes from ``Store.open(url=...)`` (the dashboard reads INCIDENTS_DB, else
``[connections.incidents] url`` of .streamlit/secrets.toml, in ``incidents.ui.data``), else
INCIDENTS_DB, else ``duckdb://``:

- ``duckdb://`` (also empty): the default. Embedded DuckDB over the CSV files of the data folder
  (``incidents.store.load``: the cached database, the checks, ``load_problems``).
- ``postgresql://user:password@host:port/database`` (``postgres://`` too): a PostgreSQL database that
  ``python -m incidents load --to URL`` filled with tables incidents, articles, load_problems and
  ``store_meta`` (one fingerprint per table).
- ``pyspark:///folder`` (query parameters are Spark settings: ``?spark.master=spark://host:7077``):
  a Spark session (local mode, ``local[2]``, unless ``spark.master`` says otherwise) over the Parquet
  files ``load --to`` wrote into ``folder`` (``incidents.store.spark``), registered as views.

Every message names the URL with its password masked (``mask``); a failure to connect is a
StoreError (``opened``), never a traceback, never the password.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from incidents.store.load import StoreError

DEFAULT_URL = "duckdb://"
META_TABLE = "store_meta"  # name, fingerprint, rows: what `load` wrote into a target
TABLES = ("incidents", "articles", "load_problems")
KINDS = {"duckdb": "duckdb", "postgresql": "postgres", "postgres": "postgres", "pyspark": "pyspark",
         "spark": "pyspark"}
CONNECT_TIMEOUT = 10  # seconds to wait for a PostgreSQL server
_SECRET_PARAMS = ("password", "pass", "pwd", "secret", "token")


@dataclass(frozen=True)
class Target:
    """A parsed connection URL: ``kind`` ("duckdb", "postgres" or "pyspark"), the ``url`` as given,
    ``shown`` (the URL with its password masked, for every message), ``folder`` (pyspark: where the
    Parquet files are) and ``settings`` (pyspark: the Spark settings of the query string)."""

    kind: str
    url: str
    shown: str
    folder: Path | None = None
    settings: dict[str, str] = field(default_factory=dict)
    secrets: tuple[str, ...] = ()  # the password (raw and decoded), scrubbed from every message

    @property
    def default(self) -> bool:
        """True for ``duckdb://``: the CSV files of the data folder."""
        return self.kind == "duckdb"

    def scrub(self, text: str) -> str:
        """``text`` with the password replaced by ``***`` (for error messages of the drivers)."""
        for s in self.secrets:
            if s:
                text = text.replace(s, "***")
        return text


def mask(url: str) -> str:
    """``url`` with the password of its user part and of password-like query parameters replaced
    by ``***``: ``postgresql://me:pw@db/x`` -> ``postgresql://me:***@db/x``."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.partition(':')[0]}:***@{host}"
    query = "&".join(f"{k}=***" if k.lower() in _SECRET_PARAMS else f"{k}={v}"
                     for k, v in parse_qsl(parts.query, keep_blank_values=True))
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")


def _secrets(url: str) -> tuple[str, ...]:
    parts = urlsplit(url)
    found = [parts.password or ""] + [v for k, v in parse_qsl(parts.query) if k.lower() in _SECRET_PARAMS]
    return tuple(sorted({s for v in found if v for s in (v, unquote(v))}, key=len, reverse=True))


def parse(url: str | None) -> Target:
    """The ``Target`` of connection URL ``url`` (None or empty: ``duckdb://``).

    Raises StoreError (naming the masked URL and the forms understood) for an unknown scheme, a
    ``duckdb://`` with a path, a ``pyspark://`` without a folder, a PostgreSQL URL without a host."""
    url = (url or "").strip() or DEFAULT_URL
    parts = urlsplit(url)
    shown = mask(url)
    kind = KINDS.get(parts.scheme.lower().split("+")[0])
    if kind is None:
        raise StoreError(f"The connection URL {shown} is not understood: use duckdb:// (the CSV files of the "
                         "data folder), postgresql://user:password@host:port/database or pyspark:///folder.")
    if kind == "duckdb":
        if parts.netloc or parts.path.strip("/"):
            raise StoreError(f"The connection URL {shown}: duckdb:// takes no path; it reads the CSV files of the "
                             "data folder (INCIDENTS_DATA_DIR or --data).")
        return Target("duckdb", url, shown)
    if kind == "pyspark":
        if not parts.path.strip("/"):
            raise StoreError(f"The connection URL {shown} names no folder: use pyspark:///path/to/folder, the "
                             "folder `python -m incidents load --to URL` writes the Parquet tables into.")
        return Target("pyspark", url, shown, folder=Path(unquote(parts.path)),
                      settings=dict(parse_qsl(parts.query)), secrets=_secrets(url))
    if not parts.hostname and "host=" not in parts.query:
        raise StoreError(f"The connection URL {shown} names no server: use "
                         "postgresql://user:password@host:port/database.")
    return Target("postgres", url, shown, secrets=_secrets(url))


@contextlib.contextmanager
def opened(target: Target, doing: str) -> Iterator[None]:
    """Run the block; any error but a StoreError becomes a StoreError "Could not <doing> <shown
    URL>: <reason>" with the password scrubbed from the reason."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:  # noqa: BLE001 - the drivers raise anything; pages show a message
        reason = " ".join(target.scrub(f"{type(exc).__name__}: {exc}").split())
        raise StoreError(f"Could not {doing} {target.shown}: {reason}") from None


def secrets_url(folders: list[Path]) -> str:
    """``url`` of ``[connections.incidents]`` in ``<folder>/.streamlit/secrets.toml`` of each of
    ``folders`` (a later file wins, as in Streamlit, whose defaults are the home folder, then the
    working folder); "" when none sets it or a file cannot be read. For code without Streamlit
    (``incidents.store.probe``); the pages read ``st.secrets``."""
    import tomllib

    url = ""
    for folder in folders:
        try:
            data = tomllib.loads((Path(folder) / ".streamlit" / "secrets.toml").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        section = data.get("connections", {}).get("incidents", {})
        if isinstance(section, dict) and str(section.get("url", "")).strip():
            url = str(section["url"]).strip()
    return url


def connect(target: Target):
    """An Ibis backend on ``target`` (PostgreSQL or Spark; not the default) whose tables
    incidents, articles and load_problems are those ``load`` wrote. Raises StoreError, naming the
    masked URL and what to do, when it cannot connect or holds no incident table."""
    needs(target)
    if target.kind == "pyspark":
        from incidents.store import spark

        with opened(target, "open the Spark tables of"):
            return spark.connect(target)
    import ibis

    with opened(target, "connect to"):
        con = ibis.connect(pg_conninfo(target.url), connect_timeout=CONNECT_TIMEOUT)
        names = set(con.list_tables())
    missing = [t for t in TABLES if t not in names]
    if missing:
        con.disconnect()
        raise StoreError(f"{target.shown} holds no table {', '.join(missing)}: fill it with "
                         f"`python -m incidents load --to URL` (URL as set, with its password).")
    return con


def needs(target: Target) -> None:
    """Raise StoreError, saying what to install, when what ``target``'s engine needs is missing:
    psycopg for PostgreSQL; pyspark and a Java runtime for Spark."""
    import importlib.util
    import os
    import shutil

    module, install = {"postgres": ("psycopg", "psycopg[binary]==3.3.9"),
                       "pyspark": ("pyspark", "pyspark==4.3.0")}.get(target.kind, (None, ""))
    if module and importlib.util.find_spec(module) is None:
        raise StoreError(f"{target.shown} needs the Python package {module}: pip install '{install}' "
                         "(or pip install -r requirements-dev.txt).")
    java_home = os.environ.get("JAVA_HOME", "")
    if target.kind == "pyspark" and not shutil.which("java") and not (java_home and (Path(java_home) / "bin" / "java").is_file()):
        raise StoreError(f"{target.shown} needs a Java runtime for Spark: apt-get install default-jre-headless "
                         "(or set JAVA_HOME).")


def fingerprint(target: Target) -> tuple:
    """What ``load`` last wrote into ``target``: ((table, fingerprint), ...) sorted by table, read
    from its ``store_meta`` (PostgreSQL) or meta file (Spark) without starting an engine; empty when
    nothing was loaded. Raises StoreError when it cannot be read."""
    return tuple(sorted(read_meta(target).items()))


def read_meta(target: Target) -> dict[str, str]:
    """{table: fingerprint} that ``load`` wrote into ``target`` ({} when none). StoreError when the
    target cannot be reached."""
    if target.kind == "pyspark":
        from incidents.store import spark

        return {k: v["fingerprint"] for k, v in spark.read_meta(target.folder).items()}
    needs(target)
    return with_postgres(target, "read what was loaded into", _pg_meta)


def _pg_meta(cur) -> dict[str, str]:
    cur.execute("SELECT to_regclass(%s) IS NOT NULL", (META_TABLE,))
    if not cur.fetchone()[0]:
        return {}
    cur.execute(f"SELECT name, fingerprint FROM {META_TABLE}")
    return {name: fp for name, fp in cur.fetchall()}


def with_postgres(target: Target, doing: str, work: Callable):
    """``work(cursor)`` on a short psycopg connection to ``target`` (autocommit off: committed
    when ``work`` returns), its answer; errors as StoreError (``opened``)."""
    import psycopg

    with opened(target, doing), psycopg.connect(pg_conninfo(target.url), connect_timeout=CONNECT_TIMEOUT) as conn, \
            conn.cursor() as cur:
        return work(cur)


def pg_conninfo(url: str) -> str:
    """A libpq connection string for ``url`` (``postgresql+psycopg://`` and ``postgres://`` read
    as ``postgresql://``)."""
    parts = urlsplit(url)
    return urlunsplit(("postgresql", *parts[1:]))
