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
   elsewhere). "X claimed responsibility for the attack" and "the commander accused Daesh of carrying
   out the Qayyara attack" name the initiator of the event before and tell no event. "The incident
   occurred last night in the village of Simoud ..." gives the event before its place and day
   (``told_where``), so a lead with neither ("A boy has been kidnapped by ISIS militants.") is an event.
6. The headline gives rows marked ``_title``: they only lend fields (a count) to a body row that
   dedupe merges them with, and never stand alone.
7. After the article is read: "The kidnapping came four days after <other event>" dates the row
   from the article's dated row of that kind, and a round-up lead that tells no event itself
   ("Security incidents in Iraq on Monday left ...") dates the undated events it lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from incidents.extract import actors as A
from incidents.extract.actors import find_actors, for_country, inter_code, interaction
from incidents.extract.clauses import split_clauses
from incidents.extract.context import ArticleContext, read_context
from incidents.extract.counts import find_counts, number_value, without_superseded
from incidents.extract.dates import DateMention
from incidents.extract.fields import HISTORY_DAYS, SAME_PERIOD, resolve_relative, told_after, usable
from incidents.extract.linking import NEAR_PARAGRAPHS, SEPARATE, TOLL_UPDATE, link_article
from incidents.extract.mentions import clause_mention
from incidents.extract.rows import fmt_int, incident_row, make_note
from incidents.extract.sentences import Sentence
from incidents.extract.spans import PlacedDates
from incidents.extract.told_days import weekdays_in
from incidents.extract.told_where import fill_from
from incidents.extract.types import find_event_triggers, may_hold_trigger, non_incident_reason, suppressed
from incidents.schema import ISLAMIC_STATE

_ANAPHOR = re.compile(
    r"^\W*(?:(?:one|two|three|some|most|all|none|each|both|several)\s+of\s+(?:them|those|the\s+\w+)\b"   # "One of the shepherds"
    # "The six were killed in Taza Khurmatu district": the people a number counted just before
    r"|(?:the|all|these|those)\s+(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(?:\w+\s+)?"
    r"(?:were|had been|have been|was|died|lost)\b"
    # "Sudani said the operation targeted ...": the event before, told by someone
    r"|(?:(?:[\w.'’-]+,?\s+){1,12}?(?:said|says|added|noted|stated|explained|confirmed)\s+(?:that\s+)?)?"
    r"(?:(?:the|these|those)\s+(?:abducted|kidnapped|killed|slain|wounded|injured|detained|arrested|captured)\s+\w+"
    r"|(?:the|this|that|these|those|such)\s+(?:\w+\s+){0,2}?"
    r"(?:strikes?|airstrikes?|raids?|attacks?|operations?|bombings?|blasts?|explosions?|ambush(?:es)?|"
    r"clashes|assaults?|shelling|campaign|offensive|incident|abduction|kidnapping|killing|assassination|"
    r"attackers|assailants|gunmen|shells|rockets|mortars|bomber|device|militants|kidnappers))\b)", re.I)
# matched at a paragraph's start with ``match(text, start, end)`` (no slice: paragraphs can be long)
_MEANWHILE = re.compile(r"\W*(?:meanwhile|in the meantime|separately|elsewhere|also)\b", re.I)
# "due to the attack", "after this bombing": the cause or time of what a sentence tells, named by an event before
_BACK_REFERENCE = re.compile(r"\b(?:due to|after|following|in response to|in the wake of|because of|since|"
                             r"in retaliation for|claim(?:ed|s|ing)?(?:\s+responsibility\s+for)?)\s+(?:the|this|that)\s+"
                             r"(?:\w+\s+)?$", re.I)
_SAYS_WHICH = re.compile(r"\s+(?:that|which|on|in|near|at|against|targeting|by|of)\b", re.I)   # "the killing of two soldiers"
_AGGREGATE = re.compile(r"\b(?:over|more than|hundreds of|dozens of|scores of)\s+\d*\s*(?:targets|sites|locations)\b", re.I)
CLAIMED_OBJECT = 20   # characters of "the attack" after "claimed": a trigger farther on tells another event
_CLAIM = re.compile(r"\bclaim(?:ed|s)? responsibility for\s+(the|this|that|these|its|their)?\b"
                    # "ISIS claimed the attack" (not "claimed the lives of 12": a toll)
                    r"|\bclaim(?:ed|s)?\s+(the|this|that|these|its|their)\s+(?=(?:[\w-]+\s+)?(?:attacks?|bombings?|blasts?|"
                    r"explosions?|assaults?|ambush(?:es)?|operations?|raids?)\b)", re.I)   # not "claimed the killing of two soldiers"
# "On Tuesday, the JOC reported that ...": a date told before the report verb whose clause tells the event
_REPORTED_THAT = re.compile(r"\b(?:reported|said|announced|stated|confirmed|revealed|disclosed|declared)\s*"
                            r"(?:in a statement\s*|on its [\w ]{1,20}account\s*)?(?:that\b|:)", re.I)
_CLAIMED_BY = re.compile(r"^\W*(?:it|this|the \w+)\s+(?:was|were|has been|had been)\s+(?:\w+\s+)?claimed by\b", re.I)
# "the bomb was allegedly planted by members of IS": the event told before is put down to an actor named after
_ATTRIBUTED_BY = re.compile(
    r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:bombs?|devices?|attacks?|explosions?|blasts?|ambush(?:es)?|IEDs?|mines?|"
    r"bombings?|assaults?|explosives|rockets?|shells)\s+(?:was|were|had been|has been|is|are)\s+(?:(?:\w+ly|said|thought|believed)\s+"
    r"(?:to\s+have\s+been\s+)?)?(?:planted|placed|carried out|perpetrated|staged|laid|detonated|set off|orchestrated|"
    r"launched|fired|claimed)\s+by\b", re.I)
# "the commander accused Daesh of carrying out the Qayyara attack", "blamed IS for the attack", "blamed it on IS":
# the event told before is put down to an actor (``who``); the accusation tells no event of its own
_BLAMED = re.compile(
    r"\b(?:accused|accuses|accusing|blamed|blames|blaming)\s+(?P<who>(?:[\w'’-]+\s+){1,6}?)(?:of|for)\s+"
    r"(?:(?:carrying out|being behind|staging|launching|committing|perpetrating|conducting|masterminding|orchestrating)\s+)?"
    r"(?:the|this|that|these|those|its|their|\w+day's|\w+day’s)\s"
    r"|\b(?:blamed|blames|blaming)\s+(?:the|this|that|these|those|it|them)\s+(?:[\w'’-]+\s+){0,3}?on\s+(?P<by>[^.;,]{2,60})",
    re.I)
# the report says nobody has (yet) claimed the attack: its initiator is unknown
UNCLAIMED = re.compile(
    r"\b(?:not|never)\s+(?:(?:yet|been|immediately|officially|publicly|so far)\s+){0,3}claimed\b|\bunclaimed\b"
    r"|\bno(?:body| one|ne| group| party| side| faction| organi[sz]ation)(?: or (?:group|individual|party))?\s+"
    r"(?:(?:has|had|have|yet|immediately|so far|publicly|officially)\s+){0,3}(?:claimed|took|taken|came forward)\b"
    r"|\b(?:there (?:was|has been|had been) )?no (?:immediate |official )?claim of responsibility\b", re.I)
_SUMMARY_LEAD = re.compile(r"\b(?:security )?(?:incidents|attacks|violence|clashes)\b", re.I)
_TOLL_TO = re.compile(r"\b(?:rose|risen|rises|climbed|increased|jumped|reached|went up|grew)\s+to\s+([\w-]+)", re.I)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")

__all__ = ["extract_article", "make_note"]


@dataclass
class _Reading:
    """What the sentence stage carries from one sentence to the next of one article."""

    rows: list[dict] = field(default_factory=list)
    last_window: DateMention | None = None    # the last dated event window, for "in the same week"
    last_span: tuple[int, int] | None = None  # where that window is written
    last_row_by_para: dict[int, dict] = field(default_factory=dict)
    links: list[tuple[dict, int, str]] = field(default_factory=list)   # (undated row, days after, other event)
    same_period: dict[int, bool] = field(default_factory=dict)  # paragraph -> says "in the same week"
    dates: dict[tuple[int, bool], PlacedDates] = field(default_factory=dict)  # see _paragraph_dates
    summed_up: int | None = None  # paragraph of the sentence before, when it summed up a toll (_continues_summary)


def extract_article(article, gazetteer) -> list[dict]:
    """Candidate incident rows of one article (see the module docstring for the rules).

    In: an ``incidents.corpus.articles.Article`` and a loaded ``incidents.places.geo.Gazetteer``. Out: list of dicts
    keyed by INCIDENT_COLUMNS plus private "_" keys (dropped by the build). Offsets in
    span_start/span_end point into ``article.text``; quote == article.text[span_start:span_end].
    """
    ctx = read_context(article, gazetteer)
    if ctx is None:
        return []
    reading = _Reading()
    for sent in ctx.sentences:
        _read_sentence(ctx, sent, reading)
        _note_unclaimed(sent, reading)
    for row, days, ref_text in reading.links:
        _date_from_linked_event(row, days, ref_text, reading.rows, ctx.published)
    _date_from_summary_lead(reading.rows, ctx.sentences, ctx.title_end, ctx.para_dates)
    events, _decisions = link_article(reading.rows)
    day = ctx.published.isoformat() if ctx.published else ""
    for event in events:   # the day it was reported: dedupe compares undated reports by it
        event["_published"] = day
    return events


def _read_sentence(ctx: ArticleContext, sent: Sentence, reading: _Reading) -> None:
    """The sentence stage: links to the event before, then one row per event clause (``reading`` is updated)."""
    raw = _paragraph_dates(ctx, sent.paragraph, reading, False).starting_in(sent.start, sent.end)
    every = resolve_relative(raw, reading.last_window, ctx.published)   # with the days of saying
    _note_linked_date(sent, every, reading)
    sdates = resolve_relative(told_after(ctx.text, raw), reading.last_window, ctx.published)
    dated = [x for x in sdates if usable(x[2])]
    if dated:
        reading.last_window, reading.last_span = dated[0][2], dated[0][:2]
    if reading.rows and sent.paragraph - int(reading.rows[-1]["_paragraph"]) <= 1:
        near = {str(r.get("_family")) for r in reading.rows if sent.paragraph - int(r["_paragraph"]) <= 1}
        fill_from(ctx, sent, (sdates, every), reading.rows[-1], near)   # "The incident occurred last night in ..."
    if _claims_event_before(sent, reading) or _updates_toll(sent, reading):
        return
    if not _may_tell_event(ctx, sent, sdates):
        return
    triggers = [t for t in find_event_triggers(sent.text) if not suppressed(sent.text, t)
                and not (reading.rows and _refers_back(sent.text, t)) and not _captures_place(ctx, sent, t)]
    if not triggers:
        return
    reason = non_incident_reason(sent.text) or ("statistics" if _AGGREGATE.search(sent.text) else None)
    follows_summary = _continues_summary(sent, sdates, reading)
    summary = reason == "statistics" or (reason == "generic" and _PERIOD.search(sent.text))
    reading.summed_up = sent.paragraph if summary and _NUMBER.search(sent.text) else None
    if reason or follows_summary:
        return

    def has_place(lo: int, hi: int, base=sent.start) -> bool:
        return any(loc.kind != "country" for loc in ctx.locations.within(base + lo, base + hi))

    counts = without_superseded(find_counts(sent.text), sent.text)
    for clause in split_clauses(sent, triggers, has_place):
        mention = clause_mention(ctx, clause, counts, sdates, sent.end <= ctx.title_end)
        if mention is None:
            continue
        if mention.date is None and not mention.own_date:
            found = _context_date(ctx, sent, reading)
            mention.date, mention.date_span = (found[2], found[:2]) if found else (None, None)
        continues = bool(_ANAPHOR.search(sent.text)) and (
            sent.paragraph in reading.last_row_by_para or sent.paragraph - 1 in reading.last_row_by_para)
        row = incident_row(mention, ctx.article, ctx.article.analysis().to_source(*mention.span), continues)
        row["_claim_date"] = _dated_by_claim(sent, mention)
        row["_lead_weekdays"] = _undated_lead_weekdays(ctx) if mention.date is None and not mention.own_date else ()
        reading.rows.append(row)
        reading.last_row_by_para[sent.paragraph] = row


def _undated_lead_weekdays(ctx: ArticleContext) -> tuple[int, ...]:
    """In an article with no publication date, the one weekday its lead names ("Four people were killed in two
    attacks ... on Wednesday"), as a 1-tuple (0 Monday); () when the article is dated or the lead names none or
    several."""
    if ctx.published is not None or ctx.lead_start is None:
        return ()
    lead = next((s for s in ctx.sentences if s.start == ctx.lead_start), None)
    days = weekdays_in(lead.text) if lead is not None else set()
    return tuple(days) if len(days) == 1 else ()


_PERIOD = re.compile(r"\b(?:last|this|past|previous) (?:year|years|months?|weeks)\b|\bin (?:19|20)\d\d\b|\bsince\b"
                     r"|\b(?:over|during|in) the (?:past|last|previous)\b", re.I)
_NUMBER = re.compile(r"\b(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds)\b", re.I)


def _continues_summary(sent: Sentence, sdates: list, reading: _Reading) -> bool:
    """Does ``sent`` go on with the toll the sentence before summed up ("Forces eliminated more than 40 militants
    in operations across the province last year." / "The commander said 43 militants were killed as forces
    dismantled positions")? Yes when the sentence right before it (at most a paragraph back) was statistics, or
    generic over a period ("last year", "since", "in 2025"), with a number in it, and ``sent`` has no date of its
    own and announces no new event."""
    return (reading.summed_up is not None and sent.paragraph - reading.summed_up <= 1 and not sdates
            and not SEPARATE.search(sent.text))


def _refers_back(text: str, trig) -> bool:
    """"Operations were carried out near Dakuk due to the attack": a trigger noun named as the cause or the
    time of what the sentence tells ("after the attack", "in response to the bombing"), or as what a claim is about
    ("ISIS claimed the attack, as well as ..."), is the event told before, not a new one, unless the sentence says which ("after the attack that killed", "... on Sunday")."""
    return bool(_BACK_REFERENCE.search(text, max(0, trig.start - 40), trig.start)) and not _SAYS_WHICH.match(
        text, trig.end)


def _dated_by_claim(sent: Sentence, mention) -> bool:
    """Is the mention dated only by the day of a claim or a report ("ISIS yesterday claimed responsibility for
    a bombing", "On Tuesday, the Joint Operations Command reported that F-16 jets ...")? Linking then lets a
    body row with the event's own day join it and give it that day; alone, the row keeps the report's day."""
    span = getattr(mention, "date_span", None)
    if mention.date is None or not span:
        return False
    claim = _CLAIM.search(sent.text)
    if claim and span[0] < sent.start + claim.start():
        return True
    trigger_at = mention.clause.start + mention.trigger.start   # sentence-relative
    told = _REPORTED_THAT.search(sent.text, max(0, span[1] - sent.start), trigger_at)
    return told is not None and sent.start <= span[0]


def _may_tell_event(ctx: ArticleContext, sent: Sentence, sdates: list) -> bool:
    """False for a sentence that cannot tell news: no trigger word, only future dates, or history ("Key cities
    ... were captured in June 2014" in a 2018 report) unless it also dates its event otherwise or gives the number
    of its dead or wounded (a recap of an earlier attack: the guidelines code it)."""
    if not may_hold_trigger(sent.text):
        return False
    if sdates and all(getattr(x[2], "future", False) for x in sdates) and not any(x[2].date_start for x in sdates):
        return False
    years = [int(y) for y in _YEAR.findall(sent.text)]
    if ctx.now and years and max(years) < ctx.now.year - 1 and not any(x[2].rule != "year" for x in sdates):
        return False
    dated = [x[2] for x in sdates if usable(x[2]) and x[2].date_end]
    # "Key cities ... were captured in June 2014" in a 2018 report: history, not news; but a recap of an earlier
    # attack with its day and a number of its dead is an incident ("A twin suicide bombing in Baghdad in January
    # last year killed 31 people"; "killing dozens of guards" in 2014 stays background)
    if ctx.published and dated and all((ctx.published - d.date_end).days > HISTORY_DAYS for d in dated):
        return any(_numbered_casualties(sent.text, c) for c in find_counts(sent.text))
    return True


_CAPTURED = re.compile(r"captur|seiz|took|overr", re.I)
_PLACE_GAP = re.compile(r"\s+(?:the\s+)?(?:(?:town|city|village|district|area)\s+of\s+)?$", re.I)


def _captures_place(ctx: ArticleContext, sent: Sentence, trigger) -> bool:
    """Is an arrest trigger a place taken, not people ("IS militants captured Gwer and Makhmour", "seized the town
    of Baiji")? True when a named place (not a country) is the verb's object, right after it."""
    if trigger.family != "arrest" or not _CAPTURED.match(sent.text, trigger.start):
        return False
    end = sent.start + trigger.end
    near = ctx.locations.within(end, end + 40)
    return bool(near) and near[0].kind != "country" and bool(_PLACE_GAP.fullmatch(ctx.text, end, near[0].start))


def _numbered_casualties(text: str, count) -> bool:
    """Does ``count`` (a CountMention in ``text``) give a number of dead or wounded ("31", "at least four"),
    not a vague amount ("dozens of", "thousands of")?"""
    words = text[count.quantity_start:count.quantity_end].split()
    return count.kind in ("killed", "wounded") and bool(count.low) and any(number_value(w) for w in words)


def _context_date(ctx: ArticleContext, sent: Sentence, reading: _Reading) -> tuple | None:
    """The date of a clause with none of its own, as (start, end, DateMention): the paragraph's last
    earlier date, else the article's last window after "Meanwhile" or "in the same week"; None otherwise."""
    lo, hi = ctx.para_spans[sent.paragraph]
    earlier = _paragraph_dates(ctx, sent.paragraph, reading, True).starting_in(0, sent.start)
    if earlier:
        return earlier[-1]
    if reading.last_window is not None and (
            _MEANWHILE.match(ctx.text, lo, sent.end) or _same_period(ctx, sent.paragraph, reading)):
        return (*reading.last_span, reading.last_window)
    return None


def _paragraph_dates(ctx: ArticleContext, paragraph: int, reading: _Reading, event_dates: bool) -> PlacedDates:
    """The paragraph's date mentions (``event_dates``: only those that can date an event by themselves),
    indexed once per paragraph (cached in ``reading``)."""
    key = (paragraph, event_dates)
    found = reading.dates.get(key)
    if found is None:
        dates = ctx.para_dates[paragraph]
        if event_dates:
            dates = [x for x in dates if usable(x[2]) and x[2].relative_to_event is None]
        found = reading.dates[key] = PlacedDates(dates)
    return found


def _same_period(ctx: ArticleContext, paragraph: int, reading: _Reading) -> bool:
    """Does the paragraph say "in the same week" (or the like)? Searched once per paragraph (cached in
    ``reading``), not once per sentence: a paragraph of thousands of sentences would cost its square."""
    found = reading.same_period.get(paragraph)
    if found is None:
        lo, hi = ctx.para_spans[paragraph]
        found = reading.same_period[paragraph] = SAME_PERIOD.search(ctx.text, lo, hi) is not None
    return found


def _note_linked_date(sent: Sentence, sdates: list, reading: _Reading) -> None:
    """"The abduction came a week after the coalition carried out airstrikes in ...": remember to date
    the event before from that other event once the whole article is read."""
    rows = reading.rows
    if not (rows and _ANAPHOR.search(sent.text) and sent.paragraph - int(rows[-1]["_paragraph"]) <= 1):
        return
    for x in sdates:
        if x[3] and x[2].relative_to_event is not None and not x[2].date_start and not rows[-1]["date_start"]:
            reading.links.append((rows[-1], x[2].relative_to_event, sent.text[x[1] - sent.start:]))
            return


def _claims_event_before(sent: Sentence, reading: _Reading) -> bool:
    """"ISIS claimed responsibility for the attack", "It was later claimed by ISIS" or "the bomb was planted by
    members of IS" names the initiator of the event told before (that row is updated). True when the sentence
    is only that claim ("for the/this/its ...", or the passive claim); an attribution may tell more (False)."""
    rows = reading.rows
    blamed = _only_blames(sent) if rows else None
    if blamed is not None:
        if sent.paragraph - int(rows[-1]["_paragraph"]) <= NEAR_PARAGRAPHS:
            _put_down_to(rows[-1], sent.text[blamed.start():blamed.end()], first=True)
        return True
    claim = _CLAIM.search(sent.text) or _CLAIMED_BY.search(sent.text) or _ATTRIBUTED_BY.search(sent.text)
    if not (claim and rows and sent.paragraph - int(rows[-1]["_paragraph"]) <= 1):
        return False
    by = claim.re is not _CLAIM   # "It was later claimed by ISIS": the claimant comes after
    _put_down_to(rows[-1], sent.text[claim.end():] if by else sent.text[:claim.start()], first=by)
    if claim.re is _ATTRIBUTED_BY:
        return False   # "Stating that the attack was carried out by DAESH, Nuri said 1 soldier was killed": read on
    if not by and claim.group(2) and any(t.start > claim.end() + CLAIMED_OBJECT for t in find_event_triggers(sent.text)):
        return False   # "ISIS claimed the attack, ..., as well as a suicide attack at a bus station": read the other
    return by or bool(claim.group(1) or claim.group(2))


def _only_blames(sent: Sentence) -> re.Match | None:
    """"Major General Najim Al Jabouri accused Daesh of carrying out the Qayyara attack": the sentence puts an
    event already told down to an actor (``_BLAMED``) and tells none before the accusation ("Gunmen killed three
    soldiers, and officials blamed IS for the attack" tells one). Out: the accusation's match, else None."""
    blamed = _BLAMED.search(sent.text)
    if blamed is None or any(t.start < blamed.start() for t in find_event_triggers(sent.text)):
        return None
    return blamed


def _put_down_to(row: dict, named: str, first: bool) -> None:
    """Give ``row`` (an event told before) the initiator a claim or an accusation names in ``named`` (its first
    actor when ``first``, for "claimed by ISIS"; else its last, the subject before "claimed"), when the row's is
    unknown and the claimant is not its target."""
    claimant = [m for m in find_actors(named, False) if m.actor != A.CIVILIANS]
    claimant = claimant[:1] if first else claimant[-1:]
    if claimant and row["actor1"] in (A.UNIDENTIFIED, "") and claimant[0].actor != row["actor2"]:
        row["actor1"] = for_country(claimant[0].actor, str(row["country"]))
        i1, i2 = inter_code(row["actor1"]), inter_code(str(row["actor2"]))
        row["inter1"], row["interaction"] = fmt_int(i1), fmt_int(interaction(i1, i2))


def _note_unclaimed(sent: Sentence, reading: _Reading) -> None:
    """"..., which was not immediately claimed" / "No group has claimed responsibility": the attacker of the
    event told last (in this sentence or the paragraph before) is unknown. Its row is marked ``_unclaimed``
    and an Islamic State initiator given only by the article's topic becomes an unidentified group; merges
    keep the mark and do not fill the initiator from another mention (gold/README.md: an unclaimed bombing
    has an unidentified attacker even when it "bore the hallmarks of ISIS")."""
    rows = reading.rows
    if not (rows and UNCLAIMED.search(sent.text)) or sent.paragraph - int(rows[-1]["_paragraph"]) > 1:
        return
    last = rows[-1]
    last["_unclaimed"] = True
    if str(last["actor1"]).startswith(ISLAMIC_STATE.split(" (")[0]):
        last["actor1"] = for_country(A.UNIDENTIFIED, str(last["country"]))
        i1, i2 = inter_code(last["actor1"]), inter_code(str(last["actor2"]))
        last["inter1"], last["interaction"] = fmt_int(i1), fmt_int(interaction(i1, i2))


def _updates_toll(sent: Sentence, reading: _Reading) -> bool:
    """"The death toll has since risen to nine": the killed count of the event told just before becomes
    the update's, the range keeps the earlier figure. True when the sentence is such an update with no
    event trigger of its own (the row before is updated), else False."""
    rows = reading.rows
    if not (rows and TOLL_UPDATE.search(sent.text)) or find_event_triggers(sent.text):
        return False
    killed = [c.best for c in find_counts(sent.text) if c.kind == "killed"]
    to = _TOLL_TO.search(sent.text)
    new = killed[-1] if killed else number_value(to.group(1)) if to else None
    last = rows[-1]
    if new is None or sent.paragraph - int(last["_paragraph"]) > 2:
        return False
    told = [int(last[k]) for k in ("fatalities_low", "fatalities_high", "fatalities") if last.get(k) not in ("", None)]
    last.update(fatalities=new, fatalities_low=min(told + [new]), fatalities_high=max(told + [new]))
    return True


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
    days = {d.date_start for _, _, d in para_dates.get(lead, ()) if usable(d) and d.time_precision == 1}
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
