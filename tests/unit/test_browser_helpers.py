"""Pure helpers of incidents/serving/browser.py: console noise, foreign requests, the server command line."""

from __future__ import annotations

import socket

import pytest

from incidents import ROOT
from incidents.commands.serve import parse_options
from incidents.serving.browser import (
    foreign_requests,
    free_port,
    is_known_noise,
    serve_command,
    streamlit_command,
)
from incidents.serving.server import read_warm_line, warm_line, warm_up

NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        (NOT_FOUND, "http://127.0.0.1:8501/Map/_stcore/host-config", True),
        (NOT_FOUND, "http://127.0.0.1:8501/Map/_stcore/health", True),
        (NOT_FOUND, "http://127.0.0.1:8501/Source_view/_stcore/health", True),
        ("GET http://127.0.0.1:8501/Timeline/_stcore/host-config 404 (Not Found)", "", True),
        # the real endpoints failing is a real problem
        (NOT_FOUND, "http://127.0.0.1:8501/_stcore/health", False),
        (NOT_FOUND, "http://127.0.0.1:8501/_stcore/host-config", False),
        # other statuses, other resources, other errors
        ("Failed to load resource: the server responded with a status of 500 ()", "http://127.0.0.1:8501/Map/_stcore/health", False),
        (NOT_FOUND, "http://127.0.0.1:8501/app/static/blank_style.json", False),
        ("Uncaught TypeError: x is undefined", "http://127.0.0.1:8501/static/js/index.js", False),
        ("Failed to load resource: net::ERR_NAME_NOT_RESOLVED", "https://basemaps.cartocdn.com/gl/positron-gl-style/style.json", False),
    ],
)
def test_is_known_noise(text: str, url: str, expected: bool) -> None:
    assert is_known_noise(text, url) is expected


@pytest.mark.parametrize(
    ("url", "foreign"),
    [
        ("http://127.0.0.1:8501/", False),
        ("ws://127.0.0.1:8501/_stcore/stream", False),
        ("http://127.0.0.1:8501/app/static/style.json", False),
        ("data:image/png;base64,AAAA", False),
        ("blob:http://127.0.0.1:8501/1234", False),
        ("about:blank", False),
        ("http://127.0.0.1:8502/", True),
        ("http://localhost:8501/", True),
        ("https://basemaps.cartocdn.com/gl/positron-gl-style/style.json", True),
        ("https://fonts.googleapis.com/css", True),
    ],
)
def test_foreign_requests(url: str, foreign: bool) -> None:
    assert foreign_requests([url], "127.0.0.1:8501") == ([url] if foreign else [])


def test_free_port_can_be_bound() -> None:
    port = free_port()
    assert 1024 <= port <= 65535
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", port))


def test_streamlit_command_is_local_headless_and_takes_options() -> None:
    cmd = streamlit_command(ROOT / "dashboard.py", 9999, {"server.enableStaticServing": "true"})
    assert cmd[1:4] == ["-m", "streamlit", "run"]
    pairs = dict(zip(cmd[5::2], cmd[6::2], strict=True))
    assert pairs["--server.address"] == "127.0.0.1"
    assert pairs["--server.port"] == "9999"
    assert pairs["--server.headless"] == "true"
    assert pairs["--browser.gatherUsageStats"] == "false"
    assert pairs["--server.enableStaticServing"] == "true"


def test_serve_command_runs_the_warm_start_with_options() -> None:
    cmd = serve_command(9999, ROOT / "dashboard.py", {"server.enableStaticServing": "true"})
    assert cmd[1:4] == ["-m", "incidents", "serve"]
    assert cmd[cmd.index("--port") + 1] == "9999" and cmd[cmd.index("--address") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--option") + 1] == "server.enableStaticServing=true"


@pytest.mark.parametrize("ok, seconds, message", [(True, 1.5234, "ok"), (False, 12.0, "HTTP 503: error")])
def test_warm_line_reads_back(ok: bool, seconds: float, message: str) -> None:
    line = warm_line(ROOT / "dashboard.py", ok, seconds, message)
    assert line.startswith("warm-up: dashboard.py ")
    assert read_warm_line("Uvicorn server started\n" + line + "\nmore") == (ok, round(seconds, 2))
    assert read_warm_line("Uvicorn server started\n") is None


@pytest.mark.parametrize("pairs, want", [([], {}), (["server.maxMessageSize=300"], {"server.maxMessageSize": "300"}),
                                         (["a.b=x=y", "c.d="], {"a.b": "x=y", "c.d": ""})])
def test_serve_options(pairs, want) -> None:
    assert parse_options(pairs) == want


@pytest.mark.parametrize("pair", ["server.port", "port=1", "=3"])
def test_serve_options_say_what_is_wrong(pair) -> None:
    with pytest.raises(ValueError, match="SECTION.KEY=VALUE"):
        parse_options([pair])


def test_warm_up_of_a_server_that_is_not_there_says_why() -> None:
    ok, seconds, message = warm_up(f"http://127.0.0.1:{free_port()}", timeout=5)
    assert not ok and seconds < 5 and "Error" in message


@pytest.mark.parametrize("address, warns", [("127.0.0.1", False), ("localhost", False), ("::1", False),
                                            ("0.0.0.0", True), ("192.168.1.20", True), ("::", True)])
def test_serve_warns_when_other_machines_can_reach_it(address, warns) -> None:
    from incidents.commands.serve import exposure_warning

    assert (exposure_warning(address) is not None) == warns


def test_serve_on_all_addresses_prints_the_warning_first() -> None:
    import subprocess
    import sys

    from incidents import ROOT
    from incidents.serving.server import free_port

    proc = subprocess.Popen([sys.executable, "-m", "incidents", "serve", "--address", "0.0.0.0", "--no-warm",
                             "--port", str(free_port())], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        proc.stdout.close()
    assert first.startswith("serve: warning: listening on '0.0.0.0'") and "no login" in first
