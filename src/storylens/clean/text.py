"""Flattened-text cleaner: find the article body among the lines of a copied web page.

A copied page is a column of lines: menus, bylines, captions, the body, then bios, teasers
and footers. Each line gets a few named features (how prose-like it is, boilerplate and
caption patterns, repetition, blank-line framing, its neighbourhood and its distance from
the densest run of prose); a logistic scorer turns them into a body probability. The body
is the contiguous run of lines with the largest probability mass (maximum-sum segment; no
left-out line costs it more than ``_GAP_COST``, so a caption block or a gallery between two
parts of the body does not split it), cut short at the first end-of-article marker (an author bio, a comment form, "Read more"), with
headline repeats and teaser cards (a headline with its blurb) trimmed from its edges.
A standfirst that sits above the first caption or ad gap, outside that run, is left out:
the body is one run of prose, and a dek belongs with the headline rather than the text.

Weights were fitted on zyte-dev and trafilatura-dev (510 real pages flattened to text) by
``benchmarks/eval_extraction_text.py --train``; the figures it reported sit beside
``_WEIGHTS``. Each line is read once (``_lines``): every pattern runs at most once a line, and
the character classes of a page come from one table lookup, so the cleaner stays several
times faster than trafilatura (``benchmarks/clean_speed.py``).
"""

from __future__ import annotations

import bisect
import math
import re
from typing import NamedTuple

import numpy as np

from storylens.clean import metadata
from storylens.clean.metadata import _UNSPACED, article_id, count_words, visible_chars
from storylens.clean.pagekind import not_an_article
from storylens.config import CleanConfig
from storylens.records import Article, Dropped, RawDocument, Segment

_LINE = re.compile(r"[^\r\n]+")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,.:/-]*")
_TOKEN = re.compile(r"\w+")

# Function words of the languages a news page is most often in; prose is dense with them
# whatever its subject, menus and captions are not.
_STOP_WORDS = """a an the and or but if of to in on at by for with from as into about after before than
    that this these those it its is are was were be been being has have had do does did not no
    he she they we you i his her their our your him them who whom which what when where why how
    will would can could should may might must also just so very more most other some such only
    there here then over up out said says say one two all any each both because while during
    el la los las de del y en que un una por con para es se lo su al como más pero sus le les
    des et à un une est pour dans qui ne pas sur au il elle ce o os da do em um uma não na no
    der die das und ist ein eine zu den mit von sich auf für nicht im dem des auch es il di che
    per non è della"""
_STOP = frozenset(_STOP_WORDS.split())
# Lines that are page furniture whatever the site: ads, sharing, navigation, credits, footers.
_FURNITURE = re.compile(
    r"^(advertisement|advertising|sponsored|ad|trending|trending now|quick links|news feed|"
    r"read more|show more|load more|see more|view more|more|related|related articles?|"
    r"related stories|related posts|recommended|most read|most popular|popular|latest|"
    r"you may also like|more from\b.*|share|share this.*|tweet|email|print|comments?|"
    r"\d+ comments?|leave a (reply|comment)|post comment.*|reply|subscribe.*|sign up.*|log ?in|"
    r"menu|home|search|skip to .*|close|tags?:?.*|categories:?.*|filed under:?.*|topics:?.*|"
    r"image|photo|video|article image|avatar|getty images|representational image|"
    r"\d+ min(ute)?s? read|story continues below.*|continue reading.*|"
    r"(also )?read( more)?:.*|watch:.*|listen:.*)$",
    re.IGNORECASE,
)
# Boilerplate words anywhere in a line (with the furniture lines, the "boiler" feature).
_BOILER_WORDS = re.compile(
    r"\b(all rights reserved|privacy policy|terms of (use|service)|cookie|newsletter|"
    r"your email address will not be published|required fields are marked|"
    r"enable javascript|follow us|click here|©|copyright\b)",
    re.IGNORECASE,
)
# Photo credits and captions: "(Name for X via Getty Images)", "Photo: AP", "Credit: Reuters".
_CREDIT = re.compile(
    r"\b(via getty images|getty images|shutterstock|ap photo|afp photo|reuters/|/ ?reuters|"
    r"/ ?afp|/ ?ap\b|photo credit|image credit|photograph:|photo:|credit:|file photo|"
    r"representational (image|photo|picture))",
    re.IGNORECASE,
)
# Author bios: "<Name> is a News Editor at ...", "SARAH MORGAN is a talented content writer".
_BIO = re.compile(
    r"^(\w[\w.'’-]*\s){1,4}(is|was|has been)\s(an?|the)\s[^.]{0,80}?\b(editor|writer|reporter|"
    r"correspondent|journalist|columnist|contributor|author|producer|analyst|blogger|"
    r"freelancer|intern|fellow|host|anchor)",
    re.IGNORECASE,
)
# Lines after which the article does not go on: bio headers, comment forms, "Read more".
_END = re.compile(
    r"^(about the author|leave a (reply|comment)|\d* ?comments?|post a comment|read more|"
    r"show more|related (articles?|stories|posts)|you may also like|more from .*|"
    r"recommended( for you)?|written by:?.*|categories:.*|tags:.*|filed under:?.*|"
    r"news feed)$"
    # a comment's signature: "Alex on September 17, 2018 at 6:34 am said:"
    r"|^.{0,80}\b\d{4}\b.{0,30}\b(said|says|wrote|replied):?$",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
# Players, galleries and sign-up widgets, as pages print them whatever the site: the words of
# the widget ("watch", "playback", "enlarge", "caption", "sign up") in a line that is not a
# sentence of the story.
_MEDIA = re.compile(
    r"^(just watched|must watch|watch now|now playing|up next|replay|autoplay|"
    r"enlarge( this)? (image|photo)|view (image|gallery|slideshow)|"
    r"(image|photo|picture|video) (copyright|caption|credit)\b.*|"
    r"media playback is (unsupported|not supported).*|"
    r"(advertisement|ad|advertising)\s+(continue reading|story continues).*|"
    r"(sign up|subscribe) (for|to) (our|the) .{0,30}newsletters?.*|"
    r"newsletters? sign[- ]?up.*|get (our|the) .{0,30}newsletter.*)$",
    re.IGNORECASE,
)
# "Foto: ...", "Source: ...", "Bild via ...": a one-word label and its value, not a sentence
_LABEL = re.compile(r"^[^\W\d_]{2,15}\s?:\s")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_BULLET = re.compile(r"^([*+•·o>|-]|\d+\.)(\s|$)")
_SEPARATORS = re.compile(r"[|»›•·]")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")

FEATURES: tuple[str, ...] = (
    "log_words",
    "long",
    "terminal",
    "stop_ratio",
    "title_ratio",
    "caps_ratio",
    "digit_ratio",
    "separators",
    "bullet",
    "boiler",
    "credit",
    "bio",
    "date",
    "repeated",
    "blank_before",
    "blank_after",
    "context",
    "position",
    "in_core",
    "core_distance",
    "card_blurb",
    "short_fragment",
    "glued",
    "title_overlap",
    "title_context",
    "after_end",
    "colon_end",
    "question_end",
    "label_prefix",
)

# Fitted by `benchmarks/eval_extraction_text.py --train` on zyte-dev and trafilatura-dev
# together (whole-body labels and snippet labels), both passes; 5-fold CV split by page:
# zyte-dev F1 0.9332 (P 0.9241, R 0.9425), trafilatura-dev F1 0.859
# (P 0.8729, R 0.8455); keeping the whole text scores 0.686 and 0.700.
_WEIGHTS = np.array(
    [
        3.471,  # log_words
        0.853,  # long
        1.131,  # terminal
        -2.333,  # stop_ratio
        -0.147,  # title_ratio
        -0.079,  # caps_ratio
        3.108,  # digit_ratio
        -1.189,  # separators
        0.138,  # bullet
        -2.19,  # boiler
        -2.852,  # credit
        -2.672,  # bio
        -1.161,  # date
        -0.642,  # repeated
        0.485,  # blank_before
        0.368,  # blank_after
        2.867,  # context
        -1.574,  # position
        1.104,  # in_core
        0.075,  # core_distance
        0.472,  # card_blurb
        -0.501,  # short_fragment
        0.622,  # glued
        0.409,  # title_overlap
        -0.133,  # title_context
        -2.196,  # after_end
        -0.007,  # colon_end
        -0.403,  # question_end
        0.558,  # label_prefix
        -3.665,  # bias
    ]
)
_WEIGHTS2 = np.array(
    [
        2.189,  # log_words
        1.417,  # long
        0.98,  # terminal
        -1.371,  # stop_ratio
        -0.423,  # title_ratio
        -0.282,  # caps_ratio
        2.094,  # digit_ratio
        -0.834,  # separators
        -0.16,  # bullet
        -2.089,  # boiler
        -3.242,  # credit
        -1.873,  # bio
        -0.628,  # date
        -0.23,  # repeated
        0.296,  # blank_before
        0.3,  # blank_after
        -1.728,  # context
        -0.474,  # position
        0.67,  # in_core
        1.593,  # core_distance
        0.416,  # card_blurb
        -0.207,  # short_fragment
        0.468,  # glued
        0.489,  # title_overlap
        -0.196,  # title_context
        -0.494,  # after_end
        -0.073,  # colon_end
        -0.467,  # question_end
        0.326,  # label_prefix
        -0.54,  # p1
        0.994,  # p1_prev
        1.021,  # p1_next
        2.501,  # p1_window2
        2.224,  # p1_window6
        -0.336,  # p1_max_before
        0.421,  # p1_max_after
        0.399,  # seg1_in
        -1.67,  # seg1_distance
        -1.069,  # seg1_between
        -4.056,  # bias
    ]
)
# A line counts for the body run above this probability and is kept above the second: a
# short line inside the run (a subheading, a list item) needs less than a line that would
# start one (CV-chosen from 0.5/0.5, 0.4/0.35, 0.35/0.3: recall first within 0.01 of F1).
_SEGMENT_AT = 0.4
_KEEP_AT = 0.35
# No line costs the run more than this: a caption, a pull-out box or a share bar between two
# parts of the body (each left out on its own) must not split the body and lose one part.
# CV by page (fold weights fixed, 2026-12-02): cost unbounded 0.9266 / 0.8552 (zyte-dev /
# trafilatura-dev F1), 1.0 0.9332 / 0.8557, 0.5 0.9332 / 0.8576, 0.3 0.9325 / 0.8612 (zyte-dev
# precision 0.918); 0.5 is better on both halves of both sets.
_GAP_COST = 0.5


def line_spans(raw: str) -> list[tuple[int, int]]:
    """Non-blank lines of ``raw`` as spans, surrounding whitespace excluded."""
    spans = []
    for m in _LINE.finditer(raw):
        text = m.group()
        stripped = text.strip()
        if stripped:
            start = m.start() + (len(text) - len(text.lstrip()))
            spans.append((start, start + len(stripped)))
    return spans


# Characters whose case-insensitive match differs from ``str.lower`` ("İ", dotless "ı", long
# "ſ", the Kelvin sign is fine): a line holding one is matched by the full pattern, unfiltered.
_ODD_CASE = ("İ", "ı", "ſ")
# Words one of which a line must hold (lower-cased) for the credit or boilerplate-words
# pattern to match it: a substring test at C speed spares the pattern on most lines.
_CREDIT_KEYS = (
    "getty",
    "shutterstock",
    "photo",
    "afp",
    "reuters",
    "/",
    "credit",
    "representational",
)
_BOILER_KEYS = (
    "rights reserved",
    "privacy policy",
    "terms of",
    "cookie",
    "newsletter",
    "email address",
    "required fields",
    "enable javascript",
    "follow us",
    "click here",
    "©",
    "copyright",
)
_CLOSERS = "\"'”’»)]"
_TERMINAL_CHARS = frozenset(".!?…:;")


def _ends_sentence(text: str) -> bool:
    """``_TERMINAL.search(text)`` without a regex: the last character before any closing
    quotes and brackets is a sentence end (``$`` also matches before a final newline)."""
    if text.endswith("\n") and _ends_sentence(text[:-1]):
        return True
    stem = text.rstrip(_CLOSERS)
    return bool(stem) and stem[-1] in _TERMINAL_CHARS


class _Line(NamedTuple):
    """A line and everything the scorer asks of it, computed once (each pattern runs at most
    once a line, and only where a substring test says it can match)."""

    text: str
    words: list[str]
    blank_before: bool
    blank_after: bool
    lower: str
    letters: int
    upper: int
    digits: int
    chars: int
    unspaced: int
    terminal: bool
    boiler: bool
    credit: bool
    bio: bool
    date: bool  # a date or time in a line of fewer than 15 words
    furniture: bool
    end: bool


# Character classes, per code point, as bits: the letter and digit classes of the word
# patterns, "lower-casing changes it", ``isupper``, "lower-cases to two characters", space.
_IS_LETTER, _IS_DIGIT, _CHANGES, _IS_UPPER, _MULTI, _SPACE = 1, 2, 4, 8, 16, 32
_IS_UNSPACED = 64  # Han, kana, Thai: scripts written without spaces between words
_UNKNOWN = 255
_CLASSES = np.full(0x110000, _UNKNOWN, dtype=np.uint8)


def _char_bits(code: int) -> int:
    c = chr(code)
    low = c.lower()
    return (
        (_IS_LETTER if _LETTER.match(c) else 0)
        | (_IS_DIGIT if _DIGIT.match(c) else 0)
        | (_CHANGES if low != c else 0)
        | (_IS_UPPER if c.isupper() else 0)
        | (_MULTI if len(low) != 1 else 0)
        | (_SPACE if c.isspace() else 0)
        | (_IS_UNSPACED if _UNSPACED.match(c) else 0)
    )


def _line_counts(raw: str, spans: list[tuple[int, int]]) -> np.ndarray:
    """Letters, capitals, digits, non-space characters and characters of a script written
    without spaces (Han, kana, Thai) of every line, as an (n, 5) array, from one pass over the page's code points (a table lookup and prefix sums): a capital is
    a character that lower-casing changes (``isupper`` on a line with a character that
    lower-cases to two, as "İ")."""
    codes = np.frombuffer(raw.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    bits = _CLASSES[codes]
    unknown = bits == _UNKNOWN
    if unknown.any():
        for code in np.unique(codes[unknown]).tolist():
            _CLASSES[code] = _char_bits(code)
        bits = _CLASSES[codes]
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, e in spans], dtype=np.int64)

    def per_line(mask: np.ndarray) -> np.ndarray:
        csum = np.concatenate([[0], np.cumsum(mask, dtype=np.int64)])
        return np.asarray(csum[ends] - csum[starts])

    letters = per_line((bits & _IS_LETTER) != 0)
    changes = per_line((bits & _CHANGES) != 0)
    digits = per_line((bits & _IS_DIGIT) != 0)
    chars = per_line((bits & _SPACE) == 0)
    multi = per_line((bits & _MULTI) != 0)
    upper = np.where(multi > 0, per_line((bits & _IS_UPPER) != 0), changes)
    unspaced = per_line((bits & _IS_UNSPACED) != 0)
    return np.column_stack([letters, upper, digits, chars, unspaced])


def _lines_holding(raw: str, starts: list[int], keys: tuple[str, ...]) -> set[int]:
    """Indices of the lines (by their start offsets) whose lower-cased text holds one of
    ``keys``: one substring search of the page per key instead of one per line and key.
    A key holds no line break, so an occurrence never spans two lines."""
    lower = raw.lower()
    if len(lower) != len(raw):  # lower-casing moved offsets ("İ" -> "i̇"): line by line
        return {i for i, s in enumerate(starts) if any(k in _line_at(raw, starts, i) for k in keys)}
    found: set[int] = set()
    for key in keys:
        at = lower.find(key)
        while at >= 0:
            found.add(bisect.bisect_right(starts, at) - 1)
            at = lower.find(key, at + 1)
    return found


def _line_at(raw: str, starts: list[int], i: int) -> str:
    end = raw.find("\n", starts[i])
    return raw[starts[i] : end if end >= 0 else len(raw)].lower()


def _lines(raw: str, spans: list[tuple[int, int]]) -> list[_Line]:
    if not spans:
        return []
    counts = _line_counts(raw, spans).tolist()
    starts = [s for s, _ in spans]
    odd_case = any(c in raw for c in _ODD_CASE)
    maybe_credit = _lines_holding(raw, starts, _CREDIT_KEYS)
    maybe_boiler = _lines_holding(raw, starts, _BOILER_KEYS)
    # newlines between each line and the next (the last line's gap runs to the end)
    gaps = [raw.count("\n", spans[i][1], spans[i + 1][0]) for i in range(len(spans) - 1)]
    out = []
    for i, (start, end) in enumerate(spans):
        text = raw[start:end]
        words = _WORD.findall(text)
        nw = len(words)
        letters, upper, digits, chars, unspaced = counts[i]
        odd = odd_case and any(c in text for c in _ODD_CASE)
        terminal = _ends_sentence(text)
        furniture_line = _FURNITURE.match(text) is not None
        bio = _BIO.match(text) is not None
        credit = (odd or i in maybe_credit) and _CREDIT.search(text) is not None
        date = nw < 15 and digits > 0 and _DATE.search(text) is not None
        out.append(
            _Line(
                text=text,
                words=words,
                blank_before=i == 0 or gaps[i - 1] > 1,
                blank_after=i + 1 == len(spans) or gaps[i] > 1,
                lower=text.lower(),
                letters=letters,
                upper=upper,
                digits=digits,
                chars=chars,
                unspaced=unspaced,
                terminal=terminal,
                boiler=furniture_line
                or ((odd or i in maybe_boiler) and _BOILER_WORDS.search(text) is not None),
                credit=credit,
                bio=bio,
                date=date,
                furniture=(
                    furniture_line
                    or bio
                    or _MEDIA.match(text) is not None
                    or (credit and nw < 60)
                    # a byline or timestamp line ("FP News Desk June 26, 2025, 07:58:06 IST")
                    or (nw <= 12 and date and not terminal)
                    # a contact line ("Write to Jane Roe at jane.roe@example.com")
                    or (
                        nw <= 15
                        and "@" in text
                        and _EMAIL.search(text) is not None
                        and not _ends_sentence(text[:-1])
                    )
                ),
                end=bio or _END.match(text) is not None,
            )
        )
    return out


def _is_prose(line: _Line) -> bool:
    """A first guess of body prose: a long line that ends like a sentence or reads like one."""
    n = len(line.words)
    return n >= 12 and (line.terminal or _stop_ratio(line.words) > 0.3)


def _stop_ratio(words: list[str]) -> float:
    return sum(map(_STOP.__contains__, map(str.lower, words))) / len(words) if words else 0.0


def _max_segment(scores: list[float]) -> tuple[int, int]:
    """[start, end) of the contiguous run with the largest sum (Kadane); (0, 0) when none is positive."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _is_furniture(line: _Line) -> bool:
    """Page furniture the patterns name (ads, sharing, credits, bios, bylines, contact lines)."""
    return line.furniture


def _is_end(line: _Line) -> bool:
    return line.end


def _content(words: list[str]) -> set[str]:
    return {
        w.casefold() for w in words if len(w) > 3 and w.casefold() not in _STOP and w[0].isalpha()
    }


def _title_words(lines: list[_Line]) -> set[str]:
    """Content words of the lines that look like the page's headline: a headline usually
    appears twice (the page title and the heading), menus and captions rarely have 5+ words."""
    seen: dict[str, int] = {}
    for line in lines:
        if 5 <= len(line.words) <= 25 and not line.text.endswith(".") and not line.boiler:
            key = line.text.casefold()
            seen[key] = seen.get(key, 0) + 1
    words: set[str] = set()
    if not seen:
        return words
    for line in lines:
        if seen.get(line.text.casefold(), 0) > 1:
            words |= _content(line.words)
    return words


def _overlap(words: list[str], title_words: set[str]) -> float:
    if not title_words:
        return 0.0
    return min(1.0, 2 * len(_content(words) & title_words) / len(title_words))


def _features(lines: list[_Line]) -> np.ndarray:
    n = len(lines)
    if not n:
        return np.zeros((0, len(FEATURES)))
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.lower] = counts.get(line.lower, 0) + 1
    prose = [1.0 if _is_prose(line) else 0.0 for line in lines]
    # The densest run of prose by the first guess: prose lines count for, other lines against.
    core = _max_segment(
        [
            p * math.sqrt(len(line.text)) - 3.0 * (1 - p)
            for p, line in zip(prose, lines, strict=True)
        ]
    )
    title_words = _title_words(lines)
    overlap = [_overlap(line.words, title_words) for line in lines]
    first_prose = next((i for i, p in enumerate(prose) if p), n)
    after_end = [False] * n
    for i in range(first_prose + 1, n):
        after_end[i] = after_end[i - 1] or lines[i - 1].end
    # prose lines among the three before and the three after each line (0/1 sums: exact)
    idx = np.arange(n)
    csum = np.concatenate([[0], np.cumsum(np.array(prose, dtype=np.int64))])
    lo, hi = np.maximum(0, idx - 3), np.minimum(n, idx + 4)
    around = (csum[hi] - csum[lo] - csum[idx + 1] + csum[idx]).tolist()
    sizes = (hi - lo - 1).tolist()
    log100, log50 = math.log(100), math.log(50)
    rows = []
    for i, line in enumerate(lines):
        words = line.words
        nw = len(words)
        text = line.text
        alpha = [w for w in words if w[0].isalpha()]
        distance = 0 if core[0] <= i < core[1] else min(abs(i - core[0]), abs(i - core[1] + 1))
        prev = lines[i - 1] if i else None
        card_blurb = (
            prev is not None
            and not line.blank_before
            and 4 <= len(prev.words) <= 25
            and not prev.terminal
        )
        rows.append(
            (
                # a script written without spaces counts a word per two characters
                math.log1p(nw + line.unspaced // 2) / log100,
                min(nw + line.unspaced // 2, 40) / 40,
                1.0 if line.terminal else 0.0,
                _stop_ratio(words),
                sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0,
                line.upper / line.letters if line.letters else 0.0,
                line.digits / line.chars if line.chars else 0.0,
                1.0 if _SEPARATORS.search(text) else 0.0,
                1.0 if _BULLET.match(text) else 0.0,
                1.0 if line.boiler else 0.0,
                1.0 if line.credit else 0.0,
                1.0 if line.bio else 0.0,
                1.0 if line.date else 0.0,
                1.0 if counts[line.lower] > 1 else 0.0,
                1.0 if line.blank_before else 0.0,
                1.0 if line.blank_after else 0.0,
                around[i] / sizes[i] if sizes[i] else 0.0,
                i / max(1, n - 1),
                1.0 if distance == 0 else 0.0,
                math.log1p(distance) / log50,
                1.0 if card_blurb else 0.0,
                1.0 if nw <= 3 and not line.terminal else 0.0,
                0.0 if line.blank_before or line.blank_after else 1.0,
                overlap[i],
                max(overlap[max(0, i - 3) : i + 4]),
                1.0 if after_end[i] else 0.0,
                1.0 if text.endswith(":") else 0.0,
                1.0 if text.rstrip("\"'”’»)").endswith("?") else 0.0,
                1.0 if nw <= 8 and _LABEL.match(text) else 0.0,
            )
        )
    return np.array(rows, dtype=float)


def line_features(raw: str) -> np.ndarray:
    """The feature matrix of the non-blank lines of ``raw`` (rows follow ``line_spans``)."""
    spans = line_spans(raw)
    return _features(_lines(raw, spans))


def _probabilities(rows: np.ndarray, weights: np.ndarray) -> np.ndarray:
    z = rows @ weights[:-1] + weights[-1]
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


# The second pass reads the first pass's verdicts on the neighbourhood: a short line between
# two confident body paragraphs (a subheading, a list item, a pull quote) is body whatever it
# looks like alone, and a long line far from any confident body is a teaser or a comment.
STAGE2_FEATURES: tuple[str, ...] = (
    "p1",
    "p1_prev",
    "p1_next",
    "p1_window2",
    "p1_window6",
    "p1_max_before",
    "p1_max_after",
    "seg1_in",
    "seg1_distance",
    "seg1_between",
)

Scorer = tuple[np.ndarray, np.ndarray]


def stage2_features(lines_text: list[str], rows: np.ndarray, w1: np.ndarray) -> np.ndarray:
    """``rows`` extended with the first pass's probabilities around each line."""
    n = len(lines_text)
    p1 = _probabilities(rows, w1)
    size = np.sqrt(np.array([len(t) for t in lines_text], dtype=float))
    start, end = _max_segment(list((p1 - 0.5) * size))
    csum = np.concatenate([[0.0], np.cumsum(p1)])
    # the lines of the best first-pass run that are confidently body (its first and last)
    confident = [i for i in range(start, end) if p1[i] >= 0.5]
    lo, hi = (confident[0], confident[-1]) if confident else (start, end - 1)
    idx = np.arange(n)

    def window_mean(k: int) -> np.ndarray:
        a, b = np.maximum(0, idx - k), np.minimum(n, idx + k + 1)
        return np.asarray((csum[b] - csum[a] - p1) / np.maximum(1, b - a - 1))

    padded = np.concatenate([np.zeros(3), p1, np.zeros(3)])
    before = np.max([padded[3 - k : 3 - k + n] for k in (1, 2, 3)], axis=0)
    after = np.max([padded[3 + k : 3 + k + n] for k in (1, 2, 3)], axis=0)
    inside = (idx >= start) & (idx < end)
    distance = np.where(inside, 0, np.minimum(np.abs(idx - start), np.abs(idx - end + 1)))
    extra = np.column_stack(
        [
            p1,
            np.concatenate([[0.0], p1[:-1]]),
            np.concatenate([p1[1:], [0.0]]),
            window_mean(2),
            window_mean(6),
            before,
            after,
            inside.astype(float),
            np.log1p(distance) / math.log(50),
            ((idx > lo) & (idx < hi)).astype(float) if confident else np.zeros(n),
        ]
    )
    return np.hstack([rows, extra])


def line_probabilities(raw: str, weights: Scorer | None = None) -> np.ndarray:
    """Body probability of each non-blank line of ``raw`` (two passes)."""
    spans = line_spans(raw)
    lines = _lines(raw, spans)
    return _line_probabilities(lines, weights)


def _line_probabilities(lines: list[_Line], weights: Scorer | None) -> np.ndarray:
    if not lines:
        return np.zeros(0)
    w1, w2 = (_WEIGHTS, _WEIGHTS2) if weights is None else weights
    rows = _features(lines)
    if w2.size == 0:
        return _probabilities(rows, w1)
    return _probabilities(stage2_features([line.text for line in lines], rows, w1), w2)


def select_body(raw: str, weights: Scorer | None = None) -> list[int]:
    """Indices (into ``line_spans(raw)``) of the lines that make up the article body."""
    return _select_lines(_lines(raw, line_spans(raw)), weights)


def _select_lines(
    lines: list[_Line], weights: Scorer | None, gap_cost: float = _GAP_COST
) -> list[int]:
    if not lines:
        return []
    probs = _line_probabilities(lines, weights)
    # Furniture the patterns name ("Share this article", "Advertisement") is left out anyway,
    # so it costs the run little: an ad break in the middle never cuts the body in two.
    scores = [
        max(-0.3, s) if _is_furniture(line) else max(-gap_cost, s)
        for line, s in (
            (line, (p - _SEGMENT_AT) * math.sqrt(len(line.text)))
            for p, line in zip(probs, lines, strict=True)
        )
    ]
    start, end = _max_segment(scores)
    if start == end:
        # Nothing is confidently body (a lone paragraph among menus): take the best line.
        best = max(range(len(lines)), key=lambda i: probs[i] * math.sqrt(len(lines[i].text)))
        return [best] if probs[best] >= 0.2 and len(lines[best].words) >= 10 else []
    mass = sum(max(0.0, s) for s in scores[start:end])
    done = 0.0
    for i in range(start, end):
        # Past the middle of the body, a bio or a comment form means the article is over.
        if i > start and _is_end(lines[i]) and done > 0.5 * mass:
            end = i
            break
        done += max(0.0, scores[i])
    # Furniture, photo credits and bios named by the patterns never count as body, whatever
    # the scorer says about their length.
    kept = [i for i in range(start, end) if probs[i] >= _KEEP_AT and not _is_furniture(lines[i])]
    return _trim_edges(lines, kept)


def _repeated_in(words: set[str], others: list[set[str]]) -> bool:
    return len(words) >= 4 and any(len(words & o) >= 0.6 * len(words) for o in others)


def _is_headline_shaped(line: _Line) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    shouting = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return len(line.words) <= 40 and (shouting or not line.terminal)


def _trim_edges(lines: list[_Line], kept: list[int]) -> list[int]:
    """Drop a standfirst kept above the body's first gap (two or more lines left out, as a
    caption or an ad leaves) when the body says it again (most of its content words are in
    one later line): the copy in the body is kept, so nothing is lost. A lead paragraph that
    is not repeated stays: it is the article's first paragraph. Then drop a trailing teaser
    card: a headline line glued to its one-line blurb."""
    gap = next((j for j in range(1, min(len(kept), 3)) if kept[j] - kept[j - 1] > 2), None)
    if gap is not None:
        later = [_content(lines[i].words) for i in kept[gap:]]
        if all(_repeated_in(_content(lines[i].words), later) for i in kept[:gap]):
            kept = kept[gap:]
    # An opening line that ends no sentence, or shouts, is a headline or a dek: a body opens
    # with a sentence (subheadings of that shape further down stay).
    for _ in range(2):
        if len(kept) > 3 and _is_headline_shaped(lines[kept[0]]):
            kept = kept[1:]
    while len(kept) >= 3:
        last = kept[-1]
        prev = last - 1
        if prev in kept and not lines[last].blank_before and not lines[prev].terminal:
            kept = kept[:-2]
        else:
            break
    return kept


def assemble(doc: RawDocument, kept: list[tuple[int, int]], **metadata: object) -> Article:
    """Join kept raw spans into paragraphs separated by a blank line, recording the offset map
    (from which ``Article.removed`` lists every other stretch of ``raw`` for the reader)."""
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for start, end in kept:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(doc.raw[start:end])
        segments.append(Segment(text_start=pos, raw_start=start, length=end - start))
        pos += end - start
    text = "".join(parts)
    digest = article_id(doc.raw)
    visible = visible_chars(doc.raw)
    kept_visible = visible_chars(text)
    return Article(
        id=digest,
        source=doc.source,
        text=text,
        raw=doc.raw,
        segments=segments,
        words=count_words(text),
        boilerplate_chars=visible - kept_visible,
        **metadata,
    )


# "<Headline> WASHINGTON (Reuters) - ...": a wire dateline after words that end no sentence
# means the headline was flattened onto the body's first line.
_GLUED_DATELINE = re.compile(
    r"(?<=\S)\s+(?=(?:[A-Z][A-Z.'’-]+\s?){1,4}(?:,\s[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?"
    r"\s*\([A-Z][\w .-]{1,30}\)\s*[-–—:])"
)


def split_glued_headline(
    raw: str, kept: list[tuple[int, int]], title: str | None
) -> tuple[list[tuple[int, int]], str | None]:
    """Cut a headline off the front of the first body line: the known title followed by the
    text, or words before a dateline. Returns the spans and the headline cut off (or None)."""
    if not kept:
        return kept, None
    start, end = kept[0]
    line = raw[start:end]
    cut: int | None = None
    if title and len(line) > len(title) + 20 and line.casefold().startswith(title.casefold()):
        rest = line[len(title) :]
        if rest[:1].isspace() and not _TERMINAL.search(title):
            cut = len(title) + len(rest) - len(rest.lstrip())
    elif (m := _GLUED_DATELINE.search(line[:300])) is not None:
        head = line[: m.start()]
        if 3 <= len(head.split()) <= 30 and not _TERMINAL.search(head):
            cut = m.end()
    if cut is None:
        return kept, None
    headline = line[:cut].strip()
    return [(start + cut, end), *kept[1:]], headline


def clean_text(
    doc: RawDocument,
    config: CleanConfig,
    weights: Scorer | None = None,
    gap_cost: float = _GAP_COST,
) -> Article | Dropped:
    """Body lines and metadata of a flattened page; ``weights`` overrides the fitted scorer,
    ``gap_cost`` the most a left-out line costs the body run (``math.inf``: no bound)."""
    spans = line_spans(doc.raw)
    facts = _lines(doc.raw, spans)
    body = _select_lines(facts, weights, gap_cost)
    lines = [line.text for line in facts]
    meta = metadata.extract(lines, body, doc.hints)
    title_key = (meta.title or "").casefold()
    kept = [spans[i] for i in body if lines[i].casefold() != title_key]
    kept, headline = split_glued_headline(doc.raw, kept, meta.title)
    if headline and meta.title is None:
        meta.title = headline
    article = assemble(doc, kept, **meta.as_fields())
    # The whole page when it is short (a placeholder's one paragraph may not read as a body),
    # else what was kept.
    reason = not_an_article(doc.raw[:5000]) or not_an_article(article.text)
    if reason is not None:
        return Dropped(source=doc.source, reason=reason)
    if article.words < config.min_words:
        return Dropped(source=doc.source, reason=f"too little text ({article.words} words)")
    return article
