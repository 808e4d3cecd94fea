"""A cheap substring test in front of a costly regular expression.

Most of the extractor's sentence rules are long alternations (``\\bregularly\\b|\\bover the past
(?:\\w+ )?years\\b|...``) that Python's engine tries at every position of every sentence, though
nearly every sentence holds none of their words. :func:`required_literals` reads a pattern's syntax
tree and returns strings of which every match must contain at least one ("regularly", "over the
past", ...); :class:`GatedPattern` searches only texts that contain one of them, a few C substring
tests instead of a regex scan. The gate never changes a result: a text without any required string
cannot match, and every other text is searched as before (tests/unit/test_regex_gate.py checks the
two agree on real sentences).

In: a compiled pattern. Out: a frozenset of lower-cased strings (case-insensitive patterns) or of
strings as written, or None when no such set can be read (then the pattern always runs).
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: PLC2701 - the parser's own op codes, stable within a Python version
import re._parser as P  # noqa: PLC2701

# ops that consume no text: literals on both sides of them are adjacent in the text
_ZERO_WIDTH = {C.AT, C.ASSERT_NOT}
# characters that IGNORECASE matches to an ASCII letter although str.lower() keeps them apart
_CASE_TWINS = str.maketrans({"\u0131": "i", "\u0130": "i", "\u017f": "s", "\u212a": "k"})

Literals = frozenset[str]


def _best(candidates: list[Literals]) -> Literals | None:
    """The most selective candidate set: the one whose shortest string is longest (then the smallest set)."""
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)))


def _branch(alternatives: list, fold: bool) -> Literals | None:
    """Every alternative must give a set; a match holds one string of one of them."""
    out: set[str] = set()
    for alt in alternatives:
        got = _sequence(alt, fold)
        if got is None:
            return None
        out |= got
    return frozenset(out)


def _item(op, av, fold: bool) -> Literals | None:
    """The required strings of one non-literal item of a sequence, or None."""
    if op is C.SUBPATTERN:
        return _sequence(av[3], fold) if not (av[1] or av[2]) else None   # no inline flag changes
    if op is C.BRANCH:
        return _branch(av[1], fold)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence(av[2], fold)
    if op is C.ATOMIC_GROUP:
        return _sequence(av, fold)
    if op is C.ASSERT:   # a lookaround's text is in the searched text too
        return _sequence(av[1], fold)
    return None


def _sequence(seq, fold: bool) -> Literals | None:
    """The best set of required strings of a parsed sequence: runs of adjacent literals, or an item's set."""
    candidates: list[Literals] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    def add(got: Literals | None) -> None:
        if got and all(map(_foldable, got)):
            candidates.append(got)

    for op, av in seq:
        if op is C.LITERAL:
            run.append(chr(av).lower() if fold else chr(av))
        elif op in _ZERO_WIDTH:
            continue
        else:
            close_run()
            add(_item(op, av, fold))
    close_run()
    return _best([c for c in candidates if all(map(_foldable, c))])


def _foldable(s: str) -> bool:
    """ASCII, or other characters without case (curly quotes, dashes): the substring test folds them as IGNORECASE
    does. Letters of other scripts have case rules of their own, so strings holding them are not used."""
    return all(ch.isascii() or ch.lower() == ch.upper() == ch.casefold() == ch for ch in s)


def required_literals(rx: re.Pattern) -> Literals | None:
    """Strings of which every match of ``rx`` contains one (lower-cased when ``rx`` ignores case), or None.

    None when the pattern is not a str pattern, uses inline flag groups, or when some alternative
    requires no literal text (``\\w+ed`` alone), or a required string is not ASCII (case folding of
    other scripts is not the substring test's).
    """
    if not isinstance(rx.pattern, str) or rx.flags & re.VERBOSE:
        return None
    try:
        tree = P.parse(rx.pattern, rx.flags)
    except re.error:
        return None
    return _sequence(tree, bool(rx.flags & re.IGNORECASE))


class GatedPattern:
    """A compiled pattern with a substring gate: ``search`` and ``finditer`` as ``re.Pattern``'s.

    In: the pattern. ``search(text)`` returns None at once when ``text`` contains none of the pattern's
    required strings, else the pattern's own result; so do ``finditer`` (an empty iterator) and
    ``may_match(text)`` (False when the gate rules the text out).
    """

    __slots__ = ("rx", "literals", "fold", "pattern", "flags")

    def __init__(self, rx: re.Pattern) -> None:
        self.rx, self.pattern, self.flags = rx, rx.pattern, rx.flags
        self.literals = required_literals(rx)
        self.fold = bool(rx.flags & re.IGNORECASE)

    def may_match(self, text: str, folded: str | None = None) -> bool:
        """False when ``text`` cannot match; ``folded`` is ``fold_case(text)`` when the caller has it."""
        if self.literals is None:
            return True
        haystack = (folded if folded is not None else fold_case(text)) if self.fold else text
        return any(s in haystack for s in self.literals)

    def search(self, text: str, folded: str | None = None):
        """``rx.search(text)`` when the gate lets ``text`` through, else None."""
        return self.rx.search(text) if self.may_match(text, folded) else None

    def finditer(self, text: str, folded: str | None = None):
        """``rx.finditer(text)`` when the gate lets ``text`` through, else an empty iterator."""
        return self.rx.finditer(text) if self.may_match(text, folded) else iter(())


def fold_case(text: str) -> str:
    """``text`` lower-cased for the gate of a case-insensitive pattern (the dotless i, the long s and the
    Kelvin sign, which IGNORECASE matches to i, s and k, folded to them too)."""
    return text.translate(_CASE_TWINS).lower()


def _alternatives(rx: re.Pattern) -> list[re.Pattern]:
    """The top-level alternatives of ``rx``, each compiled alone with ``rx``'s flags (``[rx]`` when it has one)."""
    parts, depth, start, i, p = [], 0, 0, 0, rx.pattern
    in_class = False
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if p[i + 1: i + 2] == "]" or p[i + 1: i + 3] == "^]":
                i += 2 if p[i + 1] == "]" else 3
                continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(p[start:i])
            start = i + 1
        i += 1
    parts.append(p[start:])
    return [re.compile(part, rx.flags) for part in parts] if len(parts) > 1 else [rx]


class AnyOf:
    """Whether a pattern matches a text at all, tested one gated alternative at a time.

    In: a compiled pattern (typically a long ``a|b|c`` of sentence rules). ``matches(text, folded)`` is
    ``rx.search(text) is not None``: each top-level alternative has its own gate, so a text runs only the
    few alternatives whose words it holds.
    """

    __slots__ = ("parts", "fold")

    def __init__(self, rx: re.Pattern) -> None:
        gated = [GatedPattern(part) for part in _alternatives(rx)]
        self.parts = tuple((g.literals or ("",), g.rx.search) for g in gated)   # "" is in every text
        self.fold = bool(rx.flags & re.IGNORECASE)

    def matches(self, text: str, folded: str | None = None) -> bool:
        """True when the pattern matches somewhere in ``text``; ``folded`` is ``fold_case(text)`` if known."""
        haystack = (fold_case(text) if folded is None else folded) if self.fold else text
        for literals, search in self.parts:
            for s in literals:
                if s in haystack:
                    if search(text) is not None:
                        return True
                    break
        return False
