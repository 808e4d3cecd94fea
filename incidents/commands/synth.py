"""``python -m incidents synth N --out DIR [--seed 7] [--articles K]``: write synthetic tables."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

HELP = "write synthetic incidents.csv and articles.csv (N incidents, fixed seed) into a folder"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``."""
    parser.add_argument("n", type=int, help="number of incidents")
    parser.add_argument("--out", type=Path, required=True, help="folder to write incidents.csv and articles.csv to")
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed, same tables; default 7)")
    parser.add_argument("--articles", type=int, default=None,
                        help="number of synthetic articles (default N/10, at most 300)")


def run(args: argparse.Namespace) -> int:
    """Generate and write the tables (a bar of its stages on a terminal); print one line: where
    and how long. Returns the exit code."""
    from incidents.dataset import synth
    from incidents.progress import counting

    if args.n < 0:
        print("synth: N must be zero or more")
        return 2
    t0 = time.perf_counter()
    with counting(synth.GENERATE_STEPS + synth.WRITE_STEPS, "synth", "step") as advance:
        incidents, articles = synth.generate(args.n, seed=args.seed, n_articles=args.articles, step=advance)
        paths = synth.write(args.out, incidents, articles, step=advance)
    print(f"wrote {len(incidents):,} incidents to {paths[0]} and {len(articles):,} articles to {paths[1]} "
          f"in {time.perf_counter() - t0:.1f} s (seed {args.seed})")
    return 0
