"""Headline, byline, publication time, outlet and language of a flattened page.

Everything here reads the page's own lines, with the body already located (``body`` holds the
indices of body lines): the headline and byline sit above the body, bios and "Written by"
credits below it. What the reader already knew (``RawDocument.hints``) always wins. When the
text does not say something, the field stays None rather than a guess.

Publication times: a date with a time and a known zone abbreviation or offset becomes an
aware datetime ("June 26, 2025, 07:58:06 IST" -> 2025-06-26T07:58:06+05:30); a time without
a zone, or a date without a time (midnight), stays naive, because inventing a zone would
shift the instant by hours.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from storylens.clean.outlets import AGENCIES, outlet_for_host
from storylens.records import Genre

HtmlElement = Any  # lxml.html.HtmlElement; lxml ships no type stubs
_MAX_OFFSET_H = 14  # the widest zone offsets in use: UTC-12 to UTC+14
_EARLIEST_YEAR = 1800  # older "publication" dates are placeholders, not archives

# Zone abbreviations as news sites print them (standard and summer time). Ambiguous ones
# (e.g. "ET", "AST" outside the Atlantic) are read in their most common news sense.
_ZONES: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "IST": 5.5, "CET": 1,
    "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "EAT": 3, "WAT": 1, "CAT": 2, "SAST": 2,
    "PKT": 5, "NPT": 5.75, "WIB": 7, "ICT": 7, "SGT": 8, "HKT": 8, "AWST": 8, "PHT": 8,
    "JST": 9, "KST": 9, "ACST": 9.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
    "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "AST": -4, "ADT": -3,
}  # fmt: skip
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "january jan enero janvier januar janeiro gennaio",
            "february feb febrero février februar fevereiro febbraio",
            "march mar marzo mars märz março",
            "april apr abril avril aprile",
            "may mayo mai maio maggio",
            "june jun junio juin juni junho giugno",
            "july jul julio juillet juli julho luglio",
            "august aug agosto août",
            "september sep sept septiembre septembre setembro settembre",
            "october oct octubre octobre oktober outubro ottobre",
            "november nov noviembre novembre novembro",
            "december dec diciembre décembre dezember dezembro dicembre",
        ]
    )
    for m in names.split()
}
_MONTH = r"(?P<mon>[^\W\d_]{3,9})\.?"
_MDY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I)
_DMY = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th|º)?\s+(?:de\s+)?"
    + _MONTH
    + r",?\s+(?:de\s+)?(?P<year>\d{4})\b",
    re.I,
)
_ISO = re.compile(
    r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?(?P<off>Z|[+-]\d{2}:?\d{2})?)?"
)
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4})\b")
_TIME = re.compile(
    r"\b(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
    r"(?:\s*\(?(?P<tz>[A-Z]{1,5})\b(?P<off>[+-]\d{1,2}(?::?\d{2})?)?\)?)?",
    re.I,
)
_ANY_DIGIT = re.compile(r"\d")
_PUBLISHED = re.compile(r"\b(published|posted|first published|updated|last updated)\b", re.I)

_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-Þ][\w'’-]*\.?|[A-Z]\.)$")
_CONNECTORS = {"and", "&", "de", "da", "van", "von", "der", "bin", "al", "la", "le", "del"}
_STOP_EN_WORDS = """a an the and or but if of to in on at by for with from as into about after before than
    that this these those it its is are was were be been being has have had do does did not no
    he she they we you i his her their our your him them who which what when where how will
    would can could should may might also just so more most other some such only there said
    all posts"""
_STOP_EN = frozenset(_STOP_EN_WORDS.split())
_ROLE = re.compile(
    r"^((senior|chief|deputy|staff|contributing|managing|executive|associate|political|news|"
    r"foreign|sports|business|science|tech|technology|health|white house|defense|national|"
    r"investigative|international)\s)*(editor|writer|reporter|correspondent|journalist|"
    r"columnist|contributor|producer|author|analyst)s?$",
    re.I,
)
_BIO = re.compile(
    r"^(?P<name>(?:\w[\w.'’-]*\s){1,4})(?:is|was)\s(?:an?|the)\s[^.]{0,80}?\b(?:editor|writer|"
    r"reporter|correspondent|journalist|columnist|contributor|producer)\b"
    r"(?:[^.]{0,40}?\b(?:at|for|with)\s(?:the\s)?(?P<outlet>(?:[A-Z][\w'’&-]*\s?){1,5}))?",
    re.I,
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<outlet>[A-Z][^.,|;©]{1,60})",
    re.I,
)
_BY = re.compile(r"^(?:by|written by|author|posted by|words by)\s*:?\s*(?P<rest>.+)$", re.I)
_TITLE_NOISE = re.compile(
    r"^(advertisement|trending|news feed|menu|home|skip|welcome to|sign (in|up)|subscribe|"
    r"breaking|live|share|\d+ min read|getty images|photo|image)\b",
    re.I,
)


@dataclass
class Metadata:
    title: str | None = None
    byline: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    genre: Genre | None = None
    wire: str | None = None
    input_id: str | None = None
    section: str | None = None

    def as_fields(self) -> dict[str, object]:
        return {
            "title": self.title,
            "byline": self.byline,
            "published": self.published,
            "outlet": self.outlet,
            "url": self.url,
            "language": self.language,
            "genre": self.genre,
            "wire": self.wire,
            "input_id": self.input_id,
            "section": self.section,
        }


def extract(lines: list[str], body: list[int], hints: dict[str, str]) -> Metadata:
    """Metadata of a page whose non-blank ``lines`` have body lines at the indices ``body``."""
    first = body[0] if body else min(len(lines), 30)
    last = body[-1] if body else first
    head = lines[:first]
    body_text = "\n".join(lines[i] for i in body)
    url = hints.get("url")
    title = hints.get("title") or find_title(head, lines, body_text)
    byline = hints.get("byline") or find_byline(lines, first, last)
    meta = Metadata(
        title=title,
        byline=byline,
        published=sane_datetime(_hinted_time(hints.get("published")))
        or sane_datetime(prefer_url_date(url_date(url), find_published(lines, first, last))),
        outlet=hints.get("outlet") or outlet_for_host(_host(url)) or find_outlet(lines, last),
        url=url,
        language=hints.get("language") or language_of(body_text),
        genre=genre_of_hint(hints.get("genre"))
        or find_genre(url, _kicker_lines(lines, first, title), body_text),
        wire=find_wire(body_text, byline, [lines[i] for i in range(last + 1, len(lines))]),
        input_id=hints.get("input_id"),
        section=hints.get("section") or section_of_url(url),
    )
    if meta.outlet is None:
        meta.outlet = registered_domain(url)
    return meta


# --- outlet, URL dates, genre, wire ----------------------------------------------------


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None


def outlet_name(url: str | None) -> str | None:
    """The outlet a URL alone names: the bundled readable name, else the registered domain."""
    return outlet_for_host(_host(url)) or registered_domain(url)


# /2018/04/17/, /2018-04-17-, /20180417/ in the path: publishers put the day of publication
# there. A month alone (/2018/04/) is not a day, so it gives nothing rather than the 1st.
_URL_DATE = re.compile(
    r"(?<![\w])(?P<year>(?:19|20)\d{2})(?P<sep>[/_-])(?P<mon>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?![\d])"
    r"|(?<![\d])(?P<cyear>(?:19|20)\d{2})(?P<cmon>[01]\d)(?P<cday>[0-3]\d)(?![\d])"
)


def url_date(url: str | None) -> datetime | None:
    """The day a URL's path names (``/2018/04/17/`` -> 2018-04-17, naive midnight), or None."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    for m in _URL_DATE.finditer(path):
        year, month, day = (
            (m.group("year"), m.group("mon"), m.group("day"))
            if m.group("year")
            else (m.group("cyear"), m.group("cmon"), m.group("cday"))
        )
        try:
            found = datetime(int(year), int(month), int(day))
        except ValueError:
            continue
        if found <= datetime.now() + timedelta(days=2):
            return found
    return None


def prefer_url_date(from_url: datetime | None, from_text: datetime | None) -> datetime | None:
    """The URL's day beats a date read from the page text (a related story's date, an event
    date), but the text's time of day is kept when it falls on that same day."""
    if from_url is None:
        return from_text
    if from_text is not None and from_text.date() == from_url.date():
        return from_text
    return from_url


_GENRE_WORDS: dict[str, Genre] = {
    "opinion": "opinion", "opinions": "opinion", "op-ed": "opinion", "oped": "opinion",
    "op-eds": "opinion", "commentisfree": "opinion", "editorial": "opinion",
    "editorials": "opinion", "commentary": "opinion", "column": "opinion",
    "columns": "opinion", "columnists": "opinion", "perspective": "opinion",
    "perspectives": "opinion", "viewpoint": "opinion", "viewpoints": "opinion",
    "analysis": "analysis", "news-analysis": "analysis", "analyses": "analysis",
    "review": "review", "reviews": "review", "critique": "review",
    "news": "news", "world-news": "news", "us-news": "news", "uk-news": "news",
    "politics-news": "news", "breaking-news": "news", "local-news": "news",
}  # fmt: skip
_GENRE_TYPES: dict[str, Genre] = {
    "opinionnewsarticle": "opinion", "analysisnewsarticle": "analysis",
    "reviewnewsarticle": "review", "review": "review", "criticreview": "review",
    "newsarticle": "news", "reportagenewsarticle": "news",
}  # fmt: skip
_VIEWS_OWN = re.compile(
    r"\b(views|opinions)( expressed)?( here| in this (article|column|piece))? are (those of the "
    r"(author|writer)s?|the (author|writer)'?s'? own|(his|her|their) own)\b",
    re.I,
)


def genre_of_url(url: str | None) -> Genre | None:
    """A path segment that names the section (``/opinion/``, ``/reviews/``, ``/news/``)."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        segments = [s.casefold() for s in urlsplit(url.strip()).path.split("/")[:-1] if s]
    except ValueError:
        return None
    found = [_GENRE_WORDS[s] for s in segments if s in _GENRE_WORDS]
    # A specific kind beats the generic "news" section it sits under (/news/analysis/).
    specific = [g for g in found if g != "news"]
    return specific[0] if specific else (found[0] if found else None)


# Path segments that file a page without naming a section: kinds of page, mobile and AMP
# copies, language codes (too short anyway), and the generic "news" when a specific one follows.
_NOT_SECTIONS = frozenset(
    [
        "amp",
        "article",
        "articles",
        "story",
        "stories",
        "post",
        "posts",
        "item",
        "items",
        "node",
        "page",
        "pages",
        "view",
        "content",
        "index",
        "www",
        "mobile",
        "blog",
        "blogs",
        "archive",
        "archives",
        "detail",
        "details",
        "html",
    ]
)
# one word of 3+ letters, or two joined ("us-news"); three or more joined words are a slug
_SECTION_SEGMENT = re.compile(r"[^\W\d_]{3,20}|[^\W\d_]{2,20}[-_][^\W\d_]{2,20}")


def section_of_url(url: str | None) -> str | None:
    """The section a URL files its page under: the first folder of the path that is a word
    or two ("politics", "us-news" -> "us news"), not a date, a number, a month, a kind of page
    or the page's own slug (the last segment). "news" only when nothing more specific follows."""
    if not url:
        return None
    from urllib.parse import unquote, urlsplit

    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return None
    folders = [s.casefold() for s in path.rstrip("/").split("/")[:-1] if s]
    words = [
        s
        for s in folders
        if _SECTION_SEGMENT.fullmatch(s) and s not in _NOT_SECTIONS and s not in _MONTHS
    ]
    specific = [s for s in words if s != "news"]
    found = specific[0] if specific else (words[0] if words else None)
    return found.replace("-", " ").replace("_", " ") if found else None


def genre_of_label(label: str | None) -> Genre | None:
    """A section name or kicker ("OPINION", "Analysis", "Op-Ed", "Film review") as a genre."""
    if not label:
        return None
    words = re.findall(r"[\w'-]+", label.casefold())
    if not 1 <= len(words) <= 3:
        return None
    for word in (words[-1], "-".join(words)):
        if word in _GENRE_WORDS and _GENRE_WORDS[word] != "news":
            return _GENRE_WORDS[word]
    return None


def genre_of_types(types: set[str]) -> Genre | None:
    kinds = [_GENRE_TYPES[t] for t in types if t in _GENRE_TYPES]
    specific = [g for g in kinds if g != "news"]
    return specific[0] if specific else (kinds[0] if kinds else None)


def genre_of_hint(value: str | None) -> Genre | None:
    if not value:
        return None
    if value.casefold() in ("news", "opinion", "analysis", "review"):
        return _GENRE_WORDS[value.casefold()]
    return genre_of_label(value)


def _kicker_lines(lines: list[str], first: int, title: str | None) -> list[str]:
    """The short lines just above the headline and the body, where pages print a kicker."""
    start = max(0, first - 4)
    if title is not None:
        for i in range(first - 1, max(-1, first - 15), -1):
            if lines[i] == title:
                start = max(0, i - 2)
                break
    return [line for line in lines[start : first + 1] if len(line.split()) <= 3]


def find_genre(url: str | None, kickers: list[str], body_text: str) -> Genre | None:
    """Opinion, analysis or review when the page says so (URL section, kicker, an "views are
    the author's own" disclaimer); news when its URL files it under news; else unknown."""
    for kicker in kickers:
        if (genre := genre_of_label(kicker)) is not None:
            return genre
    from_url = genre_of_url(url)
    if from_url not in (None, "news"):
        return from_url
    if _VIEWS_OWN.search(body_text[-1500:]) or _VIEWS_OWN.search(body_text[:600]):
        return "opinion"
    return from_url


def _agency_pattern() -> re.Pattern[str]:
    names = sorted({n for ns in AGENCIES.values() for n in ns}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


_AGENCY = _agency_pattern()
_AGENCY_OF = {n.casefold(): short for short, ns in AGENCIES.items() for n in ns}
# "WASHINGTON (Reuters) -", "NEW DELHI, June 3 (PTI):", "(AP) —": the dateline of wire copy.
_DATELINE = re.compile(r"\((?P<agency>" + _AGENCY.pattern + r")\)\s*[-–—:]")
# Credits at the end of wire copy, whatever the site that republished it.
_CREDIT_LINE = re.compile(
    r"(?:with inputs? from|inputs? from|contributed by|source:|copyright \d{4}|© \d{4}|"
    r"\(c\) \d{4})\s*(?:the\s)?(?P<agency>" + _AGENCY.pattern + r")\b"
    r"|(?P<agency2>" + _AGENCY.pattern + r")\s(?:writers?|reporters?|correspondents?)\b"
    r"[^.]{0,80}\bcontributed"
    r"|^[-–—]\s*(?P<agency3>" + _AGENCY.pattern + r")\.?$"
    r"|^\((?P<agency4>" + _AGENCY.pattern + r")\)$",
    re.I,
)
_REUTERS_CREDIT = re.compile(r"^\(?reporting by\b.{0,200}\bediting by\b", re.I)


def _agency(name: str | None) -> str | None:
    if not name:
        return None
    short = _AGENCY_OF.get(name.casefold())
    # Two-letter agencies only count in capitals: "ap" or "pa" inside prose is not a credit.
    if short in ("AP", "PA") and not name.isupper() and len(name) <= 3:
        return None
    return short


def find_wire(body_text: str, byline: str | None, after: list[str]) -> str | None:
    """The agency whose copy this is: a byline that is an agency ("By AFP", "Reuters Staff"),
    a wire dateline at the top of the body, or an agency credit at its end."""
    if byline:
        name = re.sub(r"^by\s+|\s+(staff|news|reporters?)$", "", byline.strip(), flags=re.I)
        if (short := _agency(name)) is not None and short != "Bloomberg":
            return short
    if (m := _DATELINE.search(body_text[:400])) and (short := _agency(m.group("agency"))):
        return short
    tail = [*body_text.splitlines()[-6:], *after[:6]]
    for line in tail:
        line = line.strip()
        if _REUTERS_CREDIT.match(line):
            return "Reuters"
        m = _CREDIT_LINE.search(line)
        if m and len(line.split()) <= 40:
            name = next(g for g in m.groups() if g)
            if (short := _agency(name)) is not None:
                return short
    return None


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]{4,}", text.casefold()) if w not in _STOP_EN}


def find_title(head: list[str], lines: list[str], body_text: str) -> str | None:
    """The most headline-like line above the body: it shares words with the body's opening,
    is often repeated (page title and on-page headline), and sits close above the body."""
    opening = _content_words(body_text[:1500])
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.casefold()] = counts.get(line.casefold(), 0) + 1
    best: tuple[float, str] | None = None
    for i, line in enumerate(head):
        words = line.split()
        if not 3 <= len(words) <= 30 or _TITLE_NOISE.match(line) or line.endswith((".", ",")):
            continue
        if _BY.match(line) or _ROLE.match(line) or find_datetime(line) is not None:
            continue
        own = _content_words(line)
        if not own:
            continue
        overlap = len(own & opening) / len(own)
        letters = [c for c in line if c.isalpha()]
        shouting = sum(c.isupper() for c in letters) / len(letters) > 0.8 if letters else False
        score = (
            2.0 * overlap
            + (0.7 if counts[line.casefold()] > 1 else 0.0)
            + 0.3 * (i + 1) / len(head)  # nearer the body is likelier the headline
            - (1.2 if shouting else 0.0)  # all-caps lines are kickers and subheads
            - (0.5 if len(words) > 20 else 0.0)
        )
        if best is None or score > best[0]:
            best = (score, line)
    return best[1] if best and best[0] > 0.6 else None


def _name_run(text: str, max_tokens: int = 5) -> str | None:
    """The leading run of name-like tokens ("Kateryna Hodunova", "FP News Desk"), or None."""
    out: list[str] = []
    for token in text.replace(",", " , ").split():
        low = token.casefold()
        if low.rstrip(".") in _MONTHS or (low in _STOP_EN and low not in _CONNECTORS):
            break
        if _NAME_TOKEN.match(token) or (out and low in _CONNECTORS) or (token == "," and out):
            out.append(token)
        else:
            break
        if len([t for t in out if t not in _CONNECTORS and t != ","]) >= max_tokens:
            break
    while out and (out[-1] == "," or out[-1].casefold() in _CONNECTORS):
        out.pop()
    name = " ".join(out).replace(" ,", ",")
    return name if len(out) >= 1 and len(name) >= 3 else None


def find_byline(lines: list[str], first: int, last: int) -> str | None:
    """Author names from "By X" / "Written by: X" lines, "X <date>" lines, a name line over a
    role line ("News Editor"), or failing those an author bio ("X is a reporter at ...")."""
    top = range(0, min(len(lines), first + 3))
    tail = range(last + 1, len(lines))
    for i in [*top, *tail]:
        m = _BY.match(lines[i])
        if m and (name := _name_run(m.group("rest"))):
            return name
    for i in top:
        name = _name_run(lines[i])
        if name and 1 <= len(name.split()) <= 5:
            rest = lines[i][len(name) :].lstrip(" ,|-–—·")
            if _starts_with_date(rest):
                return name
    for i in [*top, *tail]:
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not _ROLE.match(nxt.strip()):  # the cheap test first: few lines are over a role
            continue
        name = _name_run(lines[i])
        if name and name == lines[i].strip() and 2 <= len(name.split()) <= 4:
            return name
    for i in tail:
        m = _BIO.match(lines[i])
        if m:
            return m.group("name").strip()
    return None


def _starts_with_date(text: str) -> bool:
    """True for "June 26, 2025, 07:58 IST" or "23/08/2018 ..." (a byline's date), not for prose
    that merely mentions a date further on."""
    first = text.split(maxsplit=1)[0].casefold().rstrip(".,") if text.split() else ""
    weekday = first[:3] in {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
    return (first[:1].isdigit() or first in _MONTHS or weekday) and find_datetime(
        text[:60]
    ) is not None


def find_outlet(lines: list[str], last: int) -> str | None:
    """The outlet as the page names itself: in a staff bio ("a News Editor at the Kyiv
    Independent") or a copyright line ("© 2019 News Nation")."""
    for line in lines[last + 1 :]:
        m = _BIO.match(line)
        if m and m.group("outlet"):
            return m.group("outlet").strip()
    for line in reversed(lines):
        m = _COPYRIGHT.search(line)
        if m:
            outlet = re.split(
                r"\s+(?:all rights|inc\b|ltd\b|llc\b)", m.group("outlet"), flags=re.I
            )[0]
            return outlet.strip() or None
    return None


def _offset(tz: str | None, off: str | None) -> timezone | None:
    if tz is None and off is None:
        return None
    hours = 0.0
    if tz is not None:
        if tz.upper() not in _ZONES:
            return None
        hours = _ZONES[tz.upper()]
    if off:
        if off == "Z":
            return UTC
        sign = -1 if off[0] == "-" else 1
        digits = off[1:].replace(":", "")
        hh, mm = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        hours += sign * (int(hh) + int(mm) / 60)
    if abs(hours) > _MAX_OFFSET_H:  # "+99:00" is a typo, not a place: keep the wall time
        return None
    return timezone(timedelta(hours=hours))


def sane_datetime(value: datetime | None) -> datetime | None:
    """``value`` when it can be a publication time, else None: a year-1 or year-9999 date
    (a CMS placeholder) would overflow the first date arithmetic of a later stage and cost
    the whole story its analysis, and a zone offset beyond ±14 h exists nowhere."""
    if value is None:
        return None
    try:
        offset = value.utcoffset()
    except (ValueError, OverflowError):
        offset = None
        value = value.replace(tzinfo=None)
    if offset is not None and abs(offset) > timedelta(hours=_MAX_OFFSET_H):
        value = value.replace(tzinfo=None)
    latest = datetime.now(UTC).year + 1
    return value if _EARLIEST_YEAR <= value.year <= latest else None


def find_datetime(text: str) -> datetime | None:
    """The first date in ``text`` with the time and zone printed next to it, if any."""
    if _ANY_DIGIT.search(text) is None:  # every date pattern holds a year: most lines have none
        return None
    for pattern in (_ISO, _MDY, _DMY):
        m = pattern.search(text)
        if not m:
            continue
        mon = m.group("mon")
        month = int(mon) if mon.isdigit() else _MONTHS.get(mon.casefold())
        if month is None:
            continue
        try:
            day = datetime(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
        if pattern is _ISO and m.group("h"):
            tzinfo = _offset(None, m.group("off"))
            return day.replace(
                hour=int(m.group("h")),
                minute=int(m.group("m")),
                second=int(m.group("s") or 0),
                tzinfo=tzinfo,
            )
        return _with_time(day, text)
    m = _NUMERIC.search(text)
    if m:
        a, b = int(m.group("a")), int(m.group("b"))
        day_month = (a, b) if a > 12 else (b, a) if b > 12 else None  # 03/04 is ambiguous
        if day_month:
            try:
                return _with_time(datetime(int(m.group("year")), day_month[1], day_month[0]), text)
            except ValueError:
                return None
    return None


def _with_time(day: datetime, text: str) -> datetime:
    for m in _TIME.finditer(text):
        hour, minute = int(m.group("h")), int(m.group("m"))
        ampm = (m.group("ampm") or "").casefold()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            continue
        tz = m.group("tz")
        tzinfo = _offset(tz, m.group("off")) if tz and tz.upper() in _ZONES else None
        return day.replace(hour=hour, minute=minute, second=int(m.group("s") or 0), tzinfo=tzinfo)
    return day


def find_published(lines: list[str], first: int, last: int) -> datetime | None:
    """A "Published ..." line anywhere outside the body, else the first date above the body
    (dates inside the body are about events, not about the page)."""
    outside = [*range(0, first), *range(last + 1, len(lines))]
    # one search of the lines joined tells whether any line needs looking at
    if _PUBLISHED.search("\n".join(lines[i] for i in outside)) is None:
        outside = []
    for i in outside:
        if _PUBLISHED.search(lines[i]) and (when := find_datetime(lines[i])):
            return when
    for i in range(0, first):
        if len(lines[i].split()) <= 20 and (when := find_datetime(lines[i])):
            return when
    return None


def _hinted_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return find_datetime(value)


def language_of(text: str) -> str | None:
    """ "en" when English function words are as dense as in English prose; else unknown."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    if len(words) < 20:
        return None
    return "en" if sum(w in _STOP_EN for w in words) / len(words) >= 0.25 else None


# --- HTML pages ------------------------------------------------------------------------

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
    "report", "scholarlyarticle", "techarticle", "webpage",
}  # fmt: skip


def _jsonld_objects(value: object) -> Iterator[dict[str, object]]:
    """Every JSON-LD node, flattening lists and ``@graph`` containers."""
    if isinstance(value, list):
        for item in value:
            yield from _jsonld_objects(item)
    elif isinstance(value, dict):
        yield value
        if "@graph" in value:
            yield from _jsonld_objects(value["@graph"])


def _types(node: dict[str, object]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.casefold() for k in kinds if isinstance(k, str)}


def _names(value: object) -> list[str]:
    """Person or organisation names from a string, a node with ``name``, or a list of them."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() and not value.startswith("http") else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _first_str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, list):
        for item in value:
            if (found := _first_str(item)) is not None:
                return found
    if isinstance(value, dict):
        return _first_str(value.get("@id") or value.get("url"))
    return None


def html_metadata(tree: HtmlElement) -> dict[str, str]:
    """What a page says about itself in JSON-LD, OpenGraph/article meta tags, ``<link
    rel=canonical>`` and ``<html lang>`` — the publisher's own, machine-readable statements,
    which beat anything inferred from the visible text. Read before the tree is cleaned."""
    found: dict[str, str] = {}

    def put(key: str, value: str | None) -> None:
        # JSON-LD strings and some meta tags carry HTML entities escaped once more than the
        # markup needs ("doesn&#8217;t"); a reader should see the character.
        if value and value.strip() and key not in found:
            found[key] = " ".join(html.unescape(value).split())

    for script in tree.xpath('//script[contains(@type, "ld+json")]'):
        try:
            data = json.loads(script.text_content() or "null")
        except (ValueError, RecursionError):  # RecursionError: nested past the parser's stack
            continue
        for node in _jsonld_objects(data):
            if not _types(node) & _ARTICLE_TYPES:
                continue
            put("title", _first_str(node.get("headline")))
            put("published", _first_str(node.get("datePublished")))
            put("byline", ", ".join(dict.fromkeys(_names(node.get("author")))))
            put("outlet", next(iter(_names(node.get("publisher"))), None))
            put("url", _first_str(node.get("url")) or _first_str(node.get("mainEntityOfPage")))
            put("language", _first_str(node.get("inLanguage")))
            put("section", _first_str(node.get("articleSection")))
            kind = genre_of_types(_types(node))
            put("genre" if kind not in (None, "news") else "genre_default", kind)
    meta: dict[str, str] = {}
    for tag in tree.xpath("//meta[@content]"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").casefold()
        if key and key not in meta and tag.get("content", "").strip():
            meta[key] = tag.get("content").strip()
    for key in (
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "date",
        "dc.date.issued",
        "sailthru.date",
    ):
        put("published", meta.get(key))
    for key in ("og:site_name", "application-name"):
        # a social handle ("@politifact") names an account, not the publication
        if not meta.get(key, "").startswith("@"):
            put("outlet", meta.get(key))
    put("genre", genre_of_label(meta.get("article:section")))
    put("section", meta.get("article:section"))
    put("byline", meta.get("author") if not meta.get("author", "").startswith("http") else None)
    for link in tree.xpath('//link[@rel="canonical"][@href]'):
        put("url", link.get("href"))
    put("url", meta.get("og:url"))
    put("title", meta.get("og:title"))
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    put("language", lang or meta.get("og:locale") or meta.get("content-language"))
    if "byline" in found:
        found["byline"] = re.sub(r"^(?:by|written by)\s*:?\s+", "", found["byline"], flags=re.I)
        if re.fullmatch(r"[a-z0-9]+(?:[-_.][a-z0-9]+)+", found["byline"]):
            del found["byline"]  # a CMS login ("kevin-r"), not a name; the markup may hold one
    if "language" in found:
        found["language"] = found["language"].replace("_", "-").split("-")[0].casefold()
    if not found.get("url", "").startswith(("http://", "https://")):
        found.pop("url", None)
    return found


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 (or otherwise dated) string; the zone is kept when the string has one."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        pass
    from dateutil import parser as dateparser

    zones = {name: int(hours * 3600) for name, hours in _ZONES.items()}
    try:
        return dateparser.parse(value, fuzzy=False, tzinfos=zones)
    except (ValueError, OverflowError):
        return find_datetime(value)


def registered_domain(url: str | None) -> str | None:
    """``bbc.co.uk`` for ``https://www.bbc.co.uk/news/...``: the outlet when a page does not
    name itself. The public suffix list comes bundled with ``tld`` (no download)."""
    if not url:
        return None
    from tld import get_fld

    domain = get_fld(url, fail_silently=True)
    return domain if isinstance(domain, str) else None


_BYLINE_XPATH = (
    '//*[@rel="author" or @itemprop="author" or contains(@class, "byline")'
    ' or contains(@class, "author-name") or contains(@class, "author_name")]'
)


def html_byline(tree: HtmlElement) -> str | None:
    """Author names from the elements pages use to mark them (``rel=author``, ``itemprop=
    author``, a ``byline`` class): a tenth of the cost of trafilatura's author heuristics, and
    the names must read as names (``_name_run``), so "By staff | 5 min read" gives nothing."""
    names: list[str] = []
    for element in tree.xpath(_BYLINE_XPATH)[:6]:
        text = " ".join(element.text_content().split())
        match = _BY.match(text)
        text = match.group("rest") if match else text
        name = _name_run(text)
        # The same name is often marked twice ("Jeff Foust" and "Jeff FoustMonday").
        if not name or len(name.split()) < 2 or any(n in name for n in names):
            continue
        names = [n for n in names if name not in n] + [name]
    return ", ".join(names[:4]) or None


def article_id(raw: str) -> str:
    """Content-derived id: the same input gets the same id in every run and every store.

    ``surrogatepass``: a lone surrogate (a JSON ``\\ud800`` escape, an undecodable byte held
    by ``surrogateescape``) is not UTF-8 but is still content, and must not cost the article."""
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:12]


# Han, kana and Thai: scripts written without spaces between words.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")


def count_words(text: str) -> int:
    """Words of ``text``: whitespace-separated tokens, plus one per two characters of a
    script written without spaces (a Japanese word averages about two characters), so a
    Japanese page is not "1 word" long and dropped as too short."""
    return len(text.split()) + len(_UNSPACED.findall(text)) // 2


def visible_chars(text: str) -> int:
    """Non-whitespace characters (``str.isspace`` sense), counted at C speed by ``str.split``:
    a per-character loop over a 300 kB page costs a noticeable share of the extraction."""
    return sum(map(len, text.split()))
