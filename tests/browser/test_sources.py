"""The source view in a real browser: incident spans highlighted; a hostile article (HTML, script,
markdown) shown as text, nothing of it executed or fetched."""

from __future__ import annotations

import pytest
from hostile_article import HOSTILE_ARTICLE_ID, HOSTILE_SENTENCE, HOSTILE_TITLE

from incidents.serving.browser import EXCEPTION_SELECTOR


@pytest.fixture(scope="module")
def hostile_page(hostile_app, browser):
    """The hostile article in the source view, in a fresh context with every request recorded."""
    from incidents.serving.browser import new_context, wait_for_charts, wait_until_idle, watch

    context = new_context(browser)
    seen = watch(context)
    page = context.new_page()
    page.goto(hostile_app.url(f"/Sources?article={HOSTILE_ARTICLE_ID}"), wait_until="domcontentloaded")
    wait_until_idle(page)
    wait_for_charts(page)
    yield page, seen
    context.close()


def test_hostile_article_runs_no_script(hostile_page) -> None:
    page, seen = hostile_page
    assert page.locator(EXCEPTION_SELECTOR).count() == 0
    assert page.evaluate("typeof window.__iimPwned") == "undefined"
    assert page.evaluate("typeof window.__iimImg") == "undefined"
    assert page.title() != "pwned"
    assert seen.page_errors == []


def test_hostile_article_creates_no_element(hostile_page, hostile_app) -> None:
    page, seen = hostile_page
    main = page.get_by_test_id("stMain")
    assert main.locator("img[src='x'], img[onerror]").count() == 0
    assert main.locator("iframe").count() == 0
    assert main.locator("a[href^='javascript']").count() == 0
    assert seen.foreign_requests(hostile_app.netloc) == []


@pytest.mark.parametrize(
    "literal",
    ["<script>window.__iimPwned = 1</script>", '<img src="x" onerror="window.__iimImg = 1">', "**wounding**",
     "[three](javascript:alert(1))", "# Not a heading", '<iframe src="http://example.com/"></iframe>'],
)
def test_hostile_article_shows_its_markup_as_text(hostile_page, literal: str) -> None:
    page, _ = hostile_page
    article = page.locator("pre.iim-article")
    assert article.count() == 1
    assert literal in article.inner_text()


def test_hostile_article_span_is_highlighted(hostile_page) -> None:
    page, _ = hostile_page
    marks = page.locator("pre.iim-article mark.iim-hl")
    assert marks.count() >= 1
    assert "".join(marks.all_inner_texts()).replace("\n", " ").count("Islamic State militants attacked") == 1
    assert HOSTILE_SENTENCE.split("<img")[0].strip() in " ".join(marks.all_inner_texts())
    assert HOSTILE_TITLE in page.get_by_test_id("stMain").inner_text()


def test_shipped_article_spans_are_highlighted(app, session, store) -> None:
    articles = store.run("articles")
    cited = articles[articles["incidents"] > 0]
    assert len(cited), "no article of the shipped data has an incident"
    row = cited.iloc[0]
    own = store.run("article_incidents", row["article_id"])
    own = own[own["article_id"] == row["article_id"]]
    page = session.open(app, f"/Sources?article={row['article_id']}")
    marks = page.locator("pre.iim-article mark.iim-hl")
    assert marks.count() >= 1
    numbers = set()
    for value in marks.evaluate_all("els => els.map(e => e.dataset.incidents)"):
        numbers.update(value.split())
    assert len(numbers) == own["span_start"].notna().sum()
