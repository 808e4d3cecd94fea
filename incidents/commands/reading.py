"""The options every command that reads article files shares (``corpus``, ``extract``, ``build``, ``add``).

Not a command itself: ``add_reading_options(parser)`` adds ``--encoding`` and the size limits
(``--max-article-chars``, ``--max-paragraph-chars``, ``--max-run-chars``; defaults in
``incidents.corpus.limits``); ``limits_from(args)`` turns the limits into a ``Limits``.
"""

from __future__ import annotations

import argparse

from incidents.corpus.limits import ARTICLE_CHARS, PARAGRAPH_CHARS, RUN_CHARS, Limits


def _positive(value: str) -> int:
    """A whole number of characters, 1 or more (argparse type)."""
    try:
        number = int(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {value!r}")
    return number


def add_reading_options(parser: argparse.ArgumentParser, encoding: bool = True) -> None:
    """Add ``--encoding`` (unless ``encoding`` is False) and the three size limits to ``parser``."""
    if encoding:
        parser.add_argument("--encoding", default=None, metavar="CODEC",
                            help="decode every file with this codec (e.g. cp1256) instead of UTF-8")
    parser.add_argument("--max-article-chars", type=_positive, default=ARTICLE_CHARS, metavar="N",
                        help=f"an article longer than N characters is cut after its last sentence within N "
                             f"(skipped when none ends there), with a warning (default {ARTICLE_CHARS:,})")
    parser.add_argument("--max-paragraph-chars", type=_positive, default=PARAGRAPH_CHARS, metavar="N",
                        help=f"a paragraph (line) longer than N characters is read up to its last sentence within N, "
                             f"with a warning (default {PARAGRAPH_CHARS:,})")
    parser.add_argument("--max-run-chars", type=_positive, default=RUN_CHARS, metavar="N",
                        help=f"text of more than N characters without a space is left out of extraction (never "
                             f"split into words), with a warning (default {RUN_CHARS:,})")


def limits_from(args: argparse.Namespace) -> Limits:
    """The Limits the parsed options ask for."""
    return Limits(article_chars=args.max_article_chars, paragraph_chars=args.max_paragraph_chars,
                  run_chars=args.max_run_chars)
