"""Charts, maps, Vega-Lite specs, static drawing, colours, highlights: data in, figure out (no Streamlit)."""
