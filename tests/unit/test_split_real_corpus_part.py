"""scripts/split_real_corpus.split: a row's own `part` column decides its part; rows without one keep
the hash split. Runs on the real index files in tests/fixtures/real/incoming/."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INCOMING = ROOT / "tests" / "fixtures" / "real" / "incoming"
sys.path.insert(0, str(ROOT / "scripts"))

from split_real_corpus import split  # noqa: E402


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_fresh_rows_land_in_the_part_their_index_names() -> None:
    fresh = INCOMING / "index_fresh.csv"
    parts = split([str(p) for p in sorted(INCOMING.glob("index_*.csv"))])
    rows = _rows(fresh)
    assert rows, "index_fresh.csv has no rows"
    for row in rows:
        assert row["part"] == "dev"
        assert parts[row["file"]] == "dev", row["file"]


def test_part_column_overrides_the_hash(tmp_path: Path) -> None:
    rows = _rows(INCOMING / "index_fresh.csv")
    plain = tmp_path / "index_plain.csv"
    with open(plain, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=[c for c in rows[0] if c != "part"], extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    hashed = split([str(plain)])
    assert set(hashed.values()) == {"dev", "heldout"}, "the fresh urls should hash into both parts"
    flipped = tmp_path / "index_flipped.csv"
    with open(flipped, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "part": "dev" if hashed[row["file"]] == "heldout" else "heldout"})
    forced = split([str(flipped)])
    assert all(forced[f] != hashed[f] for f in hashed)


def test_rows_without_part_keep_the_hash_split() -> None:
    old = [str(INCOMING / "index_intl.csv"), str(INCOMING / "index_iraqi.csv")]
    alone = split(old)
    together = split(old + [str(INCOMING / "index_fresh.csv")])
    assert all(together[f] == p for f, p in alone.items())
    assert sorted(alone.values()).count("heldout") == 31 and len(alone) == 64
