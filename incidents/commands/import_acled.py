"""``python -m incidents import-acled FILE.csv [--data DIR]``: merge an ACLED export into the incident table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "merge an ACLED export (current or pre-2023 schema; commas, semicolons, tabs or bars) into DIR/incidents.csv"
PROBLEMS_FILE = "import-acled-problems.txt"  # next to incidents.csv: every problem of the last import


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``."""
    parser.add_argument("file", type=Path, help="ACLED export (CSV)")
    parser.add_argument("--data", type=Path, default=None,
                        help="data directory holding incidents.csv (default: INCIDENTS_DATA_DIR or data/)")
    parser.add_argument("--quiet", action="store_true",
                        help="no progress bar, even on a terminal (problems and the summary are still printed)")


def run(args: argparse.Namespace) -> int:
    """Import, with a progress bar on a terminal (none with --quiet); print the first problems (FILE:LINE:COLUMN:
    reason) and how many more, save them all to DIR/import-acled-problems.txt, print a summary.

    Exit code 0 when the import ran (bad rows are reported and skipped), 2 when the file is
    not an ACLED export (nothing changed)."""
    from incidents import data_dir_from_env
    from incidents.dataset.acled import NotAcledExport, import_acled
    from incidents.problems import print_problems, save_problems
    from incidents.progress import Stages

    data_dir = data_dir_from_env(args.data)
    try:
        with Stages(enabled=False if args.quiet else None) as stages:
            result = import_acled(args.file, data_dir, stages)
    except NotAcledExport as exc:
        print(f"import-acled: {exc}; nothing was changed", file=sys.stderr)
        return 2
    saved = data_dir / PROBLEMS_FILE
    if result.problems:
        save_problems(result.problems, saved)
    else:
        saved.unlink(missing_ok=True)  # a list from an earlier import would mislead
    print_problems(result.problems, sys.stderr, saved)
    print(result.summary())
    return 0
