"""Arguments the writing commands share (``build``, ``extract``, ``add``): the time of the run,
``--force``, ``--jobs``, how files are read (``--encoding``, size limits: ``commands.reading``); and the
Options they make (``incidents.dataset.build.Options``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from incidents.commands.reading import add_reading_options, limits_from


def add_arguments(parser: argparse.ArgumentParser, force: bool = True) -> None:
    """Add --metadata, --now, --jobs (and --force) to ``parser``, and how files are read
    (``commands.reading``: --encoding and the size limits)."""
    add_reading_options(parser)
    parser.add_argument("--metadata", type=Path, default=None,
                        help="CSV with a 'file' column (names relative to the folder given) and any of url, outlet, "
                             "published, title: fills what the texts do not state (never read as a collection)")
    parser.add_argument("--now", default=None, metavar="TIME",
                        help="the time of this run, written as ingested_at of new articles (ISO 8601, UTC when no "
                             "zone; default: $INCIDENTS_NOW, else the clock)")
    parser.add_argument("--jobs", type=int, default=1, metavar="N",
                        help="extract in N processes (0: one per CPU; the tables are the same for every N)")
    if force:
        parser.add_argument("--force", action="store_true",
                            help="drop what the folder holds that this run does not rebuild (articles no file read "
                                 "now gives, a table that cannot be read), saying what was dropped")


def options(args: argparse.Namespace):
    """The Options of parsed ``args``; raises ValueError when --now (or $INCIDENTS_NOW) is no time."""
    from incidents.dataset import ingest
    from incidents.dataset.build import Options

    return Options(now=ingest.now(args.now), force=getattr(args, "force", False), jobs=args.jobs,
                   progress=True, encoding=args.encoding, limits=limits_from(args))
