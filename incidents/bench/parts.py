"""The parts of ``python -m incidents bench`` beside the dashboard-against-naive table.

Each ``*_part`` function runs one measurement and returns a plain dict of figures; ``*_lines``
turns it into printed lines. The measurements themselves live in the benchmark scripts
(benchmarks/bench_import_acled.py, bench_add.py, bench_sessions.py), loaded here by path
(``script``) so one copy of each exists:

- ``import_part(rows)``: ``import-acled`` of a synthetic ACLED export of ``rows`` rows, then the
  same file again: wall time and the child's peak memory.
- ``add_part(articles, incidents, jobs)``: ``add --jobs jobs`` of ``articles`` seed-sized articles
  into a folder of ``incidents`` incidents: wall, CPU, peak memory.
- ``pages_part(n, visits)``: the Map and Timeline pages opened directly by URL in headless
  chromium, ``visits`` times each (new browser context every time), on synthetic tables of ``n``
  incidents, beside the floor (an empty Streamlit page, as many times): seconds to the first
  drawing, seconds until the script finished (the server's share), bytes received.
- ``sessions_part(n)``: ``n`` concurrent sessions on the shipped data.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
import tempfile
from pathlib import Path

from incidents import ROOT

BENCHMARKS = ROOT / "benchmarks"
PAGES = (("/Map", 0, 1), ("/Timeline", 1, 0))  # path, plotly charts, deck.gl maps at least drawn (the strip: strip=1)


def script(name: str):
    """The module of benchmarks/<name>.py (loaded once, by path: benchmarks/ is not a package)."""
    key = f"_iim_benchmarks_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, BENCHMARKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module
        spec.loader.exec_module(module)
    return sys.modules[key]


def import_part(rows: int, seed: int = 7, say=print) -> dict:
    """``import-acled`` of ``rows`` synthetic rows (benchmarks/bench_import_acled.py ``measure``)."""
    return script("bench_import_acled").measure(rows, seed, say=say)


def add_part(articles: int, incidents: int, jobs: int = 2, say=print) -> dict:
    """``add --jobs jobs`` of ``articles`` articles into ``incidents`` incidents (bench_add ``measure``)."""
    folder_articles = min(10_000, max(1, incidents // 10))
    return script("bench_add").measure(articles, incidents, folder_articles, jobs=(jobs,), say=say)


def sessions_part(sessions: int) -> dict:
    """``sessions`` concurrent sessions on the shipped data (bench_sessions ``measure``)."""
    return script("bench_sessions").measure(sessions)


def _summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)} if values else {}


def pages_part(n: int, visits: int = 3, seed: int = 7, advance=lambda k=1: None) -> dict:
    """First draw of the Map and Timeline pages opened by URL, ``visits`` times each, on ``n``
    synthetic incidents, and of the empty page (the floor). Out: {"n", "visits", "floor": summary,
    page: {"seconds": summary, "script_s": summary, "bytes": median, "errors": [...]}, "warm_s"};
    a summary is {median, min, max} of seconds."""
    from incidents.bench import measure
    from incidents.dataset import synth

    out: dict = {"n": n, "visits": visits}
    floor = measure.browser_loads(Path(tempfile.gettempdir()), measure.EMPTY_APP,
                                  [(f"/ {i}", "/", 0, 0, 0) for i in range(visits)])
    out["floor"] = _summary([v["seconds"] for v in floor["visits"].values() if not v["error"]])
    advance()
    with tempfile.TemporaryDirectory(prefix="iim-bench-pages-") as tmp:
        data = Path(tmp) / "data"
        synth.write(data, *synth.generate(n, seed=seed))
        plan = [(f"{path} {i}", path, plots, maps, 0) for i in range(visits) for path, plots, maps in PAGES]
        got = measure.browser_loads(data, measure.DASHBOARD, plan, env={"INCIDENTS_CACHE_DIR": str(Path(tmp) / "c")})
    out["warm_s"] = got.get("warm_s")
    for path, _, _ in PAGES:
        mine = [v for label, v in got["visits"].items() if label.rsplit(" ", 1)[0] == path]
        good = [v for v in mine if not v["error"]]
        out[path] = {"seconds": _summary([v["seconds"] for v in good]),
                     "script_s": _summary([v["script_s"] for v in good if v["script_s"] is not None]),
                     "bytes": statistics.median([v["bytes"] for v in good]) if good else None,
                     "errors": [v["error"] for v in mine if v["error"]]}
    advance()
    return out


def _s(summary: dict) -> str:
    if not summary:
        return "-"
    return f"{summary['median']:.2f} s (min {summary['min']:.2f}, max {summary['max']:.2f})"


def pages_lines(p: dict) -> list[str]:
    """The pages part as printed lines: floor, then each page with its server share and bytes."""
    out = [f"pages opened directly by URL, N = {p['n']:,}, {p['visits']} new browsers each (median, min, max):",
           f"  floor, an empty Streamlit page: {_s(p['floor'])}"]
    for path, _, _ in PAGES:
        v = p.get(path) or {}
        kb = "-" if v.get("bytes") is None else f"{v['bytes'] / 1024:,.1f} kB"
        out.append(f"  {path} first draw: {_s(v.get('seconds'))}; script finished at {_s(v.get('script_s'))}; "
                   f"{kb} received")
        out.extend(f"    {e}" for e in v.get("errors", [])[:3])
    return out


def import_lines(m: dict) -> list[str]:
    """The import part as printed lines."""
    out = [f"import-acled of {m['rows']:,} synthetic rows ({m.get('export_mb', 0):,.0f} MB export):"]
    return out + [f"  {script('bench_import_acled').run_line(label, r)}" for label, r in m["runs"].items()]


def add_lines(m: dict) -> list[str]:
    """The add part as printed lines."""
    out = [f"add of {m['articles']:,} articles into {m['incidents']:,} incidents:"]
    return out + [f"  {script('bench_add').run_line(jobs, r)}" for jobs, r in m["runs"].items()]


def sessions_lines(m: dict) -> list[str]:
    """The sessions part as printed lines (bench_sessions ``lines``)."""
    return script("bench_sessions").lines(m)
