"""``extract``, ``build`` and ``add`` read files the way ``corpus`` does: ``--encoding`` works where the decoding
hint names it, and file and folder names are printed escaped, so a name cannot forge a line of output
(issue #16, part 8). Real files on disk, the real command in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-12-01T00:00:00Z"   # ingested_at of the articles, so two runs write the same tables
# a real article whose curly quotes make it a different file in Windows-1252
ARTICLE = ROOT / "tests" / "fixtures" / "real" / "incoming" / "q002_rudaw_kirkuk_dibis_soldiers_killed.txt"
FORGED = "6 articles, 16 incidents -> data; 0 file problem(s)"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incidents", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600,
                          env={**os.environ, "INCIDENTS_NOW": NOW})


def _saved_as_cp1252(folder: Path, name: str = "rudaw.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(ARTICLE.read_text(encoding="utf-8").encode("cp1252"))
    return path


@pytest.fixture(scope="module")
def as_utf8(tmp_path_factory) -> str:
    """incidents.csv of the article extracted from its UTF-8 original."""
    folder = tmp_path_factory.mktemp("utf8")
    (folder / "in").mkdir()
    (folder / "in" / "rudaw.txt").write_bytes(ARTICLE.read_bytes())
    run = _cli("extract", str(folder / "in"), "--out", str(folder / "out"))
    assert run.returncode == 0, run.stderr
    return (folder / "out" / "incidents.csv").read_text(encoding="utf-8")


def test_extract_takes_the_encoding_its_hint_names(tmp_path, as_utf8):
    saved = _saved_as_cp1252(tmp_path / "in")
    refused = _cli("extract", str(saved.parent), "--out", str(tmp_path / "out"))
    assert refused.returncode == 1 and "load it deliberately with --encoding cp1252" in refused.stderr
    run = _cli("extract", str(saved.parent), "--out", str(tmp_path / "out"), "--encoding", "cp1252")
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert as_utf8.count("\n") > 1 and (tmp_path / "out" / "incidents.csv").read_text(encoding="utf-8") == as_utf8


def test_build_takes_the_encoding_too(tmp_path, as_utf8):
    saved = _saved_as_cp1252(tmp_path / "seeds")
    run = _cli("build", "--seeds", str(saved.parent), "--data", str(tmp_path / "data"), "--encoding", "cp1252")
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert (tmp_path / "data" / "incidents.csv").read_text(encoding="utf-8") == as_utf8


def test_add_takes_the_encoding_too(tmp_path, as_utf8):
    saved = _saved_as_cp1252(tmp_path / "new")
    run = _cli("add", str(saved.parent), "--data", str(tmp_path / "data"), "--encoding", "cp1252")
    assert run.returncode == 0 and run.stderr == "", run.stderr
    assert run.stdout.startswith("1 articles read: 0 skipped (already there), 1 added")
    assert (tmp_path / "data" / "incidents.csv").read_text(encoding="utf-8") == as_utf8


def test_an_unknown_codec_is_a_problem_on_each_file_not_a_traceback(tmp_path):
    saved = _saved_as_cp1252(tmp_path / "in")
    run = _cli("extract", str(saved.parent), "--out", str(tmp_path / "out"), "--encoding", "no-such-codec")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"{saved}:")


@pytest.mark.parametrize("command", ["extract", "build"])
def test_a_file_name_cannot_forge_a_line_of_output(tmp_path, command):
    name = f"rudaw\n{FORGED}\n\x1b[2J.txt"   # a newline, a forged summary, a terminal escape
    saved = _saved_as_cp1252(tmp_path / "in", name)
    assert saved.exists() and "\n" in saved.name
    (tmp_path / "in" / "good.txt").write_bytes(ARTICLE.read_bytes())
    out = tmp_path / f"out\n{FORGED}"
    args = ["--out", str(out)] if command == "extract" else []
    run = _cli(command, *([str(saved.parent)] if command == "extract" else ["--seeds", str(saved.parent),
                                                                              "--data", str(out)]), *args)
    assert run.returncode == 0, run.stderr
    lines = (run.stdout + run.stderr).splitlines()
    assert FORGED not in lines and not any(ln.startswith(FORGED) for ln in lines)
    assert "\x1b" not in run.stdout + run.stderr
    (problem,) = run.stderr.splitlines()
    assert problem.startswith(str(saved.parent / "rudaw\\n") + FORGED + "\\n\\x1b[2J.txt:")
    (summary,) = run.stdout.splitlines()
    shown = f"{tmp_path}/out\\n{FORGED}"
    assert summary.startswith("1 articles, ") and f" -> {shown}; 1 file problem(s)" in summary
    assert summary.endswith(f"; all problems in {shown}/problems.txt")


def test_a_missing_path_is_printed_escaped(tmp_path):
    run = _cli("extract", str(tmp_path / f"gone\n{FORGED}"), "--out", str(tmp_path / "out"))
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"{tmp_path}/gone\\n{FORGED}:0:0: no such file or folder"]
