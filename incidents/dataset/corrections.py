"""Analyst corrections: data/corrections.csv, applied by the build after extraction and by the dashboard.

Columns: ``event_id, action, field, value, analyst, date, reason`` (required), then ``id, time,
previous`` (optional: what the dashboard writes, ``incidents.dataset.correction_log``).

- ``action = override``: set ``field`` (an incident column) to ``value`` on the incident
  ``event_id``. Values are checked: whole numbers for count/precision/code columns, decimals for
  latitude/longitude, ISO dates for date columns, governorates as in the geojson, ACLED
  event_type/sub_event_type. Provenance columns (event_id, article_id, span_start, span_end, quote,
  source_articles, dataset) cannot be overridden: they are what makes an incident checkable.
- ``action = reject``: the incident is not an incident; it is dropped from data/incidents.csv.
  ``field`` stays empty; ``value`` may say why: empty, "not an incident", "outside scope" or
  "duplicate of <event_id>".
- ``action = confirm``: an analyst checked the incident against its source (no field, no value).
- ``action = merge``: the incident ``value`` names tells the same event as ``event_id``; it is
  dropped and ``event_id`` lists the articles of both.
- ``action = add``: a missed incident; ``value`` is a JSON object of its columns, with at least
  article_id, span_start and span_end (the characters of the article that tell it).
- ``action = undo``: ``value`` is the ``id`` of an earlier correction of the file (or ``line:N``
  for a row without id): every row with that id stops applying. Nothing is ever deleted.

``id`` is shared by the rows one action writes (an edit of three fields is three rows, one id);
``time`` is when it was written (UTC, ``YYYY-MM-DDTHH:MM:SSZ``); ``previous`` a JSON object of what
it replaced (column -> old value; ``row``/``merged``: the whole row a reject or merge removed), which
lets the dashboard undo a correction that the last build already applied
(``incidents.dataset.correction_rules`` says what each action does).

Corrections are keyed by the stable event_id (hash of article id and span), so they survive every
re-extraction. A correction whose event_id no longer exists is an *orphan*: reported (file:line)
by the build, never silently dropped. A bad row (unknown action or field, bad value, missing
analyst/date/reason, an undo of no correction) is reported with file:line:column and not applied.

An override of ``fatalities`` also sets fatalities_low/high to that value, unless the same file
overrides them too (a new best count must not sit outside an old range).

Decision: an overridden row keeps its rule name and gains "+analyst" in ``method``
("airstrike+analyst"): the analyst's hand is visible and the rule that found the row stays known.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from incidents.dataset import correction_rules
from incidents.places.governorates import GOVERNORATES
from incidents.problems import Problem
from incidents.schema import EVENT_TYPES, INCIDENT_COLUMNS, INCIDENT_DTYPES

CORRECTION_COLUMNS: tuple[str, ...] = ("event_id", "action", "field", "value", "analyst", "date", "reason")
OPTIONAL_COLUMNS: tuple[str, ...] = ("id", "time", "previous")
ALL_COLUMNS: tuple[str, ...] = CORRECTION_COLUMNS + OPTIONAL_COLUMNS
ACTIONS = ("override", "reject", "confirm", "merge", "add", "undo")
REJECT_REASONS = ("not an incident", "outside scope", "duplicate of ")  # a reject's value; the last takes an id
ADD_REQUIRED = ("article_id", "span_start", "span_end")
PROTECTED = frozenset({"event_id", "article_id", "span_start", "span_end", "quote", "source_articles", "dataset"})
DATE_FIELDS = frozenset({"event_date", "date_start", "date_end"})
FLOAT_FIELDS = frozenset({"latitude", "longitude"})


@dataclass(frozen=True)
class Correction:
    """One row of corrections.csv; ``line`` is its 1-based line in ``path``; ``id``, ``time`` and
    ``previous`` are empty for a row written without them."""

    event_id: str
    action: str
    field: str
    value: str
    analyst: str
    date: str
    reason: str
    path: str
    line: int
    id: str = ""
    time: str = ""
    previous: str = ""

    @property
    def key(self) -> str:
        """What an undo names: ``id``, or ``line:N`` for a row without one."""
        return correction_rules.key_of(self)


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


def _add_problem(v: dict[str, str]) -> tuple[str, str] | None:
    """(column, message) for an add whose value is not a usable row, or None."""
    try:
        row = json.loads(v["value"])
    except ValueError:
        return "value", "an add's value is not JSON: it must be an object of incident columns"
    if not isinstance(row, dict):
        return "value", "an add's value must be a JSON object of incident columns"
    unknown = [k for k in row if k not in INCIDENT_COLUMNS]
    missing = [k for k in ADD_REQUIRED if row.get(k) in (None, "")]
    if unknown or missing:
        return "value", (f"unknown column(s) {', '.join(unknown)} in the added row" if unknown else
                         f"the added row lacks {', '.join(missing)} (where in which article it is told)")
    if str(row.get("event_id", v["event_id"])) != v["event_id"]:
        return "value", "the added row's event_id differs from the row's event_id"
    for k, val in row.items():
        why = _check_value(k, "" if val is None else str(val))
        if why:
            return "value", why
    if int(row["span_start"]) < 0 or int(row["span_end"]) <= int(row["span_start"]):
        return "value", "the added row's span must be 0 <= span_start < span_end"
    return None


def _action_problem(v: dict[str, str]) -> tuple[str, str] | None:
    """(column, message) for a field or value that does not suit the row's action, or None."""
    action = v["action"]
    if action == "override":
        return _override_problem(v)
    if v["field"]:
        return "field", f"a{'n' if action[0] in 'aeiou' else ''} {action} takes no field"
    if action == "reject" and v["value"] and not (v["value"] in REJECT_REASONS[:2] or (
            v["value"].startswith(REJECT_REASONS[2]) and v["value"][len(REJECT_REASONS[2]):].strip())):
        return "value", (f"'{v['value']}' is not a reason to reject: use not an incident, outside scope "
                         "or duplicate of <event_id>")
    if action == "confirm" and v["value"]:
        return "value", "a confirm takes no value"
    if action in ("merge", "undo") and not v["value"]:
        return "value", ("a merge names the incident merged into this one" if action == "merge" else
                         "an undo names the id of the correction it undoes")
    if action == "merge" and v["value"] == v["event_id"]:
        return "value", "an incident cannot be merged with itself"
    return _add_problem(v) if action == "add" else None


def _extras_problem(v: dict[str, str]) -> tuple[str, str] | None:
    """(column, message) for a bad optional cell (time, previous), or None."""
    if v.get("time"):
        try:
            datetime.fromisoformat(v["time"].replace("Z", "+00:00"))
        except ValueError:
            return "time", f"'{v['time']}' is not a date-time in the form YYYY-MM-DDTHH:MM:SSZ"
    if v.get("previous"):
        try:
            prev = json.loads(v["previous"])
        except ValueError:
            prev = None
        if not isinstance(prev, dict):
            return "previous", "previous is not a JSON object of the values the correction replaced"
    return None


def _row_problem(v: dict[str, str]) -> tuple[str, str] | None:
    """The first reason a correction row (column -> stripped cell) cannot be applied, as
    (column, message); None for a valid row."""
    if not v["event_id"]:
        return "event_id", "event_id is empty"
    if v["action"] not in ACTIONS:
        return "action", f"unknown action '{v['action']}' (use {', '.join(ACTIONS)})"
    why = _action_problem(v)
    if why:
        return why
    empty = [c for c in ("analyst", "date", "reason") if not v[c]]
    if empty:
        return empty[0], f"{empty[0]} is empty: every correction says who, when and why"
    try:
        date.fromisoformat(v["date"])
    except ValueError:
        return "date", f"'{v['date']}' is not a date in the form YYYY-MM-DD"
    return _extras_problem(v)


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
    col = {c: header.index(c) for c in ALL_COLUMNS if c in header}
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
                              v["reason"], str(path), line, v.get("id", ""), v.get("time", ""),
                              v.get("previous", "")))
    return _check_undos(out, problems, col["value"] + 1)


def _check_undos(corrections: list[Correction], problems: list[Problem], column: int
                 ) -> tuple[list[Correction], list[Problem]]:
    """Leave out (and report at ``column``, the value's) each undo that names no earlier correction
    of the file, or names an undo; problems are put back in line order."""
    seen: dict[str, str] = {}
    out = []
    for c in corrections:
        if c.action == "undo" and seen.get(c.value, "undo") == "undo":
            what = "an undo (an undo cannot be undone)" if c.value in seen else "no earlier correction of this file"
            problems.append(Problem(c.path, c.line, column, f"undo of '{c.value}': that id names {what}"))
            continue
        seen.setdefault(c.key, c.action)
        out.append(c)
    return out, sorted(problems, key=lambda p: (p.line, p.column))


def unusable(problems: list[Problem]) -> bool:
    """True when ``load_corrections``' problems say the whole file could not be used."""
    return any(p.message.endswith(UNUSABLE) for p in problems)


def apply_corrections(rows: list[dict], corrections: list[Correction], restore: bool = False
                      ) -> tuple[list[dict], list[Problem]]:
    """Apply corrections to incident rows (``incidents.dataset.correction_rules``).

    In: rows (dicts with INCIDENT_COLUMNS, event_id set), corrections in file order, and whether the
    rows may already hold older corrections (``restore``: the dashboard's table; False for a fresh
    extraction). Out: (new rows with the effective corrections applied, rejected and merged-away rows
    removed, added rows after the others; orphan problems for corrections whose incident is in no
    row). The input rows are not modified.
    """
    return correction_rules.apply(rows, corrections, restore)
