"""Fields of one event clause: its place, its date, its counts and its ACLED type.

Pure functions over the article's located places (``places.geo.Location``, analysis offsets), date
mentions (``extract.dates.DateMention``) and count mentions (``extract.counts.CountMention``).
Place: first precise place after the trigger in the clause, else any in the clause, else in the
sentence, else earlier then later in the paragraph; features that span governorates take the
governorate the sentence states. Date: the clause's own, a fronted relative date, the sentence's.
Counts: summed per kind inside the clause.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from incidents.extract.counts import CountMention
from incidents.extract.dates import shift_after
from incidents.extract.spans import ByStart
from incidents.extract.types import VAC, Trigger

SAME_PERIOD = re.compile(r"\b(?:in|during|on|within|over) the same (?:day|week|month|period)\b|\bthat same (?:day|week)\b"
                         r"|\b(?:on|during) that (?:day|week)\b|\bat the same time\b", re.I)


def within(locations, lo: int, hi: int) -> list:
    """The Locations lying in [lo, hi), in order: by bisection for a ``spans.ByStart``, else a scan."""
    if isinstance(locations, ByStart):
        return locations.within(lo, hi)
    return [loc for loc in locations if lo <= loc.start and loc.end <= hi]


# the sentence says outright where the event was: "but the abduction took place in an area ... of the Daquq district"
_TOOK_PLACE = re.compile(r"\b(?:took place|taken place|occurred|happened)\b[^.;,]{0,70}$", re.I)


def place_for(locations, clause_abs: tuple[int, int], trig_abs: int, sent_abs: tuple[int, int],
              para_abs: tuple[int, int], text: str = ""):
    """The Location of an event: the place the sentence says it "took place" in, else the first precise
    place after the trigger in the clause, else any in the clause, else in the sentence, else earlier
    then later in the paragraph; None when none.

    In: all Locations of the article (analysis offsets), the spans to search and the analysis text.
    Precise = not a governorate/country-only place (geo_precision < 3) when one exists in the same stretch.
    """
    def inside(lo: int, hi: int):
        return within(locations, lo, hi)

    stated = [c for c in inside(*sent_abs) if c.kind != "country" and text
              and _TOOK_PLACE.search(text, max(sent_abs[0], c.start - 90), c.start)]
    if stated:
        return stated[0]

    def best(cands, prefer_after: int | None = None):
        cands = [c for c in cands if c.kind != "country"] or cands
        if not cands:
            return None
        if prefer_after is not None:
            after = [c for c in cands if c.start >= prefer_after]
            if after:
                precise = [c for c in after if c.geo_precision < 3]
                return (precise or after)[0]
        precise = [c for c in cands if c.geo_precision < 3]
        return (precise or cands)[0]

    for cands, pref in ((inside(*clause_abs), trig_abs), (inside(*sent_abs), trig_abs)):
        loc = best(cands, pref)
        if loc is not None:
            return loc
    earlier = [loc for loc in inside(para_abs[0], sent_abs[0])]
    if earlier:
        return best(list(reversed(earlier)))
    return best(inside(sent_abs[1], para_abs[1]))


# "between Diyala and Salahuddin", "on the border of Kirkuk and Salahaddin provinces", "the border area between ..."
_BORDER_BEFORE = re.compile(r"\b(?:between|borders?\s+(?:area\s+)?(?:of|between)|boundary\s+(?:of|between))\s+(?:the\s+)?$",
                            re.I)
_AND_GAP = re.compile(r"\s*(?:provinces?|governorates?)?\s*(?:and|&)\s+(?:the\s+)?")


def on_governorate_border(locations, loc, text: str) -> bool:
    """Is ``loc`` a governorate named with another as the border between them ("in a rural area between Diyala and
    Salahuddin provinces", "a valley located on the border of Kirkuk and Salahaddin provinces")? The event is in
    neither for sure: its place says little, and another mention's place in either governorate is not another place.
    In: the article's Locations, the chosen Location and the analysis text."""
    if loc is None or loc.kind != "governorate":
        return False
    near = within(locations, max(0, loc.start - 80), loc.end + 80)
    for a, b in zip(near, near[1:], strict=False):
        if (loc in (a, b) and a.kind == b.kind == "governorate" and a.admin1 != b.admin1
                and _AND_GAP.fullmatch(text, a.end, b.start) and _BORDER_BEFORE.search(text, max(0, a.start - 30), a.start)):
            return True
    return False


def in_stated_governorate(loc, locations, lo: int, hi: int):
    """A feature that spans governorates (mountains, valleys, deserts) takes the governorate the
    sentence states: "In Diyala, ... the Hamrin mountains" is in Diyala though the gazetteer's point of
    the range lies in Kirkuk; else the one the article puts the feature in elsewhere ("Hamrin mountain of
    Diyala governorate"), or that of the town the sentence puts it by ("Himreen ... north of Baquba").
    Towns keep their own governorate. In/out: a Location (or None)."""
    if loc is None or loc.kind != "feature":
        return loc
    stated = ([x for x in within(locations, lo, hi) if x.kind == "governorate"] or _feature_said_in(loc, locations)
              or _town_by_feature(loc, locations))
    if stated and stated[0].admin1 and stated[0].admin1 != loc.admin1:
        return replace(loc, admin1=stated[0].admin1, admin2="")
    return loc


FEATURE_OF_REACH = 40   # "Hamrin mountain of Diyala governorate": the governorate follows the feature this closely


TOWN_KINDS = ("town", "village", "district", "near")   # "near Tuz Khurmatu"; not "100 km north of Baghdad"
TOWN_BY_FEATURE_REACH = 60   # "Himreen mountain range in the north of the provincial capital Baquba"


def _town_by_feature(loc, locations) -> list:
    """The town the sentence puts the feature by, right after it ("Himreen mountain range in the north of
    the provincial capital Baquba", "the Hamrin mountains near Tuz Khurmatu"): [that town's Location], or []."""
    after = within(locations, loc.end, loc.end + TOWN_BY_FEATURE_REACH + 40)   # the town starts within the reach
    return [x for x in after if x.start <= loc.end + TOWN_BY_FEATURE_REACH and x.kind in TOWN_KINDS
            and x.country == loc.country][:1]


def _feature_said_in(loc, locations) -> list:
    """The governorate the article puts the same feature in elsewhere ("the Hamrin mountain of Diyala
    governorate", "Hamrin, in Diyala", "Himreen ... north of Baquba"): [that governorate's or town's Location],
    or [] (first such, text order)."""
    for other in locations:
        if other.kind != "feature" or other.place != loc.place or other.start == loc.start:
            continue
        after = [x for x in within(locations, other.end, other.end + FEATURE_OF_REACH) if x.kind == "governorate"]
        if after or (after := _town_by_feature(other, locations)):
            return after[:1]
    return []


def home_country(locations) -> str:
    """The country an article is about, for events it gives no place: Iraq when it names any place
    in Iraq (or none at all), else the country its places name most often (ties: first named)."""
    countries = [loc.country for loc in locations if loc.country]
    if not countries or "Iraq" in countries:
        return "Iraq"
    return max(dict.fromkeys(countries), key=countries.count)


def counts_in(counts: list[CountMention], lo: int, hi: int) -> dict[str, tuple[int, int, int | None]]:
    """Sum the counts of each kind whose span lies in [lo, hi) (clause-relative or absolute alike)."""
    out: dict[str, tuple[int, int, int | None]] = {}
    for c in counts:
        if not (lo <= c.start < hi):
            continue
        low, best, high = out.get(c.kind, (0, 0, 0))
        out[c.kind] = (low + c.low, best + c.best, None if (high is None or c.high is None) else high + c.high)
    return out


HISTORY_DAYS = 365   # a date that ends this long before publication is background, not news


def usable(d) -> bool:
    """A date mention that can date an event: resolved, not future, with an ACLED precision (day/week/month)."""
    return bool(d.date_start) and not getattr(d, "future", False) and d.time_precision is not None


# "It came a day after ...", "The attack comes two days after ...": the subject is the event told before
_CAME = re.compile(r"\b(?:it|this|that|the\s+(?:\w+\s+){0,2}?(?:attack|assault|ambush|bombing|blast|explosion|"
                   r"strikes?|raid|killing|kidnapping|abduction|incident|operation|clashes))\s+"
                   r"(?:came|comes|follows|followed|happened|occurred|took place)\s+(?:just\s+|only\s+|about\s+)?$", re.I)


def told_after(text: str, sdates: list) -> list:
    """"It came a day after IS killed nine police in Kirkuk": the event the sentence tells is the one
    after "after", a day *before* the event told before it, so the offset turns (before <-> after).

    In: the analysis text and (start, end, DateMention) tuples with absolute offsets. Out: the same
    tuples, with ``relative_to_event`` negated where the subject before the mention is the event before.
    """
    out = []
    for s, e, d in sdates:
        if d.relative_to_event and _CAME.search(text[max(0, s - 60):s]):
            d = replace(d, relative_to_event=-d.relative_to_event)
        out.append((s, e, d))
    return out


def resolve_relative(sdates: list, last_window, published: date | None) -> list:
    """Resolve a sentence's relative date mentions; out: (start, end, mention, is_relative) tuples.

    "in the same week" takes the article's last dated window; "two days after <event> on Thursday"
    takes the dated mention that follows it in the sentence, and "Two days earlier, ..." with none
    the article's last dated window (``dates.shift_after``).
    """
    out = []
    for s, e, d in sdates:
        if d.relative_to_event is None:
            out.append((s, e, d, False))
            continue
        if getattr(d, "relative_unit", "day") == "week" or SAME_PERIOD.search(d.surface):
            ref = last_window
        else:
            # "two days after the bombing on Thursday": the date that follows in the sentence;
            # "Two days earlier, ...": the event told just before
            ref = next((x[2] for x in sdates if x[0] > s and usable(x[2]) and x[2].relative_to_event is None),
                       last_window)
        out.append((s, e, shift_after(d, ref, published) if ref is not None else d, True))
    return out


def pick_dated(sdates, lo: int, hi: int):
    """The date of a clause spanning [lo, hi) (absolute offsets) with where it is written: the chosen
    (start, end, mention, is_relative) of the sentence's resolved mentions, or None when it has none.

    Order: a date of its own in the clause; a relative date outside the clause ("Two days after the
    bombing on Thursday, forces arrested ..." dates the arrests); a relative date inside it ("in the
    same week"); any date of the sentence.
    """
    ok = [x for x in sdates if usable(x[2])]
    for pick in (
        [x for x in ok if lo <= x[0] < hi and not x[3]],
        [x for x in ok if not (lo <= x[0] < hi) and x[3]],
        [x for x in ok if lo <= x[0] < hi and x[3]],
        [x for x in ok if not x[3]],
    ):
        if pick:
            return pick[0]
    return None


def pick_date(sdates, lo: int, hi: int):
    """The DateMention of :func:`pick_dated`, or None."""
    found = pick_dated(sdates, lo, hi)
    return found[2] if found else None


def type_for(trig: Trigger, actor1: str, actor2: str) -> tuple[str, str]:
    """ACLED event_type/sub_event_type from the primary trigger and the actors.

    A clash or killing whose target is civilians is Violence against civilians / Attack; a killing by
    state forces of ISIS members is a Battle (armed clash) unless the trigger names the means.
    """
    etype, stype = trig.event_type, trig.sub_event_type
    if trig.family in ("clash", "kill") and actor2.startswith("Civilians"):
        return VAC, "Attack"
    return etype, stype
