"""Cached access to the Store for the pages.

``st.cache_resource`` holds one Store per data directory state (directory + size and mtime of
its table files, ``store.fingerprint``), so replacing a CSV reloads it; ``st.cache_data`` holds
query results, keyed by that fingerprint and the filters' URL form (a Filters value and its URL
parameters are one-to-one). Results are copies: pages may modify them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from incidents.figures.static import render_svg
from incidents.figures.vegalite import map_spec, timeline_spec
from incidents.filters import Filters, to_query_params
from incidents.store.store import Store, StoreError, fingerprint


@st.cache_resource(max_entries=4, show_spinner="Loading the incident tables…")
def _open(stamp: tuple) -> Store:
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


def fkey(f: Filters) -> tuple:
    """A hashable, stable key of a Filters value."""
    return tuple(sorted(to_query_params(f).items()))


def _s(key: tuple) -> Store:
    return _open(key)


@st.cache_data(max_entries=32, show_spinner=False)
def options(key: tuple) -> dict:
    """Store.options() for the widgets."""
    return _s(key).options()


@st.cache_data(max_entries=8, show_spinner=False)
def articles(key: tuple) -> pd.DataFrame:
    """Store.articles(): every article without its text."""
    return _s(key).articles()


@st.cache_data(max_entries=256, show_spinner=False)
def summary(key: tuple, fk: tuple, _f: Filters) -> dict:
    """Store.summary(f)."""
    return _s(key).summary(_f)


@st.cache_data(max_entries=256, show_spinner=False)
def count(key: tuple, fk: tuple, _f: Filters) -> int:
    """Store.count(f)."""
    return _s(key).count(_f)


@st.cache_data(max_entries=128, show_spinner=False)
def timeline(key: tuple, fk: tuple, _f: Filters, freq: str, by: str) -> pd.DataFrame:
    """Store.timeline(f, freq, by)."""
    return _s(key).timeline(_f, freq=freq, by=by)


@st.cache_data(max_entries=128, show_spinner=False)
def by_governorate(key: tuple, fk: tuple, _f: Filters) -> pd.DataFrame:
    """Store.by_governorate(f)."""
    return _s(key).by_governorate(_f)


@st.cache_data(max_entries=64, show_spinner=False)
def map_points(key: tuple, fk: tuple, _f: Filters, limit: int) -> pd.DataFrame:
    """Store.map_points(f, limit)."""
    return _s(key).map_points(_f, limit=limit)


@st.cache_data(max_entries=64, show_spinner=False)
def map_bins(key: tuple, fk: tuple, _f: Filters, cell_deg: float) -> pd.DataFrame:
    """Store.map_bins(f, cell_deg)."""
    return _s(key).map_bins(_f, cell_deg)


@st.cache_data(max_entries=128, show_spinner=False)
def incidents(key: tuple, fk: tuple, _f: Filters, limit: int | None, order: str = "latest") -> pd.DataFrame:
    """Store.incidents(f, limit, order)."""
    return _s(key).incidents(_f, limit=limit, order=order)


@st.cache_data(max_entries=64, show_spinner=False)
def undated(key: tuple, fk: tuple, _f: Filters, limit: int | None) -> pd.DataFrame:
    """Store.undated(f, limit)."""
    return _s(key).undated(_f, limit=limit)


@st.cache_data(max_entries=256, show_spinner=False)
def incident(key: tuple, event_id: str) -> dict | None:
    """Store.incident(event_id)."""
    return _s(key).incident(event_id)


@st.cache_data(max_entries=64, show_spinner=False)
def article(key: tuple, article_id: str) -> dict | None:
    """Store.article(article_id), with its text."""
    return _s(key).article(article_id)


@st.cache_data(max_entries=64, show_spinner=False)
def article_incidents(key: tuple, article_id: str) -> pd.DataFrame:
    """Store.article_incidents(article_id)."""
    return _s(key).article_incidents(article_id)


@st.cache_data(max_entries=64, show_spinner=False)
def overview_map_svg(key: tuple, fk: tuple, _f: Filters, limit: int, with_points: bool, width: int) -> str:
    """The overview's map as SVG (``vegalite.map_spec`` drawn by ``static_figures.render_svg``):
    governorates shaded by count and, with ``with_points`` (the page knows the count and compares
    it with ``limit``), the incidents as points, at most ``limit`` of them."""
    store = _s(key)
    points = store.map_points(_f, limit=limit) if with_points else None
    return render_svg(map_spec(by_governorate=store.by_governorate(_f), points=points,
                               governorates=_f.governorates, height=380), width)


@st.cache_data(max_entries=64, show_spinner=False)
def overview_timeline_svg(key: tuple, fk: tuple, _f: Filters, width: int) -> str:
    """The overview's monthly timeline (stacked by event type) as SVG."""
    return render_svg(timeline_spec(_s(key).timeline(_f, freq="month", by="event_type"), "event_type", "month",
                                    height=380), width)


class Q:
    """The cached queries bound to one data-directory state and one Filters value.

    ``q = Q(stamp(), f)``; ``q.summary()``, ``q.timeline("week", "event_type")``, ...;
    ``q.where(other_filters)`` gives the same queries under other filters.
    """

    def __init__(self, key: tuple, f: Filters):
        self.key, self.f, self.fk = key, f, fkey(f)

    def where(self, f: Filters) -> Q:
        return Q(self.key, f)

    def store(self) -> Store:
        return _s(self.key)

    def options(self) -> dict:
        return options(self.key)

    def articles(self) -> pd.DataFrame:
        return articles(self.key)

    def summary(self) -> dict:
        return summary(self.key, self.fk, self.f)

    def count(self) -> int:
        return count(self.key, self.fk, self.f)

    def timeline(self, freq: str = "week", by: str = "event_type") -> pd.DataFrame:
        return timeline(self.key, self.fk, self.f, freq, by)

    def by_governorate(self) -> pd.DataFrame:
        return by_governorate(self.key, self.fk, self.f)

    def map_points(self, limit: int) -> pd.DataFrame:
        return map_points(self.key, self.fk, self.f, limit)

    def map_bins(self, cell_deg: float) -> pd.DataFrame:
        return map_bins(self.key, self.fk, self.f, cell_deg)

    def incidents(self, limit: int | None = None, order: str = "latest") -> pd.DataFrame:
        return incidents(self.key, self.fk, self.f, limit, order)

    def undated(self, limit: int | None = None) -> pd.DataFrame:
        return undated(self.key, self.fk, self.f, limit)

    def incident(self, event_id: str) -> dict | None:
        return incident(self.key, event_id)

    def overview_map_svg(self, limit: int, with_points: bool, width: int = 600) -> str:
        return overview_map_svg(self.key, self.fk, self.f, limit, with_points, width)

    def overview_timeline_svg(self, width: int = 600) -> str:
        return overview_timeline_svg(self.key, self.fk, self.f, width)

    def article(self, article_id: str) -> dict | None:
        return article(self.key, article_id)

    def article_incidents(self, article_id: str) -> pd.DataFrame:
        return article_incidents(self.key, article_id)
