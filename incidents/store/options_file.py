"""The filter widgets' values kept as JSON next to a cached database.

``<name>.options.json`` beside ``<name>.duckdb`` holds the answer of the ``options`` query, so a
restarted server's first page does not scan the table for them. Dates are written as ISO
strings and read back as ``datetime.date``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from incidents.atomic import atomic_path


def options_path(db: Path) -> Path:
    """The file next to cached database ``db`` that keeps its options."""
    return db.with_name(db.stem + ".options.json")


FORMAT = 2  # bump when the options query's answer changes meaning (2: actors by actor_name)


def read_options(path: Path) -> dict | None:
    """Options saved by ``write_options`` (date_min/date_max back to datetime.date), or None
    when the file is missing, unreadable or of another ``FORMAT``."""
    try:
        out = json.loads(path.read_text(encoding="utf-8"))
        if out.pop("_format", None) != FORMAT:
            return None
        for k in ("date_min", "date_max"):
            out[k] = None if out.get(k) is None else date.fromisoformat(out[k])
        return out
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def write_options(path: Path, options: dict) -> None:
    """Save options as JSON (dates ISO), atomically; a cache folder that cannot be written is
    no error (the next start computes them again)."""
    data = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in options.items()} | {"_format": FORMAT}
    try:
        with atomic_path(path) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    except OSError:
        return


def kept(path: Path | None, compute: Callable[[], dict]) -> dict:
    """The options saved at ``path``, else ``compute()`` saved there; with ``path`` None (no
    cached database) simply ``compute()``."""
    if path is None:
        return compute()
    saved = read_options(path)
    if saved is not None:
        return saved
    out = compute()
    write_options(path, out)
    return out
