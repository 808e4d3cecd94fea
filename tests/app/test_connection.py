"""Every page, set to open its tables through a connection URL that cannot be opened, shows the
pages' "cannot be opened" message naming the URL with its password masked: no traceback, and the
password nowhere on the page. The URL comes from INCIDENTS_DB or from ``[connections.incidents]``
in the secrets (``at.secrets``, what .streamlit/secrets.toml gives a running app)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from incidents import ROOT

EVERY_PAGE = ("dashboard.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py")))
SECRET = "s3cr%40t"
REFUSED = f"postgresql://analyst:{SECRET}@127.0.0.1:1/incidents"  # port 1: nothing listens there
SHOWN = "postgresql://analyst:***@127.0.0.1:1/incidents"


def page_text(at: AppTest) -> str:
    """Everything the page sent, as the text of its elements' protobuf messages."""
    parts, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        if getattr(node, "proto", None) is not None:
            parts.append(str(node.proto))
        stack.extend(getattr(node, "children", {}).values())
    return "\n".join(parts)


def run(page: str, monkeypatch, synth_dir, env_url: str | None = None, secret_url: str | None = None) -> AppTest:
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(synth_dir))
    if env_url is None:
        monkeypatch.delenv("INCIDENTS_DB", raising=False)
    else:
        monkeypatch.setenv("INCIDENTS_DB", env_url)
    at = AppTest.from_file(str(ROOT / page), default_timeout=120)
    if secret_url is not None:
        at.secrets["connections"] = {"incidents": {"url": secret_url}}
    return at.run()


def assert_cannot_be_opened(at: AppTest, *words: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert errors and errors[0].startswith("The incident tables cannot be opened."), errors
    for w in words:
        assert w in errors[0], errors[0]
    text = page_text(at)
    assert SECRET not in text and "s3cr@t" not in text


@pytest.mark.parametrize("page", EVERY_PAGE)
def test_every_page_says_a_refused_server_cannot_be_opened_without_the_password(page, monkeypatch, synth_dir):
    at = run(page, monkeypatch, synth_dir, env_url=REFUSED)
    assert_cannot_be_opened(at, f"Could not read what was loaded into {SHOWN}", "refused")


def test_the_url_of_the_secrets_is_used(monkeypatch, synth_dir):
    at = run("dashboard.py", monkeypatch, synth_dir, secret_url=REFUSED)
    assert_cannot_be_opened(at, SHOWN)


def test_incidents_db_wins_over_the_secrets(monkeypatch, synth_dir, tmp_path):
    at = run("pages/1_Map.py", monkeypatch, synth_dir, env_url=f"pyspark://{tmp_path}", secret_url=REFUSED)
    assert_cannot_be_opened(at, f"pyspark://{tmp_path}: no tables in {tmp_path}", "python -m incidents load")


def test_an_unknown_engine_is_named(monkeypatch, synth_dir):
    at = run("pages/2_Timeline.py", monkeypatch, synth_dir, env_url=f"mysql://analyst:{SECRET}@db/x")
    assert_cannot_be_opened(at, "mysql://analyst:***@db/x is not understood")


def test_duckdb_in_the_secrets_is_the_csv_files_as_before(monkeypatch, synth_dir):
    at = run("dashboard.py", monkeypatch, synth_dir, secret_url="duckdb://")
    assert not at.exception and not at.error
    assert at.title
