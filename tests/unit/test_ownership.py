"""Which command owns which rows (issue 16 point 1): build and extract rebuild only the rows they extract; the
ACLED rows of import-acled and the analyst corrections survive; what they would drop needs --force, which
says what it drops. Real commands on the real seeds and the tests' ACLED fixture."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

from incidents import DEFAULT_DATA_DIR, ROOT, SEEDS_DIR

ACLED = ROOT / "tests" / "fixtures" / "acled" / "current.csv"
NOW = "2026-03-01T00:00:00Z"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incidents", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def _rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _acled_lines(path: Path) -> list[str]:
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("IRQ")]


def _data_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("incidents.csv", "articles.csv", "corrections.csv"):
        shutil.copy(DEFAULT_DATA_DIR / name, data / name)
    return data


def test_imported_acled_rows_and_corrections_survive_a_build(tmp_path):
    data = _data_copy(tmp_path)
    done = _cli("import-acled", str(ACLED), "--data", str(data))
    assert done.returncode == 0, done.stderr
    imported = _acled_lines(data / "incidents.csv")
    assert len(imported) == 6
    done = _cli("build", "--data", str(data), "--now", NOW)
    assert done.returncode == 0, done.stderr
    assert "6 rows of other datasets kept" in done.stdout and "9 corrections applied" in done.stdout
    assert _acled_lines(data / "incidents.csv") == imported          # byte for byte, in their order
    extracted = [r for r in _rows(data / "incidents.csv") if r["dataset"] == "extracted"]
    shipped = _rows(DEFAULT_DATA_DIR / "incidents.csv")
    assert extracted == shipped                                        # corrections applied, ingested_at kept
    assert (data / "articles.csv").read_bytes() == (DEFAULT_DATA_DIR / "articles.csv").read_bytes()


def test_extract_into_a_folder_keeps_its_acled_rows_and_applies_its_corrections(tmp_path):
    data = _data_copy(tmp_path)
    assert _cli("import-acled", str(ACLED), "--data", str(data)).returncode == 0
    done = _cli("extract", str(SEEDS_DIR), "--out", str(data), "--now", NOW)
    assert done.returncode == 0, done.stderr
    assert len(_acled_lines(data / "incidents.csv")) == 6
    extracted = [r for r in _rows(data / "incidents.csv") if r["dataset"] == "extracted"]
    assert extracted == _rows(DEFAULT_DATA_DIR / "incidents.csv")
    assert any(r["method"].endswith("+analyst") for r in extracted)


def test_dropping_articles_no_file_gives_needs_force_and_says_what_it_drops(tmp_path):
    data = _data_copy(tmp_path)
    some = tmp_path / "some"
    some.mkdir()
    keep = sorted(SEEDS_DIR.glob("*.txt"))[:2]
    for p in keep:
        shutil.copy(p, some / p.name)
    before = {n: (data / n).read_bytes() for n in ("incidents.csv", "articles.csv")}
    refused = _cli("extract", str(some), "--out", str(data), "--now", NOW)
    assert refused.returncode == 1
    assert "nothing written" in refused.stdout and "--force" in refused.stdout
    assert "3 article(s)" in refused.stdout and "004_8f364ae46ed74aad.txt" in refused.stdout
    assert {n: (data / n).read_bytes() for n in before} == before     # nothing changed
    forced = _cli("extract", str(some), "--out", str(data), "--now", NOW, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "dropped 3 article(s)" in forced.stdout
    assert sorted({r["file"] for r in _rows(data / "articles.csv")}) == [p.name for p in keep]


def test_a_changed_seed_replaces_its_old_text_without_force(tmp_path):
    data = _data_copy(tmp_path)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    target = sorted(seeds.glob("*.txt"))[3]
    target.write_text(target.read_text(encoding="utf-8") + "\nAn added closing line.\n", encoding="utf-8")
    done = _cli("build", "--seeds", str(seeds), "--data", str(data), "--now", NOW)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 article(s) replaced" in done.stdout
    arts = _rows(data / "articles.csv")
    assert len(arts) == 6
    changed = [a for a in arts if a["file"] == target.name]
    assert changed[0]["ingested_at"] == NOW and changed[0]["text"].rstrip().endswith("An added closing line.")


def test_a_damaged_table_is_replaced_only_with_force(tmp_path):
    data = _data_copy(tmp_path)
    text = (data / "incidents.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    text[3] = text[3].rstrip("\n") + ",one field too many\n"
    (data / "incidents.csv").write_text("".join(text), encoding="utf-8")
    refused = _cli("build", "--data", str(data), "--now", NOW)
    assert refused.returncode == 1 and "incidents.csv:4:0: the record has 50 fields" in refused.stdout
    forced = _cli("build", "--data", str(data), "--now", NOW, "--force")
    assert forced.returncode == 0 and "dropped every row of" in forced.stdout
    assert (data / "incidents.csv").read_bytes() == (DEFAULT_DATA_DIR / "incidents.csv").read_bytes()
