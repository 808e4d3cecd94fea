"""Reading and checking incidents.csv / articles.csv: problems carry file, line and column."""

from __future__ import annotations

import pandas as pd
import pytest

from incidents.dataset.tables import (
    check_header,
    read_articles,
    read_incidents,
    write_table,
)
from incidents.schema import INCIDENT_COLUMNS

HEADER = "event_id,event_date,event_type,country,admin1,latitude,longitude,fatalities,time_precision,geo_precision,quote"
GOOD = 'X1,2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,3,1,1,"a quote"'


def write(tmp_path, *lines, name="incidents.csv", newline="\n"):
    p = tmp_path / name
    p.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    return p


@pytest.mark.parametrize(
    "bad_row, line, column, words",
    [
        ("X2,2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,many,1,1,q", 3, 8, ["'many'", "fatalities", "whole number"]),
        ("X2,2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,2.5,1,1,q", 3, 8, ["'2.5'", "whole number"]),
        ("X2,2024-01-02,Battles,Iraq,Kirkuk,north,44.4,2,1,1,q", 3, 6, ["'north'", "latitude", "not a number"]),
        ("X2,2024-01-02,Battles,Iraq,Kirkuk,95.0,44.4,2,1,1,q", 3, 6, ["latitude 95.0", "-90..90"]),
        ("X2,02/01/2024,Battles,Iraq,Kirkuk,35.4,44.4,2,1,1,q", 3, 2, ["'02/01/2024'", "YYYY-MM-DD"]),
        ("X2,2024-02-30,Battles,Iraq,Kirkuk,35.4,44.4,2,1,1,q", 3, 2, ["'2024-02-30'", "event_date"]),
        ("X2,2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,2,7,1,q", 3, 9, ["time_precision 7", "1, 2, 3"]),
        ("X2,2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,2,1,0,q", 3, 10, ["geo_precision 0"]),
        ("X2,2024-01-02,Battles,Iraq,Atlantis,35.4,44.4,2,1,1,q", 3, 5, ["'Atlantis'", "not a governorate"]),
        ("X2,2024-01-02,Battles,Iraq,Ninewa,35.4,44.4,2,1,1,q", 3, 5, ["'Ninewa'", "read as 'Nineveh'"]),
        (",2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,2,1,1,q", 3, 1, ["event_id is empty"]),
        ("X1,2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,2,1,1,q", 3, 1, ["'X1' appears more than once"]),
    ],
)
def test_a_bad_value_is_reported_at_its_line_and_column(tmp_path, bad_row, line, column, words):
    p = write(tmp_path, HEADER, GOOD, bad_row)
    df, problems = read_incidents(p)
    assert len(df) == 2  # the row stays
    assert len(problems) == 1, problems
    prob = problems[0]
    assert (prob.path, prob.line, prob.column) == (str(p), line, column)
    for w in words:
        assert w in prob.message
    assert str(prob).startswith(f"{p}:{line}:{column}: ")


def test_lines_count_newlines_inside_quoted_fields_and_crlf(tmp_path):
    p = write(tmp_path, HEADER, 'X1,2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,3,1,1,"two\nlines"',
              'X2,2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,3,1,1,"three\nmore\nlines"',
              "X3,2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,oops,1,1,q", newline="\r\n")
    df, problems = read_incidents(p)
    assert [(x.line, x.column) for x in problems] == [(7, 8)]
    assert df["quote"].tolist()[0].replace("\r", "") == "two\nlines"


def test_values_are_typed_and_the_governorate_spelling_fixed(tmp_path):
    p = write(tmp_path, HEADER, GOOD, "X2,,Battles,Iraq,Sala al-Din,35.4,44.4,,,3,")
    df, problems = read_incidents(p)
    assert list(df.columns) == list(INCIDENT_COLUMNS)
    assert df["fatalities"].dtype == "Int64" and df["latitude"].dtype == "Float64"
    assert df["admin1"].tolist() == ["Kirkuk", "Salah ad-Din"]
    assert pd.isna(df.loc[1, "event_date"]) and pd.isna(df.loc[1, "fatalities"])
    assert df["dataset"].isna().all()  # absent column: empty
    assert [p.message for p in problems] == ["governorate 'Sala al-Din' read as 'Salah ad-Din'"]


def test_bom_is_not_part_of_the_first_column(tmp_path):
    p = tmp_path / "incidents.csv"
    p.write_bytes(("\ufeff" + HEADER + "\n" + GOOD + "\n").encode("utf-8"))
    df, problems = read_incidents(p)
    assert problems == [] and df["event_id"].tolist() == ["X1"]


@pytest.mark.parametrize(
    "content, words",
    [
        (None, ["cannot read"]),
        ("", ["empty"]),
        ("event_id,event_date\nX1,2024-01-01\n", ["'event_type' is missing", "'admin1' is missing"]),
        ("\xff\xfe garbage", ["UTF-8"]),
    ],
)
def test_unusable_files_give_problems_not_tracebacks(tmp_path, content, words):
    p = tmp_path / "incidents.csv"
    if content is not None:
        p.write_bytes(content.encode("latin-1"))
    df, problems = read_incidents(p)
    assert df.empty and list(df.columns) == list(INCIDENT_COLUMNS)
    text = " ".join(str(x) for x in problems)
    assert str(p) in text
    for w in words:
        assert w in text


def test_many_bad_values_are_summarised(tmp_path):
    rows = [f"X{i},2024-01-02,Battles,Iraq,Kirkuk,35.4,44.4,bad,1,1,q" for i in range(40)]
    _, problems = read_incidents(write(tmp_path, HEADER, *rows))
    assert len(problems) == 21
    assert problems[-1].message == "20 more problems in column 'fatalities'"


def test_articles(tmp_path):
    p = write(tmp_path, "article_id,title,part,text", 'a1,One,1,"  text kept as found  "', "a1,Two,x,t", ",Three,2,t",
              name="articles.csv")
    df, problems = read_articles(p)
    assert df["text"].tolist()[0] == "  text kept as found  "
    assert [(x.line, x.column) for x in problems] == [(3, 3), (4, 1), (3, 1)]
    assert "appears more than once" in problems[2].message


def test_write_table_is_atomic_and_complete(tmp_path):
    df = pd.DataFrame({"event_id": ["X1"], "fatalities": pd.array([None], dtype="Int64")})
    p = tmp_path / "out" / "incidents.csv"
    write_table(df, p, ("event_id", "event_date", "fatalities"))
    assert p.read_text(encoding="utf-8") == "event_id,event_date,fatalities\nX1,,\n"
    assert [x.name for x in p.parent.iterdir()] == ["incidents.csv"]
    assert check_header(p, ("event_id",)) == []
