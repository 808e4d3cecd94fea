"""Editing mode and the analyst's name (incidents/ui/editing.py, serve --editable / --analyst-header),
and uploads (incidents/dataset/uploads.py) on the real seed articles."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from incidents import ROOT
from incidents.commands.serve import editing_env
from incidents.dataset.uploads import MAX_BYTES, check_upload, ingest_upload, safe_name
from incidents.serving.server import free_port, serve_command
from incidents.ui.editing import clean_name, editable, name_from_headers

SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


@pytest.mark.parametrize(("value", "on"), [("1", True), ("true", True), ("yes", True), ("0", False), ("", False),
                                           ("no", False)])
def test_editing_is_on_only_when_asked(value, on):
    assert editable({"INCIDENTS_EDITABLE": value}) is on
    assert editable({}) is False


def test_names_from_a_trusted_header_and_as_typed():
    headers = {"Host": "x", "X-Forwarded-User": " ana.lopez@ngo.example\x1b[31m "}
    assert name_from_headers(headers, "x-forwarded-user") == "ana.lopez@ngo.example[31m"
    assert name_from_headers(headers, "X-Remote-User") == ""
    assert clean_name("  Ana\n\t Lopez ") == "Ana Lopez" and len(clean_name("a" * 500)) == 80


def test_serve_switches():
    assert editing_env(False, "") == {}
    assert editing_env(True, "") == {"INCIDENTS_EDITABLE": "1"}
    assert editing_env(True, "X-Forwarded-User") == {"INCIDENTS_EDITABLE": "1",
                                                     "INCIDENTS_ANALYST_HEADER": "X-Forwarded-User"}
    with pytest.raises(ValueError, match="needs --editable"):
        editing_env(False, "X-Forwarded-User")
    with pytest.raises(ValueError, match="not a header name"):
        editing_env(True, "X-User: admin")


def test_a_real_serve_editable_hands_the_switches_to_streamlit(tmp_path):
    """``serve --editable --analyst-header`` starts Streamlit with them: its warm-up run of a script that
    writes what it sees."""
    seen = tmp_path / "seen.txt"
    script = tmp_path / "probe.py"
    script.write_text("import os, pathlib\n"
                      f"pathlib.Path({str(seen)!r}).write_text(os.environ.get('INCIDENTS_EDITABLE', '') + '|' + "
                      "os.environ.get('INCIDENTS_ANALYST_HEADER', ''))\n", encoding="utf-8")
    cmd = serve_command(free_port(), script) + ["--editable", "--analyst-header", "X-Forwarded-User"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("INCIDENTS_")}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not seen.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)  # polling for the warm-up's file, not a wait for an outcome
        assert seen.read_text(encoding="utf-8") == "1|X-Forwarded-User"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out = proc.communicate(timeout=60)[0].decode()
    assert "editing is on" in out


def test_a_read_only_serve_refuses_a_header_without_editing():
    done = subprocess.run(serve_command(free_port()) + ["--analyst-header", "X-Forwarded-User"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "needs --editable" in done.stdout


def test_uploads_checked_staged_and_read(tmp_path):
    assert "cannot be added" in check_upload("report.pdf", 10) and ".txt" in check_upload("report.pdf", 10)
    assert "MB" in check_upload("big.txt", MAX_BYTES + 1) and "empty" in check_upload("e.txt", 0)
    assert safe_name("../../etc/pass wd!.txt") == "pass wd_.txt" and safe_name(".hidden.txt") == "hidden.txt"
    first = ingest_upload("../seed.txt", SEED.read_bytes(), tmp_path)
    second = ingest_upload("seed.txt", SEED.read_bytes(), tmp_path)
    assert first.ok and second.ok and first.path == tmp_path / "incoming" / "seed.txt"
    assert second.path == tmp_path / "incoming" / "seed-2.txt"  # nothing is replaced
    assert "1 article" in first.message or "articles" in first.message
    bad = ingest_upload("latin.txt", "Mosul café attack".encode("cp1252") + b"\xe9\xff", tmp_path)
    assert not bad.ok and "not added" in bad.message and not (tmp_path / "incoming" / "latin.txt").exists()


def test_an_upload_never_writes_outside_the_staging_folder(tmp_path):
    result = ingest_upload("/tmp/../../" + "x" * 300 + ".txt", SEED.read_bytes(), tmp_path)
    assert result.ok and result.path.parent == tmp_path / "incoming" and len(result.path.name) <= 120
    assert result.path.suffix == ".txt"
    assert Path(result.path).read_bytes() == SEED.read_bytes()
