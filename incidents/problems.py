"""Problems found in input: what is wrong and where, in a form a person can act on."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def printable(text: str) -> str:
    """``text`` with every control or formatting character (newline, carriage return, escape,
    tab, U+2028, bidi overrides, ...) written as a Python escape, so a file name or a value can
    neither break a line of output into a forged one nor send terminal escape sequences."""
    out = []
    for ch in str(text):
        if unicodedata.category(ch)[0] in "CZ" and ch != " ":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Problem:
    """One problem with an input file.

    path: the file as the user named it; line and column are 1-based (0 when not applicable);
    message: what is wrong, in plain words. ``str(problem)`` gives ``path:line:column: message`` on
    one line, with control characters of the path and the message escaped (``printable``).
    """

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}:{self.column}: {printable(self.message)}"


SHOWN = 20  # problems printed on screen; the rest are counted and saved


def save_problems(problems: list[Problem], path) -> None:
    """Write every problem to ``path``, one a line as printed (``str(problem)``), atomically."""
    from incidents.atomic import atomic_path

    with atomic_path(path) as tmp:
        tmp.write_text("".join(f"{p}\n" for p in problems), encoding="utf-8")


def print_problems(problems: list[Problem], stream, saved=None, limit: int = SHOWN) -> None:
    """Print the first ``limit`` problems to ``stream``, one a line; when there are more, one line
    saying how many more and, when given, the file ``saved`` that holds them all."""
    for p in problems[:limit]:
        print(p, file=stream)
    if len(problems) > limit:
        where = f": all {len(problems):,} are in {printable(str(saved))}" if saved is not None else ""
        print(f"... and {len(problems) - limit:,} more problems{where}", file=stream)
