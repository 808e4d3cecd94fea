"""``python -m incidents extract PATH... --out DIR``: any plain-text articles -> DIR/*.csv."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "extract incidents from article files or folders into DIR/articles.csv and DIR/incidents.csv"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments."""
    parser.add_argument("paths", nargs="+", type=Path, help="article text files or folders (*.txt, recursive)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write articles.csv and incidents.csv")
    parser.add_argument("--corrections", type=Path, default=None, help="corrections CSV to apply (optional)")
    parser.add_argument("--metadata", type=Path, default=None,
                        help="CSV with a 'file' column (names relative to the folder given) and any of url, outlet, "
                             "published, title: fills what the texts do not state")


def run(args: argparse.Namespace) -> int:
    """Extract; unreadable files are reported on stderr and skipped. Exit 1 when nothing could be read."""
    from incidents.dataset.build import extract

    missing = [p for p in args.paths if not p.exists()]
    for p in missing:
        print(f"{p}:0:0: no such file or folder", file=sys.stderr)
    present = [p for p in args.paths if p.exists()]
    if not present:
        return 1
    result = extract(present, args.out, args.corrections, metadata_path=args.metadata)
    for p in result.problems + result.correction_problems:
        print(p, file=sys.stderr)
    for p in result.orphans:
        print(f"{p} (orphan)", file=sys.stderr)
    print(result.summary(args.out))
    return 0 if result.articles and not result.failed else 1
