"""Places: gazetteer lookup, relative places and governorates by point in polygon.

What goes in and out:

* ``load_gazetteer(path)`` reads data/places.csv (built by ``python -m incidents gazetteer``,
  see incidents/places/gazetteer.py) into a ``Gazetteer``; cached per path.
* ``Gazetteer.find_locations(text)`` finds place mentions in a text (the analysis text of an
  article: glued words already split) and resolves each to a ``Location``: a point, its
  governorate (admin1), country, ACLED geo_precision and the span of the text it came from.
* ``admin1_at(lat, lon)`` is the governorate whose polygon in data/iraq_governorates.geojson
  holds the point; ``governorate_centroid(name)`` its label point; ``canonical_governorate``
  maps spellings ("Salaheddine", "Ninewa", "At-Ta'mim", "Thi-Qar") to our names.

How mentions are matched:

* Case-insensitive, whole words, a hyphen, apostrophe or space between words all alike
  ("Salah ad-Din" = "Salah ad Din" = "Salah ad'Din"; "Salahaddin" is a spelling of its own); a leading "al-"/"al "/"el-" is optional,
  and so are the assimilated articles "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-" when
  written with a hyphen ("At-Tarmiyah"). The longest match wins ("Tuz Khurmatu" over "Tuz").
* Words joined across a space must match a spelling with a break at the same place: "Tal Afar"
  finds Tal Afar, "all as" does not find Allas (hyphens and apostrophes may fall anywhere).
* Names that are also common words or very short ("Hit", "Kut", "Rawa", "Tuz", every key of
  four letters or fewer) match only when capitalised (CAPITALISED_ONLY); "Hit" (an English
  verb) also needs a place cue just before it ("in Hit", "town of Hit", "west of Hit") or
  "Hit district" after (NEEDS_PLACE_CUE). Places that are also personal names ("Jordan",
  "Abbasi", "Rashad") are not taken next to another capitalised name word ("Sebastian Jordan",
  PERSONAL_NAMES). Alternate names that are words or personal names (Medina, Sadr, Qasim,
  Hero, ...) are not in the gazetteer at all (incidents/places/gazetteer.py ALIAS_STOPLIST).

How mentions are resolved (geo_precision is ACLED's: 1 town, 2 near a town / part of a region,
3 governorate only):

* a town, village, base, camp or prison: its point, precision 1; a feature (mountains, wadi,
  oilfield, desert area): its point, precision 2;
* a governorate: its label point, precision 3. A name that is both a city and a governorate
  (Kirkuk, Baghdad, Erbil, Sulaymaniyah, Basra, Najaf, Karbala, Duhok): "in Kirkuk" is the
  city (precision 1) unless "province", "governorate" or "region" follows ("Kirkuk province")
  or precedes ("the province of Kirkuk"), or it stands in a list with a governorate-only name
  ("Kirkuk, Salah al-Din and Diyala"), or owns the next place ("Kirkuk's Daquq district");
  "Kirkuk city" is always the city;
* a town an article calls a province ("Samarra province", or "governorates including
  Salaheddine, Kirkuk, Samarra and Diyala") stays the town, with the governorate it really lies
  in, precision 2 (the area around it);
* "120 km northwest of Mosul", "about 60 kilometres (38 miles) south of Mosul": the point at
  that distance and bearing (spherical earth, see ``offset``), precision 2; "south of Kirkuk"
  without a distance: NOMINAL_OFFSET_KM (25 km) in that direction, precision 2;
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
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from incidents import DEFAULT_DATA_DIR
from incidents.places.gazetteer import breaks, fold, key
from incidents.problems import Problem

PLACES_PATH = DEFAULT_DATA_DIR / "places.csv"
GEOJSON_PATH = DEFAULT_DATA_DIR / "iraq_governorates.geojson"

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius
NOMINAL_OFFSET_KM = 25.0  # "south of Kirkuk" with no distance given
NEAREST_ADMIN1_MAX_KM = 50.0

PRECISION_BY_KIND: dict[str, int] = {
    "town": 1, "village": 1, "base": 1, "camp": 1, "prison": 1, "district": 1, "airport": 1,
    "feature": 2, "area": 2, "governorate": 3, "country": 3,
}

# Keys (see gazetteer.key) of real places that are also words: matched only when capitalised.
CAPITALISED_ONLY: frozenset[str] = frozenset({
    "hit", "kut", "rawa", "rawah", "balad", "tuz", "anah", "zab", "dibs", "derkar", "kalar", "badra",
    "hawija", "sinah", "soran", "jordan", "turkey", "greenzone", "mandali", "simele", "sumayl",
    "khalis", "dukan", "amara", "samara", "daur", "dawr", "dour", "mawat", "mawet", "babel",
})
# English words among them: they also need a place cue ("in Hit", "Hit district").
NEEDS_PLACE_CUE: frozenset[str] = frozenset({"hit", "dour"})
# Places that are also personal names: not taken when a capitalised name word stands right
# before ("Sebastian Jordan") or after ("Rashad Hamid") them.
PERSONAL_NAMES: frozenset[str] = frozenset({
    "jordan", "abbasi", "amara", "amarah", "hilla", "samara", "rabia", "rabiah", "safwan", "khalis", "rashad",
    "riyadh", "alrashad", "soran", "badra", "kanaan", "fatha", "dora", "doura", "amedi",
})
# Places whose name is also a word of another meaning when followed by these words ("al-Shura Council").
NOT_FOLLOWED_BY: dict[str, frozenset[str]] = {
    "alshura": frozenset({"council", "councils", "committee", "body"}),
    "alshoura": frozenset({"council", "councils", "committee", "body"}),
}
_NAME_FRIENDS = frozenset({
    # capitalised words that may stand next to a place without making it a name
    "in", "at", "near", "from", "to", "of", "and", "or", "the", "on", "outside", "around", "between", "into",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "by", "for",
    "district", "subdistrict", "province", "governorate", "city", "town", "camp", "air", "airport", "base",
    "mountains", "mountain", "valley", "river", "dam", "road", "highway", "crossing", "border", "operations",
    "command", "police", "university", "refinery", "desert", "area", "region", "sector", "prison", "airbase",
    "iraq", "iraqi", "syria", "syrian", "kurdistan", "kurdish", "army", "military", "forces", "islamic", "isis",
    "is", "daesh", "a", "an", "as", "with", "after", "before", "during", "since", "while", "when", "but",
    "hospital", "governor", "council", "mayor", "residents", "villages", "village", "plains", "lake", "street",
})
_PLACE_CUE_BEFORE = re.compile(
    r"(?:\b(?:in|near|at|of|from|to|into|toward|towards|outside|around|between|and|town|city|district)\s+|,\s*)$"
)
_PLACE_CUE_AFTER = re.compile(r"^\s*(?:district|city|town|subdistrict|area|,)", re.I)

_ARTICLES = frozenset({"al", "el"})
_SUN_ARTICLES = frozenset({"ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "et", "ez"})

_TOKEN = re.compile(r"[^\W\d_]+")
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
_OF_TOWN = r"(?:the\s+)?(?:(?:city|town|village|district|area)\s+of\s+)?"
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
_PRE_GOV = re.compile(rf"\b{_GOV_WORD}\s+of\s+(?:the\s+)?$", re.I)
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


# --- geometry ------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two lat/lon points (spherical earth)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def offset(lat: float, lon: float, distance_km: float, bearing_deg: float) -> tuple[float, float]:
    """The point ``distance_km`` from (lat, lon) on initial bearing ``bearing_deg`` (0 north, 90 east).

    Spherical destination formula (radius EARTH_RADIUS_KM): within 0.5% of the ellipsoidal
    answer, far better than any distance a news report gives. Returns (lat, lon), 5 decimals.
    """
    d = distance_km / EARTH_RADIUS_KM
    th = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(th))
    l2 = l1 + math.atan2(math.sin(th) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round((math.degrees(l2) + 540) % 360 - 180, 5)


@dataclass(frozen=True)
class _Gov:
    name: str
    name_ne: str
    geom: object  # shapely Polygon, prepared
    label: tuple[float, float]


@lru_cache(maxsize=4)
def _governorates(geojson: Path = GEOJSON_PATH) -> tuple[_Gov, ...]:
    import shapely
    from shapely.geometry import shape

    data = json.loads(Path(geojson).read_text(encoding="utf-8"))
    out = []
    for f in data["features"]:
        g = shape(f["geometry"])
        shapely.prepare(g)
        p = f["properties"]
        out.append(_Gov(p["name"], p["name_ne"], g, (float(p["label_lat"]), float(p["label_lon"]))))
    return tuple(out)


def admin1_at(lat: float, lon: float, geojson: Path = GEOJSON_PATH) -> str | None:
    """The governorate (geojson ``name``) whose polygon holds (lat, lon), or None outside them all."""
    from shapely.geometry import Point

    pt = Point(lon, lat)
    for g in _governorates(geojson):
        if g.geom.covers(pt):
            return g.name
    return None


def nearest_admin1(lat: float, lon: float, max_km: float = NEAREST_ADMIN1_MAX_KM,
                   geojson: Path = GEOJSON_PATH) -> str | None:
    """admin1_at, or else the governorate whose border is nearest and within ``max_km`` (approximate km)."""
    inside = admin1_at(lat, lon, geojson)
    if inside:
        return inside
    from shapely.geometry import Point

    pt = Point(lon, lat)
    km_per_deg = 111.2 * max(math.cos(math.radians(lat)), 0.5)  # conservative: longitudes shrink
    best = min(_governorates(geojson), key=lambda g: g.geom.distance(pt))
    return best.name if best.geom.distance(pt) * km_per_deg <= max_km else None


def snap_into(lat: float, lon: float, admin1: str, inset_km: float = 3.0) -> tuple[float, float]:
    """(lat, lon) if it lies in governorate ``admin1``, else the nearest point of that governorate's
    polygon moved ``inset_km`` towards its label point, so that an offset which overshoots a border
    ("120 km northwest of Mosul" ends in Syria) is still drawn inside the governorate it was assigned."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    gov = _governorate_by_name(admin1)
    pt = Point(lon, lat)
    if gov.geom.covers(pt):
        return lat, lon
    edge = nearest_points(gov.geom, pt)[0]
    lab_lat, lab_lon = gov.label
    dist = haversine_km(edge.y, edge.x, lab_lat, lab_lon)
    f = min(1.0, inset_km / dist) if dist > 0 else 0.0
    return edge.y + (lab_lat - edge.y) * f, edge.x + (lab_lon - edge.x) * f


def _governorate_by_name(name: str) -> _Gov:
    canon = canonical_governorate(name)
    for g in _governorates():
        if g.name == canon:
            return g
    raise KeyError(f"not a governorate of Iraq: {name!r}")


def governorate_centroid(name: str) -> tuple[float, float]:
    """A governorate in any known spelling in, its label point (lat, lon) out (inside its polygon).

    Natural Earth's label point, not the geometric centroid, so that it always falls inside.
    Raises KeyError for a name that is not a governorate.
    """
    return _governorate_by_name(name).label


def governorate_part(name: str, bearing_deg: float) -> tuple[float, float]:
    """A point in the ``bearing_deg`` half of a governorate ("southern Diyala"), as (lat, lon)."""
    from shapely.geometry import Polygon

    g = _governorate_by_name(name)
    lat, lon = g.label
    th = math.radians(bearing_deg)
    vx, vy = math.sin(th), math.cos(th)  # direction in (lon, lat)
    px, py = -vy, vx
    big = 20.0
    half = Polygon([
        (lon + px * big, lat + py * big), (lon + px * big + vx * big, lat + py * big + vy * big),
        (lon - px * big + vx * big, lat - py * big + vy * big), (lon - px * big, lat - py * big),
    ])
    part = g.geom.intersection(half)
    if part.is_empty:
        return g.label
    pt = part.representative_point()
    return round(pt.y, 5), round(pt.x, 5)


# --- governorate names -------------------------------------------------------------------

_GOV_SUFFIX = re.compile(r"\s+(?:governorate|province|muhafazat)$", re.I)


@lru_cache(maxsize=1)
def _governorate_keys() -> dict[str, str]:
    out: dict[str, str] = {}
    for g in _governorates():
        for spelling in (g.name, g.name_ne):
            out[_gov_key(spelling)] = g.name
    try:
        places = load_gazetteer(PLACES_PATH).places
    except GazetteerError:
        places = ()  # the geojson's own names still work
    for p in places:
        if p.kind == "governorate":
            for a in p.aliases:
                out.setdefault(_gov_key(a), p.name)
    return out


def _gov_key(name: str) -> str:
    name = _GOV_SUFFIX.sub("", fold(name).strip())
    words = _TOKEN.findall(name.lower())
    if len(words) > 1 and (words[0] in _ARTICLES or words[0] in _SUN_ARTICLES):
        words = words[1:]
    return "".join(words)


def canonical_governorate(name: str) -> str | None:
    """Any spelling of a governorate in ("Salaheddine", "Sala al-Din", "Ninewa", "At-Ta'mim",
    "Al Anbar", "Thi-Qar", "Dahuk", "Kirkuk Governorate"), its data/iraq_governorates.geojson
    ``name`` out; None when it names no governorate."""
    if not name or not name.strip():
        return None
    return _governorate_keys().get(_gov_key(name))


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

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place a spelling names (a city and its governorate may share one); () if none."""
        k = key(name)
        found = self._index.get(k, ())
        words = _TOKEN.findall(fold(name).lower())
        if not found and len(words) > 1 and (words[0] in _ARTICLES or words[0] in _SUN_ARTICLES):
            found = self._index.get("".join(words[1:]), ())
        return found

    def place(self, name: str) -> Place | None:
        """The place a spelling names, preferring a town over a governorate of the same name."""
        found = self.lookup(name)
        return sorted(found, key=lambda p: p.kind in ("governorate", "country"))[0] if found else None

    # matching

    def _matches(self, text: str) -> list[_Match]:
        toks = [(m.start(), m.end(), _fold_token(m.group())) for m in _TOKEN.finditer(text)]
        out: list[_Match] = []
        i = 0
        prefixes = self._prefixes
        while i < len(toks):
            tok = toks[i][2]
            if tok not in prefixes and tok not in _ARTICLES and tok not in _SUN_ARTICLES:
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

    # resolution

    def find_locations(self, text: str) -> list[Location]:
        """A text in (an article's analysis text), every place mention resolved, in text order.

        Relative phrases ("120 km northwest of Mosul") are one Location spanning the phrase.
        See the module docstring for the rules and precisions.
        """
        matches = self._matches(text)
        as_gov = self._governorate_reading(text, matches)
        out: list[Location] = []
        for j, m in enumerate(matches):
            if all(p.kind == "country" for p in m.candidates) and _IN_GROUP_NAME.search(text[max(0, m.start - 50):m.start]):
                continue  # part of a group's name, not a place
            if _ADJECTIVAL.match(text, m.end):
                continue  # "Iran-backed militias", "a Baghdad-based analyst": not where something happened
            loc = self._resolve(text, m, as_gov[j])
            if out and loc.start < out[-1].end:  # a prefix ("province of", "60 km south of") ran into the last place
                loc = _replace(loc, start=m.start)
            out.append(loc)
        return out

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
                                geo_precision=2, start=phrase_start, kind="relative")
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
                            geo_precision=2, start=phrase_start, kind="relative", bearing_deg=rel["bearing"])
        km = rel["km"] if rel["km"] is not None else NOMINAL_OFFSET_KM
        lat, lon = offset(place.latitude, place.longitude, km, rel["bearing"])
        admin1, country = place.admin1, place.country
        if place.country == "Iraq":
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
    if toks[i][2] in _ARTICLES:
        return bool(_JOIN_GAP.fullmatch(gap))
    return toks[i][2] in _SUN_ARTICLES and bool(_HYPHEN_GAP.fullmatch(gap))


def _looks_like_a_name(text: str, toks: list, first: int, last: int) -> bool:
    """Does a capitalised word other than a place cue stand right before or after tokens first..last?"""
    for j, gap_lo, gap_hi in ((first - 1, toks[first - 1][1] if first else 0, toks[first][0]),
                              (last + 1, toks[last][1], toks[last + 1][0] if last + 1 < len(toks) else 0)):
        if not 0 <= j < len(toks) or text[gap_lo:gap_hi] != " ":
            continue
        word = text[toks[j][0]:toks[j][1]]
        if word[0].isupper() and toks[j][2] not in _NAME_FRIENDS and toks[j][2] not in _ARTICLES:
            return True
    return False


@lru_cache(maxsize=65536)
def _fold_token(token: str) -> str:
    return token.lower() if token.isascii() else fold(token).lower()


def _replace(loc: Location, **changes) -> Location:
    from dataclasses import replace

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
    while words and words[-1] in ("the", "city", "town", "village", "district", "area", "of"):
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


_PLACE_COLUMNS = ("name", "aliases", "kind", "admin1", "admin2", "country", "latitude", "longitude", "source",
                  "geonameid")


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
        missing = [c for c in _PLACE_COLUMNS if c not in (reader.fieldnames or [])]
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
                column = _PLACE_COLUMNS.index("latitude") + 1
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
