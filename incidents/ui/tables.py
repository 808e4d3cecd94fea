"""Incident tables (st.dataframe with column configuration and links to the source view) and
the queries behind table selections."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from incidents import words
from incidents.figures.selection import table_event_ids
from incidents.filters import Filters
from incidents.ui import data
from incidents.ui.links import source_url
from incidents.ui.page import incident_details

TABLE_COLUMNS: tuple[str, ...] = (
    "when", "source_view", "event_type", "place", "casualties", "actor1", "actor2", "sub_event_type", "admin1",
    "located_to", "source", "quote", "notes", "dataset", "event_date", "fatalities", "event_id",
)  # what an analyst reads first comes first: at 1366 px the columns up to the actors are in view
SHORT_COLUMNS: tuple[str, ...] = ("when", "source_view", "event_type", "casualties")  # for a narrow column
ROW_PX = 35  # st.dataframe's row height (and its header's)
VISIBLE_ROWS = 15  # a table shows this many rows before it scrolls


def table_frame(incidents: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Incident rows -> the columns the table shows, worded by ``incidents.words`` as on every page:
    ``when`` ("3 Dec 2024", "9–15 Dec 2024 (week)", "undated"), ``place`` ("Hawija, Kirkuk",
    "Kirkuk (governorate only)"), ``located_to`` (town / near a town / governorate only),
    ``casualties`` ("5 killed (3–7), 2 wounded"); ``source_view`` (relative URL of the source view
    of the incident: its article scrolled to its sentence, or its notes when it has no article;
    ``links.source_url``); the governorate, raw date and best fatalities for sorting, and the rest."""
    n = len(incidents)

    def col(name: str) -> pd.Series:
        return incidents[name] if name in incidents.columns else pd.Series([None] * n, index=incidents.index)

    view = pd.DataFrame(index=incidents.index)
    view["when"] = words.date_column(incidents)
    base = replace(f, article_id=None)
    view["source_view"] = [source_url(base, a if isinstance(a, str) and a else None, e)
                           for a, e in zip(col("article_id"), col("event_id").astype(str), strict=True)]
    for name in ("event_type", "sub_event_type"):
        view[name] = col(name)
    view["place"] = words.place_column(incidents)
    view["admin1"] = col("admin1")
    view["located_to"] = words.located_to_column(incidents)
    view["casualties"] = words.casualties_column(incidents)
    for name in ("actor1", "actor2", "source", "quote", "notes", "dataset"):
        view[name] = col(name)
    view["event_date"] = pd.to_datetime(col("event_date"), errors="coerce").dt.date
    view["fatalities"] = pd.to_numeric(col("fatalities"), errors="coerce").astype("Int64")
    view["event_id"] = col("event_id")
    return view.reindex(columns=list(TABLE_COLUMNS)).reset_index(drop=True)


COLUMN_CONFIG = {
    "when": st.column_config.TextColumn("When", help="Date or date window with its precision; undated when the "
                                        "text gives no way to date it (sort by “Date (sortable)”)",
                                        width=140),
    "source_view": st.column_config.LinkColumn("Source", display_text="open",
                                               help="The article this incident was extracted from "
                                                    "(or its notes, for imported incidents)"),
    "event_type": st.column_config.TextColumn("Event type", width=175), "sub_event_type": "Sub-event type",
    "admin1": "Governorate",
    "place": st.column_config.TextColumn("Place", help="Location and governorate; “governorate only” when the "
                                         "text names no closer place", width=200),
    "located_to": st.column_config.TextColumn("Located to", help="ACLED geo precision"),
    "casualties": st.column_config.TextColumn("Casualties", help="Killed (best estimate, with the low–high range "
                                              "when the text gives one), then wounded and arrested where stated",
                                              width=170),
    "actor1": "Actor 1", "actor2": "Actor 2", "source": "Outlet",
    "quote": st.column_config.TextColumn("Quote", width="large"), "notes": "Notes", "dataset": "Dataset",
    "event_date": st.column_config.DateColumn("Date (sortable)", format="YYYY-MM-DD"),
    "fatalities": st.column_config.NumberColumn("Fatalities (best)", format="%d"),
    "event_id": "Event id",
}


def table_height(rows: int, visible: int = VISIBLE_ROWS) -> int:
    """Pixels of a table that shows ``rows`` rows, at most ``visible`` of them (then it scrolls):
    st.dataframe's "auto" stops at 10."""
    return ROW_PX * (min(max(rows, 1), visible) + 1) + 3


def incident_table(incidents: pd.DataFrame, f: Filters, key: str, height: int | str | None = None,
                   columns: tuple[str, ...] | None = None) -> list[str]:
    """Draw an incident table with single-row selection (``columns``: the ones to show, all of
    TABLE_COLUMNS by default; up to VISIBLE_ROWS rows before it scrolls); a selected row's details
    and source link are shown below it. Returns the selected event ids."""
    view = table_frame(incidents, f)
    event = st.dataframe(view, hide_index=True, width="stretch", height=height or table_height(len(view)),
                         column_config=COLUMN_CONFIG, column_order=columns, on_select="rerun",
                         selection_mode="single-row", key=key)
    ids = table_event_ids(event, view)
    if ids:
        rows = incidents[incidents["event_id"].astype(str) == ids[0]]
        inc = rows.iloc[0].to_dict() if len(rows) else None
        incident_details(inc, f, key=f"{key}_details")
    return ids


def incidents_in_periods(f: Filters, periods: list[tuple[date, date, str]], by: str,
                         limit: int = 500) -> pd.DataFrame:
    """The incidents of selected timeline bars: for each (first day, last day, group) the filters
    ``f`` narrowed to that window and group (event type or governorate), newest first."""
    frames = []
    for start, end, group in periods:
        g = replace(f, date_from=max(start, f.date_from or start), date_to=min(end, f.date_to or end),
                    include_undated=False)
        if group and by == "event_type":
            g = replace(g, event_types=(group,))
        elif group and by == "admin1":
            g = replace(g, governorates=(group,))
        frames.append(data.run("incidents", g, limit=limit))
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True).drop_duplicates("event_id")
    return out.head(limit)


def rows_with_ids(incidents: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The rows of ``incidents`` whose event_id is in ``ids``, in the frame's order."""
    return incidents[incidents["event_id"].astype(str).isin(set(ids))]


def counts_by_governorate(frame: pd.DataFrame) -> dict[str, int]:
    """``by_governorate`` query rows -> {governorate: incidents}."""
    return {str(a): int(n) for a, n in zip(frame["admin1"], frame["incidents"], strict=True) if isinstance(a, str)}


def governorate_table(frame: pd.DataFrame) -> None:
    """Incidents and fatalities per governorate, most incidents first (every governorate in view:
    there are 18 at most)."""
    st.dataframe(frame.reindex(columns=["admin1", "incidents", "fatalities"]), hide_index=True, width="stretch",
                 height=table_height(len(frame), 18),
                 column_config={"admin1": st.column_config.TextColumn("Governorate", width=104),
                                "incidents": st.column_config.NumberColumn("Incidents", format="%d", width=68),
                                "fatalities": st.column_config.NumberColumn("Fatalities", format="%d", width=68)})
