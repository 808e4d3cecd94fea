"""The publication day a page's address states (incidents/corpus/address_dates.py), read when nothing else dates an
article: on a real article whose text has no date (The Defense Post, /2022/12/20/ in its address)."""

from __future__ import annotations

import csv
import shutil
from datetime import date

import pytest

from incidents import ROOT
from incidents.corpus.address_dates import published_in_address
from incidents.dataset.merging import extract_rows, load_articles

REAL = ROOT / "tests" / "fixtures" / "real" / "incoming"
W015 = "w015_defensepost_diyala_albu_bali_village_attack.txt"
ADDRESS = "https://thedefensepost.com/2022/12/20/jihadists-kill-iraq-civilians/"


@pytest.mark.parametrize(("url", "day"), [
    (ADDRESS, "2022-12-20"),
    ("https://www.example.com/news/2021-12-05/isis-attack-kirkuk", "2021-12-05"),
    ("https://www.muhabarishaji.com/2020/09/iraqi-intelligence-officers-arrest/", ""),   # a month, no day
    ("https://rudaw.net/english/middleeast/iraq/261020211", ""),                        # a number, not a date
    ("https://www.dawn.com/news/1727789/two-iraqi-soldiers-killed-in-ambush", ""),      # an id
    ("ftp://example.com/2021/12/05/story", ""),                                         # not a web address
    ("https://www.example.com/2031/01/05/story", ""),                                   # after today
    ("", ""),
])
def test_the_day_an_address_states(url, day):
    assert published_in_address(url, today=date(2026, 12, 7)) == day


def test_a_day_after_today_is_no_publication_day():
    assert published_in_address(ADDRESS, today=date(2022, 12, 1)) == ""
    assert published_in_address(ADDRESS, today=date(2022, 12, 20)) == "2022-12-20"


def _staged(tmp_path, url: str, published: str = ""):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REAL / W015, folder / W015)
    sidecar = tmp_path / "meta.csv"
    with sidecar.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([("file", "url", "outlet", "published"), (W015, url, "The Defense Post", published)])
    return load_articles([folder], sidecar)


def test_an_article_nothing_else_dates_takes_its_address_day_and_its_events_are_dated(tmp_path):
    articles, problems = _staged(tmp_path, ADDRESS)
    a = articles[0]
    assert problems == [] and (a.published, a.published_precision, a.date_source) == ("2022-12-20", "day", "url")
    rows = extract_rows(articles)
    assert rows and all(r["date_start"] for r in rows if r["admin1"] == "Diyala")
    assert all("date from the address only" in r["review_reasons"] for r in rows if r["date_start"])


def test_a_stated_publication_date_is_kept_over_the_address(tmp_path):
    articles, _ = _staged(tmp_path, "https://thedefensepost.com/2022/12/01/jihadists/", "2022-12-20")
    assert (articles[0].published, articles[0].date_source) == ("2022-12-20", "metadata")


def test_without_a_day_in_the_address_the_article_stays_undated(tmp_path):
    articles, _ = _staged(tmp_path, "https://thedefensepost.com/jihadists-kill-iraq-civilians/")
    assert (articles[0].published, articles[0].date_source) == ("", "")
    rows = extract_rows(articles)
    assert rows and all(not r["date_start"] for r in rows)
