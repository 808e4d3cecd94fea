"""Every input format gives the same articles and incidents: saved HTML pages, JSON Lines, CSV and JSON
collections of three real development articles, against the same articles as .txt with a sidecar
(tests/fixtures/formats, made by its make_fixtures.py from tests/fixtures/real/incoming)."""

from __future__ import annotations

import csv
import json

import pytest

from incidents import ROOT
from incidents.corpus.articles import load_corpus, load_file
from incidents.corpus.metadata import apply_metadata, read_metadata
from incidents.dataset.build import extract_rows

FORMATS = ROOT / "tests" / "fixtures" / "formats"
REAL = ROOT / "tests" / "fixtures" / "real" / "incoming"
TXT = ["q002_rudaw_kirkuk_dibis_soldiers_killed.txt", "w001_xinhua_baiji_brothers_executed.txt",
       "w029_ap_tarmiyah_army_patrol_ambush.txt"]
RUDAW, XINHUA, WTOP = "rudaw_kirkuk_dibis.html", "xinhua_baiji_brothers.html", "wtop_tarmiyah_ambush.htm"
SOURCE = dict(zip((RUDAW, XINHUA, WTOP), TXT, strict=True))  # page -> the .txt of the same article


def signature(articles) -> list[tuple]:
    """What an analyst reads off each incident: article title, event type, date, place, counts."""
    titles = {a.article_id: a.title for a in articles}
    return sorted(
        (titles[r["article_id"]], r["event_type"], r["sub_event_type"], r["event_date"], r["date_start"],
         r["date_end"], r["location"], r["admin1"], str(r["fatalities"]), str(r["wounded"]), str(r["arrested"]))
        for r in extract_rows(articles))


@pytest.fixture(scope="module")
def plain():
    """The three .txt files with the sidecar applied, and their incidents."""
    articles, problems = load_corpus([REAL / name for name in TXT])
    metadata, bad = read_metadata(FORMATS / "sidecar.csv")
    articles, _ = apply_metadata(articles, metadata)
    assert problems == [] and bad == [] and len(articles) == 3
    return articles, signature(articles)


@pytest.fixture(scope="module")
def loaded():
    """Each format's fixture loaded: name -> (articles, problems)."""
    return {name: load_corpus([FORMATS / name]) for name in ("html", "collection.jsonl", "collection.csv",
                                                             "collection.json")}


def test_the_plain_text_with_its_sidecar_has_incidents_in_every_article(plain):
    articles, incidents = plain
    assert {row[0] for row in incidents} == {a.title for a in articles}
    assert ("Two Iraqi soldiers killed in ISIS attack in Kirkuk", "Battles", "Armed clash", "2021-12-07",
            "2021-12-07", "2021-12-07", "Dibis", "Kirkuk", "2", "", "") in incidents


@pytest.mark.parametrize("name", ["html", "collection.jsonl", "collection.csv", "collection.json"])
def test_every_format_gives_the_incidents_of_the_plain_text_with_its_sidecar(plain, loaded, name):
    articles, problems = loaded[name]
    assert len(articles) == 3
    assert all("the metadata" in p.message and "outlet" in p.message for p in problems)  # only outlet wordings
    assert signature(articles) == plain[1]


@pytest.mark.parametrize("name", ["html", "collection.jsonl", "collection.csv", "collection.json"])
def test_every_format_gives_the_same_title_address_and_publication_day(plain, loaded, name):
    def facts(articles):
        return sorted((a.title, a.url, a.published[:10], a.published_date()) for a in articles)
    assert facts(loaded[name][0]) == facts(plain[0])


@pytest.mark.parametrize(("page", "title", "outlet", "published", "precision", "url"), [
    (RUDAW, "Two Iraqi soldiers killed in ISIS attack in Kirkuk", "Rudaw", "2021-12-07", "day",
     "https://rudaw.net/english/middleeast/iraq/071220214-amp"),
    (XINHUA, "3 killed by IS militants in northern Iraq", "Xinhua", "2019-02-08T23:58:10", "second",
     "http://www.xinhuanet.com/english/2019-02/08/c_137807481.htm"),
    (WTOP, "Ambush north of Baghdad kills 3 Iraqi soldiers, wounds 5", "WTOP", "2019-03-19T10:54", "minute",
     "https://wtop.com/middle-east/2019/03/ambush-north-of-baghdad-kills-3-iraqi-soldiers-wounds-5/"),
])
def test_a_saved_page_takes_title_outlet_date_and_address_from_its_metadata(page, title, outlet, published,
                                                                           precision, url):
    (article,), _ = load_file(FORMATS / "html" / page)
    assert (article.title, article.outlet, article.published, article.published_precision, article.url) == (
        title, outlet, published, precision, url)
    assert (article.date_source, article.record, article.part, article.file) == ("metadata", "", 1, page)
    assert article.text.startswith(title + "\n")  # the headline on the first line, as the page prints it


BOILERPLATE = {
    RUDAW: ["Rudaw TV Live", "Podcasts", "Cookie settings", "Most Read", "Share this article", "Tags:",
            "ISIS attacks in Iraq at all-time highs in Kirkuk, Saladin provinces", "Two ISIS militants arrested in Kirkuk",
            "Report: IS attack on Iraqi village leaves 12 dead", "Related stories", "Kurdistan IED injures four",
            "Rudaw moderates all comments", "Newsletter", "All rights reserved", "dataLayer", "gtag", "07-12-2021"],
    XINHUA: ["Sci & Tech", "Special Reports", "Most Popular", "6 IS militants killed in airstrike in Iraq",
             "20,000-30,000 IS fighters left in Iraq, Syria: UN", "Related News", "Jihadists kill three Iraq soldiers",
             "Spring Festival", "Advertisement", "XINHUANET.com", "_hmt", "$(document)", "Editor: Mu Xuequan",
             "Video Player"],
    WTOP: ["Listen Live", "Local News", "Traffic", "Skip to content", "Recommended", "Latest",
           "Daesh mortar attack on soccer field kills 6 in Iraq", "Eight Iraqis killed as Islamic State",
           "Fun & Games", "Play Now", "More News", "Topics:", "Careers at WTOP", "googletag", "jQuery",
           "Home »", "By The Associated Press"],
}


@pytest.mark.parametrize("page", list(BOILERPLATE))
def test_menus_lists_footers_and_scripts_stay_out_of_the_stored_text(page):
    (article,), _ = load_file(FORMATS / "html" / page)
    leaked = [words for words in BOILERPLATE[page] if words in article.text]
    assert leaked == []


@pytest.mark.parametrize("page", list(BOILERPLATE))
def test_a_saved_page_keeps_every_paragraph_of_the_article(page):
    (article,), _ = load_file(FORMATS / "html" / page)
    paragraphs = [ln.strip() for ln in (REAL / SOURCE[page]).read_text(encoding="utf-8").splitlines()
                  if len(ln.split()) > 12 and not ln.startswith(("Copyright", "Need a break"))]
    assert len(paragraphs) >= 4 and [p for p in paragraphs if p not in article.text.split("\n")] == []
    assert "202" not in article.text.split("\n")  # WTOP's share count above the breadcrumb


def test_a_collection_names_each_record_by_its_first_physical_line_or_its_position(loaded):
    assert [a.record for a in loaded["collection.jsonl"][0]] == ["line 1", "line 2", "line 3"]
    assert [a.record for a in loaded["collection.json"][0]] == ["record 1", "record 2", "record 3"]
    csv_lines = [a.record for a in loaded["collection.csv"][0]]
    text = (FORMATS / "collection.csv").read_text(encoding="utf-8").split("\n")
    expected = [f"line {k + 1}" for k, line in enumerate(text) if line.startswith(("https://", "http://"))]
    assert csv_lines == expected and csv_lines[1] != "line 3"  # the first text spans many lines


def test_the_csv_text_field_is_stored_as_the_file_it_was_copied_from(loaded):
    texts = {a.title: a.text for a in loaded["collection.csv"][0]}
    for name in TXT:
        original = (REAL / name).read_text(encoding="utf-8").strip()
        assert original in texts.values()


def test_the_json_lines_body_gets_its_headline_from_the_record(loaded):
    records = [json.loads(line) for line in (FORMATS / "collection.jsonl").read_text(encoding="utf-8").splitlines()]
    for record, article in zip(records, loaded["collection.jsonl"][0], strict=True):
        assert article.text == record["title"] + "\n" + record["maintext"]
        assert article.title == record["title"] and not article.title_is_lead
        assert (article.outlet, article.date_source) == (record["source_domain"], "metadata")


def test_the_sidecar_in_a_folder_given_is_not_read_as_a_collection(tmp_path):
    for name in TXT:
        (tmp_path / name).write_bytes((REAL / name).read_bytes())
    sidecar = tmp_path / "sidecar.csv"
    sidecar.write_bytes((FORMATS / "sidecar.csv").read_bytes())
    articles, problems = load_corpus([tmp_path], exclude=[sidecar])
    assert len(articles) == 3 and problems == []
    articles, problems = load_corpus([tmp_path])
    assert len(articles) == 3
    assert [(p.path, p.line) for p in problems] == [(str(sidecar), 1)]
    assert "no text column" in problems[0].message


def test_the_fixtures_are_what_make_fixtures_writes(tmp_path):
    """The committed fixtures are the builder's output (rebuild: python tests/fixtures/formats/make_fixtures.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", FORMATS / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    titles = module._titles()
    for entry in module.ARTICLES:
        page = module.Template((FORMATS / "templates" / f"{entry['template']}.tmpl").read_text(encoding="utf-8"))
        assert page.safe_substitute(module.page_values(entry, titles)) == (
            FORMATS / "html" / entry["page"]).read_text(encoding="utf-8")
    with (FORMATS / "sidecar.csv").open(encoding="utf-8", newline="") as fh:
        assert [row["file"] for row in csv.DictReader(fh)] == TXT


def test_extract_reads_pages_collections_and_texts_mixed_and_leaves_the_sidecar_out(tmp_path):
    """`extract` on a saved page, a folder of .txt files holding its sidecar and a CSV collection: the sidecar
    applied and not read as a collection, a record that repeats a text already read reported, one table."""
    import subprocess
    import sys

    texts = tmp_path / "texts"
    texts.mkdir()
    for name in TXT[:2]:
        (texts / name).write_bytes((REAL / name).read_bytes())
    (texts / "sidecar.csv").write_bytes((FORMATS / "sidecar.csv").read_bytes())
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "incidents", "extract", str(FORMATS / "html" / WTOP), str(texts),
         str(FORMATS / "collection.csv"), "--metadata", str(texts / "sidecar.csv"), "--out", str(out)],
        capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and "no text column" not in run.stderr
    with (out / "articles.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["file"] + ":" + r["part"]: r for r in csv.DictReader(fh)}
    # the CSV's first two records hold the two .txt files word for word: reported, not read twice
    assert sorted(rows) == sorted([f"{WTOP}:1", f"{TXT[0]}:1", f"{TXT[1]}:1", "collection.csv:3"])
    assert run.stderr.count("word for word") == 2
    facts = {k: (r["published"], r["date_source"], r["url"]) for k, r in rows.items()}
    assert facts[f"{TXT[0]}:1"] == ("2021-12-07", "metadata", "https://rudaw.net/english/middleeast/iraq/071220214-amp")
    assert facts[f"{TXT[1]}:1"] == ("2019-02-08T23:58:10", "header",
                                    "http://www.xinhuanet.com/english/2019-02/08/c_137807481.htm")
    assert facts[f"{WTOP}:1"] == ("2019-03-19T10:54", "metadata", rows[f"{WTOP}:1"]["url"])
    with (out / "incidents.csv").open(encoding="utf-8", newline="") as fh:
        told = {a.strip() for r in csv.DictReader(fh) for a in [r["article_id"], *r["source_articles"].split(";")]}
    assert {r["article_id"] for r in rows.values()} <= told  # the page and the CSV record of w029 tell one incident
