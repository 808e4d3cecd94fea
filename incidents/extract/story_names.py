"""The distinctive place names a row's evidence gives, spelled so that transliterations meet.

Two outlets rarely spell a village alike ("Kolajo" and "Kulajo", "Garmiyan" and "Garmian"), and the
gazetteer does not know most villages; yet a village named by two reports is the strongest sign that they
tell one story. ``story_names(quote, location, geo_precision) -> frozenset[str]`` gives the skeletons
(:func:`skeleton`) of:

- the capitalised names that follow a place cue in the row's quote ("in Kolajo, Garmiyan
  administration", "near the village of Khidirja and Lawar"): names of people, outlets and groups
  seldom follow "in", "near", "at", "of"; and those a place word follows ("attacked Al-Islah village");
- the words of the row's own location when it is a town or near a town (geo_precision 1 or 2);

leaving out English words (pyspellchecker's list: "Tuesday", "State", and the best-known cities it
holds), governorate names and every spelling of them, and the names all such stories share
(``vocab/story_stop_names.txt``: ISIS, Peshmerga, the big cities, outlets). Pure and cached: it reads only
the stored columns quote, location and geo_precision, so a row read back from incidents.csv gives the
same names as when it was extracted.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from incidents.corpus.analysis import english_words
from incidents.extract.vocab import read_list
from incidents.places.governorates import GOVERNORATES, spellings
from incidents.places.names import is_article, words

_NAME = r"(?:(?:al|el|Al|El)[-\s])?[A-Z][\w'’-]+"
_RUN = rf"{_NAME}(?:\s+{_NAME})*"
_LIST = rf"{_RUN}(?:(?:,\s*|\s+and\s+){_RUN})*"
# a place cue, then a list of capitalised names: "in Kulajo, south of Kifri", "villages of Khidirja and Lawar"
_PLACED = re.compile(rf"\b(?:in|near|at|outside|around|of|into|between)\s+(?:the\s+)?({_LIST})")
# a name the word for a place follows: "attacked Al-Islah village", "Khidirja and Lawar villages"
_NAMED_PLACE = re.compile(rf"({_LIST})\s+(?:villages?|towns?|district|sub-district|subdistrict|area|hamlets?|"
                          r"neighbou?rhoods?)\b")
_VOWELS = str.maketrans("", "", "aeiouy")
MIN_LETTERS = 4      # shorter words ("Tal", "Abu") are parts of many names
MIN_SKELETON = 3     # a skeleton of two consonants matches too many names


def skeleton(word: str) -> str:
    """A folded, lower-case word in, its transliteration skeleton out: the first letter, then the
    consonants with q as k, doubled letters once, no final h ("kulajo" and "kolajo" -> "klj",
    "garmiyan" and "garmian" -> "grmn", "makhmour" and "makhmur" -> "mkhmr")."""
    word = word.replace("q", "k")
    out = word[0] + word[1:].translate(_VOWELS)
    out = re.sub(r"(.)\1+", r"\1", out)
    return out[:-1] if len(out) > 1 and out.endswith("h") else out


@cache
def _common_words() -> frozenset[str]:
    """Folded words that never make a story distinctive (module docstring)."""
    out = set(read_list("story_stop_names.txt"))
    for governorate in GOVERNORATES:
        for spelling in spellings(governorate):
            out.update(words(spelling))
    return frozenset(out)


def _distinctive(text: str) -> set[str]:
    """The skeletons of the words of ``text`` that may name one place (module docstring)."""
    english, common = english_words(), _common_words()
    out = set()
    for word in words(text):
        if len(word) < MIN_LETTERS or is_article(word) or word in english or word in common:
            continue
        shape = skeleton(word)
        if len(shape) >= MIN_SKELETON:
            out.add(shape)
    return out


@lru_cache(maxsize=65536)
def story_names(quote: str, location: str, geo_precision: object) -> frozenset[str]:
    """The skeletons of the distinctive place names of a row (module docstring)."""
    found: set[str] = set()
    for rx in (_PLACED, _NAMED_PLACE):
        for match in rx.finditer(quote or ""):
            found |= _distinctive(match.group(1))
    if location and str(geo_precision) in ("1", "2"):
        found |= _distinctive(location)
    return frozenset(found)


def row_names(row: dict) -> frozenset[str]:
    """:func:`story_names` of an incident row (its quote, location and geo_precision)."""
    return story_names(str(row.get("quote") or ""), str(row.get("location") or ""), str(row.get("geo_precision") or ""))
