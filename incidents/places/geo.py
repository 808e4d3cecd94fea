"""Places: the gazetteer (data/places.csv) and the place mentions of a text, relative places included.

What goes in and out:

* ``load_gazetteer(path)`` reads data/places.csv (built by ``python -m incidents gazetteer``,
  see incidents/places/gazetteer_build.py) into a ``Gazetteer``; cached per path.
* ``Gazetteer.find_locations(text)`` finds place mentions in a text (the analysis text of an
  article: glued words already split) and resolves each to a ``Location``: a point, its
  governorate (admin1), country, ACLED geo_precision and the span of the text it came from.
* Names are compared through ``incidents.places.names`` (fold, key); the polygons are asked
  through ``incidents.places.boundaries`` (admin1 of an offset point, a part of a governorate).
  The word lists of the rules below are data files in incidents/places/words/, each saying where
  it comes from.

How mentions are matched:

* Case-insensitive, whole words, a hyphen, apostrophe or space between words all alike
  ("Salah ad-Din" = "Salah ad Din" = "Salah ad'Din"; "Salahaddin" is a spelling of its own); a leading "al-"/"al "/"el-" is optional,
  and so are the assimilated articles "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-" when
  written with a hyphen ("At-Tarmiyah"). The longest match wins ("Tuz Khurmatu" over "Tuz").
* A capitalised name right after a place word ("the town of Mussayib", "in the Muqdaadiya district") that no
  spelling finds is looked up by its transliteration skeleton (``names.skeleton``: vowels, y, w and doubled
  letters dropped), and taken only when the skeleton names one town, village or district and no governorate, and
  the spelling is close to one of that place's (difflib ratio ``SPELLING_SIMILARITY``).
* Words joined across a space must match a spelling with a break at the same place: "Tal Afar"
  finds Tal Afar, "all as" does not find Allas (hyphens and apostrophes may fall anywhere).
* Names that are also common words or very short ("Hit", "Kut", "Rawa", "Tuz", every key of
  four letters or fewer) match only when capitalised (CAPITALISED_ONLY); "Hit" (an English
  verb) also needs a place cue just before it ("in Hit", "town of Hit", "west of Hit") or
  "Hit district" after (NEEDS_PLACE_CUE). Places that are also personal names ("Jordan",
  "Abbasi", "Rashad") are not taken next to another capitalised name word ("Sebastian Jordan",
  PERSONAL_NAMES). Alternate names that are words or personal names (Medina, Sadr, Qasim,
  Hero, ...) are not in the gazetteer at all (words/alias_stoplist.txt, read by the build).

How mentions are resolved (geo_precision is ACLED's: 1 town, 2 near a town / part of a region,
3 governorate only):

* a town, village, base, camp or prison: its point, precision 1; a feature (mountains, wadi,
  oilfield, desert area): its point, precision 2;
* a governorate: its label point, precision 3. A name that is both a city and a governorate
  (Kirkuk, Baghdad, Erbil, Sulaymaniyah, Basra, Najaf, Karbala, Duhok): "in Kirkuk" is the
  city (precision 1) unless "province", "governorate" or "region" follows ("Kirkuk province")
  or precedes ("the province of Kirkuk"), or it stands in a list with a governorate-only name
  ("Kirkuk, Salah al-Din and Diyala"), or owns the next place ("Kirkuk's Daquq district"), or a compass
  adjective makes it a part ("southern Kirkuk": the south of the province);
  "Kirkuk city" is always the city;
* a town an article calls a province ("Samarra province", or "governorates including
  Salaheddine, Kirkuk, Samarra and Diyala") stays the town, with the governorate it really lies
  in, precision 2 (the area around it);
* "120 km northwest of Mosul", "about 60 kilometres (38 miles) south of Mosul": the point at
  that distance and bearing (spherical earth, see ``offset``), precision 2; "south of Kirkuk"
  without a distance: NOMINAL_OFFSET_KM (25 km) in that direction, precision 2, in the town's own
  governorate (the text names only the town; the point is drawn just inside it);
  "45 kilometers from Kirkuk city" (a distance without a bearing) and "near Mosul", "outside",
  "on the outskirts of", "close to", "in the vicinity of": the anchor's own point, precision 2;
  "southern Diyala" (a governorate): a point in that half of its polygon, precision 2;
  "southern Mosul" (a town): the town, precision 1; "southwest Kirkuk" (a bare direction): the
  town, precision 2 (around it); "west Anbar": like "western Anbar". admin1 of an offset point comes from the
  polygons (the nearest governorate within 50 km when the generalised borders miss it; farther
  out, admin1 and country are left empty: we have no other country's borders). Vague distances
  get a nominal figure: "a few" / "several" kilometres = 5 km, "a couple of" = 2 km;
* "the (army|air) base in Qayyara", "the airport of X": the base the gazetteer knows as
  "Qayyara base" / "X airport", when there is one, precision 1;
* a country (Syria, Iran, Jordan, ...; also Iraq itself): its point, kind "country",
  precision 3 and admin1 "" (an incident located only "in Iraq" has no place: callers that
  want a place should skip kind "country" for Iraq). Country names inside a group's name
  ("Islamic State of Iraq and Syria", "Islamic Resistance in Iraq", "al-Qaeda in Iraq") are
  not places and are not returned; nor are adjectival compounds ("Iran-backed militias",
  "a Baghdad-based analyst", "Kirkuk-bound convoy").
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from incidents import DEFAULT_DATA_DIR
from incidents.places.boundaries import governorate_part, nearest_admin1, snap_into
from incidents.places.governorates import GOVERNORATES
from incidents.places.names import (
    ARTICLES,
    SUN_ARTICLES,
    WORD,
    breaks,
    fold_word,
    is_article,
    key,
    skeleton,
    words,
)
from incidents.places.sphere import offset
from incidents.problems import Problem
from incidents.wordlists import read_list, read_table

PLACES_PATH = DEFAULT_DATA_DIR / "places.csv"
PLACES_COLUMNS: tuple[str, ...] = (
    "name", "aliases", "kind", "admin1", "admin2", "country", "latitude", "longitude", "source", "geonameid",
)
WORDS_DIR = Path(__file__).resolve().parent / "words"

NOMINAL_OFFSET_KM = 25.0  # "south of Kirkuk" with no distance given

PRECISION_BY_KIND: dict[str, int] = {
    "town": 1, "village": 1, "base": 1, "camp": 1, "prison": 1, "district": 1, "airport": 1,
    "feature": 2, "area": 2, "governorate": 3, "country": 3,
}

# Keys (see names.key) of real places that are also words: matched only when capitalised.
CAPITALISED_ONLY: frozenset[str] = frozenset(read_list(WORDS_DIR / "capitalised_only.txt"))
# English words among them: they also need a place cue ("in Hit", "Hit district").
NEEDS_PLACE_CUE: frozenset[str] = frozenset(read_list(WORDS_DIR / "needs_place_cue.txt"))
# Places that are also personal names: not taken when a capitalised name word stands right
# before ("Sebastian Jordan") or after ("Rashad Hamid") them.
PERSONAL_NAMES: frozenset[str] = frozenset(read_list(WORDS_DIR / "personal_names.txt"))
# Places whose name is also a word of another meaning when followed by these words ("al-Shura Council").
NOT_FOLLOWED_BY: dict[str, frozenset[str]] = {
    place: frozenset(following.split()) for place, following in read_table(WORDS_DIR / "not_followed_by.csv")[1:]
}
# Capitalised words that may stand next to a place without making it a personal name.
_NAME_FRIENDS: frozenset[str] = frozenset(read_list(WORDS_DIR / "name_friends.txt"))
_PLACE_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|of|from|to|into|toward|towards|outside|around|between|and|town|city|district)\s+|,\s*)$"
)
_PLACE_CUE_AFTER = re.compile(r"^\s*(?:district|city|town|subdistrict|area|,)", re.I)

# a name right after (or before) a place word: where an unknown spelling of a known place may stand
_CUE_NAME = re.compile(
    r"\b(?:town|village|city|district|sub-?district|subdistrict|area|region|vicinity|outskirts)\s+of\s+"
    r"(?P<name>(?:[Aa]l[- ])?[A-Z][a-z]{2,}(?:[- ][A-Z][a-z]{2,})?)\b"
    r"|\b(?:in|near|at)\s+the\s+(?:[a-z]+\s+)?(?P<name2>(?:[Aa]l[- ])?[A-Z][a-z]{3,})\s+"
    r"(?:village|district|sub-?district|area|town)\b")
SKELETON_MIN = 3   # shorter skeletons ("hit" -> "ht") name too many words to be read as places
SPELLING_SIMILARITY = 0.8   # difflib ratio a spelling needs to a known one of the same skeleton ("Maidan" is not "Madinah")


def _skeleton_index(places) -> dict[str, dict[str, Place]]:
    """Transliteration skeleton -> {spelling key: place} over every spelling of every place (leading article off)."""
    seen: dict[str, dict[str, Place]] = {}
    for p in places:
        for a in p.aliases:
            found = words(a)
            if len(found) > 1 and is_article(found[0]):
                found = found[1:]
            k = "".join(found)
            if len(sk := skeleton(k)) >= SKELETON_MIN:
                seen.setdefault(sk, {})[k] = p
    return seen


def _by_skeleton(index: dict[str, dict[str, Place]], k: str) -> Place | None:
    """The one town, village or district that a spelling ``k`` the gazetteer lacks stands for: its skeleton's
    spellings all name that place, it is no governorate or country ("Salhaddin" is the governorate, not the town of
    Selahedin), and ``k`` is close to one of them (``SPELLING_SIMILARITY``); else None."""
    spellings = index.get(skeleton(k), {})
    places = {p.name: p for p in spellings.values()}
    if len(places) != 1:
        return None
    (place,) = places.values()
    close = any(difflib.SequenceMatcher(None, k, known).ratio() >= SPELLING_SIMILARITY for known in spellings)
    return place if close and place.kind not in ("governorate", "country") else None


_JOIN_GAP = re.compile(r"[ \t\u00a0\-\u2010\u2011\u2013'’‘ʿʾ`]{1,3}")
_HYPHEN_GAP = re.compile(r"\s?[\-\u2010\u2011]\s?")

_NUM_WORDS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a hundred": 100, "hundred": 100,
    # vague amounts: a nominal figure, so that "a few kilometres south of" stays close to the town
    "a few": 5, "few": 5, "several": 5, "a couple of": 2,
}
_NUM = r"\d+(?:[.,]\d+)?|" + "|".join(sorted(map(re.escape, _NUM_WORDS), key=len, reverse=True))
_UNIT = r"km|kms|kilomet(?:er|re)s?|miles?|mi|met(?:er|re)s|m"
_DIR = r"(?:north|south)(?:[\s-]?(?:east|west))?|east|west"
_APPROX = r"(?:(?:about|some|around|approximately|approx\.|nearly|roughly|almost|over|more\s+than|less\s+than|up\s+to|just|only)\s+)?"
_DIST = rf"{_APPROX}\b(?P<num>{_NUM})\s*-?\s*(?P<unit>{_UNIT})\b\.?(?:\s*\([^()]{{0,40}}\))?\s+"
# "of the city of Mosul", "of the capital city of Baghdad", "of the capital Baghdad"
_OF_TOWN = r"(?:the\s+)?(?:(?:capital\s+)?(?:city|town|village|district|area)\s+of\s+|capital\s+(?:city\s+)?)?"
_REL_BEARING = re.compile(
    rf"(?:{_DIST}(?:to\s+the\s+)?|\b(?:to\s+the\s+|in\s+the\s+(?:far\s+)?)?)(?P<dir>{_DIR})\s+of\s+{_OF_TOWN}$", re.I
)
_REL_FROM = re.compile(rf"{_DIST}(?:away\s+)?from\s+{_OF_TOWN}$", re.I)
_REL_NEAR = re.compile(
    r"\b(?P<near>near(?:by)?|outside(?:\s+of)?|close\s+to|not\s+far\s+from|(?:in\s+)?the\s+vicinity\s+of|vicinity\s+of|"
    r"(?:on\s+|in\s+)?the\s+outskirts\s+of|outskirts\s+of|on\s+the\s+edge\s+of|(?:in\s+)?the\s+surroundings\s+of)\s+"
    + _OF_TOWN + "$",
    re.I,
)
_REL_ADJ = re.compile(
    r"\b(?P<dir>(?:north|south)(?:[\s-]?(?:east|west))?(?:ern)?|eastern|western|east|west|central)\s+$", re.I
)
_GOV_WORD = r"(?:province|governorate|region|provinces|governorates|prov\.)"
# a compass adjective before a name that is a city and a governorate: "southern Kirkuk" is the south of the province
_PRE_PART = re.compile(r"\b(?:north|south|east|west)(?:ern|-?(?:east|west)ern)\s+$", re.I)
_PRE_GOV = re.compile(rf"\b{_GOV_WORD}\s+of\s+(?:the\s+)?$"
                      # "a village in Kirkuk", "two towns in Diyala": places inside the governorate, not the city
                      r"|\b(?:villages?|hamlets?|towns?|(?:sub-?)?districts?|subdistricts?)\s+in\s+$", re.I)
_POST_GOV = re.compile(rf"^[\s\-]*{_GOV_WORD}", re.I)
_POST_CITY = re.compile(r"^\s+(?:city|town)\b", re.I)
_PRE_CITY = re.compile(r"\b(?:city|town)\s+of\s+(?:the\s+)?$", re.I)
_PRE_BASE = re.compile(r"\b(?:air\s*base|airbase|(?:army\s+|military\s+)?base|airfield|airport)\s+(?:in|at|of)\s+$", re.I)
# Country names inside the names of armed groups: "Islamic State of Iraq and Syria", "al-Qaeda in Iraq".
_IN_GROUP_NAME = re.compile(
    r"(?:\bIslamic\s+State\s+(?:of|in)\s+(?:Iraq\s+and\s+(?:the\s+)?)?|\bIslamic\s+Resistance\s+in\s+|"
    r"\bQa[’']?e?i?da\s+in\s+|\bIslamic\s+Emirate\s+of\s+)$",
    re.I,
)
_ADJECTIVAL = re.compile(
    r"[-\u2010\u2011](?:based|born|backed|aligned|linked|allied|affiliated|led|funded|supported|sponsored|"
    r"bound|headquartered|made|style|era|centric)\b",
    re.I,
)
# what follows a town placed in Iraq by its own words: "the Riyadh area, south of Kirkuk", "Riyadh, 60 km west of
# Kirkuk", "the Riyadh sub-district in Kirkuk": a foreign town of that name is not meant
_PLACED_IN_IRAQ_AFTER = re.compile(
    r"\s*(?:area|region|sub-?district|district|subdistrict|town|village|nahiya)?\s*(?:,\s*|\s+)"
    r"(?:(?:some\s+|about\s+)?\d+\s*(?:km|kilomet(?:er|re)s?|miles?)\s+)?"
    r"(?:(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
    r"(?:ern)?\s+of|in|near|outside)\s+(?:the\s+)?$", re.I)
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:(?:the|western|eastern|northern|southern|central)\s+)?", re.I)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:and|or|&))\s*", re.I)

_REL_LAST_WORDS = frozenset({"of", "from", "near", "nearby", "outside", "to", "central", "north", "south", "east",
                             "west", "northeast", "northwest", "southeast", "southwest", "north-east",
                             "north-west", "south-east", "south-west"})
_BEARINGS: dict[str, float] = {
    "north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225,
    "west": 270, "northwest": 315,
}


@dataclass(frozen=True)
class Place:
    """One row of data/places.csv. aliases: every spelling that finds it (its name included)."""

    name: str
    kind: str
    admin1: str
    admin2: str
    country: str
    latitude: float
    longitude: float
    source: str
    geonameid: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Location:
    """A place mention resolved to a point.

    location: the place as we name it ("Mosul", "60 km south of Mosul", "near Mosul");
    start/end: the span of the searched text (end exclusive), relative phrase included;
    kind: the gazetteer kind, or "relative" for offset and "near" places;
    place: the gazetteer name of the (anchor) place; distance_km/bearing_deg: the offset used.
    """

    location: str
    admin1: str
    admin2: str
    country: str
    latitude: float
    longitude: float
    geo_precision: int
    start: int
    end: int
    kind: str
    place: str = ""
    distance_km: float | None = None
    bearing_deg: float | None = None
    region: bool = False   # a part of a governorate ("eastern Diyala", "south of Kirkuk province"): no point of its own


# --- the gazetteer -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    key: str
    candidates: tuple[Place, ...]
    first_token: int
    last_token: int


class Gazetteer:
    """Places and an index of their spellings; ``find_locations`` resolves mentions in a text."""

    def __init__(self, places: tuple[Place, ...]):
        self.places = places
        index: dict[str, list[Place]] = {}
        for p in places:
            for a in p.aliases:
                k = key(a)
                if k and p not in index.setdefault(k, []):
                    index[k].append(p)
        self._index = {k: tuple(v) for k, v in index.items()}
        # where each spelling has word breaks: "all as" must not find "Allas", "Tal Afar" may find "Tal Afar"
        bounds: dict[str, set[frozenset[int]]] = {}
        for p in places:
            for a in p.aliases:
                bounds.setdefault(key(a), set()).add(breaks(a))
        self._bounds = bounds
        self._prefixes = frozenset(k[:n] for k in self._index for n in range(1, len(k) + 1))
        self._skeletons = _skeleton_index(places)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place a spelling names (a city and its governorate may share one); () if none."""
        found = self._index.get(key(name), ())
        folded = words(name)
        if not found and len(folded) > 1 and is_article(folded[0]):
            found = self._index.get("".join(folded[1:]), ())
        return found

    def place(self, name: str) -> Place | None:
        """The place a spelling names, preferring a town over a governorate of the same name."""
        found = self.lookup(name)
        return sorted(found, key=lambda p: p.kind in ("governorate", "country"))[0] if found else None

    # matching

    def _matches(self, text: str) -> list[_Match]:
        toks = [(m.start(), m.end(), fold_word(m.group())) for m in WORD.finditer(text)]
        out: list[_Match] = []
        i = 0
        prefixes = self._prefixes
        while i < len(toks):
            tok = toks[i][2]
            if tok not in prefixes and not is_article(tok):
                i += 1  # most words start no place name
                continue
            # every acceptable match starting at token i (full) or i + 1 (after an article), longest first
            options = self._extend(text, toks, i, i)
            if _article_at(text, toks, i):
                options += self._extend(text, toks, i, i + 1)
            options.sort(key=lambda o: (-o[1], o[3]))  # longest, then the full (un-stripped) key
            found = None
            for _start_tok, last, k, stripped in options:
                first = i + 1 if stripped else i
                if self._acceptable(text, toks, k, first, last):
                    found = _Match(toks[i][0], toks[last][1], k, self._index[k], i, last)
                    break
            if found:
                out.append(found)
                i = found.last_token + 1
            else:
                i += 1
        return out

    def _extend(self, text: str, toks: list, span_start: int, first: int) -> list[tuple[int, int, str, bool]]:
        """Keys in the index made of tokens first..j (joined across short gaps): (span_start, j, key, stripped)."""
        found = []
        acc = ""
        spaces: set[int] = set()  # positions in acc where the text has a space between words
        j = first
        while j < len(toks):
            if j > first:
                gap = text[toks[j - 1][1]:toks[j][0]]
                if not _JOIN_GAP.fullmatch(gap):
                    break
                if any(c.isspace() for c in gap):
                    spaces.add(len(acc))
            acc += toks[j][2]
            if acc not in self._prefixes:
                break
            if acc in self._index and any(spaces <= b for b in self._bounds[acc]):
                found.append((span_start, j, acc, first != span_start))
            j += 1
        return found

    @staticmethod
    def _acceptable(text: str, toks: list, k: str, first: int, last: int) -> bool:
        if (k in CAPITALISED_ONLY or len(k) <= 4) and not text[toks[first][0]].isupper():
            return False
        if k in PERSONAL_NAMES and _looks_like_a_name(text, toks, first, last):
            return False
        if k in NOT_FOLLOWED_BY and last + 1 < len(toks) and toks[last + 1][2] in NOT_FOLLOWED_BY[k]:
            return False
        if k in NEEDS_PLACE_CUE:
            before = text[max(0, toks[first][0] - 40):toks[first][0]]
            after = text[toks[last][1]:toks[last][1] + 20]
            if not (_PLACE_CUE_BEFORE.search(before) or _PLACE_CUE_AFTER.match(after)):
                return False
        return True

    def _spelled_otherwise(self, text: str, matches: list[_Match]) -> list[_Match]:
        """Places named after a place word ("the town of Musayab", "in the Mutaybija area") in a spelling the
        gazetteer lacks, found by their transliteration skeleton (``names.skeleton``) when it names one town,
        village or district only; the spans of ``matches`` are left alone."""
        out: list[_Match] = []
        for m in _CUE_NAME.finditer(text):
            start, end = m.span("name") if m.group("name") else m.span("name2")
            if any(x.start < end and start < x.end for x in matches):
                continue
            found = words(text[start:end])
            if len(found) > 1 and is_article(found[0]):
                found = found[1:]
            k = "".join(found)
            place = _by_skeleton(self._skeletons, k) if k not in self._index else None
            if place is not None:
                out.append(_Match(start, end, key(place.name), (place,), -1, -1))
        return out

    # resolution

    def find_locations(self, text: str) -> list[Location]:
        """A text in (an article's analysis text), every place mention resolved, in text order.

        Relative phrases ("120 km northwest of Mosul") are one Location spanning the phrase.
        See the module docstring for the rules and precisions.
        """
        matches = self._matches(text)
        matches = sorted(matches + self._spelled_otherwise(text, matches), key=lambda m: m.start)
        as_gov = self._governorate_reading(text, matches)
        out: list[Location] = []
        for j, m in enumerate(matches):
            if all(p.kind == "country" for p in m.candidates) and _IN_GROUP_NAME.search(text[max(0, m.start - 50):m.start]):
                continue  # part of a group's name, not a place
            if _ADJECTIVAL.match(text, m.end):
                continue  # "Iran-backed militias", "a Baghdad-based analyst": not where something happened
            if j + 1 < len(matches) and self._foreign_named_in_iraq(text, m, matches[j + 1]):
                m = self._iraqi_namesake(m) or m   # with no namesake it is the foreign town near the border
            loc = self._resolve(text, m, as_gov[j])
            if out and loc.start < out[-1].end:  # a prefix ("province of", "60 km south of") ran into the last place
                loc = _replace(loc, start=m.start)
            out.append(loc)
        return out

    @staticmethod
    def _foreign_named_in_iraq(text: str, m: _Match, after: _Match) -> bool:
        """Is ``m`` a foreign town that the words before the next match ``after`` place in Iraq ("the Riyadh area,
        south of Kirkuk": the Kirkuk sub-district, not the Saudi capital)?"""
        return (all(p.country != "Iraq" and p.kind == "town" for p in m.candidates)
                and any(p.country == "Iraq" for p in after.candidates)
                and bool(_PLACED_IN_IRAQ_AFTER.fullmatch(text, m.end, after.start)))

    def _iraqi_namesake(self, m: _Match) -> _Match | None:
        """The Iraqi place named like ``m`` with the article ("Riyadh" -> Al-Riyadh), as a match over the same span;
        None when the gazetteer has none ("Abu Kamal, near Qaim" is the Syrian town across the border)."""
        iraqi = tuple(p for p in self._index.get("al" + m.key, ()) if p.country == "Iraq")
        return replace(m, candidates=iraqi) if iraqi else None

    def _governorate_reading(self, text: str, matches: list[_Match]) -> list[str]:
        """For each match: "governorate", "place", or "listed-as-governorate" (a town in a list of
        governorates, read as the area around it); see the module docstring."""
        state: list[bool | None] = []
        for j, m in enumerate(matches):
            kinds = {p.kind for p in m.candidates}
            if "governorate" not in kinds:
                state.append(False)
            elif kinds == {"governorate"}:
                state.append(True)
            elif _POST_CITY.match(text[m.end:m.end + 12]) or _PRE_CITY.search(text[max(0, m.start - 20):m.start]):
                state.append(False)
            elif _POST_GOV.match(text[m.end:m.end + 20]) or _PRE_GOV.search(text[max(0, m.start - 40):m.start]):
                state.append(True)
            elif _PRE_PART.search(text[max(0, m.start - 20):m.start]):
                state.append(True)  # "a village located in southern Kirkuk": a part of the governorate
            elif j + 1 < len(matches) and _POSSESSIVE_GAP.fullmatch(text[m.end:matches[j + 1].start]) and (
                    matches[j + 1].candidates[0].kind not in ("governorate", "country")):
                state.append(True)  # "Kirkuk's Daquq district": the governorate that holds the next place
            else:
                state.append(None)  # undecided: a list of governorates may decide
        changed = True
        while changed:
            changed = False
            for j, s in enumerate(state):
                if s is not None:
                    continue
                for nb in (j - 1, j + 1):
                    if 0 <= nb < len(matches) and state[nb] and matches[nb].candidates[0].kind != "country":
                        a, b = (matches[nb], matches[j]) if nb < j else (matches[j], matches[nb])
                        if _LIST_GAP.fullmatch(text[a.end:b.start]):
                            state[j] = True
                            changed = True
                            break
        readings = ["governorate" if s else "place" for s in state]
        for j, m in enumerate(matches):  # "governorates including Salaheddine, Kirkuk, Samarra and Diyala"
            if readings[j] == "place" and m.candidates[0].kind in ("town", "district") and any(
                0 <= nb < len(matches) and readings[nb] == "governorate"
                and _LIST_GAP.fullmatch(text[min(m.end, matches[nb].end):max(m.start, matches[nb].start)])
                for nb in (j - 1, j + 1)
            ):
                readings[j] = "listed-as-governorate"
        return readings

    def _resolve(self, text: str, m: _Match, reading: str) -> Location:
        govs = [p for p in m.candidates if p.kind == "governorate"]
        others = [p for p in m.candidates if p.kind != "governorate"]
        place = govs[0] if (reading == "governorate" and govs) or not others else others[0]
        start, end = m.start, m.end
        called_province = reading == "listed-as-governorate"
        post = _POST_GOV.match(text[end:end + 20])
        if post and place.kind != "country":
            end += post.end()
            called_province = place.kind != "governorate"
        elif place.kind != "governorate" and (pc := _POST_CITY.match(text[end:end + 12])):
            end += pc.end()
        pre_window = text[max(0, start - 120):start]
        if place.kind == "governorate" and (pg := _PRE_GOV.search(pre_window[-40:])):
            start -= len(pre_window[-40:]) - pg.start()

        if place.kind not in ("base", "airport", "country", "governorate"):
            pb = _PRE_BASE.search(pre_window[-40:])
            if pb:
                for suffix in ("airbase", "base", "airfield", "airport"):
                    hit = [p for p in self._index.get(m.key + suffix, ()) if p.kind in ("base", "airport")]
                    if hit:
                        place, called_province = hit[0], False
                        start -= len(pre_window[-40:]) - pb.start()
                        break
        base = Location(
            location=place.name, admin1=place.admin1, admin2=place.admin2, country=place.country,
            latitude=place.latitude, longitude=place.longitude,
            geo_precision=2 if called_province else PRECISION_BY_KIND.get(place.kind, 1),
            start=start, end=end, kind=place.kind, place=place.name,
        )
        if place.kind == "country":
            return base
        rel = _relative(pre_window)
        if rel is None:
            return base
        phrase_start = start - (len(pre_window) - rel["at"])
        return self._relative_location(place, base, rel, phrase_start)

    @staticmethod
    def _relative_location(place: Place, base: Location, rel: dict, phrase_start: int) -> Location:
        how = rel["how"]
        if how == "adjective":
            if place.kind == "governorate":
                if rel["bearing"] is None:  # "central Diyala"
                    lat, lon = place.latitude, place.longitude
                else:
                    lat, lon = governorate_part(place.name, rel["bearing"])
                return _replace(base, location=f"{rel['word']} {place.name}", latitude=lat, longitude=lon,
                                geo_precision=2, start=phrase_start, kind="relative", region=True)
            # "southern Mosul": a part of the town (precision 1); "southwest Kirkuk": around it (2)
            precision = base.geo_precision if rel["word"].endswith(("ern", "central")) else max(2, base.geo_precision)
            return _replace(base, location=f"{rel['word']} {place.name}", geo_precision=precision,
                            start=phrase_start)
        if how == "near":
            return _replace(base, location=f"near {place.name}", geo_precision=max(2, base.geo_precision),
                            start=phrase_start, kind="relative")
        if how == "from":
            return _replace(base, location=f"{_fmt_km(rel['km'])} km from {place.name}",
                            geo_precision=max(2, base.geo_precision), start=phrase_start, kind="relative",
                            distance_km=rel["km"])
        # bearing, with or without a distance
        if place.kind == "governorate" and rel["km"] is None:
            lat, lon = governorate_part(place.name, rel["bearing"])
            return _replace(base, location=f"{rel['word']} of {place.name}", latitude=lat, longitude=lon,
                            geo_precision=2, start=phrase_start, kind="relative", bearing_deg=rel["bearing"],
                            region=True)
        km = rel["km"] if rel["km"] is not None else NOMINAL_OFFSET_KM
        lat, lon = offset(place.latitude, place.longitude, km, rel["bearing"])
        admin1, country = place.admin1, place.country
        if place.country == "Iraq" and rel["km"] is None and place.admin1:
            # "north of Baiji": the 25 km are a drawing guess, the text names only the town: its governorate
            lat, lon = snap_into(lat, lon, place.admin1)
        elif place.country == "Iraq":
            admin1 = nearest_admin1(lat, lon) or ""
            country = "Iraq" if admin1 else ""  # far outside Iraq: we have no other country's borders
            if admin1:  # an offset that overshoots a border is drawn just inside the governorate
                lat, lon = snap_into(lat, lon, admin1)
        label = f"{rel['word']} of {place.name}"
        if rel["km"] is not None:
            label = f"{_fmt_km(km)} km {label}"
        return _replace(base, location=label, admin1=admin1, admin2="", country=country, latitude=lat, longitude=lon,
                        geo_precision=2, start=phrase_start, kind="relative", distance_km=km,
                        bearing_deg=rel["bearing"])


def _article_at(text: str, toks: list, i: int) -> bool:
    """Is token i an Arabic article that may be dropped ("al-", "al ", "el-"; "at-", "ash-" only hyphenated)?"""
    if i + 1 >= len(toks):
        return False
    gap = text[toks[i][1]:toks[i + 1][0]]
    if toks[i][2] in ARTICLES:
        return bool(_JOIN_GAP.fullmatch(gap))
    return toks[i][2] in SUN_ARTICLES and bool(_HYPHEN_GAP.fullmatch(gap))


def _looks_like_a_name(text: str, toks: list, first: int, last: int) -> bool:
    """Does a capitalised word other than a place cue stand right before or after tokens first..last?"""
    for j, gap_lo, gap_hi in ((first - 1, toks[first - 1][1] if first else 0, toks[first][0]),
                              (last + 1, toks[last][1], toks[last + 1][0] if last + 1 < len(toks) else 0)):
        if not 0 <= j < len(toks) or text[gap_lo:gap_hi] != " ":
            continue
        word = text[toks[j][0]:toks[j][1]]
        if word[0].isupper() and toks[j][2] not in _NAME_FRIENDS and toks[j][2] not in ARTICLES:
            return True
    return False


# the name find_locations gives a part of a governorate read as an adjective: "northern Kirkuk", "central Diyala"
_PART_NAME = re.compile(r"(?:(?:north|south)(?:-?(?:east|west))?ern|eastern|western|central)\s+(?P<gov>.+)")


# the same with a bearing and "of" ("north of Kirkuk", "south-west of Diyala"), as a region's bearing is read
_PART_BEARING = re.compile(r"(?P<word>(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?)"
                           r"(?:\s+of)?\s+(?P<gov>.+)")


def part_bearing(location: str) -> float | None:
    """The bearing in degrees of a governorate part's name ("northern Kirkuk" 0, "south-west of Diyala" 225), or
    None when the name is central, not a part of a governorate, or has no bearing."""
    m = _PART_BEARING.fullmatch(location or "")
    return _bearing(m.group("word"))[1] if m and m.group("gov") in GOVERNORATES else None


# a point drawn from a town with no distance given: "north of Baghdad", "south-west of Kirkuk"
_DRAWN_NAME = re.compile(r"(?P<word>(?:north|south)(?:-?(?:east|west))?|east|west)\s+of\s+(?P<town>\D+)")


def drawn_bearing(location: str) -> float | None:
    """The bearing of a place told only as a direction from a town ("north of Baghdad" 0; it is drawn
    ``NOMINAL_OFFSET_KM`` that way), or None when a distance is given or the name is no such direction."""
    m = _DRAWN_NAME.fullmatch(location or "")
    return _bearing(m.group("word"))[1] if m else None


def names_governorate_part(location: str, geo_precision) -> bool:
    """True when a stored row's place (its location text and geo_precision) is a part of a governorate told by an
    adjective ("northern Kirkuk", 2), as ``Location.region`` says when it is read; "north of Kirkuk" is left out
    (it may be drawn from the city as well)."""
    m = _PART_NAME.fullmatch(location or "")
    return bool(m) and str(geo_precision) == "2" and m.group("gov") in GOVERNORATES


def _replace(loc: Location, **changes) -> Location:
    return replace(loc, **changes)


def _fmt_km(km: float) -> str:
    return f"{km:.0f}" if abs(km - round(km)) < 0.05 else f"{km:.1f}"


def _bearing(word: str) -> tuple[str, float | None]:
    w = re.sub(r"[\s-]", "", word.lower())
    w = w[:-3] if w.endswith("ern") and w != "central" else w
    if w == "central":
        return "central", None
    return w, _BEARINGS[w]


def _distance_km(num: str, unit: str) -> float:
    n = num.lower().replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", num) else num.lower().replace(",", "")
    value = float(n) if re.fullmatch(r"[\d.]+", n) else float(_NUM_WORDS[" ".join(n.split())])
    u = unit.lower()
    if u.startswith("mi"):
        return value * 1.609344
    if u in ("m", "meters", "metres"):
        return value / 1000
    return value


def _relative(pre: str) -> dict | None:
    """The text just before a place in; the relative phrase ending there out, or None.

    Returns {"how": "bearing"|"from"|"near"|"adjective", "at": index in ``pre`` where the phrase
    starts, "km": float|None, "bearing": degrees|None, "word": "northwest"|"southern"|...}.
    """
    words = pre[-60:].lower().split()
    while words and words[-1] in ("the", "capital", "city", "town", "village", "district", "area", "of"):
        if words[-1] == "of" and len(words) > 1 and words[-2] in ("city", "town", "village", "district", "area"):
            words = words[:-2]
            continue
        if words[-1] == "of":
            break
        words.pop()
    if not words or not (words[-1] in _REL_LAST_WORDS or words[-1].endswith("ern")):
        return None
    m = _REL_BEARING.search(pre)
    if m:
        word, bearing = _bearing(m.group("dir"))
        km = _distance_km(m.group("num"), m.group("unit")) if m.group("num") else None
        return {"how": "bearing", "at": m.start(), "km": km, "bearing": bearing, "word": word}
    m = _REL_FROM.search(pre)
    if m:
        return {"how": "from", "at": m.start(), "km": _distance_km(m.group("num"), m.group("unit")),
                "bearing": None, "word": ""}
    m = _REL_NEAR.search(pre)
    if m:
        return {"how": "near", "at": m.start(), "km": None, "bearing": None, "word": "near"}
    m = _REL_ADJ.search(pre)
    if m:
        word, bearing = _bearing(m.group("dir"))
        return {"how": "adjective", "at": m.start(), "km": None, "bearing": bearing,
                "word": re.sub(r"[\s-]", "", m.group("dir").lower())}
    return None


# --- loading -------------------------------------------------------------------------------


class GazetteerError(ValueError):
    """data/places.csv cannot be read; ``str()`` is ``path:line:column: message`` (a Problem)."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def read_places(path: Path = PLACES_PATH) -> tuple[Place, ...]:
    """data/places.csv in, its rows as Place values out (file order).

    Raises GazetteerError (path:line:column: message) for a missing file, a missing column or a
    row whose coordinates or geonameid are not numbers.
    """
    path = Path(path)
    if not path.exists():
        raise GazetteerError(Problem(str(path), 0, 0, "gazetteer not found: run python -m incidents gazetteer"))
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in PLACES_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerError(Problem(str(path), 1, 1, f"missing columns: {', '.join(missing)}"))
        for r in reader:
            try:
                out.append(Place(
                    name=r["name"], kind=r["kind"], admin1=r["admin1"], admin2=r["admin2"], country=r["country"],
                    latitude=float(r["latitude"]), longitude=float(r["longitude"]), source=r["source"],
                    geonameid=int(r["geonameid"]) if r["geonameid"] else None,
                    aliases=tuple(a for a in (r["aliases"] or "").split("|") if a),
                ))
            except (TypeError, ValueError):
                column = PLACES_COLUMNS.index("latitude") + 1
                raise GazetteerError(Problem(
                    str(path), reader.line_num, column,
                    f"{r.get('name')!r}: latitude, longitude and geonameid must be numbers")) from None
    return tuple(out)


@lru_cache(maxsize=4)
def _load(path: str) -> Gazetteer:
    return Gazetteer(read_places(Path(path)))


def load_gazetteer(path: Path = PLACES_PATH) -> Gazetteer:
    """data/places.csv (or another file with its columns) in, a Gazetteer out; cached per path."""
    return _load(str(Path(path).resolve()))
