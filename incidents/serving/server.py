"""Start the dashboard: the ``streamlit run`` command line, waiting until it answers, the warm-up.

Used by ``python -m incidents serve`` (what ``make run`` starts), the browser tests, the briefing
command and the benchmark. Nothing here imports streamlit: the server is a child process.

Warm-up: a fresh Streamlit process imports pandas, DuckDB, Ibis, plotly and pydeck, opens the
tables and runs the overview's queries only when the first visitor's session starts, which adds
about a second and a half to that visit. ``python -m incidents serve`` starts Streamlit with its
script health check enabled (``server.scriptHealthCheckEnabled``, an experimental Streamlit option)
and, once the server answers, asks ``/_stcore/script-health-check`` once: Streamlit runs
dashboard.py in a session of its own, with the default filters, which leaves the imports done and
the Store and the default queries in Streamlit's caches. The first analyst then gets a warm server.
A page that shows "The incident tables cannot be opened" has still run without an error, so
``serve`` then opens the tables once more in a child process (``probe_tables``) and reports the
warm-up as failed, with the reason, when they do not open.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from incidents import ROOT

DASHBOARD = ROOT / "dashboard.py"
GUARDED_APP = Path(__file__).resolve().parent.parent / "ui" / "server_app.py"  # st.App behind serving.guard
HEALTH = "/_stcore/health"
SCRIPT_HEALTH = "/_stcore/script-health-check"
WARM_OPTIONS: dict[str, str] = {"server.scriptHealthCheckEnabled": "true"}
WARM_LINE = re.compile(r"^warm-up: (?P<script>\S+) (?P<result>ran|failed) in (?P<seconds>[0-9.]+) s", re.M)


class ServerError(RuntimeError):
    """The dashboard could not be started (the message carries the tail of its log)."""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running dashboard: ``port``, the process, where its output goes (``log``), and how long
    its warm-up took (``warm_s``; None when it was started without one)."""

    port: int
    process: subprocess.Popen = field(repr=False)
    log: Path
    warm_s: float | None = None

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def netloc(self) -> str:
        """``127.0.0.1:PORT``: the only host a page of this server may talk to."""
        return f"127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` (e.g. ``"/Map?governorates=Kirkuk"``) on this server."""
        return self.base + (path if path.startswith("/") else "/" + path)

    def log_tail(self, chars: int = 4000) -> str:
        """The last ``chars`` characters the server printed."""
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""


def streamlit_command(script: Path, port: int, options: Mapping[str, str] | None = None,
                      address: str = "127.0.0.1") -> list[str]:
    """The ``streamlit run`` command line for ``script`` on ``address``:``port``, headless, no
    telemetry, no file watcher; ``options`` adds ``--section.key value`` pairs (e.g.
    ``{"server.enableStaticServing": "true"}``)."""
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.address", address,
        "--server.port", str(port),
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
    ]
    for key, value in (options or {}).items():
        cmd += [f"--{key}", str(value)]
    return cmd


def serve_command(port: int, script: Path = DASHBOARD, options: Mapping[str, str] | None = None,
                  address: str = "127.0.0.1") -> list[str]:
    """The ``python -m incidents serve`` command line (Streamlit plus the warm-up) for ``script``
    on ``address``:``port``; ``options`` become ``--option section.key=value``."""
    cmd = [sys.executable, "-m", "incidents", "serve", "--port", str(port), "--address", address,
           "--script", str(script)]
    for key, value in (options or {}).items():
        cmd += ["--option", f"{key}={value}"]
    return cmd


def wait_for_health(base: str, process: subprocess.Popen | None = None, timeout: float = 90.0) -> None:
    """Poll ``base``/_stcore/health until it answers ``ok``.

    Raises ServerError when ``process`` exits first or ``timeout`` seconds pass.
    """
    deadline = time.monotonic() + timeout
    url = base + HEALTH
    while True:
        if process is not None and process.poll() is not None:
            raise ServerError(f"streamlit exited with code {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local URL)
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            raise ServerError(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.1)  # polling interval while the server starts, not a wait for the page


def warm_up(base: str, timeout: float = 300.0, token: str = "") -> tuple[bool, float, str]:
    """Ask a running server (started with WARM_OPTIONS) to run its main script once; ``token``:
    the warm-up secret ``serve`` gave its guard (``incidents.serving.guard``; sent as a header).

    Returns (ok, seconds, message): ok when the script ran without an error; message is Streamlit's
    answer ("ok", "error", "timeout") or why the request failed. Never raises for a failed run:
    the server keeps serving, and the first visitor sees what went wrong.
    """
    t0 = time.perf_counter()
    try:
        request = urllib.request.Request(base + SCRIPT_HEALTH, headers={"X-IIM-Warm-Token": token} if token else {})
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            message = response.read().decode("utf-8", "replace").strip() or str(response.status)
            ok = response.status == 200
    except urllib.error.HTTPError as exc:
        ok, message = False, f"HTTP {exc.code}: {exc.read().decode('utf-8', 'replace').strip()}"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
        ok, message = False, f"{type(exc).__name__}: {exc}"
    return ok, time.perf_counter() - t0, message


PROBE = ("-m", "incidents.store.probe")


def probe_tables(timeout: float = 300.0) -> tuple[bool, str]:
    """Open the tables as the dashboard does, in a child process (``incidents.store.probe``, same
    environment: INCIDENTS_DATA_DIR, the cache folder), so ``serve`` knows whether they opened:
    its warm-up cannot tell, a page showing "cannot be opened" has still run without an error.
    Returns (ok, the probe's line)."""
    try:
        done = subprocess.run([sys.executable, *PROBE], cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"the tables could not be checked: {exc}"
    line = (done.stdout.strip() or done.stderr.strip() or f"exit status {done.returncode}").splitlines()[-1]
    return done.returncode == 0, line


def warm_line(script: Path, ok: bool, seconds: float, message: str) -> str:
    """The line ``serve`` prints after its warm-up (``WARM_LINE`` reads it back)."""
    return f"warm-up: {script.name} {'ran' if ok else 'failed'} in {seconds:.2f} s ({message})"


def read_warm_line(text: str) -> tuple[bool, float] | None:
    """(ok, seconds) from the first warm-up line in a server's output, None when there is none yet."""
    m = WARM_LINE.search(text)
    return None if m is None else (m["result"] == "ran", float(m["seconds"]))


def _wait_for_warm_up(server: Server, timeout: float) -> float:
    """Wait until the server's log holds its warm-up line; return the seconds the warm-up took.
    Raises ServerError when the process exits first, the warm-up failed or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while True:
        found = read_warm_line(server.log_tail(1 << 20))
        if found is not None:
            ok, seconds = found
            if not ok:
                raise ServerError(f"the warm-up run of the dashboard failed\n--- output ---\n{server.log_tail()}")
            return seconds
        if server.process.poll() is not None:
            raise ServerError(f"the server exited with code {server.process.returncode} during its warm-up")
        if time.monotonic() > deadline:
            raise ServerError(f"no warm-up line within {timeout:.0f} s")
        time.sleep(0.1)  # polling the log while the warm-up runs, not a wait for a page


def stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop ``process`` and its process group: SIGTERM, then SIGKILL after ``grace`` seconds."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, 15)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 9)
        process.wait(timeout=grace)


@contextlib.contextmanager
def streamlit_server(
    data_dir: Path | None = None,
    *,
    port: int | None = None,
    env: Mapping[str, str] | None = None,
    script: Path | None = None,
    options: Mapping[str, str] | None = None,
    timeout: float = 90.0,
    warm: bool | None = None,
) -> Iterator[Server]:
    """Start the dashboard on 127.0.0.1 and yield a Server once it is healthy (and warm).

    data_dir: passed as INCIDENTS_DATA_DIR (None: the app's default, data/); port: None picks a free
    one; env: extra environment variables; script: default ROOT/dashboard.py; options: extra
    ``streamlit run`` flags; warm: start it as ``make run`` does (``python -m incidents serve``) and
    wait for its warm-up; default True for the dashboard, False for any other script (the
    benchmark's naive and empty apps are plain ``streamlit run``). The server (and anything it
    started) is stopped on exit, also on error. Raises ServerError (with the server's output) when
    it does not come up.
    """
    script = script or DASHBOARD
    if not script.exists():
        raise ServerError(f"{script}: no such file")
    warm = Path(script).resolve() == DASHBOARD.resolve() if warm is None else warm
    port = port or free_port()
    run_env = dict(os.environ)
    run_env.update({"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1"})
    if data_dir is not None:
        run_env["INCIDENTS_DATA_DIR"] = str(Path(data_dir).resolve())
    run_env.update(env or {})
    log_dir = Path(tempfile.mkdtemp(prefix="iim-streamlit-"))
    log = log_dir / "server.log"
    cmd = serve_command(port, script, options) if warm else streamlit_command(script, port, options)
    with open(log, "wb") as out:
        process = subprocess.Popen(cmd, cwd=ROOT, env=run_env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    server = Server(port=port, process=process, log=log)
    try:
        try:
            wait_for_health(server.base, process, timeout)
            if warm:
                server = Server(port=port, process=process, log=log, warm_s=_wait_for_warm_up(server, timeout * 3))
        except ServerError as e:
            raise ServerError(f"{e}\n--- streamlit output ---\n{server.log_tail()}") from None
        yield server
    finally:
        stop(process)
        shutil.rmtree(log_dir, ignore_errors=True)
