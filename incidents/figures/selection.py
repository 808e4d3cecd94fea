"""Chart and table selections -> incident ids: pure functions, no streamlit.

Streamlit hands selections back as plain mappings (``PydeckState``, ``PlotlyState`` and
``DataframeState`` behave like dicts). These functions read only what they are given and
return event ids in the order selected, without duplicates; anything malformed gives [].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import pandas as pd

from incidents.figures import periods


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        if v and v not in seen:
            seen[v] = None
    return list(seen)


def _selection(state: Any) -> Mapping:
    if not isinstance(state, Mapping):
        return {}
    sel = state.get("selection", {})
    return sel if isinstance(sel, Mapping) else {}


def deck_event_ids(state: Any, layers: Sequence[str] | None = None) -> list[str]:
    """pydeck chart selection -> event ids of the selected incident points.

    In: the value of ``st.pydeck_chart(..., on_select="rerun")``:
    ``{"selection": {"indices": {layer_id: [i, ...]}, "objects": {layer_id: [obj, ...]}}}``;
    ``layers``: the layer ids that hold incidents (None = every layer). Objects without an
    ``event_id`` (governorate polygons, grid cells) are skipped; a stack of incidents at one
    place (``event_ids``: space-joined ids) gives all of its ids.
    """
    objects = _selection(state).get("objects", {})
    if not isinstance(objects, Mapping):
        return []
    ids: list[str] = []
    for layer_id, objs in objects.items():
        if layers is not None and layer_id not in layers:
            continue
        if not isinstance(objs, Sequence):
            continue
        for obj in objs:
            if not isinstance(obj, Mapping):
                continue
            if isinstance(obj.get("event_ids"), str) and obj["event_ids"].strip():
                ids.extend(obj["event_ids"].split())
            elif isinstance(obj.get("event_id"), str):
                ids.append(obj["event_id"])
    return _unique(ids)


def deck_governorate(state: Any, layer: str = "governorates") -> str | None:
    """pydeck selection -> the name of the selected governorate polygon, or None.

    GeoJSON features come back as ``{"properties": {"name": ...}, ...}``.
    """
    objs = _selection(state).get("objects", {})
    if not isinstance(objs, Mapping):
        return None
    for obj in objs.get(layer, []) or []:
        if isinstance(obj, Mapping):
            props = obj.get("properties", obj)
            if isinstance(props, Mapping) and isinstance(props.get("name"), str):
                return props["name"]
    return None


def plotly_event_ids(state: Any) -> list[str]:
    """plotly chart selection -> event ids from each selected point's ``customdata``.

    In: ``{"selection": {"points": [{"customdata": ["IIM...", ...], ...}, ...]}}``; the event id is
    the first customdata item (a plain string customdata is taken whole). Points without
    customdata (aggregate bars) are skipped.
    """
    points = _selection(state).get("points", [])
    if not isinstance(points, Sequence):
        return []
    ids: list[str] = []
    for p in points:
        if not isinstance(p, Mapping):
            continue
        cd = p.get("customdata")
        if isinstance(cd, str):
            ids.append(cd)
        elif isinstance(cd, Sequence) and cd and isinstance(cd[0], str):
            ids.append(cd[0])
    return _unique(ids)


def _to_date(value: Any) -> date | None:
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        return None
    return None if pd.isna(ts) else ts.date()


def plotly_periods(state: Any, freq: str) -> list[tuple[date, date, str]]:
    """Selected timeline bars -> (first day, last day, group) for each selected bar.

    In: a plotly selection on the stacked period bars, whose points carry ``x`` (the period
    start) and the trace's ``legendgroup`` (Streamlit adds it to each point; ``customdata``
    ``[group]`` is read first when a point has it); ``freq`` "week", "month", "quarter" or "year".
    Out: inclusive date windows to turn into filters; malformed points are skipped.
    """
    points = _selection(state).get("points", [])
    out: list[tuple[date, date, str]] = []
    if not isinstance(points, Sequence):
        return out
    for p in points:
        if not isinstance(p, Mapping):
            continue
        start = _to_date(p.get("x"))
        if start is None:
            continue
        cd = p.get("customdata")
        group = ""
        if isinstance(cd, Sequence) and not isinstance(cd, str) and cd and isinstance(cd[0], str):
            group = cd[0]
        elif isinstance(cd, str):
            group = cd
        elif isinstance(p.get("legendgroup"), str):
            group = p["legendgroup"]
        out.append((start, period_end(start, freq), group))
    seen: dict[tuple[date, date, str], None] = {}
    for item in out:
        seen.setdefault(item, None)
    return list(seen)


def period_end(start: date, freq: str) -> date:
    """Last day of the week (7 days from ``start``), calendar month, quarter or year that begins at
    ``start``."""
    if freq == "week":
        return start + timedelta(days=6)
    return (periods.period_end(pd.Timestamp(start), freq) - pd.Timedelta(days=1)).date()


def table_event_ids(state: Any, frame: pd.DataFrame) -> list[str]:
    """st.dataframe row selection -> event ids of the selected rows of ``frame`` (as displayed).

    In: ``{"selection": {"rows": [i, ...]}}`` positions into ``frame``; positions outside the
    frame (the data changed under the selection) are skipped.
    """
    rows = _selection(state).get("rows", [])
    if not isinstance(rows, Sequence) or "event_id" not in frame.columns:
        return []
    ids = [str(frame["event_id"].iloc[i]) for i in rows
           if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(frame)]
    return _unique(ids)
