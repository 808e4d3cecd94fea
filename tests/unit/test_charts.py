"""incidents.figures.charts: plotly figures from store frames (pure builders)."""

from __future__ import annotations

import pandas as pd
import pytest

from incidents.dataset import synth
from incidents.figures.charts import (
    STRIP_LIMIT,
    empty_figure,
    fatalities_figure,
    governorate_bars,
    strip_figure,
    strip_note,
    timeline_figure,
)
from incidents.figures.colors import governorate_color_map, type_hex
from incidents.filters import Filters
from incidents.schema import EVENT_TYPE_COLORS
from incidents.store.store import Store


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("charts")
    synth.write(folder, *synth.generate(800, seed=21))
    return Store.open(folder, cache=False)


@pytest.mark.parametrize(("freq", "by"), [("week", "event_type"), ("month", "event_type"), ("month", "admin1")])
def test_timeline_has_one_coloured_trace_per_group_and_keeps_every_count(store, freq, by):
    f = Filters(governorates=None)
    tl = store.run("timeline", f, freq=freq, by=by)
    fig = timeline_figure(tl, by, freq)
    assert {t.name for t in fig.data} == set(tl["group"])
    assert sum(sum(t.y) for t in fig.data) == int(tl["incidents"].sum())
    colors = {t.name: t.marker.color for t in fig.data}
    expected = (type_hex if by == "event_type" else governorate_color_map().get)
    assert all(colors[g] == expected(g) for g in colors)
    assert all(t.legendgroup == t.name and t.customdata is None for t in fig.data)  # selection reads the group
    assert fig.layout.barmode == "stack"
    dated = store.run("count", Filters(governorates=None, include_undated=False))
    assert int(tl["incidents"].sum()) == dated  # undated incidents are never placed on the time axis


def test_event_type_legend_follows_the_taxonomy():
    tl = pd.DataFrame({"period": ["2024-01-01"] * 3, "group": ["Riots", "Battles", "Strategic developments"],
                       "incidents": [1, 2, 3], "fatalities": [0, 1, 0]})
    names = [t.name for t in timeline_figure(tl).data]
    assert names == [n for n in EVENT_TYPE_COLORS if n in names]


def test_fatalities_sum_per_period(store):
    tl = store.run("timeline", Filters(governorates=None), freq="month")
    fig = fatalities_figure(tl, "month")
    assert sum(fig.data[0].y) == int(tl["fatalities"].sum())
    assert len(fig.data[0].x) == tl["period"].nunique()


@pytest.mark.parametrize("builder", [timeline_figure, fatalities_figure, strip_figure, governorate_bars])
def test_empty_frames_give_a_figure_that_says_so(builder):
    fig = builder(pd.DataFrame())
    assert len(fig.data) == 0
    assert "No incidents" in fig.layout.annotations[0].text


def test_strip_spans_each_date_window_and_leaves_out_undated(store):
    inc = store.run("incidents", Filters(governorates=None), limit=400)
    fig = strip_figure(inc)
    bars = [t for t in fig.data if t.type == "bar"]
    placed = {cd[0]: (base, width) for t in bars for cd, base, width in zip(t.customdata, t.base, t.x, strict=True)}
    dated = inc[inc["event_date"].notna() | inc["date_start"].notna()]
    assert set(placed) == set(dated["event_id"])
    for row in dated.itertuples():
        base, width = placed[row.event_id]
        start = pd.Timestamp(row.date_start or row.event_date)
        end = pd.Timestamp(row.date_end or row.date_start or row.event_date)
        assert base == start.strftime("%Y-%m-%d")
        assert width == ((end - start).days + 1) * 86_400_000


def test_strip_hover_escapes_article_text():
    inc = pd.DataFrame([{"event_id": "IIM1", "event_type": "Battles", "event_date": "2024-01-02",
                         "date_start": "2023-12-25", "date_end": "2023-12-31", "time_precision": 2,
                         "quote": "<script>alert(1)</script> & <b>x</b>", "source": "<i>Outlet</i>",
                         "location": "Hawija", "admin1": "Kirkuk", "fatalities_low": 2, "fatalities_high": 5},
                        {"event_id": "IIM2", "event_type": "Battles", "event_date": "2024-01-03", "time_precision": 1,
                         "location": "<img src=x onerror=alert(1)>", "admin1": "Kirkuk",
                         "sub_event_type": "<b>clash</b>"}])
    fig = strip_figure(inc)
    hover = fig.data[0].hovertext[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in hover
    assert "<script>" not in hover and "<i>Outlet" not in hover
    # the words of every other page (incidents.words)
    assert hover.startswith("<b>25–31 Dec 2023 (week)</b><br>Battles<br>Hawija, Kirkuk<br>2–5 killed<br>")
    other = fig.data[0].hovertext[1]  # place and kind are worded from article text too: escaped
    assert other == ("<b>3 Jan 2024</b><br>Battles / &lt;b&gt;clash&lt;/b&gt;<br>"
                     "&lt;img src=x onerror=alert(1)&gt;, Kirkuk<br>fatalities unknown")


def test_empty_figure_escapes_its_message():
    assert empty_figure("<b>none</b>").layout.annotations[0].text == "&lt;b&gt;none&lt;/b&gt;"


@pytest.mark.parametrize(("shown", "dated", "expected"), [
    (0, 0, ""),
    (12, 12, ""),
    (300, 300, ""),
    (300, 12_345, "Showing the latest 300 of 12,345 dated incidents: narrow the filters to see the others."),
    (STRIP_LIMIT, STRIP_LIMIT + 1, f"Showing the latest {STRIP_LIMIT:,} of {STRIP_LIMIT + 1:,} dated incidents"),
])
def test_strip_note_says_when_the_strip_is_capped(shown, dated, expected):
    note = strip_note(shown, dated)
    assert note.startswith(expected) if expected else note == ""


def test_strip_of_the_latest_incidents_keeps_one_bar_and_one_marker_per_incident(store):
    """The capped strip the Timeline page draws (the latest STRIP_LIMIT) marks each dated
    incident once as a bar and once as a marker, both carrying its event_id and its hover."""
    inc = store.run("incidents", Filters(governorates=None), limit=STRIP_LIMIT, order="latest")
    assert len(inc) == STRIP_LIMIT
    fig = strip_figure(inc)
    for kind in ("bar", "scatter"):
        traces = [t for t in fig.data if t.type == kind]
        ids = [cd[0] for t in traces for cd in t.customdata]
        assert sorted(ids) == sorted(inc.loc[inc["date_start"].notna() | inc["event_date"].notna(), "event_id"])
        assert all(len(t.hovertext) == len(t.customdata) for t in traces)
    spec = fig.to_json()
    assert inc["event_id"].iloc[0] in spec
