"""Casualty and arrest counts in article text, each bound to its verb.

Public functions over a text (a sentence or a paragraph of an article's analysis text):

- ``parse_quantity(surface) -> (low, best, high) | None``: one quantity phrase in words or digits.
- ``find_counts(text) -> list[CountMention]``: how many were killed, wounded or arrested, with the
  quantity bound to the verb it belongs to ("killing a border guard and wounding three others" gives
  killed 1 and wounded 3).
- ``find_objects(text) -> list[ObjectMention]``: counts of things (hideouts, tunnels, explosive devices,
  kilograms, villages, rockets, ...) for the pipeline's notes; never casualties.

Decisions (documented here, tested in tests/unit/test_counts.py):

- ``best`` is the least number the text supports. For exact numbers low == best == high. For vague
  words best == low and high is the largest number the word plausibly covers, or ``None`` when the
  text sets no upper bound. This follows ACLED's rule of coding the most conservative figure while
  keeping the range (UCDP style low/high) so "several" is a range, never a made-up point:

  ========================  ====  =====  ====
  phrase                    low   best   high
  ========================  ====  =====  ====
  "no", "none", "nobody"    0     0      0
  "a", "an", "one", "a single" + a person noun  1  1  1
  "another" + a person noun ("another soldier was wounded")  1  1  1
  "the" + a singular person noun ("the village chief"), "him", "her"  1  1  1
  "a couple of"             2     2      3
  "a few"                   2     2      5
  "several"                 3     3      9
  "a number of", "multiple" 2     2      None
  "many", "numerous"        3     3      None
  "a dozen"                 12    12     12
  "dozens (of)"             24    24     99
  "tens of"                 20    20     99
  "scores of"               40    40     199
  "hundreds (of)"           200   200    999
  "thousands (of)"          2000  2000   9999
  "an entire/whole unit"    2     2      None  (the size of a unit is not stated)
  "at least 5", "more than 5", "over 5"   5   5    None  (the number as stated, open above)
  "up to 5", "at most 5"    1     1      5
  "about/around/some 20"    20    20     20
  "5 to 7", "between 5 and 7"  5  5      7
  ========================  ====  =====  ====

- Verbs. killed: kill, killed, killing, dead, died, martyred, executed, slain, "shot dead", "gunned down", "lost their lives",
  "the lives of N", "the bodies of N", "N fatalities/deaths", "killing/death/martyrdom of N", "the death toll rose to N".
  wounded: wounded, injured, hurt, "the wounding of N". arrested: arrested, detained, captured,
  apprehended, "arrest of N". "killed or wounded" / "killed and wounded" with one number is a
  casualty total of both kinds: not counted. "neutralized" and "eliminated"
  are NOT counted as killed: news agencies use them for arrests and surrenders too. Abductions and
  kidnappings by armed groups are not arrests (ACLED codes them as Abduction/forced disappearance):
  they are not counted.
- A bare "a"/"an"/"one" counts only before a person noun ("arrested a senior member" = 1, but
  "killed in a raid" is not a count); a number followed by a unit or object ("two days", "11
  hideouts", "60 kilometres") is not a casualty count.
- "One of the terrorists killed, ..." (a partitive without an auxiliary) is not a count; "One of the
  soldiers was killed" is 1. A passive subject joined by "and" adds up ("an officer and two soldiers
  were killed" = 3); "he/she was killed" = 1.
- Known limits: "Killed were two soldiers" (inversion) and "three of whom were killed" are missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from incidents.extract.vocab import read_list

UNIT_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS: dict[str, int] = {"hundred": 100, "thousand": 1000}

# (low, best, high) of vague quantity words; see the module docstring.
VAGUE: dict[str, tuple[int, int, int | None]] = {
    "a couple of": (2, 2, 3),
    "a couple": (2, 2, 3),
    "a few": (2, 2, 5),
    "several": (3, 3, 9),
    "a number of": (2, 2, None),
    "a handful of": (2, 2, 5),
    "some": (2, 2, None),
    "many": (3, 3, None),
    "numerous": (3, 3, None),
    "multiple": (2, 2, None),
    "a dozen": (12, 12, 12),
    "half a dozen": (6, 6, 6),
    "dozens of": (24, 24, 99),
    "dozens": (24, 24, 99),
    "tens of": (20, 20, 99),
    "scores of": (40, 40, 199),
    "hundreds of": (200, 200, 999),
    "hundreds": (200, 200, 999),
    "thousands of": (2000, 2000, 9999),
    "thousands": (2000, 2000, 9999),
}
ENTIRE_QUANTITY: tuple[int, int, int | None] = (2, 2, None)

_UNITS_RE = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
_TENS_RE = "|".join(TENS_WORDS)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_WORDNUM = (
    rf"(?:(?:(?:a|one|{_UNITS_RE})\s+thousand(?:\s+(?:and\s+)?(?:a|one|{_UNITS_RE})\s+hundred)?"
    rf"|(?:a|one|{_UNITS_RE})\s+hundred)"
    rf"(?:\s+(?:and\s+)?(?:(?:{_TENS_RE})(?:[-\s](?:{_UNITS_1_9}))?|{_UNITS_RE}))?"
    rf"|(?:{_TENS_RE})(?:[-\s](?:{_UNITS_1_9}))?(?![-\w])"
    rf"|(?:{_UNITS_RE}))"
)
NUMBER = rf"(?:{_DIGITS}|{_WORDNUM})"
_MODIFIER = (
    r"(?:at\s+least|no\s+(?:fewer|less)\s+than|more\s+than|over|nearly|almost|about|around|"
    r"approximately|roughly|some|up\s+to|as\s+many\s+as|at\s+most|an\s+estimated|a\s+total\s+of|"
    r"a\s+further|another)"
)
_VAGUE_RE = (
    r"half\s+a\s+dozen|a\s+dozen|dozens(?:\s+of)?|tens\s+of|scores\s+of|hundreds(?:\s+of)?|"
    r"thousands(?:\s+of)?|a\s+number\s+of|a\s+couple(?:\s+of)?|a\s+handful\s+of|a\s+few|several|"
    r"many|numerous|multiple"
)
_ENTIRE_RE = r"an?\s+(?:entire|whole)"
_NONE_RE = r"none(?:\s+of(?:\s+the)?)?|no\s+one|nobody|no"
_ARTICLE_RE = r"a\s+single|an?|one|the|another"

QUANTITY = (
    rf"(?:(?:{_MODIFIER})\s+)?"
    rf"(?:between\s+{NUMBER}\s+and\s+{NUMBER}"
    rf"|{NUMBER}(?:\s*(?:-|–|to|or)\s*{NUMBER})?(?![\w,]*\d)"
    rf"|{_VAGUE_RE}|{_ENTIRE_RE}|{_NONE_RE}|{_ARTICLE_RE})"
)
_QUANTITY_RE = re.compile(rf"(?<![\w-])(?:{QUANTITY})(?![\w-])", re.IGNORECASE)
_QUANTITY_FULL_RE = re.compile(rf"\s*({QUANTITY})\b", re.IGNORECASE)


def _words(spaced: str) -> frozenset[str]:
    """A set of words from a whitespace-separated string."""
    return frozenset(spaced.split())


# Words that make "a"/"an"/"one" a count of people.
PERSON_NOUNS: frozenset[str] = frozenset(read_list("person_nouns.txt"))
# Nouns that make "the" a count of one ("killing the village chief").
SINGULAR_PERSON_NOUNS: frozenset[str] = frozenset(read_list("singular_person_nouns.txt"))
# Words after a number that make it a measure or an object, not people.
NON_PERSON_NOUNS: frozenset[str] = frozenset(read_list("non_person_nouns.txt"))


def names_people(words) -> bool:
    """Is one of ``words`` (lower case) a noun of people, singular or plural ("teenagers", "policemen")?"""
    return any(w in PERSON_NOUNS or w.rstrip("s") in PERSON_NOUNS for w in words)
_STOP_WORDS = _words(
    """and or but in on at by during while before after near when who whom which that with from
    including as to for since until into onto against amid was were is are been be had have has
    said says according across throughout inside outside along within around over under between among
    via through toward towards last this yesterday today tonight overnight earlier later"""
)

KILL_ACTIVE = (r"kill(?:s|ed|ing)?|executed|executing|execute[sd]?|slew|slaying|slaughtered|beheaded|massacred|martyring"
               r"|lost|losing"   # "the Hashd also lost 10 members": a person noun must follow (_LOST)
               r"|shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down")
WOUND_ACTIVE = r"wound(?:s|ed|ing)?|injur(?:e|es|ed|ing)|hurt(?:ing)?"
ARREST_ACTIVE = (
    r"arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|captur(?:e|es|ed|ing)|apprehend(?:s|ed|ing)?|nab(?:s|bed|bing)"
)
_KIND_OF_VERB = [
    ("killed", re.compile(rf"^(?:{KILL_ACTIVE}|dead|found\s+dead|died|martyred|slain|fatalities|deaths)$", re.I)),
    ("wounded", re.compile(rf"^(?:{WOUND_ACTIVE}|injuries)$", re.I)),
    ("arrested", re.compile(rf"^(?:{ARREST_ACTIVE})$", re.I)),
]

_LOST = ("lost", "losing")   # verbs of killing only when people are counted after them
_ADVERBS = (r"(?:(?:also|today|yesterday|reportedly|allegedly|then|later|again|tonight|overnight|last night"
            r"|(?:early |late )?on (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s+)")   # "killed on Sunday 30 militants"
_ACTIVE_RE = re.compile(
    rf"\b(?P<verb>{KILL_ACTIVE}|{WOUND_ACTIVE}|{ARREST_ACTIVE})\s+{_ADVERBS}{{0,2}}(?:the\s+)?(?P<qty>{QUANTITY})(?![\w-])",
    re.IGNORECASE,
)
_PRONOUN_RE = re.compile(
    rf"\b(?P<verb>{KILL_ACTIVE}|{WOUND_ACTIVE}|{ARREST_ACTIVE})\s+{_ADVERBS}{{0,2}}(?P<qty>him|her)\b", re.IGNORECASE
)
_AUX = r"(?:were|was|are|is|have\s+been|has\s+been|had\s+been|being|got|been)"
_PASSIVE_RE = re.compile(
    rf"\b{_AUX}\s+(?:(?:also|reportedly|allegedly|reported|confirmed|all|both|later|subsequently|critically|seriously|"
    rf"severely|slightly|lightly|fatally|mortally)\s+)?[“\"‘']?(?P<verb>killed|executed|slain|martyred|beheaded|"
    rf"shot\s+dead|gunned\s+down|found\s+dead|wounded|injured|hurt|arrested|detained|captured|apprehended|nabbed)\b"
    rf"|\b(?P<verb2>died|dead|lost\s+their\s+lives|lost\s+his\s+life|perished)\b",
    re.IGNORECASE,
)
_ADJACENT_RE = re.compile(
    rf"(?<![\w-])(?P<qty>{QUANTITY})\s+(?P<noun>(?:(?!(?:and|or)\s)[A-Za-z][\w'’-]*\s+){{0,3}})"
    rf"(?P<verb>killed|dead|wounded|injured|arrested|detained|fatalities|deaths|injuries)\b",
    re.IGNORECASE,
)
# what comes between a toll and its figure: who or what it counts ("of Peshmerga forces and civilians", "from the
# bombing in Tarmiyah"), then perhaps an auxiliary, a verb of change and a time ("has now risen", "rose on Monday"),
# then "to"/"at" ("bringing the toll to 16", "the toll stood at 31") or "reached"/"hit". No modal or verb of
# expectation fits: "the death toll is expected to rise to 20", "could rise to 20" are forecasts, not counts.
_TOLL_WORD = (r"(?!(?:has|have|had|was|is|were|are|could|may|might|would|will|can|expected|likely|feared|set|rose|"
              r"risen|rises|climbed|reached|hit|stood|stands)\b)[\w'’-]+")
_TOLL_TOLD = (rf"(?:\s+(?:of|from|in|among|for|on)(?:\s+{_TOLL_WORD}){{1,7}}?)?"
              r"(?:\s+(?:has|have|had|was|is|been|now|since|so\s+far|also|further|then|later|eventually))*"
              r"(?:\s+(?:rose|risen|rises|climbed|climbs|increased|increases|jumped|grew|mounted|soared|stood|stands|"
              r"raised|revised(?:\s+up(?:ward)?)?|went\s+up|gone\s+up)"
              r"(?:\s+(?:on|late|early|overnight|later|again|sharply)(?:\s+[A-Za-z]\w*day)?|\s+[A-Z][a-z]*day"
              rf"|\s+by\s+{QUANTITY})?)?"
              r"\s+(?:to|up\s+to|at|reached|reaches|hit|hits)")
_NOMINAL_RE = re.compile(
    rf"\b(?P<verb>killing|killings|deaths?|martyrdom|execution|wounding|injuring|arrest|arrests|capture|detention|"
    rf"lives|bodies)\s+of\s+"
    rf"(?P<qty>{QUANTITY})(?![\w-])"
    rf"|\b(?P<toll>death\s+toll|toll)\b{_TOLL_TOLD}\s+(?P<qty2>{QUANTITY})(?![\w-])",
    re.IGNORECASE,
)
# "10 people were killed or wounded": casualties of both kinds together, not a count of either.
_COMBINED_RE = re.compile(
    r"\b(?:killed|killing|kills|dead)\s+(?:or|and)\s+(?:wounded|injured|wounding|injuring)\b"
    r"|\b(?:wounded|injured)\s+(?:or|and)\s+(?:killed|dead)\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[A-Za-z%][\w'’-]*|\(|\)")
_CLAUSE_CUT_RE = re.compile(
    r"[.;:!?\n]|\)\s*[—–-]|\s[—–]\s|(?<=\w)/\s|\b(?:but|while|after|when|where|said|says|told|that|which|whom|only)\b|\b(?-i:was|were|is|are|been|killed|"
    r"wounded|injured|arrested|detained|captured|died|dead|left|leaving|killing|wounding|injuring|arresting)\b",
    re.I,
)
_CONJUNCT_RE = re.compile(r",?\s*\band\b\s*|,\s*", re.I)
# asides that name a part of the people just counted: ", including two women,", ", five of them civilians,"
_INCLUDING_RE = re.compile(r",\s*(?:including|among\s+them|among\s+whom|[\w-]+\s+of\s+(?:them|whom)\b)[^,]*,",
                           re.IGNORECASE)
_YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")


_TOKEN_RE = re.compile(r"[a-z]+|[0-9]+")


def gate_table(groups: list[str]) -> dict[str, int]:
    """A lookup table for ``keyword_windows``: lower-case word -> bit mask of the groups that list it.

    Input: one whitespace-separated word list per group. Output: {word: mask}, bit i set for group i.
    """
    table: dict[str, int] = {}
    for i, words in enumerate(groups):
        for w in words.split():
            table[w] = table.get(w, 0) | (1 << i)
    return table


@lru_cache(maxsize=32)
def _lowered_words(text: str) -> tuple[str, frozenset[str]]:
    """The text lower-cased with offsets kept, and the set of its words (letter runs and digit runs)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters grow when lower-cased ("İ"): keep offsets
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered, frozenset(_TOKEN_RE.findall(lowered))


def keyword_windows(text: str, table: dict[str, int],
                    reach: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Where in ``text`` each group of costly regexes can match: spans around its keywords.

    Input: the text, a ``gate_table`` and, per group, how many characters to look before and after a
    keyword. The words of the text are collected once in C (``findall``; letter runs and digit runs
    apart, so "September2025" gives "september"); only keywords present are then located with
    ``str.find``. This keeps the costly regexes off most of the text, which is what makes a
    thousand articles take seconds, not minutes.
    Output: per group, merged (lo, hi) spans widened to whitespace so no word is cut; pass them as
    ``pos``/``endpos`` to ``Pattern.finditer`` (word boundaries and lookbehinds still see the whole text).
    """
    lowered, words = _lowered_words(text)
    hits: list[list[int]] = [[] for _ in reach]
    n = len(text)
    for word in words.intersection(table):
        mask = table[word]
        size = len(word)
        digit = word[0].isdigit()
        i = lowered.find(word)
        while i >= 0:
            j = i + size
            if digit:
                before_ok = i == 0 or not lowered[i - 1].isdigit()
                after_ok = j >= n or not lowered[j].isdigit()
            else:
                before_ok = i == 0 or not "a" <= lowered[i - 1] <= "z"
                after_ok = j >= n or not "a" <= lowered[j] <= "z"
            if before_ok and after_ok:
                for g in range(len(reach)):
                    if mask >> g & 1:
                        hits[g].append(i)
            i = lowered.find(word, i + 1)
    out: list[list[tuple[int, int]]] = []
    for (before, after), starts in zip(reach, hits, strict=True):
        spans: list[tuple[int, int]] = []
        for start in sorted(starts):
            lo = max(0, start - before)
            hi = min(n, start + after + 12)
            while lo > 0 and not text[lo - 1].isspace():
                lo -= 1
            while hi < n and not text[hi].isspace():
                hi += 1
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
            else:
                spans.append((lo, hi))
        out.append(spans)
    return out


def _finditer(rx: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> list[re.Match[str]]:
    """All matches of ``rx`` inside the given spans of ``text``."""
    return [m for lo, hi in spans for m in rx.finditer(text, lo, hi)]


def _finditer_overlapping(rx: re.Pattern[str], text: str, spans: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Every match of ``rx`` inside the spans, each search starting one character after the last match's
    start: a long match that is then rejected ("the ambush caused two injuries": "the" is no count) does
    not hide the shorter one inside it ("two injuries"). ``_choose`` keeps one quantity per verb."""
    out: list[re.Match[str]] = []
    for lo, hi in spans:
        m = rx.search(text, lo, hi)
        while m is not None:
            out.append(m)
            m = rx.search(text, m.start() + 1, hi)
    return out


def _forms(stems: str, suffixes: str) -> str:
    """Words made of each stem plus each suffix ("-" = none), space-separated."""
    sfx = ["" if x == "-" else x for x in suffixes.split()]
    return " ".join(stem + x for stem in stems.split() for x in sfx)


_ACTIVE_WORDS = _forms(
    "kill wound injur injure hurt arrest detain captur capture apprehend execut execute "
    "slaughter behead massacr massacre", "- s d ed ing es e") + " slew slaying nabs nabbed nabbing shot shooting gunned gunning martyring lost losing"
_PARTICIPLES = ("killed executed slain martyred beheaded gunned wounded injured hurt arrested detained captured apprehended nabbed "
                "died dead lost perished")
_GATES = gate_table([
    _ACTIVE_WORDS,
    "killed dead wounded injured arrested detained fatalities deaths injuries",
    _PARTICIPLES,
    "killing killings death deaths martyrdom execution wounding injuring arrest arrests capture detention lives bodies toll",
    _forms("hideout tunnel device ied kilogram ton tonne village rocket mortar shell weapon cache shelter vehicle "
           "car motorcycle bomb belt airstrike strike target checkpoint drone missile grenade rifle barrel grave",
           "- s es") + " kg bodies",
])
# Per group: characters before and after the keyword that its regex needs.
_REACH = [(0, 110), (80, 0), (40, 0), (0, 110), (60, 30)]
_ACTIVE, _ADJACENT, _PASSIVE, _NOMINAL, _OBJECTS = range(5)


@lru_cache(maxsize=32)
def _windows(text: str) -> list[list[tuple[int, int]]]:
    """Keyword windows of the count and object regexes (cached: the pipeline asks for both per sentence)."""
    return keyword_windows(text, _GATES, _REACH)


class Quantity(NamedTuple):
    """A parsed quantity: low <= best <= high; high None = no stated upper bound."""

    low: int
    best: int
    high: int | None


@dataclass(frozen=True)
class CountMention:
    """How many were killed, wounded or arrested, as one sentence states it.

    start, end: span in the text given (end exclusive), from the first character of the verb or the
    quantity, whichever comes first, to the last of the other. kind: "killed" | "wounded" | "arrested".
    low, best, high: see the module docstring. victim: the noun phrase of who was counted as written
    ("security members", "members of the tribal Hashd militias"), "" when none. rule: which pattern
    matched ("active", "passive", "adjacent", "nominal"). quantity_start/quantity_end: the quantity's span.
    """

    start: int
    end: int
    kind: str
    low: int
    best: int
    high: int | None
    surface: str = ""
    victim: str = ""
    rule: str = ""
    quantity_start: int = 0
    quantity_end: int = 0


class ObjectMention(NamedTuple):
    """A counted object: span (end exclusive), quantity (the least the text supports), noun as written."""

    start: int
    end: int
    quantity: int
    noun: str


def number_value(surface: str) -> int | None:
    """An integer from digits ("1,200") or English number words ("twenty-three", "a hundred")."""
    s = surface.strip().lower().replace("–", "-")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", s):
        return int(s.replace(",", ""))
    if re.fullmatch(r"\d+\.\d+", s):
        return int(float(s))
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s-]+", s):
        if word in ("and", ""):
            continue
        if word in ("a",):
            current = 1
            seen = True
        elif word in UNIT_WORDS:
            current += UNIT_WORDS[word]
            seen = True
        elif word in TENS_WORDS:
            current += TENS_WORDS[word]
            seen = True
        elif word in SCALE_WORDS:
            current = max(current, 1) * SCALE_WORDS[word]
            if SCALE_WORDS[word] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


@lru_cache(maxsize=4096)
def parse_quantity(surface: str) -> Quantity | None:
    """Parse one quantity phrase into (low, best, high).

    Input: the phrase as written, e.g. "13", "1,200", "twenty-three", "a dozen", "several", "dozens of",
    "at least five", "between 5 and 7", "an entire detachment", "a border guard", "no".
    Output: ``Quantity(low, best, high)`` (see the module docstring for the table), or None when the
    phrase does not start with a quantity.
    """
    m = _QUANTITY_FULL_RE.match(surface)
    if not m:
        return None
    phrase = re.sub(r"\s+", " ", m.group(1).strip().lower())
    rest = surface[m.end():].strip().lower()
    modifier = ""
    mod = re.match(_MODIFIER + r"\s+", phrase)
    if mod:
        modifier = re.sub(r"\s+", " ", mod.group(0).strip())
        phrase = phrase[mod.end():]
    # Ranges.
    rng = re.fullmatch(rf"between ({NUMBER}) and ({NUMBER})", phrase) or re.fullmatch(
        rf"({NUMBER})\s*(?:-|–|to|or)\s*({NUMBER})", phrase
    )
    if rng:
        a, b = number_value(rng.group(1)), number_value(rng.group(2))
        if a is not None and b is not None:
            lo, hi = min(a, b), max(a, b)
            return _apply_modifier(modifier, Quantity(lo, lo, hi))
    value = number_value(phrase)
    if value is not None and phrase not in ("a", "an", "one"):
        return _apply_modifier(modifier, Quantity(value, value, value))
    if phrase in VAGUE:
        return _apply_modifier(modifier, Quantity(*VAGUE[phrase]))
    if re.fullmatch(_ENTIRE_RE, phrase):
        return Quantity(*ENTIRE_QUANTITY)
    if re.fullmatch(_NONE_RE, phrase):
        return Quantity(0, 0, 0)
    if phrase == "the":
        return Quantity(1, 1, 1) if any(w in SINGULAR_PERSON_NOUNS for w in rest.split()[:4]) else None
    if phrase == "another":
        return Quantity(1, 1, 1)
    if phrase in ("a", "an", "one", "a single"):
        if phrase in ("a", "an") and modifier in ("another", "a further"):
            return Quantity(1, 1, 1)
        if rest.startswith(("number", "few", "couple", "dozen", "handful")):
            return None
        return _apply_modifier(modifier, Quantity(1, 1, 1))   # "at least one soldier": one, open above
    return None


def _apply_modifier(modifier: str, q: Quantity) -> Quantity:
    """Widen a quantity by the word before it ("at least", "more than", "up to", "about")."""
    if modifier in ("at least", "no fewer than", "no less than"):
        return Quantity(q.low, q.low, None)
    if modifier in ("more than", "over"):
        return Quantity(q.low, q.low, None)
    if modifier in ("up to", "as many as", "at most"):
        return Quantity(min(1, q.high or 1), min(1, q.high or 1), q.high)
    return q


def _kind(verb: str) -> str | None:
    """Map a verb form to "killed" / "wounded" / "arrested"."""
    v = verb.lower()
    if v.startswith(("lost", "shot", "gunned")) or v in ("perished", "lives", "bodies"):
        return "killed"
    if v in ("killing", "killings", "death", "deaths", "execution", "martyrdom"):
        return "killed"
    if v in ("wounding", "injuring"):
        return "wounded"
    if v in ("arrest", "arrests", "capture", "detention"):
        return "arrested"
    for kind, rx in _KIND_OF_VERB:
        if rx.match(v):
            return kind
    return None


def _victim_after(text: str, pos: int, limit: int = 8) -> str:
    """The noun phrase right after a quantity: words up to a stop word or punctuation."""
    words: list[str] = []
    end = pos
    for m in _WORD_RE.finditer(text, pos):
        gap = text[end:m.start()]
        if words and (any(c in gap for c in ",.;:!?\n\"“”") or len(gap) > 3):
            break
        if not words and gap.strip():
            break
        w = m.group(0)
        if (w.lower() in _STOP_WORDS and w != "IS") or w in "()" or (words and w.lower().endswith("ing") and len(w) > 5):
            break   # "IS" in capitals is the group ("an IS leader"), not the verb
        words.append(w)
        end = m.end()
        if len(words) >= limit:
            break
    return text[pos:end].strip() if words else ""


def _head_ok(qty_surface: str, victim: str) -> bool:
    """Is this quantity a count of people? Articles need a person noun, numbers no unit after them."""
    words = [w.lower().strip("'’") for w in victim.split()]
    q = re.sub(r"\s+", " ", qty_surface.strip().lower())
    if q.isdigit() and _YEAR_RE.match(q) and (not words or words[0] not in PERSON_NOUNS):
        return False
    if words[:1] == ["of"] and q in ("one", "a", "an"):
        return False
    head_words = words[:5]
    if q in ("a", "an", "a single", "another"):
        return any(w in PERSON_NOUNS for w in head_words)
    if q == "the":
        return any(w in SINGULAR_PERSON_NOUNS for w in head_words[:4])
    if words and words[0] in NON_PERSON_NOUNS:
        return False
    if re.fullmatch(_ENTIRE_RE, q):
        return bool(head_words)
    # A bare number must be followed by a person noun, by nothing, or by an unknown word that is not a unit.
    return not any(w in NON_PERSON_NOUNS for w in head_words[:2])


def find_counts(text: str) -> list[CountMention]:
    """Find killed / wounded / arrested counts in ``text``, each quantity bound to its own verb.

    Input: a sentence or paragraph. Output: CountMentions sorted by start; a quantity is used for at
    most one verb and a verb takes at most one quantity (active "killed 13 ...", then "13 killed"/"5 dead",
    then passive "Four members ... were killed", then nominal "killing of dozens"). Spans index ``text``.
    """
    windows = _windows(text)
    candidates = [c for finder in _CANDIDATE_FINDERS for c in finder(text, windows)]
    combined = [c.span() for c in _finditer(_COMBINED_RE, text, windows[_ADJACENT] + windows[_ACTIVE])]
    if combined:
        candidates = [c for c in candidates if not any(lo <= c[1] < hi for lo, hi in combined)]
    return _choose(candidates)


# a candidate: (priority, verb start, mention); lower priority wins a shared verb or quantity
_Candidate = tuple[int, int, "CountMention"]


def _active_candidates(text: str, windows) -> list[_Candidate]:
    """Active verbs with their object ("killed 13 soldiers") and pronouns ("killing him"): priority 0."""
    out: list[_Candidate] = []
    for m in _finditer(_ACTIVE_RE, text, windows[_ACTIVE]):
        kind = _kind(m.group("verb"))
        qsurf = m.group("qty")
        victim = _victim_after(text, m.end("qty"))
        q = parse_quantity(qsurf + " " + victim)
        if kind is None or q is None or not _head_ok(qsurf, victim) or (
                m.group("verb").lower() in _LOST and not names_people(victim.lower().split()[:3])):
            continue   # "lost 10 members" are dead; "lost 3 tanks", "lost 12 seats" are not
        end = text.index(victim, m.end("qty")) + len(victim) if victim else m.end("qty")
        more = _conjunct_after(text, end) if victim else None   # "killing a soldier and two civilians" = 3
        while more is not None:   # "killing four officials, two PMF members and a civilian" = 7
            end, q = more[0], Quantity(q.low + more[1].low, q.best + more[1].best,
                                       None if q.high is None or more[1].high is None else q.high + more[1].high)
            more = _conjunct_after(text, end)
        out.append((0, m.start("verb"), _mention(text, m.start("verb"), end, kind, q, victim, "active",
                                                 m.span("verb"), m.span("qty"))))
        gapped = _gapped_after(text, end, kind)
        if gapped is not None:
            out.append(gapped)
    for m in _finditer(_PRONOUN_RE, text, windows[_ACTIVE]):
        kind = _kind(m.group("verb"))
        if kind is not None:
            end, q = m.end("qty"), Quantity(1, 1, 1)
            more = _conjunct_after(text, end)   # "killing him and four other people" = 5
            if more is not None:
                end, q = more[0], Quantity(1 + more[1].low, 1 + more[1].best,
                                           None if more[1].high is None else 1 + more[1].high)
            out.append((0, m.start("verb"), _mention(text, m.start("verb"), end, kind, q, m.group("qty"), "active",
                                                     m.span("verb"), m.span("qty"))))
    return out


# "nabbed 12 suspects in Anbar and seven others in Salahuddin": the verb left out before a second count
GAPPED = re.compile(rf"[^.;:!?]{{0,80}}?,?\s+and\s+(?P<qty>{NUMBER})\s+(?P<noun>others|more)\b", re.I)
_VERB_IN_GAP = re.compile(rf"\b(?:{KILL_ACTIVE}|{WOUND_ACTIVE}|{ARREST_ACTIVE}|were|was|are|is|and)\b", re.I)


def _gapped_after(text: str, pos: int, kind: str) -> _Candidate | None:
    """The second count of a verb told once ("arrested 12 suspects in Anbar and seven others in
    Salahuddin": 7 arrested), as a candidate of its own (its quantity is its verb), or None."""
    m = GAPPED.match(text, pos)
    if m is None or _VERB_IN_GAP.search(text, pos, m.start("qty") - 4):
        return None
    q = parse_quantity(m.group("qty") + " " + m.group("noun"))
    if q is None:
        return None
    return (3, m.start("qty"), _mention(text, m.start("qty"), m.end("noun"), kind, q, m.group("noun"), "gapped",
                                        m.span("qty"), m.span("qty")))


def _adjacent_candidates(text: str, windows) -> list[_Candidate]:
    """A quantity right before its participle ("13 killed", "5 dead"): priority 1."""
    out: list[_Candidate] = []
    for m in _finditer_overlapping(_ADJACENT_RE, text, windows[_ADJACENT]):
        noun_words = m.group("noun").lower().split()
        if any(w in _STOP_WORDS or w in ("of", "the") for w in noun_words):
            continue
        qsurf = m.group("qty")
        if re.fullmatch(r"(?:an?|one|no)", qsurf.strip(), re.I) and not noun_words:
            continue
        if qsurf.strip().lower() == "the":  # "the commander killed two soldiers": the subject, not a count
            continue
        kind = _kind(m.group("verb"))
        q = parse_quantity(qsurf + " " + m.group("noun"))
        victim = m.group("noun").strip()
        if kind is None or q is None or not _head_ok(qsurf, victim):
            continue
        # "killed 13 security members and injured six others": "13 ... injured" is not adjacency.
        before = text[max(0, m.start() - 25):m.start()]
        if re.search(rf"\b(?:{KILL_ACTIVE}|{WOUND_ACTIVE}|{ARREST_ACTIVE})\s+(?:{_ADVERBS})*$", before, re.I):
            continue
        qstart = m.start("qty")
        first = _conjunct_before(text, qstart)   # "left 10 Peshmerga fighters and three civilians dead" = 13
        if first is not None:
            qstart, q = first[0], Quantity(q.low + first[1].low, q.best + first[1].best,
                                           None if q.high is None or first[1].high is None else q.high + first[1].high)
        out.append((1, m.start("verb"), _mention(text, qstart, m.end("verb"), kind, q, victim,
                                                 "adjacent", m.span("verb"), (qstart, m.end("qty")))))
    return out


_CONJUNCT_BEFORE = re.compile(rf"(?<![\w-])(?P<qty>{QUANTITY})\s+(?P<noun>(?:[A-Za-z][\w'’-]*\s+){{1,3}}?)and\s+$", re.I)


_CONJUNCT_AFTER = re.compile(rf"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?P<qty>{QUANTITY})\s+", re.I)
_OWN_VERB_AFTER = re.compile(r"\s*(?:were|was|are|is|had|have|has|been|killed|dead|wounded|injured|hurt|arrested|"
                             r"detained|died|escaped|fled|survived|said|says|told|added|reported|confirmed)\b", re.I)


def _conjunct_after(text: str, pos: int) -> tuple[int, Quantity] | None:
    """"killing a soldier and two civilians": the people counted in the conjunct right after an active
    verb's object ("and" or a comma, a quantity, a noun of people, no verb of their own after them: "and three others
    were wounded" is another count), as (end of the conjunct, quantity), or None."""
    m = _CONJUNCT_AFTER.match(text, pos)
    if m is None or re.fullmatch(r"(?:the|one)", m.group("qty").strip(), re.I):
        return None   # "and the commander", "and one of them": who is counted is unclear; "and a civilian" is one
    if re.fullmatch(r"an?", m.group("qty").strip(), re.I) and "and" not in m.group(0).lower():
        return None   # "killing two soldiers, a security official told Rudaw": the source, not a third victim
    victim = _victim_after(text, m.end())
    words = [w.lower().strip("'’") for w in victim.split()]
    possessed = words[:1] == ["of"] and words[1:2] in (["his"], ["her"])   # "a leader and five of his aides"
    if not words or (words[0] == "of" and not possessed) or not names_people(words):
        return None   # "killing four soldiers, two of them officers": a part, not more people
    if any(_OWN_VERB_AFTER.fullmatch(" " + w) for w in words[1:]) or words[0] in _NO_COUNT_AFTER_A:
        return None   # "and a police officer told AFP": a subject with its verb; "and a lot of civilians fled"
    end = text.index(victim, m.end()) + len(victim)
    if _OWN_VERB_AFTER.match(text, end):
        return None
    if words[0] in _UNKNOWN_NUMBER and words[1:2] == ["number"]:
        return end, Quantity(0, 0, None)   # "four soldiers and an unknown number of civilians": at least four
    q = parse_quantity(m.group("qty") + " " + victim)
    if q is None or not _head_ok(m.group("qty"), victim):
        return None
    return end, q


_NO_COUNT_AFTER_A = frozenset({"lot", "lots", "host", "crowd", "group", "number", "total"})   # "and a lot of civilians fled"
_UNKNOWN_NUMBER = frozenset({"unknown", "undetermined", "unspecified", "undisclosed", "uncounted"})


def _conjunct_before(text: str, qty_start: int) -> tuple[int, Quantity] | None:
    """"10 Peshmerga fighters and three civilians dead": the people counted in the conjunct right before a
    quantity (a number, then a noun of people, then "and"), as (start, quantity), or None."""
    m = _CONJUNCT_BEFORE.search(text[max(0, qty_start - 60):qty_start])
    if m is None or re.fullmatch(r"(?:the|one)", m.group("qty").strip(), re.I):
        return None   # "left an officer and three soldiers dead" = 4, "a house and three civilians": 3 (no person)
    noun = m.group("noun").split()
    if any(w.lower() in _STOP_WORDS or w.lower() in ("was", "were", "are", "is", "been", "others") or _kind(w)
           for w in noun):
        return None   # "Two soldiers were killed and three others wounded": two clauses, not one subject
    if not names_people(w.lower() for w in noun) or noun[0].lower() in _NO_COUNT_AFTER_A | _UNKNOWN_NUMBER:
        return None   # "a lot of people and 3 soldiers dead": 3
    q = parse_quantity(m.group("qty") + " " + m.group("noun"))
    return (qty_start - len(m.group(0)) + m.start("qty") - m.start(), q) if q is not None else None


def _passive_candidates(text: str, windows) -> list[_Candidate]:
    """A passive verb with its subject's quantity ("Four members ... were killed"): priority 2."""
    out: list[_Candidate] = []
    for m in _finditer(_PASSIVE_RE, text, windows[_PASSIVE]):
        verb_group = "verb" if m.group("verb") else "verb2"
        kind = _kind(m.group(verb_group).split()[0] if verb_group == "verb2" else m.group(verb_group))
        if kind is None:
            continue
        found = _subject_quantity(text, m.start())
        if found is None:
            continue
        qstart, qend, q, victim = found
        out.append((2, m.start(verb_group), _mention(text, qstart, m.end(), kind, q, victim, "passive",
                                                     m.span(verb_group), (qstart, qend))))
    return out


def _nominal_candidates(text: str, windows) -> list[_Candidate]:
    """Nouns of killing with a quantity ("the killing of dozens", "the death toll rose to 16"): priority 3."""
    out: list[_Candidate] = []
    for m in _finditer(_NOMINAL_RE, text, windows[_NOMINAL]):
        vg, qg = ("verb", "qty") if m.group("verb") else ("toll", "qty2")
        kind = "killed" if vg == "toll" else _kind(m.group(vg))
        qsurf = m.group(qg)
        victim = _victim_after(text, m.end(qg))
        q = parse_quantity(qsurf + " " + victim)
        if kind is None or q is None or not _head_ok(qsurf, victim):
            continue
        end = m.end(qg)
        if victim:
            end = text.index(victim, m.end(qg)) + len(victim)
        out.append((3, m.start(vg), _mention(text, m.start(), end, kind, q, victim, "nominal",
                                             m.span(vg), m.span(qg))))
    return out


# one person named by a bare singular noun, as headlines and some wires write: "ISIL leader has been killed in
# southern Tikrit", "Senior ISIS commander killed in airstrike" (at the start, after "that" or a colon)
_BARE_SINGULAR_RE = re.compile(
    r"(?:\A|(?<=\bthat )|(?<=: )|(?<=— ))(?P<qty>(?:(?i:senior|top|prominent|local|wanted|former|so-called)\s+)?"
    r"(?:(?:ISIS|ISIL|IS|Daesh|Islamic State|Iraqi|Kurdish|(?i:army|police)|Peshmerga|PMF|Hashd)\s+)?"
    r"(?P<noun>(?i:leader|commander|emir|wali|official|militant|terrorist|soldier|policeman|officer|fighter|"
    r"civilian|shepherd|farmer|mukhtar)))\s+(?:(?:was|has been|had been|is)\s+)?"
    r"(?P<verb>killed|wounded|injured|arrested|captured|detained)\b")


def _bare_singular_candidates(text: str, windows) -> list[_Candidate]:
    """One person told by a bare singular noun before its verb ("ISIL leader has been killed"): priority 4."""
    out: list[_Candidate] = []
    for m in _finditer(_BARE_SINGULAR_RE, text, windows[_PASSIVE]):
        kind = _kind(m.group("verb"))
        if kind is not None:
            out.append((4, m.start("verb"), _mention(text, m.start("qty"), m.end(), kind, Quantity(1, 1, 1),
                                                     m.group("noun"), "bare", m.span("verb"), m.span("qty"))))
    return out


_CANDIDATE_FINDERS = (_active_candidates, _adjacent_candidates, _passive_candidates, _nominal_candidates,
                      _bare_singular_candidates)


def _choose(candidates: list[_Candidate]) -> list[CountMention]:
    """Keep the best candidate per verb and per quantity (priority, then position); sorted by start."""
    used_verbs: set[int] = set()
    used_qty: list[tuple[int, int]] = []
    chosen: list[CountMention] = []
    for _prio, verb_start, c in sorted(candidates, key=lambda pc: (pc[0], pc[2].start)):
        if verb_start in used_verbs:
            continue
        if any(c.quantity_start < e and s < c.quantity_end for s, e in used_qty):
            continue
        used_verbs.add(verb_start)
        used_qty.append((c.quantity_start, c.quantity_end))
        chosen.append(c)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _mention(text: str, start: int, end: int, kind: str, q: Quantity, victim: str, rule: str,
             verb_span: tuple[int, int], qty_span: tuple[int, int]) -> CountMention:
    """Build a CountMention spanning verb and quantity (and victim)."""
    s = min(start, verb_span[0], qty_span[0])
    e = max(end, verb_span[1], qty_span[1])
    return CountMention(s, e, kind, q.low, q.best, q.high, text[s:e], victim, rule, qty_span[0], qty_span[1])


def _subject_quantity(text: str, aux_start: int) -> tuple[int, int, Quantity, str] | None:
    """The quantity of the subject before a passive verb ("Four members of IS ... were killed").

    Looks back within the clause (cut at sentence punctuation, at another verb and at but/while/after/
    that/...), ignores ", including ...," asides, splits the subject at "and" and commas, takes the
    leftmost quantity of people in each part and adds the parts up ("an officer and two soldiers were
    killed" = 3). Output: (start, end) of the quantities, their sum, the subject as written; or None.
    """
    window_start = max(0, aux_start - 160)
    left = text[window_start:aux_start]
    cuts = list(_CLAUSE_CUT_RE.finditer(left))
    if cuts:
        cut = cuts[-1].end()
        window_start += cut
        left = left[cut:]
    for inc in _INCLUDING_RE.finditer(left):
        left = left[:inc.start()] + " " * (inc.end() - inc.start()) + left[inc.end():]
    parts: list[tuple[int, int]] = []
    part_start = 0
    for sep in [*_CONJUNCT_RE.finditer(left), None]:
        part_end = sep.start() if sep else len(left)
        parts.append((part_start, part_end))
        part_start = sep.end() if sep else len(left)
    found: list[tuple[int, int, Quantity]] = []
    # The part next to the verb, then earlier parts while they are short noun phrases of people that start
    # with their quantity ("an officer and two soldiers"); "an army patrol came under fire ..." stops it.
    parts = [(a, b) for a, b in parts if left[a:b].strip()]
    for part_start, part_end in reversed(parts):
        hit = _part_quantity(left, part_start, part_end)
        # a part that opens with a number may be longer: "three members of the security forces and two civilians"
        numeral = hit is not None and not re.fullmatch(r"(?:an?|the|one)", left[hit[0]:hit[1]].strip(), re.I)
        if found and (hit is None or left[part_start:hit[0]].strip()
                      or len(left[part_start:part_end].split()) > (9 if numeral else 6)):
            break
        if hit is None:  # the part next to the verb has no number ("..., the paramilitary force,"): whole subject
            whole = _part_quantity(left, 0, len(left))
            if whole is not None:
                found.append(whole)
            break
        found.insert(0, hit)
    if not found:
        pronoun = re.search(r"\b(?:he|she)\s*$", left, re.IGNORECASE)  # "he was killed": one person
        if pronoun is None:
            return None
        found.append((pronoun.start(), pronoun.end(), Quantity(1, 1, 1)))
    total = Quantity(
        sum(q.low for _s, _e, q in found),
        sum(q.best for _s, _e, q in found),
        None if any(q.high is None for _s, _e, q in found) else sum(q.high or 0 for _s, _e, q in found),
    )
    first, last = found[0][0], found[-1][1]
    victim = left[found[0][1]:].strip() if len(found) == 1 else left[first:].strip()
    return window_start + first, window_start + last, total, victim


def _part_quantity(left: str, part_start: int, part_end: int) -> tuple[int, int, Quantity] | None:
    """The leftmost quantity of people in one conjunct of a subject: (start, end, quantity) or None."""
    for m in _QUANTITY_RE.finditer(left, part_start, part_end):
        qsurf = m.group(0)
        victim = left[m.end():part_end].strip()
        words = victim.split()
        q = parse_quantity(qsurf + " " + victim)
        if q is None:
            continue
        partitive = words[:1] == ["of"] and qsurf.lower().strip() not in ("a", "an", "the")
        if not partitive and not _head_ok(qsurf, victim) and not (words == [] or words[0].lower() in PERSON_NOUNS):
            continue
        if qsurf.lower().strip() in ("a", "an", "a single", "another") and not any(w.lower() in PERSON_NOUNS for w in words[:5]):
            continue
        return m.start(), m.end(), q
    return None


_OBJECT_NOUN_LIST = (
    "hideout tunnel device ied kilogram kg ton tonne village rocket mortar shell weapon cache shelter vehicle "
    "car motorcycle bomb belt airstrike strike target checkpoint drone missile grenade rifle barrel grave"
)
_OBJECT_PHRASES = sorted(
    [w + "s?" for w in _OBJECT_NOUN_LIST.split()]
    + [r"explosive\s+devices?", r"improvised\s+explosive\s+devices?", r"Katyusha\s+rockets?",
       r"mortar\s+shells?", r"mortar\s+rounds?", r"explosive\s+belts?", r"air\s+strikes?", r"mass\s+graves?",
       r"weapons?\s+caches?", "bodies", "IEDs?"],
    key=len, reverse=True,
)
_OBJECT_NOUNS = "|".join(_OBJECT_PHRASES)
_OBJECT_RE = re.compile(
    rf"(?<![\w-])(?P<qty>{QUANTITY})\s+(?P<mods>(?:(?!of\b|and\b|in\b)[A-Za-z][\w'’-]*\s+){{0,2}}?)"
    rf"(?P<noun>(?:{_OBJECT_NOUNS}))(?P<of>\s+of\s+[A-Za-z][\w-]*)?\b",
    re.IGNORECASE,
)


def find_objects(text: str) -> list[ObjectMention]:
    """Counted objects in ``text``: "11 hideouts", "50 kilograms of urea", "23 explosive devices".

    Output: ObjectMention(start, end, quantity, noun) sorted by start; only numbers and quantity words
    count ("a hideout" is not listed: the article is too common to be a count); quantity is the number as
    written without its modifier ("over 85 targets" gives 85; "dozens of" gives 24); noun is the object as written, with its modifiers and an
    "of X" complement for measures ("kilograms of urea"). Never used for casualty counts.
    """
    out: list[ObjectMention] = []
    for m in _finditer(_OBJECT_RE, text, _windows(text)[_OBJECTS]):
        qsurf = m.group("qty")
        bare = re.sub(r"\s+", " ", qsurf.strip().lower())
        if re.fullmatch(_NONE_RE, bare) or re.fullmatch(_ENTIRE_RE, bare) or bare in ("a", "an", "a single", "the"):
            continue
        # The number as written: "over 85 targets" is 85 in a note.
        q = parse_quantity(re.sub(rf"^(?:{_MODIFIER})\s+", "", qsurf.strip(), flags=re.I) + " x")
        if q is None:
            continue
        noun = (m.group("mods") + m.group("noun")).strip()
        end = m.end("noun")
        if m.group("of") and re.match(r"(?:kilograms?|kg|tons?|tonnes?|barrels?)$", m.group("noun"), re.I):
            noun += m.group("of")
            end = m.end("of")
        out.append(ObjectMention(m.start("qty"), end, q.best, re.sub(r"\s+", " ", noun)))
    return out


# between two counts of one kind: the later corrects the earlier ("local reports claimed eight were
# killed, but security sources said only three")
_CORRECTION = re.compile(r"\b(?:but|however|only|in fact|denied|rather)\b", re.I)


def without_superseded(counts: list[CountMention], text: str) -> list[CountMention]:
    """Counts of one sentence minus those a later count of the same kind corrects: a "but", "however"
    or "only" between them ("claimed eight killed ..., but ... only three were killed" keeps three)."""
    out = []
    for i, c in enumerate(counts):
        later = [d for d in counts[i + 1:] if d.kind == c.kind and d.start >= c.end]
        if not any(_CORRECTION.search(text[c.end:d.start]) for d in later):
            out.append(c)
    return out
