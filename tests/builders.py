"""Builders of test data that exist only for the tests (imported by name: ``from builders import tiny``).

``tiny()`` is a hand-written incident table whose query results are known by heart; the synthetic
tables of any size come from the product's own ``incidents.dataset.synth.generate``.
"""

from __future__ import annotations

import pandas as pd

from incidents.dataset.synth import ARMY, CIV, COALITION, IS, PMF, POLICE, UNID
from incidents.schema import ARTICLE_COLUMNS, ARTICLE_DTYPES, INCIDENT_COLUMNS, INCIDENT_DTYPES

# (article_id, text, outlet, published) of the three tiny articles
TINY_ARTICLES = (
    ("a1", "Gunmen attacked a checkpoint near Hawija on Tuesday, killing three soldiers.\n", "Rudaw",
     "2024-12-11"),
    ("a2", "An IED exploded in Diyala. Earlier, gunmen attacked a checkpoint near Hawija.\n", "Shafaq News",
     "2024-12-12"),
    ("a3", "<script>alert('x')</script> **Not bold** <b>statement</b> with no incident.\n", "Rudaw",
     "2024-12-13"),
)


def tiny() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(incidents, articles): seven incidents and three articles written by hand.

    IIM1 Kirkuk 2024-12-10 Battles (3 killed, 2-4; Rudaw + Shafaq News; article a1, also in a2);
    IIM2 Diyala undated IED, governorate only (article a2); IIM3 Anbar 2024-11-01 ACLED clash
    (10 killed); IIM4 Nineveh 2024-12-16 air strike (5 killed; "MOSUL" in notes; assoc actor
    Popular Mobilization Forces); IIM5 Salah ad-Din 2024-12-15 attack, fatalities unknown
    (source "Rudaw English"); SYR1 Syria 2024-12-11; IIM7 Kirkuk 2023-01-31 arrests, no
    coordinates. Article a3 (hostile HTML/markdown) has no incident.
    """
    t1 = TINY_ARTICLES[0][1]
    t2 = TINY_ARTICLES[1][1]
    q1 = "Gunmen attacked a checkpoint near Hawija"
    q2 = "An IED exploded in Diyala"
    rows = [
        dict(event_id="IIM1", event_date="2024-12-10", time_precision=1, event_type="Battles",
             sub_event_type="Armed clash", actor1=IS, actor2=ARMY, country="Iraq", admin1="Kirkuk",
             location="Hawija", latitude=35.32, longitude=43.78, geo_precision=1, fatalities=3,
             fatalities_low=2, fatalities_high=4, source="Rudaw; Shafaq News", notes="ISIS attack on a checkpoint.",
             quote=q1, article_id="a1", source_articles="a1; a2", span_start=t1.index(q1),
             span_end=t1.index(q1) + len(q1), dataset="extracted", date_start="2024-12-10", date_end="2024-12-10"),
        dict(event_id="IIM2", event_date=None, event_type="Explosions/Remote violence",
             sub_event_type="Remote explosive/landmine/IED", country="Iraq", admin1="Diyala", location="Diyala",
             latitude=33.9882, longitude=45.1046, geo_precision=3, fatalities=0, fatalities_low=0,
             fatalities_high=0, source="Shafaq News", quote=q2, article_id="a2", source_articles="a2",
             span_start=t2.index(q2), span_end=t2.index(q2) + len(q2), dataset="extracted"),
        dict(event_id="IIM3", event_date="2024-11-01", time_precision=3, event_type="Battles",
             sub_event_type="Armed clash", actor1=IS, actor2=ARMY, country="Iraq", admin1="Anbar", location="Ramadi",
             latitude=33.42, longitude=43.30, geo_precision=2, fatalities=10, source="Xinhua",
             notes="Clash near Ramadi.", dataset="acled", date_start="2024-11-01", date_end="2024-11-30"),
        dict(event_id="IIM4", event_date="2024-12-16", time_precision=1, event_type="Explosions/Remote violence",
             sub_event_type="Air/drone strike", actor1=COALITION, assoc_actor_1=f"{ARMY}; {PMF}", actor2=IS,
             country="Iraq", admin1="Nineveh", location="Mosul", latitude=36.34, longitude=43.13, geo_precision=1,
             fatalities=5, source="AFP", notes="Air strike on a MOSUL hideout.", dataset="acled"),
        dict(event_id="IIM5", event_date="2024-12-15", time_precision=1, event_type="Violence against civilians",
             sub_event_type="Attack", actor1=UNID, actor2=CIV, country="Iraq", admin1="Salah ad-Din",
             location="Tikrit", latitude=34.60, longitude=43.68, geo_precision=1, fatalities=None,
             source="Rudaw English", notes="Gunmen attacked a shepherd.", dataset="extracted"),
        dict(event_id="SYR1", event_date="2024-12-11", time_precision=1, event_type="Battles",
             sub_event_type="Armed clash", actor1="Islamic State (Syria)", country="Syria", admin1="Hasakah",
             location="Hasakah", latitude=36.50, longitude=40.75, geo_precision=1, fatalities=1, source="AFP",
             dataset="acled"),
        dict(event_id="IIM7", event_date="2023-01-31", time_precision=1, event_type="Strategic developments",
             sub_event_type="Arrests", actor1=POLICE, actor2=IS, country="Iraq", admin1="Kirkuk", location=None,
             latitude=None, longitude=None, geo_precision=None, fatalities=0, arrested=4, source="Shafaq News",
             notes="Four suspects arrested.", dataset="extracted"),
    ]
    inc = pd.DataFrame(rows).reindex(columns=list(INCIDENT_COLUMNS))
    for c in INCIDENT_COLUMNS:
        inc[c] = inc[c].astype(INCIDENT_DTYPES.get(c, "string"))
    arts = pd.DataFrame([
        {"article_id": aid, "file": f"tiny/{aid}.txt", "part": 1, "title": f"Article {aid}", "outlet": outlet,
         "published": published, "published_precision": "day", "char_start": 0, "char_end": len(text),
         "chrome_spans": "[]", "dataset": "extracted", "text": text}
        for aid, text, outlet, published in TINY_ARTICLES
    ], columns=list(ARTICLE_COLUMNS))
    for c in ARTICLE_COLUMNS:
        arts[c] = arts[c].astype(ARTICLE_DTYPES.get(c, "string"))
    return inc, arts
