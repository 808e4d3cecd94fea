"""The data folder written as one unit (incidents/dataset/folder.py): the switch, its recovery, readers
through the journal, and real commands killed with SIGKILL at random moments."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from incidents import ROOT, SEEDS_DIR
from incidents.dataset import folder as F
from incidents.store.load import fingerprint, snapshot
from incidents.store.store import Store

TABLES = ("incidents.csv", "articles.csv")


def _pair(d: Path) -> tuple[bytes, bytes]:
    """The tables as a reader sees them (through the journal)."""
    paths = F.table_paths(d)
    return tuple(paths[n].read_bytes() if paths[n].is_file() else b"" for n in TABLES)


def _plain(d: Path) -> tuple[bytes, bytes]:
    return tuple((d / n).read_bytes() if (d / n).is_file() else b"" for n in TABLES)


def _stray(d: Path) -> list[str]:
    return sorted(p.name for p in d.iterdir() if p.name.startswith("."))


def _cli(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "incidents", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})


def test_commit_switches_every_file_and_leaves_nothing_behind(tmp_path):
    (tmp_path / "incidents.csv").write_text("old i\n")
    (tmp_path / "problems.txt").write_text("old problems\n")
    with F.writing(tmp_path) as unit:
        unit.commit({"incidents.csv": "new i\n", "articles.csv": lambda p: p.write_text("new a\n"),
                     "problems.txt": None})
    assert _plain(tmp_path) == (b"new i\n", b"new a\n")
    assert not (tmp_path / "problems.txt").exists() and _stray(tmp_path) == []
    assert oct((tmp_path / "articles.csv").stat().st_mode & 0o777) == "0o644"


def test_a_failure_before_the_commit_point_keeps_the_old_files(tmp_path):
    (tmp_path / "incidents.csv").write_text("old i\n")

    def broken(path: Path) -> None:
        path.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError), F.writing(tmp_path) as unit:
        unit.commit({"incidents.csv": "new i\n", "articles.csv": broken})
    assert _plain(tmp_path) == (b"old i\n", b"") and _stray(tmp_path) == []


def test_a_committed_switch_is_seen_by_readers_and_carried_out_by_the_next_writer(tmp_path):
    """Killed after the commit point: the journal names the new files, readers take them, the store's
    cache key stays valid when the next writing command carries the switch out."""
    for name, text in (("incidents.csv", "old i\n"), ("articles.csv", "old a\n")):
        (tmp_path / name).write_text(text)
    shutil.copy(ROOT / "data" / "incidents.csv", tmp_path / ".incidents.csv.abc.tmp")
    shutil.copy(ROOT / "data" / "articles.csv", tmp_path / ".articles.csv.abc.tmp")
    (tmp_path / ".incidents.csv.dead.tmp").write_text("a killed command's half table")
    (tmp_path / F.JOURNAL).write_text('{"files": {"incidents.csv": ".incidents.csv.abc.tmp", '
                                      '"articles.csv": ".articles.csv.abc.tmp"}}')
    new = ((ROOT / "data" / "incidents.csv").read_bytes(), (ROOT / "data" / "articles.csv").read_bytes())
    assert _pair(tmp_path) == new and _plain(tmp_path) == (b"old i\n", b"old a\n")
    before = fingerprint(tmp_path)
    store = Store.open(tmp_path, cache=False)
    assert store.con.raw_sql("SELECT count(*) FROM incidents").fetchall()[0][0] == 16
    assert store.con.raw_sql("SELECT count(*) FROM load_problems").fetchall()[0][0] == 0
    with F.writing(tmp_path) as unit:
        assert any("finished the switch" in r for r in unit.recovered)
        assert any("removed 1 temporary file" in r for r in unit.recovered)
    assert _plain(tmp_path) == new and _stray(tmp_path) == [] and fingerprint(tmp_path) == before


def test_a_journal_that_never_became_whole_is_ignored(tmp_path):
    (tmp_path / "incidents.csv").write_text("old i\n")
    (tmp_path / ".incidents.csv.x.tmp").write_text("new i\n")
    (tmp_path / ".switch.json.x.tmp").write_text('{"files": {"incid')   # killed while writing the journal
    assert _pair(tmp_path)[0] == b"old i\n"
    with F.writing(tmp_path):
        pass
    assert _plain(tmp_path)[0] == b"old i\n" and _stray(tmp_path) == []


def test_the_store_reads_both_tables_of_one_switch(tmp_path, monkeypatch):
    """A writer switching the tables while the store reads them: the store reads them again."""
    shutil.copy(ROOT / "data" / "incidents.csv", tmp_path / "incidents.csv")
    (tmp_path / "articles.csv").write_text("article_id,text\n")
    from incidents.store import load

    real, calls = load.load_into, []

    def switching(con, data_dir, paths=None):
        calls.append(1)
        real(con, data_dir, paths)
        if len(calls) == 1:   # the first read saw the old articles: now the new unit comes in
            with F.writing(tmp_path) as unit:
                unit.commit({"articles.csv": (ROOT / "data" / "articles.csv").read_text(encoding="utf-8")})

    monkeypatch.setattr(load, "load_into", switching)
    store = Store.open(tmp_path, cache=False)
    assert len(calls) == 2
    assert store.con.raw_sql("SELECT count(*) FROM articles").fetchall()[0][0] == 6


def _kill_runs(args: list[str], folder: Path, old: tuple, new: tuple, runs: int, seconds: float, env=None) -> set:
    """Start ``args`` on copies of ``folder`` and SIGKILL each at a random moment of ``seconds``; check
    what readers see after each kill and after the next writer's start. Returns the states met."""
    rng = random.Random(12)
    met = set()
    for run in range(runs):
        d = folder.parent / f"kill{run}"
        shutil.copytree(folder, d)
        proc = _cli(*[a.replace("{DIR}", str(d)) for a in args], env=env)
        time.sleep(rng.uniform(0.25, 1.05) * seconds)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        seen = _pair(d)
        assert seen in (old, new), f"run {run}: a mix of old and new tables"
        with F.writing(d):   # what every writing command does first
            pass
        assert _plain(d) == seen and _stray(d) == [], f"run {run}: {_stray(d)}"
        met.add("new" if seen == new else "old")
    return met


def _timed(args: list[str], d: Path, env=None) -> float:
    t0 = time.perf_counter()
    assert _cli(*[a.replace("{DIR}", str(d)) for a in args], env=env).wait() == 0
    return time.perf_counter() - t0


def test_a_build_killed_at_random_moments_leaves_the_old_or_the_new_tables(tmp_path):
    seeds = tmp_path / "some"
    seeds.mkdir()
    for p in sorted(SEEDS_DIR.glob("*.txt"))[:2]:
        shutil.copy(p, seeds / p.name)
    base = tmp_path / "base"
    env = {"INCIDENTS_NOW": "2026-01-01T00:00:00Z"}
    assert _timed(["build", "--seeds", str(seeds), "--data", "{DIR}"], base, env) > 0
    old = _plain(base)
    full = tmp_path / "full"
    shutil.copytree(base, full)
    seconds = _timed(["build", "--data", "{DIR}", "--now", "2026-02-01T00:00:00Z"], full)
    new = _plain(full)
    assert new != old
    met = _kill_runs(["build", "--data", "{DIR}", "--now", "2026-02-01T00:00:00Z"], base, old, new, 5, seconds)
    assert "old" in met


def test_big_tables_killed_while_they_are_written_leave_no_mix_and_no_temporary_file(tmp_path):
    """``synth`` writes two big tables (tens of MB): most kills land inside the writing."""
    base = tmp_path / "base"
    assert _timed(["synth", "2000", "--out", "{DIR}"], base) > 0
    old = _plain(base)
    big = tmp_path / "big"
    seconds = _timed(["synth", "150000", "--out", "{DIR}", "--articles", "3000"], big)
    new = _plain(big)
    _kill_runs(["synth", "150000", "--out", "{DIR}", "--articles", "3000"], base, old, new, 4, seconds)


def test_snapshot_names_the_files_the_store_reads(tmp_path):
    shutil.copy(ROOT / "data" / "incidents.csv", tmp_path / "incidents.csv")
    fp, paths = snapshot(tmp_path)
    assert paths["incidents.csv"] == tmp_path.resolve() / "incidents.csv" and fp[2][1] == -1
