"""Progress bars and capped problems (``incidents.progress``, ``incidents.problems.print_problems``).

The bar is checked on the real command in a real subprocess: under a pseudo-terminal (python's
``pty``) ``synth`` draws tqdm's bar on it; piped, it prints its one summary line and nothing else.
``load`` of a folder with broken rows prints the first 20 problems and where all of them are.
"""

from __future__ import annotations

import io
import os
import pty
import re
import shutil
import subprocess
import sys

import pytest

from incidents import ROOT
from incidents.__main__ import main
from incidents.dataset import synth
from incidents.dataset.report import Report, print_report
from incidents.problems import SHOWN
from incidents.progress import bar, counting, say

STEPS = synth.GENERATE_STEPS + synth.WRITE_STEPS


def _under_pty(argv: list[str]) -> tuple[str, int]:
    """Run ``python argv`` with stdout and stderr on a new pseudo-terminal; (all it wrote, exit code)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdio is the pty's slave side
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, *argv])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return out.decode("utf-8", "replace"), os.waitstatus_to_exitcode(status)


def test_synth_on_a_terminal_draws_a_bar_of_its_steps(tmp_path):
    text, code = _under_pty(["-m", "incidents", "synth", "300", "--out", str(tmp_path / "t")])
    assert code == 0, text
    drawn = re.findall(rf"\rsynth: +\d+%\|[^|]*\| (\d+)/{STEPS} \[", text)
    assert drawn[0] == "0" and drawn[-1] == str(STEPS), text  # drawn empty, redrawn in place to its end
    assert re.search(r"wrote 300 incidents to .*incidents\.csv and 30 articles", text)


def test_synth_piped_prints_one_summary_line_and_no_bar(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "incidents", "synth", "300", "--out", str(tmp_path / "t")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("wrote 300 incidents to ")


def test_the_bar_does_not_change_what_synth_writes(tmp_path):
    ticks = []
    inc, art = synth.generate(500, seed=3, step=lambda: ticks.append(1))
    synth.write(tmp_path / "a", inc, art, step=lambda: ticks.append(1))
    synth.write(tmp_path / "b", *synth.generate(500, seed=3))
    assert len(ticks) == STEPS
    for name in ("incidents.csv", "articles.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_no_bar_off_a_terminal_or_when_disabled_or_empty():
    assert bar(10, "x", stream=io.StringIO()) is None
    with open(os.devnull, "w") as null:
        assert bar(10, "x", stream=null) is None
    _, slave = pty.openpty()
    with os.fdopen(slave, "w") as tty:
        assert bar(10, "x", enabled=False, stream=tty) is None
        assert bar(0, "x", stream=tty) is None
        shown = bar(3, "x", "row", stream=tty)
        assert shown is not None and shown.total == 3
        shown.close()


def test_counting_off_a_terminal_advances_nothing_and_say_prints_plainly():
    stream, out = io.StringIO(), io.StringIO()
    with counting(5, "x", stream=stream) as advance:
        advance()
        advance(3)
        say("a line", stream=out)
    assert stream.getvalue() == "" and out.getvalue() == "a line\n"


def test_a_writing_commands_problems_are_capped_on_screen_with_the_count_and_where_all_are(tmp_path):
    from incidents.problems import Problem

    out = io.StringIO()
    report = Report(problems=[Problem("f.csv", i, 1, "bad") for i in range(1, SHOWN + 6)],
                    problems_file=tmp_path / "problems.txt")
    print_report(report, out)
    lines = out.getvalue().splitlines()
    assert lines[:SHOWN] == [f"f.csv:{i}:1: bad" for i in range(1, SHOWN + 1)]
    assert lines[SHOWN:] == [f"... and 5 more problems: all 25 are in {tmp_path / 'problems.txt'}"]


@pytest.fixture
def broken_folder(tmp_path, monkeypatch):
    """The shipped tables with 25 rows of the incident table given two fields too many."""
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("INCIDENTS_DB", raising=False)
    d = tmp_path / "data"
    d.mkdir()
    shutil.copyfile(ROOT / "data" / "articles.csv", d / "articles.csv")
    lines = (ROOT / "data" / "incidents.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    row = lines[1].rstrip("\r\n")
    (d / "incidents.csv").write_text("".join(lines) + "".join(f"{row},x,y\n" for _ in range(25)), encoding="utf-8")
    return d, len(lines)


def test_load_prints_the_first_problems_and_where_all_of_them_are(broken_folder, tmp_path, capsys):
    folder, first_bad = broken_folder
    target = tmp_path / "parquet"
    assert main(["load", "--to", f"pyspark://{target}", "--data", str(folder)]) == 0
    out, err = capsys.readouterr()
    problems = err.splitlines()
    assert len(problems) == SHOWN + 1
    assert problems[0].startswith(f"{folder / 'incidents.csv'}:{first_bad + 1}:")
    assert "fields" in problems[0]
    assert problems[-1] == f"... and 5 more problems: all 25 are in table load_problems of pyspark://{target}"
    assert out.strip().endswith(f"25 problem(s) of the data folder, all in table load_problems -> pyspark://{target}")
