"""An ACLED export's rows -> rows of our incident table, as DuckDB SQL over the export's text.

The export's records come as a relation of text (``incidents.store.csvfile.read_text``: columns
``c1`` .. ``cN`` in the order of the header, empty cells NULL). ``Conversion(names, id_col)``
builds, from the header's names (lower case), the SQL that reads each record:

- ``view_sql(source)``: a query with, per record, ``event_id``, ``ts`` (ACLED's timestamp),
  ``flags`` (one bit per problem found, ``CHECKS``), ``keep`` (no problem that makes the row
  skipped), ``line``: the row as written to data/incidents.csv (INCIDENT_COLUMNS, CSV quoted as
  Python's csv module quotes, no line end), ``h`` (its 64-bit hash) and ``r_0`` .. the cells of ``cell_columns()`` as
  written in the export, for rows with a problem (else NULL);
- ``CHECKS``: the problems, in the order they are checked, with the column each names and its
  words (``{cell}``: the cell as written in the export).

What a row becomes (ACLED codebook): event_id_cnty (or event_id) -> event_id; dates written
2020-12-31, 31-Dec-20 or 31 December 2020; date_start/date_end from time_precision (1: the day;
2: event_date - 3 .. event_date + 3; 3: the calendar month; empty: 1); actor categories and
interactions in words or numbers -> codes; Iraqi governorates spelled as in our boundaries;
fatalities_low = fatalities_high = fatalities; dataset and method "acled"; a disorder_type the
old schema lacks from the event's sub-event or event type (``incidents.dataset.disorder``); text cells stripped of
surrounding white space. Rows without an id, date, coordinates, fatalities or a known event type
are skipped; a bad precision code, ISO code, timestamp or actor category is reported and left
empty; an unknown Iraqi governorate is reported and kept as given. The cells are read exactly as
pandas reads them (``acled_values``), so the rows written are those the pandas import wrote.

``define(con)`` creates the macros the SQL uses (``acled_values.register`` the functions).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from incidents.dataset.acled_values import register, vocabulary
from incidents.dataset.disorder import DISORDER_BY_SUB_TYPE, DISORDER_BY_TYPE
from incidents.schema import INCIDENT_COLUMNS

DATASET = "acled"
WHITE_SPACE = "".join(c for c in map(chr, range(0x110000)) if c.isspace())  # what str.strip() strips
NUMBER = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"  # DuckDB and pandas read these alike
ISO_DATE = "(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}"  # DuckDB and pandas' "%Y-%m-%d" read these alike


@dataclass(frozen=True)
class Check:
    """A problem a row can have: its bit in ``flags``, the column it names, its words, and
    whether the row is skipped for it."""

    bit: int
    column: str
    words: str
    skips: bool


def _checks() -> tuple[Check, ...]:
    specs = [
        ("{id}", "row without {id}: skipped", True),
        ("event_date", "event_date '{cell}' is not a date (2020-12-31, 31-Dec-20 or 31 December 2020): skipped", True),
        ("event_date", "event_date is empty: skipped", True),
        ("latitude", "latitude '{cell}' is not a number in -90..90: skipped", True),
        ("longitude", "longitude '{cell}' is not a number in -180..180: skipped", True),
        ("latitude", "latitude or longitude is empty: skipped", True),
        ("fatalities", "fatalities '{cell}' is not a whole number in 0..100000: skipped", True),
        ("time_precision", "time_precision '{cell}' is not a whole number in 1..3", False),
        ("geo_precision", "geo_precision '{cell}' is not a whole number in 1..3", False),
        ("iso", "iso '{cell}' is not a whole number", False),
        ("timestamp", "timestamp '{cell}' is not a whole number", False),
        ("event_type", "event_type '{cell}' is not an ACLED event type: skipped", True),
        ("event_type", "event_type is empty: skipped", True),
        ("inter1", "inter1 '{cell}' is not an ACLED actor category", False),
        ("inter2", "inter2 '{cell}' is not an ACLED actor category", False),
        ("interaction", "interaction '{cell}' is not an ACLED interaction", False),
        ("admin1", "admin1 '{cell}' is not a governorate of Iraq: kept as given", False),
    ]
    return tuple(Check(bit, column, words, skips) for bit, (column, words, skips) in enumerate(specs))


CHECKS: tuple[Check, ...] = _checks()
SKIP_MASK = sum(1 << c.bit for c in CHECKS if c.skips)


def _quoted_chars() -> tuple[str, ...]:
    """The characters that make Python's csv writer (as pandas' to_csv calls it) quote a value."""
    found = []
    for ch in [*map(chr, range(128)), "\x85", "\u2028", "\u2029"]:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(["a" + ch + "b", ""])
        if out.getvalue().startswith('"'):
            found.append(ch)
    return tuple(found)


def sql_str(text: str) -> str:
    """``text`` as a SQL string literal (non-printing characters written with chr())."""
    parts, plain = [], []
    for ch in text:
        if ch.isprintable() and ch != "'":
            plain.append(ch)
            continue
        if plain:
            parts.append("'" + "".join(plain) + "'")
            plain = []
        parts.append("''''" if ch == "'" else f"chr({ord(ch)})")
    if plain or not parts:
        parts.append("'" + "".join(plain) + "'")
    return "(" + " || ".join(parts) + ")"


def define(con) -> None:
    """Create the macros and functions the conversion uses in DuckDB connection ``con``:
    ``pystrip(x)`` (str.strip(), empty -> NULL), ``csvq(x)`` (x as a CSV field, NULL -> empty),
    ``acled_number(x)`` (a number as pandas reads it), ``acled_date``, ``acled_inter``,
    ``acled_interaction``, ``acled_event_type``, ``acled_governorate`` (``acled_values``: the
    common cells looked up, the function called for the others)."""
    register(con)
    needs = " OR ".join(f"contains(x, {sql_str(ch)})" for ch in _quoted_chars())
    # most cells start and end with a character that is no white space (33..132): trim() only the others
    con.execute(f"CREATE OR REPLACE TEMP MACRO pystrip(x) AS CASE WHEN unicode(x) BETWEEN 33 AND 132 AND "
                f"ord(x[-1]) BETWEEN 33 AND 132 THEN x ELSE NULLIF(trim(x, {sql_str(WHITE_SPACE)}), '') END")
    con.execute(f"CREATE OR REPLACE TEMP MACRO csvq(x) AS CASE WHEN x IS NULL THEN '' WHEN {needs} "
                f"THEN '\"' || replace(x, '\"', '\"\"') || '\"' ELSE x END")
    con.execute(f"CREATE OR REPLACE TEMP MACRO acled_number(x) AS CASE WHEN x IS NULL THEN NULL "
                f"WHEN regexp_full_match(x, '{NUMBER}') THEN TRY_CAST(x AS DOUBLE) ELSE acled_py_number(x) END")
    # an empty cell (NULL) is never passed to Python: a call per vector of cells holds the interpreter's lock
    con.execute(f"CREATE OR REPLACE TEMP MACRO acled_date(x) AS CASE WHEN x IS NULL THEN NULL ELSE coalesce(CASE WHEN "
                f"regexp_full_match(x, '{ISO_DATE}') THEN TRY_CAST(x AS DATE) END, acled_date_py(x)) END")
    for name, known in vocabulary().items():  # ACLED's own words looked up, Python for the others
        pairs = ", ".join(f"{sql_str(k)}: {sql_str(v) if isinstance(v, str) else int(v)}" for k, v in known.items())
        con.execute(f"CREATE OR REPLACE TEMP MACRO {name}(x) AS CASE WHEN x IS NULL THEN NULL "
                    f"ELSE coalesce(MAP {{{pairs}}}[x], {name}_py(x)) END")


def _bad_number(s: str, v: str, whole: bool, lo=None, hi=None) -> str:
    """SQL: cell ``s`` (stripped) is there but its number ``v`` is not one (in range, whole)."""
    tests = [f"{v} IS NULL", f"isnan({v})"]
    if whole:
        tests += [f"isinf({v})", f"{v} <> round({v})"]
    if lo is not None:
        tests += [f"{v} < {lo}", f"{v} > {hi}"]
    return f"({s} IS NOT NULL AND ({' OR '.join(tests)}))"


NUMBERS: dict[str, tuple[bool, float | None, float | None]] = {  # column: whole, low, high
    "latitude": (False, -90, 90), "longitude": (False, -180, 180), "fatalities": (True, 0, 100_000),
    "time_precision": (True, 1, 3), "geo_precision": (True, 1, 3), "iso": (True, None, None),
    "timestamp": (True, None, None),
}
TEXT: tuple[str, ...] = (
    "disorder_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
    "civilian_targeting", "region", "country", "admin2", "admin3", "location", "source",
    "source_scale", "notes", "tags",
)


def _disorder() -> str:
    """SQL: the disorder type of a row without one (old schema: ``incidents.dataset.disorder``), from
    its sub-event type, else its event type (NULL when neither is known)."""
    def case(value: str, table: dict[str, str]) -> str:
        return f"CASE {value} " + " ".join(f"WHEN {sql_str(k)} THEN {sql_str(v)}" for k, v in table.items()) + " END"

    return f"coalesce({case('s_sub_event_type', DISORDER_BY_SUB_TYPE)}, {case('v_event_type', DISORDER_BY_TYPE)})"


class Conversion:
    """The SQL reading the rows of one export (module docstring): ``names`` are the header's names
    in lower case, ``id_col`` the one holding the event id; with ``decimal_comma`` a coordinate
    written with a decimal comma (35,2458: a spreadsheet in a European language, which also
    separates fields with semicolons) is read as 35.2458."""

    def __init__(self, names: list[str], id_col: str, decimal_comma: bool = False):
        self.names, self.id_col, self.decimal_comma = list(names), id_col, decimal_comma
        self.col_no: dict[str, int] = {}
        for i, name in enumerate(self.names):
            self.col_no.setdefault(name, i + 1)

    def raw(self, name: str) -> str:
        """SQL: the cell of column ``name`` as read (NULL when the export has no such column)."""
        return f"c{self.col_no[name]}" if name in self.col_no else "NULL::VARCHAR"

    def column(self, check: Check) -> str:
        """The name of the column ``check`` names."""
        return self.id_col if check.column == "{id}" else check.column

    def _stripped(self) -> list[str]:
        names = {self.id_col, "event_date", "event_type", "inter1", "inter2", "interaction", "admin1", *NUMBERS, *TEXT}
        return [f"pystrip({self.raw(n)}) AS s_{n}" for n in sorted(names)]

    def _parsed(self) -> list[str]:
        def number(n: str) -> str:
            if self.decimal_comma and n in ("latitude", "longitude"):
                return (f"acled_number(CASE WHEN regexp_full_match(s_{n}, '[+-]?[0-9]*,[0-9]+') "
                        f"THEN replace(s_{n}, ',', '.') ELSE s_{n} END)")
            return f"acled_number(s_{n})"

        out = [f"{number(n)} AS v_{n}" for n in NUMBERS]
        out += ["acled_date(s_event_date) AS v_date", "acled_event_type(s_event_type) AS v_event_type",
                "acled_inter(s_inter1) AS v_inter1", "acled_inter(s_inter2) AS v_inter2",
                "acled_interaction(s_interaction) AS v_interaction",
                "CASE WHEN coalesce(s_country, '') = 'Iraq' THEN acled_governorate(s_admin1) ELSE s_admin1 END AS v_admin1"]
        return out

    def _bad(self) -> list[str]:
        """SQL per check (in CHECKS order): does the row have that problem?"""
        bad = {n: _bad_number(f"s_{n}", f"v_{n}", *spec) for n, spec in NUMBERS.items()}
        return [
            f"s_{self.id_col} IS NULL",
            "s_event_date IS NOT NULL AND v_date IS NULL", "s_event_date IS NULL",
            bad["latitude"], bad["longitude"], "s_latitude IS NULL OR s_longitude IS NULL",
            bad["fatalities"], bad["time_precision"], bad["geo_precision"], bad["iso"], bad["timestamp"],
            "s_event_type IS NOT NULL AND v_event_type IS NULL", "s_event_type IS NULL",
            "s_inter1 IS NOT NULL AND v_inter1 IS NULL", "s_inter2 IS NOT NULL AND v_inter2 IS NULL",
            "s_interaction IS NOT NULL AND v_interaction IS NULL",
            "s_admin1 IS NOT NULL AND v_admin1 IS NULL",
        ]

    def _typed(self) -> list[str]:
        """SQL: the typed values written (NULL where a number was bad)."""
        out = []
        for n, (whole, *_) in NUMBERS.items():
            value = f"CASE WHEN b_{n} THEN NULL ELSE v_{n} END"
            out.append(f"{f'CAST({value} AS BIGINT)' if whole else value} AS t_{n}")
        out.append("coalesce(CASE WHEN b_time_precision THEN NULL ELSE CAST(v_time_precision AS BIGINT) END, 1) AS t_tp")
        out.append("coalesce(v_admin1, s_admin1) AS t_admin1")
        out.append("coalesce(strftime(v_date, '%Y-%m-%d'), '') AS d_event")
        return out

    def _fields(self) -> dict[str, str]:
        """SQL per INCIDENT_COLUMNS name: its text as written (absent: empty)."""
        def num(expr: str) -> str:
            return f"coalesce(CAST({expr} AS VARCHAR), '')"

        def day(expr: str) -> str:
            return f"coalesce(strftime({expr}, '%Y-%m-%d'), '')"

        # a day's span (time_precision 1, most rows) starts and ends on event_date: its text is written once
        start = "CASE t_tp WHEN 2 THEN v_date - 3 WHEN 3 THEN CAST(date_trunc('month', v_date) AS DATE) END"
        end = "CASE t_tp WHEN 2 THEN v_date + 3 WHEN 3 THEN last_day(v_date) END"
        out = {c: "''" for c in INCIDENT_COLUMNS}
        out.update({n: f"csvq(s_{n})" for n in TEXT})
        out.update({n: num(f"t_{n}") for n in NUMBERS})
        out.update({
            "event_id": f"csvq(s_{self.id_col})", "event_date": "d_event", "year": num("year(v_date)"),
            "time_precision": num("t_tp"), "event_type": "csvq(v_event_type)", "inter1": num("v_inter1"),
            "inter2": num("v_inter2"), "interaction": num("v_interaction"), "admin1": "csvq(t_admin1)",
            "date_start": f"CASE WHEN t_tp IN (2, 3) THEN {day(start)} ELSE d_event END",
            "date_end": f"CASE WHEN t_tp IN (2, 3) THEN {day(end)} ELSE d_event END", "fatalities_low": num("t_fatalities"),
            "fatalities_high": num("t_fatalities"), "method": f"'{DATASET}'", "dataset": f"'{DATASET}'",
            "disorder_type": f"csvq(coalesce(s_disorder_type, {_disorder()}))",
        })
        return out

    def cell_columns(self) -> list[str]:
        """The export's columns the checks name (their cells are kept for the problems' words)."""
        return list(dict.fromkeys(self.column(c) for c in CHECKS))

    def view_sql(self, source: str) -> str:
        """The query of the module docstring over relation ``source`` (columns ``c1`` .. ``cN``),
        one row per row of ``source`` in its order."""
        bad = self._bad()
        flags = " + ".join(f"(CASE WHEN {b} THEN {1 << i} ELSE 0 END)" for i, b in enumerate(bad))
        fields = self._fields()
        line = f"concat_ws(',', {', '.join(fields[c] for c in INCIDENT_COLUMNS)})"  # faster than ||
        b_cols = ", ".join(f"coalesce({_bad_number(f's_{n}', f'v_{n}', *spec)}, false) AS b_{n}"
                           for n, spec in NUMBERS.items())
        cells = self.cell_columns()
        raw = ", ".join(f"{self.raw(n)} AS r_{i}" for i, n in enumerate(cells))
        kept = ", ".join(f"CASE WHEN flags <> 0 THEN r_{i} END AS r_{i}" for i in range(len(cells)))
        return (
            f"SELECT s_{self.id_col} AS event_id, t_timestamp AS ts, flags, (flags & {SKIP_MASK}) = 0 AS keep, "
            f"line, hash(line) AS h, {kept} FROM (SELECT *, {line} AS line FROM ("
            f"SELECT *, {', '.join(self._typed())} FROM ("
            f"SELECT *, CAST({flags} AS BIGINT) AS flags, {b_cols} FROM ("
            f"SELECT *, {', '.join(self._parsed())} FROM ("
            f"SELECT {', '.join(self._stripped())}, {raw} FROM {source})))))"
        )
