"""The filter sidebar shared by every page: the widgets of the filter table (incidents.filters).

Each filter names a widget kind; ``DRAW`` maps each kind to the function that draws it, and
``render`` draws the filters in table order. Each widget has a private key (``_f_...``) and an
``on_change`` callback that writes the one Filters value in session state (``state.update``);
before each widget is drawn its key is set from the Filters, so the widgets always show the
state, also after a page switch or a URL.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from incidents.filters import FILTERS, MAX_TEXT, Filters, FilterSpec
from incidents.places.governorates import GOVERNORATES
from incidents.schema import EVENT_TYPES, FOCUS_GOVERNORATES
from incidents.ui import state

K = "_f_"  # prefix of the sidebar's widget keys


def _set(key: str, value: object) -> None:
    st.session_state[K + key] = value


def _get(key: str) -> object:
    return st.session_state.get(K + key)


# -- callbacks: widget value -> filters -------------------------------------------------------

def _on_dates(bounds: tuple[date, date]) -> None:
    value = _get("dates")
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return  # the user has picked only the first day so far
    start, end = value
    state.update(date_from=None if start <= bounds[0] else start, date_to=None if end >= bounds[1] else end)


def _on_all_iraq() -> None:
    state.update(governorates=None if _get("all_iraq") else FOCUS_GOVERNORATES)


def _on_tuple(field: str, key: str) -> None:
    """``key`` is the widget's full session-state key."""
    state.update(**{field: tuple(st.session_state.get(key) or ())})


def _on_value(field: str, key: str) -> None:
    """``key`` is the widget's full session-state key."""
    state.update(**{field: st.session_state.get(key)})


def _on_countries() -> None:
    state.update(countries=() if _get("abroad") else ("Iraq",))


def _on_count(field: str) -> None:
    """A whole number from 0 (``field`` is also the widget's key)."""
    state.update(**{field: max(0, int(_get(field) or 0))})


def _on_text(field: str) -> None:
    """Free text, whitespace runs made one space, cut to MAX_TEXT characters."""
    state.update(**{field: " ".join(str(_get(field) or "").split())[:MAX_TEXT]})


def _on_article() -> None:
    value = _get("article")
    state.update(article_id=value or None)


def _with(options: list, chosen: tuple) -> list:
    """Options plus any chosen value that is not among them (a URL may name one)."""
    return list(options) + [c for c in chosen if c not in options]


def article_label(articles: pd.DataFrame) -> dict[str, str]:
    """article_id -> 'title · outlet · published' for pickers (plain text)."""
    labels = {}
    for row in articles.itertuples(index=False):
        bits = [str(getattr(row, "title", "") or "(untitled)")[:90]]
        for name in ("outlet", "published"):
            v = getattr(row, name, None)
            if isinstance(v, str) and v:
                bits.append(v[:20])
        labels[str(row.article_id)] = " · ".join(bits)
    return labels


# -- one drawing function per widget kind of the filter table ---------------------------------
# Each takes (spec, filters, Store.options(), Store.articles()), sets its widgets' keys from the
# filters and draws them in the sidebar.

def _draw_dates(spec: FilterSpec, f: Filters, opts: dict, articles: pd.DataFrame | None) -> None:
    sb = st.sidebar
    lo, hi = opts.get("date_min"), opts.get("date_max")
    if lo and hi:
        lo = min(lo, f.date_from or lo, f.date_to or lo)
        hi = max(hi, f.date_to or hi, f.date_from or hi)
        _set("dates", (f.date_from or lo, f.date_to or hi))
        sb.date_input("Dates", key=K + "dates", min_value=lo, max_value=hi, on_change=_on_dates,
                      args=((opts["date_min"], opts["date_max"]),), format="YYYY-MM-DD",
                      help="Incidents whose best date falls in this range.")
    else:
        sb.caption("No dated incidents in the data.")
    _set("undated", f.include_undated)
    sb.toggle("Include undated incidents", key=K + "undated", on_change=_on_value,
              args=("include_undated", K + "undated"),
              help="Incidents whose text gives no date. They are never placed at an invented date: with a date "
                   "range they are not counted in it but shown apart (a “+N undated” figure and the Timeline's list).")


def _draw_governorates(spec: FilterSpec, f: Filters, opts: dict, articles: pd.DataFrame | None) -> None:
    _set("all_iraq", f.governorates is None)
    st.sidebar.toggle("All of Iraq", key=K + "all_iraq", on_change=_on_all_iraq,
                      help="Every governorate; off = the four focus governorates.")
    govs = tuple(f.governorates or ())
    _set("governorates", list(govs))
    st.sidebar.multiselect("Governorates", _with(list(GOVERNORATES), govs), key=K + "governorates",
                           disabled=f.governorates is None, on_change=_on_tuple,
                           args=("governorates", K + "governorates"), placeholder="none selected")


def _draw_countries(spec: FilterSpec, f: Filters, opts: dict, articles: pd.DataFrame | None) -> None:
    countries = [c for c in opts.get("countries", []) if c and c != "Iraq"]
    if countries or tuple(f.countries) != ("Iraq",):
        _set("abroad", not f.countries)
        st.sidebar.toggle("Include incidents outside Iraq", key=K + "abroad", on_change=_on_countries,
                          help="Reports also mention events in " + ", ".join(countries[:5]) if countries else None)


def _draw_event_types(spec: FilterSpec, f: Filters, opts: dict, articles: pd.DataFrame | None) -> None:
    _set("event_types", list(f.event_types))
    st.sidebar.multiselect("Event types", _with(list(EVENT_TYPES), f.event_types), key=K + "event_types",
                           on_change=_on_tuple, args=("event_types", K + "event_types"),
                           placeholder="all event types")
    subs = [s for t in (f.event_types or EVENT_TYPES) for s in EVENT_TYPES.get(t, ())]
    present = set(opts.get("sub_event_types", []))
    subs = [s for s in subs if s in present] if present else subs
    _set("sub_event_types", list(f.sub_event_types))
    st.sidebar.multiselect("Sub-event types", _with(subs, f.sub_event_types), key=K + "sub_event_types",
                           on_change=_on_tuple, args=("sub_event_types", K + "sub_event_types"),
                           placeholder="all sub-types")


def _draw_choices(spec: FilterSpec, f: Filters, opts: dict, articles: pd.DataFrame | None) -> None:
    """A multiselect of the field's values in ``opts`` (or the widget's fixed ``labels``)."""
    w, name = spec.widget, spec.field
    chosen = tuple(getattr(f, name))
    options = list(w.labels) if w.labels else list(opts.get(name, []))
    if w.optional and len(options) <= 1 and not chosen:
        return
    labels = w.labels or {}
    _set(name, list(chosen))
    st.sidebar.multiselect(w.label, _with(options, chosen), key=K + name, on_change=_on_tuple,
                           args=(name, K + name), format_func=lambda v: labels.get(v, str(v)),
                           placeholder=w.placeholder, help=w.help or None)


def _draw_count(spec: FilterSpec, f: Filters, opts: dict, articles: pd.DataFrame | None) -> None:
    name = spec.field
    _set(name, int(getattr(f, name)))
    st.sidebar.number_input(spec.widget.label, min_value=0, step=1, key=K + name, on_change=_on_count,
                            args=(name,), help=spec.widget.help or None)


def _draw_text(spec: FilterSpec, f: Filters, opts: dict, articles: pd.DataFrame | None) -> None:
    name = spec.field
    _set(name, getattr(f, name))
    st.sidebar.text_input(spec.widget.label, key=K + name, on_change=_on_text, args=(name,),
                          max_chars=MAX_TEXT, placeholder=spec.widget.placeholder, help=spec.widget.help or None)


def _draw_article(spec: FilterSpec, f: Filters, opts: dict, articles: pd.DataFrame | None) -> None:
    labels = article_label(articles) if articles is not None and not articles.empty else {}
    if f.article_id and f.article_id not in labels:
        labels[f.article_id] = f"{f.article_id} (not in the data)"
    _set("article", f.article_id)
    st.sidebar.selectbox("Article", list(labels), key=K + "article", index=None, on_change=_on_article,
                         format_func=lambda a: labels.get(a, a), placeholder="any article")


def _on_added() -> None:
    value = _get("added")
    state.update(added_since=value if isinstance(value, date) else None)


def _draw_added(spec: FilterSpec, f: Filters, opts: dict, articles: pd.DataFrame | None) -> None:
    _set("added", f.added_since)
    st.sidebar.date_input("Added since", key=K + "added", on_change=_on_added, format="YYYY-MM-DD",
                          help="Incidents that came into the data on or after this day (UTC): what is new "
                               "since the last briefing. Rows that do not say when they came in are left out.")


DRAW = {
    "dates": _draw_dates, "governorates": _draw_governorates, "countries": _draw_countries,
    "event_types": _draw_event_types, "choices": _draw_choices, "count": _draw_count,
    "text": _draw_text, "article": _draw_article, "added": _draw_added,
}  # widget kind (incidents.filters.Widget.kind) -> its drawing function


def render(opts: dict, articles: pd.DataFrame) -> Filters:
    """Draw the filter widgets in the sidebar, one filter of ``incidents.filters.FILTERS`` after
    the other, and return the current Filters.

    ``opts``: Store.options(); ``articles``: Store.articles() (for the article picker).
    """
    f = state.filters()
    sb = st.sidebar
    sb.header("Filters")
    sb.button("Reset filters", key=K + "reset", on_click=state.reset, help="Back to the defaults: the four "
              "focus governorates, every date (undated included), every type, actor and outlet.")
    for spec in FILTERS:
        DRAW[spec.widget.kind](spec, f, opts, articles)
    return state.filters()
