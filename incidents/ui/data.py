"""Cached access to the Store for the pages.

Where the tables are: the connection URL INCIDENTS_DB, else ``url`` of ``[connections.incidents]``
in .streamlit/secrets.toml (Streamlit's convention), else ``duckdb://``, the CSV files of the data
folder (``incidents.store.engines`` says what each URL opens).

``st.cache_resource`` holds one Store per state of the tables: for ``duckdb://`` the data folder
and the size and mtime of its table files (``load.fingerprint``), so replacing a CSV reloads it;
for another engine the URL and the fingerprints ``python -m incidents load`` left there
(``engines.fingerprint``), read at most once every INCIDENTS_REFRESH seconds (default 30;
``serve --refresh``), so a new load reaches the pages that fast. ``run(name, *args, **kw)`` is the
pages' one query call: ``Store.run`` cached by ``st.cache_data`` under that state, the query's
name and its arguments (a ``Filters`` argument by its value). Results are copies: pages may modify
them. The overview's two pictures are cached the same way. When the tables cannot be opened the
page says why (the URL with its password masked) and stops.
"""

from __future__ import annotations

import os
from typing import NoReturn

import streamlit as st

from incidents.dataset.correction_rules import effective
from incidents.dataset.corrections import Correction
from incidents.figures.periods import period_for_span
from incidents.figures.static import render_svg
from incidents.figures.vegalite import MAP_WIDTH, map_spec, timeline_spec
from incidents.filters import Filters
from incidents.store import engines
from incidents.store.load import StoreError, fingerprint
from incidents.store.queries import arguments
from incidents.store.store import Store

# A Filters value is keyed by its repr: every field, so two values share results only when equal.
BY_VALUE = {Filters: repr}
REFRESH_ENV = "INCIDENTS_REFRESH"
DEFAULT_REFRESH = 30.0


def refresh_seconds() -> float:
    """Seconds between two readings of another engine's fingerprints: INCIDENTS_REFRESH (0: every
    run), else DEFAULT_REFRESH; a value that is not a number counts as the default."""
    try:
        return max(0.0, float(os.environ.get(REFRESH_ENV, "") or DEFAULT_REFRESH))
    except ValueError:
        return DEFAULT_REFRESH


def connection_url() -> str:
    """INCIDENTS_DB, else ``[connections.incidents] url`` of the secrets, else "" (``duckdb://``)."""
    env = os.environ.get("INCIDENTS_DB", "").strip()
    if env or not st.secrets.load_if_toml_exists():
        return env
    section = st.secrets.get("connections", {}).get("incidents", {})
    return str(section.get("url", "") if hasattr(section, "get") else "").strip()


def _alive(store: Store) -> bool:
    """False when the store's database connection is closed or broken (a restarted server)."""
    raw = getattr(store.con, "con", None)
    return not (getattr(raw, "closed", False) or getattr(raw, "broken", False))


@st.cache_resource(max_entries=4, show_spinner="Loading the incident tables…", validate=_alive)
def _open(key: tuple) -> Store:
    """The Store of state ``key`` (see ``stamp``), opened once."""
    url, state = key
    return Store.open(None if url else state[0], url=url)


@st.cache_data(ttl=refresh_seconds() or None, show_spinner=False)
def _engine_state(url: str) -> tuple:
    """``engines.fingerprint`` of ``url``'s target, kept for ``refresh_seconds()``."""
    return engines.fingerprint(engines.parse(url))


def _stamp(url: str) -> tuple:
    if engines.parse(url).default:
        return ("", fingerprint())
    return (url, _engine_state(url) if refresh_seconds() else engines.fingerprint(engines.parse(url)))


def _stop(exc: StoreError) -> NoReturn:
    st.error(f"The incident tables cannot be opened. {exc}")
    st.stop()
    raise exc  # unreachable: st.stop() ends the script


def stamp() -> tuple:
    """The state of the tables: ("", the data folder's fingerprint) for ``duckdb://``, (URL, what
    was loaded there) for another engine. A StoreError shows its message and stops the page."""
    try:
        return _stamp(connection_url())
    except StoreError as exc:
        _stop(exc)


def store() -> Store:
    """The Store of the tables now; on a StoreError the page shows the message (which names the
    path or the URL, password masked) and stops."""
    try:
        return _open(stamp())
    except StoreError as exc:
        _stop(exc)


@st.cache_data(max_entries=512, show_spinner=False, hash_funcs=BY_VALUE)
def _run(key: tuple, name: str, **kw):
    """Store.run(name, **kw) on the tables of state ``key`` (cached)."""
    return _open(key).run(name, **kw)


def run(name: str, *args, **kw):
    """``Store.run(name, *args, **kw)`` on the current data directory's tables, cached (a copy
    of the cached answer), keyed by the arguments in one form (``queries.arguments``), so
    ``run("timeline", f)`` and ``run("timeline", f, freq="week")`` share one answer. For
    example ``run("count", f)``, ``run("options")``, ``run("article", article_id)``."""
    key = stamp()
    try:
        return _run(key, name, **arguments(name, *args, **kw))
    except StoreError as exc:
        _stop(exc)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=BY_VALUE)
def _overview_map_svg(key: tuple, f: Filters, limit: int, with_points: bool, width: int) -> str:
    """``overview_map_svg`` on the tables of state ``key``."""
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
    """``overview_timeline_svg`` on the tables of state ``key``."""
    tl = _open(key).run("timeline", f, freq=freq, by="event_type")
    return render_svg(timeline_spec(tl, "event_type", freq, height=340), width)


def overview_timeline_svg(f: Filters, freq: str, width: int = MAP_WIDTH) -> str:
    """The overview's timeline per ``freq`` (see ``overview_period``), stacked by event type, as SVG, cached."""
    return _overview_timeline_svg(stamp(), f, freq, width)


def corrections() -> dict[str, list[Correction]]:
    """The analysts' corrections in effect (undone ones left out: ``correction_rules.effective``), by
    event id, in file order: those the store laid over its table (``Store.corrections``); {} when
    there are none or the tables come from another engine."""
    state = store().corrections
    out: dict[str, list[Correction]] = {}
    for c in effective(state.corrections) if state else ():
        out.setdefault(c.event_id, []).append(c)
    return out
