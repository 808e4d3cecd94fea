"""Time the queries behind the numbers an analyst reads, on N synthetic incidents (fixed seed).

    python benchmarks/bench_numbers.py [N] [--repeat R]

Prints one line per query and filter: the median of R runs in milliseconds. Queries: ``count``
under an actor (names compared without ACLED's period suffixes), ``articles`` (incident counts per
article under the filters), ``data_sources`` (the briefing's outlets and dataset credits),
``summary`` under a date range (with the undated incidents shown apart). A figure to watch, not a
test: the machine and its load change it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", nargs="?", type=int, default=300_000)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from incidents.dataset import synth
    from incidents.filters import Filters
    from incidents.store.store import Store

    folder = Path(tempfile.mkdtemp(prefix="bench-numbers-"))
    os.environ["INCIDENTS_CACHE_DIR"] = str(folder / "cache")
    incidents, articles = synth.generate(args.n, seed=5, n_articles=2_000)
    synth.write(folder, incidents, articles)
    store = Store.open(folder)
    kirkuk = Filters(governorates=("Kirkuk",))
    calls = [
        ("count", (Filters(actors=("Military Forces of Iraq",)),), "actor Military Forces of Iraq"),
        ("articles", (), "no filters"),
        ("articles", (kirkuk,), "Kirkuk"),
        ("data_sources", (Filters(governorates=None),), "all of Iraq"),
        ("summary", (Filters(governorates=("Kirkuk",), date_from=date(2024, 1, 1)),), "Kirkuk from 2024-01-01"),
    ]
    print(f"{len(incidents):,} synthetic incidents, {len(articles):,} articles; median of {args.repeat} runs")
    for name, call_args, label in calls:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            store.run(name, *call_args)
            times.append(time.perf_counter() - start)
        print(f"{name:>13} ({label}): {statistics.median(times) * 1000:,.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
