"""Dates: expressions found with their spans and resolved against the publication date."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from incidents import SEEDS_DIR
from incidents.extract.dates import DateMention, best_date, find_dates, shift_after

D = date.fromisoformat
THU_2024_12_19 = D("2024-12-19")
SAT_2019_11_09 = D("2019-11-09")
FRI_2024_06_21 = D("2024-06-21")


def _one(text: str, published: date | None) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@pytest.mark.parametrize(("text", "start"), [
    ("as part of their June 10 blitzkrieg in 2014, posing a threat", "2014-06-10"),
    ("the attack on August 3 of 2014 on Sinjar", "2014-08-03"),
    ("militants attacked the village on June 10 in Kirkuk", "2024-06-10"),   # a place, not a year
])
def test_a_year_a_few_words_after_a_day_is_its_year(text: str, start: str) -> None:
    days = [m for m in find_dates(text, FRI_2024_06_21) if m.time_precision == 1]
    assert [_iso(m.date_start) for m in days] == [start]


@pytest.mark.parametrize(
    ("text", "published", "surface", "start", "end", "precision"),
    [
        # Relative to publication.
        ("after yesterday's F-16 fighters targeted", FRI_2024_06_21, "yesterday", "2024-06-20", "2024-06-20", 1),
        ("the attack took place today", FRI_2024_06_21, "today", "2024-06-21", "2024-06-21", 1),
        ("Isis operatives also killed today two members", SAT_2019_11_09, "today", "2019-11-09", "2019-11-09", 1),
        ("clashes last night in Hawija", FRI_2024_06_21, "last night", "2024-06-20", "2024-06-20", 1),
        ("the day before yesterday", THU_2024_12_19, "the day before yesterday", "2024-12-17", "2024-12-17", 1),
        ("A few hours ago, your colleagues", THU_2024_12_19, "A few hours ago", "2024-12-19", "2024-12-19", 1),
        ("two days ago", THU_2024_12_19, "two days ago", "2024-12-17", "2024-12-17", 1),
        ("3 days ago", THU_2024_12_19, "3 days ago", "2024-12-16", "2024-12-16", 1),
        ("a week ago", THU_2024_12_19, "a week ago", "2024-12-09", "2024-12-15", 2),
        ("four months ago", FRI_2024_06_21, "four months ago", "2024-02-01", "2024-02-29", 3),
        # Weekdays: most recent on or before publication; on the publication weekday = that day.
        ("gunmen attacked on Friday", THU_2024_12_19, "Friday", "2024-12-13", "2024-12-13", 1),
        ("gunmen attacked on Thursday", THU_2024_12_19, "Thursday", "2024-12-19", "2024-12-19", 1),
        ("Monday's attack", THU_2024_12_19, "Monday", "2024-12-16", "2024-12-16", 1),
        ("last Thursday", THU_2024_12_19, "last Thursday", "2024-12-12", "2024-12-12", 1),
        ("last Friday", THU_2024_12_19, "last Friday", "2024-12-13", "2024-12-13", 1),
        ("this Friday", SAT_2019_11_09, "this Friday", "2019-11-08", "2019-11-08", 1),
        # Weeks.
        ("Last week, the JOC conducted airstrikes", THU_2024_12_19, "Last week", "2024-12-09", "2024-12-15", 2),
        ("this week", THU_2024_12_19, "this week", "2024-12-16", "2024-12-19", 2),
        ("earlier this week", THU_2024_12_19, "earlier this week", "2024-12-16", "2024-12-18", 2),
        ("Earlier this week, Iraqi forces", D("2025-02-14"), "Earlier this week", "2025-02-10", "2025-02-13", 2),
        ("earlier this week", D("2025-02-10"), "earlier this week", "2025-02-10", "2025-02-10", 2),
        ("over the past week", THU_2024_12_19, "over the past week", "2024-12-12", "2024-12-19", 2),
        ("last weekend", THU_2024_12_19, "last weekend", "2024-12-14", "2024-12-15", 2),
        ("last week", D("2025-01-02"), "last week", "2024-12-23", "2024-12-29", 2),
        # Months.
        ("last month", THU_2024_12_19, "last month", "2024-11-01", "2024-11-30", 3),
        ("last month", D("2025-01-10"), "last month", "2024-12-01", "2024-12-31", 3),
        ("earlier this month", THU_2024_12_19, "earlier this month", "2024-12-01", "2024-12-18", 3),
        ("this month", THU_2024_12_19, "this month", "2024-12-01", "2024-12-19", 3),
        ("earlier this year", THU_2024_12_19, "earlier this year", "2024-01-01", "2024-12-18", None),
        ("Last October, Isis attacked", SAT_2019_11_09, "Last October", "2019-10-01", "2019-10-31", 3),
        ("last October", D("2019-10-20"), "last October", "2018-10-01", "2018-10-31", 3),
        ("last December", D("2025-01-10"), "last December", "2024-12-01", "2024-12-31", 3),
        ("At the end of last January, the Resistance", FRI_2024_06_21, "last January", "2024-01-01", "2024-01-31", 3),
        ("operations in February, explaining", FRI_2024_06_21, "February", "2024-02-01", "2024-02-29", 3),
        ("attacks in June", FRI_2024_06_21, "June", "2024-06-01", "2024-06-21", 3),
        # a month with its year told relatively (the development articles' "in January last year" in a May 2019 article)
        ("A twin suicide bombing in Baghdad in January last year killed 31 people", D("2019-05-09"),
         "January last year", "2018-01-01", "2018-01-31", 3),
        ("in December of last year", D("2019-05-09"), "December of last year", "2018-12-01", "2018-12-31", 3),
        ("in June of the previous year", FRI_2024_06_21, "June of the previous year", "2023-06-01", "2023-06-30", 3),
        ("in March this year", FRI_2024_06_21, "March this year", "2024-03-01", "2024-03-31", 3),
        ("attacks in July", FRI_2024_06_21, "July", "2023-07-01", "2023-07-31", 3),
        ("In November 2024, al-Araji", THU_2024_12_19, "November 2024", "2024-11-01", "2024-11-30", 3),
        ("in December 2024", THU_2024_12_19, "December 2024", "2024-12-01", "2024-12-19", 3),
        ("in Nov. 2019", SAT_2019_11_09, "Nov. 2019", "2019-11-01", "2019-11-09", 3),
        # Days.
        ("a forum on November 23, Ahmed", THU_2024_12_19, "November 23", "2024-11-23", "2024-11-23", 1),
        ("a forum on November 23,Ahmed", THU_2024_12_19, "November 23", "2024-11-23", "2024-11-23", 1),
        ("on December 25", THU_2024_12_19, "December 25", "2023-12-25", "2023-12-25", 1),
        ("attacks on Friday November 8th in Iraq", SAT_2019_11_09, "Friday November 8th", "2019-11-08", "2019-11-08", 1),
        ("Friday, November 8", D("2019-11-20"), "Friday, November 8", "2019-11-08", "2019-11-08", 1),
        ("8 November 2019", None, "8 November 2019", "2019-11-08", "2019-11-08", 1),
        ("the 8th of November, 2019", None, "the 8th of November, 2019", "2019-11-08", "2019-11-08", 1),
        ("November 8, 2019", None, "November 8, 2019", "2019-11-08", "2019-11-08", 1),
        ("2019-11-08", None, "2019-11-08", "2019-11-08", "2019-11-08", 1),
        ("On Wednesday 19 June, the Resistance met", FRI_2024_06_21, "Wednesday 19 June", "2024-06-19", "2024-06-19", 1),
        ("Sat, 09 Nov 2019 16:20 GMT", None, "Sat, 09 Nov 2019", "2019-11-09", "2019-11-09", 1),
        # Years: window, no precision, no event date.
        ("its campaign against ISIS in 2024, targeting", THU_2024_12_19, "2024", "2024-01-01", "2024-12-19", None),
        ("large areas in Iraq and Syria in 2014", THU_2024_12_19, "2014", "2014-01-01", "2014-12-31", None),
        ("two years ago", SAT_2019_11_09, "two years ago", "2017-01-01", "2017-12-31", None),
        ("last year", THU_2024_12_19, "last year", "2023-01-01", "2023-12-31", None),
        ("8 November 2019", D("2019-11-08"), "8 November 2019", "2019-11-08", "2019-11-08", 1),
        # More phrasings seen in Iraqi security news.
        ("on Sunday night", D("2025-03-12"), "Sunday", "2025-03-09", "2025-03-09", 1),
        ("in the early hours of Sunday", D("2025-03-12"), "Sunday", "2025-03-09", "2025-03-09", 1),
        ("on Jan. 5", D("2025-03-12"), "Jan. 5", "2025-01-05", "2025-01-05", 1),
        ("on March 12th", D("2025-03-12"), "March 12th", "2025-03-12", "2025-03-12", 1),
        ("Monday, March 10, 2025", None, "Monday, March 10, 2025", "2025-03-10", "2025-03-10", 1),
        ("Mon 10 March 2025", None, "Mon 10 March 2025", "2025-03-10", "2025-03-10", 1),
        ("in mid-March", D("2025-03-12"), "March", "2025-03-01", "2025-03-12", 3),
        ("mid-March", D("2025-03-12"), "March", "2025-03-01", "2025-03-12", 3),
        ("in late February", D("2025-03-12"), "February", "2025-02-01", "2025-02-28", 3),
        ("in March of 2024", D("2025-03-12"), "March of 2024", "2024-03-01", "2024-03-31", 3),
        ("over the weekend", D("2025-03-12"), "over the weekend", "2025-03-08", "2025-03-09", 2),
        ("over the weekend", D("2025-03-08"), "over the weekend", "2025-03-08", "2025-03-08", 2),
        ("in the past 24 hours", D("2025-03-12"), "in the past 24 hours", "2025-03-11", "2025-03-12", 2),
        ("so far this year", D("2025-03-12"), "this year", "2025-01-01", "2025-03-12", None),
        ("mid-2024", D("2025-03-12"), "mid-2024", "2024-01-01", "2024-12-31", None),
        ("late last year", D("2025-03-12"), "last year", "2024-01-01", "2024-12-31", None),
    ],
)
def test_resolves(text: str, published: date | None, surface: str, start: str, end: str,
                  precision: int | None) -> None:
    m = _one(text, published)
    assert (m.surface, _iso(m.date_start), _iso(m.date_end), m.time_precision) == (surface, start, end, precision)
    assert text[m.start:m.end] == m.surface
    assert not m.future
    # event_date: the day, or the window's first day; none for years.
    assert m.event_date == (m.date_start if precision is not None else None)


@pytest.mark.parametrize(
    ("text", "published", "surface"),
    [
        ("final withdrawal scheduled for September 2026.", THU_2024_12_19, "September 2026"),
        ("the closure of the base by September2025", THU_2024_12_19, "September2025"),
        ("on December 25, 2024", THU_2024_12_19, "December 25, 2024"),
        ("in 2026", THU_2024_12_19, "2026"),
        ("next week", THU_2024_12_19, "next week"),
        ("next month", THU_2024_12_19, "next month"),
        ("next Friday", THU_2024_12_19, "next Friday"),
        ("in October this year", FRI_2024_06_21, "October this year"),
        ("tomorrow", THU_2024_12_19, "tomorrow"),
        ("in the coming months", THU_2024_12_19, "in the coming months"),
        ("the coming weeks", None, "the coming weeks"),
    ],
)
def test_future_is_flagged_never_dated(text: str, published: date | None, surface: str) -> None:
    m = _one(text, published)
    assert m.surface == surface
    assert m.future
    assert (m.date_start, m.date_end, m.event_date, m.time_precision) == (None, None, None, None)


@pytest.mark.parametrize(
    "text",
    ["yesterday", "on Friday", "last week", "last October", "in October", "November 23", "two days ago",
     "Wednesday 19 June", "this week", "last month", "today", "a few hours ago"],
)
def test_no_anchor_leaves_relative_expressions_undated(text: str) -> None:
    m = _one(text, None)
    assert m.surface.lower() in text.lower()
    assert (m.date_start, m.event_date, m.time_precision) == (None, None, None)
    assert m.note


@pytest.mark.parametrize(
    "text",
    ["recently published", "in recent weeks", "over the past few days", "the last few months",
     "during the week", "over the last five years", "the following days"],
)
def test_vague_words_give_no_date(text: str) -> None:
    m = _one(text, THU_2024_12_19)
    assert m.rule == "vague"
    assert not m.dated and not m.future


@pytest.mark.parametrize(
    ("text", "surface", "offset"),
    [
        ("the operation two days after a deadly ISIS attack", "two days after", 2),
        ("three days later, gunmen returned", "three days later", 3),
        ("the day before the attack", "the day before", -1),
        ("The next day, police arrested", "The next day", 1),
        ("on the following day", "the following day", 1),
        ("a day earlier", "a day earlier", -1),
        ("on the same day", "on the same day", 0),
        ("hours later", "hours later", 0),
        ("a week after the bombing", "a week after", 7),
        ("In the same week, F-16 jets", "In the same week", 0),
        ("the following week", "the following week", 7),
        ("three days earlier", "three days earlier", -3),
    ],
)
def test_relative_to_event(text: str, surface: str, offset: int) -> None:
    m = _one(text, THU_2024_12_19)
    assert (m.surface, m.relative_to_event) == (surface, offset)
    assert not m.dated


def test_shift_after_day_reference() -> None:
    text = "an attack on Friday November 8th and, two days after the attack, a raid"
    ref, rel = find_dates(text, D("2019-11-20"))
    shifted = shift_after(rel, ref, D("2019-11-20"))
    assert (_iso(shifted.date_start), _iso(shifted.date_end), shifted.time_precision) == ("2019-11-10", "2019-11-10", 1)
    assert shifted.event_date == D("2019-11-10")
    assert shifted.relative_to_event == 2 and (shifted.start, shifted.end) == (rel.start, rel.end)


def test_shift_after_clips_and_flags_future() -> None:
    ref = _one("yesterday", THU_2024_12_19)
    after = _one("two days after", THU_2024_12_19)
    assert shift_after(after, ref, THU_2024_12_19).future
    week = _one("last week", THU_2024_12_19)
    shifted = shift_after(_one("the day before", THU_2024_12_19), week, THU_2024_12_19)
    assert (_iso(shifted.date_start), _iso(shifted.date_end), shifted.time_precision) == ("2024-12-08", "2024-12-14", 2)


def test_shift_after_same_week_and_unresolved_reference() -> None:
    ref = _one("on Tuesday", THU_2024_12_19)
    same_week = shift_after(_one("in the same week", THU_2024_12_19), ref, THU_2024_12_19)
    assert (_iso(same_week.date_start), _iso(same_week.date_end), same_week.time_precision) == (
        "2024-12-16", "2024-12-19", 2)
    undated_ref = _one("on Tuesday", None)
    rel = _one("two days after", None)
    assert shift_after(rel, undated_ref) == rel
    not_relative = _one("yesterday", THU_2024_12_19)
    assert shift_after(not_relative, ref) == not_relative


def test_shift_after_following_week() -> None:
    ref = _one("on Tuesday", THU_2024_12_19)  # 2024-12-17
    rel = _one("the following week", THU_2024_12_19)
    shifted = shift_after(rel, ref)
    assert (_iso(shifted.date_start), _iso(shifted.date_end), shifted.time_precision) == ("2024-12-23", "2024-12-29", 2)
    assert shift_after(rel, ref, THU_2024_12_19).future


def test_weekday_mismatch_keeps_the_date_and_says_so() -> None:
    m = _one("on Monday 19 June", FRI_2024_06_21)
    assert m.date_start == D("2024-06-19")
    assert "Monday" in m.note and "Wednesday" in m.note


def test_year_boundary_and_leap_day() -> None:
    assert _one("on December 31", D("2025-01-01")).date_start == D("2024-12-31")
    assert _one("on February 29", D("2024-03-01")).date_start == D("2024-02-29")
    assert _one("yesterday", D("2025-01-01")).date_start == D("2024-12-31")
    assert _one("last week", D("2025-01-01")).date_start == D("2024-12-23")


def test_longest_expression_wins_and_spans_do_not_overlap() -> None:
    text = "Isis also witnessed this Friday November 8th, two separate attacks; last October too."
    found = find_dates(text, SAT_2019_11_09)
    assert [m.surface for m in found] == ["Friday November 8th", "last October"]


@pytest.mark.parametrize(
    "text",
    ["They may 5 times", "the 2003-2011 timeframe", "a barrage of 17 Katyusha rockets", "killed 13 security members",
     "Operation Inherent Resolve (OIR)", "To date, IS activities are less frequent", "in may"],
)
def test_no_date(text: str) -> None:
    assert find_dates(text, THU_2024_12_19) == []


@pytest.mark.parametrize(
    ("text", "published"),
    [("9999 years ago", THU_2024_12_19), ("1000000 days ago", THU_2024_12_19), ("99999 months ago", THU_2024_12_19),
     ("yesterday", date.min), ("last week", date.min), ("", None), ("on February 30", THU_2024_12_19)],
)
def test_out_of_calendar_gives_no_date_and_no_error(text: str, published: date | None) -> None:
    assert all(not m.dated for m in find_dates(text, published))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Al-Obeidi told the press that, "Isis operatives also killed today two members” on Friday.',
         [("today", True), ("Friday", False)]),
        ("“A few hours ago, your colleagues killed a detachment,” he said on Tuesday.",
         [("A few hours ago", True), ("Tuesday", False)]),
        ('He said "yesterday" and "today" were calm last week.',
         [("yesterday", True), ("today", True), ("last week", False)]),
        ("Gunmen attacked yesterday.", [("yesterday", False)]),
    ],
)
def test_quoted_mentions_are_flagged(text: str, expected: list[tuple[str, bool]]) -> None:
    found = find_dates(text, SAT_2019_11_09)
    assert [(m.surface, m.quoted) for m in found] == expected
    assert all(m.dated for m in found)


@pytest.mark.parametrize(
    "text", ["yesterday", "today", "on Friday", "on Monday", "two days ago", "3 days ago", "November 23", "on December 25",
             "8 November 2019", "2019-11-08", "November 8, 2019"],
)
@pytest.mark.parametrize("published", [THU_2024_12_19, D("2025-01-01"), D("2024-03-02")])
def test_agrees_with_dateparser_where_dateparser_is_right(text: str, published: date) -> None:
    """dateparser (DESIGN.md: right for these) and our rules give the same day.

    Not compared: a weekday named on the publication weekday (we take the publication day, dateparser
    the week before), "last week" (dateparser gives one day, we give the Monday..Sunday window),
    "last October", "the day before", "earlier this week" (dateparser: nothing), "two days after"
    (dateparser counts from publication).
    """
    import dateparser

    settings = {"RELATIVE_BASE": datetime.combine(published, datetime.min.time()), "PREFER_DATES_FROM": "past"}
    expected = dateparser.parse(text, languages=["en"], settings=settings).date()
    assert _one(text, published).date_start == expected


def test_best_date_prefers_the_most_precise_resolved_mention() -> None:
    found = find_dates("Recently, in 2024 and last month, and on November 23, next week", THU_2024_12_19)
    assert best_date(found).surface == "November 23"
    assert best_date(find_dates("recently, next week", THU_2024_12_19)) is None
    assert best_date([]) is None


def _seed_paragraphs() -> list[str]:
    out: list[str] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.extend(p for p in re.split(r"\n+", text) if p.strip())
    return out


@pytest.mark.parametrize("published", [None, THU_2024_12_19, SAT_2019_11_09, D("2020-01-01")])
def test_every_seed_paragraph_runs(published: date | None) -> None:
    paragraphs = _seed_paragraphs()
    assert len(paragraphs) > 50
    total = 0
    for paragraph in paragraphs:
        for m in find_dates(paragraph, published):
            assert paragraph[m.start:m.end] == m.surface
            if m.dated:
                assert m.date_start <= m.date_end
                assert published is None or m.date_end <= published
            total += 1
    assert total >= 25


def test_last_years_after_a_month_qualifies_something_else() -> None:
    # "last year's" qualifies the attack, not the month
    found = find_dates("The bombing in January, last year's deadliest attack, killed 31.", FRI_2024_06_21)
    assert (found[0].surface, str(found[0].date_start)) == ("January", "2024-01-01")
