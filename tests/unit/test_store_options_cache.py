"""The options query's answer kept next to the cached DuckDB file: a restarted server reads it back."""

from __future__ import annotations

import json

from builders import tiny  # tests/ is on sys.path (pyproject pythonpath)

from incidents.dataset import synth
from incidents.store import options_file
from incidents.store.options_file import options_path
from incidents.store.queries import scan_options
from incidents.store.store import Store


def test_options_are_kept_next_to_the_cache_and_follow_the_data(tmp_path, monkeypatch):
    data, cache = tmp_path / "data", tmp_path / "cache"
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(cache))
    inc, arts = tiny()
    synth.write(data, inc, arts)
    first = Store.open(data)
    computed = scan_options(first)
    assert first.run("options") == computed  # computed and saved
    saved = options_path(next(cache.glob("*.duckdb")))
    assert saved.is_file() and json.loads(saved.read_text(encoding="utf-8"))["date_min"] == \
        computed["date_min"].isoformat()
    again = Store.open(data)
    assert again.options_file == saved
    assert again.run("options") == computed  # read back, dates as datetime.date again
    # new data: a new database and new options; the old file goes with the old database
    synth.write(data, inc[inc["admin1"] == inc["admin1"].iloc[0]], arts)
    fresh = Store.open(data)
    assert fresh.run("options")["governorates"] == [inc["admin1"].iloc[0]]
    assert not saved.exists() and len(list(cache.glob("*.options.json"))) == 1


def test_a_broken_options_file_is_computed_again(tmp_path, monkeypatch):
    data, cache = tmp_path / "data", tmp_path / "cache"
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(cache))
    synth.write(data, *tiny())
    store = Store.open(data)
    store.options_file.write_text("{not json", encoding="utf-8")
    assert store.run("options") == scan_options(store)
    assert json.loads(store.options_file.read_text(encoding="utf-8"))["governorates"]


def test_in_memory_store_keeps_no_options_file(tmp_path):
    synth.write(tmp_path, *tiny())
    store = Store.open(tmp_path, cache=False)
    assert store.options_file is None and store.run("options")["event_types"]
    assert not list(tmp_path.glob("*.json"))


def test_options_saved_by_an_older_version_are_computed_again(tmp_path, monkeypatch):
    """A file written before the options changed meaning (say, actors with ACLED's period
    suffixes) is not read back: the options are computed again and saved in the current format."""
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))
    synth.write(tmp_path / "data", *tiny())
    store = Store.open(tmp_path / "data")
    old = scan_options(store) | {"actors": ["Military Forces of Iraq (2022-)"], "date_min": None, "date_max": None}
    store.options_file.write_text(json.dumps(old), encoding="utf-8")  # no format stamp: the first version
    assert store.run("options") == scan_options(store)
    assert json.loads(store.options_file.read_text(encoding="utf-8"))["_format"] == options_file.FORMAT
