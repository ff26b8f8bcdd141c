"""Scanning quote marks into quotations, and the sentence and paragraph context around them
(step 1 of :mod:`storylens.quotes`)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Literal

from storylens.records import Article

if TYPE_CHECKING:
    pass
from storylens.quotes._types import Span
from storylens.quotes.evidence import _Evidence
from storylens.quotes.vocabulary import (
    _ABBREVIATIONS,
    _AFTER_CUE_WHO,
    _CUE_WORD,
    _NORM_DROP,
    _PARAGRAPH,
    _WORD,
)

_FAMILY = {
    '"': ("double", None), "“": ("double", "open"), "”": ("double", "close"),
    "„": ("double", "open"), "‟": ("double", "open"),
    "'": ("single", None), "‘": ("single", "open"), "’": ("single", "close"),
    "‚": ("single", "open"), "‛": ("single", "open"),
    "«": ("guillemet", "open"), "»": ("guillemet", "close"),
    "‹": ("sguillemet", "open"), "›": ("sguillemet", "close"),
}  # fmt: skip


_OPEN_BEFORE = set("([{—–-/:;,") | set(_FAMILY)


_CLOSE_AFTER = set(".,;:!?)]}—–-…") | set(_FAMILY)


@dataclass
class ScannedQuote:
    """One outer quotation in one paragraph: ``span`` is the content, marks excluded."""

    open: int
    close: int
    span: Span
    group: int
    """Pieces of one statement (continued across paragraphs or broken by attribution) share
    it, and with it their speaker."""
    sentence_break: bool = False
    """True when this piece starts a new sentence after a whole attribution sentence
    (``“A,” Clinton said on Thursday. “B.”``): the same speaker goes on, but ``B`` is a
    quotation of its own, not the rest of ``A``'s sentence (the annotation guide's unit)."""


def _paragraphs(text: str) -> list[Span]:
    return list(_paragraph_spans(text))


@lru_cache(maxsize=64)
def _paragraph_spans(text: str) -> tuple[Span, ...]:
    return tuple((m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip())


def _role(text: str, i: int, lo: int, hi: int) -> str | None:
    """Whether the mark at ``i`` opens, closes, or is an apostrophe (None), from its neighbours."""
    mark = text[i]
    family, hint = _FAMILY[mark]
    prev = text[i - 1] if i > lo else None
    nxt = text[i + 1] if i + 1 < hi else None
    if mark in "\"'" and (prev == "=" or nxt == ">"):
        return None  # an attribute value in markup left in the text (<tweet id="...">)
    if family == "single":
        if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
            return None
        if (prev is None or prev.isspace()) and nxt is not None and nxt.isdigit():
            return None
    can_open = (prev is None or prev.isspace() or prev in _OPEN_BEFORE) and (
        nxt is not None and not nxt.isspace() and nxt not in ".,;:!?)]}"
    )
    can_close = (prev is not None and not prev.isspace()) and (
        nxt is None or nxt.isspace() or nxt in _CLOSE_AFTER
    )
    if (
        family != "single"
        and prev is not None
        and nxt is not None
        and prev.isspace()
        and nxt.isspace()
    ):
        return "either"  # "workup, “ Winawer said": a mark adrift between spaces closes
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if family == "single" and not (can_open or can_close):
        return None
    return hint or "either"


def scan_quotes(text: str) -> list[ScannedQuote]:
    """Outer quotations of ``text`` in order; see the module docstring for the rules."""
    quotes: list[ScannedQuote] = []
    carried: int | None = None  # group of a quote left open at the end of the previous paragraph
    paragraphs = _paragraphs(text)
    next_group = 0
    for p, (lo, hi) in enumerate(paragraphs):
        stack: list[tuple[str, int]] = []
        pairs: list[tuple[int, int]] = []
        for i in range(lo, hi):
            if _broken_close(text, i, lo, hi):
                # "again,�? Carson said": a closing ” lost in a bad re-encoding; the pair of
                # characters closes the quote, and the content stops before them
                at = next(
                    (j for j in range(len(stack) - 1, -1, -1) if stack[j][0] == "double"), None
                )
                if at is not None:
                    pairs.append((stack[at][1], i + 1))
                    del stack[at:]
                continue
            if text[i] not in _FAMILY:
                continue
            role = _role(text, i, lo, hi)
            if role is None:
                continue
            family = _FAMILY[text[i]][0]
            open_at = next(
                (j for j in range(len(stack) - 1, -1, -1) if stack[j][0] == family), None
            )
            if role == "either":
                role = "close" if open_at is not None else "open"
            if role == "open":
                stack.append((family, i))
            elif open_at is not None:
                pairs.append((stack[open_at][1], i))
                del stack[open_at:]
        outer = [(o, c) for o, c in pairs if not any(o2 < o and c < c2 for o2, c2 in pairs)]
        outer.sort()
        # a quote still open at the paragraph end continues if the next paragraph opens one
        dangling = next(
            (
                pos
                for fam, pos in stack
                if fam != "single" and not any(o < pos < c for o, c in outer)
            ),
            None,
        )
        groups: list[int] = []
        new_sentence: set[int] = set()  # opening marks of pieces after an attribution sentence
        for k, (o, _c) in enumerate(outer):
            brk = (
                _is_break(
                    text[outer[k - 1][1] + 1 : o],
                    text[max(lo, outer[k - 1][1] - 4) : outer[k - 1][1]].rstrip("’'\" ")[-1:],
                )
                # pieces of one statement share their marks: ‘A Shore Thing,’ in the subject
                # of "…, told DeGeneres, “I want …”" is a title, not its first words
                if k > 0 and _FAMILY[text[outer[k - 1][0]]][0] == _FAMILY[text[o]][0]
                else None
            )
            if k == 0 and carried is not None and text[lo:o].strip() == "":
                groups.append(carried)
            elif brk is not None:
                groups.append(groups[-1])
                if brk == "sentence":
                    new_sentence.add(o)
            else:
                groups.append(next_group)
                next_group += 1
        spans = [(o, c, g) for (o, c), g in zip(outer, groups, strict=True)]
        new_carried: int | None = None
        if dangling is not None and p + 1 < len(paragraphs):
            nlo, nhi = paragraphs[p + 1]
            tail = text[dangling + 1 : hi].rstrip()
            first = text[nlo]
            if (
                tail
                and tail[-1] in ".!?…"
                and first in _FAMILY
                and _FAMILY[first][0] == _FAMILY[text[dangling]][0]
                and _role(text, nlo, nlo, nhi) in ("open", "either")
            ):
                group = carried if carried is not None and text[lo:dangling].strip() == "" else None
                if group is None:
                    group = next_group
                    next_group += 1
                spans.append((dangling, hi, group))
                new_carried = group
        for o, c, g in sorted(spans):
            span = _trim(text, o + 1, c)
            if span is not None:
                quotes.append(
                    ScannedQuote(
                        open=o, close=c, span=span, group=g, sentence_break=o in new_sentence
                    )
                )
        carried = new_carried
    return quotes


_BROKEN = "\ufffd"


def _broken_close(text: str, i: int, lo: int, hi: int) -> bool:
    return (
        text[i] == _BROKEN
        and i + 1 < hi
        and text[i + 1] == "?"
        and i > lo
        and not text[i - 1].isspace()
        and (i + 2 >= hi or text[i + 2].isspace() or text[i + 2] in _CLOSE_AFTER)
    )


def _is_break(between: str, last: str) -> Literal["clause", "sentence"] | None:
    """Text between two quotes that only attributes them: ``,” he added, “`` — or a whole
    attribution sentence after a quote that closed on its own punctuation (``“A,” Clinton said
    on Thursday. “B.”``): the next quote goes on with the same speech. A fragment followed by
    the writer's words (``“aren't buying” impeachment, Trump said. “You ...”``) does not.
    ``"clause"`` when the quote's own sentence goes on, ``"sentence"`` when a new one starts."""
    words = between.split()
    if not words or not _CUE_WORD.search(between):
        return None
    end = between.rstrip()[-1:]
    if end == ":" and last in ".!?…":
        return None  # "“… intellect.” Television chef Jamie Oliver added: “…”": a new speaker
    if end in ",:":
        return "clause" if len(words) <= 8 else None
    sentence = (
        end == "."
        and (last in ",!?" or _AFTER_CUE_WHO.match(between) is not None)
        and len(words) <= 30
        and not any(  # one sentence only ("Gov. Kasich replied on Oct. 21." is one)
            not _ends_abbreviation(between, 0, m.start())
            for m in re.finditer(r"[.!?]\s+(?=[A-Z])", between.rstrip()[:-1])
        )
        and bool(_CUE_WORD.search(" ".join(words[:20])))  # a sentence led by the attribution
    )
    return "sentence" if sentence else None


def _trim(text: str, start: int, end: int) -> Span | None:
    """Content without surrounding spaces and the comma that only belongs to the attribution."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:" + _BROKEN):
        end -= 1
    content = text[start:end]
    if not re.search(r"[^\W\d_]{2}", content):  # a number or a date in marks says nothing
        return None
    return (start, end)


def _norm_words(text: str) -> list[str]:
    return [w for w in (_norm(t) for t in _WORD.findall(text)) if w]


def _norm(token: str) -> str:
    return _NORM_DROP.sub("", token.lower())


def _surface_words(text: str) -> list[tuple[str, str]]:
    return [(t, n) for t in _WORD.findall(text) if (n := _norm(t))]


def _ends_abbreviation(text: str, lo: int, at: int) -> bool:
    """Whether the full stop at ``at`` closes an abbreviation or initial (U.S., Mr., J.), not a sentence."""
    word = re.findall(r"[\w.]+$", text[max(lo, at - 40) : at])
    return bool(
        word
        and text[at] == "."
        and ("." in word[0] or len(word[0]) == 1 or word[0].lower() in _ABBREVIATIONS)
    )


_SENTENCE_GAP = re.compile(r"[.!?…][\"'”’)]*\s+(?=[A-Z“\"‘'«])")


_SENTENCE_STOP = re.compile(r"[.!?…](?=[\"'”’)]*(?:\s+[A-Z“\"‘'«]|\s*$))")


@lru_cache(maxsize=256)
def _boundaries(
    text: str, lo: int, hi: int, masked: tuple[Span, ...]
) -> tuple[list[int], list[int]]:
    """Where sentences of the paragraph ``text[lo:hi]`` may start and end, read once per
    paragraph (a text of many short quotes asks for them once per quote): full stops neither
    inside a quotation nor closing an abbreviation (U.S., Mr.)."""
    piece = text[lo:hi]

    ordered = sorted(masked)
    opens = [s for s, _ in ordered]
    reach = list(accumulate((e for _, e in ordered), max))  # furthest end among those opened

    def real(at: int) -> bool:
        k = bisect_right(opens, at)
        inside = k > 0 and reach[k - 1] > at
        return not inside and not _ends_abbreviation(text, lo, at)

    starts = [lo + m.end() for m in _SENTENCE_GAP.finditer(piece) if real(lo + m.start())]
    ends = [lo + m.start() + 1 for m in _SENTENCE_STOP.finditer(piece) if real(lo + m.start())]
    return starts, ends


def _paragraph_end(text: str, lo: int) -> int:
    paragraphs = _paragraphs(text)
    k = bisect_right(paragraphs, (lo, len(text) + 1)) - 1
    return paragraphs[k][1] if k >= 0 and paragraphs[k][0] == lo else len(text)


def _sentence_start(text: str, pos: int, lo: int, masked: list[Span]) -> int:
    """Start of the sentence holding ``pos``: after the last sentence end in the paragraph that
    is neither inside a quote nor an abbreviation (U.S., Mr.)."""
    starts, _ = _boundaries(text, lo, _paragraph_end(text, lo), tuple(masked))
    # a sentence that starts with the quote mark at ``pos`` counts
    k = bisect_right(starts, pos)
    return starts[k - 1] if k > 0 else lo


def _sentence_end(text: str, pos: int, hi: int, masked: list[Span]) -> int:
    lo = next((s for s, e in _paragraphs(text) if s <= pos < e or e == hi), pos)
    _, ends = _boundaries(text, lo, hi, tuple(masked))
    k = bisect_left(ends, pos + 1)
    return ends[k] if k < len(ends) else hi


@dataclass
class _Context:
    """The words around one quote that may frame it, all as spans of the article text."""

    paragraph: Span
    before: Span
    after: Span
    earlier: list[Span]


def _context(text: str, quote: ScannedQuote, quotes: list[ScannedQuote]) -> _Context:
    para = next((s, e) for s, e in _paragraphs(text) if s <= quote.open < e)
    lo, hi = para
    masked = [(q.open, q.close + 1) for q in quotes if lo <= q.open < hi]
    start = _sentence_start(text, quote.open, lo, masked)
    before = (start, quote.open)
    after = (quote.close + 1, _sentence_end(text, quote.close + 1, hi, masked))
    earlier: list[Span] = []
    if text[lo:start].strip():
        s_end = start
        while s_end > lo and len(earlier) < 3:
            s_start = _sentence_start(text, max(lo, s_end - 1), lo, masked)
            earlier.append((s_start, s_end))
            s_end = s_start
    elif not text[lo : quote.open].strip():
        paragraphs = _paragraphs(text)
        idx = paragraphs.index(para)
        if idx > 0:
            plo, phi = paragraphs[idx - 1]
            pmasked = [(q.open, q.close + 1) for q in quotes if plo <= q.open < phi]
            s = plo
            sentences = []
            while s < phi:
                e = _sentence_end(text, s, phi, pmasked)
                sentences.append((s, e))
                s = e
                while s < phi and text[s].isspace():
                    s += 1
            earlier = list(reversed(sentences))
    return _Context(paragraph=para, before=before, after=after, earlier=earlier)


def _outside(span: Span, quotes: list[ScannedQuote]) -> list[Span]:
    """Pieces of ``span`` not inside any quotation (marks included)."""
    pieces = [span]
    for q in [q for q in quotes if q.open < span[1] and q.close + 1 > span[0]]:
        cut: list[Span] = []
        for s, e in pieces:
            o, c = q.open, q.close + 1
            if c <= s or o >= e:
                cut.append((s, e))
                continue
            if s < o:
                cut.append((s, o))
            if c < e:
                cut.append((c, e))
        pieces = cut
    return [p for p in pieces if p[1] > p[0]]


def _pieces(quotes: list[ScannedQuote], quote: ScannedQuote) -> list[ScannedQuote]:
    """Every piece of the utterance ``quote`` belongs to, in text order."""
    return [q for q in quotes if q.group == quote.group]


def _quote_at(quotes: list[ScannedQuote], span: Span) -> ScannedQuote | None:
    return next((q for q in quotes if q.span == span), None) or next(
        (q for q in quotes if q.open < span[0] and span[1] <= q.close), None
    )


@dataclass
class _Mention:
    article: Article
    order: int
    quote: ScannedQuote
    words: list[str]
    kind: Literal["full", "partial"]
    speaker: str | None = None
    where: str | None = None
    when: str | None = None
    when_span: Span | None = None
    evidence: _Evidence | None = None

    @property
    def text(self) -> str:
        return self.article.slice(self.quote.span)
