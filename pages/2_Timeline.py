"""Timeline: incidents per week or month above the fatalities (one figure), the incident strip when
asked (``strip=1`` in the URL, a toggle), and the undated list."""

import streamlit as st

from incidents.figures import charts
from incidents.figures.selection import plotly_event_ids, plotly_periods
from incidents.ui import data, page, state, tables

FREQS = {"week": "Week", "month": "Month", "quarter": "Quarter", "year": "Year"}
STACKS = {"event_type": "Event type", "admin1": "Governorate"}

f = page.setup("Timeline", extras=("freq", "stack", "strip"))
default_freq = data.overview_period(f)  # as on the overview: the finest period that keeps the bars readable
freq = state.extra("freq", default_freq, tuple(FREQS))
stack = state.extra("stack", "event_type", tuple(STACKS))
show_strip = state.extra("strip", "", ("1",)) == "1"  # the per-incident strip: drawn when asked (strip=1)
page.title(f"Incidents per {freq}, by {charts.BY_WORD[stack]}", f)

controls = st.container(horizontal=True, gap="large")  # each control as wide as its options
st.session_state["_tl_freq"] = freq
controls.segmented_control("Per", list(FREQS), key="_tl_freq", format_func=FREQS.get,
                           on_change=lambda: state.set_extra("freq", st.session_state["_tl_freq"] or default_freq))
st.session_state["_tl_stack"] = stack
controls.segmented_control("Stacked by", list(STACKS), key="_tl_stack", format_func=STACKS.get,
                           on_change=lambda: state.set_extra("stack", st.session_state["_tl_stack"] or "event_type"))

s = data.run("summary", f)
if s["incidents"] == 0 and not s["undated_apart"]:
    page.empty_state(f)
elif s["incidents"] == 0:
    st.info("No incident is dated in this range; the undated ones that match the other filters are listed below.",
            icon=":material/event_busy:")
else:
    tl = data.run("timeline", f, freq, stack)
    strip = data.run("incidents", f, limit=charts.STRIP_LIMIT, order="latest") if show_strip else None  # newest first
    x_range = charts.timeline_range(tl, freq, strip)  # one x range for the bars, the fatalities and the strip
    bars = st.plotly_chart(charts.timeline_with_fatalities(tl, stack, freq, height=600, x_range=x_range),
                           key="tl_bars", on_select="rerun", selection_mode=("points", "box"),
                           config={"displaylogo": False})
    picked = plotly_periods(bars, freq)
    if picked:
        st.subheader("Incidents in the selected bars")
        tables.incident_table(tables.incidents_in_periods(f, picked, stack), f, key="tl_bars_table")
    st.session_state["_tl_strip"] = show_strip
    st.toggle("Show each incident over its date window", key="_tl_strip",
              help=f"A strip of the latest {charts.STRIP_LIMIT} dated incidents under the filters, each a bar over "
                   "the days it certainly falls in, with its quote on hover.",
              on_change=lambda: state.set_extra("strip", "1" if st.session_state["_tl_strip"] else None))
    if show_strip:
        dated = s["incidents"] - s["undated"]
        st.subheader("Each incident over its date window")
        st.caption("A bar spans the days the incident certainly falls in: one day when the text dates it, a week "
                   "for “last week”. Hover for the quote and outlet; drag a box to select incidents.")
        note = charts.strip_note(min(len(strip), dated), dated)
        if note:
            st.info(note, icon=":material/filter_alt:")
        strip_sel = st.plotly_chart(charts.strip_figure(strip, height=320, x_range=x_range, freq=freq),
                                    key="tl_strip", on_select="rerun", selection_mode=("points", "box"),
                                    config={"displaylogo": False})
        ids = plotly_event_ids(strip_sel)
        if ids:
            st.subheader(f"{len(ids)} selected incident{'s' if len(ids) != 1 else ''}")
            tables.incident_table(tables.rows_with_ids(strip, ids), f, key="tl_strip_table")
if s["incidents"] or s["undated_apart"]:
    undated = s["undated"] + s["undated_apart"]  # one of the two is 0: apart only under a date range
    st.subheader(f"Undated incidents ({undated:,})")
    if not f.include_undated:
        st.caption("Undated incidents are excluded by the filters (“Include undated incidents” is off).")
    elif undated:
        st.caption(page.undated_list_note(f))
        tables.incident_table(data.run("undated", f, limit=500), f, key="tl_undated_table")
    else:
        st.caption("None: every incident under the filters has a date.")
page.footer(data.run("options").get("outlets"))
