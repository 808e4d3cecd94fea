"""incidents.words: one wording of an incident, per row and per frame, on real and synthetic rows."""

from __future__ import annotations

import datetime as dt
import doctest

import pandas as pd
import pytest

from incidents import DEFAULT_DATA_DIR, cells, words
from incidents.dataset import synth
from incidents.dataset.tables import read_incidents
from incidents.filters import Filters
from incidents.store.store import Store

PAIRS = [
    (words.date, words.date_column), (words.place, words.place_column),
    (words.fatalities, words.fatalities_column), (words.casualties, words.casualties_column),
    (words.actors, words.actors_column), (words.kind, words.kind_column),
    (words.located_to, words.located_to_column), (words.quote, words.quote_column),
]


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    """data/incidents.csv as the product reads it, indexed by event_id."""
    frame, problems = read_incidents(DEFAULT_DATA_DIR / "incidents.csv")
    assert not problems
    return frame.set_index("event_id", drop=False)


def row(real: pd.DataFrame, event_id: str) -> pd.Series:
    return real.loc[event_id]


# --- each wording on real rows of data/incidents.csv ---------------------------------------------


@pytest.mark.parametrize(("event_id", "text"), [
    ("IIMaa23b3c343b4", "undated"),                 # the text gives no date
    ("IIM790c4337c5fe", "8 Nov 2019"),              # day precision
    ("IIM16e26183c4b7", "9–15 Dec 2024 (week)"),    # "last week": a window shown as a window
    ("IIM06816128228a", "Oct 2019 (month)"),        # month precision, window 1..31 October
])
def test_date_of_real_rows(real, event_id, text):
    assert words.date(row(real, event_id)) == text


@pytest.mark.parametrize(("event_id", "text"), [
    ("IIMedaee2a08ddb", "south of Kirkuk, Kirkuk"),
    ("IIMaa23b3c343b4", "Kirkuk"),                               # the town named like its governorate
    ("IIMbf5f1bacf154", "Kirkuk (governorate only)"),            # geo_precision 3
    ("IIM5facefcde968", "Salah ad-Din (governorate only)"),
    ("IIM81a6b99cdf7d", "Tower 22, Syria-Jordan border, Jordan"),  # no governorate, another country
    ("IIM19f6e7910353", "Syria"),                                # only the country is known
])
def test_place_of_real_rows(real, event_id, text):
    assert words.place(row(real, event_id)) == text


@pytest.mark.parametrize(("event_id", "fatalities", "casualties"), [
    ("IIMaa23b3c343b4", "4 killed", "4 killed"),
    ("IIMbeb0fbc0e207", "3 killed (3–9)", "3 killed (3–9)"),           # "several": best 3, range 3-9
    ("IIMedaee2a08ddb", "13 killed", "13 killed, 6 wounded"),
    ("IIM790c4337c5fe", "fatalities unknown", "fatalities unknown"),   # not stated
    ("IIMf7cd3d29db95", "fatalities unknown", "fatalities unknown, 2 arrested"),
])
def test_fatalities_and_casualties_of_real_rows(real, event_id, fatalities, casualties):
    assert words.fatalities(row(real, event_id)) == fatalities
    assert words.casualties(row(real, event_id)) == casualties


def test_actors_kind_and_precision_of_real_rows(real):
    clash = row(real, "IIMedaee2a08ddb")
    assert words.actors(clash) == "Islamic State (Iraq) vs Police Forces of Iraq: Federal Police"
    assert words.kind(clash) == "Battles / Armed clash"
    assert words.located_to(clash) == "near a town / part of a region"
    assert words.actors(row(real, "IIM6763edc23527")) == "Unidentified Armed Group (Iraq)"  # no second actor


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(DEFAULT_DATA_DIR, cache=False)


def test_quote_of_real_rows_gets_quotation_marks_once(real):
    assert words.quote(row(real, "IIMedaee2a08ddb")).startswith("“The security forces carried out the operation")
    opens_with_its_own = words.quote(row(real, "IIMaa23b3c343b4"))
    assert opens_with_its_own.startswith("“A few hours ago") and not opens_with_its_own.startswith("““")
    assert len(opens_with_its_own) == 140 and opens_with_its_own.endswith("…")
    assert words.quote(row(real, "IIMedaee2a08ddb"), limit=400).endswith("six others.”")


def test_a_store_row_and_a_dict_read_the_same(real, store):
    """The store returns dates as ISO strings and Int64 numbers; the dict of a row gives the same words."""
    served = store.run("incidents", Filters(governorates=None, countries=()))
    assert len(served) == len(real)
    for rec in served.to_dict("records"):
        mine = real.loc[rec["event_id"]]
        for one, _ in PAIRS:
            assert one(rec) == one(mine), (one.__name__, rec["event_id"])


# --- row and column versions agree ---------------------------------------------------------------


def _agree(frame: pd.DataFrame) -> None:
    for one, column in PAIRS:
        got = column(frame)
        assert list(got.index) == list(frame.index)
        expected = [one(r) for _, r in frame.iterrows()]
        bad = [(i, g, e) for i, g, e in zip(frame.index, got.tolist(), expected, strict=True) if g != e]
        assert not bad, (one.__name__, bad[:5])


def test_row_and_column_wordings_agree_on_the_real_table(real, store):
    _agree(real)
    _agree(pd.read_csv(DEFAULT_DATA_DIR / "incidents.csv"))  # floats with NaN, as plain pandas reads it
    everything = Filters(governorates=None, countries=())
    _agree(store.run("incidents", everything))  # as the pages get it: ISO strings, Int64, Arrow-backed str
    _agree(store.run("map_points", everything))
    undated = store.run("undated", everything)  # every date column empty (the Timeline's undated table)
    assert len(undated) > 0 and set(words.date_column(undated)) == {"undated"}
    _agree(undated)
    _agree(real[real["fatalities"].isna()])  # every fatality count empty


def test_row_and_column_wordings_agree_on_a_synthetic_table():
    frame, _ = synth.generate(4000, seed=13)
    kinds = words.date_column(frame).str.replace(r"\d+", "N", regex=True)
    assert {"undated", "N Jan N", "N–N Jan N (week)", "Jan N (month)"} <= set(kinds.str.replace(
        r"\b(Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", "Jan", regex=True))
    assert words.fatalities_column(frame).str.contains(r"\(\d+–\d+\)").any()
    assert (words.place_column(frame).str.endswith("(governorate only)")).any()
    _agree(frame.iloc[::-1])  # an index neither sorted nor starting at 0


EDGE_ROWS = [
    {"date_start": "2024-11-28", "date_end": "2024-12-04", "time_precision": 2},
    {"date_start": "2024-12-30", "date_end": "2025-01-05", "time_precision": 2},
    {"date_start": "2024-01-01", "date_end": "2024-12-31"},
    {"date_start": "2024-01-01", "date_end": "2024-12-18"},
    {"event_date": "2024-12-01", "time_precision": 3},
    {"date_start": "2024-12-01", "date_end": "2024-12-18", "time_precision": 3},
    {"date_start": "2024-12-10", "date_end": "2024-12-01", "time_precision": 2},
    {"event_date": "2024-12-10", "time_precision": 9},
    {"event_date": dt.date(2024, 2, 29), "time_precision": 1},
    {"event_date": pd.Timestamp("2024-03-05 10:00"), "time_precision": 2},
    {"event_date": "2024-03-05T10:00:00", "time_precision": "1"},
    {"event_date": "garbage", "fatalities": "many"},
    {"fatalities": 0, "fatalities_low": 0, "fatalities_high": 0},
    {"fatalities": 5, "fatalities_low": 3},
    {"fatalities": 4, "fatalities_high": 7},
    {"fatalities_high": 7},
    {"fatalities": 5, "fatalities_low": 9, "fatalities_high": 3},
    {"fatalities": 2, "wounded": 0, "arrested": 3},
    {"location": "Raqqa", "admin1": "Raqqa", "country": "Syria", "geo_precision": 3},
    {"location": "Tower 22", "country": "Jordan", "geo_precision": 3},
    {"location": "Hawija\n\u00a0district " + "x" * 80, "admin1": "Kirkuk", "country": "Iraq"},
    {"actor2": "Civilians (Iraq)", "event_type": "Riots"},
    {},
]
EDGE_WORDS = [
    ("date", 0, "28 Nov – 4 Dec 2024 (week)"), ("date", 1, "30 Dec 2024 – 5 Jan 2025 (week)"),
    ("date", 2, "2024 (year)"), ("date", 3, "1 Jan – 18 Dec 2024"), ("date", 4, "Dec 2024 (month)"),
    ("date", 5, "1–18 Dec 2024 (month)"), ("date", 6, "10 Dec 2024 (week)"), ("date", 7, "10 Dec 2024"),
    ("date", 8, "29 Feb 2024"), ("date", 9, "5 Mar 2024 (week)"), ("date", 10, "5 Mar 2024"),
    ("date", 11, "undated"), ("fatalities", 11, "fatalities unknown"), ("fatalities", 12, "0 killed"),
    ("fatalities", 13, "5 killed (at least 3)"), ("fatalities", 14, "4 killed (4–7)"),
    ("fatalities", 15, "7 killed"), ("fatalities", 16, "5 killed (3–9)"),
    ("casualties", 17, "2 killed, 0 wounded, 3 arrested"),
    ("place", 18, "Raqqa, Syria (governorate only)"), ("place", 19, "Tower 22, Jordan (governorate only)"),
    ("place", 20, "Hawija district " + "x" * 43 + "…, Kirkuk"), ("actors", 21, "Civilians (Iraq)"),
    ("kind", 21, "Riots"), ("place", 22, "unknown place"), ("kind", 22, "unknown type"),
    ("actors", 22, ""), ("located_to", 22, "unknown"),
]


@pytest.mark.parametrize(("name", "i", "text"), EDGE_WORDS)
def test_edge_cases_in_words(name, i, text):
    assert getattr(words, name)(EDGE_ROWS[i]) == text


def test_row_and_column_wordings_agree_on_edge_cases():
    _agree(pd.DataFrame(EDGE_ROWS, index=[7 * i for i in range(len(EDGE_ROWS))]))


def test_an_empty_frame_gives_empty_columns():
    empty = pd.DataFrame({"event_id": pd.Series([], dtype=object)})
    for _, column in PAIRS:
        assert column(empty).tolist() == []


def test_docstring_examples_hold():
    for module in (words, cells):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__


def test_words_are_plain_text_that_callers_escape():
    """Article-borne text passes through as written: no markup added, none removed."""
    hostile = {"location": "<img src=x onerror=alert(1)>", "admin1": "Kirkuk", "actor1": "<b>A</b>",
               "actor2": "{tt_title}", "event_type": "<script>"}
    assert words.place(hostile) == "<img src=x onerror=alert(1)>, Kirkuk"
    assert words.actors(hostile) == "<b>A</b> vs {tt_title}"
    assert words.kind(hostile) == "<script>"


# --- the cells underneath ------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "limit", "expected"), [
    ("a  b\n c", 50, "a b c"), (None, 10, ""), (float("nan"), 10, ""), ("x" * 20, 10, "x" * 9 + "…"),
])
def test_short_text(value, limit, expected):
    assert cells.short_text(value, limit) == expected


@pytest.mark.parametrize("limit", [5, 60, 140])
def test_column_text_equals_short_text_cell_by_cell(limit):
    """The vectorised one-line text of hovers and map tooltips (pyarrow regex over the column)
    equals ``short_text`` of each cell: every kind of whitespace Python's split() knows, missing
    values, numbers, long text, and an index that is neither sorted nor contiguous."""
    values = ["  Hawija\u00a0district\n", "\t", None, pd.NA, float("nan"), 7, "a\u2003b\u2028c\x1cd\x85e\u3000f",
              "zero\u200bwidth\ufeffstays", "x" * 300, "الموصل  {tt_title}  <b>", "", "line\r\nbreak\x0bvt"]
    df = pd.DataFrame({"quote": pd.Series(values, dtype=object)}, index=[10 * i + (i % 3) for i in range(len(values))])
    df = df.iloc[::-1]
    got = cells.text_column(df, "quote", limit)
    assert list(got.index) == list(df.index)
    assert got.tolist() == [cells.short_text(v, limit) for v in df["quote"]]


def test_day_and_integer_read_every_form_the_tables_use():
    values = ["2024-12-09", "2024-12-09 13:00:00", dt.date(2024, 12, 9), pd.Timestamp("2024-12-09"), None, pd.NA,
              "", "09/12/2024", "2024-02-30"]
    assert [cells.day(v) for v in values] == [dt.date(2024, 12, 9)] * 4 + [None] * 5
    assert [cells.integer(v) for v in (4.0, "7", pd.NA, "many", 2.6)] == [4, 7, None, None, 3]


def test_display_text_splits_the_glued_words_of_the_shipped_quotes():
    from incidents import ROOT
    from incidents.words import display_text

    rows = pd.read_csv(ROOT / "data" / "incidents.csv", dtype=str).set_index("event_id")
    hamrin = display_text(rows.loc["IIM16e26183c4b7", "quote"])
    assert "Joint Operations Command" in hamrin and "in the Hamrin Mountains" in hamrin
    assert "ISIS members" in display_text(rows.loc["IIMbeb0fbc0e207", "quote"])
    assert "JointOperations" in rows.loc["IIM16e26183c4b7", "quote"]  # the data keeps the text as found
    same = "Gunmen attacked a checkpoint near Hawija on Friday, killing two soldiers."
    assert display_text(same) == same and display_text("") == ""
