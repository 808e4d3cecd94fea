"""``load`` into a real PostgreSQL server: the tables and their fingerprints land in the database,
a second load writes nothing, a changed articles.csv replaces only the tables it feeds, and a
reader's open store sees the new rows."""

from __future__ import annotations

import shutil

import pytest
from builders import tiny

from incidents import ROOT
from incidents.__main__ import main
from incidents.dataset import synth
from incidents.filters import Filters
from incidents.store import engines
from incidents.store.push import fingerprints, push
from incidents.store.store import Store

pytestmark = pytest.mark.postgres


def test_load_is_idempotent_and_replaces_only_what_changed(postgres_server, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))
    postgres_server.create_database("loads")
    url = postgres_server.url("loads")
    data = tmp_path / "data"
    data.mkdir()
    for name in ("incidents.csv", "articles.csv"):
        shutil.copyfile(ROOT / "data" / name, data / name)

    assert main(["load", "--to", url, "--data", str(data)]) == 0
    assert "incidents written (16 rows); articles written (6 rows)" in capsys.readouterr().out
    target = engines.parse(url)
    assert engines.read_meta(target) == fingerprints(data)
    reader = Store.open(url=url)
    assert reader.run("count", Filters(governorates=None, countries=())) == 16
    assert len(reader.run("articles")) == 6

    again = push(url, data)
    assert again.written == {} and again.unchanged == ["incidents", "articles", "load_problems"]

    other = tmp_path / "other"
    synth.write(other, *tiny())
    shutil.copyfile(other / "articles.csv", data / "articles.csv")
    changed = push(url, data)
    assert set(changed.written) == {"articles", "load_problems"} and changed.unchanged == ["incidents"]
    assert engines.read_meta(target) == fingerprints(data)
    assert len(reader.run("articles")) == 3, "an open store reads the replaced table"
    assert reader.run("count", Filters(governorates=None, countries=())) == 16
    reader.con.disconnect()
