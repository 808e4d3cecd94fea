"""Things with a span (``.start``, ``.end``) found by the stretch of text they lie in, by bisection.

``ByStart(items)`` is a list (same order, same items) that also answers ``within(lo, hi)``: the items
with ``lo <= start`` and ``end <= hi``, in list order, as a scan of the whole list would give them.
``PlacedDates(dates)`` does the same for placed dates ``(start, end, mention)``: ``starting_in(lo, hi)``.
The sentence stage asks these once per sentence and clause; a scan would cost the number of places
(or dates) times the number of sentences, which grows with the square of an article's length.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right


class ByStart(list):
    """A list of spanned items with :meth:`within`; bisects when the items are in order of start."""

    def __init__(self, items=()):
        super().__init__(items)
        self._starts = [x.start for x in self]
        self._ordered = all(a <= b for a, b in zip(self._starts, self._starts[1:], strict=False))

    def within(self, lo: int, hi: int) -> list:
        """Items with ``lo <= item.start`` and ``item.end <= hi``, in list order."""
        if self._ordered:
            candidates = self[bisect_left(self._starts, lo):bisect_right(self._starts, hi)]
        else:  # out of order: scan (never the case for the gazetteer's matches, kept for safety)
            candidates = self
        return [x for x in candidates if lo <= x.start and x.end <= hi]


class PlacedDates(list):
    """A list of placed dates ``(start, end, mention)`` with :meth:`starting_in`, by bisection when in order."""

    def __init__(self, items=()):
        super().__init__(items)
        self._starts = [x[0] for x in self]
        self._ordered = all(a <= b for a, b in zip(self._starts, self._starts[1:], strict=False))

    def starting_in(self, lo: int, hi: int) -> list:
        """Items with ``lo <= start < hi``, in list order."""
        if self._ordered:
            return self[bisect_left(self._starts, lo):bisect_left(self._starts, hi)]
        return [x for x in self if lo <= x[0] < hi]
