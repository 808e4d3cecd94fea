"""The tables on Spark: Parquet files in a folder, a meta file, and a session built from settings.

``python -m incidents load --to pyspark:///folder`` writes each table as ``<table>-<fp>.parquet``
(``fp``: the start of its fingerprint) and then ``store_meta.json`` naming them::

    {"format": 1, "tables": {"incidents": {"fingerprint": "…", "rows": 600, "file": "incidents-….parquet"}, …}}

The meta file is replaced last and atomically, so a reader sees the old tables or the new ones;
the files of the load before are kept one load longer (a server's open views may still read them).
Parquet is written without Spark (DuckDB writes it), and the tables are registered as views
(``read_parquet``) when opened: Ibis's ``create_table(overwrite=True)`` does not work on Spark.

The session: local mode (``local[2]``, the driver on 127.0.0.1, a quick-starting JVM) unless the
URL's query names ``spark.master``; every query parameter is a Spark setting (``DEFAULTS`` says
what is set otherwise). Needs pyspark and a Java runtime (Debian's default-jre-headless).
"""

from __future__ import annotations

import json
from pathlib import Path

from incidents.atomic import atomic_path
from incidents.store.checks import sql_str
from incidents.store.load import StoreError

META_FILE = "store_meta.json"
META_FORMAT = 1
DEFAULTS = {
    "spark.app.name": "iraq-incident-monitor",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}
LOCAL_DEFAULTS = {  # only in local mode: a driver nobody else needs to reach, a JVM that starts quickly
    "spark.master": "local[2]",
    "spark.sql.shuffle.partitions": "2",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
}


def settings(given: dict[str, str]) -> dict[str, str]:
    """The Spark settings of a session: ``DEFAULTS``, then ``LOCAL_DEFAULTS`` unless ``given``
    names a master that is not local, then ``given`` (the URL's query parameters)."""
    master = given.get("spark.master", "local")
    local = LOCAL_DEFAULTS if master.startswith("local") else {}
    return {**DEFAULTS, **local, **given}


def session(given: dict[str, str], folder: Path | None = None):
    """A Spark session of its own (its own views, on the process's one Spark context, started with
    ``settings(given)`` when there is none yet: settings fixed at start then stay). Spark's
    warehouse folder (which it makes at start, unused here) goes under ``folder``."""
    from pyspark.sql import SparkSession

    wanted = settings(given)
    if folder is not None:
        wanted.setdefault("spark.sql.warehouse.dir", str(Path(folder).resolve() / "spark-warehouse"))
    builder = SparkSession.builder
    for k, v in wanted.items():
        builder = builder.config(k, v)
    base = builder.getOrCreate()
    base.sparkContext.setLogLevel("ERROR")
    return base.newSession()


def read_meta(folder: Path) -> dict[str, dict]:
    """{table: {"fingerprint", "rows", "file"}} of ``folder``'s meta file; {} when there is none.
    StoreError naming the file when it cannot be read."""
    path = Path(folder) / META_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise StoreError(f"{path}: cannot be read ({exc}); run `python -m incidents load --to URL` again") from None
    if not isinstance(data, dict) or data.get("format") != META_FORMAT or not isinstance(data.get("tables"), dict):
        raise StoreError(f"{path}: not a meta file of format {META_FORMAT}; run `python -m incidents load --to URL`")
    return data["tables"]


def write_meta(folder: Path, tables: dict[str, dict]) -> None:
    """Replace ``folder``'s meta file (atomically) with ``tables``; then remove Parquet files that
    neither it nor the meta file it replaced names."""
    folder = Path(folder)
    before = read_meta(folder)
    with atomic_path(folder / META_FILE) as tmp:
        tmp.write_text(json.dumps({"format": META_FORMAT, "tables": tables}, indent=1, sort_keys=True),
                       encoding="utf-8")
    keep = {v["file"] for v in (*before.values(), *tables.values())}
    for old in folder.glob("*.parquet"):
        if old.name not in keep:
            old.unlink(missing_ok=True)


def write_table(duck, name: str, fingerprint: str, folder: Path) -> dict:
    """Write table ``name`` of DuckDB connection ``duck`` (a duckdb connection) to
    ``folder/<name>-<fingerprint[:16]>.parquet`` (through a temporary file); its meta entry."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    file = f"{name}-{fingerprint[:16]}.parquet"
    with atomic_path(folder / file) as tmp:
        duck.execute(f"COPY (SELECT * FROM {name}) TO {sql_str(str(tmp))} (FORMAT parquet, COMPRESSION zstd)")
    rows = duck.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    return {"fingerprint": fingerprint, "rows": int(rows), "file": file}


def connect(target):
    """An Ibis PySpark backend on a session built from ``target.settings`` with the tables of
    ``target.folder`` registered as views. StoreError when the folder holds no loaded tables."""
    import ibis

    meta = read_meta(target.folder)
    if "incidents" not in meta:
        raise StoreError(f"{target.shown}: no tables in {target.folder}; fill it with "
                         "`python -m incidents load --to URL`.")
    con = ibis.pyspark.connect(session(target.settings, target.folder))
    for name, info in sorted(meta.items()):
        con.read_parquet(str((Path(target.folder) / info["file"]).resolve()), table_name=name)
    return con


def to_arrow(con, expr, limit: int | None = None):
    """Run Ibis expression ``expr`` (a table or a scalar; at most ``limit`` rows) on PySpark
    backend ``con`` -> a pyarrow Table, through Spark's own Arrow output (``DataFrame.toArrow``):
    Ibis's PySpark results pass through pandas, which pyspark 4 does not fully support with pandas 3."""
    return con.raw_sql(con.compile(expr.as_table(), limit=limit)).toArrow()
