"""``python -m incidents extract PATH... --out DIR``: article files, saved pages and collections -> DIR/*.csv."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from incidents.commands.options import add_arguments, options
from incidents.problems import Problem

HELP = "extract incidents from article files or folders into DIR/articles.csv and DIR/incidents.csv"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments."""
    parser.add_argument("paths", nargs="+", type=Path, help="article files or folders, mixed: .txt, saved pages (.html, .htm), collections (.jsonl, .json, .csv); folders are read recursively")
    parser.add_argument("--out", type=Path, required=True, help="folder to write articles.csv and incidents.csv")
    parser.add_argument("--corrections", type=Path, default=None,
                        help="corrections CSV to apply (default: DIR/corrections.csv when it is there)")
    add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Extract; unreadable files are reported on stderr and skipped. Exit 1 when nothing could be read
    or nothing was written."""
    from incidents.dataset.build import extract
    from incidents.dataset.report import print_report

    missing = [p for p in args.paths if not p.exists()]
    for p in missing:
        print(Problem(str(p), 0, 0, "no such file or folder"), file=sys.stderr)
    present = [p for p in args.paths if p.exists()]
    if not present:
        return 1
    try:
        opts = options(args)
    except ValueError as exc:
        print(f"extract: --now: {exc}", file=sys.stderr)
        return 2
    result = extract(present, args.out, args.corrections, metadata_path=args.metadata, options=opts)
    print_report(result)
    print(result.summary(args.out))
    return 0 if result.articles and not result.failed else 1
