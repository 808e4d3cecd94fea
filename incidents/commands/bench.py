"""``python -m incidents bench [--sizes 10000,100000,1000000]``: our dashboard against a naive app."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

HELP = "benchmark the dashboard against a naive Streamlit app on synthetic tables of N incidents"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``."""
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="comma-separated numbers of incidents (default 10000,100000,1000000)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic tables (default 7)")
    parser.add_argument("--no-browser", action="store_true", help="skip the chromium measurements")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the synthetic tables under this folder and keep them (default: a temp folder)")


# (label, path, plotly charts, deck.gl maps, pictures) in the order visited, each in a new browser
# context (empty cache, new session): the overview right after the server's warm-up (the first
# analyst), the overview AGAIN more times (the next analysts: nothing cached in their browsers, the
# server's query caches warm), then the Map and Timeline pages opened directly by URL.
AGAIN = 4
OUR_VISITS: list[tuple[str, str, int, int, int]] = [
    ("/", "/", 0, 0, 2), *((f"/ again {i}", "/", 0, 0, 2) for i in range(1, AGAIN + 1)),
    ("/Map", "/Map", 0, 1, 0), ("/Timeline", "/Timeline", 2, 0, 0),
]


def _sizes(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        part = part.strip().replace("_", "")
        if not part:
            continue
        value = int(float(part[:-1]) * 1000) if part.lower().endswith("k") else (
            int(float(part[:-1]) * 1_000_000) if part.lower().endswith("m") else int(part))
        if value < 1:
            raise ValueError(f"size {part!r} must be at least 1")
        out.append(value)
    return out


def measure_size(n: int, root: Path, seed: int, browser: bool, naive: bool) -> dict:
    """Generate N synthetic incidents under ``root`` and measure both apps; returns the figures."""
    from incidents.bench import measure
    from incidents.dataset import synth
    from incidents.store.store import Store

    data, cache = root / "data", root / "cache"
    env = {"INCIDENTS_CACHE_DIR": str(cache)}
    r: dict = {"n": n, "ours": {}, "naive": {}}
    t0 = time.perf_counter()
    synth.write(data, *synth.generate(n, seed=seed))
    r["generate_s"] = time.perf_counter() - t0
    r["csv_mb"] = (data / "incidents.csv").stat().st_size / 2**20
    old = os.environ.get("INCIDENTS_CACHE_DIR")
    os.environ["INCIDENTS_CACHE_DIR"] = str(cache)
    try:
        t0 = time.perf_counter()
        store = Store.open(data)
        r["load_s"] = time.perf_counter() - t0
        store.con.disconnect()
    finally:
        if old is None:
            os.environ.pop("INCIDENTS_CACHE_DIR", None)
        else:
            os.environ["INCIDENTS_CACHE_DIR"] = old
    r["loadavg"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    r["ours"]["script"] = measure.page_times(data, [Path("pages/1_Map.py"), Path("pages/2_Timeline.py")], env=env)
    if naive:
        r["naive"]["script"] = measure.page_times(data, [Path("benchmarks/naive_app.py")], warmup=False)
    if browser:
        r["ours"]["browser"] = measure.browser_loads(data, measure.DASHBOARD, OUR_VISITS, env=env)
        if naive:
            r["naive"]["browser"] = measure.browser_loads(data, measure.NAIVE_APP, [("/", "/", 1, 1, 0)], timeout=300)
    return r


def streamlit_floor() -> float:
    """Seconds from navigation until an empty Streamlit page (benchmarks/empty_app.py) has finished
    its script, measured with the same harness as the dashboard's first load."""
    from incidents.bench import measure

    with tempfile.TemporaryDirectory(prefix="iim-bench-floor-") as tmp:
        visit = measure.browser_loads(Path(tmp), measure.EMPTY_APP, [("/", "/", 0, 0, 0)])["visits"]["/"]
    return float(visit["seconds"])


def run(args: argparse.Namespace) -> int:
    """Measure every size, print the table after each, optionally write JSON. Exit code 0."""
    from incidents.bench.report import table

    try:
        sizes = _sizes(args.sizes)
    except ValueError as exc:
        print(f"bench: --sizes: {exc}")
        return 2
    results = []
    floor = None
    if not args.no_browser:
        floor = streamlit_floor()
        print(f"floor: an empty Streamlit page (benchmarks/empty_app.py) loads in {floor:.2f} s "
              "in this harness; no first load can be faster", flush=True)
    for n in sizes:
        if args.keep:
            root = args.keep / f"n{n}"
            root.mkdir(parents=True, exist_ok=True)
        else:
            root = Path(tempfile.mkdtemp(prefix=f"iim-bench-{n}-"))
        try:
            print(f"measuring N = {n:,} ...", flush=True)
            results.append(measure_size(n, root, args.seed, browser=not args.no_browser, naive=not args.no_naive))
            print("\n".join(table(results[-1:])), flush=True)
        finally:
            if not args.keep:
                shutil.rmtree(root, ignore_errors=True)
    print("Summary (ours = this dashboard: DuckDB store, aggregates, cached; naive = benchmarks/naive_app.py: "
          "pandas read_csv on every rerun, every point to pydeck)")
    print("\n".join(table(results)))
    if floor is not None:
        print(f"floor: an empty Streamlit page's first load: {floor:.2f} s")
        for r in results:
            r["floor_s"] = round(floor, 3)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0
