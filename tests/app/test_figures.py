"""Figures that hide nothing and a source view that points at the incident, under AppTest on the shipped
data: the overview map's legend and stack numbers, bars as wide as their period with date ticks and one x
range, the source view opened for one incident (its span, its fields, its corrections)."""

from __future__ import annotations

import base64
import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd
import pytest

from incidents import ROOT
from incidents.dataset.corrections import load_corrections
from incidents.figures.periods import DAY_MS, period_end
from incidents.figures.static import drawn_legends, drawn_marks
from incidents.filters import Filters, from_query_params
from incidents.schema import EVENT_TYPES
from incidents.store.store import Store

DATA = ROOT / "data"
pytestmark = pytest.mark.skipif(not (DATA / "incidents.csv").exists(), reason="data/ not built yet")


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open(DATA)


def pictures(at) -> list[str]:
    return [base64.b64decode(img.url.partition(",")[2]).decode("utf-8")
            for image in at.get("image") for img in image.proto.imgs]


def places(rows: pd.DataFrame) -> dict[tuple, int]:
    """(longitude, latitude, ring) -> incidents of the table at that place."""
    rows = rows[rows["latitude"].notna()]
    keys = zip(rows["longitude"].astype(float).round(4), rows["latitude"].astype(float).round(4),
               rows["geo_precision"] == 3, strict=True)
    out: dict[tuple, int] = {}
    for k in keys:
        out[k] = out.get(k, 0) + 1
    return out


@pytest.mark.parametrize("params", [{}, {"governorates": "all"}, {"governorates": "Kirkuk"}])
def test_overview_map_has_a_legend_and_a_number_on_each_stack(run_page, store, params):
    f, _ = from_query_params(params)
    at = run_page(DATA, "dashboard.py", params)
    assert not at.exception
    map_svg = pictures(at)[0]
    legends = drawn_legends(map_svg)
    types = set(store.run("map_points", f)["event_type"].dropna())
    assert any(set(legend) <= types and len(legend) >= 2 for legend in legends), legends  # the colours drawn
    assert any("incidents per governorate" in legend for legend in legends)
    here = places(store.run("map_points", f))
    stacked = sorted(n for n in here.values() if n > 1)
    assert stacked, "the shipped data has incidents at one place"
    numbers = [int(t.text.replace(",", "")) for t in drawn_marks(map_svg, "text") if (t.text or "").isdigit()]
    assert sorted(numbers) == stacked * 2  # each number drawn twice: its white halo and itself
    assert len(drawn_marks(map_svg, "symbol")) == len(here)


def test_overview_timeline_of_a_handful_over_five_years_is_yearly(run_page, store):
    at = run_page(DATA, "dashboard.py", {"governorates": "all"})
    rects = drawn_marks(pictures(at)[1], "rect")
    tl = store.run("timeline", Filters(governorates=None), "year", "event_type")
    assert len(rects) == len(tl) and tl["period"].dt.year.tolist() == sorted(tl["period"].dt.year.tolist())
    assert "incidents per year" in pictures(at)[1]


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def values(v) -> list:
    """A plotly JSON array: a list, or a typed array {"dtype", "bdata"} (base64)."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)


@pytest.mark.parametrize(("params", "freq"), [
    ({"governorates": "all"}, "year"), ({"governorates": "all", "freq": "week"}, "week"), ({"governorates": "all", "freq": "month"}, "month"),
    ({"governorates": "Kirkuk", "from": "2024-12-01"}, "week"), ({"governorates": "all", "freq": "quarter"}, "quarter"),
])
def test_timeline_bars_span_their_period_on_date_ticks_and_one_x_range(run_page, params, freq):
    """The bars and the fatalities are one figure on one x axis (fatalities the last trace, on y2,
    under the bars); the strip (strip=1) shares that x range."""
    at = run_page(DATA, "pages/2_Timeline.py", {**params, "strip": "1"})
    assert not at.exception
    bars, strip = charts(at)
    fatalities = {"data": [t for t in bars["data"] if t.get("yaxis") == "y2"], "layout": bars["layout"]}
    assert [t["name"] for t in fatalities["data"]] == ["fatalities"] and bars["data"][-1]["yaxis"] == "y2"
    assert "xaxis2" not in bars["layout"] and bars["layout"]["yaxis2"]["domain"][1] < bars["layout"]["yaxis"]["domain"][0]
    for trace in bars["data"]:
        for x, width, offset in zip(values(trace["x"]), values(trace["width"]), values(trace["offset"]), strict=True):
            start = pd.Timestamp(x)
            period_ms = (period_end(start, freq) - start).days * DAY_MS
            assert period_ms * 0.85 <= width <= period_ms and offset + width <= period_ms  # inside its period
    ranges = [tuple(fig["layout"]["xaxis"]["range"]) for fig in (bars, fatalities, strip)]
    assert len(set(ranges)) == 1
    for fig in (bars, fatalities, strip):
        axis = fig["layout"]["xaxis"]
        formats = [s["value"] for s in axis["tickformatstops"]] + [axis.get("tickformat", "")]
        assert not any(c in fmt for fmt in formats for c in ("%H", "%M", "%S", "%L"))
    assert bars["layout"]["showlegend"] is True and strip["layout"]["showlegend"] is True
    lo, hi = (pd.Timestamp(v) for v in ranges[0])
    assert (hi - lo).days >= 5 * 7  # one period is a bar among others, not the whole plot


def test_one_week_shows_a_legend_for_its_one_group(run_page):
    at = run_page(DATA, "pages/2_Timeline.py", {"governorates": "Kirkuk", "from": "2024-12-01",
                                                  "event_types": "Strategic developments"})
    bars = charts(at)[0]
    shown = [t for t in bars["data"] if t.get("showlegend") is not False]
    assert len(shown) == 1 and bars["layout"]["showlegend"] is True


# -- the source view pointed at one incident -------------------------------------------------------

def field_texts(body: str) -> dict[str, list[str]]:
    """kind -> the texts marked as that field in the article HTML (runs of one field joined)."""
    out: dict[str, list[str]] = {}
    for kinds, text in re.findall(r'<span class="iim-field" data-field="([\w ]+)" style="[^"]*">([^<]*)</span>', body):
        for kind in kinds.split():
            out.setdefault(kind, []).append(html.unescape(text))
    return out


def span_texts(text: str, cell: object) -> list[str]:
    if not isinstance(cell, str) or not cell:
        return []
    return [text[int(a):int(b)] for a, b in (p.split(":") for p in cell.split(";"))]


@pytest.mark.parametrize("event_id", ["IIMaa23b3c343b4", "IIM5772d18705dd", "IIMbeb0fbc0e207"])
def test_source_link_of_an_incident_marks_its_span_and_the_words_of_its_fields(run_page, store, event_id):
    inc = store.run("incident", event_id)
    art = store.run("article", inc["article_id"])
    at = run_page(DATA, "pages/3_Sources.py", {"article": inc["article_id"], "event": event_id,
                                               "governorates": "all"})
    assert not at.exception
    body = next(h.value for h in at.html if 'class="iim-article"' in h.value)
    assert body.count('id="iim-focus"') == 1
    focus = "".join(re.findall(r'<mark class="iim-hl iim-focus"[^>]*>((?:(?!</mark>).)*)</mark>', body, re.S))
    focus = re.sub(r'<(sup|span) class="iim-(n|field-tag)"[^>]*>[^<]*</(sup|span)>', "", focus)  # labels, not text
    assert html.unescape(re.sub(r"<[^>]+>", "", focus)) == inc["quote"]  # the emphasised text is its span
    marked = field_texts(body)
    text = art["text"]
    want = {"place": span_texts(text, inc["place_span"]), "date": span_texts(text, inc["date_span"]),
            "count": span_texts(text, inc["count_spans"])}
    for kind, texts in want.items():
        assert "".join(marked.get(kind, [])) == "".join(texts), kind  # exactly the row's span columns
    scripts = [h for h in at.html if "<script" in h.value]
    assert len(scripts) == 1 and 'getElementById("iim-focus")' in scripts[0].value
    assert "iim" in scripts[0].value and inc["quote"][:20] not in scripts[0].value  # no data in the script


def test_source_view_says_why_the_row_says_four_killed(run_page):
    at = run_page(DATA, "pages/3_Sources.py", {"article": "a64a90ba762d0f485", "event": "IIMaa23b3c343b4"})
    body = next(h.value for h in at.html if 'class="iim-article"' in h.value)
    why = body[body.index('class="iim-why"'):]
    assert "4 killed" in why and "“Kill 4 Terrorists”" in why and "undated: the text gives no way to date it" in why
    assert body.index('class="iim-callout"') > body.index('id="iim-focus"')  # right under its sentence


def test_source_view_lists_the_corrections_that_changed_the_incident(run_page):
    found, problems = load_corrections(DATA / "corrections.csv")
    assert not problems
    event_id = "IIM5772d18705dd"
    mine = [c for c in found if c.event_id == event_id]
    assert len(mine) == 3
    at = run_page(DATA, "pages/3_Sources.py", {"event": event_id})  # the event alone opens its article
    assert not at.exception
    boxes = [h.value for h in at.html if 'class="iim-corrections"' in h.value]
    assert boxes, "the corrections are shown"
    for c in mine:
        assert any(html.escape(c.reason) in b and html.escape(c.analyst) in b and c.date in b
                   and f"line {c.line}" in b for b in boxes)
    article = next(h.value for h in at.html if 'class="iim-article"' in h.value)
    assert "set by an analyst (date_end, date_start, event_date" in article  # the callout says the date was set


def test_every_incident_link_points_at_the_incident(run_page, store):
    at = run_page(DATA, "dashboard.py", {"governorates": "all"})
    latest = store.run("incidents", Filters(governorates=None), limit=10, order="latest")
    links = [parse_qs(p.proto.query_string) for p in at.get("page_link") if p.proto.page == "Sources"]
    assert [q["event"] for q in links] == [[e] for e in latest["event_id"]]  # the latest list, in its order
    for q, aid in zip(links, latest["article_id"], strict=True):
        assert q.get("article") == ([aid] if isinstance(aid, str) and aid else None)
    table = run_page(DATA, "pages/4_Incidents.py", {"governorates": "all"}).dataframe[0].value
    for url, event_id, article_id in zip(table["source_view"], table["event_id"], table["event_id"].map(
            store.run("incidents", Filters(governorates=None)).set_index("event_id")["article_id"]), strict=True):
        q = parse_qs(urlsplit(url).query)
        assert q["event"] == [event_id]
        assert q.get("article") == ([article_id] if isinstance(article_id, str) and article_id else None)
    assert set(EVENT_TYPES) >= set(table["event_type"].dropna())
