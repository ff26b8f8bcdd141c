"""Dates read off a sentence, resolved against the article's own publication day."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as dateparser

from storylens.records import Article
from storylens.slots.amounts import _SMALL


@dataclass(frozen=True)
class When:
    start: date
    end: date
    span: tuple[int, int]
    text: str

    @property
    def label(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    def overlaps(self, other: When) -> bool:
        return self.start <= other.end and other.start <= self.end


_WEEKDAYS = [d.lower() for d in calendar.day_name]
_MONTHS = [m.lower() for m in calendar.month_name if m]
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"
_COUNT = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_DATE_PATTERNS = [
    (
        "absolute",
        re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE}(?:,?\s+\d{{4}})?\b", re.I),
    ),
    (
        "absolute",
        re.compile(rf"\b{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b", re.I),
    ),
    ("iso", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    (
        "weekday",
        re.compile(
            rf"\b(?:(last|this|next|on|late|early)\s+)?({'|'.join(_WEEKDAYS)}){_DAY_PARTS}\b", re.I
        ),
    ),
    ("ago", re.compile(rf"\b{_COUNT}\s+(day|week)s?\s+ago\b", re.I)),
    (
        "period",
        re.compile(r"\b(?:(earlier|later)\s+)?(last|this|next)\s+(week|month|year)\b", re.I),
    ),
    (
        "day",
        re.compile(
            r"\b(today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b",
            re.I,
        ),
    ),
]


def _count(word: str) -> int:
    low = word.lower()
    return int(low) if low.isdigit() else 1 if low in {"a", "an"} else _SMALL.get(low, 1)


def _resolve(kind: str, m: re.Match[str], pub: date | None) -> tuple[date, date] | None:
    text = m.group(0)
    if kind in {"absolute", "iso"}:
        has_year = bool(re.search(r"\d{4}", text))
        if not has_year and pub is None:
            return None
        default = pub or date(2000, 1, 1)
        try:
            day = dateparser.parse(text, default=_dt(default)).date()
        except (ValueError, OverflowError):
            return None
        if not has_year and pub is not None and day > pub + timedelta(days=31):
            day = day.replace(year=day.year - 1)  # "December 30" in a January article
        return day, day
    if pub is None:
        return None
    if kind == "day":
        low = re.sub(r"\s+", " ", text.lower())
        if low in {"yesterday", "last night"}:
            return pub - timedelta(days=1), pub - timedelta(days=1)
        if low == "tomorrow":
            return pub + timedelta(days=1), pub + timedelta(days=1)
        return pub, pub
    if kind == "weekday":
        which = (m.group(1) or "").lower()
        target = _WEEKDAYS.index(m.group(2).lower())
        back = (pub.weekday() - target) % 7
        if which == "next":
            ahead = (target - pub.weekday()) % 7 or 7
            return pub + timedelta(days=ahead), pub + timedelta(days=ahead)
        if which == "last" and back == 0:
            back = 7
        return pub - timedelta(days=back), pub - timedelta(days=back)
    if kind == "ago":
        n = _count(m.group(1)) * (7 if m.group(2).lower() == "week" else 1)
        return pub - timedelta(days=n), pub - timedelta(days=n)
    if kind == "period":
        edge, which, unit = (m.group(1) or "").lower(), m.group(2).lower(), m.group(3).lower()
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday())
            shift = {"last": -7, "this": 0, "next": 7}[which]
            start, end = monday + timedelta(days=shift), monday + timedelta(days=shift + 6)
        elif unit == "month":
            year, month = pub.year, pub.month + {"last": -1, "this": 0, "next": 1}[which]
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            start = date(year, month, 1)
            end = date(year, month, calendar.monthrange(year, month)[1])
        else:
            year = pub.year + {"last": -1, "this": 0, "next": 1}[which]
            start, end = date(year, 1, 1), date(year, 12, 31)
        if which == "this" and edge == "earlier":
            end = min(end, pub)
        elif which == "this" and edge == "later":
            start = max(start, pub)
        return start, end
    return None


def _safely_resolved(kind: str, m: re.Match[str], pub: date | None) -> tuple[date, date] | None:
    """``_resolve``, with a day out of the calendar's range (a publication date in year 1,
    "last week" of 9999) read as no date rather than an error."""
    try:
        return _resolve(kind, m, pub)
    except (OverflowError, ValueError):
        return None


def _dt(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def publication_day(article: Article) -> date | None:
    """The calendar day of publication where the article was published: an aware datetime is
    read in its own zone (not converted to UTC), a naive one as written."""
    return article.published.date() if article.published is not None else None


def dates(article: Article, span: tuple[int, int]) -> list[When]:
    text = article.slice(span)
    pub = publication_day(article)
    taken: list[tuple[int, int]] = []
    found: list[When] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if (
                kind == "absolute"
                and m.group(0).split()[0].lower() == "may"
                and not re.search(r"\d", m.group(0))
            ):
                continue
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            resolved = _safely_resolved(kind, m, pub)
            if resolved is None:
                continue
            start, end = span[0] + m.start(), span[0] + m.end()
            taken.append((m.start(), m.end()))
            found.append(When(resolved[0], resolved[1], (start, end), article.text[start:end]))
    return sorted(found, key=lambda w: w.span)


# --- partial dates: what a sentence says of a day even when it cannot be put on a calendar ---


@dataclass(frozen=True)
class DateValue:
    """A date as far as the text gives it: "April 14" has no year, "Thursday" only a weekday,
    "May 2012" no day. ``days`` is the calendar range when it resolves (a full date, or a
    relative one against the publication day)."""

    span: tuple[int, int]
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    days: tuple[date, date] | None = None

    @property
    def label(self) -> str:
        if self.days is not None and self.days[0] == self.days[1]:
            return self.days[0].isoformat()
        if self.days is not None:
            return f"{self.days[0].isoformat()} to {self.days[1].isoformat()}"
        parts = []
        if self.weekday is not None:
            parts.append(calendar.day_name[self.weekday])
        if self.month is not None:
            parts.append(calendar.month_name[self.month] + (f" {self.day}" if self.day else ""))
        if self.year is not None:
            parts.append(str(self.year))
        return " ".join(parts) or self.text


_MONTH_NUM = {m[:3]: k for k, m in enumerate(_MONTHS, 1)}
_MDY = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?", re.I)
_DMY = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})(?:,?\s+(\d{{4}})\b)?", re.I
)
_MY = re.compile(rf"\b({_MONTH_RE})(?:\s+of)?,?\s+(\d{{4}})\b", re.I)
_BARE_MONTH = re.compile(rf"(?<=\bin )({_MONTH_RE})\b(?!\s+\d)", re.I)
_YEAR = re.compile(r"(?<=\bin )((?:19|20)\d{2})\b", re.I)
_WEEKDAY = re.compile(rf"\b({'|'.join(_WEEKDAYS)})\b", re.I)


# a season is a coarse date only when the text fixes which one: "last fall", "this spring",
# "in the summer of 2016", "fall 2016"; a bare "fall" is a verb or a tumble as often as a season
_SEASON = re.compile(
    r"\b(?:(last|this|next|past)\s+(spring|summer|fall|autumn|winter)"
    r"|(?:in\s+the\s+)?(spring|summer|fall|autumn|winter)\s+(?:of\s+)?((?:19|20)\d{2}))\b",
    re.I,
)
_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


def _season(name: str, year: int) -> tuple[date, date]:
    """The months of a season (as the northern hemisphere has them) of one year; winter runs
    from that year's December into the next year's February."""
    start = date(year, _SEASON_START[name], 1)
    last = start.month + 2
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return start, date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def season_days(m: re.Match[str], pub: date | None) -> tuple[date, date] | None:
    """The days a season phrase can mean. With a year it is that season; a relative one
    ("last fall") only against a known publication day, and widely: "last fall" written in
    December may be the fall just ended or the one before, so both are allowed."""
    if m.group(4):
        try:
            return _season(m.group(3).lower(), int(m.group(4)))
        except ValueError:
            return None
    if pub is None:
        return None
    which, name = m.group(1).lower(), m.group(2).lower()
    try:
        seasons = [_season(name, y) for y in range(pub.year - 2, pub.year + 2)]
    except ValueError:
        return None
    now = next((k for k, (a, b) in enumerate(seasons) if a <= pub <= b), None)
    ended = [k for k, (_, b) in enumerate(seasons) if b < pub]
    just_ended = now is None and bool(ended) and pub - seasons[ended[-1]][1] <= timedelta(days=92)
    if which in {"last", "past"}:
        latest = ended[-1]
        return seasons[latest - 1 if just_ended else latest][0], seasons[latest][1]
    if which == "this":
        # "this fall" in December looks back at the fall just ended, in June ahead to the next
        return seasons[ended[-1] if just_ended else (now if now is not None else ended[-1] + 1)]
    k = (now if now is not None else ended[-1]) + 1
    return seasons[k]


def _month(word: str) -> int:
    return _MONTH_NUM[word.lower().rstrip(".")[:3]]


def _complete(year: int | None, month: int | None, day: int | None) -> tuple[date, date] | None:
    if year is None or month is None:
        return None
    try:
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    except (ValueError, OverflowError):
        return None


def date_values(article: Article, span: tuple[int, int]) -> list[DateValue]:
    """Every date a sentence gives, complete or not. Relative words ("yesterday", "last
    week") only count where they resolve against the publication day; a weekday name counts
    either way, since the same happening cannot fall on two weekdays."""
    text = article.slice(span)
    found: list[DateValue] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, **parts: int | None) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        y, mo, d = parts.get("year"), parts.get("month"), parts.get("day")
        days = _complete(y, mo, d)
        a, b = span[0] + start, span[0] + end
        found.append(DateValue((a, b), article.text[a:b], y, mo, d, parts.get("weekday"), days))

    for m in _MDY.finditer(text):
        if m.group(1).lower() == "may" and not m.group(2):
            continue
        add(m.start(), m.end(), month=_month(m.group(1)), day=int(m.group(2)),
            year=int(m.group(3)) if m.group(3) else None)  # fmt: skip
    for m in _DMY.finditer(text):
        add(m.start(), m.end(), month=_month(m.group(2)), day=int(m.group(1)),
            year=int(m.group(3)) if m.group(3) else None)  # fmt: skip
    for m in _MY.finditer(text):
        add(m.start(), m.end(), month=_month(m.group(1)), year=int(m.group(2)))
    for m in _BARE_MONTH.finditer(text):
        add(m.start(), m.end(), month=_month(m.group(1)))
    for m in _SEASON.finditer(text):
        days = season_days(m, publication_day(article))
        if days is None or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        taken.append((m.start(), m.end()))
        a, b = span[0] + m.start(), span[0] + m.end()
        found.append(DateValue((a, b), article.text[a:b], days=days))
    for m in _YEAR.finditer(text):
        add(m.start(), m.end(), year=int(m.group(1)))
    for m in _WEEKDAY.finditer(text):
        around = text[max(0, m.start() - 16) : m.end() + 14].lower()
        if re.search(r"\b(?:every|each)\b", around):
            continue  # "the second Tuesday of each month", "every Friday": a rule, not a day
        add(m.start(), m.end(), weekday=_WEEKDAYS.index(m.group(1).lower()))
    resolved = {w.span: w for w in dates(article, span)}
    out = []
    for v in found:
        when = next(
            (w for sp, w in resolved.items() if sp[0] <= v.span[0] and v.span[1] <= sp[1]), None
        )
        if when is not None and v.days is None:
            v = DateValue(v.span, v.text, v.year, v.month, v.day, v.weekday, (when.start, when.end))
        out.append(v)
    for sp, w in resolved.items():
        if not any(v.span[0] < sp[1] and sp[0] < v.span[1] for v in out):
            out.append(DateValue(w.span, w.text, days=(w.start, w.end)))
    return sorted(out, key=lambda v: v.span)


def dates_agree(a: DateValue, b: DateValue) -> bool:
    """Whether two dates can name the same day: every part both give is the same (a weekday
    is checked against a complete date), and resolved ranges overlap."""
    if a.days is not None and b.days is not None:
        return a.days[0] <= b.days[1] and b.days[0] <= a.days[1]
    for x, y in ((a.year, b.year), (a.month, b.month), (a.weekday, b.weekday)):
        if x is not None and y is not None and x != y:
            return False
    if a.month is not None and a.month == b.month and a.day and b.day and a.day != b.day:
        return False
    for p, q in ((a, b), (b, a)):
        single = q.days is not None and q.days[0] == q.days[1]
        if p.weekday is not None and single and q.days and q.days[0].weekday() != p.weekday:
            return False
        if p.days is not None and q.days is None and (q.month or q.year):
            # "April 14" (no year) against 2016-04-16: compare the parts the partial one has
            day = p.days[0] if p.days[0] == p.days[1] else None
            if q.year is not None and not p.days[0].year <= q.year <= p.days[1].year:
                return False
            if day is not None and q.month is not None and day.month != q.month:
                return False
            if day is not None and q.day is not None and day.day != q.day:
                return False
    return True
