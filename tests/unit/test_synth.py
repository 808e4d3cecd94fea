"""Synthetic tables: deterministic, shaped like real reporting, valid against the schema."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
import shapely
from builders import tiny  # tests/ is on sys.path (pyproject pythonpath)

from incidents.__main__ import main
from incidents.dataset import synth
from incidents.dataset.tables import read_articles, read_incidents
from incidents.schema import ARTICLE_COLUMNS, EVENT_TYPES, FOCUS_GOVERNORATES, INCIDENT_COLUMNS


@pytest.fixture(scope="module")
def tables():
    return synth.generate(20_000, seed=7)


def test_same_seed_same_tables_other_seed_other_tables(tables):
    inc, arts = tables
    again_inc, again_arts = synth.generate(20_000, seed=7)
    pd.testing.assert_frame_equal(inc, again_inc)
    pd.testing.assert_frame_equal(arts, again_arts)
    other, _ = synth.generate(20_000, seed=8)
    assert not other["latitude"].equals(inc["latitude"])


def test_columns_and_unique_ids(tables):
    inc, arts = tables
    assert list(inc.columns) == list(INCIDENT_COLUMNS)
    assert list(arts.columns) == list(ARTICLE_COLUMNS)
    assert inc["event_id"].is_unique and arts["article_id"].is_unique
    assert len(inc) == 20_000 and 100 <= len(arts) <= 300


def test_points_lie_inside_their_governorate(tables):
    inc, _ = tables
    shapes = synth.governorate_shapes()
    for gov, rows in inc.groupby("admin1"):
        geom = shapes[gov][0]
        inside = shapely.contains_xy(geom, rows["longitude"].to_numpy(float), rows["latitude"].to_numpy(float))
        assert inside.all(), f"{(~inside).sum()} points outside {gov}"


def test_geography_is_weighted_like_real_reporting(tables):
    inc, _ = tables
    share = inc["admin1"].value_counts(normalize=True)
    heavy = {"Kirkuk", "Salah ad-Din", "Diyala", "Nineveh", "Anbar", "Baghdad"}
    assert set(share.index[:6]) == heavy
    assert share[list(FOCUS_GOVERNORATES)].sum() > 0.55
    assert set(share.index) == set(synth.GOVERNORATE_WEIGHTS)  # every governorate appears


def test_precision_codes_and_governorate_only_points(tables):
    inc, _ = tables
    geo = inc["geo_precision"].value_counts(normalize=True)
    assert set(geo.index) == {1, 2, 3} and 0.05 < geo[3] < 0.12
    gov_only = inc[inc["geo_precision"] == 3]
    shapes = synth.governorate_shapes()
    for row in gov_only.head(50).itertuples():
        _, lat, lon = shapes[row.admin1]
        assert (row.latitude, row.longitude) == (round(lat, 5), round(lon, 5))
        assert row.location == row.admin1


def test_ten_years_declining_some_undated_and_consistent_windows(tables):
    inc, _ = tables
    dated = inc[inc["event_date"].notna()]
    years = dated["event_date"].str[:4].astype(int)
    assert years.min() == 2015 and years.max() == 2024
    assert (years <= 2017).mean() > 0.5
    undated = inc[inc["event_date"].isna()]
    assert 0.02 < len(undated) / len(inc) < 0.04
    assert undated["time_precision"].isna().all() and undated["date_start"].isna().all()
    assert (dated["date_start"] <= dated["event_date"]).all() and (dated["event_date"] <= dated["date_end"]).all()
    weeks = dated[dated["time_precision"] == 2]
    starts = pd.to_datetime(weeks["date_start"])
    assert (starts.dt.day_of_week == 0).all()
    assert ((pd.to_datetime(weeks["date_end"]) - starts).dt.days == 6).all()
    months = dated[dated["time_precision"] == 3]
    assert (pd.to_datetime(months["date_start"]).dt.day == 1).all()
    assert (pd.to_datetime(months["date_end"]).dt.is_month_end).all()
    assert (dated["year"] == years).all()


def test_types_actors_and_fatalities(tables):
    inc, _ = tables
    for etype, sub in inc[["event_type", "sub_event_type"]].drop_duplicates().itertuples(index=False):
        assert sub in EVENT_TYPES[etype]
    assert (inc["actor1"] != inc["actor2"]).fillna(True).all()
    assert (inc["actor1"] == "Islamic State (Iraq)").mean() > 0.3
    f = inc["fatalities"]
    assert (f == 0).mean() > 0.4 and f.max() > 20  # most kill nobody; a long tail
    assert (inc["fatalities_low"] <= f).all() and (f <= inc["fatalities_high"]).all()
    assert (inc.loc[inc["sub_event_type"] == "Arrests", "arrested"] > 0).all()


def test_extracted_rows_point_into_their_article(tables):
    inc, arts = tables
    texts = dict(zip(arts["article_id"], arts["text"], strict=True))
    extracted = inc[inc["dataset"] == "extracted"]
    assert len(extracted) >= len(arts)
    for row in extracted.itertuples():
        text = texts[row.article_id]
        assert text[row.span_start:row.span_end] == row.quote
    for aid, text in texts.items():
        assert aid == "a" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    assert set(inc["dataset"]) == {"extracted", "acled"}
    assert inc.loc[inc["dataset"] == "acled", "article_id"].isna().all()


def test_written_tables_read_back_without_problems(tmp_path):
    inc, arts = synth.generate(2_000, seed=3)
    p_inc, p_art = synth.write(tmp_path, inc, arts)
    back, problems = read_incidents(p_inc)
    assert problems == []
    pd.testing.assert_frame_equal(back, inc.reset_index(drop=True), check_dtype=False)
    back_a, problems_a = read_articles(p_art)
    assert problems_a == []
    assert back_a["text"].tolist() == arts["text"].tolist()


def test_tiny_table_is_valid(tmp_path):
    p_inc, p_art = synth.write(tmp_path, *tiny())
    assert read_incidents(p_inc)[1] == []
    assert read_articles(p_art)[1] == []


def test_command_writes_the_same_files_twice(tmp_path, capsys):
    assert main(["synth", "300", "--out", str(tmp_path / "a"), "--seed", "5"]) == 0
    assert main(["synth", "300", "--out", str(tmp_path / "b"), "--seed", "5"]) == 0
    assert "300 incidents" in capsys.readouterr().out
    for name in ("incidents.csv", "articles.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_zero_rows(tmp_path):
    inc, arts = synth.generate(0)
    assert inc.empty and list(inc.columns) == list(INCIDENT_COLUMNS)
    synth.write(tmp_path, inc, arts)
    back, problems = read_incidents(tmp_path / "incidents.csv")
    assert problems == [] and back.empty and list(back.columns) == list(INCIDENT_COLUMNS)
    assert arts.empty
