"""``python -m incidents add PATH... [--data DIR] [--metadata FILE.csv]``: new articles into a data folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from incidents.commands.options import add_arguments, options

HELP = ("add new articles (files or folders) to a data folder: articles already there are skipped, incidents "
        "told again merge into the ones there, corrections applied; written as one unit")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments."""
    parser.add_argument("paths", nargs="+", type=Path, help="article files or folders")
    parser.add_argument("--data", type=Path, default=None,
                        help="data folder to add to (default: INCIDENTS_DATA_DIR or data/); its corrections.csv "
                             "is applied")
    add_arguments(parser, force=False)


def run(args: argparse.Namespace) -> int:
    """Add; a progress bar on a terminal, the first 20 problems on stderr (all in the folder's
    problems.txt) and a one-line summary. Exit 1 when nothing could be added (the folder or its
    corrections cannot be read, or no input could be read), 2 on bad arguments."""
    from incidents import data_dir_from_env
    from incidents.dataset.add import add
    from incidents.dataset.report import print_report

    data_dir = data_dir_from_env(args.data)
    try:
        opts = options(args)
    except ValueError as exc:
        print(f"add: --now: {exc}", file=sys.stderr)
        return 2
    result = add(args.paths, data_dir, metadata_path=args.metadata, options=opts)
    print_report(result)
    print(result.summary(data_dir))
    return 1 if result.failed or not result.read else 0
