"""Field-level provenance, confidence and review reasons of extracted incidents, and the evaluation
figures that use them (duplicates, actors, precision at confidence).

Articles are short texts of our own read by the real corpus loader, extracted by the real build
(``dataset.build.extract_rows``) with the shipped gazetteer; evaluation uses small inline tables.
"""

from __future__ import annotations

import pandas as pd

from incidents.corpus.articles import load_text
from incidents.dataset.build import extract_rows
from incidents.extract.confidence import WEIGHTS, assess, possible_repeats
from incidents.extract.evaluate import evaluate
from tests.unit.test_evaluate import BOMB, TEXT_A, TEXT_B, _arrest, _articles, _bomb, _gold, _pred_row

HEADER = "{title}\n\nBy Staff Writer {day} 10:20 am\n\n"


def _extract(*texts: tuple[str, str, str]) -> tuple[list[dict], dict[str, str]]:
    """(incident rows, article id -> text) of articles given as (file, title, body) on 14 June 2023."""
    articles = []
    for file, title, body in texts:
        found, problems = load_text(HEADER.format(title=title, day="June 14, 2023") + body + "\n", file)
        assert not problems
        articles += found
    return extract_rows(articles), {a.article_id: a.text for a in articles}


def _spans(text: str, value: str) -> list[str]:
    return [text[int(a):int(b)] for a, b in (x.split(":") for x in value.split(";") if x)]


def test_each_field_points_at_the_words_it_came_from():
    rows, texts = _extract(("a.txt", "Soldiers Killed", "Militants killed three soldiers in an attack on an army "
                            "post in Daquq on Monday, police said."))
    (row,) = rows
    text = texts[row["article_id"]]
    assert _spans(text, row["place_span"]) == ["Daquq"]
    assert "Monday" in _spans(text, row["date_span"])[0]
    assert any("three soldiers" in s for s in _spans(text, row["count_spans"]))


def test_a_count_lent_by_the_headline_points_at_the_headline_and_is_a_review_reason():
    rows, texts = _extract(("b.txt", "Iraqi Forces Kill 6 Militants in Hawija",
                            "Iraqi forces killed an entire ISIS cell in an operation near Hawija on Monday, "
                            "the army said."))
    (row,) = rows
    spans = _spans(texts[row["article_id"]], row["count_spans"])
    assert row["fatalities"] == 6 and "Kill 6 Militants" in spans
    assert "count from headline" in row["review_reasons"]


def test_a_placeless_undated_row_is_less_trusted_than_a_placed_dated_one():
    good = {"admin1": "Kirkuk", "geo_precision": 1, "date_start": "2023-06-12", "fatalities": 3,
            "fatalities_low": 3, "fatalities_high": 3, "_own_place": True, "_family": "clash",
            "source_articles": "a1"}
    vague = {"admin1": "", "geo_precision": "", "date_start": "", "fatalities": "", "_own_place": False,
             "_family": "kill", "source_articles": "a2"}
    (c_good, r_good), (c_vague, r_vague) = assess(good), assess(vague)
    assert c_good > 0.8 > 0.5 > c_vague and r_good == ""
    assert r_vague.split("; ")[:3] == ["no place", "undated", "weak trigger"]
    assert set(WEIGHTS) >= {x.split(" from ")[0] for x in r_vague.split("; ")}


def test_a_later_article_that_may_repeat_an_incident_says_which():
    rows = [
        {"event_id": "E1", "article_id": "a1", "country": "Iraq", "admin1": "Diyala", "_family": "clash",
         "date_start": "2023-06-12", "date_end": "2023-06-12", "fatalities": 8},
        {"event_id": "E2", "article_id": "a2", "country": "Iraq", "admin1": "Diyala", "_family": "ied",
         "date_start": "", "date_end": "", "fatalities": ""},
        {"event_id": "E3", "article_id": "a3", "country": "Iraq", "admin1": "Kirkuk", "_family": "clash",
         "date_start": "2023-06-12", "date_end": "2023-06-12", "fatalities": 8},
        {"event_id": "E4", "article_id": "a4", "country": "Iraq", "admin1": "Diyala", "_family": "arrest",
         "date_start": "2023-06-12", "date_end": "2023-06-12", "fatalities": ""},
    ]
    assert possible_repeats(rows) == {1: "E1"}
    rows[1]["_repeats"] = "E1"
    confidence, reasons = assess(rows[1])
    assert "may repeat E1" in reasons and confidence < 0.5


def test_two_outlets_with_one_toll_merge_across_articles_though_they_name_the_kind_differently():
    rows, _ = _extract(
        ("c.txt", "Village Attacked", "ISIS militants attacked a village near Khanaqin on Monday, killing seven "
                                      "farmers, officials said."),
        ("d.txt", "Seven Killed", "Seven farmers were killed on Monday in clashes with ISIS militants near "
                                  "Khanaqin, a security source said."))
    assert len(rows) == 1 and len(rows[0]["source_articles"].split("; ")) == 2


def test_evaluate_counts_duplicates_actors_and_precision_at_confidence():
    dup = _pred_row("P4", "aB", TEXT_B, "Two soldiers were killed when a bomb hit their patrol near Muqdadiyah",
                    **BOMB)
    assert evaluate(_gold(), pd.DataFrame([_bomb(), _arrest(), dup]), _articles()).duplicates == 1
    wrong = _pred_row("P3", "aA", TEXT_A, "Officials said 300 attacks took place this year.", admin1="Baghdad",
                      confidence="0.7")
    pred = pd.DataFrame([_bomb(confidence="0.9", actor1="Islamic State (Iraq)"), _arrest(confidence="0.4"), wrong])
    gold = _gold()
    gold["actor1"] = ["Unidentified Armed Group (Iraq)", "", "Unidentified Armed Group (Iraq)"]
    gold["actor2"] = ""
    report = evaluate(gold, pred, _articles())
    assert report.duplicates == 0 and report.matched == 2
    assert report.at_confidence == ((0.5, 2, 1), (0.8, 1, 1))
    actor1 = report.field("actor1")
    assert (actor1.correct, actor1.total) == (1, 2)   # the bomb's actor is wrong, the arrest's (none) right


def test_evaluate_tells_a_second_outlets_unmerged_report_from_a_second_row_of_one_article():
    """b.txt tells the bomb of a.txt again: left as its own row it is a duplicate across articles; a second
    row of the bomb quoted from a.txt itself is a duplicate inside one article."""
    alone = _bomb(source_articles="aA")
    other_outlet = _pred_row("P4", "aB", TEXT_B, "Two soldiers were killed when a bomb hit their patrol near "
                             "Muqdadiyah", **BOMB)
    report = evaluate(_gold(), pd.DataFrame([alone, _arrest(), other_outlet]), _articles())
    assert (report.duplicates, report.duplicates_across_articles) == (1, 1)
    again = _pred_row("P5", "aA", TEXT_A, "A roadside bomb struck an army patrol near Muqdadiyah", **BOMB)
    report = evaluate(_gold(), pd.DataFrame([_bomb(), _arrest(), again]), _articles())
    assert (report.duplicates, report.duplicates_across_articles) == (1, 0)
    assert report.to_dict()["duplicates_across_articles"] == 0


def test_an_undated_report_of_the_same_town_and_toll_joins_the_dated_one():
    """A report with no date of its own, in an article saved without its publication date, still names the
    weekday: the same town, toll and day of the week make it the dated report's ambush (without the weekday
    nothing would tell which year's four killed in Tarmiyah it is: ``dedupe.undatable``)."""
    undated, problems = load_text("Soldiers Killed\n\nFour Iraqi soldiers were killed on Monday when militants "
                                  "ambushed their patrol in Tarmiyah, security sources said.\n", "f.txt")
    assert not problems and not undated[0].published
    dated, _ = load_text(HEADER.format(title="Ambush Kills Soldiers", day="June 14, 2023") + "Militants ambushed an "
                         "army patrol in Tarmiyah on Monday, killing four soldiers, officials said.\n", "e.txt")
    merged = extract_rows(dated + undated)
    assert len(merged) == 1 and len(merged[0]["source_articles"].split("; ")) == 2
    other_town, _ = load_text("Soldiers Killed\n\nFour Iraqi soldiers were killed when militants ambushed their "
                              "patrol in Baiji, security sources said.\n", "g.txt")
    assert len(extract_rows(dated + other_town)) == 2
    no_day, _ = load_text("Soldiers Killed\n\nFour Iraqi soldiers were killed when militants ambushed their "
                          "patrol in Tarmiyah, security sources said.\n", "h.txt")
    apart = extract_rows(dated + no_day)
    assert len(apart) == 2 and "may repeat" in apart[1]["review_reasons"]


def test_a_place_on_a_governorate_border_is_a_reason_that_survives_the_store():
    from incidents.dataset.prior import prior_row
    from incidents.schema import INCIDENT_COLUMNS
    rows, _ = _extract(("border.txt", "Two soldiers killed", "ISIS militants attacked a military post in an area on the "
                        "border between Diyala and Saladin provinces on Monday, killing two soldiers."))
    assert len(rows) == 1 and "place on a governorate border" in rows[0]["review_reasons"]
    assert WEIGHTS["place on a governorate border"] < 0
    again = prior_row({c: "" if rows[0].get(c) is None else str(rows[0].get(c)) for c in INCIDENT_COLUMNS})
    assert again["_border_place"] and again["_weak_place"] and not again["_own_place"]


def test_a_part_of_a_governorate_is_still_a_part_when_read_back_from_the_store():
    from incidents.dataset.prior import prior_row
    from incidents.schema import INCIDENT_COLUMNS
    rows, _ = _extract(("part.txt", "Two soldiers killed", "ISIS militants attacked a military post in northern Kirkuk "
                        "province on Monday, killing two soldiers."),
                       ("town.txt", "Two soldiers killed", "ISIS militants attacked a military post in Kirkuk city on "
                        "Saturday, killing two soldiers."))
    stored = [prior_row({c: "" if r.get(c) is None else str(r.get(c)) for c in INCIDENT_COLUMNS}) for r in rows]
    assert [(r["location"], r["_region"]) for r in stored] == [("northern Kirkuk", True), ("Kirkuk", False)]


def test_the_weekday_an_undated_article_s_lead_names_is_a_reason_that_survives_the_store():
    from incidents.dataset.prior import prior_row
    from incidents.schema import INCIDENT_COLUMNS
    text = ("Security round-up from northern Iraq\n\nIS militants attacked army outposts west of Baiji on Wednesday, "
            "killing a soldier, police said.\n\nAlso in the province, IS militants fired two mortar rounds on a village "
            "near the town of Shirqat, killing three civilians and wounding six.\n")
    articles, _ = load_text(text, "undated.txt")
    shirqat = [r for r in extract_rows(articles) if "Sharqat" in r["location"]]
    assert len(shirqat) == 1 and "undated (the lead says Wednesday)" in shirqat[0]["review_reasons"]
    again = prior_row({c: "" if shirqat[0].get(c) is None else str(shirqat[0].get(c)) for c in INCIDENT_COLUMNS})
    assert again["_lead_weekdays"] == (2,)
