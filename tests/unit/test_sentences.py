"""Sentences (incidents/extract/sentences.py): the shortcut that skips spaCy on a paragraph it cannot split
gives spaCy's own answer, on every paragraph of the real articles, the seeds and our fixtures."""

from __future__ import annotations

import pytest

from incidents import ROOT, SEEDS_DIR
from incidents.corpus.articles import load_corpus
from incidents.extract.sentences import _nlp, one_sentence, paragraphs, split_sentences


@pytest.mark.parametrize(("paragraph", "single"), [
    ("Two soldiers were killed near Hawija on Monday.", True),
    ("“We repelled the attack,” the commander said.”", True),
    ("ISIS attack in Kirkuk: 1 dead, 5 injured", True),
    ("Two soldiers were killed. Three others were wounded.", False),
    ("Was it ISIS? Nobody knows", False),
    ("U.S. forces struck near Qaim", False),          # "U.S." holds a full stop: spaCy decides
])
def test_one_sentence(paragraph, single):
    assert one_sentence(paragraph) is single


def test_the_shortcut_agrees_with_spacy_on_every_real_paragraph():
    articles, _ = load_corpus([SEEDS_DIR, ROOT / "tests" / "fixtures" / "articles",
                               ROOT / "tests" / "fixtures" / "real" / "incoming"])
    nlp, checked = _nlp(), 0
    for article in articles:
        text = article.analysis().text
        for start, end in paragraphs(text):
            if one_sentence(text[start:end]):
                assert len(list(nlp(text[start:end]).sents)) == 1, text[start:end]
                checked += 1
    assert checked > 500


def test_sentences_keep_exact_offsets():
    text = "Kirkuk – Police said two soldiers were killed.\n\nThe attack came at night. Three were wounded.\n"
    got = split_sentences(text)
    assert [s.text for s in got] == ["Kirkuk – Police said two soldiers were killed.", "The attack came at night.",
                                     "Three were wounded."]
    assert all(text[s.start:s.end] == s.text for s in got) and [s.paragraph for s in got] == [0, 1, 1]
