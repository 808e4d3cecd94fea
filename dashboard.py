"""Overview: counts under the filters, a small map, a small timeline and the latest incidents.

The map and the timeline here are Vega-Lite figures (``incidents.figures.vegalite``) drawn to SVG on the
server (``incidents.figures.static``) and shown as pictures, so the first page an analyst opens
needs no chart code in the browser and is drawn in about two seconds even on a machine without a
GPU. The Map and Timeline pages, one click away, have the interactive deck.gl and plotly versions
(hover, zoom, selections). Run with ``make run`` (``python -m incidents serve``). Data:
INCIDENTS_DATA_DIR or data/.
"""

import streamlit as st

from incidents.figures.maps import POINT_LIMIT
from incidents.filters import to_query_params
from incidents.ui import data, page
from incidents.ui.links import MAP_PAGE, TIMELINE_PAGE
from incidents.ui.trends import overview_line

f = page.setup("Overview")
page.title("Iraq Incident Monitor: overview", f)
s = data.run("summary", f)
page.summary_metrics(s, f)
if s["incidents"] == 0:
    page.empty_state(f)
else:
    overview_line(f)
    n = s["incidents"]
    left, right = st.columns([1, 1], gap="medium")
    with left:
        st.subheader("Where")
        alt = f"Map of {n:,} incidents under the filters, governorates shaded by count"
        st.image(data.overview_map_svg(f, POINT_LIMIT, with_points=n <= POINT_LIMIT), width="stretch", alt=alt)
        if n > POINT_LIMIT:
            st.caption(f"{n:,} incidents: governorates shaded by count; the Map page has points and grid cells.")
        else:
            st.caption("Discs: incidents by event type, larger with more fatalities; rings: located only to "
                       "their governorate; a number: incidents at one place (its colour: the type most have).")
        st.page_link(MAP_PAGE, label="Open the interactive map", icon=":material/map:", query_params=to_query_params(f))
    with right:
        st.subheader("When")
        period = data.overview_period(f)
        alt = f"Incidents per {period} under the filters, stacked by event type"
        st.image(data.overview_timeline_svg(f, period), width="stretch", alt=alt)
        if s["undated"] or s["undated_apart"]:
            st.caption(page.undated_note(s))
        st.page_link(TIMELINE_PAGE, label="Open the interactive timeline", icon=":material/timeline:",
                     query_params=to_query_params(f))
    st.subheader("Latest incidents")
    page.latest_list(data.run("incidents", f, limit=10, order="latest"), f)
page.footer(data.run("options").get("outlets"))
