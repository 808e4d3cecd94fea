"""Build the incident and article tables from article files, deterministically.

- ``build(seeds_dir, data_dir)``: seeds/ -> data/articles.csv and data/incidents.csv, with the
  analyst corrections of data/corrections.csv applied (orphans and bad rows reported).
- ``extract(paths, out_dir)``: any files or folders of articles -> out_dir/articles.csv and
  out_dir/incidents.csv, with out_dir/corrections.csv applied when it is there (or the file given).

Which rows they own: the ``extracted`` rows and the articles they read. Rows of every other dataset
in the folder's incidents.csv (ACLED imports, ...) are written back exactly as they were, after the
extracted ones. An article already in the folder that is not among the files read (brought by
``add`` from elsewhere, say) would be lost: they refuse to run unless ``force`` is set, and then say
what they dropped. An article whose file is read again with a changed text is replaced by the new
text. A table of the folder that cannot be read whole is replaced only with ``force``.

Determinism: articles are processed in sorted (file, part) order; rows are sorted by (file, part,
span_start, span_end); cells as ``incidents.dataset.render`` writes them. ``ingested_at`` of an
article already in the folder is kept (so a second build writes the same bytes); a new article
gets the time of the run (``ingest.now``: ``--now`` or $INCIDENTS_NOW fix it). An incident's
``timestamp`` is the earliest ``ingested_at`` of its source articles. Everything the command writes
switches in at once (``incidents.dataset.folder``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from incidents.atomic import atomic_path
from incidents.corpus.limits import DEFAULT_LIMITS, Limits
from incidents.dataset import ingest
from incidents.dataset.existing import EXTRACTED, Folder, FolderError, read_folder
from incidents.dataset.folder import writing
from incidents.dataset.jobs import workers
from incidents.dataset.merging import (
    correct,
    corrections_of,
    extract_rows,
    gazetteer_or_shipped,
    load_articles,
    stamp,
)
from incidents.dataset.render import cell, csv_writer, render_csv
from incidents.dataset.report import Report, problems_content
from incidents.problems import printable
from incidents.schema import ARTICLE_COLUMNS, INCIDENT_COLUMNS

__all__ = ["BuildResult", "Options", "article_row", "build", "extract", "extract_rows", "render_csv",
           "write_atomic", "cell"]


@dataclass
class Options:
    """How a build runs: the time of the run (None: ``ingest.now()``), whether it may drop what it
    does not rebuild, worker processes, whether to draw a progress bar, and how files are read."""

    now: str | None = None
    force: bool = False
    jobs: int = 1
    progress: bool = False
    encoding: str | None = None       # a codec every file is decoded with (None: UTF-8, hint otherwise)
    limits: Limits = DEFAULT_LIMITS   # sizes of articles, paragraphs, unbroken runs (``corpus.limits``)


@dataclass
class BuildResult(Report):
    """What a build or extract did: counts, problems with input files, orphan corrections."""

    articles: int = 0
    incidents: int = 0
    kept: int = 0        # rows of other datasets written back as they were
    replaced: int = 0    # articles replaced by a new text of their file
    dropped: list[str] = field(default_factory=list)   # what ``force`` dropped, in words

    def summary(self, out_dir: Path) -> str:
        """One line for the terminal (the folder's name escaped: a name cannot start a line of its own)."""
        shown = printable(out_dir)
        if self.failed:
            return f"nothing written to {shown}: {printable(self.refused) or 'the corrections file cannot be used (see above)'}"
        parts = [f"{self.articles} articles, {self.incidents} incidents -> {shown}"]
        if self.kept:
            parts.append(f"{self.kept} rows of other datasets kept")
        if self.replaced:
            parts.append(f"{self.replaced} article(s) replaced by a new text of their file")
        parts += [f"dropped {d}" for d in self.dropped]
        return "; ".join(parts + self.tail())


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` via a temporary file in the same folder and a rename."""
    with atomic_path(path) as tmp:
        tmp.write_text(content, encoding="utf-8", newline="")


def article_row(article, ingested_at: str = "") -> dict:
    """One articles.csv row from an Article (chrome spans as a JSON list of [start, end])."""
    import json

    return {
        "article_id": article.article_id, "file": article.file, "part": article.part, "title": article.title,
        "outlet": article.outlet, "published": article.published, "published_precision": article.published_precision,
        "char_start": article.char_start, "char_end": article.char_start + len(article.text),
        "chrome_spans": json.dumps([list(s) for s in article.chrome]), "dataset": "extracted", "text": article.text,
        "url": article.url, "date_source": article.date_source or ("header" if article.published else ""),
        "record": ingest.record_of(article), "ingested_at": ingested_at,
    }


def _ownership(folder: Folder, articles: list, force: bool, result: BuildResult) -> bool:
    """Check what the build would drop (module docstring); False when it must refuse."""
    ids, files = {a.article_id for a in articles}, {a.file for a in articles}
    lost, replaced = {}, set()
    for rec in folder.articles.records:
        aid = rec.cells.get("article_id", "")
        if aid in ids or rec.cells.get("dataset", EXTRACTED) != EXTRACTED:
            continue
        if rec.cells.get("file") in files:
            replaced.add(aid)
        else:
            lost.setdefault(aid, rec.cells.get("file", ""))
    orphan_rows = [r for r in folder.incidents.records if r.cells.get("dataset") == EXTRACTED
                   and r.cells.get("article_id") not in ids | replaced]
    result.replaced = len(replaced)
    if not lost and not orphan_rows:
        return True
    named = ", ".join(f"{f or '?'} ({a})" for a, f in list(lost.items())[:5]) + (" ..." if len(lost) > 5 else "")
    what = f"{len(lost)} article(s) and {len(orphan_rows)} extracted incident(s) that no file read now gives"
    if force:
        result.dropped.append(what + (f": {named}" if lost else ""))
        return True
    result.failed = True
    result.refused = (f"{folder.path} holds {what}" + (f" ({named})" if lost else "") +
                      "; add their files to the input, or pass --force to drop them")
    return False


def _read(out_dir: Path, force: bool, result: BuildResult) -> Folder | None:
    """The folder's tables; a table that cannot be read is replaced with ``force``, else None."""
    try:
        return read_folder(out_dir)
    except FolderError as exc:
        if not force:
            result.failed = True
            result.refused = f"{exc.problem}; fix the file, or pass --force to replace the tables"
            return None
        damaged: list = []
        folder = read_folder(out_dir, damaged)
        result.dropped += [f"every row of {p.path} (cannot be read: {p.message})" for p in damaged]
        return folder


def _run(paths: list[Path], out_dir: Path, corrections_path: Path | None, gazetteer=None,
         metadata_path: Path | None = None, options: Options | None = None) -> BuildResult:
    options = options or Options()
    out_dir = Path(out_dir)
    gazetteer = gazetteer_or_shipped(gazetteer)
    with workers(options.jobs, gazetteer) as pool, writing(out_dir) as unit:
        result = BuildResult(recovered=unit.recovered)
        folder = _read(out_dir, options.force, result)
        if folder is None:
            return result
        articles, problems = load_articles(paths, metadata_path, options.encoding, options.limits)
        result.problems.extend(problems)
        if not _ownership(folder, articles, options.force, result):
            return result
        corrections = corrections_of(corrections_path, result)
        if corrections is None:
            return result
        now = ingest.now(options.now)
        known = folder.ingested()
        ingested = {a.article_id: known.get(a.article_id) or now for a in articles}
        rows = extract_rows(articles, gazetteer, jobs=options.jobs, progress=options.progress, report=result,
                            pool=pool)
        stamp(rows, ingested)
        rows = correct(rows, corrections, result)
        ordered = sorted(articles, key=lambda a: (a.file, a.part, a.article_id))
        others = [r.raw for r in folder.incidents.records if r.cells.get("dataset") != EXTRACTED]
        if others and folder.incidents.header != list(INCIDENT_COLUMNS) + folder.extra_columns():
            others = [r.cells for r in folder.incidents.records if r.cells.get("dataset") != EXTRACTED]
        columns = list(INCIDENT_COLUMNS) + folder.extra_columns()
        unit.commit({
            "articles.csv": csv_writer(ARTICLE_COLUMNS, [article_row(a, ingested[a.article_id]) for a in ordered]),
            "incidents.csv": csv_writer(columns, rows + others),
            "problems.txt": problems_content(result),
        })
        result.articles, result.incidents, result.kept = len(ordered), len(rows), len(others)
        result.problems_file = out_dir / "problems.txt" if result.all_problems() else None
        return result


def build(seeds_dir: Path, data_dir: Path, gazetteer=None, metadata_path: Path | None = None,
          options: Options | None = None) -> BuildResult:
    """seeds_dir -> data_dir/articles.csv, data_dir/incidents.csv, with data_dir/corrections.csv applied.

    In: the folder of raw article files, the data folder, an optional metadata sidecar
    (``corpus.metadata``) and Options. Out: a BuildResult (problems with input files and metadata,
    bad correction rows and orphan corrections are listed there, not raised).
    """
    data_dir = Path(data_dir)
    return _run([Path(seeds_dir)], data_dir, data_dir / "corrections.csv", gazetteer, metadata_path, options)


def extract(paths: list[Path], out_dir: Path, corrections_path: Path | None = None, gazetteer=None,
            metadata_path: Path | None = None, options: Options | None = None) -> BuildResult:
    """Files or folders of articles (and an optional metadata sidecar) -> out_dir/articles.csv and
    out_dir/incidents.csv, applying ``corrections_path`` (default: out_dir/corrections.csv when it is
    there). An unreadable file is reported in the result's problems and skipped; the others still load.
    """
    out_dir = Path(out_dir)
    if corrections_path is None and (out_dir / "corrections.csv").is_file():
        corrections_path = out_dir / "corrections.csv"
    return _run([Path(p) for p in paths], out_dir, corrections_path, gazetteer, metadata_path, options)
