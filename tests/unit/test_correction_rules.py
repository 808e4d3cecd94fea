"""What each correction does (incidents/dataset/correction_rules.py), on the real shipped incidents:
confirm, reject, merge, add, undo, and the dashboard's replay over a table that a build already
corrected, which must give what a build from the extraction gives."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest

from incidents import DEFAULT_DATA_DIR
from incidents.dataset.correction_log import Entry, record
from incidents.dataset.correction_rules import cell_text, confirmed, row_text
from incidents.dataset.corrections import apply_corrections, load_corrections
from incidents.places.governorates import GOVERNORATES
from incidents.schema import EVENT_TYPES


def shipped_rows() -> list[dict]:
    """The shipped incident table as the build writes it (text cells)."""
    with (DEFAULT_DATA_DIR / "incidents.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ROWS = shipped_rows()
A, B, C = (ROWS[i]["event_id"] for i in range(3))


def _apply(path: Path, rows: list[dict] | None = None, restore: bool = False):
    corrections, problems = load_corrections(path)
    assert problems == []
    return apply_corrections(rows if rows is not None else ROWS, corrections, restore=restore)


def _by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["event_id"]: r for r in rows}


def test_confirm_marks_the_incident_confirmed_and_keeps_the_reasons(tmp_path):
    path = tmp_path / "corrections.csv"
    record(path, [Entry(A, "confirm", reason="checked against the source")], "Ana")
    out, orphans = _apply(path)
    row = _by_id(out)[A]
    assert orphans == [] and row["confidence"] == "1" and confirmed(row["review_reasons"])
    assert row["review_reasons"].startswith("confirmed by Ana on ")
    assert row["review_reasons"].endswith(ROWS[0]["review_reasons"])  # the extractor's reasons stay after it
    assert not confirmed(ROWS[0]["review_reasons"])


def test_reject_merge_and_add(tmp_path):
    path = tmp_path / "corrections.csv"
    record(path, [Entry(B, "reject", value="outside scope", reason="a statement, not an event")], "Ana")
    record(path, [Entry(A, "merge", value=C, reason="the same ambush told twice")], "Ana")
    start = 10
    added = {"article_id": ROWS[0]["article_id"], "span_start": start, "span_end": start + 20,
             "event_type": "Battles", "sub_event_type": "Armed clash", "admin1": "Kirkuk", "fatalities": 2}
    record(path, [Entry("IIMadded000001", "add", value=json.dumps(added), reason="missed by the extractor")], "Ana")
    out, orphans = _apply(path)
    ids = [r["event_id"] for r in out]
    assert orphans == [] and B not in ids and C not in ids and ids[-1] == "IIMadded000001"
    kept = _by_id(out)[A]
    want = [ROWS[0]["article_id"]] + [a for a in ROWS[2]["source_articles"].split("; ") if a != ROWS[0]["article_id"]]
    assert kept["source_articles"].split("; ")[:len(want)] == want
    assert kept["method"].endswith("+analyst")
    new = _by_id(out)["IIMadded000001"]
    assert (new["method"], new["fatalities"], new["span_end"]) == ("analyst", "2", "30")


def test_undo_takes_back_a_whole_action_and_the_history_stays(tmp_path):
    path = tmp_path / "corrections.csv"
    record(path, [Entry(A, "override", "fatalities", "9", "later toll"),
                  Entry(A, "override", "admin1", "Diyala", "the village is in Diyala")], "Ana")
    cid = record(path, [Entry(B, "reject", reason="not an incident")], "Ana")
    record(path, [Entry(B, "undo", value=cid, reason="undo")], "Ana")
    corrections, _ = load_corrections(path)
    assert [c.action for c in corrections] == ["override", "override", "reject", "undo"]  # nothing deleted
    out, _ = _apply(path)
    assert B in _by_id(out) and _by_id(out)[A]["fatalities"] == "9"
    first = corrections[0].key
    record(path, [Entry(A, "undo", value=first, reason="undo")], "Ana")
    out, _ = _apply(path)
    assert row_text(_by_id(out)[A]) == row_text(ROWS[0])  # both rows of the edit are taken back


def test_an_undo_of_nothing_is_reported_and_the_rest_applies(tmp_path):
    path = tmp_path / "corrections.csv"
    record(path, [Entry(A, "confirm", reason="checked")], "Ana")
    record(path, [Entry(A, "undo", value="Cnothing", reason="undo")], "Ana")
    corrections, problems = load_corrections(path)
    assert [c.action for c in corrections] == ["confirm"]
    assert len(problems) == 1 and problems[0].line == 3 and "no earlier correction" in problems[0].message


@pytest.mark.parametrize(("line", "message"), [
    ("IIM1,confirm,,yes,ana,2025-01-01,checked", "a confirm takes no value"),
    ("IIM1,merge,,,ana,2025-01-01,twice", "a merge names the incident"),
    ("IIM1,merge,,IIM1,ana,2025-01-01,twice", "merged with itself"),
    ("IIM1,reject,,because,ana,2025-01-01,why", "not a reason to reject"),
    ('IIM1,add,,"{""article_id"": ""a""}",ana,2025-01-01,missed', "lacks span_start, span_end"),
    ('IIM1,add,,"{""colour"": 1}",ana,2025-01-01,missed', "unknown column(s) colour"),
    ('IIM1,add,,not json,ana,2025-01-01,missed', "not JSON"),
    ('IIM1,add,,"{""article_id"": ""a"", ""span_start"": 5, ""span_end"": 2}",ana,2025-01-01,x', "span must be"),
    ('IIM1,add,,"{""article_id"": ""a"", ""span_start"": 1, ""span_end"": 2, ""fatalities"": -1}",ana,2025-01-01,x',
     "negative"),
])
def test_new_actions_check_their_values(tmp_path, line, message):
    path = tmp_path / "corrections.csv"
    path.write_text("event_id,action,field,value,analyst,date,reason\n" + line + "\n", encoding="utf-8")
    corrections, problems = load_corrections(path)
    assert corrections == [] and len(problems) == 1 and message in problems[0].message, problems
    assert problems[0].line == 2


def test_cell_text_writes_store_values_as_the_csv_does():
    from datetime import date

    import numpy as np
    import pandas as pd

    assert [cell_text("latitude", 35.3247), cell_text("fatalities", np.int64(3)), cell_text("confidence", 1.0),
            cell_text("event_date", date(2024, 5, 3)), cell_text("wounded", pd.NA),
            cell_text("notes", "x")] == ["35.32470", "3", "1", "2024-05-03", "", "x"]


# -- the dashboard's replay over a table a build corrected gives what the build gives ----------------

FIELDS = ("fatalities", "admin1", "event_type", "location", "notes", "wounded", "actor1", "event_date")


def _value(rng: random.Random, field: str) -> str:
    return {"fatalities": str(rng.randint(0, 30)), "wounded": str(rng.randint(0, 9)),
            "admin1": rng.choice(list(GOVERNORATES)), "event_type": rng.choice(list(EVENT_TYPES)),
            "location": rng.choice(["Hawija", "Tuz Khurmatu", ""]), "notes": f"note {rng.randint(0, 99)}",
            "actor1": rng.choice(["Islamic State (Iraq)", "Unidentified Armed Group (Iraq)"]),
            "event_date": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"}[field]


def _random_action(rng: random.Random, view: list[dict], n: int) -> list[Entry]:
    ids = [r["event_id"] for r in view]
    kind = rng.choice(["override", "override", "reject", "confirm", "merge", "add"])
    eid = rng.choice(ids)
    if kind == "override":
        return [Entry(eid, "override", f, _value(rng, f), "edit") for f in rng.sample(FIELDS, rng.randint(1, 3))]
    if kind == "merge" and len(ids) > 1:
        return [Entry(eid, "merge", value=rng.choice([i for i in ids if i != eid]), reason="told twice")]
    if kind == "add":
        row = {"article_id": ROWS[0]["article_id"], "span_start": n, "span_end": n + 40, "event_type": "Battles",
               "sub_event_type": "Armed clash", "fatalities": rng.randint(0, 5)}
        return [Entry(f"IIMadd{n:08d}", "add", value=json.dumps(row), reason="missed")]
    return [Entry(eid, kind if kind != "merge" else "confirm", reason="checked")]


@pytest.mark.parametrize("seed", range(12))
def test_the_dashboard_replay_equals_a_build_from_the_extraction(tmp_path, seed):
    rng = random.Random(seed)
    path = tmp_path / "corrections.csv"
    built = ROWS  # the table the dashboard reads: the last build's
    mine: dict[str, list[str]] = {"Ana": [], "Bo": []}
    for step in range(30):
        corrections, problems = load_corrections(path) if path.exists() else ([], [])
        assert problems == []
        view, _ = apply_corrections(built, corrections, restore=True)
        analyst = rng.choice(list(mine))
        if mine[analyst] and rng.random() < 0.3:
            undone = mine[analyst].pop()
            target = next(c for c in corrections if c.key == undone)
            record(path, [Entry(target.event_id, "undo", value=undone, reason="undo")], analyst)
        else:
            entries = _random_action(rng, view, step)
            mine[analyst].append(record(path, entries, analyst, _by_id(view)))
        if rng.random() < 0.2:  # someone runs `build`: the extraction with every correction so far
            built, _ = apply_corrections(ROWS, load_corrections(path)[0])
    corrections, _ = load_corrections(path)
    from_build, _ = apply_corrections(ROWS, corrections)
    on_load, _ = apply_corrections(built, corrections, restore=True)
    assert sorted(map(_sorted_text, on_load)) == sorted(map(_sorted_text, from_build))


def _sorted_text(row: dict) -> tuple:
    return tuple(sorted(row_text(row).items()))
