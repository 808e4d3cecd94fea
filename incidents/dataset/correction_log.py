"""Writing corrections.csv: rows appended under a lock, the file replaced atomically, nothing ever lost.

``record(path, entries, analyst, rows)`` is what the dashboard's actions call: the rows of one action
(``Entry``: event_id, action, field, value, reason) get one ``id``, the time, today's date, the
analyst, and ``previous`` (what each replaced, worked out from the incident rows as shown:
``previous_values``), and are appended by ``append``.

``append(path, rows)``:

1. takes an exclusive ``flock`` on ``.corrections.csv.lock`` beside the file (created if missing; the
   lock is on that file, not on corrections.csv, which is replaced on every write), so two processes
   writing at once take turns and neither loses a row;
2. reads the file as it is now (after the other writer's rename) and keeps every byte of it, bad
   lines too; a header without the optional columns (``id, time, previous``) gets them added at its
   end (older rows simply have fewer cells, which the reader allows);
3. writes the old text plus the new rows to a temporary file in the same folder, flushes it to disk
   and renames it over corrections.csv: a reader sees the old file or the new one, never half.

A file that is not UTF-8 or whose header lacks the required columns is not written to
(``CorrectionLogError`` says why): the build refuses such a file too, and appending to it would
hide the damage. History is append-only: an undo is a new row, never a deletion.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import json
import os
import secrets
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from incidents.atomic import atomic_path
from incidents.dataset.correction_rules import apply, row_text
from incidents.dataset.corrections import ALL_COLUMNS, CORRECTION_COLUMNS, Correction

FILE = "corrections.csv"


class CorrectionLogError(Exception):
    """corrections.csv cannot be written to; the message names the file and says what to do."""


@dataclass(frozen=True)
class Entry:
    """One row an action writes, before who/when/id are added."""

    event_id: str
    action: str
    field: str = ""
    value: str = ""
    reason: str = ""


def lock_path(path: Path) -> Path:
    """The lock file beside ``path``: ``.corrections.csv.lock``."""
    return Path(path).with_name(f".{Path(path).name}.lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of corrections file ``path`` for the block (waits for other writers)."""
    lock = lock_path(path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _current(path: Path) -> tuple[str, list[str]]:
    """(the file's text with a header holding every column, that header's names); a new file's
    text is its header. Raises CorrectionLogError for a file that must not be written to."""
    if not path.exists():
        return ",".join(ALL_COLUMNS) + "\n", list(ALL_COLUMNS)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CorrectionLogError(f"{path}:{line}: not UTF-8: save it as UTF-8 before correcting more "
                                 "(nothing was written)") from None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    first, sep, rest = text[len(bom):].partition("\n")
    end = "\r" if first.endswith("\r") else ""
    names = [h.strip() for h in next(csv.reader([first.rstrip("\r")]), [])]
    missing = [c for c in CORRECTION_COLUMNS if c not in names]
    if missing:
        raise CorrectionLogError(f"{path}:1: the header lacks {', '.join(missing)}: fix it before correcting "
                                 "more (nothing was written)")
    added = [c for c in ALL_COLUMNS if c not in names]
    header = first.rstrip("\r") + "".join("," + c for c in added) + end
    body = rest if sep else ""
    if body and not body.endswith("\n"):
        body += "\n"
    return bom + header + "\n" + body, names + added


def _render(rows: Sequence[Mapping[str, str]], names: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow([str(row.get(n, "") or "") for n in names])
    return buf.getvalue()


def append(path: Path, rows: Sequence[Mapping[str, str]]) -> None:
    """Append ``rows`` (column -> text) to corrections file ``path`` under the lock, atomically
    (module docstring). Raises CorrectionLogError when the file must not be written to, OSError
    when the folder cannot be written."""
    path = Path(path)
    with locked(path):
        text, names = _current(path)
        content = (text + _render(rows, names)).encode("utf-8")
        with atomic_path(path) as tmp, open(tmp, "wb") as fh:  # the file is closed before the rename
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())


def now_utc() -> datetime:
    """The time of a correction: $INCIDENTS_NOW when set (tests), else the clock; UTC."""
    given = os.environ.get("INCIDENTS_NOW", "").strip()
    if given:
        moment = datetime.fromisoformat(given.replace("Z", "+00:00"))
        return moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(UTC)
    return datetime.now(UTC)


def new_id() -> str:
    """A fresh correction id (shared by the rows of one action)."""
    return "C" + secrets.token_hex(6)


def previous_values(entries: Sequence[Entry], rows: Mapping[str, Mapping], analyst: str = "analyst",
                    day: str = "2000-01-01") -> list[dict]:
    """What each entry replaces, as its ``previous`` object: applied one after the other to
    ``rows`` (event_id -> the row as shown, values of any type), the columns whose text changed
    (column -> old text); for a reject the whole row (``row``), for a merge the row merged away
    (``merged``), for an add the row of that id that it replaces, if any (``row``)."""
    current = {eid: row_text(r) for eid, r in rows.items()}
    out = []
    for i, e in enumerate(entries):
        c = Correction(e.event_id, e.action, e.field, e.value, analyst, day, "-", "", i + 1)
        before = current.get(e.event_id)
        prev: dict = {}
        if e.action in ("reject", "add") and before is not None:
            prev["row"] = before
        elif e.action == "merge" and e.value in current:
            prev["merged"] = current[e.value]
        touched = [r for r in (before, current.get(e.value) if e.action == "merge" else None) if r is not None]
        after, _ = apply(touched, [c])
        by_id = {r["event_id"]: row_text(r) for r in after}
        if before is not None and e.event_id in by_id and e.action != "add":
            prev.update({k: v for k, v in before.items() if by_id[e.event_id].get(k, "") != v})
        current.update(by_id)
        out.append(prev)
    return out


def record(path: Path, entries: Sequence[Entry], analyst: str, rows: Mapping[str, Mapping] | None = None) -> str:
    """Append the rows of one action for ``analyst`` (one id, the time now, today's date and what
    each replaced in ``rows``: event_id -> row as shown) to corrections file ``path``; returns the
    id. ValueError for an empty analyst name or reason; CorrectionLogError/OSError when the file
    cannot be written."""
    analyst = " ".join(str(analyst or "").split())
    if not analyst:
        raise ValueError("every correction says who made it: give your name first")
    if any(not " ".join(e.reason.split()) for e in entries):
        raise ValueError("every correction says why: give a reason")
    cid, moment = new_id(), now_utc()
    prevs = previous_values(entries, rows or {}, analyst, moment.date().isoformat())
    out = [{"event_id": e.event_id, "action": e.action, "field": e.field, "value": e.value, "analyst": analyst,
            "date": moment.date().isoformat(), "reason": " ".join(e.reason.split()), "id": cid,
            "time": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "previous": json.dumps(p, ensure_ascii=False, sort_keys=True) if p else ""}
           for e, p in zip(entries, prevs, strict=True)]
    append(path, out)
    return cid
