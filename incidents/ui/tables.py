"""Incident tables (st.dataframe with column configuration and links to the source view) and
the queries behind table selections."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from incidents.filters import Filters
from incidents.selection import table_event_ids
from incidents.ui import data
from incidents.ui.links import source_url
from incidents.ui.page import incident_details

TABLE_COLUMNS: tuple[str, ...] = (
    "event_date", "date_start", "date_end", "event_type", "sub_event_type", "admin1", "location",
    "geo_precision", "fatalities", "fatalities_low", "fatalities_high", "actor1", "actor2", "source",
    "quote", "notes", "dataset", "event_id",
)


def table_frame(incidents: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Incident rows -> the columns the table shows, plus ``source_view`` (relative URL of the
    source view: the article, or the notes of an incident without one). Dates become dates."""
    view = incidents.reindex(columns=list(TABLE_COLUMNS)).copy()
    for col in ("event_date", "date_start", "date_end"):
        view[col] = pd.to_datetime(view[col], errors="coerce").dt.date
    arts = incidents.get("article_id", pd.Series([None] * len(incidents), index=incidents.index))
    view["source_view"] = [
        source_url(f, a) if isinstance(a, str) and a else source_url(f, None, e)
        for a, e in zip(arts, incidents.get("event_id", pd.Series("", index=incidents.index)), strict=True)
    ]
    return view.reset_index(drop=True)


COLUMN_CONFIG = {
    "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD", help="Best single date; empty = undated"),
    "date_start": st.column_config.DateColumn("From", format="YYYY-MM-DD"),
    "date_end": st.column_config.DateColumn("To", format="YYYY-MM-DD"),
    "event_type": "Event type", "sub_event_type": "Sub-event type", "admin1": "Governorate",
    "location": "Location",
    "geo_precision": st.column_config.NumberColumn("Geo precision", format="%d",
                                                   help="1 town, 2 near a town, 3 governorate only"),
    "fatalities": st.column_config.NumberColumn("Fatalities", format="%d"),
    "fatalities_low": st.column_config.NumberColumn("Low", format="%d"),
    "fatalities_high": st.column_config.NumberColumn("High", format="%d"),
    "actor1": "Actor 1", "actor2": "Actor 2", "source": "Outlet",
    "quote": st.column_config.TextColumn("Quote", width="large"), "notes": "Notes", "dataset": "Dataset",
    "event_id": "Event id",
    "source_view": st.column_config.LinkColumn("Source", display_text="open source view",
                                               help="The article this incident was extracted from"),
}


def incident_table(incidents: pd.DataFrame, f: Filters, key: str, height: int | str = "auto") -> list[str]:
    """Draw an incident table with single-row selection; a selected row's details and source link
    are shown below it. Returns the selected event ids."""
    view = table_frame(incidents, f)
    event = st.dataframe(view, hide_index=True, width="stretch", height=height, column_config=COLUMN_CONFIG,
                         on_select="rerun", selection_mode="single-row", key=key)
    ids = table_event_ids(event, view)
    if ids:
        rows = incidents[incidents["event_id"].astype(str) == ids[0]]
        inc = rows.iloc[0].to_dict() if len(rows) else None
        incident_details(inc, f, key=f"{key}_details")
    return ids


def incidents_in_periods(q: data.Q, periods: list[tuple[date, date, str]], by: str,
                         limit: int = 500) -> pd.DataFrame:
    """The incidents of selected timeline bars: for each (first day, last day, group) the filters
    narrowed to that window and group (event type or governorate), newest first."""
    frames = []
    for start, end, group in periods:
        g = replace(q.f, date_from=max(start, q.f.date_from or start), date_to=min(end, q.f.date_to or end),
                    include_undated=False)
        if group and by == "event_type":
            g = replace(g, event_types=(group,))
        elif group and by == "admin1":
            g = replace(g, governorates=(group,))
        frames.append(q.where(g).incidents(limit=limit))
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True).drop_duplicates("event_id")
    return out.head(limit)
