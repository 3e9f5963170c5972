"""Dates as news sources write them -> ``datetime.date``. Standard library only.

Two entry points:

* ``parse_date(value)``: one date string, as found in a feed field, a
  ``<meta>`` tag or JSON-LD: ISO 8601 (with or without time and zone),
  RFC 2822 (``Thu, 26 Nov 2015 10:00:00 GMT``), ``November 26, 2015``,
  ``Nov. 26, 2015``, ``26 November 2015``, ``2015/11/26``; an optional
  leading weekday and a trailing clock time/zone are tolerated. Anything
  else gives ``None``, never an exception.
* ``find_date(text)``: the first date expression inside free text (a byline
  line such as ``By Jane Doe | November 26, 2015 4:00 PM``) with its span.

The date returned is the calendar date *as written*: a timestamp with a zone
is not converted to UTC, because the publisher's local day is what an
analyst means by "published on".

Deliberately not handled: numeric day-first/month-first forms such as
``11/12/2015`` (ambiguous between US and European order), two-digit years
and non-English month names.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

__all__ = ["parse_date", "find_date"]

_MIN_YEAR, _MAX_YEAR = 1900, 2100

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = (
    r"(?P<{g}>January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY_RE = (
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+)?"
)
_DAY_RE = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<{g}>(?:19|20)\d\d)"

# Order inside the alternation does not matter: find_date takes the leftmost
# match, and the alternatives cannot start at the same character.
_DATE_RE = re.compile(
    r"(?<![\w/.-])(?:"
    # 2015-11-26 (optionally followed by THH:MM..., which we leave to the caller)
    r"(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?=T\d|[^\w-]|$)"
    # 2015/11/26 or 2015.11.26
    r"|(?P<sy>(?:19|20)\d\d)(?P<sep>[/.])(?P<sm>[01]?\d)(?P=sep)(?P<sd>[0-3]?\d)(?![\w/]|\.\d)"
    # (Thursday,) November 26, 2015 / Nov. 26 2015
    r"|" + _WEEKDAY_RE + _MONTH_RE.format(g="mm") + r"\s+" + _DAY_RE.format(g="md")
    + r",?\s+" + _YEAR_RE.format(g="my") + r"(?!\w)"
    # (Thu,) 26 November 2015 / 26 Nov. 2015 / 26-Nov-2015
    + r"|" + _WEEKDAY_RE + _DAY_RE.format(g="dd") + r"(?:\s+|-)(?:of\s+)?"
    + _MONTH_RE.format(g="dm") + r",?(?:\s+|-)" + _YEAR_RE.format(g="dy") + r"(?!\w)"
    + r")",
    re.IGNORECASE,
)

# What may follow a date in a single-date string: a clock time, am/pm, a zone.
_TIME_TAIL_RE = re.compile(
    r"""^\s*(?:,|at|@|T|-)?\s*
        (?:\d{1,2}(?:[:.]\d{2}){1,2}(?:\.\d+)?\s*(?:[ap]\.?m\.?)?)?\s*
        (?:Z|UTC|GMT|[A-Z]{2,5}T|[+-]\d{2}:?\d{2}|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> dt.date | None:
    g = m.groupdict()
    if g["iy"]:
        return _make(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["sy"]:
        return _make(int(g["sy"]), int(g["sm"]), int(g["sd"]))
    if g["mm"]:
        return _make(int(g["my"]), _MONTHS[g["mm"].lower()], int(g["md"]))
    return _make(int(g["dy"]), _MONTHS[g["dm"].lower()], int(g["dd"]))


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """Find the first valid date expression in ``text``.

    Returns ``(date, start, end)`` with ``text[start:end]`` the expression as
    written (a leading weekday included), or ``None``. Impossible dates
    ("February 30, 2015") are skipped and the search goes on.
    """
    for m in _DATE_RE.finditer(text or ""):
        day = _from_match(m)
        if day is not None:
            return day, m.start(), m.end()
    return None


def parse_date(value: str) -> dt.date | None:
    """Parse one date string (see the module docstring); ``None`` if it is not one."""
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    # ISO 8601: fromisoformat on 3.11 takes "Z", offsets, fractions, "T" or " ".
    try:
        stamp = dt.datetime.fromisoformat(s)
    except ValueError:
        pass
    else:
        return _make(stamp.year, stamp.month, stamp.day)
    # RFC 2822 (RSS pubDate). parsedate_tz does not raise on garbage, it returns None.
    if "," in s or re.match(r"^\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", s):
        parts = email.utils.parsedate_tz(s)
        if parts is not None and parts[0] >= 100:
            day = _make(parts[0], parts[1], parts[2])
            if day is not None:
                return day
    # Written forms: the date must start the string, and only a time may follow.
    m = _DATE_RE.match(s)
    if m and _TIME_TAIL_RE.match(s[m.end():]):
        return _from_match(m)
    return None
