"""Benchmark: ``python -m incidents import-acled`` of a large synthetic ACLED export.

Makes an export of N rows (default 1,000,000; ``incidents.dataset.synth_acled``, fixed seed, so
every run imports the same bytes; about 3 % of its rows are undated and reported), copies the
project's data/incidents.csv into a temporary data folder, then runs the import as a subprocess
twice: the first import (every row added) and the same file again (every row unchanged, nothing
written). For each run it prints the wall time, the child's CPU time (user + system: on a shared
machine the wall time depends on what else runs, the CPU time less) and its peak resident memory
(``ru_maxrss`` of that child, from ``os.wait4``), the exit code and the sha256 of the incidents.csv
written, so two versions of the importer can be compared byte for byte. The targets (issue 15):
peak under 1 GB, under 20 s.

The export is made in a child process of its own: Linux counts in a child's ``ru_maxrss`` the
memory it had as a fork of this process before it ran the import (a benchmark that had built a 1M-row
frame itself reported 1.6 GB for an import that peaks at 650 MB), so this process stays small.

Run: ``.venv/bin/python benchmarks/bench_import_acled.py [N] [--keep DIR]``. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent



def make_export(path: Path, rows: int, seed: int) -> None:
    """Write the synthetic export of ``rows`` rows (``seed``) to ``path``, in a child process."""
    code = ("import sys; from pathlib import Path; from incidents.dataset.synth_acled import write_acled_export; "
            "write_acled_export(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))")
    subprocess.run([sys.executable, "-c", code, str(path), str(rows), str(seed)], cwd=ROOT, check=True)


def run_import(export: Path, data: Path) -> dict:
    """Run ``python -m incidents import-acled export --data data`` as a child process.

    Out: wall seconds, the child's CPU seconds and peak RSS in MB, its exit code, its last line of
    standard output, the sha256 of data/incidents.csv afterwards.
    """
    cmd = [sys.executable, "-m", "incidents", "import-acled", str(export), "--data", str(data)]
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
        err_lines = err.read().decode("utf-8", "replace").count("\n")
    digest = hashlib.sha256((data / "incidents.csv").read_bytes()).hexdigest()
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024, "rc": child.returncode,
            "summary": lines[-1] if lines else "", "stderr_lines": err_lines, "sha256": digest}


def run_line(label: str, r: dict) -> str:
    """One import's figures (a ``run_import`` result) as one line: wall, CPU, peak RSS, exit code."""
    return f"{label}: {r['wall_s']:.1f} s ({r['cpu_s']:.1f} s CPU), peak RSS {r['peak_mb']:,.0f} MB, exit {r['rc']}"


def measure(rows: int, seed: int = 7, keep: Path | None = None, say=print) -> dict:
    """Make the export of ``rows`` rows (in ``keep``, else a temporary folder removed after), import
    it into a copy of data/incidents.csv, then again; ``say`` gets each figure's line as it comes.

    Out: {"rows", "export_mb", "export_s", "runs": {"first import": run_import's dict,
    "same file again": ...}, "largest_peak_mb"}.
    """
    work = keep or Path(tempfile.mkdtemp(prefix="bench_acled_"))
    work.mkdir(parents=True, exist_ok=True)
    out: dict = {"rows": rows, "runs": {}}
    try:
        export = work / f"acled_{rows}_{seed}.csv"
        t0 = time.perf_counter()
        if not export.is_file():
            make_export(export, rows, seed)
        out["export_s"], out["export_mb"] = time.perf_counter() - t0, export.stat().st_size / 2**20
        say(f"export: {export} ({rows:,} rows, {out['export_mb']:.0f} MB), ready in {out['export_s']:.1f} s")
        data = work / "data"
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir()
        shutil.copy(ROOT / "data" / "incidents.csv", data / "incidents.csv")
        for label in ("first import", "same file again"):
            r = out["runs"][label] = run_import(export, data)
            say(f"{run_line(label, r)}, {r['stderr_lines']:,} lines on stderr; {r['summary']}; "
                f"incidents.csv sha256 {r['sha256'][:16]}")
        out["largest_peak_mb"] = max(r["peak_mb"] for r in out["runs"].values())
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    measure(args.rows, args.seed, args.keep)
    total = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"largest child peak RSS (getrusage RUSAGE_CHILDREN): {total:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
