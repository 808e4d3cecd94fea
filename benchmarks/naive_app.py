"""The naive baseline for the benchmark: how a plain Streamlit app would do it.

Reads INCIDENTS_DATA_DIR/incidents.csv with pandas on every rerun, filters the frame in pandas,
and sends every incident as a point to pydeck plus a weekly timeline to plotly. No caching, no
engine, no aggregation on a server. Filters come from the URL (``?governorates=all``,
``?event_types=Battles``, ``?from=2016-01-01&to=2016-12-31``) or the widgets.

Run: ``INCIDENTS_DATA_DIR=DIR streamlit run benchmarks/naive_app.py``.
"""

import os
from pathlib import Path

import pandas as pd
import plotly.express as px
import pydeck as pdk
import streamlit as st

st.set_page_config(page_title="Naive incident map", layout="wide")
FOCUS = ["Kirkuk", "Salah ad-Din", "Diyala", "Nineveh"]

path = Path(os.environ.get("INCIDENTS_DATA_DIR", "data")) / "incidents.csv"
df = pd.read_csv(path)  # every rerun

qp = st.query_params
all_govs = sorted(df["admin1"].dropna().unique())
default = all_govs if qp.get("governorates") == "all" else [g for g in FOCUS if g in all_govs]
govs = st.multiselect("Governorates", all_govs, default=default)
types = sorted(df["event_type"].dropna().unique())
chosen = st.multiselect("Event types", types, default=[t for t in qp.get_all("event_types") if t in types])
df = df[df["admin1"].isin(govs) & (df["country"] == "Iraq")]
if chosen:
    df = df[df["event_type"].isin(chosen)]
if qp.get("from"):
    df = df[df["event_date"].isna() | (df["event_date"] >= qp.get("from"))]
if qp.get("to"):
    df = df[df["event_date"].isna() | (df["event_date"] <= qp.get("to"))]

st.title(f"{len(df):,} incidents")
points = df.dropna(subset=["latitude", "longitude"])[
    ["event_id", "event_date", "event_type", "location", "latitude", "longitude", "fatalities", "notes"]
]
layer = pdk.Layer("ScatterplotLayer", points, id="points", get_position=["longitude", "latitude"],
                  get_radius=2000, get_fill_color=[214, 39, 40, 160], pickable=True)
st.pydeck_chart(pdk.Deck(layers=[layer], initial_view_state=pdk.ViewState(latitude=34.5, longitude=44.0, zoom=6),
                         map_style=None, tooltip={"text": "{event_date} {event_type}\n{location}\n{notes}"}))

dated = df.dropna(subset=["event_date"]).copy()
dated["week"] = pd.to_datetime(dated["event_date"]).dt.to_period("W").dt.start_time
weekly = dated.groupby(["week", "event_type"]).size().reset_index(name="incidents")
st.plotly_chart(px.bar(weekly, x="week", y="incidents", color="event_type", title="Incidents per week"))
