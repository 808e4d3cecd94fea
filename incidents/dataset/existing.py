"""What a data folder holds before a command writes into it: its tables as records kept exactly as found.

``read_folder(folder)`` reads ``incidents.csv`` and ``articles.csv`` (either may be missing) into a
``Folder``. Every record keeps its text as in the file (``raw``), so rows a command does not change
are written back byte for byte; the cells are kept only where a command needs them: incident rows
of the ``extracted`` dataset (they are merged with new ones) and a few columns of the rest. A table
that cannot be read whole (not UTF-8, a quote left open, a record with more or fewer fields than the
header) raises ``FolderError`` naming file and line: rewriting it would lose or garble its rows.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from incidents.dataset.folder import table_paths
from incidents.problems import Problem
from incidents.schema import ARTICLE_COLUMNS, INCIDENT_COLUMNS

EXTRACTED = "extracted"
_ARTICLE_FIELDS = ("article_id", "file", "ingested_at", "date_source", "dataset")
_INCIDENT_FIELDS = ("event_id", "dataset", "article_id", "source_articles")


class FolderError(Exception):
    """A table of the folder cannot be read whole; ``problem`` says where and why."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class Record:
    """One record of a table: its first line, its text as in the file, and the cells kept (column ->
    value: all of them, or the few ``read_table`` was asked for)."""

    line: int
    raw: str
    cells: dict[str, str]


@dataclass
class Table:
    """A table as found: its header and records (``path`` None when the file is missing)."""

    path: Path | None = None
    header: list[str] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)


@dataclass
class Folder:
    """The tables of a data folder before a command changes them."""

    path: Path
    incidents: Table
    articles: Table

    def extra_columns(self) -> list[str]:
        """Columns of incidents.csv beyond the schema's, in the file's order (kept as found)."""
        return [c for c in self.incidents.header if c not in INCIDENT_COLUMNS]

    def ingested(self) -> dict[str, str]:
        """article_id -> ingested_at of the articles already in the folder (non-empty only)."""
        return {r.cells["article_id"]: r.cells.get("ingested_at", "") for r in self.articles.records
                if r.cells.get("ingested_at")}


def _decode_error(path: Path, offset: int) -> Problem:
    """The problem of a table that is not UTF-8 from byte ``offset`` on (its line and column)."""
    data = path.read_bytes()
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Problem(str(path), line, column, f"not UTF-8 text (byte 0x{data[offset]:02x}): the table cannot be "
                                            "read whole")


def read_table(path: Path, wanted, all_cells) -> Table:
    """``path`` as a Table; ``wanted``: the columns to keep from every record; ``all_cells(cells)``:
    True for a record whose every cell is kept. Raises FolderError (module docstring)."""
    path = Path(path)
    if not path.is_file():
        return Table()
    try:
        return _read(path, wanted, all_cells)
    except UnicodeDecodeError as exc:
        raise FolderError(_decode_error(path, _byte_offset(path, exc))) from exc


def _byte_offset(path: Path, exc: UnicodeDecodeError) -> int:
    """The offset in the file of the first byte that is not UTF-8."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start
    return exc.start


def _read(path: Path, wanted, all_cells) -> Table:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        pending: list[str] = []

        def feed():
            for line in fh:
                pending.append(line)
                yield line

        reader = csv.reader(feed(), strict=True)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            return Table(path)
        except csv.Error as exc:
            raise FolderError(Problem(str(path), 1, 0, f"the header cannot be read ({exc})")) from exc
        pending.clear()
        table, line = Table(path, header), reader.line_num + 1
        index = {c: i for i, c in reversed(list(enumerate(header)))}
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise FolderError(Problem(str(path), line, 0, f"a quote is not closed or a record is broken "
                                                              f"({exc}): the table cannot be read whole")) from exc
            raw, start = "".join(pending), line
            pending.clear()
            line = reader.line_num + 1
            if not cells:
                continue   # a blank line is no record
            if len(cells) != len(header):
                raise FolderError(Problem(str(path), start, 0, f"the record has {len(cells)} fields, the header "
                                                               f"{len(header)}: the table cannot be read whole"))
            kept = {c: cells[i] for c, i in index.items() if c in wanted}
            if all_cells(kept):
                kept = {c: cells[i] for c, i in index.items()}
            table.records.append(Record(start, raw if raw.endswith("\n") else raw + "\n", kept))
        return table


def _lenient(read, damaged: list[Problem] | None):
    """``read()``; with ``damaged`` (a list), a table that cannot be read is empty and its problem listed."""
    if damaged is None:
        return read()
    try:
        return read()
    except FolderError as exc:
        damaged.append(exc.problem)
        return Table()


def read_folder(folder: Path, damaged: list[Problem] | None = None) -> Folder:
    """The tables of ``folder`` (module docstring); raises FolderError, unless ``damaged`` is a list:
    then a table that cannot be read is taken as empty and its problem added there."""
    folder = Path(folder)
    paths = table_paths(folder)
    inc, art = paths["incidents.csv"], paths["articles.csv"]
    incidents = _lenient(lambda: read_table(inc, _INCIDENT_FIELDS, lambda c: c.get("dataset") == EXTRACTED), damaged)
    if incidents.header[:len(INCIDENT_COLUMNS)] != list(INCIDENT_COLUMNS) and incidents.records:
        # written with another layout: keep every cell, to write the records again in ours
        incidents = read_table(inc, _INCIDENT_FIELDS, lambda c: True)
    articles = _lenient(lambda: read_table(art, _ARTICLE_FIELDS, lambda c: False), damaged)
    if articles.header and list(articles.header) != list(ARTICLE_COLUMNS):
        articles = read_table(art, _ARTICLE_FIELDS, lambda c: True)
    return Folder(folder, incidents, articles)


def same_layout(table: Table, columns: list[str]) -> bool:
    """True when ``table``'s records can be written back as they are under the header ``columns``."""
    return table.header == list(columns)
