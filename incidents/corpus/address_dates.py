"""The publication day a page's address states, for an article that states none elsewhere.

Many news sites put the day into the address ("https://www.example.com/en/2021/12/05/isis-attack-kirkuk"). An
article whose text, page metadata and sidecar give no publication date but whose address holds a full day takes
that day, with ``date_source`` "url" (the review page says "date from the address only"). The address is read by
htmldate (the library that also reads saved pages' metadata, ``corpus.webpage``), which takes only full days:
a year and a month ("/2020/09/"), a bare number ("/261020211") or an id ("/1727789/") give nothing.

``published_in_address(url) -> "YYYY-MM-DD" | ""`` and ``with_address_date(article) -> article``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

_EMPTY_PAGE = "<html><head></head><body></body></html>"


def published_in_address(url: str, today: date | None = None) -> str:
    """The day (ISO) an http(s) address states, or "" (none, a partial one, or one after ``today``)."""
    url = (url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        return ""
    from htmldate import find_date  # imported when needed: it takes a third of a second

    found = find_date(_EMPTY_PAGE, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    if not found or date.fromisoformat(found) > (today or date.today()):
        return ""
    return found


def with_address_date(article):
    """``article`` dated by its address when nothing else dates it (``date_source`` "url"), else unchanged."""
    if article.published or not article.url:
        return article
    day = published_in_address(article.url)
    if not day:
        return article
    return replace(article, published=day, published_precision="day", date_source="url")
