"""End to end: the pipeline on the seeds and on our own fixture articles, measured against the gold
with incidents.extract.evaluate (the same figures `python -m incidents evaluate` prints).

Thresholds are what the pipeline reaches today (every gold incident found, none invented); field
accuracies have floors a little under today's figures so a regression fails loudly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from incidents import ROOT, SEEDS_DIR
from incidents.dataset.build import extract
from incidents.extract.evaluate import ARTICLES_REQUIRED, GOLD_REQUIRED, PRED_REQUIRED, evaluate, read_table

FIXTURES = ROOT / "tests" / "fixtures" / "articles"

SETS = {
    "seeds": (SEEDS_DIR, ROOT / "gold" / "seeds_gold.csv"),
    "fixtures": (FIXTURES, ROOT / "gold" / "fixtures_gold.csv"),
}

# set -> (precision, recall, {field: minimum accuracy})
FLOORS = {
    "seeds": (1.0, 1.0, {"governorate": 1.0, "event type": 1.0, "sub-event type": 1.0, "date window": 0.9,
                         "fatalities (range overlaps)": 1.0, "wounded": 1.0, "arrested": 1.0, "country": 0.9}),
    "fixtures": (1.0, 1.0, {"governorate": 1.0, "event type": 0.9, "sub-event type": 0.9, "date window": 0.8,
                            "fatalities (range overlaps)": 0.9, "wounded": 0.9, "arrested": 0.9, "country": 1.0}),
}


def _report(name: str, out: Path):
    src, gold_path = SETS[name]
    result = extract([src], out)
    assert result.problems == []
    gold, p1 = read_table(gold_path, GOLD_REQUIRED)
    pred, p2 = read_table(out / "incidents.csv", PRED_REQUIRED)
    arts, p3 = read_table(out / "articles.csv", ARTICLES_REQUIRED)
    assert p1 + p2 + p3 == []
    return evaluate(gold, pred, arts)


@pytest.fixture(scope="module", params=sorted(SETS))
def measured(request, tmp_path_factory):
    return request.param, _report(request.param, tmp_path_factory.mktemp(request.param))


def test_detection(measured):
    name, report = measured
    precision, recall, _ = FLOORS[name]
    detail = [m.evidence for m in report.misses] + [f.quote for f in report.false_positives]
    assert report.recall >= recall, detail
    assert report.precision >= precision, detail


def test_fields_on_matched_incidents(measured):
    name, report = measured
    for field, floor in FLOORS[name][2].items():
        score = report.field(field)
        if score.total:
            assert score.accuracy >= floor, (field, [p for p in report.pairs if p.wrong])


# set -> minimum share of matched incidents whose actor1 / actor2 equal the gold's
ACTOR_FLOORS = {"seeds": (1.0, 0.9), "fixtures": (0.9, 0.85)}


def _csv_rows(path: Path) -> list[dict[str, str]]:
    """The rows of the CSV file at ``path`` (the file closed once read)."""
    import csv

    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_actors_on_matched_incidents(measured, tmp_path):
    """The evaluate command does not score actors: compare them to the gold here."""
    name, report = measured
    src, gold_path = SETS[name]
    out = tmp_path / "out"
    extract([src], out)
    pred = {r["event_id"]: r for r in _csv_rows(out / "incidents.csv")}
    gold = {r["gold_id"]: r for r in _csv_rows(gold_path)}
    pairs = [(gold[p.gold_id], pred[p.event_id]) for p in report.pairs]
    assert pairs
    ok1 = [g["gold_id"] for g, p in pairs if g["actor1"] == p["actor1"]]
    ok2 = [g["gold_id"] for g, p in pairs if g["actor2"] == p["actor2"]]
    wrong = [(g["gold_id"], g["actor1"], p["actor1"], g["actor2"], p["actor2"]) for g, p in pairs
             if (g["actor1"], g["actor2"]) != (p["actor1"], p["actor2"])]
    floor1, floor2 = ACTOR_FLOORS[name]
    assert len(ok1) / len(pairs) >= floor1, wrong
    assert len(ok2) / len(pairs) >= floor2, wrong
