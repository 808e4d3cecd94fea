"""The :class:`Article` record every reader produces, and its stable id.

In: nothing (types only). Out: ``Article`` (one news article as found in a file or a record of a
collection) and ``article_id(text)``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from incidents.corpus.analysis import AnalysisText, build_analysis


@dataclass(frozen=True)
class Article:
    """One news article as found in a file, a saved web page or a record of a collection.

    article_id: "a" + first 16 hex of sha256(text, utf-8); file: name relative to the folder
    scanned; part: 1-based position in the file; title, outlet ("" when the text names none);
    published: ISO ("2019-11-09T16:20", "2024-12-19T13:05:28", "2024-12-19", "2019-11" or "");
    published_precision: "second" | "minute" | "day" | "month" | ""; text: exact substring, starting
    at char_start, of the decoded file (plain text), of the page's main text (HTML) or of the record's
    text (collections); chrome: (start, end) spans of chrome lines in ``text``; record: where in its
    file the article came from ("" for a text or HTML file, "line 17" for a JSON Lines or CSV record,
    at its first physical line, "record 3" for an element of a JSON array).
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
    date_source: str = ""  # "metadata" when the publication date came from metadata (sidecar, page, record), "url"
    # when from the day in the page's address only
    record: str = ""  # where inside its file: "", "line 17", "record 3"
    # spans of ``text`` a size limit leaves out of extraction (``corpus.limits``): blanked like chrome
    unread: tuple[tuple[int, int], ...] = ()

    @property
    def char_end(self) -> int:
        """Where ``text`` ends (exclusive), in the same frame as ``char_start``."""
        return self.char_start + len(self.text)

    def published_date(self) -> date | None:
        """The publication day, or None when the text gives none (or only a month)."""
        if self.published_precision in ("second", "minute", "day"):
            return date.fromisoformat(self.published[:10])
        return None

    def analysis(self) -> AnalysisText:
        """Chrome and unread spans blanked, glued words split (computed once per Article object).

        The cache lives in the instance ``__dict__``, not in a field, so it is no part of
        equality, ``repr`` or ``dataclasses.asdict``.
        """
        cached = self.__dict__.get("_analysis_cache")
        if cached is None:
            cached = build_analysis(self.text, self.chrome + self.unread)
            self.__dict__["_analysis_cache"] = cached
        return cached

    def chrome_lines(self) -> list[str]:
        """The text of each chrome line, in order."""
        return [self.text[s:e] for s, e in self.chrome]


def article_id(text: str) -> str:
    """Stable id of an article text: "a" + first 16 hex digits of sha256(utf-8 bytes)."""
    return "a" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
