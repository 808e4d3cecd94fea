"""The store lays corrections.csv over the loaded incidents (incidents/store/corrected.py): every action
shows in the queries at once (the cache key includes the corrections file), bad lines and orphans are
listed, and a ``build`` afterwards writes exactly the table the dashboard showed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from incidents import DEFAULT_DATA_DIR, SEEDS_DIR
from incidents.dataset.build import build
from incidents.dataset.correction_log import Entry, record
from incidents.dataset.review import add_entries, merge_entry
from incidents.filters import Filters
from incidents.places.geo import load_gazetteer
from incidents.store.load import fingerprint
from incidents.store.store import Store

EVERYTHING = Filters(governorates=None, countries=())


@pytest.fixture()
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("INCIDENTS_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    data.mkdir()
    for name in ("incidents.csv", "articles.csv", "corrections.csv"):
        shutil.copy(DEFAULT_DATA_DIR / name, data / name)
    return data


def _rows(store: Store) -> dict[str, dict]:
    df = store.run("incidents", EVERYTHING)
    return {r["event_id"]: r for r in df.to_dict("records")}


def _table(store: Store) -> pd.DataFrame:
    df = store.run("incidents", EVERYTHING)
    return df.sort_values("event_id").reset_index(drop=True).astype("string").fillna("")


def _shown(store: Store) -> dict[str, dict]:
    return {r["event_id"]: r for r in store.run("incidents", EVERYTHING).to_dict("records")}


def test_every_action_shows_at_once_and_a_build_writes_the_same_table(folder):
    first = Store.open(folder)
    assert first.corrections is not None and not first.corrections.applied  # the build applied the shipped ones
    rows = _rows(first)
    ids = list(rows)
    x, y, z, k, o = ids[:5]
    stamp = fingerprint(folder)
    path = folder / "corrections.csv"
    record(path, [Entry(x, "reject", value="not an incident", reason="a statement")], "Ana", rows)
    assert fingerprint(folder) != stamp  # the cache key moves with the corrections file
    s = Store.open(folder)
    assert s.run("count", EVERYTHING) == len(rows) - 1 and s.run("incident", x) is None
    record(path, [Entry(y, "override", "fatalities", "42", "later toll")], "Ana", _rows(s))
    record(path, [Entry(z, "confirm", reason="checked")], "Bo", _rows(s))
    record(path, [merge_entry(k, o, "told twice")], "Bo", _rows(s))
    art = s.run("article", rows[y]["article_id"])
    added = add_entries(art, 0, 25, {"event_type": "Battles", "sub_event_type": "Armed clash",
                                     "place": "Kirkuk (governorate)"}, load_gazetteer(), "missed")
    record(path, added, "Bo", _rows(s))
    s = Store.open(folder)
    shown = _shown(s)
    assert shown[y]["fatalities"] == 42 and shown[y]["fatalities_high"] == 42 and shown[y]["method"].endswith("+analyst")
    assert "42 killed" in shown[y]["notes"]
    assert shown[z]["confidence"] == 1.0 and shown[z]["review_reasons"].startswith("confirmed by Bo on ")
    assert o not in shown and set(str(rows[o]["source_articles"]).split("; ")) <= set(shown[k]["source_articles"].split("; "))
    assert added[0].event_id in set(s.run("article_incidents", art["article_id"])["event_id"])
    assert s.run("summary", EVERYTHING)["fatalities"] == first.run("summary", EVERYTHING)["fatalities"] - \
        (rows[x]["fatalities"] or 0) - (rows[o]["fatalities"] or 0) - (rows[y]["fatalities"] or 0) + 42
    shown_before_build = _table(s)
    result = build(SEEDS_DIR, folder)
    assert result.orphans == [] and result.correction_problems == []
    rebuilt = Store.open(folder)
    assert not rebuilt.corrections.applied  # the new table holds every correction already
    pd.testing.assert_frame_equal(_table(rebuilt), shown_before_build)


def test_undo_after_a_build_brings_the_row_back(folder):
    rows = _rows(Store.open(folder))
    x = next(iter(rows))
    path = folder / "corrections.csv"
    cid = record(path, [Entry(x, "reject", value="outside scope", reason="Syria")], "Ana", rows)
    build(SEEDS_DIR, folder)  # the reject is now in incidents.csv: the row is gone from the file
    assert x not in (folder / "incidents.csv").read_text(encoding="utf-8")
    record(path, [Entry(x, "undo", value=cid, reason="undo")], "Ana")
    s = Store.open(folder)
    assert s.run("incident", x) is not None and s.run("count", EVERYTHING) == len(rows)
    assert _table(s).equals(_table(Store.open(DEFAULT_DATA_DIR)))


def test_bad_lines_and_orphans_are_listed_and_the_rest_applies(folder):
    rows = _rows(Store.open(folder))
    x = next(iter(rows))
    path = folder / "corrections.csv"
    record(path, [Entry(x, "override", "wounded", "7", "later report")], "Ana", rows)
    lines = path.read_text(encoding="utf-8").splitlines()
    with path.open("a", encoding="utf-8") as fh:
        fh.write("IIM1,override,fatalities,many,ana,2025-01-01,typed by hand\n")
        fh.write("IIMnotthere0000,override,wounded,1,ana,2025-01-01,old row\n")
    s = Store.open(folder)
    state = s.corrections
    assert [(p.line, p.column) for p in state.problems] == [(len(lines) + 1, 4)]
    assert [p.line for p in state.orphans] == [len(lines) + 2] and "IIMnotthere0000" in state.orphans[0].message
    assert s.run("incident", x)["wounded"] == 7


def test_an_unusable_corrections_file_lays_nothing_over(folder):
    path = folder / "corrections.csv"
    path.write_bytes(path.read_bytes() + "IIM1,reject,,,Zoë,2025-01-01,no\n".encode("latin-1"))
    s = Store.open(folder)
    assert not s.corrections.applied and "not UTF-8" in s.corrections.problems[0].message
    assert s.run("count", EVERYTHING) == Store.open(DEFAULT_DATA_DIR).run("count", EVERYTHING)


def test_the_overlay_keeps_the_engine_types(folder):
    rows = _rows(Store.open(folder))
    x = next(iter(rows))
    record(folder / "corrections.csv", [Entry(x, "override", "event_date", "2024-02-03", "x"),
                                        Entry(x, "override", "latitude", "35.5", "x")], "Ana", rows)
    s = Store.open(folder)
    schema = dict(s.incidents.schema().items())
    assert str(schema["event_date"]).startswith("date") and str(schema["latitude"]).startswith("float")
    inc = s.run("incident", x)
    assert inc["event_date"] == "2024-02-03" and inc["latitude"] == 35.5
    assert json.loads(s.corrections.corrections[-1].previous)["latitude"] == f"{rows[x]['latitude']:.5f}"
