"""Raw article files -> :class:`Article` records (the corpus everything downstream points into).

``load_file(path)`` decodes one file, splits it into articles, recognises page chrome and reads
the header (title, outlet, publication date). ``load_corpus(paths)`` does that for files and
folders (``*.txt``, recursive) and keeps going past bad files. Bad input gives a
:class:`~incidents.problems.Problem` (file, line, column, message), never a traceback.

Decisions (see docs in the functions; decoding in :mod:`incidents.corpus.decoding`, the plain-text
rules in :mod:`incidents.corpus.plaintext`, the record in :mod:`incidents.corpus.record`):

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
  credits (agencies named alone, or followed by a timestamp: "Baghdad-INA 2024-03-12 10:41"), an
  outlet's name before a dash and a timestamp ("BAS News - 2017-09-06 11:38"); a byline "X London" (outlet then a city); a
  "X/ " prefix or a "CITY (X) -" dateline on the first paragraph (X wrote the story); "other news on X" / "social channels of X" footers;
  a known outlet spoken to in the text ("told Asharq Al-Awsat", "Speaking to ..."). Wire
  agencies quoted in the text ("told AP", "reported by Reuters", INA) are sources, not the
  outlet. Else "".
- Published: from a dateline in the header only, with the precision it states. A timestamp
  right after city names is the site's clock; when the title is followed by a dateline, that
  one is the article's. Never guessed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from incidents.corpus.collection import load_csv, load_json, load_jsonl
from incidents.corpus.decoding import decode
from incidents.corpus.limits import DEFAULT_LIMITS, Limits, apply_limits
from incidents.corpus.plaintext import load_text, make_article, split_articles
from incidents.corpus.record import Article, article_id
from incidents.corpus.scan import link_problem, scan_folder
from incidents.corpus.webpage import load_html
from incidents.problems import Problem

__all__ = ["READERS", "SUFFIXES", "Article", "article_id", "decode", "load_corpus", "load_file", "load_text",
           "make_article", "split_articles"]

# suffix -> reader of the decoded file: (decoded, file, path) -> (articles, problems)
READERS: dict[str, Callable[[str, str, str], tuple[list[Article], list[Problem]]]] = {
    ".txt": load_text, ".html": load_html, ".htm": load_html,
    ".jsonl": load_jsonl, ".json": load_json, ".csv": load_csv,
}
SUFFIXES = frozenset(READERS)


def load_file(path: Path, name: str | None = None, encoding: str | None = None) -> tuple[list[Article], list[Problem]]:
    """One file -> (articles, problems). ``name`` (default: the file's name) goes in Article.file;
    ``encoding`` forces a codec instead of UTF-8. The suffix chooses the reader (``READERS``); a file
    of any other suffix is read as plain text."""
    path = Path(path)
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [], [Problem(shown, 0, 0, f"cannot read file: {exc.strerror or exc}")]
    decoded, problems = decode(data, shown, encoding)
    if decoded is None:
        return [], problems
    reader = READERS.get(path.suffix.lower(), load_text)
    articles, more = reader(decoded, name or path.name, shown)
    return articles, problems + more


def corpus_files(folder: Path) -> list[Path]:
    """The article files under ``folder`` (``SUFFIXES``, recursive, any case of the suffix, hidden ones
    skipped), sorted; :func:`incidents.corpus.scan.scan_folder` also says what could not be looked at."""
    return scan_folder(Path(folder), SUFFIXES)[0]


def _given_files(given: Path, skip: set[str]) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """One path named by the user -> ((file, name) pairs to read, problems)."""
    if (problem := link_problem(given)) is not None:
        return [], [problem]
    if given.is_dir():
        found, problems = scan_folder(given, SUFFIXES)
        files = [(p, p.relative_to(given).as_posix()) for p in found if os.path.realpath(p) not in skip]
        if not files and not problems:
            problems.append(Problem(str(given), 0, 0, f"no article files ({', '.join(sorted(SUFFIXES))}) in this folder"))
        return files, problems
    if given.exists():
        return ([] if os.path.realpath(given) in skip else [(given, given.name)]), []
    return [], [Problem(str(given), 0, 0, "no such file or folder")]


def _where(article: Article) -> str:
    return article.record or f"part {article.part}"


def _read_within_limits(path: Path, name: str, encoding: str | None,
                        limits: Limits) -> tuple[list[Article], list[Problem]]:
    """One file's articles, each within ``limits`` (``corpus.limits``); a reader that fails on the file
    gives a Problem naming the error instead of ending the run."""
    try:
        found, problems = load_file(path, name, encoding)
    except Exception as exc:  # one file's failure must not stop the others
        return [], [Problem(str(path), 0, 0, f"cannot be read: {type(exc).__name__}: {exc}: skipped")]
    articles = []
    for article in found:
        kept, trouble = apply_limits(article, limits, str(path))
        problems = problems + trouble
        if kept is not None:
            articles.append(kept)
    return articles, problems


def load_corpus(paths: Iterable[Path], encoding: str | None = None, exclude: Iterable[Path] = (),
                limits: Limits = DEFAULT_LIMITS) -> tuple[list[Article], list[Problem]]:
    """Files and folders, mixed -> (articles, problems), in the order given (folders sorted by name).

    Folders are scanned recursively for ``SUFFIXES``; a file named directly is read whatever its
    suffix. ``exclude``: files never read (the metadata sidecar, which may sit in the folder given).
    ``limits``: how large an article, a paragraph and an unbroken run may be (``corpus.limits``).
    Articles from a folder are named relative to it; a file given directly by its name. A file,
    folder or link that fails gives a Problem and the others still load. An article whose text was
    already loaded (same id) is reported and skipped, so ids stay unique.
    """
    skip = {os.path.realpath(p) for p in exclude}
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, Article] = {}
    for given in paths:
        files, trouble = _given_files(Path(given), skip)
        problems.extend(trouble)
        for path, name in files:
            found, trouble = _read_within_limits(path, name, encoding, limits)
            problems.extend(trouble)
            for article in found:
                if article.article_id in seen:
                    other = seen[article.article_id]
                    problems.append(Problem(
                        str(path), article.first_line, 1,
                        f"{_where(article)} repeats {other.file} {_where(other)} word for word: skipped",
                    ))
                    continue
                seen[article.article_id] = article
                articles.append(article)
    return articles, problems
