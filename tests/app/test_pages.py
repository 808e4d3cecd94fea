"""Every page under Streamlit's AppTest: renders, filters, URL state, hostile text, empty states."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace

import pytest
from appdata import ACLED_EVENT_ID, HOSTILE_ARTICLE_ID, HOSTILE_EVENT_ID, HOSTILE_URL, PAGES

from incidents import ROOT
from incidents.figures.charts import STRIP_LIMIT
from incidents.figures.maps import POINT_LIMIT
from incidents.figures.periods import period_for_span
from incidents.filters import Filters, from_query_params, to_query_params
from incidents.store.store import Store


def metric(at, label: str) -> int:
    """The integer shown by the metric called ``label``."""
    for m in at.metric:
        if m.label == label:
            return int(m.value.replace(",", ""))
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")


def deck(at) -> dict:
    """The first pydeck chart's JSON spec."""
    charts = at.get("deck_gl_json_chart")
    assert charts, "no map on the page"
    return json.loads(charts[0].proto.json)


def layer_sizes(spec: dict) -> dict[str, int]:
    return {layer["id"]: len(layer["data"]) if isinstance(layer.get("data"), list) else -1
            for layer in spec["layers"]}


def html_bodies(at) -> list[str]:
    return [h.value for h in at.html]


# -- every page renders ---------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_synthetic_data(run_page, synth_dir, page):
    at = run_page(synth_dir, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"
    assert at.caption[0].value.startswith("Filters: Kirkuk, Salah ad\\-Din, Diyala, Nineveh")
    assert any("Natural Earth" in b and "GeoNames" in b for b in html_bodies(at)), "attribution footer"


SHIPPED = ROOT / "data" / "incidents.csv"


@pytest.mark.skipif(not SHIPPED.exists(), reason="data/incidents.csv is not built yet (python -m incidents build)")
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_shipped_data(run_page, page):
    at = run_page(ROOT / "data", page, {"governorates": "all"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.title


@pytest.mark.skipif(not SHIPPED.exists(), reason="data/incidents.csv is not built yet (python -m incidents build)")
def test_overview_counts_match_the_store_on_shipped_data(run_page):
    at = run_page(ROOT / "data", "dashboard.py", {"governorates": "all", "countries": "all"})
    s = Store.open(ROOT / "data").run("summary", Filters(governorates=None, countries=()))
    assert metric(at, "Incidents") == s["incidents"]
    assert metric(at, "Undated") == s["undated"]
    assert metric(at, "Governorate only") == s["governorate_only"]


@pytest.mark.skipif(not SHIPPED.exists(), reason="data/incidents.csv is not built yet (python -m incidents build)")
def test_source_view_highlights_every_span_of_shipped_articles(run_page):
    store = Store.open(ROOT / "data")
    arts = store.run("articles")
    with_incidents = arts[arts["incidents"] > 0]
    assert len(with_incidents) > 0
    for aid in with_incidents["article_id"].head(5):
        own = store.run("article_incidents", aid)
        own = own[(own["article_id"] == aid) & own["span_start"].notna()]
        at = run_page(ROOT / "data", "pages/3_Sources.py", {"article": aid, "governorates": "all", "countries": "all"})
        assert not at.exception
        body = next(b for b in html_bodies(at) if 'class="iim-article"' in b)
        numbers = {int(n) for n in __import__("re").findall(r'<sup class="iim-n"[^>]*>(\d+)</sup>', body)}
        assert numbers == set(range(1, len(own) + 1)), aid


# -- the overview's figures (Vega-Lite drawn to SVG on the server) ----------------------------------

def places(located) -> dict[tuple, int]:
    """(longitude, latitude, ring) -> incidents there, as the maps stack them (coordinates to 4 decimals)."""
    ring = located["geo_precision"] == 3
    keys = zip(located["longitude"].astype(float).round(4), located["latitude"].astype(float).round(4), ring,
               strict=True)
    out: dict[tuple, int] = {}
    for k in keys:
        out[k] = out.get(k, 0) + 1
    return out


def pictures(at) -> list[str]:
    """The SVG text of every picture (st.image) on the page, in order."""
    import base64

    out = []
    for image in at.get("image"):
        for img in image.proto.imgs:
            head, _, body = img.url.partition(",")
            assert head == "data:image/svg+xml;base64", head
            out.append(base64.b64decode(body).decode("utf-8"))
    return out


@pytest.mark.parametrize("params", [{}, {"governorates": "Kirkuk", "event_types": "Battles"},
                                    {"governorates": "all", "undated": "0"}])
def test_overview_map_and_timeline_draw_what_the_store_counts(run_page, synth_dir, params):
    from incidents.figures.static import drawn_marks

    f, _ = from_query_params(params)
    store = Store.open(synth_dir)
    at = run_page(synth_dir, "dashboard.py", params)
    assert not at.exception
    assert not at.get("deck_gl_json_chart") and not at.get("plotly_chart"), "no deck.gl or plotly on the overview"
    map_svg, timeline_svg = pictures(at)
    located = store.run("map_points", f)
    located = located[located["latitude"].notna()]
    assert len(drawn_marks(map_svg, "symbol")) == len(places(located)) > 0  # one mark per place
    assert len(drawn_marks(map_svg, "shape")) == 18
    s = store.run("summary", f)
    freq = period_for_span(s["date_min"], s["date_max"], incidents=s["incidents"] - s["undated"])
    assert len(drawn_marks(timeline_svg, "rect")) == len(store.run("timeline", f, freq, "event_type")) > 0
    # the trends line's link, then the links to the interactive pages
    assert [p.page for p in at.get("page_link")][:3] == ["Trends", "Map", "Timeline"]


def test_overview_above_the_point_limit_shades_governorates_only(run_page, big_dir):
    from incidents.figures.static import drawn_marks

    n = Store.open(big_dir).run("count", Filters())
    assert n > POINT_LIMIT
    at = run_page(big_dir, "dashboard.py")
    assert not at.exception
    map_svg, _ = pictures(at)
    assert drawn_marks(map_svg, "symbol") == [] and len(drawn_marks(map_svg, "shape")) == 18
    assert any(f"{n:,} incidents: governorates shaded by count" in c.value for c in at.caption)
    assert sum(len(svg) for svg in pictures(at)) < 400_000  # what the page sends for its figures


def test_overview_figures_hold_no_article_text(run_page, hostile_dir):
    at = run_page(hostile_dir, "dashboard.py", {"governorates": "all"})
    assert not at.exception
    svgs = "".join(pictures(at))
    assert len(svgs) > 1000 and "<img" not in svgs and "<script" not in svgs and "Gunmen" not in svgs


# -- filters change what the pages show ---------------------------------------------------------

FILTER_CASES = [
    {"governorates": "all"},
    {"governorates": "Kirkuk"},
    {"event_types": "Battles"},
    {"sub_event_types": "Air/drone strike"},
    {"actors": "Islamic State (Iraq)"},
    {"min_fatalities": "5"},
    {"undated": "0"},
    {"geo_precision": "3"},
    {"datasets": "acled"},
    {"from": "2018-01-01", "to": "2019-12-31"},
    {"q": "clashed"},
    {"outlets": "Shafaq News"},
]


@pytest.mark.parametrize("params", FILTER_CASES, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()))
def test_each_filter_changes_the_overview_counts(run_page, synth_dir, params):
    f, notes = from_query_params(params)
    assert notes == []
    store = Store.open(synth_dir)
    expected, default = store.run("count", f), store.run("count", Filters())
    assert expected != default, "the case must filter something on this data"
    at = run_page(synth_dir, "dashboard.py", params)
    assert not at.exception
    assert metric(at, "Incidents") == expected
    s = store.run("summary", f)
    if "from" in params:  # under a date range the undated figure is apart: "+N", not placed in time
        assert metric(at, "Undated, not placed in time") == s["undated_apart"] > 0
    else:
        assert metric(at, "Undated") == s["undated"]


@pytest.mark.parametrize("params", [{"event_types": "Battles"}, {"governorates": "Kirkuk", "min_fatalities": "2"},
                                    {"datasets": "extracted", "q": "clashed"}])
def test_incident_table_rows_follow_the_filters(run_page, synth_dir, params):
    f, _ = from_query_params(params)
    at = run_page(synth_dir, "pages/4_Incidents.py", params)
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == Store.open(synth_dir).run("count", f)
    assert len(at.get("download_button")) == 3  # CSV for spreadsheets, CSV data, GeoJSON


def test_map_points_follow_the_filters(run_page, synth_dir):
    params = {"governorates": "Diyala", "event_types": "Battles"}
    f, _ = from_query_params(params)
    at = run_page(synth_dir, "pages/1_Map.py", params)
    assert not at.exception
    spec = deck(at)
    located = Store.open(synth_dir).run("map_points", f)
    located = located[located["latitude"].notna()]
    marks = {layer["id"]: layer["data"] for layer in spec["layers"] if layer["id"] in ("points", "points-governorate")}
    assert sum(m["count"] for ms in marks.values() for m in ms) == len(located)
    assert sum(m["count"] for m in marks["points-governorate"]) == int((located["geo_precision"] == 3).sum())
    # one mark per place, each counting the incidents of the table at that place
    here = places(located)
    drawn = {(*m["position"], layer == "points-governorate"): m["count"] for layer, ms in marks.items() for m in ms}
    assert drawn == here


def test_sidebar_widget_changes_filters_counts_and_url(run_page, synth_dir):
    at = run_page(synth_dir, "dashboard.py")
    store = Store.open(synth_dir)
    assert metric(at, "Incidents") == store.run("count", Filters())
    at.sidebar.multiselect(key="_f_event_types").set_value(["Battles"]).run()
    assert metric(at, "Incidents") == store.run("count", Filters(event_types=("Battles",)))
    assert at.query_params["event_types"] == ["Battles"] or at.query_params["event_types"] == "Battles"
    at.sidebar.toggle(key="_f_all_iraq").set_value(True).run()
    assert metric(at, "Incidents") == store.run("count", Filters(event_types=("Battles",), governorates=None))
    at.sidebar.number_input(key="_f_min_fatalities").set_value(3).run()
    at.sidebar.text_input(key="_f_text").input("killing").run()
    want = Filters(event_types=("Battles",), governorates=None, min_fatalities=3, text="killing")
    assert metric(at, "Incidents") == store.run("count", want)
    assert from_query_params(dict(at.query_params))[0] == want
    at.sidebar.button(key="_f_reset").click().run()
    assert metric(at, "Incidents") == store.run("count", Filters())
    assert dict(at.query_params) == {}


def test_added_since_widget_keeps_what_came_in_since_that_day(run_page, synth_dir):
    from datetime import date

    at = run_page(synth_dir, "dashboard.py")
    store = Store.open(synth_dir)
    at.sidebar.toggle(key="_f_all_iraq").set_value(True).run()
    at.sidebar.date_input(key="_f_added").set_value(date(2023, 12, 1)).run()
    want = Filters(governorates=None, added_since=date(2023, 12, 1))
    assert 0 < store.run("count", want) < store.run("count", Filters(governorates=None))
    assert metric(at, "Incidents") == store.run("count", want)
    assert at.query_params["added"] in ("2023-12-01", ["2023-12-01"])
    assert from_query_params(dict(at.query_params))[0] == want


def test_every_widget_kind_of_the_filter_table_is_drawn_by_the_sidebar():
    from incidents.filters import FILTERS
    from incidents.ui.sidebar import DRAW

    assert {spec.widget.kind for spec in FILTERS} <= set(DRAW)


# -- the URL ------------------------------------------------------------------------------------------

ROUND_TRIPS = [
    ("dashboard.py", {}),
    ("dashboard.py", {"governorates": "all", "from": "2016-01-01", "undated": "0"}),
    ("dashboard.py", {"governorates": "Kirkuk,Nineveh", "event_types": "Battles,Strategic developments",
                      "min_fatalities": "1", "geo_precision": "1,2", "q": "Kirkuk"}),
    ("pages/1_Map.py", {"governorates": "Diyala", "layers": "points,density"}),
    ("pages/2_Timeline.py", {"freq": "month", "stack": "admin1", "to": "2020-12-31"}),
    ("pages/3_Sources.py", {"article": "a1b2c3", "datasets": "extracted"}),
    ("pages/4_Incidents.py", {"actors": "Islamic State (Iraq)", "outlets": "Rudaw,Xinhua"}),
]


@pytest.mark.parametrize(("page", "params"), ROUND_TRIPS)
def test_query_params_round_trip(run_page, synth_dir, page, params):
    at = run_page(synth_dir, page, params)
    assert not at.exception
    f, notes = from_query_params(params, extra=("freq", "stack", "layers"))
    assert notes == []
    out = {k: (v[-1] if isinstance(v, list) else v) for k, v in dict(at.query_params).items()}
    extras = {k: v for k, v in params.items() if k in ("freq", "stack", "layers")}
    assert out == {**to_query_params(f), **extras}
    assert from_query_params(out, extra=("freq", "stack", "layers"))[0] == f


@pytest.mark.parametrize("params", [
    {"from": "yesterday"}, {"governorates": "Atlantis"}, {"min_fatalities": "-3"}, {"bogus": "1"},
    {"geo_precision": "9"}, {"undated": "maybe"}, {"event_types": "Picnic"},
])
def test_malformed_params_give_a_visible_note_not_a_crash(run_page, synth_dir, params):
    at = run_page(synth_dir, "dashboard.py", params)
    assert not at.exception
    notes = [b for b in html_bodies(at) if 'class="iim-note"' in b]
    assert notes, "a note says what was ignored"
    name = next(iter(params))
    assert any(name in b for b in notes)
    assert metric(at, "Incidents") == Store.open(synth_dir).run("count", Filters())


@pytest.mark.parametrize("page", ["dashboard.py", "pages/3_Sources.py", "pages/5_Briefing.py"])
def test_notes_show_a_hostile_url_value_as_escaped_text(run_page, synth_dir, page):
    value = "[**download the fix**](https://evil.example/fix.exe) <img src=x onerror=alert(1)>"
    at = run_page(synth_dir, page, {"governorates": value, "![t](http://evil.example/t.png)": "1"})
    assert not at.exception
    # the pages draw a warning box per note; the briefing writes them under its filters line
    bodies = html_bodies(at) + [m.value for m in at.markdown]
    notes = [b for b in bodies if 'class="iim-note"' in b or 'class="iim-brief-notes"' in b]
    assert notes
    joined = "".join(notes)
    joined = joined[joined.find('class="iim-brief-notes"'):] if "iim-brief-notes" in joined else joined
    assert "&lt;img src=x onerror=alert(1)&gt;" in joined and "<img" not in joined and "<a " not in joined
    assert "![t](http://evil.example/t.png)" in joined


def test_filters_survive_a_page_switch(run_page, synth_dir):
    at = run_page(synth_dir, "dashboard.py", {"governorates": "Kirkuk", "event_types": "Battles"})
    kirkuk_battles = metric(at, "Incidents")
    at.switch_page("pages/4_Incidents.py")
    at.query_params.clear()  # the browser drops the query string when switching pages
    at.run()
    assert not at.exception
    assert "Kirkuk" in at.caption[0].value and "Battles" in at.caption[0].value
    assert len(at.dataframe[0].value) == kirkuk_battles
    assert from_query_params(dict(at.query_params))[0] == Filters(governorates=("Kirkuk",),
                                                                 event_types=("Battles",))
    assert at.sidebar.multiselect(key="_f_governorates").value == ["Kirkuk"]


def test_a_link_with_new_params_replaces_the_session_filters(run_page, synth_dir):
    at = run_page(synth_dir, "dashboard.py", {"governorates": "Kirkuk"})
    arts = Store.open(synth_dir).run("articles")
    aid = str(arts["article_id"].iloc[0])
    at.switch_page("pages/3_Sources.py")
    at.query_params.clear()
    at.query_params["governorates"] = "Kirkuk"
    at.query_params["article"] = aid  # what the "Source" link carries
    at.run()
    assert not at.exception
    assert at.session_state["iim_filters"] == replace(Filters(governorates=("Kirkuk",)), article_id=aid)
    assert any('class="iim-article"' in b for b in html_bodies(at))


# -- the source view ------------------------------------------------------------------------------

def test_source_view_shows_address_outlet_and_where_the_date_came_from(run_page, hostile_dir):
    at = run_page(hostile_dir, "pages/3_Sources.py", {"article": HOSTILE_ARTICLE_ID})
    meta = next(b for b in html_bodies(at) if 'class="iim-article-meta"' in b)
    escaped = html.escape(HOSTILE_URL, quote=True)
    assert f'<a href="{escaped}" target="_blank" rel="noopener noreferrer nofollow">{escaped}</a>' in meta
    assert "<script" not in meta.lower()
    assert "Shafaq News" in meta and "from the article&#x27;s header" in meta


def test_hostile_article_shows_as_text(run_page, hostile_dir):
    at = run_page(hostile_dir, "pages/3_Sources.py", {"article": HOSTILE_ARTICLE_ID})
    assert not at.exception
    bodies = html_bodies(at)
    text = next(b for b in bodies if 'class="iim-article"' in b)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in text
    assert "**wounding** [three](javascript:alert(2))" in text  # markdown stays literal
    assert "# Not a heading" in text
    for body in bodies:
        low = body.lower()
        assert "<script" not in low and "<img" not in low and "<iframe" not in low and "onerror=\"" not in low
    assert text.count('class="iim-hl"') == 1 and 'data-incidents="1"' in text
    assert 'class="iim-chrome"' in text
    assert not any("<script" in m.value.lower() for m in at.markdown)
    meta = next(b for b in bodies if "iim-article-meta" in b)
    assert "&lt;b&gt;Bold&lt;/b&gt; title &lt;script&gt;" in meta


def test_hostile_quote_is_escaped_in_incident_cards_and_tooltips(run_page, hostile_dir):
    at = run_page(hostile_dir, "pages/1_Map.py", {"governorates": "all"})
    assert not at.exception
    spec = deck(at)
    points = next(layer["data"] for layer in spec["layers"] if layer["id"] == "points")
    hostile = next(p for p in points if p["event_id"] == HOSTILE_EVENT_ID)
    # plain text: Streamlit's frontend escapes tooltip fields; we never add markup to them
    assert hostile["tt_quote"].startswith("“Gunmen attacked") and "<img" in hostile["tt_quote"]
    assert "{" not in spec["layers"][0]["data"]["features"][0]["properties"]["tt_title"]


def test_one_incident_reads_the_same_on_every_page_and_its_text_stays_escaped(run_page, hostile_dir):
    """The hostile incident in the overview's latest list, its source-view card, the incident table
    and the map tooltip: the same date, place and casualties (incidents.words), article text escaped."""
    latest = next(b for b in html_bodies(run_page(hostile_dir, "dashboard.py", {"governorates": "all"}))
                  if "Gunmen attacked a checkpoint near Hawija on Friday" in b)
    assert "3 May 2024 · Battles / Armed clash · Hawija, Kirkuk · 2 killed, 3 wounded · Shafaq News" in latest
    assert "<img" not in latest and "&lt;img src=x" in latest
    at = run_page(hostile_dir, "pages/3_Sources.py", {"article": HOSTILE_ARTICLE_ID})
    card = next(b for b in html_bodies(at) if 'class="iim-incident"' in b and "3 May 2024" in b)
    assert ">Battles / Armed clash</div>" in card and ">2 killed, 3 wounded</td>" in card and ">town</td>" in card
    assert "<img" not in card and "&lt;img src=x" in card
    table = run_page(hostile_dir, "pages/4_Incidents.py", {"governorates": "all"}).dataframe[0].value
    row = table.set_index("event_id").loc[HOSTILE_EVENT_ID]
    assert (row["when"], row["place"], row["casualties"]) == ("3 May 2024", "Hawija, Kirkuk", "2 killed, 3 wounded")
    spec = deck(run_page(hostile_dir, "pages/1_Map.py", {"governorates": "all"}))
    point = next(p for layer in spec["layers"] if layer["id"] == "points" for p in layer["data"]
                 if p["event_id"] == HOSTILE_EVENT_ID)
    assert point["tt_title"] == "3 May 2024"
    assert point["tt_body"].split("\n")[:3] == ["Battles / Armed clash", "Hawija, Kirkuk", "2 killed, 3 wounded"]


def test_article_without_incident_says_so(run_page, synth_dir, tmp_path):
    import pandas as pd

    from incidents.dataset.tables import write_table
    from incidents.schema import ARTICLE_COLUMNS

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "incidents.csv").write_text((synth_dir / "incidents.csv").read_text(encoding="utf-8"), encoding="utf-8")
    arts = pd.read_csv(synth_dir / "articles.csv", dtype=str)
    text = "Analysis: ISIS could launch attacks in the coming months, officials warned.\n"
    extra = {c: "" for c in ARTICLE_COLUMNS} | {"article_id": "a0000000000000none", "file": "opinion.txt",
                                                "part": "1", "title": "Analysis", "text": text,
                                                "char_start": "0", "char_end": str(len(text))}
    write_table(pd.concat([arts, pd.DataFrame([extra])], ignore_index=True), folder / "articles.csv",
                ARTICLE_COLUMNS)
    at = run_page(folder, "pages/3_Sources.py", {"article": "a0000000000000none"})
    assert not at.exception
    assert any("No incident was extracted from this article" in i.value for i in at.info)


def test_incident_without_article_shows_its_notes_and_sources(run_page, hostile_dir):
    at = run_page(hostile_dir, "pages/3_Sources.py", {"event": ACLED_EVENT_ID, "governorates": "all"})
    assert not at.exception
    card = next(b for b in html_bodies(at) if "iim-incident" in b)
    assert "An IED &lt;b&gt;exploded&lt;/b&gt; near Daquq" in card
    assert "Kurdistan24; Rudaw" in card
    assert any("not extracted from an article" in i.value for i in at.info)


def test_unknown_article_id_is_a_warning(run_page, hostile_dir):
    at = run_page(hostile_dir, "pages/3_Sources.py", {"article": "a00000000000000000"})
    assert not at.exception
    assert any("no article with id" in w.value for w in at.warning)


def test_unknown_event_id_is_a_warning_with_the_id_escaped(run_page, hostile_dir):
    at = run_page(hostile_dir, "pages/3_Sources.py", {"event": "[x](javascript:alert(1))"})
    assert not at.exception
    note = next(w.value for w in at.warning if "no incident with id" in w.value)
    assert "\\[x\\]\\(javascript" in note  # markdown control characters escaped


# -- empty states -------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_empty_state_on_every_page(run_page, synth_dir, page):
    at = run_page(synth_dir, page, {"q": "no incident says this 7f3k"})
    assert not at.exception
    assert any(re.match(r"No incidents( to review)? match these filters", i.value) for i in at.info)
    assert not at.get("deck_gl_json_chart") or page == "pages/3_Sources.py"
    assert not at.get("image")


# -- the timeline ---------------------------------------------------------------------------------------

def test_timeline_stacks_by_governorate_and_lists_undated(run_page, hostile_dir):
    at = run_page(hostile_dir, "pages/2_Timeline.py", {"governorates": "all", "stack": "admin1", "freq": "month",
                                                        "strip": "1"})
    assert not at.exception
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["name"] for t in fig["data"]} == {"Kirkuk", "fatalities"}
    undated = [d.value for d in at.dataframe if "IIMundated0001" in set(d.value["event_id"])]
    assert undated, "the undated incident is listed below the charts"
    strip = json.loads(at.get("plotly_chart")[1].proto.spec)
    placed = {cd[0] for t in strip["data"] for cd in t.get("customdata", [])}
    assert "IIMundated0001" not in placed and HOSTILE_EVENT_ID in placed


def test_timeline_without_undated_says_they_are_excluded(run_page, hostile_dir):
    at = run_page(hostile_dir, "pages/2_Timeline.py", {"governorates": "all", "undated": "0"})
    assert not at.exception
    assert any("excluded by the filters" in c.value for c in at.caption)


# -- scale: what the map sends stays bounded ------------------------------------------------------------

def test_big_set_draws_grid_cells_and_a_small_message(run_page, big_dir):
    store = Store.open(big_dir)
    assert store.run("count", Filters()) > POINT_LIMIT
    at = run_page(big_dir, "pages/1_Map.py")
    assert not at.exception
    raw = at.get("deck_gl_json_chart")[0].proto.json
    sizes = layer_sizes(json.loads(raw))
    assert "points" not in sizes and sizes["bins"] > 0
    assert len(raw) < 1_000_000, f"deck JSON is {len(raw):,} characters"
    assert any("grid cells" in i.value for i in at.info)


def test_narrowed_big_set_draws_points_within_the_size_bound(run_page, big_dir):
    params = {"governorates": "Kirkuk", "from": "2022-01-01"}
    f, _ = from_query_params(params)
    n = Store.open(big_dir).run("count", f)
    assert 0 < n <= POINT_LIMIT
    at = run_page(big_dir, "pages/1_Map.py", params)
    raw = at.get("deck_gl_json_chart")[0].proto.json
    sizes = layer_sizes(json.loads(raw))
    assert sizes["points"] + sizes["points-governorate"] > 0
    assert len(raw) < 600 * (sizes["points"] + sizes["points-governorate"]) + 200_000


def test_big_set_strip_holds_the_latest_incidents_and_says_so(run_page, big_dir):
    """Above STRIP_LIMIT dated incidents the strip draws the latest STRIP_LIMIT, and a note says
    how many there are and to narrow the filters."""
    s = Store.open(big_dir).run("summary", Filters(governorates=None))
    dated = s["incidents"] - s["undated"]
    assert dated > STRIP_LIMIT
    at = run_page(big_dir, "pages/2_Timeline.py", {"governorates": "all", "strip": "1"})
    assert not at.exception
    strip = json.loads(at.get("plotly_chart")[1].proto.spec)
    ids = [cd[0] for t in strip["data"] if t["type"] == "bar" for cd in t["customdata"]]
    assert len(ids) == len(set(ids)) == STRIP_LIMIT
    latest = Store.open(big_dir).run("incidents", Filters(governorates=None), limit=STRIP_LIMIT, order="latest")
    assert set(ids) == set(latest["event_id"])
    assert any(f"Showing the latest {STRIP_LIMIT:,} of {dated:,} dated incidents" in i.value for i in at.info)


def test_incident_table_marks_undated_and_links_each_row_to_its_source(run_page, hostile_dir):
    at = run_page(hostile_dir, "pages/4_Incidents.py", {"governorates": "all"})
    assert not at.exception
    table = at.dataframe[0].value.set_index("event_id")
    assert table.loc["IIMundated0001", "when"] == "undated"
    assert table.loc[HOSTILE_EVENT_ID, "when"] == "3 May 2024"  # the words of every other page (incidents.words)
    assert table.loc[HOSTILE_EVENT_ID, "source_view"] == (f"Sources?governorates=all&article={HOSTILE_ARTICLE_ID}"
                                                          f"&event={HOSTILE_EVENT_ID}")
    assert table.loc[ACLED_EVENT_ID, "source_view"] == f"Sources?governorates=all&event={ACLED_EVENT_ID}"
    assert table.loc[HOSTILE_EVENT_ID, "casualties"] == "2 killed, 3 wounded"
    assert table.loc["IIMundated0001", "located_to"] == "governorate only"


@pytest.mark.parametrize(("freq", "by"), [("week", "event_type"), ("month", "admin1")])
def test_selected_timeline_bars_lead_to_their_incidents(synth_dir, monkeypatch, freq, by):
    """What the Timeline page lists for selected bars: exactly the incidents counted in those bars."""
    from incidents.figures.selection import plotly_periods
    from incidents.ui import data, tables

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(synth_dir))
    f = Filters(governorates=None)
    tl = data.run("timeline", f, freq, by).sort_values("incidents", ascending=False).head(2)
    # as Streamlit reports a selected bar: its x and its trace's legendgroup (the figure's group)
    points = [{"x": p.strftime("%Y-%m-%d"), "curve_number": 0, "point_index": 0, "legendgroup": g}
              for p, g in zip(tl["period"], tl["group"], strict=True)]
    picked = plotly_periods({"selection": {"points": points}}, freq)
    rows = tables.incidents_in_periods(f, picked, by)
    assert len(rows) == int(tl["incidents"].sum())
    column = "event_type" if by == "event_type" else "admin1"
    for start, end, group in picked:
        mine = rows[(rows[column] == group) & (rows["event_date"] >= start.isoformat())
                    & (rows["event_date"] <= end.isoformat())]
        assert len(mine) == int(tl[(tl["group"] == group) & (tl["period"].dt.date == start)]["incidents"].iloc[0])


def test_cached_queries_are_copies_keyed_by_filters_and_data_folder(synth_dir, hostile_dir, monkeypatch):
    """data.run: one answer per Filters value and data folder, handed out as a copy."""
    from incidents.ui import data

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(synth_dir))
    f = Filters(governorates=None)
    first = data.run("incidents", f, limit=5)
    first["event_id"] = "changed"
    assert not data.run("incidents", f, limit=5)["event_id"].eq("changed").any()
    synth = Store.open(synth_dir)
    assert data.run("count", f) == synth.run("count", f) != data.run("count", Filters(event_types=("Battles",)))
    assert data.run("count", Filters(event_types=("Battles",))) == synth.run("count", Filters(event_types=("Battles",)))
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(hostile_dir))
    assert data.run("count", f) == Store.open(hostile_dir).run("count", f) != synth.run("count", f)


@pytest.mark.parametrize("page", PAGES)
def test_missing_data_folder_is_a_clear_message(run_page, tmp_path, page):
    missing = tmp_path / "no-such-folder"
    at = run_page(missing, page)
    assert not at.exception
    assert any(str(missing) in e.value for e in at.error), [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_pages_work_without_an_articles_table(run_page, synth_dir, tmp_path, page):
    """articles.csv is optional (ACLED imports only): every page still renders."""
    folder = tmp_path / "acled-only"
    folder.mkdir()
    (folder / "incidents.csv").write_bytes((synth_dir / "incidents.csv").read_bytes())
    at = run_page(folder, page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_pages_work_on_an_empty_incident_table(run_page, tmp_path, page):
    from incidents.dataset.tables import empty_incidents, write_table
    from incidents.schema import INCIDENT_COLUMNS

    folder = tmp_path / "empty"
    write_table(empty_incidents(), folder / "incidents.csv", INCIDENT_COLUMNS)
    at = run_page(folder, page)
    assert not at.exception, [e.value for e in at.exception]
    assert any(re.match(r"No incidents( to review)? match these filters", i.value) for i in at.info)


def test_timeline_strip_is_drawn_when_asked_and_kept_in_the_url(run_page, hostile_dir):
    """An old link (no ``strip``) opens its period and stack with one figure (bars over fatalities)
    and the strip's toggle off; turning it on draws the strip and puts strip=1 in the URL; a link
    with strip=1 opens with it."""
    at = run_page(hostile_dir, "pages/2_Timeline.py", {"governorates": "all", "stack": "admin1", "freq": "month"})
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert at.segmented_control(key="_tl_freq").value == "month" and at.segmented_control(key="_tl_stack").value == "admin1"
    toggle = at.toggle(key="_tl_strip")
    assert toggle.value is False
    at = toggle.set_value(True).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2 and at.query_params["strip"] in ("1", ["1"])
    assert "Each incident over its date window" in [h.value for h in at.subheader]
    at = at.toggle(key="_tl_strip").set_value(False).run()
    assert len(at.get("plotly_chart")) == 1 and "strip" not in at.query_params


def test_a_selected_fatalities_bar_leads_to_all_incidents_of_its_period(synth_dir, monkeypatch):
    """A fatalities bar (the combined figure's last trace, which carries no group) selected as
    Streamlit reports it stands for every incident of its period."""
    from incidents.figures.selection import plotly_periods
    from incidents.ui import data, tables

    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(synth_dir))
    f = Filters(governorates=None)
    tl = data.run("timeline", f, "month", "event_type")
    busiest = tl.groupby("period")["incidents"].sum().sort_values(ascending=False).index[0]
    point = {"x": busiest.strftime("%Y-%m-%d"), "curve_number": 5, "point_index": 0}
    picked = plotly_periods({"selection": {"points": [point]}}, "month")
    assert [g for _, _, g in picked] == [""]
    rows = tables.incidents_in_periods(f, picked, "event_type")
    assert len(rows) == int(tl[tl["period"] == busiest]["incidents"].sum()) > 0
