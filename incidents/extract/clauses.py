"""Event clauses of a sentence and the trigger that names each clause's event.

``split_clauses(sentence, triggers, has_place) -> list[Clause]`` cuts a sentence at clause
boundaries ("; ", ", while", ", accompanied by", a fronted "Two days after <event>,", "and" before a
new noun phrase); a piece stands as its own event only if it and the piece before it each have a
strong trigger *and* a place of their own, else it joins the piece before it ("killing a border guard
and wounding three others" stays with the attack); a piece that only gives another count at a place of
its own ("nabbed 12 suspects in Anbar and seven others in Salahuddin") is the same kind of event there,
told by the verb it leaves out (``Clause.gapped``). ``primary_trigger`` picks the clause's trigger.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

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
ACTIVE_KILL = re.compile(r"\b(?:kill(?:ed|ing|s)?|eliminat(?:ed|ing|e)|neutrali[sz](?:ed|ing|e)|shot dead|slain)\b", re.I)


@dataclass
class Clause:
    """A stretch ``sentence.text[start:end]`` (sentence-relative offsets) told as one event, with its triggers."""

    start: int
    end: int
    sentence: Sentence
    triggers: list[Trigger] = field(default_factory=list)
    gapped: Trigger | None = None   # the verb left out: "... and seven others in Salahuddin" tells it again

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
    cuts = [0] + [m.end() for m in _BOUNDARY.finditer(sentence.text)] + [len(sentence.text)]
    pieces = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1) if cuts[i + 1] > cuts[i]]
    clauses: list[Clause] = []
    for s, e in pieces:
        ts = [t for t in triggers if s <= t.start < e]
        stands_alone = any(t.strength == "strong" for t in ts) and has_place(s, e)
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
