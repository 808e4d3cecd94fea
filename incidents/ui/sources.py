"""Rendering of the source view: an article's metadata, its text with incident spans
highlighted, and its incidents; the notes of an incident that has no article (ACLED)."""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from incidents import cells, words
from incidents.figures.highlight import Span, article_html, invalid_spans, parse_chrome
from incidents.filters import Filters
from incidents.ui import state
from incidents.ui.links import source_url
from incidents.ui.page import incident_html, md_escape


def spans_of(article_id: str, incidents: pd.DataFrame) -> tuple[list[Span], dict[int, str]]:
    """The highlightable spans of an article's own incidents (numbered 1.. in table order) and
    a label per number (``words.kind``). Incidents that only list the article among their sources get a number
    but no span (their quote is in another article)."""
    spans: list[Span] = []
    labels: dict[int, str] = {}
    for n, inc in enumerate(incidents.to_dict("records"), start=1):
        labels[n] = words.kind(inc)
        if cells.text(inc.get("article_id")) != article_id:
            continue
        try:
            start, end = int(inc["span_start"]), int(inc["span_end"])
        except (KeyError, TypeError, ValueError):
            continue
        spans.append(Span(start, end, n, cells.text(inc.get("event_type"))))
    return spans, labels


DATE_SOURCES = {"metadata": "from the page's or collection's metadata", "header": "from the article's header",
                "text": "from the article's text"}  # articles.csv date_source -> words


def address_html(url: str) -> str:
    """An article's address as an escaped link that opens in a new tab: http and https only; any
    other value is shown as escaped text (never a link), nothing as "not recorded"."""
    url = url.strip()
    if not url:
        return "not recorded"
    if not url.lower().startswith(("http://", "https://")):
        return html.escape(url) + " (not a web address: not linked)"
    safe = html.escape(url, quote=True)
    return f'<a href="{safe}" target="_blank" rel="noopener noreferrer nofollow">{safe}</a>'


def _published_words(art: Mapping) -> str:
    """"2024-12-19 (precision: day; from the article's header)", or "not stated"."""
    published = cells.text(art.get("published"))
    if not published:
        return "not stated"
    bits = [f"precision: {p}" for p in [cells.text(art.get("published_precision"))] if p]
    source = cells.text(art.get("date_source"))
    if source:
        bits.append(DATE_SOURCES.get(source, f"from {source}"))
    return published + (f" ({'; '.join(bits)})" if bits else "")


def meta_rows(art: Mapping) -> list[tuple[str, str]]:
    """(label, plain text) rows of an article's metadata, in reading order; the address is apart."""
    part = cells.text(art.get("part"))
    rows = [
        ("Outlet", cells.text(art.get("outlet")) or "not named in the text"),
        ("Published", _published_words(art)),
        ("File", cells.text(art.get("file")) + (f", article {part} in the file" if part else "")),
    ]
    record = cells.text(art.get("record"))
    if record and record != cells.text(art.get("file")):
        rows.append(("Record", record))
    if cells.text(art.get("ingested_at")):
        rows.append(("Added", cells.text(art.get("ingested_at"))))
    rows.append(("Article id", cells.text(art.get("article_id"))))
    if cells.text(art.get("dataset")):
        rows.append(("Dataset", cells.text(art.get("dataset"))))
    return rows


def meta_html(art: Mapping) -> str:
    """Title, address (a link), outlet, published date with its precision and where it came from,
    file and part, record, when it was added, id: escaped HTML."""
    cells_html = [("Address", address_html(cells.text(art.get("url"))))]
    cells_html += [(k, html.escape(v)) for k, v in meta_rows(art)]
    table = "".join(f'<tr><th style="text-align:left;padding:1px 12px 1px 0;color:#555">{html.escape(k)}</th>'
                    f'<td style="overflow-wrap:anywhere">{v}</td></tr>' for k, v in cells_html)
    return (f'<div class="iim-article-meta"><h3 style="margin:0 0 0.3rem 0">'
            f'{html.escape(cells.text(art.get("title")) or "(untitled)")}</h3>'
            f'<table style="border-collapse:collapse;font-size:0.9rem">{table}</table></div>')


def show_article(art: Mapping, incidents: pd.DataFrame, matching: set[str] | None = None) -> None:
    """Metadata, highlighted text (left) and the numbered incidents with all fields (right).
    ``matching``: the event ids of these incidents the filters select (None: all of them); the
    others are still shown, said to be outside the filters."""
    aid = cells.text(art.get("article_id"))
    text = cells.text(art.get("text"))
    st.html(meta_html(art))
    spans, labels = spans_of(aid, incidents)
    bad = invalid_spans(text, spans)
    left, right = st.columns([3, 2], gap="medium")
    with left:
        st.markdown("**Article text** — incident spans highlighted in their event type's colour and "
                    "numbered; page chrome (captions, teasers, site headers) in grey.")
        st.html(article_html(text, spans, parse_chrome(art.get("chrome_spans")), labels))
        if bad:
            st.warning("Span(s) of incident(s) " + ", ".join(f"#{n}" for n in bad)
                       + " do not fit this article's text and are not highlighted.")
    with right:
        if incidents.empty:
            st.info("No incident was extracted from this article (for example statistics, plans, "
                    "opinion or policy only).", icon=":material/description:")
        else:
            under = "" if matching is None else f" ({sum(e in matching for e in incidents['event_id']):,} under the filters)"
            st.markdown(f"**{len(incidents)} incident{'s' if len(incidents) != 1 else ''} from this article**{under}")
            for n, inc in enumerate(incidents.to_dict("records"), start=1):
                st.html(incident_html(inc, number=n))
                if matching is not None and cells.text(inc.get("event_id")) not in matching:
                    st.caption(f"#{n} is outside the filters: it is not counted in the other pages' figures.")
                if cells.text(inc.get("article_id")) and cells.text(inc.get("article_id")) != aid:
                    st.caption(f"#{n} is also reported here; its quote comes from another article.")


def show_incident_without_article(inc: Mapping) -> None:
    """An incident with no article text (ACLED import): its notes and sources."""
    st.subheader("Incident without an article")
    st.info("This incident was imported (dataset "
            f"“{md_escape(cells.text(inc.get('dataset')) or 'unknown')}”), not extracted from an article: "
            "its notes and sources are what the export gives.", icon=":material/description:")
    st.html(incident_html(inc))


def articles_table(arts: pd.DataFrame, f: Filters) -> None:
    """Every article, newest first, with its count of incidents under the filters (the ``articles``
    query's ``incidents``); selecting a row opens it."""
    view = arts.reindex(columns=["title", "outlet", "published", "published_precision", "incidents", "file",
                                 "article_id"]).copy()
    # a missing value is said in words, never shown as "None"
    for col, missing in (("outlet", "not named"), ("published", "not stated"), ("published_precision", "")):
        view[col] = view[col].astype("string").fillna("").replace("", missing)
    view["open"] = [source_url(f, a) for a in view["article_id"].astype(str)]
    event = st.dataframe(
        view, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
        key="_src_table",
        column_config={
            "title": st.column_config.TextColumn("Title", width="large"),
            "outlet": "Outlet", "published": "Published", "published_precision": "Precision",
            "incidents": st.column_config.NumberColumn(
                "Incidents", format="%d", help="Incidents under the filters that cite this article (as their "
                "article or among their sources): what the other pages count when this article is chosen"),
            "file": "File", "article_id": "Article id",
            "open": st.column_config.LinkColumn("Source view", display_text="open"),
        },
    )
    rows = event.get("selection", {}).get("rows", []) if isinstance(event, Mapping) else []
    if rows and 0 <= rows[0] < len(view):
        state.update(article_id=str(view["article_id"].iloc[rows[0]]))
        st.rerun()
