"""Event triggers, suppression and non-incident reasons (incidents/extract/types.py): tables of cases."""

from __future__ import annotations

import pytest

from incidents import ROOT, SEEDS_DIR
from incidents.corpus.articles import load_corpus
from incidents.extract.sentences import split_sentences
from incidents.extract.types import find_event_triggers, may_hold_trigger, non_incident_reason, suppressed


def _primary(sentence: str):
    strong = [t for t in find_event_triggers(sentence) if t.strength == "strong" and not suppressed(sentence, t)]
    return max(strong, key=lambda t: (t.priority, -t.start)) if strong else None


@pytest.mark.parametrize(("sentence", "event_type", "sub_event_type", "rule"), [
    ("Four members of IS were killed in two airstrikes by the Iraqi Air Force.",
     "Explosions/Remote violence", "Air/drone strike", "airstrike"),
    ("F-16 jets launched airstrikes in the Wadi al-Shay area.", "Explosions/Remote violence", "Air/drone strike", "airstrike"),
    ("Coalition aircraft struck ISIS hideouts in Wadi Houran.", "Explosions/Remote violence", "Air/drone strike", "airstrike"),
    ("A drone strike hit a car near Sinjar.", "Explosions/Remote violence", "Air/drone strike", "airstrike"),
    ("A suicide bomber blew himself up in a market.", "Explosions/Remote violence", "Suicide bomb", "suicide_bomb"),
    ("Iraqi forces neutralized a suicide bomber wearing an explosive belt.",
     "Strategic developments", "Disrupted weapons use", "suicide_bomber_neutralised"),
    ("A roadside bomb struck an army patrol near Muqdadiyah.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED", "ied"),
    ("An improvised explosive device went off near a police car.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED", "ied"),
    ("A barrage of 17 Katyusha rockets targeted an air base.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling"),
    ("Three mortar shells landed on the village.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling"),
    ("Gunmen kidnapped two farmers near Jalawla.",
     "Violence against civilians", "Abduction/forced disappearance", "abduction"),
    ("ISIS executed 54 soldiers.", "Violence against civilians", "Attack", "execution"),
    ("At least nine people were killed and 20 wounded in a suicide bombing at a market in Tuz Khurmatu.",
     "Explosions/Remote violence", "Suicide bomb", "suicide_bomb"),
    ("Five pilgrims were killed by a suicide bomber near Samarra.", "Explosions/Remote violence", "Suicide bomb",
     "suicide_bomb"),
    ("Troops killed two suicide bombers before they reached the base.", "Strategic developments",
     "Disrupted weapons use", "suicide_bomber_neutralised"),
    ("Police in Mosul detained a man who, the ministry said, was a suicide bomber trained in Syria.",
     "Strategic developments", "Arrests", "arrest"),
    ("Intelligence officers nabbed an ISIS financier in Hawija.", "Strategic developments", "Arrests", "arrest"),
    ("Gunmen massacred a family of six at their farm east of Tuz Khurmatu.", "Violence against civilians", "Attack",
     "execution"),
    ("The militants committed a massacre against the shepherds of the village.", "Violence against civilians",
     "Attack", "execution"),
    ("Jihadists carried out a \u201cmassacre\u201d in a hamlet near Tal Afar, a local official said.",
     "Violence against civilians", "Attack", "execution"),
    ("Security forces seized 50 kilograms of urea and 23 explosive devices.",
     "Strategic developments", "Disrupted weapons use", "weapons_seized"),
    ("Troops destroyed four tunnels and two hideouts.", "Strategic developments", "Disrupted weapons use", "hideouts_destroyed"),
    ("Asayish forces arrested a senior member of ISIS.", "Strategic developments", "Arrests", "arrest"),
    ("ISIS militants ambushed a PMF convoy.", "Battles", "Armed clash", "ambush"),
    ("An army patrol came under fire from Isis militants.", "Battles", "Armed clash", "attack"),
    ("Peshmerga forces repelled an ISIS attack on their positions.", "Battles", "Armed clash", "attack"),
])
def test_primary_trigger(sentence, event_type, sub_event_type, rule):
    assert may_hold_trigger(sentence)
    t = _primary(sentence)
    assert t is not None, sentence
    assert (t.event_type, t.sub_event_type, t.rule) == (event_type, sub_event_type, rule)
    assert sentence[t.start:t.end]


@pytest.mark.parametrize("sentence", [
    "Seized explosive devices were taken to a depot.",
    "Security forces defused an explosive device on the road.",
])
def test_seized_device_is_not_an_ied_attack(sentence):
    assert all(t.rule != "ied" for t in find_event_triggers(sentence))


@pytest.mark.parametrize("sentence", [
    "In June 2014, ISIS captured the city of Mosul.",
    "The militants captured large areas of Anbar.",
])
def test_captured_territory_is_not_an_arrest(sentence):
    assert all(t.rule != "arrest" for t in find_event_triggers(sentence))


@pytest.mark.parametrize(("sentence", "execution"), [
    ("the commander of the battalion that executed the raid was wounded", False),   # carried out a task
    ("the army began the execution of its security plan in Tarmiyah", False),
    ("the brigade executed several joint operations near Baiji", False),
    ("ISIS executed the attack's survivors in the village square", True),
    ("ISIS militants executed two shepherds near Hawija", True),
    ("the group executed the village mukhtar in front of his family", True),
])
def test_a_task_executed_is_no_execution(sentence, execution):
    assert any(t.rule == "execution" for t in find_event_triggers(sentence)) == execution


@pytest.mark.parametrize(("sentence", "word", "expected"), [
    ("ISIS could launch attacks in Iraq, targeting cities like Mosul.", "attacks", "planned or hypothetical"),
    ("the CTS managed to kill an entire ISIS unit that tried to attack security forces patrols", "attack",
     "planned or hypothetical"),
    ("militias threatened to carry out attacks against Americans", "attacks", "planned or hypothetical"),
    ("responsible for any such attacks originating from their soil", "attacks", "planned or hypothetical"),
    # an operation's stated aims are not its deeds
    ("The army began a sweep aimed at tracking down IS remnants and destroying their hideouts near Mutaibija.",
     "destroying their hideouts", "planned or hypothetical"),
    ("The army destroyed their hideouts near Mutaibija, aimed at by the sweep.", "destroyed their hideouts", None),
    # ... but a result told after the aim is a deed: "aimed at clearing the area on Sunday, killing five militants"
    ("Forces launched an operation aimed at clearing the area near Tuz on Sunday, killing five ISIS militants.",
     "killing", None),
    ("ISIS attacked two security checkpoints in the Allas oilfields", "attacked", None),
    ("a deadly ISIS attack on a federal police outpost", "attack", None),
])
def test_suppressed(sentence, word, expected):
    trig = next(t for t in find_event_triggers(sentence) if sentence[t.start:t.end] == word)
    assert suppressed(sentence, trig) == expected


@pytest.mark.parametrize(("sentence", "reason"), [
    ("about 338 attacks by Isis fighters resulting in 682 fatalities took place in different parts in Iraq, "
     "from the beginning of 2019 till last July.", "statistics"),
    ("ISIS has carried out 120 attacks in Kirkuk since January, the governor said.", "statistics"),
    # a hundred attacks or more is a tally even on named targets (the development articles' "the coalition jets have
    # conducted 133 attacks on Qarachogh Mountain"); a few strikes on named targets are one operation
    ("The coalition jets have conducted 133 attacks on Qarachogh Mountain, the spokesperson said.", "statistics"),
    ("US aircraft flew 250 sorties against ISIS positions near Mosul.", "statistics"),
    # the events told, counted in turn (the development articles' "This is second Coalition airstrike ... in the past
    # two days")
    ("This is second Coalition airstrike against Islamic State targets near Makhmour in the past two days.", "recap"),
    ("It was the third such attack on the village this month, residents said.", "recap"),
    ("This is the second attack in a week, and it killed two soldiers near Tarmiyah.", None),
    ("This is the third time the militants have struck the village within a week, residents said.", "recap"),
    ("It was the second time in a month that the Hashd post came under fire.", "recap"),
    ("This is the second time this week that ISIS killed two soldiers near Tarmiyah.", None),
    # attacks repeated night after night are a round-up; one night of them is an event
    ("Militants have attacked Peshmerga points near Kifri for three successive nights, a commander said.", "summary"),
    ("ISIS fighters shelled villages south of Daquq on four consecutive days last week.", "summary"),
    ("ISIS attacked the post near Kifri for the third consecutive night on Monday, killing two soldiers.", None),
    ("It is not clear who carried out the attack.", None),
    ("Iraqi F-16s conducted 14 airstrikes on IS positions in the Hamrin mountains on Monday.", None),
    ("Gunmen killed 120 people in the attack on the village near Sinjar.", None),
    ("security forces carried out more than 60 operations against ISIS in January, arresting 85 suspects.",
     "statistics"),
    ("Hundreds of Peshmerga fighters have died since the war on the group began.", "statistics"),
    ("Tens of thousands of Yazidis were abducted when the jihadists overran Sinjar.", "statistics"),
    ("Nearly 40 civilians were killed in the province since the start of the year.", "statistics"),
    ("Attacks by Iraqi Forces against IS cells have continued regularly for some time.", "generic"),
    ("ISIS carries out its attacks when it has the chance.", "generic"),
    ("Bombings in several markets of the city last spring killed dozens of shoppers.", "generic"),
    ("Blasts across three districts of Mosul in March left eleven dead.", "generic"),
    ("the remaining cells, which carry out attacks from time to time on shepherds", "generic"),
    ("Since its recapture, the district still suffers a steady stream of bombings and abductions.", "generic"),
    ("Tuz Khurmatu continues to witness killings and kidnappings of truck drivers.", "generic"),
    ("Militant cells have repeatedly targeted power lines in the desert south of Mosul.", "generic"),
    # a record told in the present perfect, with no day: not one event
    ("The militants have staged a string of hit-and-run raids on villages north of Baquba.", "generic"),
    ("Daesh remnants have mounted numerous ambushes on the road between Kirkuk and Tikrit, officials said.", "generic"),
    ("In the past, farmers in Daquq have suffered repeated arson attacks on their crops.", "generic"),
    ("Gunmen struck at various locations around Tuz Khurmatu during the election.", "generic"),
    ("ISIS militants have launched two attacks on army posts near Tarmiyah on Sunday, killing three soldiers.", None),
    ("Iraqi forces have carried out several raids in Hawija on Tuesday, arresting five suspects.", None),
    ("Previously, ISIS killed two soldiers near Hawija on Monday.", None),
    ("the organization plans to carry out terrorist operations in Baghdad", "plan or threat"),
    ("Officials warned that the group may launch new attacks; militias threatened to strike US bases.",
     "plan or threat"),
    ("Security expert Fadel Abu Ragheef said that it is possible for ISIS to carry out attacks.", "opinion or analysis"),
    ("The timetable includes the closure of the Ain al-Asad base by September 2025.", "policy"),
    ("The seven victims of the bombing were buried on Friday in Najaf.", "aftermath"),
    ("Hundreds of mourners attended the funeral of the slain officer in Tikrit.", "aftermath"),
    ("A suicide bomber blew himself up at a funeral in Tuz Khurmatu, killing 25 people.", None),
    ("Gunmen opened fire on mourners leaving a mosque in Baquba on Friday.", None),
    ("A court in Baghdad sentenced three ISIS members to death for their role in the Karrada bombing.", "judicial"),
    ("The terrorist was found guilty in several cases, including the killing of five soldiers by a roadside bomb.",
     "judicial"),
    ("He pleaded guilty to planting the bomb that killed three policemen in Tikrit.", "judicial"),
    ("ISIS militants, guilty of countless atrocities, killed two farmers near Daquq on Monday.", None),
    ("A Baghdad judge on Monday found the ISIS member guilty of killing three soldiers in Tarmiyah.", "judicial"),
    ("The man was declared guilty of killing two policemen in Kirkuk.", "judicial"),
    ("Gunmen guilty in the eyes of the villagers of many killings shot dead a mukhtar near Hawija.", None),
    ("The ministry of interior announced the arrest of a gang of car thieves in Basra.", "crime or accident"),
    ("Celebratory gunfire killed a child in Sadr City during a wedding on Friday.", "crime or accident"),
    ("The committee hosted the commanders to discuss the recent attacks in the Hamrin mountains.", "policy"),
    ("The survey counted more than 900 civilians who died in bombings during 2016 across the region.", "statistics"),
    ("The monitor recorded the deaths of 40 fighters in the province last month.", "statistics"),
    ("Thousands of suspects have been jailed since the war ended.", "statistics"),
    ("Baghdad has arrested hundreds of foreign fighters and their wives, officials say.", "statistics"),
    ("The courts have tried scores of Yazidi women's captors.", "statistics"),
    ("He confessed to planting two bombs in Kirkuk's markets, the judiciary said.", "charges"),
    ("The defendant took part in the killing of a police officer in Hawija, the statement said.", "charges"),
    ("Police arrested a suspect who took part in the killing of a police officer in Hawija.", None),
    ("Baghdad proclaimed victory over the jihadists in December 2017, after a three-year war.", "history"),
    ("The group once ruled a self-styled caliphate stretching from Raqqa to Mosul.", "history"),
    ("At its peak, the militant group controlled nearly a third of the country.", "history"),
    ("Tal Afar fell to the militants in the summer of 2014 and was retaken by Iraqi forces in August 2017.", "history"),
    ("Sinjar, liberated from the group in November 2015, is still largely in ruins.", "history"),
    ("Baiji, retaken in 2015, came under attack on Monday and two soldiers were killed.", None),
    ("Iraqi forces retook the village of Albu Hayat from the militants on Tuesday.", None),
    ("A roadside bomb struck an army patrol near Muqdadiyah yesterday, killing two soldiers.", None),
    ("Four members of the Islamic State were killed in two airstrikes by the Iraqi Air Force.", None),
    ("A shepherd missing since Friday was found shot dead near Daquq on Sunday.", None),
    # one operation's strikes on named targets are an event; strikes counted over a year are a tally
    ("Iraqi F-16 jets carried out 11 airstrikes against ISIS caves in the Makhoul mountains, the army said.", None),
    ("The coalition conducted 35 airstrikes on ISIS positions in Iraq in 2023.", "statistics"),
    ("Police detained 87 suspected members of the group in 14 provinces in dawn raids.", "generic"),
    ("Last spring, a truck driver was similarly abducted on the Kirkuk-Baghdad road.", "recap"),
    ("On Saturday, a truck driver was similarly abducted near Daquq.", None),   # the next event, not an earlier one
    ("Iraqi F-16 jets carried out 14 airstrikes on ISIS hideouts in the Hamrin mountains on June 5, 2023.", None),
    ("Militants firing mortar rounds began attacking the town of Jurf al-Sakhr late Friday, killing 11 soldiers.", None),
    ("Last October, Isis attacked two security checkpoints in the Allas oilfields, killing two Iraqi security forces.",
     None),
])
def test_non_incident_reason(sentence, reason):
    assert non_incident_reason(sentence) == reason


def test_prefilter_never_hides_a_trigger():
    """may_hold_trigger is a cheap superset test: every sentence with a trigger passes it."""
    articles, _ = load_corpus([SEEDS_DIR, ROOT / "tests" / "fixtures" / "articles"])
    sentences = [s.text for a in articles for s in split_sentences(a.analysis().text)]
    with_trigger = [s for s in sentences if find_event_triggers(s)]
    assert len(with_trigger) > 40
    assert [s for s in with_trigger if not may_hold_trigger(s)] == []
    assert not may_hold_trigger("The committee met on Wednesday to discuss the budget.")


@pytest.mark.parametrize("text", [
    "The two villages are in remote territory claimed by Baghdad and Erbil where there are regular attacks by Daesh.",
    "Villagers near Hawija face frequent IS raids on their farms.",
    "The district has seen constant shelling by the militants.",
    "Farmers in the Hamrin foothills live with recurring kidnappings.",
    "Frequent ISIS attacks have killed 12 farmers near Hawija this year.",   # a count, but of many attacks
])
def test_habitual_attacks_are_generic(text):
    assert non_incident_reason(text) == "generic"


@pytest.mark.parametrize("text", [
    "Sporadic clashes broke out on Sunday near Tuz Khurmatu, killing two soldiers.",
    "Occasional mortar rounds fell on the village, wounding a shepherd.",
    "Two soldiers were killed in an IED blast in Tarmiyah, an area that has seen frequent attacks by Daesh.",
    "ISIS militants stormed a village in Tarmiyah on Sunday, an area that has seen frequent attacks by Daesh.",
    "On March 3 gunmen ambushed a patrol near Hawija, where regular raids by the group are reported.",
])
def test_one_attack_told_beside_a_habit_is_an_event(text):
    assert non_incident_reason(text) is None
