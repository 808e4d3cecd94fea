"""incidents.extract.evaluate and `python -m incidents evaluate`: matching, scores, bad input, and the gold files."""

from __future__ import annotations

import csv
import json
import random
import re
from datetime import date

import pandas as pd
import pytest

from incidents import ROOT
from incidents.__main__ import main
from incidents.extract.evaluate import (
    GOLD_REQUIRED,
    PRED_REQUIRED,
    EvaluationInputError,
    _assign,
    evaluate,
    format_report,
    read_table,
)
from incidents.places.governorates import GOVERNORATES
from incidents.schema import EVENT_TYPES

# ---------------------------------------------------------------------------------------------
# Small inline tables: two articles, three incidents.

TEXT_A = (
    "A roadside bomb struck an army patrol near Muqdadiyah on Monday, killing two soldiers. "
    "Separately, Iraqi forces arrested 7 suspects in Tarmiyah. Officials said 300 attacks took place this year."
)
TEXT_B = "Two soldiers were killed when a bomb hit their patrol near Muqdadiyah on Monday, the army said."

GOLD_COLS = ["gold_id", "file", "part", "evidence", "other_evidence", "country", "admin1", "date_start",
             "date_end", "event_type", "sub_event_type", "fatalities_low", "fatalities_high", "wounded",
             "arrested", "same_as", "notes"]


def _articles() -> pd.DataFrame:
    return pd.DataFrame([
        {"article_id": "aA", "file": "a.txt", "part": "1", "text": TEXT_A},
        {"article_id": "aB", "file": "b.txt", "part": "1", "text": TEXT_B},
    ])


def _gold() -> pd.DataFrame:
    rows = [
        ["G1", "a.txt", "1", "A roadside bomb struck an army patrol near Muqdadiyah", "", "Iraq", "Diyala",
         "2024-01-01", "2024-01-01", "Explosions/Remote violence", "Remote explosive/landmine/IED", "2", "2", "",
         "", "", ""],
        ["G2", "a.txt", "1", "Iraqi forces arrested 7 suspects in Tarmiyah", "", "Iraq", "Baghdad", "", "",
         "Strategic developments", "Arrests", "", "", "", "7", "", ""],
        ["G3", "b.txt", "1", "Two soldiers were killed when a bomb hit their patrol near Muqdadiyah", "", "Iraq",
         "Diyala", "2024-01-01", "2024-01-01", "Explosions/Remote violence", "Remote explosive/landmine/IED", "2",
         "2", "", "", "G1", ""],
    ]
    return pd.DataFrame(rows, columns=GOLD_COLS)


def _pred_row(event_id: str, article_id: str, text: str, quote: str, **fields) -> dict:
    start = text.index(quote)
    row = {"event_id": event_id, "article_id": article_id, "span_start": str(start),
           "span_end": str(start + len(quote)), "quote": quote, "source_articles": article_id,
           "country": "Iraq", "admin1": "", "date_start": "", "date_end": "", "event_type": "",
           "sub_event_type": "", "fatalities": "", "fatalities_low": "", "fatalities_high": "", "wounded": "",
           "arrested": ""}
    row.update({k: str(v) for k, v in fields.items()})
    return row


BOMB = dict(admin1="Diyala", date_start="2024-01-01", date_end="2024-01-01",
            event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
            fatalities="2", fatalities_low="2", fatalities_high="2")
ARREST = dict(admin1="Baghdad", event_type="Strategic developments", sub_event_type="Arrests", arrested="7")


def _bomb(**over) -> dict:
    fields = {**BOMB, "source_articles": "aA; aB"}
    fields.update(over)
    return _pred_row("P1", "aA", TEXT_A, "A roadside bomb struck an army patrol near Muqdadiyah on Monday, killing "
                     "two soldiers.", **fields)


def _arrest(**over) -> dict:
    return _pred_row("P2", "aA", TEXT_A, "Iraqi forces arrested 7 suspects in Tarmiyah.", **{**ARREST, **over})


CASES = {
    # name: (predicted rows, precision, recall, misses, false positive reasons, {field: (correct, total)})
    "perfect": ([_bomb(), _arrest()], 1.0, 1.0, [], [],
                {"governorate": (2, 2), "all source articles": (1, 1), "arrested": (2, 2)}),
    "one miss": ([_bomb()], 1.0, 0.5, ["G2"], [], {"governorate": (1, 1)}),
    "one false positive": (
        [_bomb(), _arrest(),
         _pred_row("P3", "aA", TEXT_A, "Officials said 300 attacks took place this year.", admin1="Baghdad")],
        2 / 3, 1.0, [], ["no gold incident here"], {"governorate": (2, 2)}),
    "wrong governorate": ([_bomb(), _arrest(admin1="Salah ad-Din")], 1.0, 1.0, [], [],
                          {"governorate": (1, 2), "event type": (2, 2)}),
    "deduped incident, second source missing": ([_bomb(source_articles="aA"), _arrest()], 1.0, 1.0, [], [],
                                                {"all source articles": (0, 1)}),
    "same incident not deduped": (
        [_bomb(), _arrest(),
         _pred_row("P4", "aB", TEXT_B, "Two soldiers were killed when a bomb hit their patrol near Muqdadiyah", **BOMB)],
        2 / 3, 1.0, [], ["duplicate of G1"], {}),
    "wrong date and counts": (
        [_bomb(date_end="2024-01-07", fatalities_low="1", fatalities_high="3", fatalities="2", wounded="4"),
         _arrest(arrested="")],
        1.0, 1.0, [], [],
        {"date window": (1, 2), "fatalities (exact range)": (1, 2), "fatalities (range overlaps)": (2, 2),
         "wounded": (1, 2), "arrested": (1, 2)}),
    "nothing predicted": ([], 0.0, 0.0, ["G1", "G2"], [], {"governorate": (0, 0)}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_evaluate_cases(name):
    rows, precision, recall, misses, fp_reasons, fields = CASES[name]
    pred = pd.DataFrame(rows, columns=list(_bomb()))
    report = evaluate(_gold(), pred, _articles())
    assert report.gold_incidents == 2  # G1 and G3 are one incident told by two articles
    assert report.precision == pytest.approx(precision)
    assert report.recall == pytest.approx(recall)
    assert [m.gold_id for m in report.misses] == misses
    assert [f.reason for f in report.false_positives] == fp_reasons
    for field, (correct, total) in fields.items():
        score = report.field(field)
        assert (score.correct, score.total) == (correct, total), field


def test_one_to_one_matching_maximises_matches():
    """P1 overlaps both gold incidents in one sentence, P2 only the second: both must be matched."""
    text = "ISIS attacked a checkpoint in Hit killing three, and a mortar hit Haditha wounding two."
    articles = pd.DataFrame([{"article_id": "aX", "file": "x.txt", "part": "1", "text": text}])
    gold = pd.DataFrame([
        ["X1", "x.txt", "1", "ISIS attacked a checkpoint in Hit killing three", "", "Iraq", "Anbar", "", "",
         "Battles", "Armed clash", "3", "3", "", "", "", ""],
        ["X2", "x.txt", "1", "a mortar hit Haditha wounding two", "", "Iraq", "Anbar", "", "",
         "Explosions/Remote violence", "Shelling/artillery/missile attack", "", "", "2", "", "", ""],
    ], columns=GOLD_COLS)
    pred = pd.DataFrame([
        _pred_row("P1", "aX", text, "checkpoint in Hit killing three, and a mortar hit Haditha wounding two"),
        _pred_row("P2", "aX", text, "a mortar hit Haditha"),
    ])
    report = evaluate(gold, pred, articles)
    assert {(p.gold_id, p.event_id) for p in report.pairs} == {("X1", "P1"), ("X2", "P2")}
    assert report.f1 == 1.0


def test_other_evidence_finds_an_incident_told_twice():
    gold = _gold()
    gold.loc[0, "other_evidence"] = "killing two soldiers"
    pred = pd.DataFrame([_pred_row("P9", "aA", TEXT_A, "killing two soldiers", **BOMB), _arrest()])
    report = evaluate(gold, pred, _articles())
    assert report.recall == 1.0 and report.precision == 1.0


def test_evidence_printed_twice_matches_a_row_quoting_either_copy():
    """A deck the lead prints again word for word: the row may quote the second copy."""
    lead = "Gunmen killed three shepherds near Tuz Khurmatu on Monday, police said."
    text = f"Shepherds Killed\n\n{lead}\n\nTUZ (Agency) - {lead}"
    articles = pd.DataFrame([{"article_id": "aT", "file": "t.txt", "part": "1", "text": text}])
    gold = pd.DataFrame([["T1", "t.txt", "1", lead, "", "Iraq", "Salah ad-Din", "", "", "Violence against civilians",
                          "Attack", "3", "3", "", "", "", ""]], columns=GOLD_COLS)
    second = text.rindex(lead)
    row = _pred_row("P1", "aT", text, lead)
    row.update(span_start=str(second), span_end=str(second + len(lead)))
    report = evaluate(gold, pd.DataFrame([row]), articles)
    assert (report.matched, report.precision, report.recall) == (1, 1.0, 1.0)


def test_quote_matching_without_articles():
    pred = pd.DataFrame([_bomb(), _arrest(), _pred_row("P3", "aA", TEXT_A, "Officials said 300 attacks")])
    report = evaluate(_gold(), pred, None)
    assert report.mode == "quote"
    assert (report.matched, report.predicted) == (2, 3)
    assert report.false_positives[0].event_id == "P3"


def test_rows_without_article_and_out_of_scope_are_ignored():
    articles = pd.concat([_articles(), pd.DataFrame([{"article_id": "aC", "file": "c.txt", "part": "1",
                                                      "text": "Unrelated text about a mortar attack."}])])
    pred = pd.DataFrame([_bomb(), _arrest(),
                         _pred_row("P5", "aC", "Unrelated text about a mortar attack.", "a mortar attack"),
                         {**_arrest(), "event_id": "ACLED1", "article_id": "", "span_start": "", "span_end": ""}])
    report = evaluate(_gold(), pred, articles)
    assert (report.predicted, report.ignored_out_of_scope, report.ignored_without_article) == (2, 1, 1)


BAD = {
    "gold misses columns": (lambda g, p, a: (g.drop(columns=["admin1", "evidence"]), p, a),
                            r"<table>:1:1: missing column\(s\): evidence, admin1"),
    "unknown gold article": (lambda g, p, a: (g.assign(file=["a.txt", "a.txt", "zz.txt"]), p, a),
                             r":4:0: unknown article: zz.txt part 1"),
    "evidence not in text": (lambda g, p, a: (g.assign(evidence=["no such words", g.evidence[1], g.evidence[2]]), p, a),
                             r":2:0: evidence not found in the text of a.txt part 1"),
    "unknown predicted article": (lambda g, p, a: (g, p.assign(article_id=["aA", "nope"]), a),
                                  r":3:0: unknown article: article_id 'nope'"),
    "span outside text": (lambda g, p, a: (g, p.assign(span_end=["9999", p.span_end[1]]), a),
                          r":2:0: span \d+..9999 is not inside"),
    "count not a number": (lambda g, p, a: (g.assign(wounded=["", "a few", ""]), p, a),
                           r":3:0: wounded: 'a few' is not a whole number"),
    "same_as unknown": (lambda g, p, a: (g.assign(same_as=["", "", "G7"]), p, a),
                        r":4:0: same_as: no gold row with gold_id 'G7'"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_gives_problems_with_lines(name):
    change, pattern = BAD[name]
    gold, pred, articles = change(_gold(), pd.DataFrame([_bomb(), _arrest()]), _articles())
    with pytest.raises(EvaluationInputError) as info:
        evaluate(gold, pred, articles)
    assert re.search(pattern, str(info.value)), str(info.value)


# ---------------------------------------------------------------------------------------------
# The command, on files


def _write(path, frame: pd.DataFrame) -> None:
    frame.to_csv(path, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")


@pytest.fixture
def files(tmp_path):
    _write(tmp_path / "gold.csv", _gold())
    (tmp_path / "pred").mkdir()
    _write(tmp_path / "pred" / "incidents.csv", pd.DataFrame([_bomb(), _arrest()]))
    _write(tmp_path / "pred" / "articles.csv", _articles())
    return tmp_path


def test_command_prints_figures_and_finds_articles_beside_predictions(files, capsys):
    assert main(["evaluate", str(files / "gold.csv"), str(files / "pred" / "incidents.csv")]) == 0
    out = capsys.readouterr().out
    assert "precision 1.000   recall 1.000   F1 1.000" in out
    assert "span matching" in out


def test_command_json(files, capsys):
    _write(files / "pred" / "incidents.csv", pd.DataFrame([_bomb(admin1="Anbar")]))
    assert main(["evaluate", str(files / "gold.csv"), str(files / "pred" / "incidents.csv"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["matched"], data["recall"], data["fields"]["governorate"]["accuracy"]) == (1, 0.5, 0.0)
    assert data["misses"][0]["gold_id"] == "G2"
    assert data["wrong_fields"][0]["wrong"] == ["governorate: gold Diyala / predicted Anbar"]


def test_command_reports_bad_csv_with_file_line_and_column(files, capsys):
    gold = _gold()
    gold.loc[1, "part"] = "two"
    _write(files / "gold.csv", gold)
    pred = files / "pred" / "incidents.csv"
    assert main(["evaluate", str(files / "gold.csv"), str(pred)]) == 2
    err = capsys.readouterr().err
    column = (files / "gold.csv").read_text().splitlines()[2].index("two") + 1
    assert f"gold.csv:3:{column}: every gold row needs a file and a part" in err
    assert "Traceback" not in err


def test_command_reports_missing_columns_and_missing_file(files, capsys):
    (files / "pred" / "incidents.csv").write_text("event_id,quote\nP1,x\n", encoding="utf-8")
    assert main(["evaluate", str(files / "nope.csv"), str(files / "pred" / "incidents.csv")]) == 2
    err = capsys.readouterr().err
    assert "nope.csv:0:0: cannot read" in err
    assert "incidents.csv:1:1: missing column(s): article_id" in err


@pytest.mark.parametrize(("newline", "bom"), [("\n", ""), ("\r\n", ""), ("\r\n", "\ufeff")])
def test_read_table_keeps_line_numbers_of_multiline_records(tmp_path, newline, bom):
    path = tmp_path / "t.csv"
    path.write_bytes((bom + 'a,b\n1,"two\nlines"\n\n3,x\n').replace("\n", newline).encode("utf-8"))
    frame, problems = read_table(path)
    assert problems == []
    assert list(frame.columns) == ["a", "b", "_line"]
    assert list(frame["_line"]) == [2, 5]
    assert frame["b"].iat[0].splitlines() == ["two", "lines"]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "t.csv:1:1: empty file: expected a CSV header"),
    (b"a,b\n1,2\n3\n", "t.csv:3:1: 1 fields where the header has 2"),
    (b"a,b\n1,\xff\n", "t.csv:2:3: not UTF-8 text"),
])
def test_read_table_bad_files(tmp_path, content, message):
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    frame, problems = read_table(path)
    assert frame is None
    assert [str(p) for p in problems] == [str(path).replace("t.csv", "") + message]


def test_report_text_lists_what_to_fix():
    pred = pd.DataFrame([_bomb(admin1="Anbar"),
                         _pred_row("P3", "aA", TEXT_A, "Officials said 300 attacks took place this year.")])
    text = format_report(evaluate(_gold(), pred, _articles()))
    assert 'G2  a.txt part 1: "Iraqi forces arrested 7 suspects in Tarmiyah"' in text
    assert 'P3  a.txt part 1: "Officials said 300 attacks took place this year." (no gold incident here)' in text
    assert "governorate: gold Diyala / predicted Anbar" in text


# ---------------------------------------------------------------------------------------------
# The gold files themselves, on the real article files

GOLD_FILES = {
    "seeds": (ROOT / "gold" / "seeds_gold.csv", ROOT / "seeds"),
    "fixtures": (ROOT / "gold" / "fixtures_gold.csv", ROOT / "tests" / "fixtures" / "articles"),
}


def _gold_rows(which: str) -> list[dict]:
    path, _ = GOLD_FILES[which]
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("which", list(GOLD_FILES))
def test_gold_file_is_well_formed(which):
    path, folder = GOLD_FILES[which]
    frame, problems = read_table(path, GOLD_REQUIRED)
    assert problems == []
    rows = _gold_rows(which)
    ids = [r["gold_id"] for r in rows]
    assert len(ids) == len(set(ids))
    # every article file of the folder is annotated (an article with no incident has a marker row)
    assert {r["file"] for r in rows} == {p.name for p in folder.glob("*.txt")}
    for r in rows:
        where = r["gold_id"]
        text = (folder / r["file"]).read_text(encoding="utf-8")
        quotes = [r["evidence"]] + [q for q in r["other_evidence"].split(" || ") if q]
        for q in filter(None, quotes):
            assert q in text, (where, q)
        if not r["evidence"]:
            assert r["notes"] and not r["event_type"], where  # marker: the article holds no incident
            continue
        assert r["event_type"] in EVENT_TYPES and r["sub_event_type"] in EVENT_TYPES[r["event_type"]], where
        assert (r["admin1"] in GOVERNORATES) if r["country"] == "Iraq" else r["admin1"] == "", where
        if r["date_start"]:
            start, end = date.fromisoformat(r["date_start"]), date.fromisoformat(r["date_end"])
            assert start <= end and r["time_precision"] in {"1", "2", "3"}, where
        else:
            assert r["date_end"] == r["time_precision"] == "", where
        for c in ("fatalities_low", "fatalities_high", "wounded", "arrested"):
            assert r[c] == "" or r[c].isdigit(), (where, c)
        assert r["fatalities_low"] or not r["fatalities_high"], where  # high alone is not used
        if r["fatalities_high"]:
            assert int(r["fatalities_low"]) <= int(r["fatalities_high"]), where
        assert r["notes"], where


SEED_COUNTS = {  # file prefix: incidents in the gold (the figures gold/README.md explains)
    "000": 2, "001": 2, "002": 5, "003": 2, "004": 5,
}

FATALITY_CASES = [
    # gold low, gold high, predicted fatalities / low / high, exact?, overlaps?
    ("3", "", "3", "3", "", True, True),        # "at least three", both open above
    ("3", "", "5", "5", "5", False, True),       # 5 is at least 3
    ("3", "", "2", "2", "2", False, False),
    ("3", "9", "5", "3", "9", True, True),       # "several"
    ("24", "99", "12", "12", "12", False, False),  # "dozens" coded as ACLED's 12
    ("", "", "", "", "", True, True),            # none reported
    ("", "", "0", "0", "0", True, True),         # empty equals 0
    ("2", "2", "2", "", "", True, True),         # best alone stands for both ends
    ("1", "1", "", "", "", False, False),
]


@pytest.mark.parametrize(("g_low", "g_high", "p_best", "p_low", "p_high", "exact", "overlaps"), FATALITY_CASES)
def test_fatality_ranges(g_low, g_high, p_best, p_low, p_high, exact, overlaps):
    gold = _gold().assign(fatalities_low=[g_low, "", g_low], fatalities_high=[g_high, "", g_high])
    pred = pd.DataFrame([_bomb(fatalities=p_best, fatalities_low=p_low, fatalities_high=p_high), _arrest()])
    report = evaluate(gold, pred, _articles())
    assert report.field("fatalities (exact range)").correct == 1 + exact
    assert report.field("fatalities (range overlaps)").correct == 1 + overlaps


def test_seed_gold_counts_per_file():
    rows = [r for r in _gold_rows("seeds") if r["evidence"]]
    counts = {k: sum(r["file"].startswith(k) for r in rows) for k in SEED_COUNTS}
    assert counts == SEED_COUNTS


@pytest.mark.parametrize("which", list(GOLD_FILES))
def test_gold_evaluated_against_itself_is_perfect(which):
    """Predictions made from the gold evidence, on articles split by the real corpus, score 1.0 everywhere."""
    corpus = pytest.importorskip("incidents.corpus.articles")
    path, folder = GOLD_FILES[which]
    articles, problems = corpus.load_corpus([folder])
    assert problems == []
    art = pd.DataFrame([{"article_id": a.article_id, "file": a.file, "part": a.part, "text": a.text}
                        for a in articles])
    gold, _ = read_table(path)
    by_key = {(a.file, a.part): a for a in articles}
    rows = []
    for g in _gold_rows(which):
        if not g["evidence"]:
            assert (g["file"], int(g["part"])) in by_key, g["gold_id"]
            continue
        a = by_key[(g["file"], int(g["part"]))]
        start = a.text.index(g["evidence"])  # the evidence lies inside its own article part
        row = {c: g[c] for c in PRED_REQUIRED if c in g}
        row.update(event_id=g["gold_id"], article_id=a.article_id, span_start=start,
                   span_end=start + len(g["evidence"]), quote=g["evidence"], country=g["country"],
                   time_precision=g["time_precision"])
        rows.append(row)
    # a gold row with same_as is told by another article: one prediction lists both articles
    ids = {g["gold_id"]: (g["file"], int(g["part"])) for g in _gold_rows(which)}
    merged = []
    for g, row in zip([g for g in _gold_rows(which) if g["evidence"]], rows, strict=True):
        if g["same_as"]:
            continue
        others = [by_key[ids[o["gold_id"]]].article_id for o in _gold_rows(which) if o["same_as"] == g["gold_id"]]
        row["source_articles"] = "; ".join([row["article_id"], *others])
        merged.append(row)
    report = evaluate(gold, pd.DataFrame(merged), art)
    assert (report.precision, report.recall) == (1.0, 1.0), format_report(report)
    assert all(f.accuracy in (None, 1.0) for f in report.fields), format_report(report)


@pytest.mark.parametrize(("gold_precision", "pred_precision", "correct"), [
    ("1", "1", 1), ("1", "1.0", 1), ("2", "1", 0), ("", "", 1), ("", "3", 0),
])
def test_time_precision_is_scored_when_the_gold_has_it(gold_precision, pred_precision, correct):
    gold = _gold().assign(time_precision=[gold_precision, "", gold_precision])
    pred = pd.DataFrame([_bomb(time_precision=pred_precision), _arrest()])
    score = evaluate(gold, pred, _articles()).field("time precision")
    assert (score.correct, score.total) == (correct + 1, 2)


def _brute_force(weights: dict[tuple[int, int], int]) -> tuple[int, int]:
    """(most pairs, then most weight) over every one-to-one subset of edges: the reference."""
    edges = sorted(weights)
    best = (0, 0)

    def walk(i: int, used_l: set, used_r: set, n: int, w: int) -> None:
        nonlocal best
        best = max(best, (n, w))
        for j in range(i, len(edges)):
            a, b = edges[j]
            if a not in used_l and b not in used_r:
                walk(j + 1, used_l | {a}, used_r | {b}, n + 1, w + weights[(a, b)])

    walk(0, set(), set(), 0, 0)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_assignment_is_maximal(seed):
    rng = random.Random(seed)
    left, right = rng.randint(1, 5), rng.randint(1, 5)
    weights = {(a, b): rng.randint(1, 60) for a in range(left) for b in range(right) if rng.random() < 0.5}
    pairs = _assign(weights)
    assert len({a for a, _ in pairs}) == len(pairs) == len({b for _, b in pairs})
    assert all(p in weights for p in pairs)
    assert (len(pairs), sum(weights[p] for p in pairs)) == _brute_force(weights)


def test_quote_that_is_not_the_text_of_its_span_is_reported():
    bad = {**_arrest(), "quote": "Iraqi forces arrested 9 suspects in Tarmiyah."}
    report = evaluate(_gold(), pd.DataFrame([_bomb(), bad]), _articles())
    assert report.quote_mismatches == ("P2",)
    assert report.recall == 1.0  # still matched by its span
    assert "Provenance: 1 predicted rows whose quote is not the text of their span: P2" in format_report(report)
