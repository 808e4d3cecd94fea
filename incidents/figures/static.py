"""Vega-Lite specs drawn to SVG on the server (vl-convert), for figures the browser only has to show.

Why: the overview is the first page an analyst opens. Drawn in the browser, even a Vega-Lite chart
costs Streamlit's vega-embed bundle (0.8 MB of script to parse and run) and vega's dataflow in the
page, on a 2-core machine without a GPU about 0.4 s of the first load; deck.gl and plotly cost
seconds. vl-convert (the Vega project's converter: Vega-Lite and Vega in a Rust library with its
own embedded JavaScript runtime; no network, no browser) turns the same spec into SVG text in
30-50 ms once warm. Its first call starts that runtime (about 1.7 s), which the server's warm-up
run pays (``python -m incidents serve``).

The page shows the SVG with ``st.image`` (an ``<img>`` of the SVG): a picture, in which no script
can run whatever the data holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import pandas as pd


def inline_datasets(spec: Mapping) -> dict:
    """A copy of ``spec`` whose ``datasets`` frames are JSON records (what vl-convert reads).
    Dates and timestamps become ISO strings; missing values become null."""
    out = dict(spec)
    tables = out.pop("datasets", None) or {}
    if tables:
        out["datasets"] = {name: (json.loads(t.to_json(orient="records", date_format="iso"))
                                  if isinstance(t, pd.DataFrame) else t) for name, t in tables.items()}
    return out


def render_svg(spec: Mapping, width: int = 600) -> str:
    """A Vega-Lite spec (``incidents.figures.vegalite``) -> SVG text drawn ``width`` px wide ("container"
    widths are replaced by it). Raises ValueError with vl-convert's message when the spec is not
    valid Vega-Lite."""
    import vl_convert as vlc

    spec = inline_datasets(spec)
    if spec.get("width") in (None, "container"):
        spec["width"] = int(width)
    try:
        return vlc.vegalite_to_svg(spec)
    except Exception as exc:  # vl-convert raises ValueError or its own error type
        raise ValueError(f"the figure could not be drawn: {exc}") from exc


SVG_NS = "{http://www.w3.org/2000/svg}"


def drawn_marks(svg: str, kind: str) -> list:
    """What a drawn figure holds: the SVG elements of Vega's data mark groups of one kind ("shape"
    for governorates, "symbol" for incidents, "rect" for bars, "text" for labels), as
    ``xml.etree.ElementTree`` elements with their attributes (fill, d, transform, ...) and text.
    Legends and axes are left out (``drawn_legends`` has the legends)."""
    import xml.etree.ElementTree as ET

    out = []
    for g in ET.fromstring(svg).iter(f"{SVG_NS}g"):
        classes = (g.get("class") or "").split()
        if f"mark-{kind}" in classes and "role-mark" in classes:
            out.extend(child for child in g if child.tag in (f"{SVG_NS}path", f"{SVG_NS}text"))
    return out


def drawn_legends(svg: str) -> list[list[str]]:
    """The legends of a drawn figure: for each, its title (if any) and label texts, in order."""
    import xml.etree.ElementTree as ET

    out = []
    for g in ET.fromstring(svg).iter(f"{SVG_NS}g"):
        if "role-legend" in (g.get("class") or "").split():
            texts = [t.text or "" for t in g.iter(f"{SVG_NS}text")]
            out.append(texts)
    return out
