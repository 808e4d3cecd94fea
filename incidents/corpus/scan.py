"""Folders -> the article files under them, with a Problem for everything that cannot be looked at.

``scan_folder(folder, suffixes) -> (files, problems)``: every file under ``folder`` (recursive) whose
suffix, in any case, is one of ``suffixes``; hidden files and folders (a name starting with ".") are
skipped. Symbolic links are followed; a link whose target is missing (dangling), a link that leads
to itself (a loop), a link to a folder already being scanned (a cycle) and a folder that cannot be
listed are each reported, not skipped silently. Files come sorted by their path relative to
``folder`` (the name ``Article.file`` gets).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from incidents.problems import Problem


def link_problem(path: Path) -> Problem | None:
    """A Problem when ``path`` is a symbolic link that cannot be followed (dangling or a loop), else None."""
    if not path.is_symlink():
        return None
    try:
        os.stat(path)
    except OSError as exc:
        target = os.readlink(path)
        if exc.errno == errno.ELOOP:
            return Problem(str(path), 0, 0, f"symbolic link loop (-> {target}): skipped")
        return Problem(str(path), 0, 0, f"dangling symbolic link: its target {target} does not exist: skipped")
    return None


def _walk(folder: Path, suffixes: frozenset[str], active: set[str], found: list[Path], problems: list[Problem]) -> None:
    """Add the files under ``folder`` to ``found`` (``active``: real paths of the folders being scanned)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(str(folder), 0, 0, f"cannot list the folder: {exc.strerror or exc}: skipped"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if (problem := link_problem(path)) is not None:
            problems.append(problem)
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as exc:
            problems.append(Problem(str(path), 0, 0, f"cannot look at it: {exc.strerror or exc}: skipped"))
            continue
        if is_dir:
            real = os.path.realpath(path)
            if real in active:
                problems.append(Problem(str(path), 0, 0, f"symbolic link back to a folder being scanned ({real}): "
                                                         "not followed"))
                continue
            active.add(real)
            _walk(path, suffixes, active, found, problems)
            active.discard(real)
        elif path.suffix.lower() in suffixes:
            found.append(path)


def scan_folder(folder: Path, suffixes: frozenset[str]) -> tuple[list[Path], list[Problem]]:
    """The files under ``folder`` with one of ``suffixes`` (lower case, with the dot), and problems."""
    folder = Path(folder)
    found: list[Path] = []
    problems: list[Problem] = []
    _walk(folder, frozenset(suffixes), {os.path.realpath(folder)}, found, problems)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix()), problems
