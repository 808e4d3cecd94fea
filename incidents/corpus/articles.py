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

from collections.abc import Iterable
from pathlib import Path

from incidents.corpus.decoding import decode
from incidents.corpus.plaintext import load_text, make_article, split_articles
from incidents.corpus.record import Article, article_id
from incidents.problems import Problem

__all__ = ["Article", "article_id", "decode", "load_corpus", "load_file", "load_text", "make_article",
           "split_articles"]


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
