"""The one filters value in session state, and its mirror in the URL.

Every page calls ``sync()`` first: on a session's first run (or when the URL was changed from
outside, e.g. a link carrying ``?article=...``) the filters are read from ``st.query_params``;
afterwards the session state is the truth and is written back to the URL on every run, because
Streamlit clears query parameters when the user switches pages. Widgets never hold the state
themselves: they have private keys and ``on_change`` callbacks that call ``update``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from incidents.filters import Filters, from_query_params, to_query_params

FILTERS = "iim_filters"   # the Filters value
NOTES = "iim_notes"       # notes about ignored URL parameters (list[str])
EXTRAS = "iim_extras"     # page settings (freq, stack, layers, event): dict[str, str]
WRITTEN = "iim_written"   # the query parameters this session last wrote (dict[str, str])
# page settings kept across pages; "event" is the source view's incident without an article;
# "trend_period" the Trends page's period, "trend" the briefing's trends table (trend=1); "strip" the
# Timeline's per-incident strip (strip=1: shown)
EXTRA_NAMES: tuple[str, ...] = ("freq", "stack", "layers", "event", "trend_period", "trend", "strip")


def _current_params() -> dict[str, str | list[str]]:
    qp = st.query_params
    out: dict[str, str | list[str]] = {}
    for key in qp:
        values = qp.get_all(key)
        out[key] = values if len(values) > 1 else (values[0] if values else "")
    return out


def _flat(params: dict[str, str | list[str]]) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in params.items()}


def sync() -> Filters:
    """Seed the filters from the URL when needed, then return the current Filters.

    The URL is read when the session has no filters yet, or when its parameters differ from
    what this session last wrote (someone opened a link). Notes about ignored parameters are
    kept for ``notes()``.
    """
    params = _current_params()
    written = st.session_state.get(WRITTEN)
    if FILTERS not in st.session_state or (params and _flat(params) != written):
        f, notes = from_query_params(params, extra=EXTRA_NAMES)
        st.session_state[FILTERS] = f
        st.session_state[NOTES] = notes
        flat = _flat(params)
        st.session_state[EXTRAS] = {k: str(flat[k])[:200] for k in EXTRA_NAMES if k in flat}
    return st.session_state[FILTERS]


def filters() -> Filters:
    """The current Filters (``sync()`` must have run)."""
    return st.session_state.get(FILTERS, Filters())


def notes() -> list[str]:
    """Notes about URL parameters that were ignored (shown as warnings until the filters change)."""
    return list(st.session_state.get(NOTES, []))


def update(**changes: Any) -> None:
    """Replace fields of the filters (a widget callback calls this). Clears the URL notes."""
    st.session_state[FILTERS] = replace(filters(), **changes)
    st.session_state[NOTES] = []


def reset() -> None:
    """Back to the default filters and page settings."""
    st.session_state[FILTERS] = Filters()
    st.session_state[NOTES] = []
    st.session_state[EXTRAS] = {}


def extra(name: str, default: str, allowed: tuple[str, ...] | None = None) -> str:
    """A page setting (freq, stack, layers, event): its value, or ``default`` when unset or not
    one of ``allowed``."""
    value = st.session_state.get(EXTRAS, {}).get(name, default)
    if allowed is not None and value not in allowed:
        return default
    return value


def set_extra(name: str, value: str | None) -> None:
    """Set (or with None/'' remove) a page setting."""
    extras = dict(st.session_state.get(EXTRAS, {}))
    if value:
        extras[name] = value
    else:
        extras.pop(name, None)
    st.session_state[EXTRAS] = extras


def url_params(page_extras: tuple[str, ...] = ()) -> dict[str, str]:
    """What the URL should hold: the filters that differ from the defaults, plus this page's
    settings named in ``page_extras``."""
    params = to_query_params(filters())
    extras = st.session_state.get(EXTRAS, {})
    for name in page_extras:
        if extras.get(name):
            params[name] = extras[name]
    return params


def write_url(page_extras: tuple[str, ...] = ()) -> None:
    """Write ``url_params(page_extras)`` to the browser's URL (only when it changed)."""
    params = url_params(page_extras)
    if _flat(_current_params()) != params:
        st.query_params.from_dict(params)
    st.session_state[WRITTEN] = params


# The Review page's settings (incidents.ui.review): its queue's order, "unreviewed only" and the
# incident in hand, read from and written to the URL like the others.
REVIEW_EXTRAS: tuple[str, ...] = ("order", "unreviewed", "review")
EXTRA_NAMES = EXTRA_NAMES + REVIEW_EXTRAS
