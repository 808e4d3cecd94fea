"""Build the incident and article tables from article files, deterministically.

- ``build(seeds_dir, data_dir)``: seeds/ -> data/articles.csv and data/incidents.csv, with the
  analyst corrections of data/corrections.csv applied (orphans and bad rows reported).
- ``extract(paths, out_dir)``: any files or folders of plain-text articles -> out_dir/articles.csv
  and out_dir/incidents.csv (no corrections unless a corrections file is given).

Determinism: articles are processed in sorted file order; rows are sorted by (file, part,
span_start, span_end); floats are written with 5 decimals, counts as whole numbers, empty cells
for unknown values, "\\n" line ends, UTF-8; no wall-clock value anywhere (``timestamp`` is 0).
Each table is written to a temporary file in the same folder and renamed, so a failure never
leaves half a file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from incidents.atomic import atomic_path
from incidents.dataset.corrections import apply_corrections, load_corrections, unusable
from incidents.extract.confidence import assess, possible_repeats
from incidents.extract.dedupe import dedupe
from incidents.extract.pipeline import extract_article, make_note
from incidents.problems import Problem
from incidents.schema import ARTICLE_COLUMNS, INCIDENT_COLUMNS

FLOAT_COLUMNS = frozenset({"latitude", "longitude"})


@dataclass
class BuildResult:
    """What a build or extract did: counts, problems with input files, orphan corrections."""

    articles: int = 0
    incidents: int = 0
    problems: list[Problem] = field(default_factory=list)
    correction_problems: list[Problem] = field(default_factory=list)
    orphans: list[Problem] = field(default_factory=list)
    corrections_applied: int = 0
    failed: bool = False  # nothing was written (the corrections file could not be used)

    def summary(self, out_dir: Path) -> str:
        """One line for the terminal."""
        if self.failed:
            return f"nothing written to {out_dir}: the corrections file cannot be used (see above)"
        parts = [f"{self.articles} articles, {self.incidents} incidents -> {out_dir}"]
        if self.corrections_applied:
            parts.append(f"{self.corrections_applied} corrections applied")
        if self.orphans:
            parts.append(f"{len(self.orphans)} orphan correction(s)")
        if self.correction_problems:
            parts.append(f"{len(self.correction_problems)} bad correction row(s)")
        if self.problems:
            parts.append(f"{len(self.problems)} file problem(s)")
        return "; ".join(parts)


def _cell(column: str, value) -> str:
    if value is None or value == "":
        return ""
    if column in FLOAT_COLUMNS:
        return f"{float(value):.5f}"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_csv(rows: Iterable[dict], columns: tuple[str, ...]) -> str:
    """CSV text of ``rows`` (dicts) with ``columns``: header, minimal quoting, "\\n" line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(c, row.get(c, "")) for c in columns])
    return buf.getvalue()


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` via a temporary file in the same folder and a rename."""
    with atomic_path(path) as tmp:
        tmp.write_text(content, encoding="utf-8", newline="")


def article_row(article) -> dict:
    """One articles.csv row from an Article (chrome spans as a JSON list of [start, end])."""
    return {
        "article_id": article.article_id, "file": article.file, "part": article.part, "title": article.title,
        "outlet": article.outlet, "published": article.published, "published_precision": article.published_precision,
        "char_start": article.char_start, "char_end": article.char_start + len(article.text),
        "chrome_spans": json.dumps([list(s) for s in article.chrome]), "dataset": "extracted", "text": article.text,
        "url": article.url, "date_source": article.date_source or ("header" if article.published else ""),
    }


def extract_rows(articles: list, gazetteer=None) -> list[dict]:
    """Candidate rows of every article, deduplicated, notes rebuilt from the merged fields, sorted.

    In: Articles (any order) and a Gazetteer (default: the shipped one). Out: incident rows with
    INCIDENT_COLUMNS (private keys dropped), sorted by (file, part, span_start, span_end).
    """
    if gazetteer is None:
        from incidents.places.geo import load_gazetteer

        gazetteer = load_gazetteer()
    ordered = sorted(articles, key=lambda a: (a.file, a.part))
    order = {a.article_id: (a.file, a.part) for a in ordered}
    candidates: list[dict] = []
    for article in ordered:
        candidates.extend(extract_article(article, gazetteer))
    rows = dedupe(candidates)
    date_sources = {a.article_id: getattr(a, "date_source", "") for a in ordered}
    repeats = possible_repeats(rows)
    out = []
    for i, row in enumerate(rows):
        row["notes"] = make_note(row)
        row["_repeats"] = repeats.get(i, "")
        row["confidence"], row["review_reasons"] = assess(row, date_sources.get(row["article_id"], ""))
        out.append({c: row.get(c, "") for c in INCIDENT_COLUMNS})
    out.sort(key=lambda r: (order.get(r["article_id"], ("", 0)), int(r["span_start"]), int(r["span_end"])))
    return out


def _load(paths: list[Path], metadata_path: Path | None) -> tuple[list, list[Problem]]:
    """Articles of ``paths`` with the sidecar metadata applied (when given), and every problem."""
    from incidents.corpus.articles import load_corpus
    from incidents.corpus.metadata import apply_metadata, read_metadata

    articles, problems = load_corpus(paths)
    if metadata_path is not None:
        metadata, bad = read_metadata(metadata_path)
        articles, disagreements = apply_metadata(articles, metadata)
        problems = problems + bad + disagreements
    return articles, problems


def _run(paths: list[Path], out_dir: Path, corrections_path: Path | None, gazetteer=None,
         metadata_path: Path | None = None) -> BuildResult:
    result = BuildResult()
    articles, problems = _load(paths, metadata_path)
    result.problems.extend(problems)
    rows = extract_rows(articles, gazetteer)
    if corrections_path is not None:
        corrections, bad = load_corrections(corrections_path)
        result.correction_problems.extend(bad)
        if unusable(bad):  # writing the uncorrected table would silently undo every correction
            result.failed = True
            return result
        known = {r["event_id"] for r in rows}
        rows, orphans = apply_corrections(rows, corrections)
        result.orphans.extend(orphans)
        result.corrections_applied = sum(1 for c in corrections if c.event_id in known)
        # a note describes the fields: rebuild it on corrected rows unless the analyst wrote the note
        edited = {c.event_id for c in corrections if c.action == "override" and c.field != "notes"}
        noted = {c.event_id for c in corrections if c.action == "override" and c.field == "notes"}
        for r in rows:
            if r["event_id"] in edited and r["event_id"] not in noted:
                r["notes"] = make_note(r)
    ordered = sorted(articles, key=lambda a: (a.file, a.part))
    incidents_csv = render_csv(rows, INCIDENT_COLUMNS)
    articles_csv = render_csv((article_row(a) for a in ordered), ARTICLE_COLUMNS)
    write_atomic(Path(out_dir) / "articles.csv", articles_csv)
    write_atomic(Path(out_dir) / "incidents.csv", incidents_csv)
    result.articles = len(ordered)
    result.incidents = len(rows)
    return result


def build(seeds_dir: Path, data_dir: Path, gazetteer=None, metadata_path: Path | None = None) -> BuildResult:
    """seeds_dir -> data_dir/articles.csv, data_dir/incidents.csv, with data_dir/corrections.csv applied.

    In: the folder of raw article files, the data folder and an optional metadata sidecar
    (``corpus.metadata``). Out: a BuildResult (problems with input files and metadata, bad
    correction rows and orphan corrections are listed there, not raised).
    """
    data_dir = Path(data_dir)
    return _run([Path(seeds_dir)], data_dir, data_dir / "corrections.csv", gazetteer, metadata_path)


def extract(paths: list[Path], out_dir: Path, corrections_path: Path | None = None, gazetteer=None,
            metadata_path: Path | None = None) -> BuildResult:
    """Files or folders of plain-text articles (and an optional metadata sidecar) -> out_dir/articles.csv
    and out_dir/incidents.csv. An unreadable file is reported in the result's problems and skipped;
    the others still load.
    """
    return _run([Path(p) for p in paths], Path(out_dir), corrections_path, gazetteer, metadata_path)
