"""Store over DuckDB: every query on a hand-written table with known answers, the same queries
against pandas on synthetic data, loading, caching and error messages."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import duckdb
import pandas as pd
import pytest
from builders import tiny  # tests/ is on sys.path (pyproject pythonpath)

from incidents.dataset import synth
from incidents.filters import Filters
from incidents.schema import INCIDENT_COLUMNS
from incidents.store.load import StoreError, fingerprint
from incidents.store.queries import QUERIES, arguments
from incidents.store.store import Store

ALL = Filters(governorates=None, countries=())


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "store-cache"))


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("tiny")
    synth.write(d, *tiny())
    return d


@pytest.fixture(scope="module")
def store(tiny_dir, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "store-cache"))
    try:
        yield Store.open(tiny_dir)
    finally:
        mp.undo()


def ids(df: pd.DataFrame) -> list[str]:
    return sorted(df["event_id"].tolist())


@pytest.mark.parametrize(
    "f, expected",
    [
        (Filters(), ["IIM1", "IIM2", "IIM4", "IIM5", "IIM7"]),
        (Filters(governorates=None), ["IIM1", "IIM2", "IIM3", "IIM4", "IIM5", "IIM7"]),
        (ALL, ["IIM1", "IIM2", "IIM3", "IIM4", "IIM5", "IIM7", "SYR1"]),
        (Filters(countries=("Syria",), governorates=None), ["SYR1"]),
        (Filters(governorates=()), []),
        (Filters(include_undated=False), ["IIM1", "IIM4", "IIM5", "IIM7"]),
        # a date range counts only incidents dated in it (undated IIM2 is shown apart: test_undated)
        (Filters(date_from=date(2024, 12, 1), date_to=date(2024, 12, 31)), ["IIM1", "IIM4", "IIM5"]),
        (Filters(date_from=date(2024, 12, 1), date_to=date(2024, 12, 31), include_undated=False),
         ["IIM1", "IIM4", "IIM5"]),
        (Filters(date_from=date(2024, 12, 15), date_to=date(2024, 12, 15), include_undated=False), ["IIM5"]),
        (Filters(date_to=date(2023, 12, 31)), ["IIM7"]),
        (Filters(text="mosul"), ["IIM4"]),
        (Filters(text="HAWIJA"), ["IIM1"]),
        (Filters(text="gunmen attacked"), ["IIM1", "IIM5"]),
        (Filters(text="100%_"), []),
        (Filters(outlets=("Rudaw",)), ["IIM1"]),
        (Filters(outlets=("Rudaw English",)), ["IIM5"]),
        (Filters(outlets=("Shafaq News", "AFP")), ["IIM1", "IIM2", "IIM4", "IIM7"]),
        (Filters(actors=("Popular Mobilization Forces",)), ["IIM4"]),
        (Filters(actors=("Islamic State (Iraq)",)), ["IIM1", "IIM4", "IIM7"]),
        (Filters(min_fatalities=3), ["IIM1", "IIM4"]),
        (Filters(min_fatalities=3, governorates=None), ["IIM1", "IIM3", "IIM4"]),
        (Filters(article_id="a2"), ["IIM1", "IIM2"]),
        (Filters(article_id="a3"), []),
        (Filters(geo_precision=(3,)), ["IIM2"]),
        (Filters(geo_precision=(1, 2), governorates=None), ["IIM1", "IIM3", "IIM4", "IIM5"]),
        (Filters(datasets=("acled",)), ["IIM4"]),
        (Filters(event_types=("Battles",)), ["IIM1"]),
        (Filters(sub_event_types=("Air/drone strike", "Arrests")), ["IIM4", "IIM7"]),
    ],
)
def test_filters_select_the_expected_incidents(store, f, expected):
    assert ids(store.run("incidents", f)) == expected
    assert store.run("count", f) == len(expected)


def test_summary(store):
    assert store.run("summary", Filters()) == {
        "incidents": 5, "fatalities": 8, "fatalities_low": 7, "fatalities_high": 9, "governorates": 4,
        "articles": 2, "undated": 1, "governorate_only": 1, "undated_apart": 0,
        "date_min": date(2023, 1, 31), "date_max": date(2024, 12, 16),
    }
    ranged = store.run("summary", Filters(date_from=date(2024, 12, 1)))
    assert (ranged["incidents"], ranged["undated"], ranged["undated_apart"]) == (3, 0, 1)
    assert store.run("summary", Filters(date_from=date(2024, 12, 1), include_undated=False))["undated_apart"] == 0
    empty = store.run("summary", Filters(governorates=()))
    assert empty["incidents"] == 0 and empty["fatalities"] == 0 and empty["date_min"] is None


@pytest.mark.parametrize(
    "freq, by, expected",
    [
        ("week", "event_type", [("2023-01-30", "Strategic developments", 1, 0),
                                ("2024-12-09", "Battles", 1, 3),
                                ("2024-12-09", "Violence against civilians", 1, 0),
                                ("2024-12-16", "Explosions/Remote violence", 1, 5)]),
        ("month", "event_type", [("2023-01-01", "Strategic developments", 1, 0),
                                 ("2024-12-01", "Battles", 1, 3),
                                 ("2024-12-01", "Explosions/Remote violence", 1, 5),
                                 ("2024-12-01", "Violence against civilians", 1, 0)]),
        ("month", "admin1", [("2023-01-01", "Kirkuk", 1, 0), ("2024-12-01", "Kirkuk", 1, 3),
                             ("2024-12-01", "Nineveh", 1, 5), ("2024-12-01", "Salah ad-Din", 1, 0)]),
    ],
)
def test_timeline_periods_start_on_mondays_or_firsts_and_skip_undated(store, freq, by, expected):
    df = store.run("timeline", Filters(), freq=freq, by=by)
    assert list(df.columns[:4]) == ["period", "group", "incidents", "fatalities"]
    assert pd.api.types.is_datetime64_any_dtype(df["period"])
    got = [(p.strftime("%Y-%m-%d"), g, int(n), int(k))
           for p, g, n, k in df[["period", "group", "incidents", "fatalities"]].itertuples(index=False)]
    assert got == expected
    if freq == "week":
        assert (df["period"].dt.day_of_week == 0).all()


def test_fatalities_timeline(store):
    df = store.run("fatalities_timeline", Filters(), freq="month")
    assert df["period"].dt.strftime("%Y-%m").tolist() == ["2023-01", "2024-12"]
    assert df["fatalities"].tolist() == [0, 8]
    assert df["fatalities_low"].tolist() == [0, 7]
    assert df["fatalities_high"].tolist() == [0, 9]


@pytest.mark.parametrize("freq, by", [("day", "event_type"), ("week", "notes; DROP TABLE incidents")])
def test_timeline_rejects_unknown_arguments(store, freq, by):
    with pytest.raises(ValueError):
        store.run("timeline", Filters(), freq=freq, by=by)


def test_by_governorate(store):
    df = store.run("by_governorate", Filters())
    assert df[["admin1", "incidents", "fatalities"]].values.tolist() == [
        ["Kirkuk", 2, 3], ["Diyala", 1, 0], ["Nineveh", 1, 5], ["Salah ad-Din", 1, 0]]


@pytest.mark.parametrize(
    "cell, expected",
    [
        (1.0, {(43.5, 35.5): 1, (45.5, 33.5): 1, (43.5, 36.5): 1, (43.5, 34.5): 1}),
        (10.0, {(45.0, 35.0): 4}),
    ],
)
def test_map_bins_are_cell_centres_computed_in_the_engine(store, cell, expected):
    df = store.run("map_bins", Filters(), cell)
    got = {(round(x, 6), round(y, 6)): int(n) for x, y, n in df[["longitude", "latitude", "incidents"]].values}
    assert got == expected
    assert df["governorate_only"].sum() == 1  # IIM2


def test_map_points_are_located_rows_with_a_short_quote(store):
    df = store.run("map_points", Filters())
    assert df["event_id"].tolist() == ["IIM4", "IIM5", "IIM1", "IIM2"]  # newest first, IIM7 has no point
    assert "quote" in df.columns and "text" not in df.columns and "notes" not in df.columns
    assert df.loc[df.event_id == "IIM1", "event_date"].item() == "2024-12-10"
    assert store.run("map_points", Filters(), limit=2)["event_id"].tolist() == ["IIM4", "IIM5"]


@pytest.mark.parametrize(
    "order, expected",
    [
        ("latest", ["IIM4", "IIM5", "IIM1", "IIM7", "IIM2"]),
        ("oldest", ["IIM7", "IIM1", "IIM5", "IIM4", "IIM2"]),
        ("fatalities", ["IIM4", "IIM1", "IIM5", "IIM7", "IIM2"]),
    ],
)
def test_incident_order(store, order, expected):
    assert store.run("incidents", Filters(), order=order)["event_id"].tolist() == expected


def test_incident_rows_have_schema_columns_iso_dates_and_nullable_ints(store):
    df = store.run("incidents", Filters(), limit=2)
    assert list(df.columns) == list(INCIDENT_COLUMNS)
    assert len(df) == 2
    assert df["fatalities"].dtype == "Int64" and df["latitude"].dtype == "Float64"
    assert df["event_date"].tolist() == ["2024-12-16", "2024-12-15"]
    assert store.run("latest", Filters(), 1)["event_id"].tolist() == ["IIM4"]
    cols = store.run("incidents", Filters(), columns=("event_id", "admin1"))
    assert list(cols.columns) == ["event_id", "admin1"]


def test_undated(store):
    assert store.run("undated", Filters())["event_id"].tolist() == ["IIM2"]
    assert store.run("undated", Filters(include_undated=False)).empty
    # under a date range: the undated incidents matching every other filter, shown apart
    assert store.run("undated", Filters(date_from=date(2024, 12, 1)))["event_id"].tolist() == ["IIM2"]
    assert store.run("undated", Filters(date_from=date(2024, 12, 1), governorates=("Nineveh",))).empty
    assert store.run("undated", Filters(date_from=date(2024, 12, 1), include_undated=False)).empty
    row = store.run("undated", Filters()).iloc[0]
    assert row["event_date"] is None


def test_one_incident(store):
    got = store.run("incident", "IIM5")
    assert got["admin1"] == "Salah ad-Din" and got["fatalities"] is None and got["event_date"] == "2024-12-15"
    assert store.run("incident", "nope") is None


def test_options(store):
    o = store.run("options")
    assert o["governorates"] == ["Anbar", "Diyala", "Hasakah", "Kirkuk", "Nineveh", "Salah ad-Din"]
    assert o["countries"] == ["Iraq", "Syria"]
    assert o["outlets"] == ["AFP", "Rudaw", "Rudaw English", "Shafaq News", "Xinhua"]
    assert o["datasets"] == ["acled", "extracted"]
    assert o["geo_precision"] == [1, 2, 3]
    assert "Islamic State (Iraq)" in o["actors"] and "Civilians (Iraq)" in o["actors"]
    assert (o["date_min"], o["date_max"]) == (date(2023, 1, 31), date(2024, 12, 16))
    assert o["fatalities_max"] == 10


def test_articles_and_their_incidents(store):
    arts = store.run("articles")
    assert "text" not in arts.columns
    # IIM1 (article a1) lists a2 among its sources: a2 counts it, as the article filter selects it
    assert dict(zip(arts["article_id"], arts["incidents"], strict=True)) == {"a1": 1, "a2": 2, "a3": 0}
    for f in (Filters(governorates=("Kirkuk",)), Filters(governorates=("Diyala",)), Filters(include_undated=False),
              Filters(governorates=("Kirkuk",), article_id="a3")):  # the list's counts ignore its own article filter
        counted = store.run("articles", f)
        expected = {a: store.run("count", replace(f, article_id=a)) for a in ("a1", "a2", "a3")}
        assert dict(zip(counted["article_id"], counted["incidents"], strict=True)) == expected
    diyala = store.run("articles", Filters(governorates=("Diyala",)))
    assert dict(zip(diyala["article_id"], diyala["incidents"], strict=True)) == {"a1": 0, "a2": 1, "a3": 0}
    a = store.run("article", "a3")
    assert a["text"].startswith("<script>") and a["outlet"] == "Rudaw"
    assert store.run("article", "nope") is None
    own_first = store.run("article_incidents", "a2")
    assert own_first["event_id"].tolist() == ["IIM2", "IIM1"]
    text = store.run("article", "a2")["text"]
    row = own_first.iloc[0]
    assert text[row["span_start"]:row["span_end"]] == row["quote"]
    assert store.run("article_incidents", "a3").empty


def test_run_names_the_known_queries(store):
    with pytest.raises(ValueError, match=r"unknown query 'nope': use one of .*article_incidents.*timeline"):
        store.run("nope", Filters())
    assert {"count", "summary", "incidents", "timeline", "map_points", "options", "article"} <= set(QUERIES)


def test_arguments_are_one_form_of_a_call():
    f = Filters()
    assert arguments("timeline", f) == arguments("timeline", f, "week", by="event_type") == {
        "f": f, "freq": "week", "by": "event_type"}
    assert arguments("options") == {}
    assert arguments("article", "a1") == {"article_id": "a1"}
    with pytest.raises(TypeError):
        arguments("count", f, 3)


def test_queries_from_many_threads(store):
    errors: list[BaseException] = []

    def work():
        try:
            for _ in range(10):
                assert store.run("count", Filters()) == 5
                assert len(store.run("timeline", Filters())) == 4
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


# ---------------------------------------------------------------------------------------------
# loading


def test_missing_folder_names_the_path(tmp_path):
    with pytest.raises(StoreError, match=str(tmp_path / "nowhere")):
        Store.open(tmp_path / "nowhere")


def test_missing_incident_table_names_the_file(tmp_path):
    with pytest.raises(StoreError, match="incidents.csv"):
        Store.open(tmp_path)


def test_missing_required_column_names_file_and_column(tmp_path):
    (tmp_path / "incidents.csv").write_text("event_id,event_date\nX1,2024-01-01\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"incidents.csv:1:0: required column 'event_type'"):
        Store.open(tmp_path)


def test_data_dir_from_environment_and_no_articles_file(tmp_path, monkeypatch):
    inc, _ = tiny()
    synth.write_csv(inc, tmp_path / "incidents.csv")
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path))
    s = Store.open()
    assert s.run("count", ALL) == 7
    assert s.run("articles").empty and s.run("article", "a1") is None


def test_bad_values_are_empty_not_fatal_and_missing_columns_are_empty(tmp_path):
    (tmp_path / "incidents.csv").write_text(
        "event_id,event_date,event_type,country,admin1,latitude,longitude,fatalities\n"
        "X1,2024-01-01,Battles,Iraq,Kirkuk,35.4,44.4,many\n"
        "X2,not a date,Battles,Iraq,Kirkuk,north,44.4,2\n"
        "X3,2024-01-03,Battles,Iraq,Kirkuk,35.4,44.4,3.0\n",
        encoding="utf-8",
    )
    s = Store.open(tmp_path, cache=False)
    df = s.run("incidents", Filters(), order="oldest")
    assert df["event_id"].tolist() == ["X1", "X3", "X2"]
    assert pd.isna(df["fatalities"].iloc[0]) and df["fatalities"].iloc[1] == 3
    assert df.loc[df.event_id == "X2", "event_date"].item() is None
    assert pd.isna(df.loc[df.event_id == "X2", "latitude"].item())
    assert df["quote"].isna().all()
    assert s.run("summary", Filters())["undated"] == 1


def test_cache_is_reused_refreshed_on_change_and_never_in_the_data_dir(tmp_path, monkeypatch):
    data, cache = tmp_path / "data", tmp_path / "cache"
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(cache))
    inc, arts = tiny()
    synth.write(data, inc, arts)
    before = sorted(p.name for p in data.iterdir())
    assert Store.open(data).run("count", ALL) == 7
    first = sorted(p.name for p in cache.glob("*.duckdb"))
    assert len(first) == 1
    assert Store.open(data).run("count", ALL) == 7
    assert sorted(p.name for p in cache.glob("*.duckdb")) == first
    old = fingerprint(data)
    synth.write(data, inc.iloc[:3], arts)
    assert fingerprint(data) != old
    assert Store.open(data).run("count", ALL) == 3
    assert len(list(cache.glob("*.duckdb"))) == 1  # the stale copy is gone
    assert sorted(p.name for p in data.iterdir()) == before


def test_cache_file_names_its_duckdb_and_one_of_another_duckdb_is_never_opened(tmp_path, monkeypatch):
    data, cache = tmp_path / "data", tmp_path / "cache"
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(cache))
    inc, arts = tiny()
    synth.write(data, inc, arts)
    assert Store.open(data).run("count", ALL) == 7
    (mine,) = cache.glob("*.duckdb")
    assert mine.name.endswith(f"-duckdb{duckdb.__version__}.duckdb")
    # the same tables' file as another DuckDB would name it, holding something else: not opened
    other = cache / mine.name.replace(f"-duckdb{duckdb.__version__}.", "-duckdb0.0.1.")
    mine.rename(other)
    con = duckdb.connect(str(other))
    con.execute("DELETE FROM incidents")
    con.close()
    assert Store.open(data).run("count", ALL) == 7
    assert [p.name for p in cache.glob("*.duckdb")] == [mine.name]  # rebuilt; the other one removed


# ---------------------------------------------------------------------------------------------
# the same queries against pandas, on synthetic data

SYN_CASES = [
    (Filters(), lambda d: d.admin1.isin(["Kirkuk", "Salah ad-Din", "Diyala", "Nineveh"])),
    (Filters(governorates=None, include_undated=False), lambda d: d.event_date.notna()),
    (Filters(governorates=None, date_from=date(2016, 1, 1), date_to=date(2016, 12, 31)),
     lambda d: d.event_date.between("2016-01-01", "2016-12-31")),
    (Filters(governorates=("Anbar",), event_types=("Battles",), min_fatalities=2),
     lambda d: (d.admin1 == "Anbar") & (d.event_type == "Battles") & (d.fatalities.fillna(0) >= 2)),
    (Filters(governorates=None, text="qayyarah"),
     lambda d: d.quote.fillna("").str.lower().str.contains("qayyarah", regex=False)
     | d.notes.fillna("").str.lower().str.contains("qayyarah", regex=False)),
    (Filters(governorates=None, geo_precision=(3,), datasets=("extracted",)),
     lambda d: (d.geo_precision == 3) & (d.dataset == "extracted")),
    # synthetic rows came in over 60 days from 2023-11-14 22:13 UTC (timestamp, epoch seconds)
    (Filters(governorates=None, added_since=date(2023, 12, 1)),
     lambda d: d.timestamp.fillna(0) >= 1_701_388_800),
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    d = tmp_path_factory.mktemp("syn")
    inc, arts = synth.generate(3000, seed=11)
    synth.write(d, inc, arts)
    mp = pytest.MonkeyPatch()
    mp.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "store-cache"))
    try:
        yield Store.open(d), pd.read_csv(d / "incidents.csv", dtype={"event_date": "string"})
    finally:
        mp.undo()


@pytest.mark.parametrize("f, mask", SYN_CASES, ids=range(len(SYN_CASES)))
def test_synthetic_counts_match_pandas(synthetic, f, mask):
    s, df = synthetic
    sel = df[mask(df).fillna(False).astype(bool)]
    assert s.run("count", f) == len(sel)
    summ = s.run("summary", f)
    assert summ["fatalities"] == int(sel.fatalities.fillna(0).sum())
    assert summ["undated"] == int(sel.event_date.isna().sum())
    by_gov = s.run("by_governorate", f)
    assert dict(zip(by_gov.admin1, by_gov.incidents, strict=True)) == sel.admin1.value_counts().to_dict()
    tl = s.run("timeline", replace(f), freq="month", by="event_type")
    assert int(tl.incidents.sum()) == int(sel.event_date.notna().sum())
    bins = s.run("map_bins", f, 0.25)
    assert int(bins.incidents.sum()) == int(sel.latitude.notna().sum())
