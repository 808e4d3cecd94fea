"""Nothing hidden or cut at the sizes analysts use (1366x768 and 1920x1080), in chromium on the shipped
data: no element of a page's main area runs past the window, the Briefing fits the window, and a source
link opens the source view with the incident's sentence in view."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from incidents.filters import Filters
from incidents.serving.browser import act_and_wait, new_context, wait_for_charts, wait_until_idle

SIZES = [(1366, 768), (1920, 1080)]
FOCUS_EVENT = ("a64a90ba762d0f485", "IIMaa23b3c343b4")  # the Kirkuk detachment: "4 killed"
PAGES = ["/", "/?governorates=all", "/Map", "/Map?governorates=all", "/Timeline", "/Timeline?freq=month",
         f"/Sources?article={FOCUS_EVENT[0]}&event={FOCUS_EVENT[1]}", "/Sources", "/Incidents?governorates=all",
         "/Briefing"]

# Elements of the main area whose right edge is past the window, leaving out those inside a box that
# clips or scrolls them and itself ends inside the window (a table's own scroll area, a map canvas).
_OVERFLOW_JS = """(vw) => {
  const main = document.querySelector("[data-testid='stMain']") || document.body;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== main.parentElement; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox !== "visible" && p.getBoundingClientRect().right <= vw + 1) return true;
    }
    return false;
  };
  const out = [];
  for (const el of main.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && (r.right > vw + 1 || r.left < -1) && !clipped(el)) {
      out.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 60)} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  return {items: out.slice(0, 10), pageWidth: document.documentElement.scrollWidth, mainWidth: main.scrollWidth,
          mainClient: main.clientWidth};
}"""


def _open(browser, app, path: str, size: tuple[int, int]):
    context = new_context(browser, *size)
    page = context.new_page()
    page.goto(app.url(path), wait_until="domcontentloaded")
    wait_until_idle(page)
    wait_for_charts(page)
    return context, page


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("path", PAGES)
def test_figures_layout_nothing_wider_than_the_window(app, browser, path, size) -> None:
    context, page = _open(browser, app, path, size)
    try:
        found = page.evaluate(_OVERFLOW_JS, size[0])
        assert found["items"] == [], f"{path} at {size}: {found['items']}"
        assert found["pageWidth"] <= size[0] and found["mainWidth"] <= found["mainClient"] + 1, found
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("query", ["", "?governorates=all", "?embed=true"])
def test_figures_layout_briefing_fits_the_window(app, browser, size, query) -> None:
    context, page = _open(browser, app, "/Briefing" + query, size)
    try:
        footer = page.get_by_test_id("iim-footer").bounding_box()
        assert footer is not None and footer["y"] + footer["height"] <= size[1]
        height = page.evaluate("() => { const m = document.querySelector(\"[data-testid='stMain']\");"
                               " return Math.max(m.scrollHeight, document.documentElement.scrollHeight); }")
        assert height <= size[1], f"the briefing is {height} px tall in a {size[1]} px window"
        title = page.locator(".iim-brief-head h1").first.inner_text()
        assert title.startswith("Incidents in ") and "ISIS" not in title  # says what is shown
        rows = page.locator("[data-testid='iim-top'] tbody tr")
        assert rows.count() >= 1
        for i in range(rows.count()):
            box = rows.nth(i).bounding_box()
            assert box["y"] + box["height"] <= size[1]
    finally:
        context.close()


def _focus_in_view(page, size: tuple[int, int]) -> dict:
    page.wait_for_function("""(h) => { const el = document.getElementById('iim-focus');
        if (!el) return false; const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= h; }""",
                           arg=size[1], timeout=30_000)
    return page.evaluate("""() => { const el = document.getElementById('iim-focus'); const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, incidents: el.dataset.incidents,
                why: !!document.querySelector('.iim-callout .iim-why')}; }""")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_figures_source_link_scrolls_the_incident_span_into_view(app, browser, store, size) -> None:
    """From the overview's latest list, the Source link of an incident opens the source view at that
    incident's sentence: its first mark is in the window, with the box saying why under it."""
    context, page = _open(browser, app, "/?governorates=all", size)
    try:
        latest = store.run("incidents", Filters(governorates=None), limit=10, order="latest")
        with_article = latest[latest["article_id"].notna()]
        row = with_article.iloc[len(with_article) - 1]  # one far down its article
        link = page.locator(f"a[href*='event={row['event_id']}']").first
        assert link.count() == 1
        act_and_wait(page, link.click)
        query = parse_qs(urlsplit(page.url).query)
        assert query.get("event") == [row["event_id"]] and query.get("article") == [row["article_id"]]
        seen = _focus_in_view(page, size)
        own = store.run("article_incidents", row["article_id"])
        number = list(own["event_id"]).index(row["event_id"]) + 1
        assert seen["incidents"].split()[0] == str(number) and seen["why"]
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_figures_source_url_opened_directly_shows_the_span(app, browser, size) -> None:
    article, event = FOCUS_EVENT
    context, page = _open(browser, app, f"/Sources?article={article}&event={event}", size)
    try:
        seen = _focus_in_view(page, size)
        assert seen["why"]
        assert "4 killed" in page.locator(".iim-callout").inner_text()
        tags = page.locator("pre.iim-article .iim-field-tag").all_inner_texts()
        assert "place" in tags and "count" in tags
    finally:
        context.close()
