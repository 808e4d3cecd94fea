"""Paragraphs and sentences of an analysis text, with offsets into that text.

spaCy's blank English pipeline with the rule-based ``sentencizer`` (no model, works offline)
splits each paragraph (a run of non-blank lines) into sentences. Paragraphs are split first so a
headline or a dateline without a full stop never runs into the next paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

# what may close a sentence after its full stop: quotes and brackets
_CLOSERS = "\"'”’»)]"


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text[start:end]`` of the analysis text; ``paragraph`` is its 0-based paragraph."""

    start: int
    end: int
    text: str
    paragraph: int


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@lru_cache(maxsize=1)
def _sentence_ends() -> re.Pattern[str]:
    """Any of the characters the sentencizer may end a sentence at (its ``punct_chars``)."""
    chars = _nlp().get_pipe("sentencizer").punct_chars
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def one_sentence(paragraph: str) -> bool:
    """True when the sentencizer cannot split ``paragraph`` (a stripped paragraph): none of its sentence-end
    characters occurs before the paragraph's own closing ones ("... in Kirkuk." or "... said.”"), so spaCy
    need not run to say so."""
    i = len(paragraph)
    ends = _sentence_ends()
    while i and (paragraph[i - 1] in _CLOSERS or ends.match(paragraph, i - 1)):
        i -= 1
    return ends.search(paragraph, 0, i) is None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line holding non-blank text, stripped of surrounding spaces.

    Each line is its own paragraph: news text puts one paragraph per line, and a headline line
    must not join the next one.
    """
    out = []
    start = 0
    for line in text.split("\n"):   # not a regex: a long blank line (chrome blanked) would cost its square
        s = start + len(line) - len(line.lstrip())
        e = start + len(line.rstrip())
        if e > s:
            out.append((s, e))
        start += len(line) + 1
    return out


def split_sentences(text: str, keep: Callable[[str], bool] | None = None) -> list[Sentence]:
    """Sentences of ``text`` (an AnalysisText.text), in order, with spans into ``text``.

    In: the analysis text (chrome blanked to spaces) and optionally ``keep(paragraph_text)``: a
    paragraph it rejects is returned whole as one Sentence without running spaCy (the pipeline
    passes a cheap "could hold an event word" test: most paragraphs hold none); nor is it run on a paragraph
    it cannot split (:func:`one_sentence`). Out: Sentence
    values; blank-only stretches are skipped. Offsets are exact: ``text[s.start:s.end] == s.text``.
    """
    spans = paragraphs(text)
    nlp = _nlp()
    out: list[Sentence] = []
    wanted = [i for i, (s, e) in enumerate(spans) if (keep is None or keep(text[s:e])) and not one_sentence(text[s:e])]
    docs = dict(zip(wanted, nlp.pipe(text[spans[i][0]:spans[i][1]] for i in wanted), strict=True))
    for index, (ps, pe) in enumerate(spans):
        doc = docs.get(index)
        if doc is None:
            out.append(Sentence(ps, pe, text[ps:pe], index))
            continue
        base = ps
        for sent in doc.sents:
            s = base + sent.start_char
            e = base + sent.end_char
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(Sentence(s, e, text[s:e], index))
    return out
