"""Decoded plain text -> :class:`~incidents.corpus.record.Article` records: splitting a file into
articles, the header (title, outlet, publication date) and page chrome.

``load_text(decoded, file)`` splits a decoded file and reads every article; ``make_article`` reads
one stretch of lines as one article (what an HTML page or a collection record is). The rules are in
the docstring of :mod:`incidents.corpus.articles`.
"""

from __future__ import annotations

import re

from incidents.corpus.analysis import WORDS, build_analysis
from incidents.corpus.chrome import (
    Layout,
    Line,
    is_body,
    is_title_like,
    is_widget,
    layout,
    parse_dateline,
    printed_twice,
    split_lines,
    terminal_chrome,
)
from incidents.corpus.datelines import Dateline
from incidents.corpus.record import Article, article_id
from incidents.problems import Problem
from incidents.wordlists import read_list

# --------------------------------------------------------------------------- splitting


def split_articles(lines: list[Line]) -> list[tuple[int, int]]:
    """Lines of a file -> (first, stop) line-index ranges, one per article (see module doc)."""
    n = len(lines)
    starts: set[int] = set()
    for i in range(n):
        if _headline_repeated_after_chrome(lines, i):
            starts.add(i)
    ends = terminal_chrome(lines)
    run, last = 0, None   # blank lines in a row; the last non-blank line before them
    for i, line in enumerate(lines):
        if line.blank:
            run += 1
            continue
        # a wide gap opens another article where a headline or a site header follows it, or where the
        # text before it ended in chrome; prose after prose is the same story's next paragraph (pages
        # saved with runs of blank lines between paragraphs)
        after_prose = last is not None and is_body(lines[last]) and last not in ends
        if (run >= 3 and (_starts_article(lines, i) or not after_prose)) or (run == 2 and _looks_like_header(lines, i)):
            starts.add(i)
        run, last = 0, i
    for i in sorted(ends):
        j = i + 1
        while j < n and (lines[j].blank or j in ends):
            j += 1
        if j < n and j not in starts and _starts_article(lines, j):
            starts.add(j)

    bounds = sorted(starts | {0})
    segments = [(a, b) for a, b in zip(bounds, [*bounds[1:], n], strict=False)]
    # A segment without prose is the header of the next one, or the trailer of the last.
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for a, b in segments:
        if pending is not None:
            a, pending = pending, None
        if any(is_body(lines[k]) for k in range(a, b)):
            merged.append((a, b))
        else:
            pending = a
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], n)
        else:
            merged.append((pending, n))
    return merged


def _headline_repeated_after_chrome(lines: list[Line], i: int) -> bool:
    """Is line i a headline printed again within 15 lines, after captions/widgets?"""
    line = lines[i]
    if line.blank or not is_title_like(line) or is_widget(line):
        return False
    if printed_twice(lines, i):
        return False  # printed twice in a row: a caption, not a headline
    window = lines[i + 1: i + 16]
    for k, other in enumerate(window):
        if other.text == line.text:
            between = [ln for ln in window[:k] if not ln.blank]
            texts = [ln.text for ln in between]
            return any(is_widget(ln) or texts.count(ln.text) > 1 for ln in between)
    return False


def _starts_article(lines: list[Line], i: int) -> bool:
    """Can line i, after a footer or teaser, open another article? A headline (not a sentence
    ending in a full stop) or a site header line; a paragraph of prose continues the article
    (a "Read also" link in the middle of a story)."""
    line = lines[i]
    return is_title_like(line) and not line.text.endswith(".") or _looks_like_header(lines, i)


def _looks_like_header(lines: list[Line], i: int) -> bool:
    """Does line i start an article header: a headline (or a site header line) followed within
    a few lines by widgets or a dateline, or repeated after chrome?"""
    if not is_title_like(lines[i]):
        return False
    following = [ln for ln in lines[i + 1: i + 12] if not ln.blank]
    return (
        any(is_widget(ln) or (ln.words <= 14 and parse_dateline(ln.text)) for ln in following)
        or _headline_repeated_after_chrome(lines, i)
    )


# --------------------------------------------------------------------------- metadata

# Outlets the prose may speak to ("told Asharq Al-Awsat"); one name a line, in order.
KNOWN_OUTLETS: tuple[str, ...] = read_list(WORDS / "known_outlets.txt")
_NAME = r"([A-Z0-9][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,3})"
_FROM = re.compile(r"\bFrom:\s*" + _NAME + r"\s*$")
_SLASH_PREFIX = re.compile(r"^\s*" + _NAME + r"\s*/\s")
# "BAGHDAD (Reuters) - ", "ERBIL, Kurdistan Region - ", "BAGHDAD, Jan 27 (Reuters) - ",
# "Baghdad (AFP) – ": a wire-style dateline opening the story (a mixed-case city needs the agency).
_CITY_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'-]{2,}(?:\s+[A-Z][A-Z.'-]+)*(?:,\s*[A-Z][\w.'-]*(?:\s+[\w.'-]+){0,2})?"
    r"\s*(?:\(([A-Z][^()]{1,40})\))?"
    r"|[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,2}(?:,\s*[A-Z][\w.'-]*(?:\s+[\w.'-]+){0,2})?\s*\(([A-Z][^()]{1,40})\))"
    r"\s*[-–—]+\s+"
)
# News agencies whose name alone on a header line ("By Reuters", "Baghdad-INA") is the story's author.
KNOWN_AGENCIES: tuple[str, ...] = read_list(WORDS / "known_agencies.txt")
_AGENCY = "(" + "|".join(re.escape(a) for a in KNOWN_AGENCIES) + ")"
# "Source: Xinhua| 2025-04-03 ...", "By Reuters", "Baghdad-INA", "Baghdad-INA 2024-03-12 10:41"
_HEADER_CREDIT = re.compile(
    r"^\s*(?:Source:\s*" + _NAME + r"\s*(?:\||$)|By\s+" + _AGENCY + r"\s*$|[A-Z][a-z]+\s*-\s*" + _AGENCY
    + r"(?:\s*$|\s+(?=\d)))"
)
# "BAS News - 2017-09-06 11:38": an outlet's name, a dash, then the story's timestamp
_NAME_STAMP = re.compile(r"^\s*([A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,3})\s+[-–]\s+(?=\d)(.*)$")
_NOT_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "updated",
    "published", "posted", "date", "last"})
_FOOTER_OUTLET = re.compile(r"\b(?:other news on|social channels of)\s+" + _NAME.replace(r"{0,3}", r"{0,2}") + r"(?=\s+on\b|\s*$)")
_SPOKEN_TO = re.compile(
    r"\b(?:told|revealed to|speaking to|said to|in an interview with|in remarks to|in statements to)\s+(?:the\s+)?("
    + "|".join(re.escape(o) for o in KNOWN_OUTLETS)
    + r")\b",
    re.IGNORECASE,
)


def find_outlet(lines: list[Line], lay: Layout) -> str:
    """The outlet the article names for itself (rules in the module doc), or ""."""
    header = [ln for k, ln in enumerate(lines) if lay.body_start is None or k < lay.body_start]
    for ln in header:
        if m := _FROM.search(ln.text):
            return m.group(1)
    for ln in header:
        if m := _HEADER_CREDIT.match(ln.text):
            return next(g for g in m.groups() if g)
        if (m := _NAME_STAMP.match(ln.text)) and not _NOT_NAMES & set(m.group(1).lower().split()) and parse_dateline(m.group(2)):
            return m.group(1)
    if lay.byline_outlet:
        return lay.byline_outlet
    if lay.body_start is not None:
        lead = lines[lay.body_start].text
        if m := _SLASH_PREFIX.match(lead):
            return m.group(1)
        if (m := _CITY_DATELINE.match(lead)) and (m.group(1) or m.group(2)):
            return (m.group(1) or m.group(2)).strip()  # the agency that wrote the story: "BAGHDAD (Reuters) -"
    for k in lay.chrome:
        if m := _FOOTER_OUTLET.search(lines[k].text):
            return m.group(1)
    prose = "\n".join(ln.raw for k, ln in enumerate(lines) if k not in lay.chrome)
    if m := _SPOKEN_TO.search(prose):
        spoken = m.group(1).lower()
        return next(o for o in KNOWN_OUTLETS if o.lower() == spoken)
    return ""


def lead_title(text: str, limit: int = 100) -> str:
    """First sentence of a paragraph (glued words split, "Outlet/ " and "CITY (Agency) - "
    dropped), clipped to ``limit``."""
    text = _CITY_DATELINE.sub("", _SLASH_PREFIX.sub("", text, count=1), count=1).strip()
    m = re.search(r"(?<=[a-z0-9)”\"'’])[.!?](?=\s|$)", text)
    sentence = build_analysis(text[: m.end() if m else len(text)]).text.strip()
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ") + "…"


# the date stamp a saved copy of a page starts with ("date 2021-09-12 ERBIL (Kurdistan 24) – ..."): the page's
# publication day, glued to the first line of the page; a headline or the lead starts after it, unless what
# follows is a short header line ("date 2025-08-25 Shafaq News – Washington") or a timestamp ("date 2024-12-19
# 2024-12-19 13:05:28 - From: Shafaq News"), which stays a header line
_SAVED_STAMP = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(?=\S)")
_HEADER_WORDS = 5


def split_saved_stamp(lines: list[Line]) -> tuple[list[Line], Dateline | None]:
    """The lines of one article -> (the lines with a leading "date YYYY-MM-DD " stamp cut off the first non-blank
    one when a headline or prose follows it, the stamp's day), or (``lines``, None) when the first line holds no
    such stamp."""
    first = next((k for k, ln in enumerate(lines) if not ln.blank), None)
    m = _SAVED_STAMP.match(lines[first].raw) if first is not None else None
    if m is None or parse_dateline(m.group(1)) is None:
        return lines, None
    line = lines[first]
    rest = line.raw[m.end():]
    if len(rest.split()) <= _HEADER_WORDS or parse_dateline(rest):   # a header line: the layout reads it whole
        return lines, parse_dateline(m.group(1))
    cut = Line(line.number, line.start + m.end(), line.end, line.raw[m.end():])
    return lines[:first] + [cut] + lines[first + 1:], parse_dateline(m.group(1))


def make_article(decoded: str, lines: list[Line], file: str, part: int) -> Article | None:
    """Lines of one article (offsets into ``decoded``) -> Article, or None if only chrome/blank. A saved
    page's leading "date YYYY-MM-DD" stamp (:func:`split_saved_stamp`) is left out of the text and gives the
    publication day when the header prints none."""
    lines, saved = split_saved_stamp(lines)
    nonblank = [ln for ln in lines if not ln.blank]
    if not nonblank:
        return None
    first, last = lines.index(nonblank[0]), lines.index(nonblank[-1])
    char_start = lines[first].start
    text = decoded[char_start: lines[last].end]
    rel = [Line(ln.number, ln.start - char_start, ln.end - char_start, ln.raw) for ln in lines[first: last + 1]]
    lay = layout(rel)
    if all(ln.blank or k in lay.chrome or not re.search(r"\w", ln.raw) for k, ln in enumerate(rel)):
        return None
    title_is_lead = lay.title is None
    published = lay.published or saved
    if lay.title is not None:
        title = rel[lay.title].text
    else:
        lead = lay.body_start if lay.body_start is not None else next(
            k for k, ln in enumerate(rel) if not ln.blank and k not in lay.chrome
        )
        title = lead_title(rel[lead].text)
    return Article(
        article_id=article_id(text),
        file=file,
        part=part,
        title=title,
        outlet=find_outlet(rel, lay),
        published=published.iso if published else "",
        published_precision=published.precision if published else "",
        text=text,
        char_start=char_start,
        chrome=tuple((rel[k].start, rel[k].end) for k in lay.chrome),
        chrome_kinds=tuple(lay.chrome.values()),
        first_line=lines[first].number,
        title_is_lead=title_is_lead,
    )


# --------------------------------------------------------------------------- loading


def load_text(decoded: str, file: str, path: str | None = None) -> tuple[list[Article], list[Problem]]:
    """Decoded file text -> (articles, problems). ``file`` names the articles, ``path`` the problems."""
    lines = split_lines(decoded)
    if all(line.blank for line in lines):
        return [], [Problem(path or file, 0, 0, "file holds only whitespace: no article")]
    articles: list[Article] = []
    for a, b in split_articles(lines):
        article = make_article(decoded, lines[a:b], file, len(articles) + 1)
        if article is not None:
            articles.append(article)
    if not articles:
        first = next((ln for ln in lines if not ln.blank), lines[0])
        return [], [Problem(path or file, first.number, 1, "no article text: the file holds only page chrome")]
    return articles, []
