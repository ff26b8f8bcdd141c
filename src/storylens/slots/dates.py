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
            resolved = _resolve(kind, m, pub)
            if resolved is None:
                continue
            start, end = span[0] + m.start(), span[0] + m.end()
            taken.append((m.start(), m.end()))
            found.append(When(resolved[0], resolved[1], (start, end), article.text[start:end]))
    return sorted(found, key=lambda w: w.span)
