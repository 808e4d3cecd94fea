"""Every page (dashboard.py and pages/*.py) under AppTest with its tables on Spark in local mode:
the data folder pushed by ``load`` into a Parquet folder, the pages pointed at it by INCIDENTS_DB.
They render without an error and count what DuckDB counts over the same CSV files."""

from __future__ import annotations

import sys

import pytest
from streamlit.testing.v1 import AppTest

from incidents import ROOT
from incidents.dataset import synth
from incidents.filters import Filters
from incidents.store.push import push
from incidents.store.store import Store

pytestmark = pytest.mark.spark

EVERY_PAGE = ("dashboard.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py")))
ALL = {"governorates": "all", "countries": "all"}

if str(ROOT) not in sys.path:  # pages import the package like `streamlit run dashboard.py` does
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="module")
def spark_url(spark_ready, tmp_path_factory):
    """(URL of a Parquet folder filled by ``load`` from 600 synthetic incidents, the data folder)."""
    root = tmp_path_factory.mktemp("spark-pages")
    synth.write(root / "data", *synth.generate(600, seed=11))
    url = f"pyspark://{root / 'spark'}"
    push(url, root / "data")
    return url, root / "data"


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_every_page_renders_on_spark(spark_url, page, monkeypatch, tmp_path_factory):
    url, folder = spark_url
    monkeypatch.setenv("INCIDENTS_DB", url)
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "spark-pages-cache"))
    at = AppTest.from_file(str(ROOT / page), default_timeout=600)
    for k, v in ALL.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if page == "dashboard.py":
        metrics = {m.label: m.value for m in at.metric}
        expected = Store.open(folder).run("summary", Filters(governorates=None, countries=()))
        assert int(metrics["Incidents"].replace(",", "")) == expected["incidents"] == 600
