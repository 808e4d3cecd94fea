"""The store's queries on a real PostgreSQL server give the same answers as on DuckDB.

The same data folders (the hand-written tiny table and 5,000 synthetic incidents, ``engine_cases``)
are opened on DuckDB (``Store.open`` over the CSV files) and pushed into PostgreSQL by the product's
own ``load`` (``incidents.store.push``), then opened there by URL (``Store.open(url=...)``); every
query runs on both through the same Ibis expressions, case by case.
"""

from __future__ import annotations

import pytest
from engine_cases import DATASETS, FILTERS, QUERIES, data_folders, lookups, same

from incidents.filters import Filters
from incidents.store.push import push
from incidents.store.store import Store

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def stores(postgres_server, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "pg-store-cache"))
    out = {}
    try:
        for name, folder in data_folders(tmp_path_factory.mktemp("engines")).items():
            postgres_server.create_database(name)
            url = postgres_server.url(name)
            push(url, folder)
            out[name] = (Store.open(folder), Store.open(url=url))
        yield out
    finally:
        for _, on_postgres in out.values():
            on_postgres.con.disconnect()
        mp.undo()


@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("query", list(QUERIES))
@pytest.mark.parametrize("f", FILTERS, ids=range(len(FILTERS)))
def test_same_answers_on_duckdb_and_postgres(stores, dataset, query, f):
    duck, pg = stores[dataset]
    same(QUERIES[query](duck, f), QUERIES[query](pg, f))


@pytest.mark.parametrize("dataset", DATASETS)
def test_options_articles_lookups_and_problems(stores, dataset):
    duck, pg = stores[dataset]
    for name, *args in lookups(duck).values():
        same(duck.run(name, *args), pg.run(name, *args))


def test_the_server_really_is_postgres(stores):
    _, pg = stores["tiny"]
    assert pg.con.name == "postgres"
    assert pg.source.startswith("postgresql://postgres@127.0.0.1:")
    assert pg.run("count", Filters()) == 5
    assert pg.run("summary", Filters())["fatalities"] == 8
