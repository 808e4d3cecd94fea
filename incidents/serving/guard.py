"""What ``serve`` puts in front of Streamlit: an ASGI middleware that closes what Streamlit leaves open.

Streamlit (1.67) answers ``/_stcore/metrics`` to anyone, keeps ``/_stcore/script-health-check``
(which runs the dashboard for any GET) open for as long as the server runs once the warm-up
switched it on, sends no framing or content-type policy and serves any ``Host`` header (so a
page on another site can reach a dashboard on 127.0.0.1 through DNS rebinding). :class:`Guard`:

- answers 404 to ``/_stcore/metrics``;
- lets ``/_stcore/script-health-check`` through exactly once, for the request that carries the
  warm-up token ``serve`` made (header ``X-IIM-Warm-Token``), and answers 404 after that and to
  anyone else;
- answers 400 (HTTP) or closes the socket (WebSocket) when the ``Host`` header names a host
  that is not allowed (:func:`allowed_hosts`);
- adds ``Content-Security-Policy: frame-ancestors 'self'; ...``, ``X-Frame-Options``,
  ``X-Content-Type-Options`` and ``Referrer-Policy`` to every HTTP response.

Settings come from the environment ``serve`` gives the Streamlit child (:func:`settings_from_env`):
``IIM_ALLOWED_HOSTS`` (comma list; "*" for any), ``IIM_WARM_TOKEN``. Nothing here imports streamlit.
"""

from __future__ import annotations

import contextlib
import hmac
import socket
from collections.abc import Iterable, Mapping

WARM_HEADER = "x-iim-warm-token"
METRICS = "/_stcore/metrics"
SCRIPT_HEALTH = "/_stcore/script-health-check"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
WILDCARD_ADDRESSES = ("0.0.0.0", "::", "")
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", b"frame-ancestors 'self'; base-uri 'self'; object-src 'none'; form-action 'self'"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)


def is_wildcard(address: str) -> bool:
    """Whether listening on ``address`` means every interface of this machine ("0.0.0.0", "::", "")."""
    return address.strip() in WILDCARD_ADDRESSES


def allowed_hosts(address: str, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The host names a request may name in its Host header when the server listens on ``address``.

    Always the loopback names; the address itself when it is a specific one; for a wildcard
    address ("0.0.0.0", "::", "") also this machine's name and the addresses it resolves to;
    plus ``extra`` (``serve --allowed-host``: the name a reverse proxy forwards). Lower case.
    """
    hosts = [*LOCAL_HOSTS, address.strip().lower(), *(h.strip().lower() for h in extra)]
    if is_wildcard(address):
        name = socket.gethostname()
        hosts += [name.lower(), socket.getfqdn(name).lower()]
        with contextlib.suppress(OSError):
            hosts += [info[4][0] for info in socket.getaddrinfo(name, None)]
    return tuple(dict.fromkeys(h for h in hosts if not is_wildcard(h)))


def host_of(header: str) -> str:
    """``"Example.org:8501"`` -> ``"example.org"``; ``"[::1]:8501"`` -> ``"::1"``; "" stays ""."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed(header: str, allowed: Iterable[str]) -> bool:
    """Whether a Host header names one of ``allowed`` ("*" in ``allowed`` lets every host through)."""
    allowed = tuple(allowed)
    return "*" in allowed or host_of(header) in allowed


def settings_from_env(env: Mapping[str, str]) -> dict:
    """``Guard`` keyword arguments from the environment ``serve`` sets (see the module docstring)."""
    hosts = tuple(h for h in env.get("IIM_ALLOWED_HOSTS", "").split(",") if h.strip())
    return {"allowed": tuple(h.strip().lower() for h in hosts) or LOCAL_HOSTS,
            "warm_token": env.get("IIM_WARM_TOKEN", "")}


def _header(scope: Mapping, name: str) -> str:
    for key, value in scope.get("headers", ()):
        if key.decode("latin-1").lower() == name:
            return value.decode("latin-1")
    return ""


async def _answer(send, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": text.encode("utf-8")})


class Guard:
    """ASGI middleware around Streamlit's app (see the module docstring). ``allowed``: host names
    the Host header may give; ``warm_token``: the secret of the one warm-up run ("" : none)."""

    def __init__(self, app, allowed: Iterable[str] = LOCAL_HOSTS, warm_token: str = "") -> None:
        self.app = app
        self.allowed = tuple(allowed)
        self.warm_token = warm_token
        self.warm_used = False

    def _warm_request(self, scope: Mapping) -> bool:
        """True once: for the script health check that carries the warm-up token."""
        if self.warm_used or not self.warm_token:
            return False
        if not hmac.compare_digest(_header(scope, WARM_HEADER), self.warm_token):
            return False
        self.warm_used = True
        return True

    async def __call__(self, scope, receive, send) -> None:
        kind = scope.get("type")
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not host_allowed(_header(scope, "host"), self.allowed):
            if kind == "websocket":
                await send({"type": "websocket.close", "code": 1008})
            else:
                await _answer(send, 400, "this dashboard does not answer for that host name\n")
            return
        path = scope.get("path", "")
        if kind == "http" and (path.endswith(METRICS) or (path.endswith(SCRIPT_HEALTH)
                                                          and not self._warm_request(scope))):
            await _answer(send, 404, "not found\n")
            return
        if kind == "websocket":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
