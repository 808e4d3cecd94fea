"""Datelines in the forms real news pages print them (incidents/corpus/datelines.py; header rules in
incidents/corpus/plaintext.py). Every line below is quoted from a real page: a development article of
tests/fixtures/real/incoming (file named), or a public page of the search tool's stored-pages corpus
(address named). None of them is a page of shared/reserved_sources.txt."""

from __future__ import annotations

import pytest

from incidents import ROOT
from incidents.corpus.articles import load_file, load_text
from incidents.corpus.datelines import is_relative_stamp, parse_dateline

REAL = ROOT / "tests" / "fixtures" / "real" / "incoming"

REAL_LINES = [
    # --- ISO, with a time after a space, a "T", a bar
    ("Date: 2022-11-15T13:56:34+0000", "2022-11-15T13:56:34", "second"),  # q027 (Shafaq News), zone not applied
    ("2023-06-11 | 07:16", "2023-06-11T07:16", "minute"),                 # w005 (AFP copy)
    ("  • 2020-07-25 16:09:20", "2020-07-25T16:09:20", "second"),         # aijesnews.com/en/middle-east/news10365.html
    # --- month names, weekday before, a time after (comma, dash, "at", 12-hour clock)
    ("Wednesday, May 15, 2024", "2024-05-15", "day"),                     # q007 (Iraqi News)
    ("Tuesday, 9th July 2019", "2019-07-09", "day"),                      # wicnews.com/world/police-least-3-killed-...
    ("Tuesday, 25 June 2024", "2024-06-25", "day"),                       # thelevantnews.com/en/article/four-iraqi-...
    ("20 December, 2022", "2022-12-20", "day"),                           # w016 (The New Arab)
    ("Updated 25 August 2019", "2019-08-25", "day"),                      # w024 (Arab News)
    ("Sunday, 22 March, 2020 - 09:00", "2020-03-22T09:00", "minute"),     # w022 (Asharq Al-Awsat)
    ("Saturday 8 October 2022 - 07:54", "2022-10-08T07:54", "minute"),    # islamtimes.org/en/news/1018268/...
    ("August 25, 2019 at 5:45 pm", "2019-08-25T17:45", "minute"),         # middleeastmonitor.com/20190825-daesh-...
    ("Oct 28, 2021, 10:20 AM", "2021-10-28T10:20", "minute"),             # en.mehrnews.com/news/180122/...
    ("Fri Oct 21, 2016 09:40:23", "2016-10-21T09:40:23", "second"),       # en.alalam.ir/news/1875409
    ("8 September 2016 6:54", "2016-09-08T06:54", "minute"),              # islamicinvitationturkey.com/2016/09/08/...
    ("By The Associated Press March 19, 2019 10:54 am 03/19/2019 10:54am", "2019-03-19T10:54", "minute"),  # w029
    # --- numbers: only when the order is certain (a day above 12, or the year first)
    ("Sunday 13-08-2017 - 11:13 AM", "2017-08-13T11:13", "minute"),       # albawabaeg.com/94821
    ("27-07-2025", "2025-07-27", "day"),                                  # daily8.com (Rudaw Net item)
    ("Baghdad – Iraq  13/12/2020", "2020-12-13", "day"),                  # a24na.com/archives/20362
    ("8/4/2020 00:20:00", None, None),                                    # q018 (PUK Media): 8 April or 4 August?
    # --- agency credits followed by a timestamp
    ("BAS News - 2017-09-06 11:38", "2017-09-06T11:38", "minute"),         # rojname.com/3413417
    ("Source: Xinhua| 2019-02-08 23:58:10|Editor: Mu Xuequan", "2019-02-08T23:58:10", "second"),  # w001 (Xinhua)
    ("Just Earth News | @justearthnews | 26 Oct 2021, 09:38 pm Print", "2021-10-26T21:38", "minute"),
    # justearthnews.com/people-details/HC/6090/...
    ("Diyala-ALsharqiya September 26: Nine people were killed", None, None),  # alsharqiya.com: no year, no date
    # --- a row of fields longer than a dateline
    ("Photo of Indo-Asian News Service Indo-Asian News Service Follow on Twitter |   Posted by Sakina Fatima  |"
     "   Published: 12th June 2023 12:15 pm IST", "2023-06-12T12:15", "minute"),  # w007 (IANS)
    # --- a time alone: no date
    ("11:52pm", None, None),                                               # rudaw.net/english/kurdistan/21102016-amp
    ("BEIRUT, LEBANON (12:30 P.M.) – On Monday, the Iraqi security", None, None),  # almasdarnews.com/article/isis-...
]


@pytest.mark.parametrize(("line", "iso", "precision"), REAL_LINES)
def test_real_header_lines(line, iso, precision):
    found = parse_dateline(line)
    assert ((found.iso, found.precision) if found else (None, None)) == (iso, precision)


@pytest.mark.parametrize(("line", "relative"), [
    ("2 hours ago", True),
    ("Updated 3 hours ago", True),
    ("Yesterday", True),
    ("Updated: Tuesday, 12 March 2024 14:05 GMT", False),   # a stamp with its date is a date, not a relative stamp
    ("ISIS attacks decreased by 68% in Iraq", False),       # q009's headline
    ("“A few hours ago, your heroic colleagues in the Counter-Terrorism Service managed to kill", False),  # prose
])
def test_relative_stamps(line, relative):
    assert is_relative_stamp(line) is relative
    if relative:
        assert parse_dateline(line) is None


HEADERS = [
    # a real header (rojname.com/3413417): outlet and timestamp from "BAS News - 2017-09-06 11:38"
    ("Peshmerga Demands Coalition to Review Relations\n\nBAS News - 2017-09-06 11:38\n\nERBIL — As the fight "
     "against the Islamic State (IS) has entered a new phase, Peshmerga Ministry of the Kurdistan Region has called "
     "on the anti-IS US-led Global Coalition to revisit its work.\n",
     "Peshmerga Demands Coalition to Review Relations", "BAS News", "2017-09-06T11:38"),
    # an INA credit with the agency's timestamp on the same line
    ("Cache Seized in Nineveh\n\nBaghdad-INA 2024-03-12 10:41\n\nSecurity forces seized a cache of explosives in "
     "Nineveh on Sunday, the Security Media Cell said.\n", "Cache Seized in Nineveh", "INA", "2024-03-12T10:41"),
    # a relative stamp: chrome, never the title, no date
    ("Updated 3 hours ago\n\nGunmen Kill Two Soldiers Near Mosul\n\nGunmen killed two soldiers at a checkpoint near "
     "Mosul on Friday night, police said, and fled.\n", "Gunmen Kill Two Soldiers Near Mosul", "", ""),
]


@pytest.mark.parametrize(("text", "title", "outlet", "published"), HEADERS)
def test_headers_with_credits_stamps_and_relative_forms(text, title, outlet, published):
    (article,), problems = load_text(text, "x.txt")
    assert problems == [] and (article.title, article.outlet, article.published) == (title, outlet, published)
    assert article.chrome_kinds == ("dateline",)


@pytest.mark.parametrize(("name", "published", "precision"), [
    ("w022_aawsat_iraq_isis_growing_threat_analysis.txt", "2020-03-22T09:00", "minute"),
    ("w005_afp_kirkuk_wadi_al_naft_barracks_attack.txt", "2023-06-11T07:16", "minute"),
    ("q018_pukmedia_garmiyan_kulajo_peshmerga_base_mortar_attack.txt", "", ""),
])
def test_real_articles_are_dated_by_their_headers(name, published, precision):
    (article, *_), _ = load_file(REAL / name)
    assert (article.published, article.published_precision) == (published, precision)
