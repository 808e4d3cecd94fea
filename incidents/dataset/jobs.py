"""Extraction of many articles, in one process or several: the candidate rows of each article, in order.

``candidates(articles, gazetteer, jobs=1, progress=None)`` returns, for each article in the order
given, the rows ``incidents.extract.pipeline.extract_article`` makes of it. With ``jobs`` > 1 the
articles are shared out to that many worker processes (forked, so each starts with the loaded
gazetteer and word lists), and the answers are put back in the order given: everything after
extraction (dedupe, confidence, corrections) runs in this process on the same rows, so the tables
are the same whatever ``jobs`` is. ``progress(n)`` is called after every n articles done.

One article that fails (an error inside the extractor) gives no rows and a problem naming it; the
run goes on (``Failure``).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from incidents.extract.pipeline import extract_article

CHUNK = 8   # articles sent to a worker at a time
_GAZETTEER = None   # the gazetteer of a worker process (set before forking)


@dataclass(frozen=True)
class Failure:
    """An article the extractor failed on: its id and the error in one line."""

    article_id: str
    error: str


def _extract_one(article, gazetteer=None) -> list[dict] | Failure:
    try:
        return extract_article(article, gazetteer if gazetteer is not None else _GAZETTEER)
    except Exception as exc:  # noqa: BLE001 - one article's failure is a problem on it, not the end of the run
        last = traceback.extract_tb(exc.__traceback__)[-1]
        return Failure(article.article_id, f"{type(exc).__name__}: {exc} ({os.path.basename(last.filename)}:"
                                           f"{last.lineno})")


def usable_jobs(jobs: int) -> int:
    """``jobs`` (0 or less: one per CPU), never more than the CPUs there are."""
    cpus = os.cpu_count() or 1
    return cpus if jobs <= 0 else min(jobs, cpus)


def _die_with_parent() -> None:
    """In a worker: ask Linux to end this process when the command that forked it dies (a killed
    ``add`` leaves no worker behind). Elsewhere nothing happens."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


@contextlib.contextmanager
def workers(jobs: int, gazetteer):
    """A pool of ``jobs`` worker processes for ``candidates`` (None for one process), forked now: open
    it before reading big tables, so the workers do not start with copies of them."""
    global _GAZETTEER
    if usable_jobs(jobs) <= 1:
        yield None
        return
    _GAZETTEER = gazetteer
    try:
        with multiprocessing.get_context("fork").Pool(usable_jobs(jobs), initializer=_die_with_parent) as pool:
            yield pool
    finally:
        _GAZETTEER = None


def candidates(articles: list, gazetteer, jobs: int = 1, progress: Callable[[int], None] | None = None,
               pool=None) -> list[list[dict] | Failure]:
    """Rows (or a Failure) of each article, in the order of ``articles`` (module docstring); ``pool``:
    workers opened by ``workers`` (else they are started here when ``jobs`` > 1)."""
    if pool is None and (usable_jobs(jobs) <= 1 or len(articles) < 2 * CHUNK):
        out = []
        for article in articles:
            out.append(_extract_one(article, gazetteer))
            if progress:
                progress(1)
        return out
    if pool is None:
        with workers(jobs, gazetteer) as own:
            return candidates(articles, gazetteer, jobs, progress, own)
    out = []
    for rows in pool.imap(_extract_one, articles, chunksize=CHUNK):
        out.append(rows)
        if progress:
            progress(1)
    return out
