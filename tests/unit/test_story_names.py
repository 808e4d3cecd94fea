"""Story names (incidents/extract/story_names.py) and the two-article rule that reads them
(``dedupe.same_story_told_twice``): transliterations of one village meet, common names never do.

The sentences are our own phrasings of the kinds of report real outlets write (villages spelled two
ways by two outlets, one report undated), not copies of corpus sentences."""

from __future__ import annotations

import pytest

from incidents.dataset.prior import prior_row
from incidents.extract.dedupe import dedupe, same_incident
from incidents.extract.story_names import skeleton, story_names
from incidents.schema import INCIDENT_COLUMNS


@pytest.mark.parametrize(("a", "b"), [
    ("kolajo", "kulajo"), ("garmiyan", "garmian"), ("makhmour", "makhmur"), ("qaraj", "karaj"),
    ("tarmiyah", "tarmiya"), ("mutaibijah", "mutaibija"),
])
def test_two_spellings_of_one_name_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


@pytest.mark.parametrize(("a", "b"), [("kolajo", "kalar"), ("hawija", "hamrin"), ("daquq", "dibis")])
def test_different_names_keep_different_skeletons(a, b):
    assert skeleton(a) != skeleton(b)


def test_names_after_a_place_cue_count_and_people_outlets_days_do_not():
    quote = ("Gunmen believed to be ISIS attacked the villages of Ajeel and Zarga near Tuz Khurmatu on Monday, "
             "spokesman Yahya Rasool told Rudaw in Erbil.")
    names = story_names(quote, "", "")
    assert names == {skeleton("ajeel"), skeleton("zarga"), skeleton("khurmatu")}
    assert skeleton("rasool") not in names            # a person, named after no place cue
    assert skeleton("rudaw") not in names and skeleton("erbil") not in names   # outlet, big city
    assert skeleton("monday") not in names


def test_a_name_before_a_place_word_counts_without_a_place_cue():
    names = story_names("Gunmen stormed Al-Qadiriya village and shelled Mansouriya district at dawn, an officer said.",
                        "", "")
    assert {skeleton("qadiriya"), skeleton("mansouriya")} <= names
    assert skeleton("gunmen") not in names and skeleton("officer") not in names


def test_governorates_and_common_words_are_never_story_names():
    assert story_names("Militants attacked an army post in Diyala province, in the Salahuddin desert and in Iraq.",
                       "Diyala", 3) == frozenset()


def test_a_town_location_gives_its_name_and_a_governorate_level_one_does_not():
    assert skeleton("jalawla") in story_names("A bomb went off.", "near Jalawla", 2)
    assert story_names("A bomb went off.", "Jalawla", 3) == frozenset()


def _row(**kw) -> dict:
    base = {c: "" for c in INCIDENT_COLUMNS}
    base.update(dict(article_id="a1", source_articles="a1", span_start=0, span_end=10, country="Iraq",
                     event_type="Battles", sub_event_type="Armed clash", actor1="Islamic State (Iraq)",
                     actor2="Military Forces of Iraqi Kurdistan: Peshmerga", _family="clash", _priority=10,
                     _paragraph=0, _title=False, _continues=False, source="Outlet A"))
    base.update(kw)
    return base


KOLAJO = _row(quote="Two Peshmerga fighters were killed in Kolajo, Garmiyan administration on Tuesday night by "
                    "militants belonging to the Islamic State.", date_start="2020-04-07", date_end="2020-04-07",
              fatalities=2, fatalities_low=2, fatalities_high=2)
KULAJO = dict(quote="ISIS attacked a Peshmerga base in Kulajo, south of Kifri, with mortar shells on Tuesday night.",
              article_id="a2", source_articles="a2", admin1="Diyala", location="south of Kifri", geo_precision=2,
              sub_event_type="Shelling/artillery/missile attack", event_type="Explosions/Remote violence",
              _family="shelling")


@pytest.mark.parametrize(("other", "same"), [
    (dict(fatalities=2, fatalities_low=2, fatalities_high=2), True),                        # undated, same toll
    (dict(fatalities=5, fatalities_low=5, fatalities_high=5), False),                       # toll contradicts
    (dict(), False),                                                                          # undated, one name, no toll
    (dict(quote=KULAJO["quote"].replace("Kifri", "Kifri in Garmian administration")), True),  # two names shared
    (dict(date_start="2020-04-08", date_end="2020-04-08"), True),                            # a day apart
    (dict(date_start="2020-04-12", date_end="2020-04-12"), False),                           # five days apart
    (dict(fatalities=2, actor1="Military Forces of Iraqi Kurdistan: Peshmerga",
          actor2="Islamic State (Iraq)"), False),                                            # the other side attacks
    (dict(fatalities=2, sub_event_type="Arrests", _family="arrest", event_type="Strategic developments"), False),
    # early and revised tolls: close counts join when dated a day apart or when two names are shared
    (dict(fatalities=3, fatalities_low=3, fatalities_high=3, date_start="2020-04-07", date_end="2020-04-07"), True),
    (dict(fatalities=5, fatalities_low=5, fatalities_high=5, date_start="2020-04-07", date_end="2020-04-07"), False),
    (dict(quote=KULAJO["quote"].replace("Kifri", "Kifri in Garmian administration"), fatalities=3,
          fatalities_low=3, fatalities_high=3), True),
    (dict(quote=KULAJO["quote"].replace("Kifri", "Kifri in Garmian administration"), fatalities=5,
          fatalities_low=5, fatalities_high=5), False),
    (dict(fatalities=3, fatalities_low=3, fatalities_high=3), False),                      # undated, one name only
])
def test_two_outlets_spelling_one_village_two_ways_tell_one_story(other, same):
    b = _row(**{**KULAJO, **other})
    assert same_incident(dict(KOLAJO), b) is same
    assert len(dedupe([dict(KOLAJO), b])) == (1 if same else 2)


def test_one_name_in_two_governorates_is_two_stories():
    a = _row(**{**KOLAJO, "admin1": "Sulaymaniyah", "location": "Kalar", "geo_precision": 1})
    b = _row(**{**KULAJO, "fatalities": 2})
    assert not same_incident(a, b)
    assert same_incident(_row(**{**a, "_weak_place": True}), b)   # unless one is placed by its dateline only


def test_a_stored_row_gives_the_names_it_had_when_extracted():
    """add merges a new article into stored incidents: the names come from stored columns only."""
    stored = {c: "" if KOLAJO.get(c) is None else str(KOLAJO.get(c)) for c in INCIDENT_COLUMNS}
    stored.update(dataset="extracted", method="kill_passive")
    again = prior_row(stored)
    b = _row(**{**KULAJO, "fatalities": 2})
    assert same_incident(again, b)
    assert len(dedupe([b], prior=[again])) == 1
