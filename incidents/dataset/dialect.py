"""How a CSV file separates and quotes its fields, found from the file itself.

``sniff(path, accept)`` reads the start of ``path`` (UTF-8, a byte-order mark skipped) and returns
``(Dialect, names)``: the delimiter (comma, semicolon, tab or bar) and quote character that
Python's ``csv.Sniffer`` finds there, checked on the header line: the header split that way must
give names ``accept`` takes (for example: the names hold ACLED's columns). When the sniffer finds
nothing or finds a dialect under which the header is not accepted, every delimiter and quote is
tried on the header line in turn (commas and double quotes first). ``names`` are the header's
names stripped and in lower case.

Raises ``CsvHeaderError`` (its message names the file) when the file cannot be read, is not
UTF-8, is empty, or no dialect gives an accepted header; then ``error.names`` holds the header
split at commas, for the caller's message.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
QUOTES: tuple[str, ...] = ('"', "'")
SAMPLE_CHARS = 64 * 1024
NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars (|)", '"': 'double quotes (")',
         "'": "single quotes (')"}


@dataclass(frozen=True)
class Dialect:
    """How a file's fields are separated and quoted (a quote inside a quoted value is doubled)."""

    delimiter: str = ","
    quotechar: str = '"'

    def describe(self) -> str:
        """In words, e.g. 'fields separated by semicolons, quoted with double quotes (")'."""
        return f"fields separated by {NAMES[self.delimiter]}, quoted with {NAMES[self.quotechar]}"


class CsvHeaderError(ValueError):
    """The start of a file cannot be read as a CSV header: ``path``, ``reason`` (in words),
    ``readable`` (False when the file itself cannot be opened), ``names`` (the header split at
    commas when the file could be read as text, else empty)."""

    def __init__(self, path: Path, reason: str, names: list[str] | None = None, readable: bool = True):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason, self.names, self.readable = path, reason, names or [], readable


def _sample(path: Path) -> str:
    """The start of ``path`` as text (about SAMPLE_CHARS characters, BOM dropped; bytes that are not
    UTF-8 after the first line replaced, the caller's reader reports them); raises CsvHeaderError
    when the file cannot be read or its first line is not UTF-8 text."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(SAMPLE_CHARS)
    except OSError as exc:
        raise CsvHeaderError(path, f"cannot read the file: {exc.strerror or exc}", readable=False) from exc
    first = data.split(b"\n", 1)[0]
    try:
        first.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if len(first) == len(data) and exc.start >= len(data) - 3:  # a character cut by the sample's end
            pass
        else:
            raise CsvHeaderError(path, "not UTF-8 CSV text") from exc
    if b"\x00" in first:
        raise CsvHeaderError(path, "not UTF-8 CSV text: the first line holds NUL bytes")
    return data.decode("utf-8-sig", errors="replace")


def _header(sample: str, dialect: Dialect) -> list[str]:
    """The first record of ``sample`` split under ``dialect``: names stripped, lower case."""
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=dialect.delimiter,
                        quotechar=dialect.quotechar, doublequote=True, strict=False)
    try:
        return [n.strip().lower() for n in next(reader, [])]
    except csv.Error:
        return []


def _sniffed(sample: str) -> Dialect | None:
    """The dialect Python's csv.Sniffer finds in ``sample`` among ours, or None."""
    cut = sample.rfind("\n")
    try:
        found = csv.Sniffer().sniff(sample[:cut] if cut > 0 else sample, delimiters="".join(DELIMITERS))
    except csv.Error:
        return None
    if found.delimiter not in DELIMITERS:
        return None
    return Dialect(found.delimiter, found.quotechar if found.quotechar in QUOTES else '"')


def sniff(path: Path, accept: Callable[[list[str]], bool]) -> tuple[Dialect, list[str]]:
    """(dialect, header names) of ``path`` as the module docstring says."""
    path = Path(path)
    sample = _sample(path)
    if not sample.strip():
        raise CsvHeaderError(path, "the file is empty")
    candidates = [Dialect(d, q) for d in DELIMITERS for q in QUOTES]
    first = _sniffed(sample)
    for dialect in ([first] if first else []) + candidates:
        names = _header(sample, dialect)
        if accept(names):
            return dialect, names
    raise CsvHeaderError(path, "no delimiter and quote give the expected header", _header(sample, Dialect()))
