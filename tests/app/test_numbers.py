"""The numbers an analyst reads, checked against counts computed directly from the CSV tables:
date ranges and undated incidents, descriptions of ACLED rows, actors across datasets, the
briefing's credits, the Sources list's counts and the download names. On the shipped data/ and on
the shipped tables with real-format ACLED exports imported (the ``acled_dir`` fixture)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from incidents import ROOT

SHIPPED = ROOT / "data"
README_QUERY = {"governorates": "Kirkuk", "from": "2024-01-01"}  # the README's example query


def table(folder: Path) -> pd.DataFrame:
    """incidents.csv as the strings written in it (empty for missing)."""
    return pd.read_csv(folder / "incidents.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")


def number(col: pd.Series) -> pd.Series:
    return pd.to_numeric(col.replace("", None), errors="coerce")


def kirkuk_since(t: pd.DataFrame, since: str = "2024-01-01") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(incidents of Kirkuk, Iraq dated on or after ``since``, the undated ones of Kirkuk)."""
    rows = t[(t.admin1 == "Kirkuk") & (t.country == "Iraq")]
    return rows[(rows.event_date != "") & (rows.event_date >= since)], rows[rows.event_date == ""]


def fatality_range(rows: pd.DataFrame) -> tuple[int, int, int]:
    """(best, low, high) sums, a missing low or high taking the best and a missing best 0."""
    best = number(rows.fatalities)
    low, high = number(rows.fatalities_low).fillna(best), number(rows.fatalities_high).fillna(best)
    return int(best.fillna(0).sum()), int(low.fillna(0).sum()), int(high.fillna(0).sum())


def metric_value(at, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return m.value
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")


def briefing_counts(text: str) -> dict[str, str]:
    """The briefing's key counts: label -> value as shown."""
    return {label: value for value, label in re.findall(r'<div class="v">(.*?)</div><div class="l">(.*?)</div>', text)}


def markdown(at) -> str:
    return "\n".join(m.value for m in at.markdown)


# -- 1. a date range counts only incidents dated in it --------------------------------------------

@pytest.mark.parametrize("where", ["shipped", "acled"])
def test_a_date_range_counts_only_incidents_dated_in_it(run_page, acled_dir, where):
    folder = SHIPPED if where == "shipped" else acled_dir
    dated, undated = kirkuk_since(table(folder))
    assert len(dated) >= 3 and len(undated) >= 4, "the README's query must hold both kinds on this data"
    _, low, high = fatality_range(dated)
    at = run_page(folder, "dashboard.py", README_QUERY)
    assert not at.exception
    assert metric_value(at, "Incidents") == f"{len(dated):,}"
    assert metric_value(at, "Fatalities") == (f"{low:,}–{high:,}" if low != high else f"{low:,}")
    assert metric_value(at, "Undated, not placed in time") == f"+{len(undated):,}"
    assert "Undated" not in [m.label for m in at.metric]
    assert any(f"+{len(undated):,} undated incident(s) match the other filters" in c.value for c in at.caption)
    # the latest list holds dated incidents only: as many lines as dated incidents (fewer than 10)
    assert sum('class="iim-latest"' in h.value for h in at.html) == min(len(dated), 10)


@pytest.mark.parametrize("where", ["shipped", "acled"])
def test_without_a_date_range_the_view_counts_undated_incidents_as_before(run_page, acled_dir, where):
    folder = SHIPPED if where == "shipped" else acled_dir
    t = table(folder)
    rows = t[(t.admin1 == "Kirkuk") & (t.country == "Iraq")]
    at = run_page(folder, "dashboard.py", {"governorates": "Kirkuk"})
    assert metric_value(at, "Incidents") == f"{len(rows):,}"
    assert metric_value(at, "Undated") == f"{int((rows.event_date == '').sum()):,}"
    at = run_page(folder, "dashboard.py", {"governorates": "Kirkuk", "undated": "0"})
    assert metric_value(at, "Incidents") == f"{int((rows.event_date != '').sum()):,}"


@pytest.mark.parametrize("where", ["shipped", "acled"])
def test_briefing_under_a_date_range_counts_and_ranks_dated_incidents_only(run_page, acled_dir, where):
    folder = SHIPPED if where == "shipped" else acled_dir
    dated, undated = kirkuk_since(table(folder))
    best, low, high = fatality_range(dated)
    at = run_page(folder, "pages/5_Briefing.py", README_QUERY)
    assert not at.exception
    text = markdown(at)
    counts = briefing_counts(text)
    assert counts["incidents"] == f"{len(dated):,}"
    assert counts["fatalities"] == f"{best:,}"
    assert f"range {low:,}–{high:,}" in text
    assert counts["undated, not placed in time"] == f"+{len(undated):,}"
    top = re.findall(r'<tr data-event-id="([^"]+)"', text)
    assert top and set(top) <= set(dated.event_id), "the deadliest list holds only incidents dated in the range"
    assert len(top) == min(len(dated), 8)
    deadliest = dated.assign(best=number(dated.fatalities).fillna(-1)).sort_values("best", ascending=False)
    assert top[0] in set(deadliest[deadliest.best == deadliest.best.max()].event_id)
    assert "from 2024-01-01 (undated shown apart)" in text


@pytest.mark.parametrize("where", ["shipped", "acled"])
def test_timeline_lists_the_undated_incidents_of_a_date_range(run_page, acled_dir, where):
    folder = SHIPPED if where == "shipped" else acled_dir
    dated, undated = kirkuk_since(table(folder))
    at = run_page(folder, "pages/2_Timeline.py", README_QUERY)
    assert not at.exception
    assert f"Undated incidents ({len(undated):,})" in [h.value for h in at.subheader]
    lists = [d.value for d in at.dataframe if set(d.value["event_id"]) & set(undated.event_id)]
    assert len(lists) == 1 and sorted(lists[0]["event_id"]) == sorted(undated.event_id)
    assert any("Not placed in time" in c.value for c in at.caption)


@pytest.mark.parametrize("where", ["shipped", "acled"])
@pytest.mark.parametrize("page, where_not", [("pages/1_Map.py", "on this map"),
                                             ("pages/4_Incidents.py", "in this table or its downloads")])
def test_map_and_table_under_a_date_range_hold_dated_incidents_and_say_where_the_undated_are(
        run_page, acled_dir, where, page, where_not):
    folder = SHIPPED if where == "shipped" else acled_dir
    dated, undated = kirkuk_since(table(folder))
    at = run_page(folder, page, README_QUERY)
    assert not at.exception
    assert any(c.value.startswith(f"{len(dated):,} incident(s) under the filters") for c in at.caption)
    assert f"+{len(undated):,} undated incident(s) match the other filters but cannot be placed in the date range, " \
           f"so they are not {where_not}: the Timeline page lists them." in [c.value for c in at.caption]
    if page == "pages/4_Incidents.py":
        assert {e for d in at.dataframe for e in d.value["event_id"]} == set(dated.event_id)


@pytest.mark.parametrize("where", ["shipped", "acled"])
def test_a_date_range_without_dated_incidents_points_to_the_undated_ones(run_page, acled_dir, where):
    folder = SHIPPED if where == "shipped" else acled_dir
    _, undated = kirkuk_since(table(folder))
    at = run_page(folder, "dashboard.py", {"governorates": "Kirkuk", "from": "2030-01-01"})
    assert not at.exception
    assert metric_value(at, "Incidents") == "0"
    assert metric_value(at, "Undated, not placed in time") == f"+{len(undated):,}"
    info = " ".join(i.value for i in at.info)
    assert "No incidents match these filters" in info and f"+{len(undated):,} undated incident(s)" in info
    at = run_page(folder, "dashboard.py", {"governorates": "Kirkuk", "from": "2030-01-01", "undated": "0"})
    assert "undated incident(s)" not in " ".join(i.value for i in at.info)


# -- 2. an ACLED row in the latest list says what happened: its notes -----------------------------

def test_latest_list_falls_back_to_acled_notes(run_page, acled_dir):
    import html

    from incidents.cells import short_text

    t = table(acled_dir)
    acled = t[(t.dataset == "acled") & (t.country == "Iraq")].sort_values(["event_date", "event_id"],
                                                                           ascending=[False, True])
    assert (acled.quote == "").all() and (acled.notes != "").all()
    at = run_page(acled_dir, "dashboard.py", {"governorates": "all", "datasets": "acled"})
    assert not at.exception
    lines = [h.value for h in at.html if 'class="iim-latest"' in h.value]
    assert len(lines) == min(len(acled), 10)
    for line, notes in zip(lines, acled.notes.head(10), strict=True):
        body = line.split("<br>", 1)[1]
        assert f'<span style="color:#555">{html.escape(short_text(notes, 220))}</span>' in body


def test_latest_list_escapes_the_notes_it_shows(run_page, hostile_dir):
    at = run_page(hostile_dir, "dashboard.py", {"governorates": "all", "datasets": "acled"})
    line = next(h.value for h in at.html if 'class="iim-latest"' in h.value)
    assert "An IED &lt;b&gt;exploded&lt;/b&gt; near Daquq, killing one civilian." in line
    assert "<b>" not in line


# -- 3. one name per actor across datasets; old-schema ACLED rows get a disorder type -----------

ARMY = "Military Forces of Iraq"
ARMY_NAMES = {ARMY, "Military Forces of Iraq (2022-)", "Military Forces of Iraq (2018-)"}  # ACLED's periods


def _listed(col: pd.Series, names: set[str]) -> pd.Series:
    return col.str.split("; ").map(lambda parts: bool(names & set(parts)))


def shown_ids(at) -> set[str]:
    """The event ids of every table the page shows."""
    return {e for d in at.dataframe if "event_id" in d.value for e in d.value["event_id"]}


@pytest.mark.parametrize("where", ["shipped", "acled"])
def test_the_actor_filter_lists_one_name_per_actor_and_finds_it_in_every_dataset(run_page, acled_dir, where):
    folder = SHIPPED if where == "shipped" else acled_dir
    t = table(folder)
    t = t[t.country == "Iraq"]
    army = t[t.actor1.isin(ARMY_NAMES) | t.actor2.isin(ARMY_NAMES) | _listed(t.assoc_actor_1, ARMY_NAMES)
             | _listed(t.assoc_actor_2, ARMY_NAMES)]
    if where == "acled":
        assert {"acled", "extracted"} <= set(army.dataset), "the army must be named in both datasets"
        assert ARMY_NAMES - {ARMY} <= set(t.actor1) | set(t.actor2)
    at = run_page(folder, "pages/4_Incidents.py", {"governorates": "all"})
    options = at.multiselect(key="_f_actors").options
    assert options.count(ARMY) == 1 and not [o for o in options if re.search(r"\((19|20)\d\d-", o)]
    at.multiselect(key="_f_actors").select(ARMY).run()
    assert not at.exception
    assert any(c.value.startswith(f"{len(army):,} incident(s) under the filters") for c in at.caption)
    assert shown_ids(at) == set(army.event_id)
    # a link naming ACLED's period of the name finds the same incidents
    at = run_page(folder, "pages/4_Incidents.py", {"governorates": "all", "actors": "Military Forces of Iraq (2022-)"})
    assert shown_ids(at) == set(army.event_id)


def test_old_schema_acled_rows_show_the_disorder_type_of_their_event_type(run_page, acled_dir):
    old = pd.read_csv(ROOT / "tests" / "fixtures" / "acled" / "old_schema.csv", dtype=str)
    assert "disorder_type" not in old.columns
    expected = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
                "Violence against civilians": "Political violence", "Strategic developments": "Strategic developments"}
    for event_id, event_type in zip(old.event_id_cnty, old.event_type, strict=True):
        at = run_page(acled_dir, "pages/3_Sources.py", {"event": event_id})
        card = "\n".join(h.value for h in at.html)
        assert re.search(rf">Disorder type</th><td[^>]*>{re.escape(expected[event_type])}</td>", card), event_id


@pytest.mark.parametrize("where", ["shipped", "acled"])
def test_every_latest_line_says_what_happened_quote_or_notes(run_page, acled_dir, where):
    import html

    from incidents.cells import short_text
    from incidents.words import display_text

    folder = SHIPPED if where == "shipped" else acled_dir
    t = table(folder)
    t = t[t.country == "Iraq"]
    dated = t[t.event_date != ""].sort_values(["event_date", "event_id"], ascending=[False, True])
    latest = pd.concat([dated, t[t.event_date == ""].sort_values("event_id")]).head(10)
    if where == "acled":
        assert {"acled", "extracted"} <= set(latest.dataset), "the latest ten must mix both datasets here"
    at = run_page(folder, "dashboard.py", {"governorates": "all"})
    lines = [h.value for h in at.html if 'class="iim-latest"' in h.value]
    assert len(lines) == len(latest)
    for line, (quote, notes) in zip(lines, zip(latest.quote, latest.notes, strict=True), strict=True):
        said = short_text(display_text(quote or notes), 220)  # glued words split to read, as the page shows it
        assert said and line.endswith(f'<span style="color:#555">{html.escape(said)}</span></div>')


# -- 4. the briefing credits every dataset it shows, ACLED with its attribution ------------------

def briefing_footer(at) -> str:
    return next(m.value for m in at.markdown if 'data-testid="iim-footer"' in m.value)


@pytest.mark.parametrize("where, params", [
    ("shipped", README_QUERY), ("acled", README_QUERY), ("acled", {"governorates": "all", "datasets": "acled"}),
    ("acled", {**README_QUERY, "datasets": "extracted"}),
])
def test_briefing_credits_every_dataset_of_its_rows(run_page, acled_dir, where, params):
    from datetime import UTC, datetime

    folder = SHIPPED if where == "shipped" else acled_dir
    t = table(folder)
    rows = t[t.country == "Iraq"]
    if params.get("governorates") != "all":
        rows = rows[rows.admin1 == "Kirkuk"]
    if "from" in params:
        rows = rows[(rows.event_date != "") & (rows.event_date >= params["from"])]
    if "datasets" in params:
        rows = rows[rows.dataset == params["datasets"]]
    counts = rows.dataset.value_counts().to_dict()
    at = run_page(folder, "pages/5_Briefing.py", params)
    assert not at.exception
    foot = briefing_footer(at)
    lines = re.findall(r'<span class="iim-brief-data">(.*?)</span>', foot)
    assert len(lines) == len(counts) >= 1
    extracted = [line for line in lines if "extracted by this tool" in line]
    acled = [line for line in lines if "ACLED" in line]
    assert len(extracted) == (1 if "extracted" in counts else 0) and len(acled) == (1 if "acled" in counts else 0)
    if "extracted" in counts:
        assert extracted[0].startswith(f"Data: {counts['extracted']:,} incident")
    if "acled" in counts:
        newest = int(pd.to_numeric(rows.timestamp[rows.dataset == "acled"]).max())
        as_of = datetime.fromtimestamp(newest, UTC).date().isoformat()
        assert acled[0].startswith(f"Data: {counts['acled']:,} incident")
        for words in ("Armed Conflict Location &amp; Event Data (ACLED), https://acleddata.com",
                      "ACLED is the source of these data, which are publicly available", f"ACLED data as of {as_of}"):
            assert words in acled[0], words
    else:
        assert "acleddata.com" not in foot
    outlets = sorted({o.strip() for v in rows.source for o in v.split(";") if o.strip()}, key=str.casefold)
    assert f"Sources: news reports ({', '.join(outlets[:12])}" in foot.replace("&amp;", "&")


@pytest.mark.parametrize("where", ["shipped", "acled"])
def test_page_footers_carry_acleds_attribution_when_the_tables_hold_acled_rows(run_page, acled_dir, where):
    folder = SHIPPED if where == "shipped" else acled_dir
    at = run_page(folder, "pages/4_Incidents.py", {"governorates": "all"})
    foot = next(h.value for h in at.html if 'class="iim-footer"' in h.value)
    said = "<b>ACLED data:</b> Armed Conflict Location &amp; Event Data (ACLED), https://acleddata.com" in foot
    assert said == (where == "acled")


# -- 5. the Sources list counts the incidents under the filters -----------------------------------

def cited_under(rows: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """The rows that cite ``article_id``: as their article or among their source_articles."""
    listed = rows.source_articles.str.split("; ").map(lambda ids: article_id in ids)
    return rows[(rows.article_id == article_id) | listed]


@pytest.mark.parametrize("where", ["shipped", "acled"])
@pytest.mark.parametrize("params", [README_QUERY, {"governorates": "Kirkuk"}, {"governorates": "all"}])
def test_sources_list_counts_the_incidents_under_the_filters(run_page, acled_dir, where, params):
    folder = SHIPPED if where == "shipped" else acled_dir
    t = table(folder)
    rows = t[t.country == "Iraq"]
    if params["governorates"] != "all":
        rows = rows[rows.admin1 == "Kirkuk"]
    if "from" in params:
        rows = rows[(rows.event_date != "") & (rows.event_date >= params["from"])]
    arts = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    expected = {a: len(cited_under(rows, a)) for a in arts.article_id}
    at = run_page(folder, "pages/3_Sources.py", params)
    assert not at.exception
    listed = next(d.value for d in at.dataframe if "article_id" in d.value)
    assert dict(zip(listed.article_id, listed.incidents.astype(int), strict=True)) == expected
    if params == {"governorates": "Kirkuk"} and where == "shipped":
        # the issue's own case: an article with 5 incidents, 3 of them in Kirkuk
        everything = {a: len(cited_under(t, a)) for a in arts.article_id}
        assert any(everything[a] > expected[a] > 0 for a in expected)


@pytest.mark.parametrize("where", ["shipped", "acled"])
def test_an_article_says_how_many_of_its_incidents_are_under_the_filters(run_page, acled_dir, where):
    folder = SHIPPED if where == "shipped" else acled_dir
    t = table(folder)
    kirkuk = t[(t.country == "Iraq") & (t.admin1 == "Kirkuk")]
    arts = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    aid = max(arts.article_id, key=lambda a: (len(cited_under(t, a)) - len(cited_under(kirkuk, a)) > 0,
                                             len(cited_under(kirkuk, a)), a))
    total, under = len(cited_under(t, aid)), len(cited_under(kirkuk, aid))
    assert total > under > 0
    at = run_page(folder, "pages/3_Sources.py", {"governorates": "Kirkuk", "article": aid})
    assert not at.exception
    assert f"**{total} incidents from this article** ({under:,} under the filters)" in [m.value for m in at.markdown]
    outside = [c.value for c in at.caption if "is outside the filters" in c.value]
    assert len(outside) == total - under


# -- downloads are named after the view ----------------------------------------------------------

@pytest.mark.parametrize("where", ["shipped", "acled"])
def test_the_three_downloads_are_named_after_the_view_and_hold_it(run_page, acled_dir, where, monkeypatch):
    """The names the page gives Streamlit's download buttons, and what each one then sends: the
    incidents of the view (recorded by a spy on Streamlit's media file manager, which calls through)."""
    import io
    import json
    from datetime import UTC, datetime

    from streamlit.runtime.media_file_manager import MediaFileManager

    given: dict[str, object] = {}
    add_deferred = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        given[file_name] = data_callable
        return add_deferred(self, data_callable, mimetype, coordinates, file_name=file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    folder = SHIPPED if where == "shipped" else acled_dir
    dated, _ = kirkuk_since(table(folder))
    at = run_page(folder, "pages/4_Incidents.py", README_QUERY)
    assert not at.exception
    day = datetime.now(UTC).date().isoformat()
    stem = f"incidents_kirkuk_2024-01-01_{day}"
    assert set(given) == {f"{stem}.csv", f"{stem}_data.csv", f"{stem}.geojson"}
    for name in (f"{stem}.csv", f"{stem}_data.csv"):
        sent = pd.read_csv(io.BytesIO(given[name]()), dtype=str, keep_default_na=False, encoding="utf-8-sig")
        assert sorted(sent.event_id.str.lstrip("'")) == sorted(dated.event_id), name
    features = json.loads(given[f"{stem}.geojson"]())["features"]
    assert sorted(f["properties"]["event_id"] for f in features if f["geometry"]) == \
        sorted(dated[dated.latitude != ""].event_id)
