"""Split the incoming real articles into a development and a held-out part, before anyone annotates or tunes.

usage: python scripts/split_real_corpus.py INDEX.csv [INDEX.csv ...]
Prints one line per article: `dev|heldout<TAB>file`. Units are single articles or the articles of one
pair (kept together, so a same-incident pair is judged within one part); a unit is held out when the
SHA-256 of its first url falls in the lowest 40% (deterministic, not chosen by reading the texts).
A row with a non-empty `part` column (e.g. index_fresh.csv, collected as development material) is
assigned that part instead of the hash's.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections import defaultdict


def split(index_paths: list[str], heldout_share: float = 0.4) -> dict[str, str]:
    """file -> "dev" | "heldout" for every row of the index files (a row's own `part`, when given, wins)."""
    units: dict[str, list[dict]] = defaultdict(list)
    for path in index_paths:
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = f"{path}:{row['pair']}" if row.get("pair") else row["url"]
                units[key].append(row)
    out: dict[str, str] = {}
    for rows in units.values():
        digest = hashlib.sha256(rows[0]["url"].encode("utf-8")).digest()
        part = "heldout" if int.from_bytes(digest[:8], "big") / 2**64 < heldout_share else "dev"
        for row in rows:
            out[row["file"]] = (row.get("part") or "").strip() or part
    return out


if __name__ == "__main__":
    for file, part in sorted(split(sys.argv[1:]).items()):
        print(f"{part}\t{file}")
