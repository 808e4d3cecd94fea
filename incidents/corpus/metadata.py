"""Article metadata from a sidecar CSV: what a saved page's header or a collection knew about each file.

``read_metadata(path) -> (dict[file, Metadata], problems)`` reads a CSV with a ``file`` column (the
text file's name relative to the folder given, as ``Article.file`` names it) and any of ``url``,
``outlet``, ``published`` (ISO: "2019-05-16", "2019-05-16T08:30", "2019-05-16 08:30:12", "2019-05"),
``title``; other columns are ignored. A row that cannot be read is reported as ``FILE:LINE:COLUMN:
reason`` and the other rows still apply.

``apply_metadata(articles, metadata) -> (articles, problems)``: metadata fills what the text does not
state. Where both state a value and they disagree, the metadata wins for outlet and publication date
and the disagreement is reported once per article; a headline the text prints stays the title (the
extractor finds the headline line by it), so a different title in the metadata is reported, not
applied. ``date_source`` records where the publication date came from: "header" (the text),
"metadata" (the sidecar), "url" (the day in the address, when nothing else dates the article:
``corpus.address_dates``, applied after the metadata by ``dataset.merging.load_articles``) or "" (nowhere).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from incidents.problems import Problem

FIELDS = ("url", "outlet", "published", "title")


@dataclass(frozen=True)
class Metadata:
    """What the sidecar says of one file ("" where it says nothing)."""

    url: str = ""
    outlet: str = ""
    published: str = ""            # ISO, as precise as stated
    published_precision: str = ""  # "second" | "minute" | "day" | "month" | ""
    title: str = ""


def parse_published(value: str) -> tuple[str, str] | None:
    """An ISO date or date-time -> (ISO text, precision); ("", "") for empty; None when not a date."""
    value = value.strip()
    if not value:
        return "", ""
    try:
        if len(value) == 7:   # "2019-05"
            date.fromisoformat(value + "-01")
            return value, "month"
        if len(value) == 10:
            return date.fromisoformat(value).isoformat(), "day"
        moment = datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None
    if moment.second or len(value) >= 19:
        return moment.strftime("%Y-%m-%dT%H:%M:%S"), "second"
    return moment.strftime("%Y-%m-%dT%H:%M"), "minute"


def _row_metadata(path: Path, line: int, row: dict, header: list[str]) -> tuple[Metadata | None, Problem | None]:
    """One sidecar row -> Metadata, or a Problem naming the line and column of what is wrong."""
    published = parse_published(row.get("published") or "")
    if published is None:
        column = header.index("published") + 1
        return None, Problem(str(path), line, column,
                             f"published {row['published']!r} is not an ISO date (YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM)")
    url = (row.get("url") or "").strip()
    if url and not url.lower().startswith(("http://", "https://")):
        return None, Problem(str(path), line, header.index("url") + 1, f"url {url!r} is not an http or https address")
    return Metadata(url=url, outlet=(row.get("outlet") or "").strip(), published=published[0],
                    published_precision=published[1], title=(row.get("title") or "").strip()), None


def read_metadata(path: Path) -> tuple[dict[str, Metadata], list[Problem]]:
    """The sidecar CSV at ``path`` -> (file name -> Metadata, problems); see the module docstring."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [Problem(str(path), 0, 0, f"cannot read the metadata file: {exc}")]
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = list(reader.fieldnames or [])
    if "file" not in header:
        return {}, [Problem(str(path), 1, 1, f"no 'file' column in the header (found: {', '.join(header) or 'nothing'})")]
    out: dict[str, Metadata] = {}
    problems: list[Problem] = []
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            problems.append(Problem(str(path), line, 1, f"{len(header)} fields expected: row skipped"))
            continue
        name = row["file"].strip()
        meta, problem = _row_metadata(path, line, row, header)
        if problem is not None:
            problems.append(problem)
        elif name in out:
            problems.append(Problem(str(path), line, 1, f"{name!r} is listed twice: the first row is kept"))
        elif name:
            out[name] = meta
    return out, problems


def _disagreement(article, field: str, ours: str, theirs: str) -> Problem:
    return Problem(article.file, article.first_line, 1,
                   f"part {article.part}: the text says {field} {ours!r}, the metadata {theirs!r}")


def merge_metadata(article, meta: Metadata) -> tuple:
    """One article with ``meta`` filled in (rules in the module docstring) -> (article, disagreements)."""
    problems: list[Problem] = []
    changes: dict[str, str] = {"url": meta.url or article.url}
    if meta.outlet:
        if article.outlet and article.outlet.lower() != meta.outlet.lower():
            problems.append(_disagreement(article, "outlet", article.outlet, meta.outlet))
        changes["outlet"] = meta.outlet
    if meta.published:
        if article.published and article.published[:10] != meta.published[:10]:
            problems.append(_disagreement(article, "published", article.published, meta.published))
        if not article.published or article.published[:10] != meta.published[:10]:
            changes.update(published=meta.published, published_precision=meta.published_precision,
                           date_source="metadata")
    if meta.title and meta.title != article.title:
        if article.title_is_lead:
            changes["title"] = meta.title
        else:
            problems.append(_disagreement(article, "title", article.title, meta.title))
    return replace(article, **changes), problems


def apply_metadata(articles: list, metadata: dict[str, Metadata]) -> tuple[list, list[Problem]]:
    """Articles with their sidecar metadata filled in (see the module docstring), and the
    disagreements between text and metadata (one per article and field)."""
    out, problems = [], []
    for article in articles:
        meta = metadata.get(article.file)
        if meta is None:
            out.append(article)
            continue
        merged, disagreements = merge_metadata(article, meta)
        out.append(merged)
        problems.extend(disagreements)
    return out, problems
