"""What each correction does to the incident rows: the replay of corrections.csv, pure functions.

In: incident rows (dicts keyed by INCIDENT_COLUMNS, values as in the CSV or as the build makes them)
and ``incidents.dataset.corrections.Correction`` values in file order. Out: new rows; the input rows
are never modified.

Actions (``Correction.action``):

- ``override``: set ``field`` to ``value``; ``method`` gains "+analyst"; a new best ``fatalities``
  also sets fatalities_low/high unless the same file sets them; the note is written again from the
  fields unless the analyst wrote it.
- ``reject``: the incident is dropped (``value`` may say why: "not an incident", "outside scope",
  "duplicate of IIM...").
- ``confirm``: the analyst checked it: ``confidence`` becomes 1 and ``review_reasons`` starts with
  "confirmed by NAME on DATE" (the extractor's reasons stay after it).
- ``merge``: ``event_id`` is kept, the incident ``value`` names is dropped; the kept one lists the
  articles and outlets of both (``source_articles``, ``source``).
- ``add``: a missed incident, its row in ``value`` (a JSON object of columns); written as it is.
- ``undo``: the correction (or the batch of rows written together) whose ``id`` is ``value`` no
  longer applies. ``effective(corrections)`` is what remains.

Two ways to replay (``apply``):

- on a fresh extraction (``build``, ``extract``): the effective corrections, in file order. A
  correction whose incident is in no row is an *orphan*, reported and kept in the file.
- on a table that already holds older corrections (``restore=True``: the dashboard's incidents.csv,
  built before the latest corrections, some of which may undo what the build applied): first what
  every correction replaced is put back from its ``previous`` (earliest first: the values before any
  correction; rows that a reject or a merge removed come back from their snapshot; rows an add made
  go), then the effective corrections are replayed. Both ways give the same table when the extraction
  has not changed. A removal whose incident is already gone is taken as applied, not as an orphan.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from incidents.cells import missing
from incidents.extract.rows import make_note
from incidents.problems import Problem
from incidents.schema import INCIDENT_COLUMNS

SEP = "; "
CONFIRMED = "confirmed"  # review_reasons of a confirmed incident starts with this word


def confirmed(review_reasons: object) -> bool:
    """Has an analyst confirmed the incident (its ``review_reasons`` says so)?"""
    return isinstance(review_reasons, str) and review_reasons.startswith(CONFIRMED + " ")


FLOAT_COLUMNS = frozenset({"latitude", "longitude"})


def cell_text(column: str, value: object) -> str:
    """A cell of any type (as the store or the build holds it) as incidents.csv writes it: "" when
    missing, coordinates with 5 decimals, whole floats without ".0", dates in ISO form."""
    if missing(value):
        return ""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()  # numpy scalars
    if isinstance(value, bool):
        return "1" if value else "0"
    if column in FLOAT_COLUMNS:
        return f"{float(value):.5f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value)


def row_text(row: Mapping) -> dict[str, str]:
    """An incident row with every column of the schema as text (``cell_text``)."""
    return {c: cell_text(c, row.get(c)) for c in INCIDENT_COLUMNS}


def key_of(c) -> str:
    """The id that an undo names: the ``id`` cell, or ``line:N`` for a row written without one."""
    return c.id or f"line:{c.line}"


def effective(corrections: Iterable) -> list:
    """The corrections that apply, in file order: every one but the undo rows and those they undo."""
    corrections = list(corrections)
    undone = {c.value for c in corrections if c.action == "undo"}
    return [c for c in corrections if c.action != "undo" and key_of(c) not in undone]


def previous_of(c) -> dict:
    """The ``previous`` cell of a correction as a dict ({} when empty; checked when read)."""
    return json.loads(c.previous) if getattr(c, "previous", "") else {}


def join_unique(*values: object) -> str:
    """"; "-joined lists merged, each item once, in order of first appearance."""
    out: list[str] = []
    for v in values:
        for item in str(v or "").split(SEP):
            item = item.strip()
            if item and item not in out:
                out.append(item)
    return SEP.join(out)


def added_row(c) -> dict:
    """The row an ``add`` correction makes: every column, its JSON values as text, its event_id."""
    row = dict.fromkeys(INCIDENT_COLUMNS, "")
    row.update({k: "" if v is None else str(v) for k, v in json.loads(c.value).items()})
    row["event_id"] = c.event_id
    row["method"] = row["method"] or "analyst"
    return row


def _analyst_method(row: dict) -> None:
    method = str(row.get("method") or "")
    if not method.endswith("+analyst") and method != "analyst":
        row["method"] = f"{method}+analyst" if method else "analyst"


def _orphan(c, what: str) -> Problem:
    return Problem(c.path, c.line, 1, f"correction for {c.event_id} ({what}) has no incident any more: "
                                      "check it against the new extraction")


class _Table:
    """Rows by event_id in their order, the ids dropped so far, and the orphans found."""

    def __init__(self, rows: Iterable[dict]):
        self.by_id: dict[str, dict] = {}
        self.order: list[str] = []
        self._placed: set[str] = set()  # ids in ``order`` (a dropped row keeps its place)
        for r in rows:
            self.put(dict(r))
        self.removed: set[str] = set()
        self.orphans: list[Problem] = []
        self.gone: set[str] = set()  # restoring: incidents a reject or a merge removes (missing is no orphan)

    def put(self, row: dict) -> None:
        eid = str(row["event_id"])
        if eid not in self._placed:
            self._placed.add(eid)
            self.order.append(eid)
        self.by_id[eid] = row

    def drop(self, eid: str) -> None:
        self.by_id.pop(eid, None)

    def orphan(self, c, what: str, eid: str | None = None) -> None:
        """Report ``c`` as an orphan (``what`` it does), unless its incident ``eid`` is one that is
        removed anyway while restoring."""
        if (eid or c.event_id) not in self.gone:
            self.orphans.append(_orphan(c, what))

    def rows(self) -> list[dict]:
        return [self.by_id[e] for e in self.order if e in self.by_id and e not in self.removed]


def _override(t: _Table, c, restore: bool) -> None:
    row = t.by_id.get(c.event_id)
    if row is None:
        t.orphan(c, f"override {c.field}")
        return
    row[c.field] = c.value
    _analyst_method(row)


def _reject(t: _Table, c, restore: bool) -> None:
    if c.event_id not in t.by_id:
        if not restore:
            t.orphans.append(_orphan(c, "reject"))
        return
    t.removed.add(c.event_id)


def _confirm(t: _Table, c, restore: bool) -> None:
    row = t.by_id.get(c.event_id)
    if row is None:
        t.orphan(c, "confirm")
        return
    reasons = [r for r in str(row.get("review_reasons") or "").split(SEP) if r and not confirmed(r)]
    row["confidence"] = "1"
    row["review_reasons"] = SEP.join([f"{CONFIRMED} by {c.analyst} on {c.date}", *reasons])


def _merge(t: _Table, c, restore: bool) -> None:
    kept, other = t.by_id.get(c.event_id), t.by_id.get(c.value)
    if kept is None:
        t.orphan(c, f"merge with {c.value}")
        return
    if other is None and not restore:
        t.orphans.append(Problem(c.path, c.line, 1, f"merge of {c.value} into {c.event_id}: {c.value} has no "
                                                    "incident any more: check it against the new extraction"))
        return
    if other is not None:
        kept["source_articles"] = join_unique(kept.get("source_articles") or kept.get("article_id"),
                                              other.get("source_articles") or other.get("article_id"))
        kept["source"] = join_unique(kept.get("source"), other.get("source"))
        t.removed.add(c.value)
    _analyst_method(kept)


def _add(t: _Table, c, restore: bool) -> None:
    t.put(added_row(c))
    t.removed.discard(c.event_id)


RULES = {"override": _override, "reject": _reject, "confirm": _confirm, "merge": _merge, "add": _add}


def _restore_rows(t: _Table, corrections: Sequence) -> None:
    """Put back the rows as they were before the first correction of each incident."""
    first: dict[str, object] = {}
    snapshot: dict[str, dict] = {}
    for c in corrections:
        prev = previous_of(c)
        first.setdefault(c.event_id, c)
        if c.action == "merge":
            first.setdefault(c.value, c)
            if "merged" in prev:
                snapshot.setdefault(c.value, prev["merged"])
        elif c.action == "reject" and "row" in prev:
            snapshot.setdefault(c.event_id, prev["row"])
    for eid, c in first.items():
        if c.action == "add" and c.event_id == eid:
            before = previous_of(c).get("row")
            if before:
                t.put({**dict.fromkeys(INCIDENT_COLUMNS, ""), **before, "event_id": eid})
            else:
                t.drop(eid)
        elif eid not in t.by_id and eid in snapshot:
            t.put({**dict.fromkeys(INCIDENT_COLUMNS, ""), **snapshot[eid], "event_id": eid})


def _restore_values(t: _Table, corrections: Sequence) -> None:
    """Put back each changed value as it was before the first correction that changed it."""
    done: set[tuple[str, str]] = set()
    for c in corrections:
        for col, old in previous_of(c).items():
            if col in INCIDENT_COLUMNS and (c.event_id, col) not in done:
                done.add((c.event_id, col))
                if c.event_id in t.by_id:
                    t.by_id[c.event_id][col] = old


def _finish(t: _Table, applied: Sequence) -> None:
    """A new best count replaces the old range unless the analyst set the range too; notes of edited
    rows are written again from their fields unless the analyst wrote the note."""
    overrides = [c for c in applied if c.action == "override" and c.event_id in t.by_id]
    explicit = {(c.event_id, c.field) for c in overrides}
    for eid, f in explicit:
        if f == "fatalities":
            for bound in ("fatalities_low", "fatalities_high"):
                if (eid, bound) not in explicit:
                    t.by_id[eid][bound] = t.by_id[eid]["fatalities"]
    noted = {c.event_id for c in overrides if c.field == "notes"}
    for eid in {c.event_id for c in overrides} - noted:
        t.by_id[eid]["notes"] = make_note(t.by_id[eid])


def apply(rows: Iterable[dict], corrections: Sequence, restore: bool = False) -> tuple[list[dict], list[Problem]]:
    """``rows`` with ``corrections`` replayed (module docstring): (new rows, in the input order with
    added rows after them; orphans as Problems at the correction's file and line)."""
    t = _Table(rows)
    if restore:
        undos_gone = [c for c in corrections if c.action != "undo"]
        _restore_rows(t, undos_gone)
        _restore_values(t, undos_gone)
    applied = effective(corrections)
    if restore:
        t.gone = {c.value if c.action == "merge" else c.event_id for c in applied if c.action in ("reject", "merge")}
    for c in applied:
        RULES[c.action](t, c, restore)
    _finish(t, applied)
    return t.rows(), t.orphans
