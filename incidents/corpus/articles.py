"""Raw article files -> :class:`Article` records (the corpus everything downstream points into).

``load_file(path)`` decodes one file, splits it into articles, recognises page chrome and reads
the header (title, outlet, publication date). ``load_corpus(paths)`` does that for files and
folders (``*.txt``, recursive) and keeps going past bad files. Bad input gives a
:class:`~incidents.problems.Problem` (file, line, column, message), never a traceback.

Decisions (see docs in the functions):

- Decoding: UTF-8, with or without BOM; UTF-16 only with a BOM. A file that is not valid UTF-8
  (for example Windows-1256 or Latin-1) is **reported and skipped**, with the line and column of
  the first undecodable byte and a hint of the likely encoding: guessing an 8-bit code page
  from a few bytes of mostly-English text is unreliable, and a wrong guess would put mojibake
  into quotes that analysts cite. Pass ``encoding=`` (``--encoding`` on the command line) to
  load such a file deliberately.
- Splitting: a file holds several articles when (a) a headline line is printed again after a
  block of page chrome (captions, "TT", "20") - that first line starts an article; (b) three or
  more blank lines come before a headline or a site header, or follow chrome (prose after prose
  across a wide gap is one story: pages are saved with such gaps between paragraphs), or two blank
  lines come before a headline
  followed by chrome or a dateline; (c) a headline follows a page footer ("Follow us on ...")
  or a "Check Also" teaser. A stretch without any paragraph of prose never becomes an article
  on its own: it is the header or trailer of its neighbour.
- Title: the headline (the repeated one when the page repeats it, else the first header line
  of four or more words); when the text has no headline, the lead sentence clipped to 100
  characters.
- Outlet, in order: "From: X" in the header; "Source: X|", "By Reuters", "Baghdad-INA" header
  credits (agencies named alone); a byline "X London" (outlet then a city); a
  "X/ " prefix or a "CITY (X) -" dateline on the first paragraph (X wrote the story); "other news on X" / "social channels of X" footers;
  a known outlet spoken to in the text ("told Asharq Al-Awsat", "Speaking to ..."). Wire
  agencies quoted in the text ("told AP", "reported by Reuters", INA) are sources, not the
  outlet. Else "".
- Published: from a dateline in the header only, with the precision it states. A timestamp
  right after city names is the site's clock; when the title is followed by a dateline, that
  one is the article's. Never guessed.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from incidents.corpus.analysis import WORDS, AnalysisText, build_analysis
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
from incidents.problems import Problem
from incidents.wordlists import read_list


@dataclass(frozen=True)
class Article:
    """One news article as found in a file.

    article_id: "a" + first 16 hex of sha256(text, utf-8); file: name relative to the folder
    scanned; part: 1-based position in the file; title, outlet ("" when the text names none);
    published: ISO ("2019-11-09T16:20", "2024-12-19T13:05:28", "2024-12-19", "2019-11" or "");
    published_precision: "second" | "minute" | "day" | "month" | ""; text: exact substring of the
    decoded file starting at char_start; chrome: (start, end) spans of chrome lines in ``text``.
    """

    article_id: str
    file: str
    part: int
    title: str
    outlet: str
    published: str
    published_precision: str
    text: str
    char_start: int
    chrome: tuple[tuple[int, int], ...] = ()
    chrome_kinds: tuple[str, ...] = ()  # why each chrome span is chrome ("repeat", "widget", ...)
    first_line: int = 1  # line number in the file where ``text`` starts
    title_is_lead: bool = False  # True when the text has no headline and the title is its lead sentence
    url: str = ""  # the page's address, from metadata ("" when unknown)
    date_source: str = ""  # "metadata" when the publication date came from a sidecar, else from the text (or none)

    @property
    def char_end(self) -> int:
        """Where ``text`` ends in the decoded file (exclusive)."""
        return self.char_start + len(self.text)

    def published_date(self) -> date | None:
        """The publication day, or None when the text gives none (or only a month)."""
        if self.published_precision in ("second", "minute", "day"):
            return date.fromisoformat(self.published[:10])
        return None

    def analysis(self) -> AnalysisText:
        """Chrome blanked, glued words split (computed once per Article object).

        The cache lives in the instance ``__dict__``, not in a field, so it is no part of
        equality, ``repr`` or ``dataclasses.asdict``.
        """
        cached = self.__dict__.get("_analysis_cache")
        if cached is None:
            cached = build_analysis(self.text, self.chrome)
            self.__dict__["_analysis_cache"] = cached
        return cached

    def chrome_lines(self) -> list[str]:
        """The text of each chrome line, in order."""
        return [self.text[s:e] for s, e in self.chrome]


def article_id(text: str) -> str:
    """Stable id of an article text: "a" + first 16 hex digits of sha256(utf-8 bytes)."""
    return "a" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- decoding


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str | None, list[Problem]]:
    """File bytes -> (decoded text or None, problems). ``path`` is only used in messages.

    UTF-8 with or without BOM; UTF-16 with a BOM; ``encoding`` forces a codec. Empty,
    binary (NUL bytes or mostly control characters) and non-UTF-8 files give None and a Problem
    whose line and column point at the first offending byte.
    """
    if not data.strip():
        what = "empty file" if not data else "file holds only whitespace"
        return None, [Problem(path, 0, 0, f"{what}: no article")]
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
            return data.decode("utf-8-sig" if codec == "utf-8" else codec), []
        except (LookupError, UnicodeDecodeError) as exc:
            line, col = _position(data, getattr(exc, "start", 0))
            return None, [Problem(path, line, col, f"cannot decode as {encoding}: {exc}")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            return None, [Problem(path, 0, 0, f"UTF-16 file with a broken byte sequence: {exc.reason}")]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        if _utf16_without_bom(data):
            message = "looks like UTF-16 without a byte-order mark: skipped (load it with --encoding utf-16-le or utf-16-be)"
        else:
            message = "binary file (NUL byte), not a text article: skipped"
        return None, [Problem(path, line, col, message)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        byte = data[exc.start]
        return None, [
            Problem(
                path, line, col,
                f"not UTF-8: byte 0x{byte:02X} cannot be decoded; the file looks like "
                f"{_guess_encoding(data)}. Skipped: convert it to UTF-8, or load it with "
                f"--encoding {_guess_codec(data)} if you know its encoding",
            )
        ]
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text) // 20):
        first = next(i for i, ch in enumerate(text) if ord(ch) < 32 and ch not in "\t\n\r\f\v")
        line = text.count("\n", 0, first) + 1
        col = first - (text.rfind("\n", 0, first) + 1) + 1
        return None, [Problem(path, line, col, "binary file (control characters), not a text article: skipped")]
    return text, []


def _position(data: bytes, index: int) -> tuple[int, int]:
    """Byte index -> (line, column), 1-based; the column counts characters decoded so far."""
    line = data.count(b"\n", 0, index) + 1
    line_start = data.rfind(b"\n", 0, index) + 1
    col = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return line, col


def _utf16_without_bom(data: bytes) -> bool:
    """Are the even or the odd bytes (nearly) all NUL, as in ASCII text encoded as UTF-16?"""
    sample = data[:2000]
    halves = (sample[0::2], sample[1::2])
    return len(sample) >= 8 and any(h.count(0) >= 0.9 * len(h) for h in halves) and not all(
        h.count(0) >= 0.9 * len(h) for h in halves
    )


def _guess_codec(data: bytes) -> str:
    arabic = sum(1 for ch in data.decode("cp1256", errors="replace") if "\u0600" <= ch <= "\u06ff")
    high = sum(1 for b in data if b >= 0x80)
    return "cp1256" if high and arabic >= high / 2 else "latin-1"


def _guess_encoding(data: bytes) -> str:
    return "Windows-1256 (Arabic)" if _guess_codec(data) == "cp1256" else "Latin-1 / Windows-1252"


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
# "Source: Xinhua| 2025-04-03 ...", "By Reuters", "Baghdad-INA"
_HEADER_CREDIT = re.compile(
    r"^\s*(?:Source:\s*" + _NAME + r"\s*(?:\||$)|By\s+" + _AGENCY + r"\s*$|[A-Z][a-z]+\s*-\s*" + _AGENCY + r"\s*$)"
)
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


def make_article(decoded: str, lines: list[Line], file: str, part: int) -> Article | None:
    """Lines of one article (offsets into ``decoded``) -> Article, or None if only chrome/blank."""
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
        published=lay.published.iso if lay.published else "",
        published_precision=lay.published.precision if lay.published else "",
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


def load_file(path: Path, name: str | None = None, encoding: str | None = None) -> tuple[list[Article], list[Problem]]:
    """One file -> (articles, problems). ``name`` (default: the file's name) goes in Article.file;
    ``encoding`` forces a codec instead of UTF-8."""
    path = Path(path)
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(shown, 0, 0, f"cannot read file: {exc.strerror or exc}")]
    decoded, problems = decode(data, shown, encoding)
    if decoded is None:
        return [], problems
    articles, more = load_text(decoded, name or path.name, shown)
    return articles, problems + more


def corpus_files(folder: Path) -> list[Path]:
    """``*.txt`` files under ``folder`` (recursive, any case of the suffix, hidden ones skipped), sorted."""
    found = [
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() == ".txt"
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def load_corpus(paths: Iterable[Path], encoding: str | None = None) -> tuple[list[Article], list[Problem]]:
    """Files and folders -> (articles, problems), in the order given (folders sorted by name).

    Articles from a folder are named relative to it; a file given directly by its name. A file
    that fails gives a Problem and the others still load. An article whose text was already
    loaded (same id) is reported and skipped, so ids stay unique.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, Article] = {}
    for given in paths:
        given = Path(given)
        if given.is_dir():
            files = [(p, p.relative_to(given).as_posix()) for p in corpus_files(given)]
            if not files:
                problems.append(Problem(str(given), 0, 0, "no .txt files in this folder"))
        elif given.exists():
            files = [(given, given.name)]
        else:
            problems.append(Problem(str(given), 0, 0, "no such file or folder"))
            continue
        for path, name in files:
            found, trouble = load_file(path, name, encoding)
            problems.extend(trouble)
            for article in found:
                if article.article_id in seen:
                    other = seen[article.article_id]
                    problems.append(Problem(
                        str(path), article.first_line, 1,
                        f"part {article.part} repeats {other.file} part {other.part} word for word: skipped",
                    ))
                    continue
                seen[article.article_id] = article
                articles.append(article)
    return articles, problems
