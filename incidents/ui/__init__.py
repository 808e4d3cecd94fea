"""The dashboard's Streamlit-aware code: session state, the shared sidebar, cached queries and
the small rendering helpers every page uses. Pages stay thin: they call ``page.setup`` and the
builders of incidents.figures.charts / incidents.figures.maps."""
