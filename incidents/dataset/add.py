"""New articles into a data folder that already holds some: ``add(paths, data_dir)``.

- Articles already in the folder (same article id) are skipped; only the new ones are extracted.
- Their rows merge with each other and with the folder's ``extracted`` incidents by the extractor's
  dedupe (``merging.merge_rows`` with the stored rows as ``prior``): an incident a new article tells
  again keeps its id and row and gains the article in ``source_articles``; its notes, confidence,
  review reasons and ``timestamp`` are written again. Other rows are written back byte for byte,
  rows of other datasets (ACLED imports) are never looked at.
- The folder's corrections.csv is applied again (to new and merged rows, and to every row it names).
- New articles get ``ingested_at`` = the time of the run; new incidents the ``timestamp`` of their
  first article.
- Everything is written as one unit (``incidents.dataset.folder``): killed, ``add`` leaves the
  folder as it was. Adding the same files again finds every article there and changes nothing.

Order: stored rows stay where they are, new articles and incidents come after them, sorted as a
build sorts them; so ``add`` into an empty folder writes what ``build`` of the same files writes.
A new article is merged as if it came after every stored one (in one build it may sort before them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from incidents.dataset import ingest
from incidents.dataset.build import Options, article_row
from incidents.dataset.existing import EXTRACTED, Folder, FolderError, read_folder
from incidents.dataset.folder import writing
from incidents.dataset.jobs import workers
from incidents.dataset.merging import (
    Merged,
    correct,
    corrections_of,
    gazetteer_or_shipped,
    load_articles,
    merge_rows,
    stamp,
)
from incidents.dataset.prior import prior_row
from incidents.dataset.render import csv_writer, record_text
from incidents.dataset.report import PROBLEMS_FILE, Report, problems_content
from incidents.problems import printable
from incidents.schema import ARTICLE_COLUMNS, INCIDENT_COLUMNS


@dataclass
class AddResult(Report):
    """What an add did: articles read, skipped (already there) and added; incidents added and merged."""

    read: int = 0
    skipped: int = 0
    added: int = 0
    incidents_added: int = 0
    incidents_merged: int = 0
    incidents: int = 0   # rows of incidents.csv after the add
    changed: bool = False
    layout_kept: bool = True   # incidents.csv had our columns: stored records are written as they were

    def summary(self, data_dir: Path) -> str:
        """One line for the terminal (the folder's name escaped: a name cannot start a line of its own)."""
        shown = printable(data_dir)
        if self.failed:
            return f"nothing added to {shown}: {printable(self.refused) or 'the corrections file cannot be used (see above)'}"
        parts = [f"{self.read} articles read: {self.skipped} skipped (already there), {self.added} added",
                 f"{self.incidents_added} incidents added, {self.incidents_merged} merged into incidents already "
                 f"there -> {shown} ({self.incidents} incidents)"]
        if not self.changed:
            parts.append("tables unchanged")
        return "; ".join(parts + self.tail())


def _table_rows(folder: Folder, prior_at: list[int], prior: list[dict], merged: Merged) -> list:
    """The incidents table's items in order: each stored record as found, or its merged row."""
    where = {record_index: k for k, record_index in enumerate(prior_at)}
    items = []
    for i, record in enumerate(folder.incidents.records):
        k = where.get(i)
        items.append(merged.touched.get(k, record) if k is not None else record)
    return items + merged.new


def _corrected(items: list, prior_at: list[int], prior: list[dict], corrections: list, result: AddResult,
               columns: list[str]) -> list:
    """``items`` (records and rows) with the corrections applied to every new or merged row and to the
    stored rows they name, as the table's items: a record's text where its row is as it was, else a row."""
    named = {c.event_id for c in corrections}
    for k, i in enumerate(prior_at):
        if not isinstance(items[i], dict) and prior[k].get("event_id") in named:
            items[i] = {c: prior[k].get(c, "") for c in INCIDENT_COLUMNS} | {"_record": items[i]}
    rows = [x for x in items if isinstance(x, dict)]
    by_id = {r["event_id"]: r for r in (correct(rows, corrections, result, rejected_known=True) if corrections
                                         else rows)}
    same = result.layout_kept
    out = []
    for x in items:
        if not isinstance(x, dict):
            out.append(x.raw if same else x.cells)
            continue
        row = by_id.get(x["event_id"])
        if row is None:
            continue   # rejected
        before = x.get("_record")
        out.append(before.raw if same and before is not None and record_text(columns, row) == before.raw else row)
    return out


def _articles(folder: Folder, new: list, now: str) -> list:
    """The articles table's items: stored records as found (in our layout), then the new articles."""
    same = folder.articles.header == list(ARTICLE_COLUMNS)
    stored = [r.raw if same else dict(r.cells, record=r.cells.get("record") or r.cells.get("file", ""))
              for r in folder.articles.records]
    ordered = sorted(new, key=lambda a: (a.file, a.part, a.article_id))
    return stored + [article_row(a, now) for a in ordered]


def _report_days(prior: list[dict], folder: Folder) -> None:
    """Give each stored row the publication day of its article (``_published``, as extraction gives a new
    row), read from the articles table: dedupe compares undated reports by it."""
    days = {r.cells.get("article_id", ""): str(r.cells.get("published") or "")[:10] for r in folder.articles.records
            if r.cells.get("published_precision") in ("second", "minute", "day")}
    for row in prior:
        row["_published"] = days.get(str(row.get("article_id", "")), "")


def _merge(folder: Folder, new: list, options: Options, gazetteer, pool) -> tuple[list[int], list[dict], Merged]:
    """The stored extracted rows (record positions, rows ready to merge) and the merge of ``new``."""
    prior_at = [i for i, r in enumerate(folder.incidents.records) if r.cells.get("dataset") == EXTRACTED]
    prior = [prior_row(folder.incidents.records[i].cells) for i in prior_at]
    _report_days(prior, folder)
    if folder.incidents.header == list(INCIDENT_COLUMNS) + folder.extra_columns():
        for i in prior_at:   # written back from their text or the typed row: one copy of a big table in memory
            folder.incidents.records[i].cells = {"dataset": EXTRACTED}
    sources = {r.cells.get("article_id", ""): r.cells.get("date_source", "") for r in folder.articles.records}
    merged = merge_rows(new, gazetteer, prior, sources, jobs=options.jobs, progress=options.progress, pool=pool)
    return prior_at, prior, merged


def _run(unit, folder: Folder, articles: list, corrections: list, options: Options, gazetteer, pool,
         result: AddResult) -> None:
    """Merge the new ``articles`` into ``folder`` and commit the tables (module docstring)."""
    have = {r.cells.get("article_id", "") for r in folder.articles.records}
    new = [a for a in articles if a.article_id not in have]
    result.read, result.skipped = len(articles), len(articles) - len(new)
    prior_at, prior, merged = _merge(folder, new, options, gazetteer, pool)
    result.problems.extend(merged.failed.values())
    new = [a for a in new if a.article_id not in merged.failed]
    now = ingest.now(options.now)
    stamp(list(merged.touched.values()) + merged.new, folder.ingested() | {a.article_id: now for a in new})
    columns = list(INCIDENT_COLUMNS) + folder.extra_columns()
    result.layout_kept = folder.incidents.header == columns
    items = _corrected(_table_rows(folder, prior_at, prior, merged), prior_at, prior, corrections, result, columns)
    result.added, result.incidents_added, result.incidents_merged = len(new), len(merged.new), len(merged.touched)
    result.incidents = len(items)
    result.changed = bool(new) or any(not isinstance(x, str) for x in items) or len(items) != len(
        folder.incidents.records) or folder.incidents.path is None
    result.problems_file = folder.path / PROBLEMS_FILE if result.all_problems() else None
    files = {PROBLEMS_FILE: problems_content(result)}
    if result.changed:
        files["incidents.csv"] = csv_writer(columns, items)
        files["articles.csv"] = csv_writer(ARTICLE_COLUMNS, _articles(folder, new, now))
    unit.commit(files)


def add(paths: list[Path], data_dir: Path, metadata_path: Path | None = None, options: Options | None = None,
        gazetteer=None) -> AddResult:
    """Add the articles of ``paths`` (files or folders; an optional metadata sidecar) to ``data_dir``
    (module docstring). Out: an AddResult (problems with input files, bad correction rows and
    orphan corrections are listed there, not raised). Nothing is written when the folder's tables or
    its corrections file cannot be read (``failed``, with the reason)."""
    options, data_dir = options or Options(), Path(data_dir)
    gazetteer = gazetteer_or_shipped(gazetteer)
    with workers(options.jobs, gazetteer) as pool, writing(data_dir) as unit:
        result = AddResult(recovered=unit.recovered)
        try:
            folder = read_folder(data_dir)
        except FolderError as exc:
            result.failed, result.refused = True, f"{exc.problem}; fix the file, then add again"
            return result
        corrections = corrections_of(data_dir / "corrections.csv", result)
        if corrections is None:
            return result
        articles, problems = load_articles([Path(p) for p in paths], metadata_path, options.encoding, options.limits)
        result.problems.extend(problems)
        _run(unit, folder, articles, corrections, options, gazetteer, pool, result)
        return result
