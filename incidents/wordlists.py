"""Word lists kept as data files next to the code that uses them.

A list file holds one entry a line, in order; blank lines and lines starting with ``#`` are
skipped (the first comment line says where the list comes from). A table file is the same with
comma-separated fields (CSV quoting) on each entry line.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path


def _entry_lines(path: Path) -> list[str]:
    """The entry lines of a list file (stripped; no blank lines, no ``#`` comments)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [s for s in (line.strip() for line in lines) if s and not s.startswith("#")]


@cache
def read_list(path: Path) -> tuple[str, ...]:
    """In: a list file. Out: its entries in file order (read once per path)."""
    return tuple(_entry_lines(path))


@cache
def read_table(path: Path) -> tuple[tuple[str, ...], ...]:
    """In: a table file (CSV rows after the comments). Out: its rows as tuples of stripped fields,
    in file order (read once per path)."""
    return tuple(tuple(f.strip() for f in row) for row in csv.reader(_entry_lines(path)))
