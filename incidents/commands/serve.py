"""``python -m incidents serve [--port N] [--address A] [--no-warm] [--option section.key=value ...]``.

What ``make run`` starts: the dashboard (``streamlit run dashboard.py``, as a child process) and,
once it answers, one warm-up run of the overview with the default filters (``incidents.serving.server``),
so the first analyst to open it gets a server whose imports, tables and default queries are ready.
Prints ``warm-up: dashboard.py ran in 1.52 s (ok)`` (or ``failed``, with Streamlit's answer or,
when the incident tables cannot be opened, why not) and then serves until it is stopped (Ctrl-C or
SIGTERM, passed on to Streamlit). Exit code: Streamlit's.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
from pathlib import Path

HELP = "start the dashboard on 127.0.0.1 and warm it up (imports, tables, default queries) before the first visit"


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``."""
    from incidents.serving.server import DASHBOARD

    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8501),
                        help="port to listen on (default: $PORT or 8501)")
    parser.add_argument("--address", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--script", type=Path, default=DASHBOARD, help="the Streamlit script (default dashboard.py)")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm-up run")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the server and the warm-up")
    parser.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                        help="a host name the browser may use to reach the dashboard (the name a reverse proxy "
                             "forwards in its Host header; repeatable; '*' turns the check off)")
    parser.add_argument("--option", action="append", default=[], metavar="SECTION.KEY=VALUE",
                        help="an extra `streamlit run` setting, e.g. server.maxMessageSize=300 (repeatable)")


def parse_options(pairs: list[str]) -> dict[str, str]:
    """``["server.maxMessageSize=300"]`` -> ``{"server.maxMessageSize": "300"}``; raises ValueError
    naming the pair that has no ``=`` or no dotted key."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or "." not in key.strip() or not key.strip():
            raise ValueError(f"--option {pair!r}: expected SECTION.KEY=VALUE, e.g. server.maxMessageSize=300")
        out[key.strip()] = value
    return out


LOCAL_ADDRESSES = ("127.0.0.1", "localhost", "::1")


def exposure_warning(address: str) -> str | None:
    """A warning when ``address`` lets other machines reach the dashboard, else None."""
    if address.strip().lower() in LOCAL_ADDRESSES or address.strip().startswith("127."):
        return None
    return (f"serve: warning: listening on {address!r} lets every machine that can reach this one open the "
            "dashboard, with no login. Serve it on 127.0.0.1 behind a reverse proxy that authenticates "
            "(see the README, 'Serving on a network'), and keep it read-only.")


def guard_env(script: Path, address: str, extra_hosts: list[str], token: str) -> dict[str, str]:
    """The environment the Streamlit child reads its guard's settings from (``incidents.serving.guard``):
    the script to serve, the host names allowed for ``address`` plus ``extra_hosts``, the warm-up token."""
    from incidents.serving.guard import allowed_hosts

    return {"IIM_SCRIPT": str(Path(script).resolve()),
            "IIM_ALLOWED_HOSTS": ",".join(allowed_hosts(address, extra_hosts)), "IIM_WARM_TOKEN": token}


def _warm(base: str, timeout: float, token: str, warm_up, probe_tables) -> tuple[bool, float, str]:
    """The warm-up run (``warm_up`` with the guard's ``token``), then, when it ran, whether the tables
    open (``probe_tables``): (ok, seconds, message); not ok with the probe's reason when they do not."""
    ok, seconds, message = warm_up(base, timeout, token)
    if ok:
        ok, line = probe_tables(timeout)
        message = message if ok else line
    return ok, seconds, message


def run(args: argparse.Namespace) -> int:
    """Start Streamlit, warm it up, then wait for it; returns its exit code (2 for bad arguments)."""
    from incidents.serving.server import (
        GUARDED_APP,
        WARM_OPTIONS,
        ServerError,
        probe_tables,
        streamlit_command,
        wait_for_health,
        warm_line,
        warm_up,
    )

    try:
        options = parse_options(args.option)
    except ValueError as exc:
        print(f"serve: {exc}")
        return 2
    if not args.script.is_file():
        print(f"serve: --script {str(args.script)!r}: no such file")
        return 2
    warning = exposure_warning(args.address)
    if warning:
        print(warning, flush=True)
    warm = not args.no_warm
    token = secrets.token_urlsafe(24) if warm else ""
    env = {**os.environ, **guard_env(args.script, args.address, args.allowed_host, token)}
    cmd = streamlit_command(GUARDED_APP, args.port, {**(WARM_OPTIONS if warm else {}), **options}, args.address)
    child = subprocess.Popen(cmd, env=env)
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: child.send_signal(signal.SIGTERM))
    try:
        if warm:
            host = "127.0.0.1" if args.address in ("0.0.0.0", "::", "") else args.address
            try:
                wait_for_health(f"http://{host}:{args.port}", child, args.timeout)
            except ServerError as exc:
                print(f"serve: {exc}", flush=True)
                return child.wait() or 1
            print(warm_line(args.script, *_warm(f"http://{host}:{args.port}", args.timeout, token, warm_up,
                                                     probe_tables)),
                  flush=True)
        return child.wait()
    except KeyboardInterrupt:
        child.send_signal(signal.SIGINT)
        return child.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
