"""Days a mention names without a year (incidents/extract/told_days.py), and what linking makes of them."""

from __future__ import annotations

import pytest

from incidents.extract.told_days import month_days_disagree, told_month_days, told_weekdays
from tests.unit.test_pipeline import _rows


@pytest.mark.parametrize("quote, days", [
    ("Militants attacked the post at dawn on Sunday (August 9), police said.", {(8, 9)}),
    ("On 5 August, two soldiers were killed.", {(8, 5)}),
    ("US jets on Sept. 10th dropped bombs on the island.", {(9, 10)}),
    ("The convoy was hit on March 3 and again on March 4.", {(3, 3), (3, 4)}),
    ("The town lies 40 km north of Tikrit and was hit in May 2017.", set()),
    ("Troops advanced 12 km along the road, May 30 km away.", set()),
])
def test_month_days_read_from_a_quote(quote, days):
    assert told_month_days({"quote": quote}) == days


def test_weekdays_read_from_a_quote():
    assert told_weekdays({"quote": "It began on Thursday evening and ended early Friday."}) == {3, 4}
    assert told_weekdays({"quote": "Two soldiers were killed."}) == set()


def test_two_different_days_disagree_and_a_shared_one_does_not():
    assert month_days_disagree({"quote": "on August 9"}, {"quote": "On August 5"})
    assert not month_days_disagree({"quote": "on August 9"}, {"quote": "On 9 August, and again on August 12"})
    assert not month_days_disagree({"quote": "on August 9"}, {"quote": "the same day"})


def test_an_undated_follow_up_that_names_another_day_is_another_event():
    """No publication date: "August 9" and "August 5" cannot be placed in a year, yet they are two days."""
    rows = _rows("ISIS militants attacked the house of a local official near Baiji at dawn on Sunday (June 9), "
                 "officials said.\n\nOn June 4, three soldiers were killed in an ISIS attack on an army post in the "
                 "province.", dateline="")
    assert len(rows) == 2, [r["quote"] for r in rows]


def test_another_events_day_of_the_month_is_not_the_rows():
    from incidents.extract.told_days import told_month_days
    assert told_month_days({"quote": "on Saturday, two days after the May 11 ambush nearby, killing two Peshmerga."}) == set()
    assert told_month_days({"quote": "on Saturday (May 13), two days after the ambush, killing two."}) == {(5, 13)}
