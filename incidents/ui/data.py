"""Cached access to the Store for the pages.

``st.cache_resource`` holds one Store per data directory state (directory + size and mtime of
its table files, ``load.fingerprint``), so replacing a CSV reloads it. ``run(name, *args, **kw)``
is the pages' one query call: ``Store.run`` cached by ``st.cache_data`` under that fingerprint,
the query's name and its arguments (a ``Filters`` argument by its value). Results are copies:
pages may modify them. The overview's two pictures are cached the same way.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from incidents import data_dir_from_env
from incidents.dataset.corrections import Correction, load_corrections
from incidents.figures.periods import period_for_span
from incidents.figures.static import render_svg
from incidents.figures.vegalite import MAP_WIDTH, map_spec, timeline_spec
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
                               governorates=f.governorates, width=width), width)


def overview_map_svg(f: Filters, limit: int, with_points: bool, width: int = MAP_WIDTH) -> str:
    """The overview's map as SVG (``vegalite.map_spec`` drawn by ``static.render_svg``), cached:
    governorates shaded by count and, with ``with_points`` (the page knows the count and
    compares it with ``limit``), the incidents as points, at most ``limit`` of them, one mark
    per place with its number; a legend of the event types and of the shading."""
    return _overview_map_svg(stamp(), f, limit, with_points, width)


def overview_period(f: Filters) -> str:
    """The period of the overview's timeline: the finest of week, month, quarter and year that
    cuts the span of the dated incidents under ``f`` into at most ``periods.MOST_BARS`` bars, and
    into no more bars than there are dated incidents (``periods.period_for_span``)."""
    s = run("summary", f)
    return period_for_span(s.get("date_min"), s.get("date_max"), incidents=s["incidents"] - s["undated"])


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=BY_VALUE)
def _overview_timeline_svg(key: tuple, f: Filters, freq: str, width: int) -> str:
    """``overview_timeline_svg`` on the tables of data-directory state ``key``."""
    tl = _open(key).run("timeline", f, freq=freq, by="event_type")
    return render_svg(timeline_spec(tl, "event_type", freq, height=340), width)


def overview_timeline_svg(f: Filters, freq: str, width: int = MAP_WIDTH) -> str:
    """The overview's timeline per ``freq`` (see ``overview_period``), stacked by event type, as SVG, cached."""
    return _overview_timeline_svg(stamp(), f, freq, width)


CORRECTIONS_FILE = "corrections.csv"


@st.cache_data(max_entries=4, show_spinner=False)
def _corrections(path: str, size: int, mtime_ns: int) -> dict[str, list[Correction]]:
    """The usable rows of the corrections file at ``path`` (of that size and mtime), by event id."""
    found, _ = load_corrections(Path(path))
    out: dict[str, list[Correction]] = {}
    for c in found:
        out.setdefault(c.event_id, []).append(c)
    return out


def corrections() -> dict[str, list[Correction]]:
    """The analysts' corrections of the data directory (corrections.csv: who, when, why), by event
    id, the file's rows that could be used only (``dataset.corrections.load_corrections``; the
    build reports the others); {} when there is no such file."""
    path = data_dir_from_env() / CORRECTIONS_FILE
    try:
        info = path.stat()
    except OSError:
        return {}
    return _corrections(str(path.resolve()), info.st_size, info.st_mtime_ns)
