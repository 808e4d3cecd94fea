"""The shipped data/incidents.csv and data/articles.csv, copied and damaged one way at a time: the
store still opens, every good row is there exactly as in the undamaged copy, each bad one is listed
by file, physical line and 1-based header column, and nothing is written into the data folder."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from incidents import ROOT
from incidents.filters import Filters
from incidents.problems import Problem
from incidents.store.store import Store

SHIPPED = ROOT / "data"
INC, ART = "incidents.csv", "articles.csv"
EVERY = Filters(governorates=None, countries=())
INC_HEADER = next(csv.reader(io.StringIO((SHIPPED / INC).read_text(encoding="utf-8"))))
COL = {name: i for i, name in reversed(list(enumerate(INC_HEADER, start=1)))}  # 1-based header column


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "damage-cache"))


def copy_shipped(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in (INC, ART):
        shutil.copyfile(SHIPPED / name, folder / name)
    return folder


def record_starts(path: Path) -> dict[int, list[str]]:
    """First physical line of each record of an undamaged file -> its fields (Python's csv)."""
    out, done = {}, 1
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        for fields in reader:
            out[done + 1] = fields
            done = reader.line_num
    return out


INC_AT = record_starts(SHIPPED / INC)  # line -> fields: every incident is one line, 2..17
ART_AT = record_starts(SHIPPED / ART)  # articles hold multi-line texts: records start at 2, 41, 80, 88, 132, 159


def incident_rows(store: Store) -> dict[str, dict]:
    df = store.run("incidents", EVERY).astype(object)
    return {r["event_id"]: {k: (None if pd.isna(v) else v) for k, v in r.items()} for r in df.to_dict("records")}


def article_rows(store: Store) -> dict[str, dict]:
    return {aid: store.run("article", aid) for aid in store.run("articles")["article_id"]}


@pytest.fixture(scope="module")
def undamaged(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "damage-cache"))
    try:
        store = Store.open(copy_shipped(tmp_path_factory.mktemp("undamaged")))
        yield incident_rows(store), article_rows(store), store.problems()
    finally:
        mp.undo()


def test_the_undamaged_copy_loads_whole_and_clean(undamaged):
    incidents, articles, problems = undamaged
    assert len(incidents) == len(INC_AT) == 16 and len(articles) == len(ART_AT) == 6
    assert problems == []


# ---------------------------------------------------------------------------------------------
# damage, one way per case: (file, damage of its text lines or bytes, expected problems as
# (line, column, words), lines whose record is lost, {line: column emptied})


def lines_edit(fn: Callable[[list[str]], None]) -> Callable[[bytes], bytes]:
    """A damage written on the file's lines (index = line - 1)."""
    def damage(data: bytes) -> bytes:
        lines = data.decode("utf-8").split("\n")
        fn(lines)
        return "\n".join(lines).encode("utf-8")
    return damage


def set_field(line: int, column: str, value: str) -> Callable[[bytes], bytes]:
    """Rewrite one single-line incident record with one field changed (quoted as csv does)."""
    def fn(lines: list[str]) -> None:
        fields = next(csv.reader([lines[line - 1]]))
        fields[COL[column] - 1] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow(fields)
        lines[line - 1] = out.getvalue()
    return lines_edit(fn)


def _append(line: int, text: str):
    def fn(lines):
        lines[line - 1] += text
    return lines_edit(fn)


def _drop_last_field(line: int):
    def fn(lines):
        lines[line - 1] = lines[line - 1].rsplit(",", 1)[0]
    return lines_edit(fn)


def _replace(line: int, old: str, new: str):
    def fn(lines):
        assert old in lines[line - 1]
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
    return lines_edit(fn)


def _insert_line(before: int, text: str):
    def fn(lines):
        lines.insert(before - 1, text)
    return lines_edit(fn)


def _cut_inside(line: int):
    def damage(data: bytes) -> bytes:
        starts = [0] + [i + 1 for i, b in enumerate(data) if b == 0x0A]
        return data[: starts[line - 1] + (starts[line] - starts[line - 1]) // 2]
    return damage


def _bad_byte(line: int, inside: str):
    def damage(data: bytes) -> bytes:
        lines = data.split(b"\n")
        at = lines[line - 1].index(inside.encode("utf-8")) + 1
        lines[line - 1] = lines[line - 1][:at] + b"\xff" + lines[line - 1][at:]
        return b"\n".join(lines)
    return damage


def _same_id(line: int, as_line: int, first_fields: Callable[[int], list[str]]):
    def fn(lines):
        old, new = first_fields(line)[0], first_fields(as_line)[0]
        assert lines[line - 1].startswith(old + ",")
        lines[line - 1] = new + lines[line - 1][len(old):]
    return lines_edit(fn)


def _drop_third_field(line: int):
    def fn(lines):
        a, b, _, rest = lines[line - 1].split(",", 3)
        lines[line - 1] = f"{a},{b},{rest}"
    return lines_edit(fn)


def _two(first, second):
    return lambda data: second(first(data))


NOTES_3 = INC_AT[3][COL["notes"] - 1][:12]
INCIDENT_CASES = {
    "a field too many": (_append(5, ",extra"), [(5, 50, "the row has 50 fields, the header 49")], {5}, {}),
    "a field too few": (_drop_last_field(5), [(5, 49, "the row has 48 fields, the header 49")], {5}, {}),
    "a quote left open at the end of a row (the next line is read again)": (
        _two(_drop_last_field(5), _append(5, ',"extracted')), [(5, 49, "'dataset' is not closed")], {5}, {}),
    "a quote left open in the middle of a row": (
        _replace(9, ",Political violence,", ',"Political violence,'), [(9, 5, "'disorder_type' is not closed")], {9}, {}),
    "a quote left open in the last rows (the last line is read again)": (
        _two(_drop_last_field(16), _append(16, ',"extracted')), [(16, 49, "not closed")], {16}, {}),
    "the file cut in the middle of its last row": (_cut_inside(17), [(17, None, "was it cut short?")], {17}, {}),
    "a 0xFF byte": (_bad_byte(3, NOTES_3), [(3, COL["notes"], "not UTF-8")], {3}, {}),
    "date 2024-13-45": (set_field(14, "event_date", "2024-13-45"),
                        [(14, COL["event_date"], "'2024-13-45' in column 'event_date' is not a date")], set(),
                        {14: "event_date"}),
    "latitude abc": (set_field(6, "latitude", "abc"), [(6, COL["latitude"], "'abc' in column 'latitude' is not a number")],
                     set(), {6: "latitude"}),
    "latitude 1000": (set_field(7, "latitude", "1000"), [(7, COL["latitude"], "latitude 1000 is outside -90..90")],
                      set(), {7: "latitude"}),
    "latitude inf": (set_field(8, "latitude", "inf"), [(8, COL["latitude"], "'inf' in column 'latitude' is not a finite")],
                     set(), {8: "latitude"}),
    "latitude nan": (set_field(10, "latitude", "nan"), [(10, COL["latitude"], "'nan' in column 'latitude' is not a finite")],
                     set(), {10: "latitude"}),
    "longitude 200": (set_field(11, "longitude", "200"), [(11, COL["longitude"], "longitude 200 is outside -180..180")],
                      set(), {11: "longitude"}),
    "fatalities 3.5": (set_field(16, "fatalities", "3.5"), [(16, COL["fatalities"], "'3.5' in column 'fatalities' is not a whole")],
                       set(), {16: "fatalities"}),
    "a repeated event_id": (_same_id(8, 2, INC_AT.__getitem__),
                            [(8, 1, f"event_id '{INC_AT[2][0]}' appears more than once (first at line 2)")], {8}, {}),
    "a blank line, then a bad date below it": (
        _two(set_field(9, "event_date", "2024-13-45"), _insert_line(5, "")),
        [(10, COL["event_date"], "'2024-13-45'")], set(), {9: "event_date"}),
}

ARTICLE_CASES = {
    "a field too many": (_append(87, ",extra"), [(80, 17, "the row has 17 fields, the header 16")], {80}),
    "a field too few": (_drop_third_field(88), [(88, 16, "the row has 15 fields, the header 16")], {88}),
    "a quote left open in the middle of a record": (
        _replace(80, ",Nova News,", ',"Nova News,'), [(80, 5, "'outlet' is not closed")], {80}),
    "the file cut inside the last article's text": (_cut_inside(190), [(159, 16, "was it cut short?")], {159}),
    "a 0xFF byte inside an article's text": (_bad_byte(50, "Iraqi"), [(41, 16, "not UTF-8")], {41}),
    "a repeated article_id": (_same_id(132, 2, ART_AT.__getitem__),
                              [(132, 1, f"article_id '{ART_AT[2][0]}' appears more than once (first at line 2)")], {132}),
}


def open_damaged(tmp_path: Path, name: str, damage) -> tuple[Store, dict[str, bytes], Path]:
    folder = copy_shipped(tmp_path / "data")
    (folder / name).write_bytes(damage((folder / name).read_bytes()))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    store = Store.open(folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, "nothing is written into the data folder"
    return store, before, folder


def assert_listed(problems: list[Problem], folder: Path, name: str, expected) -> None:
    assert len(problems) == len(expected), [str(p) for p in problems]
    for p, (line, column, words) in zip(problems, expected, strict=True):
        assert p.path == str(folder / name)
        assert p.line == line, str(p)
        assert column is None or p.column == column, str(p)
        assert words in p.message, str(p)


@pytest.mark.parametrize("case", list(INCIDENT_CASES))
def test_damaged_incident_table(tmp_path, undamaged, case):
    damage, expected, lost_lines, emptied = INCIDENT_CASES[case]
    store, _, folder = open_damaged(tmp_path, INC, damage)
    assert_listed(store.problems(), folder, INC, expected)
    good_incidents, good_articles, _ = undamaged
    lost = {INC_AT[line][0] for line in lost_lines}
    got = incident_rows(store)
    assert set(got) == set(good_incidents) - lost, "every good row is shown, the bad ones are not"
    for event_id, row in got.items():
        want = dict(good_incidents[event_id])
        for line, column in emptied.items():
            if INC_AT[line][0] == event_id:
                assert INC_AT[line][COL[column] - 1], "the value was there before"
                want[column] = None
        assert row == want, event_id
    assert article_rows(store) == good_articles


@pytest.mark.parametrize("case", list(ARTICLE_CASES))
def test_damaged_article_table(tmp_path, undamaged, case):
    damage, expected, lost_lines = ARTICLE_CASES[case]
    store, _, folder = open_damaged(tmp_path, ART, damage)
    assert_listed(store.problems(), folder, ART, expected)
    good_incidents, good_articles, _ = undamaged
    lost = {ART_AT[line][0] for line in lost_lines}
    assert article_rows(store) == {k: v for k, v in good_articles.items() if k not in lost}
    assert incident_rows(store) == good_incidents


def test_problems_of_both_files_are_kept_in_the_cached_database(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))
    folder = copy_shipped(tmp_path / "data")
    (folder / INC).write_bytes(set_field(14, "event_date", "2024-13-45")((folder / INC).read_bytes()))
    (folder / ART).write_bytes(_append(87, ",extra")((folder / ART).read_bytes()))
    first = Store.open(folder).problems()
    assert [(Path(p.path).name, p.line, p.column) for p in first] == [(ART, 80, 17), (INC, 14, 2)]
    assert len(list((tmp_path / "cache").glob("*.duckdb"))) == 1
    again = Store.open(folder)  # a restarted server opens the cached database
    assert again.problems() == first
    assert Store.open(folder, cache=False).problems() == first
    summary = again.run("load_problems", limit=1)
    assert summary["total"] == 2 and len(summary["first"]) == 1
    assert summary["counts"] == [(ART, "not shown", 1), (INC, "emptied", 1)]


def test_a_lone_carriage_return_is_read_by_pythons_reader(tmp_path, undamaged):
    """DuckDB's strict reader refuses a file with a carriage return alone as a line end: the
    file is read with Python's csv module instead, its lines counted the same way."""
    def damage(data: bytes) -> bytes:
        lines = data.split(b"\n")
        return b"\n".join(lines[:5]) + b"\r" + b"\n".join(lines[5:])  # line 6 ends with CR only
    store, _, folder = open_damaged(tmp_path, INC, _two(set_field(9, "latitude", "abc"), damage))
    assert_listed(store.problems(), folder, INC, [(9, COL["latitude"], "'abc'")])
    assert len(incident_rows(store)) == 16


def test_a_header_naming_a_column_twice_reads_the_first(tmp_path, undamaged):
    def damage(data: bytes) -> bytes:
        return data.replace(b",tags,", b",notes,", 1)  # 'notes' twice; the first one is read
    store, _, folder = open_damaged(tmp_path, INC, damage)
    assert_listed(store.problems(), folder, INC, [(1, COL["tags"], "column 'notes' appears twice in the header")])
    assert incident_rows(store) == undamaged[0]


@pytest.mark.parametrize("header, words", [
    (b"event_id,event_date\n", "required column 'event_type' is missing"),
    (b"", "the file is empty"),
    (b"\xffevent_id,event_date\n", "header line is not UTF-8"),
])
def test_an_incident_table_that_cannot_be_used_at_all_is_refused_by_name(tmp_path, header, words):
    from incidents.store.load import StoreError

    folder = copy_shipped(tmp_path / "data")
    (folder / INC).write_bytes(header)
    with pytest.raises(StoreError, match=words):
        Store.open(folder)


def test_an_article_table_that_cannot_be_read_leaves_the_incidents_shown(tmp_path, undamaged):
    store, _, folder = open_damaged(tmp_path, ART, lambda data: b"\xff" + data)
    assert_listed(store.problems(), folder, ART, [(1, 0, "header line is not UTF-8 text: no article is shown")])
    assert store.run("articles").empty and incident_rows(store) == undamaged[0]


def test_a_file_with_crlf_line_ends_counts_the_same_lines(tmp_path, undamaged):
    crlf = _two(set_field(9, "latitude", "abc"), lambda data: data.replace(b"\n", b"\r\n"))
    store, _, folder = open_damaged(tmp_path, INC, crlf)
    assert_listed(store.problems(), folder, INC, [(9, COL["latitude"], "'abc'")])
    assert set(incident_rows(store)) == set(undamaged[0])


def test_an_article_text_longer_than_duckdbs_default_line_limit_loads(tmp_path, undamaged):
    long_text = "Gunmen attacked a checkpoint near Hawija. " * 60_000  # 2.5 MB in one field

    def damage(data: bytes) -> bytes:
        lines = data.decode("utf-8").split("\n")
        lines[130] = lines[130][:-1] + long_text + '"'  # the end of the text of the article at line 88
        return "\n".join(lines).encode("utf-8")
    store, _, folder = open_damaged(tmp_path, ART, damage)
    assert store.problems() == []
    aid = ART_AT[88][0]
    assert store.run("article", aid)["text"] == undamaged[1][aid]["text"] + long_text


@pytest.mark.parametrize("size, long_lines, limit", [
    (1_000, False, 2_097_152), (10 << 20, False, (10 << 20) + 1), (80 << 20, False, 2_097_152),
    (80 << 20, True, (80 << 20) + 1),
])
def test_line_limit_is_the_whole_of_a_small_file_and_duckdbs_default_for_a_big_one(tmp_path, size, long_lines, limit):
    from incidents.store.csvfile import line_limit

    path = tmp_path / "big.csv"
    with open(path, "wb") as fh:
        fh.truncate(size)  # sparse: nothing is written
    assert line_limit(path, long_lines) == limit
