"""The Trends page's Streamlit pieces: the period control (``trend_period`` in the URL), the
headline metrics, the trends tables and the cached small multiples picture. The numbers come from
the store's ``trend_window``, ``trends`` and ``trend_series`` queries through ``incidents.ui.data``;
the words and figures from ``incidents.trends`` and ``incidents.figures.trends``."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from incidents import trends
from incidents.figures import trend_tables
from incidents.figures.static import render_svg
from incidents.figures.trend_tables import (
    BRIEFING_COLUMNS,
    TABLE_CSS,
    briefing_caption,
    briefing_rows,
    table_html,
)
from incidents.figures.trends import shown_width, small_multiples_spec, step_words
from incidents.filters import Filters, to_query_params
from incidents.store.queries import series_steps
from incidents.ui import data, state
from incidents.ui.links import TRENDS_PAGE

PERIOD_KEY = "trend_period"
BRIEFING_ROWS = 8  # governorates (event types) in the briefing's trends tables and figure


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


def table(frame: pd.DataFrame, name: str) -> None:
    """A trends table (``trend_tables.table_html``: every column visible, headers wrapped, the
    rule on the Flag header's hover)."""
    st.html(TABLE_CSS + table_html(frame, name, testid=f"iim-trends-{name.lower().replace(' ', '-')}"))


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=data.BY_VALUE)
def _svg(key: tuple, f: Filters, chosen: str, limit: int | None) -> str:
    """``small_multiples_svg`` for data-directory state ``key``."""
    w = data.run("trend_window", f, chosen)
    table = data.run("trends", f, chosen)
    tall = {}
    if limit is not None:  # the briefing's: beside a map 390 px tall
        table, tall = briefing_rows(table, limit), {"cell_width": 170, "cell_height": 95}
    spec = small_multiples_spec(data.run("trend_series", f, chosen), table, w, series_steps(w.days), **tall)
    return render_svg(spec, 1100)


def small_multiples_svg(f: Filters, chosen: str, limit: int | None = None) -> str:
    """The small multiples (one bar series per governorate on one scale) as SVG, cached; with
    ``limit`` only the governorates a briefing lists (``trend_tables.briefing_rows``)."""
    return _svg(data.stamp(), f, chosen, limit)


def figure_caption(w: trends.Window) -> str:
    """What a bar, the colours and the dashed line of the small multiples mean."""
    k = series_steps(w.days)
    grey = (f" The data begins on {w.data_start.isoformat()}: earlier periods are not drawn, grey is the part of "
            "the first one before it." if w.covered_count(trends.HISTORY) < trends.HISTORY else "")
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


def briefing_figure(f: Filters) -> bool:
    """With ``trend=1`` in the briefing's URL: the small multiples of the governorates its table
    lists, with their caption, in place of the timeline; True when drawn (False: not asked, or no
    incident dated)."""
    chosen = period(f)
    w = data.run("trend_window", f, chosen) if trend_asked() else None
    if w is None:
        return False
    st.markdown(briefing_caption(w), unsafe_allow_html=True)
    svg = small_multiples_svg(f, chosen, BRIEFING_ROWS)
    st.image(svg, width=shown_width(svg, 1.25),
             alt="Incidents per governorate over the current period and the 12 before it, on one scale")
    st.caption(figure_caption(w))
    return True


def briefing_tables(f: Filters) -> bool:
    """With ``trend=1``: the trends tables per governorate (at most BRIEFING_ROWS, flagged first)
    and per event type, side by side, in place of the deadliest incidents; True when drawn."""
    chosen = period(f)
    w = data.run("trend_window", f, chosen) if trend_asked() else None
    if w is None:
        return False
    left, right = st.columns(2, gap="medium")
    for col, by, name in ((left, "admin1", "Governorate"), (right, "event_type", "Event type")):
        rows = briefing_rows(data.run("trends", f, chosen, by), BRIEFING_ROWS)
        col.markdown(f'<div class="iim-brief-caption">What changed by {name.lower()}</div>' + TABLE_CSS
                     + table_html(rows, name, BRIEFING_COLUMNS, testid=f"iim-trends-{by}", compact=True), unsafe_allow_html=True)
    return True


def trend_asked() -> bool:
    """Does the page's URL ask for what changed (``trend=1``)?"""
    return trend_tables.trend_asked(state.extra("trend", ""))
