"""Article text with incident spans highlighted: pure functions, no streamlit.

``segments(text, spans, chrome)`` cuts an article's text into runs that share the same
highlighting (which incidents cover them, whether they are page chrome); ``render_html`` turns
the runs into one HTML block in which every character of the article is escaped with
``html.escape``, so HTML, script and markdown in an article show as plain text.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Segment:
    """A run of text with one highlighting: text[start:end].

    numbers: the incidents whose span covers the run (ascending, empty when none);
    event_type: colour of the run (the lowest-numbered covering incident's type);
    chrome: True when the run lies in a chrome line (photo captions, teasers, site headers);
    first_of: numbers of the spans that start at this run (their label is drawn here).
    """

    start: int
    end: int
    text: str
    numbers: tuple[int, ...] = ()
    event_type: str = ""
    chrome: bool = False
    first_of: tuple[int, ...] = ()


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


def segments(text: str, spans: Sequence[Span], chrome: Iterable[tuple[int, int]] = ()) -> list[Segment]:
    """Cut ``text`` into runs of equal highlighting.

    In: the article text, incident spans (invalid ones are ignored: see ``invalid_spans``),
    chrome spans (clamped to the text). Out: segments covering the whole text in order; joining
    their ``text`` gives ``text`` back exactly.
    """
    good = [s for s in spans if valid_span(text, s)]
    n = len(text)
    chrome_pairs = [(max(0, a), min(n, b)) for a, b in chrome if min(n, b) > max(0, a)]
    cuts = {0, n}
    for s in good:
        cuts.update((s.start, s.end))
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
        etype = covering[0].event_type if covering else ""
        prev = out[-1] if out else None
        if prev and not first_of and prev.numbers == numbers and prev.chrome == is_chrome:
            out[-1] = Segment(prev.start, b, prev.text + text[a:b], numbers, etype, is_chrome, prev.first_of)
        else:
            out.append(Segment(a, b, text[a:b], numbers, etype, is_chrome, first_of))
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


def render_html(parts: Sequence[Segment], labels: dict[int, str] | None = None,
                types: dict[int, str] | None = None) -> str:
    """Segments -> one ``<pre>`` HTML block (a string; every piece of article text escaped).

    Highlighted runs are ``<mark class="iim-hl" data-incidents="1 2">`` in their event type's
    colour with the number of each span drawn where it starts; chrome runs are
    ``<span class="iim-chrome">`` in grey. ``labels`` (number -> tooltip text, e.g. the event type)
    is escaped too; ``types`` (number -> event type) colours each number label.
    """
    labels = labels or {}
    types = types or {}
    pieces = [f'<pre class="iim-article" style="{_PRE_STYLE}">']
    for seg in parts:
        body = html.escape(seg.text, quote=True)
        if seg.numbers:
            tag_label = " · ".join(f"#{n} {labels.get(n, '')}".strip() for n in seg.numbers)
            head = "".join(_label(n, types.get(n, seg.event_type)) for n in seg.first_of)
            style = f"background: {type_rgba_css(seg.event_type, 0.28)}; border-bottom: 2px solid " \
                    f"{type_hex(seg.event_type)}; padding: 0.05em 0; color: inherit;"
            if seg.chrome:
                style += " " + _CHROME_STYLE
            pieces.append(
                f'<mark class="iim-hl" data-incidents="{" ".join(map(str, seg.numbers))}" '
                f'title="{html.escape(tag_label, quote=True)}" style="{style}">{head}{body}</mark>'
            )
        elif seg.chrome:
            pieces.append(f'<span class="iim-chrome" style="{_CHROME_STYLE}">{body}</span>')
        else:
            pieces.append(body)
    pieces.append("</pre>")
    return "".join(pieces)


def article_html(text: str, spans: Sequence[Span], chrome: Iterable[tuple[int, int]] = (),
                 labels: dict[int, str] | None = None) -> str:
    """Shortcut: ``render_html(segments(text, spans, chrome), labels)`` with label colours from the spans."""
    types = {s.number: s.event_type for s in spans}
    return render_html(segments(text, spans, chrome), labels, types)
