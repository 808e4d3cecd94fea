"""Rendering of the source view: an article's metadata, its text with incident spans
highlighted, and its incidents with the analysts' corrections of each; the notes of an incident
that has no article (ACLED). Opened for one incident (``?article=...&event=...``), the view
scrolls to that incident's span, emphasises it and marks the words its place, date and counts
were read from, with a table saying why the row says what it says."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import streamlit as st

from incidents import cells, words
from incidents.dataset.corrections import Correction
from incidents.figures.highlight import (
    Span,
    article_html,
    invalid_spans,
    parse_chrome,
    parse_fields,
    provenance_html,
    valid_span,
)
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
                "text": "from the article's text", "url": "from the day in the page's address"}  # articles.csv date_source -> words


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


def focus_number(incidents: pd.DataFrame, event_id: str | None) -> int | None:
    """The number (1..) in the source view of the incident ``event_id`` among an article's
    incidents (table order, as ``spans_of`` numbers them), or None."""
    if not event_id or incidents.empty:
        return None
    ids = incidents["event_id"].astype(str).tolist()
    return ids.index(event_id) + 1 if event_id in ids else None


def corrections_html(found: Sequence[Correction]) -> str:
    """The analysts' corrections of one incident as escaped HTML (class iim-corrections): per
    correction the change (field set to value, or rejected), who, when and why, and where it is
    written (corrections.csv line)."""
    if not found:
        return ""
    items = []
    for c in found:
        change = f"{c.field} set to “{c.value}”" if c.action == "override" else c.action
        items.append(f'<li><b>{html.escape(change)}</b> by {html.escape(c.analyst)}, {html.escape(c.date)}: '
                     f'{html.escape(c.reason)} <span style="color:#777">({html.escape(Path(c.path).name)} line '
                     f'{c.line})</span></li>')
    return (f'<div class="iim-corrections" style="font-size:0.85rem;margin:0.1rem 0 0.6rem 0;padding:0.4rem 0.8rem;'
            f'background:#f3f6fb;border-left:4px solid #4a6fa5;overflow-wrap:anywhere">'
            f'<div style="font-weight:600">Corrected by analysts ({len(found)} change'
            f'{"s" if len(found) != 1 else ""})</div><ul style="margin:0.2rem 0 0 0;padding-left:1.1rem">'
            f'{"".join(items)}</ul></div>')


# Scrolls the incident in focus to the top of the view (below Streamlit's header), so its sentence
# and the box under it are in sight, once the article is drawn. A fixed script: no data in it.
SCROLL_SCRIPT = """<script>
(() => {
  let tries = 0;
  const scroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const oy = getComputedStyle(p).overflowY;
      if ((oy === "auto" || oy === "scroll") && p.scrollHeight > p.clientHeight) return p;
    }
    return document.scrollingElement;
  };
  const go = () => {
    const el = document.getElementById("iim-focus");
    if (!el) { if (++tries < 100) setTimeout(go, 50); return; }
    const box = scroller(el);
    const top = box === document.scrollingElement ? 0 : box.getBoundingClientRect().top;
    box.scrollBy({top: el.getBoundingClientRect().top - top - 90});
  };
  go();
})();
</script>"""


def focus_callout(inc: Mapping, text: str, number: int, fixes: Sequence[Correction]) -> str:
    """The box drawn under the focus incident's sentence: why its row says what it says (place,
    date, casualties and the words they were read from) and the analysts' corrections of it."""
    return provenance_html(inc, text, number, corrected={c.field for c in fixes if c.action == "override"},
                           extra=corrections_html(fixes))


def _article_text(art: Mapping, incidents: pd.DataFrame, focus: int | None,
                  corrections: Mapping[str, Sequence[Correction]]) -> None:
    """The highlighted text, with the focus incident's span emphasised, its fields marked and its
    callout under its sentence (above the text when its span is not in this text), then notes."""
    aid = cells.text(art.get("article_id"))
    text = "" if cells.missing(art.get("text")) else str(art["text"])  # as found: spans count from its first character
    spans, labels = spans_of(aid, incidents)
    inc = incidents.iloc[focus - 1].to_dict() if focus else None
    fields, callout = [], ""
    if inc:
        fields = parse_fields(inc.get("place_span"), inc.get("date_span"), inc.get("count_spans"))
        callout = focus_callout(inc, text, focus, corrections.get(cells.text(inc.get("event_id")), ()))
        if not any(sp.number == focus for sp in spans if valid_span(text, sp)):
            st.html(callout)
    st.markdown("**Article text** — incident spans highlighted in their event type's colour and "
                "numbered" + ("; the words the place, date and counts were read from are boxed and tagged"
                              if inc else "") + "; page chrome (captions, teasers, site headers) in grey.")
    st.html(article_html(text, spans, parse_chrome(art.get("chrome_spans")), labels, focus, fields, callout))
    if focus:
        st.html(SCROLL_SCRIPT, unsafe_allow_javascript=True)
    bad = invalid_spans(text, spans)
    if bad:
        st.warning("Span(s) of incident(s) " + ", ".join(f"#{n}" for n in bad)
                   + " do not fit this article's text and are not highlighted.")


def show_article(art: Mapping, incidents: pd.DataFrame, focus_event: str | None = None,
                 corrections: Mapping[str, Sequence[Correction]] | None = None,
                 matching: set[str] | None = None) -> None:
    """Metadata, highlighted text (left) and the numbered incidents with all fields and their
    corrections (right). ``focus_event``: the incident the view was opened for: the page scrolls
    to its span, emphasises it and marks where its place, date and counts were read.
    ``matching``: the event ids of these incidents the filters select (None: all of them); the
    others are still shown, said to be outside the filters."""
    aid = cells.text(art.get("article_id"))
    corrections = corrections or {}
    st.html(meta_html(art))
    focus = focus_number(incidents, focus_event)
    if focus_event and focus is None:
        st.warning(f"The incident “{md_escape(focus_event[:80])}” is not one of this article's incidents.")
    left, right = st.columns([3, 2], gap="medium")
    with left:
        _article_text(art, incidents, focus, corrections)
    with right:
        if incidents.empty:
            st.info("No incident was extracted from this article (for example statistics, plans, "
                    "opinion or policy only).", icon=":material/description:")
            return
        under = "" if matching is None else f" ({sum(e in matching for e in incidents['event_id']):,} under the filters)"
        st.markdown(f"**{len(incidents)} incident{'s' if len(incidents) != 1 else ''} from this article**{under}")
        for n, inc in enumerate(incidents.to_dict("records"), start=1):
            st.html(incident_html(inc, number=n, focused=n == focus))
            fixes = corrections.get(cells.text(inc.get("event_id")), ())
            if fixes:
                st.html(corrections_html(fixes))
            if matching is not None and cells.text(inc.get("event_id")) not in matching:
                st.caption(f"#{n} is outside the filters: it is not counted in the other pages' figures.")
            if cells.text(inc.get("article_id")) and cells.text(inc.get("article_id")) != aid:
                st.caption(f"#{n} is also reported here; its quote comes from another article.")


def show_incident_without_article(inc: Mapping, corrections: Mapping[str, Sequence[Correction]] | None = None) -> None:
    """An incident with no article text (ACLED import): its notes, sources and corrections."""
    st.subheader("Incident without an article")
    st.info("This incident was imported (dataset "
            f"“{md_escape(cells.text(inc.get('dataset')) or 'unknown')}”), not extracted from an article: "
            "its notes and sources are what the export gives.", icon=":material/description:")
    st.html(incident_html(inc))
    fixes = (corrections or {}).get(cells.text(inc.get("event_id")), ())
    if fixes:
        st.html(corrections_html(fixes))


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
