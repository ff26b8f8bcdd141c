"""Where and when a quotation was said, as the article reports it (step 3 of
:mod:`storylens.quotes`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from storylens.records import Article

if TYPE_CHECKING:
    pass
from storylens.quotes._types import Span
from storylens.quotes.marks import (
    ScannedQuote,
    _context,
    _norm,
    _outside,
    _pieces,
    _quote_at,
    scan_quotes,
)
from storylens.quotes.speakers import _attribution
from storylens.quotes.vocabulary import (
    _ABBREVIATIONS,
    _OCCASION,
    _SPEECH,
    _TITLES,
    _WHEN,
    _WHERE_START,
    _WHERE_STOP,
)


@dataclass(frozen=True)
class Phrase:
    text: str
    span: Span


def _find_where(text: str, span: Span) -> Phrase | None:
    s, e = span
    piece = text[s:e]
    for m in _WHERE_START.finditer(piece):
        start = m.start()
        if start > 0 and piece[start - 1].isalnum():
            continue
        stop = _WHERE_STOP.search(piece, m.end() - 1)
        end = stop.start() if stop else len(piece)
        phrase = piece[start:end].rstrip()
        rest = phrase[m.end() - start :]
        if rest.split() and _norm(rest.split()[-1]) in _TITLES | _ABBREVIATIONS:
            continue  # "in Mr", "forwarded by Mr": cut at an abbreviation, not a setting
        if not rest.split() or (
            rest.split()[0].endswith("ing") and not m.group().lower().startswith("while")
        ):
            continue
        spatial = not re.match(r"(?i)at|in|during|while", m.group())
        if spatial or _OCCASION.search(rest) or any(w[:1].isupper() for w in rest.split()):
            return Phrase(phrase, (s + start, s + start + len(phrase)))
    return None


def _find_when(text: str, span: Span) -> Phrase | None:
    for m in _WHEN.finditer(text, span[0], span[1]):
        if not re.search(
            r"\b(?:since|until|till|by|from|before|after)\s+$", text[span[0] : m.start()]
        ):
            return Phrase(m.group(), m.span())
    return None


def said_where_when(
    article: Article, span: Span, speaker: str | None = None
) -> tuple[Phrase | None, Phrase | None]:
    """Where and when the quote at ``span`` was said, as this article reports it (exact text).

    Sentences before the quote's own only count when they name ``speaker`` (its last word):
    without a known speaker there is no telling whether they describe the same occasion.
    """
    quotes = scan_quotes(article.text)
    quote = _quote_at(quotes, span)
    if quote is None:
        return None, None
    for piece in _pieces(quotes, quote):  # the utterance's setting may follow a later piece
        where, when = _setting(article.text, piece, quotes, speaker)
        if where or when:
            return where, when
    return None, None


def _setting(
    text: str, quote: ScannedQuote, quotes: list[ScannedQuote], speaker: str | None
) -> tuple[Phrase | None, Phrase | None]:
    ctx = _context(text, quote, quotes)
    att = _attribution(text, quote, quotes, ctx)
    hidden = [*quotes, ScannedQuote(att.span[0], att.span[1] - 1, att.span, -1)] if att else quotes
    where: Phrase | None = None
    when: Phrase | None = None
    surname = re.compile(rf"\b{re.escape(speaker.split()[-1])}\b") if speaker else None
    earlier = [(s, e) for s, e in ctx.earlier if surname and surname.search(text, s, e)]
    for s, e in [ctx.before, ctx.after, *earlier]:
        parts = _outside((s, e), hidden)
        if not any(_SPEECH.search(text[ps:pe]) for ps, pe in parts) and not (
            att and s <= att.span[0] < e
        ):
            continue  # a sentence that is not about the speaking says nothing of its setting
        that = re.search(r"\bthat\b", text[s:e])
        cut = s + that.start() if that else e
        for ps, pe in parts:
            if ps >= cut:
                break
            where = where or _find_where(text, (ps, min(pe, cut)))
            when = when or _find_when(text, (ps, min(pe, cut)))
    return where, when


def said_on(article: Article, span: Span) -> date | None:
    """The calendar day the "when" phrase at ``span`` names, by the project's one date rule
    (:func:`storylens.slots.dates`: relative words against the publication day, in its own time
    zone). A week or a month ("last week") is no single day, and an article without a
    publication date leaves relative words unresolved: None, never a guess."""
    from storylens.slots import dates

    found = dates(article, span)
    return found[0].start if len(found) == 1 and found[0].start == found[0].end else None
