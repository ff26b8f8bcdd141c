"""When an article says it was published: its metadata, its URL path, or its dateline.

Clustering uses time as evidence only when the date is the publisher's own: the ``published``
field the cleaner read from the page's metadata, a date in the URL path (``/2018/04/17/``,
``/2013-05-03-...``, ``.../20140310/``), or a dateline at the top of the text ("First
Published: June 13, 2013 4:59 PM EDT", "21 July 2013 Last updated at 11:11 GMT"). A crawl or
fetch time is never used: it says when a copy was taken, not when the event was reported.

A date is an interval (seconds since the epoch, UTC): a day named in a URL or dateline covers
that whole day, widened by 14 hours for time zones; a month (``/2013/05/slug``) covers the
month; an all-numeric dateline whose day and month could be swapped (``05/03/2013``) covers
both readings. Two articles are "far apart" only if their intervals are, so a coarse date never
splits what a precise one would keep together.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta

from storylens.clean.metadata import url_date as metadata_url_date
from storylens.records import Article

Interval = tuple[float, float]

_ZONE_SLACK = 14 * 3600.0
_MIN_YEAR, _MAX_YEAR = 1990, 2100
DATELINE_LINES = 4
"""Non-empty lines at the top of the text where a dateline may stand (headline, dateline, lead)."""
DATELINE_WORDS = 14
"""A longer line is a sentence that mentions a date, not a dateline."""

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        calendar.month_name[number].casefold(),
        calendar.month_abbr[number].casefold(),
    )
}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_TEXT_DATES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),  # June 13, 2013
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 21 July 2013
]
_NUMERIC_DATE = re.compile(
    r"\b(?P<a>[0-3]?\d)\s*(?P<sep>[/.-])\s*(?P<b>[0-3]?\d)\s*(?P=sep)\s*(?P<year>(?:19|20)\d\d)\b"
)
_ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")

_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?=[^/\d])")


def _day_interval(year: int, month: int, day: int) -> Interval | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        start = datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None
    return (start.timestamp() - _ZONE_SLACK, start.timestamp() + 86400.0 + _ZONE_SLACK)


def _month_interval(year: int, month: int) -> Interval | None:
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1 <= month <= 12):
        return None
    start = datetime(year, month, 1, tzinfo=UTC)
    end = start + timedelta(days=calendar.monthrange(year, month)[1])
    return (start.timestamp() - _ZONE_SLACK, end.timestamp() + _ZONE_SLACK)


def url_date(url: str | None) -> Interval | None:
    """The day (or month) a URL's path names, e.g. ``/2014/03/10/`` or ``/2013/05/slug``.

    Only the path counts: a query such as ``?date=20140310`` is often a listing or an archive
    page's own date, and hosts never carry dates.
    """
    if not url:
        return None
    day = metadata_url_date(url)  # the cleaner's reading of the path, so both agree on the day
    if day is not None:
        found = _day_interval(day.year, day.month, day.day)
        if found:
            return found
    path = re.sub(r"^[a-z]+://[^/]+", "", url.split("?", 1)[0].split("#", 1)[0])
    m = _URL_MONTH.search(path)
    if m:
        return _month_interval(int(m["year"]), int(m["month"]))
    return None


def dateline_date(text: str) -> Interval | None:
    """The date of a dateline among the first lines of the text, if there is one.

    A dateline is a short line (at most ``DATELINE_WORDS`` words) among the first
    ``DATELINE_LINES`` non-empty lines that holds a full date with a year; a sentence of the
    body that mentions a date ("checked into the Betty Ford Center in May 2013 as part of a
    plea deal") is longer and does not count.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()][:DATELINE_LINES]
    for line in lines:
        if len(line.split()) > DATELINE_WORDS:
            continue
        found = _line_date(line)
        if found:
            return found
    return None


def _line_date(line: str) -> Interval | None:
    for pattern in _TEXT_DATES:
        m = pattern.search(line)
        if m:
            found = _day_interval(int(m["year"]), _MONTHS[m["month"].casefold()], int(m["day"]))
            if found:
                return found
    m = _ISO_DATE.search(line)
    if m:
        found = _day_interval(int(m["year"]), int(m["month"]), int(m["day"]))
        if found:
            return found
    m = _NUMERIC_DATE.search(line)
    if m:
        a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
        readings = [d for d in (_day_interval(year, a, b), _day_interval(year, b, a)) if d]
        if readings:
            return (min(r[0] for r in readings), max(r[1] for r in readings))
    return None


def publication_interval(article: Article) -> Interval | None:
    """When the article was published, from the most precise of its own statements."""
    if article.published is not None:
        published = article.published
        if published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        t = published.timestamp()
        return (t, t)
    return url_date(article.url) or dateline_date(article.text)


def gap_seconds(a: Interval | None, b: Interval | None) -> float:
    """Time between two intervals (0 when they overlap); NaN when either date is unknown."""
    if a is None or b is None:
        return float("nan")
    return max(0.0, max(a[0], b[0]) - min(a[1], b[1]))


def as_date(interval: Interval) -> date:
    """The middle day of an interval (what a listing shows)."""
    return datetime.fromtimestamp((interval[0] + interval[1]) / 2, tz=UTC).date()
