"""Articles to finished incident rows, alone or joining the incidents a folder already holds.

- ``load_articles(paths, metadata, encoding, limits)``: the articles of files and folders, with a
  metadata sidecar, read with a codec (None: UTF-8) and within size limits (``corpus.limits``).
- ``merge_rows(articles, gazetteer, prior)``: extract ``articles`` (in sorted (file, part) order,
  ``jobs`` processes), merge their rows with each other and with ``prior`` (stored incidents, made
  ready by ``incidents.dataset.prior``) by the extractor's dedupe, then write notes, confidence and
  review reasons of every row that is new or changed. Out: a ``Merged``.
- ``extract_rows(articles)``: the same with no prior incidents: the rows of a build.
- ``stamp(rows, ingested)``: each row's ``timestamp``, the earliest ``ingested_at`` of its sources.
- ``corrections_of(path, report)`` and ``correct(rows, corrections, report)``: the analyst
  corrections of a file, applied (notes of changed rows rebuilt).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from incidents.corpus.limits import DEFAULT_LIMITS, Limits
from incidents.dataset import ingest
from incidents.dataset.corrections import apply_corrections, load_corrections, unusable
from incidents.dataset.jobs import Failure, candidates
from incidents.extract.confidence import assess, possible_repeats
from incidents.extract.dedupe import dedupe
from incidents.extract.pipeline import make_note
from incidents.problems import Problem
from incidents.progress import counting
from incidents.schema import INCIDENT_COLUMNS


@dataclass
class Merged:
    """New incidents (rows, sorted by article and span), prior incidents that new articles joined
    (index in ``prior`` -> the row), and the articles the extractor failed on (problems)."""

    new: list[dict] = field(default_factory=list)
    touched: dict[int, dict] = field(default_factory=dict)
    failed: dict[str, Problem] = field(default_factory=dict)


def gazetteer_or_shipped(gazetteer=None):
    """``gazetteer``, else the shipped one (loaded once per process)."""
    if gazetteer is not None:
        return gazetteer
    from incidents.places.geo import load_gazetteer

    return load_gazetteer()


def load_articles(paths: list[Path], metadata_path: Path | None, encoding: str | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> tuple[list, list[Problem]]:
    """Articles of ``paths`` with the sidecar metadata applied (when given), then dated by their address when
    nothing else dates them (``corpus.address_dates``), and every problem.
    ``encoding`` forces a codec instead of UTF-8; ``limits``: the size limits (``corpus.limits``)."""
    from incidents.corpus.address_dates import with_address_date
    from incidents.corpus.articles import load_corpus
    from incidents.corpus.metadata import apply_metadata, read_metadata

    articles, problems = load_corpus(paths, encoding=encoding, limits=limits,
                                     exclude=[metadata_path] if metadata_path is not None else ())
    if metadata_path is not None:
        metadata, bad = read_metadata(metadata_path)
        articles, disagreements = apply_metadata(articles, metadata)
        problems = problems + bad + disagreements
    return [with_address_date(a) for a in articles], problems


def _candidates(ordered: list, gazetteer, jobs: int, progress: bool, pool=None) -> tuple[list[dict], dict]:
    """The candidate rows of every article, in order, and a problem for each article that failed."""
    with counting(len(ordered), "extracting", "article", enabled=progress) as advance:
        found = candidates(ordered, gazetteer, jobs, advance, pool)
    rows, failed = [], {}
    for article, got in zip(ordered, found, strict=True):
        if isinstance(got, Failure):
            failed[article.article_id] = Problem(article.file, article.first_line, 0,
                                                 f"the extractor failed on part {article.part} ({got.error}): "
                                                 "the article is not added")
        else:
            rows.extend(got)
    return rows, failed


def merge_rows(articles: list, gazetteer=None, prior: list[dict] | tuple = (), date_sources: dict | None = None,
               jobs: int = 1, progress: bool = False, pool=None) -> Merged:
    """Rows of ``articles`` merged among themselves and with ``prior`` (module docstring).

    ``date_sources``: article id -> where its publication date came from, for articles of ``prior``
    (the new articles say it themselves); ``pool``: workers of ``jobs.workers``."""
    gazetteer = gazetteer_or_shipped(gazetteer)
    ordered = sorted(articles, key=lambda a: (a.file, a.part, a.article_id))
    order = {a.article_id: i for i, a in enumerate(ordered)}
    found, failed = _candidates(ordered, gazetteer, jobs, progress, pool)
    rows = dedupe(found, prior)
    sources = dict(date_sources or {})
    sources.update({a.article_id: getattr(a, "date_source", "") for a in ordered})
    first = len(prior)
    touched = [i for i in range(first) if rows[i] is not prior[i]]
    wanted = set(touched) | set(range(first, len(rows)))
    repeats = possible_repeats(rows, only=wanted)
    done = {}
    for i in sorted(wanted):
        row = rows[i]
        row["notes"] = make_note(row)
        row["_repeats"] = repeats.get(i, "")
        row["confidence"], row["review_reasons"] = assess(row, sources.get(row["article_id"], ""))
        done[i] = {c: row.get(c, "") for c in INCIDENT_COLUMNS}
    new = [done[i] for i in range(first, len(rows))]
    new.sort(key=lambda r: (order.get(r["article_id"], -1), int(r["span_start"]), int(r["span_end"])))
    return Merged(new, {i: done[i] for i in touched}, failed)


def extract_rows(articles: list, gazetteer=None, jobs: int = 1, progress: bool = False, report=None,
                 pool=None) -> list[dict]:
    """Candidate rows of every article, deduplicated, notes rebuilt from the merged fields, sorted.

    In: Articles (any order) and a Gazetteer (default: the shipped one). Out: incident rows with
    INCIDENT_COLUMNS (private keys dropped), sorted by (file, part, span_start, span_end). Articles
    the extractor failed on give no rows; with ``report`` their problems are added to it and they
    are removed from ``articles`` (a list, changed in place).
    """
    merged = merge_rows(articles, gazetteer, jobs=jobs, progress=progress, pool=pool)
    if report is not None and merged.failed:
        report.problems.extend(merged.failed.values())
        articles[:] = [a for a in articles if a.article_id not in merged.failed]
    return merged.new


def stamp(rows: list[dict], ingested: dict[str, str]) -> None:
    """Set each row's ``timestamp``: the earliest ``ingested_at`` of its source articles (epoch s)."""
    for row in rows:
        row["timestamp"] = ingest.first_ingested(row.get("source_articles", ""), ingested)


def corrections_of(path: Path | None, report) -> list | None:
    """The valid corrections of ``path`` (None: no file given, []), their bad rows added to the
    report; None when the file cannot be used at all (then ``report.failed``)."""
    if path is None:
        return []
    corrections, bad = load_corrections(path)
    report.correction_problems.extend(bad)
    if unusable(bad):  # writing the uncorrected table would silently undo every correction
        report.failed = True
        return None
    return corrections


def correct(rows: list[dict], corrections: list, report, rejected_known: bool = False) -> list[dict]:
    """``rows`` with ``corrections`` applied (``corrections_of``), notes of changed rows rebuilt.
    Fills the report's orphans and count. ``rejected_known``: a reject whose incident is in no row
    was applied before (``add``, whose stored rows are corrected already: they are replayed with
    ``restore``, so an undo written since the last write puts back what it undid), not an orphan."""
    known = {r["event_id"] for r in rows}
    rows, orphans = apply_corrections(rows, corrections, restore=rejected_known)
    if rejected_known:
        rejects = {(c.path, c.line) for c in corrections if c.action == "reject"}
        orphans = [p for p in orphans if (p.path, p.line) not in rejects]
    report.orphans.extend(orphans)
    report.corrections_applied = sum(1 for c in corrections if c.event_id in known)
    # a note describes the fields: rebuild it on corrected rows unless the analyst wrote the note
    edited = {c.event_id for c in corrections if c.action == "override" and c.field != "notes"}
    noted = {c.event_id for c in corrections if c.action == "override" and c.field == "notes"}
    for r in rows:
        if r["event_id"] in edited and r["event_id"] not in noted:
            r["notes"] = make_note(r)
    return rows
