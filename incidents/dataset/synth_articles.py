"""Synthetic article files of the seeds' size and kind, for benchmarks and tests of ``add``.

``seed_sized_articles(out_dir, n, seed)`` writes ``n`` text files ``art_00000.txt`` ... made from the
seed articles (seeds/) with their places, numbers, weekdays, months and years varied (fixed random
seed: the same call writes the same files). The incidents they tell are spread over the years and
the towns of the north the way the seeds' are spread inside one article, so dedupe has real work:
some incidents of two files are the same, most are not. Dates stay dates (a day of the month stays
1-28, written with as many digits as before).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from incidents import SEEDS_DIR

PLACES = ("Kirkuk", "Mosul", "Tikrit", "Baqubah", "Samarra", "Hawija", "Baiji", "Khanaqin", "Muqdadiyah",
          "Tuz Khurmatu", "Sinjar", "Tal Afar", "Daquq", "Jalawla", "Sharqat", "Rutba", "Fallujah", "Ramadi")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_PLACE = re.compile(r"\b(?:" + "|".join(map(re.escape, PLACES)) + r")\b")
_NUMBER = re.compile(r"\b\d{1,2}\b")
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r"|" + "|".join(m[:3] for m in MONTHS) + r")\b")
_YEAR = re.compile(r"\b(20[0-2]\d)\b")


def _seed_texts() -> list[str]:
    """The texts of the seed files, in name order."""
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))]


def _number(m: re.Match, rng: random.Random) -> str:
    value = rng.randint(1, 28)
    return f"{value:0{len(m.group())}d}" if len(m.group()) == 2 and m.group().startswith("0") else str(value)


def vary(text: str, rng: random.Random) -> str:
    """One variant of a seed text (module docstring)."""
    shift, turn = rng.randint(0, 6), rng.randint(0, 11)

    def month(m: re.Match) -> str:
        name = m.group(1)
        i = next(k for k, full in enumerate(MONTHS) if full.startswith(name))
        new = MONTHS[(i + turn) % 12]
        return new if len(name) > 3 else new[:3]

    text = _YEAR.sub(lambda m: str(int(m.group(1)) - shift), text)
    text = _MONTH.sub(month, text)
    text = _PLACE.sub(lambda m: rng.choice(PLACES), text)
    text = _NUMBER.sub(lambda m: _number(m, rng), text)
    return _WEEKDAY.sub(lambda m: rng.choice(WEEKDAYS), text)


def seed_sized_articles(out_dir: Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` synthetic article files into ``out_dir`` (created); returns their paths."""
    rng = random.Random(seed)
    texts = _seed_texts()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = out_dir / f"art_{i:05d}.txt"
        path.write_text(vary(texts[i % len(texts)], rng), encoding="utf-8")
        paths.append(path)
    return paths
