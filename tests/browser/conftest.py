"""Browser tier: the real dashboard, started as ``make run`` starts it (``python -m incidents serve``:
Streamlit plus its warm-up run), driven by Debian's chromium.

One server per session on the shipped data (data/), one on a temporary data folder holding a hostile
article (HTML, script, markdown), one browser per session, a fresh browser context per test. Every
test in this folder is marked ``browser``. Nothing sleeps: pages are done when Streamlit says
``notRunning`` (incidents.serving.browser.wait_until_idle).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile_article import write_hostile_data  # tests/browser is on sys.path (no package here)

from incidents import ROOT
from incidents.serving.browser import (
    PageWatch,
    Server,
    chromium,
    new_context,
    streamlit_server,
    wait_until_idle,
    watch,
)

BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``browser``."""
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, for the whole session."""
    with chromium() as b:
        yield b


def shipped_data() -> Path:
    """The data folder the main server uses: data/ (IIM_BROWSER_DATA_DIR overrides it for development)."""
    return Path(os.environ.get("IIM_BROWSER_DATA_DIR") or ROOT / "data")


@pytest.fixture(scope="session")
def app() -> Iterator[Server]:
    """The dashboard on the shipped data (data/), on a free port."""
    with streamlit_server(shipped_data()) as server:
        yield server


@pytest.fixture(scope="session")
def store():
    """The product's Store over the same data as ``app``: the expected counts."""
    from incidents.store.store import Store

    return Store.open(shipped_data())


@pytest.fixture(scope="session")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard on a data folder whose only article is hostile (HTML, script, markdown)."""
    folder = write_hostile_data(tmp_path_factory.mktemp("hostile-data"))
    with streamlit_server(folder) as server:
        yield server


@dataclass
class Session:
    """A fresh browser context with its recorder; ``open`` loads a page and waits until it is done."""

    context: object
    seen: PageWatch

    def open(self, server: Server, path: str, page=None):
        """Open ``path`` of ``server`` (in ``page`` or a new page) and wait for Streamlit to finish."""
        page = page or self.context.new_page()
        page.goto(server.url(path), wait_until="domcontentloaded")
        wait_until_idle(page)
        return page


@pytest.fixture()
def session(browser) -> Iterator[Session]:
    """A fresh browser context (own cookies, storage, session) per test, every request recorded."""
    context = new_context(browser)
    seen = watch(context)
    yield Session(context, seen)
    context.close()


COUNT_PATTERNS = (
    re.compile(r"([\d,]+) incident\(s\) under the filters"),
)


def shown_count(page) -> int:
    """The incident count a page shows: the "Incidents" metric (overview), the briefing's count box, or
    the "N incident(s) under the filters" caption (map, incidents)."""
    metric = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text("Incidents", exact=True)
    )
    if metric.count():
        return int(metric.first.get_by_test_id("stMetricValue").inner_text().replace(",", ""))
    box = page.locator("[data-testid='iim-counts'] [data-label='incidents'] .v")
    if box.count():
        return int(box.first.inner_text().replace(",", ""))
    text = page.locator("[data-testid='stMain']").inner_text()
    for pattern in COUNT_PATTERNS:
        m = pattern.search(text)
        if m:
            return int(m.group(1).replace(",", ""))
    raise AssertionError(f"no incident count on {page.url}; the page says:\n{text[:1500]}")


@pytest.fixture(scope="session")
def count_on():
    """``count_on(page)``: the incident count the page shows (see ``shown_count``)."""
    return shown_count
