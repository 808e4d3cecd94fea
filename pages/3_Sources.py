"""Source view: an article with each incident's sentence highlighted, and its incidents; opened for one
incident (``?article=...&event=...``) it scrolls to that incident and marks where its fields were read."""

import streamlit as st

from incidents import cells
from incidents.ui import data, page, sources, state
from incidents.ui.sidebar import article_label

f = page.setup("Sources", extras=("event",))
page.title("Source view: which sentence produced which incident", f)
event_id = state.extra("event", "")
inc = data.run("incident", event_id) if event_id else None
article_id = f.article_id or cells.text((inc or {}).get("article_id")) or None  # ?event= alone: its article
arts = data.run("articles", f)  # incident counts under the filters
labels = article_label(arts)
if article_id and article_id not in labels:
    labels[article_id] = f"{article_id} (not in the data)"
st.session_state["_src_article"] = article_id
st.selectbox("Article", list(labels), key="_src_article", format_func=lambda a: labels.get(a, a),
             placeholder="Choose an article (or pick one in the table below)",
             on_change=lambda: (state.update(article_id=st.session_state["_src_article"] or None),
                                state.set_extra("event", None)))
if data.run("count", f) == 0 and not (article_id or event_id):
    page.empty_state(f)
if article_id:
    art = data.run("article", article_id)
    if art is None:
        st.warning(f"There is no article with id “{page.md_escape(article_id)}” in the data.")
    else:
        matching = set(data.run("incidents", f, columns=("event_id",))["event_id"]) if f.article_id else None
        sources.show_article(art, data.run("article_incidents", article_id), event_id or None, data.corrections(),
                             matching)  # f selects this article's incidents when it names the article
elif event_id:
    if inc is None:
        st.warning(f"There is no incident with id “{page.md_escape(event_id[:80])}” in the data.")
    else:
        sources.show_incident_without_article(inc, data.corrections())
elif arts.empty:
    st.info("There are no articles in the data (only imported incidents).", icon=":material/description:")
else:
    st.caption(f"{len(arts):,} articles; “Incidents” counts those under the filters. Pick one above or select a row.")
    sources.articles_table(arts, f)
page.footer(data.run("options").get("outlets"))
