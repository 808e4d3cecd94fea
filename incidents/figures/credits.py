"""Credits of the datasets a view shows: one line per dataset, ACLED's with the attribution it requires.

``dataset_credits(datasets, acled_as_of)`` takes how many incidents of each dataset the view holds
(``incidents.store.queries.data_sources``) and says where they come from, most incidents first.
ACLED's terms of use ask whoever uses its data, directly or changed, to acknowledge it clearly and
prominently: name ACLED as the source of the data and say that they are publicly available, cite
it with a link to its website on every visual, and say which snapshot was used (ACLED is a living
dataset), which data were selected and how they were changed. ACLED's line does all of that:
the full name and the address, the snapshot (the newest ACLED timestamp among the rows shown,
since an export does not record when it was downloaded), the filters (stated with the figure)
and what the import changed. ``ACLED_ATTRIBUTION`` is the same acknowledgement without counts,
for footers of pages over the whole table.

Pure: plain text out (callers escape it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

ACLED_NAME = "Armed Conflict Location & Event Data (ACLED)"
ACLED_URL = "https://acleddata.com"
ACLED_CHANGES = ("governorates respelled as in this tool's boundaries, date windows from ACLED's time precision, "
                 "fatality range set to ACLED's figure")
ACLED_ATTRIBUTION = (f"{ACLED_NAME}, {ACLED_URL}. ACLED is the source of the imported incidents "
                     f"(dataset “acled”), whose data are publicly available; changed on import: {ACLED_CHANGES}.")


def _incidents(n: int) -> str:
    return f"{n:,} incident{'s' if n != 1 else ''}"


def acled_credit(n: int, as_of: date | None = None) -> str:
    """ACLED's line for ``n`` incidents of a view, ``as_of`` the newest ACLED timestamp among them.

    >>> acled_credit(3, date(2024, 12, 24)).split(". ")[0]
    'Data: 3 incidents from the Armed Conflict Location & Event Data (ACLED), https://acleddata.com'
    """
    snapshot = f"ACLED data as of {as_of.isoformat()} (newest ACLED update among them)" if as_of else \
        "ACLED's update date not recorded in the export"
    return (f"Data: {_incidents(n)} from the {ACLED_NAME}, {ACLED_URL}. ACLED is the source of these data, "
            f"which are publicly available; {snapshot}; selected by the filters above; changed on import: {ACLED_CHANGES}.")


def extracted_credit(n: int) -> str:
    """The line of ``n`` incidents this tool extracted from news reports."""
    return f"Data: {_incidents(n)} extracted by this tool from news reports, each traced to its sentence."


def dataset_credits(datasets: Mapping[str, int], acled_as_of: date | None = None) -> tuple[str, ...]:
    """One credit line per dataset with incidents in ``datasets`` (name -> incidents), most
    incidents first (then by name): "acled" with ACLED's attribution (``acled_credit``),
    "extracted" (``extracted_credit``), any other by its name. () when there is none.

    >>> dataset_credits({"extracted": 2, "other": 0})
    ('Data: 2 incidents extracted by this tool from news reports, each traced to its sentence.',)
    """
    out = []
    for name, n in sorted(datasets.items(), key=lambda kv: (-int(kv[1]), kv[0])):
        if int(n) <= 0:
            continue
        if name == "acled":
            out.append(acled_credit(int(n), acled_as_of))
        elif name == "extracted":
            out.append(extracted_credit(int(n)))
        else:
            out.append(f"Data: {_incidents(int(n))} of dataset “{name}”.")
    return tuple(out)
