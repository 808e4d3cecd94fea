"""The store's queries on Spark (local mode) give the same answers as on DuckDB, case by case.

The data folders of ``engine_cases`` (the hand-written tiny table and 5,000 synthetic incidents) are
opened on DuckDB over the CSV files and pushed by the product's ``load`` into Parquet folders, which
``Store.open(url="pyspark:///folder")`` registers as views of a Spark session of their own.
"""

from __future__ import annotations

import pytest
from engine_cases import DATASETS, FILTERS, QUERIES, data_folders, lookups, same

from incidents.filters import Filters
from incidents.store.push import push
from incidents.store.store import Store

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def stores(spark_ready, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "spark-store-cache"))
    root = tmp_path_factory.mktemp("spark-engines")
    out = {}
    try:
        for name, folder in data_folders(root / "data").items():
            url = f"pyspark://{root / 'spark' / name}"
            push(url, folder)
            out[name] = (Store.open(folder), Store.open(url=url))
        yield out
    finally:
        mp.undo()


@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("query", list(QUERIES))
@pytest.mark.parametrize("f", FILTERS, ids=range(len(FILTERS)))
def test_same_answers_on_duckdb_and_spark(stores, dataset, query, f):
    duck, sp = stores[dataset]
    same(QUERIES[query](duck, f), QUERIES[query](sp, f))


@pytest.mark.parametrize("dataset", DATASETS)
def test_options_articles_lookups_and_problems(stores, dataset):
    duck, sp = stores[dataset]
    for name, *args in lookups(duck).values():
        same(duck.run(name, *args), sp.run(name, *args))


def test_the_engine_really_is_spark_and_each_store_has_its_own_views(stores):
    (_, tiny), (_, synthetic) = stores["tiny"], stores["synthetic"]
    assert tiny.con.name == "pyspark" and tiny.source.startswith("pyspark:///")
    assert tiny.run("count", Filters()) == 5
    assert synthetic.run("count", Filters(governorates=None, countries=())) == 5_000
