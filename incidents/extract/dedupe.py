"""The same incident told twice, in one article or in several, becomes one row.

``dedupe(rows) -> list[dict]`` merges candidate rows (from ``pipeline.extract_article``, in article
order) that describe one event:

- type: two articles need both rows dated and the same sub_event_type, or both dated, one kind of
  event and the same toll (``same_toll_told_twice``), or both dated to one day at the same town, one kind
  of attack by the same named attacker with deaths told differently (``same_deadly_day_at_one_town``), or,
  with one undated, the same town and the same
  toll (``same_place_and_toll``), or both dated at most a day apart with the same sub-event type,
  attacker and target, in one governorate, with deaths told differently (``same_attack_told_twice``:
  early and revised tolls), or both name the same distinctive place however spelled, one kind of event
  in one governorate (``same_story_told_twice``: "Kolajo" and "Kulajo"), or both undated but reported
  within a day of each other with the same toll of three or more (``same_toll_reported_together``), or
  one undated, published at most two days after the other's day, with the same toll of three or more in one
  governorate (``same_toll_one_undated``), or both dated at most a day apart with the same sub-event type, attacker and
  target, one placed in a governorate and one only in the country, tolls close (``same_attack_placed_by_country``),
  or both dated at most a day apart at the same place, of one event family, attacker and target, told as two
  sub-event types (``same_deed_at_one_place``); a dated row placed at a town or district that is one incident
  with several merged rows of other articles in its governorate joins them all (``_bridge``: early and revised
  tolls that only a third report ties together);
  never (two articles), whatever else agrees: an undated report that names a weekday other than a dated row's
  day or the day before it (``weekdays_disagree``), or days of the month none of which is within a day of the
  dated row's (``month_days_disagree_with_date``), or whose article was published before the dated row's day
  (a day's slack) or more than ``NEWS_DAYS`` after it (``published_rules_out``);
  inside one article, ``linking`` has decided which body rows are one
  event and only a headline row still merges here (it lends its fields to a body row it matches);
- places: same country and governorate (or one side unknown) and, when both are town or near-town
  precise, at most ``MAX_KM`` (two articles) or ``SAME_ARTICLE_KM`` (one article) apart, or
  ``TWO_TOWNS_KM`` when both name a precise place (geo_precision 1), or the same location name;
- dates: the windows overlap, or (one article) either side is undated;
- counts: killed ranges do not contradict;
- actors: initiators on the same side (state vs armed group); two different named Iraqi branches
  (JOC and Air Force) are two operations, while the coalition may support an Iraqi branch.

Merging keeps the most precise value of every field (lowest geo_precision, a dated and finer
window, an exact count over a range, a named branch over a generic actor, the more specific event
type when told by the same actor), lists every article in ``source_articles`` ("; "-joined, in
first-seen order) and keeps the first body span as provenance (headline rows only lend fields, and
a headline count replaces only a vague one). ``event_id`` = "IIM" + 12 hex of
sha256("article_id:span_start:span_end") of the kept span: stable across rebuilds of the same
articles (an earlier article that starts telling the same event moves the kept span; analyst
corrections keyed to the old id are then reported as orphans, never lost silently).
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_right
from datetime import date, timedelta

from incidents.extract import actors as A
from incidents.extract.story_names import row_names
from incidents.extract.told_days import told_month_days, told_weekdays
from incidents.places.boundaries import governorate_centroid
from incidents.places.geo import NOMINAL_OFFSET_KM, drawn_bearing, part_bearing
from incidents.places.sphere import haversine_km, initial_bearing, offset
from incidents.places.two_governorates import other_governorates
from incidents.schema import ISLAMIC_STATE

MAX_KM = 30.0          # two articles: the same incident is placed at most this far apart
SAME_ARTICLE_KM = 75.0  # one article: "near Mosul" and "Qayyara, 60 km south of Mosul" are one attack
REGION_SIDE_DEG = 67.5  # "northern X": a place at most this far round from north, seen from X's middle, is in it
REGION_MIDDLE_KM = 20.0  # ... or one this near X's middle, where every part meets
DRAWN_REACH_KM = 60.0   # "north of Baghdad": a place up to this far from Baghdad that way may be meant
DRAWN_SIDE_DEG = 45.0   # ... seen from Baghdad at most this far round from north
TWO_TOWNS_KM = 15.0     # two differently named places, both precise: one event only if this close
_GENERIC_ACTORS = {A.ARMY, A.UNIDENTIFIED, ""}
_LOOSE_FAMILIES = {"kill", "operation", "clash"}
OPERATION_FAMILIES = frozenset({"arrest", "disrupted", "disrupted_suicide", "operation"})
TOLL_DAYS_APART = 1    # two articles, one toll: their dates may differ by this many days


def event_id(article_id: str, span_start: int, span_end: int) -> str:
    """Stable id of an incident: "IIM" + first 12 hex of sha256(f"{article_id}:{span_start}:{span_end}")."""
    digest = hashlib.sha256(f"{article_id}:{span_start}:{span_end}".encode()).hexdigest()
    return "IIM" + digest[:12]


def km_apart(a: dict, b: dict) -> float | None:
    try:
        lat1, lon1, lat2, lon2 = (float(a["latitude"]), float(a["longitude"]), float(b["latitude"]), float(b["longitude"]))
    except (TypeError, ValueError):
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def on_region_side(a: dict, b: dict) -> bool:
    """Two rows in one governorate, one placed at a part of it (``_region``): may the other's place lie in that
    part? Always for "central X" or two parts; for "northern Kirkuk" the other place must lie within
    ``REGION_SIDE_DEG`` of the part's bearing seen from the governorate's middle, or within ``REGION_MIDDLE_KM`` of
    the middle, so a town at the other end is another place. True too when a point or the governorate is unknown."""
    region, other = (a, b) if a.get("_region") else (b, a)
    bearing = part_bearing(str(region.get("location") or ""))
    if other.get("_region") or bearing is None:
        return True
    try:
        mid = governorate_centroid(str(region.get("admin1") or ""))
        there = (float(other["latitude"]), float(other["longitude"]))
    except (KeyError, TypeError, ValueError):
        return True
    if haversine_km(*mid, *there) <= REGION_MIDDLE_KM:
        return True
    turn = abs(bearing - initial_bearing(*mid, *there)) % 360.0
    return min(turn, 360.0 - turn) <= REGION_SIDE_DEG


def event_window(row: dict) -> tuple[date, date] | None:
    """(first day, last day) of the row's date window, or None when it is undated."""
    if not row.get("date_start") or not row.get("date_end"):
        return None
    return date.fromisoformat(str(row["date_start"])), date.fromisoformat(str(row["date_end"]))


def _types_compatible(a: dict, b: dict) -> bool:
    if a["sub_event_type"] == b["sub_event_type"]:
        return True
    fa, fb = a.get("_family", ""), b.get("_family", "")
    return fa in _LOOSE_FAMILIES and fb not in ("arrest",) or fb in _LOOSE_FAMILIES and fa not in ("arrest",)


def _places_compatible(a: dict, b: dict) -> bool:
    if a.get("_weak_place") or b.get("_weak_place"):
        return True   # a dateline's city says where the report was filed, not where the event was
    if a["country"] and b["country"] and a["country"] != b["country"]:
        return False
    if other_governorates(a, b):
        return False
    if a["location"] and a["location"] == b["location"]:
        return True
    pa, pb = a.get("geo_precision") or 3, b.get("geo_precision") or 3
    if (a.get("_region") or b.get("_region")) and a.get("admin1") and a.get("admin1") == b.get("admin1"):
        # "central Salaheddin": any place in it; "northern Kirkuk" told by another outlet: its northern half (one
        # article's lead may name the part loosely: there any place in the governorate fits)
        return a.get("article_id") == b.get("article_id") or on_region_side(a, b)
    if int(pa) < 3 and int(pb) < 3:
        km = km_apart(a, b)
        limit = SAME_ARTICLE_KM if a.get("article_id") == b.get("article_id") else MAX_KM
        if int(pa) == 1 and int(pb) == 1 and not (a.get("_title") or b.get("_title")):
            limit = min(limit, TWO_TOWNS_KM)   # a headline names the best-known town near the event   # Daquq and Hawija are two places, not one told vaguely
        if km is not None and km > limit and not (_drawn_toward(a, b) or _drawn_toward(b, a)):
            return False
    return True


def _drawn_toward(drawn: dict, other: dict) -> bool:
    """Is ``drawn`` placed only by a direction from a town ("north of Baghdad", drawn ``NOMINAL_OFFSET_KM`` out)
    and ``other`` a place that way from the town, within ``DRAWN_REACH_KM`` ("Tarmiyah", 40 km north)? The
    drawn point is a guess of the distance, so the place is as likely as the point."""
    bearing = drawn_bearing(str(drawn.get("location") or ""))
    if bearing is None:
        return False
    try:
        lat, lon = float(drawn["latitude"]), float(drawn["longitude"])
        there = (float(other["latitude"]), float(other["longitude"]))
    except (KeyError, TypeError, ValueError):
        return False
    town = offset(lat, lon, NOMINAL_OFFSET_KM, (bearing + 180.0) % 360.0)
    turn = abs(bearing - initial_bearing(*town, *there)) % 360.0
    return haversine_km(*town, *there) <= DRAWN_REACH_KM and min(turn, 360.0 - turn) <= DRAWN_SIDE_DEG


def dates_compatible(a: dict, b: dict) -> bool:
    wa, wb = event_window(a), event_window(b)
    if wa is None or wb is None:
        return True
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def count_range(row: dict, prefix: str = "fatalities") -> tuple[int, int | None] | None:
    if row.get(prefix) in ("", None):
        return None
    low = int(row.get(f"{prefix}_low") or row[prefix])
    high = row.get(f"{prefix}_high")
    return low, (int(high) if high not in ("", None) else None)


def counts_compatible(a: dict, b: dict) -> bool:
    ra, rb = count_range(a), count_range(b)
    if ra is None or rb is None:
        return True
    (la, ha), (lb, hb) = ra, rb
    return la <= (hb if hb is not None else 10**9) and lb <= (ha if ha is not None else 10**9)


def _side(actor: str) -> str:
    """"state" (inter 1, 8), "armed group" (inter 2, 3 except unidentified), or "" (unknown)."""
    if not actor or actor.startswith("Unidentified"):
        return ""
    code = A.inter_code(actor)
    if code in (1, 8):
        return "state"
    if code in (2, 3, 4):
        return "armed group"
    return ""


def _same_side(a: dict, b: dict) -> bool:
    """Both rows' initiators are on one known side ("state": the army and its air force)."""
    side = _side(str(a.get("actor1") or ""))
    return bool(side) and side == _side(str(b.get("actor1") or ""))


def actors_compatible(a: dict, b: dict) -> bool:
    """Initiators on the same side; two different named Iraqi branches are two operations (the
    coalition supports Iraqi operations, so coalition + an Iraqi branch may be one)."""
    a1, b1 = a.get("actor1", ""), b.get("actor1", "")
    sa, sb = _side(a1), _side(b1)
    if sa and sb and sa != sb:
        return False
    named = a1 not in _GENERIC_ACTORS and b1 not in _GENERIC_ACTORS
    return not (named and a1 != b1 and A.inter_code(a1) == 1 and A.inter_code(b1) == 1)


def victims_compatible(a: dict, b: dict) -> bool:
    """The targets (actor2) do not contradict: either is unknown, or both are civilians, or neither is (four
    civilians killed in a village raid and four soldiers killed at a checkpoint are two attacks)."""
    va, vb = str(a.get("actor2") or ""), str(b.get("actor2") or "")
    if not va or not vb:
        return True
    return va.startswith("Civilians") == vb.startswith("Civilians")


def same_incident(a: dict, b: dict) -> bool:
    """True when rows ``a`` and ``b`` can be one incident (see the module docstring)."""
    if b.get("_continues") and a.get("article_id") == b.get("article_id") and 0 <= int(b.get("_paragraph", 0)) - int(
            a.get("_paragraph", 0)) <= 1 and not (b.get("_own_place") and not _places_compatible(a, b)):
        return True
    if a.get("article_id") != b.get("article_id"):
        if weekdays_disagree(a, b) or month_days_disagree_with_date(a, b) or published_rules_out(a, b):
            return False
        if same_story_told_twice(a, b):
            return True
        # two articles: only dated rows can be proven to be one event, of the same sub-event type or
        # of one kind with the same toll (one outlet's "attack" is another's "clash")
        if event_window(a) is None or event_window(b) is None:
            return (same_place_and_toll(a, b) or same_deadly_attack_at_one_town(a, b)
                    or same_toll_reported_together(a, b) or same_toll_one_undated(a, b))
        # the same toll of one kind on one day in one governorate, whatever sub-event types and places the outlets give
        if same_toll_told_twice(a, b):
            return True
        if a["sub_event_type"] != b["sub_event_type"]:
            return same_deadly_day_at_one_town(a, b) or same_deed_at_one_place(a, b)
        if same_attack_told_twice(a, b) or same_attack_placed_by_country(a, b):
            return True
    return (_types_compatible(a, b) and _places_compatible(a, b) and dates_compatible(a, b)
            and counts_compatible(a, b) and actors_compatible(a, b))


def weekdays_disagree(a: dict, b: dict) -> bool:
    """One row undated but naming exactly one weekday, the other dated to a single day that is neither that
    weekday nor the day after it (a night attack is "Thursday night" in one report and "early Friday" in another):
    two events, however alike ("stormed an army convoy on Thursday evening" is not Tuesday's ambush in one town)."""
    for undated, dated in ((a, b), (b, a)):
        told, window = told_weekdays(undated), event_window(dated)
        if event_window(undated) is None and len(told) == 1 and window is not None and window[0] == window[1]:
            (day,) = told
            return window[0].weekday() not in (day, (day + 1) % 7)
    return False


def month_days_disagree_with_date(a: dict, b: dict) -> bool:
    """One row undated but naming days of the month ("on Saturday (May 13)"), the other dated to a window of at
    most ``TOLD_WINDOW_DAYS`` none of whose days (with a day's slack either side) is one of them: two events,
    whatever the year ("killing two Peshmerga ... on Saturday (May 13)" is not an attack of 17 November)."""
    for undated, dated in ((a, b), (b, a)):
        window = event_window(dated)
        if event_window(undated) is not None or window is None or (window[1] - window[0]).days > TOLD_WINDOW_DAYS:
            continue
        told = told_month_days(undated)
        if not told:
            continue
        days = range((window[1] - window[0]).days + 3)
        near = {((d := window[0] + timedelta(days=k - 1)).month, d.day) for k in days}
        return not told & near
    return False


TOLD_WINDOW_DAYS = 40   # a longer window (a season, a year) says too little to rule a told day out
NEWS_DAYS = 31   # an undated report tells an event of at most this many days before its publication


def published_rules_out(a: dict, b: dict) -> bool:
    """One row undated, its article published on a known day, the other dated after the day after it or more than
    ``NEWS_DAYS`` before it: not the event the report tells (a 2021 report of three killed in Tarmiyah is not
    a bomb there in December 2022). Both undated, their articles published more than ``NEWS_DAYS`` apart: two
    events (a bomber killed in Tarmiyah in a 2019 report is not a 2021 report's raid there)."""
    for undated, dated in ((a, b), (b, a)):
        day, window = _report_day(undated), event_window(dated)
        if event_window(undated) is None and day is not None and window is not None:
            return (window[0] - day).days > 1 or (day - window[1]).days > NEWS_DAYS   # a day's slack: time zones
    days = _report_day(a), _report_day(b)
    if event_window(a) is None and event_window(b) is None and None not in days:
        return abs((days[0] - days[1]).days) > NEWS_DAYS   # both told in the month before their (distant) reports
    return False


def event_group(row: dict) -> str:
    """"operation" (arrests, seizures, searches), "air" (air and drone strikes) or "attack" (the rest)."""
    family = row.get("_family", "")
    return "operation" if family in OPERATION_FAMILIES else "air" if family == "air" else "attack"


def _one_governorate(a: dict, b: dict) -> bool:
    """Both rows name the same governorate of the same country."""
    return bool(a["admin1"]) and a["admin1"] == b["admin1"] and a["country"] == b["country"]


def days_apart_at_most(a: dict, b: dict, days: int) -> bool:
    """Both rows dated, their windows at most ``days`` apart (overlapping windows are 0 apart)."""
    wa, wb = event_window(a), event_window(b)
    return wa is not None and wb is not None and (wa[0] - wb[1]).days <= days and (wb[0] - wa[1]).days <= days


def same_toll_told_twice(a: dict, b: dict) -> bool:
    """Two articles' rows of one kind ("attack", "air", "operation") that give the same killed count
    (at least one), in the same governorate, dated at most ``TOLL_DAYS_APART`` apart (a night attack is
    "Saturday night" in one report and "pre-dawn Sunday" in another), with initiators on one side."""
    ta, tb = a.get("fatalities"), b.get("fatalities")
    if event_group(a) != event_group(b) or ta in ("", None) or tb in ("", None) or int(ta) != int(tb) or int(ta) < 1:
        return False
    return _one_governorate(a, b) and days_apart_at_most(a, b, TOLL_DAYS_APART) and actors_compatible(a, b)


def same_attack_told_twice(a: dict, b: dict) -> bool:
    """Two articles' dated rows of the same sub-event type, by the same named attacker on the same
    named target (one report may name its branch: :func:`same_force`), in one governorate and at compatible places, at most ``TOLL_DAYS_APART`` apart, both
    with deaths: one attack whose toll the reports give differently (early and revised counts:
    "two officers killed" Saturday night, "three soldiers killed" on Sunday)."""
    if not _one_governorate(a, b):
        return False
    if not (a.get("actor1") and a.get("actor1") == b.get("actor1") and same_force(a.get("actor2"), b.get("actor2"))):
        return False
    ta, tb = a.get("fatalities"), b.get("fatalities")
    if ta in ("", None) or tb in ("", None) or int(ta) < 1 or int(tb) < 1:
        return False
    return days_apart_at_most(a, b, TOLL_DAYS_APART) and _places_compatible(a, b)


def _same_named_sides(a: dict, b: dict) -> bool:
    """Both rows name the same attacker (not a generic one) and the same force or people attacked (one report may
    name its branch: :func:`same_force`)."""
    return (a.get("actor1") not in _GENERIC_ACTORS and a.get("actor1") == b.get("actor1")
            and same_force(a.get("actor2"), b.get("actor2")))


def same_attack_placed_by_country(a: dict, b: dict) -> bool:
    """Two articles' dated rows of the same sub-event type, one placed in a governorate and the other only in
    the country ("in rural northern Iraq"), by the same named attacker on the same force, at most
    ``TOLL_DAYS_APART`` apart, with deaths that stay close (:func:`tolls_close`): one attack, which one report
    placed no nearer than the country (13 police killed at a checkpoint "in northern Iraq" on Saturday night, 16
    killed at Al-Rashad, Kirkuk, on Sunday)."""
    if a["country"] != b["country"] or bool(a.get("admin1")) == bool(b.get("admin1")):
        return False
    return (_same_named_sides(a, b) and days_apart_at_most(a, b, TOLL_DAYS_APART) and tolls_close(a, b)
            and event_group(a) == event_group(b))


def same_deed_at_one_place(a: dict, b: dict) -> bool:
    """Two articles' dated rows at most a day apart at the same place (the same location, one governorate), of one
    event family told as two sub-event types ("an abduction" in one report, "an attack ... a villager kidnapped"
    in another), by the same named attacker on the same target, with counts that do not contradict: one event."""
    if not (a.get("location") and a["location"] == b["location"] and _one_governorate(a, b)):
        return False
    return (a.get("_family") == b.get("_family") and _same_named_sides(a, b)
            and days_apart_at_most(a, b, 1) and counts_compatible(a, b))


def same_force(x: str | None, y: str | None) -> bool:
    """Two named actors that are one force, one of them perhaps naming its branch ("Police Forces of Iraq"
    and "Police Forces of Iraq: Federal Police"); False when either is unnamed."""
    x, y = str(x or ""), str(y or "")
    return bool(x and y) and (x == y or x.startswith(y + ":") or y.startswith(x + ":"))


def same_deadly_day_at_one_town(a: dict, b: dict) -> bool:
    """Two articles' rows dated to the same day (day precision), at the same named town (both precise),
    of one kind of event ("attack": one outlet's "attack on a village" is another's "clash with the
    Peshmerga"), by the same named attacker, both with deaths however counted (early and revised tolls:
    "ten killed", "at least 12 killed"): one attack told twice. A generic attacker is not enough."""
    wa, wb = event_window(a), event_window(b)
    if wa is None or wa != wb or wa[0] != wa[1]:
        return False
    precise = str(a.get("geo_precision")) == "1" and str(b.get("geo_precision")) == "1"
    if not (precise and a["location"] and a["location"] == b["location"] and a["country"] == b["country"]):
        return False
    named = a.get("actor1") not in _GENERIC_ACTORS and a.get("actor1") == b.get("actor1")
    return (named and event_group(a) == event_group(b) == "attack" and _toll(a) is not None
            and _toll(b) is not None)


def same_story_told_twice(a: dict, b: dict) -> bool:
    """Two articles' rows that name the same distinctive place (``story_names``: "Kolajo" and
    "Kulajo"), of one kind of event, in one country and governorate (or one side unplaced or placed by a dateline
    only), with initiators on one side and killed counts that do not contradict, dated at most
    ``TOLL_DAYS_APART`` apart; with one or both undated, they must also give the same killed count (at
    least one) or share two such names ("in Kulajo, south of Kifri in Garmian"), on targets that agree. Both dated to single days (at
    most a day apart) or sharing two names, with targets that agree, tolls that differ but stay close
    (:func:`tolls_close`) are one attack's early and revised counts."""
    shared = row_names(a) & row_names(b)
    if not shared or event_group(a) != event_group(b):
        return False
    if a["country"] != b["country"]:
        return False
    weak = a.get("_weak_place") or b.get("_weak_place")
    if other_governorates(a, b) and not weak:
        return False
    if not actors_compatible(a, b):
        return False
    wa, wb = event_window(a), event_window(b)
    dated = wa is not None and wb is not None
    if dated and not days_apart_at_most(a, b, TOLL_DAYS_APART):
        return False
    one_day = dated and wa[0] == wa[1] and wb[0] == wb[1]   # a week's window says too little
    if not (counts_compatible(a, b) or ((one_day or len(shared) >= 2) and tolls_close(a, b)
                                        and victims_compatible(a, b))):
        return False
    if not dated and not victims_compatible(a, b):
        return False   # undated, only the town and toll tie them: civilians and policemen killed there are two attacks
    toll_a, toll_b = _toll(a), _toll(b)
    same_toll = toll_a is not None and toll_a == toll_b and (toll_a >= TELLING_TOLL or not (undatable(a) or undatable(b)))
    return dated or same_toll or len(shared) >= 2


TELLING_TOLL = 5   # a toll this large at one town is rare enough to tell an undatable report's incident


def undatable(row: dict) -> bool:
    """Nothing dates the row's report: no event window, no publication day, not even a weekday ("early this
    morning" in an article saved without its date). Such a report joins another article's row on a town and a
    toll only when it shares two place names with it or the toll is at least ``TELLING_TOLL``: one name and three
    killed fit every year's attacks there."""
    return event_window(row) is None and not row.get("_published") and not told_weekdays(row)


def tolls_close(a: dict, b: dict) -> bool:
    """Both rows give deaths and the larger toll is at most twice the smaller: an early and a revised count
    of one attack ("six killed" in one report, "four civilians and a soldier" in another), not two attacks."""
    ta, tb = _toll(a), _toll(b)
    return ta is not None and tb is not None and 2 * min(ta, tb) >= max(ta, tb)


REPORT_DAYS_APART = 1   # two undated reports of one event are published at most this many days apart
REPORTED_TOLL = 3       # ... and give the same toll of at least this many (fewer killed is too common a toll)


def _report_day(row: dict) -> date | None:
    """The day the row's article was published (``_published``), or None."""
    day = row.get("_published")
    return date.fromisoformat(str(day)) if day else None


def same_toll_reported_together(a: dict, b: dict) -> bool:
    """Two articles' rows, both undated, published at most ``REPORT_DAYS_APART`` apart, that give the same
    killed count (at least ``REPORTED_TOLL``) for one kind of event in one governorate (or one side placed
    in the country only), initiators on one side: one event two outlets reported without its day ("Iraqi
    forces killed nine IS commanders ... Baghdad announced Tuesday"), on targets that do not contradict."""
    if event_window(a) is not None or event_window(b) is not None:
        return False
    da, db = _report_day(a), _report_day(b)
    ta, tb = _toll(a), _toll(b)
    if da is None or db is None or abs((da - db).days) > REPORT_DAYS_APART or ta is None or ta != tb or ta < REPORTED_TOLL:
        return False
    if a["country"] != b["country"] or (other_governorates(a, b)):
        return False
    return event_group(a) == event_group(b) and actors_compatible(a, b) and victims_compatible(a, b)


REPORT_LAG_DAYS = 2   # an undated report of an event is published at most this many days after its last day


def same_toll_one_undated(a: dict, b: dict) -> bool:
    """Two articles' rows, one dated and one not, in one governorate, that give the same killed count (at least
    ``REPORTED_TOLL``) for one kind of event, initiators on one side and targets that do not contradict, the
    undated one's article published on the other's day or at most ``REPORT_LAG_DAYS`` after it: one event that
    one outlet dated and another told without its day ("nine policemen killed on Sunday southwest of Kirkuk";
    "gunmen ... killing nine, police sources said", published on Monday). An undated row whose article gives no
    publication day joins nothing this way: nothing would tell which year's attack it is."""
    wa, wb = event_window(a), event_window(b)
    if (wa is None) == (wb is None) or not _one_governorate(a, b):
        return False
    window, published = (wa, _report_day(b)) if wb is None else (wb, _report_day(a))
    if published is None or not 0 <= (published - window[0]).days <= (window[1] - window[0]).days + REPORT_LAG_DAYS:
        return False
    ta, tb = _toll(a), _toll(b)
    if ta is None or ta != tb or ta < REPORTED_TOLL:
        return False
    return event_group(a) == event_group(b) and actors_compatible(a, b) and victims_compatible(a, b)


def same_place_and_toll(a: dict, b: dict) -> bool:
    """Two articles' rows, one undated, that name the same town (both precise) and give the same killed
    count (at least one) for the same kind of event: one incident ("3 soldiers killed in Tarmiyah" told
    by an outlet that prints no date), on targets that do not contradict (:func:`victims_compatible`). Anything
    vaguer stays two rows (the later flagged "may repeat")."""
    ta, tb = a.get("fatalities"), b.get("fatalities")
    if ta in ("", None) or tb in ("", None) or int(ta) != int(tb) or int(ta) < 1:
        return False
    if (undatable(a) or undatable(b)) and int(ta) < TELLING_TOLL:
        return False   # nothing dates the report, not even a weekday: which year's toll at that town is it?
    precise = str(a.get("geo_precision")) == "1" and str(b.get("geo_precision")) == "1"
    return (precise and bool(a["location"]) and a["location"] == b["location"] and a["country"] == b["country"]
            and event_group(a) == event_group(b) and actors_compatible(a, b) and victims_compatible(a, b))


def _anchored(row: dict) -> bool:
    """The row has an event window or its article a publication day: something puts it in a year."""
    return event_window(row) is not None or bool(row.get("_published"))


def same_deadly_attack_at_one_town(a: dict, b: dict) -> bool:
    """Two articles' rows, one undated, at (or near) the same town in one governorate (a mountain range that
    one report puts in Kirkuk and another in Diyala is two places), of the same sub-event type, by the same
    named attacker on the same target, both with deaths: one attack whose toll the reports give
    differently ("three civilians killed" in an early, undated report; "at least 12 dead" a day later).
    A generic attacker ("Unidentified Armed Group", the army by default) is not enough to tell, nor are two reports
    of which neither has an event day or a publication day (a weekday alone names no year); a report that nothing
    dates (:func:`undatable`) may tell fewer dead than the dated one (an early toll), not many more."""
    if _toll(a) is None or _toll(b) is None or not (_anchored(a) or _anchored(b)):
        return False   # nothing puts either report in a year: four killed at Daquq in one, one in the other
    for vague, other in ((a, b), (b, a)):
        if undatable(vague) and event_window(other) is not None and _toll(vague) > _toll(other) and not tolls_close(a, b):
            return False   # an early report tells fewer dead, not more: four killed is not the dated attack's one
    precise = str(a.get("geo_precision")) in ("1", "2") and str(b.get("geo_precision")) in ("1", "2")
    same_actors = a.get("actor1") not in _GENERIC_ACTORS and a.get("actor1") == b.get("actor1") and bool(
        a.get("actor2")) and a.get("actor2") == b.get("actor2")
    return (precise and bool(a["location"]) and a["location"] == b["location"] and _one_governorate(a, b)
            and a["sub_event_type"] == b["sub_event_type"] and same_actors)


def _better_count(a: dict, b: dict, prefix: str) -> bool:
    """True when b's count is more informative than a's: known over unknown, exact over a range."""
    ra, rb = count_range(a, prefix) if prefix == "fatalities" else None, None
    if prefix != "fatalities":
        return a.get(prefix) in ("", None) and b.get(prefix) not in ("", None)
    rb = count_range(b, prefix)
    if rb is None:
        return False
    if ra is None:
        return True
    exact_a = ra[1] is not None and ra[0] == ra[1]
    exact_b = rb[1] is not None and rb[0] == rb[1]
    return exact_b and not exact_a


def _merge_place(keep: dict, other: dict, out: dict) -> None:
    """The more precise place of two rows into ``out``; any place the text gives beats a dateline's, and a point
    drawn from a town ("25 km west of Kirkuk") beats the town itself (it says where near the town the event was)."""
    pk, po = keep.get("geo_precision") or 9, other.get("geo_precision") or 9
    if keep.get("_weak_place") and str(other.get("geo_precision") or "") and not other.get("_weak_place"):
        pk = 9
    if other.get("_weak_place") and str(keep.get("geo_precision") or "") and not keep.get("_weak_place"):
        po = 9   # a weakly held place (a dateline's, a governorate border) never moves a place of the text's own
    if _drawn_from(keep, other):
        return
    if int(po) < int(pk):
        for k in ("country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "iso"):
            out[k] = other[k]
        out["_weak_place"] = other.get("_weak_place", False)
        out["_border_place"] = other.get("_border_place", False)


_DRAWN = re.compile(r"^(?:[\d.]+ km )?(?:north|south|east|west)[\w-]* of (?P<town>.+)$")


def _drawn_from(keep: dict, other: dict) -> bool:
    """``keep`` is placed at a point drawn from the town ``other`` is placed at ("25 km west of Kirkuk" / "Kirkuk")."""
    m = _DRAWN.match(str(keep.get("location") or ""))
    return bool(m) and m.group("town") == other.get("location") and keep.get("admin1") == other.get("admin1")


def merge(a: dict, b: dict) -> dict:
    """One row from two rows of the same incident; ``a`` is the earlier (its span is kept unless it is a title).

    Fields as the module docstring says; the field spans follow the fields they came from (inside one
    article; spans into another article are not kept), and the row remembers how many mentions and
    whether its killed count came from a headline (``_mentions``, ``_count_from_title``)."""
    keep, other = (b, a) if a.get("_title") and not b.get("_title") else (a, b)
    out = _merge_fields(keep, other)
    _merge_provenance(keep, other, out)
    return out


def _merge_provenance(keep: dict, other: dict, out: dict) -> None:
    """Field spans and evidence flags of a merged row (``out`` is updated; see :func:`merge`)."""
    def took(*cols: str) -> bool:
        return any(str(out.get(c, "")) == str(other.get(c, "")) != str(keep.get(c, "")) for c in cols)

    if keep.get("article_id") == other.get("article_id"):
        if took("location", "latitude"):
            out["place_span"] = other.get("place_span", "")
        if took("date_start", "date_end"):
            out["date_span"] = other.get("date_span", "")
        out["_count_span_index"] = index = _span_index(keep).union(_span_index(other))
        out["count_spans"] = index.text()
    out["_count_from_title"] = bool(keep.get("_count_from_title")) or (
        bool(other.get("_title")) and took("fatalities"))
    out["_mentions"] = int(keep.get("_mentions") or 1) + int(other.get("_mentions") or 1)


class _SpanIndex:
    """A row's count spans ("12:15" texts) in order of start, kept on merged rows so that folding the
    thousandth mention of one event into its row costs a copy, not a sort of every span again."""

    def __init__(self, spans) -> None:
        unique = sorted(set(spans), key=lambda x: (int(x.split(":")[0]), x))
        self.starts = [int(x.split(":")[0]) for x in unique]
        self.spans = unique
        self.seen = set(unique)

    def union(self, other: _SpanIndex) -> _SpanIndex:
        """A new index holding the spans of both (``self`` and ``other`` unchanged)."""
        out = _SpanIndex(())
        out.starts, out.spans, out.seen = list(self.starts), list(self.spans), set(self.seen)
        for start, span in zip(other.starts, other.spans, strict=True):
            if span not in out.seen:
                i = bisect_right(out.starts, start)
                out.starts.insert(i, start)
                out.spans.insert(i, span)
                out.seen.add(span)
        return out

    def text(self) -> str:
        """The spans as the ``count_spans`` cell writes them: "12:15;40:47"."""
        return ";".join(self.spans)

    def __eq__(self, other: object) -> bool:   # rows compare by value, their cached index too
        return isinstance(other, _SpanIndex) and self.spans == other.spans

    __hash__ = None


def _span_index(row: dict) -> _SpanIndex:
    """The row's count spans indexed (the index a merge left on it, else read from ``count_spans``)."""
    index = row.get("_count_span_index")
    if index is None:
        index = _SpanIndex(x for x in str(row.get("count_spans") or "").split(";") if x)
    return index


_MEANS = frozenset({"air", "shelling", "ied", "suicide", "grenade"})   # families that name how an event was done


def _merge_fields(keep: dict, other: dict) -> dict:
    """The fields of the merged row (see :func:`merge`); ``keep`` is the row whose span is kept."""
    out = dict(keep)
    out["_unclaimed"] = bool(keep.get("_unclaimed") or other.get("_unclaimed"))
    if other.get("_continues") and other.get("article_id") == keep.get("article_id"):
        # "The shells were fired from the direction of the Hamrin range": a continuation tells more
        # about the event (counts it adds), never moves it; another article's report is a report of its own
        for k in ("wounded", "arrested"):
            if _better_count(keep, other, k):
                out[k] = other[k]
        if _better_count(keep, other, "fatalities"):
            for k in ("fatalities", "fatalities_low", "fatalities_high"):
                out[k] = other[k]
        return out
    _merge_place(keep, other, out)
    # date: dated over undated, then finer precision
    wk, wo = event_window(keep), event_window(other)
    if wo is not None and (wk is None or (other["time_precision"] or 9) < (keep["time_precision"] or 9)):
        for k in ("event_date", "date_start", "date_end", "time_precision", "year"):
            out[k] = other[k]
    # counts (a headline's "Kills Three" never replaces the body's "at least three")
    title_only = other.get("_title") and count_range(keep) is not None and not keep.get("_fat_vague")
    if _better_count(keep, other, "fatalities") and not title_only:
        for k in ("fatalities", "fatalities_low", "fatalities_high"):
            out[k] = other[k]
    for k in ("wounded", "arrested"):
        if _better_count(keep, other, k):
            out[k] = other[k]
    # type: the more specific trigger
    if (other.get("_priority", 0) > keep.get("_priority", 0) and not keep.get("_continues")
            and (keep.get("actor1") == other.get("actor1") or keep.get("actor1") in _GENERIC_ACTORS
                 or keep.get("_title") or (other.get("_family") in _MEANS and _same_side(keep, other)))):
        for k in ("event_type", "sub_event_type", "disorder_type", "_family", "_priority"):
            out[k] = other[k]
    # actors: a named branch over a generic one
    for k, ik in (("actor1", "inter1"), ("actor2", "inter2")):
        if k == "actor1" and out["_unclaimed"]:
            continue   # nobody claimed the attack: another mention's default initiator does not name it
        if keep[k] in _GENERIC_ACTORS and other[k] not in _GENERIC_ACTORS and other[k] != out.get(
                "actor2" if k == "actor1" else "actor1"):
            out[k], out[ik] = other[k], other[ik]
    if out["actor1"] == ISLAMIC_STATE and out["actor2"] == ISLAMIC_STATE:
        out["actor2"], out["inter2"] = "", ""
    ids = [x for x in str(keep["source_articles"]).split("; ") if x]
    for x in str(other["source_articles"]).split("; "):
        if x and x not in ids:
            ids.append(x)
    out["source_articles"] = "; ".join(ids)
    sources = [x for x in str(keep.get("source") or "").split("; ") if x]
    for x in str(other.get("source") or "").split("; "):
        if x and x not in sources:
            sources.append(x)
    out["source"] = "; ".join(sources)
    out["_title"] = keep.get("_title") and other.get("_title")
    out["_continues"] = False
    return out


def lend_titles(rows: list[dict]) -> list[dict]:
    """The body rows of one article, each headline row merged into the first body row it matches (a
    headline lends its fields and never stands alone: unmatched headline rows are dropped)."""
    titles = [r for r in rows if r.get("_title")]
    out = []
    for row in rows:
        if row.get("_title"):
            continue
        for t in list(titles):
            if same_incident(t, row):
                row = merge(t, row)
                titles.remove(t)
        out.append(row)
    return out


def _toll(row: dict) -> int | None:
    """The killed count that ``same_place_and_toll`` compares and ``same_deadly_attack_at_one_town`` needs
    (None when it has none of at least one)."""
    try:
        value = int(row.get("fatalities"))
    except (TypeError, ValueError):
        return None
    return value if value >= 1 else None


def _attack_key(row: dict) -> tuple:
    """What ``same_deadly_attack_at_one_town`` needs equal: place, country, sub-event type, both actors."""
    return row["location"], row["country"], row.get("sub_event_type"), row.get("actor1"), row.get("actor2")


def _name_keys(row: dict) -> list[tuple]:
    """What ``same_story_told_twice`` needs shared when a row is undated: (name, event group, killed
    count) for each story name, and (name, name, event group) for each pair of them (dated rows meet by
    day, as for the other tests)."""
    names, group, toll = sorted(row_names(row)), event_group(row), _toll(row)
    keys: list[tuple] = [(n, group, toll) for n in names] if toll is not None else []
    keys.extend((x, y, group) for k, x in enumerate(names) for y in names[k + 1:])
    return keys


def _report_keys(row: dict, margin: int) -> list[tuple]:
    """What ``same_toll_reported_together`` needs shared by an undated row with a toll: (report day,
    event group, killed) for each day within ``margin`` of its article's publication; [] otherwise."""
    day, toll = _report_day(row), _toll(row)
    if event_window(row) is not None or day is None or toll is None or toll < REPORTED_TOLL:
        return []
    group = event_group(row)
    return [(day.toordinal() + d, group, toll) for d in range(-margin, margin + 1)]


def _region_toll_key(row: dict) -> tuple | None:
    """What ``same_toll_one_undated`` needs shared: (governorate, country, event group, killed), for a row with
    a governorate and a toll of at least ``REPORTED_TOLL``; None otherwise."""
    toll = _toll(row)
    if not row.get("admin1") or toll is None or toll < REPORTED_TOLL:
        return None
    return row["admin1"], row["country"], event_group(row), toll


class _Pools:
    """Where dedupe looks for the incident a row of another article may tell again, as narrow as the
    tests of ``same_incident`` allow and never wider than before (rows placed at the row's location,
    and dated rows of its kind: event group and country):

    - when either row is undated, only ``same_place_and_toll`` can join them (the same location and
      the same killed count, so rows are also kept by (location, country, toll)) or
      ``same_deadly_attack_at_one_town`` (rows with deaths kept by location, country, sub-event type
      and attacker);
    - ``same_toll_reported_together`` joins undated rows of the same kind and toll reported within
      ``REPORT_DAYS_APART`` (rows are kept by ``_report_keys``);
    - ``same_story_told_twice`` joins an undated row only on a shared story name with the same toll,
      or on two shared names (rows are kept by ``_name_keys``);
    - two dated rows must be at most ``TOLL_DAYS_APART`` apart (both of its tests for them need it),
      so dated rows are also kept by day: the kind's rows near the row's days, not ten years of them.
    """

    def __init__(self) -> None:
        self.by_place: dict[tuple, set[int]] = {}    # (location, country) -> rows placed there
        self.by_toll: dict[tuple, set[int]] = {}     # (location, country, killed) -> rows placed there with it
        self.by_attack: dict[tuple, set[int]] = {}   # _attack_key -> deadly rows of that attack kind there
        self.kinds: dict[int, set[tuple]] = {}       # row -> every (event group, country) it was dated under
        self.by_day: dict[int, list[int]] = {}       # day ordinal -> rows dated within margin of it
        self.by_name: dict[tuple, set[int]] = {}     # _name_keys -> rows whose evidence names them
        self.by_report: dict[tuple, set[int]] = {}   # (report day, event group, killed) -> undated rows
        self.by_region_toll: dict[tuple, set[int]] = {}  # _region_toll_key -> rows of that kind and toll there

    def add(self, row: dict, i: int) -> None:
        """Remember merged row ``i`` under its place, toll and story names and, when dated, its kind and days."""
        for name_key in _name_keys(row):
            self.by_name.setdefault(name_key, set()).add(i)
        for report_key in _report_keys(row, 0):
            self.by_report.setdefault(report_key, set()).add(i)
        if (region_key := _region_toll_key(row)) is not None:
            self.by_region_toll.setdefault(region_key, set()).add(i)
        if row.get("location"):
            self.by_place.setdefault((row["location"], row["country"]), set()).add(i)
            toll = _toll(row)
            if toll is not None:
                self.by_toll.setdefault((row["location"], row["country"], toll), set()).add(i)
                self.by_attack.setdefault(_attack_key(row), set()).add(i)
        window = event_window(row)
        if window is None:
            return
        self.kinds.setdefault(i, set()).add((event_group(row), row["country"]))
        margin = max(TOLL_DAYS_APART, 0)
        for day in range(window[0].toordinal() - margin, window[1].toordinal() + margin + 1):
            rows = self.by_day.setdefault(day, [])
            if not rows or rows[-1] != i:
                rows.append(i)

    def pool(self, row: dict) -> set[int]:
        """The merged rows ``row`` may be one incident with (a superset of those it is one with)."""
        place = (row.get("location"), row["country"])
        toll = _toll(row)
        found = set(self.by_toll.get((*place, toll), ())) if toll is not None and row.get("location") else set()
        if toll is not None and row.get("location"):
            found.update(self.by_attack.get(_attack_key(row), ()))
        for name_key in _name_keys(row):
            found.update(self.by_name.get(name_key, ()))
        for report_key in _report_keys(row, REPORT_DAYS_APART):
            found.update(self.by_report.get(report_key, ()))
        if (region_key := _region_toll_key(row)) is not None:
            found.update(self.by_region_toll.get(region_key, ()))
        window = event_window(row)
        if window is None:
            return found
        kind, placed = (event_group(row), row["country"]), self.by_place.get(place, ())
        for day in range(window[0].toordinal(), window[1].toordinal() + 1):
            found.update(i for i in self.by_day.get(day, ()) if kind in self.kinds[i] or i in placed)
        return found


def dedupe(rows: list[dict], prior: list[dict] | tuple = ()) -> list[dict]:
    """Merge rows of the same incident (module docstring); headline rows only lend; event_id set.

    In: candidate rows in article order (articles in build order), each article's body rows already
    linked (``linking.link_article``), and optionally ``prior``: incidents already merged from earlier
    articles (rows as stored, ``incidents.dataset.prior``), which the new rows may join. Out: merged
    rows, the prior ones first (a prior row left alone is the same object), then the new ones in
    first-seen order; new rows get their ``event_id``, prior rows keep theirs (they keep their span).
    """
    articles: dict[str, list[dict]] = {}
    for row in rows:
        articles.setdefault(str(row.get("article_id")), []).append(row)
    merged: list[dict | None] = list(prior)
    pools = _Pools()
    for i, row in enumerate(merged):
        pools.add(row, i)
    folded: dict[int, list[dict]] = {}   # merged row -> the rows _bridge folded into it
    for article_rows in articles.values():
        own: set[int] = set()
        for row in lend_titles(article_rows):
            targets = matching(merged, folded, pools.pool(row) - own, row)
            if not targets:
                merged.append(dict(row))
                target = len(merged) - 1
            else:
                target = targets[0]
                merged[target] = merge(merged[target], row)
                for other in _bridge(merged, target, row, targets[1:], len(prior)):
                    folded.setdefault(target, []).append(other)
                    pools.add(other, target)   # a later report of a folded row's place still finds it
            own.add(target)
            pools.add(merged[target], target)
    merged = _join_late([m for m in merged if m is not None], len(prior))
    for m in merged[len(prior):]:
        m["event_id"] = event_id(str(m["article_id"]), int(m["span_start"]), int(m["span_end"]))
    return merged


def matching(merged: list[dict | None], folded: dict[int, list[dict]], pool: set[int], row: dict) -> list[int]:
    """The indices in ``pool`` (ascending) of the merged rows ``row`` is one incident with: the merged row itself,
    or one of the rows ``folded`` into it (a report that fits only one of the rows a bridge joined still joins
    them: the merged row took the other's fields)."""
    return [i for i in sorted(pool) if merged[i] is not None and (
        same_incident(merged[i], row) or any(same_incident(f, row) for f in folded.get(i, ())))]


def _bridge(merged: list[dict | None], target: int, row: dict, others: list[int], first_new: int) -> list[dict]:
    """A row that is one incident with several merged rows of other articles joins them all: an early toll
    of 10 in one report and 12 in another stay two rows until a third report matches both ("13 killed ... on
    Thursday" at the same village). In: ``merged``, the index ``target`` that ``row`` was just merged into, and
    ``others``, the later indices ``row`` also matched. Out: the rows folded into ``merged[target]`` (each left
    as None in ``merged``). Only a dated row placed at a town or district of a governorate bridges (an undated
    report, or "13 police killed in Iraq", fits two attacks as well as one); only rows of that governorate whose
    places fit the target's are folded; a stored row (index below ``first_new``) is only joined into, never
    folded, and rows that share an article never join (linking kept them apart)."""
    if event_window(row) is None or not _placed_in_a_town(row):
        return []
    folded = []
    for j in others:
        other = merged[j]
        if (other is None or j < first_new or _articles_of(other) & _articles_of(merged[target])
                or other.get("admin1") != row["admin1"] or not _places_compatible(merged[target], other)):
            continue
        merged[target] = merge(merged[target], other)   # others come after target: the kept span stays the earliest
        merged[j] = None
        folded.append(other)
    return folded


def _placed_in_a_town(row: dict) -> bool:
    """True when ``row`` names its governorate and a place in it finer than the governorate (precision 1 or 2)."""
    return bool(row.get("admin1")) and str(row.get("geo_precision")) in ("1", "2")


def _articles_of(row: dict) -> set[str]:
    """The articles a merged row tells (``source_articles``, else its own ``article_id``)."""
    return {x for x in str(row.get("source_articles") or row.get("article_id") or "").split("; ") if x}


def _join_late(merged: list[dict], start: int) -> list[dict]:
    """A second look, once: a new row (from index ``start``) that only became one incident with an earlier
    row after the first pass lent one of them another article's fields (an undated report dated by a
    third) joins it now. Rows that share an article never join (linking kept them apart); rows before
    ``start`` (the store's, in ``add``) are only joined into, never moved: two stored rows that a new
    article would now join stay two until the next build."""
    out: list[dict] = merged[:start]
    pools = _Pools()
    for i, row in enumerate(out):
        pools.add(row, i)
    for row in merged[start:]:
        told = _articles_of(row)
        target = next((i for i in sorted(pools.pool(row)) if not told & _articles_of(out[i])
                       and same_incident(out[i], row)), None)
        if target is None:
            out.append(row)
            target = len(out) - 1
        else:
            out[target] = merge(out[target], row)
        pools.add(out[target], target)
    return out
