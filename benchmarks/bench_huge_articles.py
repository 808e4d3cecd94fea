"""Benchmark: time and peak memory of ``extract`` on absurd articles (issue #16, part 5).

Each case is a real seed sentence that tells an event ("Earlier, spokesman ... in Kirkuk.") repeated into
one paragraph of the given size, or a run of the seeds' glued words without a space, written to a
temporary folder and extracted by the real command (``python -m incidents extract``) in a process of its
own, whose wall time and peak resident memory (``wait4``) are printed. Cases:

- ``read whole``: the size limits raised so the whole paragraph is read (the extractor itself: time
  should grow about linearly with the size);
- ``runs only``: article and paragraph limits raised, the run limit left at its default (the run is
  left out of extraction, never fed to the glued-word splitter);
- ``defaults``: the default limits (the article cut at a sentence end, the paragraph read up to one,
  the run left out), as a user meets them.

Run: ``.venv/bin/python benchmarks/bench_huge_articles.py [--sizes 100000,200000,500000,1000000]``.
Prints figures; asserts nothing. Each process spends about 5 s starting (imports, gazetteer, word
list) whatever the article. Takes about two minutes on two cores.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_a60904ff0cbe9688.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
HEADLINE = SEED_TEXT.splitlines()[0]
EVENT = next(ln for ln in SEED_TEXT.splitlines() if ln.startswith("Earlier, spokesman")) + " "
GLUED = "heightenedsecurity"
RAISED = ("--max-article-chars", "3000000", "--max-paragraph-chars", "999999")   # spaCy's limit: 1,000,000


def sentence_article(size: int) -> str:
    """The headline, then the event sentence repeated into one paragraph of ``size`` characters."""
    return f"{HEADLINE}\n\n{(EVENT * (size // len(EVENT) + 1))[:size].rstrip()}\n"


def letters_article(size: int) -> str:
    """The headline, the event sentence, then ``size`` letters without a space."""
    return f"{HEADLINE}\n\n{EVENT}\n\n{(GLUED * (size // len(GLUED) + 1))[:size]}\n"


def run_extract(text: str, options: tuple[str, ...]) -> tuple[float, int, str, str]:
    """Extract ``text`` (one file) in a fresh process: (seconds, peak RSS in MB, summary line, problems)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        (folder / "big.txt").write_text(text, encoding="utf-8")
        out_path, err_path = Path(tmp) / "stdout", Path(tmp) / "stderr"
        with out_path.open("w") as out, err_path.open("w") as err:
            start = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "incidents", "extract", str(folder), "--out",
                                     str(Path(tmp) / "out"), *options], cwd=ROOT, stdout=out, stderr=err)
            _, _, usage = os.wait4(proc.pid, 0)   # this child's own peak, not the maximum over all children
            seconds = time.perf_counter() - start
        summary = out_path.read_text().strip().split(" -> ")[0]
        lines = err_path.read_text().splitlines()
    problems = "; ".join(line.split(": ", 1)[1][:100] for line in lines if ": " in line) or "no problem"
    return seconds, usage.ru_maxrss // 1024, summary, problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,200000,500000,1000000",
                        help="sizes of the repeated-sentence article, comma-separated")
    parser.add_argument("--letters", type=int, default=2_000_000, help="letters without a space")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    cases = [(f"sentence x{size:,} chars", "read whole", sentence_article(size), RAISED) for size in sizes]
    cases += [(f"sentence x{sizes[-1]:,} chars", "defaults", sentence_article(sizes[-1]), ())]
    cases += [(f"{args.letters:,} letters, no space", "runs only", letters_article(args.letters),
               ("--max-article-chars", "3000000", "--max-paragraph-chars", "3000000"))]
    cases += [(f"{args.letters:,} letters, no space", "defaults", letters_article(args.letters), ())]
    print(f"{'case':<30} {'limits':<11} {'seconds':>8} {'peak MB':>8}  result / problems")
    for name, limits, text, options in cases:
        seconds, peak, summary, problems = run_extract(text, options)
        print(f"{name:<30} {limits:<11} {seconds:8.1f} {peak:8d}  {summary}; {problems}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
