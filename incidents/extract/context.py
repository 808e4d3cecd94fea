"""What the extraction stages know of one article before reading it sentence by sentence.

``read_context(article, gazetteer) -> ArticleContext | None`` (None when the article can hold no
event): the analysis text, the publication date, sentences and paragraphs, the places located in
the text (these are not places: organisation names such as "Nineveh Operations Command"; escape
routes and where attackers came from; where the wounded were taken, "the injured were taken to Erbil";
a foreign city's name given to an Iraqi village or sub-district, "the sub-district of Riyadh"; the two
governments that dispute a territory, "disputed between Erbil and Baghdad"; where a person comes from,
"a father of two from Halabja"; a capital speaking for its government, "Baghdad announced"; where a
source spoke to the press, "told Rudaw in Erbil"),
the date mentions of each paragraph (report dates such as "said on Monday", "on Tuesday claimed" or a
dateline's "(Sputnik - 12th March, 2023)" or a page's stamp " date 2021-12-03" left out), whether the
article is about ISIS, its home country, where its headline ends, and its "now" (the publication
date, else the latest date the article names) for telling history from news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from incidents.extract.actors import names_isis
from incidents.extract.dates import DateMention, find_dates
from incidents.extract.fields import home_country
from incidents.extract.sentences import Sentence, split_sentences
from incidents.extract.spans import ByStart
from incidents.extract.types import may_hold_trigger
from incidents.extract.vocab import alternation

# where attackers came from or fled to is not where the event happened
_DIRECTION_BEFORE = re.compile(r"\b(?:direction of|towards?|fled (?:to|into)|withdrew (?:to|into)|headed (?:to|for)|"
                               r"escaped (?:to|into)|originated (?:in|from)|launched from|fired from|"
                               r"(?:had |have |has )?(?:come|came|arrived|infiltrated|crossed|sneaked|slipped) (?:in )?(?:via|from|through))"
                               r"\s+(?:the\s+)?(?:[\w-]+[’']s\s+)?$", re.I)
# where the wounded, the dead or captives were taken is not where the event happened: "the injured were taken to
# Erbil", "some of them were transferred to the insurgent stronghold of Fallujah", "airlifted to a hospital in Baghdad"
_TAKEN_TO = re.compile(r"\b(?:taken|transferred|rushed|evacuated|transported|airlifted|brought|moved)\s+(?:\w+\s+)?"
                       r"(?:to|into)\s+(?:(?:the|a|an|nearby|city|town|insurgent|stronghold|provincial|province|capital|"
                       r"general|teaching|military|hospitals?|medical|cent(?:er|re)s?|in|of)\s+){0,5}$", re.I)
# an Iraqi sub-district or village named like a foreign city: "the southwestern sub-district of Riyadh" (Kirkuk)
_SMALL_UNIT_OF = re.compile(r"\b(?:sub-?district|nahi(?:y|ay)?a|village|hamlet)\s+of\s+(?:the\s+)?$", re.I)
# the two governments that dispute a territory, not a place: "a disputed territory between Erbil and Baghdad", "areas
# disputed by Baghdad and Erbil", "the security vacuum between Erbil and Baghdad"
_TWO_GOVERNMENTS = re.compile(r"\b(?:between|by)\s+(?:Erbil|Baghdad|Irbil|Arbil)\s+and\s+(?:Erbil|Baghdad|Irbil|Arbil)\b")
# where a person comes from is not where the event happened: "a father of two from Halabja", "a native of
# Sulaimani", "who hails from Mosul", "originally from Tal Afar"
_ORIGIN_BEFORE = re.compile(r"\b(?:" + alternation("origin_nouns.txt") + r"(?:\s+of\s+(?:\w+|a|an))?\s+(?:from|of)"
                            r"|hail(?:s|ed|ing)?\s+from|originally\s+from|born\s+in)\s+(?:the\s+)?$", re.I)
# a capital that speaks is its government: "Baghdad announced Tuesday", "Erbil has accused", "Damascus says"
_SPEAKS_AFTER = re.compile(r"\s+(?:has\s+|had\s+)?(?:announced|announces|said|says|stated|claimed|confirmed|denied|"
                           r"accused|declared|condemned|insisted|warned|blamed)\b")
# a capital as its government acting, not only speaking: "as Baghdad continues to battle ISIS remnants"
_ACTS_AFTER = re.compile(r"\s+(?:continues|continued|vowed|wants|wanted|demanded|demands|rejected|rejects|agreed|"
                         r"struggles|struggled|sought|seeks|hopes|fears|maintains|has\s+(?:sought|vowed|struggled)|"
                         r"is\s+(?:trying|seeking|struggling|battling|fighting))\b")
_CAPITALS = frozenset({"Baghdad", "Erbil", "Damascus", "Tehran", "Ankara", "Washington"})
_PLACE_WORD_BEFORE = re.compile(r"\b(?:in|near|at|of|from|to|into|around|outside|across)\s+(?:the\s+)?$", re.I)
# where a source spoke to the press is not where the event happened: "told ARA News in Erbil", "said in Baghdad"
_SPOKE_IN = re.compile(r"\b(?:told|said|says|speaking|spoke|talking)\s+(?:to\s+)?(?:[\w.'’-]+\s+){0,3}?in\s+(?:the\s+)?$",
                       re.I)
# where a reporter is based is not where the event happened: "Esta Media Network reporter in Kirkuk said four
# members ... were killed", "our correspondent in Mosul reported"
_REPORTER_IN = re.compile(r"\b(?:reporter|correspondent|journalist|stringer|bureau)s?\s+in\s+(?:the\s+)?$", re.I)
_REPORTER_SPOKE_AFTER = re.compile(r"\s*(?:,\s*[^,.;]{1,40},\s*)?(?:said|says|reported|reports|told|added|confirmed|"
                                   r"stated|quoted)\b", re.I)
# a capital that opens a sentence as where the government spoke of an event elsewhere: "In Baghdad, an Interior
# Ministry official confirmed the attack and reported that seven policemen ... had been killed"
_IN_CAPITAL_BEFORE = re.compile(r"(?:^|[.!?\n]\s*)\W*In\s+$")
_GOVERNMENT_SPOKE_AFTER = re.compile(
    r"\s*,\s+(?:[\w'’-]+\s+){0,4}?(?:ministry|ministries|government|prime minister|premier|spokesman|spokesperson|"
    r"spokeswoman|authorities|cabinet)\b(?:\s+[\w'’-]+){0,3}?\s+(?:said|says|confirmed|announced|reported|stated|"
    r"told|added|denied|declared)\s+(?:that\s+)?(?:the|this|that)\s+(?:[\w-]+\s+)?" + alternation("event_nouns.txt")
    + r"s?\b", re.I)   # ... of an event already told ("confirmed the attack"), not news of its own
# a place name that is part of an organisation's name: "Nineveh Operations Command", "Kirkuk police"
_ORG_AFTER = re.compile(r"\s*(?:Operations Command|Operations|Police Command|police|Police|Provincial Council|"
                        r"provincial council|Council|council|University|Governor|governor|Command|Health Directorate|"
                        r"(?:General |Teaching |Republican )?[Hh]ospital|[Hh]ealth (?:[Dd]irectorate|[Dd]epartment)|[Mm]orgue)\b")
# "a security source said on Wednesday": the day of the report, not of the event
_REPORT_DATE = re.compile(r"\b(?:said|says|told|announced|reported|stated|added|confirmed|declared)\b[^.,;:\"“]{0,35}$", re.I)
# ... but a day's event is no day of saying: "the Ministry said in a statement that Sunday's attack caused casualties"
# (also read by told_where: what follows a day that names the event: "Sunday's attack", "Sunday night's attacks")
POSSESSIVE_EVENT = (r"(?:\s+(?:night|morning|evening|afternoon))?['’]s\s+(?:\w+\s+)?"
                    + alternation("event_nouns.txt") + r"s?\b")
_POSSESSIVE_DAY = re.compile(POSSESSIVE_EVENT, re.I)
# "The terror group on Tuesday claimed responsibility for an attack ... late on Sunday": the day of the claim
_REPORT_VERB_AFTER = re.compile(r"\s*,?\s*(?:claimed|said|says|announced|reported|stated|confirmed|declared|told)\b", re.I)

# what follows the place of a dateline at the start of a line: "BAGHDAD (AP) — ", "Kirkuk – ", "BAGHDAD: ",
# "MOSUL, Iraq (Reuters) - "; the place is where the report was filed, not where the event happened
_DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][\w .'’-]{0,30})?(?:\s*\([^()\n]{1,30}\))?\s*(?:[—–:]|-{1,2})\s")

# a dateline whose credit carries the day of the report: "MOSCOW (UrduPoint News / Sputnik - 12th March, 2023)"
_CREDIT_DATELINE = re.compile(r"\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w .'’-]{0,30})?\s*\((?P<credit>[^()\n]{1,90})\)")

# a saved page's stamp before its first paragraph: " date 2021-12-03 An attack ..." (the day the page was dated)
_PAGE_STAMP = re.compile(r"\s*date\s+", re.I)
# the same stamp with its day, before a dateline: " date 2021-09-12 ERBIL (Kurdistan 24) – "
_STAMP_BEFORE = re.compile(r"\s*date\s+\d{4}-\d\d-\d\d\s+", re.I)

# a date mention placed in the analysis text: (start, end, mention)
PlacedDate = tuple[int, int, DateMention]


@dataclass(frozen=True)
class ArticleContext:
    """One article prepared for the sentence stage (offsets are analysis-text offsets)."""

    article: object                       # incidents.corpus.articles.Article
    text: str                             # the analysis text
    published: date | None
    sentences: list[Sentence]
    locations: ByStart                    # places.geo.Location, in text order (datelines left out)
    dateline_places: list                 # places a line starts with as its dateline ("BAGHDAD (AP) —")
    isis_topic: bool
    home: str                             # the country of events the text gives no place
    title_end: int
    lead_start: int | None                # where the first sentence after the headline starts, None if none
    para_spans: dict[int, tuple[int, int]]
    para_dates: dict[int, list[PlacedDate]]
    now: date | None


_STAMPED_DAY = re.compile(r"\s*date\s+(\d{4}-\d{2}-\d{2})\b")


def _stamped_day(text: str) -> date | None:
    """The day of a saved page's stamp that opens the text (" date 2022-12-18 At least eight ..."), the
    day it was published, when the page's header gave none; None otherwise (or for an impossible day)."""
    m = _STAMPED_DAY.match(text)
    try:
        return date.fromisoformat(m.group(1)) if m else None
    except ValueError:
        return None


def _speaks_for_government(text: str, loc) -> bool:
    """"Baghdad announced Tuesday": a town (not a governorate or a phrase) that is the subject of a
    speech verb, or a capital that is the subject of a verb of acting ("as Baghdad continues to battle"), with
    no place word before it, names its government, not where anything happened."""
    speaks = bool(_SPEAKS_AFTER.match(text, loc.end)) or (
        text[loc.start:loc.end] in _CAPITALS and bool(_ACTS_AFTER.match(text, loc.end)))
    return loc.kind == "town" and speaks and not _PLACE_WORD_BEFORE.search(text[max(0, loc.start - 20):loc.start])


_LOCATOR_GAP = re.compile(r"\s*,?\s*(?:(?:just|about|some|around|roughly|approximately|nearly|located|situated|which is|"
                          r"that is|which lies|that lies|lying|is located|is situated)\s+)*")


def without_locators(text: str, found: list) -> list:
    """Places without the phrases that only say where the place before them lies: "in Diyala province,
    northeast of Baghdad", "Tikrit, 170 km north of Baghdad", "the Anbar province west of Baghdad" (a direction
    from another place right after a place, with or without a comma, is its locator, not a second place). In: the analysis text and its Locations in text
    order. Out: the Locations kept; a feature that spans governorates (a mountain range) takes the governorate of
    its locator ("the Hamrin mountains near Tuz Khurmatu" lie in Salah ad-Din)."""
    kept: list = []
    for loc in found:
        before = kept[-1] if kept else None
        if (loc.kind == "relative" and before is not None and before.kind != "country"
                and _LOCATOR_GAP.fullmatch(text, before.end, loc.start)):
            if before.kind == "feature" and loc.admin1 and loc.country == before.country:
                kept[-1] = replace(before, admin1=loc.admin1, admin2="")   # "the Hamrin mountains near Tuz Khurmatu"
            continue
        kept.append(loc)
    return kept


def _names_no_place(text: str, loc) -> bool:
    """Is the Location ``loc`` of the analysis text ``text`` something other than where an event happened (an
    organisation's name, a route, an origin, where the wounded were taken, a foreign city's name on an Iraqi
    village, a government that speaks, where a source spoke or a reporter is based, "In Baghdad, a ministry official
    said"; see the module docstring)?"""
    before = text[max(0, loc.start - 60):loc.start]
    return bool(_ORG_AFTER.match(text, loc.end) or _DIRECTION_BEFORE.search(before[-40:])
                or _ORIGIN_BEFORE.search(before[-40:]) or _TAKEN_TO.search(before)
                or (loc.kind == "town" and loc.country != "Iraq" and _SMALL_UNIT_OF.search(before[-30:]))
                or _speaks_for_government(text, loc) or _SPOKE_IN.search(before[-50:])
                or (_REPORTER_IN.search(before[-40:]) and _REPORTER_SPOKE_AFTER.match(text, loc.end))
                or (text[loc.start:loc.end] in _CAPITALS and bool(_IN_CAPITAL_BEFORE.search(before))
                    and bool(_GOVERNMENT_SPOKE_AFTER.match(text, loc.end))))


def read_context(article, gazetteer) -> ArticleContext | None:
    """Prepare ``article`` for extraction with ``gazetteer``; None when no sentence can hold an event."""
    text = article.analysis().text
    published = article.published_date() or _stamped_day(text)
    sentences = split_sentences(text, may_hold_trigger)
    if not sentences or not may_hold_trigger(text):
        return None
    governments = [m.span() for m in _TWO_GOVERNMENTS.finditer(text)]
    found = [loc for loc in gazetteer.find_locations(text) if not _names_no_place(text, loc)
             and not any(lo <= loc.start < hi for lo, hi in governments)]
    found = without_locators(text, found)
    prefixes = [(loc.start, end) for loc in found if (end := dateline_end(text, loc.start, loc.end))]
    in_prefix = [loc for loc in found if any(lo <= loc.start < hi for lo, hi in prefixes)]
    datelines = [loc for loc in in_prefix if loc.kind != "country"]
    locations = ByStart(loc for loc in found if loc not in in_prefix)
    para_spans: dict[int, tuple[int, int]] = {}
    for s in sentences:
        lo, hi = para_spans.get(s.paragraph, (s.start, s.end))
        para_spans[s.paragraph] = (min(lo, s.start), max(hi, s.end))
    para_dates: dict[int, list[PlacedDate]] = {}
    for p, (lo, hi) in para_spans.items():
        credit = _CREDIT_DATELINE.match(text, lo, hi)   # "MOSCOW (Sputnik - 12th March, 2023) Iraqi forces ..."
        found_dates = [(lo + d.start, lo + d.end, d) for d in find_dates(text[lo:hi], published)
                       if not (_REPORT_DATE.search(text[max(lo, lo + d.start - 50):lo + d.start])
                               and not _POSSESSIVE_DAY.match(text, lo + d.end))
                       and not (credit and credit.start("credit") <= lo + d.start < credit.end("credit"))
                       and not _PAGE_STAMP.fullmatch(text, lo, lo + d.start)]
        para_dates[p] = [x for x in found_dates if not _claim_date(text, x, found_dates)]
    named = [d.date_end for ds in para_dates.values() for _, _, d in ds if d.date_end and not getattr(d, "future", False)]
    end_of_title = title_end(article, text)
    return ArticleContext(
        article=article, text=text, published=published, sentences=sentences, locations=locations,
        dateline_places=datelines,
        isis_topic=names_isis(text), home=home_country(locations), title_end=end_of_title,
        lead_start=next((s.start for s in sentences if s.start >= end_of_title), None),
        para_spans=para_spans, para_dates=para_dates, now=published or (max(named) if named else None))


def _claim_date(text: str, placed: PlacedDate, others: list[PlacedDate]) -> bool:
    """"The terror group on Tuesday claimed responsibility for an attack ... late on Sunday": a date right
    before a report verb is the day of the claim when the sentence dates the event otherwise (later in it);
    alone ("IS on Sunday claimed responsibility for another attack when a bomb killed nine") it stays."""
    start, end, _ = placed
    if not _REPORT_VERB_AFTER.match(text, end):
        return False
    stop = text.find(".", end)
    stop = len(text) if stop == -1 else stop
    return any(end <= s < stop for s, _, _ in others)


def dateline_end(text: str, start: int, end: int) -> int | None:
    """Where the dateline that the place text[start:end] opens ends ("BAGHDAD (AP) — " or "MOSUL, Iraq
    (Reuters) - ": the place is first on its line, or after a page's stamp " date 2021-09-12 ", then an
    agency credit and a dash or colon), or None."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if before.strip() and not _STAMP_BEFORE.fullmatch(before):   # a page's stamp may open the line
        return None
    m = _DATELINE_AFTER.match(text, end)
    return m.end() if m else None


_FULL_STOP_END = (".", "!", "?", ".”", '."', "!”", "?”", ".’", "!’", "?’", ".'", "…", ".)")
HEADLINE_WORDS = 30   # a line of more words is prose, not a headline or a deck
# a line that opens with a wire dateline is the story's first paragraph, however it ends: "KIRKUK (AP) — Gunmen ..."
_DATELINE_START = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w .'’-]{0,30})?"
                             r"(?:\s*\([^()\n]{1,30}\))?\s*(?:[—–]|-{1,2})\s")


def title_end(article, text: str) -> int:
    """End offset (analysis text) of the headline block when the title is a line of its own in it, else 0 (a
    title taken from the lead sentence is body text).

    The headline block is the run of lines before the first line of prose (one ending in a full stop, or of more
    than ``HEADLINE_WORDS`` words): a masthead the chrome left ("News Karnataka"), the headline itself and a deck
    under it ("Terrorists clash with security forces in Hawija district"), which tells the story again and so,
    like the headline, only lends its fields."""
    title = (article.title or "").strip()
    if not title:
        return 0
    found, end, pos = False, 0, 0
    for line in text.split("\n"):
        stripped, line_end = line.strip(), pos + len(line.rstrip())
        pos += len(line) + 1
        if not stripped:
            continue
        if _is_prose(stripped) or (found and _DATELINE_START.match(stripped)):
            break
        found, end = found or stripped == title, line_end
    return end if found else 0


def _is_prose(line: str) -> bool:
    """True when a stripped line reads as a paragraph: it ends a sentence (a full stop, an ellipsis, a quote closed
    after its stop) or runs longer than a headline or deck."""
    return line.endswith(_FULL_STOP_END) or len(line.split()) > HEADLINE_WORDS
