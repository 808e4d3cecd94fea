"""Physical line numbers of a CSV file's records, for messages a person can find in an editor.

A physical line ends with a line feed; the header is line 1. A record holding a line break inside
a quoted field covers several lines, so the records after it start further down.

- ``scan(path, offsets)``: one pass over the bytes: the line of each byte offset, how many lines
  the file's records cover (blank lines at the end left out), and whether any lone carriage return
  (a line end DuckDB's strict reader refuses) is there.
- ``row_lines(n, base, newlines, skipped)``: where each of ``n`` rows read in file order starts,
  from the line breaks inside the rows and the line ranges of the records left out.
- ``records(fh, first_line)``: Python's csv reader over a binary file positioned at a record
  start, yielding each record with the lines it covers; bytes that are not UTF-8 come back as
  surrogates (``is_text`` tells).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

CHUNK = 1 << 24
_LONE_CR = re.compile(rb"\r(?!\n)")


@dataclass(frozen=True)
class Scan:
    """What ``scan`` found: ``lines_at`` (the line of each offset asked for, same order),
    ``content_lines`` (the line of the last byte that is not a line end; 0 for an empty file) and
    ``lone_cr`` (a carriage return not followed by a line feed)."""

    lines_at: tuple[int, ...]
    content_lines: int
    lone_cr: bool


def scan(path: Path, offsets: Sequence[int] = ()) -> Scan:
    """Read ``path`` once in chunks and answer ``Scan`` (offsets may come in any order)."""
    order = sorted(range(len(offsets)), key=lambda k: offsets[k])
    found = [0] * len(offsets)
    seen, pos, k, lone_cr, tail_nl, any_content = 0, 0, 0, False, 0, False
    prev_cr = False
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            while k < len(order) and offsets[order[k]] < pos + len(chunk):
                found[order[k]] = seen + chunk.count(b"\n", 0, max(0, offsets[order[k]] - pos)) + 1
                k += 1
            seen += chunk.count(b"\n")
            if prev_cr and not chunk.startswith(b"\n"):
                lone_cr = True
            lone_cr = lone_cr or bool(_LONE_CR.search(chunk[:-1] if chunk.endswith(b"\r") else chunk))
            prev_cr = chunk.endswith(b"\r")
            stripped = chunk.rstrip(b"\r\n")
            if stripped:
                any_content, tail_nl = True, chunk.count(b"\n", len(stripped))
            else:
                tail_nl += chunk.count(b"\n")
            pos += len(chunk)
    for j in order[k:]:
        found[j] = seen + 1
    content = seen - tail_nl + 1 if any_content else 0
    return Scan(tuple(found), content, lone_cr or prev_cr)


def row_lines(n: int, base: int, newlines: np.ndarray | None,
              skipped: Sequence[tuple[int, int]]) -> tuple[np.ndarray, int]:
    """(first line of each of ``n`` rows, last line any row or skipped record covers).

    ``base``: the line of the first record after the header; ``newlines``: line breaks inside each
    row's fields (None: none anywhere); ``skipped``: (first line, number of lines) of every record
    left out between the rows, in file order. The answer holds when the file has no blank lines
    between records (readers skip those): compare the last line with ``Scan.content_lines``.
    """
    nl = np.zeros(n, dtype=np.int64) if newlines is None else np.asarray(newlines, dtype=np.int64)
    start = base + np.arange(n, dtype=np.int64) + (np.cumsum(nl) - nl)
    adds = np.zeros(n + 1, dtype=np.int64)
    shift, last = 0, base - 1
    for first, span in skipped:
        at = int(np.searchsorted(start, first - shift, side="left"))
        adds[at] += span
        shift += span
        last = max(last, first + span - 1)
    lines = start + np.cumsum(adds)[:n]
    if n:
        last = max(last, int(lines[-1] + nl[-1]))
    return lines, last


def records(fh: BinaryIO, first_line: int, delimiter: str = ",",
            quotechar: str = '"') -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, fields) of each record from the current position of binary file
    ``fh`` (whose first line is ``first_line``; fields separated by ``delimiter``, quoted with
    ``quotechar``); a blank line gives no record. Fields that held bytes not UTF-8 carry
    surrogates (see ``is_text``)."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))  # article texts are long fields
    text = io.TextIOWrapper(fh, encoding="utf-8", errors="surrogateescape", newline="")
    reader = csv.reader(text, delimiter=delimiter, quotechar=quotechar)
    done = first_line - 1
    try:
        for fields in reader:
            start, done = done + 1, first_line - 1 + reader.line_num
            if fields:
                yield start, done, fields
    except csv.Error:  # a quote still open at the end of the file: the rest is one bad record
        return
    finally:
        text.detach()


def is_text(fields: list[str]) -> bool:
    """True when no field holds bytes that were not UTF-8 (surrogates from ``records``)."""
    return not any(re.search("[\udc80-\udcff]", f) for f in fields)
