"""Event dates resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events.dates import fallback_date, find_dates, resolve_event_date

THU = dt.date(2019, 10, 10)  # a Thursday
MON = dt.date(2019, 10, 7)  # a Monday


def one(text: str, published: dt.date | None) -> tuple[str, str | None, str | None]:
    found = find_dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start : d.end] == d.text
    return d.text, d.value, d.precision


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Jets struck on Monday.", THU, ("Monday", "2019-10-07", "day")),
        ("Jets struck on Monday night.", MON, ("Monday", "2019-10-07", "day")),
        ("Jets struck last Monday.", MON, ("last Monday", "2019-09-30", "day")),
        ("Shelling resumed on Friday.", THU, ("Friday", "2019-10-04", "day")),
        ("The town fell on Feb. 20.Jane Doe / Agency", THU, ("Feb. 20", "2019-02-20", "day")),
        ("Troops left on Sept. 8 at dawn.", THU, ("Sept. 8", "2019-09-08", "day")),
        ("Clashes began October 9 near the border.", THU, ("October 9", "2019-10-09", "day")),
        ("Convoys arrived on Nov. 3.", THU, ("Nov. 3", "2018-11-03", "day")),
        ("The offensive began 9 October 2019.", None, ("9 October 2019", "2019-10-09", "day")),
        ("The offensive began on Oct. 9, 2019.", None, ("Oct. 9, 2019", "2019-10-09", "day")),
        ("Raids were reported in March.", THU, ("March", "2019-03", "month")),
        ("Raids were reported in November.", THU, ("November", "2018-11", "month")),
        ("Raids were reported last month.", THU, ("last month", "2019-09", "month")),
        (
            "Raids were reported last month.",
            dt.date(2019, 1, 15),
            ("last month", "2018-12", "month"),
        ),
        ("The group took the city in 2014.", THU, ("2014", "2014", "year")),
        ("The group took the city in 2014.", None, ("2014", "2014", "year")),
        ("Prices rose in March 2019.", None, ("March 2019", "2019-03", "month")),
        ("Talks collapsed yesterday.", THU, ("yesterday", "2019-10-09", "day")),
        ("Talks collapsed last week.", THU, ("last week", "2019-09-30", "week")),
        ("Talks resumed this week.", THU, ("this week", "2019-10-07", "week")),
        ("Talks resumed earlier this year.", THU, ("earlier this year", "2019", "year")),
        ("Bases were built last year.", THU, ("last year", "2018", "year")),
        ("Fighting resumed on 2019-10-09.", None, ("2019-10-09", "2019-10-09", "day")),
    ],
)
def test_resolved(text: str, published: dt.date | None, expected: tuple[str, str, str]) -> None:
    assert one(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jets struck on Monday.",
        "Talks collapsed yesterday.",
        "Raids in March.",
        "last week",
        "It happened on Feb. 20.",
    ],
)
def test_relative_dates_without_publication_stay_null(text: str) -> None:
    (d,) = find_dates(text, None)
    assert (d.value, d.precision, d.explicit) == (None, None, False)


@pytest.mark.parametrize("text", ["Shelling on Feb. 30 hit the town.", "on 31 April", "2019-02-30"])
def test_impossible_dates_are_not_dates(text: str) -> None:
    assert find_dates(text, THU) == []


def test_never_after_publication() -> None:
    # an explicit date after publication is a plan or a forecast, not the event date
    assert find_dates("Elections are due on Nov. 3, 2019.", THU) == []
    assert find_dates("They promised to leave in 2020.", THU) == []
    # a month later in the year than publication is last year's
    assert one("Clashes in December.", THU)[1] == "2018-12"
    # Feb. 29 resolves to the last leap year
    assert one("Raid on Feb. 29.", THU)[1] == "2016-02-29"
    for text in ["on Sunday", "on Saturday", "Oct. 10", "today", "this week", "this month"]:
        (d,) = find_dates(text, THU)
        assert d.value is not None and d.value[:10] <= THU.isoformat()


def test_month_words_that_are_not_months() -> None:
    assert find_dates("Troops may march south, officials said.", THU) == []
    assert find_dates("Since June the front has been quiet.", THU) == []


def test_resolve_event_date_picks_nearest_to_trigger_and_falls_back() -> None:
    text = "After talks on Monday, jets struck Tal Abyad on Wednesday."
    anchor = text.index("struck")
    expr, value, precision = resolve_event_date(text, (0, len(text)), THU, anchor=anchor)
    assert expr is not None and expr.text == "Wednesday"
    assert (value, precision) == ("2019-10-09", "day")
    plain = "Jets struck Tal Abyad."
    assert resolve_event_date(plain, (0, len(plain)), THU) == (None, "2019-10-10", "week")
    assert resolve_event_date(plain, (0, len(plain)), None) == (None, None, None)
    bad = "Jets struck Tal Abyad on Feb. 30."
    assert resolve_event_date(bad, (0, len(bad)), THU) == (None, "2019-10-10", "week")
    assert fallback_date(None) == (None, None)


def test_offsets_into_a_larger_text() -> None:
    text = "First sentence on Monday. Second one on Tuesday."
    second = (26, len(text))
    found = find_dates(text, THU, *second)
    assert [(d.text, d.start, d.value) for d in found] == [("Tuesday", 40, "2019-10-08")]
    assert text[40:47] == "Tuesday"
