"""Pipeline (incidents/extract/pipeline.py) on articles of our own: one event per case, fields checked.

Every case is a short article in the seeds' formats (a Shafaq-style dateline gives the publication
date 2023-06-14, a Wednesday), read by the real corpus loader and the real gazetteer. The sentences
are new phrasings, not copies of seed sentences, so the rules are checked for generality.
"""

from __future__ import annotations

import pytest

from incidents.corpus.articles import load_text
from incidents.extract.confidence import reasons_of
from incidents.extract.dedupe import dedupe
from incidents.extract.pipeline import extract_article, make_note
from incidents.places.geo import load_gazetteer

DATELINE = " date 2023-06-14 2023-06-14 11:20:00 - From: Shafaq News\n\nShafaq News/ "


def _rows(body: str, dateline: str = DATELINE) -> list[dict]:
    articles, problems = load_text(dateline + body + "\n", "case.txt")
    assert not problems and len(articles) == 1
    article = articles[0]
    rows = dedupe(extract_article(article, load_gazetteer()))
    for r in rows:
        assert article.text[r["span_start"]:r["span_end"]] == r["quote"]
        r["notes"] = make_note(r)
    return rows


CASES = [
    ("Two Iraqi soldiers were killed and four others wounded when an improvised explosive device targeted their "
     "vehicle in the Tarmiyah district, north of Baghdad, on Tuesday, a security source said.",
     dict(sub_event_type="Remote explosive/landmine/IED", actor1="Unidentified Armed Group (Iraq)",
          actor2="Military Forces of Iraq", admin1="Baghdad", fatalities=2, wounded=4, date_start="2023-06-13")),
    ("Iraqi warplanes carried out three airstrikes on ISIS positions near Makhmour on Monday, killing five "
     "militants, the Security Media Cell said.",
     dict(sub_event_type="Air/drone strike", actor1="Military Forces of Iraq: Air Force",
          actor2="Islamic State (Iraq)", fatalities=5, date_start="2023-06-12", time_precision=1)),
    ("In Diyala, gunmen kidnapped two farmers near Jalawla late on Sunday and took them to an unknown location.",
     dict(event_type="Violence against civilians", sub_event_type="Abduction/forced disappearance",
          actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)", admin1="Diyala",
          date_start="2023-06-11", arrested="")),
    ("Federal Police forces arrested a wanted ISIS leader in western Mosul, according to a police statement.",
     dict(sub_event_type="Arrests", actor1="Police Forces of Iraq: Federal Police", actor2="Islamic State (Iraq)",
          admin1="Nineveh", arrested=1, date_start="")),
    ("Peshmerga forces repelled an ISIS attack on their positions near Kifri on Saturday night; one Peshmerga "
     "fighter was killed and two were injured.",
     dict(sub_event_type="Armed clash", actor1="Islamic State (Iraq)",
          actor2="Military Forces of Iraqi Kurdistan: Peshmerga", fatalities=1, wounded=2, date_start="2023-06-10")),
    ("Last week, a suicide bomber detonated his explosive vest at a checkpoint in Tikrit, killing three policemen.",
     dict(sub_event_type="Suicide bomb", admin1="Salah ad-Din", fatalities=3, date_start="2023-06-05",
          date_end="2023-06-11", time_precision=2)),
    ("Counter-Terrorism Service units killed four ISIS members in an operation in the Hamrin Mountains on Friday.",
     dict(event_type="Battles", actor1="Military Forces of Iraq: Counter-Terrorism Service",
          actor2="Islamic State (Iraq)", fatalities=4, date_start="2023-06-09")),
    ("ISIS militants executed a shepherd in the desert near Rutba on Monday.",
     dict(event_type="Violence against civilians", sub_event_type="Attack", actor1="Islamic State (Iraq)",
          admin1="Anbar", fatalities=1, civilian_targeting="Civilian targeting")),
    ("Two members of the Popular Mobilization Forces were killed and three others wounded in an ISIS attack on "
     "their positions near Tarmiyah late on Monday, security sources said.",
     dict(sub_event_type="Armed clash", actor1="Islamic State (Iraq)", actor2="Popular Mobilization Forces",
          fatalities=2, wounded=3, date_start="2023-06-12")),
    ("The Iraqi Security Media Cell said an F-16 strike destroyed an ISIS hideout in the Wadi al-Shay valley, "
     "killing three militants.",
     dict(sub_event_type="Air/drone strike", actor1="Military Forces of Iraq: Air Force",
          actor2="Islamic State (Iraq)", admin1="Kirkuk", fatalities=3)),
    ("Security forces killed an ISIS \"wali\" in an ambush in the Hamrin mountains, the Joint Operations "
     "Command said on Tuesday.",
     dict(event_type="Battles", actor1="Military Forces of Iraq", fatalities=1, date_start="")),
    ("Unknown gunmen assassinated a local mukhtar in Hawija on Saturday.",
     dict(event_type="Violence against civilians", sub_event_type="Attack", actor1="Unidentified Armed Group (Iraq)",
          actor2="Civilians (Iraq)", admin1="Kirkuk", fatalities=1, date_start="2023-06-10")),
    ("Turkish drones struck a vehicle in Sinjar on Sunday, killing two PKK-affiliated fighters.",
     dict(sub_event_type="Air/drone strike", actor1="Military Forces of Turkey",
          actor2="PKK: Kurdistan Workers Party", admin1="Nineveh", fatalities=2, inter1=8)),
    ("A roadside bomb targeted a convoy carrying logistical equipment for the US-led coalition on the highway "
     "near Diwaniyah, without causing casualties.",
     dict(sub_event_type="Remote explosive/landmine/IED", actor1="Unidentified Armed Group (Iraq)",
          actor2="Coalition Forces", admin1="Qadisiyah", fatalities="")),
    ("Three ISIS suspects were detained in a security operation in the al-Rashad district of Kirkuk on Wednesday.",
     dict(sub_event_type="Arrests", actor2="Islamic State (Iraq)", admin1="Kirkuk", arrested=3,
          date_start="2023-06-14")),
    ("A PMF fighter was killed by ISIS militants near Tarmiyah on Monday, a PMF statement said.",
     dict(event_type="Battles", actor1="Islamic State (Iraq)", actor2="Popular Mobilization Forces", fatalities=1)),
    ("Two soldiers were killed near Baiji on Sunday.",
     dict(event_type="Battles", actor1="Unidentified Armed Group (Iraq)", actor2="Military Forces of Iraq",
          fatalities=2, date_start="2023-06-11")),
    ("In Nineveh, a child was killed and a woman injured when a landmine left over from the war against ISIS "
     "exploded in the Baaj district on Monday.",
     dict(sub_event_type="Remote explosive/landmine/IED", actor2="Civilians (Iraq)", fatalities=1, wounded=1)),
    ("ISIS fighters killed two shepherds and kidnapped a third near Rutba on Tuesday.",
     dict(event_type="Violence against civilians", sub_event_type="Attack", actor1="Islamic State (Iraq)",
          fatalities=2, date_start="2023-06-13")),
    ("Iraqi forces thwarted a suicide attack in Tarmiyah on Monday, killing the would-be bomber before he could "
     "detonate his vest.",
     dict(event_type="Strategic developments", sub_event_type="Disrupted weapons use", actor1="Military Forces of Iraq",
          date_start="2023-06-12")),
    ("A drone of unknown origin struck a PMF headquarters near Qaim on Wednesday, killing one fighter.",
     dict(sub_event_type="Air/drone strike", actor1="Unidentified Armed Group (Iraq)",
          actor2="Popular Mobilization Forces", fatalities=1, admin1="Anbar")),
    ("Three soldiers were wounded when a roadside bomb exploded near their vehicle in Tarmiyah on Sunday.",
     dict(actor1="Unidentified Armed Group (Iraq)", actor2="Military Forces of Iraq", wounded=3, date_start="2023-06-11")),
    ("Unknown gunmen threw a hand grenade at a police station in Sinjar on Saturday night, wounding two policemen.",
     dict(sub_event_type="Grenade", actor1="Unidentified Armed Group (Iraq)", actor2="Police Forces of Iraq",
          wounded=2, date_start="2023-06-10")),
    ("Iraqi forces killed three ISIS militants and arrested two others in a raid near Daquq on Monday.",
     dict(event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Iraq", fatalities=3,
          arrested=2, admin1="Kirkuk")),
    ("On Tuesday, mortar rounds fired by Isis militants hit a village near Tuz Khurmatu, wounding a child.",
     dict(sub_event_type="Shelling/artillery/missile attack", actor1="Islamic State (Iraq)", admin1="Salah ad-Din",
          wounded=1, date_start="2023-06-13")),
    # a passive verb's agent after its place and time; the victim's home town is not the place
    ("Three policemen were killed near Tarmiyah late on Monday by Daesh gunmen. One of them, a father of four "
     "from Kirkuk, had joined the force last year.",
     dict(actor1="Islamic State (Iraq)", actor2="Police Forces of Iraq", admin1="Baghdad", fatalities=3)),
    # the passive subject is the target, not the army a checkpoint suggests; "shot dead" is a killing
    ("Two policemen were shot dead at a checkpoint near Tarmiyah on Monday in an ambush by Daesh militants.",
     dict(actor1="Islamic State (Iraq)", actor2="Police Forces of Iraq", fatalities=2, date_start="2023-06-12")),
    # the target the text names ("targeting X") wins over the passive subject ("people")
    ("Three people were killed in an ISIS ambush targeting al-Hashd al-Shaabi east of Baiji on Sunday.",
     dict(actor1="Islamic State (Iraq)", actor2="Popular Mobilization Forces", fatalities=3, admin1="Salah ad-Din")),
    ("Two soldiers were killed in the village of Albu Sabah on Sunday night by militants of the Islamic State. "
     "Another soldier was injured in the attack.",
     dict(actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq", fatalities=2, wounded=1,
          date_start="2023-06-11")),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_one_event(body, expected):
    rows = _rows(body)
    assert len(rows) == 1, [r["quote"] for r in rows]
    row = rows[0]
    got = {k: row[k] for k in expected}
    assert got == expected
    assert row["method"] and row["notes"].endswith(".")
    assert row["event_id"].startswith("IIM") and len(row["event_id"]) == 15


@pytest.mark.parametrize("body", [
    "ISIS has carried out 120 attacks in Kirkuk since January, the governor said.",
    "Officials warned that the group may launch new attacks during the religious holidays in Baghdad.",
    "Security expert Ahmed Hamid said ISIS cells remain active in the Hamrin Mountains.",
    "The government plans to deploy more forces around markets in Baghdad next month.",
    "Attacks by ISIS cells in remote areas of Diyala have continued regularly for months.",
    "Since the start of the year, 35 civilians have been killed in ISIS attacks in Diyala, according to an official.",
    "ISIS threatened to attack polling stations in Kirkuk and Mosul.",
    "Police in Kirkuk found a mass grave containing the remains of 20 people killed by ISIS in 2014.",
    "The Iraqi parliament voted on the withdrawal of foreign forces from bases in Anbar and Erbil.",
    "Security forces killed 40 militants and arrested 120 suspects in operations across Anbar, Kirkuk and Diyala.",
    '"They attack when they see weakness, then disappear into the valleys," said a Peshmerga commander in Makhmour.',
    "Iraqi and coalition aircraft regularly bomb hideouts in the Hamrin range, and the army conducts frequent sweeps.",
    "The attacks have taken place in the provinces of Anbar, Baghdad, Diyala, Kirkuk and Salah al-Din.",
    "Most of the raids were launched in the governorates of Nineveh and Kirkuk, the report said.",
])
def test_no_event(body):
    assert _rows(body) == []


def test_two_events_in_one_sentence_get_their_own_counts():
    rows = _rows("A roadside bomb killed two soldiers near Baiji on Monday, while in Diyala gunmen attacked a "
                 "checkpoint near Khanaqin, wounding three policemen.")
    assert len(rows) == 2
    by_type = {r["sub_event_type"]: r for r in rows}
    ied = by_type["Remote explosive/landmine/IED"]
    clash = by_type["Armed clash"]
    assert (ied["admin1"], ied["fatalities"], ied["wounded"]) == ("Salah ad-Din", 2, "")
    assert (clash["admin1"], clash["fatalities"], clash["wounded"]) == ("Diyala", "", 3)


def test_fronted_after_clause_dates_the_main_event():
    rows = _rows("Two days after the bombing that killed five people in Sadr City on Thursday, security forces "
                 "arrested four suspects in a raid in Abu Ghraib.",
                 dateline=" date 2023-06-14 2023-06-14 11:20:00 - From: Shafaq News\n\nShafaq News/ ")
    by_type = {r["sub_event_type"]: r for r in rows}
    assert by_type["Remote explosive/landmine/IED"]["date_start"] == "2023-06-08"
    assert by_type["Arrests"]["date_start"] == "2023-06-10"
    assert by_type["Arrests"]["arrested"] == 4


def test_same_event_told_twice_in_one_article_is_one_row():
    rows = _rows("A roadside bomb struck an army patrol near Muqdadiyah on Monday, killing two soldiers.\n\n"
                 "The explosive device had been planted on a rural road near Muqdadiyah, officials said.\n\n"
                 "The bombing near Muqdadiyah also wounded three soldiers.")
    assert len(rows) == 1
    assert (rows[0]["fatalities"], rows[0]["wounded"]) == (2, 3)
    assert rows[0]["quote"].startswith("A roadside bomb struck")


def test_a_sentence_that_names_the_event_before_as_its_cause_is_no_new_event():
    rows = _rows("Gunmen attacked an army post near Tarmiyah on Monday, killing one soldier.\n\n"
                 "Security forces closed the roads around Tarmiyah following the attack, the army said.\n\n"
                 "Search operations were carried out in the orchards north of Baghdad because of this assault.")
    assert [r["quote"][:23] for r in rows] == ["Gunmen attacked an army"]


def test_the_cause_told_first_or_said_which_is_still_an_event():
    rows = _rows("Roads were closed in Tarmiyah after the attack that killed two policemen at a checkpoint on Monday.")
    assert len(rows) == 1 and rows[0]["fatalities"] == 2
    rows = _rows("Gunmen attacked an army post near Tarmiyah on Monday, killing one soldier.\n\n"
                 "Troops arrested three suspects in Taji after the attack.")
    assert len(rows) == 2 and rows[1]["arrested"] == 3


def test_one_of_the_victims_speaking_continues_the_event_and_an_outlet_is_no_place():
    rows = _rows("Gunmen kidnapped five shepherds near Tuz Khurmatu on Thursday and seized their sheep.\n\n"
                 "One of the shepherds, whom the kidnappers released later, told KirkukNow that the gunmen "
                 "had pointed guns at them and abducted them.")
    assert len(rows) == 1
    assert (rows[0]["location"], rows[0]["admin1"]) == ("near Tuz Khurmatu", "Salah ad-Din")


@pytest.mark.parametrize("source", ["A medical source from Tikrit General Hospital told Shafaq News",
                                    "An official at the Tikrit Teaching Hospital said",
                                    "A source in the Salahuddin Health Directorate said"])
def test_a_hospital_or_health_office_named_after_a_town_is_no_place_of_the_event(source):
    rows = _rows("ISIS militants attacked an army post near Baiji on Wednesday, killing three soldiers.\n\n"
                 f"{source}, “three soldiers were killed and two others were wounded.”")
    assert [(r["location"], r["fatalities"], r["wounded"]) for r in rows] == [("near Baiji", 3, 2)]


@pytest.mark.parametrize(("line", "admin1"), [("SALADIN, Iraq:", "Salah ad-Din"), ("DIYALA (Reuters) -", "Diyala"),
                                              ("BAGHDAD (AP) —", "")])
def test_a_governorate_dateline_places_an_event_told_in_northern_iraq_and_a_city_dateline_does_not(line, admin1):
    rows = _rows(f"{line} Six Daesh terrorists were killed during security operations in northern Iraq, officials said.",
                 " date 2023-06-14 2023-06-14 11:20:00 - From: Shafaq News\n\n")
    assert len(rows) == 1 and rows[0]["admin1"] == admin1 and rows[0]["country"] == "Iraq"


def test_a_verb_told_once_for_two_places_gives_two_events():
    rows = _rows("Security forces arrested nine suspects in Hawija on Sunday and four others in Tuz Khurmatu.")
    assert [(r["admin1"], r["arrested"], r["date_start"]) for r in rows] == [
        ("Kirkuk", 9, "2023-06-11"), ("Salah ad-Din", 4, "2023-06-11")]
    rows = _rows("Troops arrested four militants and three more in Baiji on Monday.")   # one place: one event
    assert [(r["location"], r["arrested"]) for r in rows] == [("Baiji", 7)]


def test_a_range_takes_the_governorate_the_article_puts_it_in_elsewhere():
    rows = _rows("Iraqi warplanes struck ISIS hideouts in the Hamrin mountains on Monday, the army said.\n\n"
                 "Intelligence had tracked militants moving in the Hamrin mountains of Diyala governorate for weeks.")
    assert [(r["location"], r["admin1"]) for r in rows] == [("Hamrin Mountains", "Diyala")]
    rows = _rows("Iraqi warplanes struck ISIS hideouts in the Hamrin mountains on Monday, the army said.")
    assert [r["admin1"] for r in rows] == ["Kirkuk"]   # said nowhere: the gazetteer's point


def test_the_day_in_a_dateline_credit_is_the_report_day_not_the_event_day():
    plain = " date 2023-06-14 2023-06-14 11:20:00 - From: Shafaq News\n\n"
    rows = _rows("MOSCOW (Sputnik - 14th June, 2023) Iraqi forces killed nine Daesh members in the Anbar desert, "
                 "the army said on Wednesday.", plain)
    assert [(r["fatalities"], r["date_start"]) for r in rows] == [(9, "")]
    rows = _rows("BAGHDAD (AFP) - Iraqi forces killed nine Daesh members in the Anbar desert on Tuesday.", plain)
    assert [r["date_start"] for r in rows] == ["2023-06-13"]


def test_a_day_told_before_the_report_verb_gives_way_to_the_events_own_day():
    rows = _rows("On Wednesday, the Security Media Cell announced that army helicopters had bombed ISIS hideouts in "
                 "Diyala governorate, killing three terrorists.\n\n"
                 "The cell said: \"On Tuesday night, the helicopters struck a cave used by the terrorists in the "
                 "mountains near Jalawla.\"")
    assert [(r["location"], r["date_start"], r["fatalities"]) for r in rows] == [("near Jalawla", "2023-06-13", 3)]
    alone = _rows("On Tuesday, police said that gunmen had shot dead a shepherd near Tuz Khurmatu.")
    assert [r["date_start"] for r in alone] == ["2023-06-13"]   # nothing better: the report's day stays


@pytest.mark.parametrize("body", [
    "A father of three from Halabja was shot dead by gunmen near Khanaqin on Monday.",
    "Gunmen shot dead two residents of Halabja near Khanaqin on Monday.",
    "Gunmen shot dead two inhabitants of Halabja near Khanaqin on Monday.",
])
def test_where_a_victim_comes_from_is_not_where_the_event_was(body):
    assert [(r["admin1"], r["location"]) for r in _rows(body)] == [("Diyala", "near Khanaqin")]


@pytest.mark.parametrize("body", [
    "Gunmen shot dead two farmers near Khanaqin on Monday.\n\n\u201cThey shot two of them and wounded four,\u201d a "
    "relative said, noting that the wounded were taken to Sulaimani.",
    "Gunmen shot dead two farmers near Khanaqin on Monday and three others were transferred to a hospital in Baghdad.",
    "Gunmen shot dead two farmers near Khanaqin on Monday.\n\nThey wounded a third, who was airlifted to the city "
    "of Erbil.",
])
def test_where_the_wounded_were_taken_is_not_where_the_event_was(body):
    assert [(r["admin1"], r["location"]) for r in _rows(body)] == [("Diyala", "near Khanaqin")]


@pytest.mark.parametrize("route", [
    "The bombers had come via the western Anbar desert, a separate report said.",
    "Officials said the attackers had infiltrated from Syria's Deir ez-Zor.",
    "The gunmen crossed from Kirkuk's Hawija district, police said.",
])
def test_where_the_attackers_came_from_is_not_where_the_event_was(route):
    rows = _rows("Two suicide bombers blew themselves up near a checkpoint in Sinjar on Sunday, killing a soldier.\n\n"
                 "Security forces had surrounded them in a house.\n\n" + route)
    assert [(r["admin1"], r["location"]) for r in rows] == [("Nineveh", "Sinjar")]


@pytest.mark.parametrize("body", [
    "A roadside bomb hit a police convoy in the southwestern sub-district of Riyadh in Kirkuk, killing two policemen.",
    "Gunmen killed two farmers in the village of Damascus near Hawija in Kirkuk on Monday.",
])
def test_an_iraqi_village_named_like_a_foreign_city_is_not_that_city(body):
    assert {(r["country"], r["admin1"]) for r in _rows(body)} == {("Iraq", "Kirkuk")}


def test_the_two_governments_of_a_disputed_territory_are_not_its_place():
    rows = _rows("Gunmen killed two shepherds near Tuz Khurmatu on Monday, in an area disputed between Erbil and "
                 "Baghdad.")
    assert [r["admin1"] for r in rows] == ["Salah ad-Din"]
    rows = _rows("Gunmen killed two shepherds on Monday in a rural area disputed by Baghdad and Erbil.")
    assert [r["admin1"] for r in rows] == [""]


def test_a_place_the_text_names_but_we_cannot_locate_is_not_the_datelines_city():
    dateline = " date 2023-06-14 ERBIL (Kurdistan 24) – "
    rows = _rows("Peshmerga forces repelled an ISIS attack in the Garmiyan area overnight, killing two militants.",
                 dateline)
    assert [(r["admin1"], r["location"]) for r in rows] == [("", "")]
    rows = _rows("Peshmerga forces repelled an ISIS attack overnight, killing two militants.", dateline)
    assert [r["location"] for r in rows] == ["Erbil"]   # nothing else said: the dateline's city, held weakly


def test_a_scene_the_forces_rushed_to_stays_the_place():
    rows = _rows("Security forces rushed to the scene in Hawija on Monday after gunmen killed two farmers.")
    assert [r["admin1"] for r in rows] == ["Kirkuk"]


def test_where_a_sentence_says_the_event_took_place_is_its_place():
    rows = _rows("ISIS militants abducted four farmers from a village in southern Kirkuk on Tuesday.\n\n"
                 "The farmers grow wheat.\n\nOfficials worry.\n\nThe harvest is late.\n\n"
                 "The mayor of the nearby town, Ali Hassan, said that the kidnapped farmers live in Hleiwa, a "
                 "Tuz Khurmatu village, but the kidnapping took place in the countryside of the Daquq district.")
    assert [(r["admin1"], r["location"]) for r in rows] == [("Kirkuk", "Daquq")]


def test_a_capital_that_speaks_is_its_government_and_a_reported_operation_continues_the_event():
    rows = _rows("Iraqi forces have killed nine Islamic State commanders, Baghdad announced on Tuesday.\n\n"
                 "Prime Minister Sudani said the operation targeted IS hideouts in the Hamrin Mountains.")
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Hamrin Mountains", 9)]


@pytest.mark.parametrize("body, place", [
    ("At least four soldiers were killed in Kirkuk province on Monday, the army said, as Baghdad continues to battle "
     "ISIS remnants.", ("Kirkuk", "Kirkuk")),
    ("Two policemen were killed in a bomb attack in Diyala province on Monday, while Erbil is seeking more troops.",
     ("Diyala", "Diyala")),
    ("A car bomb killed five people in Baghdad on Monday, while Baghdad continues to deny the militants a foothold.",
     ("Baghdad", "Baghdad")),
])
def test_a_capital_that_acts_is_its_government_not_the_place(body, place):
    assert [(r["admin1"], r["location"]) for r in _rows(body)] == [place]


def test_a_place_and_its_vicinity_are_one_place_for_two_kinds_of_mention():
    rows = _rows("Iraqi forces killed six Daesh militants in Makhmour on Monday.\n\n"
                 "Coalition aircraft carried out an air strike against the group in the vicinity of Makhmour.")
    assert len(rows) == 1 and rows[0]["fatalities"] == 6


def test_a_saved_page_stamp_dates_the_page_not_the_event():
    rows = _rows("At least eight policemen were killed on Sunday near Kirkuk by a roadside bomb.",
                 " date 2022-12-18 Eight policemen killed near Kirkuk\n\n")
    assert [r["date_start"] for r in rows] == ["2022-12-18"]        # Sunday of the stamp's week
    rows = _rows("At least eight policemen were killed near Kirkuk by a roadside bomb.",
                 " date 2022-12-18 Eight policemen killed near Kirkuk\n\n")
    assert [r["date_start"] for r in rows] == [""]                  # the stamp itself dates nothing


def test_a_dateline_after_a_saved_page_stamp_is_where_the_report_was_filed():
    rows = _rows("", " date 2023-04-02 Checkpoint Attacked\n\n"
                 " date 2023-04-02 BAGHDAD (AP) – Militants attacked a checkpoint on Sunday, a police source said.\n\n"
                 "The source said the gunmen killed two policemen at the checkpoint near Hawija, Kirkuk province.")
    assert [(r["admin1"], r["fatalities"]) for r in rows] == [("Kirkuk", 2)]


def test_undated_article_gives_undated_rows():
    rows = _rows("Yesterday, ISIS militants attacked an army checkpoint near Hawija, killing two soldiers.",
                 dateline="Iraqi Soldiers Killed in Hawija\n\n")
    assert len(rows) == 1
    assert (rows[0]["event_date"], rows[0]["date_start"], rows[0]["time_precision"]) == ("", "", "")


def test_event_in_syria_keeps_its_country():
    rows = _rows("ISIS militants executed 12 Syrian soldiers near Deir ez-Zor in Syria on Monday.")
    assert len(rows) == 1
    assert rows[0]["country"] == "Syria"
    assert rows[0]["actor1"] == "Islamic State (Syria)"
    assert rows[0]["iso"] == 760
    assert rows[0]["source"] == "Shafaq News" and rows[0]["source_scale"] == "National"


def test_the_same_event_in_two_articles_is_one_row_listing_both():
    from incidents.dataset.build import extract_rows

    a, _ = load_text(DATELINE + "A roadside bomb killed two soldiers near Baiji on Tuesday, officials said.\n",
                     "one.txt")
    b, _ = load_text(" date 2023-06-13 2023-06-13 18:00:00 - From: Shafaq News\n\nShafaq News/ Two Iraqi soldiers "
                     "were killed on Tuesday when an IED exploded near their patrol in Baiji.\n", "two.txt")
    rows = extract_rows(a + b, load_gazetteer())
    assert len(rows) == 1
    assert rows[0]["source_articles"] == f"{a[0].article_id}; {b[0].article_id}"
    assert rows[0]["article_id"] == a[0].article_id and rows[0]["date_start"] == "2023-06-13"


@pytest.mark.parametrize(("stamp", "rows"), [(" date 2023-06-13 ", 1), (" date 2023-06-20 ", 2), ("", 2)])
def test_an_undated_report_joins_the_dated_one_only_when_published_within_days_of_it(stamp, rows):
    from incidents.dataset.build import extract_rows

    a, _ = load_text(DATELINE + "Four soldiers were killed on Monday when ISIS militants attacked an army post near "
                     "Dibis, northwest of Kirkuk, a security source said.\n", "one.txt")
    b, _ = load_text(stamp + "ISIS attack kills four soldiers west of Kirkuk\n\nFour Iraqi army soldiers were killed "
                     "in an attack by ISIS elements west of Kirkuk province, police sources said.\n", "two.txt")
    assert len(extract_rows(a + b, load_gazetteer())) == rows


def test_undated_events_in_two_articles_stay_apart():
    from incidents.dataset.build import extract_rows

    a, _ = load_text("Bomb in Baiji\n\nA roadside bomb killed two soldiers near Baiji, officials said.\n", "one.txt")
    b, _ = load_text("Blast in Baiji\n\nA roadside bomb killed two soldiers near Baiji, police said.\n", "two.txt")
    assert len(extract_rows(a + b, load_gazetteer())) == 2


@pytest.mark.parametrize(("body", "actor1", "actor2"), [
    ("A car bomb exploded near a police checkpoint in Tikrit on Monday, killing two policemen.\n\n"
     "Daesh claimed responsibility for the bombing in a statement.", "Islamic State (Iraq)", "Police Forces of Iraq"),
    ("A car bomb exploded near a police checkpoint in Tikrit on Monday, killing two policemen.\n\n"
     "No group has claimed responsibility so far.", "Unidentified Armed Group (Iraq)", "Police Forces of Iraq"),
    ("On Sunday, an army patrol came under fire from ISIS militants near Baiji, and a soldier was wounded.",
     "Islamic State (Iraq)", "Military Forces of Iraq"),
    ("An army checkpoint near Baiji came under attack from a suspected Daesh cell on Monday.",
     "Islamic State (Iraq)", "Military Forces of Iraq"),
    ("Daesh gunmen shot dead a shepherd near Rutba on Friday, a police source told Shafaq News.",
     "Islamic State (Iraq)", "Civilians (Iraq)"),
    ("A roadside bomb struck an army patrol near Baqubah on Friday, killing two soldiers.",
     "Unidentified Armed Group (Iraq)", "Military Forces of Iraq"),
    ("Mosul is calm. In January, an attack on an army post near Tarmiyah killed four soldiers, ISIS said.",
     "Islamic State (Iraq)", "Military Forces of Iraq"),
    ("A US drone strike killed a Kataib Hezbollah commander in Baghdad on Wednesday.",
     "Military Forces of the United States", "Kataib Hezbollah"),
    # the victims of a reduced passive ("policemen killed in a blast") never act
    ("Three policemen killed in a roadside bomb blast near Samarra on Tuesday, a security source said.",
     "Unidentified Armed Group (Iraq)", "Police Forces of Iraq"),
    ("Two soldiers have died after an explosive device went off under their vehicle near Daquq on Sunday.",
     "Unidentified Armed Group (Iraq)", "Military Forces of Iraq"),
    # an attribution in the next sentence names the attacker of the event before
    ("Two soldiers have died after an explosive device went off under their vehicle near Daquq on Sunday.\n\n"
     "Officials said the device was reportedly planted by ISIS militants.", "Islamic State (Iraq)",
     "Military Forces of Iraq"),
    # unclaimed: the article's ISIS topic does not name the attacker
    ("ISIS remnants remain active in the area. A bomb struck an army vehicle near Hawija on Sunday, killing a "
     "soldier.\n\nThe attack was not immediately claimed.", "Unidentified Armed Group (Iraq)", "Military Forces of Iraq"),
    ("Daesh cells are active in Diyala. Two farmers were shot dead near Muqdadiya on Friday, in an attack that "
     "nobody has yet claimed.", "Unidentified Armed Group (Iraq)", "Civilians (Iraq)"),
])
def test_who_did_it(body, actor1, actor2):
    rows = _rows(body)
    assert len(rows) == 1
    assert (rows[0]["actor1"], rows[0]["actor2"]) == (actor1, actor2)


def test_an_anaphor_with_a_place_of_its_own_elsewhere_is_a_new_event():
    rows = _rows("ISIS militants attacked an army checkpoint near Hawija on Monday, killing two soldiers.\n\n"
                 "The militants then fled towards the Hamrin mountains.\n\n"
                 "The attackers later ambushed a police patrol near Tikrit, wounding three policemen.")
    assert len(rows) == 2
    assert [r["admin1"] for r in rows] == ["Kirkuk", "Salah ad-Din"]
    assert rows[0]["location"] != "Hamrin Mountains"


@pytest.mark.parametrize(("body", "expected"), [
    ("KIRKUK, Iraq (AP) — A bomb hidden in a motorcycle exploded at a crowded market in Kirkuk on Saturday, "
     "killing five people and wounding at least 20, officials said.",
     dict(quote_start="A bomb hidden", actor2="Civilians (Iraq)", fatalities=5, wounded=20)),
    ("Later on Saturday, militants attacked a checkpoint manned by the Popular Mobilization Forces near Tuz "
     "Khurmatu, killing one fighter, police said. ISIS was blamed.",
     dict(actor1="Islamic State (Iraq)", actor2="Popular Mobilization Forces", fatalities=1)),
    ("A Peshmerga soldier was wounded by sniper fire near Makhmour on Friday.",
     dict(sub_event_type="Armed clash", actor2="Military Forces of Iraqi Kurdistan: Peshmerga", wounded=1)),
    ("Two Kurdish security (Asayish) officers were injured when suspected ISIS militants attacked their post in "
     "Kifri on Wednesday.",
     dict(actor1="Islamic State (Iraq)", actor2="Police Forces of Iraqi Kurdistan: Asayish", wounded=2)),
])
def test_wire_styles(body, expected):
    rows = _rows(body, dateline="Report\n\n")
    assert len(rows) == 1
    row = dict(rows[0], quote_start=rows[0]["quote"][:len(expected.get("quote_start", ""))])
    assert {k: row[k] for k in expected} == expected


def test_an_article_about_syria_places_unlocated_events_in_syria():
    rows = _rows("ISIS militants attacked an SDF post in Deir ez-Zor on Monday, killing three fighters.\n\n"
                 "On Tuesday, the militants executed two shepherds, the Syrian Observatory said.")
    assert [r["country"] for r in rows] == ["Syria", "Syria"]


def test_and_joins_two_events_with_their_own_places():
    rows = _rows("On Monday, an IED killed two soldiers in Tarmiyah and two gunmen shot and wounded a policeman "
                 "in Baqubah.")
    got = sorted((r["sub_event_type"], r["location"], r["fatalities"], r["wounded"]) for r in rows)
    assert got == [("Armed clash", "Baqubah", "", 1), ("Remote explosive/landmine/IED", "Tarmiyah", 2, "")]


def test_and_inside_one_event_does_not_split_it():
    rows = _rows("In Kirkuk, troops searched 45 villages and destroyed four tunnels and two hideouts and arrested "
                 "two terrorists on Monday.")
    assert len(rows) == 1 and rows[0]["arrested"] == 2


def test_came_a_week_after_dates_from_the_other_event():
    rows = _rows("Gunmen kidnapped three farmers near Baiji, local sources said.\n\n"
                 "The kidnapping came four days after Iraqi warplanes carried out airstrikes in the Makhoul mountains.\n\n"
                 "On June 5, 2023, Iraqi warplanes struck ISIS hideouts in the Makhoul mountains, killing six militants.",
                 dateline="Farmers Kidnapped\n\n")
    by_type = {r["sub_event_type"]: r for r in rows}
    assert by_type["Air/drone strike"]["date_start"] == "2023-06-05"
    kidnap = by_type["Abduction/forced disappearance"]
    assert (kidnap["date_start"], kidnap["date_end"], kidnap["time_precision"]) == ("2023-06-09", "2023-06-09", 1)


def test_history_in_an_undated_article_is_not_news():
    rows = _rows("Iraqi forces killed three ISIS militants near Sinjar on Monday, March 4, 2024, officials said.\n\n"
                 "The town never recovered from the 2014 ISIS attack on Sinjar that killed thousands of Yazidis.",
                 dateline="Sinjar Raid\n\n")
    assert [r["fatalities"] for r in rows] == [3]


def test_a_background_year_does_not_hide_the_event():
    rows = _rows("ISIS, which overran Mosul in 2014, attacked a checkpoint near Baiji on Monday, killing two soldiers. "
                 "Officials gave the toll on March 4, 2024.", dateline="Baiji Attack\n\n")
    assert [r["fatalities"] for r in rows] == [2]


def test_two_attacks_in_two_towns_of_one_governorate_stay_apart():
    rows = _rows("On Monday, ISIS militants attacked an army checkpoint in Daquq, killing a soldier.\n\n"
                 "On Monday, ISIS militants also attacked a police post in Hawija, killing a policeman.")
    assert sorted(r["location"] for r in rows) == ["Daquq", "Hawija"]


def test_the_object_of_a_trigger_is_not_its_actor():
    rows = _rows("In Salah al-Din, security forces arrested two suspects in the Shirqat district, while an army unit "
                 "destroyed two ISIS hideouts in the Makhoul mountains on Monday.")
    by_type = {r["sub_event_type"]: r for r in rows}
    assert (by_type["Arrests"]["arrested"], by_type["Arrests"]["location"]) == (2, "Sharqat")
    hideouts = by_type["Disrupted weapons use"]
    assert (hideouts["actor1"], hideouts["actor2"]) == ("Military Forces of Iraq", "Islamic State (Iraq)")


def test_a_round_up_lead_dates_the_events_it_lists():
    rows = _rows("Security incidents in Iraq on Monday left one person dead and three injured, sources said.\n\n"
                 "In Diyala, an IED went off near a PMF vehicle near Khanaqin, wounding three fighters.\n\n"
                 "In Kirkuk, a farmer was killed by an ISIS sniper near Daquq.")
    assert [r["date_start"] for r in rows] == ["2023-06-12", "2023-06-12"]


def test_a_lead_that_tells_its_own_event_does_not_date_the_others():
    rows = _rows("On Monday, an IED went off near a PMF vehicle near Khanaqin, wounding three fighters.\n\n"
                 "In Kirkuk, a farmer was killed by an ISIS sniper near Daquq.")
    assert [r["date_start"] for r in rows] == ["2023-06-12", ""]


@pytest.mark.parametrize("body, expected", [
    ("Police on Tuesday uncovered a weapons cache belonging to ISIS, an officer said.\n\n"
     "The officer said the cache was in an orchard near Hawija.",
     [("Kirkuk", "Disrupted weapons use", "2023-06-13")]),
    ("Police uncovered a weapons cache belonging to ISIS, an officer said.\n\n"
     "The officer said the cache was in an orchard near Hawija.", []),   # no day of its own: not told as news
    ("Security is calm in the province, an officer said on Tuesday.\n\n"
     "Police uncovered a weapons cache belonging to ISIS.", []),          # not the lead
])
def test_a_dated_lead_without_a_place_is_placed_by_the_paragraph_after_it(body, expected):
    assert [(r["admin1"], r["sub_event_type"], r["date_start"]) for r in _rows(body)] == expected


def test_a_dated_lead_summing_up_attacks_is_no_event_of_its_own():
    rows = _rows("There were more terrorist attacks on Tuesday in northern Iraq, officials said.\n\n"
                 "Officials said militants fired mortar rounds at a police post near Hawija, wounding two policemen.")
    assert [(r["admin1"], r["wounded"]) for r in rows] == [("Kirkuk", 2)]


@pytest.mark.parametrize("lead, body", [
    ("Security forces arrested a prominent ISIS member in Nineveh governorate on Monday.",
     "A joint force arrested the militant in Makhmour district, the intelligence service said."),
    ("Police arrested an ISIS suspect in Kirkuk province on Monday.",
     "The suspect was detained in Tuz Khurmatu, a police source said."),
])
def test_a_disputed_district_told_in_its_other_governorate_is_the_same_event(lead, body):
    rows = dedupe(_rows(lead + "\n\n" + body))
    assert len(rows) == 1 and rows[0]["arrested"] == 1


def test_a_town_told_in_an_unrelated_governorate_is_still_another_event():
    rows = dedupe(_rows("Security forces arrested an ISIS suspect in Diyala governorate on Monday.\n\n"
                        "In Makhmour district, a joint force arrested two other militants, the ministry said."))
    assert sorted((r["admin1"], r["arrested"]) for r in rows) == [("Diyala", 1), ("Erbil", 2)]


def test_a_roundup_over_two_governorates_with_a_toll_stays_a_row():
    rows = _rows("ISIS militants killed 12 people in attacks in Kirkuk and Diyala provinces on Monday.")
    assert [r["fatalities_low"] for r in rows] == [12]


def test_attacks_told_in_turn_after_a_lead_summing_them_up_are_rows_of_their_own():
    rows = dedupe(_rows(
        "At least 20 security members were killed during overnight attacks by ISIS militants on army posts in Diyala "
        "province, a security source said.\n\n"
        "One of the attacks occurred after midnight when militants assaulted an army post near Jalawla, killing 12 "
        "soldiers and wounding five others.\n\n"
        "Meanwhile, fierce clashes took place when dozens of ISIS militants advanced toward tribal fighters posts near "
        "Muqdadiyah, the source said.\n\n"
        "The fighters repelled the attack, killing three militants, while four fighters were killed."))
    # the lead sums them up (no row); the last paragraph elaborates the clash announced just before it (3 + 4 dead)
    assert sorted((r["location"], r["fatalities_low"], r["wounded"]) for r in rows) == [
        ("near Jalawla", 12, 5), ("near Muqdadiyah", 7, "")]


def test_a_range_takes_the_governorate_of_the_town_the_sentence_puts_it_by():
    rows = _rows("Iraqi F-16 jets bombed ISIS caves in the Hamrin mountains near Tuz Khurmatu on Monday, killing "
                 "three militants, the army said.")
    assert [(r["location"], r["admin1"], r["fatalities"]) for r in rows] == [("Hamrin Mountains", "Salah ad-Din", 3)]


def test_a_claim_of_the_attack_names_its_initiator_and_tells_no_event():
    rows = _rows("Gunmen killed three shepherds near Hawija on Sunday, a police source said.\n\n"
                 "ISIS claimed the attack, 60 km south of Mosul, in a statement on its Amaq agency.")
    assert [(r["location"], r["fatalities"], r["actor1"]) for r in rows] == [
        ("near Hawija", 3, "Islamic State (Iraq)")]
    # the killing of others is no claim of the attack told before: a new event
    rows = _rows("A roadside bomb killed three policemen near Hawija on Sunday, a police source said.\n\n"
                 "ISIS also claimed the killing of two soldiers near Baiji on Monday.")
    assert sorted(r["location"] for r in rows) == ["near Baiji", "near Hawija"]


def test_a_claim_that_also_names_another_attack_keeps_the_other():
    rows = _rows("Gunmen killed three shepherds near Hawija on Sunday, a police source said.\n\n"
                 "ISIS claimed the attack, as well as a suicide bombing at a bus station in Tikrit the same day.")
    assert sorted(r["location"] for r in rows) == ["Tikrit", "near Hawija"]


def test_an_attack_called_separate_is_another_event():
    rows = _rows("ISIS militants attacked an army post near Baiji on Tuesday, killing two soldiers.\n\n"
                 "Three policemen were killed in a separate attack at a checkpoint, the source added.")
    assert sorted(r["fatalities"] for r in rows) == [2, 3]


def test_an_oil_field_is_a_place():
    rows = _rows("ISIS militants attacked guards at the Khabbaz oil field on Tuesday, killing two of them.")
    assert [(r["location"], r["admin1"]) for r in rows] == [("Khabbaz oilfield", "Kirkuk")]


def test_a_placeless_event_takes_the_place_the_lead_sets_the_story_in():
    lead = "In the village of Albu Dur, just south of Tikrit, ISIS militants tried to abduct a farmer on Friday.\n\n"
    body = "Witnesses said the militants killed the farmer before fleeing into the desert."
    rows = _rows(lead + body)
    assert [(r["admin1"], r["fatalities"]) for r in rows] == [("Salah ad-Din", 1)]
    # a lead that names two governorates sets no single place; the event stays unplaced
    rows = _rows("ISIS militants tried to abduct a farmer on Friday, in Tikrit or Kirkuk, sources disagree.\n\n" + body)
    assert [(r["admin1"], r["fatalities"]) for r in rows] == [("", 1)]


def test_a_later_death_does_not_make_the_attack_told_before_another():
    rows = _rows("A roadside bomb hit an army patrol near Baiji late on Saturday, police said.\n\n"
                 "Local officials gave more details.\n\n"
                 "The attack killed four soldiers, including one who died of his wounds on Sunday, medics said.")
    assert [(r["location"], r["fatalities"]) for r in rows] == [("near Baiji", 4)]


def test_the_attempt_told_next_gives_the_event_its_day():
    rows = _rows("Clashes erupted near Kifri after ISIS militants kidnapped a shepherd, the Peshmerga said.\n\n"
                 "Around 3 p.m. on Monday, eight militants attempted to kidnap the shepherd and his flock.")
    assert [(r["location"], r["date_start"]) for r in rows] == [("near Kifri", "2023-06-12")]
    # an attempt of another kind tells another story: it dates nothing
    rows = _rows("Clashes erupted near Kifri after ISIS militants kidnapped a shepherd, the Peshmerga said.\n\n"
                 "On Monday, militants tried to plant a bomb on the road to Daquq.")
    assert [r["date_start"] for r in rows] == [""]


@pytest.mark.parametrize(("recap", "rows_of_it"), [
    # the development articles' recap: a toll and a month with its year told relatively, 16 months before
    ("A twin suicide bombing in Baghdad in January last year killed 31 people.", [(31, "2022-01-01")]),
    ("In March 2021, a roadside bomb near Tarmiyah wounded four soldiers.", [(None, "2021-03-01")]),
    # history without its dead: no incident
    ("Key cities in Salahuddin were captured by the militants in June 2014.", []),
    ("In January last year, the group lost its last stronghold in the Hamrin mountains.", []),
])
def test_a_recap_of_an_earlier_attack_with_its_dead_is_an_incident(recap, rows_of_it):
    # published Wed 2023-06-14: the recaps are over a year old
    rows = _rows("Iraqi forces killed three ISIS militants near Sinjar on Monday, officials said.\n\n" + recap)
    old = [(r["fatalities"] or None, r["date_start"]) for r in rows if r["date_start"] < "2023-01-01"]
    assert old == rows_of_it and [r["fatalities"] for r in rows if r["date_start"] == "2023-06-12"] == [3]


def test_where_the_government_spoke_is_not_where_the_attack_was():
    # the development articles' copy of Telesur: the Kirkuk attack confirmed "In Baghdad"
    rows = _rows("At least eight federal police officers were killed on Monday in an attack near Hawija in Kirkuk "
                 "province.\n\nIn Baghdad, an Interior Ministry official confirmed the attack and reported that seven "
                 "policemen, including an officer, had been killed.")
    assert [(r["admin1"], r["fatalities"]) for r in rows] == [("Kirkuk", 8)]


@pytest.mark.parametrize(("text", "place"), [
    ("In Baghdad, a security official said a car bomb killed three people in Sadr City on Monday.", "Sadr City"),
    ("In Baghdad, police said a car bomb killed three people on Monday.", "Baghdad"),
])
def test_an_event_in_the_capital_keeps_its_place(text, place):
    assert [r["location"] for r in _rows(text)] == [place]


def test_news_of_its_own_told_by_a_ministry_in_the_capital_is_placed_there():
    rows = _rows("Gunmen attacked a checkpoint near Hawija on Sunday, killing two soldiers.\n\nIn Baghdad, an Interior "
                 "Ministry spokesman said a car bomb killed three people at a market on Monday.")
    assert sorted((r["admin1"], r["fatalities"]) for r in rows) == [("Baghdad", 3), ("Kirkuk", 2)]


@pytest.mark.parametrize("dateline", ["", DATELINE])
@pytest.mark.parametrize("follow_up, toll, place", [
    ("This strike follows a Sunday ambush in Kirkuk that left nine federal policemen dead and was claimed by ISIS.",
     9, "Kirkuk"),
    ("The attack followed an ambush near Hawija last week that killed nine federal policemen.", 9, "near Hawija"),
])
def test_an_earlier_event_the_attack_follows_is_a_row_of_its_own(dateline, follow_up, toll, place):
    rows = _rows("Two Iraqi soldiers were killed and three wounded when a bomb struck their vehicle near Dibis, "
                 "officials said.\n\n" + follow_up, dateline)
    assert [(r["fatalities"], r["location"]) for r in rows] == [(2, "near Dibis"), (toll, place)]


def test_a_deck_under_the_headline_only_lends_like_the_headline():
    rows = _rows("Iraqi forces kill two ISIS militants in Kirkuk\n\nMilitants clash with security forces in Hawija "
                 "district\n\nMarch 5, 2024\n\nIraqi security forces killed two ISIS militants late Monday in the Hawija "
                 "district of Kirkuk province, a spokesman said.\n", "")
    assert [(r["fatalities"], r["location"], r["date_start"]) for r in rows] == [(2, "Hawija", "2024-03-04")]
    assert rows[0]["quote"].startswith("Iraqi security forces killed")


@pytest.mark.parametrize("lead", [
    # a lead the page cut short, one closed by a quote after its stop, one that opens with a wire dateline
    "Gunmen killed three shepherds near Tuz Khurmatu on Monday and burned their tents, police said …",
    "Three shepherds were killed near Tuz Khurmatu on Monday, police said, calling it ‘a cowardly attack.’",
    "TUZ KHURMATU, Iraq (AP) — Gunmen killed three shepherds near the town on Monday, police said",
])
def test_a_short_lead_that_does_not_end_in_a_plain_full_stop_is_body_text_not_headline(lead):
    rows = _rows(f"Shepherds killed in Salah al-Din\n\nMarch 5, 2024\n\n{lead}\n", "")
    assert [(r["fatalities"], r["admin1"], r["date_start"]) for r in rows] == [(3, "Salah ad-Din", "2024-03-04")]
    assert rows[0]["quote"] in lead


def test_a_headline_under_a_masthead_is_the_headline_and_the_dateline_does_not_move_the_place():
    rows = _rows("Daily Frontier News\n\nFive Iraqi Soldiers Killed In Terrorist Attack\n\nMarch 5, 2024\n\nBaghdad: An "
                 "army officer and four soldiers lost their lives in an assault on their base near Tuz Khurmatu on "
                 "Monday, officials said.\n", "")
    assert [(r["fatalities"], r["location"]) for r in rows] == [(5, "near Tuz Khurmatu")]
    assert rows[0]["quote"].startswith("Baghdad: An army officer")


@pytest.mark.parametrize("body, actor1", [
    ("Two people were killed near Baiji on Monday, police said. ISIS remnants are active in the area.",
     "Islamic State (Iraq)"),
    ("Two men were shot dead near Baiji on Monday, police said. ISIS remnants are active in the area.",
     "Islamic State (Iraq)"),
    ("One of his colleagues from the 44th Brigade was killed in a valley near Daquq. ISIS cells roam the valley.",
     "Islamic State (Iraq)"),
    ("Two people were killed near Baiji on Monday, police said.", "Unidentified Armed Group (Iraq)"),
    # militants killed, or a subject the actors do not name: the state acted
    ("Five ISIS militants were killed near Baiji on Monday, police said.", "Military Forces of Iraq"),
    ("The military said its forces had killed an intended suicide bomber near Tarmiyah on Sunday. ISIS claimed "
     "nothing.", "Military Forces of Iraq"),
    # the subject names the attackers: they were killed, they did not kill
    ("The two attackers were killed near Baiji on Monday, police said. ISIS remnants are active in the area.",
     "Military Forces of Iraq"),
    ("Three members of the cell were killed near Baiji on Monday, police said. ISIS remnants are active in the area.",
     "Military Forces of Iraq"),
])
def test_people_killed_by_someone_unnamed_were_not_killed_by_the_state(body, actor1):
    assert [r["actor1"] for r in _rows(body)] == [actor1]


@pytest.mark.parametrize("lead, follow_up, admin1", [
    ("ISIS militants attacked an army site in Salahuddin, killing five soldiers.",
     "The attack took place on Monday evening, between Diyala and Saladin governorates, where Iraqi forces fended "
     "off the extremists.", "Salah ad-Din"),
    ("An Iraqi soldier was killed in Kirkuk province on Friday in an ISIS attack.",
     "A soldier told Rudaw that one of his colleagues was killed in a valley located on the border of Kirkuk and "
     "Salahaddin provinces.", "Kirkuk"),
])
def test_a_border_of_two_governorates_is_no_other_place(lead, follow_up, admin1):
    rows = _rows(lead + "\n\n" + follow_up)
    assert [r["admin1"] for r in rows] == [admin1]


def test_an_event_placed_on_a_governorate_border_says_so():
    rows = _rows("ISIS militants attacked a military post in an area on the border between Diyala and Saladin "
                 "provinces on Monday, killing two soldiers.")
    assert [(r["admin1"], r["fatalities"]) for r in rows] == [("Diyala", 2)]
    assert "place on a governorate border" in reasons_of(rows[0])
    assert not _rows("ISIS militants attacked villages in Diyala and Salahuddin on Monday, killing two soldiers.")[0][
        "_border_place"]


@pytest.mark.parametrize("body, killed", [
    ("An army officer and four soldiers lost their lives in an assault on their base near Tuz Khurmatu on Monday, "
     "officials said.", 5),
    ("An army officer and four soldiers were killed in an assault on their base near Tuz Khurmatu on Monday.", 5),
    ("An army officer lost his life in an assault on his base near Tuz Khurmatu on Monday, officials said.", 1),
])
def test_soldiers_who_lost_their_lives_are_the_victims_after_a_dateline(body, killed):
    rows = _rows(body)   # the Shafaq-style "Shafaq News/ " before the subject is no part of it
    assert [(r["fatalities"], r["actor1"], r["actor2"]) for r in rows] == [
        (killed, "Unidentified Armed Group (Iraq)", "Military Forces of Iraq")]


def test_soldiers_who_fell_victim_to_an_assault_are_its_victims():
    rows = _rows("Two soldiers fell victim to a terrorist assault on their base near Tuz Khurmatu on Monday, officials "
                 "said.")
    assert [(r["actor1"], r["actor2"]) for r in rows] == [("Unidentified Armed Group (Iraq)", "Military Forces of Iraq")]


@pytest.mark.parametrize("dateline", ["", DATELINE])
def test_arrests_of_other_counts_at_places_of_their_own_are_other_operations(dateline):
    rows = _rows("Nine Islamic State members were arrested in an operation west of Mosul, the Nineveh Operations "
                 "Command announced.\n\nOn Tuesday, police managed, during an operation, to arrest 20 IS members in "
                 "Hammam al-Alil, south of Mosul.", dateline)
    assert sorted(r["arrested"] for r in rows) == [9, 20]


def test_arrests_told_again_with_their_count_stay_one_operation():
    rows = _rows("Iraqi forces arrested nine ISIS suspects in an operation west of Mosul on Monday.\n\n"
                 "The nine suspects were arrested in the Badush area, west of Mosul, a police source said.")
    assert [r["arrested"] for r in rows] == [9]


def test_where_a_reporter_is_based_is_not_where_the_event_was():
    rows = _rows("Four Peshmerga fighters were killed in an ISIS attack near Altun Kupri on Monday.\n\n"
                 "Esta Media Network reporter in Kirkuk said four members of the Peshmerga forces including a "
                 "captain were killed in the attack.")
    assert [(r["location"], r["fatalities"]) for r in rows] == [("near Altun Kupri", 4)]
    assert [r["location"] for r in _rows("A bomb exploded in Kirkuk on Monday, killing two soldiers, our "
                                         "correspondent reported.")] == ["Kirkuk"]


@pytest.mark.parametrize("body", [
    "The militants in August captured Gwer and the nearby town of Makhmour, posing a threat to Erbil.",
    "ISIS fighters seized the town of Baiji in June after a week of fighting.",
])
def test_a_place_taken_is_no_arrest(body):
    assert [r["sub_event_type"] for r in _rows(body)] == []


def test_people_captured_near_a_place_are_still_arrested():
    rows = _rows("Iraqi forces captured three ISIS suspects near Baiji on Monday, police said.")
    assert [(r["sub_event_type"], r["arrested"]) for r in rows] == [("Arrests", 3)]


@pytest.mark.parametrize("lead_day, rows_expected", [("Wednesday", 2), ("Tuesday", 1)])
def test_an_undated_article_s_lead_weekday_decides_whether_its_attack_is_another_outlet_s(lead_day, rows_expected):
    from incidents.dataset.build import extract_rows
    undated = ("Security round-up from northern Iraq\n\nIS militants attacked army outposts west of Baiji on "
               f"{lead_day}, killing a soldier, police said.\n\nAlso in the province, IS militants fired two mortar "
               "rounds on a village near the town of Shirqat, killing three civilians and wounding six.\n")
    dated = (" date 2019-07-09 2019-07-09 11:20:00 - From: Shafaq News\n\nShafaq News/ At least three people were "
             "killed on Tuesday when three mortar bombs hit the town of Shirqat, police said.\n")
    articles = load_text(undated, "undated.txt")[0] + load_text(dated, "dated.txt")[0]
    shirqat = [r for r in extract_rows(articles) if "Sharqat" in r["location"]]
    assert len(shirqat) == rows_expected, [(r["quote"], r["source"]) for r in shirqat]
