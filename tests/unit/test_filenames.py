"""Download names: named after the view, safe on every system, one name per kind of file."""

from __future__ import annotations

import doctest
import re
from datetime import date

import pytest

from incidents import filenames
from incidents.filenames import MAX_STEM, download_name
from incidents.filters import Filters, from_query_params

TODAY = date(2026, 12, 2)
SAFE = re.compile(r"^incidents_[a-z0-9_-]+\.[a-z0-9]+$")


def test_docstring_examples_hold():
    result = doctest.testmod(filenames)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("query, name", [
    ("governorates=Kirkuk&from=2024-01-01", "incidents_kirkuk_2024-01-01_2026-12-02.csv"),  # the example
    ("", "incidents_focus_as-of_2026-12-02.csv"),
    ("undated=0", "incidents_focus_as-of_2026-12-02_dated-only.csv"),
    ("governorates=all", "incidents_iraq_as-of_2026-12-02.csv"),
    ("governorates=all&countries=all", "incidents_all-countries_as-of_2026-12-02.csv"),
    ("governorates=Kirkuk,Salah al-Din&from=2024-01-01&to=2024-06-30",
     "incidents_kirkuk-salah-ad-din_2024-01-01_2024-06-30.csv"),
    ("governorates=Kirkuk,Diyala,Nineveh,Anbar,Baghdad", "incidents_5-governorates_as-of_2026-12-02.csv"),
    ("to=2023-12-31", "incidents_focus_until_2023-12-31.csv"),
    ("event_types=Battles,Explosions/Remote violence&datasets=acled",
     "incidents_focus_battles-explosions-remote-violence_acled_as-of_2026-12-02.csv"),
    ("actors=Military Forces of Iraq&min_fatalities=3&q=checkpoint",
     "incidents_focus_military-forces-of-iraq_min-3-killed_q-checkpoint_as-of_2026-12-02.csv"),
    ("geo_precision=1,2&added=2026-11-01", "incidents_focus_precision-1-2_added-2026-11-01_as-of_2026-12-02.csv"),
])
def test_a_download_is_named_after_its_view(query, name):
    f, notes = from_query_params(dict(p.split("=", 1) for p in query.split("&") if p))
    assert notes == []
    assert download_name(f, "csv", TODAY) == name


@pytest.mark.parametrize("f", [
    Filters(text="../../etc/passwd\x00 <script>\"'|:*?\\"),
    Filters(text="كركوك"),  # nothing ASCII left: the part is dropped, not left as garbage
    Filters(actors=("..",), outlets=("CON", "a/b\\c"), article_id="../x"),
    Filters(text="x" * 200, actors=("y" * 200,), outlets=("z" * 200,), date_from=date(2024, 1, 1)),
    Filters(governorates=()),
])
def test_every_name_is_safe_short_and_keeps_its_dates(f):
    for ext, kind in (("csv", ""), ("csv", "data"), ("geojson", "")):
        name = download_name(f, ext, TODAY, kind)
        assert SAFE.match(name), name
        assert name.count(".") == 1 and "/" not in name and "\\" not in name
        stem = name.rsplit(".", 1)[0]
        assert len(stem) <= MAX_STEM
        assert TODAY.isoformat() in stem and stem.endswith("_data") == (kind == "data")


def test_the_three_downloads_of_one_view_have_three_names():
    f = Filters(governorates=("Kirkuk",), date_from=date(2024, 1, 1))
    names = {download_name(f, "csv", TODAY), download_name(f, "csv", TODAY, "data"), download_name(f, "geojson", TODAY)}
    assert names == {"incidents_kirkuk_2024-01-01_2026-12-02.csv", "incidents_kirkuk_2024-01-01_2026-12-02_data.csv",
                     "incidents_kirkuk_2024-01-01_2026-12-02.geojson"}
