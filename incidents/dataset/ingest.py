"""When an article came into a data folder (``ingested_at``) and what that makes of incidents' ``timestamp``.

- ``now(value)``: the time of this run as ``YYYY-MM-DDTHH:MM:SSZ`` (UTC, to the second): ``value``
  (a command's ``--now``), else ``$INCIDENTS_NOW``, else the clock. Tests and benchmarks fix it.
- ``instant(text)``: an ISO date-time (``Z`` or an offset; a date alone is its midnight UTC) in that
  form; ValueError when it is none.
- ``epoch(text)``: seconds since 1970 of an ``ingested_at`` value, None when empty or not one.
- ``first_ingested(source_articles, ingested)``: an incident's ``timestamp``: the earliest
  ``ingested_at`` of its source articles, as epoch seconds (0 when none is known, as before).
- ``record_of(article)``: the ``record`` cell of an article: its file name, plus the record inside
  the file when it came from a collection ("export.jsonl line 17").
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

FORMAT = "%Y-%m-%dT%H:%M:%SZ"
ENV = "INCIDENTS_NOW"


def instant(text: str) -> str:
    """``text`` (ISO 8601 date or date-time; naive means UTC) as ``YYYY-MM-DDTHH:MM:SSZ``."""
    value = str(text).strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(FORMAT)


def now(value: str | None = None) -> str:
    """The time of this run (module docstring). ValueError when ``value`` or $INCIDENTS_NOW is set
    and is not a date-time."""
    given = value if value else os.environ.get(ENV, "").strip()
    if given:
        return instant(given)
    return datetime.now(UTC).strftime(FORMAT)


def epoch(text: str | None) -> int | None:
    """Seconds since 1970-01-01 UTC of an ``ingested_at`` value; None when empty or not a date-time."""
    if not text:
        return None
    try:
        return int(datetime.strptime(instant(text), FORMAT).replace(tzinfo=UTC).timestamp())
    except ValueError:
        return None


def first_ingested(source_articles: str, ingested: dict[str, str]) -> int:
    """The earliest ``ingested_at`` (epoch seconds) of the ``; ``-separated article ids; 0 when
    none of them has one."""
    times = [epoch(ingested.get(a)) for a in str(source_articles or "").split("; ") if a]
    known = [t for t in times if t is not None]
    return min(known) if known else 0


def record_of(article) -> str:
    """The original file name of ``article``, plus the record within it when there is one."""
    inner = str(getattr(article, "record", "") or "")
    return f"{article.file} {inner}" if inner else str(article.file)
