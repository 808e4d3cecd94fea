"""Analyst corrections (incidents/dataset/corrections.py): reading with file:line:column, applying, orphans."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidents.dataset.corrections import CORRECTION_COLUMNS, apply_corrections, load_corrections
from incidents.schema import INCIDENT_COLUMNS

HEADER = ",".join(CORRECTION_COLUMNS)


def _file(tmp_path: Path, *lines: str) -> Path:
    p = tmp_path / "corrections.csv"
    p.write_text("\n".join((HEADER,) + lines) + "\n", encoding="utf-8")
    return p


def _row(eid: str, **kw) -> dict:
    r = {c: "" for c in INCIDENT_COLUMNS}
    r.update(event_id=eid, method="airstrike", admin1="Kirkuk", fatalities=4)
    r.update(kw)
    return r


@pytest.mark.parametrize(("line", "column", "message"), [
    ("IIM1,delete,,,ana,2025-01-01,why", 2, "unknown action 'delete'"),
    ("IIM1,override,colour,red,ana,2025-01-01,why", 3, "unknown field 'colour'"),
    ("IIM1,override,event_id,IIM2,ana,2025-01-01,why", 3, "provenance"),
    ("IIM1,override,fatalities,four,ana,2025-01-01,why", 4, "not a whole number"),
    ("IIM1,override,admin1,Kerkuk,ana,2025-01-01,why", 4, "not a governorate"),
    ("IIM1,override,event_date,08/11/2019,ana,2025-01-01,why", 4, "YYYY-MM-DD"),
    ("IIM1,override,sub_event_type,Bombing,ana,2025-01-01,why", 4, "sub-event type"),
    ("IIM1,reject,admin1,,ana,2025-01-01,why", 3, "takes no field"),
    ("IIM1,reject,,,,2025-01-01,why", 5, "analyst is empty"),
    ("IIM1,reject,,,ana,yesterday,why", 6, "not a date"),
    (",reject,,,ana,2025-01-01,why", 1, "event_id is empty"),
])
def test_bad_rows_are_reported_with_file_line_column(tmp_path, line, column, message):
    path = _file(tmp_path, "IIMgood,reject,,,ana,2025-01-01,not an incident", line)
    corrections, problems = load_corrections(path)
    assert [c.event_id for c in corrections] == ["IIMgood"]
    assert len(problems) == 1
    p = problems[0]
    assert (p.path, p.line, p.column) == (str(path), 3, column)
    assert message in p.message
    assert str(p).startswith(f"{path}:3:{column}: ")


def test_missing_columns(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("event_id,action\nIIM1,reject\n", encoding="utf-8")
    corrections, problems = load_corrections(p)
    assert corrections == [] and "missing column" in problems[0].message and problems[0].line == 1


def test_missing_file_means_no_corrections(tmp_path):
    assert load_corrections(tmp_path / "none.csv") == ([], [])


def test_apply_override_reject_and_orphan(tmp_path):
    path = _file(tmp_path,
                 "IIMa,override,admin1,Salah ad-Din,ana,2025-01-01,Allas oilfields lie in Salah ad-Din",
                 "IIMa,override,fatalities,5,ana,2025-01-01,later report",
                 "IIMb,reject,,,ana,2025-01-01,a statistic not an event",
                 "IIMgone,override,admin1,Diyala,ana,2025-01-01,old row")
    corrections, problems = load_corrections(path)
    assert problems == []
    rows = [_row("IIMa"), _row("IIMb"), _row("IIMc")]
    out, orphans = apply_corrections(rows, corrections)
    assert [r["event_id"] for r in out] == ["IIMa", "IIMc"]
    assert (out[0]["admin1"], out[0]["fatalities"], out[0]["method"]) == ("Salah ad-Din", "5", "airstrike+analyst")
    assert out[1]["method"] == "airstrike"
    assert rows[0]["admin1"] == "Kirkuk"   # input untouched
    assert len(orphans) == 1 and orphans[0].line == 5 and "IIMgone" in orphans[0].message


# -- the shipped corrections file, damaged as a careless editor or a bad export would --------------------

from incidents import DEFAULT_DATA_DIR  # noqa: E402

SHIPPED = (DEFAULT_DATA_DIR / "corrections.csv").read_text(encoding="utf-8").splitlines()


def _damaged(tmp_path: Path, lines: list[str]) -> Path:
    p = tmp_path / "corrections.csv"
    p.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return p


def _shipped_ids_and_fields(lines: list[str]) -> list[tuple[str, str]]:
    import csv
    import io

    return [(r["event_id"], r["field"]) for r in csv.DictReader(io.StringIO("\n".join(lines)))]


def test_an_unterminated_quote_mid_file_skips_its_row_only(tmp_path):
    lines = list(SHIPPED)
    lines[3] = lines[3].replace('"Tower 22, Syria-Jordan border"', '"Tower 22, Syria-Jordan border')
    corrections, problems = load_corrections(_damaged(tmp_path, lines))
    assert len(problems) == 1 and problems[0].line == 4 and "not closed" in problems[0].message
    assert problems[0].message.endswith("reading goes on with the next line")
    want = [k for i, k in enumerate(_shipped_ids_and_fields(SHIPPED), start=2) if i != 4]
    assert [(c.event_id, c.field) for c in corrections] == want  # the longitude row after it still applies
    assert [c.line for c in corrections] == [i for i in range(2, len(SHIPPED) + 1) if i != 4]


def test_lines_count_physical_lines_after_a_multi_line_reason(tmp_path):
    lines = list(SHIPPED)
    lines[1] = lines[1][:-1] + '\nsecond line of the reason\nthird line"'  # a reason over three lines
    lines.append("IIM1,override,fatalities,-5,ana,2025-01-01,why")
    corrections, problems = load_corrections(_damaged(tmp_path, lines))
    assert len(corrections) == len(SHIPPED) - 1
    assert corrections[1].line == 5  # the second row now starts on physical line 5
    assert [(p.line, p.column) for p in problems] == [(len(SHIPPED) + 3, 4)] and "negative" in problems[0].message


def test_a_line_separator_in_a_reason_is_text(tmp_path):
    lines = list(SHIPPED)
    lines[2] = lines[2].replace("ISO 3166-1 numeric", "ISO 3166-1\u2028numeric")
    corrections, problems = load_corrections(_damaged(tmp_path, lines))
    assert problems == [] and len(corrections) == len(SHIPPED) - 1
    assert "\u2028" in corrections[1].reason and corrections[2].line == 4


@pytest.mark.parametrize(("field", "value"), [("latitude", "nan"), ("latitude", "1000"), ("longitude", "inf"),
                                              ("longitude", "-200"), ("fatalities", "-5"), ("wounded", "-1")])
def test_values_are_checked_like_every_incident_value(tmp_path, field, value):
    lines = [*SHIPPED, f"IIM81a6b99cdf7d,override,{field},{value},ana,2025-01-01,why"]
    corrections, problems = load_corrections(_damaged(tmp_path, lines))
    assert len(corrections) == len(SHIPPED) - 1
    assert [(p.line, p.column) for p in problems] == [(len(SHIPPED) + 1, 4)]


@pytest.mark.parametrize("damage", ["latin-1", "header"])
def test_a_file_that_cannot_be_used_stops_the_build_and_writes_nothing(tmp_path, damage):
    import shutil

    from incidents import SEEDS_DIR
    from incidents.dataset.build import build
    from incidents.dataset.corrections import unusable

    data = tmp_path / "data"
    data.mkdir()
    for name in ("incidents.csv", "articles.csv"):
        shutil.copy(DEFAULT_DATA_DIR / name, data / name)
    text = "\n".join(SHIPPED) + "\nIIM1,reject,,,Zoë Müller,2025-01-01,not an incident\n"
    if damage == "latin-1":
        (data / "corrections.csv").write_bytes(text.encode("latin-1"))
    else:
        (data / "corrections.csv").write_text(text.replace("event_id,", "eventid,", 1), encoding="utf-8")
    before = {n: (data / n).read_bytes() for n in ("incidents.csv", "articles.csv")}
    _, problems = load_corrections(data / "corrections.csv")
    assert unusable(problems)
    if damage == "latin-1":
        assert (problems[0].line, problems[0].column) == (len(SHIPPED) + 1, 17) and "not UTF-8" in problems[0].message
    result = build(SEEDS_DIR, data)
    assert result.failed and "nothing written" in result.summary(data)
    assert {n: (data / n).read_bytes() for n in before} == before


def test_a_quote_left_open_to_the_end_of_the_file_loses_only_its_row(tmp_path):
    lines = [*SHIPPED[:3], 'IIM1,reject,,,ana,2025-01-01,"never closed', *SHIPPED[3:]]
    corrections, problems = load_corrections(_damaged(tmp_path, lines))
    assert [(p.line, p.column) for p in problems] == [(4, 1)]
    assert len(corrections) == len(SHIPPED) - 1 and "IIM1" not in {c.event_id for c in corrections}
