"""Problems found in input: what is wrong and where, in a form a person can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem with an input file.

    path: the file as the user named it; line and column are 1-based (0 when not applicable);
    message: what is wrong, in plain words. ``str(problem)`` gives ``path:line:column: message``.
    """

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"
