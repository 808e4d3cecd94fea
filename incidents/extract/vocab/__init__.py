"""Word lists the extraction rules read (plain data, one file each; the first comment line says where it comes from).

``read_list(name) -> tuple[str, ...]`` for one-column ``.txt`` files, ``alternation(name) -> str`` for the same
entries as one regular-expression group ("(?:a|b|c)"), ``read_pairs(name) -> dict[str, str]`` for two-column
``.csv`` files; lines starting with "#" are comments. Read once and cached.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _lines(name: str) -> list[str]:
    """The non-comment, non-blank lines of vocab file ``name``."""
    text = (_HERE / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def read_list(name: str) -> tuple[str, ...]:
    """The entries of a one-column list, in file order."""
    return tuple(line.strip() for line in _lines(name))


@cache
def alternation(name: str) -> str:
    """The entries of a one-column list as one non-capturing regular-expression group, "(?:a|b|c)", in file order."""
    return "(?:" + "|".join(read_list(name)) + ")"


@cache
def read_pairs(name: str) -> dict[str, str]:
    """First column -> second column of a two-column CSV with a header row, in file order."""
    rows = list(csv.reader(_lines(name)))
    return {key: value for key, value in rows[1:]}
