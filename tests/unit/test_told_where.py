"""A sentence that tells where and when the event before it happened (incidents/extract/told_where.py),
read through the real pipeline on short articles in the seeds' format (published Wed 2023-06-14)."""

from __future__ import annotations

import pytest

from incidents.extract.told_where import tells_where
from tests.unit.test_pipeline import _rows


@pytest.mark.parametrize("follow_up, place", [
    ("The incident took place late on Monday in the village of Qara Tapa, north of Baquba.", "Diyala"),
    ("The kidnapping happened on Monday evening near Tuz Khurmatu, a local official said.", "Salah ad-Din"),
    ("This incident occurred on Monday in the Riyadh subdistrict of Kirkuk.", "Kirkuk"),
])
def test_a_placeless_lead_takes_the_place_and_day_the_next_sentence_tells(follow_up, place):
    rows = _rows("A shepherd and his son have been abducted by ISIS militants, security sources said.\n\n" + follow_up)
    assert [(r["admin1"], r["date_start"], r["sub_event_type"]) for r in rows] == [
        (place, "2023-06-12", "Abduction/forced disappearance")]
    assert rows[0]["place_span"] and rows[0]["date_span"]   # the fields point at the sentence that gave them


def test_a_lead_with_no_place_and_no_follow_up_is_still_no_event():
    rows = _rows("A shepherd and his son have been abducted by ISIS militants, security sources said.\n\n"
                 "Officials gave no further details.")
    assert rows == []


def test_a_place_of_the_events_own_is_kept():
    rows = _rows("Gunmen shot dead two farmers near Khanaqin on Monday.\n\n"
                 "The attack occurred as the farmers were harvesting wheat in their fields.")
    assert [(r["admin1"], r["location"]) for r in rows] == [("Diyala", "near Khanaqin")]


def test_a_date_of_history_dates_nothing():
    rows = _rows("A shepherd and his son have been abducted by ISIS militants, security sources said.\n\n"
                 "The crime took place on January 9, 2013 in the village of Bashir near Taza.")
    assert [r["date_start"] for r in rows] == [""]


@pytest.mark.parametrize("text, tells", [
    ("The incident occurred before 10 pm last night in the village of Simoud.", True),
    ("The blast took place near the village of Safra.", True),
    ("The first incident took place in the sub-district of Ozem.", False),
    ("Officials said the incident occurred in Daquq.", True),
    ("Police said the attack was repelled near Daquq.", False),
])
def test_which_sentences_tell_where(text, tells):
    assert tells_where(text) is tells


def test_an_event_a_report_dates_before_the_one_told_stays_another_event():
    rows = _rows("ISIS militants kidnapped a boy in a village near Daquq on Tuesday night.\n\n"
                 "The incident comes just four days after three rockets hit an army battalion south of Daquq.")
    assert len(rows) == 2


def test_an_earlier_event_told_as_the_time_of_another_keeps_its_own_toll_and_day():
    rows = _rows("Peshmerga forces repelled an ISIS attack near Kifri on Sunday night, a mere day after five Peshmerga "
                 "were killed by a roadside bomb.")
    assert sorted((r["sub_event_type"], r["fatalities"], r["date_start"]) for r in rows) == [
        ("Armed clash", "", "2023-06-11"), ("Remote explosive/landmine/IED", 5, "2023-06-10")]


def test_the_counts_of_an_event_told_as_a_time_are_not_the_events():
    rows = _rows("Gunmen shot dead two shepherds near Daquq on Tuesday, two days after a bombing killed three soldiers "
                 "in Hawija.")
    assert sorted((r["fatalities"], r["date_start"]) for r in rows) == [(2, "2023-06-13"), (3, "2023-06-11")]


def test_a_time_told_by_an_event_already_told_adds_no_event():
    rows = _rows("Police arrested four suspects in Tikrit on Monday, hours after the attack on the market.")
    assert [(r["arrested"], r["date_start"]) for r in rows] == [(4, "2023-06-12")]


def test_an_event_timed_by_another_after_a_comma_is_told_once():
    rows = _rows("A car bomb killed seven soldiers near Ramadi on Friday.\n\n"
                 "The bombing came, three days after nine policemen were killed in an ambush near Rutba.")
    assert sorted(r["fatalities"] for r in rows) == [7, 9]


@pytest.mark.parametrize("follow_up, place, location", [
    ("There was no immediate claim for the attack which took place late on Monday near Dibis outside Kirkuk.",
     "Kirkuk", "near Dibis"),
    ("Officials blamed ISIS for the ambush, which happened on Monday evening near Tuz Khurmatu.",
     "Salah ad-Din", "near Tuz Khurmatu"),
])
def test_a_relative_clause_on_the_event_gives_a_country_placed_event_its_place_and_day(follow_up, place, location):
    rows = _rows("Suspected militants in northern Iraq detonated bombs targeting army vehicles, killing two soldiers, "
                 "security sources said.\n\n" + follow_up)
    assert [(r["admin1"], r["location"], r["date_start"], r["fatalities"]) for r in rows] == [
        (place, location, "2023-06-12", 2)]


def test_a_told_place_between_two_governorates_names_no_one_place():
    rows = _rows("Five soldiers were killed in an attack in central Iraq launched by ISIS.\n\n"
                 "The attack took place late on Monday in a rural area between Diyala and Salahuddin provinces.")
    assert [(r["admin1"], r["date_start"], r["fatalities"]) for r in rows] == [("", "2023-06-12", 5)]


@pytest.mark.parametrize("follow_up, day", [
    ("The ministry said in a statement that Monday's attack caused casualties.", "2023-06-12"),
    ("Police said Sunday's ambush was the deadliest this year.", "2023-06-11"),
    ("Officials said Sunday night's attacks were the deadliest this year.", "2023-06-11"),
    ("No group has claimed Monday morning's bombing.", "2023-06-12"),
])
def test_the_event_named_by_its_day_takes_that_day(follow_up, day):
    rows = _rows("ISIS militants killed four Peshmerga soldiers in an attack near Qara Salem village in northern Iraq."
                 "\n\n" + follow_up)
    assert [r["date_start"] for r in rows] == [day]


@pytest.mark.parametrize("follow_up", [
    "The attack came two days after the attack which took place on Saturday near Baiji.",
    "It came a day after Sunday's attack on a checkpoint, police said.",
    "Officials said it came hours after Saturday night's bombings.",
])
def test_an_event_named_as_the_time_of_another_dates_and_places_nothing(follow_up):
    # the event of the lead is not the one the follow-up names as its time: it keeps no place and no day
    rows = _rows("ISIS militants killed four Peshmerga soldiers in an attack near Qara Salem village in northern Iraq."
                 "\n\n" + follow_up)
    assert [(r["admin1"], r["date_start"]) for r in rows if r["fatalities"] == 4] == [("", "")]


@pytest.mark.parametrize("text, tells", [
    ("There was no claim for the attacks, which took place on Monday near Dibis.", True),
    ("The bombing came two days after the attack which took place on Saturday near Baiji.", False),
    ("Police were on alert since the clashes that happened on Friday near Hawija.", False),
])
def test_which_relative_clauses_tell_where(text, tells):
    assert tells_where(text) is tells


@pytest.mark.parametrize("follow_up, place, location", [
    # the development articles' case (AP): the lead's "north of Baghdad", then where the attack was
    ("The officials said the attack occurred in the Al-Azim district, an open area north of Baqouba in Diyala "
     "province.", "Diyala", "north of Baqubah"),
    ("The attack took place in the village of Qara Tapa, police said.", "Diyala", "Qara Tapa"),
])
def test_a_sentence_saying_where_the_attack_was_overrides_a_vaguer_or_other_place(follow_up, place, location):
    rows = _rows("Gunmen attacked an army barracks in a mountainous area north of Baghdad early Monday, killing 11 "
                 "soldiers as they slept.\n\n" + follow_up)
    assert [(r["admin1"], r["location"], r["fatalities"]) for r in rows] == [(place, location, 11)]


def test_a_vaguer_told_place_inside_the_rows_governorate_keeps_the_rows_place():
    rows = _rows("Gunmen attacked a checkpoint in Daquq early Monday, killing two policemen.\n\n"
                 "The attack took place in Kirkuk province, police said.")
    assert [(r["admin1"], r["location"]) for r in rows] == [("Kirkuk", "Daquq")]


@pytest.mark.parametrize("follow_up", [
    "The attack was similar to the bombing that took place in Tarmiyah last month.",     # another event's clause
    "The raid was in retaliation for the airstrike that took place in Tarmiyah last week.",
    "The attack took place hours before the prime minister arrived in Baghdad for talks.",   # a time clause
    "Officials said the first attack took place in Tarmiyah.",                             # an event told in turn
])
def test_a_place_of_another_event_or_clause_does_not_move_the_row(follow_up):
    rows = _rows("ISIS militants attacked a checkpoint near Hawija on Monday, killing two soldiers.\n\n" + follow_up)
    assert [(r["admin1"], r["location"]) for r in rows if r["fatalities"] == 2] == [("Kirkuk", "near Hawija")]
