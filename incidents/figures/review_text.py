"""The Review page's article text: the incident in hand and the spans of its fields, marked (pure).

``review_html(text, span, fields, chrome, event_type)`` cuts the text with
``incidents.figures.highlight.segments`` (the one cutter of article text) and draws the incident's own
span in its event type's colour and each field span (where its place, date and counts were read,
``incidents.dataset.review.field_spans``) underlined with a small label naming the field. Every
character of the article is escaped with ``html.escape``; each marked run carries its offsets in its
title ("characters 120–164"), which is what the Add form asks for. Spans that do not fit the text
are left out and returned, so the page can say so. ``excerpt_bounds`` picks the lines around the
spans, so the part that matters is drawn first and the whole text can wait in an expander.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from incidents.figures.colors import type_hex, type_rgba_css
from incidents.figures.highlight import Span, segments, valid_span

FIELD_COLOURS = {"place": "#1b7837", "date": "#2166ac", "count": "#b2182b"}
_PRE = ("white-space: pre-wrap; overflow-wrap: anywhere; font-family: inherit; font-size: 0.95rem; "
        "line-height: 1.7; margin: 0; padding: 0.75rem 1rem; background: #fafafa; border: 1px solid #e6e6e6; "
        "border-radius: 0.4rem; max-height: 24rem; overflow-y: auto;")
_CHROME = "color: #9a9a9a; font-style: italic;"


def _spans(text: str, span: tuple[int, int] | None, fields: Sequence[tuple[int, int, str]],
           event_type: str) -> tuple[list[Span], dict[int, str], list[str]]:
    """(drawable spans: 1 the incident, 2.. its fields; number -> field word; what did not fit)."""
    out, words, bad = [], {}, []
    if span is not None:
        s = Span(span[0], span[1], 1, event_type)
        if valid_span(text, s):
            out.append(s)
        else:
            bad.append("the incident's span")
    for n, (a, b, what) in enumerate(fields, start=2):
        s = Span(a, b, n, "")
        if valid_span(text, s):
            out.append(s)
            words[n] = what
        else:
            bad.append(f"its {what} span {a}:{b}")
    return out, words, bad


def _field_label(what: str) -> str:
    return (f'<sup class="iim-field-label" style="color:{FIELD_COLOURS.get(what, "#555")};font-size:0.65em;'
            f'font-weight:600;margin-right:0.1em">{html.escape(what)}</sup>')


def _run(seg, words: dict[int, str], event_type: str, offset: int = 0) -> str:
    """One segment as HTML: the incident's colour, field underlines and labels, its offsets."""
    body = html.escape(seg.text, quote=True)
    fields = [words[n] for n in seg.numbers if n in words]
    if not seg.numbers:
        return f'<span class="iim-chrome" style="{_CHROME}">{body}</span>' if seg.chrome else body
    style = []
    if 1 in seg.numbers:
        style.append(f"background:{type_rgba_css(event_type, 0.28)}")
    if fields:
        colour = FIELD_COLOURS.get(fields[0], "#555")
        style.append(f"text-decoration:underline 2px {colour};text-underline-offset:3px")
    if seg.chrome:
        style.append(_CHROME)
    labels = "".join(_field_label(words[n]) for n in seg.first_of if n in words)
    cls = "iim-incident-span" if 1 in seg.numbers else "iim-field-span"
    kinds = " ".join(sorted(set(fields)))
    return (f'<mark class="{cls}" data-fields="{kinds}" title="characters {seg.start + offset}–{seg.end + offset}" '
            f'style="{";".join(style)};color:inherit;padding:0.05em 0">{labels}{body}</mark>')


def excerpt_bounds(text: str, spans: Sequence[tuple[int, int]], margin: int = 400) -> tuple[int, int]:
    """(start, end) of the part of ``text`` worth showing first: from ``margin`` characters before the
    first span to ``margin`` after the last, widened to whole lines; the whole text without spans."""
    good = [(a, b) for a, b in spans if 0 <= a < b <= len(text)]
    if not good:
        return 0, len(text)
    lo = max(0, min(a for a, _ in good) - margin)
    hi = min(len(text), max(b for _, b in good) + margin)
    lo = text.rfind("\n", 0, lo) + 1 if lo > 0 else 0
    nl = text.find("\n", hi)
    return lo, len(text) if nl < 0 else nl


def review_html(text: str, span: tuple[int, int] | None, fields: Sequence[tuple[int, int, str]] = (),
                chrome: Iterable[tuple[int, int]] = (), event_type: str = "",
                window: tuple[int, int] | None = None) -> tuple[str, list[str]]:
    """(one ``<pre>`` block of ``text`` with the incident's ``span`` and its ``fields`` marked, the
    spans that do not fit the text in words). With ``window`` (start, end) only that part of the text
    is drawn ("…" where text is left out); offsets in titles stay those of the whole text."""
    spans, words, bad = _spans(text, span, fields, event_type)
    lo, hi = window or (0, len(text))
    part = [Span(max(s.start, lo) - lo, min(s.end, hi) - lo, s.number, s.event_type) for s in spans
            if s.start < hi and s.end > lo]
    cut = [(max(a, lo) - lo, min(b, hi) - lo) for a, b in chrome if a < hi and b > lo]
    border = type_hex(event_type)
    pieces = [f'<pre class="iim-review-text" style="{_PRE};border-left:4px solid {border}">']
    pieces += ["… "] if lo > 0 else []
    pieces += [_run(seg, words, event_type, lo) for seg in segments(text[lo:hi], part, cut)]
    pieces += [" …"] if hi < len(text) else []
    pieces.append("</pre>")
    return "".join(pieces), bad


def legend_html(event_type: str = "") -> str:
    """What the marks mean (the incident's sentence in its event type's colour)."""
    items = [(f'<span style="background:{type_rgba_css(event_type, 0.28)};padding:0 0.3em">text</span>',
              "the incident's sentence")]
    items += [(f'<span style="text-decoration:underline 2px {c};text-underline-offset:3px">{w}</span>',
               f"where its {w} was read") for w, c in FIELD_COLOURS.items()]
    return ('<div class="iim-review-legend" style="font-size:0.8rem;color:#444">'
            + " · ".join(f"{a} {html.escape(b)}" for a, b in items) + "</div>")
