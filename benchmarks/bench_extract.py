"""Benchmark: extraction speed on 1,000 seed-sized articles, one core.

Makes 1,000 articles from the seed articles with numbers, places and weekdays varied (fixed random
seed, so every run extracts the same text), loads them with the real corpus loader, then times
the pipeline (sentences, triggers, places, dates, counts, actors, dedupe) and prints articles per
second. Run: ``.venv/bin/python benchmarks/bench_extract.py [N]``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from incidents import SEEDS_DIR  # noqa: E402
from incidents.corpus.articles import load_corpus, load_text  # noqa: E402
from incidents.dataset.build import extract_rows  # noqa: E402
from incidents.places.geo import load_gazetteer  # noqa: E402

PLACES = ("Kirkuk", "Mosul", "Tikrit", "Baqubah", "Samarra", "Hawija", "Baiji", "Khanaqin", "Muqdadiyah",
          "Tuz Khurmatu", "Sinjar", "Tal Afar", "Daquq", "Jalawla", "Sharqat", "Rutba", "Fallujah", "Ramadi")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_PLACE = re.compile(r"\b(?:" + "|".join(map(re.escape, PLACES)) + r")\b")
_NUMBER = re.compile(r"\b\d{1,3}\b")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")


def make_articles(n: int, seed: int = 7) -> list:
    """``n`` articles made from the seeds with numbers, places and weekdays varied (deterministic)."""
    rng = random.Random(seed)
    seeds, _ = load_corpus([SEEDS_DIR])
    texts = [a.text for a in sorted(seeds, key=lambda a: (a.file, a.part))]
    out = []
    for i in range(n):
        text = texts[i % len(texts)]
        text = _PLACE.sub(lambda m: rng.choice(PLACES), text)
        text = _NUMBER.sub(lambda m: str(rng.randint(1, 60)), text)
        text = _WEEKDAY.sub(lambda m: rng.choice(WEEKDAYS), text)
        arts, _ = load_text(text, f"bench_{i:04d}.txt")
        out.extend(arts[:1])
    return out


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1000
    t0 = time.perf_counter()
    articles = make_articles(n)
    gazetteer = load_gazetteer()
    extract_rows(articles[:5], gazetteer)  # warm-up: spaCy, gazetteer, regex caches
    t1, c1 = time.perf_counter(), time.process_time()
    rows = extract_rows(articles, gazetteer)
    t2, c2 = time.perf_counter(), time.process_time()
    chars = sum(len(a.text) for a in articles)
    print(f"made {len(articles)} articles ({chars / len(articles):,.0f} chars each on average) in {t1 - t0:.1f} s")
    print(f"extracted {len(rows)} incidents from {len(articles)} articles in {t2 - t1:.2f} s: "
          f"{len(articles) / (t2 - t1):,.0f} articles/second ({chars / (t2 - t1) / 1e6:.2f} M chars/s, one core)")
    print(f"CPU time {c2 - c1:.2f} s: {len(articles) / (c2 - c1):,.0f} articles per CPU-second "
          "(differs from wall time when the machine is shared)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
