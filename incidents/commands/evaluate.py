"""``python -m incidents evaluate GOLD.csv PREDICTED.csv [--articles ARTICLES.csv] [--json]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "measure predicted incidents against a gold annotation: precision, recall, F1, field accuracy"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments."""
    parser.add_argument("gold", type=Path, help="gold CSV (see gold/README.md)")
    parser.add_argument("predicted", type=Path, help="predicted incidents CSV (data/incidents.csv columns)")
    parser.add_argument("--articles", type=Path, default=None,
                        help="articles CSV both point into (default: articles.csv next to PREDICTED, if any; "
                             "without it incidents are matched on quotes alone)")
    parser.add_argument("--json", action="store_true", help="print the figures and lists as JSON")


def run(args: argparse.Namespace) -> int:
    """Read the tables, evaluate, print. Exit 0 on success, 2 on bad input (problems on stderr)."""
    from incidents.extract.evaluate import (
        ARTICLES_REQUIRED,
        GOLD_REQUIRED,
        PRED_OPTIONAL,
        PRED_REQUIRED,
        QUOTE_MODE_REQUIRED,
        EvaluationInputError,
        evaluate,
        format_report,
        read_table,
    )

    articles_path = args.articles
    if articles_path is None:
        beside = args.predicted.parent / "articles.csv"
        if beside.is_file() and beside.resolve() != args.predicted.resolve():
            articles_path = beside
    gold, problems = read_table(args.gold, GOLD_REQUIRED)
    required = PRED_REQUIRED if articles_path else QUOTE_MODE_REQUIRED
    pred, more = read_table(args.predicted, required, keep=required + PRED_OPTIONAL)
    problems += more
    articles = None
    if articles_path is not None:
        articles, more = read_table(articles_path, ARTICLES_REQUIRED, keep=ARTICLES_REQUIRED)
        problems += more
    if not problems:
        try:
            report = evaluate(gold, pred, articles)
        except EvaluationInputError as exc:
            problems = exc.problems
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return 2
    if args.json:
        data = {"gold": str(args.gold), "predicted": str(args.predicted),
                "articles": None if articles_path is None else str(articles_path), **report.to_dict()}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(format_report(report, f"{args.gold} vs {args.predicted}"
                            + (f" (articles: {articles_path})" if articles_path else "")))
    return 0
