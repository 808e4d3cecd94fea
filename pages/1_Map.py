"""Map: governorates shaded by incident count, incidents as points (or grid cells when many)."""

import streamlit as st

from incidents.figures import maps
from incidents.figures.selection import deck_event_ids, deck_governorate
from incidents.ui import data, page, state, tables

MAP_HEIGHT = maps.MAP_HEIGHT_PX

f = page.setup("Map", extras=("layers",))
page.title("Map of incidents", f)
layers, basemap = maps.parse_layers(state.extra("layers", ""))

c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
st.session_state["_map_layers"] = list(layers)
c1.pills("Layers", list(maps.LAYER_CHOICES), key="_map_layers", selection_mode="multi",
         format_func=maps.LAYER_CHOICES.get,
         on_change=lambda: state.set_extra("layers", maps.format_layers(
             st.session_state["_map_layers"] or (), basemap)))
st.session_state["_map_basemap"] = basemap
c2.toggle("Online basemap", key="_map_basemap",
          help="Draws Carto's street map under the data; the browser then fetches tiles from the internet. "
               "Off: the map needs nothing but this server.",
          on_change=lambda: state.set_extra("layers", maps.format_layers(
              layers, bool(st.session_state["_map_basemap"]))))

n = data.run("count", f)
if n == 0:
    page.empty_state(f)
else:
    draw, note = maps.map_mode(n, layers)
    bounds = maps.governorate_bounds(maps.load_governorates(), f.governorates)
    cell = maps.cell_size(bounds)
    points = data.run("map_points", f, maps.POINT_LIMIT) if "points" in draw else None
    deck = maps.incident_map(
        points=points,
        bins=data.run("map_bins", f, cell) if "density" in draw else None, cell_deg=cell,
        by_governorate=data.run("by_governorate", f), show=draw, governorates=f.governorates,
        online_basemap=basemap, quote_chars=140, width_px=maps.FIT_WIDTH_PX, height_px=MAP_HEIGHT,
    )
    if note:
        st.info(note, icon=":material/grid_on:")
    left, right = st.columns([5, 2], gap="medium")
    with left:
        st.html(maps.background_css())
        picked = st.pydeck_chart(deck, height=MAP_HEIGHT, key="map", on_select="rerun", selection_mode="single-object",
                                 alt=f"Map of {n:,} incidents in Iraq under the filters, by governorate")
        st.html(page.legend_html())
        st.caption(f"{n:,} incident(s) under the filters. Hover for details; click a point to select it.")
        if apart := page.undated_apart_note(f, "on this map"):
            st.caption(apart)
    with right:
        ids = deck_event_ids(picked, maps.INCIDENT_LAYERS)
        gov = deck_governorate(picked)
        if len(ids) > 1:
            st.subheader(f"{len(ids):,} incidents at this place")
            tables.incident_table(tables.rows_with_ids(points, ids), f, key="map_stack", columns=tables.SHORT_COLUMNS)
        elif ids:
            st.subheader("Selected incident")
            page.incident_details(data.run("incident", ids[0]), f, key="map_pick")
        elif gov:
            st.subheader(gov)
            counts = tables.counts_by_governorate(data.run("by_governorate", f))
            st.metric("Incidents under the filters", f"{counts.get(gov, 0):,}")
            st.button(f"Show only {gov}", on_click=lambda g=gov: state.update(governorates=(g,)))
        else:
            st.caption("Select an incident on the map to see its details and a link to its article; "
                       "select a governorate to narrow the filters to it.")
            tables.governorate_table(data.run("by_governorate", f))
page.footer(data.run("options").get("outlets"))
