"""Places of the disputed territories that reports put in either of two governorates.

Makhmour is in Erbil for the gazetteer and "Makhmur district in Nineveh" for an Iraqi ministry; one
report's "Nineveh" and another's "Makhmour" can be one event. The list is data
(``words/told_in_two_governorates.csv``): location as the gazetteer names it, the other governorate.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from incidents.wordlists import read_table

_TABLE = Path(__file__).resolve().parent / "words" / "told_in_two_governorates.csv"


@cache
def _also_told_in() -> dict[str, frozenset[str]]:
    """Location -> the governorates besides its own that reports put it in (read once)."""
    out: dict[str, set[str]] = {}
    for location, governorate in read_table(_TABLE)[1:]:
        out.setdefault(location, set()).add(governorate)
    return {k: frozenset(v) for k, v in out.items()}


def governorates_told(row: dict) -> frozenset[str]:
    """In: a row with ``admin1`` and ``location``. Out: the governorates a report may put its place in
    (its own, and the other one for a disputed place); empty when the row has no governorate."""
    own = row.get("admin1") or ""
    if not own:
        return frozenset()
    return frozenset({own}) | _also_told_in().get(str(row.get("location") or ""), frozenset())


def other_governorates(a: dict, b: dict) -> bool:
    """In: two rows. Out: True when both name a governorate and no reading of their places puts them in one
    ("Makhmour" (Erbil) and "Nineveh" can be one; "Kirkuk" and "Diyala" cannot)."""
    ga, gb = governorates_told(a), governorates_told(b)
    if not ga or not gb or a["admin1"] == b["admin1"]:
        return False
    return not (a["admin1"] in gb or b["admin1"] in ga)
