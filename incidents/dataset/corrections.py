"""Analyst corrections: data/corrections.csv, applied by the build after extraction.

Columns: ``event_id, action, field, value, analyst, date, reason``.

- ``action = override``: set ``field`` (an incident column) to ``value`` on the incident
  ``event_id``. Values are checked: whole numbers for count/precision/code columns, decimals for
  latitude/longitude, ISO dates for date columns, governorates as in the geojson, ACLED
  event_type/sub_event_type. Provenance columns (event_id, article_id, span_start, span_end, quote,
  source_articles, dataset) cannot be overridden: they are what makes an incident checkable.
- ``action = reject``: the incident is not an incident; it is dropped from data/incidents.csv.
  ``field`` and ``value`` stay empty.

Corrections are keyed by the stable event_id (hash of article id and span), so they survive every
re-extraction. A correction whose event_id no longer exists is an *orphan*: reported (file:line)
by the build, never silently dropped. A bad row (unknown action or field, bad value, missing
analyst/date/reason) is reported with file:line:column and not applied.

An override of ``fatalities`` also sets fatalities_low/high to that value, unless the same file
overrides them too (a new best count must not sit outside an old range).

Decision: an overridden row keeps its rule name and gains "+analyst" in ``method``
("airstrike+analyst"): the analyst's hand is visible and the rule that found the row stays known.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from incidents.places.governorates import GOVERNORATES
from incidents.problems import Problem
from incidents.schema import EVENT_TYPES, INCIDENT_COLUMNS, INCIDENT_DTYPES

CORRECTION_COLUMNS: tuple[str, ...] = ("event_id", "action", "field", "value", "analyst", "date", "reason")
ACTIONS = ("override", "reject")
PROTECTED = frozenset({"event_id", "article_id", "span_start", "span_end", "quote", "source_articles", "dataset"})
DATE_FIELDS = frozenset({"event_date", "date_start", "date_end"})
FLOAT_FIELDS = frozenset({"latitude", "longitude"})


@dataclass(frozen=True)
class Correction:
    """One row of corrections.csv; ``line`` is its 1-based line in ``path``."""

    event_id: str
    action: str
    field: str
    value: str
    analyst: str
    date: str
    reason: str
    path: str
    line: int


COORDINATE_RANGE = {"latitude": 90.0, "longitude": 180.0}
NON_NEGATIVE = frozenset({"fatalities", "fatalities_low", "fatalities_high", "wounded", "arrested"})


def _check_number(fieldname: str, value: str, kind: str | None) -> str | None:
    """Why a numeric ``value`` cannot go into ``fieldname``, or None."""
    if kind == "Int64":
        try:
            number = int(value)
        except ValueError:
            return f"'{value}' is not a whole number (column {fieldname})"
        if fieldname in NON_NEGATIVE and number < 0:
            return f"'{value}' is negative (column {fieldname} counts people)"
        return None
    try:
        number = float(value)
    except ValueError:
        return f"'{value}' is not a number (column {fieldname})"
    limit = COORDINATE_RANGE.get(fieldname)
    if not math.isfinite(number) or (limit is not None and abs(number) > limit):
        return f"'{value}' is not a {fieldname} (a finite number from -{limit:g} to {limit:g})" if limit else \
            f"'{value}' is not a finite number (column {fieldname})"
    return None


def _check_value(fieldname: str, value: str) -> str | None:
    """Why ``value`` cannot go into incident column ``fieldname``, or None when it can."""
    if value == "":
        return None
    kind = INCIDENT_DTYPES.get(fieldname)
    if kind == "Int64" or fieldname in FLOAT_FIELDS or kind == "Float64":
        return _check_number(fieldname, value, kind)
    if fieldname in DATE_FIELDS:
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"'{value}' is not a date in the form YYYY-MM-DD (column {fieldname})"
    elif fieldname == "admin1" and value not in GOVERNORATES:
        return f"'{value}' is not a governorate (one of {', '.join(GOVERNORATES)})"
    elif fieldname == "event_type" and value not in EVENT_TYPES:
        return f"'{value}' is not an ACLED event type"
    elif fieldname == "sub_event_type" and not any(value in subs for subs in EVENT_TYPES.values()):
        return f"'{value}' is not an ACLED sub-event type"
    return None


def _override_problem(v: dict[str, str]) -> tuple[str, str] | None:
    """(column, message) for an override whose field or value cannot be used, or None."""
    if v["field"] not in INCIDENT_COLUMNS:
        return "field", f"unknown field '{v['field']}' (not a column of incidents.csv)"
    if v["field"] in PROTECTED:
        return "field", f"field '{v['field']}' is provenance and cannot be overridden"
    why = _check_value(v["field"], v["value"])
    return ("value", why) if why else None


def _row_problem(v: dict[str, str]) -> tuple[str, str] | None:
    """The first reason a correction row (column -> stripped cell) cannot be applied, as
    (column, message); None for a valid row."""
    if not v["event_id"]:
        return "event_id", "event_id is empty"
    if v["action"] not in ACTIONS:
        return "action", f"unknown action '{v['action']}' (use override or reject)"
    if v["action"] == "override":
        why = _override_problem(v)
        if why:
            return why
    elif v["field"] or v["value"]:
        return "field", "a reject takes no field or value"
    empty = [c for c in ("analyst", "date", "reason") if not v[c]]
    if empty:
        return empty[0], f"{empty[0]} is empty: every correction says who, when and why"
    try:
        date.fromisoformat(v["date"])
    except ValueError:
        return "date", f"'{v['date']}' is not a date in the form YYYY-MM-DD"
    return None


UNUSABLE = "no correction applied: fix the file, then build again"  # ends the message of a file-level problem
SINGLE_LINE = ("event_id", "action", "field", "value", "analyst", "date")  # a line break here is a lost quote


def _records(raw: str, col: dict[str, int]):
    """(first physical line, cells) of each record of ``raw`` after the header, or (line, None, why)
    for a stretch that is not a record: a quote left open swallows the lines after it, so the record
    is reported and reading starts again on the next line (the good rows after it still apply).
    Physical lines count "\n" only (a U+2028 in a reason is text, not a line end)."""
    lines = raw.split("\n")
    start = 1  # 0-based index of the line the next record starts on (line 0 is the header)
    while start < len(lines):
        reader = csv.reader(io.StringIO("\n".join(lines[start:])), strict=True)
        done = 0  # physical lines consumed by the records read so far
        try:
            for cells in reader:
                first = start + done + 1
                spanned = reader.line_num - done
                done = reader.line_num
                broken = [c for c in SINGLE_LINE if col[c] < len(cells) and "\n" in cells[col[c]]]
                if spanned > 1 and broken:
                    yield first, None, (f"a quote opened in this row is not closed before line {first + 1}: "
                                        "the row is skipped and reading goes on with the next line")
                    start = first
                    break
                yield first, cells, None
            else:
                return
        except csv.Error as exc:
            first = start + done + 1
            yield first, None, (f"a quote in this row is not closed where the value ends (csv: {exc}): "
                                "the row is skipped and reading goes on with the next line")
            start = first


def _read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text, or None and the problem (not UTF-8, unreadable) that makes it unusable."""
    try:
        return path.read_bytes().decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        data = path.read_bytes()
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(str(path), line, column, f"not UTF-8 (byte 0x{data[exc.start]:02x}): save the file as "
                                                       "UTF-8; " + UNUSABLE)]
    except OSError as exc:
        return None, [Problem(str(path), 0, 0, f"cannot read corrections: {exc}; " + UNUSABLE)]


def load_corrections(path: Path) -> tuple[list[Correction], list[Problem]]:
    """Read corrections.csv. In: its path (a missing file means no corrections).

    Out: (valid corrections in file order, problems for bad rows as path:line:column: message, the
    line being the physical line the row starts on). A file that cannot be used at all (not UTF-8,
    unreadable, a header without the columns) gives no corrections and a problem that
    :func:`unusable` recognises: the build then stops instead of writing an uncorrected table.
    """
    path = Path(path)
    if not path.exists():
        return [], []
    raw, problems = _read_text(path)
    if raw is None:
        return [], problems
    header = next(csv.reader(io.StringIO(raw.split("\n", 1)[0])), None)
    if header is None:
        return [], []
    header = [h.strip() for h in header]
    missing = [c for c in CORRECTION_COLUMNS if c not in header]
    if missing:
        return [], [Problem(str(path), 1, 1, f"missing column(s): {', '.join(missing)}; "
                                             f"expected {', '.join(CORRECTION_COLUMNS)}; " + UNUSABLE)]
    col = {c: header.index(c) for c in CORRECTION_COLUMNS}
    out: list[Correction] = []
    for line, cells, broken in _records(raw, col):
        if cells is None:
            problems.append(Problem(str(path), line, 1, broken))
            continue
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (len(header) - len(cells))
        v = {c: cells[i].strip() for c, i in col.items()}
        why = _row_problem(v)
        if why:
            problems.append(Problem(str(path), line, col[why[0]] + 1, why[1]))
            continue
        out.append(Correction(v["event_id"], v["action"], v["field"], v["value"], v["analyst"], v["date"],
                              v["reason"], str(path), line))
    return out, problems


def unusable(problems: list[Problem]) -> bool:
    """True when ``load_corrections``' problems say the whole file could not be used."""
    return any(p.message.endswith(UNUSABLE) for p in problems)


def apply_corrections(rows: list[dict], corrections: list[Correction]) -> tuple[list[dict], list[Problem]]:
    """Apply corrections to incident rows.

    In: rows (dicts with INCIDENT_COLUMNS, event_id set) and corrections. Out: (new rows with
    overrides applied and rejects removed, in the same order; orphan problems for corrections whose
    event_id is in no row). The input rows are not modified.
    """
    by_id = {str(r["event_id"]): dict(r) for r in rows}
    rejected: set[str] = set()
    orphans: list[Problem] = []
    for c in corrections:
        row = by_id.get(c.event_id)
        if row is None:
            orphans.append(Problem(c.path, c.line, 1, f"correction for {c.event_id} ({c.action} {c.field}) has no "
                                                      "incident any more: check it against the new extraction"))
            continue
        if c.action == "reject":
            rejected.add(c.event_id)
            continue
        row[c.field] = c.value
        method = str(row.get("method") or "")
        if not method.endswith("+analyst"):
            row["method"] = f"{method}+analyst" if method else "analyst"
    # a new best count replaces the old range unless the analyst also set the range
    explicit = {(c.event_id, c.field) for c in corrections if c.action == "override"}
    for eid, f in explicit:
        if f == "fatalities" and eid in by_id:
            for bound in ("fatalities_low", "fatalities_high"):
                if (eid, bound) not in explicit:
                    by_id[eid][bound] = by_id[eid]["fatalities"]
    out = [by_id[str(r["event_id"])] for r in rows if str(r["event_id"]) not in rejected]
    return out, orphans
