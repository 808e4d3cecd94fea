"""Tables as the pipeline writes them: one way to write a cell, a row and a whole CSV file.

Floats of latitude and longitude with 5 decimals, whole numbers without a fraction, booleans 1/0,
empty cells for unknown values, minimal quoting, "\\n" line ends, UTF-8. ``render_csv(rows,
columns)`` gives the text; ``csv_writer(columns, items)`` gives a function that writes the file to a
path (for ``incidents.dataset.folder``), where an item is a row (dict) or a record kept exactly as
found (str, its own line end included), so rows a command leaves alone are written back byte for byte.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from pathlib import Path

FLOAT_COLUMNS = frozenset({"latitude", "longitude"})


def cell(column: str, value) -> str:
    """The text of one cell (module docstring)."""
    if value is None or value == "":
        return ""
    if column in FLOAT_COLUMNS:
        try:
            return f"{float(value):.5f}"
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def render_csv(rows: Iterable[dict], columns: tuple[str, ...]) -> str:
    """CSV text of ``rows`` (dicts) with ``columns``: header, minimal quoting, "\\n" line ends."""
    buf = io.StringIO()
    _write(buf, columns, rows)
    return buf.getvalue()


def _write(fh, columns, items) -> None:
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(columns)
    for item in items:
        if isinstance(item, str):
            fh.write(item)
        else:
            writer.writerow([cell(c, item.get(c, "")) for c in columns])


def record_text(columns: tuple[str, ...] | list[str], row: dict) -> str:
    """The text of one row as ``csv_writer`` writes it (its line end included)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([cell(c, row.get(c, "")) for c in columns])
    return buf.getvalue()


def csv_writer(columns: tuple[str, ...] | list[str], items: list) -> Callable[[Path], None]:
    """A function writing the CSV file of ``items`` (rows or kept records, module docstring) to a path."""
    def write(path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            _write(fh, tuple(columns), items)
    return write
