"""Actors (incidents/extract/actors.py): canonical names, ISIS abbreviations, inter codes."""

from __future__ import annotations

import pytest

from incidents.extract import actors as A
from incidents.extract.actors import find_actors, for_country, inter_code, interaction


@pytest.mark.parametrize(("text", "surface", "actor"), [
    ("Isis operatives killed two men", "Isis", "Islamic State (Iraq)"),
    ("members of the Islamic State (IS) terrorist organization", "Islamic State", "Islamic State (Iraq)"),
    ("a series of IS hideouts", "IS", "Islamic State (Iraq)"),
    ("Daesh remnants attacked a village", "Daesh", "Islamic State (Iraq)"),
    ("ISIL fighters", "ISIL", "Islamic State (Iraq)"),
    ("the Counter-Terrorism Service managed", "Counter-Terrorism Service", A.CTS),
    ("the CTS managed to kill", "CTS", A.CTS),
    ("two airstrikes by the Iraqi Air Force", "Iraqi Air Force", A.AIR_FORCE),
    ("the Iraqi Joint Operations Command (JOC) conducted", "Joint Operations Command", A.JOC),
    ("a federal police outpost", "federal police outpost", A.FEDERAL_POLICE),
    ("agents of the Federal Intelligence and Investigation Agency detained", "Federal Intelligence and Investigation Agency",
     A.FIIA),
    ("the Interior Ministry's intelligence agency said", "Interior Ministry's intelligence agency", A.MOI_INTELLIGENCE),
    ("detachments of the Ministry of Interior Intelligence Directorate", "Ministry of Interior Intelligence Directorate",
     A.MOI_INTELLIGENCE),
    ("two members of the tribal Hashd militias", "tribal Hashd militias", A.TRIBAL),
    ("Popular Mobilization Forces repelled", "Popular Mobilization Forces", A.PMF),
    ("Kurdish Asayish forces arrested", "Asayish", A.ASAYISH),
    ("Peshmerga forces repelled", "Peshmerga", A.PESHMERGA),
    ("international coalition warplanes chased", "international coalition warplanes", A.COALITION),
    ("Kataib Hezbollah and Asaib Ahl al-Haq", "Kataib Hezbollah", A.KATAIB_HEZBOLLAH),
    ("the so-called Islamic Resistance in Iraq", "Islamic Resistance in Iraq", A.RESISTANCE),
    ("such as the Badr Organization, Kataib Hezbollah", "Badr Organization", A.BADR),
    ("Kataib Sayyid al Shuhada began launching attacks", "Kataib Sayyid al Shuhada", A.KSS),
    ("killing two Iraqi security forces", "Iraqi security forces", A.ARMY),
    ("gunmen kidnapped two farmers", "gunmen", A.UNIDENTIFIED),
    ("abducted four shepherds", "shepherds", A.CIVILIANS),
    ("three US soldiers", "US soldiers", A.US_FORCES),
    ("a Peshmerga soldier was wounded", "Peshmerga soldier", A.PESHMERGA),
    ("two Popular Mobilization Forces fighters", "Popular Mobilization Forces", A.PMF),
    # the men of a named group are the group (the development articles' AP copy: "Gunmen from the Islamic State
    # extremist group attacked an army barracks")
    ("Gunmen from the Islamic State extremist group attacked", "Gunmen from the Islamic State", A.ISLAMIC_STATE),
    ("gunmen belonging to ISIS stormed the village", "gunmen belonging to ISIS", A.ISLAMIC_STATE),
    ("unknown gunmen affiliated with Kataib Hezbollah fired", "unknown gunmen affiliated with Kataib Hezbollah",
     A.KATAIB_HEZBOLLAH),
    ("Gunmen, believed to be from ISIS, attacked", "Gunmen, believed to be from ISIS", A.ISLAMIC_STATE),
    ("Gunmen suspected of belonging to ISIS attacked", "Gunmen suspected of belonging to ISIS", A.ISLAMIC_STATE),
])
def test_find_actors(text, surface, actor):
    found = {(m.surface, m.actor) for m in find_actors(text)}
    assert (surface, actor) in found


def test_a_bomber_described_as_a_woman_is_no_civilian():
    text = "A woman suicide bomber blew herself up in a market; police said a woman was among the dead."
    assert [(m.surface, m.actor) for m in find_actors(text)] == [("police", A.POLICE), ("a woman", A.CIVILIANS)]


@pytest.mark.parametrize("text", [
    "IS THIS THE END",
    "What IS known is little.",
])
def test_capital_is_verb_is_not_isis(text):
    assert all(m.actor != "Islamic State (Iraq)" or m.generic for m in find_actors(text, isis_topic=False))


def test_generic_words_only_when_isis_is_the_topic():
    text = "the terrorists fled"
    assert [m.actor for m in find_actors(text, isis_topic=True)] == ["Islamic State (Iraq)"]
    assert find_actors(text, isis_topic=False) == []


def test_spans_are_exact():
    text = "Kurdish Asayish forces in Sulaymaniyah arrested a senior member of ISIS’s media wing"
    for m in find_actors(text):
        assert text[m.start:m.end] == m.surface


@pytest.mark.parametrize(("actor", "code"), [
    ("Islamic State (Iraq)", 2), (A.CTS, 1), (A.PMF, 1), (A.COALITION, 8), (A.KATAIB_HEZBOLLAH, 3),
    (A.CIVILIANS, 7), ("Unidentified Armed Group (Syria)", 3), ("", None),
])
def test_inter_code(actor, code):
    assert inter_code(actor) == code


@pytest.mark.parametrize(("i1", "i2", "expected"), [(1, 2, 12), (2, 1, 12), (2, 7, 27), (3, None, 30), (None, 2, None)])
def test_interaction(i1, i2, expected):
    assert interaction(i1, i2) == expected


def test_isis_in_syria():
    assert for_country("Islamic State (Iraq)", "Syria") == "Islamic State (Syria)"
    assert for_country("Islamic State (Iraq)", "Iraq") == "Islamic State (Iraq)"
    assert for_country(A.CTS, "Syria") == A.CTS


# --- the owner of the attack in a passive sentence ("killed in an IS attack") ----------------------------

from tests.unit.test_pipeline import _rows  # noqa: E402


@pytest.mark.parametrize("body, actor1, actor2", [
    # the development articles' wordings
    ("At least eight Iraqi civilians were killed in an IS attack on a village in Diyala province on Monday.",
     "Islamic State (Iraq)", "Civilians (Iraq)"),
    ("At least three civilians were killed on Monday night in an Islamic State (IS) attack on two villages near "
     "Makhmour.", "Islamic State (Iraq)", "Civilians (Iraq)"),
    ("Three Iraqi soldiers were killed Monday in a pre-dawn attack near Hawija blamed on the Islamic State group.",
     "Islamic State (Iraq)", "Military Forces of Iraq"),
    # new wordings of the same class
    ("Two policemen were wounded in an ISIS ambush near Hawija on Monday.", "Islamic State (Iraq)",
     "Police Forces of Iraq"),
    ("Four shepherds were killed on Monday in a bombing near Baiji attributed to Daesh.", "Islamic State (Iraq)",
     "Civilians (Iraq)"),
    ("A curfew was imposed on Tuz Khurmatu on Monday after a number of Daesh attacks on checkpoints.",
     "Islamic State (Iraq)", None),
    # the owner is the state side: the victims are the militants
    ("Two ISIS militants were killed in an army ambush near Hawija on Monday.", "Military Forces of Iraq",
     "Islamic State (Iraq)"),
    ("Three Daesh members were killed in a Peshmerga raid on a hideout near Makhmour on Monday.",
     "Military Forces of Iraqi Kurdistan: Peshmerga", "Islamic State (Iraq)"),
])
def test_the_owner_of_the_attack_acts_in_a_passive_sentence(body, actor1, actor2):
    (row,) = _rows(body)
    assert row["actor1"] == actor1
    assert actor2 is None or row["actor2"] == actor2


@pytest.mark.parametrize("text", [
    "gunmen killed two members of the Popular Mobilization Forces",   # the victims, not the gunmen's group
    "gunmen from the village fled",
    "gunmen of the army",                                              # no armed group named
])
def test_gunmen_stay_unidentified_unless_a_named_group_owns_them(text):
    first = find_actors(text)[0]
    assert (first.surface.lower(), first.actor) == ("gunmen", A.UNIDENTIFIED)
