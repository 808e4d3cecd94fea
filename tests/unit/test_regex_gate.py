"""The substring gate in front of the sentence rules never changes an answer (incidents/regex_gate.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from incidents.extract import actors, types
from incidents.regex_gate import AnyOf, GatedPattern, fold_case, required_literals

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "incoming"


def _real_sentences() -> list[str]:
    """Every sentence-like piece of the real stored articles (split on end punctuation)."""
    out = []
    for path in sorted(REAL.glob("*.txt")):
        out.extend(re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")))
    return out


SENTENCES = _real_sentences()


def test_required_literals_of_simple_patterns():
    assert required_literals(re.compile(r"\bover the (?:past|last) years\b", re.I)) == {"over the "}
    assert required_literals(re.compile(r"\b(?:car bomb|IED)s?\b", re.I)) == {"car bomb", "ied"}
    assert required_literals(re.compile(r"\bRegularly\b")) == {"Regularly"}   # case kept when case counts
    # an alternative that needs no literal text leaves the pattern ungated
    assert required_literals(re.compile(r"\bregularly\b|\w+\b", re.I)) is None
    assert required_literals(re.compile(r"\bregularly\b|\w+ed\b", re.I)) == {"regularly", "ed"}
    # a lookahead's words are in the text too; a negative lookahead's are not required
    assert required_literals(re.compile(r"(?=.*\bsunday\b)\w+ killed", re.I)) == {" killed"}
    assert required_literals(re.compile(r"(?!.*\bsunday\b)\w+\d+", re.I)) is None


def test_repeats_need_their_body_only_when_it_must_occur():
    assert required_literals(re.compile(r"(?:very )+bad", re.I)) == {"very "}   # the longer of two
    assert required_literals(re.compile(r"(?:very )*bad", re.I)) == {"bad"}
    assert required_literals(re.compile(r"(?:mass )?graves?", re.I)) == {"grave"}
    assert required_literals(re.compile(r"(?:mortar )+", re.I)) == {"mortar "}


def test_uncased_characters_may_be_required():
    got = required_literals(re.compile(r"\bDa’esh\b|\bDaesh\b", re.I))
    assert got and "’esh" in got and all(s in "da’esh" or s in "daesh" for s in got)
    assert required_literals(re.compile(r"\bŞırnak\b", re.I)) is None   # Turkish letters fold otherwise


def test_case_twins_fold_to_ascii_letters():
    rx = re.compile(r"\bkilled\b", re.I)
    for text in ("two were \u212ailled", "two were k\u0131lled"):   # Kelvin sign, dotless i
        assert rx.search(text) is not None
        assert GatedPattern(rx).search(text) is not None
    assert fold_case("STRIKE\u017f") == "strikes"


def test_alternatives_split_at_top_level_only():
    rx = re.compile(r"\b(?:a|b)c\b|[|]x|\(y|z\)|w", re.I)
    parts = AnyOf(rx).parts
    assert len(parts) == 5
    for text in ("ac", "|x", "(y", "z)", "w", "nothing here", "(z"):
        assert AnyOf(rx).matches(text) == (rx.search(text) is not None)


@pytest.mark.parametrize("reason,rx", types._REASONS, ids=[r for r, _ in types._REASONS])
def test_gated_reason_agrees_with_the_plain_pattern_on_real_sentences(reason, rx):
    gated = AnyOf(rx)
    disagree = [s for s in SENTENCES if gated.matches(s) != (rx.search(s) is not None)]
    assert not disagree, disagree[:3]
    assert any(p[0] != ("",) for p in gated.parts)   # the gate gates something


def test_gated_trigger_and_actor_rules_find_the_same_spans_on_real_sentences():
    rules = [(r[0], r[5]) for r in types._COMPILED] + list(actors._COMPILED)
    for rule, rx in rules:
        gated = GatedPattern(rx)
        for s in SENTENCES:
            plain = [m.span() for m in rx.finditer(s)]
            assert [m.span() for m in gated.finditer(s, fold_case(s))] == plain, (rule, s)


def test_real_sentences_are_enough_to_mean_something():
    assert len(SENTENCES) > 1500
    assert sum(types.non_incident_reason(s) is not None for s in SENTENCES) > 200
