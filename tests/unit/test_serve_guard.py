"""What ``serve`` closes in front of Streamlit (incidents.serving.guard), on a real ``python -m incidents
serve``: metrics and the script health check shut after the warm-up, the Host header checked (HTTP
and WebSocket), framing and content-type policies on every answer; plus the pure host rules."""

from __future__ import annotations

import asyncio
import concurrent.futures
import urllib.error
import urllib.request

import pytest
import websockets

from incidents.serving.guard import allowed_hosts, host_allowed, host_of, settings_from_env
from incidents.serving.server import streamlit_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    with streamlit_server(env={"INCIDENTS_CACHE_DIR": str(cache)}, timeout=120,
                          options={"server.enableXsrfProtection": "true"}) as running:
        yield running


def _get(url: str, host: str | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - local server
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read().decode()


def test_the_warm_up_ran_and_the_script_health_check_is_closed_after_it(server):
    assert server.warm_s is not None  # serve printed "warm-up: dashboard.py ran in ..."
    status, _, body = _get(server.url("/_stcore/script-health-check"))
    assert status == 404 and "ok" not in body


def test_metrics_are_not_served(server):
    status, _, body = _get(server.url("/_stcore/metrics"))
    assert status == 404 and "session" not in body


@pytest.mark.parametrize("path", ["/", "/Map", "/_stcore/health", "/_stcore/metrics"])
def test_every_answer_forbids_framing_by_other_sites_and_content_sniffing(server, path):
    _, headers, _ = _get(server.url(path))
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8501", "127.0.0.1.evil.example", "[::2]:80"])
def test_a_host_name_the_server_was_not_started_for_is_refused(server, host):
    status, _, body = _get(server.url("/"), host=host)
    assert status == 400 and "host name" in body


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST"])
def test_the_loopback_names_are_served(server, host):
    status, _, _ = _get(server.url("/"), host=f"{host}:{server.port}")
    assert status == 200


def _websocket_opens(server, host: str) -> bool:
    async def attempt() -> bool:
        url = f"ws://{host}/_stcore/stream"  # the Host header; the socket goes to 127.0.0.1
        try:
            async with websockets.connect(url, host="127.0.0.1", port=server.port, open_timeout=20):
                return True
        except (websockets.InvalidStatus, websockets.InvalidHandshake, OSError):
            return False

    # in a thread of its own: an earlier test of the session may have left an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(attempt())).result()


def test_a_websocket_from_a_rebound_host_name_is_refused(server):
    assert _websocket_opens(server, f"127.0.0.1:{server.port}")
    assert not _websocket_opens(server, f"attacker.example:{server.port}")


def test_allowed_hosts_for_a_wildcard_address_add_this_machine_and_the_proxy_name():
    import socket

    hosts = allowed_hosts("0.0.0.0", ["Dash.Example.ORG"])
    assert {"127.0.0.1", "localhost", "::1", "dash.example.org", socket.gethostname().lower()} <= set(hosts)
    assert "0.0.0.0" not in hosts
    assert allowed_hosts("10.0.0.5") == ("127.0.0.1", "localhost", "::1", "10.0.0.5")


@pytest.mark.parametrize(("header", "host"), [("Example.org:8501", "example.org"), ("[::1]:8501", "::1"),
                                              ("::1", "::1"), ("", ""), ("localhost", "localhost")])
def test_host_of_strips_the_port_and_brackets(header, host):
    assert host_of(header) == host


def test_host_allowed_and_the_settings_serve_passes():
    assert host_allowed("localhost:8501", ("localhost",))
    assert not host_allowed("localhost.evil:8501", ("localhost",))
    assert host_allowed("anything", ("*",))
    settings = settings_from_env({"IIM_ALLOWED_HOSTS": "localhost, Proxy.Example", "IIM_WARM_TOKEN": "t"})
    assert settings == {"allowed": ("localhost", "proxy.example"), "warm_token": "t"}
    assert settings_from_env({})["allowed"] == ("127.0.0.1", "localhost", "::1")
