"""The source view's metadata block (incidents/ui/sources.py): address links, date sources, on real rows."""

from __future__ import annotations

import csv
import html

import pytest

from incidents import DEFAULT_DATA_DIR
from incidents.ui.sources import address_html, meta_html, meta_rows


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/a",
                                 " JaVaScRiPt:alert(1)", "//example.org/x"])
def test_only_http_and_https_become_links(url):
    out = address_html(url)
    assert "<a " not in out and "href" not in out
    assert html.escape(url.strip()) in out and "<b>" not in out


def test_a_web_address_is_an_escaped_link_in_a_new_tab():
    out = address_html('http://example.org/a?b=1&c="x"')
    assert out == ('<a href="http://example.org/a?b=1&amp;c=&quot;x&quot;" target="_blank" '
                   'rel="noopener noreferrer nofollow">http://example.org/a?b=1&amp;c=&quot;x&quot;</a>')
    assert address_html("  ") == "not recorded"


def test_shipped_articles_show_outlet_published_and_where_the_date_came_from():
    with open(DEFAULT_DATA_DIR / "articles.csv", encoding="utf-8", newline="") as fh:
        articles = list(csv.DictReader(fh))
    dated = [a for a in articles if a["published"]]
    assert dated and len(dated) < len(articles)
    for art in articles:
        rows = dict(meta_rows(art))
        if art["published"]:
            assert rows["Published"].startswith(art["published"])
            if art["date_source"] == "header":
                assert "from the article's header" in rows["Published"]
        else:
            assert rows["Published"] == "not stated"
        assert rows["Outlet"] == (art["outlet"] or "not named in the text")
        block = meta_html(art)
        assert html.escape(art["title"]) in block and "Address" in block
