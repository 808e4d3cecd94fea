"""Document-level linking: which event mentions of one article tell the same event.

``link_article(rows) -> (events, decisions)`` takes the candidate rows of one article in text order
(``pipeline.extract_article``) and folds every body row into the event it continues, or opens a new
event. Each pair it weighs gets an explicit :class:`LinkDecision` with the reason, so a developer (and
the review reasons of the row) can see why two sentences became one incident or stayed two.

A body row joins the latest event it is compatible with (an event is the merge of the rows folded so
far). Compatible, in this order:

1. a new event is announced ("Meanwhile", "In another attack", "Separately", "Elsewhere", a fronted "Hours
   before the army was targeted," / "Days later,": a time told against the other event) -> different;
2. the row has a place of its own that cannot be the event's: another governorate, two different
   named towns farther apart than ``dedupe.TWO_TOWNS_KM``, or places farther apart than
   ``dedupe.SAME_ARTICLE_KM`` when one is only near a town ("near Mosul" and "Qayyara, 60 km south
   of Mosul" can be one attack), or two different places (more than ``ONE_PLACE_KM`` apart: "near
   Makhmour" is Makhmour) for two kinds of event -> different;
   a place inside the event's governorate or inside the part of it the event names ("eastern Diyala",
   "south of Kirkuk province"), a dateline's city or no place at all are compatible;
3. both dated and the windows do not overlap -> different ("another date"), or, with either undated (no
   publication year), both quotes name days of the month and share none ("another day told"), except when one is dated only by
   the day of a claim ("ISIS yesterday claimed ...": the other's own day dates the event), or an abduction and the
   killing of its captives a few days later ("kidnapped on Thursday ... executed on Friday"): one event,
   typed and dated by the killing (``_captives_killed``);
4. one is an arrest, seizure or search and the other an attack or clash, and the row has a place
   of its own -> different ("another kind of event"); without a place of its own it continues
   the operation ("They detained nine suspects and killed two others");
5. otherwise the same event, with the reason: "continues the event before" (anaphor or no place of
   its own), "restates the lead" (same or contained place).

Counts that differ between restatements (an update "the toll rose to 16", or two sources) do not keep
two mentions apart inside one article: merging keeps what both statements support ("at least three"
and "seven": 7), lets a smaller count beside an "at least" one give way ("among the dead"), and keeps
the range of conflicting ones with the update's or the lead's as the best value (``merge_counts``). Headline rows (``_title``) are left to ``dedupe``, which
lets them lend fields to the body event they match. Rows keep INCIDENT_COLUMNS plus private keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from incidents.extract import dedupe as D
from incidents.extract.told_days import month_days_disagree
from incidents.extract.vocab import alternation
from incidents.places.two_governorates import other_governorates

# one of several events told in turn: "The first incident took place in ...", "soon after the first attack,
# targeted another post"
IN_TURN = re.compile(r"^\W*the (?:first|second|third|latter) (?:incident|attack|assault|ambush|one)\b"
                     r"|^\W*(?:a|the) (?:second|third|fourth|fifth) (?:\w+ )?(?:onslaught|raid|bombing|explosion|blast"
                     r"|incident|attack|assault|ambush)\b"
                     r"|^\W*one of the (?:attacks|incidents|assaults|ambushes|bombings|raids|explosions)\b"
                     r"|\b(?:after|following) the (?:first|previous|earlier) (?:attack|incident|assault|ambush)\b"
                     r"|\b(?:targeted|attacked|struck|hit|stormed|ambushed) another\b", re.I)
_EVENT_NOUN = alternation("event_nouns.txt")
# the sentence announces an event other than the one told before
SEPARATE = re.compile(
    r"^\W*(?:meanwhile|in the meantime|separately|elsewhere|in (?:an)?other (?:\w+ )?(?:incident|attack|development|"
    r"operation|village|area|town|district|province|governorate)|in a (?:separate|second|third|similar|related|later)\b"
    r"|on the other hand|in addition to that|also on\b"
    # the agencies' "Also in the province, IS militants fired two mortar rounds ...": another event there
    r"|also in (?:the )?(?:same )?(?:province|governorate|region|area|district|city|country)\b"
    r"|(?:(?:a\s+)?(?:mere|just|only|barely)\s+)?(?:(?:a|an|one|two|three|four|five|six|seven|\d+|several|a few|the)\s+)?"
    r"(?:hours?|days?|weeks?|night)\s+(?:before|earlier|prior to|after|later)\b"
    r"|(?:in|during|on|within) the same (?:day|week|month|period)\b|at the same time\b)"
    # inside the sentence: "three policemen were killed in a separate attack at a checkpoint"
    r"|\bin a separate (?:[\w-]+\s+)?(?:attack|incident|bombing|ambush|explosion|blast|clash|operation|raid|strike)\b"
    r"|\b(?:two|three|four|several|\d+) (?:separate|different|distinct) (?:attacks|incidents|operations|strikes)\b"
    # inside the sentence: "... two ambushes elsewhere in Anbar", "News of the attack came two days after ..."
    r"|\bcoincid(?:ed|es|ing) with (?:an?|another)\b"   # "the attack coincided with an explosion targeting a vehicle"
    # an earlier event named as what this one follows: "This strike follows a Sunday ambush in Kirkuk that left nine
    # ... dead", "It follows an attack on an army base on Friday in which 11 soldiers were killed"
    # ("... follows the ambush on Sunday", "It comes after Sunday's ambush", "... came after two ambushes")
    r"|^\W*(?:this|that|it|the)\s+(?:[\w-]+\s+){0,2}?(?:follows|followed|comes\s+after|came\s+after)\s+"
    r"(?:an?|another|the|last|\w+day['’]s|two|three|several|\d+)\s+(?:[\w-]+\s+){0,3}?" + _EVENT_NOUN + r"(?:e?s)?\b"
    r"|\belsewhere in\b|\b(?:comes|came|happened|occurred|took place)\s+(?:\w+\s+){0,2}(?:days?|hours?|weeks?)\s+(?:after|before)\b"
    r"|" + IN_TURN.pattern, re.I)
# a later sentence that updates the count of the event: its figure is the best one
TOLL_UPDATE = re.compile(
    r"\b(?:toll|number of (?:the )?(?:dead|deaths|victims|fatalities|casualties|those killed|\w+ killed)|casualties|dead)\b"
    r"[^.;]{0,40}?\b(?:rose|risen|rises|climbed|increased|jumped|reached|went up|has grown|grew)\b"
    r"|\bbringing (?:the )?(?:total|number|toll|death toll)\b|\braising the (?:death )?toll\b", re.I)
# a lead that sums up several operations over the country ("captured 26 suspects in security swoops across Iraq")
ROUNDUP = re.compile(
    r"\b(?:across|throughout|all over|in (?:several|various|multiple|different|a number of))\s+(?:the\s+)?"
    r"(?:Iraq|the country|country|(?:\w+\s+)?(?:provinces|governorates|regions|areas|cities))\b", re.I)
# attacks summed up over two or more governorates: "killed in attacks by ISIS in Kirkuk and Diyala provinces"
TWO_PROVINCES = re.compile(
    r"\b(?:attacks|operations|raids|strikes|airstrikes|clashes|bombings|assaults|ambushes)\b[^.;]{0,80}?"
    r"\b(?:in|across|of)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}?"
    r"(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}?)*,?\s+(?:and|&)\s+[A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}?"
    r"\s+(?:provinces|governorates)\b"
    # "... attacks have taken place in the provinces of Anbar, Baghdad, Diyala and Kirkuk"
    r"|\b(?:attacks|operations|raids|strikes|airstrikes|clashes|bombings|assaults|ambushes)\b[^.;]{0,80}?"
    r"\b(?:provinces|governorates) of\s+[A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}?"
    r"(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}?)*,?\s+(?:and|&)\s+[A-Z]"
    # "... were killed in the attacks in Kifri and Kulajo": attacks, in the plural, at two named places
    r"|\b(?:attacks|bombings|assaults|ambushes)\s+in\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+(?:and|&)\s+"
    r"(?:the\s+)?[A-Z][\w'’-]*\b(?!\s+(?:province|governorate)\b)")
# "north of Baghdad" (a point 25 km out) or "60 km north of Baghdad": a drawn point whose governorate is a guess
# a sentence that tells several attacks at once: "carried out two attacks on the Iraqi army in Diyala"
SEVERAL_EVENTS = re.compile(r"\b(?:two|three|four|five|several|multiple|\d+) (?:\w+ )?"
                            r"(?:attacks|assaults|ambushes|bombings|incidents|raids)\b"
                            r"|\b(?:a (?:series|wave|string) of |(?:overnight|simultaneous|coordinated|separate) )"
                            r"(?:\w+ ){0,2}(?:attacks|assaults|ambushes|bombings|raids)\b", re.I)
_DIRECTION_ONLY = re.compile(r"^(?:[\d.]+ km\s+)?(?:north|south|east|west)[\w-]*\s+of\s+\D+$", re.I)
ONE_PLACE_KM = 5.0    # two place mentions this close are one place ("near Makhmour", "Makhmour")
NEAR_PARAGRAPHS = 2   # a row with no place of its own continues an event told at most this many paragraphs before
_VIOLENT_FAMILIES = frozenset({"suicide", "ied", "grenade", "air", "shelling", "execution", "clash", "kill", "abduction"})


@dataclass(frozen=True)
class LinkDecision:
    """One pair weighed: the event (index into the article's events) and the row, same or not, and why."""

    event: int
    row_span: tuple[int, int]
    same: bool
    reason: str


def _place_decision(event: dict, row: dict) -> str | None:
    """Why the row's place cannot be the event's, or None when it can (module docstring, rule 2)."""
    if event["country"] and row["country"] and event["country"] != row["country"]:
        return "another country"
    if not row.get("_own_place") or row.get("_weak_place") or event.get("_weak_place") or not event["location"]:
        return None
    if (event.get("_region") or row.get("_region")) and not other_governorates(event, row):
        return None   # "eastern Diyala" is a part of the governorate, not a point: in one article any place inside fits
    if event["admin1"] and event["admin1"] == row["admin1"] and "3" in (
            str(event.get("geo_precision")), str(row.get("geo_precision"))):
        return None    # a governorate and a place inside it ("Salahudin province" / "north of Baiji")
    if _nominal(event) or _nominal(row):   # "north of Baghdad": a drawn point, its governorate a guess
        km = D.km_apart(event, row)
        return "another place" if km is not None and km > D.SAME_ARTICLE_KM else None
    if other_governorates(event, row):
        return "another governorate"
    if event["location"] == row["location"] or "3" in (str(event.get("geo_precision")), str(row.get("geo_precision"))):
        return None    # the same place, or a governorate and a place inside it
    if event.get("_sentence") is not None and event.get("_sentence") == row.get("_sentence") and event.get("_own_place"):
        return "another clause with a place of its own"   # the clause stage split them: two events
    km = D.km_apart(event, row)
    if km is not None and km <= ONE_PLACE_KM:
        return None    # "Makhmour" and "the vicinity of Makhmour": one place told twice
    both_towns = str(event.get("geo_precision")) == "1" and str(row.get("geo_precision")) == "1"
    limit = D.TWO_TOWNS_KM if both_towns and not row.get("_continues") else D.SAME_ARTICLE_KM
    if km is not None and km > limit:
        return "another place"
    if D.event_group(event) != D.event_group(row):
        return "another kind of event at another place"
    return None


def same_day(a: dict, b: dict) -> bool:
    """Both rows dated to one and the same day: a sentence far below an event that gives its day ("On Thursday, a
    30-man group attacked the community") tells that day's event, however many paragraphs lie between."""
    wa, wb = D.event_window(a), D.event_window(b)
    return wa is not None and wa == wb and wa[0] == wa[1]


def restates(event: dict, row: dict) -> bool:
    """The row tells again an event the lead summed up ("... while security forces captured nine IS militants in
    Salahudin" / "Separately, a force from Salahudin's Operations Command arrested nine IS militants"): a place that
    can be the event's, compatible dates, one kind of event, and the same killed or arrested count (at least two)."""
    if _place_decision(event, row) or not D.dates_compatible(event, row) or D.event_group(event) != D.event_group(row):
        return False
    return any(str(event.get(k) or "") == str(row.get(k) or "") and int(row.get(k) or 0) >= 2
               for k in ("fatalities", "arrested"))


def _nominal(row: dict) -> bool:
    """A place given as a direction from a town, with or without a distance ("north of Baghdad", "60 km north
    of Baghdad"): a point drawn from the town, so its governorate near a border is a guess."""
    return bool(_DIRECTION_ONLY.match(str(row.get("location", ""))))


# a sentence about "the attack" just told: "The attack killed at least six ..., including one who died of his wounds
# overnight" (the overnight death dates the sentence a day on, not another attack)
_THE_EVENT = re.compile(r"^\W*(?:the|this|that)\s+(?:[\w-]+\s+)?(?:attacks?|bombings?|blasts?|explosions?|ambush|"
                        r"assault|strikes?|raid|incident)\b", re.I)


def _the_event_a_day_on(event: dict, row: dict) -> bool:
    """``row`` names no place, opens with the event just told ("The attack killed ...") and is dated at most a
    day from it: the same event, its toll told with a later death."""
    return (not row.get("_own_place") and bool(_THE_EVENT.match(str(row.get("quote", ""))))
            and D.days_apart_at_most(event, row, 1))


def _another_arrest_count(event: dict, row: dict) -> bool:
    """Two arrests, each with its own place and its own count, the counts different ("Nine Islamic State members were
    arrested in an operation, west of Mosul" / "Nineveh police managed ... to arrest 20 IS members in Souq al-Maash"):
    two operations. A death toll is revised as the wounded die; a count of people arrested is not."""
    if event.get("_family") != "arrest" or row.get("_family") != "arrest" or not row.get("_own_place"):
        return False
    if row.get("_weak_place") or row.get("_continues"):
        return False
    ea, ra = event.get("arrested"), row.get("arrested")
    return ea not in ("", None) and ra not in ("", None) and int(ea) > 0 and int(ra) > 0 and int(ea) != int(ra)


def decide(event: dict, row: dict, main: bool = False) -> tuple[bool, str]:
    """(same event?, reason) for a body ``row`` against an ``event`` of the same article (module docstring).

    ``main``: the event is the article's first; a row with no place of its own may continue it however
    far below it comes, any other event only within ``NEAR_PARAGRAPHS``.
    """
    text = str(row.get("quote", ""))
    if SEPARATE.search(text):
        return False, "a new event is announced"
    why = _place_decision(event, row)
    if why:
        return False, why
    claimed = event.get("_claim_date") or row.get("_claim_date")   # the day of a claim, not of the event
    if (not D.dates_compatible(event, row) and _captives_killed(event, row) is None and not claimed
            and not _the_event_a_day_on(event, row)):
        return False, "another date"
    undated = D.event_window(event) is None or D.event_window(row) is None
    if undated and month_days_disagree(event, row) and _captives_killed(event, row) is None:
        return False, "another day told"   # no year to resolve them, but "August 9" is not "August 5"
    fe, fr = event.get("_family", ""), row.get("_family", "")
    kinds_differ = (fe in D.OPERATION_FAMILIES and fr in _VIOLENT_FAMILIES) or (
        fe in _VIOLENT_FAMILIES and fr in D.OPERATION_FAMILIES)
    if kinds_differ and row.get("_own_place") and not row.get("_weak_place") and not row.get("_continues"):
        return False, "another kind of event"
    if _another_arrest_count(event, row):
        return False, "arrests of another count, at a place of its own"
    if not row.get("_own_place") or row.get("_continues"):
        far = int(row.get("_paragraph", 0)) - int(event.get("_paragraph", 0)) > NEAR_PARAGRAPHS
        if far and not main and not same_day(event, row):
            return False, "far from the event, no place of its own"
        return True, "continues the event before"
    if fe != fr and not D.actors_compatible(event, row):
        return False, "another initiator, with a place of its own"
    return True, "restates the event (compatible place)"


def combined_range(ra: tuple[int, int | None], rb: tuple[int, int | None]) -> tuple[tuple[int, int | None], str]:
    """The killed range two restatements of one event support, and which statements it keeps.

    In: two (low, high) ranges, high None for "at least low". Out: ((low, high), keep), keep one of
    "both" (the statements agree: their common part, "at least three" and "seven" -> 7..7), "a" or "b"
    (a smaller count beside an "at least" one is a part of the toll, "at least 30 killed ... eight women
    were among the dead": the open count stands), or "hull" (the statements conflict, 5 and 9: the range
    of both).
    """
    (la, ha), (lb, hb) = ra, rb
    lo = max(la, lb)
    tops = [h for h in (ha, hb) if h is not None]
    hi = min(tops) if tops else None
    if hi is None or lo <= hi:
        return (lo, hi), "both"
    if ha is None and hb is not None and hb < la:
        return ra, "a"
    if hb is None and ha is not None and ha < lb:
        return rb, "b"
    highs = None if len(tops) < 2 else max(tops)
    return (min(la, lb), highs), "hull"


def merge_counts(event: dict, row: dict, merged: dict) -> dict:
    """Counts of two restatements of one event (:func:`combined_range`): statements that agree give
    their common part; a smaller count beside an "at least" one gives way to it; conflicting ones keep
    the range of both, with the update's count as the best value when the row updates the toll ("the
    death toll rose to 16"), else the one told first (the lead's). Wounded and arrested: the update's,
    else the first told."""
    ra, rb = D.count_range(event), D.count_range(row)
    update = bool(TOLL_UPDATE.search(str(row.get("quote", ""))))
    if ra is not None and rb is not None and ra != rb:
        (low, high), keep = combined_range(ra, rb)
        merged["fatalities_low"], merged["fatalities_high"] = low, high if high is not None else ""
        if keep == "hull":
            merged["fatalities"] = int(row["fatalities"]) if update else int(event["fatalities"])
        else:
            merged["fatalities"] = low if keep == "both" else int((event if keep == "a" else row)["fatalities"])
    for k in ("wounded", "arrested"):
        if update and row.get(k) not in ("", None):
            merged[k] = row[k]
    return merged


def choose_event(events: list[dict], row: dict, decisions: list[LinkDecision]) -> int | None:
    """Index of the event ``row`` joins, or None for a new event; each pair weighed goes to ``decisions``.

    A row with a place of its own joins the latest compatible event. A row with none continues the
    article's first event when that is compatible and its initiator is on the row's side (what a report
    elaborates is mostly its lead: "snipers of the security unit killed two" continues the operation,
    not the ISIS attack it mentions), else the latest compatible event on its side, else, when the
    article has told one event only, that one. A "Meanwhile" row opens a new event unless it restates one a
    lead summed up beside another (:func:`_announced_event`).
    """
    bodies = [i for i in range(len(events) - 1, -1, -1) if not events[i].get("_title") and not events[i].get("_roundup")]
    if bodies and SEPARATE.search(str(row.get("quote", ""))):
        return _announced_event(events, bodies, row, decisions)
    same_events: list[int] = []
    for i in bodies:
        same, reason = decide(events[i], row, main=i == bodies[-1])
        decisions.append(LinkDecision(i, (int(row["span_start"]), int(row["span_end"])), same, reason))
        if reason == "a new event is announced":
            break
        if same:
            same_events.append(i)
            if row.get("_own_place"):
                break
    if row.get("_own_place"):
        return same_events[0] if same_events else None
    if not same_events:
        return None
    main = bodies[-1]   # the article's first event: what the rest of a report most often elaborates
    latest = same_events[0]
    if latest != main and _just_announced(events[latest], row) and same_parties(events[latest], row):
        return latest   # "Meanwhile, clashes took place in Dour. \n The fighters repelled the attack, killing three"
    if main in same_events and D.actors_compatible(events[main], row):
        return main
    fallback = main if main in same_events and len(bodies) == 1 else None
    return next((i for i in same_events if D.actors_compatible(events[i], row)), fallback)


def _announced_event(events: list[dict], bodies: list[int], row: dict, decisions: list[LinkDecision]) -> int | None:
    """For a row that announces a new event ("Separately, ..."): the event it restates when a lead sentence summed
    up that event beside another one ("... killed in an airstrike in Anbar while police arrested six in Kirkuk"),
    else None: the marker sets it apart from the events told so far."""
    span = (int(row["span_start"]), int(row["span_end"]))
    decisions.append(LinkDecision(bodies[0], span, False, "a new event is announced"))
    for i in bodies:
        if _told_beside_another(events, i) and restates(events[i], row):
            decisions.append(LinkDecision(i, span, True, "restates an event the lead summed up"))
            return i
    return None


def _told_beside_another(events: list[dict], i: int) -> bool:
    """Event ``i`` was first told in a sentence that also told another event of the article."""
    sentence = events[i].get("_sentence")
    return sentence is not None and any(j != i and e.get("_sentence") == sentence for j, e in enumerate(events))


def same_parties(event: dict, row: dict) -> bool:
    """The row's sides fit the event's: initiators on one side (``dedupe.actors_compatible``), or the same two
    parties with the roles turned ("the brigade came under heavy gunfire" / "the gunfire forced the brigade to
    withdraw": one fight told from either side)."""
    a1, a2, b1, b2 = (str(x.get(k) or "") for x in (event, row) for k in ("actor1", "actor2"))
    return D.actors_compatible(event, row) or bool(a1 and a2 and a1 == b2 and a2 == b1)


def _just_announced(event: dict, row: dict) -> bool:
    """The event was told as a new one ("Meanwhile, ...", "A third attack ...") in the row's paragraph or the one
    before it: a row with no place of its own there elaborates it, not the article's first event."""
    return bool(event.get("_announced")) and 0 <= int(row.get("_paragraph", 0)) - int(event.get("_paragraph", 0)) <= 1


_KIDNAP_WORDS = re.compile(r"\b(?:kidnap\w*|abduct\w*|captives?|hostages?|seized)\b", re.I)
_KILLED_WORDS = re.compile(r"\b(?:executed|killed|murdered|beheaded|shot dead|bodies|body|corpses?)\b", re.I)
CAPTIVE_DAYS = 7   # captives killed at most this long after they were taken are one event with the abduction
_TYPE_COLUMNS = ("event_type", "sub_event_type", "disorder_type", "civilian_targeting", "_family", "_priority")
_DATE_COLUMNS = ("event_date", "date_start", "date_end", "time_precision", "year", "date_span")


def _captives_killed(event: dict, row: dict) -> dict | None:
    """"Three brothers were kidnapped on Thursday ... and later executed on Friday": an abduction and the
    killing of its captives are one event, typed and dated by the killing (the more serious outcome).

    In: two rows of one article, one an abduction and the other a killing with a toll, the killing at
    most ``CAPTIVE_DAYS`` after the abduction (or either undated), one quote telling both (the killing's
    "kidnapped", or the abduction's "executed"). Out: the killing row, or None when they are not that pair.
    """
    def kind(r: dict) -> str:
        if r.get("sub_event_type") == "Abduction/forced disappearance":
            return "abduction"
        killed = r.get("_family") in ("execution", "kill") or r.get("sub_event_type") == "Attack"
        return "killing" if killed and r.get("fatalities") not in ("", None, 0) else ""

    pair = {kind(event): event, kind(row): row}
    abduction, killing = pair.get("abduction"), pair.get("killing")
    if abduction is None or killing is None:
        return None
    if not (_KIDNAP_WORDS.search(str(killing.get("quote", ""))) or _KILLED_WORDS.search(str(abduction.get("quote", "")))):
        return None
    if abduction.get("date_start") and killing.get("date_start"):
        gap = (date.fromisoformat(str(killing["date_start"])) - date.fromisoformat(str(abduction["date_end"]))).days
        if not 0 <= gap <= CAPTIVE_DAYS:
            return None
    return killing


_PLACE_COLUMNS = ("country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "iso",
                  "place_span", "_weak_place", "_border_place", "_region")


def _placed_in_region(merged: dict, event: dict, row: dict) -> dict:
    """The merged event's place: a place of the row's own inside the part of the governorate the event
    names ("near Daquq" in "southern Kirkuk") refines it, as a more precise place does; ``_region`` follows
    the place kept. In: the merge of ``event`` and ``row``. Out: ``merged``, updated."""
    region_only = event.get("_region") and merged["location"] == event["location"]
    if region_only and row.get("_own_place") and not row.get("_region") and not row.get("_weak_place") and (
            row["admin1"] == event["admin1"]) and str(row.get("geo_precision")) in ("1", "2"):
        merged.update({k: row.get(k, "") for k in _PLACE_COLUMNS})
    took_place = merged["location"] == row["location"] != event["location"]
    merged["_region"] = bool((row if took_place else event).get("_region"))
    return merged


def link_article(rows: list[dict]) -> tuple[list[dict], list[LinkDecision]]:
    """Fold the rows of one article into events (module docstring); headline rows pass through unchanged.

    In: candidate rows of one article in text order. Out: (rows with the body rows of one event merged,
    in first-seen order, each with ``_mentions`` = how many body rows it folds; every decision made).
    """
    events: list[dict] = []
    decisions: list[LinkDecision] = []
    for row in rows:
        target = None if row.get("_title") else choose_event(events, row, decisions)
        if target is None:
            quote = str(row.get("quote", ""))
            events.append(dict(row, _mentions=1, _roundup=is_roundup(row), _several=bool(SEVERAL_EVENTS.search(quote)),
                               _announced=bool(SEPARATE.search(quote))))
            continue
        # no place of its own: it lends counts and never moves the event; a place of its own refines it; a border of
        # two governorates moves nothing either, but its day and means still count ("on January 31", "F-16")
        continues = not row.get("_own_place") and not row.get("_border_place")
        merged = D.merge(events[target], dict(row, _continues=continues))
        merged = merge_counts(events[target], row, merged)
        if events[target].get("_claim_date") and not row.get("_claim_date") and row.get("date_start"):
            merged.update({k: row.get(k, "") for k in _DATE_COLUMNS}, _claim_date=False)   # the event's own day
        killing = _captives_killed(events[target], row)
        if killing is not None:   # typed and dated by the killing of the captives
            merged.update({k: killing.get(k, "") for k in _TYPE_COLUMNS + _DATE_COLUMNS})
        if _tells_it_better(events[target], row):
            merged.update({k: row[k] for k in _SPAN_COLUMNS})
        merged["_several"] = events[target].get("_several") or bool(SEVERAL_EVENTS.search(str(row.get("quote", ""))))
        events[target] = _placed_in_region(merged, events[target], row)
    return _without_roundups(events), decisions


_SPAN_COLUMNS = ("span_start", "span_end", "quote", "method")
_COUNT_COLUMNS = ("fatalities", "wounded", "arrested")


def _tells_it_better(event: dict, row: dict) -> bool:
    """Does ``row`` state the event better than the one sentence the event has so far, so that its span
    becomes the row's quote? Yes when the event is told by one sentence with no count ("An official blamed
    ISIL for the attack, which took place in Diyala province.") and the row restates it with a count of
    its own ("Eleven civilians have been killed ... in a bomb and gun attack"), not as a continuation."""
    if int(event.get("_mentions") or 1) != 1 or row.get("_continues") or not row.get("_own_place"):
        return False
    counted = any(str(row.get(k, "")) not in ("", "0") for k in _COUNT_COLUMNS)
    return counted and all(str(event.get(k, "")) in ("",) for k in _COUNT_COLUMNS)


def is_roundup(row: dict) -> bool:
    """A body row that sums up operations: placed only in a country, "across Iraq" / "in several provinces";
    or attacks told over two or more named governorates ("in attacks ... in Kirkuk and Diyala provinces")."""
    quote = str(row.get("quote", ""))
    if row.get("_title"):
        return False
    return (not row.get("admin1") and bool(ROUNDUP.search(quote))) or bool(TWO_PROVINCES.search(quote))


def _countless(row: dict) -> bool:
    """No killed, wounded or arrested count on the row."""
    return all(row.get(k) in (None, "") for k in ("fatalities_low", "fatalities_high", "wounded", "arrested"))


def _without_roundups(events: list[dict]) -> list[dict]:
    """A round-up lead gives no row of its own when the article tells the events it sums up (its date, often
    the announcement's, is not lent to them: no date is invented). Alone, the round-up stays a row when it gives a
    count ("killed 12 in attacks in Kirkuk and Diyala provinces"); without one it has neither a place nor a
    result ("attacks have taken place in the provinces of Anbar, Baghdad and Diyala"). So does a
    sentence telling several attacks at once ("carried out two attacks on the army in Diyala") unless two or
    more events are told after it, told in turn ("The first incident took place ..."): then it sums them up."""
    if any(e.get("_roundup") for e in events) and any(not e.get("_roundup") and not e.get("_title") for e in events):
        events = [e for e in events if not e.get("_roundup")]
    events = [e for e in events if not (e.get("_roundup") and _countless(e))]
    bodies = [i for i, e in enumerate(events) if not e.get("_title")]
    summed = {i for i in bodies if events[i].get("_several") and sum(j > i for j in bodies) >= 2 and any(
        j > i and IN_TURN.search(str(events[j].get("quote", ""))) for j in bodies)}
    return [e for i, e in enumerate(events) if i not in summed]
