"""The data folder written as one unit: the tables a command changes switch together, or not at all.

A data folder holds ``incidents.csv`` and ``articles.csv`` (and the files a command writes beside
them, such as ``problems.txt``). Every command that writes there (``build``, ``extract``, ``add``,
``import-acled``, ``synth``) does it through ``writing(folder)``:

1. the folder is locked (``flock`` on the folder itself: no lock file), so two writers take turns;
2. ``recover(folder)`` finishes a switch a killed command had committed to and removes stale
   temporary files (``.*.tmp``: a killed command's half-written tables);
3. the command reads what it needs and calls ``unit.commit({name: content, ...})``: every new file
   is written in full to ``.NAME.TOKEN.tmp`` and flushed to disk; then one journal,
   ``.switch.json`` (written to a temporary file and renamed: it appears whole or not at all),
   names them. The journal's rename is the commit point: before it the old tables stand, after it
   the new ones do. The temporary files are then renamed over their names and the journal removed.

A command killed before the commit point leaves the old tables and temporary files that the next
writing command removes; killed after it, it leaves a journal that the next writing command
carries out. Readers never see a mix: ``table_paths(folder)`` reads the journal too, and gives for
each name the file that holds its current content (the temporary file while a committed switch is
not yet carried out). A rename keeps a file's size and modification time, so a cache keyed on them
(``incidents.store.load.fingerprint``) stays valid when the switch is carried out.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

JOURNAL = ".switch.json"
TABLES = ("incidents.csv", "articles.csv")

# What a file of the unit gets: its text, a function that writes it to the path it is given, or
# None to remove it.
Content = str | Callable[[Path], None] | None


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_file(path: Path, content: str | Callable[[Path], None]) -> None:
    """``content`` into ``path`` (mode 0644), flushed to disk."""
    if callable(content):
        content(path)
    else:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(content)
    os.chmod(path, 0o644)
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_journal(folder: Path) -> dict[str, str | None] | None:
    """The switch a command committed to and did not finish: name -> temporary file name (None:
    the file is removed), or None when there is none (or it cannot be read: it never became whole)."""
    try:
        data = json.loads((Path(folder) / JOURNAL).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, dict):
        return None
    return {str(k): (str(v) if v is not None else None) for k, v in files.items()}


def table_paths(folder: Path, names: tuple[str, ...] = TABLES) -> dict[str, Path]:
    """For each name, the file holding its current content: ``folder/name``, or the temporary
    file of a committed switch not carried out yet. Read-only: never changes the folder."""
    folder = Path(folder)
    journal = read_journal(folder) or {}
    out = {}
    for name in names:
        temp = journal.get(name)
        out[name] = folder / temp if temp and (folder / temp).is_file() else folder / name
    return out


def _carry_out(folder: Path, files: dict[str, str | None]) -> None:
    """Rename each committed temporary file over its name (and remove the files mapped to None)."""
    for name, temp in files.items():
        if temp is None:
            (folder / name).unlink(missing_ok=True)
        elif (folder / temp).is_file():
            os.replace(folder / temp, folder / name)
    _fsync_dir(folder)
    (folder / JOURNAL).unlink(missing_ok=True)
    _fsync_dir(folder)


def stale_files(folder: Path) -> list[Path]:
    """Temporary files of the folder: ``.*.tmp`` (regular files, not in subfolders)."""
    return sorted(p for p in Path(folder).glob(".*.tmp") if p.is_file())


def recover(folder: Path) -> list[str]:
    """Finish a committed switch and remove stale temporary files; call with the folder locked.
    Returns what was done, in words (empty when the folder was clean)."""
    folder = Path(folder)
    done = []
    journal = read_journal(folder)
    if journal is not None:
        _carry_out(folder, journal)
        done.append(f"finished the switch of {', '.join(sorted(journal))} that an interrupted command had begun")
    elif (folder / JOURNAL).exists():
        (folder / JOURNAL).unlink()
    stale = stale_files(folder)
    for p in stale:
        p.unlink(missing_ok=True)
    if stale:
        done.append(f"removed {len(stale)} temporary file(s) an interrupted command had left")
    return done


class Unit:
    """The files one command writes into a locked folder; ``commit`` switches them together."""

    def __init__(self, folder: Path, recovered: list[str]):
        self.folder = Path(folder)
        self.recovered = recovered  # what recovery did before the command began (words)

    def commit(self, files: dict[str, Content]) -> None:
        """Write every file of ``files`` (name -> Content) and switch them in together (module
        docstring). On an error before the commit point the temporary files are removed and the
        old files stand."""
        token = secrets.token_hex(6)
        temps: dict[str, str | None] = {}
        try:
            for name, content in files.items():
                if content is None:
                    temps[name] = None
                    continue
                temps[name] = f".{name}.{token}.tmp"
                _write_file(self.folder / temps[name], content)
            journal_tmp = self.folder / f"{JOURNAL}.{token}.tmp"
            _write_file(journal_tmp, json.dumps({"files": temps}, sort_keys=True))
            _fsync_dir(self.folder)
            os.replace(journal_tmp, self.folder / JOURNAL)   # the commit point
        except BaseException:
            for temp in [*temps.values(), f"{JOURNAL}.{token}.tmp"]:
                if temp:
                    (self.folder / temp).unlink(missing_ok=True)
            raise
        _carry_out(self.folder, temps)


@contextlib.contextmanager
def writing(folder: Path) -> Iterator[Unit]:
    """Lock ``folder`` (created when missing) for one writing command, recover it, and yield the
    Unit the command commits its files through. The lock is released when the block ends (or the
    process dies)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield Unit(folder, recover(folder))
    finally:
        os.close(fd)
