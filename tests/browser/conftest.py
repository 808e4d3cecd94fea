"""Browser tier: the real dashboard (``streamlit run dashboard.py``) driven by Debian's chromium.

One server per session on the shipped data (data/), one on a temporary data folder holding a hostile
article (HTML, script, markdown), one browser per session, a fresh browser context per test. Every
test in this folder is marked ``browser``. Nothing sleeps: pages are done when Streamlit says
``notRunning`` (incidents.browser.wait_until_idle).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from incidents import ROOT
from incidents.browser import (
    PageWatch,
    Server,
    chromium,
    new_context,
    streamlit_server,
    wait_until_idle,
    watch,
)
from incidents.schema import ARTICLE_COLUMNS, INCIDENT_COLUMNS
from incidents.tables import write_table

BROWSER_DIR = Path(__file__).resolve().parent

HOSTILE_TITLE = "<script>window.__iimPwned = 1</script> Attack near Hawija"
HOSTILE_SENTENCE = (
    "Islamic State militants attacked an army checkpoint in Hawija on Thursday, killing two soldiers "
    '<img src="x" onerror="window.__iimImg = 1"> and **wounding** [three](javascript:alert(1)) others.'
)
HOSTILE_TEXT = (
    f"{HOSTILE_TITLE}\n"
    "By <b>Evil</b> Outlet\n"
    "2024-05-03\n\n"
    f"{HOSTILE_SENTENCE}\n"
    "<script>window.__iimPwned = 2; document.title = 'pwned'</script>\n"
    "# Not a heading\n"
    "<iframe src=\"http://example.com/\"></iframe>\n"
)
HOSTILE_ARTICLE_ID = "a0123456789abcdef"
HOSTILE_EVENT_ID = "IIM0000hostile"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``browser``."""
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def write_hostile_data(folder: Path) -> Path:
    """Write incidents.csv and articles.csv with one hostile article and its one incident into ``folder``."""
    start = HOSTILE_TEXT.index(HOSTILE_SENTENCE)
    end = start + len(HOSTILE_SENTENCE)
    article = {c: None for c in ARTICLE_COLUMNS} | {
        "article_id": HOSTILE_ARTICLE_ID, "file": "hostile.txt", "part": 1, "title": HOSTILE_TITLE,
        "outlet": "<b>Evil</b> Outlet", "published": "2024-05-03", "published_precision": "day",
        "char_start": 0, "char_end": len(HOSTILE_TEXT), "chrome_spans": "[]", "dataset": "extracted",
        "text": HOSTILE_TEXT,
    }
    incident = {c: None for c in INCIDENT_COLUMNS} | {
        "event_id": HOSTILE_EVENT_ID, "event_date": "2024-05-02", "year": 2024, "time_precision": 1,
        "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Islamic State (Iraq)", "actor2": "Military Forces of Iraq", "country": "Iraq",
        "admin1": "Kirkuk", "admin2": "Hawija", "location": "Hawija", "latitude": 35.3288,
        "longitude": 43.7706, "geo_precision": 1, "source": "<b>Evil</b> Outlet", "fatalities": 2,
        "fatalities_low": 2, "fatalities_high": 2, "wounded": 3, "notes": HOSTILE_SENTENCE,
        "date_start": "2024-05-02", "date_end": "2024-05-02", "source_articles": HOSTILE_ARTICLE_ID,
        "article_id": HOSTILE_ARTICLE_ID, "span_start": start, "span_end": end, "quote": HOSTILE_SENTENCE,
        "method": "test", "dataset": "extracted",
    }
    folder.mkdir(parents=True, exist_ok=True)
    write_table(pd.DataFrame([incident]), folder / "incidents.csv", INCIDENT_COLUMNS)
    write_table(pd.DataFrame([article]), folder / "articles.csv", ARTICLE_COLUMNS)
    return folder


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
    from incidents.store import Store

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
