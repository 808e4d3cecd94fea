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
