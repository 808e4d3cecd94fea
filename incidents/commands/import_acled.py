"""``python -m incidents import-acled FILE.csv [--data DIR]``: merge an ACLED export into the incident table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "merge an ACLED export (current or pre-2023 schema) into DIR/incidents.csv"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``."""
    parser.add_argument("file", type=Path, help="ACLED export (CSV)")
    parser.add_argument("--data", type=Path, default=None,
                        help="data directory holding incidents.csv (default: INCIDENTS_DATA_DIR or data/)")


def run(args: argparse.Namespace) -> int:
    """Import; print one line per problem (FILE:LINE:COLUMN: reason) and a summary.

    Exit code 0 when the import ran (bad rows are reported and skipped), 2 when the file is
    not an ACLED export (nothing changed)."""
    from incidents.dataset.acled import NotAcledExport, import_acled
    from incidents.store.store import data_dir_from_env

    data_dir = data_dir_from_env(args.data)
    try:
        result = import_acled(args.file, data_dir)
    except NotAcledExport as exc:
        print(f"import-acled: {exc}; nothing was changed", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(result.summary())
    return 0
