"""A real PostgreSQL server on localhost for the store tests (marker ``postgres``).

The server is created with initdb in a temporary folder (as the ``postgres`` user when the
tests run as root, since PostgreSQL refuses to run as root), started with pg_ctl on a free
port with its socket in that folder, and stopped and removed at the end of the session. The
tests skip, saying why, only when the PostgreSQL server binaries are not installed
(``make test`` installs them).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

PG_GLOB = "/usr/lib/postgresql/*/bin"


def pg_bindir() -> Path | None:
    """Folder of the newest installed PostgreSQL server binaries, or None."""
    found = [Path(p) for p in glob.glob(PG_GLOB) if (Path(p) / "initdb").is_file() and (Path(p) / "pg_ctl").is_file()]
    env = os.environ.get("PG_BINDIR")
    if env and (Path(env) / "initdb").is_file():
        return Path(env)
    if not found:
        which = shutil.which("pg_ctl")
        return Path(which).parent if which and (Path(which).parent / "initdb").is_file() else None
    return sorted(found, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


class PostgresServer:
    """initdb + pg_ctl start in a temporary folder; ``stop()`` stops and removes it."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="iim-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.log = self.root / "server.log"
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        os.chmod(self.root, 0o700)

    def start(self) -> None:
        run = lambda cmd: subprocess.run(_as_server_user(cmd), check=True, capture_output=True, text=True)  # noqa: E731
        run([str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
             "--encoding=UTF8", "--no-locale", "--no-sync"])
        opts = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                f"-c shared_buffers=32MB -c max_connections=20")
        run([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(self.log), "-w", "-t", "60",
             "start"])

    def stop(self) -> None:
        try:
            subprocess.run(_as_server_user([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
                                            "stop"]), capture_output=True, timeout=60)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """The connection URL of ``database`` on this server (user postgres, no password)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self):
        import ibis

        return ibis.postgres.connect(host="127.0.0.1", port=self.port, user="postgres", database="postgres")

    def create_database(self, name: str) -> None:
        """CREATE DATABASE ``name`` on a connection closed afterwards."""
        admin = self.connect()
        try:
            admin.raw_sql(f"CREATE DATABASE {name}")
        finally:
            admin.disconnect()


@pytest.fixture(scope="session")
def postgres_server():
    bindir = pg_bindir()
    if bindir is None:
        pytest.skip(f"PostgreSQL server binaries not installed (looked in {PG_GLOB}); `make test` installs them")
    server = PostgresServer(bindir)
    try:
        server.start()
    except subprocess.CalledProcessError as exc:
        log = server.log.read_text(errors="replace") if server.log.exists() else ""
        server.stop()
        pytest.fail(f"could not start PostgreSQL: {exc.stderr or exc}\n{log}")
    yield server
    server.stop()
