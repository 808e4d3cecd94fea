"""Event triggers in the ACLED taxonomy, and the test that tells a report from a non-incident.

``find_event_triggers(text)`` takes a sentence (or any text) and returns every word or phrase that
names a kind of violent or security event, each as a :class:`Trigger` with its span, ACLED
``event_type`` / ``sub_event_type``, a rule name (kept in the ``method`` column so every row says
which rule made it), a *strength* and a *family*:

- strong triggers name an event by its means (airstrike, IED, rockets, ambush, kidnap, arrest,
  weapons seized, hideouts destroyed): each clause with one of them is a candidate incident;
- weak triggers ("killed", "operation") only make an incident where no strong trigger is near:
  "killing a border guard" belongs to the attack it follows, "a security operation ... killed 4"
  is an armed clash.

``non_incident_reason(sentence)`` says why a sentence reports no single event (statistics over a
period, plans and threats, speculation, policy talk, generic "attacks continue") or returns None.
``suppressed(text, trigger)`` says whether one trigger is only planned/attempted/hypothetical
("plans to carry out attacks", "could launch attacks", "tried to attack").

Decisions (ACLED codebook practice):
- a suicide bomber killed, arrested or "neutralised" before detonating is Strategic developments /
  Disrupted weapons use (the attack was prevented), not a Suicide bomb;
- explosives, IEDs, weapons or caches seized, defused or dismantled: Disrupted weapons use;
- hideouts, tunnels, camps destroyed without fighting (search operations): Disrupted weapons use;
- executions of captives: Violence against civilians / Attack;
- an attack whose victims are civilians: Violence against civilians / Attack (decided in the
  pipeline, which knows the victims).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from incidents.regex_gate import AnyOf, GatedPattern, fold_case

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
STRATEGIC = "Strategic developments"


@dataclass(frozen=True)
class Trigger:
    """One event word in a text: ``text[start:end]`` is the surface; ``rule`` the rule name."""

    start: int
    end: int
    event_type: str
    sub_event_type: str
    rule: str
    strength: str = "strong"   # "strong" | "weak"
    family: str = ""          # "suicide" | "ied" | "grenade" | "air" | "shelling" | "abduction" | "execution" |
                              # "arrest" | "disrupted" | "clash" | "kill" | "operation"

    @property
    def priority(self) -> int:
        """Higher wins when several triggers describe one event (the most specific means)."""
        return _PRIORITY.get(self.family, 0)


_PRIORITY = {
    "suicide": 90, "disrupted_suicide": 95, "ied": 80, "grenade": 75, "air": 70, "shelling": 60, "abduction": 55,
    "execution": 50, "clash": 40, "arrest": 36, "disrupted": 35, "kill": 10, "operation": 5,
}

_I = re.IGNORECASE

# (rule, family, event_type, sub_event_type, strength, pattern)
_RULES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("suicide_bomb", "suicide", EXPLOSIONS, "Suicide bomb", "strong",
     r"\bsuicide[- ](?:bomb(?:er|ing)?s?|attack(?:er)?s?|car[- ]bombs?|vests?|belts?)|\bexplosive (?:belt|vest)s?\b"
     r"|\bblew (?:himself|herself|themselves) up\b|\bdetonated (?:his|her|their) (?:explosive|suicide)"),
    ("ied", "ied", EXPLOSIONS, "Remote explosive/landmine/IED", "strong",
     r"\b(?:roadside|car|truck|sticky|motorcycle|parked|magnetic) bombs?\b|\bIEDs?\b|\bVBIEDs?\b"
     r"|\bimprovised explosive devices?\b|\bexplosive devices?\b|\blandmines?\b|\bland mines?\b"
     r"|\bbooby[- ]?trap(?:ped|s)?\b|\bbomb (?:blast|attack|explosion)s?\b|\bbombings?\b"
     r"|\b(?:an?|the) (?:explosion|blast|bomb)\b|\bexplosions? (?:hit|struck|killed|wounded|targeted)\b"
     r"|\bbomb (?:exploded|went off|detonated)\b"),
    ("grenade", "grenade", EXPLOSIONS, "Grenade", "strong",
     r"\b(?:hand )?grenades?\b"),
    ("airstrike", "air", EXPLOSIONS, "Air/drone strike", "strong",
     r"\bair[- ]?strikes?\b|\bair[- ]?raids?\b|\baerial (?:bombardments?|strikes?|attacks?)\b|\bwarplanes?\b"
     r"|\b(?:fighter|war) ?jets?\b|\bF-16s?\b|\bdrone (?:strikes?|attacks?)\b|\b(?:armed )?drones? (?:struck|hit|targeted|attacked)\b"
     r"|\b(?:aircraft|planes|jets|drones?|helicopters?|aviation)\s+(?:\w+\s+){0,4}?(?:struck|hit|bombed|targeted|pounded|shelled|attacked)\b"
     r"|\bhelicopter gunships?\b|\b(?:army )?aviation (?:strikes?|struck|bombed)\b|\bbombed\b|\bbombarded\b"),
    ("shelling", "shelling", EXPLOSIONS, "Shelling/artillery/missile attack", "strong",
     r"\brockets?\b|\bKatyushas?\b|\bmortars?\b|\bshell(?:s|ing|ed)\b|\bartillery\b|\bmissiles?\b|\bprojectiles?\b"),
    ("abduction", "abduction", VAC, "Abduction/forced disappearance", "strong",
     r"\bkidnap\w*|\babduct\w*|\btook (?:\w+ ){0,3}hostages?\b|\btaken hostage\b"),
    ("execution", "execution", VAC, "Attack", "strong",
     # not a task carried out: "the brigade that executed the operation", "the execution of the plan"
     r"\bexecut(?:ed|ing|ion|ions)\b(?!\s+(?:of\s+)?(?:(?:the|an?|this|that|its|their|his|several|joint|many|multiple|"
     r"two|three|four|five|\d+)\s+)?(?:[\w-]+\s+)?(?:operations?|attacks?|raids?|plans?|missions?|orders?|air\s?strikes?|"
     r"strikes?|tasks?|duties|ambush|assault)\b(?!['’]s))"
     r"|\bbehead(?:ed|ing|ings)\b|\bmassacred\b"
     r"|\b(?:committed|carried out|conducted|perpetrated)\s+(?:an?\s+|another\s+)?\W?massacres?\b"),
    ("weapons_seized", "disrupted", STRATEGIC, "Disrupted weapons use", "strong",
     r"\b(?:seiz|confiscat|defus|dismantl|discover|found|find|uncover)\w*\b(?:\W+\w+){0,6}?\W+"
     r"(?:explosives?|explosive devices?|IEDs?|bombs?|weapons?|arms|ammunition|urea|caches?|depots?|detonators?|rockets?|mortars?|stockpiles?)\b"),
    ("hideouts_destroyed", "disrupted", STRATEGIC, "Disrupted weapons use", "strong",
     r"\b(?:destroy|demolish|raz|blew up|blow up|burn|bomb|target|dismantl)\w*\b(?:\W+\w+){0,6}?\W+"
     r"(?:hideouts?|hide-outs?|tunnels?|caves?|dens?|shelters?|camps?|safe ?houses?|headquarters|caches?|positions)\b"),
    ("arrest", "arrest", STRATEGIC, "Arrests", "strong",
     r"\barrest(?:ed|ing|s)?\b|\bdetain(?:ed|ing|s)?\b|\bdetention of\b|\bapprehend(?:ed|ing|s)?\b"
     r"|\bcaptur(?:ed|ing|e)\b|\bin custody\b|\brounded up\b|\bnab(?:s|bed|bing)?\b"
     # "seized five suspects", "caught two ISIS members": people seized (weapons seized are a seizure)
     r"|\b(?:seiz(?:ed|ing)|caught)(?!\s+(?:by|in|at|on|with|from)\b)(?=\s+(?:[\w-]+\s+){0,3}?(?:suspects?|suspected|militants?|terrorists?|members|"
     r"jihadists?|gunmen|fighters|wanted|elements|operatives|insurgents)\b)"),
    ("ambush", "clash", BATTLES, "Armed clash", "strong",
     r"\bambush(?:ed|es|ing)?\b"),
    ("attack", "clash", BATTLES, "Armed clash", "strong",
     r"\battack(?:ed|ing|s)?\b|\bassault(?:ed|s)?\b|\bclash(?:ed|es)?\b|\bgun ?fights?\b|\bfirefights?\b"
     r"|\bopened fire\b|\bfired (?:on|at|upon)\b|\bgunmen\b|\bstormed\b|\bexchange of fire\b|\bassassinat\w+"
     r"|\bskirmish(?:es)?\b|\bfought\b|\b(?:came|come|comes|coming) under (?:heavy |intense |sniper |mortar |rocket |machine-?gun )?(?:fire|gunfire|attack|assault)\b|\bunder fire\b|\bshot at\b"
     r"|\bsnipers?\b|\bsniped\b|\bgunfire\b|\bshot (?:and )?(?:wounded|killed|injured)\b"),
    ("killing", "kill", BATTLES, "Armed clash", "weak",
     r"\bkill(?:ed|ing|s)?\b|\beliminat(?:ed|ing|e)\b|\bneutrali[sz](?:ed|ing|e)\b|\bslain\b|\bshot dead\b"
     r"|\bmartyred\b|\bdied\b|\bdeadly\b|\bwounded\b|\binjured\b"),
    ("security_operation", "operation", BATTLES, "Armed clash", "weak",
     r"\b(?:security|military|combing|search|clearing|clearance|special|precision|counter-?terrorism) operations?\b"
     r"|\boperation\b|\boffensive\b|\bsweep\b|\bcrackdown\b|\braid(?:ed|s)?\b"),
)

_COMPILED = tuple((rule, fam, et, st, strength, re.compile(p, _I)) for rule, fam, et, st, strength, p in _RULES)
_GATED = tuple((rule, fam, et, st, strength, GatedPattern(rx)) for rule, fam, et, st, strength, rx in _COMPILED)
# word starts that every rule's matches begin with or contain: a cheap test that a text holds no
# trigger at all (tests/unit/test_types.py checks it is a superset of find_event_triggers)
_ANY = re.compile(
    r"\b(?:kill|attack|ambush|bomb|strike|raid|rocket|katyusha|mortar|shell|artiller|missile|projectile|kidnap|"
    r"abduct|hostage|execut|behead|massacr|seiz|confiscat|defus|dismantl|discover|found|find|uncover|destroy|demolish|raz|"
    r"arrest|detain|detention|apprehend|nab|captur|custody|rounded|clash|gun|fire|storm|skirmish|fought|eliminat|"
    r"neutrali|slain|dead|died|martyr|wound|injur|operation|offensive|sweep|crackdown|suicide|explosi|IED|VBIED|"
    r"landmine|mine|booby|blast|blew|blow|detonat|grenade|warplane|war|jet|F-16|drone|aircraft|plane|helicopter|aviation|"
    r"aerial|air|assault|shot|burn|target|assassinat|sniper|sniped)", _I)




def _by_first_letter(rx: re.Pattern) -> re.Pattern:
    """``rx`` (``\\b(?:word|word|...)`` of plain word starts) with its words grouped by first letter.

    Finds a match in the same texts as ``rx`` (the start is the same; only which word matches may
    differ), several times faster: Python's regex engine tries every word of an alternation at
    every word boundary, but only one group after its first letter. A pattern of another form is
    returned as it is.
    """
    head, flags = "\\b(?:", rx.flags
    words = rx.pattern[len(head):-1].split("|")
    if not (rx.pattern.startswith(head) and rx.pattern.endswith(")")) or any(
            not w or not w[0].isalpha() or any(c in w for c in "()[]{}|\\?*+.^$") for w in words):
        return rx
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0].lower() if flags & re.I else w[0], []).append(w[1:])
    return re.compile(head + "|".join(k + "(?:" + "|".join(v) + ")" for k, v in groups.items()) + ")", flags)


_ANY_FAST = _by_first_letter(_ANY)


def may_hold_trigger(text: str) -> bool:
    """False only when ``find_event_triggers(text)`` is certainly empty (one regex search)."""
    return _ANY_FAST.search(text) is not None

# a suicide bomber stopped before detonating
# a suicide bomber named as what someone is, not an attack: "the detainee was a suicide attacker"
_SUICIDE_ROLE = re.compile(r"\b(?:was|is|were|are|been|being|be)\s+[\"“]?\s*(?:an?\s+|one of the\s+)?[\"“]?\s*suicide[- ]"
                           r"(?:bomber|attacker|terrorist)s?$", re.I)
_NEUTRALISED_SUICIDE = re.compile(
    r"\b(?:intercepted|foiled|thwarted|stopped|prevented)\b(?:\W+\w+){0,5}?\W+suicide[- ](?:bomber|attacker|attack|bombing)s?\b"
    # the bomber as the object ("killed two suicide bombers"), not the means ("killed in a suicide bombing",
    # "killed by a suicide bomber")
    r"|\b(?:neutrali[sz]ed|killed|arrested|captured|shot|detained)\s+(?:(?!(?:by|in|when|during|after|as)\b)[\w-]+\s+){0,3}?"
    r"suicide[- ](?:bomber|attacker)s?\b|\bwould-be (?:suicide )?bomber\b"
    r"|\bsuicide[- ](?:bomber|attacker)s?\b(?:\W+\w+){0,4}?\W+(?:was|were) (?:neutrali[sz]ed|killed|arrested|captured|shot)\b"
    r"|\bbefore (?:he|she|they) (?:could )?(?:detonat|blow|explod)",
    _I,
)

# verbs that defuse/seize a device: "seized 23 explosive devices" is not an IED attack
_DEVICE_NOT_USED = re.compile(
    r"\b(?:seiz|confiscat|defus|dismantl|discover|found|uncover|clear|remov|detonated? under control)\w*\b"
    r"(?:\W+\w+){0,6}?\W*$",
    _I,
)

# "captured the town / took control of": territory, not an arrest
_TERRITORY_AFTER = re.compile(r"\s+(?:the\s+|large\s+|most\s+of\s+(?:the\s+)?)?(?:city|cities|town|towns|village|villages|areas?|"
                              r"territor(?:y|ies)|control|swathes|parts|districts?|neighbou?rhoods?|oil ?fields?|"
                              r"positions|hills?|bridge|airport|base)\b", _I)

# an operation's stated aims, a list of gerunds: "launched an offensive aimed at hunting down IS militants, destroying
# their hideouts, and securing the mountain range"
_PURPOSE_BEFORE = re.compile(r"\b(?:aimed at|aiming at|with the aim of|in order to|in a bid to|designed to|in an effort to"
                             r"|with the goal of|seeking to)\b[^.;:]{0,90}$", _I)
# a gerund of the aims list, not the participle of a result (", killing five militants", ", arresting 12 suspects")
_GERUND = re.compile(r"(?!(?:kill|wound|injur|arrest|captur|detain|leav|nabb|apprehend)\w*ing\b)[a-z]+ing\b", _I)
_MODAL_BEFORE = re.compile(
    r"\b(?:will|would|could|can|may|might|shall|should|must|plans?|planned|planning|plot(?:s|ted|ting)?|"
    r"threat(?:en|ens|ened|ening)?|intends?|intended|intending|vow(?:s|ed)?|aim(?:s|ed|ing)?|tried|try|tries|"
    r"trying|attempt(?:s|ed|ing)?|prepar(?:e|es|ed|ing)|seeks?|sought|capable of|ability to|"
    r"prevent(?:ed)?|avoid|deter(?:red)?|possible|potential|likely|expected|warn(?:s|ed|ing)? of|fears? of|"
    r"risk of|resort(?:ed)? to|no|not|without|ready to|continue to|continues to|promised|promise|any|such)\b"
    r"(?:\W+\w+){0,4}?\W*$",
    _I,
)

# sentence-level reasons; checked in order
_REASONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("statistics", re.compile(
        r"\b(?:in|by) (?:\w+ )?(?:attacks|bombings|operations|strikes) (?:in|during|throughout) (?:19|20)\d\d\b"
        r"|\brecorded (?:the )?(?:deaths?|killings?|attacks|casualties)\b"
        r"|\b(?:from|since) (?:the )?(?:beginning|start) of\b|\btill (?:last|the end)\b|\bso far (?:this|in)\b"
        r"|\b(?:a total of|in total|totall?ing)\b|\bper (?:month|year|week)\b|\bstatistic"
        r"|\b\d[\d,]* (?:attacks|incidents|operations|fatalities|deaths)\b[^.]*\b(?:from|since|between|during|in (?:19|20)\d\d)\b"
        r"|\bdozens of (?:claims|attacks)\b|\bhundreds of (?:attacks|operations)\b|\baccording to figures\b"
        r"|\b(?:more than|over|nearly|about|some|at least)\s+\d[\d,]*\s+(?:\w+\s+)?(?:operations|attacks|raids|airstrikes|strikes|arrests|incidents)\b"
        # ... but one operation's strikes on named targets are an event: "conducted 14 airstrikes on IS positions in Himreen"
        r"|\b\d{2,}[\d,]*\s+(?:\w+\s+)?(?:operations|attacks|raids|airstrikes|arrests|incidents)\b"
        r"(?!\s+(?:on|against|targeting)\b(?![^.]*(?<!\d, )(?<!\d )\b(?:19|20)\d\d\b))"   # "on June 5, 2023" is a day
        # ... but a hundred or more is a tally, whatever it hit: "the coalition jets have conducted 133 attacks on
        # Qarachogh Mountain"
        r"|\b[1-9]\d{2}(?!\d)(?:,\d{3})*\s+(?:\w+\s+)?(?:attacks|raids|airstrikes|air strikes|strikes|sorties|operations)\b"
        # a toll summed over a period: "were killed since the campaign was launched", "thousands of ... were killed"
        r"|\b(?:killed|died|dead|displaced|arrested|detained|wounded|injured)\s+(?:\w+\s+){0,3}?since\b"
        r"|\b(?:tens of |hundreds of )?thousands of\b[^.]{0,80}?\b(?:killed|died|displaced|enslaved|kidnapped|abducted|"
        r"detained|arrested|executed|imprisoned|jailed)\b"
        # a toll in thousands is a campaign's, not one incident's: "The terror group killed thousands", "some 7,000 women
        # and girls were seized and enslaved"
        r"|\b(?:killed|kidnapped|abducted|enslaved|displaced|executed|massacred|murdered|seized)\s+(?:many\s+)?thousands\b"
        r"|\b\d{1,3}(?:,\d{3})+\s+(?:[\w-]+\s+){0,4}?(?:were\s+|had been\s+|have been\s+)?(?:killed|seized|enslaved|"
        r"displaced|kidnapped|abducted|executed|massacred|fled|to flee)\b"
        # a tally kept over time: "Iraq has detained hundreds of people", "have executed scores of"
        r"|\b(?:has|have)\s+(?:\w+\s+)?(?:detained|arrested|jailed|imprisoned|executed|killed|captured|tried|charged)\s+"
        r"(?:\w+\s+)?(?:hundreds|thousands|scores)\s+of\b",
        _I)),
    ("generic", re.compile(
        r"\b(?:have|has) continued\b|\bcontinues? to (?:\w+ )?(?:attack|carry|launch|pose|strike|mount|target|operate)"
        r"|\bregularly\b|\bfrequently\b|\busually\b|\boften\b|\bwhen it has the chance\b|\bfor some time\b"
        r"|\b(?:are|is) (?:\w+ly )?(?:intercepting|destroying|attacking|targeting|carrying out|conducting|launching|fighting)\b"
        r"|\bbegan (?:launching|carrying out|conducting)\b|\bthen ceased\b|\bhave caused\b|\bhas caused\b"
        r"|\bin many provinces\b|\bacross (?:multiple|several|many|various) (?:regions|provinces|areas)\b"
        r"|\bhave resulted in\b|\bhas resulted in\b|\bsometimes\b|\bmass (?:civilian )?displacement\b"
        r"|\bfrom time to time\b|\boccasionally\b|\bat times\b|\bwhich carr(?:y|ies) out\b|\bhas long been\b"
        r"|\bin several (?:governorates|provinces|regions|areas)\b|\btactics?\b"
        # a sweep counted over many provinces: "arrested 119 people in 23 provinces"
        r"|\b(?:in|across) (?:\d{2,}|a dozen|dozens of) (?:governorates|provinces|regions|cities)\b"
        r"|\b(?:operations|raids|strikes|airstrikes|attacks|explosions|bombings|blasts)\s+(?:\w+\s+){0,3}?(?:across|in several|in various|in different|"
        r"in a number of)\b|\bover the (?:past|last) (?:\w+ )?(?:weeks|months|years)\b"
        r"|\b(?:they|we)\s+(?:attack|strike|kill|target|bomb|ambush|kidnap|plant)\b|\bwhen they see\b"
        r"|\b(?:continues?|continued|still) to (?:witness|see|suffer|experience|face|record)\b"
        r"|\b(?:witness|see|suffer|experience|record)(?:s|es|ed)? (?:a )?(?:high|growing|rising|steady|constant) "
        r"(?:level|number|rate|stream)s? of\b|\brepeatedly (?:carr(?:y|ies|ied) out|attack|target|launch|struck|strike|shell)\w*"
        # an activity told as ongoing: "ISIS cells remain active", "the attacks are continuing", "continuous operations"
        r"|\bremains? active\b|\b(?:are|is) continuing\b|\bcontinuous (?:\w+ )?(?:operations|attacks|raids|strikes|campaigns?)\b"
        r"|\b(?:has|have) been (?:conducting|carrying out|launching|waging|mounting)\b"
        # a record told in the present perfect: "The group has launched a series of attacks on targets outside Mosul",
        # "Previously, Kurdish shepherds have faced kidnapping", "attacks carried out at several areas"
        r"|^(?![^.]*\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last night)\b)"
        r"[^.]*?\b(?:has|have)\s+(?:\w+\s+)?(?:launched|carried out|conducted|staged|mounted|claimed|suffered|faced|seen|witnessed)"
        r"\s+(?:a (?:series|string|spate|wave|number) of|several|many|numerous|multiple|dozens of|scores of|repeated)\b"
        r"|^\W*(?:previously|in the past|historically|over the years),?\s[^.]{0,80}?\b(?:has|have)\s+(?:\w+\s+)?\w+ed\b"
        r"|\b(?:in|at|across) (?:several|various|multiple|many|different) (?:areas|places|locations|sites|fronts|parts)\b"
        r"|\bcampaigns? of (?:terror|violence|attacks|killings|intimidation|assassinations)\b",
        _I)),
    ("trend", re.compile(
        r"\b(?:attacks|incidents|operations|violence|activit(?:y|ies)|killings|kidnappings|bombings)\b(?:\W+\w+){0,8}?\W+"
        r"(?:have|has|had)\s+(?:\w+\s+)?(?:increased|risen|rose|decreased|declined|dropped|fallen|doubled|tripled|surged|"
        r"escalated|intensified|spiked|grown|multiplied|subsided|diminished|waned)\b"
        r"|\b(?:attacks|incidents|operations|violence|activit(?:y|ies)|killings)\b(?:\W+\w+){0,4}?\W+on the (?:rise|increase|"
        r"decline|wane)\b"
        r"|\b(?:on the (?:rise|increase|decline|wane)|(?:an? )?(?:uptick|surge|spike|rise|increase|decline|decrease|drop|upsurge|"
        r"resurgence|escalation|reduction|fall) (?:in|of))\b(?:\W+\w+){0,4}?\W+(?:attacks|violence|activit(?:y|ies)|"
        r"incidents|operations|killings)\b"
        r"|\b(?:the )?latest (?:in a (?:string|series|spate|wave|number|chain|spree|run) of|of (?:several|many|a number of))\b"
        r"|\b(?:increased|stepped up|intensified|escalated|ramped up) (?:its |their )?(?:attacks|operations|activit(?:y|ies))\b"
        r"|\b(?:is|are|was|were) (?:designed|meant|intended) to\b|\bas a base (?:of|for) (?:its )?(?:operations|attacks)\b"
        r"|\b(?:uses?|exploits?) (?:the )?(?:\w+ ){0,3}(?:areas?|vacuum|gaps?|terrain|regions?) (?:as|to)\b"
        r"|\b(?:more than|almost|nearly) (?:doubled|tripled|halved)\b|\b\d+ ?(?:percent|per cent|%)\b"
        r"|\ball-time (?:high|low)s?\b|\b(?:data|figures|statistics|numbers|records) (?:show|shows|suggest|indicate)\b"
        r"|\bin recent (?:days|weeks|months|years)\b|\bin the (?:past|last) (?:few |several )?(?:weeks|months|years)\b"
        # a side's fortunes told as a state: "The group is also on the backfoot in Syria, retreating in the face of ..."
        r"|\bon the back ?foot\b|\b(?:is|are) (?:\w+ )?(?:retreating|losing ground|in retreat|on the defensive)\b"
        r"|\b(?:during|in) (?:separate|several|multiple|a series of|various) (?:\w+ )?(?:operations|raids|attacks)\b"
        r"[^.]{0,80}?(?:\b(?:across|throughout)\b|\b(?:provinces|governorates)\b"
        r"|(?-i:[A-Z][\w-]+, [A-Z][\w-]+,? (?:and|&) [A-Z]))", _I)),
    # the story's background lines: victory declared, the caliphate, the 2014 sweep ("fell to ISIS in June 2014")
    ("history", re.compile(
        r"\bdeclared (?:\w+ )?(?:victory|defeat)\b|\b(?:announced|proclaimed|celebrated) (?:\w+ )?victory over\b"
        r"|\bcaliphate\b|\bat (?:its|the (?:group(?:'s|’s)|militants(?:'|’)?)) (?:height|peak)\b"
        r"|\b(?:captured|seized|controlled|overran|took over|held) (?:about |nearly |roughly |almost |up to )?(?:a|one)[ -]third\b"
        r"|\bswept (?:across|through)\b|\b(?:territorial(?:ly)? )?defeat(?:ed)? (?:of )?(?:\w+ ){0,3}in (?:19|20)\d\d\b"
        r"|\bfell (?:under|to|into)\b[^.]{0,40}?\b(?:in|since) (?:\w+ )?(?:19|20)\d\d\b"
        r"|\b(?:liberated|retaken|recaptured|freed) (?:\w+ ){0,4}?in (?:\w+ )?(?:19|20)\d\d\b"
        r"|\b(?:announc|declar|proclaim)\w* the (?:end|defeat) of\b", _I)),
    ("reaction", re.compile(
        r"\b(?:condemn(?:ed|s|ing)?|denounc(?:ed|es|ing)|deplor(?:ed|es)|offered (?:its |his |her )?condolences"
        r"|expressed (?:its|his|her|their) condolences|(?:we are|we were|is|was) saddened|sympathies)\b", _I)),
    ("aftermath", re.compile(r"\b(?:were|was) buried\b|\bfunerals?\b|\blaid to rest\b|\bmourn(?:ed|ing|ers)\b"
                             r"|\bmass graves?\b|\bexhum\w+|\banniversary\b", _I)),
    ("plan or threat", re.compile(
        r"\bplans? to\b|\bplanning to\b|\bthreaten(?:ed|s)? to\b|\bthreatened\b|\bvow(?:ed|s)? to\b|\bintends? to\b"
        r"|\bcould (?:launch|carry|attack|target|strike|exploit)\b|\bwill (?:continue|strike|attack|launch|carry)\b"
        r"|\bwould (?:carry out|launch|strike|attack|retaliate)\b|\bin response to any\b|\bif\b[^.]{0,80}\bwill\b"
        # a capacity, not a deed: "prevent its ability to conduct external attacks"
        r"|\b(?:ability|capacity|capability|capabilities) to (?:conduct|carry out|launch|plan|mount|stage|strike)\b", _I)),
    ("opinion or analysis", re.compile(
        r"\b(?:it is|it was) (?:possible|expected|likely|unlikely)\b|\bbelieves? that\b|\bin (?:his|her|their) analysis\b"
        r"|\b(?:is|are) likely to\b|\bexperts? (?:expected|believe|warned|said)\b|\bestimated that\b|\bscenario\b"
        r"|\b(?:security |military |political )?(?:expert|analyst|researcher)s?\b|\bAnalysts said\b", _I)),
    ("judicial", re.compile(r"\bsentenced\b|\bcourts?\b|\btrials?\b|\bconvicted\b|\bverdicts?\b|\bacquitted\b"
                            r"|\b(?:found|pleaded|pled|judged|proven|proved|declared|pronounced) (?:not )?guilty\b"
                            r"|\b(?:found|declared|judged|pronounced)\s+(?:[\w-]+\s+){1,4}?(?:not\s+)?guilty\b"
                            r"|\bjudges?\b"
                            r"|\b(?:jailed|imprisoned) (?:for|over)\b"
                            r"|\bdeath penalty\b|\bhanged\b|\blife imprisonment\b"
                            r"|\b(?:death|life|prison|jail) sentences?\b|\bimposed (?:\w+ ){0,2}?sentences?\b", _I)),
    # the deeds a charge, a ruling or a confession lists: "The terrorist participated with other convicts in kidnapping"
    ("charges", re.compile(r"\bconfess(?:ed|es|ions?)\b|\badmitted (?:to )?(?:\w+ing|his|her|their|taking)\b"
                           r"|\b(?:participated|took part|was involved|were involved)\b[^.]{0,60}?\bin (?:the )?(?:\w+ )?"
                           r"(?:kidnapping|killing|attacking|bombing|murder|assassinat\w+|planting|executing)\b"
                           # a member's career: "during his work with them", "holding several positions"
                           r"|\bduring (?:his|her|their) (?:work|membership|time|service) (?:with|in)\b"
                           r"|\bholding (?:several |various |many |senior |leading )?(?:positions|posts|roles)\b"
                           # a record laid at a member's door: "the mastermind behind a string of recent attacks"
                           r"|\b(?:mastermind\w*|behind|responsible for|involved in|wanted for|implicated in)\W+"
                           r"(?:a (?:string|series|spate|wave|number) of|several|many|numerous|multiple|dozens of)\s+"
                           r"(?:\w+\s+){0,2}?(?:attacks|bombings|assaults|ambushes|operations|killings|kidnappings)\b", _I)),
    ("crime or accident", re.compile(r"\bcelebratory gunfire\b|\b(?:tribal|family|personal|land) (?:dispute|feud|quarrel)s?\b"
                                     r"|\bthie(?:f|ves)\b|\brobber(?:y|ies|s)?\b|\bdrugs?\b|\bnarcotics?\b|\bsmugglers?\b"
                                     r"|\bcorruption\b|\bbribe\w*|\bfraud\b|\btraffic accident\b|\bhonou?r killing\b", _I)),
    ("policy", re.compile(
        r"\bwithdrawal\b|\btimetable\b|\btimelines?\b|\bofficial talks\b|\bnegotiat\w+\b|\bstrategic (?:framework )?agreements?\b"
        r"|\bbilateral\b|\bend (?:of )?the (?:coalition(?:'s|’s)? )?mission\b|\bmemorial\b|\bcommemorat\w+"
        r"|\bto discuss\b|\bdiscussed\b|\bheld talks\b|\bmet with\b|\bhosted\b|\breviewed\b", _I)),
    # several events summed up in one clause: "nearly 20 soldiers were killed or wounded in two separate attacks"
    ("summary", re.compile(
        r"\bin (?:two|three|four|five|several|multiple|\d+) (?:separate|different|distinct) (?:\w+ ){0,3}?"
        r"(?:attacks|incidents|operations|strikes|bombings|ambushes|raids|clashes)\b"
        # operations counted over a period: "Earlier this month, the CTS carried out three missions in the Anbar desert"
        r"|\b(?:this|last|past|previous) (?:week|month|year)\b[^.;]{0,80}?\b(?:two|three|four|five|six|seven|eight|nine|"
        r"ten|several|multiple|\d+) (?:\w+ )?(?:missions|operations|raids|sorties)\b"
        r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|\d+) (?:\w+ )?(?:missions|operations|raids|"
        r"sorties)\b[^.;]{0,60}?\b(?:this|last|past|previous) (?:week|month|year)\b"
        # a toll over attacks not told one by one: "nearly 10 Peshmerga soldiers were killed in various ISIS attacks"
        r"|\b(?:killed|wounded|injured|died|dead|lost their lives)\b[^.;]{0,40}?"
        r"\bin (?:various|several|multiple|numerous|many|a number of|a (?:series|string|spate|wave) of) (?:\w+ ){0,3}?"
        r"(?:attacks|incidents|bombings|ambushes|assaults)\b"
        # attacks repeated night after night: "have attacked Peshmerga points in Kifri for three successive nights"
        r"|\b(?:for|on|over|in)\s+(?:the\s+(?:past|last)\s+)?(?:two|three|four|five|six|seven|several|\d+)\s+"
        r"(?:successive|consecutive|straight|subsequent)\s+(?:nights|days|weeks|times)\b", _I)),
    # another event named only as the time or the company of the one told, with no toll: "The Friday attack
    # coincided with an assault on a prison in Hasakeh"; "The last attacks took place between 27 and 29 November"
    ("recap", re.compile(
        r"\bcoincided with\b|\bthe (?:last|latest|recent|previous) (?:\w+ ){0,2}?(?:attacks|bombings|assaults|operations)\b"
        # an earlier case told for comparison: "In June, an Arab shepherd was similarly kidnapped in Kirkuk" (a time
        # before the report must be said: "On Saturday, a driver was similarly abducted" is the next event)
        r"|\b(?:in (?:January|February|March|April|May|June|July|August|September|October|November|December)|last "
        r"(?:year|month|spring|summer|autumn|fall|winter)|earlier this (?:year|month))\b[^.]{0,80}?\bsimilarly\b"
        r"|\bsimilarly\b[^.]{0,80}?\b(?:(?:weeks|months|years) ago|last (?:year|month))\b|\bhad been similarly\b"
        # the events told counted in turn: "This is second Coalition airstrike against Islamic State targets near
        # Makhmour in the past two days", "It was the third such attack this month"
        r"|^\W*(?:this|it|that) (?:is|was|marks|marked) (?:the )?(?:second|third|fourth|fifth|sixth|latest|\d+(?:st|nd|rd|th))"
        r" (?:[\w-]+ ){0,3}?(?:attack|airstrike|air strike|strike|bombing|assault|ambush|operation|incident|raid|"
        r"explosion|blast)s?\b"
        # "This is the third time ISIS has attacked the area within the last week"
        r"|^\W*(?:this|it|that) (?:is|was|marks|marked) (?:the )?(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) "
        r"time\b", _I)),
)

# attacks told as a habit: "territory ... where there are regular attacks by Daesh", "frequent IS raids" ("sporadic
# clashes broke out on Sunday" is one event); generic unless the sentence tells one event of its own (a day, or a
# count with one event named in the singular: _ONE_EVENT_NOUN)
_HABITUAL = re.compile(r"\b(?:regular|frequent|constant|persistent|recurring|recurrent|periodic)\s+(?:\w+\s+)?"
                       r"(?:attacks|raids|clashes|bombings|incidents|shelling|assaults|ambushes|kidnappings|abductions)\b", _I)
_TOLD_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last night"
                       r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\d{1,2} (?:jan|feb|mar|apr|may"
                       r"|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b", _I)

# one event named in the singular: "killed in an IED blast" ("Frequent ISIS attacks have killed 12 farmers" is a tally)
_ONE_EVENT_NOUN = re.compile(r"\b(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:attack|blast|bombing|ambush|explosion|clash|raid|"
                             r"assault|shooting|strike|airstrike)\b", _I)

# each reason's alternatives behind substring gates (the same answers, several times faster)
_REASON_RULES = tuple((reason, AnyOf(rx)) for reason, rx in _REASONS)

# an attack on a rite is an event, not its aftermath: "blew himself up at a funeral", "gunmen attacked mourners"
_ATTACK_ON_RITE = re.compile(r"\b(?:at|during|on|targeting|targeted|struck|hit|attacked|stormed|among|into) (?:a |the )?"
                             r"(?:\w+ ){0,2}(?:funerals?|mourners|mourning (?:tent|ceremony|council))\b", _I)
_ARRESTED_NOW = re.compile(r"\b(?:arrest\w*|detain\w*|captur\w*|apprehend\w*|nabbed|caught|seized)\b", _I)
_CASUALTY_NUMBER = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b"
                              r"(?:\W+\w+){0,4}?\W+(?:were |was )?(?:killed|wounded|injured|dead|arrested)\b"
                              # the verb first: "killed four worshippers", "wounding at least 12"
                              r"|\b(?:killed|killing|wounded|wounding|injured|injuring|arrested|arresting)\s+(?:at least |nearly |"
                              r"about |some |around )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", _I)


def find_event_triggers(text: str) -> list[Trigger]:
    """All event triggers in ``text``, sorted by start; overlapping matches keep the most specific.

    In: a sentence or clause (analysis text). Out: list of Trigger with spans into ``text``.
    A seized/defused explosive device is not an IED attack and a neutralised suicide bomber is
    Disrupted weapons use (see module docstring).
    """
    found: list[Trigger] = []
    folded = fold_case(text)
    for rule, family, etype, stype, strength, rx in _GATED:
        for m in rx.finditer(text, folded):
            found.append(Trigger(m.start(), m.end(), etype, stype, rule, strength, family))
    adjusted: list[Trigger] = []
    for t in found:
        if t.family == "suicide" and _SUICIDE_ROLE.search(text[max(0, t.start - 40): t.end]):
            continue  # "the detainee was a suicide attacker": a role, not an attack
        if t.family == "suicide" and _NEUTRALISED_SUICIDE.search(text[max(0, t.start - 60): t.end + 60]):
            t = Trigger(t.start, t.end, STRATEGIC, "Disrupted weapons use", "suicide_bomber_neutralised",
                        "strong", "disrupted_suicide")
        elif t.family in ("ied", "shelling") and _DEVICE_NOT_USED.search(text[max(0, t.start - 60): t.start]):
            continue  # "seized 23 explosive devices": the weapons_seized rule covers it
        elif t.family == "arrest" and _TERRITORY_AFTER.match(text, t.end):
            continue  # "ISIS captured the city": territory, not people
        adjusted.append(t)
    # overlaps: keep the higher-priority (then longer) trigger
    adjusted.sort(key=lambda t: (-t.priority, -(t.end - t.start), t.start))
    kept: list[Trigger] = []
    for t in adjusted:
        if any(t.start < k.end and k.start < t.end for k in kept):
            continue
        kept.append(t)
    return sorted(kept, key=lambda t: (t.start, t.end))


def suppressed(text: str, trigger: Trigger) -> str | None:
    """Why one trigger in ``text`` does not report a past event, or None.

    In: the sentence and one of its triggers. Out: "planned or hypothetical" when a modal, plan,
    attempt or negation word stands at most four words before the trigger ("could launch attacks",
    "tried to attack your units", "No members ... were injured"), or when the trigger is a gerund among an
    operation's stated aims ("an offensive aimed at hunting down IS militants, destroying their hideouts").
    """
    before = text[max(0, trigger.start - 60): trigger.start]
    if _MODAL_BEFORE.search(before):
        return "planned or hypothetical"
    if _GERUND.match(text, trigger.start) and _PURPOSE_BEFORE.search(text[max(0, trigger.start - 100): trigger.start]):
        return "planned or hypothetical"   # one of an operation's aims: "aimed at hunting down IS militants, destroying ..."
    return None


def non_incident_reason(sentence: str) -> str | None:
    """Why ``sentence`` reports no single incident, or None when it may report one.

    In: one sentence. Out: "statistics", "generic", "trend", "history", "reaction", "aftermath", "plan or threat", "opinion or
    analysis", "judicial", "charges", "crime or accident", "policy", "summary", "recap", or None. Policy, history and
    recap words are ignored when the sentence also gives a casualty count ("... killed 4 ISIS members" is an event even in a paragraph about the
    coalition's mission; "Baiji, retaken in 2015, was attacked on Monday: two soldiers were killed"), and the deeds of a
    charge or confession when the sentence also tells an arrest (the arrest is the event), and funeral words when the
    sentence tells an attack on the rite ("blew himself up at a funeral"). Habitual attacks ("frequent IS raids") are
    generic unless the sentence also gives a day or a count of one event ("Sporadic clashes broke out on Sunday, killing
    two"; "killed in an IED blast in Tarmiyah, an area that has seen frequent attacks").
    """
    folded = fold_case(sentence)
    for reason, rule in _REASON_RULES:
        if rule.matches(sentence, folded):
            if reason in ("policy", "history", "recap") and _CASUALTY_NUMBER.search(sentence):
                continue
            if reason == "aftermath" and _ATTACK_ON_RITE.search(sentence):
                continue   # "a suicide bomber blew himself up at a funeral": the bombing is the event
            if reason == "charges" and _ARRESTED_NOW.search(sentence):
                continue   # "arrested a terrorist who took part in killing two policemen": the arrest is the event
            return reason
    if _HABITUAL.search(sentence) and not (_TOLD_DAY.search(sentence) or (
            _CASUALTY_NUMBER.search(sentence) and _ONE_EVENT_NOUN.search(sentence))):
        return "generic"
    return None
