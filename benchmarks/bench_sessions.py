"""25 analysts at once: concurrent sessions that open the overview and change a filter.

Usage: ``python benchmarks/bench_sessions.py [--sessions 25] [--data DIR]``

Starts the dashboard as ``make run`` does (``python -m incidents serve``, warm-up included), then
opens N fresh browser contexts in one headless Debian chromium (Playwright's async API), all at
once. Each session opens ``/?governorates=G`` (its own governorate, round robin over the focus
four), waits until the page is drawn, then types its own minimum-fatalities value into the sidebar
and waits for the rerun. Checked per session: the count shown equals the store's count for that
session's own filters, and its URL carries its own filters (no session sees another's).

Prints: sessions that succeeded; load and filter-change times (median, worst); the server's
memory (resident set of the server and its children) before and after; and the share of CPU time
spent by the server against the browser during the run (on this 2-core machine they compete, so a
session's wall time is both).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from incidents.bench.measure import descendants as tree  # noqa: E402
from incidents.bench.measure import process_memory  # noqa: E402
from incidents.filters import Filters  # noqa: E402
from incidents.schema import FOCUS_GOVERNORATES  # noqa: E402
from incidents.serving import browser as helpers  # noqa: E402
from incidents.serving.server import streamlit_server  # noqa: E402

MIN_FATALITIES = ".st-key-_f_min_fatalities input"
METRIC_JS = """() => {
  for (const m of document.querySelectorAll("[data-testid='stMetric']")) {
    const label = m.querySelector("[data-testid='stMetricLabel']");
    if (label && label.innerText.trim() === 'Incidents')
      return m.querySelector("[data-testid='stMetricValue']").innerText.replace(/,/g, '');
  }
  return null;
}"""


def cpu_s(pids: list[int]) -> float:
    """User plus system CPU seconds of ``pids`` (their own, not their reaped children's)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return total / tick


async def wait_idle(page, after: int = -1) -> None:
    """Async twin of ``incidents.serving.browser.wait_until_idle``."""
    await page.wait_for_function(helpers._IDLE_JS, arg=[after, helpers.SKELETON_SELECTOR], timeout=600_000)


async def session(browser, base: str, governorate: str, threshold: int) -> dict:
    """One analyst: open the overview for ``governorate``, set minimum fatalities to ``threshold``."""
    context = await browser.new_context(viewport={"width": 1366, "height": 768}, timezone_id="UTC")
    await context.add_init_script(helpers._RUN_COUNTER_JS)
    try:
        page = await context.new_page()
        t0 = time.perf_counter()
        await page.goto(f"{base}/?governorates={governorate}", wait_until="domcontentloaded", timeout=600_000)
        await wait_idle(page)
        loaded = time.perf_counter() - t0
        runs = int(await page.evaluate("window.__iimRuns || 0"))
        t1 = time.perf_counter()
        box = page.locator(MIN_FATALITIES)
        await box.fill(str(threshold))
        await box.press("Enter")
        await wait_idle(page, runs)
        changed = time.perf_counter() - t1
        shown = await page.evaluate(METRIC_JS)
        query = parse_qs(urlsplit(page.url).query)
        return {"governorate": governorate, "threshold": threshold, "load_s": loaded, "change_s": changed,
                "shown": None if shown is None else int(shown), "query": query}
    except Exception as exc:  # noqa: BLE001 - a failed session is a figure, not the end of the run
        return {"governorate": governorate, "threshold": threshold, "error": f"{type(exc).__name__}: {exc}"}
    finally:
        await context.close()


def judge(result: dict, store) -> str:
    """"" when the session saw its own view (the count ``store`` gives for its own filters, and its
    own filters in its URL); else what was wrong."""
    if "error" in result:
        return result["error"]
    want = int(store.run("count", Filters(governorates=(result["governorate"],), min_fatalities=result["threshold"])))
    if result["shown"] != want:
        return f"showed {result['shown']} incidents, its filters give {want}"
    q = result["query"]
    if q.get("min_fatalities") != [str(result["threshold"])] or q.get("governorates") != [result["governorate"]]:
        return f"its URL holds another view: {q}"
    return ""


class CpuMeter:
    """CPU seconds used by processes while it samples: every process seen below ``root``, apart
    from those below ``exclude`` (the server) and ``root`` itself; processes that start and end
    between two samples are missed (samples every 0.2 s)."""

    def __init__(self, root: int, exclude: int) -> None:
        self.root, self.exclude = root, exclude
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}

    def sample(self) -> None:
        skip = set(tree(self.exclude)) | {self.root}
        initial = not self.last  # processes there at the start count from what they had used then
        for pid in tree(self.root):
            if pid not in skip:
                used = cpu_s([pid])
                self.first.setdefault(pid, used if initial else 0.0)
                self.last[pid] = used

    def seconds(self) -> float:
        return sum(self.last[p] - self.first[p] for p in self.last)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            self.sample()
            await asyncio.sleep(0.2)


async def run_sessions(base: str, n: int, server_pid: int) -> tuple[list[dict], float, float]:
    """All sessions at once in one chromium; returns (results, browser CPU s, wall s)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(helpers.CHROMIUM_PATH), headless=True,
                                           args=list(helpers.CHROMIUM_ARGS))
        meter, stop = CpuMeter(os.getpid(), server_pid), asyncio.Event()
        meter.sample()
        sampler = asyncio.create_task(meter.run(stop))
        t0 = time.perf_counter()
        jobs = [session(browser, base, FOCUS_GOVERNORATES[i % 4], 1 + i % 3) for i in range(n)]
        results = await asyncio.gather(*jobs)
        wall = time.perf_counter() - t0
        stop.set()
        await sampler
        await browser.close()
    return results, meter.seconds(), wall


def measure(sessions: int = 25, data: Path | None = None) -> dict:
    """Start the dashboard on ``data`` (None: the shipped data), run ``sessions`` sessions at once
    and judge each. Out: {"sessions", "ok", "wall_s", "load_s": [...], "change_s": [...],
    "mem_before_mb", "mem_after_mb", "server_cpu_s", "browser_cpu_s", "failed": [(governorate,
    threshold, why), ...]}."""
    with streamlit_server(data, timeout=300) as server:
        mem0, cpu0 = process_memory(server.process.pid)["rss_mb"], cpu_s(tree(server.process.pid))
        results, browser_cpu, wall = asyncio.run(run_sessions(server.base, sessions, server.process.pid))
        mem1 = process_memory(server.process.pid)["rss_mb"]
        server_cpu = cpu_s(tree(server.process.pid)) - cpu0
    from incidents.store.store import Store

    store = Store.open(data)  # None: the shipped data, as the server read it
    bad = [(r["governorate"], r["threshold"], why) for r in results if (why := judge(r, store))]
    return {"sessions": sessions, "ok": sessions - len(bad), "wall_s": wall,
            "load_s": [r["load_s"] for r in results if "load_s" in r],
            "change_s": [r["change_s"] for r in results if "change_s" in r],
            "mem_before_mb": mem0, "mem_after_mb": mem1, "server_cpu_s": server_cpu, "browser_cpu_s": browser_cpu,
            "failed": bad}


def lines(m: dict) -> list[str]:
    """The figures of ``measure``'s result as printed lines."""
    out = [f"sessions: {m['ok']} of {m['sessions']} saw their own view ({m['wall_s']:.1f} s for all)"]
    if m["load_s"]:
        out.append(f"open overview: median {statistics.median(m['load_s']):.2f} s, worst {max(m['load_s']):.2f} s")
    if m["change_s"]:
        out.append(f"change a filter: median {statistics.median(m['change_s']):.2f} s, "
                   f"worst {max(m['change_s']):.2f} s")
    out.append(f"server memory: {m['mem_before_mb']:.0f} MB before, {m['mem_after_mb']:.0f} MB after")
    total = m["server_cpu_s"] + m["browser_cpu_s"]
    if total:
        out.append(f"CPU: server {m['server_cpu_s']:.1f} s ({100 * m['server_cpu_s'] / total:.0f}%), "
                   f"browser {m['browser_cpu_s']:.1f} s ({100 * m['browser_cpu_s'] / total:.0f}%)")
    out.extend(f"  failed: {g} min_fatalities={t}: {why}" for g, t, why in m["failed"][:10])
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; exit 1 when a session failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: the shipped data/)")
    args = parser.parse_args(argv)
    m = measure(args.sessions, args.data)
    print("\n".join(lines(m)))
    return 1 if m["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
