"""The filter sidebar shared by every page.

Each widget has a private key (``_f_...``) and an ``on_change`` callback that writes the one
Filters value in session state (``state.update``); before each widget is drawn its key is set
from the Filters, so the widgets always show the state, also after a page switch or a URL.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from incidents.filters import Filters
from incidents.schema import EVENT_TYPES, FOCUS_GOVERNORATES, GEO_PRECISION, GOVERNORATES
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


def _on_min_fatalities() -> None:
    value = _get("min_fatalities")
    state.update(min_fatalities=max(0, int(value or 0)))


def _on_text() -> None:
    state.update(text=" ".join(str(_get("text") or "").split())[:200])


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


def render(opts: dict, articles: pd.DataFrame) -> Filters:
    """Draw the filter widgets in the sidebar and return the current Filters.

    ``opts``: the ``options`` query; ``articles``: the ``articles`` query (for the article picker).
    """
    f = state.filters()
    sb = st.sidebar
    sb.header("Filters")
    sb.button("Reset filters", key=K + "reset", on_click=state.reset, help="Back to the defaults: the four "
              "focus governorates, every date (undated included), every type, actor and outlet.")

    # dates
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
              help="Incidents whose text gives no date. They are never placed at an invented date.")

    # places
    _set("all_iraq", f.governorates is None)
    sb.toggle("All of Iraq", key=K + "all_iraq", on_change=_on_all_iraq,
              help="Every governorate; off = the four focus governorates.")
    govs = tuple(f.governorates or ())
    _set("governorates", list(govs))
    sb.multiselect("Governorates", _with(list(GOVERNORATES), govs), key=K + "governorates",
                   disabled=f.governorates is None, on_change=_on_tuple, args=("governorates", K + "governorates"),
                   placeholder="none selected")
    countries = [c for c in opts.get("countries", []) if c and c != "Iraq"]
    if countries or tuple(f.countries) != ("Iraq",):
        _set("abroad", not f.countries)
        sb.toggle("Include incidents outside Iraq", key=K + "abroad", on_change=_on_countries,
                  help="Reports also mention events in " + ", ".join(countries[:5]) if countries else None)

    # what
    _set("event_types", list(f.event_types))
    sb.multiselect("Event types", _with(list(EVENT_TYPES), f.event_types), key=K + "event_types",
                   on_change=_on_tuple, args=("event_types", K + "event_types"), placeholder="all event types")
    subs = [s for t in (f.event_types or EVENT_TYPES) for s in EVENT_TYPES.get(t, ())]
    present = set(opts.get("sub_event_types", []))
    subs = [s for s in subs if s in present] if present else subs
    _set("sub_event_types", list(f.sub_event_types))
    sb.multiselect("Sub-event types", _with(subs, f.sub_event_types), key=K + "sub_event_types",
                   on_change=_on_tuple, args=("sub_event_types", K + "sub_event_types"), placeholder="all sub-types")
    _set("actors", list(f.actors))
    sb.multiselect("Actors", _with(list(opts.get("actors", [])), f.actors), key=K + "actors",
                   on_change=_on_tuple, args=("actors", K + "actors"), placeholder="any actor")
    _set("min_fatalities", int(f.min_fatalities))
    sb.number_input("Minimum fatalities", min_value=0, step=1, key=K + "min_fatalities",
                    on_change=_on_min_fatalities)

    # sources
    _set("outlets", list(f.outlets))
    sb.multiselect("Outlets", _with(list(opts.get("outlets", [])), f.outlets), key=K + "outlets",
                   on_change=_on_tuple, args=("outlets", K + "outlets"), placeholder="any outlet")
    labels = article_label(articles) if articles is not None and not articles.empty else {}
    if f.article_id and f.article_id not in labels:
        labels[f.article_id] = f"{f.article_id} (not in the data)"
    _set("article", f.article_id)
    sb.selectbox("Article", list(labels), key=K + "article", index=None, on_change=_on_article,
                 format_func=lambda a: labels.get(a, a), placeholder="any article")
    _set("text", f.text)
    sb.text_input("Text in quotes and notes", key=K + "text", on_change=_on_text, max_chars=200,
                  placeholder="e.g. Hamrin")
    _set("geo_precision", list(f.geo_precision))
    sb.multiselect("Location precision", [1, 2, 3], key=K + "geo_precision", on_change=_on_tuple,
                   args=("geo_precision", K + "geo_precision"), format_func=lambda p: GEO_PRECISION[p],
                   placeholder="any precision")
    datasets = list(opts.get("datasets", []))
    if len(datasets) > 1 or f.datasets:
        _set("datasets", list(f.datasets))
        sb.multiselect("Datasets", _with(datasets, f.datasets), key=K + "datasets", on_change=_on_tuple,
                       args=("datasets", K + "datasets"), placeholder="every dataset",
                       help="extracted: from the news articles; acled: imported ACLED exports.")
    return state.filters()
