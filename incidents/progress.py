"""Progress of a long command: a bar on a terminal, nothing in a log (the command prints a summary).

``Stages(stream)`` is called with ``(stage, connection)`` as each stage of a command starts (the
shape ``incidents.dataset.acled.import_acled`` takes). On a terminal (``stream.isatty()``) it
shows a tqdm bar per stage, labelled with the stage, that a thread fills from the DuckDB
connection's ``query_progress()`` (percent of the query running) every ``POLL_SECONDS``; when
``stream`` is not a terminal it does nothing, so logs and pipes get only the command's summary
line. ``close()`` (or the end of a ``with`` block) ends the last bar.
"""

from __future__ import annotations

import shutil
import sys
import threading

from incidents.problems import printable

POLL_SECONDS = 0.2
LABEL_CHARS = 40


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
        size = shutil.get_terminal_size((80, 24))  # a terminal of no size (a bare pty) gets 80x24: tqdm hides
        label = stage if len(stage) <= LABEL_CHARS else stage[:LABEL_CHARS - 1] + "…"
        self._bar = tqdm(total=100, desc=printable(label), unit="%", file=self.stream, leave=True,  # bars below its height
                         ncols=min(100, size.columns), nrows=max(size.lines, 2),
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
