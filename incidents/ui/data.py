"""Cached access to the Store for the pages.

``st.cache_resource`` holds one Store per data directory state (directory + size and mtime of
its table files, ``load.fingerprint``), so replacing a CSV reloads it. ``run(name, *args, **kw)``
is the pages' one query call: ``Store.run`` cached by ``st.cache_data`` under that fingerprint,
the query's name and its arguments (a ``Filters`` argument by its value). Results are copies:
pages may modify them. The overview's two pictures are cached the same way.
"""

from __future__ import annotations

import streamlit as st

from incidents.figures.static import render_svg
from incidents.figures.vegalite import map_spec, timeline_spec
from incidents.filters import Filters
from incidents.store.load import StoreError, fingerprint
from incidents.store.queries import arguments
from incidents.store.store import Store

# A Filters value is keyed by its repr: every field, so two values share results only when equal.
BY_VALUE = {Filters: repr}


@st.cache_resource(max_entries=4, show_spinner="Loading the incident tables…")
def _open(stamp: tuple) -> Store:
    """The Store of data-directory state ``stamp`` (a fingerprint), opened once."""
    return Store.open(stamp[0])


def stamp() -> tuple:
    """The data directory's fingerprint (changes when a table file is replaced)."""
    return fingerprint()


def store() -> Store:
    """The Store of the current data directory; on a StoreError the page shows the message
    (which names the path) and stops."""
    try:
        return _open(stamp())
    except StoreError as exc:
        st.error(f"The incident tables cannot be opened. {exc}")
        st.stop()
        raise  # unreachable: st.stop() ends the script


@st.cache_data(max_entries=512, show_spinner=False, hash_funcs=BY_VALUE)
def _run(key: tuple, name: str, **kw):
    """Store.run(name, **kw) on the tables of data-directory state ``key`` (cached)."""
    return _open(key).run(name, **kw)


def run(name: str, *args, **kw):
    """``Store.run(name, *args, **kw)`` on the current data directory's tables, cached (a copy
    of the cached answer), keyed by the arguments in one form (``queries.arguments``), so
    ``run("timeline", f)`` and ``run("timeline", f, freq="week")`` share one answer. For
    example ``run("count", f)``, ``run("options")``, ``run("article", article_id)``."""
    return _run(stamp(), name, **arguments(name, *args, **kw))


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=BY_VALUE)
def _overview_map_svg(key: tuple, f: Filters, limit: int, with_points: bool, width: int) -> str:
    """``overview_map_svg`` on the tables of data-directory state ``key``."""
    s = _open(key)
    points = s.run("map_points", f, limit=limit) if with_points else None
    return render_svg(map_spec(by_governorate=s.run("by_governorate", f), points=points,
                               governorates=f.governorates, height=380), width)


def overview_map_svg(f: Filters, limit: int, with_points: bool, width: int = 600) -> str:
    """The overview's map as SVG (``vegalite.map_spec`` drawn by ``static.render_svg``), cached:
    governorates shaded by count and, with ``with_points`` (the page knows the count and
    compares it with ``limit``), the incidents as points, at most ``limit`` of them."""
    return _overview_map_svg(stamp(), f, limit, with_points, width)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=BY_VALUE)
def _overview_timeline_svg(key: tuple, f: Filters, width: int) -> str:
    """``overview_timeline_svg`` on the tables of data-directory state ``key``."""
    tl = _open(key).run("timeline", f, freq="month", by="event_type")
    return render_svg(timeline_spec(tl, "event_type", "month", height=380), width)


def overview_timeline_svg(f: Filters, width: int = 600) -> str:
    """The overview's monthly timeline (stacked by event type) as SVG, cached."""
    return _overview_timeline_svg(stamp(), f, width)
