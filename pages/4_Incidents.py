"""Incidents: the filtered table, details of a selected row, CSV and GeoJSON downloads."""

from datetime import UTC, datetime

import streamlit as st

from incidents.dataset.exports import to_csv_bytes, to_geojson_bytes, to_spreadsheet_csv_bytes
from incidents.filenames import download_name
from incidents.ui import data, page, tables

TABLE_LIMIT = 5_000

f = page.setup("Incidents")
page.title("Incident table", f)
n = data.run("count", f)
if n == 0:
    page.empty_state(f)
else:
    c1, c2, c3, c4 = st.columns([2, 1.3, 1, 1.3], vertical_alignment="bottom")  # button labels never cut
    c1.caption(f"{n:,} incident(s) under the filters, newest first"
               + (f"; the table shows the first {TABLE_LIMIT:,}, the downloads hold all of them." if n > TABLE_LIMIT
                  else "."))
    store = data.store()  # the downloads run later, on the tables shown now
    today = datetime.now(UTC).date()  # downloads are named after the view and the day: incidents_kirkuk_..._DAY.csv
    c2.download_button("CSV for spreadsheets", data=lambda: to_spreadsheet_csv_bytes(store.run("incidents", f)),
                       file_name=download_name(f, "csv", today), mime="text/csv", icon=":material/download:", on_click="ignore",
                       key="csv_sheet", help="Every filtered incident, ACLED's columns first, for Excel or LibreOffice: "
                       "text that starts like a formula (= + - @) gets a leading ' so it is never run.")
    c3.download_button("CSV data", data=lambda: to_csv_bytes(store.run("incidents", f)),
                       file_name=download_name(f, "csv", today, "data"), mime="text/csv", icon=":material/download:", on_click="ignore",
                       key="csv_raw", help="The same rows exactly as stored, for tools that read CSV as data "
                       "(pandas, R, QGIS, or this dashboard: save it as incidents.csv in a folder of its own and "
                       "serve that folder). Do not open it in a spreadsheet.")
    c4.download_button("Download GeoJSON", data=lambda: to_geojson_bytes(store.run("incidents", f)),
                       file_name=download_name(f, "geojson", today), mime="application/geo+json", icon=":material/download:",
                       on_click="ignore", help="Every filtered incident as a point feature with all its fields.")
    if apart := page.undated_apart_note(f, "in this table or its downloads"):
        st.caption(apart)
    tables.incident_table(data.run("incidents", f, limit=TABLE_LIMIT), f, key="incidents_table")
page.footer(data.run("options").get("outlets"))
