"""The value checks of a loaded table, in the engine: a table of text in, a typed table and its
problems out.

``typed_table(con, text, target, kind, file)`` creates table ``target`` from the table of text
``incidents.store.csvfile.read_text`` made (columns ``c1`` .. ``cN`` named by the header) with every column of the schema (``incidents.schema``) in its engine type (dates
DATE, whole numbers BIGINT, numbers DOUBLE, the rest VARCHAR; a column the file lacks is NULL),
and adds the problems to table ``load_problems`` (file, line, column, message, effect).

The rules and their words are ``incidents.dataset.rules``: a value that breaks one (a date that is
not a day, a count that is not a whole number, a latitude outside -90..90 or that is not finite)
is left empty and listed ("emptied"); the row stays. A row whose id (event_id, article_id) came
before is left out and listed ("not shown"), so the first row keeps the id; a row without an id is
listed and shown. Everything runs as SQL over the whole table, so a million rows take seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from incidents.dataset.rules import (
    CODES,
    DATE_COLUMNS,
    EMPTIED,
    ID_COLUMNS,
    NOT_SHOWN,
    RANGES,
    TIME_COLUMNS,
    TIME_FORMAT,
    TIME_PATTERN,
    template,
)
from incidents.schema import ARTICLE_COLUMNS, ARTICLE_DTYPES, INCIDENT_COLUMNS, INCIDENT_DTYPES
from incidents.store.csvfile import TextFile, line_table

PROBLEMS_TABLE = "load_problems"
PROBLEMS_SQL = (f"CREATE TABLE IF NOT EXISTS {PROBLEMS_TABLE} (file VARCHAR, line BIGINT, \"column\" BIGINT, "
                "message VARCHAR, effect VARCHAR)")
SCHEMAS = {"incidents": (INCIDENT_COLUMNS, INCIDENT_DTYPES), "articles": (ARTICLE_COLUMNS, ARTICLE_DTYPES)}


@dataclass(frozen=True)
class Check:
    """One rule on one column: rows where SQL ``bad`` holds get ``kind``'s message about SQL
    ``value`` (and ``effect``)."""

    kind: str
    column: str
    bad: str
    value: str
    effect: str = "emptied"


def sql_str(text: str) -> str:
    """``text`` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def quote_ident(name: str) -> str:
    """``name`` as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _number(v: str) -> str:
    return f"TRY_CAST({v} AS DOUBLE)"


def _whole_ok(v: str) -> str:
    d = _number(v)  # |d| < 9e18: finite and within BIGINT
    return f"coalesce({d} = round({d}) AND abs({d}) < 9e18, false)"


def _date(v: str) -> str:
    return f"TRY_STRPTIME({v}, '%Y-%m-%d')"  # the form and a real day; 0000 would be 1 BC


def _date_ok(v: str) -> str:
    return f"({v} LIKE '____-%' AND {v} NOT LIKE '0000%' AND {_date(v)} IS NOT NULL)"


def _time_ok(v: str) -> str:
    return (f"(regexp_full_match({v}, {sql_str(TIME_PATTERN)}) AND {v} NOT LIKE '0000%' "
            f"AND TRY_STRPTIME({v}, {sql_str(TIME_FORMAT)}) IS NOT NULL)")


def column_sql(name: str, dtype: str, src: str | None) -> tuple[str, list[Check]]:
    """(SQL of schema column ``name`` of dtype ``dtype`` read from text column ``src`` (None: the
    file lacks it), the checks on it)."""
    q = quote_ident(name)
    if src is None:
        sql_type = "DATE" if name in DATE_COLUMNS else {"Int64": "BIGINT", "Float64": "DOUBLE"}.get(dtype, "VARCHAR")
        return f"CAST(NULL AS {sql_type}) AS {q}", []
    v = f"NULLIF(trim({src}), '')"
    if name in DATE_COLUMNS:
        return (f"CASE WHEN {_date_ok(v)} THEN CAST({_date(v)} AS DATE) END AS {q}",
                [Check("date", name, f"{v} IS NOT NULL AND NOT {_date_ok(v)}", v)])
    if dtype == "Int64":
        ok = _whole_ok(v)
        checks = [Check("whole", name, f"{v} IS NOT NULL AND NOT {ok}", v)]
        if name in CODES:
            codes = ", ".join(map(str, CODES[name]))
            checks.append(Check("code", name, f"{ok} AND TRY_CAST({_number(v)} AS BIGINT) NOT IN ({codes})", v))
            ok = f"({ok} AND TRY_CAST({_number(v)} AS BIGINT) IN ({codes}))"
        return f"CASE WHEN {ok} THEN TRY_CAST({_number(v)} AS BIGINT) END AS {q}", checks
    if dtype == "Float64":
        d = _number(v)
        checks = [Check("number", name, f"{v} IS NOT NULL AND {d} IS NULL", v),
                  Check("finite", name, f"{d} IS NOT NULL AND NOT isfinite({d})", v)]
        ok = f"isfinite({d})"
        if name in RANGES:
            lo, hi = RANGES[name]
            checks.append(Check("range", name, f"isfinite({d}) AND ({d} < {lo} OR {d} > {hi})", v))
            ok = f"({ok} AND {d} BETWEEN {lo} AND {hi})"
        return f"CASE WHEN {ok} THEN {d} END AS {q}", checks
    if name in TIME_COLUMNS:  # kept as text, in one form
        return (f"CASE WHEN {_time_ok(v)} THEN {v} END AS {q}",
                [Check("time", name, f"{v} IS NOT NULL AND NOT {_time_ok(v)}", v)])
    if name == "text":  # an article's text is kept exactly as found
        return f"{src} AS {q}", []
    return f"NULLIF({src}, '') AS {q}", []


def _message_sql(c: Check) -> str:
    """SQL of the message of check ``c`` (its words from ``rules.template``), with what was done."""
    words = template(c.kind, column=c.column).replace("%", "%%").replace("{value}", "%s")
    done = {"emptied": EMPTIED, "not shown": NOT_SHOWN}.get(c.effect)
    return f"printf({sql_str(words + (': ' + done if done else ''))}, coalesce({c.value}, ''))"


def _typed_select(names: tuple[str, ...], kind: str, source: str, row: str) -> tuple[str, list[Check], dict[str, int]]:
    """(SELECT of the typed rows of ``source`` with ``_row`` (SQL ``row``) and ``_bad`` (a value
    came out empty that was not), its checks, the header column of each name (first one))."""
    columns, dtypes = SCHEMAS[kind]
    first: dict[str, int] = {}
    for i, name in enumerate(names, start=1):
        first.setdefault(name, i)
    parts, checks, flags = [], [], []
    for name in columns:
        src = f"c{first[name]}" if name in first else None
        sql, found = column_sql(name, dtypes.get(name, ""), src)
        parts.append(sql)
        checks += found
        if found:
            parts.append(f"{src} AS _raw{len(flags)}")
            flags.append(f"(_raw{len(flags)} IS NOT NULL AND {quote_ident(name)} IS NULL)")
    # Incidents are stored newest first: DuckDB's zone maps then let "latest N" and date-range
    # queries skip most of the table (top-N on 1M rows: 1.2 s -> 0.15 s).
    order = "event_date DESC NULLS LAST, event_id" if kind == "incidents" else "_row"
    return (f"SELECT {', '.join(quote_ident(c) for c in columns)}, _row, ({' OR '.join(flags) or 'false'}) AS _bad "
            f"FROM (SELECT {', '.join(parts)}, {row} AS _row FROM {source}) ORDER BY {order}", checks, first)


def _counts(con, target: str, id_col: str | None) -> tuple[int, int, int]:
    """(rows with an emptied value, rows without an id, rows repeating an id) of ``target``."""
    q = quote_ident(id_col or "_row")
    return tuple(con.execute(f"SELECT count(*) FILTER (WHERE _bad), count(*) FILTER (WHERE {q} IS NULL), "
                             f"count({q}) - count(DISTINCT {q}) FROM {target}").fetchall()[0])


def _finish(con, target: str) -> None:
    con.execute(f"ALTER TABLE {target} DROP COLUMN _bad")
    con.execute(f"ALTER TABLE {target} DROP COLUMN _row")


def clean_table(con, read: str, target: str, names: tuple[str, ...], kind: str) -> bool:
    """Try the quick way: create ``target`` straight from ``read`` (a ``read_csv`` of
    ``incidents.store.csvfile.read_sql`` whose rejects go to ``{target}_quick_rejects``). True when
    the file had nothing to report (no record left out, no value emptied, every id there once):
    ``target`` is done. Else ``target`` is dropped and False: ``typed_table`` finds the lines."""
    sql, _, first = _typed_select(names, kind, read, "NULL::BIGINT")
    con.execute(f"CREATE TABLE {target} AS {sql}")
    left_out = con.execute(f"SELECT count(*) FROM {target}_quick_rejects").fetchall()[0][0]
    id_col = ID_COLUMNS[kind] if ID_COLUMNS[kind] in first else None
    if left_out or any(_counts(con, target, id_col)):
        con.execute(f"DROP TABLE {target}")
        return False
    _finish(con, target)
    return True


def typed_table(con, text: TextFile, target: str, kind: str, file: str) -> None:
    """Create ``target`` from the rows of ``text`` and list its problems (see the module
    docstring). Each value is parsed once: the typed table is written with a flag on the rows
    where a value came out empty that was not, and only those rows are looked at again (with
    their line numbers) for the words."""
    sql, checks, first = _typed_select(text.names, kind, text.table, "rowid")
    con.execute(PROBLEMS_SQL)
    con.execute(f"CREATE TABLE {target} AS {sql}")
    id_col = ID_COLUMNS[kind] if ID_COLUMNS[kind] in first else None
    bad, empty, repeated = _counts(con, target, id_col)
    if bad or empty or repeated:
        lines = line_table(con, text)
        if bad:
            con.execute(f"CREATE TEMP TABLE {target}_bad AS SELECT t.*, l._line FROM {text.table} t JOIN {lines} l "
                        f"ON t.rowid = l._row WHERE t.rowid IN (SELECT _row FROM {target} WHERE _bad)")
            _insert_problems(con, f"{target}_bad", file, first, checks)
            con.execute(f"DROP TABLE {target}_bad")
        if empty:
            con.execute(f"INSERT INTO {PROBLEMS_TABLE} SELECT {sql_str(file)}, l._line, {first[id_col]}, "
                        f"{sql_str(template('empty_id', column=id_col))}, '' FROM {target} JOIN {lines} l USING (_row) "
                        f"WHERE {quote_ident(id_col)} IS NULL")
        if repeated:
            _drop_repeated(con, (target, lines), file, id_col, first[id_col])
    _finish(con, target)


def _insert_problems(con, source: str, file: str, first: dict[str, int], checks: list[Check]) -> None:
    """Add the rows of ``source`` (text columns and ``_line``) breaking each of ``checks`` to
    ``load_problems``."""
    selects = [f"SELECT {sql_str(file)}, _line, {first.get(c.column, 0)}, {_message_sql(c)}, {sql_str(c.effect)} "
               f"FROM {source} WHERE {c.bad}" for c in checks]
    con.execute(f"INSERT INTO {PROBLEMS_TABLE} " + " UNION ALL ".join(selects))


def _drop_repeated(con, tables: tuple[str, str], file: str, id_col: str, column: int) -> None:
    """List every row of the typed table whose id came before (the first row, by line, keeps it)
    in ``load_problems`` and delete it; ``tables``: (typed table, its line table)."""
    target, lines = tables
    q = quote_ident(id_col)
    words = template("repeated_id", column=id_col).replace("%", "%%").replace("{value}", "%s")
    con.execute(
        f"CREATE TEMP TABLE {target}_repeated AS SELECT _row, _line, id, first FROM ("
        f"SELECT _row, l._line, {q} AS id, min(l._line) OVER (PARTITION BY {q}) AS first, "
        f"row_number() OVER (PARTITION BY {q} ORDER BY l._line) AS nth FROM {target} JOIN {lines} l USING (_row) "
        f"WHERE {q} IN (SELECT {q} FROM {target} GROUP BY {q} HAVING count(*) > 1)) WHERE nth > 1")
    con.execute(
        f"INSERT INTO {PROBLEMS_TABLE} SELECT {sql_str(file)}, _line, {column}, "
        f"printf({sql_str(words + ' (first at line %d): ' + NOT_SHOWN)}, id, first), 'not shown' FROM {target}_repeated")
    con.execute(f"DELETE FROM {target} WHERE _row IN (SELECT _row FROM {target}_repeated)")
    con.execute(f"DROP TABLE {target}_repeated")
