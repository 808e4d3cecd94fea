"""incidents.figures.highlight: article text + spans + chrome -> escaped, highlighted HTML."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from incidents import ROOT
from incidents.figures.highlight import (
    FieldSpan,
    Segment,
    Span,
    article_html,
    invalid_spans,
    parse_chrome,
    parse_fields,
    provenance_html,
    provenance_rows,
    render_html,
    segments,
)

TEXT = "ISIS attacked Hawija. <script>alert(1)</script> **bold** [x](javascript:y)\nTT\n"


@pytest.mark.parametrize(("spans", "chrome", "expected"), [
    ([], [], [(0, len(TEXT), (), False)]),
    ([Span(0, 21, 1, "Battles")], [], [(0, 21, (1,), False), (21, len(TEXT), (), False)]),
    ([Span(0, 10, 1, "Battles"), Span(5, 21, 2, "Riots")], [],
     [(0, 5, (1,), False), (5, 10, (1, 2), False), (10, 21, (2,), False), (21, len(TEXT), (), False)]),
    ([], [(75, 77)], [(0, 75, (), False), (75, 77, (), True), (77, len(TEXT), (), False)]),
    ([Span(70, 76, 1, "Battles")], [(75, 77)],
     [(0, 70, (), False), (70, 75, (1,), False), (75, 76, (1,), True), (76, 77, (), True), (77, len(TEXT), (), False)]),
    ([Span(3, 3, 1), Span(-1, 4, 2), Span(10, 999, 3)], [], [(0, len(TEXT), (), False)]),  # invalid: ignored
    ([], [(-5, 3), (len(TEXT) - 1, len(TEXT) + 40)],
     [(0, 3, (), True), (3, len(TEXT) - 1, (), False), (len(TEXT) - 1, len(TEXT), (), True)]),
])
def test_segments_cover_the_text_exactly(spans, chrome, expected):
    parts = segments(TEXT, spans, chrome)
    assert "".join(p.text for p in parts) == TEXT
    assert [(p.start, p.end, p.numbers, p.chrome) for p in parts] == expected
    for p in parts:
        assert p.text == TEXT[p.start:p.end]


def test_label_is_drawn_where_each_span_starts():
    parts = segments(TEXT, [Span(0, 10, 1, "Battles"), Span(5, 21, 2, "Riots")])
    assert [p.first_of for p in parts] == [(1,), (2,), (), ()]
    assert [p.event_type for p in parts] == ["Battles", "Battles", "Riots", ""]


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src='http://x'></iframe>",
    "</pre><b>out</b>", "\" onmouseover=\"alert(1)", "&lt;already escaped&gt;",
])
def test_every_character_of_the_text_is_escaped(hostile):
    text = f"Before {hostile} after"
    out = article_html(text, [Span(0, len(text), 1, "Battles")], labels={1: hostile})
    assert html.escape(hostile, quote=True) in out
    assert hostile not in out or hostile == html.escape(hostile, quote=True)
    assert out.count("<pre") == 1 and out.count("</pre>") == 1
    assert html.unescape(re.sub(r"<[^>]+>", "", out)).replace("1", "", 1) == text


def test_markdown_stays_literal_and_marks_carry_numbers_and_colours():
    out = article_html(TEXT, [Span(0, 21, 1, "Battles")], [(75, 77)])
    assert "**bold** [x](javascript:y)" in out
    assert out.count('class="iim-hl"') == 1 and 'data-incidents="1"' in out
    assert "rgba(214, 39, 40, 0.28)" in out  # Battles' colour from schema.EVENT_TYPE_COLORS
    assert '<span class="iim-chrome"' in out and ">TT</span>" in out


def test_render_html_of_no_segments_is_an_empty_block():
    assert render_html([]) .startswith('<pre class="iim-article"')
    assert render_html([Segment(0, 1, "x")]).endswith("x</pre>")


@pytest.mark.parametrize(("value", "expected"), [
    ("[[0, 9], [12, 20]]", ((0, 9), (12, 20))),
    ("[]", ()),
    ("", ()),
    (None, ()),
    (float("nan"), ()),
    ("not json", ()),
    ("[[5, 2], [1, 2, 3], [\"a\", 4], [true, 3], [7, 8]]", ((7, 8),)),
    ("{\"a\": 1}", ()),
])
def test_parse_chrome(value, expected):
    assert parse_chrome(value) == expected


def test_invalid_spans_are_reported_by_number():
    assert invalid_spans("abc", [Span(0, 3, 1), Span(2, 2, 2), Span(1, 9, 3), Span(-1, 1, 4)]) == [2, 3, 4]


def _shipped() -> tuple[pd.DataFrame, pd.DataFrame]:
    read = {"dtype": str, "keep_default_na": False}
    return (pd.read_csv(ROOT / "data" / "incidents.csv", **read), pd.read_csv(ROOT / "data" / "articles.csv", **read))


@pytest.mark.skipif(not (ROOT / "data" / "incidents.csv").exists(), reason="data/ not built yet")
def test_every_shipped_incident_span_highlights_its_quote():
    incidents, articles = _shipped()
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    chrome = dict(zip(articles["article_id"], articles["chrome_spans"], strict=True))
    own = incidents[(incidents["article_id"] != "") & (incidents["span_start"] != "")]
    assert len(own) > 0
    for aid, rows in own.groupby("article_id"):
        text = texts[aid]
        spans = [Span(int(s), int(e), n, t) for n, (s, e, t) in
                 enumerate(zip(rows["span_start"], rows["span_end"], rows["event_type"], strict=True), start=1)]
        assert invalid_spans(text, spans) == []
        parts = segments(text, spans, parse_chrome(chrome[aid]))
        assert "".join(p.text for p in parts) == text
        for span, quote in zip(spans, rows["quote"], strict=True):
            covered = "".join(p.text for p in parts if span.number in p.numbers)
            assert covered == text[span.start:span.end] == quote
        out = article_html(text, spans, parse_chrome(chrome[aid]))
        assert len(re.findall(r'<sup class="iim-n"', out)) == len(spans)


@pytest.mark.parametrize(("cells", "expected"), [
    (("1098:1104", "", "31:48;1059:1094"), [FieldSpan(1098, 1104, "place"), FieldSpan(31, 48, "count"),
                                           FieldSpan(1059, 1094, "count")]),
    (("", float("nan"), None), []),
    (("5:3", "x:9", "7:12;;junk"), [FieldSpan(7, 12, "count")]),  # not start < end, not numbers: left out
])
def test_parse_fields(cells, expected):
    assert parse_fields(*cells) == expected


def test_focus_incident_is_anchored_emphasised_and_its_fields_tagged():
    text = "Kill 4 Terrorists\nIn Kirkuk, forces killed four <b>ISIS</b> members on Friday. Later, a raid."
    spans = [Span(text.index("In Kirkuk"), text.index(" Later"), 1, "Battles"),
             Span(text.index("Later"), len(text), 2, "Strategic developments")]
    fields = [FieldSpan(0, 17, "count"), FieldSpan(text.index("Kirkuk"), text.index("Kirkuk") + 6, "place"),
              FieldSpan(text.index("on Friday"), text.index("on Friday") + 9, "date")]
    out = article_html(text, spans, labels={1: "Battles", 2: "Arrests"}, focus=1, fields=fields)
    assert out.count('id="iim-focus"') == 1
    focus = re.search(r'<mark class="iim-hl iim-focus" id="iim-focus" data-incidents="1"', out)
    assert focus and out.index(", forces killed four") > focus.start()
    assert 'class="iim-hl" data-incidents="2"' in out  # the other incident is drawn, not emphasised
    tags = re.findall(r'<span class="iim-field-tag" data-field="(\w+)"', out)
    assert tags == ["count", "place", "date"]  # in text order: the headline lent the count
    marked = dict((k, v) for v, k in re.findall(r'<span class="iim-field" data-field="(\w+)" style="[^"]*">([^<]+)</span>', out))
    assert marked == {"Kill 4 Terrorists": "count", "Kirkuk": "place", "on Friday": "date"}
    assert "&lt;b&gt;ISIS&lt;/b&gt;" in out and "<b>" not in out
    unfocused = article_html(text, spans)
    assert "iim-focus" not in unfocused and "iim-field" not in unfocused


@pytest.mark.skipif(not (ROOT / "data" / "incidents.csv").exists(), reason="data/ not built yet")
def test_shipped_row_says_why_it_says_four_killed():
    """The Kirkuk detachment: the sentence says "an entire detachment"; the row's 4 killed comes from
    the headline, which the provenance table quotes."""
    incidents, articles = _shipped()
    row = incidents.set_index("event_id").loc["IIMaa23b3c343b4"].to_dict()
    text = dict(zip(articles["article_id"], articles["text"], strict=True))[row["article_id"]]
    why = {field: (says, where) for field, says, where in provenance_rows(row, text)}
    assert why["Casualties"][0] == "4 killed"
    assert "“Kill 4 Terrorists”" in why["Casualties"][1] and "“kill an entire terrorist detachment”" in why["Casualties"][1]
    assert why["Place"][1] == "read from “Kirkuk”"
    assert why["Date"] == ("undated", "undated: the text gives no way to date it")
    out = provenance_html(row, text, 1)
    assert 'class="iim-why"' in out and "Kill 4 Terrorists" in out and "<script" not in out
