"""Briefing: one labelled, dated figure of the current view for screenshots (no Streamlit chrome).

Reachable by URL with the same filter parameters as every page (``/Briefing?governorates=Kirkuk``;
add ``embed=true`` to drop Streamlit's own header and toolbar as well); opened from the page menu it
shows the session's filters. ``python -m incidents briefing`` renders it to PNG or PDF.
``trend=1``: a trends briefing (incidents.ui.trends): small multiples for the timeline, trends tables
for the deadliest incidents. Content: incidents.figures.briefing (pure); figures: incidents.figures.maps
and .charts; cached queries and filter state: incidents.ui.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from incidents.figures import briefing as bf
from incidents.figures import maps
from incidents.figures.charts import timeline_figure
from incidents.figures.colors import type_color_map
from incidents.figures.periods import period_for_span
from incidents.filters import to_query_params
from incidents.ui import data, page, state
from incidents.ui import trends as trend_ui

CHART_HEIGHT = 330  # the whole briefing fits 1366x768 and 1920x1080: map | timeline | deadliest, one row
MAP_WIDTH = 420  # a third of a 1366 px page: the map's first view fits the governorates into it
TOP_N = 8

f = page.setup("Briefing", extras=("trend", "trend_period"), css=bf.BRIEFING_CSS, sidebar_widgets=False)
summary = data.run("summary", f)
n = summary["incidents"]
top_rows = data.run("incidents", f, limit=TOP_N, order="fatalities") if n else None
# the outlets and datasets of the filtered incidents, credited in the footer (ACLED with its attribution)
b = bf.build_briefing(f, summary, top_rows, datetime.now(UTC), n=TOP_N, notes=state.notes(),
                      sources=data.run("data_sources", f))

st.markdown(bf.back_link_html(to_query_params(f)) + bf.header_html(b) + bf.counts_html(b), unsafe_allow_html=True)
if b.empty:
    st.markdown(bf.empty_html(b), unsafe_allow_html=True)

left, right, third = st.columns([1.1, 0.9, 1.15], gap="medium")
with left:
    st.markdown('<div class="iim-brief-caption">Where: incidents by event type, governorates shaded by count</div>',
                unsafe_allow_html=True)
    geojson = maps.load_governorates()
    if n > maps.POINT_LIMIT:
        cell = maps.cell_size(maps.governorate_bounds(geojson, f.governorates))
        deck = maps.incident_map(bins=data.run("map_bins", f, cell), cell_deg=cell, show=("density", "labels"),
                                 by_governorate=data.run("by_governorate", f), governorates=f.governorates, geojson=geojson,
                                 width_px=MAP_WIDTH, height_px=CHART_HEIGHT)
    else:
        deck = maps.incident_map(points=data.run("map_points", f, maps.POINT_LIMIT) if n else None,
                                 by_governorate=data.run("by_governorate", f), governorates=f.governorates, geojson=geojson,
                                 width_px=MAP_WIDTH, height_px=CHART_HEIGHT)
    st.html(maps.background_css())
    st.pydeck_chart(deck, height=CHART_HEIGHT, key="briefing_map")
    legend = " ".join(
        f'<span style="white-space:nowrap"><span class="iim-brief-swatch" style="background:{color}"></span>'
        f"{name}</span>"
        for name, color in maps.legend_items()
    )
    st.markdown(f'<div class="iim-brief-legend">{legend} · rings: located to the governorate only</div>',
                unsafe_allow_html=True)
with right:
    if not trend_ui.briefing_figure(f):  # trend=1: what changed, period by period, in place of the timeline
        lo, hi = summary.get("date_min"), summary.get("date_max")
        freq = period_for_span(lo, hi, incidents=n - summary.get("undated", 0))  # as on the overview
        st.markdown(f'<div class="iim-brief-caption">When: incidents per {freq} by event type '
                    "(dated incidents only)</div>", unsafe_allow_html=True)
        fig = timeline_figure(data.run("timeline", f, freq, "event_type"), by="event_type", freq=freq,
                              height=CHART_HEIGHT)
        st.plotly_chart(fig, config={"displayModeBar": False, "staticPlot": True}, key="briefing_timeline")

with third:
    if b.top and not trend_ui.trend_asked():
        st.markdown(f'<div class="iim-brief-caption">Deadliest incidents (top {len(b.top)} of {n:,})</div>'
                    + bf.top_html(b, type_color_map()), unsafe_allow_html=True)
trend_ui.briefing_tables(f)  # trend=1: what changed per governorate and event type, under the figures
st.markdown(bf.footer_html(b), unsafe_allow_html=True)
