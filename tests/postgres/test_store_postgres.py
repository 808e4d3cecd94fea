"""The store's queries on a real PostgreSQL server give the same answers as on DuckDB.

The same tables (the hand-written tiny table and 5,000 synthetic incidents) are loaded into
DuckDB (Store.open over CSV files) and into PostgreSQL (ibis create_table), and every Store
method runs on both through the same Ibis expressions.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from builders import tiny  # tests/ is on sys.path (pyproject pythonpath)

from incidents.dataset import synth
from incidents.filters import Filters
from incidents.store.store import Store

pytestmark = pytest.mark.postgres

FILTERS = [
    Filters(),
    Filters(governorates=None, countries=()),
    Filters(include_undated=False, date_from=date(2016, 1, 1), date_to=date(2024, 12, 31)),
    Filters(governorates=None, text="Hawija"),
    Filters(governorates=None, text="mosul"),
    Filters(outlets=("Rudaw", "AFP")),
    Filters(actors=("Popular Mobilization Forces", "Islamic State (Iraq)")),
    Filters(min_fatalities=3, geo_precision=(1, 2), datasets=("acled",)),
    Filters(governorates=("Anbar", "Baghdad"), event_types=("Battles", "Explosions/Remote violence")),
    Filters(article_id="a2"),
    Filters(governorates=()),
]

QUERIES = {
    "count": lambda s, f: s.run("count", f),
    "summary": lambda s, f: s.run("summary", f),
    "incidents_latest": lambda s, f: s.run("incidents", f, limit=40),
    "incidents_oldest": lambda s, f: s.run("incidents", f, limit=40, order="oldest"),
    "incidents_fatalities": lambda s, f: s.run("incidents", f, limit=40, order="fatalities"),
    "timeline_week_type": lambda s, f: s.run("timeline", f, "week", "event_type"),
    "timeline_month_admin1": lambda s, f: s.run("timeline", f, "month", "admin1"),
    "fatalities_timeline": lambda s, f: s.run("fatalities_timeline", f, "month"),
    "by_governorate": lambda s, f: s.run("by_governorate", f),
    "map_bins": lambda s, f: s.run("map_bins", f, 0.25),
    "map_points": lambda s, f: s.run("map_points", f, limit=60),
    "undated": lambda s, f: s.run("undated", f, limit=30),
}


def _load(con, duck: Store) -> Store:
    for name, table in (("incidents", duck.incidents), ("articles", duck.articles)):
        con.create_table(name, obj=table.to_pyarrow(), overwrite=True)
    return Store.from_backend(con)


@pytest.fixture(scope="module")
def stores(postgres_server, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "pg-store-cache"))
    admin = postgres_server.connect()
    out = {}
    try:
        for name, tables in (("tiny", tiny()), ("synthetic", synth.generate(5_000, seed=21))):
            d = tmp_path_factory.mktemp(name)
            synth.write(d, *tables)
            duck = Store.open(d)
            admin.raw_sql(f"CREATE DATABASE {name}")
            import ibis

            con = ibis.postgres.connect(host="127.0.0.1", port=postgres_server.port, user="postgres", database=name)
            out[name] = (duck, _load(con, duck))
        yield out
    finally:
        mp.undo()


def same(a, b):
    if isinstance(a, pd.DataFrame):
        assert list(a.columns) == list(b.columns)
        pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)
    else:
        assert a == b


@pytest.mark.parametrize("dataset", ["tiny", "synthetic"])
@pytest.mark.parametrize("query", list(QUERIES))
@pytest.mark.parametrize("f", FILTERS, ids=range(len(FILTERS)))
def test_same_answers_on_duckdb_and_postgres(stores, dataset, query, f):
    duck, pg = stores[dataset]
    same(QUERIES[query](duck, f), QUERIES[query](pg, f))


@pytest.mark.parametrize("dataset", ["tiny", "synthetic"])
def test_options_articles_and_lookups(stores, dataset):
    duck, pg = stores[dataset]
    same(duck.run("options"), pg.run("options"))
    same(duck.run("articles"), pg.run("articles"))
    aid = duck.run("articles")["article_id"].iloc[0]
    same(duck.run("article", aid), pg.run("article", aid))
    same(duck.run("article_incidents", aid), pg.run("article_incidents", aid))
    eid = duck.run("incidents", Filters(), limit=1)["event_id"].iloc[0]
    same(duck.run("incident", eid), pg.run("incident", eid))
    assert pg.run("article", "missing") is None and pg.run("incident", "missing") is None


def test_the_server_really_is_postgres(stores):
    _, pg = stores["tiny"]
    assert pg.con.name == "postgres"
    assert pg.run("count", Filters()) == 5
    assert pg.run("summary", Filters())["fatalities"] == 8
