"""Dedupe's pools (incidents/extract/dedupe.py ``_Pools``) give the merges of looking at every merged row:
compared with the same loop without pools (kept here as the reference, its second look also done by comparing
every pair), on the candidate rows of real
articles (the seeds, our fixtures, the real incoming articles) and of synthetic seed-sized ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidents import ROOT, SEEDS_DIR
from incidents.corpus.articles import load_corpus
from incidents.dataset.jobs import candidates
from incidents.dataset.synth import seed_sized_articles
from incidents.extract import dedupe as D
from incidents.places.geo import load_gazetteer

FIXTURES = ROOT / "tests" / "fixtures"


def reference_dedupe(rows: list[dict]) -> list[dict]:
    """Dedupe with no pools at all: every merged row is a candidate for every row (a dated row that matches
    several merged rows joins them all, as in dedupe), then the second look by comparing every pair. The pools
    must give exactly these merges: they may only leave out rows that ``same_incident`` would refuse."""
    articles: dict[str, list[dict]] = {}
    for row in rows:
        articles.setdefault(str(row.get("article_id")), []).append(row)
    merged: list[dict | None] = []
    folded: dict[int, list[dict]] = {}
    for article_rows in articles.values():
        own: set[int] = set()
        for row in D.lend_titles(article_rows):
            targets = D.matching(merged, folded, set(range(len(merged))) - own, row)
            if not targets:
                merged.append(dict(row))
                target = len(merged) - 1
            else:
                target = targets[0]
                merged[target] = D.merge(merged[target], row)
                folded.setdefault(target, []).extend(D._bridge(merged, target, row, targets[1:], 0))
            own.add(target)
    out = reference_join_late([m for m in merged if m is not None])
    for m in out:
        m["event_id"] = D.event_id(str(m["article_id"]), int(m["span_start"]), int(m["span_end"]))
    return out


def reference_join_late(merged: list[dict]) -> list[dict]:
    """dedupe's second look without pools: each row against every row kept before it."""
    out: list[dict] = []
    for row in merged:
        told = D._articles_of(row)
        target = next((i for i in range(len(out)) if not told & D._articles_of(out[i])
                       and D.same_incident(out[i], row)), None)
        if target is None:
            out.append(row)
        else:
            out[target] = D.merge(out[target], row)
    return out


def _rows(articles: list) -> list[dict]:
    ordered = sorted(articles, key=lambda a: (a.file, a.part))
    return [r for rows in candidates(ordered, load_gazetteer()) for r in rows]


@pytest.fixture(scope="module")
def real_rows() -> list[dict]:
    articles, _ = load_corpus([SEEDS_DIR, FIXTURES / "articles", FIXTURES / "real" / "incoming"])
    assert len(articles) > 70
    return _rows(articles)


def test_pools_merge_real_articles_as_the_reference_does(real_rows):
    ours, theirs = D.dedupe([dict(r) for r in real_rows]), reference_dedupe([dict(r) for r in real_rows])
    assert len(ours) < len(real_rows)   # some rows were merged: the comparison has something to compare
    assert ours == theirs


def test_pools_merge_many_synthetic_articles_as_the_reference_does(tmp_path):
    folder = Path(tmp_path)
    seed_sized_articles(folder, 150, seed=3)
    rows = _rows(load_corpus([folder])[0])
    ours, theirs = D.dedupe([dict(r) for r in rows]), reference_dedupe([dict(r) for r in rows])
    assert len(ours) < len(rows) and ours == theirs


def test_prior_rows_are_kept_first_and_new_rows_join_them(real_rows):
    half = len({r["article_id"] for r in real_rows}) // 2
    first_ids = list(dict.fromkeys(r["article_id"] for r in real_rows))[:half]
    old = D.dedupe([dict(r) for r in real_rows if r["article_id"] in first_ids])
    new = [dict(r) for r in real_rows if r["article_id"] not in first_ids]
    both = D.dedupe(new, prior=old)
    assert [r["event_id"] for r in both[:len(old)]] == [r["event_id"] for r in old]
    assert all(a is b for a, b in zip(both, old, strict=False) if a["source_articles"] == b["source_articles"])
    # one pass over all articles in the same order gives the same rows, except that its second look may also
    # join two rows that were stored apart (``add`` never moves a stored row: a rebuild does that)
    one_pass = D.dedupe([dict(r) for r in real_rows if r["article_id"] in first_ids] + new)
    kept = {(frozenset(D._articles_of(r)), r["event_id"]): r for r in both}
    apart = [r for r in one_pass if (frozenset(D._articles_of(r)), r["event_id"]) not in kept]
    for row in one_pass:
        if row not in apart:
            assert row == kept[(frozenset(D._articles_of(row)), row["event_id"])]
    for row in apart:   # each is stored rows joined: the articles of two or more rows of the incremental pass
        parts = [r for r in both if D._articles_of(r) <= D._articles_of(row) and r not in one_pass]
        assert len(parts) >= 2 and set().union(*(D._articles_of(r) for r in parts)) == D._articles_of(row)
    assert len(apart) <= 2   # the documented exception, not a different result
