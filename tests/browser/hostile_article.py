"""The hostile article of the browser tests: HTML, script, markdown and an iframe in its title and
text, and its one incident. ``write_hostile_data(folder)`` writes both tables into a folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from incidents.dataset.tables import write_table
from incidents.schema import ARTICLE_COLUMNS, INCIDENT_COLUMNS

HOSTILE_TITLE = "<script>window.__iimPwned = 1</script> Attack near Hawija"
HOSTILE_SENTENCE = (
    "Islamic State militants attacked an army checkpoint in Hawija on Thursday, killing two soldiers "
    '<img src="x" onerror="window.__iimImg = 1"> and **wounding** [three](javascript:alert(1)) others.'
)
HOSTILE_TEXT = (
    f"{HOSTILE_TITLE}\n"
    "By <b>Evil</b> Outlet\n"
    "2024-05-03\n\n"
    f"{HOSTILE_SENTENCE}\n"
    "<script>window.__iimPwned = 2; document.title = 'pwned'</script>\n"
    "# Not a heading\n"
    "<iframe src=\"http://example.com/\"></iframe>\n"
)
HOSTILE_ARTICLE_ID = "a0123456789abcdef"
HOSTILE_EVENT_ID = "IIM0000hostile"



def write_hostile_data(folder: Path) -> Path:
    """Write incidents.csv and articles.csv with one hostile article and its one incident into ``folder``."""
    start = HOSTILE_TEXT.index(HOSTILE_SENTENCE)
    end = start + len(HOSTILE_SENTENCE)
    article = {c: None for c in ARTICLE_COLUMNS} | {
        "article_id": HOSTILE_ARTICLE_ID, "file": "hostile.txt", "part": 1, "title": HOSTILE_TITLE,
        "outlet": "<b>Evil</b> Outlet", "published": "2024-05-03", "published_precision": "day",
        "char_start": 0, "char_end": len(HOSTILE_TEXT), "chrome_spans": "[]", "dataset": "extracted",
        "text": HOSTILE_TEXT,
    }
    incident = {c: None for c in INCIDENT_COLUMNS} | {
        "event_id": HOSTILE_EVENT_ID, "event_date": "2024-05-02", "year": 2024, "time_precision": 1,
        "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Islamic State (Iraq)", "actor2": "Military Forces of Iraq", "country": "Iraq",
        "admin1": "Kirkuk", "admin2": "Hawija", "location": "Hawija", "latitude": 35.3288,
        "longitude": 43.7706, "geo_precision": 1, "source": "<b>Evil</b> Outlet", "fatalities": 2,
        "fatalities_low": 2, "fatalities_high": 2, "wounded": 3, "notes": HOSTILE_SENTENCE,
        "date_start": "2024-05-02", "date_end": "2024-05-02", "source_articles": HOSTILE_ARTICLE_ID,
        "article_id": HOSTILE_ARTICLE_ID, "span_start": start, "span_end": end, "quote": HOSTILE_SENTENCE,
        "method": "test", "dataset": "extracted",
    }
    folder.mkdir(parents=True, exist_ok=True)
    write_table(pd.DataFrame([incident]), folder / "incidents.csv", INCIDENT_COLUMNS)
    write_table(pd.DataFrame([article]), folder / "articles.csv", ARTICLE_COLUMNS)
    return folder
