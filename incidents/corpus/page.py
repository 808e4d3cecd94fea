"""One text that is one article (a saved page's main text, a collection record's text) and what its
metadata says -> one :class:`~incidents.corpus.record.Article`.

``page_article(body, meta, file, part, ...) -> (Article or None, problems)``:

- the stored text is ``body`` (leading and trailing blank lines left out), with the headline put
  on a line of its own before it when the metadata has a title that the body does not print
  (extractors and exports keep the headline apart from the text; the page prints it above, and the
  header rules and the extractor read it there, as in a plain-text file); that line is then the
  article's title;
- the header rules of :mod:`incidents.corpus.plaintext` read the text as one article (it is never
  split): chrome, the headline, the outlet and a dateline the text prints;
- then the metadata fills what the text does not state and wins where they disagree
  (:func:`incidents.corpus.metadata.merge_metadata`, disagreements reported once per article).
"""

from __future__ import annotations

from dataclasses import replace

from incidents.corpus.chrome import restates_title, split_lines
from incidents.corpus.metadata import Metadata, merge_metadata
from incidents.corpus.plaintext import make_article
from incidents.corpus.record import Article
from incidents.problems import Problem


def with_headline(body: str, title: str) -> str:
    """``body`` with ``title`` on a line of its own before it, unless ``body`` already prints it on a line
    of its own (exactly, or with a label cut or added, :func:`incidents.corpus.chrome.restates_title`)."""
    title = " ".join(title.split())
    if not title:
        return body
    for line in body.splitlines():
        line = " ".join(line.split())
        if line == title or restates_title(title, line):
            return body
    return f"{title}\n{body}"


def page_article(body: str, meta: Metadata, file: str, part: int = 1, *, record: str = "", first_line: int = 1,
                 where: str | None = None) -> tuple[Article | None, list[Problem]]:
    """One article's text and metadata -> (Article, disagreements) or (None, [why not]).

    ``file``/``part``/``record`` name the article; ``first_line`` is where it starts in its file (the
    record's first physical line); ``where`` names the file in problems (default ``file``).
    """
    text = with_headline(body, meta.title)
    article = make_article(text, split_lines(text), file, part)
    if article is None:
        return None, [Problem(where or file, first_line, 1, "no article text (only blank lines or page chrome)")]
    article = replace(article, record=record, first_line=first_line)
    if text is not body:
        article = headline_first(article)
    return merge_metadata(article, meta)


def headline_first(article: Article) -> Article:
    """``article`` whose first line is the headline put there from its metadata: that line is the title
    (never chrome, never a lead sentence)."""
    end = article.text.find("\n")
    end = len(article.text) if end == -1 else end
    kept = [(span, kind) for span, kind in zip(article.chrome, article.chrome_kinds, strict=True) if span[0] >= end]
    return replace(article, title=article.text[:end].strip(), title_is_lead=False,
                   chrome=tuple(span for span, _ in kept), chrome_kinds=tuple(kind for _, kind in kept))
