"""incidents/figures/briefing.py: argument checks, values in words, the top list, escaping of the HTML pieces."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from incidents.figures.briefing import (
    ArgumentError,
    briefing_path,
    build_briefing,
    counts_html,
    empty_html,
    filter_params,
    footer_html,
    generated_text,
    header_html,
    key_counts,
    outlet_names,
    output_format,
    parse_query,
    parse_size,
    top_html,
    top_incidents,
)
from incidents.filters import Filters

NOW = datetime(2026, 11, 22, 1, 40, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1920x1080", (1920, 1080)), ("1280X720", (1280, 720)), (" 800 x 600 ", (800, 600)), ("320x240", (320, 240))],
)
def test_parse_size(text: str, expected: tuple[int, int]) -> None:
    assert parse_size(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [("1920", "WIDTHxHEIGHT"), ("1920x", "WIDTHxHEIGHT"), ("wide", "WIDTHxHEIGHT"), ("-5x10", "WIDTHxHEIGHT"),
     ("100x100", "width must be"), ("99999x1080", "width must be"), ("1920x5000", "height")],
)
def test_parse_size_rejects(text: str, says: str) -> None:
    with pytest.raises(ArgumentError, match=says):
        parse_size(text)


@pytest.mark.parametrize(
    ("text", "params", "filters"),
    [
        ("", {}, Filters()),
        ("governorates=Kirkuk&from=2024-01-01",
         {"governorates": "Kirkuk", "from": "2024-01-01"},
         Filters(governorates=("Kirkuk",), date_from=date(2024, 1, 1))),
        ("?governorates=all&undated=0", {"governorates": "all", "undated": "0"},
         Filters(governorates=None, include_undated=False)),
        ("event_types=Battles&freq=month", {"event_types": "Battles", "freq": "month"}, Filters(event_types=("Battles",))),
        ("governorates=Ninewa", {"governorates": "Ninewa"}, Filters(governorates=("Nineveh",))),
    ],
)
def test_parse_query(text: str, params: dict, filters: Filters) -> None:
    assert parse_query(text) == (params, filters)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("governorates=Atlantis", "Atlantis"),
        ("from=yesterday", "from=yesterday"),
        ("colour=red", "colour"),
        ("min_fatalities=-3", "negative"),
        ("embed=true", "embed"),
        ("governorates", "NAME=VALUE"),
        ("top=3", "top"),
    ],
)
def test_parse_query_rejects_what_pages_would_ignore(text: str, says: str) -> None:
    with pytest.raises(ArgumentError, match=says):
        parse_query(text)


@pytest.mark.parametrize(("path", "kind"), [("a.png", "png"), ("out/B.PDF", "pdf"), ("x.pdf", "pdf")])
def test_output_format(path: str, kind: str) -> None:
    assert output_format(Path(path)) == kind


@pytest.mark.parametrize("path", ["a.jpg", "briefing", "a.png.txt"])
def test_output_format_rejects(path: str) -> None:
    with pytest.raises(ArgumentError, match=r"\.png or \.pdf"):
        output_format(Path(path))


def test_briefing_path_embeds_and_encodes() -> None:
    assert briefing_path({}) == "/Briefing?embed=true"
    assert briefing_path({"governorates": "Kirkuk,Salah ad-Din", "q": "a&b"}) == (
        "/Briefing?governorates=Kirkuk%2CSalah+ad-Din&q=a%26b&embed=true"
    )


def test_filter_params_drops_page_and_briefing_params() -> None:
    assert filter_params({"governorates": "Kirkuk", "embed": "true", "embed_options": "x", "freq": "month"}) == {
        "governorates": "Kirkuk"
    }
    assert filter_params({"embed": "true"}) == {}


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def test_top_incidents_deadliest_then_latest_undated_last() -> None:
    frame = _frame([
        {"event_id": "A", "event_date": "2024-01-01", "fatalities": 2, "location": "Tikrit", "admin1": "Salah ad-Din",
         "geo_precision": 1, "source": "Shafaq News", "event_type": "Battles", "sub_event_type": "Armed clash"},
        {"event_id": "B", "event_date": "2024-06-01", "fatalities": 2, "location": "Hawija", "admin1": "Kirkuk",
         "geo_precision": 1, "source": "Kurdistan24", "event_type": "Battles", "sub_event_type": "Armed clash"},
        {"event_id": "C", "event_date": None, "fatalities": 2, "location": "Kirkuk", "admin1": "Kirkuk",
         "geo_precision": 3, "source": None, "event_type": "Battles", "sub_event_type": ""},
        {"event_id": "D", "event_date": "2023-01-01", "fatalities": None, "fatalities_low": 5, "fatalities_high": 9,
         "location": "Jalawla", "admin1": "Diyala", "geo_precision": 2, "source": "Rudaw",
         "event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb"},
        {"event_id": "E", "event_date": "2025-01-01", "fatalities": 0, "location": "Mosul", "admin1": "Nineveh",
         "geo_precision": 1, "source": "INA", "event_type": "Strategic developments", "sub_event_type": "Arrests"},
    ])
    top = top_incidents(frame, 4)
    assert [t.event_id for t in top] == ["D", "B", "A", "C"]
    # the words of every other page (incidents.words)
    assert top[0].casualties == "5–9 killed"
    assert (top[1].date, top[1].place, top[1].casualties) == ("1 Jun 2024", "Hawija, Kirkuk", "2 killed")
    assert top[3].date == "undated"
    assert top[3].place == "Kirkuk (governorate only)"
    assert top[3].outlet == "unknown outlet"
    assert top_incidents(frame, 0) == ()
    assert top_incidents(frame.iloc[0:0], 5) == ()


@pytest.mark.parametrize(
    ("values", "names"),
    [
        (["Rudaw", "Shafaq News; Rudaw", None, "", "kurdistan24"], ("kurdistan24", "Rudaw", "Shafaq News")),
        ([], ()),
        ([f"Outlet {i:02d}" for i in range(15)], tuple(f"Outlet {i:02d}" for i in range(12)) + ("3 more",)),
    ],
)
def test_outlet_names(values: list, names: tuple) -> None:
    assert outlet_names(values) == names


@pytest.mark.parametrize(
    ("now", "text"),
    [
        (NOW, "Generated on 2026-11-22 01:40 UTC"),
        (datetime(2026, 11, 22, 4, 40, tzinfo=timezone(timedelta(hours=3))), "Generated on 2026-11-22 01:40 UTC"),
        (datetime(2026, 1, 2, 3, 4), "Generated on 2026-01-02 03:04 UTC"),
    ],
)
def test_generated_text_is_utc(now: datetime, text: str) -> None:
    assert generated_text(now) == text


SUMMARY = {"incidents": 1234, "fatalities": 57, "fatalities_low": 50, "fatalities_high": 71, "governorates": 4,
           "articles": 12, "undated": 3, "governorate_only": 2}


def test_key_counts() -> None:
    counts = {c.label: c for c in key_counts(SUMMARY)}
    assert counts["incidents"].value == "1,234"
    assert counts["fatalities"].value == "57"
    assert counts["fatalities"].detail == "range 50–71"
    assert counts["undated"].value == "3"
    assert counts["governorate only"].value == "2"
    assert {c.value for c in key_counts({})} == {"0", "–"}


HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="alert(1)"> **bold** [link](http://evil)'


def test_build_briefing_and_html_escape_every_value() -> None:
    frame = _frame([{"event_id": "X1", "event_date": "2024-12-17", "time_precision": 1, "fatalities": 3,
                     "location": HOSTILE, "admin1": "Kirkuk", "geo_precision": 1, "source": HOSTILE,
                     "event_type": "Battles", "sub_event_type": "Armed clash", "notes": HOSTILE}])
    b = build_briefing(Filters(governorates=("Kirkuk",), text="<b>x</b>"), SUMMARY, frame, NOW,
                       notes=["Ignored 'colour=<i>red</i>'"])
    assert not b.empty
    assert b.filters_text.startswith("Kirkuk")
    assert b.outlets == (HOSTILE,)
    assert b.generated == "Generated on 2026-11-22 01:40 UTC"
    assert any("Natural Earth" in c for c in b.credits) and any("GeoNames" in c for c in b.credits)
    page = header_html(b) + counts_html(b) + top_html(b, {"Battles": "#d62728"}) + footer_html(b)
    assert "<script" not in page and "<img" not in page and "<b>x" not in page and "<i>red" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "Kirkuk" in page and "1,234" in page and "17 Dec 2024" in page and "3 killed" in page
    assert 'style="background:#d62728"' in page


@pytest.mark.parametrize(
    ("query", "href"),
    [({}, 'href="./"'), ({"governorates": "Kirkuk", "q": "<x>&y"}, 'href="./?governorates=Kirkuk&amp;q=%3Cx%3E%26y"')],
)
def test_back_link_keeps_the_filters(query: dict, href: str) -> None:
    from incidents.figures.briefing import back_link_html

    assert href in back_link_html(query)


def test_build_briefing_empty_state() -> None:
    b = build_briefing(Filters(governorates=("Basra",)), {"incidents": 0}, _frame([]), NOW)
    assert b.empty and b.top == () and b.outlets == ()
    assert "No incident matches" in empty_html(b) and "Basra" in empty_html(b)
    assert top_html(b) == ""
    assert "none under these filters" in footer_html(b)
    assert build_briefing(Filters(), {"incidents": 0}, None, NOW).top == ()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--out", "x.jpg"], ".png or .pdf"),
        (["--out", "x.png", "--size", "big"], "WIDTHxHEIGHT"),
        (["--out", "x.png", "--size", "10x10"], "width must be"),
        (["--out", "x.png", "--query", "governorates=Atlantis"], "Atlantis"),
        (["--out", "x.pdf", "--query", "from=2024-13-45"], "from=2024-13-45"),
        (["--out", "x.png", "--data", "/nonexistent/folder"], "no such folder"),
    ],
)
def test_command_rejects_bad_arguments_with_exit_2(args: list[str], says: str, tmp_path, capsys) -> None:
    from incidents.__main__ import main

    args = [a if a not in ("x.jpg", "x.png", "x.pdf") else str(tmp_path / a) for a in args]
    assert main(["briefing", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefing: ") and says in err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_command_rejects_a_data_folder_without_incidents(tmp_path, capsys) -> None:
    from incidents.__main__ import main

    assert main(["briefing", "--out", str(tmp_path / "b.png"), "--data", str(tmp_path)]) == 2
    assert "no incidents.csv" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# the page under Streamlit's AppTest (in-process; the browser tier renders it for real)


@pytest.fixture
def run_briefing(monkeypatch, tmp_path_factory):
    """run_briefing(data_dir, **params) -> (AppTest after one run, all markdown as one string)."""
    import sys

    from streamlit.testing.v1 import AppTest

    from incidents import ROOT

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "store-cache"))

    def run(data_dir, **params):
        monkeypatch.setenv("INCIDENTS_DATA_DIR", str(data_dir))
        at = AppTest.from_file(str(ROOT / "pages" / "5_Briefing.py"), default_timeout=120)
        for k, v in params.items():
            at.query_params[k] = v
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at, "\n".join(m.value for m in at.markdown)

    return run


def test_page_on_shipped_data_says_filters_time_and_sources(run_briefing) -> None:
    from incidents import DEFAULT_DATA_DIR
    from incidents.store.store import Store

    at, text = run_briefing(DEFAULT_DATA_DIR, governorates="Kirkuk")
    assert "Kirkuk · all dates incl. undated · all event types" in text
    assert "Generated on " in text and " UTC" in text
    assert "Natural Earth" in text and "GeoNames" in text
    count = Store.open(DEFAULT_DATA_DIR).run("count", Filters(governorates=("Kirkuk",)))
    assert f'<div class="v">{count:,}</div><div class="l">incidents</div>' in text
    assert len(at.get("deck_gl_json_chart")) == 1 and len(at.get("plotly_chart")) == 1


def test_page_with_a_filter_matching_nothing_shows_the_empty_state(run_briefing) -> None:
    from incidents import DEFAULT_DATA_DIR

    at, text = run_briefing(DEFAULT_DATA_DIR, q="zzqx-nothing")
    assert "No incident matches these filters" in text
    assert 'data-testid="iim-top"' not in text
    assert len(at.get("deck_gl_json_chart")) == 1  # the map still shows the governorates


def test_page_notes_ignored_parameters(run_briefing) -> None:
    from incidents import DEFAULT_DATA_DIR

    _, text = run_briefing(DEFAULT_DATA_DIR, **{"from": "yesterday"})
    assert "iim-brief-notes" in text and "from=yesterday" in text


def test_page_draws_grid_cells_above_the_point_limit(run_briefing, tmp_path) -> None:
    import json

    from incidents.dataset import synth
    from incidents.figures.maps import POINT_LIMIT

    incidents, articles = synth.generate(POINT_LIMIT + 5_000, seed=3, n_articles=20)
    synth.write(tmp_path, incidents, articles)
    at, _ = run_briefing(tmp_path, governorates="all")
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    ids = [layer["id"] for layer in deck["layers"]]
    assert "bins" in ids and "points" not in ids
    assert len(at.get("deck_gl_json_chart")[0].proto.json) < 2_000_000
