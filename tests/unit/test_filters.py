"""Filters: URL parameters in and out, notes for bad parameters, filters in words."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs, urlencode

import ibis
import pytest

from incidents import ROOT
from incidents.filters import (
    DEFAULT,
    FILTER_FIELDS,
    FILTERS,
    KEEP,
    KEYS,
    URL_ORDER,
    Filters,
    describe,
    from_query_params,
    to_query_params,
)
from incidents.schema import FOCUS_GOVERNORATES

ROUND_TRIP = [
    Filters(),
    Filters(date_from=date(2024, 1, 1), date_to=date(2024, 6, 30)),
    Filters(date_from=date(2019, 11, 9), include_undated=False),
    Filters(governorates=None),
    Filters(governorates=()),
    Filters(governorates=("Anbar", "Baghdad")),
    Filters(governorates=("Diyala", "Kirkuk", "Nineveh", "Salah ad-Din")),  # same set, other order
    Filters(countries=()),
    Filters(countries=("Iraq", "Syria")),
    Filters(event_types=("Battles", "Explosions/Remote violence")),
    Filters(sub_event_types=("Remote explosive/landmine/IED", "Air/drone strike")),
    Filters(actors=("Islamic State (Iraq)", "Military Forces of Iraq: Counter-Terrorism Service")),
    Filters(actors=("Police Forces of Iraq, Kirkuk branch",)),  # comma inside a value
    Filters(min_fatalities=5),
    Filters(outlets=("Rudaw", "Shafaq News")),
    Filters(article_id="a60904ff0cbe96881"),
    Filters(text="checkpoint & Hawija"),
    Filters(geo_precision=(1, 2)),
    Filters(datasets=("acled",)),
    Filters(added_since=date(2026, 12, 1)),
    Filters(date_to=date(2020, 12, 31), governorates=None, event_types=("Battles",), min_fatalities=1,
            text="ISIS", geo_precision=(3,), datasets=("extracted", "acled"), include_undated=False),
]


@pytest.mark.parametrize("f", ROUND_TRIP, ids=range(len(ROUND_TRIP)))
def test_round_trip_through_a_real_url(f):
    params = to_query_params(f)
    back = parse_qs(urlencode(params), keep_blank_values=True)  # what a browser sends back
    got, notes = from_query_params({k: v[-1] for k, v in back.items()})
    assert notes == []
    assert got == f


def test_defaults_give_an_empty_url():
    assert to_query_params(Filters()) == {}
    assert from_query_params({}) == (DEFAULT, [])


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"from": "2024-01-01"}, {"date_from": date(2024, 1, 1)}),
        ({"to": "2024-02-29"}, {"date_to": date(2024, 2, 29)}),
        ({"undated": "0"}, {"include_undated": False}),
        ({"undated": "true"}, {"include_undated": True}),
        ({"governorates": "all"}, {"governorates": None}),
        ({"governorates": "ALL"}, {"governorates": None}),
        ({"governorates": "none"}, {"governorates": ()}),
        ({"governorates": "kirkuk,Ninewa,Salahuddin"}, {"governorates": ("Kirkuk", "Nineveh", "Salah ad-Din")}),
        ({"governorates": "At-Ta'mim"}, {"governorates": ("Kirkuk",)}),
        ({"governorates": ["Anbar", "Baghdad"]}, {"governorates": ("Anbar", "Baghdad")}),  # repeated keys
        ({"governorates": "Anbar,Anbar"}, {"governorates": ("Anbar",)}),
        ({"countries": "all"}, {"countries": ()}),
        ({"event_types": "battles"}, {"event_types": ("Battles",)}),
        ({"sub_event_types": "suicide bomb"}, {"sub_event_types": ("Suicide bomb",)}),
        ({"min_fatalities": "12"}, {"min_fatalities": 12}),
        ({"q": "  two   words "}, {"text": "two words"}),
        ({"geo_precision": "3,1,1"}, {"geo_precision": (1, 3)}),
        ({"datasets": "ACLED"}, {"datasets": ("acled",)}),
        ({"article": "a0123456789abcdef"}, {"article_id": "a0123456789abcdef"}),
        ({"freq": "month", "stack": "admin1", "layers": "points"}, {}),  # page settings: no note
    ],
)
def test_reading_parameters(params, expected):
    got, notes = from_query_params(params)
    assert notes == []
    assert got == replace(DEFAULT, **expected)


@pytest.mark.parametrize(
    "params, expected, note_words",
    [
        ({"from": "yesterday"}, {}, ["from", "YYYY-MM-DD"]),
        ({"from": "2024-02-30"}, {}, ["from", "YYYY-MM-DD"]),
        ({"to": "31/12/2020"}, {}, ["to", "YYYY-MM-DD"]),
        ({"from": "2024-06-01", "to": "2024-01-01"},
         {"date_from": date(2024, 1, 1), "date_to": date(2024, 6, 1)}, ["after", "swapped"]),
        ({"undated": "maybe"}, {}, ["undated"]),
        ({"governorates": "Kirkuk,Atlantis"}, {"governorates": ("Kirkuk",)}, ["Atlantis", "governorates"]),
        ({"governorates": "Atlantis"}, {}, ["Atlantis", "default governorates"]),
        ({"event_types": "Battles,Picnic"}, {"event_types": ("Battles",)}, ["Picnic", "event type"]),
        ({"sub_event_types": "Tea party"}, {}, ["Tea party", "sub-event type"]),
        ({"min_fatalities": "-3"}, {}, ["min_fatalities", "negative"]),
        ({"min_fatalities": "many"}, {}, ["min_fatalities", "whole number"]),
        ({"min_fatalities": "2.5"}, {}, ["min_fatalities", "whole number"]),
        ({"geo_precision": "1,7,x"}, {"geo_precision": (1,)}, ["geo_precision", "7"]),
        ({"article": "<script>alert(1)</script>"}, {}, ["article", "not an article id"]),
        ({"datasets": "acled,<b>"}, {"datasets": ("acled",)}, ["datasets"]),
        ({"zoom": "5"}, {}, ["unknown parameter", "zoom"]),
        ({"q": "x" * 500}, {"text": "x" * 200}, ["Shortened", "q"]),
    ],
)
def test_bad_parameters_are_ignored_with_a_note(params, expected, note_words):
    got, notes = from_query_params(params)
    assert got == replace(DEFAULT, **expected)
    assert notes, "expected a note"
    joined = " ".join(notes)
    for word in note_words:
        assert word in joined


@pytest.mark.parametrize(
    "garbage",
    [{"from": ""}, {"governorates": ""}, {"governorates": ",,,"}, {"countries": ""}, {"q": ""},
     {"from": ["2020-01-01", "nonsense"]}, {"min_fatalities": ""}, {"actors": "\\"}, {"": "x"},
     {"event_types": ["", ""]}, {"undated": []}],
)
def test_garbage_never_raises(garbage):
    f, notes = from_query_params(garbage)
    assert isinstance(f, Filters)
    assert isinstance(notes, list)


def test_extra_page_parameters_can_be_declared():
    f, notes = from_query_params({"selected": "IIM1"}, extra=("selected",))
    assert (f, notes) == (DEFAULT, [])


@pytest.mark.parametrize(
    "f, text",
    [
        (Filters(), "Kirkuk, Salah ad-Din, Diyala, Nineveh · all dates incl. undated · all event types"),
        (Filters(governorates=None, include_undated=False), "all of Iraq · all dated incidents · all event types"),
        (Filters(governorates=(), countries=()), "no governorate · all countries · all dates incl. undated · all event types"),
        (Filters(date_from=date(2024, 1, 1), date_to=date(2024, 3, 31), governorates=("Kirkuk",),
                 event_types=("Battles",)), "Kirkuk · 2024-01-01 to 2024-03-31 (undated shown apart) · Battles"),
        (Filters(date_from=date(2024, 1, 1), include_undated=False, governorates=None),
         "all of Iraq · from 2024-01-01 · all event types"),
        (Filters(date_to=date(2017, 7, 10), governorates=("Nineveh",), min_fatalities=1, text="Mosul",
                 geo_precision=(1,), datasets=("acled",), outlets=("Rudaw",), actors=("Islamic State (Iraq)",)),
         "Nineveh · until 2017-07-10 (undated shown apart) · all event types · actors: Islamic State (Iraq) · "
         "at least 1 fatality · outlets: Rudaw · text \"Mosul\" · located to: town · datasets: acled"),
        (Filters(min_fatalities=5, article_id="a1"),
         "Kirkuk, Salah ad-Din, Diyala, Nineveh · all dates incl. undated · all event types · "
         "at least 5 fatalities · article a1"),
    ],
)
def test_describe(f, text):
    assert describe(f) == text


def test_filters_are_frozen_values():
    f = Filters()
    with pytest.raises(AttributeError):
        f.min_fatalities = 3  # type: ignore[misc]
    assert f.governorates == FOCUS_GOVERNORATES
    assert hash(f) == hash(Filters())


# Query strings as the dashboard writes them: each one parses without a note and is written back
# to exactly itself (same keys, same value syntax, same order), so a shared link keeps its view.
URLS = [
    "from=2024-01-01",
    "to=2020-12-31",
    "from=2024-01-01&to=2024-06-30",
    "undated=0",
    "from=2019-11-09&undated=0",
    "governorates=all",
    "governorates=none",
    "governorates=Anbar%2CBaghdad",
    "governorates=Diyala%2CKirkuk%2CNineveh%2CSalah+ad-Din",
    "countries=all",
    "countries=Iraq%2CSyria",
    "event_types=Battles%2CExplosions%2FRemote+violence",
    "sub_event_types=Remote+explosive%2Flandmine%2FIED%2CAir%2Fdrone+strike",
    "event_types=Battles&sub_event_types=Armed+clash",
    "actors=Islamic+State+%28Iraq%29",
    "actors=Police+Forces+of+Iraq%5C%2C+Kirkuk+branch",
    "outlets=Rudaw%2CShafaq+News",
    "datasets=acled",
    "min_fatalities=5",
    "article=a60904ff0cbe96881",
    "q=checkpoint+%26+Hawija",
    "geo_precision=1%2C2",
    "added=2026-12-01",
    "governorates=all&countries=all",
    "actors=Islamic+State+%28Iraq%29&outlets=Rudaw&datasets=extracted%2Cacled&min_fatalities=1",
    "from=2016-01-01&to=2016-12-31&undated=0&governorates=Kirkuk&countries=all&event_types=Battles"
    "&sub_event_types=Armed+clash&actors=Islamic+State+%28Iraq%29&outlets=Rudaw&datasets=acled"
    "&min_fatalities=2&article=a0123456789abcdef&q=Hamrin&geo_precision=1%2C3",
]


@pytest.mark.parametrize("url", URLS)
def test_each_url_is_written_back_to_itself(url):
    params = {k: v[-1] for k, v in parse_qs(url, keep_blank_values=True).items()}
    f, notes = from_query_params(params)
    assert notes == []
    assert f != DEFAULT
    assert urlencode(to_query_params(f)) == url


def test_the_url_table_uses_every_parameter():
    used = {k for url in URLS for k in parse_qs(url)}
    assert used == KEYS


def _incident_table():
    strings = ("admin1", "country", "event_type", "sub_event_type", "actor1", "actor2", "assoc_actor_1",
               "assoc_actor_2", "source", "article_id", "source_articles", "quote", "notes", "dataset")
    return ibis.table({"event_date": "date", "fatalities": "int64", "geo_precision": "int64", "timestamp": "int64",
                       **dict.fromkeys(strings, "string")}, name="incidents")


def test_every_filter_has_parse_write_words_and_predicate():
    t = _incident_table()
    for spec in FILTERS:
        assert spec.params, spec.name
        for param in spec.params:
            assert callable(param.parse) and callable(param.write), param.key
            assert param.field in FILTER_FIELDS, param.key
            assert param.write(getattr(DEFAULT, param.field)) is None, param.key  # defaults are not written
        assert callable(spec.words) and callable(spec.predicate), spec.name
        assert spec.words(DEFAULT) is None or isinstance(spec.words(DEFAULT), str), spec.name
        assert isinstance(spec.predicate(t, DEFAULT), list), spec.name
        assert spec.widget.kind, spec.name


def test_the_table_covers_every_field_and_key_once():
    params = [p for spec in FILTERS for p in spec.params]
    assert sorted(p.field for p in params) == sorted(FILTER_FIELDS)
    assert len({p.key for p in params}) == len(params)
    assert len({spec.name for spec in FILTERS}) == len(FILTERS)
    assert set(URL_ORDER) == KEYS


@pytest.mark.parametrize("url", [u for u in URLS if "&" not in u and not u.endswith("=all")])
def test_a_filter_that_restricts_says_so_and_puts_a_condition(url):
    """Each filter a URL narrows gives a condition for the engine, and its words are in describe()
    (``=all`` widens the view: no condition)."""
    f, _ = from_query_params({k: v[-1] for k, v in parse_qs(url).items()})
    key = next(iter(parse_qs(url)))
    spec = next(s for s in FILTERS if key in {p.key for p in s.params})
    t = _incident_table()
    conditions = spec.predicate(t, f)
    assert conditions and all(isinstance(c, ibis.expr.types.BooleanValue) for c in conditions)
    words = spec.words(f)
    assert words and words in describe(f)


def test_a_parser_keeps_the_default_for_a_value_it_ignores():
    notes: list[str] = []
    undated = next(p for s in FILTERS for p in s.params if p.key == "undated")
    assert undated.parse("maybe", notes) is KEEP
    assert len(notes) == 1


def test_parsing_a_governorate_filter_loads_no_gazetteer_and_no_polygons():
    """?governorates=Ninewa,Mosul resolves through places.governorates alone: in a fresh interpreter,
    neither the gazetteer (places.geo, data/places.csv), nor its build, nor the boundaries (shapely)
    are imported."""
    code = (
        "import sys\n"
        "from incidents.filters import from_query_params\n"
        "f, notes = from_query_params({'governorates': 'Ninewa,Mosul,Sala al-Din'})\n"
        "assert f.governorates == ('Nineveh', 'Salah ad-Din'), f.governorates\n"
        "print(sorted(m for m in sys.modules if m.startswith('incidents.places') or m.split('.')[0] == 'shapely'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == str(["incidents.places", "incidents.places.governorates",
                                                 "incidents.places.names"])


def test_all_among_governorate_names_means_every_governorate_and_names_what_is_not_one():
    f, notes = from_query_params({"governorates": "all,Kirkuk,foo"})
    assert f.governorates is None
    assert notes == ["Ignored governorate 'foo' in 'governorates': not a governorate of Iraq."]


@pytest.mark.parametrize("name, expected", [
    ("Military Forces of Iraq (2022-)", "Military Forces of Iraq"),
    ("Police Forces of Iraq (2014-2018)", "Police Forces of Iraq"),
    ("Military Forces of Iraq (2022-): Counter-Terrorism Service", "Military Forces of Iraq: Counter-Terrorism Service"),
    ("Military Forces of Iraq (2022-); Police Forces of Iraq (1997-2003)", "Military Forces of Iraq; Police Forces of Iraq"),
    ("Military Forces of Iraq", "Military Forces of Iraq"),
    # not a period: kept
    ("Islamic State (Iraq)", "Islamic State (Iraq)"),
    ("Civilians (Iraq)", "Civilians (Iraq)"),
    ("Unit (1234-)", "Unit (1234-)"),
    ("Brigade 2022-", "Brigade 2022-"),
])
def test_actor_names_drop_acleds_period_suffixes_only(name, expected):
    from incidents.filters import _actor_names, actor_name

    assert actor_name(name) == expected
    t = ibis.memtable({"a": [name]})
    assert ibis.duckdb.connect().execute(t.select(v=_actor_names(t.a)))["v"].tolist() == [expected]
