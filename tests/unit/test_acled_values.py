"""The SQL reading of ACLED cells (lookups of ACLED's own words, ISO dates cast in SQL) answers as
the Python functions of ``acled_values`` do, on the cells of the real fixtures and odd spellings."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from incidents import ROOT
from incidents.dataset import acled_values
from incidents.dataset.acled_sql import define

FIXTURES = ROOT / "tests" / "fixtures" / "acled"
ODD = ["battles", "BATTLES", "Rebel Group", " State forces", "State forces-Rebel group", "Rebel group-State forces",
       "Rebel group only", "12", "12.0", "ninawa", "Kirkuk Governorate", "Atlantis", "2024-02-30", "2024-1-5",
       "19-Dec-24", "19 December 2024", "1500-01-01", "2262-04-12", ""]


def fixture_cells(column: str) -> list[str]:
    """Every distinct value of ``column`` in the real ACLED fixtures (where it has one)."""
    out: set[str] = set()
    for path in FIXTURES.glob("*.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if column in frame.columns:
            out.update(v.strip() for v in frame[column] if v.strip())
    return sorted(out)


@pytest.mark.parametrize("sql, python, column", [
    ("acled_event_type", acled_values.event_types, "event_type"),
    ("acled_inter", acled_values.inter_codes, "inter1"),
    ("acled_interaction", acled_values.interaction_codes, "interaction"),
    ("acled_governorate", acled_values.governorates, "admin1"),
    ("acled_date", acled_values.dates, "event_date"),
])
def test_sql_reads_cells_as_python_does(sql, python, column):
    known = acled_values.vocabulary().get(sql, {})
    cells = sorted({*fixture_cells(column), *ODD, *known})
    assert len(fixture_cells(column)) >= 3
    con = duckdb.connect()
    define(con)
    got = [row[0] for row in con.execute(f"SELECT {sql}(NULLIF(x, '')) FROM unnest(?::VARCHAR[]) AS t(x)",
                                         [cells]).fetchall()]
    want = [None if c == "" else v for c, v in zip(cells, python([c or "x" for c in cells]), strict=True)]
    assert got == want


def test_sql_strip_answers_as_str_strip():
    """pystrip's quick test (first and last character outside white space) and its trim() agree with
    str.strip() on cells starting or ending with each white-space character, or with letters beyond ASCII."""
    from incidents.dataset.acled_sql import WHITE_SPACE

    ends = [*WHITE_SPACE, "a", "é", "\u0301", "😀", "~", "\x7f", "\x84", "\x86"]
    cells = sorted({f"{a}{mid}{b}" for a in ends for b in ends for mid in ("", "x y", "Kirkuk")} | {"", " ", "a"})
    con = duckdb.connect()
    define(con)
    got = con.execute("SELECT x, pystrip(x) FROM unnest(?::VARCHAR[]) AS t(x)", [cells]).fetchall()
    assert {x: s for x, s in got} == {x: (x.strip() or None) for x in cells}


@pytest.mark.parametrize("sql", ["acled_event_type", "acled_inter", "acled_interaction", "acled_governorate",
                                 "acled_date", "acled_number"])
def test_sql_readers_give_null_for_an_empty_cell(sql):
    con = duckdb.connect()
    define(con)
    assert con.execute(f"SELECT {sql}(NULL::VARCHAR), {sql}(x) FROM (SELECT NULL::VARCHAR AS x)").fetchall() == [(None, None)]
