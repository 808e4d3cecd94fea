"""The Review page's logic (incidents/dataset/review.py) on the real shipped incidents and gazetteer:
queue order, edits written with the columns that follow from them, added incidents, undo targets."""

from __future__ import annotations

import csv
import json
from datetime import date

import pandas as pd
import pytest

from incidents import DEFAULT_DATA_DIR
from incidents.dataset import review as R
from incidents.dataset.correction_log import Entry, record
from incidents.dataset.corrections import apply_corrections, load_corrections
from incidents.extract.dedupe import event_id
from incidents.places.geo import load_gazetteer

GAZ = load_gazetteer()
with (DEFAULT_DATA_DIR / "incidents.csv").open(encoding="utf-8", newline="") as fh:
    ROWS = list(csv.DictReader(fh))
with (DEFAULT_DATA_DIR / "articles.csv").open(encoding="utf-8", newline="") as fh:
    ARTICLES = {a["article_id"]: a for a in csv.DictReader(fh)}


def test_queue_lowest_confidence_first_then_newest_and_unreviewed_only():
    df = pd.DataFrame(ROWS)
    q = R.review_queue(df, "confidence")
    conf = pd.to_numeric(q["confidence"]).tolist()
    assert conf == sorted(conf) and len(q) == len(df)
    df.loc[df["event_id"] == q["event_id"][0], "review_reasons"] = "confirmed by Ana on 2026-05-01; undated"
    rest = R.review_queue(df, "confidence", unreviewed_only=True)
    assert q["event_id"][0] not in set(rest["event_id"]) and len(rest) == len(df) - 1
    newest = R.review_queue(df, "newest")
    dated = newest["event_date"].replace("", None).dropna().tolist()
    assert dated == sorted(dated, reverse=True) and newest["event_date"].iloc[-1] == ""  # undated last
    with pytest.raises(ValueError, match="unknown order"):
        R.review_queue(df, "random")


def test_an_edit_writes_only_what_changed_with_what_follows_from_it():
    row = next(r for r in ROWS if r["location"] == "Kirkuk" and r["geo_precision"] == "1")
    assert R.edit_entries(row, {}, GAZ, "no change") == []
    entries = R.edit_entries(row, {"place": "Hawija (town, Kirkuk)", "fatalities": 3, "fatalities_low": 2,
                                   "fatalities_high": 5, "date_start": date(2024, 12, 9),
                                   "date_end": date(2024, 12, 15)}, GAZ, "the village is Hawija")
    got = {e.field: e.value for e in entries}
    hawija = next(p for p in GAZ.places if p.name == "Hawija")
    assert got["location"] == "Hawija" and got["latitude"] == f"{hawija.latitude:.5f}"
    assert (got["time_precision"], got["event_date"], got["date_end"], got["year"]) == ("2", "2024-12-09",
                                                                                       "2024-12-15", "2024")
    assert (got["fatalities_low"], got["fatalities"], got["fatalities_high"]) == ("2", "3", "5")
    assert "admin1" not in got  # Hawija is in Kirkuk too: unchanged columns are not written
    assert {e.reason for e in entries} == {"the village is Hawija"} and {e.action for e in entries} == {"override"}


def test_a_new_best_count_keeps_the_range_the_form_shows(tmp_path):
    row = next(r for r in ROWS if r["fatalities_low"] and r["fatalities_low"] != r["fatalities_high"])
    best = int(row["fatalities_low"]) + 1
    entries = R.edit_entries(row, {"fatalities": best}, GAZ, "a later toll")
    assert {e.field for e in entries} == {"fatalities", "fatalities_low", "fatalities_high"}
    path = tmp_path / "corrections.csv"
    record(path, entries, "Ana")
    out, _ = apply_corrections([row], load_corrections(path)[0])
    assert (out[0]["fatalities_low"], out[0]["fatalities"], out[0]["fatalities_high"]) == (
        row["fatalities_low"], str(best), row["fatalities_high"])


def test_a_governorate_alone_and_new_actors():
    row = next(r for r in ROWS if r["location"] == "Kirkuk" and r["geo_precision"] == "1")
    got = {e.field: e.value for e in R.edit_entries(row, {"place": "Diyala (governorate)",
                                                          "actor1": "Islamic State (Iraq)",
                                                          "actor2": "Sons of the Tigris (new group)"}, GAZ, "x")}
    assert (got["admin1"], got["geo_precision"], got["location"]) == ("Diyala", "3", "Diyala")
    assert got["actor2"] == "Sons of the Tigris (new group)" and got["interaction"] == "20"


@pytest.mark.parametrize(("changes", "message"), [
    ({"event_type": "Battles", "sub_event_type": "Air/drone strike"}, "not a sub-event type of Battles"),
    ({"fatalities": 3, "fatalities_low": 4}, "low <= best <= high"),
    ({"wounded": -1}, "negative"),
    ({"place": "Atlantis (town, Kirkuk)"}, "not a place of the gazetteer"),
])
def test_edits_that_do_not_fit_together_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        R.edit_entries(ROWS[0], changes, GAZ, "x")


def test_an_added_incident_has_the_extractors_id_for_its_span_and_applies(tmp_path):
    art = next(a for a in ARTICLES.values() if "killed" in a["text"])
    start = art["text"].index("killed")
    end = start + 40
    entries = R.add_entries(art, start, end, {"event_type": "Battles", "sub_event_type": "Armed clash",
                                              "place": "Kirkuk (governorate)", "fatalities": 2,
                                              "date_start": date(2024, 1, 5)}, GAZ, "missed by the extractor")
    eid = event_id(art["article_id"], start, end)
    assert [(e.event_id, e.action) for e in entries] == [(eid, "add"), (eid, "confirm")]
    assert json.loads(entries[0].value)["quote"] == art["text"][start:end]
    path = tmp_path / "corrections.csv"
    record(path, entries, "Ana")
    corrections, problems = load_corrections(path)
    assert problems == []
    out, orphans = apply_corrections(ROWS, corrections)
    new = out[-1]
    assert orphans == [] and new["event_id"] == eid and new["admin1"] == "Kirkuk" and new["geo_precision"] == "3"
    assert new["confidence"] == "1" and new["source_articles"] == art["article_id"] and new["event_date"] == "2024-01-05"
    with pytest.raises(ValueError, match="span must lie"):
        R.add_entries(art, 10, 5, {}, GAZ, "x")


def test_undo_targets_the_analysts_last_action_that_still_applies(tmp_path):
    path = tmp_path / "corrections.csv"
    a, b = ROWS[0]["event_id"], ROWS[1]["event_id"]
    first = record(path, [Entry(a, "confirm", reason="ok")], "Ana")
    record(path, [Entry(b, "confirm", reason="ok")], "Bo")
    second = record(path, [Entry(b, "override", "wounded", "1", "x"), Entry(b, "override", "arrested", "2", "x")],
                    "Ana")
    corrections, _ = load_corrections(path)
    assert R.undo_target(corrections, "Ana").id == second and R.undo_target(corrections, "Cy") is None
    record(path, [Entry(b, "undo", value=second, reason="undo")], "Ana")
    corrections, _ = load_corrections(path)
    assert R.undo_target(corrections, "Ana").id == first
    steps = R.history(corrections, b)
    assert [(s.correction.action, s.applies) for s in steps] == [("confirm", True), ("override", False),
                                                                 ("override", False), ("undo", False)]


def test_field_spans_are_read_from_the_span_columns():
    row = next(r for r in ROWS if r["count_spans"] and r["place_span"])
    spans = R.field_spans(row)
    kinds = {k for _, _, k in spans}
    assert "count" in kinds and "place" in kinds and spans == sorted(spans)
    assert R.field_spans({"place_span": "9:3", "count_spans": "x:1;4:8"}) == [(4, 8, "count")]
