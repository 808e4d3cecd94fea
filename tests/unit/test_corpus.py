"""Corpus: raw seed files -> articles (split, metadata, chrome, glued words, bad input)."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from incidents import ROOT, SEEDS_DIR
from incidents.__main__ import main
from incidents.commands.corpus import format_article, printable
from incidents.corpus.analysis import AnalysisText, build_analysis
from incidents.corpus.articles import Article, article_id, decode, load_corpus, load_file, load_text
from incidents.corpus.chrome import parse_dateline

BAD = ROOT / "tests" / "fixtures" / "corpus_bad"
S000 = SEEDS_DIR / "000_a60904ff0cbe9688.txt"
S001 = SEEDS_DIR / "001_3c737952dd87d946.txt"
S002 = SEEDS_DIR / "002_4cb9e7caf88987d8.txt"
S003 = SEEDS_DIR / "003_d2ae6c3051918892.txt"
S004 = SEEDS_DIR / "004_8f364ae46ed74aad.txt"


@pytest.fixture(scope="module")
def seeds() -> dict[tuple[str, int], Article]:
    articles, problems = load_corpus([SEEDS_DIR])
    assert problems == []
    return {(a.file, a.part): a for a in articles}


def chrome_line_numbers(article: Article) -> list[int]:
    """File line numbers of the article's chrome lines."""
    return [article.first_line + article.text.count("\n", 0, start) for start, _ in article.chrome]


# --------------------------------------------------------------------------- seeds: metadata

SEED_ARTICLES = [
    # file, part, title, outlet, published, precision, chrome lines (file line numbers)
    (
        "000_a60904ff0cbe9688.txt", 1, "Iraqi Counter-Terrorism Forces Kill 4 Terrorists in Kirkuk",
        "", "", "", [3, 4, 5, 6, 8, 10, 11],
    ),
    (
        "000_a60904ff0cbe9688.txt", 2, "How Did Iraq Survive ‘Existential Threat More Dangerous than ISIS’?",
        "Asharq Al-Awsat", "", "", [45, 46, 47, 48, 50, 52, 53],
    ),
    (
        "001_3c737952dd87d946.txt", 1,
        "Four members of the Islamic State (IS) terrorist organization were killed in two airstrikes by the…",
        "Nova News", "", "", [6, 7, 8],
    ),
    (
        "002_4cb9e7caf88987d8.txt", 1, "Isis' Ambushes Jeopardise Iraq's Fragile Security",
        "7Dnews", "2019-11-09T16:20", "minute", [1, 4, 6, 10, 12, 14, 44],
    ),
    (
        "003_d2ae6c3051918892.txt", 1, "Iraq Authorities Launch Military Operation against ISIS in 4 Provinces",
        "Asharq Al-Awsat", "", "", [23, 25, 27],
    ),
    (
        "004_8f364ae46ed74aad.txt", 1,
        "In light of heightened security concerns in the region and the overthrow of Bashar al-Assad's…",
        "Shafaq News", "2024-12-19T13:05:28", "second", [1],
    ),
]


def test_seeds_hold_six_articles_in_file_order(seeds):
    assert list(seeds) == [(f, p) for f, p, *_ in SEED_ARTICLES]


@pytest.mark.parametrize(
    ("file", "part", "title", "outlet", "published", "precision", "chrome_lines"),
    SEED_ARTICLES,
    ids=[f"{f[:3]}-{p}" for f, p, *_ in SEED_ARTICLES],
)
def test_seed_article_metadata(seeds, file, part, title, outlet, published, precision, chrome_lines):
    article = seeds[(file, part)]
    assert article.title == title
    assert article.outlet == outlet
    assert (article.published, article.published_precision) == (published, precision)
    assert chrome_line_numbers(article) == chrome_lines
    assert article.title_is_lead is title.endswith("…")  # 001 and 004 have no headline


@pytest.mark.parametrize(
    ("file", "part", "first_line", "starts", "ends"),
    [
        ("000_a60904ff0cbe9688.txt", 1, 1, "Iraqi Counter-Terrorism Forces", "continue to strike.”"),
        ("000_a60904ff0cbe9688.txt", 2, 43, "How Did Iraq Survive", "on the nuclear issue.”"),
        ("001_3c737952dd87d946.txt", 1, 1, "Four members", "Instagram, Telegram"),
        ("002_4cb9e7caf88987d8.txt", 1, 1, "Abu Dhabi", "Middle East"),
        ("003_d2ae6c3051918892.txt", 1, 1, "Iraq Authorities", "between global …"),
        ("004_8f364ae46ed74aad.txt", 1, 1, " date 2024-12-19", "forces."),
    ],
)
def test_article_text_is_the_exact_stretch_of_its_file(seeds, file, part, first_line, starts, ends):
    article = seeds[(file, part)]
    decoded = (SEEDS_DIR / file).read_text(encoding="utf-8")
    assert decoded[article.char_start: article.char_end] == article.text
    assert article.first_line == first_line
    assert article.text.startswith(starts) and article.text.endswith(ends)


def test_article_ids_are_sha256_of_the_text_and_stable(seeds):
    again, _ = load_corpus([SEEDS_DIR])
    for article in again:
        expected = "a" + hashlib.sha256(article.text.encode("utf-8")).hexdigest()[:16]
        assert article.article_id == expected == seeds[(article.file, article.part)].article_id
    assert len({a.article_id for a in again}) == 6


@pytest.mark.parametrize(
    ("file", "part", "published_date"),
    [
        ("002_4cb9e7caf88987d8.txt", 1, "2019-11-09"),
        ("004_8f364ae46ed74aad.txt", 1, "2024-12-19"),
        ("000_a60904ff0cbe9688.txt", 1, None),
        ("003_d2ae6c3051918892.txt", 1, None),
    ],
)
def test_published_date(seeds, file, part, published_date):
    found = seeds[(file, part)].published_date()
    assert (found.isoformat() if found else None) == published_date


def test_chrome_kinds_say_why(seeds):
    kinds = {key: dict(zip(a.chrome_lines(), a.chrome_kinds, strict=True)) for key, a in seeds.items()}
    k002 = kinds[("002_4cb9e7caf88987d8.txt", 1)]
    assert k002 == {
        "Abu Dhabi": "site-header", "New York": "site-header", "Sat, 18 Jan 2020 06:14 GMT": "site-header",
        "Counterterrorism & Security": "section", "7Dnews London": "byline",
        "Sat, 09 Nov 2019 16:20 GMT": "dateline", "Middle East": "section",
    }
    assert set(kinds[("001_3c737952dd87d946.txt", 1)].values()) == {"footer"}
    assert set(kinds[("003_d2ae6c3051918892.txt", 1)].values()) == {"teaser"}
    assert set(kinds[("000_a60904ff0cbe9688.txt", 1)].values()) == {"repeat", "widget"}


# --------------------------------------------------------------------------- analysis text


def test_chrome_is_blanked_in_analysis_but_kept_in_text(seeds):
    article = seeds[("000_a60904ff0cbe9688.txt", 1)]
    analysis = article.analysis()
    assert article.text.count("Memorial Wall in Baghdad. (Iraqi Prime Ministry)") == 4
    assert "Memorial Wall" not in analysis.text
    assert "\nTT\n" in article.text and "TT" not in analysis.text
    assert analysis.text.startswith("Iraqi Counter-Terrorism Forces Kill 4 Terrorists in Kirkuk")
    assert analysis.text.count("Kill 4 Terrorists") == 1  # the repeated headline is blanked


@pytest.mark.parametrize("key", [(f, p) for f, p, *_ in SEED_ARTICLES], ids=lambda k: f"{k[0][:3]}-{k[1]}")
def test_analysis_text_maps_back_to_the_stored_text(seeds, key):
    article = seeds[key]
    analysis = article.analysis()
    assert len(analysis.text) == len(article.text) + len(analysis.inserted)
    chrome = {i for s, e in article.chrome for i in range(s, e)}
    inserted = set(analysis.inserted)
    for pos, ch in enumerate(analysis.text):
        if pos in inserted:
            assert ch == " "
            continue
        src, _ = analysis.to_source(pos, pos + 1)
        assert ch == (" " if src in chrome else article.text[src])
    for start, end in [(0, 5), (10, 40), (0, len(analysis.text))]:
        s, e = analysis.to_source(start, end)
        assert analysis.to_source(*analysis.to_analysis(s, e)) == (s, e)


GLUED = [
    # stored characters, what the analysis text reads
    ("theHamrin Mountains", "the Hamrin Mountains"),
    ("fromKirkuk city", "from Kirkuk city"),
    ("inAl-Sulaymaniyah", "in Al-Sulaymaniyah"),
    ("heightenedsecurity", "heightened security"),
    ("from Iraqremains the same", "from Iraq remains the same"),
    ("September2025", "September 2025"),
    ("regimein Syria", "regime in Syria"),
    ("JointOperations Command", "Joint Operations Command"),
    ("Air Force launchedairstrikes", "Air Force launched airstrikes"),
    ("ISISmembers", "ISIS members"),
    ("USmilitary", "US military"),
    ("2026.They", "2026. They"),
    ("orTikrit", "or Tikrit"),
    ("shelters,transit", "shelters, transit"),
    ("November 23,Ahmed", "November 23, Ahmed"),
    ("threat.“Unless", "threat. “Unless"),
    ("Al-Sudanirecently", "Al-Sudani recently"),
    ("al-Bayatiaffirmed", "al-Bayati affirmed"),
    ("highlighted Iraq’sreliance", "highlighted Iraq’s reliance"),
    ("asustained American", "a sustained American"),
    ("Observatoryfor Human Rights", "Observatory for Human Rights"),
]


@pytest.mark.parametrize(("stored", "reads"), GLUED)
def test_glued_words_are_split_and_map_back(seeds, stored, reads):
    article = seeds[("004_8f364ae46ed74aad.txt", 1)]
    analysis = article.analysis()
    assert article.text.count(stored) == 1
    assert analysis.text.count(reads) == 1
    start = analysis.text.index(reads)
    s, e = analysis.to_source(start, start + len(reads))
    assert article.text[s:e] == stored


@pytest.mark.parametrize(
    ("pattern", "stored"),
    [
        (r"\bHamrin Mountains\b", "Hamrin Mountains"),
        (r"\bKirkuk city\b", "Kirkuk city"),
        (r"\bAl-Sulaymaniyah\b", "Al-Sulaymaniyah"),
        (r"\bTikrit\b", "Tikrit"),
        (r"\bMosul\b", "Mosul"),
        (r"\bErbil\b", "Erbil"),
        (r"\bSeptember 2025\b", "September2025"),
        (r"\b45 kilometers\b", "45 kilometers"),
        (r"\b54 Syrian soldiers\b", "54 Syrian soldiers"),
        (r"\b11,000 ISIS fighters\b", "11,000 ISIS fighters"),
        (r"\bISIS members\b", "ISISmembers"),
    ],
)
def test_places_and_numbers_are_found_in_the_analysis_text(seeds, pattern, stored):
    article = seeds[("004_8f364ae46ed74aad.txt", 1)]
    analysis = article.analysis()
    m = re.search(pattern, analysis.text)
    assert m, pattern
    s, e = analysis.to_source(m.start(), m.end())
    assert article.text[s:e] == stored


@pytest.mark.parametrize(
    ("file", "part", "word"),
    [
        ("000_a60904ff0cbe9688.txt", 1, "Marotto"),
        ("000_a60904ff0cbe9688.txt", 1, "Kadhimi"),
        ("001_3c737952dd87d946.txt", 1, "Yarallah"),
        ("001_3c737952dd87d946.txt", 1, "Pasdaran"),
        ("002_4cb9e7caf88987d8.txt", 1, "Allas"),
        ("002_4cb9e7caf88987d8.txt", 1, "Anbar"),
        ("002_4cb9e7caf88987d8.txt", 1, "Qayyara"),
        ("003_d2ae6c3051918892.txt", 1, "governorates"),
        ("003_d2ae6c3051918892.txt", 1, "Muhieddine"),
        ("003_d2ae6c3051918892.txt", 1, "Salaheddine"),
        ("004_8f364ae46ed74aad.txt", 1, "Ghuwayran"),
        ("004_8f364ae46ed74aad.txt", 1, "al-Fashka"),
        ("004_8f364ae46ed74aad.txt", 1, "Asayish"),
        ("004_8f364ae46ed74aad.txt", 1, "F-16"),
        ("004_8f364ae46ed74aad.txt", 1, "57,000"),
    ],
)
def test_names_and_words_that_are_not_glued_stay_whole(seeds, file, part, word):
    analysis = seeds[(file, part)].analysis().text
    assert re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", analysis), word


@pytest.mark.parametrize(
    ("stored", "reads"),
    [
        ("in theHamrin", "in the Hamrin"),
        ("NATOForces", "NATO Forces"),
        ("USAid", "US Aid"),
        ("the iPhone and eBay", "the iPhone and eBay"),
        ("LinkedIn, WhatsApp", "LinkedIn, WhatsApp"),
        ("McDonald", "McDonald"),
        ("IEDs and NGOs", "IEDs and NGOs"),
        ("the U.S. forces", "the U.S. forces"),
        ("11,000 fighters at 13:05", "11,000 fighters at 13:05"),
        ("3.5 km, e.g. this", "3.5 km, e.g. this"),
        ('remnants," US Marine', 'remnants," US Marine'),
        ("in 2014the group", "in 2014 the group"),
        ("the 16th and 1990s", "the 16th and 1990s"),
        ("Sinjar and Sinjarmountain", "Sinjar and Sinjar mountain"),
        ("in Diyala governorate", "in Diyala governorate"),
        ("", ""),
    ],
)
def test_glue_rules(stored, reads):
    analysis = build_analysis(stored)
    assert analysis.text == reads
    assert analysis.to_source(0, len(reads)) == (0, len(stored))


def test_to_source_on_an_inserted_space_points_at_the_next_stored_character():
    analysis = build_analysis("theHamrin")
    assert analysis.text == "the Hamrin"
    assert analysis.inserted == (3,)
    assert analysis.to_source(3, 4) == (3, 3)
    assert analysis.to_source(4, 10) == (3, 9)
    assert analysis.to_analysis(3, 9) == (4, 10)
    assert AnalysisText("abc").to_source(1, 2) == (1, 2)


# --------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("line", "iso", "precision"),
    [
        ("Sat, 09 Nov 2019 16:20 GMT", "2019-11-09T16:20", "minute"),
        (" date 2024-12-19 2024-12-19 13:05:28 - From: Shafaq News", "2024-12-19T13:05:28", "second"),
        ("2024-12-19", "2024-12-19", "day"),
        ("Published: November 9, 2019 at 4:20 pm", "2019-11-09T16:20", "minute"),
        ("9 Sept 2019", "2019-09-09", "day"),
        ("November 2019", "2019-11", "month"),
        ("Thu, 31 Feb 2019 10:00 GMT", None, None),
        ("2024-13-01", None, None),
        ("Abu Dhabi", None, None),
        ("2025/08/18 14:35", "2025-08-18T14:35", "minute"),
        ("16-03-2025", "2025-03-16", "day"),
        ("03/16/2025 10:05", "2025-03-16T10:05", "minute"),
        ("Issued on: 10/11/2025 - 16:32", None, None),  # day or month first? not guessed
        ("12.12.2024 - 09:15", "2024-12-12T09:15", "minute"),
        ("31-02-2025", None, None),
        ("On Wednesday 19 June, the Islamic Resistance in Iraq met to discuss the presence of US forces "
         "in the country", None, None),
    ],
)
def test_parse_dateline(line, iso, precision):
    found = parse_dateline(line)
    assert ((found.iso, found.precision) if found else (None, None)) == (iso, precision)


HEADER_CASES = [
    # text, published, precision, outlet
    (  # site clock after city names, no dateline of the article's own: never taken as published
        "Abu Dhabi\n\nNew York\n\nSat, 18 Jan 2020 06:14 GMT\n\nRockets Hit Air Base Near Mosul\n\n"
        "Rockets struck an Iraqi air base south of Mosul on Friday, officials said, and no one was hurt.\n",
        "", "", "",
    ),
    (  # a masthead's clock over its weather city, before the title: the day the page was saved
        "Friday, November 8, 2024\n\nBaghdad\n\nTwo Iraqi soldiers killed in Kirkuk\n\n"
        "Kirkuk (IraqiNews.com) – Two Iraqi soldiers were killed in an explosive device strike, officials said.\n",
        "", "", "IraqiNews.com",
    ),
    (  # a dateline before the title, no site clock
        "Sat, 09 Nov 2019 16:20 GMT\n\nRockets Hit Air Base Near Mosul\n\n"
        "Rockets struck an Iraqi air base south of Mosul on Friday, officials said, and no one was hurt.\n",
        "2019-11-09T16:20", "minute", "",
    ),
    (  # byline outlet then the article's dateline; the clock before the title is the site's
        "Dubai\n\nSun, 01 Mar 2020 09:00 GMT\n\nRockets Hit Air Base Near Mosul\n\nShafaq News Baghdad\n\n"
        "March 1, 2020\n\n"
        "Rockets struck an Iraqi air base south of Mosul on Friday, officials said, and no one was hurt.\n",
        "2020-03-01", "day", "Shafaq News",
    ),
    (  # a headline that ends in a city name is not a byline
        "Attack near Mosul\n\nGunmen attacked a checkpoint near Mosul on Friday night, killing two "
        "soldiers, police said.\n",
        "", "", "",
    ),
    (  # a wire dateline names the agency that wrote the story
        "BAGHDAD (Reuters) - Gunmen killed two soldiers at a checkpoint near Mosul on Friday night, police "
        "sources said.\n",
        "", "", "Reuters",
    ),
    (  # "Published" wins over "Updated"; an author byline names no outlet
        "Gunmen Kill Two Soldiers Near Mosul\n\nBy John Smith\n\nPublished: 12 March 2025 14:30\n"
        "Updated: 13 March 2025 09:00\n\nGunmen killed two soldiers at a checkpoint near Mosul on Friday "
        "night, police said, and fled.\n",
        "2025-03-12T14:30", "minute", "",
    ),
    (  # wire agencies quoted are sources, not the outlet
        "Rockets Hit Air Base\n\nIraqi security officials told AP that rockets targeted an air base, "
        "and a spokesman told Reuters no one was hurt.\n",
        "", "", "",
    ),
    (  # mixed-case city with the agency in brackets; a day-first date that cannot be swapped
        "Jets Strike Hideout in Anbar\n\n16-03-2025\n\nRutba (AFP) – Iraqi jets struck a hideout near "
        "Rutba on Sunday, killing five militants, the army said.\n",
        "2025-03-16", "day", "AFP",
    ),
    (  # "BAGHDAD, Jan 27 (Reuters) -" with a date inside the dateline
        "Ambush Kills Five Near Taji\n\nBAGHDAD, Jan 27 (Reuters) - Militants killed five tribal fighters "
        "in an ambush near Taji on Monday night, security sources said.\n",
        "", "", "Reuters",
    ),
    (  # "Source: X|" header credit, year-first numeric dateline
        "Clash Kills Three Soldiers\n\nSource: Xinhua| 2025/04/03 21:05\n\nThree soldiers were killed in a "
        "clash with militants near Baiji on Thursday, an officer said.\n",
        "2025-04-03T21:05", "minute", "Xinhua",
    ),
    (  # "City-AGENCY" credit line; an ambiguous numeric date is not guessed
        "Cache Seized in Nineveh\n\n10/11/2025 - 16:32\n\nBaghdad-INA\n\nSecurity forces seized a cache of "
        "explosives in Nineveh on Sunday, the Security Media Cell said.\n",
        "", "", "INA",
    ),
]


@pytest.mark.parametrize(("text", "published", "precision", "outlet"), HEADER_CASES)
def test_header_rules(text, published, precision, outlet):
    articles, problems = load_text(text, "x.txt")
    assert problems == [] and len(articles) == 1
    a = articles[0]
    assert (a.published, a.published_precision, a.outlet) == (published, precision, outlet)


@pytest.mark.parametrize(
    ("text", "title", "chrome"),
    [
        (
            "BAGHDAD (Reuters) - Gunmen killed two soldiers near Mosul on Friday night, police sources said.\n",
            "Gunmen killed two soldiers near Mosul on Friday night, police sources said.", [],
        ),
        (
            "Kurdistan24\n\nISIS attack kills two in Diyala\n\n2025-01-05 10:22\n\nTwo people were killed in an "
            "ISIS attack on a village in Diyala province on Sunday, security sources said.\n\nShare this article\n",
            "ISIS attack kills two in Diyala",
            [("Kurdistan24", "site-header"), ("2025-01-05 10:22", "dateline"), ("Share this article", "footer")],
        ),
        (
            "Gunmen Kill Two Soldiers Near Mosul\n\nBy John Smith\n\nPublished: 12 March 2025 14:30\n"
            "Updated: 13 March 2025 09:00\n\nGunmen killed two soldiers at a checkpoint near Mosul on Friday "
            "night, police said, and fled.\n\nTags: Iraq, ISIS\n",
            "Gunmen Kill Two Soldiers Near Mosul",
            [("By John Smith", "byline"), ("Published: 12 March 2025 14:30", "dateline"),
             ("Updated: 13 March 2025 09:00", "dateline"), ("Tags: Iraq, ISIS", "footer")],
        ),
    ],
)
def test_titles_and_chrome_of_other_page_layouts(text, title, chrome):
    (article,), _ = load_text(text, "x.txt")
    assert article.title == title
    assert list(zip(article.chrome_lines(), article.chrome_kinds, strict=True)) == chrome


_STORY = ("Gunmen Kill Two Soldiers Near Mosul\n\nGunmen killed two soldiers at a checkpoint near Mosul on Friday "
          "night, police said, and fled toward the desert.\n\n")


@pytest.mark.parametrize(("closing", "kinds"), [
    ("Leave a Comment\n\nYou must be logged in to post a comment.\n\nThree policemen killed in a blast in Tikrit\n\n"
     "Militants shelled a village near Kirkuk, wounding four farmers and burning their fields, residents said.\n",
     ["Leave a Comment", "You must be logged in to post a comment.", "Three policemen killed in a blast in Tikrit",
      "Militants shelled a village near Kirkuk, wounding four farmers and burning their fields, residents said."]),
    ("Source: Reuters\n\nBomb kills five in Baquba market\n\nGunmen abduct shepherd near Hawi\n",
     ["Source: Reuters", "Bomb kills five in Baquba market", "Gunmen abduct shepherd near Hawi"]),
    ("Four soldiers killed in Tarmiyah ambushUTC 09:12 2021 Sunday ,14 March\n",
     ["Four soldiers killed in Tarmiyah ambushUTC 09:12 2021 Sunday ,14 March"]),
    # a closing list of other stories' headlines (the development articles' SouthFront page)
    ("- Three ISIS Terrorists Killed In Iraqi Airstrikes On Diyala Hideout (Video)\n"
     "- IDF Chief Says Israel Attacked Iranian Weapons Convoy On Syrian-Iraqi Border\n",
     ["- Three ISIS Terrorists Killed In Iraqi Airstrikes On Diyala Hideout (Video)",
      "- IDF Chief Says Israel Attacked Iranian Weapons Convoy On Syrian-Iraqi Border"]),
])
def test_what_follows_the_end_of_the_article_is_closing_chrome(closing, kinds):
    (article,), _ = load_text(_STORY + closing, "x.txt")
    assert article.chrome_lines() == kinds and set(article.chrome_kinds) == {"closing"}
    assert "Gunmen killed two soldiers" in article.analysis().text


@pytest.mark.parametrize("tail", [
    "- Three ISIS Terrorists Killed In Iraqi Airstrikes On Diyala Hideout\n",      # one bulleted line: no list
    "- Two soldiers were killed in the ambush.\n- Three others were wounded, police said.\n",   # prose, not headlines
    "- Three ISIS Terrorists Killed In Diyala\n- Two Soldiers Wounded In Kirkuk\n\nPolice said the militants "
    "fled toward the desert after the attack on the checkpoint near the village.\n",          # prose after them
])
def test_bulleted_lines_that_are_not_a_closing_list_of_headlines_stay(tail):
    (article,), _ = load_text(_STORY + tail, "x.txt")
    assert "closing" not in article.chrome_kinds


def test_a_deck_the_lead_tells_again_is_a_summary_and_the_lead_keeps_its_agency():
    deck = "Militants shot dead two farmers and burned a harvester in a village east of Tuz Khurmatu."
    lead = ("TIKRIT (Xinhua) - Militants shot dead two farmers and burned a harvester late on Friday in a village "
            "east of Tuz Khurmatu, a police officer said.")
    (article,), _ = load_text(f"Two Farmers Killed Near Tuz\n\n{deck}\n\n{lead}\n", "x.txt")
    assert list(zip(article.chrome_lines(), article.chrome_kinds, strict=True)) == [(deck, "summary")]
    assert article.outlet == "Xinhua"


def test_a_deck_with_news_of_its_own_stays():
    deck = "The attack is the third on the village this month, residents say, and the road is now closed."
    lead = "TIKRIT (Xinhua) - Militants shot dead two farmers late on Friday in a village east of Tuz Khurmatu, police said."
    (article,), _ = load_text(f"Two Farmers Killed Near Tuz\n\n{deck}\n\n{lead}\n", "x.txt")
    assert article.chrome_lines() == []


def test_a_line_ending_in_a_photo_credit_is_a_caption():
    caption = "Soldiers patrol a road near Baiji on 3 May 2021. (Iraqi Ministry of Defence photo)"
    (article,), _ = load_text(f"Gunmen Kill Two Soldiers Near Mosul\n\n{caption}\n\n" + _STORY.split("\n\n", 1)[1],
                              "x.txt")
    assert list(zip(article.chrome_lines(), article.chrome_kinds, strict=True)) == [(caption, "caption")]


@pytest.mark.parametrize(("line", "caption"), [
    # an agency's photo caption: a present-tense scene dated in full at its end, or a credit line
    ("Iraqi security forces gather at the site of a bomb attack in the city of Kerbala, Iraq June 9, 2017.", True),
    ("Iraqi policemen inspect the wreckage of a car bomb in Baquba, Iraq March 3, 2019.", True),
    ("Peshmerga fighters carry the weapons of Islamic State militants killed in clashes, in Makhmour, Iraq "
     "Oct. 12, 2016. REUTERS/Azad Lashkari", True),
    ("Members of the Popular Mobilisation Forces stand guard near Tuz Khurmatu, Iraq, August 2, 2020.", True),
    ("REUTERS/Alaa al-Marjani", True),
    ("Smoke rises after a bombing in Tikrit (AP Photo/Hadi Mizban)", True),
    ("Burnt vehicles are seen near Baiji, Iraq May 3, 2021 (photo credit: REUTERS/THAIER AL-SUDANI)", True),
    ("File – Iraqi soldiers are pictured during a search operation for wanted men in Anbar", True),
    ("Archive photo - Federal police at a checkpoint south of Mosul", True),
    ("Kirkuk, May 2021 – police at the site of a roadside bombing on the Hawija road – Photo by Karwan Salihi", True),
    ("Smoke rises over Tuz Khurmatu after the blast - photo by Ali Hassan", True),
    ("Police said the attack was filmed by a resident – Photos by the group appeared later on Telegram.", False),
    # prose that reports, however dated
    ("A suicide bomber killed 14 people at a market in Tikrit, police said on March 3, 2019.", False),
    ("Gunmen attacked a checkpoint near Hawija on Monday, killing two soldiers, police said.", False),
    ("Files seized in the raid showed the cell planned attacks on Kirkuk, the ministry said.", False),
])
def test_agency_photo_captions_are_chrome(line, caption):
    (article,), _ = load_text(f"Gunmen Kill Two Soldiers Near Mosul\n\n{line}\n\n" + _STORY.split("\n\n", 1)[1],
                              "x.txt")
    assert (list(zip(article.chrome_lines(), article.chrome_kinds, strict=True)) == [(line, "caption")]) == caption


def test_an_article_printed_twice_keeps_its_first_copy():
    body = ("Iraqi interior ministry announced on Monday that five ISIS-affiliated\n"
            "terrorists have been arrested in the right bank of Mosul.\n"
            "In a statement, the ministry spokesman said that the five\n"
            "terrorists were arrested in the al-Obour area at the right bank of Mosul.\n")
    # the page's text printed again right below it, line for line (no blank line between)
    (article,), _ = load_text("Five ISIS terrorists arrested in Mosul\n" + body + "provinces.\n" + body, "x.txt")
    text = article.analysis().text
    assert text.count("five ISIS-affiliated") == 1 and text.count("al-Obour area") == 1
    assert text.index("al-Obour area") < text.index("provinces.")   # the first copy is the one kept
    # a caption printed twice is still chrome (one line, not a run)
    caption = "A convoy of Iraqi forces near Kirkuk, the army said."
    (article,), _ = load_text(f"Gunmen Kill Two Soldiers Near Mosul\n\n{caption}\n\n{caption}\n\n"
                              + _STORY.split("\n\n", 1)[1], "x.txt")
    assert caption not in article.analysis().text


def test_a_source_line_before_more_prose_is_not_the_end():
    text = _STORY + "Source: Reuters\n\nA second patrol came under fire near Tal Afar later that night, a police officer said.\n"
    (article,), _ = load_text(text, "x.txt")
    assert article.chrome_lines() == []


def test_a_paragraph_repeated_in_the_prose_keeps_its_first_occurrence():
    quote = "“We will hunt them down,” the governor said at a news conference in the city later that day."
    text = (
        "Gunmen Kill Two Soldiers Near Mosul\n\nGunmen killed two soldiers at a checkpoint near Mosul on "
        f"Friday night, police said.\n\n{quote}\n\nPolice said the attackers fled toward the desert west of "
        f"the city after the attack, officials said.\n\n{quote}\n"
    )
    (article,), _ = load_text(text, "x.txt")
    assert article.chrome_lines() == [quote] and article.chrome_kinds == ("repeat",)
    assert article.analysis().text.count(quote) == 1
    assert article.chrome[0][0] == text.rindex(quote)


# --------------------------------------------------------------------------- splitting


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("pieces", "joiner", "titles"),
    [
        ([S001, S003], "\n\n\n\n", ["Four members of the Islamic State", "Iraq Authorities Launch"]),
        ([S001, S003], "\n", ["Four members of the Islamic State", "Iraq Authorities Launch"]),  # after a footer
        ([S003, S002], "\n\n", ["Iraq Authorities Launch", "Isis' Ambushes"]),  # after a "Check Also" teaser
        ([S004, S002, S003], "\n\n\n\n", ["In light of heightened", "Isis' Ambushes", "Iraq Authorities Launch"]),
        # S001 opens with prose and no headline: after S000's last paragraph of prose, a wide gap alone
        # cannot tell it from the next paragraph of one story (real pages saved with runs of blank lines
        # between paragraphs), so it is split only after chrome or a headline (see the next test)
        ([S000, S002], "\n\n\n", ["Iraqi Counter-Terrorism", "How Did Iraq Survive", "Isis' Ambushes"]),  # 2 blank lines, then a header with a dateline
    ],
)
def test_concatenated_articles_split_with_their_own_metadata(tmp_path, pieces, joiner, titles):
    path = tmp_path / "joined.txt"
    path.write_text(joiner.join(_read(p).rstrip("\n") for p in pieces), encoding="utf-8")
    articles, problems = load_file(path)
    assert problems == []
    assert len(articles) == len(titles)
    assert all(a.title.startswith(t) for a, t in zip(articles, titles, strict=True))
    alone = {a.article_id: a for p in pieces for a in load_file(p)[0]}
    for a in articles:  # the same text as when the article stands alone: same id and metadata
        assert a.article_id in alone
        b = alone[a.article_id]
        assert (a.title, a.outlet, a.published, a.chrome) == (b.title, b.outlet, b.published, b.chrome)


@pytest.mark.parametrize("name", ["w012_albawaba_kirkuk_anbar_salahuddin_arrests.txt",
                                  "w026_globaltimes_anbar_rawa_haditha_truffle_kidnapping.txt"])
def test_a_page_saved_with_wide_gaps_between_paragraphs_stays_one_article(name):
    path = ROOT / "tests" / "fixtures" / "real" / "incoming" / name
    assert "\n\n\n\n" in path.read_text(encoding="utf-8")
    articles, problems = load_file(path)
    assert problems == [] and len(articles) == 1


def test_a_headline_after_a_wide_gap_still_opens_an_article(tmp_path):
    path = tmp_path / "two.txt"
    body = "Militants attacked a checkpoint near Hawija on Monday, killing two soldiers, police said in a statement."
    path.write_text(f"Attack Near Hawija\n\n{body}\n\n\n\nSecond Story Headline Here\n\n{body}\n", encoding="utf-8")
    articles, _ = load_file(path)
    assert [a.title for a in articles] == ["Attack Near Hawija", "Second Story Headline Here"]


def test_a_read_also_link_inside_a_story_does_not_split_it():
    text = (
        "Gunmen Kill Two Soldiers Near Mosul\n\nGunmen killed two soldiers at a checkpoint near Mosul on "
        "Friday night, police said, and fled toward the desert.\n\nRead Also\n\nIraq Launches New Operation "
        "in Anbar\n\nThe attackers used a car without plates, a police officer said on condition of "
        "anonymity, and no group claimed the attack.\n"
    )
    (article,), _ = load_text(text, "x.txt")
    assert article.chrome_lines() == ["Read Also", "Iraq Launches New Operation in Anbar"]
    assert "no group claimed the attack" in article.analysis().text


@pytest.mark.parametrize("head, gap", [
    ("Also Read", "\n"),            # the development article's layout: head and teaser on adjacent lines
    ("Read More:", "\n\n"),
    ("Must Read", "\n"),
    ("Related Stories", "\n\n"),
])
def test_other_wordings_of_a_teaser_head_take_the_teaser_title_out(head, gap):
    text = (
        "Gunmen Kill Two Soldiers Near Mosul\n\nGunmen killed two soldiers at a checkpoint near Mosul on "
        f"Friday night, police said, and fled toward the desert.\n\n{head}{gap}Ten militants killed in airstrikes "
        "in Diyala province\n\nThe attackers used a car without plates, a police officer said on condition of "
        "anonymity, and no group claimed the attack.\n"
    )
    (article,), _ = load_text(text, "x.txt")
    assert article.chrome_lines() == [head, "Ten militants killed in airstrikes in Diyala province"]
    assert "Diyala" not in article.analysis().text


@pytest.mark.parametrize("line", ["Read more about the attack in our live blog.", "Related to this, police said."])
def test_a_prose_line_that_starts_like_a_teaser_head_is_kept(line):
    text = ("Gunmen Kill Two Soldiers Near Mosul\n\nGunmen killed two soldiers at a checkpoint near Mosul on "
            f"Friday night, police said, and fled toward the desert.\n\n{line}\n\nThe attackers used a car "
            "without plates, a police officer said.\n")
    (article,), _ = load_text(text, "x.txt")
    assert line in article.analysis().text


def test_two_blank_lines_before_a_subheading_do_not_split_an_article(tmp_path):
    text = _read(S002).replace("\n\nFuture Direction of Isis\n", "\n\n\nFuture Direction of Isis\n")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    articles, _ = load_file(tmp_path / "a.txt")
    assert len(articles) == 1 and "Future Direction of Isis" in articles[0].analysis().text


@pytest.mark.parametrize(
    ("transform", "same_ids"),
    [
        (lambda b: b"\xef\xbb\xbf" + b, True),  # UTF-8 with BOM
        (lambda b: b.replace(b"\n", b"\r\n"), False),  # Windows line ends
        (lambda b: b"\xff\xfe" + b.decode("utf-8").encode("utf-16-le"), True),  # UTF-16 with BOM
    ],
    ids=["bom", "crlf", "utf16"],
)
def test_encodings_and_line_ends_give_the_same_articles(tmp_path, transform, same_ids):
    path = tmp_path / "000.txt"
    path.write_bytes(transform(S000.read_bytes()))
    articles, problems = load_file(path)
    plain, _ = load_file(S000)
    assert problems == []
    assert [(a.title, a.outlet, len(a.chrome)) for a in articles] == [(a.title, a.outlet, len(a.chrome)) for a in plain]
    assert ([a.article_id for a in articles] == [a.article_id for a in plain]) is same_ids
    for a in articles:
        assert all("\r" not in a.text[s:e] for s, e in a.chrome)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("name", "line", "column", "message"),
    [
        ("empty.txt", 0, 0, "empty file"),
        ("arabic_cp1256.txt", 3, 1, "not UTF-8: byte 0xE5 cannot be decoded; charset-normalizer reads it as "
         "Windows-1256 (Arabic). Skipped, never guessed: convert it to UTF-8, or load it deliberately with "
         "--encoding cp1256"),
        ("latin1.txt", 3, 6, "not UTF-8: byte 0xE9 cannot be decoded; charset-normalizer reads it as "
         "Windows-1252 (Western European) (also possible: latin_1, "),
        ("binary.txt", 3, 1, "binary file (NUL byte)"),
        ("only_chrome.txt", 1, 1, "no article text: the file holds only page chrome"),
    ],
)
def test_bad_files_give_a_problem_and_no_article(name, line, column, message):
    path = BAD / name
    articles, problems = load_file(path)
    assert articles == []
    assert len(problems) == 1
    p = problems[0]
    assert (p.path, p.line, p.column) == (str(path), line, column)
    assert p.message.startswith(message)
    assert str(p).startswith(f"{path}:{line}:{column}: ")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"   \n\n\t\n", "file holds only whitespace"),
        (b"Headline here\n\n" + bytes(range(1, 32)) * 4, "binary file (control characters)"),
        (b"Title\n\nSome text \xff\xfe here", "not UTF-8: byte 0xFF"),
        ("Attack near Mosul\n\nGunmen killed two.".encode("utf-16-le"), "looks like UTF-16 without a byte-order mark"),
        (b"\x00" * 64, "binary file (NUL byte)"),
    ],
)
def test_decode_problems(data, message):
    text, problems = decode(data, "x.txt")
    assert text is None and problems[0].message.startswith(message)


@pytest.mark.parametrize(("path", "codec"), [
    (ROOT / "tests" / "fixtures" / "real" / "incoming" / "q002_rudaw_kirkuk_dibis_soldiers_killed.txt", "cp1252"),
    (BAD / "arabic_cp1256.txt", "cp1256"),
])
def test_the_hinted_encoding_loads_the_file_as_it_was_written(tmp_path, path, codec):
    """A real article saved as Windows-1252 (its curly quotes) and the Arabic fixture: the message names the
    codec that gives the text back, and loading with it deliberately does."""
    original = path.read_bytes().decode("utf-8") if codec == "cp1252" else path.read_bytes().decode(codec)
    saved = tmp_path / "saved.txt"
    saved.write_bytes(original.encode(codec))
    articles, problems = load_file(saved)
    assert articles == [] and f"load it deliberately with --encoding {codec} " in problems[0].message
    articles, problems = load_file(saved, encoding=codec)
    assert problems == [] and articles[0].text == original.strip()


@pytest.mark.parametrize(
    ("path", "encoding", "title"),
    [
        (BAD / "arabic_cp1256.txt", "cp1256", "هجوم لداعش في كركوك"),
        (BAD / "latin1.txt", "latin-1", "Attack near Mosul"),
        (S003, "UTF8", "Iraq Authorities Launch Military Operation against ISIS in 4 Provinces"),
    ],
    ids=["cp1256", "latin-1", "utf8"],
)
def test_a_known_encoding_can_be_forced(path, encoding, title):
    articles, problems = load_file(path, encoding=encoding)
    assert problems == [] and [a.title for a in articles] == [title]
    assert "\ufffd" not in articles[0].text


def test_other_files_still_load_next_to_bad_ones(tmp_path):
    for bad in BAD.glob("*.txt"):
        (tmp_path / bad.name).write_bytes(bad.read_bytes())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "003.TXT").write_bytes(S003.read_bytes())
    (tmp_path / ".hidden.txt").write_bytes(S001.read_bytes())
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    articles, problems = load_corpus([tmp_path, S003, tmp_path / "missing"])
    assert [(a.file, a.part) for a in articles] == [("sub/003.TXT", 1)]
    assert len(problems) == 7  # five bad files, 003 given twice, a missing path
    assert problems[-2].message.startswith("part 1 repeats sub/003.TXT part 1 word for word")
    assert problems[-1].message == "no such file or folder"


# --------------------------------------------------------------------------- command line


def test_cli_lists_six_seed_articles(capsys):
    assert main(["corpus", str(SEEDS_DIR)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert err == "" and len(lines) == 6
    fields = [line.split("\t") for line in lines]
    assert [f[1:4] for f in fields] == [
        ["000_a60904ff0cbe9688.txt", "part 1", "-"],
        ["000_a60904ff0cbe9688.txt", "part 2", "Asharq Al-Awsat"],
        ["001_3c737952dd87d946.txt", "part 1", "Nova News"],
        ["002_4cb9e7caf88987d8.txt", "part 1", "7Dnews"],
        ["003_d2ae6c3051918892.txt", "part 1", "Asharq Al-Awsat"],
        ["004_8f364ae46ed74aad.txt", "part 1", "Shafaq News"],
    ]
    assert fields[3][4] == "2019-11-09T16:20 (minute)" and fields[0][4] == "undated"
    assert fields[3][6] == "7 chrome lines" and fields[5][6] == "1 chrome line"
    assert all(re.fullmatch(r"a[0-9a-f]{16}", f[0]) for f in fields)


def test_cli_reports_bad_files_on_stderr_and_exits_by_what_loaded():
    cmd = [sys.executable, "-m", "incidents", "corpus"]
    mixed = subprocess.run([*cmd, str(BAD), str(S001)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert mixed.returncode == 0
    assert len(mixed.stdout.splitlines()) == 1
    assert "Traceback" not in mixed.stderr
    assert f"{BAD / 'latin1.txt'}:3:6: not UTF-8" in mixed.stderr
    assert len(mixed.stderr.splitlines()) == 5
    only_bad = subprocess.run([*cmd, str(BAD)], capture_output=True, text=True, cwd=ROOT, check=False)
    assert only_bad.returncode == 1 and only_bad.stdout == ""


def test_cli_escapes_control_characters_in_article_text(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text(
        "Rockets \x1b[31mHit\tBase Near Mosul\n\nRockets struck an Iraqi air base south of Mosul on Friday, "
        "officials said, and no one was hurt.\n",
        encoding="utf-8",
    )
    articles, _ = load_file(path)
    line = format_article(articles[0])
    assert "\x1b" not in line and "\\x1b[31mHit\\tBase" in line
    assert line.count("\t") == 6
    assert printable("a\nb") == "a\\nb"


def test_article_id_function():
    assert article_id("abc") == "a" + hashlib.sha256(b"abc").hexdigest()[:16]


# --------------------------------------------------------------------------- robustness


def _random_documents(count: int, seed: int = 7) -> list[str]:
    """Documents cut and pasted from the seed lines, widgets, footers and odd characters."""
    import random

    rng = random.Random(seed)
    pool = [ln for p in sorted(SEEDS_DIR.glob("*.txt")) for ln in _read(p).split("\n")]
    pool += ["TT", "20", "", "", "", "Check Also", "Abu Dhabi", "Sat, 18 Jan 2020 06:14 GMT", "\t", "\u00a0",
             "Read also other news on Nova News", "theHamrin2025.They,x", "\x1b[0m", "…", "’s", "ISISx"]
    docs = []
    for _ in range(count):
        lines = [rng.choice(pool) for _ in range(rng.randint(0, 40))]
        doc = rng.choice(["\n", "\r\n"]).join(lines)
        if rng.random() < 0.2:
            cut = rng.randint(0, len(doc))
            doc = doc[:cut] + rng.choice(["\u200b", "\ufeff", "  ", "\n\n\n\n", "ÀÉ", "ك"]) + doc[cut:]
        docs.append(doc)
    return docs


@pytest.mark.parametrize("doc", _random_documents(120))
def test_any_text_gives_consistent_articles_or_a_problem(doc):
    articles, problems = load_text(doc, "r.txt")
    assert articles or problems
    for a in articles:
        assert doc[a.char_start: a.char_end] == a.text and a.text.strip()
        for s, e in a.chrome:
            assert 0 <= s <= e <= len(a.text)
            assert s == 0 or a.text[s - 1] == "\n"
            assert e == len(a.text) or a.text[e] in "\r\n"
        analysis = a.analysis()
        assert len(analysis.text) == len(a.text) + len(analysis.inserted)
        assert analysis.to_source(0, len(analysis.text)) == (0, len(a.text))


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_never_raise(seed):
    import random

    data = random.Random(seed).randbytes(200 + seed * 37)
    text, problems = decode(data, "r.txt")
    assert (text is None) == bool(problems)


_BODY = ("ERBIL (Kurdistan24) – On Saturday, a roadside bomb hit a Peshmerga vehicle near Daquq, wounding "
         "four fighters, a commander said.\n")


@pytest.mark.parametrize("title, again", [
    ("Kurdistan IED injures four Peshmerga in south of Kirkuk", "IED injures four Peshmerga in south of Kirkuk"),
    ("Roadside bomb wounds four fighters near Daquq", "Roadside bomb wounds four fighters near Daquq - Rudaw"),
    ("Iraq News Roadside bomb wounds four fighters near Daquq", "Roadside bomb wounds four fighters near Daquq"),
])
def test_the_headline_printed_again_with_a_label_cut_or_added_is_chrome(title, again):
    (article,), _ = load_text(f"{title}\n\n{again}\n\n{_BODY}", "x.txt")
    assert article.chrome_lines() == [again] and article.title == title
    assert "\n" + again not in article.analysis().text


@pytest.mark.parametrize("title, line", [
    ("Roadside bomb wounds four fighters near Daquq", "Roadside bomb wounds four fighters near Daquq as attacks rise"),
    ("Roadside bomb wounds four fighters near Daquq",
     "Roadside bomb wounds four fighters near Daquq as attacks on the front line rise again"),   # a subheading
])
def test_a_header_line_that_only_shares_some_words_with_the_headline_is_kept(title, line):
    (article,), _ = load_text(f"{title}\n\n{line}\n\n{_BODY}", "x.txt")
    assert line not in article.chrome_lines()


@pytest.mark.parametrize(("text", "title", "published", "outlet", "lead"), [
    (  # a saved page's stamp glued to the lead: the day is the page's, the dateline and the lead are the article's
        " date 2021-09-12 ERBIL (Kurdistan 24) – An Iraqi army outpost near a town north of Baghdad came under "
        "attack from a suspected ISIS cell, one security source said.\n\nThe terrorists killed three soldiers.\n",
        "An Iraqi army outpost near a town north of Baghdad came under attack from a suspected ISIS cell…",
        "2021-09-12", "Kurdistan 24", "ERBIL (Kurdistan 24) – An Iraqi army outpost",
    ),
    (  # glued to a headline
        " date 2021-07-21 Baghdad market suicide bombing kills at least 30\n\nA suicide bomber struck a crowded "
        "market in Sadr City on Monday, police said.\n",
        "Baghdad market suicide bombing kills at least 30", "2021-07-21", "", "Baghdad market suicide bombing",
    ),
    (  # glued to a short header line, which stays a header
        " date 2025-08-25 Shafaq News – Washington\n\nThe coalition's mission to defeat ISIS in Iraq will end in "
        "September, the Pentagon said on Monday.\n",
        "The coalition's mission to defeat ISIS in Iraq will end in September, the Pentagon said on Monday.",
        "2025-08-25", "", "date 2025-08-25 Shafaq News",
    ),
])
def test_a_saved_pages_date_stamp_gives_the_publication_day_and_stays_out_of_the_lead(
        text, title, published, outlet, lead):
    articles, problems = load_text(text, "x.txt")
    assert problems == [] and len(articles) == 1
    a = articles[0]
    assert (a.title, a.published, a.published_precision) == (title, published, "day")
    assert a.outlet == outlet and a.text.lstrip().startswith(lead)
    assert text[a.char_start:a.char_start + len(a.text)] == a.text


def test_the_story_date_printed_again_over_each_related_story_is_the_date_not_the_headline():
    related = "\n".join(["Related Articles"] + ["Tuesday, 9th July 2019\nAnother story on the site today"] * 4)
    text = ("Police: At least 3 killed, 4 wounded in ISIS attack in Northern Iraq\nTuesday, 9th July 2019\n"
            "At least three people were killed and four others injured on Tuesday when three mortar bombs hit the town "
            "of Shirqat in northern Iraq, police officials said.\n" + related + "\n")
    (article,), _ = load_text(text, "wic.txt")
    assert article.title == "Police: At least 3 killed, 4 wounded in ISIS attack in Northern Iraq"
    assert article.published == "2019-07-09"
