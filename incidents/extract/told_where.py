"""A sentence that tells where and when the event before it happened: "The incident occurred before 10 pm last
night, Saturday, August 13, in the village of Simoud in southwestern district of Daquq.", or a relative clause
that does ("There was no immediate claim for the attack, which took place late on Wednesday near Dibs"), or a
sentence naming the event by its day ("the Ministry said that Sunday's attack caused casualties").

The event such a sentence tells ("the incident", "the attack") is the one just told, so it gives that event its
place and its date. An event named as the time of another ("two days after the attack which took place on
Saturday", "a day after Sunday's attack") is not the one just told and gives nothing. Two uses:

- ``tells_where_next(ctx, sent)``: the sentence after ``sent`` is such a sentence, so a lead with no place and
  no date of its own ("A 13-year-old boy has been kidnapped by militants of ISIS, security sources said.") is
  still an event (``mentions.clause_mention``);
- ``fill_from(ctx, sent, (sdates, every), row, families)``: give ``row`` (the event told before) the place and the
  date ``sent`` states, where the row has none of its own or its own is vaguer or in another governorate
  (``pipeline``); also when ``sent`` tells only an attempt of the row's
  kind of event ("On Friday, eight ISIS militants attempted to kidnap an Arab shepherd": ``retells_attempt``).

An event told in turn ("The first incident took place in Ozem") is another event, not this one
(``linking.IN_TURN``), and a date of history ("The crime took place on January 9, 2013" in a 2024 report) dates
nothing.
"""

from __future__ import annotations

import re

from incidents.extract.columns import date_columns, location_columns, span_text
from incidents.extract.context import POSSESSIVE_EVENT
from incidents.extract.fields import HISTORY_DAYS
from incidents.extract.linking import IN_TURN
from incidents.extract.types import find_event_triggers, suppressed
from incidents.extract.vocab import alternation

EVENT_NOUN = alternation("event_nouns.txt")   # "the attack", "the ambush", "the clashes"

TOLD_WHERE = re.compile(
    rf"^\W*(?:the|this|that)\s+(?:\w+\s+)?(?:{EVENT_NOUN}|arrest)\s+(?:\w+\s+){{0,2}}?"
    r"(?:occurred|took place|happened|was carried out)\b", re.I)


# the same told as what a source said: "The officials said the attack occurred in the Al-Azim district"
TOLD_WHERE_REPORTED = re.compile(
    r"^\W*(?:[\w'’-]+\s+){1,6}?(?:said|says|added|reported|stated|confirmed|explained)\s+(?:that\s+)?"
    rf"(?P<told>(?:the|this|that|these|those)\s+(?:\w+\s+)?(?:{EVENT_NOUN}s?|arrests?)\s+(?:\w+\s+){{0,2}}?"
    r"(?:occurred|took place|happened|was carried out|were carried out)\b)", re.I)
# what may stand between the told verb and the place for the place to be the event's: no time clause, no comparison
# ("The attack took place hours before the prime minister arrived in Baghdad")
_OTHER_CLAUSE = re.compile(r"\b(?:before|after|while|when|since|until|as|like|similar|retaliation|following|ahead|"
                           r"during|whereas|where|which|who)\b", re.I)


# the same told in a relative clause anywhere in the sentence: "There was no immediate claim for the attack, which
# took place late on Wednesday near Dibs", "the ambush that happened near the village of ..."
TOLD_WHERE_AFTER = re.compile(
    rf"\b(?:the|this|that|these|those)\s+(?:\w+\s+)?{EVENT_NOUN}s?\s*,?\s+(?:which|that)\s+(?:\w+\s+)?"
    r"(?:occurred|took place|happened|was carried out|were carried out)\b", re.I)

# an event named as the time of the one told is another event: "came two days after the attack which took place on
# Saturday near Baiji", "a day after Sunday's attack"
_TIMED_BY = re.compile(r"\b(?:after|since|before|following|prior to|ahead of|until|till)\s+$", re.I)


def told_where_from(text: str) -> int | None:
    """Where in ``text`` (a sentence) the telling of the event before's place and time starts: 0 when the sentence
    opens with it ("The incident occurred ..."), the offset of what a source said of it ("The officials said the
    attack occurred in ...") or of the relative clause that does ("... the attack which took place late on Wednesday
    near Dibs"), or None when it tells neither (nor an event told in turn)."""
    told = _told(text)
    return None if told is None else told[0]


def _told(text: str) -> tuple[int, bool] | None:
    """:func:`told_where_from`'s offset and whether the sentence's subject is the event ("The attack took place
    ...", "The officials said the attack occurred ...", not a relative clause on an event it names), or None."""
    if IN_TURN.match(text):
        return None
    if TOLD_WHERE.match(text):
        return 0, True
    reported = TOLD_WHERE_REPORTED.match(text)
    if reported:
        return None if IN_TURN.match(text[reported.start("told"):]) else (reported.start("told"), True)
    found = TOLD_WHERE_AFTER.search(text)
    if found is None or _TIMED_BY.search(text, 0, found.start()):
        return None
    return found.end(), False


def tells_where(text: str) -> bool:
    """Is ``text`` (a sentence) one that tells where or when the event before happened?"""
    return told_where_from(text) is not None


def tells_where_next(ctx, sent) -> bool:
    """Does the sentence right after ``sent`` (in ``ctx.sentences``, at most one paragraph on) tell where the
    event happened?"""
    after = [s for s in ctx.sentences if s.start >= sent.end]
    return bool(after) and after[0].paragraph - sent.paragraph <= 1 and tells_where(after[0].text)


# an attempt told right before its trigger ("attempted to kidnap", "tried to storm"); not a denial ("no claim for
# the attack") nor a plan
_ATTEMPT_BEFORE = re.compile(r"\b(?:attempt(?:s|ed|ing)?|tried|tries|trying|sought)\s+to\s+(?:\w+\s+)?$", re.I)
_ATTEMPT_WORD = re.compile(r"\b(?:attempt(?:s|ed|ing)?|tried|tries|trying|sought)\s+to\s", re.I)   # its cheap gate


def retells_attempt(text: str, families: set[str]) -> bool:
    """Does ``text`` (a sentence) tell only an attempt of a kind of event just told (``families``: the event
    families of the rows of its paragraph and the one before; "Around 3:30 p.m. on Friday, eight ISIS militants
    attempted to kidnap an Arab shepherd ..." after "the extremist group kidnapped a shepherd")? Every trigger of it
    is suppressed as planned or attempted, and one of such a family follows "attempted to" or "tried to": the sentence
    tells that event, so its place and day are the event's."""
    if not _ATTEMPT_WORD.search(text):
        return False   # most sentences tell no attempt: no trigger search for them
    triggers = find_event_triggers(text)
    return (bool(triggers) and all(suppressed(text, t) for t in triggers)
            and any(t.family in families and _ATTEMPT_BEFORE.search(text, max(0, t.start - 40), t.start) for t in triggers))


def _governorates(places) -> set[tuple[str, str]]:
    """The (country, governorate) pairs of the Locations ``places``."""
    return {(loc.country, loc.admin1) for loc in places}


def _first_place(ctx, sent, start: int | None = None):
    """The first place below country level that ``sent`` names (from offset ``start`` of the text on, when given),
    or None (also when its places lie in two governorates)."""
    lo = sent.start if start is None else start
    places = [loc for loc in ctx.locations.within(lo, sent.end) if loc.kind != "country"]
    if len(_governorates(places)) > 1:
        return None   # "in a rural area between Diyala and Salahuddin provinces": no one place
    return places[0] if places else None


def _news_date(ctx, sdates: list):
    """The first usable date of the sentence ((start, end, DateMention)) that is not history, or None."""
    for x in sdates:
        d = x[2]
        if d.date_start and not getattr(d, "future", False):
            if ctx.published and d.date_end and (ctx.published - d.date_end).days > HISTORY_DAYS:
                return None
            return x
    return None


# the event before named by its day: "the Ministry said that Sunday's attack caused casualties", "Thursday's bombing"
_DAY_OF_EVENT = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday)" + POSSESSIVE_EVENT, re.I)


def fill_from(ctx, sent, dates: tuple[list, list], row: dict, families: frozenset[str] | set[str] = frozenset()) -> None:
    """Give ``row`` the place and date ``sent`` tells (when ``sent`` is such a sentence and the row lacks its own
    place or has only a country, or has no date; a sentence whose subject is the event also overrides a vaguer or
    other governorate's place: :func:`_told_place_wins`), or only the day when ``sent`` names the event by it ("the
    Ministry said that Sunday's attack caused casualties"). In: the article context, the sentence, its resolved date
    mentions (absolute (start, end, DateMention, ...)) as a pair: those that date events and every one (with the
    days of saying), the row of the event before, which is updated in place, and the event families told near
    (``retells_attempt``)."""
    sdates, every = dates
    told_as = _told(sent.text)
    told, subject = told_as if told_as is not None else (None, False)
    if told is None and not retells_attempt(sent.text, families):
        named = _DAY_OF_EVENT.search(sent.text)
        if named is not None and not row.get("date_start") and not _TIMED_BY.search(sent.text, 0, named.start()):
            at = sent.start + named.start()
            _fill_date(ctx, row, [x for x in every if x[0] <= at < x[1]])
        return
    loc = _first_place(ctx, sent, sent.start + (told or 0))
    if loc is not None and (not row.get("_own_place") or row.get("_weak_place") or not row.get("admin1")
                            or (subject and _told_place_wins(ctx, sent, told, row, loc))):
        row.update(location_columns(loc))
        row.update(place_span=span_text(ctx.article, (loc.start, loc.end)), _own_place=True, _weak_place=False,
                   _border_place=False, _region=bool(loc.region))
    if not row.get("date_start"):
        _fill_date(ctx, row, sdates)


def _told_place_wins(ctx, sent, told: int, row: dict, loc) -> bool:
    """A sentence saying where the event happened overrides the row's own place when the place follows its verb
    with no time clause or comparison between (:data:`_OTHER_CLAUSE`) and names another governorate ("north of
    Baghdad" in the lead, "the attack occurred in the Al-Azim district, north of Baqouba in Diyala province" after
    it) or a place at least as precise; a vaguer place inside the row's governorate adds nothing."""
    if _OTHER_CLAUSE.search(ctx.text, sent.start + told, loc.start):
        return False
    return loc.admin1 != row.get("admin1") or int(loc.geo_precision or 3) <= int(row.get("geo_precision") or 3)


def _fill_date(ctx, row: dict, sdates: list) -> None:
    """Date ``row`` (in place) by the first usable, not historical date of ``sdates`` (none: the row is left)."""
    dated = _news_date(ctx, sdates)
    if dated is not None:
        row.update(date_columns(dated[2]))
        row.update(date_span=span_text(ctx.article, dated[:2]), _own_date=True)


LEAD_REACH = 2   # paragraphs after the lead whose placeless events take the lead's place


def lead_place(ctx, sent):
    """The place the article's lead paragraph sets its story in, for an event of ``sent`` that names none and
    has none in its paragraph ("In the village of Kifri, ... ISIS attempted to kidnap a shepherd." / two
    paragraphs on: "The militants killed the shepherd"): the lead's most precise place when every place the lead
    names lies in one governorate and ``sent`` is at most ``LEAD_REACH`` paragraphs after it; else None (a lead
    that names two governorates tells no single story's place; the lead's own sentences are placed by
    ``fields.place_for``)."""
    if ctx.lead_start is None:
        return None
    lead = next((s.paragraph for s in ctx.sentences if s.start == ctx.lead_start), None)
    if lead is None or not 0 < sent.paragraph - lead <= LEAD_REACH:
        return None
    places = [loc for loc in ctx.locations.within(*ctx.para_spans[lead]) if loc.kind != "country"]
    if not places or len(_governorates(places)) != 1 or not places[0].admin1:
        return None
    return min(places, key=lambda loc: int(loc.geo_precision or 3))
