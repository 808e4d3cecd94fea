"""Benchmark: the Trends queries on a data folder (for example 1M synthetic incidents).

    python -m incidents synth 1000000 --out /tmp/trend1m
    .venv/bin/python benchmarks/bench_trends.py /tmp/trend1m [--repeat 5]

Opens the folder with ``Store.open`` (the cached DuckDB database: built on the first run), then for
a few filter states and periods times ``trend_window``, ``trends`` (by governorate and by event
type), ``trend_series`` and the undated count, each run ``--repeat`` times; prints the best and the
median seconds per query and the number of rows. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from incidents.filters import Filters  # noqa: E402
from incidents.store.store import Store  # noqa: E402
from incidents.trends import undated_filters  # noqa: E402

ALL = Filters(governorates=None, countries=())
CASES = (
    ("default filters, 30 days", Filters(), None),
    ("all of Iraq, 30 days", ALL, None),
    ("all of Iraq, quarter", ALL, "quarter"),
    ("all of Iraq, year", ALL, "year"),
    ("Kirkuk + Battles, week", replace(ALL, governorates=("Kirkuk",), event_types=("Battles",)), "week"),
    ("text 'Hawija', 30 days", replace(ALL, text="hawija"), None),
    ("date range 2020-03..05", replace(ALL, date_from=date(2020, 3, 1), date_to=date(2020, 5, 31)), None),
)


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times), out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("data", type=Path)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    store = Store.open(args.data)
    n = store.run("count", ALL)
    print(f"opened {args.data} ({n:,} incidents) in {time.perf_counter() - t0:.2f} s")
    print(f"{'case':32} {'query':22} {'best s':>8} {'median s':>9} {'rows':>6}")
    for name, f, period in CASES:
        calls = {
            "trend_window": lambda f=f, period=period: store.run("trend_window", f, period),
            "trends admin1": lambda f=f, period=period: store.run("trends", f, period, "admin1"),
            "trends event_type": lambda f=f, period=period: store.run("trends", f, period, "event_type"),
            "trend_series": lambda f=f, period=period: store.run("trend_series", f, period),
            "undated count": lambda f=f: store.run("summary", undated_filters(f))["undated"],
        }
        for label, fn in calls.items():
            best, median, out = timed(fn, args.repeat)
            rows = len(out) if hasattr(out, "__len__") and not isinstance(out, str) else 1
            print(f"{name:32} {label:22} {best:8.3f} {median:9.3f} {rows:6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
