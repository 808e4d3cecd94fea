"""Progress of a long command: a bar on a terminal, nothing in a log (the command prints a summary).

``bar(total, desc, unit)`` is the one count-based bar of the commands (``build``, ``extract``,
``add``, ``synth``, ``load``, ``bench``): a tqdm bar on ``stream`` (stderr) when it is a terminal,
else None, so logs and pipes get only the command's one-line summary. ``counting(...)`` is the
same as a ``with`` block that yields an ``advance(n=1)`` callable (a no-op without a bar) and
closes the bar at the end. ``say(text)`` prints a line to stdout above a bar that is showing.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_SHOWING: list = []  # the bars open now, so that say() can print above them


def _nothing(n: int = 1) -> None:
    """advance() when there is no bar."""


def bar(total: int, desc: str, unit: str = "item", enabled: bool = True, stream=None, leave: bool = False):
    """A tqdm bar of ``total`` ``unit``s labelled ``desc`` on ``stream`` (default stderr) when
    ``enabled``, ``total`` > 0 and ``stream`` is a terminal; else None. The caller closes it."""
    stream = stream if stream is not None else sys.stderr
    if not (enabled and total and stream.isatty()):
        return None
    from tqdm import tqdm

    size = shutil.get_terminal_size((80, 24))  # a bare pty reports 0x0: tqdm would hide the bar
    return tqdm(total=total, desc=desc, unit=unit, file=stream, leave=leave,
                ncols=min(100, size.columns or 80), nrows=max(size.lines, 2))


@contextmanager
def counting(total: int, desc: str, unit: str = "item", enabled: bool = True, stream=None,
             leave: bool = False) -> Iterator[Callable[[int], None]]:
    """``with counting(10, "synth", "step") as advance: ... advance()``: the bar of ``bar()``
    while the block runs (closed after it, also on an error); ``advance`` does nothing when no
    bar is shown."""
    shown = bar(total, desc, unit, enabled=enabled, stream=stream, leave=leave)
    if shown is None:
        yield _nothing
        return
    _SHOWING.append(shown)
    try:
        yield shown.update
    finally:
        _SHOWING.remove(shown)
        shown.close()


def say(text: str, stream=None) -> None:
    """Print ``text`` as a line on ``stream`` (stdout), above the bar when one is showing."""
    stream = stream if stream is not None else sys.stdout
    if _SHOWING:
        _SHOWING[-1].write(text, file=stream)
        stream.flush()
    else:
        print(text, file=stream, flush=True)
