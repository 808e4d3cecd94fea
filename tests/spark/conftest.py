"""Spark in local mode for the store tests (marker ``spark``).

The tables are pushed by the product's ``load`` into Parquet folders and opened by URL
(``pyspark:///folder``), which starts one local Spark (``local[2]``) in this process, stopped at the
end of the session. The tests skip, saying why, only when pyspark or a Java runtime is missing
(``make test`` installs both: pyspark from requirements-dev.txt, Debian's default-jre-headless).
"""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest


def missing() -> str | None:
    """Why Spark cannot start here (pyspark or java missing), or None."""
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (pip install -r requirements-dev.txt)"
    java_home = os.environ.get("JAVA_HOME", "")
    if not shutil.which("java") and not (java_home and os.path.isfile(os.path.join(java_home, "bin", "java"))):
        return "no Java runtime (apt-get install default-jre-headless; `make test` installs it)"
    return None


@pytest.fixture(scope="session")
def spark_ready():
    """Skip unless Spark can start; stop the process's Spark at the end of the session."""
    why = missing()
    if why:
        pytest.skip(why)
    yield
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()  # the session started in this (the main) thread
    if active is not None:
        active.stop()
