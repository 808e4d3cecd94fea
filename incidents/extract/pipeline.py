"""One article in, candidate incident rows out: sentences -> triggers -> clauses -> fields.

``extract_article(article, gazetteer) -> list[dict]`` returns one row per event clause (columns
``incidents.schema.INCIDENT_COLUMNS`` plus private keys starting with "_" that dedupe uses and
the build drops). Rows of one article still hold repeats of the same event: ``dedupe.py`` merges.

How a sentence becomes rows (rules, not fitted to one sentence; tests/unit/test_pipeline.py holds
new phrasings for each):
1. Triggers (``types.find_event_triggers``) that are planned, attempted, negated or hypothetical
   (``types.suppressed``) are dropped; a sentence with a non-incident reason (statistics, generic,
   plan or threat, opinion, policy, aftermath: ``types.non_incident_reason``), a campaign summed up
   ("hitting over 85 targets") or only dates after publication or older than a year gives nothing.
2. The sentence is cut at clause boundaries ("; ", ", while", ", accompanied by", a fronted
   "Two days after <event>,", "and" before a new noun phrase); a clause stands as its own event only
   if it and the clause before it each have a strong trigger *and* a place of their own, else it joins
   the clause before it: "killing a border guard and wounding three others" stays with the attack.
3. A clause is an event only when specific: a place below country level in its sentence, or a
   count. A clause whose only triggers are weak ("killed", "operation") needs an active killing verb
   and a killed count ("the CTS managed to kill an entire ISIS unit"); a bare "operation" never.
4. Fields come from the clause, then the sentence, then the paragraph: place (first precise place
   after the trigger; organisation names, origins and escape routes are not places), date (the
   clause's own, a fronted relative date, the sentence's, earlier in the paragraph, "in the same
   week"/"Meanwhile" -> the date before; report dates such as "said on Monday" are ignored; an own
   date the article cannot resolve leaves the row undated), counts (summed per kind inside the
   clause), actors (see ``_actors``; defaults by event family), type (the most specific trigger;
   killings turn an arrest or search into an armed clash), a note made from the fields.
5. A sentence that starts with an anaphor ("The strikes destroyed ...") continues the event before
   it: its rows are marked ``_continues`` so dedupe folds them in (unless it has a place of its own
   elsewhere). "X claimed responsibility for the attack" names the initiator of the event before.
6. The headline gives rows marked ``_title``: they only lend fields (a count) to a body row that
   dedupe merges them with, and never stand alone.
7. After the article is read: "The kidnapping came four days after <other event>" dates the row
   from the article's dated row of that kind, and a round-up lead that tells no event itself
   ("Security incidents in Iraq on Monday left ...") dates the undated events it lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from incidents.extract import actors as A
from incidents.extract.actors import (
    ActorMention,
    find_actors,
    for_country,
    inter_code,
    interaction,
    names_isis,
)
from incidents.extract.counts import CountMention, find_counts, find_objects
from incidents.extract.dates import find_dates, shift_after
from incidents.extract.sentences import Sentence, split_sentences
from incidents.extract.types import (
    BATTLES,
    STRATEGIC,
    VAC,
    Trigger,
    find_event_triggers,
    may_hold_trigger,
    non_incident_reason,
    suppressed,
)
from incidents.schema import INCIDENT_COLUMNS, ISLAMIC_STATE

# clause boundaries: a fronted "Two days after <event>," clause, "; ", ", while", ", accompanied by",
# "and" before a new noun phrase ("... in Tarmiyah and a sniper wounded ..."); a piece without a strong
# trigger and a place of its own joins the piece before it (see _split_clauses)
_BOUNDARY = re.compile(
    r"^(?:[^,/]{0,40}/\s*)?(?:\w+\s+(?:days?|weeks?|hours?|months?)\s+)?(?:after|before|following)\s+[^,]{5,160},\s+"
    r"|;\s+|,\s+(?:while|whereas|meanwhile|accompanied by|in addition to|as well as|and in|whilst)\s+"
    r"|\s+while\s+|\.\s+(?=[A-Z])"
    r"|,?\s+and\s+(?=(?:an?|the|two|three|four|five|six|seven|eight|nine|ten|\d+)\s)", re.I)
_ANAPHOR = re.compile(
    r"^\W*(?:the|this|that|these|those|such)\s+(?:\w+\s+){0,2}?"
    r"(?:strikes?|airstrikes?|raids?|attacks?|operations?|bombings?|blasts?|explosions?|ambush(?:es)?|"
    r"clashes|assaults?|shelling|campaign|offensive|incident|abduction|kidnapping|killing|assassination|"
    r"attackers|assailants|gunmen|shells|rockets|mortars|bomber|device|militants|kidnappers)\b", re.I)
_ACTIVE_KILL = re.compile(r"\b(?:kill(?:ed|ing|s)?|eliminat(?:ed|ing|e)|neutrali[sz](?:ed|ing|e)|shot dead|slain)\b", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.I)
_PASSIVE_VERB = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn)\b", re.I)
_BY_AFTER = re.compile(r"^\W*(?:[\w-]+\W+){0,3}?by\s+(?:the\s+)?", re.I)
_SAME_PERIOD = re.compile(r"\b(?:in|during|on|within|over) the same (?:day|week|month|period)\b|\bthat same (?:day|week)\b"
                          r"|\b(?:on|during) that (?:day|week)\b|\bat the same time\b", re.I)
_MEANWHILE = re.compile(r"^\W*(?:meanwhile|in the meantime|separately|elsewhere|also)\b", re.I)
_PAREN = re.compile(r"\([^()]{25,}\)")   # asides; short brackets are names: "(Asayish)", "(IS)"
_NATIONALITY = {"Syrian": "Syria", "Jordanian": "Jordan", "Turkish": "Turkey", "Iranian": "Iran"}
_NATIONALITY_PEOPLE = r"(?:\s+\w+)?\s+(?:soldiers|civilians|troops|forces|people|nationals|citizens|workers|guards|officers)\b"
_AGGREGATE = re.compile(r"\b(?:over|more than|hundreds of|dozens of|scores of)\s+\d*\s*(?:targets|sites|locations)\b", re.I)

# ISO 3166-1 numeric codes (ACLED's iso column) of Iraq and its neighbours
ISO_NUMERIC = {"Iraq": 368, "Syria": 760, "Jordan": 400, "Iran": 364, "Turkey": 792, "Saudi Arabia": 682,
               "Kuwait": 414, "Lebanon": 422, "Israel": 376}


@dataclass
class _Clause:
    start: int                 # analysis-text offsets
    end: int
    sentence: Sentence
    triggers: list[Trigger] = field(default_factory=list)


def _split_clauses(sentence: Sentence, triggers: list[Trigger], has_place) -> list[_Clause]:
    """Cut a sentence into event clauses (rule 3 of the module docstring).

    In: the sentence, its live triggers (offsets relative to the sentence) and has_place(start, end)
    telling whether a place lies in that sentence-relative stretch. Out: clauses with their triggers.
    """
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(sentence.text)] + [len(sentence.text)]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]
    clauses: list[_Clause] = []
    for s, e in pieces:
        ts = [t for t in triggers if s <= t.start < e]
        stands_alone = any(t.strength == "strong" for t in ts) and has_place(s, e)
        # the piece before must be a whole event too: "destroyed 11 hideouts and | three tunnels in Salaheddine
        # and seized ..." is one event whose place comes last
        previous_is_event = bool(clauses) and (
            any(t.strength == "strong" for t in clauses[-1].triggers) and has_place(clauses[-1].start, clauses[-1].end))
        if clauses and (not stands_alone or not previous_is_event):
            clauses[-1].end = e
            clauses[-1].triggers.extend(ts)
        else:
            clauses.append(_Clause(s, e, sentence, list(ts)))
    return clauses


def _primary(triggers: list[Trigger], text: str) -> Trigger | None:
    """The trigger that names the clause's event: the most specific strong one, else a killing verb
    (the caller then requires a killed count)."""
    strong = [t for t in triggers if t.strength == "strong"]
    if strong:
        return max(strong, key=lambda t: (t.priority, -t.start))
    for t in triggers:   # "the CTS killed four militants", "a PMF fighter was killed near Tarmiyah"
        if t.family == "kill" and _ACTIVE_KILL.fullmatch(text[t.start:t.end]):
            return t
    return None


# where attackers came from or fled to is not where the event happened
_DIRECTION_BEFORE = re.compile(r"\b(?:direction of|towards?|fled (?:to|into)|withdrew (?:to|into)|headed (?:to|for)|"
                               r"escaped (?:to|into)|originated (?:in|from)|launched from|fired from)\s+(?:the\s+)?$", re.I)
_CLAIM = re.compile(r"\bclaim(?:ed|s)? responsibility for\s+(the|this|that|these|its|their)?\b", re.I)
_OWNED_BY = re.compile(r"\s+(?:manned|run|held|operated|used|guarded|occupied)\s+by\s+(?:the\s+)?|\s+of\s+(?:the\s+)?", re.I)
_SOURCE_AFTER = re.compile(r"\s+(?:source|sources|spokesm[ae]n|statement|media cell)\b"
                           r"|\s+(?:[\w-]+\s+){0,2}?(?:said|says|told|announced|reported|stated)\b", re.I)
_SOURCE_BEFORE = re.compile(r"\baccording to (?:the |a )?(?:\w+\s+)?$", re.I)
# "a landmine left over from the war against ISIS": history, not a party to this event
_WAR_AGAINST = re.compile(r"\b(?:war|fight|battle|campaign)s?\s+(?:against|on|with)\s+(?:the\s+)?$", re.I)
_UNDER_FIRE = re.compile(r"came under (?:fire|attack)|under fire", re.I)


def _is_verb(surface: str) -> bool:
    """A trigger used as a verb ("killed", "arresting", "kill"), not a noun or adjective ("deadly", "attack")."""
    return re.fullmatch(r"[\w-]+(?:ed|ing)", surface) is not None or _ACTIVE_KILL.fullmatch(surface) is not None


def _mask_parentheses(text: str) -> str:
    """``text`` with the inside of (...) blanked, same length: asides never give the actors."""
    return _PAREN.sub(lambda m: " " * len(m.group(0)), text)


_OBLIQUE = re.compile(r"\b(?:against|on|targeting|of|from|with|at|near)\s+(?:the\s+|an?\s+)?$", re.I)
_SINGLE_VICTIM = re.compile(
    r"\b(?:shot dead|killed|assassinated|executed|murdered|beheaded|stabbed to death)\s+(?:the|a|an|one)\s+(?:\w+\s+){0,2}?"
    r"[\"“'‘]?(?:mukhtar|mayor|soldier|policeman|officer|civilian|man|woman|child|boy|girl|guard|shepherd|farmer|leader|"
    r"commander|member|fighter|chief|sheikh|official|judge|journalist|teacher|doctor|candidate|wali|emir|militant|"
    r"terrorist|suspect)\b", re.I)
# a place name that is part of an organisation's name: "Nineveh Operations Command", "Kirkuk police"
_ORG_AFTER = re.compile(r"\s*(?:Operations Command|Operations|Police Command|police|Police|Provincial Council|"
                        r"provincial council|Council|council|University|Governor|governor|Command|Health Directorate)\b")
# "a security source said on Wednesday": the day of the report, not of the event
_REPORT_DATE = re.compile(r"\b(?:said|says|told|announced|reported|stated|added|confirmed|declared)\b[^.,;]{0,35}$", re.I)
# a count stated with a number ("at least three", "13") rather than a word for a group ("an entire unit")
_NUMERIC = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|"
                      r"forty|fifty|hundred)", re.I)
_SUMMARY_LEAD = re.compile(r"\b(?:security )?(?:incidents|attacks|violence|clashes)\b", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_DATELINE = re.compile(r"[A-Z][\w .'-]{0,40}/\s*(?=\S)"
                       r"|[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][\w .'-]{0,30})?(?:\s*\([\w .]{1,20}\))?\s*[—–-]{1,2}\s*(?=\S)")
_STATE_ACTIONS = frozenset({"arrest", "disrupted", "disrupted_suicide", "air", "operation"})


def _actors(clause_text: str, trig: Trigger, triggers: list[Trigger], isis_topic: bool) -> tuple[str, str]:
    """(actor1, actor2) of one clause: who acted and who was targeted; "" when the text does not say.

    In: clause text, its primary trigger and all its triggers (offsets relative to the clause).
    Reporting sources ("a police source told"), long asides in brackets, actors after a preposition
    ("against the Islamic State") and objects of another verb never act. actor1, first rule that
    applies: the trigger names it ("F-16 strike", "Isis gunmen"); "came under fire from X"; "by X"
    after a noun or passive trigger; an actor right before the trigger noun ("ISIS attack"); the
    subject of an active verb trigger; the subject of an active killing verb ("X killed Y"); the
    first actor before the trigger when no passive verb stands between. actor2: the first other
    actor after the trigger (its owner in "a checkpoint manned by X"), else the nearest other actor
    before it (passive: "Four members of IS were killed in airstrikes by ...").
    """
    masked = _mask_parentheses(clause_text)
    # "a police source told", "according to the army": who reports is not who acts
    mentions = [m for m in find_actors(masked, isis_topic)
                if not _SOURCE_AFTER.match(masked, m.end) and not _SOURCE_BEFORE.search(masked[max(0, m.start - 25):m.start])
                and not _WAR_AGAINST.search(masked[max(0, m.start - 30):m.start])]
    # "destroyed terrorist hideouts and arrested two terrorists": generic words are targets, never initiators
    subjects = [m for m in mentions if not m.generic] if trig.family in _STATE_ACTIONS else mentions
    subjects = [m for m in subjects if not _OBLIQUE.search(masked[max(0, m.start - 20):m.start])]
    # "Iraqi forces killed three ISIS militants and arrested ...": ISIS is the object of "killed", never the subject
    def is_object(m: ActorMention) -> bool:
        return any(t.end <= m.start and m.start - t.end <= 25 and re.fullmatch(r"[\s\w’'-]*", masked[t.end:m.start])
                   and not re.search(r"\b(?:in|of|on|at|near|by|from|with|against|when|after|as|while|and|but|"
                                     r"because|since|before|until|that|which|who)\b", masked[t.end:m.start])
                   and not _PASSIVE_BEFORE.search(masked[max(0, t.start - 20):t.start])
                   for t in triggers if t is not trig and _is_verb(masked[t.start:t.end]))

    before = [m for m in subjects if m.start < trig.start and not is_object(m)]
    after = [m for m in mentions if m.start >= trig.end]
    actor1 = ""
    actor2 = ""
    # a mention at the start of the trigger (not its object: "destroyed two ISIS hideouts")
    named = [m for m in subjects if m.start <= trig.start < m.end or (m.start < trig.start and trig.start < m.end)]
    if named:   # the trigger names its actor: "F-16 strike", "coalition warplanes", "Isis gunmen"
        actor1 = named[0].actor
        ahead = [m for m in subjects if m.end <= named[0].start and not masked[m.end:named[0].start].strip()]
        if actor1 == A.UNIDENTIFIED and ahead:
            actor1 = ahead[-1].actor
    if not actor1 and _UNDER_FIRE.fullmatch(masked[trig.start:trig.end]):
        source = [m for m in after if re.fullmatch(r"\s*(?:from|by)\s+(?:the\s+)?", masked[trig.end:m.start])]
        if source:   # "an army patrol came under fire from Isis militants"
            actor1 = source[0].actor
    by = _BY_AFTER.match(masked[trig.end:trig.end + 60])
    active = _is_verb(masked[trig.start:trig.end]) and not _PASSIVE_BEFORE.search(masked[max(0, trig.start - 20):trig.start])
    if by and not actor1 and not active:   # "attacked a checkpoint manned by the PMF": not the attacker
        pos = trig.end + by.end()
        follow = [m for m in after if m.start >= pos and m.start <= pos + 25]
        if follow:
            actor1 = follow[0].actor
    if not actor1 and before:
        gap = masked[min(before[-1].end, trig.start):trig.start]
        if (re.fullmatch(r"[\s\w’'-]{0,25}", gap) and len(gap.split()) <= 2
                and not re.search(r"\b(?:in|of|on|at|near|against|by|to|was|were|is|are|when|after|as|and|while|who|"
                                  r"which|that)\b", gap)
                and not _PASSIVE_BEFORE.search(masked[max(0, trig.start - 20):trig.start])):
            actor1 = before[-1].actor
    surface = masked[trig.start:trig.end]
    verb_like = re.search(r"(?:ed|ing)$", surface) is not None or _ACTIVE_KILL.fullmatch(surface) is not None
    if not actor1 and verb_like and before and not _PASSIVE_BEFORE.search(masked[max(0, trig.start - 20):trig.start]):
        actor1 = before[-1].actor
    if not actor1:
        for t in triggers:
            if t.family != "kill" or t is trig:
                continue
            surface = masked[t.start:t.end]
            if not _ACTIVE_KILL.fullmatch(surface) or _PASSIVE_BEFORE.search(masked[max(0, t.start - 20):t.start]):
                continue
            if re.search(r",\s*$", masked[max(0, t.start - 3):t.start]):
                continue   # ", killing two soldiers": the event kills, not the actor named before
            # "an attack on an army post killed four soldiers": the attack kills, the post is its target
            subj = [m for m in mentions if m.end <= (trig.start if trig.start < t.start else t.start)]
            obj = [m for m in mentions if m.start >= t.end and m.actor != (subj[-1].actor if subj else "")]
            if subj:
                actor1 = subj[-1].actor
                if obj:
                    actor2 = obj[0].actor
                break
    if (not actor1 and before and not _PASSIVE_BEFORE.search(masked[max(0, trig.start - 30):trig.start])
            and not _PASSIVE_VERB.search(masked[before[0].end:trig.start])):
        actor1 = before[0].actor
    if not actor2:
        others = [m for m in after if m.actor != actor1]
        if others:
            actor2 = others[0].actor
            owner = [m for m in others[1:] if _OWNED_BY.fullmatch(masked[others[0].end:m.start])]
            if owner:   # "a checkpoint manned by the Popular Mobilization Forces"
                actor2 = owner[0].actor
        else:
            others = [m for m in reversed(mentions) if m.start < trig.start and m.actor != actor1]
            if others:
                actor2 = others[0].actor
    return actor1, actor2


def _context_state_actor(text: str, pos: int, reach: int = 1500) -> str:
    """The last state/coalition actor named in the ``reach`` characters before ``pos``, or "".

    Resolves "they arrested two terrorists" to the forces of the sentence before.
    """
    lo = max(0, pos - reach)
    for m in reversed(find_actors(text[lo:pos], False)):
        if A.INTER.get(m.actor) in (1, 8) and m.actor not in (A.US_FORCES,):
            return m.actor
    return ""


def _place_for(locations, clause_abs: tuple[int, int], trig_abs: int, sent_abs: tuple[int, int],
               para_abs: tuple[int, int]):
    """The Location of an event: first precise place after the trigger in the clause, else any in
    the clause, else in the sentence, else earlier then later in the paragraph; None when none.

    In: all Locations of the article (analysis offsets) and the spans to search. Precise = not a
    governorate/country-only place (geo_precision < 3) when one exists in the same stretch.
    """
    def inside(lo: int, hi: int):
        return [loc for loc in locations if lo <= loc.start and loc.end <= hi]

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


def _in_stated_governorate(loc, locations, lo: int, hi: int):
    """A feature that spans governorates (mountains, valleys, deserts) takes the governorate the
    sentence states: "In Diyala, ... the Hamrin mountains" is in Diyala though the gazetteer's point of
    the range lies in Kirkuk. Towns keep their own governorate. In/out: a Location (or None)."""
    if loc is None or loc.kind != "feature":
        return loc
    stated = [x for x in locations if lo <= x.start and x.end <= hi and x.kind == "governorate"]
    if stated and stated[0].admin1 and stated[0].admin1 != loc.admin1:
        return replace(loc, admin1=stated[0].admin1, admin2="")
    return loc


def _home_country(locations) -> str:
    """The country an article is about, for events it gives no place: Iraq when it names any place
    in Iraq (or none at all), else the country its places name most often (ties: first named)."""
    countries = [loc.country for loc in locations if loc.country]
    if not countries or "Iraq" in countries:
        return "Iraq"
    return max(dict.fromkeys(countries), key=countries.count)


def _iso(d: date | None) -> str:
    return d.isoformat() if d else ""


def _fmt_int(v: int | None):
    return "" if v is None else int(v)


def _counts(counts: list[CountMention], lo: int, hi: int) -> dict[str, tuple[int, int, int | None]]:
    """Sum the counts of each kind whose span lies in [lo, hi) (clause-relative or absolute alike)."""
    out: dict[str, tuple[int, int, int | None]] = {}
    for c in counts:
        if not (lo <= c.start < hi):
            continue
        low, best, high = out.get(c.kind, (0, 0, 0))
        out[c.kind] = (low + c.low, best + c.best, None if (high is None or c.high is None) else high + c.high)
    return out


def _note(etype: str, stype: str, actor1: str, actor2: str, location: str, admin1: str, country: str,
          counts: dict[str, tuple[int, int, int | None]]) -> str:
    """One short sentence made from the fields, e.g. "Air/drone strike by ... on ... in Kirkuk: 4 killed."."""
    who = f" by {actor1}" if actor1 else ""
    whom = f" against {actor2}" if actor2 else ""
    where_parts = [p for p in (location, admin1 if admin1 != location else "",
                               country if not admin1 and country != location else "") if p]
    relative = re.match(r"(?:\d|near\b|(?:north|south|east|west)\w*\s+of\b|outskirts)", location or "", re.I)
    where = (" " if relative else " in ") + ", ".join(where_parts) if where_parts else ""
    bits = []
    for kind in ("killed", "wounded", "arrested"):
        if kind in counts:
            low, best, high = counts[kind]
            if high is not None and high != best:
                bits.append(f"{low}-{high} {kind}")
            elif high is None and kind == "killed" and best and stype != "Attack":
                bits.append(f"at least {best} {kind}")
            else:
                bits.append(f"{best} {kind}")
    tail = f": {', '.join(bits)}" if bits else ""
    return f"{stype}{who}{whom}{where}{tail}."


# outlets based in Iraq (ACLED source_scale "National"); any other named outlet is "International"
IRAQI_OUTLETS = frozenset({"shafaq news", "iraqi news agency", "ina", "rudaw", "kurdistan24", "alsumaria",
                           "baghdad today", "al-sumaria", "964", "shafaaq", "nrt", "the new region"})


def source_scale(outlet: str) -> str:
    """ACLED source_scale of an outlet: "National" (Iraqi outlet), "International", or "" (not named)."""
    if not outlet:
        return ""
    return "National" if outlet.strip().lower() in IRAQI_OUTLETS else "International"


def make_note(row: dict) -> str:
    """The one-sentence note of a row, made from its (final) fields."""
    counts: dict[str, tuple[int, int, int | None]] = {}
    if row.get("fatalities") not in ("", None):
        high = row.get("fatalities_high")
        counts["killed"] = (int(row.get("fatalities_low") or row["fatalities"]), int(row["fatalities"]),
                            int(high) if high not in ("", None) else None)
    for kind in ("wounded", "arrested"):
        if row.get(kind) not in ("", None):
            counts[kind] = (int(row[kind]), int(row[kind]), int(row[kind]))
    note = _note(str(row.get("event_type", "")), str(row.get("sub_event_type", "")), str(row.get("actor1", "")),
                 str(row.get("actor2", "")), str(row.get("location", "")), str(row.get("admin1", "")),
                 str(row.get("country", "")), counts)
    if row.get("_objects"):   # "11 hideouts; 3 tunnels; 23 explosive devices" as the text counts them
        note = f"{note[:-1]} ({row['_objects']})."
    return note


def _type_for(trig: Trigger, actor1: str, actor2: str) -> tuple[str, str]:
    """ACLED event_type/sub_event_type from the primary trigger and the actors.

    A clash or killing whose target is civilians is Violence against civilians / Attack; a killing by
    state forces of ISIS members is a Battle (armed clash) unless the trigger names the means.
    """
    etype, stype = trig.event_type, trig.sub_event_type
    if trig.family in ("clash", "kill") and actor2.startswith("Civilians"):
        return VAC, "Attack"
    return etype, stype


def extract_article(article, gazetteer) -> list[dict]:
    """Candidate incident rows of one article (see the module docstring for the rules).

    In: an ``incidents.corpus.articles.Article`` and a loaded ``incidents.places.geo.Gazetteer``. Out: list of dicts
    keyed by INCIDENT_COLUMNS plus private "_" keys (dropped by the build). Offsets in
    span_start/span_end point into ``article.text``; quote == article.text[span_start:span_end].
    """
    analysis = article.analysis()
    text = analysis.text
    published = article.published_date()
    sentences = split_sentences(text, may_hold_trigger)
    if not sentences or not may_hold_trigger(text):
        return []
    locations = [loc for loc in gazetteer.find_locations(text) if not _ORG_AFTER.match(text, loc.end)
                 and not _DIRECTION_BEFORE.search(text[max(0, loc.start - 40):loc.start])]
    isis_topic = names_isis(text)
    home = _home_country(locations)
    title_end = _title_end(article, text)

    para_spans: dict[int, tuple[int, int]] = {}
    for s in sentences:
        lo, hi = para_spans.get(s.paragraph, (s.start, s.end))
        para_spans[s.paragraph] = (min(lo, s.start), max(hi, s.end))
    para_dates: dict[int, list] = {}
    for p, (lo, hi) in para_spans.items():
        para_dates[p] = [(lo + d.start, lo + d.end, d) for d in find_dates(text[lo:hi], published)
                         if not _REPORT_DATE.search(text[max(lo, lo + d.start - 50):lo + d.start])]

    # "now" for telling history from news: the publication date, else the latest date the article names
    named = [d.date_end for ds in para_dates.values() for _, _, d in ds if d.date_end and not getattr(d, "future", False)]
    now = published or (max(named) if named else None)
    rows: list[dict] = []
    last_window = None   # the last dated event window in the article, for "in the same week"
    last_row_by_para: dict[int, dict] = {}
    links: list[tuple[dict, int, str]] = []   # (undated row, days after, text naming the other event)
    for sent in sentences:
        sdates = _resolve_relative(
            [(s, e, d) for s, e, d in para_dates[sent.paragraph] if sent.start <= s < sent.end], last_window, published)
        is_title = sent.end <= title_end
        dated = [x[2] for x in sdates if _usable(x[2])]
        if dated:
            last_window = dated[0]
        if rows and _ANAPHOR.search(sent.text) and sent.paragraph - int(rows[-1]["_paragraph"]) <= 1:
            # "The abduction came a week after the coalition carried out airstrikes in ...": date it
            # from that other event once the whole article is read
            for x in sdates:
                if x[3] and x[2].relative_to_event is not None and not x[2].date_start and not rows[-1]["date_start"]:
                    links.append((rows[-1], x[2].relative_to_event, sent.text[x[1] - sent.start:]))
                    break
        claim = _CLAIM.search(sent.text)
        if claim and rows and sent.paragraph - int(rows[-1]["_paragraph"]) <= 1:
            # "ISIS claimed responsibility for the attack": names the initiator of the event told before
            claimant = [m for m in find_actors(sent.text[:claim.start()], False) if m.actor != A.CIVILIANS]
            last = rows[-1]
            if claimant and last["actor1"] in (A.UNIDENTIFIED, "") and claimant[-1].actor != last["actor2"]:
                last["actor1"] = for_country(claimant[-1].actor, str(last["country"]))
                i1, i2 = inter_code(last["actor1"]), inter_code(str(last["actor2"]))
                last["inter1"], last["interaction"] = _fmt_int(i1), _fmt_int(interaction(i1, i2))
            if claim.group(1):
                continue
        if not may_hold_trigger(sent.text):
            continue
        triggers = [t for t in find_event_triggers(sent.text) if not suppressed(sent.text, t)]
        if not triggers:
            continue
        if non_incident_reason(sent.text) or _AGGREGATE.search(sent.text):
            continue
        if sdates and all(getattr(x[2], "future", False) for x in sdates) and not any(x[2].date_start for x in sdates):
            continue
        # "remains of 20 people killed by ISIS in 2014", "the 2014 ISIS attack on Sinjar": history, not
        # news, unless the sentence also dates its event ("ISIS, which overran Mosul in 2014, attacked ... on Monday")
        years = [int(y) for y in _YEAR.findall(sent.text)]
        if now and years and max(years) < now.year - 1 and not any(x[2].rule != "year" for x in sdates):
            continue

        def has_place(lo: int, hi: int, base=sent.start) -> bool:
            return any(base + lo <= loc.start and loc.end <= base + hi and loc.kind != "country" for loc in locations)

        counts = find_counts(sent.text)
        clauses = _split_clauses(sent, triggers, has_place)
        for clause in clauses:
            ctext = sent.text[clause.start:clause.end]
            rel = [Trigger(t.start - clause.start, t.end - clause.start, t.event_type, t.sub_event_type, t.rule,
                           t.strength, t.family) for t in clause.triggers]
            prim = _primary(rel, ctext)
            if prim is None:
                continue
            abs_lo, abs_hi = sent.start + clause.start, sent.start + clause.end
            lead = _DATELINE.match(ctext)
            if lead:   # "Shafaq News/ A roadside bomb ...": the quote starts at the report
                abs_lo += lead.end()
            trig_abs = sent.start + clause.start + prim.start
            c = _counts(counts, clause.start, clause.end)
            if "killed" not in c and _SINGLE_VICTIM.search(ctext):
                c["killed"] = (1, 1, 1)
            # specific enough to be one event: a place below country level in the sentence, or a count
            if not has_place(0, len(sent.text)) and not c:
                continue
            if prim.family == "kill" and "killed" not in c:
                continue
            actor1, actor2 = _actors(ctext, prim, rel, isis_topic)
            loc = _place_for(locations, (abs_lo, abs_hi), trig_abs, (sent.start, sent.end), para_spans[sent.paragraph])
            loc = _in_stated_governorate(loc, locations, sent.start, sent.end)
            country = loc.country if loc is not None else ""
            if not country:
                country = next((c for adj, c in _NATIONALITY.items()
                                if re.search(rf"\b{adj}{_NATIONALITY_PEOPLE}", ctext)), "") or home
            # defaults by family
            fam = prim.family
            if fam == "air" and A.INTER.get(actor1) == 2:   # "an F-16 strike destroyed an ISIS hideout"
                actor1, actor2 = "", actor2 or actor1
            victims_are_forces = fam == "kill" and A.INTER.get(actor2) in (1, 8)
            if not actor1:
                if victims_are_forces:   # "Two soldiers were killed near Baiji": forces are the victims
                    actor1 = ISLAMIC_STATE if isis_topic else A.UNIDENTIFIED
                elif fam in ("arrest", "disrupted", "disrupted_suicide", "air", "kill", "operation"):
                    actor1 = _context_state_actor(text, trig_abs) or A.ARMY
                    if actor2 == actor1:
                        actor2 = ""
                elif fam in ("shelling", "ied", "suicide"):
                    actor1 = A.UNIDENTIFIED
                elif isis_topic and actor2 != ISLAMIC_STATE:
                    actor1 = ISLAMIC_STATE
                else:
                    actor1 = A.UNIDENTIFIED
            if not actor2 and isis_topic and A.INTER.get(actor1) in (1, 8) and fam in (
                    "arrest", "disrupted", "disrupted_suicide", "air", "kill", "operation", "clash"):
                actor2 = ISLAMIC_STATE
            if fam == "execution" and (not actor2 or A.INTER.get(actor2) != 7):
                actor2 = f"Civilians ({country})"
            if actor1 == actor2:
                actor2 = ""
            actor1, actor2 = for_country(actor1, country), for_country(actor2, country)
            etype, stype = _type_for(prim, actor1, actor2)
            if fam in ("arrest", "disrupted") and c.get("killed", (0, 0, 0))[0] > 0:
                # "killed three militants and arrested two others": people died, so there was fighting
                etype, stype = BATTLES, "Armed clash"
            if fam == "abduction" and c.get("killed", (0, 0, 0))[0] > 0:
                # "killed two shepherds and kidnapped a third": the killing is the most serious outcome
                etype, stype = VAC, "Attack"
            if "arrested" in c and not (fam == "arrest" or A.INTER.get(actor1) in (1, 8)):
                del c["arrested"]   # "abducted four shepherds" is an abduction, not an arrest
            # date: clause, sentence, earlier in paragraph, later in paragraph, "Meanwhile" -> before
            dm = _pick_date(sdates, abs_lo, abs_hi)
            # an own date the article cannot resolve ("Last month" of an undated article) stays undated
            own_date = any(abs_lo <= x[0] < abs_hi for x in sdates)
            if dm is None and not own_date:
                pd_ = [x for x in para_dates[sent.paragraph] if _usable(x[2]) and x[2].relative_to_event is None]
                earlier = [x for x in pd_ if x[0] < sent.start]
                if earlier:
                    dm = earlier[-1][2]
                elif (_MEANWHILE.search(text[para_spans[sent.paragraph][0]:sent.end]) or _SAME_PERIOD.search(
                        text[para_spans[sent.paragraph][0]:para_spans[sent.paragraph][1]])) and last_window is not None:
                    dm = last_window
            s0, s1 = analysis.to_source(abs_lo, abs_hi)
            inter1, inter2 = inter_code(actor1), inter_code(actor2)
            admin1 = loc.admin1 if loc is not None else ""
            fat = c.get("killed")
            row = {k: "" for k in INCIDENT_COLUMNS}
            row.update({
                "event_date": _iso(dm.event_date) if dm else "",
                "year": (dm.event_date or dm.date_start).year if dm and (dm.event_date or dm.date_start) else "",
                "time_precision": dm.time_precision if dm and dm.time_precision else "",
                "disorder_type": "Strategic developments" if etype == STRATEGIC else "Political violence",
                "event_type": etype, "sub_event_type": stype,
                "actor1": actor1, "inter1": _fmt_int(inter1), "actor2": actor2, "inter2": _fmt_int(inter2),
                "interaction": _fmt_int(interaction(inter1, inter2)),
                "civilian_targeting": "Civilian targeting" if actor2.startswith("Civilians") else "",
                "iso": ISO_NUMERIC.get(country, ""), "region": "Middle East", "country": country,
                "admin1": admin1, "admin2": (loc.admin2 if loc is not None else ""),
                "location": loc.location if loc is not None else "",
                "latitude": loc.latitude if loc is not None else "",
                "longitude": loc.longitude if loc is not None else "",
                "geo_precision": loc.geo_precision if loc is not None else "",
                "source": article.outlet, "source_scale": source_scale(article.outlet),
                "notes": _note(etype, stype, actor1, actor2, loc.location if loc is not None else "", admin1,
                               country, c),
                "fatalities": fat[1] if fat else "", "fatalities_low": fat[0] if fat else "",
                "fatalities_high": (fat[2] if fat[2] is not None else "") if fat else "",
                "wounded": c["wounded"][1] if "wounded" in c else "",
                "arrested": c["arrested"][1] if "arrested" in c else "",
                "tags": "", "timestamp": 0,
                "date_start": _iso(dm.date_start) if dm else "", "date_end": _iso(dm.date_end) if dm else "",
                "source_articles": article.article_id, "article_id": article.article_id,
                "span_start": s0, "span_end": s1, "quote": article.text[s0:s1], "method": prim.rule,
                "dataset": "extracted",
                "_title": is_title, "_continues": bool(_ANAPHOR.search(sent.text)) and (
                    sent.paragraph in last_row_by_para or sent.paragraph - 1 in last_row_by_para),
                "_family": fam, "_priority": prim.priority, "_paragraph": sent.paragraph,
                "_own_place": loc is not None and sent.start <= loc.start < sent.end,
                "_own_date": own_date,
                "_objects": "; ".join(f"{o.quantity} {o.noun}" for o in find_objects(ctext)),
                "_fat_vague": fat is not None and all(
                    not _NUMERIC.search(x.surface) for x in counts
                    if x.kind == "killed" and clause.start <= x.start < clause.end),
            })
            rows.append(row)
            last_row_by_para[sent.paragraph] = row
    for row, days, ref_text in links:
        _date_from_linked_event(row, days, ref_text, rows, published)
    _date_from_summary_lead(rows, sentences, title_end, para_dates)
    return rows


def _date_from_summary_lead(rows: list[dict], sentences: list[Sentence], title_end: int, para_dates: dict) -> None:
    """A round-up ("Security incidents in Iraq on Monday left three people dead ...") dates the events
    it lists below when they state no date of their own.

    In: the article's rows, sentences, title end and paragraph date mentions. The lead is the first
    body paragraph; it counts as a summary when it reports no event itself, speaks of incidents or
    attacks in general, and names exactly one day. Out: nothing; undated rows are updated.
    """
    body = [s for s in sentences if s.start >= title_end]
    if not body:
        return
    lead = body[0].paragraph
    if any(int(r["_paragraph"]) == lead for r in rows):
        return
    lead_text = " ".join(s.text for s in body if s.paragraph == lead)
    days = {d.date_start for _, _, d in para_dates.get(lead, ()) if _usable(d) and d.time_precision == 1}
    if len(days) != 1 or not _SUMMARY_LEAD.search(lead_text):
        return
    (day,) = days
    for r in rows:
        if not r["date_start"] and not r.get("_own_date"):
            r.update(date_start=day.isoformat(), date_end=day.isoformat(), event_date=day.isoformat(), time_precision=1,
                     year=day.year)


def _date_from_linked_event(row: dict, days: int, ref_text: str, rows: list[dict], published: date | None) -> None:
    """Date ``row`` ``days`` after the dated row of the article that ``ref_text`` names by its kind.

    In: an undated row, the offset, the text after "a week after", all rows of the article and the
    publication date. The other event is the first dated row whose trigger family appears in
    ``ref_text`` ("carried out airstrikes" -> the airstrike row). Out: nothing; ``row`` is updated.
    """
    families = {t.family for t in find_event_triggers(ref_text)}
    for other in rows:
        if other is row or not other["date_start"] or other["_family"] not in families:
            continue
        lo = date.fromisoformat(str(other["date_start"])) + timedelta(days=days)
        hi = date.fromisoformat(str(other["date_end"])) + timedelta(days=days)
        if published is not None and lo > published:
            return
        if published is not None and hi > published:
            hi = published
        row.update(date_start=lo.isoformat(), date_end=hi.isoformat(), time_precision=other["time_precision"],
                   event_date=lo.isoformat() if other["time_precision"] else "", year=lo.year)
        return


def _usable(d) -> bool:
    """A date mention that can date an event: resolved, not future, with an ACLED precision (day/week/month)."""
    return bool(d.date_start) and not getattr(d, "future", False) and d.time_precision is not None


def _resolve_relative(sdates: list, last_window, published: date | None) -> list:
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
        if getattr(d, "relative_unit", "day") == "week" or _SAME_PERIOD.search(d.surface):
            ref = last_window
        else:
            # "two days after the bombing on Thursday": the date that follows in the sentence;
            # "Two days earlier, ...": the event told just before
            ref = next((x[2] for x in sdates if x[0] > s and _usable(x[2]) and x[2].relative_to_event is None),
                       last_window)
        out.append((s, e, shift_after(d, ref, published) if ref is not None else d, True))
    return out


def _pick_date(sdates, lo: int, hi: int):
    """The date of a clause spanning [lo, hi) (absolute offsets), from the sentence's resolved mentions.

    Order: a date of its own in the clause; a relative date outside the clause ("Two days after the
    bombing on Thursday, forces arrested ..." dates the arrests); a relative date inside it ("in the
    same week"); any date of the sentence. None when the sentence has none.
    """
    usable = [x for x in sdates if _usable(x[2])]
    for pick in (
        [x for x in usable if lo <= x[0] < hi and not x[3]],
        [x for x in usable if not (lo <= x[0] < hi) and x[3]],
        [x for x in usable if lo <= x[0] < hi and x[3]],
        [x for x in usable if not x[3]],
    ):
        if pick:
            return pick[0][2]
    return None


def _title_end(article, text: str) -> int:
    """End offset (analysis text) of the title line when the text starts with a line that is exactly
    the title (a headline of its own), else 0 (a title taken from the lead sentence is body text)."""
    title = (article.title or "").strip()
    if not title:
        return 0
    start = len(text) - len(text.lstrip())
    nl = text.find("\n", start)
    line_end = nl if nl != -1 else len(text)
    line = text[start:line_end].strip()
    if line == title and not line.endswith((".", "!", "?", ".”", '."')):   # a headline has no full stop
        return line_end
    return 0
