"""Analysis text: an article's text with page chrome blanked and glued words split apart.

Bad HTML extraction drops the space at line wraps ("theHamrin Mountains", "fromKirkuk city",
"heightenedsecurity", "September2025", "2026.They"). Extractors must still see the places and
numbers, but offsets must keep pointing into the text as stored. So the analysis text is built
from the stored text by

1. replacing every character of a chrome span with a space (same length), then
2. inserting one space at each glue point found by the rules below,

and :meth:`AnalysisText.to_source` maps analysis offsets back to stored offsets exactly.

Glue rules (each returns a position in the stored text where a space belongs):

- punctuation followed by a letter: ``2026.They``, ``shelters,transit``, ``threat.“Unless``;
- a lowercase letter followed by an uppercase one: ``theHamrin``, ``JointOperations``
  (not in known camel-case words such as ``LinkedIn``, ``McDonald``, ``iPhone``);
- an acronym followed by a lowercase word: ``ISISmembers``, ``USmilitary``;
- a word followed by digits and digits followed by a word: ``September2025``;
- a run of letters that is not an English word but is two (or three) words:
  ``heightenedsecurity``, ``Iraqremains``, ``al-Bayatiaffirmed``.

The last rule needs a word list with frequencies. It uses the English frequency list shipped in
the ``pyspellchecker`` package (about 160,000 words counted in subtitles and web text), plus the
article's own vocabulary, so that names the list lacks but the article also writes on their own
("al-Bayati underscored") still count as words. A word that occurs twice in the article is never
split: glue happens at one line wrap, so a glued form is nearly always unique, while a name such
as "Marotto" recurs. Capitalised runs (likely names) are split only into common words.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from incidents.corpus.chrome import city_names
from incidents.wordlists import read_list

WORDS = Path(__file__).with_name("words")  # the word lists, one file each (first line: where it comes from)


@dataclass(frozen=True)
class AnalysisText:
    """Text for extractors: chrome blanked to spaces, glued words split with an inserted space.

    text: the analysis text; inserted: positions *in the analysis text* of the inserted spaces,
    sorted. Every other character of ``text`` is the stored character at the mapped offset
    (or a space where the stored text is chrome).
    """

    text: str
    inserted: tuple[int, ...] = ()

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Analysis offsets (end exclusive) -> offsets into ``Article.text`` (end exclusive).

        A span that starts on an inserted space starts at the stored character after it.
        """
        return start - bisect_left(self.inserted, start), end - bisect_left(self.inserted, end)

    def to_analysis(self, start: int, end: int) -> tuple[int, int]:
        """Offsets into ``Article.text`` -> analysis offsets (inverse of :meth:`to_source`)."""
        points = self.source_points
        return start + bisect_right(points, start), end + bisect_left(points, end)

    @property
    def source_points(self) -> tuple[int, ...]:
        """Stored-text offsets before which a space was inserted (sorted)."""
        return tuple(pos - k for k, pos in enumerate(self.inserted))


_BLANKED = re.compile(r"[^\r\n]")  # what blanking replaces by a space: all but line ends


def build_analysis(text: str, chrome: Iterable[tuple[int, int]] = ()) -> AnalysisText:
    """Stored article text + spans to blank (chrome, and what a size limit leaves unread) ->
    :class:`AnalysisText` (pure; same input, same output)."""
    chars = list(text)
    for start, end in chrome:
        start, end = max(start, 0), min(end, len(chars))
        if start < end:
            chars[start:end] = _BLANKED.sub(" ", "".join(chars[start:end]))
    blanked = "".join(chars)
    points = glue_points(blanked)
    pieces: list[str] = []
    inserted: list[int] = []
    previous = 0
    for k, point in enumerate(points):
        pieces.append(blanked[previous:point])
        inserted.append(point + k)
        pieces.append(" ")
        previous = point
    pieces.append(blanked[previous:])
    return AnalysisText("".join(pieces), tuple(inserted))


# --------------------------------------------------------------------------- word list


# Words of Iraq security reporting that the general list lacks (so "governorate" is not
# read as "governor" + "ate"). Counted as moderately common words.
DOMAIN_WORDS: tuple[str, ...] = read_list(WORDS / "domain_words.txt")
DOMAIN_FREQUENCY = 5000


@lru_cache(maxsize=1)
def lexicon() -> Mapping[str, int]:
    """The word list glue splitting uses: :func:`english_words` plus :data:`DOMAIN_WORDS`."""
    words = dict(english_words())
    for w in DOMAIN_WORDS:
        words.setdefault(w, DOMAIN_FREQUENCY)
    return words


@lru_cache(maxsize=1)
def english_words() -> Mapping[str, int]:
    """Lowercase English word -> frequency count, from pyspellchecker's shipped English list.

    Without pyspellchecker installed this is empty: the case, punctuation and digit rules still
    apply, word joins such as "heightenedsecurity" stay unsplit.
    """
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - requirements.txt installs it
        return {}

    return SpellChecker(language="en", distance=1).word_frequency.dictionary


# Two-letter (and one-letter) words allowed as a part of a split; the list is full of
# abbreviations ("ab", "cb") that would otherwise split names.
SHORT_WORDS = frozenset(read_list(WORDS / "short_words.txt"))
# Short words that may end a capitalised run of five letters or more ("Observatoryfor").
FUNCTION_WORDS = frozenset(read_list(WORDS / "function_words.txt"))
# Common camel-case spellings that are not glue.
CAMEL_WORDS = frozenset(read_list(WORDS / "camel_words.txt"))
# Units and ordinals after a number ("10km", "4th").
UNITS = frozenset(read_list(WORDS / "units.txt"))
# Frequency a part of a capitalised run must have (a run like "Marotto" is likely a name).
COMMON = 1000

_LETTERS = re.compile(r"[^\W\d_]+")
# An ASCII double quote opens a quotation only when a letter follows it.
_PERIOD_GLUE = re.compile(r"(?<=[a-z0-9)%])[.!?][”\"’]?(?=[A-Z“‘]|\"[^\W\d_])")
_COMMA_GLUE = re.compile(r"(?<=[A-Za-z0-9)%])[,;:][”\"’]?(?=[^\W\d_“‘]|\"[^\W\d_])")


def glue_points(text: str, words: Mapping[str, int] | None = None) -> list[int]:
    """Offsets in ``text`` before which a space is missing (sorted, unique).

    words: lowercase word -> frequency (default: :func:`lexicon`).
    """
    words = lexicon() if words is None else words
    points: set[int] = set()
    for m in _PERIOD_GLUE.finditer(text):
        points.add(m.end())
    for m in _COMMA_GLUE.finditer(text):
        points.add(m.end())
    _digit_points(text, words, points)
    # The article's own vocabulary: how often each run of letters occurs (case folded).
    counts = Counter(_LETTERS.findall(text.lower()))
    segments: list[tuple[int, str]] = []  # runs (or parts of runs) that may hide a word join
    # each distinct run is judged once: most are listed words, and an article repeats its words
    suspect = {run for run in set(_LETTERS.findall(text)) if _may_hide_join(run, words)}
    for m in _LETTERS.finditer(text):
        run = m.group()
        if run not in suspect:
            continue
        if _plain_case(run):
            segments.append((m.start(), run))
            continue
        start = m.start()
        cuts = _case_cuts(run, words)
        if cuts:
            points.update(start + c for c in cuts)
            bounds = [0, *cuts, len(run)]
            for a, b in zip(bounds, bounds[1:], strict=False):
                counts[run[a:b].lower()] += 1
                segments.append((start + a, run[a:b]))
        elif len(run) >= 5 and run.lower() not in words:
            segments.append((start, run))

    found: dict[tuple[str, bool], list[int]] = {}   # a name told ten times is split (or not) once
    for start, seg in segments:
        after_apostrophe = start > 0 and text[start - 1] in "’'"
        key = (seg, after_apostrophe)
        if key not in found:
            found[key] = _word_cuts(seg, words, counts, after_apostrophe)
        points.update(start + cut for cut in found[key])
    return sorted(points)


def _plain_case(run: str) -> bool:
    """"word", "WORD" or "Word": no case change inside that could mark a join."""
    return run.islower() or run.isupper() or (run[0].isupper() and run[1:].islower())


def _may_hide_join(run: str, words: Mapping[str, int]) -> bool:
    """Can a run of letters hide a missing space: a case change inside it, or five letters or more that
    are not a listed word?"""
    return not _plain_case(run) or (len(run) >= 5 and run.lower() not in words)


# a run of letters right after a digit or right before one: the only runs a number may be glued to
_DIGIT_NEXT_TO_LETTER = re.compile(r"\d[^\W\d_]|[^\W\d_]\d")
_DIGIT_TOUCH = re.compile(r"(?<=\d)[^\W\d_]+|(?<![^\W\d_])[^\W\d_]+(?=\d)")


def _digit_points(text: str, words: Mapping[str, int], points: set[int]) -> None:
    """Add to ``points`` the joins of a word and a number: "September2025", "2014the"."""
    if not _DIGIT_NEXT_TO_LETTER.search(text):
        return  # most texts: no number touches a word
    n = len(text)
    for m in _DIGIT_TOUCH.finditer(text):
        start, end, run = m.start(), m.end(), m.group()
        if end + 1 < n and text[end : end + 2].isdigit() and len(run) >= 3 and run.lower() in words:
            points.add(end)  # "September2025"
        if start > 0 and text[start - 1].isdigit() and len(run) >= 2:
            w = run.lower()
            if w not in UNITS and (w in SHORT_WORDS or (len(w) >= 3 and w in words)):
                points.add(start)  # "2014the"


def _case_cuts(run: str, words: Mapping[str, int]) -> list[int]:
    """Cut positions inside one run of letters at lower->Upper and ACRONYMword joins."""
    if run[1:].islower() or run.isupper() or not any(c.isupper() for c in run[1:]):
        return []  # "word", "Word", "ISIS": the common cases, no join inside
    if run in CAMEL_WORDS:
        return []
    cuts: list[int] = []
    for i in range(1, len(run)):
        a, b = run[i - 1], run[i]
        if a.islower() and b.isupper():
            head = run[:i]
            seg_start = cuts[-1] if cuts else 0
            if seg_start == 0 and len(head) == 1 and head != "a":  # iPhone, eBay
                continue
            if re.fullmatch(r"Ma?c", run[seg_start:i]):  # McDonald, MacArthur
                continue
            cuts.append(i)
    # ACRONYM + lowercase word: "ISISmembers", "USmilitary", "NATOForces" is handled above.
    for m in re.finditer(r"([A-Z]{2,})([a-z]{2,})", run):
        upper, lower = m.group(1), m.group(2)
        shifted = (upper[-1] + lower).lower()  # "NATOForces" read as "NATO" + "Forces"
        shifted_ok = len(upper) >= 3 and shifted in words
        lower_ok = lower in words and (len(lower) >= 3 or lower in SHORT_WORDS)
        if shifted_ok and (not lower_ok or words.get(shifted, 0) >= words.get(lower, 0)):
            cuts.append(m.start(2) - 1)  # "USAid" -> "US Aid"
        elif lower_ok:
            cuts.append(m.start(2))  # "ISISmembers" -> "ISIS members"
    return sorted(set(cuts))


def _cost(word: str, words: Mapping[str, int], vocab: Counter) -> float | None:
    """Cost of reading ``word`` as one word (lower is likelier); None when it is no word."""
    if len(word) <= 2 and word not in SHORT_WORDS:
        return None
    freq = words.get(word, 0)
    if freq:
        return -math.log(freq)
    if len(word) >= 4 and vocab.get(word, 0) >= 1:
        return -math.log(200)  # a word the article itself writes on its own
    return None


_SUFFIXES = ("s", "es", "d", "ed", "ing", "ly", "er", "ers", "ment", "ments", "ness")


def _inflected(low: str, words: Mapping[str, int]) -> bool:
    """Is ``low`` a listed word plus a common ending ("governorates")?"""
    return any(low.endswith(x) and len(low) - len(x) >= 4 and low[: -len(x)] in words for x in _SUFFIXES)


def _name_split_ok(head: str, tail: str, words: Mapping[str, int], own: Counter) -> bool:
    """May a capitalised run (likely a name) be read as ``head`` + ``tail``?

    The head must be a common word or a name the article writes on its own (four letters or
    more: "Bayati" in "al-Bayatiaffirmed"); the tail a word of four letters or more that is
    common, or any listed word after such a name, or a function word after a long head
    ("Observatoryfor").
    """
    vouched = len(head) >= 4 and own.get(head, 0) >= 1
    if len(head) < 3 or not (vouched or words.get(head, 0) >= COMMON):
        return False
    if tail in FUNCTION_WORDS:
        return len(head) >= 5
    return len(tail) >= 4 and (words.get(tail, 0) >= COMMON or (vouched and tail in words))


def _word_cuts(seg: str, words: Mapping[str, int], vocab: Counter, after_apostrophe: bool) -> list[int]:
    """Cut positions that split one run of letters into two or three words, or []."""
    low = seg.lower()
    if len(seg) < 5 or low in words or _inflected(low, words):
        return []
    if after_apostrophe and low.startswith("s") and _cost(low[1:], words, vocab) is not None:
        return [1]  # "Iraq’sreliance"
    if vocab.get(low, 0) > 1:
        return []  # a form the article uses twice is a word of its own ("Marotto", "peshmerga")
    capitalised = seg[0].isupper()
    if seg in CAMEL_WORDS or (capitalised and seg in city_names()):
        return []  # "LinkedIn"; "Sinjar" is a town, not "Sin" + "jar"
    own = vocab  # a part is shorter than the run, so the run never vouches for itself

    def ok(part: str, first: bool) -> float | None:
        if part == "a" and not first:
            return None
        return _cost(part, words, own)

    best: tuple[float, list[int]] | None = None
    for i in range(1, len(low)):
        head, tail = low[:i], low[i:]
        a = ok(head, True)
        b = ok(tail, False) if a is not None else None
        if a is None or b is None:
            continue
        if capitalised and not _name_split_ok(head, tail, words, own):
            continue
        if best is None or a + b < best[0]:
            best = (a + b, [i])
    if best is None and not capitalised and len(low) >= 8:
        for i in range(1, len(low) - 1):
            a = ok(low[:i], True)
            if a is None:
                continue
            for j in range(i + 1, len(low)):
                b = ok(low[i:j], False)
                c = ok(low[j:], False) if b is not None else None
                if b is not None and c is not None:
                    total = a + b + c + 5.0  # a third word must be clearly better
                    if best is None or total < best[0]:
                        best = (total, [i, j])
    return best[1] if best else []
