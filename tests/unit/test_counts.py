"""Counts: quantities in words and digits, bound to killed / wounded / arrested verbs."""

from __future__ import annotations

import re

import pytest

from incidents import SEEDS_DIR
from incidents.extract.counts import find_counts, find_objects, parse_quantity


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("13", (13, 13, 13)),
        ("1,200", (1200, 1200, 1200)),
        ("4", (4, 4, 4)),
        ("four", (4, 4, 4)),
        ("Four", (4, 4, 4)),
        ("eleven", (11, 11, 11)),
        ("twenty-three", (23, 23, 23)),
        ("twenty three", (23, 23, 23)),
        ("ninety", (90, 90, 90)),
        ("a hundred", (100, 100, 100)),
        ("two hundred and fifty", (250, 250, 250)),
        ("one thousand two hundred", (1200, 1200, 1200)),
        ("a thousand", (1000, 1000, 1000)),
        ("three thousand and five", (3005, 3005, 3005)),
        ("a dozen", (12, 12, 12)),
        ("half a dozen", (6, 6, 6)),
        ("dozens", (24, 24, 99)),
        ("dozens of", (24, 24, 99)),
        ("several", (3, 3, 9)),
        ("a few", (2, 2, 5)),
        ("a couple of", (2, 2, 3)),
        ("a number of", (2, 2, None)),
        ("scores of", (40, 40, 199)),
        ("tens of", (20, 20, 99)),
        ("hundreds of", (200, 200, 999)),
        ("an entire detachment", (2, 2, None)),
        ("an entire unit", (2, 2, None)),
        ("a whole cell", (2, 2, None)),
        ("a border guard", (1, 1, 1)),
        ("an officer", (1, 1, 1)),
        ("one", (1, 1, 1)),
        ("a single soldier", (1, 1, 1)),
        ("no", (0, 0, 0)),
        ("none", (0, 0, 0)),
        ("nobody", (0, 0, 0)),
        ("at least 5", (5, 5, None)),
        ("at least five", (5, 5, None)),
        ("more than 10", (10, 10, None)),
        ("over 600", (600, 600, None)),
        ("up to 7", (1, 1, 7)),
        ("about 20", (20, 20, 20)),
        ("between 5 and 7", (5, 5, 7)),
        ("5 to 7", (5, 5, 7)),
        ("three or four", (3, 3, 4)),
    ],
)
def test_parse_quantity(surface: str, expected: tuple[int, int, int | None]) -> None:
    assert tuple(parse_quantity(surface)) == expected


@pytest.mark.parametrize("surface", ["soldiers", "the army", "", "hideouts", "a number"])
def test_parse_quantity_rejects_non_quantities(surface: str) -> None:
    assert parse_quantity(surface) is None


def _counts(text: str) -> list[tuple[str, int, int, int | None]]:
    return [(c.kind, c.low, c.best, c.high) for c in find_counts(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Casualty nouns after their number ("N deaths", "N injuries"); "and" starts another count.
        ("The blast caused 12 injuries at the market, a medic said.", [("wounded", 12, 12, 12)]),
        ("the ambush caused two injuries and two deaths among the tribal fighters",
         [("wounded", 2, 2, 2), ("killed", 2, 2, 2)]),
        ("The attack left three deaths and five injuries.", [("killed", 3, 3, 3), ("wounded", 5, 5, 5)]),
        # An active verb's object and the conjunct of people after it are one count (animals are not people).
        ("The explosion went off early, killing the bomber and nine other comrades at the gathering.",
         [("killed", 10, 10, 10)]),
        ("gunmen opened fire on the checkpoint, killing a policeman and two shepherds nearby",
         [("killed", 3, 3, 3)]),
        ("mortar rounds killed two farmers and 40 sheep in the village", [("killed", 2, 2, 2)]),
        ("Police nabbed four wanted men at a checkpoint in Tuz Khurmatu.", [("arrested", 4, 4, 4)]),
        ("Two suspects were nabbed near the bus station.", [("arrested", 2, 2, 2)]),
        # Seed phrasings.
        ("killing a border guard and wounding three others before fleeing",
         [("killed", 1, 1, 1), ("wounded", 3, 3, 3)]),
        ("a deadly ISIS attack on a federal police outpost south of Kirkuk that killed 13 security members "
         "and injured six others.", [("killed", 13, 13, 13), ("wounded", 6, 6, 6)]),
        ("Four members of the Islamic State (IS) terrorist organization were killed in two airstrikes by the "
         "Iraqi Air Force.", [("killed", 4, 4, 4)]),
        ("Last October, Isis attacked two security checkpoints in the Allas oilfields, killing two Iraqi "
         "security forces, the Iraqi army said", [("killed", 2, 2, 2)]),
        ("In Kirkuk, they searched 45 villages and destroyed four tunnels and two terrorist hideouts and "
         "arrested two terrorists.", [("arrested", 2, 2, 2)]),
        ("Kurdish Asayish forces in Al-Sulaymaniyah arrested a senior member of ISIS's media wing",
         [("arrested", 1, 1, 1)]),
        ("F-16 jets launched airstrikes in the Wadi al-Shay area, killing several ISIS members and destroying "
         "a hideout", [("killed", 3, 3, 9)]),
        ("No members of the US-led coalition troops were injured on Friday November 8th.",
         [("wounded", 0, 0, 0)]),
        ("A coalition spokeswoman later said no coalition troops had been injured.", [("wounded", 0, 0, 0)]),
        ("Isis operatives also killed today two members of the tribal Hashd militias (who are helping Iraqi "
         "forces)", [("killed", 2, 2, 2)]),
        ("ISIS recently executed 54 Syrian soldiers who had defected during the civil war.",
         [("killed", 54, 54, 54)]),
        ("managed to kill an entire terrorist detachment in Kirkuk", [("killed", 2, 2, None)]),
        ("the CTS managed to kill an entire ISIS unit that tried to attack", [("killed", 2, 2, None)]),
        ("snipers of the security unit monitored the terrorists and killed a number of them",
         [("killed", 2, 2, None)]),
        ("a drone attack that hit a US base and which cost the lives of three US soldiers",
         [("killed", 3, 3, 3)]),
        ("the capture or killing of dozens of ISIS operatives across multiple regions",
         [("killed", 24, 24, 99)]),
        ("Iraqi Counter-Terrorism Forces Kill 4 Terrorists in Kirkuk", [("killed", 4, 4, 4)]),
        # Variants: numbers, word orders, active and passive.
        ("at least 5 killed in a bombing in Tikrit", [("killed", 5, 5, None)]),
        ("a car bomb killed at least five people in Tuz Khurmatu", [("killed", 5, 5, None)]),
        ("5 dead after a roadside bomb", [("killed", 5, 5, 5)]),
        ("three were wounded", [("wounded", 3, 3, 3)]),
        ("Gunmen wounded 2 soldiers near Baiji", [("wounded", 2, 2, 2)]),
        ("Two soldiers were killed and three others wounded in the ambush",
         [("killed", 2, 2, 2), ("wounded", 3, 3, 3)]),
        ("A soldier was killed and two others were wounded when an IED exploded.",
         [("killed", 1, 1, 1), ("wounded", 2, 2, 2)]),
        ("Three people, including two soldiers, were killed in the blast.", [("killed", 3, 3, 3)]),
        ("Gunmen shot dead two truck drivers on the road to Baiji", [("killed", 2, 2, 2)]),
        ("militants gunned down three farmers near their fields", [("killed", 3, 3, 3)]),
        ("Nine villagers, four of them children, were killed and two wounded when the shell hit.",
         [("killed", 9, 9, 9), ("wounded", 2, 2, 2)]),
        ("Seven policemen, most of them recruits, were killed in the ambush.", [("killed", 7, 7, 7)]),
        ("Police detained 12 suspects and arrested eleven others", [("arrested", 12, 12, 12), ("arrested", 11, 11, 11)]),
        ("The clash left 7 militants dead", [("killed", 7, 7, 7)]),
        ("Eight civilians died when a mortar shell hit their home", [("killed", 8, 8, 8)]),
        ("killing twenty-three fighters and injuring dozens", [("killed", 23, 23, 23), ("wounded", 24, 24, 99)]),
        ("Security forces apprehended three suspects in Hawija", [("arrested", 3, 3, 3)]),
        ("A shepherd was killed by a landmine", [("killed", 1, 1, 1)]),
        ("killed 1,200 people", [("killed", 1200, 1200, 1200)]),
        ("Two of the attackers were killed", [("killed", 2, 2, 2)]),
        ("the attack left two policemen wounded", [("wounded", 2, 2, 2)]),
        ("killing 95 militants and arresting more than 600 suspects",
         [("killed", 95, 95, 95), ("arrested", 600, 600, None)]),
        ("The gunmen came to his house, killed him in front of his family", [("killed", 1, 1, 1)]),
        ("killing the village chief and wounding his son", [("killed", 1, 1, 1)]),
        ("the mukhtar was killed by gunmen", [("killed", 1, 1, 1)]),
        ("the two soldiers were killed", [("killed", 2, 2, 2)]),
        ("The commander killed two soldiers", [("killed", 2, 2, 2)]),
        ("An Iraqi Air Force drone strike killed eleven ISIS members hiding in a cave", [("killed", 11, 11, 11)]),
        ("the killing of several of their leaders", [("killed", 3, 3, 9)]),
        ("security forces captured 3 ISIS members", [("arrested", 3, 3, 3)]),
        ("an officer and two soldiers were killed", [("killed", 3, 3, 3)]),
        ("On Saturday, an army patrol came under fire from Isis militants near Tal Afar, west of Mosul, and a soldier "
         "was wounded, the Iraqi army said", [("wounded", 1, 1, 1)]),
        ("Three members of the PMF, the paramilitary force, were killed", [("killed", 3, 3, 3)]),
        ("a patrol was ambushed and two soldiers were wounded", [("wounded", 2, 2, 2)]),
        ("The officer said he was wounded in the leg", [("wounded", 1, 1, 1)]),
        ("No one was hurt in the attack", [("wounded", 0, 0, 0)]),
        ("none were killed", [("killed", 0, 0, 0)]),
        ("killing 5-7 people", [("killed", 5, 5, 7)]),
        ("the killing of 3 soldiers and the wounding of 5 others", [("killed", 3, 3, 3), ("wounded", 5, 5, 5)]),
        ("some 20 militants were killed", [("killed", 20, 20, 20)]),
        ("a 20-year-old man was killed", [("killed", 1, 1, 1)]),
        ("Iraqi forces killed two suicide bombers before they could detonate", [("killed", 2, 2, 2)]),
        ("Two soldiers, a policeman and a civilian were killed", [("killed", 4, 4, 4)]),
        ("One of the soldiers was killed", [("killed", 1, 1, 1)]),
        ("leading to the martyrdom of three fighters", [("killed", 3, 3, 3)]),
        ("resulting in the death of two soldiers", [("killed", 2, 2, 2)]),
        ("two soldiers lost their lives", [("killed", 2, 2, 2)]),
        # one person by a bare singular noun, as headlines and some wires write
        ("The PMF announced that ISIL leader has been killed in southern Tikrit", [("killed", 1, 1, 1)]),
        ("Senior ISIS commander killed in airstrike near Hawija", [("killed", 1, 1, 1)]),
        ("Soldier wounded by sniper fire near Tuz Khurmatu", [("wounded", 1, 1, 1)]),
        ("ISIS leaders were killed in the strike", []),
        ("The commander said militants had attacked the post", []),
        ("A policeman was martyred", [("killed", 1, 1, 1)]),
        ("dozens of civilians were killed", [("killed", 24, 24, 99)]),
        ("The attack left three dead and five wounded", [("killed", 3, 3, 3), ("wounded", 5, 5, 5)]),
        ("which killed four and wounded 10", [("killed", 4, 4, 4), ("wounded", 10, 10, 10)]),
        ("a soldier was killed, and three were wounded", [("killed", 1, 1, 1), ("wounded", 3, 3, 3)]),
        ("The death toll from the bombing has risen to 12 people", [("killed", 12, 12, 12)]),
        ("the toll stood at 31", [("killed", 31, 31, 31)]),
        # who the toll counts, told between it and its verb (the development articles' "the death toll of Peshmerga
        # forces and civilians has risen to ten")
        ("the death toll of Peshmerga forces and civilians has risen to ten", [("killed", 10, 10, 10)]),
        ("the death toll among the federal police and the villagers climbed to 14", [("killed", 14, 14, 14)]),
        ("IED kills 2 soldiers near Tarmiyah", [("killed", 2, 2, 2)]),
        ("2 soldiers killed in IED blast", [("killed", 2, 2, 2)]),
        ("Three soldiers killed, two wounded", [("killed", 3, 3, 3), ("wounded", 2, 2, 2)]),
        ("ISIS executed a man accused of spying", [("killed", 1, 1, 1)]),
        # new phrasings: a verb told once for two counts, "another" soldier, "shot dead", "gunned down"
        ("police detained 9 suspects in Hawija and four others in Riyadh", [("arrested", 9, 9, 9), ("arrested", 4, 4, 4)]),
        ("the strike killed six militants in Qayyara and two more near Hatra", [("killed", 6, 6, 6), ("killed", 2, 2, 2)]),
        ("gunmen killed three farmers and wounded two others", [("killed", 3, 3, 3), ("wounded", 2, 2, 2)]),
        ("Another soldier was wounded", [("wounded", 1, 1, 1)]),
        ("Two shepherds were shot dead", [("killed", 2, 2, 2)]),
        ("a local mukhtar was gunned down", [("killed", 1, 1, 1)]),
        # a pronoun and the people with it: "him and four other people" are five
        ("militants shot the mukhtar, killing him and two other villagers", [("killed", 3, 3, 3)]),
        ("the bomb killed her and four other women at the market", [("killed", 5, 5, 5)]),
        ("the sniper killed him and wounded two others", [("killed", 1, 1, 1), ("wounded", 2, 2, 2)]),
        # people of every kind add up after one verb: "two policemen and four teenagers" are six
        ("gunmen killed two policemen and four teenagers near Rashad", [("killed", 6, 6, 6)]),
        # a day between the verb and its count
        ("Iraqi troops killed on Sunday 30 ISIS militants hiding in a cave", [("killed", 30, 30, 30)]),
        ("the Hashd also lost 10 members in the clashes", [("killed", 10, 10, 10)]),
        ("At least six fighters have been reported killed", [("killed", 6, 6, None)]),
        # the wording of Iranian outlets: "martyring" is killing
        ("a roadside bomb struck their vehicle, martyring two fighters and wounding three others",
         [("killed", 2, 2, 2), ("wounded", 3, 3, 3)]),
        # the dead found afterwards
        ("Three abducted herders were found dead near Hawija on Sunday", [("killed", 3, 3, 3)]),
        ("police recovered the bodies of four kidnapped labourers", [("killed", 4, 4, 4)]),
    ],
)
def test_find_counts(text: str, expected: list[tuple[str, int, int, int | None]]) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "security forces destroyed 11 hideouts and three tunnels in Salaheddine",
        "seized 50 kilograms of urea and 23 explosive devices",
        "Iraqi forces neutralized a suicide bomber wearing an explosive belt.",
        "One of the terrorists killed, according to the ISMC, was a senior leader of the organization.",
        "they were killed two days ago",
        "a barrage of 17 Katyusha rockets targeted an Iraqi air base",
        "five years ago, Baghdadi declared himself the leader",
        "the soldiers were killed in a raid",
        "you have killed Abu Bakr al-Baghdadi",
        "the killing of Isis leader al-Baghdadi in 2019",
        "about 60 kilometres (38 miles) south of Mosul",
        "ISIS gunmen abducted four shepherds",
        "the soldiers were killed by a sniper",
        "Mortar Shells Kill Child in Salahuddin Village",
        "10 people were killed or wounded",
        "killing and wounding 10 people",
        "They were arrested",
        "There were no casualties",
        "although several livestock died in the gunfire",   # animals are no casualties
        "the militants killed two sheep and stole the rest of the flock",
        "ISIS lost 3 tanks and two key towns in the offensive",   # "lost" counts the dead only when people follow
        "gunmen killed on Sunday 12 March a shepherd's dog",      # a day of the month is no count
    ],
)
def test_no_casualty_count(text: str) -> None:
    assert find_counts(text) == []


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("killed 13 security members and injured six others", "security members"),
        ("Isis operatives also killed today two members of the tribal Hashd militias (who", "members of the tribal Hashd militias"),
        ("killing a border guard and", "border guard"),
        ("killed eleven ISIS members hiding in a cave", "ISIS members"),
        ("the capture or killing of dozens of ISIS operatives across multiple regions", "ISIS operatives"),
        ("Four members of the Islamic State (IS) terrorist organization were killed",
         "members of the Islamic State (IS) terrorist organization"),
    ],
)
def test_victim_surface(text: str, victim: str) -> None:
    assert find_counts(text)[0].victim == victim


def test_spans_index_the_text() -> None:
    text = "On Friday gunmen, killing a border guard and wounding three others, fled."
    for c in find_counts(text):
        assert text[c.start:c.end] == c.surface
        assert c.start <= c.quantity_start < c.quantity_end <= c.end
    assert [text[c.quantity_start:c.quantity_end] for c in find_counts(text)] == ["a", "three"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("security forces destroyed 11 hideouts and three tunnels in Salaheddine and seized 50 kilograms of "
         "urea and 23 explosive devices.",
         [(11, "hideouts"), (3, "tunnels"), (50, "kilograms of urea"), (23, "explosive devices")]),
        ("In Kirkuk, they searched 45 villages and destroyed four tunnels and two terrorist hideouts",
         [(45, "villages"), (4, "tunnels"), (2, "terrorist hideouts")]),
        ("a barrage of 17 Katyusha rockets targeted an Iraqi air base", [(17, "Katyusha rockets")]),
        ("conducted airstrikes on eight ISIS hideouts in the Hamrin Mountains", [(8, "ISIS hideouts")]),
        ("killed 13 security members", []),
        ("Three mortar shells fired by ISIS militants landed", [(3, "mortar shells")]),
        ("hitting over 85 targets of the Iranian Pasdaran", [(85, "targets")]),
        ("found dozens of explosive devices and a hideout", [(24, "explosive devices")]),
    ],
)
def test_find_objects(text: str, expected: list[tuple[int, str]]) -> None:
    found = find_objects(text)
    assert [(o.quantity, o.noun) for o in found] == expected
    for o in found:
        assert text[o.start:o.end].endswith(o.noun.split()[-1])


def _seed_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.extend(s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip())
    return out


def test_every_seed_sentence_runs() -> None:
    sentences = _seed_sentences()
    assert len(sentences) > 100
    total = 0
    for sentence in sentences:
        for c in find_counts(sentence):
            assert sentence[c.start:c.end] == c.surface
            assert c.kind in ("killed", "wounded", "arrested")
            assert c.low <= c.best and (c.high is None or c.best <= c.high)
            total += 1
        for o in find_objects(sentence):
            assert o.quantity >= 0
    # The seeds report at least these counts (killed 13, wounded 6, killed 4, killed 1, wounded 3, ...).
    assert total >= 12


@pytest.mark.parametrize("text, killed", [
    # the development articles' wordings
    ("a Thursday attack on two villages that left 10 Peshmerga fighters and three civilians dead", 13),
    ("At least three members of the security forces and two civilians were killed as a result of the IS attack", 5),
    # new wordings of the same class
    ("The blast left two soldiers and a civilian dead, police said.", 3),
    ("Clashes left three militants and two policemen dead.", 5),
    ("Four members of the Popular Mobilization Forces and two farmers were killed in the ambush.", 6),
    ("gunmen opened fire on the checkpoint, killing three policemen, two PMF fighters and wounding others", 5),
    ("the strike killed six militants, four commanders and two suicide bombers", 12),
    ("the raid killed five militants, two of them senior leaders", 5),     # a part of the five, not more
    # one person after "and": "a civilian", "an officer" (the development articles' "four Peshmerga soldiers and a
    # civilian"), but not a source after a comma, nor one with a verb of its own
    ("Daesh terrorists have killed four Peshmerga soldiers and a civilian near Qara Salem.", 5),
    ("The bomb killed two soldiers and an officer of the 5th brigade.", 3),
    ("Militants attacked a checkpoint, killing two soldiers, a security official told Rudaw.", 2),
    ("gunmen killed three farmers and a shepherd was wounded", 3),
    ("The attack killed two soldiers and a police officer told AFP the toll could rise.", 2),
    ("The blast killed four soldiers and a local official added that the road was closed.", 4),
    ("Militants killed three shepherds and a lot of civilians fled the village.", 3),
    # one person before "and" a quantity: "an officer and three soldiers dead" = 4, but not a thing, nor "a lot"
    ("The blast left an officer and three soldiers dead.", 4),
    ("The attack left a house and three civilians dead.", 3),
    ("The shelling left a lot of people homeless and three soldiers dead.", 3),
    # not people, or not a conjunct of the subject: only the count of people next to the verb
    ("The rocket hit two vehicles and left three civilians dead.", 3),
    ("The shelling destroyed two houses and three civilians were killed.", 3),
    ("An army patrol came under fire near Hawija and two soldiers were killed.", 2),
])
def test_conjoined_counts_of_people_add_up(text, killed):
    assert [c.best for c in find_counts(text) if c.kind == "killed"] == [killed]


def test_one_person_before_a_quantity_of_wounded_adds_up():
    found = find_counts("The bombing left a police officer and two civilians wounded.")
    assert [(c.kind, c.best) for c in found] == [("wounded", 3)]


@pytest.mark.parametrize("text, low, high", [
    ("At least one Iraqi soldier was killed early Thursday in another attack.", 1, None),
    ("Gunmen attacked the village, killing at least one shepherd.", 1, None),
    ("More than one policeman was killed in the blast.", 1, None),
    ("One soldier was killed in the blast.", 1, 1),
    ("The bombing killed four soldiers and an unknown number of civilians.", 4, None),
    ("The strike killed six militants and an undetermined number of their commanders.", 6, None),
])
def test_a_count_open_above(text, low, high):
    assert [(c.low, c.high) for c in find_counts(text) if c.kind == "killed"] == [(low, high)]


@pytest.mark.parametrize("text, killed", [
    ("The death toll is expected to rise to 20.", []),
    ("The death toll of the attack could rise to 20, officials said.", []),
    ("Officials feared the toll would climb to 30.", []),
    ("the toll from the sunken boat near the Syrian coast rises to 94", [94]),
    ("The death toll rose on Monday to 16.", [16]),
    ("The toll in the attack has now risen to 9.", [9]),
    ("bringing the death toll to 16", [16]),
    ("the toll reached 12", [12]),
    ("The death toll has since risen to 16.", [16]),
    ("The death toll rose Monday to 16, officials said.", [16]),
    ("The toll rose by three to 16.", [16]),
    ("The toll was later raised to 16.", [16]),
    ("The toll was revised up to 16.", [16]),
])
def test_a_toll_is_read_when_stated_not_when_forecast(text, killed):
    assert [c.best for c in find_counts(text) if c.kind == "killed"] == killed


@pytest.mark.parametrize("text, killed", [
    ("Iraqi forces killed an IS leader in Hawija on Monday.", 1),                    # "IS" in capitals is the group
    ("Iraqi forces killed an ISIS leader and five of his aides near Hawija.", 6),    # his aides: more people
    ("Security forces killed the governor and two of his bodyguards.", 3),
    ("Four members of the Peshmerga forces were “martyred” in an attack near Kifri.", 4),   # a quoted participle
    ("ISIS killed four soldiers, two of them officers, near Kifri.", 4),             # of them: a part, no more
])
def test_counts_of_named_leaders_their_men_and_quoted_verbs(text, killed):
    assert [c.best for c in find_counts(text) if c.kind == "killed"] == [killed]
