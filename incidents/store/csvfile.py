"""One CSV file into a DuckDB table of text, its format fixed rather than guessed, every good row kept.

``read_text(con, path, table)`` reads ``path`` with DuckDB's ``read_csv`` and a fixed format (a
header record, commas, double quotes, a quote inside a quoted field doubled, UTF-8) instead of
DuckDB's sniffer, which refuses a whole file over one bad record. A record with too many or too
few fields, a quote that is not closed, or bytes that are not UTF-8 is left out and listed (DuckDB's
``store_rejects``); the good rows are all there. Table ``table`` gets one VARCHAR column per
header field, named ``c1`` .. ``cN`` (empty fields NULL), rows in file order (``rowid`` 0, 1, ...;
rows read again after an open quote come last). ``line_table(con, text)`` adds table
``{table}_lines`` (``_row``: the rowid, ``_line``: the physical line where that row starts,
``incidents.store.lines``) when a message needs it; a file without problems never pays for it.

A quote that is never closed takes the lines after it into its field (every CSV reader does so):
that record is listed at its first line, and the lines after the quote's own line are read again
as records, so one stray quote costs one row rather than the rest of the file. A file DuckDB's
strict reader cannot read at all (a carriage return alone as a line end) is read with Python's
csv module instead (slower, same rules).

Returns a ``TextFile``: the header names and the ``RowProblem`` of every record left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from incidents.dataset.dialect import Dialect
from incidents.dataset.rules import NOT_SHOWN
from incidents.dataset.tables import header_names
from incidents.store import lines

DEFAULT_LINE_BYTES = 2_097_152  # DuckDB's own limit on a record's length
SMALL_FILE_BYTES = 64 << 20  # files up to this size are read with no limit on a record's length
MAX_LINE_BYTES = 1 << 30  # the most a record may be (an article's text is one field)
_FOUND = re.compile(r"Found: (\d+)")
INSERT_ROWS = 500  # rows per INSERT of rows read by Python


@dataclass(frozen=True)
class Wording:
    """What the messages say happens to a record left out (``left_out``) and to the rows read again
    after an open quote (``kept``): the dashboard's words by default, an import's its own."""

    left_out: str = NOT_SHOWN
    kept: str = "shown"


COMMAS = Dialect()  # the format of the project's own tables
SHOWN = Wording()  # the dashboard's words


@dataclass(frozen=True)
class RowProblem:
    """A problem at ``line``/``column`` (1-based; column 0: the whole row) of a file: ``message``
    (what is wrong and what was done) and ``effect`` ("not shown", "emptied" or "" when the row is
    shown as it is)."""

    line: int
    column: int
    message: str
    effect: str


@dataclass(frozen=True)
class TextFile:
    """What ``read_text`` made of a file: its header ``names`` (in file order), the problems of
    the records it left out, its ``table``, and ``line_numbers()``: the line of each row, by rowid."""

    names: tuple[str, ...]
    problems: tuple[RowProblem, ...]
    table: str
    line_numbers: Callable[[], np.ndarray]


@dataclass(frozen=True)
class _Reject:
    """A record DuckDB left out: where it starts (byte, line), the lines it covers, its errors."""

    first: int
    span: int
    kinds: frozenset[str]
    column: int
    found: int
    quote_line: int | None  # line of an opening quote that is not closed


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _header_lines(path: Path, dialect: Dialect) -> int:
    with open(path, "rb") as fh:
        return next(lines.records(fh, 1, dialect.delimiter, dialect.quotechar), (1, 1, []))[1]


def line_limit(path: Path, long_lines: bool = False) -> int:
    """The longest record to read from ``path``: the whole file when it is small or
    ``long_lines`` (a record was too long for the default), else DuckDB's default (a larger limit
    makes DuckDB read a big file in larger, fewer pieces: 1M rows 4.5 s -> 7.4 s)."""
    size = path.stat().st_size + 1
    return min(MAX_LINE_BYTES, max(DEFAULT_LINE_BYTES, size)) if long_lines or size <= SMALL_FILE_BYTES \
        else DEFAULT_LINE_BYTES


def read_sql(path: Path, n: int, rejects: str, long_lines: bool = False, dialect: Dialect = COMMAS) -> str:
    """The ``read_csv(...)`` of ``path`` with its format fixed (``dialect``: commas and double quotes
    unless told) and ``n`` VARCHAR columns ``c1`` .. ``cN``; the records it leaves out go to table
    ``rejects`` once the read is materialised."""
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(1, n + 1))
    quote, delim = _sql_str(dialect.quotechar), _sql_str(dialect.delimiter)
    return (f"read_csv({_sql_str(str(path))}, header=true, auto_detect=false, columns={{{columns}}}, "
            f"quote={quote}, escape={quote}, delim={delim}, encoding='utf-8', "
            f"max_line_size={line_limit(path, long_lines)}, "
            f"store_rejects=true, rejects_table='{rejects}', rejects_scan='{rejects}_scan')")


def read_text(con, path: Path, table: str, long_lines: bool = False, dialect: Dialect = COMMAS,
              wording: Wording = SHOWN, query: Callable[[str], str] | None = None) -> TextFile:
    """Create table ``table`` in DuckDB connection ``con`` (duckdb, not Ibis) from CSV file
    ``path`` as the module docstring says (``long_lines``: see ``line_limit``; ``dialect``: the
    file's delimiter and quote, commas and double quotes unless told; ``wording``: what the
    problems say is done with a record left out). The header must be readable (``check_header``).

    ``query(source)``, when given, is the SQL of the rows to keep from relation ``source`` (the
    file's records, columns ``c1`` .. ``cN``): the table holds those instead of the text, one row
    per record in the same order (a conversion streamed from the file, never held as text)."""
    names = tuple(header_names(path, dialect.delimiter, dialect.quotechar))
    base = _header_lines(path, dialect) + 1
    read = read_sql(path, len(names), f"{table}_rejects", long_lines, dialect)
    text_table = query is None
    query = query or (lambda source: f"SELECT * FROM {source}")
    try:
        con.execute(f"CREATE TEMP TABLE {table} AS {query(read)}")
    except Exception as exc:  # noqa: BLE001 - DuckDB's strict reader gave up on the whole file
        if "invalid state" not in str(exc):
            raise
        return _read_with_python(con, path, (table, query), (names, base), dialect, wording)
    count = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    rejects, content = _rejects(con, table, path)
    problems, again = [], []
    for r in rejects:
        rows = _reread(path, r, len(names), dialect)
        again += rows
        problems.append(_problem(r, names, r.first + r.span - 1 >= content, len(rows), wording))
    _insert_rows(con, (table, query), len(names), again)

    def line_numbers() -> np.ndarray:
        shape = (len(names), base, lines.scan(path).content_lines if content is None else content)
        # line breaks inside fields are counted in the text table, or in the file read again
        source = table if text_table else read_sql(path, len(names), f"{table}_nl_rejects", long_lines, dialect)
        starts = _row_lines(con, path, (source, text_table), shape, (count, rejects), dialect)
        return np.concatenate([starts, np.asarray([line for line, _ in again], dtype=np.int64)])

    return TextFile(names, tuple(problems), table, line_numbers)


def line_table(con, text: TextFile) -> str:
    """Create table ``{table}_lines`` (``_row`` BIGINT, ``_line`` BIGINT) of ``text`` once; its name."""
    import pyarrow as pa

    name = f"{text.table}_lines"
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchall()[0][0]:
        starts = text.line_numbers()
        con.register(f"{name}_arrow", pa.table({"_row": pa.array(np.arange(len(starts), dtype=np.int64)),
                                                "_line": pa.array(starts, type=pa.int64())}))
        con.execute(f"CREATE TEMP TABLE {name} AS SELECT _row, _line FROM {name}_arrow")
        con.unregister(f"{name}_arrow")
    return name


def _rejects(con, table: str, path: Path) -> tuple[list[_Reject], int | None]:
    """(one ``_Reject`` per record DuckDB left out, in file order; the file's ``content_lines``,
    None when nothing was left out and the file was not scanned)."""
    rows = con.execute(
        f"SELECT line_byte_position, list(error_type), list(column_idx), list(error_message), "
        f"min(byte_position) FILTER (WHERE error_type = 'UNQUOTED VALUE'), any_value(csv_line) "
        f"FROM {table}_rejects GROUP BY line_byte_position ORDER BY line_byte_position").fetchall()
    if not rows:
        return [], None
    starts = [max(0, row[0] - 1) for row in rows]  # DuckDB's byte positions count from 1
    quotes = [max(0, row[4] - 1) for row in rows if row[4] is not None]
    sc = lines.scan(path, starts + quotes)
    quote_lines = iter(sc.lines_at[len(starts):])
    out = []
    for (_, kinds, cols, messages, quote, text), first in zip(rows, sc.lines_at, strict=False):
        lead = len(text) - len(text.lstrip("\r\n"))
        first += text[:lead].count("\n")  # DuckDB's record starts with the blank lines before it
        body = text[lead:].rstrip("\r\n")
        found = [int(m.group(1)) for m in map(_FOUND.search, messages) if m]
        column = next((c for k, c in zip(kinds, cols, strict=True) if k != "MISSING COLUMNS"), min(cols))
        out.append(_Reject(first, body.count("\n") + 1, frozenset(kinds), int(column or 0),
                           (max(found) if "TOO MANY COLUMNS" in kinds else min(found)) if found else 0,
                           None if quote is None else next(quote_lines)))
    return out, sc.content_lines


def _problem(r: _Reject, names: tuple[str, ...], last: bool, again: int, wording: Wording = SHOWN) -> RowProblem:
    """The words for a record DuckDB left out (``last``: it ends the file; ``again``: rows read
    again after its open quote)."""
    n, NOT_SHOWN = len(names), wording.left_out  # noqa: N806 - the default wording's name
    name = names[r.column - 1] if 0 < r.column <= n else ""
    if "INVALID ENCODING" in r.kinds:
        return RowProblem(r.first, r.column, f"the row holds bytes that are not UTF-8 text: {NOT_SHOWN}", "not shown")
    if "UNQUOTED VALUE" in r.kinds:
        where = f"lines {r.first}-{r.first + r.span - 1}" if r.span > 1 else f"line {r.first}"
        shown = (f"; the {again} row{'s' if again != 1 else ''} on the lines after it {'were' if again != 1 else 'was'} "
                 f"read again and {wording.kept}") if again else ""
        cut = ", to the end of the file: was it cut short?" if last and not again else ""
        return RowProblem(r.first, r.column, f"the quote that opens the value of '{name}' is not closed properly "
                          f"(the record runs over {where}{cut}): {NOT_SHOWN}{shown}", "not shown")
    if "TOO MANY COLUMNS" in r.kinds:
        return RowProblem(r.first, n + 1, f"the row has {r.found} fields, the header {n}: {NOT_SHOWN}", "not shown")
    if "MISSING COLUMNS" in r.kinds:
        cut = " (the file ends here: was it cut short?)" if last else ""
        return RowProblem(r.first, r.found + 1, f"the row has {r.found} fields, the header {n}{cut}: {NOT_SHOWN}",
                          "not shown")
    return RowProblem(r.first, r.column, f"the row cannot be read ({', '.join(sorted(r.kinds)).lower()}): "
                      f"{NOT_SHOWN}", "not shown")


def _reread(path: Path, r: _Reject, n: int, dialect: Dialect) -> list[tuple[int, list[str]]]:
    """The records (first line, fields) in the lines after the line of ``r``'s open quote, up to
    the end of ``r``, when every one of them is a good record (the right number of fields, UTF-8,
    not running past the end of ``r``); else none: the lines were the open field's text after all
    (a file cut inside an article's text, a quote opening a field in the middle of a record)."""
    end = r.first + r.span - 1
    if r.quote_line is None or r.quote_line >= end:
        return []
    out = []
    with open(path, "rb") as fh:
        _seek_line(fh, r.quote_line + 1)
        for first, last, fields in lines.records(fh, r.quote_line + 1, dialect.delimiter, dialect.quotechar):
            if first > end:
                break
            if last > end or len(fields) != n or not lines.is_text(fields):
                return []
            out.append((first, fields))
    return out


def _seek_line(fh, line: int) -> None:
    """Position binary file ``fh`` at the start of physical line ``line``."""
    fh.seek(0)
    for _ in range(line - 1):
        if not fh.readline():
            return


def _row_lines(con, path: Path, source: tuple[str, bool], shape: tuple[int, int, int],
               read: tuple[int, list[_Reject]], dialect: Dialect) -> np.ndarray:
    """The first line of each of the ``count`` rows DuckDB read (``read``: count and rejects;
    ``shape``: fields per row, line of the first record, ``content_lines``); ``source``: (the
    text table, True) or (the ``read_csv`` of the file, False) when the table holds something else."""
    table, text_table = source
    (n, base, content), (count, rejects) = shape, read
    skipped = [(r.first, r.span) for r in rejects]
    starts, last = lines.row_lines(count, base, None, skipped)
    if last != content and count:  # line breaks inside fields
        breaks = " + ".join(f"coalesce(length(c{i}) - length(replace(c{i}, chr(10), '')), 0)" for i in range(1, n + 1))
        where = f" WHERE rowid < {count} ORDER BY rowid" if text_table else ""
        nl = con.execute(f"SELECT {breaks} AS nl FROM {table}{where}").fetchnumpy()["nl"]
        starts, last = lines.row_lines(count, base, nl, skipped)
    if last != content and count:  # blank lines between records: count them with Python's reader
        starts = _python_lines(path, (base, count), skipped, starts, dialect)
    return starts


def _python_lines(path: Path, where: tuple[int, int], skipped: list[tuple[int, int]], guess: np.ndarray,
                  dialect: Dialect) -> np.ndarray:
    """The first line of each of the rows DuckDB read (``where``: the line of the first record,
    the number of rows), from Python's csv reader (records inside the ``skipped`` line ranges left
    out); ``guess`` when the two readers do not agree on the count."""
    base, count = where
    inside = {line for first, span in skipped for line in range(first, first + span)}
    out = []
    with open(path, "rb") as fh:
        _seek_line(fh, base)
        out = [first for first, _, _ in lines.records(fh, base, dialect.delimiter, dialect.quotechar)
               if first not in inside]
    return np.asarray(out, dtype=np.int64) if len(out) == count else guess


def _insert_rows(con, into: tuple[str, Callable[[str], str]], n: int, rows: list[tuple[int, list[str]]]) -> None:
    """Add the fields of ``rows`` (first line, fields) to table ``into[0]`` through its query
    ``into[1]`` (empty fields NULL, as DuckDB reads them)."""
    table, query = into
    names = ", ".join(f"c{i}" for i in range(1, n + 1))
    for at in range(0, len(rows), INSERT_ROWS):
        part = rows[at:at + INSERT_ROWS]
        marks = ", ".join(["(" + ", ".join(["?::VARCHAR"] * n) + ")"] * len(part))
        values = [f if f != "" else None for _, fields in part for f in fields]
        con.execute(f"INSERT INTO {table} {query(f'(VALUES {marks}) AS v({names})')}", values)


def _read_with_python(con, path: Path, into: tuple[str, Callable[[str], str]], header: tuple[tuple[str, ...], int],
                      dialect: Dialect, wording: Wording) -> TextFile:
    """``read_text`` by Python's csv reader, for files DuckDB's strict reader refuses (``into``:
    the table and its query; ``header``: the names and the line of the first record)."""
    (names, base), NOT_SHOWN = header, wording.left_out  # noqa: N806 - the default wording's name
    (table, query), n = into, len(names)
    cols = ", ".join(f"NULL::VARCHAR AS c{i}" for i in range(1, n + 1))
    con.execute(f"CREATE TEMP TABLE {table} AS {query(f'(SELECT {cols} LIMIT 0)')}")
    good, problems = [], []
    with open(path, "rb") as fh:
        _seek_line(fh, base)
        for first, _, fields in lines.records(fh, base, dialect.delimiter, dialect.quotechar):
            if not lines.is_text(fields):
                problems.append(RowProblem(first, 0, f"the row holds bytes that are not UTF-8 text: {NOT_SHOWN}",
                                           "not shown"))
            elif len(fields) != n:
                problems.append(RowProblem(first, min(len(fields), n) + 1,
                                           f"the row has {len(fields)} fields, the header {n}: {NOT_SHOWN}", "not shown"))
            else:
                good.append((first, fields))
    _insert_rows(con, into, n, good)
    starts = np.asarray([line for line, _ in good], dtype=np.int64)
    return TextFile(names, tuple(problems), table, lambda: starts)
