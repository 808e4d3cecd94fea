"""Filters in a real browser: the first change after load takes effect, the URL reproduces the view
in another browser, and the filters survive a page switch."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from incidents.filters import Filters, from_query_params
from incidents.serving.browser import act_and_wait, new_context, wait_until_idle

MIN_FATALITIES = ".st-key-_f_min_fatalities input"


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.fixture(scope="module")
def threshold(store) -> int:
    """A minimum-fatalities value that changes the default count on the shipped data."""
    total = store.run("count", Filters())
    for value in (1, 2, 3, 5, 10):
        if 0 < store.run("count", Filters(min_fatalities=value)) < total:
            return value
    pytest.fail("the shipped data has no incident with fatalities under the default filters")


@pytest.fixture(scope="module")
def changed(app, browser, threshold, count_on):
    """The overview opened in a fresh context, its count read, then ONE widget change (minimum
    fatalities) as the first interaction after load. Yields (page, count before)."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(app.url("/"), wait_until="domcontentloaded")
    wait_until_idle(page)
    before = count_on(page)
    box = page.locator(MIN_FATALITIES)

    def change() -> None:
        box.fill(str(threshold))
        box.press("Enter")

    act_and_wait(page, change)
    yield page, before
    context.close()


def test_first_widget_change_after_load_takes_effect(changed, store, threshold, count_on) -> None:
    page, before = changed
    assert before == store.run("count", Filters())
    assert count_on(page) == store.run("count", Filters(min_fatalities=threshold)) != before
    assert _query(page.url).get("min_fatalities") == [str(threshold)]


def test_filtered_url_in_a_fresh_context_shows_the_same_counts(changed, app, browser, threshold, count_on) -> None:
    page, _ = changed
    other = new_context(browser)  # another analyst's browser: no cookies, no session
    try:
        fresh = other.new_page()
        fresh.goto(page.url, wait_until="domcontentloaded")
        wait_until_idle(fresh)
        assert count_on(fresh) == count_on(page)
        assert fresh.locator(MIN_FATALITIES).input_value() == str(threshold)
    finally:
        other.close()


def test_filters_survive_page_switches(changed, store, threshold, count_on) -> None:
    page, _ = changed
    expected = store.run("count", Filters(min_fatalities=threshold))
    for target in ("Incidents", "Map"):
        link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=target, exact=True)
        act_and_wait(page, link.click)
        assert urlsplit(page.url).path.endswith("/" + target)
        assert page.locator(MIN_FATALITIES).input_value() == str(threshold), target
        assert _query(page.url).get("min_fatalities") == [str(threshold)], target
        assert count_on(page) == expected, target


@pytest.mark.parametrize("query", ["governorates=Kirkuk&undated=0", "governorates=all&from=2024-01-01&to=2024-12-31"])
def test_url_parameters_give_the_stores_count(app, session, store, count_on, query: str) -> None:
    filters, notes = from_query_params({k: v[-1] for k, v in parse_qs(query).items()})
    assert notes == []
    page = session.open(app, "/Incidents?" + query)
    assert count_on(page) == store.run("count", filters)
