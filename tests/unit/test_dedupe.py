"""Dedupe (incidents/extract/dedupe.py): small rows built inline, merged or kept apart."""

from __future__ import annotations

import hashlib

import pytest

from incidents.extract.dedupe import (
    dedupe,
    event_id,
    merge,
    month_days_disagree_with_date,
    on_region_side,
    same_attack_placed_by_country,
    same_deed_at_one_place,
    same_incident,
)
from incidents.extract.linking import link_article
from incidents.schema import INCIDENT_COLUMNS


def row(**kw) -> dict:
    base = {c: "" for c in INCIDENT_COLUMNS}
    base.update(dict(article_id="a1", source_articles=kw.get("article_id", "a1"), span_start=0, span_end=10,
                     event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                     actor1="Military Forces of Iraq: Air Force", actor2="Islamic State (Iraq)", country="Iraq",
                     admin1="Kirkuk", location="Kirkuk", latitude=35.468, longitude=44.392, geo_precision=1,
                     _family="air", _priority=70, _paragraph=0, _title=False, _continues=False, source="Outlet A"))
    base.update(kw)
    return base


@pytest.mark.parametrize(("a", "b", "same"), [
    (row(), row(span_start=50, span_end=90), True),
    (row(), row(admin1="Diyala", location="Baqubah", latitude=33.75, longitude=44.6), False),
    (row(), row(latitude=36.5, longitude=44.0, location="far place"), False),            # > 75 km
    (row(), row(latitude=35.62, longitude=44.4, location="Town B", geo_precision=1), False),   # 17 km, two towns
    (row(), row(latitude=35.62, longitude=44.4, location="north of Kirkuk", geo_precision=2), True),
    (row(date_start="2024-12-09", date_end="2024-12-15"), row(date_start="2024-12-12", date_end="2024-12-12"), True),
    (row(date_start="2024-12-01", date_end="2024-12-01"), row(date_start="2024-12-12", date_end="2024-12-12"), False),
    (row(fatalities=4, fatalities_low=4, fatalities_high=4), row(fatalities=13, fatalities_low=13, fatalities_high=13),
     False),
    (row(fatalities=3, fatalities_low=3, fatalities_high=9), row(fatalities=4, fatalities_low=4, fatalities_high=4), True),
    (row(sub_event_type="Arrests", _family="arrest"), row(), False),
    (row(actor1="Islamic State (Iraq)", actor2="Police Forces of Iraq"), row(), False),        # opposite sides
    (row(actor1="Military Forces of Iraq: Joint Operations Command"), row(), False),            # two named branches
    (row(actor1="Coalition Forces"), row(), True),                                             # coalition supports
    # two articles: undated rows are never merged, dated ones are
    (row(), row(article_id="a2", source_articles="a2"), False),
    (row(date_start="2024-12-10", date_end="2024-12-10"),
     row(article_id="a2", source_articles="a2", date_start="2024-12-10", date_end="2024-12-10"), True),
    # two articles, one undated: the same named attacker on the same target at the same town, both deadly, is
    # one attack told with an early and a later toll; a generic attacker or another target is not enough
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Daquq", date_start="2022-03-04", date_end="2022-03-04", fatalities=7, fatalities_low=7),
     row(article_id="a2", source_articles="a2", sub_event_type="Attack", _family="clash", location="Daquq",
         actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)", fatalities=2, fatalities_low=2), True),
    (row(sub_event_type="Attack", _family="clash", actor1="Unidentified Armed Group (Iraq)",
         actor2="Civilians (Iraq)", location="Daquq", date_start="2022-03-04", date_end="2022-03-04", fatalities=7),
     row(article_id="a2", source_articles="a2", sub_event_type="Attack", _family="clash", location="Daquq",
         actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)", fatalities=2), False),
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Daquq", date_start="2022-03-04", date_end="2022-03-04", fatalities=7),
     row(article_id="a2", source_articles="a2", sub_event_type="Attack", _family="clash", location="Daquq",
         actor1="Islamic State (Iraq)", actor2="Police Forces of Iraq", fatalities=2), False),
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Daquq", date_start="2022-03-04", date_end="2022-03-04"),
     row(article_id="a2", source_articles="a2", sub_event_type="Attack", _family="clash", location="Daquq",
         actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)"), False),
    # two articles, one attack whose toll the reports give differently (early and revised counts)
    (row(sub_event_type="Armed clash", _family="clash", actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq",
         date_start="2023-06-10", date_end="2023-06-10", fatalities=2, fatalities_low=2, fatalities_high=2),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash",
         actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq", date_start="2023-06-11", date_end="2023-06-11",
         fatalities=3, fatalities_low=3, fatalities_high=3), True),
    # ... but not three days apart, nor against another target, nor in another governorate
    (row(sub_event_type="Armed clash", actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq",
         date_start="2023-06-08", date_end="2023-06-08", fatalities=2, fatalities_low=2, fatalities_high=2),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", actor1="Islamic State (Iraq)",
         actor2="Military Forces of Iraq", date_start="2023-06-11", date_end="2023-06-11",
         fatalities=3, fatalities_low=3, fatalities_high=3), False),
    (row(sub_event_type="Armed clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         date_start="2023-06-10", date_end="2023-06-10", fatalities=2, fatalities_low=2, fatalities_high=2),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", actor1="Islamic State (Iraq)",
         actor2="Military Forces of Iraq", date_start="2023-06-11", date_end="2023-06-11",
         fatalities=3, fatalities_low=3, fatalities_high=3), False),
    (row(sub_event_type="Armed clash", actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq",
         date_start="2023-06-10", date_end="2023-06-10", fatalities=2, fatalities_low=2, fatalities_high=2),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", actor1="Islamic State (Iraq)",
         actor2="Military Forces of Iraq", date_start="2023-06-11", date_end="2023-06-11", admin1="Diyala",
         location="Baqubah", latitude=33.75, longitude=44.6, fatalities=3, fatalities_low=3, fatalities_high=3), False),
    # two articles dated to one day at one town: one deadly attack by the same named attacker, however each
    # outlet types it and counts its dead; not with a generic attacker, on another day or at another town
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Makhmour", date_start="2021-12-02", date_end="2021-12-02", fatalities=10, fatalities_low=10,
         fatalities_high=10),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash", location="Makhmour",
         actor1="Islamic State (Iraq)", actor2="Military Forces of Iraqi Kurdistan: Peshmerga",
         date_start="2021-12-02", date_end="2021-12-02", fatalities=12, fatalities_low=12,
         fatalities_high=12), True),
    (row(sub_event_type="Attack", _family="clash", actor1="Unidentified Armed Group (Iraq)", actor2="Civilians (Iraq)",
         location="Makhmour", date_start="2021-12-02", date_end="2021-12-02", fatalities=10, fatalities_low=10,
         fatalities_high=10),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash", location="Makhmour",
         actor1="Unidentified Armed Group (Iraq)", actor2="Military Forces of Iraq",
         date_start="2021-12-02", date_end="2021-12-02", fatalities=12, fatalities_low=12,
         fatalities_high=12), False),
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Makhmour", date_start="2021-12-02", date_end="2021-12-02", fatalities=10, fatalities_low=10,
         fatalities_high=10),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash", location="Makhmour",
         actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq",
         date_start="2021-11-28", date_end="2021-12-04", fatalities=12, fatalities_low=12,
         fatalities_high=12), False),
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Makhmour", date_start="2021-12-02", date_end="2021-12-02", fatalities=10, fatalities_low=10,
         fatalities_high=10),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash", location="Gwer",
         latitude=35.5, longitude=43.5, actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq",
         date_start="2021-12-02", date_end="2021-12-02", fatalities=12, fatalities_low=12,
         fatalities_high=12), False),
    # two articles, one undated (its article dated), same town and same toll: one event, unless the targets contradict
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Daquq", fatalities=4, fatalities_low=4, fatalities_high=4, _published="2022-03-05"),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash", location="Daquq",
         actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)", date_start="2022-03-04", date_end="2022-03-04",
         fatalities=4, fatalities_low=4, fatalities_high=4), True),
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Daquq", fatalities=4, fatalities_low=4, fatalities_high=4),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash", location="Daquq",
         actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq", fatalities=4, fatalities_low=4,
         fatalities_high=4), False),
    # ... but a report that nothing dates (no day, no publication day, no weekday) and a common toll is not
    # proven the same: a toll of four in Daquq fits every year's attacks there; a toll of twelve is rarer
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Daquq", fatalities=4, fatalities_low=4, fatalities_high=4),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash", location="Daquq",
         actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)", date_start="2022-03-04", date_end="2022-03-04",
         fatalities=4, fatalities_low=4, fatalities_high=4), False),
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Daquq", fatalities=12, fatalities_low=12, fatalities_high=12),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash", location="Daquq",
         actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)", date_start="2022-03-04", date_end="2022-03-04",
         fatalities=12, fatalities_low=12, fatalities_high=12), True),
    (row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
         location="Daquq", fatalities=4, fatalities_low=4, fatalities_high=4, quote="Four civilians were killed on Friday"),
     row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash", location="Daquq",
         actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)", date_start="2022-03-04", date_end="2022-03-04",
         fatalities=4, fatalities_low=4, fatalities_high=4), True),
])
def test_same_incident(a, b, same):
    assert same_incident(a, b) is same


def test_merge_keeps_precise_fields_and_first_span():
    a = row(span_start=100, span_end=180, location="Kirkuk", geo_precision=3, fatalities="", source="Outlet A")
    b = row(article_id="a2", source_articles="a2", span_start=5, span_end=60, location="Wadi al-Shay",
            geo_precision=2, latitude=35.3, longitude=44.3, date_start="2024-12-09", date_end="2024-12-15",
            time_precision=2, fatalities=3, fatalities_low=3, fatalities_high=9, source="Outlet B")
    a.update(date_start="2024-12-10", date_end="2024-12-10", time_precision=1)
    (m,) = dedupe([a, b])
    assert (m["article_id"], m["span_start"], m["span_end"]) == ("a1", 100, 180)
    assert m["location"] == "Wadi al-Shay" and m["geo_precision"] == 2
    assert (m["date_start"], m["time_precision"]) == ("2024-12-10", 1)
    assert (m["fatalities"], m["fatalities_high"]) == (3, 9)
    assert m["source_articles"] == "a1; a2"
    assert m["source"] == "Outlet A; Outlet B"
    assert m["event_id"] == event_id("a1", 100, 180)


def test_title_rows_lend_fields_but_never_stand_alone():
    title = row(span_start=0, span_end=40, fatalities=4, fatalities_low=4, fatalities_high=4, _title=True,
                sub_event_type="Armed clash", _family="kill")
    body = row(span_start=100, span_end=200, fatalities=2, fatalities_low=2, fatalities_high="",
               sub_event_type="Armed clash", _family="kill", _fat_vague=True)   # "an entire unit"
    lonely = row(span_start=0, span_end=40, _title=True, admin1="Diyala", location="Baqubah", latitude=33.75,
                 longitude=44.6)
    out = dedupe([title, body, lonely])
    assert len(out) == 1
    assert (out[0]["span_start"], out[0]["fatalities"]) == (100, 4)


def test_continuation_joins_the_event_before_it_without_moving_it():
    first = row(span_start=0, span_end=50, _paragraph=3)
    cont = row(span_start=60, span_end=120, _paragraph=3, _continues=True, sub_event_type="Disrupted weapons use",
               _family="disrupted", location="Hamrin Mountains", admin1="Kirkuk", geo_precision=2, wounded=2)
    (m,), _ = link_article([first, cont])   # inside one article, linking folds it (dedupe did before)
    assert (m["location"], m["sub_event_type"], m["wounded"]) == ("Kirkuk", "Air/drone strike", 2)


def test_event_id_is_the_documented_hash():
    digest = hashlib.sha256(b"a64a90ba762d0f485:974:1147").hexdigest()[:12]
    assert event_id("a64a90ba762d0f485", 974, 1147) == "IIM" + digest


def test_headline_number_does_not_replace_a_stated_open_count():
    title = row(span_start=0, span_end=40, fatalities=3, fatalities_low=3, fatalities_high=3, _title=True)
    body = row(span_start=100, span_end=200, fatalities=3, fatalities_low=3, fatalities_high="")  # "at least three"
    (m,) = dedupe([title, body])
    assert (m["fatalities_low"], m["fatalities_high"]) == (3, "")


def test_two_agencies_reporting_one_kirkuk_attack_with_different_tolls_give_one_row(tmp_path):
    """Real copy (dev part): AFP's 'Three Iraqi soldiers were killed ... Sunday' and IANS's 'Two Iraqi
    Army officers were killed ... Saturday night' on one attack in Kirkuk province: one incident, two sources."""
    import csv

    from incidents import ROOT
    from incidents.corpus.articles import load_corpus
    from incidents.corpus.metadata import apply_metadata, read_metadata
    from incidents.dataset.build import extract_rows

    incoming = ROOT / "tests" / "fixtures" / "real" / "incoming"
    names = ["w005_afp_kirkuk_wadi_al_naft_barracks_attack.txt", "w007_ians_kirkuk_dibis_army_outpost_attack.txt"]
    sidecar = tmp_path / "metadata.csv"
    with open(sidecar, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["file", "url", "outlet", "published", "title"], extrasaction="ignore")
        writer.writeheader()
        for index in sorted(incoming.glob("index_*.csv")):
            with open(index, encoding="utf-8", newline="") as fh:
                writer.writerows(r for r in csv.DictReader(fh) if r["file"] in names)
    articles, problems = load_corpus([incoming / n for n in names])
    metadata, bad = read_metadata(sidecar)
    assert not problems and not bad
    articles, _ = apply_metadata(articles, metadata)
    rows = [r for r in extract_rows(articles) if r["sub_event_type"] == "Armed clash" and r["admin1"] == "Kirkuk"]
    assert len(rows) == 1, [r["quote"][:60] for r in rows]
    assert len(rows[0]["source_articles"].split("; ")) == 2


def test_an_undated_early_report_of_a_deadly_attack_joins_the_dated_one_through_the_pools():
    """dedupe() itself (its pools, not only ``same_incident``) finds the dated row for an undated report of
    the same attack at the same town with another toll, and keeps an attack at another town apart."""
    dated = row(sub_event_type="Attack", _family="clash", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
                location="Daquq", date_start="2022-03-04", date_end="2022-03-04", fatalities=7, fatalities_low=7)
    early = row(article_id="a2", source_articles="a2", sub_event_type="Attack", _family="clash", location="Daquq",
                actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)", fatalities=2, fatalities_low=2)
    elsewhere = dict(early, article_id="a3", source_articles="a3", location="Hawija", latitude=35.33, longitude=43.77)
    merged = dedupe([dated, early, elsewhere])
    assert len(merged) == 2
    assert merged[0]["source_articles"].split("; ") == ["a1", "a2"]
    assert merged[0]["fatalities"] == 7


def test_a_report_dated_by_a_third_article_then_joins_a_dated_one():
    """dedupe's second look: an undated report joins a dated one of its toll (same town), and that date lets
    a third, dated report with another toll and type join it too, whatever order the articles come in;
    two rows of one article never join."""
    kw = dict(actor1="Islamic State (Iraq)", location="Makhmour", _family="clash")
    undated = row(sub_event_type="Attack", actor2="Civilians (Iraq)", fatalities=10, **kw)
    other_toll = row(article_id="a2", source_articles="a2", sub_event_type="Armed clash",
                     actor2="Military Forces of Iraqi Kurdistan: Peshmerga", date_start="2021-12-02",
                     date_end="2021-12-02", fatalities=12, **kw)
    same_toll = row(article_id="a3", source_articles="a3", sub_event_type="Attack", actor2="Civilians (Iraq)",
                    date_start="2021-12-02", date_end="2021-12-02", fatalities=10, **kw)
    merged = dedupe([undated, other_toll, same_toll])
    assert len(merged) == 1
    assert sorted(merged[0]["source_articles"].split("; ")) == ["a1", "a2", "a3"]
    twin = dict(other_toll, article_id="a1", source_articles="a1", span_start=200, span_end=260)
    assert len(dedupe([undated, twin, same_toll])) == 2


@pytest.mark.parametrize(("b", "same"), [
    (dict(_published="2024-10-22"), True),                         # the same day, the same toll of nine
    (dict(_published="2024-10-23", admin1="", location="Iraq", geo_precision=3), True),   # next day, country only
    (dict(_published="2024-10-27"), False),                         # five days later: another report
    (dict(_published="2024-10-22", fatalities=8, fatalities_low=8, fatalities_high=8), False),   # another toll
    (dict(_published="2024-10-22", admin1="Anbar", location="Rutba", latitude=33.04, longitude=40.28), False),
    (dict(_published=""), False),                                   # no publication day to compare
])
def test_two_undated_reports_of_one_toll_published_together_are_one_event(b, same):
    kw = dict(sub_event_type="Armed clash", _family="kill", actor1="Military Forces of Iraq: Counter-Terrorism Service",
              geo_precision=3,
              fatalities=9, fatalities_low=9, fatalities_high=9, _published="2024-10-22")
    a = row(**kw)
    other = row(**{**kw, "article_id": "a2", "source_articles": "a2", **b})
    assert same_incident(a, other) is same
    assert len(dedupe([a, other])) == (1 if same else 2)


def test_a_small_toll_reported_the_same_day_is_not_enough():
    kw = dict(sub_event_type="Armed clash", _family="kill", fatalities=2, fatalities_low=2, fatalities_high=2, geo_precision=3,
              _published="2024-10-22")
    assert not same_incident(row(**kw), row(**kw, article_id="a2", source_articles="a2"))


@pytest.mark.parametrize("told, same", [
    ("Militants stormed an army convoy on Thursday evening, killing four soldiers.", False),   # 2022-03-08 is a Tuesday
    ("Militants stormed an army convoy on Tuesday evening, killing four soldiers.", True),
    ("Militants ambushed an army convoy late on Monday night, killing four soldiers.", True),  # the night before
    ("Militants stormed an army convoy, killing four soldiers.", True),                        # no weekday told
])
def test_an_undated_report_naming_another_weekday_is_another_attack(told, same):
    """An undated report (its article has no publication day) still names a weekday; a dated attack at the same
    town on a day that is neither that weekday nor the morning after is another attack."""
    dated = row(sub_event_type="Armed clash", _family="clash", actor1="Islamic State (Iraq)",
                actor2="Military Forces of Iraq", location="Daquq", date_start="2022-03-08", date_end="2022-03-08",
                fatalities=3, fatalities_low=3)
    undated = row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash",
                  actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq", location="Daquq", fatalities=4,
                  fatalities_low=4, quote=told)
    assert (len(dedupe([dated, undated])) == 1) == same


@pytest.mark.parametrize("day, same", [
    ("2021-02-18", True),    # two days before the undated report's publication
    ("2021-02-21", True),    # the day after it (time zones)
    ("2022-12-14", False),   # after it: a later attack
    ("2020-06-01", False),   # months before it: not the news it tells
])
def test_an_undated_report_tells_an_event_shortly_before_its_publication(day, same):
    undated = row(article_id="a2", source_articles="a2", sub_event_type="Armed clash", _family="clash",
                  actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq", location="Tarmiyah", fatalities=3,
                  fatalities_low=3, fatalities_high=3, _published="2021-02-20")
    dated = dict(undated, article_id="a1", source_articles="a1", date_start=day, date_end=day, _published=day)
    assert (len(dedupe([dated, undated])) == 1) == same


@pytest.mark.parametrize("published, same", [
    ("2021-02-21", True),    # two undated reports of one toll at one town, a day apart: one event
    ("2021-03-10", True),    # within the month an undated report tells
    ("2019-09-22", False),   # a report of 2019: another year's event at that town
])
def test_two_undated_reports_published_far_apart_are_two_events(published, same):
    first = row(article_id="a1", source_articles="a1", sub_event_type="Armed clash", _family="clash",
                actor1="Popular Mobilization Forces", actor2="Islamic State (Iraq)", location="Tarmiyah",
                fatalities=6, fatalities_low=6, fatalities_high=6, _published="2021-02-20")
    second = dict(first, article_id="a2", source_articles="a2", _published=published)
    assert (len(dedupe([first, second])) == 1) == same


@pytest.mark.parametrize("target, same", [
    ("Police Forces of Iraq: Federal Police", True),   # one report names the branch, the other the force
    ("Police Forces of Iraq", True),
    ("Military Forces of Iraq", False),                 # soldiers, not policemen: another attack
])
def test_an_early_and_a_revised_toll_of_one_attack_meet_when_one_report_names_the_branch(target, same):
    early = row(article_id="a1", source_articles="a1", sub_event_type="Armed clash", _family="clash",
                actor1="Islamic State (Iraq)", actor2="Police Forces of Iraq: Federal Police", location="Rashad",
                latitude=35.05, longitude=44.25, fatalities=11, fatalities_low=11, fatalities_high=11,
                date_start="2023-03-04", date_end="2023-03-04")
    revised = dict(early, article_id="a2", source_articles="a2", actor2=target, location="south of Kirkuk",
                   latitude=35.2, longitude=44.3, geo_precision=2, fatalities=14, fatalities_low=14, fatalities_high=14,
                   date_start="2023-03-05", date_end="2023-03-05")
    assert (len(dedupe([early, revised])) == 1) == same


@pytest.mark.parametrize("victims, same", [
    ("Civilians (Iraq)", True),
    ("Police Forces of Iraq", False),   # farmers shot in one report, policemen in the other: two attacks
])
def test_two_undated_reports_of_one_village_and_toll_need_targets_that_agree(victims, same):
    told = "Gunmen killed six people in the village of Kharab Jabr near Rashad"
    first = row(article_id="a1", source_articles="a1", sub_event_type="Attack", _family="kill",
                event_type="Violence against civilians", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
                location="Rashad", latitude=35.05, longitude=44.25, fatalities=6, fatalities_low=6, fatalities_high=6,
                quote=told)
    second = dict(first, article_id="a2", source_articles="a2", actor2=victims, quote=told.replace("people", "men"))
    assert (len(dedupe([first, second])) == 1) == same


def test_a_range_put_in_two_governorates_by_two_undated_reports_is_two_places():
    one = row(article_id="a1", source_articles="a1", location="Hamrin Mountains", geo_precision=2, admin1="Kirkuk",
              latitude=34.79, longitude=44.25, fatalities=3, fatalities_low=3, fatalities_high=3, _published="2021-12-27")
    other = dict(one, article_id="a2", source_articles="a2", admin1="Salah ad-Din", fatalities=2, fatalities_low=2,
                 fatalities_high=2)
    assert len(dedupe([one, other])) == 2
    assert len(dedupe([one, dict(other, admin1="Kirkuk")])) == 1   # one governorate: one strike, tolls told apart


@pytest.mark.parametrize("published, same", [
    ("2023-05-14", True),   # one report published: the other's attack with a revised toll is that week's
    ("", False),            # nothing puts either in a year: four killed at one town in one, one in the other
])
def test_two_tolls_at_one_town_need_a_report_that_says_when(published, same):
    first = row(article_id="a1", source_articles="a1", sub_event_type="Attack", _family="kill",
                event_type="Violence against civilians", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
                location="Daquq", latitude=35.14, longitude=44.45, fatalities=4, fatalities_low=4, fatalities_high=4,
                _published=published, quote="ISIS militants killed four civilians in Daquq")
    second = dict(first, article_id="a2", source_articles="a2", fatalities=1, fatalities_low=1, fatalities_high=1,
                  _published="", quote="ISIS militants shot dead a civilian on Thursday")
    assert (len(dedupe([first, second])) == 1) == same


@pytest.mark.parametrize("toll, same", [
    (3, True),    # an early and a revised toll of one attack
    (1, False),   # a report that nothing dates, four killed against one: another attack at that town
])
def test_a_report_nothing_dates_joins_a_dated_attack_only_on_a_close_toll(toll, same):
    dated = row(article_id="a1", source_articles="a1", sub_event_type="Attack", _family="kill",
                event_type="Violence against civilians", actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)",
                location="Khanaqin", latitude=34.35, longitude=45.39, fatalities=toll, fatalities_low=toll,
                fatalities_high=toll, date_start="2020-02-12", date_end="2020-02-12", _published="2020-02-12",
                quote="ISIS militants killed villagers in Khanaqin on Wednesday")
    undatable = dict(dated, article_id="a2", source_articles="a2", fatalities=4, fatalities_low=4, fatalities_high=4,
                     date_start="", date_end="", _published="", quote="Militants abduct and kill four villagers")
    assert (len(dedupe([dated, undatable])) == 1) == same


def _attack(article: str, day: str, killed: int, **kw) -> dict:
    """A deadly attack of the Islamic State on the police, as one article reports it."""
    fields = dict(article_id=article, source_articles=article, date_start=day, date_end=day, time_precision=1,
                  event_type="Battles", sub_event_type="Armed clash", _family="clash", actor1="Islamic State (Iraq)",
                  actor2="Police Forces of Iraq", fatalities=killed, fatalities_low=killed, fatalities_high=killed)
    fields.update(kw)
    return row(**fields)


_IN_THE_COUNTRY = dict(admin1="", location="Iraq", latitude="", longitude="", geo_precision=3)


@pytest.mark.parametrize(("other", "same"), [
    # the development articles' case: 13 police killed "in rural northern Iraq" on Saturday night, 16 at Al-Rashad
    (_attack("a2", "2024-09-05", 16), True),
    (_attack("a2", "2024-09-05", 16, actor2="Police Forces of Iraq: Federal Police"), True),   # a branch named
    (_attack("a2", "2024-09-05", 40), False),                                   # tolls too far apart
    (_attack("a2", "2024-09-12", 16), False),                                   # a week later
    (_attack("a2", "2024-09-05", 16, actor2="Military Forces of Iraq"), False),  # another force attacked
    (_attack("a2", "2024-09-05", 16, actor1="Unidentified Armed Group (Iraq)"), False),   # no attacker named
    (_attack("a2", "2024-09-05", 16, **_IN_THE_COUNTRY), False),               # both placed by the country only
])
def test_a_report_placing_the_attack_only_in_the_country_joins_the_placed_one(other, same):
    vague = _attack("a1", "2024-09-04", 13, **_IN_THE_COUNTRY)
    assert same_attack_placed_by_country(vague, other) is same
    assert same_incident(vague, other) is same


def _kidnap(article: str, day: str, **kw) -> dict:
    """Villagers kidnapped by the Islamic State west of Kirkuk, told as an attack (one killed) by one article."""
    fields = dict(sub_event_type="Attack", _family="abduction", actor2="Civilians (Iraq)", location="west of Kirkuk",
                  geo_precision=2)
    fields.update(kw)
    return _attack(article, day, 1, **fields)


@pytest.mark.parametrize(("other", "same"), [
    # the development articles' case: "an abduction" west of Kirkuk late on Wednesday, "an attack ... a villager
    # kidnapped" there early on Thursday
    (_kidnap("a2", "2024-09-02"), True),
    (_kidnap("a2", "2024-09-04"), False),                                       # two days on
    (_kidnap("a2", "2024-09-02", location="Hawija"), False),                    # another place
    (_kidnap("a2", "2024-09-02", _family="clash"), False),                      # another deed
    (_kidnap("a2", "2024-09-02", actor2="Military Forces of Iraq"), False),     # another target
])
def test_one_deed_told_as_two_sub_event_types_at_one_place_is_one_event(other, same):
    first = _kidnap("a1", "2024-09-01", sub_event_type="Abduction/forced disappearance", fatalities="",
                    fatalities_low="", fatalities_high="")
    assert same_deed_at_one_place(first, other) is same
    assert same_incident(first, other) is same


def _makhmour(article: str, killed: int, **kw) -> dict:
    """The development articles' attack on a village of Makhmour on 2 December 2021, as one outlet tells it."""
    fields = dict(article_id=article, source_articles=article, date_start="2021-12-02", date_end="2021-12-02",
                  time_precision=1, event_type="Violence against civilians", sub_event_type="Attack", _family="clash",
                  actor1="Islamic State (Iraq)", actor2="Civilians (Iraq)", admin1="Erbil", location="Makhmour",
                  latitude=35.78, longitude=43.58, geo_precision=2, fatalities=killed, fatalities_low=killed,
                  fatalities_high=killed, span_start=int(article[1:]) * 10)
    fields.update(kw)
    return row(**fields)


_PESHMERGA = dict(event_type="Battles", sub_event_type="Armed clash", geo_precision=1,
                  actor2="Military Forces of Iraqi Kurdistan: Peshmerga")
_ONLY_ERBIL = dict(location="Erbil", latitude=36.19, longitude=44.01, geo_precision=3)


def test_a_report_that_is_one_incident_with_two_rows_joins_them():
    # 12 Peshmerga killed in one report, 10 civilians "in Erbil" in another: not provably one attack; a third report
    # (12 civilians killed at Makhmour that day) is the same attack as each, so the three are one row
    first, second = _makhmour("a1", 12, **_PESHMERGA), _makhmour("a2", 10, **_ONLY_ERBIL)
    assert not same_incident(first, second)
    third = _makhmour("a3", 12)
    assert same_incident(first, third) and same_incident(second, third)
    out = dedupe([first, second, third])
    assert [set(r["source_articles"].split("; ")) for r in out] == [{"a1", "a2", "a3"}]



def _police_attack(article: str, killed: int, **kw) -> dict:
    """Police killed by the Islamic State on 4 September 2024, as one outlet tells it."""
    fields = dict(admin1="Kirkuk", location="Dibis", latitude=35.65, longitude=44.07, geo_precision=1,
                  span_start=int(article[1:]) * 10)
    fields.update(kw)
    return _attack(article, "2024-09-04", killed, **fields)


_BAIJI = dict(admin1="Salah al-Din", location="Baiji", latitude=34.93, longitude=43.49, geo_precision=1)


@pytest.mark.parametrize("third", [
    _police_attack("a3", 13, **_IN_THE_COUNTRY),                    # "13 police killed in Iraq"
    _police_attack("a3", 13, location="Kirkuk", latitude=35.47, longitude=44.39, geo_precision=3),  # the province
])
def test_a_report_placed_only_vaguely_does_not_join_two_attacks(third):
    # a Kirkuk attack (12 killed) and a Baiji attack (14 killed) that day; a report that places 13 killed no nearer
    # than the country or the province fits each, and ties neither to the other
    kirkuk, baiji = _police_attack("a1", 12), _police_attack("a2", 14, **_BAIJI)
    out = dedupe([kirkuk, baiji, third])
    assert sorted(r["location"] for r in out) == ["Baiji", "Dibis"]


def test_a_town_report_does_not_fold_an_attack_of_another_governorate():
    # the third report is the Dibis attack, and also fits the Baiji row (an outlet's 14 by the same attacker on
    # the same force, a day's slack); the two attacks stay two rows
    kirkuk, baiji = _police_attack("a1", 12), _police_attack("a2", 14, **_IN_THE_COUNTRY)
    baiji.update(_BAIJI)
    third = _police_attack("a3", 13)
    out = dedupe([kirkuk, baiji, third])
    assert len(out) == 2 and {r["location"] for r in out} == {"Baiji", "Dibis"}


def test_a_later_report_of_a_folded_rows_place_joins_the_bridged_row():
    # after the third report ties the two Makhmour rows together, a fourth that fits only the folded one
    # (10 killed "in Erbil" that day, civilians) joins the one row instead of standing alone
    first, second = _makhmour("a1", 12, **_PESHMERGA), _makhmour("a2", 10, **_ONLY_ERBIL)
    fourth = _makhmour("a4", 10, **_ONLY_ERBIL)
    out = dedupe([first, second, _makhmour("a3", 12), fourth])
    assert [set(r["source_articles"].split("; ")) for r in out] == [{"a1", "a2", "a3", "a4"}]


def _tuz(article: str, day: str, quote: str) -> dict:
    """Two Peshmerga killed by the Islamic State at Tuz Khurmatu, as one outlet tells it."""
    return _attack(article, day, 2, admin1="Salah ad-Din", location="Tuz Khurmatu", latitude=34.88,
                   longitude=44.63, geo_precision=1, actor2="Military Forces of Iraqi Kurdistan: Peshmerga",
                   quote=quote, _published=day)


@pytest.mark.parametrize(("day", "same"), [
    ("2024-11-17", False),   # the development articles' case: "on Saturday (May 13)" joined an attack of 17 November
    ("2023-05-13", True),    # the day told
    ("2023-05-14", True),    # a night attack told by the day after
    ("2023-05-16", False),   # three days on
])
def test_an_undated_report_naming_a_day_of_the_month_is_not_an_attack_of_another_day(day, same):
    told = _tuz("a1", "", "The militants also attacked the Kurdish forces in the village of Zarga on Saturday (May 13), "
                          "killing two Peshmerga.")
    told.update(date_start="", date_end="", time_precision="")
    dated = _tuz("a2", day, "Two Peshmerga were killed in an attack near Tuz Khurmatu.")
    assert month_days_disagree_with_date(told, dated) is not same
    assert same_incident(told, dated) is same


def test_a_part_of_a_governorate_fits_any_place_in_it_told_by_another_outlet():
    region = row(article_id="a2", admin1="Salah ad-Din", location="central Salah ad-Din", latitude=34.53,
                 longitude=43.48, geo_precision=2, _region=True, date_start="2024-05-13", date_end="2024-05-13")
    town = row(admin1="Salah ad-Din", location="Mutaibijah", latitude=34.35, longitude=44.08, geo_precision=2,
               date_start="2024-05-13", date_end="2024-05-13")
    assert same_incident(town, region)
    assert not same_incident(town, dict(region, _region=False))   # 57 km apart: two places
    assert not same_incident(town, dict(region, admin1="Diyala", location="central Diyala"))


@pytest.mark.parametrize("town, lat, lon, same", [
    ("Sharqat", 35.51722, 43.22806, True),     # in the north of the governorate
    ("Baiji", 34.92915, 43.48878, True),
    ("Tuz Khurmatu", 34.88808, 44.63256, True),  # north-east, still its northern half
    ("Samarra", 34.1959, 43.88568, False),     # the other end: another place
])
def test_a_northern_part_of_a_governorate_fits_only_places_on_its_side(town, lat, lon, same):
    region = row(article_id="a2", admin1="Salah ad-Din", location="northern Salah ad-Din", latitude=35.03375,
                 longitude=43.07991, geo_precision=2, _region=True, date_start="2024-05-13", date_end="2024-05-13")
    place = row(admin1="Salah ad-Din", location=town, latitude=lat, longitude=lon, geo_precision=1,
                date_start="2024-05-13", date_end="2024-05-13")
    assert same_incident(place, region) is same
    assert on_region_side(region, place) is same and on_region_side(place, region) is same


CTS_KILLED = dict(event_type="Battles", sub_event_type="Armed clash", _family="kill", _priority=10,
                  actor1="Military Forces of Iraq: Counter-Terrorism Service", fatalities=9)


def test_a_mention_that_names_the_means_types_an_event_of_its_side():
    strikes = row(span_start=50, span_end=90, actor1="Military Forces of Iraq", fatalities=9)   # "F-16 jets"
    assert merge(row(**CTS_KILLED), strikes)["sub_event_type"] == "Air/drone strike"
    defused = row(span_start=50, span_end=90, actor1="Military Forces of Iraq", event_type="Strategic developments",
                  sub_event_type="Disrupted weapons use", _family="disrupted", _priority=35)
    assert merge(row(**CTS_KILLED), defused)["sub_event_type"] == "Armed clash"   # no means: the event's type stays
    isis = row(span_start=50, span_end=90, actor1="Islamic State (Iraq)", actor2="Military Forces of Iraq")
    assert merge(row(**CTS_KILLED), isis)["sub_event_type"] == "Armed clash"       # the other side's weapon


def test_a_headline_names_the_masthead_less_than_the_story():
    from incidents.corpus.articles import load_text
    text = ("SpaceWar.com - Your World At War\nIraq air strikes kill nine suspects in deadly IS attack\n"
            "Iraqi air strikes on Saturday killed nine suspected terrorists implicated in a deadly attack, the military said.\n")
    articles, _ = load_text(text, "strikes.txt")
    assert articles[0].title == "Iraq air strikes kill nine suspects in deadly IS attack"
    text = ("Seven killed in market car bombing near Mosul\nA blast hit a market in al-Qayyara on Friday\n"
            "A car bomb killed seven people in a market in Qayyara south of Mosul on Friday, police said.\n")
    assert load_text(text, "market.txt")[0][0].title == "Seven killed in market car bombing near Mosul"
    # a headline in other words than its lead still shares a word told otherwise ("ambush" / "ambushed")
    text = ("Daesh ambush kills 3 troops\nSoldiers patrol in Diyala province on a file picture\nThree soldiers died "
            "when IS militants ambushed their patrol in Diyala province on Monday, officials said.\n")
    assert load_text(text, "ambush.txt")[0][0].title == "Daesh ambush kills 3 troops"


def test_one_toll_of_one_kind_on_one_day_in_one_governorate_joins_two_named_towns():
    safra = row(article_id="a2", sub_event_type="Remote explosive/landmine/IED", _family="ied", actor1="Islamic State (Iraq)",
                actor2="Police Forces of Iraq: Federal Police", location="Kirkuk", fatalities=9, date_start="2022-12-18",
                date_end="2022-12-18")
    riyadh = row(sub_event_type="Remote explosive/landmine/IED", _family="ied", actor1="Unidentified Armed Group (Iraq)",
                 actor2="Police Forces of Iraq", location="Al-Riyadh", latitude=35.27, longitude=43.91, fatalities=9,
                 date_start="2022-12-18", date_end="2022-12-18")
    assert same_incident(riyadh, safra)
    assert not same_incident(riyadh, dict(safra, fatalities=2))                       # another toll
    assert not same_incident(riyadh, dict(safra, date_start="2022-12-21", date_end="2022-12-21"))   # another day


@pytest.mark.parametrize("town, lat, lon, same", [
    ("Tarmiyah", 33.67444, 44.39583, True),      # 30 km from the drawn point, but north of Baghdad
    ("Mahmudiyah", 33.06221, 44.36564, False),   # south of the city: another place
])
def test_a_place_told_only_as_north_of_a_city_fits_a_town_that_way(town, lat, lon, same):
    day = dict(date_start="2021-09-29", date_end="2021-09-29", sub_event_type="Armed clash", _family="clash",
               actor1="Popular Mobilization Forces", admin1="Baghdad", fatalities=2)
    drawn = row(article_id="a2", location="north of Baghdad", latitude=33.40335, longitude=44.39328, geo_precision=2,
                **day)
    place = row(location=town, latitude=lat, longitude=lon, geo_precision=1, **dict(day, fatalities=""))
    assert same_incident(place, drawn) is same   # (no toll in one: the same toll told twice does not decide)
