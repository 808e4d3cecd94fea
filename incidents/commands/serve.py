"""``python -m incidents serve [--port N] [--address A] [--no-warm] [--refresh S] [--editable [--analyst-header H]] [--option ...]``.

What ``make run`` starts: the dashboard (``streamlit run dashboard.py``, as a child process) and,
once it answers, one warm-up run of the overview with the default filters (``incidents.serving.server``),
so the first analyst to open it gets a server whose imports, tables and default queries are ready.
Prints ``warm-up: dashboard.py ran in 1.52 s (ok)`` (or ``failed``, with Streamlit's answer or,
when the incident tables cannot be opened, why not) and then serves until it is stopped (Ctrl-C or
SIGTERM, passed on to Streamlit). Exit code: Streamlit's. With the tables in another engine
(INCIDENTS_DB, ``incidents.store.engines``) the pages look for a new ``python -m incidents load``
there every ``--refresh`` seconds and then open the new tables.

Read-only unless ``--editable``: that starts Streamlit with ``INCIDENTS_EDITABLE=1`` (the Review page's
actions and the upload of articles, ``incidents.ui.editing``); ``--analyst-header X-Forwarded-User``
(with ``--editable``) takes the analyst's name from that request header, which a login proxy in
front of the dashboard sets, instead of asking for it.
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
    parser.add_argument("--editable", action="store_true",
                        help="allow corrections and uploads from the browser (the Review page's actions); "
                             "without it the dashboard is read-only")
    parser.add_argument("--analyst-header", default="", metavar="HEADER",
                        help="with --editable: take the analyst's name from this trusted request header set by a "
                             "login proxy (e.g. X-Forwarded-User), never asking for it")
    parser.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                        help="a host name the browser may use to reach the dashboard (the name a reverse proxy "
                             "forwards in its Host header; repeatable; '*' turns the check off)")
    parser.add_argument("--refresh", type=float, default=None, metavar="SECONDS",
                        help="with the tables in PostgreSQL or Spark (INCIDENTS_DB): how often the pages look "
                             "for a new `load` there (default: $INCIDENTS_REFRESH, else 30; 0: on every page run)")
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


def exposure_warning(address: str) -> str | None:
    """A warning when ``address`` lets other machines reach the dashboard, else None."""
    from incidents.serving.guard import LOCAL_HOSTS

    if address.strip().lower() in LOCAL_HOSTS or address.strip().startswith("127."):
        return None
    return (f"serve: warning: listening on {address!r} lets every machine that can reach this one open the "
            "dashboard, with no login. Serve it on 127.0.0.1 behind a reverse proxy that authenticates "
            "(see the README, 'Serving on a network'), and keep it read-only.")


def editing_env(editable: bool, analyst_header: str) -> dict[str, str]:
    """What the editing switches add to the Streamlit child's environment: INCIDENTS_EDITABLE=1 with
    ``editable``, INCIDENTS_ANALYST_HEADER with a header ({} without either: the environment as it
    is, so INCIDENTS_EDITABLE=1 set by hand works too). ValueError for a header without
    ``--editable`` or one that is no header name."""
    header = analyst_header.strip()
    if header and not editable:
        raise ValueError("--analyst-header names who corrects: it needs --editable")
    if header and not all(c.isalnum() or c in "-_" for c in header):
        raise ValueError(f"--analyst-header {header!r}: not a header name (letters, digits, - and _)")
    out = {"INCIDENTS_EDITABLE": "1"} if editable else {}
    return {**out, "INCIDENTS_ANALYST_HEADER": header} if header else out


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
    from incidents.serving.guard import is_wildcard
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
        child_env = {**os.environ, **editing_env(args.editable, args.analyst_header)}
    except ValueError as exc:
        print(f"serve: {exc}")
        return 2
    if not args.script.is_file():
        print(f"serve: --script {str(args.script)!r}: no such file")
        return 2
    warning = exposure_warning(args.address)
    if warning:
        print(warning, flush=True)
    if child_env.get("INCIDENTS_EDITABLE", "").strip().lower() in ("1", "true", "yes"):
        print("serve: editing is on: corrections and uploads from the browser are written to the data folder"
              + (f" (analyst from the {args.analyst_header} header)" if args.analyst_header else ""), flush=True)
    warm = not args.no_warm
    token = secrets.token_urlsafe(24) if warm else ""
    env = {**child_env, **guard_env(args.script, args.address, args.allowed_host, token)}
    if args.refresh is not None:
        env["INCIDENTS_REFRESH"] = str(max(0.0, args.refresh))
    cmd = streamlit_command(GUARDED_APP, args.port, {**(WARM_OPTIONS if warm else {}), **options}, args.address)
    child = subprocess.Popen(cmd, env=env)
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: child.send_signal(signal.SIGTERM))
    try:
        if warm:
            host = "127.0.0.1" if is_wildcard(args.address) else args.address
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
