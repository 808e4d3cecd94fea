"""Trends: what changed in the chosen period against the periods of the same length before it.

The period is the filters' date range, else the last ``trend_period`` days (URL: week, 30d,
quarter, year; 30 days by default) up to the latest dated incident in the data. Numbers: the
store's ``trends`` and ``trend_series`` queries (``incidents.trends`` says the rule); pieces:
``incidents.ui.trends``.
"""

import streamlit as st

from incidents import trends
from incidents.figures.trends import shown_width
from incidents.ui import data, page
from incidents.ui import trends as ui

f = page.setup("Trends", extras=("trend_period",), icon="📈")
chosen = ui.period(f)
w = data.run("trend_window", f, chosen)
page.title("What changed" + (f": {w.start().isoformat()} to {w.end.isoformat()}" if w else ""), f)
ui.period_control(f, chosen, w)
series = data.run("trend_series", f, chosen) if w else None
matching = data.run("summary", trends.undated_filters(f))  # every filter but the dates
undated = matching["undated"]
if w is None or series.empty:
    page.empty_state(f, what="dated incidents" if matching["incidents"] else "incidents")
else:
    by_place = data.run("trends", f, chosen, "admin1")
    ui.metrics(by_place, w)
    st.caption(f"Compared with the {trends.days_words(w.days)} before ({w.start(1).isoformat()} to "
               f"{w.last(1).isoformat()}) and the means of the 4 and 12 periods of that length before. "
               + trends.RULE
               + (f" {undated:,} undated incident(s) match the other filters and are in no period."
                  if undated else " Every incident that matches the other filters is dated."))
    covered = w.covered_count(trends.HISTORY)
    if covered < trends.HISTORY:
        st.info(f"The data begins on {w.data_start.isoformat()}: only {covered} of the 12 earlier periods are "
                "covered, and the means are taken over those"
                + (" (too few to flag a change)." if covered < trends.MIN_HISTORY else "."),
                icon=":material/history:")
    st.subheader("By governorate")
    ui.table(by_place, "Governorate")
    st.subheader("Each governorate, period by period")
    svg = ui.small_multiples_svg(f, chosen)
    st.image(svg, width=shown_width(svg),  # no wider than 1.3 times as drawn: text alike for 3 or 18 panels
             alt="Incidents per governorate over the current period and the 12 before it, on one scale")
    st.caption(ui.figure_caption(w))
    st.subheader("By event type")
    ui.table(data.run("trends", f, chosen, "event_type"), "Event type")
page.footer(data.run("options").get("outlets"))
