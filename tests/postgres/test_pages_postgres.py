"""Every page (dashboard.py and pages/*.py) under AppTest with its tables on PostgreSQL: the data
folder pushed by ``load``, the pages pointed at the server by INCIDENTS_DB. They render without an
error, say what DuckDB over the same CSV files says, and pick up a new ``load``."""

from __future__ import annotations

import sys

import pytest
from streamlit.testing.v1 import AppTest

from incidents import ROOT
from incidents.dataset import synth
from incidents.filters import Filters
from incidents.store.push import push
from incidents.store.store import Store

pytestmark = pytest.mark.postgres

EVERY_PAGE = ("dashboard.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py")))
ALL = {"governorates": "all", "countries": "all"}

if str(ROOT) not in sys.path:  # pages import the package like `streamlit run dashboard.py` does
    sys.path.insert(0, str(ROOT))


def metric(at, label: str) -> int:
    return next(int(m.value.replace(",", "")) for m in at.metric if m.label == label)


@pytest.fixture(scope="module")
def pg_pages(postgres_server, tmp_path_factory):
    """(URL of database ``pages`` filled by ``load`` from 600 synthetic incidents, their folder)."""
    folder = tmp_path_factory.mktemp("pg-pages-data")
    synth.write(folder, *synth.generate(600, seed=11))
    postgres_server.create_database("pages")
    url = postgres_server.url("pages")
    mp = pytest.MonkeyPatch()
    mp.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "pg-pages-cache"))
    try:
        push(url, folder)
        yield url, folder
    finally:
        mp.undo()


@pytest.fixture
def run_on(monkeypatch, tmp_path_factory):
    def run(url: str, page: str, params: dict | None = None) -> AppTest:
        monkeypatch.setenv("INCIDENTS_DB", url)
        monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path_factory.getbasetemp() / "not-used"))
        monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "pg-pages-cache"))
        at = AppTest.from_file(str(ROOT / page), default_timeout=120)
        for k, v in (params or {}).items():
            at.query_params[k] = v
        return at.run()

    return run


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_every_page_renders_on_postgres(pg_pages, run_on, page):
    url, _ = pg_pages
    at = run_on(url, page, ALL)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    if page == "pages/5_Briefing.py":  # a figure page: no title widget, its counts in its header
        assert any("600" in m.value for m in at.markdown), "the briefing counts the 600 incidents"
    else:
        assert at.title and at.caption[0].value.startswith("Filters:")


def test_overview_on_postgres_says_what_duckdb_says(pg_pages, run_on):
    url, folder = pg_pages
    at = run_on(url, "dashboard.py", ALL)
    expected = Store.open(folder).run("summary", Filters(governorates=None, countries=()))
    assert metric(at, "Incidents") == expected["incidents"] == 600
    assert metric(at, "Undated") == expected["undated"]
    assert metric(at, "Governorate only") == expected["governorate_only"]


def test_pages_pick_up_a_new_load(postgres_server, run_on, tmp_path, monkeypatch):
    postgres_server.create_database("refresh")
    url = postgres_server.url("refresh")
    monkeypatch.setenv("INCIDENTS_REFRESH", "0")  # look for a new load on every run
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))
    for n, seed in ((120, 3), (75, 4)):
        folder = tmp_path / f"data-{n}"
        folder.mkdir()
        synth.write(folder, *synth.generate(n, seed=seed))
        push(url, folder)
        assert metric(run_on(url, "dashboard.py", ALL), "Incidents") == n
