"""Document-level linking (incidents/extract/linking.py), background sentences and navigation chrome.

Every case is a short article of our own in the seeds' formats, read by the real corpus loader and
the real gazetteer, with new phrasings (not copies of the development articles), so the rules are
checked for generality: each class of the extraction issue has several wordings.
"""

from __future__ import annotations

import pytest

from incidents.corpus.articles import load_text
from incidents.extract.linking import SEPARATE, TOLL_UPDATE, combined_range, decide, is_roundup
from incidents.extract.types import non_incident_reason
from tests.unit.test_pipeline import _rows

AGENCY = "Rebels Strike Again\n\nBy Staff Writer June 14, 2023 10:20 am\n\n"


@pytest.mark.parametrize("body, killed, other", [
    ("Security forces raided a hideout near Hawija on Monday. They detained nine suspects and killed two others.",
     2, ("arrested", 9)),
    ("Iraqi aircraft bombed ISIS caves in the Hamrin mountains on Monday. In the strikes, three militants were killed.",
     3, None),
    ("ISIS militants attacked an army post near Tuz Khurmatu on Monday night.\n\n"
     "Two soldiers were killed in the clashes, a security source said.", 2, None),
    ("Gunmen stormed a checkpoint in Daquq on Monday.\n\nAs a result of the assault, four policemen were killed.",
     4, None),
])
def test_a_follow_up_sentence_without_a_place_joins_the_event(body, killed, other):
    rows = _rows(body)
    assert len(rows) == 1, [r["quote"] for r in rows]
    assert rows[0]["fatalities"] == killed
    if other:
        assert rows[0][other[0]] == other[1]


@pytest.mark.parametrize("body", [
    "ISIS militants attacked a village near Khanaqin on Monday, killing two farmers.\n\n"
    "Meanwhile, in another village near Jalawla, gunmen abducted three shepherds.",
    "A roadside bomb killed a soldier near Baiji on Monday.\n\n"
    "Separately, Iraqi jets struck ISIS hideouts in the Makhoul mountains, killing four militants.",
    "A car bomb killed seven soldiers near Ramadi on Friday.\n\n"
    "The bombing came three days after nine policemen were killed in an ambush elsewhere in Anbar province.",
])
def test_a_new_event_announced_stays_apart(body):
    assert len(_rows(body)) == 2


def test_a_lead_summing_up_attacks_in_two_governorates_gives_no_row_when_the_body_tells_them():
    rows = _rows("Nine people were killed in two attacks by ISIS militants in Nineveh and Salahuddin provinces.\n\n"
                 "Militants shot dead four shepherds near Tal Afar on Monday, police said.\n\n"
                 "In a separate attack, a roadside bomb killed five soldiers near Baiji on Monday.")
    assert sorted((r["admin1"], r["fatalities"]) for r in rows) == [("Nineveh", 4), ("Salah ad-Din", 5)]


@pytest.mark.parametrize("body, admin1", [
    ("Gunmen killed two farmers in a village in Diyala province, northeast of Baghdad, on Monday.", "Diyala"),
    ("A bomb killed three soldiers in Tikrit, some 170 km north of Baghdad, on Monday.", "Salah ad-Din"),
    ("Militants killed six policemen on Monday in the restive Nineveh province west of Erbil.", "Nineveh"),
    ("Three soldiers were killed on Monday in Diyala province, situated northeast of Baghdad.", "Diyala"),
    ("Gunmen killed two farmers on Monday in Kirkuk province, which lies north of Baghdad.", "Kirkuk"),
])
def test_a_direction_after_a_place_only_says_where_that_place_lies(body, admin1):
    rows = _rows(body)
    assert [r["admin1"] for r in rows] == [admin1]


@pytest.mark.parametrize("follow_up, kept", [
    ("The spokesman said 62 militants were killed as troops cleared hideouts in the Hamrin mountains.", 0),
    ("Among them were 11 commanders, killed in raids on caves near Khanaqin, he added.", 0),
    ("On Monday, a roadside bomb killed two soldiers near Baquba, police said.", 1),
])
def test_a_sentence_going_on_with_a_years_toll_is_part_of_the_summary(follow_up, kept):
    rows = _rows("Security forces killed more than 60 militants in operations across Diyala province last year, "
                 "the army said.\n\n" + follow_up)
    assert len(rows) == kept, [r["quote"] for r in rows]


def test_the_dateline_city_is_not_the_place_of_an_event_the_body_places():
    rows = _rows("", dateline="Mortar Fire on Farmers\n\nBy Staff Writer June 14, 2023 10:20 am\n\n"
                 "BAGHDAD (AP) — Militants fired mortar rounds at farmers on Monday, killing three of them.\n\n"
                 "The shelling took place in a village of the Daquq district, south of Kirkuk, police said.")
    assert len(rows) == 1
    assert rows[0]["admin1"] == "Kirkuk" and rows[0]["location"] != "Baghdad"


def test_a_dateline_city_alone_still_places_the_event_weakly():
    rows = _rows("", dateline="Bomb Hits Market\n\nBy Staff Writer June 14, 2023 10:20 am\n\n"
                 "MOSUL, Iraq (Reuters) - A bomb exploded in a crowded market on Monday, killing five people.")
    assert [r["admin1"] for r in rows] == ["Nineveh"]


@pytest.mark.parametrize("update, best", [
    ("The death toll has since risen to nine, a hospital source said.", 9),
    ("Later reports raised the toll: the number of the dead climbed to nine.", 9),
])
def test_a_toll_update_gives_the_best_count_and_keeps_the_range(update, best):
    rows = _rows("A car bomb exploded near a checkpoint in Tikrit on Monday, killing five soldiers.\n\n" + update)
    assert len(rows) == 1
    assert (rows[0]["fatalities"], rows[0]["fatalities_low"], rows[0]["fatalities_high"]) == (best, 5, 9)


@pytest.mark.parametrize("a, b, expected", [
    ((3, None), (7, 7), ((7, 7), "both")),      # "at least three" and "seven" agree on seven
    ((30, None), (8, 8), ((30, None), "a")),    # "eight women were among the dead" is part of 30+
    ((8, 8), (30, None), ((30, None), "b")),
    ((5, 5), (9, 9), ((5, 9), "hull")),         # two closed counts that conflict keep both ends
    ((4, 6), (5, 9), ((5, 6), "both")),         # "four to six" and "five to nine" share five and six
    ((2, None), (5, None), ((5, None), "both")),
])
def test_two_statements_of_one_toll_combine_to_what_both_support(a, b, expected):
    assert combined_range(a, b) == expected


@pytest.mark.parametrize("body, counts", [
    ("At least two policemen died when gunmen attacked a checkpoint in Baiji on Monday.\n\n"
     "The attack left six policemen dead, a police officer said.", (6, 6, 6)),
    ("A suicide bomber blew himself up at a funeral in Tuz Khurmatu on Monday, killing at least 25 people.\n\n"
     "Four children were among the dead, a medical source said.", (25, 25, "")),
])
def test_restated_tolls_keep_the_count_both_statements_support(body, counts):
    rows = _rows(body)
    assert len(rows) == 1, [r["quote"] for r in rows]
    assert (rows[0]["fatalities"], rows[0]["fatalities_low"], rows[0]["fatalities_high"]) == counts


@pytest.mark.parametrize("body, quote_start", [
    ("A police officer blamed the militants for the ambush, which took place in Kirkuk province.\n\n"
     "Five policemen were killed in an ambush by ISIS on a police patrol near Daquq on Sunday.", "Five policemen"),
    ("Police blamed ISIS for the bombing, which struck a market in Diyala province.\n\n"
     "Three civilians were killed when a bomb exploded in a market in Baquba on Friday.", "Three civilians"),
])
def test_a_restatement_with_the_toll_becomes_the_quote_of_an_event_first_told_without_one(body, quote_start):
    rows = _rows(body)
    assert len(rows) == 1, [r["quote"] for r in rows]
    assert rows[0]["quote"].startswith(quote_start)


def test_a_follow_up_with_the_toll_leaves_the_quote_on_the_sentence_that_tells_the_event():
    rows = _rows("ISIS militants attacked an army post near Tuz Khurmatu on Monday night.\n\n"
                 "Two soldiers were killed in the clashes, a security source said.")
    assert len(rows) == 1 and rows[0]["quote"].startswith("ISIS militants attacked")


def test_attacks_told_in_turn_are_separate_events_and_their_summary_gives_no_row():
    rows = _rows("Militants carried out three attacks on police posts in Kirkuk province on Monday night.\n\n"
                 "The first attack took place near Daquq, where two policemen were wounded.\n\n"
                 "Shortly after the first attack, the militants struck another post in Hawija and killed a policeman.")
    assert sorted((r["location"].removeprefix("near "), str(r["fatalities"]), str(r["wounded"])) for r in rows) == [
        ("Daquq", "", "2"), ("Hawija", "1", "")]


def test_two_attacks_told_in_one_sentence_alone_stay_a_row():
    rows = _rows("Militants carried out two attacks on police posts near Daquq on Monday night, killing a policeman.")
    assert [r["fatalities"] for r in rows] == [1]


def test_a_point_drawn_at_a_distance_from_a_town_is_weighed_by_distance_not_by_its_governorate():
    # 60 km north of Baghdad falls in Salah ad-Din, 16 km from Khalis (Diyala): one place told twice
    drawn = _row(admin1="Salah ad-Din", location="60 km north of Baghdad", geo_precision=2, latitude=33.85,
                 longitude=44.36, _family="clash")
    khalis = _row(admin1="Diyala", location="Khalis", latitude=33.81, longitude=44.53)
    assert decide(drawn, khalis) == (True, "restates the event (compatible place)")
    far = _row(admin1="Diyala", location="Khanaqin", latitude=34.35, longitude=45.39)
    assert decide(drawn, far) == (False, "another place")


def test_toll_update_words():
    assert TOLL_UPDATE.search("bringing the total number of militants killed to 16")
    assert TOLL_UPDATE.search("the death toll climbed to 20")
    assert not TOLL_UPDATE.search("the militants fired rockets at the base")


@pytest.mark.parametrize("sentence", [
    "Attacks by the group in the province have more than doubled over the past year.",
    "ISIS attacks have been on the rise in the disputed territories.",
    "The bombing was the latest in a series of attacks on security forces in the area.",
    "The coalition reported a sharp decline in ISIS attacks across the country.",
    "Officials believe the raids are designed to make up for the group's losses.",
    "The group uses the rugged areas as a base for attacks on nearby villages.",
    "Police said 30 suspects were detained during separate raids across several provinces.",
    "Officials said 14 militants were captured in multiple operations in Babil, Wasit and Diyala.",
    "Militant activity in the Hamrin basin has intensified, a security official said.",
])
def test_trend_and_background_sentences_are_not_incidents(sentence):
    assert non_incident_reason(sentence) is not None


@pytest.mark.parametrize("sentence, reason", [
    ("Sleeper cells of the group remain active in the Wadi al-Shay valley, a police officer said.", "generic"),
    ("Militant attacks are continuing in the desert between Anbar and Salahuddin.", "generic"),
    ("The army has been conducting sweeps to clear the orchards of militants.", "generic"),
    ("Troops carry out continuous raids on hideouts in the Hamrin range.", "generic"),
    ("Around 15 policemen were killed or wounded in three separate ambushes near Tuz Khurmatu last month.", "summary"),
    ("In the spring, some 12 shepherds lost their lives in numerous militant assaults around Daquq.", "summary"),
    ("Last month, commandos conducted five raids in the Wadi al-Shay valley, destroying ten hideouts.", "summary"),
    ("The army carried out four operations in the Hamrin range over the past week, seizing weapons.", "summary"),
    ("The jihadists murdered thousands, most of them men, in the Sinjar region.", "statistics"),
    ("About 3,500 Yazidi women and children had been abducted and sold, the UN says.", "statistics"),
    ("Weeks after the assault on Sinjar, some 40,000 villagers fled to the mountain.", "statistics"),
    ("In May 2022, a man was imprisoned for 12 years over the enslavement of a Yazidi woman.", "judicial"),
    ("After the fall of Mosul, the group widened its campaign of violence to Christian towns.", "generic"),
    ("The militants are on the back foot in the desert, pursued by the army and the tribes.", "trend"),
    ("The raids aim to degrade the cells' ability to carry out attacks on the Kirkuk road.", "plan or threat"),
    ("The coalition wants to end the group's capacity to mount bombings in Baghdad.", "plan or threat"),
    ("ISIS is now losing ground in Syria, where a Kurdish-led alliance took its last towns.", "trend"),
    ("At least 20 farmers were killed in a series of bombings on the roads of the Hamrin basin.", "summary"),
    ("The Tuesday bombing coincided with a wave of arrests in Raqqa in eastern Syria.", "recap"),
    ("The latest attacks by the militants hit villages south of Hawija between 3 and 5 May.", "recap"),
    ("Years after Baghdad declared the end of the group, its fighters still hide in the valleys.", "history"),
    ("A Baghdad court imposed life sentences on four members of a cell that planted bombs in Tarmiyah.", "judicial"),
    ("The judiciary said the man fired rockets at the airport during his membership in the group.", "charges"),
    ("The statement said the convict was holding senior positions when he ordered the attacks on Shirqat.", "charges"),
    ("Police called the dead emir the man behind several deadly ambushes on the Kirkuk-Baghdad road.", "charges"),
    ("He was described as “the mastermind” of the cell and behind a series of recent bombings in Tikrit.", "charges"),
])
def test_new_phrasings_of_ongoing_summed_recapped_and_court_sentences_are_not_incidents(sentence, reason):
    assert non_incident_reason(sentence) == reason


@pytest.mark.parametrize("sentence", [
    "The bombing coincided with a prayer service and killed four worshippers in Kirkuk.",
    "The latest attack killed two shepherds near Daquq on Sunday.",
    "Two soldiers were killed in a separate attack near Baiji.",
    "Two soldiers were killed near Baiji in an attack that wounded several others.",
    "Police arrested a man behind several bombings in Tikrit on Monday.",
    "Commandos killed three militants in two raids near Rutba on Monday.",
    "Police arrested an ISIS leader who has confessed to taking part in several attacks on Peshmerga forces.",
])
def test_one_event_told_beside_another_stays_news(sentence):
    assert non_incident_reason(sentence) is None


def test_separate_operations_in_one_place_are_still_news():
    assert non_incident_reason("In Mosul, police arrested six suspects in separate operations in the old city "
                               "and in Hammam al-Alil.") is None


def test_an_event_years_before_publication_is_background():
    rows = _rows("ISIS militants attacked a checkpoint near Baiji on Monday, killing two soldiers.\n\n"
                 "The militants had captured the refinery town in June 2014, killing dozens of guards.")
    assert [r["fatalities"] for r in rows] == [2]


def test_separation_markers():
    for text in ("Meanwhile, gunmen attacked", "In another incident, a bomb", "In a separate attack, militants",
                 "Elsewhere, jets struck", "In the same week, F-16 jets struck",
                 "Also in the province, IS militants fired two mortar rounds"):
        assert SEPARATE.search(text), text
    assert not SEPARATE.search("The attack occurred late on Monday")


@pytest.mark.parametrize("text", [
    "This strike follows a Sunday ambush in Kirkuk that left nine federal policemen dead.",
    "The attack followed an ambush near Hawija last week that killed nine policemen.",
    "It follows an attack on an army base on Friday in which 11 soldiers were killed.",
    "The bombing came after another deadly raid on a village near Khanaqin.",
    "This strike follows the ambush on Sunday that left nine federal policemen dead.",
    "It comes after Sunday's ambush near Hawija, in which nine policemen were killed.",
    "The raid came after two ambushes on army patrols near Tarmiyah this month.",
])
def test_an_earlier_event_this_one_follows_is_another_event(text):
    assert SEPARATE.search(text), text


@pytest.mark.parametrize("text", [
    "The attack followed a warning by the group, and a third soldier died of his wounds later.",
    "The attack followed the same pattern as earlier ones.",
    "The attack followed the usual pattern of the group's night raids on villages.",
    "Police followed the attackers into the orchards.",
])
def test_following_what_is_no_event_keeps_the_sentence_on_the_event(text):
    assert not SEPARATE.search(text), text


def _row(**kw) -> dict:
    base = dict(country="Iraq", admin1="Kirkuk", location="Daquq", geo_precision=1, latitude=35.14, longitude=44.45,
                date_start="", date_end="", _family="clash", _own_place=True, _continues=False, _weak_place=False,
                _paragraph=1, actor1="Islamic State (Iraq)", actor2="", quote="", fatalities="")
    base.update(kw)
    return base


def test_decisions_say_why():
    event = _row()
    assert decide(event, _row(admin1="Diyala", location="Khanaqin", latitude=34.35, longitude=45.39)) == (
        False, "another governorate")
    assert decide(event, _row(_own_place=False, location="")) == (True, "continues the event before")
    assert decide(event, _row(date_start="2023-06-01", date_end="2023-06-01"))[0]
    assert decide(_row(date_start="2023-06-10", date_end="2023-06-10"),
                  _row(date_start="2023-06-01", date_end="2023-06-01")) == (False, "another date")
    assert decide(event, _row(_family="arrest", location="Hawija", latitude=35.33, longitude=43.77)) == (
        False, "another place")


@pytest.mark.parametrize("chrome", [
    "Skip to main content", "Home » Middle East News » Rebels Strike…", "You are here: Home", "3 min read",
    "1868 View", "English Türkçe Kurdî",
])
def test_navigation_lines_are_chrome_not_the_title(chrome):
    articles, problems = load_text(chrome + "\n\n" + AGENCY + "Militants attacked a village near Kirkuk on Monday, "
                                   "killing two farmers, police said in a statement to reporters.\n", "nav.txt")
    assert not problems
    assert articles[0].title == "Rebels Strike Again"


@pytest.mark.parametrize("body, killed", [
    ("Some outlets reported that ten policemen were killed in the attack on the checkpoint near Hawija on Monday, "
     "but the interior ministry said only four died.", 4),
    ("Residents said 20 people were killed when militants stormed the village near Baiji on Monday; however, "
     "police said six were killed.", 6),
])
def test_a_corrected_count_replaces_the_one_it_corrects(body, killed):
    rows = _rows(body)
    assert [r["fatalities"] for r in rows] == [killed]


@pytest.mark.parametrize("caption", [
    "Police officers inspect (L) the scene where a bomb killed 4 people near Kirkuk on Sunday. (Reuters)",
    "A soldier (2nd R) stands guard at the checkpoint where 3 soldiers were killed near Baiji",
    "Mourners carry the coffin of a policeman killed in Tikrit, Iraq, June 12, 2023. [AFP]",
])
def test_a_photo_caption_is_chrome_not_an_incident(caption):
    rows = _rows("Militants attacked a village near Khanaqin on Monday, killing two farmers.\n\n" + caption)
    assert len(rows) == 1 and rows[0]["fatalities"] == 2


@pytest.mark.parametrize("body, other_date", [
    # the development article's wording ("late Monday" = 2023-06-12; "a day after" -> Sunday 11th)
    ("Gunmen stormed a village north of Baqubah late Monday and killed eight civilians, officials said.\n\n"
     "It came a day after IS jihadists killed nine federal police in an ambush in Kirkuk province further north.",
     "2023-06-11"),
    ("ISIS militants attacked an army post in Tarmiyah on Tuesday, killing two soldiers.\n\n"
     "The attack comes two days after a roadside bomb killed three policemen near Hawija.", "2023-06-11"),
    ("A suicide bomber blew himself up at a checkpoint in Tuz Khurmatu on Monday, killing four guards.\n\n"
     "This followed a day after militants kidnapped two shepherds near Daquq.", "2023-06-11"),
])
def test_it_came_n_days_after_dates_the_other_event_before_the_one_told(body, other_date):
    rows = _rows(body)
    assert len(rows) == 2, [r["quote"] for r in rows]
    assert rows[1]["date_start"] == rows[1]["date_end"] == other_date


def test_a_fronted_n_days_after_still_dates_the_event_after_the_one_before():
    rows = _rows("Militants bombed a market in Daquq on Monday, killing five people.\n\n"
                 "Two days after the bombing, police arrested three suspects in Hawija.")
    assert [r["date_start"] for r in rows] == ["2023-06-12", "2023-06-14"]


@pytest.mark.parametrize("body, location", [
    # the development article's shape: the lead names a part of the governorate, the quote the village
    ("Eight civilians were killed in an IS attack on a village in eastern Diyala on Monday.\n\n"
     "\"Gunmen on motorcycles attacked the village in the Khalis district,\" the mayor said.", "Khalis"),
    ("ISIS militants attacked an army post in southern Salah al-Din on Monday night, killing two soldiers.\n\n"
     "The gunmen stormed the post near Tuz Khurmatu from two sides, police said.", "near Tuz Khurmatu"),
    ("Militants ambushed a police patrol in western Nineveh on Monday, wounding three policemen.\n\n"
     "Gunmen opened fire on the patrol outside Sinjar, a security source said.", "near Sinjar"),
])
def test_a_place_inside_the_part_of_the_governorate_the_lead_names_joins_it(body, location):
    rows = _rows(body)
    assert len(rows) == 1, [(r["quote"], r["location"]) for r in rows]
    assert rows[0]["location"] == location


def test_a_place_in_another_governorate_than_the_part_named_stays_apart():
    rows = _rows("ISIS militants attacked a village in eastern Diyala on Monday, killing two farmers.\n\n"
                 "Gunmen attacked a checkpoint near Tikrit on Monday, killing a policeman.")
    assert [r["admin1"] for r in rows] == ["Diyala", "Salah ad-Din"]


@pytest.mark.parametrize("body, killed, day", [
    # the development article's wording
    ("Islamic State militants on Tuesday executed three brothers kidnapped one day before in Iraq's northern "
     "province of Salahudin, a local source said.\n\n\"Three brothers were kidnapped by IS on Monday from north of "
     "Baiji and later were executed on Tuesday,\" the media director said.", 3, "2023-06-13"),
    ("ISIS militants kidnapped four truck drivers near Tuz Khurmatu on Saturday.\n\n"
     "The militants executed the four captives on Monday, police said.", 4, "2023-06-12"),
    ("Gunmen abducted two shepherds near Jalawla on Sunday, a security source said.\n\n"
     "The two hostages were executed by the gunmen on Monday near Jalawla, the source added.", 2, "2023-06-12"),
])
def test_an_abduction_and_the_killing_of_its_captives_are_one_event(body, killed, day):
    rows = _rows(body)
    assert len(rows) == 1, [(r["quote"], r["date_start"]) for r in rows]
    assert (rows[0]["sub_event_type"], rows[0]["fatalities"], rows[0]["date_start"]) == ("Attack", killed, day)


@pytest.mark.parametrize("body", [
    "Gunmen kidnapped a farmer near Daquq on Monday.\n\nOn Tuesday, a roadside bomb killed two soldiers near Daquq.",
    "ISIS militants kidnapped four truck drivers near Tuz Khurmatu on May 2.\n\n"
    "The militants executed two captives near Tuz Khurmatu on Monday, police said.",   # weeks later: another event
])
def test_an_abduction_and_another_killing_stay_apart(body):
    assert len(_rows(body)) == 2


@pytest.mark.parametrize("body", [
    # the development article's wording
    "ISIS militants attacked an army post in Dibis on Tuesday, killing two soldiers.\n\n"
    "Hours before the Iraqi army was targeted, Katyusha rockets landed near a Peshmerga base on the outskirts of "
    "Altun Kupri in Kirkuk, a commander said.",
    "A roadside bomb hit an army patrol near Tarmiyah on Monday, wounding three soldiers.\n\n"
    "Hours earlier, a bomb had wounded two policemen in Tarmiyah, police said.",
    "Militants attacked a checkpoint near Tuz Khurmatu on Monday, killing a policeman.\n\n"
    "The day before, gunmen attacked a shepherds' camp near Tuz Khurmatu, killing two shepherds.",
])
def test_a_time_told_against_the_other_event_announces_a_new_one(body):
    assert len(_rows(body)) == 2, [r["quote"] for r in _rows(body)]


def test_minutes_after_the_attack_still_continues_it():
    rows = _rows("ISIS militants attacked an army post near Hawija on Monday night.\n\n"
                 "Minutes after the attack began, two soldiers were killed in the clashes, a source said.")
    assert len(rows) == 1 and rows[0]["fatalities"] == 2


@pytest.mark.parametrize("body, day", [
    # the development article's wording: the claim on Tuesday, the attack on Sunday
    ("The terror group on Tuesday claimed responsibility for an attack on Peshmerga in Kirkuk late on Sunday, "
     "killing four of them.", "2023-06-11"),
    ("The Security Media Cell on Tuesday said that militants attacked a checkpoint near Hawija on Monday night, "
     "killing two soldiers.", "2023-06-12"),
    ("Police on Tuesday announced that gunmen had kidnapped two farmers near Daquq on Sunday.", "2023-06-11"),
    # no other date: the day told is the event's
    ("IS on Tuesday claimed responsibility for another attack in Kirkuk province when a roadside bomb killed nine "
     "police officers.", "2023-06-13"),
])
def test_the_day_of_a_claim_or_statement_is_not_the_events_when_it_has_its_own(body, day):
    (row,) = _rows(body)
    assert row["date_start"] == row["date_end"] == day



@pytest.mark.parametrize("lead", [
    "Iraqi security forces captured 19 ISIS suspects in security swoops across Iraq, according to authorities on Sunday.",
    "Security services captured 19 Daesh suspects in several provinces of Iraq, according to the ministry on Sunday.",
])
def test_a_round_up_lead_gives_no_row_of_its_own_when_the_body_tells_its_operations(lead):
    """A lead that sums up the arrests told below gives no row for the total (it used to fold into the first
    province's operation: 30 arrested in Diyala), one row per province, and its date (the announcement's)
    is not lent to them."""
    rows = _rows(lead + "\n\nIn Diyala, police arrested eleven suspects near Muqdadiyah.\n\n"
                 "In Nineveh, troops detained eight suspects in the Badush area.")
    assert [(r["admin1"], r["arrested"]) for r in rows] == [("Diyala", 11), ("Nineveh", 8)]
    assert [r["date_start"] for r in rows] == ["", ""]


def test_a_round_up_of_one_place_is_not_a_round_up():
    rows = _rows("Iraqi forces detained 19 ISIS suspects in raids in Kirkuk on Tuesday, the ministry said.\n\n"
                 "In Diyala, police arrested eleven suspects near Muqdadiyah.")
    assert sorted((r["admin1"], r["arrested"]) for r in rows) == [("Diyala", 11), ("Kirkuk", 19)]


def test_where_a_source_spoke_to_the_press_is_not_the_place_of_the_event():
    rows = _rows("ISIS militants attacked a Peshmerga post near Makhmour on Monday, killing two fighters.\n\n"
                 "\u201cThey came at night with rifles and mortars,\u201d a commander told Kurdistan24 in Erbil.")
    assert len(rows) == 1 and rows[0]["fatalities"] == 2 and "Makhmour" in rows[0]["location"]


def test_the_day_of_a_claim_does_not_date_the_event_it_claims():
    """"ISIS yesterday claimed responsibility for a bombing ... on Monday night": the bombing is Monday's."""
    rows = _rows("The Islamic State group yesterday claimed responsibility for a suicide bombing that hit a market in "
                 "Kirkuk on Monday night, killing nine people.")
    assert [r["date_start"] for r in rows] == ["2023-06-12"]


def test_a_passive_claim_names_the_initiator_of_the_event_before():
    rows = _rows("A car bomb exploded near a checkpoint in Tuz Khurmatu on Monday, killing three policemen.\n\n"
                 "It was later claimed by the Islamic State group.")
    assert [r["actor1"] for r in rows] == ["Islamic State (Iraq)"]


@pytest.mark.parametrize("blame", [
    "The governor of Diyala, speaking in Baquba, accused Daesh of carrying out the Jalawla attack.",
    "An army officer in Baghdad blamed IS for the bombing.",
    "Officials in Samarra blamed it on the Islamic State group.",
    "A police colonel in Baquba accused the militants of being behind Monday's ambush.",
])
def test_an_accusation_puts_the_event_before_down_to_an_actor_and_tells_no_event(blame):
    rows = _rows("A roadside bomb hit a police patrol near Jalawla on Monday, killing three policemen.\n\n"
                 "The patrol was on its way to a village.\n\n" + blame)
    assert [(r["admin1"], r["fatalities"], r["actor1"]) for r in rows] == [
        ("Diyala", 3, "Unidentified Armed Group (Iraq)" if "militants" in blame else "Islamic State (Iraq)")]


def test_an_event_told_before_its_accusation_is_kept():
    rows = _rows("Gunmen killed two shepherds near Tuz Khurmatu on Monday.\n\n"
                 "Gunmen also killed three soldiers in Hawija on Tuesday, and officials blamed IS for the attack.")
    assert sorted((r["admin1"], r["fatalities"]) for r in rows) == [("Kirkuk", 3), ("Salah ad-Din", 2)]


def test_an_event_the_attack_coincided_with_is_an_event_of_its_own():
    rows = _rows("ISIS militants attacked an army post near Jalawla on Monday, killing a soldier.\n\n"
                 "The attack coincided with a roadside bomb that hit a police vehicle, wounding three policemen.")
    assert sorted((r["sub_event_type"], r["fatalities"], r["wounded"]) for r in rows) == [
        ("Armed clash", 1, ""), ("Remote explosive/landmine/IED", "", 3)]


@pytest.mark.parametrize("follow_up", [
    "The four were killed in the Daquq district, south of Kirkuk, a local official said.",
    "All five soldiers were killed near Hawija, according to the army.",
])
def test_the_people_a_number_counted_before_continue_that_event(follow_up):
    rows = _rows("Two farmers and two policemen were shot dead on Monday in northern Iraq as they tried to put out "
                 "a crop fire, an attack officials blamed on IS.\n\n" + follow_up)
    assert len(rows) == 1 and rows[0]["admin1"] == "Kirkuk"


def test_a_lead_dated_by_its_claim_takes_the_day_the_body_gives_the_event():
    rows = _rows("The Islamic State group yesterday claimed responsibility for a suicide bombing that ripped through a "
                 "crowded market in Kirkuk, killing 14 people.\n\n"
                 "In a statement, the group said one of its fighters detonated his explosive vest among shoppers in "
                 "the Qadisiya neighbourhood of Kirkuk on Sunday night.")
    assert [(r["date_start"], r["fatalities"]) for r in rows] == [("2023-06-11", 14)]


@pytest.mark.parametrize("body, counts", [
    # a lead sums up two events; the body tells the second after "Separately": one arrest, not two
    ("Two ISIS militants were killed on Sunday in an Iraqi airstrike in Anbar province while police arrested six "
     "suspects in Kirkuk province, the ministry said.\n\nThe strike hit a hideout in the desert near Rutba, the "
     "statement said.\n\nSeparately, a police force in Kirkuk arrested six ISIS suspects who were planning attacks, "
     "the ministry said in a second statement.", [("Anbar", "", 2), ("Kirkuk", 6, "")]),
    ("A roadside bomb killed three shepherds in Diyala on Monday while the army detained five suspects near Tikrit.\n\n"
     "The shepherds were hit near Khanaqin, a local official said.\n\nIn a separate operation, troops arrested five "
     "suspects near Tikrit, the army said.", [("Diyala", "", 3), ("Salah ad-Din", 5, "")]),
])
def test_a_separately_told_event_that_restates_the_lead_joins_it(body, counts):
    rows = _rows(body)
    assert sorted((r["admin1"], r["arrested"], r["fatalities"]) for r in rows) == counts, [r["quote"] for r in rows]


def test_a_separately_told_event_with_another_count_stays_apart():
    rows = _rows("Two ISIS militants were killed on Sunday in an Iraqi airstrike in Anbar province while police "
                 "arrested six suspects in Kirkuk province, the ministry said.\n\nSeparately, a police force in Kirkuk "
                 "arrested three other suspects on Monday, the ministry said in a second statement.")
    assert sorted(r["arrested"] for r in rows if r["admin1"] == "Kirkuk") == [3, 6]


def test_a_sentence_far_below_that_gives_the_events_day_continues_it():
    rows = _rows("Militants attacked a police post near Daquq late on Saturday, killing five policemen.\n\n"
                 "The attack was the deadliest this year, officials said.\n\n"
                 "On Thursday, a soldier was killed in another ISIS attack in Diyala province.\n\n"
                 "Residents have asked for more troops.\n\nLocal officials blamed the lack of patrols.\n\n"
                 "Villagers said the attackers came from the Hamrin mountains.\n\n"
                 "On Thursday, about 20 militants attacked the outpost, killing a soldier and wounding two villagers.")
    assert sorted((r["admin1"], r["fatalities"]) for r in rows) == [("Diyala", 1), ("Kirkuk", 5)], [
        r["quote"] for r in rows]


@pytest.mark.parametrize("sentence, arrest", [
    ("Police seized four suspects in a raid near Hawija on Monday.", True),
    ("Troops caught two ISIS members near Baiji on Monday.", True),
    ("Security forces seized weapons and explosives near Hawija on Monday.", False),
    ("Tikrit was seized by Islamic State militants in June 2014.", False),
])
def test_people_seized_or_caught_are_arrested(sentence, arrest):
    from incidents.extract.types import find_event_triggers
    assert any(t.family == "arrest" for t in find_event_triggers(sentence)) == arrest


def test_a_fight_told_again_from_the_other_side_continues_it():
    rows = _rows("Iraqi jets killed four ISIS militants in the Makhoul mountains on Monday, the army said.\n\n"
                 "Separately, soldiers carried out a search operation against ISIS near Hawija on Sunday night and came "
                 "under heavy gunfire.\n\nThe heavy gunfire by ISIS militants forced the soldiers to call off their "
                 "operation after three of them were wounded, an officer said.")
    assert len(rows) == 2, [r["quote"] for r in rows]
    assert sorted(str(r["wounded"] or 0) for r in rows) == ["0", "3"]



@pytest.mark.parametrize("quote, roundup", [
    ("Eight other members of the Peshmerga forces were killed in the attacks in Kifri and Kulajo.", True),
    ("Gunmen were killed in attacks in Kirkuk and Diyala provinces.", True),
    ("Two soldiers were killed in the attack in Kifri and three others wounded.", False),   # one attack
    ("The attacks in Kifri province killed two.", False),
])
def test_attacks_told_at_two_named_places_sum_up_events(quote, roundup):
    assert is_roundup({"quote": quote, "admin1": "Kirkuk"}) is roundup
