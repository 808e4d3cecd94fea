"""Event clauses of a sentence and the trigger that names each clause's event.

``split_clauses(sentence, triggers, has_place) -> list[Clause]`` cuts a sentence at clause
boundaries ("; ", ", while", ", accompanied by", a fronted "Two days after <event>,", "and" before a
new noun phrase; an earlier event told as the time of this one, ", a day after five soldiers were killed by an
IED", is a clause of its own when a strong trigger names it, else it is left out); a piece stands as its own event only if it and the piece before it each have a
strong trigger *and* a place of their own, else it joins the piece before it ("killing a border guard
and wounding three others" stays with the attack); a piece that only gives another count at a place of
its own ("nabbed 12 suspects in Anbar and seven others in Salahuddin") is the same kind of event there,
told by the verb it leaves out (``Clause.gapped``). ``primary_trigger`` picks the clause's trigger.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from incidents.extract.counts import number_value
from incidents.extract.sentences import Sentence
from incidents.extract.types import Trigger

_BOUNDARY = re.compile(
    r"^(?:[^,/]{0,40}/\s*)?(?:\w+\s+(?:days?|weeks?|hours?|months?)\s+)?(?:after|before|following)\s+[^,]{5,160},\s+"
    r"|;\s+|,\s+(?:while|whereas|meanwhile|accompanied by|in addition to|as well as|and in|whilst)\s+"
    r"|\s+while\s+|\.\s+(?=[A-Z])"
    r"|,?\s+and\s+(?=(?:an?|the|two|three|four|five|six|seven|eight|nine|ten|\d+)\s)", re.I)
_ARREST_BY = re.compile(r"\s+(?:in|during|through)\s+(?:an?|the)\s+(?:\w+\s+){0,2}?(?:ambush|raid|operation|sting)\b",
                        re.I)
# a piece that tells the verb before it again with another count and place ("and seven others in Salahuddin")
_GAPPED_PIECE = re.compile(r",?\s*(?:and\s+)?(?P<qty>\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                           r"(?:others|more)\b", re.I)
# an earlier event told as the time of this one: ", a mere day after five Peshmerga were killed by an IED", "two days
# before a bombing killed three": its counts are that event's; it is an event of its own only where it stands alone
_EARLIER_EVENT = re.compile(r",\s+(?:(?:a\s+)?(?:mere|just|only|barely)\s+)?(?:(?:a|an|one|two|three|four|five|six|"
                            r"seven|\d+|several|a few)\s+)?(?:days?|hours?|weeks?|months?)\s+(?:after|before)\s+(?=\w+\s+\w+)",
                            re.I)
ACTIVE_KILL = re.compile(r"\b(?:kill(?:ed|ing|s)?|eliminat(?:ed|ing|e)|neutrali[sz](?:ed|ing|e)|shot dead|slain)\b", re.I)


@dataclass
class Clause:
    """A stretch ``sentence.text[start:end]`` (sentence-relative offsets) told as one event, with its triggers."""

    start: int
    end: int
    sentence: Sentence
    triggers: list[Trigger] = field(default_factory=list)
    gapped: Trigger | None = None   # the verb left out: "... and seven others in Salahuddin" tells it again
    earlier: bool = False           # another event told as the time of this one: ", a day after five were killed"
    offset_days: int | None = None  # that event's day minus the other's ("a day after" -1), None when not told

    def relative_triggers(self) -> list[Trigger]:
        """The clause's triggers with offsets relative to the clause's own text; a gapped clause's is the
        verb it leaves out, placed (empty) at its count ("and | seven others in Salahuddin")."""
        if not self.triggers and self.gapped is not None:
            g, at = self.gapped, _GAPPED_PIECE.match(self.sentence.text, self.start).start("qty") - self.start
            return [Trigger(at, at, g.event_type, g.sub_event_type, g.rule, g.strength, g.family)]
        return [Trigger(t.start - self.start, t.end - self.start, t.event_type, t.sub_event_type, t.rule,
                        t.strength, t.family) for t in self.triggers]


def split_clauses(sentence: Sentence, triggers: list[Trigger], has_place: Callable[[int, int], bool]) -> list[Clause]:
    """Cut a sentence into event clauses (see the module docstring).

    In: the sentence, its live triggers (offsets relative to the sentence) and has_place(start, end)
    telling whether a place lies in that sentence-relative stretch. Out: clauses with their triggers.
    """
    earlier = _EARLIER_EVENT.search(sentence.text)
    told_before = earlier.start() if earlier and earlier.start() > 0 else len(sentence.text)
    offset = _offset_days(earlier.group()) if earlier else None
    cuts = sorted({0, told_before, len(sentence.text)} | {m.end() for m in _BOUNDARY.finditer(sentence.text)})
    pieces = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]
    clauses: list[Clause] = []
    for s, e in pieces:
        ts = [t for t in triggers if s <= t.start < e]
        stands_alone = any(t.strength == "strong" for t in ts) and has_place(s, e)
        if s < told_before and _TIMED_BY_OTHER.fullmatch(sentence.text, s, told_before):
            continue   # "The bombing came, | three days after ...": the event told before, timed by another
        if s >= told_before:   # the earlier event a time is told by: its own clause, never this event's counts
            if _tells_other_event(sentence.text, s, e, ts, has_place):
                lead = len(sentence.text[s:e]) - len(sentence.text[s:e].lstrip(" ,"))
                clauses.append(Clause(s + lead, e, sentence, list(ts), earlier=True, offset_days=offset))
            continue
        # the piece before must be a whole event too: "destroyed 11 hideouts and | three tunnels in Salaheddine
        # and seized ..." is one event whose place comes last
        previous_is_event = bool(clauses) and (
            any(t.strength == "strong" for t in clauses[-1].triggers) and has_place(clauses[-1].start, clauses[-1].end))
        gapped = previous_is_event and not ts and has_place(s, e) and _GAPPED_PIECE.match(sentence.text, s)
        if gapped:   # "nabbed 12 suspects in Anbar | and seven others in Salahuddin": the same verb, another place
            clauses.append(Clause(s, e, sentence, [], primary_trigger(clauses[-1].relative_triggers(),
                                                                      sentence.text[clauses[-1].start:clauses[-1].end])))
            clauses[-1].gapped = _absolute(clauses[-1].gapped, clauses[-2].start)
        elif clauses and (not stands_alone or not previous_is_event):
            clauses[-1].end = e
            clauses[-1].triggers.extend(ts)
        else:
            clauses.append(Clause(s, e, sentence, list(ts)))
    return clauses


_TIMED_BY_OTHER = re.compile(r"\W*(?:the|this|that|it|which)\s+(?:[\w-]+\s+){0,2}?(?:came|comes|followed|follows|happened|"
                             r"occurred|took place|was carried out)\W*", re.I)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:\w+\s+)?$", re.I)
_NUMBER_WORD = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?)\b", re.I)


def _tells_other_event(text: str, s: int, e: int, ts: list[Trigger], has_place: Callable[[int, int], bool]) -> bool:
    """Does the piece text[s:e] after a time marker (", hours after ...") tell an event of its own: a strong
    trigger, and a place, a number or an event not named by a definite noun ("a day after five Peshmerga were
    killed")? "hours after the attack on the market" names the event already told."""
    strong = [t for t in ts if t.strength == "strong"]
    if not strong:
        return False
    definite = bool(_DEFINITE_BEFORE.search(text, s, strong[0].start))
    return not definite or has_place(s, e) or bool(_NUMBER_WORD.search(text, s, e))


def _offset_days(marker: str) -> int | None:
    """Days from the event a marker names to the one it times: ", a mere day after" -1, "two days before" +2,
    "hours after" 0; None for "days after" or weeks and months (no day told)."""
    words = marker.lower().replace(",", " ").split()
    unit, direction = words[-2], words[-1]
    sign = -1 if direction == "after" else 1
    if unit.startswith("hour"):
        return 0
    if not unit.startswith("day"):
        return None
    number = words[-3] if len(words) >= 3 else ""
    n = 1 if number in ("an", "mere", "just", "only") else number_value(number)
    return None if n is None else sign * n


def _absolute(trig: Trigger | None, offset: int) -> Trigger | None:
    """A clause-relative trigger moved back to sentence offsets."""
    if trig is None:
        return None
    return Trigger(trig.start + offset, trig.end + offset, trig.event_type, trig.sub_event_type, trig.rule,
                   trig.strength, trig.family)


def primary_trigger(triggers: list[Trigger], text: str) -> Trigger | None:
    """The trigger that names the clause's event: the most specific strong one, else a killing verb
    (the caller then requires a killed count); an arrest made "in an ambush" or "in a raid" is the arrest.
    In: clause-relative triggers and the clause text."""
    strong = [t for t in triggers if t.strength == "strong"]
    for t in strong:   # "suspects were arrested in an ambush": the ambush is how they were taken
        if t.family == "arrest" and _ARREST_BY.match(text, t.end):
            return t
    if strong:
        return max(strong, key=lambda t: (t.priority, -t.start))
    for t in triggers:   # "the CTS killed four militants", "a PMF fighter was killed near Tarmiyah"
        if t.family == "kill" and ACTIVE_KILL.fullmatch(text[t.start:t.end]):
            return t
    return None
