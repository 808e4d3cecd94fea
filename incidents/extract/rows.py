"""An event mention as an incident row: the columns of ``incidents.schema.INCIDENT_COLUMNS`` and a note.

``incident_row(mention, article) -> dict`` turns one ``mentions.EventMention`` into a row keyed by
INCIDENT_COLUMNS plus private "_" keys that dedupe reads (dropped by the build). ``make_note(row)``
writes the one-sentence note from a row's final fields; ``source_scale(outlet)`` is ACLED's scale.
"""

from __future__ import annotations

import re

from incidents.extract.actors import inter_code, interaction
from incidents.extract.columns import date_columns, location_columns, span_text
from incidents.extract.mentions import EventMention
from incidents.extract.types import STRATEGIC
from incidents.extract.vocab import read_list, read_pairs
from incidents.schema import INCIDENT_COLUMNS

# ISO 3166-1 numeric codes (ACLED's iso column) of Iraq and its neighbours
ISO_NUMERIC = {country: int(code) for country, code in read_pairs("iso_numeric.csv").items()}
# outlets based in Iraq (ACLED source_scale "National"); any other named outlet is "International"
IRAQI_OUTLETS = frozenset(read_list("iraqi_outlets.txt"))


def fmt_int(v: int | None):
    """An ACLED code as an int, "" for None."""
    return "" if v is None else int(v)


def note_text(etype: str, stype: str, actor1: str, actor2: str, location: str, admin1: str, country: str,
          counts: dict[str, tuple[int, int, int | None]]) -> str:
    """One short sentence made from the fields, e.g. "Air/drone strike by ... on ... in Kirkuk: 4 killed."."""
    who = f" by {actor1}" if actor1 else ""
    whom = f" against {actor2}" if actor2 else ""
    where_parts = [p for p in (location, admin1 if admin1 != location else "",
                               country if not admin1 and country != location else "") if p]
    relative = re.match(r"(?:\d|near\b|(?:north|south|east|west)\w*\s+of\b|outskirts)", location or "", re.I)
    where = (" " if relative else " in ") + ", ".join(where_parts) if where_parts else ""
    bits = []
    for kind in ("killed", "wounded", "arrested"):
        if kind in counts:
            low, best, high = counts[kind]
            if high is not None and high != best:
                bits.append(f"{low}-{high} {kind}")
            elif high is None and kind == "killed" and best and stype != "Attack":
                bits.append(f"at least {best} {kind}")
            else:
                bits.append(f"{best} {kind}")
    tail = f": {', '.join(bits)}" if bits else ""
    return f"{stype}{who}{whom}{where}{tail}."


def source_scale(outlet: str) -> str:
    """ACLED source_scale of an outlet: "National" (Iraqi outlet), "International", or "" (not named)."""
    if not outlet:
        return ""
    return "National" if outlet.strip().lower() in IRAQI_OUTLETS else "International"


def make_note(row: dict) -> str:
    """The one-sentence note of a row, made from its (final) fields."""
    counts: dict[str, tuple[int, int, int | None]] = {}
    if row.get("fatalities") not in ("", None):
        high = row.get("fatalities_high")
        counts["killed"] = (int(row.get("fatalities_low") or row["fatalities"]), int(row["fatalities"]),
                            int(high) if high not in ("", None) else None)
    for kind in ("wounded", "arrested"):
        if row.get(kind) not in ("", None):
            counts[kind] = (int(row[kind]), int(row[kind]), int(row[kind]))
    note = note_text(str(row.get("event_type", "")), str(row.get("sub_event_type", "")), str(row.get("actor1", "")),
                 str(row.get("actor2", "")), str(row.get("location", "")), str(row.get("admin1", "")),
                 str(row.get("country", "")), counts)
    if row.get("_objects"):   # "11 hideouts; 3 tunnels; 23 explosive devices" as the text counts them
        note = f"{note[:-1]} ({row['_objects']})."
    return note


def _count_columns(c: dict) -> dict:
    """fatalities (best, low, high), wounded and arrested from summed counts ("" when not stated)."""
    fat = c.get("killed")
    return {"fatalities": fat[1] if fat else "", "fatalities_low": fat[0] if fat else "",
            "fatalities_high": (fat[2] if fat[2] is not None else "") if fat else "",
            "wounded": c["wounded"][1] if "wounded" in c else "",
            "arrested": c["arrested"][1] if "arrested" in c else ""}


def incident_row(m: EventMention, article, source_span: tuple[int, int], continues: bool) -> dict:
    """The row of one mention: INCIDENT_COLUMNS plus private keys for dedupe.

    In: the mention, its article (outlet, id, text), the mention's span in ``article.text`` and whether
    it continues the event told before (an anaphor with a row in this or the previous paragraph).
    """
    s0, s1 = source_span
    inter1, inter2 = inter_code(m.actor1), inter_code(m.actor2)
    loc = m.location
    row = {k: "" for k in INCIDENT_COLUMNS}
    row.update(date_columns(m.date))
    row.update(location_columns(loc))
    row.update(_count_columns(m.counts))
    row.update({
        "disorder_type": "Strategic developments" if m.event_type == STRATEGIC else "Political violence",
        "event_type": m.event_type, "sub_event_type": m.sub_event_type,
        "actor1": m.actor1, "inter1": fmt_int(inter1), "actor2": m.actor2, "inter2": fmt_int(inter2),
        "interaction": fmt_int(interaction(inter1, inter2)),
        "civilian_targeting": "Civilian targeting" if m.actor2.startswith("Civilians") else "",
        "iso": ISO_NUMERIC.get(m.country, ""), "region": "Middle East", "country": m.country,
        "source": article.outlet, "source_scale": source_scale(article.outlet),
        "notes": note_text(m.event_type, m.sub_event_type, m.actor1, m.actor2, loc.location if loc is not None else "",
                           row["admin1"], m.country, m.counts),
        "tags": "", "timestamp": 0, "source_articles": article.article_id, "article_id": article.article_id,
        "span_start": s0, "span_end": s1, "quote": article.text[s0:s1], "method": m.trigger.rule,
        "dataset": "extracted",
        "place_span": span_text(article, m.place_span), "date_span": span_text(article, m.date_span) if m.date else "",
        "count_spans": ";".join(span_text(article, x) for x in sorted(set(m.count_spans))),
        "_title": m.is_title, "_continues": continues, "_family": m.trigger.family, "_priority": m.trigger.priority,
        "_paragraph": m.paragraph, "_sentence": m.clause.sentence.start,
        "_own_place": (loc is not None and not m.place_from_dateline and not m.place_on_border
                       and m.clause.sentence.start <= loc.start < m.clause.sentence.end),
        "_weak_place": m.place_from_dateline or m.place_on_border, "_border_place": m.place_on_border,
        "_region": bool(loc is not None and loc.region),
        "_own_date": m.own_date, "_objects": m.objects, "_fat_vague": m.fat_vague,
    })
    return row
