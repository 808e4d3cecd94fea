"""``python -m incidents bench [--parts ...] [--sizes 10000,100000,1000000] ...``: the benchmarks.

Parts (``--parts``, default all, in this order): ``dashboard`` (our dashboard against a naive app
on N synthetic incidents per ``--sizes``: page script times, first load in chromium, bytes,
memory), ``pages`` (the Map and Timeline pages opened directly by URL beside the empty-page floor,
``--page-visits`` times each, on ``--pages-rows`` incidents), ``import`` (``import-acled`` of a
``--import-rows``-row synthetic export: time, peak memory), ``add`` (``add --jobs --add-jobs`` of
``--add-articles`` articles into ``--add-incidents`` incidents) and ``sessions`` (``--sessions`` concurrent sessions).
Figures are printed as each part ends and, with ``--json FILE``, written as one object keyed by
part. On a terminal a bar counts the parts done (``incidents.progress``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

HELP = ("benchmark the dashboard (against a naive app), the Map/Timeline first draw, import-acled, add and "
        "concurrent sessions")
PARTS = ("dashboard", "pages", "import", "add", "sessions")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``."""
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"comma-separated parts to run, of {', '.join(PARTS)} (default: all)")
    parser.add_argument("--skip", default="", help="comma-separated parts not to run")
    parser.add_argument("--import-rows", default="1000000", help="rows of the ACLED export imported (default 1M)")
    parser.add_argument("--add-articles", default="10000", help="articles added (default 10,000)")
    parser.add_argument("--add-incidents", default="100000", help="incidents in the folder added to (default 100k)")
    parser.add_argument("--add-jobs", type=int, default=2, help="add's --jobs (default 2)")
    parser.add_argument("--sessions", type=int, default=25, help="concurrent sessions (default 25)")
    parser.add_argument("--pages-rows", default="100000",
                        help="incidents behind the Map/Timeline first draw (default 100k)")
    parser.add_argument("--page-visits", type=int, default=3, help="new browsers per page and for the floor (default 3)")
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="comma-separated numbers of incidents (default 10000,100000,1000000)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic tables (default 7)")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the chromium measurements of the dashboard part")
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


def parts_of(args: argparse.Namespace) -> list[str]:
    """The parts to run, in PARTS order; ValueError naming an unknown one."""
    wanted = [p.strip() for p in args.parts.split(",") if p.strip()]
    skipped = [p.strip() for p in args.skip.split(",") if p.strip()]
    unknown = [p for p in wanted + skipped if p not in PARTS]
    if unknown:
        raise ValueError(f"unknown part(s) {', '.join(unknown)}; parts are {', '.join(PARTS)}")
    return [p for p in PARTS if p in wanted and p not in skipped]


def _one(text: str, name: str) -> int:
    """The one size of an option (``1M``, ``10k``, ``25000``); ValueError naming the option."""
    try:
        values = _sizes(text)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None
    if len(values) != 1:
        raise ValueError(f"{name}: give one number, not {text!r}")
    return values[0]


def dashboard_part(args: argparse.Namespace, sizes: list[int], advance) -> dict:
    """The dashboard against the naive app at every size; {"sizes": [results], "floor_s"}."""
    from incidents.bench.report import table
    from incidents.progress import say

    results = []
    floor = None
    if not args.no_browser:
        floor = streamlit_floor()
        say(f"floor: an empty Streamlit page (benchmarks/empty_app.py) loads in {floor:.2f} s "
            "in this harness; no first load can be faster")
    for n in sizes:
        if args.keep:
            root = args.keep / f"n{n}"
            root.mkdir(parents=True, exist_ok=True)
        else:
            root = Path(tempfile.mkdtemp(prefix=f"iim-bench-{n}-"))
        try:
            say(f"measuring N = {n:,} ...")
            results.append(measure_size(n, root, args.seed, browser=not args.no_browser, naive=not args.no_naive))
            if floor is not None:
                results[-1]["floor_s"] = round(floor, 3)
            say("\n".join(table(results[-1:])))
        finally:
            if not args.keep:
                shutil.rmtree(root, ignore_errors=True)
        advance()
    say("Summary (ours = this dashboard: DuckDB store, aggregates, cached; naive = benchmarks/naive_app.py: "
        "pandas read_csv on every rerun, every point to pydeck)")
    say("\n".join(table(results)))
    if floor is not None:
        say(f"floor: an empty Streamlit page's first load: {floor:.2f} s")
    return {"sizes": results, "floor_s": floor}


def _steps(parts: list[str], sizes: list[int]) -> int:
    return sum({"dashboard": len(sizes), "pages": 2}.get(p, 1) for p in parts)


def run(args: argparse.Namespace) -> int:
    """Run the chosen parts, printing each one's figures as it ends; optionally write JSON. 0, or 2
    on bad options."""
    from incidents.bench import parts as bench_parts
    from incidents.progress import counting, say

    try:
        sizes, chosen = [_one(s, "--sizes") for s in args.sizes.split(",") if s.strip()], parts_of(args)
        rows, articles = _one(args.import_rows, "--import-rows"), _one(args.add_articles, "--add-articles")
        incidents, page_rows = _one(args.add_incidents, "--add-incidents"), _one(args.pages_rows, "--pages-rows")
    except ValueError as exc:
        print(f"bench: {exc}")
        return 2
    out: dict = {"parts": chosen}
    with counting(_steps(chosen, sizes), "bench", "step") as advance:
        if "dashboard" in chosen:
            out["dashboard"] = dashboard_part(args, sizes, advance)
        if "pages" in chosen:
            out["pages"] = bench_parts.pages_part(page_rows, args.page_visits, args.seed, advance)
            say("\n".join(bench_parts.pages_lines(out["pages"])))
        for name, work, lines in (
                ("import", lambda: bench_parts.import_part(rows, args.seed, say=say), bench_parts.import_lines),
                ("add", lambda: bench_parts.add_part(articles, incidents, args.add_jobs, say=say), bench_parts.add_lines),
                ("sessions", lambda: bench_parts.sessions_part(args.sessions), bench_parts.sessions_lines)):
            if name in chosen:
                out[name] = work()
                say("\n".join(lines(out[name])))
                advance()
    if args.json:
        from incidents.atomic import atomic_path

        with atomic_path(args.json) as tmp:
            tmp.write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")
    return 0
