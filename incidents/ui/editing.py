"""Editing mode and the analyst's name: who may correct, and who did.

The dashboard is read-only unless the server runs with editing on: ``python -m incidents serve
--editable`` starts Streamlit with ``INCIDENTS_EDITABLE=1`` in its environment (AppTest sets the
same variable). ``editable()`` reads it; read-only pages draw no edit control at all.

The analyst's name comes either from a trusted request header that a login proxy sets (``serve
--analyst-header X-Forwarded-User`` puts the header's name in ``INCIDENTS_ANALYST_HEADER``; read with
``st.context.headers``), or, without one, from the analyst once per browser session (kept in session
state). Never from the URL: a link must not be able to sign corrections in someone else's name.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import streamlit as st

EDITABLE_ENV = "INCIDENTS_EDITABLE"
HEADER_ENV = "INCIDENTS_ANALYST_HEADER"
NAME_KEY = "iim_analyst"  # session state: the name the analyst gave
MAX_NAME = 80


def editable(environ: Mapping[str, str] | None = None) -> bool:
    """Is editing on (``INCIDENTS_EDITABLE`` is 1, true or yes)?"""
    value = (os.environ if environ is None else environ).get(EDITABLE_ENV, "")
    return value.strip().lower() in ("1", "true", "yes")


def header_name(environ: Mapping[str, str] | None = None) -> str:
    """The configured trusted header that carries the analyst's name ("" when none)."""
    return (os.environ if environ is None else environ).get(HEADER_ENV, "").strip()


def clean_name(value: object) -> str:
    """A name as typed or sent: whitespace runs made one space, control characters dropped, at most
    MAX_NAME characters."""
    text = "".join(ch for ch in str(value or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_NAME]


def name_from_headers(headers: Mapping[str, str], header: str) -> str:
    """The analyst's name from request ``headers`` (case-insensitive ``header``), "" when absent."""
    wanted = header.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return clean_name(value)
    return ""


def analyst() -> str:
    """The analyst's name for this run ("" when not known yet): the trusted header's when one is
    configured, else the one given in this browser session."""
    header = header_name()
    if header:
        return name_from_headers(dict(st.context.headers or {}), header)
    return clean_name(st.session_state.get(NAME_KEY, ""))


def _set_name() -> None:
    st.session_state[NAME_KEY] = clean_name(st.session_state.get("_analyst_name", ""))


def _forget_name() -> None:
    st.session_state.pop(NAME_KEY, None)


def analyst_box() -> str:
    """Who is correcting: the name (from the header, or asked once per session with a way to change
    it); returns it, "" when there is none yet (the page then shows no action)."""
    header = header_name()
    name = analyst()
    if header:
        if name:
            st.caption(f"Correcting as **{name}** (from the login proxy's {header} header).")
        else:
            st.error(f"This server takes the analyst's name from the {header} header, and this request has none: "
                     "open the dashboard through the login proxy to correct.", icon=":material/lock:")
        return name
    if name:
        c1, c2 = st.columns([5, 1], vertical_alignment="center")
        c1.caption(f"Correcting as **{name}** (for this browser session; every correction records it).")
        c2.button("Change name", key="_analyst_change", on_click=_forget_name)
        return name
    with st.form("_analyst_form", border=False):
        c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
        c1.text_input("Your name", key="_analyst_name", max_chars=MAX_NAME,
                      help="Recorded with every correction you make in this browser session; never put in the URL.")
        with c2:
            st.form_submit_button("Start correcting", on_click=_set_name, type="primary", width="stretch")
    st.caption("Give your name to confirm, reject, edit, merge or add incidents.")
    return ""
