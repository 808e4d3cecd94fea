"""Plotly figure builders: frames in, figures out. Pure (no streamlit, no store).

Every builder takes the frame a ``Store`` query returns and gives a ``plotly.graph_objects.Figure``;
an empty frame gives an empty figure that says so. Event types keep their colour from
``schema.EVENT_TYPE_COLORS`` everywhere; every incident mark carries its ``event_id`` as the first
``customdata`` item so a selection can be turned back into incidents (``incidents.figures.selection``).
Article text shown on hover (quotes) is HTML-escaped.
"""

from __future__ import annotations

import copy
import html
import zlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from incidents import words
from incidents.cells import text_column
from incidents.figures.colors import governorate_color_map, type_color_map, type_hex
from incidents.figures.periods import DAY_MS, PERIOD_WORD, day_ticks, period_end, period_labels, shared_range
from incidents.schema import EVENT_TYPES

FONT = "Source Sans Pro, Segoe UI, Helvetica, Arial, sans-serif"
FREQ_WORD = PERIOD_WORD
BAR_FILL = 0.9  # a bar covers this much of its period; the rest is the gap between bars
BY_WORD = {"event_type": "event type", "admin1": "governorate"}


@lru_cache(maxsize=1)
def _template() -> dict:
    """Plotly's "plotly_white" template as a plain dict (built once)."""
    import plotly.io as pio

    return pio.templates["plotly_white"].to_plotly_json()


def new_figure() -> go.Figure:
    """An empty figure with the "plotly_white" template whose layout is not re-validated.

    Validating the template on every figure (``update_layout(template="plotly_white")``) costs
    20-80 ms, a third of a Timeline rerun; traces are still validated when they are added."""
    return go.Figure(layout={"template": copy.deepcopy(_template())}, _validate=False)


TIME_LEFT_PX = 64  # left margin of every time chart, so charts on one x range line up in pixels too


def _layout(fig: go.Figure, title: str, height: int, left: int | None = None) -> go.Figure:
    """Title, height, margins (``left`` fixed when given, with the y axis kept inside it), font
    and a horizontal legend above the plot."""
    if left is not None:
        fig.update_yaxes(automargin=False)
    if title:
        fig.update_layout(title={"text": html.escape(title), "x": 0, "xanchor": "left", "font": {"size": 15}})
    fig.update_layout(
        height=height,
        margin={"l": 10 if left is None else left, "r": 10, "t": 40 if title else 10, "b": 10},
        font={"family": FONT, "size": 12},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0, "title": None,
                "traceorder": "normal"},
        hoverlabel={"align": "left"},
    )
    return fig


def empty_figure(message: str = "No incidents under these filters", height: int = 300) -> go.Figure:
    """A blank figure with ``message`` in its middle (escaped), no axes."""
    fig = new_figure()
    fig.add_annotation(text=html.escape(message), x=0.5, y=0.5, xref="paper", yref="paper",
                       showarrow=False, font={"size": 14, "color": "#666"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, "", height)


def group_colors(by: str, groups: Sequence[str]) -> dict[str, str]:
    """Colours of the stack groups: event types keep their fixed colour, governorates get theirs."""
    palette = type_color_map() if by == "event_type" else governorate_color_map()
    return {g: palette.get(g, type_hex(None)) for g in groups}


def _group_order(by: str, groups: Sequence[str]) -> list[str]:
    if by == "event_type":
        known = [t for t in EVENT_TYPES if t in groups]
        return known + sorted(g for g in groups if g not in known)
    return sorted(groups)


def _iso(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, errors="coerce").dt.strftime("%Y-%m-%d")


def period_bars(periods: pd.Series, freq: str) -> dict:
    """Where the bars of ``periods`` (first days) go on a date axis: x (the first day, ISO),
    width and offset in milliseconds, so that each bar covers BAR_FILL of its own period (a
    February bar is narrower than a March one) and sits centred in it."""
    start = pd.to_datetime(periods)
    length = ((period_end(start, freq) - start).dt.days * DAY_MS).to_numpy(dtype="int64")
    return {"x": start.dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
            "width": (length * BAR_FILL).astype("int64"), "offset": (length * (1 - BAR_FILL) / 2).astype("int64")}


def timeline_range(frame: pd.DataFrame | None, freq: str, strip: pd.DataFrame | None = None
                   ) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The x range the Timeline page's charts share (``periods.shared_range``): the periods of
    ``frame`` (``Store.timeline`` rows) and the date windows of ``strip`` (incident rows)."""
    starts, ends = [], []
    if frame is not None and not frame.empty:
        starts += list(pd.to_datetime(frame["period"]))
        ends += list(pd.to_datetime(frame["period"]))
    if strip is not None and not strip.empty:
        windows = date_windows(strip)
        starts += list(windows["win_start"])
        ends += list(windows["win_end"])
    return shared_range(freq, starts, ends)


def _date_axis(fig: go.Figure, x_range: tuple[pd.Timestamp, pd.Timestamp] | None, freq: str = "week") -> None:
    """Date-only ticks (``periods.day_ticks``) over ``x_range``; months, quarters and years are
    named under their middle (``periods.period_labels``: "2019" under the 2019 bar); without a
    range, just date-only labels."""
    if x_range is None:
        fig.update_xaxes(type="date", tickformatstops=day_ticks(pd.Timestamp("2000-01-01"),
                                                                pd.Timestamp("2001-01-01"))["tickformatstops"])
        return
    fig.update_xaxes(**day_ticks(*x_range))
    labels = period_labels(*x_range, freq)
    if not labels.empty:
        fig.update_xaxes(tickmode="array", tickvals=list(labels["mid"]), ticktext=list(labels["label"]),
                         ticks="", dtick=None, tick0=None)


def timeline_figure(frame: pd.DataFrame, by: str = "event_type", freq: str = "week",
                    title: str = "", height: int = 380,
                    x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> go.Figure:
    """Incidents per period, stacked by group.

    In: ``Store.timeline`` rows (period, group, incidents, fatalities); ``by`` "event_type" or
    "admin1" (colours and legend order); ``freq`` "week", "month", "quarter" or "year"; the x
    range to share with the page's other charts (None: this frame's, ``timeline_range``).
    Out: a stacked bar figure, one trace per group, each bar as wide as its period
    (``period_bars``), the legend shown even for one group, date-only ticks. Each trace's
    ``legendgroup`` is its group (a selected bar's point carries it: no per-bar copy of the group
    is sent to the browser). Bars have no outline: at 520 weeks they are a few pixels wide, and
    drawing thousands of outlines was a large part of the page's first draw without a GPU.
    """
    if frame is None or frame.empty:
        return empty_figure(height=height)
    data = frame.assign(period=_iso(frame["period"]), group=frame["group"].fillna("(none)").astype(str))
    groups = _group_order(by, list(data["group"].unique()))
    colors = group_colors(by, groups)
    word = FREQ_WORD.get(freq, "week")
    fig = new_figure()
    for g in groups:
        part = data[data["group"] == g].sort_values("period")
        fig.add_bar(
            **period_bars(part["period"], freq), y=part["incidents"].astype("int64").to_numpy(), name=g,
            marker_color=colors[g], marker_line_width=0, legendgroup=g,
            hovertemplate=f"{word.capitalize()} of %{{x|%d %b %Y}}<br>"
                          f"{html.escape(g)}: %{{y}} incidents<extra></extra>",
        )
    fig.update_layout(barmode="stack", dragmode="select", clickmode="event+select", showlegend=True)
    fig.update_yaxes(title=f"incidents per {word}", rangemode="tozero")
    tallest = int(data.groupby("period")["incidents"].sum().max())
    if tallest <= 10:
        fig.update_yaxes(dtick=1)  # whole incidents only
    _date_axis(fig, x_range or timeline_range(frame, freq), freq)
    return _layout(fig, title, height, TIME_LEFT_PX)


def fatalities_bars(frame: pd.DataFrame, freq: str = "week") -> dict:
    """The fatalities bar trace of ``Store.timeline`` rows (period, group, incidents, fatalities):
    fatalities summed over the groups per period, each bar as wide as its period
    (``period_bars``); periods without incidents stay empty (nothing is interpolated). Out: the
    keyword arguments of ``Figure.add_bar``."""
    data = (frame.assign(period=_iso(frame["period"]),
                         fatalities=pd.to_numeric(frame["fatalities"], errors="coerce").fillna(0))
            .groupby("period", as_index=False)["fatalities"].sum().sort_values("period"))
    word = FREQ_WORD.get(freq, "week")
    return dict(**period_bars(data["period"], freq), y=data["fatalities"].astype("int64").to_numpy(),
                name="fatalities", marker_color="#555555", marker_line_width=0, showlegend=False,
                hovertemplate=f"{word.capitalize()} of %{{x|%d %b %Y}}<br>%{{y}} fatalities (best estimate)"
                              "<extra></extra>")


def fatalities_figure(frame: pd.DataFrame, freq: str = "week", title: str = "", height: int = 260,
                      x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> go.Figure:
    """Fatalities per period (``fatalities_bars``) on ``x_range`` (None: this frame's), a figure
    of its own. In: ``Store.timeline`` rows. Out: one bar trace."""
    if frame is None or frame.empty:
        return empty_figure(height=height)
    fig = new_figure()
    fig.add_bar(**fatalities_bars(frame, freq))
    fig.update_yaxes(title=f"fatalities per {FREQ_WORD.get(freq, 'week')}", rangemode="tozero")
    _date_axis(fig, x_range or timeline_range(frame, freq), freq)
    fig.update_layout(showlegend=False)
    return _layout(fig, title, height, TIME_LEFT_PX)


FATALITIES_SHARE = 0.27  # of the combined figure's plot height: the fatalities panel under the bars
FATALITIES_TITLE = "Fatalities (best estimate)"


def timeline_with_fatalities(frame: pd.DataFrame, by: str = "event_type", freq: str = "week", height: int = 600,
                             x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None) -> go.Figure:
    """The Timeline page's one figure: the stacked incident bars (``timeline_figure``) above the
    fatalities per period (``fatalities_bars``, titled FATALITIES_TITLE), on one x axis (so one
    set of date ticks, one zoom, one range). The fatalities trace is the last one and lies on
    "y2"; its bars carry no group, so a selected fatalities bar stands for all the incidents of its
    period (``selection.plotly_periods`` gives the group ''). One figure, not two: the browser
    lays out and draws one plot, which is most of a plot's first-draw cost without a GPU.
    In: ``Store.timeline`` rows; an empty frame gives ``empty_figure``."""
    fig = timeline_figure(frame, by, freq, height=height, x_range=x_range)
    if frame is None or frame.empty:
        return fig
    gap = 0.09
    fig.add_bar(**fatalities_bars(frame, freq), yaxis="y2")
    fig.update_layout(
        yaxis={"domain": [FATALITIES_SHARE + gap, 1]},
        yaxis2={"domain": [0, FATALITIES_SHARE], "anchor": "x", "rangemode": "tozero", "automargin": False,
                "title": {"text": f"fatalities per {FREQ_WORD.get(freq, 'week')}"}},
        xaxis={"anchor": "y2"},
    )
    fig.add_annotation(text=html.escape(FATALITIES_TITLE), x=0, xref="paper", xanchor="left",
                       y=FATALITIES_SHARE + gap * 0.45, yref="paper", yanchor="bottom", showarrow=False,
                       font={"size": 14})
    return fig


def _lane_offset(event_id: str) -> float:
    """A stable offset in -0.35..0.35 from the event id, so overlapping windows spread in a lane."""
    return (zlib.crc32(event_id.encode("utf-8")) % 1000) / 1000 * 0.7 - 0.35


def date_windows(frame: pd.DataFrame) -> pd.DataFrame:
    """The dated rows of ``frame`` (incident rows) with win_start, win_end (the window the incident
    certainly falls in: date_start..date_end, event_date where they are missing; inclusive) and
    win_type (event type, '' when unknown). Rows with no date at all are left out."""
    none = pd.Series(index=frame.index, dtype=object)
    start = pd.to_datetime(frame.get("date_start", none), errors="coerce")
    end = pd.to_datetime(frame.get("date_end", none), errors="coerce")
    event = pd.to_datetime(frame.get("event_date", none), errors="coerce")
    start = start.fillna(event)
    end = end.fillna(event).fillna(start)
    dated = start.notna()
    data = frame.loc[dated].copy()
    data["win_start"], data["win_end"] = start[dated], end[dated]
    data["win_end"] = data[["win_start", "win_end"]].max(axis=1)
    data["win_type"] = data.get("event_type", pd.Series("", index=data.index)).fillna("").astype(str)
    return data


def strip_figure(frame: pd.DataFrame, title: str = "", height: int = 340,
                 x_range: tuple[pd.Timestamp, pd.Timestamp] | None = None, freq: str = "week") -> go.Figure:
    """Each dated incident as a bar over its date window (date_start..date_end, inclusive).

    In: incident rows with event_id, event_type, date_start, date_end (event_date as a fallback),
    time_precision, location, admin1, source, quote, fatalities_low/high. Rows with no date at all
    are left out (the page lists them separately). One lane per event type; incidents spread
    inside their lane. A day-precise incident is one day wide, a "last week" incident seven days:
    uncertain dates look uncertain. Hover: ``strip_hovers`` (escaped). ``x_range``: the range
    shared with the bars above (None: the windows' own), ``freq`` their period (the ticks name
    it as the bars' do). customdata ``[event_id]``.
    """
    if frame is None or frame.empty:
        return empty_figure(height=height)
    data = date_windows(frame)
    if data.empty:
        return empty_figure("No dated incidents under these filters", height=height)
    types = _group_order("event_type", list(data["win_type"].unique()))
    lane = {t: i for i, t in enumerate(types)}
    fig = new_figure()
    hover_all = np.asarray(strip_hovers(data), dtype=object)
    ids_all = data["event_id"].astype(str).to_numpy(dtype=object)
    offsets = np.fromiter((_lane_offset(i) for i in ids_all), dtype=float, count=len(ids_all))
    width_all = (((data["win_end"] - data["win_start"]).dt.days + 1) * 86_400_000).to_numpy(dtype="int64")
    base_all = data["win_start"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    mid_all = (data["win_start"] + (data["win_end"] - data["win_start"]) / 2).dt.strftime(
        "%Y-%m-%d %H:%M").to_numpy(dtype=object)
    type_all = data["win_type"].to_numpy(dtype=object)
    for t in types:
        sel = type_all == t
        ys = lane[t] + offsets[sel]
        custom = ids_all[sel].reshape(-1, 1)
        hover = hover_all[sel]
        fig.add_bar(
            orientation="h", y=ys, x=width_all[sel], base=base_all[sel],
            width=0.09, marker_color=type_hex(t), marker_line_width=0, name=t or "(unknown)",
            legendgroup=t, customdata=custom, hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
        fig.add_scatter(
            x=mid_all[sel], y=ys, mode="markers", legendgroup=t,
            showlegend=False, marker={"color": type_hex(t), "size": 5, "line": {"width": 0}},
            customdata=custom, hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
            name=t or "(unknown)",
        )
    # lane names inside the plot, above each lane: the y axis takes no room, so the strip's plot
    # starts where the bars' plot above it starts
    fig.update_yaxes(tickvals=list(range(len(types))), showticklabels=False, range=[-0.6, len(types) - 0.2],
                     showgrid=False, zeroline=False)
    for t in types:
        fig.add_annotation(text=html.escape(t or "(unknown)"), x=0, xref="paper", xanchor="left", y=lane[t] + 0.42,
                           yref="y", yanchor="bottom", showarrow=False, font={"size": 11, "color": "#555555"})
    _date_axis(fig, x_range or timeline_range(None, freq, frame), freq)
    fig.update_layout(barmode="overlay", dragmode="select", clickmode="event+select", showlegend=True)
    return _layout(fig, title, height, TIME_LEFT_PX)


STRIP_LIMIT = 300  # the strip draws at most this many incidents (the latest under the filters)


def strip_note(shown: int, dated: int) -> str:
    """The note under a capped strip: '' when the strip holds every dated incident under the
    filters (``shown >= dated``), else 'Showing the latest 300 of 12,345 dated incidents: narrow
    the filters to see the others.'"""
    if dated <= shown:
        return ""
    return f"Showing the latest {shown:,} of {dated:,} dated incidents: narrow the filters to see the others."


def strip_hovers(data: pd.DataFrame) -> list[str]:
    """Hover text of the strip, one per row of ``data`` (incident rows): the date in bold (window
    and precision, ``words.date``), kind, place, casualties, outlet and the quote in italics. Every
    piece of data is HTML-escaped (plotly renders a subset of HTML in hovers)."""
    def esc(series: pd.Series) -> pd.Series:
        return series.map(lambda v: html.escape(v, quote=False)).astype(object)

    head = "<b>" + esc(words.date_column(data)) + "</b>"
    outlet = esc(text_column(data, "source"))
    outlet = outlet.where(outlet == "", "outlet: " + outlet)
    quote = esc(words.quote_column(data, 140))
    quote = quote.where(quote == "", "<i>" + quote + "</i>")
    parts = [head, esc(words.kind_column(data)), esc(words.place_column(data)), esc(words.casualties_column(data)),
             outlet, quote]
    return words.join_columns(parts, "<br>").tolist()


def governorate_bars(frame: pd.DataFrame, title: str = "", height: int = 300) -> go.Figure:
    """Incidents per governorate as horizontal bars, largest at the top.

    In: ``Store.by_governorate`` rows (admin1, incidents, fatalities). Out: one bar trace.
    """
    if frame is None or frame.empty:
        return empty_figure(height=height)
    data = frame.assign(admin1=frame["admin1"].fillna("(unknown)").astype(str)).sort_values("incidents")
    colors = governorate_color_map()
    fig = new_figure()
    fig.add_bar(orientation="h", y=data["admin1"].tolist(), x=data["incidents"].astype(int).tolist(),
                marker_color=[colors.get(g, "#888") for g in data["admin1"]],
                customdata=[[g] for g in data["admin1"]],
                hovertemplate="%{y}: %{x} incidents<extra></extra>")
    fig.update_layout(showlegend=False)
    return _layout(fig, title, height)
