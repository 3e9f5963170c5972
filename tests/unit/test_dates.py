"""Dates as news sources write them (pipelines.text.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.text.dates import find_date, parse_date

NOV26 = dt.date(2015, 11, 26)


@pytest.mark.parametrize(
    "value",
    [
        "2015-11-26",  # JSON feeds, <time datetime>
        "2015-11-26T10:00:00Z",  # JSON-LD datePublished
        "2015-11-26T10:00:00.000+01:00",  # article:published_time with millis and offset
        "2015-11-26 10:00",  # CMS exports with a space instead of T
        "Thu, 26 Nov 2015 10:00:00 GMT",  # RSS pubDate (RFC 2822)
        "Thu, 26 Nov 2015 10:00:00 +0100",
        "November 26, 2015",  # US style
        "Nov. 26, 2015",  # AP style abbreviation
        "Nov 26 2015",
        "26 November 2015",  # UK style
        "26th November, 2015",
        "Thursday, November 26, 2015 4:05 PM EST",  # bylines carry weekday and time
        "2015/11/26",
        "  2015-11-26  ",
    ],
)
def test_parse_date_accepts_the_forms_publishers_use(value):
    """Every form listed in the brief maps to the same calendar day."""
    assert parse_date(value) == NOV26


def test_parse_date_keeps_the_publishers_local_day():
    """23:30 in New York is the next day in UTC; the article was published on the 26th there."""
    assert parse_date("2015-11-26T23:30:00-05:00") == NOV26


@pytest.mark.parametrize(
    "value",
    ["", "tomorrow", "November 26", "2015-02-30", "12/11/2015", "Nov. 26, 2015 and more words", "1850-01-01"],
)
def test_parse_date_rejects_what_is_not_one_unambiguous_date(value):
    """Impossible, incomplete, day/month-ambiguous or cluttered strings give None, never a wrong date."""
    assert parse_date(value) is None


def test_parse_date_tolerates_non_strings():
    """Feed fields can be numbers or null; the parser must not raise on them."""
    assert parse_date(None) is None  # type: ignore[arg-type]
    assert parse_date(20151126) is None  # type: ignore[arg-type]


def test_find_date_returns_the_span_as_written():
    """The main engineer strips the date out of byline lines, so the span must be exact."""
    line = "By Jane Doe | Thursday, November 26, 2015 4:00 PM"
    found = find_date(line)
    assert found is not None
    day, start, end = found
    assert day == NOV26
    assert line[start:end] == "Thursday, November 26, 2015"


def test_find_date_skips_impossible_dates_and_keeps_searching():
    """A typo'd date must not hide a real one later in the line."""
    line = "Filed February 30, 2015; updated 1 March 2015"
    day, start, end = find_date(line)
    assert day == dt.date(2015, 3, 1)
    assert line[start:end] == "1 March 2015"


def test_find_date_ignores_digit_runs_that_only_look_like_dates():
    """Version numbers and ids inside longer tokens are not dates."""
    assert find_date("build 2015.11.26.3 of id 12015-11-26") is None
    assert find_date("PARIS, Nov. 26 (Reuters) -") is None  # no year: not a full date


def test_find_date_finds_iso_timestamps_in_text():
    """Exports sometimes write 'Updated 2015-11-26T10:00:00Z'; the date part is found."""
    line = "Updated 2015-11-26T10:00:00Z by the desk"
    day, start, end = find_date(line)
    assert day == NOV26 and line[start:end] == "2015-11-26"
