"""Event mentions: one clause read as one event, with its fields and the spans they came from.

``clause_mention(ctx, clause, counts, sdates, is_title) -> EventMention | None`` reads one clause of a
sentence (``clauses.Clause``): None when it is not specific enough to be an event (no place below
country level in its sentence and no count; a bare killing verb without a killed count). Otherwise its
primary trigger, counts (summed per kind inside the clause; "shot dead the mukhtar" = 1 killed), actors
(``roles``), place (``fields.place_for``), country (the place's, a nationality of the victims, else the
article's home), ACLED type and date (``fields.pick_date``; the paragraph's earlier date, or the
article's last window after "Meanwhile"/"in the same week", is filled in by the pipeline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from incidents.extract import actors as A
from incidents.extract.actors import for_country
from incidents.extract.clauses import Clause, primary_trigger
from incidents.extract.context import ArticleContext, PlacedDate
from incidents.extract.counts import CountMention, find_objects
from incidents.extract.dates import DateMention, shift_after
from incidents.extract.fields import (
    counts_in,
    in_stated_governorate,
    on_governorate_border,
    pick_dated,
    place_for,
    type_for,
    usable,
)
from incidents.extract.roles import clause_actors, default_actors
from incidents.extract.told_where import lead_place, tells_where_next
from incidents.extract.types import BATTLES, VAC, Trigger
from incidents.extract.vocab import read_pairs

_SINGLE_VICTIM = re.compile(
    r"\b(?:shot dead|killed|assassinated|executed|murdered|beheaded|stabbed to death)\s+(?:the|a|an|one)\s+(?:\w+\s+){0,2}?"
    r"[\"“'‘]?(?:mukhtar|mayor|soldier|policeman|officer|civilian|man|woman|child|boy|girl|guard|shepherd|farmer|leader|"
    r"commander|member|fighter|chief|sheikh|official|judge|journalist|teacher|doctor|candidate|wali|emir|militant|"
    r"terrorist|suspect)\b", re.I)
# a count stated with a number ("at least three", "13") rather than a word for a group ("an entire unit")
_NUMERIC = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|"
                      r"forty|fifty|hundred)", re.I)
_DATELINE = re.compile(r"[A-Z][\w .'-]{0,40}/\s*(?=\S)"
                       r"|[A-Z][A-Z .'-]{2,30}(?:,\s*[A-Z][\w .'-]{0,30})?(?:\s*\([\w .]{1,20}\))?\s*[—–-]{1,2}\s*(?=\S)")
_NATIONALITY_PEOPLE = r"(?:\s+\w+)?\s+(?:soldiers|civilians|troops|forces|people|nationals|citizens|workers|guards|officers)\b"

Counts = dict[str, tuple[int, int, int | None]]


@dataclass
class EventMention:
    """One event clause read into fields; spans are analysis-text offsets of the article."""

    clause: Clause
    trigger: Trigger               # primary trigger, offsets relative to the clause
    span: tuple[int, int]          # the clause (a leading dateline "Shafaq News/ " left out)
    counts: Counts                 # kind -> (low, best, high)
    location: object | None        # places.geo.Location
    country: str
    actor1: str
    actor2: str
    event_type: str
    sub_event_type: str
    date: DateMention | None
    own_date: bool                 # the clause states a date of its own (even one the article cannot resolve)
    is_title: bool
    place_from_dateline: bool      # no place of its own: the dateline's, which linking treats as unknown
    objects: str                   # "11 hideouts; 3 tunnels" as the text counts them
    fat_vague: bool                # the killed count is a word for a group ("an entire unit"), not a number
    place_span: tuple[int, int] | None = None   # where the place is written (analysis offsets)
    date_span: tuple[int, int] | None = None    # where the date is written
    count_spans: tuple[tuple[int, int], ...] = ()   # where the counts are written
    place_on_border: bool = False  # the place is the border of two governorates ("between Diyala and Salahuddin")

    @property
    def paragraph(self) -> int:
        """0-based paragraph of the mention's sentence."""
        return self.clause.sentence.paragraph


def _victims_country(clause_text: str) -> str:
    """The country of victims named by nationality ("Syrian soldiers"), or ""."""
    return next((c for adj, c in read_pairs("nationalities.csv").items()
                 if re.search(rf"\b{adj}{_NATIONALITY_PEOPLE}", clause_text)), "")


def _clause_counts(counts: list[CountMention], clause: Clause, clause_text: str) -> Counts:
    """Counts of the clause summed per kind; a single named victim of a killing counts as 1 killed."""
    c = counts_in(counts, clause.start, clause.end)
    if "killed" not in c and _SINGLE_VICTIM.search(clause_text):
        c["killed"] = (1, 1, 1)
    return c


def _final_type(prim: Trigger, actor1: str, actor2: str, c: Counts) -> tuple[str, str]:
    """ACLED type by the most serious outcome: killings turn an arrest or search into an armed clash and
    an abduction into an attack. Removes an "arrested" count that is not an arrest (``c`` is updated)."""
    etype, stype = type_for(prim, actor1, actor2)
    fam = prim.family
    if fam in ("arrest", "disrupted") and c.get("killed", (0, 0, 0))[0] > 0:
        etype, stype = BATTLES, "Armed clash"   # "killed three militants and arrested two others"
    if fam == "abduction" and c.get("killed", (0, 0, 0))[0] > 0:
        etype, stype = VAC, "Attack"   # "killed two shepherds and kidnapped a third"
    if "arrested" in c and not (fam == "arrest" or A.INTER.get(actor1) in (1, 8)):
        del c["arrested"]   # "abducted four shepherds" is an abduction, not an arrest
    return etype, stype


def _governorate_dateline(ctx: ArticleContext, sent_start: int, loc):
    """The governorate a dateline names ("SALADIN, Iraq: ...") when the clause places its event in that
    governorate's country only ("in northern Iraq"), else None: a governorate is not where a report is
    filed but the beat it covers, while a city's dateline ("BAGHDAD (AP) —") says nothing of an event
    told "in northern Iraq"."""
    if loc is None or loc.kind != "country":
        return None
    lines = [d for d in ctx.dateline_places if d.kind == "governorate" and d.start <= sent_start and d.country == loc.country]
    return lines[-1] if lines else None


_PLURAL_EVENTS = re.compile(r"\b(?:attacks|strikes|airstrikes|operations|bombings|raids|clashes|ambushes|explosions)\b",
                            re.I)


def _dated_lead(ctx: ArticleContext, sent, prim, sdates: list, ctext: str) -> bool:
    """Is ``sent`` the article's first sentence after the headline, telling a dated event by a strong trigger
    ("Iraqi security forces on Wednesday discovered an explosives depot belonging to ISIS")? Such a lead is
    an event though its place and counts come in the sentences after it (linking gives them to it); a plural
    event noun ("there were terrorist attacks on Friday") sums up, it is not one event. ``ctext``: the clause
    text, which the trigger's offsets index."""
    if ctx.lead_start != sent.start or prim.strength != "strong":
        return False
    if _PLURAL_EVENTS.search(ctext[prim.start:prim.end]):
        return False   # "there also were terrorist attacks on Friday in Iraq": a round-up, not one event
    return any(sent.start <= x[0] < sent.end and getattr(x[2], "date_start", None) for x in sdates)


# a place named by a place word that the gazetteer may not know: "in the Garmiyan area", "near Kifiri district"
_PLACE_PHRASE = re.compile(r"\b(?:in|near|at|around|outside)\s+(?:the\s+|a\s+)?(?:[a-z]+\s+)?(?-i:[A-Z][\w'’-]+\s+){1,3}"
                           r"(?:area|region|district|sub-?district|village|town|city|province|governorate)\b")


def _names_unknown_place(ctx: ArticleContext, sent) -> bool:
    """Does ``sent`` name a place we could not locate ("repelled an ISIS attack in the Garmiyan area")? Then the
    dateline's city ("ERBIL (Kurdistan 24) –") is surely not the event's place, and the row stays unplaced."""
    for m in _PLACE_PHRASE.finditer(sent.text):
        lo, hi = sent.start + m.start(), sent.start + m.end()
        if not ctx.locations.within(lo, hi):
            return True
    return False


def _dated_against_other(clause: Clause, sdates: list, lo: int, hi: int):
    """The date of an event told as the time of another (", a day after five Peshmerga were killed"), the clause
    spanning [lo, hi): a date of its own ("hours after the brigade came under fire on Wednesday evening"), else
    the other event's date (the sentence's first date before ``lo``) moved by ``clause.offset_days``, placed where
    that date is written; else what the sentence's dates give (``fields.pick_dated``)."""
    own = any(lo <= x[0] < hi and usable(x[2]) and not x[3] for x in sdates)
    before = [x for x in sdates if x[0] < lo and usable(x[2]) and not x[3]]
    if own or clause.offset_days is None or not before:
        return pick_dated(sdates, lo, hi)   # its own date first; "It came a day after ...": the marker, resolved
    ref = before[0]
    moved = shift_after(replace(ref[2], relative_to_event=clause.offset_days, relative_unit="day"), ref[2])
    return (ref[0], ref[1], moved, True)


def _lead_placed_next(ctx: ArticleContext, sent, prim, ctext: str) -> bool:
    """Is ``sent`` the article's first sentence after the headline, telling one event by a strong trigger, with
    the next sentence telling where and when it happened ("A 13-year-old boy has been kidnapped by militants of
    ISIS." / "The incident occurred last night, Saturday, August 13, in the village of Simoud")? The pipeline
    then gives it that place and date (``told_where``)."""
    if ctx.lead_start != sent.start or prim.strength != "strong" or _PLURAL_EVENTS.search(ctext[prim.start:prim.end]):
        return False
    return tells_where_next(ctx, sent)


def _with_dateline(ctx: ArticleContext, sent, loc):
    """(the clause's Location, whether it is the dateline's): a governorate dateline over a vaguer place ("SALADIN,
    Iraq: ... killed in northern Iraq"), the dateline's place when the sentence names none ("BAGHDAD (AP) — ..."),
    both held weakly; else the place read, or the lead's ("In the village of Kifri, ...")."""
    governorate_line = _governorate_dateline(ctx, sent.start, loc)
    if governorate_line is not None:
        return governorate_line, True
    if loc is None and bool(ctx.dateline_places) and not _names_unknown_place(ctx, sent):
        return next((d for d in reversed(ctx.dateline_places) if d.start <= sent.start), ctx.dateline_places[0]), True
    if loc is None and not _names_unknown_place(ctx, sent):
        loc = lead_place(ctx, sent)   # "In the village of Kifri, ..." / "The militants killed the shepherd"
    return loc, False


def clause_mention(ctx: ArticleContext, clause: Clause, counts: list[CountMention], sdates: list,
                   is_title: bool) -> EventMention | None:
    """Read one clause into an EventMention (see the module docstring); None when it is no event.

    In: the article context, the clause, the count mentions of its sentence (sentence-relative), the
    sentence's resolved date mentions (absolute: (start, end, mention, is_relative)) and whether the
    sentence is the headline.
    """
    sent = clause.sentence
    ctext = sent.text[clause.start:clause.end]
    rel = clause.relative_triggers()
    prim = primary_trigger(rel, ctext)
    if prim is None:
        return None
    abs_lo, abs_hi = sent.start + clause.start, sent.start + clause.end
    lead = _DATELINE.match(ctext)
    if lead:   # "Shafaq News/ A roadside bomb ...": the quote starts at the report
        abs_lo += lead.end()
    trig_abs = sent.start + clause.start + prim.start
    c = _clause_counts(counts, clause, ctext)
    sentence_has_place = any(loc.kind != "country" for loc in ctx.locations.within(sent.start, sent.end)) or any(
        sent.start <= loc.start and loc.end <= sent.end and loc.kind != "country" for loc in ctx.dateline_places)
    placeless_lead = not sentence_has_place and (_dated_lead(ctx, sent, prim, sdates, ctext)
                                                 or _lead_placed_next(ctx, sent, prim, ctext))
    if (not sentence_has_place and not c and not placeless_lead) or (prim.family == "kill" and "killed" not in c):
        return None
    actor1, actor2 = clause_actors(ctext, prim, rel, ctx.isis_topic)
    para = ctx.para_spans[sent.paragraph]
    loc = place_for(ctx.locations, (abs_lo, abs_hi), trig_abs, (sent.start, sent.end), para, ctx.text)
    if loc is None and placeless_lead and sent.paragraph + 1 in ctx.para_spans:
        # a dated lead without a place (``_dated_lead``): the paragraph after it says where
        nxt = ctx.para_spans[sent.paragraph + 1]
        loc = place_for(ctx.locations, nxt, nxt[0], nxt, nxt, ctx.text)
    loc, from_dateline = _with_dateline(ctx, sent, in_stated_governorate(loc, ctx.locations, sent.start, sent.end))
    country = (loc.country if loc is not None else "") or _victims_country(ctext) or ctx.home
    actor1, actor2 = default_actors(prim.family, actor1, actor2, ctx.isis_topic, ctx.text, trig_abs, country)
    actor1, actor2 = for_country(actor1, country), for_country(actor2, country)
    etype, stype = _final_type(prim, actor1, actor2, c)
    # an earlier event told as the time of another (", a day after ...") is dated against it: not by its dates
    dated = _dated_against_other(clause, sdates, abs_lo, abs_hi) if clause.earlier else pick_dated(sdates, abs_lo, abs_hi)
    return EventMention(
        clause=clause, trigger=prim, span=(abs_lo, abs_hi), counts=c, location=loc, country=country,
        actor1=actor1, actor2=actor2, event_type=etype, sub_event_type=stype,
        date=dated[2] if dated else None, own_date=clause.earlier or any(abs_lo <= x[0] < abs_hi for x in sdates),
        place_span=(loc.start, loc.end) if loc is not None else None,
        date_span=(dated[0], dated[1]) if dated else None,
        count_spans=tuple((sent.start + x.start, sent.start + x.end) for x in counts
                          if x.kind in c and clause.start <= x.start < clause.end),
        place_on_border=not from_dateline and on_governorate_border(ctx.locations, loc, ctx.text),
        is_title=is_title, place_from_dateline=from_dateline, objects="; ".join(f"{o.quantity} {o.noun}" for o in find_objects(ctext)),
        fat_vague="killed" in c and all(not _NUMERIC.search(x.surface) for x in counts
                                        if x.kind == "killed" and clause.start <= x.start < clause.end))


__all__ = ["EventMention", "PlacedDate", "clause_mention"]
