"""Who acted and who was targeted in one event clause (actor1, actor2), and the defaults by event family.

``clause_actors(clause_text, trigger, triggers, isis_topic) -> (actor1, actor2)``: reporting sources
("a police source told"), long asides in brackets, actors after a preposition ("against the Islamic
State") and objects of another verb never act. actor1 is given by the first rule that applies
(``_INITIATOR_RULES``, in order): the trigger names it ("F-16 strike", "Isis gunmen"); "came under fire
from X"; "by X" after a noun or passive trigger; an actor right before the trigger noun ("ISIS
attack"); the subject of an active verb trigger; the subject of an active killing verb ("X killed Y");
the first actor before the trigger when no passive verb stands between; the owner of another event noun
of the clause ("killed in an IS attack", "an ambush by ISIS") or the actor it is blamed on. actor2: the first other actor
after the trigger (its owner in "a checkpoint manned by X"), else the nearest other actor before it
(passive: "Four members of IS were killed in airstrikes by ...").

``default_actors(...)`` fills what the clause leaves empty from the event family and the article's topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from incidents.extract import actors as A
from incidents.extract.actors import ActorMention, find_actors
from incidents.extract.clauses import ACTIVE_KILL
from incidents.extract.types import Trigger
from incidents.extract.vocab import alternation
from incidents.schema import ISLAMIC_STATE

# an auxiliary in lower case (or capitalised at a sentence start): "IS" before a noun is the Islamic State
# an adverb between the auxiliary and the participle: "was reportedly killed", "was in turn targeted"
_ADVERB = r"(?:(?:\w+ly|in turn|also|then|later|again|once again|first|all|both|not|never|still|soon)\s+)?"
_PASSIVE_BEFORE = re.compile(r"\b(?:[Ww]as|[Ww]ere|[Bb]een|[Bb]eing|[Ii]s|[Aa]re|[Bb]e|WAS|WERE)\s+" + _ADVERB + "$")
# the subject of that passive names the attackers, whom the actor finder may not know as a group: "The two attackers
# were killed", "both suspects were killed", "three members of the cell were killed" (the state killed them)
_HOSTILE_SUBJECT_BEFORE = re.compile(
    r"\b(?:attackers|assailants|gunmen|militants|terrorists|jihadists|insurgents|suspects|bombers|infiltrators|"
    r"kidnappers|members\s+of\s+(?:the|a|an|this|that)\s+(?:[\w-]+\s+)?cell|cell\s+members)\s+"
    r"(?:(?:who|that)\s+[^,;.]{0,40}?\s+)?(?:were|was|had\s+been|have\s+been)\s+" + _ADVERB + "$", re.I)
_PASSIVE_VERB = re.compile(r"\b(?:was|were|been|being)\s+" + _ADVERB + r"\w+(?:ed|en|wn)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;]|,\s*(?:accompanied|while|whereas|as|and|but|amid)\b", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|this|that|its|their|such)\s+(?:[\w-]+\s+)?$", re.I)
_ADJACENT = re.compile(r"\s*(?:\([^()]{1,12}\))?\s*")   # "ISIS attack", "Islamic State (IS) attack"
_BY_AFTER = re.compile(r"^\W*(?:[\w-]+\W+){0,3}?by\s+(?:the\s+)?", re.I)
# a passive verb's agent may come after its place and time: "were killed in Kolajo on Tuesday night by militants"
_PASSIVE_BY_AFTER = re.compile(r"^[^.;:()]{0,70}?(?<!backed )(?<!supported )(?<!accompanied )(?<!led )\bby\s+(?:the\s+)?",
                               re.I)
_PAREN = re.compile(r"\([^()]{25,}\)")   # asides; short brackets are names: "(Asayish)", "(IS)"
_OWNED_BY = re.compile(r"\s+(?:manned|run|held|operated|used|guarded|occupied)\s+by\s+(?:the\s+)?|\s+of\s+(?:the\s+)?", re.I)
_SOURCE_AFTER = re.compile(r"\s+(?:source|sources|spokesm[ae]n|statement|media cell)\b"
                           r"|\s+(?:[\w-]+\s+){0,2}?(?:said|says|told|announced|reported|stated)\b", re.I)
_SOURCE_BEFORE = re.compile(r"\baccording to (?:the |a )?(?:\w+\s+)?$", re.I)
# "a landmine left over from the war against ISIS": history, not a party to this event
_WAR_AGAINST = re.compile(r"\b(?:war|fight|battle|campaign)s?\s+(?:against|on|with)\s+(?:the\s+)?$", re.I)
# "Four soldiers killed in a bomb blast", "two policemen have died after ...", "eight federal police officers died in
# an attack attributed to ...": the actor before is a victim
_SUFFERED_VERB = (r"(?:(?:have|has|had|were|was)\s+)?(?:been\s+)?(?:\w+ly\s+)?"
                  r"(?:killed|died|wounded|injured|hurt|perished|slain|shot(?: dead)?|gunned down|beheaded|"
                  r"executed|abducted|kidnapped|martyred|lost (?:their|his|her) (?:lives|life)|"
                  # "fell victim to an assault": the event the victims fell to is part of the verb
                  r"fell victims?(?:\s+to\s+(?:an?|the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:" + alternation("event_nouns.txt")
                  + r")s?)?)\b")
_MEN = r"(?:officers?|members?|personnel|fighters?|soldiers?|troops|men|guards?|agents?|recruits|conscripts|commanders?)"
_SUFFERED_AFTER = re.compile(r"\s*(?:,\s*)?" + _SUFFERED_VERB +
                             r"(?=\s*(?:,|\.|$|(?:and|in|near|at|on|during|after|when|as|while|by|following|"
                             r"inside|outside|north|south|east|west)\b))"
                             # "federal police officers died in an attack": the force named with its men; then no
                             # comma or "and" after the verb ("ISIS fighters killed, wounded and captured soldiers")
                             # ... or with one more group of them: "An army officer and four soldiers lost their lives"
                             r"|\s*" + _MEN + r"(?:\s+and\s+(?:an?\s+|\w+\s+)?(?:other\s+)?" + _MEN + r")?\s+" + _SUFFERED_VERB +
                             r"(?=\s*(?:\.|$|(?:in|near|at|on|during|after|when|while|following|inside|outside)\b))",
                             re.I)
_TARGETING = re.compile(r"\b(?:targeting|targeted|against)\s+(?:the\s+|an?\s+)?(?:\w+[\s-]+){0,2}$", re.I)
_UNDER_FIRE = re.compile(r"(?:came|come|comes|coming) under (?:heavy |intense |sniper |mortar |rocket |machine-?gun )?"
                         r"(?:fire|gunfire|attack|assault)|under fire", re.I)
# between "came under attack" and who attacked: "from the", "by a suspected", "from an alleged"
_FIRE_SOURCE = re.compile(r"\s*(?:from|by)\s+(?:(?:the|an?)\s+)?(?:(?:suspected|alleged|presumed|apparent)\s+)?", re.I)
_OBLIQUE = re.compile(r"\b(?:against|on|targeting|of|from|with|at|near)\s+(?:the\s+|an?\s+)?$", re.I)
_CLAUSE_WORDS = re.compile(r"\b(?:in|of|on|at|near|by|from|with|against|when|after|as|while|and|but|"
                           r"because|since|before|until|that|which|who)\b")
_GAP_WORDS = re.compile(r"\b(?:in|of|on|at|near|against|by|to|was|were|is|are|when|after|as|and|while|who|"
                        r"which|that)\b")
STATE_ACTIONS = frozenset({"arrest", "disrupted", "disrupted_suicide", "air", "operation"})
# families whose missing initiator is a state force (the one named in the context, else the army)
_STATE_FAMILIES = ("arrest", "disrupted", "disrupted_suicide", "air", "kill", "operation")


def is_verb(surface: str) -> bool:
    """A trigger used as a verb ("killed", "arresting", "kill"), not a noun or adjective ("deadly", "attack")."""
    return re.fullmatch(r"[\w-]+(?:ed|ing)", surface) is not None or ACTIVE_KILL.fullmatch(surface) is not None


@dataclass(frozen=True)
class _Scene:
    """One clause as the actor rules see it: masked text, its trigger, and the actors around it."""

    masked: str
    trig: Trigger
    triggers: list[Trigger]
    mentions: list[ActorMention]
    subjects: list[ActorMention]
    before: list[ActorMention]
    after: list[ActorMention]

    def passive_before(self, pos: int, reach: int = 20) -> bool:
        """A passive auxiliary ends the ``reach`` characters before ``pos``."""
        return _PASSIVE_BEFORE.search(self.masked[max(0, pos - reach):pos]) is not None


def _mask_parentheses(text: str) -> str:
    """``text`` with the inside of (...) blanked, same length: asides never give the actors."""
    return _PAREN.sub(lambda m: " " * len(m.group(0)), text)


def _scene(clause_text: str, trig: Trigger, triggers: list[Trigger], isis_topic: bool) -> _Scene:
    """Build the scene: actors of the clause less reporting sources, history and obliques (see module docstring)."""
    masked = _mask_parentheses(clause_text)
    mentions = [m for m in find_actors(masked, isis_topic)
                if not _SOURCE_AFTER.match(masked, m.end) and not _SOURCE_BEFORE.search(masked[max(0, m.start - 25):m.start])
                and not _WAR_AGAINST.search(masked[max(0, m.start - 30):m.start])]
    # "destroyed terrorist hideouts and arrested two terrorists": generic words are targets, never initiators
    subjects = [m for m in mentions if not m.generic] if trig.family in STATE_ACTIONS else mentions
    subjects = [m for m in subjects if not _OBLIQUE.search(masked[max(0, m.start - 20):m.start])]
    draft = _Scene(masked, trig, triggers, mentions, subjects, [], [])
    before = [m for m in subjects if m.start < trig.start and not _is_object(draft, m)
              and not _SUFFERED_AFTER.match(masked, m.end)]
    after = [m for m in mentions if m.start >= trig.end]
    return _Scene(masked, trig, triggers, mentions, subjects, before, after)


def _is_object(sc: _Scene, m: ActorMention) -> bool:
    """"Iraqi forces killed three ISIS militants": ISIS is the object of another verb trigger, never the subject."""
    return any(t.end <= m.start and m.start - t.end <= 25 and re.fullmatch(r"[\s\w’'-]*", sc.masked[t.end:m.start])
               and not _CLAUSE_WORDS.search(sc.masked[t.end:m.start]) and not sc.passive_before(t.start)
               for t in sc.triggers if t is not sc.trig and is_verb(sc.masked[t.start:t.end]))


def _named_by_trigger(sc: _Scene) -> tuple[str, str]:
    """The trigger names its actor: "F-16 strike", "coalition warplanes", "Isis gunmen"."""
    trig = sc.trig
    named = [m for m in sc.subjects if m.start <= trig.start < m.end or (m.start < trig.start and trig.start < m.end)]
    if not named:
        return "", ""
    actor1 = named[0].actor
    ahead = [m for m in sc.subjects if m.end <= named[0].start and not sc.masked[m.end:named[0].start].strip()]
    if actor1 == A.UNIDENTIFIED and ahead:
        actor1 = ahead[-1].actor
    return actor1, ""


def _under_fire_from(sc: _Scene) -> tuple[str, str]:
    """"an army patrol came under fire from Isis militants", "came under attack from a suspected ISIS cell"."""
    if not _UNDER_FIRE.fullmatch(sc.masked[sc.trig.start:sc.trig.end]):
        return "", ""
    source = [m for m in sc.after if _FIRE_SOURCE.fullmatch(sc.masked[sc.trig.end:m.start])]
    return (source[0].actor if source else ""), ""


def _by_agent(sc: _Scene) -> tuple[str, str]:
    """"by X" after a noun or passive trigger (not "attacked a checkpoint manned by the PMF"); after a
    passive verb also past its place and time ("were killed near Hawija on Tuesday by ISIS militants")."""
    trig = sc.trig
    passive = sc.passive_before(trig.start)
    active = is_verb(sc.masked[trig.start:trig.end]) and not passive
    by = (_PASSIVE_BY_AFTER if passive else _BY_AFTER).match(sc.masked[trig.end:trig.end + 90])
    if not by or active:
        return "", ""
    pos = trig.end + by.end()
    follow = [m for m in sc.after if m.start >= pos and m.start <= pos + 25]
    return (follow[0].actor if follow else ""), ""


def _right_before(sc: _Scene) -> tuple[str, str]:
    """An actor right before the trigger, at most two plain words between ("ISIS attack", "Iraqi forces raided");
    an actor that directly modifies a trigger noun owns it whatever precedes it ("a number of Daesh attacks")."""
    trig = sc.trig
    if not is_verb(sc.masked[trig.start:trig.end]):
        adjacent = [m for m in sc.mentions if m.end <= trig.start and _ADJACENT.fullmatch(sc.masked[m.end:trig.start])]
        if adjacent and not _is_object(sc, adjacent[-1]):
            return adjacent[-1].actor, ""
    if not sc.before:
        return "", ""
    gap = sc.masked[min(sc.before[-1].end, trig.start):trig.start]
    if (re.fullmatch(r"[\s\w’'()-]{0,25}", gap) and len(gap.split()) <= 2 and not _GAP_WORDS.search(gap)
            and not sc.passive_before(trig.start)):
        return sc.before[-1].actor, ""
    return "", ""


def _subject_of_verb(sc: _Scene) -> tuple[str, str]:
    """The subject of an active verb trigger: the last actor before it."""
    surface = sc.masked[sc.trig.start:sc.trig.end]
    verb_like = re.search(r"(?:ed|ing)$", surface) is not None or ACTIVE_KILL.fullmatch(surface) is not None
    if _DETERMINER_BEFORE.search(sc.masked[max(0, sc.trig.start - 30):sc.trig.start]):
        verb_like = False   # "in a bombing", "the deadly shelling": a noun
    if verb_like and sc.before and not sc.passive_before(sc.trig.start):
        return _clause_subject(sc).actor, ""
    return "", ""


_AFTER_COMMA = re.compile(r",\s*$")


def _clause_subject(sc: _Scene):
    """The actor that does what a verb trigger says: the last actor before it, but for a participle after a comma
    the main clause's subject ("The US-led Coalition on Sunday hit an Islamic State position near Makhmour, killing
    two fighters": the coalition, not the position it hit), the first actor before, when no preposition precedes it."""
    surface = sc.masked[sc.trig.start:sc.trig.end]
    first = sc.before[0]
    if (len(sc.before) > 1 and surface.lower().endswith("ing") and _AFTER_COMMA.search(sc.masked, 0, sc.trig.start)
            and not _OBLIQUE.search(sc.masked[max(0, first.start - 25):first.start])):
        return first
    return sc.before[-1]


def _subject_of_killing(sc: _Scene) -> tuple[str, str]:
    """"X killed Y" elsewhere in the clause: X acts, Y (when named) is the target."""
    trig, masked = sc.trig, sc.masked
    for t in sc.triggers:
        if t.family != "kill" or t is trig:
            continue
        if not ACTIVE_KILL.fullmatch(masked[t.start:t.end]) or sc.passive_before(t.start):
            continue
        if re.search(r",\s*$", masked[max(0, t.start - 3):t.start]):
            continue   # ", killing two soldiers": the event kills, not the actor named before
        # "an attack on an army post killed four soldiers": the attack kills, the post is its target
        subj = [m for m in sc.mentions if m.end <= (trig.start if trig.start < t.start else t.start)]
        obj = [m for m in sc.mentions if m.start >= t.end and m.actor != (subj[-1].actor if subj else "")]
        if subj and not _SUFFERED_AFTER.match(masked, subj[-1].end):   # "soldiers killed in a blast": victims
            return subj[-1].actor, (obj[0].actor if obj else "")
    return "", ""


# responders come to the scene of an event they did not commit: "A police car that arrived at the scene of the attack"
_SCENE_OF = re.compile(r"\b(?:scene|site|aftermath|wake|location|spot)\s+of\s+(?:(?:the|an?|this|that)\s+)?(?:[\w-]+\s+)?$", re.I)


def _first_before(sc: _Scene) -> tuple[str, str]:
    """The first actor before the trigger when no passive verb stands between and the trigger is not the
    place responders came to ("arrived at the scene of the attack")."""
    if _SCENE_OF.search(sc.masked[max(0, sc.trig.start - 40):sc.trig.start]):
        return "", ""
    if (sc.before and not sc.passive_before(sc.trig.start, 30)
            and not _PASSIVE_VERB.search(sc.masked[sc.before[0].end:sc.trig.start])):
        return sc.before[0].actor, ""
    return "", ""


_BLAMED_ON = re.compile(r"\b(?:blamed on|attributed to|claimed by|carried out by|perpetrated by|launched by)\s+(?:the\s+)?$",
                        re.I)
_VIOLENT_NOUNS = frozenset({"suicide", "ied", "grenade", "air", "shelling", "execution", "clash", "abduction", "operation"})


def _owner_of_event_noun(sc: _Scene) -> tuple[str, str]:
    """Victims "killed in an IS attack", "wounded in an ambush by ISIS militants", "an attack blamed on the
    Islamic State group": the actor that owns another event noun of the clause (right before it, or "by X"
    after it) or that the attack is blamed on acts. Used when the primary trigger names no initiator."""
    masked = sc.masked
    surface = masked[sc.trig.start:sc.trig.end]
    noun = _DETERMINER_BEFORE.search(masked[max(0, sc.trig.start - 30):sc.trig.start]) is not None   # "in a bombing"
    if not noun and (surface.lower().endswith("ing") or (is_verb(surface) and not sc.passive_before(sc.trig.start))):
        return "", ""   # an active verb ("attacking an air base, accompanied by Isis ambushes") has its own subject
    for t in sc.triggers:
        if t is sc.trig or t.family not in _VIOLENT_NOUNS or is_verb(masked[t.start:t.end]):
            continue
        if _CLAUSE_BREAK.search(masked[min(t.start, sc.trig.end):max(t.start, sc.trig.end)]):
            continue
        ahead = [m for m in sc.subjects if m.end <= t.start and re.fullmatch(r"[\s\w’'()-]{0,25}", masked[m.end:t.start])
                 and len(masked[m.end:t.start].split()) <= 2 and not _GAP_WORDS.search(masked[m.end:t.start])]
        if ahead:
            return ahead[-1].actor, ""
        by = _BY_AFTER.match(masked[t.end:t.end + 60])
        follow = [m for m in sc.mentions if by and t.end + by.end() <= m.start <= t.end + by.end() + 25]
        if follow:
            return follow[0].actor, ""
    blamed = [m for m in sc.mentions if _BLAMED_ON.search(masked[max(0, m.start - 40):m.start])]
    return (blamed[0].actor, "") if blamed else ("", "")


_INITIATOR_RULES = (_named_by_trigger, _under_fire_from, _by_agent, _right_before, _subject_of_verb,
                    _subject_of_killing, _first_before, _owner_of_event_noun)


def _target(sc: _Scene, actor1: str) -> str:
    """actor2: an actor the event is said to target ("an ambush targeting the PMF"), else the first other
    actor after the trigger (its owner when it is "manned by" one), else the
    nearest other actor before it; "" when none. The subject of the clause's first passive trigger is the target whatever
    follows ("Two policemen were killed at a checkpoint ... in an ambush": the police, not the army the
    checkpoint suggests)."""
    targeted = [m for m in sc.after if m.actor != actor1 and _TARGETING.search(sc.masked[max(0, m.start - 20):m.start])]
    if targeted:   # "killed and injured in an ISIS ambush targeting al-Hashd al-Shaabi"
        return targeted[0].actor
    for t in sorted(sc.triggers, key=lambda t: t.start):
        if sc.passive_before(t.start):   # "Two policemen were killed at a checkpoint ... in an ambush"
            subject = [m for m in sc.mentions if m.end <= t.start and m.actor != actor1]
            if subject:
                return subject[-1].actor
            break
    others = [m for m in sc.after if m.actor != actor1]
    if others:
        owner = [m for m in others[1:] if _OWNED_BY.fullmatch(sc.masked[others[0].end:m.start])]
        return owner[0].actor if owner else others[0].actor   # "a checkpoint manned by the PMF"
    before = [m for m in reversed(sc.mentions) if m.start < sc.trig.start and m.actor != actor1]
    return before[0].actor if before else ""


def clause_actors(clause_text: str, trig: Trigger, triggers: list[Trigger], isis_topic: bool) -> tuple[str, str]:
    """(actor1, actor2) of one clause; "" when the text does not say (rules in the module docstring).

    In: clause text, its primary trigger and all its triggers (offsets relative to the clause), and
    whether the article is about ISIS (generic "terrorists" then read as ISIS).
    """
    sc = _scene(clause_text, trig, triggers, isis_topic)
    actor1 = actor2 = ""
    for rule in _INITIATOR_RULES:
        actor1, actor2 = rule(sc)
        if actor1:
            break
    return actor1, actor2 or _target(sc, actor1)


def context_state_actor(text: str, pos: int, reach: int = 1500) -> str:
    """The last state/coalition actor named in the ``reach`` characters before ``pos``, or "".

    Resolves "they arrested two terrorists" to the forces of the sentence before.
    """
    lo = max(0, pos - reach)
    for m in reversed(find_actors(text[lo:pos], False)):
        if A.INTER.get(m.actor) in (1, 8) and m.actor not in (A.US_FORCES,):
            return m.actor
    return ""


def default_actors(family: str, actor1: str, actor2: str, isis_topic: bool, text: str, trig_abs: int,
                   country: str) -> tuple[str, str]:
    """Fill what a clause leaves empty from its event family (before the country suffixes are added).

    In: the primary trigger's family, the clause's actors, the article's topic, the analysis text, the
    trigger's offset in it and the event's country. Out: (actor1, actor2).
    """
    if family == "air" and A.INTER.get(actor1) == 2:   # "an F-16 strike destroyed an ISIS hideout"
        actor1, actor2 = "", actor2 or actor1
    if not actor1:
        if family == "kill" and (A.INTER.get(actor2) in (1, 8) or (
                A.INTER.get(actor2) != 2 and _PASSIVE_BEFORE.search(text[max(0, trig_abs - 20):trig_abs])
                and not _HOSTILE_SUBJECT_BEFORE.search(text[max(0, trig_abs - 100):trig_abs]))):
            # "Two soldiers were killed near Baiji", "Two people were killed", "one of his colleagues was killed":
            # forces, civilians or people the text does not name are the victims, not killed by the state unnamed;
            # militants killed ("Five militants were killed") or a subject the actors miss ("its forces had killed
            # an intended suicide bomber", "a government raid killed 17 people") leave the state as the initiator
            actor1 = ISLAMIC_STATE if isis_topic else A.UNIDENTIFIED
        elif family in _STATE_FAMILIES:
            actor1 = context_state_actor(text, trig_abs) or A.ARMY
            if actor2 == actor1:
                actor2 = ""
        elif family in ("shelling", "ied", "suicide"):
            actor1 = A.UNIDENTIFIED
        elif isis_topic and actor2 != ISLAMIC_STATE:
            actor1 = ISLAMIC_STATE
        else:
            actor1 = A.UNIDENTIFIED
    if not actor2 and isis_topic and A.INTER.get(actor1) in (1, 8) and family in _STATE_FAMILIES + ("clash",):
        actor2 = ISLAMIC_STATE
    if family == "execution" and (not actor2 or A.INTER.get(actor2) != 7):
        actor2 = f"Civilians ({country})"
    if actor1 == actor2:
        actor2 = ""
    return actor1, actor2
