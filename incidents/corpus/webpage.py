"""A web page as a browser saves it (``.html``, ``.htm``) -> one :class:`~incidents.corpus.record.Article`.

``load_html(decoded, file, path) -> (articles, problems)``:

- The main text is trafilatura's (2.3.1): navigation, "most read" lists, related links, comments,
  footers, scripts and styles stay out; paragraphs one a line. No tag is stripped by hand here.
- Title, site name (the outlet) and canonical address come from trafilatura's metadata reader
  (``og:title``, JSON-LD, ``<title>``; ``og:site_name``; ``link rel=canonical`` / ``og:url``). An
  address that is not http or https is left out.
- The publication date comes from the page's metadata only: htmldate (1.11.0) reads the page's
  ``<meta>`` tags, its JSON-LD and the canonical address (a year-first date in the path), and never
  its body, whose dates ("most read" lists, "07-12-2021" with day and month interchangeable) are not
  the page's own or are guessed. A value with a time of day gives "minute" or "second" precision,
  a value without (or at midnight) "day". ``date_source`` is then "metadata"; without one, a
  dateline the text prints still dates the article (:func:`incidents.corpus.chrome.parse_dateline`).
- The text is then read as one article (:func:`incidents.corpus.page.page_article`): the headline is
  put on the first line when the main text does not open with it, offsets point into that text,
  which is what ``articles.csv`` stores.
"""

from __future__ import annotations

import copy
import logging
from datetime import datetime

import lxml.html

from incidents.corpus.metadata import Metadata
from incidents.corpus.page import page_article
from incidents.corpus.record import Article
from incidents.problems import Problem

for _name in ("trafilatura", "htmldate", "courlan"):  # their warnings become our Problems, not stderr noise
    logging.getLogger(_name).addHandler(logging.NullHandler())

_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
_METADATA = '//meta | //script[@type="application/ld+json"] | //link[@rel="canonical"]'


def metadata_tree(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A document holding only the page's metadata: its ``<meta>`` tags, JSON-LD scripts and canonical link."""
    root = lxml.html.Element("html")
    head = lxml.html.etree.SubElement(root, "head")
    for element in tree.xpath(_METADATA):
        kept = copy.deepcopy(element)
        kept.tail = None
        head.append(kept)
    return root


def page_date(tree: lxml.html.HtmlElement, url: str = "") -> tuple[str, str]:
    """(ISO date or date-time, precision) the page's metadata states, or ("", "") (see the module doc)."""
    from htmldate import find_date  # imported when a page is read: it takes a third of a second

    found = find_date(metadata_tree(tree), extensive_search=False, original_date=True, outputformat=_DATE_FORMAT,
                      url=url or None, deferred_url_extractor=True)
    if not found:
        return "", ""
    moment = datetime.strptime(found, _DATE_FORMAT)
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return moment.strftime("%Y-%m-%d"), "day"
    if moment.second:
        return found, "second"
    return moment.strftime("%Y-%m-%dT%H:%M"), "minute"


def _web_address(url: str | None) -> str:
    url = (url or "").strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


def read_page(decoded: str) -> tuple[str, Metadata] | None:
    """Decoded HTML -> (main text, metadata), or None when the page has no main text."""
    import trafilatura  # imported when a page is read: it takes a third of a second

    tree = trafilatura.load_html(decoded)
    if tree is None:
        return None
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        return None
    url = _web_address(doc.url)
    published, precision = page_date(tree, url)
    meta = Metadata(url=url, outlet=(doc.sitename or "").strip(), published=published,
                    published_precision=precision, title=" ".join((doc.title or "").split()))
    return doc.text, meta


def load_html(decoded: str, file: str, path: str | None = None) -> tuple[list[Article], list[Problem]]:
    """A decoded saved page -> ([its article], problems), or ([], [why not]). ``file`` names the
    article, ``path`` the problems."""
    where = path or file
    try:
        found = read_page(decoded)
    except (ValueError, TypeError, lxml.html.etree.LxmlError) as exc:
        return [], [Problem(where, 0, 0, f"cannot read the page as HTML: {exc}")]
    if found is None:
        return [], [Problem(where, 0, 0, "no article text found in the page (no main text beside its navigation "
                                         "and boilerplate)")]
    text, meta = found
    article, problems = page_article(text, meta, file, 1, where=where)
    return ([article] if article else []), problems
