"""Measurements for the benchmark: page script times, browser load, bytes sent, server memory.

Each function takes what it measures (a data folder, a script) and returns plain dicts of
figures; nothing here asserts a speed. Page script times run in a subprocess
(benchmarks/page_times.py) because they need Streamlit's AppTest and the package itself does
not import Streamlit; browser figures use incidents.serving.browser (Debian's chromium, a real
``streamlit run`` on a free port).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from incidents import ROOT

PAGE_TIMES = ROOT / "benchmarks" / "page_times.py"
NAIVE_APP = ROOT / "benchmarks" / "naive_app.py"
DASHBOARD = ROOT / "dashboard.py"
EMPTY_APP = ROOT / "benchmarks" / "empty_app.py"
SIZE_ERROR = "exceeds the message size limit"

# Filter changes timed on each page: a wider area, a type, a year.
FILTER_CHANGES: tuple[dict[str, str], ...] = (
    {"governorates": "all"},
    {"event_types": "Battles"},
    {"from": "2016-01-01", "to": "2016-12-31"},
)


# ---------------------------------------------------------------------------------------------
# memory from /proc (psutil is not installed)


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (from the ppid field of /proc/*/stat)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


def process_memory(pid: int) -> dict[str, float]:
    """Resident memory of ``pid`` and its children in MB: ``rss_mb`` now (VmRSS) and
    ``peak_mb`` (sum of each process's VmHWM, its high-water mark)."""
    pids = descendants(pid)
    return {
        "rss_mb": round(sum(_status_kb(p, "VmRSS") for p in pids) / 1024, 1),
        "peak_mb": round(sum(_status_kb(p, "VmHWM") for p in pids) / 1024, 1),
    }


# ---------------------------------------------------------------------------------------------
# page script time (AppTest in a subprocess)


def page_times(data_dir: Path, pages: list[Path], changes=FILTER_CHANGES, env: dict | None = None,
               timeout: float = 1800, warmup: bool = True) -> dict[str, dict]:
    """Run each page once with default filters (warm-up; skipped when ``warmup`` is False) and
    once per filter change, in one AppTest process with INCIDENTS_DATA_DIR=data_dir. Returns
    page -> {first, runs (seconds of the filter changes), median, max, error}."""
    run_env = dict(os.environ, INCIDENTS_DATA_DIR=str(data_dir), **(env or {}))
    cmd = [sys.executable, str(PAGE_TIMES), *map(str, pages), "--changes", json.dumps(list(changes)),
           "--timeout", str(timeout)] + ([] if warmup else ["--no-warmup"])
    proc = subprocess.run(cmd, cwd=ROOT, env=run_env, capture_output=True, text=True, timeout=timeout * 4)
    out: dict[str, dict] = {str(p): {"first": None, "runs": [], "error": ""} for p in pages}
    for line in proc.stdout.splitlines():
        if not line.startswith("{"):
            continue
        row = json.loads(line)
        slot = out.setdefault(row["page"], {"first": None, "runs": [], "error": ""})
        if row["run"] == 0:
            slot["first"] = row["seconds"]
        else:
            slot["runs"].append(row["seconds"])
        if row["error"] and not slot["error"]:
            slot["error"] = row["error"]
    for slot in out.values():
        runs = slot["runs"]
        slot["median"] = statistics.median(runs) if runs else None
        slot["max"] = max(runs) if runs else None
    if proc.returncode and not any(s["runs"] for s in out.values()):
        for slot in out.values():
            slot["error"] = slot["error"] or (proc.stderr.strip().splitlines() or ["page_times failed"])[-1][:300]
    return out


# ---------------------------------------------------------------------------------------------
# the browser


def browser_loads(data_dir: Path, script: Path, visits: list[tuple[str, str, int, int, int]],
                  env: dict | None = None, timeout: float = 300) -> dict:
    """Start the app with INCIDENTS_DATA_DIR=data_dir (the dashboard as ``make run`` does, with its
    warm-up; any other script with plain ``streamlit run``), then for each visit (label, path,
    plots, maps, images) open a new browser context (empty cache, new session) at that path and time
    navigation -> script finished -> every plotly chart, picture and deck.gl map drawn
    (deck canvas not blank). Bytes are the sum of websocket frames the page received. Returns
    {"visits": {label: {seconds, script_s (until the script finished), bytes, error}}, warm_s
    (the server's warm-up run, None without one), rss_mb, peak_mb} with the server's memory after
    the visits."""
    from incidents.serving.browser import (
        EXCEPTION_SELECTOR,
        chromium,
        new_context,
        streamlit_server,
        wait_for_charts,
        wait_until_idle,
    )

    result: dict = {"visits": {}}
    with streamlit_server(data_dir, script=script, env=env, timeout=180) as server, chromium() as browser:
        result["warm_s"] = server.warm_s
        warm = new_context(browser)  # start chromium's GPU/WebGL machinery outside the timings
        warm.new_page().set_content("<canvas id=c></canvas><script>c.getContext('webgl')</script>")
        warm.close()
        for label, path, plots, maps, images in visits:
            context = new_context(browser)
            page = context.new_page()
            received = {"bytes": 0}

            def on_ws(ws, received=received):
                ws.on("framereceived", lambda payload, received=received: received.__setitem__(
                    "bytes", received["bytes"] + len(payload)))

            page.on("websocket", on_ws)
            error = ""
            script_s = None
            t0 = time.perf_counter()
            try:
                page.goto(server.url(path), wait_until="commit", timeout=timeout * 1000)
                wait_until_idle(page, timeout, after=0)
                script_s = time.perf_counter() - t0
                problems = page.locator(EXCEPTION_SELECTOR)
                if problems.count():
                    text = problems.first.inner_text()[:300]
                    error = "fails: message too large" if SIZE_ERROR in text else f"fails: {text.splitlines()[0]}"
                else:
                    wait_for_charts(page, timeout, plots=plots, maps=maps, images=images)
            except Exception as exc:  # noqa: BLE001 - a timeout is a figure too
                error = f"fails: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
            seconds = time.perf_counter() - t0
            result["visits"][label] = {"seconds": round(seconds, 3), "bytes": received["bytes"], "error": error,
                                      "script_s": None if script_s is None else round(script_s, 3)}
            context.close()
        result.update(process_memory(server.process.pid))
    return result
