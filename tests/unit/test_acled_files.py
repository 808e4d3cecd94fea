"""ACLED import on damaged and differently saved copies of the real fixtures: truncated files,
other delimiters, our own downloads, a damaged table, problems capped and saved, progress."""

from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import sys

import pandas as pd
import pytest
from builders import tiny  # tests/ is on sys.path (pyproject pythonpath)

from incidents import ROOT
from incidents.__main__ import main
from incidents.commands.import_acled import PROBLEMS_FILE
from incidents.dataset import synth
from incidents.dataset.acled import NotAcledExport, import_acled
from incidents.dataset.exports import to_csv_bytes, to_spreadsheet_csv_bytes
from incidents.dataset.tables import read_incidents
from incidents.filters import Filters
from incidents.store.store import Store

FIXTURES = ROOT / "tests" / "fixtures" / "acled"
CURRENT = FIXTURES / "current.csv"


@pytest.fixture
def data_dir(tmp_path):
    d = tmp_path / "data"
    synth.write(d, *tiny())
    return d


def ids(data_dir) -> set[str]:
    return set(pd.read_csv(data_dir / "incidents.csv", dtype=str, keep_default_na=False)["event_id"])


def test_a_last_row_cut_in_its_fatalities_is_refused_by_line(data_dir, tmp_path):
    text = CURRENT.read_bytes()
    last = text.rstrip(b"\r\n").rsplit(b"\n", 1)[1]
    assert last.startswith(b"IRQ70006") and b'.",3,,1735051020' in last
    cut = tmp_path / "cut.csv"
    cut.write_bytes(text[:text.index(b'.",3,,1735051020') + len(b'.",3')])  # "35" cut after its first digit
    r = import_acled(cut, data_dir)
    assert [(p.line, p.column) for p in r.problems] == [(7, 30)]
    assert str(r.problems[0]).startswith(f"{cut}:7:30: the row has 29 fields, the header 31 (the file ends here: "
                                         f"was it cut short?): row skipped")
    assert (r.added, r.skipped) == (5, 1)
    assert "IRQ70006" not in ids(data_dir) and "IRQ70005" in ids(data_dir)


def test_a_file_cut_inside_a_quoted_note_loses_only_that_row(data_dir, tmp_path):
    text = CURRENT.read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(text[:text.index(b"CTS forces clashed")])
    r = import_acled(cut, data_dir)
    assert [p.line for p in r.problems] == [7] and "not closed" in r.problems[0].message
    assert r.added == 5 and "IRQ70006" not in ids(data_dir)


def test_a_last_row_without_a_line_break_is_kept_with_a_warning(data_dir, tmp_path):
    whole = tmp_path / "whole.csv"
    whole.write_bytes(CURRENT.read_bytes().rstrip(b"\r\n"))
    r = import_acled(whole, data_dir)
    assert r.added == 6 and r.skipped == 0
    assert [(p.line, p.column) for p in r.problems] == [(7, 31)]
    assert "ends without a line break" in r.problems[0].message and "'1735051020' may be cut" in r.problems[0].message


def resave(src, dest, delimiter: str, quotechar: str = '"', decimal_comma: bool = False):
    """``src`` saved again as a spreadsheet would, with ``delimiter`` and ``quotechar``."""
    rows = list(csv.reader(io.StringIO(src.read_text(encoding="utf-8-sig"), newline="")))
    if decimal_comma:
        at = [rows[0].index("latitude"), rows[0].index("longitude")]
        rows = [rows[0]] + [[c.replace(".", ",") if i in at else c for i, c in enumerate(r)] for r in rows[1:]]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, quotechar=quotechar, lineterminator="\r\n").writerows(rows)
    dest.write_text(out.getvalue(), encoding="utf-8")
    return dest


@pytest.mark.parametrize("delimiter, quotechar, words", [
    (";", '"', "fields separated by semicolons, quoted with double quotes"),
    ("\t", '"', "fields separated by tabs"),
    ("|", '"', "fields separated by bars"),
    (";", "'", "fields separated by semicolons, quoted with single quotes"),
])
def test_other_delimiters_import_the_same_rows_and_say_which(tmp_path, delimiter, quotechar, words):
    comma, other = tmp_path / "comma", tmp_path / "other"
    import_acled(CURRENT, comma)
    path = resave(CURRENT, tmp_path / "export.csv", delimiter, quotechar)
    r = import_acled(path, other)
    assert r.problems == [] and r.added == 6
    assert words in r.summary()
    assert (other / "incidents.csv").read_bytes() == (comma / "incidents.csv").read_bytes()


def test_a_semicolon_export_with_decimal_commas(tmp_path):
    import_acled(CURRENT, tmp_path / "comma")
    r = import_acled(resave(CURRENT, tmp_path / "excel.csv", ";", decimal_comma=True), tmp_path / "excel")
    assert r.problems == [] and r.added == 6
    assert (tmp_path / "excel" / "incidents.csv").read_bytes() == (tmp_path / "comma" / "incidents.csv").read_bytes()


def test_line_numbers_count_line_breaks_inside_values(data_dir, tmp_path):
    text = (FIXTURES / "bad_rows.csv").read_text(encoding="utf-8")
    moved = tmp_path / "moved.csv"
    moved.write_text(text.replace("killing 2 soldiers", "killing 2\nsoldiers", 1), encoding="utf-8")
    r = import_acled(moved, data_dir)
    assert [(p.line, p.column) for p in r.problems] == [(4, 2), (5, 23), (6, 1), (7, 6)]


@pytest.mark.parametrize("download", [to_csv_bytes, to_spreadsheet_csv_bytes])
def test_our_own_download_is_refused_with_how_to_open_it(data_dir, tmp_path, capsys, monkeypatch, download):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))
    everything = Filters(governorates=None, countries=())
    incidents = Store.open(data_dir).run("incidents", everything)  # what the Incidents page downloads
    assert len(incidents) == len(read_incidents(data_dir / "incidents.csv")[0])
    path = tmp_path / "incidents_data.csv"
    path.write_bytes(download(incidents))
    before = (data_dir / "incidents.csv").read_bytes()
    with pytest.raises(NotAcledExport, match="takes ACLED exports only") as err:
        import_acled(path, data_dir)
    assert "INCIDENTS_DATA_DIR=FOLDER python -m incidents serve" in str(err.value)
    assert main(["import-acled", str(path), "--data", str(data_dir)]) == 2
    assert "nothing was changed" in capsys.readouterr().err
    assert (data_dir / "incidents.csv").read_bytes() == before
    if download is to_csv_bytes:  # the advice works: the data download, as a folder of its own, opens whole
        folder = tmp_path / "opened"
        folder.mkdir()
        (folder / "incidents.csv").write_bytes(path.read_bytes())
        assert Store.open(folder).run("count", everything) == len(incidents)


def test_a_damaged_table_is_not_imported_into(data_dir):
    table = data_dir / "incidents.csv"
    lines = table.read_text(encoding="utf-8").split("\n")
    lines[3] = ",".join(lines[3].split(",")[:5])  # a row cut to 5 fields
    table.write_text("\n".join(lines), encoding="utf-8")
    before = table.read_bytes()
    with pytest.raises(NotAcledExport, match=rf"{table}:4:6: the existing incident table cannot be read"):
        import_acled(CURRENT, data_dir)
    assert table.read_bytes() == before


def test_problems_are_capped_on_screen_and_all_saved(data_dir, tmp_path, capsys):
    rows = CURRENT.read_text(encoding="utf-8-sig").splitlines()
    undated = [r.replace(",2024-12-19,", ",,", 1).replace("IRQ70001", f"IRQ9{i:04d}") for i, r in
               enumerate([rows[1]] * 30)]
    path = tmp_path / "undated.csv"
    path.write_text("\n".join([rows[0], *undated, *rows[2:]]) + "\n", encoding="utf-8")
    assert main(["import-acled", str(path), "--data", str(data_dir)]) == 0
    out = capsys.readouterr()
    err = out.err.splitlines()
    saved = data_dir / PROBLEMS_FILE
    assert len(err) == 21 and err[-1] == f"... and 10 more problems: all 30 are in {saved}"
    assert all(": event_date is empty: skipped" in e for e in err[:20])
    assert saved.read_text(encoding="utf-8").splitlines() == [f"{path}:{n}:2: event_date is empty: skipped"
                                                               for n in range(2, 32)]
    assert "5 added" in out.out and "30 skipped" in out.out
    assert main(["import-acled", str(CURRENT), "--data", str(data_dir)]) == 0
    assert not saved.exists()  # no problems this time: no stale list


def run_on_terminal(args: list[str]) -> str:
    """Run ``python -m incidents ARGS`` with its output on a pseudo-terminal; what it wrote."""
    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "incidents", *args], cwd=ROOT, stdout=follower, stderr=follower)
    os.close(follower)
    out = b""
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
    child.wait(timeout=120)
    os.close(leader)
    return out.decode("utf-8", "replace")


def test_a_progress_bar_on_a_terminal_and_only_the_summary_otherwise(tmp_path):
    shown = run_on_terminal(["import-acled", str(CURRENT), "--data", str(tmp_path / "tty")])
    assert "reading current.csv:" in shown and "writing incidents.csv: 100%|" in shown
    quiet = run_on_terminal(["import-acled", str(CURRENT), "--data", str(tmp_path / "quiet"), "--quiet"])
    assert "reading" not in quiet and "%|" not in quiet and "6 added" in quiet
    logged = subprocess.run([sys.executable, "-m", "incidents", "import-acled", str(CURRENT), "--data",
                             str(tmp_path / "log")], cwd=ROOT, capture_output=True, text=True, check=True)
    assert logged.stderr == "" and logged.stdout.count("\n") == 1 and "6 added" in logged.stdout


def test_a_date_out_of_pandas_nanosecond_range_does_not_stop_the_import(data_dir, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(CURRENT.read_text(encoding="utf-8-sig").replace(",2024-12-19,", ",1500-12-19,", 1), encoding="utf-8")
    r = import_acled(path, data_dir)
    assert r.added == 6 and r.problems == []
    table = pd.read_csv(data_dir / "incidents.csv", dtype=str, keep_default_na=False)
    assert table.loc[table["event_id"] == "IRQ70001", ["event_date", "year"]].values.tolist() == [["1500-12-19", "1500"]]
