"""``python -m incidents load --to URL [--data DIR]``: the data folder's tables into another engine.

Reads the data folder as the dashboard does (checks, ``load_problems``) and writes what changed
since the last load into the target: ``postgresql://user:password@host:port/database`` or
``pyspark:///folder`` (``incidents.store.push``). ``--to`` defaults to INCIDENTS_DB, which keeps a
password off the command line. Prints one line (tables written with their rows, tables unchanged,
the URL with its password masked, how many problems the data folder has); on a terminal a bar of
the rows written; the first 20 problems of the folder on stderr (all of them go to the target's
table load_problems); exit 0, or 1 with the reason when it could not.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HELP = "push the data folder's tables into PostgreSQL or Spark (only what changed), for the dashboard to open there"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``."""
    parser.add_argument("--to", default=None, metavar="URL",
                        help="postgresql://user:password@host:port/database or pyspark:///folder "
                             "(default: $INCIDENTS_DB)")
    parser.add_argument("--data", type=Path, default=None,
                        help="data folder holding incidents.csv and articles.csv (default: $INCIDENTS_DATA_DIR, "
                             "else data/)")


def run(args: argparse.Namespace) -> int:
    """Push (a bar of the rows written on a terminal); print the summary line. 1 (with the reason on stderr) when it could not, 2 without a URL."""
    from incidents import data_dir_from_env
    from incidents.problems import print_problems
    from incidents.store.checks import PROBLEMS_TABLE
    from incidents.store.push import push
    from incidents.store.store import StoreError

    url = args.to or os.environ.get("INCIDENTS_DB", "").strip()
    if not url:
        print("load: give --to URL (postgresql://user:password@host:port/database or pyspark:///folder) "
              "or set INCIDENTS_DB", file=sys.stderr)
        return 2
    try:
        report = push(url, data_dir_from_env(args.data), progress=True)
    except StoreError as exc:
        print(f"load: {exc}", file=sys.stderr)
        return 1
    print_problems(report.problems, sys.stderr, f"table {PROBLEMS_TABLE} of {report.target}")
    print(report.summary())
    return 0
