"""``python -m incidents corpus PATH...``: list the articles found in files and folders."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from incidents.commands.reading import add_reading_options, limits_from
from incidents.problems import printable  # article text is data: control characters shown as escapes

HELP = ("list the articles in files or folders (.txt, .html, .htm, .jsonl, .json, .csv): id, file, part or record, "
        "outlet, published, title, chrome lines")


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="an article file (.txt, .html, .htm, .jsonl, .json, .csv) or a folder of them")
    add_reading_options(parser)


def format_article(article) -> str:
    """One tab-separated line: id, file, part (or the record: "line 17", "record 3"), outlet, published
    (precision), title, chrome lines."""
    published = f"{article.published} ({article.published_precision})" if article.published else "undated"
    n = len(article.chrome)
    fields = [
        article.article_id, article.file, article.record or f"part {article.part}", article.outlet or "-",
        published, article.title, f"{n} chrome line{'s' if n != 1 else ''}",
    ]
    return "\t".join(printable(f) for f in fields)


def run(args: argparse.Namespace) -> int:
    """Print one line per article on stdout and problems on stderr; 0 if any article loaded."""
    from incidents.corpus.articles import load_corpus

    articles, problems = load_corpus(args.paths, encoding=args.encoding, limits=limits_from(args))
    for article in articles:
        print(format_article(article))
    for problem in problems:
        print(problem, file=sys.stderr)   # str(Problem) escapes its path and message
    return 0 if articles else 1
