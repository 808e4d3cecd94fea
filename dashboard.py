"""Overview: counts under the filters, a small map, a small timeline and the latest incidents.

Run with ``streamlit run dashboard.py`` (``make run``). Data: INCIDENTS_DATA_DIR or data/.
"""

import streamlit as st

from incidents.charts import timeline_figure
from incidents.maps import POINT_LIMIT, incident_map
from incidents.ui import page

q = page.setup("Overview")
f = q.f
page.title("Iraq Incident Monitor: overview", f)
s = q.summary()
page.summary_metrics(s)
if s["incidents"] == 0:
    page.empty_state(f)
else:
    left, right = st.columns([1, 1], gap="medium")
    with left:
        st.subheader("Where")
        n = s["incidents"]
        show = ("points", "shade", "labels") if n <= POINT_LIMIT else ("shade", "labels")
        points = q.map_points(POINT_LIMIT) if n <= POINT_LIMIT else None
        deck = incident_map(points=points, by_governorate=q.by_governorate(), show=show,
                            governorates=f.governorates, width_px=620, height_px=380, quote_chars=100)
        st.pydeck_chart(deck, height=380, key="overview_map", alt=f"Map of {n:,} incidents under the filters")
        if n > POINT_LIMIT:
            st.caption(f"{n:,} incidents: governorates shaded by count; see the Map page for points and cells.")
    with right:
        st.subheader("When")
        tl = q.timeline("month", "event_type")
        st.plotly_chart(timeline_figure(tl, "event_type", "month", height=380), key="overview_timeline",
                        config={"displaylogo": False})
        if s["undated"]:
            st.caption(f"{s['undated']:,} undated incident(s) are not on this chart: they are listed on the "
                       "Timeline page.")
    st.subheader("Latest incidents")
    page.latest_list(q.incidents(limit=10, order="latest"), f)
page.footer(q.options().get("outlets"))
