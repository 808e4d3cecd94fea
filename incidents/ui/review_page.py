"""The Review page put together: read-only, it shows the queue and the incident in hand; in editing
mode (``incidents.ui.editing``) it asks for the analyst's name once per session and then offers the
actions (``incidents.ui.review_actions``) and the upload of articles."""

from __future__ import annotations

import streamlit as st

from incidents import cells
from incidents.filters import Filters
from incidents.ui import data, editing, page, state
from incidents.ui import review as V
from incidents.ui import review_actions as A

READ_ONLY = ("This dashboard is read-only: it shows the review queue but takes no correction. To review, start "
             "an editing instance with `python -m incidents serve --editable` (see the README).")


def _hand(inc: dict, art: dict | None, analyst: str, q, others) -> A.Hand:
    corr = data.store().corrections
    ids = A.candidates(q, others, cells.text(inc.get("event_id")))
    labels = {str(r["event_id"]): V.label(r) for r in q.to_dict("records")}
    labels.update({str(r["event_id"]): V.label(r) for r in others.to_dict("records")})
    return A.Hand(inc, art, analyst, corr.path, V.next_in_queue(q, cells.text(inc.get("event_id"))),
                  tuple(ids), labels, len(corr.corrections))


def render(f: Filters) -> None:
    """The page under filters ``f`` (the sidebar is drawn already)."""
    can_edit = editing.editable()
    analyst = ""
    if can_edit:
        analyst = editing.analyst_box()
        A.flash()
    else:
        st.info(READ_ONLY, icon=":material/visibility:")
    V.corrections_state()
    order, unreviewed = V.queue_controls()
    q = V.the_queue(f, order, unreviewed)
    st.caption(f"{len(q):,} incident(s) in the queue under the filters ({V.ORDERS[order]}"
               + ("; unreviewed only" if unreviewed else "") + ")"
               + (f"; the table shows the first {V.QUEUE_SHOWN:,}." if len(q) > V.QUEUE_SHOWN else "."))
    if q.empty and not state.extra("review", ""):
        page.empty_state(f, "incidents to review")
    else:
        V.queue_table(q)
        _in_hand(q, analyst if can_edit else "")
    if can_edit and analyst:
        A.upload_box()
    state.write_url(("order", "unreviewed", "review"))


def _in_hand(q, analyst: str) -> None:
    """The incident in hand and, with an analyst, its actions."""
    current = V.pick(q)
    inc = data.run("incident", current) if current else None
    if inc is None:
        st.warning(f"There is no incident {page.md_escape(current or '')} in the table (rejected or merged away?). "
                   "Pick another one; Undo takes back your last correction.")
        if analyst:
            A.undo_tab(_hand({"event_id": current or ""}, None, analyst, q, q.iloc[0:0]))
        return
    art = V.show_incident(inc)
    others = V.others_of_article(art, current)
    if analyst:
        st.subheader("Correct it")
        A.actions(_hand(inc, art, analyst, q, others))
    V.show_context(inc, others)
