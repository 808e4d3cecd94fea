"""ACLED's disorder type of a row that has none: old-schema exports (before 2023) lack the column.

``disorder_types(given, event_type, sub_event_type)`` keeps every disorder type an export gives and
fills the missing ones from ACLED's codebook: the disorder type of the row's sub-event type where
it has one of its own (violence at a demonstration is both political violence and a demonstration),
else that of its event type. A row of an unknown event type stays without one.
"""

from __future__ import annotations

import pandas as pd

# ACLED codebook (2023): event type -> disorder type.
DISORDER_BY_TYPE: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# The sub-event types whose disorder type is not their event type's.
DISORDER_BY_SUB_TYPE: dict[str, str] = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence; Demonstrations",
}


def disorder_types(given: pd.Series, event_type: pd.Series, sub_event_type: pd.Series) -> pd.Series:
    """``given`` where it holds a value; elsewhere the disorder type of ``sub_event_type``
    (DISORDER_BY_SUB_TYPE), else of ``event_type`` (DISORDER_BY_TYPE), else missing. The three
    series share one index; the result has it too.

    >>> disorder_types(pd.Series([None, None, "Demonstrations"]), pd.Series(["Battles", "Riots", "Riots"]),
    ...                pd.Series(["Armed clash", "Mob violence", "Mob violence"])).tolist()
    ['Political violence', 'Political violence; Demonstrations', 'Demonstrations']
    """
    derived = sub_event_type.map(DISORDER_BY_SUB_TYPE).fillna(event_type.map(DISORDER_BY_TYPE))
    return given.where(given.notna(), derived)
