"""``serve``'s warm-up says ``failed`` when the incident tables cannot be opened: the probe run in
a child process (``incidents.store.probe``), and the real ``python -m incidents serve``."""

from __future__ import annotations

import shutil

import pytest

from incidents import ROOT
from incidents.serving.server import ServerError, probe_tables, streamlit_server


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))


def test_probe_of_a_missing_folder_fails_naming_it(tmp_path, monkeypatch):
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path / "nowhere"))
    ok, line = probe_tables(timeout=120)
    assert not ok
    assert line.startswith("the incident tables cannot be opened: ") and str(tmp_path / "nowhere") in line


def test_probe_of_a_header_without_required_columns_fails_naming_them(tmp_path, monkeypatch):
    (tmp_path / "incidents.csv").write_text("event_id,event_date\nX1,2024-01-01\n", encoding="utf-8")
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path))
    ok, line = probe_tables(timeout=120)
    assert not ok and "incidents.csv:1:0: required column 'event_type' is missing" in line


def test_probe_of_damaged_tables_opens_them_and_counts_the_problems(tmp_path, monkeypatch):
    for name in ("incidents.csv", "articles.csv"):
        shutil.copyfile(ROOT / "data" / name, tmp_path / name)
    with open(tmp_path / "incidents.csv", "a", encoding="utf-8") as fh:
        fh.write("IIMcut,2024-01-0")  # a last row cut short
    monkeypatch.setenv("INCIDENTS_DATA_DIR", str(tmp_path))
    assert probe_tables(timeout=120) == (True, "ok: 16 incidents, 6 articles, 1 problem in the files")


def test_serve_reports_a_failed_warm_up_when_the_tables_cannot_be_opened(tmp_path):
    with pytest.raises(ServerError, match="warm-up run of the dashboard failed") as err, \
            streamlit_server(tmp_path / "nowhere", timeout=120):
        pass
    assert "warm-up: dashboard.py failed in" in str(err.value)
    assert f"the incident tables cannot be opened: The data directory {tmp_path / 'nowhere'}" in str(err.value)
