"""What a writing command tells its user: its problems, on screen (the first 20) and in full in a file.

``Report`` is the part every result of ``build``, ``extract`` and ``add`` shares: problems with input
files, bad correction rows, orphan corrections, what recovery of the folder did, and why nothing was
written (``refused``). ``problems_content(report)`` is the text of ``problems.txt`` in the data folder
(one ``path:line:column: message`` a line; None when there is none, which removes an older file), and
``print_report`` prints the first ``SHOWN`` problems to stderr with a count of the rest
(``incidents.problems.print_problems``, as every command prints its problems). Names of files and folders are
printed escaped (``problems.printable``): a name cannot forge a line of output.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from incidents.problems import SHOWN as SHOWN  # re-exported: the first problems printed
from incidents.problems import Problem, print_problems, printable

PROBLEMS_FILE = "problems.txt"


@dataclass
class Report:
    """Problems and state shared by the results of the writing commands (module docstring)."""

    problems: list[Problem] = field(default_factory=list)
    correction_problems: list[Problem] = field(default_factory=list)
    orphans: list[Problem] = field(default_factory=list)
    corrections_applied: int = 0
    failed: bool = False   # nothing was written
    refused: str = ""      # why, when it was not the corrections file
    recovered: list[str] = field(default_factory=list)
    problems_file: Path | None = None

    def all_problems(self) -> list[str]:
        """Every problem as a line: input files, corrections, orphans (marked)."""
        return ([str(p) for p in self.problems + self.correction_problems]
                + [f"{p} (orphan)" for p in self.orphans])

    def tail(self) -> list[str]:
        """The summary's parts about corrections and problems."""
        parts = []
        if self.corrections_applied:
            parts.append(f"{self.corrections_applied} corrections applied")
        if self.orphans:
            parts.append(f"{len(self.orphans)} orphan correction(s)")
        if self.correction_problems:
            parts.append(f"{len(self.correction_problems)} bad correction row(s)")
        if self.problems:
            parts.append(f"{len(self.problems)} file problem(s)")
        if self.problems_file is not None:
            parts.append(f"all problems in {printable(self.problems_file)}")
        return parts


def problems_content(report: Report) -> str | None:
    """The text of the problems file, or None when there is no problem."""
    lines = report.all_problems()
    return "".join(line + "\n" for line in lines) if lines else None


def print_report(report: Report, stream=None) -> None:
    """What recovery did, then the first SHOWN problems and how many more, on ``stream`` (stderr)."""
    stream = stream or sys.stderr
    for line in report.recovered:
        print(f"note: {printable(line)}", file=stream)
    print_problems(report.all_problems(), stream, report.problems_file)
