"""The note every page shows when rows of the data files could not be shown or were changed: the
shipped data copied and damaged (a ragged incident row, a hostile latitude, a ragged article
record), every page still draws the good rows, says by file how many rows were affected, and lists
them as file:line:column: reason, as escaped text."""

from __future__ import annotations

import csv
import html
import io
import shutil

import pytest
from appdata import PAGES

from incidents import ROOT

BRIEFING = "pages/5_Briefing.py"
HOSTILE = '<img src=x onerror="alert(1)">'


def metric(at, label: str) -> int:
    return next(int(m.value.replace(",", "")) for m in at.metric if m.label == label)


@pytest.fixture(scope="module")
def damaged_dir(tmp_path_factory):
    """data/ copied; incidents.csv: line 5 has a field too many, line 6 a hostile latitude;
    articles.csv: the record starting on line 80 has a field too many (its last line is 87)."""
    folder = tmp_path_factory.mktemp("damaged-data")
    for name in ("incidents.csv", "articles.csv"):
        shutil.copyfile(ROOT / "data" / name, folder / name)
    lines = (folder / "incidents.csv").read_text(encoding="utf-8").split("\n")
    lines[4] += ",extra"
    fields = next(csv.reader([lines[5]]))
    fields[next(csv.reader([lines[0]])).index("latitude")] = HOSTILE
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    lines[5] = out.getvalue()
    (folder / "incidents.csv").write_text("\n".join(lines), encoding="utf-8")
    art = (folder / "articles.csv").read_text(encoding="utf-8").split("\n")
    art[86] += ",extra"
    (folder / "articles.csv").write_text("\n".join(art), encoding="utf-8")
    return folder


def load_boxes(at) -> tuple[list[str], list[str]]:
    bodies = [h.value for h in at.html]
    return ([b for b in bodies if 'class="iim-note"' in b and "data files" in b],
            [b for b in bodies if 'class="iim-load-problems"' in b])


@pytest.mark.parametrize("page", (*PAGES, BRIEFING))
def test_every_page_shows_the_good_rows_and_a_note_on_the_bad_ones(run_page, damaged_dir, page):
    at = run_page(damaged_dir, page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    notes, lists = load_boxes(at)
    assert len(notes) == 1 and len(lists) == 1
    assert ("articles.csv: 1 row not shown; "
            "incidents.csv: 1 row not shown, 1 row shown with a value left empty.") in notes[0]
    assert [e.label for e in at.expander if e.label.startswith("Rows not shown")] == [
        "Rows not shown or changed: 3 problems"]
    items = lists[0]
    for where in ("articles.csv:80:17: the row has 17 fields, the header 16",
                  "incidents.csv:5:50: the row has 50 fields, the header 49",
                  "incidents.csv:6:23: "):
        assert f"<li>{where}" in items, items
    assert html.escape(f"'{HOSTILE}' in column 'latitude' is not a number") in items
    everything = "".join(h.value for h in at.html) + "".join(m.value for m in at.markdown)
    assert HOSTILE not in everything and "<img src=x" not in everything, "file text is shown escaped"


def test_the_overview_counts_every_good_row(run_page, damaged_dir):
    at = run_page(damaged_dir, "dashboard.py", {"governorates": "all", "countries": "all"})
    assert not at.exception
    assert metric(at, "Incidents") == 15  # 16 shipped, one left out
    assert metric(at, "Articles") == 5


@pytest.mark.parametrize("page", (*PAGES, BRIEFING))
def test_no_note_when_the_files_are_clean(run_page, page):
    at = run_page(ROOT / "data", page)
    assert not at.exception
    assert load_boxes(at) == ([], [])
    assert not [e for e in at.expander if e.label.startswith("Rows not shown")]


def test_the_list_holds_the_first_fifty_and_says_how_many_more(run_page, synth_dir, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    shutil.copyfile(synth_dir / "articles.csv", folder / "articles.csv")
    lines = (synth_dir / "incidents.csv").read_text(encoding="utf-8").split("\n")
    column = next(csv.reader([lines[0]])).index("event_date")
    for i in range(1, 61):  # lines 2..61 get a date that does not exist
        fields = next(csv.reader([lines[i]]))
        fields[column] = "2024-13-45"
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(fields)
        lines[i] = out.getvalue()
    (folder / "incidents.csv").write_text("\n".join(lines), encoding="utf-8")
    at = run_page(folder, "pages/4_Incidents.py")
    assert not at.exception
    notes, lists = load_boxes(at)
    assert "incidents.csv: 60 rows shown with a value left empty." in notes[0]
    assert lists[0].count("<li>") == 50
    assert "<li>incidents.csv:2:2: &#x27;2024-13-45&#x27; in column" in lists[0]
    assert "… and 10 more." in lists[0]
