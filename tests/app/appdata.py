"""Data built by code for the AppTest tier: the pages, a hostile data folder (an article whose text
holds HTML, a script and markdown; an ACLED incident without an article; an undated incident)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from incidents.dataset.tables import write_table
from incidents.schema import ARTICLE_COLUMNS, INCIDENT_COLUMNS

PAGES = ("dashboard.py", "pages/1_Map.py", "pages/2_Timeline.py", "pages/3_Sources.py", "pages/4_Incidents.py",
         "pages/6_Trends.py", "pages/7_Review.py")

HOSTILE_TITLE = "<b>Bold</b> title <script>window.__pwned = 1</script>"
HOSTILE_SENTENCE = ("Gunmen attacked a checkpoint near Hawija on Friday, killing two soldiers "
                    "<img src=x onerror=\"alert(1)\"> and **wounding** [three](javascript:alert(2)) others.")
HOSTILE_TEXT = (
    f"{HOSTILE_TITLE}\n"
    "Shafaq News\n\n"
    "# Not a heading\n"
    "<script>alert('x')</script>\n"
    f"{HOSTILE_SENTENCE}\n"
    "<iframe src=\"http://example.com\"></iframe> $x^2$ :smile: <div>end</div>\n"
)
HOSTILE_ARTICLE_ID = "a00000000000h0st1"
HOSTILE_URL = 'https://example.org/news?id=1&x="><script>alert(3)</script>'
HOSTILE_EVENT_ID = "IIMh0st1le0001"
ACLED_EVENT_ID = "IRQ99999"


def write_hostile(folder: Path) -> Path:
    """incidents.csv + articles.csv: one hostile article with one incident on its hostile
    sentence, one ACLED incident without an article, one undated incident."""
    start = HOSTILE_TEXT.index(HOSTILE_SENTENCE)
    chrome = f"[[{HOSTILE_TEXT.index('Shafaq News')}, {HOSTILE_TEXT.index('Shafaq News') + len('Shafaq News')}]]"
    articles = pd.DataFrame([{
        "article_id": HOSTILE_ARTICLE_ID, "file": "hostile.txt", "part": 1, "title": HOSTILE_TITLE,
        "outlet": "Shafaq News", "published": "2024-05-04", "published_precision": "day",
        "char_start": 0, "char_end": len(HOSTILE_TEXT), "chrome_spans": chrome, "dataset": "extracted",
        "text": HOSTILE_TEXT, "url": HOSTILE_URL, "date_source": "header", "record": "saved/hostile page.html",
        "ingested_at": "2026-12-03T05:30:00Z",
    }])
    base = {"country": "Iraq", "admin1": "Kirkuk", "iso": 368, "region": "Middle East",
            "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
            "actor1": "Islamic State (Iraq)", "actor2": "Military Forces of Iraq", "location": "Hawija",
            "latitude": 35.3247, "longitude": 43.7705, "geo_precision": 1}
    incidents = pd.DataFrame([
        {**base, "event_id": HOSTILE_EVENT_ID, "event_date": "2024-05-03", "year": 2024, "time_precision": 1,
         "date_start": "2024-05-03", "date_end": "2024-05-03", "fatalities": 2, "fatalities_low": 2,
         "fatalities_high": 2, "wounded": 3, "source": "Shafaq News", "source_articles": HOSTILE_ARTICLE_ID,
         "article_id": HOSTILE_ARTICLE_ID, "span_start": start, "span_end": start + len(HOSTILE_SENTENCE),
         "quote": HOSTILE_SENTENCE, "notes": "Gunmen attacked a checkpoint near Hawija.", "method": "test",
         "dataset": "extracted"},
        {**base, "event_id": ACLED_EVENT_ID, "event_date": "2023-02-10", "year": 2023, "time_precision": 1,
         "date_start": "2023-02-10", "date_end": "2023-02-10", "fatalities": 1, "fatalities_low": 1,
         "fatalities_high": 1, "source": "Kurdistan24; Rudaw", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Remote explosive/landmine/IED", "location": "Daquq", "latitude": 35.1372,
         "longitude": 44.4527, "notes": "An IED <b>exploded</b> near Daquq, killing one civilian.",
         "method": "acled", "dataset": "acled"},
        {**base, "event_id": "IIMundated0001", "fatalities": 0, "fatalities_low": 0, "fatalities_high": 0,
         "source": "Shafaq News", "article_id": HOSTILE_ARTICLE_ID, "source_articles": HOSTILE_ARTICLE_ID,
         "notes": "An undated clash.", "geo_precision": 3, "latitude": 35.47, "longitude": 44.39,
         "location": "", "method": "test", "dataset": "extracted"},
    ])
    write_table(incidents, folder / "incidents.csv", INCIDENT_COLUMNS)
    write_table(articles, folder / "articles.csv", ARTICLE_COLUMNS)
    return folder
