"""Extract one part of the real corpus and measure it against its gold.

usage: python scripts/eval_real.py dev|heldout|PART [--gold FILE] [--summary] [--keep DIR]

In: the real articles in tests/fixtures/real/incoming/ with their index files (index_*.csv), split
into parts by scripts/split_real_corpus.py, and the gold of the part (gold/real_dev_gold.csv or
gold/real_heldout_gold.csv). Another PART (an index's own `part` value, e.g. a new batch measured once
before it becomes development material) needs ``--gold``.
Out: the evaluate report on stdout. The part's texts are copied to a scratch folder, their index
rows become one metadata sidecar (file, url, outlet, published, title), and `python -m incidents
extract` runs on them exactly as an analyst would run it. ``--summary`` prints the figures only
(no quotes, no lists): use it for the held-out part, whose gold the rules must not be tuned on.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INCOMING = ROOT / "tests" / "fixtures" / "real" / "incoming"
SIDECAR_COLUMNS = ("file", "url", "outlet", "published", "title")
GOLD = {"dev": ROOT / "gold" / "real_dev_gold.csv", "heldout": ROOT / "gold" / "real_heldout_gold.csv"}

sys.path.insert(0, str(Path(__file__).resolve().parent))
from split_real_corpus import split  # noqa: E402


def index_rows() -> list[dict]:
    """Every row of every index file in the incoming folder, in file order."""
    rows: list[dict] = []
    for path in sorted(INCOMING.glob("index_*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    return rows


def stage_part(part: str, folder: Path) -> Path:
    """Copy the texts of ``part`` into ``folder`` and write their sidecar; returns the sidecar's path."""
    parts = split([str(p) for p in sorted(INCOMING.glob("index_*.csv"))])
    texts = folder / "texts"
    texts.mkdir(parents=True)
    sidecar = folder / "metadata.csv"
    with open(sidecar, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=SIDECAR_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in index_rows():
            if parts.get(row["file"]) == part:
                shutil.copy2(INCOMING / row["file"], texts / row["file"])
                writer.writerow(row)
    return sidecar


def main(argv: list[str] | None = None) -> int:
    """Stage, extract, evaluate; the exit code of the first command that fails, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", help="dev, heldout, or another part named in an index's `part` column")
    parser.add_argument("--gold", type=Path, help="gold CSV (default: the part's file in gold/)")
    parser.add_argument("--summary", action="store_true", help="figures only, no quotes or lists")
    parser.add_argument("--keep", type=Path, help="keep the extracted tables in this folder")
    args = parser.parse_args(argv)
    if args.gold is None and args.part not in GOLD:
        parser.error(f"part {args.part!r} has no default gold file: give --gold FILE")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sidecar = stage_part(args.part, work)
        out = args.keep or work / "out"
        python = sys.executable
        done = subprocess.run([python, "-m", "incidents", "extract", str(work / "texts"), "--out", str(out),
                               "--metadata", str(sidecar)], cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            sys.stderr.write(done.stdout + done.stderr)
            return done.returncode
        done = subprocess.run([python, "-m", "incidents", "evaluate", str(args.gold or GOLD[args.part]),
                               str(out / "incidents.csv")], cwd=ROOT, capture_output=True, text=True)
        report = done.stdout
        if args.summary:
            report = report.split("\nProvenance:")[0].split("\nMisses:")[0].split("\nFalse positives:")[0]
            report = report.split("\nWrong fields:")[0] + "\n"
        sys.stdout.write(report)
        sys.stderr.write(done.stderr)
        return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
