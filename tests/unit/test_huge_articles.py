"""Absurd articles stay local: size limits on articles, paragraphs and unbroken runs, and one
article's failure is a problem on that article, never the end of the run (issue #16, part 5).

The big articles are made from a real seed: its sentences repeated, or its glued words repeated
without a space. Limits are small in the tests that call the loader, so they run in a moment; the
command-line tests use the defaults on files of 1,100,000 and 2,000,000 characters.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from incidents.corpus.articles import load_corpus
from incidents.corpus.limits import ARTICLE_CHARS, Limits, apply_limits, sentence_cut
from incidents.corpus.plaintext import load_text

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-12-01T00:00:00Z"   # ingested_at of the articles, so two runs write the same tables
csv.field_size_limit(1 << 30)   # articles.csv holds article texts of hundreds of thousands of characters
SEED = ROOT / "seeds" / "000_a60904ff0cbe9688.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
HEADLINE = SEED_TEXT.splitlines()[0]
# a sentence of the seed that tells an event, and one that tells none
EVENT = next(ln for ln in SEED_TEXT.splitlines() if ln.startswith("Earlier, spokesman")) + " "
CALM = next(ln for ln in SEED_TEXT.splitlines() if ln.startswith("Kadhimi said during the inauguration")) + " "
GLUED = "heightenedsecurity"   # the seeds' own glued words ("extensiveexperience", "launchedairstrikes")
SMALL = Limits(article_chars=5_000, paragraph_chars=2_000, run_chars=100)


def repeated(sentence: str, size: int) -> str:
    """``sentence`` repeated to at least ``size`` characters (whole sentences)."""
    return sentence * (size // len(sentence) + 1)


def article(body: str, name: str = "big.txt"):
    (found,), problems = load_text(f"{HEADLINE}\n\n{body}\n", name)
    assert problems == []
    return found


def test_an_article_within_every_limit_comes_back_as_it_was():
    found = article(EVENT + CALM)
    kept, problems = apply_limits(found, SMALL, "big.txt")
    assert kept is found and problems == []


def test_an_article_over_the_limit_is_cut_after_its_last_sentence_within_it():
    found = article(repeated(EVENT.strip() + "\n\n", 12_000))   # one paragraph a line, as news prints them
    kept, (problem,) = apply_limits(found, SMALL, "seeds/big.txt")
    assert len(kept.text) <= SMALL.article_chars < len(found.text)
    assert found.text.startswith(kept.text) and kept.text.endswith("Kirkuk.")
    assert kept.article_id != found.article_id and kept.first_line == found.first_line
    assert problem.path == "seeds/big.txt" and problem.line == 1 + kept.text.count("\n")
    assert f"{len(found.text):,} characters, over the limit of 5,000" in problem.message
    assert "cut after the sentence ending here" in problem.message
    # the column is where the kept text ends on its line
    assert problem.column == len(kept.text) - kept.text.rfind("\n")


def test_an_article_with_no_sentence_end_within_the_limit_is_skipped():
    found = article(GLUED * 600)   # 10,800 letters, no full stop
    kept, (problem,) = apply_limits(found, SMALL, "big.txt")
    assert kept is None
    assert "no sentence ends within the limit: skipped" in problem.message


def test_a_long_paragraph_is_read_up_to_its_last_sentence_within_the_limit():
    body = repeated(CALM, 3_000) + "\n\n" + EVENT
    found = article(body)
    kept, (problem,) = apply_limits(found, SMALL, "big.txt")
    assert kept.text == found.text   # stored whole, shown whole
    (start, end), = kept.unread
    analysis = kept.analysis().text
    assert analysis[start:end].strip() == "" and found.text[start:end].strip()
    assert start == sentence_cut(found.text, found.text.index(CALM), SMALL.paragraph_chars)
    assert "a paragraph of" in problem.message and "--max-paragraph-chars" in problem.message
    assert EVENT.strip() in analysis   # the next paragraph is read


def test_an_unbroken_run_is_left_out_and_never_split_into_words():
    run = GLUED * 10   # 180 letters without a space, over the run limit of 100
    found = article(f"{EVENT}{GLUED} {run}")
    assert "heightened security" in found.analysis().text   # without limits the splitter splits it
    kept, (problem,) = apply_limits(found, SMALL, "big.txt")
    (start, end), = kept.unread
    assert kept.text[start:end] == run
    assert kept.analysis().text.count("heightened security") == 1   # only the short one
    assert "an unbroken run (no space) of more than 100 characters" in problem.message
    assert "the longest 180 characters" in problem.message


def test_the_loader_applies_the_limits_and_names_the_file(tmp_path):
    (tmp_path / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (tmp_path / "big.txt").write_text(f"{HEADLINE}\n\n{repeated(EVENT.strip() + chr(10), 12_000)}", encoding="utf-8")
    articles, problems = load_corpus([tmp_path], limits=SMALL)
    assert sorted(a.file for a in articles) == ["big.txt", "seed.txt", "seed.txt"]
    assert [p.path for p in problems] == [str(tmp_path / "big.txt")]
    assert max(len(a.text) for a in articles) <= SMALL.article_chars


def _extract(folder: Path, out: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "incidents", "extract", str(folder), "--out", str(out), *options],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "INCIDENTS_NOW": NOW})


def _incidents(out: Path, file: str) -> list[dict]:
    with (out / "articles.csv").open(encoding="utf-8", newline="") as f:
        ids = {r["article_id"] for r in csv.DictReader(f) if r["file"] == file}
    with (out / "incidents.csv").open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["article_id"] in ids]


@pytest.fixture(scope="module")
def seed_alone(tmp_path_factory) -> list[dict]:
    """The seed's incidents when it is extracted on its own."""
    folder = tmp_path_factory.mktemp("alone")
    (folder / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    run = _extract(folder, folder / "out")
    assert run.returncode == 0, run.stderr
    return _incidents(folder / "out", "seed.txt")


def test_extract_finishes_past_huge_articles_and_writes_the_others(tmp_path, seed_alone):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    big = f"{HEADLINE}\n\n{repeated(CALM, 1_100_000)}\n"
    (folder / "huge.txt").write_text(big, encoding="utf-8")
    # 2,000,000 letters without a space after a sentence of news; 90,000 of them (a run, within the other limits)
    (folder / "letters.txt").write_text(f"{HEADLINE}\n\n{CALM}\n\n{GLUED * (2_000_000 // len(GLUED))}\n", encoding="utf-8")
    (folder / "run.txt").write_text(f"{HEADLINE}\n\n{CALM}\n\n{GLUED * 5_000}\n", encoding="utf-8")
    run = _extract(folder, tmp_path / "out")
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert any(ln.startswith(f"{folder / 'huge.txt'}:3:") and f"is {len(big) - 1:,} characters, over the limit of "
               f"{ARTICLE_CHARS:,}" in ln for ln in lines), run.stderr
    assert any(ln.startswith(f"{folder / 'letters.txt'}:3:") and "cut after the sentence ending here" in ln
               for ln in lines), run.stderr
    assert any(ln.startswith(f"{folder / 'run.txt'}:5:1:") and "an unbroken run (no space)" in ln
               and "the longest 90,000 characters" in ln for ln in lines), run.stderr
    assert f"5 articles, {len(seed_alone)} incidents" in run.stdout   # the seed's two articles and the three others
    assert seed_alone and _incidents(tmp_path / "out", "seed.txt") == seed_alone
    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8", newline="") as f:
        stored = {r["file"]: r for r in csv.DictReader(f)}
    assert len(stored["huge.txt"]["text"]) <= ARTICLE_CHARS and stored["letters.txt"]["text"].endswith(CALM.strip())
    assert GLUED * 5_000 in stored["run.txt"]["text"]   # stored as found, only left out of extraction


def test_an_article_whose_extraction_fails_is_a_problem_and_the_others_are_written(tmp_path, seed_alone):
    # limits raised above what spaCy's sentencizer takes (1,000,000 characters a paragraph): it raises E088
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "seed.txt").write_text(SEED_TEXT, encoding="utf-8")
    (folder / "huge.txt").write_text(f"{HEADLINE}\n\n{repeated(EVENT, 1_050_000)}\n", encoding="utf-8")
    run = _extract(folder, tmp_path / "out", "--max-article-chars", "2000000", "--max-paragraph-chars", "2000000")
    assert run.returncode == 0, run.stderr
    (line,) = [ln for ln in run.stderr.splitlines() if "the extractor failed" in ln]
    assert line.startswith("huge.txt:1:0: the extractor failed on part 1 (ValueError: [E088]")
    assert line.endswith("the article is not added")
    assert "1 file problem(s)" in run.stdout
    assert _incidents(tmp_path / "out", "seed.txt") == seed_alone
    assert _incidents(tmp_path / "out", "huge.txt") == []
