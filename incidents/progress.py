"""Progress of a long command: a bar on a terminal, nothing in a log (the command prints a summary).

The one home of the commands' bars; both draw with tqdm on ``stream`` (stderr) only when it is a
terminal, so logs and pipes get only the command's one-line summary.

- ``bar(total, desc, unit)``: the count-based bar (``build``, ``extract``, ``add``, ``synth``,
  ``load``, ``bench``): a tqdm bar, or None off a terminal. ``counting(...)`` is the same as a
  ``with`` block that yields an ``advance(n=1)`` callable (a no-op without a bar) and closes the
  bar at the end. ``say(text)`` prints a line to stdout above a bar that is showing.
- ``Stages(stream)`` is called with ``(stage, connection)`` as each stage of a command starts (the
  shape ``incidents.dataset.acled.import_acled`` takes). On a terminal it shows a tqdm bar per
  stage, labelled with the stage, that a thread fills from the DuckDB connection's
  ``query_progress()`` (percent of the query running) every ``POLL_SECONDS``; off a terminal it
  does nothing. ``close()`` (or the end of a ``with`` block) ends the last bar.
"""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from incidents.problems import printable

POLL_SECONDS = 0.2
LABEL_CHARS = 40
_SHOWING: list = []  # the count-based bars open now, so that say() can print above them


def _size():
    """The terminal's size; a bare pty reports 0x0, which makes tqdm hide its bars: 80x24 then."""
    size = shutil.get_terminal_size((80, 24))
    return min(100, size.columns or 80), max(size.lines, 2)


def _nothing(n: int = 1) -> None:
    """advance() when there is no bar."""


def bar(total: int, desc: str, unit: str = "item", enabled: bool = True, stream=None, leave: bool = False):
    """A tqdm bar of ``total`` ``unit``s labelled ``desc`` on ``stream`` (default stderr) when
    ``enabled``, ``total`` > 0 and ``stream`` is a terminal; else None. The caller closes it."""
    stream = stream if stream is not None else sys.stderr
    if not (enabled and total and stream.isatty()):
        return None
    from tqdm import tqdm

    columns, lines = _size()
    return tqdm(total=total, desc=printable(desc), unit=unit, file=stream, leave=leave, ncols=columns, nrows=lines)


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
        shown.refresh()  # the final count is drawn once even when the steps ended within mininterval
        shown.close()


def say(text: str, stream=None) -> None:
    """Print ``text`` as a line on ``stream`` (stdout), above the bar when one is showing."""
    stream = stream if stream is not None else sys.stdout
    if _SHOWING:
        _SHOWING[-1].write(text, file=stream)
        stream.flush()
    else:
        print(text, file=stream, flush=True)


class Stages:
    """A progress bar per stage on a terminal (module docstring)."""

    def __init__(self, stream=None, enabled: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._bar = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __call__(self, stage: str, con) -> None:
        """Start stage ``stage`` (its query runs on DuckDB connection ``con``, or None)."""
        if not self.enabled:
            return
        from tqdm import tqdm

        self.close()
        columns, lines = _size()
        label = stage if len(stage) <= LABEL_CHARS else stage[:LABEL_CHARS - 1] + "…"
        self._bar = tqdm(total=100, desc=printable(label), unit="%", file=self.stream, leave=True,
                         ncols=columns, nrows=lines,
                         bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}")
        self._stop = threading.Event()
        if con is not None:
            self._thread = threading.Thread(target=self._poll, args=(con, self._bar, self._stop), daemon=True)
            self._thread.start()

    @staticmethod
    def _poll(con, bar, stop: threading.Event) -> None:
        while not stop.wait(POLL_SECONDS):
            try:
                done = con.query_progress()
            except Exception:  # noqa: BLE001 - the connection closed: the stage is over
                return
            if done is not None and done >= 0 and done > bar.n:
                bar.n = min(100.0, float(done))
                bar.refresh()

    def close(self) -> None:
        """End the current bar (filled: its stage is done)."""
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None
        if self._bar is not None:
            self._bar.n = 100
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Stages:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
