"""Size limits: what one absurd article may make the reader and the extractor do.

A news article is a few thousand characters, a paragraph a few hundred, a word at most a few dozen
letters (glued words included). Text far beyond that is not news as sites print it (a dump, a file
pasted into itself, a run of letters without a space) and would cost minutes: the sentence splitter
refuses a paragraph over 1,000,000 characters, the glued-word splitter takes time in the square of
a run's length. So, per article (``apply_limits(article, limits, path)``):

- over ``article_chars``: the text is cut at the end of the last sentence that ends within the
  limit (the stored text is that part; the rest is not read) and a warning names the size and where
  the cut is; with no sentence end within the limit the article is skipped, with a problem;
- a paragraph (a line) over ``paragraph_chars``: read up to the last sentence end within the
  limit; the rest of the line is left out of extraction (blanked like chrome, still stored and shown);
- an unbroken run (no whitespace) over ``run_chars``: left out of extraction, so it is never fed to
  the glued-word splitter; one warning per article counts them and names the longest.

In: an Article, the Limits and the file as the user named it. Out: (the article, or None when
skipped; problems). An article within every limit comes back unchanged (the same object).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from incidents.corpus.record import Article, article_id
from incidents.problems import Problem

ARTICLE_CHARS = 500_000
PARAGRAPH_CHARS = 100_000
RUN_CHARS = 500

# where a sentence ends: its mark and any closing quotes or brackets, then a space (or the text's end)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Limits:
    """Characters one article, one paragraph (line) and one unbroken run may hold (see the module)."""

    article_chars: int = ARTICLE_CHARS
    paragraph_chars: int = PARAGRAPH_CHARS
    run_chars: int = RUN_CHARS


DEFAULT_LIMITS = Limits()


def sentence_cut(text: str, start: int, limit: int) -> int | None:
    """End of the last sentence ending in ``text[start:start + limit]`` (an offset into ``text``), or None."""
    last = None
    for m in _SENTENCE_END.finditer(text, start, min(len(text), start + limit)):
        last = m.end()
    return last


def _plain(article: Article) -> bool:
    """Do offsets in the article's text map to lines of its file (a plain-text file, not a page or record)?"""
    return not article.record and not article.file.lower().endswith((".html", ".htm"))


def where(article: Article, pos: int) -> tuple[int, int]:
    """(line, column) in the file of offset ``pos`` of the article's text; for a page or a record,
    whose text is not the file's, the article's first line and column 1."""
    if not _plain(article):
        return article.first_line, 1
    line = article.first_line + article.text.count("\n", 0, pos)
    return line, pos - (article.text.rfind("\n", 0, pos) + 1) + 1


def _label(article: Article) -> str:
    return f"article {article.record or f'part {article.part}'}"


def cut_article(article: Article, limits: Limits, path: str) -> tuple[Article | None, list[Problem]]:
    """The article cut at a sentence end within ``limits.article_chars`` (or None), and the problem."""
    size, limit = len(article.text), limits.article_chars
    cut = sentence_cut(article.text, 0, limit)
    if cut is None:
        return None, [Problem(path, article.first_line, 1, (
            f"{_label(article)} is {size:,} characters, over the limit of {limit:,} (--max-article-chars), "
            f"and no sentence ends within the limit: skipped"))]
    line, column = where(article, cut)
    text = article.text[:cut]
    keep = [i for i, (s, _) in enumerate(article.chrome) if s < cut]
    kinds = article.chrome_kinds
    shorter = replace(
        article, article_id=article_id(text), text=text,
        chrome=tuple((article.chrome[i][0], min(article.chrome[i][1], cut)) for i in keep),
        chrome_kinds=tuple(kinds[i] for i in keep) if len(kinds) == len(article.chrome) else kinds)
    return shorter, [Problem(path, line, column, (
        f"{_label(article)} is {size:,} characters, over the limit of {limit:,} (--max-article-chars): "
        f"cut after the sentence ending here; the last {size - cut:,} characters are not read"))]


def long_paragraphs(article: Article, limits: Limits, path: str) -> tuple[list[tuple[int, int]], list[Problem]]:
    """Spans of paragraphs beyond ``limits.paragraph_chars`` to leave unread, with a problem for each."""
    spans, problems = [], []
    limit = limits.paragraph_chars
    for m in _LINE.finditer(article.text):
        if m.end() - m.start() <= limit:
            continue
        cut = sentence_cut(article.text, m.start(), limit)
        start = cut if cut is not None else m.start()
        spans.append((start, m.end()))
        line, column = where(article, start)
        read = "nothing of it is read (no sentence ends within the limit)" if cut is None else (
            "read up to the sentence ending here")
        problems.append(Problem(path, line, column, (
            f"{_label(article)}: a paragraph of {m.end() - m.start():,} characters, over the limit of {limit:,} "
            f"(--max-paragraph-chars): {read}; the rest ({m.end() - start:,} characters) is left out of extraction")))
    return spans, problems


def long_runs(article: Article, limits: Limits, path: str,
              unread: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[Problem]]:
    """Spans of unbroken runs beyond ``limits.run_chars`` (outside ``unread``), with one problem for all."""
    rx = re.compile(r"\S{" + str(limits.run_chars + 1) + ",}")
    runs = [(m.start(), m.end()) for m in rx.finditer(article.text)
            if not any(lo <= m.start() and m.end() <= hi for lo, hi in unread)]
    if not runs:
        return [], []
    longest = max(runs, key=lambda r: r[1] - r[0])
    line, column = where(article, longest[0])
    many = f"{len(runs):,} unbroken runs (no space)" if len(runs) > 1 else "an unbroken run (no space)"
    return runs, [Problem(path, line, column, (
        f"{_label(article)}: {many} of more than {limits.run_chars:,} characters (--max-run-chars), the longest "
        f"{longest[1] - longest[0]:,} characters here: left out of extraction, not split into words"))]


def apply_limits(article: Article, limits: Limits = DEFAULT_LIMITS, path: str = "") -> tuple[Article | None, list[Problem]]:
    """``article`` within ``limits`` (module docstring): cut, with unread spans, skipped (None) or unchanged."""
    path = path or article.file
    problems: list[Problem] = []
    if len(article.text) > limits.article_chars:
        article, problems = cut_article(article, limits, path)
        if article is None:
            return None, problems
    unread, more = long_paragraphs(article, limits, path)
    problems += more
    runs, more = long_runs(article, limits, path, unread)
    problems += more
    if unread or runs:
        article = replace(article, unread=tuple(sorted(unread + runs)))
    return article, problems
