"""Article text with incident spans highlighted: pure functions, no streamlit.

``segments(text, spans, chrome, fields)`` cuts an article's text into runs that share the same
highlighting (which incidents cover them, whether they are page chrome, which of one incident's
fields were read there); ``render_html`` turns the runs into one HTML block in which every
character of the article is escaped with ``html.escape``, so HTML, script and markdown in an
article show as plain text.

An incident can be *in focus* (the source view opened for it): its span is emphasised, the other
incidents' spans are dimmed, its first run carries the anchor ``id="iim-focus"`` that the page
scrolls to, and the words its place, date and counts were read from (``parse_fields`` of the
incident's place_span, date_span and count_spans) are boxed and tagged "place", "date", "count".
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from incidents import words
from incidents.figures.colors import type_hex, type_rgba_css


@dataclass(frozen=True)
class Span:
    """One incident's span in the article text (offsets into the text, end exclusive).

    number: the incident's number in the source view (1, 2, ...), shown as a label;
    event_type: picks the highlight colour.
    """

    start: int
    end: int
    number: int
    event_type: str = ""


FIELD_KINDS = ("place", "date", "count")  # the fields of an incident whose words are marked


@dataclass(frozen=True)
class FieldSpan:
    """Where one field of the incident in focus was read: text[start:end]; kind is one of
    FIELD_KINDS."""

    start: int
    end: int
    kind: str


def parse_fields(place_span: object = "", date_span: object = "", count_spans: object = "") -> list[FieldSpan]:
    """An incident's place_span, date_span and count_spans cells ("start:end", ";"-separated; empty
    or NaN for a field the text does not give) -> FieldSpans, in that order. Pieces that are not
    two whole numbers with start < end are left out."""
    out: list[FieldSpan] = []
    for kind, cell in zip(FIELD_KINDS, (place_span, date_span, count_spans), strict=True):
        if not isinstance(cell, str):
            continue
        for piece in cell.split(";"):
            a, sep, b = piece.strip().partition(":")
            if sep and a.strip().isdigit() and b.strip().isdigit() and int(a) < int(b):
                out.append(FieldSpan(int(a), int(b), kind))
    return out


@dataclass(frozen=True)
class Segment:
    """A run of text with one highlighting: text[start:end].

    numbers: the incidents whose span covers the run (ascending, empty when none);
    event_type: colour of the run (the lowest-numbered covering incident's type);
    chrome: True when the run lies in a chrome line (photo captions, teasers, site headers);
    first_of: numbers of the spans that start at this run (their label is drawn here);
    fields: kinds of the field spans covering the run; fields_from: kinds of those starting here.
    """

    start: int
    end: int
    text: str
    numbers: tuple[int, ...] = ()
    event_type: str = ""
    chrome: bool = False
    first_of: tuple[int, ...] = ()
    fields: tuple[str, ...] = ()
    fields_from: tuple[str, ...] = ()


def valid_span(text: str, span: Span) -> bool:
    """True when the span lies inside the text and is not empty."""
    return 0 <= span.start < span.end <= len(text)


def invalid_spans(text: str, spans: Iterable[Span]) -> list[int]:
    """Numbers of the spans that cannot be drawn on this text (empty or outside it)."""
    return [s.number for s in spans if not valid_span(text, s)]


def parse_chrome(value: object) -> tuple[tuple[int, int], ...]:
    """articles.csv ``chrome_spans`` (JSON ``[[start, end], ...]``; empty/NaN/garbage -> ()) -> pairs.

    Pairs that are not two integers with start < end are dropped.
    """
    if not isinstance(value, str) or not value.strip():
        return ()
    try:
        raw = json.loads(value)
    except ValueError:
        return ()
    pairs: list[tuple[int, int]] = []
    if isinstance(raw, list):
        for item in raw:
            if (isinstance(item, (list, tuple)) and len(item) == 2
                    and all(isinstance(v, int) and not isinstance(v, bool) for v in item)
                    and item[0] < item[1]):
                pairs.append((item[0], item[1]))
    return tuple(pairs)


def _kinds(fields: Sequence[FieldSpan], a: int, b: int, starting: bool) -> tuple[str, ...]:
    """Kinds (FIELD_KINDS order, once each) of the field spans covering a..b (starting at a)."""
    found = {f.kind for f in fields if f.start <= a and b <= f.end and (not starting or f.start == a)}
    return tuple(k for k in FIELD_KINDS if k in found)


def segments(text: str, spans: Sequence[Span], chrome: Iterable[tuple[int, int]] = (),
             fields: Sequence[FieldSpan] = ()) -> list[Segment]:
    """Cut ``text`` into runs of equal highlighting.

    In: the article text, incident spans (invalid ones are ignored: see ``invalid_spans``),
    chrome spans (clamped to the text), the field spans of the incident in focus (those not
    inside the text are ignored). Out: segments covering the whole text in order; joining their
    ``text`` gives ``text`` back exactly.
    """
    n = len(text)
    good = [s for s in spans if valid_span(text, s)]
    fields = [f for f in fields if 0 <= f.start < f.end <= n]
    chrome_pairs = [(max(0, a), min(n, b)) for a, b in chrome if min(n, b) > max(0, a)]
    cuts = {0, n}
    for x in (*good, *fields):
        cuts.update((x.start, x.end))
    for a, b in chrome_pairs:
        cuts.update((a, b))
    bounds = sorted(cuts)
    out: list[Segment] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        covering = sorted((s for s in good if s.start <= a and b <= s.end), key=lambda s: s.number)
        numbers = tuple(s.number for s in covering)
        is_chrome = any(ca <= a and b <= cb for ca, cb in chrome_pairs)
        first_of = tuple(s.number for s in covering if s.start == a)
        kinds, kinds_from = _kinds(fields, a, b, False), _kinds(fields, a, b, True)
        etype = covering[0].event_type if covering else ""
        prev = out[-1] if out else None
        if (prev and not first_of and not kinds_from and prev.numbers == numbers and prev.chrome == is_chrome
                and prev.fields == kinds):
            out[-1] = Segment(prev.start, b, prev.text + text[a:b], numbers, etype, is_chrome, prev.first_of,
                              kinds, prev.fields_from)
        else:
            out.append(Segment(a, b, text[a:b], numbers, etype, is_chrome, first_of, kinds, kinds_from))
    if not out and n == 0:
        return []
    return out


_PRE_STYLE = (
    "white-space: pre-wrap; word-wrap: break-word; overflow-wrap: anywhere; font-family: inherit; "
    "font-size: 0.95rem; line-height: 1.6; margin: 0; padding: 0.75rem 1rem; "
    "background: #fafafa; border: 1px solid #e6e6e6; border-radius: 0.4rem;"
)
_CHROME_STYLE = "color: #9a9a9a; font-style: italic;"


def _label(number: int, event_type: str) -> str:
    return (
        f'<sup class="iim-n" style="background: {type_hex(event_type)}; color: #fff; '
        f'border-radius: 0.6em; padding: 0 0.35em; margin-right: 0.15em; font-size: 0.7em; '
        f'font-style: normal; font-weight: 600;">{number}</sup>'
    )


FIELD_STYLE = {
    "place": "border: 2px solid #1f1f1f; border-radius: 3px; padding: 0 1px;",
    "date": "border: 2px dashed #1f1f1f; border-radius: 3px; padding: 0 1px;",
    "count": "text-decoration: underline; text-decoration-thickness: 3px; text-underline-offset: 3px; "
             "font-weight: 700;",
}
FIELD_TAG_STYLE = ("font-size: 0.68em; background: #1f1f1f; color: #fff; border-radius: 0.3em; padding: 0 0.3em; "
                   "margin-right: 0.15em; font-style: normal; font-weight: 600; vertical-align: super; "
                   "text-decoration: none;")


def _field_html(seg: Segment, body: str) -> str:
    """``body`` (escaped) wrapped in the marks of the focus incident's fields read there, with a
    tag ("place", "date", "count") where a field's words start."""
    if not seg.fields:
        return body
    tags = "".join(f'<span class="iim-field-tag" data-field="{k}" style="{FIELD_TAG_STYLE}">{k}</span>'
                   for k in seg.fields_from)
    style = " ".join(FIELD_STYLE[k] for k in seg.fields)
    return f'{tags}<span class="iim-field" data-field="{" ".join(seg.fields)}" style="{style}">{body}</span>'


def _mark_html(seg: Segment, body: str, labels: dict[int, str], types: dict[int, str], focus: int | None,
               anchor: bool) -> str:
    """A highlighted run: ``<mark class="iim-hl">`` in its event type's colour, its numbers where
    spans start; the focus incident's runs stronger (class iim-focus; ``anchor``: the id the page
    scrolls to), the others dimmed when an incident is in focus."""
    tag_label = " · ".join(f"#{n} {labels.get(n, '')}".strip() for n in seg.numbers)
    head = "".join(_label(n, types.get(n, seg.event_type)) for n in seg.first_of)
    focused = focus is not None and focus in seg.numbers
    alpha = 0.45 if focused else (0.12 if focus is not None else 0.28)
    style = f"background: {type_rgba_css(seg.event_type, alpha)}; border-bottom: 2px solid " \
            f"{type_hex(seg.event_type)}; padding: 0.05em 0; color: inherit;"
    if focused:
        style = style.replace("border-bottom: 2px", "border-bottom: 3px")
    if seg.chrome:
        style += " " + _CHROME_STYLE
    ident = ' id="iim-focus"' if anchor else ""
    cls = "iim-hl iim-focus" if focused else "iim-hl"
    return (f'<mark class="{cls}"{ident} data-incidents="{" ".join(map(str, seg.numbers))}" '
            f'title="{html.escape(tag_label, quote=True)}" style="{style}">{head}{body}</mark>')


_CALLOUT_STYLE = ("display: block; white-space: normal; overflow-wrap: normal; margin: 0.5rem 0; "
                  "user-select: none; font-style: normal; color: #222;")


def render_html(parts: Sequence[Segment], labels: dict[int, str] | None = None,
                types: dict[int, str] | None = None, focus: int | None = None,
                callout: tuple[int, str] | None = None) -> str:
    """Segments -> one ``<pre>`` HTML block (a string; every piece of article text escaped).

    Highlighted runs are ``<mark class="iim-hl" data-incidents="1 2">`` in their event type's
    colour with the number of each span drawn where it starts; chrome runs are
    ``<span class="iim-chrome">`` in grey. ``labels`` (number -> tooltip text, e.g. the event type)
    is escaped too; ``types`` (number -> event type) colours each number label. ``focus``: the
    number of the incident in focus: its runs are ``mark.iim-focus`` (the first with
    ``id="iim-focus"``), the others dimmed; the runs of its fields are
    ``<span class="iim-field" data-field="place">`` after a tag naming the field. ``callout``:
    (offset, HTML made safe by its caller) drawn as a box after the run that ends at that offset
    (the focus incident's span end: why its row says what it says, right under its sentence).
    """
    labels = labels or {}
    types = types or {}
    pieces = [f'<pre class="iim-article" style="{_PRE_STYLE}">']
    anchored = False
    for seg in parts:
        body = _field_html(seg, html.escape(seg.text, quote=True))
        if seg.numbers:
            anchor = not anchored and focus is not None and focus in seg.numbers
            anchored = anchored or anchor
            pieces.append(_mark_html(seg, body, labels, types, focus, anchor))
        elif seg.chrome:
            pieces.append(f'<span class="iim-chrome" style="{_CHROME_STYLE}">{body}</span>')
        else:
            pieces.append(body)
        if callout is not None and seg.end == callout[0]:
            pieces.append(f'<span class="iim-callout" style="{_CALLOUT_STYLE}">{callout[1]}</span>')
            callout = None
    pieces.append("</pre>")
    return "".join(pieces)


def article_html(text: str, spans: Sequence[Span], chrome: Iterable[tuple[int, int]] = (),
                 labels: dict[int, str] | None = None, focus: int | None = None,
                 fields: Sequence[FieldSpan] = (), callout: str = "") -> str:
    """Shortcut: ``render_html(segments(text, spans, chrome, fields), labels, types, focus)`` with
    label colours from the spans; ``fields``: where the focus incident's place, date and counts
    were read (``parse_fields``); ``callout``: safe HTML drawn right after the focus incident's
    span (nothing when that span is not in the text)."""
    types = {s.number: s.event_type for s in spans}
    ends = [s.end for s in spans if s.number == focus and valid_span(text, s)]
    box = (ends[0], callout) if callout and ends else None
    return render_html(segments(text, spans, chrome, fields), labels, types, focus, box)


FIELD_WORDS = {"place": "Place", "date": "Date", "count": "Casualties"}
_FIELD_MISSING = {
    "place": "not read from the text (no place words recorded for this row)",
    "date": "not read from a phrase of this text",
    "count": "no count in the text",
}


FIELD_COLUMNS = {  # the incident columns each marked field stands for (an analyst's override of one shows)
    "place": frozenset({"location", "admin1", "admin2", "country", "iso", "latitude", "longitude", "geo_precision"}),
    "date": frozenset({"event_date", "date_start", "date_end", "time_precision", "year"}),
    "count": frozenset({"fatalities", "fatalities_low", "fatalities_high", "wounded", "arrested"}),
}


def provenance_rows(inc: Mapping, text: str, corrected: Iterable[str] = ()) -> list[tuple[str, str, str]]:
    """Why the row says what it says: (field, what the row says, where it was read) for its place,
    date and casualties, in plain text. Where: the quoted words of each field span
    (``parse_fields``; the headline's words when a count was lent by the headline), or why there
    are none ("undated: the text gives no way to date it"); ``corrected``: incident columns an
    analyst set (corrections.csv), which the field's words then no longer decide."""
    found: dict[str, list[str]] = {k: [] for k in FIELD_KINDS}
    for f in parse_fields(inc.get("place_span"), inc.get("date_span"), inc.get("count_spans")):
        if 0 <= f.start < f.end <= len(text):
            found[f.kind].append("“" + " ".join(text[f.start:f.end].split()) + "”")
    says = {"place": f"{words.place(inc)} ({words.located_to(inc)})", "date": words.date(inc),
            "count": words.casualties(inc)}
    corrected = set(corrected)
    rows = []
    for kind in FIELD_KINDS:
        if found[kind]:
            where = "read from " + ", ".join(found[kind])
        elif kind == "date" and says["date"] == "undated":
            where = "undated: the text gives no way to date it"
        else:
            where = _FIELD_MISSING[kind]
        fixed = sorted(FIELD_COLUMNS[kind] & corrected)
        if fixed:
            where = f"set by an analyst ({', '.join(fixed)}: see the corrections); the extraction {where}"
        rows.append((FIELD_WORDS[kind], says[kind], where))
    return rows


def provenance_html(inc: Mapping, text: str, number: int | None = None, corrected: Iterable[str] = (),
                    extra: str = "") -> str:
    """``provenance_rows`` as a small escaped HTML table (class iim-why), headed by the incident's
    number and kind; each field named with the tag style it has in the text; ``extra``: safe HTML
    added at the end of the box (the corrections)."""
    body = "".join(
        f'<tr><th style="text-align:left;padding:2px 10px 2px 0;white-space:nowrap;vertical-align:top">'
        f'<span style="{FIELD_TAG_STYLE}">{html.escape(kind_tag)}</span> {html.escape(field)}</th>'
        f'<td style="padding:2px 10px 2px 0;vertical-align:top;font-weight:600;min-width:6.5em">{html.escape(says)}</td>'
        f'<td style="padding:2px 0;vertical-align:top;overflow-wrap:anywhere">{html.escape(where)}</td></tr>'
        for (field, says, where), kind_tag in zip(provenance_rows(inc, text, corrected), FIELD_KINDS, strict=True))
    head = f"#{number} " if number is not None else ""
    return (f'<div class="iim-why" style="font-size:0.9rem;border:1px solid #ddd;border-radius:0.4rem;'
            f'padding:0.5rem 0.8rem;margin:0 0 0.6rem 0;background:#fffdf5">'
            f'<div style="font-weight:600;margin-bottom:0.3rem">Why {html.escape(head)}{html.escape(words.kind(inc))} '
            f'says what it says</div><table style="border-collapse:collapse">{body}</table>{extra}</div>')
