"""The Trends page's Streamlit pieces: the period control (``trend_period`` in the URL), the
headline metrics, the trends tables and the cached small multiples picture. The numbers come from
the store's ``trend_window``, ``trends`` and ``trend_series`` queries through ``incidents.ui.data``;
the words and figures from ``incidents.trends`` and ``incidents.figures.trends``."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from incidents import trends
from incidents.figures.static import render_svg
from incidents.figures.trends import (
    TRENDS_CSS,
    briefing_table_html,
    display_frame,
    small_multiples_spec,
    trend_asked,
)
from incidents.filters import Filters, to_query_params
from incidents.store.queries import series_steps
from incidents.ui import data, state
from incidents.ui.links import TRENDS_PAGE

PERIOD_KEY = "trend_period"
BRIEFING_ROWS = 7  # governorates in the briefing's trends table (with the totals row as tall as the top 8)


def period(f: Filters) -> str:
    """The page's ``trend_period`` (URL / session), the default when unset or unknown."""
    return state.extra(PERIOD_KEY, trends.DEFAULT_PERIOD, tuple(trends.PERIODS))


def _on_period() -> None:
    state.set_extra(PERIOD_KEY, st.session_state.get("_trend_period") or trends.DEFAULT_PERIOD)


def period_control(f: Filters, chosen: str, w: trends.Window | None) -> None:
    """The period presets (last 7, 30, 91 or 365 days); disabled with a note when the filters' date
    range is the period (a ``from`` date)."""
    fixed = f.date_from is not None
    st.session_state["_trend_period"] = chosen
    st.segmented_control("Period", list(trends.PERIODS), key="_trend_period", format_func=trends.PERIOD_WORDS.get,
                         on_change=_on_period, disabled=fixed,
                         help="Compare the last days of the data with the periods of the same length before")
    if fixed and w is not None:
        st.caption(f"The period is the filters' date range ({trends.days_words(w.days)}); clear the dates in the "
                   "sidebar to compare the last 7, 30, 91 or 365 days of the data instead.")


def metrics(table: pd.DataFrame, w: trends.Window) -> None:
    """Incidents and fatalities in the period with their change on the period before, the mean of the
    12 before, and how many governorates are flagged."""
    total = table[table["group"] == trends.TOTAL].iloc[0]
    cols = st.columns(4)
    before = f"{trends.signed(total['change'])} on the {trends.days_words(w.days)} before"
    cols[0].metric("Incidents", f"{int(total['incidents']):,}",
                   delta=before if pd.notna(total["change"]) else None, delta_color="inverse")
    fat_change = total["fatalities"] - total["fatalities_previous"] if pd.notna(total["fatalities_previous"]) else None
    cols[1].metric("Fatalities (best)", f"{int(total['fatalities']):,}",
                   delta=f"{trends.signed(fat_change)} on the period before" if fat_change is not None else None,
                   delta_color="inverse")
    mean = total["mean12"]
    cols[2].metric("Mean of the 12 before", "–" if pd.isna(mean) else f"{float(mean):,.1f}",
                   help=f"Incidents per period over the {w.covered_count(trends.HISTORY)} earlier periods the data "
                        "covers (at most 12)")
    cols[3].metric("Flagged governorates", f"{len(trends.flagged(table)):,}", help=trends.RULE)


def table(frame: pd.DataFrame, name: str, key: str) -> None:
    """A trends table (``display_frame``), numbers right-aligned and sortable."""
    view = display_frame(frame, name)
    num = st.column_config.NumberColumn
    st.dataframe(view, hide_index=True, width="stretch", key=key, height="auto", column_config={
        name: st.column_config.TextColumn(name, width="medium"),
        "Incidents": num("Incidents", format="%d", help="In the period"),
        "Before": num("Before", format="%d", help="In the period of the same length just before"),
        "Change": num("Change", format="%+d", help="Incidents minus the period before"),
        "Mean of 4": num("Mean of 4", format="%.1f", help="Mean of the 4 periods before (those the data covers)"),
        "Mean of 12": num("Mean of 12", format="%.1f", help="Mean of the 12 periods before (those the data covers)"),
        "vs mean of 12": num("vs mean of 12", format="%+.1f", help="Incidents minus the mean of 12"),
        "Flag": st.column_config.TextColumn("Flag", width="medium", help=trends.RULE),
        "Fatalities": num("Fatalities", format="%d", help="Best estimate, in the period"),
        "Fatalities before": num("Fatalities before", format="%d"),
        "Fatalities, mean of 12": num("Fatalities, mean of 12", format="%.1f"),
    })


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=data.BY_VALUE)
def _svg(key: tuple, f: Filters, chosen: str, width: int) -> str:
    """``small_multiples_svg`` for data-directory state ``key``."""
    w = data.run("trend_window", f, chosen)
    spec = small_multiples_spec(data.run("trend_series", f, chosen), data.run("trends", f, chosen), w,
                                series_steps(w.days))
    return render_svg(spec, width)


def small_multiples_svg(f: Filters, chosen: str, width: int = 1100) -> str:
    """The small multiples (one bar series per governorate on one scale) as SVG, cached."""
    return _svg(data.stamp(), f, chosen, width)


def figure_caption(w: trends.Window) -> str:
    """What a bar, the colours and the dashed line of the small multiples mean."""
    from incidents.figures.trends import step_words

    k = series_steps(w.days)
    grey = " Grey: before the data begins." if w.covered_count(trends.HISTORY) < trends.HISTORY else ""
    return (f"Each bar: incidents in {step_words(w.days, k)} ({k} to a period), counted back from {w.end.isoformat()}. "
            "Orange on the shaded band: the current period. Dashed: the mean of the 12 periods before, per bar. "
            "One y scale for every governorate; ▲▼ flags as in the table." + grey)


def overview_line(f: Filters) -> None:
    """The overview's line (``trends.headline``: "Last 30 days (to ...): 12 incidents (+5 on the 30
    days before; unusually high in Kirkuk)") with a link to the Trends page under the same filters
    and period; nothing when no incident is dated."""
    chosen = period(f)
    w = data.run("trend_window", f, chosen)
    if w is None:
        return
    line = trends.headline(data.run("trends", f, chosen), w)
    params = to_query_params(f)
    if chosen != trends.DEFAULT_PERIOD:
        params[PERIOD_KEY] = chosen
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.html(f'<div class="iim-trend-line" style="font-size:1.05rem">{html.escape(line)}</div>')
    with right:
        st.page_link(TRENDS_PAGE, label="What changed", icon=":material/trending_up:", query_params=params)


def briefing_block(f: Filters, top: str) -> None:
    """The briefing's table of the deadliest incidents (``top``, HTML; may be empty) and, when its URL
    asks for it (``trend=1``), beside it the compact trends table: the period of ``trend_period`` (or
    of the filters' date range) against the one before and the mean of 12, per governorate."""
    w = data.run("trend_window", f, period(f)) if trend_asked(state.extra("trend", "")) else None
    if w is None:
        if top:
            st.markdown(top, unsafe_allow_html=True)
        return
    side = TRENDS_CSS + briefing_table_html(data.run("trends", f, period(f)), w, limit=BRIEFING_ROWS)
    if not top:
        st.markdown(side, unsafe_allow_html=True)
        return
    left, right = st.columns([3, 2], gap="medium")
    left.markdown(top, unsafe_allow_html=True)
    right.markdown(side, unsafe_allow_html=True)
