"""Benchmark: ``python -m incidents add`` of N seed-sized synthetic articles into a folder of M incidents.

Makes the folder with ``incidents.dataset.synth`` (M incidents, most of them ACLED-like, K of its
synthetic articles turned into extracted incidents), and N article files with
``synth.seed_sized_articles`` (the seeds with places, numbers, dates varied; fixed seed). Then runs
the real command as a subprocess for each ``--jobs`` value given, on a fresh copy of the folder,
and prints its wall time, CPU time and peak memory: the peak of the summed proportional set size
(PSS) of the command and its worker processes, sampled every 0.1 s (pages that forked workers share
are counted once), and the peak RSS of the main process. Asserts nothing: the targets (under 2
minutes, under 1 GB on a 2-core machine) are read off the figures.

Run: ``.venv/bin/python benchmarks/bench_add.py [--articles 10000] [--incidents 100000]
[--folder-articles 10000] [--jobs 1,2]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from incidents.dataset import synth  # noqa: E402


def _tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            kids = []
        todo.extend(int(k) for k in kids)
    return out


def _pss_kb(pid: int) -> int:
    """Summed PSS (kB) of ``pid``'s process tree (0 for processes gone meanwhile)."""
    total = 0
    for p in _tree(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def run_add(articles: Path, folder: Path, jobs: int) -> dict:
    """Run the command on ``folder``; wall s, CPU s (children), peak PSS MB, peak RSS MB, its summary."""
    cmd = [sys.executable, "-m", "incidents", "add", str(articles), "--data", str(folder), "--jobs", str(jobs),
           "--now", "2026-12-01T00:00:00Z"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _pss_kb(proc.pid))
        time.sleep(0.1)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "pss_mb": peak / 1024, "rss_mb": after.ru_maxrss / 1024,
            "code": proc.returncode, "summary": out.strip().splitlines()[-1] if out.strip() else err[-500:]}


def run_line(jobs: int, r: dict) -> str:
    """One add's figures (a ``run_add`` result) as one line: wall, CPU, peak PSS, exit code."""
    return (f"--jobs {jobs}: {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU, peak memory {r['pss_mb']:,.0f} MB, "
            f"exit {r['code']}")


def measure(articles: int = 10_000, incidents: int = 100_000, folder_articles: int = 10_000,
            jobs: tuple[int, ...] = (1, 2), say=print) -> dict:
    """Make the folder and the articles in a temporary folder (removed after), then time ``add``
    once per ``jobs`` value on a fresh copy; ``say`` gets each figure's line as it comes.

    Out: {"articles", "incidents", "extracted", "bytes_per_article", "made_s", "cpus",
    "runs": {jobs: run_add's dict}}.
    """
    work = Path(tempfile.mkdtemp(prefix="bench_add_"))
    out: dict = {"articles": articles, "incidents": incidents, "runs": {}, "cpus": os.cpu_count()}
    try:
        t0 = time.perf_counter()
        base = work / "folder"
        table, arts = synth.generate(incidents, n_articles=folder_articles)
        synth.write(base, table, arts)
        out["extracted"] = int((table["dataset"] == "extracted").sum())
        incoming = work / "incoming"
        paths = synth.seed_sized_articles(incoming, articles)
        out["bytes_per_article"] = sum(p.stat().st_size for p in paths) / max(1, len(paths))
        out["made_s"] = time.perf_counter() - t0
        say(f"folder: {len(table):,} incidents ({out['extracted']:,} extracted, from {len(arts):,} articles); "
            f"{len(paths):,} articles to add, {out['bytes_per_article']:,.0f} bytes each on average; made in "
            f"{out['made_s']:.1f} s; {out['cpus']} CPUs")
        for j in jobs:
            folder = work / f"jobs{j}"
            shutil.copytree(base, folder)
            r = out["runs"][j] = run_add(incoming, folder, j)
            say(f"add {run_line(j, r)} (PSS of all its processes; main process RSS {r['rss_mb']:,.0f} MB)")
            say(f"  {r['summary']}")
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000, help="articles to add (default 10,000)")
    ap.add_argument("--incidents", type=int, default=100_000, help="incidents in the folder (default 100,000)")
    ap.add_argument("--folder-articles", type=int, default=10_000,
                    help="synthetic articles of the folder whose incidents are extracted ones (default 10,000)")
    ap.add_argument("--jobs", default="1,2", help="comma list of --jobs values to time (default 1,2)")
    args = ap.parse_args(argv)
    measure(args.articles, args.incidents, args.folder_articles, tuple(int(j) for j in args.jobs.split(",")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
