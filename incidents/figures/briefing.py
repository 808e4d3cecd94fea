"""The briefing: one clean, labelled, dated figure of the current view, for screenshots and PDFs.

Pure functions only (no streamlit, no browser): the page pages/5_Briefing.py asks the Store for a
summary and a few incidents, hands them to ``build_briefing`` and renders the result with the
``*_html`` helpers, whose every piece of data (titles, places, outlets, notes) is HTML-escaped.
The command ``python -m incidents briefing`` uses ``parse_size``, ``parse_query``,
``output_format`` and ``briefing_path`` to check its arguments and build the page URL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import pandas as pd

from incidents import cells, words
from incidents.figures.credits import dataset_credits
from incidents.figures.trend_tables import trend_param_problems
from incidents.filters import PAGE_PARAMS, Filters, describe, from_query_params

TITLE = "Incidents in Iraq"  # the title of every incident of every type in all of Iraq (see briefing_title)
TOP_N = 8
MIN_SIZE = (320, 240)
MAX_SIZE = (7680, 4320)
PAGE_PATH = "/Briefing"

BOUNDARIES_CREDIT = "Boundaries: Natural Earth (public domain)"
GAZETTEER_CREDIT = "Places: GeoNames gazetteer (CC BY 4.0) and project entries"
TAXONOMY_CREDIT = "Event types: ACLED taxonomy"


class ArgumentError(ValueError):
    """A briefing argument (size, query, output file) a person has to fix; the message says how."""


# ---------------------------------------------------------------------------------------------
# command arguments


def parse_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` -> (1920, 1080). Raises ArgumentError for anything else or a size outside
    MIN_SIZE..MAX_SIZE."""
    m = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", text or "")
    if not m:
        raise ArgumentError(f"--size {text!r}: expected WIDTHxHEIGHT in pixels, e.g. 1920x1080")
    width, height = int(m.group(1)), int(m.group(2))
    if not (MIN_SIZE[0] <= width <= MAX_SIZE[0] and MIN_SIZE[1] <= height <= MAX_SIZE[1]):
        raise ArgumentError(
            f"--size {text!r}: width must be {MIN_SIZE[0]}..{MAX_SIZE[0]} and height "
            f"{MIN_SIZE[1]}..{MAX_SIZE[1]} pixels"
        )
    return width, height


def parse_query(text: str) -> tuple[dict[str, str], Filters]:
    """A filter query as in the dashboard's URLs (``"governorates=Kirkuk&from=2024-01-01"``, a leading
    ``?`` allowed) -> (the parameters to put in the briefing URL, the Filters they mean).

    Strict, unlike the pages: a parameter the pages would ignore with a note (unknown name, bad date,
    unknown governorate, ...) raises ArgumentError naming it, so a briefing never silently shows
    something other than what was asked; so does a ``trend`` or ``trend_period`` value the page
    does not know (``trend=1`` shows what changed). ``embed`` is set by the command and may not be given.
    """
    text = (text or "").strip().lstrip("?")
    try:
        raw = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text))
    except ValueError:
        raise ArgumentError(f"--query {text!r}: expected NAME=VALUE pairs joined by '&'") from None
    problems: list[str] = []
    for name in ("embed", "embed_options"):
        if name in raw:
            problems.append(f"'{name}' is set by the briefing command itself")
    params = {name: values[-1] for name, values in raw.items() if name not in ("embed", "embed_options")}
    filters, notes = from_query_params(params)
    problems += notes
    problems += trend_param_problems(params)
    if problems:
        raise ArgumentError(f"--query {text!r}: " + " ".join(problems))
    return params, filters


def output_format(path: Path) -> str:
    """``x.png`` -> ``"png"``, ``x.pdf`` -> ``"pdf"`` (case-insensitive); anything else raises ArgumentError."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".pdf"):
        raise ArgumentError(f"--out {str(path)!r}: the file name must end in .png or .pdf")
    return suffix[1:]


def briefing_path(params: Mapping[str, str]) -> str:
    """The briefing page's path and query for ``params``: ``/Briefing?governorates=Kirkuk&embed=true``.

    ``embed=true`` makes Streamlit leave out its own chrome (header, toolbar, sidebar).
    """
    query = dict(params)
    query["embed"] = "true"
    return f"{PAGE_PATH}?{urlencode(query)}"


def filter_params(params: Mapping[str, object]) -> dict[str, object]:
    """The filter parameters among a page's query parameters (page settings such as ``embed`` or
    ``freq`` left out): empty when the URL carries no filter."""
    return {k: v for k, v in params.items() if k not in PAGE_PARAMS}


# ---------------------------------------------------------------------------------------------
# values in words (an incident's date, place and casualties: incidents.words)


def number_text(value: object) -> str:
    """A count with thousands separators; ``"–"`` when unknown."""
    n = cells.integer(value)
    return "–" if n is None else f"{n:,}"


# ---------------------------------------------------------------------------------------------
# the briefing value


@dataclass(frozen=True)
class KeyCount:
    """One figure in the key-counts row: ``label`` (words), ``value`` (text), ``detail`` (small print)."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class TopIncident:
    """One line of the top-incidents table, every field already in words."""

    event_id: str
    date: str
    place: str
    event_type: str
    sub_event_type: str
    casualties: str
    outlet: str
    notes: str


@dataclass(frozen=True)
class Briefing:
    """Everything the briefing shows, as text: built by ``build_briefing``, rendered by the page."""

    title: str
    filters_text: str
    counts: tuple[KeyCount, ...]
    top: tuple[TopIncident, ...]
    generated: str
    outlets: tuple[str, ...]
    empty: bool
    notes: tuple[str, ...] = ()
    data_credits: tuple[str, ...] = ()  # one line per dataset shown (incidents.figures.credits)

    @property
    def credits(self) -> tuple[str, ...]:
        """The footer's lines: the sources, each dataset's credit, then the other attributions."""
        outlets = ", ".join(self.outlets) if self.outlets else "none under these filters"
        return (
            f"Sources: news reports ({outlets})",
            *self.data_credits,
            BOUNDARIES_CREDIT,
            GAZETTEER_CREDIT,
            TAXONOMY_CREDIT,
        )


def key_counts(summary: Mapping[str, object], filters: Filters | None = None) -> tuple[KeyCount, ...]:
    """Store.summary(...) -> the key counts: incidents, fatalities (best and low–high), governorates,
    articles, undated and governorate-only incidents. Under a date range of ``filters`` the undated
    figure is apart from the others ("+4", undated, not placed in time: ``summary["undated_apart"]``),
    since the range's counts hold only incidents dated in it."""
    incidents = cells.integer(summary.get("incidents")) or 0
    low, high = cells.integer(summary.get("fatalities_low")), cells.integer(summary.get("fatalities_high"))
    fat_detail = f"range {low:,}–{high:,}" if low is not None and high is not None and low != high else ""
    undated = KeyCount("undated", number_text(summary.get("undated")), "no date in the text")
    if filters is not None and (filters.date_from is not None or filters.date_to is not None):
        label, value = words.undated_apart(cells.integer(summary.get("undated_apart")) or 0, filters.include_undated)
        detail = "matching the other filters; not in these counts" if filters.include_undated else "by the filters"
        undated = KeyCount(label.lower(), value, detail)
    return (
        KeyCount("incidents", number_text(incidents)),
        KeyCount("fatalities", number_text(summary.get("fatalities")), fat_detail),
        KeyCount("governorates", number_text(summary.get("governorates"))),
        KeyCount("source articles", number_text(summary.get("articles"))),
        undated,
        KeyCount("governorate only", number_text(summary.get("governorate_only")), "no closer location"),
    )


def _deadliness(row: Mapping[str, object]) -> tuple[int, int]:
    """(best fatalities, or the high end when no best is given; high end) for sorting."""
    best, high = cells.integer(row.get("fatalities")), cells.integer(row.get("fatalities_high"))
    return (best if best is not None else (high or 0), high or 0)


def top_incidents(frame: pd.DataFrame | None, n: int = TOP_N) -> tuple[TopIncident, ...]:
    """The ``n`` deadliest incidents of ``frame`` (incident columns) as TopIncident lines: most
    fatalities first, then the latest date (undated last), then event_id, so the order is stable."""
    if frame is None or frame.empty or n <= 0:
        return ()
    rows = sorted(frame.to_dict("records"), key=lambda r: cells.text(r.get("event_id")))
    rows.sort(key=lambda r: cells.text(r.get("event_date")) or cells.text(r.get("date_start")), reverse=True)
    rows.sort(key=_deadliness, reverse=True)
    out = []
    for r in rows[:n]:
        out.append(
            TopIncident(
                event_id=cells.text(r.get("event_id")),
                date=words.date(r),
                place=words.place(r),
                event_type=cells.text(r.get("event_type")),
                sub_event_type=cells.text(r.get("sub_event_type")),
                casualties=words.casualties(r),
                outlet=cells.text(r.get("source")) or "unknown outlet",
                notes=cells.text(r.get("notes")),
            )
        )
    return tuple(out)


def outlet_names(values: Iterable[object], limit: int = 12) -> tuple[str, ...]:
    """Distinct outlet names from ``values`` (``source`` cells may hold several, joined by ';'),
    sorted, at most ``limit`` and then ``"N more"``."""
    names: set[str] = set()
    for v in values:
        for part in re.split(r"[;|]", cells.text(v)):
            if part.strip():
                names.add(part.strip())
    ordered = sorted(names, key=str.casefold)
    if len(ordered) > limit:
        return tuple(ordered[:limit]) + (f"{len(ordered) - limit} more",)
    return tuple(ordered)


def generated_text(now: datetime) -> str:
    """``"Generated on 2026-11-22 01:40 UTC"`` (``now`` converted to UTC; naive means UTC)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return "Generated on " + now.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _and(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def briefing_title(f: Filters) -> str:
    """What the briefing shows, in a few words: the event types (when one or two are chosen; else
    "Incidents", which may include protests and riots) and where ("in Kirkuk and Diyala", "in 6
    governorates", "in Iraq", "in Iraq and beyond" when other countries are included). The
    filters line under it says the rest."""
    types = list(f.event_types)
    what = _and(types) if 0 < len(types) <= 2 else ("Incidents of " + f"{len(types)} event types" if types
                                                    else "Incidents")
    if f.governorates is None:
        where = "Iraq" if tuple(f.countries) == ("Iraq",) else ("Iraq and beyond" if not f.countries
                                                                 else _and(list(f.countries)))
    elif len(f.governorates) <= 4:
        where = _and(list(f.governorates)) if f.governorates else "no governorate"
    else:
        where = f"{len(f.governorates)} governorates of Iraq"
    return f"{what} in {where}"


def build_briefing(
    filters: Filters,
    summary: Mapping[str, object],
    incidents: pd.DataFrame | None,
    now: datetime,
    outlets: Sequence[object] = (),
    n: int = TOP_N,
    notes: Sequence[str] = (),
    sources: Mapping[str, object] | None = None,
) -> Briefing:
    """Everything the briefing says, from the Store's answers under ``filters``.

    summary: Store.summary(filters); incidents: candidate rows for the top list (e.g. Store.incidents
    with a limit, ordered by fatalities); sources: Store.data_sources(filters), whose outlets and
    datasets the footer credits (each dataset with ``credits.dataset_credits``: ACLED with its
    attribution); without it, outlets: the ``source`` values of the filtered incidents (default:
    those of ``incidents``) and no dataset lines; now: the time to stamp; notes: parameters the URL
    had that were ignored.
    """
    count = cells.integer(summary.get("incidents")) or 0
    if sources is not None:
        outlets = list(sources.get("outlets") or ())
    source_values = outlets if len(outlets) else (incidents["source"].tolist() if incidents is not None and "source" in incidents else [])
    datasets = dict(sources.get("datasets") or {}) if sources is not None else {}
    return Briefing(
        title=briefing_title(filters),
        filters_text=describe(filters),
        counts=key_counts(summary, filters),
        top=top_incidents(incidents, n),
        generated=generated_text(now),
        outlets=outlet_names(source_values),
        empty=count == 0,
        notes=tuple(notes),
        data_credits=dataset_credits(datasets, sources.get("acled_as_of") if sources is not None else None),
    )


# ---------------------------------------------------------------------------------------------
# HTML pieces (every data value escaped)

_e = html.escape

BRIEFING_CSS = """
<style>
  /* no Streamlit chrome on the briefing: it is a figure, not an app */
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
  header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stElementToolbar"], [data-testid="stDeckGlJsonChartZoomButton"],
  #MainMenu, footer { display: none !important; }
  [data-testid="stMainBlockContainer"], .block-container {
    padding: 1.2rem 2rem 0.6rem 2rem !important; max-width: 100% !important; }
  .iim-brief-back { font-size: 0.85rem; margin-bottom: 0.2rem; }
  .streamlit-embedded .iim-brief-back { display: none; }  /* screenshots (?embed=true) leave it out */
  .iim-brief-head { display: flex; justify-content: space-between; align-items: baseline; gap: 2rem; }
  .iim-brief-head h1 { font-size: 2rem; margin: 0; padding: 0; }
  .iim-brief-filters { font-size: 1.15rem; margin: 0.2rem 0 0.4rem 0; }
  .iim-brief-generated { color: #555; font-size: 0.95rem; white-space: nowrap; }
  .iim-brief-counts { display: flex; gap: 1rem; margin: 0.2rem 0 0.6rem 0; }
  .iim-brief-count { flex: 1; border: 1px solid #ddd; border-radius: 6px; padding: 0.35rem 0.7rem; }
  .iim-brief-count .v { font-size: 1.45rem; font-weight: 700; line-height: 1.15; }
  .iim-brief-count .l { font-size: 0.9rem; color: #333; }
  .iim-brief-count .d { font-size: 0.75rem; color: #777; }
  .iim-brief-empty { border: 2px dashed #bbb; border-radius: 6px; padding: 1.2rem; font-size: 1.2rem;
    text-align: center; color: #444; margin: 0.5rem 0; }
  table.iim-brief-top { width: 100%; border-collapse: collapse; font-size: 0.85rem; table-layout: fixed; }
  table.iim-brief-top th { text-align: left; border-bottom: 2px solid #999; padding: 0.15rem 0.4rem; }
  table.iim-brief-top td { border-bottom: 1px solid #e5e5e5; padding: 0.12rem 0.4rem; vertical-align: top; }
  table.iim-brief-top td div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; line-height: 1.3; }
  table.iim-brief-top td div.b { color: #555; font-size: 0.78rem; }
  .iim-brief-swatch { display: inline-block; width: 0.7rem; height: 0.7rem; border-radius: 2px;
    margin-right: 0.3rem; }
  .iim-brief-foot { font-size: 0.78rem; color: #555; border-top: 1px solid #ccc; margin-top: 0.4rem;
    padding-top: 0.3rem; }
  .iim-brief-notes { font-size: 0.85rem; color: #8a4b00; }
  .iim-brief-caption { font-weight: 600; font-size: 1rem; margin: 0 0 0.2rem 0; }
  .iim-brief-legend { font-size: 0.8rem; }
</style>
"""


def header_html(b: Briefing) -> str:
    """Title, filters in words and the generated-on stamp."""
    notes = ""
    if b.notes:
        notes = '<div class="iim-brief-notes">' + " ".join(_e(n) for n in b.notes) + "</div>"
    return (
        '<div class="iim-brief-head">'
        f'<h1 id="iim-briefing-title">{_e(b.title)}</h1>'
        f'<span class="iim-brief-generated" data-testid="iim-generated">{_e(b.generated)}</span>'
        "</div>"
        f'<div class="iim-brief-filters" data-testid="iim-filters"><b>Filters:</b> {_e(b.filters_text)}</div>'
        + notes
    )


def back_link_html(query: Mapping[str, str]) -> str:
    """A link back to the dashboard's overview with the same filters (``query``: filter URL parameters);
    hidden when the page is embedded (``?embed=true``, as the briefing command opens it)."""
    href = "./" + (f"?{urlencode(dict(query))}" if query else "")
    return f'<div class="iim-brief-back"><a href="{_e(href)}" target="_self">← Back to the dashboard</a></div>'


def counts_html(b: Briefing) -> str:
    """The key counts as a row of boxes."""
    boxes = []
    for c in b.counts:
        detail = f'<div class="d">{_e(c.detail)}</div>' if c.detail else ""
        boxes.append(
            f'<div class="iim-brief-count" data-label="{_e(c.label)}">'
            f'<div class="v">{_e(c.value)}</div><div class="l">{_e(c.label)}</div>{detail}</div>'
        )
    return '<div class="iim-brief-counts" data-testid="iim-counts">' + "".join(boxes) + "</div>"


def empty_html(b: Briefing) -> str:
    """The empty state: says that nothing matches and under which filters."""
    return (
        '<div class="iim-brief-empty" data-testid="iim-empty">No incident matches these filters '
        f"({_e(b.filters_text)}). Widen the dates, governorates or event types.</div>"
    )


def top_html(b: Briefing, colors: Mapping[str, str] | None = None) -> str:
    """The top incidents as a table, two lines per incident in every cell, each cut with an ellipsis
    rather than wrapped (the full text in its tooltip): date over kind, place over what happened,
    casualties over outlet; narrow enough for a third of the page. ``colors`` maps event type ->
    CSS colour for a swatch."""
    if not b.top:
        return ""
    colors = colors or {}
    head = ('<tr><th style="width:31%">Date · event</th><th style="width:39%">Place · what happened</th>'
            '<th>Casualties · outlet</th></tr>')

    def cell(first: str, second: str, swatch: str = "") -> str:
        return (f'<td><div class="a" title="{_e(first)}">{swatch}{_e(first)}</div>'
                f'<div class="b" title="{_e(second)}">{_e(second)}</div></td>')

    rows = []
    for t in b.top:
        color = colors.get(t.event_type)
        swatch = f'<span class="iim-brief-swatch" style="background:{_e(color)}"></span>' if color else ""
        kind = t.sub_event_type or t.event_type or "unknown type"
        rows.append(f'<tr data-event-id="{_e(t.event_id)}">{cell(t.date, kind, swatch)}{cell(t.place, t.notes)}'
                    f'{cell(t.casualties, t.outlet)}</tr>')
    return (
        '<table class="iim-brief-top" data-testid="iim-top">'
        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def footer_html(b: Briefing) -> str:
    """Sources (first line), each dataset's credit (a line each), then the other attributions with
    the generated-on stamp (last line)."""
    sources, *credits = b.credits
    data_lines = "".join(f'<span class="iim-brief-data">{_e(c)}</span><br>' for c in b.data_credits)
    others = credits[len(b.data_credits):]
    return (
        f'<div class="iim-brief-foot" data-testid="iim-footer">{_e(sources)}<br>{data_lines}'
        f'{" · ".join(_e(c) for c in others)} · {_e(b.generated)}</div>'
    )
