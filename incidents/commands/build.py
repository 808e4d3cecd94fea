"""``python -m incidents build [--seeds DIR] [--data DIR]``: rebuild data/ from seeds/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from incidents import SEEDS_DIR, data_dir_from_env
from incidents.commands.options import add_arguments, options
from incidents.problems import printable

HELP = ("rebuild the extracted rows of data/ from seeds/ (deterministic; corrections applied; rows of other "
        "datasets kept)")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments."""
    parser.add_argument("--seeds", type=Path, default=SEEDS_DIR,
                        help="folder of article files (default: seeds/): .txt, .html, .htm, .jsonl, .json, .csv, recursive")
    parser.add_argument("--data", type=Path, default=None,
                        help="data folder to write (default: $INCIDENTS_DATA_DIR, else data/); "
                             "its corrections.csv is applied")
    add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Build; print problems to stderr and a one-line summary. Exit 1 when nothing could be read
    or nothing was written."""
    from incidents.dataset.build import build
    from incidents.dataset.report import print_report

    if not args.seeds.is_dir():
        print(f"{printable(args.seeds)}: not a folder of article files", file=sys.stderr)
        return 2
    args.data = data_dir_from_env(args.data)
    try:
        opts = options(args)
    except ValueError as exc:
        print(f"build: --now: {exc}", file=sys.stderr)
        return 2
    result = build(args.seeds, args.data, metadata_path=args.metadata, options=opts)
    print_report(result)
    print(result.summary(args.data))
    return 0 if result.articles and not result.failed else 1
