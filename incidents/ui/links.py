"""URLs between pages, built from the filters (pure; no streamlit).

Page URLs are relative ("Sources?article=...") so they work under any server base path and
from any page: the multipage app serves every page at the top level.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from incidents.filters import Filters, to_query_params

MAP_PAGE = "pages/1_Map.py"
TIMELINE_PAGE = "pages/2_Timeline.py"
SOURCES_PAGE = "pages/3_Sources.py"
TRENDS_PAGE = "pages/6_Trends.py"
SOURCES_URL = "Sources"


def source_params(f: Filters, article_id: str | None = None, event_id: str | None = None) -> dict[str, str]:
    """Query parameters of the source view: the filters (with ``article`` set to ``article_id``
    when given) plus ``event`` when an incident is meant: with an article the view scrolls to
    that incident's sentence and marks where its place, date and counts were read; without one
    (ACLED imports) it shows the incident's notes."""
    base = replace(f, article_id=article_id) if article_id else f
    params = to_query_params(base)
    if event_id:
        params["event"] = event_id
    return params


def source_url(f: Filters, article_id: str | None = None, event_id: str | None = None) -> str:
    """Relative URL of the source view of an article, pointed at one of its incidents when
    ``event_id`` is given (``Sources?article=...&event=...``), or of an incident without one."""
    params = source_params(f, article_id, event_id)
    return SOURCES_URL + ("?" + urlencode(params) if params else "")
