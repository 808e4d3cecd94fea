"""The Review page's views: the corrections file's state, the queue, and the incident in hand.

The queue is the incidents under the sidebar's filters in review order (``incidents.dataset.review``):
lowest confidence first with the reasons to review them, or newest first; "unreviewed only" leaves
the confirmed ones out. Order, "unreviewed only" and the incident in hand are page settings in the
URL (``order``, ``unreviewed=1``, ``review=<event_id>``). The incident in hand is shown with its
article text (its span and the spans its place, date and counts were read from marked), every field,
its corrections in the order they were made, and the other incidents of its article. The actions
are ``incidents.ui.review_actions`` (editing mode only).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from incidents import cells, words
from incidents.dataset.review import ORDERS, confidence_text, field_spans, history, review_queue
from incidents.figures.highlight import parse_chrome
from incidents.figures.review_text import excerpt_bounds, legend_html, review_html
from incidents.filters import Filters
from incidents.schema import INCIDENT_COLUMNS
from incidents.ui import data, state
from incidents.ui.page import incident_html, note_html, problem_list_html

QUEUE_COLUMNS = ("event_id", "event_date", "date_start", "date_end", "time_precision", "event_type", "sub_event_type",
                 "actor1", "actor2", "location", "admin1", "country", "geo_precision", "fatalities", "fatalities_low",
                 "fatalities_high", "wounded", "arrested", "source", "article_id", "confidence", "review_reasons",
                 "dataset")
QUEUE_SHOWN = 500  # rows of the queue drawn in its table (the picker holds them all)


def corrections_state() -> None:
    """The corrections file's lines that cannot be applied (file:line:column) and its orphans
    (corrections whose incident is not in the table), listed, never dropped."""
    st_ = data.store().corrections
    if st_ is None:
        return
    if st_.problems:
        st.html(note_html(f"{len(st_.problems)} line(s) of {st_.path.name} cannot be applied; the other corrections "
                          "still apply. Fix the lines in the file (they are kept as they are)."))
        st.html(problem_list_html(list(st_.problems), len(st_.problems), str(st_.path.parent)))
    if st_.orphans:
        with st.expander(f"Orphaned corrections: {len(st_.orphans)} (their incident is not in the table any more)"):
            st.caption("Kept in the file and applied again if the incident comes back; check them against the "
                       "new extraction.")
            st.html(problem_list_html(list(st_.orphans), len(st_.orphans), str(st_.path.parent)))


def _on_order() -> None:
    value = st.session_state.get("_rv_order")
    state.set_extra("order", value if value != "confidence" else None)


def _on_unreviewed() -> None:
    state.set_extra("unreviewed", "1" if st.session_state.get("_rv_unreviewed") else None)


def queue_controls() -> tuple[str, bool]:
    """The order and "unreviewed only" widgets, set from the URL's page settings; their values."""
    order = state.extra("order", "confidence", tuple(ORDERS))
    unreviewed = state.extra("unreviewed", "") == "1"
    st.session_state["_rv_order"] = order
    st.session_state["_rv_unreviewed"] = unreviewed
    c1, c2 = st.columns([3, 2], vertical_alignment="center")
    c1.radio("Queue order", list(ORDERS), key="_rv_order", format_func=ORDERS.get, horizontal=True,
             on_change=_on_order)
    c2.toggle("Unreviewed only", key="_rv_unreviewed", on_change=_on_unreviewed,
              help="Leave out the incidents an analyst has confirmed.")
    return order, unreviewed


def the_queue(f: Filters, order: str, unreviewed: bool) -> pd.DataFrame:
    """The filtered incidents in review order."""
    return review_queue(data.run("incidents", f, columns=QUEUE_COLUMNS), order, unreviewed)


def queue_view(q: pd.DataFrame) -> pd.DataFrame:
    """The queue as the table shows it: words, not codes."""
    return pd.DataFrame({
        "confidence": [confidence_text(r) for r in q.to_dict("records")],
        "why review": [cells.short_text(v, 90) for v in q["review_reasons"]],
        "date": words.date_column(q), "kind": words.kind_column(q), "place": words.place_column(q),
        "casualties": words.casualties_column(q), "outlet": [cells.short_text(v, 30) for v in q["source"]],
        "event id": q["event_id"].astype(str),
    })


def queue_table(q: pd.DataFrame) -> None:
    """The first QUEUE_SHOWN rows of the queue; selecting one puts it in hand."""
    view = queue_view(q.head(QUEUE_SHOWN))
    event = st.dataframe(view, hide_index=True, width="stretch", height=260, on_select="rerun",
                         selection_mode="single-row", key="_rv_table",
                         column_config={"why review": st.column_config.TextColumn(width="medium"),
                                        "kind": st.column_config.TextColumn(width="medium")})
    rows = event.get("selection", {}).get("rows", []) if isinstance(event, Mapping) else []
    if rows and 0 <= rows[0] < len(view) and view["event id"].iloc[rows[0]] != state.extra("review", ""):
        state.set_extra("review", str(view["event id"].iloc[rows[0]]))
        st.rerun()


def label(row: Mapping) -> str:
    return " · ".join(x for x in (confidence_text(row), words.date(row), words.kind(row), words.place(row),
                                  cells.text(row.get("event_id"))) if x)


def _on_pick() -> None:
    state.set_extra("review", st.session_state.get("_rv_pick") or None)


def pick(q: pd.DataFrame) -> str | None:
    """The incident in hand: the URL's ``review`` (also when it is not in the queue any more, as after
    a confirm with "unreviewed only"), else the first of the queue; drawn as a searchable picker."""
    ids = q["event_id"].astype(str).tolist()
    labels = {i: label(r) for i, r in zip(ids, q.to_dict("records"), strict=True)}
    current = state.extra("review", "") or (ids[0] if ids else "")
    if current and current not in labels:
        inc = data.run("incident", current)
        labels[current] = label(inc) + " (not in the queue)" if inc else f"{current} (not in the table)"
    if not labels:
        return None
    st.session_state["_rv_pick"] = current
    st.selectbox("Incident in hand", list(labels), key="_rv_pick", format_func=lambda i: labels.get(i, i),
                 on_change=_on_pick, help="Type to search the queue; or select a row of the table.")
    return current


def next_in_queue(q: pd.DataFrame, event_id: str) -> str | None:
    """The incident after ``event_id`` in the queue (the first when it is not in it), None at the end."""
    ids = q["event_id"].astype(str).tolist()
    if event_id in ids:
        i = ids.index(event_id) + 1
        return ids[i] if i < len(ids) else None
    return ids[0] if ids else None


def _fields_html(inc: Mapping) -> str:
    rows = "".join(f'<tr><th style="text-align:left;padding:1px 10px 1px 0;color:#555">{html.escape(c)}</th>'
                   f'<td style="overflow-wrap:anywhere">{html.escape(cells.text(inc.get(c)))}</td></tr>'
                   for c in INCIDENT_COLUMNS if c != "quote")
    return f'<table class="iim-all-fields" style="border-collapse:collapse;font-size:0.8rem">{rows}</table>'


def _history_html(inc: Mapping) -> str:
    corr = data.store().corrections
    steps = history(list(corr.corrections), cells.text(inc.get("event_id"))) if corr else []
    if not steps:
        return '<p class="iim-history" style="font-size:0.85rem;color:#666">No correction yet.</p>'
    items = []
    for s in steps:
        c = s.correction
        what = " ".join(x for x in (c.action, c.field, f"= {c.value}" if c.field else c.value[:60]) if x)
        state_word = "" if s.applies else (" (undone)" if c.action != "undo" else "")
        items.append(f"<li>{html.escape(f'{c.time or c.date} · {c.analyst} · {what}{state_word}: {c.reason}')}</li>")
    return f'<ol class="iim-history" style="font-size:0.85rem;padding-left:1.2rem;margin:0">{"".join(items)}</ol>'


def show_incident(inc: Mapping) -> dict | None:
    """The incident in hand: its confidence and reasons, then its article text with its spans marked
    (left; the lines around them, the whole text in an expander) beside its card (right). Returns its
    article (None when it has none)."""
    aid = cells.text(inc.get("article_id"))
    art = data.run("article", aid) if aid else None
    st.html(f'<div class="iim-confidence" style="font-size:0.95rem"><b>Confidence:</b> '
            f'{html.escape(confidence_text(inc))} · <b>why review:</b> '
            f'{html.escape(cells.text(inc.get("review_reasons")) or "nothing noted")}</div>')
    left, right = st.columns([3, 2], gap="medium")
    with left:
        if art is None:
            st.info("No article text: this incident was imported; its notes and sources are what the export "
                    "gives.", icon=":material/description:")
        else:
            _article_text(art, inc)
    with right:
        st.html(incident_html(inc))
        with st.expander("Every field"):
            st.html(_fields_html(inc))
    return art


def show_context(inc: Mapping, others: pd.DataFrame) -> None:
    """Below the actions: the incident's corrections in order (left), the other incidents of its
    article (right)."""
    left, right = st.columns([1, 1], gap="medium")
    with left:
        st.markdown("**Corrections of this incident**, in the order they were made")
        st.html(_history_html(inc))
    with right:
        show_others(others)


def _article_text(art: Mapping, inc: Mapping) -> None:
    """The article's title and text with the incident's span and field spans marked: the lines
    around them first, the whole text in an expander."""
    text = str(art.get("text") or "")  # as stored: the offsets count its characters
    try:
        span = (int(inc["span_start"]), int(inc["span_end"]))
    except (KeyError, TypeError, ValueError):
        span = None
    fields = field_spans(inc)
    chrome = parse_chrome(art.get("chrome_spans"))
    window = excerpt_bounds(text, ([span] if span else []) + [(a, b) for a, b, _ in fields])
    body, bad = review_html(text, span, fields, chrome, cells.text(inc.get("event_type")), window)
    st.html(f'<div style="font-weight:600">{html.escape(cells.text(art.get("title")) or "(untitled)")}</div>'
            f'<div style="font-size:0.85rem;color:#555">{html.escape(cells.text(art.get("outlet")) or "outlet not named")}'
            f' · {html.escape(cells.text(art.get("published")) or "date not stated")} · {len(text):,} characters</div>')
    st.html(legend_html(cells.text(inc.get("event_type"))))
    st.html(body)
    if window != (0, len(text)):
        with st.expander("The whole article"):
            st.html(review_html(text, span, fields, chrome, cells.text(inc.get("event_type")))[0])
    if bad:
        st.warning("Not marked, as it does not fit this article's text: " + "; ".join(bad) + ".")


def others_of_article(art: Mapping | None, event_id: str) -> pd.DataFrame:
    """The other incidents of the article in hand (its own first, by span)."""
    if art is None:
        return pd.DataFrame(columns=list(INCIDENT_COLUMNS))
    df = data.run("article_incidents", cells.text(art.get("article_id")))
    return df[df["event_id"].astype(str) != event_id].reset_index(drop=True)


def show_others(others: pd.DataFrame) -> None:
    """The other incidents of the article, each with a button that puts it in hand."""
    st.markdown(f"**Other incidents of this article: {len(others)}**")
    if others.empty:
        st.caption("None.")
    for inc in others.to_dict("records"):
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        eid = cells.text(inc.get("event_id"))
        c1.html(f'<div class="iim-other" style="font-size:0.85rem">{html.escape(label(inc))}</div>')
        c2.button("Review", key=f"_rv_other_{eid}", on_click=state.set_extra, args=("review", eid), width="stretch")
