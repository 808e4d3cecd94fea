"""Build and extract (incidents/dataset/build.py, python -m incidents build|extract): determinism, provenance,
corrections, bad files. Runs the real pipeline on the real seeds."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from incidents import DEFAULT_DATA_DIR, ROOT, SEEDS_DIR
from incidents.dataset.build import Options, build, write_atomic
from incidents.dataset.ingest import epoch
from incidents.schema import ARTICLE_COLUMNS, INCIDENT_COLUMNS


def _read(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incidents", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def _committed_ingested_at() -> str:
    """The ingested_at of the shipped articles (one build brought them all in)."""
    (value,) = {r["ingested_at"] for r in _read(DEFAULT_DATA_DIR / "articles.csv")}
    return value


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("data")
    shutil.copy(DEFAULT_DATA_DIR / "corrections.csv", out / "corrections.csv")
    result = build(SEEDS_DIR, out, options=Options(now=_committed_ingested_at()))
    assert result.problems == [] and result.orphans == [] and result.correction_problems == []
    return out


@pytest.mark.parametrize("name", ["incidents.csv", "articles.csv"])
def test_committed_data_equals_a_fresh_build(fresh, name):
    assert (fresh / name).read_bytes() == (DEFAULT_DATA_DIR / name).read_bytes(), (
        f"data/{name} is stale: run `python -m incidents build` and commit it")


def test_rebuild_is_byte_identical_and_event_ids_stable(fresh, tmp_path):
    shutil.copy(DEFAULT_DATA_DIR / "corrections.csv", tmp_path / "corrections.csv")
    build(SEEDS_DIR, tmp_path, options=Options(now="2030-01-01T00:00:00Z"))
    first = {name: (tmp_path / name).read_bytes() for name in ("incidents.csv", "articles.csv")}
    build(SEEDS_DIR, tmp_path, options=Options(now="2031-06-01T00:00:00Z"))  # a later run keeps ingested_at
    for name in ("incidents.csv", "articles.csv"):
        assert (tmp_path / name).read_bytes() == first[name]
    assert {r["ingested_at"] for r in _read(tmp_path / "articles.csv")} == {"2030-01-01T00:00:00Z"}
    assert {r["timestamp"] for r in _read(tmp_path / "incidents.csv")} == {str(epoch("2030-01-01T00:00:00Z"))}
    fresh_rows = _read(fresh / "incidents.csv")
    assert [{k: v for k, v in r.items() if k != "timestamp"} for r in _read(tmp_path / "incidents.csv")] == [
        {k: v for k, v in r.items() if k != "timestamp"} for r in fresh_rows]
    ids = [r["event_id"] for r in _read(tmp_path / "incidents.csv")]
    assert len(ids) == len(set(ids)) and all(i.startswith("IIM") and len(i) == 15 for i in ids)


def test_tables_have_the_contract_columns_and_true_provenance(fresh):
    text = (fresh / "incidents.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",") == list(INCIDENT_COLUMNS)
    assert "\r" not in text
    articles = {r["article_id"]: r for r in _read(fresh / "articles.csv")}
    assert list(_read(fresh / "articles.csv")[0]) == list(ARTICLE_COLUMNS)
    rows = _read(fresh / "incidents.csv")
    assert rows
    for r in rows:
        art = articles[r["article_id"]]
        assert art["text"][int(r["span_start"]):int(r["span_end"])] == r["quote"]
        for aid in r["source_articles"].split("; "):
            assert aid in articles
        first = min(epoch(articles[a]["ingested_at"]) for a in r["source_articles"].split("; "))
        assert r["timestamp"] == str(first) and r["dataset"] == "extracted"
        if r["latitude"]:
            assert len(r["latitude"].split(".")[1]) == 5
    for a in articles.values():
        assert isinstance(json.loads(a["chrome_spans"]), list)
        assert a["record"] == a["file"] and a["ingested_at"] == _committed_ingested_at()


def test_build_applies_corrections_and_reports_orphans(fresh, tmp_path):
    first = _read(fresh / "incidents.csv")[0]
    data = tmp_path / "data"
    data.mkdir()
    (data / "corrections.csv").write_text(
        "event_id,action,field,value,analyst,date,reason\n"
        f"{first['event_id']},override,fatalities,7,tester,2025-01-02,a later report gives 7\n"
        "IIM000000000000,reject,,,tester,2025-01-02,row of an older extraction\n"
        f"{first['event_id']},override,colour,red,tester,2025-01-02,bad field\n", encoding="utf-8")
    done = _cli("build", "--seeds", str(SEEDS_DIR), "--data", str(data))
    assert done.returncode == 0, done.stderr
    assert "orphan" in done.stdout and "1 bad correction row" in done.stdout
    assert f"{data / 'corrections.csv'}:3:1:" in done.stderr and "IIM000000000000" in done.stderr
    assert f"{data / 'corrections.csv'}:4:3: unknown field 'colour'" in done.stderr
    rows = {r["event_id"]: r for r in _read(data / "incidents.csv")}
    fixed = rows[first["event_id"]]
    assert fixed["fatalities"] == "7" and fixed["method"].endswith("+analyst")
    assert "7 killed" in fixed["notes"]


def test_extract_command_reads_folders_and_skips_unreadable_files(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEEDS_DIR / "002_4cb9e7caf88987d8.txt", src / "good.txt")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02garbage\xff\xfe")
    out = tmp_path / "out"
    done = _cli("extract", str(src), str(tmp_path / "missing.txt"), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "binary.txt" in done.stderr and "missing.txt" in done.stderr
    assert done.stdout.count("\n") == 1 and "1 articles" in done.stdout
    rows = _read(out / "incidents.csv")
    assert len(rows) >= 4 and {r["admin1"] for r in rows} >= {"Nineveh", "Baghdad", "Salah ad-Din"}
    assert [r["file"] for r in _read(out / "articles.csv")] == ["good.txt"]


def test_write_atomic_never_leaves_half_a_file(tmp_path):
    target = tmp_path / "incidents.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(target, None)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["incidents.csv"]


def test_a_file_name_with_a_newline_or_escape_cannot_forge_an_output_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x\n0 problems, all good\x1b[2J.txt").write_bytes(b"")  # an empty file: one problem
    shutil.copy(SEEDS_DIR / sorted(p.name for p in SEEDS_DIR.glob("*.txt"))[0], folder / "real.txt")
    done = _cli("extract", str(folder), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "\\n0 problems, all good\\x1b[2J.txt" in lines[0] and "empty file" in lines[0]
    assert "\x1b" not in done.stderr + done.stdout
