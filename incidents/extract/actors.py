"""Actors named in a text, with canonical ACLED-style names and ACLED inter codes.

``find_actors(text)`` returns :class:`ActorMention` values (span, canonical actor, surface) for ISIS
under all its names, Iraqi forces by branch, Kurdish forces, the coalition, militias, foreign
forces and civilians. Generic words that stand for ISIS in these reports ("terrorists",
"militants", "the organization", "the group") are returned only with ``isis_topic=True`` (the
article is about ISIS). ``inter_code(actor)`` gives the ACLED inter code: 1 state forces,
2 rebel groups, 3 political militias, 4 identity militias, 7 civilians, 8 external/other forces.

Decisions:
- The Popular Mobilization Forces and the tribal Hashd are by Iraqi law part of the state's armed
  forces (PMF law 2016); ACLED codes them among Iraq's forces: inter 1.
- "Iraqi forces", "security forces", "the army", "troops" (Iraqi context) -> "Military Forces of Iraq".
- "Islamic State (Syria)" is chosen by the pipeline for events placed in Syria
  (:func:`for_country`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from incidents.regex_gate import GatedPattern, fold_case
from incidents.schema import ISLAMIC_STATE

ISIS_SYRIA = "Islamic State (Syria)"
CTS = "Military Forces of Iraq: Counter-Terrorism Service"
AIR_FORCE = "Military Forces of Iraq: Air Force"
ARMY = "Military Forces of Iraq"
JOC = "Military Forces of Iraq: Joint Operations Command"
FEDERAL_POLICE = "Police Forces of Iraq: Federal Police"
POLICE = "Police Forces of Iraq"
FIIA = "Police Forces of Iraq: Federal Intelligence and Investigation Agency"
MOI_INTELLIGENCE = "Police Forces of Iraq: Ministry of Interior Intelligence Agency"
BORDER_GUARD = "Military Forces of Iraq: Border Guard"
PMF = "Popular Mobilization Forces"
TRIBAL = "Tribal Mobilization Forces"
PESHMERGA = "Military Forces of Iraqi Kurdistan: Peshmerga"
ASAYISH = "Police Forces of Iraqi Kurdistan: Asayish"
COALITION = "Coalition Forces"
US_FORCES = "Military Forces of the United States"
KATAIB_HEZBOLLAH = "Kataib Hezbollah"
ASAIB = "Asaib Ahl al-Haq"
NUJABA = "Harakat Hezbollah al-Nujaba"
RESISTANCE = "Islamic Resistance in Iraq"
UNIDENTIFIED = "Unidentified Armed Group (Iraq)"
CIVILIANS = "Civilians (Iraq)"
SDF = "Syrian Democratic Forces"
SYRIA_ARMY = "Military Forces of Syria"
IRAN_IRGC = "Military Forces of Iran: Islamic Revolutionary Guard Corps"
ISRAEL = "Military Forces of Israel"
TURKEY = "Military Forces of Turkey"
SARAYA = "Saraya al-Salam"
KSS = "Kataib Sayyid al-Shuhada"
BADR = "Badr Organization"
PKK = "PKK: Kurdistan Workers Party"

INTER: dict[str, int] = {
    ISLAMIC_STATE: 2, ISIS_SYRIA: 2, CTS: 1, AIR_FORCE: 1, ARMY: 1, JOC: 1, FEDERAL_POLICE: 1, POLICE: 1, FIIA: 1, MOI_INTELLIGENCE: 1,
    BORDER_GUARD: 1, PMF: 1, TRIBAL: 1, PESHMERGA: 1, ASAYISH: 1, COALITION: 8, US_FORCES: 8,
    KATAIB_HEZBOLLAH: 3, ASAIB: 3, NUJABA: 3, RESISTANCE: 3, UNIDENTIFIED: 3, CIVILIANS: 7, SDF: 2,
    SYRIA_ARMY: 8, IRAN_IRGC: 8, ISRAEL: 8, TURKEY: 8, PKK: 2, SARAYA: 3, KSS: 3, BADR: 3,
}

STATE_ACTORS = frozenset(a for a, code in INTER.items() if code == 1)


@dataclass(frozen=True)
class ActorMention:
    """One actor named in a text: ``text[start:end] == surface``; ``actor`` is the canonical name."""

    start: int
    end: int
    actor: str
    surface: str
    generic: bool = False   # a generic word ("terrorists") read as ISIS because ISIS is the topic


_ISIS_WORDS = r"(?:ISIS|ISIL|IS|Isis|Daesh|Da'esh|Da’esh|DAESH|Islamic State(?: of Iraq and (?:Syria|the Levant|al-Sham))?|IS group)"

# (canonical actor, pattern) in priority order: longer, more specific names first.
_PATTERNS: tuple[tuple[str, str, int], ...] = (
    (RESISTANCE, r"\bIslamic Resistance(?: in Iraq)?\b|\bthe Resistance\b", 0),
    (ISLAMIC_STATE, r"(?<![\w-])" + _ISIS_WORDS + r"(?:[’'`]s?)?(?![\w-])", 0),
    (CTS, r"\bCounter[- ]?Terrorism (?:Service|Forces?|Apparatus|Units?|Command)\b|\bCTS\b|\bGolden Division\b", re.I),
    (TURKEY, r"\bTurkish (?:drones?|forces|army|military|warplanes|jets|aircraft|troops|artillery|air force)\b", re.I),
    (PKK, r"\bPKK\b|\bKurdistan Workers'? Party\b", 0),
    (AIR_FORCE, r"\b(?:Iraqi )?Air Force\b|\bF-16s?\b|\bIraqi (?:F-16|fighter jets|warplanes|aircraft|army aviation)\b|\bArmy Aviation\b", re.I),
    (JOC, r"\bJoint ?Operations Command\b|\bJOC\b", re.I),
    (FIIA, r"\bFederal (?:Agency for |Directorate of )?Intelligence and Investigations?(?: Agency| Directorate)?\b", re.I),
    (MOI_INTELLIGENCE, r"\b(?:Interior Ministry(?:'s|’s)?|Ministry of (?:the )?Interior(?:'s|’s)?|MoI(?:'s|’s)?)"
                       r"(?: [A-Z][\w-]+)? [Ii]ntelligence(?: [Aa]gency| [Dd]irectorate| [Ss]ervice| [Cc]ell)?\b", 0),
    (FEDERAL_POLICE, r"\bfederal police\b", re.I),
    (BORDER_GUARD, r"\bborder guards?\b|\bborder (?:police|forces)\b", re.I),
    (TRIBAL, r"\btribal (?:Hashd|mobili[sz]ation)(?: (?:militias?|forces|fighters))?\b|\btribal fighters\b", re.I),
    (PMF, r"\bPopular Mobili[sz]ation(?: Forces| Units| Committee)?\b|\bPMF\b|\bPMU\b|\bHashd(?: al-Shaabi| al-Sha'abi)?\b", re.I),
    (PESHMERGA, r"\bPeshmerga\b", re.I),
    (ASAYISH, r"\bAsayish\b|\bAsaish\b", re.I),
    (COALITION, r"\b(?:US-led |international |global |anti-ISIS |anti-IS )?coalition(?: forces| troops| warplanes| aircraft| air force)?\b"
                r"|\bOperation Inherent Resolve\b|\bOIR\b|\bCJTF-OIR\b", re.I),
    (KATAIB_HEZBOLLAH, r"\bKata(?:i|e)b Hezbollah\b|\bKata(?:i|e)b Hizbullah\b", re.I),
    (NUJABA, r"\bal[- ]Nujaba\b|\bNujaba\b", re.I),
    (ASAIB, r"\bAsa(?:i|')?ib Ahl al[- ]Haq\b", re.I),
    (SARAYA, r"\bSaraya al[- ]Salam\b", re.I),
    (KSS, r"\bKata(?:i|e)b Sayyid al[- ]Shuhada\b", re.I),
    (BADR, r"\bBadr (?:Organi[sz]ation|Corps|militia)\b", re.I),
    (SDF, r"\bSyrian Democratic Forces\b|\bSDF\b", 0),
    (IRAN_IRGC, r"\b(?:Iranian )?(?:Pasdaran|Revolutionary Guards?|IRGC)\b", re.I),
    (ISRAEL, r"\bIsraeli (?:strikes?|air ?strikes?|warplanes|jets|forces|army|military|drones?|aircraft|troops)\b", re.I),
    (US_FORCES, r"\b(?:US|U\.S\.|American|United States) (?:forces|troops|soldiers|military|army|marines|service members|bases?"
                r"|drones?|air ?strikes?|strikes?|warplanes|aircraft|jets|helicopters?|bombings?|raids?)\b"
                r"|\bWashington launched\b", re.I),
    (POLICE, r"\b(?:Iraqi |local )?police(?:men| officers?| forces)?\b|\bpoliceman\b", re.I),
    (ARMY, r"\b(?:Iraqi |the )?(?:security|armed|army|military) (?:forces|members|personnel|troops|units?|patrols?)\b"
           r"|\bIraqi (?:forces|army|troops|soldiers)\b|\b(?:the |an )?army\b|\bsoldiers?\b|\btroops\b"
           r"|\bsecurity (?:unit|services|agencies)\b|\bsnipers\b|\bcheckpoints?\b|\boutposts?\b|\bpatrols?\b"
           r"|\b(?:Iraqi )?(?:air|army|military) base\b", re.I),
    (CIVILIANS, r"\bcivilians?\b|\bshepherds?\b|\bfarmers?\b|\bvillagers?\b|\bresidents\b|\b(?:village )?mayors?\b"
                r"|\b(?:a|the|one) (?:child|woman|boy|girl)\b(?!\s+(?:suicide\s+)?(?:bomber|attacker|gunman|militant|fighter|sniper))"
                r"|\bmukhtars?\b|\bworkers\b|\bpeople\b|\bshoppers\b|\bworshippers\b|\bchildren\b|\bwomen\b|\bpilgrims\b|\btruffle (?:hunters|gatherers)\b", re.I),
    (UNIDENTIFIED, r"\bunidentified (?:gunmen|assailants|attackers|armed men|drones?|aircraft|warplanes?)\b"
                   r"|\b(?:drones?|aircraft|warplanes?) of unknown (?:origin|identity)\b|\bunknown (?:gunmen|assailants|attackers)\b"
                   r"|\bgunmen\b|\brogue groups\b", re.I),
)
_COMPILED = tuple((actor, re.compile(p, flags)) for actor, p, flags in _PATTERNS)
_GATED = tuple((actor, GatedPattern(rx)) for actor, rx in _COMPILED)   # the same matches, texts without their words skipped

# words that stand for ISIS when ISIS is the article's topic
_GENERIC_ISIS = re.compile(
    r"\b(?:terrorists?|terrorist (?:detachment|unit|cells?|groups?|elements|gangs?|organi[sz]ation|remnants)"
    r"|militants?|jihadists?|insurgents?|extremists?|sleeper cells?|the (?:terrorist )?organi[sz]ation|the group"
    r"|the (?:extremist|jihadist) (?:group|organi[sz]ation)|remnants|cells|operatives|fighters)\b",
    re.I,
)


def find_actors(text: str, isis_topic: bool = True) -> list[ActorMention]:
    """Actor mentions in ``text``, sorted by start, overlaps resolved (first pattern, then longest).

    In: any text; ``isis_topic`` lets generic words ("terrorists", "the group") stand for ISIS.
    Out: list of ActorMention with spans into ``text``.
    """
    found: list[tuple[int, int, int, str, bool]] = []
    folded = fold_case(text)
    for rank, (actor, rx) in enumerate(_GATED):
        for m in rx.finditer(text, folded):
            if actor == ISLAMIC_STATE and m.group(0) in ("IS", "Is") and not _is_isis_abbrev(text, m.start(), m.end()):
                continue
            found.append((m.start(), m.end(), rank, actor, False))
    if isis_topic:
        for m in _GENERIC_ISIS.finditer(text):
            found.append((m.start(), m.end(), len(_COMPILED), ISLAMIC_STATE, True))
    found.sort(key=lambda f: (f[2], -(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, int, str, bool]] = []
    for f in found:
        if any(f[0] < k[1] and k[0] < f[1] for k in kept):
            continue
        kept.append(f)
    kept.sort()
    # "Peshmerga soldier", "PMF fighters", "Asayish officers": a generic noun after a named force is that force
    joined: list[tuple[int, int, int, str, bool]] = []
    for k in kept:
        if (joined and k[3] in (ARMY, POLICE) and joined[-1][3] not in (ARMY, POLICE, ISLAMIC_STATE, CIVILIANS)
                and not text[joined[-1][1]:k[0]].strip()):
            prev = joined.pop()
            k = (prev[0], k[1], prev[2], prev[3], prev[4])
        joined.append(k)
    joined = _members_of_a_group(text, joined)
    return [ActorMention(s, e, actor, text[s:e], generic) for s, e, _, actor, generic in joined]


# "Gunmen from the Islamic State extremist group", "gunmen belonging to ISIS": the group's own men
_MEMBERS_OF = re.compile(r"\s*,?\s+(?:(?:believed|thought|suspected|said)\s+(?:to\s+be\s+|of\s+)?)?"
                         r"(?:from|of|belonging to|affiliated (?:with|to)|loyal to|linked to|tied to|members of)\s+"
                         r"(?:the\s+)?", re.I)
_STATE_OR_VICTIMS = frozenset({ARMY, POLICE, CIVILIANS, UNIDENTIFIED})


def _members_of_a_group(text: str, found: list[tuple]) -> list[tuple]:
    """Mentions (start, end, rank, actor, generic) in text order with "gunmen from <a named group>" made one
    mention of that group: an unidentified attacker followed by a named armed group it belongs to."""
    out: list[tuple] = []
    for k in found:
        prev = out[-1] if out else None
        if (prev is not None and prev[3] == UNIDENTIFIED and k[3] not in _STATE_OR_VICTIMS
                and _MEMBERS_OF.fullmatch(text, prev[1], k[0])):
            out[-1] = (prev[0], k[1], k[2], k[3], k[4])
            continue
        out.append(k)
    return out


def names_isis(text: str) -> bool:
    """True when ``text`` names ISIS (any of its names; "IS" only where it is the group)."""
    rx = _COMPILED[1][1]
    for m in rx.finditer(text):
        if m.group(0) not in ("IS", "Is") or _is_isis_abbrev(text, m.start(), m.end()):
            return True
    return False


def _is_isis_abbrev(text: str, start: int, end: int) -> bool:
    """True when "IS" at text[start:end] is the group, not the verb "is" in capitals.

    In: text and the span of "IS". Out: True for "(IS)", "IS cells", "IS hideouts", "members of IS",
    "blamed IS for the attack".
    """
    surface = text[start:end]
    if surface != "IS":
        return False
    before = text[max(0, start - 12):start]
    after = text[end:end + 20]
    if re.search(r"\($", before) or re.match(r"\)", after):
        return True
    if re.match(r"[’']s\b|\s+(?:cells?|hideouts?|militants?|members?|fighters?|group|terrorists?|activities|attacks?|"
                r"threat|remnants|leaders?|positions?|targets?|elements|operatives|emirs?|is\b|has\b|was\b|had\b)", after):
        return True
    return bool(re.search(r"(?:of|against|by|from|with|on|the|blamed|accused|blaming|accusing)\s+$", before))


def inter_code(actor: str) -> int | None:
    """ACLED inter code of a canonical actor name, None for an empty or unknown actor."""
    if not actor:
        return None
    return INTER.get(actor, 3 if "Unidentified" in actor else None)


def for_country(actor: str, country: str) -> str:
    """The actor's name for an event in ``country``: ISIS in Syria is "Islamic State (Syria)"."""
    if actor == ISLAMIC_STATE and country == "Syria":
        return ISIS_SYRIA
    return actor


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction code: the two inter codes, lower first ("12"); one actor alone: "10", "20"."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi
